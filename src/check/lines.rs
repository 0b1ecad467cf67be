//! Lines: drawn geometry, the side each party holds, and per-party
//! reference lines (in Minsk II each party measures from its own line).

use geo::{Coord, MultiLineString};

use super::Checker;
use super::err::{BadCounterpart, BadGeometry, BadSide, Problem, Repeated};
use super::geometry::{Shapes, geometry_span, origin, written_span};
use super::index::SegmentIndex;
use super::rulebook::{HoldingAt, Line, LineShape, PartyIdx, Side};
use super::symbols::Kind;
use crate::ast::{self, Compass, Declaration, Hand, HeldSide, LineSource};
use crate::span::{Span, Spanned};

const COMPASS: [Compass; 4] = [Compass::North, Compass::South, Compass::East, Compass::West];

/// Lines with at least this many segments get a spatial index. The spatial
/// benchmark (`benches/spatial.rs`) found it 1.5× faster than a scan already
/// for the shipped 43-segment MDL, and 11.6× for 5,160 segments; for a
/// handful of segments the scan is as fast.
pub const INDEX_FROM: usize = 32;

fn segments(g: &MultiLineString) -> usize {
    g.iter().map(|l| l.0.len().saturating_sub(1)).sum()
}

impl Checker {
    /// Every line, in declaration order. A line drawn as the edge of a zone
    /// is drawn last, once the lines that zone may be made of are.
    pub(super) fn lines(&mut self, ast: &ast::Rulebook) -> Vec<Line> {
        let mut edges = Vec::new();
        for decl in &ast.declarations {
            let Declaration::Line(d) = decl else { continue };
            if !self.is_declared(&d.name) {
                continue;
            }
            let (shape, origin) = match &d.geometry {
                LineSource::Drawn(source) => {
                    (LineShape::Drawn(self.drawn(d, source)), origin(source))
                }
                LineSource::PerParty(pairs) => (
                    LineShape::PerParty(self.per_party(pairs)),
                    "per party".to_owned(),
                ),
                LineSource::Edge(zone) => {
                    edges.push((self.lines.len(), d, zone));
                    let empty = LineShape::Drawn(MultiLineString::new(vec![]));
                    (empty, format!("the edge of zone `{}`", zone.node))
                }
            };
            let mut line = self.new_line(d, shape, origin);
            if !matches!(d.geometry, LineSource::Edge(_)) {
                self.hold(d, &mut line);
            }
            self.lines.push(line);
        }
        for (i, d, zone) in edges {
            let drawn = self
                .edge(ast, zone)
                .unwrap_or_else(|| MultiLineString::new(vec![]));
            let origin = std::mem::take(&mut self.lines[i].origin);
            let mut line = self.new_line(d, LineShape::Drawn(drawn), origin);
            // A ring's course leads back to its start: no compass side is clear.
            line.compass = [None; 4];
            self.hold(d, &mut line);
            self.lines[i] = line;
        }
        let lines = std::mem::take(&mut self.lines);
        self.check_reference_lines(ast, &lines);
        self.check_extended(ast, &lines);
        lines
    }

    fn new_line(&self, d: &ast::LineDecl, shape: LineShape, origin: String) -> Line {
        let compass = match &shape {
            LineShape::Drawn(g) => COMPASS.map(|c| towards(g, c)),
            LineShape::PerParty(_) => [None; 4],
        };
        let index = match &shape {
            LineShape::Drawn(g) if segments(g) >= INDEX_FROM => SegmentIndex::new(g),
            _ => None,
        };
        let geometry_span = match &d.geometry {
            LineSource::Drawn(source) => Some(written_span(source, &d.span)),
            LineSource::PerParty(_) | LineSource::Edge(_) => None,
        };
        Line {
            name: d.name.node.clone(),
            shape,
            origin,
            held: Vec::new(),
            compass,
            extended: d.extended,
            index,
            geometry_span,
            holdings: Vec::new(),
        }
    }

    /// The sides the line's parties hold, with where each is said.
    fn hold(&mut self, d: &ast::LineDecl, line: &mut Line) {
        line.holdings = self.holdings(d, line);
        line.held = line.holdings.iter().map(|h| (h.party, h.side)).collect();
    }

    /// A line that ends where it starts has no ends to extend.
    fn check_extended(&mut self, ast: &ast::Rulebook, lines: &[Line]) {
        for decl in &ast.declarations {
            let Declaration::Line(d) = decl else { continue };
            let Some(line) = lines.iter().find(|l| l.name == d.name.node) else {
                continue;
            };
            let closed = line
                .drawn()
                .is_some_and(|g| !g.0.is_empty() && g.iter().all(super::enclosed::is_closed));
            if d.extended && closed {
                let problem = BadGeometry::ClosedExtended {
                    line: d.name.node.to_string(),
                };
                let help = "remove `extended`: a closed line divides the ground all round";
                self.error(problem.at(&d.name.span, "this line").help(help));
            }
        }
    }

