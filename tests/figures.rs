//! The figures: the map and the event graph as SVG, and the graph as DOT.

use std::path::Path;

use truce::render::{dot, figure, graph_svg, map};

/// A shipped case's rulebook, graph and each event's outcome.
struct Judged {
    book: truce::check::Rulebook,
    prepared: truce::Prepared,
    outcomes: Vec<Option<truce::eval::Outcome>>,
}

fn judge(rules: &str, events: &Path) -> Judged {
    let book = truce::load_rulebook(Path::new(rules)).unwrap().rulebook;
    let path = Path::new(rules);
    let instruments = [truce::Instrument {
        rulebook: &book,
        path,
    }];
    let prepared = truce::prepare(&instruments, events).unwrap();
    let mut gathered = figure::Outcomes::default();
    prepared.judge_in_batches(&instruments, 64, |v| gathered.add(v));
    let outcomes = gathered.of(&prepared.graph.events);
    Judged {
        book,
        prepared,
        outcomes,
    }
}

fn map_of(j: &Judged) -> String {
    let marks = map::marks(&j.prepared.graph.events, &j.outcomes);
    map::svg(&[&j.book], &marks)
}

/// The value of `name="..."` in the first element of `svg` that holds `after`.
fn attr(svg: &str, after: &str, name: &str) -> f64 {
    let at = svg.find(after).unwrap_or_else(|| panic!("no {after}"));
    let rest = &svg[at..];
    let key = format!("{name}=\"");
    let start = rest.find(&key).unwrap() + key.len();
    let end = start + rest[start..].find('"').unwrap();
    rest[start..end].parse().unwrap()
}

/// The latitude of a drawn line at a longitude, on its first segment
/// spanning it.
fn line_latitude(book: &truce::check::Rulebook, name: &str, lon: f64) -> f64 {
    let line = book.lines.iter().find(|l| l.name == name).unwrap();
    for part in line.drawn().unwrap() {
        for w in part.0.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.x.min(b.x)..=a.x.max(b.x)).contains(&lon) && a.x != b.x {
                return a.y + (b.y - a.y) * (lon - a.x) / (b.x - a.x);
            }
        }
    }
    panic!("line {name} does not reach {lon}");
}

#[test]
fn the_map_of_a_shipped_case() {
    let j = judge(
        "rules/kaa.truce",
        Path::new("cases/kaa-uncertain-positions/events.yaml"),
    );
    let svg = map_of(&j);
    insta::assert_snapshot!(svg);
}

#[test]
fn each_positioned_event_has_one_marker_where_it_was() {
    let j = judge(
        "rules/kaa.truce",
        Path::new("cases/kaa-uncertain-positions/events.yaml"),
    );
    let svg = map_of(&j);
    for id in ["U-1", "U-2", "U-3", "U-4"] {
        let marker = format!("class=\"event-marker\" data-event=\"{id}\"");
        assert_eq!(svg.matches(&marker).count(), 1, "{id}");
        assert!(svg.contains(&format!("<a href=\"#verdict-{id}\" {marker}")));
    }
    assert_eq!(svg.matches("class=\"event-marker\"").count(), 4);
    // U-2 lands at (126.8600, 38.0860), south of the MDL, which at that
    // longitude runs at the latitude the rulebook's GeoJSON gives.
    let (lon, lat) = (126.86, 38.086);
    let mdl = line_latitude(&j.book, "mdl", lon);
    assert!(mdl > lat, "the case places U-2 south of the line");
    let px_per_km =
        attr(&svg, "class=\"scale-bar\"", "data-px") / attr(&svg, "class=\"scale-bar\"", "data-km");
    let marker = "class=\"event-marker\" data-event=\"U-2\"";
    let (x, y) = (attr(&svg, marker, "data-x"), attr(&svg, marker, "data-y"));
    // The line's pixel height at the marker's x, from its drawn path.
    let line_y = path_y_at(&svg, "data-line=\"mdl\"", x);
    let south_km = (mdl - lat) * map::METRES_PER_DEGREE / 1000.0;
    let expected = line_y + south_km * px_per_km;
    assert!(
        (y - expected).abs() < 1.0,
        "U-2 drawn at y {y}, expected {expected} ({south_km:.3} km south of the line at {line_y})"
    );
    // U-1 has an accuracy circle of 1.5 km, drawn to scale.
    let r = attr(&svg, "class=\"event-spread\" data-event=\"U-1\"", "r");
    assert!((r - 1.5 * px_per_km).abs() < 1.0, "{r}");
}

/// The y of a drawn path at `x`, interpolated on the segment spanning it.
fn path_y_at(svg: &str, after: &str, x: f64) -> f64 {
    let at = svg.find(after).unwrap();
    let rest = &svg[at..];
    let start = rest.find(" d=\"").unwrap() + 4;
    let end = start + rest[start..].find('"').unwrap();
    let points: Vec<(f64, f64)> = rest[start..end]
        .split(['M', 'L'])
        .filter(|s| !s.is_empty())
        .map(|p| {
            let mut it = p.split(' ').map(|v| v.parse::<f64>().unwrap());
            (it.next().unwrap(), it.next().unwrap())
        })
        .collect();
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a.0.min(b.0)..=a.0.max(b.0)).contains(&x) && a.0 != b.0 {
            return a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0);
        }
    }
    panic!("the path does not reach x {x}");
}

