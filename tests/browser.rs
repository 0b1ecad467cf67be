//! The HTML report as a reader sees it: opened in headless Chromium, which
//! runs a probe that writes down what is on the page (the verdicts and
//! their outcomes as shown, where each sits, whether every link has its
//! target, the map's event markers), and takes screenshots kept under
//! `target/browser/` to look at: `report.png` (the top of the report) and
//! `verdicts.png` (the verdicts).
//!
//! Without Chromium the test says it was skipped, unless
//! `TRUCE_REQUIRE_BROWSER=1` (as `.ci/run` sets it after installing it).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use truce::render::document::{anchor, class};
use truce::render::words;

const RULES: &str = "rules/kaa.truce";
const EVENTS: &str = "cases/kaa-yeonpyeong-2010/events.yaml";
const WIDTH: f64 = 1280.0;

/// Facts of the laid-out page, as JSON in `<pre id="probe">`. Map markers
/// are SVG elements of class `event-marker` with a `data-event`.
const PROBE: &str = r##"<pre id="probe"></pre>
<script>
(function () {
  function box(el) {
    var r = el.getBoundingClientRect();
    return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
  }
  var events = Array.prototype.map.call(document.querySelectorAll("article.event"), function (a) {
    return {
      id: a.id,
      event: a.getAttribute("data-event"),
      box: box(a),
      verdicts: Array.prototype.map.call(a.querySelectorAll("section.verdict"), function (s) {
        var badge = s.querySelector(".headline .badge");
        return { outcome: s.getAttribute("data-outcome"), label: badge ? badge.innerText : null,
                 colour: badge ? getComputedStyle(badge).color : null, box: box(s) };
      })
    };
  });
  var links = Array.prototype.map.call(document.querySelectorAll("a[href], [*|href]"), function (a) {
    var href = a.getAttribute("href") || a.getAttributeNS("http://www.w3.org/1999/xlink", "href");
    var target = href && href.charAt(0) === "#" ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
    return { href: href, resolves: target !== null };
  });
  var markers = Array.prototype.map.call(document.querySelectorAll(".event-marker"), function (m) {
    var shape = m.querySelector("path, circle, rect, polygon");
    var svg = m.ownerSVGElement;
    var vb = svg.viewBox.baseVal;
    return { event: m.getAttribute("data-event"), href: m.getAttribute("href"), box: box(m),
             shape: box(shape), x: parseFloat(m.getAttribute("data-x")),
             y: parseFloat(m.getAttribute("data-y")), svg: box(svg),
             view: { width: vb.width, height: vb.height } };
  });
  var sections = Array.prototype.map.call(document.querySelectorAll("main > section"), function (s) {
    return { id: s.id, heading: s.querySelector("h2").innerText, box: box(s) };
  });
  document.getElementById("probe").textContent = JSON.stringify({
    width: document.documentElement.scrollWidth, events: events, links: links,
    markers: markers, sections: sections
  });
})();
</script>
"##;

/// Chromium on the PATH, by Debian's name or the other usual one.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

/// Runs Chromium headless on `page` with `args`, bounded in time; its
/// standard output.
fn run(chromium: &Path, profile: &Path, args: &[String], page: &Path) -> String {
    let mut child = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    // Read while it runs: a DOM larger than the pipe would block it.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).map(|_| text)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium took more than two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "chromium failed: {status:?}");
    reader.join().unwrap().unwrap()
}

/// The probe's JSON, out of the DOM Chromium dumped.
fn probe(dom: &str) -> Value {
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + 16;
    let end = start + dom[start..].find("</pre>").unwrap();
    let text = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    serde_json::from_str(&text).expect("the probe wrote JSON")
}

