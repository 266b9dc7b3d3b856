//! Declarative extraction rules: the language ([`syntax`]) and the matcher ([`engine`]).

pub mod engine;
pub mod examples;
pub mod syntax;

pub use engine::{Binding, Compiled, Item, Match, MentionView};
pub use syntax::{Elem, Emit, Example, Modality, Rule, SlotSource, SlotType, SyntaxError, Word};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Word lists the extractor itself reads from the rule files (titles, cues, stop words).
#[derive(Debug, Clone, Default)]
pub struct Lists(pub HashMap<String, Vec<Word>>);

impl Lists {
    /// True when a folded word (allowing a leading و/ف) is in the named list.
    pub fn has(&self, list: &str, w: &str) -> bool {
        self.0.get(list).is_some_and(|ws| ws.iter().any(|p| engine::word_matches(p, w)))
    }

    /// True when a folded word is exactly in the named list (no conjunction allowed).
    pub fn has_exact(&self, list: &str, w: &str) -> bool {
        self.0.get(list).is_some_and(|ws| ws.iter().any(|p| matches!(p, Word::Exact(x) if x == w)))
    }
}

/// An error while loading rules.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// A rule file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A syntax error.
    #[error(transparent)]
    Syntax(#[from] SyntaxError),
}

/// The loaded rule set: compiled rules, the lists, and a digest of the sources.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Compiled rules.
    pub compiled: Compiled,
    /// All named word lists.
    pub lists: Lists,
    /// SHA-256 of the rule sources (hex), naming this rule set in provenance.
    pub digest: String,
}

impl RuleSet {
    /// Loads every `*.rules` file of a folder, sorted by name (lists defined in a
    /// file are visible to the files after it).
    pub fn load_dir(dir: &Path) -> Result<RuleSet, RulesError> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|source| RulesError::Io { path: dir.to_path_buf(), source })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "rules"))
            .collect();
        files.sort();
        let mut sources = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|source| RulesError::Io { path: f.clone(), source })?;
            sources.push((f, text));
        }
        Self::from_sources(&sources)
    }

    /// Builds a rule set from texts, each named by its path.
    pub fn from_sources(sources: &[(PathBuf, String)]) -> Result<RuleSet, RulesError> {
        use sha2::Digest;
        let mut lists = HashMap::new();
        let mut rules: Vec<Rule> = Vec::new();
        let mut hasher = sha2::Sha256::new();
        for (path, text) in sources {
            hasher.update(text.as_bytes());
            for r in syntax::parse_rules(path, text, &mut lists)? {
                if let Some(prev) = rules.iter().find(|p| p.id == r.id) {
                    return Err(SyntaxError {
                        file: path.clone(),
                        line: r.line,
                        column: 6,
                        message: format!("rule `{}` is already defined at {}:{}", r.id, prev.file.display(), prev.line),
                    }
                    .into());
                }
                rules.push(r);
            }
        }
        let digest = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
        Ok(RuleSet { compiled: Compiled::new(rules), lists: Lists(lists), digest })
    }
}
