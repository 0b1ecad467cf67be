//! How changes take effect: consents, retroactivity, suspensions and
//! resumptions, doctrines, and the due instant in force.

use super::*;
use crate::eval::verdict::{ChangeEffect, Refusal};
use crate::eval::{Outcome, Reason, Verdict};
use crate::events::Format;

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

const RULES: &str = r#"
agreement "t" {
  in force 2025-09-03 00:00 Europe/Kyiv
  party A "a"
  party B "b"
  monitor M "mechanism"
  mediator US "mediator"
}
act deployment "forces positioned"
act statement "a statement or decision"
deadline leave = 7 d after in force
doctrine unilateral [valid, invalid] = valid "whether a party may suspend alone"
article 1 "t" { violation when act is deployment and time after leave }
change deadline leave by A and B together
change deadline leave by M
change suspension by each party when doctrine unilateral is valid
change resumption by each party
"#;

const SEEN: &str = "  evidence: [{source: patrol, kind: observation, grade: B2}]\n";

fn statement(id: &str, time: &str, party: &str, change: &str) -> String {
    format!(
        "- id: {id}\n  time: {time}\n  act: statement\n  actor: {{party: {party}}}\n  change: {change}\n{SEEN}"
    )
}

fn deployment(id: &str, time: &str) -> String {
    format!("- id: {id}\n  time: {time}\n  act: deployment\n  actor: {{party: A}}\n{SEEN}")
}

fn judge(rules: &str, events: &[String]) -> (Changes, Vec<Verdict>) {
    let source = crate::span::Source::new("t.truce", rules);
    let r = crate::compile(&source).unwrap().rulebook;
    let loaded = crate::events::load_str("e.yaml", &events.concat(), Format::Yaml, &r).unwrap();
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
    let (graph, _) = crate::graph::build(loaded, "e.yaml");
    (find(&r, &graph), crate::eval::adjudicate(&r, &graph))
}

fn verdict<'v>(vs: &'v [Verdict], id: &str) -> &'v Verdict {
    vs.iter().find(|v| &*v.event == id).unwrap()
}

fn effect<'v>(vs: &'v [Verdict], id: &str) -> &'v ChangeEffect {
    &verdict(vs, id).change.as_ref().unwrap().effect
}

#[test]
fn a_change_takes_effect_surely_once_its_window_has_passed() {
    let w = When {
        from: t("2025-09-12T00:00:00Z"),
        to: t("2025-09-13T00:00:00Z"),
        offset: 0,
        days: 0,
    };
    use crate::eval::Truth;
    assert_eq!(w.by(t("2025-09-11T23:59:59Z")), Truth::False);
    assert_eq!(w.by(t("2025-09-12T00:00:00Z")), Truth::Unknown);
    assert_eq!(w.by(t("2025-09-13T00:00:00Z")), Truth::True);
}

#[test]
fn the_due_instant_in_force_is_the_last_change_in_effect() {
    let entry = |at: &str, made: Option<(&str, &str)>| DueEntry {
        at: t(at),
        last: t(at),
        written: at.into(),
        how: None,
        made: made.map(|(from, to)| Made {
            when: When {
                from: t(from),
                to: t(to),
                offset: 0,
                days: 0,
            },
            written: from.into(),
            event: None,
        }),
        doctrines: Vec::new(),
    };
    let changes = Changes {
        dues: vec![vec![
            entry("2025-09-10T00:00:00Z", None),
            entry(
                "2025-09-20T00:00:00Z",
                Some(("2025-09-05T00:00:00Z", "2025-09-05T00:00:00Z")),
            ),
            // Made some time on 8 September: uncertain through that day.
            entry(
                "2025-09-30T00:00:00Z",
                Some(("2025-09-08T00:00:00Z", "2025-09-09T00:00:00Z")),
            ),
        ]],
        ..Default::default()
    };
    let at = |s: &str| Time {
        from: t(s),
        to: t(s),
        offset: 0,
        days: 0,
    };
    assert_eq!(changes.possible_dues(0, &at("2025-09-04T00:00:00Z")), [0]);
    assert_eq!(changes.possible_dues(0, &at("2025-09-06T00:00:00Z")), [1]);
    assert_eq!(
        changes.possible_dues(0, &at("2025-09-08T12:00:00Z")),
        [1, 2]
    );
    assert_eq!(changes.possible_dues(0, &at("2025-09-09T00:00:00Z")), [2]);
    // A window from before the first change to after the second.
    let window = Time {
        from: t("2025-09-04T00:00:00Z"),
        to: t("2025-09-10T00:00:00Z"),
        offset: 0,
        days: 0,
    };
    assert_eq!(changes.possible_dues(0, &window), [0, 1, 2]);
}

