//! Normalisation of Arabic text for matching, with a map back to the original.
//!
//! Matching happens on a folded copy of the text; every character of that copy
//! remembers the range of original characters (Unicode scalar values) it came
//! from, so spans found on the copy are reported as offsets into the original.

use unicode_normalization::char::decompose_compatible;

/// Text folded for matching, with the original character range of every folded character.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The folded characters.
    pub chars: Vec<char>,
    /// For each folded character, the original character index it came from.
    pub origin: Vec<u32>,
    /// Length of the original text in characters.
    pub original_len: u32,
}

impl Normalized {
    /// Maps a half-open span of folded characters to a half-open span of original characters.
    pub fn original_span(&self, begin: usize, end: usize) -> (u32, u32) {
        if begin >= end || begin >= self.chars.len() {
            let at = self.origin.get(begin).copied().unwrap_or(self.original_len);
            return (at, at);
        }
        let b = self.origin[begin];
        let e = self.origin[end - 1] + 1;
        (b, e)
    }
}

/// Folds one character for matching: returns `None` when it is dropped.
///
/// Tashkeel, tatweel and invisible controls are dropped; alef, ya, teh marbuta,
/// hamza carriers, Persian letters and non-ASCII digits are unified; Latin is lower-cased.
pub const fn fold_char(c: char) -> Option<char> {
    // Fast path: the letters ا..ي that fold to themselves, ASCII letters, digits, space.
    if matches!(c, 'ا'..='ي' | 'a'..='z' | '0'..='9' | ' ') && !matches!(c, 'ة' | 'ـ' | 'ى') {
        return Some(c);
    }
    Some(match c {
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => return None,
        '\u{0300}'..='\u{036F}' => return None,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => return None,
        '\u{061C}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ې' | 'ێ' => 'ي',
        'ة' | 'ۃ' => 'ه',
        'ؤ' | 'ئ' => 'ء',
        'ک' => 'ك',
        'گ' => 'ج',
        'پ' => 'ب',
        'چ' => 'ج',
        'ڤ' => 'ف',
        '٠'..='٩' => (b'0' + (c as u32 - '٠' as u32) as u8) as char,
        '۰'..='۹' => (b'0' + (c as u32 - '۰' as u32) as u8) as char,
        '٬' => ',',
        '٫' => '.',
        '«' | '»' | '“' | '”' | '„' | '″' => '"',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{3000}' => ' ',
        '\r' => ' ',
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => c,
    })
}

/// [`fold_char`] of every character up to the Arabic letters, worked out at compile time
/// (ASCII and the letters ء..ي need no decomposition, so they are looked up here).
const FOLDED: [Option<char>; 0x064B] = {
    let mut table = [None; 0x064B];
    let mut i = 0;
    while i < table.len() {
        if let Some(c) = char::from_u32(i as u32) {
            table[i] = fold_char(c);
        }
        i += 1;
    }
    table
};

/// Normalises `text` for matching and records where each folded character came from.
///
/// NFKC compatibility decomposition is applied per character (presentation forms and
/// ligatures such as `ﻻ` become their letters), then [`fold_char`] folds the result.
pub fn normalize(text: &str) -> Normalized {
    let mut out = Normalized::default();
    out.chars.reserve(text.len() / 2);
    out.origin.reserve(text.len() / 2);
    out.original_len = for_each_folded(text, |idx, f| {
        out.chars.push(f);
        out.origin.push(idx);
    });
    out
}

/// Calls `each(index of the original character, folded character)` for every character
/// that folding keeps; returns the number of original characters.
fn for_each_folded(text: &str, mut each: impl FnMut(u32, char)) -> u32 {
    let mut idx = 0;
    for c in text.chars() {
        if c.is_ascii() || ('\u{0621}'..='\u{064A}').contains(&c) {
            if let Some(f) = FOLDED[c as usize] {
                each(idx, f);
            }
        } else {
            decompose_compatible(c, |d| {
                if let Some(f) = fold_char(d) {
                    each(idx, f);
                }
            });
        }
        idx += 1;
    }
    idx
}

/// Normalises a short string (a lexicon entry, a rule literal) to its folded form.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_folded(text, |_, f| out.push(f));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_alef_ya_teh_marbuta_and_diacritics() {
        assert_eq!(fold("أُوكرانيا"), "اوكرانيا");
        assert_eq!(fold("إيران"), "ايران");
        assert_eq!(fold("مستشفى"), "مستشفي");
        assert_eq!(fold("الصينية"), "الصينيه");
        assert_eq!(fold("نظّم"), "نظم");
        assert_eq!(fold("دعمـــا"), "دعما");
        assert_eq!(fold("مسؤول"), fold("مسئول"));
    }

    #[test]
    fn folds_digits_persian_letters_and_controls() {
        assert_eq!(fold("١٤ ۱۹"), "14 19");
        assert_eq!(fold("کیم"), "كيم");
        assert_eq!(fold("بوتين\u{200F}\u{200D}"), "بوتين");
        assert_eq!(fold("\u{FEFB}"), "لا");
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let text = "زارَ بوتينُ";
        let n = normalize(text);
        let folded: String = n.chars.iter().collect();
        assert_eq!(folded, "زار بوتين");
        let (b, e) = n.original_span(4, 9);
        let orig: String = text
            .chars()
            .skip(b as usize)
            .take((e - b) as usize)
            .collect();
        assert_eq!(orig, "بوتينُ".trim_end_matches('ُ'));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Arabic letters, marks, tatweel, presentation forms, digits, controls, Latin, spaces.
    fn arabicish() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "ا", "أ", "إ", "آ", "ب", "ت", "ة", "ى", "ي", "ئ", "ؤ", "ء", "ل", "لا", "ﻻ", "ﺏ",
            "\u{064E}", "\u{0651}", "\u{0640}", "\u{200F}", "\u{200D}", "\u{202B}", "٣", "۴", "7",
            "ک", "ی", "گ", " ", "،", ".", "\n", "A", "z", "é", "«", "»",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        /// Every span of the folded text (that does not cut a ligature such as ﻻ in two)
        /// maps to a span of the original whose own folding is the same text.
        #[test]
        fn spans_map_back(text in arabicish(), a in 0usize..60, len in 0usize..20) {
            let n = normalize(&text);
            let (b, e) = (a.min(n.chars.len()), (a + len).min(n.chars.len()));
            let cuts = |i: usize| i > 0 && i < n.chars.len() && n.origin[i - 1] == n.origin[i];
            if b < e && !cuts(b) && !cuts(e) {
                let (ob, oe) = n.original_span(b, e);
                let original: String = text.chars().skip(ob as usize).take((oe - ob) as usize).collect();
                let folded: String = n.chars[b..e].iter().collect();
                prop_assert_eq!(fold(&original), folded);
            }
        }

        /// Offsets never point past the original text and never go backwards.
        #[test]
        fn origins_are_monotonic(text in arabicish()) {
            let n = normalize(&text);
            prop_assert!(n.origin.windows(2).all(|w| w[0] <= w[1]));
            prop_assert!(n.origin.iter().all(|&o| o < n.original_len));
        }
    }
}
