//! A persistent store that needs no C++: a folder with one N-Quads file per document
//! graph and a manifest, loaded into oxigraph's in-memory store when queried.
//!
//! ```text
//! DIR/LOCK            exclusive lock while a process writes (shared while one reads)
//! DIR/manifest.json   {"isnad_store": 1, "graphs": [{"id", "file", "quads"}...]} sorted by id
//! DIR/graphs/<sha256(id)>.nq
//! ```
//!
//! Every file is written to a temporary file in the same folder, synced, then renamed over
//! the old one, so a crash leaves each graph either old or new, never torn; a graph file
//! is renamed before the manifest lists it, so the manifest never names a missing file.

use super::format::RdfOutput;
use super::{KgError, Result};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Quad;
use oxigraph::store::Store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{self, File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

const MANIFEST: &str = "manifest.json";
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Entry {
    id: String,
    file: String,
    quads: usize,
}

#[derive(Serialize, Deserialize)]
struct Manifest {
    isnad_store: u32,
    graphs: Vec<Entry>,
}

/// How a store is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Shared lock: other readers may open it, writers may not.
    Read,
    /// Exclusive lock; the folder is created (or an empty one initialised) when missing.
    Write,
}

/// An open directory store; the lock is held until it is dropped.
#[derive(Debug)]
pub struct DirStore {
    dir: PathBuf,
    graphs: BTreeMap<String, Entry>,
    dirty: bool,
    _lock: File,
}

/// `sha256(id)` in hex: the graph file name of a document.
pub fn graph_file_name(id: &str) -> String {
    use sha2::Digest;
    let h = sha2::Sha256::digest(id.as_bytes());
    let hex: String = h.iter().map(|b| format!("{b:02x}")).collect();
    format!("graphs/{hex}.nq")
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, fsync, rename
/// (then, with `sync_dir`, fsync of the folder so the rename survives a power loss too).
pub fn write_atomic(path: &Path, bytes: &[u8], sync_dir: bool) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let res = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // Make the rename durable too (best effort: not every filesystem syncs folders).
        if sync_dir && let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = res {
        let _ = fs::remove_file(&tmp);
        return Err(KgError::io("writing", path)(e));
    }
    Ok(())
}

