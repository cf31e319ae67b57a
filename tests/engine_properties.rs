//! Properties of the rules engine on every qualification in the catalogue, against a
//! brute-force checker written here straight from the catalogue's JSON model.
//!
//! The checker knows nothing of the engine's internals: it reads the catalogue's unit entries in
//! document order, sums credits per group and level itself, looks units up by key, and compares
//! registration dates as ISO text. It shares only the rule ids the page uses: printed rule ids,
//! `mandatory-<group>`, `barred-<a>-<b>` (the pair in document order) and `registration-<unit>`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use pathway_planner::catalogue::{embedded, Qualification, RuleKind, UnitEntry};
use pathway_planner::date::Date;
use pathway_planner::engine::{Compiled, Plan, PlanSets, UnitSet};

/// Registration dates the plans are generated with: unknown, either side of 1 July 2017, later.
const DATES: [Option<&str>; 4] = [None, Some("2017-06-30"), Some("2017-07-01"), Some("2020-01-01")];

/// Cases per property per qualification.
const CASES: u32 = 256;

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

struct Fixture {
    q: Qualification,
    /// The catalogue's unit entries in document order, with their group and key.
    entries: Vec<Entry>,
    /// Document position by unit key.
    position: HashMap<String, usize>,
    /// The checker's rule ids, in the order `brute_force` reports them.
    ids: Vec<String>,
    c: Compiled,
}

struct Entry {
    group: String,
    key: String,
    unit: UnitEntry,
}

fn fixture(number: &str) -> &'static Fixture {
    static ALL: OnceLock<Vec<Fixture>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let cat = embedded().unwrap_or_else(|e| panic!("{e}"));
        cat.qualifications.into_iter().map(new_fixture).collect()
    });
    all.iter()
        .find(|f| f.q.number == number)
        .unwrap_or_else(|| panic!("no qualification {number}"))
}

fn new_fixture(q: Qualification) -> Fixture {
    let c = Compiled::new(&q).unwrap_or_else(|e| panic!("{}: {e:?}", q.number));
    let entries: Vec<Entry> = q
        .groups
        .iter()
        .flat_map(|g| {
            g.units.iter().map(move |u| Entry {
                group: g.id.clone(),
                key: u.key(),
                unit: u.clone(),
            })
        })
        .collect();
    let position = entries.iter().enumerate().map(|(i, e)| (e.key.clone(), i)).collect();
    let mut f = Fixture {
        q,
        entries,
        position,
        ids: Vec::new(),
        c,
    };
    let mut ids = Vec::new();
    each_rule(&f, &vec![false; f.entries.len()], None, &mut |id, _, _| ids.push(id()));
    f.ids = ids;
    f
}

// ---------------------------------------------------------------------------------------------
// The brute-force checker
// ---------------------------------------------------------------------------------------------

/// A plan as the checker sees it: whether each catalogue entry (by document position) is in it.
type Bits = Vec<bool>;

/// Credits of the plan's units that are in `groups` (every group when empty) and pass `level_ok`.
fn credits(f: &Fixture, plan: &[bool], groups: &[String], level_ok: impl Fn(u8) -> bool) -> u32 {
    f.entries
        .iter()
        .zip(plan)
        .filter(|&(e, &in_plan)| in_plan && (groups.is_empty() || groups.contains(&e.group)) && level_ok(e.unit.level))
        .map(|(e, _)| e.unit.credits)
        .sum()
}

fn at_level(level: u8, or_above: bool) -> impl Fn(u8) -> bool {
    move |l| if or_above { l >= level } else { l == level }
}

fn kind_holds(f: &Fixture, plan: &[bool], kind: &RuleKind) -> bool {
    match kind {
        RuleKind::MinTotalCredits { min } => credits(f, plan, &[], |_| true) >= *min,
        RuleKind::MinGroupCredits { groups, min } => credits(f, plan, groups, |_| true) >= *min,
        RuleKind::MaxGroupCredits { groups, max } => credits(f, plan, groups, |_| true) <= *max,
        RuleKind::MinLevelCredits {
            level,
            or_above,
            min,
            groups,
        } => credits(f, plan, groups, at_level(*level, *or_above)) >= *min,
        RuleKind::MaxLevelCredits {
            level,
            or_above,
            max,
            groups,
        } => credits(f, plan, groups, at_level(*level, *or_above)) <= *max,
        RuleKind::MaxUnits { units, max } => {
            let chosen = units
                .iter()
                .filter(|k| f.position.get(*k).is_some_and(|&i| plan[i]))
                .count();
            chosen as u32 <= *max
        }
    }
}

