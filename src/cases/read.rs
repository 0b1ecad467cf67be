//! How a manifest's values are read: one value or a list of them, and
//! article labels as text. Errors inside either reach the reader whole,
//! rather than as serde's "data did not match any variant".

use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer, StrDeserializer};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::OneOrMany;

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrManyVisitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value or a list of values")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                T::deserialize(StrDeserializer::new(v)).map(OneOrMany::One)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(OneOrMany::One)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::<T>::deserialize(SeqAccessDeserializer::new(seq)).map(OneOrMany::Many)
            }
        }
        d.deserialize_any(OneOrManyVisitor(std::marker::PhantomData))
    }
}

/// An article label, as the rulebook writes it. YAML reads `1.10`
/// unquoted as the number 1.1, so a number is refused, not turned back
/// into a label it may not have been.
pub struct Label(pub String);

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct LabelVisitor;
        impl LabelVisitor {
            fn number<E: de::Error>(n: impl fmt::Display) -> E {
                E::custom(format!(
                    "article label `{n}` is read as a number: write it in quotes, \"{n}\", as the rulebook writes it (unquoted, `2.10` would be read as 2.1)"
                ))
            }
        }
        impl Visitor<'_> for LabelVisitor {
            type Value = Label;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an article label such as \"6\", \"13(a)\" or \"III.2\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Label, E> {
                Ok(Label(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Label, E> {
                Err(Self::number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Label, E> {
                Err(Self::number(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Label, E> {
                Err(Self::number(v))
            }
        }
        d.deserialize_any(LabelVisitor)
    }
}

/// `articles: ["6", III.2, "2(a)(i)"]`
pub fn labels<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    let labels = Vec::<Label>::deserialize(d)?;
    Ok(Some(labels.into_iter().map(|l| l.0).collect()))
}

#[cfg(test)]
mod tests {
    use super::super::Manifest;

    fn read(expect: &str) -> Result<Manifest, String> {
        let text = format!("rules: r.truce\nevents: e.yaml\nexpect:\n{expect}");
        serde_yaml::from_str(&text).map_err(|e| e.to_string())
    }

    #[test]
    fn labels_are_read_as_written_and_numbers_are_refused() {
        let m = read("  E-1: {outcome: violation, articles: [III.2, \"1.10\", 2(a)(i), (b)]}\n")
            .unwrap();
        let want = ["III.2", "1.10", "2(a)(i)", "(b)"]
            .map(String::from)
            .to_vec();
        assert_eq!(m.expect["E-1"].items()[0].articles, Some(want));
        // Unquoted, 1.10 would be the number 1.1: refused, located.
        assert!(read("  E-1: {outcome: violation, articles: [1.10]}\n").is_err());
        assert!(read("  E-1: {outcome: violation, articles: [6]}\n").is_err());
        // Several expectations for one event still read as a list.
        let m = read(
            "  E-1:\n    - {outcome: violation}\n    - {outcome: no_violation, doctrine: {d: x}}\n",
        )
        .unwrap();
        assert_eq!(m.expect["E-1"].items().len(), 2);
    }
}
