//! Plans that leave the room: copy a link, paste unit lists, print, and download a CSV. The formats and every check live in `travel`; this wires them to the page.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::catalogue::{shared, Qualification};
use crate::engine::Plan;
use crate::planner::Action;
use crate::travel::csv;
use crate::travel::paste::{resolve_paste, Ambiguity};

#[derive(Properties, PartialEq)]
pub struct TravelProps {
    pub compiled: super::Qual,
    pub plan: Plan,
    pub on_action: Callback<Action>,
}

fn full_link() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

fn today_iso() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    iso.get(..10).unwrap_or_default().to_owned()
}

fn file_stem(q: &Qualification) -> String {
    format!("pathway-plan-{}", q.number.replace('/', "-"))
}

/// Offers `text` as a file download, built in the page (no request leaves it).
fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |_| "The browser would not make the file.".to_owned();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("No document.")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

#[function_component(TravelPanel)]
pub fn travel_panel(props: &TravelProps) -> Html {
    let status = use_state(String::new);
    let paste_text = use_state(String::new);
    let paste_messages = use_state(Vec::<String>::new);
    let ambiguities = use_state(Vec::<Ambiguity>::new);
    let Ok(cat) = shared() else { return html! {} };
    let Some(q) = cat.qualification(&props.compiled.number) else {
        return html! {};
    };

    let copy = {
        let status = status.clone();
        Callback::from(move |_| {
            let link = full_link();
            let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
                status.set("Select the link above and copy it.".into());
                return;
            };
            let (ok, failed) = (status.clone(), status.clone());
            let done = Closure::once(move |_: JsValue| {
                ok.set("Link copied. Anyone who opens it sees this plan exactly.".into())
            });
            let refused = Closure::once(move |_: JsValue| {
                failed.set("The browser did not allow copying: select the link above and copy it.".into())
            });
            let _ = clipboard.write_text(&link).then2(&done, &refused);
            // The promise settles once; the closures may be freed by the browser after that.
            done.forget();
            refused.forget();
        })
    };
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let export_csv = {
        let (status, c, plan, q) = (status.clone(), props.compiled, props.plan.clone(), q.clone());
        Callback::from(move |_| {
            let text = csv::plan_csv(&c, &q, &plan);
            let name = format!("{}.csv", file_stem(&q));
            status.set(match download(&name, "text/csv;charset=utf-8", &text) {
                Ok(()) => format!("Downloaded {name}: one unit a row."),
                Err(e) => e,
            });
        })
    };

    let on_paste_input = {
        let paste_text = paste_text.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            paste_text.set(el.value());
        })
    };
    let add_pasted = {
        let (text, messages, ambiguities, on_action, q) = (
            paste_text.clone(),
            paste_messages.clone(),
            ambiguities.clone(),
            props.on_action.clone(),
            q.clone(),
        );
        Callback::from(move |_| {
            let result = resolve_paste(&q, &text);
            let mut lines = Vec::new();
            if result.is_empty() {
                lines.push("No unit numbers or references were found in the text.".to_owned());
            } else {
                lines.push(result.recognised_line());
                lines.extend(result.messages());
            }
            if !result.recognised.is_empty() {
                on_action.emit(Action::AddAll(result.recognised.clone()));
            }
            messages.set(lines);
            ambiguities.set(result.ambiguous);
        })
    };
    let choose = {
        let (ambiguities, on_action) = (ambiguities.clone(), props.on_action.clone());
        Callback::from(move |(reference, key): (String, String)| {
            on_action.emit(Action::AddAll(vec![key]));
            ambiguities.set(
                ambiguities
                    .iter()
                    .filter(|a| a.reference != reference)
                    .cloned()
                    .collect(),
            );
        })
    };
    html! {
        <section class="travel" aria-labelledby="travel-title">
            <h2 id="travel-title">{"Share, save and print"}</h2>
            <div class="field">
                <label for="share-link">{"Link to this plan"}</label>
                <div class="inline">
                    <input id="share-link" type="text" readonly=true value={full_link()} onfocus={Callback::from(|e: FocusEvent| {
                        let el: web_sys::HtmlInputElement = e.target_unchecked_into();
                        el.select();
                    })} />
                    <button type="button" class="button" onclick={copy}>{"Copy link"}</button>
                </div>
            </div>
            <div class="travel-actions">
                <button type="button" class="button secondary" onclick={print}>{"Print or save as PDF"}</button>
                <button type="button" class="button secondary" onclick={export_csv}>{"Download CSV"}</button>
            </div>
            <p class="travel-status" role="status">{(*status).clone()}</p>
            <div class="print-fields">
                <p class="hint">{"Names for the printed plan (kept on this page only):"}</p>
                <div class="field"><label for="learner-name">{"Learner"}</label><input id="learner-name" type="text" autocomplete="off" /></div>
                <div class="field"><label for="adviser-name">{"Adviser"}</label><input id="adviser-name" type="text" autocomplete="off" /></div>
                <div class="field"><label for="plan-date">{"Date"}</label><input id="plan-date" type="date" value={today_iso()} /></div>
            </div>
            <div class="field paste">
                <label for="paste-units">{"Paste unit numbers or references"}</label>
                <p class="hint" id="paste-hint">{"As copied from a registration record or spreadsheet: separated by commas, spaces, tabs or new lines."}</p>
                <textarea id="paste-units" rows="3" aria-describedby="paste-hint" value={(*paste_text).clone()} oninput={on_paste_input} />
                <div><button type="button" class="button secondary" onclick={add_pasted}>{"Add these units"}</button></div>
            </div>
            { message_list(&paste_messages, "paste-messages") }
            { for ambiguities.iter().map(|a| {
                let choose = choose.clone();
                html! {
                    <fieldset class="ambiguity">
                        <legend>{format!("{} is printed for more than one unit: which do you mean?", a.reference)}</legend>
                        { for a.candidates.iter().map(|k| {
                            let title = q.unit(k).map(|u| u.title.clone()).unwrap_or_default();
                            let pick = { let choose = choose.clone(); let (r, k) = (a.reference.clone(), k.clone()); Callback::from(move |_| choose.emit((r.clone(), k.clone()))) };
                            html! { <button type="button" class="button secondary" onclick={pick}>{format!("Unit {k}: {title}")}</button> }
                        }) }
                    </fieldset>
                }
            }) }
        </section>
    }
}

fn message_list(lines: &[String], id: &str) -> Html {
    if lines.is_empty() {
        return html! {};
    }
    html! { <ul class="messages" id={id.to_owned()} aria-live="polite">{ for lines.iter().map(|l| html! { <li>{l}</li> }) }</ul> }
}
