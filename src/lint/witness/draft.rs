//! A candidate event, field by field, and the YAML the event reader
//! accepts for it (docs/events.md). Written by hand, field by field, so
//! the same draft always gives the same bytes.

use std::fmt::Write;

use jiff::Timestamp;

use crate::check::{ActIdx, Capacity, PartyIdx, Rulebook};

/// The id of a witness's one event.
pub const EVENT_ID: &str = "W-1";

/// A weapon as an event records it.
#[derive(Debug, Clone, PartialEq)]
pub struct Arm {
    pub kind: String,
    pub calibre_mm: Option<f64>,
    pub rounds: Option<u32>,
    pub count: u32,
}

/// A fact the rulebook declares: a category's value or a quantity.
#[derive(Debug, Clone, PartialEq)]
pub enum FactDraft {
    Word(String),
    Number(f64),
}

/// A point, `(lon, lat)` as the rule language writes it.
pub type Spot = (f64, f64);

/// One candidate event. `None` leaves a field out (unknown to truce).
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub act: ActIdx,
    pub party: Option<PartyIdx>,
    pub capacity: Option<Capacity>,
    pub affected: Option<PartyIdx>,
    /// `Some(vec![])`: the record says there were no weapons.
    pub weapons: Option<Vec<Arm>>,
    /// By name, in the rulebook's order.
    pub facts: Vec<(String, FactDraft)>,
    pub place: Option<Spot>,
    pub origin: Option<Spot>,
    pub target: Option<Spot>,
    pub track: Option<Vec<Spot>>,
    pub time: Timestamp,
    pub killed: Option<u32>,
    pub wounded: Option<u32>,
    /// How many independent sources graded A1 the evidence gives.
    pub sources: usize,
}

impl Draft {
    /// The events file holding this one event.
    pub fn yaml(&self, rulebook: &Rulebook) -> String {
        let mut s = String::new();
        let act = &rulebook.acts[usize::from(self.act)].name;
        let _ = writeln!(s, "- id: {EVENT_ID}");
        let _ = writeln!(s, "  time: {}", self.time);
        let _ = writeln!(s, "  act: {}", quoted(act));
        self.actor(rulebook, &mut s);
        if let Some(p) = self.affected {
            let id = &rulebook.parties[usize::from(p)].id;
            let _ = writeln!(s, "  affected: {}", quoted(id));
        }
        self.arms(&mut s);
        if !self.facts.is_empty() {
            let each: Vec<String> = self
                .facts
                .iter()
                .map(|(name, v)| format!("{}: {}", quoted(name), fact(v)))
                .collect();
            let _ = writeln!(s, "  facts: {{{}}}", each.join(", "));
        }
        for (field, spot) in [
            ("place", self.place),
            ("origin", self.origin),
            ("target", self.target),
        ] {
            if let Some(p) = spot {
                let _ = writeln!(s, "  {field}: {}", point(p));
            }
        }
        if let Some(track) = &self.track {
            let each: Vec<String> = track.iter().map(|p| point(*p)).collect();
            let _ = writeln!(s, "  track: [{}]", each.join(", "));
        }
        if self.killed.is_some() || self.wounded.is_some() {
            let mut parts = Vec::new();
            if let Some(k) = self.killed {
                parts.push(format!("killed: {k}"));
            }
            if let Some(w) = self.wounded {
                parts.push(format!("wounded: {w}"));
            }
            let _ = writeln!(s, "  effects: {{{}}}", parts.join(", "));
        }
        self.evidence(&mut s);
        s
    }

    fn actor(&self, rulebook: &Rulebook, s: &mut String) {
        let Some(p) = self.party else {
            let _ = writeln!(s, "  actor: {{party: unknown}}");
            return;
        };
        let id = quoted(&rulebook.parties[usize::from(p)].id);
        match self.capacity {
            Some(c) => {
                let _ = writeln!(s, "  actor: {{party: {id}, capacity: {}}}", c.name());
            }
            None => {
                let _ = writeln!(s, "  actor: {{party: {id}}}");
            }
        }
    }

    fn arms(&self, s: &mut String) {
        let Some(arms) = &self.weapons else { return };
        if arms.is_empty() {
            let _ = writeln!(s, "  weapons: []");
            return;
        }
        let _ = writeln!(s, "  weapons:");
        for a in arms {
            let mut parts = vec![format!("type: {}", quoted(&a.kind))];
            if let Some(c) = a.calibre_mm {
                parts.push(format!("calibre_mm: {}", number(c)));
            }
            if let Some(r) = a.rounds {
                parts.push(format!("rounds: {r}"));
            }
            if a.count != 1 {
                parts.push(format!("count: {}", a.count));
            }
            let _ = writeln!(s, "    - {{{}}}", parts.join(", "));
        }
    }

    fn evidence(&self, s: &mut String) {
        if self.sources == 0 {
            return;
        }
        let _ = writeln!(s, "  evidence:");
        for i in 1..=self.sources {
            let _ = writeln!(
                s,
                "    - {{source: \"witness observer {i}\", kind: observation, grade: A1}}"
            );
        }
    }
}

/// A name as YAML reads it back: plain when it is a word YAML reads as
/// text (`UA`, `13a`, `W-1`), else double-quoted (JSON's rules).
pub fn quoted(text: &str) -> String {
    const SPECIAL: [&str; 12] = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf", "infinity",
    ];
    let word = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !SPECIAL.contains(&text.to_ascii_lowercase().as_str());
    if word {
        return text.to_owned();
    }
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

fn fact(v: &FactDraft) -> String {
    match v {
        FactDraft::Word(w) => quoted(w),
        FactDraft::Number(n) => number(*n),
    }
}

fn point((lon, lat): Spot) -> String {
    format!("{{lat: {}, lon: {}}}", coordinate(lat), coordinate(lon))
}

/// A coordinate to a tenth of a metre or so: enough to keep a point on the
/// side of an edge it was chosen on, short enough to read.
fn coordinate(x: f64) -> String {
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// A number without a needless fraction: `100`, `14.5`.
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}
