//! A deterministic romanisation of folded Arabic names, for the IRIs of entities
//! the lexicon lacks. It is not a scholarly transliteration: it only has to be
//! stable and readable, and to give spelling variants (غ/ج/ق) the same result.

/// Romanises a folded Arabic string into a lowercase ASCII slug (`-` between words).
pub fn romanize(folded: &str) -> String {
    let mut out = String::new();
    for word in folded.split_whitespace() {
        // One `-` between words; a word with no letters (a hyphen, a dash) adds none.
        if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        let chars: Vec<char> = word.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let at_start = i == 0;
            let s: &str = match c {
                'ا' => "a",
                'ب' => "b",
                'ت' => "t",
                'ث' => "th",
                'ج' | 'غ' | 'ق' => "g",
                'ح' => "h",
                'خ' => "kh",
                'د' => "d",
                'ذ' => "dh",
                'ر' => "r",
                'ز' => "z",
                'س' | 'ص' => "s",
                'ش' => "sh",
                'ض' => "d",
                'ط' => "t",
                'ظ' => "z",
                'ع' | 'ء' => "",
                'ف' => "f",
                'ك' => "k",
                'ل' => "l",
                'م' => "m",
                'ن' => "n",
                'ه' => "h",
                'و' if at_start => "w",
                'و' => "u",
                'ي' if at_start => "y",
                'ي' => "i",
                c if c.is_ascii_alphanumeric() => {
                    out.push(c.to_ascii_lowercase());
                    continue;
                }
                _ => "",
            };
            out.push_str(s);
        }
    }
    let trimmed: String = out.trim_matches('-').to_string();
    if trimmed.is_empty() {
        "x".into()
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    #[test]
    fn variants_romanize_alike() {
        assert_eq!(romanize(&fold("نيكولاي يفمينوف")), "nikulai-yfminuf");
        assert_eq!(romanize(&fold("سيرغي")), romanize(&fold("سيرجي")));
    }

    #[test]
    fn a_hyphen_between_words_gives_one_separator() {
        assert_eq!(romanize(&fold("الصيني - الأفريقي")), "alsini-alafrigi");
    }
}
