//! Conditions, as written.

use crate::span::Spanned;

use super::{DateTimeLit, GeometrySource, Ident};

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
    /// `within scope of permit`
    InScope(Ident),
    /// `doctrine who_fired_first is irrelevant`
    Doctrine(super::decl::DoctrineTest),
    /// `(126.677, 37.956)`: a longitude and latitude.
    Coordinate((f64, f64)),
    /// `trajectory crosses mdl from KPA side`
    Crosses {
        subject: Box<SExpr>,
        line: Ident,
        from: Option<Spanned<SideRef>>,
    },
    /// `origin within 15 km of contact`, `time within 30 min after attack.time`
    Within {
        subject: Box<SExpr>,
        amount: Box<SExpr>,
        relation: Spanned<WithinRelation>,
        reference: Box<SExpr>,
    },
    /// `origin on UA side of contact`
    OnSide {
        subject: Box<SExpr>,
        side: Spanned<SideRef>,
        line: Ident,
    },
    /// `within 15 km of contact on UA side`: a zone, in a zone declaration.
    Buffer {
        distance: Spanned<Quantity>,
        reference: Box<SExpr>,
        side: Option<Spanned<SideRef>>,
    },
    /// `polygon from "file.geojson"`: a zone, in a zone declaration.
    Polygon(GeometrySource),
    /// `between line_a and line_b`: the ground between two lines.
    Between {
        first: Ident,
        second: Ident,
    },
    /// `inside ring`: the ground a closed line goes round.
    Inside(Ident),
    /// `target in area of other side`, `place in area of UA`
    InArea {
        subject: Box<SExpr>,
        owner: Spanned<AreaOwner>,
    },
    /// `track over dmz`, `track over area of other side`
    Over {
        subject: Box<SExpr>,
        region: Spanned<Region>,
    },
    /// `count of weapons of class heavy`, `rounds of attack.weapons`
    WeaponSum {
        sum: Sum,
        /// The related event whose weapons are summed; the judged event's
        /// when left out.
        event: Option<Ident>,
        class: Option<Ident>,
    },
    /// `holdings exceed limited_forces`, `holdings of SY exceed limited_forces`
    Holdings {
        /// Whose holdings; the actor's party when left out.
        party: Option<Ident>,
        ceiling: Ident,
    },
    /// `directed at other side`, `attack directed at actor.party`
    Directed {
        /// The event whose act it is; the judged event when left out.
        subject: Option<Box<SExpr>>,
        object: Spanned<DirectedObject>,
    },
}

/// Whose area `in area of` names.
#[derive(Debug, Clone, PartialEq)]
pub enum AreaOwner {
    /// The other side of the act's actor.
    OtherSide,
    /// A party by name, or the party of an event's actor.
    Party(Path),
}

/// What a path passes `over`: a zone, or a party's area.
#[derive(Debug, Clone, PartialEq)]
pub enum Region {
    Zone(Ident),
    Area(AreaOwner),
}

/// What a sum over an event's weapons adds up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sum {
    /// How many weapons: each weapon's `count`.
    Count,
    /// How many rounds they fired: each weapon's `rounds`.
    Rounds,
}

impl Sum {
    pub fn word(self) -> &'static str {
        match self {
            Sum::Count => "count",
            Sum::Rounds => "rounds",
        }
    }
}

/// What `directed at` names.
#[derive(Debug, Clone, PartialEq)]
pub enum DirectedObject {
    /// `other side`: a party other than the actor's.
    OtherSide,
    /// `own area`: the actor's own area, away from the other side.
    OwnArea,
    /// `intruder`: an intruder over or in the actor's own area.
    Intruder,
    /// A party by name, or read from an event (`actor.party`).
    Party(Path),
}

/// What `within` measures from: `of` a place or line, `after` or `before` a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WithinRelation {
    Of,
    After,
    Before,
}

/// A side of a line, as written after `on` or `from`.
#[derive(Debug, Clone, PartialEq)]
pub enum SideRef {
    /// `each`: both sides.
    Each,
    /// `own`: the side held by the actor's party.
    Own,
    Compass(Compass),
    /// A party that holds a side of the line.
    Party(String),
}

/// A compass point naming the side of a line that lies towards it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Compass {
    North,
    South,
    East,
    West,
}

impl Compass {
    pub fn parse(word: &str) -> Option<Compass> {
        Some(match word {
            "north" => Compass::North,
            "south" => Compass::South,
            "east" => Compass::East,
            "west" => Compass::West,
            _ => return None,
        })
    }

    pub fn word(self) -> &'static str {
        match self {
            Compass::North => "north",
            Compass::South => "south",
            Compass::East => "east",
            Compass::West => "west",
        }
    }

    /// The unit vector towards this point, as (east, north).
    pub fn vector(self) -> (f64, f64) {
        match self {
            Compass::North => (0.0, 1.0),
            Compass::South => (0.0, -1.0),
            Compass::East => (1.0, 0.0),
            Compass::West => (-1.0, 0.0),
        }
    }
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
    Before,
    After,
    Overlaps,
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
            BinOp::Before => "before",
            BinOp::After => "after",
            BinOp::Overlaps => "overlaps",
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
    /// The nautical mile of maritime agreements: 1,852 m exactly.
    NauticalMile,
    /// The foot of flight levels and ceilings: 0.3048 m exactly.
    Foot,
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
            "nmi" => Unit::NauticalMile,
            "ft" => Unit::Foot,
            "min" => Unit::Minute,
            "h" => Unit::Hour,
            "d" => Unit::Day,
            _ => return None,
        })
    }

    pub fn dimension(self) -> Dimension {
        match self {
            Unit::Metre | Unit::Kilometre | Unit::Millimetre | Unit::NauticalMile | Unit::Foot => {
                Dimension::Length
            }
            Unit::Minute | Unit::Hour | Unit::Day => Dimension::Duration,
        }
    }

    /// The unit as a rule file writes it: `km`.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Metre => "m",
            Unit::Kilometre => "km",
            Unit::Millimetre => "mm",
            Unit::NauticalMile => "nmi",
            Unit::Foot => "ft",
            Unit::Minute => "min",
            Unit::Hour => "h",
            Unit::Day => "d",
        }
    }

    /// The unit in words, plural: `kilometres`.
    pub fn word(self) -> &'static str {
        match self {
            Unit::Metre => "metres",
            Unit::Kilometre => "kilometres",
            Unit::Millimetre => "millimetres",
            Unit::NauticalMile => "nautical miles",
            Unit::Foot => "feet",
            Unit::Minute => "minutes",
            Unit::Hour => "hours",
            Unit::Day => "days",
        }
    }

    /// How many base units (metres or seconds) one of this unit is.
    pub fn scale(self) -> f64 {
        match self {
            Unit::Metre => 1.0,
            Unit::Kilometre => 1000.0,
            Unit::Millimetre => 0.001,
            Unit::NauticalMile => 1852.0,
            Unit::Foot => 0.3048,
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
