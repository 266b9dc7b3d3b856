//! Proclitic segmentation: و ف ب ل ك س and the article ال (لل = ل + ال).
//!
//! Segmentation is offered as candidates; the caller keeps a candidate only when
//! what is left is something it knows (a lexicon entry, a rule word).

/// One way to split a word into proclitics and a stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The proclitic letters removed (`"و"`, `"وب"`, `"ل"`…); for `لل` this is `"ل"`.
    pub clitics: &'static str,
    /// The stem as it should be looked up (for `لل…` this is `ال…`, rebuilt).
    pub stem: std::borrow::Cow<'a, str>,
}

/// Every sequence of proclitics [`splits`] removes: conjunction, then preposition or
/// future marker.
const CLITICS: [&str; 15] = [
    "", "و", "ف", "ب", "ل", "ك", "س", "وب", "ول", "وك", "وس", "فب", "فل", "فك", "فس",
];

/// The static copy of a proclitic sequence (so mentions carry it without allocating).
fn as_static(c: &str) -> &'static str {
    CLITICS
        .iter()
        .find(|x| **x == c)
        .copied()
        .unwrap_or_default()
}

/// All splits of a folded word into conjunction (و ف), preposition (ب ل ك) or
/// future marker (س), and stem, from no split to the longest; stems shorter than
/// two letters are not offered.
pub fn splits(word: &str) -> smallvec::SmallVec<[Split<'_>; 4]> {
    let mut out = smallvec::smallvec![Split {
        clitics: "",
        stem: word.into()
    }];
    let mut push = |clitics_len: usize| {
        let (c, rest) = word.split_at(clitics_len);
        let c = as_static(c);
        if rest.chars().count() >= 2 {
            out.push(Split {
                clitics: c,
                stem: rest.into(),
            });
        }
        // ل + ال is written لل: offer the stem with its article back.
        if c.ends_with('ل') && rest.starts_with('ل') && rest.chars().count() >= 3 {
            out.push(Split {
                clitics: c,
                stem: format!("ا{rest}").into(),
            });
        }
    };
    // The clitic letters are all two bytes long in UTF-8.
    let mut chars = word.chars();
    let mut at = 0;
    let mut next = chars.next();
    if matches!(next, Some('و' | 'ف')) {
        at = 'و'.len_utf8();
        push(at);
        next = chars.next();
    }
    if matches!(next, Some('ب' | 'ل' | 'ك' | 'س')) {
        push(at + 'ب'.len_utf8());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(w: &str) -> Vec<String> {
        splits(w)
            .into_iter()
            .map(|s| format!("{}+{}", s.clitics, s.stem))
            .collect()
    }

    #[test]
    fn conjunction_and_preposition() {
        assert_eq!(stems("وبيلاروس"), vec!["+وبيلاروس", "و+بيلاروس", "وب+يلاروس"]);
        assert!(stems("لبوتين").contains(&"ل+بوتين".to_string()));
        assert!(stems("بموسكو").contains(&"ب+موسكو".to_string()));
    }

    #[test]
    fn lam_lam_restores_the_article() {
        assert!(stems("للصين").contains(&"ل+الصين".to_string()));
        assert!(stems("وللصين").contains(&"ول+الصين".to_string()));
    }
}
