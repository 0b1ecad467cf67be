//! A party's counterparts: its forces as other instruments name them
//! (`party DPRK "..." as KPA in "Korean Armistice Agreement"`), so that an
//! incident recorded once, in either instrument's names, is judged under
//! each in its own.
//!
//! What one rulebook can check alone is checked here: a party given two
//! counterparts in one instrument, one counterpart claimed by two parties,
//! a counterpart whose name this rulebook gives to someone else, and,
//! when the rulebook imports from that instrument, a counterpart it does
//! not declare as a party. Whether the instrument is loaded alongside is
//! known only when several are judged (`events::counterparts`).

use super::Checker;
use super::err::{BadCounterpart, Problem};
use super::rulebook::{Counterpart, Party, PartyIdx, Role};
use crate::ast::{self, CounterpartDecl, CounterpartKind, HeaderItem};

impl Checker {
    /// Every counterpart the header declares, checked.
    pub(super) fn counterparts(
        &mut self,
        ast: &ast::Rulebook,
        parties: &[Party],
    ) -> Vec<Counterpart> {
        let mut out: Vec<(Counterpart, &CounterpartDecl)> = Vec::new();
        for item in &ast.agreement.items {
            let HeaderItem::Party(p) = item else {
                continue;
            };
            let Some(party) = parties
                .iter()
                .position(|q| *q.id == *p.id.node && q.role == Role::Party)
            else {
                continue; // declared twice: already reported
            };
            for c in &p.counterparts {
                if self.counterpart_sound(ast, parties, &p.id.node, c, &out) {
                    let counterpart = Counterpart {
                        party: party as PartyIdx,
                        kind: c.kind.node,
                        other: c.party.node.as_str().into(),
                        instrument: c.instrument.node.as_str().into(),
                        span: c.span.clone(),
                        other_at: c.party.span.clone(),
                        instrument_at: c.instrument.span.clone(),
                    };
                    out.push((counterpart, c));
                }
            }
        }
        out.into_iter().map(|(c, _)| c).collect()
    }

    /// Reports what is wrong with one counterpart of party `ours`, given
    /// those accepted before it; whether it is sound.
    fn counterpart_sound(
        &mut self,
        ast: &ast::Rulebook,
        parties: &[Party],
        ours: &str,
        c: &CounterpartDecl,
        before: &[(Counterpart, &CounterpartDecl)],
    ) -> bool {
        let theirs = &c.party.node;
        let title = &c.instrument.node;
        if *title == ast.agreement.title.node {
            let problem = BadCounterpart::SameInstrument {
                ours: ours.to_owned(),
            };
            let help = "a counterpart names a party of another instrument, by that instrument's title; two names for one party of this agreement are not allowed";
            self.error(problem.at(&c.instrument.span, "this agreement").help(help));
            return false;
        }
        let same_instrument = || before.iter().filter(|(b, _)| *b.instrument == **title);
        if let Some((b, _)) =
            same_instrument().find(|(b, _)| *parties[usize::from(b.party)].id == *ours)
        {
            let problem = BadCounterpart::Two {
                ours: ours.to_owned(),
                instrument: title.to_string(),
                first: b.other.to_string(),
                second: theirs.to_string(),
            };
            let help = "a party's forces are one party of another instrument: give it one counterpart there";
            self.error(problem.at(&c.span, "second counterpart").help(help));
            return false;
        }
        let claimed = same_instrument().find(|(b, _)| *b.other == **theirs);
        if let Some((b, _)) = claimed
            && (b.kind == CounterpartKind::Same || c.kind.node == CounterpartKind::Same)
        {
            let other = &parties[usize::from(b.party)].id;
            let problem = BadCounterpart::Shared {
                theirs: theirs.to_string(),
                instrument: title.to_string(),
                first: other.to_string(),
                second: ours.to_owned(),
            };
            let help = format!(
                "`as` says the forces are the same, so only one party can be `as {theirs}`; if each party's forces are among `{theirs}`'s, write `under {theirs}` for each"
            );
            self.error(problem.at(&c.span, "claimed again here").help(help));
            return false;
        }
        if let Some(local) = parties.iter().find(|q| *q.id == **theirs) {
            let same_name = *local.id == *ours;
            if !same_name || c.kind.node == CounterpartKind::Under {
                self.counterpart_name_taken(c, ours, local, same_name);
                return false;
            }
        }
        self.counterpart_in_import(ast, c)
    }

    /// The counterpart's name is one this rulebook gives to an actor: an
    /// event naming it could mean either.
    fn counterpart_name_taken(
        &mut self,
        c: &CounterpartDecl,
        ours: &str,
        local: &Party,
        same_name: bool,
    ) {
        let theirs = &c.party.node;
        let (problem, help) = if same_name {
            (
                BadCounterpart::OwnName {
                    ours: ours.to_owned(),
                },
                format!("if the forces are the same, write `as {theirs}`"),
            )
        } else {
            (
                BadCounterpart::NameTaken {
                    theirs: theirs.to_string(),
                    role: local.role,
                    ours: ours.to_owned(),
                    instrument: c.instrument.node.to_string(),
                },
                format!("rename this agreement's `{theirs}`, so that each name means one actor"),
            )
        };
        self.error(problem.at(&c.party.span, "here").help(help));
    }

    /// When the rulebook imports from the counterpart's instrument, the
    /// counterpart must be one of its parties.
    fn counterpart_in_import(&mut self, ast: &ast::Rulebook, c: &CounterpartDecl) -> bool {
        let Some(agreement) = ast
            .imported
            .iter()
            .find(|a| a.title.node == c.instrument.node)
        else {
            return true;
        };
        let theirs = &c.party.node;
        let actors = agreement.items.iter().filter_map(|item| match item {
            HeaderItem::Party(p) => Some((&p.id.node, None)),
            HeaderItem::Monitor(p) => Some((&p.id.node, Some("a monitor"))),
            HeaderItem::Mediator(p) => Some((&p.id.node, Some("a mediator"))),
            HeaderItem::Group(g) => Some((&g.id.node, Some("a group"))),
            HeaderItem::NonParty(n) => Some((&n.id.node, Some("a non-party"))),
            HeaderItem::Source(_) | HeaderItem::Signed(_) | HeaderItem::InForce(_) => None,
        });
        let mut declared = Vec::new();
        for (id, other_role) in actors {
            match other_role {
                None if id == theirs => return true,
                None => declared.push(id.as_str()),
                Some(role) if id == theirs => {
                    let problem = BadCounterpart::NotAParty {
                        theirs: theirs.to_string(),
                        role,
                        instrument: c.instrument.node.to_string(),
                    };
                    let help = "a counterpart is a party: the forces an instrument binds";
                    self.error(problem.at(&c.party.span, "here").help(help));
                    return false;
                }
                Some(_) => {}
            }
        }
        let problem = BadCounterpart::NoSuchParty {
            instrument: c.instrument.node.to_string(),
            theirs: theirs.to_string(),
        };
        let help = super::err::suggestion(theirs, &declared, '`', "its parties are");
        self.error(problem.at(&c.party.span, "no such party").help(help));
        false
    }
}
