//! Curated cases: a folder with an events file, a README, and a manifest
//! (`case.yaml`) naming the rulebook and the expected outcome and party of
//! every event. `truce test` judges each case and compares.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::eval::{Outcome, Verdict};

pub mod err;
mod locate;
pub mod manifest;
#[cfg(test)]
mod manifest_tests;
mod names;
mod read;
mod why;
use crate::report::{Adjudication, Outside};

/// `case.yaml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Path of the rulebook, or a list of rulebooks judged together,
    /// relative to the case folder.
    pub rules: OneOrMany<String>,
    /// Path of the events file, relative to the case folder.
    pub events: String,
    /// What each event must come to, by event id: one expectation, or one
    /// per instrument that judges it.
    pub expect: BTreeMap<String, OneOrMany<Expectation>>,
    /// How many rejected records have no readable id (malformed lines).
    #[serde(default)]
    pub unidentified_rejections: usize,
    /// Doctrine settings the whole case is judged under, as `--doctrine`
    /// sets them; by default the rulebooks' own.
    #[serde(default)]
    pub doctrine: BTreeMap<String, String>,
    /// Where each event id is written, for diagnostics.
    #[serde(skip)]
    pub ids_at: BTreeMap<String, std::ops::Range<usize>>,
}

/// A value, or a list of them (read in `read.rs`).
#[derive(Debug)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    pub fn items(&self) -> &[T] {
        match self {
            OneOrMany::One(t) => std::slice::from_ref(t),
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// With several rulebooks: words of the title of the instrument whose
    /// verdict this is.
    #[serde(default)]
    pub instrument: Option<String>,
    /// `violation`, `justified`, `no_violation`, `inconclusive` or
    /// `rejected`; with several rulebooks also `outside_scope`: the
    /// instrument named leaves the event outside its scope.
    pub outcome: String,
    /// The party held responsible; absent when none is.
    #[serde(default)]
    pub party: Option<String>,
    /// The articles behind the outcome, when the case pins them, by their
    /// labels as the rulebook writes them.
    #[serde(default, deserialize_with = "read::labels")]
    pub articles: Option<Vec<String>>,
    /// Words the reason must contain: a rejection's reason, why the event
    /// is outside an instrument's scope, or for a verdict its summary, an
    /// article's reason, its continuing state's note or a name it translated.
    #[serde(default)]
    pub reason: Option<String>,
    /// The reasoning as data: a mapping matched, key by key, against the
    /// verdict's summary (`explanation.why` in the JSON report) or one of
    /// its findings' reasons (`why`).
    #[serde(skip)]
    pub why: Option<serde_json::Value>,
    /// For an act another event implies: the id of that event.
    #[serde(default)]
    pub implied_by: Option<String>,
    /// A variant: the case is judged again with these doctrine settings
    /// (over the case's own), and this expectation is about that run. The
    /// verdict must name each of these settings as one it depended on.
    #[serde(default)]
    pub doctrine: BTreeMap<String, String>,
    /// Where the expectation is written in the manifest (byte offsets).
    #[serde(skip)]
    pub place: std::ops::Range<usize>,
}

/// The case judged again under other doctrine settings.
#[derive(Debug)]
pub struct Variant {
    /// Every setting of the run: the case's own, then the variant's.
    pub doctrine: BTreeMap<String, String>,
    pub adjudication: Adjudication,
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
    /// The run under the case's own doctrine settings.
    pub adjudication: Adjudication,
    /// Runs under the settings some expectations name, in sorted order.
    pub variants: Vec<Variant>,
    pub mismatches: Vec<Mismatch>,
    /// The case's rulebooks, as checked, under their own doctrine
    /// settings, with the paths they were read from.
    pub rulebooks: Vec<(PathBuf, crate::check::Rulebook)>,
}

/// Why a case could not be judged.
#[derive(Debug)]
pub enum CaseError {
    /// The manifest's problems, every one found.
    Manifest(Vec<err::ManifestError>),
    /// A file that cannot be read, a rulebook that does not check, an
    /// events file that cannot be loaded: shown as it was reported.
    Failed(String),
}

