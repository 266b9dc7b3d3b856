//! The evidence browser: a query page with the example queries, entity search, entity pages
//! (labels, types, sameAs, every fact with its highlighted source sentence) and document
//! pages (the text with the spans of its facts marked). Server-rendered HTML, one embedded
//! stylesheet, a line of script for the example picker; nothing loaded from elsewhere.

use super::html::{esc, page, url};
use super::sparql::{self, Evaluated, Request};
use super::{ApiError, AppState, on_worker};
use crate::kg::evidence::{self, Entity, FactEvidence};
use crate::kg::model::doc_graph_iri;
use crate::kg::query::short_iri;
use crate::kg::{DOC, ID};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use oxigraph::model::Term;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::sync::Arc;

/// The example queries of `examples/queries/`, embedded at build time: (file stem, text).
pub const EXAMPLES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/example_queries.rs"));

const STYLE: &str = include_str!("assets/style.css");

/// The browser's routes.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(home))
        .route("/search", get(search))
        .route("/entity/{*local}", get(entity))
        .route("/docs", get(documents))
        .route("/doc/{*id}", get(document))
        .route("/assets/style.css", get(style))
}

async fn style() -> Response {
    let mut r = STYLE.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    r
}

/// Runs `f` with the entity index on a worker thread.
async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&AppState, &BTreeMap<String, Entity>) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = Arc::clone(state);
    on_worker("page", move || {
        let index = state.entities()?;
        f(&state, &index)
    })
    .await
}

fn store_error(e: crate::kg::KgError) -> ApiError {
    ApiError::internal(format!("reading the store: {e}"))
}

/// The first line of an example query when it is a `#` comment: its title.
fn example_title(text: &str) -> &str {
    text.lines()
        .next()
        .and_then(|l| l.strip_prefix('#'))
        .map_or("", str::trim)
}

/// An entity as a link: English name, Arabic label beside it.
fn entity_link(index: &BTreeMap<String, Entity>, iri: &str) -> String {
    let local = iri.strip_prefix(ID).unwrap_or(iri);
    match index.get(iri) {
        Some(e) => {
            let ar = e
                .label("ar")
                .filter(|ar| *ar != e.name())
                .map(|ar| {
                    format!(
                        " <span class=\"ar\" lang=\"ar\" dir=\"rtl\">{}</span>",
                        esc(ar)
                    )
                })
                .unwrap_or_default();
            format!(
                "<a class=\"entity\" href=\"/entity/{}\" title=\"{}\"><bdi>{}</bdi></a>{ar}",
                url(local, true),
                esc(&short_iri(iri)),
                esc(&e.name())
            )
        }
        None => format!(
            "<a class=\"entity\" href=\"/entity/{}\">{}</a>",
            url(local, true),
            esc(&short_iri(iri))
        ),
    }
}

/// A link to a document (and a fragment in it) from a document or fact IRI.
fn doc_link(iri: &str) -> String {
    let rest = iri.strip_prefix(DOC).unwrap_or(iri);
    let (id, frag) = rest.split_once('#').unwrap_or((rest, ""));
    let shown = evidence::doc_id(id);
    let frag_html = if frag.is_empty() {
        String::new()
    } else {
        format!("#{}", esc(frag))
    };
    format!(
        "<a class=\"doc\" href=\"/doc/{id}{frag_html}\"><bdi>{}</bdi>{frag_html}</a>",
        esc(&shown)
    )
}

/// One RDF term as a table cell.
fn term_html(index: &BTreeMap<String, Entity>, t: Option<&Term>) -> String {
    match t {
        None => String::new(),
        Some(Term::NamedNode(n)) if n.as_str().starts_with(ID) => entity_link(index, n.as_str()),
        Some(Term::NamedNode(n)) if n.as_str().starts_with(DOC) => doc_link(n.as_str()),
        Some(Term::NamedNode(n)) => {
            let short = short_iri(n.as_str());
            if short.starts_with('<') && n.as_str().starts_with("http") {
                format!(
                    "<a href=\"{0}\" rel=\"noreferrer\">{0}</a>",
                    esc(n.as_str())
                )
            } else {
                format!("<code>{}</code>", esc(&short))
            }
        }
        Some(Term::Literal(l)) => match l.language() {
            Some(lang) => format!(
                "<span lang=\"{}\" dir=\"auto\">{}</span>",
                esc(lang),
                esc(l.value())
            ),
            None => format!("<bdi>{}</bdi>", esc(l.value())),
        },
        Some(other) => format!("<code>{}</code>", esc(&other.to_string())),
    }
}

