//! The original text of a document, sliced by Unicode scalar offsets (the offsets facts,
//! spans and NIF strings use) without a copy of it as characters.

/// A text with the byte offset of each of its characters.
#[derive(Debug, Clone)]
pub struct OriginalText<'t> {
    text: &'t str,
    /// Byte offset of every character, then the text's length.
    starts: Vec<u32>,
}

impl<'t> OriginalText<'t> {
    /// Indexes the characters of `text`.
    pub fn new(text: &'t str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 2 + 1);
        starts.extend(text.char_indices().map(|(i, _)| i as u32));
        starts.push(text.len() as u32);
        OriginalText { text, starts }
    }

    /// How many characters the text has.
    pub fn chars(&self) -> usize {
        self.starts.len() - 1
    }

    /// Characters `[b, e)`, clipped to the text (empty when `e <= b`).
    pub fn slice(&self, b: u32, e: u32) -> &'t str {
        let at = |i: u32| self.starts[(i as usize).min(self.chars())] as usize;
        let (b, e) = (at(b), at(e));
        &self.text[b..e.max(b)]
    }
}

#[cfg(test)]
mod tests {
    use super::OriginalText;

    #[test]
    fn slices_by_characters_and_clips() {
        let t = OriginalText::new("زار لي بكين");
        assert_eq!(t.chars(), 11);
        assert_eq!(t.slice(4, 6), "لي");
        assert_eq!(t.slice(7, 99), "بكين");
        assert_eq!(t.slice(6, 2), "");
        assert_eq!(OriginalText::new("").slice(0, 3), "");
    }
}
