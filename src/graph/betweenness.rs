//! Brandes betweenness centrality on the simple directed view, unweighted.

use std::collections::VecDeque;

use super::EntityGraph;
use super::rng::SplitMix64;

/// Exact betweenness of every node, normalised as networkx
/// `betweenness_centrality(G, normalized=True)` on a DiGraph: divided by (n-1)(n-2).
///
/// Symmetric edges are arcs both ways; parallel arcs count once. O(n·m) time, O(n + m) memory.
pub fn betweenness_exact(g: &EntityGraph) -> Vec<f64> {
    let n = g.node_count();
    let succ = g.successors();
    let mut bc = vec![0.0; n];
    let mut work = Work::new(n);
    for s in 0..n {
        work.accumulate(&succ, s, &mut bc);
    }
    if n > 2 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        bc.iter_mut().for_each(|b| *b *= scale);
    }
    bc
}

/// Betweenness estimated from `k` pivot sources drawn without replacement by a generator
/// seeded with `seed`, scaled as networkx `betweenness_centrality(G, k=k, normalized=True)`:
/// pivots are divided by (k-1)(n-2), other nodes by k(n-2). With `k >= n` this is the
/// exact value. O(k·m).
pub fn betweenness_sampled(g: &EntityGraph, k: usize, seed: u64) -> Vec<f64> {
    let n = g.node_count();
    if k >= n {
        return betweenness_exact(g);
    }
    let succ = g.successors();
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(seed);
    // Partial Fisher–Yates: the first k entries are a uniform sample.
    for i in 0..k {
        let j = i + rng.below(n - i);
        order.swap(i, j);
    }
    let mut bc = vec![0.0; n];
    let mut is_pivot = vec![false; n];
    let mut work = Work::new(n);
    for &s in &order[..k] {
        is_pivot[s] = true;
        work.accumulate(&succ, s, &mut bc);
    }
    if n > 2 {
        let m = (n - 2) as f64;
        let (pivot_scale, other_scale) = (
            if k > 1 {
                1.0 / ((k - 1) as f64 * m)
            } else {
                f64::NAN
            },
            1.0 / (k as f64 * m),
        );
        for (b, pivot) in bc.iter_mut().zip(is_pivot) {
            *b *= if pivot { pivot_scale } else { other_scale };
        }
    }
    bc
}

/// Reusable buffers of one Brandes single-source pass.
struct Work {
    sigma: Vec<f64>,
    dist: Vec<i64>,
    delta: Vec<f64>,
    preds: Vec<Vec<usize>>,
    stack: Vec<usize>,
    queue: VecDeque<usize>,
}

impl Work {
    fn new(n: usize) -> Self {
        Work {
            sigma: vec![0.0; n],
            dist: vec![-1; n],
            delta: vec![0.0; n],
            preds: vec![Vec::new(); n],
            stack: Vec::with_capacity(n),
            queue: VecDeque::with_capacity(n),
        }
    }

    /// Adds the dependencies of source `s` to `bc`. O(m).
    fn accumulate(&mut self, succ: &[Vec<usize>], s: usize, bc: &mut [f64]) {
        for &v in &self.stack {
            self.sigma[v] = 0.0;
            self.dist[v] = -1;
            self.delta[v] = 0.0;
            self.preds[v].clear();
        }
        self.stack.clear();
        self.sigma[s] = 1.0;
        self.dist[s] = 0;
        self.queue.push_back(s);
        while let Some(v) = self.queue.pop_front() {
            self.stack.push(v);
            for &w in &succ[v] {
                if self.dist[w] < 0 {
                    self.dist[w] = self.dist[v] + 1;
                    self.queue.push_back(w);
                }
                if self.dist[w] == self.dist[v] + 1 {
                    self.sigma[w] += self.sigma[v];
                    self.preds[w].push(v);
                }
            }
        }
        for &w in self.stack.iter().rev() {
            let coeff = (1.0 + self.delta[w]) / self.sigma[w];
            for &v in &self.preds[w] {
                self.delta[v] += self.sigma[v] * coeff;
            }
            if w != s {
                bc[w] += self.delta[w];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::test_util::{assert_close, graph_of, two_triangles};

    #[test]
    fn undirected_path() {
        // a - b - c - d as symmetric edges: nx DiGraph normalised gives b = c = 4/6.
        let g = graph_of(&[
            ("a", "b", true, 1),
            ("b", "c", true, 1),
            ("c", "d", true, 1),
        ]);
        assert_close(
            &betweenness_exact(&g),
            &[0.0, 4.0 / 6.0, 4.0 / 6.0, 0.0],
            1e-12,
        );
    }

    #[test]
    fn directed_star_and_bridge() {
        // Directed star out of the hub: nobody lies between others.
        let star = graph_of(&[
            ("h", "a", false, 1),
            ("h", "b", false, 1),
            ("h", "c", false, 1),
        ]);
        assert_close(&betweenness_exact(&star), &[0.0; 4], 0.0);
        // Two symmetric triangles {a,b,c} and {d,e,f} joined by the bridge c - d.
        let g = two_triangles();
        // c lies on the 18 ordered pairs (a|b, d|e|f) and back: 18 / (5·4) = 0.6 (networkx).
        assert_close(
            &betweenness_exact(&g),
            &[0.0, 0.0, 0.6, 0.6, 0.0, 0.0],
            1e-12,
        );
    }

    #[test]
    fn sampling_all_sources_is_exact_and_seeded_sampling_is_reproducible() {
        let g = graph_of(&[
            ("a", "b", true, 1),
            ("b", "c", false, 1),
            ("c", "d", true, 1),
            ("d", "a", false, 1),
        ]);
        assert_eq!(betweenness_sampled(&g, 4, 1), betweenness_exact(&g));
        assert_eq!(betweenness_sampled(&g, 2, 9), betweenness_sampled(&g, 2, 9));
    }
}
