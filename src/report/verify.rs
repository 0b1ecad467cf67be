//! Checking a report against its inputs, as data: what a report claims
//! (`Claim`), whether each input it names is still the file it judged
//! (`InputCheck`), and where the report differs from what its inputs give
//! (`Comparison`). Worded in `render::verify`; the command is `cli::verify`.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::Run;

/// Differences kept to show; all are counted.
pub const SHOWN: usize = 10;

/// How deep a report may nest: a legitimate report nests its deepest
/// condition's steps (conditions are capped at 256 levels) a few levels in.
pub const MAX_DEPTH: usize = 2048;

/// A JSON value that keeps its members in the order written, so that the
/// first difference found is the first in the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Tree {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

impl Tree {
    /// Parses JSON text, nested at most [`MAX_DEPTH`] levels.
    pub fn parse(bytes: &[u8]) -> Result<Tree, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_slice(bytes);
        // The depth is bounded by `Seed` instead, deeper than serde_json's
        // default of 128, which a report of a deep condition exceeds.
        de.disable_recursion_limit();
        let tree = Seed { depth: 0 }.deserialize(&mut de)?;
        de.end()?;
        Ok(tree)
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Tree> {
        match self {
            Tree::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            Tree::Null | Tree::Bool(_) | Tree::Number(_) | Tree::String(_) | Tree::Array(_) => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Tree::String(s) => Some(s),
            Tree::Null | Tree::Bool(_) | Tree::Number(_) | Tree::Array(_) | Tree::Object(_) => None,
        }
    }

    /// Compact JSON text.
    pub fn json(&self) -> String {
        serde_json::to_string(self).expect("a tree serialises")
    }
}

impl Serialize for Tree {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Tree::Null => s.serialize_unit(),
            Tree::Bool(b) => s.serialize_bool(*b),
            Tree::Number(n) => n.serialize(s),
            Tree::String(t) => s.serialize_str(t),
            Tree::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                items.iter().try_for_each(|i| seq.serialize_element(i))?;
                seq.end()
            }
            Tree::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                members
                    .iter()
                    .try_for_each(|(k, v)| map.serialize_entry(k, v))?;
                map.end()
            }
        }
    }
}

/// Reads a [`Tree`], refusing one nested deeper than [`MAX_DEPTH`].
struct Seed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = Tree;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        if self.depth > MAX_DEPTH {
            return Err(serde::de::Error::custom(format!(
                "nested more than {MAX_DEPTH} levels"
            )));
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed {
    type Value = Tree;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(b))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Tree, E> {
        Ok(Tree::Number(n.into()))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Tree, E> {
        Ok(Tree::Number(n.into()))
    }
    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Tree, E> {
        serde_json::Number::from_f64(n)
            .map(Tree::Number)
            .ok_or_else(|| E::custom("a number JSON cannot hold"))
    }
    fn visit_str<E>(self, s: &str) -> Result<Tree, E> {
        Ok(Tree::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Tree, E> {
        Ok(Tree::String(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Seed {
            depth: self.depth + 1,
        })? {
            items.push(item);
        }
        Ok(Tree::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Seed {
                depth: self.depth + 1,
            })?;
            members.push((key, value));
        }
        Ok(Tree::Object(members))
    }
}

/// What a report says of itself: who wrote it, what was run, what was read.
#[derive(Debug, Clone)]
pub struct Claim {
    pub schema_version: u64,
    pub version: String,
    pub run: Run,
    pub inputs: Vec<Recorded>,
}

/// An input as the report records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    pub role: String,
    pub path: String,
    pub sha256: String,
}

/// Why a report cannot be checked at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unreadable {
    /// The file cannot be read.
    Read { reason: String },
    /// It is not JSON: where the parser stopped, and why.
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    /// JSON, but not a truce report: the field that shows it.
    NotTruce { field: String },
    /// A truce report of this version whose `field` is not as the schema
    /// has it.
    Malformed { field: String, reason: String },
}

/// Why this truce cannot check a report: another schema or release wrote
/// it, and only the same release promises the same output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherVersion {
    pub schema_version: u64,
    pub version: String,
    pub this_schema_version: u32,
    pub this_version: &'static str,
}

