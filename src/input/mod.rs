//! Documents in: `.txt` files, folders of them, JSONL (`{"id","text","date"?,"url"?,"title"?}`
//! per line) and standard input (`-`). Reading is streaming: a bad document is
//! reported with where it is, and the others are still read.

use serde::Deserialize;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Stable identifier (file stem or the JSONL `id`).
    pub id: String,
    /// The original text.
    pub text: String,
    /// Publication date `YYYY-MM-DD`, anchoring relative dates.
    pub date: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
}

/// A document that could not be read, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct InputError {
    /// The file (or `<stdin>`).
    pub source_name: String,
    /// 1-based line in a JSONL file.
    pub line: Option<usize>,
    /// The document id, when it could be read.
    pub doc: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

#[derive(Deserialize)]
struct JsonDoc {
    id: serde_json::Value,
    text: String,
    date: Option<String>,
    url: Option<String>,
    title: Option<String>,
}

#[derive(Deserialize, Default)]
struct Meta {
    date: Option<String>,
    url: Option<String>,
    title: Option<String>,
}

/// Checks a `YYYY-MM-DD` date.
pub fn valid_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&d[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&d[8..10].parse::<u32>().unwrap_or(0))
}

/// Where documents come from, expanded from the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// One `.txt` article.
    Text(PathBuf),
    /// A JSONL file, one article per line.
    Jsonl(PathBuf),
    /// Standard input (JSONL when it starts with `{`, else one article).
    Stdin,
}

/// Expands paths: folders give their `.txt` and `.jsonl` files, sorted by name.
pub fn sources(paths: &[PathBuf]) -> Result<Vec<Source>, InputError> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| InputError {
                    source_name: p.display().to_string(),
                    line: None,
                    doc: None,
                    message: e.to_string(),
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|e| e == "txt" || e == "jsonl"))
                .collect();
            files.sort();
            out.extend(files.into_iter().map(classify));
        } else if p.exists() {
            out.push(classify(p.clone()));
        } else {
            return Err(InputError {
                source_name: p.display().to_string(),
                line: None,
                doc: None,
                message:
                    "no such file or folder: give .txt files, folders, .jsonl files or - for stdin"
                        .into(),
            });
        }
    }
    Ok(out)
}

fn classify(p: PathBuf) -> Source {
    if p.extension().is_some_and(|e| e == "jsonl") {
        Source::Jsonl(p)
    } else {
        Source::Text(p)
    }
}

/// Reads one source, calling `each` with every document or error, in order.
pub fn read_source(src: &Source, each: &mut dyn FnMut(Result<Document, InputError>)) {
    match src {
        Source::Text(p) => each(read_txt(p)),
        Source::Jsonl(p) => match std::fs::File::open(p) {
            Ok(f) => read_jsonl(
                &p.display().to_string(),
                BufReader::with_capacity(1 << 20, f),
                each,
            ),
            Err(e) => each(Err(InputError {
                source_name: p.display().to_string(),
                line: None,
                doc: None,
                message: e.to_string(),
            })),
        },
        Source::Stdin => {
            let mut r = BufReader::with_capacity(1 << 20, std::io::stdin().lock());
            let starts_json = r
                .fill_buf()
                .map(|b| b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'{'))
                .unwrap_or(false);
            if starts_json {
                read_jsonl("<stdin>", r, each);
            } else {
                let mut bytes = Vec::new();
                let res = r.read_to_end(&mut bytes).map_err(|e| e.to_string());
                each(
                    res.and_then(|_| decode(bytes).map_err(|e| e.to_string()))
                        .map_err(|message| InputError {
                            source_name: "<stdin>".into(),
                            line: None,
                            doc: Some("stdin".into()),
                            message,
                        })
                        .map(|text| Document {
                            id: "stdin".into(),
                            text,
                            date: None,
                            url: None,
                            title: None,
                        }),
                );
            }
        }
    }
}

struct Utf8Error {
    byte: usize,
}

impl std::fmt::Display for Utf8Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid UTF-8 at byte {}: convert the file to UTF-8 (e.g. iconv -f WINDOWS-1256 -t UTF-8)",
            self.byte
        )
    }
}

