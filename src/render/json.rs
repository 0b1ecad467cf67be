//! The versioned JSON report (schema in docs/report.md). Field order is
//! fixed by these structs, so the same inputs give byte-identical output.

mod indent;

use serde::Serialize;

use crate::check::Rulebook;
use crate::eval::{
    ChangeTrial, Computed, DiligenceTrial, DoctrineSetting, ExceptionStatus, ExceptionTrial, Fact,
    Implication, Note, Outcome, PatternRun, Proof, Reason, Responsibility, State, Step, Summary,
    Translation, Verdict, When, window_written,
};
use crate::events::Rejection;
use crate::report::{Adjudication, Dependence, Input, Outside, Run, Totals};

pub use crate::report::SCHEMA_VERSION;

#[derive(Serialize)]
pub(super) struct Tool {
    name: &'static str,
    version: &'static str,
}

impl Tool {
    /// This truce.
    pub(super) fn this() -> Tool {
        Tool {
            name: "truce",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

#[derive(Serialize)]
pub(super) struct VerdictView<'a> {
    event: &'a str,
    outcome: Outcome,
    party: Option<&'a str>,
    instrument: &'a str,
    /// The doctrine settings the verdict depended on.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    doctrines: &'a [DoctrineSetting],
    /// For an act another event implies.
    #[serde(skip_serializing_if = "Option::is_none")]
    implied_by: Option<&'a Implication>,
    /// Names of the record read in the instrument's own, by counterparts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    translated: Vec<TranslationView<'a>>,
    /// For an act that changes the agreement, or joins another's change.
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<ChangeView<'a>>,
    articles: Vec<FindingView<'a>>,
    explanation: Explanation<'a>,
}

/// A translated name: the data, and its words.
#[derive(Serialize)]
struct TranslationView<'a> {
    #[serde(flatten)]
    data: &'a Translation,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

/// An event outside an instrument's scope: the data, and its words.
#[derive(Serialize)]
pub(super) struct OutsideView<'a> {
    #[serde(flatten)]
    data: &'a Outside,
    reason: String,
}

/// A change as data, with its effect worded beside it.
#[derive(Serialize)]
struct ChangeView<'a> {
    #[serde(flatten)]
    trial: &'a ChangeTrial,
    #[serde(skip_serializing_if = "Option::is_none")]
    effect_words: Option<String>,
}

#[derive(Serialize)]
struct FindingView<'a> {
    article: &'a str,
    outcome: Outcome,
    party: Option<&'a str>,
    severity: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    /// The reason as data: its kind and its facts.
    why: &'a Reason,
    /// Who did it and who answers, once the article reaches the act.
    #[serde(skip_serializing_if = "Option::is_none")]
    responsibility: Option<&'a Responsibility>,
    /// Only for a violation reported in a chain of `continues`.
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<StateView<'a>>,
}

/// A continuing state as data, with its note in words beside it.
#[derive(Serialize)]
struct StateView<'a> {
    #[serde(flatten)]
    state: &'a State,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct Explanation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    /// The summary as data: its kind and its facts.
    why: &'a Summary,
    in_force: StepView<'a>,
    articles: Vec<ArticleReasoning<'a>>,
}

#[derive(Serialize)]
struct ArticleReasoning<'a> {
    article: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    condition: StepView<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proof: Option<ProofView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribution: Option<ProofView<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    exceptions: Vec<ExceptionView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diligence: Option<DiligenceView<'a>>,
}

/// A step with its doubt as data (`unknown`) and, when worded, in words
/// (`unknown_because`) beside it; its parts likewise.
struct StepView<'a>(&'a Step, Wording);

impl Serialize for StepView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let step = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("condition", &step.condition)?;
        map.serialize_entry("result", &step.result)?;
        if !step.facts.is_empty() {
            let facts: Vec<FactView<'_>> =
                step.facts.iter().map(|f| FactView::of(f, self.1)).collect();
            map.serialize_entry("facts", &facts)?;
        }
        if let Some(doubt) = &step.doubt {
            map.serialize_entry("unknown", doubt)?;
            if self.1.words() {
                map.serialize_entry("unknown_because", &super::words::doubt(doubt))?;
            }
        }
        if !step.steps.is_empty() {
            let steps: Vec<StepView<'_>> = step.steps.iter().map(|s| StepView(s, self.1)).collect();
            map.serialize_entry("steps", &steps)?;
        }
        if let Some(basis) = &step.basis {
            map.serialize_entry("basis", basis)?;
        }
        if let Some(holdings) = &step.holdings {
            map.serialize_entry("holdings", holdings)?;
        }
        map.end()
    }
}

