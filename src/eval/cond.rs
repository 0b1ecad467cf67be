//! Evaluates a checked condition against an event in the graph, building
//! the explanation step by step.

use super::computed::Computed;
use super::spatial::space::push_fixed;
use super::spatial::zone::Membership;
use super::truth::Truth;
use super::verdict::{DayOf, Doubt, Fact, FieldName, Step};
use crate::check::{
    ActSet, CmpOp, Cond, CondKind, DoctrineTest, Measure, PointField, Rulebook, Subject,
};
use crate::events::{Event, Point, Position};
use crate::graph::EventGraph;

/// What a condition is evaluated against: the rulebook, the graph, and the
/// events bound so far (`subjects[0]` is the event being judged).
pub struct Env<'a> {
    pub rulebook: &'a Rulebook,
    pub graph: &'a EventGraph,
    /// What was found over the whole graph before judging: the changes
    /// made while the agreement ran, patterns, ceilings' reports.
    pub survey: &'a super::survey::Survey,
    pub subjects: Vec<usize>,
    /// Zone tests already decided for the event being judged: articles
    /// often ask the same question (`origin in dmz`) several times.
    pub zones_seen: crate::name::FastMap<(usize, PointField, usize), Membership>,
    /// Where the places of the event being judged lie against each line,
    /// for the zones drawn along the same line.
    pub(super) lines_seen: super::spatial::zone::LineReadings,
    /// Whose area each place of the events read so far lies in, by the
    /// geometry alone: `directed at` and `in area of` ask it of the same
    /// place for several articles and exceptions.
    pub(super) controls_seen: std::cell::RefCell<
        crate::name::FastMap<(usize, PointField), super::spatial::control::Control>,
    >,
    /// The doctrines tested so far for the event being judged.
    pub doctrines: Vec<usize>,
    /// Exceptions already tried on the event being judged: one exception
    /// often overrides several articles, and its answer is the same.
    pub exceptions_seen: crate::name::FastMap<usize, Step>,
    /// `some` tests already answered for the event being judged, by the
    /// test and the events its condition reads (see [`SomeKey`]).
    pub(super) somes_seen: crate::name::FastMap<super::relation::SomeKey, Step>,
    /// Proofs already weighed for the event being judged, by standard and
    /// aspect: articles of one standard weigh the same evidence.
    pub proofs_seen: crate::name::FastMap<(usize, super::proof::Aspect), super::verdict::Proof>,
    /// The standard of proof findings and links must meet in the condition
    /// being evaluated: the article's, or the exception's.
    pub standard: usize,
    /// Evaluating an exception's condition: a link that falls short of the
    /// standard fails the excuse (the burden is on whoever invokes it),
    /// where in an article's condition it only leaves the test open.
    pub excusing: bool,
    /// While a weapon class is tried on one weapon of the event being read:
    /// that weapon's position, so the class reads it alone.
    pub weapon: Option<usize>,
    /// Evaluating a condition whose explanation will be dropped, only its
    /// answer kept: a `some` already answered is then not copied out.
    pub(super) quiet: bool,
}

impl<'a> Env<'a> {
    /// An environment for judging `event` (or, with no event yet, for
    /// evaluating conditions over many).
    pub fn new(
        rulebook: &'a Rulebook,
        graph: &'a EventGraph,
        survey: &'a super::survey::Survey,
        event: Option<usize>,
    ) -> Self {
        Env {
            rulebook,
            graph,
            survey,
            subjects: event.into_iter().collect(),
            zones_seen: Default::default(),
            lines_seen: Default::default(),
            controls_seen: Default::default(),
            doctrines: Vec::new(),
            exceptions_seen: Default::default(),
            somes_seen: Default::default(),
            proofs_seen: Default::default(),
            standard: 0,
            excusing: false,
            weapon: None,
            quiet: false,
        }
    }

    /// Moves on to judging `event`, forgetting what was found for the last
    /// (the caches keep their room).
    pub(super) fn start(&mut self, event: usize) {
        self.subjects.clear();
        self.subjects.push(event);
        self.standard = 0;
        self.excusing = false;
        self.weapon = None;
        self.quiet = false;
        self.zones_seen.clear();
        self.lines_seen.get_mut().clear();
        self.controls_seen.get_mut().clear();
        self.exceptions_seen.clear();
        self.somes_seen.clear();
        self.proofs_seen.clear();
        self.doctrines.clear();
    }

