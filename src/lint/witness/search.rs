//! The search: the goal as ways of meeting it, each way's fields given
//! their values, the combinations judged first choices first, within a
//! budget shared among the ways.

use crate::check::{ActIdx, Cond, Effect, Rulebook};

use super::choices::{Contradiction, Options};
use super::goal::{Site, site_cond};
use super::hint::Hints;
use super::paths::{Dropped, Way, conjoin, ways};
use super::{Goal, NoWitness, Unsatisfiable, Unsupported, Witness, verify};

/// At most this many index combinations are stepped through (judged or
/// skipped) for one way, so a way with many fields cannot spin.
const MAX_STEPS: usize = 200_000;

/// The least share of the budget each way gets.
const LEAST_SHARE: usize = 8;

pub fn run(
    rulebook: &Rulebook,
    goal: &Goal,
    hints: &Hints,
    budget: usize,
) -> Result<super::Witness, NoWitness> {
    let mut dropped = Dropped::default();
    let (mut all, act) = goal_ways(rulebook, goal, &mut dropped)?;
    if all.is_empty() {
        return Err(match dropped.unsupported {
            Some(u) => NoWitness::Unsupported(u),
            None => NoWitness::Proven(Unsatisfiable::Exhaustive),
        });
    }
    order(&mut all, hints);
    let sources = sources(rulebook);
    let share = (budget / all.len()).max(LEAST_SHARE);
    let mut tried = 0;
    let mut contradictions = 0;
    let mut spent = false;
    for way in &all {
        let options = match Options::of(rulebook, way, act) {
            Ok(mut o) => {
                hints.apply(&mut o);
                o
            }
            Err(Contradiction) => {
                contradictions += 1;
                continue;
            }
        };
        let limit = share.min(budget - tried);
        let (found, used) = try_way(rulebook, goal, &options, sources, limit);
        tried += used;
        if let Some((events, verdicts)) = found {
            return Ok(Witness {
                goal: goal.clone(),
                events,
                verdicts,
                tried,
                names: goal.names(rulebook),
                doctrine: doctrine(rulebook),
            });
        }
        if used == limit {
            spent = true;
        }
        if tried >= budget {
            break;
        }
    }
    if contradictions == all.len() {
        return Err(match dropped.unsupported {
            Some(u) => NoWitness::Unsupported(u),
            None => NoWitness::Proven(Unsatisfiable::Exhaustive),
        });
    }
    Err(if spent {
        NoWitness::Budget { tried }
    } else {
        NoWitness::Exhausted { tried }
    })
}

/// The doctrine settings in effect that are not the rulebook's defaults.
fn doctrine(rulebook: &Rulebook) -> Vec<(String, String)> {
    rulebook
        .doctrines
        .iter()
        .filter(|d| d.setting != d.default)
        .map(|d| (d.name.clone(), d.setting_name().to_owned()))
        .collect()
}

/// Ways that agree with the model first; otherwise as written (stable).
fn order(all: &mut [Way<'_>], hints: &Hints) {
    all.sort_by_key(|w| hints.disagreements(w));
}

/// The ways of meeting a goal, and the act it fixes.
fn goal_ways<'r>(
    rulebook: &'r Rulebook,
    goal: &Goal,
    dropped: &mut Dropped,
) -> Result<(Vec<Way<'r>>, Option<ActIdx>), NoWitness> {
    let mut want: Vec<Vec<Way<'r>>> = Vec::new();
    let mut act = None;
    match goal {
        Goal::Article(i) => {
            let article = &rulebook.articles[*i];
            want.push(ways(rulebook, &article.violation, true, dropped));
            for e in excuses_of(rulebook, *i) {
                want.push(ways(rulebook, e, false, dropped));
            }
        }
        Goal::Exception(j) => {
            want.push(ways(
                rulebook,
                &rulebook.exceptions[*j].condition,
                true,
                dropped,
            ));
            want.push(reached(
                rulebook,
                &rulebook.exceptions[*j].overrides,
                dropped,
            )?);
        }
        Goal::Both(a, b) => {
            let (ea, eb) = (&rulebook.exceptions[*a], &rulebook.exceptions[*b]);
            want.push(ways(rulebook, &ea.condition, true, dropped));
            want.push(ways(rulebook, &eb.condition, true, dropped));
            let common: Vec<usize> = ea
                .overrides
                .iter()
                .copied()
                .filter(|x| eb.overrides.contains(x))
                .collect();
            if common.is_empty() {
                want.push(reached(rulebook, &ea.overrides, dropped)?);
                want.push(reached(rulebook, &eb.overrides, dropped)?);
            } else {
                want.push(reached(rulebook, &common, dropped)?);
            }
        }
        Goal::Unreached(a) => {
            act = Some(
                ActIdx::try_from(*a).map_err(|_| NoWitness::Unsupported(Unsupported::Nothing))?,
            );
            want.push(vec![Vec::new()]);
        }
        Goal::Exercised { site, part, holds } => {
            let cond = site_cond(rulebook, *site);
            let Some(part) = super::goal::find_part(cond, part) else {
                return Err(NoWitness::Unsupported(Unsupported::Nothing));
            };
            want.push(ways(rulebook, part, *holds, dropped));
            if let Site::Exception(j) = site {
                want.push(reached(
                    rulebook,
                    &rulebook.exceptions[*j].overrides,
                    dropped,
                )?);
            }
        }
    }
    let mut all: Vec<Way<'r>> = vec![Vec::new()];
    for w in &want {
        all = conjoin(&all, w);
    }
    Ok((all, act))
}

