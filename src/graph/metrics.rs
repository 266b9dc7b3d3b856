//! All analyses in one pass: [`EntityGraph::analyze`].

use super::{
    Degrees, EntityGraph, PageRankOptions, betweenness_exact, betweenness_sampled, closeness,
    degrees, louvain, pagerank, weakly_connected_components,
};

/// Options of [`EntityGraph::analyze`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnalyzeOptions {
    /// PageRank parameters.
    pub pagerank: PageRankOptions,
    /// Betweenness is exact up to this many nodes, sampled above.
    pub exact_betweenness_max_nodes: usize,
    /// Number of pivot sources when betweenness is sampled.
    pub betweenness_samples: usize,
    /// Seed of the Louvain visiting order and of the betweenness pivots.
    pub seed: u64,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions {
            pagerank: PageRankOptions::default(),
            exact_betweenness_max_nodes: 5_000,
            betweenness_samples: 500,
            seed: 42,
        }
    }
}

/// Per-node metrics, every vector indexed by node index.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// In, out, total and weighted degree.
    pub degrees: Degrees,
    /// Weighted PageRank.
    pub pagerank: Vec<f64>,
    /// Normalised betweenness (exact or sampled, see `betweenness_exact`).
    pub betweenness: Vec<f64>,
    /// Whether `betweenness` is exact.
    pub betweenness_exact: bool,
    /// Closeness on incoming distances with Wasserman–Faust scaling.
    pub closeness: Vec<f64>,
    /// Index of the node's weakly connected component (0 = largest).
    pub component: Vec<usize>,
    /// Louvain community of the node.
    pub community: Vec<usize>,
    /// Modularity of `community` on the undirected weighted projection.
    pub modularity: f64,
}

impl EntityGraph {
    /// Computes every metric. Betweenness is exact when the graph has at most
    /// `opts.exact_betweenness_max_nodes` nodes, else sampled from
    /// `opts.betweenness_samples` pivots. Dominated by betweenness and closeness: O(n·m).
    pub fn analyze(&self, opts: &AnalyzeOptions) -> Metrics {
        let n = self.node_count();
        let betweenness_exact_run = n <= opts.exact_betweenness_max_nodes;
        let betweenness = if betweenness_exact_run {
            betweenness_exact(self)
        } else {
            betweenness_sampled(self, opts.betweenness_samples, opts.seed)
        };
        let mut component = vec![0; n];
        for (c, members) in weakly_connected_components(self).iter().enumerate() {
            for &v in members {
                component[v] = c;
            }
        }
        let partition = louvain(self, opts.seed);
        Metrics {
            degrees: degrees(self),
            pagerank: pagerank(self, &opts.pagerank),
            betweenness,
            betweenness_exact: betweenness_exact_run,
            closeness: closeness(self),
            component,
            community: partition.community,
            modularity: partition.modularity,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::test_util::graph_of;

    #[test]
    fn analyze_switches_to_sampling_above_threshold() {
        let g = graph_of(&[
            ("a", "b", false, 1),
            ("b", "c", false, 1),
            ("c", "d", false, 1),
            ("x", "y", true, 1),
        ]);
        let exact = g.analyze(&AnalyzeOptions::default());
        assert!(exact.betweenness_exact);
        assert_eq!(exact.component, [0, 0, 0, 0, 1, 1]);
        assert_eq!(exact.degrees.total, [1, 2, 2, 1, 2, 2]);
        let sampled = g.analyze(&AnalyzeOptions {
            exact_betweenness_max_nodes: 3,
            betweenness_samples: 3,
            ..Default::default()
        });
        assert!(!sampled.betweenness_exact);
        assert_eq!(sampled.pagerank, exact.pagerank);
        assert_eq!(g.analyze(&AnalyzeOptions::default()), exact);
    }
}
