//! Unit tests: the order and helpers, a hand-made qualification, and random small
//! qualifications (every rule kind, barred pairs, dated units, overlapping caps) against
//! exhaustive search.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;
use crate::catalogue::{Qualification, RuleKind};

// Qualifications are built as JSON, as the catalogue stores them, so new optional fields in the
// model do not break these tests.

fn unit(number: &str, level: u8, credits: u32, glh: Option<u32>) -> Value {
    json!({"ref": format!("R/{number}"), "number": number, "title": format!("Unit {number}"),
           "level": level, "credits": credits, "glh": glh})
}

fn dated(mut u: Value, from: Option<&str>, before: Option<&str>) -> Value {
    u["availability"] = json!({"from": from, "before": before, "text": "window"});
    u
}

fn barred(mut u: Value, with: &[&str]) -> Value {
    u["barred"] = json!(with);
    u
}

fn group(id: &str, mandatory: bool, units: Vec<Value>) -> Value {
    json!({"id": id, "title": format!("Group {id}"), "mandatory": mandatory, "units": units})
}

fn rule(id: &str, kind: RuleKind) -> Value {
    json!({"id": id, "kind": kind})
}

/// A rule the documents allow to be read two ways: `kind` as the verdict reads it, `other` the
/// other reading.
fn ambiguous(id: &str, kind: RuleKind, other: RuleKind) -> Value {
    json!({"id": id, "kind": kind, "alternative": other})
}

fn qualification(groups: Vec<Value>, rules: Vec<Value>) -> Qualification {
    let v = json!({"number": "T/1", "title": "Toy", "awarding_body": "Test", "level": 2, "total_credits": 0,
                   "source": {"document": "d", "section": "s"}, "rules_text": [], "groups": groups, "rules": rules});
    serde_json::from_value(v).expect("toy qualification parses")
}

fn groups(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| (*s).to_owned()).collect()
}

/// A: 101 (2 credits, mandatory). B: 102 3cr 12h, 103 3cr no GLH, 202 4cr 24h.
/// C: 112 2cr 15h (barred 221), 113 3cr 20h, 221 3cr 20h, 319 4cr 20h (before 2017-07-01),
/// 619 4cr 20h (from 2017-07-01).
fn toy(rules: Vec<Value>) -> Compiled {
    let q = qualification(
        vec![
            group("A", true, vec![unit("101", 1, 2, Some(9))]),
            group(
                "B",
                false,
                vec![
                    unit("102", 1, 3, Some(12)),
                    unit("103", 1, 3, None),
                    unit("202", 2, 4, Some(24)),
                ],
            ),
            group(
                "C",
                false,
                vec![
                    barred(unit("112", 1, 2, Some(15)), &["221"]),
                    unit("113", 1, 3, Some(20)),
                    barred(unit("221", 2, 3, Some(20)), &["112"]),
                    dated(unit("319", 3, 4, Some(20)), None, Some("2017-07-01")),
                    dated(unit("619", 3, 4, Some(20)), Some("2017-07-01"), None),
                ],
            ),
        ],
        rules,
    );
    Compiled::new(&q).expect("toy compiles")
}

fn keys(c: &Compiled, s: UnitSet) -> Vec<&str> {
    s.iter().map(|i| c.units[i].key.as_str()).collect()
}

fn set(c: &Compiled, ks: &[&str]) -> UnitSet {
    ks.iter().map(|k| c.index(k).unwrap()).collect()
}

fn empty(c: &Compiled) -> PlanSets {
    PlanSets {
        to_do: c.mandatory,
        ..PlanSets::default()
    }
}

fn run(c: &Compiled, sets: &PlanSets, ruled_out: UnitSet, goal: Goal) -> Result<Completion, Infeasible> {
    complete(
        c,
        Request {
            plan: sets,
            ruled_out,
            goal,
        },
    )
}

