//! Text layer: folding for matching with offsets back to the original, tokens,
//! sentences and proclitics.

pub mod clitics;
pub mod decimal;
pub mod intern;
pub mod normalize;
pub mod original;
pub mod tokens;

pub use decimal::Decimal;
pub use normalize::{Normalized, fold, normalize};
pub use original::OriginalText;
pub use tokens::{SentenceSpan, Token, TokenKind, split_sentences, tokenize};

/// A document's text analysed once: folded characters, tokens and sentences.
#[derive(Debug, Clone)]
pub struct Analyzed {
    /// The folded text and its map to original offsets.
    pub norm: Normalized,
    /// All tokens of the document.
    pub tokens: Vec<Token>,
    /// Sentences as token ranges.
    pub sentences: Vec<SentenceSpan>,
}

impl Analyzed {
    /// Folds, tokenises and splits `text`.
    pub fn new(text: &str) -> Self {
        let norm = normalize(text);
        let tokens = tokenize(&norm);
        let sentences = split_sentences(&tokens);
        Analyzed {
            norm,
            tokens,
            sentences,
        }
    }

    /// Original character span (begin, end) of tokens `first..last`.
    pub fn original_span(&self, first: usize, last: usize) -> (u32, u32) {
        if first >= last {
            return (0, 0);
        }
        self.norm
            .original_span(self.tokens[first].begin, self.tokens[last - 1].end)
    }
}
