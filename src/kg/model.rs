//! The RDF model of one document: its named graph with the plain fact triples, one
//! provenance record per fact (modality, dates, role, rule, confidence), NIF 2.0 spans into
//! the original text, the PROV activity of the run, and the entities it mentions.

use super::{DCTERMS, DOC, ID, ISN, NIF, OWL, PROV, RUN, SKOS, XSD, sort_quads};
use crate::extract::{EntityOut, Fact};
use crate::input::Document;
use crate::text::{Decimal, OriginalText};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{LiteralRef, NamedNode, NamedNodeRef, Quad, QuadRef, TermRef};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// What names the run that produced a graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunInfo {
    /// isnad's version.
    pub version: String,
    /// SHA-256 (hex) of the rule files.
    pub rules_digest: String,
}

impl RunInfo {
    /// This isnad's version with the given rules digest.
    pub fn new(rules_digest: &str) -> Self {
        RunInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            rules_digest: rules_digest.to_string(),
        }
    }

    /// `https://w3id.org/isnad/run/<first 16 hex digits of the digest>`.
    pub fn activity_iri(&self) -> String {
        format!(
            "{RUN}{}",
            &self.rules_digest[..self.rules_digest.len().min(16)]
        )
    }
}

/// Model options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ModelOptions {
    /// Leave out `nif:isString` (the full text); spans keep their `nif:anchorOf`.
    pub no_text: bool,
    /// Also link each record to its triple as an RDF 1.2 triple term
    /// (`<record> rdf:reifies <<( s p o )>>`); needs the `rdf-12` cargo feature.
    pub annotations: bool,
}

/// Characters kept as they are in a document IRI (RFC 3986 unreserved).
fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes everything but unreserved characters.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if unreserved(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The named graph of a document: `https://w3id.org/isnad/doc/<percent-encoded id>`.
pub fn doc_graph_iri(id: &str) -> String {
    format!("{DOC}{}", percent_encode(id))
}

/// A confidence as an `xsd:decimal` lexical form with at most two decimals (`0.9`, `0.95`, `1.0`).
pub fn decimal2(x: f32) -> String {
    let s = format!("{:.2}", x.clamp(0.0, 1.0));
    let s = s.trim_end_matches('0');
    if s.ends_with('.') {
        format!("{s}0")
    } else {
        s.to_string()
    }
}

/// Where the quads of a document graph go, one at a time, in the order the model makes
/// them (with repeats: a sink that needs them distinct removes them).
pub trait QuadSink {
    /// Takes one quad (borrowed: a sink copies what it keeps).
    fn quad(&mut self, q: QuadRef<'_>);

    /// Takes a quad the model makes once per graph and that equals no other quad it makes
    /// there (a sink that removes repeats need not look for this one among the others).
    fn distinct_quad(&mut self, q: QuadRef<'_>) {
        self.quad(q);
    }
}

impl QuadSink for Vec<Quad> {
    fn quad(&mut self, q: QuadRef<'_>) {
        self.push(q.into_owned());
    }
}

/// A vocabulary IRI `namespace + local`, built once per process.
macro_rules! term {
    ($ns:ident, $local:literal) => {{
        static IRI: std::sync::LazyLock<String> =
            std::sync::LazyLock::new(|| format!("{}{}", $ns, $local));
        NamedNodeRef::new_unchecked(IRI.as_str())
    }};
}

/// The XSD datatype of a date string, by its precision (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`,
/// `--MM-DD`, `--MM`; anything else is a plain string).
fn date_datatype(d: &str) -> NamedNodeRef<'static> {
    let b = d.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    match b.len() {
        10 if b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10) => {
            term!(XSD, "date")
        }
        7 if b[4] == b'-' && digits(0..4) && digits(5..7) => term!(XSD, "gYearMonth"),
        4 if digits(0..4) => term!(XSD, "gYear"),
        7 if b.starts_with(b"--") && b[4] == b'-' && digits(2..4) && digits(5..7) => {
            term!(XSD, "gMonthDay")
        }
        4 if b.starts_with(b"--") && digits(2..4) => term!(XSD, "gMonth"),
        _ => term!(XSD, "string"),
    }
}

