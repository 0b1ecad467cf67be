//! Patterns: findings over many events, such as ten heavy-weapon fire
//! events by one party within a day.

use super::Checker;
use super::err::{OutOfRange, Problem, Range};
use super::fields::Scope;
use super::provisions::declarations;
use super::rulebook::Pattern;
use crate::ast::{self, Declaration, Dimension};

impl Checker {
    /// Every pattern, in rulebook order; one that does not check is
    /// reported and left out (the rulebook is then rejected).
    pub(super) fn patterns(&mut self, ast: &ast::Rulebook) -> Vec<Pattern> {
        declarations(ast, |decl| match decl {
            Declaration::Pattern(p) if self.is_declared(&p.name) => self.pattern(p),
            _ => None,
        })
    }

    fn pattern(&mut self, p: &ast::PatternDecl) -> Option<Pattern> {
        let n = p.count.node;
        let count_ok = n.fract() == 0.0 && (2.0..=100_000.0).contains(&n);
        if !count_ok {
            let problem = OutOfRange::Not {
                text: p.count.span.text().to_owned(),
                what: Range::PatternCount,
            };
            let help = "a pattern counts whole events, at least 2: `10 within 24 h`";
            self.error(problem.at(&p.count.span, "here").help(help));
        }
        let window = &p.window.node;
        // A century is more than any agreement needs, and keeps the
        // arithmetic on instants in range.
        let window_ok = window.unit.dimension() == Dimension::Duration
            && window.base() > 0.0
            && window.base() <= 100.0 * 366.0 * 86_400.0;
        if !window_ok {
            let problem = OutOfRange::Not {
                text: p.window.span.text().to_owned(),
                what: Range::PatternWindow,
            };
            let help = "give a positive window of at most a century, in `min`, `h` or `d`: `24 h`";
            self.error(problem.at(&p.window.span, "here").help(help));
        }
        let scope = Scope {
            in_pattern: true,
            ..Scope::default()
        };
        let condition = self.cond(&p.condition, &scope);
        if !(count_ok && window_ok) {
            return None;
        }
        Some(Pattern {
            name: p.name.node.as_str().into(),
            text: p.text.as_ref().map(|t| t.node.as_str().into()),
            count: n as usize,
            window: jiff::SignedDuration::from_secs_f64(window.base()),
            window_written: p.window.span.text().to_owned(),
            condition: condition?,
        })
    }

    /// The index of a pattern among those checked: patterns are checked
    /// before any condition that names one.
    pub(super) fn pattern_index(&self, symbol: usize) -> Option<usize> {
        let name = self
            .symbols
            .name_of(super::symbols::Kind::Pattern, symbol)?;
        self.pattern_names.iter().position(|n| *n == name)
    }
}
