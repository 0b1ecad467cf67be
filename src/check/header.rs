//! The agreement header: title, provenance, dates, parties and monitors.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use super::Checker;
use super::err::{BadTime, Missing, Problem, WrongRole};
use super::rulebook::{Instant, Party, PartyIdx, Role};
use super::symbols::Kind;
use super::time::day_span;
use crate::ast::{self, DateTimeLit, HeaderItem};
use crate::span::Spanned;

pub(super) struct Header {
    pub title: crate::name::Name,
    pub provenance: Option<String>,
    pub signed: Option<Instant>,
    pub in_force: Instant,
    pub parties: Vec<Party>,
}

impl Checker {
    pub(super) fn header(&mut self, agreement: &ast::Agreement) -> Option<Header> {
        let mut provenance = None;
        let mut signed = None;
        let mut in_force = None;
        let mut parties = Vec::new();
        for item in &agreement.items {
            match item {
                HeaderItem::Source(s) => self.once(
                    &mut provenance,
                    &s.span,
                    "the header",
                    "source",
                    s.node.clone(),
                ),
                HeaderItem::Signed(d) => {
                    let instant = self.instant(d);
                    self.once(&mut signed, &d.span, "the header", "signed", instant);
                }
                HeaderItem::InForce(d) => {
                    let instant = self.instant(d);
                    self.once(&mut in_force, &d.span, "the header", "in force", instant);
                }
                HeaderItem::Party(p) => self.party(p, Role::Party, &mut parties),
                HeaderItem::Monitor(p) => self.party(p, Role::Monitor, &mut parties),
                HeaderItem::Mediator(p) => self.party(p, Role::Mediator, &mut parties),
                HeaderItem::NonParty(n) => {
                    let decl = ast::PartyDecl {
                        id: n.id.clone(),
                        name: n.name.clone(),
                        counterparts: Vec::new(),
                        span: n.span.clone(),
                    };
                    let role = Role::NonParty { reached: n.reached };
                    self.party(&decl, role, &mut parties);
                }
                HeaderItem::Group(_) => {}
            }
        }
        // Groups last, so the party each is under may be declared anywhere.
        for item in &agreement.items {
            if let HeaderItem::Group(g) = item {
                self.group(g, &mut parties);
            }
        }
        self.parties_present(agreement, &parties);
        let Some(in_force) = in_force else {
            self.error(
                Missing::InForce
                    .at(&agreement.title.span, "this agreement")
                    .help("add `in force 1953-07-27 22:00 Asia/Seoul` to the header"),
            );
            return None;
        };
        // Known only to the day, it may enter into force at any hour of
        // that day: refused only if it surely comes before signature.
        if let (Some(Some(s)), Some(f)) = (&signed, &in_force)
            && f.last < s.at
        {
            let problem = BadTime::InForceBeforeSigned {
                in_force: f.written.clone(),
                signed: s.written.clone(),
            };
            let at = agreement.items.iter().find_map(|i| match i {
                HeaderItem::InForce(d) => Some(d.span.clone()),
                _ => None,
            });
            let at = at.unwrap_or_else(|| agreement.title.span.clone());
            self.error(
                problem
                    .at(&at, "in force")
                    .help("check both dates and their time zones"),
            );
        }
        Some(Header {
            title: agreement.title.node.as_str().into(),
            provenance,
            signed: signed.flatten(),
            in_force: in_force?,
            parties,
        })
    }

    fn party(&mut self, decl: &ast::PartyDecl, role: Role, parties: &mut Vec<Party>) {
        match self.symbols.declare(&decl.id.span, Kind::Party) {
            Ok(_) => {
                self.roles.insert(decl.id.node.clone(), role);
                parties.push(Party {
                    id: decl.id.node.as_str().into(),
                    name: decl.name.node.clone(),
                    role,
                    under: None,
                });
            }
            Err(e) => self.error(e),
        }
    }

