//! The times tried: an hour either side of every bound, deadline (and
//! each of its extensions) and regime start the way tests, and a day
//! after entry into force; always after entry into force, and meeting
//! the way's time tests where the instant decides them.

use std::cmp::Ordering;

use jiff::{SignedDuration, Timestamp};

use crate::check::{CmpOp, CondKind, Rulebook, TimeRef};

use super::paths::Lit;

const HOUR: SignedDuration = SignedDuration::from_hours(1);
const DAY: SignedDuration = SignedDuration::from_hours(24);

pub fn options(rulebook: &Rulebook, way: &[Lit<'_>]) -> Vec<Timestamp> {
    let start = rulebook.in_force.last;
    let mut out: Vec<Timestamp> = Vec::new();
    for l in way {
        out.extend(near(rulebook, l));
    }
    out.push(add(start, DAY));
    let mut seen = Vec::new();
    out.retain(|t| {
        let fresh = *t > start && !seen.contains(t);
        seen.push(*t);
        fresh && way.iter().all(|l| holds(rulebook, l, *t) != Some(false))
    });
    out
}

/// Instants either side of the bounds a test names.
fn near(rulebook: &Rulebook, l: &Lit<'_>) -> Vec<Timestamp> {
    let around = |at: Timestamp, last: Timestamp| vec![add(last, HOUR), add(at, -HOUR), at];
    match &l.cond.kind {
        CondKind::Time { at, last, .. } => around(*at, *last),
        CondKind::Deadline { deadline, .. } => {
            let schedule = &rulebook.deadlines[*deadline].schedule;
            let mut out: Vec<Timestamp> = schedule
                .iter()
                .flat_map(|d| around(d.at.at, d.at.last))
                .collect();
            if let Some(latest) = schedule.iter().map(|d| d.at.last).max() {
                out.insert(0, add(latest, DAY));
            }
            out
        }
        CondKind::RegimeStart { regime, .. } => {
            let from = &rulebook.regimes[*regime].from;
            around(from.at, from.last)
        }
        CondKind::TimeWithin {
            seconds,
            after,
            reference: TimeRef::At { at, last, .. },
            ..
        } => {
            let half = SignedDuration::from_secs_f64(seconds / 2.0);
            let twice = SignedDuration::from_secs_f64(seconds * 2.0 + 3_600.0);
            if *after {
                vec![add(*last, half), add(*last, twice)]
            } else {
                vec![add(*at, -half), add(*at, -twice)]
            }
        }
        _ => Vec::new(),
    }
}

/// Whether the instant `t` meets a time test; `None` when the test is not
/// about time alone, or the instant does not decide it.
fn holds(rulebook: &Rulebook, l: &Lit<'_>, t: Timestamp) -> Option<bool> {
    let truth = match &l.cond.kind {
        CondKind::Time { op, at, last, .. } => compare(*op, t, *at, *last)?,
        CondKind::Deadline { op, deadline, .. } => {
            let due = &rulebook.deadlines[*deadline].due_at(t).at;
            compare(*op, t, due.at, due.last)?
        }
        CondKind::RegimeStart { op, regime, .. } => {
            let from = &rulebook.regimes[*regime].from;
            compare(*op, t, from.at, from.last)?
        }
        _ => return None,
    };
    Some(truth == l.want)
}

/// `t op bound`, for a bound known to lie between `at` and `last`.
fn compare(op: CmpOp, t: Timestamp, at: Timestamp, last: Timestamp) -> Option<bool> {
    let order = if t < at {
        Ordering::Less
    } else if t > last {
        Ordering::Greater
    } else if at == last {
        Ordering::Equal
    } else {
        return None;
    };
    Some(op.holds(order))
}

fn add(t: Timestamp, d: SignedDuration) -> Timestamp {
    t.checked_add(d).unwrap_or(t)
}
