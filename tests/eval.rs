//! Evaluation doctrine: how conditions, proof, exceptions and the
//! entry-into-force gate combine into an outcome.

use std::path::Path;

use truce::eval::{Need, Outcome, Reason, Step, Summary, Verdict, WeighingResult};
use truce::events::Format;
use truce::events::Grade;

fn judge(events_yaml: &str) -> Vec<Verdict> {
    let rulebook = truce::load_rulebook(Path::new("rules/kaa.truce"))
        .unwrap()
        .rulebook;
    let loaded = truce::events::load_str("e.yaml", events_yaml, Format::Yaml, &rulebook).unwrap();
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
    let (graph, _) = truce::graph::build(loaded, "e.yaml");
    truce::eval::adjudicate(&rulebook, &graph)
}

fn outcome(v: &Verdict) -> (Outcome, Option<&str>) {
    (v.outcome, v.party.as_deref())
}

const PERMIT: &str = "- id: P\n  time: 1953-08-04T18:00:00+09:00\n  act: authorisation\n  actor: {party: MAC}\n  evidence: [{source: MAC minutes, kind: investigation, grade: A1}]\n";

#[test]
fn an_exception_covers_an_act_whose_breach_cannot_be_decided() {
    // The crossing's end is too uncertain to say it crossed, but the MAC
    // authorised it anyway: no breach, whichever side it ended on.
    let events = format!(
        "{PERMIT}- id: C\n  time: 1953-08-05T09:00:00+09:00\n  act: movement\n  actor: {{party: UNC}}\n  origin: {{lat: 37.9448, lon: 126.6930}}\n  target: {{lat: 37.9465, lon: 126.6930, accuracy_m: 500}}\n  authorised_by: P\n  evidence: [{{source: NNSC, kind: observation, grade: A1}}]\n"
    );
    let v = judge(&events);
    assert_eq!(outcome(&v[1]), (Outcome::NoViolation, None));
    let para7 = v[1].articles.iter().find(|f| &*f.article == "7").unwrap();
    assert_eq!(
        para7.reason,
        truce::eval::Reason::CarvedOut {
            exception: "mac_authorisation".into()
        }
    );
}

#[test]
fn an_exception_covers_an_act_whose_occurrence_is_not_proven() {
    // The crossing rests on a rumour, but the MAC's minutes record that it
    // authorised this crossing: the link stands on its own evidence.
    let events = format!(
        "{PERMIT}- id: C\n  time: 1953-08-05T09:00:00+09:00\n  act: movement\n  actor: {{party: UNC}}\n  origin: {{lat: 37.9448, lon: 126.6930}}\n  target: {{lat: 37.9465, lon: 126.6930}}\n  authorised_by: [{{event: P, by: MAC, evidence: [{{source: MAC minutes, kind: investigation, grade: A1}}]}}]\n  evidence: [{{source: rumour, kind: observation, grade: E5}}]\n"
    );
    assert_eq!(outcome(&judge(&events)[1]), (Outcome::NoViolation, None));
}

#[test]
fn a_link_is_no_better_established_than_what_it_rests_on() {
    // Recorded bare, the link rests on the crossing's own record, a rumour:
    // the authorisation cannot be tied to the crossing.
    let bare = format!(
        "{PERMIT}- id: C\n  time: 1953-08-05T09:00:00+09:00\n  act: movement\n  actor: {{party: UNC}}\n  origin: {{lat: 37.9448, lon: 126.6930}}\n  target: {{lat: 37.9465, lon: 126.6930}}\n  authorised_by: P\n  evidence: [{{source: rumour, kind: observation, grade: E5}}]\n"
    );
    let v = judge(&bare);
    assert_eq!(outcome(&v[1]), (Outcome::Inconclusive, Some("UNC")));
    // A party's own word that its act was authorised is an allegation: a
    // well-observed crossing with such a link is a violation.
    let claimed = format!(
        "{PERMIT}- id: C\n  time: 1953-08-05T09:00:00+09:00\n  act: movement\n  actor: {{party: UNC}}\n  origin: {{lat: 37.9448, lon: 126.6930}}\n  target: {{lat: 37.9465, lon: 126.6930}}\n  authorised_by: [{{event: P, by: UNC, evidence: [{{source: UNC press office, kind: party_claim, grade: B2}}]}}]\n  evidence: [{{source: NNSC, kind: observation, grade: A1}}]\n"
    );
    let v = judge(&claimed);
    assert_eq!(outcome(&v[1]), (Outcome::Violation, Some("UNC")));
    let para7 = v[1].articles.iter().find(|f| &*f.article == "7").unwrap();
    let truce::eval::Reason::Breach { failed, .. } = &para7.reason else {
        panic!("{:?}", para7.reason)
    };
    assert!(
        failed.iter().any(|f| matches!(
            &f.element,
            truce::eval::FailedElement::Unlinked { event, .. } if &**event == "P"
        )),
        "{failed:?}"
    );
}

#[test]
fn a_window_straddling_entry_into_force_spares_acts_no_article_forbids() {
    let events = "- id: W\n  time: {from: 1953-07-27T21:00:00+09:00, to: 1953-07-27T23:00:00+09:00}\n  act: civil_administration\n  actor: {party: UNC}\n  place: {lat: 37.5, lon: 127.0}\n";
    let v = judge(events);
    assert_eq!(outcome(&v[0]), (Outcome::NoViolation, None));
    assert_eq!(v[0].in_force.result, truce::eval::Truth::Unknown);
}

#[test]
fn a_monitors_own_act_breaches_no_partys_obligation() {
    let events = "- id: N\n  time: 2015-08-20T16:12:00+09:00\n  act: fire\n  actor: {party: NNSC}\n  target: {lat: 38.2652, lon: 127.06}\n  evidence: [{source: UNC, kind: investigation, grade: A1}]\n";
    let v = judge(events);
    assert_eq!(outcome(&v[0]), (Outcome::NoViolation, None));
    let para6 = v[0].articles.iter().find(|f| &*f.article == "6").unwrap();
    assert_eq!(
        para6.reason,
        truce::eval::Reason::NotBound {
            actor: "NNSC".into(),
            role: truce::eval::ActorRole::Monitor
        }
    );
}

#[test]
fn an_authorisation_given_after_the_act_does_not_cover_it() {
    let late = PERMIT.replace("1953-08-04T18:00:00+09:00", "1953-08-06T18:00:00+09:00");
    let events = format!(
        "{late}- id: C\n  time: 1953-08-05T09:00:00+09:00\n  act: movement\n  actor: {{party: UNC}}\n  origin: {{lat: 37.9448, lon: 126.6930}}\n  target: {{lat: 37.9465, lon: 126.6930}}\n  authorised_by: P\n  evidence: [{{source: NNSC, kind: observation, grade: A1}}]\n"
    );
    let v = judge(&events);
    assert_eq!(outcome(&v[1]), (Outcome::Violation, Some("UNC")));
    // The authorisation is tried, and fails on its time.
    let violated = v[1]
        .articles
        .iter()
        .find(|f| f.outcome == Outcome::Violation)
        .unwrap();
    // An exception tried the authorisation: its time test failed.
    let tried = violated
        .exceptions
        .iter()
        .filter_map(|x| x.condition.as_ref());
    let failed =
        |s: &&Step| &*s.condition == "permit.time <= time" && s.result == truce::eval::Truth::False;
    assert!(
        tried.flat_map(steps).any(|s| failed(&s)),
        "{:?}",
        violated.exceptions
    );
}