#[test]
fn both_parties_together_need_both_consents_each_established() {
    let proposal = statement(
        "X",
        "2025-09-09T12:00:00+03:00",
        "US",
        "{deadline: leave, until: 2025-09-20T00:00:00+03:00}",
    );
    let a = statement("XA", "2025-09-09T13:00:00+03:00", "A", "{joins: X}");
    // B's consent rests on a party's claim only: not established.
    let b = "- id: XB\n  time: 2025-09-09T14:00:00+03:00\n  act: statement\n  actor: {party: B}\n  change: {joins: X}\n  evidence: [{source: A ministry, kind: party_claim, grade: B2}]\n";
    let late = deployment("D", "2025-09-15T10:00:00+03:00");
    let (_, vs) = judge(
        RULES,
        &[proposal.clone(), a.clone(), b.into(), late.clone()],
    );
    let ChangeEffect::NotEffective {
        why: Refusal::Consents { ways },
    } = effect(&vs, "X")
    else {
        panic!("{:?}", effect(&vs, "X"));
    };
    assert_eq!(ways[0].missing[0].party.as_ref(), "B");
    assert_eq!(ways[0].missing[0].not_established.as_deref(), Some("XB"));
    assert_eq!(verdict(&vs, "D").outcome, Outcome::Violation);
    // With B's consent on record, the change takes effect when B gave it.
    let b = statement("XB", "2025-09-09T14:00:00+03:00", "B", "{joins: X}");
    let (changes, vs) = judge(RULES, &[proposal, a, b, late]);
    assert!(matches!(effect(&vs, "XB"), ChangeEffect::Effective { .. }));
    let made = changes.dues[0][1].made.as_ref().unwrap();
    assert_eq!(made.when.from, t("2025-09-09T11:00:00Z"));
    assert_eq!(made.event.as_deref(), Some("X"));
    assert_eq!(verdict(&vs, "D").outcome, Outcome::NoViolation);
}

#[test]
fn a_change_reaches_back_only_if_every_party_agreed() {
    // The mechanism may change the deadline, but not before it decides.
    let decision = statement(
        "M1",
        "2025-09-12T12:00:00+03:00",
        "M",
        "{deadline: leave, until: 2025-09-20T00:00:00+03:00, effective: 2025-09-10T00:00:00+03:00}",
    );
    let between = deployment("D", "2025-09-11T10:00:00+03:00");
    let (_, vs) = judge(RULES, &[decision, between.clone()]);
    let ChangeEffect::Effective { not_before, .. } = effect(&vs, "M1") else {
        panic!()
    };
    assert_eq!(
        not_before.map(|w| (w.from, w.to)),
        Some((t("2025-09-09T21:00:00Z"), t("2025-09-09T21:00:00Z")))
    );
    assert_eq!(verdict(&vs, "D").outcome, Outcome::Violation);
    // The parties together may agree that it reaches back.
    let joint = statement(
        "J",
        "2025-09-12T12:00:00+03:00",
        "A",
        "{deadline: leave, until: 2025-09-20T00:00:00+03:00, effective: 2025-09-10T00:00:00+03:00}",
    );
    let b = statement("JB", "2025-09-12T13:00:00+03:00", "B", "{joins: J}");
    let (_, vs) = judge(RULES, &[joint, b, between]);
    assert!(matches!(
        effect(&vs, "J"),
        ChangeEffect::Effective {
            retroactive: true,
            ..
        }
    ));
    assert_eq!(verdict(&vs, "D").outcome, Outcome::NoViolation);
}

