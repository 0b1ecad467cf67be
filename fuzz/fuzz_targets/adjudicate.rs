//! A whole adjudication: fuzzed events (YAML or JSON Lines, chosen by the
//! first byte, with the shipped rulebook or rulebooks judged) read from a
//! file, validated, built into a graph, judged under each instrument, and
//! rendered as the text and JSON reports. See `truce_fuzz::adjudicate`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = truce_fuzz::adjudicate(data);
});
