//! `within scope of permit`: whether the act lies inside what a related
//! authorisation grants: its units, weapons, place and time. Each part is
//! a fact in the explanation; a part the authorisation leaves out does not
//! limit it, and a part the act does not record cannot be decided.

use super::computed::Computed;
use super::cond::{Env, point_of};
use super::spatial::space::{between as metres, km};
use super::truth::Truth;
use super::verdict::{Doubt, Fact, Note, Step};
use crate::check::{Cond, PointField, Subject};
use crate::events::{Event, Grants};

impl Env<'_> {
    pub(super) fn in_scope(&self, cond: &Cond, permit: Subject) -> Step {
        let act = self.event(Subject::EVENT);
        let p = self.event(permit);
        let Some(grants) = p.grants() else {
            let mut step = Step::leaf(cond.text.clone(), Truth::False, Vec::new());
            step.facts
                .push(fact(p, "grants", "none recorded".into(), None));
            return step;
        };
        let parts = [
            units(act, p, grants),
            weapons(act, p, grants),
            place(self.rulebook, act, p, grants),
            period(act, p, grants),
        ];
        // One step per part granted, so the part that fails is the one a
        // reason names ("`actor.unit in grants.units` is false").
        let mut step = Step::leaf(cond.text.clone(), Truth::True, Vec::new());
        for (test, truth, f, why) in parts.into_iter().flatten() {
            step.result = step.result.and(truth);
            let mut part = Step::leaf(test.into(), truth, vec![f]);
            part.doubt = why;
            step.steps.push(part);
        }
        if step.result == Truth::Unknown {
            step.doubt = step.decisive().doubt.clone();
        }
        step
    }
}

