//! The lexicon (gazetteer): entities read from `ontology/entities/*.ttl`, and the
//! index that finds their names in text despite clitics and spelling variants.

pub mod romanize;
pub mod skeleton;

use crate::text::{Token, TokenKind, clitics, fold};
use oxrdf::{NamedOrBlankNode, Term};
use oxttl::TurtleParser;
use skeleton::{Skeleton, g_fold, skeleton};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Namespace of the isnad ontology.
pub const ISN: &str = "https://w3id.org/isnad/ontology#";
/// Namespace of entity IRIs.
pub const ID: &str = "https://w3id.org/isnad/id/";

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const SKOS_PREF: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
const SKOS_ALT: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";

/// Index of an entity in the [`Lexicon`].
pub type EntityId = u32;

/// The type of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Kind {
    /// A person.
    Person,
    /// A country or territory.
    Country,
    /// A city.
    City,
    /// A region that is not a country (Crimea, Gaza Strip).
    Region,
    /// An organisation.
    Organization,
    /// A named event (conference, summit, forum).
    Event,
}

impl Kind {
    /// The class local name in the isnad ontology.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Person => "Person",
            Kind::Country => "Country",
            Kind::City => "City",
            Kind::Region => "Region",
            Kind::Organization => "Organization",
            Kind::Event => "Event",
        }
    }

    /// Parses a class local name (`Person`, `Country`…); event subclasses give `Event`.
    pub fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "Person" => Kind::Person,
            "Country" => Kind::Country,
            "City" => Kind::City,
            "Region" => Kind::Region,
            "Territory" => Kind::Country,
            "Organization" => Kind::Organization,
            "Event" | "Conference" | "Summit" | "Forum" | "Meeting" | "Visit" | "PhoneCall"
            | "MilitaryExercise" => Kind::Event,
            _ => return None,
        })
    }
}

/// Whether an office makes its holder a leader or an official of a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Office {
    /// Head of state or government, king, emir, supreme leader.
    Leader,
    /// Minister, secretary, commander, spokesperson.
    Official,
}

/// One entity of the lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Its IRI.
    pub iri: String,
    /// Its type.
    pub kind: Kind,
    /// Arabic label (original spelling).
    pub label_ar: String,
    /// English label, when known.
    pub label_en: Option<String>,
    /// Wikidata (or other) IRIs it is the same as.
    pub same_as: Vec<String>,
    /// For a capital, the country it is the capital of.
    pub capital_of: Option<EntityId>,
    /// For a person, the country of their office.
    pub country: Option<EntityId>,
    /// For a person, the office kind.
    pub office: Option<Office>,
    /// For a person, the Arabic title of their office.
    pub title: Option<String>,
    /// For a person, the first and last day in office (ISO dates), when known.
    pub in_office: (Option<String>, Option<String>),
}

impl Entity {
    /// An entity a document names that the lexicon lacks: no country, office or links.
    pub fn found_in_text(iri: String, kind: Kind, label_ar: String) -> Entity {
        Entity {
            iri,
            kind,
            label_ar,
            label_en: None,
            same_as: vec![],
            capital_of: None,
            country: None,
            office: None,
            title: None,
            in_office: (None, None),
        }
    }

    /// Whether a person is in office on `date` (any day when the text is undated, or the
    /// lexicon gives no dates).
    pub fn in_office_on(&self, date: Option<&str>) -> bool {
        date.is_none_or(|d| {
            self.in_office.0.as_deref().is_none_or(|f| f <= d)
                && self.in_office.1.as_deref().is_none_or(|u| d <= u)
        })
    }
}

/// How a surface form names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// A name or label.
    Name,
    /// A nationality adjective (الصيني → China).
    Demonym,
}

#[derive(Debug, Clone)]
struct Form {
    entity: EntityId,
    kind: FormKind,
    /// Folded spelling without spaces, with the g-letters folded (غ ج ق → ج).
    folded: String,
    /// Letters in `folded`.
    letters: usize,
    /// Number of words in the listed form.
    words: usize,
    /// The form names a person (only person names are matched by skeleton).
    person: bool,
    first: char,
    last: char,
}

/// A lexicon entry found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct LexMatch {
    /// Number of tokens covered.
    pub len: usize,
    /// Proclitics on the first token (`"و"`, `"ل"`…).
    pub clitics: &'static str,
    /// The entity.
    pub entity: EntityId,
    /// Name or nationality adjective.
    pub form: FormKind,
    /// True when the spelling is exactly a listed one (not only its skeleton).
    pub exact: bool,
}

