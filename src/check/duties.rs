//! Who answers for an act, and on what footing: the capacities in which an
//! actor's acts are its party's own (`imputable`), the party controlling a
//! place (`controller of origin`), the duty to prevent (`duty prevent`) and
//! the standard of conduct it is judged by (`diligence`); and the elements
//! a rulebook names so that findings can decide them (`element`).

use super::Checker;
use super::cond::CapacitySet;
use super::err::{
    DuplicateError, Problem, Repeated, Reserved, Sort, UnknownNameError, WrongKind, WrongRole,
};
use super::fields::Scope;
use super::rulebook::{Diligence, Element, Responsible, Role};
use super::symbols::Kind;
use super::{DiligenceElement, PointField};
use crate::ast::{self, Declaration, ResponsibleRef};
use crate::span::Spanned;

/// `a monitor`, `a mediator`, ...
pub(super) fn role_phrase(role: Role) -> &'static str {
    match role {
        Role::Party => "a party",
        Role::Monitor => "a monitor",
        Role::Group => "a group",
        Role::NonParty { .. } => "a non-party",
        Role::Mediator => "a mediator",
    }
}

/// `monitors`, `mediators`, ...
pub(super) fn role_plural(role: Role) -> &'static str {
    match role {
        Role::Party => "parties",
        Role::Monitor => "monitors",
        Role::Group => "groups",
        Role::NonParty { .. } => "non-parties",
        Role::Mediator => "mediators",
    }
}

/// The words `imputable` takes.
const CAPACITY_WORDS: [&str; 6] = [
    "official", "defector", "deserter", "civilian", "private", "unknown",
];

impl Checker {
    /// `official, civilian` as a set; `private` names every private capacity.
    pub(super) fn capacities(&mut self, words: &[ast::Ident]) -> Option<CapacitySet> {
        let mut set = CapacitySet::default();
        let mut ok = true;
        for w in words {
            match CapacitySet::named(&w.node) {
                Some(named) => set = set.union(named),
                None => {
                    let hint = "a capacity is `official` (acting for its party), `defector`, `deserter`, `civilian`, `private` (any of the three, or another private person) or `unknown`";
                    self.error(UnknownNameError::new(
                        &w.span,
                        "capacity",
                        &CAPACITY_WORDS,
                        hint,
                    ));
                    ok = false;
                }
            }
        }
        ok.then_some(set)
    }

    /// The rulebook's `imputable` declaration (at most one), `official`
    /// when there is none.
    pub(super) fn imputable_default(&mut self, ast: &ast::Rulebook) -> CapacitySet {
        let mut found: Option<&ast::ImputableDecl> = None;
        for decl in &ast.declarations {
            let Declaration::Imputable(d) = decl else {
                continue;
            };
            if found.is_some() {
                let help = "keep one; an article may give its own with an `imputable` clause";
                let error = Repeated::Imputable.at(&d.span, "again here").help(help);
                self.error(error);
                continue;
            }
            found = Some(d);
        }
        found
            .and_then(|d| self.capacities(&d.capacities))
            .unwrap_or(CapacitySet::OFFICIAL)
    }

    /// `responsible actor.party`, `responsible UNC`, `responsible controller of origin`.
    pub(super) fn responsible(&mut self, r: &Spanned<ResponsibleRef>) -> Option<Responsible> {
        let p = match &r.node {
            ResponsibleRef::Controller(place) => return self.controller(place),
            ResponsibleRef::Path(p) => p,
        };
        let dotted = p.dotted();
        if dotted == "actor.party" || dotted == "actor" {
            return Some(Responsible::ActorParty);
        }
        if p.segments.len() != 1 {
            let problem = WrongKind::Responsible { path: dotted };
            let help = "write `responsible actor.party` (the actor's party), `responsible controller of origin`, or name a party";
            self.error(problem.at(&r.span, "not a party").help(help));
            return None;
        }
        match self.roles.get(&dotted).copied() {
            Some(Role::Group) => {
                let problem = WrongRole::GroupResponsible { name: dotted };
                let help = "write `responsible actor.party`: a group's acts fall to its party";
                self.error(problem.at(&r.span, "a group").help(help));
                return None;
            }
            Some(role) if role != Role::Party => {
                let problem = WrongRole::Responsible { name: dotted, role };
                let help = "name a party, or write `responsible actor.party`";
                let label = role_phrase(role);
                self.error(problem.at(&r.span, label).help(help));
                return None;
            }
            _ => {}
        }
        match self.symbols.resolve(&r.span, &[Kind::Party]) {
            Ok((_, i)) => Some(Responsible::Party(u16::try_from(i).ok()?)),
            Err(e) => {
                self.error(e);
                None
            }
        }
    }

