//! Coverage: which articles, exceptions, condition branches and doctrine
//! settings of each rulebook a corpus of cases exercises, counted from the
//! verdicts' own explanations (each step records its condition's truth),
//! never by evaluating anything again.
//!
//! A case run is added to a [`Tally`] as it is judged (its verdicts need
//! not be kept); [`Tally::finish`] gives the [`Coverage`], written by
//! `text.rs` as a table and by `json.rs` as versioned JSON.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::cases::CaseRun;
use crate::check::Rulebook;
use crate::eval::{ExceptionStatus, Outcome, Step, Truth, Verdict};

pub mod json;
mod shape;
pub mod text;

use shape::Shape;

/// How often a condition was met, not met, or could not be decided.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub met: usize,
    pub not_met: usize,
    pub unknown: usize,
}

impl Counts {
    fn add(&mut self, t: Truth) {
        match t {
            Truth::True => self.met += 1,
            Truth::False => self.not_met += 1,
            Truth::Unknown => self.unknown += 1,
        }
    }
}

/// An article: its condition's truth on every event judged, and how many
/// verdicts found it violated or its breach excused (`applied`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleUse {
    pub article: String,
    #[serde(flatten)]
    pub counts: Counts,
    pub violated: usize,
    pub justified: usize,
    pub covered: bool,
}

/// An exception: its condition's truth on every event it was tried on,
/// and how many events it was not reached on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExceptionUse {
    pub exception: String,
    #[serde(flatten)]
    pub counts: Counts,
    pub not_considered: usize,
    pub covered: bool,
}

/// One operand of an `and` or `or` (or the condition a `not` negates)
/// within an article's or an exception's condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BranchUse {
    /// `article 2` or `exception self_defence`.
    pub of: Owner,
    /// Its place in the condition: `2.1` is the first operand of the
    /// second operand of the whole.
    pub path: String,
    pub condition: Arc<str>,
    #[serde(flatten)]
    pub counts: Counts,
    pub covered: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Owner {
    Article(String),
    Exception(String),
}

/// One setting of a doctrine, and how many verdicts depended on the
/// doctrine under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SettingUse {
    pub doctrine: String,
    pub setting: String,
    pub verdicts: usize,
    pub covered: bool,
}

/// Covered items of a kind, out of how many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Share {
    pub covered: usize,
    pub items: usize,
}

impl Share {
    fn of<'a>(covered: impl Iterator<Item = &'a bool>) -> Share {
        covered.fold(Share::default(), |s, &c| Share {
            covered: s.covered + usize::from(c),
            items: s.items + 1,
        })
    }

    fn plus(self, o: Share) -> Share {
        Share {
            covered: self.covered + o.covered,
            items: self.items + o.items,
        }
    }

    /// Covered, in percent of the items (100 when there are none).
    pub fn percent(self) -> f64 {
        if self.items == 0 {
            100.0
        } else {
            self.covered as f64 * 100.0 / self.items as f64
        }
    }
}

/// One rulebook's coverage.
#[derive(Debug, Clone, Serialize)]
pub struct BookCoverage {
    /// The rulebook's path as the first case naming it gave it.
    pub rulebook: String,
    pub title: String,
    /// Verdicts counted (each event judged, in each run of each case).
    pub verdicts: usize,
    pub articles: Vec<ArticleUse>,
    pub exceptions: Vec<ExceptionUse>,
    pub branches: Vec<BranchUse>,
    pub doctrines: Vec<SettingUse>,
}

impl BookCoverage {
    /// Covered items of each kind: articles, exceptions, branches,
    /// doctrine settings.
    pub fn shares(&self) -> [Share; 4] {
        [
            Share::of(self.articles.iter().map(|a| &a.covered)),
            Share::of(self.exceptions.iter().map(|e| &e.covered)),
            Share::of(self.branches.iter().map(|b| &b.covered)),
            Share::of(self.doctrines.iter().map(|d| &d.covered)),
        ]
    }

    /// Every item of every kind.
    pub fn total(&self) -> Share {
        self.shares()
            .into_iter()
            .fold(Share::default(), Share::plus)
    }
}

/// The coverage of a corpus: each rulebook's, in the order of their paths.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub cases: usize,
    pub rulebooks: Vec<BookCoverage>,
}

impl Coverage {
    /// Every item of every rulebook.
    pub fn total(&self) -> Share {
        self.rulebooks
            .iter()
            .map(BookCoverage::total)
            .fold(Share::default(), Share::plus)
    }
}

/// Coverage as cases are added.
#[derive(Default)]
pub struct Tally {
    cases: usize,
    /// By the rulebook's canonical path.
    books: BTreeMap<PathBuf, Book>,
}

/// What one rulebook's conditions look like, and what was counted of it.
struct Book {
    shown: String,
    shape: Shape,
    verdicts: usize,
    articles: Vec<(Counts, usize, usize)>,
    exceptions: Vec<(Counts, usize)>,
    branches: Vec<Counts>,
    settings: Vec<usize>,
}