fn results_html(index: &BTreeMap<String, Entity>, results: &Evaluated, max_rows: usize) -> String {
    let mut h = String::new();
    match results {
        Evaluated::Boolean(b) => {
            let _ = write!(h, "<p class=\"ask\">Answer: <strong>{b}</strong></p>");
        }
        Evaluated::Solutions {
            variables, rows, ..
        } => {
            let _ = write!(
                h,
                "<p class=\"count\">{} row{}</p><div class=\"scroll\"><table class=\"results\"><thead><tr>",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" }
            );
            for v in variables {
                let _ = write!(h, "<th>{}</th>", esc(v.as_str()));
            }
            h.push_str("</tr></thead><tbody>");
            for r in rows {
                h.push_str("<tr>");
                for v in variables {
                    let _ = write!(h, "<td>{}</td>", term_html(index, r.get(v)));
                }
                h.push_str("</tr>");
            }
            h.push_str("</tbody></table></div>");
        }
        Evaluated::Graph { triples, .. } => {
            let _ = write!(
                h,
                "<p class=\"count\">{} triple{}</p><div class=\"scroll\"><table class=\"results\"><thead><tr><th>subject</th><th>predicate</th><th>object</th></tr></thead><tbody>",
                triples.len(),
                if triples.len() == 1 { "" } else { "s" }
            );
            for t in triples {
                let s: Term = t.subject.clone().into();
                let p: Term = t.predicate.clone().into();
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                    term_html(index, Some(&s)),
                    term_html(index, Some(&p)),
                    term_html(index, Some(&t.object))
                );
            }
            h.push_str("</tbody></table></div>");
        }
    }
    if results.truncated() {
        let _ = write!(
            h,
            "<p class=\"warn\">Only the first {max_rows} results are shown (the server's --max-rows).</p>"
        );
    }
    h
}

/// `/`: the query page; `?example=NAME` loads an example, `?query=…` runs a query.
async fn home(
    State(state): State<Arc<AppState>>,
    Query(params): Query<BTreeMap<String, String>>,
) -> Response {
    let example = params
        .get("example")
        .and_then(|n| EXAMPLES.iter().find(|(name, _)| name == n));
    let query = params
        .get("query")
        .cloned()
        .or_else(|| example.map(|(_, q)| q.to_string()));
    let mut h = String::from(
        "<section class=\"intro\"><h1>Ask the graph</h1>\
         <p>Start from an entity with the search box above (for example \
         <a href=\"/search?q=Belarus\">Belarus</a>), browse the <a href=\"/docs\">documents</a>, \
         or run SPARQL below. Every fact links to the sentence it was read from.</p></section>",
    );
    h.push_str("<form class=\"examples\" method=\"get\" action=\"/\"><label>Example queries <select name=\"example\" onchange=\"this.form.submit()\"><option value=\"\">choose one…</option>");
    for (name, text) in EXAMPLES {
        let selected = if example.is_some_and(|(n, _)| n == name) {
            " selected"
        } else {
            ""
        };
        let _ = write!(
            h,
            "<option value=\"{}\"{selected}>{}</option>",
            esc(name),
            esc(example_title(text))
        );
    }
    h.push_str(
        "</select></label> <noscript><button type=\"submit\">Load</button></noscript></form>",
    );
    let _ = write!(
        h,
        "<form class=\"query\" method=\"get\" action=\"/\"><textarea name=\"query\" rows=\"12\" spellcheck=\"false\" dir=\"ltr\" aria-label=\"SPARQL query\">{}</textarea>\
         <div class=\"row\"><button type=\"submit\">Run query</button>\
         <span class=\"hint\">Prefixes isn:, id:, nif:, prov:, rdf:, rdfs:, skos:, owl:, xsd:, dcterms:, wd: are predeclared. The default graph is the union of the documents.</span></div></form>",
        esc(query.as_deref().unwrap_or("SELECT ?who ?place ?modality WHERE {\n  ?f a isn:Fact ; rdf:subject ?who ; rdf:predicate isn:visits ;\n     rdf:object ?place ; isn:modality ?modality .\n}"))
    );
    if let Some(q) = query {
        let downloads: String = ["json", "xml", "csv", "tsv"]
            .iter()
            .map(|f| {
                format!(
                    "<a href=\"/sparql?format={f}&amp;query={}\">{}</a>",
                    url(&q, false),
                    f.to_uppercase()
                )
            })
            .collect::<Vec<_>>()
            .join(" · ");
        let result = match sparql::run(&state, Request::default(), q).await {
            Ok(r) => {
                let max = state.opts.max_rows;
                blocking(&state, move |_, index| Ok(results_html(index, &r, max))).await
            }
            Err(e) => Err(e),
        };
        match result {
            Ok(table) => {
                let _ = write!(
                    h,
                    "<section class=\"results\"><h2>Results</h2><p class=\"downloads\">Download: {downloads}</p>{table}</section>"
                );
            }
            Err(e) => {
                let _ = write!(
                    h,
                    "<section class=\"results error\"><h2>The query failed</h2><pre>{}</pre></section>",
                    esc(&e.to_string())
                );
            }
        }
    }
    page("Query", "", &h)
}

