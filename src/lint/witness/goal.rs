//! What a witness must show, and whether a verdict shows it (read on the
//! verdict's data: outcomes, articles, exceptions' status, steps' truth).

use std::sync::Arc;

use crate::check::{Cond, Rulebook};
use crate::eval::{ExceptionStatus, Finding, Outcome, Step, Truth, Verdict};
use crate::name::Name;
use std::ops::Range;

/// What a witness must show when adjudicated. Articles, exceptions and
/// acts are indices into the rulebook's lists.
#[derive(Debug, Clone, PartialEq)]
pub enum Goal {
    /// The article finds a violation.
    Article(usize),
    /// The exception applies.
    Exception(usize),
    /// Both exceptions apply to one event.
    Both(usize, usize),
    /// An event of this act is judged, and no article applies to it.
    Unreached(usize),
    /// A part of a condition (by the byte range of its span) comes out
    /// `holds` when the condition is evaluated: a part the logic lint
    /// found always true or always false, exercised.
    Exercised {
        site: Site,
        part: Range<usize>,
        holds: bool,
    },
}

/// Where a condition is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    Article(usize),
    Exception(usize),
}

impl Goal {
    /// The goal that article `label` applies.
    pub fn article(rulebook: &Rulebook, label: &str) -> Option<Goal> {
        article_index(rulebook, label).map(Goal::Article)
    }

    /// The goal that the exception named `name` applies.
    pub fn exception(rulebook: &Rulebook, name: &str) -> Option<Goal> {
        exception_index(rulebook, name).map(Goal::Exception)
    }

    /// The goal that both exceptions apply to one event.
    pub fn both(rulebook: &Rulebook, a: &str, b: &str) -> Option<Goal> {
        Some(Goal::Both(
            exception_index(rulebook, a)?,
            exception_index(rulebook, b)?,
        ))
    }

    /// The goal that act `name` reaches no article.
    pub fn unreached(rulebook: &Rulebook, name: &str) -> Option<Goal> {
        let i = rulebook.acts.iter().position(|a| &*a.name == name)?;
        Some(Goal::Unreached(i))
    }

    /// Whether the verdicts on a witness's events show the goal.
    pub fn shown(&self, rulebook: &Rulebook, verdicts: &[Verdict]) -> bool {
        verdicts.iter().any(|v| self.shown_by(rulebook, v))
    }

    fn shown_by(&self, rulebook: &Rulebook, v: &Verdict) -> bool {
        match self {
            Goal::Article(i) => {
                let label = &rulebook.articles[*i].number;
                v.articles
                    .iter()
                    .any(|f| f.article == *label && f.outcome == Outcome::Violation)
            }
            Goal::Exception(i) => applies(rulebook, v, *i),
            Goal::Both(a, b) => applies(rulebook, v, *a) && applies(rulebook, v, *b),
            Goal::Unreached(_) => {
                v.in_force.result == Truth::True
                    && v.outcome == Outcome::NoViolation
                    && v.articles.iter().all(|f| f.outcome == Outcome::NoViolation)
            }
            Goal::Exercised { site, part, holds } => {
                let Some(text) = part_text(rulebook, *site, part) else {
                    return false;
                };
                let want = Truth::from(*holds);
                steps_of(rulebook, v, *site)
                    .iter()
                    .any(|s| has_step(s, &text, want))
            }
        }
    }

    /// What the goal names, by name: an article's label, exceptions'
    /// names, an act's name, a condition part's text.
    pub fn names(&self, rulebook: &Rulebook) -> Vec<Name> {
        let exception = |i: usize| rulebook.exceptions[i].name.clone();
        match self {
            Goal::Article(i) => vec![rulebook.articles[*i].number.clone()],
            Goal::Exception(i) => vec![exception(*i)],
            Goal::Both(a, b) => vec![exception(*a), exception(*b)],
            Goal::Unreached(a) => vec![rulebook.acts[*a].name.clone()],
            Goal::Exercised { site, part, .. } => part_text(rulebook, *site, part)
                .map(|t| Name::from(&*t))
                .into_iter()
                .collect(),
        }
    }
}

fn article_index(rulebook: &Rulebook, label: &str) -> Option<usize> {
    rulebook.articles.iter().position(|a| &*a.number == label)
}

fn exception_index(rulebook: &Rulebook, name: &str) -> Option<usize> {
    rulebook.exceptions.iter().position(|e| &*e.name == name)
}

/// Whether exception `i` applies under some article of the verdict.
fn applies(rulebook: &Rulebook, v: &Verdict, i: usize) -> bool {
    let name = &rulebook.exceptions[i].name;
    v.articles.iter().any(|f| {
        f.exceptions
            .iter()
            .any(|t| t.exception == *name && t.status == ExceptionStatus::Applies)
    })
}

/// The evaluated condition of a site, in each finding that shows it.
fn steps_of<'v>(rulebook: &Rulebook, v: &'v Verdict, site: Site) -> Vec<&'v Step> {
    match site {
        Site::Article(i) => {
            let label = &rulebook.articles[i].number;
            let found = v.articles.iter().filter(|f| f.article == *label);
            found.map(|f: &Finding| &f.condition).collect()
        }
        Site::Exception(i) => {
            let name = &rulebook.exceptions[i].name;
            v.articles
                .iter()
                .flat_map(|f| &f.exceptions)
                .filter(|t| t.exception == *name)
                .filter_map(|t| t.condition.as_ref())
                .collect()
        }
    }
}

/// The text of the part of a site's condition written at `span`: steps
/// share it, so a step is the part's when it holds the same text.
fn part_text(rulebook: &Rulebook, site: Site, part: &Range<usize>) -> Option<Arc<str>> {
    find_part(site_cond(rulebook, site), part).map(|c| c.text.clone())
}

pub(super) fn site_cond(rulebook: &Rulebook, site: Site) -> &Cond {
    match site {
        Site::Article(i) => &rulebook.articles[i].violation,
        Site::Exception(i) => &rulebook.exceptions[i].condition,
    }
}

/// The part of `c` written at `part` (spans compare equal wherever they
/// are written: the range tells them apart).
pub(super) fn find_part<'c>(c: &'c Cond, part: &Range<usize>) -> Option<&'c Cond> {
    if c.span.range == *part {
        return Some(c);
    }
    c.parts().into_iter().find_map(|k| find_part(k, part))
}

fn has_step(s: &Step, text: &Arc<str>, want: Truth) -> bool {
    (Arc::ptr_eq(&s.condition, text) && s.result == want)
        || s.steps.iter().any(|k| has_step(k, text, want))
}