/// A date string as a literal typed by its precision (see [`date_datatype`]).
fn date_literal(d: &str) -> LiteralRef<'_> {
    LiteralRef::new_typed_literal(d, date_datatype(d))
}

/// An IRI, percent-encoding what makes it invalid (entity IRIs from the lexicon are valid).
fn iri(s: &str) -> Cow<'_, str> {
    // An entity IRI (isnad's namespace, then unreserved characters) is valid: skip parsing.
    let plain = s.strip_prefix(ID).is_some_and(|local| {
        local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
    });
    if plain || NamedNodeRef::new(s).is_ok() {
        return Cow::Borrowed(s);
    }
    let mut fixed = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_graphic()
            && !matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
        {
            fixed.push(c);
        } else {
            let mut utf8 = [0; 4];
            fixed.push_str(&percent_encode(c.encode_utf8(&mut utf8)));
        }
    }
    Cow::Owned(fixed)
}

/// The quads of one graph, going to a sink.
struct Graph<'g, S> {
    g: NamedNodeRef<'g>,
    sink: &'g mut S,
    /// Whether the quads added now are distinct (see [`QuadSink::distinct_quad`]).
    distinct: bool,
}

impl<S: QuadSink> Graph<'_, S> {
    fn add<'a>(&mut self, s: NamedNodeRef<'_>, p: NamedNodeRef<'_>, o: impl Into<TermRef<'a>>) {
        let q = QuadRef::new(s, p, o.into(), self.g);
        if self.distinct {
            self.sink.distinct_quad(q);
        } else {
            self.sink.quad(q);
        }
    }

    fn add_literal(&mut self, s: NamedNodeRef<'_>, p: NamedNodeRef<'_>, value: &str) {
        self.add(s, p, LiteralRef::new_simple_literal(value));
    }

    fn add_lang(&mut self, s: NamedNodeRef<'_>, p: NamedNodeRef<'_>, value: &str, lang: &str) {
        self.add(
            s,
            p,
            LiteralRef::new_language_tagged_literal_unchecked(value, lang),
        );
    }

    /// `s p n` with `n` an `xsd:nonNegativeInteger`.
    fn add_count(&mut self, s: NamedNodeRef<'_>, p: NamedNodeRef<'_>, n: u64) {
        let digits = Decimal::new(n);
        let dt = term!(XSD, "nonNegativeInteger");
        self.add(s, p, LiteralRef::new_typed_literal(digits.as_str(), dt));
    }

    /// The IRI of the NIF string `<graph#char=b,e>`.
    fn nif_iri(&self, b: u64, e: u64) -> NamedNode {
        let g = self.g.as_str();
        let mut iri = String::with_capacity(g.len() + 28);
        iri.push_str(g);
        iri.push_str("#char=");
        iri.push_str(Decimal::new(b).as_str());
        iri.push(',');
        iri.push_str(Decimal::new(e).as_str());
        NamedNode::new_unchecked(iri)
    }

    /// A NIF string `<graph#char=b,e>` of class `nif:<kind>` with its offsets.
    fn nif_string(&mut self, kind: NamedNodeRef<'_>, b: u64, e: u64) -> NamedNode {
        let node = self.nif_iri(b, e);
        let n = node.as_ref();
        self.add(n, rdf::TYPE, kind);
        self.add(n, rdf::TYPE, term!(NIF, "RFC5147String"));
        self.add_count(n, term!(NIF, "beginIndex"), b);
        self.add_count(n, term!(NIF, "endIndex"), e);
        node
    }
}

/// Everything a document contributes, in its named graph, sorted and without duplicates.
pub fn document_quads(
    doc: &Document,
    facts: &[Fact],
    run: &RunInfo,
    opts: &ModelOptions,
) -> Vec<Quad> {
    let mut out = Vec::with_capacity(40 * facts.len() + 16);
    emit_document(doc, facts, run, opts, &mut out);
    sort_quads(&mut out);
    out
}

