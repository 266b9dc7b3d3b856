//! Cross-checks the metrics and exports against networkx/igraph (tests/py/graph_crosscheck.py),
//! xmllint with the official GEXF 1.3 schema, and Graphviz, when those tools exist.
//!
//! The interpreter is $ISNAD_PYTHON (else python3) with networkx, scipy, numpy and
//! python-igraph; without them the check is skipped with a message, unless
//! $ISNAD_REQUIRE_PYTHON is set (as `.ci/run` does), when it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use isnad::export::{GexfMode, write_dot, write_gexf, write_graphml};
use isnad::graph::{AnalyzeOptions, EntityGraph, EntityNode, FactRecord, Filter, random_facts};

const XSD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/schemas/gexf-1.3/gexf.xsd"
);

fn arabic_sample() -> (Vec<EntityNode>, Vec<FactRecord>) {
    let ent = |id: &str, kind: &str, ar: &str, en: Option<&str>| EntityNode {
        iri: format!("http://example.org/isnad/{id}"),
        kind: kind.into(),
        label_ar: ar.into(),
        label_en: en.map(Into::into),
    };
    let nodes = vec![
        ent(
            "sisi",
            "Person",
            "عبد الفتاح السيسي",
            Some("Abdel Fattah el-Sisi"),
        ),
        ent("biden", "Person", "جو بايدن", Some("Joe Biden")),
        ent("egypt", "Country", "مصر", Some("Egypt")),
        ent("usa", "Country", "الولايات المتحدة", Some("United States")),
        ent("cairo", "City", "القاهرة", None),
        ent(
            "un",
            "Organization",
            "الأمم المتحدة \"<UN>\" & co",
            Some("UN"),
        ),
        ent("summit", "Event", "قمة شرم الشيخ", None),
        ent("abdullah", "Person", "الملك عبدالله الثاني", None),
        ent("jordan", "Country", "الأردن", Some("Jordan")),
        ent("gaza", "City", "غزة", Some("Gaza")),
        ent("isolated", "Person", "شخص", None),
    ];
    let rec =
        |s: &str, p: &str, o: &str, sym: bool, modality: &str, date: Option<&str>, doc: &str| {
            FactRecord {
                subject: format!("http://example.org/isnad/{s}"),
                predicate: p.into(),
                object: format!("http://example.org/isnad/{o}"),
                symmetric: sym,
                modality: modality.into(),
                date: date.map(Into::into),
                doc: doc.into(),
                sentence: format!("التقى {s} و {o}"),
            }
        };
    let facts = vec![
        rec(
            "sisi",
            "meetsWith",
            "biden",
            true,
            "asserted",
            Some("2024-02-10"),
            "d1",
        ),
        rec(
            "biden",
            "meetsWith",
            "sisi",
            true,
            "reported",
            Some("2024-02"),
            "d2",
        ),
        rec(
            "biden",
            "visits",
            "egypt",
            false,
            "planned",
            Some("2024"),
            "d2",
        ),
        rec("biden", "condemns", "egypt", false, "asserted", None, "d3"),
        rec("sisi", "locatedIn", "cairo", false, "asserted", None, "d3"),
        rec("cairo", "locatedIn", "egypt", false, "asserted", None, "d3"),
        rec(
            "usa",
            "strategicAllyOf",
            "egypt",
            true,
            "asserted",
            Some("2023-11"),
            "d4",
        ),
        rec(
            "sisi",
            "phoneCallWith",
            "abdullah",
            true,
            "asserted",
            Some("2024-03-01"),
            "d5",
        ),
        rec(
            "abdullah",
            "visits",
            "jordan",
            false,
            "asserted",
            Some("2024-03-02"),
            "d5",
        ),
        rec(
            "sisi",
            "supports",
            "un",
            false,
            "reported",
            Some("2024-01-31"),
            "d6",
        ),
        rec(
            "un",
            "condemns",
            "gaza",
            false,
            "asserted",
            Some("2024-01"),
            "d6",
        ),
        rec(
            "summit",
            "locatedIn",
            "egypt",
            false,
            "asserted",
            Some("2024-04-05"),
            "d7",
        ),
        rec(
            "jordan",
            "jointExerciseWith",
            "usa",
            true,
            "planned",
            Some("2024-06"),
            "d8",
        ),
        rec("gaza", "supports", "un", false, "asserted", None, "d9"),
    ];
    (nodes, facts)
}

fn tool_works(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Writes the exports of one fact set and runs every available checker on them.
fn check(name: &str, nodes: &[EntityNode], facts: &[FactRecord], python: Option<&str>) {
    let g = EntityGraph::project(nodes, facts, &Filter::default());
    let metrics = g.analyze(&AnalyzeOptions::default());
    assert!(metrics.betweenness_exact);
    let dir: PathBuf = std::env::temp_dir().join(format!(
        "graphwork-crosscheck-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |file: &str, f: &dyn Fn(&mut dyn std::io::Write)| {
        let path = dir.join(file);
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        f(&mut out);
        std::io::Write::flush(&mut out).unwrap();
        path
    };
    let stat = write("static.gexf", &|w| {
        write_gexf(&g, &metrics, GexfMode::Static, w).unwrap()
    });
    let dynamic = write("dynamic.gexf", &|w| {
        write_gexf(&g, &metrics, GexfMode::Dynamic, w).unwrap()
    });
    let graphml = write("graph.graphml", &|w| {
        write_graphml(&g, &metrics, w).unwrap()
    });
    let dot = write("graph.dot", &|w| write_dot(&g, &metrics, w).unwrap());

    if tool_works("xmllint", &["--version"]) && Path::new(XSD).exists() {
        for file in [&stat, &dynamic] {
            let out = Command::new("xmllint")
                .args(["--noout", "--schema", XSD])
                .arg(file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "xmllint rejects {}: {}",
                file.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        println!("{name}: xmllint accepts static and dynamic GEXF");
    } else {
        println!("{name}: SKIP xmllint check (xmllint or {XSD} missing)");
    }
    // dot's layout is far too slow for the 3000-node graph: render only small ones.
    if g.node_count() <= 100 && tool_works("dot", &["-V"]) {
        let out = Command::new("dot")
            .args(["-Tsvg", "-o"])
            .arg(dir.join("graph.svg"))
            .arg(&dot)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "dot fails: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        println!("{name}: dot -Tsvg renders the DOT export");
    }
    if let Some(python) = python {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/graph_crosscheck.py");
        let out = Command::new(python)
            .arg(script)
            .args([&stat, &dynamic, &graphml])
            .arg(metrics.modularity.to_string())
            .output()
            .unwrap();
        println!("{name}: {}", String::from_utf8_lossy(&out.stdout).trim());
        assert!(
            out.status.success(),
            "crosscheck.py failed for {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn crosscheck_against_networkx_igraph_xmllint() {
    let python = common::python_with(&["networkx", "igraph", "scipy", "numpy"]);
    let (nodes, facts) = arabic_sample();
    check("arabic", &nodes, &facts, python.as_deref());
    let (nodes, facts) = random_facts(3000, 12_000, 20240601);
    check("random", &nodes, &facts, python.as_deref());
}
