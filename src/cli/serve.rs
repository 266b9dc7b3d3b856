//! `isnad serve`: the graph of a store or of documents, as a SPARQL endpoint with the evidence browser.

use super::kg::{GraphSource, open_graph};
use anyhow::{Context, Result, bail};
use isnad::serve::{AppState, ServeOptions, serve};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Options of `isnad serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Documents to build the graph from (instead of --store): .txt files, folders, .jsonl, `-`.
    /// With --allow-updates and no input, the server starts empty.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub source: GraphSource,
    /// Address to listen on. Loopback by default: give 0.0.0.0:PORT to serve other machines.
    /// Port 0 picks a free port (printed on stderr).
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    pub bind: SocketAddr,
    /// Cancel a query still running after this many seconds (the client gets 503).
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// At most this many rows (or triples) per result; more are cut and the response has
    /// an `X-Isnad-Truncated` header.
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    pub max_rows: usize,
    /// Longest query accepted, in bytes (413 beyond).
    #[arg(long, default_value_t = 1 << 20, value_name = "BYTES")]
    pub max_query_bytes: usize,
    /// Largest SPARQL update or uploaded graph accepted, in MB (413 beyond).
    #[arg(long, default_value_t = 256, value_name = "MB")]
    pub max_upload_mb: usize,
    /// Queries evaluated at once (default: twice the cores); more wait within their deadline.
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,
    /// Accept SPARQL updates and Graph Store writes (PUT, POST, DELETE) from clients that send
    /// `Authorization: Bearer TOKEN`. Changes live in memory: they are lost when the server stops.
    #[arg(long, requires = "token")]
    pub allow_updates: bool,
    /// The token that --allow-updates checks (or set ISNAD_TOKEN).
    #[arg(
        long,
        env = "ISNAD_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
}

/// `isnad serve`.
pub fn serve_command(ontology: &Path, quiet: bool, args: ServeArgs) -> Result<i32> {
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        bail!("--timeout must be a positive number of seconds");
    }
    if args.allow_updates && args.token.as_deref().is_none_or(|t| t.trim().len() < 8) {
        bail!("--allow-updates needs a token of at least 8 characters (--token or ISNAD_TOKEN)");
    }
    // With updates allowed and nothing to load, start empty: clients fill it (isnad push).
    let (store, code) =
        if args.allow_updates && args.inputs.is_empty() && args.source.store.is_none() {
            (oxigraph::store::Store::new()?, 0)
        } else {
            open_graph(ontology, quiet, &args.source, args.inputs)?
        };
    if code != 0 && !quiet {
        eprintln!("isnad: some documents failed (see above); serving the others");
    }
    let mut opts = ServeOptions {
        timeout: Duration::from_secs_f64(args.timeout),
        max_rows: args.max_rows.max(1),
        max_query_bytes: args.max_query_bytes.max(64),
        max_upload_bytes: args.max_upload_mb.max(1) << 20,
        update_token: args.allow_updates.then(|| args.token.clone()).flatten(),
        ..ServeOptions::default()
    };
    if let Some(w) = args.workers {
        opts.workers = w.max(1);
    }
    let read_only = opts.update_token.is_none();
    let state = AppState::new(store, opts);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server runtime")?;
    let served = rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .with_context(|| {
                format!(
                    "cannot listen on {}: is another server using the port? Choose one with --bind 127.0.0.1:PORT",
                    args.bind
                )
            })?;
        let addr = listener.local_addr().context("reading the bound address")?;
        // Printed even with --quiet: with --bind ADDR:0 it is the only way to know the port.
        {
            eprintln!(
                "isnad: serving on http://{addr}/ (SPARQL endpoint http://{addr}/sparql, {}); Ctrl-C stops",
                if read_only { "read-only" } else { "updates allowed with the token" }
            );
            if !addr.ip().is_loopback() && !quiet {
                eprintln!("isnad: warning: listening on {} — other machines can reach this server", addr.ip());
            }
        }
        serve(listener, state).await.context("serving HTTP")
    });
    // A query the engine could not cancel in time may still hold a worker thread: do not
    // wait for it on the way out.
    rt.shutdown_timeout(Duration::from_secs(2));
    served?;
    Ok(code)
}
