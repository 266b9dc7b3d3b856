//! Inference as SPARQL Update: every `ontology/inference/*.ru`, in name order, run by
//! oxigraph on the store (e.g. symmetric properties materialised both ways inside each
//! document graph).

use anyhow::{Context, Result};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Quad, QuadRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The update files of an inference folder, sorted by name (none when it does not exist).
pub fn update_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ru"))
        .collect();
    files.sort();
    Ok(files)
}

/// Runs every update of `dir` on `store`; returns how many files ran. A syntax error names
/// the file, line and column.
pub fn run_dir(store: &Store, dir: &Path) -> Result<usize> {
    let files = update_files(dir)?;
    for f in &files {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        SparqlEvaluator::new()
            .parse_update(&text)
            .with_context(|| format!("{}: SPARQL Update syntax error", f.display()))?
            .on_store(store)
            .execute()
            .with_context(|| format!("running {}", f.display()))?;
    }
    Ok(files.len())
}

/// Whether oxigraph's store keeps a term exactly as given (it canonicalises typed literals:
/// `"3"^^xsd:nonNegativeInteger` comes back as `"3"^^xsd:integer`).
fn kept_exactly(q: &Quad) -> bool {
    match &q.object {
        Term::Literal(l) => l.language().is_some() || l.datatype() == xsd::STRING,
        _ => true,
    }
}

/// The quads the updates of `dir` add to `quads` (in no particular order).
///
/// The updates run on an in-memory oxigraph store holding every quad whose object is a
/// resource or a string (typed literals are left out: the store would canonicalise them),
/// and what they added is what the store holds beyond those quads. Updates that delete are
/// not reflected.
pub fn inferred(quads: &[Quad], dir: &Path) -> Result<Vec<Quad>> {
    if update_files(dir)?.is_empty() {
        return Ok(Vec::new());
    }
    let loaded: HashSet<QuadRef<'_>> = quads
        .iter()
        .filter(|q| kept_exactly(q))
        .map(Quad::as_ref)
        .collect();
    let mut before: HashMap<&str, usize> = HashMap::new();
    for q in &loaded {
        *before.entry(q.predicate.as_str()).or_default() += 1;
    }
    let store = super::memory_store(loaded.iter().map(|q| q.into_owned()))?;
    run_dir(&store, dir)?;
    // Only the predicates that gained quads are read back (reading the whole store back
    // costs more than loading it).
    let counts = SparqlEvaluator::new()
        .parse_query("SELECT ?p (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?p")?
        .on_store(&store)
        .execute()?;
    let mut grown = Vec::new();
    if let QueryResults::Solutions(rows) = counts {
        for row in rows {
            let row = row?;
            if let (Some(Term::NamedNode(p)), Some(Term::Literal(n))) = (row.get("p"), row.get("n"))
            {
                let n: usize = n.value().parse().unwrap_or(usize::MAX);
                if n > before.get(p.as_str()).copied().unwrap_or(0) {
                    grown.push(p.clone());
                }
            }
        }
    }
    let mut added = Vec::new();
    for p in &grown {
        for q in store.quads_for_pattern(None, Some(p.as_ref()), None, None) {
            let q = q?;
            if !loaded.contains(&q.as_ref()) {
                added.push(q);
            }
        }
    }
    Ok(added)
}
