//! The words for why a test could not be decided ([`Doubt`]): the text and
//! JSON reports both say a step's doubt in these words.

use crate::eval::{DayOf, Declared, Doubt, km};

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
        Doubt::Missing { event, field } => format!("{event} records no `{field}`"),
        Doubt::NoReach { event, weapon } => format!(
            "{event} records weapon type `{weapon}`, and the rulebook declares no reach for it"
        ),
        Doubt::SeveralWeapons {
            event,
            count,
            field,
        } => format!(
            "{event} records {count} weapons, and `{field}` reads one: compare sums (`rounds of weapons`) or test a weapon class"
        ),
        Doubt::RoundsMissing { event } => {
            format!("{event} records no `rounds` for some of its weapons")
        }
        Doubt::ClassUnknown { event } => {
            format!("whether some of {event}'s weapons are of the class is unknown")
        }
        Doubt::NoSegments { line } => format!("line `{line}` has no segments"),
        Doubt::LineByParty { line } => {
            format!("line `{line}` differs by party, and the actor's party is unknown")
        }
        Doubt::NoLineFor { line, party } => {
            format!("line `{line}` names no reference line for `{party}`")
        }
        Doubt::OwnSideUnknown => "the actor's party is unknown, so its own side is too".to_owned(),
        Doubt::HoldsNoSide { party, line } => format!("`{party}` holds no side of line `{line}`"),
        Doubt::ZoneEdge { zone, accuracy_m } => format!(
            "the edge of zone `{zone}` lies within the position's uncertainty ({})",
            km(*accuracy_m)
        ),
        Doubt::BeyondLine { line } => format!(
            "the position lies beyond the end of line `{line}`, on neither side of it"
        ),
        Doubt::NearLine { line } => format!(
            "the position is closer to line `{line}` than its uncertainty, so its side is unknown"
        ),
        Doubt::PointBeyondLine { point } => {
            format!("the {point} lies beyond the end of the line, on neither side")
        }
        Doubt::PointNearLine { point } => {
            format!("the {point} is closer to the line than its uncertainty")
        }
        Doubt::PositionUncertain => "the position is too uncertain".to_owned(),
        Doubt::PartyDecides => {
            "the actor's party is unknown, and the answer depends on whose line or side it is"
                .to_owned()
        }
        Doubt::AlongBearing => {
            "the event lies somewhere along a bearing, and the test holds on part of it only"
                .to_owned()
        }
        Doubt::LimitWithinUncertainty => {
            "the limit falls within the uncertainty of the positions".to_owned()
        }
        Doubt::OtherPartly => {
            "the other event is known only by a bearing or an area, and part of it is within the limit"
                .to_owned()
        }
        Doubt::PathPoint { path } => format!(
            "a point of the {path} is too uncertain to say which side of the line it is on"
        ),
        Doubt::TrajectoryBearing => {
            "an end of the trajectory is known only by a bearing, and some of its possible places cross the line and some do not"
                .to_owned()
        }
        Doubt::PathNearEdge => {
            "part of the path is too close to the edge, for its uncertainty, to tell".to_owned()
        }
        Doubt::TimesOverlap => "the two times overlap too much to order them".to_owned(),
        Doubt::TimesUncertain => "the times are too uncertain to say".to_owned(),
        Doubt::BoundWithin => "the bound falls within the event's time window".to_owned(),
        Doubt::DeadlineStraddled { deadline } => format!(
            "the event's time window straddles deadline `{deadline}`, or an extension of it"
        ),
        Doubt::DeadlineChange { deadline } => format!(
            "whether a change of deadline `{deadline}` had taken effect by the event's time is uncertain"
        ),
        Doubt::RegimeStraddled => {
            "the event's time window straddles the regime's start".to_owned()
        }
        Doubt::InForceStraddled => {
            "the event's time window straddles entry into force".to_owned()
        }
        Doubt::ChangeStraddled { change } => format!(
            "the event's time window straddles a change: {}",
            super::suspension(change)
        ),
        Doubt::ChangeUncertain { change } => format!(
            "whether this change had taken effect by then is uncertain: {}",
            super::suspension(change)
        ),
        Doubt::SomeBound => {
            "the agreement bound some parties and not others, and the actor is unknown".to_owned()
        }
        Doubt::ResumptionStraddled => {
            "the event's time window straddles the start of a regime or a resumption".to_owned()
        }
        Doubt::Unreadable {
            relation,
            event,
            outside,
        } => format!("{relation} `{event}` is {}", unreadable(*outside)),
        Doubt::NoPreponderance => "no `preponderance` standard".to_owned(),
        Doubt::PatternNotFound { pattern } => {
            format!("pattern `{pattern}` was not found for these events")
        }
        Doubt::PatternUncertain { event, pattern } => format!(
            "whether {event} belongs to a run of pattern `{pattern}` depends on events whose times or conditions are uncertain"
        ),
        Doubt::CeilingNotIndexed => {
            "the reports of this ceiling were not indexed for these events".to_owned()
        }
        Doubt::TargetArea => "whose area the target lies in is not known".to_owned(),
        Doubt::PlaceArea => "whose area it lies in is not known".to_owned(),
        Doubt::ActorUnknown => "whose act it was is not known".to_owned(),
        Doubt::LaunchArea => {
            "the act is by no side, and whose area it was launched from is not known".to_owned()
        }
        Doubt::WithinOneSide => {
            "the act is by no side, launched within one side's area: at that side, or at an intruder there, the record does not tell".to_owned()
        }
        Doubt::OwnAreaDrill => {
            "the target lies in the actor's own area: whether it was a drill or an intruder, the record does not tell".to_owned()
        }
        Doubt::OwnAreaIntruder => {
            "the target lies in the actor's own area: at an intruder of the other party's, perhaps; the record does not tell".to_owned()
        }
        Doubt::NoUnit { event } => format!("{event} records no unit"),
        Doubt::UntypedWeapon { event } => format!("{event} records a weapon of no type"),
        Doubt::NoPlace { act, grant } => format!("{act} or {grant} records no place"),
        Doubt::UnreadableArea { act, grant } => {
            format!("{act} or {grant} is known only as an area that cannot be read")
        }
        Doubt::RadiusWithinUncertainty => {
            "the radius falls within the uncertainty of the positions".to_owned()
        }
        Doubt::ValidityStraddled => {
            "the act's time window straddles the authorisation's validity".to_owned()
        }
    }
}