/// Everything a document contributes, in its named graph, given to `sink` in the order it
/// is made: the document, the run, then each fact (triple, sentence, phrase, record), then
/// the entities. A quad can come more than once (a sentence with two facts).
pub fn emit_document(
    doc: &Document,
    facts: &[Fact],
    run: &RunInfo,
    opts: &ModelOptions,
    sink: &mut impl QuadSink,
) {
    let graph_iri = doc_graph_iri(&doc.id);
    let mut g = Graph {
        g: NamedNodeRef::new_unchecked(&graph_iri),
        sink,
        distinct: false,
    };
    let text = OriginalText::new(&doc.text);

    // The document as a NIF context.
    let context = g.nif_string(term!(NIF, "Context"), 0, text.chars() as u64);
    let context = context.as_ref();
    // Only the context has these predicates, and the run is described once: distinct.
    g.distinct = true;
    if !opts.no_text {
        g.add_literal(context, term!(NIF, "isString"), &doc.text);
    }
    if let Some(url) = &doc.url {
        match NamedNodeRef::new(url) {
            Ok(u) => g.add(context, term!(NIF, "sourceUrl"), u),
            Err(_) => g.add(
                context,
                term!(NIF, "sourceUrl"),
                LiteralRef::new_typed_literal(url, term!(XSD, "anyURI")),
            ),
        }
    }
    if let Some(d) = &doc.date {
        g.add(context, term!(DCTERMS, "created"), date_literal(d));
    }
    if let Some(t) = &doc.title {
        g.add_literal(context, term!(DCTERMS, "title"), t);
    }

    // The run.
    let activity = run.activity_iri();
    let activity = NamedNodeRef::new_unchecked(&activity);
    if !facts.is_empty() {
        g.add(activity, rdf::TYPE, term!(PROV, "Activity"));
        g.add_literal(
            activity,
            rdfs::LABEL,
            &format!("isnad {} (rules sha256 {})", run.version, run.rules_digest),
        );
        g.add_literal(activity, term!(ISN, "rulesDigest"), &run.rules_digest);
    }
    g.distinct = false;

    let mut entities: BTreeMap<&str, (&EntityOut, BTreeSet<&str>)> = BTreeMap::new();
    let mut predicate = String::new();
    let mut sentences: Vec<[u32; 2]> = Vec::new();
    for (n, f) in facts.iter().enumerate() {
        let (s, o) = (iri(&f.s.iri), iri(&f.o.iri));
        let (s, o) = (
            NamedNodeRef::new_unchecked(&s),
            NamedNodeRef::new_unchecked(&o),
        );
        predicate.clear();
        predicate.push_str(ISN);
        predicate.push_str(&f.p);
        let p = NamedNodeRef::new_unchecked(&predicate);
        g.add(s, p, o);
        for e in [&f.s, &f.o] {
            entities
                .entry(e.iri.as_str())
                .or_insert_with(|| (e, BTreeSet::new()))
                .1
                .insert(e.surface.trim());
        }

        // A sentence with several facts is described once.
        let [sb, se] = f.sentence_span;
        let sentence = if sentences.contains(&f.sentence_span) {
            g.nif_iri(sb.into(), se.into())
        } else {
            sentences.push(f.sentence_span);
            let sentence = g.nif_string(term!(NIF, "Sentence"), sb.into(), se.into());
            let s = sentence.as_ref();
            g.add_literal(s, term!(NIF, "anchorOf"), text.slice(sb, se));
            g.add(s, term!(NIF, "referenceContext"), context);
            sentence
        };
        let sentence = sentence.as_ref();

        let [b, e] = f.span;
        let phrase = g.nif_string(term!(NIF, "Phrase"), b.into(), e.into());
        let phrase = phrase.as_ref();
        g.add_literal(phrase, term!(NIF, "anchorOf"), &f.text);
        g.add(phrase, term!(NIF, "referenceContext"), context);
        g.add(phrase, term!(NIF, "sentence"), sentence);

        let mut rec = String::with_capacity(graph_iri.len() + 12);
        rec.push_str(&graph_iri);
        rec.push_str("#fact-");
        rec.push_str(Decimal::new(n as u64).as_str());
        let rec = NamedNodeRef::new_unchecked(&rec);
        // The record is the only subject named after its fact: its quads are distinct.
        g.distinct = true;
        g.add(rec, rdf::TYPE, term!(ISN, "Fact"));
        g.add(rec, rdf::SUBJECT, s);
        g.add(rec, rdf::PREDICATE, p);
        g.add(rec, rdf::OBJECT, o);
        g.add_literal(rec, term!(ISN, "modality"), f.modality.name());
        g.add_literal(rec, term!(ISN, "rule"), &f.rule);
        g.add(
            rec,
            term!(ISN, "confidence"),
            LiteralRef::new_typed_literal(&decimal2(f.confidence), xsd::DECIMAL),
        );
        if let Some(role) = &f.role {
            g.add_lang(rec, term!(ISN, "role"), role, "ar");
        }
        if let Some(w) = &f.when {
            g.add(rec, term!(ISN, "startDate"), date_literal(&w.start));
            g.add(rec, term!(ISN, "endDate"), date_literal(&w.end));
        }
        g.add_count(rec, term!(ISN, "sentenceIndex"), f.sentence as u64);
        g.add(rec, term!(PROV, "wasDerivedFrom"), phrase);
        g.add(rec, term!(PROV, "wasGeneratedBy"), activity);
        if opts.annotations {
            annotate(&mut g, rec, s, p, o);
        }
        g.distinct = false;
    }

    let mut kind = String::new();
    for (e, surfaces) in entities.values() {
        let s = iri(&e.iri);
        let s = NamedNodeRef::new_unchecked(&s);
        kind.clear();
        kind.push_str(ISN);
        kind.push_str(&e.kind);
        // Each entity once, each surface once, and no fact predicate is one of these:
        // distinct, but for `owl:sameAs` (the lexicon may repeat a link).
        g.distinct = true;
        g.add(s, rdf::TYPE, NamedNodeRef::new_unchecked(&kind));
        g.add_lang(s, rdfs::LABEL, &e.label, "ar");
        if let Some(en) = &e.label_en {
            g.add_lang(s, rdfs::LABEL, en, "en");
        }
        for surface in surfaces {
            if !surface.is_empty() && *surface != e.label.trim() {
                g.add_lang(s, term!(SKOS, "altLabel"), surface, "ar");
            }
        }
        g.distinct = false;
        for w in &e.same_as {
            let w = iri(w);
            g.add(s, term!(OWL, "sameAs"), NamedNodeRef::new_unchecked(&w));
        }
    }
}

