//! Acts, classes, articles and exceptions.

use std::collections::HashMap;

use super::Checker;
use super::err::{
    CheckWarning, DuplicateError, Missing, OutOfRange, Problem, Range, Repeated, SelfReference,
    UnknownNameError, Warning, WrongKind,
};
use super::fields::Scope;
use super::rulebook::{
    Act, ActClass, ActSet, Article, Bar, Exception, Responsible, Severity, Standard, WeaponClass,
};
use super::symbols::Kind;
use crate::ast::{self, ArticleClause, Declaration, Expr};
use crate::span::Spanned;

impl Checker {
    pub(super) fn acts(&mut self, ast: &ast::Rulebook) -> Vec<Act> {
        let acts: Vec<Act> = declarations(ast, |d| match d {
            Declaration::Act(a) if self.is_declared(&a.name) => Some(Act {
                name: a.name.node.as_str().into(),
                description: a.description.node.clone(),
            }),
            _ => None,
        });
        if acts.is_empty() {
            let span = &ast.agreement.title.span;
            let help =
                "declare each act observers may report: `act fire \"discharge of any weapon\"`";
            self.error(Missing::Acts.at(span, "this agreement").help(help));
        }
        acts
    }

    pub(super) fn act_classes(&mut self, ast: &ast::Rulebook) -> Vec<ActClass> {
        let mut classes = Vec::new();
        for decl in &ast.declarations {
            let Declaration::ActClass(d) = decl else {
                continue;
            };
            if !self.is_declared(&d.name) {
                continue;
            }
            let mut members = ActSet::default();
            for m in &d.members {
                let resolved = match &m.node {
                    Expr::Path(p) if p.segments.len() == 1 => {
                        self.symbols.resolve(&m.span, &[Kind::Act, Kind::ActClass])
                    }
                    _ => Err(WrongKind::ActByName.at(&m.span, "not an act").into()),
                };
                match resolved {
                    Ok((Kind::ActClass, index)) if index >= self.act_class_members.len() => {
                        let class = m.span.text().to_owned();
                        let problem = if class == d.name.node {
                            SelfReference::ClassListsItself { class }
                        } else {
                            SelfReference::ClassLater { class }
                        };
                        let help = "declare an act class before the classes that list it";
                        self.error(problem.at(&m.span, "declared further down").help(help));
                    }
                    Ok((kind, index)) => self.add_acts(&mut members, kind, index),
                    Err(e) => self.error(e),
                }
            }
            self.act_class_members.push(members.clone());
            classes.push(ActClass {
                name: d.name.node.clone(),
                members,
            });
        }
        classes
    }

    pub(super) fn weapon_classes(&mut self, ast: &ast::Rulebook) -> Vec<WeaponClass> {
        let mut classes = Vec::new();
        for decl in &ast.declarations {
            let Declaration::WeaponClass(d) = decl else {
                continue;
            };
            if !self.is_declared(&d.name) {
                continue;
            }
            if let Some(condition) = self.cond(&d.condition, &Scope::weapon()) {
                classes.push(WeaponClass {
                    name: d.name.node.clone(),
                    condition,
                });
            } else {
                classes.push(WeaponClass {
                    name: d.name.node.clone(),
                    condition: placeholder(&d.condition),
                });
            }
        }
        classes
    }

    /// `reach msta_b = 24.7 km`, sorted by weapon type for lookup.
    pub(super) fn reaches(&mut self, ast: &ast::Rulebook) -> Vec<(crate::name::Name, f64)> {
        let mut reaches: Vec<(crate::name::Name, f64)> = Vec::new();
        for decl in &ast.declarations {
            let Declaration::Reach(d) = decl else {
                continue;
            };
            let Some(metres) = self.length(&d.distance) else {
                continue;
            };
            let weapon_type = d.weapon_type.node.as_str();
            if reaches.iter().any(|(t, _)| &**t == weapon_type) {
                let problem = Repeated::Reach {
                    weapon_type: weapon_type.to_owned(),
                };
                self.error(
                    problem
                        .at(&d.weapon_type.span, "again here")
                        .help("keep one"),
                );
                continue;
            }
            reaches.push((weapon_type.into(), metres));
        }
        reaches.sort_by(|a, b| a.0.cmp(&b.0));
        reaches
    }

