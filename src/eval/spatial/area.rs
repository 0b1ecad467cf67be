//! Tests on a position known only as an area: a zone or locality of the
//! rulebook, a grid square or box, a side of a line.
//!
//! A test is decided when the whole area decides it: an area wholly inside
//! a zone is in it, one wholly outside is not, any other is unknown; so
//! with sides and distances. The area is read under the rulebook judging
//! the event (its zones and lines), as a question over places (`whole.rs`),
//! bounded by a disc round it: the test holds when that disc lies wholly
//! in "outside the area, or where the test holds", and fails when it lies
//! wholly in "outside the area, or where the test fails". An area no place
//! is surely in decides nothing.
//!
//! Tests that read a position as discs (whose area it lies in by the
//! areas the rulebook gives, a crossing, an authorisation's radius, a
//! distance to another uncertain position) read the area as the discs that
//! cover it, as they read a bearing.

use std::borrow::Cow;

use geo::{BoundingRect, Distance, Haversine, MultiPolygon, Point as GeoPoint};

use super::whole::{AREA_BUDGET, MAX_RADIUS_M, NeedsParty, Node, Places, PolyKey};
use crate::check::sides::METRES_PER_DEGREE;
use crate::check::{LineShape, PartyIdx, Role, Rulebook, ZoneExpr};
use crate::eval::truth::Truth;
use crate::eval::verdict::{Declared, Doubt};
use crate::events::{Area, Point, Position};

/// The most discs an area is covered by, as a bearing is.
const MAX_DISCS: usize = 64;
/// The most parts of zones read to bound an area (zones naming zones).
const MAX_PARTS: usize = 4096;

/// A test as a question over places, for an act by a party.
pub(in crate::eval) type Question<'a> =
    dyn Fn(&mut Places<'a>, Option<PartyIdx>) -> Result<Ask, NeedsParty> + 'a;

/// What a test asks of the places of an area: where it surely holds, and
/// where it surely fails.
pub(in crate::eval) struct Ask {
    pub holds: Node,
    pub fails: Node,
}

/// The area, under `rulebook`, for an act by `party`: the question
/// "is a place in it", and a disc round it.
fn ground<'a>(
    area: &'a Area,
    rulebook: &'a Rulebook,
    places: &mut Places<'a>,
    party: Option<PartyIdx>,
) -> Result<Result<(Node, Point), Doubt>, NeedsParty> {
    let mut inside: Option<Node> = None;
    let mut bounds = Rect::WORLD;
    let mut join = |node: Node, rect: Option<Rect>| {
        inside = Some(match inside.take() {
            Some(n) => n.and(node),
            None => node,
        });
        if let Some(r) = rect {
            bounds = bounds.meet(r);
        }
    };
    let mut bounded = false;
    if let Some(name) = &area.zone {
        let Some(zone) = rulebook.zones.iter().position(|z| *z.name == **name) else {
            return Ok(Err(Doubt::AreaUndeclared {
                what: Declared::Zone,
                name: name.clone(),
            }));
        };
        let rect = zone_rect(rulebook, &rulebook.zones[zone].shape, &mut 0);
        bounded |= rect.is_some();
        join(places.zone(zone, party)?, rect);
    }
    if let Some(square) = &area.square {
        bounded = true;
        join(
            places.polygon(PolyKey::Event, &square.polygon),
            polygon_rect(&square.polygon),
        );
    }
    if let Some(side) = &area.side {
        let undeclared = || Doubt::AreaUndeclared {
            what: Declared::Line,
            name: side.line.clone(),
        };
        let Some(line) = rulebook.lines.iter().position(|l| *l.name == *side.line) else {
            return Ok(Err(undeclared()));
        };
        let l = &rulebook.lines[line];
        let (Some(geometry), Some(which)) = (
            l.drawn(),
            crate::eval::findings::side_of(rulebook, line, &side.side),
        ) else {
            return Ok(Err(undeclared()));
        };
        bounded = true;
        let rect = line_rect(geometry).map(|r| r.grown(side.within_m));
        let node = places
            .side(line, which, true)
            .and(places.near(line, side.within_m));
        join(node, rect);
    }
    let inside = inside.expect("an area has a part");
    if !bounded {
        return Ok(Err(Doubt::AreaUnbounded));
    }
    Ok(bounds
        .disc()
        .map(|disc| (inside, disc))
        .ok_or(Doubt::Area { split: false }))
}

/// An area read under a rulebook, ready to be asked questions.
pub(in crate::eval) struct Judge<'a> {
    pub places: Places<'a>,
    inside: Node,
    bounds: Point,
}

