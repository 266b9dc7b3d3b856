//! Extraction: a document's text → mentions → rule matches → facts with provenance
//! (sentence, character span, rule, modality, dates).

pub mod dates;
mod json;
pub mod mentions;
pub mod vocab;
pub mod words;

use crate::input::Document;
use crate::lexicon::{Entity, Kind, Lexicon, Office};
use crate::rules::{Binding, Item, MentionView, Modality, RuleSet, SlotSource, SlotType};
use crate::text::{Analyzed, OriginalText, TokenKind};
use mentions::{Focus, Mention, MentionFinder};
use serde::Serialize;
use std::collections::HashMap;
use words::WordMemo;

/// An entity reference: from the lexicon, or found in this document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ent {
    /// A lexicon entity.
    Lex(crate::lexicon::EntityId),
    /// An entity found in the document (index into [`DocEntities`]).
    Doc(u32),
}

/// Entities a document introduced that the lexicon lacks.
#[derive(Debug, Default, Clone)]
pub struct DocEntities {
    list: Vec<Entity>,
    by_iri: HashMap<String, u32>,
}

impl DocEntities {
    /// Adds an entity unless one with the same IRI exists; returns its index.
    pub fn intern(&mut self, e: Entity) -> u32 {
        if let Some(&i) = self.by_iri.get(&e.iri) {
            return i;
        }
        let i = self.list.len() as u32;
        self.by_iri.insert(e.iri.clone(), i);
        self.list.push(e);
        i
    }
}

/// An entity as written in a fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityOut {
    /// Stable IRI.
    pub iri: String,
    /// Arabic label.
    pub label: String,
    /// English label, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    /// Type (`Person`, `Country`…).
    #[serde(rename = "type")]
    pub kind: String,
    /// How the text wrote it (original spelling).
    pub surface: String,
    /// Wikidata IRIs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<String>,
}

/// The period a fact refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct When {
    /// First day (or month, or year).
    pub start: String,
    /// Last day (or month, or year).
    pub end: String,
}

/// One extracted fact with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// Document id.
    pub doc: String,
    /// Subject.
    pub s: EntityOut,
    /// Core property local name.
    pub p: String,
    /// Object.
    pub o: EntityOut,
    /// asserted, planned or reported.
    pub modality: Modality,
    /// Dates the text gives for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
    /// The rule that produced it.
    pub rule: String,
    /// Sentence index in the document (0-based).
    pub sentence: usize,
    /// Unicode scalar offsets `[begin, end)` of the matched text in the original document.
    pub span: [u32; 2],
    /// Offsets of the whole sentence.
    pub sentence_span: [u32; 2],
    /// The original text at `span`.
    pub text: String,
    /// Role given by a title (`وزير الدفاع`), for officialOf / leaderOf.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Confidence in [0, 1]: lower when arguments came from context.
    pub confidence: f32,
}

/// A warning about a document that was still processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning(pub String);

/// Extracts facts from documents with one lexicon and one rule set.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Lexicon,
    rules: RuleSet,
    words: WordMemo,
}

/// Why a document gave no facts at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocError {
    /// The text is empty or only whitespace.
    #[error("empty document")]
    Empty,
    /// Nothing is left after removing diacritics and controls.
    #[error("no letters or digits after normalisation (only diacritics, controls or punctuation)")]
    NoText,
}

struct Ctx<'a> {
    lex: &'a Lexicon,
    ents: &'a DocEntities,
    text: &'a OriginalText<'a>,
    a: &'a Analyzed,
}

impl Ctx<'_> {
    fn entity(&self, e: Ent) -> &Entity {
        match e {
            Ent::Lex(id) => self.lex.entity(id),
            Ent::Doc(i) => &self.ents.list[i as usize],
        }
    }
    fn original(&self, first: usize, last: usize) -> ([u32; 2], String) {
        let (b, e) = self.a.original_span(first, last);
        ([b, e], self.text.slice(b, e).to_string())
    }
    fn out(&self, e: Ent, surface: &str) -> EntityOut {
        let x = self.entity(e);
        EntityOut {
            iri: x.iri.clone(),
            label: x.label_ar.clone(),
            label_en: x.label_en.clone(),
            kind: x.kind.name().to_string(),
            surface: surface.to_string(),
            same_as: x.same_as.clone(),
        }
    }
}

/// A filled argument: entity, its type, and how it was written.
#[derive(Debug, Clone)]
struct Arg {
    ent: Ent,
    kind: Kind,
    surface: String,
    from_context: bool,
}

impl Extractor {
    /// An extractor with this gazetteer and these rules and word lists.
    pub fn new(lexicon: Lexicon, rules: RuleSet) -> Self {
        Extractor {
            lexicon,
            rules,
            words: WordMemo::new(),
        }
    }

