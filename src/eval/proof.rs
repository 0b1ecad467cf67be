//! Standards of proof: is the occurrence of an act, and separately its
//! attribution to the party held responsible, established by the evidence
//! recorded with it and with the events that corroborate it?
//!
//! A party's claim is an allegation and never counts. An admission counts
//! one grade better on each axis (A1 at best) when it is against the
//! interest of the party it is attributed to: it is the party's own word.
//! Corroboration counts distinct sources only. The standards are named
//! thresholds a rulebook can redefine (docs/language.md, "Standards of
//! proof").

use std::collections::BTreeSet;

pub use super::verdict::Aspect;
use super::verdict::{Account, Counted, EvidenceNote, Held, Need, Proof, Weighing, WeighingResult};
use crate::check::{Bar, Party, Relation, Standard};
use crate::events::{About, Evidence, EvidenceKind, Grade};
use crate::graph::EventGraph;
use crate::name::Name;

impl Aspect {
    fn bears(self, about: About) -> bool {
        matches!(
            (self, about),
            (_, About::Both)
                | (Aspect::Occurrence, About::Occurrence)
                | (Aspect::Attribution, About::Attribution)
        )
    }
}

/// Weighs the evidence for `event` against `standard`, for one aspect.
pub fn assess(
    graph: &EventGraph,
    parties: &[Party],
    event: usize,
    standard: &Standard,
    aspect: Aspect,
) -> Proof {
    let mut sources: Vec<usize> = vec![event];
    sources.extend(graph.referring(event, Relation::Corroborates));
    let mut notes = Vec::new();
    // For each bar, the independent sources that clear it.
    let mut clearing: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); standard.bars.len()];
    for &i in &sources {
        let e = &graph.events[i];
        for item in e.evidence.iter().filter(|item| aspect.bears(item.about)) {
            let counted = count(item, standard, &mut clearing);
            notes.push(note(&e.id, item, counted));
        }
    }
    let met = standard
        .bars
        .iter()
        .zip(&clearing)
        .any(|(bar, set)| set.len() >= bar.count);
    let mut against = graph.referring(event, Relation::Contradicts);
    against.extend(graph.related(event, Relation::Contradicts));
    against.sort_unstable();
    against.dedup();
    let contradicted_by = against
        .into_iter()
        .map(|i| account(graph, parties, i, aspect))
        .collect();
    Proof {
        standard: standard.name.clone(),
        aspect,
        met,
        why: weighing(standard, met, &notes),
        evidence: notes,
        contradicted_by,
    }
}

/// Weighs one list of evidence (a finding's, a link's) against a standard:
/// whether it meets it, and each item with whether it counted.
pub fn weigh(event: &Name, items: &[Evidence], standard: &Standard) -> (bool, Vec<EvidenceNote>) {
    let mut clearing: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); standard.bars.len()];
    let notes = items
        .iter()
        .map(|item| {
            let counted = count(item, standard, &mut clearing);
            note(event, item, counted)
        })
        .collect();
    let met = standard
        .bars
        .iter()
        .zip(&clearing)
        .any(|(bar, set)| set.len() >= bar.count);
    (met, notes)
}

/// Adds an item's source to every bar it clears; whether it cleared any.
fn count<'e>(item: &'e Evidence, standard: &Standard, clearing: &mut [BTreeSet<&'e str>]) -> bool {
    let grade = weight(item);
    let mut counted = false;
    for (bar, set) in standard.bars.iter().zip(clearing.iter_mut()) {
        if grade.is_some_and(|g| clears(g, bar)) {
            set.insert(&item.identity);
            counted = true;
        }
    }
    counted
}

fn note(event: &Name, item: &Evidence, counted: bool) -> EvidenceNote {
    EvidenceNote {
        event: event.clone(),
        source: item.source.clone(),
        kind: item.kind,
        grade: item.grade,
        counted,
    }
}

/// A competing account, shown beside the evidence it competes with: who
/// it says acted, what it says happened, and what it rests on.
fn account(graph: &EventGraph, parties: &[Party], i: usize, aspect: Aspect) -> Account {
    let e = &graph.events[i];
    Account {
        event: e.id.clone(),
        actor: e.party.map(|p| parties[usize::from(p)].id.clone()),
        summary: e.summary().map(Into::into),
        evidence: e
            .evidence
            .iter()
            .filter(|item| aspect.bears(item.about))
            .map(|item| note(&e.id, item, false))
            .collect(),
    }
}

/// The grade an item counts at: none for a party's claim; one better on
/// each axis for an admission.
fn weight(item: &Evidence) -> Option<Grade> {
    match item.kind {
        EvidenceKind::PartyClaim => None,
        EvidenceKind::Admission => Some(item.grade.raised()),
        EvidenceKind::Observation | EvidenceKind::Sensor | EvidenceKind::Investigation => {
            Some(item.grade)
        }
    }
}

fn clears(grade: Grade, bar: &Bar) -> bool {
    grade.at_least(bar.reliability, bar.credibility)
}

/// The bars of a standard: `1 at B2 or 2 at C3`.
fn needs(standard: &Standard) -> Vec<Need> {
    standard
        .bars
        .iter()
        .map(|b| Need {
            count: b.count,
            grade: Grade {
                reliability: b.reliability as u8,
                credibility: b.credibility,
            },
        })
        .collect()
}

/// Whether the evidence met the standard: by what, or what it lacked.
pub(super) fn weighing(standard: &Standard, met: bool, notes: &[EvidenceNote]) -> Weighing {
    let held = || {
        notes
            .iter()
            .map(|n| Held {
                grade: n.grade,
                kind: n.kind,
            })
            .collect()
    };
    let result = if met {
        WeighingResult::Met {
            by: notes
                .iter()
                .filter(|n| n.counted)
                .map(|n| Counted {
                    grade: n.grade,
                    kind: n.kind,
                    source: n.source.clone(),
                })
                .collect(),
        }
    } else if notes.is_empty() {
        WeighingResult::NoEvidence {
            needs: needs(standard),
        }
    } else if notes.iter().all(|n| n.kind == EvidenceKind::PartyClaim) {
        WeighingResult::ClaimsOnly {
            needs: needs(standard),
            held: held(),
        }
    } else {
        WeighingResult::ShortOf {
            needs: needs(standard),
            held: held(),
        }
    };
    Weighing {
        standard: standard.name.clone(),
        result,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_item_bars_rise_with_the_standard() {
        let b2 = Grade::parse("B2").unwrap();
        let single = |s: &Standard| s.bars[0];
        let [p, c, b] = <[Standard; 3]>::try_from(Standard::builtins()).unwrap();
        assert!(clears(b2, &single(&p)));
        assert!(clears(b2, &single(&c)));
        assert!(!clears(b2, &single(&b)));
    }

    #[test]
    fn an_admission_counts_one_grade_better() {
        assert_eq!(Grade::parse("C3").unwrap().raised().to_string(), "B2");
        assert_eq!(Grade::parse("A1").unwrap().raised().to_string(), "A1");
    }
}
