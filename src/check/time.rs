//! Time declarations: regimes, deadlines and their extensions, per-party
//! suspensions and repudiations.
//!
//! Calendar days (`14 d`) are counted in the anchor's time zone, so a
//! deadline keeps its local hour across a daylight-saving change; hours
//! and minutes are elapsed time.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};

use super::Checker;
use super::err::{BadTime, Problem, SelfReference, UnitMismatch, WrongRole};
use super::rulebook::{
    Article, ChangeTarget, Deadline, Due, Instant, PartyIdx, Regime, StatusKind, Suspension,
};
use super::symbols::Kind;
use crate::ast::{self, Anchor, Declaration, Extension, Moment, Unit};
use crate::span::Spanned;

impl Checker {
    pub(super) fn regimes(&mut self, ast: &ast::Rulebook) -> Vec<Regime> {
        let mut regimes = Vec::new();
        for decl in &ast.declarations {
            let Declaration::Regime(d) = decl else {
                continue;
            };
            if !self.is_declared(&d.name) {
                continue;
            }
            let Some(from) = self.instant(&d.from) else {
                continue;
            };
            regimes.push(Regime {
                name: d.name.node.clone(),
                from,
                text: d.text.as_ref().map(|t| t.node.as_str().into()),
            });
        }
        regimes
    }

    /// Deadlines in declaration order; one may be set from an earlier one.
    pub(super) fn deadlines(
        &mut self,
        ast: &ast::Rulebook,
        in_force: Option<&Instant>,
        regimes: &[Regime],
    ) -> Vec<Deadline> {
        let mut deadlines: Vec<Deadline> = Vec::new();
        for decl in &ast.declarations {
            let Declaration::Deadline(d) = decl else {
                continue;
            };
            if !self.is_declared(&d.name) {
                continue;
            }
            let known = Known {
                in_force,
                regimes,
                deadlines: &deadlines,
                extending: false,
            };
            let due = self.moment(&d.due, &known);
            // A placeholder keeps indices aligned when the moment is wrong.
            let due = due.unwrap_or_else(|| placeholder(in_force));
            deadlines.push(Deadline {
                name: d.name.node.clone(),
                schedule: vec![due],
            });
        }
        // Extensions apply in the order they were agreed, whatever the
        // order they are written in: `by` moves the deadline as it then stood.
        let mut extensions = Vec::new();
        for decl in &ast.declarations {
            let Declaration::Extension(x) = decl else {
                continue;
            };
            if let Some(agreed) = self.instant(&x.agreed) {
                extensions.push((agreed, x));
            }
        }
        extensions.sort_by_key(|(agreed, _)| agreed.at);
        for (agreed, x) in extensions {
            self.extension(x, agreed, &mut deadlines, in_force, regimes);
        }
        deadlines
    }

    fn extension(
        &mut self,
        x: &ast::ExtensionDecl,
        agreed: Instant,
        deadlines: &mut [Deadline],
        in_force: Option<&Instant>,
        regimes: &[Regime],
    ) {
        let Ok((_, index)) = self
            .symbols
            .resolve(&x.deadline.span, &[Kind::Deadline])
            .map_err(|e| self.error(e))
        else {
            return;
        };
        let current = deadlines[index]
            .schedule
            .last()
            .expect("a deadline has its original due date")
            .clone();
        let due = match &x.to {
            Extension::To(moment) => {
                let known = Known {
                    in_force,
                    regimes,
                    deadlines,
                    extending: true,
                };
                self.moment(moment, &known)
            }
            Extension::By(q) => self.after(&current.at, q).map(|at| Due {
                how: format!("{} after {}", q.span.text(), current.at.written),
                at,
                agreed: None,
                text: None,
                rules: Vec::new(),
            }),
        };
        let Some(mut due) = due else {
            return;
        };
        due.agreed = Some(agreed);
        due.text = x.text.as_ref().map(|t| t.node.as_str().into());
        if let Some(by) = &x.by {
            // Checked against the `change` declarations once they are read.
            let at = deadlines[index].schedule.len();
            self.extension_bys.push((index, at, by.clone()));
        }
        deadlines[index].schedule.push(due);
    }

