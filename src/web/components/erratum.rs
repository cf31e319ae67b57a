//! Errata shown where they matter: next to the unit, rule or qualification they concern.

use yew::prelude::*;

use crate::catalogue::shared;

#[derive(Properties, PartialEq)]
pub struct ErrataProps {
    pub ids: Vec<String>,
    pub label: AttrValue,
    /// Inside a unit row, which the keyboard enters once and crosses with the arrow keys.
    #[prop_or_default]
    pub in_row: bool,
}

#[function_component(ErrataNotes)]
pub fn errata_notes(props: &ErrataProps) -> Html {
    let Ok(cat) = shared() else { return html! {} };
    let errata: Vec<_> = props.ids.iter().filter_map(|id| cat.erratum(id)).collect();
    if errata.is_empty() {
        return html! {};
    }
    html! {
        <details class="erratum">
            <summary tabindex={props.in_row.then_some("-1")}>
                <span class="erratum-mark" aria-hidden="true">{"i"}</span>
                {format!("{}: the source document has {} (erratum {})", props.label,
                    if errata.len() == 1 { "an error or ambiguity" } else { "errors or ambiguities" },
                    errata.iter().map(|e| e.id.as_str()).collect::<Vec<_>>().join(", "))}
            </summary>
            { for errata.iter().map(|e| html! {
                <div class="erratum-body">
                    <p><strong>{format!("{} — {}", e.id, e.section)}</strong></p>
                    <blockquote>{&e.quote}</blockquote>
                    <p>{&e.problem}</p>
                    <p><strong>{"What this app does: "}</strong>{&e.treatment}</p>
                </div>
            }) }
        </details>
    }
}
