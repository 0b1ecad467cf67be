//! `truce verify REPORT [--root DIR] [--bundle DIR] [--format text|json]`:
//! reads again every input a JSON report names, compares its SHA-256, judges
//! them again as the report's `run` says, and compares the report it gets
//! with the one given, byte for byte. With `--bundle`, a report that
//! verifies is written with its inputs into a folder of their own.

use std::io::Read;
use std::path::{Path, PathBuf};

use truce::check::SetBy;
use truce::render::json::Layout;
use truce::report::bundle::{self, Bundle, Placed, Refusal};
use truce::report::verify::{
    self as check, Claim, InputCheck, InputState, Judged, SHOWN, Unreadable, Verification,
};
use truce::report::{Run, verify::Recorded};

use super::adjudicate::Output;
use super::progress::Progress;
use super::{Exit, Format, Inputs, out_as};

/// The largest report read: 1 GiB, some 100,000 verdicts with their
/// explanations.
const MAX_REPORT: u64 = 1 << 30;

/// A report read and what it claims, kept for the bundle.
struct Kept {
    bytes: Vec<u8>,
    claim: Claim,
}

pub fn run(report: &Path, root: Option<&Path>, bundle: Option<&Path>, format: Format) -> Exit {
    // REPORT and the bundle are named from where truce runs; the report's
    // inputs from `--root`.
    let shown = report.display().to_string();
    let report = std::path::absolute(report).unwrap_or_else(|_| report.to_path_buf());
    let dir = bundle.map(|d| (d.display().to_string(), std::path::absolute(d)));
    if let Some(root) = root
        && let Err(e) = std::env::set_current_dir(root)
    {
        errln!("error: cannot enter folder `{}`: {e}", root.display());
        return Exit::Failed;
    }
    let (verification, read) = verify(&report, shown);
    let bundled = dir.map(|(shown, dir)| match (&verification, &read, dir) {
        (Verification::Verified { .. }, Some(read), Ok(dir)) => write_bundle(read, &dir, shown),
        (Verification::Verified { .. }, _, Err(e)) => Bundle::Refused {
            dir: shown.clone(),
            why: Refusal::Io {
                path: shown,
                reason: e.to_string(),
            },
        },
        _ => Bundle::Refused {
            dir: shown,
            why: Refusal::NotVerified,
        },
    });
    let out = match format {
        Format::Text => truce::render::verify::text(&verification, bundled.as_ref()),
        Format::Json => truce::render::verify::json(&verification, bundled.as_ref()),
    };
    out_as(format, &out);
    match (&verification, &bundled) {
        (Verification::OtherVersion { .. }, _) => Exit::OtherVersion,
        (Verification::Verified { .. }, None | Some(Bundle::Written { .. })) => Exit::Ok,
        _ => Exit::Failed,
    }
}

/// Checks the report at `path`: its inputs, then a judgment again.
fn verify(path: &Path, shown: String) -> (Verification, Option<Kept>) {
    let unreadable = |why| Verification::Unreadable {
        report: shown.clone(),
        why,
    };
    let bytes = match read_report(path) {
        Ok(b) => b,
        Err(reason) => return (unreadable(Unreadable::Read { reason }), None),
    };
    let claim = match check::claim(&bytes) {
        Err(why) => return (unreadable(why), None),
        Ok(Err(found)) => {
            let v = Verification::OtherVersion {
                report: shown,
                found,
            };
            return (v, None);
        }
        Ok(Ok(c)) => c,
    };
    let inputs = inputs(&claim);
    // Judged again only from the very inputs the report records: a report
    // may name any file, and judging it would quote it in diagnostics.
    let same = inputs.iter().all(|i| matches!(i.state, InputState::Same));
    let judged = if !same {
        Judged::NotRun
    } else {
        match judge(&claim.run, Layout::of(&bytes)) {
            None => Judged::NoReport,
            Some(given) => Judged::Report {
                comparison: check::compare(&bytes, given.as_bytes(), SHOWN),
            },
        }
    };
    let read = Kept { bytes, claim };
    (Verification::of(shown, inputs, judged), Some(read))
}

/// Reads the report, up to [`MAX_REPORT`] bytes (a report may be piped in).
fn read_report(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_REPORT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_REPORT {
        return Err(format!(
            "it is more than {MAX_REPORT} bytes, the most `verify` reads"
        ));
    }
    Ok(bytes)
}

/// Every input the report records, checked; then the run's own files the
/// report's inputs lack (a report edited so), checked only for whether
/// they can be read again without waiting on a pipe.
fn inputs(claim: &Claim) -> Vec<InputCheck> {
    let mut out: Vec<InputCheck> = claim.inputs.iter().map(check::check_input).collect();
    let run = &claim.run;
    let named = run
        .rules
        .iter()
        .map(|p| ("rules", p))
        .chain(std::iter::once(("events", &run.events)));
    for (role, path) in named {
        if claim.inputs.iter().any(|i| i.path == *path) {
            continue;
        }
        let state = match std::fs::metadata(path) {
            Ok(m) if m.is_file() => continue,
            Ok(_) => InputState::NotRegular,
            Err(e) => InputState::Missing {
                reason: e.to_string(),
            },
        };
        out.push(InputCheck {
            role: role.to_owned(),
            path: path.clone(),
            recorded: String::new(),
            state,
        });
    }
    out
}

