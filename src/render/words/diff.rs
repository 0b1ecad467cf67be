//! The words of `truce diff`: a verdict that changed, the step of its
//! reasoning that differs, the provisions the rulebooks hold differently,
//! the summary by article. One wording for text, HTML and Markdown, which
//! only lay it out. Text from the input stays raw here.

use crate::diff::{
    ArticleTally, Brief, Change, Diff, ExceptionChange, FactChange, FactSeen, FindingChange,
    OneSided, Provision, ProvisionChange, ProvisionKind, Said, Side, StepChange, Which,
};
use crate::eval::Outcome;

/// One verdict that changed, worded: a headline, what each side said,
/// and the lines of what differs, each with its depth.
#[derive(Debug, Clone)]
pub struct Worded {
    pub headline: String,
    /// The outcome each side gave, for a renderer's colours.
    pub outcomes: (Option<Outcome>, Option<Outcome>),
    pub old: String,
    pub new: String,
    pub lines: Vec<(usize, String)>,
}

/// A side as a heading names it: `OLD`, `HEAD~1`, with its rule files.
pub fn side(s: &Side) -> String {
    let mut out = format!("{}: {}", s.label, s.rules.join(", "));
    if let Some(rev) = &s.revision {
        out.push_str(&format!(" at revision {rev}"));
    }
    if !s.added.is_empty() {
        out.push_str(&format!(", with {} added", s.added.join(", ")));
    }
    if !s.doctrines.is_empty() {
        out.push_str(&format!(", doctrine {}", s.doctrines.join(", ")));
    }
    out
}

/// What a side said of a verdict: `violation, party KPA: violates
/// article 12 (exception return_fire applies)`, or that it gave none.
pub fn said(s: Option<&Said>) -> String {
    let Some(s) = s else {
        return "no verdict of this instrument".to_owned();
    };
    let mut out = outcome_party(s.outcome, s.party.as_deref());
    let summary = super::summary(&s.summary);
    if !summary.is_empty() {
        out.push_str(": ");
        out.push_str(&summary);
    }
    if !s.exceptions.is_empty() {
        let names: Vec<&str> = s.exceptions.iter().map(|e| &**e).collect();
        out.push_str(&format!(" (exception {} applies)", names.join(", ")));
    }
    out
}

fn outcome_party(o: Outcome, party: Option<&str>) -> String {
    match party {
        Some(p) if o != Outcome::NoViolation => format!("{}, party {p}", super::outcome(o)),
        _ => super::outcome(o).to_owned(),
    }
}

fn brief(b: &Brief) -> String {
    outcome_party(b.outcome, b.party.as_deref())
}

/// The sides' labels, for lines that name one.
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    pub old: &'a str,
    pub new: &'a str,
}

/// A verdict that changed, worded.
pub fn change(c: &Change, labels: Labels<'_>) -> Worded {
    let mut lines = Vec::new();
    for a in &c.articles {
        article(&a.article, &a.what, labels, &mut lines);
    }
    Worded {
        headline: format!("{} ({})", c.event, c.instrument),
        outcomes: (
            c.old.as_ref().map(|s| s.outcome),
            c.new.as_ref().map(|s| s.outcome),
        ),
        old: said(c.old.as_ref()),
        new: said(c.new.as_ref()),
        lines,
    }
}

fn article(
    number: &str,
    what: &FindingChange,
    labels: Labels<'_>,
    lines: &mut Vec<(usize, String)>,
) {
    match what {
        FindingChange::Added { new } => lines.push((
            0,
            format!("article {number} only under {}: {}", labels.new, brief(new)),
        )),
        FindingChange::Removed { old } => lines.push((
            0,
            format!("article {number} only under {}: {}", labels.old, brief(old)),
        )),
        FindingChange::Changed {
            old,
            new,
            text_changed,
            condition_changed,
            steps,
            exceptions,
        } => {
            let head = if old.outcome == new.outcome && old.party == new.party {
                format!("article {number}: {}, for another reason", brief(new))
            } else {
                format!("article {number}: {} → {}", brief(old), brief(new))
            };
            lines.push((0, head));
            if old.reason != new.reason {
                lines.push((1, format!("was: {}", super::reason(&old.reason))));
                lines.push((1, format!("now: {}", super::reason(&new.reason))));
            }
            if *text_changed {
                lines.push((1, "its text was changed".to_owned()));
            }
            if *condition_changed {
                lines.push((1, "its condition was rewritten".to_owned()));
            }
            for s in steps {
                step(s, 1, labels, lines);
            }
            for e in exceptions {
                exception(e, labels, lines);
            }
        }
    }
}

