//! `truce verify`'s findings, worded for people or written as JSON for
//! tools. Everything a report or its inputs hold is hostile: each piece
//! is escaped here with [`clean`] before it joins a line.

use serde::Serialize;

use super::text::clean;
use crate::report::bundle::{Bundle, Placed, Refusal};
use crate::report::verify::{
    Comparison, Difference, InputCheck, InputState, Judged, OtherVersion, Unreadable, Verification,
};

/// A value longer than this is shown cut, in the text.
const VALUE_CHARS: usize = 120;

/// The finding and, with `--bundle`, what became of the bundle.
#[derive(Serialize)]
struct Whole<'a> {
    #[serde(flatten)]
    verification: &'a Verification,
    #[serde(skip_serializing_if = "Option::is_none")]
    bundle: Option<&'a Bundle>,
}

/// The finding as one JSON object, ending in a newline.
pub fn json(v: &Verification, bundle: Option<&Bundle>) -> String {
    let whole = Whole {
        verification: v,
        bundle,
    };
    let mut out = serde_json::to_string_pretty(&whole).expect("a verification serialises");
    out.push('\n');
    out
}

/// The finding in words: a headline, then one line per thing found.
pub fn text(v: &Verification, bundle: Option<&Bundle>) -> String {
    let mut out = match v {
        Verification::Verified { report, inputs } => format!(
            "VERIFIED  {}\n  {} input(s) read again, each with the SHA-256 the report records\n  judged again with truce {}: the same report, byte for byte\n",
            clean(report),
            inputs.len(),
            env!("CARGO_PKG_VERSION")
        ),
        Verification::NotVerified {
            report,
            inputs,
            judged,
        } => {
            let mut out = format!("NOT VERIFIED  {}\n", clean(report));
            for i in inputs.iter().filter(|i| !i.state.is_same()) {
                out.push_str(&format!("  {}\n", input(i)));
            }
            out.push_str(&self::judged(judged));
            out
        }
        Verification::OtherVersion { report, found } => {
            format!("CANNOT VERIFY  {}\n  {}\n", clean(report), other(found))
        }
        Verification::Unreadable { report, why } => {
            format!("CANNOT READ  {}\n  {}\n", clean(report), unreadable(why))
        }
    };
    if let Some(b) = bundle {
        out.push_str(&self::bundle(b));
    }
    out
}

fn input(i: &InputCheck) -> String {
    let what = format!("{} `{}`", clean(&i.role), clean(&i.path));
    match &i.state {
        InputState::Same => format!("input as judged: {what}"),
        InputState::Changed { sha256 } => format!(
            "input changed: {what}: its SHA-256 is now {}, the report records {}",
            short(sha256),
            short(&i.recorded)
        ),
        InputState::Missing { reason } => {
            format!("input missing: {what}: {}", clean(reason))
        }
        InputState::NotRegular => format!(
            "input cannot be read again: {what} is not a regular file (a pipe, a device or a folder); save a piped input to a file and judge that"
        ),
    }
}

/// A hash, cut to what a person compares.
fn short(sha: &str) -> String {
    let cut: String = sha.chars().take(16).collect();
    let cut = clean(&cut).into_owned();
    if sha.chars().count() > 16 {
        cut + "…"
    } else {
        cut
    }
}

fn judged(j: &Judged) -> String {
    match j {
        Judged::NotRun => "  not judged again: an input it names is not the file it records (changed, missing or unreadable), and only the inputs a report records are judged\n".to_owned(),
        Judged::NoReport => {
            "  judged again: these inputs give no report (the errors are above)\n".to_owned()
        }
        Judged::Report { comparison } => comparison_lines(comparison, "  judged again: "),
    }
}

