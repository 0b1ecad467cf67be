//! Zones drawn from lines, and lines drawn from zones: the ground between
//! two lines (`between a and b`), the ground a closed line goes round
//! (`inside ring`), and the edge of a polygon zone as a line
//! (`line frontier = edge of buffer_zone`).
//!
//! Disengagement agreements draw zones both ways: a security zone between
//! two withdrawal lines, an area of separation between lines A and B; a
//! buffer zone as a polygon whose edges are the ceasefire lines.

use geo::orient::{Direction, Orient};
use geo::{BooleanOps, Coord, Distance, Haversine, LineString, MultiLineString, MultiPolygon};
use geo::{Point as GeoPoint, Polygon};

use super::Checker;
use super::err::{BadGeometry, Problem};
use super::geometry::Shapes;
use super::rulebook::LineShape;
use super::symbols::Kind;
use crate::ast::{self, Expr, Ident};
use crate::span::Span;

/// A piece of a line that ends where it starts: a ring.
pub fn is_closed(piece: &LineString) -> bool {
    piece.0.len() >= 4 && piece.0.first() == piece.0.last()
}

impl Checker {
    /// `between first and second`: one polygon per pair of facing pieces,
    /// each closed by the segments joining the pieces' ends (each end of
    /// one piece to the nearer end of the other).
    pub(super) fn between(
        &mut self,
        first: &Ident,
        second: &Ident,
        span: &Span,
    ) -> Option<MultiPolygon> {
        let (a, b) = (self.line_for_zone(first), self.line_for_zone(second));
        let (a, b) = (a?, b?);
        for (line, name) in [(&a, first), (&b, second)] {
            if line.iter().any(is_closed) {
                let problem = BadGeometry::ClosedBetween {
                    line: name.node.to_string(),
                };
                let help = format!("for the ground it goes round, write `inside {}`", name.node);
                self.error(problem.at(&name.span, "a closed line").help(help));
                return None;
            }
        }
        let pairs = self.pair_pieces(&a, &b, first, second, span)?;
        let polygons: Vec<Polygon> = pairs
            .iter()
            .map(|&(i, j)| enclose(&a.0[i], &b.0[j]))
            .collect();
        let ground = MultiPolygon::new(polygons);
        let rings: Vec<&LineString> = ground.iter().map(Polygon::exterior).collect();
        if super::simple::rings_meet(&rings) || super::simple::nested(&ground) {
            let problem = BadGeometry::LinesMeet {
                first: first.node.to_string(),
                second: second.node.to_string(),
            };
            let help = "a zone between two lines needs lines that meet, if at all, only at their ends; draw the zone as a `polygon` instead";
            self.error(problem.at(span, "here").help(help));
            return None;
        }
        Some(ground)
    }

    /// `inside ring`: the ground inside an odd number of the line's closed
    /// pieces (an island ring inside a lake ring is a hole).
    pub(super) fn inside(&mut self, line: &Ident) -> Option<MultiPolygon> {
        let drawn = self.line_for_zone(line)?;
        if let Some(open) = drawn.iter().find(|piece| !is_closed(piece)) {
            let (first, last) = (open.0[0], open.0[open.0.len() - 1]);
            let problem = BadGeometry::NotClosed {
                line: line.node.to_string(),
                last: (last.x, last.y),
                first: (first.x, first.y),
            };
            let help = "end the line at its first point, or for the ground between two lines write `between A and B`";
            self.error(problem.at(&line.span, "not a closed line").help(help));
            return None;
        }
        let mut ground: Option<MultiPolygon> = None;
        for piece in drawn.iter() {
            if super::simple::rings_meet(&[piece]) {
                let problem = BadGeometry::CrossesItself {
                    line: line.node.to_string(),
                };
                let help =
                    "draw the line so that it goes round once, touching itself only where it ends";
                self.error(problem.at(&line.span, "here").help(help));
                return None;
            }
            let ring = MultiPolygon::new(vec![Polygon::new(piece.clone(), vec![])]);
            ground = Some(match ground {
                None => ring,
                Some(g) => g.xor(&ring),
            });
        }
        ground
    }

    /// A drawn line a zone is made from, by name.
    fn line_for_zone(&mut self, name: &Ident) -> Option<MultiLineString> {
        let (_, i) = self
            .symbols
            .resolve(&name.span, &[Kind::Line])
            .map_err(|e| self.error(e))
            .ok()?;
        let line = self.lines.get(i)?;
        match &line.shape {
            LineShape::Drawn(g) if !g.0.is_empty() => Some(g.clone()),
            // The problem with the line itself was reported where it is declared.
            LineShape::Drawn(_) => None,
            LineShape::PerParty(_) => {
                let problem = BadGeometry::PerPartyGround {
                    line: name.node.to_string(),
                };
                let help = "draw a zone from drawn lines; for each party's own band, write `within D of` the per-party line";
                self.error(problem.at(&name.span, "a per-party line").help(help));
                None
            }
        }
    }

