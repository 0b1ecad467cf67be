//! Who may change what while the agreement runs (`change`), and the
//! rulebook's own changes checked against it: an `extend` that names who
//! agreed it, a `suspend` or `repudiate` for a party.
//!
//! A change the rulebook itself declares, by someone its `change`
//! declarations do not allow, is an error: the rulebook would contradict
//! itself. A change recorded as an event by someone not allowed is a fact
//! of the record, with no legal effect; evaluation shows it so.

use super::Checker;
use super::err::{Problem, Repeated, WrongRole};
use super::rulebook::{Article, ChangeRule, ChangeTarget, Changer, PartyIdx, Role, StatusKind};
use super::symbols::Kind;
use crate::ast::{self, Declaration};
use crate::span::{Span, Spanned};

impl Checker {
    /// Every `change` declaration, in rulebook order; a wrong one is
    /// reported and left out.
    pub(super) fn change_rules(
        &mut self,
        ast: &ast::Rulebook,
        articles: &[Article],
    ) -> Vec<ChangeRule> {
        self.article_numbers = articles.iter().map(|a| a.number.to_string()).collect();
        let mut rules = Vec::new();
        for decl in &ast.declarations {
            if let Declaration::Change(d) = decl
                && let Some(rule) = self.change_rule(ast, d, articles)
            {
                rules.push(rule);
            }
        }
        rules
    }

    fn change_rule(
        &mut self,
        ast: &ast::Rulebook,
        d: &ast::ChangeDecl,
        articles: &[Article],
    ) -> Option<ChangeRule> {
        let target = self.change_target(ast, &d.target, articles);
        let status = matches!(d.target.node, ast::ChangeTarget::Status { .. });
        let by = self.changer(&d.by, status);
        let when = match &d.when {
            Some(t) => Some(self.doctrine_test(t)?),
            None => None,
        };
        let proof = match &d.proof {
            Some(p) => self.standard(p)?,
            None => 0, // preponderance
        };
        Some(ChangeRule {
            target: target?,
            by: by?,
            when,
            proof,
            text: d.text.as_ref().map(|t| t.node.as_str().into()),
        })
    }

    fn change_target(
        &mut self,
        ast: &ast::Rulebook,
        t: &Spanned<ast::ChangeTarget>,
        articles: &[Article],
    ) -> Option<ChangeTarget> {
        match &t.node {
            ast::ChangeTarget::Deadline(name) => {
                let (_, index) = self
                    .symbols
                    .resolve(&name.span, &[Kind::Deadline])
                    .map_err(|e| self.error(e))
                    .ok()?;
                Some(ChangeTarget::Deadline(index))
            }
            ast::ChangeTarget::Status {
                kind,
                articles: refs,
            } => {
                let indices = self.article_indices(ast, refs, articles)?;
                Some(ChangeTarget::Status {
                    kind: *kind,
                    articles: indices,
                })
            }
        }
    }

    /// `IL and LB together`, `MECH`, `each party`: each id declared, none
    /// twice; only parties change their own obligations, and groups and
    /// non-parties, bound through a party or not at all, change nothing.
    fn changer(&mut self, c: &Spanned<ast::Changer>, status: bool) -> Option<Changer> {
        let ids = match &c.node {
            ast::Changer::EachParty => return Some(Changer::EachParty),
            ast::Changer::Together(ids) => ids,
        };
        let mut parties: Vec<PartyIdx> = Vec::new();
        let mut ok = true;
        for id in ids {
            let Ok((_, index)) = self
                .symbols
                .resolve(&id.span, &[Kind::Party])
                .map_err(|e| self.error(e))
            else {
                ok = false;
                continue;
            };
            let index = index as PartyIdx;
            if parties.contains(&index) {
                let problem = Repeated::Named {
                    name: id.node.to_string(),
                };
                self.error(problem.at(&id.span, "again here").help("keep one"));
                ok = false;
                continue;
            }
            parties.push(index);
            if let Some(role) = self.roles.get(&id.node).copied()
                && !may_change(role, status)
            {
                self.refuse_changer(&id.span, &id.node, role, status);
                ok = false;
            }
        }
        ok.then_some(Changer::Together(parties))
    }