/// A step and every step within it.
fn steps(s: &Step) -> Box<dyn Iterator<Item = &Step> + '_> {
    Box::new(std::iter::once(s).chain(s.steps.iter().flat_map(steps)))
}

#[test]
fn counts_compare_exactly_and_times_of_two_events_can_be_equal() {
    use truce::span::Source;
    let rules = "agreement \"A\" {\n  in force 2015-01-01 00:00 UTC\n  party A \"a\"\n  party B \"b\"\n}\nact fire \"fire\"\narticle 1 \"t\" {\n  violation when act is fire and weapon.rounds > 2000000000 and some responds_to as r where r.time == time\n}\n";
    let rulebook = truce::compile(&Source::new("r.truce", rules))
        .unwrap()
        .rulebook;
    let text = concat!(
        "{\"id\":\"P\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\"}\n",
        "{\"id\":\"E\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\",\"actor\":{\"party\":\"A\"},\"weapon\":{\"rounds\":2000000001},\"responds_to\":\"P\",\"evidence\":[{\"source\":\"s\",\"kind\":\"observation\",\"grade\":\"A1\"}]}\n",
    );
    let loaded = truce::events::load_str("e.jsonl", text, Format::JsonLines, &rulebook).unwrap();
    let (graph, _) = truce::graph::build(loaded, "e.jsonl");
    let v = truce::eval::adjudicate(&rulebook, &graph);
    assert_eq!(outcome(&v[1]), (Outcome::Violation, Some("A")));
}

/// Judges YAML events under rule text compiled in memory.
fn judge_under(rules: &str, events_yaml: &str) -> Vec<Verdict> {
    let source = truce::span::Source::new("std.truce", rules);
    let rulebook = truce::compile(&source).unwrap().rulebook;
    let loaded = truce::events::load_str("e.yaml", events_yaml, Format::Yaml, &rulebook).unwrap();
    let (graph, _) = truce::graph::build(loaded, "e.yaml");
    truce::eval::adjudicate(&rulebook, &graph)
}

#[test]
fn a_rulebook_redefines_a_standard_and_names_its_own() {
    let rules = "agreement \"A\" {\n  in force 2015-01-01 00:00 UTC\n  party A \"a\"\n  party B \"b\"\n}\nact fire \"fire\"\nstandard clear_and_convincing = 2 at B2\nstandard sure = 1 at A1\narticle 1 \"t\" {\n  violation when act is fire\n  proof clear_and_convincing\n  attribution sure\n}\n";
    let event = |evidence: &str| {
        format!(
            "- id: E\n  time: 2015-02-01T00:00:00Z\n  act: fire\n  actor: {{party: A}}\n  evidence: [{evidence}]\n"
        )
    };
    // One B2 item no longer meets clear and convincing, as redefined.
    let one = judge_under(rules, &event("{source: s1, kind: observation, grade: B2}"));
    assert_eq!(one[0].outcome, Outcome::Inconclusive);
    let b2 = Grade::parse("B2").unwrap();
    let Reason::NotProven { occurrence } = &one[0].articles[0].reason else {
        panic!("{:?}", one[0].articles[0].reason)
    };
    assert_eq!(&*occurrence.standard, "clear_and_convincing");
    let WeighingResult::ShortOf { needs, .. } = &occurrence.result else {
        panic!("{occurrence:?}")
    };
    assert_eq!(
        needs,
        &[Need {
            count: 2,
            grade: b2
        }]
    );
    // Two independent B2 items meet it; attribution then needs an A1.
    let two = judge_under(
        rules,
        &event(
            "{source: s1, kind: observation, grade: B2, about: occurrence}, {source: s2, kind: sensor, grade: B2, about: occurrence}, {source: s3, kind: investigation, grade: A1, about: attribution}",
        ),
    );
    assert_eq!(outcome(&two[0]), (Outcome::Violation, Some("A")));
    let f = &two[0].articles[0];
    assert_eq!(&*f.attribution.as_ref().unwrap().standard, "sure");
    // Without the A1 item, attribution fails and says so.
    let no_a1 = judge_under(
        rules,
        &event("{source: s1, kind: observation, grade: B2}, {source: s2, kind: sensor, grade: B2}"),
    );
    assert_eq!(no_a1[0].outcome, Outcome::Inconclusive);
    let Reason::NotAttributed { attribution, .. } = &no_a1[0].articles[0].reason else {
        panic!("{:?}", no_a1[0].articles[0].reason)
    };
    assert_eq!(&*attribution.standard, "sure");
    assert!(matches!(attribution.result, WeighingResult::ShortOf { .. }));
}

const RANKED: &str = r#"
agreement "Ranks" {
  in force 2025-09-03 00:00 Europe/Kyiv
  party A "Party A"
  party B "Party B"
}
act fire "discharge of any weapon"
act order "an order to fire"
article 1 "No fire." { violation when act is fire }
exception answer overrides article 1 {
  applies when some responds_to as attack where attack.actor.party != actor.party
}
exception ordered upholds article 1 RANK {
  applies when some authorised_by as o where o.act is order
}
"#;

const RANKED_EVENTS: &str = r#"
- {id: F-1, time: "2025-09-10T06:00:00+03:00", act: fire, actor: {party: A}, evidence: [{source: m, kind: observation, grade: A1}]}
- {id: O-1, time: "2025-09-10T06:05:00+03:00", act: order, actor: {party: B}, evidence: [{source: m, kind: observation, grade: A1}]}
- {id: F-2, time: "2025-09-10T06:10:00+03:00", act: fire, actor: {party: B}, responds_to: F-1, authorised_by: O-1, evidence: [{source: m, kind: observation, grade: A1}]}
"#;

#[test]
fn exceptions_of_opposite_effect_need_a_rank_or_the_verdict_stays_open() {
    let unranked = RANKED.replace("RANK", "");
    let checked = truce::compile(&truce::span::Source::new("r.truce", unranked.clone())).unwrap();
    let warning = checked.warnings[0].to_string();
    assert!(
        warning.contains("`answer` and `ordered` have opposite effects on article 1"),
        "{warning}"
    );
    let vs = judge_under(&unranked, RANKED_EVENTS);
    let f2 = vs.iter().find(|v| &*v.event == "F-2").unwrap();
    assert_eq!(f2.outcome, Outcome::Inconclusive);
    assert_eq!(
        f2.articles[0].reason,
        Reason::ExceptionsConflict {
            excuse: "answer".into(),
            upholds: "ordered".into()
        }
    );
    // Ranked: the upholding exception prevails, and says what it set aside.
    let vs = judge_under(&RANKED.replace("RANK", "over answer"), RANKED_EVENTS);
    let f2 = vs.iter().find(|v| &*v.event == "F-2").unwrap();
    assert_eq!(outcome(f2), (Outcome::Violation, Some("B")));
    let Reason::Breach {
        upheld, set_aside, ..
    } = &f2.articles[0].reason
    else {
        panic!("{:?}", f2.articles[0].reason)
    };
    assert_eq!(upheld.as_deref(), Some("ordered"));
    assert_eq!(set_aside, &["answer".into()] as &[truce::name::Name]);
    // The other way round: the excuse prevails.
    let reversed = RANKED.replace("RANK", "").replace(
        "overrides article 1 {",
        "overrides article 1 over ordered {",
    );
    let vs = judge_under(&reversed, RANKED_EVENTS);
    let f2 = vs.iter().find(|v| &*v.event == "F-2").unwrap();
    assert_eq!(f2.outcome, Outcome::Justified);
}

