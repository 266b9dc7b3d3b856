//! Cytoscape.js elements JSON.

use std::io::Write;

use serde::Serialize;

use super::{ExportError, endpoints};
use crate::graph::{EntityGraph, Metrics};

#[derive(Serialize)]
struct Document<'a> {
    elements: Elements<'a>,
}

#[derive(Serialize)]
struct Elements<'a> {
    nodes: Vec<Element<NodeData<'a>>>,
    edges: Vec<Element<EdgeData<'a>>>,
}

#[derive(Serialize)]
struct Element<T> {
    data: T,
}

#[derive(Serialize)]
struct NodeData<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    iri: &'a str,
    label_ar: &'a str,
    label_en: Option<&'a str>,
    pagerank: f64,
    betweenness: f64,
    closeness: f64,
    community: usize,
    degree: usize,
}

#[derive(Serialize)]
struct EdgeData<'a> {
    id: String,
    source: &'a str,
    target: &'a str,
    label: &'a str,
    weight: u32,
    directed: bool,
    modality: Vec<&'a str>,
    docs: &'a [String],
    first_date: Option<&'a str>,
    last_date: Option<&'a str>,
}

/// Writes `g` with `metrics` as Cytoscape.js JSON,
/// `{"elements": {"nodes": [{"data": {...}}], "edges": [{"data": {...}}]}}`.
///
/// Node data: `id` (IRI), `label` (Arabic), `type`, `iri`, `label_ar`, `label_en` (null when
/// unknown), `pagerank`, `betweenness`, `closeness`, `community`, `degree`. Edge data: `id`
/// (`eN`), `source`, `target`, `label` (predicate), `weight`, `directed` (false for symmetric
/// edges, written once), `modality` and `docs` arrays, `first_date`, `last_date`. O(n + m).
pub fn write_cytoscape(
    g: &EntityGraph,
    metrics: &Metrics,
    w: &mut dyn Write,
) -> Result<(), ExportError> {
    let nodes = g
        .graph
        .node_weights()
        .enumerate()
        .map(|(i, n)| Element {
            data: NodeData {
                id: &n.iri,
                label: &n.label_ar,
                kind: &n.kind,
                iri: &n.iri,
                label_ar: &n.label_ar,
                label_en: n.label_en.as_deref(),
                pagerank: metrics.pagerank[i],
                betweenness: metrics.betweenness[i],
                closeness: metrics.closeness[i],
                community: metrics.community[i],
                degree: metrics.degrees.total[i],
            },
        })
        .collect();
    let edges = g
        .graph
        .edge_indices()
        .map(|e| {
            let edge = &g.graph[e];
            let (s, t) = endpoints(g, e);
            Element {
                data: EdgeData {
                    id: format!("e{}", e.index()),
                    source: &g.graph[petgraph::graph::NodeIndex::new(s)].iri,
                    target: &g.graph[petgraph::graph::NodeIndex::new(t)].iri,
                    label: &edge.predicate,
                    weight: edge.weight,
                    directed: !edge.symmetric,
                    modality: edge.modalities.iter().map(String::as_str).collect(),
                    docs: &edge.docs,
                    first_date: edge.first_date.as_deref(),
                    last_date: edge.last_date.as_deref(),
                },
            }
        })
        .collect();
    serde_json::to_writer(
        &mut *w,
        &Document {
            elements: Elements { nodes, edges },
        },
    )?;
    writeln!(w)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_util::sample;

    #[test]
    fn elements_shape() {
        let (g, m) = sample();
        let mut out = Vec::new();
        write_cytoscape(&g, &m, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let nodes = v["elements"]["nodes"].as_array().unwrap();
        let edges = v["elements"]["edges"].as_array().unwrap();
        assert_eq!((nodes.len(), edges.len()), (4, 4));
        assert_eq!(nodes[3]["data"]["label_ar"], "الأمم المتحدة <UN> & \\ 'x'");
        assert_eq!(edges[1]["data"]["label"], "meetsWith");
        assert_eq!(edges[1]["data"]["directed"], false);
        assert_eq!(edges[1]["data"]["docs"], serde_json::json!(["d1", "d2"]));
        assert!(nodes[0]["data"]["pagerank"].as_f64().unwrap() > 0.0);
    }
}
