//! The names events may use: the parties and acts of one rulebook, or of
//! several judged together (their union, the first rulebook's names first,
//! so that with one rulebook the indices are that rulebook's own).

use crate::check::{ActIdx, PartyIdx, Rulebook};
use crate::name::Name;

/// What validation needs to know about names.
pub trait Vocab {
    fn act(&self, name: &str) -> Option<ActIdx>;
    fn party(&self, id: &str) -> Option<PartyIdx>;
    fn act_names(&self) -> Vec<&str>;
    fn party_names(&self) -> Vec<&str>;
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
}

/// The parties and acts of several rulebooks, with each rulebook's own
/// index for each name (`None` where it does not declare the name).
#[derive(Debug)]
pub struct Vocabulary {
    pub acts: Vec<Name>,
    pub parties: Vec<Name>,
    /// `act_in[r][a]`: rulebook `r`'s index of act `a`.
    pub act_in: Vec<Vec<Option<ActIdx>>>,
    pub party_in: Vec<Vec<Option<PartyIdx>>>,
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
        let party_in = rulebooks
            .iter()
            .map(|r| parties.iter().map(|p| Rulebook::party(r, p)).collect())
            .collect();
        Vocabulary {
            acts,
            parties,
            act_in,
            party_in,
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
}
