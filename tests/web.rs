//! Browser tests: the app mounted in headless Chromium by wasm-bindgen-test.
//!
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown`
//! (scripts/test.sh does); `.cargo/config.toml` makes wasm-bindgen-test-runner the runner.
//! All tests in this file share one page, run one after another: each mounts into a fresh
//! `<div id="app">` made by [`fresh_app_root`].
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, Element};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// Replaces any `#app` left by an earlier test with a new, empty `<div id="app">` at the end of
/// the body (the runner's own output elements in the body are left alone).
fn fresh_app_root() -> Element {
    let doc = document();
    if let Some(old) = doc.get_element_by_id("app") {
        old.remove();
    }
    let root = doc.create_element("div").expect("create div");
    root.set_id("app");
    doc.body().expect("a body").append_child(&root).expect("append #app");
    root
}

/// Yields to the browser (and so to Yew's scheduler) until `selector` matches inside `#app`,
/// for at most about two seconds.
async fn wait_for(selector: &str) -> Option<Element> {
    let doc = document();
    let full = format!("#app {selector}");
    for _ in 0..100 {
        if let Some(el) = doc.query_selector(&full).expect("valid selector") {
            return Some(el);
        }
        yew::platform::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

#[wasm_bindgen_test]
async fn start_renders_the_app_with_a_heading() {
    fresh_app_root();
    pathway_planner::web::start();
    let h1 = wait_for("h1").await.expect("the app rendered an h1 into #app");
    let text = h1.text_content().unwrap_or_default();
    assert!(!text.trim().is_empty(), "the h1 has text");
}
