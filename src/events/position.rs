//! Where an event was: a fix (a point with an accuracy radius), or a
//! bearing from an observer with no range, or only a range band.
//!
//! A bearing is judged as the stretch of its ray that the range allows,
//! covered by discs: a test holds if it holds on every disc, fails if it
//! fails on every disc, and is unknown otherwise, so a bearing never
//! yields a guess.

use std::borrow::Cow;

use geo::{Destination, Haversine, Point as GeoPoint};

use super::model::Point;

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
}

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
    /// The discs that cover every place the event may have been.
    pub fn discs(&self) -> Cow<'_, [Point]> {
        match self {
            Position::Fix(p) => Cow::Borrowed(std::slice::from_ref(p)),
            Position::Bearing(b) => Cow::Owned(b.discs()),
        }
    }

    /// The fix, if the position is one.
    pub fn fix(&self) -> Option<&Point> {
        match self {
            Position::Fix(p) => Some(p),
            Position::Bearing(_) => None,
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
