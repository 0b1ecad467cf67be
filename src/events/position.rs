//! Where an event was: a fix (a point with an accuracy radius), a bearing
//! from an observer with no range, or only a range band, or an area known
//! only by name, grid square, box or side of a line.
//!
//! A bearing is judged as the stretch of its ray that the range allows,
//! covered by discs: a test holds if it holds on every disc, fails if it
//! fails on every disc, and is unknown otherwise, so a bearing never
//! yields a guess.

use std::borrow::Cow;

use geo::{Destination, Haversine, MultiPolygon, Point as GeoPoint};

use super::model::Point;
use crate::name::Name;

/// How far a bearing with no range is taken to reach: beyond any zone the
/// shipped rulebooks draw (the widest, 70 km, is Minsk II's heavy-rocket band).
pub const DEFAULT_MAX_RANGE_M: f64 = 100_000.0;

/// At most this many discs cover a bearing: each is then at most
/// 100 km / 64 / 2 ≈ 0.8 km in radius plus the observer's own uncertainty.
const MAX_DISCS: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Position {
    Fix(Point),
    Bearing(Box<Bearing>),
    /// Known only as an area: a zone of the rulebook, a grid square or a
    /// box, a side of a line; given together, the ground in all of them.
    /// Its extent depends on the rulebook, so evaluation reads it there.
    Area(Box<Area>),
}

/// Where an event is known only to lie. At least one part is given.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// A zone or locality the rulebook declares (`avdiivka`).
    pub zone: Option<Name>,
    /// A grid square or a box of latitudes and longitudes.
    pub square: Option<Square>,
    /// A side of a line: "north of the line".
    pub side: Option<SideOf>,
}

/// A square of ground the event gives itself, with its polygon in
/// longitude and latitude.
#[derive(Debug, Clone, PartialEq)]
pub struct Square {
    pub kind: SquareKind,
    pub polygon: MultiPolygon,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SquareKind {
    /// An MGRS grid square, as written (normalised), and its side in metres.
    Grid { reference: Name, metres: f64 },
    /// A box from its south-west corner to its north-east corner.
    Box {
        south: f64,
        west: f64,
        north: f64,
        east: f64,
    },
}

/// The ground on one side of a line, no farther from it than `within_m`.
#[derive(Debug, Clone, PartialEq)]
pub struct SideOf {
    pub line: Name,
    /// A party holding the side, or a compass word, as the event writes it.
    pub side: Name,
    pub within_m: f64,
}

/// How far from its line a side reaches when the event does not say: as
/// far as a bearing with no range.
pub const DEFAULT_SIDE_REACH_M: f64 = DEFAULT_MAX_RANGE_M;

/// A line of sight from an observer: the event lies somewhere on it,
/// between `min_m` and `max_m` from the observer.
#[derive(Debug, Clone, PartialEq)]
pub struct Bearing {
    pub observer: Point,
    /// Degrees clockwise from true north.
    pub degrees: f64,
    /// How far either way the true bearing may lie, in degrees.
    pub spread: f64,
    pub min_m: f64,
    pub max_m: f64,
}

impl Position {
    /// The discs that cover every place the event may have been; `None`
    /// for an area, whose extent the rulebook gives (`eval::area`).
    pub fn discs(&self) -> Option<Cow<'_, [Point]>> {
        match self {
            Position::Fix(p) => Some(Cow::Borrowed(std::slice::from_ref(p))),
            Position::Bearing(b) => Some(Cow::Owned(b.discs())),
            Position::Area(_) => None,
        }
    }

    /// The fix, if the position is one.
    pub fn fix(&self) -> Option<&Point> {
        match self {
            Position::Fix(p) => Some(p),
            Position::Bearing(_) | Position::Area(_) => None,
        }
    }
}

impl Bearing {
    fn discs(&self) -> Vec<Point> {
        let length = (self.max_m - self.min_m).max(0.0);
        let n = ((length / 200.0).ceil() as usize).clamp(1, MAX_DISCS);
        let step = length / n as f64;
        let from = GeoPoint::new(self.observer.lon, self.observer.lat);
        (0..n)
            .map(|i| {
                let near = self.min_m + step * i as f64;
                let far = near + step;
                let along = (near + far) / 2.0;
                let centre = Haversine.destination(from, self.degrees, along);
                Point {
                    lat: centre.y(),
                    lon: centre.x(),
                    accuracy: reach(near, far, along, self.spread) + self.observer.accuracy,
                }
            })
            .collect()
    }
}

/// The farthest any point of the sector cell between `near` and `far` from
/// the observer, within `spread` degrees of the bearing, lies from the
/// cell's centre on the bearing (`along`): one of its four corners, by the
/// law of cosines. A tenth of a percent more covers the sphere's curvature
/// at these distances.
fn reach(near: f64, far: f64, along: f64, spread: f64) -> f64 {
    let cos = spread.to_radians().cos();
    let corner = |s: f64| {
        (s * s - 2.0 * s * along * cos + along * along)
            .max(0.0)
            .sqrt()
    };
    corner(near).max(corner(far)) * 1.001 + 1.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Distance;

    #[test]
    fn the_discs_of_a_wide_bearing_cover_its_whole_sector() {
        // 60° either way, 0 to 100 km: every point of the sector, on a grid,
        // lies in some disc.
        let b = Bearing {
            observer: Point {
                lat: 48.0,
                lon: 37.0,
                accuracy: 0.0,
            },
            degrees: 0.0,
            spread: 60.0,
            min_m: 0.0,
            max_m: 100_000.0,
        };
        let discs = b.discs();
        let at = |p: &Point| GeoPoint::new(p.lon, p.lat);
        let observer = at(&b.observer);
        for k in 0..=100 {
            for a in -12..=12 {
                let q = Haversine.destination(observer, f64::from(a) * 5.0, 1_000.0 * f64::from(k));
                let covered = discs
                    .iter()
                    .any(|c| Haversine.distance(at(c), q) <= c.accuracy);
                assert!(covered, "{k} km at {}° not covered", a * 5);
            }
        }
    }

    #[test]
    fn the_discs_of_a_bearing_cover_its_whole_stretch() {
        // Due east of Panmunjom, 2 to 12 km.
        let b = Bearing {
            observer: Point {
                lat: 37.9559,
                lon: 126.6773,
                accuracy: 0.0,
            },
            degrees: 90.0,
            spread: 0.0,
            min_m: 2_000.0,
            max_m: 12_000.0,
        };
        let discs = b.discs();
        assert_eq!(discs.len(), 50);
        let at = |p: &Point| GeoPoint::new(p.lon, p.lat);
        let observer = at(&b.observer);
        // Every point of the stretch, every 10 m, lies in some disc.
        for k in 0..=1000 {
            let d = 2_000.0 + 10.0 * k as f64;
            let q = Haversine.destination(observer, 90.0, d);
            let covered = discs
                .iter()
                .any(|c| Haversine.distance(at(c), q) <= c.accuracy + 1e-6);
            assert!(covered, "{d} m not covered");
        }
    }
}
