//! `isnad serve` on the seeds, queried over HTTP: the SPARQL 1.1 Protocol with every
//! `Accept` type (answers equal `isnad query`), the Graph Store read side, bad requests,
//! deadlines, updates with a token (filled by `isnad push`), the evidence browser, and
//! third-party clients (SPARQLWrapper, rdflib's SPARQLStore).

mod common;

use common::{Server, err, http, isnad, out, python_with, root, tool};
use std::process::Command;

const VISITS: &str = "SELECT ?who ?place ?m WHERE { ?f a isn:Fact ; rdf:subject ?who ; rdf:predicate isn:visits ; rdf:object ?place ; isn:modality ?m } ORDER BY ?who ?place ?m";

/// Each SELECT results media type with the `isnad query --results` name of the same format.
const RESULT_TYPES: [(&str, &str); 4] = [
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
];

fn get(url: &str, accept: &str) -> (u16, String, String) {
    let mut r = http()
        .get(url)
        .header("Accept", accept)
        .call()
        .expect("the server answers");
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (
        r.status().as_u16(),
        ct,
        r.body_mut().read_to_string().unwrap_or_default(),
    )
}

fn enc(s: &str) -> String {
    isnad::kg::model::percent_encode(s)
}

#[test]
fn every_accept_type_answers_what_isnad_query_prints() {
    let s = Server::start(&["seeds/", "-q"]);
    for (accept, results) in RESULT_TYPES {
        let (status, ct, body) = get(&s.url(&format!("/sparql?query={}", enc(VISITS))), accept);
        assert_eq!(status, 200, "{accept}: {body}");
        assert!(ct.starts_with(accept), "{accept} answered as {ct}");
        let local = isnad(
            &["query", VISITS, "seeds/", "-q", "--results", results],
            None,
        );
        assert_eq!(body, out(&local), "{accept} differs from isnad query");
    }
    // POST as application/sparql-query and as a form give the same rows.
    let (_, _, via_get) = get(
        &s.url(&format!("/sparql?query={}", enc(VISITS))),
        "text/csv",
    );
    let mut r = http()
        .post(s.url("/sparql"))
        .header("Accept", "text/csv")
        .header("Content-Type", "application/sparql-query")
        .send(VISITS)
        .unwrap();
    assert_eq!(r.body_mut().read_to_string().unwrap(), via_get);
    let mut r = http()
        .post(s.url("/sparql"))
        .header("Accept", "text/csv")
        .send_form([("query", VISITS)])
        .unwrap();
    assert_eq!(r.body_mut().read_to_string().unwrap(), via_get);
    assert!(via_get.lines().count() > 5, "{via_get}");
    // CONSTRUCT in two RDF formats.
    let construct = "CONSTRUCT { ?a isn:visits ?b } WHERE { ?a isn:visits ?b }";
    for (accept, format) in [("text/turtle", "ttl"), ("application/n-triples", "nt")] {
        let (status, ct, body) = get(&s.url(&format!("/sparql?query={}", enc(construct))), accept);
        assert_eq!(status, 200);
        assert!(ct.starts_with(accept), "{ct}");
        let local = isnad(
            &["query", construct, "seeds/", "-q", "--format", format],
            None,
        );
        assert_eq!(body, out(&local));
    }
}

#[test]
fn curl_with_each_accept_type_gets_what_isnad_query_prints() {
    let Some(curl) = tool("curl", "ISNAD_REQUIRE_SERVERS") else {
        return;
    };
    let s = Server::start(&["seeds/", "-q"]);
    for (accept, results) in RESULT_TYPES {
        let o = Command::new(&curl)
            .args([
                "-s",
                "--fail",
                "-H",
                &format!("Accept: {accept}"),
                "--data-urlencode",
            ])
            .arg(format!("query={VISITS}"))
            .arg(s.url("/sparql"))
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "curl {accept}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let local = isnad(
            &["query", VISITS, "seeds/", "-q", "--results", results],
            None,
        );
        assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            out(&local),
            "curl {accept}"
        );
    }
}

