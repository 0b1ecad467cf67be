//! Whose area a position lies in: the party holding its side of the lines
//! whose sides the rulebook says are held (`{ KPA holds north, ... }`).
//!
//! A line decides where the position is surely on one of its sides; a
//! position beyond a line's end, or with an uncertainty reaching the line,
//! gets nothing from that line. Lines that decide must agree.

use super::area::{Ask, Judge};
use super::space::side_indexed;
use crate::check::{PartyIdx, PointField, Rulebook, Side, Subject};
use crate::eval::cond::{Env, point_of};
use crate::eval::findings::Asked;
use crate::eval::truth::Truth;
use crate::eval::verdict::{Note, Step};
use crate::events::{Area as AreaPosition, Position};
use crate::name::Name;

/// What the lines with holdings, and the parties' areas, say of a position.
#[derive(Clone)]
pub(in crate::eval) struct Control {
    /// The holder each deciding line names, with the line (`None`: the
    /// party's area).
    found: Vec<(PartyIdx, Option<usize>)>,
    /// Whether a line came so close that its side is unknown.
    straddled: bool,
    /// The parties (as they answer) whose areas' edges came so close that
    /// it is unknown whether the position is in them.
    near_areas: Vec<PartyIdx>,
    /// Read for a position known only as an area.
    area: bool,
}

/// Reads every line with holdings at every disc of the position.
pub(in crate::eval) fn control(rulebook: &Rulebook, pos: &Position) -> Control {
    let discs = match pos {
        Position::Area(area) => return control_area(rulebook, area),
        Position::Fix(_) | Position::Bearing(_) => pos.discs().expect("a fix or a bearing"),
    };
    let mut found = Vec::new();
    let (mut straddled, mut near_areas) = (false, Vec::new());
    for (i, line) in rulebook.lines.iter().enumerate() {
        let Some(geometry) = line.drawn().filter(|_| !line.held.is_empty()) else {
            continue;
        };
        let mut sides = discs
            .iter()
            .map(
                |p| match side_indexed(p, geometry, line.index.as_ref(), line.extended) {
                    Some((Some(side), d)) if d > p.accuracy => Some(Some(side)),
                    // Beyond the line's end: this line says nothing.
                    Some((None, _)) | None => Some(None),
                    Some((Some(_), _)) => None,
                },
            )
            .collect::<Vec<_>>();
        if sides.iter().any(Option::is_none) {
            straddled = true;
            continue;
        }
        sides.dedup();
        match sides.as_slice() {
            [Some(Some(side))] => {
                if let Some((p, _)) = line.held.iter().find(|(_, s)| s == side) {
                    found.push((*p, Some(i)));
                }
            }
            [Some(None)] => {}
            // Some discs on one side, some on the other or beyond the end.
            _ => straddled = true,
        }
    }
    for &(party, zone) in &rulebook.areas {
        let truths: Vec<Truth> = discs
            .iter()
            .map(|p| super::zone::in_zone_truth(p, zone, Some(party), rulebook))
            .collect();
        match Truth::agreed(truths) {
            Truth::True => found.push((party, None)),
            Truth::False => {}
            // Near its edge, for the position's uncertainty.
            Truth::Unknown => near_areas.push(crate::eval::article::answering(rulebook, party)),
        }
    }
    Control {
        found,
        straddled,
        near_areas,
        area: false,
    }
}

