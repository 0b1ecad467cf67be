//! What the fuzz targets share: the repository's folders, the shipped
//! rulebooks (read once per process), and one worker thread.
//!
//! Each target feeds its input through the library's public API, as the
//! CLI does, and renders what a person would read, so a panic anywhere
//! from the reader to the renderer is found. tests/fuzz.rs includes this
//! file and replays the fixtures kept from crashes through the same calls.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use truce::check::Rulebook;

/// The shipped rulebooks, in the order the `adjudicate` target's first
/// byte selects them (fuzz/seed.sh writes that byte from the same list).
pub const RULEBOOKS: [&str; 12] = [
    "kaa.truce",
    "cma-2018.truce",
    "cy-buffer-zone.truce",
    "il-lb-coh-2024.truce",
    "il-lb-gaa-1949.truce",
    "il-sy-disengagement-1974.truce",
    "minsk-addendum-2015.truce",
    "minsk-disengagement-2016.truce",
    "minsk-ii.truce",
    "minsk-measures-2020.truce",
    "minsk-memorandum-2014.truce",
    "ua-dmz-2025-draft.truce",
];

/// Rulebooks judged together by the shipped cases, by index in
/// [`RULEBOOKS`]; sets 0..12 are each rulebook alone.
pub const TOGETHER: [&[usize]; 3] = [&[0, 1], &[10, 8], &[10, 8, 6]];

/// How many rulebook sets the `adjudicate` target chooses from.
pub const SETS: usize = RULEBOOKS.len() + TOGETHER.len();

/// The repository's root: the fuzz crate lives in its `fuzz/` folder, and
/// the integration tests, which include this file, at the root.
pub fn root() -> &'static Path {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    match here.parent() {
        Some(parent) if here.ends_with("fuzz") => parent,
        _ => here,
    }
}

/// The path of shipped rulebook `i`.
pub fn rulebook_path(i: usize) -> PathBuf {
    root().join("rules").join(RULEBOOKS[i])
}

/// Every shipped rulebook, checked once per process.
pub fn rulebooks() -> &'static [Rulebook] {
    static BOOKS: OnceLock<Vec<Rulebook>> = OnceLock::new();
    BOOKS.get_or_init(|| {
        one_thread();
        (0..RULEBOOKS.len())
            .map(|i| match truce::load_rulebook(&rulebook_path(i)) {
                Ok(checked) => checked.rulebook,
                Err(e) => panic!("shipped rulebook {} fails: {e}", RULEBOOKS[i]),
            })
            .collect()
    })
}

/// The indices of set `s` (see [`SETS`]).
pub fn set(s: usize) -> Vec<usize> {
    match s.checked_sub(RULEBOOKS.len()) {
        None => vec![s],
        Some(t) => TOGETHER[t].to_vec(),
    }
}

/// The names of all the shipped rulebooks together, for the readers.
pub fn vocabulary() -> &'static truce::events::Vocabulary {
    static VOCABULARY: OnceLock<truce::events::Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        let books: Vec<&Rulebook> = rulebooks().iter().collect();
        truce::events::Vocabulary::of(&books)
    })
}

/// Judging runs on rayon's pool: one thread keeps the fuzzer's coverage
/// deterministic and leaves the machine's other cores alone.
pub fn one_thread() {
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global();
}

/// A folder of this process's own for the files a target writes.
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("truce-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        dir
    })
}

/// What a target's input came to: a count (of diagnostics, events or
/// verdicts), or the rendered error that refused the whole input.
pub type Outcome = Result<usize, String>;

/// Parses, links, checks and lints rule text named as a file in the
/// shipped `rules/` folder (so `import "kaa.truce"` and
/// `from "geo/korea-mdl.geojson"` reach the shipped files), and renders
/// its warnings or its diagnostics as `truce check` prints them.
pub fn compile_rules(text: &str) -> Outcome {
    let name = root().join("rules/fuzzed.truce");
    let source = truce::span::Source::new(name.display().to_string(), text);
    match truce::compile(&source) {
        Ok(checked) => {
            for w in &checked.warnings {
                truce::render::diagnostics::render(w, false);
            }
            Ok(checked.warnings.len())
        }
        Err(e) => Err(truce::render::diagnostics::rulebook(&e, false)),
    }
}

/// Reads events from `text` against every shipped rulebook's names,
/// builds their graph, and renders the rejections; returns the events
/// read, or the rendered reading error.
pub fn read_events(text: &str, format: truce::events::Format) -> Outcome {
    let name = match format {
        truce::events::Format::Yaml => "fuzzed.yaml",
        truce::events::Format::JsonLines => "fuzzed.jsonl",
    };
    match truce::events::load_str(name, text, format, vocabulary()) {
        Ok(loaded) => {
            let (graph, rejected) = truce::graph::build(loaded, name);
            let totals = truce::report::Totals {
                events: graph.events.len() + rejected.len(),
                rejected: rejected.len(),
                ..Default::default()
            };
            truce::render::text::tail(&rejected, &totals);
            Ok(totals.events)
        }
        Err(e) => Err(truce::render::diagnostics::render(&e, false)),
    }
}

/// The `adjudicate` target's input: the first byte chooses the rulebook
/// set (`byte >> 1`, modulo [`SETS`]) and the format (its lowest bit: 0
/// YAML, 1 JSON Lines); the rest is the events file. Returns the
/// verdicts, or the rendered error that refused the events file.
pub fn adjudicate(data: &[u8]) -> Outcome {
    let Some((&choice, events)) = data.split_first() else {
        return Ok(0);
    };
    let books = rulebooks();
    let chosen = set(usize::from(choice >> 1) % SETS);
    let paths: Vec<PathBuf> = chosen.iter().map(|&i| rulebook_path(i)).collect();
    let instruments: Vec<truce::Instrument<'_>> = chosen
        .iter()
        .zip(&paths)
        .map(|(&i, path)| truce::Instrument {
            rulebook: &books[i],
            path,
        })
        .collect();
    if instruments.len() > 1 && !truce::events::counterpart_problems(&books_of(&chosen)).is_empty()
    {
        return Ok(0); // the CLI refuses these rulebooks together before judging
    }
    // A file per call: the integration tests replay fixtures in parallel.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let ext = if choice & 1 == 0 { "yaml" } else { "jsonl" };
    let file = scratch().join(format!("events-{n}.{ext}"));
    std::fs::write(&file, events).expect("the scratch events file");
    let judged = truce::adjudicate_files(&instruments, &file);
    let _ = std::fs::remove_file(&file);
    match judged {
        Ok(adjudication) => {
            truce::render::text::report(&adjudication);
            truce::render::json::report(&adjudication, &books_of(&chosen));
            Ok(adjudication.verdicts.len())
        }
        Err(e) => Err(truce::render::diagnostics::render(&e, false)),
    }
}

fn books_of(chosen: &[usize]) -> Vec<&'static Rulebook> {
    chosen.iter().map(|&i| &rulebooks()[i]).collect()
}
