//! Running the extractor over many documents: in batches, on all cores (rayon), with
//! output in input order, a progress bar on a terminal, and a summary line.

use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use isnad::extract::{Extractor, Fact};
use isnad::input::{self, Document, InputError, Source};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// Options of a run over documents, shared by every command that reads documents.
#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    /// .txt files, folders of them, .jsonl files ({"id","text","date"?} per line), or - for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for documents that have none; anchors relative dates.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Worker threads (default: all cores). Output is the same for any number.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Stop at the first bad document instead of reporting it and going on.
    #[arg(long)]
    pub fail_fast: bool,
}

/// What happened to the documents of a run.
#[derive(Debug, Default)]
pub struct Stats {
    /// Documents read.
    pub docs: usize,
    /// Facts extracted.
    pub facts: usize,
    /// Documents that could not be read or processed.
    pub failed: usize,
}

impl Stats {
    /// 0 when every document was processed, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        if self.failed > 0 { 1 } else { 0 }
    }
}

/// Documents per batch: large enough to keep every core busy, small enough that memory
/// stays bounded by the batch, not the input.
const BATCH_DOCS: usize = 256;
const BATCH_BYTES: usize = 16 << 20;

fn total_bytes(sources: &[Source]) -> Option<u64> {
    sources
        .iter()
        .map(|s| match s {
            Source::Text(p) | Source::Jsonl(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Source::Stdin => None,
        })
        .sum()
}

fn progress(sources: &[Source], quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total_bytes(sources) {
        Some(total) => ProgressBar::new(total).with_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}")
                .expect("valid template"),
        ),
        None => ProgressBar::no_length().with_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {binary_bytes} {binary_bytes_per_sec} {msg}").expect("valid template"),
        ),
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// Documents read together, with the reading errors where they occurred.
type Batch = Vec<Result<Document, InputError>>;

/// Reads every source into batches of at most `BATCH_DOCS` documents or `BATCH_BYTES`
/// bytes and sends them in order; `date` fills in documents that have none. Stops when
/// the receiver is gone.
fn read_batches(sources: &[Source], date: Option<&str>, to: std::sync::mpsc::SyncSender<Batch>) {
    let mut batch: Batch = Vec::with_capacity(BATCH_DOCS);
    let mut batch_bytes = 0;
    let mut stopped = false;
    for src in sources {
        input::read_source(src, &mut |doc| {
            if stopped {
                return;
            }
            let doc = doc.map(|mut d| {
                if d.date.is_none() {
                    d.date = date.map(Into::into);
                }
                d
            });
            batch_bytes += doc.as_ref().map_or(0, |d| d.text.len());
            batch.push(doc);
            if batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
                batch_bytes = 0;
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_DOCS));
                stopped = to.send(full).is_err();
            }
        });
        if stopped {
            return;
        }
    }
    if !batch.is_empty() {
        let _ = to.send(batch);
    }
}

/// Reads every input document, extracts its facts on all cores and hands each document
/// with its facts to `sink` in input order. Bad documents are reported on stderr with
/// where they are, counted, and skipped (or, with `--fail-fast`, end the run).
pub fn each_document(
    ex: &Extractor,
    input: &InputArgs,
    quiet: bool,
    sink: &mut dyn FnMut(&Document, &[Fact]) -> Result<()>,
) -> Result<Stats> {
    each_document_rendered(ex, input, quiet, &|_, _| Ok(()), &mut |d, facts, ()| {
        sink(d, facts)
    })
}

/// Like [`each_document`], with a step that also runs on all cores: `render` turns each
/// document and its facts into what `sink` writes (serialised facts, a document graph),
/// so that only the writing is left to one thread. An error from `render` ends the run.
pub fn each_document_rendered<T: Send>(
    ex: &Extractor,
    input: &InputArgs,
    quiet: bool,
    render: &(impl Fn(&Document, &[Fact]) -> Result<T> + Sync),
    sink: &mut impl FnMut(&Document, &[Fact], T) -> Result<()>,
) -> Result<Stats> {
    each_chunk_rendered(
        ex,
        input,
        quiet,
        &|docs| docs.iter().map(|&(d, facts)| render(d, facts)).collect(),
        sink,
    )
}

/// At most this many documents are rendered together by [`each_chunk_rendered`]; a batch
/// is cut into about four chunks per thread, so that it still spreads over every core.
const CHUNK_DOCS: usize = 64;

