//! The words for what evaluation returns as data: reasons, who answers,
//! how findings were weighed, what facts showed. The text and JSON reports
//! both word them here, so a reason reads the same everywhere.

mod proof;
mod summary;

pub use proof::{aspect, evidence_kind, standard, weighing};
pub use summary::{set_by, summary, suspension, unbound};

use crate::ast::CounterpartKind;
use crate::eval::{
    ActorRole, Allowed, Basis, ChangeEffect, ChangeTrial, ChangeWhat, CountedWhat, DecidedBy,
    DiligenceTrial, DueSeen, Duty, FailedElement, FailedExcuse, Holdings, Note, OpenLimit,
    Perpetrator, PreventBecause, Range, Reason, Refusal, ReportCount, Responsibility, Translated,
    Translation, Truth, UnitCount, Way, Weighed, span_words, window_written,
};
use crate::events::{FindingTest, Object};
use crate::report::Outside;

mod computed;
pub mod diff;
mod state;
mod unknown;
pub mod whatif;
pub use computed::{computed, value, value_words};
pub use state::state;
pub use unknown::doubt;

/// A finding's reason, in one sentence.
pub fn reason(r: &Reason) -> String {
    match r {
        Reason::Pending => String::new(),
        Reason::NotMet { test } => format!("not met: `{test}` is false"),
        Reason::NotApplied { why } => unbound(why),
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
        Reason::NotInForce { doubt } => {
            let why = doubt
                .as_ref()
                .map_or_else(|| "the record does not say why".to_owned(), self::doubt);
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
            open: Some(limit),
            ..
        } => format!("cannot decide `{test}`: {}", open_limit(limit)),
        Reason::CannotDecide {
            test,
            doubt,
            decided_by,
            open: None,
        } => {
            let because = doubt.as_ref().map(self::doubt);
            format!("cannot decide `{test}`: {}", open(&because, *decided_by))
        }
        Reason::NotProven { occurrence } => format!(
            "condition met, but occurrence is not proven: {}",
            weighing(occurrence)
        ),
        Reason::NotAttributed {
            occurrence,
            attribution,
        } => format!(
            "occurrence established ({}), attribution not: {}",
            weighing(occurrence),
            weighing(attribution)
        ),
        Reason::Breach {
            failed,
            upheld,
            set_aside,
        } => breach(failed, upheld.as_deref(), set_aside),
        Reason::ExceptionsOpen {
            exceptions,
            test,
            doubt,
        } => {
            let because = doubt.as_ref().map(self::doubt);
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
                evidence_kind(e.kind),
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
        Note::Weighed { why } => proof::result(&why.result),
        // Worded as the fact's value (see `value`), not as a note.
        Note::Omitted { .. } | Note::Validity { .. } | Note::NoneListed => {
            computed::value_note(n).unwrap_or_default()
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
        Note::NearAreaEdge => {
            "too close to the edge of a party's area, for its uncertainty, to tell whose area it is in"
                .to_owned()
        }
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
                .map(|e| format!("{} {} ({})", e.grade, evidence_kind(e.kind), e.source))
                .collect();
            let items = if items.is_empty() {
                "no evidence".to_owned()
            } else {
                items.join(", ")
            };
            format!("the link,{by} rests on {items}: it {meets} {standard}")
        }
        Note::FindingsOnly => "no definition in the rulebook: only a finding decides it".to_owned(),
        Note::Deadline {
            deadline,
            dues,
            refused,
        } => {
            let mut parts: Vec<String> = dues.iter().map(|d| due(deadline, d)).collect();
            if !refused.is_empty() {
                let word = if refused.len() == 1 { "change" } else { "changes" };
                parts.push(format!(
                    "the {word} of it by {} took no effect",
                    refused.join(", ")
                ));
            }
            parts.join("; ")
        }
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

/// `deadline `withdrawal` due 1953-07-30 22:00 Asia/Seoul: 72 h after entry
/// into force; 1 d before it`, naming the change that set it, if one did.
fn due(deadline: &str, d: &DueSeen) -> String {
    let how = d.how.as_deref().map_or(String::new(), |h| format!(": {h}"));
    let changed = d.changed.as_ref().map_or(String::new(), |c| {
        let verb = if c.earlier {
            "brought forward"
        } else {
            "extended"
        };
        let by = c
            .event
            .as_deref()
            .map_or(String::new(), |e| format!(" by {e}"));
        if c.uncertain {
            format!(", as {verb}{by}, taking effect {}", c.on)
        } else {
            format!(", as {verb} on {}{by}", c.on)
        }
    });
    let (lo, hi) = d.from_due;
    let relation = if lo >= 0.0 {
        format!("{} after it", span_words(lo, hi))
    } else if hi <= 0.0 {
        format!("{} before it", span_words(-hi, -lo))
    } else if d.day {
        "on its day".to_owned()
    } else {
        "the window spans it".to_owned()
    };
    format!(
        "deadline `{deadline}` due {}{how}{changed}; {relation}",
        d.due
    )
}

/// A change an event records and what became of it, in one line:
/// `deadline `withdrawal` until …: in effect from …, on the consent of `IL` and `LB` together`.
/// `own` is the judged event: a declaration joining another's change says so.
pub fn change(c: &ChangeTrial, own: &str) -> String {
    let what = c
        .what
        .as_ref()
        .map_or_else(|| "a change".to_owned(), change_what);
    let joins = if *c.event == *own {
        String::new()
    } else {
        format!("joins the change {}: ", c.event)
    };
    let effect = match &c.effect {
        ChangeEffect::Effective {
            from,
            uncertain,
            by,
            retroactive,
            not_before,
        } => {
            let from = if *uncertain {
                format!("some time {}", window_written(*from))
            } else {
                window_written(*from)
            };
            let when = if *retroactive {
                " (before it was made: the parties together agreed so)".to_owned()
            } else {
                not_before.map_or(String::new(), |asked| {
                    format!(", not from {} as it says: only the parties together may give a change effect before it is made", window_written(asked))
                })
            };
            let by = match by {
                Allowed::EachParty => "as each party may declare for itself".to_owned(),
                together => format!("on the consent of {}", allowed(together)),
            };
            format!("in effect from {from}, {by}{when}")
        }
        ChangeEffect::NotEffective { why } => format!("no effect: {}", refusal(why)),
    };
    format!("{joins}{what}: {effect}")
}

/// The declarations a change rests on: `LB-1 (LB), established; IL-1 (IL), not established`.
pub fn consents(c: &ChangeTrial) -> Option<String> {
    if c.consents.is_empty() {
        return None;
    }
    let standard = c.consents[0].standard.replace('_', " ");
    let items: Vec<String> = c
        .consents
        .iter()
        .map(|x| {
            let party = x.party.as_deref().unwrap_or("unknown");
            let state = if x.established {
                "established"
            } else {
                "not established"
            };
            format!("{} ({party}), {state}", x.event)
        })
        .collect();
    Some(format!(
        "declarations weighed ({standard}): {}",
        items.join("; ")
    ))
}

fn change_what(w: &ChangeWhat) -> String {
    match w {
        ChangeWhat::Deadline { deadline, until } => {
            format!("deadline `{deadline}` set to {}", window_written(*until))
        }
        ChangeWhat::Status {
            status,
            articles,
            until,
        } => {
            let scope = if articles.is_empty() {
                "the agreement".to_owned()
            } else {
                let word = if articles.len() == 1 {
                    "article"
                } else {
                    "articles"
                };
                format!("{word} {}", articles.join(", "))
            };
            let until = until.map_or(String::new(), |u| format!(" until {}", window_written(u)));
            format!("{} of {scope}{until}", status.word())
        }
    }
}

/// `` `IL` and `LB` together ``, `each party, for itself`
fn allowed(a: &Allowed) -> String {
    match a {
        Allowed::EachParty => "each party, for itself".to_owned(),
        Allowed::Together { parties } => {
            let names: Vec<String> = parties.iter().map(|p| format!("`{p}`")).collect();
            match names.as_slice() {
                [one] => one.clone(),
                _ => format!("{} together", names.join(" and ")),
            }
        }
    }
}

fn refusal(r: &Refusal) -> String {
    match r {
        Refusal::NoRule => "the rulebook lets no one make this change".to_owned(),
        Refusal::Consents { ways } => {
            let ways: Vec<String> = ways.iter().map(way).collect();
            format!("the rulebook allows it {}", ways.join("; or "))
        }
        Refusal::Doctrine { doctrine, setting } => format!(
            "the consents are there, but the rule that allows it has no effect under doctrine `{doctrine}` = `{setting}`"
        ),
        Refusal::JoinsNothing { event } => {
            format!("it joins {event}, which states no change this instrument reads")
        }
    }
}

/// `by `IL` and `LB` together, and `LB`'s consent is not recorded`
fn way(w: &Way) -> String {
    if w.not_by_a_party {
        return "by each party, for itself, and it was not declared by a party".to_owned();
    }
    let lacking: Vec<String> = w
        .missing
        .iter()
        .map(|m| match &m.not_established {
            Some(e) => format!("`{}`'s consent ({e}) is not established", m.party),
            None => format!("`{}`'s consent is not recorded", m.party),
        })
        .collect();
    format!("by {}, and {}", allowed(&w.by), lacking.join(", and "))
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

/// `` `SY` holds 5900 to 6200 personnel, and ceiling `first_10km` allows at most 6000 ``
fn open_limit(l: &OpenLimit) -> String {
    format!(
        "`{}` holds {} {}, and ceiling `{}` allows at most {}",
        l.party,
        amount(l.total),
        counted(&l.counted),
        l.ceiling,
        l.at_most
    )
}

/// `personnel`, `weapons of class `tank``, `weapons`
fn counted(c: &CountedWhat) -> String {
    match c {
        CountedWhat::Quantity { name } => name.to_string(),
        CountedWhat::Weapons { class: Some(k) } => format!("weapons of class `{k}`"),
        CountedWhat::Weapons { class: None } => "weapons".to_owned(),
    }
}

/// `3400`, `0 to 300`, `at least 40`, `an unknown number of`
fn amount(r: Range) -> String {
    match r.most {
        Some(m) if m == r.least => m.to_string(),
        Some(m) => format!("{} to {m}", r.least),
        None if r.least == 0 => "an unknown number of".to_owned(),
        None => format!("at least {}", r.least),
    }
}

/// A party's holdings as a ceiling counted them: a line for the count,
/// one per limit, then one per unit counted.
pub fn holdings(h: &Holdings) -> Vec<String> {
    let mut lines = vec![format!(
        "holdings of `{}` in zone `{}` at {}, under ceiling `{}`:",
        h.party, h.zone, h.at, h.ceiling
    )];
    for l in &h.limits {
        let verdict = match l.exceeded {
            Truth::True => "exceeded",
            Truth::False => "within the limit",
            Truth::Unknown => "may or may not exceed it",
        };
        lines.push(format!(
            "  {} {}, at most {}: {verdict}",
            amount(l.total),
            counted(&l.counted),
            l.at_most
        ));
    }
    if h.units.is_empty() {
        lines.push("  no unit of theirs is reported in the zone".to_owned());
    }
    for u in &h.units {
        lines.push(format!("  {}", unit_count(h, u)));
    }
    if h.omitted > 0 {
        lines.push(format!(
            "  and {} more unit(s), counted in the totals",
            h.omitted
        ));
    }
    lines
}

/// `61st Brigade: 3400 personnel, 50 weapons of class `tank` (report B-4 at …)`
fn unit_count(h: &Holdings, u: &UnitCount) -> String {
    let who = match &u.unit {
        Some(name) => name.to_string(),
        None => "a report naming no unit".to_owned(),
    };
    // What it adds to no limit goes unsaid.
    let adds: Vec<String> = u
        .adds
        .iter()
        .zip(&h.limits)
        .filter(|(a, _)| **a != Range::ZERO)
        .map(|(a, l)| format!("{} {}", amount(*a), counted(&l.counted)))
        .collect();
    let reports: Vec<String> = u.reports.iter().map(report_count).collect();
    let which = match reports.as_slice() {
        [one] => format!("report {one}"),
        several => format!("the latest report is one of {}", several.join("; ")),
    };
    let unreported = if u.maybe_unreported {
        "; it may not have been reported yet"
    } else {
        ""
    };
    format!("{who}: {} ({which}{unreported})", adds.join(", "))
}

/// `B-4 at 2019-05-15T09:00:00+03:00, its place may lie outside the zone`
fn report_count(r: &ReportCount) -> String {
    let mut text = format!("{} at {}", r.event, r.time);
    if r.inside == Truth::Unknown {
        text.push_str(", its place may lie outside the zone");
    }
    if r.report == Truth::Unknown {
        text.push_str(", and whether it reports holdings is unknown");
    }
    text
}

/// A reason reads the same wherever it is shown.
impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&reason(self))
    }
}

/// A name of the record read as the instrument's own party.
pub fn translation(t: &Translation) -> String {
    let what = match t.field {
        Translated::Actor => "the actor",
        Translated::Affected => "the force affected",
        Translated::Finding => "a finding's party",
    };
    let how = match t.counterpart {
        CounterpartKind::Same => "the same forces".to_owned(),
        CounterpartKind::Under => format!("its forces are among `{}`'s", t.read_as),
    };
    format!(
        "{what}, recorded as `{}`, is read as `{}`: {how} (a counterpart declared in \"{}\")",
        t.recorded, t.read_as, t.declared_by
    )
}

/// Why an event is outside an instrument's scope.
pub fn outside(o: &Outside) -> String {
    let party = o.party.as_ref().map(|p| {
        let among = match o.among.as_slice() {
            [] => String::new(),
            ours => format!(
                " (its {} among `{p}`'s forces, not all of them)",
                ours.iter()
                    .map(|q| format!("`{q}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
                    + if ours.len() == 1 { " is" } else { " are" }
            ),
        };
        format!("party `{p}`{among}")
    });
    let what = match (&o.act, party) {
        (Some(a), Some(p)) => format!("neither act `{a}` nor {p}"),
        (Some(a), None) => format!("no act `{a}`"),
        (None, Some(p)) => format!("no {p}"),
        (None, None) => "what the event records".to_owned(),
    };
    format!(
        "outside the scope of \"{}\": it declares {what}",
        o.instrument
    )
}

/// An outcome as a report names it: `violation`, `no violation`.
pub fn outcome(o: crate::eval::Outcome) -> &'static str {
    use crate::eval::Outcome;
    match o {
        Outcome::Violation => "violation",
        Outcome::Justified => "justified",
        Outcome::NoViolation => "no violation",
        Outcome::Inconclusive => "inconclusive",
    }
}

/// The mark of a test's truth: `✓`, `✗`, `?`.
pub fn mark(t: Truth) -> &'static str {
    match t {
        Truth::True => "✓",
        Truth::False => "✗",
        Truth::Unknown => "?",
    }
}

/// A truth in words, beside its mark for readers who do not see it.
pub fn truth(t: Truth) -> &'static str {
    match t {
        Truth::True => "true",
        Truth::False => "false",
        Truth::Unknown => "unknown",
    }
}

