//! Facts written as JSON lines by hand: the same bytes as `serde_json`, without its
//! per-byte escape table for text that needs no escaping (almost all of it).

use super::{EntityOut, Fact};
use crate::text::Decimal;

impl Fact {
    /// Appends the fact as one compact JSON object (no newline), exactly as
    /// `serde_json::to_writer` writes it.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"doc\":");
        string(out, &self.doc);
        out.extend_from_slice(b",\"s\":");
        entity(out, &self.s);
        out.extend_from_slice(b",\"p\":");
        string(out, &self.p);
        out.extend_from_slice(b",\"o\":");
        entity(out, &self.o);
        out.extend_from_slice(b",\"modality\":");
        string(out, self.modality.name());
        if let Some(w) = &self.when {
            out.extend_from_slice(b",\"when\":{\"start\":");
            string(out, &w.start);
            out.extend_from_slice(b",\"end\":");
            string(out, &w.end);
            out.push(b'}');
        }
        out.extend_from_slice(b",\"rule\":");
        string(out, &self.rule);
        out.extend_from_slice(b",\"sentence\":");
        number(out, self.sentence);
        out.extend_from_slice(b",\"span\":");
        pair(out, self.span);
        out.extend_from_slice(b",\"sentence_span\":");
        pair(out, self.sentence_span);
        out.extend_from_slice(b",\"text\":");
        string(out, &self.text);
        if let Some(r) = &self.role {
            out.extend_from_slice(b",\"role\":");
            string(out, r);
        }
        out.extend_from_slice(b",\"confidence\":");
        serde_json::to_writer(&mut *out, &self.confidence).expect("a Vec takes any write");
        out.push(b'}');
    }
}

fn entity(out: &mut Vec<u8>, e: &EntityOut) {
    out.extend_from_slice(b"{\"iri\":");
    string(out, &e.iri);
    out.extend_from_slice(b",\"label\":");
    string(out, &e.label);
    if let Some(en) = &e.label_en {
        out.extend_from_slice(b",\"label_en\":");
        string(out, en);
    }
    out.extend_from_slice(b",\"type\":");
    string(out, &e.kind);
    out.extend_from_slice(b",\"surface\":");
    string(out, &e.surface);
    if !e.same_as.is_empty() {
        out.extend_from_slice(b",\"same_as\":[");
        for (i, s) in e.same_as.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            string(out, s);
        }
        out.push(b']');
    }
    out.push(b'}');
}

/// A JSON string; text with a quote, backslash or control character goes through
/// `serde_json` for its escapes.
fn string(out: &mut Vec<u8>, s: &str) {
    let plain = !s.bytes().fold(false, |esc, b| {
        esc | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if plain {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        serde_json::to_writer(&mut *out, s).expect("a Vec takes any write");
    }
}

fn number(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(Decimal::new(n as u64).as_str().as_bytes());
}

fn pair(out: &mut Vec<u8>, [a, b]: [u32; 2]) {
    out.push(b'[');
    number(out, a as usize);
    out.push(b',');
    number(out, b as usize);
    out.push(b']');
}

#[cfg(test)]
mod tests {
    use super::super::When;
    use super::*;
    use crate::rules::Modality;
    use proptest::prelude::*;

    fn entity_out(label: String, en: Option<String>, same_as: Vec<String>) -> EntityOut {
        EntityOut {
            iri: "https://w3id.org/isnad/id/X".into(),
            label: label.clone(),
            label_en: en,
            kind: "Person".into(),
            surface: label,
            same_as,
        }
    }

    proptest! {
        /// Any fact, with any text (quotes, backslashes, control characters, Arabic) and
        /// with or without its optional fields, is written as serde_json writes it.
        #[test]
        fn the_same_bytes_as_serde_json(
            text in "\\PC*|[\"\\\\\u{0}-\u{1f}a-z\u{0600}-\u{06ff}]*",
            en in proptest::option::of("[a-zA-Z \"]*"),
            role in proptest::option::of("\\PC*"),
            same_as in proptest::collection::vec("[a-z:/.]*", 0..3),
            when in proptest::option::of(("[0-9-]*", "[0-9-]*")),
            numbers in (any::<usize>(), any::<u32>(), any::<u32>(), any::<f32>()),
            modality in proptest::sample::select(vec![Modality::Asserted, Modality::Planned, Modality::Reported]),
        ) {
            let (sentence, b, e, confidence) = numbers;
            let fact = Fact {
                doc: text.clone(),
                s: entity_out(text.clone(), en.clone(), same_as.clone()),
                p: "visits".into(),
                o: entity_out("بيلاروس".into(), None, vec![]),
                modality,
                when: when.map(|(start, end)| When { start, end }),
                rule: "visits.past".into(),
                sentence,
                span: [b, e],
                sentence_span: [e, b],
                text,
                role,
                confidence: if confidence.is_finite() { confidence } else { 0.5 },
            };
            let mut ours = Vec::new();
            fact.write_json(&mut ours);
            prop_assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&fact).unwrap());
        }
    }
}
