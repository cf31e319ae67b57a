//! The catalogue the app embeds (checked, packed and compressed by `build.rs`, decoded at run
//! time) is exactly the catalogue the JSON in `specs/` parses to.

use std::path::Path;

use pathway_planner::catalogue::{embedded, parse};

fn spec_files(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("read specs/") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            spec_files(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            let rel = path
                .strip_prefix(root)
                .expect("under specs/")
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&path).expect("read spec file")));
        }
    }
}

#[test]
fn embedded_catalogue_equals_the_json_on_disk() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    let mut files = Vec::new();
    spec_files(&root, &root, &mut files);
    assert!(
        files.iter().any(|(p, _)| p.starts_with("qualifications/")),
        "no qualification files found"
    );
    let from_json = parse(files.iter().map(|(p, t)| (p.as_str(), t.as_str()))).unwrap_or_else(|e| panic!("{e}"));
    let from_binary = embedded().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_binary.documents, from_json.documents);
    assert_eq!(from_binary.errata, from_json.errata);
    assert_eq!(from_binary.qualifications, from_json.qualifications);
    assert_eq!(from_binary.details, from_json.details);
    assert_eq!(from_binary, from_json);
}
