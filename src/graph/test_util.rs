//! Small hand-made graphs for unit tests.

use super::{EntityGraph, EntityNode, FactRecord, Filter};

/// Builds a graph from `(subject, object, symmetric, weight)` tuples; every node is a
/// Person whose IRI is the given name, each tuple gives `weight` identical records of
/// predicate "rel" (or "meetsWith" when symmetric).
pub(crate) fn graph_of(edges: &[(&str, &str, bool, u32)]) -> EntityGraph {
    let mut nodes: Vec<EntityNode> = Vec::new();
    let mut facts = Vec::new();
    for &(s, o, symmetric, weight) in edges {
        for iri in [s, o] {
            if !nodes.iter().any(|n| n.iri == iri) {
                nodes.push(EntityNode {
                    iri: iri.into(),
                    kind: "Person".into(),
                    label_ar: iri.into(),
                    label_en: None,
                });
            }
        }
        for _ in 0..weight {
            facts.push(FactRecord {
                subject: s.into(),
                predicate: if symmetric { "meetsWith" } else { "rel" }.into(),
                object: o.into(),
                symmetric,
                modality: "asserted".into(),
                date: None,
                doc: "doc".into(),
                sentence: format!("{s} {o}"),
            });
        }
    }
    EntityGraph::project(&nodes, &facts, &Filter::default())
}

/// Two symmetric triangles {a,b,c} and {d,e,f} joined by the bridge c - d.
pub(crate) fn two_triangles() -> EntityGraph {
    graph_of(&[
        ("a", "b", true, 1),
        ("a", "c", true, 1),
        ("b", "c", true, 1),
        ("d", "e", true, 1),
        ("d", "f", true, 1),
        ("e", "f", true, 1),
        ("c", "d", true, 1),
    ])
}

/// Asserts two float slices agree to `tol`.
pub(crate) fn assert_close(got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol,
            "index {i}: got {g}, want {w} ({got:?})"
        );
    }
}
