//! The completion solver against an independent exhaustive search, on every qualification in the
//! embedded catalogue: from empty and from partial plans, for every goal.
//!
//! The brute force here shares nothing with the solver but `Compiled::is_valid` and
//! `Compiled::is_valid_every_reading`: it enumerates every subset of the units that could be
//! added and ranks valid plans by the documented order (goal measure, then a plan every reading
//! of the rules accepts, then the other measures, then the lexicographically smallest index
//! list), and works out what the result should say about the readings.
//! Qualifications too large to enumerate are made small by ruling units out, and are also checked
//! against many random valid plans at full size.

use pathway_planner::catalogue::embedded;
use pathway_planner::date::Date;
use pathway_planner::engine::constraints::{Constraint, RuleConstraint};
use pathway_planner::engine::{Compiled, Plan, PlanSets, UnitSet};
use pathway_planner::solver::{
    complete, representative_dates, shortest_routes, Completion, Conflict, Goal, Infeasible, Request, Robustness,
};

fn compiled() -> Vec<Compiled> {
    let cat = embedded().expect("catalogue parses");
    assert!(!cat.qualifications.is_empty());
    cat.qualifications
        .iter()
        .map(|q| Compiled::new(q).expect("compiles"))
        .collect()
}

fn qualification(number: &str) -> Compiled {
    compiled()
        .into_iter()
        .find(|c| c.number == number)
        .unwrap_or_else(|| panic!("no qualification {number}"))
}

/// Hours as documented: printed GLH, else 10 per credit.
fn hours(c: &Compiled, i: usize) -> u32 {
    c.units[i].glh.unwrap_or(10 * c.units[i].credits)
}

/// The documented ranking key of a set of added units.
fn key(c: &Compiled, goal: Goal, s: &[usize]) -> (u32, u32, u32) {
    let h: u32 = s.iter().map(|&i| hours(c, i)).sum();
    let cr: u32 = s.iter().map(|&i| c.units[i].credits).sum();
    let n = s.len() as u32;
    match goal {
        Goal::FewestHours => (h, cr, n),
        Goal::FewestCredits => (cr, h, n),
        Goal::FewestUnits => (n, h, cr),
    }
}

fn base_of(c: &Compiled, sets: &PlanSets) -> UnitSet {
    sets.all().or(c.mandatory)
}

/// The documented rank: the goal's measure, then a plan every reading accepts, then the other
/// measures (ties after that go to the smaller index list).
type Rank = (u32, bool, u32, u32);

fn rank(key: (u32, u32, u32), every_reading: bool) -> Rank {
    (key.0, !every_reading, key.1, key.2)
}

/// What exhaustive search finds: the best plan's added units and what it should say about
/// readings.
type Best = (Vec<usize>, Robustness);

/// Exhaustive search over subsets of the units not in `base` and not ruled out, valid under at
/// least one of `dates`. `whole`: `instead` lists all units of the plan (routes) rather than
/// those added (completions).
fn brute_over(
    c: &Compiled,
    base: UnitSet,
    ruled_out: UnitSet,
    dates: &[Option<Date>],
    goal: Goal,
    whole: bool,
) -> Option<Best> {
    if !base.and(ruled_out).is_empty() {
        return None;
    }
    let cand: Vec<usize> = (0..c.units.len())
        .filter(|&i| !base.contains(i) && !ruled_out.contains(i))
        .collect();
    assert!(
        cand.len() <= 24,
        "{}: {} candidates is too many to enumerate",
        c.number,
        cand.len()
    );
    // The best plan in the documented order, and the best one every reading accepts in the
    // order without readings.
    let mut best: Option<(Rank, Vec<usize>)> = None;
    let mut accepted: Option<((u32, u32, u32), Vec<usize>)> = None;
    let mut chosen = Vec::with_capacity(cand.len());
    for mask in 0u32..(1 << cand.len()) {
        chosen.clear();
        chosen.extend((0..cand.len()).filter(|b| mask & (1 << b) != 0).map(|b| cand[b]));
        let k = key(c, goal, &chosen);
        // At the best's goal measure, a plan beats it by being accepted by every reading where
        // the best is not, or by the rest of the order.
        let may_be_best = best.as_ref().is_none_or(|((b0, b_rejected, b1, b2), bs)| {
            k.0 < *b0 || (k.0 == *b0 && (*b_rejected || (k.1, k.2, &chosen) < (*b1, *b2, bs)))
        });
        let may_be_accepted = accepted.as_ref().is_none_or(|(bk, bs)| (k, &chosen) < (*bk, bs));
        if !may_be_best && !may_be_accepted {
            continue;
        }
        let all = chosen.iter().fold(base, |s, &i| s.with(i));
        let Some(&date) = dates.iter().find(|&&d| c.is_valid(all, d)) else {
            continue;
        };
        let every = c.is_valid_every_reading(all, date);
        let r = rank(k, every);
        if best.as_ref().is_none_or(|(br, bs)| (r, &chosen) < (*br, bs)) {
            best = Some((r, chosen.clone()));
        }
        if every && may_be_accepted {
            accepted = Some((k, chosen.clone()));
        }
    }
    let (r, added) = best?;
    let robust = if !c.has_alternatives() {
        Robustness::Unambiguous
    } else if !r.1 {
        Robustness::Accepted
    } else {
        let all = added.iter().fold(base, |s, &i| s.with(i));
        let v = c.evaluate_sets(&PlanSets {
            to_do: all,
            ..PlanSets::default()
        });
        let rules: Vec<usize> = (0..v.rules.len())
            .filter(|&k| v.rules[k].alternative.as_ref().is_some_and(|a| !a.met()))
            .collect();
        match accepted {
            Some((ak, a)) => {
                let a: UnitSet = a.into_iter().collect();
                Robustness::Costs {
                    rules,
                    extra: ak.0 - r.0,
                    instead: if whole { a.or(base) } else { a },
                }
            }
            None => Robustness::Impossible { rules },
        }
    };
    Some((added, robust))
}

