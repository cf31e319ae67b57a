//! Plans that travel: pasted lists, CSV, the JSON plan file, saved plans and the printed
//! learning plan, on the real qualifications in the embedded catalogue.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use proptest::strategy::Just;

use pathway_planner::address::{encode, Route};
use pathway_planner::catalogue::{shared, Catalogue, Qualification};
use pathway_planner::date::Date;
use pathway_planner::engine::{Compiled, Plan};
use pathway_planner::solver::shortest_routes;
use pathway_planner::travel::csv::HEADER;
use pathway_planner::travel::json::PlanFile;
use pathway_planner::travel::saved::{BACKUP_KEY, RECOVERY_KEY, STORAGE_KEY};
use pathway_planner::travel::{
    catalogue_version, load, plan_csv, plan_errata, plan_json, read_plan_json, resolve_paste, to_storage, ImportError,
    NameError, SaveOutcome, SavedPlan, SavedPlans,
};

fn cat() -> &'static Catalogue {
    shared().expect("catalogue decodes")
}

fn qual(number: &str) -> (&'static Qualification, Compiled) {
    let q = cat().qualification(number).unwrap_or_else(|| panic!("no {number}"));
    (q, Compiled::new(q).expect("compiles"))
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn set(v: &[&str]) -> BTreeSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// A valid plan (the solver's shortest route) with its first optional unit marked achieved,
/// one unit outside it ruled out, and its registration date (or a fixed one).
fn sample_plan(c: &Compiled) -> Plan {
    let route = shortest_routes(c).expect("every qualification can be completed").hours;
    let optional: Vec<String> = route
        .units
        .minus(c.mandatory)
        .iter()
        .map(|i| c.units[i].key.clone())
        .collect();
    let mut plan = Plan {
        chosen: optional.iter().skip(1).cloned().collect(),
        achieved: optional.iter().take(1).cloned().collect(),
        registered: route.registered.or(Date::parse_iso("2018-03-05")),
        ruled_out: BTreeSet::new(),
        carried: None,
    };
    if let Some(i) = c.all_units().minus(route.units).iter().next() {
        plan.ruled_out.insert(c.units[i].key.clone());
    }
    assert!(c.evaluate(&plan).met(), "{}: {plan:?}", c.number);
    plan
}

// ---------------------------------------------------------------------------------------------
// Paste

#[test]
fn paste_reports_unknown_and_ambiguous_references() {
    let (q, _) = qual("600/1135/X");
    let r = resolve_paste(q, "101, L/503/0394\n999; X/123/4567\nj/503/0362");
    assert_eq!(r.recognised, strings(&["101", "202"]));
    assert_eq!(r.unknown, strings(&["999", "X/123/4567"]));
    assert_eq!(r.ambiguous.len(), 1);
    assert_eq!(r.ambiguous[0].reference, "L/503/0394");
    assert_eq!(r.ambiguous[0].candidates, strings(&["203", "204"]));
    assert_eq!(
        r.messages(),
        strings(&[
            "Not recognised: 999, X/123/4567.",
            "L/503/0394 is printed for two units: 203 and 204. Choose which you mean."
        ])
    );
}

#[test]
fn the_same_reference_is_not_ambiguous_where_it_names_one_unit() {
    // 600/1136/1 has unit 204 only.
    let (q, _) = qual("600/1136/1");
    let r = resolve_paste(q, "L/503/0394");
    assert_eq!(r.recognised, strings(&["204"]));
    assert!(r.ambiguous.is_empty());
}

#[test]
fn paste_proqual_references_in_any_form() {
    let (q, _) = qual("601/3576/1");
    let keys: Vec<String> = q.units().map(|(_, u)| u.key()).take(3).collect();
    let typed = format!(
        " {} ,\t{}\n{}",
        keys[0].to_lowercase(),
        keys[1].replace('/', ""),
        keys[2].replace('/', "-")
    );
    let r = resolve_paste(q, &typed);
    assert_eq!(r.recognised, keys);
    assert!(r.unknown.is_empty() && r.ambiguous.is_empty(), "{r:?}");
    // ProQual does not number its units: a bare number is not recognised.
    assert_eq!(resolve_paste(q, "12").unknown, strings(&["12"]));
}

#[test]
fn paste_pearson_unit_numbers() {
    let (q, _) = qual("601/3478/1");
    let r = resolve_paste(q, "Unit 12\nUnit 13: Some title, Level 3, 5 credits\nunit 07; U20");
    assert_eq!(r.recognised, strings(&["12", "13", "7", "20"]));
    assert!(r.unknown.is_empty(), "{r:?}");
    assert_eq!(resolve_paste(q, "Unit 99").unknown, strings(&["99"]));
}

#[test]
fn paste_a_registration_record_with_titles() {
    let (q, _) = qual("600/1136/1");
    let text = "Unit\tTitle\tLevel\tCredits\n204\tCarry out direct sales\t2\t4\n319*\tSome unit title\t3\t5\r\n\r\n";
    let r = resolve_paste(q, text);
    assert_eq!(r.recognised, strings(&["204", "319"]));
    assert!(r.unknown.is_empty(), "{r:?}");
}

#[test]
fn csv_pastes_back_as_the_same_units_on_every_qualification() {
    for q in &cat().qualifications {
        let c = Compiled::new(q).unwrap();
        let plan = sample_plan(&c);
        let csv = plan_csv(&c, q, &plan, "Amira Khan");
        let r = resolve_paste(q, &csv);
        let (sets, _) = c.resolve(&plan);
        let expected: Vec<String> = sets.all().iter().map(|i| c.units[i].key.clone()).collect();
        assert_eq!(r.recognised, expected, "{}", q.number);
        assert!(r.unknown.is_empty() && r.ambiguous.is_empty(), "{}: {r:?}", q.number);
    }
}

// ---------------------------------------------------------------------------------------------
// CSV

/// A small RFC 4180 reader for checking what the writer wrote.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("bare LF outside quotes"),
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "last line not ended");
    rows
}