#[test]
fn an_undecided_exception_leaves_a_ranked_outcome_open_only_if_it_could_change_it() {
    // `answer` responds to an event that was rejected, so it is undecided.
    let events = r#"
- {id: F-1, time: "2025-09-10T06:00:00+03:00", act: fire, actor: {party: A}, weapon: {calibre_mm: -1}}
- {id: O-1, time: "2025-09-10T06:05:00+03:00", act: order, actor: {party: B}, evidence: [{source: m, kind: observation, grade: A1}]}
- {id: F-2, time: "2025-09-10T06:10:00+03:00", act: fire, actor: {party: B}, responds_to: F-1, authorised_by: O-1, evidence: [{source: m, kind: observation, grade: A1}]}
"#;
    let f2 = |rules: &str| {
        let vs = judge_under(rules, events);
        vs.into_iter().find(|v| &*v.event == "F-2").unwrap()
    };
    // Unranked: if `answer` applied, the two would conflict; open.
    let v = f2(&RANKED.replace("RANK", ""));
    assert_eq!(v.outcome, Outcome::Inconclusive, "{}", v.articles[0].reason);
    assert!(
        matches!(
            &v.articles[0].reason,
            Reason::ExceptionsOpen { exceptions, .. } if exceptions == &["answer".into()] as &[truce::name::Name]
        ),
        "{:?}",
        v.articles[0].reason
    );
    // `ordered` ranked over `answer`: the breach stands either way.
    let v = f2(&RANKED.replace("RANK", "over answer"));
    assert_eq!(v.outcome, Outcome::Violation);
    // `answer` ranked over `ordered`: whether it applies decides; open.
    let reversed = RANKED.replace("RANK", "").replace(
        "overrides article 1 {",
        "overrides article 1 over ordered {",
    );
    assert_eq!(f2(&reversed).outcome, Outcome::Inconclusive);
    // The other way round: the excuse applies and the upholding exception
    // ranked below it is undecided: justified whatever it turns out to be.
    let events = RANKED_EVENTS.replace(
        "{id: O-1, time: \"2025-09-10T06:05:00+03:00\", act: order,",
        "{id: O-1, time: \"2025-09-10T06:05:00+03:00\", act: order, weapon: {calibre_mm: -1},",
    );
    let vs = judge_under(&reversed, &events);
    let v = vs.iter().find(|v| &*v.event == "F-2").unwrap();
    assert_eq!(v.outcome, Outcome::Justified, "{}", v.articles[0].reason);
}

const CAMPAIGN: &str = r#"
agreement "Campaign" {
  in force 2025-09-01 00:00 UTC
  party A "Party A"
  party B "Party B"
}
act fire "discharge of any weapon"
pattern campaign = 3 within 6 h where act is fire
article 1 "No fire." { violation when act is fire }
exception answer overrides article 1 {
  applies when some responds_to as attack
               where attack.actor.party != actor.party and attack in campaign
}
"#;

/// B's fire at the times given (a pair is a window), then A's answer.
fn campaign(b: &[(&str, &str, &str)], answer: (&str, &str)) -> Vec<Verdict> {
    let mut yaml = String::new();
    for (id, from, to) in b {
        let time = if from == to {
            format!("\"2025-09-10T{from}:00Z\"")
        } else {
            format!("{{from: \"2025-09-10T{from}:00Z\", to: \"2025-09-10T{to}:00Z\"}}")
        };
        yaml.push_str(&format!(
            "- {{id: {id}, time: {time}, act: fire, actor: {{party: B}}, evidence: [{{source: m, kind: observation, grade: A1}}]}}\n"
        ));
    }
    yaml.push_str(&format!(
        "- {{id: A-1, time: \"2025-09-10T{}:00Z\", act: fire, actor: {{party: A}}, responds_to: {}, evidence: [{{source: m, kind: observation, grade: A1}}]}}\n",
        answer.0, answer.1
    ));
    judge_under(CAMPAIGN, &yaml)
}

fn answer_outcome(vs: &[Verdict]) -> Outcome {
    vs.iter().find(|v| &*v.event == "A-1").unwrap().outcome
}

#[test]
fn a_pattern_counts_only_what_surely_fits_and_only_what_came_before() {
    // A long uncertain window does not push out events surely in it.
    let vs = campaign(
        &[
            ("B-1", "06:00", "06:00"),
            ("W", "06:10", "20:00"),
            ("B-2", "07:00", "07:00"),
            ("B-3", "08:00", "08:00"),
        ],
        ("09:00", "B-3"),
    );
    assert_eq!(answer_outcome(&vs), Outcome::Justified);
    let source = truce::span::Source::new("p.truce", CAMPAIGN);
    let rulebook = truce::compile(&source).unwrap().rulebook;
    let yaml = "- {id: B-1, time: \"2025-09-10T06:00:00Z\", act: fire, actor: {party: B}, evidence: [{source: m, kind: observation, grade: A1}]}\n- {id: W, time: {from: \"2025-09-10T06:10:00Z\", to: \"2025-09-10T20:00:00Z\"}, act: fire, actor: {party: B}, evidence: [{source: m, kind: observation, grade: A1}]}\n- {id: B-2, time: \"2025-09-10T07:00:00Z\", act: fire, actor: {party: B}, evidence: [{source: m, kind: observation, grade: A1}]}\n- {id: B-3, time: \"2025-09-10T08:00:00Z\", act: fire, actor: {party: B}, evidence: [{source: m, kind: observation, grade: A1}]}\n";
    let loaded = truce::events::load_str("e.yaml", yaml, Format::Yaml, &rulebook).unwrap();
    let (graph, _) = truce::graph::build(loaded, "e.yaml");
    let found = truce::eval::find_patterns(&rulebook, &graph);
    let ids: Vec<&str> = found.runs[0].events.iter().map(|e| &**e).collect();
    assert_eq!(ids, ["B-1", "B-2", "B-3"]);
    // Two sure and one that may fall in the window: the excuse is open.
    let vs = campaign(
        &[
            ("B-1", "06:00", "06:00"),
            ("B-2", "07:00", "07:00"),
            ("W", "07:30", "14:00"),
        ],
        ("15:00", "B-2"),
    );
    assert_eq!(answer_outcome(&vs), Outcome::Inconclusive);
    // Attacks after the answer do not make the one it answers a campaign.
    let vs = campaign(
        &[
            ("B-1", "06:00", "06:00"),
            ("B-2", "10:00", "10:00"),
            ("B-3", "11:00", "11:00"),
        ],
        ("07:00", "B-1"),
    );
    assert_eq!(answer_outcome(&vs), Outcome::Violation);
}

#[test]
fn an_exception_set_aside_sets_nothing_else_aside() {
    // `permitted` prevails over `ordered`, which prevails over `answer`:
    // with `ordered` set aside, `answer` stands, and excuses the act.
    let rules = RANKED.replace("RANK", "over answer").replace(
        "article 1 \"No fire.\" { violation when act is fire }",
        "article 1 \"No fire.\" { violation when act is fire }\nexception permitted overrides article 1 over ordered { applies when act is fire and some authorised_by as o where o.act is order }",
    );
    let vs = judge_under(&rules, RANKED_EVENTS);
    let f2 = vs.iter().find(|v| &*v.event == "F-2").unwrap();
    assert_eq!(f2.outcome, Outcome::Justified, "{}", f2.articles[0].reason);
    let status = |name: &str| {
        let x = f2.articles[0]
            .exceptions
            .iter()
            .find(|x| &*x.exception == name)
            .unwrap();
        x.status
    };
    use truce::eval::ExceptionStatus::*;
    assert_eq!(
        (status("answer"), status("ordered"), status("permitted")),
        (Applies, SetAside, Applies)
    );
}

