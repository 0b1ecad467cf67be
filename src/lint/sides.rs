//! Sides that contradict a party's area: a line whose holdings give
//! another party the side where ground of a party's area lies, clearly
//! (more than [`LINE_ACCURACY_M`] from the line, and beside it, not beyond
//! its ends unless it is `extended`), and near it (within
//! [`SIDE_REACH_M`]: farther, a side is the line extended, and the area
//! prevails). Where they disagree the area prevails, but a line and an
//! area that disagree near the line are a sign one was drawn amiss, so
//! this is a warning.
//!
//! The points tried are the area's samples (see `samples.rs`) and probes
//! on either side of the line, from 1.5 to 100 km off it; each point on
//! another party's side is confirmed inside the area by evaluation's own
//! zone test.

use super::samples::{probes, samples};
use super::{Cx, LINE_ACCURACY_M, SIDE_REACH_M, TOUCH_M, distance_words, line_cost, point_words};
use crate::check::err::{Problem, Warning};
use crate::check::{CheckWarning, HoldingAt, PartyIdx};
use crate::eval::{Truth, side_indexed};
use crate::events::Point;

pub(super) fn check(cx: &mut Cx<'_>) {
    let r = cx.rulebook;
    for &(party, zone) in &r.areas {
        let mut ground: Option<Vec<(f64, f64)>> = None;
        for (i, line) in r.lines.iter().enumerate() {
            if line.drawn().is_none() || line.holdings.is_empty() {
                continue;
            }
            let side = cx.side_of(party);
            let others: Vec<&HoldingAt> = line
                .holdings
                .iter()
                .filter(|h| cx.side_of(h.party) != side)
                .collect();
            if others.is_empty() {
                continue;
            }
            let ground = ground.get_or_insert_with(|| samples(r, zone, Some(party)));
            let mut tried = ground.clone();
            tried.extend(line.drawn().map(probes).unwrap_or_default());
            if let Some((at, d, holder)) = across(cx, i, (party, zone), &others, &tried) {
                let warning = warning(cx, i, party, holder, at, d);
                cx.found.warnings.push(warning);
            }
        }
    }
}

/// A point of the area on a side another party holds, clearly: the
/// point, its distance from the line, and the holding it contradicts.
fn across<'h>(
    cx: &mut Cx<'_>,
    line: usize,
    (party, zone): (PartyIdx, usize),
    others: &[&'h HoldingAt],
    ground: &[(f64, f64)],
) -> Option<((f64, f64), f64, &'h HoldingAt)> {
    let r = cx.rulebook;
    let l = &r.lines[line];
    let geometry = l.drawn()?;
    for &at in ground {
        if !cx.spend(line_cost(r, line)) {
            return None;
        }
        let p = Point {
            lon: at.0,
            lat: at.1,
            accuracy: 0.0,
        };
        let Some((Some(side), d)) = side_indexed(&p, geometry, l.index.as_ref(), l.extended) else {
            continue;
        };
        if d <= LINE_ACCURACY_M || d > SIDE_REACH_M || near_an_end(&p, geometry, d) {
            continue;
        }
        let Some(holder) = others.iter().find(|h| h.side == side) else {
            continue;
        };
        if cx.in_zone(zone, Some(party), at, TOUCH_M) == Some(Truth::True) {
            return Some((at, d, holder));
        }
    }
    None
}

/// Whether the line's nearest point to `p` lies within the line's accuracy
/// of one of its ends: there which side `p` is on turns on how the end was
/// drawn (the MDL's first segment begins at the Han estuary, where the
/// boundary turns west along the estuary and the shipped line does not).
fn near_an_end(p: &Point, line: &geo::MultiLineString, d: f64) -> bool {
    let ends = line
        .0
        .iter()
        .flat_map(|part| [part.0.first(), part.0.last()])
        .flatten();
    ends.into_iter().any(|c| {
        let end = Point {
            lon: c.x,
            lat: c.y,
            accuracy: 0.0,
        };
        crate::eval::between(p, &end) - d < LINE_ACCURACY_M
    })
}

/// The warning, at the holding that gives the other party its side.
fn warning(
    cx: &Cx<'_>,
    line: usize,
    party: PartyIdx,
    holding: &HoldingAt,
    point: (f64, f64),
    d: f64,
) -> CheckWarning {
    let name = &cx.rulebook.lines[line].name;
    let (p, q) = (cx.party_id(party), cx.party_id(holding.party));
    let warning = Warning::SideConflict {
        line: name.to_string(),
        holder: q.to_string(),
        party: p.to_string(),
    };
    let label = format!("`{p}`'s area reaches this side");
    let help = format!(
        "{} lies in `{p}`'s area, {} from the line on the side `{q}` holds; where a line and an area disagree the area prevails, but so near the line one of them is likely drawn amiss: check which side each party holds, or redraw the area",
        point_words(point),
        distance_words(d)
    );
    warning.at(&holding.span, label).help(help)
}

#[cfg(test)]
mod tests {
    use crate::lint::{DONBAS, problems};

    #[test]
    fn the_shipped_kaa_areas_and_mdl_agree_where_the_line_is_read() {
        // The shipped MDL's first segment runs north from the Han estuary
        // (126.669, 37.828), so the sea west of it and north of its start is
        // beside the line, on its north side: Paengyong-do, 174 km off and
        // the UNC's under para 13(b), among it. So far from the line the
        // area prevails, and no warning is due.
        let checked = crate::load_rulebook(std::path::Path::new("rules/kaa.truce")).unwrap();
        assert!(checked.warnings.is_empty(), "{:?}", checked.warnings);
    }

    #[test]
    fn an_area_drawn_across_a_line_contradicts_the_other_side() {
        // UA's area a band on both sides of the line of contact: its eastern
        // half lies on the side RU holds (line 10, RU's holding).
        let line = "line contact from \"geo/donbas-contact-line-2015-02.geojson\" {\n  RU holds east,\n  UA holds west,\n}\n";
        let text = format!("{DONBAS}{line}area UA = within 20 km of contact\n");
        assert_eq!(
            problems(&text),
            [("truce::check::side_conflict".to_owned(), 11)]
        );
        let text = format!("{DONBAS}{line}area UA = within 20 km of contact on UA side\n");
        assert_eq!(problems(&text), []);
    }

    #[test]
    fn ground_within_the_lines_accuracy_is_on_neither_side() {
        // UA's polygon reaches 500 m east of a straight line: within its
        // accuracy, so no side is contradicted; 5 km east, it is.
        let line = "line contact = [(38.0, 48.6), (38.0, 47.7)] { UA holds west, RU holds east }\n";
        let area = |east: f64| {
            format!(
                "area UA = polygon [(37.0, 47.8), ({east}, 47.8), ({east}, 48.5), (37.0, 48.5)]\n"
            )
        };
        assert_eq!(problems(&format!("{DONBAS}{line}{}", area(38.0067))), []);
        let far = problems(&format!("{DONBAS}{line}{}", area(38.067)));
        assert_eq!(far, [("truce::check::side_conflict".to_owned(), 10)]);
    }
}
