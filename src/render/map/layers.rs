//! The rulebook's geometry as SVG: lines as strokes, zones and areas as
//! filled shapes. Long geometry is thinned to what the figure can show
//! (no two kept points closer than [`MIN_STEP_PX`]), and the whole map
//! keeps at most [`MAX_VERTICES`] points; what is left out is counted.

use geo::{BoundingRect, LineString, MultiLineString, MultiPolygon};

use super::frame::{Bounds, Frame};
use crate::check::{Line, LineShape, Rulebook, Side, SideSel, Zone, ZoneExpr};
use crate::render::figure::n;
use crate::render::markup::escape;

/// Points closer than this to the last kept one are not drawn.
const MIN_STEP_PX: f64 = 0.8;
/// The most points the map's geometry may hold.
pub const MAX_VERTICES: usize = 20_000;
/// How deep zones may be nested in one another when their extent is
/// looked for (the checker forbids cycles; this bounds the walk anyway).
const MAX_DEPTH: usize = 32;

/// Points still to spend, and the shapes left out once they ran out.
#[derive(Debug)]
pub struct Budget {
    pub left: usize,
    pub shapes_left_out: usize,
}

impl Budget {
    pub fn new() -> Budget {
        Budget {
            left: MAX_VERTICES,
            shapes_left_out: 0,
        }
    }
}

/// A path through `coords`, thinned; `close` ends it with `Z`. `None`, and
/// counted as left out, when the budget cannot hold it.
fn path(frame: &Frame, coords: &LineString, close: bool, budget: &mut Budget) -> Option<String> {
    let mut out = String::new();
    let mut last: Option<(f64, f64)> = None;
    let mut kept = 0usize;
    let count = coords.0.len();
    for (i, c) in coords.0.iter().enumerate() {
        let p = frame.px(c.x, c.y);
        let near = last.is_some_and(|l| (l.0 - p.0).hypot(l.1 - p.1) < MIN_STEP_PX);
        if near && i + 1 != count {
            continue;
        }
        out.push_str(&frame.step(last.is_none(), c.x, c.y));
        last = Some(p);
        kept += 1;
    }
    if kept > budget.left {
        budget.shapes_left_out += 1;
        return None;
    }
    budget.left -= kept;
    if close {
        out.push('Z');
    }
    Some(out)
}

fn lines_path(frame: &Frame, g: &MultiLineString, budget: &mut Budget) -> String {
    g.iter()
        .filter_map(|l| path(frame, l, false, budget))
        .collect()
}

fn polygons_path(frame: &Frame, g: &MultiPolygon, budget: &mut Budget) -> String {
    let mut out = String::new();
    for p in g {
        for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
            out.extend(path(frame, ring, true, budget));
        }
    }
    out
}

/// How a line is dashed, by its number in the legend.
pub fn dash(i: usize) -> &'static str {
    ["", "9 4", "3 3", "10 3 2 3"][i % 4]
}

/// A zone's colour, by its number among the zones drawn.
pub fn zone_colour(i: usize) -> &'static str {
    [
        "#4c72b0", "#8172b3", "#2a9fbc", "#937860", "#c75da8", "#6b8e23",
    ][i % 6]
}

/// A party's area's fill, by the area's number.
pub fn area_colour(i: usize) -> &'static str {
    ["#eedc8a", "#b7dcab", "#bccbeb", "#eebfcc"][i % 4]
}

/// Every drawn line of a rulebook, with its name and number for the legend.
pub fn line(frame: &Frame, line: &Line, i: usize, budget: &mut Budget) -> String {
    let Some(g) = line.drawn() else {
        return String::new();
    };
    let d = lines_path(frame, g, budget);
    if d.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<g class=\"line\" data-line=\"{name}\"><title>line {name}</title><path d=\"{d}\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"2\" stroke-dasharray=\"{}\" stroke-linejoin=\"round\"/>",
        dash(i),
        name = escape(&line.name)
    );
    if let Some((x, y)) = label_point(frame, g.iter().flat_map(|l| l.0.iter())) {
        out.push_str(&label(x, y, &line.name, "#1a1a1a"));
    }
    out.push_str("</g>\n");
    out
}

