//! Inference as SPARQL Update: every `ontology/inference/*.ru`, in name order, run by
//! oxigraph on the store (e.g. symmetric properties materialised both ways inside each
//! document graph).
//!
//! [`inferred`] does not load the whole graph: it loads only the quads whose predicate the
//! update files name (an IRI written in the file, `a` for `rdf:type`, or a value of a
//! `VALUES` clause bound to a predicate variable), which for the symmetric update is a few
//! percent of the graph. An update that can read any predicate (a predicate variable not
//! bound by `VALUES`, a negated property set `!`, a `*`/`?` path that matches zero-length
//! paths, `ADD`/`COPY`/`MOVE`) makes it load every quad, as before.

use super::{KgError, Result};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphNameRef, Quad, QuadRef, Term, TermRef};
use oxigraph::sparql::{PreparedSparqlQuery, PreparedSparqlUpdate, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The update files of an inference folder, sorted by name (none when it does not exist).
pub fn update_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(KgError::io("reading", dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ru"))
        .collect();
    files.sort();
    Ok(files)
}

/// One parsed update file.
#[derive(Clone)]
struct UpdateFile {
    path: PathBuf,
    text: String,
    update: PreparedSparqlUpdate,
}

fn read_updates(dir: &Path) -> Result<Vec<UpdateFile>> {
    update_files(dir)?
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).map_err(KgError::io("reading", &path))?;
            let update =
                SparqlEvaluator::new()
                    .parse_update(&text)
                    .map_err(|e| KgError::UpdateSyntax {
                        path: path.clone(),
                        message: e.to_string(),
                    })?;
            Ok(UpdateFile { path, text, update })
        })
        .collect()
}

fn run_updates(store: &Store, files: impl ExactSizeIterator<Item = UpdateFile>) -> Result<usize> {
    let n = files.len();
    for f in files {
        f.update
            .on_store(store)
            .execute()
            .map_err(|source| KgError::Update {
                path: f.path,
                source,
            })?;
    }
    Ok(n)
}

/// Runs every update of `dir` on `store`; returns how many files ran. A syntax error names
/// the file, line and column.
pub fn run_dir(store: &Store, dir: &Path) -> Result<usize> {
    run_updates(store, read_updates(dir)?.into_iter())
}

/// The predicates an update can read, or `None` when it can read any predicate.
///
/// Works on the update as oxigraph prints it back (prefixes expanded, `a` written as
/// `rdf:type`, one triple pattern `S P O .` at a time), so it needs no SPARQL parser of its own.
fn read_predicates(text: &str) -> Option<HashSet<String>> {
    #[allow(deprecated)]
    let canonical = oxigraph::sparql::Update::parse(text, None)
        .ok()?
        .to_string();
    // Tokens, with string literals as single tokens.
    let mut tokens: Vec<&str> = Vec::new();
    let b = canonical.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        // oxigraph prints `?s ?p ?o .?s ...`: a pattern's closing dot is a token of its own.
        if b[i] == b'.' && b.get(i + 1).is_some_and(|c| !c.is_ascii_digit()) {
            tokens.push(".");
            i += 1;
            continue;
        }
        let start = i;
        if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(b.len());
        } else {
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
        }
        tokens.push(&canonical[start..i]);
    }
    let mut iris = HashSet::new();
    for (k, t) in tokens.iter().enumerate() {
        if t.starts_with('"') {
            continue;
        }
        let upper = t.to_ascii_uppercase();
        if matches!(upper.as_str(), "ADD" | "COPY" | "MOVE" | "UNDEF") {
            return None;
        }
        // Negated property sets and zero-length paths read every predicate.
        if (t.contains('!') && !t.contains("!="))
            || t.contains(">*")
            || t.contains(">?")
            || t.contains(")*")
            || t.contains(")?")
        {
            return None;
        }
        // Every IRI the update names.
        let mut rest = *t;
        while let Some(s) = rest.find('<') {
            match rest[s + 1..].find('>') {
                Some(e) => {
                    iris.insert(rest[s + 1..s + 1 + e].to_string());
                    rest = &rest[s + 2 + e..];
                }
                None => break,
            }
        }
        // A triple pattern `S P O .` with a variable P not bound by VALUES.
        let term = |t: &str| {
            !matches!(t, "{" | "}" | "(" | ")" | ";")
                && (matches!(t, "true" | "false") || !t.starts_with(char::is_alphabetic))
        };
        if *t == "." && k >= 3 && tokens[k - 3..k].iter().all(|t| term(t)) {
            let p = tokens[k - 2];
            if (p.starts_with('?') || p.starts_with('$')) && !bound_by_values(&tokens, p) {
                return None;
            }
        }
    }
    Some(iris)
}

