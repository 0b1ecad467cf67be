//! Polygons that do not enclose ground as drawn: a ring whose points lie on
//! one line encloses nothing, so every test of the zone is false (an error);
//! a ring whose edges cross or touch leaves unclear which ground is inside
//! (a warning: real boundaries traced from maps sometimes touch themselves).

use geo::{Area, ConvexHull, Polygon};

use super::Cx;
use crate::check::err::{Problem, Warning};
use crate::check::{DegenerateError, ZoneExpr};
use crate::span::Span;

/// Under this many square degrees (about 0.01 m²) a ring encloses nothing.
const NO_AREA: f64 = 1e-12;

pub(super) fn check(cx: &mut Cx<'_>) {
    for (i, zone) in cx.rulebook.zones.iter().enumerate() {
        let owner = cx.zone_words(i);
        let mut found = Vec::new();
        polygons(&zone.shape, &mut found);
        for (polygons, span) in found {
            let many = polygons.len() > 1;
            for (k, polygon) in polygons.iter().enumerate() {
                let which = if many {
                    format!("polygon {} of {owner}", k + 1)
                } else {
                    format!("the polygon of {owner}")
                };
                fault(cx, polygon, &which, span);
            }
        }
    }
}

/// The polygons written in a zone's own definition.
fn polygons<'a>(e: &'a ZoneExpr, out: &mut Vec<(&'a [Polygon], &'a Span)>) {
    match e {
        ZoneExpr::Polygon(p, span) => out.push((&p.0, span)),
        ZoneExpr::And(a, b) | ZoneExpr::Or(a, b) => {
            polygons(a, out);
            polygons(b, out);
        }
        ZoneExpr::Not(a) => polygons(a, out),
        ZoneExpr::Buffer { .. } | ZoneExpr::Around { .. } | ZoneExpr::Zone(_) => {}
    }
}

fn fault(cx: &mut Cx<'_>, polygon: &Polygon, which: &str, span: &Span) {
    // The hull: a ring whose edges cross can enclose ground while its
    // signed area sums to nothing (a bow tie), which is the warning's case.
    if polygon.exterior().convex_hull().unsigned_area() < NO_AREA {
        cx.found
            .errors
            .push(DegenerateError::new(span, which).into());
        return;
    }
    let rings: Vec<_> = std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .collect();
    if crate::check::rings_meet(&rings) {
        let warning = Warning::SelfCrossing {
            which: which.to_owned(),
        };
        let help = "which ground is inside is then unclear; draw each ring so that no two of its edges meet, or split it into polygons";
        cx.found
            .warnings
            .push(warning.at(span, "edges meet").help(help));
    }
}