/// Links a fact record to its triple as an RDF 1.2 triple term (`--annotations`; the CLI
/// refuses it unless isnad is built with the `rdf-12` feature).
fn annotate<S: QuadSink>(
    g: &mut Graph<'_, S>,
    rec: NamedNodeRef<'_>,
    s: NamedNodeRef<'_>,
    p: NamedNodeRef<'_>,
    o: NamedNodeRef<'_>,
) {
    #[cfg(feature = "rdf-12")]
    {
        let t = oxigraph::model::Triple::new(s.into_owned(), p.into_owned(), o.into_owned());
        g.add(rec, rdf::REIFIES, TermRef::Triple(&t));
    }
    #[cfg(not(feature = "rdf-12"))]
    let _ = (g, rec, s, p, o);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_iris() {
        assert_eq!(decimal2(0.9), "0.9");
        assert_eq!(decimal2(0.95), "0.95");
        assert_eq!(decimal2(0.75), "0.75");
        assert_eq!(decimal2(1.0), "1.0");
        assert_eq!(decimal2(0.333), "0.33");
        let dt = |d: &str| {
            date_datatype(d)
                .as_str()
                .rsplit('#')
                .next()
                .unwrap()
                .to_string()
        };
        assert_eq!(dt("2023-08-14"), "date");
        assert_eq!(dt("2023-08"), "gYearMonth");
        assert_eq!(dt("2023"), "gYear");
        assert_eq!(dt("--08-14"), "gMonthDay");
        assert_eq!(dt("--08"), "gMonth");
        assert_eq!(
            doc_graph_iri("a b/ج"),
            "https://w3id.org/isnad/doc/a%20b%2F%D8%AC"
        );
    }
}