/// Where a report differs from what its inputs give.
fn comparison_lines(c: &Comparison, lead: &str) -> String {
    let line = c.line.unwrap_or(1);
    if c.same() {
        return format!("{lead}the same report, byte for byte\n");
    }
    if c.count == 0 {
        return format!(
            "{lead}the same values, written otherwise from line {line} (layout, order of fields or escapes)\n"
        );
    }
    let mut out = format!(
        "{lead}{} value(s) differ from what these inputs give, from line {line}; the first:\n",
        c.count
    );
    for d in &c.first {
        out.push_str(&format!("    {}\n", difference(d)));
    }
    if c.count > c.first.len() {
        out.push_str(&format!("    and {} more\n", c.count - c.first.len()));
    }
    out
}

fn difference(d: &Difference) -> String {
    let event = d
        .event
        .as_deref()
        .map_or(String::new(), |e| format!(" (event {})", clean(e)));
    let report = d.report.as_deref().map_or("nothing".to_owned(), value);
    let given = d.given.as_deref().map_or("nothing".to_owned(), value);
    format!(
        "{}{event}: the report says {report}, these inputs give {given}",
        clean(&d.path.to_string())
    )
}

/// A JSON value as text, cut when long.
fn value(json: &str) -> String {
    let cut: String = json.chars().take(VALUE_CHARS).collect();
    let more = if json.chars().count() > VALUE_CHARS {
        "…"
    } else {
        ""
    };
    format!("{}{more}", clean(&cut))
}

fn other(o: &OtherVersion) -> String {
    format!(
        "written by truce {} (report schema {}); this is truce {} (schema {}), which cannot promise the same output: check it with truce {}",
        clean(&o.version),
        o.schema_version,
        o.this_version,
        o.this_schema_version,
        clean(&o.version)
    )
}

fn unreadable(u: &Unreadable) -> String {
    match u {
        Unreadable::Read { reason } => format!("cannot read it: {}", clean(reason)),
        Unreadable::NotJson {
            line,
            column,
            reason,
        } => format!(
            "not JSON: line {line}, column {column}: {} (`verify` reads the JSON report, `adjudicate --format json`)",
            clean(reason)
        ),
        Unreadable::NotTruce { field } => {
            format!(
                "not a truce report: its `{}` is not as truce writes it",
                clean(field)
            )
        }
        Unreadable::Malformed { field, reason } => format!(
            "not a truce report as this schema has it: `{}`: {}",
            clean(field),
            clean(reason)
        ),
    }
}

fn bundle(b: &Bundle) -> String {
    match b {
        Bundle::Written { dir, files } => {
            let mut out = format!(
                "BUNDLED  {} file(s) and {} into `{}`: `cd {} && truce verify {}` checks them\n",
                files.len(),
                crate::report::bundle::REPORT,
                clean(dir),
                clean(dir),
                crate::report::bundle::REPORT
            );
            for p in files.iter().filter(|p| p.moved) {
                out.push_str(&format!("  {}\n", moved(p)));
            }
            out
        }
        Bundle::Refused { dir, why } => {
            format!("NOT BUNDLED  `{}`: {}", clean(dir), refusal(why))
        }
    }
}

fn moved(p: &Placed) -> String {
    format!(
        "named outside the run's folder: `{}`, in the bundle `{}`",
        clean(&p.from),
        clean(&p.to)
    )
}

fn refusal(r: &Refusal) -> String {
    match r {
        Refusal::NotVerified => "the report does not verify, so it is not bundled\n".to_owned(),
        Refusal::NotEmpty => "the folder is not empty; name a new or empty folder\n".to_owned(),
        Refusal::Clash { path } => format!(
            "two files would lie at `{}` in the bundle (an input, or the report, where another needs its folder)\n",
            clean(path)
        ),
        Refusal::Io { path, reason } => {
            format!(
                "cannot write or read `{}`: {}\n",
                clean(path),
                clean(reason)
            )
        }
        Refusal::Changed { path } => format!(
            "`{}` changed while it was copied; bundle again\n",
            clean(path)
        ),
        Refusal::NoReport => {
            "judged again inside the bundle, its inputs give no report (the errors are above)\n"
                .to_owned()
        }
        Refusal::MoreThanPaths { comparison } => comparison_lines(
            comparison,
            "judged again inside the bundle, the report differs in more than the paths that moved: ",
        ),
    }
}
