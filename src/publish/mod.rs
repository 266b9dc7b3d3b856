//! Publishing: writes document graphs into a remote triplestore, through the SPARQL 1.1
//! Graph Store HTTP Protocol (the first batch PUT replaces the graph, later batches POST
//! to it, so pushing twice leaves the same triples) or, where a store only has that,
//! SPARQL 1.1 Update (`DROP SILENT GRAPH` then `INSERT DATA` batches).
//!
//! Transient failures (connection errors, timeouts, 408, 429, 5xx) are retried with
//! exponential backoff; basic, digest and bearer authentication are supported.

use crate::kg::format::{RdfOutput, write_quads};
use crate::kg::model::percent_encode;
use oxigraph::model::Quad;
use std::time::Duration;
use ureq::http::{self, Method, StatusCode};

/// An error of [`Publisher`].
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The endpoint could not be reached, even after retrying.
    #[error(
        "cannot reach {url} after {attempts} attempt(s): {reason}; check the URL and that the store is running"
    )]
    Unreachable {
        /// The URL.
        url: String,
        /// How many requests were tried.
        attempts: u32,
        /// The last error.
        reason: String,
    },
    /// The endpoint answered with an error status.
    #[error("{method} {url} answered {status}: {body}")]
    Refused {
        /// The method.
        method: String,
        /// The URL.
        url: String,
        /// The HTTP status.
        status: u16,
        /// The start of the response body.
        body: String,
    },
    /// The credentials were refused.
    #[error("{url} refused the credentials ({status}): check --auth USER:PASS or --token")]
    Auth {
        /// The URL.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// A URL or option is not usable.
    #[error("{0}")]
    Config(String),
}

impl PublishError {
    /// Whether later graphs would fail the same way (the store is unreachable or refuses us).
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            PublishError::Unreachable { .. } | PublishError::Auth { .. } | PublishError::Config(_)
        )
    }
}

/// How to authenticate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// No authentication.
    None,
    /// A user and password, sent as Basic or Digest as the server asks.
    User(String, String),
    /// `Authorization: Bearer TOKEN`.
    Token(String),
}

/// Where and how to write.
#[derive(Debug, Clone)]
pub struct Target {
    /// SPARQL 1.1 Graph Store endpoint (`…/store`, Virtuoso's `…/sparql-graph-crud-auth`).
    pub graph_store: Option<String>,
    /// The query parameter naming the graph (`graph`; Virtuoso also takes `graph-uri`).
    pub graph_param: String,
    /// SPARQL 1.1 Update endpoint, used when there is no Graph Store endpoint.
    pub update: Option<String>,
    /// Credentials.
    pub credentials: Credentials,
    /// Triples per request at most.
    pub batch_triples: usize,
    /// Retries of a transient failure.
    pub retries: u32,
    /// First backoff; doubled after each retry (at most 30 s).
    pub backoff: Duration,
    /// Timeout of one request.
    pub timeout: Duration,
}

/// What one graph's push did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pushed {
    /// Triples sent.
    pub triples: usize,
    /// Requests that succeeded.
    pub requests: usize,
    /// Transient failures that were retried.
    pub retried: usize,
}

/// A connection to one remote store.
pub struct Publisher {
    agent: ureq::Agent,
    target: Target,
    /// The digest challenge of the server, reused (with its nonce count) until it goes stale.
    digest: Option<digest_auth::WwwAuthenticateHeader>,
    /// Whether the server asked for Basic authentication.
    basic: bool,
}

