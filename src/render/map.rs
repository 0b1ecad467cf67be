//! The map: the rulebooks' lines, zones and areas drawn to scale, with the
//! events placed on them, coloured and shaped by outcome, each linking to
//! its verdict (`#verdict-<event>`). A standalone SVG document, the same
//! bytes for the same inputs; every name from the input is escaped.
//!
//! The projection is equirectangular with longitudes scaled by the cosine
//! of the middle latitude (see [`frame`]); the map is fitted to the events
//! (or, with none, to the geometry). At most [`MAX_MARKS`] events and
//! [`layers::MAX_VERTICES`] points of geometry are drawn; the figure says
//! how many were left out.

mod frame;
mod layers;
mod legend;
mod marks;

use crate::check::Rulebook;
use crate::eval::Outcome;
use crate::events::Event;
use crate::render::figure::{self, n};

pub use frame::{Bounds, Frame, METRES_PER_DEGREE};

/// The most events the map shows; the gravest outcomes are kept first.
pub const MAX_MARKS: usize = 500;

/// An event to place on the map, with the outcome its verdicts gave.
#[derive(Debug, Clone, Copy)]
pub struct Mark<'a> {
    pub event: &'a Event,
    /// `None`: no verdict names it.
    pub outcome: Option<Outcome>,
}

/// A mark for every event, with its outcome by index (as
/// [`figure::outcomes`] gathers them).
pub fn marks<'a>(events: &'a [Event], outcomes: &[Option<Outcome>]) -> Vec<Mark<'a>> {
    events
        .iter()
        .enumerate()
        .map(|(i, event)| Mark {
            event,
            outcome: outcomes.get(i).copied().flatten(),
        })
        .collect()
}

/// What the legend reports beside the keys.
#[derive(Debug, Default)]
struct Counts {
    /// Events over [`MAX_MARKS`].
    left_out: usize,
    /// Events with no position that can be drawn.
    unplaced: usize,
    shapes_left_out: usize,
}

/// The map of `books`' geometry with `marks` placed on it.
pub fn svg(books: &[&Rulebook], marks: &[Mark<'_>]) -> String {
    let mut order: Vec<&Mark<'_>> = marks.iter().collect();
    // Gravest first, then in input order (the sort is stable).
    order.sort_by_key(|m| std::cmp::Reverse(m.outcome));
    let mut counts = Counts {
        left_out: order.len().saturating_sub(MAX_MARKS),
        ..Counts::default()
    };
    order.truncate(MAX_MARKS);
    let placed: Vec<marks::Placed<'_>> = order
        .iter()
        .filter_map(|m| marks::place(m, books))
        .collect();
    counts.unplaced = order.len() - placed.len();
    let bounds = placed
        .iter()
        .map(|p| p.bounds)
        .reduce(Bounds::union)
        .or_else(|| geometry_bounds(books));
    let Some(bounds) = bounds else {
        return nothing(books, &counts);
    };
    let frame = Frame::fit(bounds);
    let mut budget = layers::Budget::new();
    let items = items(&frame, books);
    let body = body(&frame, &items, &placed, &mut budget);
    counts.shapes_left_out = budget.shapes_left_out;
    let (legend, legend_height) = legend::legend(&frame, &items, &placed, &counts);
    let height = frame::TOP + frame.height + legend_height;
    let mut out = figure::open(frame::WIDTH, height, &title(books));
    out.push_str(&format!(
        "<text x=\"0\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{}</text>\n",
        crate::render::markup::escape(&title(books))
    ));
    out.push_str(&format!(
        "<clipPath id=\"truce-map-clip\"><rect x=\"0\" y=\"{top}\" width=\"{w}\" height=\"{h}\"/></clipPath>\n<rect x=\"0\" y=\"{top}\" width=\"{w}\" height=\"{h}\" fill=\"#fbfbf8\"/>\n<g clip-path=\"url(#truce-map-clip)\">\n{body}</g>\n",
        top = n(frame::TOP),
        w = n(frame::WIDTH),
        h = n(frame.height),
    ));
    out.push_str(&furniture(&frame));
    out.push_str(&legend);
    out.push_str("</svg>\n");
    out
}

fn title(books: &[&Rulebook]) -> String {
    let names: Vec<&str> = books.iter().map(|b| &*b.title).collect();
    format!("Map: {}", names.join("; "))
}

/// What the map draws of the rulebooks' geometry: what reaches into the
/// frame, areas first, then zones, then lines, each numbered within its
/// kind for its colour or dash.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item<'a> {
    pub book: &'a Rulebook,
    pub kind: ItemKind,
    /// Into the book's zones (area, zone) or lines.
    pub index: usize,
    pub number: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemKind {
    Area,
    Zone,
    Line,
}

fn items<'a>(frame: &Frame, books: &[&'a Rulebook]) -> Vec<Item<'a>> {
    let seen = |b: Option<Bounds>| b.is_none_or(|b| b.intersection(frame.bounds).is_some());
    let mut out = Vec::new();
    for kind in [ItemKind::Area, ItemKind::Zone, ItemKind::Line] {
        let mut number = 0;
        for book in books {
            let indices: Vec<usize> = match kind {
                ItemKind::Area => book.areas.iter().map(|(_, z)| *z).collect(),
                ItemKind::Zone => (0..book.zones.len())
                    .filter(|i| !book.areas.iter().any(|(_, z)| z == i))
                    .collect(),
                ItemKind::Line => (0..book.lines.len())
                    .filter(|i| book.lines[*i].drawn().is_some())
                    .collect(),
            };
            for index in indices {
                let visible = match kind {
                    ItemKind::Area | ItemKind::Zone => book
                        .zones
                        .get(index)
                        .is_some_and(|z| seen(layers::extent(book, &z.shape, 0))),
                    ItemKind::Line => seen(layers::line_extent(book, index, 0)),
                };
                if visible {
                    out.push(Item {
                        book,
                        kind,
                        index,
                        number,
                    });
                    number += 1;
                }
            }
        }
    }
    out
}

