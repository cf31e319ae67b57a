//! The search box that opens "Find a unit" with its words: on the home page and on the search
//! page itself.

use yew::prelude::*;

use crate::address::Route;
use crate::web::context::use_nav;

#[derive(Properties, PartialEq)]
pub struct UnitSearchProps {
    /// The field's id (the hint's id is derived from it).
    pub id: AttrValue,
    pub label: AttrValue,
    pub hint: AttrValue,
    /// The words the address holds; the box follows them (Back and Forward change them).
    #[prop_or_default]
    pub query: AttrValue,
}

#[function_component(UnitSearchForm)]
pub fn unit_search_form(props: &UnitSearchProps) -> Html {
    let nav = use_nav();
    let text = use_state(|| props.query.to_string());
    {
        let text = text.clone();
        use_effect_with(props.query.clone(), move |q| text.set(q.to_string()));
    }
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            text.set(input.value());
        })
    };
    let submit = {
        let (text, go) = (text.clone(), nav.go.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            go.emit(Route::Units {
                query: text.trim().to_owned(),
            });
        })
    };
    let hint_id = format!("{}-hint", props.id);
    html! {
        <form onsubmit={submit}>
            <label for={props.id.clone()}>{&props.label}</label>
            <p class="hint" id={hint_id.clone()}>{&props.hint}</p>
            <div class="inline">
                <input type="search" id={props.id.clone()} name="q" value={(*text).clone()} oninput={on_input} aria-describedby={hint_id} autocomplete="off" />
                <button type="submit" class="button">{"Search"}</button>
            </div>
        </form>
    }
}