impl DirStore {
    /// Opens the store in `dir`. With [`Access::Write`] a missing or empty folder becomes a
    /// new store. Fails with a clear message when another isnad process holds the lock,
    /// when `dir` is a non-empty folder that is not a store, or on I/O errors (naming the path).
    pub fn open(dir: &Path, access: Access) -> Result<DirStore> {
        let manifest = dir.join(MANIFEST);
        let create = access == Access::Write;
        if dir.exists() {
            if !dir.is_dir() {
                return Err(KgError::NotAFolder { path: dir.into() });
            }
            if !manifest.exists() {
                let mut entries = fs::read_dir(dir).map_err(KgError::io("reading", dir))?;
                let empty = entries.next().is_none();
                if !empty {
                    return Err(KgError::NotAStore { path: dir.into() });
                }
                if !create {
                    return Err(KgError::EmptyFolder { path: dir.into() });
                }
            }
        } else if create {
            fs::create_dir_all(dir).map_err(KgError::io("creating the store folder", dir))?;
        } else {
            return Err(KgError::NoStore { path: dir.into() });
        }
        let lock_path = dir.join("LOCK");
        let lock = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .or_else(|e| {
                if create {
                    Err(e)
                } else {
                    File::open(&lock_path)
                }
            })
            .map_err(KgError::io("opening the lock file", &lock_path))?;
        let locked = if create {
            lock.try_lock()
        } else {
            lock.try_lock_shared()
        };
        match locked {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(KgError::Locked {
                    path: dir.into(),
                    lock: lock_path,
                });
            }
            Err(TryLockError::Error(e)) => return Err(KgError::io("locking", lock_path)(e)),
        }
        let mut store = DirStore {
            dir: dir.to_path_buf(),
            graphs: BTreeMap::new(),
            dirty: false,
            _lock: lock,
        };
        if manifest.exists() {
            let text = fs::read_to_string(&manifest).map_err(KgError::io("reading", &manifest))?;
            let m: Manifest =
                serde_json::from_str(&text).map_err(|source| KgError::BadManifest {
                    path: manifest.clone(),
                    source,
                })?;
            if m.isnad_store != FORMAT_VERSION {
                return Err(KgError::StoreVersion {
                    path: manifest,
                    found: m.isnad_store,
                    supported: FORMAT_VERSION,
                });
            }
            store.graphs = m.graphs.into_iter().map(|e| (e.id.clone(), e)).collect();
            if create {
                // Temporary files of a writer that was killed.
                for e in fs::read_dir(dir.join("graphs"))
                    .into_iter()
                    .flatten()
                    .flatten()
                {
                    if e.file_name().to_string_lossy().ends_with(".tmp") {
                        let _ = fs::remove_file(e.path());
                    }
                }
            }
        } else {
            fs::create_dir_all(dir.join("graphs"))
                .map_err(KgError::io("creating", dir.join("graphs")))?;
            store.dirty = true;
            store.flush()?;
        }
        Ok(store)
    }

    /// The store folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Document ids, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.graphs.keys().map(String::as_str)
    }

    /// Number of document graphs.
    pub fn len(&self) -> usize {
        self.graphs.len()
    }

    /// Whether the store has no graphs.
    pub fn is_empty(&self) -> bool {
        self.graphs.is_empty()
    }

    /// Adds or replaces the graph of document `id` (the quads are written as given: sorted
    /// quads give a byte-stable file). The graph file is replaced atomically at once; the
    /// manifest lists it after the next [`DirStore::flush`] (or drop).
    pub fn put_document(&mut self, id: &str, quads: &mut Vec<Quad>) -> Result<()> {
        let file = graph_file_name(id);
        let path = self.dir.join(&file);
        // Writing into a Vec cannot fail.
        let bytes = super::format::write_quads(
            quads,
            true,
            RdfOutput::Nq,
            Vec::with_capacity(quads.len() * 160),
        )?;
        write_atomic(&path, &bytes, false)?;
        let entry = Entry {
            id: id.to_string(),
            file,
            quads: quads.len(),
        };
        if self.graphs.get(id) != Some(&entry) {
            self.graphs.insert(id.to_string(), entry);
            self.dirty = true;
        }
        Ok(())
    }

    /// Writes the manifest (atomically) if it changed.
    pub fn flush(&mut self) -> Result<()> {
        if !self.dirty {
            return Ok(());
        }
        let mut out = format!("{{\"isnad_store\": {FORMAT_VERSION}, \"graphs\": [");
        for (i, e) in self.graphs.values().enumerate() {
            out.push_str(if i == 0 { "\n  " } else { ",\n  " });
            out.push_str(
                &serde_json::to_string(e).map_err(|source| KgError::BadManifest {
                    path: self.dir.join(MANIFEST),
                    source,
                })?,
            );
        }
        out.push_str("\n]}\n");
        // The graph files renamed since the last flush are made durable with the manifest.
        if let Ok(d) = File::open(self.dir.join("graphs")) {
            let _ = d.sync_all();
        }
        write_atomic(&self.dir.join(MANIFEST), out.as_bytes(), true)?;
        self.dirty = false;
        Ok(())
    }

    /// The quads of one listed graph file, read and parsed (errors name the file).
    /// The quads of one graph file. The files are isnad's own output, so they are parsed
    /// without validating IRIs and language tags again (`lenient`); broken lines are still
    /// reported with their line.
    fn read_graph(&self, e: &Entry) -> Result<Vec<Quad>> {
        let path = self.dir.join(&e.file);
        let bytes = fs::read(&path).map_err(KgError::io("reading", &path))?;
        RdfParser::from_format(RdfFormat::NQuads)
            .lenient()
            .for_slice(&bytes)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|err| KgError::Parse {
                line: err.location().map_or(0, |l| l.start.line + 1),
                message: err.to_string(),
                id: e.id.clone(),
                path,
            })
    }

    /// The quads of document `id`, when the store has it.
    pub fn document(&self, id: &str) -> Result<Option<Vec<Quad>>> {
        self.graphs.get(id).map(|e| self.read_graph(e)).transpose()
    }

    /// Every quad of every graph, as written (sorted by graph when the graphs were sorted).
    pub fn quads(&self) -> Result<Vec<Quad>> {
        let mut all = Vec::new();
        for e in self.graphs.values() {
            all.extend(self.read_graph(e)?);
        }
        Ok(all)
    }

    /// Loads every graph into an oxigraph store with the bulk loader; returns the quad count.
    /// The graph files are parsed on the worker threads, a few at a time and in order,
    /// while this thread inserts what they give.
    pub fn load_into(&self, store: &Store) -> Result<usize> {
        use rayon::prelude::*;
        let entries: Vec<&Entry> = self.graphs.values().collect();
        let mut loader = store.bulk_loader();
        let mut n = 0;
        std::thread::scope(|scope| -> Result<()> {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Vec<Vec<Quad>>>>(2);
            scope.spawn(move || {
                for chunk in entries.chunks(32) {
                    let parsed: Result<Vec<Vec<Quad>>> =
                        chunk.par_iter().map(|e| self.read_graph(e)).collect();
                    let failed = parsed.is_err();
                    // The receiver is gone when loading stopped on an error.
                    if tx.send(parsed).is_err() || failed {
                        break;
                    }
                }
            });
            for parsed in rx {
                for q in parsed? {
                    n += q.len();
                    loader.load_quads(q)?;
                }
            }
            Ok(())
        })?;
        loader.commit()?;
        Ok(n)
    }
}

impl Drop for DirStore {
    fn drop(&mut self) {
        if let Err(e) = self.flush() {
            eprintln!("isnad: error: {e:#}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_is_exclusive_and_non_stores_are_rejected() {
        let d = tempfile::tempdir().unwrap();
        let s = d.path().join("s");
        let a = DirStore::open(&s, Access::Write).unwrap();
        let e = DirStore::open(&s, Access::Write).unwrap_err().to_string();
        assert!(e.contains("in use by another isnad process"), "{e}");
        drop(a);
        assert!(DirStore::open(&s, Access::Read).is_ok());
        let other = d.path().join("o");
        fs::create_dir(&other).unwrap();
        fs::write(other.join("x.txt"), "x").unwrap();
        let e = DirStore::open(&other, Access::Write)
            .unwrap_err()
            .to_string();
        assert!(e.contains("not an isnad store"), "{e}");
    }
}
