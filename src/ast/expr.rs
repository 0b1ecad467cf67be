//! Conditions, as written.

use crate::span::Spanned;

use super::{DateTimeLit, Ident};

pub type SExpr = Spanned<Expr>;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Bool(bool),
    Number(f64),
    Quantity(Quantity),
    Text(String),
    DateTime(DateTimeLit),
    List(Vec<SExpr>),
    Path(Path),
    Not(Box<SExpr>),
    Binary {
        op: Spanned<BinOp>,
        lhs: Box<SExpr>,
        rhs: Box<SExpr>,
    },
    /// `some responds_to as attack where ...`
    Some {
        relation: Ident,
        binding: Ident,
        condition: Option<Box<SExpr>>,
    },
}

/// A dotted name: `actor.party`.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub segments: Vec<Ident>,
}

impl Path {
    /// The path as written, `actor.party`.
    pub fn dotted(&self) -> String {
        let names: Vec<&str> = self.segments.iter().map(|s| s.node.as_str()).collect();
        names.join(".")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    And,
    Or,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Is,
    In,
    Crosses,
}

impl BinOp {
    /// The operator as the rule language writes it.
    pub fn word(self) -> &'static str {
        match self {
            BinOp::And => "and",
            BinOp::Or => "or",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Is => "is",
            BinOp::In => "in",
            BinOp::Crosses => "crosses",
        }
    }
}

/// A number with its unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub value: f64,
    pub unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Metre,
    Kilometre,
    Millimetre,
    Minute,
    Hour,
    Day,
}

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Length,
    Duration,
}

impl Unit {
    pub fn parse(text: &str) -> Option<Unit> {
        Some(match text {
            "m" => Unit::Metre,
            "km" => Unit::Kilometre,
            "mm" => Unit::Millimetre,
            "min" => Unit::Minute,
            "h" => Unit::Hour,
            "d" => Unit::Day,
            _ => return None,
        })
    }

    pub fn dimension(self) -> Dimension {
        match self {
            Unit::Metre | Unit::Kilometre | Unit::Millimetre => Dimension::Length,
            Unit::Minute | Unit::Hour | Unit::Day => Dimension::Duration,
        }
    }

    /// How many base units (metres or seconds) one of this unit is.
    pub fn scale(self) -> f64 {
        match self {
            Unit::Metre => 1.0,
            Unit::Kilometre => 1000.0,
            Unit::Millimetre => 0.001,
            Unit::Minute => 60.0,
            Unit::Hour => 3600.0,
            Unit::Day => 86_400.0,
        }
    }
}

impl Quantity {
    /// The value in metres or seconds.
    pub fn base(self) -> f64 {
        self.value * self.unit.scale()
    }
}

impl Dimension {
    pub fn word(self) -> &'static str {
        match self {
            Dimension::Length => "a length",
            Dimension::Duration => "a duration",
        }
    }
}
