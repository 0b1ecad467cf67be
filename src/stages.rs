//! The order of the pipeline's stages, and a test that each module's code
//! names only its own stage and earlier ones (ARCHITECTURE.md), so the rule
//! cannot silently regress. Tests may reach anywhere: they build their
//! input with the whole pipeline.

use std::path::{Path, PathBuf};

/// The crate's top-level modules, earliest first; modules on one row may
/// use each other. The binary (`main.rs`, `cli/`) comes after all of them.
const STAGES: &[&[&str]] = &[
    // Below every stage: spans, shared names, file access, hashing,
    // did-you-mean, a problem placed in a file.
    &["span", "name", "files", "digest", "suggest", "located"],
    &["ast"],
    &["syntax"],
    // Rule text laid out again: it parses first, and reads the syntax tree.
    &["fmt"],
    &["link"],
    &["check"],
    &["events"],
    // CSV tables made events files: it knows the events format only.
    &["import"],
    &["graph"],
    &["eval"],
    // What-if over disputed facts: the events rewritten per account,
    // judged by eval.
    &["whatif"],
    // After evaluation: it asks eval's own zone and side tests where a
    // point lies, so a warning and a verdict never disagree.
    &["lint"],
    // A rule file parsed, linked, checked and linted.
    &["compile"],
    &["report"],
    // The same events under two versions of the rules, compared.
    &["diff"],
    &["prepare"],
    &["render"],
    &["cases"],
    // Counts what the cases' verdicts exercised.
    &["coverage"],
];

fn stage(module: &str) -> Option<usize> {
    STAGES.iter().position(|row| row.contains(&module))
}

/// The top-level modules a file's code (its tests left out) names.
fn named(text: &str, depth: usize) -> Vec<String> {
    // `super::` repeated `depth` times is the crate root.
    let supers = "super::".repeat(depth);
    let mut out = Vec::new();
    for line in code_lines(text) {
        let mut rest = line;
        loop {
            let at = [
                ("crate::", rest.find("crate::")),
                (&*supers, rest.find(&supers)),
            ]
            .into_iter()
            .filter_map(|(root, i)| Some((i?, root.len())))
            .min();
            let Some((start, len)) = at else { break };
            let after = &rest[start + len..];
            if let Some(group) = after.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or("");
                out.extend(inner.split(',').filter_map(|p| ident(p.trim())));
            } else if !after.starts_with("super::") {
                out.extend(ident(after));
            }
            rest = after;
        }
    }
    out
}

fn ident(text: &str) -> Option<String> {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    (end > 0).then(|| text[..end].to_owned())
}

/// The lines of code outside comments and `#[cfg(test)]` items (rustfmt
/// closes an item's braces at the indentation of its attribute).
fn code_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        if trimmed == "#[cfg(test)]" {
            let close = format!("{}}}", &line[..line.len() - trimmed.len()]);
            // Its other attributes, then the item: one line (`mod tests;`)
            // or up to its closing brace.
            let mut item = lines
                .by_ref()
                .skip_while(|l| l.trim_start().starts_with("#["));
            let first = item.next().unwrap_or_default();
            let balanced = first.matches('{').count() == first.matches('}').count();
            if !(first.trim_end().ends_with(';') && balanced) {
                item.find(|l| *l == close);
            }
            continue;
        }
        out.push(line);
    }
    out
}

/// What `lib.rs` re-exports at the crate root, by the module it comes from.
fn reexports(lib: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for statement in lib.split(';') {
        let Some(at) = statement.find("pub use ") else {
            continue;
        };
        let path = &statement[at + "pub use ".len()..];
        let Some(module) = ident(path) else { continue };
        let items = path.split_once('{').map_or(path, |(_, items)| items);
        for item in items.split(|c: char| c == ',' || c == '}' || c.is_whitespace()) {
            if let Some(name) = ident(item.rsplit("::").next().unwrap_or(item)) {
                out.push((name, module.clone()));
            }
        }
    }
    out
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's module path under `src/` (`eval/pattern.rs` is `eval::pattern`).
fn module_path(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix("src").unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Whether a whole file is test code (declared under `#[cfg(test)]`).
fn is_test_file(parts: &[String]) -> bool {
    parts.iter().any(|p| p == "tests" || p.ends_with("_tests"))
}

/// The upward uses that stay, each with its reason: (file, module).
/// Lint's advice for a `contains` point outside its zone quotes how
/// evaluation read the point (`render::words::computed`): the same words
/// a verdict's fact uses, so a warning and a verdict never word one
/// reading two ways, and there is one wording to keep.
const ALLOWED: &[(&str, &str)] = &[("src/lint/contains.rs", "render")];

/// Every place a module's code names a later stage.
fn upward() -> Vec<String> {
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    let root = reexports(&lib);
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let parts = module_path(&file);
        let top = parts[0].as_str();
        if ["lib", "main", "cli", "stages"].contains(&top) || is_test_file(&parts) {
            continue;
        }
        let own = stage(top).unwrap_or_else(|| panic!("module `{top}` is not in STAGES"));
        let text = std::fs::read_to_string(&file).unwrap();
        for name in named(&text, parts.len()) {
            let module = root
                .iter()
                .find(|(item, _)| *item == name)
                .map_or(name.as_str(), |(_, m)| m.as_str());
            match stage(module) {
                Some(s) if s > own && !allowed(&file, module) => {
                    found.push(format!("{} uses {module}", file.display()))
                }
                Some(_) => {}
                None => panic!("{} names `crate::{name}`, not in STAGES", file.display()),
            }
        }
    }
    found.dedup();
    found
}

fn allowed(file: &Path, module: &str) -> bool {
    ALLOWED
        .iter()
        .any(|(f, m)| Path::new(f) == file && *m == module)
}

#[test]
fn every_module_uses_only_earlier_stages() {
    let found = upward();
    assert!(
        found.is_empty(),
        "upward dependencies:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_an_upward_use_and_skips_tests() {
    let text = "use crate::check::Rulebook;\n// crate::eval in a comment\nuse super::super::graph::X;\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use crate::render;\n}\n#[cfg(test)]\nmod more_tests;\nfn f() { crate::{eval, report::Run}; }\n";
    assert_eq!(
        named(text, 2),
        ["check", "graph", "eval", "report"].map(String::from)
    );
    let lib = "pub use compile::{RulebookError, compile};\npub use prepare::Prepared;\n";
    assert_eq!(
        reexports(lib),
        [
            ("RulebookError", "compile"),
            ("compile", "compile"),
            ("Prepared", "prepare")
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
}