/// The top-level fields a claim is read from; the rest of the report
/// (the verdicts) is skipped without being built, and without recursion.
#[derive(Deserialize)]
struct Head {
    schema_version: Option<serde_json::Value>,
    tool: Option<serde_json::Value>,
    run: Option<serde_json::Value>,
    inputs: Option<serde_json::Value>,
}

/// What a report's bytes claim, or why they cannot be read as a truce
/// report, or why this truce cannot check it.
pub fn claim(bytes: &[u8]) -> Result<Result<Claim, OtherVersion>, Unreadable> {
    let head: Head = serde_json::from_slice(bytes).map_err(|e| unreadable(bytes, &e))?;
    let not_truce = |field: &str| Unreadable::NotTruce {
        field: field.to_owned(),
    };
    let tool = head.tool.as_ref();
    if tool.and_then(|t| t.get("name")).and_then(|n| n.as_str()) != Some("truce") {
        return Err(not_truce("tool.name"));
    }
    let version = tool.and_then(|t| t.get("version")).and_then(|v| v.as_str());
    let schema = head.schema_version.as_ref().and_then(|v| v.as_u64());
    let (Some(version), Some(schema_version)) = (version, schema) else {
        let field = if version.is_none() {
            "tool.version"
        } else {
            "schema_version"
        };
        return Err(not_truce(field));
    };
    let this_schema_version = super::SCHEMA_VERSION;
    let this_version = env!("CARGO_PKG_VERSION");
    if schema_version != u64::from(this_schema_version) || version != this_version {
        return Ok(Err(OtherVersion {
            schema_version,
            version: version.to_owned(),
            this_schema_version,
            this_version,
        }));
    }
    let run = field::<Run>(head.run, "run")?;
    if run.rules.is_empty() {
        return Err(Unreadable::Malformed {
            field: "run.rules".to_owned(),
            reason: "it names no rule file".to_owned(),
        });
    }
    let inputs = field::<Vec<Recorded>>(head.inputs, "inputs")?;
    Ok(Ok(Claim {
        schema_version,
        version: version.to_owned(),
        run,
        inputs,
    }))
}

/// Why bytes that did not read as a report's head are no report: not
/// JSON (where the parser stopped), or JSON of another shape.
fn unreadable(bytes: &[u8], e: &serde_json::Error) -> Unreadable {
    let reason = e.to_string();
    let at = format!(" at line {} column {}", e.line(), e.column());
    let reason = reason.strip_suffix(&at).unwrap_or(&reason).to_owned();
    match e.classify() {
        serde_json::error::Category::Data if bytes.trim_ascii_start().starts_with(b"{") => {
            Unreadable::Malformed {
                field: "(the whole report)".to_owned(),
                reason,
            }
        }
        serde_json::error::Category::Data => Unreadable::NotTruce {
            field: "(the whole file: not an object)".to_owned(),
        },
        serde_json::error::Category::Io
        | serde_json::error::Category::Syntax
        | serde_json::error::Category::Eof => Unreadable::NotJson {
            line: e.line(),
            column: e.column(),
            reason,
        },
    }
}

/// A top-level field, read as the schema has it.
fn field<T: serde::de::DeserializeOwned>(
    value: Option<serde_json::Value>,
    name: &str,
) -> Result<T, Unreadable> {
    let Some(value) = value else {
        return Err(Unreadable::Malformed {
            field: name.to_owned(),
            reason: "missing".to_owned(),
        });
    };
    serde_path_to_error::deserialize(value).map_err(|e| {
        let at = e.path().to_string();
        Unreadable::Malformed {
            field: if at == "." {
                name.to_owned()
            } else {
                format!("{name}{}{at}", if at.starts_with('[') { "" } else { "." })
            },
            reason: e.into_inner().to_string(),
        }
    })
}

