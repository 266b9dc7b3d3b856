//! Embeds the example queries of `examples/queries/*.rq` into the binary, for the query
//! page of `isnad serve` (the server needs no files at run time).

use std::fmt::Write;
use std::path::Path;

fn main() {
    // The manifest folder of this build (read at run time: a build script compiled once
    // may be run for another checkout sharing the target folder).
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&root).join("examples/queries");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (the example queries are embedded)", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    for f in &files {
        let name = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            f.display().to_string()
        )
        .unwrap();
    }
    out.push(']');
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("example_queries.rs");
    std::fs::write(dest, out).unwrap();
}
