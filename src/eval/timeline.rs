//! A party's holdings at every instant, swept once over its units'
//! reports. A unit's part changes only where one of its reports begins or
//! ends, so the sums are kept at those instants: a test at an instant finds
//! them by binary search, and one over a time window by a range query over
//! the instants the window spans, so no test walks the whole record.

use jiff::Timestamp;

use super::holdings::Unit;
use super::weapons::Range;

/// The sums at each instant where a report of the party begins or ends.
#[derive(Debug, Default)]
pub(super) struct Timeline {
    at: Vec<Timestamp>,
    limits: usize,
    /// For each limit, the least of its lower bounds and the most of its
    /// upper bounds over any run of instants.
    least: Vec<Tree>,
    most: Vec<Tree>,
    /// The most units adding something at once, over any run of instants.
    counting: Tree,
}

/// What a party holds over a stretch of time: each limit's total, from the
/// least it may be at any instant to the most, and the most units adding
/// something at once.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Span {
    pub totals: Vec<Range>,
    pub counting: u64,
}

/// Sums being swept: exact, so that taking a unit's old part away and
/// adding its new one never drifts.
struct Sums {
    least: Vec<u128>,
    most: Vec<u128>,
    /// Units whose part has no upper bound, by limit.
    unbounded: Vec<u64>,
    counting: u64,
}

impl Sums {
    fn apply(&mut self, part: &[Range], sign: bool) {
        let step = |sum: &mut u128, n: u64| {
            if sign {
                *sum += u128::from(n);
            } else {
                *sum -= u128::from(n);
            }
        };
        for (k, r) in part.iter().enumerate() {
            step(&mut self.least[k], r.least);
            match r.most {
                Some(m) => step(&mut self.most[k], m),
                None if sign => self.unbounded[k] += 1,
                None => self.unbounded[k] -= 1,
            }
        }
        if part.iter().any(|r| *r != Range::ZERO) {
            if sign {
                self.counting += 1;
            } else {
                self.counting -= 1;
            }
        }
    }

    fn totals(&self) -> impl Iterator<Item = Range> + '_ {
        let clamp = |n: u128| u64::try_from(n).unwrap_or(u64::MAX);
        (0..self.least.len()).map(move |k| Range {
            least: clamp(self.least[k]),
            most: (self.unbounded[k] == 0).then(|| clamp(self.most[k])),
        })
    }
}

impl Timeline {
    /// Sweeps the units' reports in time order, each unit's part worked
    /// out afresh at each instant where one of its reports begins or ends.
    pub(super) fn sweep(units: &[Unit], limits: usize) -> Timeline {
        let mut bounds: Vec<(Timestamp, usize)> = units
            .iter()
            .enumerate()
            .flat_map(|(u, unit)| unit.bounds().map(move |t| (t, u)))
            .collect();
        bounds.sort_unstable();
        bounds.dedup();
        let mut parts: Vec<Vec<Range>> = vec![vec![Range::ZERO; limits]; units.len()];
        let mut sums = Sums {
            least: vec![0; limits],
            most: vec![0; limits],
            unbounded: vec![0; limits],
            counting: 0,
        };
        // Each limit's total at each instant (`limits` to an instant).
        let (mut at, mut totals, mut counting) = (Vec::new(), Vec::new(), Vec::new());
        for group in bounds.chunk_by(|x, y| x.0 == y.0) {
            let t = group[0].0;
            for &(_, u) in group {
                let (part, _, _) = units[u].part(t, t, limits);
                sums.apply(&parts[u], false);
                sums.apply(&part, true);
                parts[u] = part;
            }
            at.push(t);
            totals.extend(sums.totals());
            counting.push(sums.counting);
        }
        let series = |f: &dyn Fn(&Range) -> u64, max: bool| -> Vec<Tree> {
            (0..limits)
                .map(|k| {
                    let values = totals.iter().skip(k).step_by(limits.max(1)).map(f);
                    Tree::new(values.collect(), max)
                })
                .collect()
        };
        let least = series(&|r: &Range| r.least, false);
        let most = series(&|r: &Range| r.most.unwrap_or(u64::MAX), true);
        Timeline {
            counting: Tree::new(counting, true),
            at,
            limits,
            least,
            most,
        }
    }

    /// The holdings at every instant from `a` to `b`.
    pub(super) fn over(&self, a: Timestamp, b: Timestamp) -> Span {
        // Instants before the first report hold nothing.
        let first = self.at.partition_point(|t| *t <= a);
        let last = self.at.partition_point(|t| *t <= b);
        let before_any = first == 0;
        let from = first.saturating_sub(1);
        let mut totals = vec![Range::ZERO; self.limits];
        let mut counting = 0;
        if last > from {
            for (k, total) in totals.iter_mut().enumerate() {
                let least = self.least[k].query(from, last);
                let most = self.most[k].query(from, last);
                *total = Range {
                    least: if before_any { 0 } else { least },
                    most: (most != u64::MAX).then_some(most),
                };
            }
            counting = self.counting.query(from, last);
        }
        Span { totals, counting }
    }
}

