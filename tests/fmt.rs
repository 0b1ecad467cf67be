//! `truce fmt`: the layout of a messy file, the CLI's modes and exit
//! codes, and the shipped cases judged the same under formatted rulebooks.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use super::cli::scratch;

fn truce(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const MESSY: &str = "tests/fixtures/fmt/messy.truce";

fn formatted(text: &str) -> String {
    truce::fmt::format(&truce::span::Source::new("messy.truce", text)).unwrap()
}

#[test]
fn a_messy_file_before_and_after() {
    let before = std::fs::read_to_string(MESSY).unwrap();
    let after = formatted(&before);
    assert_eq!(formatted(&after), after, "formatting again changes nothing");
    insta::assert_snapshot!(
        "fmt_messy",
        format!("{before}\n---- formatted ----\n\n{after}")
    );
}

#[test]
fn check_fails_on_a_file_to_change_then_passes_once_it_is_formatted() {
    let dir = scratch("fmt-check");
    std::fs::copy(MESSY, dir.join("messy.truce")).unwrap();
    let out = truce(&["fmt", "--check", "."], &dir);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("messy.truce"), "{shown}");
    assert!(shown.contains("@@ line 1 @@"), "{shown}");
    assert_eq!(
        std::fs::read_to_string(dir.join("messy.truce")).unwrap(),
        std::fs::read_to_string(MESSY).unwrap(),
        "--check writes nothing"
    );
    let out = truce(&["fmt", "messy.truce"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = truce(&["fmt", "--check", "messy.truce"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stdin_is_formatted_to_stdout() {
    let before = std::fs::read_to_string(MESSY).unwrap();
    for args in [&["fmt", "-"][..], &["fmt", "--stdin"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_truce"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(before.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(text(&out.stdout), formatted(&before));
    }
}

#[test]
fn a_file_with_a_syntax_error_is_left_untouched() {
    let dir = scratch("fmt-broken");
    let broken = "agreement \"A\" {\n}\nact   fire\n";
    std::fs::write(dir.join("broken.truce"), broken).unwrap();
    let out = truce(&["fmt", "broken.truce"], &dir);
    assert_eq!(out.status.code(), Some(1));
    let shown = text(&out.stderr);
    assert!(shown.contains("truce::syntax::missing"), "{shown}");
    assert!(shown.contains("broken.truce:"), "{shown}");
    assert_eq!(
        std::fs::read_to_string(dir.join("broken.truce")).unwrap(),
        broken
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn no_path_is_a_usage_error() {
    let out = truce(&["fmt"], Path::new("."));
    assert_eq!(out.status.code(), Some(2));
}

/// Every shipped case, judged under the shipped rulebooks formatted: the
/// same verdicts, as each case's manifest expects them.
#[test]
fn the_cases_pass_under_the_formatted_rulebooks() {
    let dir = scratch("fmt-cases");
    copy_tree(Path::new("rules"), &dir.join("rules"));
    copy_tree(Path::new("cases"), &dir.join("cases"));
    let out = truce(&["fmt", "rules"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = truce(&["fmt", "--check", "rules"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let out = truce(&["test"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains(" passed, 0 failed"),
        "{}",
        text(&out.stdout)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
