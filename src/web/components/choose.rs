//! Choosing qualifications to compare: a native checkbox for each, in a fieldset, then
//! "Compare". Used on the home page and, to change the choice, on the compare page.

use yew::prelude::*;

use crate::address::Route;
use crate::catalogue::shared;
use crate::web::browser::focus_by_id;
use crate::web::context::use_nav;

#[derive(Properties, PartialEq)]
pub struct ChooseProps {
    /// Numbers ticked at first.
    #[prop_or_default]
    pub selected: Vec<String>,
    /// Prefix of the element ids, so two choosers could share a page.
    pub id: AttrValue,
}

#[function_component(ChooseQualifications)]
pub fn choose_qualifications(props: &ChooseProps) -> Html {
    let nav = use_nav();
    let chosen = use_state(|| props.selected.clone());
    let error = use_state(|| false);
    let Ok(cat) = shared() else { return html! {} };
    let first_box = format!("{}-0", props.id);
    let submit = {
        let (chosen, error, go, first_box) = (chosen.clone(), error.clone(), nav.go.clone(), first_box.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if chosen.len() < 2 {
                error.set(true);
                focus_by_id(&first_box);
                return;
            }
            error.set(false);
            // In catalogue order, whatever order they were ticked in.
            let numbers = cat
                .qualifications
                .iter()
                .filter(|q| chosen.contains(&q.number))
                .map(|q| q.number.clone())
                .collect();
            go.emit(Route::Compare { numbers });
        })
    };
    let error_id = format!("{}-error", props.id);
    html! {
        <form class="choose" onsubmit={submit} novalidate=true>
            <fieldset aria-describedby={error.then(|| error_id.clone())}>
                <legend>{"Choose two or more qualifications to compare"}</legend>
                if *error {
                    <p class="field-error" id={error_id.clone()} role="alert">{"Choose at least two qualifications, then press Compare."}</p>
                }
                <ul class="choose-list">
                    { for cat.qualifications.iter().enumerate().map(|(i, q)| {
                        let id = format!("{}-{i}", props.id);
                        let toggle = {
                            let (chosen, number) = (chosen.clone(), q.number.clone());
                            Callback::from(move |e: Event| {
                                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                                let mut next: Vec<String> = (*chosen).iter().filter(|n| **n != number).cloned().collect();
                                if input.checked() {
                                    next.push(number.clone());
                                }
                                chosen.set(next);
                            })
                        };
                        html! {
                            <li class="checkbox-item">
                                <input type="checkbox" id={id.clone()} name="q" value={q.number.clone()} checked={chosen.contains(&q.number)} onchange={toggle} />
                                <label for={id}>{&q.title}<span class="choose-number">{format!(" ({})", q.number)}</span></label>
                            </li>
                        }
                    }) }
                </ul>
            </fieldset>
            <div class="choose-actions">
                <button type="submit" class="button">{"Compare"}</button>
                <a href={crate::address::encode(&Route::Compare { numbers: Vec::new() })}>{format!("Compare all {}", crate::words::count_word(cat.qualifications.len()))}</a>
            </div>
        </form>
    }
}
