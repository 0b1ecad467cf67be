//! Checked rulebook → the problems of its geometry that only evaluation's
//! own tests can find: coordinates that look swapped, points a zone or
//! area must contain but does not, parties' areas that share ground, and
//! sides of lines that contradict a party's area.
//!
//! It runs right after the checker ([`crate::compile`] runs it, so every
//! command that loads a rulebook sees its problems), but as a module it
//! comes after `eval`: it asks evaluation's own zone and side tests where
//! a point lies, so a warning and a verdict never disagree. Nothing else
//! depends on it. Its problems are the checker's kinds: an overlap is a
//! [`CheckError`], the rest are [`CheckWarning`]s.
//!
//! Input is hostile: every test samples a bounded number of points, and
//! all of them together spend at most [`BUDGET`] units of work (a unit is
//! a vertex or a segment visited), so no rule file can make checking slow.

mod contains;
mod degenerate;
mod overlap;
mod samples;
mod sides;
mod swapped;
pub mod witness;

pub mod logic;

use crate::check::{CheckError, CheckWarning, PartyIdx, Rulebook, ZoneExpr};
use crate::eval::{Membership, Truth, in_zone};
use crate::events::Point;

/// What the lint found.
#[derive(Debug, Default)]
pub struct Lint {
    pub errors: Vec<CheckError>,
    pub warnings: Vec<CheckWarning>,
}

/// Every geometry check of a checked rulebook, in one pass.
pub fn lint(rulebook: &Rulebook) -> Lint {
    run(rulebook, BUDGET).0
}

/// The lint with `budget` units of work, and the units left.
fn run(rulebook: &Rulebook, budget: u64) -> (Lint, u64) {
    let mut cx = Cx {
        rulebook,
        budget,
        costs: vec![None; rulebook.zones.len()],
        found: Lint::default(),
    };
    swapped::check(&mut cx);
    degenerate::check(&mut cx);
    contains::check(&mut cx);
    overlap::check(&mut cx);
    sides::check(&mut cx);
    cx.found.errors.sort_by_key(CheckError::offset);
    cx.found.warnings.sort_by_key(CheckWarning::offset);
    (cx.found, cx.budget)
}

/// At most this many units of work (vertices and segments visited by
/// zone and side tests, and the pieces a long segment is measured in) for
/// the whole lint. A unit costs from a few to a
/// few hundred nanoseconds in a release build (the most for a point
/// equally far from every edge of a huge polygon), so the lint takes at
/// most about a second whatever the file. The shipped rulebooks need
/// under 10 % of it (the KAA the most: about 240,000 units, most of them
/// the pieces of its hand-drawn coasts' segments of a degree, charged for
/// every probe though only those near it are cut); a test beyond it is
/// skipped, so a problem in a huge hostile file may go unreported.
pub const BUDGET: u64 = 4_000_000;

/// How far inside both areas a point must lie to show that they overlap,
/// and inside an area to show that it reaches a side of a line: areas that
/// only touch (a shared border, discs side by side) do not overlap.
pub const TOUCH_M: f64 = 1.0;

/// The accuracy assumed of a line when its sides are compared with the
/// areas: ground nearer a line than this is on neither side for the lint.
/// The shipped lines are good to about 1 km (`rules/geo/README.md`).
pub const LINE_ACCURACY_M: f64 = 1_000.0;

/// How far from a line its sides are compared with the areas. Farther, a
/// side is the line's nearest segment extended, and a party's area, where
/// there is one, prevails over it (see `eval/spatial/control.rs`): the sea west of
/// where the MDL begins lies beside its first segment, 170 km off.
pub const SIDE_REACH_M: f64 = 50_000.0;

struct Cx<'a> {
    rulebook: &'a Rulebook,
    /// Units of work left.
    budget: u64,
    /// Each zone's cost in units, once computed.
    costs: Vec<Option<u64>>,
    found: Lint,
}