    fn group(&mut self, g: &ast::GroupDecl, parties: &mut Vec<Party>) {
        let under = parties
            .iter()
            .position(|p| *p.id == *g.under.node && p.role == Role::Party);
        let Some(under) = under else {
            let ids: Vec<&str> = parties
                .iter()
                .filter(|p| p.role == Role::Party)
                .map(|p| &*p.id)
                .collect();
            let problem = WrongRole::GroupUnder {
                name: g.under.node.to_string(),
            };
            let help = format!("a group is under one of the parties: {}", ids.join(", "));
            self.error(problem.at(&g.under.span, "here").help(help));
            return;
        };
        if let Err(e) = self.symbols.declare(&g.id.span, Kind::Party) {
            self.error(e);
            return;
        }
        self.roles.insert(g.id.node.clone(), Role::Group);
        parties.push(Party {
            id: g.id.node.as_str().into(),
            name: g.name.node.clone(),
            role: Role::Group,
            under: Some(under as PartyIdx),
        });
    }

    fn parties_present(&mut self, agreement: &ast::Agreement, parties: &[Party]) {
        let count = parties.iter().filter(|p| p.role == Role::Party).count();
        if count < 2 {
            self.error(
                Missing::Parties { count }
                    .at(&agreement.title.span, "this agreement")
                    .help("declare each party in the header: `party ID \"Name\"`"),
            );
        }
    }

    /// Resolves a local date, time and IANA zone to an instant.
    pub(super) fn instant(&mut self, lit: &Spanned<DateTimeLit>) -> Option<Instant> {
        let DateTimeLit { date, clock, zone } = &lit.node;
        let tz = match TimeZone::get(zone) {
            Ok(tz) => tz,
            Err(_) => {
                let problem = BadTime::UnknownZone { zone: zone.clone() };
                let names: Vec<String> =
                    jiff::tz::db().available().map(|n| n.to_string()).collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let help = match super::err::did_you_mean(zone, &names) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => {
                        "use an IANA time zone name such as `Asia/Seoul`, `Europe/Kyiv` or `UTC`"
                            .to_owned()
                    }
                };
                self.error(problem.at(&lit.span, "in this date").help(help));
                return None;
            }
        };
        let Some(clock) = clock else {
            return self.day(lit, tz);
        };
        let civil: DateTime = match format!("{date}T{clock}").parse() {
            Ok(dt) => dt,
            Err(_) => {
                let problem = BadTime::NotADateTime {
                    date: date.clone(),
                    clock: clock.clone(),
                };
                self.error(problem.at(&lit.span, "this date"));
                return None;
            }
        };
        // A local time that the clocks skip or repeat is refused, not moved.
        match tz.to_ambiguous_timestamp(civil).unambiguous() {
            Ok(at) => Some(Instant::exact(at, format!("{date} {clock} {zone}"), tz)),
            Err(_) => {
                let problem = BadTime::Ambiguous {
                    date: date.clone(),
                    clock: clock.clone(),
                    zone: zone.clone(),
                };
                let help = "the clocks skip or repeat this hour (daylight saving time); write a time outside the change";
                self.error(problem.at(&lit.span, "this date").help(help));
                None
            }
        }
    }

    /// `2025-09-03 Europe/Kyiv`: any instant of that day in that zone, from
    /// its first instant (midnight, or the end of a gap that skips it) to
    /// the last before the next day's first.
    fn day(&mut self, lit: &Spanned<DateTimeLit>, tz: TimeZone) -> Option<Instant> {
        let DateTimeLit { date, zone, .. } = &lit.node;
        let Ok(day) = date.parse::<Date>() else {
            let problem = BadTime::NotADate { date: date.clone() };
            let help = "write a date that exists, as `YYYY-MM-DD`: `2025-09-03`";
            self.error(problem.at(&lit.span, "this date").help(help));
            return None;
        };
        let Some((at, last)) = day_span(day, &tz) else {
            let problem = BadTime::Beyond { text: date.clone() };
            self.error(problem.at(&lit.span, "this date"));
            return None;
        };
        Some(Instant {
            at,
            last,
            written: format!("{date} {zone}"),
            tz,
        })
    }
}