impl<'a> Judge<'a> {
    /// The area for an act by `party`; why it cannot be read, when no
    /// place is surely in it.
    pub fn new(
        area: &'a Area,
        rulebook: &'a Rulebook,
        party: Option<PartyIdx>,
    ) -> Result<Result<Judge<'a>, Doubt>, NeedsParty> {
        let mut places = Places::new(rulebook);
        let (inside, bounds) = match ground(area, rulebook, &mut places, party)? {
            Ok(g) => g,
            Err(doubt) => return Ok(Err(doubt)),
        };
        if !places.witness(&inside, &bounds, AREA_BUDGET) {
            return Ok(Err(open()));
        }
        Ok(Ok(Judge {
            places,
            inside,
            bounds,
        }))
    }

    /// `Ok(true)` when the test holds on every place of the area,
    /// `Ok(false)` when it fails on every place, otherwise why not.
    pub fn decide(&self, ask: Ask) -> Result<bool, Doubt> {
        let Ask { holds, fails } = ask;
        let places = &self.places;
        let yes = places.certify(
            &self.inside.clone().not().or(holds),
            &self.bounds,
            AREA_BUDGET,
        );
        if yes.truth == Truth::True {
            return Ok(true);
        }
        let no = places.certify(
            &self.inside.clone().not().or(fails),
            &self.bounds,
            AREA_BUDGET,
        );
        if no.truth == Truth::True {
            return Ok(false);
        }
        // Somewhere in the area the test surely fails, and somewhere it holds.
        let somewhere = |c: super::whole::Certified| c.truth == Truth::False || c.split;
        Err(Doubt::Area {
            split: somewhere(yes) && somewhere(no),
        })
    }

    /// At most `most` discs covering the area.
    fn cover(&self, most: usize) -> Vec<Point> {
        self.places
            .cover(&self.inside, &self.bounds, most, AREA_BUDGET)
    }
}

/// Decides a test on the area: `Ok(true)` when it holds on every place of
/// it, `Ok(false)` when it fails on every place, otherwise why not. For an
/// act of unknown origin, a zone that depends on whose act it is must give
/// one answer for every party.
pub(in crate::eval) fn decide<'a>(
    area: &'a Area,
    rulebook: &'a Rulebook,
    party: Option<PartyIdx>,
    ask: &Question<'a>,
) -> Result<bool, Doubt> {
    let once = |party| -> Result<Result<bool, Doubt>, NeedsParty> {
        let mut judge = match Judge::new(area, rulebook, party)? {
            Ok(j) => j,
            Err(doubt) => return Ok(Err(doubt)),
        };
        let ask = ask(&mut judge.places, party)?;
        Ok(judge.decide(ask))
    };
    match once(party) {
        Ok(answer) => answer,
        Err(NeedsParty) => {
            let answers: Vec<Result<bool, Doubt>> = parties(rulebook)
                .map(|p| once(Some(p)).unwrap_or(Err(open())))
                .collect();
            let first = answers.first().cloned().unwrap_or(Err(open()));
            if first.is_ok() && answers.iter().all(|a| *a == first) {
                return first;
            }
            let split = answers
                .iter()
                .any(|a| matches!(a, Err(Doubt::Area { split: true })));
            Err(Doubt::Area { split })
        }
    }
}

fn open() -> Doubt {
    Doubt::Area { split: false }
}

fn parties(rulebook: &Rulebook) -> impl Iterator<Item = PartyIdx> + '_ {
    (0..rulebook.parties.len())
        .filter(|&i| rulebook.parties[i].role == Role::Party)
        .map(|i| i as PartyIdx)
}

/// The discs that cover every place a position may be: a fix's one disc,
/// a bearing's discs, or discs covering an area (at most [`MAX_DISCS`],
/// every one of them reaching into it).
pub(in crate::eval) fn discs<'p>(
    pos: &'p Position,
    rulebook: &Rulebook,
    party: Option<PartyIdx>,
) -> Result<Cow<'p, [Point]>, Doubt> {
    let Position::Area(area) = pos else {
        return Ok(pos.discs().expect("a fix or a bearing has discs"));
    };
    let judge = match Judge::new(area, rulebook, party) {
        Ok(Ok(judge)) => judge,
        Ok(Err(doubt)) => return Err(doubt),
        Err(NeedsParty) => return Err(open()),
    };
    let cover = judge.cover(MAX_DISCS);
    if cover.is_empty() {
        return Err(open());
    }
    Ok(Cow::Owned(cover))
}

/// A box of longitudes and latitudes, west to east, south to north.
#[derive(Debug, Clone, Copy)]
struct Rect {
    west: f64,
    south: f64,
    east: f64,
    north: f64,
}

impl Rect {
    const WORLD: Rect = Rect {
        west: -180.0,
        south: -90.0,
        east: 180.0,
        north: 90.0,
    };

    fn meet(self, o: Rect) -> Rect {
        Rect {
            west: self.west.max(o.west),
            south: self.south.max(o.south),
            east: self.east.min(o.east),
            north: self.north.min(o.north),
        }
    }

    fn join(self, o: Rect) -> Rect {
        Rect {
            west: self.west.min(o.west),
            south: self.south.min(o.south),
            east: self.east.max(o.east),
            north: self.north.max(o.north),
        }
    }

