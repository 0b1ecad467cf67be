//! The floor: the benchmark's two-article policy (`benches/policy/policy.truce`)
//! as a hand-written program. It streams the events file with serde_json into
//! a plain struct, decides each event with a Rust function over the same line
//! geometry, and writes one decision line per event. truce's end-to-end time
//! is quoted as a multiple of this one, measured in the same run.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use geo::{Closest, Distance, Haversine, HaversineClosestPoint, Line, Point};
use serde::Deserialize;

/// What the policy reads of an event; everything else is skipped.
#[derive(Deserialize)]
struct Event {
    id: String,
    act: String,
    #[serde(default)]
    weapon: Option<Weapon>,
    place: Fix,
    #[serde(default)]
    responds_to: Option<String>,
}

#[derive(Deserialize)]
struct Weapon {
    calibre_mm: f64,
}

#[derive(Deserialize)]
struct Fix {
    lat: f64,
    lon: f64,
}

/// The policy's decision on one event: which of its two articles it breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Decision {
    pub article_1: bool,
    pub article_2: bool,
}

/// The line's segments, read once from the policy's GeoJSON.
pub struct Policy {
    segments: Vec<Line<f64>>,
}

impl Policy {
    pub fn read(geojson: &Path) -> Policy {
        let text = std::fs::read_to_string(geojson).expect("the policy's line is readable");
        let value: serde_json::Value = serde_json::from_str(&text).expect("GeoJSON");
        let coords = &value["features"][0]["geometry"]["coordinates"];
        let points: Vec<(f64, f64)> = coords
            .as_array()
            .expect("a LineString")
            .iter()
            .map(|c| (c[0].as_f64().unwrap(), c[1].as_f64().unwrap()))
            .collect();
        // Cut as truce measures a segment: in pieces of at most 0.05° of
        // longitude or latitude, each measured on the sphere.
        let segments = points
            .windows(2)
            .flat_map(|w| {
                let (a, b) = (w[0], w[1]);
                let n = ((b.0 - a.0).abs().max((b.1 - a.1).abs()) / 0.05)
                    .ceil()
                    .max(1.0) as usize;
                let at = move |k: usize| {
                    let t = k as f64 / n as f64;
                    (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
                };
                (0..n).map(move |k| Line::new(at(k), at(k + 1)))
            })
            .collect();
        Policy { segments }
    }

    /// Great-circle metres from a point to the line: the closest point of
    /// each piece, measured only for the pieces that a flat measure puts
    /// within a percent of the nearest (as truce prefilters).
    fn distance(&self, lat: f64, lon: f64) -> f64 {
        let p = Point::new(lon, lat);
        let scale = lat.to_radians().cos();
        let flat = |s: &&Line<f64>| flat_distance(s, lon, lat, scale);
        let nearest = self
            .segments
            .iter()
            .map(|s| flat(&s))
            .fold(f64::INFINITY, f64::min);
        let margin = nearest * 1.01 + 1e-6;
        self.segments
            .iter()
            .filter(|s| flat(s) <= margin)
            .filter_map(|s| match s.haversine_closest_point(&p) {
                Closest::SinglePoint(q) | Closest::Intersection(q) => {
                    Some(Haversine.distance(p, q))
                }
                Closest::Indeterminate => None,
            })
            .fold(f64::INFINITY, f64::min)
    }

    /// Article 1: fire within 5 km of the line, not in answer to fire.
    /// Article 2: a weapon of 100 mm or more within 25 km of the line.
    fn decide(&self, e: &Event, answers_fire: bool) -> Decision {
        let metres = self.distance(e.place.lat, e.place.lon);
        let heavy = e.weapon.as_ref().is_some_and(|w| w.calibre_mm >= 100.0);
        Decision {
            article_1: e.act == "fire" && metres <= 5_000.0 && !answers_fire,
            article_2: heavy && metres <= 25_000.0,
        }
    }
}

/// Distance in degrees (of latitude) from a point to a segment, on a plane
/// whose longitudes are scaled by `scale` (the cosine of the latitude).
fn flat_distance(s: &Line<f64>, lon: f64, lat: f64, scale: f64) -> f64 {
    let (ax, ay) = ((s.start.x - lon) * scale, s.start.y - lat);
    let (bx, by) = ((s.end.x - lon) * scale, s.end.y - lat);
    let (dx, dy) = (bx - ax, by - ay);
    let length = dx * dx + dy * dy;
    let t = if length > 0.0 {
        (-(ax * dx + ay * dy) / length).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (ax + dx * t).hypot(ay + dy * t)
}

/// Decides every event of `events` and writes one line per event to `out`;
/// returns the decisions in input order when `keep` (to compare with truce).
pub fn run(policy: &Policy, events: &Path, out: &Path, keep: bool) -> Vec<Decision> {
    let reader = BufReader::with_capacity(1 << 20, std::fs::File::open(events).unwrap());
    let mut writer = BufWriter::with_capacity(1 << 20, std::fs::File::create(out).unwrap());
    // What later events can refer to: whether each event was fire.
    let mut fire: HashMap<String, bool> = HashMap::new();
    let mut kept = Vec::new();
    for line in reader.lines() {
        let line = line.unwrap();
        let e: Event = serde_json::from_str(&line).expect("an event");
        let answers_fire = e
            .responds_to
            .as_ref()
            .is_some_and(|r| fire.get(r).copied().unwrap_or(false));
        let d = policy.decide(&e, answers_fire);
        let outcome = if d.article_1 || d.article_2 {
            "violation"
        } else {
            "no_violation"
        };
        writeln!(writer, "{} {outcome} {} {}", e.id, d.article_1, d.article_2).unwrap();
        fire.insert(e.id, e.act == "fire");
        if keep {
            kept.push(d);
        }
    }
    writer.flush().unwrap();
    kept
}