#[test]
fn a_party_alone_cannot_change_what_the_parties_change_together() {
    let alone = statement(
        "XA",
        "2025-09-09T12:00:00+03:00",
        "A",
        "{deadline: leave, until: 2025-09-20T00:00:00+03:00}",
    );
    let (changes, vs) = judge(
        RULES,
        &[alone, deployment("D", "2025-09-15T10:00:00+03:00")],
    );
    assert_eq!(changes.dues[0].len(), 1);
    assert_eq!(changes.refused[0][0].event.as_ref(), "XA");
    assert_eq!(verdict(&vs, "D").outcome, Outcome::Violation);
    // The declaration itself is judged like any event: it breaches nothing.
    assert_eq!(verdict(&vs, "XA").outcome, Outcome::NoViolation);
}

#[test]
fn a_suspension_holds_until_its_party_resumes_and_as_its_doctrine_allows() {
    let events = [
        statement("S", "2025-09-20T00:00:00+03:00", "A", "all"),
        deployment("D1", "2025-09-21T00:00:00+03:00"),
        statement("R", "2025-09-22T00:00:00+03:00", "A", "{resume: all}"),
        deployment("D2", "2025-09-23T00:00:00+03:00"),
    ];
    let mut events = events.to_vec();
    events[0] = events[0].replace("change: all", "change: {suspend: all}");
    let (_, vs) = judge(RULES, &events);
    assert_eq!(verdict(&vs, "D1").outcome, Outcome::NoViolation);
    assert!(verdict(&vs, "D1").articles.is_empty());
    assert_eq!(verdict(&vs, "D2").outcome, Outcome::Violation);
    // Under the other setting of the doctrine, the suspension has no
    // effect; the verdict names the setting it depended on.
    let rules = RULES.replace("= valid \"", "= invalid \"");
    let (_, vs) = judge(&rules, &events);
    let d1 = verdict(&vs, "D1");
    assert_eq!(d1.outcome, Outcome::Violation);
    assert_eq!(&*d1.doctrines[0].doctrine, "unilateral");
    assert!(matches!(
        effect(&vs, "S"),
        ChangeEffect::NotEffective {
            why: Refusal::Doctrine { .. }
        }
    ));
}

#[test]
fn a_change_the_rulebook_lets_no_one_make_has_no_effect() {
    let events = [
        statement("S", "2025-09-20T00:00:00+03:00", "A", "{repudiate: all}"),
        deployment("D", "2025-09-21T00:00:00+03:00"),
    ];
    let (_, vs) = judge(RULES, &events);
    assert_eq!(
        effect(&vs, "S"),
        &ChangeEffect::NotEffective {
            why: Refusal::NoRule
        }
    );
    let d = verdict(&vs, "D");
    assert_eq!(d.outcome, Outcome::Violation);
    assert!(!matches!(d.articles[0].reason, Reason::NotApplied { .. }));
}

#[test]
fn a_suspension_made_at_an_uncertain_hour_leaves_that_hour_open() {
    let events = [
        statement(
            "S",
            "{from: 2025-09-20T00:00:00+03:00, to: 2025-09-20T12:00:00+03:00}",
            "A",
            "{suspend: [\"1\"]}",
        ),
        deployment("D1", "2025-09-20T06:00:00+03:00"),
        deployment("D2", "2025-09-20T18:00:00+03:00"),
    ];
    let (changes, vs) = judge(RULES, &events);
    assert_eq!(changes.statuses.len(), 1);
    // Suspended or not, as the suspension had taken effect or not.
    assert_eq!(verdict(&vs, "D1").outcome, Outcome::Inconclusive);
    let d2 = verdict(&vs, "D2");
    assert_eq!(d2.outcome, Outcome::NoViolation);
    assert!(matches!(d2.articles[0].reason, Reason::NotApplied { .. }));
}

/// What the in-force gate's day doubt is about, and the day it names.
fn gate_doubt(vs: &[Verdict], id: &str) -> Option<(crate::eval::DayOf, String)> {
    let crate::eval::Doubt::WithinDay { of, day } = verdict(vs, id).in_force.doubt.clone()? else {
        return None;
    };
    Some((of, day.to_string()))
}

