//! Projection of fact records onto an [`EntityGraph`].

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::graph::{DiGraph, NodeIndex};

use super::{Edge, EntityGraph, EntityNode, FactRecord, Filter};

impl Filter {
    /// Whether `record` passes the predicate, modality and date criteria. O(|filter|).
    fn keeps_record(&self, record: &FactRecord) -> bool {
        let listed =
            |list: &[String], value: &str| list.is_empty() || list.iter().any(|x| x == value);
        if !listed(&self.predicates, &record.predicate)
            || !listed(&self.modalities, &record.modality)
        {
            return false;
        }
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(date) = record.date.as_deref() else {
            return false;
        };
        let after_from = self
            .from
            .as_deref()
            .is_none_or(|from| prefix_cmp(from, date).is_le());
        let before_to = self
            .to
            .as_deref()
            .is_none_or(|to| prefix_cmp(date, to).is_le());
        after_from && before_to
    }

    /// Whether an entity of `kind` is kept.
    fn keeps_kind(&self, kind: &str) -> bool {
        self.kinds.is_empty() || self.kinds.iter().any(|k| k == kind)
    }
}

/// Compares two date strings on their common prefix ("2024" equals "2024-05-01").
fn prefix_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let len = a.len().min(b.len());
    a.as_bytes()[..len].cmp(&b.as_bytes()[..len])
}

/// Sort key of a date as the end of its period: missing parts sort after any digit, so
/// "2024-03" ends after "2024-03-31" would start, and after "2024-03-05".
fn end_key(date: &str) -> String {
    format!("{date:~<10}")
}

