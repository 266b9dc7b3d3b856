//! The evidence behind the graph, read back with SPARQL: which entity a name means, every
//! fact about an entity with its source sentence and span, and a document with its facts.
//! `isnad explain` prints it; the evidence browser of `isnad serve` renders it.

use super::query::{cell, select, short_iri};
use super::{DOC, ID, Result};
use crate::text::normalize::fold;
use oxigraph::model::Term;
use oxigraph::sparql::QuerySolution;
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};

/// An entity as the graph describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entity {
    /// Its IRI.
    pub iri: String,
    /// Its isnad class without prefix: Country, Person, Organization...
    pub kind: String,
    /// `rdfs:label`s as (language, label).
    pub labels: BTreeSet<(String, String)>,
    /// `skos:altLabel`s.
    pub alt: BTreeSet<String>,
    /// `owl:sameAs` IRIs.
    pub same_as: BTreeSet<String>,
}

impl Entity {
    /// The first label in `lang`, if any.
    pub fn label(&self, lang: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, v)| v.as_str())
    }

    /// The English label, else the Arabic one, else the short IRI.
    pub fn name(&self) -> String {
        self.label("en")
            .or_else(|| self.label("ar"))
            .map(str::to_string)
            .unwrap_or_else(|| short_iri(&self.iri))
    }

    /// The part of the IRI after the entity namespace (`Belarus`, `person/fiktur-khrinin`).
    pub fn local(&self) -> &str {
        self.iri.strip_prefix(ID).unwrap_or(&self.iri)
    }
}

/// Every entity of the graph (everything typed with an isnad class but facts), by IRI.
///
/// One query per property, each DISTINCT: in the union of the document graphs an entity's
/// type and labels repeat once per document, and joining them in one pattern would
/// multiply those copies.
pub fn entities(store: &Store) -> Result<BTreeMap<String, Entity>> {
    let mut out: BTreeMap<String, Entity> = BTreeMap::new();
    let (_, rows) = select(
        store,
        "SELECT DISTINCT ?e ?type WHERE { ?e a ?type . FILTER(STRSTARTS(STR(?type), STR(isn:)) && ?type != isn:Fact) }",
    )?;
    for r in &rows {
        if let Some(Term::NamedNode(e)) = r.get("e") {
            out.entry(e.as_str().to_string()).or_insert_with(|| Entity {
                iri: e.as_str().to_string(),
                kind: cell(r.get("type")).trim_start_matches("isn:").to_string(),
                ..Entity::default()
            });
        }
    }
    for property in ["rdfs:label", "skos:altLabel", "owl:sameAs"] {
        let (_, rows) = select(
            store,
            &format!("SELECT DISTINCT ?e ?v WHERE {{ ?e {property} ?v }}"),
        )?;
        for r in &rows {
            let (Some(Term::NamedNode(e)), Some(v)) = (r.get("e"), r.get("v")) else {
                continue;
            };
            let Some(c) = out.get_mut(e.as_str()) else {
                continue;
            };
            match (property, v) {
                ("rdfs:label", Term::Literal(l)) => {
                    c.labels.insert((
                        l.language().unwrap_or("").to_string(),
                        l.value().to_string(),
                    ));
                }
                ("skos:altLabel", Term::Literal(l)) => {
                    c.alt.insert(l.value().to_string());
                }
                ("owl:sameAs", Term::NamedNode(n)) => {
                    c.same_as.insert(n.as_str().to_string());
                }
                _ => {}
            }
        }
    }
    Ok(out)
}

/// A name folded for comparison: Arabic folding, lower case, `_` as space.
pub fn match_key(s: &str) -> String {
    fold(s.trim()).to_lowercase().replace('_', " ")
}

/// What a name given by a user resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Exactly one entity.
    One(String),
    /// Several entities: their IRIs.
    Many(Vec<String>),
    /// None: up to five close labels as (label, short IRI).
    None(Vec<(String, String)>),
}