/// Receives each rule: a way to build its id, whether it is met, and its alternative's outcome.
type RuleSink<'a> = dyn FnMut(&dyn Fn() -> String, bool, Option<bool>) + 'a;

/// Every rule of the qualification: its id (built only when asked for), whether the plan (every
/// unit in it, achieved or not) meets it, and whether it meets the alternative reading if any.
fn each_rule(f: &Fixture, plan: &[bool], registered: Option<&str>, out: &mut RuleSink) {
    for g in f.q.groups.iter().filter(|g| g.mandatory) {
        let all = f
            .entries
            .iter()
            .zip(plan)
            .filter(|(e, _)| e.group == g.id)
            .all(|(_, &p)| p);
        out(&|| format!("mandatory-{}", g.id), all, None);
    }
    for r in &f.q.rules {
        let alt = r.alternative.as_ref().map(|k| kind_holds(f, plan, k));
        out(&|| r.id.clone(), kind_holds(f, plan, &r.kind), alt);
    }
    let mut pairs = BTreeSet::new();
    for (i, e) in f.entries.iter().enumerate() {
        for b in &e.unit.barred {
            let Some(&j) = f.position.get(b) else {
                continue;
            };
            let (a, b) = (i.min(j), i.max(j));
            if pairs.insert((a, b)) {
                let id = || format!("barred-{}-{}", f.entries[a].key, f.entries[b].key);
                out(&id, !(plan[a] && plan[b]), None);
            }
        }
        if let Some(w) = &e.unit.availability {
            let admitted = registered.is_some_and(|d| {
                w.from.as_deref().is_none_or(|from| d >= from) && w.before.as_deref().is_none_or(|before| d < before)
            });
            out(&|| format!("registration-{}", e.key), !plan[i] || admitted, None);
        }
    }
}

/// Whether the plan meets each rule (and its alternative), in the order of `Fixture::ids`.
fn brute_force(f: &Fixture, plan: &[bool], registered: Option<&str>) -> Vec<(bool, Option<bool>)> {
    let mut results = Vec::with_capacity(f.ids.len());
    each_rule(f, plan, registered, &mut |_, met, alt| results.push((met, alt)));
    results
}

/// The checker's results by rule id.
fn by_id<'a>(f: &'a Fixture, results: &[(bool, Option<bool>)]) -> BTreeMap<&'a str, (bool, Option<bool>)> {
    f.ids.iter().map(String::as_str).zip(results.iter().copied()).collect()
}

// ---------------------------------------------------------------------------------------------
// Generated plans
// ---------------------------------------------------------------------------------------------

/// A random plan: which units are chosen and achieved (by document position), the registration
/// date, and whether it goes through `Compiled::resolve` (which adds the mandatory units) or is
/// handed to the engine as raw sets.
#[derive(Debug, Clone)]
struct Generated {
    chosen: Bits,
    achieved: Bits,
    date: usize,
    resolved: bool,
}

/// Each group gets its own density, so plans range from nearly empty to nearly full per group
/// and often sit near a group's minimum or cap.
fn generated(number: &str) -> BoxedStrategy<Generated> {
    let sizes: Vec<usize> = fixture(number).q.groups.iter().map(|g| g.units.len()).collect();
    let densities = proptest::collection::vec(0.0f64..0.8, sizes.len());
    (densities, 0.0f64..0.3, 0..DATES.len(), proptest::bool::weighted(0.8))
        .prop_flat_map(move |(densities, achieved_density, date, resolved)| {
            let chosen: Vec<_> = sizes
                .iter()
                .zip(&densities)
                .flat_map(|(&n, &d)| std::iter::repeat_n(d, n))
                .map(proptest::bool::weighted)
                .collect();
            let n: usize = sizes.iter().sum();
            let achieved = proptest::collection::vec(proptest::bool::weighted(achieved_density), n);
            (chosen, achieved, Just(date), Just(resolved))
        })
        .prop_map(|(chosen, achieved, date, resolved)| Generated {
            chosen,
            achieved,
            date,
            resolved,
        })
        .boxed()
}

