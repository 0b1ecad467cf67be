//! Zone membership: bands along lines (one side or both), discs and
//! polygons, combined in three-valued logic; lines resolved per party.
//!
//! An uncertain position that straddles an edge is unknown, never a guess,
//! and stays unknown through every `and`, `or` and `not`.

use geo::Contains;

use super::space::{self, between, side_indexed, within_limit};
use crate::check::{LineShape, PartyIdx, Rulebook, Side, SideSel, ZoneExpr};
use crate::eval::computed::{BandLimit, Computed, Whose};
use crate::eval::truth::Truth;
use crate::eval::verdict::Doubt;
use crate::events::Point;
use crate::name::Name;

/// Whether a point lies in a zone, with what was computed to decide it.
#[derive(Clone)]
pub struct Membership {
    pub truth: Truth,
    pub computed: Computed,
    /// Why it could not be decided, when it could not.
    pub doubt: Option<Doubt>,
    /// Decided on the zone as a whole, where its parts one by one left it
    /// open (see `whole.rs`).
    pub whole: bool,
}

/// Where a point lies against the lines read so far for the event being
/// judged, by its coordinates and the drawn line: the side and the distance
/// in metres (`None`: the line has no segments). Zones drawn along one line
/// (a 5 km band and a 25 km band of the same front) then measure the
/// distance to it once.
pub type LineReadings = std::cell::RefCell<crate::name::FastMap<LineKey, LineReading>>;

/// A point's latitude and longitude, as bits, and a drawn line's index.
type LineKey = (u64, u64, usize);

/// The side of a line a point lies on, and its distance from it.
type LineReading = Option<(Option<Side>, f64)>;

/// Decides whether `p` lies in zone `zone`, for an act by `party` (per-party
/// lines and `own` sides need it): part by part, and where that leaves a
/// combined zone open, on the zone as a whole.
pub fn in_zone(p: &Point, zone: usize, party: Option<PartyIdx>, rulebook: &Rulebook) -> Membership {
    in_zone_within(p, zone, party, rulebook, super::whole::ZONE_BUDGET)
}

/// [`in_zone`], reading at most `budget` cells to decide the zone as a
/// whole (none: part by part only).
pub fn in_zone_within(
    p: &Point,
    zone: usize,
    party: Option<PartyIdx>,
    rulebook: &Rulebook,
    budget: u32,
) -> Membership {
    in_zone_reading(p, zone, party, rulebook, budget, None)
}

/// [`in_zone`], measuring against each line once for all the zones asked
/// of the point while `lines` is kept.
pub fn in_zone_seen(
    p: &Point,
    zone: usize,
    party: Option<PartyIdx>,
    rulebook: &Rulebook,
    lines: &LineReadings,
) -> Membership {
    in_zone_reading(
        p,
        zone,
        party,
        rulebook,
        super::whole::ZONE_BUDGET,
        Some(lines),
    )
}

fn in_zone_reading(
    p: &Point,
    zone: usize,
    party: Option<PartyIdx>,
    rulebook: &Rulebook,
    budget: u32,
    lines: Option<&LineReadings>,
) -> Membership {
    let mut m = by_parts(p, zone, party, rulebook, lines);
    if m.truth == Truth::Unknown
        && budget > 0
        && super::whole::combined(rulebook, zone)
        && let Some(truth) = super::whole::decide(p, zone, party, rulebook, budget)
    {
        m.truth = truth;
        m.doubt = None;
        m.whole = true;
    }
    m
}

/// Whether `p` lies in zone `zone`, and nothing else: as [`in_zone`], but
/// with no notes or reasons worded, for callers that read only the truth
/// (whose area a place lies in, asked of every party's area per event).
pub fn in_zone_truth(
    p: &Point,
    zone: usize,
    party: Option<PartyIdx>,
    rulebook: &Rulebook,
) -> Truth {
    let cx = Cx {
        rulebook,
        party,
        p,
        why: Default::default(),
        quiet: true,
        lines: None,
    };
    let truth = cx.zone(zone, &mut Vec::new());
    if truth == Truth::Unknown
        && super::whole::combined(rulebook, zone)
        && let Some(whole) =
            super::whole::decide(p, zone, party, rulebook, super::whole::ZONE_BUDGET)
    {
        return whole;
    }
    truth
}

