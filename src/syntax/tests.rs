//! Tests of tricky grammar rules, below the AST: each must consume exactly
//! the input it is given, and the AST must carry what was written.

use pest::Parser;

use super::parser::{Rule, TruceParser};
use crate::ast::{BinOp, Expr, Unit};
use crate::span::Source;

/// Whether `rule` matches the whole of `input`.
fn consumes(rule: Rule, input: &str) -> bool {
    TruceParser::parse(rule, input).is_ok_and(|mut p| p.next().is_some_and(|p| p.as_str() == input))
}

fn condition(text: &str) -> Expr {
    super::parse_condition(&Source::new("test", text))
        .unwrap()
        .node
}

#[test]
fn tokens_consume_the_whole_input() {
    assert!(consumes(Rule::article_number, "13(a)"));
    assert!(consumes(Rule::article_number, "2.1"));
    assert!(consumes(Rule::quantity, "2 km"));
    assert!(consumes(Rule::quantity, "100mm"));
    assert!(consumes(Rule::datetime, "1953-07-27 22:00 Asia/Seoul"));
    assert!(consumes(Rule::datetime, "2015-02-15 00:00:30 Europe/Kyiv"));
    assert!(consumes(Rule::time_zone, "America/Argentina/Buenos_Aires"));
    assert!(consumes(Rule::string, r#""a \"quoted\" \\ text \u{2014}""#));
    assert!(!consumes(Rule::string, r#""bad \q escape""#));
    assert!(!consumes(Rule::identifier, "within"));
    assert!(consumes(Rule::identifier, "withinx"));
    assert!(consumes(Rule::path, "actor.party"));
}

#[test]
fn units_are_read_longest_first() {
    let Expr::Binary { rhs, .. } = condition("weapon.calibre >= 100 mm") else {
        panic!()
    };
    assert_eq!(
        rhs.node,
        Expr::Quantity(crate::ast::Quantity {
            value: 100.0,
            unit: Unit::Millimetre
        })
    );
    let Expr::Binary { rhs, .. } = condition("weapon.calibre >= 30 min") else {
        panic!()
    };
    assert!(matches!(rhs.node, Expr::Quantity(q) if q.unit == Unit::Minute));
}

#[test]
fn strings_resolve_escapes_and_fold_line_breaks() {
    let text = "agreement \"A \\\"B\\\"\n      C\\u{2014}D\" {\n}\n";
    let ast = super::parse_rulebook(&Source::new("t", text)).unwrap();
    assert_eq!(ast.agreement.title.node, "A \"B\" C\u{2014}D");
}

#[test]
fn brackets_keep_their_text_in_the_span() {
    let source = Source::new("t", "act is fire and (place in dmz or origin in dmz)");
    let e = super::parse_condition(&source).unwrap();
    let Expr::Binary { op, rhs, .. } = e.node else {
        panic!()
    };
    assert_eq!(op.node, BinOp::And);
    assert_eq!(rhs.span.text(), "(place in dmz or origin in dmz)");
}

#[test]
fn comparisons_bind_tighter_than_not() {
    let Expr::Not(inner) = condition("not weapon.rounds > 3") else {
        panic!("`not` must be outermost")
    };
    assert!(matches!(inner.node, Expr::Binary { op, .. } if op.node == BinOp::Gt));
}

#[test]
fn quantifiers_bind_what_follows_where() {
    let Expr::Some {
        relation,
        binding,
        condition: Some(c),
    } = condition("some responds_to as a where a.act is fire and a.actor is KPA")
    else {
        panic!()
    };
    assert_eq!(
        (relation.node.as_str(), binding.node.as_str()),
        ("responds_to", "a")
    );
    assert!(matches!(c.node, Expr::Binary { op, .. } if op.node == BinOp::And));
}

#[test]
fn a_party_may_name_its_counterparts_in_other_instruments() {
    use crate::ast::{CounterpartKind, HeaderItem};
    assert!(consumes(
        Rule::counterpart,
        r#"under UNC in "Korean Armistice Agreement""#
    ));
    assert!(consumes(Rule::counterpart, r#"as KPA in "KAA""#));
    // The title is a quoted text, the party a name.
    assert!(!consumes(Rule::counterpart, r#"as "KPA" in KAA"#));
    let text = r#"agreement "Later" {
  in force 2018-11-01 00:00 Asia/Seoul
  party ROK "South" under UNC in "Armistice"
  party DPRK "North" as KPA in "Armistice" as N in "Third"
}
act fire "fire"
"#;
    let book = super::parse_rulebook(&Source::new("test", text)).unwrap();
    let counterparts: Vec<(String, CounterpartKind, String, String)> = book
        .agreement
        .items
        .iter()
        .filter_map(|i| match i {
            HeaderItem::Party(p) => Some(p),
            _ => None,
        })
        .flat_map(|p| {
            p.counterparts.iter().map(|c| {
                (
                    p.id.node.clone(),
                    c.kind.node,
                    c.party.node.clone(),
                    c.instrument.node.clone(),
                )
            })
        })
        .collect();
    assert_eq!(
        counterparts,
        [
            (
                "ROK".into(),
                CounterpartKind::Under,
                "UNC".into(),
                "Armistice".into()
            ),
            (
                "DPRK".into(),
                CounterpartKind::Same,
                "KPA".into(),
                "Armistice".into()
            ),
            (
                "DPRK".into(),
                CounterpartKind::Same,
                "N".into(),
                "Third".into()
            ),
        ]
    );
    // Only parties have counterparts.
    let monitor = "agreement \"A\" { in force 2018-11-01 00:00 Asia/Seoul\n  monitor M \"m\" as X in \"B\" }\n";
    assert!(super::parse_rulebook(&Source::new("test", monitor)).is_err());
}