/// A proclitic split of a word that may be the first word of a lexicon form, with its
/// skeleton and g-folded letters (see [`Lexicon::first_words`]).
#[derive(Debug, Clone)]
pub struct FirstWord {
    clitics: &'static str,
    sk: Skeleton,
    joined: String,
}

/// Buffers [`Lexicon::longest_match_from`] reuses from one call to the next.
#[derive(Debug, Default)]
pub struct MatchScratch {
    sk: Skeleton,
    joined: String,
}

/// An error while reading the lexicon.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A Turtle syntax error.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// 1-based column.
        column: u64,
        /// What the parser expected.
        message: String,
    },
}

/// The gazetteer: entities and the index of their surface forms.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    entities: Vec<Entity>,
    by_iri: HashMap<String, EntityId>,
    forms: rustc_hash::FxHashMap<String, Vec<Form>>,
    short: rustc_hash::FxHashMap<String, Vec<EntityId>>,
    /// [`skeleton::key_head`] of every key in `short`.
    short_heads: rustc_hash::FxHashSet<u64>,
    /// Every short name as the lexicon spells it (folded).
    short_spellings: rustc_hash::FxHashSet<String>,
    demonyms: HashMap<EntityId, Vec<String>>,
    prefixes: rustc_hash::FxHashSet<String>,
    /// [`skeleton::key_head`] of every key in `prefixes`: most words fail this test.
    prefix_heads: rustc_hash::FxHashSet<u64>,
    /// Every beginning of every key in `forms`, character by character: a match stops
    /// growing word by word as soon as its key leaves this set.
    key_beginnings: rustc_hash::FxHashSet<String>,
    /// The countries whose Arabic name opens with a word (folded, without the article):
    /// مملكه for المملكة العربية السعودية and المملكة المغربية.
    countries_by_first_word: rustc_hash::FxHashMap<String, Vec<EntityId>>,
    /// Forms written with a shadda, folded: the entity a text with a shadda there means
    /// when another shares the letters (عمّان Amman, not عمان Oman).
    shadda_forms: rustc_hash::FxHashMap<String, EntityId>,
    max_tokens: usize,
}

#[derive(Default)]
struct RawEntity {
    types: Vec<String>,
    label_ar: Option<String>,
    pref_ar: Option<String>,
    label_en: Option<String>,
    alts: Vec<String>,
    demonyms: Vec<String>,
    shorts: Vec<String>,
    same_as: Vec<String>,
    capital_of: Option<String>,
    capital: Option<String>,
    country: Option<String>,
    office: Option<String>,
    title: Option<String>,
    from: Option<String>,
    until: Option<String>,
}