/// Whose area a position known only as an area lies in: a line with
/// holdings decides where the whole area lies on one of its sides, says
/// nothing where it lies wholly beyond the line's ends, and leaves it open
/// otherwise; a party's area decides where the whole area lies in it.
fn control_area(rulebook: &Rulebook, area: &AreaPosition) -> Control {
    let open = Control {
        found: Vec::new(),
        straddled: true,
        near_areas: Vec::new(),
        area: true,
    };
    let Ok(Ok(mut judge)) = Judge::new(area, rulebook, None) else {
        return open;
    };
    let mut found = Vec::new();
    let mut straddled = false;
    for (i, line) in rulebook.lines.iter().enumerate() {
        if line.drawn().is_none() || line.held.is_empty() {
            continue;
        }
        let mut lies = None;
        for side in [Side::Left, Side::Right] {
            let holds = judge.places.side(i, side, false);
            let fails = judge.places.side(i, side.other(), false);
            if judge.decide(Ask { holds, fails }) == Ok(true) {
                lies = Some(side);
            }
        }
        match lies {
            Some(side) => {
                if let Some((p, _)) = line.held.iter().find(|(_, s)| *s == side) {
                    found.push((*p, Some(i)));
                }
            }
            None => {
                // Wholly beyond the line's ends, it says nothing.
                let left = judge.places.side(i, Side::Left, true);
                let right = judge.places.side(i, Side::Right, true);
                let beyond = left.or(right).not();
                let ask = Ask {
                    holds: beyond.clone(),
                    fails: beyond.not(),
                };
                if judge.decide(ask) != Ok(true) {
                    straddled = true;
                }
            }
        }
    }
    // Parties' areas the area reaches into in part.
    let mut partly = Vec::new();
    for &(party, zone) in &rulebook.areas {
        let Ok(inside) = judge.places.zone(zone, Some(party)) else {
            partly.push(party);
            continue;
        };
        let ask = Ask {
            holds: inside.clone(),
            fails: inside.not(),
        };
        match judge.decide(ask) {
            Ok(true) => found.push((party, None)),
            Ok(false) => {}
            Err(_) => partly.push(party),
        }
    }
    // Reaching in part into the area of the party that holds it all
    // anyway changes nothing; into another's, it leaves it open.
    let answering = |p: PartyIdx| crate::eval::article::answering(rulebook, p);
    let holder = found.first().map(|(p, _)| answering(*p));
    if partly.iter().any(|p| holder != Some(answering(*p))) {
        straddled = true;
    }
    Control {
        found,
        straddled,
        near_areas: Vec::new(),
        area: true,
    }
}

impl Control {
    /// The party whose area it is: the party whose area surely holds the
    /// position, where one does; otherwise the one the lines name, when
    /// they tell and agree and no other party's area's edge is near. An area is the
    /// rulebook's own word on that ground, where a line's side, far from
    /// it, is the line extended (the sea west of where the MDL begins lies
    /// beside its first segment, on its north side).
    pub(in crate::eval) fn holder(&self) -> Option<PartyIdx> {
        let mut areas = self.found.iter().filter(|(_, l)| l.is_none());
        if let Some(&(first, _)) = areas.next() {
            return areas.all(|(p, _)| *p == first).then_some(first);
        }
        let first = self.found.first()?.0;
        let agree = self.found.iter().all(|(p, _)| *p == first);
        // An area's edge near the position matters only if the area is
        // another party's: in or out of the holder's own, it is the holder's.
        let near_other = self.near_areas.iter().any(|p| *p != first);
        (agree && !self.straddled && !near_other).then_some(first)
    }

