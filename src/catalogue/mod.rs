//! The qualification catalogue: the JSON in `specs/`, checked when the app is built, embedded
//! in postcard (serde's compact binary format) and read into the typed model at start.
//!
//! - `model`: the types, with the serde derives that read both the spec files (JSON) and the
//!   embedded postcard bytes.
//! - `parse` (native only): finds and reads the spec files; `build.rs` uses the same file.
//! - `load`: the embedded catalogue.
//! - `validate`: integrity checks, run by `build.rs` and by the tests.

mod load;
mod model;
#[cfg(not(target_arch = "wasm32"))]
mod parse;
pub(crate) mod validate;

pub use load::{embedded, shared};
pub use model::*;
#[cfg(not(target_arch = "wasm32"))]
pub use parse::{parse, read_specs, source_files};
pub use validate::{integrity_problems, source_problems, IntegrityProblem};