/// A part of the scope: its test as the explanation words it, its truth,
/// the fact shown, and why it is unknown.
type Part = Option<(&'static str, Truth, Fact, Option<Doubt>)>;

fn fact(e: &Event, field: &'static str, value: String, computed: Option<Computed>) -> Fact {
    Fact {
        event: e.id.clone(),
        field: field.into(),
        value: value.into(),
        computed: computed.map(Box::new),
        note: None,
    }
}

/// The fact of a list a grant gives: `a, b`, or an empty value noted
/// [`Note::NoneListed`] for an empty list.
fn listed(p: &Event, field: &'static str, list: &[crate::name::Name], c: Computed) -> Fact {
    let names: Vec<&str> = list.iter().map(|n| &**n).collect();
    let mut f = fact(p, field, names.join(", "), Some(c));
    f.note = list.is_empty().then_some(Note::NoneListed);
    f
}

fn units(act: &Event, p: &Event, g: &Grants) -> Part {
    let list = g.units.as_ref()?;
    let (truth, computed) = match act.unit() {
        Some(u) => {
            let covered = list.contains(u);
            let name = u.clone();
            (Truth::from(covered), Computed::Covered { name, covered })
        }
        None if list.is_empty() => (Truth::False, Computed::NoneCovered { what: "unit" }),
        None => (
            Truth::Unknown,
            Computed::RecordsNo {
                event: act.id.clone(),
                what: "unit",
            },
        ),
    };
    let why = (truth == Truth::Unknown).then(|| Doubt::NoUnit {
        event: act.id.clone(),
    });
    let f = listed(p, "grants.units", list, computed);
    Some(("actor.unit in grants.units", truth, f, why))
}

fn weapons(act: &Event, p: &Event, g: &Grants) -> Part {
    let list = g.weapons.as_ref()?;
    let (truth, computed) = match act.weapons.as_deref() {
        None | Some([]) => (
            Truth::True,
            Computed::RecordsNo {
                event: act.id.clone(),
                what: "weapon",
            },
        ),
        Some(carried) => covered(act, carried, list),
    };
    let why = (truth == Truth::Unknown).then(|| Doubt::UntypedWeapon {
        event: act.id.clone(),
    });
    let f = listed(p, "grants.weapons", list, computed);
    Some(("weapon.type in grants.weapons", truth, f, why))
}

/// Whether every weapon carried is of a type the list allows: the first
/// that is not decides it.
fn covered(
    act: &Event,
    carried: &[crate::events::Weapon],
    list: &[crate::name::Name],
) -> (Truth, Computed) {
    let mut untyped = false;
    for w in carried {
        match &w.kind {
            Some(k) if list.contains(k) => {}
            Some(k) => {
                let name = k.clone();
                return (
                    Truth::False,
                    Computed::Covered {
                        name,
                        covered: false,
                    },
                );
            }
            None if list.is_empty() => {
                return (Truth::False, Computed::NoneCovered { what: "weapon" });
            }
            None => untyped = true,
        }
    }
    if untyped {
        let event = act.id.clone();
        return (Truth::Unknown, Computed::UntypedWeapon { event });
    }
    let weapons = carried.iter().filter_map(|w| w.kind.clone()).collect();
    (Truth::True, Computed::AllCovered { weapons })
}

const PLACE: &str = "place within grants.radius_m of the authorised place";

/// Inside the radius around the authorisation's place: decided only when
/// every reading of both positions, with its accuracy, agrees.
fn place(rulebook: &crate::check::Rulebook, act: &Event, p: &Event, g: &Grants) -> Part {
    let radius = g.radius_m?;
    let shown = km(radius);
    let (Some((here, _)), Some((there, _))) = (
        point_of(act, PointField::Place),
        point_of(p, PointField::Place),
    ) else {
        let why = Doubt::NoPlace {
            act: act.id.clone(),
            grant: p.id.clone(),
        };
        let f = fact(
            p,
            "grants.radius",
            shown,
            Some(Computed::Unknown { why: why.clone() }),
        );
        return Some((PLACE, Truth::Unknown, f, Some(why)));
    };
    let discs = (
        super::spatial::area::discs(here, rulebook, act.party),
        super::spatial::area::discs(there, rulebook, p.party),
    );
    let (Ok(here), Ok(there)) = discs else {
        let why = Doubt::UnreadableArea {
            act: act.id.clone(),
            grant: p.id.clone(),
        };
        let f = fact(
            p,
            "grants.radius",
            shown,
            Some(Computed::Unknown { why: why.clone() }),
        );
        return Some((PLACE, Truth::Unknown, f, Some(why)));
    };
    let mut truth = None;
    let mut nearest = f64::INFINITY;
    for a in here.iter() {
        for b in there.iter() {
            let d = metres(a, b);
            nearest = nearest.min(d);
            let slack = a.accuracy + b.accuracy;
            let t = if d + slack <= radius {
                Truth::True
            } else if d - slack > radius {
                Truth::False
            } else {
                Truth::Unknown
            };
            truth = Some(match truth {
                None => t,
                Some(prev) if prev == t => t,
                Some(_) => Truth::Unknown,
            });
        }
    }
    let truth = truth.unwrap_or(Truth::Unknown);
    let computed = Computed::Radius {
        nearest_m: nearest,
        radius_m: radius,
    };
    let why = (truth == Truth::Unknown).then_some(Doubt::RadiusWithinUncertainty);
    let f = fact(p, "grants.radius", shown, Some(computed));
    Some((PLACE, truth, f, why))
}

/// Within the validity: the act's whole time window inside it is in
/// scope, wholly outside is not, across a bound cannot be decided.
fn period(act: &Event, p: &Event, g: &Grants) -> Part {
    if g.valid_from.is_none() && g.valid_until.is_none() {
        return None;
    }
    let (from, to) = (act.time.from, act.time.to);
    let (start, end) = (g.valid_from.map(|v| v.0), g.valid_until.map(|v| v.0));
    let after_start = start.is_none_or(|v| from >= v);
    let before_end = end.is_none_or(|v| to <= v);
    let outside = start.is_some_and(|v| to < v) || end.is_some_and(|v| from > v);
    let truth = if after_start && before_end {
        Truth::True
    } else if outside {
        Truth::False
    } else {
        Truth::Unknown
    };
    let shown_at = |t: Option<(jiff::Timestamp, i32)>| {
        t.map(|(at, offset)| {
            let offset = jiff::tz::Offset::from_seconds(offset).unwrap_or(jiff::tz::Offset::UTC);
            at.display_with_offset(offset).to_string().into()
        })
    };
    let computed = Computed::ActTime {
        written: super::time::written(&act.time).into(),
    };
    let why = (truth == Truth::Unknown).then_some(Doubt::ValidityStraddled);
    let mut f = fact(p, "grants.valid", String::new(), Some(computed));
    f.note = Some(Note::Validity {
        from: shown_at(g.valid_from),
        until: shown_at(g.valid_until),
    });
    Some((
        "time within grants.valid_from to grants.valid_until",
        truth,
        f,
        why,
    ))
}
