//! The squares of the frame a disc is cut into.

use geo::{Destination, Haversine, Point as GeoPoint};

use crate::events::Point;

/// The squares of an azimuthal equidistant frame round a disc, read
/// breadth first (or depth first, to find one cell quickly): each the disc
/// of its circumscribed radius on the sphere.
pub(super) struct Frame {
    pub(super) deep: bool,
    centre: GeoPoint,
    radius: f64,
    queue: std::collections::VecDeque<(f64, f64, f64)>,
    /// The square last handed out.
    last: (f64, f64, f64),
    /// Cells read, the whole disc first.
    pub(super) cells: u32,
    pub(super) exhausted: bool,
}

impl Frame {
    pub(super) fn new(disc: &Point) -> Frame {
        Frame {
            deep: false,
            centre: GeoPoint::new(disc.lon, disc.lat),
            radius: disc.accuracy,
            queue: quarters(0.0, 0.0, disc.accuracy).into_iter().collect(),
            last: (0.0, 0.0, disc.accuracy),
            cells: 1,
            exhausted: false,
        }
    }

    /// The next square that meets the disc, as a cell, while the budget lasts.
    pub(super) fn next(&mut self, budget: u32) -> Option<Point> {
        loop {
            let next = if self.deep {
                self.queue.pop_back()
            } else {
                self.queue.pop_front()
            };
            let Some((x, y, half)) = next else {
                break;
            };
            let (gx, gy) = ((x.abs() - half).max(0.0), (y.abs() - half).max(0.0));
            if gx.hypot(gy) > self.radius {
                continue;
            }
            if self.cells >= budget {
                if self.deep {
                    self.queue.push_back((x, y, half));
                } else {
                    self.queue.push_front((x, y, half));
                }
                self.exhausted = true;
                return None;
            }
            self.cells += 1;
            self.last = (x, y, half);
            return Some(self.cell(x, y, half));
        }
        None
    }

    fn cell(&self, x: f64, y: f64, half: f64) -> Point {
        let at = if x == 0.0 && y == 0.0 {
            self.centre
        } else {
            Haversine.destination(self.centre, x.atan2(y).to_degrees(), x.hypot(y))
        };
        // A square of the frame lies within its circumscribed radius of its
        // centre on the sphere; a little more for rounding.
        let h = half * std::f64::consts::SQRT_2 * (1.0 + 1e-6) + 0.01;
        Point {
            lat: at.y(),
            lon: at.x(),
            accuracy: h,
        }
    }

    /// Cuts the square last handed out into four; false once squares are
    /// under a metre, too fine to cut.
    pub(super) fn cut(&mut self) -> bool {
        let (x, y, half) = self.last;
        if half < 0.5 {
            return false;
        }
        self.queue.extend(quarters(x, y, half));
        true
    }

    pub(super) fn pending(&self) -> usize {
        self.queue.len()
    }

    /// The squares not yet read that meet the disc, as cells.
    pub(super) fn rest(&self) -> Vec<Point> {
        self.queue
            .iter()
            .filter(|(x, y, half)| {
                let (gx, gy) = ((x.abs() - half).max(0.0), (y.abs() - half).max(0.0));
                gx.hypot(gy) <= self.radius
            })
            .map(|&(x, y, half)| self.cell(x, y, half))
            .collect()
    }
}

/// The quarters of a square of the frame (centre `x`, `y`, half-side `half`).
fn quarters(x: f64, y: f64, half: f64) -> [(f64, f64, f64); 4] {
    let q = half / 2.0;
    [
        (x - q, y - q, q),
        (x + q, y - q, q),
        (x - q, y + q, q),
        (x + q, y + q, q),
    ]
}
