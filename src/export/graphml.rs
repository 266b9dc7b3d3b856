//! GraphML with typed keys, written by hand.

use std::io::Write;

use super::xml::escape;
use super::{AttrType, EDGE_ATTRS, ExportError, NODE_ATTRS, arcs_of, edge_values, node_values};
use crate::graph::{EntityGraph, Metrics};

/// Writes `g` with `metrics` as GraphML (`edgedefault="directed"`), loadable by networkx
/// `read_graphml` and igraph `Graph.Read_GraphML`.
///
/// Node ids are IRIs; nodes carry `label` (Arabic) and the typed attributes `type`, `iri`,
/// `label_ar`, `label_en`, `pagerank`, `betweenness`, `closeness`, `community`, `component`,
/// `degree`; edges carry `label` (predicate), `weight` (int) and `predicate`, `modality`,
/// `docs`, `first_date`, `last_date`, `symmetric`. A symmetric edge N is written as two
/// edges `eNa`/`eNb`, one each way. Key ids are the attribute names prefixed by `n_`/`e_`.
/// O(n + m).
pub fn write_graphml(
    g: &EntityGraph,
    metrics: &Metrics,
    w: &mut dyn Write,
) -> Result<(), ExportError> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    let key = |w: &mut dyn Write, prefix: &str, target: &str, name: &str, ty: AttrType| {
        let ty = match ty {
            AttrType::Str => "string",
            AttrType::Double => "double",
            AttrType::Int => "int",
            AttrType::Bool => "boolean",
        };
        writeln!(
            w,
            r#"  <key id="{prefix}_{name}" for="{target}" attr.name="{name}" attr.type="{ty}"/>"#
        )
    };
    key(w, "n", "node", "label", AttrType::Str)?;
    for &(name, ty) in &NODE_ATTRS {
        key(w, "n", "node", name, ty)?;
    }
    key(w, "e", "edge", "label", AttrType::Str)?;
    key(w, "e", "edge", "weight", AttrType::Int)?;
    for &(name, ty) in &EDGE_ATTRS {
        key(w, "e", "edge", name, ty)?;
    }
    writeln!(w, r#"  <graph id="isnad" edgedefault="directed">"#)?;
    for (i, node) in g.graph.node_weights().enumerate() {
        writeln!(w, r#"    <node id="{}">"#, escape(&node.iri))?;
        writeln!(
            w,
            r#"      <data key="n_label">{}</data>"#,
            escape(&node.label_ar)
        )?;
        for ((name, _), value) in NODE_ATTRS.iter().zip(node_values(g, metrics, i)) {
            writeln!(
                w,
                r#"      <data key="n_{name}">{}</data>"#,
                escape(&value.to_string())
            )?;
        }
        writeln!(w, "    </node>")?;
    }
    for e in g.graph.edge_indices() {
        let edge = &g.graph[e];
        let values = edge_values(g, e);
        for (from, to, suffix) in arcs_of(g, e) {
            writeln!(
                w,
                r#"    <edge id="e{}{suffix}" source="{}" target="{}">"#,
                e.index(),
                escape(&g.graph[petgraph::graph::NodeIndex::new(from)].iri),
                escape(&g.graph[petgraph::graph::NodeIndex::new(to)].iri)
            )?;
            writeln!(
                w,
                r#"      <data key="e_label">{}</data>"#,
                escape(&edge.predicate)
            )?;
            writeln!(w, r#"      <data key="e_weight">{}</data>"#, edge.weight)?;
            for ((name, _), value) in EDGE_ATTRS.iter().zip(&values) {
                writeln!(
                    w,
                    r#"      <data key="e_{name}">{}</data>"#,
                    escape(&value.to_string())
                )?;
            }
            writeln!(w, "    </edge>")?;
        }
    }
    writeln!(w, "  </graph>\n</graphml>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_util::sample;

    #[test]
    fn typed_keys_and_escaped_arabic() {
        let (g, m) = sample();
        let mut out = Vec::new();
        write_graphml(&g, &m, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(
            r#"<key id="n_pagerank" for="node" attr.name="pagerank" attr.type="double"/>"#
        ));
        assert!(text.contains(
            r#"<key id="n_community" for="node" attr.name="community" attr.type="int"/>"#
        ));
        assert!(text.contains(
            r#"<data key="n_label_ar">الأمم المتحدة &lt;UN&gt; &amp; \ &apos;x&apos;</data>"#
        ));
        assert_eq!(text.matches("<edge ").count(), 5);
        assert_eq!(text.matches("<node ").count(), 4);
    }
}
