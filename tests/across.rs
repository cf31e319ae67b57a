//! Across qualifications: the comparison rows, the shared-unit index over the whole catalogue
//! and unit search, against the embedded catalogue.

use std::collections::BTreeSet;

use pathway_planner::across::compare::{compare, Cell, NO_APPRENTICESHIP};
use pathway_planner::across::search::{search, Rank};
use pathway_planner::across::shared_units::{across_awarding_bodies, ambiguous_references, shared_units};
use pathway_planner::address::{decode, Route};
use pathway_planner::catalogue::{shared, Catalogue, Qualification};
use pathway_planner::engine::Plan;
use pathway_planner::planner::{self, compiled, Filters};
use pathway_planner::solver;

fn cat() -> &'static Catalogue {
    shared().unwrap()
}

fn qual(number: &str) -> &'static Qualification {
    cat().qualification(number).unwrap()
}

fn numbers(list: &[&str]) -> Vec<String> {
    list.iter().map(|n| (*n).to_owned()).collect()
}

fn set(keys: &[&str]) -> BTreeSet<String> {
    keys.iter().map(|k| (*k).to_owned()).collect()
}

// ---------------------------------------------------------------------------------------------
// Compare

fn cells<'a>(t: &'a pathway_planner::across::compare::Comparison, id: &str) -> &'a [Cell] {
    &t.rows
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no row {id}"))
        .cells
}

fn text(c: &Cell) -> &str {
    match c {
        Cell::Text(t) => t,
        other => panic!("not text: {other:?}"),
    }
}

#[test]
fn compare_without_numbers_is_every_qualification_in_catalogue_order() {
    let t = compare(cat(), &[]);
    let got: Vec<&str> = t.columns.iter().map(|c| c.number.as_str()).collect();
    let want: Vec<&str> = cat().qualifications.iter().map(|q| q.number.as_str()).collect();
    assert_eq!(got, want);
    assert_eq!(got.len(), 8);
    for r in &t.rows {
        assert_eq!(r.cells.len(), 8, "row {}", r.id);
    }
    let t = compare(cat(), &numbers(&["601/4756/8", "999/9999/9", "600/1244/4"]));
    let got: Vec<&str> = t.columns.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(
        got,
        ["601/4756/8", "600/1244/4"],
        "in the order asked; unknown left out"
    );
}

#[test]
fn figures_are_as_printed_and_missing_ones_say_not_printed() {
    let t = compare(cat(), &[]);
    for (i, q) in cat().qualifications.iter().enumerate() {
        let tqt = &cells(&t, "tqt")[i];
        match q.tqt {
            Some(h) => assert_eq!(text(tqt), format!("{h} hours")),
            None => assert_eq!(*tqt, Cell::NotPrinted, "{}", q.number),
        }
        let glh = &cells(&t, "glh")[i];
        match q.glh {
            Some(h) => assert_eq!(text(glh), format!("{h} hours")),
            None => assert_eq!(*glh, Cell::NotPrinted, "{}", q.number),
        }
        assert_eq!(text(&cells(&t, "credits")[i]), format!("{} credits", q.total_credits));
        assert_eq!(text(&cells(&t, "level")[i]), format!("Level {}", q.level));
        assert!(q.title.contains(text(&cells(&t, "size")[i])), "{}", q.title);
        // Quoted cells are the qualification's own facts, word for word.
        for id in ["assessment", "entry", "ages", "apprenticeship"] {
            if let Cell::Quoted(found) = &cells(&t, id)[i] {
                for (label, value) in found {
                    assert!(
                        q.facts.iter().any(|f| f.label == *label && f.value == *value) || q.rules_text.contains(value),
                        "{} {id}: {label}: {value}",
                        q.number
                    );
                }
            }
        }
    }
    let col = |n: &str| t.columns.iter().position(|c| c.number == n).unwrap();
    assert_eq!(text(&cells(&t, "tqt")[col("601/3478/1")]), "550 hours");
    assert_eq!(text(&cells(&t, "glh")[col("601/3576/1")]), "245 hours");
    assert_eq!(cells(&t, "tqt")[col("600/1136/1")], Cell::NotPrinted);
    assert_eq!(text(&cells(&t, "size")[col("600/1244/4")]), "Award");
    assert_eq!(text(&cells(&t, "size")[col("600/1286/9")]), "Certificate");
    assert_eq!(text(&cells(&t, "mandatory")[col("601/3478/1")]), "6 units, 31 credits");
    assert_eq!(text(&cells(&t, "mandatory-glh")[col("600/1244/4")]), "24 hours");
    // ProQual prints no unit GLH and no ages.
    assert_eq!(cells(&t, "mandatory-glh")[col("601/3576/1")], Cell::NotPrinted);
    assert_eq!(cells(&t, "ages")[col("601/4756/8")], Cell::NotPrinted);
    assert_eq!(
        text(&cells(&t, "optional")[col("601/3576/1")]),
        "34 units in Groups B, C and D"
    );
    // Apprenticeships: Pearson and City & Guilds name one; ProQual's documents do not.
    assert!(
        matches!(&cells(&t, "apprenticeship")[col("601/3478/1")], Cell::Quoted(v) if v[0].1.contains("Advanced Apprenticeship in Customer Service"))
    );
    assert!(
        matches!(&cells(&t, "apprenticeship")[col("600/1136/1")], Cell::Quoted(v) if v[0].1.contains("contact centre apprenticeship framework"))
    );
    assert_eq!(text(&cells(&t, "apprenticeship")[col("601/3576/1")]), NO_APPRENTICESHIP);
    assert!(
        matches!(&cells(&t, "ages")[col("600/1288/2")], Cell::Quoted(v) if v[0] == ("Age group approved".to_owned(), "18+".to_owned()))
    );
}