/// The best completion of a plan by exhaustive search.
fn brute(c: &Compiled, sets: &PlanSets, ruled_out: UnitSet, goal: Goal) -> Option<Best> {
    brute_over(c, base_of(c, sets), ruled_out, &[sets.registered], goal, false)
}

fn ids(s: UnitSet) -> Vec<usize> {
    s.iter().collect()
}

/// Checks a completion is a valid superset that adds nothing ruled out.
fn check_valid(c: &Compiled, sets: &PlanSets, ruled_out: UnitSet, done: &Completion) {
    let base = base_of(c, sets);
    assert!(
        done.added.and(base).is_empty(),
        "{}: added a unit already in the plan",
        c.number
    );
    assert!(
        done.added.and(ruled_out).is_empty(),
        "{}: added a ruled-out unit",
        c.number
    );
    assert_eq!(done.plan.all(), base.or(done.added));
    assert_eq!(done.plan.achieved, sets.achieved);
    assert!(
        c.is_valid(done.plan.all(), sets.registered),
        "{}: completion is not valid",
        c.number
    );
    assert!(
        c.evaluate_sets(&done.plan).met(),
        "{}: evaluate disagrees with is_valid",
        c.number
    );
    let added = ids(done.added);
    assert_eq!(done.added_units, added.len() as u32);
    assert_eq!(done.added_credits, c.credits(done.added));
    assert_eq!(done.added_hours, added.iter().map(|&i| hours(c, i)).sum::<u32>());
    assert_eq!(
        done.added_glh,
        added.iter().filter_map(|&i| c.units[i].glh).sum::<u32>()
    );
    assert_eq!(
        done.glh_unknown,
        added
            .iter()
            .copied()
            .filter(|&i| c.units[i].glh.is_none())
            .collect::<Vec<_>>()
    );
}

/// Solver and brute force agree exactly (same set, tie-break included), or both find nothing.
fn agree(c: &Compiled, sets: &PlanSets, ruled_out: UnitSet, goal: Goal) -> bool {
    let got = complete(
        c,
        Request {
            plan: sets,
            ruled_out,
            goal,
        },
    );
    let want = brute(c, sets, ruled_out, goal);
    match (&got, &want) {
        (Ok(done), Some((w, robust))) => {
            check_valid(c, sets, ruled_out, done);
            assert_eq!(
                ids(done.added),
                *w,
                "{} {goal:?}: solver and brute force differ",
                c.number
            );
            assert_eq!(
                done.robust, *robust,
                "{} {goal:?}: solver and brute force differ on readings",
                c.number
            );
            true
        }
        (Err(why), None) => {
            assert!(!why.conflicts.is_empty());
            assert!(!why.explain(c).is_empty());
            false
        }
        (Ok(done), None) => panic!(
            "{} {goal:?}: solver found {:?} but no completion exists",
            c.number, done.added
        ),
        (Err(why), Some(w)) => {
            panic!(
                "{} {goal:?}: solver says infeasible ({}) but {w:?} works",
                c.number,
                why.explain(c)
            )
        }
    }
}