/// The table under the lines at the top: from the header row on.
fn table(csv: &str) -> Vec<Vec<String>> {
    let rows = read_csv(csv);
    let header = rows.iter().position(|r| *r == strings(&HEADER)).expect("a header row");
    assert_eq!(rows[header - 1], vec![String::new()], "an empty line before the table");
    rows[header..].to_vec()
}

#[test]
fn csv_has_a_header_and_one_row_per_unit_in_document_order() {
    let (q, c) = qual("600/1136/1");
    let plan = Plan {
        chosen: set(&["207", "204"]),
        achieved: set(&["302"]),
        registered: None,
        ruled_out: set(&["212"]),
        carried: None,
    };
    let csv = plan_csv(&c, q, &plan, "Amira Khan");
    assert!(csv.starts_with(
        "Qualification,Level 3 NVQ Diploma in Contact Centre Operations (600/1136/1)\r\nLearner,Amira Khan\r\nVerdict,Does not yet meet the rules\r\n\r\nStatus,Group,Unit number,Reference,Title,Level,Credits,GLH\r\n"
    ));
    assert!(csv.ends_with("\r\n"));
    let rows = table(&csv);
    assert_eq!(rows[0], strings(&HEADER));
    assert!(rows.iter().all(|r| r.len() == 8));
    let body = &rows[1..];
    let (sets, _) = c.resolve(&plan);
    assert_eq!(body.len(), sets.all().len() as usize);
    let expected_order: Vec<String> = sets.all().iter().map(|i| c.units[i].key.clone()).collect();
    assert_eq!(body.iter().map(|r| r[2].clone()).collect::<Vec<_>>(), expected_order);
    for r in body {
        let u = &c.units[c.index(&r[2]).unwrap()];
        let status = match r[2].as_str() {
            "302" => "Achieved",
            "204" | "207" => "Chosen",
            _ => "Mandatory",
        };
        assert_eq!(r[0], status, "{r:?}");
        assert_eq!(r[1], q.groups[u.group].id);
        assert_eq!(r[3], u.reference);
        assert_eq!(r[4], u.title);
        assert_eq!(r[5], u.level.to_string());
        assert_eq!(r[6], u.credits.to_string());
        assert_eq!(r[7], u.glh.map(|h| h.to_string()).unwrap_or_default());
    }
    assert!(
        !body.iter().any(|r| r[2] == "212"),
        "ruled-out units are not in the plan"
    );
}

#[test]
fn csv_quotes_commas_quotes_and_line_breaks() {
    let mut q = cat().qualification("600/1136/1").unwrap().clone();
    q.groups[0].units[0].title = "Health, safety and \"security\"\nat work".into();
    let c = Compiled::new(&q).unwrap();
    let csv = plan_csv(&c, &q, &Plan::default(), "");
    assert!(
        csv.contains("\"Health, safety and \"\"security\"\"\nat work\""),
        "{csv}"
    );
    assert!(!csv.contains("Learner,"), "no learner line without a name");
    let rows = table(&csv);
    assert_eq!(rows[1][4], "Health, safety and \"security\"\nat work");
    assert!(rows.iter().all(|r| r.len() == 8));
}

#[test]
fn csv_leaves_glh_empty_where_not_printed() {
    let (q, c) = qual("601/3576/1");
    let rows = table(&plan_csv(&c, q, &Plan::default(), ""));
    assert!(rows.len() > 1);
    assert!(rows[1..]
        .iter()
        .all(|r| r[7].is_empty() && r[2].is_empty() && !r[3].is_empty()));
}

// ---------------------------------------------------------------------------------------------
// JSON plan file

