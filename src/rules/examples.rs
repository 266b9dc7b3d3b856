//! Checking the inline examples of rules (`expect` / `reject`) against the whole
//! extractor, so an example fails when the lexicon, the mentions or another rule
//! get in the way, not only when its own pattern is wrong.

use crate::extract::{Extractor, Fact, vocab};
use crate::input::Document;

fn local(iri: &str) -> &str {
    iri.rsplit('/').next().unwrap_or(iri)
}

fn same(f: &Fact, s: &str, p: &str, o: &str) -> bool {
    let ent = |e: &crate::extract::EntityOut, want: &str| match want.strip_prefix("ar:") {
        Some(a) => crate::text::fold(&e.label) == crate::text::fold(&a.replace('_', " ")),
        None => local(&e.iri) == want,
    };
    f.p == p
        && ((ent(&f.s, s) && ent(&f.o, o))
            || (vocab::is_symmetric(p) && ent(&f.s, o) && ent(&f.o, s)))
}

/// Runs every example of every rule; returns one message per failure
/// (`file:line: rule id: what went wrong`).
pub fn check(ex: &Extractor) -> Vec<String> {
    let mut failures = Vec::new();
    for rule in &ex.rules().compiled.rules {
        let predicates: Vec<&str> = rule.emits.iter().map(|e| e.predicate.as_str()).collect();
        let run = |text: &str| -> Vec<Fact> {
            let doc = Document {
                id: "example".into(),
                text: text.into(),
                date: None,
                url: None,
                title: None,
            };
            ex.extract(&doc).map(|(f, _)| f).unwrap_or_default()
        };
        let at = |line: usize| format!("{}:{}: rule {}", rule.file.display(), line, rule.id);
        for example in &rule.expect {
            let facts = run(&example.text);
            for (s, p, o, m) in &example.facts {
                match facts.iter().find(|f| same(f, s, p, o)) {
                    None => failures.push(format!(
                        "{}: expected `{s} {p} {o}` from «{}», got [{}]",
                        at(example.line),
                        example.text,
                        facts
                            .iter()
                            .map(|f| format!(
                                "{} {} {} {} ({})",
                                local(&f.s.iri),
                                f.p,
                                local(&f.o.iri),
                                f.modality.name(),
                                f.rule
                            ))
                            .collect::<Vec<_>>()
                            .join("; ")
                    )),
                    Some(f) if m.is_some_and(|m| m != f.modality) => failures.push(format!(
                        "{}: `{s} {p} {o}` is {} but the example says {}",
                        at(example.line),
                        f.modality.name(),
                        m.map(|m| m.name()).unwrap_or_default()
                    )),
                    Some(_) => {}
                }
            }
        }
        for example in &rule.reject {
            let bad: Vec<String> = run(&example.text)
                .iter()
                .filter(|f| predicates.contains(&f.p.as_str()))
                .map(|f| {
                    format!(
                        "{} {} {} ({})",
                        local(&f.s.iri),
                        f.p,
                        local(&f.o.iri),
                        f.rule
                    )
                })
                .collect();
            if !bad.is_empty() {
                failures.push(format!(
                    "{}: «{}» must give no {} fact, got [{}]",
                    at(example.line),
                    example.text,
                    predicates.join("/"),
                    bad.join("; ")
                ));
            }
        }
    }
    failures
}