/// A fact, with what was computed from it as data (`computed`) and, when
/// worded, in words (`computed_words`).
#[derive(Serialize)]
struct FactView<'a> {
    event: &'a str,
    field: &'a str,
    value: &'a crate::eval::Shown,
    /// The value in words, when they are more than the value itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    value_words: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    computed: Option<&'a Computed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    computed_words: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a Note>,
}

impl<'a> FactView<'a> {
    fn of(f: &'a Fact, wording: Wording) -> Self {
        let worded = wording.words();
        FactView {
            event: &f.event,
            field: f.field.as_str(),
            value: &f.value,
            value_words: worded.then(|| super::words::value_words(f)).flatten(),
            computed: f.computed.as_deref(),
            computed_words: f
                .computed
                .as_deref()
                .filter(|_| worded)
                .map(super::words::computed),
            note: f.note.as_ref(),
        }
    }
}

/// An exception tried, its condition shown as a [`StepView`].
#[derive(Serialize)]
struct ExceptionView<'a> {
    exception: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    effect: crate::check::Effect,
    status: ExceptionStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    condition: Option<StepView<'a>>,
}

impl<'a> ExceptionView<'a> {
    /// `worded` false: the exception's text is left out (JSON Lines give
    /// it once, in the header).
    fn of(x: &'a ExceptionTrial, wording: Wording) -> Self {
        ExceptionView {
            exception: &x.exception,
            text: x.text.as_deref().filter(|_| wording.texts()),
            effect: x.effect,
            status: x.status,
            condition: x.condition.as_ref().map(|c| StepView(c, wording)),
        }
    }
}

/// Due diligence tried, each element's step shown as a [`StepView`].
#[derive(Serialize)]
struct DiligenceView<'a> {
    diligence: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    breached: crate::eval::Truth,
    elements: Vec<ElementView<'a>>,
}

#[derive(Serialize)]
struct ElementView<'a> {
    element: crate::check::DiligenceElement,
    step: StepView<'a>,
}

impl<'a> DiligenceView<'a> {
    fn of(d: &'a DiligenceTrial, wording: Wording) -> Self {
        DiligenceView {
            diligence: &d.diligence,
            text: d.text.as_deref(),
            breached: d.breached,
            elements: d
                .elements
                .iter()
                .map(|e| ElementView {
                    element: e.element,
                    step: StepView(&e.step, wording),
                })
                .collect(),
        }
    }
}

/// The evidence weighed, as data (`why`), with its words beside it when
/// worded.
#[derive(Serialize)]
struct ProofView<'a> {
    #[serde(flatten)]
    data: &'a Proof,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

/// A change's instant or window, as written (`2025-09-20 00:00 +03:00`,
/// or the days or window it is known only to): the renderers format it.
impl Serialize for When {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&window_written(*self))
    }
}

fn proof_view(p: &Proof, wording: Wording) -> ProofView<'_> {
    ProofView {
        data: p,
        reason: wording.words().then(|| super::words::weighing(&p.why)),
    }
}

/// Whether a verdict carries words beside its data, and its articles' and
/// exceptions' texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wording {
    /// Words and texts: one verdict alone (`truce explain`).
    Whole,
    /// Words; the texts once, at the head of the report, not in every
    /// verdict (the JSON report).
    Worded,
    /// Data alone; the texts in the header (JSON Lines).
    DataOnly,
}

impl Wording {
    /// Whether words are set beside the data.
    fn words(self) -> bool {
        match self {
            Wording::Whole | Wording::Worded => true,
            Wording::DataOnly => false,
        }
    }

    /// Whether the verdict quotes its articles' and exceptions' texts.
    fn texts(self) -> bool {
        match self {
            Wording::Whole => true,
            Wording::Worded | Wording::DataOnly => false,
        }
    }
}