#[test]
fn json_export_then_import_is_the_same_plan_on_every_qualification() {
    let version = catalogue_version(cat());
    assert_eq!(cat().qualifications.len(), 8);
    for q in &cat().qualifications {
        let c = Compiled::new(q).unwrap();
        let plan = sample_plan(&c);
        let text = plan_json(&c, q, &plan, &version);
        let back = read_plan_json(cat(), &text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", q.number));
        assert_eq!(back.number, q.number);
        assert_eq!(back.plan, plan, "{}", q.number);
        assert!(back.problems.is_empty(), "{}: {:?}", q.number, back.problems);

        let file: PlanFile = serde_json::from_str(&text).unwrap();
        assert_eq!(file.format, "pathway-planner-plan");
        assert_eq!(file.version, 1);
        assert_eq!(file.catalogue, version);
        assert_eq!(
            (file.qualification.number.as_str(), &file.qualification.title),
            (q.number.as_str(), &q.title)
        );
        assert!(file.verdict.met);
        assert!(file.verdict.unmet.is_empty());
        let t = c.evaluate(&plan).totals;
        let totals = &file.totals;
        assert_eq!(
            [
                totals.credits,
                totals.credits_achieved,
                totals.credits_to_do,
                totals.glh,
                totals.glh_to_do,
                totals.units
            ],
            [
                t.credits,
                t.credits_achieved,
                t.credits_to_do,
                t.glh,
                t.glh_to_do,
                t.units
            ],
            "{}",
            q.number
        );
        assert_eq!(totals.credits_needed, q.total_credits);
    }
}

#[test]
fn json_export_lists_unmet_rules() {
    let (q, c) = qual("600/1135/X");
    let text = plan_json(&c, q, &Plan::default(), "test");
    let file: PlanFile = serde_json::from_str(&text).unwrap();
    assert!(!file.verdict.met);
    assert!(!file.verdict.unmet.is_empty());
    assert!(file.verdict.unmet.iter().all(|s| s.ends_with('.')));
    assert_eq!(file.plan.registered, None);
    assert!(text.contains("\"registered\": null"), "{text}");
}

fn export(number: &str) -> String {
    let (q, c) = qual(number);
    plan_json(&c, q, &sample_plan(&c), &catalogue_version(cat()))
}

#[test]
fn import_rejects_other_formats_and_versions() {
    let good = export("600/1136/1");
    let wrong_format = good.replace("\"pathway-planner-plan\"", "\"something-else\"");
    let e = read_plan_json(cat(), &wrong_format).unwrap_err();
    assert_eq!(
        e,
        ImportError::WrongFormat {
            found: Some("something-else".into())
        }
    );
    assert!(e.to_string().contains("not a Pathway Planner plan"), "{e}");

    let e = read_plan_json(cat(), r#"{"version": 1}"#).unwrap_err();
    assert_eq!(e, ImportError::WrongFormat { found: None });

    let newer = good.replace("\"version\": 1", "\"version\": 2");
    let e = read_plan_json(cat(), &newer).unwrap_err();
    assert_eq!(e, ImportError::UnsupportedVersion { found: "2".into() });
    assert!(e.to_string().contains("newer version"), "{e}");

    let stringly = good.replace("\"version\": 1", "\"version\": \"1\"");
    assert_eq!(
        read_plan_json(cat(), &stringly).unwrap_err(),
        ImportError::UnsupportedVersion { found: "\"1\"".into() }
    );

    let no_version = good.replace("\"version\": 1,", "");
    assert_eq!(
        read_plan_json(cat(), &no_version).unwrap_err(),
        ImportError::Missing("version")
    );

    // A saved-plans entry as earlier versions wrote it (JSON).
    let saved = r#"{"format":"pathway-planner-saved","version":1,"current":null,"plans":[]}"#;
    let e = read_plan_json(cat(), saved).unwrap_err();
    assert!(e.to_string().contains("saved plans"), "{e}");
}

#[test]
fn import_names_an_unknown_qualification() {
    let good = export("600/1136/1");
    let other = good.replace("\"number\": \"600/1136/1\"", "\"number\": \"123/4567/8\"");
    let e = read_plan_json(cat(), &other).unwrap_err();
    assert_eq!(e, ImportError::UnknownQualification("123/4567/8".into()));
    assert!(e.to_string().contains("123/4567/8"));
}

#[test]
fn import_rejects_malformed_and_truncated_files() {
    let e = read_plan_json(cat(), "{not json").unwrap_err();
    assert_eq!(e, ImportError::NotJson { line: 1, column: 2 });
    assert!(e.to_string().contains("not a plan file"), "{e}");
    assert_eq!(read_plan_json(cat(), "").unwrap_err(), ImportError::CutOff);
    assert!(matches!(
        read_plan_json(cat(), "[]").unwrap_err(),
        ImportError::WrongFormat { found: None }
    ));

    let good = export("601/3478/1");
    let cut = &good[..good.len() / 2];
    let e = read_plan_json(cat(), cut).unwrap_err();
    assert_eq!(e, ImportError::CutOff);
    assert!(e.to_string().contains("cut off"), "{e}");
    // Every prefix fails cleanly; only the whole file (give or take its final newline) reads.
    for end in (0..good.len()).filter(|&i| good.is_char_boundary(i)) {
        let r = read_plan_json(cat(), &good[..end]);
        assert_eq!(r.is_ok(), end + 1 >= good.len(), "prefix of {end} bytes");
    }
    // Refused by its size, unread: this one would be a good file but for its length.
    let huge = format!("{good}{}", " ".repeat(300 * 1024));
    let e = read_plan_json(cat(), &huge).unwrap_err();
    assert_eq!(e, ImportError::TooLarge { len: huge.len() });
    assert!(e.to_string().contains("too large"), "{e}");
    let huge_garbage = format!("{{{}", "x".repeat(300 * 1024));
    assert_eq!(
        read_plan_json(cat(), &huge_garbage).unwrap_err(),
        ImportError::TooLarge {
            len: huge_garbage.len()
        }
    );
}

#[test]
fn import_drops_unknown_units_and_bad_dates_and_keeps_the_rest() {
    let text = r#"{
        "format": "pathway-planner-plan", "version": 1, "catalogue": "another",
        "qualification": {"number": "600-1136-1"},
        "plan": {"chosen": ["204", "999", 207, "101", "abc"], "achieved": ["302"], "ruled_out": "oops",
                 "registered": "2017-02-30"},
        "totals": {"credits": 1000}, "future": [1, 2]
    }"#;
    let got = read_plan_json(cat(), text).unwrap();
    assert_eq!(got.number, "600/1136/1");
    assert_eq!(got.plan.chosen, set(&["204"]), "mandatory 101 is never listed");
    assert_eq!(got.plan.achieved, set(&["302"]));
    assert_eq!(got.plan.registered, None);
    let all = got.problems.join("\n");
    assert!(all.contains("999, abc"), "{all}");
    assert!(all.contains("different qualification data"), "{all}");
    assert!(all.contains("not a real date"), "{all}");
    assert!(all.contains("a number instead of a unit"), "{all}");
    assert!(all.contains("ruled out is a text instead of a list"), "{all}");
    assert_eq!(got.problems.len(), 5, "{all}");
}

#[test]
fn import_accepts_a_byte_order_mark_and_any_case() {
    let text = "\u{feff}{\"format\":\"pathway-planner-plan\",\"version\":1,\"qualification\":{\"number\":\"600/1135/x\"},\"plan\":{\"chosen\":[\"204\"]}}";
    let got = read_plan_json(cat(), text).unwrap();
    assert_eq!(got.number, "600/1135/X");
    assert_eq!(got.plan.chosen, set(&["204"]));
    assert!(got.problems.is_empty(), "{:?}", got.problems);
}

// ---------------------------------------------------------------------------------------------
// Saved plans

fn address(number: &str, plan: Plan) -> String {
    encode(&Route::Planner {
        number: number.into(),
        plan,
    })
}

/// A version 3 entry with these plans (JSON objects, as text).
fn entry(plans: &[String]) -> String {
    format!(
        r#"{{"format":"pathway-planner-saved","version":3,"plans":[{}]}}"#,
        plans.join(",")
    )
}

#[test]
fn saved_plans_round_trip_through_storage() {
    assert_ne!(STORAGE_KEY, RECOVERY_KEY);
    assert_ne!(STORAGE_KEY, BACKUP_KEY);
    let mut s = SavedPlans::default();
    let a = address("600/1136/1", Plan::with_chosen(["204", "207"]));
    let b = address("601/3576/1", Plan::with_chosen(["D/506/2119"]));
    assert_eq!(
        s.save_as("Amira – year 1", &a, "2026-11-23T10:00:00Z"),
        SaveOutcome::Saved { id: "p1".into() }
    );
    assert_eq!(
        s.save_as("Ben \"B\" O'Neil\n", &b, "2026-11-23T11:00:00Z"),
        SaveOutcome::Saved { id: "p2".into() }
    );
    let raw = to_storage(&s);
    assert_eq!(
        raw,
        format!(
            r#"{{"format":"pathway-planner-saved","version":3,"plans":[{{"id":"p1","name":"Amira – year 1","saved":"2026-11-23T10:00:00Z","address":"{a}"}},{{"id":"p2","name":"Ben \"B\" O'Neil","saved":"2026-11-23T11:00:00Z","address":"{b}"}}]}}"#
        )
    );
    let loaded = load(Some(&raw));
    assert_eq!(loaded.plans, s);
    assert_eq!(loaded.recovered, None);
    assert_eq!(loaded.migrated_from, None);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);

    let entries = loaded.plans.entries(cat());
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].number.as_deref(), Some("600/1136/1"));
    assert_eq!(entries[0].chosen, 2);
    assert_eq!(entries[1].number.as_deref(), Some("601/3576/1"));
    assert_eq!(entries[1].name, "Ben \"B\" O'Neil");
    assert!(entries[1].title.is_some());
    assert!(entries.iter().all(|e| e.problems.is_empty()));
}

