//! The summary by article: how many verdicts an article's finding changed
//! in, from what outcome to what.

use serde::Serialize;

use super::{Change, FindingChange};
use crate::eval::Outcome;
use crate::name::Name;

/// How many changed verdicts had this article's finding go from one
/// outcome to another (`None`: the article is not in that rulebook).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleTally {
    pub instrument: Name,
    pub article: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Outcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Outcome>,
    pub verdicts: usize,
}

/// The rows, in the order the changes first name them.
pub fn by_article(changes: &[Change]) -> Vec<ArticleTally> {
    let mut rows: Vec<ArticleTally> = Vec::new();
    for c in changes {
        for a in &c.articles {
            let (old, new) = match &a.what {
                FindingChange::Added { new } => (None, Some(new.outcome)),
                FindingChange::Removed { old } => (Some(old.outcome), None),
                FindingChange::Changed { old, new, .. } => (Some(old.outcome), Some(new.outcome)),
            };
            // An article found not violated where the other side has no
            // such article (or no verdict) changed nothing.
            let nothing = |o: Option<Outcome>| o.is_none_or(|o| o == Outcome::NoViolation);
            if old == new || (nothing(old) && nothing(new)) {
                continue;
            }
            let same = |r: &&mut ArticleTally| {
                r.instrument == c.instrument
                    && r.article == a.article
                    && r.old == old
                    && r.new == new
            };
            match rows.iter_mut().find(same) {
                Some(row) => row.verdicts += 1,
                None => rows.push(ArticleTally {
                    instrument: c.instrument.clone(),
                    article: a.article.clone(),
                    old,
                    new,
                    verdicts: 1,
                }),
            }
        }
    }
    rows
}