impl Lexicon {
    /// Reads every `*.ttl` file of a directory (sorted by name, so ids are stable).
    pub fn load_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|source| LexiconError::Io {
                path: dir.to_path_buf(),
                source,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "ttl"))
            .collect();
        files.sort();
        let mut sources = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|source| LexiconError::Io {
                path: f.clone(),
                source,
            })?;
            sources.push((f, text));
        }
        Self::from_sources(&sources)
    }

    /// Builds a lexicon from Turtle texts, each named by its path (for error messages).
    pub fn from_sources(sources: &[(PathBuf, String)]) -> Result<Lexicon, LexiconError> {
        let mut raw: Vec<(String, RawEntity)> = Vec::new();
        let mut pos: HashMap<String, usize> = HashMap::new();
        for (path, text) in sources {
            for triple in TurtleParser::new().for_slice(text.as_bytes()) {
                let t = triple.map_err(|e| {
                    let loc = e.location();
                    LexiconError::Syntax {
                        path: path.clone(),
                        line: loc.start.line + 1,
                        column: loc.start.column + 1,
                        message: e.message().to_string(),
                    }
                })?;
                let NamedOrBlankNode::NamedNode(s) = &t.subject else {
                    continue;
                };
                let i = *pos.entry(s.as_str().to_string()).or_insert_with(|| {
                    raw.push((s.as_str().to_string(), RawEntity::default()));
                    raw.len() - 1
                });
                let r = &mut raw[i].1;
                let p = t.predicate.as_str();
                let (lit, lang, iri) = match &t.object {
                    Term::Literal(l) => (
                        Some(l.value().to_string()),
                        l.language().map(str::to_string),
                        None,
                    ),
                    Term::NamedNode(n) => (None, None, Some(n.as_str().to_string())),
                    _ => (None, None, None),
                };
                let ar = lang.as_deref() == Some("ar");
                match (p, lit, iri) {
                    (RDF_TYPE, _, Some(c)) => r.types.push(c),
                    (RDFS_LABEL, Some(v), _) if ar => r.label_ar = Some(v),
                    (RDFS_LABEL, Some(v), _) if lang.as_deref() == Some("en") => {
                        r.label_en = Some(v)
                    }
                    (SKOS_PREF, Some(v), _) if ar => r.pref_ar = Some(v),
                    (SKOS_ALT, Some(v), _) if ar => r.alts.push(v),
                    (OWL_SAME_AS, _, Some(v)) => r.same_as.push(v),
                    (p, lit, iri) if p.starts_with(ISN) => match (&p[ISN.len()..], lit, iri) {
                        ("demonym", Some(v), _) => r.demonyms.push(v),
                        ("shortName", Some(v), _) => r.shorts.push(v),
                        ("capitalOf", _, Some(v)) => r.capital_of = Some(v),
                        ("capital", _, Some(v)) => r.capital = Some(v),
                        ("country", _, Some(v)) | ("locatedIn", _, Some(v)) => r.country = Some(v),
                        ("officeKind", Some(v), _) => r.office = Some(v),
                        ("title", Some(v), _) => r.title = Some(v),
                        ("inOfficeFrom", Some(v), _) => r.from = Some(v),
                        ("inOfficeUntil", Some(v), _) => r.until = Some(v),
                        _ => {}
                    },
                    _ => {}
                }
            }
        }
        let mut lex = Lexicon::default();
        let mut kept = Vec::new();
        for (iri, r) in &raw {
            let kind = r
                .types
                .iter()
                .find_map(|t| t.strip_prefix(ISN).and_then(Kind::parse));
            let label = r.pref_ar.clone().or_else(|| r.label_ar.clone());
            if let (Some(kind), Some(label)) = (kind, label) {
                let id = lex.entities.len() as EntityId;
                lex.by_iri.insert(iri.clone(), id);
                lex.entities.push(Entity {
                    iri: iri.clone(),
                    kind,
                    label_ar: label,
                    label_en: r.label_en.clone(),
                    same_as: r.same_as.clone(),
                    capital_of: None,
                    country: None,
                    office: match r.office.as_deref() {
                        Some("leader") => Some(Office::Leader),
                        Some("official") => Some(Office::Official),
                        _ => None,
                    },
                    title: r.title.clone(),
                    in_office: (r.from.clone(), r.until.clone()),
                });
                kept.push((id, r));
            }
        }
        for (id, r) in kept {
            let capital_of = r
                .capital_of
                .as_ref()
                .and_then(|i| lex.by_iri.get(i).copied());
            let country = r.country.as_ref().and_then(|i| lex.by_iri.get(i).copied());
            let e = &mut lex.entities[id as usize];
            e.capital_of = capital_of;
            e.country = country;
            let mut names: Vec<&String> =
                r.label_ar.iter().chain(&r.pref_ar).chain(&r.alts).collect();
            names.dedup();
            for n in names {
                lex.add_form(id, n, FormKind::Name);
                if lex.entities[id as usize].kind == Kind::Country
                    && let Some(first) = fold(n).split_whitespace().next()
                {
                    let first = first.strip_prefix("ال").unwrap_or(first).to_string();
                    let ids = lex.countries_by_first_word.entry(first).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            lex.demonyms.insert(id, r.demonyms.clone());
            for d in &r.demonyms {
                lex.add_form(id, d, FormKind::Demonym);
                // The indefinite adjective (صيني, صينية) names the country too.
                if let Some(rest) = fold(d).strip_prefix("ال")
                    && rest.chars().count() >= 4
                    && !d.contains(' ')
                {
                    lex.add_form(id, rest, FormKind::Demonym);
                }
            }
            for s in &r.shorts {
                let folded = fold(s);
                let key = skeleton(&folded);
                lex.short_heads.insert(skeleton::key_head(&key));
                lex.short.entry(key).or_default().push(id);
                lex.short_spellings.insert(folded);
            }
        }
        Ok(lex)
    }

    fn add_form(&mut self, entity: EntityId, text: &str, kind: FormKind) {
        let person = self.entities[entity as usize].kind == Kind::Person;
        let folded = fold(text);
        if text.contains('\u{0651}') {
            self.shadda_forms.insert(folded.clone(), entity);
        }
        let words: Vec<&str> = folded.split_whitespace().collect();
        if words.is_empty() {
            return;
        }
        let joined: String = words.concat();
        let key = skeleton(&joined);
        let mut beginning = String::with_capacity(key.len());
        for c in key.chars() {
            beginning.push(c);
            if !self.key_beginnings.contains(&beginning) {
                self.key_beginnings.insert(beginning.clone());
            }
        }
        for k in [skeleton(words[0]), key.clone()] {
            self.prefix_heads.insert(skeleton::key_head(&k));
            self.prefixes.insert(k);
        }
        self.max_tokens = self.max_tokens.max(words.len() + 1);
        let joined: String = joined.chars().map(g_fold).collect();
        let first = joined.chars().next().unwrap_or(' ');
        let last = joined.chars().last().unwrap_or(' ');
        let list = self.forms.entry(key).or_default();
        if !list
            .iter()
            .any(|f| f.entity == entity && f.folded == joined && f.kind == kind)
        {
            list.push(Form {
                entity,
                kind,
                letters: joined.chars().count(),
                folded: joined,
                words: words.len(),
                person,
                first,
                last,
            });
        }
    }

    /// All entities, indexed by [`EntityId`].
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this id.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id as usize]
    }

    /// The nationality adjectives of a country as written in the lexicon (الصيني, الصينية).
    pub fn demonyms(&self, country: EntityId) -> &[String] {
        self.demonyms.get(&country).map_or(&[], |v| v.as_slice())
    }

    /// The countries whose Arabic name opens with `word` (folded; an article on either is
    /// ignored): the kingdoms for المملكة.
    pub fn countries_named_with(&self, word: &str) -> &[EntityId] {
        let word = word.strip_prefix("ال").unwrap_or(word);
        self.countries_by_first_word
            .get(word)
            .map_or(&[], |v| v.as_slice())
    }

    /// The capital city of a country, if the lexicon has it.
    pub fn capital_of_country(&self, country: EntityId) -> Option<EntityId> {
        self.entities
            .iter()
            .position(|e| e.capital_of == Some(country))
            .map(|i| i as EntityId)
    }

    /// The entity with this IRI, if the lexicon has it.
    pub fn by_iri(&self, iri: &str) -> Option<EntityId> {
        self.by_iri.get(iri).copied()
    }

    /// Entities whose short name (surname used alone) has this folded spelling.
    pub fn by_short_name(&self, folded: &str) -> &[EntityId] {
        self.by_skeleton_short_name(&skeleton(folded))
    }

    /// Whether some short name is spelled exactly so (folded).
    pub fn is_short_name_spelling(&self, folded: &str) -> bool {
        self.short_spellings.contains(folded)
    }

    /// False when no short name has a skeleton with this [`skeleton::head`].
    pub fn may_be_short_name(&self, head: u64) -> bool {
        self.short_heads.contains(&head)
    }

    /// Entities whose short name has this skeleton (see [`skeleton::skeleton`]).
    pub fn by_skeleton_short_name(&self, key: &str) -> &[EntityId] {
        self.short.get(key).map_or(&[], |v| v.as_slice())
    }

    /// The proclitic splits of the folded word `w` that may be the first word of a lexicon
    /// form (none for most words): what [`Lexicon::longest_match_from`] starts from.
    pub fn first_words(&self, w: &str) -> Vec<FirstWord> {
        clitics::splits(w)
            .into_iter()
            .filter_map(|split| {
                Some(FirstWord {
                    sk: self.first_word_key(&split.stem)?,
                    clitics: split.clitics,
                    joined: split.stem.chars().map(g_fold).collect(),
                })
            })
            .collect()
    }

    /// The skeleton of `stem` when it is the first word (or the whole key) of a form.
    fn first_word_key(&self, stem: &str) -> Option<Skeleton> {
        if !self.prefix_heads.contains(&skeleton::head(stem)) {
            return None;
        }
        let mut sk = Skeleton::default();
        sk.push(stem);
        self.prefixes.contains(sk.key()).then_some(sk)
    }

    /// Finds the longest lexicon entry starting at `tokens[0]` (within the slice).
    ///
    /// Proclitics on the first token are tried. A spelling that differs from the listed
    /// ones only in spaces or g-letters (غ ج ق) matches; a person's name that differs
    /// otherwise (vowel letters) is accepted word for word, when skeleton, first and last
    /// letters agree and the lengths are close.
    pub fn longest_match(&self, tokens: &[Token]) -> Vec<LexMatch> {
        match tokens.first() {
            Some(first) if first.kind == TokenKind::Word => self.longest_match_from(
                &self.first_words(&first.norm),
                tokens,
                &mut MatchScratch::default(),
            ),
            _ => vec![],
        }
    }

    /// [`Lexicon::longest_match`] with the first token's [`Lexicon::first_words`] already
    /// worked out (a caller that sees the same words often keeps them).
    pub fn longest_match_from(
        &self,
        firsts: &[FirstWord],
        tokens: &[Token],
        scratch: &mut MatchScratch,
    ) -> Vec<LexMatch> {
        let mut best: Vec<LexMatch> = Vec::new();
        for first in firsts {
            let MatchScratch { sk, joined } = scratch;
            sk.clone_from(&first.sk);
            joined.clone_from(&first.joined);
            for k in 1..=self.max_tokens.min(tokens.len()) {
                if k > 1 {
                    let t = &tokens[k - 1];
                    if t.kind != TokenKind::Word {
                        break;
                    }
                    sk.push(&t.norm);
                    if !self.key_beginnings.contains(sk.key()) {
                        break;
                    }
                    joined.extend(t.norm.chars().map(g_fold));
                }
                let Some(forms) = self.forms.get(sk.key()) else {
                    continue;
                };
                let f0 = joined.chars().next().unwrap_or(' ');
                let fl = joined.chars().next_back().unwrap_or(' ');
                for f in forms {
                    // Same letters (spaces and g-spellings aside), or the same skeleton
                    // word for word with the same first and last letters and a similar length.
                    let exact = f.folded == *joined;
                    let fuzzy = !exact
                        && f.person
                        && f.words == k
                        && f.first == f0
                        && f.last == fl
                        && f.letters >= 5
                        && {
                            let len = joined.chars().count();
                            len >= 4 && f.letters.abs_diff(len) <= 2
                        }
                        && sk.key().chars().count() >= 3;
                    if !(exact || fuzzy) {
                        continue;
                    }
                    let m = LexMatch {
                        len: k,
                        clitics: first.clitics,
                        entity: f.entity,
                        form: f.kind,
                        exact,
                    };
                    let better = match best.first() {
                        None => true,
                        Some(b) => {
                            (k, exact, first.clitics.is_empty())
                                > (b.len, b.exact, b.clitics.is_empty())
                        }
                    };
                    if better {
                        best = vec![m];
                    } else if best[0].len == k
                        && best[0].exact == exact
                        && best[0].clitics == m.clitics
                        && !best
                            .iter()
                            .any(|b| b.entity == m.entity && b.form == m.form)
                    {
                        best.push(m);
                    }
                }
            }
        }
        best
    }

    /// Adds an entity found in text (not in the lexicon files) unless its IRI is known;
    /// returns its id.
    pub fn intern(&mut self, e: Entity) -> EntityId {
        if let Some(&id) = self.by_iri.get(&e.iri) {
            return id;
        }
        let id = self.entities.len() as EntityId;
        self.by_iri.insert(e.iri.clone(), id);
        self.entities.push(e);
        id
    }

    /// The entity whose form is written with a shadda and folds to `folded`, for text
    /// that has the shadda too (عمّان).
    pub fn with_shadda(&self, folded: &str) -> Option<EntityId> {
        self.shadda_forms.get(folded).copied()
    }

    /// The country a place is or lies in: a country itself, a city's (its capital's).
    pub fn country_of_place(&self, id: EntityId) -> Option<EntityId> {
        let e = self.entity(id);
        match e.kind {
            Kind::Country => Some(id),
            Kind::City => e.capital_of.or(e.country),
            _ => None,
        }
    }

    /// The holder of an office of `country`: the lexicon's only person with that office
    /// kind and the same title (see [`same_title`]), in office on `date` when the text
    /// is dated; `None` when there is not exactly one.
    pub fn office_holder(
        &self,
        country: EntityId,
        office: Office,
        title: &str,
        date: Option<&str>,
    ) -> Option<EntityId> {
        let mut found = self.entities.iter().enumerate().filter(|(_, e)| {
            e.kind == Kind::Person
                && e.country == Some(country)
                && e.office == Some(office)
                && e.title
                    .as_deref()
                    .is_some_and(|t| same_title(title, &fold(t)))
                && e.in_office_on(date)
        });
        let first = found.next()?;
        if found.next().is_some() {
            return None;
        }
        Some(first.0 as EntityId)
    }
}