    /// The gazetteer.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The rules and word lists.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Facts of one document, in sentence order, plus warnings.
    pub fn extract(&self, doc: &Document) -> Result<(Vec<Fact>, Vec<Warning>), DocError> {
        if doc.text.trim().is_empty() {
            return Err(DocError::Empty);
        }
        let a = Analyzed::new(&doc.text);
        if !a.tokens.iter().any(|t| t.kind != TokenKind::Punct) {
            return Err(DocError::NoText);
        }
        let mut warnings = Vec::new();
        if !a
            .norm
            .chars
            .iter()
            .any(|c| ('\u{0621}'..='\u{064A}').contains(c))
        {
            warnings.push(Warning(
                "no Arabic letters: isnad's rules read Arabic text only".into(),
            ));
        }
        let text = OriginalText::new(&doc.text);
        let lists = &self.rules.lists;
        let words = self.words.words(&a.tokens, &self.lexicon, lists);
        let finder = MentionFinder::new(&self.lexicon, lists, &words, doc.date.as_deref());
        let mut focus = Focus::default();
        let mut ents = DocEntities::default();
        let mut facts = Vec::new();
        // The last mention of each kind (entity, tokens), for arguments from earlier sentences.
        let mut last_by_kind: HashMap<Kind, (Ent, (usize, usize))> = HashMap::new();
        for (si, s) in a.sentences.iter().enumerate() {
            let mentions = finder.sentence(&a, &text, s.first, s.last, &mut focus, &mut ents);
            let ctx = Ctx {
                lex: &self.lexicon,
                ents: &ents,
                text: &text,
                a: &a,
            };
            let (b, e) = a.original_span(s.first, s.last);
            let sentence_span = [b, e];
            // Items: words and punctuation, with each mention collapsed to one item.
            let n = s.last - s.first;
            let mut items: Vec<Item> = Vec::with_capacity(n);
            let mut item_tokens: Vec<(usize, usize)> = Vec::with_capacity(n);
            let mut item_mention: Vec<Option<usize>> = Vec::with_capacity(n);
            let mut t = s.first;
            let mut mi = 0;
            // Quotation marks around an event's name («منتدى الدوحة») are part of its item.
            let quoted_event = |mi: usize| {
                mentions.get(mi).is_some_and(|m| {
                    m.kind == Kind::Event
                        && m.first > s.first
                        && a.tokens[m.first - 1].is_punct("\"")
                        && a.tokens.get(m.last).is_some_and(|c| c.is_punct("\""))
                })
            };
            while t < s.last {
                if mentions.get(mi).is_some_and(|m| m.first == t + 1) && quoted_event(mi) {
                    t += 1;
                    continue;
                }
                if mi < mentions.len() && mentions[mi].first == t {
                    let m = &mentions[mi];
                    items.push(Item::Mention(MentionView {
                        kind: m.kind,
                        adj: m.adj,
                        adj_form: m.adj_form,
                        pair: m.pair.is_some(),
                        government: m.government_of.is_some(),
                        clitics: m.clitics,
                    }));
                    item_tokens.push((m.first, m.last));
                    item_mention.push(Some(mi));
                    t = m.last + usize::from(quoted_event(mi));
                    mi += 1;
                } else {
                    let tok = &a.tokens[t];
                    items.push(if tok.kind == TokenKind::Punct {
                        Item::Punct(&tok.norm)
                    } else {
                        Item::Word(&tok.norm)
                    });
                    item_tokens.push((t, t + 1));
                    item_mention.push(None);
                    t += 1;
                }
            }
            let date_exprs = dates::find(&a.tokens, s.first, s.last, |i| words.get(i).date_start);
            // (priority, modality came from a cue or the rule, fact)
            let mut sentence_facts: Vec<(i32, bool, Fact)> = Vec::new();
            // The visits among them: (index, visitor, place).
            let mut visits: Vec<(usize, Ent, Ent)> = Vec::new();
            // Roles from titles.
            for m in &mentions {
                let Some(r) = &m.role else {
                    continue;
                };
                let (span, anchor) = ctx.original(m.first, m.last);
                let (_, surface) = ctx.original(r.name.0, r.name.1);
                let (_, csurface) = ctx.original(r.country_tokens.0, r.country_tokens.1);
                // The title's office, and a second title's of another kind (رئيس مجلس
                // الوزراء وزير الخارجية: leader and official).
                let offices = std::iter::once((r.office, &r.title))
                    .chain(r.also.as_ref().map(|(t, o)| (*o, t)));
                for (office, title) in offices {
                    let (p, rule) = match office {
                        Office::Leader => ("leaderOf", "title.leader"),
                        Office::Official => ("officialOf", "title.official"),
                    };
                    sentence_facts.push((
                        100,
                        true,
                        Fact {
                            doc: doc.id.clone(),
                            s: ctx.out(
                                m.ent,
                                if surface.is_empty() {
                                    &anchor
                                } else {
                                    &surface
                                },
                            ),
                            p: p.into(),
                            o: ctx.out(r.country, &csurface),
                            modality: Modality::Asserted,
                            when: None,
                            rule: rule.into(),
                            sentence: si,
                            span,
                            sentence_span,
                            text: anchor.clone(),
                            role: Some(title.clone()),
                            confidence: if m.via == mentions::Via::Title {
                                0.95
                            } else {
                                0.9
                            },
                        },
                    ));
                }
            }
            for mt in self.rules.compiled.find(&items) {
                let rule = &self.rules.compiled.rules[mt.rule];
                let word_at = |i: usize| match items.get(i) {
                    Some(Item::Word(w)) => Some(*w),
                    _ => None,
                };
                // Modality from cues around the trigger.
                let before = mt.start.saturating_sub(3)..mt.start;
                let inside: Vec<usize> = mt.literals.iter().chain(&mt.gaps).copied().collect();
                let cue = |list: &str, range: std::ops::Range<usize>| {
                    range
                        .chain(inside.iter().copied())
                        .filter_map(word_at)
                        .any(|w| lists.has(list, w))
                };
                if cue("NEGATION", before.clone()) || denied(lists, &items, mt.start) {
                    continue;
                }
                let future_verb = mt.start.saturating_sub(2)..mt.start;
                // Intent and schedule cues count back to the start of the clause (8 items at most).
                let clause = (mt.start.saturating_sub(8)..mt.start)
                    .rev()
                    .find(|&i| matches!(items[i], Item::Punct("،" | "," | ":" | "\"" | "(" | ")")))
                    .map_or(mt.start.saturating_sub(8), |p| p + 1);
                let mut modality = rule.modality;
                let mut own = rule.modality != Modality::Asserted;
                let planned = cue("PLANNED", clause..mt.start)
                    || future_verb
                        .chain(inside.iter().copied())
                        .filter_map(word_at)
                        .any(|w| is_future_verb(lists, w));
                // An unconfirmed source outranks the tense: a plan only sources speak of,
                // in the same clause, is reported (ذكرت مصادر أن الرئيس سيزور ...).
                let sources = mt.start.saturating_sub(6);
                // Or sources further back that the fact is the «أن» clause of: قال مصدران
                // حكوميان لـ«مدى مصر» إن رئيس جهاز المخابرات زار ...
                let said_that = (mt.start.saturating_sub(12)..mt.start)
                    .rev()
                    .find(|&i| word_at(i).is_some_and(|w| lists.has_exact("THAT", w)))
                    .is_some_and(|t| {
                        (t.saturating_sub(8)..t)
                            .filter_map(word_at)
                            .any(|w| lists.has("REPORTED", w))
                    });
                // A present-tense verb that goes on from a plan made earlier in the sentence
                // is part of it (ومن المقرر أن يتوجه … إلى بلجيكا، يلتقي خلالها …): events
                // only, not states such as support.
                let planned = planned
                    || rule.modality == Modality::Asserted
                        && rule
                            .emits
                            .iter()
                            .all(|e| EVENT_PREDICATES.contains(&e.predicate.as_str()))
                        && mt
                            .literals
                            .first()
                            .and_then(|&i| word_at(i))
                            .is_some_and(is_present_verb)
                        && cue("PLANNED", 0..mt.start);
                // An office is held now: a plan or a later date in the clause is about
                // something else (ومن المقرر أن يصل المبعوث الأمريكي X إلى … غدا).
                let office_only = rule
                    .emits
                    .iter()
                    .all(|e| OFFICE_PREDICATES.contains(&e.predicate.as_str()));
                let planned = planned && !office_only;
                if planned && !said_that && !cue("REPORTED", clause.max(sources)..mt.start) {
                    modality = Modality::Planned;
                    own = true;
                } else if (planned || modality == Modality::Asserted)
                    && (said_that || cue("REPORTED", sources..mt.start))
                {
                    modality = Modality::Reported;
                    own = true;
                }
                // Arguments.
                let mut args: HashMap<&str, Vec<Arg>> = HashMap::new();
                let bound: Vec<usize> = mt
                    .bindings
                    .iter()
                    .filter_map(|(_, b)| {
                        if let Binding::Items(v) = b {
                            Some(v.clone())
                        } else {
                            None
                        }
                    })
                    .flatten()
                    .collect();
                let mut ok = true;
                for (name, b) in &mt.bindings {
                    let list: Vec<Arg> = match b {
                        Binding::Items(v) => v
                            .iter()
                            .filter_map(|&it| {
                                let m = &mentions[item_mention[it]?];
                                Some(mention_args(
                                    &ctx,
                                    m,
                                    item_tokens[it],
                                    name_wants_country(rule, name),
                                ))
                            })
                            .flatten()
                            .collect(),
                        Binding::Context(src, types) => {
                            let pick = |range: Box<dyn Iterator<Item = usize>>| {
                                range
                                    .filter(|i| !bound.contains(i))
                                    .filter_map(|i| item_mention[i].map(|m| (i, &mentions[m])))
                                    .find(|(_, m)| context_fits(m, types))
                                    .map(|(i, m)| {
                                        let mut v = mention_args(&ctx, m, item_tokens[i], true);
                                        v.iter_mut().for_each(|a| a.from_context = true);
                                        v
                                    })
                            };
                            // A subject from context is not the object of the clause
                            // before (استهل زيارته بلقاء X، قبل أن يلتقي Y; التقى X Y، ثم
                            // توجه): past an object, the person before it.
                            let left = || {
                                let wants_person = types.contains(&SlotType::Entity(Kind::Person));
                                // The item before a mention, past courtesy words (فخامة).
                                let before = |i: usize| {
                                    let mut j = i.checked_sub(1)?;
                                    while word_at(j).is_some_and(|w| lists.has("COURTESY", w)) {
                                        j = j.checked_sub(1)?;
                                    }
                                    Some(j)
                                };
                                let object_at = |i: usize| {
                                    wants_person
                                        && item_mention[i]
                                            .is_some_and(|m| !mentions[m].clitics.contains('و'))
                                        && match before(i).map(|j| (j, &items[j])) {
                                            Some((_, Item::Word(w))) => lists.has("OBJECT_LEAD", w),
                                            Some((j, Item::Mention(_))) => {
                                                item_mention[j].is_some_and(|m| {
                                                    mentions[m].kind == Kind::Person
                                                }) && before(j)
                                                    .and_then(word_at)
                                                    .is_some_and(|w| lists.has("OBJECT_LEAD", w))
                                            }
                                            _ => false,
                                        }
                                };
                                let first = (0..mt.start).rev().find(|&i| {
                                    !bound.contains(&i)
                                        && item_mention[i]
                                            .is_some_and(|m| context_fits(&mentions[m], types))
                                });
                                // ... unless a relative clause has made it the subject
                                // (مع X، الذي وصل ... تلبية لدعوة من ...).
                                let clause_of = |i: usize| {
                                    (i..=mt.start.min(items.len() - 1))
                                        .filter_map(word_at)
                                        .any(|w| lists.has("RELATIVE", w))
                                };
                                // ... and only in a later clause: «التقى X Y على هامش القمة»
                                // has both at the summit.
                                let later_clause = |i: usize| {
                                    (i + 1..mt.start).any(|j| match items[j] {
                                        Item::Punct(p) => matches!(p, "،" | "," | "؛"),
                                        Item::Word(w) => lists.has("CLAUSE_LINK", w),
                                        Item::Mention(_) => false,
                                    })
                                };
                                match first {
                                    Some(i) if object_at(i) && !clause_of(i) && later_clause(i) => {
                                        pick(Box::new((0..i).rev()))
                                            .or_else(|| pick(Box::new((0..=i).rev())))
                                    }
                                    _ => pick(Box::new((0..mt.start).rev())),
                                }
                            };
                            let right = || pick(Box::new(mt.end..items.len()));
                            let earlier = || {
                                types.iter().find_map(|t| match t {
                                    SlotType::Entity(k) => {
                                        last_by_kind.get(k).map(|&(e, (f, l))| {
                                            vec![Arg {
                                                ent: e,
                                                kind: *k,
                                                surface: ctx.original(f, l).1,
                                                from_context: true,
                                            }]
                                        })
                                    }
                                    _ => None,
                                })
                            };
                            let found = match src {
                                SlotSource::Before => left().or_else(earlier),
                                SlotSource::After => right(),
                                SlotSource::Around => left().or_else(right).or_else(earlier),
                                SlotSource::Text => None,
                            };
                            found.unwrap_or_default()
                        }
                    };
                    if list.is_empty() {
                        ok = false;
                    }
                    args.insert(*name, list);
                }
                if !ok {
                    continue;
                }
                let (span, anchor) =
                    ctx.original(item_tokens[mt.start].0, item_tokens[mt.end - 1].1);
                let trigger_tok = mt
                    .literals
                    .first()
                    .map_or(item_tokens[mt.start].0, |&i| item_tokens[i].0);
                let when = date_for(
                    &date_exprs,
                    (trigger_tok, item_tokens[mt.end - 1].1),
                    doc.date.as_deref(),
                    modality == Modality::Planned,
                );
                if modality == Modality::Asserted
                    && !office_only
                    && let (Some(w), Some(d)) = (&when, &doc.date)
                    && !w.start.starts_with("--")
                    && w.start.as_str() > &d[..w.start.len().min(10)]
                {
                    modality = Modality::Planned;
                    own = true;
                }
                for emit in &rule.emits {
                    let Some(prop) = vocab::property(&emit.predicate) else {
                        continue;
                    };
                    let subjects = resolve_cap(&args, &emit.subject);
                    let objects = resolve_cap(&args, &emit.object);
                    for s in &subjects {
                        for o in &objects {
                            if s.ent == o.ent
                                || !prop.domain.contains(&s.kind)
                                || !prop.range.contains(&o.kind)
                                || prop.name == "visits" && at_home(&ctx, &focus, s.ent, o.ent)
                            {
                                continue;
                            }
                            let penalty =
                                0.15 * (s.from_context as u8 + o.from_context as u8) as f32;
                            if prop.name == "visits" {
                                visits.push((sentence_facts.len(), s.ent, o.ent));
                            }
                            sentence_facts.push((
                                rule.priority,
                                own,
                                Fact {
                                    doc: doc.id.clone(),
                                    s: ctx.out(s.ent, &s.surface),
                                    p: prop.name.into(),
                                    o: ctx.out(o.ent, &o.surface),
                                    modality,
                                    when: if emit.predicate == "invitedBy" {
                                        None
                                    } else {
                                        when.clone()
                                    },
                                    rule: rule.id.clone(),
                                    sentence: si,
                                    span,
                                    sentence_span,
                                    text: anchor.clone(),
                                    role: None,
                                    confidence: 0.9 - penalty,
                                },
                            ));
                        }
                    }
                }
            }
            same_trip(&ctx, &focus, &mentions, &visits, &mut sentence_facts);
            inherit_planned(&mut sentence_facts, &text);
            // Conflict policy: one fact per (s, p, o) and sentence — highest priority, then earliest span.
            sentence_facts.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.span.cmp(&b.2.span)));
            let mut kept: Vec<Fact> = Vec::with_capacity(sentence_facts.len());
            for (_, _, f) in sentence_facts {
                if !kept.iter().any(|k| fact_key(k) == fact_key(&f)) {
                    kept.push(f);
                }
            }
            kept.sort_by(|a, b| {
                a.span
                    .cmp(&b.span)
                    .then(a.p.cmp(&b.p))
                    .then(a.s.iri.cmp(&b.s.iri))
                    .then(a.o.iri.cmp(&b.o.iri))
            });
            facts.extend(kept);
            for m in &mentions {
                if m.pair.is_none() && !m.adj {
                    last_by_kind.insert(m.kind, (m.ent, (m.first, m.last)));
                }
                if let Some(c) = m.government_of {
                    last_by_kind.insert(Kind::Country, (c, (m.first, m.last)));
                }
            }
        }
        Ok((facts, warnings))
    }
}

