//! What-if over disputed facts (docs/whatif.md): where the accounts of an
//! incident disagree, the event is judged again under each account, and
//! the accounts whose verdict differs from the record's are named with
//! the fact that makes the difference.
//!
//! An account is a data transformation of the loaded events (an event set
//! aside, a party's claim taken as established, an aspect's evidence
//! added or set aside: `transform.rs`), judged by the evaluator itself
//! with a survey of its own graph. Nothing here weighs evidence: the
//! accounts differ only in what the record holds.

mod account;
mod difference;
mod transform;

use rayon::prelude::*;
use serde::Serialize;

pub use account::{Account, Dispute, Item};
pub use difference::{Difference, Said};

use crate::check::Rulebook;
use crate::eval::{self, ExceptionStatus, Outcome, Survey, Verdict};
use crate::graph::EventGraph;
use crate::name::Name;

/// The version of the what-if JSON (docs/whatif.md).
pub const SCHEMA_VERSION: u32 = 1;

/// At most this many accounts are judged for one event, the record
/// included; the others are counted as left out.
pub const MAX_ACCOUNTS: usize = 8;

/// For a whole file: at most this many units of work over all the
/// accounts judged, a unit an event copied (each account copies the whole
/// graph once) or an item of evidence weighed (the judged event's, or the
/// largest of the reports contradicting it, which an account judges
/// instead). The disputed events past it are counted as not examined.
pub const WORK: usize = 2_000_000;

/// At most this many disputes of one event are listed in text; the JSON
/// report lists them all.
pub const MAX_DISPUTES_SHOWN: usize = 20;

/// Events judged on the record at a time, for a whole file.
const BATCH: usize = 4096;

/// One event judged under each account of it.
#[derive(Debug, Clone, Serialize)]
pub struct WhatIf {
    pub event: Name,
    pub instrument: Name,
    /// What is disputed about it; empty: nothing, and only the record is
    /// judged.
    pub disputes: Vec<Dispute>,
    /// The record first, then each account, in the order of docs/whatif.md.
    pub accounts: Vec<Judged>,
    /// Accounts not judged, past [`MAX_ACCOUNTS`].
    pub left_out: usize,
    /// Whether some account's verdict differs from the record's.
    pub depends: bool,
}

/// The verdict under one account.
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    pub account: Account,
    /// The event judged: the disputed one, or, when another report is
    /// taken as true, that report.
    pub event: Name,
    pub outcome: Outcome,
    pub party: Option<Name>,
    /// The articles that decided the outcome (none for no violation).
    pub articles: Vec<Name>,
    /// The exceptions that applied.
    pub exceptions: Vec<Name>,
    /// Whether outcome, party or articles differ from the record's.
    pub differs: bool,
    /// The first step of the reasoning whose result differs from the
    /// record's, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<Difference>,
}

/// A whole file: only the events whose verdict depends on the account.
#[derive(Debug, Clone, Serialize)]
pub struct FileWhatIf {
    pub instrument: Name,
    /// Events judged.
    pub events: usize,
    /// Events with something disputed.
    pub disputed: usize,
    /// Disputed events judged under their accounts.
    pub examined: usize,
    /// Disputed events past the work bound [`WORK`], not examined.
    pub not_examined: usize,
    /// The examined events whose verdict depends on the account, in input
    /// order.
    pub depending: Vec<WhatIf>,
}

/// The event at `index` judged under each account of it.
pub fn event(rulebook: &Rulebook, graph: &EventGraph, index: usize) -> WhatIf {
    let survey = Survey::of(rulebook, graph);
    let record = eval::judge(rulebook, graph, &survey, index);
    let disputes = account::disputes(graph, index, &record);
    let (accounts, left_out) = account::accounts(graph, index, &disputes);
    judge_accounts(rulebook, graph, index, record, disputes, accounts, left_out)
}

/// Every event of the graph: the disputed ones judged under each account,
/// within the work bound, and those whose verdict depends on it kept.
pub fn file(rulebook: &Rulebook, graph: &EventGraph) -> FileWhatIf {
    let n = graph.events.len();
    let survey = Survey::of(rulebook, graph);
    let mut plans = Vec::new();
    let (mut disputed, mut not_examined, mut work) = (0, 0, 0usize);
    // Judged in batches, keeping only the disputed events' verdicts, so
    // memory is bounded by the events examined, not by every explanation.
    for start in (0..n).step_by(BATCH) {
        let range = start..(start + BATCH).min(n);
        let records = eval::adjudicate_range(rulebook, graph, &survey, range);
        for (index, record) in (start..).zip(records) {
            let disputes = account::disputes(graph, index, &record);
            if disputes.is_empty() {
                continue;
            }
            disputed += 1;
            let (accounts, left_out) = account::accounts(graph, index, &disputes);
            let each = n.saturating_add(account::weight(graph, index));
            let cost = (accounts.len() - 1).saturating_mul(each);
            if work.saturating_add(cost) > WORK {
                not_examined += 1;
                continue;
            }
            work += cost;
            plans.push((index, record, disputes, accounts, left_out));
        }
    }
    let examined = plans.len();
    // `collect` keeps input order, so the output does not depend on the
    // number of threads.
    let judged: Vec<WhatIf> = plans
        .into_par_iter()
        .map(|(i, record, disputes, accounts, left_out)| {
            judge_accounts(rulebook, graph, i, record, disputes, accounts, left_out)
        })
        .collect();
    FileWhatIf {
        instrument: rulebook.title.clone(),
        events: n,
        disputed,
        examined,
        not_examined,
        depending: judged.into_iter().filter(|w| w.depends).collect(),
    }
}

fn judge_accounts(
    rulebook: &Rulebook,
    graph: &EventGraph,
    index: usize,
    record: Verdict,
    disputes: Vec<Dispute>,
    accounts: Vec<Account>,
    left_out: usize,
) -> WhatIf {
    let judged: Vec<Judged> = accounts
        .into_iter()
        .map(|account| {
            let verdict = match transform::world(rulebook, graph, index, &account) {
                Some((world, at)) => {
                    let survey = Survey::of(rulebook, &world);
                    eval::judge(rulebook, &world, &survey, at)
                }
                None => record.clone(),
            };
            judged(account, &verdict, &record)
        })
        .collect();
    WhatIf {
        event: record.event.clone(),
        instrument: record.instrument.clone(),
        depends: judged.iter().any(|j| j.differs),
        disputes,
        accounts: judged,
        left_out,
    }
}

fn judged(account: Account, verdict: &Verdict, record: &Verdict) -> Judged {
    let articles = deciding(verdict);
    let differs = verdict.outcome != record.outcome
        || verdict.party != record.party
        || articles != deciding(record);
    Judged {
        account,
        event: verdict.event.clone(),
        outcome: verdict.outcome,
        party: verdict.party.clone(),
        exceptions: applied(verdict),
        difference: difference::first(record, verdict),
        differs,
        articles,
    }
}

/// The articles whose finding is the verdict's outcome.
fn deciding(v: &Verdict) -> Vec<Name> {
    if v.outcome == Outcome::NoViolation {
        return Vec::new();
    }
    let deciding = v.articles.iter().filter(|f| f.outcome == v.outcome);
    deciding.map(|f| f.article.clone()).collect()
}

/// The exceptions that applied, each once, in rulebook order.
fn applied(v: &Verdict) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    let trials = v.articles.iter().flat_map(|f| &f.exceptions);
    for t in trials.filter(|t| t.status == ExceptionStatus::Applies) {
        if !out.contains(&t.exception) {
            out.push(t.exception.clone());
        }
    }
    out
}
