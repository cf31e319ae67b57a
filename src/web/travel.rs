//! Plans that leave the room: copy a link, print, and download a CSV. The formats and every check live in `travel`; this wires them to the page.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::catalogue::{shared, Qualification};
use crate::engine::Plan;
use crate::travel::csv;

#[derive(Properties, PartialEq)]
pub struct TravelProps {
    pub compiled: super::Qual,
    pub plan: Plan,
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
        </section>
    }
}
