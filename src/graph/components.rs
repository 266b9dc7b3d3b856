//! Weakly connected components.

use super::EntityGraph;

/// Weakly connected components as lists of node indices (ascending, i.e. by IRI), sorted by
/// size descending, then by smallest IRI. O(n + m·α(n)) with union–find.
pub fn weakly_connected_components(g: &EntityGraph) -> Vec<Vec<usize>> {
    let n = g.node_count();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for e in g.graph.edge_indices() {
        let (s, t) = g.graph.edge_endpoints(e).expect("edge index is valid");
        let (a, b) = (find(&mut parent, s.index()), find(&mut parent, t.index()));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut by_root: Vec<Vec<usize>> = vec![Vec::new(); n];
    for v in 0..n {
        let root = find(&mut parent, v);
        by_root[root].push(v);
    }
    let mut comps: Vec<Vec<usize>> = by_root.into_iter().filter(|c| !c.is_empty()).collect();
    comps.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    comps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::test_util::graph_of;

    #[test]
    fn sorted_by_size_then_smallest_iri() {
        let g = graph_of(&[
            ("x", "y", false, 1),
            ("a", "b", false, 1),
            ("c", "b", true, 1),
            ("p", "q", false, 1),
        ]);
        // nodes: a b c p q x y
        assert_eq!(
            weakly_connected_components(&g),
            vec![vec![0, 1, 2], vec![3, 4], vec![5, 6]]
        );
    }
}
