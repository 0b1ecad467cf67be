//! The names events may use: the parties and acts of one rulebook, or of
//! several judged together (their union, the first rulebook's names first,
//! so that with one rulebook the indices are that rulebook's own). With
//! several, a party's name in one instrument stands for its counterpart in
//! another, where a rulebook declares one (see `counterparts.rs`).

use super::counterparts::Via;
use crate::check::{ActIdx, PartyIdx, Rulebook};
use crate::name::Name;

/// What validation needs to know about names.
pub trait Vocab {
    fn act(&self, name: &str) -> Option<ActIdx>;
    fn party(&self, id: &str) -> Option<PartyIdx>;
    fn act_names(&self) -> Vec<&str>;
    fn party_names(&self) -> Vec<&str>;
    /// The words that name a side of a line (`None`: no such line; empty:
    /// a line drawn differently for each party, which has no sides of its own).
    fn line_sides(&self, name: &str) -> Option<Vec<&str>>;
    fn line_names(&self) -> Vec<&str>;
    fn zone_names(&self) -> Vec<&str>;
    /// Whether an element of this name is declared, and whether it is
    /// about another event too.
    fn element(&self, name: &str) -> Option<bool>;
    fn element_names(&self) -> Vec<&str>;
}

/// The words naming the sides of a rulebook's line: the parties holding
/// them and the compass points its course makes clear.
fn sides_of(r: &Rulebook, line: &crate::check::Line) -> Vec<String> {
    if line.drawn().is_none() {
        return Vec::new();
    }
    let held = line
        .held
        .iter()
        .map(|(p, _)| r.parties[usize::from(*p)].id.to_string());
    let compass = line
        .compass
        .iter()
        .zip(["north", "south", "east", "west"])
        .filter(|(s, _)| s.is_some())
        .map(|(_, w)| w.to_owned());
    held.chain(compass).collect()
}

impl Vocab for Rulebook {
    fn act(&self, name: &str) -> Option<ActIdx> {
        Rulebook::act(self, name)
    }

    fn party(&self, id: &str) -> Option<PartyIdx> {
        Rulebook::party(self, id)
    }

    fn act_names(&self) -> Vec<&str> {
        self.acts.iter().map(|a| &*a.name).collect()
    }

    fn party_names(&self) -> Vec<&str> {
        self.parties.iter().map(|p| &*p.id).collect()
    }

    fn line_sides(&self, name: &str) -> Option<Vec<&str>> {
        let line = self.lines.iter().find(|l| l.name == name)?;
        if line.drawn().is_none() {
            return Some(Vec::new());
        }
        let held = line
            .held
            .iter()
            .map(|(p, _)| &*self.parties[usize::from(*p)].id);
        let compass = line
            .compass
            .iter()
            .zip(["north", "south", "east", "west"])
            .filter(|(s, _)| s.is_some())
            .map(|(_, w)| w);
        Some(held.chain(compass).collect())
    }

    fn line_names(&self) -> Vec<&str> {
        self.lines.iter().map(|l| l.name.as_str()).collect()
    }

    fn zone_names(&self) -> Vec<&str> {
        self.zones.iter().map(|z| z.name.as_str()).collect()
    }

    fn element(&self, name: &str) -> Option<bool> {
        let e = self.elements.iter().find(|e| &*e.name == name)?;
        Some(e.param.is_some())
    }

    fn element_names(&self) -> Vec<&str> {
        self.elements.iter().map(|e| &*e.name).collect()
    }
}

/// The parties and acts of several rulebooks, with each rulebook's own
/// index for each name (`None` where it does not declare the name, nor a
/// counterpart of it).
#[derive(Debug)]
pub struct Vocabulary {
    pub acts: Vec<Name>,
    pub parties: Vec<Name>,
    /// `act_in[r][a]`: rulebook `r`'s index of act `a`.
    pub act_in: Vec<Vec<Option<ActIdx>>>,
    /// `party_in[r][p]`: rulebook `r`'s party that the name `p` stands for:
    /// its own of that name, or the one a counterpart makes it stand for.
    pub party_in: Vec<Vec<Option<PartyIdx>>>,
    /// `via[r][p]`: the counterpart by which `p` stands for `party_in[r][p]`,
    /// when it is not `r`'s own name.
    pub via: Vec<Vec<Option<Via>>>,
    /// `among[r][p]`: `r`'s parties whose forces are among those the name
    /// `p` stands for in another instrument (`under p`), when `r` does not
    /// know the name itself: it knows those forces only in part.
    pub among: Vec<Vec<Vec<PartyIdx>>>,
    /// Lines of any of the rulebooks, with the union of their side words.
    lines: Vec<(Name, Vec<String>)>,
    zones: Vec<Name>,
    /// Elements, and whether each is about another event too.
    elements: Vec<(Name, bool)>,
}