    fn refuse_changer(&mut self, at: &Span, id: &str, role: Role, status: bool) {
        let problem = WrongRole::CannotChange {
            name: id.to_owned(),
            role,
        };
        let help = if status {
            "only parties suspend, repudiate or resume their own obligations: name a party, several `together`, or `each party`"
        } else {
            "name parties (`A and B together`, or one), a monitor or mechanism, or a mediator, as the agreement empowers them"
        };
        self.error(problem.at(at, "here").help(help));
    }

    /// The rules that let `by` (every one of them consenting) make a change
    /// of `target`: empty when the rulebook declares no rule for this kind
    /// of change (it vouches for its own changes), an error when it
    /// declares some and none allows it.
    pub(super) fn rules_allowing(
        &mut self,
        target: &ChangeTarget,
        by: &[PartyIdx],
        at: &Span,
    ) -> Vec<usize> {
        let of_kind: Vec<usize> = (0..self.change_rules.len())
            .filter(|&r| self.change_rules[r].target.same_kind(target))
            .collect();
        if of_kind.is_empty() {
            return Vec::new();
        }
        let allowing: Vec<usize> = of_kind
            .iter()
            .copied()
            .filter(|&r| {
                let rule = &self.change_rules[r];
                rule.target.reaches(target) && rule.allows(by, |p| self.is_party(p))
            })
            .collect();
        if allowing.is_empty() {
            let who = self.who(by);
            let allowed: Vec<String> = of_kind
                .iter()
                .map(|&r| self.rule_words(&self.change_rules[r]))
                .collect();
            let problem = WrongRole::MayNot {
                who,
                action: self.target_words(target),
            };
            let help = match target {
                ChangeTarget::Deadline(d) => format!(
                    "the rulebook lets {} do so; name who agreed it, or declare who else may: `change deadline {} by ...`",
                    allowed.join(", or "),
                    self.symbols.name_of(Kind::Deadline, *d).unwrap_or_default()
                ),
                ChangeTarget::Status { kind, .. } => format!(
                    "the rulebook lets {} do so; declare only what it allows, or declare who else may: `change {} by ...`",
                    allowed.join(", or "),
                    kind.word()
                ),
            };
            self.error(problem.at(at, "not allowed").help(help));
        }
        allowing
    }

    /// Checks every `extend ... by WHO` against the rules of its deadline.
    pub(super) fn check_extension_bys(&mut self) {
        for (deadline, at, by) in std::mem::take(&mut self.extension_bys) {
            let Some(parties) = self.changer(&by, false) else {
                continue;
            };
            let parties = match parties {
                Changer::Together(p) => p,
                Changer::EachParty => {
                    let help = "name who agreed it: `by IL and LB together`";
                    self.error(WrongRole::EachPartyExtends.at(&by.span, "here").help(help));
                    continue;
                }
            };
            let target = ChangeTarget::Deadline(deadline);
            let rules = self.rules_allowing(&target, &parties, &by.span);
            if let Some(due) = self.deadlines[deadline].schedule.get_mut(at) {
                due.rules = rules;
            }
        }
    }

    /// Whether a declared id is a party (not a monitor, mediator, group or
    /// non-party).
    fn is_party(&self, p: PartyIdx) -> bool {
        let name = self.symbols.name_of(Kind::Party, usize::from(p));
        name.and_then(|n| self.roles.get(&n).copied()) == Some(Role::Party)
    }

    /// `` `US` ``, `` `IL` and `LB` together ``
    fn who(&self, by: &[PartyIdx]) -> String {
        let names: Vec<String> = by
            .iter()
            .map(|p| {
                let name = self
                    .symbols
                    .name_of(Kind::Party, usize::from(*p))
                    .unwrap_or_default();
                format!("`{name}`")
            })
            .collect();
        match names.as_slice() {
            [one] => one.clone(),
            _ => format!("{} together", names.join(" and ")),
        }
    }

