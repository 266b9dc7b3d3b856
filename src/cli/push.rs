//! `isnad push`: writes each document's named graph into a remote triplestore.

use super::InputArgs;
use super::commands::load;
use super::kg::{Backend, GraphSource, document_graph};
use super::run::each_document;
use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use isnad::kg::infer::Inference;
use isnad::kg::model::{ModelOptions, RunInfo, doc_graph_iri};
use isnad::kg::store::{Access, DirStore};
use isnad::publish::{Credentials, Publisher, Pushed, Target, ntriples_lines};
use oxigraph::model::Quad;
use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Options of `isnad push`.
#[derive(Debug, clap::Args)]
pub struct PushArgs {
    /// Documents to build the graphs from (instead of --store). Each document's graph is
    /// exactly what `isnad build --format nq` writes for it.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub source: GraphSource,
    /// SPARQL 1.1 Graph Store endpoint: each graph is PUT to URL?graph=IRI (replacing it).
    /// Virtuoso: http://HOST:8890/sparql-graph-crud-auth; Fuseki: http://HOST:3030/DATASET/data;
    /// isnad serve: http://HOST:7878/store.
    #[arg(long, value_name = "URL")]
    pub graph_store: Option<String>,
    /// SPARQL 1.1 Update endpoint, used when there is no --graph-store: DROP SILENT GRAPH,
    /// then INSERT DATA in batches.
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// Name of the Graph Store parameter that carries the graph IRI.
    #[arg(long, default_value = "graph", value_name = "NAME")]
    pub graph_param: String,
    /// USER:PASSWORD, sent as Basic or Digest authentication as the server asks (or set ISNAD_AUTH).
    #[arg(
        long,
        env = "ISNAD_AUTH",
        value_name = "USER:PASS",
        hide_env_values = true
    )]
    pub auth: Option<String>,
    /// Bearer token (or set ISNAD_TOKEN); --auth wins when both are given.
    #[arg(
        long,
        env = "ISNAD_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// Triples per request at most (large graphs are sent in several requests).
    #[arg(long, default_value_t = 50_000, value_name = "N")]
    pub batch: usize,
    /// Retries of a transient failure (connection error, timeout, 408, 429, 5xx), with backoff.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub retries: u32,
    /// Timeout of one request, in seconds.
    #[arg(long, default_value_t = 120.0, value_name = "SECONDS")]
    pub timeout: f64,
}

