//! The words of what-if: each account, each dispute, each difference.

use crate::eval::{Aspect, Outcome};
use crate::name::Name;
use crate::whatif::{Account, Difference, Dispute, Item, Judged, Said};

use super::proof::{aspect, evidence_kind};
use super::{exception_status, outcome, truth};

/// `if C-2's report is true (C-1 set aside)`.
pub fn account(a: &Account, event: &str) -> String {
    match a {
        Account::Record => {
            "as recorded (weighed as always: a party's claim never counts)".to_owned()
        }
        Account::ThisReport { set_aside } => {
            format!(
                "if {event}'s report is true ({} set aside)",
                list(set_aside)
            )
        }
        Account::OtherReport { event, set_aside } => {
            format!("if {event}'s report is true ({set_aside} set aside)")
        }
        Account::MonitorOnly { items } => format!(
            "on the monitor's evidence alone (a party's admission set aside: {})",
            items_list(items)
        ),
        Account::Proven { aspect: a } => format!("if the {} were proven", aspect(*a)),
        Account::NotProven { aspect: a, items } => format!(
            "if the {} were not proven (set aside: {})",
            aspect(*a),
            items_list(items)
        ),
    }
}

/// `contradicted by C-2`.
pub fn dispute(d: &Dispute) -> String {
    match d {
        Dispute::Contradicted { event } => format!("contradicted by {event}"),
        Dispute::Claim { source, aspects } => format!(
            "a party's claim by `{source}` on the {}, not counted",
            aspect_list(aspects)
        ),
        Dispute::Unproven {
            aspect: a,
            articles,
        } => format!(
            "the {} is not proven under {}",
            aspect(*a),
            articles_of(articles)
        ),
        Dispute::Contested {
            aspect: a,
            articles,
            reports,
            claims,
        } => {
            let claims = claims.iter().map(|c| format!("the claim of `{c}`"));
            let by: Vec<String> = reports
                .iter()
                .map(|r| r.to_string())
                .chain(claims)
                .collect();
            format!(
                "the {} is proven under {}, and contested by {}",
                aspect(*a),
                articles_of(articles),
                by.join(", ")
            )
        }
    }
}

/// `C-1 violation, party RU, article 4`.
pub fn verdict(j: &Judged) -> String {
    let mut out = format!("{} {}", j.event, outcome(j.outcome));
    if j.outcome != Outcome::NoViolation {
        match &j.party {
            Some(p) => out.push_str(&format!(", party {p}")),
            None => out.push_str(", party unknown"),
        }
    }
    if !j.articles.is_empty() {
        out.push_str(&format!(", {}", articles_of(&j.articles)));
    }
    if !j.exceptions.is_empty() {
        let label = if j.exceptions.len() == 1 {
            "exception"
        } else {
            "exceptions"
        };
        out.push_str(&format!("; {label} {} applied", list(&j.exceptions)));
    }
    out
}

/// `article 4: the attribution is proven (as recorded: not proven)`.
pub fn difference(d: &Difference) -> String {
    match d {
        Difference::InForce {
            condition,
            before,
            after,
        } => format!(
            "in force: `{condition}` is {} (as recorded: {})",
            truth(*after),
            truth(*before)
        ),
        Difference::Condition {
            article,
            condition,
            before,
            after,
        } => format!(
            "article {article}: `{condition}` is {} (as recorded: {})",
            truth(*after),
            truth(*before)
        ),
        Difference::Proof {
            article,
            aspect: a,
            before,
            after,
        } => format!(
            "article {article}: the {} is {} (as recorded: {})",
            aspect(*a),
            proven(*after),
            proven(*before)
        ),
        Difference::Exception {
            article,
            exception,
            before,
            after,
        } => format!(
            "article {article}: exception {exception} {} (as recorded: {})",
            exception_status(*after).1,
            exception_status(*before).1
        ),
        Difference::Finding {
            article,
            before,
            after,
        } => format!(
            "article {article}: {} (as recorded: {})",
            said(after),
            said(before)
        ),
    }
}

fn proven(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "proven",
        Some(false) => "not proven",
        None => "not weighed",
    }
}

fn said(s: &Said) -> String {
    match (&s.party, s.outcome) {
        (_, Outcome::NoViolation) | (None, _) => outcome(s.outcome).to_owned(),
        (Some(p), o) => format!("{} by {p}", outcome(o)),
    }
}

/// `B2 observation (MM patrol 2) of C-1`.
fn item(i: &Item) -> String {
    format!(
        "{} {} ({}) of {}",
        i.grade,
        evidence_kind(i.kind),
        i.source,
        i.event
    )
}

fn items_list(items: &[Item]) -> String {
    if items.is_empty() {
        return "no item".to_owned();
    }
    items.iter().map(item).collect::<Vec<_>>().join(", ")
}

fn list(names: &[Name]) -> String {
    names.iter().map(|n| &**n).collect::<Vec<_>>().join(", ")
}

fn aspect_list(aspects: &[Aspect]) -> String {
    let words: Vec<&str> = aspects.iter().map(|a| aspect(*a)).collect();
    words.join(" and ")
}

/// `article 4`, `articles 4, 6`.
fn articles_of(articles: &[Name]) -> String {
    let label = if articles.len() == 1 {
        "article"
    } else {
        "articles"
    };
    format!("{label} {}", list(articles))
}