/// Whether variable `v` is bound by a `VALUES` clause anywhere in the update.
fn bound_by_values(tokens: &[&str], v: &str) -> bool {
    let mut in_values = false;
    for t in tokens {
        if t.eq_ignore_ascii_case("VALUES") {
            in_values = true;
        } else if in_values {
            if t.trim_matches(|c| c == '(' || c == ')') == v {
                return true;
            }
            if t.starts_with('{') {
                in_values = false;
            }
        }
    }
    false
}

/// Whether oxigraph's store keeps a term exactly as given (it canonicalises typed literals:
/// `"3"^^xsd:nonNegativeInteger` comes back as `"3"^^xsd:integer`).
fn kept_exactly(q: QuadRef<'_>) -> bool {
    match q.object {
        TermRef::Literal(l) => l.language().is_some() || l.datatype() == xsd::STRING,
        _ => true,
    }
}

/// Whether an update gives the same quads every time it runs on the same graph: no blank
/// node in a template (`_:`, `[`), no `BNODE`, `UUID`, `STRUUID`, `RAND` or `NOW`
/// (looked for anywhere in the text, so a comment naming them only costs the cache).
fn same_every_run(update: &str) -> bool {
    let upper = update.to_uppercase();
    !["_:", "[", "BNODE", "UUID", "RAND", "NOW"]
        .iter()
        .any(|w| upper.contains(w))
}

/// Whether every operation of `update` reads and writes inside one document graph at a time:
/// its WHERE matches triples only inside `GRAPH ?g` (the same variable throughout, never
/// bound by `VALUES` or `BIND`, no constant graph), with no subquery, aggregate, `SERVICE`
/// or `USING`, and it inserts and deletes only in `GRAPH ?g`. Such an update gives each
/// graph the same quads whether it runs on that graph alone or on many graphs together,
/// so [`Inference::inferred_each`] can run it once for a batch of documents.
fn graph_local(update: &str) -> bool {
    use spargebra::GraphUpdateOperation;
    use spargebra::term::GraphNamePattern;
    let Ok(update) = spargebra::SparqlParser::new().parse_update(update) else {
        return false;
    };
    update.operations.iter().all(|op| {
        let GraphUpdateOperation::DeleteInsert {
            delete,
            insert,
            using: None,
            pattern,
        } = op
        else {
            return false;
        };
        let mut walk = GraphWalk::default();
        walk.pattern(pattern, false);
        let [g] = walk.graphs.as_slice() else {
            return false;
        };
        let in_g =
            |name: &GraphNamePattern| matches!(name, GraphNamePattern::Variable(v) if v == g);
        !walk.strays
            && !walk.bound.contains(g)
            && delete.iter().all(|q| in_g(&q.graph_name))
            && insert.iter().all(|q| in_g(&q.graph_name))
    })
}

/// What [`graph_local`] learns from a WHERE clause.
#[derive(Default)]
struct GraphWalk {
    /// The distinct variables after `GRAPH`.
    graphs: Vec<spargebra::term::Variable>,
    /// Variables bound by `VALUES` or `BIND`.
    bound: Vec<spargebra::term::Variable>,
    /// Something reads triples outside `GRAPH ?var`, or is out of bounds (a subquery,
    /// an aggregate, `SERVICE`, a constant graph).
    strays: bool,
}

