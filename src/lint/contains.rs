//! Points the rulebook says a zone or area contains (`contains (lon, lat)
//! "label"`), and the reference points of holdings (`UA holds side of
//! (lon, lat)`), which must lie in their party's area when it has one.
//!
//! Membership is decided as evaluation decides it, for an exact position:
//! only a point surely outside is reported; one the zone cannot decide
//! (a band on the actor's own side, say) is not.

use super::Cx;
use crate::check::err::{Problem, Warning};
use crate::check::{CheckWarning, ContainedPoint};
use crate::eval::Truth;

pub(super) fn check(cx: &mut Cx<'_>) {
    zones(cx);
    holdings(cx);
}

/// Each zone's and area's `contains` points.
fn zones(cx: &mut Cx<'_>) {
    let r = cx.rulebook;
    for (i, zone) in r.zones.iter().enumerate() {
        let party = cx.area_party(i);
        for c in &zone.contains {
            let Some(m) = cx.membership(i, party, (c.lon, c.lat), 0.0) else {
                return;
            };
            if m.truth == Truth::False {
                let computed = crate::render::words::computed(&m.computed);
                let warning = outside(c, &cx.zone_words(i), party.is_some(), &computed);
                cx.found.warnings.push(warning);
            }
        }
    }
}

fn outside(c: &ContainedPoint, zone: &str, area: bool, computed: &str) -> CheckWarning {
    let point = match &c.label {
        Some(label) => format!("`{label}` {}", c.written),
        None => c.written.clone(),
    };
    let warning = Warning::Outside {
        zone: zone.to_owned(),
        point,
    };
    let help = format!(
        "as truce reads it: {computed}; correct the point, or the {}",
        if area { "area" } else { "zone" }
    );
    warning.at(&c.span, "outside it").help(help)
}

/// Each reference point of a holding, against its party's area.
fn holdings(cx: &mut Cx<'_>) {
    let r = cx.rulebook;
    for line in &r.lines {
        for h in &line.holdings {
            let Some(point) = h.point else { continue };
            let side = cx.side_of(h.party);
            let areas: Vec<_> = r
                .areas
                .iter()
                .filter(|(p, _)| cx.side_of(*p) == side)
                .copied()
                .collect();
            if areas.is_empty() {
                continue;
            }
            let mut outside = true;
            for &(p, zone) in &areas {
                match cx.in_zone(zone, Some(p), point, 0.0) {
                    Some(Truth::False) => {}
                    Some(Truth::True | Truth::Unknown) | None => outside = false,
                }
            }
            if outside {
                let id = cx.party_id(h.party);
                let problem = Warning::ReferenceOutside {
                    party: id.to_string(),
                    line: line.name.to_string(),
                    area: cx.party_id(side).to_string(),
                };
                let help = format!(
                    "a side is named by a point on it, and `{id}`'s side should lie in its area: correct the point, or the area"
                );
                let warning = problem.at(&h.span, "outside the area").help(help);
                cx.found.warnings.push(warning);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::{DONBAS, problems};

    const KOREA: &str = "agreement \"K\" {\n  in force 1953-07-27 22:00 Asia/Seoul\n  party UNC \"UNC\"\n  party KPA \"KPA\"\n}\nact fire \"fire\"\narticle 1 \"t\" {\n  violation when act is fire\n}\nline mdl from \"geo/korea-mdl.geojson\" { KPA holds north, UNC holds south }\nzone dmz = within 2 km of mdl\n";

    #[test]
    fn the_real_panmunjom_lies_outside_the_shipped_jsa_disc() {
        // The shipped `jsa` is centred where the 1:10m MDL passes the JSA's
        // longitude, 1.2 km south of the real JSA at (126.6773, 37.9559).
        let jsa = "zone jsa = within 400 m of (126.6871, 37.9454) and dmz";
        let text = format!("{KOREA}{jsa} contains (126.6773, 37.9559) \"Panmunjom\"\n");
        assert_eq!(problems(&text), [("truce::check::outside".to_owned(), 12)]);
        let text = format!("{KOREA}{jsa} contains (126.6871, 37.9454), (126.6880, 37.9460)\n");
        assert_eq!(problems(&text), []);
    }

    #[test]
    fn an_area_names_the_islands_it_holds() {
        // Para 13(b): Yonpyong-do stays with the UNC; Haeju lies well away.
        let area = "area UNC = within 4 km of (125.70, 37.665)";
        let text = format!("{KOREA}{area} contains (125.70, 37.67) \"Yonpyong-do\"\n");
        assert_eq!(problems(&text), []);
        let text = format!("{KOREA}{area} contains (125.70, 38.03) \"Haeju\"\n");
        assert_eq!(problems(&text), [("truce::check::outside".to_owned(), 12)]);
    }

    #[test]
    fn a_point_the_zone_cannot_decide_is_not_reported() {
        // A band on the actor's own side: whose side it is depends on the
        // actor, so no point can be said to lie outside it.
        let text = format!(
            "{DONBAS}line contact = [(38.0, 48.6), (38.0, 47.7)] {{ UA holds west, RU holds east }}\nzone band = within 10 km of contact on own side contains (37.95, 48.2)\n"
        );
        assert_eq!(problems(&text), []);
    }

    #[test]
    fn a_reference_point_must_lie_in_its_partys_area() {
        let line = "line contact = [(38.0, 48.6), (38.0, 47.7)] {\n  UA holds side of (37.9, 48.2),\n  RU holds side of (38.1, 48.2),\n}\n";
        let areas = "area UA = polygon [(37.0, 47.7), (38.0, 47.7), (38.0, 48.6), (37.0, 48.6)]\narea RU = within 5 km of (38.5, 48.2)\n";
        let text = format!("{DONBAS}{line}{areas}");
        // RU's point, 7 km east of the line, is 29 km from RU's disc.
        assert_eq!(problems(&text), [("truce::check::outside".to_owned(), 12)]);
    }
}
