//! What is disputed about an event, and the accounts that follow from it,
//! in a fixed order: the record; where reports contradict each other,
//! this report, then each other report; the monitor's evidence alone,
//! where a party's admission counts; each aspect the record leaves
//! unproven, proven; each proven aspect another report or a party's claim
//! contests, not proven.
//!
//! A party's claim is not taken as established: the record does not say
//! whether it affirms or denies the report it is recorded with
//! (docs/events.md), so it only marks the aspects it bears on as
//! disputed. A party's own version is judged when it is recorded as a
//! report of its own, linked by `contradicts`.

use std::collections::HashMap;

use serde::Serialize;

use crate::ast::Relation;
use crate::eval::{Aspect, Reason, Verdict};
use crate::events::{About, Evidence, EvidenceKind, Grade};
use crate::graph::EventGraph;
use crate::name::Name;

/// Something the accounts of an event disagree on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Dispute {
    /// Another report of the incident, linked by `contradicts` (either
    /// way).
    Contradicted { event: Name },
    /// A party's claim recorded with the event: an allegation, which never
    /// counts towards a standard of proof.
    Claim { source: Name, aspects: Vec<Aspect> },
    /// An aspect some article found met but not proven.
    Unproven { aspect: Aspect, articles: Vec<Name> },
    /// An aspect proven, which other reports or a party's claims contest.
    Contested {
        aspect: Aspect,
        articles: Vec<Name>,
        /// Reports linked by `contradicts`.
        reports: Vec<Name>,
        /// Sources of party claims bearing on it.
        claims: Vec<Name>,
    },
}

/// One account of the event: what differs from the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Account {
    /// The events as recorded, weighed as always: the monitor's evidence
    /// counts, a party's claim does not.
    Record,
    /// This report is true: the reports contradicting it set aside.
    ThisReport { set_aside: Vec<Name> },
    /// Another report is true: it is judged, this one set aside.
    OtherReport { event: Name, set_aside: Name },
    /// The monitor's evidence alone: a party's admissions set aside, as
    /// its claims always are.
    MonitorOnly { items: Vec<Item> },
    /// The aspect taken as established.
    Proven { aspect: Aspect },
    /// The evidence for the aspect set aside (an item bearing on both
    /// aspects kept for the other).
    NotProven { aspect: Aspect, items: Vec<Item> },
}

/// An item of evidence an account changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub event: Name,
    pub source: Name,
    pub kind: EvidenceKind,
    pub grade: Grade,
    pub about: About,
}

impl Item {
    fn of(event: &Name, e: &Evidence) -> Item {
        Item {
            event: event.clone(),
            source: e.source.clone(),
            kind: e.kind,
            grade: e.grade,
            about: e.about,
        }
    }
}

/// The aspects an item bears on.
pub(super) fn aspects(about: About) -> &'static [Aspect] {
    match about {
        About::Occurrence => &[Aspect::Occurrence],
        About::Attribution => &[Aspect::Attribution],
        About::Both => &[Aspect::Occurrence, Aspect::Attribution],
    }
}

/// What is disputed about the event at `index`, given its verdict on the
/// record.
pub fn disputes(graph: &EventGraph, index: usize, record: &Verdict) -> Vec<Dispute> {
    let mut out: Vec<Dispute> = contradicting(graph, index)
        .into_iter()
        .map(|i| Dispute::Contradicted {
            event: graph.events[i].id.clone(),
        })
        .collect();
    let claims = claims(graph, index);
    out.extend(claims.iter().map(|(source, items)| Dispute::Claim {
        source: source.clone(),
        aspects: covered(items),
    }));
    for aspect in [Aspect::Occurrence, Aspect::Attribution] {
        let unproven = unproven(record, aspect);
        if !unproven.is_empty() {
            out.push(Dispute::Unproven {
                aspect,
                articles: unproven,
            });
        }
        let on_it = claims
            .iter()
            .filter(|(_, items)| covered(items).contains(&aspect));
        let claims: Vec<Name> = on_it.map(|(source, _)| source.clone()).collect();
        let (articles, reports) = contested(record, aspect, !claims.is_empty());
        if !articles.is_empty() {
            out.push(Dispute::Contested {
                aspect,
                articles,
                reports,
                claims,
            });
        }
    }
    out
}

/// The accounts of the disputes, the record first, at most
/// [`super::MAX_ACCOUNTS`]; and how many were left out.
pub fn accounts(graph: &EventGraph, index: usize, disputes: &[Dispute]) -> (Vec<Account>, usize) {
    let id = &graph.events[index].id;
    let mut out = vec![Account::Record];
    if disputes.is_empty() {
        return (out, 0);
    }
    let others: Vec<Name> = disputes
        .iter()
        .filter_map(|d| match d {
            Dispute::Contradicted { event } => Some(event.clone()),
            Dispute::Claim { .. } | Dispute::Unproven { .. } | Dispute::Contested { .. } => None,
        })
        .collect();
    if !others.is_empty() {
        out.push(Account::ThisReport {
            set_aside: others.clone(),
        });
    }
    out.extend(others.into_iter().map(|event| Account::OtherReport {
        event,
        set_aside: id.clone(),
    }));
    let admissions = admissions(graph, index);
    if !admissions.is_empty() {
        out.push(Account::MonitorOnly { items: admissions });
    }
    for d in disputes {
        match d {
            Dispute::Unproven { aspect, .. } => out.push(Account::Proven { aspect: *aspect }),
            Dispute::Contested { aspect, .. } => out.push(Account::NotProven {
                aspect: *aspect,
                items: bearing(graph, index, *aspect),
            }),
            Dispute::Contradicted { .. } | Dispute::Claim { .. } => {}
        }
    }
    let left_out = out.len().saturating_sub(super::MAX_ACCOUNTS);
    out.truncate(super::MAX_ACCOUNTS);
    (out, left_out)
}

