//! `specs/ERRATA.md` is generated from `specs/errata/*.json` so the list people read and the
//! list the app shows cannot drift apart. `UPDATE_ERRATA=1 cargo test --test errata` rewrites it.

use std::fmt::Write;

use pathway_planner::catalogue::embedded;

fn render() -> String {
    let cat = embedded().unwrap();
    let mut out = String::from(
        "# Errata in the source documents\n\n\
         Generated from `specs/errata/*.json` by `UPDATE_ERRATA=1 cargo test --test errata`; edit the JSON, not this file.\n\n\
         Every error, contradiction or ambiguity found in the source documents (their text is in `specs/sources/`), with the passage as printed and \
         exactly how Pathway Planner treats it. The app never changes a printed number: it shows what is printed, and where it \
         must choose a reading it says which one, next to the unit or rule concerned.\n",
    );
    for doc in &cat.documents {
        let errata: Vec<_> = cat.errata.iter().filter(|e| e.document == doc.id).collect();
        if errata.is_empty() {
            continue;
        }
        write!(out, "\n## {} (`specs/{}`)\n", doc.title, doc.file).unwrap();
        for e in errata {
            write!(
                out,
                "\n### {} — {}\n\n> {}\n\n**Problem.** {}\n\n**How the app treats it.** {}\n",
                e.id,
                e.section,
                e.quote.replace('\n', "\n> "),
                e.problem,
                e.treatment
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn errata_markdown_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/specs/ERRATA.md");
    let want = render();
    if std::env::var_os("UPDATE_ERRATA").is_some() {
        std::fs::write(path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "specs/ERRATA.md is stale: run `UPDATE_ERRATA=1 cargo test --test errata`"
    );
}

#[test]
fn every_erratum_is_cited_by_something_in_the_catalogue() {
    let cat = embedded().unwrap();
    let mut cited = std::collections::BTreeSet::new();
    for q in &cat.qualifications {
        cited.extend(q.errata.iter().cloned());
        for r in &q.rules {
            cited.extend(r.errata.iter().cloned());
        }
        for (_, u) in q.units() {
            cited.extend(u.errata.iter().cloned());
            cited.extend(u.availability.iter().flat_map(|a| a.errata.iter().cloned()));
        }
    }
    for units in cat.details.values() {
        for u in units.values() {
            cited.extend(u.errata.iter().cloned());
        }
    }
    let uncited: Vec<_> = cat
        .errata
        .iter()
        .filter(|e| !cited.contains(&e.id))
        .map(|e| e.id.as_str())
        .collect();
    assert!(
        uncited.is_empty(),
        "errata no qualification, rule or unit cites, so the page would never show them: {uncited:?}"
    );
}

/// Errata are printed on the learner's plan: their words are for people, never the data's own
/// names (rule ids, field names, `true`/`false`).
#[test]
fn errata_speak_plain_english() {
    let cat = embedded().unwrap();
    let internal = [
        "or_above",
        "max_units",
        "min_total",
        "_credits",
        " true",
        " false",
        "rule level-",
        "rule max-",
        "rule min-",
    ];
    for e in &cat.errata {
        for text in [&e.problem, &e.treatment] {
            for word in internal {
                assert!(!text.contains(word), "erratum {} says {word:?}: {text}", e.id);
            }
        }
    }
}