#[test]
fn the_order_prefers_lower_cost_then_earlier_units() {
    let a: UnitSet = [1, 5].into_iter().collect();
    let b: UnitSet = [2, 3].into_iter().collect();
    let cost = Cost([1, 2, 3]);
    assert!(dp::precedes((cost, a), (cost, b)));
    assert!(!dp::precedes((cost, b), (cost, a)));
    assert!(!dp::precedes((cost, a), (cost, a)));
    assert!(dp::precedes((Cost([1, 2, 2]), b), (cost, a)));
    assert!(dp::precedes((Cost([0, 9, 9]), b), (cost, a)));
}

#[test]
fn goals_order_their_measures() {
    assert_eq!(
        Goal::FewestHours.order(),
        [Measure::Hours, Measure::Credits, Measure::Units]
    );
    assert_eq!(
        Goal::FewestCredits.order(),
        [Measure::Credits, Measure::Hours, Measure::Units]
    );
    assert_eq!(
        Goal::FewestUnits.order(),
        [Measure::Units, Measure::Hours, Measure::Credits]
    );
}

#[test]
fn hours_fall_back_to_ten_per_credit() {
    let c = toy(vec![]);
    assert_eq!(unit_hours(&c.units[c.index("102").unwrap()]), 12);
    assert_eq!(unit_hours(&c.units[c.index("103").unwrap()]), 30);
}

#[test]
fn a_plan_that_meets_every_rule_needs_nothing() {
    let c = toy(vec![rule("total", RuleKind::MinTotalCredits { min: 2 })]);
    for goal in Goal::ALL {
        let done = run(&c, &empty(&c), UnitSet::EMPTY, goal).unwrap();
        assert!(done.added.is_empty());
        assert_eq!((done.added_credits, done.added_hours, done.added_units), (0, 0, 0));
    }
}

#[test]
fn each_goal_finds_its_own_best() {
    // 6 more credits needed. Fewest hours: 102 + 113 (6 credits, 32 h) ties 102 + 221 on every
    // measure and wins on position; 112 + 202 is 39 h, 102 + 202 is 36 h, 102 + 103 is 42 h.
    let c = toy(vec![rule("total", RuleKind::MinTotalCredits { min: 8 })]);
    let h = run(&c, &empty(&c), UnitSet::EMPTY, Goal::FewestHours).unwrap();
    assert_eq!(keys(&c, h.added), ["102", "113"]);
    assert_eq!((h.added_hours, h.added_credits), (32, 6));
    let cr = run(&c, &empty(&c), UnitSet::EMPTY, Goal::FewestCredits).unwrap();
    assert_eq!(cr.added_credits, 6);
    assert_eq!(keys(&c, cr.added), ["102", "113"]);
    // Without a date the dated units 319 and 619 are out; two units are needed either way.
    let u = run(&c, &empty(&c), UnitSet::EMPTY, Goal::FewestUnits).unwrap();
    assert_eq!(u.added_units, 2);
    // With a date, 202 + 319 is two units too; fewest units then fewest hours picks 102 + 113
    // (32 h) over 202 + 319 (44 h).
    let dated = PlanSets {
        registered: Date::parse_iso("2016-01-01"),
        ..empty(&c)
    };
    let u = run(&c, &dated, UnitSet::EMPTY, Goal::FewestUnits).unwrap();
    assert_eq!(keys(&c, u.added), ["102", "113"]);
}

#[test]
fn unknown_glh_is_reported() {
    let c = toy(vec![rule(
        "min-b",
        RuleKind::MinGroupCredits {
            groups: groups(&["B"]),
            min: 10,
        },
    )]);
    let done = run(&c, &empty(&c), UnitSet::EMPTY, Goal::FewestHours).unwrap();
    assert_eq!(keys(&c, done.added), ["102", "103", "202"]);
    assert_eq!(done.glh_unknown, vec![c.index("103").unwrap()]);
    assert_eq!(done.added_glh, 36);
    assert_eq!(done.added_hours, 66);
}