    /// The judged event's evidence weighed against standard `standard`
    /// for `aspect`, once per event.
    pub(super) fn proof(
        &mut self,
        standard: usize,
        aspect: super::proof::Aspect,
    ) -> super::verdict::Proof {
        let (rulebook, graph, event) = (self.rulebook, self.graph, self.subjects[0]);
        self.proofs_seen
            .entry((standard, aspect))
            .or_insert_with(|| {
                let standard = &rulebook.standards[standard];
                super::proof::assess(graph, &rulebook.parties, event, standard, aspect)
            })
            .clone()
    }
}

impl Env<'_> {
    pub(super) fn event(&self, s: Subject) -> &Event {
        &self.graph.events[self.subjects[usize::from(s.0)]]
    }

    pub fn eval(&mut self, cond: &Cond) -> Step {
        match &cond.kind {
            CondKind::Const(b) => Step::leaf(cond.text.clone(), Truth::from(*b), Vec::new()),
            CondKind::Doctrine(t) => self.doctrine(cond, *t),
            CondKind::InPattern { subject, pattern } => self.in_pattern(cond, *subject, *pattern),
            CondKind::InScope { permit } => self.in_scope(cond, *permit),
            CondKind::Established { subject } => self.established(cond, *subject),
            CondKind::Not(inner) => {
                let child = self.eval(inner);
                let mut step = Step::leaf(cond.text.clone(), child.result.negated(), Vec::new());
                step.steps.push(child);
                step
            }
            CondKind::And(..) => self.chain(cond, true),
            CondKind::Or(..) => self.chain(cond, false),
            CondKind::Act { subject, acts } => self.act(cond, *subject, acts),
            CondKind::Actor { subject, parties } => self.actor(cond, *subject, parties),
            CondKind::WeaponClass { subject, class } => self.weapon_class(cond, *subject, *class),
            CondKind::WeaponType { subject, types } => self.weapon_type(cond, *subject, types),
            CondKind::Category {
                subject,
                category,
                values,
            } => self.category(cond, *subject, *category, values),
            CondKind::WeaponSum {
                subject,
                sum,
                class,
                op,
                value,
            } => self.weapon_sum(cond, *subject, *sum, *class, *op, *value),
            CondKind::Holdings { party, ceiling } => self.holdings(cond, *party, *ceiling),
            CondKind::Measure {
                subject,
                field,
                op,
                value,
            } => self.measure(cond, *subject, *field, *op, *value),
            CondKind::MeasureCompare { lhs, op, rhs } => self.measures(cond, *lhs, *op, *rhs),
            CondKind::SameParty { lhs, rhs } => self.same_party(cond, *lhs, *rhs),
            CondKind::Time {
                subject,
                op,
                at,
                last,
                written,
            } => self.time_bound(cond, *subject, *op, (*at, *last), written),
            CondKind::TimeOrder { lhs, op, rhs } => self.time_order(cond, *lhs, *op, *rhs),
            CondKind::Deadline {
                subject,
                op,
                deadline,
            } => self.deadline(cond, *subject, *op, *deadline),
            CondKind::RegimeStart {
                subject,
                op,
                regime,
            } => self.regime_start(cond, *subject, *op, *regime),
            CondKind::InZone {
                subject,
                point,
                zone,
            } => self.in_zone(cond, *subject, *point, *zone),
            CondKind::Crosses {
                subject,
                path,
                line,
                from,
            } => self.crosses(cond, *subject, *path, *line, *from),
            CondKind::OnSide {
                subject,
                point,
                side,
                line,
            } => self.on_side(cond, *subject, *point, *side, *line),
            CondKind::Near {
                subject,
                point,
                limit,
                reference,
            } => self.near(cond, *subject, *point, *limit, *reference),
            CondKind::TimeWithin {
                subject,
                seconds,
                after,
                reference,
            } => self.time_within(cond, *subject, *seconds, *after, reference),
            CondKind::Overlaps { lhs, rhs } => self.overlaps(cond, *lhs, *rhs),
            CondKind::Some {
                relation,
                binding,
                condition,
                reads,
            } => self.some_once(cond, *relation, binding, condition.as_deref(), *reads),
            CondKind::Capacity {
                subject,
                capacities,
            } => self.capacity(cond, *subject, *capacities),
            CondKind::Affected { subject, parties } => self.affected(cond, *subject, parties),
            CondKind::InArea {
                subject,
                point,
                owner,
            } => self.in_area(cond, *subject, *point, *owner),
            CondKind::Over {
                subject,
                path,
                region,
            } => self.over(cond, *subject, *path, *region),
            CondKind::Known {
                subject,
                field,
                known,
            } => self.known(cond, *subject, *field, *known),
            CondKind::Directed { subject, object } => self.directed(cond, *subject, *object),
            CondKind::Element { element, about } => self.element(cond, *element, *about),
        }
    }

    fn act(&self, cond: &Cond, subject: Subject, acts: &ActSet) -> Step {
        let e = self.event(subject);
        let fact = self.fact(
            e,
            "act",
            self.rulebook.acts[usize::from(e.act)].name.clone(),
            None,
        );
        Step::leaf(
            cond.text.clone(),
            Truth::from(acts.contains(e.act)),
            vec![fact],
        )
    }

    fn time_bound(
        &self,
        cond: &Cond,
        subject: Subject,
        op: CmpOp,
        (at, last): (jiff::Timestamp, jiff::Timestamp),
        written: &str,
    ) -> Step {
        let e = self.event(subject);
        // The bound is an instant, or any instant of its day: a window
        // meets it only if every pair of instants does.
        let bound = super::time::span(at, last);
        let truth = super::time::order(&e.time, op, &bound);
        let fact = self.fact(
            e,
            "time",
            e.time,
            Some(Computed::Bound {
                written: written.into(),
            }),
        );
        let mut step = Step::leaf(cond.text.clone(), truth, vec![fact]);
        if truth == Truth::Unknown {
            if super::time::falls_on(&e.time, at, last) {
                step.doubt = Some(super::time::within_day(DayOf::Bound, written));
            } else {
                step.doubt = Some(Doubt::BoundWithin);
            }
        }
        step
    }

    fn time_order(&self, cond: &Cond, lhs: Subject, op: CmpOp, rhs: Subject) -> Step {
        let (a, b) = (self.event(lhs), self.event(rhs));
        let truth = super::time::order(&a.time, op, &b.time);
        let facts = vec![
            self.fact(a, "time", a.time, None),
            self.fact(b, "time", b.time, None),
        ];
        let mut step = Step::leaf(cond.text.clone(), truth, facts);
        if truth == Truth::Unknown {
            step.doubt = Some(Doubt::TimesOverlap);
        }
        step
    }

    /// `a and b and c` (or `or`) as one step with a part per operand,
    /// stopping at the first part that settles it.
    fn chain(&mut self, cond: &Cond, is_and: bool) -> Step {
        let mut parts = Vec::new();
        flatten(cond, is_and, &mut parts);
        let settles = if is_and { Truth::False } else { Truth::True };
        let mut result = if is_and { Truth::True } else { Truth::False };
        let mut steps = Vec::with_capacity(parts.len());
        for part in parts {
            let step = self.eval(part);
            let r = step.result;
            steps.push(step);
            if r == settles {
                result = settles;
                break;
            }
            if r == Truth::Unknown {
                result = Truth::Unknown;
            }
        }
        Step {
            steps,
            ..Step::leaf(cond.text.clone(), result, Vec::new())
        }
    }

    /// `actor is LB`: true of a group under `LB` too, as everywhere a party
    /// is compared (`actor is HZ` names the group itself).
    fn actor(&self, cond: &Cond, subject: Subject, parties: &[u16]) -> Step {
        let e = self.event(subject);
        match e.party {
            Some(p) => {
                let under = super::article::answering(self.rulebook, p);
                let mut fact = self.fact(
                    e,
                    "actor.party",
                    self.rulebook.parties[usize::from(p)].id.clone(),
                    None,
                );
                let by_group = !parties.contains(&p) && parties.contains(&under);
                if by_group {
                    let party = self.rulebook.parties[usize::from(under)].id.clone();
                    fact.note = Some(super::verdict::Note::GroupUnder { party });
                }
                Step::leaf(
                    cond.text.clone(),
                    Truth::from(parties.contains(&p) || by_group),
                    vec![fact],
                )
            }
            None => missing(cond, e, "actor.party"),
        }
    }

    fn measure(
        &self,
        cond: &Cond,
        subject: Subject,
        field: Measure,
        op: CmpOp,
        bound: f64,
    ) -> Step {
        if field.of_weapon() {
            return self.weapon_measure(cond, subject, field, op, bound);
        }
        match self.measured(cond, subject, field) {
            Ok((value, fact)) => {
                let truth = Truth::from(op.holds(self.order(field, value, bound)));
                Step::leaf(cond.text.clone(), truth, vec![fact])
            }
            Err(step) => step,
        }
    }

    /// `doctrine who_fired_first is irrelevant`: the verdict lists the
    /// setting in effect and who chose it.
    fn doctrine(&mut self, cond: &Cond, t: DoctrineTest) -> Step {
        let holds = self.doctrine_holds(t);
        Step::leaf(cond.text.clone(), Truth::from(holds), Vec::new())
    }

    /// Whether a doctrine test holds, noting that the verdict depended on it.
    pub(super) fn doctrine_holds(&mut self, t: DoctrineTest) -> bool {
        if !self.doctrines.contains(&t.doctrine) {
            self.doctrines.push(t.doctrine);
        }
        self.rulebook.holds(t)
    }

    /// `weapon.rounds <= attack.weapon.rounds`: both values are shown.
    fn measures(
        &self,
        cond: &Cond,
        (ls, lm): (Subject, Measure),
        op: CmpOp,
        (rs, rm): (Subject, Measure),
    ) -> Step {
        let (l, r) = (self.measured(cond, ls, lm), self.measured(cond, rs, rm));
        match (l, r) {
            (Ok((lv, lf)), Ok((rv, rf))) => {
                let truth = Truth::from(op.holds(self.order(lm, lv, rv)));
                Step::leaf(cond.text.clone(), truth, vec![lf, rf])
            }
            (Err(step), _) | (_, Err(step)) => step,
        }
    }

    /// The value of a measure in base units, with the fact that shows it;
    /// the unknown step when the event does not record it. A weapon's
    /// measure reads the event's one weapon.
    fn measured(&self, cond: &Cond, subject: Subject, field: Measure) -> Result<(f64, Fact), Step> {
        let e = self.event(subject);
        if field.of_weapon() {
            let (i, w) = self.one_weapon(cond, subject, e, field)?;
            return self.weapon_value(cond, e, i, w, field);
        }
        let value = match field {
            Measure::Killed => e.effects().and_then(|f| f.killed).map(f64::from),
            Measure::Wounded => e.effects().and_then(|f| f.wounded).map(f64::from),
            Measure::Quantity(q) => return self.quantity(cond, e, q),
            Measure::Calibre | Measure::Rounds | Measure::Reach => {
                unreachable!("a weapon's measure is read above")
            }
        };
        let Some(value) = value else {
            return Err(missing(cond, e, field.path()));
        };
        Ok((
            value,
            self.fact(e, field.path(), super::Shown::Number(value), None),
        ))
    }

    /// Whether two events' actors answer to the same party.
    fn same_party(&self, cond: &Cond, lhs: Subject, rhs: Subject) -> Step {
        let mut facts = Vec::new();
        let mut answering = Vec::new();
        for subject in [lhs, rhs] {
            let e = self.event(subject);
            let Some(p) = e.party else {
                return missing(cond, e, "actor.party");
            };
            let party = super::article::answering(self.rulebook, p);
            let id = self.rulebook.parties[usize::from(p)].id.clone();
            let mut fact = self.fact(e, "actor.party", id, None);
            if party != p {
                let under = self.rulebook.parties[usize::from(party)].id.clone();
                fact.note = Some(super::verdict::Note::GroupUnder { party: under });
            }
            facts.push(fact);
            answering.push(party);
        }
        Step::leaf(
            cond.text.clone(),
            Truth::from(answering[0] == answering[1]),
            facts,
        )
    }

    /// Lengths and durations carry unit arithmetic; counts are whole
    /// numbers, compared exactly (a declared quantity is a count unless it
    /// has a unit).
    pub(super) fn order(&self, field: Measure, value: f64, bound: f64) -> std::cmp::Ordering {
        let measured = match field {
            Measure::Calibre | Measure::Reach => true,
            Measure::Quantity(q) => self.rulebook.quantities[q].unit.is_some(),
            Measure::Rounds | Measure::Killed | Measure::Wounded => false,
        };
        if measured {
            compare(value, bound)
        } else {
            value.total_cmp(&bound)
        }
    }

    pub(super) fn fact(
        &self,
        e: &Event,
        field: impl Into<super::verdict::FieldName>,
        value: impl Into<super::Shown>,
        computed: Option<super::computed::Computed>,
    ) -> Fact {
        Fact {
            event: e.id.clone(),
            field: field.into(),
            value: value.into(),
            computed: computed.map(Box::new),
            note: None,
        }
    }
}