#[test]
fn the_previous_release_s_entry_migrates_with_every_plan() {
    // Written by the release that stored saved plans as tab-separated lines (version 2).
    let raw = include_str!("fixtures/saved-plans-v2.txt");
    assert!(raw.starts_with("pathway-planner-saved 2\ncurrent\t"));
    let got = load(Some(raw));
    assert_eq!(got.migrated_from.as_deref(), Some(raw));
    assert_eq!(got.recovered, None);
    assert!(got.problems.is_empty(), "{:?}", got.problems);
    let plans: Vec<[&str; 4]> = got
        .plans
        .plans
        .iter()
        .map(|p| [p.id.as_str(), &p.name, &p.saved, &p.address])
        .collect();
    assert_eq!(
        plans,
        [
            [
                "p1",
                "Amira – year 1",
                "2026-11-23T10:15:00Z",
                "#/600-1136-1?do=204,207,302,303,304&done=101&registered=2017-09-04"
            ],
            [
                "p2",
                "Ben O'Neil, café ☕ \"B\" \\ 2",
                "2026-11-23T11:02:41.518Z",
                "#/601-3576-1?do=D/506/2119,H/506/2154"
            ],
            [
                "p3",
                "Old plan (qualification withdrawn)",
                "2025-01-05T09:00:00Z",
                "#/123-4567-8?do=101"
            ],
            [
                "p5",
                "小林 — Pearson, registered 2018",
                "2026-12-01T16:45:09Z",
                "#/601-3478-1?do=12,13&not=20&registered=2018-03-05"
            ],
        ]
    );
    let entries = got.plans.entries(cat());
    assert_eq!(entries[0].chosen, 5);
    assert_eq!(entries[0].achieved, 1);
    assert_eq!(entries[2].number, None);
    assert!(entries[2].problems.iter().any(|p| p.contains("123/4567/8")));
    assert_eq!(entries[3].number.as_deref(), Some("601/3478/1"));

    // Written again, it is version 3 and reads back the same, with nothing left to migrate; a
    // new plan takes the next id after the largest.
    let again = to_storage(&got.plans);
    assert!(again.starts_with(r#"{"format":"pathway-planner-saved","version":3,"plans":[{"id":"p1","#));
    let reread = load(Some(&again));
    assert_eq!(reread.plans, got.plans);
    assert!(reread.problems.is_empty() && reread.recovered.is_none() && reread.migrated_from.is_none());
    let mut plans = reread.plans;
    assert_eq!(
        plans.save_as("New", "#/600-1136-1", "t"),
        SaveOutcome::Saved { id: "p6".into() }
    );
}

#[test]
fn saving_a_taken_name_asks_first() {
    let mut s = SavedPlans::default();
    s.save_as("Plan", "#/600-1136-1", "t1");
    assert_eq!(
        s.save_as(" plan ", "#/600-1136-1?do=204", "t2"),
        SaveOutcome::NameTaken { id: "p1".into() }
    );
    assert_eq!(s.plans[0].address, "#/600-1136-1", "nothing changes");
    assert_eq!(s.plans.len(), 1);
    assert_eq!(s.rename("p1", "   "), Err(NameError::Empty));
    assert!(!NameError::Empty.to_string().is_empty());
}

#[test]
fn corrupt_storage_is_kept_for_recovery() {
    for raw in [
        "not a saved list at all",
        "pathway-planner-saved\nend\n",
        "pathway-planner-saved two\nend\n",
        "[1,2,3]",
        "pathway-planner-planned 2\nend\n",
        "pathway-planner-saved 3\nplan\tp1\tOne\tt1\t#/600-1136-1\nend\n",
        r#"{"format":"something-else","version":3,"plans":[]}"#,
    ] {
        let got = load(Some(raw));
        assert_eq!(got.plans, SavedPlans::default(), "{raw}");
        assert_eq!(got.recovered.as_deref(), Some(raw));
        assert_eq!(got.migrated_from, None);
        assert_eq!(got.problems.len(), 1, "{:?}", got.problems);
        assert!(
            got.problems[0].contains("could not be read") && got.problems[0].contains("kept aside"),
            "{:?}",
            got.problems
        );
    }
    let newer = r##"{"format":"pathway-planner-saved","version":4,"plans":[{"id":"p1","name":"One","saved":"t1","address":"#/600-1136-1"}]}"##;
    let got = load(Some(newer));
    assert_eq!(got.plans, SavedPlans::default());
    assert_eq!(got.recovered.as_deref(), Some(newer));
    assert!(got.problems[0].contains("newer version"), "{:?}", got.problems);
    let older = "pathway-planner-saved 1\nend\n";
    assert!(load(Some(older)).problems[0].contains("older version"));
    let huge = format!("pathway-planner-saved 2\n{}", " ".repeat(9 << 20));
    assert!(load(Some(&huge)).problems[0].contains("too large"));

    // The JSON entry of earlier versions is kept for recovery, not read.
    for json in [
        r##"{"format":"pathway-planner-saved","version":1,"current":null,"plans":[{"id":"p1","name":"One","address":"#/600-1136-1","saved":"t1"}]}"##,
        "{\"format\":\"pathway-planner-saved\",\"version\":1,\"plans\":[{\"id\"",
        r#"{"plans":[]}"#,
    ] {
        let got = load(Some(json));
        assert_eq!(got.plans, SavedPlans::default());
        assert_eq!(got.recovered.as_deref(), Some(json));
        assert_eq!(got.problems.len(), 1, "{:?}", got.problems);
        assert!(
            got.problems[0].contains("older version") && got.problems[0].contains("kept aside"),
            "{:?}",
            got.problems
        );
    }
}

#[test]
fn storage_cut_short_keeps_what_it_can_and_the_text() {
    let mut s = SavedPlans::default();
    s.save_as("One", "#/600-1136-1?do=204", "t1");
    s.save_as("Two", "#/601-3478-1?do=12", "t2");
    let full = to_storage(&s);
    // Cut off inside the second plan.
    let cut = &full[..full.find(r#"{"id":"p2""#).unwrap() + 12];
    let got = load(Some(cut));
    assert_eq!(got.plans.plans.len(), 1);
    assert_eq!(got.plans.plans[0].name, "One");
    assert_eq!(got.recovered.as_deref(), Some(cut));
    assert_eq!(got.migrated_from, None);
    assert!(got.problems.join("\n").contains("cut short"), "{:?}", got.problems);

    // Damaged rather than cut: the plans before the damage are kept.
    let damaged = full.replacen(r#"{"id":"p2""#, r#"{"id":"p2" oops"#, 1);
    assert_ne!(damaged, full);
    let got = load(Some(&damaged));
    assert_eq!(got.plans.plans.len(), 1);
    assert_eq!(got.recovered.as_deref(), Some(damaged.as_str()));
    assert!(got.problems.join("\n").contains("damaged"), "{:?}", got.problems);

    // The line format without its closing line: both plans, and the text kept, not migrated.
    let lines =
        "pathway-planner-saved 2\nplan\tp1\tOne\tt1\t#/600-1136-1?do=204\nplan\tp2\tTwo\tt2\t#/601-3478-1?do=12\n";
    let got = load(Some(lines));
    assert_eq!(got.plans.plans.len(), 2);
    assert_eq!(got.recovered.as_deref(), Some(lines));
    assert_eq!(got.migrated_from, None);
    assert!(got.problems.join("\n").contains("cut short"), "{:?}", got.problems);
}

#[test]
fn storage_keeps_any_text_in_a_field() {
    let s = SavedPlans {
        plans: vec![SavedPlan {
            id: "p\t1".into(),
            name: "A\tB".into(),
            address: "#/600-1136-1\n?do=204\"\\".into(),
            saved: "t\r1\u{0}".into(),
        }],
    };
    let raw = to_storage(&s);
    assert_eq!(raw.lines().count(), 1, "{raw}");
    let got = load(Some(&raw));
    assert_eq!(got.recovered, None, "{:?}", got.problems);
    let p = &got.plans.plans[0];
    assert_eq!(p.name, "A B", "names are cleaned as when saved");
    assert_eq!(
        (p.id.as_str(), p.address.as_str(), p.saved.as_str()),
        ("p\t1", "#/600-1136-1\n?do=204\"\\", "t\r1\u{0}")
    );
}

#[test]
fn one_bad_entry_among_good_ones_is_left_out() {
    let raw = "pathway-planner-saved 2
current\t#/600-1136-1?do=204
plan\tp1\tGood one\tt1\t#/600-1136-1?do=204
plan\tp2\tNo address\tt2\t
42
plan\tp1\tgood ONE\t\t#/601-3478-1?do=12
plan\t\tUnknown qualification\t\t#/123-4567-8
end
";
    let json = entry(&[
        r##"{"id":"p1","name":"Good one","saved":"t1","address":"#/600-1136-1?do=204"}"##.into(),
        r##"{"id":"p2","name":"No address","saved":"t2"}"##.into(),
        "42".into(),
        r##"{"id":"p1","name":"good ONE","address":"#/601-3478-1?do=12","future":[1]}"##.into(),
        r##"{"name":"Unknown qualification","address":"#/123-4567-8"}"##.into(),
    ]);
    for raw in [raw, json.as_str()] {
        let got = load(Some(raw));
        let names: Vec<&str> = got.plans.plans.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Good one", "good ONE (2)", "Unknown qualification"]);
        let ids: Vec<&str> = got.plans.plans.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["p1", "p2", "p3"], "duplicate and missing ids are replaced");
        assert_eq!(got.recovered.as_deref(), Some(raw));
        assert_eq!(got.migrated_from, None, "a damaged entry is kept aside, not migrated");
        let all = got.problems.join("\n");
        assert!(
            all.contains("\"No address\" could not be read (it has no address)"),
            "{all}"
        );
        assert!(all.contains("Saved plan number 3 could not be read"), "{all}");
        assert!(all.contains("the second is now \"good ONE (2)\""), "{all}");
        assert!(all.contains("The other saved plans are kept"), "{all}");

        let entries = got.plans.entries(cat());
        assert_eq!(entries[2].number, None);
        assert!(
            entries[2].problems.iter().any(|p| p.contains("123/4567/8")),
            "{:?}",
            entries[2].problems
        );
        // Written back, the repaired list reads cleanly.
        let again = load(Some(&to_storage(&got.plans)));
        assert_eq!(again.plans, got.plans);
        assert!(again.problems.is_empty() && again.recovered.is_none());
    }
}

#[test]
fn two_thousand_plans_with_one_name_load_at_once() {
    let plans: Vec<String> = (0..2000)
        .map(|_| r##"{"id":"p1","name":"Plan","saved":"t","address":"#/600-1136-1"}"##.to_owned())
        .collect();
    let lines: String = (0..2000).map(|_| "plan\tp1\tPlan\tt\t#/600-1136-1\n").collect();
    for raw in [entry(&plans), format!("pathway-planner-saved 2\n{lines}end\n")] {
        let start = Instant::now();
        let got = load(Some(&raw));
        let took = start.elapsed();
        assert_eq!(got.plans.plans.len(), 2000);
        let names: BTreeSet<&str> = got.plans.plans.iter().map(|p| p.name.as_str()).collect();
        let ids: BTreeSet<&str> = got.plans.plans.iter().map(|p| p.id.as_str()).collect();
        assert_eq!((names.len(), ids.len()), (2000, 2000));
        assert_eq!(got.plans.plans[1999].name, "Plan (2000)");
        assert_eq!(got.plans.plans[1999].id, "p2000");
        assert_eq!(
            got.problems,
            ["2000 saved plans were called \"Plan\"; all but the first now have a number after the name, starting with \"Plan (2)\"."]
        );
        // Generous for a debug build on a busy machine; one pass takes milliseconds.
        assert!(took < Duration::from_secs(1), "{took:?}");
        let again = load(Some(&to_storage(&got.plans)));
        assert_eq!(again.plans, got.plans);
        assert!(again.problems.is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// Errata on the printed plan

#[test]
fn the_printed_plan_lists_the_errata_of_its_rules_and_of_its_units_only() {
    let (q, c) = qual("600/1136/1");
    let plan = Plan {
        chosen: set(&["204", "319"]),
        achieved: set(&["302"]),
        registered: Date::parse_iso("2017-03-01"),
        ruled_out: BTreeSet::new(),
        carried: None,
    };
    let errata = plan_errata(cat(), &c, q, &plan);
    let ids: Vec<&str> = errata.iter().map(|e| e.id.as_str()).collect();
    // CG-01: a rule of the qualification; CG-06: unit 204, chosen; CG-07: the dated unit 319.
    for id in ["CG-01", "CG-06", "CG-07"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(!ids.contains(&"CG-11"), "unit 306 is not in the plan: {ids:?}");
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "each erratum once");
    for e in &errata {
        let source = cat().erratum(&e.id).expect("a catalogue erratum");
        assert_eq!((&e.problem, &e.treatment), (&source.problem, &source.treatment));
    }
}

#[test]
fn every_qualification_prints_its_own_errata() {
    for q in &cat().qualifications {
        let c = Compiled::new(q).unwrap();
        let errata = plan_errata(cat(), &c, q, &Plan::default());
        for e in &q.errata {
            assert!(errata.iter().any(|x| &x.id == e), "{}: {e}", q.number);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Nothing panics

proptest::proptest! {
    #[test]
    fn paste_never_panics(s in "\\PC{0,300}") {
        for q in &cat().qualifications {
            let r = resolve_paste(q, &s);
            let _ = r.messages();
        }
    }

    #[test]
    fn paste_of_unit_like_text_never_panics(s in "([LlXx]?/?[0-9]{1,4}/?[0-9]{0,4}[*,;\t\n ]{1,3}|Unit |[A-Za-z]{2,8} ){0,30}") {
        for q in &cat().qualifications {
            let r = resolve_paste(q, &s);
            for k in &r.recognised {
                proptest::prop_assert!(q.unit(k).is_some(), "{} {k}", q.number);
            }
        }
    }

    #[test]
    fn import_never_panics(s in "\\PC{0,400}") {
        let _ = read_plan_json(cat(), &s);
        let _ = load(Some(&s));
    }

    #[test]
    fn any_plan_round_trips_through_a_plan_file(
        which in 0usize..8,
        states in proptest::collection::vec(0u8..4, 100),
        day in proptest::option::of(0u32..(336 * 30)),
        version in "\\PC{0,20}|[\u{0}-\u{1f}\"\\\\]{0,5}",
    ) {
        let q = &cat().qualifications[which];
        let c = Compiled::new(q).unwrap();
        let mut plan = Plan {
            registered: day.map(|d| {
                Date::parse_iso(&format!("{:04}-{:02}-{:02}", 2000 + d / 336, 1 + (d / 28) % 12, 1 + d % 28)).unwrap()
            }),
            ..Plan::default()
        };
        // Each unit to do, achieved, ruled out or not in the plan; mandatory units only achieved.
        let units = q.groups.iter().flat_map(|g| g.units.iter().map(|u| (g.mandatory, u.key())));
        for ((mandatory, key), &state) in units.zip(&states) {
            match (mandatory, state) {
                (_, 2) => plan.achieved.insert(key),
                (false, 1) => plan.chosen.insert(key),
                (false, 3) => plan.ruled_out.insert(key),
                _ => false,
            };
        }
        let text = plan_json(&c, q, &plan, &version);
        let file: PlanFile = serde_json::from_str(&text).unwrap();
        proptest::prop_assert_eq!(&file.catalogue, &version);
        let back = read_plan_json(cat(), &text).unwrap();
        proptest::prop_assert_eq!(&back.number, &q.number);
        proptest::prop_assert_eq!(&back.plan, &plan);
        proptest::prop_assert_eq!(back.problems.len(), usize::from(version != catalogue_version(cat())));
    }

    #[test]
    fn import_of_a_damaged_file_never_panics(cut in 0usize..2000, insert in "\\PC{0,8}", pos in 0usize..2000) {
        let good = export("600/1135/X");
        let mut text = good.clone();
        let p = (0..=pos.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.insert_str(p, &insert);
        let keep = text.len().saturating_sub(cut / 4);
        let keep = (0..=keep).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.truncate(keep);
        if let Ok(got) = read_plan_json(cat(), &text) {
            let q = cat().qualification(&got.number).unwrap();
            for k in got.plan.chosen.iter().chain(&got.plan.achieved).chain(&got.plan.ruled_out) {
                proptest::prop_assert!(q.unit(k).is_some());
            }
        }
    }

    #[test]
    fn damaged_storage_never_panics_and_keeps_the_text(cut in 0usize..400, insert in "\\PC{0,8}", pos in 0usize..400) {
        let mut s = SavedPlans::default();
        s.save_as("One", "#/600-1136-1?do=204", "t1");
        s.save_as("Two", "#/601-3478-1?do=12", "t2");
        let text = damage(&to_storage(&s), cut % 40, &insert, pos);
        let got = load(Some(&text));
        if got.plans.plans.len() < 2 && !text.trim().is_empty() {
            proptest::prop_assert_eq!(got.recovered.as_deref(), Some(text.as_str()));
        }
        proptest::prop_assert_eq!(got.migrated_from, None);
        let _ = got.plans.entries(cat());
        let _ = to_storage(&got.plans);
    }

    #[test]
    fn a_damaged_version_2_entry_never_panics_and_keeps_the_text(cut in 0usize..40, insert in "\\PC{0,8}|[\t\n]", pos in 0usize..700) {
        let text = damage(include_str!("fixtures/saved-plans-v2.txt"), cut, &insert, pos);
        let got = load(Some(&text));
        if got.plans.plans.len() < 4 && !text.trim().is_empty() {
            proptest::prop_assert_eq!(got.recovered.as_deref(), Some(text.as_str()));
        }
        proptest::prop_assert!(got.recovered.is_none() || got.migrated_from.is_none());
        let again = load(Some(&to_storage(&got.plans)));
        proptest::prop_assert_eq!(again.plans, got.plans);
    }

    #[test]
    fn loading_json_like_text_never_panics(
        head in proptest::option::of(Just(r#"{"format":"pathway-planner-saved","version":3,"plans":["#)),
        s in r#"[\[\]{}",:0-9a-z\\ \-.#/]{0,200}"#,
    ) {
        let text = format!("{}{s}", head.unwrap_or(""));
        let got = load(Some(&text));
        let _ = load(Some(&to_storage(&got.plans)));
    }

    #[test]
    fn any_saved_plans_round_trip(
        ops in proptest::collection::vec(
            (0u8..4, "\\PC{0,30}|[\t\n\r a\u{0}\"\\\\]{0,10}", "#/\\PC{0,40}|#/[\u{0}-\u{1f}\"\\\\]{0,5}", "\\PC{0,25}|[\u{0}-\u{1f}]{0,3}", 0usize..10),
            0..16,
        ),
    ) {
        let mut s = SavedPlans::default();
        for (op, name, address, now, which) in ops {
            let id = s.plans.get(which % s.plans.len().max(1)).map(|p| p.id.clone()).unwrap_or_default();
            match op {
                0 | 1 => {
                    let _ = s.save_as(&name, &address, &now);
                }
                2 => {
                    let _ = s.rename(&id, &name);
                }
                _ => {
                    let _ = s.delete(&id);
                }
            }
        }
        let got = load(Some(&to_storage(&s)));
        proptest::prop_assert_eq!(&got.plans, &s);
        proptest::prop_assert!(got.problems.is_empty(), "{:?}", got.problems);
        proptest::prop_assert!(got.recovered.is_none() && got.migrated_from.is_none());
    }
}

/// `text` with `insert` put in at about byte `pos` and then `cut` bytes (about) taken off the end.
fn damage(text: &str, cut: usize, insert: &str, pos: usize) -> String {
    let mut text = text.to_owned();
    let p = (0..=pos.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    text.insert_str(p, insert);
    let keep = text.len().saturating_sub(cut);
    let keep = (0..=keep).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    text.truncate(keep);
    text
}

#[test]
fn a_plan_file_naming_thousands_of_unknown_units_is_read_in_one_pass_and_summarised() {
    let units: Vec<String> = (0..20_000).map(|n| format!("\"X{n}\"")).collect();
    let numbers = vec!["7"; 5_000].join(",");
    let text = format!(
        r#"{{"format": "pathway-planner-plan", "version": 1, "qualification": {{"number": "600/1136/1"}},
            "plan": {{"chosen": [{}, "204"], "achieved": [{numbers}]}}}}"#,
        units.join(",")
    );
    assert!(text.len() < pathway_planner::travel::json::MAX_PLAN_BYTES);
    let got = read_plan_json(cat(), &text).unwrap();
    assert_eq!(got.plan.chosen, set(&["204"]));
    assert_eq!(got.problems.len(), 2, "{:?}", got.problems);
    let all = got.problems.join("\n");
    assert!(
        all.contains("5,000 entries in the plan's list of units achieved are not units"),
        "{all}"
    );
    assert!(
        all.contains("The file names 20,000 units that 600/1136/1 does not have: X0, X1,"),
        "{all}"
    );
    assert!(all.contains(" and 19,990 more."), "{all}");
    assert!(all.len() < 1_000);
}
