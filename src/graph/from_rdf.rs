//! Reading the entity graph's input from the knowledge graph: one [`FactRecord`] per
//! provenance record and one [`EntityNode`] per entity, by SPARQL over the union of
//! the document graphs.

use super::{EntityNode, FactRecord};
use crate::extract::vocab;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

/// An error while reading the graph from the store.
#[derive(Debug, thiserror::Error)]
#[error("reading the entity graph from the store: {0}")]
pub struct FromRdfError(String);

const FACTS: &str = r#"
PREFIX isn: <https://w3id.org/isnad/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?s ?p ?o ?m ?d ?doc ?text WHERE {
  GRAPH ?doc {
    ?f a isn:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; isn:modality ?m .
    OPTIONAL { ?f isn:startDate ?d }
    OPTIONAL { ?f prov:wasDerivedFrom ?phrase . ?phrase nif:sentence ?sent . ?sent nif:anchorOf ?text }
  }
}"#;

const ENTITIES: &str = r#"
PREFIX isn: <https://w3id.org/isnad/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?type (SAMPLE(?ar) AS ?label_ar) (SAMPLE(?en) AS ?label_en) WHERE {
  GRAPH ?g { ?e a ?type ; rdfs:label ?ar . FILTER(LANG(?ar) = "ar") OPTIONAL { ?e rdfs:label ?en FILTER(LANG(?en) = "en") } }
  FILTER(STRSTARTS(STR(?type), STR(isn:)) && ?type != isn:Fact)
} GROUP BY ?e ?type"#;

fn rows(store: &Store, query: &str) -> Result<Vec<oxigraph::sparql::QuerySolution>, FromRdfError> {
    let q = SparqlEvaluator::new()
        .parse_query(query)
        .map_err(|e| FromRdfError(e.to_string()))?;
    match q
        .on_store(store)
        .execute()
        .map_err(|e| FromRdfError(e.to_string()))?
    {
        QueryResults::Solutions(s) => s
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| FromRdfError(e.to_string())),
        _ => Err(FromRdfError("expected solutions".into())),
    }
}

fn value(s: &oxigraph::sparql::QuerySolution, var: &str) -> Option<String> {
    s.get(var).map(|t| match t {
        oxigraph::model::Term::NamedNode(n) => n.as_str().to_string(),
        oxigraph::model::Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    })
}

/// Entities and fact records of every document graph in the store, sorted.
pub fn read(store: &Store) -> Result<(Vec<EntityNode>, Vec<FactRecord>), FromRdfError> {
    let mut facts = Vec::new();
    for r in rows(store, FACTS)? {
        let (Some(s), Some(p), Some(o), Some(m), Some(doc)) = (
            value(&r, "s"),
            value(&r, "p"),
            value(&r, "o"),
            value(&r, "m"),
            value(&r, "doc"),
        ) else {
            continue;
        };
        let predicate = p.rsplit(['#', '/']).next().unwrap_or(&p).to_string();
        facts.push(FactRecord {
            symmetric: vocab::is_symmetric(&predicate),
            subject: s,
            predicate,
            object: o,
            modality: m,
            date: value(&r, "d").filter(|d| !d.starts_with("--")),
            doc: doc.rsplit('/').next().unwrap_or(&doc).to_string(),
            sentence: value(&r, "text").unwrap_or_default(),
        });
    }
    let mut nodes: Vec<EntityNode> = Vec::new();
    for r in rows(store, ENTITIES)? {
        let (Some(iri), Some(t), Some(ar)) =
            (value(&r, "e"), value(&r, "type"), value(&r, "label_ar"))
        else {
            continue;
        };
        if nodes.last().is_some_and(|n| n.iri == iri) {
            continue;
        }
        nodes.push(EntityNode {
            iri,
            kind: t.rsplit('#').next().unwrap_or(&t).to_string(),
            label_ar: ar,
            label_en: value(&r, "label_en"),
        });
    }
    nodes.sort_by(|a, b| a.iri.cmp(&b.iri));
    nodes.dedup_by(|a, b| a.iri == b.iri);
    facts.sort_by(|a, b| {
        (&a.subject, &a.predicate, &a.object, &a.doc, &a.date).cmp(&(
            &b.subject,
            &b.predicate,
            &b.object,
            &b.doc,
            &b.date,
        ))
    });
    Ok((nodes, facts))
}
