//! Spelling skeletons: a key under which transliteration variants of a name meet.
//!
//! The skeleton of a folded string drops spaces and the long-vowel letters ا و ي
//! (except the very first letter), folds the letters outlets use for "g" (غ ج ق)
//! into one, and collapses doubled letters. `جين بينغ`, `جينبينغ` and `جينبينج`
//! share a skeleton; so do `الأمريكي` and `الأميركي`.

/// Builds a skeleton incrementally, token by token.
#[derive(Debug, Clone, Default)]
pub struct Skeleton {
    key: String,
    last: Option<char>,
    letters: usize,
}

/// Folds the letters used for a "g" sound into one representative.
pub fn g_fold(c: char) -> char {
    match c {
        'غ' | 'ق' | 'ج' => 'ج',
        c => c,
    }
}

impl Skeleton {
    /// Appends a folded token (or a whole folded string; spaces are skipped).
    pub fn push(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                continue;
            }
            let c = g_fold(c);
            let first = self.letters == 0;
            self.letters += 1;
            if !first && matches!(c, 'ا' | 'و' | 'ي') {
                continue;
            }
            if self.last == Some(c) {
                continue;
            }
            self.key.push(c);
            self.last = Some(c);
        }
    }

    /// The key built so far.
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// The skeleton of a folded string.
pub fn skeleton(s: &str) -> String {
    let mut k = Skeleton::default();
    k.push(s);
    k.key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    #[test]
    fn variants_share_a_skeleton() {
        assert_eq!(
            skeleton(&fold("شي جين بينغ")),
            skeleton(&fold("شي جينبينج"))
        );
        assert_eq!(skeleton(&fold("الأمريكي")), skeleton(&fold("الأميركي")));
        assert_eq!(skeleton(&fold("شانغفو")), skeleton(&fold("شانجفو")));
        assert_ne!(skeleton(&fold("روسيا")), skeleton(&fold("تركيا")));
    }
}