    pub(super) fn articles(&mut self, ast: &ast::Rulebook) -> Vec<Article> {
        let mut seen: HashMap<&str, &Spanned<String>> = HashMap::new();
        let mut articles = Vec::new();
        for decl in &ast.declarations {
            let Declaration::Article(a) = decl else {
                continue;
            };
            if let Some(first) = seen.insert(&a.number.node, &a.number) {
                self.error(DuplicateError::new(&a.number.span, &first.span, "article"));
                continue;
            }
            if let Some(article) = self.article(a) {
                articles.push(article);
            }
        }
        articles
    }

    fn article(&mut self, a: &ast::Article) -> Option<Article> {
        let mut violation = None;
        let mut responsible = None;
        let mut proof = None;
        let mut attribution = None;
        let mut severity = None;
        let mut imputable = None;
        let mut duty = None;
        let mut diligence = None;
        for clause in &a.clauses {
            match clause {
                ArticleClause::Violation(e) => {
                    let cond = self.cond(e, &Scope::default());
                    self.once(
                        &mut violation,
                        &e.span,
                        "the article",
                        "violation when",
                        cond,
                    );
                }
                ArticleClause::Responsible(p) => {
                    let r = self.responsible(p);
                    self.once(&mut responsible, &p.span, "the article", "responsible", r);
                }
                ArticleClause::Proof(id) => {
                    let s = self.standard(id);
                    self.once(&mut proof, &id.span, "the article", "proof", s);
                }
                ArticleClause::Attribution(id) => {
                    let s = self.standard(id);
                    self.once(&mut attribution, &id.span, "the article", "attribution", s);
                }
                ArticleClause::Severity(id) => {
                    let s = self.named(id, Severity::parse, &Severity::NAMES, "severity");
                    self.once(&mut severity, &id.span, "the article", "severity", s);
                }
                ArticleClause::Imputable(words) => {
                    let set = self.capacities(words);
                    let at = words[0].span.to(&words[words.len() - 1].span);
                    self.once(&mut imputable, &at, "the article", "imputable", set);
                }
                ArticleClause::Duty(word) => {
                    let d = self.duty(word);
                    self.once(&mut duty, &word.span, "the article", "duty", d);
                }
                ArticleClause::Diligence(name, when) => {
                    let d = self.diligence_ref(name);
                    let when = when.as_ref().map(|t| self.doctrine_test(t));
                    let d = match when {
                        Some(None) => None,
                        Some(t) => d.map(|d| (d, t)),
                        None => d.map(|d| (d, None)),
                    };
                    self.once(&mut diligence, &name.span, "the article", "diligence", d);
                }
            }
        }
        let Some(violation) = violation else {
            let problem = Missing::Violation {
                article: a.number.node.to_string(),
            };
            let help =
                "state what breaches the article: `violation when act is fire and place in dmz`";
            self.error(problem.at(&a.number.span, "this article").help(help));
            return None;
        };
        Some(Article {
            number: a.number.node.as_str().into(),
            text: a.text.node.as_str().into(),
            violation: violation?,
            responsible: responsible.flatten().unwrap_or(Responsible::ActorParty),
            // Occurrence defaults to preponderance; attribution to the
            // article's standard for occurrence.
            proof: proof.flatten().unwrap_or(0),
            attribution: attribution.flatten().or(proof.flatten()).unwrap_or(0),
            severity: severity.flatten().unwrap_or(Severity::Medium),
            imputable: imputable.flatten().unwrap_or(self.imputable),
            duty_prevent: duty.flatten().unwrap_or(false),
            diligence: diligence.flatten(),
            span: a.span.clone(),
        })
    }

