//! The words for what evaluation returns as data: reasons, who answers,
//! how findings were weighed, what facts showed. The text and JSON reports
//! both word them here, so a reason reads the same everywhere.

use crate::eval::{
    ActorRole, Basis, DayOf, DecidedBy, Declared, DiligenceTrial, Doubt, Duty, FailedElement,
    FailedExcuse, Note, Perpetrator, PreventBecause, Reason, Responsibility, Truth, Weighed,
};
use crate::events::{FindingTest, Object};

/// A finding's reason, in one sentence.
pub fn reason(r: &Reason) -> String {
    match r {
        Reason::Pending => String::new(),
        Reason::NotMet { test } => format!("not met: `{test}` is false"),
        Reason::NotApplied { why } => why.clone(),
        Reason::NotBound { actor, role } => match role {
            ActorRole::Monitor | ActorRole::Mediator => format!(
                "the actor, `{actor}`, is a {}, not a party bound by the agreement",
                role_word(*role)
            ),
            ActorRole::NonParty => format!(
                "the actor, `{actor}`, is not a party, and the rulebook does not read the agreement as reaching its acts"
            ),
        },
        Reason::NotImputable { party, capacity } => format!(
            "not `{party}`'s act: the actor acted privately (as a {}), and the article imputes no act in that capacity to a party",
            capacity.name()
        ),
        Reason::CapacityUnknown { party } => format!(
            "met, but whether the actor acted for `{party}` is unknown (the record does not tell in what capacity the actor acted), so whether the act is `{party}`'s own cannot be decided"
        ),
        Reason::ControllerUnknown { field } => format!(
            "met, but who controls the {field} is unknown, so which party had to prevent the act cannot be decided"
        ),
        Reason::NotInForce { why, doubt } => {
            let why = doubt.as_ref().map_or_else(|| why.clone(), self::doubt);
            format!("the agreement may not have bound the actor's party: {why}")
        }
        Reason::ExceptionsConflict { excuse, upholds } => format!(
            "exceptions `{excuse}` (excusing the act) and `{upholds}` (upholding the breach) both apply, and the rulebook ranks neither over the other"
        ),
        Reason::Excused {
            exception,
            breach_proven: true,
        } => format!("met, but exception `{exception}` applies"),
        Reason::Excused { exception, .. } => {
            format!("exception `{exception}` applies, whether or not the article was breached")
        }
        Reason::CarvedOut { exception } => format!(
            "exception `{exception}` takes the act out of the article: it is no breach at all"
        ),
        Reason::CannotDecide {
            test,
            because,
            doubt,
            decided_by,
        } => {
            let because = doubt.as_ref().map(self::doubt).or_else(|| because.clone());
            format!("cannot decide `{test}`: {}", open(&because, *decided_by))
        }
        Reason::NotProven { occurrence } => {
            format!("condition met, but occurrence is not proven: {occurrence}")
        }
        Reason::NotAttributed {
            occurrence,
            attribution,
        } => format!("occurrence established ({occurrence}), attribution not: {attribution}"),
        Reason::Breach {
            failed,
            upheld,
            set_aside,
        } => breach(failed, upheld.as_deref(), set_aside),
        Reason::ExceptionsOpen {
            exceptions,
            test,
            because,
            doubt,
        } => {
            let because = doubt.as_ref().map(self::doubt).or_else(|| because.clone());
            let names: Vec<String> = exceptions.iter().map(|x| format!("`{x}`")).collect();
            let word = if names.len() == 1 {
                "exception"
            } else {
                "exceptions"
            };
            let why = test.as_ref().map_or(String::new(), |t| {
                let because = because.as_deref().unwrap_or("a fact is missing");
                format!(": `{t}`: {because}")
            });
            format!(
                "met, but {word} {} may apply and cannot be decided{why}",
                names.join(", ")
            )
        }
        Reason::Diligent { party, diligence } => format!(
            "`{party}` answers for the act only for failing to prevent it, and by `{diligence}` it did not fail: no breach of its duty"
        ),
        Reason::DiligenceOpen {
            party,
            diligence,
            element,
        } => format!(
            "met, but whether `{party}` failed in its duty to prevent the act cannot be decided: under `{diligence}`, its {} is unknown",
            element.name()
        ),
    }
}

fn role_word(role: ActorRole) -> &'static str {
    match role {
        ActorRole::Monitor => "monitor",
        ActorRole::Mediator => "mediator",
        ActorRole::NonParty => "non-party",
    }
}

