//! Conditions about what the record holds and what findings can decide:
//! `is known`, `directed at`, capacities, the force affected, and elements
//! the rulebook names (`attack is ongoing`).

use super::Checker;
use super::cond::{AreaSel, CapacitySet, CondKind, ObjectSel, Subject};
use super::err::{Misplaced, Problem, Sort, Unbound, UnknownNameError, WrongKind, did_you_mean};
use super::fields::{Operand, Scope};
use super::symbols::Kind;
use crate::ast::{AreaOwner, BinOp, DirectedObject, Expr, Path, SExpr};
use crate::span::Spanned;

/// `known` or `unknown`, when that is the whole right side of `is`.
pub(super) fn known_word(rhs: &SExpr) -> Option<bool> {
    match &rhs.node {
        Expr::Path(p) if p.segments.len() == 1 => match p.segments[0].node.as_str() {
            "known" => Some(true),
            "unknown" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

impl Checker {
    /// `target is known`, `actor.party is unknown`.
    pub(super) fn known(
        &mut self,
        lhs: &SExpr,
        op: &Spanned<BinOp>,
        known: bool,
        scope: &Scope,
    ) -> Option<CondKind> {
        if self.bound_event(lhs, scope).is_some() {
            let problem = Misplaced::KnownRelated {
                text: lhs.span.text().to_owned(),
            };
            let help = format!(
                "test one of its fields: `{}.actor.party is known`",
                lhs.span.text()
            );
            return self.invalid(problem.at(&lhs.span, "here").help(help));
        }
        let operand = self.path_operand(lhs, op, scope)?;
        let (subject, field) = operand.field();
        Some(CondKind::Known {
            subject,
            field,
            known,
        })
    }

    /// `directed at other side`, `attack directed at actor.party`.
    pub(super) fn directed(
        &mut self,
        subject: Option<&SExpr>,
        object: &Spanned<DirectedObject>,
        scope: &Scope,
    ) -> Option<CondKind> {
        let subject = match subject {
            None => Subject::EVENT,
            Some(e) => match self.bound_event(e, scope) {
                Some(s) => s,
                None => {
                    let problem = Unbound::Related {
                        name: e.span.text().to_owned(),
                    };
                    let help = "write `directed at ...` for the judged event, or name the related event first: `some responds_to as attack where attack directed at actor.party`";
                    return self.invalid(problem.at(&e.span, "here").help(help));
                }
            },
        };
        let object = match &object.node {
            DirectedObject::OtherSide => ObjectSel::OtherSide,
            DirectedObject::OwnArea => ObjectSel::OwnArea,
            DirectedObject::Intruder => ObjectSel::Intruder,
            DirectedObject::Party(path) => match self.party_ref(path, &object.span, scope)? {
                PartyRef::Named(p) => ObjectSel::Party(p),
                PartyRef::Of(s) => ObjectSel::PartyOf(s),
            },
        };
        Some(CondKind::Directed { subject, object })
    }

    /// `target in area of other side`, `place in area of UA`.
    pub(super) fn in_area(
        &mut self,
        subject: &SExpr,
        owner: &Spanned<AreaOwner>,
        scope: &Scope,
    ) -> Option<CondKind> {
        let (subject, point) = self.point(subject, scope, "in area of")?;
        let owner = self.area_sel(&owner.node, &owner.span, scope)?;
        Some(CondKind::InArea {
            subject,
            point,
            owner,
        })
    }

    /// Whose area: the other side's, a party's, or an event's actor's party's.
    pub(super) fn area_sel(
        &mut self,
        owner: &AreaOwner,
        span: &crate::span::Span,
        scope: &Scope,
    ) -> Option<AreaSel> {
        Some(match owner {
            AreaOwner::OtherSide => AreaSel::OtherSide,
            AreaOwner::Party(path) => match self.party_ref(path, span, scope)? {
                PartyRef::Named(p) => AreaSel::Party(p),
                PartyRef::Of(s) => AreaSel::PartyOf(s),
            },
        })
    }

    /// A party by name, or the party of an event's actor.
    fn party_ref(
        &mut self,
        path: &Path,
        span: &crate::span::Span,
        scope: &Scope,
    ) -> Option<PartyRef> {
        let root = path.segments[0].node.as_str();
        let reads_event =
            path.segments.len() > 1 || root == "actor" || scope.bindings.iter().any(|b| b == root);
        if !reads_event {
            // The party's own name, not the whole `area of X` it stands in.
            let (_, i) = self
                .symbols
                .resolve(&path.segments[0].span, &[Kind::Party])
                .map_err(|e| self.error(e))
                .ok()?;
            return Some(PartyRef::Named(u16::try_from(i).ok()?));
        }
        match self.operand(&Spanned::new(path.clone(), span.clone()), scope) {
            Ok(Operand::Party(s)) => Some(PartyRef::Of(s)),
            Ok(other) => {
                let problem = WrongKind::Is {
                    text: span.text().to_owned(),
                    found: other.describe(),
                    wanted: Sort::Party,
                };
                let help = "name a party, or an event's `actor.party`";
                self.invalid(problem.at(span, "here").help(help))
            }
            Err(e) => {
                self.error(e);
                None
            }
        }
    }

    /// `actor.capacity is private`, `actor.capacity in [defector, deserter]`.
    pub(super) fn capacity_test(
        &mut self,
        subject: Subject,
        names: &[crate::span::Span],
    ) -> Option<CondKind> {
        let mut capacities = CapacitySet::default();
        for name in names {
            match CapacitySet::named(name.text()) {
                Some(set) => capacities = capacities.union(set),
                None => {
                    let words = [
                        "official", "defector", "deserter", "civilian", "private", "unknown",
                    ];
                    let hint = "a capacity is `official`, `defector`, `deserter`, `civilian`, `private` (any private one) or `unknown`";
                    self.error(UnknownNameError::new(name, "capacity", &words, hint));
                    return None;
                }
            }
        }
        Some(CondKind::Capacity {
            subject,
            capacities,
        })
    }

    /// `attack is ongoing`: an element about the judged event and another.
    pub(super) fn element_about(
        &mut self,
        subject: Subject,
        word: &SExpr,
        scope: &Scope,
    ) -> Option<CondKind> {
        let name = word.span.text();
        let Some(i) = self.elements.iter().position(|(n, _)| n == name) else {
            let mut known: Vec<&str> = vec!["established", "known", "unknown"];
            known.extend(self.elements.iter().map(|(n, _)| n.as_str()));
            let help = match did_you_mean(name, &known) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "a related event `is established`, or `is` an element the rulebook declares: `element ongoing(attack) = ...`".to_owned(),
            };
            let problem = WrongKind::NotAState {
                word: name.to_owned(),
            };
            return self.invalid(problem.at(&word.span, "here").help(help));
        };
        self.element_use(i, &word.span, scope)?;
        if !self.elements[i].1 {
            let problem = Misplaced::ElementAlone {
                name: name.to_owned(),
            };
            let help = format!("test it on its own: `{name}`");
            return self.invalid(problem.at(&word.span, "here").help(help));
        }
        Some(CondKind::Element {
            element: i,
            about: Some(subject),
        })
    }

    /// An element named alone, about the judged event; `None` (without a
    /// problem recorded) when the name is no element.
    pub(super) fn element_alone(&mut self, e: &SExpr, scope: &Scope) -> Option<Option<CondKind>> {
        let Expr::Path(p) = &e.node else {
            return None;
        };
        let [only] = p.segments.as_slice() else {
            return None;
        };
        let i = self.elements.iter().position(|(n, _)| *n == only.node)?;
        if self.element_use(i, &e.span, scope).is_none() {
            return Some(None);
        }
        if self.elements[i].1 {
            let problem = Misplaced::ElementAboutOther {
                name: only.node.to_string(),
            };
            let help = format!(
                "name the event it is about: `some responds_to as attack where attack is {}`",
                only.node
            );
            self.error(problem.at(&e.span, "here").help(help));
            return Some(None);
        }
        Some(Some(CondKind::Element {
            element: i,
            about: None,
        }))
    }

    /// Marks an element used; refuses one inside another's definition.
    fn element_use(&mut self, i: usize, at: &crate::span::Span, scope: &Scope) -> Option<()> {
        if let Some(found) = scope.found_first() {
            let problem = Misplaced::ElementFoundFirst { found };
            let help = "patterns and ceilings are found before any event is judged; test the element in an article or exception";
            return self.invalid(problem.at(at, "here").help(help));
        }
        if scope.in_element {
            let help =
                "write the test out in full, or test both elements where the element is used";
            return self.invalid(Misplaced::ElementInElement.at(at, "here").help(help));
        }
        let name = self.elements[i].0.clone();
        let _ = self.symbols.resolve_named(&name, Kind::Element);
        Some(())
    }
}

/// A party a condition names: by its id, or as the party of an event's actor.
enum PartyRef {
    Named(u16),
    Of(Subject),
}
