//! Times as observers wrote them, and the entry-into-force gate.

use jiff::tz::Offset;

use super::truth::Truth;
use super::verdict::{Fact, Step};
use crate::check::Rulebook;
use crate::events::{Event, Time};

/// The time in the offset the observer used: `2015-08-20T16:12:00+09:00`,
/// or a window `… to …`.
pub fn written(time: &Time) -> String {
    let offset = Offset::from_seconds(time.offset).unwrap_or(Offset::UTC);
    let from = time.from.display_with_offset(offset).to_string();
    if time.is_window() {
        let to = time.to.display_with_offset(offset);
        format!("between {from} and {to}")
    } else {
        from
    }
}

/// Whether the agreement was in force when the event happened; a window
/// that straddles entry into force is unknown.
pub fn in_force(event: &Event, rulebook: &Rulebook) -> Step {
    let start = rulebook.in_force.at;
    let truth = match (event.time.from >= start, event.time.to >= start) {
        (true, true) => Truth::True,
        (false, false) => Truth::False,
        _ => Truth::Unknown,
    };
    let condition = format!("in force from {}", rulebook.in_force.written);
    let fact = Fact {
        event: event.id.clone(),
        field: "time",
        value: written(&event.time).into(),
        computed: None,
    };
    let mut step = Step::leaf(condition.into(), truth, vec![fact]);
    if truth == Truth::Unknown {
        step.unknown_because = Some("the event's time window straddles entry into force".into());
    }
    step
}
