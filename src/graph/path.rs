//! Shortest paths on the undirected view.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};

use super::{EntityGraph, GraphError};

/// One step of a path: walking from `from` to `to` over `edge`, whose stored direction may
/// be either way (see `EntityGraph::graph[edge]` for predicate and sentences).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hop {
    /// Node the hop leaves.
    pub from: NodeIndex,
    /// Node the hop reaches.
    pub to: NodeIndex,
    /// The edge walked; for parallel edges, the first in (subject, predicate, object) order.
    pub edge: EdgeIndex,
}

impl EntityGraph {
    /// A fewest-hops path between two IRIs by BFS over the undirected view (edge direction
    /// ignored). Ties are broken by node and edge order, so the answer is deterministic.
    /// An empty path is returned when both IRIs are the same node. O(n + m log m).
    pub fn shortest_path(&self, from: &str, to: &str) -> Result<Vec<Hop>, GraphError> {
        let start = self.node_index(from)?;
        let goal = self.node_index(to)?;
        let n = self.node_count();
        let mut via: Vec<Option<(NodeIndex, EdgeIndex)>> = vec![None; n];
        let mut seen = vec![false; n];
        seen[start.index()] = true;
        let mut queue = VecDeque::from([start]);
        while let Some(v) = queue.pop_front() {
            if v == goal {
                break;
            }
            let mut steps: Vec<(NodeIndex, EdgeIndex)> = Vec::new();
            for dir in [Direction::Outgoing, Direction::Incoming] {
                steps.extend(self.graph.edges_directed(v, dir).map(|e| {
                    use petgraph::visit::EdgeRef;
                    (
                        if dir == Direction::Outgoing {
                            e.target()
                        } else {
                            e.source()
                        },
                        e.id(),
                    )
                }));
            }
            steps.sort_unstable();
            for (w, e) in steps {
                if !seen[w.index()] {
                    seen[w.index()] = true;
                    via[w.index()] = Some((v, e));
                    queue.push_back(w);
                }
            }
        }
        if !seen[goal.index()] {
            return Err(GraphError::NoPath {
                from: from.to_owned(),
                to: to.to_owned(),
            });
        }
        let mut hops = Vec::new();
        let mut cur = goal;
        while let Some((prev, edge)) = via[cur.index()] {
            hops.push(Hop {
                from: prev,
                to: cur,
                edge,
            });
            cur = prev;
        }
        hops.reverse();
        Ok(hops)
    }
}

#[cfg(test)]
mod tests {
    use crate::graph::GraphError;
    use crate::graph::test_util::graph_of;

    #[test]
    fn path_ignores_direction_and_reports_edges() {
        let g = graph_of(&[
            ("a", "b", false, 1),
            ("c", "b", false, 1),
            ("c", "d", true, 1),
            ("x", "y", false, 1),
        ]);
        let hops = g.shortest_path("a", "d").unwrap();
        let names: Vec<_> = hops
            .iter()
            .map(|h| (g.graph[h.from].iri.as_str(), g.graph[h.to].iri.as_str()))
            .collect();
        assert_eq!(names, [("a", "b"), ("b", "c"), ("c", "d")]);
        assert_eq!(g.graph[hops[2].edge].predicate, "meetsWith");
        assert_eq!(g.graph[hops[1].edge].sentences, ["c b"]);
        assert!(g.shortest_path("a", "a").unwrap().is_empty());
        assert!(matches!(
            g.shortest_path("a", "x"),
            Err(GraphError::NoPath { .. })
        ));
        assert!(matches!(
            g.shortest_path("a", "nope"),
            Err(GraphError::NodeNotFound(_))
        ));
    }
}