/// Like [`each_document_rendered`], with `render` given a few documents at a time (in
/// input order) and returning what `sink` writes for each of them, in the same order.
pub fn each_chunk_rendered<T: Send>(
    ex: &Extractor,
    input: &InputArgs,
    quiet: bool,
    render: &(impl Fn(&[(&Document, &[Fact])]) -> Result<Vec<T>> + Sync),
    sink: &mut impl FnMut(&Document, &[Fact], T) -> Result<()>,
) -> Result<Stats> {
    if let Some(d) = &input.date
        && !input::valid_date(d)
    {
        bail!("--date {d}: expected YYYY-MM-DD");
    }
    let sources = input::sources(&input.inputs).map_err(|e| anyhow::anyhow!("{e}"))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(input.jobs.unwrap_or(0))
        .build()?;
    let bar = progress(&sources, quiet);
    let started = Instant::now();
    let mut stats = Stats::default();

    let mut flush = |batch: &mut Batch, stats: &mut Stats| -> Result<()> {
        let chunk_docs = (batch.len() / (4 * pool.current_num_threads())).clamp(1, CHUNK_DOCS);
        let chunks: Vec<_> = pool.install(|| {
            batch
                .par_chunks(chunk_docs)
                .map(|chunk| {
                    let extracted: Vec<_> = chunk
                        .iter()
                        .map(|d| d.as_ref().ok().map(|d| ex.extract(d)))
                        .collect();
                    let ok: Vec<(&Document, &[Fact])> = chunk
                        .iter()
                        .zip(&extracted)
                        .filter_map(|(d, r)| match (d, r) {
                            (Ok(d), Some(Ok((facts, _)))) => Some((d, facts.as_slice())),
                            _ => None,
                        })
                        .collect();
                    let rendered = render(&ok);
                    (extracted, rendered)
                })
                .collect()
        });
        let mut docs = batch.drain(..);
        for (extracted, rendered) in chunks {
            let mut rendered = rendered?.into_iter();
            for result in extracted {
                let doc = docs.next().expect("one result per document");
                match (doc, result) {
                    (Err(e), _) => {
                        stats.failed += 1;
                        bar.suspend(|| eprintln!("isnad: {e}"));
                        if input.fail_fast {
                            bail!("stopping at the first bad document (--fail-fast)");
                        }
                    }
                    (Ok(d), Some(Ok((facts, warnings)))) => {
                        stats.docs += 1;
                        if !quiet {
                            for w in warnings {
                                bar.suspend(|| {
                                    eprintln!("isnad: warning: document {}: {}", d.id, w.0)
                                });
                            }
                        }
                        stats.facts += facts.len();
                        bar.inc(d.text.len() as u64);
                        let out = rendered.next().expect("one rendering per document");
                        sink(&d, &facts, out)?;
                    }
                    (Ok(d), Some(Err(e))) => {
                        stats.docs += 1;
                        stats.failed += 1;
                        bar.suspend(|| eprintln!("isnad: document {}: {e}", d.id));
                        if input.fail_fast {
                            bail!("stopping at the first bad document (--fail-fast)");
                        }
                    }
                    (Ok(_), None) => unreachable!("every document has a result"),
                }
            }
        }
        bar.set_message(format!(
            "{} docs, {} facts, {} errors",
            stats.docs, stats.facts, stats.failed
        ));
        Ok(())
    };

    // A reader thread parses the next batch while the pool extracts this one; the channel
    // holds one batch, so memory stays bounded. When the run stops early the receiver is
    // dropped and the reader's next send fails, which stops it; it is not waited for, as
    // it may be blocked reading a pipe that never closes.
    let (to_runner, batches) = std::sync::mpsc::sync_channel::<Batch>(1);
    let date = input.date.clone();
    let reader = std::thread::spawn(move || read_batches(&sources, date.as_deref(), to_runner));
    for mut batch in batches {
        if let Err(e) = flush(&mut batch, &mut stats) {
            bar.finish_and_clear();
            return Err(e);
        }
    }
    if reader.join().is_err() {
        bail!("reading the input failed: the reader thread panicked");
    }
    bar.finish_and_clear();
    if !quiet {
        eprintln!(
            "isnad: {} documents, {} facts, {} errors, {:.2} s",
            stats.docs,
            stats.facts,
            stats.failed,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(stats)
}