/// A step that differs, with the facts behind it one level deeper.
fn step(s: &StepChange, depth: usize, labels: Labels<'_>, lines: &mut Vec<(usize, String)>) {
    let t = super::truth;
    match s {
        StepChange::Truth {
            condition,
            old,
            new,
            facts,
        } => {
            lines.push((depth, format!("`{condition}`: {} → {}", t(*old), t(*new))));
            for f in facts {
                lines.push((depth + 1, fact(f)));
            }
        }
        StepChange::Facts {
            condition,
            result,
            facts,
        } => {
            lines.push((
                depth,
                format!(
                    "`{condition}`: {} on both sides, from other facts",
                    t(*result)
                ),
            ));
            for f in facts {
                lines.push((depth + 1, fact(f)));
            }
        }
        StepChange::Added { condition, result } => lines.push((
            depth,
            format!(
                "test `{condition}` only under {}: {}",
                labels.new,
                t(*result)
            ),
        )),
        StepChange::Removed { condition, result } => lines.push((
            depth,
            format!(
                "test `{condition}` only under {}: {}",
                labels.old,
                t(*result)
            ),
        )),
        StepChange::Rewritten {
            old_condition,
            new_condition,
            old,
            new,
        } => {
            lines.push((depth, format!("was `{old_condition}`: {}", t(*old))));
            lines.push((depth, format!("now `{new_condition}`: {}", t(*new))));
        }
    }
}

fn seen(f: Option<&FactSeen>) -> String {
    match f {
        None => "not read".to_owned(),
        Some(f) => match &f.computed {
            Some(c) => format!("{} ({})", f.value, super::computed(c)),
            None => f.value.to_string(),
        },
    }
}

/// `Y-3.target: A → B`.
fn fact(f: &FactChange) -> String {
    format!(
        "{}.{}: {} → {}",
        f.event,
        f.field,
        seen(f.old.as_ref()),
        seen(f.new.as_ref())
    )
}

fn exception(e: &ExceptionChange, labels: Labels<'_>, lines: &mut Vec<(usize, String)>) {
    let status = |s| super::exception_status(s).1;
    match e {
        ExceptionChange::Added {
            exception,
            status: s,
        } => lines.push((
            1,
            format!(
                "exception {exception} overrides it only under {}: {}",
                labels.new,
                status(*s)
            ),
        )),
        ExceptionChange::Removed {
            exception,
            status: s,
        } => lines.push((
            1,
            format!(
                "exception {exception} overrides it only under {}: {}",
                labels.old,
                status(*s)
            ),
        )),
        ExceptionChange::Status {
            exception,
            old,
            new,
            steps,
        } => {
            lines.push((
                1,
                format!("exception {exception}: {} → {}", status(*old), status(*new)),
            ));
            for s in steps {
                step(s, 2, labels, lines);
            }
        }
    }
}

/// `article 12 (Korean Armistice Agreement): its condition was changed`.
pub fn provision(p: &Provision) -> String {
    let kind = match p.kind {
        ProvisionKind::Article => "article",
        ProvisionKind::Exception => "exception",
    };
    let what = match p.change {
        ProvisionChange::Added => "added".to_owned(),
        ProvisionChange::Removed => "removed".to_owned(),
        ProvisionChange::Changed { text, declaration } => match (text, declaration) {
            (true, true) => "its text and its terms were changed".to_owned(),
            (true, false) => "its text was changed".to_owned(),
            (false, _) => {
                "its terms were changed (condition, who answers, proof or ranks)".to_owned()
            }
        },
    };
    format!("{kind} {} ({}): {what}", p.name, p.instrument)
}

/// `article 12 (Korean Armistice Agreement): violation → no violation`.
pub fn tally_row(r: &ArticleTally) -> (String, String) {
    let o = |o: Option<Outcome>| o.map_or("absent", super::outcome);
    (
        format!("article {} ({})", r.article, r.instrument),
        format!("{} → {}", o(r.old), o(r.new)),
    )
}

/// An event rejected on one side only.
pub fn one_sided(r: &OneSided, d: &Diff) -> String {
    let side = match r.side {
        Which::Old => &d.old.label,
        Which::New => &d.new.label,
    };
    format!(
        "rejected only under {side}: {} at {}: {}",
        r.rejection.event.as_deref().unwrap_or("an event"),
        r.rejection.location,
        r.rejection.reason
    )
}

/// The counts in one sentence.
pub fn totals(d: &Diff) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} compared: {} the same, {} changed; {} rejected on one side only",
        plural(d.compared, "verdict", "verdicts"),
        d.same,
        d.changed.len(),
        plural(d.rejected.len(), "event", "events"),
    )
}
