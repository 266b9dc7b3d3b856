//! Entity mentions in a sentence: lexicon names, *title + nationality + name*
//! patterns (which also give a role), named events, and in-document coreference
//! (surnames after a full name, الأخير, البلدين).

use super::{DocEntities, Ent, words::Words};
use crate::lexicon::{
    Entity, FormKind, ID, Kind, Lexicon, MatchScratch, Office, romanize::romanize, skeleton,
};
use crate::rules::Lists;
use crate::text::{Analyzed, OriginalText, Token, TokenKind, clitics};

/// A role given by a title: `وزير الدفاع البيلاروسي` → official of Belarus.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// The title as written in the original text.
    pub title: String,
    /// The country the title names.
    pub country: Ent,
    /// Leader or official.
    pub office: Office,
    /// Tokens of the words naming the country (`البيلاروسي`, `في الاتحاد الروسي`).
    pub country_tokens: (usize, usize),
    /// Tokens of the person's name: after the title and honorifics, or before the
    /// title when it follows the name (apposition).
    pub name: (usize, usize),
    /// Given by نظيره + nationality: the office is the one of the last title seen.
    pub counterpart: bool,
    /// A second title of another kind of office after the first (رئيس مجلس الوزراء
    /// وزير الخارجية): its text and office, for the same country.
    pub also: Option<(String, Office)>,
}

/// A title phrase: head, complement and the country it names.
#[derive(Debug, Clone)]
struct Phrase {
    clitics: &'static str,
    counterpart: bool,
    title_end: usize,
    title_folded: String,
    country: Option<Ent>,
    country_start: usize,
    end: usize,
}

/// How a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A lexicon name.
    Lexicon,
    /// A title pattern (the name may be unknown to the lexicon).
    Title,
    /// A named-event pattern.
    Event,
    /// Coreference (surname, الأخير, البلدين).
    Coref,
}

/// One entity mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// The entity.
    pub ent: Ent,
    /// Its type.
    pub kind: Kind,
    /// A nationality adjective.
    pub adj: bool,
    /// Written like a nationality adjective (السعودية is a name and an adjective).
    pub adj_form: bool,
    /// For البلدين: the second country.
    pub pair: Option<Ent>,
    /// The country whose government this mention may stand for: a capital (بكين),
    /// or a national body (الجيش الإسرائيلي).
    pub government_of: Option<Ent>,
    /// Proclitics on the first token.
    pub clitics: &'static str,
    /// Role given by a title.
    pub role: Option<Role>,
    /// How it was found.
    pub via: Via,
}

/// A surname usable alone for a person met earlier in the document.
#[derive(Debug, Clone)]
pub struct Alias {
    /// The skeleton of the surname.
    pub key: String,
    /// The surname as written (folded): a skeleton of one or two letters is too
    /// common to go by alone (تميم and تماما share one).
    pub word: String,
    /// Its head ([`skeleton::key_head`]), the quick test before comparing keys.
    pub head: u64,
    /// The person.
    pub ent: Ent,
}

/// What coreference needs to remember across sentences of a document.
#[derive(Debug, Default, Clone)]
pub struct Focus {
    /// Surname skeletons usable alone, with their person.
    pub aliases: Vec<Alias>,
    /// Persons in order of mention.
    pub persons: Vec<Ent>,
    /// Countries in order of mention (distinct, most recent last).
    pub countries: Vec<Ent>,
    /// The country of each person whose country is known (title or lexicon).
    pub person_country: Vec<(Ent, Ent)>,
    /// The titles seen, with their office and country, for counterparts (نظيره الروسي).
    pub offices: Vec<(String, Office, Ent)>,
    /// Persons with the folded title the document gave them (for a bare الرئيس).
    pub titled: Vec<(Ent, String)>,
    /// The person a speech verb of the current sentence introduced (وقال فيدان): whose
    /// country «بلاده» is, whoever was named after him.
    pub speaker: Option<Ent>,
    /// Persons with each courtesy word written before them (سمو from «صاحب السمو
    /// الأمير …»), in order, for the pronoun made of that word (سموه).
    pub courtesy: Vec<(String, Ent)>,
    /// Events in order of mention, with their head word folded and without its article
    /// (قمه), for a bare «القمة» later.
    pub events: Vec<(String, Ent)>,
    /// The person a reception verb of the current sentence introduced (استقبل X): the
    /// host, whose guest is the next person named.
    pub receiver: Option<Ent>,
    /// The guest and the host of the last reception or visit, for «الضيف» and «مضيفه».
    pub guest: Option<Ent>,
    /// See [`Focus::guest`].
    pub host: Option<Ent>,
    /// The country of the dateline (الرياض - واس): whose leaders a title without a
    /// country names when the document has named no one with it.
    pub home: Option<Ent>,
}

impl Focus {
    fn note_country(&mut self, c: Ent) {
        self.countries.retain(|x| *x != c);
        self.countries.push(c);
    }
}

/// What a title before a name said: what [`MentionFinder::titled_name`] needs of it.
#[derive(Debug, Clone, Copy)]
struct TitleSaid<'t> {
    /// The country the title names, if any.
    country: Option<Ent>,
    /// «نظيره»: the counterpart of someone already named.
    counterpart: bool,
    /// Leader or official.
    office: Office,
    /// The title, folded.
    folded: &'t str,
}

/// A title head with a conjunction glued on (ووزير): a second title starts here.
fn conj_head(lists: &Lists, w: &str) -> bool {
    clitics::splits(w)
        .iter()
        .any(|s| s.clitics == "و" && lists.has_exact("TITLE_HEAD", &s.stem))
}

/// A title head with any proclitic glued on (ووزير, بوزير, للرئيس): the title before it
/// ends there.
fn glued_head(lists: &Lists, w: &str) -> bool {
    clitics::splits(w)
        .iter()
        .any(|s| !s.clitics.is_empty() && lists.has_exact("TITLE_HEAD", &s.stem))
}

/// Whether a word may be part of a person's name (not a function word, cue or rule word).
/// Whether a word is written with tanween (بعيداً، دائماً): an indefinite noun or an
/// adverb, never a name. Folding drops the marks, so the original text is read.
fn has_tanween(a: &Analyzed, text: &OriginalText, t: &Token) -> bool {
    let (b, e) = a.norm.original_span(t.begin, t.end);
    text.slice(b, e + 1)
        .chars()
        .any(|c| matches!(c, '\u{064B}'..='\u{064D}'))
}

fn name_word(lists: &Lists, t: &Token) -> bool {
    t.kind == TokenKind::Word
        && t.norm.chars().count() >= 2
        && !lists.has("STOP", &t.norm)
        && !lists.has("TITLE_HEAD", &t.norm)
        && !lists.has("NEGATION", &t.norm)
        && !lists.has("PLANNED", &t.norm)
}

/// Finds the mentions of sentence tokens `first..last`.
pub struct MentionFinder<'a> {
    /// The lexicon.
    lex: &'a Lexicon,
    /// Word lists (titles, stop words, coreference words).
    lists: &'a Lists,
    /// What each word of the document may start.
    words: &'a Words,
    /// Publication date, for office holders.
    date: Option<&'a str>,
    /// Lexicon matches of the current sentence, by token (computed once each).
    cache: std::cell::RefCell<Vec<Option<Option<Mention>>>>,
    /// First token of the current sentence.
    offset: std::cell::Cell<usize>,
    /// Where the last mention found ends: a name read backwards from a title stops here.
    floor: std::cell::Cell<usize>,
    /// Buffers of the lexicon matcher.
    scratch: std::cell::RefCell<MatchScratch>,
}

