//! The knowledge graph end to end: `isnad build` in every format, provenance offsets, SHACL,
//! the example queries, `explain`, and the directory store (incremental, locked, killed).

mod common;
use common::*;
use isnad::kg::store::{Access, DirStore};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
const FORMATS: [&str; 6] = ["ttl", "trig", "nt", "nq", "rdfxml", "jsonld"];

fn build(args: &[&str]) -> Vec<u8> {
    let mut a = vec!["build", "-q"];
    a.extend_from_slice(args);
    let o = isnad(&a, None);
    assert!(o.status.success(), "isnad {a:?} failed: {}", err(&o));
    o.stdout
}

fn nquads(bytes: &[u8]) -> Vec<Quad> {
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(bytes)
        .collect::<Result<_, _>>()
        .expect("valid N-Quads")
}

fn lit(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

#[test]
fn build_is_byte_identical_across_runs() {
    for f in ["trig", "nq", "ttl", "jsonld"] {
        let a = build(&["seeds", "--format", f]);
        let b = build(&["seeds", "--format", f]);
        assert!(!a.is_empty());
        assert_eq!(a, b, "{f} differs between two runs");
    }
}

#[test]
fn nif_spans_point_at_the_original_text() {
    let quads = nquads(&build(&["seeds", "--format", "nq"]));
    let mut props: HashMap<String, HashMap<&str, &Term>> = HashMap::new();
    for q in &quads {
        if let Some(local) = q.predicate.as_str().strip_prefix(NIF) {
            props
                .entry(q.subject.to_string())
                .or_default()
                .insert(local, &q.object);
        }
    }
    let mut checked = 0;
    for (s, p) in &props {
        let (Some(b), Some(e), Some(anchor)) =
            (p.get("beginIndex"), p.get("endIndex"), p.get("anchorOf"))
        else {
            continue;
        };
        let ctx = p
            .get("referenceContext")
            .unwrap_or_else(|| panic!("{s} has no referenceContext"));
        let text: Vec<char> = lit(props[&ctx.to_string()]["isString"]).chars().collect();
        let (b, e): (usize, usize) = (lit(b).parse().unwrap(), lit(e).parse().unwrap());
        assert!(b < e && e <= text.len(), "{s}: [{b}, {e}) out of range");
        assert_eq!(text[b..e].iter().collect::<String>(), lit(anchor), "{s}");
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} spans");
    // The context text is the seed file itself.
    let original = std::fs::read_to_string(path("seeds/000_bcb212b69995d8c7.txt")).unwrap();
    assert!(quads.iter().any(|q| q.predicate.as_str() == format!("{NIF}isString") && lit(&q.object) == original));
}

#[test]
fn graph_has_records_symmetric_inference_and_no_text_option() {
    let quads = nquads(&build(&["seeds", "--format", "nq"]));
    let has = |s: &str, p: &str, o: &str| {
        quads.iter().any(|q| {
            q.subject.to_string().ends_with(&format!("/{s}>"))
                && q.predicate.as_str().ends_with(&format!("#{p}"))
                && q.object.to_string().ends_with(&format!("/{o}>"))
        })
    };
    assert!(has("Li_Shangfu", "visits", "Belarus"));
    assert!(has("China", "strategicAllyOf", "Russia"));
    assert!(
        has("Russia", "strategicAllyOf", "China"),
        "symmetric property not materialised"
    );
    let no_infer = nquads(&build(&["seeds", "--format", "nq", "--no-infer"]));
    assert!(no_infer.len() < quads.len());
    let no_text = nquads(&build(&["seeds", "--format", "nq", "--no-text"]));
    assert!(
        !no_text
            .iter()
            .any(|q| q.predicate.as_str().ends_with("#isString"))
    );
    assert!(
        no_text
            .iter()
            .any(|q| q.predicate.as_str().ends_with("#anchorOf"))
    );
    let records = quads
        .iter()
        .filter(|q| q.object.to_string() == "<https://w3id.org/isnad/ontology#Fact>")
        .count();
    assert!(records >= 30, "{records} fact records");
}

#[test]
fn every_format_parses_in_rdflib_and_pyoxigraph_with_equal_counts() {
    let Some(py) = python_with(&["rdflib", "pyoxigraph"]) else {
        return;
    };
    let quads = nquads(&build(&["seeds", "--format", "nq"]));
    let mut union: Vec<String> = quads
        .iter()
        .map(|q| format!("{} {} {}", q.subject, q.predicate, q.object))
        .collect();
    union.sort();
    union.dedup();
    let dir = tempdir();
    for f in FORMATS {
        let file = dir.path().join(format!("g.{f}"));
        build(&["seeds", "--format", f, "--out", file.to_str().unwrap()]);
        let o = Command::new(&py)
            .arg(path("tests/py/parse_count.py"))
            .arg(&file)
            .arg(f)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{f}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let counts: Vec<usize> = String::from_utf8_lossy(&o.stdout)
            .split_whitespace()
            .map(|n| n.parse().unwrap())
            .collect();
        let expected = if matches!(f, "trig" | "nq" | "jsonld") {
            quads.len()
        } else {
            union.len()
        };
        assert_eq!(counts[0], expected, "{f}: pyoxigraph count");
        assert_eq!(counts[1], expected, "{f}: rdflib count");
    }
}

#[test]
fn shacl_accepts_the_seeds_and_rejects_a_graph_without_offsets() {
    let Some(py) = python_with(&["rdflib", "pyshacl"]) else {
        return;
    };
    let dir = tempdir();
    let file = dir.path().join("seeds.nq");
    build(&["seeds", "--format", "nq", "--out", file.to_str().unwrap()]);
    let run = |extra: &[&str]| {
        Command::new(&py)
            .arg(path("tests/py/shacl_check.py"))
            .arg(&file)
            .arg(path("ontology/shapes.ttl"))
            .args(extra)
            .output()
            .unwrap()
    };
    let ok = run(&[]);
    assert!(
        ok.status.success(),
        "seeds do not conform: {}{}",
        String::from_utf8_lossy(&ok.stdout),
        String::from_utf8_lossy(&ok.stderr)
    );
    let broken = run(&["--break-offsets"]);
    assert!(
        !broken.status.success(),
        "a graph without NIF offsets was accepted"
    );
    assert!(String::from_utf8_lossy(&broken.stdout).starts_with("violations"));
}

/// Each example query with what its rows must contain.
#[test]
fn example_queries_answer() {
    let expect: &[(&str, &[&str])] = &[
        (
            "01-visited-russia.rq",
            &["Li_Shangfu", "Kim_Jong_Un", "planned", "2023-08-14"],
        ),
        (
            "02-strategic-alliances.rq",
            &["id/China", "id/Russia", "حليفتين استراتيجيتين"],
        ),
        (
            "03-officials-by-country.rq",
            &["Li_Shangfu", "وزير الدفاع", "Vladimir_Putin", "leaderOf"],
        ),
        (
            "04-facts-by-modality.rq",
            &["visits", "planned", "asserted"],
        ),
        ("05-two-hop-neighbourhood.rq", &["Belarus", "Russia"]),
        ("06-facts-from-one-document.rq", &["Wang_Yi", "Kim_Jong_Un"]),
        ("07-invitations.rq", &["Sergei_Shoigu"]),
        (
            "08-planned-visits-in-window.rq",
            &["Li_Shangfu", "Belarus", "2023-08-19"],
        ),
        (
            "09-meetings-and-calls.rq",
            &["Wang_Yi", "Sergei_Lavrov", "phoneCallWith"],
        ),
        (
            "10-construct-alliance-graph.rq",
            &["strategicAllyOf", "jointExerciseWith"],
        ),
    ];
    let mut files: Vec<_> = std::fs::read_dir(path("examples/queries"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert!(files.len() >= 8);
    for f in &files {
        let q = format!("examples/queries/{f}");
        assert!(
            std::fs::read_to_string(path(&q)).unwrap().starts_with('#'),
            "{f} needs a comment line on top"
        );
        let o = isnad(
            &["query", "-q", "--file", &q, "seeds", "--results", "csv"],
            None,
        );
        assert!(o.status.success(), "{f}: {}", err(&o));
        let text = out(&o);
        let wanted = expect
            .iter()
            .find(|(n, _)| n == f)
            .map(|(_, w)| *w)
            .unwrap_or(&[]);
        for w in wanted {
            assert!(text.contains(w), "{f}: no `{w}` in\n{text}");
        }
        assert!(text.lines().count() > 1, "{f}: no rows");
    }
}

#[test]
fn query_errors_are_clear() {
    let o = isnad(
        &[
            "query",
            "-q",
            "SELECT * WHERE {\n ?s ?p ?o . FILTER( }",
            "seeds",
        ],
        None,
    );
    assert!(!o.status.success());
    assert!(err(&o).contains("at 2:"), "{}", err(&o));
    let o = isnad(&["build", "seeds", "--format", "owl"], None);
    assert!(!o.status.success());
    assert!(err(&o).contains("unknown RDF format"), "{}", err(&o));
    let o = isnad(
        &[
            "query",
            "-q",
            "ASK { ?s isn:visits id:Belarus }",
            "seeds",
            "--results",
            "json",
        ],
        None,
    );
    assert!(out(&o).contains("true"), "{}", out(&o));
}

#[test]
fn explain_marks_the_span_in_the_sentence() {
    for name in [
        "Li Shangfu",
        "لي شانغفو",
        "id:Li_Shangfu",
        "https://w3id.org/isnad/id/Li_Shangfu",
    ] {
        let o = isnad(&["explain", "-q", name, "seeds"], None);
        assert!(o.status.success(), "{name}: {}", err(&o));
        let text = out(&o);
        assert!(
            text.contains("⟦") && text.contains("⟧") && text.contains("visits Belarus"),
            "{text}"
        );
        assert!(text.contains("[planned]") && text.contains("2023-08-14..2023-08-19"));
    }
    let o = isnad(&["explain", "-q", "Shangfoo", "seeds"], None);
    assert!(!o.status.success());
    assert!(
        err(&o).contains("closest labels: Li Shangfu"),
        "{}",
        err(&o)
    );
}

fn store_nq(dir: &Path) -> Vec<u8> {
    let o = isnad(
        &[
            "query",
            "-q",
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
            "--store",
            dir.to_str().unwrap(),
            "--format",
            "nt",
        ],
        None,
    );
    assert!(o.status.success(), "{}", err(&o));
    o.stdout
}

#[test]
fn store_is_incremental_and_rebuilding_replaces_a_graph() {
    let d = tempdir();
    let store = d.path().join("store");
    let s = store.to_str().unwrap();
    build(&["seeds/000_bcb212b69995d8c7.txt", "--store", s]);
    let one = store_nq(&store);
    build(&["seeds/001_df93a521755f7822.txt", "--store", s]);
    let two = store_nq(&store);
    assert!(two.len() > one.len());
    build(&["seeds/000_bcb212b69995d8c7.txt", "--store", s]);
    assert_eq!(
        store_nq(&store),
        two,
        "rebuilding a document changed the store"
    );
    // The store gives the same graph as building in memory (sorted, where the stream
    // keeps the model's order within each document).
    let sorted_lines = |nq: Vec<u8>| {
        let mut l: Vec<String> = String::from_utf8(nq)
            .expect("UTF-8")
            .lines()
            .map(str::to_string)
            .collect();
        l.sort();
        l
    };
    assert_eq!(
        sorted_lines(build(&[
            "--store",
            s,
            "seeds/001_df93a521755f7822.txt",
            "--format",
            "nq"
        ])),
        sorted_lines(build(&["seeds", "--format", "nq"]))
    );
    let ds = DirStore::open(&store, Access::Read).unwrap();
    assert_eq!(ds.len(), 2);
}

#[test]
fn a_locked_store_gives_a_clear_error_and_non_stores_are_refused() {
    let d = tempdir();
    let store = d.path().join("store");
    let held = DirStore::open(&store, Access::Write).unwrap();
    let o = isnad(
        &["build", "-q", "seeds", "--store", store.to_str().unwrap()],
        None,
    );
    assert!(!o.status.success());
    assert!(
        err(&o).contains("is in use by another isnad process"),
        "{}",
        err(&o)
    );
    drop(held);
    let o = isnad(&["build", "-q", "seeds", "--store", "seeds"], None);
    assert!(!o.status.success());
    assert!(err(&o).contains("not an isnad store"), "{}", err(&o));
    let o = isnad(
        &[
            "query",
            "-q",
            "ASK {}",
            "--store",
            d.path().join("missing").to_str().unwrap(),
        ],
        None,
    );
    assert!(!o.status.success());
    assert!(err(&o).contains("no store at"), "{}", err(&o));
}

#[test]
fn a_killed_load_leaves_a_store_that_opens_and_parses() {
    let d = tempdir();
    let corpus = d.path().join("big.jsonl");
    let mut lines = String::new();
    let texts: Vec<String> = ["000_bcb212b69995d8c7", "001_df93a521755f7822"]
        .iter()
        .map(|f| std::fs::read_to_string(path(&format!("seeds/{f}.txt"))).unwrap())
        .collect();
    for i in 0..3000 {
        let doc = serde_json::json!({"id": format!("doc-{i:05}"), "text": texts[i % 2], "date": "2023-08-14"});
        lines.push_str(&doc.to_string());
        lines.push('\n');
    }
    std::fs::write(&corpus, lines).unwrap();
    let store = d.path().join("store");
    build(&["seeds", "--store", store.to_str().unwrap()]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args([
            "build",
            "-q",
            corpus.to_str().unwrap(),
            "--store",
            store.to_str().unwrap(),
        ])
        .current_dir(root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    child.kill().unwrap();
    child.wait().unwrap();
    let ds = DirStore::open(&store, Access::Write).expect("the store opens after a kill");
    assert!(ds.len() >= 2, "the old graphs are still listed");
    for id in ds.ids().map(str::to_string).collect::<Vec<_>>() {
        let q = ds.document(&id).unwrap().expect("listed graph exists");
        assert!(!q.is_empty(), "{id}: empty graph");
    }
    drop(ds);
    let o = isnad(
        &[
            "query",
            "-q",
            "ASK { id:Li_Shangfu isn:visits id:Belarus }",
            "--store",
            store.to_str().unwrap(),
        ],
        None,
    );
    assert!(out(&o).contains("true"), "{}", err(&o));
}

#[test]
fn the_nquads_stream_is_the_stored_graph_with_each_quad_once() {
    // Generated news repeats sentences with several facts, triples and entities: the
    // stream must write each quad once, and the same quads as the (sorted) store.
    let d = tempdir();
    let corpus = d.path().join("c.jsonl");
    let corpus = corpus.to_str().unwrap();
    let g = isnad(
        &[
            "generate", "--mb", "0.3", "--seed", "3", "--out", corpus, "-q",
        ],
        None,
    );
    assert!(g.status.success(), "{}", err(&g));
    let lines = |nq: Vec<u8>| -> Vec<String> {
        String::from_utf8(nq)
            .expect("UTF-8")
            .lines()
            .map(str::to_string)
            .collect()
    };
    let streamed = lines(build(&[corpus, "--format", "nq"]));
    let mut distinct = streamed.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), streamed.len(), "a quad was written twice");
    assert!(streamed.len() > 10_000, "{} quads", streamed.len());
    // Inference ran on the stream: each meetsWith triple has its reverse in its graph.
    let meets: Vec<&String> = streamed
        .iter()
        .filter(|l| {
            l.starts_with("<https://w3id.org/isnad/id/")
                && l.contains(" <https://w3id.org/isnad/ontology#meetsWith> ")
        })
        .collect();
    assert!(!meets.is_empty());
    for l in meets {
        let t: Vec<&str> = l.split(' ').collect();
        let reverse = format!("{} {} {} {} .", t[2], t[1], t[0], t[3]);
        assert!(
            distinct.binary_search(&reverse).is_ok(),
            "{reverse} missing"
        );
    }
    let store = d.path().join("store");
    let mut stored = lines(build(&[
        corpus,
        "--store",
        store.to_str().unwrap(),
        "--format",
        "nq",
    ]));
    stored.sort();
    assert_eq!(distinct, stored);
}

#[test]
fn a_broken_graph_file_in_a_store_is_named_with_its_line() {
    let d = tempdir();
    let store = d.path().join("store");
    let s = store.to_str().unwrap();
    build(&["seeds", "--store", s]);
    let file = std::fs::read_dir(store.join("graphs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .next()
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[2] = "<http://e/s> <http://e/p> \"unterminated <http://e/g> .";
    std::fs::write(&file, lines.join("\n")).unwrap();
    let o = isnad(&["query", "--store", s, "ASK { ?s ?p ?o }"], None);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let name = file.file_name().unwrap().to_str().unwrap();
    assert!(
        err(&o).contains(&format!("{name}:3: broken N-Quads")),
        "{}",
        err(&o)
    );
    assert!(
        err(&o).contains("isnad build INPUT --store DIR"),
        "{}",
        err(&o)
    );
}
