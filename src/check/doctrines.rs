//! Doctrines: questions of law a rulebook leaves open, each with its
//! settings and the one that holds unless the command line sets another.

use std::collections::HashSet;

use super::Checker;
use super::err::{Missing, Problem, Repeated, UnknownNameError};
use super::provisions::declarations;
use super::rulebook::{Doctrine, DoctrineTest, SetBy};
use super::symbols::Kind;
use crate::ast::{self, Declaration};

impl Checker {
    /// Every doctrine, in rulebook order; one with a wrong default or a
    /// repeated setting is reported and left out.
    pub(super) fn doctrines(&mut self, ast: &ast::Rulebook) -> Vec<Doctrine> {
        declarations(ast, |decl| match decl {
            Declaration::Doctrine(d) if self.is_declared(&d.name) => self.doctrine(d),
            _ => None,
        })
    }

    fn doctrine(&mut self, d: &ast::DoctrineDecl) -> Option<Doctrine> {
        let mut seen = HashSet::new();
        let mut ok = true;
        for option in &d.options {
            if !seen.insert(option.node.as_str()) {
                let problem = Repeated::Setting {
                    doctrine: d.name.node.to_string(),
                    setting: option.node.clone(),
                };
                self.error(problem.at(&option.span, "again here").help("keep one"));
                ok = false;
            }
        }
        if d.options.len() < 2 {
            let problem = Missing::Settings {
                doctrine: d.name.node.to_string(),
            };
            let help = "a doctrine settles an open question: list at least two settings, such as `[strict, response_excused]`";
            self.error(problem.at(&d.name.span, "here").help(help));
            ok = false;
        }
        let options: Vec<&str> = d.options.iter().map(|o| o.node.as_str()).collect();
        let default = options.iter().position(|o| *o == d.default.node);
        if default.is_none() {
            let hint = format!(
                "the default must be one of its settings: {}",
                options.join(", ")
            );
            self.error(UnknownNameError::new(
                &d.default.span,
                "setting",
                &options,
                &hint,
            ));
        }
        let default = default.filter(|_| ok)?;
        Some(Doctrine {
            name: d.name.node.clone(),
            options: options.iter().map(|o| (*o).to_owned()).collect(),
            default,
            setting: default,
            set_by: SetBy::Rulebook,
            text: d.text.as_ref().map(|t| t.node.as_str().into()),
        })
    }

    /// `doctrine who_fired_first is irrelevant`: the doctrine and setting.
    pub(super) fn doctrine_test(&mut self, t: &ast::DoctrineTest) -> Option<DoctrineTest> {
        self.symbols
            .resolve(&t.doctrine.span, &[Kind::Doctrine])
            .map_err(|e| self.error(e))
            .ok()?;
        // A doctrine whose declaration was wrong is already reported.
        let index = self
            .doctrines
            .iter()
            .position(|d| d.name == t.doctrine.node)?;
        let doctrine = &self.doctrines[index];
        match doctrine.options.iter().position(|o| *o == t.setting.node) {
            Some(setting) => Some(DoctrineTest {
                doctrine: index,
                setting,
            }),
            None => {
                let options: Vec<&str> = doctrine.options.iter().map(String::as_str).collect();
                let hint = format!(
                    "doctrine `{}` has settings {}",
                    doctrine.name,
                    options.join(", ")
                );
                self.error(UnknownNameError::new(
                    &t.setting.span,
                    "setting",
                    &options,
                    &hint,
                ));
                None
            }
        }
    }
}
