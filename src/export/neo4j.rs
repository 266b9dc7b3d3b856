//! CSV files for Neo4j's offline bulk importer.

use std::fs::File;
use std::path::Path;

use super::{ExportError, csv_edge_columns};
use crate::graph::{EntityGraph, Metrics};

/// Writes `nodes.csv` (`iri:ID,label_ar,label_en,pagerank:double,betweenness:double,
/// closeness:double,community:int,degree:int,:LABEL`, label = entity kind) and
/// `relationships.csv` (`:START_ID,:END_ID,:TYPE,weight:int,modality,first_date,last_date,
/// docs`, type = predicate in UPPER_SNAKE case, e.g. `phoneCallWith` → `PHONE_CALL_WITH`)
/// into `dir`, which must exist. Modalities and docs are ";"-joined strings. A symmetric edge
/// is a single relationship from the smaller IRI; query it without direction
/// (`(a)-[:MEETS_WITH]-(b)`).
///
/// Import into an empty database (Neo4j 5, database stopped) with:
///
/// ```text
/// neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv --overwrite-destination=true neo4j
/// ```
///
/// O(n + m).
pub fn write_neo4j_csv(g: &EntityGraph, metrics: &Metrics, dir: &Path) -> Result<(), ExportError> {
    let mut nodes = csv::Writer::from_writer(File::create(dir.join("nodes.csv"))?);
    nodes.write_record([
        "iri:ID",
        "label_ar",
        "label_en",
        "pagerank:double",
        "betweenness:double",
        "closeness:double",
        "community:int",
        "degree:int",
        ":LABEL",
    ])?;
    for (i, node) in g.graph.node_weights().enumerate() {
        nodes.write_record([
            node.iri.as_str(),
            &node.label_ar,
            node.label_en.as_deref().unwrap_or(""),
            &metrics.pagerank[i].to_string(),
            &metrics.betweenness[i].to_string(),
            &metrics.closeness[i].to_string(),
            &metrics.community[i].to_string(),
            &metrics.degrees.total[i].to_string(),
            &node.kind,
        ])?;
    }
    nodes.flush()?;

    let mut rels = csv::Writer::from_writer(File::create(dir.join("relationships.csv"))?);
    rels.write_record([
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "weight:int",
        "modality",
        "first_date",
        "last_date",
        "docs",
    ])?;
    for e in g.graph.edge_indices() {
        let edge = &g.graph[e];
        let ((s, t), [modality, first, last, docs]) = csv_edge_columns(g, e);
        rels.write_record([
            s,
            t,
            &upper_snake(&edge.predicate),
            &edge.weight.to_string(),
            &modality,
            &first,
            &last,
            &docs,
        ])?;
    }
    rels.flush()?;
    Ok(())
}

/// `camelCase` → `CAMEL_CASE`; non-alphanumeric characters become `_`. O(len).
fn upper_snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        if c.is_alphanumeric() {
            out.extend(c.to_uppercase());
        } else {
            out.push('_');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_util::sample;

    #[test]
    fn relationship_types_are_upper_snake() {
        assert_eq!(upper_snake("visits"), "VISITS");
        assert_eq!(upper_snake("phoneCallWith"), "PHONE_CALL_WITH");
        assert_eq!(upper_snake("strategicAllyOf"), "STRATEGIC_ALLY_OF");
        assert_eq!(upper_snake("has-part"), "HAS_PART");
    }

    #[test]
    fn writes_headers_and_rows() {
        let (g, m) = sample();
        let dir = std::env::temp_dir().join(format!("graphwork-neo4j-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        write_neo4j_csv(&g, &m, &dir).unwrap();
        let nodes = std::fs::read_to_string(dir.join("nodes.csv")).unwrap();
        let rels = std::fs::read_to_string(dir.join("relationships.csv")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(nodes.starts_with("iri:ID,label_ar,label_en,pagerank:double,betweenness:double,closeness:double,community:int,degree:int,:LABEL\n"));
        assert!(nodes.contains(",Organization\n"));
        assert!(rels.contains("http://example.org/biden,http://example.org/sisi,MEETS_WITH,2,asserted,2024-02,2024-02,d1;d2"));
        assert_eq!(rels.lines().count(), 5);
    }
}