/// Lines of N-Triples for a graph's quads, sorted (the graph name dropped).
pub fn ntriples_lines(quads: &mut Vec<Quad>) -> Vec<String> {
    let bytes = write_quads(quads, false, RdfOutput::Nt, Vec::new()).unwrap_or_default();
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// `url` with `param=value` appended to its query string.
fn with_param(url: &str, param: &str, value: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{param}={}", percent_encode(value))
}

/// The request-target of a URL (path and query), as digest authentication signs it.
fn request_target(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

fn transient(status: StatusCode) -> bool {
    status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
        || status.is_server_error()
}

impl Publisher {
    /// A publisher for `target`; fails when neither endpoint is given or a URL is not http(s).
    pub fn new(target: Target) -> Result<Self, PublishError> {
        let urls: Vec<&String> = target
            .graph_store
            .iter()
            .chain(target.update.iter())
            .collect();
        if urls.is_empty() {
            return Err(PublishError::Config(
                "give --graph-store URL (SPARQL Graph Store Protocol) or --endpoint URL (SPARQL Update)".into(),
            ));
        }
        for u in urls {
            if !(u.starts_with("http://") || u.starts_with("https://")) {
                return Err(PublishError::Config(format!(
                    "`{u}` is not an http:// or https:// URL"
                )));
            }
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(target.timeout))
            .user_agent(concat!("isnad/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Publisher {
            agent,
            target,
            digest: None,
            basic: false,
        })
    }

    fn authorization(&mut self, method: &Method, url: &str, body: &[u8]) -> Option<String> {
        match &self.target.credentials {
            Credentials::None => None,
            Credentials::Token(t) => Some(format!("Bearer {t}")),
            Credentials::User(u, p) => {
                if let Some(prompt) = &mut self.digest {
                    let ctx = digest_auth::AuthContext::new_with_method(
                        u.as_str(),
                        p.as_str(),
                        request_target(url),
                        Some(body),
                        digest_auth::HttpMethod(method.as_str().to_string().into()),
                    );
                    prompt.respond(&ctx).ok().map(|h| h.to_string())
                } else if self.basic {
                    Some(format!("Basic {}", base64(&format!("{u}:{p}"))))
                } else {
                    None
                }
            }
        }
    }

    /// Sends one request, answering an authentication challenge and retrying transient
    /// failures; returns the status of the success.
    fn send(
        &mut self,
        method: Method,
        url: &str,
        content_type: &str,
        body: &[u8],
        pushed: &mut Pushed,
    ) -> Result<StatusCode, PublishError> {
        let mut attempt: u32 = 0;
        let mut challenged = false;
        let mut wait = self.target.backoff;
        loop {
            attempt += 1;
            let mut req = http::Request::builder()
                .method(method.clone())
                .uri(url)
                .header("Content-Type", content_type);
            if let Some(a) = self.authorization(&method, url, body) {
                req = req.header("Authorization", a);
            }
            let req = req
                .body(body.to_vec())
                .map_err(|e| PublishError::Config(format!("`{url}`: {e}")))?;
            let failure = match self.agent.run(req) {
                Ok(mut resp) => {
                    let status = resp.status();
                    if status.is_success() {
                        pushed.requests += 1;
                        return Ok(status);
                    }
                    if status == StatusCode::UNAUTHORIZED {
                        let challenge = resp
                            .headers()
                            .get("WWW-Authenticate")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("")
                            .to_string();
                        let can_answer = matches!(self.target.credentials, Credentials::User(..));
                        if can_answer && !challenged {
                            challenged = true;
                            if challenge
                                .trim_start()
                                .to_ascii_lowercase()
                                .starts_with("digest")
                            {
                                self.digest = digest_auth::parse(&challenge).ok();
                            } else {
                                self.basic = true;
                            }
                            attempt -= 1;
                            continue;
                        }
                        return Err(PublishError::Auth {
                            url: url.to_string(),
                            status: 401,
                        });
                    }
                    if status == StatusCode::FORBIDDEN {
                        return Err(PublishError::Auth {
                            url: url.to_string(),
                            status: 403,
                        });
                    }
                    let text = resp.body_mut().read_to_string().unwrap_or_default();
                    let refused = PublishError::Refused {
                        method: method.to_string(),
                        url: url.to_string(),
                        status: status.as_u16(),
                        body: text.trim().chars().take(400).collect(),
                    };
                    if !transient(status) {
                        return Err(refused);
                    }
                    refused.to_string()
                }
                Err(e) => e.to_string(),
            };
            if attempt > self.target.retries {
                return Err(PublishError::Unreachable {
                    url: url.to_string(),
                    attempts: attempt,
                    reason: failure,
                });
            }
            pushed.retried += 1;
            std::thread::sleep(wait);
            wait = (wait * 2).min(Duration::from_secs(30));
        }
    }

    /// Writes `lines` (N-Triples) as graph `graph`, replacing what the store had in it.
    pub fn push_graph(&mut self, graph: &str, lines: &[String]) -> Result<Pushed, PublishError> {
        let mut pushed = Pushed::default();
        let batch = self.target.batch_triples.max(1);
        let chunks: Vec<&[String]> = if lines.is_empty() {
            vec![&[]]
        } else {
            lines.chunks(batch).collect()
        };
        if let Some(gs) = self.target.graph_store.clone() {
            let url = with_param(&gs, &self.target.graph_param.clone(), graph);
            for (i, chunk) in chunks.iter().enumerate() {
                let mut body = chunk.join("\n");
                body.push('\n');
                let method = if i == 0 { Method::PUT } else { Method::POST };
                self.send(method, &url, "text/turtle", body.as_bytes(), &mut pushed)?;
                pushed.triples += chunk.len();
            }
        } else if let Some(endpoint) = self.target.update.clone() {
            for (i, chunk) in chunks.iter().enumerate() {
                let mut update = String::new();
                if i == 0 {
                    update.push_str(&format!("DROP SILENT GRAPH <{graph}> ;\n"));
                }
                update.push_str(&format!(
                    "INSERT DATA {{ GRAPH <{graph}> {{\n{}\n}} }}",
                    chunk.join("\n")
                ));
                self.send(
                    Method::POST,
                    &endpoint,
                    "application/sparql-update",
                    update.as_bytes(),
                    &mut pushed,
                )?;
                pushed.triples += chunk.len();
            }
        }
        Ok(pushed)
    }
}

/// Standard base64 (for Basic authentication).
fn base64(s: &str) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let b = s.as_bytes();
    let mut out = String::new();
    for c in b.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64("dba:dba"), "ZGJhOmRiYQ==");
        assert_eq!(
            base64("Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(base64("ab"), "YWI=");
    }

    #[test]
    fn graph_parameter_is_encoded_and_target_is_path_and_query() {
        let u = with_param(
            "http://h:1/store",
            "graph",
            "https://w3id.org/isnad/doc/a%20b",
        );
        assert_eq!(
            u,
            "http://h:1/store?graph=https%3A%2F%2Fw3id.org%2Fisnad%2Fdoc%2Fa%2520b"
        );
        assert_eq!(
            request_target(&u),
            "/store?graph=https%3A%2F%2Fw3id.org%2Fisnad%2Fdoc%2Fa%2520b"
        );
        assert_eq!(with_param("http://h/x?a=1", "g", "v"), "http://h/x?a=1&g=v");
        assert_eq!(request_target("http://h"), "/");
    }

    #[test]
    fn needs_an_http_endpoint() {
        let t = Target {
            graph_store: None,
            graph_param: "graph".into(),
            update: None,
            credentials: Credentials::None,
            batch_triples: 10,
            retries: 0,
            backoff: Duration::from_millis(1),
            timeout: Duration::from_secs(1),
        };
        assert!(Publisher::new(t.clone()).is_err());
        let t2 = Target {
            update: Some("ftp://x".into()),
            ..t
        };
        assert!(matches!(Publisher::new(t2), Err(PublishError::Config(_))));
    }

    #[test]
    fn an_unreachable_store_is_reported_after_the_retries() {
        // A port nothing listens on: bind, read the port, close.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut p = Publisher::new(Target {
            graph_store: Some(format!("http://127.0.0.1:{port}/store")),
            graph_param: "graph".into(),
            update: None,
            credentials: Credentials::None,
            batch_triples: 10,
            retries: 2,
            backoff: Duration::from_millis(1),
            timeout: Duration::from_secs(2),
        })
        .unwrap();
        let e = p
            .push_graph("http://g", &["<a:a> <a:b> <a:c> .".into()])
            .unwrap_err();
        assert!(
            matches!(e, PublishError::Unreachable { attempts: 3, .. }),
            "{e}"
        );
        assert!(e.is_fatal());
    }
}
