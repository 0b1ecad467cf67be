//! truce adjudicates ceasefire violations.
//!
//! The pipeline, one public function per arrow (see ARCHITECTURE.md):
//!
//! | stage | produces | module |
//! |---|---|---|
//! | rule text → AST | [`ast::Rulebook`] | [`syntax::parse_rulebook`] |
//! | AST + imports → one AST | [`ast::Rulebook`] | [`link::link`] |
//! | AST → checked rulebook | [`check::Rulebook`] | [`check::check`] |
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
pub mod digest;
pub mod eval;
pub mod events;
pub mod graph;
pub mod link;
pub mod name;
pub mod render;
pub mod report;
pub mod span;
pub mod syntax;

use std::path::Path;

use miette::Diagnostic;
use thiserror::Error;

use crate::check::{CheckErrors, Checked};
use crate::report::{Adjudication, Input};
use crate::span::Source;
use crate::syntax::SyntaxError;

/// A rule file that cannot be used.
#[derive(Debug, Error, Diagnostic)]
pub enum RulebookError {
    #[error("cannot read rule file `{path}`: {reason}")]
    #[diagnostic(code(truce::rules::read))]
    Read { path: String, reason: String },
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(#[from] SyntaxError),
    #[error("{} problem(s) with the rulebook's imports", .0.len())]
    Link(Vec<link::LinkError>),
    #[error("{} problem(s) in the rulebook", .0.errors.len())]
    Check(CheckErrors),
}

/// Reads, parses and checks a rule file.
pub fn load_rulebook(path: &Path) -> Result<Checked, RulebookError> {
    let text = std::fs::read_to_string(path).map_err(|e| RulebookError::Read {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    // A byte-order mark is not part of the rule text.
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    compile(&Source::new(path.display().to_string(), text))
}

/// Parses, links and checks rule text already in memory (imports are read
/// relative to the source's name).
pub fn compile(source: &Source) -> Result<Checked, RulebookError> {
    let ast = syntax::parse_rulebook(source)?;
    let ast = link::link(ast, source).map_err(RulebookError::Link)?;
    check::check(&ast, source).map_err(RulebookError::Check)
}

/// Judges an events file under a checked rulebook read from `rules_path`,
/// keeping every verdict (for cases and tools; the CLI streams instead).
pub fn adjudicate_file(
    rulebook: &check::Rulebook,
    rules_path: &Path,
    events_path: &Path,
) -> Result<Adjudication, events::LoadError> {
    let prepared = prepare(rulebook, rules_path, events_path)?;
    let verdicts = eval::adjudicate(rulebook, &prepared.graph);
    Ok(Adjudication {
        inputs: prepared.inputs,
        verdicts,
        rejected: prepared.rejected,
    })
}

/// An events file loaded, validated and built into its graph, ready to be
/// judged in batches.
pub struct Prepared {
    pub inputs: Vec<Input>,
    pub graph: graph::EventGraph,
    pub rejected: Vec<events::Rejection>,
}

impl Prepared {
    /// Judges every event in input order, `batch` at a time, handing each
    /// batch of verdicts to `f` and then dropping it, so memory is bounded
    /// by the events, not by their explanations. Returns the totals.
    pub fn judge_in_batches(
        &self,
        rulebook: &check::Rulebook,
        batch: usize,
        mut f: impl FnMut(&[eval::Verdict]),
    ) -> report::Totals {
        let mut totals = report::Totals {
            events: self.graph.events.len() + self.rejected.len(),
            rejected: self.rejected.len(),
            ..Default::default()
        };
        let n = self.graph.events.len();
        for start in (0..n).step_by(batch.max(1)) {
            let verdicts =
                eval::adjudicate_range(rulebook, &self.graph, start..(start + batch).min(n));
            verdicts.iter().for_each(|v| totals.count(v.outcome));
            f(&verdicts);
        }
        totals
    }
}

/// Loads an events file and builds its graph, hashing every input.
pub fn prepare(
    rulebook: &check::Rulebook,
    rules_path: &Path,
    events_path: &Path,
) -> Result<Prepared, events::LoadError> {
    let mut loaded = events::load(events_path, rulebook)?;
    let events_sha256 = std::mem::take(&mut loaded.sha256);
    let (graph, rejected) = graph::build(loaded, &events_path.display().to_string());
    let hash = |role, path: &Path| {
        Input::hash(role, path).map_err(|e| events::LoadError::Read {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    };
    let mut inputs = vec![hash("rules", rules_path)?];
    for file in &rulebook.geometry_files {
        inputs.push(hash("geometry", file)?);
    }
    inputs.push(Input {
        role: "events",
        path: events_path.display().to_string(),
        sha256: events_sha256,
    });
    Ok(Prepared {
        inputs,
        graph,
        rejected,
    })
}