    /// Grown by `metres` all round (a degree of longitude taken at its
    /// narrowest within the box).
    fn grown(self, metres: f64) -> Rect {
        let dlat = metres / METRES_PER_DEGREE;
        let widest = (self.north.abs().max(self.south.abs()) + dlat).min(89.0);
        let dlon = metres / (METRES_PER_DEGREE * widest.to_radians().cos());
        Rect {
            west: (self.west - dlon).max(-180.0),
            south: (self.south - dlat).max(-90.0),
            east: (self.east + dlon).min(180.0),
            north: (self.north + dlat).min(90.0),
        }
    }

    /// A disc round the box: from its middle to the farthest of points
    /// along its edges, with room to spare; `None` for an empty box or one
    /// too large to cut into cells.
    fn disc(self) -> Option<Point> {
        if self.west > self.east || self.south > self.north {
            return None;
        }
        let centre = GeoPoint::new(
            (self.west + self.east) / 2.0,
            (self.south + self.north) / 2.0,
        );
        let mut reach: f64 = 0.0;
        for k in 0..=16 {
            let t = f64::from(k) / 16.0;
            let lon = self.west + t * (self.east - self.west);
            let lat = self.south + t * (self.north - self.south);
            for p in [
                GeoPoint::new(lon, self.south),
                GeoPoint::new(lon, self.north),
                GeoPoint::new(self.west, lat),
                GeoPoint::new(self.east, lat),
            ] {
                reach = reach.max(Haversine.distance(centre, p));
            }
        }
        let radius = reach * 1.01 + 1.0;
        (radius <= MAX_RADIUS_M).then_some(Point {
            lat: centre.y(),
            lon: centre.x(),
            accuracy: radius,
        })
    }
}

fn polygon_rect(p: &MultiPolygon) -> Option<Rect> {
    p.bounding_rect().map(|r| Rect {
        west: r.min().x,
        south: r.min().y,
        east: r.max().x,
        north: r.max().y,
    })
}

fn line_rect(l: &geo::MultiLineString) -> Option<Rect> {
    l.bounding_rect().map(|r| Rect {
        west: r.min().x,
        south: r.min().y,
        east: r.max().x,
        north: r.max().y,
    })
}

/// A box holding every place of a zone; `None` when it has no bound (`not
/// dmz`), whatever the party, or too many parts to read.
fn zone_rect(rulebook: &Rulebook, e: &ZoneExpr, parts: &mut usize) -> Option<Rect> {
    *parts += 1;
    if *parts > MAX_PARTS {
        return None;
    }
    match e {
        ZoneExpr::Buffer { line, metres, .. } => {
            let drawn: Vec<usize> = match &rulebook.lines[*line].shape {
                LineShape::Drawn(_) => vec![*line],
                LineShape::PerParty(parts) => parts.iter().map(|(_, i)| *i).collect(),
            };
            drawn
                .iter()
                .filter_map(|i| rulebook.lines[*i].drawn().and_then(line_rect))
                .reduce(Rect::join)
                .map(|r| r.grown(*metres))
        }
        ZoneExpr::Around {
            lon, lat, metres, ..
        } => Some(
            Rect {
                west: *lon,
                south: *lat,
                east: *lon,
                north: *lat,
            }
            .grown(*metres),
        ),
        ZoneExpr::Polygon(p, _) => polygon_rect(p),
        ZoneExpr::Zone(i) => zone_rect(rulebook, &rulebook.zones[*i].shape, parts),
        ZoneExpr::And(a, b) => match (zone_rect(rulebook, a, parts), zone_rect(rulebook, b, parts))
        {
            (Some(x), Some(y)) => Some(x.meet(y)),
            (Some(x), None) | (None, Some(x)) => Some(x),
            (None, None) => None,
        },
        ZoneExpr::Or(a, b) => {
            Some(zone_rect(rulebook, a, parts)?.join(zone_rect(rulebook, b, parts)?))
        }
        ZoneExpr::Not(_) => None,
    }
}

impl<'a> crate::eval::cond::Env<'a> {
    /// A test on a position known only as an area, decided on the whole
    /// of it; the fact says it was an area, and why it stayed open.
    pub(in crate::eval) fn area_step(
        &self,
        cond: &crate::check::Cond,
        e: &'a crate::events::Event,
        field: &'static str,
        shown: crate::eval::Shown,
        area: &'a Area,
        ask: &Question<'a>,
    ) -> crate::eval::verdict::Step {
        let answer = decide(area, self.rulebook, e.party, ask);
        let mut fact = self.fact(e, field, shown, None);
        let truth = match &answer {
            Ok(holds) => {
                fact.note = Some(crate::eval::verdict::Note::Area { holds: *holds });
                Truth::from(*holds)
            }
            Err(_) => Truth::Unknown,
        };
        let mut step = crate::eval::verdict::Step::leaf(cond.text.clone(), truth, vec![fact]);
        step.doubt = answer.err();
        step
    }

    /// The discs covering a position, or why an area cannot be read here.
    pub(in crate::eval) fn discs_of<'p>(
        &self,
        pos: &'p Position,
        party: Option<PartyIdx>,
    ) -> Result<Cow<'p, [Point]>, Doubt> {
        discs(pos, self.rulebook, party)
    }
}