/// Part by part: each band, disc and polygon on its own, combined in
/// three-valued logic.
fn by_parts(
    p: &Point,
    zone: usize,
    party: Option<PartyIdx>,
    rulebook: &Rulebook,
    lines: Option<&LineReadings>,
) -> Membership {
    let mut notes = Vec::new();
    let cx = Cx {
        rulebook,
        party,
        p,
        why: Default::default(),
        quiet: false,
        lines,
    };
    let truth = cx.zone(zone, &mut notes);
    // A combined zone may test the same band twice; say it once.
    if notes.len() > 1 {
        let mut kept: Vec<Computed> = Vec::with_capacity(notes.len());
        for n in notes.drain(..) {
            if !kept.contains(&n) {
                kept.push(n);
            }
        }
        notes = kept;
    }
    let doubt =
        (truth == Truth::Unknown).then(|| cx.why.into_inner().unwrap_or(Doubt::PositionUncertain));
    Membership {
        truth,
        // One shape, as most zones are: its note alone.
        computed: match notes.len() {
            1 => notes.pop().expect("one note"),
            _ => Computed::Parts { parts: notes },
        },
        doubt,
        whole: false,
    }
}

struct Cx<'a> {
    rulebook: &'a Rulebook,
    party: Option<PartyIdx>,
    p: &'a Point,
    /// The first reason a part of the zone could not be decided.
    why: std::cell::RefCell<Option<Doubt>>,
    /// Read the truth only: word no notes and no reasons.
    quiet: bool,
    /// The lines already measured from this point, when kept.
    lines: Option<&'a LineReadings>,
}