#[test]
fn a_change_recorded_by_day_leaves_that_day_open_and_says_so_as_data() {
    use crate::eval::DayOf;
    let events = [
        statement("S", "2025-09-20", "A", "{suspend: all, until: 2025-09-25}"),
        deployment("ON", "2025-09-20T18:00:00+03:00"),
        deployment("NEXT", "2025-09-21T06:00:00+03:00"),
        deployment("END", "2025-09-25T06:00:00+03:00"),
        deployment("AFTER", "2025-09-26T06:00:00+03:00"),
        statement("R", "2025-09-22", "A", "{resume: all}"),
        deployment("RESUMED", "2025-09-22T12:00:00+03:00"),
    ];
    let (changes, vs) = judge(RULES, &events[..5]);
    let s = &changes.statuses[0];
    assert_eq!((s.when.days, &*s.since), (1, "2025-09-20 (+03:00)"));
    assert_eq!(verdict(&vs, "ON").outcome, Outcome::Inconclusive);
    let suspension = DayOf::Suspension {
        party: "A".into(),
        repudiation: false,
        event: Some("S".into()),
    };
    assert_eq!(
        gate_doubt(&vs, "ON"),
        Some((suspension.clone(), "2025-09-20 (+03:00)".to_owned()))
    );
    assert!(matches!(
        &verdict(&vs, "ON").articles[0].reason,
        Reason::NotInForce { doubt: Some(d), .. } if *d == verdict(&vs, "ON").in_force.doubt.clone().unwrap()
    ));
    assert_eq!(verdict(&vs, "NEXT").outcome, Outcome::NoViolation);
    // `until` a day: the suspension ends at some hour of it.
    assert_eq!(verdict(&vs, "END").outcome, Outcome::Inconclusive);
    let end = DayOf::SuspensionEnd {
        party: "A".into(),
        event: Some("S".into()),
    };
    assert_eq!(gate_doubt(&vs, "END").map(|d| d.0), Some(end));
    assert_eq!(verdict(&vs, "AFTER").outcome, Outcome::Violation);
    // A resumption recorded by day: open on its day too.
    let (_, vs) = judge(RULES, &[&events[..1], &events[5..]].concat());
    assert_eq!(verdict(&vs, "RESUMED").outcome, Outcome::Inconclusive);
    let resumed = DayOf::Resumption { event: "R".into() };
    assert_eq!(gate_doubt(&vs, "RESUMED").map(|d| d.0), Some(resumed));
}

#[test]
fn a_deadline_set_to_a_day_or_from_a_day_is_open_only_on_that_day() {
    use crate::eval::{DayOf, Doubt};
    // The mechanism sets the deadline to 20 September, hour unknown,
    // effective from 12 September, also known only to the day.
    let decision = statement(
        "M1",
        "2025-09-09T12:00:00+03:00",
        "M",
        "{deadline: leave, until: 2025-09-20, effective: 2025-09-12}",
    );
    let events = [
        decision,
        deployment("D11", "2025-09-11T10:00:00+03:00"),
        deployment("D12", "2025-09-12T10:00:00+03:00"),
        deployment("D13", "2025-09-13T10:00:00+03:00"),
        deployment("D20", "2025-09-20T10:00:00+03:00"),
        deployment("D21", "2025-09-21T10:00:00+03:00"),
    ];
    let (changes, vs) = judge(RULES, &events);
    let due = &changes.dues[0][1];
    assert_eq!(&*due.written, "2025-09-20 (+03:00)");
    assert_eq!(due.last, t("2025-09-20T20:59:59.999999999Z"));
    let doubt = |id: &str| {
        let step = verdict(&vs, id).articles[0].condition.decisive().clone();
        let Some(Doubt::WithinDay { of, .. }) = step.doubt else {
            return None;
        };
        Some(of)
    };
    // Before the change took effect, the original deadline (10 September).
    assert_eq!(verdict(&vs, "D11").outcome, Outcome::Violation);
    assert_eq!(verdict(&vs, "D12").outcome, Outcome::Inconclusive);
    assert_eq!(
        doubt("D12"),
        Some(DayOf::Extension {
            deadline: "leave".into(),
            event: Some("M1".into()),
        })
    );
    assert_eq!(verdict(&vs, "D13").outcome, Outcome::NoViolation);
    assert_eq!(verdict(&vs, "D20").outcome, Outcome::Inconclusive);
    assert_eq!(
        doubt("D20"),
        Some(DayOf::Deadline {
            name: "leave".into()
        })
    );
    assert_eq!(verdict(&vs, "D21").outcome, Outcome::Violation);
}
