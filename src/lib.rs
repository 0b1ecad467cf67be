//! truce adjudicates ceasefire violations.
//!
//! The pipeline, one public function per arrow (see ARCHITECTURE.md):
//!
//! | stage | produces | module |
//! |---|---|---|
//! | rule text → AST | [`ast::Rulebook`] | [`syntax::parse_rulebook`] |
//! | AST + imports → one AST | [`ast::Rulebook`] | [`link::link`] |
//! | AST → checked rulebook | [`check::Rulebook`] | [`check::check`] |
//! | checked rulebook → its geometry's problems | [`lint::Lint`] | [`lint::lint`] |
//! | rule file → checked, linted rulebook | [`check::Checked`] | [`compile::load_rulebook`] |
//! | CSV table + mapping → events file | [`import::Event`] | [`import::import`] |
//! | events file → validated events | [`events::Loaded`] | [`events::load`] |
//! | events → event graph | [`graph::EventGraph`] | [`graph::build`] |
//! | graph + rulebook → what is found once per graph | [`eval::Survey`] | [`eval::Survey::of`] |
//! | graph + rulebook → verdicts | [`eval::Verdict`] | [`eval::adjudicate`] |
//! | rulebooks + events file → a run ready to judge | [`prepare::Prepared`] | [`prepare::prepare`] |
//! | verdicts → text, JSON | `String` | [`render`] |
//!
//! Each module uses only its own stage and earlier ones; `stages.rs` holds
//! their order and the test that keeps it. This file only declares the
//! modules and re-exports the names callers use.

// Diagnostics carry their whole source file and spans (so that any stage can
// render them); they are large by design and only built on the error path.
#![allow(clippy::result_large_err)]

pub mod ast;
pub mod cases;
pub mod check;
pub mod compile;
pub mod coverage;
pub mod diff;
pub mod digest;
pub mod eval;
pub mod events;
pub mod files;
pub mod fmt;
pub mod graph;
pub mod import;
pub mod link;
pub mod lint;
pub mod located;
pub mod name;
pub mod prepare;
pub mod render;
pub mod report;
pub mod span;
#[cfg(test)]
mod stages;
pub mod suggest;
pub mod syntax;
pub mod whatif;

pub use compile::{RulebookError, compile, load_rulebook};
pub use prepare::{
    Instrument, Prepared, adjudicate_file, adjudicate_files, parse_doctrine, prepare, set_doctrines,
};