fn decode(bytes: Vec<u8>) -> Result<String, Utf8Error> {
    String::from_utf8(bytes).map_err(|e| Utf8Error {
        byte: e.utf8_error().valid_up_to(),
    })
}

fn read_txt(p: &Path) -> Result<Document, InputError> {
    let name = p.display().to_string();
    let id = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let err = |message: String| InputError {
        source_name: name.clone(),
        line: None,
        doc: Some(id.clone()),
        message,
    };
    let bytes = std::fs::read(p).map_err(|e| err(e.to_string()))?;
    let text = decode(bytes).map_err(|e| err(e.to_string()))?;
    let meta_path = p.with_extension("meta.json");
    let meta: Meta = if meta_path.exists() {
        let m = std::fs::read_to_string(&meta_path)
            .map_err(|e| err(format!("{}: {e}", meta_path.display())))?;
        serde_json::from_str(&m).map_err(|e| err(format!("{}: {e}", meta_path.display())))?
    } else {
        Meta::default()
    };
    if let Some(d) = &meta.date
        && !valid_date(d)
    {
        return Err(err(format!(
            "{}: date `{d}` is not YYYY-MM-DD",
            meta_path.display()
        )));
    }
    Ok(Document {
        id,
        text,
        date: meta.date,
        url: meta.url,
        title: meta.title,
    })
}

fn read_jsonl(name: &str, mut r: impl BufRead, each: &mut dyn FnMut(Result<Document, InputError>)) {
    let mut buf = Vec::new();
    let mut line = 0;
    loop {
        buf.clear();
        match r.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                each(Err(InputError {
                    source_name: name.into(),
                    line: Some(line + 1),
                    doc: None,
                    message: e.to_string(),
                }));
                break;
            }
        }
        line += 1;
        let bytes = buf.trim_ascii();
        if bytes.is_empty() {
            continue;
        }
        let err = |doc: Option<String>, message: String| InputError {
            source_name: name.into(),
            line: Some(line),
            doc,
            message,
        };
        // SIMD validation: Arabic is all multi-byte, where std's check costs ~10
        // instructions a byte.
        let text = match simdutf8::compat::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                each(Err(err(
                    None,
                    format!(
                        "invalid UTF-8 at byte {} of the line: re-encode the file as UTF-8",
                        e.valid_up_to()
                    ),
                )));
                continue;
            }
        };
        match serde_json::from_str::<JsonDoc>(text) {
            Ok(d) => {
                let id = match d.id {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                if let Some(date) = &d.date
                    && !valid_date(date)
                {
                    each(Err(err(
                        Some(id),
                        format!("date `{date}` is not YYYY-MM-DD"),
                    )));
                    continue;
                }
                each(Ok(Document {
                    id,
                    text: d.text,
                    date: d.date,
                    url: d.url,
                    title: d.title,
                }));
            }
            Err(e) => {
                let what = if e.is_eof() {
                    "truncated JSON line"
                } else {
                    "not a JSON document"
                };
                each(Err(err(
                    None,
                    format!("{what} ({e}): expected {{\"id\": ..., \"text\": ...}}"),
                )));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(input: &[u8]) -> Vec<Result<Document, InputError>> {
        let mut out = Vec::new();
        read_jsonl("t.jsonl", input, &mut |d| out.push(d));
        out
    }

    #[test]
    fn jsonl_errors_are_per_line_and_reading_goes_on() {
        let mut input = b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"te".to_vec();
        input.extend_from_slice(b"\n\xff\xfe\n{\"id\":3,\"text\":\"y\",\"date\":\"2023-08-14\"}\n");
        let d = docs(&input);
        assert_eq!(d.len(), 4);
        assert!(d[0].is_ok());
        let e = d[1].as_ref().unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("truncated"), "{e}");
        assert!(d[2].as_ref().unwrap_err().message.contains("UTF-8"));
        assert_eq!(d[3].as_ref().unwrap().id, "3");
    }

    #[test]
    fn dates_are_checked() {
        assert!(valid_date("2023-08-14"));
        assert!(!valid_date("2023-13-01"));
        assert!(!valid_date("14/08/2023"));
    }
}
