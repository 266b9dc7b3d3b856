//! The evidence browser in a real browser: headless Chromium (Debian's `chromium`) loads
//! pages from `isnad serve seeds/`, the rendered DOM must mark exactly the right words, and
//! screenshots of the Belarus entity page and of a query result are taken. Skipped when
//! Chromium is not installed, unless ISNAD_REQUIRE_BROWSER is set (as `.ci/run` does).

mod common;

use common::{Server, root, tool};
use std::path::Path;
use std::process::Command;

/// Runs headless Chromium on `url` with `args` (a fresh profile, no network but loopback).
fn chromium(chrome: &Path, profile: &Path, args: &[&str], url: &str) -> String {
    let o = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1200,1400",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        o.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn is_png(p: &Path) -> bool {
    std::fs::read(p).is_ok_and(|b| b.starts_with(b"\x89PNG") && b.len() > 20_000)
}

#[test]
fn chromium_renders_the_evidence_with_the_right_words_marked() {
    let Some(chrome) = tool("chromium", "ISNAD_REQUIRE_BROWSER") else {
        return;
    };
    let s = Server::start(&["seeds/", "-q"]);
    let tmp = tempfile::tempdir().unwrap();
    let profile = tmp.path().join("profile");

    // The DOM Chromium built: the first fact about Belarus marks characters 6..59 of the
    // first seed, and the highlighted text is exactly those characters.
    let dom = chromium(
        &chrome,
        &profile,
        &["--dump-dom"],
        &s.url("/entity/Belarus"),
    );
    let seed = std::fs::read_to_string(root().join("seeds/000_bcb212b69995d8c7.txt")).unwrap();
    let expected: String = seed.chars().skip(6).take(59 - 6).collect();
    let marked = dom
        .split("<mark data-begin=\"6\" data-end=\"59\">")
        .nth(1)
        .and_then(|r| r.split("</mark>").next())
        .expect("the span 6..59 is marked");
    assert_eq!(marked, expected);
    assert!(dom.contains("dir=\"rtl\""));
    assert!(dom.contains("Li Shangfu"));

    // Screenshots of the entity page and of a query result.
    let belarus = tmp.path().join("belarus.png");
    chromium(
        &chrome,
        &profile,
        &[&format!("--screenshot={}", belarus.display())],
        &s.url("/entity/Belarus"),
    );
    assert!(is_png(&belarus), "no screenshot of the entity page");
    let query = tmp.path().join("query.png");
    chromium(
        &chrome,
        &profile,
        &[&format!("--screenshot={}", query.display())],
        &s.url("/?example=01-visited-russia"),
    );
    assert!(is_png(&query), "no screenshot of the query result");

    // The query result rendered in the browser links each entity to its page.
    let dom = chromium(
        &chrome,
        &profile,
        &["--dump-dom"],
        &s.url("/?example=01-visited-russia"),
    );
    assert!(dom.contains("href=\"/entity/Li_Shangfu\""), "{dom}");
    assert!(dom.contains("href=\"/doc/000_bcb212b69995d8c7\""), "{dom}");
}
