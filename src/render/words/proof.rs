//! The words for evidence weighed against a standard of proof.

use crate::eval::{Aspect, Counted, Held, Need, Weighing, WeighingResult};
use crate::events::EvidenceKind;

/// `preponderance met by B2 sensor (UNIFIL radar)`, or what it lacked.
pub fn weighing(w: &Weighing) -> String {
    format!("{} {}", standard(&w.standard), result(&w.result))
}

/// The weighing without the standard's name: `met by B2 sensor (...)`.
pub fn result(r: &WeighingResult) -> String {
    const NOT_A_CLAIM: &str = "other than a party's claim";
    match r {
        WeighingResult::Met { by } => {
            let by: Vec<String> = by.iter().map(counted).collect();
            format!("met by {}", by.join(", "))
        }
        WeighingResult::NoEvidence { needs: n } => format!(
            "not met: no evidence bears on it; it needs {}, {NOT_A_CLAIM}",
            needs(n)
        ),
        WeighingResult::ClaimsOnly { needs: n, held: h } => format!(
            "not met: it rests on party claims only: {}; it needs {}, {NOT_A_CLAIM}",
            held(h),
            needs(n)
        ),
        WeighingResult::ShortOf { needs: n, held: h } => format!(
            "not met: it needs {}, {NOT_A_CLAIM}; the record holds {}",
            needs(n),
            held(h)
        ),
    }
}

/// A standard's name as a reader says it: `clear and convincing`.
pub fn standard(name: &str) -> String {
    name.replace('_', " ")
}

/// `B2 admission, counted as A1 (IDF statement)`.
fn counted(c: &Counted) -> String {
    let raised = match c.kind {
        EvidenceKind::Admission => format!(", counted as {}", c.grade.raised()),
        EvidenceKind::Observation
        | EvidenceKind::Sensor
        | EvidenceKind::Investigation
        | EvidenceKind::PartyClaim => String::new(),
    };
    format!(
        "{} {}{raised} ({})",
        c.grade,
        evidence_kind(c.kind),
        c.source
    )
}

fn held(items: &[Held]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|h| format!("{} {}", h.grade, evidence_kind(h.kind)))
        .collect();
    items.join(", ")
}

/// `one item graded B2 or better, or 2 independent sources graded C3 or better`.
fn needs(needs: &[Need]) -> String {
    let parts: Vec<String> = needs
        .iter()
        .map(|n| match n.count {
            1 => format!("one item graded {} or better", n.grade),
            count => format!("{count} independent sources graded {} or better", n.grade),
        })
        .collect();
    parts.join(", or ")
}

/// `party claim`.
pub fn evidence_kind(k: EvidenceKind) -> &'static str {
    match k {
        EvidenceKind::Observation => "observation",
        EvidenceKind::Sensor => "sensor",
        EvidenceKind::Investigation => "investigation",
        EvidenceKind::PartyClaim => "party claim",
        EvidenceKind::Admission => "admission",
    }
}

/// `occurrence` or `attribution`.
pub fn aspect(a: Aspect) -> &'static str {
    match a {
        Aspect::Occurrence => "occurrence",
        Aspect::Attribution => "attribution",
    }
}