/// A small deterministic RNG (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

fn dates_to_try(c: &Compiled) -> Vec<Option<Date>> {
    let mut d = representative_dates(c);
    if !d.contains(&None) {
        d.insert(0, None);
    }
    d
}

/// Rules out random units until at most `keep` candidates are left.
fn shrink(c: &Compiled, rng: &mut Rng, base: UnitSet, keep: usize) -> UnitSet {
    let mut cand: Vec<usize> = (0..c.units.len()).filter(|&i| !base.contains(i)).collect();
    rng.shuffle(&mut cand);
    cand.iter().skip(keep).copied().collect()
}

#[test]
fn catalogue_has_the_expected_qualifications() {
    let all = compiled();
    assert!(all.len() >= 3, "only {} qualifications embedded", all.len());
    for c in &all {
        assert!(c.units.len() <= 60, "{} has {} units", c.number, c.units.len());
    }
}

#[test]
fn from_empty_matches_brute_force_when_small_or_shrunk() {
    let mut compared = 0;
    let mut rng = Rng(0x5eed_0001);
    for c in compiled() {
        let base = c.mandatory;
        let optional = c.units.len() - base.len() as usize;
        for date in dates_to_try(&c) {
            let sets = PlanSets {
                to_do: base,
                achieved: UnitSet::EMPTY,
                registered: date,
            };
            for goal in Goal::ALL {
                if optional <= 18 {
                    agree(&c, &sets, UnitSet::EMPTY, goal);
                    compared += 1;
                }
                for _ in 0..3 {
                    let ruled_out = shrink(&c, &mut rng, base, 16);
                    agree(&c, &sets, ruled_out, goal);
                    compared += 1;
                }
            }
        }
    }
    eprintln!("from empty: {compared} comparisons with brute force");
    assert!(compared >= 60);
}

#[test]
fn partial_plans_match_brute_force() {
    let mut rng = Rng(0x5eed_0002);
    let (mut feasible, mut infeasible) = (0, 0);
    for c in compiled() {
        let dates = dates_to_try(&c);
        for round in 0..24 {
            let optional: Vec<usize> = (0..c.units.len()).filter(|&i| !c.mandatory.contains(i)).collect();
            let mut pick = optional.clone();
            rng.shuffle(&mut pick);
            let n_chosen = rng.below(4);
            let n_achieved = rng.below(3);
            let chosen: UnitSet = pick.iter().take(n_chosen).copied().collect();
            let achieved: UnitSet = pick.iter().skip(n_chosen).take(n_achieved).copied().collect();
            let registered = dates[round % dates.len()];
            let sets = PlanSets {
                to_do: chosen.or(c.mandatory).minus(achieved),
                achieved,
                registered,
            };
            let keep = 12 + rng.below(7);
            let ruled_out = shrink(&c, &mut rng, base_of(&c, &sets), keep);
            let goal = Goal::ALL[round % 3];
            if agree(&c, &sets, ruled_out, goal) {
                feasible += 1;
            } else {
                infeasible += 1;
            }
        }
    }
    eprintln!("partial plans: {feasible} feasible and {infeasible} infeasible cases agree with brute force");
    assert!(feasible >= 50, "{feasible} feasible cases");
    assert!(infeasible >= 5, "{infeasible} infeasible cases");
}

/// A random valid plan containing `base`: units added in random order until valid, then units
/// removed in random order while it stays valid.
fn random_valid(c: &Compiled, rng: &mut Rng, base: UnitSet, avail: &[usize], date: Option<Date>) -> Option<UnitSet> {
    let mut order = avail.to_vec();
    rng.shuffle(&mut order);
    let mut s = base;
    for &i in &order {
        if c.is_valid(s, date) {
            break;
        }
        let t = s.with(i);
        // Skip additions that break a cap or barred pair for good (the plan only grows).
        if c.constraints().iter().all(|r| match r.constraint {
            Constraint::CreditsWithin {
                scope, max: Some(m), ..
            } => c.credits(t.and(scope)) <= m,
            Constraint::CountAtMost { scope, max } => t.and(scope).len() <= max,
            _ => true,
        }) {
            s = t;
        }
    }
    if !c.is_valid(s, date) {
        return None;
    }
    rng.shuffle(&mut order);
    for &i in &order {
        if s.contains(i) && c.is_valid(s.without(i), date) && rng.below(4) != 0 {
            s = s.without(i);
        }
    }
    Some(s)
}

