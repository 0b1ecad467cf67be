//! Tests of what the record holds and what findings can decide: `is known`,
//! capacities, the force affected, `directed at`, and the elements a
//! rulebook names.

use super::Shown;
use super::cond::{Env, missing, point_of};
use super::findings::Asked;
use super::spatial::control::Area;
use super::truth::Truth;
use super::verdict::{Doubt, Note, Step};
use crate::check::{
    AreaSel, Capacity, CapacitySet, Cond, Field, Measure, ObjectSel, PartyIdx, PointField, Subject,
};
use crate::events::{Event, FactValue};
use crate::name::Name;

impl Env<'_> {
    /// `target is known`: never unknown itself.
    pub(super) fn known(&self, cond: &Cond, subject: Subject, field: Field, known: bool) -> Step {
        let e = self.event(subject);
        let recorded = recorded(self.rulebook, e, field);
        let mut facts = Vec::new();
        if recorded {
            let name = field_name(self.rulebook, field);
            facts.push(self.fact(e, name, value(self.rulebook, e, field), None));
        }
        Step::leaf(cond.text.clone(), Truth::from(recorded == known), facts)
    }

    /// `force is police`: one of the category's values, as the event
    /// records it; unknown when it records none.
    pub(super) fn category(
        &self,
        cond: &Cond,
        subject: Subject,
        category: usize,
        values: &[Name],
    ) -> Step {
        let e = self.event(subject);
        let name = &self.rulebook.categories[category].name;
        match e.fact(name) {
            Some(FactValue::Word(w)) => {
                let fact = self.fact(e, name.clone(), w.clone(), None);
                Step::leaf(
                    cond.text.clone(),
                    Truth::from(values.contains(w)),
                    vec![fact],
                )
            }
            Some(FactValue::Number(_)) | None => missing(cond, e, name.clone()),
        }
    }

    /// A quantity the rulebook declares, in base units, with the fact that
    /// shows it in the unit events record it in.
    pub(super) fn quantity(
        &self,
        cond: &Cond,
        e: &Event,
        q: usize,
    ) -> Result<(f64, super::verdict::Fact), Step> {
        let declared = &self.rulebook.quantities[q];
        let Some(FactValue::Number(n)) = e.fact(&declared.name) else {
            return Err(missing(cond, e, declared.name.clone()));
        };
        let shown = match declared.unit {
            None => format!("{n}"),
            Some(u) => format!("{} {}", n / u.scale(), u.symbol()),
        };
        Ok((*n, self.fact(e, declared.name.clone(), shown, None)))
    }

    /// `actor.capacity is private`: unknown when the record does not tell,
    /// unless the test asks just that (`actor.capacity in [unknown, ...]`).
    pub(super) fn capacity(&self, cond: &Cond, subject: Subject, set: CapacitySet) -> Step {
        let e = self.event(subject);
        if e.capacity == Capacity::Unknown && !set.contains(Capacity::Unknown) {
            return missing(cond, e, "actor.capacity");
        }
        let fact = self.fact(e, "actor.capacity", e.capacity.name(), None);
        Step::leaf(
            cond.text.clone(),
            Truth::from(set.contains(e.capacity)),
            vec![fact],
        )
    }

    /// `affected is UNIFIL`
    pub(super) fn affected(&self, cond: &Cond, subject: Subject, parties: &[PartyIdx]) -> Step {
        let e = self.event(subject);
        let Some(a) = e.affected() else {
            return missing(cond, e, "affected");
        };
        let id = self.rulebook.parties[usize::from(a)].id.clone();
        let fact = self.fact(e, "affected", id, None);
        Step::leaf(
            cond.text.clone(),
            Truth::from(parties.contains(&a)),
            vec![fact],
        )
    }

    /// `directed at other side`: from whose area the target lies in (by
    /// the lines whose sides are held, or a finding of its side), settled
    /// by findings of what the act was aimed at where that does not tell.
    pub(super) fn directed(&self, cond: &Cond, subject: Subject, object: ObjectSel) -> Step {
        let e = self.event(subject);
        let answering = |p: PartyIdx| super::article::answering(self.rulebook, p);
        // The side an act comes from: its actor's, or, for an actor that is
        // no side (unknown, a non-party), the side whose area it was
        // launched from.
        let bound = e
            .party
            .filter(|p| self.rulebook.parties[usize::from(*p)].role.is_bound());
        let origin = bound
            .is_none()
            .then(|| self.area(subject, PointField::Origin));
        let actor = bound
            .map(answering)
            .or_else(|| origin.as_ref().and_then(|a| a.holder));
        let party = match object {
            ObjectSel::Party(p) => Some(answering(p)),
            ObjectSel::PartyOf(s) => self.event(s).party.map(answering),
            ObjectSel::OtherSide | ObjectSel::OwnArea | ObjectSel::Intruder => None,
        };
        let asked = Asked::Directed {
            object,
            actor,
            party,
        };
        // An act done at a place (a mine laid, a raid, an assault), with no
        // origin and target of its own, is aimed where it was done.
        let at_place = e.target().is_none() && e.origin().is_none() && e.place.is_some();
        let aim = if at_place {
            PointField::Place
        } else {
            PointField::Target
        };
        let target = self.area(subject, aim);
        if e.target().is_none() && target.holder.is_none() {
            return self.settle(missing(cond, e, "target"), subject, asked);
        }
        let truth = match (target.holder, &origin) {
            (None, _) => Truth::Unknown,
            (Some(_), _) if actor.is_none() => Truth::Unknown,
            // Launched by no side from one side's area into that same
            // area: at that side, or at an intruder there?
            (Some(h), Some(_)) if Some(h) == actor => Truth::Unknown,
            (Some(h), _) => aimed(object, h, actor, party),
        };
        let mut facts = Vec::new();
        let aimed_at = if at_place {
            e.place.as_ref()
        } else {
            e.target()
        };
        match aimed_at {
            Some(pos) => {
                let mut fact = self.fact(e, aim.name(), Shown::place(pos), None);
                fact.note = Some(target.note.clone());
                facts.push(fact);
            }
            // Not recorded; placed by a finding of a crossing, or by the
            // forces struck, which the note says.
            None => {
                let mut fact = self.fact(e, "target", "—", None);
                fact.note = Some(target.note.clone());
                facts.push(fact);
            }
        }
        if let (Some(area), Some(pos)) = (&origin, e.origin()) {
            let mut fact = self.fact(e, "origin", Shown::place(pos), None);
            fact.note = Some(area.note.clone());
            facts.push(fact);
        }
        let mut step = Step::leaf(cond.text.clone(), truth, facts);
        if matches!(object, ObjectSel::PartyOf(_)) && party.is_none() {
            step.result = Truth::Unknown;
        }
        if step.result == Truth::Unknown {
            step.doubt = Some(why_not_aimed(&target, origin.as_ref(), actor, object));
        }
        self.settle(step, subject, asked)
    }

    /// `target in area of other side`, `place in area of UA`: whose area
    /// the position lies in, by the lines whose sides are held and the
    /// parties' areas, or by a finding of its side where the record does
    /// not tell (see `control.rs`).
    pub(super) fn in_area(
        &self,
        cond: &Cond,
        subject: Subject,
        point: PointField,
        owner: AreaSel,
    ) -> Step {
        let e = self.event(subject);
        let area = self.area(subject, point);
        let recorded = point_of(e, point);
        if recorded.is_none() && area.holder.is_none() {
            return missing(cond, e, point.name());
        }
        let truth = self.owns(e, area.holder, owner);
        let holder = area.holder;
        let mut fact = match recorded {
            Some((pos, read)) => self.fact(e, read.name(), Shown::place(pos), None),
            None => self.fact(e, point.name(), "—", None),
        };
        fact.note = Some(area.note);
        let mut step = Step::leaf(cond.text.clone(), truth, vec![fact]);
        if truth == Truth::Unknown {
            step.doubt = Some(match holder {
                None => Doubt::PlaceArea,
                Some(_) => Doubt::ActorUnknown,
            });
        }
        step
    }

    /// An element: its definition read from the record, with the other
    /// event it is about bound to its name; findings settle it where the
    /// record does not.
    pub(super) fn element(&mut self, cond: &Cond, element: usize, about: Option<Subject>) -> Step {
        let rulebook = self.rulebook;
        let el = &rulebook.elements[element];
        let judged = self.subjects[0];
        let other = about.map(|s| self.subjects[usize::from(s.0)]);
        let mut step = Step::leaf(cond.text.clone(), Truth::Unknown, Vec::new());
        match &el.definition {
            Some(definition) => {
                let bound: Vec<usize> = std::iter::once(judged).chain(other).collect();
                let saved = std::mem::replace(&mut self.subjects, bound);
                let inner = self.eval(definition);
                self.subjects = saved;
                step.result = inner.result;
                step.steps.push(inner);
            }
            None => {
                let e = &self.graph.events[judged];
                let mut fact = self.fact(e, "element", el.name.clone(), None);
                fact.note = Some(Note::FindingsOnly);
                step.facts.push(fact);
            }
        }
        let of = other.map(|i| &*self.graph.events[i].id);
        self.settle(step, Subject::EVENT, Asked::Element { element, of })
    }
}

