//! The event graph as a picture: events as boxes coloured and marked by
//! outcome, each linking to its verdict (`#verdict-<event>`); relations as
//! labelled arrows. Laid out without external tools: events joined by
//! relations are drawn together, a group to a band of rows, in time order
//! left to right; events with no relation follow in a grid. At most
//! [`MAX_NODES`] events are drawn; the figure says how many were left out.

use crate::check::Relation;
use crate::eval::Outcome;
use crate::graph::EventGraph;
use crate::render::figure::{self, marker, n, style};
use crate::render::markup::escape;

/// The most events drawn: related ones first, earliest groups first.
pub const MAX_NODES: usize = 300;
const COLUMNS: usize = 6;
const NODE_W: f64 = 128.0;
const NODE_H: f64 = 36.0;
const COL_W: f64 = 150.0;
const ROW_H: f64 = 96.0;
const TOP: f64 = 30.0;
/// Characters of an id shown in its box; the tooltip holds it whole.
const ID_CHARS: usize = 16;

/// Where each drawn event's box is, by event index.
struct Layout {
    at: Vec<Option<(f64, f64)>>,
    height: f64,
    shown: usize,
    /// The y of the heading over the events with no relation, if any.
    loose_heading: Option<f64>,
}

/// The graph of `graph`'s events with `outcomes` (by event index, as
/// [`figure::outcomes`] gathers them).
pub fn svg(graph: &EventGraph, outcomes: &[Option<Outcome>]) -> String {
    let edges = edges(graph);
    let layout = layout(graph, &edges);
    let left_out = graph.events.len() - layout.shown;
    let notes = notes(left_out, graph.events.len());
    let height = layout.height + 20.0 + 15.0 * notes.len() as f64;
    let width = COL_W * COLUMNS as f64;
    let mut out = figure::open(width, height, "Event graph");
    out.push_str("<defs><marker id=\"truce-graph-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10Z\" fill=\"#444\"/></marker></defs>\n");
    out.push_str(
        "<text x=\"0\" y=\"18\" font-size=\"14\" font-weight=\"bold\">Event graph</text>\n",
    );
    for (from, to, relation) in &edges {
        if let (Some(a), Some(b)) = (layout.at[*from], layout.at[*to]) {
            out.push_str(&edge(a, b, *relation));
        }
    }
    if let Some(y) = layout.loose_heading {
        out.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"12\" fill=\"#333\">Events with no relation</text>\n",
            n(y)
        ));
    }
    for (i, at) in layout.at.iter().enumerate() {
        if let Some((x, y)) = at {
            out.push_str(&node(graph, i, outcomes.get(i).copied().flatten(), *x, *y));
        }
    }
    let mut y = layout.height + 20.0;
    for note in notes {
        out.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"11\" fill=\"#333\">{}</text>\n",
            n(y),
            escape(&note)
        ));
        y += 15.0;
    }
    out.push_str("</svg>\n");
    out
}

/// Every relation between two events, `(from, to, relation)`, in event
/// order then relation order.
fn edges(graph: &EventGraph) -> Vec<(usize, usize, Relation)> {
    let mut out = Vec::new();
    for i in 0..graph.events.len() {
        for relation in Relation::ALL {
            out.extend(
                graph
                    .related(i, relation)
                    .into_iter()
                    .map(|j| (i, j, relation)),
            );
        }
    }
    out
}

