//! Times as observers wrote them, and the entry-into-force gate.

use jiff::tz::Offset;

use super::truth::Truth;
use super::verdict::{Fact, Step};
use crate::check::{CmpOp, Rulebook};
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

/// Whether `a op b` holds for every pair of instants in the two windows
/// (true), for none (false), or for some only (unknown).
pub fn order(a: &Time, op: CmpOp, b: &Time) -> Truth {
    let holds = |x: jiff::Timestamp, y: jiff::Timestamp| op.holds(x.cmp(&y));
    let (all, none) = match op {
        CmpOp::Lt | CmpOp::Le => (holds(a.to, b.from), !holds(a.from, b.to)),
        CmpOp::Gt | CmpOp::Ge => (holds(a.from, b.to), !holds(a.to, b.from)),
        CmpOp::Eq | CmpOp::Ne => {
            let same = a.from == a.to && b.from == b.to && a.from == b.from;
            let apart = a.to < b.from || b.to < a.from;
            if op == CmpOp::Eq {
                (same, apart)
            } else {
                (apart, same)
            }
        }
    };
    match (all, none) {
        (true, _) => Truth::True,
        (_, true) => Truth::False,
        _ => Truth::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(from: &str, to: &str) -> Time {
        Time {
            from: from.parse().unwrap(),
            to: to.parse().unwrap(),
            offset: 0,
        }
    }

    #[test]
    fn windows_order_only_when_every_instant_agrees() {
        let morning = window("2015-08-20T08:00:00Z", "2015-08-20T09:00:00Z");
        let noon = window("2015-08-20T12:00:00Z", "2015-08-20T12:00:00Z");
        let overlapping = window("2015-08-20T08:30:00Z", "2015-08-20T12:30:00Z");
        assert_eq!(order(&morning, CmpOp::Le, &noon), Truth::True);
        assert_eq!(order(&noon, CmpOp::Le, &morning), Truth::False);
        assert_eq!(order(&overlapping, CmpOp::Le, &noon), Truth::Unknown);
        assert_eq!(order(&noon, CmpOp::Eq, &noon), Truth::True);
        assert_eq!(order(&morning, CmpOp::Ne, &noon), Truth::True);
    }
}
