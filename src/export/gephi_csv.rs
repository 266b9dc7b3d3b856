//! Node and edge tables for Gephi's spreadsheet import.

use std::fs::File;
use std::path::Path;

use super::{ExportError, csv_edge_columns};
use crate::graph::{EntityGraph, Metrics};

/// Writes `nodes.csv` (`Id,Label,type,label_ar,label_en,iri,pagerank,betweenness,closeness,
/// community,degree`) and `edges.csv` (`Source,Target,Type,Label,Weight,modality,first_date,
/// last_date,docs`) into `dir`, which must exist. Ids are IRIs, Label is the Arabic label;
/// a symmetric edge is one row of Type `Undirected`, others are `Directed`; modalities and
/// docs are joined with ";". O(n + m).
pub fn write_gephi_csv(g: &EntityGraph, metrics: &Metrics, dir: &Path) -> Result<(), ExportError> {
    let mut nodes = csv::Writer::from_writer(File::create(dir.join("nodes.csv"))?);
    nodes.write_record([
        "Id",
        "Label",
        "type",
        "label_ar",
        "label_en",
        "iri",
        "pagerank",
        "betweenness",
        "closeness",
        "community",
        "degree",
    ])?;
    for (i, node) in g.graph.node_weights().enumerate() {
        nodes.write_record([
            node.iri.as_str(),
            &node.label_ar,
            &node.kind,
            &node.label_ar,
            node.label_en.as_deref().unwrap_or(""),
            &node.iri,
            &metrics.pagerank[i].to_string(),
            &metrics.betweenness[i].to_string(),
            &metrics.closeness[i].to_string(),
            &metrics.community[i].to_string(),
            &metrics.degrees.total[i].to_string(),
        ])?;
    }
    nodes.flush()?;

    let mut edges = csv::Writer::from_writer(File::create(dir.join("edges.csv"))?);
    edges.write_record([
        "Source",
        "Target",
        "Type",
        "Label",
        "Weight",
        "modality",
        "first_date",
        "last_date",
        "docs",
    ])?;
    for e in g.graph.edge_indices() {
        let edge = &g.graph[e];
        let ((s, t), [modality, first, last, docs]) = csv_edge_columns(g, e);
        edges.write_record([
            s,
            t,
            if edge.symmetric {
                "Undirected"
            } else {
                "Directed"
            },
            &edge.predicate,
            &edge.weight.to_string(),
            &modality,
            &first,
            &last,
            &docs,
        ])?;
    }
    edges.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_util::sample;

    #[test]
    fn writes_both_tables() {
        let (g, m) = sample();
        let dir = std::env::temp_dir().join(format!("graphwork-gephi-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        write_gephi_csv(&g, &m, &dir).unwrap();
        let nodes = std::fs::read_to_string(dir.join("nodes.csv")).unwrap();
        let edges = std::fs::read_to_string(dir.join("edges.csv")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(nodes.starts_with("Id,Label,type,label_ar,label_en,iri,pagerank,"));
        assert!(nodes.contains(r#""Joe ""Biden""""#));
        assert_eq!(nodes.lines().count(), 5);
        assert!(edges.contains("http://example.org/biden,http://example.org/sisi,Undirected,meetsWith,2,asserted,2024-02,2024-02,d1;d2"));
        assert!(edges.contains(
            "http://example.org/biden,http://example.org/egypt,Directed,condemns,1,asserted,,,d3"
        ));
    }
}
