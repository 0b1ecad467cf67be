//! The summary tables: verdicts counted by outcome, by party and by
//! article, in a fixed order so the report's bytes do not vary.

use std::collections::BTreeMap;

use super::OUTCOMES;
use crate::eval::{Outcome, Verdict};

/// Counts in the order of [`OUTCOMES`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts(pub [usize; 4]);

impl Counts {
    fn add(&mut self, o: Outcome) {
        let i = OUTCOMES.iter().position(|x| *x == o).unwrap_or(0);
        self.0[i] += 1;
    }

    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }
}

/// One row of a table: what it counts, and the counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The party, or the instrument and article.
    pub key: Vec<String>,
    pub counts: Counts,
}

#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Verdicts by outcome.
    pub verdicts: Counts,
    /// Verdicts by the party they name (`party unknown` or none named
    /// last), sorted by name.
    pub by_party: Vec<Row>,
    /// Articles' findings by article (by instrument and article when
    /// `several`), in the order first met (rulebook order): those found
    /// anything but "no violation" in some verdict.
    pub by_article: Vec<Row>,
    /// The other articles, found "no violation" in every verdict: by
    /// instrument when `several` (`None` otherwise), in the order met.
    pub quiet: Vec<(Option<String>, Vec<String>)>,
}

/// The key of verdicts that name no party.
pub const NO_PARTY: &str = "(none named)";

impl Tally {
    pub fn of(verdicts: &[Verdict], several: bool) -> Tally {
        let mut tally = Tally::default();
        let mut parties: BTreeMap<(bool, String), Counts> = BTreeMap::new();
        let mut articles: Vec<Row> = Vec::new();
        for v in verdicts {
            tally.verdicts.add(v.outcome);
            let party = v.party.as_deref().map(str::to_owned);
            parties
                .entry((party.is_none(), party.unwrap_or_else(|| NO_PARTY.into())))
                .or_default()
                .add(v.outcome);
            for f in &v.articles {
                let mut key = vec![f.article.to_string()];
                if several {
                    key.insert(0, v.instrument.to_string());
                }
                match articles.iter_mut().find(|r| r.key == key) {
                    Some(row) => row.counts.add(f.outcome),
                    None => {
                        let mut counts = Counts::default();
                        counts.add(f.outcome);
                        articles.push(Row { key, counts });
                    }
                }
            }
        }
        tally.by_party = parties
            .into_iter()
            .map(|((_, p), counts)| Row {
                key: vec![p],
                counts,
            })
            .collect();
        let (quiet, telling): (Vec<Row>, Vec<Row>) = articles
            .into_iter()
            .partition(|r| r.counts.total() == r.counts.0[3]);
        tally.by_article = telling;
        for mut key in quiet.into_iter().map(|r| r.key) {
            let article = key.pop().unwrap_or_default();
            let instrument = key.pop();
            match tally.quiet.iter_mut().find(|(i, _)| *i == instrument) {
                Some((_, articles)) => articles.push(article),
                None => tally.quiet.push((instrument, vec![article])),
            }
        }
        tally
    }
}
