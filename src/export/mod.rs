//! Exports of an analysed [`EntityGraph`] to graph tools: GEXF (Gephi), GraphML, Gephi
//! spreadsheet CSV, Neo4j bulk-import CSV, Graphviz DOT and Cytoscape.js JSON.
//!
//! Every export carries the node metrics (pagerank, betweenness, closeness, community,
//! degree) and the labels, type and IRI, with Arabic text written as UTF-8. The `metrics`
//! argument must come from [`EntityGraph::analyze`] on the same graph.

mod cytoscape;
mod dot;
mod gephi_csv;
mod gexf;
mod graphml;
mod neo4j;
pub(crate) mod xml;

use petgraph::graph::EdgeIndex;

use crate::graph::{EntityGraph, Metrics};

pub use cytoscape::write_cytoscape;
pub use dot::write_dot;
pub use gephi_csv::write_gephi_csv;
pub use gexf::{GexfMode, write_gexf};
pub use graphml::write_graphml;
pub use neo4j::write_neo4j_csv;

/// Errors of the exports.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// Writing a CSV file failed.
    #[error("CSV error: {0}")]
    Csv(#[from] csv::Error),
    /// Serialising JSON failed.
    #[error("JSON error: {0}")]
    Json(#[from] serde_json::Error),
}

/// Type of an exported attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AttrType {
    Str,
    Double,
    Int,
    Bool,
}

/// One exported attribute value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Str(String),
    Double(f64),
    Int(usize),
    Bool(bool),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Str(s) => f.write_str(s),
            Value::Double(x) => write!(f, "{x}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// Node attributes shared by the GEXF and GraphML exports, in column order.
pub(crate) const NODE_ATTRS: [(&str, AttrType); 10] = [
    ("type", AttrType::Str),
    ("iri", AttrType::Str),
    ("label_ar", AttrType::Str),
    ("label_en", AttrType::Str),
    ("pagerank", AttrType::Double),
    ("betweenness", AttrType::Double),
    ("closeness", AttrType::Double),
    ("community", AttrType::Int),
    ("component", AttrType::Int),
    ("degree", AttrType::Int),
];

/// Values of [`NODE_ATTRS`] for node `i`; a missing English label is an empty string.
pub(crate) fn node_values(g: &EntityGraph, m: &Metrics, i: usize) -> [Value; 10] {
    let node = &g.graph[petgraph::graph::NodeIndex::new(i)];
    [
        Value::Str(node.kind.clone()),
        Value::Str(node.iri.clone()),
        Value::Str(node.label_ar.clone()),
        Value::Str(node.label_en.clone().unwrap_or_default()),
        Value::Double(m.pagerank[i]),
        Value::Double(m.betweenness[i]),
        Value::Double(m.closeness[i]),
        Value::Int(m.community[i]),
        Value::Int(m.component[i]),
        Value::Int(m.degrees.total[i]),
    ]
}

/// Edge attributes shared by the GEXF and GraphML exports (the weight and the label are
/// written by each format in its own way).
pub(crate) const EDGE_ATTRS: [(&str, AttrType); 6] = [
    ("predicate", AttrType::Str),
    ("modality", AttrType::Str),
    ("docs", AttrType::Str),
    ("first_date", AttrType::Str),
    ("last_date", AttrType::Str),
    ("symmetric", AttrType::Bool),
];

/// Values of [`EDGE_ATTRS`] for edge `e`: modalities and docs joined with ";", missing
/// dates as empty strings.
pub(crate) fn edge_values(g: &EntityGraph, e: EdgeIndex) -> [Value; 6] {
    let edge = &g.graph[e];
    [
        Value::Str(edge.predicate.clone()),
        Value::Str(joined(&edge.modalities)),
        Value::Str(joined(&edge.docs)),
        Value::Str(edge.first_date.clone().unwrap_or_default()),
        Value::Str(edge.last_date.clone().unwrap_or_default()),
        Value::Bool(edge.symmetric),
    ]
}

/// The columns the two CSV exports share for edge `e`: source and target IRIs, then
/// modalities, first date, last date and documents (lists joined with ";").
pub(crate) fn csv_edge_columns(g: &EntityGraph, e: EdgeIndex) -> ((&str, &str), [String; 4]) {
    let edge = &g.graph[e];
    let (s, t) = g.graph.edge_endpoints(e).expect("edge index is valid");
    (
        (g.graph[s].iri.as_str(), g.graph[t].iri.as_str()),
        [
            joined(&edge.modalities),
            edge.first_date.clone().unwrap_or_default(),
            edge.last_date.clone().unwrap_or_default(),
            joined(&edge.docs),
        ],
    )
}

/// Joins strings with ";".
pub(crate) fn joined<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    items
        .into_iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(";")
}