#[test]
fn ties_go_to_the_earlier_units() {
    // 102 and 103 both give 3 credits; with fewest credits then hours, 102 (12 h) beats 103
    // (30 h estimated). With hours equal, position decides: 113 vs 221 (both 3 credits, 20 h).
    let c = toy(vec![rule(
        "min-c",
        RuleKind::MinGroupCredits {
            groups: groups(&["C"]),
            min: 3,
        },
    )]);
    let ruled_out = set(&c, &["112"]);
    let done = run(&c, &empty(&c), ruled_out, Goal::FewestCredits).unwrap();
    assert_eq!(keys(&c, done.added), ["113"]);
    let ruled_out = set(&c, &["112", "113"]);
    let done = run(&c, &empty(&c), ruled_out, Goal::FewestCredits).unwrap();
    assert_eq!(keys(&c, done.added), ["221"]);
}

#[test]
fn the_date_decides_which_dated_unit_is_usable() {
    let c = toy(vec![rule(
        "l3",
        RuleKind::MinLevelCredits {
            level: 3,
            or_above: true,
            min: 4,
            groups: vec![],
        },
    )]);
    let before = PlanSets {
        registered: Date::parse_iso("2017-06-30"),
        ..empty(&c)
    };
    let after = PlanSets {
        registered: Date::parse_iso("2017-07-01"),
        ..empty(&c)
    };
    assert_eq!(
        keys(&c, run(&c, &before, UnitSet::EMPTY, Goal::FewestUnits).unwrap().added),
        ["319"]
    );
    assert_eq!(
        keys(&c, run(&c, &after, UnitSet::EMPTY, Goal::FewestUnits).unwrap().added),
        ["619"]
    );
    let why = run(&c, &empty(&c), UnitSet::EMPTY, Goal::FewestUnits).unwrap_err();
    assert!(
        matches!(
            &why.conflicts[..],
            [Conflict::Short {
                min: 4,
                have: 0,
                left: 0,
                ..
            }]
        ),
        "{why:?}"
    );
    let text = why.explain(&c);
    assert_eq!(
        text,
        "The plan needs 4 credits at level 3 or above: 0 so far, and no units that count towards it are left to \
         choose. Units 319 and 619 depend on the registration date, which is not given, so they are left out."
    );
    // The shortest route tries both sides of the boundary and says which date it assumed.
    let routes = shortest_routes(&c).unwrap();
    assert_eq!(keys(&c, routes.units.units), ["101", "319"]);
    assert_eq!(routes.units.registered, Date::parse_iso("2017-06-30"));
}

#[test]
fn representative_dates_cover_each_stretch() {
    let c = toy(vec![]);
    assert_eq!(
        representative_dates(&c),
        vec![Date::parse_iso("2017-06-30"), Date::parse_iso("2017-07-01")]
    );
    assert_eq!(
        day_before(Date::parse_iso("2016-03-01").unwrap()),
        Date::parse_iso("2016-02-29").unwrap()
    );
    assert_eq!(
        day_before(Date::parse_iso("2017-01-01").unwrap()),
        Date::parse_iso("2016-12-31").unwrap()
    );
}

#[test]
fn a_barred_partner_in_the_plan_shuts_the_other_out() {
    let c = toy(vec![rule(
        "min-c",
        RuleKind::MinGroupCredits {
            groups: groups(&["C"]),
            min: 5,
        },
    )]);
    let sets = PlanSets {
        to_do: c.mandatory.or(set(&c, &["112"])),
        ..PlanSets::default()
    };
    let done = run(&c, &sets, set(&c, &["113"]), Goal::FewestUnits);
    // 112 (2) needs 3 more from C: 113 is ruled out, 221 is barred with 112, 319/619 need a date.
    let why = done.unwrap_err();
    let text = why.explain(&c);
    assert!(text.contains("Units 112 and 221 cannot be taken together"), "{text}");
    assert!(text.contains("Unit 113 is ruled out."), "{text}");
}

#[test]
fn rules_together_are_listed_with_their_numbers() {
    // B and C together need 9; B is capped at 3, C at 5: 8 at most.
    let c = toy(vec![
        rule(
            "min-bc",
            RuleKind::MinGroupCredits {
                groups: groups(&["B", "C"]),
                min: 9,
            },
        ),
        rule(
            "max-b",
            RuleKind::MaxGroupCredits {
                groups: groups(&["B"]),
                max: 3,
            },
        ),
        rule(
            "max-c",
            RuleKind::MaxGroupCredits {
                groups: groups(&["C"]),
                max: 5,
            },
        ),
    ]);
    let why = run(&c, &empty(&c), UnitSet::EMPTY, Goal::FewestUnits).unwrap_err();
    assert!(
        matches!(&why.conflicts[..], [Conflict::Squeezed { min: 9, left_outside: 0, caps, .. }] if caps.len() == 2)
    );
    assert_eq!(
        why.explain(&c),
        "Group B is capped at 3 credits and Group C is capped at 5 credits, but Groups B and C together need 9 \
         credits, and no other units left to choose count towards it."
    );
}

