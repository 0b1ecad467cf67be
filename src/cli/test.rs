//! `truce test [CASES...] [--coverage [--format text|json] [--min-coverage PCT]]`

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::Exit;

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Case folders, or folders holding cases (default: `cases`).
    cases: Vec<PathBuf>,
    /// Also reports which articles, exceptions, condition branches and
    /// doctrine settings of each rulebook the cases exercise.
    #[arg(long)]
    coverage: bool,
    /// The coverage's format (with `--coverage` or `--min-coverage`); with
    /// `json`, the cases' results go to stderr.
    #[arg(long, value_enum, default_value_t = CoverageFormat::Text)]
    format: CoverageFormat,
    /// Fails (exit 1) when fewer than PCT percent of all items are
    /// covered (implies `--coverage`).
    #[arg(long, value_name = "PCT", value_parser = percent)]
    min_coverage: Option<f64>,
}

/// A percentage from 0 to 100: NaN or 150 would make the threshold one
/// that can never fail, or never pass.
fn percent(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("`{text}` is not a percentage from 0 to 100")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CoverageFormat {
    Text,
    Json,
}

pub fn run(args: &TestArgs) -> Exit {
    let roots = if args.cases.is_empty() {
        vec![PathBuf::from("cases")]
    } else {
        args.cases.clone()
    };
    let dirs: Vec<PathBuf> = roots
        .iter()
        .flat_map(|r| truce::cases::discover(r))
        .collect();
    if dirs.is_empty() {
        errln!(
            "error: no case folder (with a `case.yaml`) under {}",
            show(&roots)
        );
        return Exit::Failed;
    }
    let coverage = args.coverage || args.min_coverage.is_some();
    // With JSON on stdout, the cases' results go to stderr.
    let to_err = coverage && args.format == CoverageFormat::Json;
    let say = |line: String| {
        if to_err {
            errln!("{line}");
        } else {
            outln!("{line}");
        }
    };
    let mut tally = truce::coverage::Tally::default();
    let (mut passed, mut failed) = (0, 0);
    for dir in &dirs {
        match truce::cases::run(dir) {
            Ok(run) => {
                if run.mismatches.is_empty() {
                    passed += 1;
                    let t = run.adjudication.totals;
                    say(format!("ok    {}  ({} events)", run.name, t.events));
                } else {
                    failed += 1;
                    say(format!("FAIL  {}", run.name));
                    for m in &run.mismatches {
                        say(format!(
                            "  {}: expected {}, got {}",
                            m.event, m.expected, m.actual
                        ));
                        for line in m.reasoning.lines() {
                            say(format!("    {line}"));
                        }
                    }
                }
                if coverage {
                    tally.add(&run);
                }
            }
            Err(e) => {
                failed += 1;
                say(format!("FAIL  {}\n  {e}", dir.display()));
            }
        }
    }
    say(format!("{passed} passed, {failed} failed"));
    let mut exit = if failed == 0 { Exit::Ok } else { Exit::Failed };
    if coverage {
        let c = tally.finish();
        match args.format {
            CoverageFormat::Text => outln!("\n{}", truce::coverage::text::table(&c)),
            CoverageFormat::Json => super::out(&truce::coverage::json::write(&c)),
        }
        if let Some(min) = args.min_coverage {
            let got = c.total().percent();
            if got < min {
                errln!("error: coverage {got:.1}% is below the minimum of {min}%");
                exit = Exit::Failed;
            }
        }
    }
    exit
}

fn show(roots: &[PathBuf]) -> String {
    let names: Vec<String> = roots.iter().map(|r| format!("`{}`", r.display())).collect();
    names.join(", ")
}
