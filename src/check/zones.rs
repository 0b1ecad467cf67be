//! Zones: bands along lines (on one side or both), discs around points,
//! polygons, and other zones combined with `and`, `or` and `not`.

use super::Checker;
use super::err::{
    BadGeometry, BadSide, Problem, Repeated, SelfReference, Sort, TooComplex, WrongKind, WrongRole,
};
use super::geometry::{Shapes, geometry_span, written_span};
use super::rulebook::{ContainedPoint, Line, LineShape, PartyIdx, SideSel, Zone, ZoneExpr};
use super::symbols::Kind;
use crate::ast::{self, BinOp, Declaration, Expr, SExpr, SideRef};
use crate::span::Spanned;

impl Checker {
    pub(super) fn zones(&mut self, ast: &ast::Rulebook) -> Vec<Zone> {
        let mut zones = Vec::new();
        let mut spans = Vec::new();
        for decl in &ast.declarations {
            let Declaration::Zone(d) = decl else { continue };
            if !self.is_declared(&d.name) {
                continue;
            }
            if d.locality {
                // Events name a locality; no condition need.
                self.symbols.resolve_named(&d.name.node, Kind::Zone);
            }
            let shape = self.zone_expr(&d.shape);
            let empty = || ZoneExpr::Polygon(geo::MultiPolygon::new(vec![]), d.shape.span.clone());
            let contains = self.contained(&d.contains);
            zones.push(Zone {
                name: d.name.node.clone(),
                shape: shape.unwrap_or_else(empty),
                span: d.name.span.clone(),
                contains,
                overlay: None,
            });
            spans.push(d.name.clone());
        }
        self.zone_cycles(&zones, &spans);
        zones
    }

    /// `area UA = ...`: each party's area, kept as a zone of its own
    /// ("area of UA", which no condition can name), by party.
    pub(super) fn areas(
        &mut self,
        ast: &ast::Rulebook,
        zones: &mut Vec<Zone>,
    ) -> Vec<(PartyIdx, usize)> {
        let mut areas: Vec<(PartyIdx, usize)> = Vec::new();
        for decl in &ast.declarations {
            let Declaration::Area(d) = decl else { continue };
            let party = match self.symbols.resolve(&d.party.span, &[Kind::Party]) {
                Ok((_, p)) => p as PartyIdx,
                Err(e) => {
                    self.error(e);
                    continue;
                }
            };
            if let Some(role) = self.roles.get(&d.party.node).filter(|r| !r.is_bound()) {
                let problem = WrongRole::NotBound {
                    name: d.party.node.to_string(),
                    role: *role,
                };
                let help = "an area is the ground a party (or a group under one) holds";
                self.error(problem.at(&d.party.span, "here").help(help));
                continue;
            }
            if areas.iter().any(|(p, _)| *p == party) {
                let problem = Repeated::Areas {
                    party: d.party.node.to_string(),
                };
                let help = "join them into one: `area X = polygon ... or polygon ...`";
                self.error(problem.at(&d.party.span, "again here").help(help));
                continue;
            }
            let contains = self.contained(&d.contains);
            let Some(shape) = self.zone_expr(&d.shape) else {
                continue;
            };
            zones.push(Zone {
                name: format!("area of {}", d.party.node),
                shape,
                span: d.party.span.clone(),
                contains,
                overlay: None,
            });
            areas.push((party, zones.len() - 1));
        }
        areas
    }

    /// `contains (lon, lat) "label", ...`, each point checked as a
    /// longitude and latitude.
    fn contained(&mut self, points: &[ast::Contained]) -> Vec<ContainedPoint> {
        points
            .iter()
            .filter(|c| self.lon_lat(&c.point.span, c.point.node.0, c.point.node.1))
            .map(|c| ContainedPoint {
                lon: c.point.node.0,
                lat: c.point.node.1,
                written: c.point.span.text().to_owned(),
                label: c.label.as_ref().map(|l| l.node.clone()),
                span: c.span.clone(),
            })
            .collect()
    }

