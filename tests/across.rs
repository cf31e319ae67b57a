//! Across qualifications: the comparison rows, the shared-unit index over the whole catalogue,
//! unit search, and the carry rules, against the embedded catalogue.

use std::collections::{BTreeMap, BTreeSet};

use pathway_planner::across::carry::{self, carry, Choices, CONFIRM_SOURCE};
use pathway_planner::across::compare::{compare, Cell, NO_APPRENTICESHIP};
use pathway_planner::across::search::{search, Rank};
use pathway_planner::across::shared_units::{across_awarding_bodies, ambiguous_references, shared_units};
use pathway_planner::address::{decode, encode, Route};
use pathway_planner::catalogue::{shared, Catalogue, Qualification};
use pathway_planner::engine::Plan;
use pathway_planner::planner::{self, compiled, Filters};
use pathway_planner::solver::{self, Goal, Request};
use proptest::prelude::*;

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

// ---------------------------------------------------------------------------------------------
// Carry

/// A valid City & Guilds Level 2 plan: the fewest-credit route, all achieved.
fn l2_plan() -> Plan {
    let c = compiled("600/1135/X").unwrap();
    let r = solver::shortest_routes(c).unwrap();
    let plan = Plan {
        achieved: r.credits.units.iter().map(|i| c.units[i].key.clone()).collect(),
        ..Plan::default()
    };
    assert!(c.evaluate(&plan).met());
    plan
}

#[test]
fn a_level_2_plan_carries_to_the_level_3_diploma_and_the_ambiguous_reference_is_asked() {
    let (l2, l3) = (qual("600/1135/X"), qual("600/1136/1"));
    let plan = l2_plan();
    assert_eq!(plan.achieved, set(&["101", "201", "203", "204", "205", "308", "323"]));
    let out = carry(cat(), l2, &plan, l3, &Choices::default());
    assert_eq!(out.plan.achieved, set(&["101", "204", "308", "323"]));
    let carried = out.plan.carried.as_ref().unwrap();
    assert_eq!(
        (carried.from.as_str(), &carried.units),
        ("600/1135/X", &out.plan.achieved)
    );
    let not: Vec<&str> = out.not_included.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(not, ["201", "205"]);
    // 204 is the same City & Guilds unit in both tables; 203 only shares its printed reference.
    assert_eq!(out.questions.len(), 1);
    let q = &out.questions[0];
    assert_eq!((q.source.key.as_str(), q.answer.clone()), ("203", None));
    assert_eq!(
        q.candidates,
        [(
            "204".to_owned(),
            "Carry out direct sales activities in a contact centre".to_owned()
        )]
    );
    assert_eq!(q.errata, ["CG-06"]);
    assert_eq!(out.credits(), 5 + 4 + 4 + 2);
    let lines = out.notice_lines(l2, l3);
    assert!(
        lines[0].starts_with("Carried as already achieved: unit 101 (D/503/0352), unit 204 (L/503/0394)"),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("does not include unit 201 (T/503/0342) and unit 205 (H/503/0403)")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("unit 203 of 600/1135/X") && l.contains("not carried")),
        "{lines:?}"
    );
    let record = carry::carried_lines(cat(), l3, out.plan.carried.as_ref().unwrap());
    assert_eq!(
        record[0],
        "Carried from Level 2 NVQ Certificate in Contact Centre Operations (600/1135/X) and marked already achieved: unit 101, unit 204, unit 308 and unit 323."
    );
    assert!(record[1].contains("City & Guilds to confirm"));
    assert_eq!(
        encode(&Route::Planner {
            number: l3.number.clone(),
            plan: out.plan.clone()
        }),
        "#/600-1136-1?done=101,204,308,323&from=600-1135-X&carried=101,204,308,323"
    );
    // The mandatory unit 101 counts as achieved; the plan is not yet complete.
    let c3 = compiled("600/1136/1").unwrap();
    let v = c3.evaluate(&out.plan);
    assert_eq!(v.totals.credits_achieved, 15);
    assert!(!v.met());

    // Answered: as unit 204 (already carried) or not at all; never anything unasked.
    let said = |a: Option<&str>| Choices {
        answers: BTreeMap::from([("203".to_owned(), a.map(str::to_owned))]),
        ..Choices::default()
    };
    let yes = carry(cat(), l2, &plan, l3, &said(Some("204")));
    assert_eq!(yes.plan.achieved, out.plan.achieved);
    assert!(yes
        .notice_lines(l2, l3)
        .iter()
        .any(|l| l.contains("you said unit 203 of 600/1135/X is unit 204 here")));
    let no = carry(cat(), l2, &plan, l3, &said(None));
    assert_eq!(no.plan.achieved, out.plan.achieved);
    assert!(no
        .notice_lines(l2, l3)
        .iter()
        .any(|l| l.contains("you chose not to carry unit 203")));
    // An answer naming a unit that is not a candidate carries nothing.
    let odd = carry(cat(), l2, &plan, l3, &said(Some("302")));
    assert!(!odd.plan.achieved.contains("302"));
}

