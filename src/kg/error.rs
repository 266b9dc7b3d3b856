//! Errors of the knowledge graph: each names the file or folder involved and, where there
//! is one, what to do about it.

use std::io;
use std::path::PathBuf;

/// An error of [`crate::kg`].
#[derive(Debug, thiserror::Error)]
pub enum KgError {
    /// A file or folder could not be read, written, created or locked.
    #[error("{action} {}", path.display())]
    Io {
        /// What was being done: "reading", "writing", "creating the store folder"...
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// Another isnad process holds the store's lock.
    #[error(
        "store {} is in use by another isnad process (lock held on {}): wait for it to finish",
        path.display(),
        lock.display()
    )]
    Locked {
        /// The store folder.
        path: PathBuf,
        /// Its lock file.
        lock: PathBuf,
    },
    /// `--store` names a regular file.
    #[error("{} is a file, not an isnad store folder", path.display())]
    NotAFolder {
        /// The path given.
        path: PathBuf,
    },
    /// `--store` names a non-empty folder without a manifest.
    #[error(
        "{} is not an isnad store (no manifest.json) and is not empty: give a new or empty folder to --store",
        path.display()
    )]
    NotAStore {
        /// The folder.
        path: PathBuf,
    },
    /// A store is read that does not exist.
    #[error("no store at {}: build one first with `isnad build INPUT... --store {}`", path.display(), path.display())]
    NoStore {
        /// The folder.
        path: PathBuf,
    },
    /// A store is read from an empty folder.
    #[error(
        "{} is an empty folder, not a store: build one first with `isnad build INPUT... --store {}`",
        path.display(),
        path.display()
    )]
    EmptyFolder {
        /// The folder.
        path: PathBuf,
    },
    /// The manifest is not JSON of the expected shape.
    #[error("{} is not an isnad store manifest", path.display())]
    BadManifest {
        /// The manifest file.
        path: PathBuf,
        /// The JSON error.
        #[source]
        source: serde_json::Error,
    },
    /// The store was written by another version of the store format.
    #[error("{}: store format {found} is not supported (this isnad reads {supported})", path.display())]
    StoreVersion {
        /// The manifest file.
        path: PathBuf,
        /// The version found.
        found: u32,
        /// The version this isnad reads.
        supported: u32,
    },
    /// A graph file of the store is not valid N-Quads.
    #[error(
        "{}:{line}: broken N-Quads in the graph of document {id}: {message} (rebuild that document with `isnad build INPUT --store DIR`)",
        path.display()
    )]
    Parse {
        /// The graph file.
        path: PathBuf,
        /// 1-based line of the error (0 when unknown).
        line: u64,
        /// The document whose graph it is.
        id: String,
        /// The parser's message.
        message: String,
    },
    /// A SPARQL query does not parse; the message gives line:column.
    #[error("SPARQL syntax {0}")]
    Sparql(String),
    /// An inference update file does not parse; the message gives line:column.
    #[error("{}: SPARQL Update syntax error: {message}", path.display())]
    UpdateSyntax {
        /// The `.ru` file.
        path: PathBuf,
        /// The parser's message (with line:column).
        message: String,
    },
    /// An inference update failed while running.
    #[error("running {}", path.display())]
    Update {
        /// The `.ru` file.
        path: PathBuf,
        /// oxigraph's error.
        #[source]
        source: oxigraph::sparql::UpdateEvaluationError,
    },
    /// A query failed while running.
    #[error("evaluating the query")]
    Query(#[from] oxigraph::sparql::QueryEvaluationError),
    /// [`crate::kg::query::select`] was given a query that is not a SELECT.
    #[error("expected a SELECT query")]
    NotSelect,
    /// oxigraph's store failed.
    #[error("oxigraph store")]
    Storage(#[from] oxigraph::store::StorageError),
    /// Writing RDF or query results to the output failed.
    #[error("writing the output")]
    Write(#[source] io::Error),
}

impl KgError {
    /// An [`KgError::Io`] naming `path`.
    pub fn io(action: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> KgError {
        let path = path.into();
        move |source| KgError::Io {
            action,
            path,
            source,
        }
    }

    /// The output error inside, when writing the output failed (e.g. a closed pipe).
    pub fn into_write_error(self) -> Result<io::Error, KgError> {
        match self {
            KgError::Write(e) => Ok(e),
            other => Err(other),
        }
    }
}

/// Results of [`crate::kg`].
pub type Result<T, E = KgError> = std::result::Result<T, E>;
