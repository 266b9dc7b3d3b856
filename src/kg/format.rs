//! RDF output formats. Quad formats (TriG, N-Quads, JSON-LD) keep the document graphs;
//! triple formats (Turtle, N-Triples, RDF/XML) get their union, without duplicates.

use super::{KgError, PREFIXES, Result, sort_quads, union_triple_refs};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphNameRef, LiteralRef, NamedNodeRef, NamedOrBlankNodeRef, Quad, TermRef};
use std::io::{self, Write};

/// An RDF serialisation isnad writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RdfOutput {
    /// Turtle (union of the graphs).
    Ttl,
    /// TriG (one graph per document).
    Trig,
    /// N-Triples (union of the graphs).
    Nt,
    /// N-Quads (one graph per document).
    Nq,
    /// RDF/XML (union of the graphs).
    RdfXml,
    /// JSON-LD (one graph per document).
    JsonLd,
}

/// The names `--format` accepts.
pub const NAMES: &str = "ttl, trig, nt, nq, rdfxml, jsonld";

impl std::str::FromStr for RdfOutput {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "ttl" | "turtle" => RdfOutput::Ttl,
            "trig" => RdfOutput::Trig,
            "nt" | "ntriples" | "n-triples" => RdfOutput::Nt,
            "nq" | "nquads" | "n-quads" => RdfOutput::Nq,
            "rdfxml" | "rdf" | "xml" | "rdf/xml" => RdfOutput::RdfXml,
            "jsonld" | "json-ld" => RdfOutput::JsonLd,
            _ => return Err(format!("unknown RDF format `{s}`: use one of {NAMES}")),
        })
    }
}

impl RdfOutput {
    /// oxigraph's format.
    pub fn format(self) -> RdfFormat {
        match self {
            RdfOutput::Ttl => RdfFormat::Turtle,
            RdfOutput::Trig => RdfFormat::TriG,
            RdfOutput::Nt => RdfFormat::NTriples,
            RdfOutput::Nq => RdfFormat::NQuads,
            RdfOutput::RdfXml => RdfFormat::RdfXml,
            RdfOutput::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }

    /// Whether the format keeps named graphs.
    pub fn has_graphs(self) -> bool {
        matches!(self, RdfOutput::Trig | RdfOutput::Nq | RdfOutput::JsonLd)
    }

    fn serializer(self) -> RdfSerializer {
        let mut s = RdfSerializer::from_format(self.format());
        if matches!(
            self,
            RdfOutput::Ttl | RdfOutput::Trig | RdfOutput::RdfXml | RdfOutput::JsonLd
        ) {
            for (p, ns) in PREFIXES {
                s = s.with_prefix(p, ns).expect("valid prefix IRIs");
            }
        }
        s
    }
}

/// Writes quads in `format`: sorted, without duplicates; triple formats get the union.
/// `quads` must already be sorted by [`super::sort_quads`] when `sorted` is true.
/// Output errors come back as [`KgError::Write`].
pub fn write_quads<W: Write>(
    quads: &mut Vec<Quad>,
    sorted: bool,
    format: RdfOutput,
    w: W,
) -> Result<W> {
    write_quads_io(quads, sorted, format, w).map_err(KgError::Write)
}

fn write_quads_io<W: Write>(
    quads: &mut Vec<Quad>,
    sorted: bool,
    format: RdfOutput,
    w: W,
) -> io::Result<W> {
    if !sorted {
        sort_quads(quads);
    }
    if matches!(format, RdfOutput::Nq | RdfOutput::Nt) {
        return write_lines(quads, format == RdfOutput::Nq, w);
    }
    let mut ser = format.serializer().for_writer(w);
    if format.has_graphs() {
        for q in quads.iter() {
            ser.serialize_quad(q)?;
        }
    } else {
        for t in union_triple_refs(quads) {
            ser.serialize_triple(t)?;
        }
    }
    ser.finish()
}

/// Writes sorted triples (a CONSTRUCT or DESCRIBE result) in `format`.
pub fn write_triples<W: Write>(
    triples: &[oxigraph::model::Triple],
    format: RdfOutput,
    w: W,
) -> Result<W> {
    let mut ser = format.serializer().for_writer(w);
    for t in triples {
        ser.serialize_triple(t).map_err(KgError::Write)?;
    }
    ser.finish().map_err(KgError::Write)
}

/// N-Quads (or, with `graphs` false, N-Triples of the union) written straight into a byte
/// buffer: the same bytes as oxigraph's serializer, without its per-character formatting.
fn write_lines<W: Write>(quads: &[Quad], graphs: bool, mut w: W) -> io::Result<W> {
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let flush = |buf: &mut Vec<u8>, w: &mut W| -> io::Result<()> {
        if buf.len() >= 1 << 16 {
            w.write_all(buf)?;
            buf.clear();
        }
        Ok(())
    };
    if graphs {
        for q in quads {
            push_line(
                &mut buf,
                q.subject.as_ref(),
                q.predicate.as_ref(),
                q.object.as_ref(),
                q.graph_name.as_ref(),
            );
            flush(&mut buf, &mut w)?;
        }
    } else {
        for t in union_triple_refs(quads) {
            push_line(
                &mut buf,
                t.subject,
                t.predicate,
                t.object,
                GraphNameRef::DefaultGraph,
            );
            flush(&mut buf, &mut w)?;
        }
    }
    w.write_all(&buf)?;
    Ok(w)
}

/// Appends one N-Quads line (an N-Triples line for the default graph), escaped like
/// oxigraph's serializer.
pub(super) fn push_line(
    buf: &mut Vec<u8>,
    s: NamedOrBlankNodeRef<'_>,
    p: NamedNodeRef<'_>,
    o: TermRef<'_>,
    g: GraphNameRef<'_>,
) {
    subject(buf, s);
    buf.push(b' ');
    iri(buf, p.as_str());
    buf.push(b' ');
    match o {
        TermRef::NamedNode(n) => iri(buf, n.as_str()),
        TermRef::BlankNode(b) => blank(buf, b.as_str()),
        TermRef::Literal(l) => literal(buf, l),
        #[allow(unreachable_patterns)]
        other => buf.extend_from_slice(other.to_string().as_bytes()),
    }
    match g {
        GraphNameRef::DefaultGraph => {}
        GraphNameRef::NamedNode(n) => {
            buf.push(b' ');
            iri(buf, n.as_str())
        }
        GraphNameRef::BlankNode(b) => {
            buf.push(b' ');
            blank(buf, b.as_str())
        }
    }
    buf.extend_from_slice(b" .\n");
}

fn iri(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'<');
    buf.extend_from_slice(s.as_bytes());
    buf.push(b'>');
}