impl GraphWalk {
    fn pattern(&mut self, p: &spargebra::algebra::GraphPattern, inside: bool) {
        use spargebra::algebra::GraphPattern as P;
        use spargebra::term::NamedNodePattern;
        match p {
            P::Bgp { patterns } => self.strays |= !inside && !patterns.is_empty(),
            P::Path { .. } => self.strays |= !inside,
            P::Join { left, right } | P::Union { left, right } | P::Minus { left, right } => {
                self.pattern(left, inside);
                self.pattern(right, inside);
            }
            P::LeftJoin {
                left,
                right,
                expression,
            } => {
                self.pattern(left, inside);
                self.pattern(right, inside);
                if let Some(e) = expression {
                    self.expression(e, inside);
                }
            }
            P::Filter { expr, inner } => {
                self.expression(expr, inside);
                self.pattern(inner, inside);
            }
            P::Extend {
                inner,
                variable,
                expression,
            } => {
                self.bound.push(variable.clone());
                self.expression(expression, inside);
                self.pattern(inner, inside);
            }
            P::Values { variables, .. } => self.bound.extend(variables.iter().cloned()),
            P::Graph {
                name: NamedNodePattern::Variable(v),
                inner,
            } => {
                if !self.graphs.contains(v) {
                    self.graphs.push(v.clone());
                }
                self.pattern(inner, true);
            }
            _ => self.strays = true,
        }
    }

    fn expression(&mut self, e: &spargebra::algebra::Expression, inside: bool) {
        use spargebra::algebra::Expression as E;
        match e {
            E::Exists(p) => self.pattern(p, inside),
            E::Or(a, b)
            | E::And(a, b)
            | E::Equal(a, b)
            | E::SameTerm(a, b)
            | E::Greater(a, b)
            | E::GreaterOrEqual(a, b)
            | E::Less(a, b)
            | E::LessOrEqual(a, b)
            | E::Add(a, b)
            | E::Subtract(a, b)
            | E::Multiply(a, b)
            | E::Divide(a, b) => {
                self.expression(a, inside);
                self.expression(b, inside);
            }
            E::UnaryPlus(a) | E::UnaryMinus(a) | E::Not(a) => self.expression(a, inside),
            E::If(a, b, c) => {
                for x in [a, b, c] {
                    self.expression(x, inside);
                }
            }
            E::In(a, rest) => {
                self.expression(a, inside);
                rest.iter().for_each(|x| self.expression(x, inside));
            }
            E::Coalesce(xs) | E::FunctionCall(_, xs) => {
                xs.iter().for_each(|x| self.expression(x, inside))
            }
            E::NamedNode(_) | E::Literal(_) | E::Variable(_) | E::Bound(_) => {}
        }
    }
}

/// The update files of an inference folder, read and parsed once, to run on many
/// document graphs (see [`Inference::inferred`]).
pub struct Inference {
    files: Vec<UpdateFile>,
    /// The predicates the updates can read; `None` when they can read any.
    /// (A list: it is short, and finding a predicate in it costs less than hashing one.)
    wanted: Option<Vec<String>>,
    /// Quads per predicate, to see which predicates the updates added to.
    counts: PreparedSparqlQuery,
    /// What the updates add to a graph they read nothing from (most documents), when
    /// that is always the same (see [`same_every_run`]).
    from_nothing: Option<Vec<Quad>>,
    /// Whether [`Inference::inferred_each`] may run the updates once for many documents:
    /// they are graph-local (see [`graph_local`]), give the same quads every run, read
    /// only the predicates they name, and add nothing to an empty graph.
    batchable: bool,
}

impl Inference {
    /// Reads and parses every update file of `dir` (none when it does not exist), and runs
    /// them once on an empty graph (so an update that fails at run time fails here).
    pub fn load(dir: &Path) -> Result<Inference> {
        let files = read_updates(dir)?;
        let mut wanted: Option<Vec<String>> = Some(Vec::new());
        for f in &files {
            match (read_predicates(&f.text), wanted.as_mut()) {
                (Some(p), Some(w)) => w.extend(p),
                _ => wanted = None,
            }
        }
        if let Some(w) = wanted.as_mut() {
            w.sort();
            w.dedup();
        }
        let counts = SparqlEvaluator::new()
            .parse_query("SELECT ?p (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?p")
            .map_err(|e| KgError::Sparql(e.to_string()))?;
        let mut inference = Inference {
            files,
            wanted,
            counts,
            from_nothing: None,
            batchable: false,
        };
        let from_nothing = inference.run_on(HashSet::new())?;
        if inference.files.iter().all(|f| same_every_run(&f.text)) {
            inference.batchable = from_nothing.is_empty()
                && inference.wanted.is_some()
                && inference.files.iter().all(|f| graph_local(&f.text));
            inference.from_nothing = Some(from_nothing);
        }
        Ok(inference)
    }