/// Resolves an IRI, `id:Local`, a local name, or an Arabic or English label (exact after
/// folding) to the entities of `index`.
pub fn resolve(index: &BTreeMap<String, Entity>, want: &str) -> Resolved {
    let want = want.trim();
    let local = want.strip_prefix("id:").unwrap_or(want);
    let wkey = match_key(local);
    let found: Vec<&String> = if want.contains("://") {
        index.keys().filter(|k| k.as_str() == want).collect()
    } else {
        let by_name: Vec<&String> = index
            .keys()
            .filter(|k| {
                [k.strip_prefix(ID), k.rsplit('/').next()]
                    .into_iter()
                    .flatten()
                    .any(|l| match_key(l) == wkey)
            })
            .collect();
        if by_name.is_empty() {
            index
                .iter()
                .filter(|(_, c)| {
                    c.labels
                        .iter()
                        .map(|(_, l)| l)
                        .chain(&c.alt)
                        .any(|l| match_key(l) == wkey)
                })
                .map(|(k, _)| k)
                .collect()
        } else {
            by_name
        }
    };
    match found.as_slice() {
        [one] => Resolved::One((*one).clone()),
        [] => Resolved::None(closest(index, &wkey, 5)),
        many => Resolved::Many(many.iter().map(|s| (*s).clone()).collect()),
    }
}

/// Up to `n` labels closest to `wkey` by edit distance, one per entity, as (label, short IRI).
fn closest(index: &BTreeMap<String, Entity>, wkey: &str, n: usize) -> Vec<(String, String)> {
    let mut scored: Vec<(usize, String, String)> = index
        .values()
        .flat_map(|c| {
            c.labels.iter().map(move |(_, l)| {
                (
                    levenshtein(&match_key(l), wkey),
                    l.clone(),
                    short_iri(&c.iri),
                )
            })
        })
        .collect();
    scored.sort();
    let mut seen = BTreeSet::new();
    scored
        .into_iter()
        .filter(|(_, _, i)| seen.insert(i.clone()))
        .take(n)
        .map(|(_, l, i)| (l, i))
        .collect()
}

/// Entities whose label, alternative label or local name contains `needle` after folding
/// (for a search box), best first: exact matches, then prefixes, then the rest.
pub fn search<'a>(index: &'a BTreeMap<String, Entity>, needle: &str) -> Vec<&'a Entity> {
    let k = match_key(needle);
    if k.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(u8, &Entity)> = index
        .values()
        .filter_map(|e| {
            let names = e
                .labels
                .iter()
                .map(|(_, l)| l.as_str())
                .chain(e.alt.iter().map(String::as_str))
                .chain([e.local()]);
            names
                .map(|n| {
                    let n = match_key(n);
                    if n == k {
                        0
                    } else if n.starts_with(&k) {
                        1
                    } else if n.contains(&k) {
                        2
                    } else {
                        3
                    }
                })
                .min()
                .filter(|&s| s < 3)
                .map(|s| (s, e))
        })
        .collect();
    hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.iri.cmp(&b.1.iri)));
    hits.into_iter().map(|(_, e)| e).collect()
}

/// Edit distance between two strings, in characters (for suggesting close labels).
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// One fact with its chain of evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactEvidence {
    /// The fact record's IRI (`…/doc/ID#fact-N`).
    pub record: String,
    /// The document's named graph.
    pub graph: String,
    /// Subject, predicate and object IRIs.
    pub subject: String,
    /// The predicate IRI.
    pub predicate: String,
    /// The object IRI.
    pub object: String,
    /// asserted, negated, planned, reported...
    pub modality: String,
    /// The rule that fired.
    pub rule: String,
    /// Confidence as written (`0.9`).
    pub confidence: Option<String>,
    /// The role (a title such as وزير الدفاع), for officialOf.
    pub role: Option<String>,
    /// Start and end dates as written.
    pub start: Option<String>,
    /// End date.
    pub end: Option<String>,
    /// Index of the sentence in the document.
    pub sentence_index: usize,
    /// Character offsets of the matched span in the document.
    pub begin: usize,
    /// End of the span (exclusive).
    pub end_char: usize,
    /// The sentence text and its first character's offset in the document, when present.
    pub sentence: Option<(usize, String)>,
}

