//! A fact's value as the record gave it, kept as data: a time, a position
//! or a measure is written out only when a renderer shows it, so judging a
//! million events formats none of them, and a summary never does.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::events::{Position, Time};
use crate::name::Name;

/// The value of a fact.
#[derive(Debug, Clone)]
pub enum Shown {
    /// A name or a value already written: an act, a party, a category.
    Name(Name),
    /// An event's time, as the observer wrote it.
    Time(Time),
    /// A position. `instead` is set when the place was asked for and the
    /// origin read in its stead, because no place was recorded.
    Position { at: Position, instead: bool },
    /// A calibre in millimetres, as recorded.
    Millimetres(f64),
    /// A count or a measure as recorded (killed, wounded, rounds).
    Number(f64),
}

impl Shown {
    /// A position as recorded.
    pub fn place(at: &Position) -> Shown {
        Shown::Position {
            at: at.clone(),
            instead: false,
        }
    }

    /// The value as a report writes it.
    pub fn written(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Shown::Name(n) => std::borrow::Cow::Borrowed(n),
            other => std::borrow::Cow::Owned(other.to_string()),
        }
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Name(n) => f.write_str(n),
            Shown::Time(t) => f.write_str(&super::time::written(t)),
            Shown::Position { at, instead } => {
                f.write_str(&super::spatial::discs::describe(at))?;
                if *instead {
                    f.write_str(" (its origin; no place recorded)")?;
                }
                Ok(())
            }
            Shown::Millimetres(mm) => write!(f, "{mm} mm"),
            Shown::Number(n) => write!(f, "{n}"),
        }
    }
}

/// Written as the string a reader sees, straight into the output.
impl Serialize for Shown {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Shown::Name(n) => s.serialize_str(n),
            other => s.collect_str(other),
        }
    }
}

impl PartialEq for Shown {
    /// Values are the same when they read the same: a diff compares what
    /// two verdicts show.
    fn eq(&self, other: &Self) -> bool {
        self.written() == other.written()
    }
}

impl From<Name> for Shown {
    fn from(n: Name) -> Self {
        Shown::Name(n)
    }
}

impl From<String> for Shown {
    fn from(s: String) -> Self {
        Shown::Name(s.into())
    }
}

impl From<&str> for Shown {
    fn from(s: &str) -> Self {
        Shown::Name(s.into())
    }
}

impl From<Time> for Shown {
    fn from(t: Time) -> Self {
        Shown::Time(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Point;

    #[test]
    fn a_value_kept_as_data_is_written_as_it_was_before() {
        let p = Position::Fix(Point {
            lat: 48.32991,
            lon: -36.74059,
            accuracy: 0.0,
        });
        let described = super::super::spatial::discs::describe(&p);
        let place = Shown::Position {
            at: p.clone(),
            instead: false,
        };
        assert_eq!(place.to_string(), described);
        assert_eq!(described, "48.3299 N, 36.7406 W");
        let origin = Shown::Position {
            at: p,
            instead: true,
        };
        assert!(origin.to_string().starts_with(&described));
        assert!(origin.to_string().len() > described.len());
        assert_eq!(Shown::Millimetres(152.0).to_string(), "152 mm");
        assert_eq!(Shown::Millimetres(14.5).to_string(), "14.5 mm");
        assert_eq!(Shown::Number(3.0).to_string(), "3");
        assert_eq!(
            serde_json::to_string(&Shown::from("fire")).unwrap(),
            "\"fire\""
        );
        assert_eq!(
            serde_json::to_string(&Shown::Millimetres(152.0)).unwrap(),
            "\"152 mm\""
        );
    }
}
