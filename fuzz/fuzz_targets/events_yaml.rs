//! A YAML events file, read and validated against the names of every
//! shipped rulebook, then built into its event graph.
#![no_main]

use libfuzzer_sys::fuzz_target;
use truce::events::Format;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = truce_fuzz::read_events(text, Format::Yaml);
});
