//! The names events may use: the parties and acts of one rulebook, or of
//! several judged together (their union, the first rulebook's names first,
//! so that with one rulebook the indices are that rulebook's own). With
//! several, a party's name in one instrument stands for its counterpart in
//! another, where a rulebook declares one (see `counterparts.rs`).

use super::counterparts::Via;
use crate::ast::Unit;
use crate::check::{ActIdx, DeclaredFact, PartyIdx, Rulebook};
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
    /// Whether a deadline of this name is declared (a change may set it anew).
    fn deadline(&self, name: &str) -> bool {
        self.deadline_names().contains(&name)
    }
    fn deadline_names(&self) -> Vec<&str>;
    /// Whether an article of this number is declared (a change may suspend it).
    fn article(&self, number: &str) -> bool {
        self.article_numbers().contains(&number)
    }
    fn article_numbers(&self) -> Vec<&str>;
    /// The time zone a day written without one is read in: that of the
    /// rulebook's entry into force, or the zones of several rulebooks when
    /// they disagree.
    fn day_zone(&self) -> super::DayZone<'_>;
    /// A fact the rulebook declares, and the values it takes.
    fn fact(&self, name: &str) -> Option<FactSpec<'_>>;
    fn fact_names(&self) -> Vec<&str>;
}

/// The values a declared fact takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FactSpec<'a> {
    /// One of a category's values.
    Category(&'a [Name]),
    /// A whole number, 0 or more.
    Count,
    /// A measure, recorded in this unit.
    Measure(Unit),
}

/// A declared fact as one rulebook of several declares it.
#[derive(Debug, Clone, PartialEq)]
enum OwnedSpec {
    Category(Vec<Name>),
    Count,
    Measure(Unit),
}

impl OwnedSpec {
    fn of(spec: FactSpec<'_>) -> OwnedSpec {
        match spec {
            FactSpec::Category(values) => OwnedSpec::Category(values.to_vec()),
            FactSpec::Count => OwnedSpec::Count,
            FactSpec::Measure(u) => OwnedSpec::Measure(u),
        }
    }

    fn borrowed(&self) -> FactSpec<'_> {
        match self {
            OwnedSpec::Category(values) => FactSpec::Category(values),
            OwnedSpec::Count => FactSpec::Count,
            OwnedSpec::Measure(u) => FactSpec::Measure(*u),
        }
    }
}

/// A rulebook's own fact, as events may record it.
fn declared<'r>(r: &'r Rulebook, name: &str) -> Option<FactSpec<'r>> {
    Some(match r.declared_fact(name)? {
        DeclaredFact::Category(c) => FactSpec::Category(&c.values),
        DeclaredFact::Quantity(q) => match q.unit {
            None => FactSpec::Count,
            Some(u) => FactSpec::Measure(u),
        },
    })
}

