//! Witness incidents: a small events file that shows a lint finding when
//! adjudicated (an article that applies, an exception that does, two
//! exceptions applying to one event, a hostile act no article reaches),
//! found by a bounded search over the rulebook's own vocabulary and kept
//! only when evaluation itself, judging it as `truce adjudicate` does,
//! shows the goal.
//!
//! The search: the goal's conditions are expanded into ways of meeting
//! them (each a list of tests wanted true or false, [`paths`]); each way
//! gives every field of an event a short list of values drawn from the
//! rulebook (its acts, parties, weapon classes' bounds, categories'
//! values, points inside and outside its zones and either side of its
//! lines, times either side of its deadlines and bounds, [`choices`]);
//! the combinations are tried first choices first ([`search`]), each
//! one judged ([`verify`]) and checked on the verdict's data ([`goal`]).
//! Input is hostile: at most [`BUDGET`] candidates are judged.

mod choices;
mod draft;
mod finding;
mod goal;
mod hint;
mod paths;
mod places;
mod search;
#[cfg(test)]
mod tests;
mod times;
mod verify;
mod weapons;

pub use draft::quoted;
pub use goal::{Goal, Site};

use crate::check::Rulebook;
use crate::eval::Verdict;
use crate::lint::logic::Model;
use crate::name::Name;

/// At most this many candidate events are judged for one goal. Judging
/// one takes from microseconds to a few milliseconds (the KAA's coasts),
/// so a search ends within seconds whatever the rulebook.
pub const BUDGET: usize = 2_000;

/// A witness: an events file that shows the goal, and what it was judged.
#[derive(Debug, Clone)]
pub struct Witness {
    pub goal: Goal,
    /// The events file, YAML, as judged (without the header a case adds).
    pub events: String,
    /// The verdicts on it, in event order.
    pub verdicts: Vec<Verdict>,
    /// How many candidates were judged, this one included.
    pub tried: usize,
    /// What the goal names, by name: the article's label, the exceptions'
    /// names, the act's name, or the condition part's text.
    pub names: Vec<Name>,
    /// The doctrine settings it was judged under that are not the
    /// rulebook's defaults, as a case manifest sets them.
    pub doctrine: Vec<(String, String)>,
}

/// Why no witness was found, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoWitness {
    /// Every way to meet the goal needs what the search does not build.
    Unsupported(Unsupported),
    /// The budget was spent before a candidate showed the goal.
    Budget { tried: usize },
    /// Every candidate the search can build was judged, none showed it.
    Exhausted { tried: usize },
    /// No event can show it.
    Proven(Unsatisfiable),
}

/// What the search does not build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsupported {
    /// Related events (`some responds_to as ...`, `attack.time`): a
    /// witness of several events.
    Relations,
    /// A pattern's findings over many events.
    Pattern,
    /// Holdings over a ceiling, summed from many reports.
    Holdings,
    /// An element decided by findings only.
    FindingOnly,
    /// A doctrine setting other than the one in effect.
    Doctrine,
    /// The goal names no article the exception overrides, or nothing at all.
    Nothing,
}

/// Why no event can show the goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsatisfiable {
    /// The caller (the logic lint) proved the condition unsatisfiable.
    ByCaller,
    /// Every way to meet it asks a finite field (the act, the party, a
    /// category, a constant) for two things at once: the search over the
    /// rulebook's finite vocabulary was exact.
    Exhaustive,
}

/// Finds a witness for `goal`, judged under `rulebook` as it is (its
/// doctrine settings included). The logic lint's `hint`, when given, fixes
/// the first choices (its act, party, categories' values, times), so the
/// search usually succeeds at the first candidate.
pub fn find(rulebook: &Rulebook, goal: &Goal, hint: Option<&Model>) -> Result<Witness, NoWitness> {
    search::run(rulebook, goal, &hint::Hints::of(hint), BUDGET)
}
