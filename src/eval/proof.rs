//! Standards of proof: is the occurrence of an act established by the
//! evidence recorded with it and with the events that corroborate it?
//!
//! A party's claim is an allegation and never counts; an admission does.
//! Corroboration counts distinct sources only. The thresholds are in
//! docs/language.md ("Standards of proof").

use std::collections::BTreeSet;

use super::verdict::{EvidenceNote, Proof};
use crate::check::{Relation, Standard};
use crate::events::EvidenceKind;
#[cfg(test)]
use crate::events::Grade;
use crate::graph::EventGraph;

/// The bar one counted item must clear, and how many independent sources
/// at a lower bar can meet the standard instead.
struct Threshold {
    single: (char, u8),
    several: Option<(usize, char, u8)>,
}

fn threshold(standard: Standard) -> Threshold {
    match standard {
        Standard::Preponderance => Threshold {
            single: ('C', 3),
            several: None,
        },
        Standard::ClearAndConvincing => Threshold {
            single: ('B', 2),
            several: Some((2, 'C', 3)),
        },
        Standard::BeyondReasonableDoubt => Threshold {
            single: ('A', 1),
            several: Some((2, 'B', 2)),
        },
    }
}

/// Weighs the evidence for `event` against `standard`.
pub fn assess(graph: &EventGraph, event: usize, standard: Standard) -> Proof {
    let mut sources: Vec<usize> = vec![event];
    sources.extend(graph.referring(event, Relation::Corroborates));
    let bar = threshold(standard);
    let mut notes = Vec::new();
    let mut single = false;
    let mut independent = BTreeSet::new();
    for &i in &sources {
        let e = &graph.events[i];
        for item in e.evidence.iter() {
            let admissible = item.kind != EvidenceKind::PartyClaim;
            let clears_single = admissible && item.grade.at_least(bar.single.0, bar.single.1);
            let clears_several = admissible
                && bar
                    .several
                    .is_some_and(|(_, r, c)| item.grade.at_least(r, c));
            single |= clears_single;
            if clears_several {
                independent.insert(&*item.source);
            }
            notes.push(EvidenceNote {
                event: e.id.clone(),
                source: item.source.clone(),
                kind: item.kind.name(),
                grade: item.grade.to_string(),
                counted: clears_single || clears_several,
            });
        }
    }
    let several = bar.several.is_some_and(|(n, _, _)| independent.len() >= n);
    let met = single || several;
    let contradicted_by = graph
        .referring(event, Relation::Contradicts)
        .into_iter()
        .chain(graph.related(event, Relation::Contradicts))
        .map(|i| graph.events[i].id.clone())
        .collect();
    Proof {
        standard: standard.name(),
        met,
        reason: reason(standard, met, &notes, &bar),
        evidence: notes,
        contradicted_by,
    }
}

fn reason(standard: Standard, met: bool, notes: &[EvidenceNote], bar: &Threshold) -> String {
    let words = standard.name().replace('_', " ");
    let counted: Vec<String> = notes
        .iter()
        .filter(|n| n.counted)
        .map(|n| format!("{} {} ({})", n.grade, n.kind.replace('_', " "), n.source))
        .collect();
    if met {
        return format!("{words} met by {}", counted.join(", "));
    }
    let (r, c) = bar.single;
    let need = match bar.several {
        Some((n, r2, c2)) => format!(
            "one item graded {r}{c} or better, or {n} independent sources graded {r2}{c2} or better"
        ),
        None => format!("one item graded {r}{c} or better"),
    };
    if notes.is_empty() {
        return format!(
            "{words} not met: no evidence recorded; it needs {need}, other than a party's claim"
        );
    }
    let held: Vec<String> = notes
        .iter()
        .map(|n| format!("{} {}", n.grade, n.kind.replace('_', " ")))
        .collect();
    format!(
        "{words} not met: it needs {need}, other than a party's claim; the record holds {}",
        held.join(", ")
    )
}

/// Does `grade` clear `standard`'s single-item bar?
#[cfg(test)]
fn clears(grade: Grade, standard: Standard) -> bool {
    let (r, c) = threshold(standard).single;
    grade.at_least(r, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_item_bars_rise_with_the_standard() {
        let b2 = Grade::parse("B2").unwrap();
        assert!(clears(b2, Standard::Preponderance));
        assert!(clears(b2, Standard::ClearAndConvincing));
        assert!(!clears(b2, Standard::BeyondReasonableDoubt));
    }
}
