//! Spatial tests against an event: zones, sides of lines, distances,
//! crossings. Each step shows what was computed ("3.2 km from line
//! `contact` (UA's reference line); limit 15.0 km").

use super::area::Ask;
use super::discs::{Reading, combine, describe};
use super::space::{self, between, distance_indexed, km, side_indexed, within_limit};
use super::whole::{Node, Places};
use super::zone::{self, Membership, drawn_line, side_name, wanted_side};
use crate::check::{Cond, Limit, PathField, PointField, Reference, SideSel, Subject};
use crate::eval::Shown;
use crate::eval::computed::{Computed, MeasuredFrom};
use crate::eval::cond::{Env, coordinates, missing, no_reach, point_of, unknown};
use crate::eval::findings::Asked;
use crate::eval::truth::Truth;
use crate::eval::verdict::{Doubt, Note, Step};
use crate::events::{Event, Point, Position};

impl Env<'_> {
    /// `place in dmz`: from the record, settled by findings where it cannot
    /// decide (see `findings.rs`).
    pub(in crate::eval) fn in_zone(
        &mut self,
        cond: &Cond,
        subject: Subject,
        point: PointField,
        zone: usize,
    ) -> Step {
        let e = self.event(subject);
        let read = point_of(e, point).map_or(point, |(_, read)| read);
        let step = self.in_zone_record(cond, subject, point, zone);
        let asked = Asked::In {
            zone,
            field: point,
            read,
        };
        self.settle(step, subject, asked)
    }

    /// `origin on UA side of contact`, settled by findings likewise.
    pub(in crate::eval) fn on_side(
        &self,
        cond: &Cond,
        subject: Subject,
        point: PointField,
        sel: SideSel,
        line: usize,
    ) -> Step {
        let e = self.event(subject);
        let read = point_of(e, point).map_or(point, |(_, read)| read);
        let step = self.on_side_record(cond, subject, point, sel, line);
        if e.findings().is_empty() {
            return step;
        }
        match self.line_for(e, line, sel) {
            Ok((drawn, Some(side))) => {
                let asked = Asked::Side {
                    line: drawn.index,
                    side,
                    field: point,
                    read,
                };
                self.settle(step, subject, asked)
            }
            _ => step,
        }
    }

    /// `trajectory crosses mdl [from KPA side]`, settled by findings likewise.
    pub(in crate::eval) fn crosses(
        &self,
        cond: &Cond,
        subject: Subject,
        path: PathField,
        line: usize,
        from: SideSel,
    ) -> Step {
        let e = self.event(subject);
        let step = self.crosses_record(cond, subject, path, line, from);
        if e.findings().is_empty() {
            return step;
        }
        match self.line_for(e, line, from) {
            Ok((drawn, from)) => {
                let asked = Asked::Crosses {
                    line: drawn.index,
                    written: line,
                    from,
                };
                self.settle(step, subject, asked)
            }
            Err(_) => step,
        }
    }

    fn in_zone_record(
        &mut self,
        cond: &Cond,
        subject: Subject,
        point: PointField,
        zone: usize,
    ) -> Step {
        let graph = self.graph;
        let index = self.subjects[usize::from(subject.0)];
        let e = &graph.events[index];
        let Some((pos, read)) = point_of(e, point) else {
            return missing(cond, e, point.name());
        };
        if let Position::Area(area) = pos {
            let shown = shown(pos, point, read);
            return self.area_step(cond, e, point.name(), shown, area, &|places, party| {
                let z = places.zone(zone, party)?;
                Ok(Ask {
                    holds: z.clone(),
                    fails: z.not(),
                })
            });
        }
        let m = self.membership(index, read, pos, zone);
        let mut fact = self.fact(e, point.name(), shown(pos, point, read), Some(m.computed));
        if m.whole {
            fact.note = Some(Note::WholeZone {
                zone: self.rulebook.zones[zone].name.as_str().into(),
                inside: m.truth == Truth::True,
            });
        }
        let mut step = Step::leaf(cond.text.clone(), m.truth, vec![fact]);
        step.doubt = m.doubt;
        step
    }

    fn membership(
        &mut self,
        event: usize,
        field: PointField,
        pos: &Position,
        zone: usize,
    ) -> Membership {
        let rulebook = self.rulebook;
        let party = self.graph.events[event].party;
        let lines = &self.lines_seen;
        self.zones_seen
            .entry((event, field, zone))
            .or_insert_with(|| {
                let mut whole = false;
                let readings = pos
                    .discs()
                    .expect("an area is read whole")
                    .iter()
                    .map(|p| {
                        let m = zone::in_zone_seen(p, zone, party, rulebook, lines);
                        whole |= m.whole;
                        Reading::new(m.truth, m.computed, m.doubt)
                    })
                    .collect();
                let r = combine(pos, readings);
                Membership {
                    truth: r.truth,
                    computed: r.note,
                    doubt: r.why,
                    whole: whole && r.truth != Truth::Unknown,
                }
            })
            .clone()
    }

    fn on_side_record(
        &self,
        cond: &Cond,
        subject: Subject,
        point: PointField,
        sel: SideSel,
        line: usize,
    ) -> Step {
        let e = self.event(subject);
        let Some((pos, read)) = point_of(e, point) else {
            return missing(cond, e, point.name());
        };
        let (drawn, wanted) = match self.line_for(e, line, sel) {
            Ok((d, w)) => (d, w.expect("`each` is refused by the checker")),
            Err(why) => return unknown(cond, why),
        };
        let l = &self.rulebook.lines[drawn.index];
        let geometry = l.drawn().expect("a drawn line");
        if geometry.0.is_empty() {
            return unknown(
                cond,
                Doubt::NoSegments {
                    line: l.name.as_str().into(),
                },
            );
        }
        if let Position::Area(area) = pos {
            let shown = shown(pos, point, read);
            return self.area_step(cond, e, point.name(), shown, area, &|places, _| {
                Ok(Ask {
                    holds: places.side(drawn.index, wanted, false),
                    fails: places.side(drawn.index, wanted.other(), false),
                })
            });
        }
        let read_disc = |p: &Point| {
            let (at, d) = side_indexed(p, geometry, l.index.as_ref(), l.extended)
                .expect("the line has segments");
            let truth = match at {
                None => Truth::Unknown,
                Some(_) if d <= p.accuracy => Truth::Unknown,
                Some(at) => Truth::from(at == wanted),
            };
            let note = Computed::Side {
                side: at.map(|s| side_name(self.rulebook, drawn.index, s)),
                line: l.name.as_str().into(),
                whose: drawn.whose.clone(),
                distance_m: d,
                accuracy_m: p.accuracy,
            };
            let why = (truth == Truth::Unknown).then(|| match at {
                None => Doubt::PointBeyondLine {
                    point: point.name(),
                },
                Some(_) => Doubt::PointNearLine {
                    point: point.name(),
                },
            });
            Reading::new(truth, note, why)
        };
        let discs = pos.discs().expect("an area is read whole");
        let r = combine(pos, discs.iter().map(read_disc).collect());
        let fact = self.fact(e, point.name(), shown(pos, point, read), Some(r.note));
        let mut step = Step::leaf(cond.text.clone(), r.truth, vec![fact]);
        step.doubt = r.why;
        step
    }

    pub(in crate::eval) fn near(
        &self,
        cond: &Cond,
        subject: Subject,
        point: PointField,
        limit: Limit,
        reference: Reference,
    ) -> Step {
        let e = self.event(subject);
        let Some((pos, read)) = point_of(e, point) else {
            return missing(cond, e, point.name());
        };
        let (limit, reach_of) = match limit {
            Limit::Metres(m) => (m, None),
            Limit::Reach(s) => match self.reach(cond, s, self.event(s)) {
                Ok((r, kind)) => (r, Some(crate::name::Name::from(kind))),
                Err(step) => return step,
            },
        };
        if let Position::Area(area) = pos
            && let Some(target) = self.near_area(e, reference)
        {
            let shown = shown(pos, point, read);
            return match target {
                Ok(target) => self.area_step(cond, e, point.name(), shown, area, &|places, _| {
                    Ok(target.ask(places, limit))
                }),
                Err(why) => unknown(cond, why),
            };
        }
        let discs = match self.discs_of(pos, e.party) {
            Ok(d) => d,
            Err(doubt) => return unknown(cond, doubt),
        };
        let mut readings = Vec::new();
        for p in discs.iter() {
            let found = match self.distance_to(p, e, reference) {
                Ok(found) => found,
                Err(why) => return unknown(cond, why),
            };
            readings.extend(found.into_iter().map(|(d, accuracy, from)| {
                let truth = within_limit(d, accuracy, limit);
                Reading::new(
                    truth,
                    Computed::Distance {
                        distance_m: d,
                        from,
                        spread_m: accuracy,
                        limit_m: limit,
                        reach_of: reach_of.clone(),
                    },
                    (truth == Truth::Unknown).then_some(Doubt::LimitWithinUncertainty),
                )
            }));
        }
        let r = combine_all(pos, readings);
        let fact = self.fact(e, point.name(), shown(pos, point, read), Some(r.note));
        let mut step = Step::leaf(cond.text.clone(), r.truth, vec![fact]);
        step.doubt = r.why;
        step
    }

    /// What `within D of ...` measures from, asked of an area: a line, a
    /// point, or another event's fix; `None` for a reference known only by
    /// a bearing or an area, read as discs.
    fn near_area(&self, e: &Event, reference: Reference) -> Option<Result<Target, Doubt>> {
        Some(Ok(match reference {
            Reference::Line(line) => match drawn_line(self.rulebook, line, e.party) {
                Ok(drawn) => Target::Line(drawn.index),
                Err(why) => return Some(Err(why)),
            },
            Reference::Coordinate { lon, lat } => Target::Point(lon, lat, 0.0),
            Reference::Point(s, field) => {
                let other = self.event(s);
                match point_of(other, field) {
                    Some((Position::Fix(q), _)) => Target::Point(q.lon, q.lat, q.accuracy),
                    Some(_) => return None,
                    None => {
                        return Some(Err(Doubt::Missing {
                            event: other.id.clone(),
                            field: field.name().into(),
                        }));
                    }
                }
            }
        }))
    }

    /// The distances from `p` to a reference (one per disc of the
    /// reference, when it is another event's uncertain position), each with
    /// the combined uncertainty and how to name the reference.
    fn distance_to(
        &self,
        p: &Point,
        e: &Event,
        reference: Reference,
    ) -> Result<Vec<(f64, f64, MeasuredFrom)>, Doubt> {
        match reference {
            Reference::Line(line) => {
                let drawn = drawn_line(self.rulebook, line, e.party)?;
                let l = &self.rulebook.lines[drawn.index];
                let d = distance_indexed(p, l.drawn().expect("a drawn line"), l.index.as_ref())
                    .ok_or_else(|| Doubt::NoSegments {
                        line: l.name.as_str().into(),
                    })?;
                let from = MeasuredFrom::Line {
                    line: l.name.as_str().into(),
                    whose: drawn.whose,
                };
                Ok(vec![(d, p.accuracy, from)])
            }
            Reference::Point(s, field) => {
                let other = self.event(s);
                let (q, _) = point_of(other, field).ok_or_else(|| Doubt::Missing {
                    event: other.id.clone(),
                    field: field.name().into(),
                })?;
                let name = MeasuredFrom::Point {
                    field: field.name(),
                    event: other.id.clone(),
                };
                let discs = self.discs_of(q, other.party)?;
                Ok(discs
                    .iter()
                    .map(|q| (between(p, q), p.accuracy + q.accuracy, name.clone()))
                    .collect())
            }
            Reference::Coordinate { lon, lat } => {
                let q = Point {
                    lat,
                    lon,
                    accuracy: 0.0,
                };
                Ok(vec![(
                    between(p, &q),
                    p.accuracy,
                    MeasuredFrom::Coordinate { lon, lat },
                )])
            }
        }
    }

    /// The reach declared for the event's weapon type, and the type: of
    /// its one weapon, as a distance is measured with one reach.
    fn reach<'e>(&self, cond: &Cond, s: Subject, e: &'e Event) -> Result<(f64, &'e str), Step> {
        let (_, weapon) = self.one_weapon(cond, s, e, crate::check::Measure::Reach)?;
        let Some(kind) = weapon.kind.as_deref() else {
            return Err(missing(cond, e, "weapon.type"));
        };
        let reach = self.rulebook.reach(kind);
        reach
            .map(|r| (r, kind))
            .ok_or_else(|| no_reach(cond, e, kind))
    }

    fn crosses_record(
        &self,
        cond: &Cond,
        subject: Subject,
        path: PathField,
        line: usize,
        from: SideSel,
    ) -> Step {
        let e = self.event(subject);
        let (origin, target) = (e.origin(), e.target());
        let points: Vec<&Point> = match path {
            PathField::Trajectory => match (origin, target) {
                (Some(a), Some(b)) if a.fix().is_some() && b.fix().is_some() => {
                    vec![a.fix().expect("a fix"), b.fix().expect("a fix")]
                }
                (Some(a), Some(b)) => return self.crosses_bearing(cond, e, a, b, line, from),
                (None, _) => return missing(cond, e, "origin"),
                (_, None) => return missing(cond, e, "target"),
            },
            PathField::Track => match e.track() {
                Some(t) => t.iter().collect(),
                None => return missing(cond, e, "track"),
            },
        };
        let (drawn, wanted) = match self.line_for(e, line, from) {
            Ok(r) => r,
            Err(why) => return unknown(cond, why),
        };
        let l = &self.rulebook.lines[drawn.index];
        let geometry = l.drawn().expect("a drawn line");
        // A path crosses if any of its legs does.
        let truth = points
            .windows(2)
            .map(|leg| space::crosses_indexed(leg[0], leg[1], geometry, l.index.as_ref(), wanted))
            .fold(Truth::False, Truth::or);
        let ends: Vec<String> = points
            .iter()
            .map(
                |p| match side_indexed(p, geometry, l.index.as_ref(), false) {
                    Some((Some(s), d)) => format!(
                        "{} ({}, {} side)",
                        coordinates(p),
                        km(d),
                        side_name(self.rulebook, drawn.index, s)
                    ),
                    Some((None, d)) => format!("{} ({}, beyond its end)", coordinates(p), km(d)),
                    None => coordinates(p),
                },
            )
            .collect();
        let computed = Computed::Crosses {
            path: path.name(),
            result: truth,
            line: l.name.as_str().into(),
            whose: drawn.whose,
            from: wanted.map(|w| side_name(self.rulebook, drawn.index, w)),
        };
        let fact = self.fact(e, path.name(), ends.join(" → "), Some(computed));
        let mut step = Step::leaf(cond.text.clone(), truth, vec![fact]);
        if truth == Truth::Unknown {
            step.doubt = Some(Doubt::PathPoint { path: path.name() });
        }
        step
    }
}

