//! Events on the map: a marker where each was (its shape and colour by
//! outcome, linking to its verdict), under it what is uncertain about the
//! position (an accuracy circle, a bearing's sector, a reported square),
//! and a dashed line from where a shot came from.

use geo::{BoundingRect, Destination, Haversine, Point as GeoPoint};

use super::Mark;
use super::frame::{Bounds, Frame};
use crate::check::Rulebook;
use crate::events::{Bearing, Point, Position};
use crate::render::figure::{marker, n, style};
use crate::render::markup::escape;

/// Points on a bearing's arcs.
const ARC_STEPS: usize = 16;
/// How far a name is pushed down when another already sits there.
const LABEL_STEP: f64 = 13.0;
/// How many rows down a name may be pushed.
const MAX_STACK: u8 = 3;

/// Where a mark is drawn, and what is uncertain about it.
pub struct Placed<'a> {
    pub mark: &'a Mark<'a>,
    /// The marker's longitude and latitude.
    pub at: (f64, f64),
    pub spread: Spread<'a>,
    /// Where a shot came from, when the event gives both ends.
    pub from: Option<(f64, f64)>,
    pub bounds: Bounds,
}

pub enum Spread<'a> {
    None,
    Circle(f64),
    Sector(&'a Bearing),
    Square(&'a geo::MultiPolygon),
}

/// Where a mark goes: its place, or else its target, or else its origin.
/// `None` when that position cannot be drawn (a side of a line, or a zone
/// with no bounded extent).
pub fn place<'a>(mark: &'a Mark<'a>, books: &[&Rulebook]) -> Option<Placed<'a>> {
    let e = mark.event;
    let position = e.place.as_ref().or(e.target()).or(e.origin())?;
    let (at, spread, mut bounds) = match position {
        Position::Fix(p) => fix(p),
        Position::Bearing(b) => bearing(b),
        Position::Area(a) => {
            if let Some(sq) = &a.square {
                let b = Bounds::of_rect(sq.polygon.bounding_rect()?);
                (b.centre(), Spread::Square(&sq.polygon), b)
            } else {
                let name = a.zone.as_deref()?;
                let b = books.iter().find_map(|book| {
                    let z = book.zones.iter().find(|z| z.name == name)?;
                    super::layers::extent(book, &z.shape, 0)
                })?;
                (
                    b.centre(),
                    Spread::None,
                    Bounds::point(b.centre().0, b.centre().1),
                )
            }
        }
    };
    let from = match (&e.place, e.target(), e.origin()) {
        (None, Some(_), Some(Position::Fix(o))) => {
            bounds = bounds.union(Bounds::point(o.lon, o.lat));
            Some((o.lon, o.lat))
        }
        _ => None,
    };
    for p in e.track().into_iter().flatten() {
        bounds = bounds.union(Bounds::point(p.lon, p.lat));
    }
    Some(Placed {
        mark,
        at,
        spread,
        from,
        bounds,
    })
}

fn fix(p: &Point) -> ((f64, f64), Spread<'static>, Bounds) {
    let spread = if p.accuracy > 0.0 {
        Spread::Circle(p.accuracy)
    } else {
        Spread::None
    };
    (
        (p.lon, p.lat),
        spread,
        Bounds::around(p.lon, p.lat, p.accuracy),
    )
}

fn bearing(b: &Bearing) -> ((f64, f64), Spread<'_>, Bounds) {
    let o = b.observer;
    let mid = along(b, b.degrees, (b.min_m + b.max_m) / 2.0);
    let bounds = sector_points(b)
        .into_iter()
        .fold(Bounds::point(o.lon, o.lat), |acc, (x, y)| {
            acc.union(Bounds::point(x, y))
        });
    (mid, Spread::Sector(b), bounds)
}

fn along(b: &Bearing, degrees: f64, metres: f64) -> (f64, f64) {
    let from = GeoPoint::new(b.observer.lon, b.observer.lat);
    let p = Haversine.destination(from, degrees, metres);
    (p.x(), p.y())
}

/// The outline of a bearing's sector: its far arc, then its near arc back
/// (or the observer, when the range starts there).
fn sector_points(b: &Bearing) -> Vec<(f64, f64)> {
    let arc = |metres: f64| -> Vec<(f64, f64)> {
        (0..=ARC_STEPS)
            .map(|i| {
                let t = i as f64 / ARC_STEPS as f64;
                along(b, b.degrees - b.spread + 2.0 * b.spread * t, metres)
            })
            .collect()
    };
    let mut pts = arc(b.max_m);
    if b.min_m > 0.0 {
        pts.extend(arc(b.min_m).into_iter().rev());
    } else {
        pts.push((b.observer.lon, b.observer.lat));
    }
    pts
}

/// What is uncertain about a mark's position, drawn under the markers.
pub fn spread(frame: &Frame, p: &Placed<'_>) -> String {
    let colour = style(p.mark.outcome).colour;
    let paint = format!(
        "fill=\"{colour}\" fill-opacity=\"0.12\" stroke=\"{colour}\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\""
    );
    let id = escape(&p.mark.event.id);
    let mut out = format!("<g class=\"event-spread\" data-event=\"{id}\">");
    match p.spread {
        Spread::None => {}
        Spread::Circle(metres) => {
            let (x, y) = frame.px(p.at.0, p.at.1);
            out.push_str(&format!(
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {paint}/>",
                n(x),
                n(y),
                n(frame.metres(metres))
            ));
        }
        Spread::Sector(b) => {
            let d = ring(frame, sector_points(b).into_iter());
            let (x, y) = frame.px(b.observer.lon, b.observer.lat);
            out.push_str(&format!(
                "<path d=\"{d}\" {paint}/><circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"1.5\"/>",
                n(x),
                n(y)
            ));
        }
        Spread::Square(g) => {
            let d: String = g
                .iter()
                .map(|poly| ring(frame, poly.exterior().0.iter().map(|c| (c.x, c.y))))
                .collect();
            out.push_str(&format!("<path d=\"{d}\" {paint}/>"));
        }
    }
    if let Some((lon, lat)) = p.from {
        let (x0, y0) = frame.px(lon, lat);
        let (x1, y1) = frame.px(p.at.0, p.at.1);
        out.push_str(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"1.2\" stroke-dasharray=\"2 3\"/><circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"1.2\"/>",
            n(x0),
            n(y0),
            n(x1),
            n(y1),
            n(x0),
            n(y0)
        ));
    }
    if let Some(track) = p.mark.event.track() {
        let d: String = track
            .iter()
            .enumerate()
            .map(|(i, q)| frame.step(i == 0, q.lon, q.lat))
            .collect();
        out.push_str(&format!(
            "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"/>"
        ));
    }
    out.push_str("</g>\n");
    out
}