/// A generated plan as the engine sees it and as the brute-force checker sees it.
struct Case {
    sets: PlanSets,
    /// Every unit in the plan, achieved or to do.
    all: Bits,
    achieved: Bits,
    registered: Option<&'static str>,
}

fn keys(f: &Fixture, bits: &[bool]) -> BTreeSet<String> {
    f.entries
        .iter()
        .zip(bits)
        .filter(|(_, &b)| b)
        .map(|(e, _)| e.key.clone())
        .collect()
}

fn case(f: &Fixture, g: &Generated) -> Case {
    let registered = DATES[g.date];
    let date = registered.map(|d| Date::parse_iso(d).expect("test dates parse"));
    let mut all: Bits = g.chosen.iter().zip(&g.achieved).map(|(c, a)| *c || *a).collect();
    let sets = if g.resolved {
        let plan = Plan {
            chosen: keys(f, &g.chosen),
            achieved: keys(f, &g.achieved),
            registered: date,
            ..Plan::default()
        };
        let (sets, unknown) = f.c.resolve(&plan);
        assert!(unknown.is_empty());
        let mandatory: BTreeSet<&str> =
            f.q.groups
                .iter()
                .filter(|g| g.mandatory)
                .map(|g| g.id.as_str())
                .collect();
        for (bit, e) in all.iter_mut().zip(&f.entries) {
            *bit |= mandatory.contains(e.group.as_str());
        }
        sets
    } else {
        let to_do: Bits = g.chosen.iter().zip(&g.achieved).map(|(c, a)| *c && !*a).collect();
        let index_set = |bits: &[bool]| -> UnitSet {
            keys(f, bits)
                .iter()
                .map(|k| f.c.index(k).unwrap_or_else(|| panic!("engine lacks unit {k}")))
                .collect()
        };
        PlanSets {
            to_do: index_set(&to_do),
            achieved: index_set(&g.achieved),
            registered: date,
        }
    };
    Case {
        sets,
        all,
        achieved: g.achieved.clone(),
        registered,
    }
}

fn engine_keys(c: &Compiled, set: UnitSet) -> BTreeSet<String> {
    set.iter().map(|i| c.units[i].key.clone()).collect()
}

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

/// (a) The verdict, `is_valid` and the totals agree with the brute-force checker.
fn check_verdict(number: &str, g: &Generated) -> Result<(), TestCaseError> {
    let f = fixture(number);
    let k = case(f, g);
    prop_assert_eq!(
        engine_keys(&f.c, k.sets.all()),
        keys(f, &k.all),
        "the engine's plan is the checker's plan"
    );
    let valid = brute_force(f, &k.all, k.registered).iter().all(|(met, _)| *met);
    let v = f.c.evaluate_sets(&k.sets);
    prop_assert_eq!(
        v.met(),
        valid,
        "verdict; unmet {:?}",
        v.unmet().map(|r| &r.id).collect::<Vec<_>>()
    );
    prop_assert_eq!(f.c.is_valid(k.sets.all(), k.sets.registered), valid, "is_valid");
    if g.resolved {
        let plan = Plan {
            chosen: engine_keys(&f.c, k.sets.to_do),
            achieved: keys(f, &k.achieved),
            registered: k.sets.registered,
            ..Plan::default()
        };
        prop_assert_eq!(
            &f.c.evaluate(&plan),
            &v,
            "evaluate(plan) is evaluate_sets(resolve(plan))"
        );
    }

    // Totals, summed here from the catalogue entries.
    let in_plan: Vec<(&UnitEntry, bool)> = f
        .entries
        .iter()
        .zip(&k.all)
        .zip(&k.achieved)
        .filter(|((_, &p), _)| p)
        .map(|((e, _), &a)| (&e.unit, a))
        .collect();
    let t = &v.totals;
    let achieved_credits: u32 = in_plan.iter().filter(|(_, a)| *a).map(|(u, _)| u.credits).sum();
    prop_assert_eq!(t.credits, in_plan.iter().map(|(u, _)| u.credits).sum::<u32>());
    prop_assert_eq!(t.credits_achieved, achieved_credits);
    prop_assert_eq!(t.credits_to_do, t.credits - achieved_credits);
    prop_assert_eq!(t.units as usize, in_plan.len());
    prop_assert_eq!(t.units_achieved as usize, in_plan.iter().filter(|(_, a)| *a).count());
    prop_assert_eq!(t.glh, in_plan.iter().filter_map(|(u, _)| u.glh).sum::<u32>());
    prop_assert_eq!(
        t.glh_to_do,
        in_plan
            .iter()
            .filter(|(_, a)| !*a)
            .filter_map(|(u, _)| u.glh)
            .sum::<u32>()
    );
    let missing: BTreeSet<String> = in_plan
        .iter()
        .filter(|(u, _)| u.glh.is_none())
        .map(|(u, _)| u.key())
        .collect();
    prop_assert_eq!(t.glh_missing.iter().cloned().collect::<BTreeSet<_>>(), missing);
    let mut by_level = BTreeMap::new();
    for (u, _) in &in_plan {
        *by_level.entry(u.level).or_insert(0) += u.credits;
    }
    prop_assert_eq!(&t.credits_by_level, &by_level.into_iter().collect::<Vec<_>>());
    let by_group: Vec<(String, u32)> =
        f.q.groups
            .iter()
            .map(|grp| {
                (
                    grp.id.clone(),
                    credits(f, &k.all, std::slice::from_ref(&grp.id), |_| true),
                )
            })
            .collect();
    prop_assert_eq!(&t.credits_by_group, &by_group);
    Ok(())
}

