//! Times as observers wrote them, and the entry-into-force gate.

use jiff::tz::Offset;

use super::changes::{DueEntry, Refused};
use super::computed::Computed;
use super::truth::Truth;
use super::verdict::{Changed, DayOf, Doubt, DueSeen, Note, Step};
use crate::check::{CmpOp, Instant};
use crate::events::Time;
use crate::name::Name;

/// The time in the offset the observer used: `2015-08-20T16:12:00+09:00`,
/// a window `between … and …`, or days as written: `2025-09-03, the whole
/// day (+03:00)`.
pub fn written(time: &Time) -> String {
    let offset = Offset::from_seconds(time.offset).unwrap_or(Offset::UTC);
    if time.days > 0 {
        return days(time, offset);
    }
    let from = time.from.display_with_offset(offset).to_string();
    if time.is_window() {
        let to = time.to.display_with_offset(offset);
        format!("between {from} and {to}")
    } else {
        from
    }
}

/// `2025-09-03, the whole day (+03:00)`, `2025-09-03 to 2025-09-05, whole days (+03:00)`
fn days(time: &Time, offset: Offset) -> String {
    let (first, last, at) = day_parts(time, offset);
    match last {
        None => format!("{first}, the whole day ({at})"),
        Some(last) => format!("{first} to {last}, whole days ({at})"),
    }
}

/// Days as a change known only to the day took effect on them:
/// `2025-09-03 (+03:00)`, `2025-09-03 to 2025-09-05 (+03:00)`.
pub(super) fn days_written(time: &Time) -> String {
    let offset = Offset::from_seconds(time.offset).unwrap_or(Offset::UTC);
    let (first, last, at) = day_parts(time, offset);
    match last {
        None => format!("{first} ({at})"),
        Some(last) => format!("{first} to {last} ({at})"),
    }
}

/// The first day, the last when there are several, and the offset as
/// written (`+03:00`).
fn day_parts(
    time: &Time,
    offset: Offset,
) -> (jiff::civil::Date, Option<jiff::civil::Date>, String) {
    use jiff::ToSpan;
    let first = time
        .from
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(offset))
        .date();
    let s = offset.seconds();
    let sign = if s < 0 { '-' } else { '+' };
    let at = format!("{sign}{:02}:{:02}", s.abs() / 3600, s.abs() % 3600 / 60);
    let last = (time.days > 1).then(|| {
        first
            .checked_add((i64::from(time.days) - 1).days())
            .unwrap_or(first)
    });
    (first, last, at)
}

