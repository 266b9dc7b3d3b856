//! The command line: parses arguments and calls the library. No logic lives here
//! beyond reading inputs, printing results and choosing exit codes.

mod commands;
mod run;

pub use run::InputArgs;
mod graph;
mod kg;
mod push;
mod serve;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// isnad: knowledge graphs from Arabic news, with the evidence for every fact.
#[derive(Debug, Parser)]
#[command(name = "isnad", version, about, long_about = None)]
pub struct Cli {
    /// Folder with the lexicon (entities/*.ttl) and the rules (rules/*.rules).
    /// Default: $ISNAD_ONTOLOGY, else ./ontology, else the one isnad was built with.
    #[arg(long, global = true, value_name = "DIR")]
    pub ontology: Option<PathBuf>,
    /// Print nothing on stderr but errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// Output form of `extract`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FactFormat {
    /// One JSON object per fact (the contract other tools read).
    Jsonl,
    /// A readable table.
    Table,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract facts with their evidence, one per line (streams: facts are printed document by document).
    Extract {
        #[command(flatten)]
        input: InputArgs,
        /// jsonl (default) or table.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: FactFormat,
    },
    /// Score extraction against a gold file: precision, recall and F1, overall and per predicate.
    Eval {
        /// Gold facts: JSONL {"id", "facts": [[s, p, o, modality], ...]}.
        #[arg(long, value_name = "FILE")]
        gold: PathBuf,
        #[command(flatten)]
        input: InputArgs,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Also list the false positives and false negatives.
        #[arg(long)]
        errors: bool,
    },
    /// Show the entity mentions the rules see in each sentence (for rule writers).
    Mentions {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Build the knowledge graph: RDF with provenance, one named graph per document.
    Build {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        opts: kg::BuildArgs,
    },
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on a store or on documents.
    Query {
        #[command(flatten)]
        args: kg::QueryArgs,
    },
    /// Show every fact about an entity with its evidence (the source sentence, span marked).
    Explain {
        #[command(flatten)]
        args: kg::ExplainArgs,
    },
    /// Analyse the entity graph: counts, top entities by PageRank, betweenness, closeness
    /// and degree, Louvain communities with their members, connected components.
    Analyze {
        #[command(flatten)]
        args: graph::GraphArgs,
        /// How many entities to list per centrality.
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Write the analyses into the --store as isn:pageRank, isn:betweenness,
        /// isn:closeness, isn:community and isn:degree, so SPARQL can rank.
        #[arg(long)]
        write_back: bool,
    },
    /// The shortest connection between two entities, each hop with the sentence that supports it.
    Path {
        /// The first entity: IRI, local name, Arabic or English label.
        from: String,
        /// The second entity.
        to: String,
        #[command(flatten)]
        args: graph::GraphArgs,
    },
    /// Export the entity graph with its analyses for Gephi, networkx, igraph, Neo4j, Graphviz or Cytoscape.
    Export {
        /// Format.
        #[arg(long, value_enum)]
        to: graph::ExportFormat,
        /// Output file (a folder for csv and neo4j); default stdout.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        args: graph::GraphArgs,
    },
    /// Write a seeded synthetic corpus (JSONL) drawn from the lexicon, for benchmarks and scale tests.
    Generate {
        /// Size in MB (10^6 bytes).
        #[arg(long, default_value_t = 10.0)]
        mb: f64,
        /// Random seed: the same seed gives the same corpus.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Output file (default: stdout).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Serve the graph over HTTP: a SPARQL 1.1 endpoint (/sparql), the Graph Store read side
    /// (/store?graph=IRI), /health, and the evidence browser at / (entity pages, documents
    /// with their facts highlighted). Read-only and on loopback unless told otherwise.
    Serve {
        #[command(flatten)]
        args: serve::ServeArgs,
    },
    /// Write each document's named graph into a remote triplestore (Virtuoso, Fuseki, GraphDB,
    /// another isnad serve...) through the Graph Store Protocol or SPARQL Update. Pushing twice
    /// leaves the same triples: each graph is replaced, never appended to.
    Push {
        #[command(flatten)]
        args: push::PushArgs,
    },
    /// Work with the rule files.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
}

/// `isnad rules ...`
#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Run every rule's inline examples (expect / reject) and report failures.
    Test,
    /// Parse the rules and the lexicon and print what was loaded.
    Check,
}

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("isnad: error: {e:#}");
            2
        }
    }
}
