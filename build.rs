//! Checks the catalogue and writes it for the app to embed: reads every spec file under `specs/`
//! into the typed model (`src/catalogue/parse.rs`, the same code `catalogue::parse` runs in the
//! tests), runs the integrity checks (`src/catalogue/validate.rs`) including that each document's
//! text is in `specs/sources/`, and writes the catalogue in postcard (serde's compact binary
//! format) to `OUT_DIR/catalogue.postcard`, which `catalogue::embedded` reads at start. A
//! malformed file fails the build naming the file and the field; an integrity problem fails it
//! naming the problem. A new qualification is a new file, with no list to keep.

use std::{env, fs, path::Path, process};

// Each file is compiled here and in the crate; what only the crate uses is dead code here.
#[allow(dead_code)]
#[path = "src/catalogue/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/catalogue/parse.rs"]
mod parse;
#[allow(dead_code)]
#[path = "src/catalogue/validate.rs"]
mod validate;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    // A folder here makes cargo rerun this script when anything below it changes.
    println!("cargo:rerun-if-changed={}", root.display());
    let files = parse::read_specs(&root).unwrap_or_else(|e| fail(&[e.to_string()]));
    let catalogue =
        parse::parse(files.iter().map(|(p, t)| (p.as_str(), t.as_str()))).unwrap_or_else(|e| fail(&[e.to_string()]));
    let sources = parse::source_files(&root).unwrap_or_else(|e| fail(&[e.to_string()]));
    let problems: Vec<String> = validate::integrity_problems(&catalogue)
        .into_iter()
        .chain(validate::source_problems(&catalogue, &sources))
        .map(|p| format!("catalogue integrity: {p}"))
        .collect();
    if !problems.is_empty() {
        fail(&problems);
    }
    let bytes = postcard::to_allocvec(&model::Packed::from(catalogue)).expect("the catalogue serialises");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("catalogue.postcard");
    fs::write(dest, bytes).expect("write catalogue.postcard");
}

fn fail(messages: &[String]) -> ! {
    for message in messages {
        println!("cargo::error={message}");
    }
    process::exit(1);
}
