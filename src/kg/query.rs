//! SPARQL over a store whose default graph is the union of the document graphs: SELECT
//! and ASK results as a table, CSV, TSV, JSON or XML; CONSTRUCT and DESCRIBE in any RDF format.

use super::format::{RdfOutput, write_triples};
use super::{KgError, Result};
use super::{PREFIXES, cmp_triples};
use oxigraph::model::{Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{PreparedSparqlQuery, QueryResults, QuerySolution, SparqlEvaluator};
use oxigraph::store::Store;
use std::io::Write;

/// How SELECT and ASK results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFormat {
    /// Aligned columns, IRIs shortened with the isnad prefixes.
    Table,
    /// SPARQL 1.1 CSV.
    Csv,
    /// SPARQL 1.1 TSV.
    Tsv,
    /// SPARQL 1.1 JSON.
    Json,
    /// SPARQL XML.
    Xml,
}

impl std::str::FromStr for ResultsFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "table" => ResultsFormat::Table,
            "csv" => ResultsFormat::Csv,
            "tsv" => ResultsFormat::Tsv,
            "json" => ResultsFormat::Json,
            "xml" => ResultsFormat::Xml,
            _ => {
                return Err(format!(
                    "unknown results format `{s}`: use table, csv, tsv, json or xml"
                ));
            }
        })
    }
}

/// A SPARQL evaluator with the isnad prefixes predeclared.
pub fn evaluator() -> SparqlEvaluator {
    let mut ev = SparqlEvaluator::new();
    for (p, ns) in PREFIXES {
        ev = ev.with_prefix(p, ns).expect("valid prefix IRIs");
    }
    ev
}

/// Parses a query with the isnad prefixes predeclared and the union of the named graphs as
/// default graph (unless the query has FROM). Syntax errors give line:column.
pub fn prepare(query: &str) -> Result<PreparedSparqlQuery> {
    prepare_with(evaluator(), query)
}

/// [`prepare`] with a given evaluator (one with a cancellation token, say).
pub fn prepare_with(ev: SparqlEvaluator, query: &str) -> Result<PreparedSparqlQuery> {
    let mut q = ev
        .parse_query(query)
        .map_err(|e| KgError::Sparql(e.to_string()))?;
    if q.dataset().is_default_dataset() {
        q.dataset_mut().set_default_graph_as_union();
    }
    Ok(q)
}

/// Runs a SELECT query and returns its rows (for callers that print their own way).
pub fn select(store: &Store, query: &str) -> Result<(Vec<String>, Vec<QuerySolution>)> {
    match prepare(query)?.on_store(store).execute()? {
        QueryResults::Solutions(s) => {
            let vars = s
                .variables()
                .iter()
                .map(|v| v.as_str().to_string())
                .collect();
            Ok((vars, s.collect::<Result<Vec<_>, _>>()?))
        }
        _ => Err(KgError::NotSelect),
    }
}

/// Shortens an IRI with the isnad prefixes.
pub fn short_iri(iri: &str) -> String {
    for (p, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns)
            && !local.is_empty()
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
        {
            return format!("{p}:{local}");
        }
    }
    format!("<{iri}>")
}

/// A term as a table cell.
pub fn cell(t: Option<&Term>) -> String {
    match t {
        None => String::new(),
        Some(Term::NamedNode(n)) => short_iri(n.as_str()),
        Some(Term::Literal(l)) => l.value().replace(['\n', '\r', '\t'], " "),
        Some(other) => other.to_string(),
    }
}

fn write_table(w: &mut dyn Write, vars: &[String], rows: &[Vec<String>]) -> std::io::Result<()> {
    let width = |s: &str| s.chars().count();
    let widths: Vec<usize> = (0..vars.len())
        .map(|i| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain([width(&vars[i])])
                .max()
                .unwrap_or(0)
                .min(80)
        })
        .collect();
    let line = |w: &mut dyn Write, cells: &[String]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str(" | ");
            }
            s.push_str(c);
            if i + 1 < cells.len() {
                s.extend(std::iter::repeat_n(' ', widths[i].saturating_sub(width(c))));
            }
        }
        writeln!(w, "{}", s.trim_end())
    };
    line(w, vars)?;
    writeln!(
        w,
        "{}",
        widths
            .iter()
            .map(|&n| "-".repeat(n.max(1)))
            .collect::<Vec<_>>()
            .join("-+-")
    )?;
    for r in rows {
        line(w, r)?;
    }
    writeln!(
        w,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}

/// Runs `query` on `store` and writes its results to `w` (output errors come back as
/// [`KgError::Write`]).
pub fn run(
    store: &Store,
    query: &str,
    results: ResultsFormat,
    rdf: RdfOutput,
    w: &mut dyn Write,
) -> Result<()> {
    let q = prepare(query)?;
    match q.on_store(store).execute()? {
        QueryResults::Boolean(b) => match results {
            ResultsFormat::Table => writeln!(w, "{b}").map_err(KgError::Write)?,
            f => {
                QueryResultsSerializer::from_format(sparql_format(f))
                    .serialize_boolean_to_writer(&mut *w, b)
                    .map_err(KgError::Write)?;
            }
        },
        QueryResults::Solutions(sols) => {
            let vars: Vec<_> = sols.variables().to_vec();
            if results == ResultsFormat::Table {
                let names: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                let mut rows = Vec::new();
                for s in sols {
                    let s = s?;
                    rows.push(vars.iter().map(|v| cell(s.get(v))).collect());
                }
                write_table(w, &names, &rows).map_err(KgError::Write)?;
            } else {
                let mut ser = QueryResultsSerializer::from_format(sparql_format(results))
                    .serialize_solutions_to_writer(&mut *w, vars)
                    .map_err(KgError::Write)?;
                for s in sols {
                    let s = s?;
                    ser.serialize(&s).map_err(KgError::Write)?;
                }
                ser.finish().map_err(KgError::Write)?;
            }
        }
        QueryResults::Graph(triples) => {
            let mut t: Vec<Triple> = triples.collect::<Result<_, _>>()?;
            t.sort_unstable_by(|a, b| cmp_triples(a.as_ref(), b.as_ref()));
            t.dedup();
            write_triples(&t, rdf, &mut *w)?;
        }
    }
    Ok(())
}

fn sparql_format(f: ResultsFormat) -> QueryResultsFormat {
    match f {
        ResultsFormat::Csv | ResultsFormat::Table => QueryResultsFormat::Csv,
        ResultsFormat::Tsv => QueryResultsFormat::Tsv,
        ResultsFormat::Json => QueryResultsFormat::Json,
        ResultsFormat::Xml => QueryResultsFormat::Xml,
    }
}
