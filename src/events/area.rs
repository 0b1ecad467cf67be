//! Positions known only as an area, as monitors report them: "in
//! Avdiivka" (a zone or locality the rulebook declares), a grid square
//! (`37U DP 07 32`), a box of latitudes and longitudes, "north of the
//! line" (a side of a line). Each part is checked against the rulebook's
//! names and against the world, so a misspelt locality or a box whose
//! corners are swapped is a located rejection, not a test that silently
//! fails.

use geo::{Coord, LineString, MultiPolygon, Polygon};

use super::mgrs;
use super::position::{Area, DEFAULT_SIDE_REACH_M, Position, SideOf, Square, SquareKind};
use super::raw::{RawBox, RawPosition};
use super::validate::unknown;
use super::vocabulary::Vocab;

/// The widest box: ten degrees either way, about 1,100 km north to south.
const MAX_BOX_DEGREES: f64 = 10.0;
/// The farthest a side may reach from its line.
const MAX_SIDE_REACH_M: f64 = 1_000_000.0;

/// Whether a position is given as an area.
pub(super) fn is_area(p: &RawPosition) -> bool {
    p.area.is_some()
        || p.grid.is_some()
        || p.bbox.is_some()
        || p.side.is_some()
        || p.of.is_some()
        || p.within_m.is_some()
}

/// An area: every part given, checked; the event lies in all of them.
pub(super) fn area(field: &str, p: &RawPosition, vocab: &impl Vocab) -> Result<Position, String> {
    let point_keys = [
        ("lat", p.lat.is_some()),
        ("lon", p.lon.is_some()),
        ("accuracy_m", p.accuracy_m.is_some()),
        ("observer", p.observer.is_some()),
        ("bearing_deg", p.bearing_deg.is_some()),
        ("bearing_spread_deg", p.bearing_spread_deg.is_some()),
        ("min_range_m", p.min_range_m.is_some()),
        ("max_range_m", p.max_range_m.is_some()),
    ];
    if let Some((key, _)) = point_keys.iter().find(|(_, given)| *given) {
        return Err(format!(
            "`{field}` gives both an area and `{key}`; give a fix, a bearing or an area, and an area is its own bound"
        ));
    }
    let zone = p
        .area
        .as_deref()
        .map(|z| zone(field, z, vocab))
        .transpose()?;
    let square = match (&p.grid, &p.bbox) {
        (Some(_), Some(_)) => {
            return Err(format!(
                "`{field}` gives both a `grid` square and a `box`; give one"
            ));
        }
        (Some(g), None) => Some(grid(field, g)?),
        (None, Some(b)) => Some(boxed(field, b)?),
        (None, None) => None,
    };
    let side = side(field, p, vocab)?;
    Ok(Position::Area(Box::new(Area { zone, square, side })))
}

fn zone(field: &str, name: &str, vocab: &impl Vocab) -> Result<crate::name::Name, String> {
    let known = vocab.zone_names();
    if known.contains(&name) {
        return Ok(name.into());
    }
    Err(format!("`{field}.area`: {}", unknown("zone", name, &known)))
}

fn grid(field: &str, written: &str) -> Result<Square, String> {
    let s = mgrs::square(written).map_err(|why| {
        format!(
            "`{field}.grid`: `{written}` is not an MGRS grid square such as `37U DP 07 32`: {why}"
        )
    })?;
    Ok(Square {
        kind: SquareKind::Grid {
            reference: s.reference.into(),
            metres: s.metres,
        },
        polygon: MultiPolygon::new(vec![s.polygon]),
    })
}

fn boxed(field: &str, b: &RawBox) -> Result<Square, String> {
    let at = format!("{field}.box");
    for (key, value, limit) in [
        ("south", b.south, 90.0),
        ("north", b.north, 90.0),
        ("west", b.west, 180.0),
        ("east", b.east, 180.0),
    ] {
        if !(value.is_finite() && (-limit..=limit).contains(&value)) {
            let what = if limit == 90.0 {
                "a latitude (-90 to 90)"
            } else {
                "a longitude (-180 to 180)"
            };
            return Err(format!("`{at}.{key}` ({value}) is not {what}"));
        }
    }
    if b.south >= b.north {
        return Err(format!(
            "`{at}`: `south` ({}) is not south of `north` ({}); a box runs from its south-west corner to its north-east corner",
            b.south, b.north
        ));
    }
    if b.west >= b.east {
        return Err(format!(
            "`{at}`: `west` ({}) is not west of `east` ({}); a box runs from its south-west corner to its north-east corner (and may not cross the 180th meridian)",
            b.west, b.east
        ));
    }
    if b.north - b.south > MAX_BOX_DEGREES || b.east - b.west > MAX_BOX_DEGREES {
        return Err(format!(
            "`{at}` spans more than {MAX_BOX_DEGREES} degrees; a box locates an event, it does not cover a country"
        ));
    }
    let corner = |x: f64, y: f64| Coord { x, y };
    let ring = LineString::new(vec![
        corner(b.west, b.south),
        corner(b.east, b.south),
        corner(b.east, b.north),
        corner(b.west, b.north),
        corner(b.west, b.south),
    ]);
    Ok(Square {
        kind: SquareKind::Box {
            south: b.south,
            west: b.west,
            north: b.north,
            east: b.east,
        },
        polygon: MultiPolygon::new(vec![Polygon::new(ring, vec![])]),
    })
}

/// `side: KPA, of: mdl`, and how far from the line it reaches.
fn side(field: &str, p: &RawPosition, vocab: &impl Vocab) -> Result<Option<SideOf>, String> {
    let (side, line) = match (&p.side, &p.of) {
        (None, None) => {
            return match p.within_m {
                Some(_) => Err(format!(
                    "`{field}.within_m` says how far a side of a line reaches: give `side` and `of`"
                )),
                None => Ok(None),
            };
        }
        (Some(side), Some(line)) => (side, line),
        (Some(_), None) => {
            return Err(format!("`{field}.side` names no line: give `of`"));
        }
        (None, Some(_)) => {
            return Err(format!("`{field}.of` names a line but no `side` of it"));
        }
    };
    let Some(sides) = vocab.line_sides(line) else {
        return Err(format!(
            "`{field}.of`: {}",
            unknown("line", line, &vocab.line_names())
        ));
    };
    if sides.is_empty() {
        return Err(format!(
            "`{field}.of`: line `{line}` is drawn differently for each party and has no sides of its own; name a drawn line"
        ));
    }
    if !sides.contains(&side.as_str()) {
        return Err(format!(
            "`{field}.side`: `{side}` names no side of line `{line}`; its sides are {}",
            sides.join(", ")
        ));
    }
    let within_m = p.within_m.unwrap_or(DEFAULT_SIDE_REACH_M);
    if !(within_m.is_finite() && within_m > 0.0 && within_m <= MAX_SIDE_REACH_M) {
        return Err(format!(
            "`{field}.within_m` must be a distance in metres, more than 0 and at most 1000 km"
        ));
    }
    Ok(Some(SideOf {
        line: line.as_str().into(),
        side: side.as_str().into(),
        within_m,
    }))
}