impl Tally {
    /// Counts every verdict of a case's runs (its own and its variants').
    pub fn add(&mut self, run: &CaseRun) {
        self.cases += 1;
        let mut keys = Vec::new();
        for (path, rulebook) in &run.rulebooks {
            let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            self.books
                .entry(key.clone())
                .or_insert_with(|| Book::new(&shown(&key), rulebook));
            keys.push((key, rulebook.title.clone()));
        }
        let runs =
            std::iter::once(&run.adjudication).chain(run.variants.iter().map(|v| &v.adjudication));
        for a in runs {
            for v in &a.verdicts {
                let Some((key, _)) = keys.iter().find(|(_, t)| *t == v.instrument) else {
                    continue;
                };
                if let Some(book) = self.books.get_mut(key) {
                    book.count(v);
                }
            }
        }
    }

    pub fn finish(self) -> Coverage {
        Coverage {
            cases: self.cases,
            rulebooks: self.books.into_values().map(Book::finish).collect(),
        }
    }
}

/// A rulebook's path as shown: relative to the working folder when it
/// lies inside it, so the same corpus reads the same from any checkout.
fn shown(path: &std::path::Path) -> String {
    let here = std::env::current_dir().and_then(std::fs::canonicalize);
    let relative = here
        .ok()
        .and_then(|h| path.strip_prefix(h).ok().map(PathBuf::from));
    relative
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

impl Book {
    fn new(shown: &str, rulebook: &Rulebook) -> Book {
        let shape = Shape::of(rulebook);
        Book {
            shown: shown.to_owned(),
            verdicts: 0,
            articles: vec![Default::default(); shape.articles.len()],
            exceptions: vec![Default::default(); shape.exceptions.len()],
            branches: vec![Counts::default(); shape.branches.len()],
            settings: vec![0; shape.settings.len()],
            shape,
        }
    }

    fn count(&mut self, v: &Verdict) {
        self.verdicts += 1;
        for f in &v.articles {
            let Some(i) = self.shape.article(&f.article) else {
                continue;
            };
            if *f.condition.condition == *self.shape.articles[i].text {
                self.articles[i].0.add(f.condition.result);
                let walk = self.shape.article_branches(i);
                walk.count(&f.condition, &mut self.branches);
            }
            match f.outcome {
                Outcome::Violation => self.articles[i].1 += 1,
                Outcome::Justified => self.articles[i].2 += 1,
                Outcome::NoViolation | Outcome::Inconclusive => {}
            }
        }
        self.count_exceptions(v);
        for d in &v.doctrines {
            if let Some(i) = self.shape.setting(&d.doctrine, &d.setting) {
                self.settings[i] += 1;
            }
        }
    }

    /// Each exception once per verdict: one that overrides several
    /// articles is tried once and listed under each.
    fn count_exceptions(&mut self, v: &Verdict) {
        let mut seen: Vec<Option<&Step>> = vec![None; self.exceptions.len()];
        let mut listed = vec![false; self.exceptions.len()];
        for trial in v.articles.iter().flat_map(|f| &f.exceptions) {
            let Some(i) = self.shape.exception(&trial.exception) else {
                continue;
            };
            listed[i] = true;
            let tried = trial
                .condition
                .as_ref()
                .filter(|_| !matches!(trial.status, ExceptionStatus::NotConsidered));
            if let (None, Some(step)) = (seen[i], tried) {
                seen[i] = Some(step);
            }
        }
        for (i, step) in seen.into_iter().enumerate() {
            match step {
                Some(step) if *step.condition == *self.shape.exceptions[i].text => {
                    self.exceptions[i].0.add(step.result);
                    let walk = self.shape.exception_branches(i);
                    walk.count(step, &mut self.branches);
                }
                Some(_) => {}
                None if listed[i] => self.exceptions[i].1 += 1,
                None => {}
            }
        }
    }

    fn finish(self) -> BookCoverage {
        let shape = self.shape;
        let articles = shape
            .articles
            .iter()
            .zip(self.articles)
            .map(|(a, (counts, violated, justified))| ArticleUse {
                article: a.name.clone(),
                counts,
                violated,
                justified,
                covered: violated + justified > 0,
            })
            .collect();
        let exceptions = shape
            .exceptions
            .iter()
            .zip(self.exceptions)
            .map(|(e, (counts, not_considered))| ExceptionUse {
                exception: e.name.clone(),
                counts,
                not_considered,
                covered: counts.met > 0,
            })
            .collect();
        let branches = shape
            .branches
            .iter()
            .zip(self.branches)
            .map(|(b, counts)| BranchUse {
                of: b.of.clone(),
                path: b.path.clone(),
                condition: b.text.clone(),
                counts,
                covered: counts.met > 0 && counts.not_met > 0,
            })
            .collect();
        let doctrines = shape
            .settings
            .iter()
            .zip(self.settings)
            .map(|((doctrine, setting), verdicts)| SettingUse {
                doctrine: doctrine.clone(),
                setting: setting.clone(),
                verdicts,
                covered: verdicts > 0,
            })
            .collect();
        BookCoverage {
            rulebook: self.shown,
            title: shape.title,
            verdicts: self.verdicts,
            articles,
            exceptions,
            branches,
            doctrines,
        }
    }
}