#[test]
fn ruling_out_a_chosen_or_achieved_unit_is_a_contradiction() {
    let c = toy(vec![]);
    let sets = PlanSets {
        to_do: c.mandatory.or(set(&c, &["102"])),
        achieved: set(&c, &["113"]),
        registered: None,
    };
    let why = run(&c, &sets, set(&c, &["102", "113"]), Goal::FewestUnits).unwrap_err();
    let text = why.explain(&c);
    assert!(text.contains("Unit 102 is both chosen and ruled out."), "{text}");
    assert!(
        text.contains("Unit 113 is already achieved, so it cannot be ruled out."),
        "{text}"
    );
}

#[test]
fn a_dated_unit_in_the_plan_without_a_date_is_named() {
    let c = toy(vec![]);
    let sets = PlanSets {
        to_do: c.mandatory.or(set(&c, &["319"])),
        ..PlanSets::default()
    };
    let why = run(&c, &sets, UnitSet::EMPTY, Goal::FewestUnits).unwrap_err();
    assert_eq!(
        why.explain(&c),
        "Unit 319 is only for learners registered before 1 July 2017, and the plan has no registration date."
    );
}

#[test]
fn a_plan_every_reading_accepts_wins_at_equal_cost() {
    // "At least 4 credits at level 2": or above (the verdict's reading), or exactly level 2.
    let level2 = |or_above| RuleKind::MinLevelCredits {
        level: 2,
        or_above,
        min: 4,
        groups: vec![],
    };
    let c = toy(vec![ambiguous("l2", level2(true), level2(false))]);
    let registered = PlanSets {
        registered: Date::parse_iso("2016-01-01"),
        ..empty(&c)
    };
    let l2 = c.constraints().iter().position(|r| r.id == "l2").unwrap();
    // Fewest credits: 319 (level 3, 4 credits, 20 h) and 202 (level 2, 4 credits, 24 h) tie on
    // credits; 319 has fewer hours but only the "or above" reading accepts it, so 202 wins.
    let done = run(&c, &registered, UnitSet::EMPTY, Goal::FewestCredits).unwrap();
    assert_eq!(keys(&c, done.added), ["202"]);
    assert_eq!(done.robust, Robustness::Accepted);
    assert!(c.is_valid_every_reading(done.plan.all(), done.plan.registered));
    // Fewest hours: 319 (20 h) stays; accepting every reading would take 202 (24 h), 4 more.
    let done = run(&c, &registered, UnitSet::EMPTY, Goal::FewestHours).unwrap();
    assert_eq!(keys(&c, done.added), ["319"]);
    assert_eq!(
        done.robust,
        Robustness::Costs {
            rules: vec![l2],
            extra: 4,
            instead: set(&c, &["202"]),
        }
    );
    // When the other reading asks for more level 2 credits than there are (202 and 221 give 7),
    // no plan satisfies it.
    let strict = RuleKind::MinLevelCredits {
        level: 2,
        or_above: false,
        min: 8,
        groups: vec![],
    };
    let c = toy(vec![ambiguous("l2", level2(true), strict)]);
    let done = run(&c, &registered, UnitSet::EMPTY, Goal::FewestCredits).unwrap();
    assert_eq!(keys(&c, done.added), ["319"]);
    assert_eq!(done.robust, Robustness::Impossible { rules: vec![l2] });
    // The shortest routes say the same, over every registration date.
    let routes = shortest_routes(&c).unwrap();
    assert_eq!(routes.credits.robust, Robustness::Impossible { rules: vec![l2] });
    // With no rule read two ways there is nothing to say.
    let c = toy(vec![rule("l2", level2(true))]);
    let done = run(&c, &registered, UnitSet::EMPTY, Goal::FewestCredits).unwrap();
    assert_eq!(keys(&c, done.added), ["319"]);
    assert_eq!(done.robust, Robustness::Unambiguous);
}

