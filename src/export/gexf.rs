//! GEXF 1.3 for Gephi, written by hand.

use std::io::Write;

use super::xml::escape;
use super::{
    AttrType, EDGE_ATTRS, ExportError, NODE_ATTRS, arcs_of, community_color, edge_values,
    endpoints, node_values,
};
use crate::graph::{EntityGraph, Metrics};

/// Static graph, or dynamic graph with dated nodes and edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GexfMode {
    /// `mode="static"`: no time information.
    Static,
    /// `mode="dynamic" timeformat="date"`: an edge lives from its first to its last date
    /// (coarse dates expanded to their first/last day), a node from the earliest start to
    /// the latest end of its edges; undated edges and nodes have no bounds.
    Dynamic,
}

/// Writes `g` with `metrics` as GEXF 1.3.
///
/// The graph is directed (`defaultedgetype="directed"`); a symmetric edge N is written as two
/// arcs with ids `eNa` and `eNb`, a directed one as `eN`. Node ids are IRIs, node labels the
/// Arabic labels; every node carries typed attributes (`type`,
/// `iri`, `label_ar`, `label_en`, `pagerank`, `betweenness`, `closeness`, `community`,
/// `component`, `degree`), a colour by community and a size by PageRank; edges carry label =
/// predicate, weight = supporting records, and `predicate`, `modality`, `docs`,
/// `first_date`, `last_date`, `symmetric`.
///
/// The colour and size are `<color>`/`<size>` in the GEXF namespace: the official GEXF 1.3
/// XSD declares them there (it rejects `viz:color`), and Gephi matches them by local name.
/// O(n + m).
pub fn write_gexf(
    g: &EntityGraph,
    metrics: &Metrics,
    mode: GexfMode,
    w: &mut dyn Write,
) -> Result<(), ExportError> {
    let dynamic = mode == GexfMode::Dynamic;
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">"#
    )?;
    writeln!(
        w,
        "  <meta>\n    <creator>isnad</creator>\n    <description>Entity graph from Arabic news</description>\n  </meta>"
    )?;
    if dynamic {
        writeln!(
            w,
            r#"  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">"#
        )?;
    } else {
        writeln!(w, r#"  <graph defaultedgetype="directed" mode="static">"#)?;
    }
    write_attribute_decls(w, "node", &NODE_ATTRS)?;
    write_attribute_decls(w, "edge", &EDGE_ATTRS)?;

    let spans = if dynamic {
        edge_spans(g)
    } else {
        vec![None; g.edge_count()]
    };
    let mut node_spans: Vec<Option<(String, String)>> = vec![None; g.node_count()];
    for (e, span) in g.graph.edge_indices().zip(&spans) {
        let Some((start, end)) = span else { continue };
        let (s, t) = endpoints(g, e);
        for v in [s, t] {
            let slot = node_spans[v].get_or_insert_with(|| (start.clone(), end.clone()));
            if *start < slot.0 {
                slot.0.clone_from(start);
            }
            if *end > slot.1 {
                slot.1.clone_from(end);
            }
        }
    }

    let max_pr = metrics.pagerank.iter().copied().fold(0.0, f64::max);
    writeln!(w, r#"    <nodes count="{}">"#, g.node_count())?;
    for (i, node) in g.graph.node_weights().enumerate() {
        write!(
            w,
            r#"      <node id="{}" label="{}""#,
            escape(&node.iri),
            escape(&node.label_ar)
        )?;
        write_span(w, node_spans[i].as_ref())?;
        writeln!(w, ">")?;
        write_attvalues(w, &NODE_ATTRS, &node_values(g, metrics, i))?;
        let (r, gr, b) = community_color(metrics.community[i]);
        writeln!(w, r#"        <color r="{r}" g="{gr}" b="{b}"/>"#)?;
        let size = if max_pr > 0.0 {
            5.0 + 45.0 * metrics.pagerank[i] / max_pr
        } else {
            5.0
        };
        writeln!(w, r#"        <size value="{size:.3}"/>"#)?;
        writeln!(w, "      </node>")?;
    }
    writeln!(w, "    </nodes>")?;

    let arcs: usize = g
        .graph
        .edge_weights()
        .map(|e| if e.symmetric { 2 } else { 1 })
        .sum();
    writeln!(w, r#"    <edges count="{arcs}">"#)?;
    for (e, span) in g.graph.edge_indices().zip(&spans) {
        let edge = &g.graph[e];
        let values = edge_values(g, e);
        for (from, to, suffix) in arcs_of(g, e) {
            write!(
                w,
                r#"      <edge id="e{}{suffix}" source="{}" target="{}" label="{}" weight="{}""#,
                e.index(),
                escape(&g.graph[petgraph::graph::NodeIndex::new(from)].iri),
                escape(&g.graph[petgraph::graph::NodeIndex::new(to)].iri),
                escape(&edge.predicate),
                edge.weight
            )?;
            write_span(w, span.as_ref())?;
            writeln!(w, ">")?;
            write_attvalues(w, &EDGE_ATTRS, &values)?;
            writeln!(w, "      </edge>")?;
        }
    }
    writeln!(w, "    </edges>\n  </graph>\n</gexf>")?;
    Ok(())
}

fn write_attribute_decls(
    w: &mut dyn Write,
    class: &str,
    attrs: &[(&str, AttrType)],
) -> Result<(), ExportError> {
    writeln!(w, r#"    <attributes class="{class}" mode="static">"#)?;
    for (name, ty) in attrs {
        let ty = match ty {
            AttrType::Str => "string",
            AttrType::Double => "double",
            AttrType::Int => "integer",
            AttrType::Bool => "boolean",
        };
        writeln!(
            w,
            r#"      <attribute id="{name}" title="{name}" type="{ty}"/>"#
        )?;
    }
    writeln!(w, "    </attributes>")?;
    Ok(())
}

fn write_attvalues(
    w: &mut dyn Write,
    attrs: &[(&str, AttrType)],
    values: &[super::Value],
) -> Result<(), ExportError> {
    writeln!(w, "        <attvalues>")?;
    for ((name, _), value) in attrs.iter().zip(values) {
        writeln!(
            w,
            r#"          <attvalue for="{name}" value="{}"/>"#,
            escape(&value.to_string())
        )?;
    }
    writeln!(w, "        </attvalues>")?;
    Ok(())
}

fn write_span(w: &mut dyn Write, span: Option<&(String, String)>) -> Result<(), ExportError> {
    if let Some((start, end)) = span {
        write!(w, r#" start="{start}" end="{end}""#)?;
    }
    Ok(())
}

/// Full-date (start, end) of every edge, in edge order; `None` for undated edges or dates
/// that are not "YYYY", "YYYY-MM" or "YYYY-MM-DD".
fn edge_spans(g: &EntityGraph) -> Vec<Option<(String, String)>> {
    g.graph
        .edge_weights()
        .map(|e| {
            Some((
                expand(e.first_date.as_deref()?, false)?,
                expand(e.last_date.as_deref()?, true)?,
            ))
        })
        .collect()
}

/// Expands a partial date to its first (`end == false`) or last day as "YYYY-MM-DD". O(1).
fn expand(date: &str, end: bool) -> Option<String> {
    /// `None` if malformed, `Some(None)` if absent, else the number.
    fn field(part: Option<&str>, len: usize) -> Option<Option<u32>> {
        match part {
            None => Some(None),
            Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                Some(p.parse().ok())
            }
            Some(_) => None,
        }
    }
    let mut parts = date.split('-');
    let year = field(parts.next(), 4)??;
    let month = field(parts.next(), 2)?;
    let day = field(parts.next(), 2)?;
    if parts.next().is_some() {
        return None;
    }
    let last_day = |m: u32| match m {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let (m, d) = match (month, day) {
        (None, _) => (if end { 12 } else { 1 }, if end { 31 } else { 1 }),
        (Some(m), None) if (1..=12).contains(&m) => (m, if end { last_day(m) } else { 1 }),
        (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=last_day(m)).contains(&d) => (m, d),
        _ => return None,
    };
    Some(format!("{year:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_util::sample;

    #[test]
    fn expands_partial_dates() {
        assert_eq!(expand("2024", false).as_deref(), Some("2024-01-01"));
        assert_eq!(expand("2024", true).as_deref(), Some("2024-12-31"));
        assert_eq!(expand("2024-02", true).as_deref(), Some("2024-02-29"));
        assert_eq!(expand("1900-02", true).as_deref(), Some("1900-02-28"));
        assert_eq!(expand("2023-04-30", true).as_deref(), Some("2023-04-30"));
        for bad in [
            "2023-04-31",
            "2023-13",
            "24",
            "2023-1x",
            "2023-01-01-01",
            "",
        ] {
            assert_eq!(expand(bad, false), None, "{bad}");
        }
    }

    #[test]
    fn static_and_dynamic_documents() {
        let (g, m) = sample();
        let mut out = Vec::new();
        write_gexf(&g, &m, GexfMode::Static, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(r#"label="الأمم المتحدة &lt;UN&gt; &amp; \ &apos;x&apos;""#));
        assert!(text.contains(r#"<attvalue for="label_en" value="Joe &quot;Biden&quot;"/>"#));
        assert!(text.contains(r#"id="e1a" source="http://example.org/biden" target="http://example.org/sisi" label="meetsWith" weight="2""#));
        assert!(text.contains(
            r#"id="e1b" source="http://example.org/sisi" target="http://example.org/biden""#
        ));
        assert!(!text.contains("start="));
        assert_eq!(text.matches("<edge ").count(), 5);

        let mut out = Vec::new();
        write_gexf(&g, &m, GexfMode::Dynamic, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(r#"mode="dynamic" timeformat="date""#));
        assert!(
            text.contains(r#"label="meetsWith" weight="2" start="2024-02-01" end="2024-02-29""#)
        );
        assert!(text.contains(r#"label="visits" weight="1" start="2024-01-01" end="2024-12-31""#));
        assert!(text.contains(r#"<node id="http://example.org/biden" label="جو بايدن" start="2024-01-01" end="2024-12-31">"#));
    }
}
