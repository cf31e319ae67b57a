//! Narrowing the unit list by words, level, or whether a unit can still be added. Filters only
//! hide rows; the plan is untouched.

use yew::prelude::*;

use crate::planner::Filters;
use crate::web::Qual;

#[derive(Properties, PartialEq)]
pub struct FilterBarProps {
    pub filters: UseStateHandle<Filters>,
    pub visible: usize,
    pub total: usize,
    pub compiled: Qual,
}

#[function_component(FilterBar)]
pub fn filter_bar(props: &FilterBarProps) -> Html {
    let filters = &props.filters;
    let mut levels: Vec<u8> = props.compiled.units.iter().map(|u| u.level).collect();
    levels.sort_unstable();
    levels.dedup();
    let change = |f: fn(&mut Filters, &web_sys::HtmlInputElement)| {
        let filters = filters.clone();
        move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut next = (*filters).clone();
            f(&mut next, &input);
            filters.set(next);
        }
    };
    let on_text = {
        let on = change(|f, input| f.text = input.value());
        Callback::from(move |e: InputEvent| on(e.into()))
    };
    let on_addable = Callback::from(change(|f, input| f.addable_only = input.checked()));
    let on_level = {
        let filters = filters.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            filters.set(Filters {
                level: select.value().parse().ok(),
                ..(*filters).clone()
            });
        })
    };
    let on_clear = {
        let filters = filters.clone();
        Callback::from(move |_| filters.set(Filters::default()))
    };
    let (visible, total) = (props.visible, props.total);
    html! {
        <search class="filters" aria-label="Find units">
            <h2 class="visually-hidden">{"Find units"}</h2>
            <div class="filter-row">
                <div class="field">
                    <label for="filter-text">{"Words in title or unit number"}</label>
                    <input type="search" id="filter-text" value={filters.text.clone()} oninput={on_text} autocomplete="off" />
                </div>
                <div class="field">
                    <label for="filter-level">{"Level"}</label>
                    <select id="filter-level" onchange={on_level}>
                        <option value="" selected={filters.level.is_none()}>{"Any level"}</option>
                        { for levels.iter().map(|l| html! { <option value={l.to_string()} selected={filters.level == Some(*l)}>{format!("Level {l}")}</option> }) }
                    </select>
                </div>
                <div class="field checkbox-field">
                    <input type="checkbox" id="filter-addable" checked={filters.addable_only} onchange={on_addable} />
                    <label for="filter-addable">{"Only units that can still be added"}</label>
                </div>
                <button type="button" class="button secondary" onclick={on_clear} disabled={!filters.is_active()}>{"Clear filters"}</button>
            </div>
            <p class="filter-count" aria-live="polite">{
                if filters.is_active() { format!("Showing {visible} of {total} units. Chosen units still count in the summary.") } else { format!("{total} units") }
            }</p>
        </search>
    }
}
