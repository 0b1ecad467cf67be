//! A candidate's events file judged as `truce adjudicate` judges one
//! under one rulebook: loaded and validated (`events::load_str`), built
//! into its graph, surveyed and judged (`eval::adjudicate`).

use crate::check::Rulebook;
use crate::eval::{self, Verdict};
use crate::events::{self, Format};
use crate::graph;

/// The verdicts on the events of `yaml`; `None` when any record is
/// rejected (a witness is judged whole, or not at all).
pub fn judge(rulebook: &Rulebook, yaml: &str) -> Option<Vec<Verdict>> {
    let name = "witness.yaml";
    let loaded = events::load_str(name, yaml, Format::Yaml, rulebook).ok()?;
    if !loaded.rejected.is_empty() {
        return None;
    }
    let (graph, rejected) = graph::build(loaded, name);
    if !rejected.is_empty() {
        return None;
    }
    Some(eval::adjudicate(rulebook, &graph))
}
