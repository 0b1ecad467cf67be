//! Every code the checker gives is documented, and each kind has its own.

use std::collections::HashSet;

use super::*;
use crate::ast::Dimension;

/// One problem of every kind, and every warning.
fn samples() -> Vec<Box<dyn Problem>> {
    let s = String::new;
    vec![
        Box::new(WrongKind::ActByName),
        Box::new(Unbound::Related { name: s() }),
        Box::new(UnitMismatch::Count { text: s() }),
        Box::new(Misplaced::ElementInElement),
        Box::new(TooComplex::SomeDepth { max: 3 }),
        Box::new(OutOfRange::TooLarge { text: s() }),
        Box::new(BadTime::NotADate { date: s() }),
        Box::new(BadGeometry::LineAsArea),
        Box::new(BadGeoJson::Mixed { file: s() }),
        Box::new(BadSide::OnEach),
        Box::new(Repeated::Imputable),
        Box::new(SelfReference::OverItself { exception: s() }),
        Box::new(Missing::Acts),
        Box::new(WrongRole::EachPartyExtends),
        Box::new(BadCounterpart::OwnName { ours: s() }),
        Box::new(Reserved::Taken { name: s() }),
    ]
}

fn warnings() -> Vec<Warning> {
    let s = String::new;
    vec![
        Warning::Unused {
            kind: "zone",
            name: s(),
        },
        Warning::Unranked {
            upholds: s(),
            excuse: s(),
            article: s(),
        },
        Warning::Swapped { what: s() },
        Warning::SelfCrossing { which: s() },
        Warning::Outside {
            zone: s(),
            point: s(),
        },
        Warning::SideConflict {
            line: s(),
            holder: s(),
            party: s(),
        },
    ]
}

const DOCUMENTED: &str = include_str!("../../../docs/diagnostics.md");

fn documented(code: &str) -> bool {
    DOCUMENTED.contains(&format!("| `{code}` |"))
}

#[test]
fn each_kind_has_its_own_documented_code() {
    let codes: Vec<&str> = samples().iter().map(|p| p.code()).collect();
    let distinct: HashSet<&str> = codes.iter().copied().collect();
    assert_eq!(distinct.len(), codes.len(), "{codes:?}");
    for code in codes {
        assert!(code.starts_with("truce::check::"), "{code}");
        assert!(documented(code), "{code} is not in docs/diagnostics.md");
    }
}

#[test]
fn warnings_are_warnings_and_documented() {
    for w in warnings() {
        assert_eq!(w.severity(), miette::Severity::Warning);
        assert!(documented(w.code()), "{} is not documented", w.code());
    }
    assert!(
        samples()
            .iter()
            .all(|p| p.severity() == miette::Severity::Error)
    );
}

#[test]
fn a_located_problem_gives_its_code_label_and_help() {
    use miette::Diagnostic;
    let source = crate::span::Source::new("t.truce", "zone z = 2 h");
    let span = crate::span::Span::new(&source, 9..12);
    let problem = UnitMismatch::Needed {
        text: span.text().to_owned(),
        found: Dimension::Duration,
        needed: Dimension::Length,
    };
    let error: CheckError = problem.at(&span, "not a distance").help("use `km`").into();
    assert_eq!(
        error.code().unwrap().to_string(),
        "truce::check::unit_mismatch"
    );
    assert_eq!(error.offset(), 9);
    let label = error.labels().unwrap().next().unwrap();
    assert_eq!((label.offset(), label.len()), (9, 3));
    assert!(error.help().is_some());
}
