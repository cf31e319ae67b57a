//! Pasting a unit list from a registration record or spreadsheet. Reading it is
//! `travel::paste::resolve_paste`; an ambiguous reference is asked about, never guessed.

use yew::prelude::*;

use crate::catalogue::shared;
use crate::planner::Action;
use crate::travel::paste::{resolve_paste, Ambiguity};
use crate::web::Qual;

#[derive(Properties, PartialEq)]
pub struct PasteProps {
    pub compiled: Qual,
    pub on_action: Callback<Action>,
}

#[function_component(PastePanel)]
pub fn paste_panel(props: &PasteProps) -> Html {
    let text = use_state(String::new);
    // Add what is recognised as units to do (false) or as already achieved (true).
    let as_achieved = use_state(|| false);
    let messages = use_state(Vec::<String>::new);
    let ambiguities = use_state(Vec::<Ambiguity>::new);
    let q = shared().ok().and_then(|c| c.qualification(&props.compiled.number));
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            text.set(el.value());
        })
    };
    let action = {
        let as_achieved = *as_achieved;
        move |keys: Vec<String>| {
            if as_achieved {
                Action::AchieveAll(keys)
            } else {
                Action::AddAll(keys)
            }
        }
    };
    let add = {
        let (text, messages, ambiguities, on_action) = (
            text.clone(),
            messages.clone(),
            ambiguities.clone(),
            props.on_action.clone(),
        );
        Callback::from(move |_| {
            let Some(q) = q else { return };
            let result = resolve_paste(q, &text);
            let mut lines = Vec::new();
            if result.is_empty() {
                lines.push("No unit numbers or references were found in the text.".to_owned());
            } else {
                lines.push(result.recognised_line());
                lines.extend(result.messages());
            }
            if !result.recognised.is_empty() {
                on_action.emit(action(result.recognised.clone()));
            }
            messages.set(lines);
            ambiguities.set(result.ambiguous);
        })
    };
    let choose = {
        let (ambiguities, on_action) = (ambiguities.clone(), props.on_action.clone());
        Callback::from(move |(reference, key): (String, String)| {
            on_action.emit(action(vec![key]));
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
        <>
            <div class="field paste">
                <label for="paste-units">{"Paste unit numbers or references"}</label>
                <p class="hint" id="paste-hint">{"As copied from a registration record or spreadsheet: separated by commas, spaces, tabs or new lines."}</p>
                <textarea id="paste-units" rows="3" aria-describedby="paste-hint" value={(*text).clone()} oninput={on_input} />
                <fieldset class="goal paste-as">
                    <legend>{"Add the units it recognises"}</legend>
                    <div class="radio-item">
                        <input type="radio" name="paste-as" id="paste-as-to-do" checked={!*as_achieved} onchange={{ let s = as_achieved.clone(); Callback::from(move |_: Event| s.set(false)) }} />
                        <label for="paste-as-to-do">{"as units to do"}</label>
                    </div>
                    <div class="radio-item">
                        <input type="radio" name="paste-as" id="paste-as-achieved" checked={*as_achieved} onchange={{ let s = as_achieved.clone(); Callback::from(move |_: Event| s.set(true)) }} />
                        <label for="paste-as-achieved">{"as already achieved"}</label>
                    </div>
                </fieldset>
                <div><button type="button" class="button secondary" onclick={add}>{"Add these units"}</button></div>
            </div>
            if !messages.is_empty() {
                <ul class="messages" id="paste-messages" aria-live="polite">{ for messages.iter().map(|l| html! { <li>{l}</li> }) }</ul>
            }
            { for ambiguities.iter().map(|a| {
                let choose = choose.clone();
                html! {
                    <fieldset class="ambiguity">
                        <legend>{format!("{} is printed for more than one unit: which do you mean?", a.reference)}</legend>
                        { for a.candidates.iter().map(|k| {
                            let title = q.and_then(|q| q.unit(k)).map(|u| u.title.clone()).unwrap_or_default();
                            let pick = { let choose = choose.clone(); let (r, k) = (a.reference.clone(), k.clone()); Callback::from(move |_| choose.emit((r.clone(), k.clone()))) };
                            html! { <button type="button" class="button secondary" onclick={pick}>{format!("Unit {k}: {title}")}</button> }
                        }) }
                    </fieldset>
                }
            }) }
        </>
    }
}