    /// Each piece of `a` with the piece of `b` it faces: the one whose ends
    /// are nearest its own. Every piece must face exactly one.
    fn pair_pieces(
        &mut self,
        a: &MultiLineString,
        b: &MultiLineString,
        first: &Ident,
        second: &Ident,
        span: &Span,
    ) -> Option<Vec<(usize, usize)>> {
        if a.0.len() != b.0.len() {
            let problem = BadGeometry::PieceCounts {
                first: first.node.to_string(),
                first_pieces: a.0.len(),
                second: second.node.to_string(),
                second_pieces: b.0.len(),
            };
            let help =
                "draw both lines in as many pieces, each piece of one facing a piece of the other";
            self.error(problem.at(span, "here").help(help));
            return None;
        }
        let pairs: Vec<(usize, usize)> =
            a.0.iter()
                .enumerate()
                .map(|(i, piece)| {
                    let nearest = (0..b.0.len())
                        .min_by(|&j, &k| joins(piece, &b.0[j]).total_cmp(&joins(piece, &b.0[k])))
                        .expect("as many pieces");
                    (i, nearest)
                })
                .collect();
        let mut faced: Vec<usize> = pairs.iter().map(|(_, j)| *j).collect();
        faced.sort_unstable();
        faced.dedup();
        if faced.len() != pairs.len() {
            let problem = BadGeometry::PiecesFace {
                first: first.node.to_string(),
                second: second.node.to_string(),
            };
            let help = "draw each piece of one line facing one piece of the other, or draw the zone as a `polygon`";
            self.error(problem.at(span, "here").help(help));
            return None;
        }
        Some(pairs)
    }

    /// `line frontier = edge of zone`: the rings of a polygon zone, each
    /// running round it with the zone on its left (outer boundaries
    /// anticlockwise, holes clockwise, in longitude and latitude).
    pub(super) fn edge(&mut self, ast: &ast::Rulebook, zone: &Ident) -> Option<MultiLineString> {
        self.symbols
            .resolve(&zone.span, &[Kind::Zone])
            .map_err(|e| self.error(e))
            .ok()?;
        let shape = ast.declarations.iter().find_map(|d| match d {
            ast::Declaration::Zone(z) if z.name.node == zone.node => Some(&z.shape),
            _ => None,
        })?;
        // A problem with the zone's own geometry is reported where the
        // zone is declared, once; here the edge is only left empty.
        let reported = self.errors.len();
        let ground = match &shape.node {
            Expr::Polygon(source) => match self.shapes(source, true) {
                Some(Shapes::Polygons(p)) => Some(p),
                Some(Shapes::Lines(_)) | None => None,
            },
            Expr::Between { first, second } => self.between(first, second, &shape.span),
            Expr::Inside(line) => self.inside(line),
            _ => {
                let problem = BadGeometry::NoEdge {
                    zone: zone.node.to_string(),
                };
                let help = "take the edge of a zone written `polygon ...`, `between A and B` or `inside L`; to measure from the line a band is drawn along, name that line";
                self.error(problem.at(&zone.span, "this zone").help(help));
                return None;
            }
        };
        self.errors.truncate(reported);
        let rings = ground?
            .orient(Direction::Default)
            .into_iter()
            .flat_map(|p| {
                let (exterior, interiors) = p.into_inner();
                std::iter::once(exterior).chain(interiors)
            })
            .collect();
        Some(MultiLineString::new(rings))
    }
}

/// The ring round the ground between two pieces: `a` as drawn, then `b`
/// from the end nearer `a`'s last point.
fn enclose(a: &LineString, b: &LineString) -> Polygon {
    let mut ring: Vec<Coord> = a.0.clone();
    if crosswise(a, b) {
        ring.extend(b.0.iter().copied());
    } else {
        ring.extend(b.0.iter().rev().copied());
    }
    ring.push(a.0[0]);
    ring.dedup();
    Polygon::new(LineString::new(ring), vec![])
}

/// Whether `b` runs the other way from `a`: its first point faces `a`'s last.
fn crosswise(a: &LineString, b: &LineString) -> bool {
    let d = |p: Coord, q: Coord| Haversine.distance(GeoPoint(p), GeoPoint(q));
    let (a0, a1) = (a.0[0], a.0[a.0.len() - 1]);
    let (b0, b1) = (b.0[0], b.0[b.0.len() - 1]);
    d(a1, b0) + d(a0, b1) < d(a0, b0) + d(a1, b1)
}

/// The length of the segments joining two pieces' ends, paired the shorter way.
fn joins(a: &LineString, b: &LineString) -> f64 {
    let d = |p: Coord, q: Coord| Haversine.distance(GeoPoint(p), GeoPoint(q));
    let (a0, a1) = (a.0[0], a.0[a.0.len() - 1]);
    let (b0, b1) = (b.0[0], b.0[b.0.len() - 1]);
    (d(a0, b0) + d(a1, b1)).min(d(a1, b0) + d(a0, b1))
}
