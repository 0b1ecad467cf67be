//! Deadlines, extensions, windows and event-time relations through compiled rulebooks.

use super::*;

const MINSK: &str = r#"
agreement "test" {
  in force 2015-02-15 00:00 Europe/Kyiv
  party UA "a"
  party RU "b"
}
act deployment "weapons positioned"
act fire "fire"
deadline d = 14 d after day 2
"#;

fn utc(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

#[test]
fn minsk_ii_withdrawal_is_due_at_midnight_on_2_march() {
    // Day 2 begins 2015-02-16 00:00 Kyiv; 14 calendar days later is
    // 2015-03-02 00:00 EET (UTC+2), that is 2015-03-01T22:00Z.
    let r = compile(MINSK);
    let due = &r.deadlines[0].schedule[0].at;
    assert_eq!(due.written, "2015-03-02 00:00 Europe/Kyiv");
    assert_eq!(due.at, utc("2015-03-01T22:00:00Z"));
}

#[test]
fn calendar_days_keep_local_midnight_across_the_clock_change_hours_do_not() {
    // In force 2015-10-02 00:00 EEST = 2015-10-01T21:00Z. Summer time ends
    // 25 Oct. 41 d: 2015-11-12 00:00 EET = 2015-11-11T22:00Z. 984 h (41 × 24)
    // of elapsed time: 2015-11-11T21:00Z = 2015-11-11 23:00 EET.
    let r = compile(
        "agreement \"t\" {\n  in force 2015-10-02 00:00 Europe/Kyiv\n  party A \"a\"\n  party B \"b\"\n}\nact fire \"fire\"\ndeadline days = 41 d after in force\ndeadline hours = 984 h after in force\n",
    );
    let (days, hours) = (
        &r.deadlines[0].schedule[0].at,
        &r.deadlines[1].schedule[0].at,
    );
    assert_eq!(days.written, "2015-11-12 00:00 Europe/Kyiv");
    assert_eq!(days.at, utc("2015-11-11T22:00:00Z"));
    assert_eq!(hours.written, "2015-11-11 23:00 Europe/Kyiv");
    assert_eq!(hours.at, utc("2015-11-11T21:00:00Z"));
}

#[test]
fn a_time_can_equal_a_deadline() {
    // `time == d` compares with the deadline, as `time < d` does.
    let rules =
        format!("{MINSK}article 1 \"t\" {{\n  violation when act is fire and time == d\n}}\n");
    assert!(crate::compile(&crate::span::Source::new("eq.truce", rules)).is_ok());
}

#[test]
fn an_extension_counts_from_the_moment_it_is_agreed() {
    // Agreed 2015-02-27 12:00 EET = 10:00Z: to 9 March, then by 7 d more.
    let rules = format!(
        "{MINSK}extend d to 2015-03-09 00:00 Europe/Kyiv agreed 2015-02-27 12:00 Europe/Kyiv\nextend d by 7 d agreed 2015-03-05 12:00 Europe/Kyiv\n"
    );
    let r = compile(&rules);
    let d = &r.deadlines[0];
    let due = |t: &str| d.due_at(utc(t)).at.written.clone();
    assert_eq!(due("2015-02-27T09:59:59Z"), "2015-03-02 00:00 Europe/Kyiv");
    assert_eq!(due("2015-02-27T10:00:00Z"), "2015-03-09 00:00 Europe/Kyiv");
    assert_eq!(due("2015-03-01T00:00:00Z"), "2015-03-09 00:00 Europe/Kyiv");
    // `by 7 d` counts from the due date in force, 9 March.
    assert_eq!(due("2015-03-05T10:00:00Z"), "2015-03-16 00:00 Europe/Kyiv");
}

/// Judges a YAML events file under rule text; one verdict per event.
pub(super) fn judge_all(rules: &str, events: &str) -> Vec<Verdict> {
    let r = compile(rules);
    let loaded = crate::events::load_str("e.yaml", events, Format::Yaml, &r).unwrap();
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
    let (graph, _) = crate::graph::build(loaded, "e.yaml");
    crate::eval::adjudicate(&r, &graph)
}

const EVIDENCE: &str = "  evidence: [{source: SMM, kind: observation, grade: A1}]\n";

fn deployment(id: &str, time: &str) -> String {
    format!(
        "- id: {id}\n  time: {time}\n  act: deployment\n  actor: {{party: UA}}\n  place: {{lat: 48.72, lon: 37.56}}\n{EVIDENCE}"
    )
}

#[test]
fn a_window_straddling_a_deadline_is_inconclusive() {
    // Due 2015-03-02 00:00 Kyiv (+02:00).
    let rules = format!(
        "{MINSK}article 1 \"t\" {{\n  violation when act is deployment and time after d\n  responsible actor.party\n  proof preponderance\n  severity medium\n}}\n"
    );
    let events = [
        deployment(
            "W",
            "{from: 2015-03-01T12:00:00+02:00, to: 2015-03-02T12:00:00+02:00}",
        ),
        deployment("L", "2015-03-02T00:01:00+02:00"),
        deployment("E", "2015-03-01T23:59:00+02:00"),
    ]
    .concat();
    let v = judge_all(&rules, &events);
    let f = &v[0].articles[0];
    assert_eq!(f.outcome, Outcome::Inconclusive);
    assert!(
        matches!(&f.reason, Reason::CannotDecide { test, .. } if &**test == "time after d"),
        "{:?}",
        f.reason
    );
    assert_eq!(v[1].outcome, Outcome::Violation);
    assert_eq!(v[2].outcome, Outcome::NoViolation);
}

#[test]
fn a_window_spanning_a_late_extensions_agreement_is_inconclusive() {
    // The deadline lapsed on 2 March; on 4 March 12:00 it was extended to
    // 9 March. A window over 4 March is late under the first due date and
    // early under the second.
    let rules = format!(
        "{MINSK}extend d to 2015-03-09 00:00 Europe/Kyiv agreed 2015-03-04 12:00 Europe/Kyiv\narticle 1 \"t\" {{\n  violation when act is deployment and time after d\n  responsible actor.party\n  proof preponderance\n  severity medium\n}}\n"
    );
    let events = [
        deployment(
            "W",
            "{from: 2015-03-04T00:00:00+02:00, to: 2015-03-04T23:00:00+02:00}",
        ),
        deployment("B", "2015-03-03T12:00:00+02:00"),
        deployment("A", "2015-03-05T12:00:00+02:00"),
    ]
    .concat();
    let v = judge_all(&rules, &events);
    assert_eq!(v[0].outcome, Outcome::Inconclusive, "{:?}", v[0].summary);
    assert!(matches!(
        &v[0].articles[0].reason,
        Reason::CannotDecide { test, .. } if &**test == "time after d"
    ));
    assert_eq!(v[1].outcome, Outcome::Violation);
    assert_eq!(v[2].outcome, Outcome::NoViolation);
}

/// The step testing `text` (inside a quantifier it is prefixed with the
/// binding: `attack = A: ...`).
fn find<'a>(step: &'a Step, text: &str) -> Option<&'a Step> {
    if step.condition.ends_with(text) {
        return Some(step);
    }
    step.steps.iter().find_map(|s| find(s, text))
}

