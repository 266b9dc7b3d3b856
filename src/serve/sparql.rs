//! The SPARQL 1.1 Protocol: queries and updates from GET and POST requests, run on a
//! worker thread with a deadline and a row limit, results written in the negotiated format.

use super::negotiate::choose;
use super::{ApiError, AppState, on_worker};
use crate::kg::cmp_triples;
use crate::kg::format::{RdfOutput, write_triples};
use crate::kg::query::{evaluator, prepare_with};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolution, Variable,
};
use oxigraph::store::Store;
use std::sync::Arc;

/// Media types offered for SELECT and ASK results, preferred first.
pub const RESULT_TYPES: [&str; 7] = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
    "text/xml",
];

/// Media types offered for CONSTRUCT and DESCRIBE results (and graphs), preferred first.
pub const GRAPH_TYPES: [&str; 6] = [
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "application/n-quads",
    "application/trig",
];

/// The RDF output of a graph media type.
pub fn rdf_output(media: &str) -> RdfOutput {
    match media {
        "application/n-triples" => RdfOutput::Nt,
        "application/rdf+xml" => RdfOutput::RdfXml,
        "application/ld+json" => RdfOutput::JsonLd,
        "application/n-quads" => RdfOutput::Nq,
        "application/trig" => RdfOutput::Trig,
        _ => RdfOutput::Ttl,
    }
}

/// A `format=` (or `output=`) value as a media type: a short name (json, xml, csv, tsv, ttl,
/// n3, nt, rdfxml, jsonld, nq, trig) or one of the media types offered.
pub fn format_param(name: &str) -> Option<&'static str> {
    let name = name.trim().to_ascii_lowercase();
    if let Some(m) = RESULT_TYPES
        .iter()
        .chain(&GRAPH_TYPES)
        .find(|m| **m == name)
    {
        return Some(m);
    }
    Some(match name.as_str() {
        "json" => RESULT_TYPES[0],
        "xml" => RESULT_TYPES[1],
        "csv" => RESULT_TYPES[2],
        "tsv" => RESULT_TYPES[3],
        "ttl" | "turtle" | "n3" => GRAPH_TYPES[0],
        "nt" | "ntriples" => GRAPH_TYPES[1],
        "rdfxml" => GRAPH_TYPES[2],
        "jsonld" => GRAPH_TYPES[3],
        "nq" | "nquads" => GRAPH_TYPES[4],
        "trig" => GRAPH_TYPES[5],
        _ => return None,
    })
}

/// A SPARQL request once its parameters are read.
#[derive(Debug, Default, Clone)]
pub struct Request {
    /// The query text.
    pub query: Option<String>,
    /// The update text.
    pub update: Option<String>,
    /// `default-graph-uri` (or `using-graph-uri`) parameters.
    pub default_graphs: Vec<String>,
    /// `named-graph-uri` (or `using-named-graph-uri`) parameters.
    pub named_graphs: Vec<String>,
    /// A `format=` parameter, overriding `Accept`.
    pub format: Option<String>,
}

impl Request {
    /// Reads the protocol's parameters from URL-encoded pairs (a query string or a form).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Result<Self, ApiError> {
        let mut r = Request::default();
        for (k, v) in pairs {
            match k.as_str() {
                "query" => set_once(&mut r.query, v, "query")?,
                "update" => set_once(&mut r.update, v, "update")?,
                "default-graph-uri" | "using-graph-uri" => r.default_graphs.push(v),
                "named-graph-uri" | "using-named-graph-uri" => r.named_graphs.push(v),
                // Clients such as SPARQLWrapper repeat the format under several names and
                // values: the first one understood wins, the others are ignored.
                "format" | "output" | "results"
                    if r.format.is_none() && format_param(&v).is_some() =>
                {
                    r.format = Some(v)
                }
                _ => {}
            }
        }
        Ok(r)
    }
}

fn set_once(slot: &mut Option<String>, v: String, name: &str) -> Result<(), ApiError> {
    if slot.replace(v).is_some() {
        return Err(ApiError::bad_request(format!(
            "the `{name}` parameter is given more than once"
        )));
    }
    Ok(())
}

