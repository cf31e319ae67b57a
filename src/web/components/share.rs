//! Plans that leave the room: the link to copy, printing, and the CSV and plan-file downloads.
//! The formats live in `travel`; this offers them.

use yew::prelude::*;

use crate::address::{encode, Route};
use crate::catalogue::shared;
use crate::engine::Plan;
use crate::travel::names::download_name;
use crate::travel::{catalogue_version, csv, json};
use crate::web::browser::{copy_text, download, link_to, print};
use crate::web::components::printed_plan::PrintNames;
use crate::web::Qual;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub compiled: Qual,
    pub plan: Plan,
    pub names: UseStateHandle<PrintNames>,
}

#[function_component(SharePanel)]
pub fn share_panel(props: &ShareProps) -> Html {
    let status = use_state(String::new);
    // Shared with the printed plan; downloads are named after the learner.
    let names = &props.names;
    let learner = names.learner.clone();
    // Built from the plan itself, never from whatever the address bar holds.
    let link = link_to(&encode(&Route::Planner {
        number: props.compiled.number.clone(),
        plan: props.plan.clone(),
    }));
    let copy = {
        let (status, link) = (status.clone(), link.clone());
        Callback::from(move |_| {
            let (status, link) = (status.clone(), link.clone());
            wasm_bindgen_futures::spawn_local(async move {
                status.set(match copy_text(&link).await {
                    Ok(()) => "Link copied. Anyone who opens it sees this plan exactly.".into(),
                    Err(()) => "The browser did not allow copying: select the link above and copy it.".into(),
                });
            });
        })
    };
    let export = |extension: &'static str,
                  mime: &'static str,
                  make: fn(&Qual, &Plan, &str) -> Option<String>,
                  done: &'static str| {
        let (status, compiled, plan, learner) = (status.clone(), props.compiled, props.plan.clone(), learner.clone());
        Callback::from(move |_| {
            let name = download_name(&learner, &compiled.number, extension);
            let Some(text) = make(&compiled, &plan, &learner) else {
                return;
            };
            status.set(match download(&name, mime, &text) {
                Ok(()) => format!("Downloaded {name}: {done}"),
                Err(e) => e,
            });
        })
    };
    let export_csv = export(
        "csv",
        "text/csv;charset=utf-8",
        |c, plan, learner| {
            let q = shared().ok()?.qualification(&c.number)?;
            Some(csv::plan_csv(c, q, plan, learner))
        },
        "one unit a row.",
    );
    let export_json = export(
        "json",
        "application/json",
        |c, plan, _| {
            let cat = shared().ok()?;
            let q = cat.qualification(&c.number)?;
            Some(json::plan_json(c, q, plan, &catalogue_version(cat)))
        },
        "open it here again with \u{201c}Open a plan file\u{201d}.",
    );
    let field = |set: fn(&mut PrintNames, String)| {
        let names = names.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut next = (*names).clone();
            set(&mut next, input.value());
            names.set(next);
        })
    };
    let on_learner = field(|n, v| n.learner = v);
    let on_adviser = field(|n, v| n.adviser = v);
    let on_date = field(|n, v| n.date = v);
    html! {
        <>
            <div class="field">
                <label for="share-link">{"Link to this plan"}</label>
                <div class="inline">
                    <input id="share-link" type="text" readonly=true value={link} />
                    <button type="button" class="button" onclick={copy}>{"Copy link"}</button>
                </div>
            </div>
            <div class="travel-actions">
                <button type="button" class="button secondary" onclick={Callback::from(|_| print())}>{"Print or save as PDF"}</button>
                <button type="button" class="button secondary" onclick={export_csv}>{"Download CSV"}</button>
                <button type="button" class="button secondary" onclick={export_json}>{"Download plan file"}</button>
            </div>
            <p class="travel-status" role="status">{(*status).clone()}</p>
            <div class="print-fields">
                <p class="hint">{"Names for the printed plan and the downloaded files (kept on this page only):"}</p>
                <div class="field"><label for="learner-name">{"Learner"}</label><input id="learner-name" type="text" autocomplete="off" value={names.learner.clone()} oninput={on_learner} /></div>
                <div class="field"><label for="adviser-name">{"Adviser"}</label><input id="adviser-name" type="text" autocomplete="off" value={names.adviser.clone()} oninput={on_adviser} /></div>
                <div class="field"><label for="plan-date">{"Date"}</label><input id="plan-date" type="date" value={names.date.clone()} oninput={on_date} /></div>
            </div>
        </>
    }
}
