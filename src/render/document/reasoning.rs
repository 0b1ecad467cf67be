//! A finding and its reasoning, worded: the tree of tests, the evidence
//! weighed, the exceptions tried.

use crate::eval::{self, Outcome, Reason, Step, Truth};
use crate::render::words;

/// One test, worded, with the tests it is made of.
#[derive(Debug)]
pub struct Node {
    pub truth: Truth,
    /// The condition as the rulebook writes it, and why related events
    /// were not tried, if so.
    pub test: String,
    /// The facts it read: a line each.
    pub facts: Vec<String>,
    /// Why it is unknown, how findings bore on it, holdings counted.
    pub notes: Vec<String>,
    pub children: Vec<Node>,
}

impl Node {
    pub fn of(s: &Step) -> Node {
        let test = match words::untried(s) {
            Some(why) => format!("{}: {why}", s.condition),
            None => s.condition.to_string(),
        };
        let mut notes = Vec::new();
        if let Some(why) = &s.doubt {
            notes.push(format!("unknown: {}", words::doubt(why)));
        }
        if let Some(b) = &s.basis {
            notes.extend(words::basis(b, &s.condition));
        }
        if let Some(h) = &s.holdings {
            notes.extend(words::holdings(h));
        }
        Node {
            truth: s.result,
            test,
            facts: s.facts.iter().map(words::fact).collect(),
            notes,
            children: s.steps.iter().map(Node::of).collect(),
        }
    }

    /// Every fact line of the tree, each once, in the order first read.
    pub fn all_facts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        self.walk(&mut |n| {
            for f in &n.facts {
                if !out.contains(&f.as_str()) {
                    out.push(f);
                }
            }
        });
        out
    }

    fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Node)) {
        f(self);
        for c in &self.children {
            c.walk(f);
        }
    }
}

/// What one article says of the event, worded.
#[derive(Debug)]
pub struct Finding {
    pub article: String,
    pub text: String,
    pub outcome: Outcome,
    pub party: Option<String>,
    pub severity: Option<&'static str>,
    pub reason: String,
    /// The finding's reasoning is the point even without a violation: a
    /// breach carved out, a duty met with diligence, an act not the
    /// party's own. Renderers show these open.
    pub telling: bool,
    /// Notes: who answers, the continuing state.
    pub notes: Vec<String>,
    pub condition: Node,
    pub proofs: Vec<ProofPart>,
    pub exceptions: Vec<Exception>,
    pub diligence: Option<Diligence>,
}

/// A duty to prevent judged by a standard of conduct: whether the party
/// failed in it, that worded, and each element by name with its test.
#[derive(Debug)]
pub struct Diligence {
    pub breached: Truth,
    pub line: String,
    pub elements: Vec<(String, Node)>,
}

impl Finding {
    pub fn of(f: &eval::Finding) -> Finding {
        let telling = matches!(
            f.reason,
            Reason::CarvedOut { .. } | Reason::Diligent { .. } | Reason::NotImputable { .. }
        );
        let perpetrator = f.responsibility.as_ref().map(|r| &r.perpetrator);
        let mut notes: Vec<String> = f
            .responsibility
            .as_ref()
            .and_then(words::responsibility)
            .into_iter()
            .collect();
        if let Some(state) = &f.state {
            notes.push(format!("state: {}", words::state(state)));
        }
        let mut proofs: Vec<ProofPart> = f.proof.iter().map(|p| ProofPart::of(p, false)).collect();
        if let Some(a) = &f.attribution {
            // Most evidence bears on both: list it once.
            let same = f.proof.as_ref().is_some_and(|p| p.evidence == a.evidence);
            proofs.push(ProofPart::of(a, same));
        }
        let diligence = f.diligence.as_ref().map(|d| {
            let mut text = words::diligence(d);
            if let Some(t) = &d.text {
                text.push_str(&format!(": \"{t}\""));
            }
            let elements = d
                .elements
                .iter()
                .map(|e| (e.element.name().to_owned(), Node::of(&e.step)))
                .collect();
            Diligence {
                breached: d.breached,
                line: text,
                elements,
            }
        });
        Finding {
            article: f.article.to_string(),
            text: f.text.to_string(),
            outcome: f.outcome,
            party: words::party(f.party.as_deref(), perpetrator, f.outcome),
            severity: f.severity,
            reason: words::reason(&f.reason),
            telling,
            notes,
            condition: Node::of(&f.condition),
            proofs,
            exceptions: f.exceptions.iter().map(Exception::of).collect(),
            diligence,
        }
    }

    /// Whether a reader needs its reasoning open: anything but a plain
    /// "no violation".
    pub fn decisive(&self) -> bool {
        self.outcome != Outcome::NoViolation || self.telling
    }
}

/// Evidence weighed against a standard of proof.
#[derive(Debug)]
pub struct ProofPart {
    pub met: bool,
    /// `occurrence: clear and convincing met: ...`
    pub line: String,
    /// Its evidence, a line each: the event it was recorded with, then
    /// what it is. Empty when the same as the proof before.
    pub evidence: Vec<(String, String)>,
    /// Competing accounts: the event, who it names and its summary, then
    /// its evidence.
    pub accounts: Vec<(String, Vec<String>)>,
}

impl ProofPart {
    /// A proof; `listed` when its evidence was just shown.
    fn of(p: &eval::Proof, listed: bool) -> ProofPart {
        let same = if listed { " (the same evidence)" } else { "" };
        let evidence = p
            .evidence
            .iter()
            .filter(|_| !listed)
            .map(|e| (e.event.to_string(), words::evidence(e)))
            .collect();
        let accounts = p
            .contradicted_by
            .iter()
            .filter(|_| !listed)
            .map(|a| {
                let actor = a
                    .actor
                    .as_deref()
                    .map_or("no actor named".into(), |p| format!("actor {p}"));
                let summary = a
                    .summary
                    .as_deref()
                    .map_or(String::new(), |s| format!(": \"{s}\""));
                let head = format!("competing account {} ({actor}){summary}", a.event);
                let lines = a
                    .evidence
                    .iter()
                    .map(|e| {
                        let kind = words::evidence_kind(e.kind);
                        format!("{} {kind} ({})", e.grade, e.source)
                    })
                    .collect();
                (head, lines)
            })
            .collect();
        ProofPart {
            met: p.met,
            line: format!(
                "{}: {}{same}",
                words::aspect(p.aspect),
                words::weighing(&p.why)
            ),
            evidence,
            accounts,
        }
    }
}

/// An exception tried against the article.
#[derive(Debug)]
pub struct Exception {
    pub name: String,
    pub mark: &'static str,
    /// `applies`, `does not apply`, ...; `(upholds the breach)` added for
    /// an exception that upholds it.
    pub status: String,
    pub text: Option<String>,
    pub condition: Option<Node>,
}

impl Exception {
    fn of(x: &eval::ExceptionTrial) -> Exception {
        let (mark, verb) = match &x.condition {
            Some(_) => words::exception_status(x.status),
            None => words::exception_status(eval::ExceptionStatus::NotConsidered),
        };
        let upholds = if x.effect == crate::check::Effect::Upholds {
            " (upholds the breach)"
        } else {
            ""
        };
        Exception {
            name: x.exception.to_string(),
            mark,
            status: format!("{verb}{upholds}"),
            text: x.text.as_ref().map(|t| t.to_string()),
            condition: x.condition.as_ref().map(Node::of),
        }
    }
}
