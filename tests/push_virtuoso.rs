//! `isnad push` into a real Virtuoso (Debian's virtuoso-opensource) started on loopback
//! with a throwaway database: pushed twice (Graph Store with digest auth, then SPARQL
//! Update in small batches), the store's graphs must equal `isnad build --format nq`,
//! with nothing duplicated. Skipped when Virtuoso is not installed, unless
//! ISNAD_REQUIRE_SERVERS is set (as `.ci/run` does after installing it).

mod common;

use common::{err, isnad, python_with, root, tool};
use std::process::Command;

/// A Virtuoso server, stopped when dropped.
struct Virtuoso {
    pid: String,
    http: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(&self.pid).status();
        // Wait for it to exit so the next run's ports and files are free.
        for _ in 0..100 {
            if !std::path::Path::new(&format!("/proc/{}", self.pid)).exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start() -> Virtuoso {
    let dir = tempfile::tempdir().unwrap();
    let (sql, http) = (free_port(), free_port());
    let o = Command::new("bash")
        .arg(root().join("tests/virtuoso/start.sh"))
        .arg(dir.path())
        .arg(sql.to_string())
        .arg(http.to_string())
        .output()
        .unwrap();
    let pid = String::from_utf8_lossy(&o.stdout).trim().to_string();
    assert!(
        o.status.success() && !pid.is_empty(),
        "Virtuoso did not start: {}\n{}",
        String::from_utf8_lossy(&o.stderr),
        std::fs::read_to_string(dir.path().join("virtuoso.log")).unwrap_or_default()
    );
    Virtuoso {
        pid,
        http,
        _dir: dir,
    }
}

#[test]
fn pushing_twice_to_virtuoso_leaves_exactly_isnads_graphs() {
    if tool("virtuoso-t", "ISNAD_REQUIRE_SERVERS").is_none() {
        return;
    }
    let Some(py) = python_with(&["SPARQLWrapper", "rdflib"]) else {
        return;
    };
    let v = start();
    let base = format!("http://127.0.0.1:{}", v.http);
    let crud = format!("{base}/sparql-graph-crud-auth");
    // Wrong password: refused, non-zero exit, nothing reported as written.
    let o = isnad(
        &[
            "push",
            "seeds/",
            "--graph-store",
            &crud,
            "--auth",
            "dba:wrong",
            "-q",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("refused the credentials"), "{}", err(&o));
    // Graph Store Protocol with digest authentication.
    let o = isnad(
        &[
            "push",
            "seeds/",
            "--graph-store",
            &crud,
            "--auth",
            "dba:dba",
        ],
        None,
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(err(&o).contains("pushed 2 graph(s)"), "{}", err(&o));
    // Again, through SPARQL Update in batches of 100 triples: replaces, never appends.
    let o = isnad(
        &[
            "push",
            "seeds/",
            "--endpoint",
            &format!("{base}/sparql-auth"),
            "--auth",
            "dba:dba",
            "--batch",
            "100",
            "-q",
        ],
        None,
    );
    assert!(o.status.success(), "{}", err(&o));
    // And once more by Graph Store, in batches (PUT, then POSTs).
    let o = isnad(
        &[
            "push",
            "seeds/",
            "--graph-store",
            &crud,
            "--auth",
            "dba:dba",
            "--batch",
            "150",
            "-q",
        ],
        None,
    );
    assert!(o.status.success(), "{}", err(&o));

    let local = tempfile::NamedTempFile::new().unwrap();
    let o = isnad(
        &[
            "build",
            "seeds/",
            "--format",
            "nq",
            "-q",
            "--out",
            local.path().to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success());
    let check = Command::new(py)
        .arg(root().join("tests/py/virtuoso_check.py"))
        .arg(format!("{base}/sparql"))
        .arg(local.path())
        .output()
        .unwrap();
    let so = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "{so}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(so.contains("2 graphs equal"), "{so}");
}