/// What became of one input the report names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputCheck {
    pub role: String,
    pub path: String,
    pub recorded: String,
    #[serde(flatten)]
    pub state: InputState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum InputState {
    /// The same bytes as judged.
    Same,
    /// Other bytes: their SHA-256.
    Changed { sha256: String },
    /// It cannot be opened or read.
    Missing { reason: String },
    /// A pipe, a device or a folder: a piped input cannot be read again.
    NotRegular,
}

impl InputState {
    pub fn is_same(&self) -> bool {
        matches!(self, InputState::Same)
    }
}

/// Hashes the input at `path` (relative to the current folder, as the run
/// took it) and compares it with what the report recorded. Only a regular
/// file is opened: reading a pipe or a terminal again would wait forever,
/// and a device may never end.
pub fn check_input(recorded: &Recorded) -> InputCheck {
    let path = Path::new(&recorded.path);
    let state = match std::fs::metadata(path) {
        Err(e) => InputState::Missing {
            reason: e.to_string(),
        },
        Ok(meta) if !meta.is_file() => InputState::NotRegular,
        Ok(_) => match super::Input::hash("", path) {
            Err(e) => InputState::Missing {
                reason: e.to_string(),
            },
            Ok(i) if i.sha256 == recorded.sha256 => InputState::Same,
            Ok(i) => InputState::Changed { sha256: i.sha256 },
        },
    };
    InputCheck {
        role: recorded.role.clone(),
        path: recorded.path.clone(),
        recorded: recorded.sha256.clone(),
        state,
    }
}

/// What checking a report found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Verification {
    /// Every input is as judged, and judging again gives the report's bytes.
    Verified {
        report: String,
        inputs: Vec<InputCheck>,
    },
    /// An input changed, is missing or cannot be read again, or the report
    /// is not what its inputs give.
    NotVerified {
        report: String,
        inputs: Vec<InputCheck>,
        judged: Judged,
    },
    /// Another schema or release of truce wrote it.
    OtherVersion {
        report: String,
        #[serde(flatten)]
        found: OtherVersion,
    },
    /// It cannot be read as a truce report.
    Unreadable {
        report: String,
        #[serde(flatten)]
        why: Unreadable,
    },
}

/// What judging the inputs again gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Judged {
    /// The report, or a report other than the one given.
    Report {
        #[serde(flatten)]
        comparison: Comparison,
    },
    /// No report: the inputs cannot be used (the errors are on stderr).
    NoReport,
    /// Not judged: an input named cannot be read again.
    NotRun,
}

impl Verification {
    /// Builds the finding from the inputs checked and the judgment.
    pub fn of(report: String, inputs: Vec<InputCheck>, judged: Judged) -> Verification {
        let same = matches!(&judged, Judged::Report { comparison } if comparison.same());
        if same && inputs.iter().all(|i| i.state.is_same()) {
            Verification::Verified { report, inputs }
        } else {
            Verification::NotVerified {
                report,
                inputs,
                judged,
            }
        }
    }
}

/// One step of a path into a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Where a value lies in a report, written as `verdicts[3].outcome`
/// (a key that is not a plain word is quoted: `["a.b"]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonPath(pub Vec<Segment>);

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Segment::Index(n) => write!(f, "[{n}]")?,
                Segment::Key(k)
                    if !k.is_empty()
                        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
                {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::Key(k) => write!(f, "[{}]", serde_json::to_string(k).expect("text"))?,
            }
        }
        Ok(())
    }
}

impl Serialize for JsonPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A value the report and a fresh judgment disagree on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub path: JsonPath,
    /// The event of the entry it lies in (a verdict, a rejection, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// The value in the report, as compact JSON; absent when the report
    /// lacks it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// The value these inputs give; absent when they give none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
}

/// Where a report's bytes differ from those a fresh judgment gives.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    /// Values that differ, all counted.
    pub count: usize,
    /// The first of them (as many as asked), in the report's order.
    pub first: Vec<Difference>,
    /// The line (from 1) of the first byte that differs, when the bytes
    /// differ: the only trace of a difference in layout alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl Comparison {
    pub fn same(&self) -> bool {
        self.line.is_none()
    }
}

