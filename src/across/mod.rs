//! Work across qualifications, in plain Rust: qualifications side by side ([`compare`]), the
//! units they share ([`shared_units`]), finding a unit anywhere ([`search`]) and carrying a
//! learner's units from one qualification's plan to another's ([`carry`]).
//!
//! Every figure comes from the catalogue as printed; where a document prints none, the result
//! says "not printed" rather than a number. Units are matched across qualifications only by
//! their unit reference number, and a reference printed for two different units is never read
//! one way or the other: it is shown as it is, and asked about when it matters.
//!
//! `search` reads only the catalogue (the planner's filter uses it); `compare` and `carry` use
//! the engine, the solver, the planner's compiled qualifications and the address.

pub mod carry;
pub mod compare;
pub mod search;
pub mod shared_units;

/// `items` ordered by `key`, each key worked out once; equal keys keep their order.
pub(crate) fn sorted<T, K: Ord>(mut items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    items.sort_by_cached_key(key);
    items
}
