//! isnad: knowledge graphs from Arabic news.
//!
//! The pipeline, one module per stage: [`input`] (documents) → [`text`] (folding,
//! sentences, tokens, clitics) → [`lexicon`] (gazetteer) → [`rules`] (the rule
//! language and matcher) → [`extract`] (mentions, coreference, modality, dates,
//! facts) → [`eval`] (quality against gold sets); then [`kg`] (RDF with provenance),
//! [`graph`] and [`export`] (analysis, Gephi and friends), [`serve`] (SPARQL endpoint and
//! evidence browser) and [`publish`] (pushing graphs to other triplestores).

pub mod corpus;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod input;
pub mod kg;
pub mod lexicon;
pub mod publish;
pub mod rules;
pub mod serve;
pub mod text;
