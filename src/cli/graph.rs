//! `isnad analyze`, `isnad path` and `isnad export`: the entity graph (petgraph) of a
//! store or of documents extracted now.

use super::kg::{GraphSource, open_graph};
use anyhow::{Context, Result, bail};
use isnad::export::{self, GexfMode};
use isnad::graph::{AnalyzeOptions, EntityGraph, EntityNode, Filter, Metrics, from_rdf};
use serde_json::json;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The store entry that holds the analyses (not a document).
const ANALYSIS_ID: &str = "_analysis";

/// Which facts and entities the entity graph keeps.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Keep only these predicates (comma-separated local names: visits,meetsWith).
    #[arg(long, value_delimiter = ',')]
    pub predicates: Vec<String>,
    /// Keep only these modalities (asserted,planned,reported).
    #[arg(long, value_delimiter = ',')]
    pub modalities: Vec<String>,
    /// Keep only entities of these types (Person,Country,City,Organization,Event,Region).
    #[arg(long, value_delimiter = ',')]
    pub types: Vec<String>,
    /// Keep facts dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Keep facts dated on or before this date.
    #[arg(long)]
    pub to: Option<String>,
}

impl FilterArgs {
    fn filter(&self) -> Filter {
        Filter {
            predicates: self.predicates.clone(),
            modalities: self.modalities.clone(),
            kinds: self.types.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
        }
    }
}

/// Options shared by the graph commands.
#[derive(Debug, clap::Args)]
pub struct GraphArgs {
    /// Documents to build the graph from (instead of --store).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub source: GraphSource,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Seed of the community detection (the same seed gives the same partition).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

/// Export formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    /// GEXF 1.3 for Gephi (one file).
    Gexf,
    /// GEXF 1.3 with start/end dates on nodes and edges, for Gephi's timeline.
    GexfDynamic,
    /// GraphML with typed keys (networkx, igraph, yEd, Cytoscape desktop).
    Graphml,
    /// Gephi spreadsheet import: nodes.csv and edges.csv in the --out folder.
    Csv,
    /// neo4j-admin bulk import: nodes.csv and relationships.csv in the --out folder.
    Neo4j,
    /// Graphviz DOT.
    Dot,
    /// Cytoscape.js JSON (elements: nodes, edges).
    Cytoscape,
}

fn build_graph(
    ontology: &Path,
    quiet: bool,
    args: GraphArgs,
) -> Result<(EntityGraph, Metrics, i32)> {
    let (store, code) = open_graph(ontology, quiet, &args.source, args.inputs)?;
    let (nodes, facts) = from_rdf::read(&store)?;
    let graph = EntityGraph::project(&nodes, &facts, &args.filter.filter());
    if graph.node_count() == 0 {
        bail!(
            "the graph is empty: no facts between entities (check the input, or loosen --predicates/--modalities/--types/--from/--to)"
        );
    }
    let metrics = graph.analyze(&AnalyzeOptions {
        seed: args.seed,
        ..AnalyzeOptions::default()
    });
    Ok((graph, metrics, code))
}

fn label(n: &EntityNode) -> String {
    match &n.label_en {
        Some(en) => format!("{} ({en})", n.label_ar),
        None => n.label_ar.clone(),
    }
}

/// The analyses as RDF in the graph `https://w3id.org/isnad/analysis/entity-graph`.
fn metrics_quads(g: &EntityGraph, m: &Metrics) -> Result<Vec<oxigraph::model::Quad>> {
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad, vocab::xsd};
    let graph = GraphName::NamedNode(NamedNode::new(
        "https://w3id.org/isnad/analysis/entity-graph",
    )?);
    let p =
        |local: &str| NamedNode::new(format!("{}{local}", isnad::lexicon::ISN)).expect("valid IRI");
    let mut quads = Vec::new();
    for (i, idx) in g.graph.node_indices().enumerate() {
        let s = NamedNode::new(g.graph[idx].iri.clone())?;
        let double = |x: f64| Literal::new_typed_literal(format!("{x:e}"), xsd::DOUBLE);
        let integer = |x: usize| Literal::new_typed_literal(x.to_string(), xsd::INTEGER);
        for (prop, o) in [
            ("pageRank", double(m.pagerank[i])),
            ("betweenness", double(m.betweenness[i])),
            ("closeness", double(m.closeness[i])),
            ("community", integer(m.community[i])),
            ("degree", integer(m.degrees.total[i])),
        ] {
            quads.push(Quad::new(s.clone(), p(prop), o, graph.clone()));
        }
    }
    isnad::kg::sort_quads(&mut quads);
    Ok(quads)
}

