//! `truce fmt [--check] FILES|DIRS...`, `truce fmt -` (stdin to stdout).

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use truce::fmt::{FmtError, Hunk};
use truce::span::Source;

use super::{Exit, report};

/// A rule file larger than this is not read (as `files.rs` bounds them).
const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// Folders are searched for rule files this deep at most.
const MAX_DEPTH: usize = 32;

pub fn run(paths: &[PathBuf], check: bool, stdin: bool) -> Exit {
    let mut exit = Exit::Ok;
    if stdin || paths.iter().any(|p| p.as_os_str() == "-") {
        exit = worst(exit, from_stdin(check));
    }
    let mut files = Vec::new();
    for path in paths.iter().filter(|p| p.as_os_str() != "-") {
        if path.is_dir() {
            let before = files.len();
            rule_files(path, 0, &mut files);
            files[before..].sort();
        } else {
            files.push(path.clone());
        }
    }
    for file in &files {
        exit = worst(exit, one_file(file, check));
    }
    exit
}

fn worst(a: Exit, b: Exit) -> Exit {
    if a == Exit::Ok { b } else { a }
}

/// Every `*.truce` file under a folder (symbolic links not followed).
fn rule_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        errln!("error: cannot read folder `{}`", dir.display());
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth < MAX_DEPTH {
            rule_files(&path, depth + 1, out);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "truce") {
            out.push(path);
        }
    }
}

fn one_file(file: &Path, check: bool) -> Exit {
    let name = file.display().to_string();
    let text = match read(file) {
        Ok(t) => t,
        Err(e) => {
            errln!("error: cannot read rule file `{name}`: {e}");
            return Exit::Failed;
        }
    };
    let formatted = match formatted(&name, &text) {
        Ok(f) => f,
        Err(e) => {
            report(e.as_ref());
            return Exit::Failed;
        }
    };
    if formatted == text {
        return Exit::Ok;
    }
    if check {
        would_change(&name, &text, &formatted);
        return Exit::Failed;
    }
    match std::fs::write(file, &formatted) {
        Ok(()) => Exit::Ok,
        Err(e) => {
            errln!("error: cannot write rule file `{name}`: {e}");
            Exit::Failed
        }
    }
}

fn read(file: &Path) -> std::io::Result<String> {
    let size = std::fs::metadata(file)?.len();
    if size > MAX_BYTES {
        return Err(std::io::Error::other(format!(
            "it is larger than {} MiB",
            MAX_BYTES >> 20
        )));
    }
    std::fs::read_to_string(file)
}

/// The file's text laid out; a byte-order mark is dropped.
fn formatted(name: &str, text: &str) -> Result<String, Box<FmtError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    truce::fmt::format(&Source::new(name, text)).map_err(Box::new)
}

/// Reads standard input, writes it formatted to standard output; with
/// `--check`, writes nothing but the lines that would change.
fn from_stdin(check: bool) -> Exit {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().take(MAX_BYTES).read_to_string(&mut text) {
        errln!("error: cannot read standard input: {e}");
        return Exit::Failed;
    }
    let formatted = match formatted("<stdin>", &text) {
        Ok(f) => f,
        Err(e) => {
            report(e.as_ref());
            return Exit::Failed;
        }
    };
    if check {
        if formatted == text {
            return Exit::Ok;
        }
        would_change("<stdin>", &text, &formatted);
        return Exit::Failed;
    }
    // To an editor, byte for byte; to a terminal, nothing that drives it.
    if std::io::stdout().is_terminal() {
        super::out(&truce::render::text::clean_lines(&formatted));
    } else {
        super::out(&formatted);
    }
    Exit::Ok
}

/// `--check`: the file, and the first lines that would change.
fn would_change(name: &str, old: &str, new: &str) {
    outln!("{name}: not formatted");
    if let Some(hunk) = truce::fmt::first_hunk(old, new) {
        print_hunk(&hunk);
    }
}

fn print_hunk(hunk: &Hunk) {
    outln!("@@ line {} @@", hunk.line);
    for l in &hunk.removed {
        outln!("-{l}");
    }
    for l in &hunk.added {
        outln!("+{l}");
    }
    if hunk.more {
        outln!("...");
    }
}