/// What an act is aimed at, by whose area its target lies in: the other
/// side's area means the other side; one's own area means a drill or an
/// intruder, which the record alone cannot tell apart.
fn aimed(
    object: ObjectSel,
    holder: PartyIdx,
    actor: Option<PartyIdx>,
    party: Option<PartyIdx>,
) -> Truth {
    match (object, actor) {
        (_, None) => Truth::Unknown,
        (ObjectSel::OtherSide, Some(a)) => Truth::from(holder != a),
        (ObjectSel::OwnArea | ObjectSel::Intruder, Some(a)) if holder != a => Truth::False,
        (ObjectSel::OwnArea | ObjectSel::Intruder, Some(_)) => Truth::Unknown,
        (ObjectSel::Party(_) | ObjectSel::PartyOf(_), Some(a)) => match party {
            None => Truth::Unknown,
            // At one's own people: not a hostile act against anyone.
            Some(q) if q == a => Truth::False,
            Some(q) if q == holder => Truth::True,
            // In one's own area, at an intruder of the other party's, perhaps.
            Some(_) => Truth::Unknown,
        },
    }
}

/// Why the record does not tell whom an act was aimed at.
fn why_not_aimed(
    target: &Area,
    origin: Option<&Area>,
    actor: Option<PartyIdx>,
    object: ObjectSel,
) -> Doubt {
    if target.holder.is_none() {
        return Doubt::TargetArea;
    }
    match (actor, origin, object) {
        (None, Some(_), _) => Doubt::LaunchArea,
        (None, None, _) => Doubt::ActorUnknown,
        (Some(_), Some(_), _) => Doubt::WithinOneSide,
        (Some(_), None, ObjectSel::OwnArea | ObjectSel::Intruder) => Doubt::OwnAreaDrill,
        (Some(_), None, _) => Doubt::OwnAreaIntruder,
    }
}

