//! isnad: knowledge graphs from Arabic news.
//!
//! The pipeline, one module per stage: [`input`] (documents) → [`text`] (folding,
//! sentences, tokens, clitics) → [`lexicon`] (gazetteer) → [`rules`] (the rule
//! language and matcher) → [`extract`] (mentions, coreference, modality, dates,
//! facts) → [`eval`] (quality against gold sets).

pub mod corpus;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod input;
pub mod kg;
pub mod lexicon;
pub mod rules;
pub mod text;
