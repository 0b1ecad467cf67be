//! `within scope of permit`: whether the act lies inside what a related
//! authorisation grants: its units, weapons, place and time. Each part is
//! a fact in the explanation; a part the authorisation leaves out does not
//! limit it, and a part the act does not record cannot be decided.

use super::cond::{Env, point_of};
use super::space::{between as metres, km};
use super::truth::Truth;
use super::verdict::{Fact, Step};
use crate::check::{Cond, PointField, Subject};
use crate::events::{Event, Grants};

impl Env<'_> {
    pub(super) fn in_scope(&self, cond: &Cond, permit: Subject) -> Step {
        let act = self.event(Subject::EVENT);
        let p = self.event(permit);
        let Some(grants) = p.grants.as_deref() else {
            let mut step = Step::leaf(cond.text.clone(), Truth::False, Vec::new());
            step.facts
                .push(fact(p, "grants", "none recorded".into(), None));
            return step;
        };
        let parts = [
            units(act, p, grants),
            weapons(act, p, grants),
            place(act, p, grants),
            period(act, p, grants),
        ];
        let mut step = Step::leaf(cond.text.clone(), Truth::True, Vec::new());
        for (truth, f, why) in parts.into_iter().flatten() {
            step.result = step.result.and(truth);
            if truth == Truth::Unknown && step.unknown_because.is_none() {
                step.unknown_because = why;
            }
            step.facts.push(f);
        }
        step
    }
}

type Part = Option<(Truth, Fact, Option<String>)>;

fn fact(e: &Event, field: &'static str, value: String, computed: Option<String>) -> Fact {
    Fact {
        event: e.id.clone(),
        field,
        value: value.into(),
        computed,
    }
}

fn listed(list: &[crate::name::Name]) -> String {
    let names: Vec<&str> = list.iter().map(|n| &**n).collect();
    names.join(", ")
}

fn units(act: &Event, p: &Event, g: &Grants) -> Part {
    let list = g.units.as_ref()?;
    let (truth, computed) = match &act.unit {
        Some(u) if list.contains(u) => (Truth::True, format!("`{u}` is covered")),
        Some(u) => (Truth::False, format!("`{u}` is not covered")),
        None => (Truth::Unknown, format!("{} records no unit", act.id)),
    };
    let why = (truth == Truth::Unknown).then(|| computed.clone());
    Some((
        truth,
        fact(p, "grants.units", listed(list), Some(computed)),
        why,
    ))
}

fn weapons(act: &Event, p: &Event, g: &Grants) -> Part {
    let list = g.weapons.as_ref()?;
    let (truth, computed) = match &act.weapon {
        None => (Truth::True, format!("{} records no weapon", act.id)),
        Some(w) => match &w.kind {
            Some(k) if list.contains(k) => (Truth::True, format!("`{k}` is covered")),
            Some(k) => (Truth::False, format!("`{k}` is not covered")),
            None => (
                Truth::Unknown,
                format!("{} records a weapon of no type", act.id),
            ),
        },
    };
    let why = (truth == Truth::Unknown).then(|| computed.clone());
    let shown = if list.is_empty() {
        "none".to_owned()
    } else {
        listed(list)
    };
    Some((truth, fact(p, "grants.weapons", shown, Some(computed)), why))
}

/// Inside the radius around the authorisation's place: decided only when
/// every reading of both positions, with its accuracy, agrees.
fn place(act: &Event, p: &Event, g: &Grants) -> Part {
    let radius = g.radius_m?;
    let shown = km(radius);
    let (Some((here, _)), Some((there, _))) = (
        point_of(act, PointField::Place),
        point_of(p, PointField::Place),
    ) else {
        let why = format!("{} or {} records no place", act.id, p.id);
        let f = fact(p, "grants.radius", shown, Some(why.clone()));
        return Some((Truth::Unknown, f, Some(why)));
    };
    let mut truth = None;
    let mut nearest = f64::INFINITY;
    for a in here.discs().iter() {
        for b in there.discs().iter() {
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
    let computed = format!("{} from the authorised place; radius {shown}", km(nearest));
    let why = (truth == Truth::Unknown)
        .then(|| "the radius falls within the uncertainty of the positions".to_owned());
    Some((truth, fact(p, "grants.radius", shown, Some(computed)), why))
}

/// Within the validity: the act's whole time window inside it is in
/// scope, wholly outside is not, across a bound cannot be decided.
fn period(act: &Event, p: &Event, g: &Grants) -> Part {
    if g.valid_from.is_none() && g.valid_until.is_none() {
        return None;
    }
    let (from, to) = (act.time.from, act.time.to);
    let after_start = g.valid_from.is_none_or(|v| from >= v);
    let before_end = g.valid_until.is_none_or(|v| to <= v);
    let outside = g.valid_from.is_some_and(|v| to < v) || g.valid_until.is_some_and(|v| from > v);
    let truth = if after_start && before_end {
        Truth::True
    } else if outside {
        Truth::False
    } else {
        Truth::Unknown
    };
    let shown_at = |t: Option<jiff::Timestamp>| {
        t.map_or("open".to_owned(), |t| {
            let offset =
                jiff::tz::Offset::from_seconds(p.time.offset).unwrap_or(jiff::tz::Offset::UTC);
            t.display_with_offset(offset).to_string()
        })
    };
    let shown = format!("{} to {}", shown_at(g.valid_from), shown_at(g.valid_until));
    let computed = format!("act {}", super::time::written(&act.time));
    let why = (truth == Truth::Unknown)
        .then(|| "the act's time window straddles the authorisation's validity".to_owned());
    Some((truth, fact(p, "grants.valid", shown, Some(computed)), why))
}