impl Cx<'_> {
    fn zone(&self, zone: usize, notes: &mut Vec<Computed>) -> Truth {
        let z = &self.rulebook.zones[zone];
        // A zone that is one shape is named in its note; the parts of a
        // combined zone give their own limits.
        let whole = matches!(
            z.shape,
            ZoneExpr::Buffer { .. } | ZoneExpr::Around { .. } | ZoneExpr::Polygon(..)
        );
        let owner = Owner {
            name: &z.name,
            whole,
        };
        self.expr(&z.shape, owner, notes)
    }

    /// Records why a part is unknown (the first reason is the one shown).
    fn unknown(&self, truth: Truth, why: impl FnOnce() -> Doubt) -> Truth {
        if truth == Truth::Unknown && !self.quiet {
            self.why.borrow_mut().get_or_insert_with(why);
        }
        truth
    }

    fn expr(&self, e: &ZoneExpr, owner: Owner<'_>, notes: &mut Vec<Computed>) -> Truth {
        match e {
            ZoneExpr::Buffer { line, metres, side } => {
                let (truth, note) = self.buffer(*line, *metres, *side, owner);
                notes.extend(note);
                truth
            }
            ZoneExpr::Around {
                lon, lat, metres, ..
            } => {
                let centre = Point {
                    lat: *lat,
                    lon: *lon,
                    accuracy: 0.0,
                };
                let d = between(self.p, &centre);
                if !self.quiet {
                    notes.push(Computed::Around {
                        distance_m: d,
                        lon: *lon,
                        lat: *lat,
                        accuracy_m: self.p.accuracy,
                        limit: owner.limit(*metres, None),
                    });
                }
                let truth = within_limit(d, self.p.accuracy, *metres);
                self.unknown(truth, || edge_within(self.p, owner.name))
            }
            ZoneExpr::Polygon(polygons, _) => {
                let (truth, note) = polygon(self.p, polygons, owner, self.quiet);
                notes.extend(note);
                self.unknown(truth, || edge_within(self.p, owner.name))
            }
            ZoneExpr::Zone(i) => self.zone(*i, notes),
            // The second part is read only if the first leaves the answer open.
            ZoneExpr::And(a, b) => match self.expr(a, owner, notes) {
                Truth::False => Truth::False,
                first => first.and(self.expr(b, owner, notes)),
            },
            ZoneExpr::Or(a, b) => match self.expr(a, owner, notes) {
                Truth::True => Truth::True,
                first => first.or(self.expr(b, owner, notes)),
            },
            ZoneExpr::Not(a) => self.expr(a, owner, notes).negated(),
        }
    }

    fn buffer(
        &self,
        line: usize,
        metres: f64,
        sel: SideSel,
        owner: Owner<'_>,
    ) -> (Truth, Option<Computed>) {
        let per_party = matches!(self.rulebook.lines[line].shape, LineShape::PerParty(_));
        if self.party.is_none() && (per_party || sel == SideSel::Own) {
            return self.whoever(line, metres, sel, owner);
        }
        let drawn = match drawn_line(self.rulebook, line, self.party) {
            Ok(d) => d,
            Err(why) => {
                let note = Computed::Unknown { why: why.clone() };
                self.unknown(Truth::Unknown, || why);
                return (Truth::Unknown, Some(note));
            }
        };
        let l = &self.rulebook.lines[drawn.index];
        let Some((at, d)) = self.reading(drawn.index) else {
            let why = Doubt::NoSegments {
                line: Name::from(&*l.name),
            };
            let note = Computed::Unknown { why: why.clone() };
            self.unknown(Truth::Unknown, || why);
            return (Truth::Unknown, Some(note));
        };
        let near = within_limit(d, self.p.accuracy, metres);
        let wanted = match wanted_side(self.rulebook, drawn.index, sel, self.party) {
            Ok(w) => w,
            Err(why) => {
                let note = Computed::Unknown { why: why.clone() };
                self.unknown(Truth::Unknown, || why);
                return (Truth::Unknown, Some(note));
            }
        };
        let on_side = match (wanted, at) {
            (None, _) => Truth::True,
            (Some(_), None) => Truth::Unknown,
            (Some(_), Some(_)) if d <= self.p.accuracy => Truth::Unknown,
            (Some(w), Some(at)) => Truth::from(w == at),
        };
        self.unknown(near, || edge_within(self.p, owner.name));
        self.unknown(on_side, || {
            let line = l.name.as_str().into();
            match at {
                None => Doubt::BeyondLine { line },
                Some(_) => Doubt::NearLine { line },
            }
        });
        if self.quiet {
            return (near.and(on_side), None);
        }
        let limit_side = wanted.map(|w| side_name(self.rulebook, drawn.index, w));
        let note = Computed::Band {
            distance_m: d,
            line: Name::from(l.name.as_str()),
            whose: drawn.whose,
            side: at.map(|s| side_name(self.rulebook, drawn.index, s)),
            accuracy_m: self.p.accuracy,
            limit: owner.limit(metres, limit_side),
        };
        (near.and(on_side), Some(note))
    }
}

