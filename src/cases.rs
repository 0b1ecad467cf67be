//! Curated cases: a folder with an events file, a README, and a manifest
//! (`case.yaml`) naming the rulebook and the expected outcome and party of
//! every event. `truce test` judges each case and compares.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::eval::{Outcome, Verdict};
use crate::report::Adjudication;

/// `case.yaml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Path of the rulebook, relative to the case folder.
    pub rules: String,
    /// Path of the events file, relative to the case folder.
    pub events: String,
    /// What each event must come to, by event id.
    pub expect: BTreeMap<String, Expectation>,
    /// How many rejected records have no readable id (malformed lines).
    #[serde(default)]
    pub unidentified_rejections: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// `violation`, `justified`, `no_violation`, `inconclusive` or `rejected`.
    pub outcome: String,
    /// The party held responsible; absent when none is.
    #[serde(default)]
    pub party: Option<String>,
    /// The articles behind the outcome, when the case pins them.
    #[serde(default)]
    pub articles: Option<Vec<String>>,
    /// For a rejected event: words its reason must contain.
    #[serde(default)]
    pub reason: Option<String>,
}

/// One expectation that was not met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub event: String,
    pub expected: String,
    pub actual: String,
    /// The reasoning behind the actual verdict, rendered as text.
    pub reasoning: String,
}

/// A judged case and how it compares with its manifest.
#[derive(Debug)]
pub struct CaseRun {
    pub name: String,
    pub adjudication: Adjudication,
    pub mismatches: Vec<Mismatch>,
}

/// Reads a case's manifest and judges it.
pub fn run(dir: &Path) -> Result<CaseRun, String> {
    let manifest_path = dir.join("case.yaml");
    let text = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("cannot read `{}`: {e}", manifest_path.display()))?;
    let manifest: Manifest = serde_yaml::from_str(&text)
        .map_err(|e| format!("`{}` is not a case manifest: {e}", manifest_path.display()))?;
    let rules = dir.join(&manifest.rules);
    let checked = crate::load_rulebook(&rules).map_err(|e| {
        let shown = crate::render::diagnostics::render(&e, false);
        format!(
            "the rulebook `{}` does not check:\n{shown}",
            rules.display()
        )
    })?;
    let events = dir.join(&manifest.events);
    let adjudication =
        crate::adjudicate_file(&checked.rulebook, &rules, &events).map_err(|e| e.to_string())?;
    let mismatches = compare(&manifest, &adjudication);
    Ok(CaseRun {
        name: dir.display().to_string(),
        adjudication,
        mismatches,
    })
}

/// Case folders under `root` (any folder holding a `case.yaml`), sorted.
pub fn discover(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    if root.join("case.yaml").is_file() {
        found.push(root.to_path_buf());
        return found;
    }
    let Ok(entries) = std::fs::read_dir(root) else {
        return found;
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        found.extend(discover(&d));
    }
    found
}

fn compare(manifest: &Manifest, a: &Adjudication) -> Vec<Mismatch> {
    let mut actual: BTreeMap<&str, (String, Option<&Verdict>, String)> = BTreeMap::new();
    for v in &a.verdicts {
        actual.insert(
            &v.event,
            (
                describe(v.outcome.name(), v.party.as_deref()),
                Some(v),
                String::new(),
            ),
        );
    }
    for r in &a.rejected {
        if let Some(id) = &r.event {
            let why = format!("{}: {}", r.location, r.reason);
            actual
                .entry(id)
                .or_insert((describe("rejected", None), None, why));
        }
    }
    let mut out = Vec::new();
    for (id, exp) in &manifest.expect {
        let expected = describe(&exp.outcome, exp.party.as_deref());
        let Some((got, verdict, why)) = actual.remove(id.as_str()) else {
            out.push(Mismatch {
                event: id.clone(),
                expected,
                actual: "absent from the report".into(),
                reasoning: String::new(),
            });
            continue;
        };
        let reasoning = verdict.map_or(why.clone(), |v| {
            crate::render::text::verdict(v, crate::render::text::Detail::Full)
        });
        let articles_differ = match (&exp.articles, verdict) {
            (Some(want), Some(v)) => &deciding(v) != want,
            _ => false,
        };
        if let Some(words) = exp
            .reason
            .as_deref()
            .filter(|w| verdict.is_none() && !why.contains(w))
        {
            out.push(Mismatch {
                event: id.clone(),
                expected: format!("rejected because of `{words}`"),
                actual: format!("rejected: {why}"),
                reasoning: String::new(),
            });
            continue;
        }
        if got != expected || articles_differ {
            let (expected, got) = match (&exp.articles, verdict) {
                (Some(want), Some(v)) => (
                    format!("{expected} under {}", want.join(", ")),
                    format!("{got} under {}", deciding(v).join(", ")),
                ),
                _ => (expected, got),
            };
            out.push(Mismatch {
                event: id.clone(),
                expected,
                actual: got,
                reasoning,
            });
        }
    }
    let unidentified = a.rejected.iter().filter(|r| r.event.is_none()).count();
    if unidentified != manifest.unidentified_rejections {
        out.push(Mismatch {
            event: "(records without an id)".into(),
            expected: format!("{} rejected", manifest.unidentified_rejections),
            actual: format!("{unidentified} rejected"),
            reasoning: String::new(),
        });
    }
    for (id, (got, _, _)) in actual {
        out.push(Mismatch {
            event: id.to_owned(),
            expected: "no expectation in case.yaml".into(),
            actual: got,
            reasoning: String::new(),
        });
    }
    out
}

/// The articles whose finding is the verdict's outcome.
fn deciding(v: &Verdict) -> Vec<String> {
    if v.outcome == Outcome::NoViolation {
        return Vec::new();
    }
    v.articles
        .iter()
        .filter(|f| f.outcome == v.outcome)
        .map(|f| f.article.to_string())
        .collect()
}

fn describe(outcome: &str, party: Option<&str>) -> String {
    match party {
        Some(p) => format!("{outcome} (party {p})"),
        None => outcome.to_owned(),
    }
}