    /// Resolves `72 h after in force`, `14 d after day 2`, a date, or a name.
    fn moment(&mut self, m: &Spanned<Moment>, known: &Known<'_>) -> Option<Due> {
        let anchor = self.anchor(&m.node.anchor, known)?;
        let Some(q) = &m.node.after else {
            return Some(Due {
                how: anchor.1,
                at: anchor.0,
                agreed: None,
                text: None,
                rules: Vec::new(),
            });
        };
        let at = self.after(&anchor.0, q)?;
        Some(Due {
            at,
            how: format!("{} after {}", q.span.text(), anchor.1),
            agreed: None,
            text: None,
            rules: Vec::new(),
        })
    }

    /// The instant an anchor names, and how to say it.
    fn anchor(&mut self, a: &Spanned<Anchor>, known: &Known<'_>) -> Option<(Instant, String)> {
        match &a.node {
            Anchor::InForce => {
                let f = known.in_force?;
                Some((f.clone(), "entry into force".to_owned()))
            }
            Anchor::Day(n) => {
                let f = known.in_force?;
                if n.fract() != 0.0 || *n < 1.0 || *n > 100_000.0 {
                    let problem = BadTime::NotADay {
                        text: a.span.text().to_owned(),
                    };
                    let help = "count days from 1, the day of entry into force: `day 2`";
                    self.error(problem.at(&a.span, "here").help(help));
                    return None;
                }
                let Some(day) = day_start(f, *n as i64 - 1) else {
                    let problem = BadTime::Beyond {
                        text: a.span.text().to_owned(),
                    };
                    self.error(problem.at(&a.span, "here"));
                    return None;
                };
                let how = format!("day {n} in force");
                Some((day, how))
            }
            Anchor::Date(d) => {
                let i = self.instant(&Spanned::new(d.clone(), a.span.clone()))?;
                let how = i.written.clone();
                Some((i, how))
            }
            Anchor::Named(name) => {
                let (kind, index) = self
                    .symbols
                    .resolve(&a.span, &[Kind::Deadline, Kind::Regime])
                    .map_err(|e| self.error(e))
                    .ok()?;
                if kind == Kind::Regime {
                    let r = known.regimes.get(index)?;
                    return Some((
                        r.from.clone(),
                        format!("regime `{name}` ({})", r.from.written),
                    ));
                }
                let Some(d) = known.deadlines.get(index) else {
                    let deadline = name.to_string();
                    let (problem, help) = if index == known.deadlines.len() && !known.extending {
                        (
                            SelfReference::DeadlineItself { deadline },
                            "set it from entry into force, a day of the agreement, a date, or another deadline",
                        )
                    } else {
                        (
                            SelfReference::DeadlineLater { deadline },
                            "declare a deadline before the ones set from it",
                        )
                    };
                    self.error(problem.at(&a.span, "here").help(help));
                    return None;
                };
                let due = &d.schedule[0].at;
                Some((due.clone(), format!("deadline `{name}` ({})", due.written)))
            }
        }
    }

    /// `at` plus a duration: calendar days in `at`'s zone, or elapsed time.
    /// An instant known only to the day moves as a whole: both its first
    /// and its last possible instant.
    fn after(&mut self, at: &Instant, q: &Spanned<ast::Quantity>) -> Option<Instant> {
        let value = q.node.value;
        if value < 0.0 {
            let problem = BadTime::Negative {
                text: q.span.text().to_owned(),
            };
            let help = "count forward from the anchor: a deadline comes after it";
            self.error(problem.at(&q.span, "here").help(help));
            return None;
        }
        let calendar = q.node.unit == Unit::Day;
        let shift = |t: Timestamp| -> Option<Timestamp> {
            if calendar {
                let zoned = t.to_zoned_datetime(at.tz.clone());
                zoned
                    .checked_add((value as i64).days())
                    .ok()
                    .map(|z| z.timestamp())
            } else {
                t.checked_add(SignedDuration::from_secs_f64(q.node.base()))
                    .ok()
            }
        };
        let shifted = match q.node.unit {
            Unit::Day if value.fract() == 0.0 && value.abs() <= 100_000.0 => {
                shift(at.at).zip(shift(at.last))
            }
            Unit::Minute | Unit::Hour if value.abs() <= 1e9 => shift(at.at).zip(shift(at.last)),
            Unit::Day if value.fract() != 0.0 => {
                let problem = BadTime::PartDays {
                    text: q.span.text().to_owned(),
                };
                let help = "write whole days, or hours: `36 h`";
                self.error(problem.at(&q.span, "here").help(help));
                return None;
            }
            Unit::Day | Unit::Minute | Unit::Hour => None,
            Unit::Metre | Unit::Kilometre | Unit::Millimetre | Unit::NauticalMile | Unit::Foot => {
                let problem = UnitMismatch::Needed {
                    text: q.span.text().to_owned(),
                    found: ast::Dimension::Length,
                    needed: ast::Dimension::Duration,
                };
                let help = "write `72 h`, `30 min` or `14 d`";
                self.error(problem.at(&q.span, "here").help(help));
                return None;
            }
        };
        let Some((first, last)) = shifted else {
            let problem = BadTime::ReachesBeyond {
                text: q.span.text().to_owned(),
            };
            let help = "keep durations within a few centuries";
            self.error(problem.at(&q.span, "here").help(help));
            return None;
        };
        Some(local_span(first, last, &at.tz))
    }

