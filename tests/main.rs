//! The one integration-test binary: each module tests one stage or the CLI.

mod cases;
mod check;
mod cli;
mod eval;
mod events;
mod known_bad;
mod syntax;

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
        other => render(other, false),
    }
}
