//! One function per subcommand.

use super::run::{each_document, each_document_rendered};
use super::{Cli, Command, FactFormat, RulesAction};
use anyhow::{Context, Result, bail};
use isnad::eval::{self, GoldDoc};
use isnad::extract::{Extractor, Fact};
use isnad::input;
use isnad::lexicon::Lexicon;
use isnad::rules::RuleSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub fn run(cli: Cli) -> Result<i32> {
    let ontology = ontology_dir(cli.ontology.clone())?;
    match cli.command {
        Command::Extract { input, format } => {
            let ex = load(&ontology)?;
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            if let FactFormat::Table = format {
                writeln!(
                    out,
                    "{:<14} {:<26} {:<18} {:<26} {:<9} {:<23} rule",
                    "doc", "subject", "predicate", "object", "modality", "when"
                )?;
            }
            // Facts are serialised on the worker threads; the main thread only writes.
            let render = |_: &input::Document, facts: &[Fact]| -> Result<Vec<u8>> {
                let mut buf = Vec::with_capacity(facts.len() * 1024);
                for f in facts {
                    match format {
                        FactFormat::Jsonl => {
                            f.write_json(&mut buf);
                            buf.push(b'\n');
                        }
                        FactFormat::Table => writeln!(buf, "{}", table_row(f))?,
                    }
                }
                Ok(buf)
            };
            let stats =
                each_document_rendered(&ex, &input, cli.quiet, &render, &mut |_, _, bytes| {
                    out.write_all(&bytes)?;
                    Ok(())
                })?;
            out.flush()?;
            Ok(stats.exit_code())
        }
        Command::Eval {
            gold,
            input,
            json,
            errors,
        } => {
            let ex = load(&ontology)?;
            let gold_docs = read_gold(&gold)?;
            let mut facts = Vec::new();
            let stats = each_document(&ex, &input, cli.quiet, &mut |_, f| {
                facts.extend_from_slice(f);
                Ok(())
            })?;
            let report = eval::evaluate(&gold_docs, &facts);
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print_report(&report, errors);
            }
            Ok(stats.exit_code())
        }
        Command::Mentions { input } => {
            let ex = load(&ontology)?;
            let sources = input::sources(&input.inputs).map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut failed = 0;
            for src in &sources {
                input::read_source(src, &mut |d| match d {
                    Ok(d) => {
                        for (i, (sentence, ms)) in ex.mentions(&d).into_iter().enumerate() {
                            println!("{} #{i}: {sentence}", d.id);
                            for (surface, iri, kind, how) in ms {
                                println!("    {surface}  →  {} ({kind}, {how})", short(&iri));
                            }
                        }
                    }
                    Err(e) => {
                        failed += 1;
                        eprintln!("isnad: {e}");
                    }
                });
            }
            Ok(if failed > 0 { 1 } else { 0 })
        }
        Command::Build { input, opts } => super::kg::build(&ontology, cli.quiet, &input, opts),
        Command::Query { args } => super::kg::query(&ontology, cli.quiet, args),
        Command::Explain { args } => super::kg::explain(&ontology, cli.quiet, args),
        Command::Serve { args } => super::serve::serve_command(&ontology, cli.quiet, args),
        Command::Push { args } => super::push::push(&ontology, cli.quiet, args),
        Command::Analyze {
            args,
            top,
            json,
            write_back,
        } => super::graph::analyze(&ontology, cli.quiet, args, top, json, write_back),
        Command::Path { from, to, args } => {
            super::graph::path(&ontology, cli.quiet, args, &from, &to)
        }
        Command::Export { to, out, args } => {
            super::graph::export(&ontology, cli.quiet, args, to, out)
        }
        Command::Generate { mb, seed, out } => {
            let ex = load(&ontology)?;
            let mut generator = isnad::corpus::Generator::new(ex.lexicon(), seed);
            let bytes = (mb * 1e6) as usize;
            let n = match out {
                Some(path) => {
                    let f = std::fs::File::create(&path)
                        .with_context(|| format!("creating {}", path.display()))?;
                    let mut w = BufWriter::new(f);
                    let n = generator.write(bytes, &mut w)?;
                    w.flush()?;
                    n
                }
                None => {
                    let mut w = BufWriter::new(std::io::stdout().lock());
                    let n = generator.write(bytes, &mut w)?;
                    w.flush()?;
                    n
                }
            };
            if !cli.quiet {
                eprintln!("isnad: wrote {n} articles ({mb} MB, seed {seed})");
            }
            Ok(0)
        }
        Command::Rules {
            action: RulesAction::Check,
        } => {
            let ex = load(&ontology)?;
            println!(
                "{} entities, {} rules, {} word lists, rule-set digest {}",
                ex.lexicon().entities().len(),
                ex.rules().compiled.rules.len(),
                ex.rules().lists.len(),
                &ex.rules().digest[..16]
            );
            Ok(0)
        }
        Command::Rules {
            action: RulesAction::Test,
        } => {
            let ex = load(&ontology)?;
            let failures = isnad::rules::examples::check(&ex);
            let total: usize = ex
                .rules()
                .compiled
                .rules
                .iter()
                .map(|r| r.expect.len() + r.reject.len())
                .sum();
            for f in &failures {
                println!("FAIL {f}");
            }
            println!(
                "{} passed, {} failed",
                total - failures.len(),
                failures.len()
            );
            Ok(if failures.is_empty() { 0 } else { 1 })
        }
    }
}

