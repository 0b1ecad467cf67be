//! Holdings: what a party holds in a zone at an instant, summed over the
//! latest report of each of its units, against the limits of a ceiling.
//!
//! Reports are indexed once per graph, before any event is judged (as
//! patterns are found): for each ceiling, by party and by unit, in time
//! order, each with what it records against every limit and whether its
//! place lies in the zone; and the party's sums are swept once over time
//! (`timeline.rs`). A test reads the sums at the judged event's time, and
//! lists the units counted from its most recent reports in the zone, so no
//! test walks the whole record.
//!
//! Nothing is guessed. A report whose place may lie on either side of the
//! zone's edge, one that may not be a report at all (its condition is
//! unknown), one whose time leaves open whether it was already made, or a
//! count it does not record: each widens the sum into a range, and a limit
//! that lies within the range is neither exceeded nor kept.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use super::cond::{Env, missing, unknown};
use super::proof::{self, Aspect};
use super::survey::Survey;
use super::timeline::{Span, Timeline};
use super::truth::Truth;
use super::verdict::Step;
use super::weapons::Range;
use crate::check::{Cond, Counted, PartyIdx, Role, Rulebook, Subject};
use crate::events::FactValue;
use crate::graph::EventGraph;
use crate::name::Name;

/// The most units a finding lists by name; the others are counted in the
/// totals and said to be left out, so a finding stays readable.
pub const LISTED: usize = 48;

/// How many of a party's reports in the zone a finding looks through, most
/// recent first, for the units to list: the totals never depend on it.
const EXAMINED: usize = 16 * LISTED;

/// Every ceiling's reports over a graph, by party and by unit.
#[derive(Debug, Default)]
pub struct Ceilings {
    /// By ceiling, by party.
    by: Vec<BTreeMap<PartyIdx, PartyReports>>,
}

/// One party's reports under one ceiling.
#[derive(Debug)]
struct PartyReports {
    /// Its units, in name order.
    units: Vec<Unit>,
    /// The reports that may lie in the zone, in time order, by unit: where
    /// a finding looks for the units to list.
    inside: Vec<(Timestamp, usize)>,
    /// Its holdings at every instant.
    timeline: Timeline,
}

/// One unit's reports, in time order.
#[derive(Debug)]
pub(super) struct Unit {
    /// The unit as reports name it; `None`: a report that names no unit,
    /// which counts on its own.
    name: Option<Name>,
    reports: Vec<Report>,
    /// The longest time window among its reports: how far back a report
    /// may still be the latest.
    longest: SignedDuration,
}

/// One report of a unit's holdings.
#[derive(Debug, Clone)]
pub(super) struct Report {
    /// The event, by index into the graph.
    index: usize,
    from: Timestamp,
    to: Timestamp,
    /// The ceiling's condition holds for it (not merely may hold).
    sure: bool,
    /// Whether its place lies in the ceiling's zone.
    inside: Truth,
    /// What it records against each limit, in the ceiling's order.
    holds: Vec<Range>,
}

/// What a ceiling counted for a party at an instant: data the renderers word.
#[derive(Debug, Clone, Serialize)]
pub struct Holdings {
    pub ceiling: Name,
    pub party: Name,
    pub zone: Name,
    /// The instant (or window) counted at: the judged event's time, as written.
    pub at: String,
    pub limits: Vec<LimitCount>,
    /// The units that hold, or may hold, something in the zone, by name.
    pub units: Vec<UnitCount>,
    /// Units that count but are not listed in `units`; their holdings are
    /// in the totals.
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One limit of a ceiling, and what was counted against it.
#[derive(Debug, Clone, Serialize)]
pub struct LimitCount {
    pub counted: CountedWhat,
    pub at_most: u64,
    pub total: Range,
    pub exceeded: Truth,
}

/// What a limit counts, by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CountedWhat {
    /// A quantity the rulebook declares: `personnel`.
    Quantity { name: Name },
    /// Weapons, of a class or of any.
    Weapons {
        #[serde(skip_serializing_if = "Option::is_none")]
        class: Option<Name>,
    },
}

