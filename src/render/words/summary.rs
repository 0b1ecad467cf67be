//! The words for a verdict's first sentence, and for why the agreement did
//! not bind the actor's party.

use crate::check::SetBy;
use crate::eval::{Summary, Suspension, Unbound};
use crate::name::Name;

/// The verdict's first sentence: `violates article 1`.
pub fn summary(s: &Summary) -> String {
    match s {
        Summary::Pending => String::new(),
        Summary::NotBound { why } => unbound(why),
        Summary::Violates { articles } => format!("violates {}", numbered(articles)),
        Summary::Continues { articles, first } => format!(
            "continues the violation of {} found at {first}; counted there",
            numbered(articles)
        ),
        Summary::CannotDecide { articles } => {
            format!("cannot be decided under {}", numbered(articles))
        }
        Summary::Excused { articles } => {
            format!("excused under {} by an exception", numbered(articles))
        }
        Summary::NoBreach => "no article is breached".to_owned(),
    }
}

/// Who chose a doctrine setting a verdict depended on.
pub fn set_by(s: SetBy) -> &'static str {
    match s {
        SetBy::Rulebook => "rulebook",
        SetBy::CommandLine => "command line",
        SetBy::Case => "case manifest",
    }
}

/// `article 1` or `articles 1, 2`.
fn numbered(articles: &[Name]) -> String {
    let word = if articles.len() > 1 {
        "articles"
    } else {
        "article"
    };
    let list: Vec<&str> = articles.iter().map(|a| &**a).collect();
    format!("{word} {}", list.join(", "))
}

/// Why the agreement (or an article) did not bind the actor's party.
pub fn unbound(u: &Unbound) -> String {
    match u {
        Unbound::NotYet { in_force } => {
            format!("before the agreement entered into force ({in_force})")
        }
        Unbound::Suspended(s) => suspension(s),
    }
}

/// `suspended for ROK since 2023-11-22 15:00 Asia/Seoul (article 1.3)`,
/// naming the event that made it, when one did.
pub fn suspension(s: &Suspension) -> String {
    let word = if s.repudiation {
        "repudiated"
    } else {
        "suspended"
    };
    let until = s
        .until
        .as_ref()
        .map_or(String::new(), |u| format!(" until {u}"));
    let scope = if s.articles.is_empty() {
        String::new()
    } else {
        let numbers: Vec<&str> = s.articles.iter().map(|a| &**a).collect();
        format!(" (article {})", numbers.join(", "))
    };
    let by = s
        .event
        .as_ref()
        .map_or(String::new(), |e| format!(", declared by {e}"));
    let text = s.text.as_ref().map_or(String::new(), |t| format!(": {t}"));
    format!(
        "{word} for {} since {}{until}{scope}{by}{text}",
        s.party, s.since
    )
}
