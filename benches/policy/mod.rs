//! The two-article policy measured against its floor (`benches/floor/`), in
//! one run: a corpus generated for it, the floor's time, truce's decisions
//! checked against the floor's event by event, evaluation alone on one
//! thread and two, and the command line end to end as a process, with its
//! peak memory, at 100k, 1M and (with `--ten-million`) 10M events.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::Rng;
use crate::floor::{self, Decision, Policy};

pub const RULES: &str = "benches/policy/policy.truce";
const LINE: &str = "benches/policy/line.geojson";

/// The policy line's vertices (lon, lat), as `line.geojson` draws it.
const VERTICES: [(f64, f64); 6] = [
    (36.0, 48.6),
    (36.4, 48.5),
    (36.8, 48.55),
    (37.2, 48.4),
    (37.6, 48.45),
    (38.0, 48.3),
];

/// `count` events along the policy's line, up to about 33 km either side:
/// fire and deployments, calibres either side of 100 mm, a tenth answering
/// one of the fifty before (fire or not). Every event is proven (an A1
/// observation), so the decisions are crisp.
pub fn generate(path: &Path, count: usize) {
    use std::io::Write;
    let mut rng = Rng(0x706f_6c69);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut line = String::with_capacity(400);
    for i in 0..count {
        let k = rng.below(VERTICES.len() as u64 - 1) as usize;
        let f = rng.unit();
        let (a, b) = (VERTICES[k], VERTICES[k + 1]);
        let lon = a.0 + (b.0 - a.0) * f;
        let lat = a.1 + (b.1 - a.1) * f + (rng.unit() - 0.5) * 0.6;
        let act = ["fire", "fire", "fire", "deployment", "deployment"][rng.below(5) as usize];
        let party = ["A", "B"][rng.below(2) as usize];
        let calibre = [7.62, 82.0, 100.0, 122.0, 152.0][rng.below(5) as usize];
        let minute = rng.below(60 * 24 * 365);
        let time = jiff::Timestamp::from_second(1_735_689_600 + minute as i64 * 60).unwrap();
        line.clear();
        let _ = write!(
            line,
            r#"{{"id":"P-{i}","time":"{time}","act":"{act}","actor":{{"party":"{party}"}},"weapon":{{"type":"howitzer","calibre_mm":{calibre}}},"place":{{"lat":{lat:.5},"lon":{lon:.5}}},"evidence":[{{"source":"post {}","kind":"observation","grade":"A1"}}]"#,
            rng.below(50),
        );
        if i > 0 && rng.below(10) == 0 {
            let earlier = i - 1 - rng.below(i.min(50) as u64) as usize;
            let _ = write!(line, r#","responds_to":"P-{earlier}""#);
        }
        line.push_str("}\n");
        out.write_all(line.as_bytes()).unwrap();
    }
    out.flush().unwrap();
}

/// truce's decision on one verdict, in the floor's terms.
fn decision(v: &truce::eval::Verdict) -> Decision {
    let violated = |article: &str| {
        v.articles
            .iter()
            .any(|f| &*f.article == article && f.outcome == truce::eval::Outcome::Violation)
    };
    Decision {
        article_1: violated("1"),
        article_2: violated("2"),
    }
}

/// Judges `events` batch by batch and counts the events whose decision
/// differs from the floor's (and those truce found inconclusive).
fn disagreements(
    rulebook: &truce::check::Rulebook,
    events: &Path,
    floor: &[Decision],
) -> (usize, usize) {
    let rules = PathBuf::from(RULES);
    let instruments = [truce::Instrument {
        rulebook,
        path: &rules,
    }];
    let prepared = truce::prepare(&instruments, events).unwrap();
    let (mut differ, mut inconclusive, mut at) = (0, 0, 0);
    prepared.judge_in_batches(&instruments, 8192, |verdicts| {
        for v in verdicts {
            if v.outcome == truce::eval::Outcome::Inconclusive {
                inconclusive += 1;
            }
            if decision(v) != floor[at] {
                if differ < 5 {
                    eprintln!(
                        "  differs: {} truce {:?} floor {:?}",
                        v.event,
                        decision(v),
                        floor[at]
                    );
                }
                differ += 1;
            }
            at += 1;
        }
    });
    assert_eq!(at, floor.len(), "one verdict per event");
    (differ, inconclusive)
}

/// Evaluation alone (graph built and surveyed), judged in batches that are
/// dropped as they come, on a pool of `threads`.
fn evaluate(
    rulebook: &truce::check::Rulebook,
    graph: &truce::graph::EventGraph,
    threads: usize,
) -> Duration {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        let start = Instant::now();
        let survey = truce::eval::Survey::of(rulebook, graph);
        let n = graph.events.len();
        let mut judged = 0;
        for from in (0..n).step_by(8192) {
            let batch =
                truce::eval::adjudicate_range(rulebook, graph, &survey, from..(from + 8192).min(n));
            judged += std::hint::black_box(batch).len();
        }
        assert_eq!(judged, n);
        start.elapsed()
    })
}

/// One run of the command line: wall time and peak resident memory.
pub struct Process {
    pub wall: Duration,
    pub peak_kib: u64,
}