#[test]
fn an_unproven_link_fails_an_excuse_but_cannot_clear_a_prohibition() {
    // A reprisal is forbidden, and the answer is excused by an attack: the
    // link to the attack is only the responder's own claim.
    let rules = &two_parties(
        r#"
act fire "discharge of any weapon"
article 1 "No reprisal." {
  violation when act is fire and some responds_to as a where a.actor.party != actor.party
}
article 2 "No fire." { violation when act is fire }
exception answer overrides article 2 {
  applies when some responds_to as a where a.actor.party != actor.party
}
"#,
    );
    let events = r#"
- {id: F-1, time: "2025-09-10T06:00:00+03:00", act: fire, actor: {party: A}, evidence: [{source: m, kind: observation, grade: A1}]}
- {id: F-2, time: "2025-09-10T06:10:00+03:00", act: fire, actor: {party: B}, responds_to: [{event: F-1, by: B, evidence: [{source: B, kind: party_claim, grade: A1}]}], evidence: [{source: m, kind: observation, grade: A1}]}
"#;
    let v = judge_under(rules, events);
    let article = |n: &str| v[1].articles.iter().find(|f| &*f.article == n).unwrap();
    // Whether it answered F-1 is not established: it may be a reprisal.
    assert_eq!(article("1").outcome, Outcome::Inconclusive);
    // The excuse needs the link proven: the fire is a violation.
    assert_eq!(article("2").outcome, Outcome::Violation);
}

#[test]
fn care_clears_a_party_of_its_peoples_act_only_when_the_act_was_not_its_own() {
    let rules = &two_parties(
        r#"
act fire "discharge of any weapon"
imputable official
diligence care "due diligence" {
  means when true
  measures when false
}
article 1 "No fire." {
  violation when act is fire
  duty prevent
  diligence care
}
"#,
    );
    let event = |capacity: &str, knew: bool| {
        format!(
            "- {{id: F, time: \"2025-09-10T06:00:00+03:00\", act: fire, actor: {{party: A, capacity: {capacity}}}, findings: [{{test: knowledge, holds: {knew}, by: m, evidence: [{{source: m, kind: investigation, grade: A1}}]}}], evidence: [{{source: m, kind: observation, grade: A1}}]}}\n"
        )
    };
    let judged = |capacity: &str, knew: bool| {
        let v = judge_under(rules, &event(capacity, knew));
        (v[0].outcome, v[0].articles[0].reason.clone())
    };
    // A private act it could not have known of: no breach of its duty.
    let (outcome, reason) = judged("private", false);
    assert_eq!(outcome, Outcome::NoViolation);
    assert!(
        matches!(reason, truce::eval::Reason::Diligent { .. }),
        "{reason:?}"
    );
    // In what capacity the shooter acted is unknown: its own act would be a
    // breach whatever it knew, so care leaves the verdict open.
    let (outcome, reason) = judged("unknown", false);
    assert_eq!(outcome, Outcome::Inconclusive);
    assert!(
        matches!(reason, truce::eval::Reason::CapacityUnknown { .. }),
        "{reason:?}"
    );
    // It knew, could act and did nothing: a breach either way.
    assert_eq!(judged("unknown", true).0, Outcome::Violation);
}

#[test]
fn a_test_of_capacity_can_ask_whether_the_record_tells_it() {
    let rules = &two_parties(
        r#"
act fire "discharge of any weapon"
article 1 "Unexplained fire." { violation when act is fire and actor.capacity in [unknown, private] }
article 2 "Private fire." { violation when act is fire and actor.capacity is private }
"#,
    );
    let events = "- {id: F, time: \"2025-09-10T06:00:00+03:00\", act: fire, actor: {party: A, capacity: unknown}, evidence: [{source: m, kind: observation, grade: A1}]}\n";
    let v = judge_under(rules, events);
    let article = |n: &str| v[0].articles.iter().find(|f| &*f.article == n).unwrap();
    assert_eq!(article("1").condition.result, truce::eval::Truth::True);
    assert_eq!(article("2").condition.result, truce::eval::Truth::Unknown);
}

#[test]
fn a_finding_may_name_a_line_drawn_differently_for_each_party() {
    let rules = &two_parties(
        r#"
line a = [(37.0, 47.0), (37.1, 49.0)] { A holds west, B holds east }
line b = [(37.5, 47.0), (37.6, 49.0)] { A holds west, B holds east }
line r = a for A, b for B
act fire "discharge of any weapon"
article 1 "No fire across r." { violation when act is fire and trajectory crosses r }
"#,
    );
    let events = "- {id: F, time: \"2025-09-10T06:00:00+03:00\", act: fire, actor: {party: A}, findings: [{test: crosses, line: r, by: m, evidence: [{source: m, kind: investigation, grade: A1}]}], evidence: [{source: m, kind: observation, grade: A1}]}\n";
    let v = judge_under(rules, events);
    assert_eq!(outcome(&v[0]), (Outcome::Violation, Some("A")));
}

#[test]
fn an_answer_to_many_events_tries_every_one_and_lists_a_few() {
    let mut events: String = (0..40)
        .map(|i| {
            format!(
                "- {{id: A{i}, time: 2016-01-01T00:00:00Z, act: fire, actor: {{party: KPA}}}}\n"
            )
        })
        .collect();
    let answered: Vec<String> = (0..40).map(|i| format!("A{i}")).collect();
    events.push_str(&format!(
        "- {{id: R, time: 2016-01-01T00:10:00Z, act: fire, actor: {{party: UNC}}, responds_to: [{}], evidence: [{{source: s, kind: observation, grade: A1}}]}}\n",
        answered.join(", ")
    ));
    let v = judge(&events);
    let para6 = v[40].articles.iter().find(|f| &*f.article == "6").unwrap();
    // `return_fire`'s condition is the `some responds_to` itself.
    let listed = para6.exceptions[0].condition.as_ref().unwrap();
    assert_eq!(listed.result, truce::eval::Truth::False);
    // Eleven tried events, one step counting the other 28, and the last.
    assert_eq!(listed.steps.len(), 13, "{listed:#?}");
    assert!(matches!(
        listed.steps[11].related,
        Some(truce::eval::Related::Omitted { count: 28 })
    ));
    assert_eq!(listed.facts.len(), 13);
    // One fact stands for the 28 left out: a count, worded in render.
    let more = &listed.facts[11];
    assert!(
        matches!(more.note, Some(truce::eval::Note::Omitted { count: 28 })),
        "{more:#?}"
    );
    assert_eq!(more.value.written(), "");
}

/// A rulebook of two parties, A and B, with the rest of its text.
fn two_parties(rest: &str) -> String {
    format!(
        "agreement \"Two parties\" {{\n  in force 2025-09-03 00:00 Europe/Kyiv\n  party A \"Party A\"\n  party B \"Party B\"\n}}\n{rest}"
    )
}