/// A zone as a filled shape: the parts its expression is made of (a zone it
/// names is drawn as itself, so not again here); what is excluded from it
/// (`not`) is outlined, dashed.
pub fn zone(
    frame: &Frame,
    book: &Rulebook,
    zone: &Zone,
    fill: &str,
    opacity: f64,
    budget: &mut Budget,
    labels: &mut Vec<(f64, f64)>,
) -> String {
    let mut parts = String::new();
    expr(
        frame,
        book,
        &zone.shape,
        false,
        fill,
        opacity,
        budget,
        &mut parts,
    );
    if parts.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<g class=\"zone\" data-zone=\"{name}\"><title>zone {name}</title>{parts}",
        name = escape(&zone.name)
    );
    if let Some((x, y)) = label_at(frame, book, zone, labels) {
        // An area's pale fill would not read as text: its name is dark.
        let ink = if opacity > 0.5 { "#555" } else { fill };
        out.push_str(&label(x, y, &zone.name, ink));
    }
    out.push_str("</g>\n");
    out
}

/// Where a zone's name goes: the middle of the part of it in view, when
/// that part is smaller than the view (a zone filling the view is named by
/// the legend alone) and no other name is near.
fn label_at(
    frame: &Frame,
    book: &Rulebook,
    zone: &Zone,
    labels: &mut Vec<(f64, f64)>,
) -> Option<(f64, f64)> {
    let seen = extent(book, &zone.shape, 0)?.intersection(frame.bounds)?;
    let view = frame.bounds;
    let share = |a: f64, b: f64, c: f64, d: f64| (b - a) / (d - c);
    if share(seen.west, seen.east, view.west, view.east) > 0.6
        && share(seen.south, seen.north, view.south, view.north) > 0.6
    {
        return None;
    }
    let (lon, lat) = seen.centre();
    let (x, y) = frame.px(lon, lat);
    if labels
        .iter()
        .any(|(lx, ly)| (lx - x).abs() < 70.0 && (ly - y).abs() < 14.0)
    {
        return None;
    }
    labels.push((x, y));
    Some((x, y))
}

#[allow(clippy::too_many_arguments)]
fn expr(
    frame: &Frame,
    book: &Rulebook,
    e: &ZoneExpr,
    negated: bool,
    fill: &str,
    opacity: f64,
    budget: &mut Budget,
    out: &mut String,
) {
    let paint = |d: &str| {
        if negated {
            format!(
                "<path d=\"{d}\" fill=\"none\" stroke=\"{fill}\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>"
            )
        } else {
            format!(
                "<path d=\"{d}\" fill=\"{fill}\" fill-opacity=\"{}\" fill-rule=\"evenodd\" stroke=\"{fill}\" stroke-width=\"1\"/>",
                n(opacity)
            )
        }
    };
    match e {
        ZoneExpr::Buffer { line, metres, side } => {
            out.push_str(&buffer(
                frame, book, *line, *metres, *side, negated, fill, opacity, budget,
            ));
        }
        ZoneExpr::Around {
            lon, lat, metres, ..
        } => {
            let (x, y) = frame.px(*lon, *lat);
            let r = n(frame.metres(*metres));
            let d = format!(
                "M{} {}a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 {} 0Z",
                n(x - frame.metres(*metres)),
                n(y),
                n(2.0 * frame.metres(*metres)),
                n(-2.0 * frame.metres(*metres))
            );
            out.push_str(&paint(&d));
        }
        ZoneExpr::Polygon(g, _) => {
            let d = polygons_path(frame, g, budget);
            if !d.is_empty() {
                out.push_str(&paint(&d));
            }
        }
        ZoneExpr::Zone(_) => {}
        ZoneExpr::And(a, b) | ZoneExpr::Or(a, b) => {
            expr(frame, book, a, negated, fill, opacity, budget, out);
            expr(frame, book, b, negated, fill, opacity, budget, out);
        }
        ZoneExpr::Not(a) => expr(frame, book, a, !negated, fill, opacity, budget, out),
    }
}