/// Runs `truce adjudicate` on `events` with `threads` and `args`, its
/// report written to a file, and waits for it, reading its peak resident
/// memory (`VmHWM`) every 10 ms while it runs. Not `wait4`'s `ru_maxrss`:
/// a child spawned by this process reports at least this process's own
/// peak (Linux counts the parent's pages at the spawn), which here holds a
/// million events.
pub fn process(rules: &str, events: &Path, threads: usize, args: &[&str], out: &Path) -> Process {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(["adjudicate", "--rules", rules, "--events"])
        .arg(events)
        .args(args)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .stdout(std::fs::File::create(out).unwrap())
        .spawn()
        .expect("the truce binary runs");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        peak_kib = peak_kib.max(hwm_kib(&status_file));
        std::thread::sleep(Duration::from_millis(10));
    };
    let wall = start.elapsed();
    assert!(
        matches!(status.code(), Some(0 | 2)),
        "truce adjudicate failed ({status})"
    );
    Process { wall, peak_kib }
}

/// The peak resident memory (KiB) a `/proc/PID/status` file records.
fn hwm_kib(status_file: &str) -> u64 {
    std::fs::read_to_string(status_file)
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn us(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1e6 / n as f64
}

/// The whole comparison, printed as one table. `runs` times each part.
pub fn compare(dir: &Path, runs: usize, ten_million: bool) {
    let rulebook = truce::load_rulebook(Path::new(RULES))
        .expect("the policy checks")
        .rulebook;
    let policy = Policy::read(Path::new(LINE));
    let n = 1_000_000;
    let corpus = dir.join("policy-1m.jsonl");
    generate(&corpus, n);
    let out = dir.join("out");
    let floor_time = median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                floor::run(&policy, &corpus, &out, false);
                start.elapsed()
            })
            .collect(),
    );
    let decisions = floor::run(&policy, &corpus, &out, true);
    let violations = decisions
        .iter()
        .filter(|d| d.article_1 || d.article_2)
        .count();
    let (differ, inconclusive) = disagreements(&rulebook, &corpus, &decisions);
    drop(decisions);

    let loaded = truce::events::load(&corpus, &rulebook).unwrap();
    let (graph, rejected) = truce::graph::build(loaded, "bench");
    assert!(rejected.is_empty());
    let eval: Vec<Duration> = [1, 2]
        .iter()
        .map(|&t| median((0..runs).map(|_| evaluate(&rulebook, &graph, t)).collect()))
        .collect();
    drop(graph);

    let floor_us = us(floor_time, n);
    println!(
        "two-article policy, {n} events ({violations} violations by the floor; truce differs on {differ}, inconclusive on {inconclusive}), median of {runs}:"
    );
    println!(
        "  floor (serde_json + the policy in Rust, one line out)  {:>8.2} µs/event",
        floor_us
    );
    for (t, d) in [1, 2].iter().zip(&eval) {
        println!(
            "  truce evaluation alone, {t} thread(s)                  {:>8.2} µs/event",
            us(*d, n)
        );
    }
    println!(
        "  evaluation speed-up, 2 threads / 1                     {:>8.2}x",
        eval[0].as_secs_f64() / eval[1].as_secs_f64()
    );
    end_to_end(RULES, &corpus, n, runs, Some(floor_us), dir);
    std::fs::remove_file(&corpus).ok();

    let file = dir.join("policy-100k.jsonl");
    generate(&file, 100_000);
    memory(&file, 100_000, "100k", dir);
    std::fs::remove_file(&file).ok();
    if ten_million {
        let file = dir.join("policy-10m.jsonl");
        generate(&file, 10_000_000);
        memory(&file, 10_000_000, "10M", dir);
        std::fs::remove_file(&file).ok();
    }
    std::fs::remove_file(&out).ok();
}

/// The command line on `events`, per format and thread count, against the floor.
pub fn end_to_end(
    rules: &str,
    events: &Path,
    n: usize,
    runs: usize,
    floor_us: Option<f64>,
    dir: &Path,
) {
    let out = dir.join("report");
    for args in [
        &["--format", "jsonl"][..],
        &["--format", "json"],
        &["--summary"],
    ] {
        let mut walls = Vec::new();
        for threads in [1, 2] {
            let samples: Vec<Process> = (0..runs)
                .map(|_| process(rules, events, threads, args, &out))
                .collect();
            let peak = samples.iter().map(|p| p.peak_kib).max().unwrap_or(0);
            let wall = median(samples.into_iter().map(|p| p.wall).collect());
            let per = us(wall, n);
            let ratio = floor_us.map_or(String::new(), |f| format!("{:>6.1}x floor", per / f));
            println!(
                "  truce adjudicate {:<16} {threads} thread(s)  {per:>8.2} µs/event  {ratio}  peak {:>6.0} MiB  {:>5.0} bytes/event",
                args.join(" "),
                peak as f64 / 1024.0,
                peak as f64 * 1024.0 / n as f64
            );
            walls.push(wall);
        }
        println!(
            "    2 threads / 1: {:.2}x",
            walls[0].as_secs_f64() / walls[1].as_secs_f64()
        );
    }
    std::fs::remove_file(&out).ok();
}

/// Peak memory of the command line (JSON Lines report, two threads).
fn memory(events: &Path, n: usize, label: &str, dir: &Path) {
    let out = dir.join("report");
    let p = process(RULES, events, 2, &["--format", "jsonl"], &out);
    println!(
        "  memory at {label} events: peak {:.0} MiB, {:.0} bytes/event ({:.1} s)",
        p.peak_kib as f64 / 1024.0,
        p.peak_kib as f64 * 1024.0 / n as f64,
        p.wall.as_secs_f64()
    );
    std::fs::remove_file(&out).ok();
}
