//! Helpers shared by the integration tests: run the built `isnad` binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `isnad` with arguments from the project root, optionally feeding stdin.
pub fn isnad(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_isnad"));
    cmd.args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("isnad runs");
    if let Some(bytes) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

/// stdout as text.
pub fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// stderr as text.
pub fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A python3 with the named modules, from $ISNAD_PYTHON or `python3`; `None` when
/// they are missing and $ISNAD_REQUIRE_PYTHON is not set (then the caller skips).
pub fn python_with(modules: &[&str]) -> Option<String> {
    let py = std::env::var("ISNAD_PYTHON").unwrap_or_else(|_| "python3".into());
    let probe = format!("import {}", modules.join(", "));
    let ok = Command::new(&py)
        .args(["-c", &probe])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Some(py);
    }
    if std::env::var_os("ISNAD_REQUIRE_PYTHON").is_some() {
        panic!("{py} lacks {modules:?} but ISNAD_REQUIRE_PYTHON is set");
    }
    eprintln!("skipping: {py} lacks {modules:?} (set ISNAD_PYTHON to a venv that has them)");
    None
}

/// A temporary directory under target/ (kept small, removed by the caller's drop).
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Path relative to the root.
pub fn path(rel: &str) -> PathBuf {
    root().join(Path::new(rel))
}