/// What a query returned, held in memory (at most `max_rows` rows or triples).
pub enum Evaluated {
    /// ASK.
    Boolean(bool),
    /// SELECT.
    Solutions {
        /// The projected variables.
        variables: Vec<Variable>,
        /// The rows.
        rows: Vec<QuerySolution>,
        /// Whether rows were left out because of the limit.
        truncated: bool,
    },
    /// CONSTRUCT or DESCRIBE: sorted, distinct triples.
    Graph {
        /// The triples.
        triples: Vec<Triple>,
        /// Whether triples were left out because of the limit.
        truncated: bool,
    },
}

impl Evaluated {
    /// Whether the limit cut the results.
    pub fn truncated(&self) -> bool {
        match self {
            Evaluated::Boolean(_) => false,
            Evaluated::Solutions { truncated, .. } | Evaluated::Graph { truncated, .. } => {
                *truncated
            }
        }
    }
}

fn graph_iri(s: &str) -> Result<NamedNode, ApiError> {
    NamedNode::new(s).map_err(|e| ApiError::bad_request(format!("graph IRI <{s}>: {e}")))
}

fn evaluation_error(e: impl Into<QueryEvaluationError>) -> ApiError {
    match e.into() {
        QueryEvaluationError::Cancelled => ApiError::timeout(),
        e => ApiError::internal(format!("query evaluation failed: {e}")),
    }
}

/// Parses and runs `query` on `store` (the default graph is the union of the named graphs
/// unless the request or the query names graphs), keeping at most `max_rows` results.
pub fn evaluate(
    store: &Store,
    req: &Request,
    query: &str,
    token: CancellationToken,
    max_rows: usize,
) -> Result<Evaluated, ApiError> {
    let ev = evaluator().with_cancellation_token(token);
    let mut q = prepare_with(ev, query).map_err(|e| ApiError::bad_request(e.to_string()))?;
    if !req.default_graphs.is_empty() || !req.named_graphs.is_empty() {
        let defaults = req
            .default_graphs
            .iter()
            .map(|g| graph_iri(g).map(GraphName::from))
            .collect::<Result<Vec<_>, _>>()?;
        let named = req
            .named_graphs
            .iter()
            .map(|g| graph_iri(g).map(NamedOrBlankNode::from))
            .collect::<Result<Vec<_>, _>>()?;
        let ds = q.dataset_mut();
        ds.set_default_graph(defaults);
        if !named.is_empty() {
            ds.set_available_named_graphs(named);
        }
    }
    Ok(
        match q.on_store(store).execute().map_err(evaluation_error)? {
            QueryResults::Boolean(b) => Evaluated::Boolean(b),
            QueryResults::Solutions(sols) => {
                let variables = sols.variables().to_vec();
                let mut rows = Vec::new();
                let mut truncated = false;
                for s in sols {
                    if rows.len() == max_rows {
                        truncated = true;
                        break;
                    }
                    rows.push(s.map_err(evaluation_error)?);
                }
                Evaluated::Solutions {
                    variables,
                    rows,
                    truncated,
                }
            }
            QueryResults::Graph(ts) => {
                let mut triples = Vec::new();
                let mut truncated = false;
                for t in ts {
                    if triples.len() == max_rows {
                        truncated = true;
                        break;
                    }
                    triples.push(t.map_err(evaluation_error)?);
                }
                triples.sort_unstable_by(|a, b| cmp_triples(a.as_ref(), b.as_ref()));
                triples.dedup();
                Evaluated::Graph { triples, truncated }
            }
        },
    )
}

/// Writes results as `media` (one of [`RESULT_TYPES`] or [`GRAPH_TYPES`], chosen by [`negotiate`]).
pub fn serialize(results: &Evaluated, media: &str) -> Result<Vec<u8>, ApiError> {
    let io = |e: std::io::Error| ApiError::internal(format!("writing the results: {e}"));
    let mut out = Vec::new();
    match results {
        Evaluated::Boolean(b) => {
            QueryResultsSerializer::from_format(results_format(media))
                .serialize_boolean_to_writer(&mut out, *b)
                .map_err(io)?;
        }
        Evaluated::Solutions {
            variables, rows, ..
        } => {
            let mut ser = QueryResultsSerializer::from_format(results_format(media))
                .serialize_solutions_to_writer(&mut out, variables.clone())
                .map_err(io)?;
            for r in rows {
                ser.serialize(r).map_err(io)?;
            }
            ser.finish().map_err(io)?;
        }
        Evaluated::Graph { triples, .. } => {
            write_triples(triples, rdf_output(media), &mut out)
                .map_err(|e| ApiError::internal(format!("writing the results: {e}")))?;
        }
    }
    Ok(out)
}