/// Why a test stayed open, from its reason or how findings left it.
fn open(because: &Option<String>, decided_by: Option<DecidedBy>) -> String {
    match (because, decided_by) {
        (_, Some(DecidedBy::Conflict)) => {
            "a finding that meets the standard contradicts the record, and the record's own evidence meets it too".to_owned()
        }
        (_, Some(DecidedBy::FindingsConflict)) => {
            "findings that meet the standard contradict each other, and the record does not decide".to_owned()
        }
        (Some(b), Some(DecidedBy::Undecided)) => {
            format!("{b}; no finding about it meets the standard")
        }
        (Some(b), _) => b.clone(),
        (None, Some(DecidedBy::Undecided)) => {
            "no finding about it meets the standard".to_owned()
        }
        (None, _) => "a fact is missing".to_owned(),
    }
}

fn breach(
    failed: &[FailedExcuse],
    upheld: Option<&str>,
    set_aside: &[crate::name::Name],
) -> String {
    let failed: Vec<String> = failed
        .iter()
        .map(|f| format!("`{}`: {}", f.exception, failed_element(f)))
        .collect();
    let failed = if failed.is_empty() {
        String::new()
    } else {
        format!(" ({})", failed.join("; "))
    };
    let Some(u) = upheld else {
        return format!("met, proven, and no exception applies{failed}");
    };
    if set_aside.is_empty() {
        // Nothing to set aside: the breach stands because no excuse
        // applies; the upholding exception would have kept it anyway.
        return format!(
            "met, proven, and no excuse applies{failed}; exception `{u}` would uphold the breach in any case"
        );
    }
    let aside: Vec<String> = set_aside.iter().map(|x| format!("`{x}`")).collect();
    format!(
        "met, proven, and exception `{u}` upholds the breach, setting aside {}{failed}",
        aside.join(", ")
    )
}

/// `` `time within 30 min after attack.time` is false (with attack = M-6) ``
pub fn failed_element(f: &FailedExcuse) -> String {
    let under = if f.with.is_empty() {
        String::new()
    } else {
        let bound: Vec<String> = f
            .with
            .iter()
            .map(|b| format!("{} = {}", b.binding, b.event))
            .collect();
        format!(" (with {})", bound.join(", "))
    };
    match &f.element {
        FailedElement::NoRelated { relation } => {
            format!("the act has no `{relation}` event{under}")
        }
        FailedElement::False { test } => format!("`{test}` is false{under}"),
        FailedElement::Unlinked { binding, event } => {
            format!("the link to {event} (`{binding}`) does not meet the standard of proof{under}")
        }
    }
}

/// Who did it and who answers, when it says more than the party named:
/// `perpetrator HZ, a group under LB; LB answers for failing to prevent it`.
pub fn responsibility(r: &Responsibility) -> Option<String> {
    let who = perpetrator(&r.perpetrator);
    let answers = match &r.answers {
        None if r.perpetrator == Perpetrator::Unknown => return None,
        None => "no party answers for it".to_owned(),
        Some(a) => match a.duty {
            Duty::OwnAct if matches!(r.perpetrator, Perpetrator::Party { .. }) => return None,
            Duty::OwnAct => format!("`{}` answers for it as its own act", a.party),
            Duty::Named => format!("`{}` answers for it, as the article says", a.party),
            Duty::OwnOrPrevent => format!(
                "`{}` answers for it, as its own act or as one of its people's that it had to prevent (the record does not tell in what capacity the actor acted)",
                a.party
            ),
            Duty::Prevent { because } => prevent(&a.party, &r.perpetrator, because),
        },
    };
    Some(format!("perpetrator {who}; {answers}"))
}

/// `` `LB` answers for `HZ`, a group under it that it must prevent from acting ``
fn prevent(party: &str, p: &Perpetrator, because: PreventBecause) -> String {
    match (because, p) {
        (PreventBecause::Group, Perpetrator::Group { id, .. }) => {
            format!(
                "`{party}` answers for `{id}`, a group under it that it must prevent from acting"
            )
        }
        (PreventBecause::Controls(field), _) => format!(
            "`{party}` answers for failing to prevent it, as it controls the area the act's {field} lies in"
        ),
        (PreventBecause::Group | PreventBecause::Private, _) => {
            format!("`{party}` answers for failing to prevent an act of one of its people")
        }
    }
}

fn perpetrator(p: &Perpetrator) -> String {
    match p {
        Perpetrator::Party { id } => format!("`{id}`"),
        Perpetrator::Group { id, under } => format!("`{id}`, a group under `{under}`"),
        Perpetrator::Private { party, capacity } => {
            format!("a {} of `{party}`, acting on his own", capacity.name())
        }
        Perpetrator::NonParty { id } => format!("`{id}`, which is not a party"),
        Perpetrator::Unknown => "unknown".to_owned(),
    }
}