#[test]
fn bad_requests_get_clear_statuses_and_the_server_keeps_answering() {
    let s = Server::start(&[
        "seeds/",
        "-q",
        "--timeout",
        "1",
        "--max-query-bytes",
        "4096",
    ]);
    // Malformed: 400 with the parser's line:column.
    let (status, _, body) = get(
        &s.url("/sparql?query=SELECT%20%3Fx%20WHERE%20%7B%20%3Fx%20"),
        "*/*",
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("1:"), "no position in: {body}");
    // Unknown Accept: 406 naming what is offered.
    let (status, _, body) = get(&s.url("/sparql?query=ASK%7B%7D"), "application/x-unknown");
    assert_eq!(status, 406);
    assert!(body.contains("application/sparql-results+json"), "{body}");
    // A huge query: 413.
    let huge = format!("SELECT * WHERE {{ ?s ?p ?o }} # {}", "x".repeat(10_000));
    let r = http()
        .post(s.url("/sparql"))
        .header("Content-Type", "application/sparql-query")
        .send(huge.as_str())
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
    // A slow query: 503 at the deadline, then the next requests are answered.
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let (status, _, body) = get(&s.url(&format!("/sparql?query={}", enc(slow))), "*/*");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("did not finish"), "{body}");
    let (status, _, body) = get(&s.url("/health"), "*/*");
    assert_eq!(status, 200);
    assert!(body.contains("\"status\":\"ok\""), "{body}");
    let (status, _, _) = get(&s.url("/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D"), "*/*");
    assert_eq!(status, 200);
    // Graphs that do not exist: 404; a document that does not exist: 404.
    let (status, _, _) = get(
        &s.url("/store?graph=https%3A%2F%2Fw3id.org%2Fisnad%2Fdoc%2Fnope"),
        "*/*",
    );
    assert_eq!(status, 404);
    let (status, _, _) = get(&s.url("/doc/nope"), "text/html");
    assert_eq!(status, 404);
    // Read-only by default: updates are refused.
    let r = http()
        .post(s.url("/update"))
        .header("Content-Type", "application/sparql-update")
        .send("INSERT DATA { <http://a> <http://b> <http://c> }")
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    let r = http()
        .post(s.url("/sparql"))
        .header("Content-Type", "image/png")
        .send("x")
        .unwrap();
    assert_eq!(r.status().as_u16(), 415);
}

#[test]
fn graph_store_returns_a_document_graph() {
    let s = Server::start(&["seeds/", "-q"]);
    let nq = out(&isnad(&["build", "seeds/", "--format", "nq", "-q"], None));
    let g = "https://w3id.org/isnad/doc/000_bcb212b69995d8c7";
    let local = nq
        .lines()
        .filter(|l| l.ends_with(&format!("<{g}> .")))
        .count();
    let (status, ct, body) = get(
        &s.url(&format!("/store?graph={}", enc(g))),
        "application/n-triples",
    );
    assert_eq!(status, 200);
    assert!(ct.starts_with("application/n-triples"));
    assert_eq!(body.lines().count(), local);
    let (status, _, body) = get(
        &s.url(&format!("/store?graph={}", enc(g))),
        "application/n-quads",
    );
    assert_eq!(status, 200);
    assert!(body.lines().all(|l| l.ends_with(&format!("<{g}> ."))));
}