/// Compares a report's bytes with those these inputs give, keeping the
/// first `shown` differences. The two are parsed only when they differ.
/// The largest report whose differences are located by path: a parsed
/// tree takes several times the text's size.
pub const MAX_TREE_BYTES: usize = 64 * 1024 * 1024;

/// The most characters of a differing value shown: a value may be a whole
/// list of verdicts.
const SHOWN_CHARS: usize = 240;

fn shortened(json: String) -> String {
    match json.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}…", &json[..cut]),
        None => json,
    }
}

pub fn compare(report: &[u8], given: &[u8], shown: usize) -> Comparison {
    let Some(at) = report
        .iter()
        .zip(given)
        .position(|(a, b)| a != b)
        .or_else(|| (report.len() != given.len()).then_some(report.len().min(given.len())))
    else {
        return Comparison::default();
    };
    let line = 1 + report[..at].iter().filter(|b| **b == b'\n').count();
    let mut out = Comparison {
        line: Some(line),
        ..Comparison::default()
    };
    // What truce writes always parses; a failure would be truce's own bug,
    // and the byte position above still locates the difference.
    // A report nested deeper than a tree may be is located by its line, and
    // so is a very large one: its tree would take many times its size.
    let small = report.len().max(given.len()) <= MAX_TREE_BYTES;
    if !small {
        return out;
    }
    if let (Ok(report_tree), Ok(given_tree)) = (Tree::parse(report), Tree::parse(given)) {
        let mut walk = Walk {
            report: &report_tree,
            given: &given_tree,
            path: Vec::new(),
            shown,
            out: &mut out,
        };
        walk.values(Some(&report_tree), Some(&given_tree));
    }
    out
}

struct Walk<'a> {
    report: &'a Tree,
    given: &'a Tree,
    path: Vec<Segment>,
    shown: usize,
    out: &'a mut Comparison,
}

impl<'a> Walk<'a> {
    fn values(&mut self, a: Option<&'a Tree>, b: Option<&'a Tree>) {
        match (a, b) {
            (Some(Tree::Object(xs)), Some(Tree::Object(ys))) => {
                let index: HashMap<&str, &Tree> = ys.iter().map(|(k, v)| (k.as_str(), v)).collect();
                for (k, v) in xs {
                    self.path.push(Segment::Key(k.clone()));
                    self.values(Some(v), index.get(k.as_str()).copied());
                    self.path.pop();
                }
                let mine: std::collections::HashSet<&str> =
                    xs.iter().map(|(k, _)| k.as_str()).collect();
                for (k, v) in ys.iter().filter(|(k, _)| !mine.contains(k.as_str())) {
                    self.path.push(Segment::Key(k.clone()));
                    self.values(None, Some(v));
                    self.path.pop();
                }
            }
            (Some(Tree::Array(xs)), Some(Tree::Array(ys))) => {
                for i in 0..xs.len().max(ys.len()) {
                    self.path.push(Segment::Index(i));
                    self.values(xs.get(i), ys.get(i));
                    self.path.pop();
                }
            }
            (a, b) if a == b => {}
            (a, b) => self.differ(a, b),
        }
    }

    fn differ(&mut self, a: Option<&Tree>, b: Option<&Tree>) {
        self.out.count += 1;
        if self.out.first.len() < self.shown {
            self.out.first.push(Difference {
                path: JsonPath(self.path.clone()),
                event: self.event(),
                report: a.map(|t| shortened(t.json())),
                given: b.map(|t| shortened(t.json())),
            });
        }
    }