#[test]
fn a_response_within_30_minutes_of_an_attack() {
    // The attack at 12:00 Kyiv; each response answers it.
    let rules = format!(
        "{MINSK}article 1 \"t\" {{\n  violation when act is fire and some responds_to as attack where time within 30 min after attack.time\n  responsible actor.party\n  proof preponderance\n  severity high\n}}\n"
    );
    let fire = |id: &str, time: &str, party: &str, responds: &str| {
        format!(
            "- id: {id}\n  time: {time}\n  act: fire\n  actor: {{party: {party}}}\n{responds}{EVIDENCE}"
        )
    };
    let reply = |id: &str, time: &str| fire(id, time, "UA", "  responds_to: A\n");
    let events = [
        fire("A", "2015-03-10T12:00:00+02:00", "RU", ""),
        reply("R19", "2015-03-10T12:19:00+02:00"),
        reply("R30", "2015-03-10T12:30:00+02:00"),
        reply("R45", "2015-03-10T12:45:00+02:00"),
        reply(
            "RW",
            "{from: 2015-03-10T12:20:00+02:00, to: 2015-03-10T12:40:00+02:00}",
        ),
        reply("RB", "2015-03-10T11:55:00+02:00"),
    ]
    .concat();
    let v = judge_all(&rules, &events);
    let within = |i: usize| {
        let cond = &v[i].articles[0].condition;
        find(cond, "time within 30 min after attack.time")
            .unwrap_or_else(|| panic!("{cond:?}"))
            .result
    };
    let expected = [
        (1, Truth::True, Outcome::Violation),       // 19 min
        (2, Truth::True, Outcome::Violation),       // exactly 30 min: within
        (3, Truth::False, Outcome::NoViolation),    // 45 min
        (4, Truth::Unknown, Outcome::Inconclusive), // 20 to 40 min
        (5, Truth::False, Outcome::NoViolation),    // 5 min before the attack
    ];
    for (i, t, o) in expected {
        assert_eq!((within(i), v[i].outcome), (t, o), "event {}", v[i].event);
    }
    // The explanation shows the computed gap against the limit.
    let test = "attack = A: time within 30 min after attack.time";
    let step = find(&v[1].articles[0].condition, test).unwrap();
    let Some(crate::eval::Computed::Gap {
        least_s,
        most_s,
        after,
        other,
        limit_s,
    }) = step.facts[0].computed.as_deref().cloned()
    else {
        panic!("{:?}", step.facts[0].computed);
    };
    assert_eq!((least_s, most_s, after), (1140.0, 1140.0, true));
    assert_eq!((&*other, limit_s), ("A", 1800.0));
}

#[test]
fn a_point_beyond_the_end_of_a_line_is_on_neither_side() {
    // Ganghwa island lies west of where the shipped MDL begins (the Han
    // estuary): the line divides nothing there. A wrong answer here would
    // put a South Korean town on the KPA side of the MDL.
    const GANGHWA: (f64, f64) = (37.7467, 126.4880);
    let (s, d) = side_of(&at(GANGHWA), &mdl()).unwrap();
    assert_eq!(s, None);
    assert!((d - 18_303.8).abs() < 1.0, "{d}");
    // Just inside the line's span, the side is decided as usual.
    assert_eq!(side(MUNSAN, &mdl()), Some(Side::Right));
}
