//! One unit: a native checkbox with its label (GOV.UK checkbox pattern), the engine's warning
//! before a click, "already achieved" (mandatory units too), and the unit's content on demand.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::catalogue::{shared, UnitEntry, UnitType};
use crate::engine::Unit;
use crate::planner::{Action, RowState};
use crate::words::unit_meta;

use super::erratum::ErrataNotes;

/// The compiled unit and its catalogue entry, compared by identity: both live as long as the
/// page, so a row re-renders only when its own state changes, without cloning or deep compares.
#[derive(Clone, Copy)]
pub struct UnitRef {
    pub unit: &'static Unit,
    pub entry: &'static UnitEntry,
}

impl PartialEq for UnitRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.unit, other.unit) && std::ptr::eq(self.entry, other.entry)
    }
}

#[derive(Properties, PartialEq)]
pub struct UnitRowProps {
    pub of: UnitRef,
    pub state: RowState,
    pub warnings: Vec<String>,
    /// Kept out of "complete my pathway" suggestions.
    pub ruled_out: bool,
    /// Added by the last "complete my pathway".
    pub added: bool,
    /// The qualification this achieved unit was carried from.
    #[prop_or_default]
    pub carried_from: Option<AttrValue>,
    pub on_action: Callback<Action>,
}

/// Left and Right (or Up and Down) move between a unit's own controls: its checkbox, "already
/// achieved", "don't suggest", its notes and its details. (`row` is the unit's element: Yew
/// delegates events, so the event's current target is not.)
fn arrows_within_row(row: &NodeRef, e: KeyboardEvent) {
    let step: i32 = match e.key().as_str() {
        "ArrowRight" | "ArrowDown" => 1,
        "ArrowLeft" | "ArrowUp" => -1,
        _ => return,
    };
    let (Some(row), Some(target)) = (
        row.cast::<web_sys::Element>(),
        e.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()),
    ) else {
        return;
    };
    // Arrow keys inside an open details body scroll as usual.
    if target.tag_name() != "INPUT" && target.tag_name() != "SUMMARY" {
        return;
    }
    let Ok(found) = row.query_selector_all("input:not([disabled]), summary") else {
        return;
    };
    let controls: Vec<web_sys::HtmlElement> = (0..found.length())
        .filter_map(|i| found.get(i)?.dyn_into().ok())
        .collect();
    let Some(at) = controls.iter().position(|c| c == &target) else {
        return;
    };
    let next = (at as i32 + step).rem_euclid(controls.len() as i32) as usize;
    e.prevent_default();
    let _ = controls[next].focus();
}

