//! How long "complete my pathway" takes: the exact best completion of an empty plan on the
//! qualification with the most units, for each goal, and the shortest routes (every goal under
//! every registration date). The target is well under 1 ms natively (under 10 ms in a browser).
//!
//! `cargo bench --bench solver`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;

use pathway_planner::catalogue::embedded;
use pathway_planner::engine::{Compiled, PlanSets, UnitSet};
use pathway_planner::solver::{complete, shortest_routes, Goal, Request};

fn largest() -> Compiled {
    let cat = embedded().unwrap_or_else(|e| panic!("{e}"));
    let q = cat
        .qualifications
        .iter()
        .max_by_key(|q| q.units().count())
        .expect("a qualification");
    Compiled::new(q).expect("compiles")
}

fn solve(c: &Compiled, sets: &PlanSets, goal: Goal) -> u32 {
    let req = Request {
        plan: black_box(sets),
        ruled_out: UnitSet::EMPTY,
        goal,
    };
    complete(c, req).expect("a completion exists").added_credits
}

fn main() {
    let c = largest();
    let empty = PlanSets {
        to_do: c.mandatory,
        ..PlanSets::default()
    };

    let mut crit = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
        .configure_from_args();
    {
        let mut group = crit.benchmark_group(format!("solver {}", c.number));
        for goal in Goal::ALL {
            group.bench_function(format!("{goal:?} from empty"), |b| b.iter(|| solve(&c, &empty, goal)));
        }
        group.bench_function("shortest_routes", |b| {
            b.iter(|| shortest_routes(black_box(&c)).expect("routes"))
        });
        group.finish();
    }
    crit.final_summary();

    // The figures, one line each, from a plain timing loop; only under `cargo bench` (which
    // passes `--bench`), not `cargo test --benches`, which runs each benchmark once, unoptimised.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runs = 500u32;
    for goal in Goal::ALL {
        let start = Instant::now();
        for _ in 0..runs {
            black_box(solve(&c, &empty, goal));
        }
        let per = start.elapsed() / runs;
        println!(
            "solver: {} ({} units) {goal:?} from empty: {:.1} µs per call (target: well under 1 ms)",
            c.number,
            c.units.len(),
            per.as_secs_f64() * 1e6
        );
        assert!(per < Duration::from_millis(1), "{goal:?} took {per:?}");
    }
    let start = Instant::now();
    for _ in 0..runs / 5 {
        black_box(shortest_routes(&c).expect("routes"));
    }
    let per = start.elapsed() / (runs / 5);
    println!(
        "solver: {} shortest_routes (3 goals x every registration date): {:.1} µs per call",
        c.number,
        per.as_secs_f64() * 1e6
    );
}