/// A band along a line: both sides as a wide stroke with round ends, one
/// side as the polygon between the line and its offset.
#[allow(clippy::too_many_arguments)]
fn buffer(
    frame: &Frame,
    book: &Rulebook,
    line: usize,
    metres: f64,
    side: SideSel,
    negated: bool,
    fill: &str,
    opacity: f64,
    budget: &mut Budget,
) -> String {
    let Some(l) = book.lines.get(line) else {
        return String::new();
    };
    let g = match &l.shape {
        LineShape::Drawn(g) => g,
        LineShape::PerParty(lines) => {
            return lines
                .iter()
                .map(|(_, i)| {
                    buffer(
                        frame,
                        book,
                        *i,
                        metres,
                        SideSel::Each,
                        negated,
                        fill,
                        opacity,
                        budget,
                    )
                })
                .collect();
        }
    };
    let one = match side {
        SideSel::Each | SideSel::Own => None,
        SideSel::Compass(c) => l.towards(c),
        SideSel::Party(p) => l.held_by(p),
    };
    let r = frame.metres(metres);
    let (paint, outline) = if negated {
        ("none".to_owned(), "stroke-dasharray=\"4 3\"")
    } else {
        (fill.to_owned(), "")
    };
    match one {
        None => {
            let d = lines_path(frame, g, budget);
            if d.is_empty() || negated {
                return String::new();
            }
            format!(
                "<path d=\"{d}\" fill=\"none\" stroke=\"{fill}\" stroke-opacity=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>",
                n(opacity),
                n(2.0 * r)
            )
        }
        Some(s) => {
            let d: String = g
                .iter()
                .filter_map(|part| band(frame, part, r, s, budget))
                .collect();
            format!(
                "<path d=\"{d}\" fill=\"{paint}\" fill-opacity=\"{}\" stroke=\"{fill}\" stroke-width=\"1\" {outline}/>",
                n(opacity)
            )
        }
    }
}

/// The polygon between a line and its offset `r` pixels to one side, with
/// mitred corners (limited, so a sharp bend does not throw a spike).
fn band(
    frame: &Frame,
    part: &LineString,
    r: f64,
    side: Side,
    budget: &mut Budget,
) -> Option<String> {
    let pts: Vec<(f64, f64)> = part.0.iter().map(|c| frame.px(c.x, c.y)).collect();
    if pts.len() < 2 || pts.len() * 2 > budget.left {
        budget.shapes_left_out += 1;
        return None;
    }
    budget.left -= pts.len() * 2;
    // In the figure y grows downwards: the left of travel (dx, dy) is (dy, -dx).
    let sign = match side {
        Side::Left => 1.0,
        Side::Right => -1.0,
    };
    let normal = |a: (f64, f64), b: (f64, f64)| {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = dx.hypot(dy).max(1e-9);
        (sign * dy / len, -sign * dx / len)
    };
    let mut offset = Vec::with_capacity(pts.len());
    for i in 0..pts.len() {
        let before = (i > 0).then(|| normal(pts[i - 1], pts[i]));
        let after = (i + 1 < pts.len()).then(|| normal(pts[i], pts[i + 1]));
        let (nx, ny) = match (before, after) {
            (Some(a), Some(b)) => {
                let (sx, sy) = (a.0 + b.0, a.1 + b.1);
                let len = sx.hypot(sy).max(1e-9);
                let (mx, my) = (sx / len, sy / len);
                let miter = (1.0 / (mx * a.0 + my * a.1).max(1e-9)).min(3.0);
                (mx * miter, my * miter)
            }
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => (0.0, 0.0),
        };
        offset.push((pts[i].0 + nx * r, pts[i].1 + ny * r));
    }
    let mut d = String::new();
    for (i, p) in pts.iter().chain(offset.iter().rev()).enumerate() {
        d.push_str(&format!(
            "{}{} {}",
            if i == 0 { 'M' } else { 'L' },
            n(p.0),
            n(p.1)
        ));
    }
    d.push('Z');
    Some(d)
}