/// A segment tree over values, giving the least (or the most) of any run.
#[derive(Debug, Default)]
struct Tree {
    n: usize,
    data: Vec<u64>,
    max: bool,
}

impl Tree {
    fn new(values: Vec<u64>, max: bool) -> Tree {
        let n = values.len();
        let mut data = vec![0; 2 * n];
        data[n..].copy_from_slice(&values);
        let mut tree = Tree { n, data, max };
        for i in (1..n).rev() {
            tree.data[i] = tree.join(tree.data[2 * i], tree.data[2 * i + 1]);
        }
        tree
    }

    fn join(&self, a: u64, b: u64) -> u64 {
        if self.max { a.max(b) } else { a.min(b) }
    }

    /// The least (or most) of the values at `from..to`, which must not be empty.
    fn query(&self, from: usize, to: usize) -> u64 {
        let (mut l, mut r) = (from + self.n, to + self.n);
        let mut out = if self.max { 0 } else { u64::MAX };
        while l < r {
            if l % 2 == 1 {
                out = self.join(out, self.data[l]);
                l += 1;
            }
            if r % 2 == 1 {
                r -= 1;
                out = self.join(out, self.data[r]);
            }
            l /= 2;
            r /= 2;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_answers_every_run_as_a_scan_would() {
        let values: Vec<u64> = (0..37).map(|i| (i * 7919 % 101) as u64).collect();
        let (least, most) = (
            Tree::new(values.clone(), false),
            Tree::new(values.clone(), true),
        );
        for from in 0..values.len() {
            for to in from + 1..=values.len() {
                let run = &values[from..to];
                assert_eq!(least.query(from, to), *run.iter().min().unwrap());
                assert_eq!(most.query(from, to), *run.iter().max().unwrap());
            }
        }
    }

    /// The totals at every instant of `a..=b`, the slow way: each unit's
    /// part worked out at `a` and at every instant a report begins or ends.
    fn brute(units: &[Unit], a: i64, b: i64) -> (Range, u64) {
        use super::super::holdings::tests::at;
        let mut instants = vec![a];
        for u in units {
            for t in u.bounds() {
                if at(a) < t && t <= at(b) {
                    instants.push((t.as_second() - at(0).as_second()) / 60);
                }
            }
        }
        let mut out: Option<(Range, u64)> = None;
        for t in instants {
            let mut total = Range::ZERO;
            let mut counting = 0;
            for u in units {
                let (part, _, _) = u.part(at(t), at(t), 1);
                total = total.plus(part[0]);
                counting += u64::from(part[0] != Range::ZERO);
            }
            out = Some(match out {
                None => (total, counting),
                Some((r, c)) => (r.either(total), c.max(counting)),
            });
        }
        out.unwrap()
    }

    #[test]
    fn the_sweep_agrees_with_every_unit_worked_out_at_every_instant() {
        use super::super::holdings::tests::{at, report_of, unit_from};
        use crate::eval::Truth;
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for round in 0..300 {
            let units: Vec<Unit> = (0..1 + next(5))
                .map(|_| {
                    let reports = (0..1 + next(5))
                        .map(|index| {
                            let from = next(200) as i64;
                            let to = from + [0, 0, 0, 15, 60][next(5) as usize];
                            let inside = [Truth::True, Truth::True, Truth::Unknown, Truth::False]
                                [next(4) as usize];
                            report_of(index as usize, (from, to), next(4) != 0, inside, next(50))
                        })
                        .collect();
                    unit_from(reports)
                })
                .collect();
            let line = Timeline::sweep(&units, 1);
            for _ in 0..20 {
                let a = next(260) as i64 - 30;
                let b = a + [0, 0, 10, 90][next(4) as usize];
                let span = line.over(at(a), at(b));
                let (total, counting) = brute(&units, a, b);
                assert_eq!(
                    (span.totals[0], span.counting),
                    (total, counting),
                    "round {round}, {a}..{b}"
                );
            }
        }
    }

    #[test]
    fn sums_kept_at_each_instant_are_read_back_at_and_between_them() {
        use super::super::holdings::tests::{at, unit_of};
        // One unit: 10 from minute 0, 30 from minute 60.
        let units = vec![unit_of(&[(10, 0, 0), (30, 60, 60)])];
        let line = Timeline::sweep(&units, 1);
        let span = |a: i64, b: i64| line.over(at(a), at(b)).totals[0];
        assert_eq!(span(-10, -10), Range::ZERO);
        assert_eq!(span(30, 30), Range::exactly(10));
        assert_eq!(span(60, 60), Range::exactly(30));
        // Across the change: 10 at some instants, 30 at others.
        assert_eq!(
            span(30, 90),
            Range {
                least: 10,
                most: Some(30)
            }
        );
        assert_eq!(
            span(-10, 30),
            Range {
                least: 0,
                most: Some(10)
            }
        );
        assert_eq!(line.over(at(30), at(30)).counting, 1);
    }
}
