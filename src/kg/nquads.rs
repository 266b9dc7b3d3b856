//! Document graphs written straight to N-Quads, the way `build --format nq` streams them:
//! the model's quads become lines as they are made, without building and sorting owned
//! quads first. Each line is written once; the lines follow the model's order (see
//! [`emit_document`]), then what inference adds, sorted. The documents of a chunk share one
//! run of the inference updates when that gives each the same quads.

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
    seen: FxHashMap<u64, SmallVec<[(usize, usize); 1]>>,
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

impl NQuadsLines {
    /// Appends the line of `q` (not counted yet); where it starts.
    fn push(&mut self, q: QuadRef<'_>) -> usize {
        let start = self.bytes.len();
        push_line(
            &mut self.bytes,
            q.subject,
            q.predicate,
            q.object,
            q.graph_name,
        );
        start
    }

    /// Writes `q` unless a line already written, hashed or not, is the same.
    fn quad_unless_anywhere(&mut self, q: QuadRef<'_>) {
        let start = self.push(q);
        let (before, line) = self.bytes.split_at(start);
        let written =
            memchr::memmem::find_iter(before, line).any(|at| at == 0 || before[at - 1] == b'\n');
        self.bytes.truncate(start);
        if !written {
            self.quad(q);
        }
    }
}

impl QuadSink for NQuadsLines {
    fn distinct_quad(&mut self, q: QuadRef<'_>) {
        self.push(q);
        self.lines += 1;
    }

    fn quad(&mut self, q: QuadRef<'_>) {
        let start = self.push(q);
        let line = &self.bytes[start..];
        // The hash leaves out ` <graph> .\n`, the same on most lines; lines with the
        // same hash are still compared byte for byte.
        let tail = match q.graph_name {
            GraphNameRef::NamedNode(g) => g.as_str().len() + 6,
            _ => 0,
        };
        let hashed = &line[..line.len().saturating_sub(tail)];
        let same = self.seen.entry(FxBuildHasher.hash_one(hashed)).or_default();
        if same.iter().any(|&(b, e)| &self.bytes[b..e] == line) {
            self.bytes.truncate(start);
        } else {
            same.push((start, self.bytes.len()));
            self.lines += 1;
        }
    }
}

/// Lines, and a copy of the quads inference reads.
struct WithInference<'i> {
    lines: NQuadsLines,
    inference: Option<&'i Inference>,
    read: Vec<Quad>,
}

impl WithInference<'_> {
    fn keep_read(&mut self, q: QuadRef<'_>) {
        if self.inference.is_some_and(|i| i.reads(q)) {
            self.read.push(q.into_owned());
        }
    }
}

impl QuadSink for WithInference<'_> {
    fn quad(&mut self, q: QuadRef<'_>) {
        self.lines.quad(q);
        self.keep_read(q);
    }

    fn distinct_quad(&mut self, q: QuadRef<'_>) {
        self.lines.distinct_quad(q);
        self.keep_read(q);
    }
}

/// Documents' graphs as N-Quads, one [`NQuadsLines`] per document: its quads, then what
/// the updates of `inference` (if given) derive from them, sorted. The updates run once
/// for all the documents when that gives each the same (see [`Inference::inferred_each`]).
pub fn documents_nquads(
    docs: &[(&Document, &[Fact])],
    run: &RunInfo,
    opts: &ModelOptions,
    inference: Option<&Inference>,
) -> Result<Vec<NQuadsLines>> {
    let mut sinks: Vec<WithInference<'_>> = docs
        .iter()
        .map(|&(doc, facts)| {
            // About 30 distinct quads per fact, and a few dozen for the document itself.
            let lines = NQuadsLines {
                bytes: Vec::with_capacity(doc.text.len() * 2 + facts.len() * 8192),
                seen: FxHashMap::with_capacity_and_hasher(64 + facts.len() * 32, FxBuildHasher),
                lines: 0,
            };
            let mut sink = WithInference {
                lines,
                inference,
                read: Vec::new(),
            };
            emit_document(doc, facts, run, opts, &mut sink);
            sink
        })
        .collect();
    if let Some(inference) = inference {
        let read: Vec<&[Quad]> = sinks.iter().map(|s| s.read.as_slice()).collect();
        let added = inference.inferred_each(&read)?;
        for (sink, mut added) in sinks.iter_mut().zip(added) {
            sort_quads(&mut added);
            for q in added.iter().map(Quad::as_ref) {
                // A quad inference reads is new: the model's quads it reads were all
                // loaded, and what it adds is what the store holds beyond them. Any
                // other quad is looked for among every line written.
                if inference.reads(q) {
                    sink.lines.distinct_quad(q);
                } else {
                    sink.lines.quad_unless_anywhere(q);
                }
            }
        }
    }
    Ok(sinks.into_iter().map(|s| s.lines).collect())
}

#[cfg(test)]
mod tests {
    use super::NQuadsLines;
    use crate::kg::model::QuadSink;
    use oxigraph::model::{GraphNameRef, LiteralRef, NamedNodeRef, QuadRef};

    #[test]
    fn each_quad_is_written_once_in_the_order_it_first_came() {
        let n = NamedNodeRef::new_unchecked;
        let (s, p) = (n("http://e/s"), n("http://e/p"));
        let (g, h) = (n("http://e/g"), n("http://e/h"));
        let q = |o: &'static str, g: NamedNodeRef<'static>| {
            QuadRef::new(s, p, LiteralRef::new_simple_literal(o), g)
        };
        let mut lines = NQuadsLines::default();
        for quad in [q("a", g), q("b", g), q("a", g), q("a", h), q("b", g)] {
            lines.quad(quad);
        }
        let o = n("http://e/o");
        lines.quad(QuadRef::new(s, p, o, GraphNameRef::DefaultGraph));
        lines.quad(QuadRef::new(s, p, o, GraphNameRef::DefaultGraph));
        assert_eq!(lines.len(), 4);
        // A line written without its hash is still found by the search over every line;
        // the same bytes inside a longer line are not a line.
        lines.distinct_quad(q("c", h));
        lines.quad_unless_anywhere(q("c", h));
        lines.distinct_quad(QuadRef::new(n("http://e/y"), p, n("http://e/x"), g));
        let tail = QuadRef::new(p, n("http://e/x"), g, GraphNameRef::DefaultGraph);
        lines.quad_unless_anywhere(tail);
        assert_eq!(lines.len(), 7);
        assert_eq!(
            String::from_utf8(lines.into_bytes()).unwrap(),
            "<http://e/s> <http://e/p> \"a\" <http://e/g> .\n\
             <http://e/s> <http://e/p> \"b\" <http://e/g> .\n\
             <http://e/s> <http://e/p> \"a\" <http://e/h> .\n\
             <http://e/s> <http://e/p> <http://e/o> .\n\
             <http://e/s> <http://e/p> \"c\" <http://e/h> .\n\
             <http://e/y> <http://e/p> <http://e/x> <http://e/g> .\n\
             <http://e/p> <http://e/x> <http://e/g> .\n"
        );
    }
}
