//! What evaluation finds once over a whole graph before judging any
//! event: the changes made while the agreement ran, the findings of the
//! rulebook's patterns and every ceiling's reports. Built together by one
//! function, so no caller can judge a graph without them.

use super::changes::{self, Changes};
use super::holdings::{self, Ceilings};
use super::pattern::{self, Patterns};
use crate::check::Rulebook;
use crate::graph::EventGraph;

/// A graph surveyed under one rulebook: judge its events with the same
/// rulebook and graph ([`super::adjudicate_range`]).
#[derive(Debug)]
pub struct Survey {
    /// The timeline of changes: deadlines as extended, parties' suspensions.
    pub changes: Changes,
    /// Findings over many events: conditions ask whether an event was counted.
    pub patterns: Patterns,
    /// Every ceiling's reports, by party and unit: holdings are summed from them.
    pub ceilings: Ceilings,
}

impl Survey {
    /// Traces the changes, then finds the patterns (whose conditions may
    /// read deadlines), then indexes the ceilings' reports (whose
    /// conditions may read both).
    pub fn of(rulebook: &Rulebook, graph: &EventGraph) -> Survey {
        let mut survey = Survey {
            changes: changes::find(rulebook, graph),
            patterns: Patterns::default(),
            ceilings: Ceilings::default(),
        };
        survey.patterns = pattern::find(rulebook, graph, &survey);
        survey.ceilings = holdings::find(rulebook, graph, &survey);
        survey
    }
}