impl super::cond::Env<'_> {
    /// `time within 30 min after attack.time`: every instant of the event
    /// lies within the limit after (or before) every instant of the other.
    pub(super) fn time_within(
        &self,
        cond: &crate::check::Cond,
        subject: crate::check::Subject,
        seconds: f64,
        after: bool,
        reference: &crate::check::TimeRef,
    ) -> Step {
        let a = self.event(subject);
        let (b_time, b_name, b_event) = match reference {
            crate::check::TimeRef::Event(s) => {
                let b = self.event(*s);
                (b.time, b.id.to_string(), Some(b))
            }
            crate::check::TimeRef::At { at, last, written } => {
                (span(*at, *last), written.clone(), None)
            }
        };
        // The gap from b to a, at its least and its most.
        let (mut lo, mut hi) = (gap(b_time.to, a.time.from), gap(b_time.from, a.time.to));
        if !after {
            (lo, hi) = (-hi, -lo);
        }
        let truth = if lo >= 0.0 && hi <= seconds {
            Truth::True
        } else if hi < 0.0 || lo > seconds {
            Truth::False
        } else {
            Truth::Unknown
        };
        let computed = Computed::Gap {
            least_s: lo,
            most_s: hi,
            after,
            other: Name::from(b_name.as_str()),
            limit_s: seconds,
        };
        let mut facts = vec![self.fact(a, "time", a.time, Some(computed))];
        facts.extend(b_event.map(|b| self.fact(b, "time", b.time, None)));
        let mut step = Step::leaf(cond.text.clone(), truth, facts);
        if truth == Truth::Unknown {
            if b_event.is_none() && falls_on(&a.time, b_time.from, b_time.to) {
                step.doubt = Some(within_day(DayOf::Bound, &b_name));
            } else {
                step.doubt = Some(Doubt::TimesUncertain);
            }
        }
        step
    }

    /// `time after withdrawal`: against the deadline as changed when the
    /// event happened (by the rulebook or by a change event). A window that
    /// spans a change's taking effect is judged against each due instant
    /// in force during it.
    pub(super) fn deadline(
        &mut self,
        cond: &crate::check::Cond,
        subject: crate::check::Subject,
        op: CmpOp,
        deadline: usize,
    ) -> Step {
        let changes = &self.survey.changes;
        let e = self.event(subject);
        let time = e.time;
        let entries = &changes.dues[deadline];
        let possible = changes.possible_dues(deadline, &time);
        let truths: Vec<Truth> = possible
            .iter()
            .map(|&i| order(&time, op, &span(entries[i].at, entries[i].last)))
            .collect();
        let truth = if truths.iter().all(|t| *t == truths[0]) {
            truths[0]
        } else {
            Truth::Unknown
        };
        let name: crate::name::Name = self.rulebook.deadlines[deadline].name.as_str().into();
        let original = entries[0].at;
        let dues = possible
            .iter()
            .map(|&i| seen(&entries[i], original, &time))
            .collect();
        let refused: Vec<&Refused> = changes.refused[deadline]
            .iter()
            .filter(|r| r.at <= time.to)
            .collect();
        let mut doctrines: Vec<usize> = refused.iter().filter_map(|r| r.doctrine).collect();
        let refused = refused.iter().map(|r| r.event.clone()).collect();
        let mut fact = self.fact(e, "time", time, None);
        fact.note = Some(Note::Deadline {
            deadline: name.clone(),
            dues,
            refused,
        });
        doctrines.extend(
            possible
                .iter()
                .flat_map(|&i| entries[i].doctrines.iter().copied()),
        );
        self.doctrines.extend(doctrines);
        let mut step = Step::leaf(cond.text.clone(), truth, vec![fact]);
        if truth == Truth::Unknown {
            step.doubt = deadline_doubt(&name, entries, &possible, &time);
            if step.doubt.is_some() {
                // Said as data.
            } else if time.is_window() {
                step.doubt = Some(Doubt::DeadlineStraddled {
                    deadline: crate::name::Name::from(&*name),
                });
            } else {
                step.doubt = Some(Doubt::DeadlineChange {
                    deadline: crate::name::Name::from(&*name),
                });
            }
        }
        step
    }

    /// `time >= harvest`: against the start of a regime.
    pub(super) fn regime_start(
        &self,
        cond: &crate::check::Cond,
        subject: crate::check::Subject,
        op: CmpOp,
        regime: usize,
    ) -> Step {
        let e = self.event(subject);
        let r = &self.rulebook.regimes[regime];
        let truth = order(&e.time, op, &bound(&r.from));
        let computed = Computed::RegimeBegan {
            regime: Name::from(&*r.name),
            written: Name::from(r.from.written.as_str()),
        };
        let fact = self.fact(e, "time", e.time, Some(computed));
        let mut step = Step::leaf(cond.text.clone(), truth, vec![fact]);
        if truth == Truth::Unknown {
            if r.from.is_day() && falls_on(&e.time, r.from.at, r.from.last) {
                let of = DayOf::Regime {
                    name: r.name.as_str().into(),
                };
                step.doubt = Some(within_day(of, &r.from.written));
            } else {
                step.doubt = Some(Doubt::RegimeStraddled);
            }
        }
        step
    }

    /// `time overlaps attack.time`: the two spans share an instant.
    pub(super) fn overlaps(
        &self,
        cond: &crate::check::Cond,
        lhs: crate::check::Subject,
        rhs: crate::check::Subject,
    ) -> Step {
        let (a, b) = (self.event(lhs), self.event(rhs));
        let truth = Truth::from(a.time.from <= b.time.to && b.time.from <= a.time.to);
        let facts = vec![
            self.fact(a, "time", a.time, None),
            self.fact(b, "time", b.time, None),
        ];
        Step::leaf(cond.text.clone(), truth, facts)
    }
}

/// The instants from `from` to `last`, as a window (degenerate for one).
pub(super) fn span(from: jiff::Timestamp, last: jiff::Timestamp) -> Time {
    Time {
        from,
        to: last,
        offset: 0,
        days: 0,
    }
}

/// A due instant as it bore on an event: how it was set, by what change,
/// and how far the event's time lies from it.
fn seen(due: &DueEntry, original: jiff::Timestamp, time: &Time) -> DueSeen {
    DueSeen {
        due: due.written.clone(),
        how: due.how.clone(),
        changed: due.made.as_ref().map(|m| Changed {
            on: m.written.clone(),
            event: m.event.clone(),
            earlier: due.at < original,
            uncertain: m.when.from != m.when.to,
        }),
        // From the latest the deadline may fall to the event's first
        // instant, and from its earliest to the event's last.
        from_due: (gap(due.last, time.from), gap(due.at, time.to)),
        day: due.at != due.last,
    }
}

