//! The weapons an event records: one (`weapon`) or several (`weapons`),
//! each with how many there were.

use super::model::Weapon;
use super::raw::RawWeapon;
use crate::name::Interner;

/// The most weapons one event may list: a report of a unit's holdings
/// lists kinds, not pieces, and a bound keeps hostile input small.
pub const MAX_WEAPONS: usize = 256;

/// The weapons of an event, from `weapon` or `weapons` (never both); on
/// failure, every problem found.
pub(super) fn weapons(
    one: Option<RawWeapon>,
    several: Option<Vec<RawWeapon>>,
    names: &mut Interner,
) -> Result<Option<Vec<Weapon>>, Vec<String>> {
    let (raw, path): (Vec<RawWeapon>, fn(usize) -> String) = match (one, several) {
        (None, None) => return Ok(None),
        (Some(_), Some(_)) => {
            return Err(vec![
                "the event gives both `weapon` and `weapons`; list every weapon under `weapons`"
                    .into(),
            ]);
        }
        (Some(w), None) => (vec![w], |_| "weapon".to_owned()),
        (None, Some(list)) => (list, |i| format!("weapons[{i}]")),
    };
    if raw.len() > MAX_WEAPONS {
        return Err(vec![format!(
            "`weapons` lists {} weapons; an event may list at most {MAX_WEAPONS}: give each kind once, with its `count`",
            raw.len()
        )]);
    }
    let mut problems = Vec::new();
    let list = raw
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            if w.calibre_mm.is_some_and(|c| !(c.is_finite() && c > 0.0)) {
                problems.push(format!(
                    "`{}.calibre_mm` must be a positive number of millimetres",
                    path(i)
                ));
            }
            if w.count == Some(0) {
                problems.push(format!(
                    "`{}.count` must be a whole number, 1 or more: leave out a weapon there was none of",
                    path(i)
                ));
            }
            Weapon {
                kind: w.kind.map(|k| names.intern(&k)),
                calibre_mm: w.calibre_mm,
                rounds: w.rounds,
                count: w.count.unwrap_or(1),
            }
        })
        .collect();
    if problems.is_empty() {
        Ok(Some(list))
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weapon(kind: &str, count: Option<u32>) -> RawWeapon {
        RawWeapon {
            kind: Some(kind.into()),
            calibre_mm: None,
            rounds: None,
            count,
        }
    }

    #[test]
    fn one_weapon_or_several_each_counted_once_unless_said() {
        let mut names = Interner::default();
        let one = weapons(Some(weapon("tank", None)), None, &mut names).unwrap();
        assert_eq!(one.as_deref().map(|w| w[0].count), Some(1));
        let several = vec![weapon("tank", Some(40)), weapon("d30", Some(12))];
        let list = weapons(None, Some(several), &mut names).unwrap().unwrap();
        let counts: Vec<u32> = list.iter().map(|w| w.count).collect();
        assert_eq!(counts, [40, 12]);
        assert_eq!(
            weapons(None, Some(Vec::new()), &mut names)
                .unwrap()
                .as_deref()
                .map(<[_]>::len),
            Some(0)
        );
        assert_eq!(
            weapons(None, None, &mut names).unwrap().map(|w| w.len()),
            None
        );
    }

    #[test]
    fn both_forms_a_zero_count_and_too_many_weapons_are_refused() {
        let mut names = Interner::default();
        let both = weapons(Some(weapon("tank", None)), Some(Vec::new()), &mut names);
        assert!(both.is_err());
        let zero = weapons(None, Some(vec![weapon("tank", Some(0))]), &mut names).unwrap_err();
        assert!(zero[0].starts_with("`weapons[0].count`"), "{zero:?}");
        let many = (0..=MAX_WEAPONS).map(|_| weapon("rifle", None)).collect();
        assert!(weapons(None, Some(many), &mut names).is_err());
    }
}