/// `/search?q=…`: entities whose names contain the text; one hit goes straight to its page.
async fn search(
    State(state): State<Arc<AppState>>,
    Query(params): Query<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let q = params.get("q").cloned().unwrap_or_default();
    let q2 = q.clone();
    let (hits, html) = blocking(&state, move |_, index| {
        let hits = evidence::search(index, &q2);
        let mut h = format!(
            "<h1>Entities matching “<bdi>{}</bdi>”</h1><p class=\"count\">{} found</p><ul class=\"hits\">",
            esc(&q2),
            hits.len()
        );
        for e in hits.iter().take(200) {
            let _ = write!(
                h,
                "<li>{} <span class=\"kind\">{}</span></li>",
                entity_link(index, &e.iri),
                esc(&e.kind)
            );
        }
        h.push_str("</ul>");
        Ok((hits.iter().map(|e| e.local().to_string()).collect::<Vec<_>>(), h))
    })
    .await?;
    if let [one] = hits.as_slice() {
        return Ok(Redirect::to(&format!("/entity/{}", url(one, true))).into_response());
    }
    Ok(page("Search", &q, &html))
}

fn modality_badge(m: &str) -> String {
    format!("<span class=\"badge modality-{0}\">{0}</span>", esc(m))
}

/// One fact with its evidence: the triple, modality, dates, rule, and the sentence with the span marked.
fn fact_card(index: &BTreeMap<String, Entity>, f: &FactEvidence, anchor: bool) -> String {
    let pred = short_iri(&f.predicate);
    let mut meta = modality_badge(&f.modality);
    let when = f.when();
    if !when.is_empty() {
        let _ = write!(
            meta,
            " <span class=\"when\">{}</span>",
            esc(&when.replace("..", " → "))
        );
    }
    let _ = write!(meta, " · rule <code class=\"rule\">{}</code>", esc(&f.rule));
    if let Some(c) = &f.confidence {
        let _ = write!(meta, " · confidence {}", esc(c));
    }
    if let Some(r) = &f.role {
        let _ = write!(
            meta,
            " · role <span lang=\"ar\" dir=\"rtl\">{}</span>",
            esc(r)
        );
    }
    let evidence = match f.marked_sentence() {
        Some((before, span, after)) => format!(
            "<blockquote class=\"evidence\" lang=\"ar\" dir=\"rtl\">{}<mark data-begin=\"{}\" data-end=\"{}\">{}</mark>{}</blockquote>",
            esc(&before),
            f.begin,
            f.end_char,
            esc(&span),
            esc(&after)
        ),
        None => String::new(),
    };
    let doc = f.document();
    let id_attr = if anchor {
        format!(" id=\"fact-{}\"", f.number())
    } else {
        String::new()
    };
    format!(
        "<article class=\"fact\"{id_attr}><div class=\"triple\">{} <span class=\"pred\">{}</span> {}</div>\
         <div class=\"meta\">{meta}</div>{evidence}\
         <div class=\"source\"><a href=\"/doc/{}#fact-{}\">document <bdi>{}</bdi>, sentence {}, characters {}–{}</a></div></article>",
        entity_link(index, &f.subject),
        esc(pred.trim_start_matches("isn:")),
        entity_link(index, &f.object),
        url(&doc, false),
        f.number(),
        esc(&doc),
        f.sentence_index,
        f.begin,
        f.end_char
    )
}

