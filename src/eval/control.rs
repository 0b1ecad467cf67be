//! Whose area a position lies in: the party holding its side of the lines
//! whose sides the rulebook says are held (`{ KPA holds north, ... }`).
//!
//! A line decides where the position is surely on one of its sides; a
//! position beyond a line's end, or with an uncertainty reaching the line,
//! gets nothing from that line. Lines that decide must agree.

use super::cond::{Env, point_of};
use super::findings::Asked;
use super::space::side_indexed;
use super::truth::Truth;
use super::verdict::{Note, Step};
use crate::check::{PartyIdx, PointField, Rulebook, Subject};
use crate::events::Position;
use crate::name::Name;

/// What the lines with holdings say of a position.
pub(super) struct Control {
    /// The holder each deciding line names, with the line.
    found: Vec<(PartyIdx, usize)>,
    /// Whether a line came so close that its side is unknown.
    straddled: bool,
}

/// Reads every line with holdings at every disc of the position.
pub(super) fn control(rulebook: &Rulebook, pos: &Position) -> Control {
    let mut found = Vec::new();
    let mut straddled = false;
    for (i, line) in rulebook.lines.iter().enumerate() {
        let Some(geometry) = line.drawn().filter(|_| !line.held.is_empty()) else {
            continue;
        };
        let mut sides = pos
            .discs()
            .iter()
            .map(|p| match side_indexed(p, geometry, line.index.as_ref()) {
                Some((Some(side), d)) if d > p.accuracy => Some(Some(side)),
                // Beyond the line's end: this line says nothing.
                Some((None, _)) | None => Some(None),
                Some((Some(_), _)) => None,
            })
            .collect::<Vec<_>>();
        if sides.iter().any(Option::is_none) {
            straddled = true;
            continue;
        }
        sides.dedup();
        match sides.as_slice() {
            [Some(Some(side))] => {
                if let Some((p, _)) = line.held.iter().find(|(_, s)| s == side) {
                    found.push((*p, i));
                }
            }
            [Some(None)] => {}
            // Some discs on one side, some on the other or beyond the end.
            _ => straddled = true,
        }
    }
    Control { found, straddled }
}

impl Control {
    /// The party whose area it is, when the lines tell and agree.
    pub(super) fn holder(&self) -> Option<PartyIdx> {
        let first = self.found.first()?.0;
        let agree = self.found.iter().all(|(p, _)| *p == first);
        (agree && !self.straddled).then_some(first)
    }

    /// What the lines showed, as a fact's note.
    pub(super) fn note(&self, rulebook: &Rulebook) -> Note {
        let id = |p: PartyIdx| -> Name { rulebook.parties[usize::from(p)].id.clone() };
        match self.holder() {
            Some(p) => Note::HeldBy {
                party: id(p),
                lines: self
                    .found
                    .iter()
                    .map(|(_, l)| rulebook.lines[*l].name.as_str().into())
                    .collect(),
            },
            None if self.straddled => Note::NearLine,
            None if self.found.is_empty() => Note::NoHolder,
            None => {
                let mut parties: Vec<Name> = self.found.iter().map(|(p, _)| id(*p)).collect();
                parties.dedup();
                Note::HoldersDisagree { parties }
            }
        }
    }
}

/// Whose area a place of an event lies in, and what says so.
pub(super) struct Area {
    pub(super) holder: Option<PartyIdx>,
    /// What the lines showed, for the fact.
    pub(super) note: Note,
}

impl Env<'_> {
    /// Whose area a place of the event lies in: by the lines whose sides
    /// are held where the record tells, otherwise by a finding of the side
    /// of such a line the place lay on (see `findings.rs`).
    pub(super) fn area(&self, subject: Subject, field: PointField) -> Area {
        let e = self.event(subject);
        let point = point_of(e, field);
        let read = point.map_or(field, |(_, read)| read);
        let lines = point.map(|(pos, _)| control(self.rulebook, pos));
        if let Some(holder) = lines.as_ref().and_then(Control::holder) {
            let note = lines.as_ref().map(|c| c.note(self.rulebook));
            let note = note.unwrap_or(Note::NoHolder);
            return Area {
                holder: Some(holder),
                note,
            };
        }
        if !e.findings().is_empty() {
            for (i, line) in self.rulebook.lines.iter().enumerate() {
                for &(party, side) in &line.held {
                    let asked = Asked::Side {
                        line: i,
                        side,
                        field,
                        read,
                    };
                    let open = Step::leaf("".into(), Truth::Unknown, Vec::new());
                    let settled = self.settle(open, subject, asked);
                    if settled.result != Truth::True {
                        continue;
                    }
                    let by = settled
                        .basis
                        .iter()
                        .flat_map(|b| b.findings.iter())
                        .find(|w| w.met && w.says == Truth::True)
                        .map(|w| w.by.clone());
                    let note = Note::SideFound {
                        party: self.rulebook.parties[usize::from(party)].id.clone(),
                        line: line.name.as_str().into(),
                        by: by.unwrap_or_else(|| "a finding".into()),
                    };
                    return Area {
                        holder: Some(party),
                        note,
                    };
                }
            }
        }
        let note = lines.map_or(Note::NoHolder, |c| c.note(self.rulebook));
        Area { holder: None, note }
    }
}
