//! One cell: each test read on it (held throughout, failed throughout,
//! straddled), and the question tried every way the straddled tests may
//! turn out where the ground allows.

use geo::{Contains, MultiPolygon};

use super::{Atom, MAX_WAYS, Node, Places, PolyKey, SNAP_M};
use crate::check::sides::METRES_PER_DEGREE;
use crate::check::{Overlay, Side};
use crate::eval::spatial::space::{
    between, distance_indexed, distance_to_rings, geo, side_indexed, within_limit,
};
use crate::eval::truth::Truth;
use crate::events::Point;

/// How a test reads on a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Read {
    Is(bool),
    Straddles,
    /// Unknown throughout, whatever the cell (a line with no segments).
    Unknowable,
}

/// Polygons an overlay ties on a cell, as (test, bit of the overlay's
/// masks), and the masks of the faces the cell may reach.
type Tie = (Vec<(usize, usize)>, Vec<u8>);

/// Where a place lies against a line whose sides are asked.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Lying {
    On(Side),
    /// Beyond its ends.
    Neither,
}

const LYINGS: [Lying; 3] = [
    Lying::On(Side::Left),
    Lying::On(Side::Right),
    Lying::Neither,
];

impl Places<'_> {
    /// The question on one cell (a disc: `cell.accuracy` is its radius):
    /// true if it holds whichever way the straddled tests turn out.
    pub(super) fn cell(&self, question: &Node, cell: &Point) -> Truth {
        let reads: Vec<Read> = self.atoms.iter().map(|a| self.read(a, cell)).collect();
        let lyings: Vec<Vec<Lying>> = self.lines.iter().map(|l| self.lyings(*l, cell)).collect();
        // Overlays whose straddled polygons they tie; the polygons each claims.
        let mut claimed = vec![false; self.atoms.len()];
        let mut ties: Vec<Tie> = Vec::new();
        for o in &self.overlays {
            let members: Vec<(usize, usize)> = o
                .polygons
                .iter()
                .enumerate()
                .filter_map(|(bit, key)| {
                    let at = self.atoms.iter().position(|a| {
                        matches!(a, Atom::Polygon { key: PolyKey::Zone(z, n), .. } if (*z, *n) == *key)
                    })?;
                    (!claimed[at]).then_some((at, bit))
                })
                .collect();
            if !members.iter().any(|(a, _)| reads[*a] == Read::Straddles) {
                continue;
            }
            for (a, _) in &members {
                claimed[*a] = true;
            }
            let masks = touched(o, &members, &reads, cell);
            if masks.is_empty() {
                // The faces disagree with the polygons: rounding. Decide nothing.
                return Truth::Unknown;
            }
            ties.push((members, masks));
        }
        let free: Vec<usize> = (0..self.atoms.len())
            .filter(|&a| reads[a] == Read::Straddles && !claimed[a])
            .collect();
        let mut ways: usize = 1;
        let radices = free
            .iter()
            .map(|_| 2)
            .chain(lyings.iter().map(Vec::len))
            .chain(ties.iter().map(|(_, m)| m.len()));
        for n in radices {
            ways = ways.saturating_mul(n);
        }
        if ways > MAX_WAYS {
            return Truth::Unknown;
        }
        let mut values: Vec<Truth> = reads
            .iter()
            .map(|r| match r {
                Read::Is(b) => Truth::from(*b),
                Read::Straddles | Read::Unknowable => Truth::Unknown,
            })
            .collect();
        let mut lying = vec![Lying::Neither; lyings.len()];
        let mut seen = [false; 3];
        for way in 0..ways {
            let mut rest = way;
            let mut digit = |n: usize| {
                let d = rest % n;
                rest /= n;
                d
            };
            for &a in &free {
                values[a] = Truth::from(digit(2) == 1);
            }
            for (v, options) in lyings.iter().enumerate() {
                lying[v] = options[digit(options.len())];
            }
            for (members, masks) in &ties {
                let mask = masks[digit(masks.len())];
                for (a, bit) in members {
                    values[*a] = Truth::from(mask & (1 << bit) != 0);
                }
            }
            seen[match value(question, &values, &lying) {
                Truth::True => 0,
                Truth::False => 1,
                Truth::Unknown => 2,
            }] = true;
            if seen.iter().filter(|s| **s).count() > 1 {
                return Truth::Unknown;
            }
        }
        match seen {
            [true, false, false] => Truth::True,
            [false, true, false] => Truth::False,
            _ => Truth::Unknown,
        }
    }

    fn read(&self, atom: &Atom<'_>, cell: &Point) -> Read {
        let h = cell.accuracy;
        let truth = match atom {
            Atom::Near {
                line,
                metres,
                extension,
            } => {
                let l = &self.rulebook.lines[*line];
                let Some(geometry) = l.drawn() else {
                    return Read::Unknowable;
                };
                let d = if *extension {
                    side_indexed(cell, geometry, l.index.as_ref(), l.extended).map(|(_, d)| d)
                } else {
                    distance_indexed(cell, geometry, l.index.as_ref())
                };
                match d {
                    Some(d) => within_limit(d, h, *metres),
                    None => return Read::Unknowable,
                }
            }
            Atom::Disc { lon, lat, metres } => {
                let centre = Point {
                    lat: *lat,
                    lon: *lon,
                    accuracy: 0.0,
                };
                within_limit(between(cell, &centre), h, *metres)
            }
            Atom::Polygon { shape, .. } => {
                if distance_to_rings(cell, shape) <= h {
                    Truth::Unknown
                } else {
                    Truth::from(shape.contains(&geo(cell)))
                }
            }
        };
        match truth {
            Truth::True => Read::Is(true),
            Truth::False => Read::Is(false),
            Truth::Unknown => Read::Straddles,
        }
    }

    /// Where the places of a cell may lie against a line: the side of its
    /// centre, both sides where the line passes through it, and neither
    /// where the ground beyond an end may reach into it.
    fn lyings(&self, line: usize, cell: &Point) -> Vec<Lying> {
        let l = &self.rulebook.lines[line];
        let Some(geometry) = l.drawn() else {
            return vec![Lying::Neither];
        };
        let Some((at, d)) = side_indexed(cell, geometry, l.index.as_ref(), l.extended) else {
            return vec![Lying::Neither];
        };
        let mut found = [false; 3];
        found[match at {
            Some(Side::Left) => 0,
            Some(Side::Right) => 1,
            None => 2,
        }] = true;
        if d <= cell.accuracy {
            found[0] = true;
            found[1] = true;
        }
        if !l.extended && near_an_end(cell, geometry) {
            found = [true; 3];
        }
        LYINGS
            .iter()
            .zip(found)
            .filter_map(|(l, f)| f.then_some(*l))
            .collect()
    }
}