    /// What the lines showed, as a fact's note.
    pub(in crate::eval) fn note(&self, rulebook: &Rulebook) -> Note {
        let id = |p: PartyIdx| -> Name { rulebook.parties[usize::from(p)].id.clone() };
        match self.holder() {
            Some(p) => Note::HeldBy {
                party: id(p),
                lines: self
                    .found
                    .iter()
                    .filter(|(q, _)| *q == p)
                    .filter_map(|(_, l)| l.map(|l| rulebook.lines[l].name.as_str().into()))
                    .collect(),
                area: self.found.iter().any(|(_, l)| l.is_none()),
            },
            None if self.straddled && self.area => Note::AreaAcross,
            None if self.straddled => Note::NearLine,
            None if !self.near_areas.is_empty() => Note::NearAreaEdge,
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
pub(in crate::eval) struct Area {
    pub(in crate::eval) holder: Option<PartyIdx>,
    /// What the lines showed, for the fact.
    pub(in crate::eval) note: Note,
}

impl Env<'_> {
    /// Whose area a place of the event lies in: by the lines whose sides
    /// are held where the record tells, otherwise by a finding of the side
    /// of such a line the place lay on (see `findings.rs`).
    pub(in crate::eval) fn area(&self, subject: Subject, field: PointField) -> Area {
        let e = self.event(subject);
        let point = point_of(e, field);
        let read = point.map_or(field, |(_, read)| read);
        let event = self.subjects[usize::from(subject.0)];
        let lines = point.map(|(pos, _)| {
            self.controls_seen
                .borrow_mut()
                .entry((event, read))
                .or_insert_with(|| control(self.rulebook, pos))
                .clone()
        });
        if let Some(holder) = lines.as_ref().and_then(Control::holder) {
            let note = lines.as_ref().map(|c| c.note(self.rulebook));
            let note = note.unwrap_or(Note::NoHolder);
            return Area {
                holder: Some(holder),
                note,
            };
        }
        if let Some(found) = self.side_found(subject, field, read) {
            return found;
        }
        if field == PointField::Target {
            // Where the record does not place the target, or not surely on
            // one side: beyond a line the act was found to cross, or among
            // the forces it struck.
            if let Some(found) = self.across(subject).or_else(|| self.struck(subject)) {
                return found;
            }
        }
        let note = lines.map_or(Note::NoHolder, |c| c.note(self.rulebook));
        Area { holder: None, note }
    }

    /// A finding of the side of a line with holdings that the place lay on.
    fn side_found(&self, subject: Subject, field: PointField, read: PointField) -> Option<Area> {
        if self.event(subject).findings().is_empty() {
            return None;
        }
        for (i, line) in self.rulebook.lines.iter().enumerate() {
            for &(party, side) in &line.held {
                let asked = Asked::Side {
                    line: i,
                    side,
                    field,
                    read,
                };
                let Some(by) = self.found_by(subject, asked) else {
                    continue;
                };
                let note = Note::SideFound {
                    party: self.party_id(party),
                    line: line.name.as_str().into(),
                    by,
                };
                return Some(Area {
                    holder: Some(party),
                    note,
                });
            }
        }
        None
    }

    /// A target the record does not place lies beyond a line with holdings
    /// that the act was found to cross: from the side the finding names, or
    /// from the side its origin lies on.
    fn across(&self, subject: Subject) -> Option<Area> {
        if self.event(subject).findings().is_empty() {
            return None;
        }
        for (i, line) in self.rulebook.lines.iter().enumerate() {
            let crossed = |from| {
                let asked = Asked::Crosses {
                    line: i,
                    written: i,
                    from,
                };
                self.found_by(subject, asked)
            };
            let named = line
                .held
                .iter()
                .find_map(|&(p, side)| crossed(Some(side)).map(|by| (p, by)));
            let from = named.or_else(|| {
                let by = crossed(None)?;
                let origin = self.area(subject, PointField::Origin).holder?;
                line.held
                    .iter()
                    .any(|(p, _)| *p == origin)
                    .then_some((origin, by))
            });
            let Some((from, by)) = from else {
                continue;
            };
            let Some(&(to, _)) = line.held.iter().find(|(p, _)| *p != from) else {
                continue;
            };
            let note = Note::BeyondCrossing {
                party: self.party_id(to),
                line: line.name.as_str().into(),
                by,
            };
            return Some(Area {
                holder: Some(to),
                note,
            });
        }
        None
    }

    /// A target the record does not place lies where the forces the act
    /// struck are: with a party's forces, in that party's hands.
    fn struck(&self, subject: Subject) -> Option<Area> {
        let affected = self.event(subject).affected()?;
        let role = self.rulebook.parties[usize::from(affected)].role;
        if !role.is_bound() {
            return None;
        }
        let party = crate::eval::article::answering(self.rulebook, affected);
        Some(Area {
            holder: Some(party),
            note: Note::Struck {
                party: self.party_id(affected),
            },
        })
    }

    /// Who established `asked`, when findings that meet the standard in
    /// force settle it as holding.
    fn found_by(&self, subject: Subject, asked: Asked<'_>) -> Option<Name> {
        let open = Step::leaf("".into(), Truth::Unknown, Vec::new());
        let settled = self.settle(open, subject, asked);
        if settled.result != Truth::True {
            return None;
        }
        let by = settled
            .basis
            .iter()
            .flat_map(|b| b.findings.iter())
            .find(|w| w.met && w.says == Truth::True)
            .map(|w| w.by.clone());
        Some(by.unwrap_or_else(|| "a finding".into()))
    }

    fn party_id(&self, p: PartyIdx) -> Name {
        self.rulebook.parties[usize::from(p)].id.clone()
    }
}
