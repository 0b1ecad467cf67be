//! `truce lint --witness DIR`: a case folder for each finding about events,
//! made by `truce::lint::witness` and verified by judging it.

use std::path::Path;

use truce::check::Rulebook;
use truce::lint::logic::{Finding, Kind, Owner};
use truce::lint::witness::{Goal, NoWitness, Site, Unsupported};

/// Writes the witness incidents of a file's findings as case folders under
/// `dir`, one per finding, named after the rule file, the code and a
/// number (`draft-overlap-1`); whether every one that was found could be
/// written. What was written, and why a finding has none, goes to stderr.
pub fn write(dir: &Path, path: &Path, rulebook: &Rulebook, findings: &[Finding]) -> bool {
    let stem = path
        .file_stem()
        .map_or_else(|| "rules".into(), |s| s.to_string_lossy().into_owned());
    let mut ok = true;
    for (n, f) in findings.iter().enumerate() {
        let Some(goal) = goal(f) else {
            if f.kind.is_proof()
                && f.model.is_none()
                && matches!(f.kind, Kind::Unsatisfiable | Kind::NeverWithArticle { .. })
            {
                errln!(
                    "{}: {}: no witness exists: the lint proved it impossible",
                    path.display(),
                    f.kind.code()
                );
            }
            continue;
        };
        let folder = dir.join(format!("{stem}-{}-{}", f.kind.short_code(), n + 1));
        match truce::lint::witness::find(rulebook, &goal, f.model.as_ref()) {
            Ok(w) => match truce::render::witness::write_case(&folder, path, &w, f.kind.code()) {
                Ok(_) => errln!(
                    "{}: {}: witness written to `{}`",
                    path.display(),
                    f.kind.code(),
                    folder.display()
                ),
                Err(e) => {
                    errln!(
                        "error: cannot write the witness to `{}`: {e}",
                        folder.display()
                    );
                    ok = false;
                }
            },
            Err(why) => errln!(
                "{}: {}: no witness: {}",
                path.display(),
                f.kind.code(),
                reason(&why)
            ),
        }
    }
    ok
}

/// What a witness of the finding must show, for the findings about events.
fn goal(f: &Finding) -> Option<Goal> {
    let site = match f.owner {
        Owner::Article(i) => Some(Site::Article(i)),
        Owner::Exception(i) => Some(Site::Exception(i)),
        Owner::Act(_) | Owner::Pragma => None,
    };
    let exercised = |holds| {
        site.map(|site| Goal::Exercised {
            site,
            part: f.span.range.clone(),
            holds,
        })
    };
    match &f.kind {
        Kind::Overlap {
            relieves, upholds, ..
        } => Some(Goal::Both(*relieves, *upholds)),
        Kind::Redundant { by } => match f.owner {
            Owner::Exception(x) => Some(Goal::Both(x, *by)),
            Owner::Article(_) | Owner::Act(_) | Owner::Pragma => None,
        },
        Kind::Gap { act } | Kind::UnusedAct { act } => Some(Goal::Unreached(usize::from(*act))),
        Kind::PartAlwaysTrue | Kind::AlwaysTrue => exercised(true),
        Kind::PartAlwaysFalse | Kind::Shadowed { .. } => exercised(false),
        Kind::Unsatisfiable
        | Kind::NeverWithArticle { .. }
        | Kind::NotDecided { .. }
        | Kind::PragmaWithoutReason
        | Kind::PragmaUnknownCode { .. }
        | Kind::PragmaAllowsNothing => None,
    }
}

fn reason(why: &NoWitness) -> String {
    match why {
        NoWitness::Unsupported(u) => format!(
            "it needs {}, which the search does not build",
            unsupported(*u)
        ),
        NoWitness::Budget { tried } => {
            format!("none of the {tried} events tried within the budget shows it")
        }
        NoWitness::Exhausted { tried } => {
            format!("none of the {tried} events the search can build shows it")
        }
        NoWitness::Proven(_) => "no event can show it".to_owned(),
    }
}

fn unsupported(u: Unsupported) -> &'static str {
    match u {
        Unsupported::Relations => "related events (`some`)",
        Unsupported::Pattern => "a pattern's findings over many events",
        Unsupported::Holdings => "holdings over a ceiling",
        Unsupported::FindingOnly => "an element only findings decide",
        Unsupported::Doctrine => "a doctrine setting other than the one in effect",
        Unsupported::Nothing => "something to show",
    }
}
