//! `why:` in an expectation: the verdict's reasoning as data, as the JSON
//! report writes it (`explanation.why`, a finding's `why`), matched by
//! its keys, never by its words.

use serde_json::Value;

use crate::eval::Verdict;

/// The kinds a `why:` may name: those of a verdict's summary
/// (`explanation.why`) and of a finding's reason (`why`).
pub const KINDS: &[&str] = &[
    // Summary
    "not_bound",
    "violates",
    "continues",
    "cannot_decide",
    "excused",
    "no_breach",
    // Reason (`not_bound`, `excused` and `cannot_decide` are above)
    "not_met",
    "not_applied",
    "not_imputable",
    "capacity_unknown",
    "controller_unknown",
    "not_in_force",
    "exceptions_conflict",
    "carved_out",
    "not_proven",
    "not_attributed",
    "breach",
    "exceptions_open",
    "diligent",
    "diligence_open",
];

/// Whether the verdict's summary, or one of its findings' reasons, holds
/// every key `want` gives, with the value it gives.
pub fn meets(want: &Value, v: &Verdict) -> bool {
    let summary = serde_json::to_value(&v.summary).ok();
    let reasons = v
        .articles
        .iter()
        .filter_map(|f| serde_json::to_value(&f.reason).ok());
    summary
        .into_iter()
        .chain(reasons)
        .any(|got| holds(want, &got))
}

/// `want` within `got`: a mapping's keys each hold; a list of mappings,
/// each of its mappings holds of some item of the list got (`failed:
/// [{exception: self_defence}]` names one of the exceptions that failed);
/// another list item by item, of the same length; any other value equal.
fn holds(want: &Value, got: &Value) -> bool {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w
            .iter()
            .all(|(k, wv)| g.get(k).is_some_and(|gv| holds(wv, gv))),
        (Value::Array(w), Value::Array(g)) if !w.is_empty() && w.iter().all(Value::is_object) => {
            w.iter().all(|a| g.iter().any(|b| holds(a, b)))
        }
        (Value::Array(w), Value::Array(g)) => {
            w.len() == g.len() && w.iter().zip(g).all(|(a, b)| holds(a, b))
        }
        _ => want == got,
    }
}

#[cfg(test)]
mod tests {
    use super::holds;
    use serde_json::json;

    #[test]
    fn a_why_holds_when_each_key_it_gives_holds() {
        let got = json!({"kind": "excused", "articles": ["2"], "by": {"exception": "x"}});
        assert!(holds(&json!({"kind": "excused"}), &got));
        assert!(holds(&json!({"kind": "excused", "by": {}}), &got));
        assert!(holds(&json!({"articles": ["2"]}), &got));
        assert!(!holds(&json!({"articles": ["2", "3"]}), &got));
        assert!(!holds(&json!({"kind": "violates"}), &got));
        assert!(!holds(&json!({"missing": 1}), &got));
        let failed = json!({"failed": [{"exception": "a", "test": "x"}, {"exception": "b"}]});
        assert!(holds(&json!({"failed": [{"exception": "b"}]}), &failed));
        assert!(!holds(&json!({"failed": [{"exception": "c"}]}), &failed));
    }
}
