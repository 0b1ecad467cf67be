//! Exceptions against each other, per article: two of opposite effects,
//! neither ranked over the other, that can both apply to one event (an
//! overlap, with the model); and one that applies only where another of
//! the same effect does (redundant).

use varisat::Lit;

use super::Cx;
use super::abstraction::Abstraction;
use super::finding::{Finding, Kind, Owner, Question};
use super::sat::Sat;
use crate::check::Exception;

/// The exceptions of every article, against each other.
pub fn lint(cx: &mut Cx<'_>) {
    // An exception proved never to apply is reported as such, not again.
    let never: Vec<usize> = cx
        .found
        .iter()
        .filter_map(|f| match (f.owner, &f.kind) {
            (Owner::Exception(e), Kind::Unsatisfiable | Kind::NeverWithArticle { .. }) => Some(e),
            _ => None,
        })
        .collect();
    for a in 0..cx.rulebook.articles.len() {
        let on: Vec<usize> = (0..cx.rulebook.exceptions.len())
            .filter(|&e| cx.rulebook.exceptions[e].overrides.contains(&a) && !never.contains(&e))
            .collect();
        if on.len() >= 2 {
            article(cx, a, &on);
        }
    }
}

fn article(cx: &mut Cx<'_>, a: usize, on: &[usize]) {
    let rulebook = cx.rulebook;
    let mut abs = Abstraction {
        rulebook,
        atoms: &mut cx.atoms,
    };
    let article = abs.cond(&rulebook.articles[a].violation);
    let conditions: Vec<_> = on
        .iter()
        .map(|&e| abs.cond(&rulebook.exceptions[e].condition))
        .collect();
    let mut found = Vec::new();
    {
        let mut sat = Sat::new(rulebook, &cx.atoms, &mut cx.meter);
        let art = sat.encode(&article);
        let lits: Vec<Lit> = conditions.iter().map(|f| sat.encode(f)).collect();
        for (i, &x) in on.iter().enumerate() {
            for (j, &y) in on.iter().enumerate() {
                if let Some(f) = pair(&mut sat, rulebook, a, (x, lits[i]), (y, lits[j]), art) {
                    found.push(f);
                }
            }
        }
    }
    cx.found.extend(found);
}

/// What two exceptions on article `a` show, if anything.
fn pair(
    sat: &mut Sat<'_>,
    rulebook: &crate::check::Rulebook,
    a: usize,
    (x, lx): (usize, Lit),
    (y, ly): (usize, Lit),
    art: Lit,
) -> Option<Finding> {
    let (ex, ey) = (&rulebook.exceptions[x], &rulebook.exceptions[y]);
    let finding = |kind, model| Finding {
        kind,
        span: ex.condition.span.clone(),
        owner: Owner::Exception(x),
        model,
        allowed: None,
    };
    let undecided = || {
        finding(
            Kind::NotDecided {
                question: Question::Exceptions,
            },
            None,
        )
    };
    if ex.effect.relieves() && !ey.effect.relieves() && unranked(ex, ey, x, y) {
        return match sat.solve(&[art, lx, ly]) {
            Some(true) => Some(finding(
                Kind::Overlap {
                    article: a,
                    relieves: x,
                    upholds: y,
                },
                Some(sat.model()),
            )),
            Some(false) => None,
            None => Some(undecided()),
        };
    }
    // `x` changes nothing where `y` applies: same effect, on no article
    // `y` does not override, setting aside no more, set aside by no fewer.
    let redundant_candidate = x != y
        && ex.effect == ey.effect
        && ex.overrides.iter().all(|o| ey.overrides.contains(o))
        && ex.over.iter().all(|o| ey.over.contains(o))
        && rulebook
            .exceptions
            .iter()
            .all(|u| !u.over.contains(&y) || u.over.contains(&x))
        // This solver holds article `a` alone: asked only of an exception
        // on that one article.
        && ex.overrides == [a];
    if !redundant_candidate {
        return None;
    }
    match sat.solve(&[art, lx, !ly]) {
        // Two that apply alike: only the later one is redundant.
        Some(false) if x < y && sat.solve(&[art, ly, !lx]) == Some(false) => None,
        Some(false) => Some(finding(Kind::Redundant { by: y }, None)),
        Some(true) => None,
        None => Some(undecided()),
    }
}

/// Neither ranked over the other.
fn unranked(ex: &Exception, ey: &Exception, x: usize, y: usize) -> bool {
    !ex.over.contains(&y) && !ey.over.contains(&x)
}