impl Env<'_> {
    /// A trajectory with an end known only by a bearing: it crosses if every
    /// pair of discs of its ends does.
    fn crosses_bearing(
        &self,
        cond: &Cond,
        e: &Event,
        origin: &Position,
        target: &Position,
        line: usize,
        from: SideSel,
    ) -> Step {
        let (drawn, wanted) = match self.line_for(e, line, from) {
            Ok(r) => r,
            Err(why) => return unknown(cond, why),
        };
        let l = &self.rulebook.lines[drawn.index];
        let geometry = l.drawn().expect("a drawn line");
        let (a, b) = match (
            self.discs_of(origin, e.party),
            self.discs_of(target, e.party),
        ) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(doubt), _) | (_, Err(doubt)) => return unknown(cond, doubt),
        };
        let truth = Truth::agreed(
            a.iter()
                .flat_map(|p| b.iter().map(move |q| (p, q)))
                .map(|(p, q)| space::crosses_indexed(p, q, geometry, l.index.as_ref(), wanted)),
        );
        let value = format!("{} → {}", describe(origin), describe(target));
        let computed = Computed::CrossesEvery {
            line: l.name.as_str().into(),
            whose: drawn.whose,
        };
        let fact = self.fact(e, "trajectory", value, Some(computed));
        let mut step = Step::leaf(cond.text.clone(), truth, vec![fact]);
        if truth == Truth::Unknown {
            let area = |p: &Position| matches!(p, Position::Area(_));
            if area(origin) || area(target) {
                step.doubt = Some(Doubt::Area { split: false });
            } else {
                step.doubt = Some(Doubt::TrajectoryBearing);
            }
        }
        step
    }
}

