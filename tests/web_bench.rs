//! Browser benchmarks: the engine and the solver compiled to wasm and timed in headless Chromium
//! on the largest qualification. They print figures (the runner shows them) and check only that
//! the results are right: speed targets live in these printed numbers, not in assertions.
#![cfg(target_arch = "wasm32")]

use pathway_planner::catalogue::{embedded, shared};
use pathway_planner::engine::{Compiled, Plan};
use pathway_planner::solver::{complete, shortest_routes, Goal, Request};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

/// Median milliseconds of `runs` calls of `f`.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t0 = now();
            f();
            now() - t0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn largest() -> Compiled {
    let cat = shared().expect("catalogue");
    let q = cat
        .qualifications
        .iter()
        .max_by_key(|q| q.units().count())
        .expect("a qualification");
    Compiled::new(q).expect("compiles")
}

#[wasm_bindgen_test]
fn benchmark_engine_and_solver_in_the_browser() {
    let c = largest();
    let plan = Plan::with_chosen(["302", "304", "311"]);
    let (sets, _) = c.resolve(&plan);
    let click = median_ms(200, || {
        let v = c.evaluate_sets(&sets);
        let p = c.predictions(&sets);
        assert!(!v.rules.is_empty() && !p.is_empty());
    });
    let (empty, _) = c.resolve(&Plan::default());
    let mut lines = vec![format!(
        "wasm benchmark on {} ({} units): evaluate + all predictions {:.3} ms",
        c.number,
        c.units.len(),
        click
    )];
    for goal in Goal::ALL {
        let ms = median_ms(20, || {
            let done = complete(
                &c,
                Request {
                    plan: &empty,
                    ruled_out: Default::default(),
                    goal,
                },
            )
            .expect("completes");
            assert!(c.is_valid(done.plan.all(), done.plan.registered));
        });
        lines.push(format!("complete from empty, {goal:?}: {ms:.3} ms"));
    }
    let routes = median_ms(10, || {
        shortest_routes(&c).expect("routes");
    });
    lines.push(format!("shortest routes: {routes:.3} ms"));
    // What the page does once at start: read the whole embedded catalogue (postcard) into the model.
    let decode = median_ms(5, || {
        let cat = embedded().expect("the embedded catalogue reads");
        assert_eq!(cat.qualifications.len(), 8);
    });
    lines.push(format!("read the embedded catalogue: {decode:.1} ms"));
    console_log!("{}", lines.join("; "));
}