impl FactEvidence {
    /// The document id (the graph IRI without the namespace, percent-decoded).
    pub fn document(&self) -> String {
        doc_id(&self.graph)
    }

    /// The fact's number within its document.
    pub fn number(&self) -> usize {
        self.record
            .rsplit("#fact-")
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }

    /// The sentence split around the matched span: (before, span, after).
    pub fn marked_sentence(&self) -> Option<(String, String, String)> {
        let (sb, text) = self.sentence.as_ref()?;
        Some(split_span(
            text,
            self.begin.saturating_sub(*sb),
            self.end_char.saturating_sub(*sb),
        ))
    }

    /// "2023-08-14" or "2023-08-14..2023-08-20", empty without dates.
    pub fn when(&self) -> String {
        match (&self.start, &self.end) {
            (Some(a), Some(b)) if a != b => format!("{a}..{b}"),
            (Some(a), _) => a.clone(),
            (None, Some(b)) => format!("..{b}"),
            _ => String::new(),
        }
    }
}

/// Splits `text` at character offsets `[b, e)` (clamped): (before, inside, after).
pub fn split_span(text: &str, b: usize, e: usize) -> (String, String, String) {
    let chars: Vec<char> = text.chars().collect();
    let e = e.min(chars.len());
    let b = b.min(e);
    (
        chars[..b].iter().collect(),
        chars[b..e].iter().collect(),
        chars[e..].iter().collect(),
    )
}

/// The document id of a document graph IRI.
pub fn doc_id(graph: &str) -> String {
    percent_decode(graph.strip_prefix(DOC).unwrap_or(graph))
}

/// Decodes `%XX` escapes (invalid UTF-8 is replaced).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(h) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(h);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn text(t: Option<&Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        _ => None,
    }
}

fn number(t: Option<&Term>) -> usize {
    text(t).and_then(|v| v.parse().ok()).unwrap_or(0)
}

const FACT_PATTERN: &str = "?f a isn:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; isn:modality ?m ; isn:rule ?rule ;
               prov:wasDerivedFrom ?ph .
            ?ph nif:beginIndex ?b ; nif:endIndex ?e .
            OPTIONAL { ?f isn:confidence ?conf } OPTIONAL { ?f isn:role ?role }
            OPTIONAL { ?f isn:startDate ?start } OPTIONAL { ?f isn:endDate ?end } OPTIONAL { ?f isn:sentenceIndex ?si }
            OPTIONAL { ?ph nif:sentence ?sen . ?sen nif:beginIndex ?sb ; nif:anchorOf ?stext }";

fn fact_of(r: &QuerySolution) -> FactEvidence {
    FactEvidence {
        record: text(r.get("f")).unwrap_or_default(),
        graph: text(r.get("g")).unwrap_or_default(),
        subject: text(r.get("s")).unwrap_or_default(),
        predicate: text(r.get("p")).unwrap_or_default(),
        object: text(r.get("o")).unwrap_or_default(),
        modality: text(r.get("m")).unwrap_or_default(),
        rule: text(r.get("rule")).unwrap_or_default(),
        confidence: text(r.get("conf")),
        role: text(r.get("role")),
        start: text(r.get("start")),
        end: text(r.get("end")),
        sentence_index: number(r.get("si")),
        begin: number(r.get("b")),
        end_char: number(r.get("e")),
        sentence: text(r.get("stext")).map(|t| (number(r.get("sb")), t)),
    }
}

fn sorted_facts(rows: &[QuerySolution]) -> Vec<FactEvidence> {
    let mut facts: Vec<FactEvidence> = rows.iter().map(fact_of).collect();
    facts.sort_by(|a, b| {
        (&a.graph, a.sentence_index, a.number()).cmp(&(&b.graph, b.sentence_index, b.number()))
    });
    facts.dedup();
    facts
}

fn iri_ok(iri: &str) -> bool {
    !iri.chars()
        .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '{' | '}' | '\\'))
}