/// Who a verdict or finding is against: `party KPA`, `non-party X`,
/// `party unknown`; nothing when there was no violation.
pub fn party(
    party: Option<&str>,
    perpetrator: Option<&Perpetrator>,
    outcome: crate::eval::Outcome,
) -> Option<String> {
    match (party, outcome, perpetrator) {
        (_, crate::eval::Outcome::NoViolation, _) => None,
        (Some(p), _, _) => Some(format!("party {p}")),
        (None, _, Some(Perpetrator::NonParty { id })) => Some(format!("non-party {id}")),
        (None, _, _) => Some("party unknown".to_owned()),
    }
}

/// Why a step that reads related events lists none of them tried, if so.
pub fn untried(s: &crate::eval::Step) -> Option<&'static str> {
    use crate::eval::Related;
    match &s.related {
        Some(Related::Unlinked(_)) => {
            Some("not tried, the link to it does not meet the standard of proof")
        }
        Some(Related::Omitted { .. }) => Some(match s.result {
            Truth::False => "tried and not listed; none meets the test",
            Truth::Unknown | Truth::True => "tried and not listed; none meets the test for certain",
        }),
        Some(Related::Quantifier(_) | Related::Tried(_) | Related::Summed) | None => None,
    }
}

/// What became of an exception, with its mark.
pub fn exception_status(s: crate::eval::ExceptionStatus) -> (&'static str, &'static str) {
    use crate::eval::ExceptionStatus;
    match s {
        ExceptionStatus::Applies => ("✓", "applies"),
        ExceptionStatus::DoesNotApply => ("✗", "does not apply"),
        ExceptionStatus::Undecided => ("?", "cannot be decided"),
        ExceptionStatus::NotConsidered => ("–", "not considered"),
        ExceptionStatus::SetAside => (
            "✓",
            "applies, but is set aside by an exception ranked over it",
        ),
    }
}

/// Whether a note says what the fact's value is (worded as the value by
/// [`value`], not beside it).
pub fn worded_as_value(n: &Note) -> bool {
    matches!(
        n,
        Note::Omitted { .. } | Note::Validity { .. } | Note::NoneListed
    )
}

/// One fact a test read: `E-1.time = 2025-09-03T10:00+03:00 (computed) (note)`.
pub fn fact(f: &crate::eval::Fact) -> String {
    let computed = f
        .computed
        .as_ref()
        .map(|c| format!(" ({})", computed(c)))
        .unwrap_or_default();
    let note = f
        .note
        .as_ref()
        .filter(|n| !worded_as_value(n))
        .map(|n| format!(" ({})", note(n)))
        .unwrap_or_default();
    format!("{}.{} = {}{computed}{note}", f.event, f.field, value(f))
}

/// One item of evidence: `B2 observation (MM patrol 2), counted`.
pub fn evidence(e: &crate::eval::EvidenceNote) -> String {
    let counted = if e.counted { "counted" } else { "not counted" };
    format!(
        "{} {} ({}), {counted}",
        e.grade,
        evidence_kind(e.kind),
        e.source
    )
}
