//! Integrity checks over the whole catalogue. A problem that an erratum already explains
//! (the entry lists the erratum id) is not reported: it is known and the app treats it.
//!
//! `build.rs` runs these checks and fails the build on any problem; the tests run them again.
//! As `build.rs` includes this file by `#[path]`, it names nothing but `super::model` and std.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::model::{Catalogue, RuleKind, UnitEntry};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrityProblem {
    /// The qualification number or spec file the problem is in.
    pub place: String,
    pub message: String,
}

impl fmt::Display for IntegrityProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Every integrity problem in the catalogue that no erratum accounts for.
pub fn integrity_problems(cat: &Catalogue) -> Vec<IntegrityProblem> {
    let mut out = Vec::new();
    let mut push = |place: &str, message: String| {
        out.push(IntegrityProblem {
            place: place.to_owned(),
            message,
        });
    };

    let doc_ids: BTreeSet<&str> = cat.documents.iter().map(|d| d.id.as_str()).collect();
    if doc_ids.len() != cat.documents.len() {
        push("documents.json", "document ids are not unique".into());
    }
    let erratum_ids: BTreeSet<&str> = cat.errata.iter().map(|e| e.id.as_str()).collect();
    if erratum_ids.len() != cat.errata.len() {
        push("errata", "erratum ids are not unique".into());
    }
    for d in &cat.documents {
        if !is_source_path(&d.file) {
            push(
                "documents.json",
                format!(
                    "document {} names file {}, which is not sources/<name>.txt",
                    d.id, d.file
                ),
            );
        }
    }
    for e in &cat.errata {
        if !doc_ids.contains(e.document.as_str()) {
            push("errata", format!("{} names unknown document {}", e.id, e.document));
        }
    }
    for doc in cat.details.keys() {
        if !doc_ids.contains(doc.as_str()) {
            push("units", format!("unit file for unknown document {doc}"));
        }
    }
    for (doc, units) in &cat.details {
        for unit in units.values() {
            for id in &unit.errata {
                if !erratum_ids.contains(id.as_str()) {
                    push(doc, format!("unit {} cites unknown erratum {id}", unit.key));
                }
            }
        }
    }

    let mut numbers = BTreeSet::new();
    for q in &cat.qualifications {
        let place = q.number.as_str();
        if !numbers.insert(place) {
            push(place, "qualification number appears twice".into());
        }
        if !doc_ids.contains(q.source.document.as_str()) {
            push(place, format!("source names unknown document {}", q.source.document));
        }
        let mut group_ids = BTreeSet::new();
        for g in &q.groups {
            if !group_ids.insert(g.id.as_str()) {
                push(place, format!("group {} appears twice", g.id));
            }
        }
        let mut keys = BTreeMap::new();
        for (g, u) in q.units() {
            if let Some(prev) = keys.insert(u.key(), g.id.as_str()) {
                push(
                    place,
                    format!("unit {} appears in group {prev} and group {}", u.key(), g.id),
                );
            }
        }
        for (_, u) in q.units() {
            let known = !u.errata.is_empty();
            for id in u
                .errata
                .iter()
                .chain(u.availability.iter().flat_map(|a| a.errata.iter()))
            {
                if !erratum_ids.contains(id.as_str()) {
                    push(place, format!("unit {} cites unknown erratum {id}", u.key()));
                }
            }
            for b in &u.barred {
                match q.unit(b) {
                    None if !known => push(
                        place,
                        format!(
                            "unit {} is barred with {b}, which is not in this qualification",
                            u.key()
                        ),
                    ),
                    Some(other) if !other.barred.contains(&u.key()) && !known => {
                        push(place, format!("unit {} bars {b} but {b} does not bar it", u.key()))
                    }
                    _ => {}
                }
            }
            if let Some(doc) = &u.detail {
                let found = cat.details.get(doc).and_then(|m| m.get(&u.key()));
                match found {
                    None => push(
                        place,
                        format!(
                            "unit {} points to content in {doc}, which has no unit {}",
                            u.key(),
                            u.key()
                        ),
                    ),
                    Some(d) if !known && d.errata.is_empty() => {
                        let differs = d.reference != u.reference
                            || d.level.is_some_and(|l| l != u.level)
                            || d.credits.is_some_and(|c| c != u.credits)
                            || (d.glh.is_some() && u.glh.is_some() && d.glh != u.glh)
                            || normalise(&d.title) != normalise(&u.title);
                        if differs {
                            push(
                                place,
                                format!(
                                    "unit {}: structure table prints {} \"{}\" level {} credits {} GLH {:?}; its content section prints {} \"{}\" level {:?} credits {:?} GLH {:?}",
                                    u.key(), u.reference, u.title, u.level, u.credits, u.glh, d.reference, d.title, d.level, d.credits, d.glh
                                ),
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
        for rule in &q.rules {
            for id in &rule.errata {
                if !erratum_ids.contains(id.as_str()) {
                    push(place, format!("rule {} cites unknown erratum {id}", rule.id));
                }
            }
            let kinds = std::iter::once(&rule.kind).chain(rule.alternative.as_deref());
            for kind in kinds {
                for g in rule_groups(kind) {
                    if q.group(g).is_none() {
                        push(place, format!("rule {} names group {g}, which does not exist", rule.id));
                    }
                }
                if let RuleKind::MaxUnits { units, .. } = kind {
                    for k in units {
                        if q.unit(k).is_none() && rule.errata.is_empty() {
                            push(
                                place,
                                format!("rule {} names unit {k}, which is not in this qualification", rule.id),
                            );
                        }
                    }
                }
            }
        }
    }

    // The same reference should mean the same unit everywhere, unless an erratum says otherwise.
    let mut by_ref: BTreeMap<&str, Vec<(&str, &UnitEntry)>> = BTreeMap::new();
    for q in &cat.qualifications {
        for (_, u) in q.units() {
            by_ref
                .entry(u.reference.as_str())
                .or_default()
                .push((q.number.as_str(), u));
        }
    }
    for (reference, entries) in by_ref {
        let (q0, first) = entries[0];
        for &(q, u) in &entries[1..] {
            if !u.errata.is_empty() || !first.errata.is_empty() {
                continue;
            }
            let same = u.level == first.level
                && u.credits == first.credits
                && (u.glh.is_none() || first.glh.is_none() || u.glh == first.glh)
                && normalise(&u.title) == normalise(&first.title);
            if !same {
                push(
                    q,
                    format!(
                        "reference {reference} is \"{}\" level {} {} credits here but \"{}\" level {} {} credits in {q0}",
                        u.title, u.level, u.credits, first.title, first.level, first.credits
                    ),
                );
            }
        }
    }
    out
}

/// Checks the documents against the source files that exist: `present` lists every file in
/// `specs/sources/` as a path under `specs/` (`sources/<name>.txt`). Each document must name a
/// file that is there, and each file there must be named by exactly one document.
pub fn source_problems(cat: &Catalogue, present: &[String]) -> Vec<IntegrityProblem> {
    let mut out = Vec::new();
    for d in &cat.documents {
        if !present.contains(&d.file) {
            out.push(IntegrityProblem {
                place: "documents.json".to_owned(),
                message: format!("document {} names specs/{}, which does not exist", d.id, d.file),
            });
        }
    }
    for file in present {
        let naming: Vec<&str> = cat
            .documents
            .iter()
            .filter(|d| d.file == *file)
            .map(|d| d.id.as_str())
            .collect();
        if naming.len() != 1 {
            out.push(IntegrityProblem {
                place: "documents.json".to_owned(),
                message: format!(
                    "specs/{file} should be named by exactly one document, but is named by {}",
                    if naming.is_empty() {
                        "none".to_owned()
                    } else {
                        naming.join(", ")
                    }
                ),
            });
        }
    }
    out
}

/// `sources/<name>.txt`, with no further folder.
fn is_source_path(file: &str) -> bool {
    file.strip_prefix("sources/")
        .and_then(|name| name.strip_suffix(".txt"))
        .is_some_and(|stem| !stem.is_empty() && !stem.contains(['/', '\\']))
}

pub(crate) fn rule_groups(kind: &RuleKind) -> &[String] {
    match kind {
        RuleKind::MinGroupCredits { groups, .. }
        | RuleKind::MaxGroupCredits { groups, .. }
        | RuleKind::MinLevelCredits { groups, .. }
        | RuleKind::MaxLevelCredits { groups, .. } => groups,
        RuleKind::MinTotalCredits { .. } | RuleKind::MaxUnits { .. } => &[],
    }
}

/// Titles compared without case, punctuation or spacing differences.
fn normalise(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
