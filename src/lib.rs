//! Pathway Planner: the rules of combination of UK vocational qualifications, and a planner
//! that checks a learner's chosen units against them.
//!
//! Everything outside `web` is plain Rust with no browser dependency and is tested natively.

pub mod across;
pub mod address;
pub mod catalogue;
pub mod cohort;

pub mod date;
pub mod engine;
pub mod pacing;
pub mod planner;
pub mod solver;
pub mod travel;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod web;
pub mod words;
