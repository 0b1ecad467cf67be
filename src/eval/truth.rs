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

    /// What several readings of one test agree on: true if all are true,
    /// false if all are false, unknown otherwise (an uncertain position read
    /// as several discs).
    pub fn agreed(truths: impl IntoIterator<Item = Truth>) -> Truth {
        let mut truths = truths.into_iter();
        let Some(first) = truths.next() else {
            return Truth::Unknown;
        };
        if first != Truth::Unknown && truths.all(|t| t == first) {
            first
        } else {
            Truth::Unknown
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
    fn readings_agree_only_when_all_do() {
        use Truth::*;
        assert_eq!(Truth::agreed([True, True]), True);
        assert_eq!(Truth::agreed([False, False, False]), False);
        assert_eq!(Truth::agreed([True, False]), Unknown);
        assert_eq!(Truth::agreed([Unknown, Unknown]), Unknown);
        assert_eq!(Truth::agreed([]), Unknown);
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