/// One mention as shown to rule writers: surface, IRI, type, how it was found.
pub type MentionRow = (String, String, String, String);

impl Extractor {
    /// The mentions of every sentence, as `(sentence text, [(surface, IRI, type, how)])`:
    /// what the rules see, for rule writers.
    pub fn mentions(&self, doc: &Document) -> Vec<(String, Vec<MentionRow>)> {
        let a = Analyzed::new(&doc.text);
        let text = OriginalText::new(&doc.text);
        let words = self
            .words
            .words(&a.tokens, &self.lexicon, &self.rules.lists);
        let finder = MentionFinder::new(
            &self.lexicon,
            &self.rules.lists,
            &words,
            doc.date.as_deref(),
        );
        let mut focus = Focus::default();
        let mut ents = DocEntities::default();
        let mut out = Vec::new();
        for s in &a.sentences {
            let ms = finder.sentence(&a, &text, s.first, s.last, &mut focus, &mut ents);
            let ctx = Ctx {
                lex: &self.lexicon,
                ents: &ents,
                text: &text,
                a: &a,
            };
            let (_, sentence) = ctx.original(s.first, s.last);
            let list = ms
                .iter()
                .map(|m| {
                    let (_, surface) = ctx.original(m.first, m.last);
                    let mut how = format!("{:?}", m.via).to_lowercase();
                    if m.adj {
                        how.push_str(" adjective");
                    }
                    if let Some(p) = m.pair {
                        how.push_str(&format!(" pair with {}", ctx.entity(p).iri));
                    }
                    if let Some(r) = &m.role {
                        how.push_str(&format!(
                            " role {} of {}",
                            r.title,
                            ctx.entity(r.country).iri
                        ));
                    }
                    (
                        surface,
                        ctx.entity(m.ent).iri.clone(),
                        m.kind.name().to_string(),
                        how,
                    )
                })
                .collect();
            out.push((sentence, list));
        }
        out
    }
}