/// `isnad analyze`.
pub fn analyze(
    ontology: &Path,
    quiet: bool,
    args: GraphArgs,
    top: usize,
    as_json: bool,
    write_back: bool,
) -> Result<i32> {
    let store_dir = args.source.store.clone();
    if write_back && store_dir.is_none() {
        bail!("--write-back needs --store DIR: the analyses are written into that store");
    }
    let (g, m, code) = build_graph(ontology, quiet, args)?;
    if let Some(dir) = store_dir.filter(|_| write_back) {
        let mut store = isnad::kg::store::DirStore::open(&dir, isnad::kg::store::Access::Write)?;
        store.put_document(ANALYSIS_ID, &mut metrics_quads(&g, &m)?)?;
        store.flush()?;
        if !quiet {
            eprintln!(
                "isnad: wrote isn:pageRank, isn:betweenness, isn:closeness, isn:community, isn:degree of {} entities into {}",
                g.node_count(),
                dir.display()
            );
        }
    }
    let nodes: Vec<&EntityNode> = g.graph.node_indices().map(|i| &g.graph[i]).collect();
    let ranked = |scores: &[f64]| -> Vec<(usize, f64)> {
        let mut v: Vec<(usize, f64)> = scores.iter().copied().enumerate().collect();
        v.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(nodes[a.0].iri.cmp(&nodes[b.0].iri))
        });
        v.truncate(top);
        v
    };
    let mut by_type: std::collections::BTreeMap<&str, usize> = Default::default();
    for n in &nodes {
        *by_type.entry(n.kind.as_str()).or_default() += 1;
    }
    let mut by_predicate: std::collections::BTreeMap<String, f64> = Default::default();
    for e in g.graph.edge_weights() {
        *by_predicate.entry(e.predicate.clone()).or_default() += 1.0;
    }
    let mut communities: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, c) in m.community.iter().enumerate() {
        communities.entry(*c).or_default().push(i);
    }
    let mut components: std::collections::BTreeMap<usize, usize> = Default::default();
    for c in &m.component {
        *components.entry(*c).or_default() += 1;
    }
    let weighted: Vec<f64> = m.degrees.weighted.clone();
    let tables: Vec<(&str, &[f64])> = vec![
        ("pagerank", &m.pagerank),
        ("betweenness", &m.betweenness),
        ("closeness", &m.closeness),
        ("weighted degree", &weighted),
    ];
    if as_json {
        let top_json: serde_json::Map<String, serde_json::Value> = tables
            .iter()
            .map(|(name, scores)| {
                let rows: Vec<_> = ranked(scores).into_iter().map(|(i, s)| json!({"iri": nodes[i].iri, "label": nodes[i].label_ar, "label_en": nodes[i].label_en, "score": s})).collect();
                (name.to_string(), json!(rows))
            })
            .collect();
        let comms: Vec<_> = communities
            .values()
            .map(|ms| json!(ms.iter().map(|&i| &nodes[i].iri).collect::<Vec<_>>()))
            .collect();
        let report = json!({
            "nodes": g.node_count(), "edges": g.edge_count(),
            "types": by_type, "predicates": by_predicate,
            "top": top_json,
            "communities": comms, "modularity": m.modularity,
            "components": components.len(),
            "betweenness": if m.betweenness_exact { "exact" } else { "sampled" },
        });
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(code);
    }
    println!("{} entities, {} edges", g.node_count(), g.edge_count());
    println!(
        "types: {}",
        by_type
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "predicates: {}",
        by_predicate
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for (name, scores) in &tables {
        println!(
            "\ntop {top} by {name}{}:",
            if *name == "betweenness" && !m.betweenness_exact {
                " (sampled)"
            } else {
                ""
            }
        );
        for (i, s) in ranked(scores) {
            println!("  {s:>10.6}  {}", label(nodes[i]));
        }
    }
    println!(
        "\n{} communities (Louvain, modularity {:.4}):",
        communities.len(),
        m.modularity
    );
    for (c, members) in &communities {
        let names: Vec<String> = members
            .iter()
            .map(|&i| {
                nodes[i]
                    .label_en
                    .clone()
                    .unwrap_or_else(|| nodes[i].label_ar.clone())
            })
            .collect();
        println!("  {c}: {}", names.join(", "));
    }
    println!("\n{} connected components; sizes: {}", components.len(), {
        let mut sizes: Vec<usize> = components.values().copied().collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        sizes
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    });
    Ok(code)
}

