//! What the SVG figures (the map and the event graph) share: how each
//! outcome is drawn, numbers written the same way on every machine, and
//! the outcome of each event gathered from its verdicts.

use std::collections::HashMap;

use crate::eval::{Outcome, Verdict};
use crate::events::Event;
use crate::name::Name;

/// The outcome of each event, by its index in `events`: the gravest of its
/// verdicts (several instruments may each judge it); `None` when no
/// verdict names it.
pub fn outcomes(events: &[Event], verdicts: &[Verdict]) -> Vec<Option<Outcome>> {
    let mut gathered = Outcomes::default();
    gathered.add(verdicts);
    gathered.of(events)
}

/// The gravest outcome of each event judged so far, gathered a batch of
/// verdicts at a time (so the verdicts themselves need not be kept).
#[derive(Debug, Default)]
pub struct Outcomes(HashMap<Name, Outcome>);

impl Outcomes {
    pub fn add(&mut self, verdicts: &[Verdict]) {
        for v in verdicts {
            let o = self.0.entry(v.event.clone()).or_insert(v.outcome);
            *o = (*o).max(v.outcome);
        }
    }

    /// By index in `events`.
    pub fn of(&self, events: &[Event]) -> Vec<Option<Outcome>> {
        events.iter().map(|e| self.0.get(&e.id).copied()).collect()
    }
}

/// How an outcome is drawn: a colour (the HTML report's), a marker shape
/// and a word, so colour is never the only cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub colour: &'static str,
    pub shape: Shape,
    pub word: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Triangle,
    Diamond,
    Circle,
    Square,
    /// Not judged: an open ring.
    Ring,
}

/// Every outcome's style, in the order legends list them, then the style
/// of an event no verdict names.
pub const LEGEND: [Option<Outcome>; 5] = [
    Some(Outcome::Violation),
    Some(Outcome::Justified),
    Some(Outcome::Inconclusive),
    Some(Outcome::NoViolation),
    None,
];

pub fn style(outcome: Option<Outcome>) -> Style {
    // The HTML report's colours (html/style.css), so a marker and its
    // verdict's badge agree.
    let (colour, shape) = match outcome {
        Some(Outcome::Violation) => ("#b71c1c", Shape::Triangle),
        Some(Outcome::Justified) => ("#0d47a1", Shape::Diamond),
        Some(Outcome::Inconclusive) => ("#8a5a00", Shape::Square),
        Some(Outcome::NoViolation) => ("#1b5e20", Shape::Circle),
        None => ("#444444", Shape::Ring),
    };
    let word = outcome.map_or("not judged", super::words::outcome);
    Style {
        colour,
        shape,
        word,
    }
}

/// A marker of `shape` centred on `(x, y)`, about `r` across its half.
pub fn marker(shape: Shape, x: f64, y: f64, r: f64, colour: &str) -> String {
    let stroke = "stroke=\"#000\" stroke-width=\"0.8\"";
    match shape {
        Shape::Triangle => format!(
            "<path d=\"M{} {}L{} {}L{} {}Z\" fill=\"{colour}\" {stroke}/>",
            n(x),
            n(y - r * 1.15),
            n(x + r * 1.1),
            n(y + r * 0.75),
            n(x - r * 1.1),
            n(y + r * 0.75)
        ),
        Shape::Diamond => format!(
            "<path d=\"M{} {}L{} {}L{} {}L{} {}Z\" fill=\"{colour}\" {stroke}/>",
            n(x),
            n(y - r * 1.2),
            n(x + r),
            n(y),
            n(x),
            n(y + r * 1.2),
            n(x - r),
            n(y)
        ),
        Shape::Circle => format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{colour}\" {stroke}/>",
            n(x),
            n(y),
            n(r)
        ),
        Shape::Square => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\" {stroke}/>",
            n(x - r * 0.85),
            n(y - r * 0.85),
            n(r * 1.7),
            n(r * 1.7)
        ),
        Shape::Ring => format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            n(x),
            n(y),
            n(r * 0.85)
        ),
    }
}

/// A coordinate in the figure: one decimal, no `-0.0`, so the same inputs
/// give the same bytes.
pub fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 || !r.is_finite() {
        return "0".to_owned();
    }
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// The opening of a standalone SVG document `width` × `height` pixels,
/// with the stylesheet the figures share.
pub fn open(width: f64, height: f64, label: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{label}\" font-family=\"sans-serif\" font-size=\"12\">\n<style>a.event-marker:hover,a.event-node:hover{{opacity:.7}}</style>\n",
        w = n(width),
        h = n(height),
        label = super::markup::escape(label)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_one_decimal_and_no_negative_zero() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.25), "1.3");
        assert_eq!(n(-0.01), "0");
        assert_eq!(n(-3.04), "-3");
        assert_eq!(n(f64::NAN), "0");
    }

    #[test]
    fn every_outcome_has_its_own_shape_and_colour() {
        let styles: Vec<Style> = LEGEND.iter().map(|o| style(*o)).collect();
        for (i, a) in styles.iter().enumerate() {
            for b in &styles[i + 1..] {
                assert_ne!(a.shape, b.shape);
                assert_ne!(a.colour, b.colour);
            }
        }
    }
}
