//! Plan files: opening a plan downloaded as JSON, and the notices that say what came of it.
//! Reading and checking the file is `travel::json::read_plan_json`; this is the file picker.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::address::Route;
use crate::catalogue::shared;
use crate::travel::json::{read_plan_json, MAX_PLAN_BYTES};

use super::app::{announce, navigate, Notice};

#[function_component(OpenPlanFile)]
pub fn open_plan_file() -> Html {
    let error = use_state(String::new);
    let onchange = {
        let error = error.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|list| list.get(0)) else {
                return;
            };
            // Cleared, so choosing the same file again (after fixing it, say) reads it again.
            input.set_value("");
            let name = file.name();
            if file.size() > MAX_PLAN_BYTES as f64 {
                error.set(format!(
                    "\u{201c}{name}\u{201d} was not opened: it is too large to be a plan file. Nothing has been changed."
                ));
                return;
            }
            let (done, failed) = (error.clone(), error.clone());
            let failed_name = name.clone();
            let read = Closure::once(move |text: JsValue| {
                done.set(opened(&name, &text.as_string().unwrap_or_default()).unwrap_or_default())
            });
            let refused = Closure::once(move |_: JsValue| {
                failed.set(format!(
                    "The browser could not read \u{201c}{failed_name}\u{201d}. Nothing has been changed."
                ))
            });
            let _ = file.text().then2(&read, &refused);
            // The promise settles once; after that the browser may free whichever closure ran.
            read.forget();
            refused.forget();
        })
    };
    html! {
        <div class="field open-file">
            <label for="open-plan">{"Open a plan file"}</label>
            <p class="hint" id="open-plan-hint">{"A .json file downloaded from Pathway Planner with \u{201c}Download plan file\u{201d}."}</p>
            <input id="open-plan" type="file" accept=".json,application/json" aria-describedby="open-plan-hint" {onchange} />
            if !error.is_empty() {
                <p class="notice notice-warning" role="alert">{(*error).clone()}</p>
            }
        </div>
    }
}

/// Opens the plan in `text` (the file `name`); returns the message to show by the picker if it
/// cannot be opened. What was left out of an opened plan is announced on its page.
fn opened(name: &str, text: &str) -> Option<String> {
    let cat = shared().ok()?;
    match read_plan_json(cat, text) {
        Ok(imported) => {
            announce(Notice {
                page: imported.number.clone(),
                title: format!("Opened \u{201c}{name}\u{201d}"),
                lines: imported.problems,
            });
            navigate(&Route::Planner {
                number: imported.number,
                plan: imported.plan,
            });
            None
        }
        Err(e) => Some(format!(
            "\u{201c}{name}\u{201d} was not opened. {e} Nothing has been changed."
        )),
    }
}

/// A notice carried to a page: what was opened, and anything left out of it.
pub fn notice(n: &Notice) -> Html {
    let warn = !n.lines.is_empty();
    html! {
        <div class={if warn { "notice" } else { "notice notice-ok" }} role={if warn { "alert" } else { "status" }}>
            <h2 class="notice-title">{&n.title}</h2>
            if warn {
                <ul>{ for n.lines.iter().map(|l| html! { <li>{l}</li> }) }</ul>
            } else {
                <p>{"Every unit in it was found. The totals and verdict are worked out afresh from this app's data."}</p>
            }
        </div>
    }
}
