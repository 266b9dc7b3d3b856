//! Degree counts on the directed multigraph view.

use super::EntityGraph;

/// Per-node degrees, indexed by node index.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Degrees {
    /// Incoming arcs (a symmetric edge gives each end one incoming arc).
    pub in_degree: Vec<usize>,
    /// Outgoing arcs (a symmetric edge gives each end one outgoing arc).
    pub out_degree: Vec<usize>,
    /// `in_degree + out_degree`, as networkx `G.degree()` on the exported multigraph.
    pub total: Vec<usize>,
    /// Sum of the weights of incoming and outgoing arcs, as `G.degree(weight="weight")`.
    pub weighted: Vec<f64>,
}

/// Degrees of every node, counting a symmetric edge as two arcs. O(n + m).
pub fn degrees(g: &EntityGraph) -> Degrees {
    let n = g.node_count();
    let mut d = Degrees {
        in_degree: vec![0; n],
        out_degree: vec![0; n],
        total: vec![0; n],
        weighted: vec![0.0; n],
    };
    for (u, v, w, _) in g.arcs() {
        d.out_degree[u] += 1;
        d.in_degree[v] += 1;
        d.weighted[u] += w;
        d.weighted[v] += w;
    }
    for i in 0..n {
        d.total[i] = d.in_degree[i] + d.out_degree[i];
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::test_util::graph_of;

    #[test]
    fn star_with_one_symmetric_edge() {
        // hub "a" -> b, c; a -- d symmetric with weight 2.
        let g = graph_of(&[
            ("a", "b", false, 1),
            ("a", "c", false, 1),
            ("a", "d", true, 2),
        ]);
        let d = degrees(&g);
        assert_eq!(d.out_degree, [3, 0, 0, 1]);
        assert_eq!(d.in_degree, [1, 1, 1, 1]);
        assert_eq!(d.total, [4, 1, 1, 2]);
        assert_eq!(d.weighted, [6.0, 1.0, 1.0, 4.0]);
    }
}
