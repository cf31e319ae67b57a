//! Each rule kind on a small hand-made qualification, at and around its edges.

use super::*;
use crate::catalogue::Qualification;

/// Group A mandatory (101: 2cr L1, 201: 4cr L2); B: 102 3cr L1, 103 3cr L1, 202 4cr L2;
/// C: 112 2cr L1 (barred 221), 113 3cr L1, 221 3cr L2 (barred 112), 319 4cr L3 (before
/// 2017-07-01), 619 4cr L3 (from 2017-07-01).
fn toy(rules: &str) -> Compiled {
    let json = format!(
        r#"{{
        "number": "T/1", "title": "Toy", "awarding_body": "Test", "level": 1, "total_credits": 12,
        "source": {{"document": "d", "section": "s"}}, "rules_text": ["x"],
        "groups": [
          {{"id": "A", "title": "A", "mandatory": true, "units": [
            {{"ref": "R/1", "number": "101", "title": "one", "level": 1, "credits": 2, "glh": 9}},
            {{"ref": "R/2", "number": "201", "title": "two", "level": 2, "credits": 4, "glh": 15}}]}},
          {{"id": "B", "title": "B", "units": [
            {{"ref": "R/3", "number": "102", "title": "three", "level": 1, "credits": 3, "glh": 12}},
            {{"ref": "R/4", "number": "103", "title": "four", "level": 1, "credits": 3}},
            {{"ref": "R/5", "number": "202", "title": "five", "level": 2, "credits": 4, "glh": 24}}]}},
          {{"id": "C", "title": "C", "units": [
            {{"ref": "R/6", "number": "112", "title": "six", "level": 1, "credits": 2, "glh": 15, "barred": ["221"]}},
            {{"ref": "R/7", "number": "113", "title": "seven", "level": 1, "credits": 3, "glh": 20}},
            {{"ref": "R/8", "number": "221", "title": "eight", "level": 2, "credits": 3, "glh": 20, "barred": ["112"]}},
            {{"ref": "R/9", "number": "319", "title": "nine", "level": 3, "credits": 4, "glh": 20,
              "availability": {{"before": "2017-07-01", "text": "before"}}}},
            {{"ref": "R/10", "number": "619", "title": "ten", "level": 3, "credits": 4, "glh": 20,
              "availability": {{"from": "2017-07-01", "text": "after"}}}}]}}
        ],
        "rules": [{rules}]
    }}"#
    );
    let q: Qualification = serde_json::from_str(&json).expect("toy parses");
    Compiled::new(&q).expect("toy compiles")
}

fn plan(keys: &[&str]) -> Plan {
    Plan::with_chosen(keys.iter().copied())
}

fn rule<'a>(v: &'a Verdict, id: &str) -> &'a RuleResult {
    v.rules
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

