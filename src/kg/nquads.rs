//! One document graph written straight to N-Quads, the way `build --format nq` streams it:
//! the model's quads become lines as they are made, without building and sorting owned
//! quads first. Each line is written once; the lines follow the model's order (see
//! [`emit_document`]), then what inference adds, sorted.

use super::format::push_line;
use super::infer::Inference;
use super::model::{ModelOptions, QuadSink, RunInfo, emit_document};
use super::{Result, sort_quads};
use crate::extract::Fact;
use crate::input::Document;
use oxigraph::model::{GraphNameRef, Quad, QuadRef};
use rustc_hash::{FxBuildHasher, FxHashMap};
use smallvec::SmallVec;
use std::hash::BuildHasher;

/// N-Quads lines, each distinct line kept once, in the order they first came.
#[derive(Default)]
pub struct NQuadsLines {
    bytes: Vec<u8>,
    /// Where each line starts and ends, by the hash of its bytes.
    seen: FxHashMap<u64, SmallVec<[(u32, u32); 1]>>,
    lines: usize,
}

impl NQuadsLines {
    /// How many distinct lines were written.
    pub fn len(&self) -> usize {
        self.lines
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.lines == 0
    }

    /// The N-Quads bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl QuadSink for NQuadsLines {
    fn quad(&mut self, q: QuadRef<'_>) {
        let start = self.bytes.len();
        push_line(
            &mut self.bytes,
            q.subject,
            q.predicate,
            q.object,
            q.graph_name,
        );
        let line = &self.bytes[start..];
        // The hash leaves out the graph name, the same on most lines; equal lines are
        // still told apart by their bytes.
        let graph = match q.graph_name {
            GraphNameRef::NamedNode(g) => g.as_str().len(),
            _ => 0,
        };
        let hashed = &line[..line.len().saturating_sub(graph)];
        let same = self.seen.entry(FxBuildHasher.hash_one(hashed)).or_default();
        if same
            .iter()
            .any(|&(b, e)| &self.bytes[b as usize..e as usize] == line)
        {
            self.bytes.truncate(start);
        } else {
            same.push((start as u32, self.bytes.len() as u32));
            self.lines += 1;
        }
    }
}

/// Lines, and a copy of the quads inference reads.
struct WithInference<'i> {
    lines: NQuadsLines,
    inference: &'i Inference,
    read: Vec<Quad>,
}

impl QuadSink for WithInference<'_> {
    fn quad(&mut self, q: QuadRef<'_>) {
        self.lines.quad(q);
        if self.inference.reads(q) {
            self.read.push(q.into_owned());
        }
    }
}

/// A document's graph as N-Quads: its quads, then what the updates of `inference` (if
/// given) derive from them.
pub fn document_nquads(
    doc: &Document,
    facts: &[Fact],
    run: &RunInfo,
    opts: &ModelOptions,
    inference: Option<&Inference>,
) -> Result<NQuadsLines> {
    let mut lines = NQuadsLines {
        bytes: Vec::with_capacity(doc.text.len() * 2 + facts.len() * 8192),
        ..NQuadsLines::default()
    };
    let Some(inference) = inference else {
        emit_document(doc, facts, run, opts, &mut lines);
        return Ok(lines);
    };
    let mut sink = WithInference {
        lines,
        inference,
        read: Vec::new(),
    };
    emit_document(doc, facts, run, opts, &mut sink);
    let mut added = inference.inferred(&sink.read)?;
    sort_quads(&mut added);
    for q in &added {
        sink.lines.quad(q.as_ref());
    }
    Ok(sink.lines)
}