impl Vocabulary {
    pub fn of(rulebooks: &[&Rulebook]) -> Vocabulary {
        let mut acts: Vec<Name> = Vec::new();
        let mut parties: Vec<Name> = Vec::new();
        for r in rulebooks {
            for a in &r.acts {
                if !acts.contains(&a.name) {
                    acts.push(a.name.clone());
                }
            }
            for p in &r.parties {
                if !parties.contains(&p.id) {
                    parties.push(p.id.clone());
                }
            }
        }
        let act_in = rulebooks
            .iter()
            .map(|r| acts.iter().map(|a| Rulebook::act(r, a)).collect())
            .collect();
        let mut party_in: Vec<Vec<Option<PartyIdx>>> = rulebooks
            .iter()
            .map(|r| parties.iter().map(|p| Rulebook::party(r, p)).collect())
            .collect();
        let mut via = vec![vec![None; parties.len()]; rulebooks.len()];
        let mut among = vec![vec![Vec::new(); parties.len()]; rulebooks.len()];
        let (links, _) = super::counterparts::resolve(rulebooks);
        let index = |name: &Name| parties.iter().position(|p| p == name);
        for link in links {
            let kind = rulebooks[link.declared_by].counterparts[link.counterpart].kind;
            for (r, name, party) in super::counterparts::readings(rulebooks, link) {
                let Some(p) = index(&name) else { continue };
                if party_in[r][p].is_none() {
                    party_in[r][p] = Some(party);
                    via[r][p] = Some(Via {
                        kind,
                        declared_by: link.declared_by,
                    });
                }
            }
            if kind == crate::ast::CounterpartKind::Under {
                let book = rulebooks[link.declared_by];
                let theirs = &rulebooks[link.other].parties[usize::from(link.party)].id;
                let ours = book.counterparts[link.counterpart].party;
                if let Some(p) = index(theirs) {
                    among[link.declared_by][p].push(ours);
                }
            }
        }
        let mut lines: Vec<(Name, Vec<String>)> = Vec::new();
        let mut zones: Vec<Name> = Vec::new();
        let mut elements: Vec<(Name, bool)> = Vec::new();
        for r in rulebooks {
            for l in &r.lines {
                let sides = sides_of(r, l);
                match lines.iter_mut().find(|(n, _)| **n == *l.name) {
                    Some((_, known)) => {
                        for side in sides {
                            if !known.contains(&side) {
                                known.push(side);
                            }
                        }
                    }
                    None => lines.push((l.name.as_str().into(), sides)),
                }
            }
            for z in &r.zones {
                if !zones.iter().any(|n| **n == *z.name) {
                    zones.push(z.name.as_str().into());
                }
            }
            for e in &r.elements {
                if !elements.iter().any(|(n, _)| *n == e.name) {
                    elements.push((e.name.clone(), e.param.is_some()));
                }
            }
        }
        Vocabulary {
            acts,
            parties,
            act_in,
            party_in,
            via,
            among,
            lines,
            zones,
            elements,
        }
    }
}

impl Vocab for Vocabulary {
    fn act(&self, name: &str) -> Option<ActIdx> {
        let i = self.acts.iter().position(|a| &**a == name)?;
        ActIdx::try_from(i).ok()
    }

    fn party(&self, id: &str) -> Option<PartyIdx> {
        let i = self.parties.iter().position(|p| &**p == id)?;
        PartyIdx::try_from(i).ok()
    }

    fn act_names(&self) -> Vec<&str> {
        self.acts.iter().map(|a| &**a).collect()
    }

    fn party_names(&self) -> Vec<&str> {
        self.parties.iter().map(|p| &**p).collect()
    }

    fn line_sides(&self, name: &str) -> Option<Vec<&str>> {
        let (_, sides) = self.lines.iter().find(|(n, _)| &**n == name)?;
        Some(sides.iter().map(String::as_str).collect())
    }

    fn line_names(&self) -> Vec<&str> {
        self.lines.iter().map(|(n, _)| &**n).collect()
    }

    fn zone_names(&self) -> Vec<&str> {
        self.zones.iter().map(|n| &**n).collect()
    }

    fn element(&self, name: &str) -> Option<bool> {
        self.elements
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, about_other)| *about_other)
    }

    fn element_names(&self) -> Vec<&str> {
        self.elements.iter().map(|(n, _)| &**n).collect()
    }
}
