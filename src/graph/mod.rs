//! Entity graph projected from fact records, and its analyses.
//!
//! [`EntityGraph::project`] turns entities and supporting fact records into a petgraph
//! [`DiGraph`]; the sibling modules compute degree, PageRank, betweenness, closeness,
//! weakly connected components, Louvain communities and shortest paths on it, all
//! deterministic run to run. [`EntityGraph::analyze`] bundles them into [`Metrics`].

mod betweenness;
mod closeness;
mod community;
mod components;
mod degree;
pub mod from_rdf;
mod metrics;
mod pagerank;
mod path;
mod project;
mod random;
pub mod rng;
#[cfg(test)]
mod test_util;

use std::collections::BTreeSet;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

pub use betweenness::{betweenness_exact, betweenness_sampled};
pub use closeness::closeness;
pub use community::{Partition, louvain, modularity};
pub use components::weakly_connected_components;
pub use degree::{Degrees, degrees};
pub use metrics::{AnalyzeOptions, Metrics};
pub use pagerank::{PageRankOptions, pagerank};
pub use path::Hop;
pub use random::random_facts;

/// One entity of the knowledge graph.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityNode {
    /// The entity's IRI, its identity in every export.
    pub iri: String,
    /// Entity class: "Person", "Country", "City", "Organization" or "Event".
    pub kind: String,
    /// Arabic label, kept as UTF-8.
    pub label_ar: String,
    /// English label, when known.
    pub label_en: Option<String>,
}

/// One supporting record of a fact (s p o) found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct FactRecord {
    /// Subject IRI.
    pub subject: String,
    /// Predicate local name, e.g. "visits".
    pub predicate: String,
    /// Object IRI.
    pub object: String,
    /// Whether the predicate is symmetric (e.g. meetsWith); such facts become undirected edges.
    pub symmetric: bool,
    /// "asserted", "planned" or "reported".
    pub modality: String,
    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY".
    pub date: Option<String>,
    /// Identifier of the document the record was found in.
    pub doc: String,
    /// The source sentence text.
    pub sentence: String,
}

/// Which facts and nodes to keep.
///
/// An empty vector keeps everything. `from`/`to` are inclusive bounds compared with a
/// fact's date as strings on their common prefix (so "2024" matches "2024-05-01"); when a
/// bound is set, facts without a date are dropped.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Predicates to keep.
    pub predicates: Vec<String>,
    /// Modalities to keep.
    pub modalities: Vec<String>,
    /// Entity kinds to keep (both ends of a fact must match).
    pub kinds: Vec<String>,
    /// Earliest date kept.
    pub from: Option<String>,
    /// Latest date kept.
    pub to: Option<String>,
}

/// One aggregated (subject, predicate, object) edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Predicate local name.
    pub predicate: String,
    /// Symmetric edges are stored once with the smaller IRI as source and are undirected.
    pub symmetric: bool,
    /// Number of supporting records.
    pub weight: u32,
    /// Smallest date among the records (string order), if any is dated.
    pub first_date: Option<String>,
    /// Latest date among the records, if any is dated; a coarser date counts as the end of its
    /// period ("2024-03" is later than "2024-03-05").
    pub last_date: Option<String>,
    /// Distinct modalities of the records.
    pub modalities: BTreeSet<String>,
    /// Sorted distinct documents.
    pub docs: Vec<String>,
    /// Distinct supporting sentences, in record order.
    pub sentences: Vec<String>,
}

/// Errors of graph queries.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// No node has this IRI.
    #[error("no node with IRI {0}")]
    NodeNotFound(String),
    /// The two nodes are not connected.
    #[error("no path from {from} to {to}")]
    NoPath {
        /// Start IRI.
        from: String,
        /// Goal IRI.
        to: String,
    },
}

/// The projected entity graph.
///
/// Node indices follow IRI order and edge indices follow (subject, predicate, object)
/// order, so every analysis indexed by `NodeIndex::index()` is deterministic.
#[derive(Debug, Clone, Default)]
pub struct EntityGraph {
    /// The underlying petgraph graph; symmetric edges appear once, smaller IRI first.
    pub graph: DiGraph<EntityNode, Edge>,
}

impl EntityGraph {
    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of aggregated edges (a symmetric edge counts once).
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Index of the node with this IRI, by binary search over the IRI-sorted nodes. O(log n).
    pub fn node_index(&self, iri: &str) -> Result<NodeIndex, GraphError> {
        let n = self.graph.node_count();
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.graph[NodeIndex::new(mid)].iri.as_str().cmp(iri) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(NodeIndex::new(mid)),
            }
        }
        Err(GraphError::NodeNotFound(iri.to_owned()))
    }

    /// Weighted arcs of the directed multigraph view, in edge order: a directed edge gives
    /// one arc, a symmetric edge two (source→target then target→source). O(m).
    pub fn arcs(&self) -> impl Iterator<Item = (usize, usize, f64, EdgeIndex)> + '_ {
        self.graph.edge_indices().flat_map(move |e| {
            let (s, t) = self.graph.edge_endpoints(e).expect("edge index is valid");
            let edge = &self.graph[e];
            let w = f64::from(edge.weight);
            let back = edge.symmetric.then_some((t.index(), s.index(), w, e));
            std::iter::once((s.index(), t.index(), w, e)).chain(back)
        })
    }

    /// Sorted, de-duplicated successor lists of the simple directed view (symmetric edges
    /// as arcs both ways, parallel arcs merged). O(m log m).
    pub(crate) fn successors(&self) -> Vec<Vec<usize>> {
        let mut adj = vec![Vec::new(); self.node_count()];
        for (u, v, _, _) in self.arcs() {
            adj[u].push(v);
        }
        for list in &mut adj {
            list.sort_unstable();
            list.dedup();
        }
        adj
    }

    /// Sorted, de-duplicated predecessor lists of the simple directed view. O(m log m).
    pub(crate) fn predecessors(&self) -> Vec<Vec<usize>> {
        let mut adj = vec![Vec::new(); self.node_count()];
        for (u, v, _, _) in self.arcs() {
            adj[v].push(u);
        }
        for list in &mut adj {
            list.sort_unstable();
            list.dedup();
        }
        adj
    }
}
