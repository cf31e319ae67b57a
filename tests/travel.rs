//! Plans that travel: pasted lists, CSV, the JSON plan file, saved plans and the printed
//! learning plan, on the real qualifications in the embedded catalogue.

use std::collections::BTreeSet;

use pathway_planner::address::{encode, Route};
use pathway_planner::catalogue::{shared, Catalogue, Qualification};
use pathway_planner::date::Date;
use pathway_planner::engine::{Compiled, Plan};
use pathway_planner::solver::shortest_routes;
use pathway_planner::travel::csv::HEADER;
use pathway_planner::travel::json::{parse, JsonError, Value};
use pathway_planner::travel::saved::{RECOVERY_KEY, STORAGE_KEY};
use pathway_planner::travel::{
    catalogue_version, load, plan_csv, plan_errata, plan_json, plan_summary_lines, read_plan_json, resolve_paste,
    to_storage, ImportError, NameError, SaveOutcome, SavedPlan, SavedPlans,
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
        let csv = plan_csv(&c, q, &plan);
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
    let csv = plan_csv(&c, q, &plan);
    assert!(csv.starts_with("Status,Group,Unit number,Reference,Title,Level,Credits,GLH\r\n"));
    assert!(csv.ends_with("\r\n"));
    let rows = read_csv(&csv);
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
    let csv = plan_csv(&c, &q, &Plan::default());
    assert!(
        csv.contains("\"Health, safety and \"\"security\"\"\nat work\""),
        "{csv}"
    );
    let rows = read_csv(&csv);
    assert_eq!(rows[1][4], "Health, safety and \"security\"\nat work");
    assert!(rows.iter().all(|r| r.len() == 8));
}

#[test]
fn csv_leaves_glh_empty_where_not_printed() {
    let (q, c) = qual("601/3576/1");
    let rows = read_csv(&plan_csv(&c, q, &Plan::default()));
    assert!(rows.len() > 1);
    assert!(rows[1..]
        .iter()
        .all(|r| r[7].is_empty() && r[2].is_empty() && !r[3].is_empty()));
}

#[test]
fn summary_lines_say_whether_the_rules_are_met() {
    let (q, c) = qual("600/1136/1");
    let lines = plan_summary_lines(&c, q, &Plan::default());
    assert_eq!(lines[0], format!("600/1136/1 {}", q.title));
    assert!(
        lines.iter().any(|l| l.starts_with("This plan does not yet meet")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.starts_with("- ")));
    let plan = sample_plan(&c);
    let lines = plan_summary_lines(&c, q, &plan);
    assert!(
        lines.contains(&"This plan meets the rules of combination.".to_owned()),
        "{lines:?}"
    );
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

        let v = parse(&text).unwrap();
        assert_eq!(v.get("format").and_then(Value::as_str), Some("pathway-planner-plan"));
        assert_eq!(v.get("version").and_then(Value::as_i64), Some(1));
        assert_eq!(v.get("catalogue").and_then(Value::as_str), Some(version.as_str()));
        let verdict = v.get("verdict").unwrap();
        assert_eq!(verdict.get("met").and_then(Value::as_bool), Some(true));
        assert_eq!(verdict.get("unmet").and_then(Value::as_array).map(|a| a.len()), Some(0));
        let totals = v.get("totals").unwrap();
        let t = c.evaluate(&plan).totals;
        for (k, n) in [
            ("credits", t.credits),
            ("credits_achieved", t.credits_achieved),
            ("credits_to_do", t.credits_to_do),
            ("glh", t.glh),
            ("glh_to_do", t.glh_to_do),
            ("units", t.units),
        ] {
            assert_eq!(
                totals.get(k).and_then(Value::as_i64),
                Some(i64::from(n)),
                "{} {k}",
                q.number
            );
        }
    }
}

