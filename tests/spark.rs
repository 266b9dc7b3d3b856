//! Runs examples/spark/isnad_spark.py in Spark local mode on a generated corpus and checks
//! that the union of its N-Quads part files is the same set of quads as one
//! `isnad build --format nq` of the same input.
//!
//! Needs $ISNAD_PYTHON (else python3) with `pyspark` and a JDK (`java` on PATH, $JAVA_HOME,
//! or one under /usr/lib/jvm); without pyspark the test is skipped with a message, unless
//! $ISNAD_REQUIRE_PYTHON is set (as `.ci/run` does), when it fails. One Spark job: the JVM
//! start-up alone is ~30 s.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// $JAVA_HOME, else nothing when `java` runs from PATH, else the first JDK under /usr/lib/jvm.
fn java_home() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("JAVA_HOME") {
        return Some(home.into());
    }
    if Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return None;
    }
    let mut jdks: Vec<PathBuf> = std::fs::read_dir("/usr/lib/jvm")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("bin/java").is_file())
        .collect();
    jdks.sort();
    jdks.pop()
}

fn lines(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn part_files(dir: &Path) -> Vec<PathBuf> {
    let mut parts: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    parts
}

#[test]
fn spark_job_writes_the_same_quads_as_one_build() {
    let Some(py) = common::python_with(&["pyspark"]) else {
        return;
    };
    let dir = common::tempdir();
    let corpus = dir.path().join("c.jsonl");
    let out_dir = dir.path().join("out");
    let corpus_s = corpus.to_str().unwrap();

    let g = common::isnad(
        &["generate", "--mb", "0.3", "--seed", "5", "--out", corpus_s],
        None,
    );
    assert!(g.status.success(), "generate: {}", common::err(&g));

    let ontology = common::path("ontology");
    let one = common::isnad(
        &[
            "build",
            corpus_s,
            "--format",
            "nq",
            "--quiet",
            "--ontology",
            ontology.to_str().unwrap(),
        ],
        None,
    );
    assert!(one.status.success(), "build: {}", common::err(&one));
    let expected = lines(&common::out(&one));
    assert!(expected.len() > 1000, "only {} quads", expected.len());

    let mut cmd = Command::new(&py);
    cmd.arg(common::path("examples/spark/isnad_spark.py"))
        .arg(&corpus)
        .arg(&out_dir)
        .arg("--isnad")
        .arg(env!("CARGO_BIN_EXE_isnad"))
        .arg("--ontology")
        .arg(&ontology)
        .args(["--partitions", "4"])
        .current_dir(dir.path())
        .env_remove("MASTER")
        .env("PYSPARK_PYTHON", &py)
        .env("PYTHONIOENCODING", "utf-8");
    if let Some(home) = java_home() {
        cmd.env("JAVA_HOME", home);
    }
    let started = std::time::Instant::now();
    let run = cmd.output().expect("the Spark job runs");
    assert!(
        run.status.success(),
        "spark job failed:\n{}\n{}",
        common::out(&run),
        common::err(&run)
    );
    eprintln!("spark job: {:.1} s", started.elapsed().as_secs_f64());

    assert!(out_dir.join("_SUCCESS").is_file(), "no _SUCCESS marker");
    let parts = part_files(&out_dir);
    assert_eq!(parts.len(), 4, "one part file per partition: {parts:?}");
    let mut got = BTreeSet::new();
    for p in &parts {
        let text = std::fs::read_to_string(p).expect("part files are UTF-8");
        got.extend(lines(&text));
    }

    let missing: Vec<_> = expected.difference(&got).take(5).collect();
    let extra: Vec<_> = got.difference(&expected).take(5).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "part files differ from one build ({} vs {} quads)\nmissing: {missing:#?}\nextra: {extra:#?}",
        got.len(),
        expected.len()
    );
    // The Arabic text came through Spark intact.
    assert!(
        got.iter()
            .any(|l| l.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))),
        "no Arabic in the output"
    );
}
