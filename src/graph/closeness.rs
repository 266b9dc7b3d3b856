//! Closeness centrality with networkx's conventions for directed graphs.

use std::collections::VecDeque;

use super::EntityGraph;

/// Closeness of every node as networkx `closeness_centrality(G)` on the DiGraph:
/// distances are measured on INCOMING paths (from the others to the node), unweighted;
/// with r nodes reaching u at total distance d, closeness(u) = (r-1)/d · (r-1)/(n-1)
/// (Wasserman–Faust scaling), and 0 when nothing reaches u. O(n·m).
pub fn closeness(g: &EntityGraph) -> Vec<f64> {
    let n = g.node_count();
    let pred = g.predecessors();
    let mut dist = vec![usize::MAX; n];
    let mut seen = Vec::with_capacity(n);
    let mut queue = VecDeque::with_capacity(n);
    let mut result = vec![0.0; n];
    for (u, slot) in result.iter_mut().enumerate() {
        for &v in &seen {
            dist[v] = usize::MAX;
        }
        seen.clear();
        dist[u] = 0;
        seen.push(u);
        queue.push_back(u);
        let mut total = 0usize;
        while let Some(v) = queue.pop_front() {
            for &w in &pred[v] {
                if dist[w] == usize::MAX {
                    dist[w] = dist[v] + 1;
                    total += dist[w];
                    seen.push(w);
                    queue.push_back(w);
                }
            }
        }
        if total > 0 && n > 1 {
            let reached = (seen.len() - 1) as f64;
            *slot = reached / total as f64 * reached / (n - 1) as f64;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::test_util::{assert_close, graph_of, two_triangles};

    #[test]
    fn bridge_of_two_cliques() {
        let g = two_triangles();
        assert_close(
            &closeness(&g),
            &[0.5, 0.5, 5.0 / 7.0, 5.0 / 7.0, 0.5, 0.5],
            1e-12,
        );
    }

    #[test]
    fn directed_uses_incoming_distances() {
        // networkx on DiGraph a->b->c<-d: a 0, b 1/3, c 0.75, d 0.
        let g = graph_of(&[
            ("a", "b", false, 1),
            ("b", "c", false, 1),
            ("d", "c", false, 1),
        ]);
        assert_close(&closeness(&g), &[0.0, 1.0 / 3.0, 0.75, 0.0], 1e-12);
    }
}