/// Every fact whose subject or object is `entity`, in document, sentence and fact order.
pub fn facts_about(store: &Store, entity: &str) -> Result<Vec<FactEvidence>> {
    if !iri_ok(entity) {
        return Ok(Vec::new());
    }
    let q = format!(
        "SELECT * WHERE {{ VALUES ?x {{ <{entity}> }} GRAPH ?g {{
            {{ ?f rdf:subject ?x }} UNION {{ ?f rdf:object ?x }}
            {FACT_PATTERN} }} }}"
    );
    Ok(sorted_facts(&select(store, &q)?.1))
}

/// A document as stored: its text (when built with it), publication date and facts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentView {
    /// The document's named graph.
    pub graph: String,
    /// Its full text (`nif:isString`), unless built with `--no-text`.
    pub text: Option<String>,
    /// Its publication date (`dcterms:created`).
    pub created: Option<String>,
    /// Its facts in sentence order.
    pub facts: Vec<FactEvidence>,
}

/// The document whose named graph is `graph`; `None` when the store has no such graph.
pub fn document(store: &Store, graph: &str) -> Result<Option<DocumentView>> {
    if !iri_ok(graph) {
        return Ok(None);
    }
    let (_, ctx) = select(
        store,
        &format!(
            "SELECT ?text ?created WHERE {{ GRAPH <{graph}> {{ ?c a nif:Context .
               OPTIONAL {{ ?c nif:isString ?text }} OPTIONAL {{ ?c dcterms:created ?created }} }} }} LIMIT 1"
        ),
    )?;
    let Some(c) = ctx.first() else {
        return Ok(None);
    };
    let q = format!("SELECT * WHERE {{ GRAPH ?g {{ {FACT_PATTERN} }} VALUES ?g {{ <{graph}> }} }}");
    Ok(Some(DocumentView {
        graph: graph.to_string(),
        text: text(c.get("text")),
        created: text(c.get("created")),
        facts: sorted_facts(&select(store, &q)?.1),
    }))
}

/// Every document graph of the store with its number of facts, by graph IRI.
pub fn documents(store: &Store) -> Result<Vec<(String, usize)>> {
    let (_, rows) = select(
        store,
        "SELECT ?g (COUNT(?f) AS ?n) WHERE { GRAPH ?g { ?c a nif:Context OPTIONAL { ?f a isn:Fact } } } GROUP BY ?g ORDER BY ?g",
    )?;
    Ok(rows
        .iter()
        .filter_map(|r| Some((text(r.get("g"))?, number(r.get("n")))))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_split_on_characters_and_clamp() {
        let (a, b, c) = split_span("زار لي بيلاروس", 4, 6);
        assert_eq!(
            (a.as_str(), b.as_str(), c.as_str()),
            ("زار ", "لي", " بيلاروس")
        );
        let (a, b, c) = split_span("abc", 2, 10);
        assert_eq!((a.as_str(), b.as_str(), c.as_str()), ("ab", "c", ""));
    }

    #[test]
    fn document_ids_are_decoded() {
        assert_eq!(doc_id(&format!("{DOC}a%20b%D8%A8")), "a bب");
    }

    #[test]
    fn search_ranks_exact_before_prefix_before_substring() {
        let mk = |iri: &str, label: &str| Entity {
            iri: format!("{ID}{iri}"),
            labels: [("en".to_string(), label.to_string())].into(),
            ..Entity::default()
        };
        let index: BTreeMap<String, Entity> = [
            mk("A", "Russia"),
            mk("B", "Belarus"),
            mk("C", "White Russia Party"),
        ]
        .into_iter()
        .map(|e| (e.iri.clone(), e))
        .collect();
        let hits: Vec<&str> = search(&index, "russia").iter().map(|e| e.local()).collect();
        assert_eq!(hits, ["A", "C"]);
        assert!(search(&index, "  ").is_empty());
        assert_eq!(resolve(&index, "belarus"), Resolved::One(format!("{ID}B")));
        assert!(matches!(resolve(&index, "Belarsu"), Resolved::None(v) if v[0].0 == "Belarus"));
    }
}