/// Compares two measures, taking values within a billionth of each other as
/// equal: `14.2 mm` and `0.0142 m` are the same calibre, though their
/// floating-point products differ in the last bit.
fn compare(value: f64, bound: f64) -> std::cmp::Ordering {
    let tolerance = 1e-9 * value.abs().max(bound.abs());
    if (value - bound).abs() <= tolerance {
        std::cmp::Ordering::Equal
    } else {
        value.total_cmp(&bound)
    }
}

fn flatten<'c>(cond: &'c Cond, is_and: bool, out: &mut Vec<&'c Cond>) {
    match (&cond.kind, is_and) {
        (CondKind::And(a, b), true) | (CondKind::Or(a, b), false) => {
            flatten(a, is_and, out);
            flatten(b, is_and, out);
        }
        _ => out.push(cond),
    }
}

/// A weapon type with no declared reach: unknown, and said so.
pub(super) fn no_reach(cond: &Cond, e: &Event, kind: &str) -> Step {
    unknown(
        cond,
        Doubt::NoReach {
            event: e.id.clone(),
            weapon: kind.into(),
        },
    )
}

/// A test whose fact the event does not record: unknown, and said so.
pub(super) fn missing(cond: &Cond, e: &Event, field: impl Into<FieldName>) -> Step {
    let event = e.id.clone();
    unknown(
        cond,
        Doubt::Missing {
            event,
            field: field.into(),
        },
    )
}

