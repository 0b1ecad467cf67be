//! Diagnostics we know are poor, kept visible. Fixing one means moving its
//! input to `tests/fixtures/` with the good ones and deleting it here.

use truce::span::Source;

use crate::rendered;

fn diagnostic(text: &str) -> String {
    rendered(&truce::compile(&Source::new("bad.truce", text)).expect_err("must fail"))
}

/// After a complete condition, pest lists every token that could follow,
/// keywords of the article body included: long, and `}` is missing from it
/// because pest reports only named rules.
#[test]
fn a_stray_token_after_a_condition_lists_too_much() {
    let text = "agreement \"A\" { in force 2025-09-03 00:00 Europe/Kyiv party A \"a\" party B \"b\" }\nact fire \"f\"\narticle 1 \"t\" {\n  violation when act is fire fire\n}\n";
    insta::assert_snapshot!(diagnostic(text));
}

/// An unclosed quote is found only where the next quote closes it, a line
/// later; the help guesses, but the label points at the wrong line.
#[test]
fn an_unclosed_quote_is_reported_a_line_late() {
    let text = "agreement \"A\" {\n  in force 2025-09-03 00:00 Europe/Kyiv\n  party A \"a\n  party B \"b\"\n}\n";
    insta::assert_snapshot!(diagnostic(text));
}