    /// Whether [`Inference::inferred`] would load `q` (its predicate is one the updates can
    /// read, and the store keeps its object as it is). With no update files, `wanted` is
    /// empty and nothing is read.
    pub fn reads(&self, q: QuadRef<'_>) -> bool {
        self.wanted
            .as_ref()
            .is_none_or(|w| w.iter().any(|p| p == q.predicate.as_str()))
            && kept_exactly(q)
    }

    /// The quads the updates add to `quads` (in no particular order).
    ///
    /// The updates run on an in-memory oxigraph store holding the quads they can read (see
    /// the module documentation) whose object is a resource or a string (typed literals are
    /// left out: the store would canonicalise them), and what they added is what the store
    /// holds beyond those quads. Updates that delete are not reflected.
    pub fn inferred(&self, quads: &[Quad]) -> Result<Vec<Quad>> {
        if self.files.is_empty() {
            return Ok(Vec::new());
        }
        let loaded: HashSet<QuadRef<'_>> = quads
            .iter()
            .map(Quad::as_ref)
            .filter(|q| self.reads(*q))
            .collect();
        if loaded.is_empty()
            && let Some(added) = &self.from_nothing
        {
            return Ok(added.clone());
        }
        self.run_on(loaded)
    }

    /// What the updates add to each of `docs`, the same as [`Inference::inferred`] on each
    /// in turn. When the updates are batchable (see [`graph_local`]) and the quads they read
    /// of each document are in a graph no other document has, they run once for all.
    pub fn inferred_each(&self, docs: &[&[Quad]]) -> Result<Vec<Vec<Quad>>> {
        let one_by_one = || docs.iter().map(|quads| self.inferred(quads)).collect();
        if !self.batchable || docs.len() < 2 {
            return one_by_one();
        }
        let mut loaded: FxHashSet<QuadRef<'_>> = FxHashSet::default();
        let mut owner: FxHashMap<GraphNameRef<'_>, usize> = FxHashMap::default();
        for (i, quads) in docs.iter().enumerate() {
            let mut graph = None;
            for q in quads.iter().map(Quad::as_ref).filter(|q| self.reads(*q)) {
                if *graph.get_or_insert(q.graph_name) != q.graph_name {
                    return one_by_one();
                }
                loaded.insert(q);
            }
            if let Some(g) = graph
                && owner.insert(g, i).is_some()
            {
                return one_by_one();
            }
        }
        // Batchable updates add nothing to a document whose graph they read nothing of.
        let mut added = vec![Vec::new(); docs.len()];
        if loaded.is_empty() {
            return Ok(added);
        }
        let store = self.updated_store(&loaded)?;
        let all = store.iter().collect::<Result<Vec<_>, _>>()?;
        // As in `run_on`, but counted per graph: each graph is one document's store.
        fn key(q: QuadRef<'_>) -> (GraphNameRef<'_>, &str) {
            (q.graph_name, q.predicate.as_str())
        }
        let mut before: FxHashMap<(GraphNameRef<'_>, &str), usize> = FxHashMap::default();
        for q in &loaded {
            *before.entry(key(*q)).or_default() += 1;
        }
        let mut after: FxHashMap<(GraphNameRef<'_>, &str), usize> = FxHashMap::default();
        for q in &all {
            *after.entry(key(q.as_ref())).or_default() += 1;
        }
        for q in &all {
            let r = q.as_ref();
            let k = key(r);
            if !loaded.contains(&r)
                && after[&k] > before.get(&k).copied().unwrap_or(0)
                && let Some(&i) = owner.get(&r.graph_name)
            {
                added[i].push(q.clone());
            }
        }
        Ok(added)
    }

    /// An in-memory store holding `loaded`, after the updates ran on it.
    fn updated_store<S: std::hash::BuildHasher>(
        &self,
        loaded: &HashSet<QuadRef<'_>, S>,
    ) -> Result<Store> {
        // A few quads: one transaction costs less than the bulk loader.
        let store = Store::new()?;
        let mut t = store.start_transaction()?;
        t.extend(loaded.iter().copied());
        t.commit()?;
        run_updates(&store, self.files.iter().cloned())?;
        Ok(store)
    }

    /// Runs the updates on a store holding `loaded`; what they added.
    fn run_on(&self, loaded: HashSet<QuadRef<'_>>) -> Result<Vec<Quad>> {
        let wanted = &self.wanted;
        let store = self.updated_store(&loaded)?;
        // What the updates added is read back only for the predicates that gained quads
        // (an update that deletes as many quads as it inserts adds nothing).
        let mut before: HashMap<&str, usize> = HashMap::new();
        for q in &loaded {
            *before.entry(q.predicate.as_str()).or_default() += 1;
        }
        let grew = |p: &str, after: usize| after > before.get(p).copied().unwrap_or(0);
        let mut added = Vec::new();
        if wanted.is_some() {
            // The store holds only the few quads the updates can read: read it all back
            // and count per predicate here.
            let all = store.iter().collect::<Result<Vec<_>, _>>()?;
            let mut after: HashMap<&str, usize> = HashMap::new();
            for q in &all {
                *after.entry(q.predicate.as_str()).or_default() += 1;
            }
            let grown: HashSet<&str> = after
                .into_iter()
                .filter(|&(p, n)| grew(p, n))
                .map(|(p, _)| p)
                .collect();
            added.extend(
                all.iter()
                    .filter(|q| {
                        grown.contains(q.predicate.as_str()) && !loaded.contains(&q.as_ref())
                    })
                    .cloned(),
            );
            return Ok(added);
        }
        // The whole graph was loaded: only the predicates that gained quads are read
        // back, found with one query (reading the whole store back costs more than
        // loading it).
        let counts = self.counts.clone().on_store(&store).execute()?;
        let mut grown = Vec::new();
        if let QueryResults::Solutions(rows) = counts {
            for row in rows {
                let row = row?;
                if let (Some(Term::NamedNode(p)), Some(Term::Literal(n))) =
                    (row.get("p"), row.get("n"))
                {
                    let n: usize = n.value().parse().unwrap_or(usize::MAX);
                    if grew(p.as_str(), n) {
                        grown.push(p.clone());
                    }
                }
            }
        }
        for p in &grown {
            for q in store.quads_for_pattern(None, Some(p.as_ref()), None, None) {
                let q = q?;
                if !loaded.contains(&q.as_ref()) {
                    added.push(q);
                }
            }
        }
        Ok(added)
    }
}

#[cfg(test)]
mod tests {
    use super::{Inference, read_predicates};
    use oxigraph::model::{GraphName, NamedNode, Quad};

    fn inferred_by(update: &str, quads: &[Quad]) -> Vec<Quad> {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("10-test.ru"), update).expect("write update");
        let mut added = Inference::load(dir.path())
            .expect("load")
            .inferred(quads)
            .expect("run");
        added.sort_by_key(|q| q.to_string());
        added
    }

    fn meets(s: &str, o: &str) -> Quad {
        let n = |x: &str| NamedNode::new_unchecked(format!("http://e/{x}"));
        Quad::new(
            n(s),
            NamedNode::new_unchecked("https://w3id.org/isnad/ontology#meetsWith"),
            n(o),
            GraphName::NamedNode(n("g")),
        )
    }

    #[test]
    fn what_the_updates_add_and_only_that() {
        let symmetric = "PREFIX isn: <https://w3id.org/isnad/ontology#>
            INSERT { GRAPH ?g { ?o isn:meetsWith ?s } } WHERE { GRAPH ?g { ?s isn:meetsWith ?o } }";
        assert_eq!(
            inferred_by(symmetric, &[meets("a", "b")]),
            vec![meets("b", "a")]
        );
        assert!(inferred_by(symmetric, &[meets("a", "b"), meets("b", "a")]).is_empty());
        // Deleting as many quads as it inserts, an update adds nothing (module docs).
        let replace = "PREFIX isn: <https://w3id.org/isnad/ontology#>
            DELETE { GRAPH ?g { ?s isn:meetsWith ?o } } INSERT { GRAPH ?g { ?s isn:meetsWith <http://e/x> } }
            WHERE { GRAPH ?g { ?s isn:meetsWith ?o } }";
        assert!(inferred_by(replace, &[meets("a", "b")]).is_empty());
        // An update that reads nothing adds the same to every graph, even one it does not read.
        assert!(inferred_by(symmetric, &[]).is_empty());
        let constant =
            "INSERT DATA { GRAPH <http://e/g> { <http://e/x> <http://e/p> <http://e/y> } }";
        assert_eq!(inferred_by(constant, &[meets("a", "b")]).len(), 1);
        assert_eq!(inferred_by(constant, &[]).len(), 1);
        // The same with a graph the updates do read: a real run, not the cached one.
        let both = format!(
            "PREFIX isn: <https://w3id.org/isnad/ontology#>\n{constant} ;\n{}",
            &symmetric[symmetric.find("INSERT").unwrap()..]
        );
        assert_eq!(inferred_by(&both, &[meets("a", "b")]).len(), 2);
        assert_eq!(inferred_by(&both, &[]).len(), 1);
        // Blank nodes are fresh in every run: nothing is cached for such updates.
        for fresh in [
            "INSERT { GRAPH ?g { _:b isn:p ?s } } WHERE { GRAPH ?g { ?s isn:q ?o } }",
            "INSERT { ?s isn:p [] } WHERE { ?s isn:q ?o }",
            "INSERT { ?s isn:p ?x } WHERE { ?s isn:q ?o BIND(uuid() AS ?x) }",
        ] {
            assert!(!super::same_every_run(fresh), "{fresh}");
        }
        assert!(super::same_every_run(symmetric));
    }

    #[test]
    fn graph_local_updates() {
        let shipped = include_str!("../../ontology/inference/10-symmetric.ru");
        assert!(super::graph_local(shipped));
        let isn = "PREFIX isn: <https://w3id.org/isnad/ontology#>\n";
        for local in [
            "INSERT { GRAPH ?g { ?o isn:p ?s } } WHERE { GRAPH ?g { ?s isn:p ?o FILTER NOT EXISTS { ?o isn:p ?s } } }",
            "DELETE { GRAPH ?g { ?s isn:p ?o } } WHERE { GRAPH ?g { ?s isn:p ?o } }",
            "INSERT { GRAPH ?g { ?s isn:q ?o } } WHERE { VALUES ?x { 1 } GRAPH ?g { ?s isn:p/isn:p ?o } } ; \
             INSERT { GRAPH ?h { ?s isn:r ?o } } WHERE { GRAPH ?h { ?s isn:q ?o } }",
        ] {
            assert!(super::graph_local(&format!("{isn}{local}")), "{local}");
        }
        for crossing in [
            // two graphs joined
            "INSERT { GRAPH ?g { ?o isn:p ?s } } WHERE { GRAPH ?g { ?s isn:p ?o } GRAPH ?h { ?o isn:q ?s } }",
            // a template or a pattern outside the graph
            "INSERT { ?o isn:p ?s } WHERE { GRAPH ?g { ?s isn:p ?o } }",
            "INSERT { GRAPH ?g { ?o isn:p ?s } } WHERE { GRAPH ?g { ?s isn:p ?o } ?s isn:q ?x }",
            "INSERT { GRAPH <http://e/g> { ?o isn:p ?s } } WHERE { GRAPH ?g { ?s isn:p ?o } }",
            // the graph variable bound otherwise
            "INSERT { GRAPH ?g { ?o isn:p ?s } } WHERE { { GRAPH ?g { ?s isn:p ?o } } UNION { VALUES ?g { <http://e/g> } } }",
            "INSERT { GRAPH ?g { ?o isn:p ?s } } WHERE { GRAPH ?h { ?s isn:p ?o } BIND(?h AS ?g) }",
            // aggregates, constant graphs, datasets
            "INSERT { GRAPH ?g { ?s isn:n ?n } } WHERE { { SELECT ?g ?s (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s isn:p ?o } } GROUP BY ?g ?s } }",
            "INSERT DATA { GRAPH <http://e/g> { <http://e/x> isn:p <http://e/y> } }",
            "INSERT { GRAPH ?g { ?o isn:p ?s } } USING NAMED <http://e/g> WHERE { GRAPH ?g { ?s isn:p ?o } }",
            "CLEAR ALL",
        ] {
            assert!(
                !super::graph_local(&format!("{isn}{crossing}")),
                "{crossing}"
            );
        }
    }

    #[test]
    fn a_batch_of_documents_gets_what_each_gets_alone() {
        let in_graph = |q: Quad, g: &str| {
            Quad::new(
                q.subject,
                q.predicate,
                q.object,
                GraphName::NamedNode(NamedNode::new_unchecked(format!("http://e/{g}"))),
            )
        };
        let docs: Vec<Vec<Quad>> = vec![
            vec![in_graph(meets("a", "b"), "d1")],
            vec![],
            vec![
                in_graph(meets("a", "b"), "d3"),
                in_graph(meets("b", "a"), "d3"),
                in_graph(meets("c", "a"), "d3"),
            ],
            vec![
                in_graph(meets("x", "y"), "d4"),
                in_graph(meets("y", "z"), "d4"),
            ],
        ];
        let refs: Vec<&[Quad]> = docs.iter().map(Vec::as_slice).collect();
        let sorted = |mut v: Vec<Quad>| {
            v.sort_by_key(|q| q.to_string());
            v
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/inference");
        let replace = "PREFIX isn: <https://w3id.org/isnad/ontology#>
            DELETE { GRAPH ?g { ?s isn:meetsWith ?o } } INSERT { GRAPH ?g { ?s isn:meetsWith <http://e/x> } }
            WHERE { GRAPH ?g { ?s isn:meetsWith ?o } }";
        std::fs::write(dir.path().join("10-replace.ru"), replace).expect("write update");
        for folder in [shipped.as_path(), dir.path()] {
            let inference = Inference::load(folder).expect("load");
            assert!(inference.batchable, "{folder:?}");
            let each: Vec<Vec<Quad>> = inference
                .inferred_each(&refs)
                .expect("batch")
                .into_iter()
                .map(sorted)
                .collect();
            let alone: Vec<Vec<Quad>> = refs
                .iter()
                .map(|q| sorted(inference.inferred(q).expect("alone")))
                .collect();
            assert_eq!(each, alone, "{folder:?}");
        }
        // The shipped update mirrors d1's and d4's meetings and d3's third one.
        let inference = Inference::load(&shipped).expect("load");
        let counts: Vec<usize> = inference
            .inferred_each(&refs)
            .expect("batch")
            .iter()
            .map(Vec::len)
            .collect();
        assert_eq!(counts, [1, 0, 1, 2]);
        // Two documents with the same graph are run one by one, as they would be alone.
        let twice = [refs[0], refs[0]];
        assert_eq!(
            inference.inferred_each(&twice).expect("same graph")[1].len(),
            1
        );
    }

    #[test]
    fn predicates_an_update_reads() {
        let p = read_predicates(
            "PREFIX isn: <https://w3id.org/isnad/ontology#>
             INSERT { GRAPH ?g { ?o ?p ?s } }
             WHERE { VALUES ?p { isn:meetsWith isn:phoneCallWith } GRAPH ?g { ?s ?p ?o . ?s a isn:Person } }",
        )
        .expect("bounded");
        for iri in [
            "https://w3id.org/isnad/ontology#meetsWith",
            "https://w3id.org/isnad/ontology#phoneCallWith",
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        ] {
            assert!(p.contains(iri), "{iri} missing from {p:?}");
        }
        for unbounded in [
            "INSERT { ?s <http://e/q> ?o } WHERE { ?s ?p ?o }",
            "INSERT { ?s <http://e/q> ?o } WHERE { ?s !<http://e/p> ?o }",
            "INSERT { ?s <http://e/q> ?o } WHERE { ?s <http://e/p>* ?o }",
            "ADD <http://e/g> TO <http://e/h>",
        ] {
            assert!(read_predicates(unbounded).is_none(), "{unbounded}");
        }
    }
}
