//! Where a bundle puts a report's inputs (`truce verify --bundle DIR`), as
//! data. An input named by a path inside the folder the run was made from
//! keeps that path; one named by an absolute path, or by `..` out of that
//! folder, goes under `outside/`, the escaping paths keeping their places
//! relative to one another below their deepest common folder, so a rule
//! file's imports and geometry still lie where it names them.

use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use super::verify::Comparison;

/// The folder of a bundle that holds inputs named outside the run's folder.
pub const OUTSIDE: &str = "outside";

/// The report's name in a bundle.
pub const REPORT: &str = "report.json";

/// An input and where it lies in the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placed {
    /// The path the report names.
    pub from: String,
    /// Its path inside the bundle, `/`-separated.
    pub to: String,
    /// Whether it was named outside the run's folder, so that the run
    /// inside the bundle names it otherwise (as `to`).
    pub moved: bool,
}

/// What `--bundle` did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "bundle", rename_all = "snake_case")]
pub enum Bundle {
    /// The inputs and the report, written into `dir`.
    Written { dir: String, files: Vec<Placed> },
    Refused {
        dir: String,
        #[serde(flatten)]
        why: Refusal,
    },
}

/// Why no bundle was written.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Refusal {
    /// The report does not verify (the verification says why).
    NotVerified,
    /// The folder exists and holds something.
    NotEmpty,
    /// Two inputs, or an input and the report, would lie at `path`.
    Clash { path: String },
    /// A file or folder could not be written or read.
    Io { path: String, reason: String },
    /// An input changed while it was copied.
    Changed { path: String },
    /// Judged again inside the bundle, the inputs give no report.
    NoReport,
    /// Judged again inside the bundle, the report differs in more than
    /// the paths that moved.
    MoreThanPaths { comparison: Comparison },
}

/// Where each of `paths` goes in a bundle of a run made from `cwd`.
pub fn layout(paths: &[&str], cwd: &Path) -> Result<Vec<Placed>, Refusal> {
    let inside: Vec<Option<PathBuf>> = paths.iter().map(|p| within(Path::new(p))).collect();
    let escaping: Vec<PathBuf> = paths
        .iter()
        .zip(&inside)
        .filter(|(_, i)| i.is_none())
        .map(|(p, _)| normal(&cwd.join(p)))
        .collect();
    let common = common_folder(&escaping);
    let mut placed: Vec<Placed> = Vec::new();
    for (p, kept) in paths.iter().zip(inside) {
        let moved = kept.is_none();
        let to = match kept {
            Some(rel) => rel,
            None => {
                let abs = normal(&cwd.join(p));
                let rest = abs.strip_prefix(&common).unwrap_or(&abs);
                Path::new(OUTSIDE).join(rest)
            }
        };
        let to = slashed(&to);
        // One file may be named twice (`a.truce`, `./a.truce`); a file
        // where another needs a folder cannot be.
        let clash = |q: &Placed| {
            q.to.starts_with(&format!("{to}/")) || to.starts_with(&format!("{}/", q.to))
        };
        if to == REPORT || to.is_empty() || placed.iter().any(|q| q.from != *p && clash(q)) {
            return Err(Refusal::Clash { path: to });
        }
        if !placed.iter().any(|q| q.from == *p) {
            placed.push(Placed {
                from: (*p).to_owned(),
                to,
                moved,
            });
        }
    }
    // A kept path under `outside/` would mix with the moved ones.
    let moved = placed.iter().any(|q| q.moved);
    if let Some(q) = placed
        .iter()
        .find(|q| moved && !q.moved && q.to.starts_with(&format!("{OUTSIDE}/")))
    {
        return Err(Refusal::Clash { path: q.to.clone() });
    }
    Ok(placed)
}

/// A relative path that stays inside its folder, with `.` and `..`
/// resolved; `None` for an absolute path or one that leaves the folder.
fn within(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// An absolute path with `.` and `..` resolved by their names alone.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The deepest folder holding every one of `paths` (files).
fn common_folder(paths: &[PathBuf]) -> PathBuf {
    let Some(first) = paths.first() else {
        return PathBuf::new();
    };
    let mut common: PathBuf = first.parent().map(Path::to_path_buf).unwrap_or_default();
    for p in &paths[1..] {
        while !p.starts_with(&common) {
            if !common.pop() {
                break;
            }
        }
    }
    common
}

fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether every difference `comparison` found is a text that names a
/// moved input where the original named it as it was: the report judged
/// inside the bundle then differs from the original in its paths alone.
pub fn only_paths(comparison: &Comparison, placed: &[Placed]) -> bool {
    let text = |json: &Option<String>| -> Option<String> {
        serde_json::from_str::<String>(json.as_deref()?).ok()
    };
    comparison.first.len() == comparison.count
        && comparison.first.iter().all(|d| {
            let (Some(was), Some(now)) = (text(&d.report), text(&d.given)) else {
                return false;
            };
            placed
                .iter()
                .filter(|p| p.moved)
                .any(|p| was.contains(&p.from) && was.replace(&p.from, &p.to) == now)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(paths: &[&str]) -> Vec<(String, String)> {
        layout(paths, Path::new("/home/u/work"))
            .unwrap()
            .into_iter()
            .map(|p| (p.from, p.to))
            .collect()
    }

    #[test]
    fn paths_inside_stay_and_paths_outside_keep_their_places() {
        let got = places(&[
            "rules/kaa.truce",
            "./rules/geo/../geo/mdl.geojson",
            "/data/books/x.truce",
            "../../../data/books/geo/x.geojson",
            "/data/events.yaml",
        ]);
        let want = [
            ("rules/kaa.truce", "rules/kaa.truce"),
            ("./rules/geo/../geo/mdl.geojson", "rules/geo/mdl.geojson"),
            ("/data/books/x.truce", "outside/books/x.truce"),
            (
                "../../../data/books/geo/x.geojson",
                "outside/books/geo/x.geojson",
            ),
            ("/data/events.yaml", "outside/events.yaml"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn clashes_are_refused() {
        let cwd = Path::new("/w");
        assert!(matches!(
            layout(&["report.json"], cwd),
            Err(Refusal::Clash { .. })
        ));
        assert!(matches!(
            layout(&["outside/a.truce", "/x/b.yaml"], cwd),
            Err(Refusal::Clash { .. })
        ));
        assert!(matches!(
            layout(&["a/b", "a/b/c"], cwd),
            Err(Refusal::Clash { .. })
        ));
    }
}