/// `isnad push`.
pub fn push(ontology: &Path, quiet: bool, args: PushArgs) -> Result<i32> {
    let credentials = match (&args.auth, &args.token) {
        (Some(a), _) => match a.split_once(':') {
            Some((u, p)) => Credentials::User(u.to_string(), p.to_string()),
            None => bail!("--auth takes USER:PASSWORD"),
        },
        (None, Some(t)) => Credentials::Token(t.clone()),
        (None, None) => Credentials::None,
    };
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        bail!("--timeout must be a positive number of seconds");
    }
    let target = Target {
        graph_store: args.graph_store.clone(),
        graph_param: args.graph_param.clone(),
        update: args.endpoint.clone(),
        credentials,
        batch_triples: args.batch.max(1),
        retries: args.retries,
        backoff: Duration::from_millis(500),
        timeout: Duration::from_secs_f64(args.timeout),
    };
    let mut publisher = Publisher::new(target)?;
    let where_to = args
        .graph_store
        .clone()
        .or(args.endpoint.clone())
        .unwrap_or_default();
    let inference = if args.source.no_infer {
        None
    } else {
        Some(Inference::load(&ontology.join("inference"))?)
    };
    let inference = inference.as_ref();
    let started = Instant::now();
    let mut run = PushRun::new(publisher_bar(quiet));
    let stopped = match (&args.source.store, args.inputs.is_empty()) {
        (Some(_), false) => bail!("give either --store DIR or INPUT documents, not both"),
        (None, true) => {
            bail!("nothing to push: give --store DIR or INPUT documents (.txt, folders, .jsonl, -)")
        }
        (Some(dir), true) => {
            if args.source.backend != Backend::Dir {
                bail!(
                    "push reads the default --backend dir store; export a RocksDB store with `isnad build --store DIR --backend rocksdb --format nq` and push that"
                );
            }
            let ds = DirStore::open(dir, Access::Read)?;
            run.bar.set_length(ds.len() as u64);
            let mut stopped = false;
            for id in ds.ids() {
                let mut q = ds.document(id)?.unwrap_or_default();
                if let Some(inference) = inference {
                    let added = inference.inferred(&q)?;
                    q.extend(added);
                }
                if !run.push(&mut publisher, &doc_graph_iri(id), &mut q) {
                    stopped = true;
                    break;
                }
            }
            stopped
        }
        (None, false) => {
            let ex = load(ontology)?;
            let info = RunInfo::new(&ex.rules().digest);
            let opts = ModelOptions::default();
            let input = InputArgs {
                inputs: args.inputs,
                date: args.source.date.clone(),
                jobs: None,
                fail_fast: false,
            };
            let stats = each_document(&ex, &input, true, &mut |d, fs| {
                let mut q = document_graph(d, fs, &info, &opts, inference)?;
                if run.push(&mut publisher, &doc_graph_iri(&d.id), &mut q) {
                    Ok(())
                } else {
                    Err(anyhow::anyhow!("{STOPPED}"))
                }
            });
            match stats {
                Ok(s) => {
                    run.input_failed = s.failed;
                    false
                }
                Err(e) if e.to_string() == STOPPED => true,
                Err(e) => return Err(e),
            }
        }
    };
    run.bar.finish_and_clear();
    if stopped {
        eprintln!(
            "isnad: stopped: {} graph(s) written before the failure; the rest were not sent",
            run.done
        );
        return Ok(1);
    }
    if !quiet {
        eprintln!(
            "isnad: pushed {} graph(s), {} triples in {} request(s) ({} retried, {} duplicate document(s) skipped) to {where_to} in {:.2} s; {} failed",
            run.done,
            run.total.triples,
            run.total.requests,
            run.total.retried,
            run.duplicates,
            started.elapsed().as_secs_f64(),
            run.failed
        );
    }
    Ok(if run.failed > 0 || run.input_failed > 0 {
        1
    } else {
        0
    })
}

const STOPPED: &str = "push stopped";

fn publisher_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::no_length().with_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {pos} graphs pushed {per_sec} {msg}",
        )
        .expect("valid template"),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// The tally of one `isnad push`.
struct PushRun {
    bar: ProgressBar,
    sent: HashSet<String>,
    total: Pushed,
    done: usize,
    failed: usize,
    duplicates: usize,
    input_failed: usize,
}

impl PushRun {
    fn new(bar: ProgressBar) -> Self {
        PushRun {
            bar,
            sent: HashSet::new(),
            total: Pushed::default(),
            done: 0,
            failed: 0,
            duplicates: 0,
            input_failed: 0,
        }
    }

    /// Pushes one graph unless it was already sent in this run; false when the push must stop.
    fn push(&mut self, publisher: &mut Publisher, graph: &str, quads: &mut Vec<Quad>) -> bool {
        if !self.sent.insert(graph.to_string()) {
            self.duplicates += 1;
            self.bar
                .suspend(|| eprintln!("isnad: {graph}: already sent in this run, skipped"));
            return true;
        }
        let lines = ntriples_lines(quads);
        match publisher.push_graph(graph, &lines) {
            Ok(p) => {
                self.done += 1;
                self.total.triples += p.triples;
                self.total.requests += p.requests;
                self.total.retried += p.retried;
                self.bar.inc(1);
                true
            }
            Err(e) => {
                self.failed += 1;
                self.bar
                    .suspend(|| eprintln!("isnad: {graph}: not written: {e}"));
                !e.is_fatal()
            }
        }
    }
}
