//! Louvain community detection and modularity on the undirected weighted projection.

use std::collections::BTreeMap;

use super::EntityGraph;
use super::rng::SplitMix64;

/// A partition of the nodes into communities.
#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    /// Community id of every node, indexed by node index; ids are numbered 0.. in order of
    /// their first node.
    pub community: Vec<usize>,
    /// Modularity of the partition on the undirected weighted projection.
    pub modularity: f64,
}

/// Smallest gain treated as an improvement, so rounding noise cannot make nodes oscillate.
const MIN_GAIN: f64 = 1e-10;

/// The undirected weighted projection as sorted `(u, v, w)` with `u < v`: the weights of all
/// edges between two nodes, in either direction and of any predicate, are summed (a symmetric
/// edge counts once). O(m log m).
pub(crate) fn undirected_weights(g: &EntityGraph) -> Vec<(usize, usize, f64)> {
    let mut sums: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for e in g.graph.edge_indices() {
        let (s, t) = g.graph.edge_endpoints(e).expect("edge index is valid");
        let key = (s.index().min(t.index()), s.index().max(t.index()));
        *sums.entry(key).or_insert(0.0) += f64::from(g.graph[e].weight);
    }
    sums.into_iter().map(|((u, v), w)| (u, v, w)).collect()
}

/// Modularity of `community` (indexed by node index) on the undirected weighted projection,
/// as networkx `community.modularity(G, partition, weight="weight")` with resolution 1.
/// Returns 0 for a graph without edges. O(n + m log m).
pub fn modularity(g: &EntityGraph, community: &[usize]) -> f64 {
    let edges = undirected_weights(g);
    let m: f64 = edges.iter().map(|e| e.2).sum();
    if m == 0.0 {
        return 0.0;
    }
    let groups = community.iter().max().map_or(0, |&c| c + 1);
    let mut internal = vec![0.0; groups];
    let mut degree = vec![0.0; groups];
    for &(u, v, w) in &edges {
        degree[community[u]] += w;
        degree[community[v]] += w;
        if community[u] == community[v] {
            internal[community[u]] += w;
        }
    }
    internal
        .iter()
        .zip(&degree)
        .map(|(l, d)| l / m - (d / (2.0 * m)).powi(2))
        .sum()
}

/// Louvain communities (Blondel et al. 2008) on the undirected weighted projection.
///
/// Each level visits the nodes in an order shuffled by a SplitMix64 generator seeded with
/// `seed`, moves each node to the neighbouring community of best modularity gain until no
/// move helps, then aggregates communities into nodes; it stops when a level moves nothing.
/// The same graph and seed always give the same partition. Roughly O(m log n) in practice.
pub fn louvain(g: &EntityGraph, seed: u64) -> Partition {
    let n = g.node_count();
    let mut rng = SplitMix64::new(seed);
    let mut assignment: Vec<usize> = (0..n).collect();
    let mut edges = undirected_weights(g);
    let mut loops = vec![0.0; n];
    let mut size = n;
    loop {
        let comm = one_level(size, &edges, &loops, &mut rng);
        let (renumbered, groups) = renumber(&comm);
        if groups == size {
            break;
        }
        for a in &mut assignment {
            *a = renumbered[*a];
        }
        let mut next_loops = vec![0.0; groups];
        for (i, &l) in loops.iter().enumerate() {
            next_loops[renumbered[i]] += l;
        }
        let mut sums: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for &(u, v, w) in &edges {
            let (cu, cv) = (renumbered[u], renumbered[v]);
            if cu == cv {
                next_loops[cu] += w;
            } else {
                *sums.entry((cu.min(cv), cu.max(cv))).or_insert(0.0) += w;
            }
        }
        edges = sums.into_iter().map(|((u, v), w)| (u, v, w)).collect();
        loops = next_loops;
        size = groups;
    }
    let (community, _) = renumber(&assignment);
    let modularity = modularity(g, &community);
    Partition {
        community,
        modularity,
    }
}