impl EntityGraph {
    /// Builds the graph of the facts kept by `filter`.
    ///
    /// Nodes are the entities (from `nodes`) that appear in a kept fact, sorted by IRI.
    /// Records whose subject or object is not in `nodes`, or whose subject equals their
    /// object, are ignored. Records are grouped by (subject, predicate, object) into one
    /// edge each, sorted by that key; for symmetric records the smaller IRI becomes the
    /// subject. O((n + r) log r) for r records.
    pub fn project(nodes: &[EntityNode], facts: &[FactRecord], filter: &Filter) -> EntityGraph {
        let by_iri: HashMap<&str, &EntityNode> =
            nodes.iter().map(|n| (n.iri.as_str(), n)).collect();
        let mut groups: BTreeMap<(&str, &str, &str), Edge> = BTreeMap::new();
        for record in facts {
            let (Some(s), Some(o)) = (
                by_iri.get(record.subject.as_str()),
                by_iri.get(record.object.as_str()),
            ) else {
                continue;
            };
            if s.iri == o.iri
                || !filter.keeps_record(record)
                || !filter.keeps_kind(&s.kind)
                || !filter.keeps_kind(&o.kind)
            {
                continue;
            }
            let (s, o) = if record.symmetric && o.iri < s.iri {
                (o, s)
            } else {
                (s, o)
            };
            let edge = groups
                .entry((s.iri.as_str(), record.predicate.as_str(), o.iri.as_str()))
                .or_insert_with(|| Edge {
                    predicate: record.predicate.clone(),
                    symmetric: record.symmetric,
                    weight: 0,
                    first_date: None,
                    last_date: None,
                    modalities: BTreeSet::new(),
                    docs: Vec::new(),
                    sentences: Vec::new(),
                });
            edge.symmetric |= record.symmetric;
            edge.weight += 1;
            if let Some(date) = &record.date {
                if edge.first_date.as_ref().is_none_or(|d| date < d) {
                    edge.first_date = Some(date.clone());
                }
                if edge
                    .last_date
                    .as_ref()
                    .is_none_or(|d| end_key(date) > end_key(d))
                {
                    edge.last_date = Some(date.clone());
                }
            }
            edge.modalities.insert(record.modality.clone());
            edge.docs.push(record.doc.clone());
            if !edge.sentences.contains(&record.sentence) {
                edge.sentences.push(record.sentence.clone());
            }
        }

        let used: BTreeSet<&str> = groups.keys().flat_map(|&(s, _, o)| [s, o]).collect();
        let mut graph = DiGraph::with_capacity(used.len(), groups.len());
        let index: HashMap<&str, NodeIndex> = used
            .iter()
            .map(|&iri| (iri, graph.add_node(by_iri[iri].clone())))
            .collect();
        for ((s, _, o), mut edge) in groups {
            edge.docs.sort_unstable();
            edge.docs.dedup();
            graph.add_edge(index[s], index[o], edge);
        }
        EntityGraph { graph }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(iri: &str, kind: &str) -> EntityNode {
        EntityNode {
            iri: iri.into(),
            kind: kind.into(),
            label_ar: format!("ع{iri}"),
            label_en: None,
        }
    }

    fn fact(
        s: &str,
        p: &str,
        o: &str,
        sym: bool,
        modality: &str,
        date: Option<&str>,
        doc: &str,
    ) -> FactRecord {
        FactRecord {
            subject: s.into(),
            predicate: p.into(),
            object: o.into(),
            symmetric: sym,
            modality: modality.into(),
            date: date.map(Into::into),
            doc: doc.into(),
            sentence: format!("{s} {p} {o}"),
        }
    }

    #[test]
    fn groups_records_and_normalises_symmetric_edges() {
        let nodes = [
            node("b", "Person"),
            node("a", "Person"),
            node("c", "Country"),
            node("z", "City"),
        ];
        let facts = [
            fact(
                "b",
                "meetsWith",
                "a",
                true,
                "asserted",
                Some("2024-03"),
                "d2",
            ),
            fact(
                "a",
                "meetsWith",
                "b",
                true,
                "reported",
                Some("2024-01-05"),
                "d1",
            ),
            fact("b", "visits", "c", false, "planned", None, "d3"),
            fact("b", "visits", "c", false, "asserted", Some("2023"), "d3"),
            fact("b", "visits", "b", false, "asserted", None, "d3"),
            fact("b", "visits", "unknown", false, "asserted", None, "d3"),
        ];
        let g = EntityGraph::project(&nodes, &facts, &Filter::default());
        let iris: Vec<_> = g.graph.node_weights().map(|n| n.iri.as_str()).collect();
        assert_eq!(iris, ["a", "b", "c"]);
        assert_eq!(g.edge_count(), 2);
        let meets = &g.graph[petgraph::graph::EdgeIndex::new(0)];
        assert_eq!(meets.weight, 2);
        assert_eq!(meets.first_date.as_deref(), Some("2024-01-05"));
        assert_eq!(meets.last_date.as_deref(), Some("2024-03"));
        assert_eq!(meets.docs, ["d1", "d2"]);
        assert_eq!(meets.modalities.len(), 2);
        let visits = &g.graph[petgraph::graph::EdgeIndex::new(1)];
        assert_eq!(
            (visits.weight, visits.docs.len(), visits.sentences.len()),
            (2, 1, 1)
        );
        assert_eq!(g.arcs().count(), 3);
        assert_eq!(g.node_index("c").unwrap().index(), 2);
        assert!(g.node_index("zz").is_err());
    }

    #[test]
    fn filter_by_predicate_modality_kind_and_date_prefix() {
        let nodes = [
            node("a", "Person"),
            node("b", "Person"),
            node("c", "Country"),
        ];
        let facts = [
            fact(
                "a",
                "visits",
                "c",
                false,
                "asserted",
                Some("2024-05-01"),
                "d1",
            ),
            fact(
                "a",
                "meetsWith",
                "b",
                true,
                "planned",
                Some("2023-12"),
                "d2",
            ),
            fact("b", "visits", "c", false, "asserted", None, "d3"),
        ];
        let count = |f: Filter| EntityGraph::project(&nodes, &facts, &f).edge_count();
        assert_eq!(
            count(Filter {
                predicates: vec!["visits".into()],
                ..Filter::default()
            }),
            2
        );
        assert_eq!(
            count(Filter {
                modalities: vec!["planned".into()],
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            count(Filter {
                kinds: vec!["Person".into()],
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            count(Filter {
                from: Some("2024".into()),
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            count(Filter {
                to: Some("2023-12-31".into()),
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            count(Filter {
                from: Some("2023-12".into()),
                to: Some("2024-05".into()),
                ..Filter::default()
            }),
            2
        );
    }
}