/// `/entity/{local}`: labels, types, sameAs and every fact about the entity with its evidence.
async fn entity(
    State(state): State<Arc<AppState>>,
    Path(local): Path<String>,
) -> Result<Response, ApiError> {
    let iri = format!("{ID}{local}");
    let (title, html) = blocking(&state, move |state, index| {
        let Some(e) = index.get(&iri) else {
            let near = match evidence::resolve(index, &local) {
                evidence::Resolved::None(near) => near
                    .iter()
                    .map(|(l, i)| format!("<li><a href=\"/search?q={}\">{}</a> ({})</li>", url(l, false), esc(l), esc(i)))
                    .collect::<String>(),
                _ => String::new(),
            };
            return Ok((
                "Not found".to_string(),
                format!("<h1>No entity <code>{}</code> in this graph</h1><p>Closest names:</p><ul>{near}</ul>", esc(&short_iri(&iri))),
            ));
        };
        let facts = evidence::facts_about(&state.store, &iri).map_err(store_error)?;
        let mut h = String::new();
        let ar: Vec<&str> = e.labels.iter().filter(|(l, _)| l == "ar").map(|(_, v)| v.as_str()).collect();
        let en: Vec<&str> = e.labels.iter().filter(|(l, _)| l == "en").map(|(_, v)| v.as_str()).collect();
        let _ = write!(
            h,
            "<h1><bdi>{}</bdi> <span class=\"ar\" lang=\"ar\" dir=\"rtl\">{}</span></h1><dl class=\"entity\">\
             <dt>Type</dt><dd>{}</dd><dt>IRI</dt><dd><code>{}</code></dd>\
             <dt>Arabic</dt><dd lang=\"ar\" dir=\"rtl\">{}</dd><dt>English</dt><dd>{}</dd>",
            esc(&e.name()),
            esc(ar.first().copied().unwrap_or("")),
            esc(&e.kind),
            esc(&e.iri),
            esc(&ar.join(" · ")),
            esc(&en.join(" · "))
        );
        if !e.alt.is_empty() {
            let alt: Vec<&str> = e.alt.iter().map(String::as_str).collect();
            let _ = write!(h, "<dt>Also written</dt><dd lang=\"ar\" dir=\"rtl\">{}</dd>", esc(&alt.join(" · ")));
        }
        if !e.same_as.is_empty() {
            let links: Vec<String> = e.same_as.iter().map(|s| format!("<a href=\"{0}\" rel=\"noreferrer\">{0}</a>", esc(s))).collect();
            let _ = write!(h, "<dt>Same as</dt><dd>{}</dd>", links.join(" "));
        }
        h.push_str("</dl>");
        let docs: BTreeSet<&str> = facts.iter().map(|f| f.graph.as_str()).collect();
        let mut by_pred: BTreeMap<String, usize> = BTreeMap::new();
        for f in &facts {
            *by_pred.entry(short_iri(&f.predicate).trim_start_matches("isn:").to_string()).or_default() += 1;
        }
        let summary: Vec<String> = by_pred.iter().map(|(p, n)| format!("{} {}", esc(p), n)).collect();
        let _ = write!(
            h,
            "<h2>{} fact{} in {} document{}</h2><p class=\"summary\">{}</p>",
            facts.len(),
            if facts.len() == 1 { "" } else { "s" },
            docs.len(),
            if docs.len() == 1 { "" } else { "s" },
            summary.join(" · ")
        );
        for f in &facts {
            h.push_str(&fact_card(index, f, false));
        }
        Ok((e.name(), h))
    })
    .await?;
    Ok(page(&title, "", &html))
}

/// `/docs`: every document with its number of facts.
async fn documents(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let html = blocking(&state, |state, _| {
        let docs = evidence::documents(&state.store).map_err(store_error)?;
        let mut h = format!("<h1>Documents</h1><p class=\"count\">{} document{}</p><table class=\"results\"><thead><tr><th>document</th><th>facts</th></tr></thead><tbody>",
            docs.len(), if docs.len() == 1 { "" } else { "s" });
        for (g, n) in docs.iter().take(5000) {
            let _ = write!(h, "<tr><td>{}</td><td>{n}</td></tr>", doc_link(g));
        }
        h.push_str("</tbody></table>");
        Ok(h)
    })
    .await?;
    Ok(page("Documents", "", &html))
}

