//! Acts: the hostile acts no article reaches (gaps), and acts no condition
//! names at all (unused).

use super::Cx;
use super::conditions::Reach;
use super::finding::{Finding, Kind, Owner, Question};
use crate::check::{ActIdx, Cond, CondKind, Rulebook};
use crate::span::Span;

/// The acts the rulebook declares hostile: the members of an act class
/// named `hostile`; without one, the acts an article's condition names.
pub fn hostile(rulebook: &Rulebook) -> Vec<ActIdx> {
    let acts = || (0..rulebook.acts.len()).filter_map(|i| ActIdx::try_from(i).ok());
    if let Some(class) = rulebook.act_classes.iter().find(|c| c.name == "hostile") {
        return acts().filter(|&a| class.members.contains(a)).collect();
    }
    let mut named = vec![false; rulebook.acts.len()];
    for article in &rulebook.articles {
        article.violation.each(&mut |c| mark(c, &mut named));
    }
    acts().filter(|&a| named[usize::from(a)]).collect()
}

/// The gaps and the unused acts, once every article has been asked.
pub fn lint(cx: &mut Cx<'_>) {
    let rulebook = cx.rulebook;
    for (i, &(act, _)) in cx.hostile.iter().enumerate() {
        let kind = match cx.reach[i] {
            Reach::Yes => continue,
            Reach::No => Kind::Gap { act },
            Reach::Undecided => Kind::NotDecided {
                question: Question::Reaches(act),
            },
        };
        cx.found.push(at_act(rulebook, act, kind));
    }
    let mut named = vec![false; rulebook.acts.len()];
    for cond in conditions(rulebook) {
        cond.each(&mut |c| mark(c, &mut named));
    }
    for (i, used) in named.iter().enumerate() {
        let Ok(act) = ActIdx::try_from(i) else {
            continue;
        };
        let gap = cx.hostile.iter().any(|(a, _)| *a == act);
        if !used && !gap {
            cx.found
                .push(at_act(rulebook, act, Kind::UnusedAct { act }));
        }
    }
}

fn at_act(rulebook: &Rulebook, act: ActIdx, kind: Kind) -> Finding {
    Finding {
        kind,
        span: act_span(rulebook, act),
        owner: Owner::Act(act),
        model: None,
        allowed: None,
    }
}

/// Where act `act` is declared: its `act NAME` in the rule file or a file
/// it imports; the file's start if it cannot be found.
pub fn act_span(rulebook: &Rulebook, act: ActIdx) -> Span {
    let name = &rulebook.acts[usize::from(act)].name;
    let file = &rulebook.file;
    if let Some(at) = declared_at(file.text(), name) {
        return Span::new(file, at..at + 4 + name.len());
    }
    for (path, text) in &rulebook.imported_files {
        if let Some(at) = declared_at(text, name) {
            let source = crate::span::Source::new(path.display().to_string(), text.as_str());
            return Span::new(&source, at..at + 4 + name.len());
        }
    }
    Span::new(file, 0..0)
}

/// The offset of `act NAME` at the start of a line.
fn declared_at(text: &str, name: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(rest) = trimmed.strip_prefix("act ")
            && let Some(after) = rest.trim_start().strip_prefix(name)
            && after.starts_with(|c: char| c.is_whitespace() || c == '"')
        {
            return Some(offset + indent);
        }
        offset += line.len();
    }
    None
}

fn mark(c: &Cond, named: &mut [bool]) {
    if let CondKind::Act { acts, .. } = &c.kind {
        for (i, n) in named.iter_mut().enumerate() {
            if ActIdx::try_from(i).is_ok_and(|a| acts.contains(a)) {
                *n = true;
            }
        }
    }
}

/// Every condition the rulebook holds.
fn conditions(r: &Rulebook) -> Vec<&Cond> {
    let mut out: Vec<&Cond> = Vec::new();
    out.extend(r.articles.iter().map(|a| &a.violation));
    out.extend(r.exceptions.iter().map(|e| &e.condition));
    out.extend(r.patterns.iter().map(|p| &p.condition));
    out.extend(r.elements.iter().filter_map(|e| e.definition.as_ref()));
    out.extend(
        r.diligences
            .iter()
            .flat_map(|d| d.elements.iter().flatten()),
    );
    out.extend(r.ceilings.iter().flat_map(|c| [&c.inside, &c.condition]));
    out.extend(r.weapon_classes.iter().map(|w| &w.condition));
    out
}