fn ring(frame: &Frame, pts: impl Iterator<Item = (f64, f64)>) -> String {
    let mut d: String = pts
        .enumerate()
        .map(|(i, (lon, lat))| frame.step(i == 0, lon, lat))
        .collect();
    d.push('Z');
    d
}

/// Every mark's marker and name, each linking to its verdict. Names are
/// placed gravest outcome first, stacked downwards where they would sit on
/// one another (a stacked name carries a small marker of its own, as its
/// marker may lie under another's); markers are drawn gravest last, on top.
pub fn markers(frame: &Frame, placed: &[Placed<'_>]) -> String {
    let mut taken: Vec<(f64, f64)> = Vec::with_capacity(placed.len());
    let links: Vec<String> = placed
        .iter()
        .map(|p| marker_link(frame, p, &mut taken))
        .collect();
    links.into_iter().rev().collect()
}

fn marker_link(frame: &Frame, p: &Placed<'_>, taken: &mut Vec<(f64, f64)>) -> String {
    let s = style(p.mark.outcome);
    let id = escape(&p.mark.event.id);
    let (x, y) = frame.px(p.at.0, p.at.1);
    let right = x < super::frame::WIDTH - 80.0;
    let lx = if right { x + 9.0 } else { x - 9.0 };
    let clear = |ly: f64| {
        !taken
            .iter()
            .any(|(tx, ty)| (tx - lx).abs() < 40.0 && (ty - ly).abs() < LABEL_STEP - 0.5)
    };
    // A name stays beside its marker: a few rows down at most, else it is
    // left to the tooltip rather than drift away from what it names.
    let row = (0..=MAX_STACK).find(|k| clear(y + 4.0 + LABEL_STEP * f64::from(*k)));
    let m = marker(s.shape, x, y, 6.0, s.colour);
    let open = format!(
        "<a href=\"#{anchor}\" class=\"event-marker\" data-event=\"{id}\" data-outcome=\"{word}\" data-x=\"{}\" data-y=\"{}\"><title>{id}: {word}</title>{m}",
        n(x),
        n(y),
        word = s.word,
        anchor = crate::render::document::anchor(&p.mark.event.id),
    );
    let Some(row) = row else {
        return open + "</a>\n";
    };
    let ly = y + 4.0 + LABEL_STEP * f64::from(row);
    taken.push((lx, ly));
    let anchor = if right { "start" } else { "end" };
    let stacked = if row > 0 {
        let mx = if right { lx + 4.0 } else { lx - 4.0 };
        marker(s.shape, mx, ly - 4.0, 3.5, s.colour)
    } else {
        String::new()
    };
    let tx = match (row, right) {
        (0, _) => lx,
        (_, true) => lx + 11.0,
        (_, false) => lx - 11.0,
    };
    format!(
        "{open}{stacked}<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\" font-size=\"11\">{id}</text></a>\n",
        n(tx),
        n(ly),
    )
}
