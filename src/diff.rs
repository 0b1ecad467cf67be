//! The same events under two versions of the rules: every verdict judged
//! under both, paired by event and instrument, and each pair that differs
//! explained as data: which findings changed, which step of their
//! reasoning first differs and the facts it read, which exception or
//! article made the difference; with a summary by article and the
//! provisions the two rulebooks hold differently. Worded only in
//! `render::diff`.
//!
//! The sides are judged apart (the CLI streams the NEW side past the OLD
//! side's verdicts, [`Comparison::add`]), so a diff holds one side's
//! verdicts and the changes, not both reports.

mod explain;
mod provisions;
mod tally;

use std::collections::HashMap;

use serde::Serialize;

use crate::eval::{ExceptionStatus, Outcome, Summary, Verdict};
use crate::events::Rejection;
use crate::name::Name;

pub use explain::{ExceptionChange, FactChange, FactSeen, StepChange, steps};
pub use provisions::{Provision, ProvisionChange, ProvisionKind, provisions};
pub use tally::ArticleTally;

/// The diff's JSON schema version (docs/diff.md): bumped when a field is
/// removed or renamed or changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// One side of a diff, as the command line named it.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// `OLD` or `NEW`, a revision, or a doctrine setting.
    pub label: String,
    /// The rule files, as named.
    pub rules: Vec<String>,
    /// The revision the rule files were read at (`None`: from disk).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    /// Fragments of declarations added to the rulebook (`--add`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    /// Doctrines settled on the command line, `NAME=SETTING`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub doctrines: Vec<String>,
}

/// The whole diff.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    /// The events file both sides judged.
    pub events: String,
    /// Articles and exceptions the rulebooks hold differently.
    pub provisions: Vec<Provision>,
    /// Verdicts compared (pairs, and verdicts of one side only).
    pub compared: usize,
    /// Verdicts judged alike on both sides.
    pub same: usize,
    /// Every verdict that differs, in the events file's order.
    pub changed: Vec<Change>,
    /// The verdicts judged alike, listed only when asked (`--all`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unchanged: Option<Vec<Said>>,
    /// How many verdicts changed from what to what, article by article.
    pub by_article: Vec<ArticleTally>,
    /// Events rejected on one side only.
    pub rejected: Vec<OneSided>,
}

/// A verdict that differs between the sides.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub event: Name,
    pub instrument: Name,
    /// `None`: no verdict of this instrument on that side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Said>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Said>,
    /// The findings that differ, in the NEW rulebook's order (then the
    /// OLD's articles it no longer has); of a verdict given on one side
    /// only, its findings other than "no violation".
    pub articles: Vec<ArticleChange>,
}

/// What a side says of a verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Said {
    pub event: Name,
    pub instrument: Name,
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<Name>,
    pub summary: Summary,
    /// The exceptions that applied, article by article order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<Name>,
}

impl Said {
    pub fn of(v: &Verdict) -> Said {
        let mut exceptions: Vec<Name> = Vec::new();
        for t in v.articles.iter().flat_map(|f| &f.exceptions) {
            if t.status == ExceptionStatus::Applies && !exceptions.contains(&t.exception) {
                exceptions.push(t.exception.clone());
            }
        }
        Said {
            event: v.event.clone(),
            instrument: v.instrument.clone(),
            outcome: v.outcome,
            party: v.party.clone(),
            summary: v.summary.clone(),
            exceptions,
        }
    }
}

/// One article's finding that differs.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleChange {
    pub article: Name,
    #[serde(flatten)]
    pub what: FindingChange,
}

/// How an article's finding differs.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FindingChange {
    /// The article is only in the NEW rulebook.
    Added { new: Brief },
    /// The article is only in the OLD rulebook.
    Removed { old: Brief },
    /// Both judged it, differently.
    Changed {
        old: Box<Brief>,
        new: Box<Brief>,
        /// The article's text differs.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        text_changed: bool,
        /// Its condition as written differs.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        condition_changed: bool,
        /// The lowest steps of its condition that differ.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        steps: Vec<StepChange>,
        /// The exceptions that overrode it differently.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        exceptions: Vec<ExceptionChange>,
    },
}

/// A finding in brief: its outcome, who answers, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<Name>,
    pub reason: crate::eval::Reason,
}

/// An event rejected on one side only.
#[derive(Debug, Clone, Serialize)]
pub struct OneSided {
    /// The side that rejected it: `old` or `new`.
    pub side: Which,
    pub rejection: Rejection,
}

/// One of the two sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Which {
    Old,
    New,
}

/// A diff being made: the OLD side's verdicts held, the NEW side's
/// compared with them as they come.
pub struct Comparison {
    old: Vec<Verdict>,
    /// Each OLD verdict's index, by event and instrument.
    index: HashMap<(Name, Name), usize>,
    /// Which OLD verdicts a NEW one met.
    met: Vec<bool>,
    /// The NEW side's instrument titles, renamed to the OLD side's (a
    /// rulebook retitled between versions is still the same instrument).
    titles: HashMap<Name, Name>,
    /// Changes, each with its position for ordering: the OLD verdict's
    /// index plus one, or for a NEW-only verdict that of the OLD verdict
    /// it came after (0: before any) and its own count.
    changed: Vec<((usize, usize), Change)>,
    unchanged: Option<Vec<Said>>,
    same: usize,
    compared: usize,
    seen_new: usize,
}