#[test]
fn no_random_valid_plan_beats_the_solver_at_full_size() {
    let mut rng = Rng(0x5eed_0003);
    let mut plans = 0;
    for c in compiled() {
        let undated: Vec<usize> = (0..c.units.len()).filter(|&i| c.units[i].window.is_none()).collect();
        for date in dates_to_try(&c) {
            for start in 0..3 {
                // From empty, then from two random partial plans.
                let mut pick: Vec<usize> = undated.iter().copied().filter(|&i| !c.mandatory.contains(i)).collect();
                rng.shuffle(&mut pick);
                let chosen: UnitSet = pick.iter().take(start).copied().collect();
                let sets = PlanSets {
                    to_do: chosen.or(c.mandatory),
                    achieved: UnitSet::EMPTY,
                    registered: date,
                };
                let base = base_of(&c, &sets);
                let avail: Vec<usize> = (0..c.units.len())
                    .filter(|&i| {
                        !base.contains(i)
                            && c.units[i]
                                .window
                                .as_ref()
                                .is_none_or(|w| date.is_some_and(|d| w.admits(d)))
                    })
                    .collect();
                for goal in Goal::ALL {
                    let got = complete(
                        &c,
                        Request {
                            plan: &sets,
                            ruled_out: UnitSet::EMPTY,
                            goal,
                        },
                    );
                    let Ok(done) = got else {
                        // Only a chosen unit can make this infeasible; no random plan may exist.
                        for _ in 0..200 {
                            assert!(random_valid(&c, &mut rng, base, &avail, date).is_none(), "{}", c.number);
                        }
                        continue;
                    };
                    check_valid(&c, &sets, UnitSet::EMPTY, &done);
                    let every = c.is_valid_every_reading(done.plan.all(), date);
                    assert_eq!(
                        every,
                        matches!(done.robust, Robustness::Accepted | Robustness::Unambiguous)
                    );
                    let best = rank(key(&c, goal, &ids(done.added)), every);
                    for _ in 0..300 {
                        if let Some(s) = random_valid(&c, &mut rng, base, &avail, date) {
                            let added = ids(s.minus(base));
                            let k = rank(key(&c, goal, &added), c.is_valid_every_reading(s, date));
                            assert!(
                                k > best || (k == best && added >= ids(done.added)),
                                "{} {goal:?}: random plan {added:?} {k:?} beats solver {:?} {best:?}",
                                c.number,
                                ids(done.added)
                            );
                            plans += 1;
                        }
                    }
                }
            }
        }
    }
    eprintln!("{plans} random valid plans, none better than the solver");
    assert!(plans > 10_000);
}

#[test]
fn same_input_same_output() {
    for c in compiled() {
        for goal in Goal::ALL {
            let sets = PlanSets {
                to_do: c.mandatory,
                ..PlanSets::default()
            };
            let req = Request {
                plan: &sets,
                ruled_out: UnitSet::EMPTY,
                goal,
            };
            let a = complete(&c, req);
            for _ in 0..3 {
                assert_eq!(complete(&c, req), a);
            }
            assert_eq!(shortest_routes(&c), shortest_routes(&c));
        }
    }
}

#[test]
fn resolved_plans_work_as_requests() {
    let c = qualification("601/3478/1");
    let (sets, unknown) = c.resolve(&Plan::with_chosen(["7", "29"]));
    assert!(unknown.is_empty());
    let done = complete(
        &c,
        Request {
            plan: &sets,
            ruled_out: UnitSet::EMPTY,
            goal: Goal::FewestCredits,
        },
    )
    .unwrap();
    check_valid(&c, &sets, UnitSet::EMPTY, &done);
    assert!(done.plan.to_do.contains(c.index("7").unwrap()) && done.plan.to_do.contains(c.index("29").unwrap()));
    // Pearson: 55 credits in all, with 31 mandatory and 9 already chosen.
    assert_eq!(c.credits(done.plan.all()), 55);
}

