//! Deciding a place on a combined zone as a whole, and an area against a
//! test, cell by cell.
//!
//! Part by part (`zone.rs`), a position whose uncertainty straddles the
//! border between two parts of `a or b` is unknown for each part, and so
//! for the zone, even when every place it may be lies in one part or the
//! other. Here the position's disc is cut into cells (a quadtree in an
//! azimuthal equidistant frame round its centre, so a square cell of the
//! frame lies within its circumscribed radius of its centre on the
//! sphere), and each cell is decided on the zone as a whole. Every test
//! the zone is made of (a distance from a line, a side of a line, a disc,
//! a polygon) is read on the cell: held throughout, failed throughout, or
//! straddled. Straddled tests are tried every way the ground allows:
//!
//! - the sides of one line are one choice: a place is on its left, on its
//!   right, or (beyond a line's end) on neither;
//! - the polygons of a zone take only the combinations its overlay shows
//!   near the cell (`check/overlay.rs`): on the border between two
//!   adjacent polygons, "in one or the other", never "in neither";
//! - any other straddled test, either way.
//!
//! A cell is inside when the zone holds whichever way they turn out,
//! outside when it fails whichever way; the disc is inside when every cell
//! is, outside when every cell is, and open as soon as one cell is surely
//! inside and another surely outside. Cells left open are cut in four,
//! within a budget of cells; what is still open then stays unknown. The
//! answer is never a guess: a cell is decided only when every place in it
//! is.
//!
//! Signed distances (negative inside; `min` for `or`, `max` for `and`)
//! would not do: on a border two parts share, both parts' distances are
//! zero, so no cell across it could ever be certified inside.
//!
//! The same machinery decides a test on a position known only as an area
//! (`area.rs`): the area lies inside a zone when its bounding disc lies in
//! "outside the area, or inside the zone".

use geo::{Contains, Destination, Haversine, MultiPolygon, Point as GeoPoint};

use super::space::{between, distance_indexed, distance_to_rings, geo, side_indexed, within_limit};
use super::truth::Truth;
use super::zone::{drawn_line, wanted_side};
use crate::check::sides::METRES_PER_DEGREE;
use crate::check::{LineShape, Overlay, PartyIdx, Role, Rulebook, Side, SideSel, ZoneExpr};
use crate::events::Point;

/// Cells a fallback for an uncertain position may read.
pub const ZONE_BUDGET: u32 = 256;
/// Cells a test on an area may read (each of its two questions).
pub const AREA_BUDGET: u32 = 1024;
/// Larger discs are not cut: the frame would no longer hold the sphere.
pub const MAX_RADIUS_M: f64 = 1_000_000.0;
/// The most ways a cell's straddled tests are tried.
const MAX_WAYS: usize = 512;
/// The most tests one question is made of.
const MAX_ATOMS: usize = 32;
/// How deep zones may name zones.
const MAX_DEPTH: usize = 32;
/// The most parts of zones one question is built from: zones naming the
/// same zone twice at every level would otherwise double at each.
const MAX_NODES: usize = 4096;
/// The most polygon vertices all the cells of one question may visit,
/// so a polygon of a million vertices is cut into fewer cells.
const MAX_WORK: usize = 8_000_000;
/// How far the overlay's faces may stand from the polygons they come
/// from, after the boolean operations' rounding.
const SNAP_M: f64 = 1.0;

/// Which polygon a test reads: one of a zone's own, by its number there,
/// or the one the event gives (a grid square or box).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolyKey {
    Zone(usize, u16),
    Event,
}

/// A test on a place that zones are made of.
#[derive(Clone, Copy)]
enum Atom<'a> {
    /// Within `metres` of drawn line `line`; `extension`: measured from the
    /// extension of an `extended` line beyond its ends too, as a band is.
    Near {
        line: usize,
        metres: f64,
        extension: bool,
    },
    /// Within `metres` of a point.
    Disc { lon: f64, lat: f64, metres: f64 },
    Polygon {
        key: PolyKey,
        shape: &'a MultiPolygon,
    },
}

impl Atom<'_> {
    fn same(&self, other: &Atom<'_>) -> bool {
        match (self, other) {
            (
                Atom::Near {
                    line,
                    metres,
                    extension,
                },
                Atom::Near {
                    line: l,
                    metres: m,
                    extension: x,
                },
            ) => line == l && metres == m && extension == x,
            (
                Atom::Disc { lon, lat, metres },
                Atom::Disc {
                    lon: x,
                    lat: y,
                    metres: m,
                },
            ) => lon == x && lat == y && metres == m,
            (Atom::Polygon { key, .. }, Atom::Polygon { key: k, .. }) => key == k,
            _ => false,
        }
    }
}