/// Renumbers labels 0.. in order of first appearance; returns the new labels and their count.
fn renumber(labels: &[usize]) -> (Vec<usize>, usize) {
    let mut map = vec![usize::MAX; labels.iter().max().map_or(0, |&m| m + 1)];
    let mut next = 0;
    let relabelled = labels
        .iter()
        .map(|&l| {
            if map[l] == usize::MAX {
                map[l] = next;
                next += 1;
            }
            map[l]
        })
        .collect();
    (relabelled, next)
}

/// Local-moving phase on a graph of `size` nodes with edges `u < v` and self-loop weights
/// `loops`; returns each node's community. O(passes · m).
fn one_level(
    size: usize,
    edges: &[(usize, usize, f64)],
    loops: &[f64],
    rng: &mut SplitMix64,
) -> Vec<usize> {
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); size];
    let mut k: Vec<f64> = loops.iter().map(|l| 2.0 * l).collect();
    for &(u, v, w) in edges {
        adj[u].push((v, w));
        adj[v].push((u, w));
        k[u] += w;
        k[v] += w;
    }
    let m2: f64 = k.iter().sum();
    let mut comm: Vec<usize> = (0..size).collect();
    if m2 == 0.0 {
        return comm;
    }
    let mut tot = k.clone();
    let mut order: Vec<usize> = (0..size).collect();
    rng.shuffle(&mut order);
    let mut link = vec![0.0; size];
    let mut touched: Vec<usize> = Vec::new();
    let mut moved = true;
    while moved {
        moved = false;
        for &i in &order {
            let current = comm[i];
            for &(j, w) in &adj[i] {
                let c = comm[j];
                if link[c] == 0.0 {
                    touched.push(c);
                }
                link[c] += w;
            }
            tot[current] -= k[i];
            let gain = |c: usize| link[c] - tot[c] * k[i] / m2;
            let mut best = current;
            let mut best_gain = gain(current);
            for &c in &touched {
                let g = gain(c);
                if g > best_gain + MIN_GAIN {
                    best = c;
                    best_gain = g;
                }
            }
            tot[best] += k[i];
            if best != current {
                comm[i] = best;
                moved = true;
            }
            for c in touched.drain(..) {
                link[c] = 0.0;
            }
        }
    }
    comm
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::test_util::{graph_of, two_triangles};

    #[test]
    fn bridge_splits_into_the_two_cliques() {
        let g = two_triangles();
        for seed in 0..10 {
            let p = louvain(&g, seed);
            assert_eq!(p.community, [0, 0, 0, 1, 1, 1], "seed {seed}");
            // networkx: modularity(G, [{a,b,c},{d,e,f}]) = 5/14
            assert!((p.modularity - 5.0 / 14.0).abs() < 1e-12);
        }
    }

    #[test]
    fn modularity_sums_both_directions() {
        // a->b (2) and b->a (1) make one undirected edge of weight 3, plus b - c (1).
        let g = graph_of(&[
            ("a", "b", false, 2),
            ("b", "a", false, 1),
            ("b", "c", true, 1),
        ]);
        assert_eq!(undirected_weights(&g), [(0, 1, 3.0), (1, 2, 1.0)]);
        // All in one community: 1 - (8/8)^2 = 0; singletons: -(9 + 16 + 1)/64.
        assert!(modularity(&g, &[0, 0, 0]).abs() < 1e-15);
        assert!((modularity(&g, &[0, 1, 2]) + 26.0 / 64.0).abs() < 1e-15);
    }

    #[test]
    fn same_seed_same_partition() {
        let (nodes, facts) = crate::graph::random_facts(300, 1200, 5);
        let g = EntityGraph::project(&nodes, &facts, &Default::default());
        let (a, b) = (louvain(&g, 3), louvain(&g, 3));
        assert_eq!(a, b);
        assert!(a.modularity > 0.0);
        assert!((modularity(&g, &a.community) - a.modularity).abs() < 1e-15);
    }
}