    fn drawn(&mut self, d: &ast::LineDecl, source: &ast::GeometrySource) -> MultiLineString {
        match self.shapes(source, false) {
            Some(Shapes::Lines(l)) => l,
            Some(Shapes::Polygons(_)) => {
                let span = geometry_span(source, &d.span);
                let problem = BadGeometry::LineAsPolygon {
                    line: d.name.node.to_string(),
                };
                let help = "give the line as a LineString or MultiLineString, or declare a `zone` with `polygon`";
                self.error(problem.at(&span, "this geometry").help(help));
                MultiLineString::new(vec![])
            }
            None => MultiLineString::new(vec![]),
        }
    }

    fn per_party(&mut self, pairs: &[(ast::Ident, ast::Ident)]) -> Vec<(PartyIdx, usize)> {
        let mut out: Vec<(PartyIdx, usize)> = Vec::new();
        for (line, party) in pairs {
            let line = self.symbols.resolve(&line.span, &[Kind::Line]);
            let party_index = self.symbols.resolve(&party.span, &[Kind::Party]);
            let (line, p) = match (line, party_index) {
                (Ok((_, l)), Ok((_, p))) => (l, p as PartyIdx),
                (l, p) => {
                    for e in [l.err(), p.err()].into_iter().flatten() {
                        self.error(e);
                    }
                    continue;
                }
            };
            if out.iter().any(|(q, _)| *q == p) {
                let problem = Repeated::ReferenceLines {
                    party: party.node.to_string(),
                };
                self.error(problem.at(&party.span, "again here").help("keep one"));
                continue;
            }
            out.push((p, line));
        }
        out
    }

    /// `{ KPA holds north, UNC holds south }` as sides of the line.
    fn holdings(&mut self, d: &ast::LineDecl, line: &Line) -> Vec<HoldingAt> {
        let mut held: Vec<HoldingAt> = Vec::new();
        for h in &d.holdings {
            // An imported line's side held by a counterpart of one of this
            // rulebook's parties was given to that party when linked: its
            // name is no longer the text the span shows.
            let renamed = h.party.node != h.party.span.text();
            let resolved = if renamed {
                self.symbols
                    .resolve_named(&h.party.node, Kind::Party)
                    .ok_or_else(|| {
                        let problem = BadCounterpart::UnknownParty {
                            party: h.party.node.to_string(),
                        };
                        problem.at(&h.party.span, "held by a counterpart").into()
                    })
            } else {
                self.symbols
                    .resolve(&h.party.span, &[Kind::Party])
                    .map(|(_, p)| p)
            };
            let party = match resolved {
                Ok(p) => p as PartyIdx,
                Err(e) => {
                    self.error(e);
                    continue;
                }
            };
            if matches!(line.shape, LineShape::PerParty(_)) {
                let help = "say which side each party holds on the lines it is made of";
                self.error(BadSide::PerPartySides.at(&h.party.span, "here").help(help));
                continue;
            }
            let Some(side) = self.held_side(line, &h.side) else {
                continue;
            };
            if held.iter().any(|x| x.party == party) {
                let problem = Repeated::HoldsSide {
                    party: h.party.node.to_string(),
                };
                self.error(problem.at(&h.party.span, "again here"));
                continue;
            }
            if let Some(other) = held.iter().find(|x| x.side == side) {
                let other = self.party_name(other.party);
                let problem = BadSide::BothHold {
                    first: other,
                    second: h.party.node.to_string(),
                    side: side_word(line, side).to_owned(),
                    line: line.name.to_string(),
                };
                let help = "each side of a line is held by one party";
                self.error(problem.at(&h.party.span, "this side").help(help));
                continue;
            }
            let point = match h.side.node {
                HeldSide::Point(p) => Some(p),
                HeldSide::Compass(_) | HeldSide::Hand(_) => None,
            };
            held.push(HoldingAt {
                party,
                side,
                span: h.party.span.to(&h.side.span),
                point,
            });
        }
        held
    }

    /// The side of the line a holding names: by a compass point where the
    /// line's course makes it clear, by hand, or by a reference point
    /// clearly on one side.
    fn held_side(&mut self, line: &Line, held: &Spanned<HeldSide>) -> Option<Side> {
        match held.node {
            HeldSide::Compass(c) => {
                let side = line.towards(c);
                if side.is_none() {
                    self.unclear_compass(line, c, &held.span);
                }
                side
            }
            HeldSide::Hand(Hand::Left) => Some(Side::Left),
            HeldSide::Hand(Hand::Right) => Some(Side::Right),
            HeldSide::Point((lon, lat)) => {
                let geometry = line.drawn()?;
                if !self.lon_lat(&held.span, lon, lat) {
                    return None;
                }
                let near = super::sides::nearest_side(lon, lat, geometry, None, line.extended);
                let side = near.and_then(|n| n.side);
                if side.is_none() {
                    let problem = BadSide::BeyondEnds {
                        lon,
                        lat,
                        line: line.name.to_string(),
                    };
                    let help = "name a point beside the line, or declare the line `extended` so that its sides reach beyond its ends";
                    self.error(problem.at(&held.span, "this point").help(help));
                }
                side
            }
        }
    }