impl Cx<'_> {
    /// The side of drawn line `line` the point lies on and its distance,
    /// measured once while the readings are kept.
    fn reading(&self, line: usize) -> LineReading {
        let l = &self.rulebook.lines[line];
        let geometry = l.drawn().expect("resolved to a drawn line");
        let measure = || side_indexed(self.p, geometry, l.index.as_ref(), l.extended);
        let Some(seen) = self.lines else {
            return measure();
        };
        let key = (self.p.lat.to_bits(), self.p.lon.to_bits(), line);
        if let Some(reading) = seen.borrow().get(&key) {
            return *reading;
        }
        let reading = measure();
        seen.borrow_mut().insert(key, reading);
        reading
    }

    /// A band that depends on the actor's party, for an act of unknown
    /// origin: decided if every party's band gives the same answer.
    fn whoever(
        &self,
        line: usize,
        metres: f64,
        sel: SideSel,
        owner: Owner<'_>,
    ) -> (Truth, Option<Computed>) {
        let parties = (0..self.rulebook.parties.len())
            .filter(|&i| self.rulebook.parties[i].role == crate::check::Role::Party)
            .map(|i| i as PartyIdx);
        let readings: Vec<(Truth, Option<Computed>)> = parties
            .map(|p| {
                let cx = Cx {
                    rulebook: self.rulebook,
                    party: Some(p),
                    p: self.p,
                    why: Default::default(),
                    quiet: self.quiet,
                    lines: self.lines,
                };
                cx.buffer(line, metres, sel, owner)
            })
            .collect();
        let truth = Truth::agreed(readings.iter().map(|(t, _)| *t));
        let truth_only = self.quiet;
        let notes: Vec<Computed> = readings.into_iter().filter_map(|(_, n)| n).collect();
        if truth == Truth::Unknown {
            self.unknown(truth, || Doubt::PartyDecides);
        }
        let note = (!truth_only).then_some(Computed::Whoever { readings: notes });
        (truth, note)
    }
}

/// A drawn line resolved for a party, and whose it is when it is one
/// party's own reference line.
pub struct Drawn {
    pub index: usize,
    pub whose: Option<Whose>,
}

/// The drawn line a line stands for when `party` acts: itself, or that
/// party's own reference line.
pub fn drawn_line(
    rulebook: &Rulebook,
    line: usize,
    party: Option<PartyIdx>,
) -> Result<Drawn, Doubt> {
    let l = &rulebook.lines[line];
    // A group measures from the line of the party it is under.
    let party = party.map(|p| crate::eval::article::answering(rulebook, p));
    match &l.shape {
        LineShape::Drawn(_) => Ok(Drawn {
            index: line,
            whose: None,
        }),
        LineShape::PerParty(parts) => {
            let Some(party) = party else {
                return Err(Doubt::LineByParty {
                    line: Name::from(&*l.name),
                });
            };
            let id = &rulebook.parties[usize::from(party)].id;
            parts
                .iter()
                .find(|(p, _)| *p == party)
                .map(|(_, i)| Drawn {
                    index: *i,
                    whose: Some(Whose {
                        party: id.clone(),
                        under: Name::from(&*l.name),
                    }),
                })
                .ok_or_else(|| Doubt::NoLineFor {
                    line: Name::from(&*l.name),
                    party: id.clone(),
                })
        }
    }
}

/// The side a selector means on a drawn line; `None` for both sides.
pub fn wanted_side(
    rulebook: &Rulebook,
    line: usize,
    sel: SideSel,
    party: Option<PartyIdx>,
) -> Result<Option<Side>, Doubt> {
    let l = &rulebook.lines[line];
    let party = party.map(|p| crate::eval::article::answering(rulebook, p));
    let side = match sel {
        SideSel::Each => return Ok(None),
        SideSel::Compass(c) => l.towards(c),
        SideSel::Party(p) => l.held_by(p),
        SideSel::Own => {
            let Some(p) = party else {
                return Err(Doubt::OwnSideUnknown);
            };
            let held = l.held_by(p);
            if held.is_none() {
                let id = &rulebook.parties[usize::from(p)].id;
                return Err(Doubt::HoldsNoSide {
                    party: id.clone(),
                    line: Name::from(&*l.name),
                });
            }
            held
        }
    };
    // The checker made sure every named side exists.
    Ok(side)
}