/// (c) The same rules, one result each, and each finding (and alternative) agrees with the checker.
fn check_rules(number: &str, g: &Generated) -> Result<(), TestCaseError> {
    let f = fixture(number);
    let k = case(f, g);
    let expected = by_id(f, &brute_force(f, &k.all, k.registered));
    let v = f.c.evaluate_sets(&k.sets);
    let ids: Vec<&str> = v.rules.iter().map(|r| r.id.as_str()).collect();
    prop_assert_eq!(ids.len(), f.ids.len(), "rules {:?}, checker {:?}", ids, f.ids);
    prop_assert_eq!(
        ids.iter().copied().collect::<BTreeSet<_>>(),
        expected.keys().copied().collect::<BTreeSet<_>>()
    );
    for r in &v.rules {
        let (met, alt) = expected[r.id.as_str()];
        prop_assert_eq!(r.finding.met(), met, "rule {}: {}", r.id, r.sentence());
        prop_assert_eq!(r.finding.shortfall() == 0, met, "rule {}: shortfall", r.id);
        prop_assert_eq!(
            r.alternative.as_ref().map(|a| a.met()),
            alt,
            "rule {}: alternative",
            r.id
        );
        prop_assert_eq!(
            r.reading_matters(),
            alt.is_some_and(|a| a != met),
            "rule {}: reading matters",
            r.id
        );
    }
    Ok(())
}

