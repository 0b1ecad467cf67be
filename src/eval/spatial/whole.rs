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

mod cells;
mod frame;
mod search;

use geo::MultiPolygon;

use super::zone::{drawn_line, wanted_side};
use crate::check::{LineShape, Overlay, PartyIdx, Role, Rulebook, Side, SideSel, ZoneExpr};
use crate::eval::truth::Truth;
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
            (Atom::Near { .. } | Atom::Disc { .. } | Atom::Polygon { .. }, _) => false,
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
            ZoneExpr::Around {
                lon, lat, metres, ..
            } => self.disc(*lon, *lat, *metres),
            ZoneExpr::Polygon(p, _) => {
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
            | ZoneExpr::Polygon(..) => false,
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
