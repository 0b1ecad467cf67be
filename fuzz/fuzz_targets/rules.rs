//! Rule text → parse → link (imports read under the file-access rule,
//! from the shipped `rules/` tree) → check → lint, then the diagnostics or
//! warnings rendered as `truce check` prints them; and the same text
//! through `truce fmt`, whose layout is checked against the tree it parses.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = truce_fuzz::compile_rules(text);
        let _ = truce::fmt::format(&truce::span::Source::new("fuzzed.truce", text));
    }
});