/// The names of a rulebook's own facts.
fn declared_names(r: &Rulebook) -> impl Iterator<Item = &str> {
    let categories = r.categories.iter().map(|c| &*c.name);
    categories.chain(r.quantities.iter().map(|q| &*q.name))
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

    fn deadline_names(&self) -> Vec<&str> {
        self.deadlines.iter().map(|d| d.name.as_str()).collect()
    }

    fn article_numbers(&self) -> Vec<&str> {
        self.articles.iter().map(|a| &*a.number).collect()
    }

    fn day_zone(&self) -> super::DayZone<'_> {
        Ok(&self.in_force.tz)
    }

    fn fact(&self, name: &str) -> Option<FactSpec<'_>> {
        declared(self, name)
    }

    fn fact_names(&self) -> Vec<&str> {
        declared_names(self).collect()
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
    /// Deadlines and article numbers of any of the rulebooks.
    deadlines: Vec<Name>,
    articles: Vec<Name>,
    /// The zone of the rulebooks' entries into force, if they share one;
    /// otherwise each zone's name, in rulebook order.
    day_zone: Result<jiff::tz::TimeZone, Vec<String>>,
    /// Declared facts, as the first rulebook to declare each does (with
    /// the values every rulebook gives a category of that name).
    facts: Vec<(Name, OwnedSpec)>,
    /// `facts_in[r]`: each fact as rulebook `r` declares it, to tell which
    /// of an event's facts it can read.
    facts_in: Vec<Vec<(Name, OwnedSpec)>>,
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
        // One rulebook has no other instrument to name.
        let links = match rulebooks {
            [_, _, ..] => super::counterparts::resolve(rulebooks).0,
            _ => Vec::new(),
        };
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
        let mut deadlines: Vec<Name> = Vec::new();
        let mut articles: Vec<Name> = Vec::new();
        let mut facts: Vec<(Name, OwnedSpec)> = Vec::new();
        let mut facts_in = Vec::new();
        for r in rulebooks {
            let own: Vec<(Name, OwnedSpec)> = declared_names(r)
                .filter_map(|n| Some((n.into(), OwnedSpec::of(declared(r, n)?))))
                .collect();
            for (name, spec) in &own {
                match facts.iter_mut().find(|(n, _)| n == name) {
                    Some((_, OwnedSpec::Category(known))) => {
                        if let OwnedSpec::Category(values) = spec {
                            for v in values {
                                if !known.contains(v) {
                                    known.push(v.clone());
                                }
                            }
                        }
                    }
                    Some(_) => {}
                    None => facts.push((name.clone(), spec.clone())),
                }
            }
            facts_in.push(own);
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
            for d in &r.deadlines {
                if !deadlines.iter().any(|n| **n == *d.name) {
                    deadlines.push(d.name.as_str().into());
                }
            }
            for a in &r.articles {
                if !articles.contains(&a.number) {
                    articles.push(a.number.clone());
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
            deadlines,
            articles,
            day_zone: shared_zone(rulebooks),
            facts,
            facts_in,
        }
    }

    /// Whether rulebook `r` can read a fact an event records: it declares
    /// the fact alike, and (for a category) the value.
    pub fn reads(&self, r: usize, name: &str, value: &crate::events::FactValue) -> bool {
        use crate::events::FactValue;
        let Some((_, own)) = self.facts_in[r].iter().find(|(n, _)| &**n == name) else {
            return false;
        };
        let Some((_, first)) = self.facts.iter().find(|(n, _)| &**n == name) else {
            return false;
        };
        // A value was validated against the first rulebook's declaration:
        // another reads it only if it declares the fact alike.
        match (own, value) {
            (OwnedSpec::Category(values), FactValue::Word(w)) => values.contains(w),
            (OwnedSpec::Count, FactValue::Number(_)) => *first == OwnedSpec::Count,
            (OwnedSpec::Measure(a), FactValue::Number(_)) => {
                matches!(first, OwnedSpec::Measure(b) if a.dimension() == b.dimension())
            }
            (OwnedSpec::Category(_), FactValue::Number(_))
            | (OwnedSpec::Count | OwnedSpec::Measure(_), FactValue::Word(_)) => false,
        }
    }
}

/// The zone every rulebook's entry into force is written in, or the names
/// of the zones when they differ.
fn shared_zone(rulebooks: &[&Rulebook]) -> Result<jiff::tz::TimeZone, Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    for r in rulebooks {
        let name = r.in_force.tz.iana_name().unwrap_or("UTC").to_owned();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    match (names.len(), rulebooks.first()) {
        (1, Some(r)) => Ok(r.in_force.tz.clone()),
        _ => Err(names),
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

    fn deadline_names(&self) -> Vec<&str> {
        self.deadlines.iter().map(|n| &**n).collect()
    }

    fn article_numbers(&self) -> Vec<&str> {
        self.articles.iter().map(|n| &**n).collect()
    }

    fn day_zone(&self) -> super::DayZone<'_> {
        self.day_zone.as_ref().map_err(Vec::as_slice)
    }

    fn fact(&self, name: &str) -> Option<FactSpec<'_>> {
        let (_, spec) = self.facts.iter().find(|(n, _)| &**n == name)?;
        Some(spec.borrowed())
    }

    fn fact_names(&self) -> Vec<&str> {
        self.facts.iter().map(|(n, _)| &**n).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::FactValue;

    fn book(facts: &str) -> Rulebook {
        let text = format!(
            "agreement \"V\" {{\n  in force 2025-09-03 00:00 Europe/Kyiv\n  party A \"A\"\n  party B \"B\"\n}}\nact fire \"fire\"\n{facts}\n"
        );
        crate::compile(&crate::span::Source::new("v.truce", text))
            .unwrap()
            .rulebook
    }

    #[test]
    fn several_rulebooks_each_read_only_the_facts_they_declare_alike() {
        let a = book(
            "category force_kind [army, police]\nquantity personnel count\nquantity range in km",
        );
        let b = book("category force_kind [army, militia]\nquantity personnel in m");
        let v = Vocabulary::of(&[&a, &b]);
        // Events may use any value either declares.
        let Some(FactSpec::Category(values)) = v.fact("force_kind") else {
            panic!()
        };
        let values: Vec<&str> = values.iter().map(|n| &**n).collect();
        assert_eq!(values, ["army", "police", "militia"]);
        let word = |w: &str| FactValue::Word(w.into());
        assert!(v.reads(0, "force_kind", &word("police")));
        assert!(!v.reads(1, "force_kind", &word("police")));
        assert!(v.reads(1, "force_kind", &word("militia")));
        // A count to one is a length to the other: not read alike.
        assert!(v.reads(0, "personnel", &FactValue::Number(3.0)));
        assert!(!v.reads(1, "personnel", &FactValue::Number(3.0)));
        assert!(!v.reads(1, "range", &FactValue::Number(3.0)));
    }
}