    fn zone_expr(&mut self, e: &SExpr) -> Option<ZoneExpr> {
        match &e.node {
            Expr::Buffer {
                distance,
                reference,
                side,
            } => self.buffer(distance, reference, side.as_ref()),
            Expr::Polygon(source) => match self.shapes(source, true)? {
                Shapes::Polygons(p) => Some(ZoneExpr::Polygon(p, written_span(source, &e.span))),
                Shapes::Lines(_) => {
                    let span = geometry_span(source, &e.span);
                    let help = "a polygon zone needs a Polygon or MultiPolygon; for a band along a line write `within 2 km of LINE`";
                    self.error(BadGeometry::LineAsArea.at(&span, "here").help(help));
                    None
                }
            },
            Expr::Between { first, second } => Some(ZoneExpr::Polygon(
                self.between(first, second, &e.span)?,
                e.span.clone(),
            )),
            Expr::Inside(line) => Some(ZoneExpr::Polygon(self.inside(line)?, e.span.clone())),
            Expr::Path(p) if p.segments.len() == 1 => {
                let (_, zone) = self
                    .symbols
                    .resolve(&e.span, &[Kind::Zone])
                    .map_err(|err| self.error(err))
                    .ok()?;
                Some(ZoneExpr::Zone(zone))
            }
            Expr::Not(inner) => Some(ZoneExpr::Not(Box::new(self.zone_expr(inner)?))),
            Expr::Binary { op, lhs, rhs } if matches!(op.node, BinOp::And | BinOp::Or) => {
                let (l, r) = (self.zone_expr(lhs), self.zone_expr(rhs));
                let (l, r) = (Box::new(l?), Box::new(r?));
                Some(match op.node {
                    BinOp::And => ZoneExpr::And(l, r),
                    _ => ZoneExpr::Or(l, r),
                })
            }
            _ => {
                let problem = WrongKind::Not {
                    text: e.span.text().to_owned(),
                    wanted: Sort::Zone,
                };
                let help = "build a zone from `within D of LINE`, `within D of (lon, lat)`, `polygon ...`, `between A and B`, `inside L` and other zones, joined by `and`, `or` and `not`";
                self.error(problem.at(&e.span, "not a zone").help(help));
                None
            }
        }
    }

    fn buffer(
        &mut self,
        distance: &Spanned<ast::Quantity>,
        reference: &SExpr,
        side: Option<&Spanned<SideRef>>,
    ) -> Option<ZoneExpr> {
        let metres = self.length(distance);
        match &reference.node {
            Expr::Coordinate((lon, lat)) => {
                if let Some(s) = side.filter(|s| s.node != SideRef::Each) {
                    let help = "remove `on ... side`, or measure from a line";
                    self.error(BadSide::PointSides.at(&s.span, "here").help(help));
                }
                if !self.lon_lat(&reference.span, *lon, *lat) {
                    return None;
                }
                Some(ZoneExpr::Around {
                    lon: *lon,
                    lat: *lat,
                    metres: metres?,
                    span: reference.span.clone(),
                })
            }
            _ => {
                let (_, line) = self
                    .symbols
                    .resolve(&reference.span, &[Kind::Line])
                    .map_err(|err| self.error(err))
                    .ok()?;
                let side = match side {
                    Some(s) => self.side_sel(s, line)?,
                    None => SideSel::Each,
                };
                Some(ZoneExpr::Buffer {
                    line,
                    metres: metres?,
                    side,
                })
            }
        }
    }

    /// Resolves `on X side` against a line, checking that every drawn line it
    /// may stand for has that side.
    pub(super) fn side_sel(&mut self, s: &Spanned<SideRef>, line: usize) -> Option<SideSel> {
        let sel = match &s.node {
            SideRef::Each => SideSel::Each,
            SideRef::Own => SideSel::Own,
            SideRef::Compass(c) => SideSel::Compass(*c),
            SideRef::Party(_) => {
                let (_, p) = self
                    .symbols
                    .resolve(&s.span, &[Kind::Party])
                    .map_err(|err| self.error(err))
                    .ok()?;
                SideSel::Party(p as PartyIdx)
            }
        };
        // An error about the line itself was already reported.
        let l = self.lines.get(line)?;
        let drawn: Vec<&Line> = match &l.shape {
            LineShape::Drawn(_) => vec![l],
            LineShape::PerParty(parts) => parts
                .iter()
                .filter_map(|(_, i)| self.lines.get(*i))
                .collect(),
        };
        let problem = drawn
            .iter()
            .find_map(|d| missing_side(d, sel, s.span.text()));
        if let Some((problem, help)) = problem {
            self.error(problem.at(&s.span, "this side").help(help));
            return None;
        }
        Some(sel)
    }