pub(super) fn view(v: &Verdict, wording: Wording) -> VerdictView<'_> {
    let worded = wording.words();
    VerdictView {
        event: &v.event,
        outcome: v.outcome,
        party: v.party.as_deref(),
        instrument: &v.instrument,
        doctrines: &v.doctrines,
        implied_by: v.implied_by.as_ref(),
        translated: v
            .translated
            .iter()
            .map(|t| TranslationView {
                data: t,
                text: worded.then(|| super::words::translation(t)),
            })
            .collect(),
        change: v.change.as_ref().map(|c| ChangeView {
            trial: c,
            effect_words: worded.then(|| super::words::change(c, &v.event)),
        }),
        articles: v
            .articles
            .iter()
            .map(|f| FindingView {
                article: &f.article,
                outcome: f.outcome,
                party: f.party.as_deref(),
                severity: f.severity,
                reason: worded.then(|| super::words::reason(&f.reason)),
                why: &f.reason,
                responsibility: f.responsibility.as_ref(),
                state: f.state.as_ref().map(|state| StateView {
                    state,
                    note: worded.then(|| super::words::state(state)),
                }),
            })
            .collect(),
        explanation: Explanation {
            summary: worded.then(|| super::words::summary(&v.summary)),
            why: &v.summary,
            in_force: StepView(&v.in_force, wording),
            articles: v
                .articles
                .iter()
                .map(|f| ArticleReasoning {
                    article: &f.article,
                    text: wording.texts().then_some(&*f.text),
                    condition: StepView(&f.condition, wording),
                    proof: f.proof.as_ref().map(|p| proof_view(p, wording)),
                    attribution: f.attribution.as_ref().map(|p| proof_view(p, wording)),
                    exceptions: f
                        .exceptions
                        .iter()
                        .map(|x| ExceptionView::of(x, wording))
                        .collect(),
                    diligence: f.diligence.as_ref().map(|d| DiligenceView::of(d, wording)),
                })
                .collect(),
        },
    }
}

/// How the JSON report is laid out: the same values either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Indented by two spaces, a value a line: for reading.
    Pretty,
    /// On one line, no spaces: for files and programs (some 60 % of the
    /// bytes of pretty).
    Compact,
}

impl Layout {
    /// The layout a report's bytes were written in: a pretty report opens
    /// with a line break.
    pub fn of(report: &[u8]) -> Layout {
        if report.starts_with(b"{\n") {
            Layout::Pretty
        } else {
            Layout::Compact
        }
    }
}

/// The report as pretty-printed JSON, ending in a newline. Built from the
/// same pieces as a streamed report, so both give the same bytes.
pub fn report(a: &Adjudication, books: &[&Rulebook]) -> String {
    report_as(a, books, Layout::Pretty)
}

/// The report in `layout`, ending in a newline; `books` are the rulebooks
/// judged under, whose texts it gives.
pub fn report_as(a: &Adjudication, books: &[&Rulebook], layout: Layout) -> String {
    let mut out = head(&a.run, &a.inputs, books, layout);
    for (i, v) in a.verdicts.iter().enumerate() {
        out.push_str(&item(v, i == 0, layout));
    }
    let outside = a.totals.outside_scope.map(|_| &a.outside[..]);
    out.push_str(&tail(
        &Tail {
            patterns: &a.patterns,
            outside,
            dependence: None,
            rejected: &a.rejected,
            totals: &a.totals,
        },
        a.verdicts.is_empty(),
        layout,
    ));
    out
}

/// What the report holds after its verdicts. `outside`: with several
/// instruments, the judged events an instrument leaves outside its scope;
/// `dependence`: with `--vary-doctrine`, how the verdicts depend on it.
pub struct Tail<'a> {
    pub patterns: &'a [PatternRun],
    pub outside: Option<&'a [Outside]>,
    pub dependence: Option<&'a [Dependence]>,
    pub rejected: &'a [Rejection],
    pub totals: &'a Totals,
}

/// The report up to the opening of the `verdicts` list: the texts of the
/// articles and exceptions of `books` are given there, once.
pub fn head(run: &Run, inputs: &[Input], books: &[&Rulebook], layout: Layout) -> String {
    let tool = Tool::this();
    let (articles, exceptions) = texts(books);
    match layout {
        Layout::Pretty => format!(
            "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"tool\": {},\n  \"run\": {},\n  \"inputs\": {},\n  \"articles\": {},\n  \"exceptions\": {},\n  \"verdicts\": [",
            nested(&tool),
            nested(run),
            nested(&inputs),
            nested(&articles),
            nested(&exceptions)
        ),
        Layout::Compact => format!(
            "{{\"schema_version\":{SCHEMA_VERSION},\"tool\":{},\"run\":{},\"inputs\":{},\"articles\":{},\"exceptions\":{},\"verdicts\":[",
            compact(&tool),
            compact(run),
            compact(&inputs),
            compact(&articles),
            compact(&exceptions)
        ),
    }
}

/// An article's text, given once for the verdicts that name it.
#[derive(Serialize)]
pub(super) struct ArticleText<'a> {
    instrument: &'a str,
    article: &'a str,
    text: &'a str,
}

