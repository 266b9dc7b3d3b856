//! Quality against a gold set: precision, recall and F1, overall and per predicate.
//!
//! A gold file is JSONL: `{"id": DOC, "facts": [[s, p, o, modality], ...]}` where an
//! entity is an IRI local name (`Li_Shangfu`) or `ar:` + its Arabic name as written
//! (`ar:نيكولاي يفمينوف`), and modality is asserted, planned, reported or negated.
//! Negated gold facts must not be extracted: extracting one counts as a false positive.
//! Symmetric predicates match in either direction.

use crate::extract::{EntityOut, Fact, vocab};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// One line of a gold file.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    /// Document id.
    pub id: String,
    /// `[subject, predicate, object, modality]`.
    pub facts: Vec<[String; 4]>,
}

/// Counts and scores for one predicate (or overall).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Score {
    /// Extracted and in the gold set.
    pub tp: usize,
    /// Extracted but not in the gold set (or negated there).
    pub fp: usize,
    /// In the gold set but not extracted.
    pub fn_: usize,
}

impl Score {
    /// tp / (tp + fp), 1 when nothing was extracted.
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    /// tp / (tp + fn), 1 when the gold set is empty.
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// The evaluation report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// All predicates, modality must match.
    pub overall: Score,
    /// All predicates, modality ignored.
    pub ignoring_modality: Score,
    /// Per predicate (modality must match).
    pub by_predicate: BTreeMap<String, Score>,
    /// Extracted facts that are not in the gold set: `doc s p o modality`.
    pub false_positives: Vec<String>,
    /// Gold facts not extracted.
    pub false_negatives: Vec<String>,
}

fn entity_keys(e: &EntityOut) -> Vec<String> {
    let local = e.iri.rsplit('/').next().unwrap_or(&e.iri).to_string();
    let mut v = vec![local, format!("ar:{}", crate::text::fold(&e.label))];
    v.push(format!("ar:{}", crate::text::fold(&e.surface)));
    v
}

fn gold_key(s: &str) -> String {
    match s.strip_prefix("ar:") {
        Some(a) => format!("ar:{}", crate::text::fold(a)),
        None => s.to_string(),
    }
}

/// An extracted fact as compared: document, subject keys, predicate, object keys, modality.
type Extracted<'a> = (&'a str, Vec<String>, &'a str, Vec<String>, &'a str);

/// Scores extracted facts against gold documents (documents absent from the gold set are ignored).
pub fn evaluate(gold: &[GoldDoc], facts: &[Fact]) -> Report {
    let docs: HashSet<&str> = gold.iter().map(|g| g.id.as_str()).collect();
    let mut report = Report::default();
    // Distinct extracted facts per document: (doc, s keys, p, o keys, modality).
    let mut extracted: Vec<Extracted> = Vec::new();
    for f in facts.iter().filter(|f| docs.contains(f.doc.as_str())) {
        let key = (
            f.doc.as_str(),
            entity_keys(&f.s),
            f.p.as_str(),
            entity_keys(&f.o),
            f.modality.name(),
        );
        // A symmetric fact extracted in both directions (from two sentences) is one fact.
        let symmetric = vocab::is_symmetric(key.2);
        if !extracted.iter().any(|e| {
            e.0 == key.0
                && e.2 == key.2
                && e.4 == key.4
                && (e.1[0] == key.1[0] && e.3[0] == key.3[0]
                    || symmetric && e.1[0] == key.3[0] && e.3[0] == key.1[0])
        }) {
            extracted.push(key);
        }
    }
    let matches = |e: &(&str, Vec<String>, &str, Vec<String>, &str),
                   doc: &str,
                   g: &[String; 4],
                   with_modality: bool| {
        let (gs, go) = (gold_key(&g[0]), gold_key(&g[2]));
        let fwd = e.1.contains(&gs) && e.3.contains(&go);
        let back = vocab::is_symmetric(&g[1]) && e.1.contains(&go) && e.3.contains(&gs);
        e.0 == doc && e.2 == g[1] && (fwd || back) && (!with_modality || e.4 == g[3])
    };
    for with_modality in [true, false] {
        let mut used = vec![false; extracted.len()];
        let mut score = Score::default();
        for gd in gold {
            for g in &gd.facts {
                let hit = extracted
                    .iter()
                    .enumerate()
                    .find(|(i, e)| !used[*i] && matches(e, &gd.id, g, with_modality));
                let negated = g[3] == "negated";
                match (hit, negated) {
                    (Some((i, _)), false) => {
                        used[i] = true;
                        score.tp += 1;
                        if with_modality {
                            report.by_predicate.entry(g[1].clone()).or_default().tp += 1;
                        }
                    }
                    (Some((i, _)), true) => {
                        used[i] = true;
                    }
                    (None, false) => {
                        score.fn_ += 1;
                        if with_modality {
                            report.by_predicate.entry(g[1].clone()).or_default().fn_ += 1;
                            report
                                .false_negatives
                                .push(format!("{} {} {} {} {}", gd.id, g[0], g[1], g[2], g[3]));
                        }
                    }
                    (None, true) => {}
                }
            }
        }
        // Negated gold facts that were extracted (with any modality) are false positives,
        // and so is everything extracted that matched nothing.
        for (i, e) in extracted.iter().enumerate() {
            let negated_hit = gold.iter().any(|gd| {
                gd.facts
                    .iter()
                    .any(|g| g[3] == "negated" && matches(e, &gd.id, g, false))
            });
            if !used[i] || negated_hit {
                score.fp += 1;
                if with_modality {
                    report.by_predicate.entry(e.2.to_string()).or_default().fp += 1;
                    report
                        .false_positives
                        .push(format!("{} {} {} {} {}", e.0, e.1[0], e.2, e.3[0], e.4));
                }
            }
        }
        if with_modality {
            report.overall = score
        } else {
            report.ignoring_modality = score
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Modality;

    fn ent(iri: &str) -> EntityOut {
        EntityOut {
            iri: format!("x/{iri}"),
            label: "ا".into(),
            label_en: None,
            kind: "Person".into(),
            surface: "ا".into(),
            same_as: vec![],
        }
    }
    fn fact(s: &str, p: &str, o: &str, m: Modality) -> Fact {
        Fact {
            doc: "d".into(),
            s: ent(s),
            p: p.into(),
            o: ent(o),
            modality: m,
            when: None,
            rule: "r".into(),
            sentence: 0,
            span: [0, 1],
            sentence_span: [0, 1],
            text: String::new(),
            role: None,
            confidence: 1.0,
        }
    }

    #[test]
    fn symmetric_modality_and_negated() {
        let gold = vec![GoldDoc {
            id: "d".into(),
            facts: vec![
                [
                    "A".into(),
                    "meetsWith".into(),
                    "B".into(),
                    "asserted".into(),
                ],
                ["A".into(), "visits".into(), "C".into(), "planned".into()],
                ["A".into(), "visits".into(), "D".into(), "negated".into()],
            ],
        }];
        let facts = vec![
            fact("B", "meetsWith", "A", Modality::Asserted),
            // The same meeting from another sentence, the other way round: not a second fact.
            fact("A", "meetsWith", "B", Modality::Asserted),
            fact("A", "visits", "C", Modality::Asserted),
            fact("A", "visits", "D", Modality::Asserted),
        ];
        let r = evaluate(&gold, &facts);
        assert_eq!(
            r.overall,
            Score {
                tp: 1,
                fp: 2,
                fn_: 1
            }
        );
        assert_eq!(
            r.ignoring_modality,
            Score {
                tp: 2,
                fp: 1,
                fn_: 0
            }
        );
    }
}