    /// `controller of origin`: the place is the judged event's own.
    fn controller(&mut self, place: &Spanned<ast::Path>) -> Option<Responsible> {
        let field = match place.node.dotted().as_str() {
            "place" => PointField::Place,
            "origin" => PointField::Origin,
            "target" => PointField::Target,
            other => {
                let problem = WrongKind::Not {
                    text: other.to_owned(),
                    wanted: Sort::EventPlace,
                };
                let help =
                    "write `controller of place`, `controller of origin` or `controller of target`";
                self.error(problem.at(&place.span, "not a place").help(help));
                return None;
            }
        };
        Some(Responsible::Controller(field))
    }

    /// `duty prevent`: the one duty the language knows so far.
    pub(super) fn duty(&mut self, word: &ast::Ident) -> Option<bool> {
        if word.node == "prevent" {
            return Some(true);
        }
        let hint = "`duty prevent`: the party answers for failing to prevent acts of its people that are not its own";
        self.error(UnknownNameError::new(
            &word.span,
            "duty",
            &["prevent"],
            hint,
        ));
        None
    }

    /// A diligence by name.
    pub(super) fn diligence_ref(&mut self, name: &ast::Ident) -> Option<usize> {
        self.symbols
            .resolve(&name.span, &[Kind::Diligence])
            .map_err(|e| self.error(e))
            .ok()
            .map(|(_, i)| i)
    }

    /// Every `element`, its definition checked with its other event named.
    pub(super) fn elements(&mut self, ast: &ast::Rulebook) -> Vec<Element> {
        // Names first, so a definition that names an element is told why
        // it may not.
        self.elements = ast
            .declarations
            .iter()
            .filter_map(|d| match d {
                Declaration::Element(e) if self.is_declared(&e.name) => {
                    Some((e.name.node.clone(), e.param.is_some()))
                }
                _ => None,
            })
            .collect();
        let mut elements = Vec::new();
        for decl in &ast.declarations {
            let Declaration::Element(d) = decl else {
                continue;
            };
            if !self.is_declared(&d.name) {
                continue;
            }
            if is_finding_word(&d.name.node) {
                let problem = Reserved::FindingWord {
                    name: d.name.node.to_string(),
                };
                let help = "choose another name: `crosses`, `in`, `side`, `directed_at`, `knowledge`, `means` and `measures` are built in";
                self.error(problem.at(&d.name.span, "reserved").help(help));
            }
            let mut scope = Scope {
                in_element: true,
                ..Scope::default()
            };
            if let Some(param) = &d.param {
                scope.bindings.push(param.node.clone());
            }
            let definition = match &d.definition {
                Some(e) => match self.cond(e, &scope) {
                    Some(c) => Some(c),
                    None => continue,
                },
                None => None,
            };
            elements.push(Element {
                name: d.name.node.as_str().into(),
                text: d.text.as_ref().map(|t| t.node.as_str().into()),
                param: d.param.as_ref().map(|p| p.node.clone()),
                definition,
            });
        }
        elements
    }

    /// Every `diligence`, each element at most once.
    pub(super) fn diligences(&mut self, ast: &ast::Rulebook) -> Vec<Diligence> {
        let mut out = Vec::new();
        for decl in &ast.declarations {
            let Declaration::Diligence(d) = decl else {
                continue;
            };
            if !self.is_declared(&d.name) {
                continue;
            }
            let mut elements: [Option<super::Cond>; 3] = [None, None, None];
            let mut seen: [Option<&ast::Ident>; 3] = [None, None, None];
            for (word, condition) in &d.items {
                let Some(element) = DiligenceElement::parse(&word.node) else {
                    let names = DiligenceElement::ALL.map(DiligenceElement::name);
                    let hint =
                        "due diligence has three elements: `knowledge`, `means` and `measures`";
                    self.error(UnknownNameError::new(
                        &word.span,
                        "element of diligence",
                        &names,
                        hint,
                    ));
                    continue;
                };
                let i = element as usize;
                if let Some(first) = seen[i] {
                    self.error(DuplicateError::new(
                        &word.span,
                        &first.span,
                        "element of diligence",
                    ));
                    continue;
                }
                seen[i] = Some(word);
                elements[i] = self.cond(condition, &Scope::default());
            }
            out.push(Diligence {
                name: d.name.node.as_str().into(),
                text: d.text.as_ref().map(|t| t.node.as_str().into()),
                elements,
            });
        }
        out
    }
}

/// The tests a finding names without a declaration.
fn is_finding_word(word: &str) -> bool {
    matches!(word, "crosses" | "in" | "side" | "directed_at")
        || DiligenceElement::parse(word).is_some()
}
