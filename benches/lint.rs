//! `cargo bench --bench lint`: times the logic lint (`truce lint`'s own
//! part, after checking) on each shipped rulebook, and on a generated
//! rulebook of 2,000 articles over the UA draft's declarations (acts,
//! zones nested along one line, weapon classes, deadlines, parties).
//!
//! Medians of several runs; the machine is shared, so read ratios, not
//! absolute times.

mod common;

use common::Rng;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

const RUNS: usize = 7;
const ARTICLES: usize = 2_000;

fn main() {
    let mut files: Vec<_> = std::fs::read_dir("rules")
        .expect("run from the repository root")
        .map(|e| e.expect("a rules entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "truce"))
        .collect();
    files.sort();
    println!("logic lint, median of {RUNS} runs (checking not included)");
    for path in &files {
        let checked = truce::load_rulebook(path).expect("a shipped rulebook checks");
        let (time, found) = median(|| truce::lint::logic::lint(&checked.rulebook).len());
        let articles = checked.rulebook.articles.len();
        println!(
            "  {:<40} {articles:>5} articles {:>9.2} ms  {found} findings",
            path.display().to_string(),
            time.as_secs_f64() * 1e3
        );
    }
    let text = generated(ARTICLES);
    let path = Path::new("rules/bench-lint-generated.truce");
    let source = truce::span::Source::new(path.display().to_string(), text);
    let checked = truce::compile(&source).expect("the generated rulebook checks");
    let rulebook = &checked.rulebook;
    let (time, found) = median(|| truce::lint::logic::lint(rulebook).len());
    let (_, left) = truce::lint::logic::lint_within(rulebook, truce::lint::logic::BUDGET);
    println!(
        "  {:<40} {:>5} articles {:>9.2} ms  {found} findings, {:.1} % of the budget",
        "generated (UA draft's declarations)",
        rulebook.articles.len(),
        time.as_secs_f64() * 1e3,
        100.0 * (truce::lint::logic::BUDGET - left) as f64 / truce::lint::logic::BUDGET as f64
    );
}

/// The median time of `RUNS` runs of `f`, and what the last run returned.
fn median<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut out = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        out = Some(f());
        times.push(start.elapsed());
    }
    times.sort();
    (times[RUNS / 2], out.expect("at least one run"))
}

/// The UA draft with `count` more articles, each a varied condition over
/// its declarations.
fn generated(count: usize) -> String {
    let mut text =
        std::fs::read_to_string("rules/ua-dmz-2025-draft.truce").expect("the UA draft is shipped");
    let mut rng = Rng(0x6c69_6e74);
    for i in 0..count {
        let _ = write!(
            text,
            "\narticle {} \"generated\" {{\n  violation when {}\n}}\n",
            1000 + i,
            condition(&mut rng, 3)
        );
    }
    text
}

/// A random condition of at most `depth` levels of `and`, `or` and `not`.
fn condition(rng: &mut Rng, depth: u32) -> String {
    if depth == 0 || rng.below(3) == 0 {
        return test(rng);
    }
    let a = condition(rng, depth - 1);
    let b = condition(rng, depth - 1);
    match rng.below(5) {
        0 => format!("not ({a})"),
        1 | 2 => format!("({a}) and ({b})"),
        _ => format!("({a}) or ({b})"),
    }
}

fn test(rng: &mut Rng) -> String {
    let pick = |rng: &mut Rng, xs: &[&'static str]| xs[rng.below(xs.len() as u64) as usize];
    let acts = [
        "fire",
        "strike",
        "assault",
        "deployment",
        "overflight",
        "hostile",
    ];
    let zones = ["dmz", "artillery_band", "mlrs_band", "missile_band"];
    let points = ["place", "origin", "target"];
    let classes = ["artillery", "mlrs", "long_range", "aerial"];
    match rng.below(8) {
        0 | 1 => format!("act is {}", pick(rng, &acts)),
        2 => format!("actor is {}", pick(rng, &["UA", "RU"])),
        3 | 4 => format!("{} in {}", pick(rng, &points), pick(rng, &zones)),
        5 => format!("weapon is {}", pick(rng, &classes)),
        6 => format!(
            "effects.killed {} {}",
            pick(rng, &["<", "<=", ">", ">="]),
            (rng.unit() * 10.0) as u32
        ),
        _ => format!(
            "origin within {} km of contact",
            [5, 10, 15, 25, 35][rng.below(5) as usize]
        ),
    }
}
