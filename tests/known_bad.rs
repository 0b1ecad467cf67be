//! Diagnostics we know are poor, kept visible. Fixing one means moving its
//! input to `tests/fixtures/` with the good ones and deleting it here.

use truce::span::Source;

use crate::rendered;

fn diagnostic(text: &str) -> String {
    rendered(&truce::compile(&Source::new("bad.truce", text)).expect_err("must fail"))
}

/// An exception without `applies when`: the message lists what may follow
/// its text, but the advice only says to finish the line the text is on,
/// not that the exception needs `applies when <condition>`.
#[test]
fn an_exception_without_applies_gets_generic_advice() {
    let text = "agreement \"A\" { in force 2025-09-03 00:00 Europe/Kyiv party A \"a\" party B \"b\" }\nact fire \"f\"\narticle 1 \"t\" { violation when act is fire }\nexception e overrides article 1 {\n  \"text\"\n}\n";
    insta::assert_snapshot!(diagnostic(text));
}
