//! Instants of the rulebook known only to the day: entry into force,
//! suspensions, regimes, deadlines and bounds written as a day, and events
//! dated by day, through compiled rulebooks.

use super::time::judge_all;
use super::*;
use crate::eval::{DayOf, Doubt};

/// An agreement whose entry into force has no published hour: any instant
/// of 3 September 2025, Kyiv time (UTC+3), from 21:00 UTC on the 2nd.
const DAY: &str = r#"
agreement "test" {
  in force 2025-09-03 Europe/Kyiv
  party UA "a"
  party RU "b"
}
act fire "fire"
article 1 "No fire." {
  violation when act is fire
}
"#;

fn fire(id: &str, time: &str, party: &str) -> String {
    format!(
        "- id: {id}\n  time: {time}\n  act: fire\n  actor: {{party: {party}}}\n  evidence: [{{source: SMM, kind: observation, grade: A1}}]\n"
    )
}

fn day_doubt(step: &Step) -> Option<&DayOf> {
    let Some(Doubt::WithinDay { of, .. }) = &step.doubt else {
        return None;
    };
    Some(of)
}

#[test]
fn an_event_on_the_day_of_entry_into_force_is_open_the_next_day_is_not() {
    let events = [
        fire("ON", "2025-09-03T23:30:00+03:00", "UA"),
        fire("NEXT", "2025-09-04T00:00:00+03:00", "UA"),
        fire("BEFORE", "2025-09-02T23:59:59+03:00", "UA"),
        fire("DAY", "2025-09-03", "UA"),
        fire("DAY-AFTER", "2025-09-04", "UA"),
    ]
    .concat();
    let v = judge_all(DAY, &events);
    assert_eq!(v[0].in_force.result, Truth::Unknown);
    assert_eq!(day_doubt(&v[0].in_force), Some(&DayOf::EntryIntoForce));
    assert_eq!(v[0].outcome, Outcome::Inconclusive);
    assert!(matches!(
        &v[0].articles[0].reason,
        Reason::NotInForce {
            doubt: Some(Doubt::WithinDay {
                of: DayOf::EntryIntoForce,
                ..
            }),
            ..
        }
    ));
    assert_eq!(v[1].outcome, Outcome::Violation);
    assert_eq!(v[2].in_force.result, Truth::False);
    assert_eq!(v[2].outcome, Outcome::NoViolation);
    // Dated by day, in the agreement's zone.
    assert_eq!(v[3].in_force.result, Truth::Unknown);
    assert_eq!(v[4].outcome, Outcome::Violation);
}

#[test]
fn a_day_is_weighed_every_way_it_may_fall_not_only_at_its_ends() {
    // In force on 3 September and suspended for UA from that same day, both
    // hours unknown: at noon the agreement may not yet bind UA, may bind it,
    // or may already be suspended. Taking both instants early (suspended) or
    // both late (not yet in force) would wrongly say it did not bind UA.
    let rules = format!("{DAY}suspend for UA from 2025-09-03 Europe/Kyiv\n");
    let v = judge_all(&rules, &fire("N", "2025-09-03T12:00:00+03:00", "UA"));
    assert_eq!(v[0].in_force.result, Truth::Unknown);
    assert_eq!(v[0].outcome, Outcome::Inconclusive);
    // On the next day the suspension surely holds.
    let v = judge_all(&rules, &fire("L", "2025-09-04T12:00:00+03:00", "UA"));
    assert_eq!(v[0].in_force.result, Truth::False);
    // RU was never suspended.
    let v = judge_all(&rules, &fire("R", "2025-09-04T12:00:00+03:00", "RU"));
    assert_eq!(v[0].outcome, Outcome::Violation);
}

#[test]
fn a_suspension_known_only_to_the_day_names_itself_as_the_doubt() {
    let rules = format!("{DAY}repudiate for RU from 2025-10-01 Europe/Kyiv \"statement\"\n");
    let v = judge_all(&rules, &fire("R", "2025-10-01T09:00:00+03:00", "RU"));
    assert_eq!(v[0].in_force.result, Truth::Unknown);
    assert_eq!(
        day_doubt(&v[0].in_force),
        Some(&DayOf::Suspension {
            party: "RU".into(),
            repudiation: true,
            event: None,
        })
    );
}