/// Areas under zones under lines under the events.
fn body(
    frame: &Frame,
    items: &[Item<'_>],
    placed: &[marks::Placed<'_>],
    budget: &mut layers::Budget,
) -> String {
    let mut out = String::new();
    let mut labels = Vec::new();
    for item in items {
        let book = item.book;
        out.push_str(&match item.kind {
            ItemKind::Area => {
                let fill = layers::area_colour(item.number);
                let zone = &book.zones[item.index];
                layers::zone(frame, book, zone, fill, 0.7, budget, &mut labels)
            }
            ItemKind::Zone => {
                let fill = layers::zone_colour(item.number);
                let zone = &book.zones[item.index];
                layers::zone(frame, book, zone, fill, 0.18, budget, &mut labels)
            }
            ItemKind::Line => layers::line(frame, &book.lines[item.index], item.number, budget),
        });
    }
    for p in placed {
        out.push_str(&marks::spread(frame, p));
    }
    out.push_str(&marks::markers(frame, placed));
    out
}

/// The box all drawn lines and bounded zones lie in.
fn geometry_bounds(books: &[&Rulebook]) -> Option<Bounds> {
    books
        .iter()
        .flat_map(|book| {
            let lines = (0..book.lines.len()).filter_map(|i| layers::line_extent(book, i, 0));
            let zones = book
                .zones
                .iter()
                .filter_map(|z| layers::extent(book, &z.shape, 0));
            lines.chain(zones).collect::<Vec<_>>()
        })
        .reduce(Bounds::union)
}

/// The scale bar (bottom left) and the north arrow (top right).
fn furniture(frame: &Frame) -> String {
    let km = frame::scale_km(frame);
    let len = frame.metres(km * 1000.0);
    let (x, y) = (14.0, frame::TOP + frame.height - 16.0);
    let half = len / 2.0;
    format!(
        "<g class=\"scale-bar\" data-km=\"{km}\" data-px=\"{len_px}\"><rect x=\"{bx}\" y=\"{by}\" width=\"{bw}\" height=\"30\" fill=\"#fff\" fill-opacity=\"0.85\"/><rect x=\"{x}\" y=\"{y}\" width=\"{half}\" height=\"5\" fill=\"#000\" stroke=\"#000\"/><rect x=\"{x2}\" y=\"{y}\" width=\"{half}\" height=\"5\" fill=\"#fff\" stroke=\"#000\"/><text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"10\">0</text><text x=\"{x3}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"10\">{words}</text></g>\n<g class=\"north-arrow\"><path d=\"M{ax} {ay}l8 22l-8 -6l-8 6Z\" fill=\"#000\"/><text x=\"{ax}\" y=\"{ny}\" text-anchor=\"middle\" font-weight=\"bold\">N</text></g>\n<rect x=\"0\" y=\"{top}\" width=\"{w}\" height=\"{h}\" fill=\"none\" stroke=\"#555\"/>\n",
        bx = n(x - 8.0),
        by = n(y - 14.0),
        bw = n(len + 40.0),
        x = n(x),
        y = n(y),
        half = n(half),
        x2 = n(x + half),
        x3 = n(x + len),
        ty = n(y - 3.0),
        words = frame::length_words(km),
        len_px = n(len),
        ax = n(frame::WIDTH - 24.0),
        ay = n(frame::TOP + 24.0),
        ny = n(frame::TOP + 20.0),
        top = n(frame::TOP),
        w = n(frame::WIDTH),
        h = n(frame.height),
    )
}

/// A figure for rulebooks with no geometry and events with no position.
fn nothing(books: &[&Rulebook], counts: &Counts) -> String {
    let mut out = figure::open(frame::WIDTH, 60.0, &title(books));
    out.push_str(&format!(
        "<text x=\"0\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{}</text>\n<text x=\"0\" y=\"42\">Nothing to draw: the rulebooks draw no line or zone and no event has a position that can be drawn ({} events without one).</text>\n</svg>\n",
        crate::render::markup::escape(&title(books)),
        counts.unplaced + counts.left_out
    ));
    out
}