/// A question about a place, over the tests of [`Places`].
#[derive(Debug, Clone)]
pub enum Node {
    Const(Truth),
    Atom(usize),
    /// On `side` of the line of variable `var`. `strict`: a place on
    /// neither side (beyond the line's ends) is not on it; otherwise its
    /// side is unknown, as a test of a side is.
    Side {
        var: usize,
        side: Side,
        strict: bool,
    },
    Not(Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
}

impl Node {
    pub fn not(self) -> Node {
        Node::Not(Box::new(self))
    }

    pub fn and(self, other: Node) -> Node {
        Node::And(Box::new(self), Box::new(other))
    }

    pub fn or(self, other: Node) -> Node {
        Node::Or(Box::new(self), Box::new(other))
    }
}

/// A zone that depends on the actor's party (a per-party line, an `own`
/// side), asked for an act of unknown origin.
#[derive(Debug)]
pub struct NeedsParty;

/// What the cells showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Certified {
    pub truth: Truth,
    /// Some cell was surely inside and another surely outside.
    pub split: bool,
    pub cells: u32,
}

/// The tests questions are made of, and what ties them.
pub struct Places<'a> {
    rulebook: &'a Rulebook,
    atoms: Vec<Atom<'a>>,
    /// The drawn lines whose sides are asked.
    lines: Vec<usize>,
    overlays: Vec<&'a Overlay>,
    /// Parts of zones read so far.
    nodes: usize,
}

impl<'a> Places<'a> {
    pub fn new(rulebook: &'a Rulebook) -> Self {
        Places {
            rulebook,
            atoms: Vec::new(),
            lines: Vec::new(),
            overlays: Vec::new(),
            nodes: 0,
        }
    }

    fn atom(&mut self, atom: Atom<'a>) -> Node {
        if let Some(i) = self.atoms.iter().position(|a| a.same(&atom)) {
            return Node::Atom(i);
        }
        if self.atoms.len() >= MAX_ATOMS {
            return Node::Const(Truth::Unknown);
        }
        self.atoms.push(atom);
        Node::Atom(self.atoms.len() - 1)
    }

    /// Within `metres` of drawn line `line`, as a band along it reaches
    /// (beyond the ends of an `extended` line, along its extension too).
    pub fn near(&mut self, line: usize, metres: f64) -> Node {
        self.atom(Atom::Near {
            line,
            metres,
            extension: true,
        })
    }

    /// Within `metres` of drawn line `line` as drawn, as `within D of LINE`
    /// measures.
    pub fn near_drawn(&mut self, line: usize, metres: f64) -> Node {
        self.atom(Atom::Near {
            line,
            metres,
            extension: false,
        })
    }

    /// Within `metres` of a point.
    pub fn disc(&mut self, lon: f64, lat: f64, metres: f64) -> Node {
        self.atom(Atom::Disc { lon, lat, metres })
    }

    pub fn polygon(&mut self, key: PolyKey, shape: &'a MultiPolygon) -> Node {
        self.atom(Atom::Polygon { key, shape })
    }

    /// On `side` of drawn line `line`.
    pub fn side(&mut self, line: usize, side: Side, strict: bool) -> Node {
        let var = match self.lines.iter().position(|l| *l == line) {
            Some(v) => v,
            None => {
                self.lines.push(line);
                self.lines.len() - 1
            }
        };
        Node::Side { var, side, strict }
    }

    /// Zone `zone` as a question, for an act by `party`.
    pub fn zone(&mut self, zone: usize, party: Option<PartyIdx>) -> Result<Node, NeedsParty> {
        self.zone_at(zone, party, 0)
    }

    fn zone_at(
        &mut self,
        zone: usize,
        party: Option<PartyIdx>,
        depth: usize,
    ) -> Result<Node, NeedsParty> {
        let rulebook = self.rulebook;
        let z = &rulebook.zones[zone];
        if depth > MAX_DEPTH {
            return Ok(Node::Const(Truth::Unknown));
        }
        if let Some(o) = z.overlay.as_deref()
            && !self.overlays.iter().any(|x| std::ptr::eq(*x, o))
        {
            self.overlays.push(o);
        }
        let mut ordinal = 0;
        self.expr(&z.shape, zone, &mut ordinal, party, depth)
    }