/// Groups of related events (joined by any relation), each in time order,
/// groups by their earliest event; then the events with no relation.
fn groups(graph: &EventGraph, edges: &[(usize, usize, Relation)]) -> (Vec<Vec<usize>>, Vec<usize>) {
    let count = graph.events.len();
    let mut parent: Vec<usize> = (0..count).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (a, b, _) in edges {
        let (ra, rb) = (root(&mut parent, *a), root(&mut parent, *b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let when = |i: &usize| (graph.events[*i].time.from, graph.events[*i].order, *i);
    let mut by_root: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..count {
        let r = root(&mut parent, i);
        by_root.entry(r).or_default().push(i);
    }
    let (mut joined, mut loose) = (Vec::new(), Vec::new());
    for (_, mut members) in by_root {
        members.sort_by_key(when);
        if members.len() == 1 {
            loose.push(members[0]);
        } else {
            joined.push(members);
        }
    }
    joined.sort_by_key(|g| when(&g[0]));
    loose.sort_by_key(when);
    (joined, loose)
}

fn layout(graph: &EventGraph, edges: &[(usize, usize, Relation)]) -> Layout {
    let (joined, loose) = groups(graph, edges);
    let mut at = vec![None; graph.events.len()];
    let mut shown = 0;
    let mut y = TOP + 56.0;
    for group in &joined {
        let room = MAX_NODES - shown;
        if room == 0 {
            break;
        }
        let take = group.len().min(room);
        for (k, i) in group[..take].iter().enumerate() {
            at[*i] = Some((
                10.0 + (k % COLUMNS) as f64 * COL_W,
                y + (k / COLUMNS) as f64 * ROW_H,
            ));
        }
        shown += take;
        y += take.div_ceil(COLUMNS) as f64 * ROW_H;
    }
    let room = MAX_NODES - shown;
    let take = loose.len().min(room);
    let mut loose_heading = None;
    if take > 0 {
        loose_heading = Some(y - 14.0);
        y += 6.0;
        for (k, i) in loose[..take].iter().enumerate() {
            at[*i] = Some((
                10.0 + (k % COLUMNS) as f64 * COL_W,
                y + (k / COLUMNS) as f64 * (NODE_H + 14.0),
            ));
        }
        y += take.div_ceil(COLUMNS) as f64 * (NODE_H + 14.0);
    }
    shown += take;
    Layout {
        at,
        height: y,
        shown,
        loose_heading,
    }
}

/// A relation: an arrow from the event that names it to the one named,
/// arched above its row when both are in one row, labelled at its middle.
fn edge(a: (f64, f64), b: (f64, f64), relation: Relation) -> String {
    let (ax, ay) = (a.0 + NODE_W / 2.0, a.1);
    let (bx, by) = (b.0 + NODE_W / 2.0, b.1);
    let (d, lx, ly) = if (ay - by).abs() < 1.0 {
        // Arcs over longer spans rise higher, but stay below the row above.
        let lift = (22.0 + 10.0 * ((ax - bx).abs() / COL_W)).min(50.0);
        let (cx, cy) = ((ax + bx) / 2.0, ay - lift * 2.0);
        // The label sits two thirds of the way along, towards the event
        // named: arcs leaving one event fan out to different targets, so
        // their labels do not sit on one another.
        let t: f64 = 2.0 / 3.0;
        let at =
            |p: f64, c: f64, q: f64| (1.0 - t).powi(2) * p + 2.0 * (1.0 - t) * t * c + t * t * q;
        (
            format!(
                "M{} {}Q{} {} {} {}",
                n(ax),
                n(ay),
                n(cx),
                n(cy),
                n(bx),
                n(by)
            ),
            at(ax, cx, bx),
            at(ay, cy, by),
        )
    } else {
        // Between rows: from the bottom of the upper box to the top of the
        // lower one (or the reverse), as a gentle S.
        let (sy, ey) = if ay < by {
            (ay + NODE_H, by)
        } else {
            (ay, by + NODE_H)
        };
        let mid = (sy + ey) / 2.0;
        let t: f64 = 2.0 / 3.0;
        let u = 1.0 - t;
        let cubic = |p: f64, c: f64, d: f64, q: f64| {
            u.powi(3) * p + 3.0 * u * u * t * c + 3.0 * u * t * t * d + t.powi(3) * q
        };
        (
            format!(
                "M{} {}C{} {} {} {} {} {}",
                n(ax),
                n(sy),
                n(ax),
                n(mid),
                n(bx),
                n(mid),
                n(bx),
                n(ey)
            ),
            cubic(ax, ax, bx, bx),
            cubic(sy, mid, mid, ey),
        )
    };
    let name = relation.name();
    format!(
        "<g class=\"relation\" data-relation=\"{name}\"><path d=\"{d}\" fill=\"none\" stroke=\"#444\" stroke-width=\"1.2\" marker-end=\"url(#truce-graph-arrow)\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#222\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{name}</text></g>\n",
        n(lx),
        n(ly + 3.0)
    )
}

/// An event's box: its marker, id and outcome, linking to its verdict.
fn node(graph: &EventGraph, i: usize, outcome: Option<Outcome>, x: f64, y: f64) -> String {
    let e = &graph.events[i];
    let s = style(outcome);
    let id = escape(&e.id);
    let shown: String = if e.id.chars().count() > ID_CHARS {
        e.id.chars().take(ID_CHARS - 1).chain(['…']).collect()
    } else {
        e.id.to_string()
    };
    format!(
        "<a href=\"#{anchor}\" class=\"event-node\" data-event=\"{id}\" data-outcome=\"{word}\"><title>{id}: {word}, {time}</title><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"5\" fill=\"{c}\" fill-opacity=\"0.15\" stroke=\"{c}\" stroke-width=\"1.5\"/>{m}<text x=\"{tx}\" y=\"{ty}\" font-weight=\"bold\">{label}</text><text x=\"{tx}\" y=\"{wy}\" font-size=\"10\" fill=\"#333\">{word}</text></a>\n",
        word = s.word,
        anchor = crate::render::document::anchor(&e.id),
        time = escape(&crate::eval::written_time(&e.time)),
        x = n(x),
        y = n(y),
        w = n(NODE_W),
        h = n(NODE_H),
        c = s.colour,
        m = marker(s.shape, x + 12.0, y + NODE_H / 2.0, 5.5, s.colour),
        tx = n(x + 24.0),
        ty = n(y + 15.0),
        wy = n(y + 29.0),
        label = escape(&shown),
    )
}

fn notes(left_out: usize, total: usize) -> Vec<String> {
    let mut notes = vec![
        "Arrows run from the event that names a relation to the event it names. Each box links to its verdict."
            .to_owned(),
    ];
    if left_out > 0 {
        notes.push(format!(
            "{left_out} of {total} events are not shown: the graph shows at most {MAX_NODES}, related events first."
        ));
    }
    notes
}