/// Finds an entity by IRI, local name, Arabic or English label; says which when there
/// are several and suggests the closest labels when there are none.
fn find(g: &EntityGraph, name: &str) -> Result<String> {
    let key = |s: &str| isnad::text::fold(s.trim()).to_lowercase().replace('_', " ");
    let want = key(name);
    let nodes: Vec<&EntityNode> = g.graph.node_weights().collect();
    let hits: Vec<&&EntityNode> = nodes
        .iter()
        .filter(|n| {
            n.iri == name
                || key(n.iri.rsplit('/').next().unwrap_or(&n.iri)) == want
                || key(&n.label_ar) == want
                || n.label_en.as_deref().is_some_and(|e| key(e) == want)
        })
        .collect();
    match hits.as_slice() {
        [one] => Ok(one.iri.clone()),
        [] => {
            let mut close: Vec<(usize, String)> = nodes
                .iter()
                .flat_map(|n| {
                    [Some(n.label_ar.clone()), n.label_en.clone()]
                        .into_iter()
                        .flatten()
                })
                .map(|l| (isnad::kg::evidence::levenshtein(&key(&l), &want), l))
                .collect();
            close.sort();
            close.dedup();
            let s: Vec<String> = close.into_iter().take(5).map(|(_, l)| l).collect();
            bail!(
                "no entity in the graph matches `{name}`; closest labels: {}",
                s.join(", ")
            )
        }
        many => bail!(
            "`{name}` matches several entities: {}",
            many.iter()
                .map(|n| n.iri.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `isnad path A B`.
pub fn path(ontology: &Path, quiet: bool, args: GraphArgs, from: &str, to: &str) -> Result<i32> {
    let (g, _, code) = build_graph(ontology, quiet, args)?;
    let (a, b) = (find(&g, from)?, find(&g, to)?);
    let hops = g
        .shortest_path(&a, &b)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let name = |iri: &str| {
        g.node_index(iri)
            .map(|i| label(&g.graph[i]))
            .unwrap_or_else(|_| iri.to_string())
    };
    println!("{} → {}: {} hop(s)", name(&a), name(&b), hops.len());
    for (k, h) in hops.iter().enumerate() {
        let e = &g.graph[h.edge];
        let forward = g
            .graph
            .edge_endpoints(h.edge)
            .is_some_and(|(s, _)| s == h.from);
        let arrow = match (e.symmetric, forward) {
            (true, _) => format!("—{}—", e.predicate),
            (false, true) => format!("—{}→", e.predicate),
            (false, false) => format!("←{}—", e.predicate),
        };
        println!(
            "{}. {} {arrow} {}  [weight {}, {}]",
            k + 1,
            label(&g.graph[h.from]),
            label(&g.graph[h.to]),
            e.weight,
            e.docs.join(", ")
        );
        if let Some(s) = e.sentences.first() {
            println!("     «{s}»");
        }
    }
    Ok(code)
}

/// `isnad export --to FORMAT`.
pub fn export(
    ontology: &Path,
    quiet: bool,
    args: GraphArgs,
    to: ExportFormat,
    out: Option<PathBuf>,
) -> Result<i32> {
    let (g, m, code) = build_graph(ontology, quiet, args)?;
    let to_dir = |out: &Option<PathBuf>| -> Result<PathBuf> {
        let dir = out
            .clone()
            .context("--out FOLDER is required for csv and neo4j (two files are written)")?;
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(dir)
    };
    let single = |out: &Option<PathBuf>,
                  write: &dyn Fn(&mut dyn Write) -> Result<(), export::ExportError>|
     -> Result<()> {
        match out {
            Some(p) => {
                let f = std::fs::File::create(p)
                    .with_context(|| format!("cannot write {}", p.display()))?;
                let mut w = BufWriter::new(f);
                write(&mut w)?;
                w.flush()
                    .with_context(|| format!("writing {}", p.display()))?;
            }
            None => {
                let mut w = BufWriter::new(std::io::stdout().lock());
                write(&mut w)?;
                w.flush()?;
            }
        }
        Ok(())
    };
    match to {
        ExportFormat::Gexf => single(&out, &|w| export::write_gexf(&g, &m, GexfMode::Static, w))?,
        ExportFormat::GexfDynamic => {
            single(&out, &|w| export::write_gexf(&g, &m, GexfMode::Dynamic, w))?
        }
        ExportFormat::Graphml => single(&out, &|w| export::write_graphml(&g, &m, w))?,
        ExportFormat::Dot => single(&out, &|w| export::write_dot(&g, &m, w))?,
        ExportFormat::Cytoscape => single(&out, &|w| export::write_cytoscape(&g, &m, w))?,
        ExportFormat::Csv => export::write_gephi_csv(&g, &m, &to_dir(&out)?)?,
        ExportFormat::Neo4j => export::write_neo4j_csv(&g, &m, &to_dir(&out)?)?,
    }
    if !quiet {
        eprintln!(
            "isnad: exported {} entities and {} edges",
            g.node_count(),
            g.edge_count()
        );
    }
    Ok(code)
}