/// How findings bore on `test`: one line for the decision, one per finding.
pub fn basis(b: &Basis, test: &str) -> Vec<String> {
    let decided = match b.decided_by {
        DecidedBy::Record => "decided by the record",
        DecidedBy::Finding => "decided by a finding: the record cannot decide it",
        DecidedBy::FindingOverRecord => {
            "decided by a finding over the record, whose own evidence does not meet the standard"
        }
        DecidedBy::Conflict => {
            "left open: a finding contradicts the record, and both meet the standard"
        }
        DecidedBy::FindingOverMeasure => {
            "decided by a finding of the element itself, over the rulebook's measure of it"
        }
        DecidedBy::FindingsConflict => "left open: the findings that meet the standard disagree",
        DecidedBy::Undecided => "left open: no finding about it meets the standard",
    };
    let mut lines = vec![format!("{decided} ({})", b.standard.replace('_', " "))];
    lines.extend(b.findings.iter().map(|w| weighed(w, test)));
    lines
}

/// `finding by UNC SIT on J-2: crossed line `mdl`; so `trajectory crosses mdl` holds; meets the standard on A1 investigation (UNC SIT)`
fn weighed(w: &Weighed, test: &str) -> String {
    let held = if w.holds { "" } else { "not " };
    // What it found, then what that makes of the test asked.
    let says = match w.says {
        Truth::True => format!("so `{test}` holds"),
        Truth::False => format!("so `{test}` does not hold"),
        Truth::Unknown => format!("which does not settle `{test}`"),
    };
    let meets = if w.met {
        "meets the standard"
    } else {
        "does not meet the standard"
    };
    let items: Vec<String> = w
        .evidence
        .iter()
        .map(|e| {
            let counted = if e.counted { "" } else { ", not counted" };
            format!(
                "{} {} ({}){counted}",
                e.grade,
                e.kind.replace('_', " "),
                e.source
            )
        })
        .collect();
    let on = if w.on_event_evidence {
        format!("the evidence recorded with {}", w.event)
    } else {
        items.join(", ")
    };
    format!(
        "finding by {} on {}: {held}{}; {says}; {meets} on {on}",
        w.by,
        w.event,
        finding_test(&w.test),
    )
}

/// What a finding established, as the rule language would test it.
pub fn finding_test(t: &FindingTest) -> String {
    match t {
        FindingTest::Crosses { line, from } => match from {
            Some(f) => format!("crossed line `{line}` from the {f} side"),
            None => format!("crossed line `{line}`"),
        },
        FindingTest::In { zone, field } => format!("{} in zone `{zone}`", field.name()),
        FindingTest::Side { line, side, field } => {
            format!("{} on the {side} side of line `{line}`", field.name())
        }
        FindingTest::DirectedAt { object } => match object {
            Object::Party(p) => format!("directed at `{p}`"),
            Object::OwnArea => "directed at the actor's own area".to_owned(),
            Object::Intruder => "directed at an intruder in the actor's own area".to_owned(),
        },
        FindingTest::Diligence { element } => element.name().to_owned(),
        FindingTest::Element { name, of } => match of {
            Some(o) => format!("{name} (of {o})"),
            None => name.to_string(),
        },
    }
}