    fn unclear_compass(&mut self, line: &Line, c: Compass, span: &Span) {
        let problem = if line.compass.iter().all(Option::is_none) {
            BadSide::ClosedCompass {
                line: line.name.to_string(),
            }
        } else {
            BadSide::UnclearCompass {
                line: line.name.to_string(),
                runs: axis(c),
                side: c.word(),
            }
        };
        let help = format!(
            "name a side across the line's course ({}), `left` or `right` of its course as drawn, or the side of a point: `side of (lon, lat)`",
            sides_of(line)
        );
        self.error(problem.at(span, "this side").help(help));
    }

    /// A party's id by its index, for messages.
    fn party_name(&self, party: PartyIdx) -> String {
        self.symbols
            .name_of(super::symbols::Kind::Party, usize::from(party))
            .unwrap_or_default()
    }

    /// A per-party line is made of drawn lines.
    fn check_reference_lines(&mut self, ast: &ast::Rulebook, lines: &[Line]) {
        for decl in &ast.declarations {
            let Declaration::Line(d) = decl else { continue };
            let LineSource::PerParty(pairs) = &d.geometry else {
                continue;
            };
            for (name, _) in pairs {
                let nested = lines
                    .iter()
                    .find(|l| l.name == name.node)
                    .is_some_and(|l| matches!(l.shape, LineShape::PerParty(_)));
                if nested {
                    let problem = BadGeometry::NestedPerParty {
                        line: name.node.to_string(),
                    };
                    let help = "build a per-party line from drawn lines only";
                    self.error(problem.at(&name.span, "here").help(help));
                }
            }
        }
    }
}

/// The side of a drawn line that lies towards a compass point: the side its
/// left normal points to, judged on the line's general course from its first
/// point to its last. `None` when the course runs too near that direction.
pub(super) fn towards(line: &MultiLineString, compass: Compass) -> Option<Side> {
    let first = line.0.first()?.0.first()?;
    let last = line.0.last()?.0.last()?;
    let scale = ((first.y + last.y) / 2.0).to_radians().cos();
    let course = Coord {
        x: (last.x - first.x) * scale,
        y: last.y - first.y,
    };
    let length = course.x.hypot(course.y);
    if length == 0.0 {
        return None;
    }
    let (east, north) = compass.vector();
    // The left normal of the course is (-y, x).
    let dot = (-course.y * east + course.x * north) / length;
    // Within 30° of the course, "north of the line" means nothing clear.
    if dot > 0.5 {
        Some(Side::Left)
    } else if dot < -0.5 {
        Some(Side::Right)
    } else {
        None
    }
}

/// A side of a line in words: its compass point where the course makes one
/// clear, otherwise left or right of its course as drawn.
fn side_word(line: &Line, side: Side) -> &'static str {
    match COMPASS.iter().find(|c| line.towards(**c) == Some(side)) {
        Some(c) => c.word(),
        None => match side {
            Side::Left => "left",
            Side::Right => "right",
        },
    }
}

/// The course a line runs along when a compass side along it is asked for.
fn axis(c: Compass) -> &'static str {
    match c {
        Compass::North | Compass::South => "north–south",
        Compass::East | Compass::West => "east–west",
    }
}

/// `` `l` has north and south ``, or that it has none.
pub(super) fn sides_of(line: &Line) -> String {
    let clear: Vec<String> = COMPASS
        .iter()
        .filter(|c| line.towards(**c).is_some())
        .map(|c| format!("`{}`", c.word()))
        .collect();
    if clear.is_empty() {
        format!("`{}` has no clear compass side", line.name)
    } else {
        format!("`{}` has {}", line.name, clear.join(" and "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, coord};

    fn line(points: &[(f64, f64)]) -> MultiLineString {
        let coords = points.iter().map(|&(x, y)| coord! { x: x, y: y }).collect();
        MultiLineString::new(vec![LineString::new(coords)])
    }

    #[test]
    fn a_line_running_east_has_north_on_its_left() {
        // The MDL runs from the Han estuary (west) to the east coast.
        let mdl = line(&[(126.1, 37.7), (127.0, 38.3), (128.36, 38.61)]);
        assert_eq!(towards(&mdl, Compass::North), Some(Side::Left));
        assert_eq!(towards(&mdl, Compass::South), Some(Side::Right));
        assert_eq!(towards(&mdl, Compass::East), None);
    }

    #[test]
    fn a_line_running_south_has_east_on_its_left() {
        // The Donbas contact line, drawn from the Luhansk border to the Azov sea.
        let contact = line(&[(39.7, 48.9), (38.0, 48.3), (37.8, 47.1)]);
        assert_eq!(towards(&contact, Compass::East), Some(Side::Left));
        assert_eq!(towards(&contact, Compass::West), Some(Side::Right));
    }
}
