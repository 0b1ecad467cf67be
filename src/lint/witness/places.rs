//! The points tried for `place`, `origin` and `target`, and the tracks:
//! inside and outside each zone the way tests (the lint's own samples,
//! kept only where evaluation's zone test says what the way wants), either
//! side of each line it tests at distances around its bounds, round each
//! coordinate it measures from, and where each party's area lies.

use geo::{Destination, Haversine, MultiLineString, Point as GeoPoint};

use crate::check::sides::METRES_PER_DEGREE;
use crate::check::{
    CondKind, Field, Limit, LineShape, PartyIdx, PathField, PointField, Reference, RegionSel,
    Rulebook,
};
use crate::eval::{Truth, in_zone};
use crate::events::Point;

use super::draft::Spot;
use super::paths::Lit;

/// At most this many points are tried for one field.
const MOST: usize = 10;
/// At most this many points are tested against the way's zones for one
/// field, so a rulebook of many zones cannot make a way slow to set up.
const CONSIDERED: usize = 256;
/// At most this many vertices of a line are stepped beside.
const VERTICES: usize = 6;
/// How far beside a line points lie when nothing bounds it, in metres.
const BESIDE_M: [f64; 3] = [1_500.0, 6_000.0, 25_000.0];

/// The points and tracks tried under one way.
pub struct Places {
    place: Vec<Spot>,
    origin: Vec<Spot>,
    target: Vec<Spot>,
    /// Which fields the way tests.
    tested: [bool; 3],
    pub track: Vec<Option<Vec<Spot>>>,
}