    /// A zone defined in terms of itself has no meaning; each cycle is
    /// reported once, at its first zone.
    /// Refuses a zone made of more than [`MAX_PARTS`] bands, discs and
    /// polygons once the zones it names are spelled out: each position
    /// reads every part, and zones that name a zone twice (`z1 = z0 or
    /// z0`, `z2 = z1 or z1`, ...) double at each step. Only the first zone
    /// to pass the bound along a chain is reported.
    pub(super) fn zone_sizes(&mut self, zones: &[Zone]) {
        let refs = references_of(zones);
        // Children before parents: a zone's size and depth are those of
        // what it names, already known (a reference back along a cycle,
        // reported apart, counts as one part).
        let mut sizes: Vec<Option<u64>> = vec![None; zones.len()];
        let mut depths = vec![0usize; zones.len()];
        for i in post_order(&refs) {
            sizes[i] = Some(expr_size(&zones[i].shape, &sizes));
            depths[i] = 1 + refs[i].iter().map(|&j| depths[j]).max().unwrap_or(0);
        }
        let over = |i: usize| sizes[i].is_some_and(|n| n > MAX_PARTS);
        let deep = |i: usize| depths[i] > MAX_DEPTH;
        for (i, zone) in zones.iter().enumerate() {
            if deep(i) && !refs[i].iter().any(|&j| deep(j)) {
                let problem = TooComplex::ZoneDepth {
                    zone: zone.name.to_string(),
                    depth: depths[i],
                    max: MAX_DEPTH,
                };
                let help = "define the zone from fewer zones in turn, or draw it as one polygon";
                self.error(problem.at(&zone.span, "this zone").help(help));
            }
            if !over(i) || refs[i].iter().any(|&j| over(j)) {
                continue;
            }
            let problem = TooComplex::ZoneParts {
                zone: zone.name.to_string(),
                parts: sizes[i].unwrap_or(u64::MAX),
                max: MAX_PARTS,
            };
            let help = "a zone that names another twice (`a or a`) doubles it: name each zone once, or draw the ground as one polygon";
            self.error(problem.at(&zone.span, "this zone").help(help));
        }
    }

    /// Zones defined in terms of themselves, found in one depth-first
    /// walk over every zone (linear in the zones and their references).
    fn zone_cycles(&mut self, zones: &[Zone], names: &[ast::Ident]) {
        let refs = references_of(zones);
        let mut reported = std::collections::HashSet::new();
        walk(&refs, |stack, next| {
            let at = stack.iter().position(|&n| n == next).expect("on the path");
            let mut cycle: Vec<usize> = stack[at..].to_vec();
            cycle.push(next);
            if cycle.iter().any(|i| reported.contains(i)) {
                return;
            }
            reported.extend(cycle.iter().copied());
            let chain: Vec<&str> = cycle.iter().map(|&i| zones[i].name.as_str()).collect();
            let name = &names[next];
            let problem = SelfReference::ZoneCycle {
                zone: name.node.to_string(),
                chain: chain.iter().map(|&c| c.to_owned()).collect(),
            };
            self.error(problem.at(&name.span, "this zone"));
        });
    }
}

/// The most bands, discs and polygons a zone may be made of, spelled out.
pub const MAX_PARTS: u64 = 4096;

/// How deep zones may name zones: each position is read down the chain.
pub const MAX_DEPTH: usize = 64;