fn results_format(media: &str) -> QueryResultsFormat {
    match media {
        "application/sparql-results+xml" | "application/xml" | "text/xml" => {
            QueryResultsFormat::Xml
        }
        "text/csv" => QueryResultsFormat::Csv,
        "text/tab-separated-values" => QueryResultsFormat::Tsv,
        _ => QueryResultsFormat::Json,
    }
}

/// The media type for `results`: a `format=` parameter wins over `Accept`; 406 when the
/// client accepts none of the types this kind of result can be written in.
pub fn negotiate(
    results: &Evaluated,
    accept: Option<&str>,
    format: Option<&str>,
) -> Result<&'static str, ApiError> {
    let offers: &[&'static str] = match results {
        Evaluated::Graph { .. } => &GRAPH_TYPES,
        _ => &RESULT_TYPES,
    };
    // A format that suits this kind of result wins over Accept (json for a CONSTRUCT does not).
    if let Some(m) = format.and_then(format_param).filter(|m| offers.contains(m)) {
        return Ok(m);
    }
    choose(accept, offers).ok_or_else(|| ApiError::not_acceptable(offers))
}

/// Whether any result type at all is acceptable (checked before running the query).
pub fn any_acceptable(accept: Option<&str>) -> bool {
    let all: Vec<&str> = RESULT_TYPES.iter().chain(&GRAPH_TYPES).copied().collect();
    choose(accept, &all).is_some()
}

/// Runs `query` on a worker thread: waits for a free worker, cancels the evaluation at the
/// deadline (503), and keeps the worker slot until the evaluation really stops.
pub async fn run(
    state: &Arc<AppState>,
    req: Request,
    query: String,
) -> Result<Evaluated, ApiError> {
    if query.len() > state.opts.max_query_bytes {
        return Err(ApiError::too_large(format!(
            "the query is {} bytes; this server takes at most {} (--max-query-bytes)",
            query.len(),
            state.opts.max_query_bytes
        )));
    }
    let token = CancellationToken::new();
    let work = {
        let state = Arc::clone(state);
        let token = token.clone();
        async move {
            let permit = Arc::clone(&state.workers)
                .acquire_owned()
                .await
                .map_err(|_| ApiError::unavailable("the server is shutting down"))?;
            on_worker("query", move || {
                let _permit = permit;
                evaluate(&state.store, &req, &query, token, state.opts.max_rows)
            })
            .await
        }
    };
    match tokio::time::timeout(state.opts.timeout, work).await {
        Ok(r) => r,
        Err(_) => {
            token.cancel();
            Err(ApiError::timeout_after(state.opts.timeout))
        }
    }
}

/// Runs a SPARQL update on a worker thread (callers check that updates are allowed).
pub async fn update(state: &Arc<AppState>, req: Request, update: String) -> Result<(), ApiError> {
    if update.len() > state.opts.max_upload_bytes {
        return Err(ApiError::too_large(format!(
            "the update is {} bytes; this server takes at most {} (--max-upload-mb)",
            update.len(),
            state.opts.max_upload_bytes
        )));
    }
    let state2 = Arc::clone(state);
    on_worker("update", move || {
        let u = evaluator()
            .parse_update(&update)
            .map_err(|e| ApiError::bad_request(e.to_string()))?;
        if !req.default_graphs.is_empty() || !req.named_graphs.is_empty() {
            return Err(ApiError::bad_request(
                "using-graph-uri and using-named-graph-uri are not supported: put USING or WITH in the update"
                    .to_string(),
            ));
        }
        u.on_store(&state2.store)
            .execute()
            .map_err(|e| ApiError::bad_request(format!("update failed: {e}")))?;
        state2.changed();
        Ok(())
    })
    .await
}