#[test]
fn shortest_routes_are_valid_and_no_plan_is_shorter() {
    let mut rng = Rng(0x5eed_0004);
    for c in compiled() {
        let routes = shortest_routes(&c).expect("every qualification has a valid plan");
        for (goal, r) in [
            (Goal::FewestHours, &routes.hours),
            (Goal::FewestCredits, &routes.credits),
            (Goal::FewestUnits, &routes.units),
        ] {
            assert_eq!(r.goal, goal);
            let date = r.registered.or(representative_dates(&c)[0]);
            assert!(c.is_valid(r.units, date), "{} {goal:?} route invalid", c.number);
            assert!(r.units.and(c.mandatory) == c.mandatory);
            assert_eq!(r.credits, c.credits(r.units));
            assert_eq!(r.unit_count, r.units.len());
            assert_eq!(r.hours, r.units.iter().map(|i| hours(&c, i)).sum::<u32>());
            let uses_dated = r.units.iter().any(|i| c.units[i].window.is_some());
            assert_eq!(r.registered.is_some(), uses_dated);
            // Against `complete` under every date, and random plans under every date.
            for d in dates_to_try(&c) {
                let sets = PlanSets {
                    to_do: c.mandatory,
                    achieved: UnitSet::EMPTY,
                    registered: d,
                };
                if let Ok(done) = complete(
                    &c,
                    Request {
                        plan: &sets,
                        ruled_out: UnitSet::EMPTY,
                        goal,
                    },
                ) {
                    let route = rank(
                        key(&c, goal, &ids(r.units.minus(c.mandatory))),
                        c.is_valid_every_reading(r.units, date),
                    );
                    let completion = rank(
                        key(&c, goal, &ids(done.added)),
                        c.is_valid_every_reading(done.plan.all(), d),
                    );
                    assert!(route <= completion, "{} {goal:?}", c.number);
                }
                let avail: Vec<usize> = (0..c.units.len()).filter(|&i| !c.mandatory.contains(i)).collect();
                for _ in 0..200 {
                    if let Some(s) = random_valid(&c, &mut rng, c.mandatory, &avail, d) {
                        assert!(
                            key(&c, goal, &ids(s.minus(c.mandatory))).0
                                >= key(&c, goal, &ids(r.units.minus(c.mandatory))).0
                        );
                    }
                }
            }
        }
        eprintln!(
            "{}: {} ({} credits, {} h, {} units / {} credits, {} h, {} units / {} units, {} credits, {} h)",
            c.number,
            routes.sentence(),
            routes.credits.credits,
            routes.credits.hours,
            routes.credits.unit_count,
            routes.hours.credits,
            routes.hours.hours,
            routes.hours.unit_count,
            routes.units.unit_count,
            routes.units.credits,
            routes.units.hours
        );
    }
}

#[test]
fn shortest_routes_match_brute_force_on_small_qualifications() {
    let mut checked = 0;
    for c in compiled() {
        if c.units.len() - c.mandatory.len() as usize > 18 {
            continue;
        }
        let routes = shortest_routes(&c).unwrap();
        for (goal, r) in [
            (Goal::FewestHours, &routes.hours),
            (Goal::FewestCredits, &routes.credits),
            (Goal::FewestUnits, &routes.units),
        ] {
            let (best, robust) = brute_over(&c, c.mandatory, UnitSet::EMPTY, &dates_to_try(&c), goal, true).unwrap();
            assert_eq!(ids(r.units.minus(c.mandatory)), best, "{} {goal:?}", c.number);
            assert_eq!(r.robust, robust, "{} {goal:?}", c.number);
            checked += 1;
        }
    }
    assert!(checked >= 3);
}

// ---------------------------------------------------------------------------------------------
// Rules that can be read two ways.

fn from_empty(c: &Compiled, goal: Goal) -> Completion {
    let sets = PlanSets {
        to_do: c.mandatory,
        ..PlanSets::default()
    };
    let done = complete(
        c,
        Request {
            plan: &sets,
            ruled_out: UnitSet::EMPTY,
            goal,
        },
    )
    .unwrap();
    check_valid(c, &sets, UnitSet::EMPTY, &done);
    done
}