/// The masks of the overlay's faces a cell may reach, consistent with
/// the polygons the cell is surely in or out of.
fn touched(o: &Overlay, members: &[(usize, usize)], reads: &[Read], cell: &Point) -> Vec<u8> {
    let agrees = |mask: u8| {
        members.iter().all(|(a, bit)| match reads[*a] {
            Read::Is(b) => (mask & (1 << bit) != 0) == b,
            Read::Straddles | Read::Unknowable => true,
        })
    };
    let reaches = |ground: &MultiPolygon, inside: bool| {
        ground.contains(&geo(cell)) == inside
            || distance_to_rings(cell, ground) <= cell.accuracy + SNAP_M
    };
    let mut masks: Vec<u8> = o
        .faces
        .iter()
        .filter(|(mask, face)| agrees(*mask) && reaches(face, true))
        .map(|(mask, _)| *mask)
        .collect();
    if agrees(0) && reaches(&o.union, false) {
        masks.push(0);
    }
    masks
}

/// Whether the ground beyond an end of a line (not `extended`) may reach
/// into the cell: the cell comes near the line across the end's last
/// segment, through the end. Measured in a flat frame round the cell,
/// with a tenth of the distance to the end to spare for the frame.
fn near_an_end(cell: &Point, line: &geo::MultiLineString) -> bool {
    let scale = cell.lat.to_radians().cos().max(0.01);
    let flat = |c: geo::Coord| ((c.x - cell.lon) * scale, c.y - cell.lat);
    line.iter()
        .filter(|piece| piece.0.len() >= 2 && !crate::check::is_closed(piece))
        .flat_map(|piece| {
            let n = piece.0.len();
            [(piece.0[0], piece.0[1]), (piece.0[n - 1], piece.0[n - 2])]
        })
        .any(|(end, next)| {
            let (e, v) = (flat(end), flat(next));
            let u = (e.0 - v.0, e.1 - v.1);
            let length = u.0.hypot(u.1);
            let to_end = e.0.hypot(e.1) * METRES_PER_DEGREE;
            let across = if length == 0.0 {
                to_end
            } else {
                (e.0 * u.0 + e.1 * u.1).abs() / length * METRES_PER_DEGREE
            };
            across <= cell.accuracy * 1.2 + to_end * 0.1 + 10.0
        })
}

/// A question's truth for one way the straddled tests turn out.
fn value(node: &Node, values: &[Truth], lying: &[Lying]) -> Truth {
    match node {
        Node::Const(t) => *t,
        Node::Atom(a) => values[*a],
        Node::Side { var, side, strict } => match lying[*var] {
            Lying::On(s) => Truth::from(s == *side),
            Lying::Neither if *strict => Truth::False,
            Lying::Neither => Truth::Unknown,
        },
        Node::Not(a) => value(a, values, lying).negated(),
        Node::And(a, b) => match value(a, values, lying) {
            Truth::False => Truth::False,
            t => t.and(value(b, values, lying)),
        },
        Node::Or(a, b) => match value(a, values, lying) {
            Truth::True => Truth::True,
            t => t.or(value(b, values, lying)),
        },
    }
}