/// A fact with no modality of its own (no cue, an asserted rule) that follows a planned
/// fact in the same clause is planned too: سيتوجه إلى روسيا لحضور المؤتمر.
fn inherit_planned(facts: &mut [(i32, bool, Fact)], text: &OriginalText) {
    let planned: Vec<(u32, u32)> = facts
        .iter()
        .filter(|f| f.2.modality == Modality::Planned && f.2.p != "invitedBy")
        .map(|f| (f.2.span[0], f.2.span[1]))
        .collect();
    for f in facts.iter_mut().filter(|f| {
        !f.1 && f.2.modality == Modality::Asserted && !f.2.p.ends_with("Of") && f.2.p != "invitedBy"
    }) {
        let start = f.2.span[0];
        let same_clause = planned.iter().any(|&(b, e)| {
            b < start && {
                !text
                    .slice(e.min(start), start)
                    .chars()
                    .any(|c| matches!(c, '،' | ',' | '.' | ':' | '؛' | '"' | '«' | '»' | '\n'))
            }
        });
        if same_clause {
            f.2.modality = Modality::Planned;
        }
    }
}

/// A visit to a country is also one to its city that the sentence places the visitor in:
/// «زيارة رسمية إلى العراق استهلها في العاصمة بغداد», «يقوم بزيارة دولة إلى المملكة …
/// بالقصر الملكي بالرباط». The city must be written after «في», «إلى» or a glued ب. (Not
/// the other way round: a country after «في» is often where something else is.)
fn same_trip(
    ctx: &Ctx,
    focus: &Focus,
    mentions: &[Mention],
    visits: &[(usize, Ent, Ent)],
    facts: &mut Vec<(i32, bool, Fact)>,
) {
    let word = |k: usize| k.checked_sub(1).map(|k| ctx.a.tokens[k].norm.as_str());
    for &(i, visitor, place) in visits {
        for m in mentions {
            // «في العاصمة بغداد», «بمدينة جدة»: past the word for the city.
            let before = match word(m.first) {
                Some("العاصمه" | "مدينه") => word(m.first - 1),
                Some("بالعاصمه" | "بمدينه") => Some("في"),
                w => w,
            };
            let located = m.clitics.contains('ب') || matches!(before, Some("في" | "الى"));
            if m.adj
                || m.pair.is_some()
                || !matches!(m.kind, Kind::City | Kind::Country)
                || m.ent == place
                || !located
                || m.kind != Kind::City
                || !matches!((m.ent, place), (Ent::Lex(c), Ent::Lex(p))
                    if ctx.lex.country_of_place(c) == Some(p))
                || at_home(ctx, focus, visitor, m.ent)
                || visits.iter().any(|&(_, v, p)| v == visitor && p == m.ent)
            {
                continue;
            }
            let (_, surface) = ctx.original(m.first, m.last);
            let surface = strip_conjunction(&surface, m.clitics);
            let (priority, own, f) = &facts[i];
            let mut f = f.clone();
            f.o = ctx.out(m.ent, &surface);
            f.rule = "visits.same_trip".into();
            f.confidence -= 0.1;
            facts.push((*priority, *own, f));
        }
    }
}

