//! Verdicts as text for people: a headline per event, then the reasoning
//! behind every finding that is not a plain "no violation".

use std::fmt::Write;

use super::words;
use crate::eval::{
    ExceptionTrial, Finding, Note, Outcome, PatternRun, Perpetrator, Proof, Reason, Step, Truth,
    Verdict,
};
use crate::events::Rejection;
use crate::report::{Adjudication, Dependence, Outside, Totals};

/// How much of the reasoning to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Full reasoning for violations, justifications and open questions;
    /// one line for each article not met.
    Decisive,
    /// Full reasoning for every article.
    Full,
}

/// The whole report: verdicts, findings of patterns, events outside an
/// instrument's scope, rejected events, totals.
pub fn report(adjudication: &Adjudication) -> String {
    let mut out: String = adjudication.verdicts.iter().map(item).collect();
    out.push_str(&patterns(&adjudication.patterns));
    out.push_str(&outside(&adjudication.outside));
    out.push_str(&tail(&adjudication.rejected, &adjudication.totals));
    out
}

/// With several instruments: the judged events an instrument leaves
/// outside its scope, each with why.
pub fn outside(entries: &[Outside]) -> String {
    let mut out = String::new();
    if entries.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "OUTSIDE SCOPE  {} judged event(s) outside an instrument's scope",
        entries.len()
    );
    for o in entries {
        let _ = writeln!(out, "  {}  {}", clean(&o.event), clean(&words::outside(o)));
    }
    out.push('\n');
    out
}

/// How the verdicts depend on the doctrines varied (`--vary-doctrine`):
/// each doctrine with the setting the report used, then every verdict
/// that would differ under another setting, with what it would be.
pub fn dependence(doctrines: &[Dependence]) -> String {
    let mut out = String::new();
    if doctrines.is_empty() {
        return out;
    }
    let _ = writeln!(out, "DOCTRINES  how the verdicts depend on them");
    for d in doctrines {
        let others: Vec<String> = d
            .settings
            .iter()
            .filter(|s| **s != d.setting)
            .map(|s| format!("`{}`", clean(s)))
            .collect();
        let _ = writeln!(
            out,
            "  doctrine {} = {} (set by the {}); judged again under {}",
            clean(&d.doctrine),
            clean(&d.setting),
            words::set_by(d.set_by),
            others.join(", ")
        );
        let would = match d.differ.len() {
            0 => "none would differ".to_owned(),
            1 => "1 would differ".to_owned(),
            n => format!("{n} would differ"),
        };
        let _ = writeln!(out, "    {} verdict(s) tested it; {would}", d.tested);
        for v in &d.differ {
            let under: Vec<String> = v
                .under
                .iter()
                .map(|u| {
                    let outcome = u.outcome.map_or("no verdict", headline);
                    let party = u
                        .outcome
                        .map(|o| party_note(u.party.as_deref(), None, o, " "))
                        .unwrap_or_default();
                    format!("{outcome}{party} under `{}`", clean(&u.setting))
                })
                .collect();
            let _ = writeln!(
                out,
                "    {}  ({}): {}",
                clean(&v.event),
                clean(&v.instrument),
                under.join("; ")
            );
        }
    }
    out.push('\n');
    out
}

/// One verdict as it appears in a report, with a blank line after it.
pub fn item(v: &Verdict) -> String {
    let mut out = verdict(v, Detail::Decisive);
    out.push('\n');
    out
}

/// Findings over many events, each with the events it counted.
pub fn patterns(runs: &[PatternRun]) -> String {
    let mut out = String::new();
    for r in runs {
        let _ = writeln!(
            out,
            "PATTERN {}  party {}  ({})",
            r.pattern, r.party, r.instrument
        );
        if let Some(text) = &r.text {
            let _ = writeln!(out, "  \"{text}\"");
        }
        let _ = writeln!(
            out,
            "  {} events counted, at least {}: the densest window held {}; from {} to {}",
            r.events.len(),
            r.threshold,
            r.densest,
            r.from,
            r.to
        );
        let ids: Vec<std::borrow::Cow<'_, str>> = r.events.iter().map(|e| clean(e)).collect();
        let _ = writeln!(out, "  counted: {}", ids.join(", "));
        out.push('\n');
    }
    out
}

/// What follows the verdicts: the rejected events, then the totals.
pub fn tail(rejected: &[Rejection], totals: &Totals) -> String {
    let mut out = String::new();
    if !rejected.is_empty() {
        let _ = writeln!(
            out,
            "REJECTED  {} event(s) could not be judged",
            rejected.len()
        );
        for r in rejected {
            let id = r.event.as_deref().map_or("(no id)".into(), clean);
            let _ = writeln!(out, "  {id}  {}  {}", clean(&r.location), clean(&r.reason));
        }
        out.push('\n');
    }
    let t = totals;
    // With several instruments an event may have several verdicts.
    let verdicts = if t.verdicts + t.rejected != t.events {
        format!(" ({} verdicts)", t.verdicts)
    } else {
        String::new()
    };
    let mut continuing = String::new();
    if t.unknown_origin > 0 {
        continuing.push_str(&format!(" ({} of unknown origin)", t.unknown_origin));
    }
    if t.nonparty > 0 {
        continuing.push_str(&format!(" ({} by non-parties)", t.nonparty));
    }
    if t.continuing > 0 {
        continuing.push_str(&format!(", {} continuing (counted once)", t.continuing));
    }
    let implied = if t.implied > 0 {
        format!(" ({} implied by others)", t.implied)
    } else {
        String::new()
    };
    let outside = t.outside_scope.map_or(String::new(), |n| {
        format!(", {n} outside an instrument's scope")
    });
    let _ = writeln!(
        out,
        "{} events{implied}{verdicts}: {} violation{continuing}, {} justified, {} no violation, {} inconclusive, {} rejected{outside}",
        t.events, t.violation, t.justified, t.no_violation, t.inconclusive, t.rejected
    );
    out
}