/// The incidents of the equivalence tests: a deployment of A's at each
/// time, after the original deadline (T0 + 7 d = 10 Sep) and around the
/// extension agreed on 16 Sep to T0 + 21 d (24 Sep).
const INCIDENTS: [(&str, &str); 7] = [
    ("before", "2025-09-09T10:00:00+03:00"),
    ("late", "2025-09-12T10:00:00+03:00"),
    (
        "across_agreement",
        "{from: 2025-09-15T12:00:00+03:00, to: 2025-09-16T12:00:00+03:00}",
    ),
    ("extended", "2025-09-19T10:00:00+03:00"),
    (
        "across_due",
        "{from: 2025-09-23T12:00:00+03:00, to: 2025-09-24T12:00:00+03:00}",
    ),
    ("after", "2025-09-26T10:00:00+03:00"),
    ("suspended", "2025-10-02T10:00:00+03:00"),
];

/// The same incidents, the change events first (each judged too).
fn changed_incidents(changes: &str) -> String {
    let seen = "  evidence: [{source: MM patrol, kind: observation, grade: B2}]\n";
    let mut events = changes.to_owned();
    for (id, time) in INCIDENTS {
        events.push_str(&format!(
            "- id: {id}\n  time: {time}\n  act: deployment\n  actor: {{party: A}}\n{seen}"
        ));
    }
    events
}

/// Each incident's outcome, party, and every finding's outcome and kind of
/// reason (the words of a reason may name the event that made a change).
fn incident_verdicts(vs: &[Verdict]) -> Vec<(String, Outcome, Option<String>, Vec<String>)> {
    INCIDENTS
        .iter()
        .map(|(id, _)| {
            let v = vs.iter().find(|v| &*v.event == *id).unwrap();
            let findings = v
                .articles
                .iter()
                .map(|f| {
                    let why = serde_json::to_value(&f.reason).unwrap();
                    format!("{}: {:?} {}", f.article, f.outcome, why["kind"])
                })
                .collect();
            (
                id.to_string(),
                v.outcome,
                v.party.as_deref().map(str::to_owned),
                findings,
            )
        })
        .collect()
}

#[test]
fn a_change_in_the_rulebook_and_the_same_change_as_events_give_the_same_verdicts() {
    let articles = "act deployment \"forces positioned\"\nact statement \"a statement, decision or notice\"\ndeadline leave = 7 d after in force\narticle 1 \"Withdraw within 7 days.\" {\n  violation when act is deployment and time after leave\n  responsible actor.party\n  proof preponderance\n}\n";
    let declared = two_parties(&format!(
        "{articles}extend leave to 21 d after in force agreed 2025-09-16 00:00 Europe/Kyiv\nsuspend for A from 2025-10-01 00:00 Europe/Kyiv\n"
    ));
    let recorded = two_parties(&format!(
        "{articles}change deadline leave by A and B together\nchange suspension by each party\n"
    ));
    let notice = "  evidence: [{source: joint notice, kind: observation, grade: A1}]\n";
    let changes = format!(
        "- id: N-A\n  time: 2025-09-16T00:00:00+03:00\n  act: statement\n  actor: {{party: A}}\n  change: {{deadline: leave, until: 2025-09-24T00:00:00+03:00}}\n{notice}\
         - id: N-B\n  time: 2025-09-16T00:00:00+03:00\n  act: statement\n  actor: {{party: B}}\n  change: {{joins: N-A}}\n{notice}\
         - id: S-A\n  time: 2025-10-01T00:00:00+03:00\n  act: statement\n  actor: {{party: A}}\n  change: {{suspend: all}}\n{notice}"
    );
    let events = changed_incidents(&changes);
    // Under the first rulebook the change events have no effect (it lets
    // no one change anything); its own declarations do the same.
    let by_rulebook = incident_verdicts(&judge_under(&declared, &events));
    let by_events = incident_verdicts(&judge_under(&recorded, &events));
    assert_eq!(by_rulebook, by_events);
    let outcomes: Vec<Outcome> = by_events.iter().map(|v| v.1).collect();
    assert_eq!(
        outcomes,
        [
            Outcome::NoViolation,
            Outcome::Violation,
            Outcome::Inconclusive,
            Outcome::NoViolation,
            Outcome::Inconclusive,
            Outcome::Violation,
            Outcome::NoViolation,
        ]
    );
    // Without the events, the second rulebook keeps the original deadline.
    let bare = incident_verdicts(&judge_under(&recorded, &changed_incidents("")));
    assert_eq!(bare[3].1, Outcome::Violation);
}

#[test]
fn changes_known_only_to_the_day_give_the_same_verdicts_declared_or_recorded() {
    // Agreed on 16 September and suspended from 1 October, hours unknown:
    // in the rulebook as days, or as change events dated by day.
    let articles = "act deployment \"forces positioned\"\nact statement \"a statement, decision or notice\"\ndeadline leave = 7 d after in force\narticle 1 \"Withdraw within 7 days.\" {\n  violation when act is deployment and time after leave\n  responsible actor.party\n  proof preponderance\n}\n";
    let declared = two_parties(&format!(
        "{articles}extend leave to 21 d after in force agreed 2025-09-16 Europe/Kyiv\nsuspend for A from 2025-10-01 Europe/Kyiv\n"
    ));
    let recorded = two_parties(&format!(
        "{articles}change deadline leave by A and B together\nchange suspension by each party\n"
    ));
    let notice = "  evidence: [{source: joint notice, kind: observation, grade: A1}]\n";
    let seen = "  evidence: [{source: MM patrol, kind: observation, grade: B2}]\n";
    let mut events = format!(
        "- id: N-A\n  time: 2025-09-16\n  act: statement\n  actor: {{party: A}}\n  change: {{deadline: leave, until: 2025-09-24T00:00:00+03:00}}\n{notice}\
         - id: N-B\n  time: 2025-09-16\n  act: statement\n  actor: {{party: B}}\n  change: {{joins: N-A}}\n{notice}\
         - id: S-A\n  time: 2025-10-01\n  act: statement\n  actor: {{party: A}}\n  change: {{suspend: all}}\n{notice}"
    );
    let incidents = [
        ("late", "2025-09-12T10:00:00+03:00"),
        ("agreement_day", "2025-09-16T10:00:00+03:00"),
        ("agreement_day_by_day", "2025-09-16"),
        ("extended", "2025-09-17T00:00:00+03:00"),
        ("after", "2025-09-26T10:00:00+03:00"),
        ("suspension_day", "2025-10-01T10:00:00+03:00"),
        ("suspended", "2025-10-02T00:00:00+03:00"),
    ];
    for (id, time) in incidents {
        events.push_str(&format!(
            "- id: {id}\n  time: {time}\n  act: deployment\n  actor: {{party: A}}\n{seen}"
        ));
    }
    // Each incident's outcome, and what its day's doubt was about.
    let read = |rules: &str| -> Vec<(Outcome, serde_json::Value)> {
        let vs = judge_under(rules, &events);
        incidents
            .iter()
            .map(|(id, _)| {
                let v = vs.iter().find(|v| &*v.event == *id).unwrap();
                let reason = v
                    .articles
                    .first()
                    .map(|f| serde_json::to_value(&f.reason).unwrap());
                let doubt = reason.map_or(serde_json::Value::Null, |r| r["doubt"].clone());
                (v.outcome, doubt)
            })
            .collect()
    };
    let (by_rulebook, by_events) = (read(&declared), read(&recorded));
    let outcomes: Vec<Outcome> = by_events.iter().map(|v| v.0).collect();
    use Outcome::{Inconclusive, NoViolation, Violation};
    assert_eq!(
        outcomes,
        [
            Violation,
            Inconclusive,
            Inconclusive,
            NoViolation,
            Violation,
            Inconclusive,
            NoViolation
        ]
    );
    for (i, (declared, recorded)) in by_rulebook.iter().zip(&by_events).enumerate() {
        assert_eq!(declared.0, recorded.0, "{}", incidents[i].0);
        // The same kind of day, the rulebook's or the event's.
        assert_eq!(
            declared.1["of"]["kind"], recorded.1["of"]["kind"],
            "{}",
            incidents[i].0
        );
    }
    // The doubt is data: the rulebook's day as it writes it, or the change
    // event's day and the event itself.
    assert_eq!(by_rulebook[1].1["of"]["kind"], "extension");
    assert_eq!(by_rulebook[1].1["day"], "2025-09-16 Europe/Kyiv");
    assert_eq!(by_events[1].1["of"]["event"], "N-A");
    assert_eq!(by_events[1].1["day"], "2025-09-16 (+03:00)");
    assert_eq!(by_rulebook[5].1["of"]["kind"], "suspension");
    assert_eq!(by_events[5].1["of"]["event"], "S-A");
    assert_eq!(by_events[5].1["of"]["party"], "A");
}

