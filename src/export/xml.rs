//! Minimal XML text escaping for the hand-written GEXF and GraphML.

use std::borrow::Cow;

/// Escapes `s` for use in XML 1.0 character data or a double- or single-quoted attribute:
/// `& < > " '` become entities, tab/newline/carriage return become character references
/// (so attribute-value normalisation keeps them), and the other control characters, which
/// XML 1.0 forbids, are dropped. O(len).
pub(crate) fn escape(s: &str) -> Cow<'_, str> {
    let needs = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'')
            || (c as u32) < 0x20
            || c == '\u{FFFE}'
            || c == '\u{FFFF}'
    };
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if needs(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_keeps_arabic() {
        assert!(matches!(escape("مصر"), std::borrow::Cow::Borrowed("مصر")));
        assert_eq!(
            escape("a<b>&\"c\"'d'"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;"
        );
        assert_eq!(escape("x\ny\t\u{1}z"), "x&#10;y&#9;z");
    }
}
