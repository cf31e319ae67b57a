//! Lists every JSON file under `specs/` so the catalogue module can embed them with
//! `include_str!` without a hand-kept list: a new qualification is a new file. The embedded
//! copies are re-serialised without indentation, which saves download size; a file that is not
//! JSON is embedded as it is, so the catalogue parser reports it with its field path.

use std::{env, fs, path::Path};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let mut out = String::from("pub(crate) const SPEC_FILES: &[(&str, &str)] = &[\n");
    let out_dir = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("specs");
    for (n, file) in files.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", file.display());
        let rel = file.strip_prefix(&root).expect("under specs").to_string_lossy().replace('\\', "/");
        let text = fs::read_to_string(file).expect("read spec file");
        let compact = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(value) => serde_json::to_string(&value).expect("re-serialise"),
            Err(_) => text,
        };
        fs::create_dir_all(&out_dir).expect("create OUT_DIR/specs");
        let dest = out_dir.join(format!("{n}.json"));
        fs::write(&dest, compact).expect("write compact spec");
        out.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", dest.display().to_string()));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("spec_files.rs");
    fs::write(dest, out).expect("write spec_files.rs");
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
}
