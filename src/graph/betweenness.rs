//! Brandes betweenness centrality on the simple directed view, unweighted.

use super::EntityGraph;
use super::rng::SplitMix64;

/// Sources per parallel chunk: partial sums are added in chunk order, so the result is
/// the same for any number of threads.
const CHUNK: usize = 64;

/// Exact betweenness of every node, normalised as networkx
/// `betweenness_centrality(G, normalized=True)` on a DiGraph: divided by (n-1)(n-2).
///
/// Symmetric edges are arcs both ways; parallel arcs count once. O(n·m) time, sources
/// spread over all cores (rayon), O(n + m) memory per thread.
pub fn betweenness_exact(g: &EntityGraph) -> Vec<f64> {
    let n = g.node_count();
    let sources: Vec<usize> = (0..n).collect();
    let mut bc = accumulate_all(&Csr::of(g), &sources);
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
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(seed);
    // Partial Fisher–Yates: the first k entries are a uniform sample.
    for i in 0..k {
        let j = i + rng.below(n - i);
        order.swap(i, j);
    }
    let mut bc = accumulate_all(&Csr::of(g), &order[..k]);
    let mut is_pivot = vec![false; n];
    for &s in &order[..k] {
        is_pivot[s] = true;
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

/// The successor lists as one flat array (compressed sparse rows), u32 indices.
struct Csr {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Csr {
    fn of(g: &EntityGraph) -> Self {
        let succ = g.successors();
        let mut offsets = Vec::with_capacity(succ.len() + 1);
        let mut targets = Vec::with_capacity(succ.iter().map(Vec::len).sum());
        offsets.push(0);
        for list in &succ {
            targets.extend(list.iter().map(|&w| w as u32));
            offsets.push(targets.len() as u32);
        }
        Csr { offsets, targets }
    }

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn successors(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v] as usize..self.offsets[v + 1] as usize]
    }
}

/// The summed dependencies of every source in `sources`, chunk by chunk on all cores,
/// the chunks' partial sums added in order (deterministic).
fn accumulate_all(csr: &Csr, sources: &[usize]) -> Vec<f64> {
    use rayon::prelude::*;
    let n = csr.len();
    let partials: Vec<Vec<f64>> = sources
        .par_chunks(CHUNK)
        .map_init(
            || Work::new(n),
            |work, chunk| {
                let mut bc = vec![0.0; n];
                for &s in chunk {
                    work.accumulate(csr, s, &mut bc);
                }
                bc
            },
        )
        .collect();
    let mut bc = vec![0.0; n];
    for p in partials {
        bc.iter_mut().zip(p).for_each(|(b, x)| *b += x);
    }
    bc
}

/// Reusable buffers of one Brandes single-source pass.
struct Work {
    sigma: Vec<f64>,
    dist: Vec<i32>,
    delta: Vec<f64>,
    /// Nodes in BFS order; also the queue (`head` is its front).
    order: Vec<u32>,
}

impl Work {
    fn new(n: usize) -> Self {
        Work {
            sigma: vec![0.0; n],
            dist: vec![-1; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
        }
    }

    /// Adds the dependencies of source `s` to `bc`. O(m). Predecessors are not stored:
    /// walking the BFS order backwards, a node's dependency is summed over its successors
    /// one level further, which are already final.
    fn accumulate(&mut self, csr: &Csr, s: usize, bc: &mut [f64]) {
        for &v in &self.order {
            let v = v as usize;
            self.sigma[v] = 0.0;
            self.dist[v] = -1;
            self.delta[v] = 0.0;
        }
        self.order.clear();
        self.sigma[s] = 1.0;
        self.dist[s] = 0;
        self.order.push(s as u32);
        let mut head = 0;
        while head < self.order.len() {
            let v = self.order[head] as usize;
            head += 1;
            let (dv, sv) = (self.dist[v], self.sigma[v]);
            for &w in csr.successors(v) {
                let w = w as usize;
                if self.dist[w] < 0 {
                    self.dist[w] = dv + 1;
                    self.order.push(w as u32);
                }
                if self.dist[w] == dv + 1 {
                    self.sigma[w] += sv;
                }
            }
        }
        for &v in self.order.iter().rev() {
            let v = v as usize;
            let dv = self.dist[v];
            let mut d = 0.0;
            for &w in csr.successors(v) {
                let w = w as usize;
                if self.dist[w] == dv + 1 {
                    d += (1.0 + self.delta[w]) / self.sigma[w];
                }
            }
            self.delta[v] = self.sigma[v] * d;
            if v != s {
                bc[v] += self.delta[v];
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
