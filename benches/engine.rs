//! How long the page waits after each click: evaluating a plan and predicting, for every unit,
//! what choosing or removing it would do. Measured on the qualification with the most units,
//! with a realistic plan about half way to its credit total. The target is well under 1 ms.
//!
//! `cargo bench --bench engine`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;

use pathway_planner::catalogue::embedded;
use pathway_planner::date::Date;
use pathway_planner::engine::{Compiled, Plan};

/// City & Guilds Level 3 NVQ Diploma in Contact Centre Operations: 50 units.
const LARGEST: &str = "600/1136/1";

struct Setup {
    compiled: Compiled,
    plan: Plan,
}

fn setup() -> Setup {
    let cat = embedded().unwrap_or_else(|e| panic!("{e}"));
    let most = cat
        .qualifications
        .iter()
        .map(|q| q.units().count())
        .max()
        .expect("a qualification");
    let q = cat.qualification(LARGEST).expect("the largest qualification");
    assert_eq!(
        q.units().count(),
        most,
        "{LARGEST} is no longer the qualification with the most units"
    );
    let compiled = Compiled::new(q).expect("compiles");
    // Group A 101 2 + 301 4 (mandatory, added by the engine) + B: 302 5 + 304 4 + C: 311 7 + 319 4
    // = 26 of 42 credits, 319 needing the registration date.
    let plan = Plan {
        chosen: ["302", "304", "311", "319"].map(str::to_owned).into(),
        achieved: ["101".to_owned()].into(),
        registered: Date::parse_iso("2016-09-01"),
        ..Plan::default()
    };
    Setup { compiled, plan }
}

/// One click: the verdict with its sentences' numbers and every unit's prediction.
fn click(s: &Setup) -> usize {
    let (sets, _) = s.compiled.resolve(black_box(&s.plan));
    let verdict = s.compiled.evaluate_sets(&sets);
    let predictions = s.compiled.predictions(&sets);
    verdict.rules.len() + predictions.len()
}

fn benches(c: &mut Criterion, s: &Setup) {
    let mut group = c.benchmark_group(format!("engine {LARGEST}"));
    group.bench_function("evaluate + all predictions", |b| b.iter(|| click(s)));
    group.bench_function("evaluate", |b| b.iter(|| s.compiled.evaluate(black_box(&s.plan))));
    let (sets, _) = s.compiled.resolve(&s.plan);
    group.bench_function("all predictions", |b| {
        b.iter(|| s.compiled.predictions(black_box(&sets)))
    });
    group.finish();
}

fn main() {
    let s = setup();
    let (sets, unknown) = s.compiled.resolve(&s.plan);
    assert!(unknown.is_empty(), "unknown units {unknown:?}");
    let verdict = s.compiled.evaluate_sets(&sets);
    let predictions = s.compiled.predictions(&sets).len();

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
        .configure_from_args();
    benches(&mut c, &s);
    c.final_summary();

    // The figure, in one line, from a plain timing loop; only under `cargo bench` (which passes
    // `--bench`), not `cargo test --benches`, which runs each benchmark once, unoptimised.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runs = 2_000u32;
    let start = Instant::now();
    for _ in 0..runs {
        black_box(click(&s));
    }
    let per_click = start.elapsed() / runs;
    println!(
        "engine: {LARGEST} ({} units, {} rules), plan of {} of {} credits: evaluate + {predictions} predictions \
         in {:.1} µs per click (target: well under 1 ms)",
        s.compiled.units.len(),
        verdict.rules.len(),
        verdict.totals.credits,
        s.compiled.total_credits,
        per_click.as_secs_f64() * 1e6,
    );
    assert!(per_click < Duration::from_millis(1), "one click took {per_click:?}");
}