#[test]
fn fewest_credits_from_empty_is_a_plan_every_reading_accepts() {
    // Issue 14: these were the answers before, 36 credits each, which only the "at level N or
    // above" reading accepts. A plan both readings accept has the same number of credits.
    for (number, before) in [
        ("600/1136/1", &["204", "304", "305", "404", "405", "406", "408"][..]),
        (
            "601/4756/8",
            &[
                "R/506/2179",
                "Y/506/2166",
                "R/506/2960",
                "D/506/2962",
                "R/506/1999",
                "Y/503/0401",
            ][..],
        ),
    ] {
        let c = qualification(number);
        let before = units(&c, before).or(c.mandatory);
        assert!(c.is_valid(before, None));
        assert!(!c.is_valid_every_reading(before, None), "{number}");
        let done = from_empty(&c, Goal::FewestCredits);
        assert_eq!(done.added_credits, c.credits(before.minus(c.mandatory)), "{number}");
        assert_eq!(done.added_credits, 36, "{number}");
        assert_eq!(done.robust, Robustness::Accepted, "{number}");
        assert!(c.is_valid_every_reading(done.plan.all(), None), "{number}");
        let verdict = c.evaluate_sets(&done.plan);
        assert!(
            verdict.met() && !verdict.rules.iter().any(|r| r.reading_matters()),
            "{number}"
        );
        let routes = shortest_routes(&c).unwrap();
        assert_eq!(routes.credits.robust, Robustness::Accepted, "{number}");
        assert!(c.is_valid_every_reading(routes.credits.units, routes.credits.registered));
    }
}

#[test]
fn where_every_reading_costs_more_the_result_says_how_much() {
    // City & Guilds Level 3 by hours: 73 hours, but only "23 credits at level 3 or above"
    // accepts it; the best plan that "exactly level 3" accepts too is 81 hours.
    let c = qualification("600/1136/1");
    let level3 = c.constraints().iter().position(|r| r.id == "level-3").unwrap();
    let done = from_empty(&c, Goal::FewestHours);
    assert_eq!(done.added_hours, 73);
    let Robustness::Costs { rules, extra, instead } = &done.robust else {
        panic!("{:?}", done.robust)
    };
    assert_eq!((rules.clone(), *extra), (vec![level3], 8));
    assert!(c.is_valid_every_reading(instead.or(c.mandatory), None));
    assert_eq!(instead.iter().map(|i| hours(&c, i)).sum::<u32>(), 73 + 8);
    // Level 4 by units: one more unit.
    let l4 = qualification("600/1288/2");
    assert!(matches!(
        from_empty(&l4, Goal::FewestUnits).robust,
        Robustness::Costs { extra: 1, .. }
    ));
    // Level 1 Certificate with unit 226 chosen: with mandatory 201 the plan already has 8 credits
    // at level 2, so the whole-plan reading of the level 2 cap can never be met.
    let l1 = qualification("600/1286/9");
    let (sets, _) = l1.resolve(&Plan::with_chosen(["226"]));
    let done = complete(
        &l1,
        Request {
            plan: &sets,
            ruled_out: UnitSet::EMPTY,
            goal: Goal::FewestCredits,
        },
    )
    .unwrap();
    let cap = l1.constraints().iter().position(|r| r.id == "max-level-2").unwrap();
    assert_eq!(done.robust, Robustness::Impossible { rules: vec![cap] });
    // A qualification with no rule read two ways says nothing about readings.
    assert_eq!(
        from_empty(&qualification("601/3478/1"), Goal::FewestCredits).robust,
        Robustness::Unambiguous
    );
}

// ---------------------------------------------------------------------------------------------
// Reasons when no completion exists.

fn rule_id(c: &Compiled, k: usize) -> String {
    c.constraints()[k].id.clone()
}

fn units(c: &Compiled, keys: &[&str]) -> UnitSet {
    keys.iter()
        .map(|k| c.index(k).unwrap_or_else(|| panic!("no unit {k}")))
        .collect()
}

fn fail(c: &Compiled, sets: &PlanSets, ruled_out: UnitSet) -> Infeasible {
    for goal in Goal::ALL {
        let r = complete(
            c,
            Request {
                plan: sets,
                ruled_out,
                goal,
            },
        );
        assert!(r.is_err(), "{} {goal:?}: expected no completion, got {r:?}", c.number);
    }
    complete(
        c,
        Request {
            plan: sets,
            ruled_out,
            goal: Goal::FewestUnits,
        },
    )
    .unwrap_err()
}

