//! Syntax errors point at the bad token and say what was expected in the
//! rule language's own words.

use miette::Diagnostic;
use truce::span::Source;
use truce::syntax::{Bound, SyntaxError};

use crate::rendered;

#[test]
fn syntax_errors_render_as_snapshots() {
    insta::glob!("fixtures/syntax/*.truce", |path| {
        let (text, shown) = crate::failure(path, "syntax", |e| {
            matches!(e, truce::RulebookError::Syntax(_))
        });
        insta::with_settings!({ description => text, omit_expression => true }, {
            insta::assert_snapshot!(shown);
        });
    });
}

#[test]
fn errors_name_the_expected_keyword_at_the_bad_token() {
    let text = "agreement \"A\" { in force 2025-09-03 00:00 Europe/Kyiv party A \"a\" party B \"b\" }\nact fire \"f\"\narticle 1 \"t\" { violation act is fire }";
    let source = Source::new("t.truce", text);
    let Err(truce::RulebookError::Syntax(all)) = truce::compile(&source) else {
        panic!("expected a syntax error")
    };
    assert_eq!(all.count(), 1);
    let e = &all.errors[0];
    assert_eq!(e.location(), "t.truce:3:27");
    let code = e.code().map(|c| c.to_string());
    assert_eq!(code.as_deref(), Some("truce::syntax::unexpected"));
    insta::assert_snapshot!(rendered(&truce::RulebookError::Syntax(all)));
}

#[test]
fn a_misspelt_word_of_the_language_gets_a_suggestion() {
    let text = "agreement \"A\" { in force 2025-09-03 00:00 Europe/Kyiv party A \"a\" party B \"b\" }\nact fire \"f\"\nline l = [(37.0, 48.0), (37.0, 49.0)]\narticle 1 \"t\" { violation when origin withn 2 km of l }";
    let Err(truce::RulebookError::Syntax(all)) = truce::compile(&Source::new("t.truce", text))
    else {
        panic!("expected a syntax error")
    };
    assert_eq!(all.count(), 1);
    let e = &all.errors[0];
    assert_eq!(e.location(), "t.truce:4:39");
    assert!(e.help().is_some(), "a suggestion");
    insta::assert_snapshot!(rendered(&truce::RulebookError::Syntax(all)));
}

#[test]
fn precedence_follows_the_one_table() {
    // `not` binds looser than tests and tighter than `and`, `and` tighter than `or`.
    let source = Source::new("c", "not place in dmz and act is fire or act is raid");
    let expr = truce::syntax::parse_condition(&source).unwrap();
    let shape = format!("{:?}", expr.node);
    let or_at = shape.find("Or").unwrap();
    let and_at = shape.find("And").unwrap();
    let not_at = shape.find("Not").unwrap();
    assert!(or_at < and_at && and_at < not_at, "{shape}");
}

#[test]
fn keywords_are_not_read_inside_longer_names() {
    // `incoming` must not parse as `in` + `coming`, nor `order` as `or` + `der`.
    let source = Source::new("c", "incoming is fire and order is raid");
    let expr = truce::syntax::parse_condition(&source).unwrap();
    assert_eq!(expr.span.text(), "incoming is fire and order is raid");
    assert!(format!("{:?}", expr.node).contains("\"incoming\""));
}

#[test]
fn pathological_nesting_is_refused_not_crashed_on() {
    // The binary parses on a 64 MiB stack (src/main.rs); a test thread has
    // 2 MiB, too little for a debug build's parser frames on long chains.
    std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(pathological_nesting)
        .expect("a thread")
        .join()
        .expect("no crash");
}

fn pathological_nesting() {
    let header = "agreement \"A\" { in force 2025-09-03 00:00 Europe/Kyiv party A \"a\" party B \"b\" }\nact fire \"f\"\n";
    let deep = [
        format!("{}act is fire{}", "(".repeat(20_000), ")".repeat(20_000)),
        format!("{}act is fire", "not ".repeat(5_000)),
        format!("act is fire{}", " and act is fire".repeat(5_000)),
    ];
    for condition in deep {
        let text = format!("{header}article 1 \"t\" {{ violation when {condition} }}");
        let error = truce::compile(&Source::new("deep.truce", text)).expect_err("too deep");
        let truce::RulebookError::Syntax(all) = &error else {
            panic!("{}", rendered(&error));
        };
        let [SyntaxError::TooDeep(e)] = all.errors.as_slice() else {
            panic!("{}", rendered(&error));
        };
        assert!(
            matches!(e.bound, Bound::Nesting(256) | Bound::Operators(1000)),
            "{:?}",
            e.bound
        );
    }
    // A long flat list of alternatives is fine, within the operator budget.
    let alternatives = format!("act is fire{}", " or act is fire".repeat(400));
    let text = format!("{header}article 1 \"t\" {{ violation when {alternatives} }}");
    assert!(truce::compile(&Source::new("flat.truce", text)).is_ok());
    let huge = format!("act is fire{}", " or act is fire".repeat(100_000));
    let text = format!("{header}article 1 \"t\" {{ violation when {huge} }}");
    assert!(truce::compile(&Source::new("huge.truce", text)).is_err());
    let fine = format!(
        "{header}article 1 \"t\" {{ violation when {}act is fire{} }}",
        "(".repeat(100),
        ")".repeat(100)
    );
    assert!(truce::compile(&Source::new("ok.truce", fine)).is_ok());
}
