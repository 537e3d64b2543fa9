//! One stable sort for the whole app, compiled once.
//!
//! `slice::sort_by` is generic over both the element and the comparison, so every call site (and
//! every `collect` into a `BTreeMap`, which sorts) compiled its own copy of the standard library's
//! sort into the wasm. Here the standard sort runs on a list of positions with a `&dyn`
//! comparison, so there is one copy; the comparison is an indirect call, which costs nothing
//! that matters for the lists sorted with it (tens of items; the Monte Carlo's draws keep their
//! own `sort_unstable_by`, in `model::uncertainty`). The result is exactly `slice::sort_by`'s:
//! stable, equal items keep their order.

use std::cmp::Ordering;

/// As `slice::sort_by`: stable.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, &order);
}

/// As `slice::sort_by_key`: stable.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The positions 0..n in sorted order: the one instantiation of the standard sort.
fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    p.sort_by(|&a, &b| cmp(a, b));
    p
}

/// Puts the item at `order[i]` at position `i`, by swaps. Before step `i`, an item whose
/// position `j` is below `i` has been swapped out to `order[j]`, so following `order` from
/// `order[i]` until it reaches `i` or beyond finds where it is now.
fn permute<T>(v: &mut [T], order: &[usize]) {
    for i in 0..v.len() {
        let mut j = order[i];
        while j < i {
            j = order[j];
        }
        v.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Against the standard library's stable sort, with many ties: each item carries its
        // original position, so a difference in the order of equal keys would show.
        #[test]
        fn same_order_as_the_standard_stable_sort(keys in proptest::collection::vec(0u8..6, 0..60)) {
            let items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std_sorted);
        }

        #[test]
        fn descending_comparisons_too(keys in proptest::collection::vec(-50i32..50, 0..60)) {
            let mut ours: Vec<(i32, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std_sorted = ours.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            std_sorted.sort_by(|a, b| b.0.cmp(&a.0));
            prop_assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn reverses_a_list_and_leaves_short_ones() {
        let mut v = vec!["c", "b", "a", "d"];
        sort_by(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, ["a", "b", "c", "d"]);
        let mut one = vec![1];
        sort_by_key(&mut one, |x| *x);
        assert_eq!(one, [1]);
        let mut none: Vec<i32> = vec![];
        sort_by_key(&mut none, |x| *x);
        assert!(none.is_empty());
    }
}