// ---------------------------------------------------------------------------------------------
// Random small qualifications against exhaustive search.

/// A deterministic generator driven by proptest's seed.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn random_qualification(g: &mut Gen) -> Qualification {
    let n_groups = 2 + g.below(3) as usize;
    let ids = ["A", "B", "C", "D", "E"];
    let mut number = 100;
    // (group, mandatory, unit) before barred pairs are added.
    let mut units: Vec<(usize, bool, Value)> = Vec::new();
    let mut mandatory_groups = Vec::new();
    for gi in 0..n_groups {
        let mandatory = gi == 0 && g.chance(60);
        mandatory_groups.push(mandatory);
        let n_units = if mandatory { 1 + g.below(2) } else { 2 + g.below(3) };
        for _ in 0..n_units {
            number += 1;
            let glh = if g.chance(20) {
                None
            } else {
                Some(5 + g.below(40) as u32)
            };
            let mut u = unit(&number.to_string(), 1 + g.below(3) as u8, 1 + g.below(7) as u32, glh);
            if !mandatory && g.chance(12) {
                u = match g.below(3) {
                    0 => dated(u, None, Some("2017-07-01")),
                    1 => dated(u, Some("2017-07-01"), None),
                    _ => dated(u, Some("2016-01-01"), Some("2018-01-01")),
                };
            }
            units.push((gi, mandatory, u));
        }
    }
    let optional: Vec<usize> = (0..units.len()).filter(|&i| !units[i].1).collect();
    let key = |u: &Value| u["number"].as_str().expect("number").to_owned();
    for _ in 0..g.below(3) {
        let a = optional[g.below(optional.len() as u64) as usize];
        let b = optional[g.below(optional.len() as u64) as usize];
        if a != b {
            let kb = key(&units[b].2);
            let list = units[a]
                .2
                .as_object_mut()
                .expect("object")
                .entry("barred")
                .or_insert(json!([]));
            let list = list.as_array_mut().expect("array");
            if !list.contains(&json!(kb)) {
                list.push(json!(kb));
            }
        }
    }
    let optional_keys: Vec<String> = optional.iter().map(|&i| key(&units[i].2)).collect();
    let groups_json: Vec<Value> = (0..n_groups)
        .map(|gi| {
            let members = units.iter().filter(|u| u.0 == gi).map(|u| u.2.clone()).collect();
            group(ids[gi], mandatory_groups[gi], members)
        })
        .collect();
    let group_ids: Vec<String> = ids.iter().take(n_groups).map(|s| (*s).to_owned()).collect();
    let pick_groups = |g: &mut Gen| -> Vec<String> { group_ids.iter().filter(|_| g.chance(45)).cloned().collect() };
    // Another reading of a rule, as the catalogue has them: "at level N" with or without higher
    // levels, a cap over some groups or the whole plan, a minimum that may be a little off.
    let other_reading = |g: &mut Gen, kind: &RuleKind| -> RuleKind {
        let nudge = |g: &mut Gen, n: u32| (n + g.below(5) as u32).saturating_sub(2).max(1);
        match kind.clone() {
            RuleKind::MinTotalCredits { min } => RuleKind::MinTotalCredits { min: nudge(g, min) },
            RuleKind::MinGroupCredits { groups, min } => RuleKind::MinGroupCredits {
                groups: if g.chance(50) { pick_groups(g) } else { groups },
                min: nudge(g, min),
            },
            RuleKind::MaxGroupCredits { groups, max } => RuleKind::MaxGroupCredits {
                groups: if g.chance(50) { Vec::new() } else { groups },
                max: nudge(g, max),
            },
            RuleKind::MinLevelCredits {
                level,
                or_above,
                min,
                groups,
            } => RuleKind::MinLevelCredits {
                level,
                or_above: !or_above,
                min: if g.chance(70) { min } else { nudge(g, min) },
                groups,
            },
            RuleKind::MaxLevelCredits {
                level,
                or_above,
                max,
                groups,
            } => {
                let whole = g.chance(50);
                RuleKind::MaxLevelCredits {
                    level,
                    or_above: if whole { or_above } else { !or_above },
                    max,
                    groups: if whole { Vec::new() } else { groups },
                }
            }
            RuleKind::MaxUnits { max, .. } => RuleKind::MaxUnits {
                units: optional_keys.iter().filter(|_| g.chance(40)).cloned().collect(),
                max,
            },
        }
    };
    let with_reading = |g: &mut Gen, id: &str, kind: RuleKind, percent: u64| {
        if g.chance(percent) {
            let other = other_reading(g, &kind);
            ambiguous(id, kind, other)
        } else {
            rule(id, kind)
        }
    };
    let total = RuleKind::MinTotalCredits {
        min: 4 + g.below(16) as u32,
    };
    let mut rules = vec![with_reading(g, "total", total, 10)];
    for k in 0..g.below(5) {
        let kind = match g.below(5) {
            0 => RuleKind::MinGroupCredits {
                groups: pick_groups(g),
                min: 1 + g.below(10) as u32,
            },
            1 => RuleKind::MaxGroupCredits {
                groups: pick_groups(g),
                max: 2 + g.below(16) as u32,
            },
            2 => RuleKind::MinLevelCredits {
                level: 1 + g.below(3) as u8,
                or_above: g.chance(50),
                min: 1 + g.below(8) as u32,
                groups: pick_groups(g),
            },
            3 => RuleKind::MaxLevelCredits {
                level: 1 + g.below(3) as u8,
                or_above: g.chance(50),
                max: 2 + g.below(12) as u32,
                groups: pick_groups(g),
            },
            _ => RuleKind::MaxUnits {
                units: optional_keys.iter().filter(|_| g.chance(40)).cloned().collect(),
                max: 1 + g.below(3) as u32,
            },
        };
        rules.push(with_reading(g, &format!("r{k}"), kind, 50));
    }
    qualification(groups_json, rules)
}

