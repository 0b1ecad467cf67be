//! Witness incidents worded: why none was found, and the case folder
//! one is written as.

use crate::lint::witness::{NoWitness, Unsatisfiable, Unsupported};

mod case;

pub use case::{CaseFiles, write_case};

/// `no witness: ...`, as one sentence.
pub fn no_witness(n: &NoWitness) -> String {
    match n {
        NoWitness::Unsupported(what) => format!(
            "no witness: every way to show it needs {}, which the search does not build",
            unsupported(*what)
        ),
        NoWitness::Budget { tried } => format!(
            "no witness within the search's budget: {tried} candidate event(s) judged, none showed it"
        ),
        NoWitness::Exhausted { tried } => format!(
            "no witness among the candidates the search builds: {tried} judged, none showed it"
        ),
        NoWitness::Proven(Unsatisfiable::ByCaller) => {
            "no witness exists: the condition can never be met".to_owned()
        }
        NoWitness::Proven(Unsatisfiable::Exhaustive) => {
            "no witness exists: every way to show it asks one of the rulebook's finite \
             choices (an act, a party, a category, a constant) for two things at once"
                .to_owned()
        }
    }
}

fn unsupported(what: Unsupported) -> &'static str {
    match what {
        Unsupported::Relations => "related events (a witness of several events)",
        Unsupported::Pattern => "a pattern found over many events",
        Unsupported::Holdings => "holdings summed over many reports",
        Unsupported::FindingOnly => "an element only a monitor's finding decides",
        Unsupported::Doctrine => "a doctrine setting other than the one in effect",
        Unsupported::Nothing => "an article the goal does not name",
    }
}