impl std::fmt::Display for CaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CaseError::Manifest(errors) => {
                for e in errors {
                    f.write_str(&crate::render::diagnostics::render(e, false))?;
                }
                Ok(())
            }
            CaseError::Failed(why) => f.write_str(why),
        }
    }
}

impl From<String> for CaseError {
    fn from(why: String) -> Self {
        CaseError::Failed(why)
    }
}

/// A case's rulebooks as checked, with the paths they were read from.
struct Books {
    paths: Vec<PathBuf>,
    books: Vec<crate::check::Rulebook>,
}

/// Reads a case's manifest and judges it.
pub fn run(dir: &Path) -> Result<CaseRun, CaseError> {
    let manifest_path = dir.join("case.yaml");
    let text = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("cannot read `{}`: {e}", manifest_path.display()))?;
    let source = crate::span::Source::new(manifest_path.display().to_string(), text);
    let (manifest, mut problems) = manifest::read(&source);
    let Some(manifest) = manifest else {
        return Err(CaseError::Manifest(problems));
    };
    if manifest.rules.items().is_empty() {
        return Err(format!("`{}` names no rulebook", manifest_path.display()).into());
    }
    let Books { paths, mut books } = load_books(dir, &manifest, &manifest_path)?;
    let all: Vec<&crate::check::Rulebook> = books.iter().collect();
    problems.extend(names::against_rulebooks(&source, &manifest, &all));
    let events = dir.join(&manifest.events);
    let mut judge = |settings: &BTreeMap<String, String>| -> Result<Adjudication, String> {
        let pairs: Vec<(String, String)> = settings.clone().into_iter().collect();
        // Each run starts from the rulebooks' own settings.
        books
            .iter_mut()
            .for_each(crate::check::Rulebook::reset_doctrines);
        crate::set_doctrines(&mut books, &pairs, crate::check::SetBy::Case)
            .map_err(|e| format!("`{}`: {e}", manifest_path.display()))?;
        let instruments: Vec<crate::Instrument<'_>> = books
            .iter()
            .zip(&paths)
            .map(|(rulebook, path)| crate::Instrument { rulebook, path })
            .collect();
        crate::adjudicate_files(&instruments, &events).map_err(|e| e.to_string())
    };
    // The events are judged even when the manifest has problems, so that
    // the ids it expects are checked in the same pass.
    let adjudication = match judge(&manifest.doctrine) {
        Ok(a) => a,
        Err(_) if !problems.is_empty() => return Err(CaseError::Manifest(problems)),
        Err(e) => return Err(e.into()),
    };
    problems.extend(names::against_events(
        &source,
        &manifest,
        &judged_ids(&adjudication),
    ));
    if !problems.is_empty() {
        return Err(CaseError::Manifest(problems));
    }
    let mut mismatches = compare(&manifest, &adjudication, None);
    let mut variants = Vec::new();
    for doctrine in variant_settings(&manifest) {
        let run = judge(&doctrine)?;
        mismatches.extend(compare(&manifest, &run, Some(&doctrine)));
        variants.push(Variant {
            doctrine,
            adjudication: run,
        });
    }
    books
        .iter_mut()
        .for_each(crate::check::Rulebook::reset_doctrines);
    Ok(CaseRun {
        name: dir.display().to_string(),
        adjudication,
        variants,
        mismatches,
        rulebooks: paths.into_iter().zip(books).collect(),
    })
}

/// Every id the run judged (implied acts' too) or rejected.
fn judged_ids(a: &Adjudication) -> std::collections::BTreeSet<&str> {
    let judged = a.verdicts.iter().map(|v| &*v.event);
    let outside = a.outside.iter().map(|o| &*o.event);
    let rejected = a.rejected.iter().filter_map(|r| r.event.as_deref());
    judged.chain(outside).chain(rejected).collect()
}

