//! `isnad serve`: the knowledge graph as a SPARQL 1.1 Protocol endpoint (`/sparql`), the
//! read side of the Graph Store HTTP Protocol (`/store`, writes only with a token), a
//! `/health` route and the evidence browser (`/`, `/search`, `/entity/…`, `/doc/…`).
//!
//! Every query runs on a worker thread with a cancellation token: at the deadline it is
//! cancelled and the client gets 503, and the number of queries running at once is bounded,
//! so one bad query cannot take the server down.

mod browser;
mod graph_store;
mod html;
mod negotiate;
pub mod sparql;

use crate::kg::evidence::{self, Entity};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use oxigraph::store::Store;
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Limits and switches of the server.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// A query still running after this is cancelled (503).
    pub timeout: Duration,
    /// At most this many rows (or triples) per result; more are cut and flagged.
    pub max_rows: usize,
    /// Longest query text accepted (413 beyond).
    pub max_query_bytes: usize,
    /// Largest update or uploaded graph accepted (413 beyond).
    pub max_upload_bytes: usize,
    /// Queries evaluated at once; further ones wait (within their deadline).
    pub workers: usize,
    /// The bearer token that allows updates; `None` keeps the server read-only.
    pub update_token: Option<String>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            timeout: Duration::from_secs(30),
            max_rows: 100_000,
            max_query_bytes: 1 << 20,
            max_upload_bytes: 256 << 20,
            workers: std::thread::available_parallelism().map_or(2, |n| n.get() * 2),
            update_token: None,
        }
    }
}

/// What the request handlers share.
pub struct AppState {
    store: Store,
    opts: ServeOptions,
    workers: Arc<Semaphore>,
    entities: RwLock<Option<Arc<BTreeMap<String, Entity>>>>,
    quads: RwLock<usize>,
    started: Instant,
}

impl AppState {
    /// The state of a server over `store`.
    pub fn new(store: Store, opts: ServeOptions) -> Arc<Self> {
        let quads = store.len().unwrap_or(0);
        Arc::new(AppState {
            workers: Arc::new(Semaphore::new(opts.workers.max(1))),
            store,
            opts,
            entities: RwLock::new(None),
            quads: RwLock::new(quads),
            started: Instant::now(),
        })
    }

    /// Called after a write: the entity index is rebuilt on next use, the count refreshed.
    fn changed(&self) {
        *self.entities.write().unwrap_or_else(|e| e.into_inner()) = None;
        *self.quads.write().unwrap_or_else(|e| e.into_inner()) = self.store.len().unwrap_or(0);
    }

    /// Every entity with its labels (built once, blocking: call from a worker thread).
    fn entities(&self) -> Result<Arc<BTreeMap<String, Entity>>, ApiError> {
        if let Some(e) = self
            .entities
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            return Ok(Arc::clone(e));
        }
        let index = Arc::new(
            evidence::entities(&self.store)
                .map_err(|e| ApiError::internal(format!("reading the entities: {e}")))?,
        );
        *self.entities.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::clone(&index));
        Ok(index)
    }

    /// 403 when the server is read-only, 401 without the right bearer token.
    fn check_write(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let Some(token) = &self.opts.update_token else {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "this server is read-only: start it with `isnad serve --allow-updates` and a token",
            ));
        };
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        match given {
            Some(g) if constant_time_eq(g.trim().as_bytes(), token.as_bytes()) => Ok(()),
            _ => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "updates need `Authorization: Bearer TOKEN` with the server's token",
            )),
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// An HTTP error answer: a status and a plain-text message saying what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
    fn bad_request(message: String) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    fn internal(message: String) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
    fn unavailable(message: &str) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }
    fn too_large(message: String) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, message)
    }
    fn not_found(message: String) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
    fn timeout() -> Self {
        Self::unavailable("the query was cancelled at its deadline (--timeout)")
    }
    fn timeout_after(d: Duration) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the query did not finish within {} s and was cancelled (the server's --timeout); narrow it or add a LIMIT",
                d.as_secs_f64()
            ),
        )
    }
    fn not_acceptable(offers: &[&str]) -> Self {
        Self::new(
            StatusCode::NOT_ACCEPTABLE,
            format!(
                "none of the Accept types can be produced for this result; use one of: {}",
                offers.join(", ")
            ),
        )
    }
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.status, self.message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, format!("{}\n", self.message)).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"isnad\""),
            );
        }
        r
    }
}

/// Runs blocking work (store reads and writes, query evaluation, page rendering) on
/// tokio's blocking pool; `what` names the work in the error if the thread dies.
async fn on_worker<T: Send + 'static>(
    what: &'static str,
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("{what} worker failed: {e}")))?
}

/// A body with its media type (`; charset=utf-8` added to textual types).
fn typed_body(media: &str, body: impl Into<axum::body::Body>) -> Response {
    let ct = if media.starts_with("text/") || media.ends_with("json") || media.ends_with("xml") {
        format!("{media}; charset=utf-8")
    } else {
        media.to_string()
    };
    let mut r = Response::new(body.into());
    if let Ok(v) = HeaderValue::from_str(&ct) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    r.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept"));
    r
}

async fn health(axum::extract::State(state): axum::extract::State<Arc<AppState>>) -> Response {
    let quads = *state.quads.read().unwrap_or_else(|e| e.into_inner());
    let body = serde_json::json!({
        "status": "ok",
        "quads": quads,
        "read_only": state.opts.update_token.is_none(),
        "uptime_seconds": state.started.elapsed().as_secs(),
        "version": env!("CARGO_PKG_VERSION"),
    });
    typed_body("application/json", body.to_string())
}

