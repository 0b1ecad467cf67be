//! A whole adjudication: the inputs with their hashes, every verdict and
//! every rejected event. Every input event is judged (one verdict per
//! instrument that judged it) or rejected, never both and never neither.
//! With several instruments, each instrument that does not declare an
//! event's act or party leaves it outside its scope, and says so.

pub mod bundle;
mod dependence;
mod run;
pub mod verify;

use std::path::Path;

use serde::Serialize;

use crate::eval::{Outcome, Perpetrator, Verdict};
use crate::events::Rejection;

pub use dependence::{Dependence, Differs, Seen, Setting, Under, compare as compare_doctrine};
pub use run::{Run, Settled};

/// The JSON report's schema version: bumped when a field is removed or
/// renamed or changes meaning; new fields may be added within a version
/// (docs/report.md). Here, not in `render`, so `verify` can check it.
pub const SCHEMA_VERSION: u32 = 8;

#[derive(Debug)]
pub struct Adjudication {
    /// What the run was asked: the files as named, and its options.
    pub run: Run,
    pub inputs: Vec<Input>,
    pub verdicts: Vec<Verdict>,
    /// Findings over many events.
    pub patterns: Vec<crate::eval::PatternRun>,
    pub rejected: Vec<Rejection>,
    /// With several instruments: each judged event an instrument leaves
    /// outside its scope, in input order, then instrument order.
    pub outside: Vec<Outside>,
    pub totals: Totals,
}

/// A judged event outside one instrument's scope: the instrument declares
/// not its act, or not its party (nor a counterpart of it). Another
/// instrument judged it; this one has nothing to say of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outside {
    pub event: crate::name::Name,
    pub instrument: crate::name::Name,
    /// The act, when the instrument does not declare it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub act: Option<crate::name::Name>,
    /// The party, when the instrument declares it not, nor a counterpart
    /// of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<crate::name::Name>,
    /// The instrument's parties whose forces are among that party's
    /// (`under` it): it knows that party's forces only in part.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub among: Vec<crate::name::Name>,
}

/// An input file and its SHA-256, so a report can be tied to what it judged.
#[derive(Debug, Clone, Serialize)]
pub struct Input {
    pub role: &'static str,
    pub path: String,
    pub sha256: String,
}

/// Counts by outcome. `events` counts input events (judged or rejected);
/// the outcomes count verdicts, one per event and instrument that judged it.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Totals {
    /// Every event: those of the input, and the acts they imply.
    pub events: usize,
    /// Of those, the acts other events imply.
    pub implied: usize,
    /// Verdicts: one per judged event and instrument that judged it.
    pub verdicts: usize,
    /// Violations, each counted once: at the report that found it.
    pub violation: usize,
    /// Later reports of a continuing violation already counted.
    pub continuing: usize,
    /// Of the counted violations, those of unknown origin: no party named,
    /// none forced on one.
    pub unknown_origin: usize,
    /// Of the counted violations, acts of a non-party that the instrument
    /// reaches: inconsistent with the agreement, no party's violation.
    pub nonparty: usize,
    pub justified: usize,
    pub no_violation: usize,
    pub inconclusive: usize,
    pub rejected: usize,
    /// With several instruments: judged events left outside an
    /// instrument's scope, counted once per event and instrument.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outside_scope: Option<usize>,
}

impl Totals {
    /// Counts one verdict's outcome.
    pub fn count(&mut self, verdict: &Verdict) {
        self.verdicts += 1;
        match verdict.outcome {
            Outcome::Violation if verdict.only_continues() => self.continuing += 1,
            Outcome::Violation => {
                self.violation += 1;
                if verdict.party.is_none() {
                    match verdict.perpetrator() {
                        Some(Perpetrator::NonParty { .. }) => self.nonparty += 1,
                        Some(
                            Perpetrator::Party { .. }
                            | Perpetrator::Group { .. }
                            | Perpetrator::Private { .. }
                            | Perpetrator::Unknown,
                        )
                        | None => self.unknown_origin += 1,
                    }
                }
            }
            Outcome::Justified => self.justified += 1,
            Outcome::NoViolation => self.no_violation += 1,
            Outcome::Inconclusive => self.inconclusive += 1,
        }
    }
}

impl Input {
    /// Hashes a file as a stream.
    pub fn hash(role: &'static str, path: &Path) -> std::io::Result<Input> {
        let file = std::fs::File::open(path)?;
        Ok(Input {
            role,
            path: path.display().to_string(),
            sha256: crate::digest::HashingReader::new(file).finish()?,
        })
    }
}
