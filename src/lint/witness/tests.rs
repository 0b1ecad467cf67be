use crate::check::Rulebook;
use crate::eval::{ExceptionStatus, Outcome};
use crate::lint::DONBAS;
use crate::lint::logic::{Atom, Model};

use super::search::combinations;
use super::*;

/// Rule text after the Donbas header, compiled as a file of `rules/`.
fn rulebook(text: &str) -> Rulebook {
    let path = format!("{}/rules/witness-test.truce", env!("CARGO_MANIFEST_DIR"));
    let source = crate::span::Source::new(path, text);
    match crate::compile(&source) {
        Ok(c) => c.rulebook,
        Err(e) => panic!("{}", crate::render::diagnostics::rulebook(&e, false)),
    }
}

const ZONED: &str = "zone front = within 5 km of (38.40, 48.34)\n\
    act patrol \"a patrol\"\n\
    act class hostile = [fire, patrol]\n";

#[test]
fn a_witness_of_an_article_is_judged_a_violation_of_it() {
    let r = rulebook(&format!(
        "{DONBAS}{ZONED}weapon class heavy = calibre >= 100 mm\n\
         article 2 \"t\" {{\n  violation when act is fire and weapon is heavy and target in front\n}}\n"
    ));
    let goal = Goal::article(&r, "2").unwrap();
    let w = find(&r, &goal, None).unwrap();
    assert!(goal.shown(&r, &w.verdicts));
    let v = &w.verdicts[0];
    assert_eq!(v.outcome, Outcome::Violation);
    let f = v.articles.iter().find(|f| &*f.article == "2").unwrap();
    assert_eq!(f.outcome, Outcome::Violation);
    // The events as written are what was judged: judged again, the same.
    let again = verify::judge(&r, &w.events).unwrap();
    assert!(goal.shown(&r, &again));
    assert_eq!(w.names, vec![crate::name::Name::from("2")]);
}

#[test]
fn two_exceptions_of_opposite_effects_both_apply_to_one_event() {
    let r = rulebook(&format!(
        "{DONBAS}{ZONED}\
         exception small overrides article 1 {{\n  applies when weapon.calibre < 20 mm\n}}\n\
         exception near upholds article 1 {{\n  applies when place in front\n}}\n"
    ));
    let goal = Goal::both(&r, "small", "near").unwrap();
    let w = find(&r, &goal, None).unwrap();
    let statuses: Vec<(&str, ExceptionStatus)> = w.verdicts[0]
        .articles
        .iter()
        .flat_map(|f| &f.exceptions)
        .map(|t| (&*t.exception, t.status))
        .collect();
    assert!(statuses.contains(&("small", ExceptionStatus::Applies)));
    assert!(statuses.contains(&("near", ExceptionStatus::Applies)));
}

#[test]
fn a_hostile_act_no_article_reaches_is_judged_no_violation_by_a_party() {
    let r = rulebook(&format!("{DONBAS}{ZONED}"));
    let goal = Goal::unreached(&r, "patrol").unwrap();
    let w = find(&r, &goal, None).unwrap();
    let v = &w.verdicts[0];
    assert_eq!(v.outcome, Outcome::NoViolation);
    assert!(!v.articles.is_empty());
    // By a party: the act is one the agreement binds.
    let loaded = crate::events::load_str("w", &w.events, crate::events::Format::Yaml, &r).unwrap();
    let party = loaded.events[0].party.unwrap();
    assert!(r.parties[usize::from(party)].role.is_bound());
    // `fire` is reached by article 1: no witness that it is not.
    let reached = Goal::unreached(&r, "fire").unwrap();
    assert!(matches!(
        find(&r, &reached, None),
        Err(NoWitness::Exhausted { .. })
    ));
}

#[test]
fn a_goal_no_event_can_meet_is_proven_impossible() {
    let r = rulebook(&format!(
        "{DONBAS}{ZONED}article 2 \"t\" {{\n  violation when act is fire and act is patrol\n}}\n"
    ));
    let goal = Goal::article(&r, "2").unwrap();
    assert_eq!(
        find(&r, &goal, None).unwrap_err(),
        NoWitness::Proven(Unsatisfiable::Exhaustive)
    );
}

#[test]
fn related_events_are_unsupported_and_say_so() {
    let r = rulebook(&format!(
        "{DONBAS}{ZONED}exception answered overrides article 1 {{\n  \
         applies when some responds_to as attack where attack.act is fire\n}}\n"
    ));
    let goal = Goal::exception(&r, "answered").unwrap();
    assert_eq!(
        find(&r, &goal, None).unwrap_err(),
        NoWitness::Unsupported(Unsupported::Relations)
    );
    // The article still has a witness: no related event, no excuse.
    let article = Goal::article(&r, "1").unwrap();
    assert!(find(&r, &article, None).is_ok());
}

