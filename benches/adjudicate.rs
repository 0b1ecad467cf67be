//! `cargo bench`: adjudicates a generated corpus of 100k events (JSON Lines)
//! against the Korean Armistice Agreement rulebook, and, in the same run,
//! times a bare serde_json parse of the same file, to give the ratio.
//! Then it loads 1M events and reports the memory they take, and renders
//! the verdicts in each report format, reporting time and bytes per event.
//!
//! Medians of several runs; the machine is shared, so read ratios, not
//! absolute times.
//!
//! `cargo bench --bench adjudicate -- --generate FILE COUNT` only writes a
//! corpus of COUNT events to FILE, to time the command line on it.

mod common;
mod floor;
mod policy;

use common::Rng;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// The allocator the command line uses, so that evaluation alone is timed
// as it runs there; the floor, in this process too, gets it as well.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EVENTS: usize = 100_000;
const RUNS: usize = 7;

/// A corpus for the Korean Armistice Agreement.
fn generate(path: &Path, count: usize, line: &[(f64, f64)]) {
    let acts = [
        "fire",
        "fire",
        "fire",
        "movement",
        "deployment",
        "mine_emplacement",
        "construction",
        "assault",
    ];
    generate_for(path, count, line, &acts, ["KPA", "UNC", "unknown"]);
}

/// Events near `line`, by the parties given (and unknown actors), with a
/// tenth responding to one of the fifty before.
fn generate_for(path: &Path, count: usize, line: &[(f64, f64)], acts: &[&str], parties: [&str; 3]) {
    let kinds = ["observation", "sensor", "investigation", "party_claim"];
    let mut rng = Rng(0x7275_6365);
    let mut out = String::with_capacity(count * 400);
    for i in 0..count {
        let (lon, lat) = line[rng.below(line.len() as u64) as usize];
        let mut point = |spread: f64| {
            (
                lat + (rng.unit() - 0.5) * spread,
                lon + (rng.unit() - 0.5) * spread,
            )
        };
        let (olat, olon) = point(0.12);
        let (tlat, tlon) = point(0.12);
        let act = acts[rng.below(acts.len() as u64) as usize];
        let party = parties[rng.below(3) as usize];
        let minute = rng.below(60 * 24 * 365 * 5);
        let time = jiff::Timestamp::from_second(1_420_070_400 + minute as i64 * 60).unwrap();
        let grade = format!(
            "{}{}",
            ['A', 'B', 'C', 'D'][rng.below(4) as usize],
            1 + rng.below(4)
        );
        let kind = kinds[rng.below(4) as usize];
        let _ = write!(
            out,
            r#"{{"id":"E-{i}","time":"{time}","act":"{act}","actor":{{"party":"{party}"}},"weapon":{{"type":"howitzer","calibre_mm":{},"rounds":{}}},"origin":{{"lat":{olat:.5},"lon":{olon:.5}}},"target":{{"lat":{tlat:.5},"lon":{tlon:.5},"accuracy_m":{}}},"evidence":[{{"source":"post {}","kind":"{kind}","grade":"{grade}"}},{{"source":"sensor {}","kind":"sensor","grade":"B2"}}]"#,
            [7.62, 14.5, 82.0, 122.0, 152.0][rng.below(5) as usize],
            1 + rng.below(40),
            rng.below(3) * 250,
            rng.below(50),
            rng.below(20),
        );
        if i > 0 && rng.below(10) == 0 {
            let _ = write!(
                out,
                r#","responds_to":"E-{}""#,
                i - 1 - rng.below(i.min(50) as u64) as usize
            );
        }
        out.push_str("}\n");
    }
    std::fs::write(path, out).unwrap();
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Median wall time of `f`; dropping its result is not timed.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let out = std::hint::black_box(f());
            let elapsed = start.elapsed();
            drop(out);
            elapsed
        })
        .collect();
    median(samples)
}

fn rss_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Loads an events file into the event graph and reports the memory held.
fn memory_probe(file: &Path, rulebook: &truce::check::Rulebook) {
    let before = rss_kib("VmRSS:");
    let loaded = truce::events::load(file, rulebook).unwrap();
    let (graph, _) = truce::graph::build(loaded, "bench");
    let after = rss_kib("VmRSS:");
    let mb = |kib: u64| kib as f64 / 1024.0;
    println!(
        "1M events: event graph of {} events and {} edges holds {:.0} MB (resident {:.0} MB, peak while loading {:.0} MB)",
        graph.events.len(),
        graph.edge_count(),
        mb(after.saturating_sub(before)),
        mb(after),
        mb(rss_kib("VmHWM:"))
    );
}