/// One unit's part in the count.
#[derive(Debug, Clone, Serialize)]
pub struct UnitCount {
    /// The unit; `None` for a report that names no unit.
    pub unit: Option<Name>,
    /// What it adds to each limit's total, in the ceiling's order.
    pub adds: Vec<Range>,
    /// The report that counts; several when the record cannot tell which
    /// of them was the latest at that instant.
    pub reports: Vec<ReportCount>,
    /// It may not have been reported at all by that instant.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub maybe_unreported: bool,
}

/// A report as it counts.
#[derive(Debug, Clone, Serialize)]
pub struct ReportCount {
    pub event: Name,
    pub time: String,
    /// Whether its place lies in the zone.
    pub inside: Truth,
    /// Whether it is a report under the ceiling's condition.
    pub report: Truth,
    /// What it records against each limit.
    pub holds: Vec<Range>,
}

/// The first limit a count leaves open, for the reason a finding gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenLimit {
    pub ceiling: Name,
    pub party: Name,
    pub counted: CountedWhat,
    pub at_most: u64,
    pub total: Range,
}

impl Holdings {
    /// The first limit neither exceeded nor kept, if the count left one open.
    pub fn open_limit(&self) -> Option<OpenLimit> {
        let l = self.limits.iter().find(|l| l.exceeded == Truth::Unknown)?;
        Some(OpenLimit {
            ceiling: self.ceiling.clone(),
            party: self.party.clone(),
            counted: l.counted.clone(),
            at_most: l.at_most,
            total: l.total,
        })
    }
}

/// Indexes every ceiling's reports over the graph.
pub(super) fn find(rulebook: &Rulebook, graph: &EventGraph, survey: &Survey) -> Ceilings {
    let mut found = Ceilings::default();
    let Some(standard) = rulebook.standard("preponderance") else {
        return found;
    };
    let preponderance = rulebook
        .standards
        .iter()
        .position(|s| s.name == standard.name)
        .unwrap_or(0);
    // A ceiling's condition may read deadlines or in-force status: from
    // the timeline of changes the survey traced first.
    let mut env = Env::new(rulebook, graph, survey, None);
    // Whether each event is established, weighed once for all ceilings.
    let mut established: Vec<Option<bool>> = vec![None; graph.events.len()];
    for ceiling in &rulebook.ceilings {
        let mut by_unit: BTreeMap<PartyIdx, BTreeMap<(bool, Name), Vec<Report>>> = BTreeMap::new();
        for (i, established) in established.iter_mut().enumerate() {
            let Some(party) = reporting_party(rulebook, graph, i) else {
                continue;
            };
            env.start(i);
            env.standard = preponderance;
            let sure = match env.eval(&ceiling.condition).result {
                Truth::False => continue,
                t => t == Truth::True,
            };
            let is_established = *established.get_or_insert_with(|| {
                [Aspect::Occurrence, Aspect::Attribution]
                    .into_iter()
                    .all(|a| proof::assess(graph, &rulebook.parties, i, standard, a).met)
            });
            if !is_established {
                continue;
            }
            let inside = env.eval(&ceiling.inside).result;
            let holds = ceiling
                .limits
                .iter()
                .map(|l| holds(&mut env, i, l.counted))
                .collect();
            let e = &graph.events[i];
            let key = match e.unit() {
                Some(u) => (true, u.clone()),
                None => (false, e.id.clone()),
            };
            let report = Report {
                index: i,
                from: e.time.from,
                to: e.time.to,
                sure,
                inside,
                holds,
            };
            by_unit
                .entry(party)
                .or_default()
                .entry(key)
                .or_default()
                .push(report);
        }
        let limits = ceiling.limits.len();
        let indexed = by_unit
            .into_iter()
            .map(|(party, units)| (party, party_reports(units, limits)))
            .collect();
        found.by.push(indexed);
    }
    found
}

/// The party whose holdings an event may report: a party's own units (a
/// group's count for the party it is under); monitors and others hold
/// nothing a ceiling limits.
fn reporting_party(rulebook: &Rulebook, graph: &EventGraph, i: usize) -> Option<PartyIdx> {
    let party = super::article::answering(rulebook, graph.events[i].party?);
    (rulebook.parties[usize::from(party)].role == Role::Party).then_some(party)
}

