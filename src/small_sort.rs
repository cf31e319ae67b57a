//! A stable insertion sort for the short lists the planner orders at run time.
//!
//! Every element type sorted with `core`'s sort gets its own copy of driftsort or ipnsort, about
//! 3 KB of wasm each; the lists sorted here are bounded by the number of units or rules of one
//! qualification (at most [`crate::engine::MAX_UNITS`]), where an insertion sort costs nothing
//! noticeable and a few hundred bytes of code.

/// Sorts `v` by `key`, keeping equal elements in their order. Quadratic: for short lists only.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `v` in ascending order.
pub fn sort<T: Ord>(v: &mut [T]) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && v[j - 1] > v[j] {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_library(mut v in proptest::collection::vec(0u8..20, 0..60)) {
            let mut expected = v.clone();
            expected.sort();
            sort(&mut v);
            prop_assert_eq!(v, expected);
        }

        #[test]
        fn sort_by_key_is_stable(mut v in proptest::collection::vec((0u8..5, any::<u16>()), 0..60)) {
            let mut expected = v.clone();
            expected.sort_by_key(|p| p.0);
            sort_by_key(&mut v, |p| p.0);
            prop_assert_eq!(v, expected);
        }
    }
}