/// (b) What choosing (or removing) each unit would do is exactly the difference between the
/// plan now and the changed plan evaluated directly: the checker decides which rules break and
/// which are fixed, and a broken rule reads as the engine's verdict on the changed plan has it.
fn check_predictions(number: &str, g: &Generated) -> Result<(), TestCaseError> {
    let f = fixture(number);
    let k = case(f, g);
    let now = f.c.evaluate_sets(&k.sets);
    // The verdict's rules, in its order, as positions in the checker's results.
    let mut order = Vec::with_capacity(now.rules.len());
    for r in &now.rules {
        let at = f.ids.iter().position(|id| *id == r.id);
        prop_assert!(at.is_some(), "the checker has no rule {}", r.id);
        order.extend(at);
    }
    let before = brute_force(f, &k.all, k.registered);
    let mut changeable = Vec::new();
    for (i, unit) in f.c.units.iter().enumerate() {
        let p = f.c.predict(&k.sets, i);
        prop_assert_eq!(p.unit, i);
        let pos = f.position[&unit.key];
        let adding = !k.all[pos];
        let mut all = k.all.clone();
        all[pos] = adding;
        let after = brute_force(f, &all, k.registered);
        let breaks: Vec<&str> = order
            .iter()
            .filter(|&&r| before[r].0 && !after[r].0)
            .map(|&r| f.ids[r].as_str())
            .collect();
        let fixes: Vec<&str> = order
            .iter()
            .filter(|&&r| !before[r].0 && after[r].0)
            .map(|&r| f.ids[r].as_str())
            .collect();
        prop_assert_eq!(p.is_fine(), breaks.is_empty(), "unit {}", unit.key);
        let got: Vec<&str> = p.breaks.iter().map(|r| r.id.as_str()).collect();
        prop_assert_eq!(got, breaks, "breaks for unit {}", unit.key);
        prop_assert_eq!(
            p.fixes.iter().map(String::as_str).collect::<Vec<_>>(),
            fixes,
            "fixes for unit {}",
            unit.key
        );
        if !p.breaks.is_empty() {
            let changed = if adding {
                PlanSets {
                    to_do: k.sets.to_do.with(i),
                    ..k.sets
                }
            } else {
                PlanSets {
                    to_do: k.sets.to_do.without(i),
                    achieved: k.sets.achieved.without(i),
                    ..k.sets
                }
            };
            let then = f.c.evaluate_sets(&changed);
            for b in &p.breaks {
                let reads = then.rules.iter().find(|r| r.id == b.id);
                prop_assert_eq!(Some(b), reads, "a broken rule reads as it would after the change");
            }
            prop_assert_eq!(p.reasons(&f.c, adding).len(), p.breaks.len());
        }
        if !k.sets.achieved.contains(i) && !f.c.mandatory.contains(i) {
            changeable.push(p);
        }
    }
    // `predictions` is `predict` for every unit the learner can still change.
    prop_assert_eq!(f.c.predictions(&k.sets), changeable);
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

macro_rules! properties {
    ($($name:ident => $number:literal),* $(,)?) => {$(
        mod $name {
            use super::*;

            proptest! {
                #![proptest_config(config())]

                #[test]
                fn verdict_agrees_with_brute_force(g in generated($number)) {
                    check_verdict($number, &g)?;
                }

                #[test]
                fn each_rule_agrees_with_brute_force(g in generated($number)) {
                    check_rules($number, &g)?;
                }

                #[test]
                fn predictions_are_exact(g in generated($number)) {
                    check_predictions($number, &g)?;
                }
            }
        }
    )*};
}

properties! {
    proqual_l2_diploma => "601/3576/1",
    pearson_l3_diploma => "601/3478/1",
    proqual_l4_diploma => "601/4756/8",
    cg_l1_award => "600/1244/4",
    cg_l1_certificate => "600/1286/9",
    cg_l2_certificate => "600/1135/X",
    cg_l3_diploma => "600/1136/1",
    cg_l4_diploma => "600/1288/2",
}

#[test]
fn every_qualification_has_properties() {
    let cat = embedded().unwrap();
    let mut in_catalogue: Vec<&str> = cat.qualifications.iter().map(|q| q.number.as_str()).collect();
    in_catalogue.sort();
    let mut here = NUMBERS.to_vec();
    here.sort();
    assert_eq!(here, in_catalogue);
}

/// The generator reaches both verdicts and both states of every rule on every qualification,
/// so the properties above are not vacuous.
#[test]
fn generated_plans_cover_every_rule_both_ways() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    for f in NUMBERS.iter().map(|n| fixture(n)) {
        let mut runner = TestRunner::new_with_rng(
            Config {
                failure_persistence: None,
                ..Config::default()
            },
            TestRng::deterministic_rng(RngAlgorithm::ChaCha),
        );
        let strategy = generated(&f.q.number);
        let mut seen = vec![(false, false); f.ids.len()];
        let mut valid = 0;
        for _ in 0..CASES {
            let g = strategy.new_tree(&mut runner).expect("generates").current();
            let k = case(f, &g);
            let results = brute_force(f, &k.all, k.registered);
            valid += usize::from(results.iter().all(|(met, _)| *met));
            for (s, (met, _)) in seen.iter_mut().zip(results) {
                if met {
                    s.0 = true;
                } else {
                    s.1 = true;
                }
            }
        }
        assert!(
            valid > 0 && valid < CASES as usize,
            "{}: {valid} of {CASES} plans valid",
            f.q.number
        );
        let one_way: Vec<_> = f
            .ids
            .iter()
            .zip(&seen)
            .filter(|(_, (m, u))| !(*m && *u))
            .map(|(id, _)| id)
            .collect();
        assert!(
            one_way.is_empty(),
            "{}: rules only ever met or only ever unmet: {one_way:?}",
            f.q.number
        );
    }
}