    /// A standard of proof by name.
    pub(super) fn standard(&mut self, id: &Spanned<String>) -> Option<usize> {
        let found = self.standards.iter().position(|s| *s.name == *id.node);
        if found.is_none() {
            let names: Vec<&str> = self.standards.iter().map(|s| &*s.name).collect();
            let hint = format!(
                "the standards are {}; define another with `standard NAME = 1 at B2 or 2 at C3`",
                names.join(", ")
            );
            self.error(UnknownNameError::new(
                &id.span,
                "standard of proof",
                &names,
                &hint,
            ));
        }
        found
    }

    /// The built-in standards, as the rulebook redefines them, then its own.
    pub(super) fn standards(&mut self, ast: &ast::Rulebook) -> Vec<Standard> {
        let mut standards = Standard::builtins();
        let mut declared: HashMap<&str, &Spanned<String>> = HashMap::new();
        for decl in &ast.declarations {
            let Declaration::Standard(d) = decl else {
                continue;
            };
            if let Some(first) = declared.insert(&d.name.node, &d.name) {
                self.error(DuplicateError::new(&d.name.span, &first.span, "standard"));
                continue;
            }
            let bars: Option<Vec<Bar>> = d.bars.iter().map(|(n, g)| self.bar(n, g)).collect();
            let Some(bars) = bars else { continue };
            let standard = Standard {
                name: d.name.node.as_str().into(),
                bars,
            };
            match standards.iter_mut().find(|s| s.name == standard.name) {
                Some(builtin) => *builtin = standard,
                None => standards.push(standard),
            }
        }
        standards
    }

    /// `2 at C3`
    fn bar(&mut self, count: &Spanned<f64>, grade: &Spanned<String>) -> Option<Bar> {
        let n = count.node;
        if n.fract() != 0.0 || !(1.0..=100.0).contains(&n) {
            let problem = OutOfRange::Not {
                text: count.span.text().to_owned(),
                what: Range::Sources,
            };
            let help = "count whole sources, from 1: `2 at C3`";
            self.error(problem.at(&count.span, "here").help(help));
            return None;
        }
        let mut chars = grade.node.chars();
        let (r, c) = (chars.next()?, chars.next()?.to_digit(10)?);
        if !('A'..='F').contains(&r) || !(1..=6).contains(&c) {
            let problem = OutOfRange::Not {
                text: grade.node.clone(),
                what: Range::Grade,
            };
            let help = "a letter A (reliable) to F, then a digit 1 (confirmed) to 6: `B2`";
            self.error(problem.at(&grade.span, "here").help(help));
            return None;
        }
        Some(Bar {
            count: n as usize,
            reliability: r,
            credibility: c as u8,
        })
    }

    fn named<T>(
        &mut self,
        id: &Spanned<String>,
        parse: fn(&str) -> Option<T>,
        names: &[&str],
        what: &'static str,
    ) -> Option<T> {
        let found = parse(&id.node);
        if found.is_none() {
            let hint = format!("the {what} is one of: {}", names.join(", "));
            self.error(UnknownNameError::new(&id.span, what, names, &hint));
        }
        found
    }

    pub(super) fn exceptions(
        &mut self,
        ast: &ast::Rulebook,
        articles: &[Article],
    ) -> Vec<Exception> {
        let mut seen: HashMap<&str, &Spanned<String>> = HashMap::new();
        let mut exceptions = Vec::new();
        for decl in &ast.declarations {
            let Declaration::Exception(x) = decl else {
                continue;
            };
            if let Some(first) = seen.insert(&x.name.node, &x.name) {
                self.error(DuplicateError::new(&x.name.span, &first.span, "exception"));
                continue;
            }
            let overrides = self.article_indices(ast, &x.overrides, articles);
            // Findings and links an exception rests on meet the
            // preponderance of the evidence unless it says otherwise.
            let proof = match &x.proof {
                Some(id) => self.standard(id),
                None => Some(0),
            };
            let condition = self.cond(&x.condition, &Scope::default());
            if let (Some(overrides), Some(condition), Some(proof)) = (overrides, condition, proof) {
                exceptions.push(Exception {
                    name: x.name.node.as_str().into(),
                    text: x.text.as_ref().map(|t| t.node.as_str().into()),
                    effect: x.effect.node,
                    overrides,
                    over: Vec::new(),
                    proof,
                    condition,
                    span: x.span.clone(),
                });
            }
        }
        self.rank(ast, &mut exceptions);
        self.rank_cycles(&exceptions);
        self.unranked_conflicts(&exceptions, articles);
        exceptions
    }

