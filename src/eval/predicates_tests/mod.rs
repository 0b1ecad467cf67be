//! The spatial and temporal predicates on real geometry, against values
//! computed independently, by hand.
//!
//! Distances were computed in Python (python3, standard library only) with
//! the haversine formula on a sphere of mean radius R = 6,371,008.8 m:
//!
//! ```text
//! d = 2 R asin(sqrt(sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2)))
//! ```
//!
//! and, for a point and a line, the minimum of that distance along each
//! segment drawn straight in longitude and latitude (as GeoJSON draws it and
//! as truce measures it), sampled 2,000 times per segment and refined
//! around the best sample. Tolerance: 1 m for every distance, 0.03 % of the
//! shortest one tested (363.6 m). truce measures pieces of at most 0.05° as
//! great-circle arcs, which part from the drawn line by under 0.3 m; 1 m
//! still catches a wrong segment, a flat-earth shortcut or a different
//! radius (0.1 % of 10 km).
//!
//! Geometry is read from the shipped files in `rules/geo`.
//! Coordinates of places are (lat, lon) as the brief gives them.

use std::path::PathBuf;

use geo::{LineString, MultiLineString, coord};

use super::spatial::space::{between, crosses, distance_to_line, side_of};
use super::spatial::zone::{Membership, in_zone};
use super::truth::Truth;
use super::{Outcome, Reason, Step, Verdict};
use crate::check::{PartyIdx, Rulebook, Side};
use crate::events::{Format, Point};

/// Every distance is checked to this many metres.
const METRES: f64 = 1.0;

const PANMUNJOM: (f64, f64) = (37.9559, 126.6773);
const CHEORWON: (f64, f64) = (38.1468, 127.3132);
const KAESONG: (f64, f64) = (37.97, 126.55);
const MUNSAN: (f64, f64) = (37.86, 126.79);
/// The North Korean village in the DMZ, north of the line.
const KIJONG_DONG: (f64, f64) = (37.9483, 126.6539);
/// The South Korean village in the DMZ, south of the line.
const DAESEONG_DONG: (f64, f64) = (37.9408, 126.6769);
const DORASAN: (f64, f64) = (37.8996, 126.7083);
/// A point 1.15 km south of the shipped MDL below the JSA disc's centre.
const SOUTH_OF_JSA: (f64, f64) = (37.9350, 126.6871);
const DONETSK: (f64, f64) = (48.0159, 37.8028);
const DEBALTSEVE: (f64, f64) = (48.3403, 38.4064);
const HORLIVKA: (f64, f64) = (48.3336, 38.0925);
const KRAMATORSK: (f64, f64) = (48.72, 37.56);
const LEDRA_STREET: (f64, f64) = (35.1759, 33.3611);
/// A village inside the Cyprus buffer zone.
const PYLA: (f64, f64) = (35.0156, 33.6906);
const LARNACA: (f64, f64) = (34.9167, 33.6333);
const NAQOURA: (f64, f64) = (33.1180, 35.1397);
const KFAR_KILA: (f64, f64) = (33.2855, 35.5520);
const METULA: (f64, f64) = (33.2790, 35.5780);
const KIRYAT_SHMONA: (f64, f64) = (33.2075, 35.5697);
const SHLOMI: (f64, f64) = (33.0756, 35.1453);

fn at((lat, lon): (f64, f64)) -> Point {
    fuzzy((lat, lon), 0.0)
}

/// A position known to within `accuracy` metres.
fn fuzzy((lat, lon): (f64, f64), accuracy: f64) -> Point {
    Point { lat, lon, accuracy }
}

fn close(what: &str, actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= METRES,
        "{what}: got {actual:.3} m, expected {expected:.3} m ± {METRES} m"
    );
}

fn repo_geo(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("rules/geo")
        .join(file)
}

/// Every line of a GeoJSON file, or of its features whose name contains
/// `feature`, read independently of truce's own loader.
fn lines(path: PathBuf, feature: Option<&str>) -> MultiLineString {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut out = Vec::new();
    for f in doc["features"].as_array().unwrap() {
        let name = f["properties"]["name"].as_str().unwrap_or("");
        if feature.is_some_and(|want| !name.contains(want)) {
            continue;
        }
        let g = &f["geometry"];
        let parts = match g["type"].as_str().unwrap() {
            "LineString" => vec![g["coordinates"].clone()],
            "MultiLineString" => g["coordinates"].as_array().unwrap().clone(),
            _ => continue,
        };
        out.extend(parts.iter().map(line_string));
    }
    MultiLineString::new(out)
}

fn line_string(coords: &serde_json::Value) -> LineString {
    let pts = coords.as_array().unwrap().iter().map(|c| {
        let (x, y) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        coord! { x: x, y: y }
    });
    LineString::new(pts.collect())
}

fn mdl() -> MultiLineString {
    lines(repo_geo("korea-mdl.geojson"), None)
}

fn contact_2015() -> MultiLineString {
    lines(repo_geo("donbas-contact-line-2015-02.geojson"), None)
}

fn memorandum_2014() -> MultiLineString {
    lines(repo_geo("donbas-line-2014-09-19.geojson"), None)
}

fn blue_line() -> MultiLineString {
    lines(repo_geo("israel-lebanon-blue-line.geojson"), None)
}

fn side(place: (f64, f64), line: &MultiLineString) -> Option<Side> {
    side_of(&at(place), line).expect("the line has segments").0
}

/// Compiles rule text as if it were a file in `rules/`, so that
/// `geo/...` paths resolve.
fn compile(text: &str) -> Rulebook {
    compile_in(
        &format!("{}/rules/test.truce", env!("CARGO_MANIFEST_DIR")),
        text,
    )
}

fn compile_in(path: &str, text: &str) -> Rulebook {
    match crate::compile(&crate::span::Source::new(path, text)) {
        Ok(checked) => checked.rulebook,
        Err(e) => panic!("{}", errors(e).join("\n")),
    }
}

/// Every error, rendered as a person reads it (message, labels and help).
fn errors(e: crate::RulebookError) -> Vec<String> {
    use crate::render::diagnostics::render;
    match e {
        crate::RulebookError::Check(c) => c.errors.iter().map(|e| render(e, false)).collect(),
        other => vec![render(&other, false)],
    }
}

mod areas;
mod control;
mod crossings;
mod days;
mod distances;
mod enclosed;
mod sides;
mod time;
mod whole;
mod zones;
