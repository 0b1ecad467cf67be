//! `cargo bench --bench spatial`: distance to a line and zone membership
//! for 1M generated points near the MDL, with and without the spatial
//! index (rstar), on the shipped 1:10m line (44 segments) and on the same
//! line densified to survey-like detail (about 5,000 segments).
//!
//! Every indexed answer is checked against the plain scan's, so the
//! figures compare two ways of computing the same numbers. Medians of
//! several runs; the machine is shared, so read ratios, not absolute times.

mod common;

use common::Rng;
use std::path::Path;
use std::time::{Duration, Instant};

use geo::{Coord, LineString, MultiLineString};
use truce::check::SegmentIndex;
use truce::eval::{Truth, distance_indexed, in_zone};
use truce::events::Point;

/// Points measured; `TRUCE_BENCH_POINTS` overrides it for a quick look.
fn points_wanted() -> usize {
    std::env::var("TRUCE_BENCH_POINTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}
const RUNS: usize = 3;
/// Each shipped segment is cut into this many to make the detailed line.
const DENSITY: usize = 120;

/// Points within about 10 km of the line's vertices, where events are.
fn points(line: &MultiLineString) -> Vec<Point> {
    let vertices: Vec<Coord> = line.iter().flat_map(|l| l.0.iter().copied()).collect();
    let mut rng = Rng(0x7370_6174);
    (0..points_wanted())
        .map(|_| {
            let v = vertices[(rng.next() % vertices.len() as u64) as usize];
            Point {
                lat: v.y + (rng.unit() - 0.5) * 0.2,
                lon: v.x + (rng.unit() - 0.5) * 0.2,
                accuracy: 0.0,
            }
        })
        .collect()
}

fn densify(line: &MultiLineString) -> MultiLineString {
    let parts = line.iter().map(|l| {
        let mut coords = Vec::new();
        for w in l.0.windows(2) {
            for k in 0..DENSITY {
                let t = k as f64 / DENSITY as f64;
                coords.push(Coord {
                    x: w[0].x + (w[1].x - w[0].x) * t,
                    y: w[0].y + (w[1].y - w[0].y) * t,
                });
            }
        }
        coords.extend(l.0.last().copied());
        LineString::new(coords)
    });
    MultiLineString::new(parts.collect())
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// The median of [`RUNS`] runs, or of one run when a run takes more than
/// ten seconds (the plain scan over the detailed line, over 1M points).
fn time<T>(f: impl Fn() -> T) -> (Duration, T) {
    let mut runs = Vec::new();
    let mut out = None;
    while runs.len() < RUNS {
        let start = Instant::now();
        out = Some(f());
        runs.push(start.elapsed());
        if runs[0] > Duration::from_secs(10) {
            break;
        }
    }
    (median(runs), out.expect("at least one run"))
}

fn row(what: &str, plain: Duration, indexed: Duration) {
    let per = |d: Duration| d.as_secs_f64() * 1e9 / points_wanted() as f64;
    println!(
        "{what:<44} scan {:>8.1} ms ({:>6.0} ns/point)   index {:>8.1} ms ({:>5.0} ns/point)   scan/index {:>6.1}×",
        plain.as_secs_f64() * 1e3,
        per(plain),
        indexed.as_secs_f64() * 1e3,
        per(indexed),
        plain.as_secs_f64() / indexed.as_secs_f64()
    );
}

fn distances(line: &MultiLineString, index: Option<&SegmentIndex>, pts: &[Point]) -> Vec<f64> {
    pts.iter()
        .map(|p| distance_indexed(p, line, index).expect("the line has segments"))
        .collect()
}

fn bench_distance(what: &str, line: &MultiLineString, pts: &[Point]) {
    let index = SegmentIndex::new(line).expect("an index over the line");
    let (plain, a) = time(|| distances(line, None, pts));
    let (indexed, b) = time(|| distances(line, Some(&index), pts));
    assert_eq!(a, b, "the index must give the scan's exact answers");
    row(
        &format!("distance to line, {what} ({} segments)", index.len()),
        plain,
        indexed,
    );
}

/// `within 2 km of mdl` over the detailed line, loaded as a rulebook.
fn bench_zone(dense: &MultiLineString, pts: &[Point]) {
    let dir = std::env::temp_dir().join("truce-bench-spatial");
    std::fs::create_dir_all(&dir).unwrap();
    let coords: Vec<Vec<[f64; 2]>> = dense
        .iter()
        .map(|l| l.0.iter().map(|c| [c.x, c.y]).collect())
        .collect();
    let geojson = serde_json::json!({
        "type": "Feature", "properties": {},
        "geometry": {"type": "MultiLineString", "coordinates": coords}
    });
    std::fs::write(dir.join("dense.geojson"), geojson.to_string()).unwrap();
    let rules = "agreement \"bench\" {\n  in force 1953-07-27 22:00 Asia/Seoul\n  party A \"a\"\n  party B \"b\"\n}\nact fire \"fire\"\nline mdl from \"dense.geojson\" { A holds north, B holds south }\nzone dmz = within 2 km of mdl\nzone north_band = within 2 km of mdl on north side\n";
    std::fs::write(dir.join("bench.truce"), rules).unwrap();
    let load = || {
        truce::load_rulebook(&dir.join("bench.truce"))
            .expect("the bench rulebook checks")
            .rulebook
    };
    let indexed_book = load();
    assert!(
        indexed_book.lines[0].index.is_some(),
        "long lines are indexed"
    );
    let mut plain_book = load();
    plain_book.lines[0].index = None;
    // A one-sided band costs the same: its side comes from the same search.
    let zone = 0; // `within 2 km of mdl`
    let run = |book: &truce::check::Rulebook| -> Vec<Truth> {
        pts.iter()
            .map(|p| in_zone(p, zone, None, book).truth)
            .collect()
    };
    let (plain, a) = time(|| run(&plain_book));
    let (indexed, b) = time(|| run(&indexed_book));
    assert_eq!(a, b, "the index must not change a membership");
    let inside = a.iter().filter(|t| **t == Truth::True).count();
    row(
        &format!(
            "in zone `within 2 km of mdl` ({}% inside)",
            inside * 100 / pts.len()
        ),
        plain,
        indexed,
    );
}

fn main() {
    // `cargo bench` passes `--bench`; running under `cargo test` passes nothing.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let kaa = truce::load_rulebook(Path::new("rules/kaa.truce")).expect("the KAA checks");
    let mdl = kaa.rulebook.lines[0]
        .drawn()
        .expect("the MDL is drawn")
        .clone();
    let dense = densify(&mdl);
    let pts = points(&mdl);
    println!(
        "{} points within about 10 km of the MDL; medians of {RUNS} runs",
        pts.len()
    );
    bench_distance("shipped MDL", &mdl, &pts);
    bench_distance("MDL densified", &dense, &pts);
    bench_zone(&dense, &pts);
}