/// The vertices of a rulebook's first line.
fn vertices(rulebook: &truce::check::Rulebook) -> Vec<(f64, f64)> {
    rulebook.lines[0]
        .drawn()
        .expect("the first line is drawn")
        .0
        .iter()
        .flat_map(|l| l.0.iter().map(|c| (c.x, c.y)))
        .collect()
}

/// Patterns and self-defence: the hypothetical Ukraine draft, whose
/// exceptions read related events and whose two patterns are found over
/// the whole graph before judging.
fn exceptions_and_patterns(dir: &Path) {
    let rules = PathBuf::from("rules/ua-dmz-2025-draft.truce");
    let rulebook = truce::load_rulebook(&rules)
        .expect("the draft checks")
        .rulebook;
    let file = dir.join("events-ua-100k.jsonl");
    let acts = ["fire", "fire", "strike", "deployment", "overflight"];
    generate_for(
        &file,
        EVENTS,
        &vertices(&rulebook),
        &acts,
        ["UA", "RU", "unknown"],
    );
    let loaded = truce::events::load(&file, &rulebook).unwrap();
    let (graph, rejected) = truce::graph::build(loaded, "bench");
    assert!(rejected.is_empty());
    let patterns = time(RUNS, || truce::eval::find_patterns(&rulebook, &graph));
    let found = truce::eval::find_patterns(&rulebook, &graph);
    let counted: usize = found.runs.iter().map(|p| p.events.len()).sum();
    let whole = time(RUNS, || {
        truce::adjudicate_file(&rulebook, &rules, &file)
            .unwrap()
            .verdicts
            .len()
    });
    let per = |d: Duration| d.as_secs_f64() * 1e6 / EVENTS as f64;
    println!(
        "hypothetical Ukraine draft, {EVENTS} events: {} pattern findings counting {counted} events",
        found.runs.len()
    );
    println!(
        "  find patterns (2 patterns)          {:>8.1} ms  {:>6.2} µs/event",
        patterns.as_secs_f64() * 1e3,
        per(patterns)
    );
    println!(
        "  adjudicate with patterns            {:>8.1} ms  {:>6.2} µs/event",
        whole.as_secs_f64() * 1e3,
        per(whole)
    );
}

/// One verdict in one format (`first` in the report or not).
type Render = dyn Fn(&truce::eval::Verdict, bool) -> String;

/// Each report format: the time to render the verdicts of `events` and the
/// bytes it writes per event. Judged in batches as the command line does
/// (all the verdicts with their explanations would not fit in memory);
/// each batch is rendered in every format, one after the other, and the
/// times are summed.
fn formats(rulebook: &truce::check::Rulebook, rules: &Path, events: &Path) {
    use truce::render::json::{self, Layout};
    use truce::render::{jsonl, text};
    let rows: [(&str, &Render); 4] = [
        ("text", &|v, _| text::item(v)),
        ("json --pretty", &|v, first| {
            json::item(v, first, Layout::Pretty)
        }),
        ("json (compact)", &|v, first| {
            json::item(v, first, Layout::Compact)
        }),
        ("jsonl", &|v, _| jsonl::verdict(v)),
    ];
    let instruments = [truce::Instrument {
        rulebook,
        path: rules,
    }];
    let prepared = truce::prepare(&instruments, events).unwrap();
    let mut spent = [Duration::ZERO; 4];
    let mut bytes = [0usize; 4];
    let mut first = true;
    let totals = prepared.judge_in_batches(&instruments, 2048, |verdicts| {
        for (k, (_, render)) in rows.iter().enumerate() {
            let start = Instant::now();
            let written: usize = verdicts
                .iter()
                .enumerate()
                .map(|(i, v)| render(v, first && i == 0).len())
                .sum();
            spent[k] += start.elapsed();
            bytes[k] += written;
        }
        first &= verdicts.is_empty();
    });
    let n = totals.events as f64;
    println!(
        "report formats, {} verdicts rendered on one thread:",
        totals.verdicts
    );
    for (k, (label, _)) in rows.iter().enumerate() {
        println!(
            "  {label:<16} {:>8.1} ms  {:>6.2} µs/event  {:>8.0} bytes/event",
            spent[k].as_secs_f64() * 1e3,
            spent[k].as_secs_f64() * 1e6 / n,
            bytes[k] as f64 / n
        );
    }
}