    /// Resolves `over NAME`: the exceptions each prevails over. A cycle of
    /// `over` would rank nothing, so it is an error.
    fn rank(&mut self, ast: &ast::Rulebook, exceptions: &mut [Exception]) {
        let names: Vec<String> = exceptions.iter().map(|x| x.name.to_string()).collect();
        // Names are checked against every exception declared, so a rank is
        // reported even when its exception's condition has an error.
        let declared: Vec<&str> = ast
            .declarations
            .iter()
            .filter_map(|d| match d {
                Declaration::Exception(x) => Some(x.name.node.as_str()),
                _ => None,
            })
            .collect();
        for decl in &ast.declarations {
            let Declaration::Exception(x) = decl else {
                continue;
            };
            let me = names.iter().position(|n| *n == x.name.node);
            for other in &x.over {
                if !declared.contains(&other.node.as_str()) {
                    let hint = "`over` names another exception of this rulebook";
                    self.error(UnknownNameError::new(
                        &other.span,
                        "exception",
                        &declared,
                        hint,
                    ));
                    continue;
                }
                let (Some(me), Some(i)) = (me, names.iter().position(|n| *n == other.node)) else {
                    continue; // one of the two did not check: reported there
                };
                if i == me {
                    let problem = SelfReference::OverItself {
                        exception: other.node.clone(),
                    };
                    self.error(problem.at(&other.span, "here"));
                } else if exceptions[i].over.contains(&me) {
                    let problem = SelfReference::OverEachOther {
                        first: x.name.node.to_string(),
                        second: other.node.clone(),
                    };
                    let help = "keep `over` on the one that prevails";
                    self.error(problem.at(&other.span, "here").help(help));
                } else {
                    exceptions[me].over.push(i);
                }
            }
        }
    }

    /// A cycle of `over` longer than two (`a over b`, `b over c`, `c over
    /// a`) would rank nothing either: reported once, at its first member.
    fn rank_cycles(&mut self, exceptions: &[Exception]) {
        let mut state = vec![0u8; exceptions.len()]; // 0 new, 1 on the path, 2 done
        for start in 0..exceptions.len() {
            let mut path = Vec::new();
            if let Some(cycle) = find_cycle(exceptions, start, &mut state, &mut path) {
                let problem = SelfReference::Circle {
                    exceptions: cycle
                        .iter()
                        .map(|&i| exceptions[i].name.to_string())
                        .collect(),
                };
                let help = "an exception ranked over another cannot also be below it, however indirectly: remove one `over`";
                let at = &exceptions[cycle[0]].span;
                self.error(problem.at(at, "in this circle").help(help));
                return;
            }
        }
    }

    /// Exceptions of opposite effect on one article with no rank between
    /// them: if both apply, the verdict cannot be decided. One warning per
    /// upholding exception and article, naming at most
    /// [`UNRANKED_NAMED`] of its counterparts: a hostile rulebook with
    /// n exceptions would otherwise raise n² warnings.
    fn unranked_conflicts(&mut self, exceptions: &[Exception], articles: &[Article]) {
        for (u, upholds) in exceptions.iter().enumerate() {
            if upholds.effect.relieves() {
                continue;
            }
            for &article in &upholds.overrides {
                let excuses: Vec<&str> = exceptions
                    .iter()
                    .enumerate()
                    .filter(|&(e, excuse)| {
                        excuse.effect.relieves()
                            && excuse.overrides.contains(&article)
                            && !excuse.over.contains(&u)
                            && !upholds.over.contains(&e)
                    })
                    .map(|(_, excuse)| &*excuse.name)
                    .collect();
                if !excuses.is_empty() {
                    let number = &articles[article].number;
                    self.warnings
                        .push(unranked_warning(upholds, &excuses, number));
                }
            }
        }
    }

