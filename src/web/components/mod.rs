//! The pieces pages are made of. Each renders what the domain worked out and forwards events;
//! none holds a rule of its own.

pub mod carry;
pub mod choose;
pub mod complete;
pub mod erratum;
pub mod filters;
pub mod notice;
pub mod paste;
pub mod plan_file;
pub mod printed_plan;
pub mod saved_plans;
pub mod share;
pub mod summary;
pub mod unit_row;
pub mod unit_search;