impl Comparison {
    /// Holds the OLD side's verdicts; `titles` pairs NEW instrument titles
    /// with OLD ones; `all` keeps the verdicts judged alike too.
    pub fn new(old: Vec<Verdict>, titles: HashMap<Name, Name>, all: bool) -> Comparison {
        let index = old
            .iter()
            .enumerate()
            .map(|(i, v)| ((v.event.clone(), v.instrument.clone()), i))
            .collect();
        Comparison {
            met: vec![false; old.len()],
            old,
            index,
            titles,
            changed: Vec::new(),
            unchanged: all.then(Vec::new),
            same: 0,
            compared: 0,
            seen_new: 0,
        }
    }

    /// Compares a batch of NEW verdicts with the OLD side's.
    pub fn add(&mut self, batch: &[Verdict]) {
        for v in batch {
            self.seen_new += 1;
            self.compared += 1;
            let instrument = self
                .titles
                .get(&v.instrument)
                .cloned()
                .unwrap_or_else(|| v.instrument.clone());
            let key = (v.event.clone(), instrument.clone());
            let Some(&i) = self.index.get(&key) else {
                let after = self.last_met();
                let mut said = Said::of(v);
                said.instrument = instrument.clone();
                let articles = findings_of(v, |new| FindingChange::Added { new });
                let change = Change {
                    event: v.event.clone(),
                    instrument,
                    old: None,
                    new: Some(said),
                    articles,
                };
                self.changed.push(((after, self.seen_new), change));
                continue;
            };
            self.met[i] = true;
            let old = &self.old[i];
            let mut new_said = Said::of(v);
            new_said.instrument = instrument;
            let old_said = Said::of(old);
            // A finding that differs while the verdict does not (a new
            // article no event breaches) changed no verdict.
            if old_said == new_said {
                self.same += 1;
                if let Some(list) = &mut self.unchanged {
                    list.push(old_said);
                }
                continue;
            }
            let articles = explain::findings(old, v);
            let change = Change {
                event: v.event.clone(),
                instrument: old.instrument.clone(),
                old: Some(old_said),
                new: Some(new_said),
                articles,
            };
            self.changed.push(((i + 1, 0), change));
        }
    }

    /// Where a NEW-only verdict goes: after the last OLD verdict a NEW one
    /// met (OLD verdicts are placed at their index plus one).
    fn last_met(&self) -> usize {
        self.met.iter().rposition(|m| *m).map_or(0, |i| i + 1)
    }

    /// The diff, once every NEW verdict was added.
    pub fn finish(
        mut self,
        sides: (Side, Side),
        events: String,
        provisions: Vec<Provision>,
        rejected: (&[Rejection], &[Rejection]),
    ) -> Diff {
        for (i, v) in self.old.iter().enumerate() {
            if self.met[i] {
                continue;
            }
            self.compared += 1;
            let articles = findings_of(v, |old| FindingChange::Removed { old });
            let change = Change {
                event: v.event.clone(),
                instrument: v.instrument.clone(),
                old: Some(Said::of(v)),
                new: None,
                articles,
            };
            self.changed.push(((i + 1, 0), change));
        }
        self.changed.sort_by_key(|(at, _)| *at);
        let changed: Vec<Change> = self.changed.into_iter().map(|(_, c)| c).collect();
        Diff {
            old: sides.0,
            new: sides.1,
            events,
            provisions,
            compared: self.compared,
            same: self.same,
            by_article: tally::by_article(&changed),
            changed,
            unchanged: self.unchanged,
            rejected: one_sided(rejected.0, rejected.1),
        }
    }
}

impl Brief {
    pub fn of(f: &crate::eval::Finding) -> Brief {
        Brief {
            outcome: f.outcome,
            party: f.party.clone(),
            reason: f.reason.clone(),
        }
    }
}

/// The rejections one side made and the other did not, OLD's first, each
/// in input order. Two rejections are the same when they name the same
/// place in the events file and say the same.
fn one_sided(old: &[Rejection], new: &[Rejection]) -> Vec<OneSided> {
    let key = |r: &Rejection| (r.location.clone(), r.reason.clone());
    let only = |mine: &[Rejection], theirs: &[Rejection], side: Which| -> Vec<OneSided> {
        let theirs: std::collections::HashSet<_> = theirs.iter().map(key).collect();
        mine.iter()
            .filter(|r| !theirs.contains(&key(r)))
            .map(|r| OneSided {
                side,
                rejection: r.clone(),
            })
            .collect()
    };
    let mut out = only(old, new, Which::Old);
    out.extend(only(new, old, Which::New));
    out
}

/// The findings of a verdict given on one side only, each as `what` of it:
/// the articles it breached or was justified under.
fn findings_of(v: &Verdict, what: fn(Brief) -> FindingChange) -> Vec<ArticleChange> {
    v.articles
        .iter()
        .filter(|f| f.outcome != Outcome::NoViolation)
        .map(|f| ArticleChange {
            article: f.article.clone(),
            what: what(Brief::of(f)),
        })
        .collect()
}