/// Whether para 12's condition (a hostility against the other side) holds
/// for one KAA event written as YAML.
fn para12(event: &str) -> truce::eval::Truth {
    let v = judge(event);
    let f = v[0].articles.iter().find(|f| &*f.article == "12").unwrap();
    f.condition.result
}

#[test]
fn what_an_act_was_aimed_at_is_read_from_where_it_landed_what_it_crossed_and_what_it_struck() {
    use truce::eval::Truth::{False, True, Unknown};
    let fire = |rest: &str| {
        format!(
            "- id: E\n  time: 2019-05-04T11:40:00+09:00\n  act: fire\n  actor: {{party: KPA}}\n  origin: {{lat: 38.1300, lon: 126.8800}}\n{rest}"
        )
    };
    let sit = "evidence: [{source: SIT, kind: investigation, grade: B2}]";
    // No target recorded: nothing tells.
    assert_eq!(para12(&fire("")), Unknown);
    // Found to cross the MDL from its origin's side: it landed on the UNC's.
    let crossed = format!("  findings: [{{test: crosses, line: mdl, by: SIT, {sit}}}]\n");
    assert_eq!(para12(&fire(&crossed)), True);
    // A target good only to 3 km, but the rounds struck a ROK post.
    let vague = "  target: {lat: 38.0700, lon: 126.8600, accuracy_m: 3000}\n";
    assert_eq!(para12(&fire(vague)), Unknown);
    assert_eq!(para12(&fire(&format!("{vague}  affected: UNC\n"))), True);
    // A drill into its own area, as a finding says: no hostility.
    let drill = format!(
        "  target: {{lat: 38.1500, lon: 126.8800}}\n  findings: [{{test: directed_at, object: own_area, by: SIT, {sit}}}]\n"
    );
    assert_eq!(para12(&fire(&drill)), False);
    // Mines laid south of the line are aimed where they were laid.
    let mines = "- id: M\n  time: 2015-08-04T07:35:00+09:00\n  act: mine_emplacement\n  actor: {party: KPA}\n  place: {lat: 37.9300, lon: 126.6900}\n";
    assert_eq!(para12(mines), True);
}

/// The result of article 1's condition for one event under two-party rules.
fn article1(rules: &str, event: &str) -> truce::eval::Truth {
    let v = judge_under(&two_parties(rules), event);
    v[0].articles[0].condition.result
}

#[test]
fn a_horseshoe_front_is_held_by_the_side_of_a_point_not_a_compass_word() {
    use truce::eval::Truth::{False, True};
    // A salient round Debaltseve (38.405 E, 48.340 N), drawn west to east:
    // its general course runs east, so "north" is the left, yet the town
    // inside the bend lies south of every arm. Only a point names it truly.
    let rules = |held: &str| {
        format!(
            "line front = [(38.20, 48.45), (38.25, 48.30), (38.40, 48.25), (38.55, 48.30), (38.60, 48.45)] {{ {held} }}\nact fire \"f\"\narticle 1 \"t\" {{ violation when act is fire and place on A side of front }}\n"
        )
    };
    let at = |lon: f64, lat: f64| {
        format!(
            "- {{id: E, time: \"2025-09-10T06:00:00+03:00\", act: fire, actor: {{party: B}}, place: {{lat: {lat}, lon: {lon}}}}}\n"
        )
    };
    let debaltseve = at(38.405, 48.340);
    let outside = at(38.405, 48.150);
    let by_point = rules("A holds side of (38.405, 48.340), B holds side of (38.405, 48.150)");
    assert_eq!(article1(&by_point, &debaltseve), True);
    assert_eq!(article1(&by_point, &outside), False);
    // `left` names the same side as the point inside the bend.
    let by_hand = rules("A holds left, B holds right");
    assert_eq!(article1(&by_hand, &debaltseve), True);
}

#[test]
fn an_extended_line_divides_the_ground_beyond_its_ends() {
    use truce::eval::Truth::{True, Unknown};
    let rules = |extended: &str| {
        format!(
            "line l = [(37.0, 47.0), (37.0, 48.0)] {{ A holds west, B holds east }} {extended}\nact fire \"f\"\narticle 1 \"t\" {{ violation when act is fire and place on A side of l }}\n"
        )
    };
    // 50 km north of the line's northern end, 10 km west of its course.
    let beyond = "- {id: E, time: \"2025-09-10T06:00:00+03:00\", act: fire, actor: {party: B}, place: {lat: 48.45, lon: 36.87}}\n";
    assert_eq!(article1(&rules(""), beyond), Unknown);
    assert_eq!(article1(&rules("extended"), beyond), True);
}

#[test]
fn a_partys_area_places_islands_beyond_a_lines_end() {
    use truce::eval::Truth::{False, True, Unknown};
    // The Korean MDL ends at the Han estuary; Yeonpyeong-do lies 90 km to
    // the west of its end, at sea, held by the UNC under para 13(b).
    let rules = |areas: &str| {
        format!(
            "line mdl = [(126.669, 37.828), (126.662, 37.914), (127.2, 38.31)] {{ A holds north, B holds south }}\n{areas}\nact fire \"f\"\narticle 1 \"t\" {{ violation when act is fire and target in area of other side }}\n"
        )
    };
    let yeonpyeong = "- {id: E, time: \"2025-09-10T06:00:00+03:00\", act: fire, actor: {party: A}, target: {lat: 37.665, lon: 125.70, accuracy_m: 1000}}\n";
    assert_eq!(article1(&rules(""), yeonpyeong), Unknown);
    let areas = "area B = within 4 km of (125.70, 37.665)\narea A = polygon [(124.9, 37.78), (125.5, 37.71), (126.15, 37.71), (126.15, 38.6), (124.9, 38.6)]";
    assert_eq!(article1(&rules(areas), yeonpyeong), True);
    // Fire by A at its own northern shore: not at the other side.
    let back = "- {id: E, time: \"2025-09-10T06:00:00+03:00\", act: fire, actor: {party: A}, target: {lat: 37.80, lon: 125.60}}\n";
    assert_eq!(article1(&rules(areas), back), False);
}

