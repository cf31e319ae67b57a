//! Opening a plan downloaded as a file. Reading and checking it is
//! `travel::json::read_plan_json`; this is the file picker and what comes of it.

use yew::prelude::*;

use crate::address::Route;
use crate::catalogue::shared;
use crate::travel::json::{read_plan_json, MAX_PLAN_BYTES};
use crate::web::browser::take_chosen_file;
use crate::web::context::{use_nav, use_notices, Notice};

#[function_component(OpenPlanFile)]
pub fn open_plan_file() -> Html {
    let error = use_state(String::new);
    let nav = use_nav();
    let notices = use_notices();
    let onchange = {
        let error = error.clone();
        Callback::from(move |e: Event| {
            let Some(file) = take_chosen_file(&e) else {
                return;
            };
            let name = file.name();
            if file.size() > MAX_PLAN_BYTES as u64 {
                error.set(format!(
                    "\u{201c}{name}\u{201d} was not opened: it is too large to be a plan file. Nothing has been changed."
                ));
                return;
            }
            let (error, go, announce) = (error.clone(), nav.go.clone(), notices.announce.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let message = match gloo_file::futures::read_as_text(&file).await {
                    Err(_) => format!("The browser could not read \u{201c}{name}\u{201d}. Nothing has been changed."),
                    Ok(text) => match shared().map(|cat| read_plan_json(cat, &text)) {
                        Ok(Ok(imported)) => {
                            announce.emit(Notice {
                                page: imported.number.clone(),
                                title: format!("Opened \u{201c}{name}\u{201d}"),
                                lines: imported.problems,
                                status: false,
                            });
                            go.emit(Route::Planner {
                                number: imported.number,
                                plan: imported.plan,
                            });
                            String::new()
                        }
                        Ok(Err(e)) => format!("\u{201c}{name}\u{201d} was not opened. {e} Nothing has been changed."),
                        Err(e) => e.to_string(),
                    },
                };
                error.set(message);
            });
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