    pub(super) fn suspensions(
        &mut self,
        ast: &ast::Rulebook,
        articles: &[Article],
    ) -> Vec<Suspension> {
        let mut out = Vec::new();
        for decl in &ast.declarations {
            let Declaration::Suspension(s) = decl else {
                continue;
            };
            if let Some(s) = self.suspension(ast, s, articles) {
                out.push(s);
            }
        }
        out
    }

    fn suspension(
        &mut self,
        ast: &ast::Rulebook,
        s: &ast::SuspensionDecl,
        articles: &[Article],
    ) -> Option<Suspension> {
        let party = self
            .symbols
            .resolve(&s.party.span, &[Kind::Party])
            .map_err(|e| self.error(e))
            .ok();
        let indices = self.article_indices(ast, &s.articles, articles);
        let from = self.instant(&s.from);
        let until = s.until.as_ref().map(|u| self.instant(u));
        let what = if s.repudiation {
            "repudiation"
        } else {
            "suspension"
        };
        // Either may be known only to the day: refused only when the end
        // surely comes no later than the start.
        if let (Some(f), Some(Some(u))) = (&from, &until)
            && u.last <= f.at
        {
            let problem = BadTime::EndsBeforeBegins {
                what,
                end: u.written.clone(),
                begin: f.written.clone(),
            };
            let at = s.until.as_ref().map_or(&s.span, |u| &u.span);
            let help = "`until` must come after `from`; leave it out for a suspension with no end";
            self.error(problem.at(at, "until").help(help));
        }
        if let Some(role) = self.roles.get(&s.party.node).filter(|r| !r.is_bound()) {
            let problem = WrongRole::NotBound {
                name: s.party.node.to_string(),
                role: *role,
            };
            let help = format!(
                "only a party can suspend or repudiate; {} are not bound, so there is nothing to {}",
                super::duties::role_plural(*role),
                if s.repudiation {
                    "repudiate"
                } else {
                    "suspend"
                }
            );
            self.error(problem.at(&s.party.span, "here").help(help));
        }
        let when = match &s.when {
            Some(t) => Some(self.doctrine_test(t)?),
            None => None,
        };
        let (party, articles) = (party?.1 as PartyIdx, indices?);
        let kind = if s.repudiation {
            StatusKind::Repudiation
        } else {
            StatusKind::Suspension
        };
        let target = ChangeTarget::Status { kind, articles };
        let rules = self.rules_allowing(&target, &[party], &s.party.span);
        let ChangeTarget::Status { articles, .. } = target else {
            unreachable!("a status target")
        };
        Some(Suspension {
            party,
            articles,
            repudiation: s.repudiation,
            from: from?,
            until: until.flatten(),
            when,
            text: s.text.as_ref().map(|t| t.node.as_str().into()),
            rules,
        })
    }
}

/// What a moment may be set from.
struct Known<'a> {
    in_force: Option<&'a Instant>,
    regimes: &'a [Regime],
    deadlines: &'a [Deadline],
    /// Whether an extension is being read (every deadline is known then).
    extending: bool,
}

fn placeholder(in_force: Option<&Instant>) -> Due {
    let at = in_force
        .cloned()
        .unwrap_or_else(|| Instant::exact(Timestamp::UNIX_EPOCH, String::new(), TimeZone::UTC));
    Due {
        at,
        how: String::new(),
        agreed: None,
        text: None,
        rules: Vec::new(),
    }
}