#[test]
fn units_still_to_do_carry_only_when_marked_complete() {
    let (l2, l3) = (qual("600/1135/X"), qual("600/1136/1"));
    let plan = Plan {
        chosen: set(&["308", "207"]),
        achieved: set(&["323"]),
        ..Plan::default()
    };
    let out = carry(cat(), l2, &plan, l3, &Choices::default());
    assert_eq!(out.plan.achieved, set(&["323"]));
    let to_do: Vec<&str> = out.to_do.iter().map(|s| s.key.as_str()).collect();
    // The mandatory unit 101 is still to do in the Level 2 plan, and the Level 3 has it too.
    assert_eq!(to_do, ["101", "207", "308"]);
    assert!(out
        .notice_lines(l2, l3)
        .iter()
        .any(|l| l.starts_with("Still to do in the 600/1135/X plan, so not carried: unit 101")));
    let ticked = carry(
        cat(),
        l2,
        &plan,
        l3,
        &Choices {
            complete: set(&["308", "101"]),
            ..Choices::default()
        },
    );
    assert_eq!(ticked.plan.achieved, set(&["101", "308", "323"]));
    assert!(ticked
        .notice_lines(l2, l3)
        .iter()
        .any(|l| l.contains("because you marked them complete: unit 101 (D/503/0352) and unit 308 (J/503/0426)")));
}