/// How many bands, discs and polygons an expression is made of, spelled
/// out, given the sizes of the zones it names (saturating; a zone not yet
/// sized, named back along a cycle, counts as one).
fn expr_size(e: &ZoneExpr, sizes: &[Option<u64>]) -> u64 {
    match e {
        ZoneExpr::Buffer { .. } | ZoneExpr::Around { .. } | ZoneExpr::Polygon(..) => 1,
        ZoneExpr::Zone(j) => sizes.get(*j).copied().flatten().unwrap_or(1),
        ZoneExpr::And(a, b) | ZoneExpr::Or(a, b) => {
            expr_size(a, sizes).saturating_add(expr_size(b, sizes))
        }
        ZoneExpr::Not(a) => expr_size(a, sizes),
    }
}

/// The zones each zone names directly.
fn references_of(zones: &[Zone]) -> Vec<Vec<usize>> {
    zones
        .iter()
        .map(|z| {
            let mut refs = Vec::new();
            references(&z.shape, &mut refs);
            refs.retain(|&j| j < zones.len());
            refs
        })
        .collect()
}

/// A depth-first walk over every zone, without recursion: `back` is told
/// of each reference to a zone on the current path (a cycle), with the
/// path.
fn walk(refs: &[Vec<usize>], mut back: impl FnMut(&[usize], usize)) -> Vec<usize> {
    // 0: not seen; 1: on the path; 2: done.
    let mut colour = vec![0u8; refs.len()];
    let mut done = Vec::with_capacity(refs.len());
    let mut path: Vec<usize> = Vec::new();
    let mut next_ref: Vec<usize> = Vec::new();
    for start in 0..refs.len() {
        if colour[start] != 0 {
            continue;
        }
        colour[start] = 1;
        path.push(start);
        next_ref.push(0);
        while let Some(&node) = path.last() {
            let k = next_ref.last_mut().expect("beside the path");
            if let Some(&next) = refs[node].get(*k) {
                *k += 1;
                match colour[next] {
                    0 => {
                        colour[next] = 1;
                        path.push(next);
                        next_ref.push(0);
                    }
                    1 => back(&path, next),
                    _ => {}
                }
            } else {
                colour[node] = 2;
                done.push(node);
                path.pop();
                next_ref.pop();
            }
        }
    }
    done
}

/// Every zone, after the zones it names.
fn post_order(refs: &[Vec<usize>]) -> Vec<usize> {
    walk(refs, |_, _| {})
}

/// What is wrong, and the help, if a drawn line lacks the side meant.
fn missing_side(d: &Line, sel: SideSel, written: &str) -> Option<(BadSide, String)> {
    let name = &d.name;
    // A side the line does have, to show in the advice.
    let clear = ["north", "south", "east", "west"]
        .into_iter()
        .zip(d.compass)
        .find_map(|(w, s)| s.map(|_| w))
        .unwrap_or("north");
    let declare = |party: &str| {
        format!(
            "say who holds which side where the line is declared: `line {name} ... {{ {party} holds {clear}, ... }}`"
        )
    };
    Some(match sel {
        SideSel::Own if d.held.is_empty() => (
            BadSide::NoHolder {
                line: name.to_string(),
            },
            declare("PARTY"),
        ),
        SideSel::Compass(c) if d.towards(c).is_none() => (
            BadSide::NoCompassSide {
                line: name.to_string(),
                side: c.word(),
            },
            format!(
                "name a side across its course: {}",
                super::lines::sides_of(d)
            ),
        ),
        SideSel::Party(p) if d.held_by(p).is_none() => (
            BadSide::NotHeldBy {
                line: name.to_string(),
                party: written.to_owned(),
            },
            declare(written),
        ),
        _ => return None,
    })
}

/// The zones an expression names, in order.
fn references(e: &ZoneExpr, out: &mut Vec<usize>) {
    match e {
        ZoneExpr::Zone(i) => out.push(*i),
        ZoneExpr::And(a, b) | ZoneExpr::Or(a, b) => {
            references(a, out);
            references(b, out);
        }
        ZoneExpr::Not(a) => references(a, out),
        ZoneExpr::Buffer { .. } | ZoneExpr::Around { .. } | ZoneExpr::Polygon(..) => {}
    }
}