/// An exception's text, given once for the verdicts that try it.
#[derive(Serialize)]
pub(super) struct ExceptionText<'a> {
    instrument: &'a str,
    exception: &'a str,
    text: &'a str,
}

/// The text of every article of `books`, in the order of the books and of
/// each rule file, and of every exception that has one.
pub(super) fn texts<'a>(books: &[&'a Rulebook]) -> (Vec<ArticleText<'a>>, Vec<ExceptionText<'a>>) {
    let articles = books
        .iter()
        .flat_map(|b| {
            b.articles.iter().map(|a| ArticleText {
                instrument: &b.title,
                article: &a.number,
                text: &a.text,
            })
        })
        .collect();
    let exceptions = books
        .iter()
        .flat_map(|b| {
            b.exceptions.iter().filter_map(|x| {
                Some(ExceptionText {
                    instrument: &b.title,
                    exception: &x.name,
                    text: x.text.as_deref()?,
                })
            })
        })
        .collect();
    (articles, exceptions)
}

/// A verdict with its explanation is some kilobytes: its buffer starts
/// there rather than growing from nothing.
const ITEM_BYTES: usize = 8192;

/// One verdict inside the `verdicts` list.
pub fn item(v: &Verdict, first: bool, layout: Layout) -> String {
    let separator = if first { "" } else { "," };
    match layout {
        Layout::Pretty => {
            let mut out = Vec::with_capacity(ITEM_BYTES);
            out.extend_from_slice(separator.as_bytes());
            out.extend_from_slice(b"\n    ");
            indent::pretty_at(&mut out, &view(v, Wording::Worded), 2);
            String::from_utf8(out).expect("serde_json writes UTF-8")
        }
        Layout::Compact => {
            let mut out = Vec::with_capacity(ITEM_BYTES);
            out.extend_from_slice(separator.as_bytes());
            serde_json::to_writer(&mut out, &view(v, Wording::Worded))
                .expect("a verdict serialises");
            String::from_utf8(out).expect("serde_json writes UTF-8")
        }
    }
}

/// The rest of the report after the last verdict.
pub fn tail(t: &Tail<'_>, no_verdicts: bool, layout: Layout) -> String {
    let outside = t.outside.map(outside_views);
    match layout {
        Layout::Pretty => {
            let close = if no_verdicts { "]" } else { "\n  ]" };
            let outside = outside.map_or(String::new(), |views| {
                format!("\n  \"outside_scope\": {},", nested(&views))
            });
            let dependence = t.dependence.map_or(String::new(), |d| {
                format!("\n  \"doctrine_dependence\": {},", nested(d))
            });
            format!(
                "{close},\n  \"patterns\": {},{outside}{dependence}\n  \"rejected\": {},\n  \"totals\": {}\n}}\n",
                nested(&t.patterns),
                nested(&t.rejected),
                nested(t.totals)
            )
        }
        Layout::Compact => {
            let outside = outside.map_or(String::new(), |views| {
                format!("\"outside_scope\":{},", compact(&views))
            });
            let dependence = t.dependence.map_or(String::new(), |d| {
                format!("\"doctrine_dependence\":{},", compact(d))
            });
            format!(
                "],\"patterns\":{},{outside}{dependence}\"rejected\":{},\"totals\":{}}}\n",
                compact(&t.patterns),
                compact(&t.rejected),
                compact(t.totals)
            )
        }
    }
}

/// Only the totals and the findings of patterns (`--summary`): the
/// report's head without `verdicts`, then `patterns`, `doctrine_dependence`
/// (with `--vary-doctrine`) and `totals`.
pub fn summary(run: &Run, inputs: &[Input], t: &Tail<'_>, layout: Layout) -> String {
    let value = SummaryView {
        schema_version: SCHEMA_VERSION,
        tool: Tool::this(),
        run,
        inputs,
        patterns: t.patterns,
        doctrine_dependence: t.dependence,
        totals: t.totals,
    };
    let mut out = match layout {
        Layout::Pretty => serde_json::to_string_pretty(&value),
        Layout::Compact => serde_json::to_string(&value),
    }
    .expect("a summary serialises");
    out.push('\n');
    out
}

#[derive(Serialize)]
struct SummaryView<'a> {
    schema_version: u32,
    tool: Tool,
    run: &'a Run,
    inputs: &'a [Input],
    patterns: &'a [PatternRun],
    #[serde(skip_serializing_if = "Option::is_none")]
    doctrine_dependence: Option<&'a [Dependence]>,
    totals: &'a Totals,
}