    /// The `event` of the top-level entry the path is in, as the report
    /// has it (or, where the report lacks the entry, as these inputs do).
    fn event(&self) -> Option<String> {
        let [Segment::Key(list), Segment::Index(i), ..] = self.path.as_slice() else {
            return None;
        };
        let entry = |t: &Tree| match t.get(list) {
            Some(Tree::Array(items)) => items.get(*i).and_then(|e| e.get("event")).cloned(),
            _ => None,
        };
        match entry(self.report).or_else(|| entry(self.given))? {
            Tree::String(s) => Some(s),
            other => Some(other.json()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_is_located_with_its_event() {
        let report = r#"{"verdicts": [{"event": "A", "outcome": "violation"}, {"event": "B", "outcome": "no_violation"}]}"#;
        let given = r#"{"verdicts": [{"event": "A", "outcome": "violation"}, {"event": "B", "outcome": "violation"}]}"#;
        let c = compare(report.as_bytes(), given.as_bytes(), SHOWN);
        assert_eq!(c.count, 1);
        assert_eq!(c.line, Some(1));
        let d = &c.first[0];
        assert_eq!(d.path.to_string(), "verdicts[1].outcome");
        assert_eq!(d.event.as_deref(), Some("B"));
        assert_eq!(d.report.as_deref(), Some("\"no_violation\""));
        assert_eq!(d.given.as_deref(), Some("\"violation\""));
    }

    #[test]
    fn members_and_items_missing_on_either_side_count() {
        let report = r#"{"a": [1, 2, 3], "b": 1, "odd key": true}"#;
        let given = r#"{"a": [1, 2], "c": 1, "odd key": false}"#;
        let c = compare(report.as_bytes(), given.as_bytes(), SHOWN);
        let paths: Vec<String> = c.first.iter().map(|d| d.path.to_string()).collect();
        assert_eq!(paths, ["a[2]", "b", "[\"odd key\"]", "c"]);
        assert_eq!(c.first[1].given, None);
        assert_eq!(c.first[3].report, None);
    }

    #[test]
    fn a_difference_of_layout_alone_is_still_a_difference() {
        let report = "{\"a\": 1}\n";
        let given = "{\n  \"a\": 1\n}\n";
        let c = compare(report.as_bytes(), given.as_bytes(), SHOWN);
        assert!(!c.same());
        assert_eq!(c.count, 0);
        assert_eq!(
            compare(given.as_bytes(), given.as_bytes(), SHOWN),
            Comparison::default()
        );
    }

    #[test]
    fn nesting_is_bounded() {
        // On a stack as wide as the command's.
        let run = || {
            let deep = "[".repeat(MAX_DEPTH + 5) + &"]".repeat(MAX_DEPTH + 5);
            assert!(Tree::parse(deep.as_bytes()).is_err());
            let fine = "[".repeat(600) + &"]".repeat(600);
            assert!(Tree::parse(fine.as_bytes()).is_ok());
        };
        let worker = std::thread::Builder::new().stack_size(64 << 20).spawn(run);
        worker.unwrap().join().unwrap();
    }

    #[test]
    fn another_version_is_not_a_malformed_report() {
        let other = br#"{"schema_version": 99, "tool": {"name": "truce", "version": "9.9.9"}}"#;
        let Ok(Err(v)) = claim(other) else {
            panic!("another version")
        };
        assert_eq!((v.schema_version, v.version.as_str()), (99, "9.9.9"));
        let foreign = br#"{"schema_version": 6, "tool": {"name": "other"}}"#;
        assert!(matches!(claim(foreign), Err(Unreadable::NotTruce { .. })));
        assert!(matches!(claim(b"[1]"), Err(Unreadable::NotTruce { .. })));
        assert!(matches!(
            claim(b"{\"tool\": 1,\n \"tool\": 2}"),
            Err(Unreadable::Malformed { .. })
        ));
        assert!(matches!(
            claim(b"{\"tool\": \n"),
            Err(Unreadable::NotJson { line: 2, .. })
        ));
        let this = format!(
            r#"{{"schema_version": {}, "tool": {{"name": "truce", "version": "{}"}}, "run": {{"rules": [1]}}}}"#,
            crate::report::SCHEMA_VERSION,
            env!("CARGO_PKG_VERSION")
        );
        let Err(Unreadable::Malformed { field, .. }) = claim(this.as_bytes()) else {
            panic!("malformed")
        };
        assert_eq!(field, "run.rules[0]");
    }
}
