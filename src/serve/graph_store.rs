//! The SPARQL 1.1 Graph Store HTTP Protocol on `/store?graph=IRI` (or `?default`, the
//! union of the document graphs): GET and HEAD always; PUT (replace), POST (add) and
//! DELETE only on a server started with `--allow-updates`, with its bearer token.

use super::sparql::{GRAPH_TYPES, format_param, rdf_output};
use super::{ApiError, AppState, negotiate, on_worker, typed_body};
use crate::kg::format::write_quads;
use crate::kg::sort_quads;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, NamedNode, Quad};
use std::sync::Arc;

/// Which graph a request is about.
enum Target {
    /// `?default`: the union of every document graph (read-only here).
    Default,
    /// `?graph=IRI`.
    Named(NamedNode),
}

fn target(pairs: &[(String, String)]) -> Result<(Target, Option<String>), ApiError> {
    let format = pairs
        .iter()
        .find(|(k, _)| k == "format")
        .map(|(_, v)| v.clone());
    let graph = pairs.iter().find(|(k, _)| k == "graph").map(|(_, v)| v);
    let default = pairs.iter().any(|(k, _)| k == "default");
    match (graph, default) {
        (Some(g), false) => NamedNode::new(g.as_str())
            .map(|n| (Target::Named(n), format))
            .map_err(|e| ApiError::bad_request(format!("graph IRI <{g}>: {e}"))),
        (None, true) => Ok((Target::Default, format)),
        _ => Err(ApiError::bad_request(
            "give exactly one of `?graph=IRI` or `?default`".to_string(),
        )),
    }
}

/// The named graph a write is about; the default graph (the union of the document graphs
/// here) cannot be written: 400 saying to `verb` a `?graph=IRI` instead.
fn named_target(pairs: &[(String, String)], verb: &str) -> Result<NamedNode, ApiError> {
    match target(pairs)?.0 {
        Target::Named(g) => Ok(g),
        Target::Default => Err(ApiError::bad_request(format!(
            "the default graph is the union of the document graphs here: {verb} `?graph=IRI`"
        ))),
    }
}

/// `GET /store?graph=IRI`: the graph in the negotiated RDF format; 404 when it does not exist.
pub async fn get(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let (target, format) = target(&pairs)?;
    let media = match format {
        Some(f) => format_param(&f)
            .filter(|m| GRAPH_TYPES.contains(m))
            .ok_or_else(|| ApiError::not_acceptable(&GRAPH_TYPES))?,
        None => negotiate::choose(
            headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()),
            &GRAPH_TYPES,
        )
        .ok_or_else(|| ApiError::not_acceptable(&GRAPH_TYPES))?,
    };
    let state2 = Arc::clone(&state);
    let body = on_worker("graph", move || -> Result<Vec<u8>, ApiError> {
        let store = &state2.store;
        let read = |e: oxigraph::store::StorageError| ApiError::internal(format!("reading the store: {e}"));
        let mut quads: Vec<Quad> = match &target {
            Target::Named(g) => {
                if !store.contains_named_graph(g).map_err(read)? {
                    return Err(ApiError::not_found(format!(
                        "no graph <{g}> in this store; list them with SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{}} }}"
                    )));
                }
                store
                    .quads_for_pattern(None, None, None, Some(GraphNameRef::from(g)))
                    .collect::<Result<_, _>>()
                    .map_err(read)?
            }
            Target::Default => store.iter().collect::<Result<_, _>>().map_err(read)?,
        };
        sort_quads(&mut quads);
        write_quads(&mut quads, true, rdf_output(media), Vec::new())
            .map_err(|e| ApiError::internal(format!("writing the graph: {e}")))
    })
    .await?;
    Ok(typed_body(media, body))
}

/// Parses an uploaded graph by its Content-Type into quads of graph `g`.
fn parse_body(headers: &HeaderMap, body: &[u8], g: &NamedNode) -> Result<Vec<Quad>, ApiError> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("text/turtle");
    let format = RdfFormat::from_media_type(ct).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "Content-Type `{ct}` is not an RDF format this server reads: use one of {}",
                GRAPH_TYPES.join(", ")
            ),
        )
    })?;
    let parser = RdfParser::from_format(format)
        .with_default_graph(g.clone())
        .with_base_iri(g.as_str())
        .map_err(|e| ApiError::bad_request(format!("graph IRI <{g}>: {e}")))?;
    parser
        .for_slice(body)
        .map(|q| {
            q.map(|mut q| {
                q.graph_name = g.clone().into();
                q
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ApiError::bad_request(format!("the uploaded graph cannot be parsed: {e}")))
}

/// Replaces (`replace`) or extends graph `g` with the uploaded triples; 201 when it is new.
async fn write(
    state: Arc<AppState>,
    headers: HeaderMap,
    pairs: Vec<(String, String)>,
    body: Bytes,
    replace: bool,
) -> Result<Response, ApiError> {
    state.check_write(&headers)?;
    let g = named_target(&pairs, "write to")?;
    let quads = parse_body(&headers, &body, &g)?;
    let state2 = Arc::clone(&state);
    let created = on_worker("graph", move || -> Result<bool, ApiError> {
        let store = &state2.store;
        let fail = |e: oxigraph::store::StorageError| {
            ApiError::internal(format!("writing the store: {e}"))
        };
        let existed = store.contains_named_graph(&g).map_err(fail)?;
        let mut t = store.start_transaction().map_err(fail)?;
        if replace {
            t.clear_graph(&g).map_err(fail)?;
        }
        t.insert_named_graph(&g);
        t.extend(&quads);
        t.commit().map_err(fail)?;
        state2.changed();
        Ok(!existed)
    })
    .await?;
    Ok(if created {
        StatusCode::CREATED
    } else {
        StatusCode::NO_CONTENT
    }
    .into_response())
}

/// `PUT /store?graph=IRI`: replaces the graph.
pub async fn put(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
    body: Bytes,
) -> Result<Response, ApiError> {
    write(state, headers, pairs, body, true).await
}

/// `POST /store?graph=IRI`: adds to the graph.
pub async fn post(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
    body: Bytes,
) -> Result<Response, ApiError> {
    write(state, headers, pairs, body, false).await
}

/// `DELETE /store?graph=IRI`: drops the graph; 404 when it does not exist.
pub async fn delete(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    state.check_write(&headers)?;
    let g = named_target(&pairs, "delete")?;
    let state2 = Arc::clone(&state);
    on_worker("graph", move || -> Result<Response, ApiError> {
        let fail = |e: oxigraph::store::StorageError| {
            ApiError::internal(format!("writing the store: {e}"))
        };
        if !state2.store.contains_named_graph(&g).map_err(fail)? {
            return Err(ApiError::not_found(format!("no graph <{g}> in this store")));
        }
        state2.store.remove_named_graph(&g).map_err(fail)?;
        state2.changed();
        Ok(StatusCode::NO_CONTENT.into_response())
    })
    .await
}
