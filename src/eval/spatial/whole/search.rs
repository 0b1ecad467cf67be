//! Asking a question of a disc: cells of an azimuthal equidistant frame
//! round it, read breadth first to certify it, depth first to find one
//! place that answers it, or kept as discs that cover where it may hold.

use geo::{Destination, Haversine, Point as GeoPoint};

use super::frame::Frame;
use super::{Atom, Certified, MAX_RADIUS_M, MAX_WORK, Node, Places};
use crate::eval::spatial::space::between;
use crate::eval::truth::Truth;
use crate::events::Point;

impl Places<'_> {
    /// Whether every place of `disc` (its centre, within its accuracy)
    /// answers `question` true, or every place false; cells are cut until
    /// one or the other is sure, or `budget` cells have been read.
    pub fn certify(&self, question: &Node, disc: &Point, budget: u32) -> Certified {
        let budget = self.afford(budget);
        let open = |cells, split| Certified {
            truth: Truth::Unknown,
            split,
            cells,
        };
        let r = disc.accuracy;
        if !(r.is_finite() && r <= MAX_RADIUS_M) {
            return open(0, false);
        }
        let first = self.cell(question, disc);
        if first != Truth::Unknown || r == 0.0 {
            return Certified {
                truth: first,
                split: false,
                cells: 1,
            };
        }
        let mut frame = Frame::new(disc);
        let (mut inside, mut outside) = (false, false);
        while let Some(cell) = frame.next(budget) {
            match self.cell(question, &cell) {
                Truth::True => inside = true,
                Truth::False => outside = true,
                Truth::Unknown if !frame.cut() => return open(frame.cells, inside && outside),
                Truth::Unknown => {}
            }
            if inside && outside {
                return open(frame.cells, true);
            }
        }
        if frame.exhausted {
            return open(frame.cells, false);
        }
        Certified {
            truth: if outside { Truth::False } else { Truth::True },
            split: false,
            cells: frame.cells,
        }
    }

    /// Whether some cell of `disc` surely answers `question` true: a place
    /// that is surely in an area, before anything is said of all of it.
    pub fn witness(&self, question: &Node, disc: &Point, budget: u32) -> bool {
        let budget = self.afford(budget);
        let r = disc.accuracy;
        if !(r.is_finite() && r <= MAX_RADIUS_M) {
            return false;
        }
        match self.cell(question, disc) {
            Truth::True => return true,
            Truth::False => return false,
            Truth::Unknown if r == 0.0 => return false,
            Truth::Unknown => {}
        }
        // Places the tests point to first: a disc's centre, a polygon's
        // inside, points beside a line at half a band's width.
        let seeds = self.seeds();
        if seeds
            .iter()
            .any(|p| between(p, disc) <= r && self.cell(question, p) == Truth::True)
        {
            return true;
        }
        // Then depth first: one small cell surely inside is all that is sought.
        let mut frame = Frame::new(disc);
        frame.deep = true;
        while let Some(cell) = frame.next(budget) {
            match self.cell(question, &cell) {
                Truth::True => return true,
                Truth::False => {}
                Truth::Unknown => {
                    frame.cut();
                }
            }
        }
        false
    }

    /// The cells a question may read: `budget`, or fewer where its polygons
    /// are so detailed that each cell visits many vertices.
    fn afford(&self, budget: u32) -> u32 {
        use geo::CoordsIter;
        let polygons = self.atoms.iter().map(|a| match a {
            Atom::Polygon { shape, .. } => shape.coords_count(),
            Atom::Near { .. } | Atom::Disc { .. } => 0,
        });
        let faces = self.overlays.iter().flat_map(|o| {
            o.faces
                .iter()
                .map(|(_, f)| f.coords_count())
                .chain(std::iter::once(o.union.coords_count()))
        });
        let weight = polygons.chain(faces).sum::<usize>().max(1);
        let affordable = u32::try_from(MAX_WORK / weight).unwrap_or(u32::MAX);
        budget.min(affordable.max(1))
    }

    /// Points likely inside what the tests describe, each a cell of a
    /// centimetre: the centre of each disc, a point inside each polygon,
    /// and along each line (at up to 16 of its segments) points on it and
    /// beside it, either side, at half each band's width.
    fn seeds(&self) -> Vec<Point> {
        use geo::{Bearing, InteriorPoint};
        let at = |lon: f64, lat: f64| Point {
            lat,
            lon,
            accuracy: 0.01,
        };
        let mut out = Vec::new();
        let beside = |line: usize, offsets: &[f64], out: &mut Vec<Point>| {
            let Some(geometry) = self.rulebook.lines[line].drawn() else {
                return;
            };
            let segments: Vec<geo::Line> = geometry.iter().flat_map(|l| l.lines()).collect();
            let step = segments.len().div_ceil(16).max(1);
            for s in segments.iter().step_by(step) {
                let mid = GeoPoint::from(s.start)
                    + (GeoPoint::from(s.end) - GeoPoint::from(s.start)) * 0.5;
                let course = Haversine.bearing(GeoPoint::from(s.start), GeoPoint::from(s.end));
                out.push(at(mid.x(), mid.y()));
                for &d in offsets {
                    for turn in [-90.0, 90.0] {
                        let q = Haversine.destination(mid, course + turn, d);
                        out.push(at(q.x(), q.y()));
                    }
                }
            }
        };
        for a in &self.atoms {
            match a {
                Atom::Near { line, metres, .. } => beside(*line, &[metres / 2.0], &mut out),
                Atom::Disc { lon, lat, .. } => out.push(at(*lon, *lat)),
                Atom::Polygon { shape, .. } => {
                    if let Some(p) = shape.interior_point() {
                        out.push(at(p.x(), p.y()));
                    }
                }
            }
        }
        for line in &self.lines {
            beside(*line, &[100.0, 1_000.0], &mut out);
        }
        out
    }

    /// At most `most` discs covering every place of `disc` where
    /// `question` may be true: cells surely false are left out, open cells
    /// cut while the count allows and the budget lasts.
    pub fn cover(&self, question: &Node, disc: &Point, most: usize, budget: u32) -> Vec<Point> {
        let budget = self.afford(budget);
        let r = disc.accuracy;
        match self.cell(question, disc) {
            Truth::False => return Vec::new(),
            Truth::True => return vec![*disc],
            Truth::Unknown if r == 0.0 || !(r.is_finite() && r <= MAX_RADIUS_M) => {
                return vec![*disc];
            }
            Truth::Unknown => {}
        }
        let mut kept = Vec::new();
        let mut frame = Frame::new(disc);
        while let Some(cell) = frame.next(budget) {
            match self.cell(question, &cell) {
                Truth::False => {}
                Truth::True => kept.push(cell),
                Truth::Unknown => {
                    if kept.len() + frame.pending() + 4 > most || !frame.cut() {
                        kept.push(cell);
                    }
                }
            }
        }
        // Squares the budget left unread still cover their share.
        kept.extend(frame.rest());
        kept
    }
}