#[test]
fn shortest_routes_are_the_solvers_and_each_link_opens_a_plan_that_meets_the_rules() {
    let t = compare(cat(), &[]);
    for (i, col) in t.columns.iter().enumerate() {
        let c = compiled(&col.number).unwrap();
        let routes = solver::shortest_routes(c).unwrap();
        for (id, route) in [
            ("route-hours", &routes.hours),
            ("route-credits", &routes.credits),
            ("route-units", &routes.units),
        ] {
            let cell = &cells(&t, id)[i];
            if id == "route-hours" && c.units.iter().all(|u| u.glh.is_none()) {
                assert!(text(cell).contains("not printed"), "{}: {cell:?}", col.number);
                continue;
            }
            let Cell::Route { summary, address } = cell else {
                panic!("{} {id}: {cell:?}", col.number)
            };
            assert!(summary.contains(&format!("{} credits", route.credits)), "{summary}");
            assert!(summary.contains(&format!("{} units", route.unit_count)), "{summary}");
            let d = decode(address, cat());
            assert!(d.problems.is_empty(), "{address}: {:?}", d.problems);
            let Route::Planner { number, plan } = d.route else {
                panic!("{address}")
            };
            assert_eq!(number, col.number);
            let v = c.evaluate(&plan);
            assert!(v.met(), "{address} does not meet the rules");
            assert_eq!(v.totals.credits, route.credits, "{address}");
            assert_eq!(v.totals.units, route.unit_count, "{address}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Units in common

#[test]
fn the_documents_share_46_references_across_awarding_bodies_and_88_across_qualifications() {
    let every: Vec<String> = cat().qualifications.iter().map(|q| q.number.clone()).collect();
    assert_eq!(shared_units(cat(), &every).len(), 88);
    let across = across_awarding_bodies(cat());
    assert_eq!(across.len(), 46);
    let k = across.iter().find(|s| s.reference == "K/503/0418").unwrap();
    let seen: Vec<(&str, &str, &str, u8, u32)> = k
        .placements
        .iter()
        .map(|p| {
            (
                p.qualification.as_str(),
                p.key.as_str(),
                p.group.as_str(),
                p.level,
                p.credits,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("600/1136/1", "310", "B", 3, 6),
            ("601/3478/1", "37", "C", 3, 6),
            ("601/4756/8", "K/503/0418", "C", 3, 6)
        ]
    );
}

/// Every shared reference has one level and one credit value wherever it is printed; titles
/// agree, case aside, except L/503/0394 (two different units) and Y/502/4291, which City &
/// Guilds prints as "IT Communication Fundamentals" in the Level 1 tables and "IT
/// Communications Fundamentals" in the Level 2 table (same unit 115).
#[test]
fn every_shared_reference_is_printed_alike_except_the_one_printed_for_two_units() {
    assert_eq!(ambiguous_references(cat()), set(&["L/503/0394"]));
    let every: Vec<String> = cat().qualifications.iter().map(|q| q.number.clone()).collect();
    let mut differing = BTreeSet::new();
    for s in shared_units(cat(), &every) {
        let first = &s.placements[0];
        if s.titles().len() > 1 {
            differing.insert(s.reference.clone());
        }
        if s.ambiguous {
            continue;
        }
        for p in &s.placements {
            assert_eq!((p.level, p.credits), (first.level, first.credits), "{}", s.reference);
            assert_eq!(p.reference, s.reference);
        }
        assert!(s.qualifications().len() >= 2);
    }
    assert_eq!(differing, set(&["L/503/0394", "Y/502/4291"]));
}

#[test]
fn the_ambiguous_reference_is_listed_entry_by_entry_with_its_erratum() {
    let s = shared_units(cat(), &numbers(&["600/1135/X", "600/1136/1", "601/3576/1"]));
    let l = s.iter().find(|s| s.reference == "L/503/0394").unwrap();
    assert!(l.ambiguous);
    let entries: Vec<(&str, &str)> = l
        .placements
        .iter()
        .map(|p| (p.qualification.as_str(), p.key.as_str()))
        .collect();
    assert_eq!(
        entries,
        [
            ("600/1135/X", "203"),
            ("600/1135/X", "204"),
            ("600/1136/1", "204"),
            ("601/3576/1", "L/503/0394")
        ]
    );
    assert_eq!(
        l.titles(),
        [
            "Deliver customer service through a contact centre",
            "Carry out direct sales activities in a contact centre"
        ]
    );
    assert_eq!(l.errata(), ["CG-06"]);
    assert_eq!(l.in_qualification("600/1135/X").count(), 2);
    // One qualification alone shares nothing with itself, even a reference printed twice.
    assert!(shared_units(cat(), &numbers(&["600/1135/X"])).is_empty());
}

#[test]
fn two_qualifications_share_what_both_print() {
    let s = shared_units(cat(), &numbers(&["600/1136/1", "601/3478/1"]));
    let refs: BTreeSet<&str> = s.iter().map(|s| s.reference.as_str()).collect();
    let l3: BTreeSet<&str> = qual("600/1136/1").units().map(|(_, u)| u.reference.as_str()).collect();
    let pearson: BTreeSet<&str> = qual("601/3478/1").units().map(|(_, u)| u.reference.as_str()).collect();
    assert_eq!(refs, l3.intersection(&pearson).copied().collect());
    assert!(refs.contains("K/503/0418"));
}

// ---------------------------------------------------------------------------------------------
// Find a unit

#[test]
fn complaints_are_found_in_every_awarding_body_and_whole_titles_come_first() {
    let found = search(cat(), "complaints");
    let bodies: BTreeSet<&str> = found
        .iter()
        .flat_map(|f| f.placements.iter().map(|p| p.awarding_body.as_str()))
        .collect();
    assert_eq!(bodies, ["City & Guilds", "Pearson", "ProQual"].into_iter().collect());
    let r = search(cat(), "resolve customers complaints");
    assert_eq!(r[0].reference, "R/506/2151");
    assert_eq!(r[0].rank, Rank::Whole);
    let quals: Vec<&str> = r[0].placements.iter().map(|p| p.qualification.as_str()).collect();
    assert_eq!(quals, ["601/3478/1", "601/3576/1", "601/4756/8"]);
    for w in r.windows(2) {
        assert!(w[0].rank <= w[1].rank);
    }
    // Today's complaint: "handling complaints" found nothing in titles.
    let h = search(cat(), "Handling, complaints");
    assert!(h.iter().any(|f| f.reference == "K/503/0418" && f.rank == Rank::Content));
    assert!(h.iter().all(|f| f.passage.is_some()));
    assert_eq!(search(cat(), "complaints handling").len(), h.len(), "any order");
    assert!(search(cat(), "  ").is_empty());
}

#[test]
fn numbers_and_references_find_their_unit_with_every_qualification_that_has_it() {
    for q in ["K/503/0418", "k5030418", "310"] {
        let f = search(cat(), q);
        assert_eq!(f[0].reference, "K/503/0418", "{q}");
        assert_eq!(f[0].rank, Rank::Whole, "{q}");
        assert_eq!(f[0].placements.len(), 3, "{q}");
    }
    // The reference printed for two units gives two results, each marked.
    let l = search(cat(), "L/503/0394");
    assert_eq!(l.len(), 2);
    assert!(l.iter().all(|f| f.ambiguous));
}

#[test]
fn the_planner_filter_matches_the_same_way() {
    let c = compiled("600/1136/1").unwrap();
    let (sets, _) = c.resolve(&Plan::default());
    let visible = |text: &str| -> Vec<String> {
        planner::rows(
            c,
            &sets,
            &Filters {
                text: text.into(),
                ..Filters::default()
            },
        )
        .into_iter()
        .filter(|r| r.visible)
        .map(|r| c.units[r.index].key.clone())
        .collect()
    };
    let handling = visible("handling complaints");
    assert!(handling.contains(&"310".to_owned()), "{handling:?}");
    let want: Vec<String> = search(cat(), "handling complaints")
        .iter()
        .flat_map(|f| f.placements.iter())
        .filter(|p| p.qualification == "600/1136/1")
        .map(|p| p.key.clone())
        .collect();
    let mut want_sorted = want.clone();
    want_sorted.sort_by_key(|k| c.index(k));
    assert_eq!(handling, want_sorted);
    assert_eq!(visible("302"), ["302"]);
    assert_eq!(visible("").len(), 50);
}