#[test]
fn too_few_credits_left_in_a_group() {
    let c = qualification("601/3478/1");
    // Group B: rule out everything but units 7, 8, 9 (5 + 3 + 4 = 12 credits < 15).
    let b = c.groups.iter().find(|g| g.id == "B").unwrap().units;
    let ruled_out = b.minus(units(&c, &["7", "8", "9"]));
    let sets = PlanSets {
        to_do: c.mandatory,
        ..PlanSets::default()
    };
    let why = fail(&c, &sets, ruled_out);
    match &why.conflicts[..] {
        [Conflict::Short {
            rule,
            min: 15,
            have: 0,
            left: 12,
            unavailable,
        }] => {
            assert_eq!(rule_id(&c, *rule), "min-b");
            assert_eq!(unavailable.ruled_out.len(), ruled_out.len() as usize);
        }
        other => panic!("unexpected {other:?}"),
    }
    let text = why.explain(&c);
    eprintln!("{text}");
    assert!(
        text.starts_with(
            "Group B needs 15 credits: 0 so far, and the units left to choose there add up to only 12 credits."
        ),
        "{text}"
    );
}

#[test]
fn a_minimum_squeezed_by_a_cap() {
    // ProQual level 4: at least 38 credits at level 4 or above, Group C capped at 16. Rule out
    // Group B's level 4 units but 4 + 6 credits: level 4 can reach 11 + 10 + 16 = 37 at most.
    let c = qualification("601/4756/8");
    let b = c.groups.iter().find(|g| g.id == "B").unwrap().units;
    let b4: UnitSet = b.iter().filter(|&i| c.units[i].level >= 4).collect();
    let ruled_out = b4.minus(units(&c, &["F/506/2176", "R/506/2179"]));
    let sets = PlanSets {
        to_do: c.mandatory,
        ..PlanSets::default()
    };
    let why = fail(&c, &sets, ruled_out);
    match &why.conflicts[..] {
        [Conflict::Squeezed {
            rule,
            min: 38,
            have: 11,
            caps,
            left_outside: 10,
            ..
        }] => {
            assert_eq!(rule_id(&c, *rule), "level-4");
            assert_eq!(caps.len(), 1);
            assert_eq!(rule_id(&c, caps[0].rule), "max-c");
            assert_eq!((caps[0].max, caps[0].have), (16, 0));
        }
        other => panic!("unexpected {other:?}"),
    }
    let text = why.explain(&c);
    eprintln!("{text}");
    assert!(text.starts_with(
        "Group C is capped at 16 credits, but the plan needs 38 credits at level 4 or above (11 already in the plan), and only 10 credits are left to choose outside that cap."
    ), "{text}");
}

#[test]
fn a_barred_pair_in_the_plan() {
    let c = qualification("600/1135/X");
    let (sets, _) = c.resolve(&Plan::with_chosen(["112", "221"]));
    let why = fail(&c, &sets, UnitSet::EMPTY);
    assert!(why
        .conflicts
        .iter()
        .any(|x| matches!(x, Conflict::CountOver { rule, .. } if rule_id(&c, *rule) == "barred-112-221")));
    let text = why.explain(&c);
    eprintln!("{text}");
    assert!(
        text.contains("Units 112 and 221 cannot be taken together, and the plan has both."),
        "{text}"
    );
}

#[test]
fn too_many_of_a_listed_set_in_the_plan() {
    let c = qualification("600/1286/9");
    let (sets, _) = c.resolve(&Plan::with_chosen(["112", "113", "114"]));
    let why = fail(&c, &sets, UnitSet::EMPTY);
    let text = why.explain(&c);
    eprintln!("{text}");
    assert!(matches!(&why.conflicts[..], [Conflict::CountOver { units, max: 2, .. }] if units.len() == 3));
    assert!(
        text.contains("No more than 2 of units 112, 113 and 114: the plan already has 3"),
        "{text}"
    );
}

#[test]
fn a_cap_already_exceeded() {
    let c = qualification("601/3478/1");
    // Group C is capped at 9 credits: 29 (4) + 30 (3) + 31 (4) = 11.
    let (sets, _) = c.resolve(&Plan::with_chosen(["29", "30", "31"]));
    let why = fail(&c, &sets, UnitSet::EMPTY);
    assert!(matches!(
        &why.conflicts[..],
        [Conflict::CreditsOver { have: 11, max: 9, .. }]
    ));
    let text = why.explain(&c);
    eprintln!("{text}");
    assert_eq!(
        text,
        "Group C is capped at 9 credits: the plan already has 11, and adding units cannot bring that down."
    );
}