#[test]
fn push_fills_a_server_with_updates_allowed_and_pushing_twice_changes_nothing() {
    let token = "test-token-1234";
    let s = Server::start(&["--allow-updates", "--token", token, "-q"]);
    let store = s.url("/store");
    // A wrong token is refused, with a non-zero exit and nothing reported as written.
    let o = isnad(
        &[
            "push",
            "seeds/",
            "--graph-store",
            &store,
            "--token",
            "wrong-token",
            "-q",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("refused the credentials"), "{}", err(&o));
    let quads = || -> String {
        let (_, _, body) = get(&s.url("/health"), "*/*");
        body.split("\"quads\":")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(quads(), "0");
    let o = isnad(
        &["push", "seeds/", "--graph-store", &store, "--token", token],
        None,
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(err(&o).contains("pushed 2 graph(s)"), "{}", err(&o));
    let first = quads();
    // Again, in batches of 50 triples through SPARQL Update this time: same store.
    let o = isnad(
        &[
            "push",
            "seeds/",
            "--endpoint",
            &s.url("/update"),
            "--token",
            token,
            "--batch",
            "50",
            "-q",
        ],
        None,
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(quads(), first);
    let expected = out(&isnad(&["build", "seeds/", "--format", "nq", "-q"], None))
        .lines()
        .count();
    assert_eq!(first, expected.to_string());
    // The same document given twice is sent once.
    let o = isnad(
        &[
            "push",
            "seeds/",
            "seeds/",
            "--graph-store",
            &store,
            "--token",
            token,
        ],
        None,
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        err(&o).contains("2 duplicate document(s) skipped"),
        "{}",
        err(&o)
    );
}

#[test]
fn push_to_nothing_fails_clearly() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let o = isnad(
        &[
            "push",
            "seeds/",
            "--graph-store",
            &format!("http://127.0.0.1:{port}/store"),
            "--retries",
            "1",
            "-q",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("cannot reach"), "{}", err(&o));
    assert!(err(&o).contains("0 graph(s) written"), "{}", err(&o));
}

/// Every `<mark>` of a page with its `data-begin`/`data-end` and text.
fn marks(html: &str) -> Vec<(usize, usize, String)> {
    html.split("<mark data-begin=\"")
        .skip(1)
        .map(|m| {
            let (b, rest) = m.split_once("\" data-end=\"").unwrap();
            let (e, rest) = rest.split_once("\">").unwrap();
            let text = rest.split("</mark>").next().unwrap();
            (
                b.parse().unwrap(),
                e.parse().unwrap(),
                text.replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            )
        })
        .collect()
}

#[test]
fn the_entity_page_marks_the_span_each_fact_was_read_from() {
    let s = Server::start(&["seeds/", "-q"]);
    // The search goes straight to the one match.
    let r = http()
        .get(s.url("/search?q=%D8%A8%D9%8A%D9%84%D8%A7%D8%B1%D9%88%D8%B3"))
        .call()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let (status, ct, page) = get(&s.url("/entity/Belarus"), "text/html");
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/html"));
    assert!(page.contains("http://www.wikidata.org/entity/Q184"));
    let texts: Vec<String> = ["000_bcb212b69995d8c7", "001_df93a521755f7822"]
        .iter()
        .map(|id| std::fs::read_to_string(root().join(format!("seeds/{id}.txt"))).unwrap())
        .collect();
    let found = marks(&page);
    assert!(found.len() >= 3, "{found:?}");
    for (b, e, text) in &found {
        // The marked words are exactly the characters b..e of one of the seed texts.
        assert!(
            texts
                .iter()
                .any(|t| t.chars().skip(*b).take(e - b).collect::<String>() == *text),
            "mark {b}..{e} `{text}` is not that span of a seed"
        );
    }
    assert!(found.iter().any(|(_, _, t)| t.contains("بيلاروس")));
    // The document page marks the same spans in the whole text.
    let (status, _, doc) = get(&s.url("/doc/000_bcb212b69995d8c7"), "text/html");
    assert_eq!(status, 200);
    assert!(doc.contains("dir=\"rtl\""));
    assert!(doc.contains("id=\"fact-0\""));
    // The example queries are offered and run.
    let (status, _, q) = get(&s.url("/?example=01-visited-russia"), "text/html");
    assert_eq!(status, 200);
    assert!(q.contains("<table class=\"results\">"), "{q}");
    assert!(q.contains("/entity/Li_Shangfu"));
}

#[test]
fn third_party_clients_get_the_rows_isnad_query_gets() {
    let Some(py) = python_with(&["SPARQLWrapper", "rdflib"]) else {
        return;
    };
    let s = Server::start(&["seeds/", "-q"]);
    let o = Command::new(py)
        .arg(root().join("tests/py/serve_clients.py"))
        .arg(s.url("/sparql"))
        .arg(env!("CARGO_BIN_EXE_isnad"))
        .current_dir(root())
        .output()
        .unwrap();
    let so = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{so}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(so.contains("queries agree"), "{so}");
}
