//! `truce lint RULES... [--format text|json] [--deny warnings] [--witness DIR]`

use std::path::{Path, PathBuf};

use truce::lint::logic::Finding;

use super::{Exit, Format, report, report_rulebook_error};

/// What `--deny` turns into a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Every warning, the checker's and the lint's.
    Warnings,
}

/// The options of `truce lint`.
#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Rule files (`.truce`).
    #[arg(required = true)]
    rules: Vec<PathBuf>,
    /// Output format: text writes a diagnostic for each finding; json the
    /// findings as data (docs/lint.md).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Fails (exit 1) on warnings too, not only on errors.
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Writes a witness incident for each finding about events, as a case
    /// folder under DIR.
    #[arg(long, value_name = "DIR")]
    witness: Option<PathBuf>,
}

/// Checks each file as `truce check` does, then lints its logic.
pub fn run(args: &LintArgs) -> Exit {
    let mut exit = Exit::Ok;
    let mut files = Vec::new();
    for path in &args.rules {
        let checked = match truce::load_rulebook(path) {
            Ok(c) => c,
            Err(e) => {
                report_rulebook_error(&e);
                exit = Exit::Failed;
                continue;
            }
        };
        for w in &checked.warnings {
            report(w);
        }
        let deny = args.deny == Some(Deny::Warnings);
        if deny && !checked.warnings.is_empty() {
            exit = Exit::Failed;
        }
        let rulebook = &checked.rulebook;
        let findings = truce::lint::logic::lint(rulebook);
        if failing(&findings, deny) {
            exit = Exit::Failed;
        }
        match args.format {
            Format::Text => text(path, rulebook, &findings),
            Format::Json => files.push(truce::render::lint::file_json(
                &path.display().to_string(),
                rulebook,
                &findings,
            )),
        }
        if let Some(dir) = &args.witness
            && !witness(dir, path, rulebook, &findings)
        {
            exit = Exit::Failed;
        }
    }
    if args.format == Format::Json {
        super::out_as(Format::Json, &truce::render::lint::json(files));
    }
    exit
}

/// Whether the findings fail the run: an error, or with `--deny warnings`
/// any finding not allowed.
fn failing(findings: &[Finding], deny: bool) -> bool {
    findings
        .iter()
        .filter(|f| f.allowed.is_none())
        .any(|f| f.kind.is_error() || deny)
}

fn text(path: &Path, rulebook: &truce::check::Rulebook, findings: &[Finding]) {
    let shown: Vec<&Finding> = findings.iter().filter(|f| f.allowed.is_none()).collect();
    for f in &shown {
        let d = truce::render::lint::diagnostic(rulebook, f);
        super::out(&truce::render::diagnostics::render(&d, false));
    }
    let errors = shown.iter().filter(|f| f.kind.is_error()).count();
    let allowed = findings.len() - shown.len();
    outln!(
        "{}: {} errors, {} warnings, {} allowed",
        path.display(),
        errors,
        shown.len() - errors,
        allowed
    );
}

/// Writes the witness incidents of a file's findings under `dir`; whether
/// it could.
fn witness(
    dir: &Path,
    path: &Path,
    rulebook: &truce::check::Rulebook,
    findings: &[Finding],
) -> bool {
    super::lint_witness::write(dir, path, rulebook, findings)
}