/// The text with every fact span marked; overlapping spans are cut into segments, each
/// marked with how many spans cover it.
fn marked_text(text: &str, facts: &[FactEvidence]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let spans: BTreeSet<(usize, usize)> = facts
        .iter()
        .map(|f| (f.begin.min(chars.len()), f.end_char.min(chars.len())))
        .filter(|(b, e)| b < e)
        .collect();
    let mut cuts: BTreeSet<usize> = [0, chars.len()].into();
    for (b, e) in &spans {
        cuts.insert(*b);
        cuts.insert(*e);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut h = String::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let seg: String = chars[a..b].iter().collect();
        let covering: Vec<usize> = facts
            .iter()
            .filter(|f| f.begin <= a && b <= f.end_char)
            .map(FactEvidence::number)
            .collect();
        if covering.is_empty() {
            h.push_str(&esc(&seg));
        } else {
            let ids: Vec<String> = covering.iter().map(|n| format!("fact-{n}")).collect();
            let _ = write!(
                h,
                "<mark class=\"depth-{}\" data-facts=\"{}\" title=\"{}\">{}</mark>",
                spans
                    .iter()
                    .filter(|(sb, se)| *sb <= a && b <= *se)
                    .count()
                    .min(3),
                ids.join(" "),
                ids.join(", "),
                esc(&seg)
            );
        }
    }
    h
}

/// `/doc/{id}`: the document's text with its facts highlighted, then the facts.
async fn document(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let graph = doc_graph_iri(&id);
    let id2 = id.clone();
    let html = blocking(&state, move |state, index| {
        let Some(d) = evidence::document(&state.store, &graph).map_err(store_error)? else {
            return Err(ApiError::not_found(format!(
                "no document `{id2}` in this graph: see /docs for the list"
            )));
        };
        let mut h = format!(
            "<h1>Document <bdi>{}</bdi></h1><p class=\"meta\">{}{} fact{} · graph <code>{}</code> · <a href=\"/store?graph={}&amp;format=trig\">RDF (TriG)</a></p>",
            esc(&id2),
            d.created.as_deref().map(|c| format!("published {} · ", esc(c))).unwrap_or_default(),
            d.facts.len(),
            if d.facts.len() == 1 { "" } else { "s" },
            esc(&d.graph),
            url(&d.graph, false)
        );
        match &d.text {
            Some(t) => {
                let _ = write!(h, "<div class=\"text\" lang=\"ar\" dir=\"rtl\">{}</div>", marked_text(t, &d.facts));
            }
            None => h.push_str("<p class=\"warn\">This graph was built without the text (--no-text); the facts keep their spans.</p>"),
        }
        h.push_str("<h2>Facts</h2>");
        for f in &d.facts {
            h.push_str(&fact_card(index, f, true));
        }
        Ok(h)
    })
    .await?;
    Ok(page(&format!("Document {id}"), "", &html))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(n: usize, b: usize, e: usize) -> FactEvidence {
        FactEvidence {
            record: format!("{DOC}d#fact-{n}"),
            begin: b,
            end_char: e,
            ..FactEvidence::default()
        }
    }

    #[test]
    fn overlapping_spans_become_segments() {
        let h = marked_text("abcdefgh", &[fact(0, 1, 5), fact(1, 3, 7)]);
        assert_eq!(
            h,
            "a<mark class=\"depth-1\" data-facts=\"fact-0\" title=\"fact-0\">bc</mark>\
             <mark class=\"depth-2\" data-facts=\"fact-0 fact-1\" title=\"fact-0, fact-1\">de</mark>\
             <mark class=\"depth-1\" data-facts=\"fact-1\" title=\"fact-1\">fg</mark>h"
        );
    }

    #[test]
    fn every_example_query_has_a_title() {
        assert!(EXAMPLES.len() >= 10);
        for (name, text) in EXAMPLES {
            assert!(
                !example_title(text).is_empty(),
                "{name} has no # title line"
            );
        }
    }
}