fn hours_of(c: &Compiled, i: usize) -> u32 {
    c.units[i].glh.unwrap_or(10 * c.units[i].credits)
}

/// A valid plan found by exhaustive search: the units added, their hours, credits and count,
/// and whether every reading of the rules accepts it.
struct Found {
    added: Vec<usize>,
    measures: (u32, u32, u32),
    every_reading: bool,
}

/// Every valid way to add units to `base` from the units neither in it nor ruled out, valid
/// under at least one of `dates`.
fn enumerate(c: &Compiled, base: UnitSet, ruled_out: UnitSet, dates: &[Option<Date>]) -> Vec<Found> {
    if !base.and(ruled_out).is_empty() {
        return Vec::new();
    }
    let cand: Vec<usize> = (0..c.units.len())
        .filter(|&i| !base.contains(i) && !ruled_out.contains(i))
        .collect();
    let mut found = Vec::new();
    for mask in 0u32..(1 << cand.len()) {
        let added: Vec<usize> = (0..cand.len())
            .filter(|b| mask & (1 << b) != 0)
            .map(|b| cand[b])
            .collect();
        let all = added.iter().fold(base, |s, &i| s.with(i));
        let Some(&date) = dates.iter().find(|&&d| c.is_valid(all, d)) else {
            continue;
        };
        found.push(Found {
            measures: (
                added.iter().map(|&i| hours_of(c, i)).sum(),
                added.iter().map(|&i| c.units[i].credits).sum(),
                added.len() as u32,
            ),
            every_reading: every_combination_accepts(c, all, date),
            added,
        });
    }
    found
}