#[test]
fn a_flight_is_judged_on_every_stretch_of_its_track() {
    use truce::eval::Truth::{False, True, Unknown};
    let rules = "zone box = polygon [(30.10, 48.10), (30.30, 48.10), (30.30, 48.30), (30.10, 48.30)]\nact overflight \"f\"\narticle 1 \"t\" { violation when act is overflight and track over box }\n";
    let flight = |points: &str| {
        format!(
            "- {{id: E, time: \"2025-09-10T06:00:00+03:00\", act: overflight, actor: {{party: A}}, track: [{points}]}}\n"
        )
    };
    // Both ends outside, the straight leg between them through the box.
    let through = flight("{lat: 48.20, lon: 30.00}, {lat: 48.20, lon: 30.40}");
    assert_eq!(article1(rules, &through), True);
    // Along the box's southern edge, 1 km clear of it.
    let clear = flight("{lat: 48.091, lon: 30.00}, {lat: 48.091, lon: 30.40}");
    assert_eq!(article1(rules, &clear), False);
    // The same, but known only to 2 km: it may have clipped the box.
    let vague = flight(
        "{lat: 48.091, lon: 30.00, accuracy_m: 2000}, {lat: 48.091, lon: 30.40, accuracy_m: 2000}",
    );
    assert_eq!(article1(rules, &vague), Unknown);
}

#[test]
fn articles_keep_their_labels_and_the_rulebooks_order() {
    // Labels as instruments write them, declared out of any sorted order:
    // verdicts quote them verbatim, in the order the rulebook declares them.
    let rules = "agreement \"A\" {\n  in force 2025-09-03 Europe/Kyiv\n  party A \"a\"\n  party B \"b\"\n}\nact fire \"fire\"\narticle B.4 \"b\" {\n  violation when act is fire\n}\narticle III.2 \"r\" {\n  violation when act is fire\n}\narticle 2(a)(i) \"s\" {\n  violation when act is fire\n}\narticle (b) \"l\" {\n  violation when act is fire\n}\narticle A \"a\" {\n  violation when act is fire\n}\nexception drill carves out article III.2, (b) {\n  applies when actor is B\n}\n";
    let events = "- id: F\n  time: 2025-09-04\n  act: fire\n  actor: {party: B}\n  evidence: [{source: S, kind: observation, grade: A1}]\n";
    let v = judge_under(rules, events);
    let labels: Vec<&str> = v[0].articles.iter().map(|f| &*f.article).collect();
    assert_eq!(labels, ["B.4", "III.2", "2(a)(i)", "(b)", "A"]);
    let outcomes: Vec<Outcome> = v[0].articles.iter().map(|f| f.outcome).collect();
    use Outcome::{NoViolation, Violation};
    assert_eq!(
        outcomes,
        [Violation, NoViolation, Violation, NoViolation, Violation]
    );
    assert_eq!(
        v[0].summary,
        Summary::Violates {
            articles: vec!["B.4".into(), "2(a)(i)".into(), "A".into()]
        }
    );
}

#[test]
fn an_act_on_the_day_of_an_entry_into_force_without_an_hour_is_open_and_says_why() {
    use truce::eval::{DayOf, Doubt, Reason};
    let rules = "agreement \"A\" {\n  in force 2025-09-03 Europe/Kyiv\n  party A \"a\"\n  party B \"b\"\n}\nact fire \"fire\"\narticle 1 \"t\" {\n  violation when act is fire\n}\n";
    let events = "- id: ON\n  time: 2025-09-03T23:59:00+03:00\n  act: fire\n  actor: {party: A}\n  evidence: [{source: S, kind: observation, grade: A1}]\n- id: NEXT\n  time: 2025-09-04T00:00:00+03:00\n  act: fire\n  actor: {party: A}\n  evidence: [{source: S, kind: observation, grade: A1}]\n";
    let v = judge_under(rules, events);
    assert_eq!(outcome(&v[0]), (Outcome::Inconclusive, Some("A")));
    let doubt = Doubt::WithinDay {
        of: DayOf::EntryIntoForce,
        day: "2025-09-03 Europe/Kyiv".into(),
    };
    assert_eq!(v[0].in_force.doubt.as_ref(), Some(&doubt));
    assert_eq!(
        v[0].articles[0].reason,
        Reason::NotInForce { doubt: Some(doubt) }
    );
    assert_eq!(outcome(&v[1]), (Outcome::Violation, Some("A")));
}

#[test]
fn an_area_prevails_over_a_lines_side_read_far_from_the_line() {
    // Paengyong-do lies 174 km west of where the MDL begins, beside its first
    // segment on its north side; para 13(b) keeps it with the UNC. Fire on
    // it from the Hwanghae coast is fire at the other side.
    let event = "- id: E\n  time: 2019-05-04T11:40:00+09:00\n  act: fire\n  actor: {party: KPA}\n  origin: {lat: 38.1000, lon: 124.8000, accuracy_m: 1000}\n  target: {lat: 37.9600, lon: 124.6800, accuracy_m: 1000}\n";
    assert_eq!(para12(event), truce::eval::Truth::True);
}

/// One source written twice, the second time with an invisible difference,
/// is one source, not two independent ones.
#[test]
fn sources_differing_only_invisibly_are_not_independent() {
    let rulebook = truce::load_rulebook(std::path::Path::new("rules/kaa.truce"))
        .unwrap()
        .rulebook;
    let event = |id: &str, second: &str| {
        format!(
            "{{\"id\":\"{id}\",\"time\":\"2016-01-01T00:00:00+09:00\",\"act\":\"fire\",\"actor\":{{\"party\":\"KPA\"}},\"origin\":{{\"lat\":37.95,\"lon\":126.68}},\"target\":{{\"lat\":37.92,\"lon\":126.68}},\"evidence\":[{{\"source\":\"post 7\",\"kind\":\"observation\",\"grade\":\"C3\"}},{{\"source\":\"{second}\",\"kind\":\"observation\",\"grade\":\"C3\"}}]}}\n"
        )
    };
    let text = [
        event("S-1", "post 7"),
        event("S-2", "post 7\\u200b"),
        event("S-3", "post 7 "),
        event("S-4", "post\\u00a07"),
        event("S-5", "Post 7"),
        event("S-6", "post 8"),
    ]
    .concat();
    let loaded = truce::events::load_str(
        "s.jsonl",
        &text,
        truce::events::Format::JsonLines,
        &rulebook,
    )
    .unwrap();
    let (graph, _) = truce::graph::build(loaded, "s.jsonl");
    let verdicts = truce::eval::adjudicate(&rulebook, &graph);
    let outcomes: Vec<truce::eval::Outcome> = verdicts.iter().map(|v| v.outcome).collect();
    use truce::eval::Outcome::{Inconclusive, Violation};
    // Two C3 sources meet `clear_and_convincing` only when they are two.
    assert_eq!(
        outcomes,
        [
            Inconclusive,
            Inconclusive,
            Inconclusive,
            Inconclusive,
            Inconclusive,
            Violation
        ]
    );
}