/// A side named as a reader knows it: by the party that holds it, else by
/// the compass point it faces.
pub fn side_name(rulebook: &Rulebook, line: usize, side: Side) -> Name {
    let l = &rulebook.lines[line];
    let mut holders = l.held.iter().filter(|(_, s)| *s == side);
    let id = |p: PartyIdx| rulebook.parties[usize::from(p)].id.clone();
    match (holders.next(), holders.next()) {
        // One holder, as most lines have: its name, shared.
        (Some((p, _)), None) => return id(*p),
        (Some((p, _)), Some((q, _))) => {
            let mut names = vec![id(*p), id(*q)];
            names.extend(holders.map(|(p, _)| id(*p)));
            return Name::from(names.join("/"));
        }
        (None, _) => {}
    }
    let word = l
        .compass
        .iter()
        .zip(["north", "south", "east", "west"])
        .find(|(s, _)| **s == Some(side))
        .map_or(
            match side {
                Side::Left => "left",
                Side::Right => "right",
            },
            |(_, w)| w,
        );
    Name::from(word)
}

fn edge_within(p: &Point, owner: &str) -> Doubt {
    Doubt::ZoneEdge {
        zone: owner.into(),
        accuracy_m: p.accuracy,
    }
}

/// The zone a shape belongs to, and whether the shape is the whole of it.
#[derive(Clone, Copy)]
struct Owner<'a> {
    name: &'a str,
    whole: bool,
}

impl Owner<'_> {
    /// The limit a band or disc of this zone sets.
    fn limit(self, metres: f64, side: Option<Name>) -> BandLimit {
        BandLimit {
            zone: Name::from(self.name),
            whole: self.whole,
            metres,
            side,
        }
    }
}

/// Whether the position lies surely more than its uncertainty from the
/// polygons, judged by their box of longitudes and latitudes alone, where
/// that is sound on the sphere: an edge, a great-circle arc, never leaves
/// the longitudes of its ends (for ends less than 180 degrees apart), but
/// bows towards the pole, beyond its ends' latitudes. So the box rules out
/// a position east or west of it away from the poles and the 180th
/// meridian, and one on its side towards the equator; nothing else.
/// Margins are generous: a degree of latitude taken as 110 km, of
/// longitude as that times the cosine of the latitude furthest from the
/// equator the position may be.
fn far_from_box(p: &Point, polygons: &geo::MultiPolygon) -> bool {
    use geo::BoundingRect;
    let Some(bbox) = polygons.bounding_rect() else {
        return true;
    };
    let (south, north) = (bbox.min().y, bbox.max().y);
    let (west, east) = (bbox.min().x, bbox.max().x);
    let dlat = p.accuracy / 110_000.0;
    if (south >= 0.0 && p.lat + dlat < south) || (north <= 0.0 && p.lat - dlat > north) {
        return true;
    }
    let furthest = p.lat.abs() + dlat;
    if furthest >= 80.0 || east - west >= 180.0 {
        return false;
    }
    let dlon = dlat / furthest.to_radians().cos();
    // Beyond 10 degrees, a degree's sine falls short of the margin's slack.
    let near_antimeridian = |lon: f64| lon - dlon <= -180.0 || lon + dlon >= 180.0;
    if dlon > 10.0 || near_antimeridian(p.lon) || near_antimeridian(west) || near_antimeridian(east)
    {
        return false;
    }
    p.lon + dlon < west || p.lon - dlon > east
}

fn polygon(
    p: &Point,
    polygons: &geo::MultiPolygon,
    owner: Owner<'_>,
    quiet: bool,
) -> (Truth, Option<Computed>) {
    if quiet && far_from_box(p, polygons) {
        return (Truth::False, None);
    }
    let inside = polygons.contains(&space::geo(p));
    // Every ring counts as an edge: the outer boundary and any holes.
    let edge = space::distance_to_rings(p, polygons);
    let truth = match (inside, edge <= p.accuracy) {
        (_, true) => Truth::Unknown,
        (true, false) => Truth::True,
        (false, false) => Truth::False,
    };
    let note = (!quiet).then(|| Computed::Polygon {
        inside,
        zone: Name::from(owner.name),
        whole: owner.whole,
        edge_m: edge,
        accuracy_m: p.accuracy,
    });
    (truth, note)
}
