//! The cohort check: reading and checking a generated file of 5,000 learners (every
//! qualification, most on a shortest route, some a unit short, some with a bad row), then
//! sorting it and writing the results CSV. The target is under 1 second in wasm.
//!
//! `cargo bench --bench cohort`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;

use pathway_planner::catalogue::shared;
use pathway_planner::cohort::{check_cohort, results_csv, sample_cohort, view, Direction, Filter, Sort, SortColumn};

const LEARNERS: usize = 5_000;

fn main() {
    let cat = shared().unwrap_or_else(|e| panic!("{e}"));
    let text = sample_cohort(cat, LEARNERS);
    let cohort = check_cohort(cat, text.as_bytes()).unwrap_or_else(|e| panic!("{}", e.message()));
    assert_eq!(cohort.rows.len(), LEARNERS);
    let sort = Sort {
        column: SortColumn::Learner,
        direction: Direction::Descending,
    };

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
        .configure_from_args();
    let mut group = c.benchmark_group(format!("cohort of {LEARNERS}"));
    group.bench_function("read and check", |b| {
        b.iter(|| check_cohort(cat, black_box(text.as_bytes())))
    });
    group.bench_function("sort by learner", |b| {
        b.iter(|| view(black_box(&cohort.rows), Filter::All, sort).len())
    });
    group.bench_function("results CSV", |b| {
        b.iter(|| results_csv(black_box(&cohort.rows), "").len())
    });
    group.finish();
    c.final_summary();

    // The figure, in one line, from a plain timing loop; only under `cargo bench`, not
    // `cargo test --benches`, which runs each benchmark once, unoptimised.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runs = 10u32;
    let start = Instant::now();
    for _ in 0..runs {
        black_box(check_cohort(cat, black_box(text.as_bytes())).map(|c| c.rows.len()).ok());
    }
    let check = start.elapsed() / runs;
    let start = Instant::now();
    for _ in 0..runs {
        let shown = view(&cohort.rows, Filter::All, sort);
        black_box(results_csv(shown, "").len());
    }
    let after = start.elapsed() / runs;
    let s = cohort.summary();
    println!(
        "cohort: {LEARNERS} learners ({} KB; {} met, {} unmet, {} errors): read and check {:.1} ms, sort and results CSV \
         {:.1} ms (target: under 1 s in wasm)",
        text.len() / 1024,
        s.met,
        s.unmet,
        s.errors,
        check.as_secs_f64() * 1e3,
        after.as_secs_f64() * 1e3,
    );
    assert!(check < Duration::from_secs(1), "checking took {check:?}");
}
