//! Throughput of the extraction stage on one thread: `cargo bench --bench throughput`.
//!
//! Generates a seeded corpus from the lexicon (ISNAD_BENCH_MB, default 10 MB), then
//! extracts every document and reports MB/s, documents/s, sentences/s and facts/s.
//! Also reports the ceiling: the same bytes scanned by an Aho-Corasick automaton over
//! the rules' trigger words, with no rules applied.

use isnad::corpus::Generator;
use isnad::extract::Extractor;
use isnad::input::Document;
use isnad::lexicon::Lexicon;
use isnad::rules::RuleSet;
use std::path::Path;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology");
    let lexicon = Lexicon::load_dir(&root.join("entities")).expect("lexicon");
    let rules = RuleSet::load_dir(&root.join("rules")).expect("rules");
    let ex = Extractor::new(lexicon, rules);
    let mb: f64 = std::env::var("ISNAD_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10.0);
    let mut corpus = Vec::new();
    Generator::new(ex.lexicon(), 42)
        .write((mb * 1e6) as usize, &mut corpus)
        .unwrap();
    let docs: Vec<Document> = String::from_utf8(corpus.clone())
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            Document {
                id: v["id"].as_str().unwrap().into(),
                text: v["text"].as_str().unwrap().into(),
                date: v["date"].as_str().map(Into::into),
                url: None,
                title: None,
            }
        })
        .collect();
    let bytes = corpus.len() as f64;
    let sentences: usize = docs
        .iter()
        .map(|d| isnad::text::Analyzed::new(&d.text).sentences.len())
        .sum();

    let t = Instant::now();
    let mut facts = 0;
    for d in &docs {
        facts += ex.extract(d).map(|(f, _)| f.len()).unwrap_or(0);
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "extract (1 thread): {:.1} MB in {:.2} s = {:.1} MB/s, {:.0} docs/s, {:.0} sentences/s, {:.0} facts/s ({} facts)",
        bytes / 1e6,
        s,
        bytes / 1e6 / s,
        docs.len() as f64 / s,
        sentences as f64 / s,
        facts as f64 / s,
        facts
    );

    let words: Vec<String> = [
        "زار",
        "التقى",
        "يتوجه",
        "فرضت",
        "مناورات",
        "عقوبات",
        "حليفتين",
        "دعما",
        "الرئيس",
        "وزير",
    ]
    .iter()
    .map(|w| w.to_string())
    .collect();
    let ac = aho_corasick::AhoCorasick::new(&words).unwrap();
    let t = Instant::now();
    let hits: usize = docs
        .iter()
        .map(|d| ac.find_iter(d.text.as_bytes()).count())
        .sum();
    let s = t.elapsed().as_secs_f64();
    println!(
        "ceiling, aho-corasick scan of the same text: {:.1} MB/s ({hits} hits)",
        bytes / 1e6 / s
    );
}