/// The rulebooks a manifest names, each checked; with several, their
/// counterparts checked against each other.
fn load_books(dir: &Path, manifest: &Manifest, manifest_path: &Path) -> Result<Books, String> {
    let paths: Vec<PathBuf> = manifest.rules.items().iter().map(|r| dir.join(r)).collect();
    let mut books = Vec::new();
    for rules in &paths {
        let checked = crate::load_rulebook(rules).map_err(|e| {
            let shown = crate::render::diagnostics::rulebook(&e, false);
            format!(
                "the rulebook `{}` does not check:\n{shown}",
                rules.display()
            )
        })?;
        books.push(checked.rulebook);
    }
    if books.len() > 1 {
        let all: Vec<&crate::check::Rulebook> = books.iter().collect();
        let errors: Vec<String> = crate::events::counterpart_problems(&all)
            .iter()
            .filter(|p| p.is_error())
            .map(|p| crate::render::diagnostics::render(p, false))
            .collect();
        if !errors.is_empty() {
            return Err(format!(
                "`{}`: the rulebooks' counterparts do not agree:\n{}",
                manifest_path.display(),
                errors.join("")
            ));
        }
    }
    Ok(Books { paths, books })
}

/// The settings of an expectation's run: the case's own, then its own.
fn settings_of(manifest: &Manifest, exp: &Expectation) -> BTreeMap<String, String> {
    let mut all = manifest.doctrine.clone();
    all.extend(exp.doctrine.clone());
    all
}

/// The expectations about one run: those naming no doctrine belong to the
/// case's own run, the others to the run of their settings.
fn of_run<'m>(
    manifest: &Manifest,
    expected: &'m [Expectation],
    variant: Option<&BTreeMap<String, String>>,
) -> Vec<&'m Expectation> {
    expected
        .iter()
        .filter(|e| match variant {
            None => e.doctrine.is_empty() || settings_of(manifest, e) == manifest.doctrine,
            Some(run) => !e.doctrine.is_empty() && settings_of(manifest, e) == *run,
        })
        .collect()
}