/// Why a related event cannot be read: `rejected`, or outside this
/// instrument. The same words a fact about it uses.
pub fn unreadable(outside: bool) -> &'static str {
    if outside {
        "outside this instrument (its act or party is not declared here)"
    } else {
        "rejected"
    }
}

/// What an instant known only to the day is.
fn day_of(of: &DayOf) -> String {
    // A change an event records is named by that event.
    let by = |event: &Option<crate::name::Name>| {
        event
            .as_ref()
            .map_or(String::new(), |e| format!(" (declared by {e})"))
    };
    match of {
        DayOf::EntryIntoForce => "entry into force".to_owned(),
        DayOf::Suspension {
            party,
            repudiation: false,
            event,
        } => format!("the start of `{party}`'s suspension{}", by(event)),
        DayOf::Suspension {
            party,
            repudiation: true,
            event,
        } => format!("`{party}`'s repudiation{}", by(event)),
        DayOf::SuspensionEnd { party, event } => {
            format!("the end of `{party}`'s suspension{}", by(event))
        }
        DayOf::Regime { name } => format!("the start of regime `{name}`"),
        DayOf::Resumption { event } => format!("the resumption declared by {event}"),
        DayOf::Deadline { name } => format!("deadline `{name}`"),
        DayOf::Extension {
            deadline,
            event: None,
        } => format!("the extension of deadline `{deadline}`"),
        DayOf::Extension {
            deadline,
            event: Some(e),
        } => format!("the change of deadline `{deadline}` by {e}"),
        DayOf::Bound => "the bound".to_owned(),
    }
}