/// The JSON report `adjudicate` writes for `run`, as it writes it in
/// `layout` (a report's own: pretty or compact); `None` when the inputs
/// cannot be used (reported on stderr).
fn judge(run: &Run, layout: Layout) -> Option<String> {
    let inputs = Inputs {
        rules: run.rules.iter().map(PathBuf::from).collect(),
        events: PathBuf::from(&run.events),
        doctrine: run.settings(SetBy::CommandLine),
        case_doctrine: run.settings(SetBy::Case),
    };
    let mut out = String::new();
    let mut sink = |text: &str| out.push_str(text);
    let progress = Progress::start(&inputs.events);
    let output = Output::json(layout);
    super::adjudicate::write(&inputs, output, &run.vary_doctrine, &progress, &mut sink)?;
    Some(out)
}

/// Writes the inputs of a verified report and the report into `dir`, a
/// new or empty folder (see `report::bundle` for the layout). When an
/// input must be named otherwise inside the bundle, the report is judged
/// again there and kept only if it differs from the original in those
/// paths alone.
fn write_bundle(read: &Kept, dir: &Path, shown: String) -> Bundle {
    let refused = |why| Bundle::Refused {
        dir: shown.clone(),
        why,
    };
    let io = |path: &Path, e: std::io::Error| {
        refused(Refusal::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    };
    match std::fs::read_dir(dir).map(|mut entries| entries.next().is_none()) {
        Ok(false) => return refused(Refusal::NotEmpty),
        Ok(true) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Err(e) = std::fs::create_dir_all(dir) {
                return io(dir, e);
            }
        }
        Err(e) => return io(dir, e),
    }
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        Err(e) => return io(Path::new("."), e),
    };
    let paths: Vec<&str> = read.claim.inputs.iter().map(|i| i.path.as_str()).collect();
    let placed = match bundle::layout(&paths, &cwd) {
        Ok(p) => p,
        Err(why) => return refused(why),
    };
    for p in &placed {
        if let Err(b) = copy(&read.claim.inputs, p, dir, &refused) {
            return b;
        }
    }
    // Judged again inside the bundle, so that a bundle that would not
    // verify from inside itself is never called written.
    let report = match judge_inside(read, &placed, dir, &cwd) {
        Ok(given) => given.into_bytes(),
        Err(why) => return refused(why),
    };
    let at = dir.join(bundle::REPORT);
    if let Err(e) = std::fs::write(&at, report) {
        return io(&at, e);
    }
    Bundle::Written {
        dir: shown,
        files: placed,
    }
}

/// Copies one input into the bundle, refusing it if its bytes are no
/// longer those the report records.
fn copy(
    recorded: &[Recorded],
    p: &Placed,
    dir: &Path,
    refused: &dyn Fn(Refusal) -> Bundle,
) -> Result<(), Bundle> {
    let io = |path: &Path, e: std::io::Error| {
        refused(Refusal::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    };
    let from = Path::new(&p.from);
    let bytes = std::fs::read(from).map_err(|e| io(from, e))?;
    let sha = truce::digest::of(&bytes);
    if !recorded.iter().any(|r| r.path == p.from && r.sha256 == sha) {
        return Err(refused(Refusal::Changed {
            path: p.from.clone(),
        }));
    }
    let to = dir.join(&p.to);
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    // The same file named twice (`a.truce`, `./a.truce`) is written once.
    if to.exists() {
        return Ok(());
    }
    std::fs::write(&to, bytes).map_err(|e| io(&to, e))
}

/// The report judged inside the bundle, the moved inputs named as there;
/// refused when it differs from the original in more than those paths.
fn judge_inside(read: &Kept, placed: &[Placed], dir: &Path, cwd: &Path) -> Result<String, Refusal> {
    let rename = |path: &String| {
        placed
            .iter()
            .find(|p| p.moved && p.from == *path)
            .map_or_else(|| path.clone(), |p| p.to.clone())
    };
    let run = Run {
        rules: read.claim.run.rules.iter().map(rename).collect(),
        events: rename(&read.claim.run.events),
        ..read.claim.run.clone()
    };
    let io = |e: std::io::Error| Refusal::Io {
        path: dir.display().to_string(),
        reason: e.to_string(),
    };
    std::env::set_current_dir(dir).map_err(io)?;
    let given = judge(&run, Layout::of(&read.bytes));
    std::env::set_current_dir(cwd).map_err(io)?;
    let given = given.ok_or(Refusal::NoReport)?;
    let mut comparison = check::compare(&read.bytes, given.as_bytes(), usize::MAX);
    if bundle::only_paths(&comparison, placed) {
        return Ok(given);
    }
    comparison.first.truncate(SHOWN);
    Err(Refusal::MoreThanPaths { comparison })
}
