//! The RDF model of one document: its named graph with the plain fact triples, one
//! provenance record per fact (modality, dates, role, rule, confidence), NIF 2.0 spans into
//! the original text, the PROV activity of the run, and the entities it mentions.

use super::{DCTERMS, DOC, ISN, NIF, OWL, PROV, RDF, RDFS, RUN, SKOS, XSD, sort_quads};
use crate::extract::{EntityOut, Fact};
use crate::input::Document;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
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

/// An IRI, percent-encoding what makes it invalid (entity IRIs from the lexicon are valid).
fn iri(s: &str) -> NamedNode {
    NamedNode::new(s).unwrap_or_else(|_| {
        let fixed: String = s
            .chars()
            .map(|c| {
                if c.is_ascii_graphic()
                    && !matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
                {
                    c.to_string()
                } else {
                    percent_encode(&c.to_string())
                }
            })
            .collect();
        NamedNode::new_unchecked(fixed)
    })
}

fn v(ns: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ns}{local}"))
}

fn typed(value: impl Into<String>, dt: &str) -> Term {
    Literal::new_typed_literal(value, v(XSD, dt)).into()
}

fn nn_int(n: impl std::fmt::Display) -> Term {
    typed(n.to_string(), "nonNegativeInteger")
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

/// A date string as a literal typed by its precision (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `--MM-DD`, `--MM`).
pub fn date_literal(d: &str) -> Term {
    let b = d.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let dt = match b.len() {
        10 if b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10) => {
            "date"
        }
        7 if b[4] == b'-' && digits(0..4) && digits(5..7) => "gYearMonth",
        4 if digits(0..4) => "gYear",
        7 if b.starts_with(b"--") && b[4] == b'-' && digits(2..4) && digits(5..7) => "gMonthDay",
        4 if b.starts_with(b"--") && digits(2..4) => "gMonth",
        _ => "string",
    };
    typed(d, dt)
}

struct Graph {
    g: GraphName,
    out: Vec<Quad>,
}