fn main() {
    let rules = PathBuf::from("rules/kaa.truce");
    let rulebook = truce::load_rulebook(&rules)
        .expect("the KAA rulebook checks")
        .rulebook;
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--memory-probe") {
        return memory_probe(Path::new(&args[i + 1]), &rulebook);
    }
    let line = vertices(&rulebook);
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        let count = args[i + 2].parse().expect("COUNT is a number");
        return generate(Path::new(&args[i + 1]), count, &line);
    }
    if let Some(i) = args.iter().position(|a| a == "--generate-policy") {
        let count = args[i + 2].parse().expect("COUNT is a number");
        return policy::generate(Path::new(&args[i + 1]), count);
    }
    let dir = std::env::temp_dir().join("truce-bench");
    std::fs::create_dir_all(&dir).unwrap();
    policy::compare(&dir, 3, args.iter().any(|a| a == "--ten-million"));
    // `--policy-only`: the policy against its floor, nothing else.
    if args.iter().any(|a| a == "--policy-only") {
        return;
    }
    let file = dir.join("events-100k.jsonl");
    generate(&file, EVENTS, &line);
    let bytes = std::fs::metadata(&file).unwrap().len();

    let parse = time(RUNS, || {
        let reader = BufReader::new(std::fs::File::open(&file).unwrap());
        reader
            .lines()
            .filter(|l| {
                serde_json::from_str::<serde_json::Value>(l.as_ref().unwrap())
                    .unwrap()
                    .is_object()
            })
            .count()
    });
    let load = time(RUNS, || truce::events::load(&file, &rulebook).unwrap());
    let whole = time(RUNS, || {
        let loaded = truce::events::load(&file, &rulebook).unwrap();
        let (graph, rejected) = truce::graph::build(loaded, "bench");
        assert!(rejected.is_empty());
        truce::eval::adjudicate(&rulebook, &graph)
    });
    let loaded = truce::events::load(&file, &rulebook).unwrap();
    let (graph, _) = truce::graph::build(loaded, "bench");
    let verdicts = truce::eval::adjudicate(&rulebook, &graph);
    let violations = verdicts
        .iter()
        .filter(|v| v.outcome == truce::eval::Outcome::Violation)
        .count();
    let eval_only = time(RUNS, || truce::eval::adjudicate(&rulebook, &graph));
    let row = |label: &str, d: Duration| {
        let (ms, per) = (d.as_secs_f64() * 1e3, d.as_secs_f64() * 1e6 / EVENTS as f64);
        println!("  {label:<34} {ms:>8.1} ms  {per:>6.2} µs/event");
    };
    println!(
        "corpus: {EVENTS} events, {:.1} MB of JSON Lines, {violations} violations",
        bytes as f64 / 1e6
    );
    println!("median of {RUNS} runs:");
    row("bare serde_json parse (to Value)", parse);
    row("load + validate", load);
    row("evaluate only (graph built)", eval_only);
    row("adjudicate (load, graph, evaluate)", whole);
    println!(
        "  ratio adjudicate / bare parse      {:>8.1}x",
        whole.as_secs_f64() / parse.as_secs_f64()
    );
    drop((verdicts, graph));
    println!("the command line on the KAA corpus ({EVENTS} events), median of 3:");
    policy::end_to_end("rules/kaa.truce", &file, EVENTS, 3, None, &dir);
    formats(&rulebook, &rules, &file);
    exceptions_and_patterns(&dir);

    // Memory: a million events held as the evaluator holds them, measured in
    // a fresh process so nothing from the timing runs is counted.
    let million = dir.join("events-1m.jsonl");
    generate(&million, 1_000_000, &line);
    let probe = std::process::Command::new(std::env::current_exe().unwrap())
        .arg("--memory-probe")
        .arg(&million)
        .output()
        .unwrap();
    print!("{}", String::from_utf8_lossy(&probe.stdout));
    // TRUCE_BENCH_KEEP=1 keeps the generated files, to time the CLI on them.
    if std::env::var_os("TRUCE_BENCH_KEEP").is_none() {
        std::fs::remove_dir_all(&dir).ok();
    }
}
