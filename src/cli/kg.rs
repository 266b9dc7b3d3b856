//! `isnad build`, `isnad query` and `isnad explain`: the knowledge graph from the command line.

use super::InputArgs;
use super::commands::load;
use super::run::{Stats, each_chunk_rendered, each_document};
use anyhow::{Context, Result, bail};
use isnad::kg::evidence::{self, Entity, Resolved};
use isnad::kg::format::{RdfOutput, write_quads};
use isnad::kg::infer::{self, Inference};
use isnad::kg::model::{ModelOptions, RunInfo, document_quads};
use isnad::kg::nquads::documents_nquads;
use isnad::kg::query::{self, ResultsFormat, short_iri};
use isnad::kg::store::{Access, DirStore};
use isnad::kg::{self as kgraph, memory_store};
use oxigraph::model::Quad;
use oxigraph::store::Store;
use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Where `--store` keeps its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Backend {
    /// One N-Quads file per document plus a manifest (no C++ needed; loaded in memory).
    Dir,
    /// oxigraph's RocksDB store (needs isnad built with `--features rocksdb`).
    Rocksdb,
}

/// Options of `isnad build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Keep a persistent store in DIR: each document's graph is added or replaced.
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Store backend.
    #[arg(long, value_enum, default_value = "dir")]
    pub backend: Backend,
    /// RDF format to write: ttl, trig, nt, nq, rdfxml, jsonld (default trig without --store;
    /// with --store nothing is written unless given). nq streams document by document in
    /// bounded memory; the others need the whole graph in memory first (Turtle prefixes,
    /// the union of graphs for ttl/nt/rdfxml, JSON-LD and TriG sorted as one document).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<RdfOutput>,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Do not run the inference updates (ontology/inference/*.ru).
    #[arg(long)]
    pub no_infer: bool,
    /// Leave the full text (nif:isString) out; spans keep their nif:anchorOf.
    #[arg(long)]
    pub no_text: bool,
    /// Also link each fact record to its RDF 1.2 triple term (needs the rdf-12 feature).
    #[arg(long)]
    pub annotations: bool,
}

/// Where `query` and `explain` read the graph from.
#[derive(Debug, clap::Args)]
pub struct GraphSource {
    /// A store written by `isnad build --store DIR`.
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Store backend.
    #[arg(long, value_enum, default_value = "dir")]
    pub backend: Backend,
    /// Publication date (YYYY-MM-DD) for input documents that have none.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Do not run the inference updates.
    #[arg(long)]
    pub no_infer: bool,
}

/// Options of `isnad query`.
#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// The SPARQL query (or, with --file, the first input).
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,
    /// Documents to build the graph from (instead of --store).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Read the query from a file.
    #[arg(long, value_name = "Q.rq")]
    pub file: Option<PathBuf>,
    /// SELECT/ASK results: table, csv, tsv, json, xml.
    #[arg(long, value_name = "FORMAT", default_value = "table")]
    pub results: ResultsFormat,
    /// CONSTRUCT/DESCRIBE results: ttl, trig, nt, nq, rdfxml, jsonld.
    #[arg(long, value_name = "FORMAT", default_value = "ttl")]
    pub format: RdfOutput,
    /// Print on stderr how long loading the graph and running the query took
    /// (for benches/kg_numbers.sh).
    #[arg(long, hide = true)]
    pub timings: bool,
    #[command(flatten)]
    pub source: GraphSource,
}

/// Options of `isnad explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The entity: IRI, id:LocalName, local name, Arabic or English label.
    #[arg(value_name = "ENTITY")]
    pub entity: String,
    /// Documents to build the graph from (instead of --store).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub source: GraphSource,
}

/// A library error as an I/O error for [`with_output`]: output errors (a closed pipe...)
/// stay what they were, anything else keeps its whole message.
fn as_io(e: kgraph::KgError) -> std::io::Error {
    match e.into_write_error() {
        Ok(io) => io,
        Err(e) => std::io::Error::other(format!("{:#}", anyhow::Error::from(e))),
    }
}

fn no_rocksdb() -> anyhow::Error {
    anyhow::anyhow!(
        "this isnad was built without the RocksDB backend: rebuild with `cargo build --release --features rocksdb` \
         (needs libclang-dev and about 25 minutes on 2 cores), or use the default --backend dir"
    )
}

/// The output buffer of [`with_output`]: it gathers the small writes of the serialisers,
/// while a larger one (a document graph of the N-Quads stream) goes out without a copy.
const OUTPUT_BUFFER: usize = 32 << 10;