impl Places {
    pub fn of(rulebook: &Rulebook, way: &[Lit<'_>]) -> Places {
        let mut p = Places {
            place: Vec::new(),
            origin: Vec::new(),
            target: Vec::new(),
            tested: [false; 3],
            track: Vec::new(),
        };
        for l in way {
            p.add(rulebook, l);
        }
        if p.track.is_empty() {
            p.track.push(None);
        }
        for f in [PointField::Place, PointField::Origin, PointField::Target] {
            let list = std::mem::take(p.list(f));
            *p.list(f) = keep(rulebook, way, f, list);
        }
        p
    }

    /// The values tried for a field: the points kept, or the field left
    /// out when the way does not test it.
    pub fn of_field(&self, f: PointField) -> Vec<Option<Spot>> {
        if !self.tested[index(f)] {
            return vec![None];
        }
        let list = match f {
            PointField::Place => &self.place,
            PointField::Origin => &self.origin,
            PointField::Target => &self.target,
        };
        list.iter().map(|p| Some(*p)).collect()
    }

    fn list(&mut self, f: PointField) -> &mut Vec<Spot> {
        match f {
            PointField::Place => &mut self.place,
            PointField::Origin => &mut self.origin,
            PointField::Target => &mut self.target,
        }
    }

    fn put(&mut self, f: PointField, points: Vec<Spot>) {
        self.tested[index(f)] = true;
        self.list(f).extend(points);
    }

    fn add(&mut self, rulebook: &Rulebook, l: &Lit<'_>) {
        match &l.cond.kind {
            CondKind::InZone { point, zone, .. } => {
                let pts = if l.want {
                    zone_samples(rulebook, *zone)
                } else {
                    anywhere(rulebook)
                };
                self.put(*point, pts);
            }
            CondKind::OnSide { point, line, .. } => {
                self.put(*point, beside(rulebook, *line, &BESIDE_M));
            }
            CondKind::Near {
                point,
                limit,
                reference,
                ..
            } => {
                let m = match limit {
                    Limit::Metres(m) => *m,
                    Limit::Reach(_) => rulebook
                        .reaches
                        .iter()
                        .map(|r| r.1)
                        .fold(10_000.0, f64::max),
                };
                let offsets = [m * 0.5, m * 1.5 + 1_000.0];
                let pts = match reference {
                    Reference::Line(line) => beside(rulebook, *line, &offsets),
                    Reference::Coordinate { lon, lat } => round(*lon, *lat, &offsets),
                    Reference::Point(..) => anywhere(rulebook),
                };
                self.put(*point, pts);
            }
            CondKind::InArea { point, .. } => self.put(*point, held(rulebook)),
            CondKind::Directed { .. } => {
                self.put(PointField::Target, held(rulebook));
                self.put(PointField::Origin, held(rulebook));
            }
            CondKind::Crosses {
                path: PathField::Trajectory,
                line,
                ..
            } => {
                let (a, b) = pairs(rulebook, *line);
                self.put(PointField::Origin, a);
                self.put(PointField::Target, b);
            }
            CondKind::Crosses {
                path: PathField::Track,
                line,
                ..
            } => {
                let (a, b) = pairs(rulebook, *line);
                let tracks = a.into_iter().zip(b).map(|(x, y)| Some(vec![x, y]));
                self.track.extend(tracks);
            }
            CondKind::Over { path, region, .. } => {
                let pts = match region {
                    RegionSel::Zone(z) => zone_samples(rulebook, *z),
                    RegionSel::Area(_) => held(rulebook),
                };
                match path {
                    PathField::Track => {
                        let tracks = pts.windows(2).map(|w| Some(w.to_vec()));
                        self.track.extend(tracks);
                    }
                    PathField::Trajectory => {
                        self.put(PointField::Origin, pts.clone());
                        self.put(PointField::Target, pts);
                    }
                }
            }
            CondKind::Known { field, known, .. } => match field {
                Field::Point(f) if *known == l.want => self.put(*f, anywhere(rulebook)),
                Field::Point(f) => self.tested[index(*f)] = true,
                Field::Path(PathField::Track) if *known == l.want => {
                    let pts = anywhere(rulebook);
                    self.track
                        .extend(pts.windows(2).take(2).map(|w| Some(w.to_vec())));
                }
                Field::Path(PathField::Track) => self.track.push(None),
                Field::Path(PathField::Trajectory) => {
                    self.tested[index(PointField::Origin)] = true;
                    self.tested[index(PointField::Target)] = true;
                }
                Field::Act
                | Field::Party
                | Field::Capacity
                | Field::Affected
                | Field::Weapon
                | Field::WeaponType
                | Field::Measure(_)
                | Field::Category(_)
                | Field::Time => {}
            },
            _ => {}
        }
    }
}

fn index(f: PointField) -> usize {
    match f {
        PointField::Place => 0,
        PointField::Origin => 1,
        PointField::Target => 2,
    }
}

/// The points of a field that meet the way's zone tests on it (as
/// evaluation decides them, for an actor of no party), at most [`MOST`];
/// a field left out comes last when the way asks it to be unknown.
fn keep(rulebook: &Rulebook, way: &[Lit<'_>], f: PointField, list: Vec<Spot>) -> Vec<Spot> {
    let mut out: Vec<Spot> = Vec::new();
    for p in list.into_iter().take(CONSIDERED) {
        if out.len() == MOST {
            break;
        }
        let at = Point {
            lon: p.0,
            lat: p.1,
            accuracy: 0.0,
        };
        // A zone measured on a party's own side is decided for an actor of
        // that party: the point fits if it is as wanted for some actor.
        let fits = way.iter().all(|l| match &l.cond.kind {
            CondKind::InZone { point, zone, .. } if *point == f => actors(rulebook)
                .any(|party| in_zone(&at, *zone, party, rulebook).truth == Truth::from(l.want)),
            _ => true,
        });
        if fits && !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// No actor's party, then each party's.
fn actors(rulebook: &Rulebook) -> impl Iterator<Item = Option<PartyIdx>> {
    let parties = (0..rulebook.parties.len()).filter_map(|p| PartyIdx::try_from(p).ok());
    std::iter::once(None).chain(parties.map(Some))
}

/// Points that may lie in a zone (the lint's samples), for an actor of no
/// party, then of each party (a zone drawn from a party's own line).
fn zone_samples(rulebook: &Rulebook, zone: usize) -> Vec<Spot> {
    actors(rulebook)
        .flat_map(|party| crate::lint::samples::samples(rulebook, zone, party))
        .collect()
}

/// Points all over the rulebook's ground: each zone's first samples and
/// points beside each line.
fn anywhere(rulebook: &Rulebook) -> Vec<Spot> {
    let mut out = Vec::new();
    for l in 0..rulebook.lines.len() {
        out.extend(beside(rulebook, l, &BESIDE_M));
    }
    for z in 0..rulebook.zones.len() {
        out.extend(zone_samples(rulebook, z).into_iter().take(4));
    }
    out
}

/// Points in the parties' areas, and beside the lines whose sides they hold.
fn held(rulebook: &Rulebook) -> Vec<Spot> {
    let mut out = Vec::new();
    for (_, z) in &rulebook.areas {
        out.extend(zone_samples(rulebook, *z).into_iter().take(4));
    }
    for (l, line) in rulebook.lines.iter().enumerate() {
        if !line.held.is_empty() {
            out.extend(beside(rulebook, l, &BESIDE_M));
        }
    }
    out
}

/// Points square to a line at its middle vertex and a few others, at
/// each offset, on both sides in turn.
fn beside(rulebook: &Rulebook, line: usize, offsets: &[f64]) -> Vec<Spot> {
    let (a, b) = sides(rulebook, line, offsets);
    a.into_iter().zip(b).flat_map(|(x, y)| [x, y]).collect()
}

/// Points beside a line paired across it: the first list on one side,
/// the second on the other, point for point.
fn pairs(rulebook: &Rulebook, line: usize) -> (Vec<Spot>, Vec<Spot>) {
    let (a, b) = sides(rulebook, line, &BESIDE_M[..2]);
    let there: Vec<Spot> = a.iter().zip(&b).flat_map(|(x, y)| [*x, *y]).collect();
    let back: Vec<Spot> = a.iter().zip(&b).flat_map(|(x, y)| [*y, *x]).collect();
    (there, back)
}

fn sides(rulebook: &Rulebook, line: usize, offsets: &[f64]) -> (Vec<Spot>, Vec<Spot>) {
    let Some(g) = drawn(rulebook, line) else {
        return (Vec::new(), Vec::new());
    };
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (v, (nx, ny), scale) in vertices(g) {
        for o in offsets {
            let m = o / METRES_PER_DEGREE;
            left.push((v.0 + nx * m / scale, v.1 + ny * m));
            right.push((v.0 - nx * m / scale, v.1 - ny * m));
        }
    }
    let valid = |p: &Spot| p.0.abs() <= 180.0 && p.1.abs() <= 90.0;
    let keep: Vec<bool> = left
        .iter()
        .zip(&right)
        .map(|(a, b)| valid(a) && valid(b))
        .collect();
    let filter = |v: Vec<Spot>| {
        v.into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(p, _)| p)
            .collect()
    };
    (filter(left), filter(right))
}

/// A line's geometry: its own, or for a line drawn per party, the first
/// party's.
fn drawn(rulebook: &Rulebook, line: usize) -> Option<&MultiLineString> {
    match &rulebook.lines[line].shape {
        LineShape::Drawn(g) => Some(g),
        LineShape::PerParty(parts) => drawn(rulebook, parts.first()?.1),
    }
}

/// A few vertices of a line's longest part, its middle one first, each
/// with the unit normal of its segment (in a flat projection) and the
/// cosine of its latitude.
fn vertices(g: &MultiLineString) -> Vec<(Spot, Spot, f64)> {
    let Some(part) = g.iter().max_by_key(|p| p.0.len()) else {
        return Vec::new();
    };
    let pts = &part.0;
    if pts.len() < 2 {
        return Vec::new();
    }
    let mid = pts.len() / 2;
    let step = (pts.len() / VERTICES).max(1);
    let mut order = vec![mid];
    order.extend((0..pts.len()).step_by(step).filter(|i| *i != mid));
    order.truncate(VERTICES);
    let mut out = Vec::new();
    for i in order {
        let (a, b) = if i + 1 < pts.len() {
            (pts[i], pts[i + 1])
        } else {
            (pts[i - 1], pts[i])
        };
        let scale = pts[i].y.to_radians().cos().max(0.01);
        let (dx, dy) = ((b.x - a.x) * scale, b.y - a.y);
        let length = dx.hypot(dy);
        if length == 0.0 {
            continue;
        }
        out.push(((pts[i].x, pts[i].y), (-dy / length, dx / length), scale));
    }
    out
}

/// Points round a coordinate at each distance, to the north, east, south
/// and west.
fn round(lon: f64, lat: f64, distances: &[f64]) -> Vec<Spot> {
    let centre = GeoPoint::new(lon, lat);
    let mut out = vec![(lon, lat)];
    for d in distances {
        for bearing in [0.0, 90.0, 180.0, 270.0] {
            let q = Haversine.destination(centre, bearing, *d);
            out.push((q.x(), q.y()));
        }
    }
    out
}