pub fn dom_id(key: &str) -> String {
    key.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

#[function_component(UnitRowView)]
pub fn unit_row(props: &UnitRowProps) -> Html {
    let u = props.of.unit;
    let id = dom_id(&u.key);
    let meta = unit_meta(u.number.as_deref(), &u.reference, u.level, u.credits, u.glh);
    let state_word = match props.state {
        RowState::Mandatory => "mandatory",
        RowState::Achieved => "achieved",
        RowState::Chosen => "chosen",
        RowState::Available => "available",
    };
    let toggle = {
        let a = props.on_action.clone();
        let k = u.key.clone();
        Callback::from(move |_: Event| a.emit(Action::Toggle(k.clone())))
    };
    let toggle_ruled_out = {
        let a = props.on_action.clone();
        let k = u.key.clone();
        Callback::from(move |_: Event| a.emit(Action::ToggleRuledOut(k.clone())))
    };
    let toggle_achieved = {
        let a = props.on_action.clone();
        let k = u.key.clone();
        Callback::from(move |_: Event| a.emit(Action::ToggleAchieved(k.clone())))
    };
    let warn_id = format!("warn-{id}");
    let meta_id = format!("meta-{id}");
    let describedby = if props.warnings.is_empty() {
        meta_id.clone()
    } else {
        format!("{meta_id} {warn_id}")
    };
    let included = matches!(props.state, RowState::Mandatory | RowState::Chosen | RowState::Achieved);
    // One tab stop a unit: the first control that can be used (choosing it, or for a mandatory
    // or achieved unit "already achieved"); the row's other controls are reached with the arrow
    // keys, so a keyboard user crosses a group in one press a unit.
    let main_enabled = !matches!(props.state, RowState::Mandatory | RowState::Achieved);
    let rest = Some("-1");
    let achieved_tab = if main_enabled { rest } else { None };
    let row = use_node_ref();
    let onkeydown = {
        let row = row.clone();
        Callback::from(move |e: KeyboardEvent| arrows_within_row(&row, e))
    };
    html! {
        <div ref={row} {onkeydown} class={classes!("unit", format!("unit-{state_word}"), (!props.warnings.is_empty()).then_some("unit-warned"), (props.added && props.state == RowState::Chosen).then_some("unit-added"))} data-key={u.key.clone()} data-state={state_word}>
            <div class="checkbox-item">
                <input type="checkbox" id={format!("unit-{id}")} class="unit-check"
                    checked={included}
                    disabled={matches!(props.state, RowState::Mandatory | RowState::Achieved)}
                    aria-describedby={describedby}
                    onchange={toggle} />
                <label for={format!("unit-{id}")} class="unit-label">
                    <span class="unit-title">{&u.title}</span>
                    { match props.state {
                        RowState::Mandatory => html! { <span class="tag">{"Mandatory: always included"}</span> },
                        RowState::Achieved => html! {
                            <>
                                <span class="tag tag-achieved">{"Already achieved"}</span>
                                if let Some(from) = &props.carried_from { <span class="tag">{format!("Carried from {from}")}</span> }
                            </>
                        },
                        RowState::Chosen if props.added => html! { <span class="tag tag-added">{"Added by Complete my pathway"}</span> },
                        RowState::Available if props.ruled_out => html! { <span class="tag">{"Not suggested"}</span> },
                        _ => html! {},
                    } }
                </label>
            </div>
            <p class="unit-meta" id={meta_id}>{meta}</p>
            if !props.warnings.is_empty() && props.state == RowState::Chosen {
                <details class="unit-removal">
                    <summary tabindex="-1">{if props.warnings.len() == 1 { "Removing it would break a rule" } else { "Removing it would break rules" }}</summary>
                    <ul id={warn_id}>{ for props.warnings.iter().map(|w| html! { <li>{w}</li> }) }</ul>
                </details>
            } else if !props.warnings.is_empty() {
                <div class="unit-warning" id={warn_id}>
                    <span class="warning-icon" aria-hidden="true">{"!"}</span>
                    <span class="visually-hidden">{if props.state == RowState::Available { "Warning before choosing: " } else { "Warning before removing: " }}</span>
                    <ul>{ for props.warnings.iter().map(|w| html! { <li>{w}</li> }) }</ul>
                </div>
            }
            <div class="unit-extra">
                <div class="checkbox-item small">
                    <input type="checkbox" id={format!("achieved-{id}")} tabindex={achieved_tab} checked={props.state == RowState::Achieved} onchange={toggle_achieved} />
                    <label for={format!("achieved-{id}")}>{"Already achieved (prior learning or credit transfer)"}<span class="visually-hidden">{format!(": {}", u.title)}</span></label>
                </div>
                if props.state == RowState::Available {
                    <div class="checkbox-item small">
                        <input type="checkbox" id={format!("not-{id}")} tabindex={rest} checked={props.ruled_out} onchange={toggle_ruled_out} />
                        <label for={format!("not-{id}")}>{"Don't suggest this unit"}<span class="visually-hidden">{format!(": {}", u.title)}</span></label>
                    </div>
                }
                <ErrataNotes ids={props.of.entry.errata.iter().chain(props.of.entry.availability.iter().flat_map(|a| a.errata.iter())).cloned().collect::<Vec<_>>()} label="Note" in_row=true />
                <UnitDetailView entry={props.of.entry} />
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct DetailProps {
    entry: &'static UnitEntry,
}

/// The unit's content, built only once the disclosure is opened: outcomes and criteria are most
/// of the page's nodes, and a closed disclosure need not carry them.
#[function_component(UnitDetailView)]
fn unit_detail(props: &DetailProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            open.set(el.open());
        })
    };
    html! {
        <details class="unit-detail" {ontoggle}>
            <summary tabindex="-1">{"Unit details"}<span class="visually-hidden">{format!(": {}", props.entry.title)}</span></summary>
            if *open { { detail_body(props.entry) } }
        </details>
    }
}

fn detail_body(entry: &UnitEntry) -> Html {
    let Ok(cat) = shared() else { return html! {} };
    let found = cat.detail(entry);
    let doc = entry.detail.as_deref().and_then(|d| cat.document(d));
    match (found, doc) {
        (Some(d), Some(doc)) => html! {
            <div class="detail-body">
                if let Some(t) = d.unit_type {
                    <p><strong>{"Unit type: "}</strong>{ match t { UnitType::Competence => "competence", UnitType::Knowledge => "knowledge" } }</p>
                }
                if let Some(s) = &d.summary { <p>{s}</p> }
                if !d.assessment.is_empty() {
                    <h4>{"Assessment"}</h4>
                    <ul>{ for d.assessment.iter().map(|a| html! { <li>{a}</li> }) }</ul>
                }
                <h4>{"Learning outcomes and assessment criteria"}</h4>
                <ol class="outcomes">
                    { for d.outcomes.iter().map(|o| html! {
                        <li>
                            <p class="outcome"><span class="num">{&o.number}</span>{" "}{&o.text}</p>
                            <ul class="criteria">
                                { for o.criteria.iter().map(|c| html! { <li><span class="num">{&c.number}</span>{" "}{&c.text}</li> }) }
                            </ul>
                        </li>
                    }) }
                </ol>
                <ErrataNotes ids={d.errata.clone()} label="Unit content" />
                <p class="source">{format!("Source: {}, \u{201c}{}\u{201d}.", doc.title, d.section)}</p>
            </div>
        },
        _ => html! {
            <p class="detail-body">{"The source documents do not include this unit's content (its learning outcomes and assessment criteria). Ask the awarding body for the unit specification."}</p>
        },
    }
}
