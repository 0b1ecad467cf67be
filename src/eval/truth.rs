//! Three-valued truth: a fact that is missing or too uncertain to decide a
//! test makes it unknown, and unknown spreads as Kleene logic says.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl From<bool> for Truth {
    fn from(b: bool) -> Self {
        if b { Truth::True } else { Truth::False }
    }
}

impl Truth {
    pub fn negated(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }

    /// Kleene conjunction: false wins, then unknown.
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
            _ => Truth::True,
        }
    }

    /// Kleene disjunction: true wins, then unknown.
    pub fn or(self, other: Truth) -> Truth {
        self.negated().and(other.negated()).negated()
    }
}

#[cfg(test)]
mod tests {
    use super::Truth;

    #[test]
    fn not_keeps_unknown() {
        assert_eq!(Truth::Unknown.negated(), Truth::Unknown);
        assert_eq!(Truth::True.negated(), Truth::False);
    }

    #[test]
    fn kleene_and_or() {
        use Truth::*;
        assert_eq!(Unknown.and(False), False);
        assert_eq!(Unknown.and(True), Unknown);
        assert_eq!(Unknown.or(True), True);
        assert_eq!(Unknown.or(False), Unknown);
        assert_eq!(True.and(True), True);
        assert_eq!(False.or(False), False);
    }
}
