//! `truce test [CASES...]`

use std::path::PathBuf;

use super::Exit;

pub fn run(roots: &[PathBuf]) -> Exit {
    let roots = if roots.is_empty() {
        vec![PathBuf::from("cases")]
    } else {
        roots.to_vec()
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
    let (mut passed, mut failed) = (0, 0);
    for dir in &dirs {
        match truce::cases::run(dir) {
            Ok(run) if run.mismatches.is_empty() => {
                passed += 1;
                let t = run.adjudication.totals;
                outln!("ok    {}  ({} events)", run.name, t.events);
            }
            Ok(run) => {
                failed += 1;
                outln!("FAIL  {}", run.name);
                for m in &run.mismatches {
                    outln!("  {}: expected {}, got {}", m.event, m.expected, m.actual);
                    for line in m.reasoning.lines() {
                        outln!("    {line}");
                    }
                }
            }
            Err(e) => {
                failed += 1;
                outln!("FAIL  {}\n  {e}", dir.display());
            }
        }
    }
    outln!("{passed} passed, {failed} failed");
    if failed == 0 { Exit::Ok } else { Exit::Failed }
}

fn show(roots: &[PathBuf]) -> String {
    let names: Vec<String> = roots.iter().map(|r| format!("`{}`", r.display())).collect();
    names.join(", ")
}
