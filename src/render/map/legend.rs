//! The map's legend, below the plot: what each marker, shape and line
//! means, how the map is projected, and what was left out.

use super::frame::{self, Frame};
use super::marks::{Placed, Spread};
use super::{Counts, Item, ItemKind, MAX_MARKS, layers};
use crate::render::figure::{LEGEND, marker, n, style};
use crate::render::markup::escape;

const COLUMNS: usize = 4;
const ROW: f64 = 18.0;

/// A key: its swatch drawn at `(x, y)`, and its words.
type Key = (Box<dyn Fn(f64, f64) -> String>, String);

/// The legend's SVG and its height.
pub fn legend(
    frame: &Frame,
    items: &[Item<'_>],
    placed: &[Placed<'_>],
    counts: &Counts,
) -> (String, f64) {
    let mut keys: Vec<Key> = Vec::new();
    for o in LEGEND {
        let s = style(o);
        let count = placed.iter().filter(|p| p.mark.outcome == o).count();
        keys.push((
            Box::new(move |x, y| marker(s.shape, x + 8.0, y, 5.5, s.colour)),
            format!("{} ({count})", s.word),
        ));
    }
    spreads(placed, &mut keys);
    geometry(items, &mut keys);
    let top = frame::TOP + frame.height + 12.0;
    let width = frame::WIDTH / COLUMNS as f64;
    let mut out = String::from("<g class=\"legend\">\n");
    for (i, (swatch, words)) in keys.iter().enumerate() {
        let x = (i % COLUMNS) as f64 * width;
        let y = top + (i / COLUMNS) as f64 * ROW + 6.0;
        out.push_str(&swatch(x, y));
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\">{}</text>\n",
            n(x + 22.0),
            n(y + 4.0),
            escape(words)
        ));
    }
    let mut y = top + keys.len().div_ceil(COLUMNS) as f64 * ROW + 10.0;
    for note in notes(frame, counts) {
        out.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"11\" fill=\"#333\">{}</text>\n",
            n(y),
            escape(&note)
        ));
        y += 15.0;
    }
    out.push_str("</g>\n");
    (out, y - frame::TOP - frame.height)
}

/// Keys for the kinds of uncertain position the map shows.
fn spreads(placed: &[Placed<'_>], keys: &mut Vec<Key>) {
    let paint = "fill=\"#777\" fill-opacity=\"0.15\" stroke=\"#777\" stroke-dasharray=\"3 2\"";
    let has = |f: &dyn Fn(&Placed<'_>) -> bool| placed.iter().any(f);
    if has(&|p| matches!(p.spread, Spread::Circle(_))) {
        keys.push((
            Box::new(move |x, y| {
                format!(
                    "<circle cx=\"{}\" cy=\"{}\" r=\"7\" {paint}/>",
                    n(x + 8.0),
                    n(y)
                )
            }),
            "accuracy circle".into(),
        ));
    }
    if has(&|p| matches!(p.spread, Spread::Sector(_))) {
        keys.push((
            Box::new(move |x, y| format!("<path d=\"M{} {}l16 -7v14Z\" {paint}/>", n(x), n(y))),
            "bearing: the sector it may lie in".into(),
        ));
    }
    if has(&|p| matches!(p.spread, Spread::Square(_))) {
        keys.push((
            Box::new(move |x, y| {
                format!(
                    "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" {paint}/>",
                    n(x + 1.0),
                    n(y - 7.0)
                )
            }),
            "reported grid square or box".into(),
        ));
    }
    if has(&|p| p.from.is_some()) {
        keys.push((
            Box::new(|x, y| {
                format!(
                    "<circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"#fff\" stroke=\"#444\"/><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#444\" stroke-dasharray=\"2 3\"/>",
                    n(x + 2.0), n(y), n(x + 4.5), n(y), n(x + 18.0), n(y)
                )
            }),
            "from where it was fired".into(),
        ));
    }
}

/// Keys for the areas, zones and lines drawn, in the order they are drawn.
fn geometry(items: &[Item<'_>], keys: &mut Vec<Key>) {
    let rect = |fill: &'static str, opacity: &'static str| -> Box<dyn Fn(f64, f64) -> String> {
        Box::new(move |x, y| {
            format!(
                "<rect x=\"{}\" y=\"{}\" width=\"16\" height=\"12\" fill=\"{fill}\" fill-opacity=\"{opacity}\" stroke=\"{fill}\"/>",
                n(x),
                n(y - 6.0)
            )
        })
    };
    for item in items {
        let book = item.book;
        match item.kind {
            ItemKind::Area => {
                let party = book
                    .areas
                    .iter()
                    .find(|(_, z)| *z == item.index)
                    .and_then(|(p, _)| book.parties.get(usize::from(*p)))
                    .map_or("", |p| &*p.id);
                let fill = layers::area_colour(item.number);
                keys.push((rect(fill, "0.7"), format!("area of {party}")));
            }
            ItemKind::Zone => {
                let fill = layers::zone_colour(item.number);
                keys.push((
                    rect(fill, "0.3"),
                    format!("zone {}", book.zones[item.index].name),
                ));
            }
            ItemKind::Line => {
                let dash = layers::dash(item.number);
                keys.push((
                    Box::new(move |x, y| {
                        format!(
                            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1a1a1a\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>",
                            n(x), n(y), n(x + 18.0), n(y)
                        )
                    }),
                    format!("line {}", book.lines[item.index].name),
                ));
            }
        }
    }
}

/// The projection, the extent shown, and what was left out.
fn notes(frame: &Frame, counts: &Counts) -> Vec<String> {
    let b = frame.bounds;
    let mid = frame.mid_latitude();
    let mut notes = vec![
        format!(
            "Equirectangular projection, longitudes scaled by cos({:.2}°): distances are true along latitude {}.",
            mid.abs(),
            hemisphere(mid, 'N', 'S', 2)
        ),
        "A band on one side of a line is drawn by offsetting the line: approximate at sharp bends."
            .to_owned(),
        format!(
            "Shown: {} to {}, {} to {}. Each marker links to its verdict.",
            hemisphere(b.west, 'E', 'W', 3),
            hemisphere(b.east, 'E', 'W', 3),
            hemisphere(b.south, 'N', 'S', 3),
            hemisphere(b.north, 'N', 'S', 3)
        ),
    ];
    if counts.left_out > 0 {
        notes.push(format!(
            "{} more events are not shown: the map shows at most {MAX_MARKS}, the gravest outcomes first.",
            counts.left_out
        ));
    }
    if counts.unplaced > 0 {
        notes.push(format!(
            "{} events have no position that can be drawn (none given, or only a side of a line).",
            counts.unplaced
        ));
    }
    if counts.shapes_left_out > 0 {
        notes.push(format!(
            "{} shapes of geometry are not drawn: the map holds at most {} points.",
            counts.shapes_left_out,
            layers::MAX_VERTICES
        ));
    }
    notes
}

/// `38.09° N`, `126.856° E`.
fn hemisphere(v: f64, plus: char, minus: char, places: usize) -> String {
    let letter = if v < 0.0 { minus } else { plus };
    format!("{:.*}° {letter}", places, v.abs())
}