/// Events linked to this one by `contradicts`, either way, in input order.
/// The evidence an account of the event may weigh: its own items, or the
/// most of any report contradicting it (an account judges that instead).
pub fn weight(graph: &EventGraph, index: usize) -> usize {
    let items = |i: usize| graph.events[i].evidence.len();
    let others = contradicting(graph, index).into_iter().map(items).max();
    items(index).max(others.unwrap_or(0))
}

fn contradicting(graph: &EventGraph, index: usize) -> Vec<usize> {
    let mut all = graph.related(index, Relation::Contradicts);
    all.extend(graph.referring(index, Relation::Contradicts));
    all.sort_unstable();
    all.dedup();
    all.retain(|&i| i != index);
    all
}

/// The event's party claims, grouped by source (as independence counts
/// sources), in the order first recorded.
fn claims(graph: &EventGraph, index: usize) -> Vec<(Name, Vec<Item>)> {
    let e = &graph.events[index];
    // By identity, so many claims cost a lookup each, not a scan.
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<(Name, Vec<Item>)> = Vec::new();
    for item in e
        .evidence
        .iter()
        .filter(|i| i.kind == EvidenceKind::PartyClaim)
    {
        let n = *at.entry(&item.identity).or_insert_with(|| {
            out.push((item.source.clone(), Vec::new()));
            out.len() - 1
        });
        out[n].1.push(Item::of(&e.id, item));
    }
    out
}

/// The aspects some item bears on, occurrence first.
fn covered(items: &[Item]) -> Vec<Aspect> {
    [Aspect::Occurrence, Aspect::Attribution]
        .into_iter()
        .filter(|a| items.iter().any(|i| aspects(i.about).contains(a)))
        .collect()
}

/// The articles whose condition was met but which left `aspect` unproven.
fn unproven(record: &Verdict, aspect: Aspect) -> Vec<Name> {
    let unproven = |r: &Reason| match aspect {
        Aspect::Occurrence => matches!(r, Reason::NotProven { .. }),
        Aspect::Attribution => matches!(r, Reason::NotAttributed { .. }),
    };
    let found = record.articles.iter().filter(|f| unproven(&f.reason));
    found.map(|f| f.article.clone()).collect()
}

/// The articles that proved `aspect` against a competing report (or, when
/// `claimed`, against a party's claim), and the competing reports.
fn contested(record: &Verdict, aspect: Aspect, claimed: bool) -> (Vec<Name>, Vec<Name>) {
    let (mut articles, mut by) = (Vec::new(), Vec::new());
    // By identity, so thousands of contradicting reports cost a lookup
    // each, not a scan.
    let mut seen: std::collections::HashSet<Name> = std::collections::HashSet::new();
    for f in &record.articles {
        let proof = match aspect {
            Aspect::Occurrence => f.proof.as_ref(),
            Aspect::Attribution => f.attribution.as_ref(),
        };
        let Some(p) = proof.filter(|p| p.met && (claimed || !p.contradicted_by.is_empty())) else {
            continue;
        };
        articles.push(f.article.clone());
        for a in &p.contradicted_by {
            if seen.insert(a.event.clone()) {
                by.push(a.event.clone());
            }
        }
    }
    (articles, by)
}

/// The items bearing on `aspect` that the event's proof weighs and may
/// count (a party's claim never counts, so setting it aside changes
/// nothing).
fn bearing(graph: &EventGraph, index: usize, aspect: Aspect) -> Vec<Item> {
    weighed(graph, index, |x| {
        x.kind != EvidenceKind::PartyClaim && aspects(x.about).contains(&aspect)
    })
}

/// The admissions the event's proof weighs.
fn admissions(graph: &EventGraph, index: usize) -> Vec<Item> {
    weighed(graph, index, |x| x.kind == EvidenceKind::Admission)
}

/// The items `keep` keeps of those the event's proof weighs: its own and
/// those of the events that corroborate it.
fn weighed(graph: &EventGraph, index: usize, keep: impl Fn(&Evidence) -> bool) -> Vec<Item> {
    let mut out = Vec::new();
    for i in weighing(graph, index) {
        let e = &graph.events[i];
        let items = e.evidence.iter().filter(|x| keep(x));
        out.extend(items.map(|x| Item::of(&e.id, x)));
    }
    out
}

/// The events whose evidence the event's proof weighs: itself and those
/// that corroborate it (as `eval::proof` reads them).
pub(super) fn weighing(graph: &EventGraph, index: usize) -> Vec<usize> {
    let mut sources = vec![index];
    sources.extend(graph.referring(index, Relation::Corroborates));
    sources
}