/// Every distinct run the expectations ask for beyond the case's own.
fn variant_settings(manifest: &Manifest) -> Vec<BTreeMap<String, String>> {
    let mut out: Vec<BTreeMap<String, String>> = manifest
        .expect
        .values()
        .flat_map(|e| e.items())
        .filter(|e| !e.doctrine.is_empty())
        .map(|e| settings_of(manifest, e))
        .filter(|s| *s != manifest.doctrine)
        .collect();
    out.sort();
    out.dedup();
    out
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

/// Compares a run with the expectations about it: under the case's own
/// settings (`variant` is `None`) every event must be expected; under a
/// variant, only the events with an expectation for it are compared.
fn compare(
    manifest: &Manifest,
    a: &Adjudication,
    variant: Option<&BTreeMap<String, String>>,
) -> Vec<Mismatch> {
    let run = variant.unwrap_or(&manifest.doctrine);
    let mut verdicts: BTreeMap<&str, Vec<Judged<'_>>> = BTreeMap::new();
    for v in &a.verdicts {
        verdicts
            .entry(&v.event)
            .or_default()
            .push(Judged::Verdict(v));
    }
    for o in &a.outside {
        verdicts
            .entry(&o.event)
            .or_default()
            .push(Judged::Outside(o));
    }
    let mut rejections: BTreeMap<&str, String> = BTreeMap::new();
    for r in &a.rejected {
        if let Some(id) = &r.event {
            rejections
                .entry(id)
                .or_insert_with(|| format!("{}: {}", r.location, r.reason));
        }
    }
    let mut out = Vec::new();
    for (id, expected) in &manifest.expect {
        let found = verdicts.remove(id.as_str()).unwrap_or_default();
        let rejection = rejections.remove(id.as_str());
        let all = expected.items();
        let expected = of_run(manifest, all, variant);
        // An event expected only under named doctrine settings is compared
        // in those runs.
        if expected.is_empty() && (variant.is_some() || !all.is_empty()) {
            continue;
        }
        // A variant is run for a doctrine of some instrument: its
        // expectations are about the verdicts of the instruments they name
        // (all of them when one names none); the scope of each instrument
        // is the case's own run's to pin, unless they pin it.
        let found: Vec<Judged<'_>> = match variant {
            Some(_) => found
                .into_iter()
                .filter(|j| {
                    matches!(j, Judged::Verdict(_)) || expected.iter().any(|e| e.outcome == OUTSIDE)
                })
                .filter(|j| {
                    expected.iter().any(|e| {
                        e.instrument
                            .as_deref()
                            .is_none_or(|w| j.instrument().contains(w))
                    })
                })
                .collect(),
            None => found,
        };
        out.extend(compare_event(id, &expected, &found, rejection.as_deref()));
    }
    if variant.is_some() {
        // The case's own run accounts for every event and rejection.
        return out
            .into_iter()
            .map(|mut m| {
                m.event = format!("{} (under {})", m.event, describe_settings(run));
                m
            })
            .collect();
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
    let unexpected = verdicts
        .into_iter()
        .flat_map(|(id, vs)| vs.into_iter().map(move |v| (id, v.actual())))
        .chain(
            rejections
                .into_keys()
                .map(|id| (id, describe("rejected", None))),
        );
    for (id, got) in unexpected {
        out.push(Mismatch {
            event: id.to_owned(),
            expected: "no expectation in case.yaml".into(),
            actual: got,
            reasoning: String::new(),
        });
    }
    out
}

/// One event's verdicts (or rejection) against its expectations: each
/// expectation must meet exactly one verdict, and each verdict one
/// expectation.
fn compare_event(
    id: &str,
    expected: &[&Expectation],
    found: &[Judged<'_>],
    rejection: Option<&str>,
) -> Vec<Mismatch> {
    let mismatch = |expected: String, actual: String, reasoning: String| Mismatch {
        event: id.to_owned(),
        expected,
        actual,
        reasoning,
    };
    if expected.is_empty() {
        return vec![mismatch(
            "at least one expectation".into(),
            "an empty list in case.yaml".into(),
            String::new(),
        )];
    }
    // A duplicate id is judged once and rejected again: the verdict counts.
    if let Some(why) = rejection.filter(|_| found.is_empty()) {
        let exp = expected[0];
        let words_missing = exp.reason.as_deref().filter(|w| !why.contains(w));
        return match (exp.outcome.as_str(), words_missing) {
            ("rejected", None) => Vec::new(),
            ("rejected", Some(words)) => vec![mismatch(
                format!("rejected because of `{words}`"),
                format!("rejected: {why}"),
                String::new(),
            )],
            _ => vec![mismatch(
                describe_expected(exp),
                format!("rejected: {why}"),
                String::new(),
            )],
        };
    }
    if expected.len() != found.len() {
        let want: Vec<String> = expected.iter().map(|e| describe_expected(e)).collect();
        let got: Vec<String> = found.iter().map(Judged::actual).collect();
        let got = if got.is_empty() {
            "absent from the report".to_owned()
        } else {
            got.join("; ")
        };
        return vec![mismatch(want.join("; "), got, String::new())];
    }
    let mut out = Vec::new();
    for exp in expected {
        let wanted = |j: &&Judged<'_>| (exp.outcome == OUTSIDE) == matches!(j, Judged::Outside(_));
        let v = match &exp.instrument {
            None => found[0],
            Some(words) => match found
                .iter()
                .filter(wanted)
                .find(|v| v.instrument().contains(words.as_str()))
            {
                Some(v) => *v,
                None => {
                    let got: Vec<String> = found.iter().map(Judged::actual).collect();
                    out.push(mismatch(
                        describe_expected(exp),
                        got.join("; "),
                        String::new(),
                    ));
                    continue;
                }
            },
        };
        match v {
            Judged::Verdict(v) if !meets(exp, v) => {
                let reasoning = crate::render::text::verdict(v, crate::render::text::Detail::Full);
                out.push(mismatch(describe_expected(exp), actual(v), reasoning));
            }
            Judged::Outside(o) if !outside_meets(exp, o) => {
                out.push(mismatch(describe_expected(exp), v.actual(), String::new()));
            }
            Judged::Verdict(_) | Judged::Outside(_) => {}
        }
    }
    out
}

/// The outcome a manifest gives an event outside an instrument's scope.
const OUTSIDE: &str = "outside_scope";

/// What an instrument made of an event: a verdict, or nothing, the event
/// being outside its scope.
#[derive(Debug, Clone, Copy)]
enum Judged<'a> {
    Verdict(&'a Verdict),
    Outside(&'a Outside),
}

impl Judged<'_> {
    fn instrument(&self) -> &str {
        match self {
            Judged::Verdict(v) => &v.instrument,
            Judged::Outside(o) => &o.instrument,
        }
    }

    fn actual(&self) -> String {
        match self {
            Judged::Verdict(v) => actual(v),
            Judged::Outside(o) => format!("{OUTSIDE}: {}", crate::render::words::outside(o)),
        }
    }
}

/// Whether an event outside an instrument's scope is what the expectation
/// says: that outcome, no party, and the reason's words.
fn outside_meets(exp: &Expectation, o: &Outside) -> bool {
    let why = crate::render::words::outside(o);
    exp.outcome == OUTSIDE
        && exp.party.is_none()
        && exp.articles.is_none()
        && exp.reason.as_deref().is_none_or(|w| why.contains(w))
}

/// Whether a verdict is what the expectation says.
fn meets(exp: &Expectation, v: &Verdict) -> bool {
    let outcome = v.outcome.name() == exp.outcome && v.party.as_deref() == exp.party.as_deref();
    let articles = exp
        .articles
        .as_ref()
        .is_none_or(|want| &deciding(v) == want);
    let reason = exp.reason.as_deref().is_none_or(|words| {
        crate::render::words::summary(&v.summary).contains(words)
            || v.articles.iter().any(|f| {
                crate::render::words::reason(&f.reason).contains(words)
                    || f.responsibility
                        .as_ref()
                        .and_then(crate::render::words::responsibility)
                        .is_some_and(|r| r.contains(words))
                    || f.state
                        .as_ref()
                        .is_some_and(|s| crate::render::words::state(s).contains(words))
            })
            || v.translated
                .iter()
                .any(|t| crate::render::words::translation(t).contains(words))
    });
    let why = exp.why.as_ref().is_none_or(|w| why::meets(w, v));
    let named = exp.doctrine.iter().all(|(name, setting)| {
        v.doctrines
            .iter()
            .any(|d| *d.doctrine == **name && *d.setting == **setting)
    });
    let implied = exp
        .implied_by
        .as_deref()
        .is_none_or(|parent| v.implied_by.as_ref().is_some_and(|i| &*i.event == parent));
    outcome && articles && reason && why && named && implied
}

/// `who_fired_first=irrelevant`
fn describe_settings(settings: &BTreeMap<String, String>) -> String {
    let each: Vec<String> = settings.iter().map(|(n, s)| format!("{n}={s}")).collect();
    each.join(", ")
}

fn describe_expected(exp: &Expectation) -> String {
    let mut s = describe(&exp.outcome, exp.party.as_deref());
    if let Some(a) = &exp.articles {
        s.push_str(&format!(" under {}", a.join(", ")));
    }
    if let Some(i) = &exp.instrument {
        s.push_str(&format!(" ({i})"));
    }
    if let Some(r) = &exp.reason {
        s.push_str(&format!(", because of `{r}`"));
    }
    if let Some(w) = &exp.why {
        s.push_str(&format!(", why {w}"));
    }
    if !exp.doctrine.is_empty() {
        s.push_str(&format!(
            ", naming doctrine {}",
            describe_settings(&exp.doctrine)
        ));
    }
    if let Some(parent) = &exp.implied_by {
        s.push_str(&format!(", implied by {parent}"));
    }
    s
}

fn actual(v: &Verdict) -> String {
    let mut s = describe(v.outcome.name(), v.party.as_deref());
    if v.outcome != Outcome::NoViolation {
        s.push_str(&format!(" under {}", deciding(v).join(", ")));
    }
    s.push_str(&format!(
        " ({}): {}",
        v.instrument,
        crate::render::words::summary(&v.summary)
    ));
    s
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