impl<'a> MentionFinder<'a> {
    /// A finder for one document.
    pub fn new(
        lex: &'a Lexicon,
        lists: &'a Lists,
        words: &'a Words,
        date: Option<&'a str>,
    ) -> Self {
        MentionFinder {
            lex,
            lists,
            words,
            date,
            cache: Default::default(),
            offset: Default::default(),
            floor: Default::default(),
            scratch: Default::default(),
        }
    }

    /// Mentions of one sentence, updating the document focus as it goes.
    pub fn sentence(
        &self,
        a: &Analyzed,
        text: &OriginalText,
        first: usize,
        last: usize,
        focus: &mut Focus,
        ents: &mut DocEntities,
    ) -> Vec<Mention> {
        let toks = &a.tokens[..last];
        self.offset.set(first);
        *self.cache.borrow_mut() = vec![None; last - first + 1];
        focus.speaker = None;
        focus.receiver = None;
        let mut out: Vec<Mention> = Vec::new();
        let mut i = first;
        while i < last {
            self.floor.set(out.last().map_or(first, |m| m.last));
            let starter = self.words.get(i).starter;
            let m = if starter {
                self.title(a, text, toks, i, focus, ents)
                    .or_else(|| self.capital_by_adjective(toks, i))
                    .or_else(|| self.lexical(toks, i))
                    .or_else(|| self.event(a, text, toks, i, focus, ents))
                    .or_else(|| self.coref(toks, i, focus, true))
            } else {
                self.lexical(toks, i)
                    .and_then(|m| self.surname_over_adjective(toks, first, i, m, focus))
                    .or_else(|| self.coref(toks, i, focus, false))
            };
            match m {
                Some(mut m) => {
                    if m.via == Via::Lexicon {
                        self.prefer_shadda(a, text, toks, &mut m);
                    }
                    if m.kind == Kind::Person
                        && m.role.is_none()
                        && m.via != Via::Coref
                        && let Some((role, end)) =
                            self.role_after(a, text, toks, (m.first, m.last), m.ent)
                    {
                        m.role = Some(role);
                        m.last = end;
                    }
                    i = m.last;
                    // The same entity named twice in a row is one mention (apposition), also
                    // across one qualifying word (الرئيس التشادي الانتقالي محمد إدريس ديبي).
                    if let Some(prev) = out.last_mut()
                        && (prev.last == m.first
                            || prev.last + 1 == m.first
                                && toks[prev.last].kind == TokenKind::Word
                                && toks[prev.last].norm.starts_with("ال"))
                        && prev.ent == m.ent
                        && m.clitics.is_empty()
                    {
                        prev.last = m.last;
                        if prev.role.is_none() {
                            prev.role = m.role.take();
                        }
                        continue;
                    }
                    // The dateline: a place opening the document, then a dash, a colon, a
                    // slash or a date (الدوحة في 10 أبريل /قنا/).
                    if first == 0
                        && m.first == 0
                        && toks.get(m.last).is_some_and(|t| {
                            matches!(t.norm.as_str(), "-" | "–" | "—" | ":" | "/" | "(")
                                || t.norm == "في"
                                    && toks
                                        .get(m.last + 1)
                                        .is_some_and(|n| n.kind == TokenKind::Number)
                        })
                    {
                        focus.home = match m.ent {
                            Ent::Lex(id) => self.lex.country_of_place(id).map(Ent::Lex),
                            Ent::Doc(_) => None,
                        };
                    }
                    self.remember(&m, toks, focus);
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    /// Guest and host: the person right after a reception verb (استقبل الرئيس X) hosts
    /// the next person of the sentence; the person right after a visit or travel verb
    /// (يزور X، وصل X) is a guest.
    fn note_guest(&self, m: &Mention, toks: &[Token], focus: &mut Focus) {
        let sentence_first = self.offset.get();
        let before = toks[sentence_first..m.first]
            .iter()
            .rev()
            .take(4)
            .find(|t| !self.lists.has("COURTESY", &t.norm) && !self.lists.has("HONORIFIC", &t.norm))
            .map(|t| t.norm.as_str());
        let verb = |list: &str| before.is_some_and(|w| self.lists.has(list, w));
        if verb("HOST_PAST") {
            focus.receiver = Some(m.ent);
        } else if let Some(h) = focus.receiver.filter(|&h| h != m.ent) {
            (focus.guest, focus.host) = (Some(m.ent), Some(h));
            focus.receiver = None;
        } else if [
            "VISIT_PAST",
            "VISIT_PRESENT",
            "TRAVEL_PAST",
            "TRAVEL_PRESENT",
        ]
        .into_iter()
        .any(verb)
        {
            (focus.guest, focus.host) = (Some(m.ent), None);
        }
    }

    /// Courtesy words and honorifics just before a person (صاحب السمو الملكي الأمير),
    /// each without its article, as the ones «سموه» or «معاليه» will stand for.
    fn note_courtesy(&self, m: &Mention, toks: &[Token], focus: &mut Focus) {
        for t in toks[m.first.saturating_sub(6)..m.first].iter().rev() {
            let Some(s) = clitics::splits(&t.norm).into_iter().find(|s| {
                self.lists.has_exact("COURTESY", &s.stem)
                    || self.lists.has_exact("HONORIFIC", &s.stem)
            }) else {
                break;
            };
            let word = s.stem.strip_prefix("ال").unwrap_or(&s.stem).to_string();
            focus.courtesy.push((word, m.ent));
        }
    }

    /// Letters two entities share, written with the shadda one of them has (عمّان: Amman,
    /// where عمان is Oman): that one.
    fn prefer_shadda(&self, a: &Analyzed, text: &OriginalText, toks: &[Token], m: &mut Mention) {
        let (b, e) = a
            .norm
            .original_span(toks[m.first].begin, toks[m.last - 1].end);
        let written = text.slice(b, e);
        if !written.contains('\u{0651}') {
            return;
        }
        let Some(id) = self
            .lex
            .with_shadda(&crate::text::fold(&strip_clitic_text(written, m.clitics)))
            .filter(|&id| Ent::Lex(id) != m.ent)
        else {
            return;
        };
        let x = self.lex.entity(id);
        m.ent = Ent::Lex(id);
        m.kind = x.kind;
        m.adj = false;
        m.adj_form = false;
        m.government_of = x.capital_of.map(Ent::Lex);
    }

    /// A nationality adjective that is also the surname of a person this document named
    /// (السوداني after محمد شياع السوداني) is that person where no noun comes before it
    /// to describe: after a verb, a stop word or punctuation (وكان السوداني قد وصل).
    /// Returns the mention to keep, or None to let coreference try.
    fn surname_over_adjective(
        &self,
        toks: &[Token],
        first: usize,
        i: usize,
        m: Mention,
        focus: &Focus,
    ) -> Option<Mention> {
        let alone = i == first
            || toks[i - 1].kind == TokenKind::Punct
            || self.lists.has("STOP", &toks[i - 1].norm);
        if m.adj
            && m.last == i + 1
            && alone
            && self
                .coref(toks, i, focus, false)
                .is_some_and(|c| c.kind == Kind::Person)
        {
            return None;
        }
        Some(m)
    }

    fn remember(&self, m: &Mention, toks: &[Token], focus: &mut Focus) {
        match m.kind {
            Kind::Person => {
                self.note_guest(m, toks, focus);
                focus.persons.push(m.ent);
                if m.via != Via::Coref {
                    self.note_courtesy(m, toks, focus);
                }
                if m.first
                    .checked_sub(1)
                    .is_some_and(|v| self.lists.has("SPEAKER_VERB", &toks[v].norm))
                {
                    focus.speaker = Some(m.ent);
                }
                if m.via != Via::Coref {
                    let (name_first, name_last) =
                        m.role.as_ref().map_or((m.first, m.last), |r| r.name);
                    let words: Vec<&Token> = toks[name_first..name_last]
                        .iter()
                        .filter(|t| t.kind == TokenKind::Word)
                        .collect();
                    if words.len() >= 2
                        && let Some(t) = words.last()
                    {
                        let key = skeleton::skeleton(&t.norm);
                        focus.aliases.retain(|a| a.key != key);
                        focus.aliases.push(Alias {
                            head: skeleton::key_head(&key),
                            key,
                            word: t.norm.to_string(),
                            ent: m.ent,
                        });
                    }
                }
                if let Some(r) = &m.role {
                    focus.titled.push((m.ent, crate::text::fold(&r.title)));
                    focus.note_country(r.country);
                    focus.person_country.push((m.ent, r.country));
                    if !r.counterpart {
                        focus.offices.push((r.title.clone(), r.office, r.country));
                    }
                } else if let Ent::Lex(id) = m.ent
                    && let Some(c) = self.lex.entity(id).country
                    && self.lex.entity(c).kind == Kind::Country
                {
                    focus.person_country.push((m.ent, Ent::Lex(c)));
                }
            }
            Kind::Country => focus.note_country(m.ent),
            Kind::City => {
                if let Some(c) = m.government_of {
                    focus.note_country(c);
                }
            }
            Kind::Event => {
                let head = toks[m.first]
                    .norm
                    .strip_prefix(m.clitics)
                    .unwrap_or(&toks[m.first].norm);
                let head = head.strip_prefix("ال").unwrap_or(head).to_string();
                focus.events.push((head, m.ent));
            }
            _ => {}
        }
        if let Some(p) = m.pair {
            focus.note_country(m.ent);
            focus.note_country(p);
        }
    }

    /// The lexicon mention starting at token `i` (memoised per sentence).
    fn lexical(&self, toks: &[Token], i: usize) -> Option<Mention> {
        if i >= toks.len() || !self.words.get(i).lexical {
            return None;
        }
        let slot = i.checked_sub(self.offset.get());
        if let Some(k) = slot
            && let Some(Some(hit)) = self.cache.borrow().get(k)
        {
            return hit.clone();
        }
        let m = self.lexical_uncached(toks, i);
        if let Some(k) = slot
            && let Some(c) = self.cache.borrow_mut().get_mut(k)
        {
            *c = Some(m.clone());
        }
        m
    }

    fn lexical_uncached(&self, toks: &[Token], i: usize) -> Option<Mention> {
        let found = self.lex.longest_match_from(
            self.words.first_words(i),
            &toks[i..],
            &mut self.scratch.borrow_mut(),
        );
        let best = found.iter().min_by_key(|m| {
            let k = self.lex.entity(m.entity).kind;
            (kind_rank(k), m.entity)
        })?;
        let e = self.lex.entity(best.entity);
        let same = |m: &&crate::lexicon::LexMatch| m.entity == best.entity;
        let adj = found
            .iter()
            .filter(same)
            .all(|m| m.form == FormKind::Demonym);
        let adj_form = found
            .iter()
            .filter(same)
            .any(|m| m.form == FormKind::Demonym);
        Some(Mention {
            first: i,
            last: i + best.len,
            ent: Ent::Lex(best.entity),
            kind: e.kind,
            adj,
            adj_form,
            pair: None,
            government_of: e
                .capital_of
                .or(e.country.filter(|_| e.kind == Kind::Organization))
                .map(Ent::Lex),
            clitics: best.clitics,
            role: None,
            via: Via::Lexicon,
        })
    }

    /// `العاصمة الجزائرية`: the capital of the country the adjective names.
    fn capital_by_adjective(&self, toks: &[Token], i: usize) -> Option<Mention> {
        let split = clitics::splits(&toks[i].norm)
            .into_iter()
            .find(|s| self.lists.has_exact("CAPITAL_WORD", &s.stem))?;
        let adj = self
            .lexical(toks, i + 1)
            .filter(|m| m.adj && m.kind == Kind::Country && m.clitics.is_empty())?;
        let Ent::Lex(country) = adj.ent else {
            return None;
        };
        // العاصمة الكورية سيؤول: the city named next wins over the lexicon's capital.
        let named = self
            .lexical(toks, adj.last)
            .filter(|m| m.kind == Kind::City && m.clitics.is_empty());
        let (city, last) = match named {
            Some(m) => (m.ent, m.last),
            None => (Ent::Lex(self.lex.capital_of_country(country)?), adj.last),
        };
        Some(Mention {
            first: i,
            last,
            ent: city,
            kind: Kind::City,
            adj: false,
            adj_form: false,
            pair: None,
            government_of: Some(adj.ent),
            clitics: split.clitics,
            role: None,
            via: Via::Lexicon,
        })
    }

    /// A country named at `i`: nationality adjective, country name, or في/لدى + country.
    fn nationality(&self, toks: &[Token], i: usize) -> Option<(Ent, usize)> {
        let m = self.lexical(toks, i)?;
        if m.kind == Kind::Country && (m.clitics.is_empty() || m.clitics == "ل") {
            return Some((m.ent, m.last));
        }
        None
    }

    /// A title phrase at `i`: head (وزير, الرئيس, نظيره…), complement (الدفاع, مجلس
    /// الأمن) and the country it names (adjective, name, or في / لدى + name), if any.
    fn phrase(&self, toks: &[Token], i: usize) -> Option<Phrase> {
        let head = toks.get(i)?;
        if head.kind != TokenKind::Word {
            return None;
        }
        let split = clitics::splits(&head.norm).into_iter().find(|s| {
            self.lists.has_exact("TITLE_HEAD", &s.stem)
                || self.lists.has_exact("COUNTERPART", &s.stem)
        })?;
        let counterpart = self.lists.has_exact("COUNTERPART", &split.stem);
        let last = toks.len();
        let mut j = i + 1;
        if !counterpart {
            while j < last && j - i <= 5 {
                let t = &toks[j];
                if self.lists.has_exact("TITLE_WORD", &t.norm) {
                    j += 1;
                    continue;
                }
                if t.kind != TokenKind::Word
                    || self.lists.has("STOP", &t.norm)
                    || self.lists.has_exact("HONORIFIC", &t.norm)
                    || self.lists.has_exact("THE_COUNTRY", &t.norm)
                    || glued_head(self.lists, &t.norm)
                    || self.lexical(toks, j).is_some_and(|m| {
                        matches!(
                            m.kind,
                            Kind::Country | Kind::Person | Kind::City | Kind::Region
                        )
                    })
                {
                    break;
                }
                j += 1;
            }
        }
        let title_end = j;
        let mut title_folded = split.stem.to_string();
        for t in &toks[i + 1..title_end] {
            title_folded.push(' ');
            title_folded.push_str(&t.norm);
        }
        let mut country = None;
        let mut country_start = j;
        if toks
            .get(j)
            .is_some_and(|t| self.lists.has_exact("THE_COUNTRY", &t.norm))
        {
            // أمير البلاد: the country of the title's holder, as a title without a country.
            j += 1;
        } else if let Some((c, e)) = self.nationality(toks, j) {
            country = Some(c);
            j = e;
        } else if j + 1 < last
            && matches!(toks[j].norm.as_str(), "في" | "لدي")
            && let Some((c, e)) = self.nationality(toks, j + 1)
        {
            country = Some(c);
            j = e;
        } else if !counterpart
            && toks.get(j).is_some_and(|t| conj_head(self.lists, &t.norm))
            && let Some(next) = self.phrase(toks, j).filter(|p| p.country.is_some())
        {
            // رئيس مجلس الوزراء ووزير الخارجية في دولة قطر: the country names both titles.
            country = next.country;
            country_start = next.country_start;
            j = next.end;
        }
        Some(Phrase {
            clitics: split.clitics,
            counterpart,
            title_end,
            title_folded,
            country,
            country_start,
            end: j,
        })
    }

    /// A role written after a name (apposition): `محمد بن زايد آل نهيان رئيس دولة
    /// الإمارات`. Returns the role and where it ends when a title phrase naming a
    /// country starts at `i` and no other person's name follows it.
    fn role_after(
        &self,
        a: &Analyzed,
        text: &OriginalText,
        toks: &[Token],
        name: (usize, usize),
        person: Ent,
    ) -> Option<(Role, usize)> {
        // The title may follow a comma (ناصر بوريطة، وزير الشؤون الخارجية): then only a
        // person the lexicon does not place in another country takes it.
        let comma = toks
            .get(name.1)
            .is_some_and(|t| t.is_punct("،") || t.is_punct(","));
        let start = name.1 + comma as usize;
        // Aide's words before the title (يوري أوشاكوف، كبير مساعدي الرئيس الروسي): an
        // official of the title's country.
        let mut i = start;
        while i < start + 2
            && toks
                .get(i)
                .is_some_and(|t| self.lists.has_exact("AIDE_WORD", &t.norm))
            && self.phrase(toks, i).is_none()
        {
            i += 1;
        }
        let aide = i > start;
        let ph = self
            .phrase(toks, i)
            .filter(|p| !p.counterpart && p.clitics.is_empty())?;
        let office = if aide {
            Office::Official
        } else {
            self.office_of_title(&ph.title_folded)
        };
        let country = ph.country.or_else(|| self.own_country(person, office))?;
        if comma
            && let Ent::Lex(id) = person
            && self
                .lex
                .entity(id)
                .country
                .is_some_and(|c| Ent::Lex(c) != country)
        {
            return None;
        }
        // The lexicon's own title and country of this person: the phrase is his, whatever
        // follows (لويد أوستن وزير الدفاع الأمريكي بمقر وزارة الدفاع).
        let own_title = match person {
            Ent::Lex(id) => {
                let e = self.lex.entity(id);
                e.country.map(Ent::Lex) == Some(country)
                    && e.title.as_deref().is_some_and(|t| {
                        crate::lexicon::same_title(&ph.title_folded, &crate::text::fold(t))
                    })
            }
            Ent::Doc(_) => false,
        };
        let next_is_name = !own_title
            && toks.get(ph.end).is_some_and(|t| {
                t.kind == TokenKind::Word
                    && !self.lists.has("STOP", &t.norm)
                    && (self
                        .lexical(toks, ph.end)
                        .is_some_and(|m| m.kind == Kind::Person && m.ent != person)
                        || name_word(self.lists, t)
                            && !t.norm.starts_with("ال")
                            && !self.glued_non_name(&t.norm)
                            && !self.lists.has_exact("HONORIFIC", &t.norm)
                            && self.lexical(toks, ph.end).is_none())
            });
        if next_is_name {
            return None;
        }
        let (tb, te) = a
            .norm
            .original_span(toks[start].begin, toks[ph.title_end - 1].end);
        let title: String = text.slice(tb, te).to_string();
        Some((
            Role {
                title,
                country,
                office,
                country_tokens: (ph.country_start, ph.end),
                name,
                counterpart: false,
                also: if aide {
                    None
                } else {
                    self.second_title(a, text, toks, i, &ph, office)
                },
            },
            ph.end,
        ))
    }

    fn title(
        &self,
        a: &Analyzed,
        text: &OriginalText,
        toks: &[Token],
        i: usize,
        focus: &Focus,
        ents: &mut DocEntities,
    ) -> Option<Mention> {
        let ph = self.phrase(toks, i)?;
        let split_clitics = ph.clitics;
        let counterpart = ph.counterpart;
        let title_end = ph.title_end;
        let title_folded = ph.title_folded.clone();
        let country = ph.country;
        let country_start = ph.country_start;
        let mut j = ph.end;
        let country_end = ph.end;
        // An aide of the title's holder (مساعد الرئيس الروسي يوري أوشاكوف) holds an
        // official's office of that country, and is named only by his name.
        // Not «مساعد للرئيس» (an aide of the president, who is the one named).
        let mut aide = i
            .checked_sub(1)
            .filter(|&p| split_clitics.is_empty() && self.lists.has("AIDE_WORD", &toks[p].norm));
        let mut office = if aide.is_some() {
            Office::Official
        } else {
            self.office_of_title(&title_folded)
        };
        let said = TitleSaid {
            country,
            counterpart,
            office,
            folded: &title_folded,
        };
        let mut person = self.titled_name(a, text, toks, &mut j, said, focus, ents);
        // A name set off by commas after its title: أمين مجلس الأمن الروسي، سيرغي شويغو،
        if person.is_none()
            && toks
                .get(j)
                .is_some_and(|t| t.is_punct("،") || t.is_punct(","))
        {
            let mut after = j + 1;
            if let Some((ent, end)) = self.titled_name(a, text, toks, &mut after, said, focus, ents)
                && toks.get(end).is_none_or(|t| t.kind == TokenKind::Punct)
            {
                person = Some((ent, end));
                j = after;
            }
        }
        // A chain of titles set off by commas before the name (رئيس الجمهورية، القائد الأعلى
        // للقوات المسلحة، وزير الدفاع الوطني، السيد عبد المجيد تبون): the person the rest of
        // the chain names holds this title too. Not after a title that names its country: a
        // complete title and a comma are another person's (رسالة من رئيس مجلس الوزراء
        // البلجيكي، وزير الخارجية السيد …: the minister carries it).
        if person.is_none()
            && country.is_none()
            && !counterpart
            && aide.is_none()
            && split_clitics.is_empty()
            && toks
                .get(j)
                .is_some_and(|t| t.is_punct("،") || t.is_punct(","))
            && toks
                .get(j + 1)
                .is_some_and(|t| self.lists.has_exact("TITLE_HEAD", &t.norm))
            && let Some(next) = self.title(a, text, toks, j + 1, focus, ents)
            && next.kind == Kind::Person
        {
            let (tb, te) = a.norm.original_span(toks[i].begin, toks[title_end - 1].end);
            let first_title = text.slice(tb, te).to_string();
            let role = match next.role.clone() {
                // The title nearest the name, with its country, stays the role; this one is
                // a second office when it is of another kind (leader and official).
                Some(mut r) => {
                    if r.office != office && r.also.is_none() {
                        r.also = Some((first_title, office));
                    } else if r.office == office && r.country_tokens.0 >= r.country_tokens.1 {
                        // Neither names a country: the first title is the office's name.
                        r.title = first_title;
                    }
                    Some(r)
                }
                None => self.own_country(next.ent, office).map(|c| Role {
                    title: first_title,
                    country: c,
                    office,
                    country_tokens: (country_start, country_end),
                    // The name: after the chain's last comma and honorifics.
                    name: {
                        let mut b = (next.first..next.last)
                            .rev()
                            .find(|&k| toks[k].kind == TokenKind::Punct)
                            .map_or(next.first, |k| k + 1);
                        while b + 1 < next.last && self.lists.has_exact("HONORIFIC", &toks[b].norm)
                        {
                            b += 1;
                        }
                        (b, next.last)
                    },
                    counterpart: false,
                    also: self.second_title(a, text, toks, i, &ph, office),
                }),
            };
            return Some(Mention {
                first: i,
                role,
                ..next
            });
        }
        let consumed = j;
        if aide.is_some() {
            match person {
                None => return None,
                // The name is the leader's own (أحد مساعدي الرئيس الروسي فلاديمير بوتين).
                Some((Ent::Lex(id), _)) if self.lex.entity(id).office == Some(Office::Leader) => {
                    aide = None;
                    office = self.office_of_title(&title_folded);
                }
                Some(_) => {}
            }
        }
        // A name the lexicon lacks before its title, after an honorific (الجنرال ديميتريوس
        // خوبيس رئيس هيئة الأركان العامة اليوناني): that person holds the title.
        let mut before: Option<usize> = None;
        if person.is_none()
            && country.is_some()
            && !counterpart
            && aide.is_none()
            && split_clitics.is_empty()
            && let Some((start, ent)) = self.name_before_title(a, text, toks, i, ents)
        {
            person = Some((ent, consumed));
            before = Some(start);
        }
        if person.is_none()
            && country.is_none()
            && let Some(next) = toks.get(title_end)
            && conj_head(self.lists, &next.norm)
            && let Some(mut m) = self.title(a, text, toks, title_end, focus, ents)
        {
            // Two titles of one person: مستشار الدولة ووزير الدفاع لي شانغفو.
            m.first = i;
            m.clitics = split_clitics;
            return Some(m);
        }
        let (ent, end) = match person {
            Some(p) => p,
            // «الوزير السعودي», «نظيره البلجيكي» with no name: the last person this document
            // gave that title (or, for a counterpart, any title) of that country.
            None if (office == Office::Official || counterpart)
                && let Some(c) = country
                && let Some(p) = self.titled_before(focus, &title_folded, c, counterpart) =>
            {
                (p, consumed)
            }
            // الرئيس alone: the last person this document gave that title. «رئيس الدولة»
            // is the home country's head of state: the first one the document named (agency
            // copy opens with its own president, guests come after).
            None if country.is_none()
                && !counterpart
                && let Some((p, _)) = {
                    let same =
                        |(_, t): &&(Ent, String)| crate::lexicon::same_title(&title_folded, t);
                    if title_folded.split(' ').any(|w| w == "الدوله") {
                        focus.titled.iter().find(same)
                    } else {
                        focus.titled.iter().rev().find(same)
                    }
                } =>
            {
                (*p, consumed)
            }
            // A leader's title with no country in home copy (وصل سمو ولي العهد): the
            // dateline country's holder — a whole title (not رئيس alone), on its own (not
            // inside another: نائب رئيس …, لدى رئيس الحكومة, لرئيس الوزراء), and not the
            // head of a place named next (رئيس إقليم كردستان).
            None if office == Office::Leader && !counterpart => {
                let whole = title_folded.contains(' ') || title_folded.starts_with("ال");
                let inside = !split_clitics.is_empty()
                    || i.checked_sub(1).is_some_and(|b| {
                        let w = &toks[b].norm;
                        self.lists.has("TITLE_HEAD", w) || w.as_str() == "لدي"
                    });
                let of_place = self.lexical(toks, title_end).is_some_and(|m| {
                    matches!(
                        m.kind,
                        Kind::Region | Kind::City | Kind::Country | Kind::Organization
                    )
                });
                let home = focus.home.filter(|_| whole && !inside && !of_place);
                let c = match country.or(home)? {
                    Ent::Lex(c) => c,
                    Ent::Doc(_) => return None,
                };
                (
                    Ent::Lex(
                        self.lex
                            .office_holder(c, office, &title_folded, self.date)?,
                    ),
                    consumed,
                )
            }
            None => return None,
        };
        // A title without a country (جلالة الملك، وزير الخارجية) is the known holder's own.
        let country = country.or_else(|| (!counterpart).then(|| self.own_country(ent, office))?);
        let (tb, te) = a.norm.original_span(toks[i].begin, toks[title_end - 1].end);
        let title_text = text.slice(tb, te);
        let mut title_text = strip_clitic_text(title_text, split_clitics);
        if let Some(p) = aide {
            let (ab, ae) = a.norm.original_span(toks[p].begin, toks[p].end);
            let conj = if self.lists.has_exact("AIDE_WORD", &toks[p].norm) {
                ""
            } else {
                &toks[p].norm[..'و'.len_utf8()]
            };
            title_text = format!(
                "{} {title_text}",
                strip_clitic_text(text.slice(ab, ae), conj)
            );
        }
        let known_office = || match ent {
            Ent::Lex(id) => {
                let e = self.lex.entity(id);
                e.office
                    .filter(|_| e.in_office_on(self.date))
                    .zip(e.title.clone())
            }
            Ent::Doc(_) => None,
        };
        if counterpart && let Some((o, t)) = known_office() {
            // A counterpart the lexicon knows holds his own office, whatever the title
            // before said (… محمد سالم ولد مرزوك ونظيرته السنغالية ياسين فال).
            title_text = t;
            office = o;
        } else if counterpart {
            // A counterpart holds the office of the last titled person of another
            // country: وزير الخارجية الصيني ... نظيره الروسي سيرغي لافروف.
            let (t, o) = focus
                .offices
                .iter()
                .rev()
                .find(|(_, _, c)| Some(*c) != country)
                .map(|(t, o, _)| (t.clone(), *o))
                .unwrap_or((title_text.clone(), Office::Official));
            title_text = t;
            office = o;
        }
        Some(Mention {
            first: before.unwrap_or(i),
            last: end,
            ent,
            kind: Kind::Person,
            adj: false,
            adj_form: false,
            pair: None,
            government_of: None,
            clitics: split_clitics,
            role: country.map(|c| Role {
                title: title_text,
                country: c,
                office,
                country_tokens: (country_start, country_end),
                name: before.map_or((j, end), |b| (b, i)),
                counterpart,
                also: if counterpart || aide.is_some() {
                    None
                } else {
                    self.second_title(a, text, toks, i, &ph, office)
                },
            }),
            via: Via::Title,
        })
    }

    /// The last person the document gave a title like `title` (equal without articles,
    /// or its head word alone: الوزير for وزير الخارجية) and the country `country`; for a
    /// counterpart, any title of the office the other side's last title holds (نظيره
    /// الكولومبي after الرئيس ترامب: the Colombian president, not a minister named since).
    fn titled_before(
        &self,
        focus: &Focus,
        title: &str,
        country: Ent,
        counterpart: bool,
    ) -> Option<Ent> {
        let head = |t: &str| {
            let w = t.split(' ').next().unwrap_or(t);
            w.strip_prefix("ال").unwrap_or(w).to_string()
        };
        let single = !title.contains(' ');
        let other_side = focus
            .offices
            .iter()
            .rev()
            .find(|(_, _, c)| *c != country)
            .map(|(_, o, _)| *o);
        focus.titled.iter().rev().find_map(|(p, t)| {
            let like = if counterpart {
                other_side.is_none_or(|o| self.office_of_title(t) == o)
            } else {
                crate::lexicon::same_title(title, t) || single && head(title) == head(t)
            };
            (like && focus.person_country.contains(&(*p, country))).then_some(*p)
        })
    }

    /// A new name of one to three words right before the title at `i`, opened by an
    /// honorific or courtesy word and after the last mention found: where it starts and
    /// the person.
    fn name_before_title(
        &self,
        a: &Analyzed,
        text: &OriginalText,
        toks: &[Token],
        i: usize,
        ents: &mut DocEntities,
    ) -> Option<(usize, Ent)> {
        let anchor =
            |t: &Token| self.lists.has("HONORIFIC", &t.norm) || self.lists.has("COURTESY", &t.norm);
        let floor = self.floor.get();
        let mut k = i;
        while k > floor + 1 && i - k < 3 {
            let t = &toks[k - 1];
            if anchor(t)
                || !name_word(self.lists, t)
                || self.glued_non_name(&t.norm)
                || self.lexical(toks, k - 1).is_some()
            {
                break;
            }
            k -= 1;
        }
        if k == i || k <= floor || !anchor(&toks[k - 1]) || toks[k].norm.starts_with("ال") {
            return None;
        }
        Some((k, new_person(a, text, &toks[k..i], ents)))
    }

    /// The person named right after a title, from token `*j` on (honorifics before the
    /// name are skipped and `*j` moves past them): a lexicon person, an alias of this
    /// document, a short name of the title's country, or a new person when the title
    /// names a country (and is not a leader's whose holder the lexicon knows on the
    /// document's date: «والرئيس الروسي جلسة» is no one new). Returns the person and the
    /// token after the name.
    #[allow(clippy::too_many_arguments)]
    fn titled_name(
        &self,
        a: &Analyzed,
        text: &OriginalText,
        toks: &[Token],
        j: &mut usize,
        said: TitleSaid,
        focus: &Focus,
        ents: &mut DocEntities,
    ) -> Option<(Ent, usize)> {
        let TitleSaid {
            country,
            counterpart,
            ..
        } = said;
        let last = toks.len();
        // Honorifics before the name: الشيخ, الدكتور, المشير.
        while *j < last && self.lists.has_exact("HONORIFIC", &toks[*j].norm) {
            *j += 1;
        }
        let j = *j;
        // The name: parenthesised first name allowed.
        let mut name_toks: Vec<Token> = Vec::new();
        // Token index of the first name word (its memoised lexicon splits are used).
        let mut name_first = j;
        let mut k = j;
        while k < last && name_toks.len() < 6 {
            let t = &toks[k];
            if t.is_punct("(")
                && toks.get(k + 2).is_some_and(|c| c.is_punct(")"))
                && toks[k + 1].kind == TokenKind::Word
            {
                if name_toks.is_empty() {
                    name_first = k + 1;
                }
                name_toks.push(toks[k + 1].clone());
                k += 3;
                continue;
            }
            // A hyphen between the parts of a first name: جان – إيف لودريان.
            if !name_toks.is_empty()
                && (t.is_punct("-") || t.is_punct("–"))
                && toks.get(k + 1).is_some_and(|n| n.kind == TokenKind::Word)
            {
                k += 1;
                continue;
            }
            if t.kind != TokenKind::Word {
                break;
            }
            name_toks.push(t.clone());
            k += 1;
        }
        let mut person: Option<(Ent, usize)> = None;
        if !name_toks.is_empty() {
            let lm = self.lex.longest_match_from(
                self.words.first_words(name_first),
                &name_toks,
                &mut self.scratch.borrow_mut(),
            );
            if let Some(m) = lm
                .iter()
                .find(|m| self.lex.entity(m.entity).kind == Kind::Person && m.clitics.is_empty())
            {
                person = Some((Ent::Lex(m.entity), original_end(toks, j, m.len)));
            } else if !lm.is_empty() {
                person = None;
            } else if let Some(a) = {
                let key = skeleton::skeleton(&name_toks[0].norm);
                focus.aliases.iter().rev().find(|a| a.key == key)
            } {
                person = Some((a.ent, original_end(toks, j, 1)));
            } else if let Some(&id) =
                self.lex
                    .by_short_name(&name_toks[0].norm)
                    .iter()
                    .find(|&&id| {
                        country
                            .is_some_and(|c| self.lex.entity(id).country.map(Ent::Lex) == Some(c))
                    })
            {
                person = Some((Ent::Lex(id), original_end(toks, j, 1)));
            } else if let Some(p) = country.filter(|_| !counterpart).and_then(|c| {
                // The same title and country as someone this document named: him again
                // (الموفد الفرنسي يحمل أفكاراً, after الموفد الفرنسي جان إيف لودريان).
                focus.titled.iter().rev().find_map(|(p, t)| {
                    (crate::lexicon::same_title(said.folded, t)
                        && focus.person_country.contains(&(*p, c)))
                    .then_some(*p)
                })
            }) {
                person = Some((p, j));
            } else if country.is_some() && !counterpart && !self.holder_known(said) {
                let n = name_toks
                    .iter()
                    .enumerate()
                    .take_while(|(ix, t)| {
                        name_word(self.lists, t)
                            && (*ix > 0 || !t.norm.starts_with("ال"))
                            && !self.glued_non_name(&t.norm)
                            && !has_tanween(a, text, t)
                            && self.lex.longest_match(std::slice::from_ref(*t)).is_empty()
                    })
                    .count()
                    .min(3);
                if n >= 1 {
                    let end = original_end(toks, j, n);
                    person = Some((new_person(a, text, &name_toks[..n], ents), end));
                }
            }
        }
        // Someone the lexicon places in another country is not this title's holder but
        // the object after a subject named by title (والتقى ولي العهد السعودي زيلينسكي).
        person.filter(|&(p, _)| match (country, p) {
            (Some(Ent::Lex(c)), Ent::Lex(id)) => {
                self.lex.entity(id).country.is_none_or(|pc| pc == c)
            }
            _ => true,
        })
    }

    /// Whether the lexicon knows who holds the leader's office a title names on the
    /// document's date.
    fn holder_known(&self, said: TitleSaid) -> bool {
        match said.country {
            Some(Ent::Lex(c)) if said.office == Office::Leader => self
                .lex
                .office_holder(c, said.office, said.folded, self.date)
                .is_some(),
            _ => false,
        }
    }

    /// A word no new name goes on with: a preposition glued to an article (للشؤون), or a
    /// proclitic glued to a stop word (لزيارة) or to a known surname (بلاريجاني).
    fn glued_non_name(&self, word: &str) -> bool {
        word.starts_with("لل")
            || clitics::splits(word).iter().any(|s| {
                !s.clitics.is_empty()
                    && (self.lists.has_exact("STOP", &s.stem)
                        || self.lex.is_short_name_spelling(&s.stem))
            })
    }

    /// The country a lexicon person holds an office of this kind of on the document's
    /// date: what a title that names no country means for its known holder.
    fn own_country(&self, person: Ent, office: Office) -> Option<Ent> {
        let Ent::Lex(id) = person else {
            return None;
        };
        let e = self.lex.entity(id);
        let country = e
            .country
            .filter(|&c| self.lex.entity(c).kind == Kind::Country)?;
        (e.office == Some(office) && e.in_office_on(self.date)).then_some(Ent::Lex(country))
    }

    /// The office a title gives: a leader's when the title is listed as such or starts
    /// with a listed title of two words or more (ولي العهد رئيس مجلس الوزراء), otherwise an
    /// official's.
    /// A second title inside a title phrase: a head in the construct state after a
    /// definite word that closes the first (رئيس مجلس الوزراء | وزير الخارجية; not the
    /// adjective in المجلس العسكري الحاكم), when it is another kind of office than
    /// `office`: its original text and office.
    fn second_title(
        &self,
        a: &Analyzed,
        text: &OriginalText,
        toks: &[Token],
        i: usize,
        ph: &Phrase,
        office: Office,
    ) -> Option<(String, Office)> {
        let words: Vec<&str> = ph.title_folded.split(' ').collect();
        let k = (1..words.len()).find(|&k| {
            words[k - 1].starts_with("ال")
                && !words[k].starts_with("ال")
                && self.lists.has_exact("TITLE_HEAD", words[k])
        })?;
        let second = self.office_of_title(&words[k..].join(" "));
        if second == office || self.office_of_title(&words[..k].join(" ")) != office {
            return None;
        }
        let (b, e) = a
            .norm
            .original_span(toks[i + k].begin, toks[ph.title_end - 1].end);
        Some((text.slice(b, e).to_string(), second))
    }

    fn office_of_title(&self, title: &str) -> Office {
        let is_leader = |title: &str| {
            self.lists.has_exact("LEADER_TITLE", title) || {
                let words: Vec<&str> = title.split(' ').collect();
                (2..words.len())
                    .any(|n| self.lists.has_exact("LEADER_TITLE", &words[..n].join(" ")))
            }
        };
        // A woman's title is her office too: رئيسة مجلس الوزراء as رئيس مجلس الوزراء.
        let masculine = || {
            let (head, rest) = title.split_once(' ').unwrap_or((title, ""));
            let head = head.strip_suffix('ه').filter(|h| h.chars().count() >= 3)?;
            Some(format!("{head} {rest}").trim_end().to_string())
        };
        if is_leader(title) || masculine().is_some_and(|t| is_leader(&t)) {
            Office::Leader
        } else {
            Office::Official
        }
    }

    fn event(
        &self,
        a: &Analyzed,
        text: &OriginalText,
        toks: &[Token],
        i: usize,
        focus: &Focus,
        ents: &mut DocEntities,
    ) -> Option<Mention> {
        // A name in quotation marks («قمة أسمرة الثلاثية») is the whole quoted span, and
        // a few more heads open one (أسبوع، معرض، ملتقى: list QUOTED_EVENT_HEAD).
        let close = (i > 0 && toks[i - 1].is_punct("\""))
            .then(|| (i + 1..toks.len().min(i + 16)).find(|&k| toks[k].kind == TokenKind::Punct))
            .flatten()
            .filter(|&k| k > i + 1 && toks[k].is_punct("\""));
        let split = clitics::splits(&toks[i].norm).into_iter().find(|s| {
            self.lists.has_exact("EVENT_HEAD", &s.stem)
                || close.is_some() && self.lists.has_exact("QUOTED_EVENT_HEAD", &s.stem)
        })?;
        let definite = split.stem.strip_prefix("ال");
        if let Some(close) = close {
            return Some(self.event_named(a, text, toks, (i, close), &split, ents));
        }
        let mut j = i + 1;
        // A definite head takes only definite adjectives (القمة العربية), never a
        // following noun (شارك في القمة رؤساء …).
        let ends_here =
            definite.is_some() && toks.get(i + 1).is_none_or(|t| !t.norm.starts_with("ال"));
        while !ends_here && j < toks.len() && j - i <= 7 {
            let t = &toks[j];
            // «بين» links right after the head or an adjective (القمة الثانية بين الصين
            // و…), not after a noun (القمة العلاقات بين: a sentence goes on).
            let between = t.norm == "بين" && {
                let before = &toks[j - 1].norm;
                j == i + 1
                    || self.lists.has_exact("EVENT_ORDINAL", before)
                    || before.starts_with("ال") && before.ends_with(['ي', 'ه'])
            };
            let link = between || self.lists.has_exact("EVENT_LINK", &t.norm);
            // A hyphen inside a compound adjective (منتدى التعاون الصيني-الأفريقي).
            if (t.is_punct("-") || t.is_punct("–"))
                && toks[j - 1].kind == TokenKind::Word
                && toks.get(j + 1).is_some_and(|n| {
                    n.kind == TokenKind::Word && n.begin == t.end && n.norm.starts_with("ال")
                })
            {
                j += 2;
                continue;
            }
            // A name ends at punctuation, a stop word, a word saying when or how it is
            // held (المقرر عقدها غدا), a person's title or name (وشارك في القمة الرئيس
            // الروسي …), or a place with a glued ب (القمة الثلاثية بأثينا: where, not which).
            if t.kind == TokenKind::Punct
                || (!link
                    && (self.lists.has("STOP", &t.norm)
                        || self.lists.has("NEGATION", &t.norm)
                        || self.lists.has("EVENT_END", &t.norm)
                        || self.lists.has("TITLE_HEAD", &t.norm)))
                || self.lexical(toks, j).is_some_and(|m| {
                    m.kind == Kind::Person
                        || m.clitics.ends_with('ب')
                            && matches!(m.kind, Kind::City | Kind::Country | Kind::Region)
                })
            {
                break;
            }
            // «بين X وY» ends with its second member (القمة الثانية بين الصين وآسيا الوسطى
            // والقيام بزيارة …): a second word opening with و after بين ends the name.
            if t.norm.starts_with('و')
                && let Some(b) = toks[i + 1..j].iter().position(|b| b.norm == "بين")
                && toks[i + 1 + b..j].iter().any(|w| w.norm.starts_with('و'))
            {
                break;
            }
            j += 1;
        }
        while j > i + 1 && self.lists.has_exact("EVENT_LINK", &toks[j - 1].norm) {
            j -= 1;
        }
        // Specific enough to be a name: it names a place or a body, or counts (السادسة).
        let named = (i + 1..j).any(|k| {
            self.lists.has_exact("EVENT_ORDINAL", &toks[k].norm)
                || self.lexical(toks, k).is_some_and(|m| {
                    matches!(
                        m.kind,
                        Kind::Country | Kind::City | Kind::Organization | Kind::Region
                    )
                })
        });
        if j == i + 1
            && let Some(head) = definite
            && let Some(&(_, e)) = focus.events.iter().rev().find(|(h, _)| h == head)
        {
            // «القمة» alone: the last summit the document named.
            return Some(event_mention(i, i + 1, e, split.clitics, Via::Coref));
        }
        if j == i + 1 || !named {
            return None;
        }
        Some(self.event_named(a, text, toks, (i, j), &split, ents))
    }

    /// The event named by tokens `i..j` (its head at `i`, split off its clitics).
    fn event_named(
        &self,
        a: &Analyzed,
        text: &OriginalText,
        toks: &[Token],
        (i, j): (usize, usize),
        split: &clitics::Split,
        ents: &mut DocEntities,
    ) -> Mention {
        let (b, e) = a.norm.original_span(toks[i].begin, toks[j - 1].end);
        let label = strip_clitic_text(text.slice(b, e), split.clitics);
        let mut folded = split.stem.to_string();
        for t in &toks[i + 1..j] {
            folded.push(' ');
            folded.push_str(&t.norm);
        }
        let id = ents.intern(Entity::found_in_text(
            format!("{ID}event/{}", romanize(&folded)),
            Kind::Event,
            label,
        ));
        event_mention(i, j, Ent::Doc(id), split.clitics, Via::Event)
    }

    fn coref(&self, toks: &[Token], i: usize, focus: &Focus, starter: bool) -> Option<Mention> {
        let t = &toks[i];
        if t.kind != TokenKind::Word || focus.persons.is_empty() && !starter {
            return None;
        }
        let w = self.words.get(i);
        let may_be_surname = w.short_name
            || w.surname_heads()
                .iter()
                .any(|h| focus.aliases.iter().any(|a| a.head == *h));
        if !starter && !may_be_surname {
            return None;
        }
        for s in clitics::splits(&t.norm) {
            let mk = |ent: Ent, kind: Kind, pair: Option<Ent>| Mention {
                first: i,
                last: i + 1,
                ent,
                kind,
                adj: false,
                adj_form: false,
                pair,
                government_of: None,
                clitics: s.clitics,
                role: None,
                via: Via::Coref,
            };
            // «الأخير» after a definite noun describes it (المحطة الأخيرة: the last stop).
            let after_noun = || {
                s.clitics.is_empty()
                    && i.checked_sub(1).is_some_and(|b| {
                        toks[b].kind == TokenKind::Word
                            && toks[b].norm.starts_with("ال")
                            && !self.lists.has("STOP", &toks[b].norm)
                    })
            };
            if starter
                && self.lists.has_exact("LATTER", &s.stem)
                && !after_noun()
                && let Some(&p) = focus.persons.last()
            {
                return Some(mk(p, Kind::Person, None));
            }
            // «الضيف», «ضيفه»: the guest of the last reception or visit; «مضيفه»: its host.
            if starter
                && let Some(p) = if self.lists.has_exact("GUEST_WORD", &s.stem) {
                    focus.guest
                } else if self.lists.has_exact("HOST_WORD", &s.stem) {
                    focus.host
                } else {
                    None
                }
            {
                return Some(mk(p, Kind::Person, None));
            }
            // سموه, معاليه, جلالته: the first person the document wrote after that courtesy
            // word, agency style's protagonist («التقى معالي X … معالي Y … كما التقى معاليه»).
            if starter
                && self.lists.has_exact("HONORIFIC_PRONOUN", &s.stem)
                && let Some(word) = courtesy_of_pronoun(&s.stem)
                && let Some(&(_, p)) = focus.courtesy.iter().find(|(c, _)| *c == word)
            {
                return Some(mk(p, Kind::Person, None));
            }
            if starter
                && self.lists.has_exact("HIS_COUNTRY", &s.stem)
                && let Some(p) = focus.speaker.as_ref().or(focus.persons.last())
                && let Some((_, c)) = focus.person_country.iter().rev().find(|(x, _)| x == p)
            {
                return Some(mk(*c, Kind::Country, None));
            }
            // المملكة, السلطنة: the last country in focus whose name opens with the word;
            // not inside a title (رئيس الدولة: the head of state).
            if starter
                && self.lists.has_exact("STATE_NOUN", &s.stem)
                && !i
                    .checked_sub(1)
                    .is_some_and(|b| self.lists.has_exact("TITLE_HEAD", &toks[b].norm))
                && let named = self.lex.countries_named_with(&s.stem)
                && let Some(&c) = focus
                    .countries
                    .iter()
                    .rev()
                    .find(|c| matches!(c, Ent::Lex(id) if named.contains(id)))
            {
                return Some(mk(c, Kind::Country, None));
            }
            if starter
                && self.lists.has_exact("BOTH_COUNTRIES", &s.stem)
                && let [.., a, b] = focus.countries.as_slice()
            {
                return Some(mk(*a, Kind::Country, Some(*b)));
            }
            // Short surnames (لي, كيم, يون) only as written, never through a clitic split.
            if s.stem.chars().count() < 4 && !s.clitics.is_empty() {
                continue;
            }
            let head = skeleton::head(&s.stem);
            if !self.lex.may_be_short_name(head) && !focus.aliases.iter().any(|a| a.head == head) {
                continue;
            }
            let key = skeleton::skeleton(&s.stem);
            // A skeleton of one or two letters stands for many words: only as spelled.
            let exact = key.chars().count() < 3;
            if let Some(a) = focus
                .aliases
                .iter()
                .rev()
                .find(|a| a.key == key && (!exact || a.word == s.stem))
            {
                return Some(mk(a.ent, Kind::Person, None));
            }
            if exact && !self.lex.is_short_name_spelling(&s.stem) {
                continue;
            }
            let seen_short = self
                .lex
                .by_skeleton_short_name(&key)
                .iter()
                .find(|&&id| focus.persons.contains(&Ent::Lex(id)));
            if let Some(&id) = seen_short {
                return Some(mk(Ent::Lex(id), Kind::Person, None));
            }
        }
        None
    }
}

/// A mention of an event over tokens `first..last`.
fn event_mention(first: usize, last: usize, ent: Ent, clitics: &'static str, via: Via) -> Mention {
    Mention {
        first,
        last,
        ent,
        kind: Kind::Event,
        adj: false,
        adj_form: false,
        pair: None,
        government_of: None,
        clitics,
        role: None,
        via,
    }
}

/// A person the lexicon lacks, named by these words: labelled as the text writes them,
/// with an IRI from their romanisation.
fn new_person(a: &Analyzed, text: &OriginalText, names: &[Token], ents: &mut DocEntities) -> Ent {
    let folded: Vec<&str> = names.iter().map(|t| t.norm.as_str()).collect();
    let label: String = names
        .iter()
        .map(|t| {
            let (b, e) = a.norm.original_span(t.begin, t.end);
            text.slice(b, e).to_string()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let id = ents.intern(Entity::found_in_text(
        format!("{ID}person/{}", romanize(&folded.join(" "))),
        Kind::Person,
        label,
    ));
    Ent::Doc(id)
}

/// The courtesy word (folded, no article) a pronoun is made of: سموه → سمو, جلالته → جلاله,
/// معاليها → معالي.
fn courtesy_of_pronoun(pronoun: &str) -> Option<String> {
    let base = pronoun
        .strip_suffix("ها")
        .or_else(|| pronoun.strip_suffix('ه'))?;
    Some(match base.strip_suffix('ت') {
        Some(b) => format!("{b}ه"),
        None => base.to_string(),
    })
}

/// Index one past the last original token covering `n` name words from `j`
/// (parentheses around a first name count as tokens).
fn original_end(toks: &[Token], j: usize, n: usize) -> usize {
    let mut k = j;
    let mut words = 0;
    while k < toks.len() && words < n {
        if toks[k].kind == TokenKind::Word {
            words += 1;
        }
        k += 1;
    }
    if toks.get(k).is_some_and(|t| t.is_punct(")"))
        && toks[j..k].iter().any(|t| t.is_punct("("))
        && !toks[j..k].iter().any(|t| t.is_punct(")"))
    {
        k += 1;
    }
    k
}

/// Removes the proclitic letters from the start of an original-text label.
pub(super) fn strip_clitic_text(s: &str, clitics: &str) -> String {
    let n = clitics.chars().count();
    if n == 0 {
        return s.to_string();
    }
    let mut seen = 0;
    let mut out = String::new();
    let mut skipping = true;
    for c in s.chars() {
        if skipping && seen < n {
            if crate::text::normalize::fold_char(c).is_some() {
                seen += 1;
            }
            continue;
        }
        skipping = false;
        out.push(c);
    }
    // ل + ال was written لل: the article lost its alef.
    if clitics.ends_with('ل')
        && out.starts_with('ل')
        && !s.starts_with("ال")
        && out.chars().nth(1).is_some()
        && n > 0
    {
        let starts_with_al = crate::text::fold(&out).starts_with('ل')
            && crate::text::fold(s).starts_with(&format!("{clitics}ل"));
        if starts_with_al {
            return format!("ا{out}");
        }
    }
    out
}

fn kind_rank(k: Kind) -> u8 {
    match k {
        Kind::Country => 0,
        Kind::Person => 1,
        Kind::Organization => 2,
        Kind::Event => 3,
        Kind::Region => 4,
        Kind::City => 5,
    }
}
