//! The knowledge graph: facts → RDF quads with provenance ([`model`]), RDF formats
//! ([`format`]), a directory store that needs no C++ ([`store`]), inference as SPARQL
//! Update ([`infer`]) and SPARQL queries over the union of the document graphs ([`query`]).
//!
//! Invariant: the same input gives byte-identical output in every run. Everything emitted
//! is sorted (graph, subject, predicate, object), except the N-Quads stream ([`nquads`]),
//! which writes each document's quads in the order the model makes them.

pub mod error;
pub mod evidence;
pub mod format;
pub mod infer;
pub mod model;
pub mod nquads;
pub mod query;
pub mod store;

use oxigraph::model::{
    GraphNameRef, NamedOrBlankNodeRef, Quad, QuadRef, TermRef, Triple, TripleRef,
};
use oxigraph::store::Store;
use std::cmp::Ordering;

pub use error::{KgError, Result};

/// The isnad ontology.
pub const ISN: &str = "https://w3id.org/isnad/ontology#";
/// Entities.
pub const ID: &str = "https://w3id.org/isnad/id/";
/// Documents (one named graph each).
pub const DOC: &str = "https://w3id.org/isnad/doc/";
/// Extraction runs (PROV activities).
pub const RUN: &str = "https://w3id.org/isnad/run/";
/// NIF 2.0 core.
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
/// PROV-O.
pub const PROV: &str = "http://www.w3.org/ns/prov#";
/// RDF.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// RDF Schema.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// SKOS.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// OWL.
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
/// XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// Dublin Core terms.
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
/// Wikidata entities.
pub const WD: &str = "http://www.wikidata.org/entity/";

/// Prefixes written in Turtle, TriG, RDF/XML and JSON-LD (and known to `query`).
pub const PREFIXES: [(&str, &str); 11] = [
    ("isn", ISN),
    ("id", ID),
    ("nif", NIF),
    ("prov", PROV),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("skos", SKOS),
    ("owl", OWL),
    ("xsd", XSD),
    ("dcterms", DCTERMS),
    ("wd", WD),
];

fn term_key(t: TermRef<'_>) -> (u8, &str, &str, &str) {
    match t {
        TermRef::NamedNode(n) => (0, n.as_str(), "", ""),
        TermRef::BlankNode(b) => (1, b.as_str(), "", ""),
        TermRef::Literal(l) => (
            2,
            l.value(),
            l.datatype().as_str(),
            l.language().unwrap_or(""),
        ),
        #[allow(unreachable_patterns)]
        _ => (3, "", "", ""),
    }
}

fn subject_key(s: NamedOrBlankNodeRef<'_>) -> (u8, &str) {
    match s {
        NamedOrBlankNodeRef::NamedNode(n) => (0, n.as_str()),
        NamedOrBlankNodeRef::BlankNode(b) => (1, b.as_str()),
    }
}

fn graph_key(g: GraphNameRef<'_>) -> (u8, &str) {
    match g {
        GraphNameRef::DefaultGraph => (0, ""),
        GraphNameRef::NamedNode(n) => (1, n.as_str()),
        GraphNameRef::BlankNode(b) => (2, b.as_str()),
    }
}

fn cmp_object(a: TermRef<'_>, b: TermRef<'_>) -> Ordering {
    term_key(a).cmp(&term_key(b)).then_with(|| {
        // Triple terms (RDF 1.2) only: fall back on their N-Triples form.
        if term_key(a).0 == 3 {
            a.to_string().cmp(&b.to_string())
        } else {
            Ordering::Equal
        }
    })
}

/// Triple order: subject, predicate, object.
pub fn cmp_triples(a: TripleRef<'_>, b: TripleRef<'_>) -> Ordering {
    subject_key(a.subject)
        .cmp(&subject_key(b.subject))
        .then_with(|| a.predicate.as_str().cmp(b.predicate.as_str()))
        .then_with(|| cmp_object(a.object, b.object))
}

/// Quad order: graph, then triple order.
pub fn cmp_quads(a: QuadRef<'_>, b: QuadRef<'_>) -> Ordering {
    graph_key(a.graph_name)
        .cmp(&graph_key(b.graph_name))
        .then_with(|| {
            cmp_triples(
                TripleRef::new(a.subject, a.predicate, a.object),
                TripleRef::new(b.subject, b.predicate, b.object),
            )
        })
}

/// Sorts quads in the canonical order and removes duplicates.
pub fn sort_quads(quads: &mut Vec<Quad>) {
    // The keys are taken apart once, not at each of the n log n comparisons; equal keys
    // (duplicates, RDF 1.2 triple terms) fall back on the full comparison.
    let mut keyed: Vec<_> = quads
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let key = (
                graph_key(q.graph_name.as_ref()),
                subject_key(q.subject.as_ref()),
                q.predicate.as_str(),
                term_key(q.object.as_ref()),
            );
            (key, i)
        })
        .collect();
    keyed.sort_unstable_by(|(ka, a), (kb, b)| {
        ka.cmp(kb)
            .then_with(|| cmp_quads(quads[*a].as_ref(), quads[*b].as_ref()))
    });
    let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    let mut slots: Vec<Option<Quad>> = quads.drain(..).map(Some).collect();
    quads.extend(order.into_iter().filter_map(|i| slots[i].take()));
    quads.dedup();
}

/// Adds a few quads to sorted, distinct quads, keeping them sorted and distinct.
pub fn merge_sorted(quads: &mut Vec<Quad>, extra: Vec<Quad>) {
    for q in extra {
        if let Err(at) = quads.binary_search_by(|x| cmp_quads(x.as_ref(), q.as_ref())) {
            quads.insert(at, q);
        }
    }
}

/// The union of the graphs as sorted, distinct triples.
pub fn union_triples(quads: &[Quad]) -> Vec<Triple> {
    union_triple_refs(quads)
        .into_iter()
        .map(TripleRef::into_owned)
        .collect()
}

/// The union of the graphs as sorted, distinct triples borrowed from `quads` (no copies).
pub fn union_triple_refs(quads: &[Quad]) -> Vec<TripleRef<'_>> {
    let mut t: Vec<TripleRef<'_>> = quads
        .iter()
        .map(|q| TripleRef::new(&q.subject, &q.predicate, &q.object))
        .collect();
    t.sort_unstable_by(|a, b| cmp_triples(*a, *b));
    t.dedup();
    t
}

/// Every quad of a store, sorted.
pub fn store_quads(store: &Store) -> Result<Vec<Quad>> {
    let mut q = store.iter().collect::<Result<Vec<_>, _>>()?;
    sort_quads(&mut q);
    Ok(q)
}

/// Loads quads into a new in-memory store with the bulk loader.
pub fn memory_store(quads: impl IntoIterator<Item = Quad>) -> Result<Store> {
    let store = Store::new()?;
    let mut loader = store.bulk_loader();
    loader.load_quads(quads)?;
    loader.commit()?;
    Ok(store)
}