/// A party's units in name order, its reports in the zone in time order,
/// and its holdings swept over time.
fn party_reports(units: BTreeMap<(bool, Name), Vec<Report>>, limits: usize) -> PartyReports {
    let units: Vec<Unit> = units.into_iter().map(unit).collect();
    let mut inside: Vec<(Timestamp, usize, usize)> = units
        .iter()
        .enumerate()
        .flat_map(|(u, unit)| {
            let maybe = unit.reports.iter().filter(|r| r.inside != Truth::False);
            maybe.map(move |r| (r.from, r.index, u))
        })
        .collect();
    inside.sort_unstable();
    let timeline = Timeline::sweep(&units, limits);
    PartyReports {
        inside: inside.into_iter().map(|(t, _, u)| (t, u)).collect(),
        units,
        timeline,
    }
}

fn unit(((named, name), mut reports): ((bool, Name), Vec<Report>)) -> Unit {
    reports.sort_by_key(|r| (r.from, r.index));
    let longest = reports
        .iter()
        .map(|r| r.to.duration_since(r.from))
        .max()
        .unwrap_or_default();
    Unit {
        name: named.then_some(name),
        reports,
        longest,
    }
}

/// What a report records against one limit: exactly, or within bounds
/// where a weapon's class or a count is not known.
fn holds(env: &mut Env<'_>, i: usize, counted: Counted) -> Range {
    let graph = env.graph;
    let e = &graph.events[i];
    match counted {
        Counted::Quantity(q) => match e.fact(&env.rulebook.quantities[q].name) {
            Some(FactValue::Number(n)) => Range::exactly(*n as u64),
            Some(FactValue::Word(_)) | None => Range::up_to(None),
        },
        Counted::Weapons { class } => {
            let Some(weapons) = e.weapons.as_deref() else {
                return Range::up_to(None);
            };
            let mut total = Range::ZERO;
            for (w, weapon) in weapons.iter().enumerate() {
                let member = match class {
                    None => Truth::True,
                    Some(c) => env.class_of(Subject::EVENT, w, c).result,
                };
                let n = u64::from(weapon.count);
                total = total.plus(match member {
                    Truth::True => Range::exactly(n),
                    Truth::Unknown => Range::up_to(Some(n)),
                    Truth::False => Range::ZERO,
                });
            }
            total
        }
    }
}

impl Unit {
    /// The instants at which its part may change: where a report begins
    /// or ends.
    pub(super) fn bounds(&self) -> impl Iterator<Item = Timestamp> + '_ {
        self.reports.iter().flat_map(|r| [r.from, r.to])
    }

    /// What the unit adds to each limit at some instant from `a` to `b`
    /// (every value any of its possibly latest reports may add), with those
    /// reports, and whether it may not have been reported by then.
    pub(super) fn part(
        &self,
        a: Timestamp,
        b: Timestamp,
        limits: usize,
    ) -> (Vec<Range>, Vec<&Report>, bool) {
        let (reports, maybe_unreported) = self.latest(a, b);
        let part = (0..limits)
            .map(|k| {
                let start = maybe_unreported.then_some(Range::ZERO);
                reports
                    .iter()
                    .map(|r| adds(r, k))
                    .fold(start, |acc, a| Some(acc.map_or(a, |x| x.either(a))))
                    .unwrap_or(Range::ZERO)
            })
            .collect();
        (part, reports, maybe_unreported)
    }

    /// The reports that may be the unit's latest at some instant from `a`
    /// to `b`, and whether it may not have been reported at all by then.
    fn latest(&self, a: Timestamp, b: Timestamp) -> (Vec<&Report>, bool) {
        let end = self.reports.partition_point(|r| r.from <= b);
        let made = &self.reports[..end];
        // The latest report surely made by `a`, and surely a report:
        // nothing it surely follows counts any more.
        let last = made.iter().rev().find(|r| r.sure && r.to <= a);
        let Some(last) = last else {
            return (made.iter().collect(), true);
        };
        let floor = last
            .from
            .checked_sub(self.longest)
            .unwrap_or(Timestamp::MIN);
        let mut out: Vec<&Report> = made
            .iter()
            .rev()
            .take_while(|r| r.from >= floor)
            .filter(|r| (r.to, r.index) >= (last.from, last.index))
            .collect();
        out.reverse();
        (out, false)
    }
}

/// What a report adds to a limit: what it records if it surely is a
/// report inside the zone, nothing if it lies outside, anything up to what
/// it records otherwise.
fn adds(r: &Report, limit: usize) -> Range {
    match (r.inside, r.sure) {
        (Truth::False, _) => Range::ZERO,
        (Truth::True, true) => r.holds[limit],
        (Truth::True | Truth::Unknown, _) => Range::up_to(r.holds[limit].most),
    }
}

