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

/// An `isnad serve` child process on a free loopback port, killed when dropped.
pub struct Server {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    /// Starts `isnad serve ARGS --bind 127.0.0.1:0` and waits for the address it prints.
    pub fn start(args: &[&str]) -> Server {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
            .arg("serve")
            .args(args)
            .args(["--bind", "127.0.0.1:0"])
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("isnad serve starts");
        let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
        let mut seen = String::new();
        let base = loop {
            let Some(Ok(line)) = lines.next() else {
                let _ = child.kill();
                panic!("isnad serve exited before listening:\n{seen}");
            };
            if let Some(rest) = line.split("serving on ").nth(1) {
                break rest.split('/').take(3).collect::<Vec<_>>().join("/");
            }
            seen.push_str(&line);
            seen.push('\n');
        };
        // Keep draining stderr so the server never blocks on it.
        std::thread::spawn(move || for _ in lines {});
        Server { child, base }
    }

    /// `base` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A program on PATH; `None` when missing and `$require_env` is not set (the caller skips).
pub fn tool(program: &str, require_env: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(program))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        if std::env::var_os(require_env).is_some() {
            panic!("{program} is not installed but {require_env} is set (run .ci/setup)");
        }
        eprintln!("skipping: {program} is not installed (run .ci/setup)");
    }
    found
}

/// An HTTP client that returns error statuses as responses.
pub fn http() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}