#[test]
fn mandatory_units_cannot_be_ruled_out() {
    let c = qualification("601/3478/1");
    let sets = PlanSets::default();
    let why = fail(&c, &sets, units(&c, &["1"]));
    assert!(why
        .explain(&c)
        .contains("Unit 1 is mandatory, so it cannot be ruled out."));
}

#[test]
fn a_missing_registration_date_is_named_when_it_matters() {
    // City & Guilds level 3: at least 23 credits at level 3 or above (301 gives 4). Leave only
    // Group B's level 3 units 302, 303, 308 (16 credits) and the dated units 319 and 619.
    let c = qualification("600/1136/1");
    let keep = units(
        &c,
        &[
            "204", "207", "302", "303", "308", "319", "619", "213", "216", "217", "218", "221", "222",
        ],
    );
    let ruled_out = c.all_units().minus(c.mandatory).minus(keep);
    let undated = PlanSets {
        to_do: c.mandatory,
        ..PlanSets::default()
    };
    let why = fail(&c, &undated, ruled_out);
    let text = why.explain(&c);
    eprintln!("{text}");
    assert!(
        text.contains("Units 319 and 619 depend on the registration date, which is not given"),
        "{text}"
    );
    // With a date, one of them is usable and a completion exists.
    for date in ["2017-06-30", "2018-01-01"] {
        let sets = PlanSets {
            registered: Date::parse_iso(date),
            ..undated
        };
        let done = complete(
            &c,
            Request {
                plan: &sets,
                ruled_out,
                goal: Goal::FewestHours,
            },
        )
        .unwrap();
        check_valid(&c, &sets, ruled_out, &done);
    }
}

#[test]
fn goals_differ_where_they_should() {
    // ProQual prints no GLH: fewest hours is fewest credits (10 hours a credit), and says so.
    let c = qualification("601/3576/1");
    let sets = PlanSets {
        to_do: c.mandatory,
        ..PlanSets::default()
    };
    let h = complete(
        &c,
        Request {
            plan: &sets,
            ruled_out: UnitSet::EMPTY,
            goal: Goal::FewestHours,
        },
    )
    .unwrap();
    let cr = complete(
        &c,
        Request {
            plan: &sets,
            ruled_out: UnitSet::EMPTY,
            goal: Goal::FewestCredits,
        },
    )
    .unwrap();
    assert_eq!(h.added_hours, 10 * h.added_credits);
    assert_eq!(h.added_glh, 0);
    assert_eq!(h.glh_unknown, ids(h.added));
    assert_eq!(h.added_credits, cr.added_credits);
    let routes = shortest_routes(&c).unwrap();
    assert!(
        routes.sentence().contains("counting 10 hours per credit"),
        "{}",
        routes.sentence()
    );
}

fn rules_of(c: &Compiled) -> Vec<RuleConstraint> {
    c.constraints()
}

#[test]
fn constraints_mirror_the_rules_evaluate_reports() {
    for c in compiled() {
        let rules = rules_of(&c);
        let verdict = c.evaluate_sets(&PlanSets {
            to_do: c.mandatory,
            ..PlanSets::default()
        });
        assert_eq!(rules.len(), verdict.rules.len());
        for (r, v) in rules.iter().zip(&verdict.rules) {
            assert_eq!(r.id, v.id);
        }
    }
}

/// Native timing, without criterion, for every qualification from empty (the largest first):
/// `cargo test --release --test solver timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing() {
    let mut all = compiled();
    all.sort_by_key(|c| std::cmp::Reverse(c.units.len()));
    for c in &all {
        for date in dates_to_try(c) {
            let sets = PlanSets {
                to_do: c.mandatory,
                achieved: UnitSet::EMPTY,
                registered: date,
            };
            for goal in Goal::ALL {
                let n = 100;
                let t = std::time::Instant::now();
                for _ in 0..n {
                    std::hint::black_box(
                        complete(
                            c,
                            Request {
                                plan: &sets,
                                ruled_out: UnitSet::EMPTY,
                                goal,
                            },
                        )
                        .unwrap(),
                    );
                }
                eprintln!(
                    "{} ({} units, registered {date:?}) {goal:?} from empty: {:?} per call",
                    c.number,
                    c.units.len(),
                    t.elapsed() / n
                );
            }
        }
        let t = std::time::Instant::now();
        let n = 20;
        for _ in 0..n {
            std::hint::black_box(shortest_routes(c).unwrap());
        }
        eprintln!("{} shortest_routes: {:?} per call", c.number, t.elapsed() / n);
    }
}