impl Env<'_> {
    /// `holdings exceed limited_forces`: the party's holdings in the
    /// ceiling's zone at the judged event's time, limit by limit.
    pub(super) fn holdings(&self, cond: &Cond, party: Option<PartyIdx>, ceiling: usize) -> Step {
        let e = self.event(Subject::EVENT);
        let party = party.or(e.party.map(|p| super::article::answering(self.rulebook, p)));
        let Some(party) = party else {
            return missing(cond, e, "actor.party");
        };
        let Some(index) = self.survey.ceilings.by.get(ceiling) else {
            // Not indexed (read while the survey finds the patterns, before
            // the ceilings, or no standard to weigh reports by): say nothing
            // rather than "nothing held".
            return unknown(cond, super::verdict::Doubt::CeilingNotIndexed);
        };
        let c = &self.rulebook.ceilings[ceiling];
        let (a, b) = (e.time.from, e.time.to);
        let (span, listed) = match index.get(&party) {
            Some(reports) => (
                reports.timeline.over(a, b),
                self.listing(reports, a, b, c.limits.len()),
            ),
            None => (
                Span {
                    totals: vec![Range::ZERO; c.limits.len()],
                    counting: 0,
                },
                Vec::new(),
            ),
        };
        let omitted = usize::try_from(span.counting)
            .unwrap_or(usize::MAX)
            .saturating_sub(listed.len());
        let limits: Vec<LimitCount> = c
            .limits
            .iter()
            .zip(span.totals)
            .map(|(l, total)| LimitCount {
                counted: self.counted_what(l.counted),
                at_most: l.at_most,
                total,
                exceeded: total.compare(crate::check::CmpOp::Gt, l.at_most as f64),
            })
            .collect();
        let truth = limits
            .iter()
            .fold(Truth::False, |acc, l| acc.or(l.exceeded));
        let mut step = Step::leaf(cond.text.clone(), truth, Vec::new());
        step.holdings = Some(Box::new(Holdings {
            ceiling: c.name.clone(),
            party: self.rulebook.parties[usize::from(party)].id.clone(),
            zone: self.rulebook.zones[c.zone].name.as_str().into(),
            at: super::time::written(&e.time),
            limits,
            units: listed,
            omitted,
        }));
        step
    }

    /// The units that add something from `a` to `b`, found among the
    /// party's most recent reports in the zone, in name order.
    fn listing(
        &self,
        reports: &PartyReports,
        a: Timestamp,
        b: Timestamp,
        limits: usize,
    ) -> Vec<UnitCount> {
        let end = reports.inside.partition_point(|(t, _)| *t <= b);
        let mut seen: Vec<usize> = Vec::new();
        let mut listed: Vec<(usize, UnitCount)> = Vec::new();
        for &(_, u) in reports.inside[..end].iter().rev().take(EXAMINED) {
            if listed.len() == LISTED {
                break;
            }
            if seen.contains(&u) {
                continue;
            }
            seen.push(u);
            let unit = &reports.units[u];
            let (part, latest, maybe_unreported) = unit.part(a, b, limits);
            if part.iter().any(|p| *p != Range::ZERO) {
                listed.push((u, self.unit_count(unit, latest, part, maybe_unreported)));
            }
        }
        listed.sort_by_key(|(u, _)| *u);
        listed.into_iter().map(|(_, c)| c).collect()
    }

    fn unit_count(
        &self,
        u: &Unit,
        reports: Vec<&Report>,
        adds: Vec<Range>,
        maybe_unreported: bool,
    ) -> UnitCount {
        let reports = reports
            .into_iter()
            .map(|r| {
                let e = &self.graph.events[r.index];
                ReportCount {
                    event: e.id.clone(),
                    time: super::time::written(&e.time),
                    inside: r.inside,
                    report: if r.sure { Truth::True } else { Truth::Unknown },
                    holds: r.holds.clone(),
                }
            })
            .collect();
        UnitCount {
            unit: u.name.clone(),
            adds,
            reports,
            maybe_unreported,
        }
    }

    fn counted_what(&self, counted: Counted) -> CountedWhat {
        match counted {
            Counted::Quantity(q) => CountedWhat::Quantity {
                name: self.rulebook.quantities[q].name.clone(),
            },
            Counted::Weapons { class } => CountedWhat::Weapons {
                class: class.map(|k| self.rulebook.weapon_classes[k].name.as_str().into()),
            },
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::eval) fn at(minutes: i64) -> Timestamp {
        Timestamp::from_second(1_700_000_000 + minutes * 60).unwrap()
    }

    /// A report, for tests elsewhere in `eval`.
    pub(in crate::eval) fn report_of(
        index: usize,
        (from, to): (i64, i64),
        sure: bool,
        inside: Truth,
        n: u64,
    ) -> Report {
        Report {
            index,
            from: at(from),
            to: at(to),
            sure,
            inside,
            holds: vec![Range::exactly(n)],
        }
    }

    /// A unit of these reports.
    pub(in crate::eval) fn unit_from(reports: Vec<Report>) -> Unit {
        unit(((true, "u".into()), reports))
    }

    /// A unit of sure reports inside the zone, each `(holds, from, to)`.
    pub(in crate::eval) fn unit_of(reports: &[(u64, i64, i64)]) -> Unit {
        let reports = reports
            .iter()
            .enumerate()
            .map(|(index, &(n, from, to))| Report {
                index,
                from: at(from),
                to: at(to),
                sure: true,
                inside: Truth::True,
                holds: vec![Range::exactly(n)],
            })
            .collect();
        unit(((true, "u".into()), reports))
    }

    fn report(index: usize, from: i64, to: i64, sure: bool) -> Report {
        Report {
            index,
            from: at(from),
            to: at(to),
            sure,
            inside: Truth::True,
            holds: vec![Range::exactly(index as u64)],
        }
    }

    fn latest(reports: Vec<Report>, a: i64, b: i64) -> (Vec<usize>, bool) {
        let u = unit(((true, "u".into()), reports));
        let (found, unreported) = u.latest(at(a), at(b));
        (found.iter().map(|r| r.index).collect(), unreported)
    }

    #[test]
    fn the_latest_report_replaces_the_earlier_ones() {
        let reports = vec![report(0, 0, 0, true), report(1, 60, 60, true)];
        assert_eq!(latest(reports.clone(), 30, 30), (vec![0], false));
        assert_eq!(latest(reports.clone(), 60, 60), (vec![1], false));
        assert_eq!(latest(reports, 90, 90), (vec![1], false));
    }

    #[test]
    fn before_any_report_a_unit_holds_nothing_for_sure() {
        let reports = vec![report(0, 60, 60, true)];
        assert_eq!(latest(reports.clone(), 30, 30), (vec![], true));
        // Across the report's time: before it, nothing; after it, the report.
        assert_eq!(latest(reports, 30, 90), (vec![0], true));
    }

    #[test]
    fn a_report_whose_time_may_fall_either_side_leaves_the_latest_open() {
        // A window from 50 to 70 minutes, judged at 60: it may or may not
        // have been made, so the report before it may still count.
        let reports = vec![report(0, 0, 0, true), report(1, 50, 70, true)];
        assert_eq!(latest(reports.clone(), 60, 60), (vec![0, 1], false));
        assert_eq!(latest(reports, 80, 80), (vec![1], false));
    }

    #[test]
    fn a_report_that_may_not_be_one_replaces_nothing_for_sure() {
        let reports = vec![report(0, 0, 0, true), report(1, 60, 60, false)];
        assert_eq!(latest(reports, 90, 90), (vec![0, 1], false));
    }

    #[test]
    fn reports_at_one_instant_are_taken_in_file_order() {
        let reports = vec![report(3, 60, 60, true), report(7, 60, 60, true)];
        assert_eq!(latest(reports, 60, 60), (vec![7], false));
    }

    #[test]
    fn a_report_adds_what_it_records_only_when_surely_inside_and_surely_a_report() {
        let mut r = report(5, 0, 0, true);
        assert_eq!(adds(&r, 0), Range::exactly(5));
        r.inside = Truth::Unknown;
        assert_eq!(adds(&r, 0), Range::up_to(Some(5)));
        r.inside = Truth::False;
        assert_eq!(adds(&r, 0), Range::ZERO);
        r.inside = Truth::True;
        r.sure = false;
        assert_eq!(adds(&r, 0), Range::up_to(Some(5)));
    }
}
