//! Seeded random fact sets for tests and benchmarks.

use super::rng::SplitMix64;
use super::{EntityNode, FactRecord};

/// Predicates drawn by [`random_facts`], with their symmetry.
const PREDICATES: [(&str, bool); 8] = [
    ("visits", false),
    ("meetsWith", true),
    ("phoneCallWith", true),
    ("strategicAllyOf", true),
    ("jointExerciseWith", true),
    ("condemns", false),
    ("supports", false),
    ("locatedIn", false),
];
const KINDS: [&str; 5] = ["Person", "Country", "City", "Organization", "Event"];
const MODALITIES: [&str; 3] = ["asserted", "planned", "reported"];
const LETTERS: [char; 12] = ['ا', 'ب', 'ت', 'ج', 'د', 'ر', 'س', 'ع', 'ف', 'ق', 'م', 'ن'];

/// A deterministic random fact set: `n_nodes` entities with IRIs
/// `http://example.org/isnad/e/NNNNNN`, Arabic labels and an English label on every other
/// node, and `n_facts` records between distinct entities. Endpoints are skewed towards low
/// indices (hubs), predicates, modalities, dates (day, month, year or none, 2020–2024) and
/// documents are drawn uniformly. Same arguments, same output. Returns no facts when
/// `n_nodes < 2`. O(n_nodes + n_facts).
pub fn random_facts(
    n_nodes: usize,
    n_facts: usize,
    seed: u64,
) -> (Vec<EntityNode>, Vec<FactRecord>) {
    let mut rng = SplitMix64::new(seed);
    let nodes: Vec<EntityNode> = (0..n_nodes)
        .map(|i| EntityNode {
            iri: format!("http://example.org/isnad/e/{i:06}"),
            kind: KINDS[i % KINDS.len()].to_owned(),
            label_ar: (0..3 + rng.below(5))
                .map(|_| LETTERS[rng.below(LETTERS.len())])
                .collect(),
            label_en: (i % 2 == 0).then(|| format!("Entity {i}")),
        })
        .collect();
    if n_nodes < 2 {
        return (nodes, Vec::new());
    }
    // Squaring a uniform variate favours small indices, giving a heavy-tailed degree spread.
    let skewed = |rng: &mut SplitMix64| {
        let u = rng.below(1 << 20) as f64 / f64::from(1 << 20);
        ((u * u) * n_nodes as f64) as usize
    };
    let docs = (n_facts / 4).max(1);
    let facts = (0..n_facts)
        .map(|_| {
            let s = skewed(&mut rng);
            let mut o = rng.below(n_nodes - 1);
            if o >= s {
                o += 1;
            }
            let (predicate, symmetric) = PREDICATES[rng.below(PREDICATES.len())];
            let (y, mo, d) = (2020 + rng.below(5), 1 + rng.below(12), 1 + rng.below(28));
            let date = match rng.below(4) {
                0 => Some(format!("{y}-{mo:02}-{d:02}")),
                1 => Some(format!("{y}-{mo:02}")),
                2 => Some(format!("{y}")),
                _ => None,
            };
            FactRecord {
                subject: nodes[s].iri.clone(),
                predicate: predicate.to_owned(),
                object: nodes[o].iri.clone(),
                symmetric,
                modality: MODALITIES[rng.below(MODALITIES.len())].to_owned(),
                date,
                doc: format!("doc{:05}", rng.below(docs)),
                sentence: format!("{} {predicate} {}", nodes[s].label_ar, nodes[o].label_ar),
            }
        })
        .collect();
    (nodes, facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_well_formed() {
        let (n1, f1) = random_facts(50, 200, 1);
        let (n2, f2) = random_facts(50, 200, 1);
        assert_eq!((&n1, &f1), (&n2, &f2));
        assert_ne!(f1, random_facts(50, 200, 2).1);
        assert_eq!((n1.len(), f1.len()), (50, 200));
        assert!(f1.iter().all(|f| f.subject != f.object));
        assert!(random_facts(1, 10, 0).1.is_empty());
    }
}
