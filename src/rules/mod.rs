//! Declarative extraction rules: the language ([`syntax`]) and the matcher ([`engine`]).

pub mod engine;
pub mod examples;
pub mod syntax;

pub use engine::{Binding, Compiled, Item, Match, MentionView};
pub use syntax::{Elem, Emit, Example, Modality, Rule, SlotSource, SlotType, SyntaxError, Word};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One word list, indexed: exact words in a hash set, prefix/suffix patterns aside.
#[derive(Debug, Clone, Default)]
struct IndexedList {
    exact: rustc_hash::FxHashSet<String>,
    patterns: Vec<Word>,
}

/// Lists whose words start a mention other than a lexicon name (titles, events,
/// coreference words): a token none of whose stems is in them needs no other look.
const MENTION_STARTERS: &[&str] = &[
    "TITLE_HEAD",
    "COUNTERPART",
    "CAPITAL_WORD",
    "EVENT_HEAD",
    "QUOTED_EVENT_HEAD",
    "LATTER",
    "BOTH_COUNTRIES",
    "HIS_COUNTRY",
    "STATE_NOUN",
    "HONORIFIC_PRONOUN",
    "GUEST_WORD",
    "HOST_WORD",
];

/// Word lists the extractor itself reads from the rule files (titles, cues, stop words).
#[derive(Debug, Clone, Default)]
pub struct Lists {
    lists: rustc_hash::FxHashMap<String, IndexedList>,
    starters: rustc_hash::FxHashSet<String>,
}

impl Lists {
    /// Indexes named word lists.
    pub fn new(lists: HashMap<String, Vec<Word>>) -> Lists {
        let lists: rustc_hash::FxHashMap<String, IndexedList> = lists
            .into_iter()
            .map(|(name, words)| {
                let mut l = IndexedList::default();
                for w in words {
                    match w {
                        Word::Exact(x) => {
                            l.exact.insert(x);
                        }
                        other => l.patterns.push(other),
                    }
                }
                (name, l)
            })
            .collect();
        let starters = MENTION_STARTERS
            .iter()
            .filter_map(|n| lists.get(*n))
            .flat_map(|l| l.exact.iter().cloned())
            .collect();
        Lists { lists, starters }
    }

    /// True when a folded stem may start a title, event or coreference mention.
    pub fn starts_mention(&self, stem: &str) -> bool {
        self.starters.contains(stem)
    }

    /// Number of lists.
    pub fn len(&self) -> usize {
        self.lists.len()
    }

    /// True when there are no lists.
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// True when a folded word (allowing a leading و/ف) is in the named list.
    pub fn has(&self, list: &str, w: &str) -> bool {
        let Some(l) = self.lists.get(list) else {
            return false;
        };
        let conj = w
            .strip_prefix('و')
            .or_else(|| w.strip_prefix('ف'))
            .filter(|r| r.chars().count() >= 2);
        l.exact.contains(w)
            || conj.is_some_and(|r| l.exact.contains(r))
            || l.patterns.iter().any(|p| engine::word_matches(p, w))
    }

    /// True when a folded word is exactly in the named list (no conjunction allowed).
    pub fn has_exact(&self, list: &str, w: &str) -> bool {
        self.lists.get(list).is_some_and(|l| l.exact.contains(w))
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
            .map_err(|source| RulesError::Io {
                path: dir.to_path_buf(),
                source,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "rules"))
            .collect();
        files.sort();
        let mut sources = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|source| RulesError::Io {
                path: f.clone(),
                source,
            })?;
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
                        message: format!(
                            "rule `{}` is already defined at {}:{}",
                            r.id,
                            prev.file.display(),
                            prev.line
                        ),
                    }
                    .into());
                }
                rules.push(r);
            }
        }
        let digest = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(RuleSet {
            compiled: Compiled::new(rules),
            lists: Lists::new(lists),
            digest,
        })
    }
}
