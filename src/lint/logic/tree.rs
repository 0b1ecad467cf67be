//! A condition as a tree of its parts, each with its formula's literal, so
//! the lint can ask about each part in its context.

use varisat::Lit;

use super::abstraction::Abstraction;
use super::formula::Formula;
use super::sat::Sat;
use crate::check::{Cond, CondKind};

/// A part of a condition.
pub struct Node<'c> {
    pub cond: &'c Cond,
    pub shape: Shape<'c>,
    /// Its literal in the solver, once encoded.
    pub lit: Option<Lit>,
}

pub enum Shape<'c> {
    Leaf(Formula),
    Not(Box<Node<'c>>),
    And(Box<Node<'c>>, Box<Node<'c>>),
    Or(Box<Node<'c>>, Box<Node<'c>>),
}

impl<'c> Node<'c> {
    pub fn build(abs: &mut Abstraction<'_>, cond: &'c Cond) -> Node<'c> {
        let node = |shape| Node {
            cond,
            shape,
            lit: None,
        };
        match &cond.kind {
            CondKind::Not(a) => node(Shape::Not(Box::new(Node::build(abs, a)))),
            CondKind::And(a, b) => node(Shape::And(
                Box::new(Node::build(abs, a)),
                Box::new(Node::build(abs, b)),
            )),
            CondKind::Or(a, b) => node(Shape::Or(
                Box::new(Node::build(abs, a)),
                Box::new(Node::build(abs, b)),
            )),
            _ => node(Shape::Leaf(abs.leaf(cond))),
        }
    }

    /// Encodes the tree, giving each node its literal; the root's.
    pub fn encode(&mut self, sat: &mut Sat<'_>) -> Lit {
        let lit = match &mut self.shape {
            Shape::Leaf(f) => sat.encode(f),
            Shape::Not(a) => !a.encode(sat),
            Shape::And(a, b) => {
                let (a, b) = (a.encode(sat), b.encode(sat));
                sat.and(&[a, b])
            }
            Shape::Or(a, b) => {
                let (a, b) = (a.encode(sat), b.encode(sat));
                sat.or(&[a, b])
            }
        };
        self.lit = Some(lit);
        lit
    }

    pub fn lit(&self) -> Lit {
        self.lit.expect("encoded before asked")
    }
}
