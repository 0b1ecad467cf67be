//! Each account as the events it judges: the loaded events rewritten (an
//! event set aside, evidence added or set aside) and built into a graph
//! of their own, by the graph's own projection, so relations to an event
//! set aside read as relations to an event the record does not hold.

use std::collections::HashSet;

use super::account::{Account, aspects, weighing};
use crate::check::Rulebook;
use crate::eval::Aspect;
use crate::events::{About, Event, Evidence, EvidenceKind, Grade};
use crate::graph::EventGraph;
use crate::name::Name;

/// The most items an aspect taken as established is given: a standard
/// asking for more independent sources than this stays unmet.
const MOST_ITEMS: usize = 64;

/// The graph an account judges, and the index there of the event judged;
/// `None` for the record, which is the graph itself.
pub(super) fn world(
    rulebook: &Rulebook,
    graph: &EventGraph,
    index: usize,
    account: &Account,
) -> Option<(EventGraph, usize)> {
    let id = graph.events[index].id.clone();
    let judged = match account {
        Account::Record => return None,
        Account::OtherReport { event, .. } => event.clone(),
        Account::ThisReport { .. }
        | Account::MonitorOnly { .. }
        | Account::Proven { .. }
        | Account::NotProven { .. } => id.clone(),
    };
    // Sets, so an event with many corroborating or contradicting reports
    // costs a lookup per event, not a scan.
    let weighed: HashSet<Name> = weighing(graph, index)
        .into_iter()
        .map(|i| graph.events[i].id.clone())
        .collect();
    let set_aside: HashSet<&Name> = match account {
        Account::ThisReport { set_aside } => set_aside.iter().collect(),
        Account::Record
        | Account::OtherReport { .. }
        | Account::MonitorOnly { .. }
        | Account::Proven { .. }
        | Account::NotProven { .. } => HashSet::new(),
    };
    let needed = needed(rulebook);
    let projection = graph.project(|e| {
        let this = e.id == id;
        match account {
            Account::Record => Some(e.clone()),
            Account::ThisReport { .. } => (!set_aside.contains(&e.id)).then(|| e.clone()),
            Account::OtherReport { .. } => (!this).then(|| e.clone()),
            Account::MonitorOnly { .. } if weighed.contains(&e.id) => Some(monitor_only(e)),
            Account::Proven { aspect } if this => Some(established(
                e,
                &Name::from("what-if"),
                &[about(*aspect)],
                needed,
            )),
            Account::NotProven { aspect, .. } if weighed.contains(&e.id) => {
                Some(without(e, *aspect))
            }
            Account::MonitorOnly { .. } | Account::Proven { .. } | Account::NotProven { .. } => {
                Some(e.clone())
            }
        }
    });
    let at = graph.events.iter().position(|e| e.id == judged)?;
    let local = projection.local[at]?;
    Some((projection.graph, local))
}

/// How many independent items of the best grade meet every standard of
/// the rulebook: the most any standard asks at its easiest bar.
fn needed(rulebook: &Rulebook) -> usize {
    let easiest = |s: &crate::check::Standard| s.bars.iter().map(|b| b.count).min();
    let most = rulebook.standards.iter().filter_map(easiest).max();
    most.unwrap_or(1).clamp(1, MOST_ITEMS)
}

fn about(aspect: Aspect) -> About {
    match aspect {
        Aspect::Occurrence => About::Occurrence,
        Aspect::Attribution => About::Attribution,
    }
}

/// The event with `needed` items of the best grade from `source`, each a
/// source of its own, for each of `abouts`: what it bears on established.
fn established(e: &Event, source: &Name, abouts: &[About], needed: usize) -> Event {
    let mut out = e.clone();
    let mut evidence = out.evidence.to_vec();
    for &about in abouts {
        for n in 1..=needed {
            evidence.push(Evidence {
                source: source.clone(),
                identity: format!("{source} (what-if {n})").into(),
                kind: EvidenceKind::Investigation,
                grade: Grade {
                    reliability: b'A',
                    credibility: 1,
                },
                about,
                text: None,
            });
        }
    }
    out.evidence = evidence.into();
    out
}

/// The event with its admissions set aside.
fn monitor_only(e: &Event) -> Event {
    let mut out = e.clone();
    let kept = out
        .evidence
        .iter()
        .filter(|x| x.kind != EvidenceKind::Admission);
    out.evidence = kept.cloned().collect();
    out
}

/// The event with its evidence on `aspect` set aside: an item bearing on
/// both aspects is kept for the other.
fn without(e: &Event, aspect: Aspect) -> Event {
    let mut out = e.clone();
    let kept = out.evidence.iter().filter_map(|item| {
        let rest: Vec<Aspect> = aspects(item.about)
            .iter()
            .copied()
            .filter(|a| *a != aspect)
            .collect();
        let about = match rest[..] {
            [] => return None,
            [a] if aspects(item.about).len() > 1 => about(a),
            _ => item.about,
        };
        Some(Evidence {
            about,
            ..item.clone()
        })
    });
    out.evidence = kept.collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rulebook and graph of the competing accounts case.
    fn competing() -> (crate::check::Rulebook, EventGraph) {
        let rules = std::path::Path::new("rules/ua-dmz-2025-draft.truce");
        let book = crate::load_rulebook(rules).unwrap().rulebook;
        let instrument = crate::Instrument {
            rulebook: &book,
            path: rules,
        };
        let events = std::path::Path::new("cases/ua-competing-accounts/events.yaml");
        let graph = crate::prepare(&[instrument], events).unwrap().graph;
        (book, graph)
    }

    #[test]
    fn another_report_is_judged_with_this_one_set_aside() {
        let (book, graph) = competing();
        let account = Account::OtherReport {
            event: "C-4".into(),
            set_aside: "C-3".into(),
        };
        let (world, at) = world(&book, &graph, 2, &account).unwrap();
        assert_eq!(&*world.events[at].id, "C-4");
        assert!(!world.events.iter().any(|e| &*e.id == "C-3"));
        assert_eq!(world.events.len(), graph.events.len() - 1);
    }

    #[test]
    fn an_aspect_set_aside_keeps_an_item_on_both_for_the_other() {
        let (_, graph) = competing();
        // C-4's claim bears on both aspects (`about` left out).
        let claim = &graph.events[3];
        assert_eq!(claim.evidence[0].about, About::Both);
        let kept = without(claim, Aspect::Occurrence);
        assert_eq!(kept.evidence.len(), 1);
        assert_eq!(kept.evidence[0].about, About::Attribution);
        // C-3's radar bears on the occurrence only: set aside with it.
        let radar = without(&graph.events[2], Aspect::Occurrence);
        assert!(radar.evidence.iter().all(|x| x.about != About::Occurrence));
    }

    #[test]
    fn an_aspect_established_meets_the_most_demanding_standard() {
        let (book, graph) = competing();
        let n = needed(&book);
        let proven = established(&graph.events[1], &"what-if".into(), &[About::Occurrence], n);
        let added = proven.evidence.len() - graph.events[1].evidence.len();
        assert_eq!(added, n);
        let identities: std::collections::BTreeSet<&str> =
            proven.evidence.iter().map(|x| &*x.identity).collect();
        assert_eq!(
            identities.len(),
            proven.evidence.len(),
            "each a source of its own"
        );
    }
}
