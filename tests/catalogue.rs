//! The embedded catalogue: it parses, holds all eight qualifications, and is internally consistent.

use std::path::{Path, PathBuf};

use pathway_planner::catalogue::{self, embedded, integrity_problems, read_specs, source_problems, RuleKind};

const NUMBERS: [&str; 8] = [
    "601/3576/1",
    "601/3478/1",
    "601/4756/8",
    "600/1244/4",
    "600/1286/9",
    "600/1135/X",
    "600/1136/1",
    "600/1288/2",
];

#[test]
fn embedded_catalogue_parses() {
    embedded().unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn all_eight_qualifications_are_present() {
    let cat = embedded().unwrap();
    for n in NUMBERS {
        assert!(cat.qualification(n).is_some(), "missing {n}");
    }
    assert_eq!(cat.qualifications.len(), NUMBERS.len());
}

#[test]
fn catalogue_has_no_unexplained_integrity_problems() {
    let cat = embedded().unwrap();
    let problems = integrity_problems(&cat);
    assert!(
        problems.is_empty(),
        "{}",
        problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_qualification_states_its_total_as_a_rule() {
    let cat = embedded().unwrap();
    for q in &cat.qualifications {
        let total = q.rules.iter().find_map(|r| match r.kind {
            RuleKind::MinTotalCredits { min } => Some(min),
            _ => None,
        });
        assert_eq!(total, Some(q.total_credits), "{}", q.number);
        assert!(!q.rules_text.is_empty(), "{} has no quoted rules", q.number);
    }
}

/// The embedded postcard bytes (written by `build.rs` with the model's `Serialize`) read back as
/// exactly what the spec files parse to.
#[test]
fn embedded_catalogue_is_what_the_spec_files_parse_to() {
    let files = read_specs(&specs()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        files.iter().any(|(p, _)| p.starts_with("qualifications/")),
        "no qualification files found"
    );
    assert!(files
        .iter()
        .all(|(p, _)| p.ends_with(".json") && !p.starts_with("sources/")));
    assert!(files.windows(2).all(|w| w[0].0 < w[1].0), "not sorted");
    let parsed =
        catalogue::parse(files.iter().map(|(p, t)| (p.as_str(), t.as_str()))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(embedded().unwrap(), parsed);
}

/// A rule's kind is a nested object, `{"min_total_credits": {"min": 12}}`; the flat, internally
/// tagged shape (`"kind": "min_total_credits", "min": 12`) and unknown fields are rejected, naming
/// the field.
#[test]
fn rules_are_written_with_the_kind_as_a_nested_object() {
    let qualification = |rule: &str| {
        format!(
            r#"{{"number": "1", "title": "T", "awarding_body": "X", "level": 1, "total_credits": 12,
                "source": {{"document": "d", "section": "s"}}, "rules_text": [], "groups": [],
                "rules": [{rule}]}}"#
        )
    };
    let parse = |rule: &str| {
        let text = qualification(rule);
        catalogue::parse([("qualifications/q.json", text.as_str())])
    };
    let good = parse(
        r#"{"id": "l1", "kind": {"min_level_credits": {"level": 1, "or_above": true, "min": 7}},
            "errata": ["E-1"], "alternative": {"min_level_credits": {"level": 1, "or_above": false, "min": 7}}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let rule = &good.qualifications[0].rules[0];
    assert_eq!(
        rule.kind,
        RuleKind::MinLevelCredits {
            level: 1,
            or_above: true,
            min: 7,
            groups: vec![]
        }
    );
    assert_eq!(rule.errata, ["E-1"]);
    assert!(matches!(
        rule.alternative.as_deref(),
        Some(RuleKind::MinLevelCredits { or_above: false, .. })
    ));

    let flat = parse(r#"{"id": "total", "kind": "min_total_credits", "min": 12}"#).unwrap_err();
    assert!(flat.field.starts_with("rules[0].kind"), "{flat}");
    let unknown_kind = parse(r#"{"id": "total", "kind": {"min_credits": {"min": 12}}}"#).unwrap_err();
    assert!(unknown_kind.field.starts_with("rules[0].kind"), "{unknown_kind}");
    assert!(unknown_kind.message.contains("min_credits"), "{unknown_kind}");
    let unknown_field =
        parse(r#"{"id": "total", "kind": {"min_total_credits": {"min": 12}}, "note": "x"}"#).unwrap_err();
    assert!(unknown_field.message.contains("note"), "{unknown_field}");
    let unknown_in_kind =
        parse(r#"{"id": "total", "kind": {"min_total_credits": {"min": 12, "max": 3}}}"#).unwrap_err();
    assert!(unknown_in_kind.message.contains("max"), "{unknown_in_kind}");
}

#[test]
fn two_unit_files_for_one_document_are_rejected() {
    let units = r#"{"document": "d", "units": []}"#;
    let err = catalogue::parse([("units/a.json", units), ("units/b.json", units)]).unwrap_err();
    assert_eq!((err.file.as_str(), err.field.as_str()), ("units/b.json", "document"));
}

#[test]
fn malformed_spec_is_rejected_naming_file_and_field() {
    let bad = r#"{"number": "1", "title": "T", "awarding_body": "X", "level": "three"}"#;
    let err = catalogue::parse([("qualifications/bad.json", bad)]).unwrap_err();
    assert_eq!(err.file, "qualifications/bad.json");
    assert_eq!(err.field, "level");
    assert!(err.to_string().contains("specs/qualifications/bad.json"), "{err}");
}

#[test]
fn unknown_field_is_rejected() {
    let bad = r#"[{"id": "d", "file": "f", "title": "t", "publisher": "p", "colour": "red"}]"#;
    let err = catalogue::parse([("documents.json", bad)]).unwrap_err();
    assert!(err.message.contains("colour"), "{err}");
}

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("specs")
}

/// Every file in `specs/sources/`, as a path under `specs/`.
fn source_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(specs().join("sources"))
        .expect("specs/sources/ is in the repository")
        .map(|entry| format!("sources/{}", entry.expect("entry").file_name().to_string_lossy()))
        .collect();
    files.sort();
    files
}

#[test]
fn every_document_names_a_source_file_in_the_repository() {
    let cat = embedded().unwrap();
    assert!(!cat.documents.is_empty());
    for doc in &cat.documents {
        let path = specs().join(&doc.file);
        assert!(
            doc.file.starts_with("sources/") && path.is_file(),
            "{}: {} is not a file in specs/sources/",
            doc.id,
            doc.file
        );
    }
}

#[test]
fn each_source_file_is_named_by_exactly_one_document() {
    let cat = embedded().unwrap();
    let files = source_files();
    assert!(files.iter().all(|f| f.ends_with(".txt")), "{files:?}");
    for file in &files {
        let naming = cat.documents.iter().filter(|d| d.file == *file).count();
        assert_eq!(naming, 1, "specs/{file} is named by {naming} documents");
    }
    let problems = source_problems(&cat, &files);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn source_checks_report_missing_and_unnamed_files() {
    let cat = embedded().unwrap();
    let mut files = source_files();
    let dropped = files.remove(0);
    files.push("sources/stray.txt".to_owned());
    let problems: Vec<String> = source_problems(&cat, &files).iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains(&format!("specs/{dropped}, which does not exist")),
        "{problems:?}"
    );
    assert!(problems[1].contains("specs/sources/stray.txt"), "{problems:?}");
}

/// The qualification facts the planner shows "as printed" are the document's own words: each
/// part of a value (the document prints them as separate lines, bullets or table cells, which
/// the catalogue joins with "; " or as sentences) appears in the source text, spacing aside.
#[test]
fn facts_are_worded_as_the_source_documents_print_them() {
    let cat = embedded().unwrap();
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for q in &cat.qualifications {
        let doc = cat.document(&q.source.document).expect("source document");
        let path = specs().join(&doc.file);
        let text = squash(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())));
        for fact in &q.facts {
            for part in fact.value.split("; ").flat_map(|p| p.split_inclusive(". ")) {
                let part = squash(part);
                let bare = part.trim_end_matches('.');
                assert!(
                    text.contains(&part) || text.contains(bare),
                    "{}: fact \u{201c}{}\u{201d}: \u{201c}{part}\u{201d} is not in {}",
                    q.number,
                    fact.label,
                    doc.file
                );
            }
        }
    }
}