/// The box a zone lies in, where it can be bounded (not for `not`).
pub fn extent(book: &Rulebook, e: &ZoneExpr, depth: usize) -> Option<Bounds> {
    if depth > MAX_DEPTH {
        return None;
    }
    match e {
        ZoneExpr::Buffer { line, metres, .. } => {
            line_extent(book, *line, depth).map(|b| b.grow(*metres))
        }
        ZoneExpr::Around {
            lon, lat, metres, ..
        } => Some(Bounds::around(*lon, *lat, *metres)),
        ZoneExpr::Polygon(g, _) => g.bounding_rect().map(Bounds::of_rect),
        ZoneExpr::Zone(i) => book
            .zones
            .get(*i)
            .and_then(|z| extent(book, &z.shape, depth + 1)),
        ZoneExpr::And(a, b) => match (extent(book, a, depth + 1), extent(book, b, depth + 1)) {
            (Some(a), Some(b)) => a.intersection(b),
            (a, b) => a.or(b),
        },
        ZoneExpr::Or(a, b) => extent(book, a, depth + 1)?
            .union(extent(book, b, depth + 1)?)
            .into(),
        ZoneExpr::Not(_) => None,
    }
}

/// The box a line lies in (a per-party line: all its lines).
pub fn line_extent(book: &Rulebook, line: usize, depth: usize) -> Option<Bounds> {
    match &book.lines.get(line)?.shape {
        LineShape::Drawn(g) => g.bounding_rect().map(Bounds::of_rect),
        LineShape::PerParty(lines) if depth < MAX_DEPTH => lines
            .iter()
            .filter_map(|(_, i)| line_extent(book, *i, depth + 1))
            .reduce(Bounds::union),
        LineShape::PerParty(_) => None,
    }
}

/// Where a line's name goes: the point of it nearest the plot's centre.
fn label_point<'a>(
    frame: &Frame,
    coords: impl Iterator<Item = &'a geo::Coord>,
) -> Option<(f64, f64)> {
    let (cx, cy) = (
        super::frame::WIDTH / 2.0,
        super::frame::TOP + frame.height / 2.0,
    );
    coords.map(|c| frame.px(c.x, c.y)).min_by(|a, b| {
        let da = (a.0 - cx).hypot(a.1 - cy);
        let db = (b.0 - cx).hypot(b.1 - cy);
        da.total_cmp(&db)
    })
}

/// A name on the map, on a white halo so it stays legible over shapes.
pub fn label(x: f64, y: f64, text: &str, colour: &str) -> String {
    format!(
        "<text x=\"{}\" y=\"{}\" fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\" font-size=\"11\" font-style=\"italic\" text-anchor=\"middle\">{}</text>",
        n(x),
        n(y - 4.0),
        escape(text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Coord;

    /// The y of every point of a path, in order.
    fn ys(d: &str) -> Vec<f64> {
        d.trim_end_matches('Z')
            .split(['M', 'L'])
            .filter(|s| !s.is_empty())
            .map(|p| p.split(' ').nth(1).unwrap().parse().unwrap())
            .collect()
    }

    #[test]
    fn a_band_on_the_left_of_an_eastward_line_lies_north_of_it() {
        let frame = Frame::fit(Bounds {
            west: 30.0,
            south: 47.9,
            east: 30.2,
            north: 48.1,
        });
        let line = LineString::new(vec![Coord { x: 30.0, y: 48.0 }, Coord { x: 30.2, y: 48.0 }]);
        let r = frame.metres(1000.0);
        for (side, sign) in [(Side::Left, -1.0), (Side::Right, 1.0)] {
            let d = band(&frame, &line, r, side, &mut Budget::new()).unwrap();
            let y = ys(&d);
            assert_eq!(y.len(), 4);
            // The line, then its offset back: north is up, so smaller y.
            assert!((y[2] - y[0] - sign * r).abs() < 0.2, "{side:?}: {d}");
            assert!((y[3] - y[1] - sign * r).abs() < 0.2, "{side:?}: {d}");
        }
    }

    #[test]
    fn geometry_beyond_the_budget_is_counted_not_drawn() {
        let frame = Frame::fit(Bounds::around(30.0, 48.0, 10_000.0));
        let line = LineString::new(
            (0..100)
                .map(|i| Coord {
                    x: 29.9 + f64::from(i) * 0.002,
                    y: 48.0,
                })
                .collect(),
        );
        let mut budget = Budget {
            left: 10,
            shapes_left_out: 0,
        };
        assert!(path(&frame, &line, false, &mut budget).is_none());
        assert_eq!((budget.left, budget.shapes_left_out), (10, 1));
        budget.left = MAX_VERTICES;
        let d = path(&frame, &line, false, &mut budget).unwrap();
        assert_eq!(d.matches(['M', 'L']).count(), MAX_VERTICES - budget.left);
    }
}