/// Whether a title written in a text (folded) names the same office as a lexicon title:
/// equal once each word loses its article, or — for titles of two words or more — the
/// written title is the start of the lexicon's (ولي العهد ⊂ ولي العهد رئيس مجلس الوزراء).
/// Both are folded ([`fold`]). The prime minister's three names are one title (رئيس
/// الوزراء, رئيس مجلس الوزراء, رئيس الحكومة), and so are the head of state's two (رئيس
/// الجمهورية, رئيس الدولة).
pub fn same_title(written: &str, listed: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for w in t.split_whitespace() {
            let w = w
                .strip_prefix("ال")
                .filter(|r| r.chars().count() >= 2)
                .unwrap_or(w);
            let after_head = out.last().is_some_and(|l| l == "رءيس");
            if after_head && w == "حكومه" {
                out.push("وزراء".into());
            } else if after_head && w == "دوله" {
                out.push("جمهوريه".into());
            } else if w == "وزراء" && out.len() >= 2 && out[out.len() - 2..] == ["رءيس", "مجلس"]
            {
                *out.last_mut().unwrap() = "وزراء".into();
            } else {
                out.push(w.into());
            }
        }
        out
    };
    let (a, b) = (words(written), words(listed));
    a == b || (a.len() >= 2 && b.starts_with(&a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analyzed;

    #[test]
    fn titles_compare_without_articles() {
        assert!(same_title("زعيم", "الزعيم"));
        assert!(same_title("رئيس دوله", "رئيس الدوله"));
        assert!(same_title("ولي العهد", "ولي العهد رئيس مجلس الوزراء"));
        assert!(!same_title("رئيس", "رئيس الوزراء"));
        let same = |a: &str, b: &str| same_title(&fold(a), &fold(b));
        assert!(same("رئيس الوزراء", "رئيس مجلس الوزراء"));
        assert!(same("رئيس الحكومة", "رئيس الوزراء"));
        assert!(same("رئيس الدولة", "رئيس الجمهورية"));
        assert!(!same("رئيس مجلس النواب", "رئيس الوزراء"));
        assert!(!same("رئيس مجلس النواب", "رئيس النواب"));
    }

    const TTL: &str = r#"
@prefix isn: <https://w3id.org/isnad/ontology#> .
@prefix id: <https://w3id.org/isnad/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
id:China a isn:Country ; rdfs:label "China"@en, "الصين"@ar ; isn:demonym "الصيني"@ar, "الصينية"@ar .
id:Russia a isn:Country ; rdfs:label "Russia"@en, "روسيا"@ar ; isn:demonym "الروسي"@ar .
id:Xi_Jinping a isn:Person ; rdfs:label "شي جينبينغ"@ar ; skos:altLabel "شي جين بينغ"@ar ; isn:shortName "شي"@ar .
"#;

    fn lex() -> Lexicon {
        Lexicon::from_sources(&[(PathBuf::from("t.ttl"), TTL.to_string())]).unwrap()
    }

    fn find(lex: &Lexicon, text: &str) -> Option<(String, usize, String)> {
        let a = Analyzed::new(text);
        let m = lex.longest_match(&a.tokens);
        m.first().map(|m| {
            (
                lex.entity(m.entity)
                    .iri
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                m.len,
                m.clitics.to_string(),
            )
        })
    }

    #[test]
    fn finds_names_with_clitics_and_variants() {
        let l = lex();
        assert_eq!(find(&l, "للصين"), Some(("China".into(), 1, "ل".into())));
        assert_eq!(find(&l, "وروسيا"), Some(("Russia".into(), 1, "و".into())));
        assert_eq!(
            find(&l, "شي جينبينج"),
            Some(("Xi_Jinping".into(), 2, "".into()))
        );
        assert_eq!(
            find(&l, "شي جين بينج"),
            Some(("Xi_Jinping".into(), 3, "".into()))
        );
        assert_eq!(find(&l, "الصينية"), Some(("China".into(), 1, "".into())));
    }

    #[test]
    fn does_not_match_everyday_words() {
        let l = lex();
        assert_eq!(find(&l, "لي"), None);
        assert_eq!(find(&l, "شي"), None);
        assert_eq!(find(&l, "روس"), None);
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let err = Lexicon::from_sources(&[(
            PathBuf::from("bad.ttl"),
            "@prefix x: <a> .\nx:a x:b \"c .\n".into(),
        )])
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("bad.ttl:"), "{err}");
    }
}