/// A `some` inside another is answered once per event its condition reads
/// (three nested over 200 events each were 8 million tests), so its answer
/// must still follow the outer event it reads: here only attacks from the
/// 21st on come after an attempt, and the answer found for the first
/// attacks must not be reused for them. The 21st is past the events an
/// explanation lists, and is still shown in full, as the one that met it.
#[test]
fn a_nested_some_follows_the_outer_event_it_reads() {
    let rules = &two_parties(
        r#"
act attack "an attack"
act attempt "an attempt to resolve it"
act fire "discharge of any weapon"
article 1 "No fire." { violation when act is fire }
exception answered overrides article 1 {
  applies when some responds_to as a where a.actor.party != actor.party
                 and (some preceded_by as t where t.act is attempt and t.time <= a.time)
}
"#,
    );
    let at = |minute: u32| format!("2025-09-10T06:{minute:02}:00+03:00");
    let mut events = String::new();
    for i in 0..30 {
        let t = at(i);
        events += &format!(
            "- {{id: A{i}, time: \"{t}\", act: attack, actor: {{party: B}}, evidence: [{{source: m, kind: observation, grade: A1}}]}}\n"
        );
    }
    let t = at(20);
    events += &format!(
        "- {{id: T, time: \"{t}\", act: attempt, actor: {{party: A}}, evidence: [{{source: m, kind: observation, grade: A1}}]}}\n"
    );
    let attacks: Vec<String> = (0..30).map(|i| format!("A{i}")).collect();
    let t = at(40);
    events += &format!(
        "- {{id: F, time: \"{t}\", act: fire, actor: {{party: A}}, responds_to: [{}], preceded_by: [T], evidence: [{{source: m, kind: observation, grade: A1}}]}}\n",
        attacks.join(", ")
    );
    let v = judge_under(rules, &events);
    let fire = v.iter().find(|v| &*v.event == "F").unwrap();
    assert_eq!(fire.outcome, Outcome::Justified);
    let tried = fire.articles[0].exceptions[0].condition.as_ref().unwrap();
    // Eleven attacks shown, nine counted, and A20, which met the test.
    assert_eq!(tried.steps.len(), 13, "{tried:#?}");
    assert!(matches!(
        tried.steps[11].related,
        Some(truce::eval::Related::Omitted { count: 9 })
    ));
    let met = &tried.steps[12];
    assert_eq!(met.result, truce::eval::Truth::True);
    assert!(
        !met.steps.is_empty(),
        "the event that met the test is explained"
    );
}

/// Every event of a burst is judged, so an explanation names at most eight
/// events of the window it found, and counts the rest: naming them all
/// made the output grow with the square of the burst.
#[test]
fn a_pattern_names_a_few_events_of_its_window() {
    fn pattern_facts<'a>(step: &'a truce::eval::Step, out: &mut Vec<&'a truce::eval::Names>) {
        use truce::eval::Computed;
        for f in &step.facts {
            if let Some(Computed::Counted { events, .. } | Computed::MayBeCounted { events }) =
                f.computed.as_deref()
            {
                out.push(events);
            }
        }
        for s in &step.steps {
            pattern_facts(s, out);
        }
    }
    for burst in [5, 30] {
        let b: Vec<(String, String)> = (0..burst)
            .map(|i| (format!("B-{i}"), format!("06:{i:02}")))
            .collect();
        let b: Vec<(&str, &str, &str)> = b
            .iter()
            .map(|(id, t)| (id.as_str(), t.as_str(), t.as_str()))
            .collect();
        let last = format!("B-{}", burst - 1);
        let vs = campaign(&b, ("07:00", &last));
        assert_eq!(answer_outcome(&vs), Outcome::Justified);
        let answer = vs.iter().find(|v| &*v.event == "A-1").unwrap();
        let tried = answer.articles[0].exceptions[0].condition.as_ref().unwrap();
        let mut computed = Vec::new();
        pattern_facts(tried, &mut computed);
        assert!(!computed.is_empty());
        for c in computed {
            assert_eq!(c.named.len(), burst.min(8), "{c:?}");
            assert!(c.named.iter().all(|e| e.starts_with("B-")), "{c:?}");
        }
    }
}

/// A `some` without `where` over many links, only the last resting on
/// enough evidence: the explanation shows the first eleven unproven links,
/// counts the rest but the last unproven one, shows it, and the facts end
/// with the link that met the test.
#[test]
fn a_some_without_where_shows_its_last_unproven_link() {
    let rules = &two_parties(
        r#"
act fire "discharge of any weapon"
article 1 "No fire." { violation when act is fire }
exception answer overrides article 1 { applies when some responds_to as attack }
"#,
    );
    let mut events = String::new();
    for i in 0..15 {
        events += &format!(
            "- {{id: A{i}, time: \"2025-09-10T06:00:00+03:00\", act: fire, actor: {{party: B}}, evidence: [{{source: m, kind: observation, grade: A1}}]}}\n"
        );
    }
    let mut links: Vec<String> = (0..14).map(|i| format!("A{i}")).collect();
    links.push("{event: A14, evidence: [{source: m, kind: observation, grade: A1}]}".into());
    events += &format!(
        "- {{id: F, time: \"2025-09-10T07:00:00+03:00\", act: fire, actor: {{party: A}}, responds_to: [{}], evidence: [{{source: A, kind: party_claim, grade: E5}}]}}\n",
        links.join(", ")
    );
    let v = judge_under(rules, &events);
    let fire = v.iter().find(|v| &*v.event == "F").unwrap();
    let tried = fire.articles[0].exceptions[0].condition.as_ref().unwrap();
    assert_eq!(tried.steps.len(), 13, "{tried:#?}");
    assert!(matches!(
        tried.steps[11].related,
        Some(truce::eval::Related::Omitted { count: 2 })
    ));
    assert!(
        matches!(&tried.steps[12].related, Some(truce::eval::Related::Unlinked(b)) if &*b.event == "A13"),
        "{tried:#?}"
    );
    assert_eq!(tried.facts.len(), 13);
    assert_eq!(tried.facts[12].value.written(), "A14");
}

/// A permit naming no unit, open at its end: the empty list and the open
/// bound are data (`none_listed`, `validity` without `until`).
#[test]
fn a_permit_naming_no_unit_and_open_at_its_end_reads_as_data() {
    use truce::eval::{Note, Step};
    fn notes<'s>(s: &'s Step, field: &str, out: &mut Vec<&'s Note>) {
        out.extend(
            s.facts
                .iter()
                .filter(|f| f.field.as_str() == field)
                .filter_map(|f| f.note.as_ref()),
        );
        s.steps.iter().for_each(|c| notes(c, field, out));
    }
    let rulebook = truce::load_rulebook(std::path::Path::new("rules/cy-buffer-zone.truce"))
        .unwrap()
        .rulebook;
    let events = std::fs::read_to_string("cases/cy-buffer-zone/events.yaml")
        .unwrap()
        .replacen(
            "units: [\"north-side farmers' cooperative\"]",
            "units: []",
            1,
        )
        .replacen("    valid_until: 2024-06-30T23:59:59+03:00\n", "", 1);
    let loaded = truce::events::load_str("e.yaml", &events, Format::Yaml, &rulebook).unwrap();
    let (graph, _) = truce::graph::build(loaded, "e.yaml");
    let v = truce::eval::adjudicate(&rulebook, &graph);
    let b2 = v.iter().find(|v| &*v.event == "B-2").unwrap();
    let (mut units, mut valid) = (Vec::new(), Vec::new());
    for f in &b2.articles {
        for x in f.exceptions.iter().filter_map(|x| x.condition.as_ref()) {
            notes(x, "grants.units", &mut units);
            notes(x, "grants.valid", &mut valid);
        }
    }
    assert!(!units.is_empty() && !valid.is_empty(), "the permit is read");
    assert!(
        units.iter().all(|n| matches!(n, Note::NoneListed)),
        "{units:?}"
    );
    assert!(
        valid.iter().all(|n| matches!(
            n,
            Note::Validity {
                from: Some(_),
                until: None
            }
        )),
        "{valid:?}"
    );
}