#[test]
fn empty_plan_includes_mandatory_units_only() {
    let c = toy(r#"{"id": "total", "kind": {"min_total_credits": {"min": 12}}}"#);
    let v = c.evaluate(&Plan::default());
    assert_eq!(v.totals.credits, 6);
    assert_eq!(v.totals.units, 2);
    assert!(rule(&v, "mandatory-A").finding.met());
    let total = rule(&v, "total");
    assert_eq!(total.finding, Finding::TotalCredits { have: 6, min: 12 });
    assert_eq!(
        total.sentence(),
        "Add at least 6 more credits: 6 of the 12 credits needed so far."
    );
    assert!(!v.met());
}

#[test]
fn total_exactly_at_minimum_is_met_and_one_short_is_not() {
    let c = toy(r#"{"id": "total", "kind": {"min_total_credits": {"min": 12}}}"#);
    assert!(c.evaluate(&plan(&["102", "103"])).met()); // 6 + 3 + 3
    let v = c.evaluate(&plan(&["102", "112"])); // 6 + 3 + 2 = 11
    assert!(!v.met());
    assert_eq!(rule(&v, "total").finding.shortfall(), 1);
    assert_eq!(
        rule(&v, "total").sentence(),
        "Add at least 1 more credit: 11 of the 12 credits needed so far."
    );
}

#[test]
fn group_minimum_over_several_groups() {
    let c = toy(r#"{"id": "min-bc", "kind": {"min_group_credits": {"groups": ["B", "C"], "min": 6}}}"#);
    let v = c.evaluate(&plan(&["102", "112"]));
    assert_eq!(
        rule(&v, "min-bc").finding,
        Finding::GroupCreditsMin {
            groups: vec!["B".into(), "C".into()],
            have: 5,
            min: 6
        }
    );
    assert_eq!(
        rule(&v, "min-bc").sentence(),
        "Add at least 1 more credit from Groups B and C together: 5 of 6 so far."
    );
    assert!(c.evaluate(&plan(&["102", "113"])).met());
}

#[test]
fn group_cap_exactly_at_and_one_over() {
    let c = toy(r#"{"id": "max-c", "kind": {"max_group_credits": {"groups": ["C"], "max": 5}}}"#);
    assert!(c.evaluate(&plan(&["112", "113"])).met()); // 5
    let v = c.evaluate(&plan(&["113", "221"])); // 6
    let r = rule(&v, "max-c");
    assert!(!r.finding.met());
    assert_eq!(r.finding.shortfall(), 1);
    assert_eq!(r.sentence(), "Group C is capped at 5 credits: this plan has 6, 1 over.");
}

#[test]
fn level_minimum_or_above_versus_exact_level() {
    let c = toy(
        r#"{"id": "l2", "kind": {"min_level_credits": {"level": 2, "or_above": true, "min": 8, "groups": []}},
            "errata": ["X-1"], "alternative": {"min_level_credits": {"level": 2, "or_above": false, "min": 8, "groups": []}}}"#,
    );
    // 201 (L2, 4) + 319 (L3, 4): 8 at level 2 or above, only 4 at exactly level 2.
    let mut p = plan(&["319"]);
    p.registered = Date::parse_iso("2016-01-01");
    let v = c.evaluate(&p);
    let r = rule(&v, "l2");
    assert!(r.finding.met());
    assert_eq!(
        r.alternative,
        Some(Finding::LevelCreditsMin {
            level: 2,
            or_above: false,
            groups: vec![],
            have: 4,
            min: 8
        })
    );
    assert!(r.reading_matters());
    assert_eq!(r.errata, vec!["X-1".to_owned()]);
    assert_eq!(r.sentence(), "At least 8 credits at level 2 or above: 8 so far.");
    // With 202 as well both readings agree.
    p.chosen.insert("202".into());
    assert!(!rule(&c.evaluate(&p), "l2").reading_matters());
}

#[test]
fn level_cap_within_groups_ignores_mandatory_units() {
    let c = toy(
        r#"{"id": "max-l2", "kind": {"max_level_credits": {"level": 2, "or_above": false, "max": 4, "groups": ["B", "C"]}}}"#,
    );
    assert!(c.evaluate(&plan(&["202"])).met()); // 4 at L2 in B/C; 201 in A not counted
    let v = c.evaluate(&plan(&["202", "221"]));
    assert_eq!(
        rule(&v, "max-l2").sentence(),
        "At most 4 credits at level 2 from Groups B and C: this plan has 7, 3 over."
    );
}

#[test]
fn no_more_than_n_of_listed_units() {
    let c = toy(r#"{"id": "max-it", "kind": {"max_units": {"units": ["112", "113", "116"], "max": 1}}}"#);
    assert!(c.evaluate(&plan(&["112"])).met());
    let v = c.evaluate(&plan(&["112", "113"]));
    let r = rule(&v, "max-it");
    assert_eq!(
        r.finding,
        Finding::UnitsMax {
            units: vec!["112".into(), "113".into(), "116".into()],
            chosen: vec!["112".into(), "113".into()],
            max: 1
        }
    );
    assert_eq!(
        r.sentence(),
        "No more than 1 of units 112, 113 and 116: this plan has 2 (112 and 113). Remove 1."
    );
}

#[test]
fn barred_pair_is_one_rule_and_breaks_only_with_both() {
    let c = toy("");
    let v = c.evaluate(&plan(&["112"]));
    let barred: Vec<_> = v
        .rules
        .iter()
        .filter(|r| matches!(r.finding, Finding::Barred { .. }))
        .collect();
    assert_eq!(barred.len(), 1, "a symmetric pair is listed once");
    assert!(v.met());
    let v = c.evaluate(&plan(&["112", "221"]));
    assert!(!v.met());
    assert_eq!(
        rule(&v, "barred-112-221").sentence(),
        "Units 112 and 221 cannot be taken together: this plan has both."
    );
}

#[test]
fn registration_date_windows() {
    let c = toy("");
    let mut p = plan(&["319"]);
    let v = c.evaluate(&p);
    assert!(!v.met(), "unknown date with a dated unit is not yet valid");
    assert_eq!(
        rule(&v, "registration-319").sentence(),
        "Enter the learner's registration date: unit 319 is only for learners registered before 1 July 2017."
    );
    p.registered = Date::parse_iso("2017-06-30");
    assert!(c.evaluate(&p).met());
    p.registered = Date::parse_iso("2017-07-01");
    let v = c.evaluate(&p);
    assert!(!v.met());
    assert_eq!(
        rule(&v, "registration-319").sentence(),
        "Unit 319 is only for learners registered before 1 July 2017; this learner registered on 1 July 2017."
    );
    let p = Plan {
        chosen: ["619".to_owned()].into(),
        registered: Date::parse_iso("2017-07-01"),
        ..Plan::default()
    };
    assert!(c.evaluate(&p).met(), "1 July 2017 itself counts as after");
}

#[test]
fn achieved_units_count_and_are_reported_apart() {
    let c = toy(r#"{"id": "total", "kind": {"min_total_credits": {"min": 12}}}"#);
    let p = Plan {
        chosen: ["102".to_owned()].into(),
        achieved: ["103".to_owned(), "101".to_owned()].into(),
        registered: None,
        ..Plan::default()
    };
    let v = c.evaluate(&p);
    assert!(v.met());
    assert_eq!(v.totals.credits, 12);
    assert_eq!(v.totals.credits_achieved, 5);
    assert_eq!(v.totals.credits_to_do, 7);
    assert_eq!(v.totals.units_achieved, 2);
    assert_eq!(v.totals.glh, 9 + 15 + 12, "103 prints no GLH");
    assert_eq!(v.totals.glh_to_do, 15 + 12);
    assert_eq!(v.totals.glh_missing, vec!["103".to_owned()]);
}

#[test]
fn unknown_keys_are_reported_not_counted() {
    let c = toy("");
    let v = c.evaluate(&plan(&["102", "999"]));
    assert_eq!(v.unknown, vec!["999".to_owned()]);
    assert_eq!(v.totals.credits, 9);
}

#[test]
fn every_unit_chosen() {
    let c = toy(r#"{"id": "total", "kind": {"min_total_credits": {"min": 12}}},
           {"id": "max-c", "kind": {"max_group_credits": {"groups": ["C"], "max": 5}}}"#);
    let p = Plan {
        chosen: c.units.iter().map(|u| u.key.clone()).collect(),
        registered: Date::parse_iso("2017-01-01"),
        ..Plan::default()
    };
    let v = c.evaluate(&p);
    let unmet: Vec<_> = v.unmet().map(|r| r.id.as_str()).collect();
    assert_eq!(unmet, vec!["max-c", "barred-112-221", "registration-619"]);
    assert_eq!(v.totals.credits, 6 + 10 + 16);
}

#[test]
fn predictions_name_the_rule_a_unit_would_break() {
    let c = toy(
        r#"{"id": "max-c", "kind": {"max_group_credits": {"groups": ["C"], "max": 5}}},
           {"id": "min-b", "kind": {"min_group_credits": {"groups": ["B"], "min": 3}}}"#,
    );
    let p = plan(&["112", "102"]);
    let (sets, _) = c.resolve(&p);
    let preds = c.predictions(&sets);
    let by_key = |k: &str| preds.iter().find(|p| c.units[p.unit].key == k).unwrap();
    assert!(by_key("113").is_fine(), "2 + 3 = 5 is at the cap");
    let p221 = by_key("221");
    assert_eq!(
        p221.breaks.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        vec!["barred-112-221"]
    );
    assert_eq!(
        p221.reasons(&c, true),
        vec!["Barred with unit 112, which is in the plan.".to_owned()]
    );
    let p319 = by_key("319");
    assert_eq!(
        p319.reasons(&c, true),
        vec![
            "Group C is capped at 5 credits: this would make 6, 1 over.".to_owned(),
            "Needs the registration date: only for learners registered before 1 July 2017.".to_owned(),
        ]
    );
    let p102 = by_key("102");
    assert_eq!(
        p102.reasons(&c, false),
        vec!["Removing it would leave Group B with 0 of 3 credits.".to_owned()]
    );
    assert!(
        preds.iter().all(|p| !c.mandatory.contains(p.unit)),
        "mandatory units cannot be removed"
    );
}