/// One verdict with its reasoning.
pub fn verdict(v: &Verdict, detail: Detail) -> String {
    let mut out = String::new();
    let party = party_note(v.party.as_deref(), v.perpetrator(), v.outcome, "  ");
    let _ = writeln!(
        out,
        "{}  {}{party}  ({})",
        clean(&v.event),
        headline(v.outcome),
        v.instrument
    );
    let _ = writeln!(out, "  {}", clean(&words::summary(&v.summary)));
    if let Some(i) = &v.implied_by {
        let _ = writeln!(
            out,
            "  implied by {}: \"{}\" (resting on its evidence)",
            clean(&i.event),
            clean(&i.because)
        );
    }
    for d in &v.doctrines {
        let _ = writeln!(
            out,
            "  doctrine {} = {} (set by the {})",
            d.doctrine,
            d.setting,
            words::set_by(d.set_by)
        );
    }
    for t in &v.translated {
        let _ = writeln!(out, "  {}", clean(&words::translation(t)));
    }
    if let Some(c) = &v.change {
        let _ = writeln!(out, "  change: {}", clean(&words::change(c, &v.event)));
        if let Some(consents) = words::consents(c) {
            let _ = writeln!(out, "    {}", clean(&consents));
        }
    }
    step(&mut out, &v.in_force, 1);
    for f in &v.articles {
        finding(&mut out, f, detail);
    }
    out
}

/// `party KPA`, `party unknown`, `non-party X`, or nothing when there was
/// no violation.
fn party_note(
    party: Option<&str>,
    perpetrator: Option<&Perpetrator>,
    outcome: Outcome,
    separator: &str,
) -> String {
    words::party(party, perpetrator, outcome)
        .map(|p| format!("{separator}{p}"))
        .unwrap_or_default()
}

/// Whether a character must not reach a terminal as it is: a control
/// character, or one that turns the direction of the text (a right-to-left
/// override would show the rest of the line reversed).
pub(crate) fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from an events file, with control and direction characters
/// escaped, so that no input can forge a line of the report.
pub fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Text of several lines with control characters, other than the line
/// breaks, escaped: for messages that quote input (a rule file's title, a
/// path, an id given on the command line).
pub fn clean_lines(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| unsafe_char(c) && c != '\n') {
        return text.into();
    }
    let lines: Vec<_> = text.split('\n').map(clean).collect();
    lines.join("\n").into()
}

fn headline(o: Outcome) -> &'static str {
    match o {
        Outcome::Violation => "VIOLATION",
        Outcome::Justified => "JUSTIFIED",
        Outcome::NoViolation => "NO VIOLATION",
        Outcome::Inconclusive => "INCONCLUSIVE",
    }
}

fn finding(out: &mut String, f: &Finding, detail: Detail) {
    // A breach carved out, a duty met with diligence or an act not the
    // party's own: no violation, but the reasoning is the point.
    let telling = matches!(
        f.reason,
        Reason::CarvedOut { .. } | Reason::Diligent { .. } | Reason::NotImputable { .. }
    );
    if f.outcome == Outcome::NoViolation && detail == Detail::Decisive && !telling {
        let _ = writeln!(
            out,
            "  article {}: no violation, {}",
            f.article,
            clean(&words::reason(&f.reason))
        );
        if let Some(state) = &f.state {
            let _ = writeln!(out, "    state: {}", clean(&words::state(state)));
        }
        return;
    }
    let severity = f
        .severity
        .map(|s| format!(", severity {s}"))
        .unwrap_or_default();
    let perpetrator = f.responsibility.as_ref().map(|r| &r.perpetrator);
    let party = party_note(f.party.as_deref(), perpetrator, f.outcome, ", ");
    let _ = writeln!(
        out,
        "  article {}: {}{party}{severity}",
        f.article,
        headline(f.outcome).to_lowercase()
    );
    let _ = writeln!(out, "    \"{}\"", f.text);
    let _ = writeln!(out, "    {}", clean(&words::reason(&f.reason)));
    if let Some(who) = f.responsibility.as_ref().and_then(words::responsibility) {
        let _ = writeln!(out, "    {}", clean(&who));
    }
    if let Some(state) = &f.state {
        let _ = writeln!(out, "    state: {}", clean(&words::state(state)));
    }
    step(out, &f.condition, 2);
    if let Some(p) = &f.proof {
        proof(out, p, false);
    }
    if let Some(a) = &f.attribution {
        // Most evidence bears on both: list it once.
        let same = f.proof.as_ref().is_some_and(|p| p.evidence == a.evidence);
        proof(out, a, same);
    }
    for x in &f.exceptions {
        exception(out, x);
    }
    if let Some(d) = &f.diligence {
        let _ = writeln!(out, "    {} {}", mark(d.breached), words::diligence(d));
        if let Some(text) = &d.text {
            let _ = writeln!(out, "        \"{text}\"");
        }
        for e in &d.elements {
            let _ = writeln!(out, "      {}:", e.element.name());
            step(out, &e.step, 4);
        }
    }
}