impl Cx<'_> {
    /// Spends `cost` units if that many are left.
    fn spend(&mut self, cost: u64) -> bool {
        match self.budget.checked_sub(cost) {
            Some(left) => {
                self.budget = left;
                true
            }
            None => {
                self.budget = 0;
                false
            }
        }
    }

    /// Whether `(lon, lat)`, known to within `accuracy` metres, lies in
    /// `zone` for an act by `party`, as evaluation decides it; `None` when
    /// the budget is spent.
    fn in_zone(
        &mut self,
        zone: usize,
        party: Option<PartyIdx>,
        at: (f64, f64),
        accuracy: f64,
    ) -> Option<Truth> {
        self.membership(zone, party, at, accuracy).map(|m| m.truth)
    }

    /// [`Cx::in_zone`], with what evaluation computed to decide it.
    fn membership(
        &mut self,
        zone: usize,
        party: Option<PartyIdx>,
        (lon, lat): (f64, f64),
        accuracy: f64,
    ) -> Option<Membership> {
        let cost = self.cost(zone);
        if !self.spend(cost) {
            return None;
        }
        let p = Point { lon, lat, accuracy };
        Some(in_zone(&p, zone, party, self.rulebook))
    }

    /// The units a test of `zone` costs at most: its polygons' vertices, its
    /// lines' segments (indexed lines count as a few), and the pieces long
    /// segments are measured in.
    fn cost(&mut self, zone: usize) -> u64 {
        if let Some(c) = self.costs[zone] {
            return c;
        }
        let c = self.expr_cost(&self.rulebook.zones[zone].shape);
        self.costs[zone] = Some(c);
        c
    }

    fn expr_cost(&mut self, e: &ZoneExpr) -> u64 {
        match e {
            ZoneExpr::Buffer { line, .. } => line_cost(self.rulebook, *line),
            ZoneExpr::Around { .. } => 1,
            ZoneExpr::Polygon(p, _) => {
                let rings = p
                    .iter()
                    .flat_map(|poly| std::iter::once(poly.exterior()).chain(poly.interiors()));
                (geo::CoordsIter::coords_count(p) as u64)
                    .saturating_add(crate::eval::extra_pieces(rings))
            }
            ZoneExpr::Zone(i) => self.cost(*i),
            ZoneExpr::And(a, b) | ZoneExpr::Or(a, b) => {
                self.expr_cost(a).saturating_add(self.expr_cost(b))
            }
            ZoneExpr::Not(a) => self.expr_cost(a),
        }
    }

    /// The party whose area `zone` is, if it is one.
    fn area_party(&self, zone: usize) -> Option<PartyIdx> {
        self.rulebook
            .areas
            .iter()
            .find(|(_, z)| *z == zone)
            .map(|(p, _)| *p)
    }

    /// `zone `jsa``, or `` `UNC`'s area ``.
    fn zone_words(&self, zone: usize) -> String {
        match self.area_party(zone) {
            Some(p) => format!("`{}`'s area", self.party_id(p)),
            None => format!("zone `{}`", self.rulebook.zones[zone].name),
        }
    }

    fn party_id(&self, p: PartyIdx) -> &str {
        &self.rulebook.parties[usize::from(p)].id
    }

    /// The party a party's or group's area counts for.
    fn side_of(&self, p: PartyIdx) -> PartyIdx {
        crate::eval::answering(self.rulebook, p)
    }
}

/// The units a test against a line costs: its segments, or for an
/// indexed line a few dozen.
fn line_cost(rulebook: &Rulebook, line: usize) -> u64 {
    let l = &rulebook.lines[line];
    match &l.shape {
        crate::check::LineShape::Drawn(g) => {
            let count = geo::CoordsIter::coords_count(g) as u64;
            let base = match l.index {
                Some(_) => 64 + count.max(1).ilog2() as u64,
                None => count,
            };
            base.saturating_add(crate::eval::extra_pieces(g.iter()))
        }
        crate::check::LineShape::PerParty(parts) => parts
            .iter()
            .map(|(_, i)| line_cost(rulebook, *i))
            .fold(0, u64::saturating_add),
    }
}