/// Whether `place` is the country `person` holds office in (by the lexicon, or by a title
/// the document gave them so far) or its capital. Nobody is said to visit home: a match
/// that reads so has taken the host for the guest (استقبل الرئيس X في عاصمته الضيف Y).
fn at_home(ctx: &Ctx, focus: &Focus, person: Ent, place: Ent) -> bool {
    let capital_of = match place {
        Ent::Lex(id) => ctx.lex.entity(id).capital_of.map(Ent::Lex),
        Ent::Doc(_) => None,
    };
    focus
        .person_country
        .iter()
        .any(|&(p, c)| p == person && (c == place || Some(c) == capital_of))
}

/// The (subject, property, object) IRIs of a fact; a symmetric property's in IRI order.
fn fact_key(f: &Fact) -> (&str, &str, &str) {
    let (a, b) = (f.s.iri.as_str(), f.o.iri.as_str());
    if vocab::is_symmetric(&f.p) && b < a {
        (b, &f.p, a)
    } else {
        (a, &f.p, b)
    }
}

/// True when the slot `name` of `rule` accepts a country but not a city (so a capital
/// there stands for its government).
fn name_wants_country(rule: &crate::rules::Rule, name: &str) -> bool {
    fn find<'a>(p: &'a [crate::rules::Elem], name: &str) -> Option<&'a crate::rules::syntax::Slot> {
        p.iter().find_map(|e| match e {
            crate::rules::Elem::Slot(s) if s.name == name => Some(s),
            crate::rules::Elem::Alt(alts) => alts.iter().find_map(|a| find(a, name)),
            crate::rules::Elem::Opt(inner) => find(std::slice::from_ref(inner), name),
            _ => None,
        })
    }
    find(&rule.pattern, name).is_some_and(|s| {
        s.types.contains(&SlotType::Entity(Kind::Country))
            && !s.types.contains(&SlotType::Entity(Kind::City))
    })
}