    fn expr(
        &mut self,
        e: &'a ZoneExpr,
        owner: usize,
        ordinal: &mut u16,
        party: Option<PartyIdx>,
        depth: usize,
    ) -> Result<Node, NeedsParty> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Ok(Node::Const(Truth::Unknown));
        }
        Ok(match e {
            ZoneExpr::Buffer { line, metres, side } => self.band(*line, *metres, *side, party)?,
            ZoneExpr::Around { lon, lat, metres } => self.disc(*lon, *lat, *metres),
            ZoneExpr::Polygon(p) => {
                let key = PolyKey::Zone(owner, *ordinal);
                *ordinal = ordinal.saturating_add(1);
                self.polygon(key, p)
            }
            ZoneExpr::Zone(i) => self.zone_at(*i, party, depth + 1)?,
            ZoneExpr::And(a, b) => {
                let a = self.expr(a, owner, ordinal, party, depth)?;
                a.and(self.expr(b, owner, ordinal, party, depth)?)
            }
            ZoneExpr::Or(a, b) => {
                let a = self.expr(a, owner, ordinal, party, depth)?;
                a.or(self.expr(b, owner, ordinal, party, depth)?)
            }
            ZoneExpr::Not(a) => self.expr(a, owner, ordinal, party, depth)?.not(),
        })
    }

    /// A band along a line, on one side or both, as `zone.rs` reads it.
    fn band(
        &mut self,
        line: usize,
        metres: f64,
        sel: SideSel,
        party: Option<PartyIdx>,
    ) -> Result<Node, NeedsParty> {
        let rulebook = self.rulebook;
        let per_party = matches!(rulebook.lines[line].shape, LineShape::PerParty(_));
        if party.is_none() && (per_party || sel == SideSel::Own) {
            return Err(NeedsParty);
        }
        let Ok(drawn) = drawn_line(rulebook, line, party) else {
            return Ok(Node::Const(Truth::Unknown));
        };
        let near = self.near(drawn.index, metres);
        Ok(match wanted_side(rulebook, drawn.index, sel, party) {
            Ok(None) => near,
            Ok(Some(side)) => near.and(self.side(drawn.index, side, false)),
            Err(_) => near.and(Node::Const(Truth::Unknown)),
        })
    }
}

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

    /// The question on one cell (a disc: `cell.accuracy` is its radius):
    /// true if it holds whichever way the straddled tests turn out.
    fn cell(&self, question: &Node, cell: &Point) -> Truth {
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

/// The squares of an azimuthal equidistant frame round a disc, read
/// breadth first (or depth first, to find one cell quickly): each the disc
/// of its circumscribed radius on the sphere.
struct Frame {
    deep: bool,
    centre: GeoPoint,
    radius: f64,
    queue: std::collections::VecDeque<(f64, f64, f64)>,
    /// The square last handed out.
    last: (f64, f64, f64),
    /// Cells read, the whole disc first.
    cells: u32,
    exhausted: bool,
}

impl Frame {
    fn new(disc: &Point) -> Frame {
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
    fn next(&mut self, budget: u32) -> Option<Point> {
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
    fn cut(&mut self) -> bool {
        let (x, y, half) = self.last;
        if half < 0.5 {
            return false;
        }
        self.queue.extend(quarters(x, y, half));
        true
    }

    fn pending(&self) -> usize {
        self.queue.len()
    }

    /// The squares not yet read that meet the disc, as cells.
    fn rest(&self) -> Vec<Point> {
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

/// Whether a zone combines others (`and`, `or`, `not`): only then can the
/// whole decide what its parts leave open.
pub fn combined(rulebook: &Rulebook, zone: usize) -> bool {
    fn walk(rulebook: &Rulebook, e: &ZoneExpr, depth: usize) -> bool {
        match e {
            ZoneExpr::And(..) | ZoneExpr::Or(..) | ZoneExpr::Not(_) => true,
            ZoneExpr::Zone(i) if depth < MAX_DEPTH => {
                walk(rulebook, &rulebook.zones[*i].shape, depth + 1)
            }
            ZoneExpr::Zone(_)
            | ZoneExpr::Buffer { .. }
            | ZoneExpr::Around { .. }
            | ZoneExpr::Polygon(_) => false,
        }
    }
    walk(rulebook, &rulebook.zones[zone].shape, 0)
}

/// Zone `zone` decided on the whole of `p`'s disc, for an act by `party`
/// (for an act of unknown origin, by every party alike where the zone
/// depends on whose act it is); `None` when the cells leave it open.
pub fn decide(
    p: &Point,
    zone: usize,
    party: Option<PartyIdx>,
    rulebook: &Rulebook,
    budget: u32,
) -> Option<Truth> {
    let ask = |party| {
        let mut places = Places::new(rulebook);
        let question = places.zone(zone, party)?;
        Ok::<Truth, NeedsParty>(places.certify(&question, p, budget).truth)
    };
    let truth = match ask(party) {
        Ok(t) => t,
        Err(NeedsParty) => {
            let parties = (0..rulebook.parties.len())
                .filter(|&i| rulebook.parties[i].role == Role::Party)
                .map(|i| ask(Some(i as PartyIdx)).unwrap_or(Truth::Unknown));
            Truth::agreed(parties)
        }
    };
    (truth != Truth::Unknown).then_some(truth)
}