    /// `` `A` and `B` together ``, `each party (article 1.3)`
    fn rule_words(&self, rule: &ChangeRule) -> String {
        let who = match &rule.by {
            Changer::EachParty => "each party".to_owned(),
            Changer::Together(p) => self.who(p),
        };
        match &rule.target {
            ChangeTarget::Status { articles, .. } if !articles.is_empty() => {
                format!("{who} ({})", self.articles_words(articles))
            }
            ChangeTarget::Status { .. } | ChangeTarget::Deadline(_) => who,
        }
    }

    /// `change deadline `out``, `suspend the agreement`, `repudiate article 1.3`
    fn target_words(&self, t: &ChangeTarget) -> String {
        match t {
            ChangeTarget::Deadline(d) => format!(
                "change deadline `{}`",
                self.symbols.name_of(Kind::Deadline, *d).unwrap_or_default()
            ),
            ChangeTarget::Status { kind, articles } => {
                let verb = match kind {
                    StatusKind::Suspension => "suspend",
                    StatusKind::Repudiation => "repudiate",
                    StatusKind::Resumption => "resume",
                };
                let scope = if articles.is_empty() {
                    "the agreement".to_owned()
                } else {
                    self.articles_words(articles)
                };
                format!("{verb} {scope}")
            }
        }
    }

    /// `article 1.3`, `articles 1.2, 1.3`
    fn articles_words(&self, articles: &[usize]) -> String {
        let numbers: Vec<&str> = articles
            .iter()
            .filter_map(|a| self.article_numbers.get(*a).map(String::as_str))
            .collect();
        let word = if numbers.len() == 1 {
            "article"
        } else {
            "articles"
        };
        format!("{word} {}", numbers.join(", "))
    }
}

/// Who may change what: anyone a rulebook names, except that only parties
/// change their own obligations, and groups and non-parties change nothing.
fn may_change(role: Role, status: bool) -> bool {
    match role {
        Role::Party => true,
        Role::Monitor | Role::Mediator => !status,
        Role::Group | Role::NonParty { .. } => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::check::{ChangeRule, ChangeTarget, Changer, StatusKind};

    fn rule(target: ChangeTarget, by: Changer) -> ChangeRule {
        ChangeRule {
            target,
            by,
            when: None,
            proof: 0,
            text: None,
        }
    }

    #[test]
    fn a_rule_reaches_the_articles_it_names_and_a_rule_naming_none_reaches_all() {
        let status = |kind, articles: &[usize]| ChangeTarget::Status {
            kind,
            articles: articles.to_vec(),
        };
        let some = status(StatusKind::Suspension, &[0, 1]);
        assert!(some.reaches(&status(StatusKind::Suspension, &[1])));
        assert!(!some.reaches(&status(StatusKind::Suspension, &[1, 2])));
        // Suspending the whole agreement needs a rule for the whole.
        assert!(!some.reaches(&status(StatusKind::Suspension, &[])));
        assert!(status(StatusKind::Suspension, &[]).reaches(&status(StatusKind::Suspension, &[2])));
        assert!(!some.reaches(&status(StatusKind::Repudiation, &[1])));
        assert!(ChangeTarget::Deadline(0).reaches(&ChangeTarget::Deadline(0)));
        assert!(!ChangeTarget::Deadline(0).reaches(&ChangeTarget::Deadline(1)));
    }

    #[test]
    fn together_needs_every_consent_and_each_party_needs_a_party() {
        let joint = rule(ChangeTarget::Deadline(0), Changer::Together(vec![0, 1]));
        let party = |p: u16| p < 2; // 0 and 1 are parties, 2 a mediator
        assert!(joint.allows(&[0, 1], party));
        assert!(joint.allows(&[1, 0, 2], party));
        assert!(!joint.allows(&[0], party));
        assert!(!joint.allows(&[0, 2], party));
        let each = rule(ChangeTarget::Deadline(0), Changer::EachParty);
        assert!(each.allows(&[1], party));
        assert!(!each.allows(&[2], party));
        assert!(!each.allows(&[], party));
    }
}