fn context_fits(m: &Mention, types: &[SlotType]) -> bool {
    types.iter().any(|t| match t {
        SlotType::Entity(k) => {
            !m.adj
                && m.pair.is_none()
                && (m.kind == *k || (*k == Kind::Country && m.government_of.is_some()))
        }
        SlotType::Adj => m.adj || m.adj_form,
        SlotType::Pair => m.pair.is_some(),
    })
}

/// The arguments a mention gives: one entity, or two for a pair; a capital becomes
/// its country when `as_country`.
fn mention_args(ctx: &Ctx, m: &Mention, toks: (usize, usize), as_country: bool) -> Vec<Arg> {
    let (_, surface) = ctx.original(toks.0, toks.1);
    let surface = strip_conjunction(&surface, m.clitics);
    let mut out = vec![];
    match (m.government_of, as_country) {
        (Some(c), true) => out.push(Arg {
            ent: c,
            kind: Kind::Country,
            surface: surface.clone(),
            from_context: false,
        }),
        _ => out.push(Arg {
            ent: m.ent,
            kind: if m.adj { Kind::Country } else { m.kind },
            surface: surface.clone(),
            from_context: false,
        }),
    }
    if let Some(p) = m.pair {
        out.push(Arg {
            ent: p,
            kind: Kind::Country,
            surface,
            from_context: false,
        });
    }
    out
}