#[test]
fn json_export_lists_unmet_rules() {
    let (q, c) = qual("600/1135/X");
    let text = plan_json(&c, q, &Plan::default(), "test");
    let v = parse(&text).unwrap();
    let verdict = v.get("verdict").unwrap();
    assert_eq!(verdict.get("met"), Some(&Value::Bool(false)));
    let unmet = verdict.get("unmet").and_then(Value::as_array).unwrap();
    assert!(!unmet.is_empty());
    assert!(unmet.iter().all(|s| s.as_str().is_some_and(|s| s.ends_with('.'))));
    assert_eq!(v.get("plan").unwrap().get("registered"), Some(&Value::Null));
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
    assert!(
        matches!(e, ImportError::Malformed(JsonError::Unexpected { offset: 1, .. })),
        "{e:?}"
    );
    assert!(e.to_string().contains("not a plan file"), "{e}");
    assert!(matches!(
        read_plan_json(cat(), "").unwrap_err(),
        ImportError::Malformed(JsonError::UnexpectedEnd { .. })
    ));
    assert!(matches!(
        read_plan_json(cat(), "[]").unwrap_err(),
        ImportError::WrongFormat { found: None }
    ));

    let good = export("601/3478/1");
    let cut = &good[..good.len() / 2];
    let e = read_plan_json(cat(), cut).unwrap_err();
    assert!(
        matches!(e, ImportError::Malformed(JsonError::UnexpectedEnd { .. })),
        "{e:?}"
    );
    assert!(e.to_string().contains("cut off"), "{e}");
    // Every prefix fails cleanly; only the whole file (give or take its final newline) reads.
    for end in (0..good.len()).filter(|&i| good.is_char_boundary(i)) {
        let r = read_plan_json(cat(), &good[..end]);
        assert_eq!(r.is_ok(), end + 1 >= good.len(), "prefix of {end} bytes");
    }
    let huge = format!("{good}{}", " ".repeat(300 * 1024));
    assert!(matches!(
        read_plan_json(cat(), &huge).unwrap_err(),
        ImportError::Malformed(JsonError::TooLarge { .. })
    ));
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

#[test]
fn saved_plans_round_trip_through_storage() {
    assert_ne!(STORAGE_KEY, RECOVERY_KEY);
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
    s.current = Some(a.clone());
    let raw = to_storage(&s);
    let loaded = load(Some(&raw));
    assert_eq!(loaded.plans, s);
    assert_eq!(loaded.recovered, None);
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
fn saving_a_taken_name_asks_first() {
    let mut s = SavedPlans::default();
    s.save_as("Plan", "#/600-1136-1", "t1");
    assert_eq!(
        s.save_as(" plan ", "#/600-1136-1?do=204", "t2"),
        SaveOutcome::NameTaken { id: "p1".into() }
    );
    assert_eq!(s.plans[0].address, "#/600-1136-1", "nothing changes until confirmed");
    assert!(s.overwrite("p1", "#/600-1136-1?do=204", "t2"));
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
    ] {
        let got = load(Some(raw));
        assert_eq!(got.plans, SavedPlans::default(), "{raw}");
        assert_eq!(got.recovered.as_deref(), Some(raw));
        assert_eq!(got.problems.len(), 1, "{:?}", got.problems);
        assert!(
            got.problems[0].contains("could not be read") && got.problems[0].contains("kept aside"),
            "{:?}",
            got.problems
        );
    }
    let newer = "pathway-planner-saved 3\nplan\tp1\tOne\tt1\t#/600-1136-1\nend\n";
    let got = load(Some(newer));
    assert_eq!(got.plans, SavedPlans::default());
    assert_eq!(got.recovered.as_deref(), Some(newer));
    assert!(got.problems[0].contains("newer version"), "{:?}", got.problems);
    let older = "pathway-planner-saved 1\nend\n";
    assert!(load(Some(older)).problems[0].contains("older version"));

    // The JSON entry of earlier versions is kept for recovery, not read.
    for json in [
        r##"{"format":"pathway-planner-saved","version":1,"current":null,"plans":[{"id":"p1","name":"One","address":"#/600-1136-1","saved":"t1"}]}"##,
        "{\"format\":\"pathway-planner-saved\",\"version\":1,\"plans\":[{\"id\"",
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
    let cut = full.trim_end().strip_suffix("end").unwrap();
    let cut = &cut[..cut.trim_end().rfind('\n').unwrap() + 1];
    let got = load(Some(cut));
    assert_eq!(got.plans.plans.len(), 1);
    assert_eq!(got.plans.plans[0].name, "One");
    assert_eq!(got.recovered.as_deref(), Some(cut));
    assert!(got.problems.join("\n").contains("cut short"), "{:?}", got.problems);
}

#[test]
fn storage_fields_never_hold_tabs_or_line_breaks() {
    let s = SavedPlans {
        current: Some("#/600-1136-1\tx\ny".into()),
        plans: vec![SavedPlan {
            id: "p\t1".into(),
            name: "A\tB".into(),
            address: "#/600-1136-1\n?do=204".into(),
            saved: "t\r1".into(),
        }],
    };
    let raw = to_storage(&s);
    assert_eq!(raw.lines().count(), 4, "{raw}");
    assert!(raw.lines().all(|l| l.split('\t').count() <= 5), "{raw}");
    let got = load(Some(&raw));
    assert_eq!(got.recovered, None, "{:?}", got.problems);
    assert_eq!(got.plans.current.as_deref(), Some("#/600-1136-1 x y"));
    assert_eq!(got.plans.plans[0].name, "A B");
    assert_eq!(got.plans.plans[0].address, "#/600-1136-1 ?do=204");
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
    let got = load(Some(raw));
    let names: Vec<&str> = got.plans.plans.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Good one", "good ONE (2)", "Unknown qualification"]);
    let ids: Vec<&str> = got.plans.plans.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["p1", "p2", "p3"], "duplicate and missing ids are replaced");
    assert_eq!(got.plans.current.as_deref(), Some("#/600-1136-1?do=204"));
    assert_eq!(got.recovered.as_deref(), Some(raw));
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
        let mut text = to_storage(&s);
        let p = (0..=pos.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.insert_str(p, &insert);
        let keep = text.len().saturating_sub(cut % 40);
        let keep = (0..=keep).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.truncate(keep);
        let got = load(Some(&text));
        if got.plans.plans.len() < 2 && !text.trim().is_empty() {
            proptest::prop_assert_eq!(got.recovered.as_deref(), Some(text.as_str()));
        }
        let _ = got.plans.entries(cat());
        let _ = to_storage(&got.plans);
    }

    #[test]
    fn saved_plans_round_trip(names in proptest::collection::vec("\\PC{1,30}", 0..8), current in proptest::option::of("#/\\PC{0,40}")) {
        let mut s = SavedPlans { current, plans: Vec::new() };
        for (i, n) in names.iter().enumerate() {
            let _ = s.save_as(n, &format!("#/600-1136-1?do={i}"), "now");
        }
        let got = load(Some(&to_storage(&s)));
        proptest::prop_assert_eq!(got.plans, s);
        proptest::prop_assert!(got.problems.is_empty());
    }
}