/// Writes to `--out FILE` or standard output (a closed pipe is not an error).
fn with_output(
    out: Option<&Path>,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match out {
        Some(p) => {
            let file =
                std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?;
            let mut w = BufWriter::with_capacity(OUTPUT_BUFFER, file);
            f(&mut w)
                .and_then(|_| w.flush())
                .with_context(|| format!("writing {}", p.display()))
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::with_capacity(OUTPUT_BUFFER, stdout.lock());
            match f(&mut w).and_then(|_| w.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r.context("writing to standard output"),
            }
        }
    }
}

fn run_inference(store: &Store, ontology: &Path, quiet: bool) -> Result<()> {
    let t = Instant::now();
    let n = infer::run_dir(store, &ontology.join("inference"))?;
    if !quiet && n > 0 {
        eprintln!(
            "isnad: inference: {n} update file(s) in {:.2} s",
            t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// `isnad build`.
pub fn build(ontology: &Path, quiet: bool, input: &InputArgs, args: BuildArgs) -> Result<i32> {
    if args.annotations && !cfg!(feature = "rdf-12") {
        bail!("--annotations needs RDF 1.2 triple terms: rebuild isnad with `--features rdf-12`");
    }
    let ex = load(ontology)?;
    let run = RunInfo::new(&ex.rules().digest);
    let opts = ModelOptions {
        no_text: args.no_text,
        annotations: args.annotations,
    };
    let started = Instant::now();
    let (quads, failed) = match (&args.store, args.backend) {
        // N-Quads stream: each document's graph (with its inferences) is written as soon
        // as it is extracted, in input order, so memory does not grow with the input.
        (None, _) if args.format == Some(RdfOutput::Nq) => {
            let inference = if args.no_infer {
                None
            } else {
                Some(Inference::load(&ontology.join("inference"))?)
            };
            let mut failed = 0;
            let mut n = 0;
            // Each document graph is written as N-Quads on the worker threads; the main
            // thread only writes the bytes, in input order.
            let render = |docs: &[(&isnad::input::Document, &[isnad::extract::Fact])]| {
                let graphs = documents_nquads(docs, &run, &opts, inference.as_ref())?;
                Ok(graphs
                    .into_iter()
                    .map(|lines| (lines.len(), lines.into_bytes()))
                    .collect())
            };
            with_output(args.out.as_deref(), |w| {
                let stats =
                    each_chunk_rendered(&ex, input, quiet, &render, &mut |_,
                                                                          _,
                                                                          (len, bytes): (
                        usize,
                        Vec<u8>,
                    )| {
                        n += len;
                        w.write_all(&bytes)?;
                        Ok(())
                    })
                    .map_err(|e| std::io::Error::other(format!("{e:#}")))?;
                failed = stats.failed;
                Ok(())
            })?;
            if !quiet {
                eprintln!(
                    "isnad: {n} quads streamed as N-Quads, {:.2} s in all",
                    started.elapsed().as_secs_f64()
                );
            }
            return Ok(if failed > 0 { 1 } else { 0 });
        }
        (None, _) => {
            let mut all: Vec<Quad> = Vec::new();
            let Stats { failed, .. } = each_document(&ex, input, quiet, &mut |d, fs| {
                all.extend(document_quads(d, fs, &run, &opts));
                Ok(())
            })?;
            (all, failed)
        }
        (Some(dir), Backend::Dir) => {
            let mut ds = DirStore::open(dir, Access::Write)?;
            let mut last_flush = Instant::now();
            let Stats { docs, failed, .. } = each_document(&ex, input, quiet, &mut |d, fs| {
                let mut q = document_quads(d, fs, &run, &opts);
                ds.put_document(&d.id, &mut q)?;
                if last_flush.elapsed().as_millis() > 500 {
                    ds.flush()?;
                    last_flush = Instant::now();
                }
                Ok(())
            })?;
            ds.flush()?;
            if !quiet {
                eprintln!(
                    "isnad: store {}: {docs} document graphs written, {} in the store",
                    dir.display(),
                    ds.len()
                );
            }
            if args.format.is_none() {
                return Ok(if failed > 0 { 1 } else { 0 });
            }
            (ds.quads()?, failed)
        }
        (Some(dir), Backend::Rocksdb) => {
            let _ = dir;
            #[cfg(feature = "rocksdb")]
            {
                let store = Store::open(dir)
                    .with_context(|| format!("opening the RocksDB store {}", dir.display()))?;
                let Stats { failed, .. } = each_document(&ex, input, quiet, &mut |d, fs| {
                    let q = document_quads(d, fs, &run, &opts);
                    let g = oxigraph::model::NamedNode::new_unchecked(
                        isnad::kg::model::doc_graph_iri(&d.id),
                    );
                    let mut t = store.start_transaction()?;
                    t.clear_graph(&g)?;
                    t.extend(&q);
                    t.commit()?;
                    Ok(())
                })?;
                if !args.no_infer {
                    run_inference(&store, ontology, quiet)?;
                }
                if let Some(f) = args.format {
                    let mut q = isnad::kg::store_quads(&store)?;
                    with_output(args.out.as_deref(), |w| {
                        write_quads(&mut q, true, f, w).map(|_| ()).map_err(as_io)
                    })?;
                }
                return Ok(if failed > 0 { 1 } else { 0 });
            }
            #[cfg(not(feature = "rocksdb"))]
            return Err(no_rocksdb());
        }
    };
    let format = args.format.unwrap_or(RdfOutput::Trig);
    let mut quads = quads;
    if !args.no_infer {
        let t = Instant::now();
        let added = Inference::load(&ontology.join("inference"))?.inferred(&quads)?;
        if !quiet {
            eprintln!(
                "isnad: inference added {} quads in {:.2} s",
                added.len(),
                t.elapsed().as_secs_f64()
            );
        }
        quads.extend(added);
    }
    kgraph::sort_quads(&mut quads);
    let t = Instant::now();
    let n = quads.len();
    with_output(args.out.as_deref(), |w| {
        write_quads(&mut quads, true, format, w)
            .map(|_| ())
            .map_err(as_io)
    })?;
    if !quiet {
        let s = t.elapsed().as_secs_f64();
        eprintln!(
            "isnad: {n} quads written as {format:?} in {s:.2} s ({:.0} quads/s), {:.2} s in all",
            n as f64 / s.max(1e-9),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// One document's named graph as `push` sends it: its quads plus what the
/// inference updates in `inference` (if given) derive from them, sorted.
pub(crate) fn document_graph(
    d: &isnad::input::Document,
    facts: &[isnad::extract::Fact],
    run: &RunInfo,
    opts: &ModelOptions,
    inference: Option<&Inference>,
) -> Result<Vec<Quad>> {
    let mut q = document_quads(d, facts, run, opts);
    if let Some(inference) = inference {
        let added = inference.inferred(&q)?;
        kgraph::merge_sorted(&mut q, added);
    }
    Ok(q)
}

/// The graph `query` and `explain` work on: a store, or documents extracted now.
pub(crate) fn open_graph(
    ontology: &Path,
    quiet: bool,
    src: &GraphSource,
    inputs: Vec<PathBuf>,
) -> Result<(Store, i32)> {
    let mut failed = 0;
    let store = match (&src.store, inputs.is_empty()) {
        (Some(_), false) => bail!("give either --store DIR or INPUT documents, not both"),
        (None, true) => bail!(
            "no graph to query: give --store DIR or INPUT documents (.txt, folders, .jsonl, -)"
        ),
        (Some(dir), true) => match src.backend {
            Backend::Dir => {
                let ds = DirStore::open(dir, Access::Read)?;
                let store = Store::new()?;
                ds.load_into(&store)?;
                store
            }
            Backend::Rocksdb => {
                #[cfg(feature = "rocksdb")]
                {
                    Store::open(dir)
                        .with_context(|| format!("opening the RocksDB store {}", dir.display()))?
                }
                #[cfg(not(feature = "rocksdb"))]
                return Err(no_rocksdb());
            }
        },
        (None, false) => {
            let ex = load(ontology)?;
            let run = RunInfo::new(&ex.rules().digest);
            let opts = ModelOptions::default();
            let input = InputArgs {
                inputs,
                date: src.date.clone(),
                jobs: None,
                fail_fast: false,
            };
            let mut all = Vec::new();
            let Stats { failed: f, .. } = each_document(&ex, &input, quiet, &mut |d, fs| {
                all.extend(document_quads(d, fs, &run, &opts));
                Ok(())
            })?;
            failed = f;
            kgraph::sort_quads(&mut all);
            memory_store(all)?
        }
    };
    if !src.no_infer {
        run_inference(&store, ontology, true)?;
    }
    Ok((store, if failed > 0 { 1 } else { 0 }))
}

/// `isnad query`.
pub fn query(ontology: &Path, quiet: bool, args: QueryArgs) -> Result<i32> {
    let mut inputs = args.inputs;
    let text = match (&args.file, args.query) {
        (Some(f), first) => {
            if let Some(first) = first {
                inputs.insert(0, PathBuf::from(first));
            }
            std::fs::read_to_string(f)
                .with_context(|| format!("reading the query file {}", f.display()))?
        }
        (None, Some(q)) => q,
        (None, None) => bail!("no query: give it as the first argument or with --file Q.rq"),
    };
    // Syntax errors before the (possibly slow) extraction.
    let _ = query::prepare(&text).with_context(|| {
        args.file
            .as_ref()
            .map(|f| f.display().to_string())
            .unwrap_or_else(|| "query".into())
    })?;
    let t = Instant::now();
    let (store, code) = open_graph(ontology, quiet, &args.source, inputs)?;
    let load = t.elapsed().as_secs_f64();
    let (results, format) = (args.results, args.format);
    let t = Instant::now();
    with_output(None, |w| {
        query::run(&store, &text, results, format, w).map_err(as_io)
    })?;
    if args.timings {
        eprintln!(
            "isnad: timings: load {load:.3} s, query {:.4} s",
            t.elapsed().as_secs_f64()
        );
    }
    Ok(code)
}

/// `isnad explain`.
pub fn explain(ontology: &Path, quiet: bool, args: ExplainArgs) -> Result<i32> {
    let (store, code) = open_graph(ontology, quiet, &args.source, args.inputs)?;
    let index = evidence::entities(&store)?;
    let want = args.entity.trim();
    let name = |iri: &str| index.get(iri).map_or_else(|| short_iri(iri), Entity::name);
    let entity = match evidence::resolve(&index, want) {
        Resolved::One(iri) => iri,
        Resolved::None(near) => {
            let near: Vec<String> = near.iter().map(|(l, i)| format!("{l} ({i})")).collect();
            eprintln!(
                "isnad: no entity in the graph matches `{want}`; closest labels: {}",
                near.join(", ")
            );
            return Ok(1);
        }
        Resolved::Many(many) => {
            eprintln!(
                "isnad: `{want}` matches {} entities, give one IRI: {}",
                many.len(),
                many.iter()
                    .map(|i| format!("{} = {}", short_iri(i), name(i)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            return Ok(1);
        }
    };
    let c = &index[&entity];
    let ar: Vec<&str> = c
        .labels
        .iter()
        .filter(|(l, _)| l == "ar")
        .map(|(_, v)| v.as_str())
        .collect();
    let facts = evidence::facts_about(&store, &entity)?;
    let docs: BTreeSet<&String> = facts.iter().map(|f| &f.graph).collect();
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    let res = (|| -> std::io::Result<()> {
        writeln!(
            w,
            "{} · {} · {} ({})",
            c.name(),
            ar.join(" / "),
            short_iri(&entity),
            c.kind
        )?;
        writeln!(
            w,
            "{} fact{} in {} document{}",
            facts.len(),
            if facts.len() == 1 { "" } else { "s" },
            docs.len(),
            if docs.len() == 1 { "" } else { "s" }
        )?;
        for (i, f) in facts.iter().enumerate() {
            let when = match f.when() {
                w if w.is_empty() => w,
                w => format!("  {w}"),
            };
            writeln!(
                w,
                "\n{}. {} {} {}  [{}]{when}",
                i + 1,
                name(&f.subject),
                short_iri(&f.predicate).trim_start_matches("isn:"),
                name(&f.object),
                f.modality
            )?;
            let mut meta = format!("   rule {}", f.rule);
            if let Some(c) = &f.confidence {
                meta.push_str(&format!(" · confidence {c}"));
            }
            if let Some(role) = &f.role {
                meta.push_str(&format!(" · role {role}"));
            }
            writeln!(w, "{meta}")?;
            writeln!(
                w,
                "   {}, sentence {}, characters {}..{}:",
                f.document(),
                f.sentence_index,
                f.begin,
                f.end_char
            )?;
            if let Some((before, span, after)) = f.marked_sentence() {
                writeln!(
                    w,
                    "   {}",
                    format!("{before}⟦{span}⟧{after}").replace('\n', " ")
                )?;
            }
        }
        w.flush()
    })();
    match res {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(code),
    }
}
