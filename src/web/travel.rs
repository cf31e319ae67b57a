//! Plans that leave the room: copy a link, save by name on this device, paste unit lists, print,
//! and download a CSV. The formats and every check live in `travel`; this wires them to the page.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::address::{decode, encode, Route};
use crate::catalogue::{shared, Qualification};
use crate::engine::Plan;
use crate::planner::Action;
use crate::travel::saved::{SaveOutcome, SavedPlans};
use crate::travel::{catalogue_version, csv, json};

use super::plan_file::OpenPlanFile;
use super::storage;
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
    let saved = use_state(storage::load);
    let save_name = use_state(String::new);
    let paste_text = use_state(String::new);
    let paste_messages = use_state(Vec::<String>::new);
    let ambiguities = use_state(Vec::<Ambiguity>::new);
    let Ok(cat) = shared() else { return html! {} };
    let Some(q) = cat.qualification(&props.compiled.number) else {
        return html! {};
    };
    let address = encode(&Route::Planner {
        number: q.number.clone(),
        plan: props.plan.clone(),
    });

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
        let (status, c, plan, q) = (status.clone(), props.compiled, props.plan.clone(), q);
        Callback::from(move |_| {
            let text = csv::plan_csv(&c, q, &plan);
            let name = format!("{}.csv", file_stem(q));
            status.set(match download(&name, "text/csv;charset=utf-8", &text) {
                Ok(()) => format!("Downloaded {name}: one unit a row."),
                Err(e) => e,
            });
        })
    };
    let export_json = {
        let (status, c, plan, q) = (status.clone(), props.compiled, props.plan.clone(), q);
        Callback::from(move |_| {
            let Ok(cat) = shared() else { return };
            let text = json::plan_json(&c, q, &plan, &catalogue_version(cat));
            let name = format!("{}.json", file_stem(q));
            status.set(match download(&name, "application/json", &text) {
                Ok(()) => format!("Downloaded {name}: open it here again with \u{201c}Open a plan file\u{201d}."),
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
            q,
        );
        Callback::from(move |_| {
            let result = resolve_paste(q, &text);
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
    let on_name = {
        let save_name = save_name.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            save_name.set(el.value());
        })
    };
    let persist = {
        let (saved, status) = (saved.clone(), status.clone());
        move |plans: SavedPlans, done: String| {
            match storage::store(&plans) {
                Ok(()) => status.set(done),
                Err(e) => status.set(e),
            }
            let mut outcome = (*saved).clone();
            outcome.plans = plans;
            saved.set(outcome);
        }
    };
    let save = {
        let (saved, name, address, persist, status) = (
            saved.clone(),
            save_name.clone(),
            address.clone(),
            persist.clone(),
            status.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut plans = saved.plans.clone();
            match plans.save_as(&name, &address, &storage::now_iso()) {
                SaveOutcome::Saved { .. } => persist(plans, format!("Saved as \u{201c}{}\u{201d}.", name.trim())),
                SaveOutcome::NameTaken { .. } => status.set(format!(
                    "Not saved: a saved plan is already called \u{201c}{}\u{201d}. Choose another name, or delete or rename that one first.",
                    name.trim()
                )),
                SaveOutcome::Invalid(err) => status.set(format!("Not saved: {err}")),
            }
        })
    };
    let delete = {
        let (saved, persist) = (saved.clone(), persist.clone());
        Callback::from(move |id: String| {
            let mut plans = saved.plans.clone();
            if let Some(gone) = plans.delete(&id) {
                persist(plans, format!("Deleted \u{201c}{}\u{201d}.", gone.name));
            }
        })
    };
    let rename = {
        let (saved, persist, status) = (saved.clone(), persist.clone(), status.clone());
        Callback::from(move |(id, new): (String, String)| {
            let mut plans = saved.plans.clone();
            match plans.rename(&id, &new) {
                Ok(()) => persist(plans, format!("Renamed to \u{201c}{}\u{201d}.", new.trim())),
                Err(err) => status.set(format!("Not renamed: {err}")),
            }
        })
    };

    html! {
        <section class="travel" aria-labelledby="travel-title">
            <h2 id="travel-title">{"Share, save and print"}</h2>
            <div class="field">
                <label for="share-link">{"Link to this plan"}</label>
                <div class="inline">
                    <input id="share-link" type="text" readonly=true value={full_link()} />
                    <button type="button" class="button" onclick={copy}>{"Copy link"}</button>
                </div>
            </div>
            <div class="travel-actions">
                <button type="button" class="button secondary" onclick={print}>{"Print or save as PDF"}</button>
                <button type="button" class="button secondary" onclick={export_csv}>{"Download CSV"}</button>
                <button type="button" class="button secondary" onclick={export_json}>{"Download plan file"}</button>
            </div>
            <p class="travel-status" role="status">{(*status).clone()}</p>
            <div class="print-fields">
                <p class="hint">{"Names for the printed plan (kept on this page only):"}</p>
                <div class="field"><label for="learner-name">{"Learner"}</label><input id="learner-name" type="text" autocomplete="off" /></div>
                <div class="field"><label for="adviser-name">{"Adviser"}</label><input id="adviser-name" type="text" autocomplete="off" /></div>
                <div class="field"><label for="plan-date">{"Date"}</label><input id="plan-date" type="date" value={today_iso()} /></div>
            </div>
            <form class="save-form" onsubmit={save}>
                <div class="field">
                    <label for="save-name">{"Save this plan on this device as"}</label>
                    <div class="inline">
                        <input id="save-name" type="text" autocomplete="off" value={(*save_name).clone()} oninput={on_name} />
                        <button type="submit" class="button">{"Save"}</button>
                    </div>
                </div>
            </form>
            <SavedList outcome_problems={saved.problems.clone()} plans={saved.plans.clone()} on_delete={delete} on_rename={rename} />
            <OpenPlanFile />

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

#[derive(Properties, PartialEq)]
struct SavedListProps {
    outcome_problems: Vec<String>,
    plans: SavedPlans,
    on_delete: Callback<String>,
    on_rename: Callback<(String, String)>,
}

#[function_component(SavedList)]
fn saved_list(props: &SavedListProps) -> Html {
    // The plan being renamed (its id): its name cell is a small form meanwhile.
    let renaming = use_state(|| None::<String>);
    let Ok(cat) = shared() else { return html! {} };
    let done = {
        let (renaming, on_rename) = (renaming.clone(), props.on_rename.clone());
        Callback::from(move |new: Option<String>| {
            if let (Some(id), Some(new)) = ((*renaming).clone(), new) {
                on_rename.emit((id.clone(), new));
            }
            // Back to the row's Rename button, where the keyboard user was.
            if let Some(id) = &*renaming {
                if let Some(el) =
                    web_sys::window().and_then(|w| w.document()?.get_element_by_id(&format!("rename-{id}")))
                {
                    let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
            renaming.set(None);
        })
    };
    let entries = props.plans.entries(cat);
    html! {
        <div class="saved">
            if !props.outcome_problems.is_empty() {
                <div class="notice notice-warning" role="alert">
                    <h3 class="notice-title">{"Some saved plans could not be read"}</h3>
                    <ul>{ for props.outcome_problems.iter().map(|p| html! { <li>{p}</li> }) }</ul>
                </div>
            }
            if entries.is_empty() {
                <p class="hint">{"No plans saved on this device yet."}</p>
            } else {
                <table class="saved-table">
                    <caption>{"Plans saved on this device"}</caption>
                    <thead><tr><th scope="col">{"Name"}</th><th scope="col">{"Qualification"}</th><th scope="col">{"Verdict"}</th><th scope="col">{"Saved"}</th><th scope="col">{"Actions"}</th></tr></thead>
                    <tbody>
                    { for entries.iter().map(|e| {
                        let verdict = verdict_of(&e.address);
                        let delete = { let cb = props.on_delete.clone(); let id = e.id.clone(); Callback::from(move |_| cb.emit(id.clone())) };
                        let start_rename = { let r = renaming.clone(); let id = e.id.clone(); Callback::from(move |_| r.set(Some(id.clone()))) };
                        html! {
                            <tr>
                                <th scope="row">
                                    if renaming.as_deref() == Some(e.id.as_str()) {
                                        <RenameForm name={e.name.clone()} on_done={done.clone()} />
                                    } else {
                                        {&e.name}
                                    }
                                </th>
                                <td>{ match (&e.number, &e.title) { (Some(n), Some(t)) => format!("{t} ({n})"), _ => "Unknown qualification".to_owned() } }</td>
                                <td>{verdict}</td>
                                <td>{e.saved.get(..16).unwrap_or(&e.saved).replace('T', " ")}</td>
                                <td class="row-actions">
                                    <a href={e.address.clone()}>{"Open"}<span class="visually-hidden">{format!(" {}", e.name)}</span></a>
                                    <button type="button" class="link-button" id={format!("rename-{}", e.id)} onclick={start_rename}>{"Rename"}<span class="visually-hidden">{format!(" {}", e.name)}</span></button>
                                    <button type="button" class="link-button" onclick={delete}>{"Delete"}<span class="visually-hidden">{format!(" {}", e.name)}</span></button>
                                </td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
        </div>
    }
}

pub(super) fn verdict_of(address: &str) -> String {
    let Ok(cat) = shared() else { return String::new() };
    match decode(address, cat).route {
        Route::Planner { number, plan } => match crate::planner::compiled(&number) {
            Some(c) if c.evaluate(&plan).met() => "\u{2713} Meets the rules".to_owned(),
            Some(c) => format!(
                "\u{2717} Not yet ({} of {} credits)",
                c.evaluate(&plan).totals.credits,
                c.total_credits
            ),
            None => String::new(),
        },
        _ => "Cannot be opened".to_owned(),
    }
}

#[derive(Properties, PartialEq)]
struct RenameProps {
    name: String,
    /// The new name, or `None` when renaming is given up.
    on_done: Callback<Option<String>>,
}

/// Renaming in place: the field takes the focus with the old name selected; Enter saves,
/// Escape or Cancel gives up.
#[function_component(RenameForm)]
fn rename_form(props: &RenameProps) -> Html {
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                let _ = el.focus();
                el.select();
            }
        });
    }
    let submit = {
        let (input, done) = (input.clone(), props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            done.emit(input.cast::<web_sys::HtmlInputElement>().map(|el| el.value()));
        })
    };
    let on_key = {
        let done = props.on_done.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                done.emit(None);
            }
        })
    };
    let cancel = props.on_done.reform(|_: MouseEvent| None);
    html! {
        <form class="rename-form" onsubmit={submit}>
            <label for="rename-field" class="visually-hidden">{format!("New name for \u{201c}{}\u{201d}", props.name)}</label>
            <input id="rename-field" type="text" autocomplete="off" value={props.name.clone()} ref={input} onkeydown={on_key} />
            <button type="submit" class="link-button">{"Save name"}</button>
            <button type="button" class="link-button" onclick={cancel}>{"Cancel"}</button>
        </form>
    }
}