/// The surface without the conjunction و/ف the mention's first word carries as a clitic
/// («وبوتين» → «بوتين», «فبكين» → «بكين»), but with the letter when it is the word's own
/// («وزير», «فادفول»).
fn strip_conjunction(surface: &str, clitics: &str) -> String {
    let conj: String = clitics
        .chars()
        .take_while(|c| matches!(c, 'و' | 'ف'))
        .collect();
    mentions::strip_clitic_text(surface, &conj)
        .trim_start_matches(|d| ('\u{064B}'..='\u{0652}').contains(&d))
        .to_string()
}

/// Arguments for a capture `x` (every filler) or `x.1` / `x.2` (one member of a pair).
fn resolve_cap(args: &HashMap<&str, Vec<Arg>>, cap: &str) -> Vec<Arg> {
    let (name, idx) = match cap.split_once('.') {
        Some((n, i)) => (n, i.parse::<usize>().ok()),
        None => (cap, None),
    };
    let Some(list) = args.get(name) else {
        return vec![];
    };
    match idx {
        Some(i) if i >= 1 => list.get(i - 1).cloned().into_iter().collect(),
        _ => list.clone(),
    }
}

/// Inside a denial: نفى ... أن يكون قد التقى (a DENY word, then أن, before `start`).
fn denied(lists: &crate::rules::Lists, items: &[Item], start: usize) -> bool {
    let Some(d) = (0..start)
        .rev()
        .find(|&i| matches!(items[i], Item::Word(w) if lists.has("DENY", w)))
    else {
        return false;
    };
    (d + 1..start).any(|i| matches!(items[i], Item::Word(w) if lists.has_exact("THAT", w)))
}

/// Predicates of events, which can be planned (states such as support or office cannot).
const EVENT_PREDICATES: &[&str] = &["visits", "meetsWith", "phoneCallWith", "attends"];

/// Predicates of offices, which titles give: held at the time of writing, never planned.
const OFFICE_PREDICATES: &[&str] = &["leaderOf", "officialOf"];

/// A verb in the present of the third person masculine (يلتقي، ويزور): four letters or more
/// after an optional conjunction, starting with ي.
fn is_present_verb(w: &str) -> bool {
    let w = w
        .strip_prefix('و')
        .or_else(|| w.strip_prefix('ف'))
        .unwrap_or(w);
    w.starts_with('ي') && w.chars().count() >= 4
}

