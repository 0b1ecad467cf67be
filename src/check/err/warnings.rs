//! Warnings: the rulebook works, but a negotiator should look again.
//! Each variant has its code, so a tool can tell them apart.

use miette::Severity;
use thiserror::Error;

use crate::located::Problem;

/// What a warning is about, with its facts.
#[derive(Debug, Error)]
pub enum Warning {
    /// `kind`: the kind of declaration, as the language names it (`zone`).
    #[error("{kind} `{name}` is declared but never used")]
    Unused { kind: &'static str, name: String },
    /// An upholding and an excusing exception with no rank between them.
    #[error(
        "exceptions `{excuse}` and `{upholds}` have opposite effects on article {article} and neither is ranked over the other"
    )]
    Unranked {
        upholds: String,
        excuse: String,
        article: String,
    },
    /// Several excusing exceptions with no rank against one upholding
    /// it; `named`: the first few of them.
    #[error(
        "exception `{upholds}` has the opposite effect on article {article} of {count} exceptions, none ranked against it: {}{}",
        quoted(named),
        more(*count, named.len())
    )]
    UnrankedMany {
        upholds: String,
        article: String,
        count: usize,
        named: Vec<String>,
    },
    /// Coordinates far from the rest of the rulebook's geometry but near
    /// it with longitude and latitude exchanged; `what`: where they are.
    #[error("the coordinates of {what} look swapped")]
    Swapped { what: String },
    /// A polygon whose edges cross or touch each other.
    #[error("the edges of {which} cross or touch each other")]
    SelfCrossing { which: String },
    /// A point the rulebook says a zone or area contains that lies outside.
    #[error("{zone} does not contain {point}")]
    Outside { zone: String, point: String },
    /// A holding's reference point outside its party's area.
    #[error(
        "the reference point of `{party}`'s side of line `{line}` lies outside `{area}`'s area"
    )]
    ReferenceOutside {
        party: String,
        line: String,
        area: String,
    },
    /// A holding that gives `holder` the side where `party`'s area lies.
    #[error("line `{line}` gives `{holder}` a side where `{party}`'s area lies")]
    SideConflict {
        line: String,
        holder: String,
        party: String,
    },
}

impl Problem for Warning {
    fn code(&self) -> &'static str {
        match self {
            Warning::Unused { .. } => "truce::check::unused",
            Warning::Unranked { .. } | Warning::UnrankedMany { .. } => "truce::check::unranked",
            Warning::Swapped { .. } => "truce::check::swapped",
            Warning::SelfCrossing { .. } => "truce::check::self_crossing",
            Warning::Outside { .. } | Warning::ReferenceOutside { .. } => "truce::check::outside",
            Warning::SideConflict { .. } => "truce::check::side_conflict",
        }
    }

    fn severity(&self) -> Severity {
        Severity::Warning
    }
}

fn quoted(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// ` and 3 more`, when fewer are named than there are.
fn more(count: usize, named: usize) -> String {
    match count.saturating_sub(named) {
        0 => String::new(),
        n => format!(" and {n} more"),
    }
}