/// The conditions of the exceptions that would excuse or carve out a
/// breach of article `i`.
fn excuses_of(rulebook: &Rulebook, i: usize) -> impl Iterator<Item = &Cond> {
    rulebook
        .exceptions
        .iter()
        .filter(move |e| e.overrides.contains(&i))
        .filter(|e| match e.effect {
            Effect::Excuses | Effect::CarvesOut => true,
            Effect::Upholds => false,
        })
        .map(|e| &e.condition)
}

/// Ways in which one of the articles' conditions is met: an exception is
/// tried only on an act its article reaches.
fn reached<'r>(
    rulebook: &'r Rulebook,
    articles: &[usize],
    dropped: &mut Dropped,
) -> Result<Vec<Way<'r>>, NoWitness> {
    if articles.is_empty() {
        return Err(NoWitness::Unsupported(Unsupported::Nothing));
    }
    let mut out = Vec::new();
    for a in articles {
        out.extend(ways(
            rulebook,
            &rulebook.articles[*a].violation,
            true,
            dropped,
        ));
    }
    Ok(out)
}

/// How many independent A1 sources meet every standard of proof an
/// article asks (the fewest each standard's easiest alternative needs).
fn sources(rulebook: &Rulebook) -> usize {
    rulebook
        .articles
        .iter()
        .flat_map(|a| [a.proof, a.attribution])
        .chain(rulebook.exceptions.iter().map(|e| e.proof))
        .filter_map(|s| rulebook.standards.get(s))
        .filter_map(|s| s.bars.iter().map(|b| b.count).min())
        .max()
        .unwrap_or(1)
        .clamp(1, 8)
}

/// Judges the combinations of one way's values, at most `limit`; the
/// events and verdicts of the first that shows the goal, and how many
/// were judged.
fn try_way(
    rulebook: &Rulebook,
    goal: &Goal,
    options: &Options,
    sources: usize,
    limit: usize,
) -> (Option<(String, Vec<crate::eval::Verdict>)>, usize) {
    let sizes = options.sizes();
    let mut used = 0;
    let mut found = None;
    combinations(&sizes, |at| {
        if used == limit {
            return true;
        }
        used += 1;
        let yaml = options.draft(at, sources).yaml(rulebook);
        if let Some(verdicts) = verify::judge(rulebook, &yaml)
            && goal.shown(rulebook, &verdicts)
        {
            found = Some((yaml, verdicts));
            return true;
        }
        false
    });
    (found, used)
}

/// Calls `f` on index combinations (one index below each size), those
/// whose largest index is 0 first, then 1, and so on, until `f` says stop
/// or [`MAX_STEPS`] combinations were stepped through.
pub fn combinations(sizes: &[usize], mut f: impl FnMut(&[usize]) -> bool) {
    if sizes.contains(&0) {
        return;
    }
    let top = sizes.iter().copied().max().unwrap_or(1);
    let mut steps = 0;
    for level in 0..top {
        let bound: Vec<usize> = sizes.iter().map(|s| level.min(s - 1)).collect();
        let mut at = vec![0; sizes.len()];
        loop {
            steps += 1;
            if steps > MAX_STEPS {
                return;
            }
            if at.contains(&level) && f(&at) {
                return;
            }
            if !advance(&mut at, &bound) {
                break;
            }
        }
    }
}

/// The next combination within the bounds, the last index fastest;
/// `false` after the last.
fn advance(at: &mut [usize], bound: &[usize]) -> bool {
    for k in (0..at.len()).rev() {
        if at[k] < bound[k] {
            at[k] += 1;
            at[k + 1..].iter_mut().for_each(|x| *x = 0);
            return true;
        }
    }
    false
}