/// The name a field goes by in a fact: its path, or the name the rulebook
/// gives a fact of its own.
fn field_name(rulebook: &crate::check::Rulebook, field: Field) -> super::verdict::FieldName {
    match field {
        Field::Category(c) => rulebook.categories[c].name.clone().into(),
        Field::Measure(Measure::Quantity(q)) => rulebook.quantities[q].name.clone().into(),
        other => other.path().into(),
    }
}

/// Whether the event records a field: for a weapon's field, every weapon
/// it records has it (and there is one).
fn recorded(rulebook: &crate::check::Rulebook, e: &Event, field: Field) -> bool {
    let weapons = e.weapons.as_deref();
    let every = |has: fn(&crate::events::Weapon) -> bool| {
        weapons.is_some_and(|w| !w.is_empty() && w.iter().all(has))
    };
    let effects = e.effects();
    match field {
        Field::Act | Field::Time => true,
        Field::Party => e.party.is_some(),
        Field::Capacity => e.capacity != Capacity::Unknown,
        Field::Affected => e.affected().is_some(),
        Field::Weapon => weapons.is_some(),
        Field::WeaponType => every(|w| w.kind.is_some()),
        Field::Measure(Measure::Calibre) => every(|w| w.calibre_mm.is_some()),
        Field::Measure(Measure::Rounds) => every(|w| w.rounds.is_some()),
        Field::Measure(Measure::Reach) => every(|w| w.kind.is_some()),
        Field::Measure(Measure::Killed) => effects.is_some_and(|f| f.killed.is_some()),
        Field::Measure(Measure::Wounded) => effects.is_some_and(|f| f.wounded.is_some()),
        Field::Measure(Measure::Quantity(q)) => e.fact(&rulebook.quantities[q].name).is_some(),
        Field::Category(c) => e.fact(&rulebook.categories[c].name).is_some(),
        Field::Point(PointField::Place) => e.place.is_some() || e.origin().is_some(),
        Field::Point(PointField::Origin) => e.origin().is_some(),
        Field::Point(PointField::Target) => e.target().is_some(),
        Field::Path(crate::check::PathField::Trajectory) => {
            e.origin().is_some() && e.target().is_some()
        }
        Field::Path(crate::check::PathField::Track) => e.track().is_some(),
    }
}

/// The value of a recorded field, as a fact shows it.
fn value(rulebook: &crate::check::Rulebook, e: &Event, field: Field) -> crate::name::Name {
    let party = |p: PartyIdx| rulebook.parties[usize::from(p)].id.clone();
    match field {
        Field::Party => e.party.map(party).unwrap_or_else(|| "unknown".into()),
        Field::Affected => e.affected().map(party).unwrap_or_else(|| "none".into()),
        Field::Capacity => e.capacity.name().into(),
        Field::Act => rulebook.acts[usize::from(e.act)].name.clone(),
        Field::Time => super::time::written(&e.time).into(),
        Field::Category(c) => match e.fact(&rulebook.categories[c].name) {
            Some(FactValue::Word(w)) => w.clone(),
            _ => "recorded".into(),
        },
        _ => "recorded".into(),
    }
}