fn mark(t: Truth) -> &'static str {
    words::mark(t)
}

fn step(out: &mut String, s: &Step, depth: usize) {
    let pad = "  ".repeat(depth);
    let untried = words::untried(s).map_or(String::new(), |why| format!(": {why}"));
    let condition = clean(&s.condition);
    let _ = writeln!(out, "{pad}{} {condition}{untried}", mark(s.result));
    for fact in &s.facts {
        let computed = fact
            .computed
            .as_ref()
            .map(|c| format!(" ({})", words::computed(c)))
            .unwrap_or_default();
        // Evidence weighed reads as one sentence, its standard first.
        let (value, note) = match &fact.note {
            Some(Note::Weighed { why }) => (words::weighing(why), String::new()),
            // Worded as the value itself.
            Some(n) if words::worded_as_value(n) => {
                (words::value(fact).into_owned(), String::new())
            }
            None => (words::value(fact).into_owned(), String::new()),
            Some(n) => (
                words::value(fact).into_owned(),
                format!(" ({})", words::note(n)),
            ),
        };
        let _ = writeln!(
            out,
            "{pad}    {}.{} = {}{computed}{}",
            clean(&fact.event),
            fact.field,
            clean(&value),
            clean(&note)
        );
    }
    if let Some(why) = s.doubt.as_ref().map(words::doubt) {
        let _ = writeln!(out, "{pad}    unknown: {}", clean(&why));
    }
    if let Some(b) = &s.basis {
        for line in words::basis(b, &s.condition) {
            let _ = writeln!(out, "{pad}    {}", clean(&line));
        }
    }
    if let Some(h) = &s.holdings {
        for line in words::holdings(h) {
            let _ = writeln!(out, "{pad}    {}", clean(&line));
        }
    }
    for child in &s.steps {
        step(out, child, depth + 1);
    }
}

/// A proof; `listed` when its evidence was just shown for the occurrence.
fn proof(out: &mut String, p: &Proof, listed: bool) {
    let _ = writeln!(
        out,
        "    {} {}: {}{}",
        mark(Truth::from(p.met)),
        words::aspect(p.aspect),
        clean(&words::weighing(&p.why)),
        if listed { " (the same evidence)" } else { "" }
    );
    for e in p.evidence.iter().filter(|_| !listed) {
        let counted = if e.counted { "counted" } else { "not counted" };
        let kind = words::evidence_kind(e.kind);
        let _ = writeln!(
            out,
            "        {} {} {kind} ({}), {counted}",
            clean(&e.event),
            e.grade,
            clean(&e.source)
        );
    }
    // Competing accounts, side by side with the evidence: once, with the
    // first proof that lists evidence.
    for a in p.contradicted_by.iter().filter(|_| !listed) {
        let actor = a
            .actor
            .as_deref()
            .map_or("no actor named".into(), |p| format!("actor {p}"));
        let summary = a
            .summary
            .as_deref()
            .map_or(String::new(), |s| format!(": \"{}\"", clean(s)));
        let _ = writeln!(
            out,
            "      competing account {} ({actor}){summary}",
            clean(&a.event)
        );
        for e in &a.evidence {
            let kind = words::evidence_kind(e.kind);
            let _ = writeln!(out, "        {} {kind} ({})", e.grade, clean(&e.source));
        }
    }
}

fn exception(out: &mut String, x: &ExceptionTrial) {
    let Some(condition) = &x.condition else {
        let _ = writeln!(out, "    – exception {}: not considered", x.exception);
        return;
    };
    let (mark, verb) = words::exception_status(x.status);
    let upholds = if x.effect == crate::check::Effect::Upholds {
        " (upholds the breach)"
    } else {
        ""
    };
    let _ = writeln!(out, "    {mark} exception {}{upholds}: {verb}", x.exception);
    if let Some(text) = &x.text {
        let _ = writeln!(out, "        \"{text}\"");
    }
    step(out, condition, 4);
}

#[cfg(test)]
mod tests {
    use super::{clean, clean_lines};

    #[test]
    fn control_and_direction_characters_are_escaped() {
        assert_eq!(clean("plain, ünïcode"), "plain, ünïcode");
        assert_eq!(clean("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(clean("mid\u{202e}dle"), "mid\\u{202e}dle");
        assert_eq!(clean("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
        assert_eq!(clean_lines("one\ntwo\u{200f}"), "one\ntwo\\u{200f}");
    }
}
