//! Graphviz DOT.

use std::io::Write;

use super::{ExportError, community_color, endpoints};
use crate::graph::{EntityGraph, Metrics};

/// Writes `g` with `metrics` as a Graphviz `digraph` (render with `dot -Tsvg`).
///
/// Nodes are the quoted IRIs with the Arabic label, filled by community colour, and carry
/// `type`, `iri`, `label_ar`, `label_en`, `pagerank`, `betweenness`, `closeness`,
/// `community` and `degree` as extra attributes (Graphviz keeps unknown attributes). Edges are
/// labelled with the predicate, `weight` = supporting records; symmetric edges are written
/// once with `dir=none`. O(n + m).
pub fn write_dot(g: &EntityGraph, metrics: &Metrics, w: &mut dyn Write) -> Result<(), ExportError> {
    writeln!(w, "digraph isnad {{")?;
    writeln!(w, "  graph [charset=\"UTF-8\", overlap=false];")?;
    writeln!(
        w,
        "  node [shape=ellipse, style=filled, fontname=\"Noto Sans Arabic,DejaVu Sans,sans-serif\"];"
    )?;
    for (i, node) in g.graph.node_weights().enumerate() {
        let (r, gr, b) = community_color(metrics.community[i]);
        writeln!(
            w,
            "  {} [label={}, fillcolor=\"#{r:02x}{gr:02x}{b:02x}\", type={}, iri={}, label_ar={}, label_en={}, \
             pagerank={}, betweenness={}, closeness={}, community={}, degree={}];",
            quote(&node.iri),
            quote(&node.label_ar),
            quote(&node.kind),
            quote(&node.iri),
            quote(&node.label_ar),
            quote(node.label_en.as_deref().unwrap_or("")),
            quote(&metrics.pagerank[i].to_string()),
            quote(&metrics.betweenness[i].to_string()),
            quote(&metrics.closeness[i].to_string()),
            metrics.community[i],
            metrics.degrees.total[i],
        )?;
    }
    for e in g.graph.edge_indices() {
        let edge = &g.graph[e];
        let (s, t) = endpoints(g, e);
        writeln!(
            w,
            "  {} -> {} [label={}, weight={}{}];",
            quote(&g.graph[petgraph::graph::NodeIndex::new(s)].iri),
            quote(&g.graph[petgraph::graph::NodeIndex::new(t)].iri),
            quote(&edge.predicate),
            edge.weight,
            if edge.symmetric { ", dir=none" } else { "" },
        )?;
    }
    writeln!(w, "}}")?;
    Ok(())
}

/// A DOT double-quoted string: `"` and `\` are backslash-escaped (so `\` never starts a
/// Graphviz escape like `\N`), line breaks become `\n`, other control characters are dropped.
/// O(len).
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_util::sample;

    #[test]
    fn quotes_and_symmetric_edges() {
        assert_eq!(quote(r#"a "b" \N"#), r#""a \"b\" \\N""#);
        assert_eq!(quote("سطر\nثان\r"), "\"سطر\\nثان\"");
        let (g, m) = sample();
        let mut out = Vec::new();
        write_dot(&g, &m, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(r#"label="الأمم المتحدة <UN> & \\ 'x'""#));
        assert!(text.contains(r#""http://example.org/biden" -> "http://example.org/sisi" [label="meetsWith", weight=2, dir=none];"#));
        assert!(text.contains(r#"label_en="Joe \"Biden\"""#));
    }
}