/// Each event outside an instrument's scope, with its words.
pub(super) fn outside_views(entries: &[Outside]) -> Vec<OutsideView<'_>> {
    entries
        .iter()
        .map(|o| OutsideView {
            data: o,
            reason: super::words::outside(o),
        })
        .collect()
}

/// A value pretty-printed one level in.
fn nested<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    indent::pretty_at(&mut out, value, 1);
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// A value on one line.
pub(super) fn compact<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("report parts serialise")
}

/// Several verdicts on one event (one per instrument) as a JSON list, for
/// `truce explain --format json` with several rulebooks.
pub fn verdicts(vs: &[Verdict]) -> String {
    let views: Vec<VerdictView<'_>> = vs.iter().map(|v| view(v, Wording::Whole)).collect();
    let mut out = serde_json::to_string_pretty(&views).expect("verdicts serialise");
    out.push('\n');
    out
}

/// One verdict as JSON, for `truce explain --format json`.
pub fn verdict(v: &Verdict) -> String {
    let mut out =
        serde_json::to_string_pretty(&view(v, Wording::Whole)).expect("a verdict serialises");
    out.push('\n');
    out
}

/// JSON safe to print on a terminal: control characters are already
/// escaped by the serialiser; characters that turn the direction of text
/// (a right-to-left override) are escaped too, as `\u202e`, which JSON
/// reads back as the same character.
pub fn terminal_safe(json: &str) -> std::borrow::Cow<'_, str> {
    // serde_json escapes U+0000-001F itself; DEL, the C1 controls (U+009B
    // is an 8-bit CSI) and direction characters are left to us. They all
    // start with one of four bytes, so a report of hundreds of megabytes is
    // scanned for those bytes and copied only in runs between escapes.
    let bytes = json.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = next_lead(&bytes[at..]) {
        let i = at + found;
        let c = json[i..].chars().next().expect("a lead byte starts a char");
        at = i + c.len_utf8();
        if super::text::unsafe_char(c) {
            out.push_str(&json[copied..i]);
            out.push_str(&format!("\\u{:04x}", c as u32));
            copied = at;
        }
    }
    if copied == 0 {
        return json.into();
    }
    out.push_str(&json[copied..]);
    out.into()
}

/// Where the next byte that may start an unsafe character is. A report is
/// mostly ASCII below DEL, so it is skipped a block at a time (a test the
/// compiler does on the whole block at once), and only a block holding a
/// higher byte is searched byte by byte.
fn next_lead(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 32;
    let lead = |b: &u8| matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2);
    let mut at = 0;
    while at + BLOCK <= bytes.len() {
        let block = &bytes[at..at + BLOCK];
        if block.iter().fold(false, |high, &b| high | (b >= 0x7f))
            && let Some(i) = block.iter().position(lead)
        {
            return Some(at + i);
        }
        at += BLOCK;
    }
    bytes[at..].iter().position(lead).map(|i| at + i)
}

#[cfg(test)]
mod layout_tests {
    use super::Layout;

    #[test]
    fn a_report_shows_its_layout_by_its_first_bytes() {
        assert_eq!(Layout::of(b"{\n  \"schema_version\": 7"), Layout::Pretty);
        assert_eq!(Layout::of(b"{\"schema_version\":7"), Layout::Compact);
        assert_eq!(Layout::of(b""), Layout::Compact);
    }
}

#[cfg(test)]
mod terminal_tests {
    use super::terminal_safe;
    use std::borrow::Cow;

    #[test]
    fn only_unsafe_characters_are_escaped_and_clean_json_is_not_copied() {
        let clean = "{\n  \"a\": \"— ©\u{a0}é 한\"\n}";
        assert!(matches!(terminal_safe(clean), Cow::Borrowed(_)));
        let hostile = "\u{202e}x\u{7f}—\u{9b}31m\u{2066}";
        assert_eq!(terminal_safe(hostile), "\\u202ex\\u007f—\\u009b31m\\u2066");
    }

    #[test]
    fn an_unsafe_character_is_found_wherever_it_falls_in_a_long_text() {
        // Every offset across several blocks, after plain ASCII or after
        // other non-ASCII text, which makes a block searched byte by byte.
        for filler in ["a", "é"] {
            for at in 0..80 {
                let text = format!("{}\u{202e}{}", filler.repeat(at), "b".repeat(40));
                let escaped = terminal_safe(&text);
                assert_eq!(
                    escaped,
                    format!("{}\\u202e{}", filler.repeat(at), "b".repeat(40)),
                    "`{filler}` x {at}"
                );
            }
        }
    }
}