#[test]
fn the_graph_of_a_shipped_case() {
    let j = judge(
        "rules/cy-buffer-zone.truce",
        Path::new("cases/cy-buffer-zone/events.yaml"),
    );
    let svg = graph_svg::svg(&j.prepared.graph, &j.outcomes);
    insta::assert_snapshot!(svg);
    let nodes = svg.matches("class=\"event-node\"").count();
    assert_eq!(nodes, j.prepared.graph.events.len());
    assert_eq!(
        svg.matches("class=\"relation\"").count(),
        j.prepared.graph.edge_count()
    );
    assert!(svg.contains("<a href=\"#verdict-S-2\" class=\"event-node\" data-event=\"S-2\" data-outcome=\"violation\">"));
}

#[test]
fn figures_are_the_same_bytes_every_time() {
    let events = Path::new("cases/cy-buffer-zone/events.yaml");
    let a = judge("rules/cy-buffer-zone.truce", events);
    let b = judge("rules/cy-buffer-zone.truce", events);
    assert_eq!(map_of(&a), map_of(&b));
    assert_eq!(
        graph_svg::svg(&a.prepared.graph, &a.outcomes),
        graph_svg::svg(&b.prepared.graph, &b.outcomes)
    );
    assert_eq!(
        dot::dot(&a.prepared.graph, &a.outcomes),
        dot::dot(&b.prepared.graph, &b.outcomes)
    );
}

/// An events file written for one test, beside the shipped rulebooks'
/// world (positions near the KAA's DMZ).
fn events_file(name: &str, yaml: &str) -> std::path::PathBuf {
    let path =
        std::env::temp_dir().join(format!("truce-figures-{name}-{}.yaml", std::process::id()));
    std::fs::write(&path, yaml).unwrap();
    path
}

#[test]
fn hostile_ids_are_escaped_in_every_figure() {
    let id = r#"<b onload='x'>"&amp;"#;
    let yaml = format!(
        "- id: '{q}'\n  time: 2019-05-03T14:05:00+09:00\n  act: fire\n  actor: {{party: KPA}}\n  target: {{lat: 38.0860, lon: 126.8600}}\n- id: R-1\n  time: 2019-05-03T15:05:00+09:00\n  act: fire\n  actor: {{party: UNC}}\n  target: {{lat: 38.0960, lon: 126.8600}}\n  responds_to: '{q}'\n- id: NOWHERE\n  time: 2019-05-03T14:05:00+09:00\n  act: fire\n  actor: {{party: KPA}}\n",
        q = id.replace('\'', "''")
    );
    let path = events_file("hostile", &yaml);
    let j = judge("rules/kaa.truce", &path);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        j.prepared.graph.events.len(),
        3,
        "{:?}",
        j.prepared.rejected
    );
    assert!(map_of(&j).contains(">1 events have no position that can be drawn"));
    let escaped = "&lt;b onload=&#39;x&#39;&gt;&quot;&amp;amp;";
    for svg in [map_of(&j), graph_svg::svg(&j.prepared.graph, &j.outcomes)] {
        assert!(!svg.contains("<b "), "{svg}");
        let href = format!("href=\"#{}\"", truce::render::document::anchor(id));
        assert!(svg.contains(&href), "{svg}");
        assert!(svg.contains(&format!("data-event=\"{escaped}\"")), "{svg}");
        assert!(svg.contains(&format!("data-event=\"{escaped}\"")));
    }
    let dot = dot::dot(&j.prepared.graph, &j.outcomes);
    assert!(dot.contains(r#"label = "<b onload='x'>\"&amp;""#), "{dot}");
    assert!(dot.contains("label = \"responds_to\""), "{dot}");
}

#[test]
fn a_map_of_many_events_says_how_many_it_left_out() {
    let mut yaml = String::new();
    for i in 0..(map::MAX_MARKS + 7) {
        yaml.push_str(&format!(
            "- id: E-{i}\n  time: 2019-05-03T14:05:00+09:00\n  act: fire\n  actor: {{party: KPA}}\n  target: {{lat: {:.4}, lon: 126.8600}}\n",
            38.05 + i as f64 * 0.0001
        ));
    }
    let path = events_file("many", &yaml);
    let j = judge("rules/kaa.truce", &path);
    std::fs::remove_file(&path).unwrap();
    let svg = map_of(&j);
    assert_eq!(
        svg.matches("class=\"event-marker\"").count(),
        map::MAX_MARKS
    );
    assert!(svg.contains(&format!(
        ">7 more events are not shown: the map shows at most {}",
        map::MAX_MARKS
    )));
}