/// A verb with the future prefix سـ (سيزور, ستجري), not a word that merely starts with س.
fn is_future_verb(lists: &crate::rules::Lists, w: &str) -> bool {
    let w = w
        .strip_prefix('و')
        .or_else(|| w.strip_prefix('ف'))
        .unwrap_or(w);
    let mut c = w.chars();
    c.next() == Some('س')
        && matches!(c.next(), Some('ي' | 'ت' | 'ن'))
        && w.chars().count() >= 5
        && !lists.has("NOT_FUTURE", w)
}

/// The date of a fact: the first date expression after the trigger within a few tokens,
/// else the nearest one before it; resolved against the publication date.
fn date_for(
    exprs: &[(dates::DateExpr, dates::Relative)],
    (trigger, match_end): (usize, usize),
    pub_date: Option<&str>,
    future: bool,
) -> Option<When> {
    // After the trigger: within 8 tokens of it, or right after the matched words
    // (زار ... روسيا وبيلاروس هذا الأسبوع).
    let after = exprs
        .iter()
        .filter(|(e, _)| {
            e.first > trigger && (e.first - trigger <= 8 || e.first.saturating_sub(match_end) <= 2)
        })
        .min_by_key(|(e, _)| e.first);
    let before = || {
        exprs
            .iter()
            .filter(|(e, _)| e.first <= trigger)
            .max_by_key(|(e, _)| e.last)
    };
    let (e, rel) = after.or_else(before)?;
    let (s, en) = dates::resolve(e, *rel, pub_date, future)?;
    Some(When {
        start: s.iso()?,
        end: en.iso()?,
    })
}

#[cfg(test)]
mod robustness {
    use super::*;
    use proptest::prelude::*;

    fn extractor() -> &'static Extractor {
        static EX: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
        EX.get_or_init(|| {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology");
            Extractor::new(
                Lexicon::load_dir(&root.join("entities")).unwrap(),
                RuleSet::load_dir(&root.join("rules")).unwrap(),
            )
        })
    }

    #[test]
    fn a_surname_of_two_skeleton_letters_is_taken_only_as_spelled() {
        // تميم and the adverb تماما share the skeleton «تم».
        let doc = Document {
            id: "t".into(),
            text: "وأكد أمير قطر الشيخ تميم بن حمد آل ثاني دعم بلاده للبنان. وكان الموقف واضحا تماما. وقال تميم إن الزيارة ناجحة.".into(),
            date: Some("2024-05-01".into()),
            url: None,
            title: None,
        };
        let sentences = extractor().mentions(&doc);
        let surfaces =
            |i: usize| -> Vec<&str> { sentences[i].1.iter().map(|row| row.0.as_str()).collect() };
        assert!(surfaces(1).is_empty(), "{:?}", sentences[1]);
        assert_eq!(surfaces(2), ["تميم"]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any sequence of news words, names, titles, punctuation and cue words is processed
        /// without a panic, and every fact's span points into the text.
        #[test]
        fn never_panics(words in prop::collection::vec(prop::sample::select(vec![
            "زار", "الرئيس", "التركي", "رجب", "طيب", "أردوغان", "روسيا", "وبيلاروس", "إلى", "بدعوة", "من",
            "وزير", "الدفاع", "البيلاروسي", "(فيكتور)", "خرينين", "البلدين", "الأخير", "لم", "سيزور", "،", ".",
            "مناورات", "مشتركة", "فرضت", "عقوبات", "على", "نظيره", "الروسي", "في", "14", "آب/أغسطس", "\"", "\n",
            "العاصمة", "الجزائرية", "رئيس", "دولة", "الإمارات", "الشيخ", "لي", "كيم", "مؤتمر", "موسكو",
        ]), 0..30)) {
            let text = words.join(" ");
            let doc = Document { id: "p".into(), text: text.clone(), date: Some("2023-08-14".into()), url: None, title: None };
            if let Ok((facts, _)) = extractor().extract(&doc) {
                let n = text.chars().count() as u32;
                for f in facts {
                    prop_assert!(f.span[0] < f.span[1] && f.span[1] <= n);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::strip_conjunction;

    #[test]
    fn the_conjunction_goes_only_when_it_is_a_clitic() {
        assert_eq!(strip_conjunction("وبوتين", "و"), "بوتين");
        assert_eq!(strip_conjunction("وَبوتين", "و"), "بوتين");
        assert_eq!(strip_conjunction("وبرئيس الحكومة", "وب"), "برئيس الحكومة");
        assert_eq!(strip_conjunction("وزير الدفاع", ""), "وزير الدفاع");
        assert_eq!(strip_conjunction("فادفول", ""), "فادفول");
        assert_eq!(strip_conjunction("ولبكين", "ول"), "لبكين");
    }
}