fn blank(buf: &mut Vec<u8>, s: &str) {
    buf.extend_from_slice(b"_:");
    buf.extend_from_slice(s.as_bytes());
}

fn subject(buf: &mut Vec<u8>, s: NamedOrBlankNodeRef<'_>) {
    match s {
        NamedOrBlankNodeRef::NamedNode(n) => iri(buf, n.as_str()),
        NamedOrBlankNodeRef::BlankNode(b) => blank(buf, b.as_str()),
    }
}

fn literal(buf: &mut Vec<u8>, l: LiteralRef<'_>) {
    quoted(buf, l.value());
    if let Some(lang) = l.language() {
        buf.push(b'@');
        buf.extend_from_slice(lang.as_bytes());
    } else if l.datatype() != xsd::STRING {
        buf.extend_from_slice(b"^^");
        iri(buf, l.datatype().as_str());
    }
}

/// The bytes [`quoted`] may escape: controls, `"`, `\\`, DEL, and 0xEF (the first byte of
/// U+FFFE and U+FFFF).
static MAY_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[0x7F] = true;
    t[0xEF] = true;
    t
};

/// Escapes like oxrdf's `print_quoted_str`.
fn quoted(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        // Most bytes need nothing: skip to the next one that may.
        match b[i..].iter().position(|&c| MAY_ESCAPE[c as usize]) {
            Some(k) => i += k,
            None => break,
        }
        let c = b[i];
        let esc: Option<&[u8]> = match c {
            0x08 => Some(b"\\b"),
            b'\t' => Some(b"\\t"),
            b'\n' => Some(b"\\n"),
            0x0C => Some(b"\\f"),
            b'\r' => Some(b"\\r"),
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            0..=0x1F | 0x7F => None,
            0xEF if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) => {
                None
            }
            _ => {
                i += 1;
                continue;
            }
        };
        buf.extend_from_slice(&b[start..i]);
        match esc {
            Some(e) => {
                buf.extend_from_slice(e);
                i += 1;
            }
            None if c == 0xEF => {
                buf.extend_from_slice(if b[i + 2] == 0xBE {
                    b"\\uFFFE"
                } else {
                    b"\\uFFFF"
                });
                i += 3;
            }
            None => {
                buf.extend_from_slice(format!("\\u{:04X}", c).as_bytes());
                i += 1;
            }
        }
        start = i;
    }
    buf.extend_from_slice(&b[start..]);
    buf.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kg::union_triples;
    use oxigraph::model::{GraphName, Literal, NamedNode};

    proptest::proptest! {
        #[test]
        fn quoting_matches_oxigraph(s in "(\\PC|[\\x00-\\x1f\\x7f\"\\\\\u{fffe}\u{ffff}\u{ffbe}\u{fffd}\u{f000}])*") {
            let mut fast = Vec::new();
            quoted(&mut fast, &s);
            let want = Literal::new_simple_literal(s.as_str()).to_string();
            proptest::prop_assert_eq!(String::from_utf8(fast).unwrap(), want);
        }
    }

    #[test]
    fn fast_lines_match_oxigraph() {
        let n = |s: &str| NamedNode::new(s).unwrap();
        let g = GraphName::NamedNode(n("http://e/g"));
        let mut quads = vec![
            Quad::new(
                n("http://e/s"),
                n("http://e/p"),
                Literal::new_simple_literal(
                    "a \"q\" \\ \n\r\t\u{8}\u{c}\u{1}\u{7f}\u{fffe}\u{ffff} عربي",
                ),
                g.clone(),
            ),
            Quad::new(
                n("http://e/s"),
                n("http://e/p"),
                Literal::new_language_tagged_literal_unchecked("لي", "ar"),
                g.clone(),
            ),
            Quad::new(
                n("http://e/s"),
                n("http://e/p"),
                Literal::new_typed_literal("3", xsd::NON_NEGATIVE_INTEGER),
                g.clone(),
            ),
            Quad::new(
                n("http://e/s"),
                n("http://e/p"),
                n("http://e/o"),
                GraphName::DefaultGraph,
            ),
            Quad::new(
                oxigraph::model::BlankNode::new("b1").unwrap(),
                n("http://e/p"),
                n("http://e/o"),
                g,
            ),
        ];
        sort_quads(&mut quads);
        for (f, fmt) in [(true, RdfFormat::NQuads), (false, RdfFormat::NTriples)] {
            let fast = write_lines(&quads, f, Vec::new()).unwrap();
            let mut ser = RdfSerializer::from_format(fmt).for_writer(Vec::new());
            if f {
                for q in &quads {
                    ser.serialize_quad(q).unwrap();
                }
            } else {
                for t in union_triples(&quads) {
                    ser.serialize_triple(&t).unwrap();
                }
            }
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                String::from_utf8(ser.finish().unwrap()).unwrap()
            );
        }
    }
}