impl Env<'_> {
    /// The drawn line a test reads for the event's actor, and the side it
    /// means; why not, when the party is unknown or holds no side.
    fn line_for(
        &self,
        e: &Event,
        line: usize,
        sel: SideSel,
    ) -> Result<(zone::Drawn, Option<crate::check::Side>), Doubt> {
        let d = drawn_line(self.rulebook, line, e.party)?;
        let wanted = wanted_side(self.rulebook, d.index, sel, e.party)?;
        Ok((d, wanted))
    }
}

/// Readings over every disc of `pos` and of a reference's discs: true if
/// all are true, false if all are false.
fn combine_all(pos: &Position, readings: Vec<Reading>) -> Reading {
    if readings.len() == 1 {
        return readings.into_iter().next().expect("one reading");
    }
    match pos {
        Position::Bearing(_) | Position::Area(_) => combine(pos, readings),
        // A fix measured against another event's bearing: several readings.
        Position::Fix(_) => {
            let truth = Truth::agreed(readings.iter().map(|r| r.truth));
            let first = readings.into_iter().next().expect("readings");
            Reading::new(
                truth,
                Computed::AgainstEvery {
                    nearest: Box::new(first.note),
                },
                (truth == Truth::Unknown).then_some(Doubt::OtherPartly),
            )
        }
    }
}

/// What `within D of` measures from, for an area.
#[derive(Clone, Copy)]
enum Target {
    Line(usize),
    /// A point, and its uncertainty.
    Point(f64, f64, f64),
}

impl Target {
    /// Where a place is surely within `limit` of it, and surely not.
    fn ask(self, places: &mut Places<'_>, limit: f64) -> Ask {
        match self {
            Target::Line(line) => {
                let near = places.near_drawn(line, limit);
                Ask {
                    holds: near.clone(),
                    fails: near.not(),
                }
            }
            Target::Point(lon, lat, accuracy) => Ask {
                holds: if limit >= accuracy {
                    places.disc(lon, lat, limit - accuracy)
                } else {
                    Node::Const(Truth::False)
                },
                fails: places.disc(lon, lat, limit + accuracy).not(),
            },
        }
    }
}

/// A position as shown in a fact, saying when the origin stood in for the place.
fn shown(pos: &Position, asked: PointField, read: PointField) -> Shown {
    Shown::Position {
        at: pos.clone(),
        instead: read == PointField::Origin && asked == PointField::Place,
    }
}