/// Whether the plan is valid under every combination of readings (the primary or the other
/// reading for each rule that has two), checked combination by combination from the verdict,
/// independently of `Compiled::is_valid_every_reading`, which must agree.
fn every_combination_accepts(c: &Compiled, all: UnitSet, registered: Option<Date>) -> bool {
    let v = c.evaluate_sets(&PlanSets {
        to_do: all,
        achieved: UnitSet::EMPTY,
        registered,
    });
    let two: Vec<usize> = (0..v.rules.len())
        .filter(|&k| v.rules[k].alternative.is_some())
        .collect();
    let every = (0u32..1 << two.len()).all(|pick| {
        v.rules
            .iter()
            .enumerate()
            .all(|(k, r)| match two.iter().position(|&t| t == k) {
                Some(bit) if pick >> bit & 1 == 1 => r.alternative.as_ref().is_some_and(|a| a.met()),
                _ => r.finding.met(),
            })
    });
    assert_eq!(every, c.is_valid_every_reading(all, registered));
    every
}

/// The documented key without readings: the goal's measure, then the others.
fn key(goal: Goal, (h, cr, n): (u32, u32, u32)) -> (u32, u32, u32) {
    match goal {
        Goal::FewestHours => (h, cr, n),
        Goal::FewestCredits => (cr, h, n),
        Goal::FewestUnits => (n, h, cr),
    }
}

/// The best plan under the documented order (goal measure, then every reading, then the other
/// measures, then position) and what the result should say about readings. `whole` is added to
/// `instead` (routes give all their units, completions what they add).
fn best(c: &Compiled, found: &[Found], goal: Goal, base: UnitSet, whole: bool) -> Option<(Vec<usize>, Robustness)> {
    let rank = |f: &Found| {
        let k = key(goal, f.measures);
        (k.0, !f.every_reading, k.1, k.2, f.added.clone())
    };
    let chosen = found.iter().min_by_key(|f| rank(f))?;
    let robust = if !c.has_alternatives() {
        Robustness::Unambiguous
    } else if chosen.every_reading {
        Robustness::Accepted
    } else {
        let all = chosen.added.iter().fold(base, |s, &i| s.with(i));
        let v = c.evaluate_sets(&PlanSets {
            to_do: all,
            ..PlanSets::default()
        });
        let rules: Vec<usize> = (0..v.rules.len())
            .filter(|&k| v.rules[k].alternative.as_ref().is_some_and(|a| !a.met()))
            .collect();
        let accepted = found
            .iter()
            .filter(|f| f.every_reading)
            .min_by_key(|f| (key(goal, f.measures), f.added.clone()));
        match accepted {
            Some(a) => {
                let added: UnitSet = a.added.iter().copied().collect();
                Robustness::Costs {
                    rules,
                    extra: key(goal, a.measures).0 - key(goal, chosen.measures).0,
                    instead: if whole { added.or(base) } else { added },
                }
            }
            None => Robustness::Impossible { rules },
        }
    };
    Some((chosen.added.clone(), robust))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 800, ..ProptestConfig::default() })]

    #[test]
    fn random_qualifications_match_exhaustive_search(seed in any::<u64>()) {
        let mut g = Gen(seed);
        let q = random_qualification(&mut g);
        let c = Compiled::new(&q).expect("compiles");
        let optional: Vec<usize> = (0..c.units.len()).filter(|&i| !c.mandatory.contains(i)).collect();
        let chosen: UnitSet = optional.iter().copied().filter(|_| g.chance(10)).collect();
        let achieved: UnitSet =
            optional.iter().copied().filter(|&i| !chosen.contains(i) && g.chance(6)).collect();
        let ruled_out: UnitSet = optional.iter().copied().filter(|_| g.chance(10)).collect();
        let registered = match g.below(4) {
            0 => None,
            1 => Date::parse_iso("2015-05-05"),
            2 => Date::parse_iso("2017-06-30"),
            _ => Date::parse_iso("2017-07-01"),
        };
        let sets = PlanSets { to_do: chosen.or(c.mandatory).minus(achieved), achieved, registered };
        let base = sets.all().or(c.mandatory);
        let found = enumerate(&c, base, ruled_out, &[registered]);
        for (goal, hashed) in Goal::ALL.into_iter().flat_map(|g| [(g, false), (g, true)]) {
            super::dp::FORCE_HASHED.with(|f| f.set(hashed));
            let got = complete(&c, Request { plan: &sets, ruled_out, goal });
            super::dp::FORCE_HASHED.with(|f| f.set(false));
            let want = best(&c, &found, goal, base, false);
            match (&got, &want) {
                (Ok(done), Some((w, robust))) => {
                    prop_assert_eq!(&done.added.iter().collect::<Vec<_>>(), w);
                    prop_assert_eq!(&done.robust, robust);
                    prop_assert!(c.is_valid(done.plan.all(), registered));
                }
                (Err(why), None) => {
                    prop_assert!(!why.conflicts.is_empty());
                    for x in &why.conflicts {
                        match x {
                            Conflict::Short { min, have, left, .. } => prop_assert!(have + left < *min),
                            Conflict::Squeezed { min, have, caps, left_outside, .. } => {
                                let room: u32 = caps.iter().map(|r| r.max.saturating_sub(r.have)).sum();
                                prop_assert!(have + left_outside + room < *min);
                            }
                            Conflict::CreditsOver { have, max, .. } => prop_assert!(have > max),
                            Conflict::CountOver { units, max, .. } => prop_assert!(units.len() as u32 > *max),
                            _ => {}
                        }
                    }
                    prop_assert!(!why.explain(&c).is_empty());
                }
                _ => prop_assert!(false, "{:?} (hashed index: {}): solver {:?} vs brute force {:?}", goal, hashed, got, want),
            }
        }
        // Shortest routes: the best over both sides of every date boundary.
        if let Ok(routes) = shortest_routes(&c) {
            let found = enumerate(&c, c.mandatory, UnitSet::EMPTY, &representative_dates(&c));
            for (goal, r) in [(Goal::FewestHours, &routes.hours), (Goal::FewestCredits, &routes.credits), (Goal::FewestUnits, &routes.units)] {
                let (w, robust) = best(&c, &found, goal, c.mandatory, true).expect("a route exists");
                prop_assert_eq!(r.units.minus(c.mandatory).iter().collect::<Vec<_>>(), w);
                prop_assert_eq!(&r.robust, &robust);
            }
        }
    }
}

