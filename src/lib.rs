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
//! | events file → validated events | [`events::Loaded`] | [`events::load`] |
//! | events → event graph | [`graph::EventGraph`] | [`graph::build`] |
//! | graph + rulebook → verdicts | [`eval::Verdict`] | [`eval::adjudicate`] |
//! | verdicts → text, JSON | `String` | [`render`] |

// Diagnostics carry their whole source file and spans (so that any stage can
// render them); they are large by design and only built on the error path.
#![allow(clippy::result_large_err)]

pub mod ast;
pub mod cases;
pub mod check;
pub mod compile;
pub mod digest;
pub mod eval;
pub mod events;
pub mod files;
pub mod graph;
pub mod link;
pub mod lint;
pub mod name;
pub mod prepare;
pub mod render;
pub mod report;
pub mod span;
pub mod suggest;
pub mod syntax;

pub use compile::{RulebookError, compile, load_rulebook};
pub use prepare::{
    Instrument, Prepared, adjudicate_file, adjudicate_files, parse_doctrine, prepare, set_doctrines,
};