#[test]
fn every_shared_reference_carries_between_every_pair_of_qualifications() {
    let ambiguous = ambiguous_references(cat());
    let mut carried_pairs = 0;
    for source in &cat().qualifications {
        for target in &cat().qualifications {
            if source.number == target.number {
                continue;
            }
            for (_, u) in source.units() {
                let plan = Plan {
                    achieved: set(&[&u.key()]),
                    ..Plan::default()
                };
                let out = carry(cat(), source, &plan, target, &Choices::default());
                let in_target: Vec<String> = target
                    .units()
                    .filter(|(_, t)| t.reference == u.reference)
                    .map(|(_, t)| t.key())
                    .collect();
                let what = format!("{} {} -> {}", source.number, u.key(), target.number);
                if in_target.is_empty() {
                    assert!(out.plan.achieved.is_empty(), "{what}");
                    assert!(out.not_included.iter().any(|n| n.key == u.key()), "{what}");
                } else if !ambiguous.contains(&u.reference) {
                    assert_eq!(out.plan.achieved, in_target.iter().cloned().collect(), "{what}");
                    assert!(out.questions.is_empty(), "{what}");
                    carried_pairs += 1;
                } else {
                    // Carried only to the very same printed unit; otherwise asked.
                    let same = target
                        .unit(&u.key())
                        .is_some_and(|t| t.reference == u.reference && t.detail == u.detail);
                    assert_eq!(out.questions.len(), usize::from(!same), "{what}");
                    assert_eq!(out.plan.achieved.len(), usize::from(same), "{what}");
                }
                // What was carried is exactly what the record says, and the address keeps it.
                let address = encode(&Route::Planner {
                    number: target.number.clone(),
                    plan: out.plan.clone(),
                });
                assert_eq!(
                    decode(&address, cat()).route,
                    Route::Planner {
                        number: target.number.clone(),
                        plan: out.plan.clone()
                    }
                );
            }
        }
    }
    // 88 references shared by two or more qualifications, carried each way between each pair.
    assert!(carried_pairs > 88, "{carried_pairs}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the plan, the answers and the ticks: a carried unit always has its source's
    /// reference; every unit of the source plan is carried, left (not included, still to do) or
    /// asked about; and a unit still to do is carried only when ticked.
    #[test]
    fn carry_rules_hold_for_any_plan(
        source_i in 0usize..8,
        target_i in 0usize..8,
        picks in proptest::collection::vec(0u8..4, 60),
        answer in proptest::option::of(0usize..3),
    ) {
        let source = &cat().qualifications[source_i];
        let target = &cat().qualifications[target_i];
        let mut plan = Plan::default();
        let mut choices = Choices::default();
        for ((_, u), pick) in source.units().zip(&picks) {
            match pick {
                1 => { plan.achieved.insert(u.key()); }
                2 => { plan.chosen.insert(u.key()); }
                3 => { plan.chosen.insert(u.key()); choices.complete.insert(u.key()); }
                _ => {}
            }
        }
        let first = carry(cat(), source, &plan, target, &choices);
        for q in &first.questions {
            let a = answer.map(|i| q.candidates.get(i).map(|(k, _)| k.clone()));
            if let Some(a) = a { choices.answers.insert(q.source.key.clone(), a); }
        }
        let out = carry(cat(), source, &plan, target, &choices);
        for m in &out.carried {
            let t = target.unit(&m.target_key).unwrap();
            prop_assert_eq!(&t.reference, &m.source.reference);
            prop_assert!(m.source.achieved || choices.complete.contains(&m.source.key));
        }
        prop_assert_eq!(&out.plan.achieved, &out.carried.iter().map(|m| m.target_key.clone()).collect::<BTreeSet<_>>());
        prop_assert!(out.plan.chosen.is_empty());
        for s in carry::source_units(source, &plan) {
            let accounted = out.carried.iter().any(|m| m.source.key == s.key)
                || out.not_included.iter().any(|n| n.key == s.key)
                || out.to_do.iter().any(|n| n.key == s.key)
                || out.questions.iter().any(|q| q.source.key == s.key);
            prop_assert!(accounted, "{} not accounted for", s.key);
        }
        if let Some(c) = &out.plan.carried {
            prop_assert_eq!(&c.units, &out.plan.achieved);
            prop_assert_eq!(&c.from, &source.number);
        }
    }
}

#[test]
fn the_shortest_route_from_here_counts_the_carried_units() {
    let (l2, l3) = (qual("600/1135/X"), qual("600/1136/1"));
    let out = carry(cat(), l2, &l2_plan(), l3, &Choices::default());
    let c = compiled("600/1136/1").unwrap();
    let line = carry::route_from_here(c, &out.plan).unwrap();
    let (sets, _) = c.resolve(&out.plan);
    let done = solver::complete(
        c,
        Request {
            plan: &sets,
            ruled_out: Default::default(),
            goal: Goal::FewestCredits,
        },
    )
    .unwrap();
    assert!(
        line.contains(&format!(
            "add {} units ({} credits)",
            done.added_units, done.added_credits
        )),
        "{line}"
    );
    // The carried 15 credits and the mandatory unit still to do stay; the completion adds the rest.
    assert_eq!(c.credits(sets.all()) + done.added_credits, c.credits(done.plan.all()));
    assert_eq!(c.credits(sets.achieved), 15);
    assert!(c.evaluate_sets(&done.plan).met());
    assert!(done.plan.achieved == sets.achieved, "carried units stay achieved");
    assert_eq!(
        carry::route_from_here(c, &Plan::default()),
        None,
        "nothing achieved: the shortest route says it"
    );
}

#[test]
fn the_passage_on_credit_transfer_is_quoted_from_the_pearson_specification() {
    let doc = cat().document(CONFIRM_SOURCE.document).unwrap();
    // The document's text is kept in the repository (specs/sources/), named from specs/.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("specs")
        .join(&doc.file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(text.contains(&format!("{}\t{}", CONFIRM_SOURCE.quote, CONFIRM_SOURCE.changed_in)));
    assert!(text.contains(CONFIRM_SOURCE.section));
    assert!(doc.title.contains("Issue 4"));
}
