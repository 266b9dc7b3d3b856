//! Tokenisation and sentence splitting over folded text.

use super::intern::{Interned, Norm, intern};
use super::normalize::Normalized;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (Arabic or Latin), possibly with attached clitics.
    Word,
    /// Digits, possibly with an inner `.` or `,` (`3.5`, `1,000`).
    Number,
    /// One punctuation mark; a line break is the punctuation `\n`.
    Punct,
}

/// One token: its folded form and its span in folded characters.
#[derive(Debug, Clone)]
pub struct Token {
    /// The folded text of the token (shared by the tokens of the same text).
    pub norm: Norm,
    /// The same for every token of the same text (see [`intern`]).
    pub word: u64,
    /// First folded character.
    pub begin: usize,
    /// One past the last folded character.
    pub end: usize,
    /// Word, number or punctuation.
    pub kind: TokenKind,
}

/// Tokens are equal when their text, span and kind are (whichever thread made them, so
/// whatever their [`Token::word`] id).
impl PartialEq for Token {
    fn eq(&self, other: &Self) -> bool {
        (&self.norm, self.begin, self.end, self.kind)
            == (&other.norm, other.begin, other.end, other.kind)
    }
}

impl Token {
    /// True for the punctuation `p`.
    pub fn is_punct(&self, p: &str) -> bool {
        self.kind == TokenKind::Punct && self.norm == p
    }
}

/// A sentence: a range of tokens of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
}

fn is_letter(c: char) -> bool {
    match c {
        '\u{0621}'..='\u{064A}' | 'a'..='z' | 'A'..='Z' => true,
        '،' | '؛' | '؟' => false,
        c if c.is_ascii() => false,
        c => c.is_alphabetic(),
    }
}

/// Splits folded text into tokens; line breaks become `\n` punctuation tokens.
pub fn tokenize(n: &Normalized) -> Vec<Token> {
    let chars = &n.chars;
    let mut out = Vec::with_capacity(chars.len() / 5);
    let token = |b: usize, e: usize, kind: TokenKind| {
        let Interned { text, id } = intern(&chars[b..e]);
        Token {
            norm: text,
            word: id,
            begin: b,
            end: e,
            kind,
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() && c != '\n' {
            i += 1;
        } else if is_letter(c) {
            let b = i;
            while i < chars.len() && is_letter(chars[i]) {
                i += 1;
            }
            out.push(token(b, i, TokenKind::Word));
        } else if c.is_ascii_digit() {
            let b = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], '.' | ',' | '٫' | '٬')
                        && i + 1 < chars.len()
                        && chars[i + 1].is_ascii_digit()))
            {
                i += 1;
            }
            out.push(token(b, i, TokenKind::Number));
        } else {
            // One punctuation mark; a line break is the punctuation `\n`.
            out.push(token(i, i + 1, TokenKind::Punct));
            i += 1;
        }
    }
    out
}

fn is_terminator(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "." | "؟" | "?" | "!" | "؛" | "…")
}

/// Splits tokens into sentences at `. ؟ ! ؛` and line breaks.
///
/// A terminator inside double quotes does not end the sentence (a line break does),
/// nor does a period after a one-letter abbreviation (`أ.ف.ب`, `د.`). Closing quotes
/// and brackets right after a terminator stay with the sentence they close.
pub fn split_sentences(tokens: &[Token]) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    let mut first = 0;
    let mut in_quote = false;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let mut end_here = false;
        if t.is_punct("\n") {
            in_quote = false;
            end_here = true;
        } else if t.is_punct("\"") {
            in_quote = !in_quote;
        } else if is_terminator(t) && !in_quote {
            let abbrev = t.norm == "."
                && i > 0
                && tokens[i - 1].kind == TokenKind::Word
                && tokens[i - 1].norm.chars().count() == 1
                && tokens[i - 1].end == t.begin;
            if !abbrev {
                while i + 1 < tokens.len()
                    && (is_terminator(&tokens[i + 1])
                        || matches!(tokens[i + 1].norm.as_str(), ")" | "]"))
                {
                    i += 1;
                }
                end_here = true;
            }
        }
        if end_here {
            let last = if t.is_punct("\n") { i } else { i + 1 };
            if tokens[first..last]
                .iter()
                .any(|t| t.kind != TokenKind::Punct)
            {
                out.push(SentenceSpan { first, last });
            }
            first = i + 1;
        }
        i += 1;
    }
    if tokens[first.min(tokens.len())..]
        .iter()
        .any(|t| t.kind != TokenKind::Punct)
    {
        out.push(SentenceSpan {
            first,
            last: tokens.len(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    fn sentences(text: &str) -> Vec<String> {
        let n = normalize(text);
        let toks = tokenize(&n);
        split_sentences(&toks)
            .iter()
            .map(|s| {
                toks[s.first..s.last]
                    .iter()
                    .map(|t| t.norm.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn numbers_keep_inner_points() {
        let n = normalize("ارتفع 3.5% و١٬٠٠٠");
        let toks = tokenize(&n);
        assert_eq!(toks[1].norm, "3.5");
        assert_eq!(toks[1].kind, TokenKind::Number);
        assert_eq!(toks.last().unwrap().norm, "1,000");
    }

    #[test]
    fn splits_at_terminators_and_newlines_not_inside_quotes() {
        let s = sentences("قال \"هذا مهم. جدا\" ثم غادر. زار بوتين الصين؟\nعنوان\nنص");
        assert_eq!(s.len(), 4, "{s:?}");
        assert!(s[0].contains("جدا"));
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(sentences("(أ.ف.ب) زار الرئيس موسكو.").len(), 1);
    }
}
