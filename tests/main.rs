//! The one integration-test binary: each module tests one stage or the CLI.

mod browser;
mod bulk;
mod cases;
mod check;
mod cli;
mod coverage;
mod diff;
mod eval;
mod events;
mod figures;
mod fmt;
mod fuzz;
mod import;
mod known_bad;
mod lint;
mod quantities;
mod report;
mod syntax;
mod syntax_recovery;
mod verify;
mod whatif;
mod witness;

use std::path::Path;

/// A path relative to the repository root, as users type it.
pub fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Diagnostics rendered without colour, joined, for snapshots.
pub fn rendered(error: &truce::RulebookError) -> String {
    use truce::render::diagnostics::render;
    match error {
        truce::RulebookError::Check(all) => {
            let errors = all.errors.iter().map(|e| render(e, false));
            let warnings = all.warnings.iter().map(|w| render(w, false));
            errors.chain(warnings).collect::<Vec<_>>().join("\n")
        }
        truce::RulebookError::Syntax(all) => truce::render::diagnostics::syntax(all, false),
        other => render(other, false),
    }
}

/// The text of a rule-file fixture that must fail at `stage` (as `is_stage`
/// tells), and its rendered diagnostics, for a snapshot.
pub fn failure(
    path: &Path,
    stage: &str,
    is_stage: fn(&truce::RulebookError) -> bool,
) -> (String, String) {
    let name = relative(path);
    let source = truce::span::Source::new(&name, std::fs::read_to_string(path).unwrap());
    let error = truce::compile(&source).expect_err("the fixture must fail");
    assert!(is_stage(&error), "{name}: not a {stage} error");
    (source.text().to_owned(), rendered(&error))
}
