//! isnad: knowledge graphs from Arabic news.
//!
//! The pipeline, one module per stage: [`input`] (documents) → [`text`] (folding,
//! sentences, tokens, clitics) → [`lexicon`] (gazetteer) → [`rules`] (the rule
//! language and matcher) → [`extract`] (mentions, coreference, modality, dates,
//! facts) → [`eval`] (quality against gold sets).

pub mod eval;
pub mod extract;
pub mod input;
pub mod lexicon;
pub mod rules;
pub mod text;
