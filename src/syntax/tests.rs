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
    for label in [
        "6", "13(a)", "2.1", "A", "B.4", "III.2", "2(a)(i)", "1(b)", "II.A.3", "(b)", "4bis",
    ] {
        assert!(consumes(Rule::article_label, label), "{label}");
    }
    // A label never starts with a lower-case letter, so no word of the
    // language is one; a trailing dot or an unclosed bracket is refused.
    for bad in [
        "a", "for", "iii.2", "1.", "2(a", "2(a)b", "III.", "1_a", "(a).",
    ] {
        assert!(!consumes(Rule::article_label, bad), "{bad}");
    }
    assert!(consumes(Rule::datetime, "2025-09-03 Europe/Kyiv"));
    assert!(!consumes(Rule::datetime, "2025-09-03 and"));
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

#[test]
fn a_change_names_who_may_make_it() {
    assert!(consumes(Rule::changer, "IL and LB together"));
    assert!(consumes(Rule::changer, "each party"));
    assert!(consumes(Rule::changer, "MECH"));
    // Several names need `together`: `IL and LB` alone is only `IL`.
    assert!(!consumes(Rule::changer, "IL and LB"));
    assert!(consumes(
        Rule::change_target,
        "repudiation of article 1.3, 2"
    ));
    let text = "agreement \"A\" {\n}\nchange deadline withdrawal by IL and LB together when doctrine d is s proof preponderance \"text\"\nextend withdrawal by 7 d agreed 2025-01-26 12:00 Asia/Jerusalem by US \"t\"\n";
    let ast = super::parse_rulebook(&Source::new("t", text)).unwrap();
    let crate::ast::Declaration::Change(c) = &ast.declarations[0] else {
        panic!("a change")
    };
    let crate::ast::Changer::Together(ids) = &c.by.node else {
        panic!("named parties")
    };
    let ids: Vec<&str> = ids.iter().map(|i| i.node.as_str()).collect();
    assert_eq!(ids, ["IL", "LB"]);
    assert!(c.when.is_some() && c.proof.is_some() && c.text.is_some());
    let crate::ast::Declaration::Extension(x) = &ast.declarations[1] else {
        panic!("an extension")
    };
    assert_eq!(x.by.as_ref().map(|b| b.span.text()), Some("US"));
}

#[test]
fn labels_that_look_like_names_leave_what_follows_them_alone() {
    use crate::ast::{DateTimeLit, Declaration};
    let text = "agreement \"A\" {\n  in force 2025-09-03 Europe/Kyiv\n}\narticle A \"a\" {\n  violation when act is fire\n}\nsuspend article A, B.4 for X from 2025-09-05 Europe/Kyiv until 2025-09-06 12:00 Europe/Kyiv\nexception e upholds article A, (b), II.A.3 over f {\n  applies when act is fire\n}\n";
    let ast = super::parse_rulebook(&Source::new("t", text)).unwrap();
    let labels = |refs: &[crate::span::Spanned<String>]| -> Vec<String> {
        refs.iter().map(|r| r.node.clone()).collect()
    };
    let [
        Declaration::Article(a),
        Declaration::Suspension(s),
        Declaration::Exception(x),
    ] = &ast.declarations[..]
    else {
        panic!("{:?}", ast.declarations)
    };
    assert_eq!(a.number.node, "A");
    assert_eq!(labels(&s.articles), ["A", "B.4"]);
    assert_eq!(s.party.node, "X");
    let day = DateTimeLit {
        date: "2025-09-05".into(),
        clock: None,
        zone: "Europe/Kyiv".into(),
    };
    assert_eq!(s.from.node, day);
    assert_eq!(
        s.until.as_ref().unwrap().node.clock.as_deref(),
        Some("12:00")
    );
    assert_eq!(labels(&x.overrides), ["A", "(b)", "II.A.3"]);
    assert_eq!(x.over[0].node, "f");
}

#[test]
fn sums_over_weapons_and_holdings_read_as_one_test_each() {
    assert!(consumes(Rule::weapon_sum, "count of weapons"));
    assert!(consumes(
        Rule::weapon_sum,
        "rounds of attack.weapons of class heavy"
    ));
    assert!(consumes(
        Rule::holdings_test,
        "holdings of SY exceed limits"
    ));
    let Expr::Binary { op, lhs, .. } = condition("count of weapons of class heavy > 0") else {
        panic!()
    };
    assert_eq!(op.node, BinOp::Gt);
    let Expr::WeaponSum { sum, event, class } = &lhs.node else {
        panic!("{lhs:?}")
    };
    assert_eq!(*sum, crate::ast::Sum::Count);
    assert!(event.is_none());
    assert_eq!(class.as_ref().map(|c| c.node.as_str()), Some("heavy"));
    let Expr::Holdings { party, ceiling } = condition("holdings exceed limits") else {
        panic!()
    };
    assert!(party.is_none());
    assert_eq!(ceiling.node, "limits");
    // The words stay free as names elsewhere.
    assert!(consumes(Rule::path, "holdings.act"));
    assert!(consumes(Rule::identifier, "count"));
}

#[test]
fn declared_facts_and_ceilings_carry_what_was_written() {
    let text = "agreement \"A\" {\n}\ncategory force_kind \"kind\" [army, police]\nquantity range \"r\" in km\nquantity personnel count\nceiling c = at most 6000 personnel, 75 weapons of class tank, 10 weapons in z where act is deployment\n";
    let ast = super::parse_rulebook(&Source::new("t", text)).unwrap();
    let [
        crate::ast::Declaration::Category(c),
        crate::ast::Declaration::Quantity(r),
        crate::ast::Declaration::Quantity(p),
        crate::ast::Declaration::Ceiling(ceiling),
    ] = ast.declarations.as_slice()
    else {
        panic!("{:?}", ast.declarations)
    };
    let values: Vec<&str> = c.values.iter().map(|v| v.node.as_str()).collect();
    assert_eq!(values, ["army", "police"]);
    assert_eq!(r.unit.as_ref().map(|u| u.node), Some(Unit::Kilometre));
    assert!(p.unit.is_none() && p.text.is_none());
    let counted: Vec<(f64, &crate::ast::Counted)> = ceiling
        .limits
        .iter()
        .map(|l| (l.amount.node, &l.counted))
        .collect();
    assert_eq!(counted.len(), 3);
    assert!(matches!(counted[0].1, crate::ast::Counted::Quantity(q) if q.node == "personnel"));
    assert!(
        matches!(counted[1].1, crate::ast::Counted::Weapons { class: Some(k) } if k.node == "tank")
    );
    assert_eq!(
        counted[2],
        (10.0, &crate::ast::Counted::Weapons { class: None })
    );
    assert_eq!(ceiling.zone.node, "z");
}
