//! Browser tests of the planner components, mounted by wasm-bindgen-test in headless Chromium:
//! render into a node, let Yew's scheduler run, assert on the DOM.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

fn set_hash(hash: &str) {
    web_sys::window().unwrap().location().set_hash(hash).unwrap();
}

fn hash() -> String {
    let raw = web_sys::window().unwrap().location().hash().unwrap();
    js_sys::decode_uri_component(&raw).map(String::from).unwrap_or(raw)
}

async fn pause() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

/// Mounts the app once for this test binary (a second mount would add a second tree) and
/// returns its root. Tests then drive it through the address, as a person's links do.
async fn app() -> Element {
    let doc = document();
    if let Some(root) = doc.get_element_by_id("app") {
        if root.child_element_count() > 0 {
            // The previous test's last click may still have its address to write (a task after
            // the click): let it land, or it would overwrite the address this test sets.
            pause().await;
            return root;
        }
    }
    let root = doc.create_element("div").unwrap();
    root.set_id("app");
    doc.body().unwrap().append_child(&root).unwrap();
    pathway_planner::web::start();
    root
}

/// Waits (at most about four seconds) until `check` holds, yielding to the browser between tries.
async fn until(what: &str, check: impl Fn() -> bool) {
    for _ in 0..200 {
        if check() {
            return;
        }
        pause().await;
    }
    panic!(
        "timed out waiting for: {what} (address {}, heading {:?})",
        hash(),
        text("h1")
    );
}

/// No part of the page is still being drawn (a planner draws its unit rows a few at a time).
fn drawn() -> bool {
    query("#app [aria-busy=\"true\"]").is_none()
}

fn query(selector: &str) -> Option<Element> {
    document().query_selector(selector).unwrap()
}

fn text(selector: &str) -> String {
    query(selector).and_then(|e| e.text_content()).unwrap_or_default()
}

fn verdict() -> String {
    query(".verdict")
        .and_then(|e| e.get_attribute("data-verdict"))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn planner_shows_groups_as_fieldsets_with_legends_and_hints() {
    app().await;
    set_hash("#/601-3478-1");
    until("the Pearson planner", || {
        text("h1").contains("Pearson BTEC Level 3 Diploma") && drawn()
    })
    .await;
    let legends = document().query_selector_all("fieldset.group > legend").unwrap();
    assert_eq!(legends.length(), 3);
    let hints: Vec<String> = (0..3)
        .map(|i| {
            document()
                .query_selector_all("fieldset.group > .hint")
                .unwrap()
                .item(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(
        hints,
        [
            "All units are mandatory and included.",
            "Choose at least 15 credits.",
            "At most 9 credits."
        ]
    );
    assert_eq!(verdict(), "unmet");
    let status = query(".verdict").unwrap();
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert!(text(".verdict").contains("31 of 55 credits"), "{}", text(".verdict"));
}

#[wasm_bindgen_test]
async fn clicking_a_unit_updates_the_address_and_the_summary() {
    app().await;
    set_hash("#/600-1135-X");
    until("the L2 certificate planner", || query("#unit-202").is_some()).await;
    let box_202: HtmlInputElement = query("#unit-202").unwrap().dyn_into().unwrap();
    assert!(!box_202.checked());
    box_202.click();
    until("202 in the address", || hash().contains("do=202")).await;
    until("the summary counts 202", || {
        text(".verdict").contains("10 of 28 credits")
    })
    .await;
    assert!(box_202.checked());
}

#[wasm_bindgen_test]
async fn a_unit_that_would_break_a_rule_is_warned_and_can_still_be_chosen() {
    app().await;
    set_hash("#/600-1135-X?do=112,113");
    until("the planner with 112 and 113", || {
        query(".unit[data-key=\"114\"] .unit-warning").is_some() && drawn()
    })
    .await;
    assert_eq!(
        text(".unit[data-key=\"114\"] .unit-warning li"),
        "No more than 2 of units 112, 113, 114, 116, 221, 222, 223 and 224: 2 already chosen."
    );
    // 221 is both barred with 112 and one of the listed units: both reasons are given.
    let warning_221 = text(".unit[data-key=\"221\"] .unit-warning");
    assert!(
        warning_221.contains("Barred with unit 112, which is in the plan."),
        "{warning_221}"
    );
    assert!(warning_221.contains("2 already chosen."), "{warning_221}");
    let box_114: HtmlInputElement = query("#unit-114").unwrap().dyn_into().unwrap();
    box_114.click();
    until("the cap is reported as broken", || {
        text(".rule[data-rule=\"max-it\"]").contains("this plan has 3")
    })
    .await;
    assert_eq!(verdict(), "unmet");
    assert!(box_114.checked(), "the unit stays ticked");
}

#[wasm_bindgen_test]
async fn achieved_units_are_shown_apart() {
    app().await;
    set_hash("#/600-1244-4?done=102");
    until("102 marked achieved", || {
        query(".unit[data-key=\"102\"][data-state=\"achieved\"]").is_some()
    })
    .await;
    assert!(text(".unit[data-key=\"102\"]").contains("Already achieved"));
    assert!(text(".totals").contains("3 credits (1 unit)"), "{}", text(".totals"));
}

#[wasm_bindgen_test]
async fn an_unknown_qualification_gets_a_message_not_a_blank_page() {
    app().await;
    set_hash("#/000-0000-0");
    until("the not-found page", || text("h1") == "Qualification not found").await;
    assert!(text("[role=\"alert\"]").contains("000-0000-0"));
}

#[wasm_bindgen_test]
fn a_crash_message_is_visible_and_focused() {
    pathway_planner::web::show_crash("test crash");
    let el: HtmlElement = query("#crash").unwrap().dyn_into().unwrap();
    assert_eq!(el.get_attribute("role").as_deref(), Some("alert"));
    assert!(el.text_content().unwrap().contains("test crash"));
    assert_eq!(document().active_element().map(|e| e.id()), Some("crash".to_owned()));
    el.remove();
}

#[wasm_bindgen_test]
async fn a_long_planner_is_drawn_in_steps_to_the_last_unit_and_its_panels() {
    app().await;
    set_hash("#/600-1136-1");
    until("the L3 diploma planner", || {
        text("h1").contains("Level 3 NVQ Diploma") && query(".unit").is_some()
    })
    .await;
    until("every row drawn", drawn).await;
    let cat = pathway_planner::catalogue::shared().expect("the catalogue");
    let q = cat.qualification("600/1136/1").expect("600/1136/1");
    let rows = document().query_selector_all("#app .unit").unwrap().length() as usize;
    assert_eq!(rows, q.units().count());
    // In the catalogue's order, group by group: the steps appended, never skipped or reordered.
    let keys: Vec<String> = (0..rows as u32)
        .map(|i| {
            let el: Element = document()
                .query_selector_all("#app .unit")
                .unwrap()
                .item(i)
                .unwrap()
                .dyn_into()
                .unwrap();
            el.get_attribute("data-key").unwrap_or_default()
        })
        .collect();
    let expected: Vec<String> = q.units().map(|(_, u)| u.key().to_string()).collect();
    assert_eq!(keys, expected);
    assert!(
        query("#travel-title").is_some(),
        "sharing and saving come with the last rows"
    );
    assert!(query(".planner-main").unwrap().get_attribute("aria-busy").is_none());
}
