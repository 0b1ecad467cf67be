//! A witness written as a case folder `truce test` runs: its events
//! (with a header saying what they show and which finding made them),
//! its manifest expecting the verdicts they were judged, and a README.
//! Here, among the renderers, since it words what the witness shows.

use std::fmt::Write as _;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::eval::{Outcome, Verdict};

use crate::lint::witness::{Goal, Witness, quoted};

/// The files a case folder was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFiles {
    pub events: PathBuf,
    pub manifest: PathBuf,
    pub readme: PathBuf,
}

/// Writes `witness` as a case folder at `dir` (created; an existing folder
/// must be empty: nothing is overwritten), judged under the rulebook at
/// `rulebook_path`; `finding_name` names the lint finding it shows.
pub fn write_case(
    dir: &Path,
    rulebook_path: &Path,
    witness: &Witness,
    finding_name: &str,
) -> io::Result<CaseFiles> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("`{}` exists and is not empty", dir.display()),
        ));
    }
    std::fs::create_dir_all(dir)?;
    let rules = relative(dir, rulebook_path)?;
    let shows = shows(witness);
    let files = CaseFiles {
        events: dir.join("events.yaml"),
        manifest: dir.join("case.yaml"),
        readme: dir.join("README.md"),
    };
    let header = format!(
        "# Witness incident: {shows}.\n# Made by truce for `{finding_name}`; judged under {rules} before it was written.\n\n"
    );
    std::fs::write(&files.events, header + &witness.events)?;
    std::fs::write(
        &files.manifest,
        manifest(&rules, witness, finding_name, &shows),
    )?;
    std::fs::write(&files.readme, readme(witness, finding_name, &shows))?;
    Ok(files)
}

/// What the witness shows, in a sentence's words.
fn shows(w: &Witness) -> String {
    let n = &w.names;
    let name = |i: usize| n.get(i).map_or("?", |s| &**s);
    match &w.goal {
        Goal::Article(_) => format!("article {} applies (a violation is found)", name(0)),
        Goal::Exception(_) => format!("exception `{}` applies", name(0)),
        Goal::Both(..) => format!(
            "exceptions `{}` and `{}` both apply to one event",
            name(0),
            name(1)
        ),
        Goal::Unreached(_) => format!("an act `{}` that no article reaches", name(0)),
        Goal::Exercised { holds, .. } => format!(
            "the condition part `{}` is {} when evaluated",
            name(0),
            if *holds { "true" } else { "false" }
        ),
    }
}

fn manifest(rules: &str, w: &Witness, finding: &str, shows: &str) -> String {
    let mut s = format!("# Witness incident for `{finding}`: {shows}.\n");
    let _ = writeln!(s, "rules: {}", quoted(rules));
    let _ = writeln!(s, "events: events.yaml");
    if !w.doctrine.is_empty() {
        let _ = writeln!(s, "doctrine:");
        for (d, setting) in &w.doctrine {
            let _ = writeln!(s, "  {}: {}", quoted(d), quoted(setting));
        }
    }
    let _ = writeln!(s, "expect:");
    for v in &w.verdicts {
        let _ = writeln!(s, "  {}: {}", quoted(&v.event), expectation(v));
    }
    s
}

/// `{outcome: violation, party: UA, articles: ["2"]}`
fn expectation(v: &Verdict) -> String {
    let mut parts = vec![format!("outcome: {}", v.outcome.name())];
    if let Some(p) = &v.party {
        parts.push(format!("party: {}", quoted(p)));
    }
    if v.outcome != Outcome::NoViolation {
        let deciding: Vec<String> = v
            .articles
            .iter()
            .filter(|f| f.outcome == v.outcome)
            .map(|f| quoted(&f.article))
            .collect();
        parts.push(format!("articles: [{}]", deciding.join(", ")));
    }
    format!("{{{}}}", parts.join(", "))
}

fn readme(w: &Witness, finding: &str, shows: &str) -> String {
    let mut s = format!("# Witness incident: {shows}\n\n");
    let _ = writeln!(
        s,
        "Made by truce for `{finding}`: \
         the events in `events.yaml`, judged under the rulebook `case.yaml` names, show that {shows}. \
         The search tried {} candidate event(s) built from the rulebook's own acts, parties, \
         places, times and weapons, and kept the first whose verdict shows it; \
         `truce test` judges it again and compares with `case.yaml`.",
        w.tried
    );
    s
}

/// `to` as a path from the folder `from`, both made absolute.
fn relative(from: &Path, to: &Path) -> io::Result<String> {
    let from = std::path::absolute(from)?;
    let to = std::path::absolute(to)?;
    let a: Vec<Component<'_>> = from
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let b: Vec<Component<'_>> = to
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c.as_os_str());
    }
    Ok(out.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::witness::find;

    #[test]
    fn a_case_folder_is_written_once() {
        let checked =
            crate::load_rulebook(Path::new("rules/ua-dmz-2025-draft.truce")).expect("it loads");
        let r = &checked.rulebook;
        let goal = Goal::article(r, "2").expect("article 2 exists");
        let w = find(r, &goal, None).expect("a witness");
        let dir = std::env::temp_dir().join(format!("truce-witness-case-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let rules = Path::new("rules/ua-dmz-2025-draft.truce");
        let files = write_case(&dir, rules, &w, "test finding").unwrap();
        let manifest = std::fs::read_to_string(&files.manifest).unwrap();
        assert!(manifest.contains("W-1: {outcome: violation"), "{manifest}");
        let again = write_case(&dir, rules, &w, "test finding").unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