/// The routes of the server.
pub fn router(state: Arc<AppState>) -> Router {
    let body_limit = state.opts.max_upload_bytes.max(state.opts.max_query_bytes);
    Router::new()
        .route(
            "/sparql",
            get(sparql_routes::get_query).post(sparql_routes::post),
        )
        .route("/update", axum::routing::post(sparql_routes::post))
        .route(
            "/store",
            get(graph_store::get)
                .put(graph_store::put)
                .post(graph_store::post)
                .delete(graph_store::delete),
        )
        .route("/health", get(health))
        .merge(browser::routes())
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(state)
}

/// Serves `state` on `listener` until SIGINT or SIGTERM.
pub async fn serve(listener: tokio::net::TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// The `/sparql` and `/update` handlers.
mod sparql_routes {
    use super::sparql::{self, Request};
    use super::{ApiError, AppState, typed_body};
    use axum::body::Bytes;
    use axum::extract::{Query, RawQuery, State};
    use axum::http::{HeaderMap, StatusCode, header};
    use axum::response::{IntoResponse, Redirect, Response};
    use std::sync::Arc;

    fn accept(headers: &HeaderMap) -> Option<&str> {
        headers.get(header::ACCEPT).and_then(|v| v.to_str().ok())
    }

    /// Whether the client is a browser that prefers a page to raw results.
    fn wants_html(headers: &HeaderMap) -> bool {
        let mut offers = vec!["text/html"];
        offers.extend(sparql::RESULT_TYPES);
        super::negotiate::choose(accept(headers), &offers) == Some("text/html")
            && accept(headers).is_some_and(|a| a.contains("text/html"))
    }

    /// Runs a query request and writes the negotiated answer.
    pub async fn answer(
        state: &Arc<AppState>,
        headers: &HeaderMap,
        req: Request,
        query: String,
    ) -> Result<Response, ApiError> {
        if req.format.is_none() && !sparql::any_acceptable(accept(headers)) {
            return Err(ApiError::not_acceptable(
                &sparql::RESULT_TYPES
                    .iter()
                    .chain(&sparql::GRAPH_TYPES)
                    .copied()
                    .collect::<Vec<_>>(),
            ));
        }
        let format = req.format.clone();
        let results = sparql::run(state, req, query).await?;
        let media = sparql::negotiate(&results, accept(headers), format.as_deref())?;
        let body = sparql::serialize(&results, media)?;
        let mut r = typed_body(media, body);
        if results.truncated() {
            r.headers_mut().insert(
                "X-Isnad-Truncated",
                state.opts.max_rows.to_string().parse().expect("a number"),
            );
        }
        Ok(r)
    }

    /// `GET /sparql?query=…`; a browser without a query gets the query page.
    pub async fn get_query(
        State(state): State<Arc<AppState>>,
        headers: HeaderMap,
        Query(pairs): Query<Vec<(String, String)>>,
    ) -> Result<Response, ApiError> {
        let req = Request::from_pairs(pairs)?;
        if req.update.is_some() {
            return Err(ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "updates must be sent with POST (application/sparql-update or a form with `update`)",
            ));
        }
        let Some(query) = req.query.clone() else {
            if wants_html(&headers) {
                return Ok(Redirect::to("/").into_response());
            }
            return Err(ApiError::bad_request(
                "no `query` parameter: GET /sparql?query=SELECT… or POST the query".to_string(),
            ));
        };
        if wants_html(&headers) && req.format.is_none() {
            let q: String = serde_urlencoded::to_string([("query", &query)]).unwrap_or_default();
            return Ok(Redirect::to(&format!("/?{q}")).into_response());
        }
        answer(&state, &headers, req, query).await
    }

    /// `POST /sparql` and `POST /update`: a query or an update, as its own media type or a form.
    pub async fn post(
        State(state): State<Arc<AppState>>,
        headers: HeaderMap,
        RawQuery(raw): RawQuery,
        body: Bytes,
    ) -> Result<Response, ApiError> {
        let ct = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let url_pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
        let text = || {
            String::from_utf8(body.to_vec())
                .map_err(|_| ApiError::bad_request("the body is not UTF-8".to_string()))
        };
        let mut req = match ct.as_str() {
            "application/sparql-query" => {
                let mut r = Request::from_pairs(url_pairs)?;
                r.query = Some(text()?);
                r
            }
            "application/sparql-update" => {
                let mut r = Request::from_pairs(url_pairs)?;
                r.update = Some(text()?);
                r
            }
            "application/x-www-form-urlencoded" => {
                let mut pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
                    .map_err(|e| ApiError::bad_request(format!("the form cannot be read: {e}")))?;
                pairs.extend(url_pairs);
                Request::from_pairs(pairs)?
            }
            other => {
                return Err(ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!(
                        "Content-Type `{other}` is not a SPARQL request: use application/sparql-query, \
                         application/sparql-update or application/x-www-form-urlencoded"
                    ),
                ));
            }
        };
        match (req.query.take(), req.update.take()) {
            (Some(_), Some(_)) => Err(ApiError::bad_request(
                "give either `query` or `update`, not both".to_string(),
            )),
            (Some(q), None) => answer(&state, &headers, req, q).await,
            (None, Some(u)) => {
                state.check_write(&headers)?;
                sparql::update(&state, req, u).await?;
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            (None, None) => Err(ApiError::bad_request(
                "no `query` or `update` in the request".to_string(),
            )),
        }
    }
}
