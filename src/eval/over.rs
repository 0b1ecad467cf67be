//! `track over dmz`, `track over area of other side`: whether some point
//! along a path lies in a zone, or in a party's area.
//!
//! The path is read at points no more than [`STEP`] metres apart along
//! each leg (farther apart on a very long path, so that no path is read at
//! more than [`MAX_SAMPLES`] points): a zone narrower than the step can be
//! missed between two of them. Each point carries the larger uncertainty
//! of the leg's two ends.

use super::cond::{Env, missing, point_of};
use super::spatial::control::control;
use super::spatial::space::between;
use super::truth::Truth;
use super::verdict::{Note, Step};
use crate::check::{AreaSel, Cond, PartyIdx, PathField, PointField, RegionSel, Subject};
use crate::events::{Event, Point, Position};

/// The longest stretch of a leg left unread, in metres.
const STEP: f64 = 250.0;
/// The most points a path is read at.
const MAX_SAMPLES: usize = 4096;
/// Cells each point may read to decide a combined zone as a whole, where
/// its parts leave the point open: a path has thousands of points.
const OVER_BUDGET: u32 = 16;

impl Env<'_> {
    pub(super) fn over(
        &self,
        cond: &Cond,
        subject: Subject,
        path: PathField,
        region: RegionSel,
    ) -> Step {
        let e = self.event(subject);
        let ends = [PointField::Origin, PointField::Target];
        let area_end = ends
            .into_iter()
            .any(|f| matches!(point_of(e, f), Some((Position::Area(_), _))));
        if path == PathField::Trajectory && area_end {
            // A path is read point by point; an end known only as an area
            // gives no point to read from.
            let mut step = Step::leaf(cond.text.clone(), Truth::Unknown, Vec::new());
            step.doubt = Some(super::verdict::Doubt::Area { split: false });
            return step;
        }
        let points = match path_points(e, path) {
            Ok(p) => p,
            Err(field) => return missing(cond, e, field),
        };
        let (samples, step_m) = samples(&points);
        let mut truth = Truth::False;
        let mut entered = None;
        for p in &samples {
            match self.region_holds(e, p, region) {
                Truth::True => {
                    truth = Truth::True;
                    entered = Some(*p);
                    break;
                }
                Truth::Unknown => truth = Truth::Unknown,
                Truth::False => {}
            }
        }
        let ends = format!(
            "{} → {}",
            super::cond::coordinates(points.first().expect("a path has points")),
            super::cond::coordinates(points.last().expect("a path has points"))
        );
        let mut fact = self.fact(e, path.name(), ends, None);
        fact.note = Some(Note::Over {
            entered: entered.map(|p| super::cond::coordinates(&p).into()),
            points: samples.len(),
            step_m: step_m.round() as u32,
        });
        let mut step = Step::leaf(cond.text.clone(), truth, vec![fact]);
        if truth == Truth::Unknown {
            step.doubt = Some(super::verdict::Doubt::PathNearEdge);
        }
        step
    }

    /// Whether one point of a path lies in the region.
    fn region_holds(&self, e: &Event, p: &Point, region: RegionSel) -> Truth {
        match region {
            RegionSel::Zone(zone) => {
                super::spatial::zone::in_zone_within(p, zone, e.party, self.rulebook, OVER_BUDGET)
                    .truth
            }
            RegionSel::Area(owner) => {
                let holder = control(self.rulebook, &Position::Fix(*p)).holder();
                self.owns(e, holder, owner)
            }
        }
    }

    /// Whether the area of `holder` is the one `owner` names, for an act by
    /// `e`'s actor (a group's area counts as its party's).
    pub(super) fn owns(&self, e: &Event, holder: Option<PartyIdx>, owner: AreaSel) -> Truth {
        let answering = |p: PartyIdx| super::article::answering(self.rulebook, p);
        let bound = |p: &PartyIdx| self.rulebook.parties[usize::from(*p)].role.is_bound();
        let Some(h) = holder.map(answering) else {
            return Truth::Unknown;
        };
        match owner {
            AreaSel::Party(q) => Truth::from(h == answering(q)),
            AreaSel::PartyOf(s) => match self.event(s).party {
                Some(q) => Truth::from(h == answering(q)),
                None => Truth::Unknown,
            },
            AreaSel::OtherSide => match e.party.filter(bound).map(answering) {
                Some(a) => Truth::from(h != a),
                None => Truth::Unknown,
            },
        }
    }
}

/// The points of a path: a trajectory's origin and target (fixes only), or
/// a track's points; the field missing otherwise.
fn path_points(e: &Event, path: PathField) -> Result<Vec<Point>, &'static str> {
    match path {
        PathField::Trajectory => {
            let fix = |f: PointField| point_of(e, f).and_then(|(p, _)| p.fix().copied());
            match (fix(PointField::Origin), fix(PointField::Target)) {
                (Some(a), Some(b)) => Ok(vec![a, b]),
                (None, _) => Err("origin"),
                (_, None) => Err("target"),
            }
        }
        PathField::Track => e.track().map(<[Point]>::to_vec).ok_or("track"),
    }
}

/// Points along the path, no more than [`STEP`] apart where the path is
/// short enough, each leg's ends included; and the step used.
fn samples(points: &[Point]) -> (Vec<Point>, f64) {
    let legs: Vec<f64> = points.windows(2).map(|l| between(&l[0], &l[1])).collect();
    let total: f64 = legs.iter().sum();
    let budget = MAX_SAMPLES.saturating_sub(points.len()).max(1) as f64;
    let step = STEP.max(total / budget);
    let mut out = vec![points[0]];
    for (leg, length) in points.windows(2).zip(&legs) {
        let (a, b) = (leg[0], leg[1]);
        let n = ((length / step).ceil() as usize).max(1);
        let accuracy = a.accuracy.max(b.accuracy);
        for k in 1..=n {
            let t = k as f64 / n as f64;
            out.push(Point {
                lat: a.lat + t * (b.lat - a.lat),
                lon: a.lon + t * (b.lon - a.lon),
                accuracy: if k == n { b.accuracy } else { accuracy },
            });
        }
        if out.len() >= MAX_SAMPLES {
            break;
        }
    }
    (out, step)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lon: f64) -> Point {
        Point {
            lat,
            lon,
            accuracy: 0.0,
        }
    }

    #[test]
    fn a_path_is_read_every_250_m_and_at_its_ends() {
        // About 11 km due north: 45 stretches, 46 points.
        let (s, step) = samples(&[at(37.60, 126.70), at(37.70, 126.70)]);
        assert_eq!(step, STEP);
        assert_eq!(s.len(), 46);
        assert_eq!((s[45].lat, s[45].lon), (37.70, 126.70));
    }

    #[test]
    fn a_very_long_path_is_read_at_a_bounded_number_of_points() {
        let (s, _) = samples(&[at(-60.0, 0.0), at(60.0, 170.0), at(-60.0, -170.0)]);
        assert!(s.len() <= MAX_SAMPLES, "{}", s.len());
    }
}