/// A point as a diagnostic shows one truce computed: `(125.7000, 37.6650)`.
fn point_words((lon, lat): (f64, f64)) -> String {
    format!("({lon:.4}, {lat:.4})")
}

/// A distance in whole kilometres, or metres under one: `1,446 km`.
fn distance_words(metres: f64) -> String {
    if metres < 1_000.0 {
        return format!("{metres:.0} m");
    }
    let km = format!("{:.0}", metres / 1_000.0);
    let mut grouped = String::new();
    for (i, c) in km.chars().enumerate() {
        if i > 0 && (km.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped} km")
}

/// Rule text compiled as a file of `rules/` (so `geo/...` paths resolve),
/// and the problems found: each one's code and line, errors first, the
/// checker's `unused` warnings left out.
#[cfg(test)]
pub(crate) fn problems(text: &str) -> Vec<(String, usize)> {
    use miette::Diagnostic;
    let path = format!("{}/rules/lint-test.truce", env!("CARGO_MANIFEST_DIR"));
    let source = crate::span::Source::new(path, text);
    let (errors, warnings) = match crate::compile(&source) {
        Ok(checked) => (Vec::new(), checked.warnings),
        Err(crate::RulebookError::Check(all)) => (all.errors, all.warnings),
        Err(other) => panic!("{}", crate::render::diagnostics::render(&other, false)),
    };
    let line = |offset| source.line_col(offset).0;
    let code = |d: &dyn Diagnostic| d.code().map(|c| c.to_string()).unwrap_or_default();
    let errors = errors.iter().map(|e| (code(e), line(e.offset())));
    let warnings = warnings.iter().map(|w| (code(w), line(w.offset())));
    errors
        .chain(warnings)
        .filter(|(c, _)| c != "truce::check::unused")
        .collect()
}

/// The header of a two-party rulebook for the Donbas, for tests.
#[cfg(test)]
pub(crate) const DONBAS: &str = "agreement \"A\" {\n  in force 2015-02-15 00:00 Europe/Kyiv\n  party UA \"Ukraine\"\n  party RU \"Russia\"\n}\nact fire \"fire\"\narticle 1 \"t\" {\n  violation when act is fire\n}\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_rulebooks_need_a_small_part_of_the_budget() {
        for entry in std::fs::read_dir("rules").unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "truce") {
                let checked = crate::load_rulebook(&path).unwrap();
                let (_, left) = run(&checked.rulebook, BUDGET);
                let spent = BUDGET - left;
                assert!(spent < BUDGET / 10, "{}: {spent}", path.display());
            }
        }
    }

    #[test]
    fn a_spent_budget_stops_the_tests() {
        let text = format!(
            "{DONBAS}area UA = within 4 km of (38.40, 48.34)\narea RU = within 4 km of (38.41, 48.34)\n"
        );
        let path = format!("{}/rules/lint-test.truce", env!("CARGO_MANIFEST_DIR"));
        let source = crate::span::Source::new(path, text);
        let ast = crate::syntax::parse_rulebook(&source).unwrap();
        let checked = crate::check::check(&ast, &source).unwrap();
        let mut cx = Cx {
            rulebook: &checked.rulebook,
            budget: BUDGET,
            costs: vec![None; checked.rulebook.zones.len()],
            found: Lint::default(),
        };
        overlap::check(&mut cx);
        assert_eq!(cx.found.errors.len(), 1);
        assert!(cx.budget < BUDGET);
        // With nothing left to spend, nothing is tried, so nothing is found.
        cx.budget = 0;
        cx.found = Lint::default();
        overlap::check(&mut cx);
        assert!(cx.found.errors.is_empty());
    }

    #[test]
    fn distances_read_as_people_write_them() {
        assert_eq!(distance_words(450.4), "450 m");
        assert_eq!(distance_words(12_345.0), "12 km");
        assert_eq!(distance_words(1_446_200.0), "1,446 km");
        assert_eq!(point_words((125.7, 37.665)), "(125.7000, 37.6650)");
    }
}
