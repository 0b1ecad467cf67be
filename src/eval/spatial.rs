//! Spatial tests against an event: zones, sides of lines, distances,
//! crossings. Each step shows what was computed ("3.2 km from line
//! `contact` (UA's reference line); limit 15.0 km").

use super::cond::{Env, coordinates, missing, no_reach, point_of};
use super::space::{self, accuracy_note, between, distance_to_line, km, side_of, within_limit};
use super::truth::Truth;
use super::verdict::Step;
use super::zone::{self, Membership, drawn_line, side_name, side_phrase, wanted_side};
use crate::check::{Cond, Limit, PathField, PointField, Reference, SideSel, Subject};
use crate::events::{Event, Point};

impl Env<'_> {
    pub(super) fn in_zone(
        &mut self,
        cond: &Cond,
        subject: Subject,
        point: PointField,
        zone: usize,
    ) -> Step {
        let graph = self.graph;
        let index = self.subjects[usize::from(subject.0)];
        let e = &graph.events[index];
        let Some((p, read)) = point_of(e, point) else {
            return missing(cond, e, point.name());
        };
        let m = self.membership(index, read, p, zone);
        let fact = self.fact(e, point.name(), shown(p, point, read), Some(m.computed));
        let mut step = Step::leaf(cond.text.clone(), m.truth, vec![fact]);
        step.unknown_because = m.unknown_because;
        step
    }

    fn membership(
        &mut self,
        event: usize,
        field: PointField,
        p: &Point,
        zone: usize,
    ) -> Membership {
        let rulebook = self.rulebook;
        let party = self.graph.events[event].party;
        self.zones_seen
            .entry((event, field, zone))
            .or_insert_with(|| zone::in_zone(p, zone, party, rulebook))
            .clone()
    }

    pub(super) fn on_side(
        &self,
        cond: &Cond,
        subject: Subject,
        point: PointField,
        sel: SideSel,
        line: usize,
    ) -> Step {
        let e = self.event(subject);
        let Some((p, read)) = point_of(e, point) else {
            return missing(cond, e, point.name());
        };
        let resolved = drawn_line(self.rulebook, line, e.party).and_then(|d| {
            let wanted = wanted_side(self.rulebook, d.index, sel, e.party)?;
            Ok((d, wanted.expect("`each` is refused by the checker")))
        });
        let (drawn, wanted) = match resolved {
            Ok(r) => r,
            Err(why) => return unknown(cond, why),
        };
        let l = &self.rulebook.lines[drawn.index];
        let Some((at, d)) = side_of(p, l.drawn().expect("a drawn line")) else {
            return unknown(cond, format!("line `{}` has no segments", l.name));
        };
        let truth = match at {
            None => Truth::Unknown,
            Some(_) if d <= p.accuracy => Truth::Unknown,
            Some(at) => Truth::from(at == wanted),
        };
        let computed = format!(
            "{} of line `{}`{}, {} from it{}",
            side_phrase(self.rulebook, drawn.index, at),
            l.name,
            drawn.note,
            km(d),
            accuracy_note(p)
        );
        let fact = self.fact(e, point.name(), shown(p, point, read), Some(computed));
        let mut step = Step::leaf(cond.text.clone(), truth, vec![fact]);
        if truth == Truth::Unknown {
            step.unknown_because = Some(match at {
                None => format!(
                    "the {} lies beyond the end of the line, on neither side",
                    point.name()
                ),
                Some(_) => format!(
                    "the {} is closer to the line than its uncertainty",
                    point.name()
                ),
            });
        }
        step
    }

    pub(super) fn near(
        &self,
        cond: &Cond,
        subject: Subject,
        point: PointField,
        limit: Limit,
        reference: Reference,
    ) -> Step {
        let e = self.event(subject);
        let Some((p, read)) = point_of(e, point) else {
            return missing(cond, e, point.name());
        };
        let (limit, whose) = match limit {
            Limit::Metres(m) => (m, String::new()),
            Limit::Reach(s) => match self.reach(cond, self.event(s)) {
                Ok((r, kind)) => (r, format!(" (the reach of `{kind}`)")),
                Err(step) => return step,
            },
        };
        let (d, accuracy, from) = match self.distance_to(p, e, reference) {
            Ok(found) => found,
            Err(step) => return step.reframed(cond),
        };
        let truth = within_limit(d, accuracy, limit);
        let computed = format!(
            "{} from {from}{}; limit {}{whose}",
            km(d),
            if accuracy > 0.0 {
                format!(" (± {})", km(accuracy))
            } else {
                String::new()
            },
            km(limit)
        );
        let fact = self.fact(e, point.name(), shown(p, point, read), Some(computed));
        let mut step = Step::leaf(cond.text.clone(), truth, vec![fact]);
        if truth == Truth::Unknown {
            step.unknown_because =
                Some("the limit falls within the uncertainty of the positions".into());
        }
        step
    }

    /// The distance from `p` to a reference, the combined uncertainty, and
    /// how to name the reference.
    fn distance_to(
        &self,
        p: &Point,
        e: &Event,
        reference: Reference,
    ) -> Result<(f64, f64, String), Unknown> {
        match reference {
            Reference::Line(line) => {
                let drawn = drawn_line(self.rulebook, line, e.party).map_err(Unknown)?;
                let l = &self.rulebook.lines[drawn.index];
                let d = distance_to_line(p, l.drawn().expect("a drawn line"))
                    .ok_or_else(|| Unknown(format!("line `{}` has no segments", l.name)))?;
                Ok((d, p.accuracy, format!("line `{}`{}", l.name, drawn.note)))
            }
            Reference::Point(s, field) => {
                let other = self.event(s);
                let (q, _) = point_of(other, field).ok_or_else(|| {
                    Unknown(format!("{} records no `{}`", other.id, field.name()))
                })?;
                let name = format!("the {} of {}", field.name(), other.id);
                Ok((between(p, q), p.accuracy + q.accuracy, name))
            }
            Reference::Coordinate { lon, lat } => {
                let q = Point {
                    lat,
                    lon,
                    accuracy: 0.0,
                };
                Ok((between(p, &q), p.accuracy, format!("({lon}, {lat})")))
            }
        }
    }

    /// The reach declared for the event's weapon type, and the type.
    fn reach<'e>(&self, cond: &Cond, e: &'e Event) -> Result<(f64, &'e str), Step> {
        let Some(kind) = e.weapon.as_ref().and_then(|w| w.kind.as_deref()) else {
            return Err(missing(cond, e, "weapon.type"));
        };
        let reach = self.rulebook.reach(kind);
        reach
            .map(|r| (r, kind))
            .ok_or_else(|| no_reach(cond, e, kind))
    }

    pub(super) fn crosses(
        &self,
        cond: &Cond,
        subject: Subject,
        path: PathField,
        line: usize,
        from: SideSel,
    ) -> Step {
        let e = self.event(subject);
        let points: Vec<&Point> = match path {
            PathField::Trajectory => match (e.origin.as_ref(), e.target.as_ref()) {
                (Some(a), Some(b)) => vec![a, b],
                (None, _) => return missing(cond, e, "origin"),
                (_, None) => return missing(cond, e, "target"),
            },
            PathField::Track => match e.track.as_deref() {
                Some(t) => t.iter().collect(),
                None => return missing(cond, e, "track"),
            },
        };
        let resolved = drawn_line(self.rulebook, line, e.party).and_then(|d| {
            let wanted = wanted_side(self.rulebook, d.index, from, e.party)?;
            Ok((d, wanted))
        });
        let (drawn, wanted) = match resolved {
            Ok(r) => r,
            Err(why) => return unknown(cond, why),
        };
        let l = &self.rulebook.lines[drawn.index];
        let geometry = l.drawn().expect("a drawn line");
        // A path crosses if any of its legs does.
        let truth = points
            .windows(2)
            .map(|leg| space::crosses(leg[0], leg[1], geometry, wanted))
            .fold(Truth::False, Truth::or);
        let ends: Vec<String> = points
            .iter()
            .map(|p| match side_of(p, geometry) {
                Some((Some(s), d)) => format!(
                    "{} ({}, {} side)",
                    coordinates(p),
                    km(d),
                    side_name(self.rulebook, drawn.index, s)
                ),
                Some((None, d)) => format!("{} ({}, beyond its end)", coordinates(p), km(d)),
                None => coordinates(p),
            })
            .collect();
        let verb = match truth {
            Truth::True => "crosses",
            Truth::False => "does not cross",
            Truth::Unknown => "may cross",
        };
        let from_note = wanted.map_or(String::new(), |w| {
            format!(
                " from the {} side",
                side_name(self.rulebook, drawn.index, w)
            )
        });
        let computed = format!(
            "{} {verb} line `{}`{}{from_note}",
            path.name(),
            l.name,
            drawn.note
        );
        let fact = self.fact(e, path.name(), ends.join(" → "), Some(computed));
        let mut step = Step::leaf(cond.text.clone(), truth, vec![fact]);
        if truth == Truth::Unknown {
            step.unknown_because = Some(format!(
                "a point of the {} is too uncertain to say which side of the line it is on",
                path.name()
            ));
        }
        step
    }
}

/// Why a distance could not be measured.
struct Unknown(String);

impl Unknown {
    fn reframed(self, cond: &Cond) -> Step {
        unknown(cond, self.0)
    }
}

fn unknown(cond: &Cond, why: String) -> Step {
    let mut step = Step::leaf(cond.text.clone(), Truth::Unknown, Vec::new());
    step.unknown_because = Some(why);
    step
}

/// A point as shown in a fact, saying when the origin stood in for the place.
fn shown(p: &Point, asked: PointField, read: PointField) -> String {
    match read {
        PointField::Origin if asked == PointField::Place => {
            format!("{} (its origin; no place recorded)", coordinates(p))
        }
        _ => coordinates(p),
    }
}