    /// Article numbers, as exceptions and suspensions name them, resolved
    /// to indices. A number the rulebook declares but whose article did not
    /// check is already reported there, so it is not reported again as
    /// unknown. `None` unless every number resolves.
    pub(super) fn article_indices(
        &mut self,
        ast: &ast::Rulebook,
        refs: &[Spanned<String>],
        articles: &[Article],
    ) -> Option<Vec<usize>> {
        let numbers: Vec<&str> = articles.iter().map(|a| &*a.number).collect();
        let declared = |n: &str| {
            ast.declarations
                .iter()
                .any(|d| matches!(d, Declaration::Article(a) if *a.number.node == *n))
        };
        let mut indices = Vec::new();
        for n in refs {
            match numbers.iter().position(|a| *a == n.node) {
                Some(i) => indices.push(i),
                None if declared(&n.node) => {}
                None => {
                    let hint = format!("the rulebook has articles {}", numbers.join(", "));
                    self.error(UnknownNameError::new(&n.span, "article", &numbers, &hint));
                }
            }
        }
        (indices.len() == refs.len()).then_some(indices)
    }

    /// Unused declarations, reported only for a rulebook without errors: an
    /// error may have stopped a use from being seen.
    pub(super) fn unused_warnings(&mut self) {
        if !self.errors.is_empty() {
            return;
        }
        let unused: Vec<_> = self
            .symbols
            .unused()
            .into_iter()
            .map(|(k, s)| (k, s.clone()))
            .collect();
        for (kind, span) in unused {
            let warning = Warning::Unused {
                kind: kind.word(),
                name: span.text().to_owned(),
            };
            let help = "an unused declaration may mean an article forgot to mention it";
            self.warnings
                .push(warning.at(&span, "never used").help(help));
        }
    }
}

/// A cycle of `over` reachable from `i`, as the exceptions on it.
fn find_cycle(
    exceptions: &[Exception],
    i: usize,
    state: &mut [u8],
    path: &mut Vec<usize>,
) -> Option<Vec<usize>> {
    match state[i] {
        2 => return None,
        1 => {
            let from = path.iter().position(|&p| p == i).unwrap_or(0);
            return Some(path[from..].to_vec());
        }
        _ => {}
    }
    state[i] = 1;
    path.push(i);
    for &j in &exceptions[i].over {
        if let Some(cycle) = find_cycle(exceptions, j, state, path) {
            return Some(cycle);
        }
    }
    path.pop();
    state[i] = 2;
    None
}

pub(super) fn declarations<T>(
    ast: &ast::Rulebook,
    mut f: impl FnMut(&Declaration) -> Option<T>,
) -> Vec<T> {
    ast.declarations.iter().filter_map(&mut f).collect()
}

/// Stands in for a weapon class whose condition failed to check, so class
/// indices stay aligned; the rulebook is rejected anyway.
fn placeholder(e: &ast::SExpr) -> super::cond::Cond {
    super::cond::Cond {
        kind: super::cond::CondKind::Const(false),
        text: e.span.text().into(),
        span: e.span.clone(),
    }
}

/// How many of an exception's unranked counterparts a warning names.
const UNRANKED_NAMED: usize = 8;

fn unranked_warning(upholds: &Exception, excuses: &[&str], article: &str) -> CheckWarning {
    let (warning, help) = match excuses {
        [excuse] => (
            Warning::Unranked {
                upholds: upholds.name.to_string(),
                excuse: (*excuse).to_owned(),
                article: article.to_owned(),
            },
            format!(
                "if both apply to one act its verdict is inconclusive; write `over {excuse}` on the one that prevails"
            ),
        ),
        _ => {
            let named = excuses
                .iter()
                .take(UNRANKED_NAMED)
                .map(|n| (*n).to_owned())
                .collect();
            (
                Warning::UnrankedMany {
                    upholds: upholds.name.to_string(),
                    article: article.to_owned(),
                    count: excuses.len(),
                    named,
                },
                "if an upholding and an excusing exception both apply to one act its verdict is inconclusive; write `over` on the one that prevails".to_string(),
            )
        }
    };
    warning.at(&upholds.span, "opposite effect").help(help)
}