/// A rulebook instant as the window of instants it may be: itself, or
/// every instant of the day it is known to.
pub(super) fn bound(i: &Instant) -> Time {
    span(i.at, i.last)
}

/// Whether an event's time falls on the day (`first` to `last`) that a
/// rulebook instant is known only to.
pub(super) fn falls_on(time: &Time, first: jiff::Timestamp, last: jiff::Timestamp) -> bool {
    first != last && time.from <= last && first <= time.to
}

/// An instant known only to the day, and an event whose time falls on it.
pub(super) fn within_day(of: DayOf, day: &str) -> Doubt {
    Doubt::WithinDay {
        of,
        day: day.into(),
    }
}

/// Why a test of a deadline is open, when a day known without its hour
/// makes it so: a due instant's day, or the day a change of it took
/// effect (the rulebook's `extend ... agreed` or a change event dated by
/// day), among the due instants that may have been in force.
fn deadline_doubt(
    name: &str,
    entries: &[DueEntry],
    possible: &[usize],
    time: &Time,
) -> Option<Doubt> {
    let dues = || possible.iter().map(|&i| &entries[i]);
    let due = dues()
        .find(|d| falls_on(time, d.at, d.last))
        .map(|d| within_day(DayOf::Deadline { name: name.into() }, &d.written));
    let changed = || {
        dues()
            .filter_map(|d| d.made.as_ref())
            .find(|m| m.when.day_open_at(time))
            .map(|m| {
                let of = DayOf::Extension {
                    deadline: name.into(),
                    event: m.event.clone(),
                };
                within_day(of, &m.written)
            })
    };
    due.or_else(changed)
}

/// Seconds from `from` to `to` (negative when `to` is earlier).
fn gap(from: jiff::Timestamp, to: jiff::Timestamp) -> f64 {
    (to.as_millisecond() - from.as_millisecond()) as f64 / 1000.0
}

/// `19 min`, or `between 10 min and 40 min` for a range; a negative gap is
/// said as the opposite direction.
pub fn span_words(lo: f64, hi: f64) -> String {
    let one = |s: f64| {
        if s < 0.0 {
            format!("-{}", duration(-s))
        } else {
            duration(s)
        }
    };
    if lo == hi {
        one(lo)
    } else {
        format!("between {} and {}", one(lo), one(hi))
    }
}

/// A duration as people say it: `45 s`, `19 min`, `2 h 5 min`, `3 d 4 h`.
pub fn duration(seconds: f64) -> String {
    let s = seconds.round() as i64;
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{s} s"),
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
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
        span(from.parse().unwrap(), to.parse().unwrap())
    }

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration(19.0 * 60.0), "19 min");
        assert_eq!(duration(72.0 * 3600.0), "3 d");
        assert_eq!(duration(3600.0 + 300.0), "1 h 5 min");
        assert_eq!(duration(14.0 * 86_400.0 + 3600.0), "14 d 1 h");
        assert_eq!(duration(40.0), "40 s");
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

    #[test]
    fn a_day_bound_leaves_open_only_the_times_that_fall_on_it() {
        // `time < 2025-09-03 Europe/Kyiv`: the day runs 21:00 UTC on the 2nd
        // to 21:00 UTC on the 3rd.
        let day = window("2025-09-02T21:00:00Z", "2025-09-03T20:59:59.999999999Z");
        let on_it = window("2025-09-03T09:00:00Z", "2025-09-03T09:00:00Z");
        let before = window("2025-09-02T20:59:00Z", "2025-09-02T20:59:00Z");
        let after = window("2025-09-03T21:00:00Z", "2025-09-03T21:00:00Z");
        assert_eq!(order(&on_it, CmpOp::Lt, &day), Truth::Unknown);
        assert_eq!(order(&before, CmpOp::Lt, &day), Truth::True);
        assert_eq!(order(&after, CmpOp::Lt, &day), Truth::False);
        assert_eq!(order(&after, CmpOp::Ge, &day), Truth::True);
        assert!(falls_on(&on_it, day.from, day.to));
        assert!(!falls_on(&after, day.from, day.to));
        // An exact bound is no day, whatever falls on it.
        assert!(!falls_on(&on_it, on_it.from, on_it.to));
    }

    #[test]
    fn days_are_shown_as_written() {
        let mut day = window("2025-09-02T21:00:00Z", "2025-09-03T20:59:59.999999999Z");
        day.offset = 3 * 3600;
        day.days = 1;
        assert_eq!(written(&day), "2025-09-03, the whole day (+03:00)");
        day.to = "2025-09-05T20:59:59.999999999Z".parse().unwrap();
        day.days = 3;
        assert_eq!(
            written(&day),
            "2025-09-03 to 2025-09-05, whole days (+03:00)"
        );
    }
}