fn ontology_dir(given: Option<PathBuf>) -> Result<PathBuf> {
    let candidates: Vec<PathBuf> = match given {
        Some(p) => vec![p],
        None => std::env::var_os("ISNAD_ONTOLOGY")
            .map(PathBuf::from)
            .into_iter()
            .chain([
                PathBuf::from("ontology"),
                Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology"),
            ])
            .collect(),
    };
    for c in &candidates {
        if c.join("rules").is_dir() && c.join("entities").is_dir() {
            return Ok(c.clone());
        }
    }
    bail!(
        "no ontology folder (with rules/ and entities/) at {}: pass --ontology DIR or set ISNAD_ONTOLOGY",
        candidates
            .iter()
            .map(|c| c.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Loads the lexicon and the rules of an ontology folder.
pub fn load(dir: &Path) -> Result<Extractor> {
    let lexicon = Lexicon::load_dir(&dir.join("entities")).context("loading the lexicon")?;
    let rules = RuleSet::load_dir(&dir.join("rules")).context("loading the rules")?;
    Ok(Extractor::new(lexicon, rules))
}

fn read_gold(path: &Path) -> Result<Vec<GoldDoc>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).with_context(|| {
                format!(
                    "{}:{}: expected {{\"id\", \"facts\": [[s, p, o, modality]]}}",
                    path.display(),
                    i + 1
                )
            })
        })
        .collect()
}

fn short(iri: &str) -> &str {
    iri.rsplit('/').next().unwrap_or(iri)
}

fn table_row(f: &Fact) -> String {
    let when = f
        .when
        .as_ref()
        .map(|w| {
            if w.start == w.end {
                w.start.clone()
            } else {
                format!("{}..{}", w.start, w.end)
            }
        })
        .unwrap_or_default();
    format!(
        "{:<14} {:<26} {:<18} {:<26} {:<9} {:<23} {}",
        f.doc.chars().take(14).collect::<String>(),
        short(&f.s.iri),
        f.p,
        short(&f.o.iri),
        f.modality.name(),
        when,
        f.rule
    )
}

fn print_report(r: &eval::Report, errors: bool) {
    let line = |name: &str, s: &eval::Score| {
        println!(
            "{name:<20} P {:.3}  R {:.3}  F1 {:.3}   (tp {}, fp {}, fn {})",
            s.precision(),
            s.recall(),
            s.f1(),
            s.tp,
            s.fp,
            s.fn_
        )
    };
    line("overall", &r.overall);
    line("ignoring modality", &r.ignoring_modality);
    for (p, s) in &r.by_predicate {
        line(p, s);
    }
    if errors {
        for f in &r.false_positives {
            println!("FP {f}");
        }
        for f in &r.false_negatives {
            println!("FN {f}");
        }
    }
}