/// More random qualifications against exhaustive search, counting what the results say about
/// readings: every outcome comes up often, including a plan every reading accepts chosen over
/// one that the order without readings would have picked.
#[test]
fn random_qualifications_reach_every_reading_outcome() {
    let (mut switched, mut accepted, mut costs, mut impossible, mut unambiguous) = (0, 0, 0, 0, 0);
    for seed in 0..1000u64 {
        let mut g = Gen(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let c = Compiled::new(&random_qualification(&mut g)).expect("compiles");
        let optional: Vec<usize> = (0..c.units.len()).filter(|&i| !c.mandatory.contains(i)).collect();
        let chosen: UnitSet = optional.iter().copied().filter(|_| g.chance(10)).collect();
        let sets = PlanSets {
            to_do: chosen.or(c.mandatory),
            ..PlanSets::default()
        };
        let found = enumerate(&c, sets.to_do, UnitSet::EMPTY, &[None]);
        for goal in Goal::ALL {
            let want = best(&c, &found, goal, sets.to_do, false);
            let Ok(done) = run(&c, &sets, UnitSet::EMPTY, goal) else {
                assert!(want.is_none(), "seed {seed} {goal:?}: brute force finds {want:?}");
                continue;
            };
            assert_eq!(
                Some((done.added.iter().collect::<Vec<_>>(), done.robust.clone())),
                want,
                "seed {seed} {goal:?}"
            );
            let old = found
                .iter()
                .min_by_key(|f| (key(goal, f.measures), f.added.clone()))
                .expect("a plan");
            match done.robust {
                Robustness::Accepted if done.added.iter().collect::<Vec<_>>() != old.added => switched += 1,
                Robustness::Accepted => accepted += 1,
                Robustness::Costs { .. } => costs += 1,
                Robustness::Impossible { .. } => impossible += 1,
                Robustness::Unambiguous => unambiguous += 1,
            }
        }
    }
    eprintln!(
        "switched {switched}, accepted {accepted}, costs {costs}, impossible {impossible}, unambiguous {unambiguous}"
    );
    assert!(switched >= 20 && accepted >= 20 && costs >= 20 && impossible >= 20 && unambiguous >= 20);
}