/// Source and target node indices of edge `e`.
pub(crate) fn endpoints(g: &EntityGraph, e: EdgeIndex) -> (usize, usize) {
    let (s, t) = g.graph.edge_endpoints(e).expect("edge index is valid");
    (s.index(), t.index())
}

/// The arcs an edge is written as in the directed formats (GEXF, GraphML): once, or
/// both ways with ids suffixed `a` and `b` when the predicate is symmetric.
pub(crate) fn arcs_of(g: &EntityGraph, e: EdgeIndex) -> Vec<(usize, usize, &'static str)> {
    let (s, t) = endpoints(g, e);
    if g.graph[e].symmetric {
        vec![(s, t, "a"), (t, s, "b")]
    } else {
        vec![(s, t, "")]
    }
}

/// Colour of a community (a fixed 12-colour qualitative palette, cycled).
pub(crate) fn community_color(community: usize) -> (u8, u8, u8) {
    const PALETTE: [(u8, u8, u8); 12] = [
        (31, 119, 180),
        (255, 127, 14),
        (44, 160, 44),
        (214, 39, 40),
        (148, 103, 189),
        (140, 86, 75),
        (227, 119, 194),
        (127, 127, 127),
        (188, 189, 34),
        (23, 190, 207),
        (174, 199, 232),
        (255, 187, 120),
    ];
    PALETTE[community % PALETTE.len()]
}

#[cfg(test)]
pub(crate) mod test_util {
    use crate::graph::{AnalyzeOptions, EntityGraph, EntityNode, FactRecord, Filter, Metrics};

    /// A small graph with Arabic labels, markup characters, a symmetric edge, parallel
    /// predicates and month/year dates, with its metrics.
    pub(crate) fn sample() -> (EntityGraph, Metrics) {
        let node = |iri: &str, kind: &str, ar: &str, en: Option<&str>| EntityNode {
            iri: format!("http://example.org/{iri}"),
            kind: kind.into(),
            label_ar: ar.into(),
            label_en: en.map(Into::into),
        };
        let nodes = [
            node("biden", "Person", "جو بايدن", Some("Joe \"Biden\"")),
            node("egypt", "Country", "مصر", Some("Egypt")),
            node("sisi", "Person", "عبد الفتاح السيسي", None),
            node(
                "un",
                "Organization",
                "الأمم المتحدة <UN> & \\ 'x'",
                Some("UN"),
            ),
        ];
        let fact =
            |s: &str, p: &str, o: &str, sym: bool, date: Option<&str>, doc: &str| FactRecord {
                subject: format!("http://example.org/{s}"),
                predicate: p.into(),
                object: format!("http://example.org/{o}"),
                symmetric: sym,
                modality: "asserted".into(),
                date: date.map(Into::into),
                doc: doc.into(),
                sentence: format!("{s} {p} {o}"),
            };
        let facts = [
            fact("sisi", "meetsWith", "biden", true, Some("2024-02"), "d1"),
            fact("biden", "meetsWith", "sisi", true, Some("2024-02-10"), "d2"),
            fact("biden", "visits", "egypt", false, Some("2024"), "d1"),
            fact("biden", "condemns", "egypt", false, None, "d3"),
            fact("sisi", "supports", "un", false, Some("2023-12-31"), "d4"),
        ];
        let g = EntityGraph::project(&nodes, &facts, &Filter::default());
        let m = g.analyze(&AnalyzeOptions::default());
        (g, m)
    }
}
