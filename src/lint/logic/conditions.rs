//! Each article's and exception's condition alone: can it ever be true, is
//! it always, and does each of its parts matter where the rest holds. An
//! article's condition also tells which hostile acts it reaches.

use varisat::Lit;

use super::Cx;
use super::abstraction::Abstraction;
use super::finding::{Finding, Kind, Owner, Question};
use super::sat::Sat;
use super::tree::{Node, Shape};
use crate::check::Cond;

/// What became of a hostile act: reached by an article, or not decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    No,
    Undecided,
    Yes,
}

/// Lints one condition; for an article, marks the hostile acts it reaches.
pub fn lint(cx: &mut Cx<'_>, owner: Owner, cond: &Cond) {
    let mut abs = Abstraction {
        rulebook: cx.rulebook,
        atoms: &mut cx.atoms,
    };
    let mut root = Node::build(&mut abs, cond);
    let overridden: Vec<(usize, crate::lint::logic::formula::Formula)> = match owner {
        Owner::Exception(e) => cx.rulebook.exceptions[e]
            .overrides
            .iter()
            .map(|&a| (a, abs.cond(&cx.rulebook.articles[a].violation)))
            .collect(),
        Owner::Article(_) | Owner::Act(_) | Owner::Pragma => Vec::new(),
    };
    let hostile = cx.hostile.clone();
    let mut found = Vec::new();
    let mut reach = Vec::new();
    {
        let mut sat = Sat::new(cx.rulebook, &cx.atoms, &mut cx.meter);
        let r = root.encode(&mut sat);
        let finding = |kind, cond: &Cond, model| Finding {
            kind,
            span: cond.span.clone(),
            owner,
            model,
            allowed: None,
        };
        match sat.solve(&[r]) {
            None => {
                found.push(finding(not_decided(Question::Satisfiable), cond, None));
                if let Owner::Article(_) = owner {
                    reach = (0..hostile.len()).map(|i| (i, Reach::Undecided)).collect();
                }
            }
            Some(false) => found.push(finding(Kind::Unsatisfiable, cond, None)),
            Some(true) => {
                let with_article = never_with_article(&mut sat, r, &overridden);
                if with_article.is_err() {
                    found.push(finding(not_decided(Question::Satisfiable), cond, None));
                } else if let Ok(Some(articles)) = with_article {
                    found.push(finding(Kind::NeverWithArticle { articles }, cond, None));
                } else if let Some(always) = sat.solve(&[!r]).map(|can_fail| !can_fail) {
                    if always {
                        found.push(finding(Kind::AlwaysTrue, cond, None));
                    } else {
                        parts(&mut sat, &root, &[], &mut |kind, c| {
                            found.push(finding(kind, c, None))
                        });
                    }
                } else {
                    found.push(finding(not_decided(Question::Satisfiable), cond, None));
                }
                if let Owner::Article(_) = owner {
                    reach = reaches(&mut sat, r, &hostile, &cx.reach);
                }
            }
        }
    }
    for (i, state) in reach {
        cx.reach[i] = cx.reach[i].max(state);
    }
    cx.found.extend(found);
}

fn not_decided(question: Question) -> Kind {
    Kind::NotDecided { question }
}

/// The articles an exception overrides, when it can be true with none of
/// them; `Err` when the budget did not leave time to decide.
fn never_with_article(
    sat: &mut Sat<'_>,
    r: Lit,
    overridden: &[(usize, crate::lint::logic::formula::Formula)],
) -> Result<Option<Vec<usize>>, Undecided> {
    if overridden.is_empty() {
        return Ok(None);
    }
    for (_, f) in overridden {
        let a = sat.encode(f);
        match sat.solve(&[r, a]) {
            Some(true) => return Ok(None),
            Some(false) => {}
            None => return Err(Undecided),
        }
    }
    Ok(Some(overridden.iter().map(|(a, _)| *a).collect()))
}

/// A question the budget left undecided.
#[derive(Debug)]
pub struct Undecided;

/// Asks of each part whether it matters where the rest holds; stops at a
/// part that does not (its own parts would only repeat it).
fn parts<'c>(
    sat: &mut Sat<'_>,
    node: &Node<'c>,
    context: &[Lit],
    report: &mut dyn FnMut(Kind, &'c Cond),
) {
    match &node.shape {
        Shape::Leaf(_) => {}
        Shape::Not(a) => descend(sat, a, context, report),
        Shape::And(a, b) => {
            ask(sat, a, (b, true), context, report);
            ask(sat, b, (a, true), context, report);
        }
        Shape::Or(a, b) => {
            ask(sat, a, (b, false), context, report);
            ask(sat, b, (a, false), context, report);
        }
    }
}

/// Asks about `child` where its sibling is true (in an `and`) or false (in
/// an `or`) and the context holds.
fn ask<'c>(
    sat: &mut Sat<'_>,
    child: &Node<'c>,
    (sibling, and): (&Node<'c>, bool),
    context: &[Lit],
    report: &mut dyn FnMut(Kind, &'c Cond),
) {
    let mut ctx = context.to_vec();
    ctx.push(if and { sibling.lit() } else { !sibling.lit() });
    let l = child.lit();
    let mut with = ctx.clone();
    with.push(l);
    let mut without = ctx.clone();
    without.push(!l);
    let (can_hold, can_fail) = (sat.solve(&with), sat.solve(&without));
    if can_hold.is_none() || can_fail.is_none() {
        report(not_decided(Question::Part), child.cond);
        return;
    }
    if can_hold == Some(false) {
        // In an `or`: shadowed by the other side, unless it cannot hold
        // even without it.
        let mut alone = context.to_vec();
        alone.push(l);
        let kind = match and || sat.solve(&alone) == Some(false) {
            false => Kind::Shadowed {
                by: sibling.cond.span.clone(),
            },
            true => Kind::PartAlwaysFalse,
        };
        report(kind, child.cond);
        return;
    }
    if can_fail == Some(false) {
        report(Kind::PartAlwaysTrue, child.cond);
        return;
    }
    descend(sat, child, &ctx, report);
}

/// The parts below a node that was asked about (a `not` is asked about as
/// a whole, not again through its operand).
fn descend<'c>(
    sat: &mut Sat<'_>,
    node: &Node<'c>,
    context: &[Lit],
    report: &mut dyn FnMut(Kind, &'c Cond),
) {
    match &node.shape {
        Shape::Not(a) => descend(sat, a, context, report),
        Shape::Leaf(_) | Shape::And(..) | Shape::Or(..) => parts(sat, node, context, report),
    }
}

/// Which hostile acts (by position in `hostile`) the article reaches, or
/// could not be decided, among those not reached yet.
fn reaches(
    sat: &mut Sat<'_>,
    r: Lit,
    hostile: &[(crate::check::ActIdx, usize)],
    known: &[Reach],
) -> Vec<(usize, Reach)> {
    let mut out = Vec::new();
    for (i, &(_, atom)) in hostile.iter().enumerate() {
        if known[i] == Reach::Yes {
            continue;
        }
        let act = sat.var(atom).positive();
        let state = match sat.solve(&[r, act]) {
            Some(true) => Reach::Yes,
            Some(false) => Reach::No,
            None => Reach::Undecided,
        };
        out.push((i, state));
    }
    out
}
