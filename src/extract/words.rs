//! What each word may start, worked out once per distinct word and thread: most words
//! start nothing, and the mention finder skips them after one look-up.

use super::dates;
use crate::lexicon::{FirstWord, Lexicon, skeleton};
use crate::rules::Lists;
use crate::text::{Token, TokenKind, clitics};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

/// What the mention finder may find at a word, before it tries anything there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// Some proclitic split starts a title, event or coreference phrase.
    pub starter: bool,
    /// Some proclitic split may be the first word of a lexicon form.
    pub lexical: bool,
    /// The skeleton head of a split is the head of a lexicon short name.
    pub short_name: bool,
    /// The word may begin a date expression ([`dates::may_start`]).
    pub date_start: bool,
    heads: [u64; MAX_SPLITS],
    n_heads: u8,
}

/// [`clitics::splits`] gives at most five splits (none, و, و+ب, و+ل, و+ل with ال).
const MAX_SPLITS: usize = 5;

impl WordInfo {
    fn new(w: &str, lex: &Lexicon, lists: &Lists, lexical: bool) -> Self {
        let mut info = WordInfo {
            lexical,
            date_start: dates::may_start(w),
            ..WordInfo::default()
        };
        for s in clitics::splits(w) {
            info.starter |= lists.starts_mention(&s.stem);
            // Short surnames (لي, كيم, يون) only as written, never through a clitic split.
            if s.stem.chars().count() < 4 && !s.clitics.is_empty() {
                continue;
            }
            let head = skeleton::head(&s.stem);
            info.short_name |= lex.may_be_short_name(head);
            if let Some(slot) = info.heads.get_mut(usize::from(info.n_heads)) {
                *slot = head;
                info.n_heads += 1;
            }
        }
        info
    }

    /// Skeleton heads of the splits coreference may read as a surname.
    pub fn surname_heads(&self) -> &[u64] {
        &self.heads[..usize::from(self.n_heads)]
    }
}

/// What a word may start, and the splits of it that may begin a lexicon form.
#[derive(Debug, Clone, Default)]
struct Word {
    info: WordInfo,
    /// [`Lexicon::first_words`], when there are any (shared, as words repeat).
    firsts: Option<Rc<[FirstWord]>>,
}

impl Word {
    fn new(w: &str, lex: &Lexicon, lists: &Lists) -> Self {
        let firsts = lex.first_words(w);
        Word {
            info: WordInfo::new(w, lex, lists, !firsts.is_empty()),
            firsts: (!firsts.is_empty()).then(|| firsts.into()),
        }
    }
}

/// [`WordInfo`] of every token of a document (punctuation and numbers start nothing).
#[derive(Debug, Default)]
pub struct Words(Vec<Word>);

impl Words {
    /// What token `i` may start (nothing, past the end).
    pub fn get(&self, i: usize) -> WordInfo {
        self.0.get(i).map(|w| w.info).unwrap_or_default()
    }

    /// The [`Lexicon::first_words`] of token `i` (none, past the end).
    pub fn first_words(&self, i: usize) -> &[FirstWord] {
        self.0
            .get(i)
            .and_then(|w| w.firsts.as_deref())
            .unwrap_or_default()
    }
}

/// Distinct words already looked at, kept per thread for one lexicon and rule set (a
/// clone reads the same lexicon and rules, so it shares the memo).
#[derive(Debug, Clone)]
pub struct WordMemo {
    /// Tells this memo's words from another extractor's on the same thread.
    id: u64,
}

/// Distinct words a thread keeps before starting over (about 5 MB).
const MEMO_LIMIT: usize = 1 << 16;

thread_local! {
    /// (owner memo, words by [`Token::word`]: ids are never reused, so none goes stale).
    static SEEN: RefCell<(u64, FxHashMap<u64, Word>)> = RefCell::default();
}

impl WordMemo {
    /// A memo for one lexicon and rule set, which must not change while it is used.
    pub fn new() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        WordMemo {
            id: NEXT.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The [`WordInfo`] of each of `tokens`, each distinct word worked out once.
    pub fn words(&self, tokens: &[Token], lex: &Lexicon, lists: &Lists) -> Words {
        SEEN.with_borrow_mut(|(owner, seen)| {
            if *owner != self.id || seen.len() > MEMO_LIMIT {
                seen.clear();
                *owner = self.id;
            }
            let words = tokens.iter().map(|t| {
                if t.kind != TokenKind::Word {
                    return Word::default();
                }
                if let Some(word) = seen.get(&t.word) {
                    return word.clone();
                }
                let word = Word::new(&t.norm, lex, lists);
                seen.insert(t.word, word.clone());
                word
            });
            Words(words.collect())
        })
    }
}

impl Default for WordMemo {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use crate::text::Analyzed;

    fn ontology() -> (Lexicon, RuleSet) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology");
        let lex = Lexicon::load_dir(&root.join("entities")).unwrap();
        let rules = RuleSet::load_dir(&root.join("rules")).unwrap();
        (lex, rules)
    }

    #[test]
    fn words_say_what_they_may_start() {
        let (lex, rules) = ontology();
        let a = Analyzed::new("زار الوزير بكين، ثم زار الوزير وموسكو.");
        let words = WordMemo::new().words(&a.tokens, &lex, &rules.lists);
        let [visit, minister, beijing, comma, moscow] = [0, 1, 2, 3, 7].map(|i| words.get(i));
        assert!(minister.starter && !minister.lexical);
        assert!(beijing.lexical && !beijing.starter);
        assert!(moscow.lexical, "through the split و + موسكو");
        assert!(!visit.lexical && !visit.starter);
        assert_eq!(comma, WordInfo::default());
        assert_eq!(words.get(99), WordInfo::default());
    }

    #[test]
    fn another_lexicon_on_the_same_thread_does_not_read_the_first_ones_words() {
        let (lex, rules) = ontology();
        let a = Analyzed::new("بكين");
        assert!(
            WordMemo::new()
                .words(&a.tokens, &lex, &rules.lists)
                .get(0)
                .lexical
        );
        let empty = Lexicon::default();
        let words = WordMemo::new().words(&a.tokens, &empty, &rules.lists);
        assert!(!words.get(0).lexical);
    }
}