/// A test that cannot be decided, and why.
pub(super) fn unknown(cond: &Cond, why: Doubt) -> Step {
    let mut step = Step::leaf(cond.text.clone(), Truth::Unknown, Vec::new());
    step.doubt = Some(why);
    step
}

/// The point a test reads, and which field it came from: an act takes
/// place where its actor is, so without a `place` the `origin` stands in.
pub(super) fn point_of(e: &Event, field: PointField) -> Option<(&Position, PointField)> {
    match field {
        PointField::Place => e
            .place
            .as_ref()
            .map(|p| (p, PointField::Place))
            .or_else(|| e.origin().map(|p| (p, PointField::Origin))),
        PointField::Origin => e.origin().map(|p| (p, field)),
        PointField::Target => e.target().map(|p| (p, field)),
    }
}

/// `37.9512 N, 126.7012 E`
pub fn coordinates(p: &Point) -> String {
    // Written into one string: every fixed position of every event judged
    // is worded so.
    let mut out = String::with_capacity(24);
    push_fixed(&mut out, p.lat.abs(), 4);
    out.push_str(if p.lat >= 0.0 { " N, " } else { " S, " });
    push_fixed(&mut out, p.lon.abs(), 4);
    out.push_str(if p.lon >= 0.0 { " E" } else { " W" });
    out
}

#[cfg(test)]
mod tests {
    use super::compare;
    use std::cmp::Ordering;

    #[test]
    fn equal_measures_in_different_units_compare_equal() {
        let mm = 14.2 * crate::ast::Unit::Millimetre.scale();
        let m = 0.0142 * crate::ast::Unit::Metre.scale();
        assert_eq!(compare(mm, m), Ordering::Equal);
        assert_eq!(compare(0.1, 0.1000001), Ordering::Less);
    }
}