/// What a fact showed.
pub fn note(n: &Note) -> String {
    match n {
        Note::HeldBy { party, lines, area } => {
            let lines: Vec<String> = lines.iter().map(|l| format!("`{l}`")).collect();
            match (lines.is_empty(), area) {
                (false, false) => {
                    format!("in `{party}`'s area: its side of line {}", lines.join(", "))
                }
                (false, true) => format!(
                    "in `{party}`'s area: its side of line {}, within the area the rulebook gives it",
                    lines.join(", ")
                ),
                (true, _) => format!("in `{party}`'s area, as the rulebook draws it"),
            }
        }
        Note::NoHolder => {
            "no line whose sides are held passes it: it lies beyond their ends".to_owned()
        }
        Note::SideFound { party, line, by } => format!(
            "in `{party}`'s area: a finding by {by} puts it on `{party}`'s side of line `{line}`"
        ),
        Note::BeyondCrossing { party, line, by } => format!(
            "in `{party}`'s area: a finding by {by} that the act crossed line `{line}` puts it on the far side, `{party}`'s"
        ),
        Note::Struck { party } => format!("in `{party}`'s hands: the act struck its forces"),
        Note::AreaAcross => {
            "the event is known only to lie in an area, and the area reaches across a line whose sides are held, or into another party's area: whose area it is in is not known"
                .to_owned()
        }
        Note::NearLine => {
            "too close to a line whose sides are held, for its uncertainty, to tell whose area it is in"
                .to_owned()
        }
        Note::HoldersDisagree { parties } => {
            let parties: Vec<String> = parties.iter().map(|p| format!("`{p}`")).collect();
            format!("the lines disagree: {}", parties.join(" or "))
        }
        Note::GroupUnder { party } => format!("a group under `{party}`"),
        Note::Over {
            entered,
            points,
            step_m,
        } => match entered {
            Some(at) => format!("it passes over at {at}"),
            None => format!("read at {points} points along it, no more than {step_m} m apart"),
        },
        Note::Link {
            by,
            own_evidence,
            standard,
            met,
            evidence,
        } => {
            let meets = if *met { "meets" } else { "does not meet" };
            let standard = standard.replace('_', " ");
            if !own_evidence {
                return format!(
                    "the link rests on this event's own record, which {meets} {standard}"
                );
            }
            let by = by
                .as_deref()
                .map_or(String::new(), |b| format!(" asserted by {b},"));
            let items: Vec<String> = evidence
                .iter()
                .map(|e| format!("{} {} ({})", e.grade, e.kind.replace('_', " "), e.source))
                .collect();
            let items = if items.is_empty() {
                "no evidence".to_owned()
            } else {
                items.join(", ")
            };
            format!("the link,{by} rests on {items}: it {meets} {standard}")
        }
        Note::FindingsOnly => "no definition in the rulebook: only a finding decides it".to_owned(),
        Note::WholeZone { zone, inside } => {
            let lies = if *inside { "inside" } else { "outside" };
            format!(
                "decided on zone `{zone}` as a whole: its parts one by one leave it open, but every place the position may be lies {lies} the zone"
            )
        }
        Note::Area { holds: true } => {
            "the event is known only to lie in this area, and the test holds on every place of it"
                .to_owned()
        }
        Note::Area { holds: false } => {
            "the event is known only to lie in this area, and the test fails on every place of it"
                .to_owned()
        }
    }
}

/// Why a test could not be decided: `entry into force is known only to
/// the day, 2025-09-03 Europe/Kyiv, and the event's time falls on that
/// day: which came first is unknown`.
pub fn doubt(d: &Doubt) -> String {
    match d {
        Doubt::WithinDay {
            of: DayOf::Bound,
            day,
        } => format!(
            "the bound, {day}, is a whole day, not an instant, and the event's time falls on that day: which came first is unknown"
        ),
        Doubt::WithinDay { of, day } => format!(
            "{} is known only to the day, {day}, and the event's time falls on that day: which came first is unknown",
            day_of(of)
        ),
        Doubt::Area { split: true } => {
            "the event is known only to lie in an area, and the test holds on part of it and fails on another"
                .to_owned()
        }
        Doubt::Area { split: false } => {
            "the event is known only to lie in an area, too large or too near the test's edge to decide on the whole of it"
                .to_owned()
        }
        Doubt::AreaUndeclared { what, name } => {
            let kind = match what {
                Declared::Zone => "zone",
                Declared::Line => "line",
            };
            format!("the event's area names {kind} `{name}`, which this rulebook does not declare")
        }
        Doubt::AreaUnbounded => {
            "the event's area reaches without bound, so no test can be decided on the whole of it"
                .to_owned()
        }
    }
}

/// What an instant known only to the day is.
fn day_of(of: &DayOf) -> String {
    match of {
        DayOf::EntryIntoForce => "entry into force".to_owned(),
        DayOf::Suspension {
            party,
            repudiation: false,
        } => format!("the start of `{party}`'s suspension"),
        DayOf::Suspension {
            party,
            repudiation: true,
        } => format!("`{party}`'s repudiation"),
        DayOf::SuspensionEnd { party } => format!("the end of `{party}`'s suspension"),
        DayOf::Regime { name } => format!("the start of regime `{name}`"),
        DayOf::Deadline { name } => format!("deadline `{name}`"),
        DayOf::Extension { deadline } => format!("the extension of deadline `{deadline}`"),
        DayOf::Bound => "the bound".to_owned(),
    }
}

/// `due diligence `d`: knowledge ✓, means ?, measures ✗: the duty was breached`
pub fn diligence(d: &DiligenceTrial) -> String {
    let verdict = match d.breached {
        Truth::True => "the party failed in its duty",
        Truth::False => "the party did not fail in its duty",
        Truth::Unknown => "whether the party failed in its duty is open",
    };
    format!("standard of conduct `{}`: {verdict}", d.diligence)
}

/// A reason reads the same wherever it is shown.
impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&reason(self))
    }
}
