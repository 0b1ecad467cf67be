//! Whose area a position lies in: the party holding its side of the lines
//! whose sides the rulebook says are held (`{ KPA holds north, ... }`).
//!
//! A line decides where the position is surely on one of its sides; a
//! position beyond a line's end, or with an uncertainty reaching the line,
//! gets nothing from that line. Lines that decide must agree.

use super::space::side_indexed;
use super::verdict::Note;
use crate::check::{PartyIdx, Rulebook};
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

    /// Why no holder, for an unknown test.
    pub(super) fn why(&self) -> &'static str {
        if self.straddled {
            "the position is closer to a line than its uncertainty, so whose side it is on is unknown"
        } else if self.found.is_empty() {
            "no line whose sides the rulebook says are held passes the position (it lies beyond their ends)"
        } else {
            "the lines whose sides are held disagree about whose side the position is on"
        }
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
            None if self.found.is_empty() || self.straddled => Note::NoHolder,
            None => {
                let mut parties: Vec<Name> = self.found.iter().map(|(p, _)| id(*p)).collect();
                parties.dedup();
                Note::HoldersDisagree { parties }
            }
        }
    }
}
