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
}

#[cfg(test)]
mod tests {
    use super::Truth;

    #[test]
    fn not_keeps_unknown() {
        assert_eq!(Truth::Unknown.negated(), Truth::Unknown);
        assert_eq!(Truth::True.negated(), Truth::False);
    }
}