impl Graph {
    fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.out
            .push(Quad::new(s.clone(), p, o.into(), self.g.clone()));
    }

    /// A NIF string `<graph#char=b,e>` of class `nif:<kind>` with its offsets.
    fn nif_string(
        &mut self,
        graph_iri: &str,
        kind: &str,
        b: impl std::fmt::Display,
        e: impl std::fmt::Display,
    ) -> NamedNode {
        let node = NamedNode::new_unchecked(format!("{graph_iri}#char={b},{e}"));
        self.add(&node, v(RDF, "type"), v(NIF, kind));
        self.add(&node, v(RDF, "type"), v(NIF, "RFC5147String"));
        self.add(&node, v(NIF, "beginIndex"), nn_int(b));
        self.add(&node, v(NIF, "endIndex"), nn_int(e));
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
    let graph_iri = doc_graph_iri(&doc.id);
    let mut g = Graph {
        g: GraphName::NamedNode(NamedNode::new_unchecked(graph_iri.clone())),
        out: Vec::with_capacity(40 * facts.len() + 16),
    };
    let a = || v(RDF, "type");
    let text: Vec<char> = doc.text.chars().collect();
    let frag = |f: &str| NamedNode::new_unchecked(format!("{graph_iri}#{f}"));

    // The document as a NIF context.
    let context = g.nif_string(&graph_iri, "Context", 0, text.len());
    if !opts.no_text {
        g.add(
            &context,
            v(NIF, "isString"),
            Literal::new_simple_literal(&doc.text),
        );
    }
    if let Some(url) = &doc.url {
        match NamedNode::new(url) {
            Ok(u) => g.add(&context, v(NIF, "sourceUrl"), u),
            Err(_) => g.add(&context, v(NIF, "sourceUrl"), typed(url.as_str(), "anyURI")),
        }
    }
    if let Some(d) = &doc.date {
        g.add(&context, v(DCTERMS, "created"), date_literal(d));
    }
    if let Some(t) = &doc.title {
        g.add(
            &context,
            v(DCTERMS, "title"),
            Literal::new_simple_literal(t),
        );
    }

    // The run.
    let activity = NamedNode::new_unchecked(run.activity_iri());
    if !facts.is_empty() {
        g.add(&activity, a(), v(PROV, "Activity"));
        g.add(
            &activity,
            v(RDFS, "label"),
            Literal::new_simple_literal(format!(
                "isnad {} (rules sha256 {})",
                run.version, run.rules_digest
            )),
        );
        g.add(
            &activity,
            v(ISN, "rulesDigest"),
            Literal::new_simple_literal(&run.rules_digest),
        );
    }

    let span_text = |b: u32, e: u32| -> String {
        text.get(b as usize..(e as usize).min(text.len()))
            .map(|s| s.iter().collect())
            .unwrap_or_default()
    };
    let mut entities: BTreeMap<&str, (&EntityOut, BTreeSet<&str>)> = BTreeMap::new();
    for (n, f) in facts.iter().enumerate() {
        let s = iri(&f.s.iri);
        let o = iri(&f.o.iri);
        let p = v(ISN, &f.p);
        g.add(&s, p.clone(), o.clone());
        for e in [&f.s, &f.o] {
            entities
                .entry(e.iri.as_str())
                .or_insert_with(|| (e, BTreeSet::new()))
                .1
                .insert(e.surface.trim());
        }

        let [sb, se] = f.sentence_span;
        let sentence = g.nif_string(&graph_iri, "Sentence", sb, se);
        g.add(
            &sentence,
            v(NIF, "anchorOf"),
            Literal::new_simple_literal(span_text(sb, se)),
        );
        g.add(&sentence, v(NIF, "referenceContext"), context.clone());

        let [b, e] = f.span;
        let phrase = g.nif_string(&graph_iri, "Phrase", b, e);
        g.add(
            &phrase,
            v(NIF, "anchorOf"),
            Literal::new_simple_literal(&f.text),
        );
        g.add(&phrase, v(NIF, "referenceContext"), context.clone());
        g.add(&phrase, v(NIF, "sentence"), sentence.clone());

        let rec = frag(&format!("fact-{n}"));
        g.add(&rec, a(), v(ISN, "Fact"));
        g.add(&rec, v(RDF, "subject"), s.clone());
        g.add(&rec, v(RDF, "predicate"), p.clone());
        g.add(&rec, v(RDF, "object"), o.clone());
        g.add(
            &rec,
            v(ISN, "modality"),
            Literal::new_simple_literal(f.modality.name()),
        );
        g.add(&rec, v(ISN, "rule"), Literal::new_simple_literal(&f.rule));
        g.add(
            &rec,
            v(ISN, "confidence"),
            typed(decimal2(f.confidence), "decimal"),
        );
        if let Some(role) = &f.role {
            g.add(
                &rec,
                v(ISN, "role"),
                Literal::new_language_tagged_literal_unchecked(role.as_str(), "ar"),
            );
        }
        if let Some(w) = &f.when {
            g.add(&rec, v(ISN, "startDate"), date_literal(&w.start));
            g.add(&rec, v(ISN, "endDate"), date_literal(&w.end));
        }
        g.add(&rec, v(ISN, "sentenceIndex"), nn_int(f.sentence));
        g.add(&rec, v(PROV, "wasDerivedFrom"), phrase);
        g.add(&rec, v(PROV, "wasGeneratedBy"), activity.clone());
        if opts.annotations {
            annotate(&mut g, &rec, &s, &p, &o);
        }
    }

    for (e, surfaces) in entities.values() {
        let s = iri(&e.iri);
        g.add(&s, a(), v(ISN, &e.kind));
        g.add(
            &s,
            v(RDFS, "label"),
            Literal::new_language_tagged_literal_unchecked(e.label.as_str(), "ar"),
        );
        if let Some(en) = &e.label_en {
            g.add(
                &s,
                v(RDFS, "label"),
                Literal::new_language_tagged_literal_unchecked(en.as_str(), "en"),
            );
        }
        for surface in surfaces {
            if !surface.is_empty() && *surface != e.label.trim() {
                g.add(
                    &s,
                    v(SKOS, "altLabel"),
                    Literal::new_language_tagged_literal_unchecked(*surface, "ar"),
                );
            }
        }
        for w in &e.same_as {
            g.add(&s, v(OWL, "sameAs"), iri(w));
        }
    }
    let mut out = g.out;
    sort_quads(&mut out);
    out
}

#[cfg(feature = "rdf-12")]
fn annotate(g: &mut Graph, rec: &NamedNode, s: &NamedNode, p: &NamedNode, o: &NamedNode) {
    let t = oxigraph::model::Triple::new(s.clone(), p.clone(), o.clone());
    g.add(rec, v(RDF, "reifies"), Term::Triple(Box::new(t)));
}

#[cfg(not(feature = "rdf-12"))]
fn annotate(_: &mut Graph, _: &NamedNode, _: &NamedNode, _: &NamedNode, _: &NamedNode) {}

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
        let dt = |d: &str| match date_literal(d) {
            Term::Literal(l) => l
                .datatype()
                .as_str()
                .rsplit('#')
                .next()
                .unwrap()
                .to_string(),
            _ => unreachable!(),
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