#[test]
fn a_spent_budget_is_reported_with_what_was_tried() {
    let r = rulebook(&format!("{DONBAS}{ZONED}"));
    let goal = Goal::article(&r, "1").unwrap();
    let hints = hint::Hints::default();
    assert_eq!(
        search::run(&r, &goal, &hints, 0).unwrap_err(),
        NoWitness::Budget { tried: 0 }
    );
}

#[test]
fn the_models_party_is_tried_first() {
    let r = rulebook(&format!("{DONBAS}{ZONED}"));
    let goal = Goal::article(&r, "1").unwrap();
    let plain = find(&r, &goal, None).unwrap();
    assert_eq!(plain.verdicts[0].party.as_deref(), Some("UA"));
    let model = Model {
        values: vec![(Atom::Party(1), true)],
    };
    let hinted = find(&r, &goal, Some(&model)).unwrap();
    assert_eq!(hinted.verdicts[0].party.as_deref(), Some("RU"));
    assert_eq!(hinted.tried, 1);
}

#[test]
fn an_always_true_part_is_exercised() {
    let text = format!(
        "{DONBAS}{ZONED}article 2 \"t\" {{\n  violation when act is patrol and (place in front or not place in front)\n}}\n"
    );
    let r = rulebook(&text);
    let written = "(place in front or not place in front)";
    let at = text.find(written).unwrap();
    let part = at..at + written.len();
    let goal = Goal::Exercised {
        site: Site::Article(1),
        part,
        holds: true,
    };
    let w = find(&r, &goal, None).unwrap();
    assert!(goal.shown(&r, &w.verdicts));
}

#[test]
fn combinations_come_first_choices_first() {
    let mut seen = Vec::new();
    combinations(&[2, 3], |at| {
        seen.push(at.to_vec());
        false
    });
    let expected: Vec<Vec<usize>> = vec![
        vec![0, 0],
        vec![0, 1],
        vec![1, 0],
        vec![1, 1],
        vec![0, 2],
        vec![1, 2],
    ];
    assert_eq!(seen, expected);
}

/// The figure docs/witness.md reports: every article of the KAA and of
/// the Ukrainian draft has a witness.
#[test]
fn every_article_of_the_kaa_and_the_ua_draft_has_a_witness() {
    for path in ["rules/kaa.truce", "rules/ua-dmz-2025-draft.truce"] {
        let checked = crate::load_rulebook(std::path::Path::new(path)).unwrap();
        let r = &checked.rulebook;
        for i in 0..r.articles.len() {
            let goal = Goal::Article(i);
            let found = find(r, &goal, None);
            assert!(
                found.is_ok(),
                "{path} article {}: {found:?}",
                r.articles[i].number
            );
        }
    }
}

/// The logic lint's findings about events, each turned into a goal and
/// given its model: a witness, or the lint's proof that none exists.
#[test]
fn the_logic_lints_findings_get_witnesses_or_proofs() {
    let r = rulebook(&format!(
        "{DONBAS}{ZONED}\
         article 2 \"t\" {{\n  violation when act is fire and act is patrol\n}}\n\
         exception small overrides article 1 {{\n  applies when weapon.calibre < 20 mm\n}}\n\
         exception near upholds article 1 {{\n  applies when place in front\n}}\n"
    ));
    let findings = crate::lint::logic::lint(&r);
    let (mut goals, mut proofs) = (Vec::new(), Vec::new());
    for f in &findings {
        match Goal::of_finding(f) {
            None => {}
            Some(Err(no)) => proofs.push(no),
            Some(Ok(goal)) => {
                let w = find(&r, &goal, f.model.as_ref()).unwrap();
                assert!(goal.shown(&r, &w.verdicts));
                goals.push(goal);
            }
        }
    }
    assert!(
        goals.iter().any(|g| matches!(g, Goal::Unreached(_))),
        "{goals:?}"
    );
    assert!(
        goals.iter().any(|g| matches!(g, Goal::Both(..))),
        "{goals:?}"
    );
    assert!(proofs.contains(&NoWitness::Proven(Unsatisfiable::ByCaller)));
}

#[test]
fn names_are_plain_only_where_yaml_reads_them_as_text() {
    use super::draft::quoted;
    assert_eq!(quoted("UA"), "UA");
    assert_eq!(quoted("W-1"), "W-1");
    // Words YAML reads as booleans, nulls or numbers, and anything else,
    // are quoted.
    for special in ["NO", "yes", "Off", "null", "13(a)", "1", "a b", "x:y", "~"] {
        assert!(quoted(special).starts_with('"'), "{special}");
    }
}
