//! The words for a continuing state ([`State`]): what one report is to a
//! breach that lasts until it is remedied.

use crate::eval::{State, StateRole};

/// What the report is to the continuing state, in one sentence.
pub fn state(s: &State) -> String {
    let cut = s.reports_read.map_or_else(String::new, |n| {
        format!(" (only the {n} reports nearest in the chain were read)")
    });
    let (first, since, span) = (&s.first, &s.since, &s.duration);
    match s.role {
        StateRole::Starts => started(s, &cut),
        StateRole::Continues => format!(
            "continues the breach found at {first} ({since}), {span} earlier: one violation, counted there{cut}"
        ),
        StateRole::Ends => format!("ends the breach found at {first} ({since}), after {span}{cut}"),
    }
}

/// The note of the report that found the breach.
fn started(s: &State, cut: &str) -> String {
    let (since, span) = (&s.since, &s.duration);
    let again = if s.reports.is_empty() {
        String::new()
    } else {
        let ids: Vec<&str> = s.reports.iter().map(|r| &**r).collect();
        format!(", reported again at {}", ids.join(", "))
    };
    match (&s.remedied_by, &s.remedied_at) {
        (Some(r), at) => format!(
            "a continuing breach from {since}{again}, until remedied at {r} ({}): {span}{cut}",
            at.as_deref().unwrap_or_default()
        ),
        (None, _) if s.reports.is_empty() => {
            format!("a continuing breach from {since}, not reported since{cut}")
        }
        (None, _) => format!(
            "a continuing breach from {since}{again}: at least {span}, not reported remedied{cut}"
        ),
    }
}