#[test]
fn a_reader_sees_every_verdict_and_every_link_works() {
    let Some(chromium) = chromium() else {
        assert!(
            std::env::var("TRUCE_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "chromium not found, and TRUCE_REQUIRE_BROWSER=1"
        );
        eprintln!("skipped: chromium not found (install Debian's `chromium` package)");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../browser");
    let profile = dir.join("profile");
    std::fs::create_dir_all(&profile).unwrap();
    let dir = dir.canonicalize().unwrap();

    let rules = Path::new(RULES);
    let book = truce::load_rulebook(rules).unwrap().rulebook;
    let adjudication = truce::adjudicate_file(&book, rules, Path::new(EVENTS)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(["report", "--rules", RULES, "--events", EVENTS])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let html = String::from_utf8(out.stdout).unwrap();
    let report = dir.join("report.html");
    std::fs::write(&report, &html).unwrap();
    let probed = dir.join("probe.html");
    std::fs::write(&probed, html.replace("</body>", &format!("{PROBE}</body>"))).unwrap();

    let facts = probe(&run(&chromium, &profile, &["--dump-dom".into()], &probed));

    // Every verdict is on the page, in input order, under its anchor,
    // with its outcome in words and in its colour.
    let events = facts["events"].as_array().unwrap();
    let shown: Vec<(&str, &Value)> = events
        .iter()
        .flat_map(|e| {
            let id = e["id"].as_str().unwrap();
            e["verdicts"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |v| (id, v))
        })
        .collect();
    assert_eq!(shown.len(), adjudication.verdicts.len());
    let mut colours = std::collections::BTreeMap::new();
    for (v, (id, seen)) in adjudication.verdicts.iter().zip(&shown) {
        assert_eq!(*id, anchor(&v.event));
        assert_eq!(seen["outcome"], class(v.outcome));
        assert_eq!(
            seen["label"].as_str().unwrap().to_lowercase(),
            words::outcome(v.outcome),
            "{}: the outcome is written, not only coloured",
            v.event
        );
        let colour = seen["colour"].as_str().unwrap().to_owned();
        assert_eq!(*colours.entry(v.outcome).or_insert(colour.clone()), colour);
        let b = &seen["box"];
        assert!(b["height"].as_f64().unwrap() > 20.0, "{}: shown", v.event);
        assert!(b["x"].as_f64().unwrap() + b["width"].as_f64().unwrap() <= WIDTH);
    }
    assert!(colours.len() >= 3, "outcomes differ in colour: {colours:?}");
    let distinct: std::collections::HashSet<&String> = colours.values().collect();
    assert_eq!(distinct.len(), colours.len(), "{colours:?}");

    // Nothing is wider than the window, and every section has a heading.
    assert!(
        facts["width"].as_f64().unwrap() <= WIDTH,
        "no sideways scrolling"
    );
    for s in facts["sections"].as_array().unwrap() {
        assert!(!s["heading"].as_str().unwrap().is_empty(), "{s}");
    }

    // Every link inside the page leads somewhere.
    let links = facts["links"].as_array().unwrap();
    assert!(
        links.len() > adjudication.verdicts.len(),
        "the index links each"
    );
    for l in links {
        assert_eq!(l["resolves"], true, "{l}");
    }

    // Map markers, where the map is drawn, each link to an event shown.
    let ids: Vec<&str> = events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    let markers = facts["markers"].as_array().unwrap();
    for m in markers {
        let event = m["event"].as_str().unwrap();
        assert!(ids.contains(&event), "{m}");
        assert_eq!(m["href"], format!("#{}", anchor(event)), "{m}");
    }
    // One marker for each event with a place, and each drawn where the
    // map put it: its shape centred on the marker's own coordinates, as
    // the SVG is scaled into the page.
    let placed = placed_events();
    let mut marked: Vec<String> = markers
        .iter()
        .map(|m| m["event"].as_str().unwrap().to_owned())
        .collect();
    marked.sort_unstable();
    assert_eq!(marked, placed, "a marker for each placed event");
    for m in markers {
        let f = |v: &Value, k: &str| v[k].as_f64().unwrap();
        let (svg, view, shape) = (&m["svg"], &m["view"], &m["shape"]);
        let scale = f(svg, "width") / f(view, "width");
        let x = f(svg, "x") + f(m, "x") * scale;
        let y = f(svg, "y") + f(m, "y") * scale;
        let cx = f(shape, "x") + f(shape, "width") / 2.0;
        let cy = f(shape, "y") + f(shape, "height") / 2.0;
        assert!(
            (cx - x).abs() < 3.0 && (cy - y).abs() < 3.0,
            "{}: drawn at ({cx:.1}, {cy:.1}), placed at ({x:.1}, {y:.1})",
            m["event"]
        );
    }

    let screenshot = dir.join("report.png");
    let _ = std::fs::remove_file(&screenshot);
    run(
        &chromium,
        &profile,
        &[
            format!("--screenshot={}", screenshot.display()),
            "--window-size=1280,2000".into(),
            "--hide-scrollbars".into(),
        ],
        &report,
    );
    assert!(
        screenshot.metadata().unwrap().len() > 10_000,
        "a screenshot"
    );

    // The verdicts alone, as a reader scrolls to them; then the map and
    // the event graph alone.
    let sections = [
        ("verdicts", ":not(#verdicts)", 2600),
        ("figures", ":not(#map):not(#graph)", 2000),
    ];
    for (name, hide, height) in sections {
        let page = dir.join(format!("{name}.html"));
        let only =
            format!("<style>header, nav, main > section{hide} {{ display: none }}</style></head>");
        std::fs::write(&page, html.replace("</head>", &only)).unwrap();
        let screenshot = dir.join(format!("{name}.png"));
        let _ = std::fs::remove_file(&screenshot);
        run(
            &chromium,
            &profile,
            &[
                format!("--screenshot={}", screenshot.display()),
                format!("--window-size=1280,{height}"),
                "--hide-scrollbars".into(),
            ],
            &page,
        );
        assert!(
            screenshot.metadata().unwrap().len() > 10_000,
            "a screenshot of the {name}"
        );
    }
}

/// The ids of the case's events that have a place, a target or an
/// origin: those the map can put a marker on.
fn placed_events() -> Vec<String> {
    let books = [truce::load_rulebook(Path::new(RULES)).unwrap().rulebook];
    let refs: Vec<&truce::check::Rulebook> = books.iter().collect();
    let vocabulary = truce::events::Vocabulary::of(&refs);
    let loaded = truce::events::load(Path::new(EVENTS), &vocabulary).unwrap();
    let mut ids: Vec<String> = loaded
        .events
        .iter()
        .filter(|e| e.place.is_some() || e.target().is_some() || e.origin().is_some())
        .map(|e| e.id.to_string())
        .collect();
    ids.sort_unstable();
    ids
}