/// The start of the calendar day `days` after `f`'s, in `f`'s zone; `None`
/// past the last date truce can count. Where a zone skips midnight, the
/// day starts at its first instant.
fn day_start(f: &Instant, days: i64) -> Option<Instant> {
    let zoned = f.at.to_zoned_datetime(f.tz.clone());
    let date = zoned.date().checked_add(days.days()).ok()?;
    let at = date.to_zoned_datetime(f.tz.clone()).ok()?.timestamp();
    Some(local(at, &f.tz))
}

/// The first and the last instant of `day` in `tz`: from its midnight (or
/// the end of a gap that skips it) to the last nanosecond before the next
/// day's first instant; `None` past the last date truce can count. Events
/// dated by day are read the same way.
pub fn day_span(day: jiff::civil::Date, tz: &TimeZone) -> Option<(Timestamp, Timestamp)> {
    let first = day.to_zoned_datetime(tz.clone()).ok()?.timestamp();
    let next = day
        .tomorrow()
        .ok()?
        .to_zoned_datetime(tz.clone())
        .ok()?
        .timestamp();
    let last = next.checked_sub(SignedDuration::from_nanos(1)).ok()?;
    Some((first, last))
}

/// An instant written as local time in a zone: `2015-03-02 00:00 Europe/Kyiv`.
pub(super) fn local(at: Timestamp, tz: &TimeZone) -> Instant {
    local_span(at, at, tz)
}

/// An instant that may be any from `first` to `last`, written as local
/// time in a zone: exact (`2015-03-02 00:00 Europe/Kyiv`), a whole day
/// (`2025-09-06 Europe/Kyiv`), or a span of a day's length moved off
/// midnight by hours (`between 2025-09-04 12:00 and 2025-09-05 12:00 Europe/Kyiv`).
pub(super) fn local_span(first: Timestamp, last: Timestamp, tz: &TimeZone) -> Instant {
    let name = tz.iana_name().unwrap_or("UTC");
    let at = |t: Timestamp| t.to_zoned_datetime(tz.clone());
    let minute = |t: Timestamp| at(t).strftime("%Y-%m-%d %H:%M").to_string();
    let end = last
        .checked_add(SignedDuration::from_nanos(1))
        .unwrap_or(last);
    let whole_day = first != last
        && at(first)
            .start_of_day()
            .is_ok_and(|s| s.timestamp() == first)
        && at(first)
            .tomorrow()
            .and_then(|d| d.start_of_day())
            .is_ok_and(|s| s.timestamp() == end);
    let written = if first == last {
        format!("{} {name}", minute(first))
    } else if whole_day {
        format!("{} {name}", at(first).strftime("%Y-%m-%d"))
    } else {
        format!("between {} and {} {name}", minute(first), minute(end))
    };
    Instant {
        at: first,
        last,
        written,
        tz: tz.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kyiv(s: &str) -> Instant {
        let tz = TimeZone::get("Europe/Kyiv").unwrap();
        let civil: jiff::civil::DateTime = s.parse().unwrap();
        local(tz.to_ambiguous_timestamp(civil).unambiguous().unwrap(), &tz)
    }

    #[test]
    fn day_two_of_minsk_ii_begins_at_midnight_kyiv_time() {
        // Minsk II: ceasefire from 00:00 Kyiv time, 15 Feb 2015.
        let f = kyiv("2015-02-15T00:00");
        assert_eq!(
            day_start(&f, 1).unwrap().written,
            "2015-02-16 00:00 Europe/Kyiv"
        );
    }

    #[test]
    fn calendar_days_keep_the_local_hour_across_a_clock_change() {
        // The 2015 Addendum: 41 days from 2 Oct 2015 crosses the end of
        // summer time (25 Oct), yet ends at midnight local time.
        let start = kyiv("2015-10-02T00:00");
        let end = start
            .at
            .to_zoned_datetime(start.tz.clone())
            .checked_add(41.days())
            .unwrap();
        assert_eq!(
            local(end.timestamp(), &start.tz).written,
            "2015-11-12 00:00 Europe/Kyiv"
        );
        // 41 × 24 h of elapsed time is an hour short of that midnight.
        let elapsed = start.at + SignedDuration::from_hours(41 * 24);
        assert_eq!(
            local(elapsed, &start.tz).written,
            "2015-11-11 23:00 Europe/Kyiv"
        );
    }
}
