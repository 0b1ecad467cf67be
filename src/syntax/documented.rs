//! Every kind of syntax error has its own code, documented in
//! docs/diagnostics.md.

use std::collections::BTreeSet;

use miette::Diagnostic;

use super::{SyntaxError, parse_rulebook_all};
use crate::span::Source;

const DOCUMENTED: &str = include_str!("../../docs/diagnostics.md");

/// The code each kind must have: a new kind does not compile until it is
/// listed here.
fn code_of(error: &SyntaxError) -> &'static str {
    match error {
        SyntaxError::Unexpected(_) => "truce::syntax::unexpected",
        SyntaxError::BadEscape(_) => "truce::syntax::escape",
        SyntaxError::TooDeep(_) => "truce::syntax::depth",
        SyntaxError::Unclosed(_) => "truce::syntax::unclosed",
        SyntaxError::Missing(_) => "truce::syntax::missing",
    }
}

#[test]
fn each_kind_has_its_own_documented_code() {
    let text = format!(
        "agreement \"A\" {{\n  party A\n}}\nact fire \"\\u{{110000}}\"\nact raid \"raid\nzone z = within 2 of l\narticle 1 \"t\" {{ violation when {}act is fire }}\n",
        "(".repeat(300)
    );
    let all = parse_rulebook_all(&Source::new("all.truce", text)).expect_err("broken");
    let mut kinds = BTreeSet::new();
    for error in &all.errors {
        let code = error.code().map(|c| c.to_string()).unwrap_or_default();
        assert_eq!(code, code_of(error));
        assert!(
            DOCUMENTED.contains(&format!("| `{code}` |")),
            "{code} is not documented"
        );
        kinds.insert(code);
    }
    assert_eq!(kinds.len(), 5, "one error of each kind: {kinds:?}");
}