#[test]
fn deadlines_and_bounds_written_as_days_are_open_only_on_their_day() {
    // 72 h after a day is a day: 6 September. `time < 2025-09-10` is open
    // on the 10th only.
    let rules = r#"
agreement "test" {
  in force 2025-09-03 Europe/Kyiv
  party UA "a"
  party RU "b"
}
act deployment "weapons positioned"
deadline withdrawal = 72 h after in force
article 1 "Out in 72 hours." {
  violation when act is deployment and time after withdrawal
}
article 2 "Until the 10th." {
  violation when act is deployment and time < 2025-09-10 Europe/Kyiv
}
"#;
    let r = compile(rules);
    let due = &r.deadlines[0].schedule[0].at;
    assert_eq!(due.written, "2025-09-06 Europe/Kyiv");
    assert!(due.is_day());
    let at = |id: &str, time: &str| {
        format!(
            "- id: {id}\n  time: {time}\n  act: deployment\n  actor: {{party: UA}}\n  evidence: [{{source: SMM, kind: observation, grade: A1}}]\n"
        )
    };
    let events = [
        at("D6", "2025-09-06T10:00:00+03:00"),
        at("D7", "2025-09-07T10:00:00+03:00"),
        at("D10", "2025-09-10T10:00:00+03:00"),
    ]
    .concat();
    let v = judge_all(rules, &events);
    let cond = |v: &Verdict, a: usize| v.articles[a].condition.decisive().clone();
    assert_eq!(v[0].articles[0].outcome, Outcome::Inconclusive);
    assert_eq!(
        day_doubt(&cond(&v[0], 0)),
        Some(&DayOf::Deadline {
            name: "withdrawal".into()
        })
    );
    assert_eq!(v[1].articles[0].outcome, Outcome::Violation);
    assert_eq!(v[1].articles[1].outcome, Outcome::Violation);
    assert_eq!(v[2].articles[1].outcome, Outcome::Inconclusive);
    assert_eq!(day_doubt(&cond(&v[2], 1)), Some(&DayOf::Bound));
}

#[test]
fn an_extension_agreed_on_a_day_counts_from_that_days_end() {
    // Due 5 September 00:00; extended to the 20th on the 4th, hour unknown.
    let rules = format!(
        "{DAY}act deployment \"weapons positioned\"\ndeadline d = 2025-09-05 00:00 Europe/Kyiv\nextend d to 2025-09-20 00:00 Europe/Kyiv agreed 2025-09-04 Europe/Kyiv\narticle 2 \"t\" {{\n  violation when act is deployment and time after d\n}}\n"
    );
    let r = compile(&rules);
    let d = &r.deadlines[0];
    let utc = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
    // Late on the 4th it may not yet have been agreed; from the 5th it was.
    assert_eq!(
        d.due_at(utc("2025-09-04T20:00:00Z")).at.written,
        "2025-09-05 00:00 Europe/Kyiv"
    );
    assert_eq!(
        d.due_at(utc("2025-09-04T21:00:00Z")).at.written,
        "2025-09-20 00:00 Europe/Kyiv"
    );
}

#[test]
fn a_day_moves_whole_and_is_written_as_it_falls() {
    let r = compile(
        "agreement \"t\" {\n  in force 2025-09-03 Europe/Kyiv\n  party A \"a\"\n  party B \"b\"\n}\nact fire \"fire\"\ndeadline days = 3 d after in force\ndeadline hours = 36 h after in force\ndeadline second = day 2\n",
    );
    let written = |i: usize| r.deadlines[i].schedule[0].at.written.clone();
    assert_eq!(written(0), "2025-09-06 Europe/Kyiv");
    assert_eq!(
        written(1),
        "between 2025-09-04 12:00 and 2025-09-05 12:00 Europe/Kyiv"
    );
    // `day 2` is the start of the second day in force: exact.
    assert_eq!(written(2), "2025-09-04 00:00 Europe/Kyiv");
    assert!(!r.deadlines[2].schedule[0].at.is_day());
}
