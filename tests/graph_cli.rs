//! The graph commands end to end on the seeds: analyze, path, every export format,
//! checked by xmllint (official GEXF 1.3 schema), networkx, igraph and Graphviz.

mod common;
use common::*;
use serde_json::Value;
use std::process::Command;

fn ok(args: &[&str]) -> String {
    let o = isnad(args, None);
    assert!(o.status.success(), "isnad {args:?}: {}", err(&o));
    out(&o)
}

#[test]
fn analyze_reports_centralities_communities_and_components() {
    let text = ok(&["analyze", "seeds", "--top", "3", "-q"]);
    assert!(text.contains("top 3 by pagerank"), "{text}");
    assert!(text.contains("communities (Louvain"), "{text}");
    let r: Value = serde_json::from_str(&ok(&["analyze", "seeds", "--json", "-q"])).unwrap();
    assert!(r["nodes"].as_u64().unwrap() >= 10);
    let top = r["top"]["pagerank"][0]["iri"].as_str().unwrap();
    assert!(top.ends_with("/Russia") || top.ends_with("/China"), "{top}");
    assert!(r["modularity"].as_f64().unwrap() > 0.0);
    // Same input, same seed: same report.
    assert_eq!(
        ok(&["analyze", "seeds", "--json", "-q"]),
        ok(&["analyze", "seeds", "--json", "-q"])
    );
}

#[test]
fn path_prints_each_hop_with_its_sentence() {
    let text = ok(&["path", "Kim Jong Un", "Belarus", "seeds", "-q"]);
    assert!(text.contains("hop(s)") && text.contains("«"), "{text}");
    let o = isnad(&["path", "Nobody Atall", "Belarus", "seeds", "-q"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("no entity in the graph matches") && err(&o).contains("closest labels"),
        "{}",
        err(&o)
    );
}

#[test]
fn filters_and_empty_graphs_are_explained() {
    let o = isnad(
        &["analyze", "seeds", "--predicates", "sanctioned", "-q"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("the graph is empty"), "{}", err(&o));
    let only = ok(&["analyze", "seeds", "--predicates", "visits", "--json", "-q"]);
    let r: Value = serde_json::from_str(&only).unwrap();
    assert_eq!(
        r["predicates"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        vec!["visits"]
    );
}

#[test]
fn unwritable_output_is_a_clear_error() {
    let o = isnad(
        &[
            "export",
            "--to",
            "gexf",
            "--out",
            "/proc/nope/x.gexf",
            "seeds",
            "-q",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("cannot write /proc/nope/x.gexf"),
        "{}",
        err(&o)
    );
}

#[test]
fn every_export_opens_in_the_tools_it_is_for() {
    let dir = tempdir();
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    for (to, file) in [
        ("gexf", "s.gexf"),
        ("gexf-dynamic", "d.gexf"),
        ("graphml", "g.graphml"),
        ("dot", "g.dot"),
        ("cytoscape", "c.json"),
    ] {
        ok(&["export", "--to", to, "--out", &p(file), "seeds", "-q"]);
    }
    ok(&["export", "--to", "csv", "--out", &p("csv"), "seeds", "-q"]);
    ok(&[
        "export",
        "--to",
        "neo4j",
        "--out",
        &p("neo4j"),
        "seeds",
        "-q",
    ]);

    let nodes = std::fs::read_to_string(p("csv/nodes.csv")).unwrap();
    assert!(
        nodes.starts_with("Id,Label,") && nodes.contains("روسيا"),
        "{nodes}"
    );
    assert!(
        std::fs::read_to_string(p("csv/edges.csv"))
            .unwrap()
            .starts_with("Source,Target,Type,Label,Weight")
    );
    let neo = std::fs::read_to_string(p("neo4j/nodes.csv")).unwrap();
    assert!(
        neo.starts_with("iri:ID,") && neo.contains("pagerank:double") && neo.contains(":LABEL"),
        "{neo}"
    );
    assert!(
        std::fs::read_to_string(p("neo4j/relationships.csv"))
            .unwrap()
            .starts_with(":START_ID,:END_ID,:TYPE")
    );
    let cy: Value = serde_json::from_str(&std::fs::read_to_string(p("c.json")).unwrap()).unwrap();
    assert!(!cy["elements"]["nodes"].as_array().unwrap().is_empty());

    let xsd = path("tests/schemas/gexf-1.3/gexf.xsd");
    match Command::new("xmllint")
        .args([
            "--noout",
            "--schema",
            xsd.to_str().unwrap(),
            &p("s.gexf"),
            &p("d.gexf"),
        ])
        .output()
    {
        Ok(o) => assert!(
            o.status.success(),
            "xmllint: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(_) if std::env::var_os("ISNAD_REQUIRE_PYTHON").is_none() => {
            eprintln!("skipping: no xmllint")
        }
        Err(e) => panic!("xmllint is required: {e}"),
    }
    match Command::new("dot")
        .args(["-Tsvg", "-o", &p("g.svg"), &p("g.dot")])
        .output()
    {
        Ok(o) => assert!(
            o.status.success(),
            "dot: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(_) if std::env::var_os("ISNAD_REQUIRE_PYTHON").is_none() => {
            eprintln!("skipping: no graphviz")
        }
        Err(e) => panic!("graphviz is required: {e}"),
    }
    if let Some(py) = python_with(&["networkx", "igraph", "scipy", "numpy"]) {
        let r: Value = serde_json::from_str(&ok(&["analyze", "seeds", "--json", "-q"])).unwrap();
        let o = Command::new(py)
            .arg(path("tests/py/graph_crosscheck.py"))
            .args([
                p("s.gexf"),
                p("d.gexf"),
                p("g.graphml"),
                r["modularity"].to_string(),
            ])
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
}
