//! "Use these units toward another qualification": choose the target, tick units still to do
//! that are complete, answer for any reference printed for more than one unit, then open the
//! target's planner with the carried units achieved. The rules are `across::carry`.

use yew::prelude::*;

use crate::across::carry::{carry, confirm_sentence, source_units, Choices, CONFIRM_SOURCE};
use crate::address::Route;
use crate::catalogue::{shared, Qualification};
use crate::engine::Plan;
use crate::words::units;

use super::erratum::ErrataNotes;
use crate::web::context::{use_nav, use_notices, Notice};

#[derive(Properties, PartialEq)]
pub struct CarryProps {
    /// The source qualification's number.
    pub number: String,
    pub plan: Plan,
}

#[function_component(CarryPanel)]
pub fn carry_panel(props: &CarryProps) -> Html {
    let nav = use_nav();
    let notices = use_notices();
    let target = use_state(|| None::<String>);
    let choices = use_state(Choices::default);
    let Ok(cat) = shared() else { return html! {} };
    let Some(source) = cat.qualification(&props.number) else {
        return html! {};
    };
    let in_plan = source_units(source, &props.plan).len();
    let on_target = {
        let (target, choices) = (target.clone(), choices.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let v = select.value();
            target.set((!v.is_empty()).then_some(v));
            choices.set(Choices::default());
        })
    };
    let chosen: Option<&Qualification> = target.as_deref().and_then(|n| cat.qualification(n));
    let outcome = chosen.map(|t| carry(cat, source, &props.plan, t, &choices));
    html! {
        <section class="carry" aria-labelledby="carry-title">
            <h2 id="carry-title">{"Use these units toward another qualification"}</h2>
            <p class="hint">{"The units of this plan that another qualification also includes, matched by unit reference number, open there as already achieved. Units still to do here go only if you tick that they are complete."}</p>
            <div class="field">
                <label for="carry-target">{"Qualification to use them toward"}</label>
                <select id="carry-target" onchange={on_target}>
                    <option value="" selected={target.is_none()}>{"Choose a qualification"}</option>
                    { for cat.qualifications.iter().filter(|q| q.number != source.number).map(|q| {
                        let shared_count = in_plan - carry(cat, source, &props.plan, q, &Choices::default()).not_included.len();
                        html! {
                            <option value={q.number.clone()} selected={target.as_deref() == Some(q.number.as_str())}>
                                {format!("{} {} \u{2014} includes {} of this plan's {}", q.number, q.title, shared_count, units(in_plan as u32))}
                            </option>
                        }
                    }) }
                </select>
            </div>
            if let (Some(t), Some(out)) = (chosen, outcome) {
                { preview(source, t, &out, &choices) }
                <p class="carry-status" role="status">{status_line(&out)}</p>
                <p class="confirm">
                    {confirm_sentence(&t.awarding_body)}
                    {" For example, Pearson's specification (issue 4) lists among its changes: \u{201c}"}{CONFIRM_SOURCE.quote}{"\u{201d} ("}{CONFIRM_SOURCE.changed_in}{")."}
                </p>
                <button type="button" class="button" onclick={{
                    let (go, announce) = (nav.go.clone(), notices.announce.clone());
                    let (title, lines) = (out.notice_title(source), out.notice_lines(source, t));
                    let route = Route::Planner { number: t.number.clone(), plan: out.plan.clone() };
                    let page = t.number.clone();
                    Callback::from(move |_| {
                        announce.emit(Notice { page: page.clone(), title: title.clone(), lines: lines.clone(), status: true });
                        go.emit(route.clone());
                    })
                }}>{format!("Open {} with {} already achieved", t.number, units(out.plan.achieved.len() as u32))}</button>
            }
        </section>
    }
}

/// "3 units (15 credits) will open as already achieved; 1 question is not answered."
fn status_line(out: &crate::across::carry::Carry) -> String {
    let mut s = format!(
        "{} ({}) will open as already achieved in {}.",
        units(out.plan.achieved.len() as u32),
        crate::words::credits(out.credits()),
        out.to
    );
    match out.unanswered() {
        0 => {}
        1 => s.push_str(" 1 question above is not answered: that unit will not be carried."),
        n => s.push_str(&format!(
            " {n} questions above are not answered: those units will not be carried."
        )),
    }
    s
}

fn preview(
    source: &Qualification,
    target: &Qualification,
    out: &crate::across::carry::Carry,
    choices: &UseStateHandle<Choices>,
) -> Html {
    let name = |key: &str, title: &str| match source.unit(key).and_then(|u| u.number.clone()) {
        Some(n) => format!("Unit {n}: {title}"),
        None => format!("{key}: {title}"),
    };
    let tick = |key: String| {
        let choices = choices.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut next = (*choices).clone();
            if input.checked() {
                next.complete.insert(key.clone());
            } else {
                next.complete.remove(&key);
            }
            choices.set(next);
        })
    };
    let answer = |key: String, value: Option<String>| {
        let choices = choices.clone();
        Callback::from(move |_: Event| {
            let mut next = (*choices).clone();
            next.answers.insert(key.clone(), value.clone());
            choices.set(next);
        })
    };
    let achieved: Vec<_> = out.carried.iter().filter(|m| m.source.achieved).collect();
    html! {
        <div class="carry-preview">
            <h3>{format!("Already achieved here, and carried to {}", target.number)}</h3>
            if achieved.is_empty() {
                <p>{"None."}</p>
            } else {
                <ul>{ for achieved.iter().map(|m| html! { <li>{name(&m.source.key, &m.source.title)}</li> }) }</ul>
            }
            if !out.to_do.is_empty() {
                <fieldset class="carry-complete">
                    <legend>{format!("Still to do here, and included in {}: tick the units the learner has completed", target.number)}</legend>
                    { for out.to_do.iter().map(|s| {
                        let id = format!("carry-done-{}", crate::web::components::unit_row::dom_id(&s.key));
                        html! {
                            <div class="checkbox-item small">
                                <input type="checkbox" id={id.clone()} checked={choices.complete.contains(&s.key)} onchange={tick(s.key.clone())} />
                                <label for={id}>{format!("Completed: {}", name(&s.key, &s.title))}</label>
                            </div>
                        }
                    }) }
                </fieldset>
            }
            { for out.questions.iter().map(|q| {
                let group = format!("carry-q-{}", crate::web::components::unit_row::dom_id(&q.source.key));
                html! {
                    <fieldset class="ambiguity carry-question">
                        <legend>{format!("{} is printed for more than one unit. Which unit of {} is {}?", q.source.reference, target.number, name(&q.source.key, &q.source.title))}</legend>
                        { for q.candidates.iter().enumerate().map(|(i, (k, title))| {
                            let id = format!("{group}-{i}");
                            let label = match target.unit(k).and_then(|u| u.number.clone()) { Some(n) => format!("Unit {n}: {title}"), None => format!("{k}: {title}") };
                            html! {
                                <div class="radio-item">
                                    <input type="radio" name={group.clone()} id={id.clone()} checked={q.answer == Some(Some(k.clone()))} onchange={answer(q.source.key.clone(), Some(k.clone()))} />
                                    <label for={id}>{label}</label>
                                </div>
                            }
                        }) }
                        <div class="radio-item">
                            <input type="radio" name={group.clone()} id={format!("{group}-none")} checked={q.answer == Some(None)} onchange={answer(q.source.key.clone(), None)} />
                            <label for={format!("{group}-none")}>{"None of these: do not carry it"}</label>
                        </div>
                        <ErrataNotes ids={q.errata.clone()} label="Why this is asked" />
                    </fieldset>
                }
            }) }
            if !out.not_included.is_empty() {
                <h3>{format!("Not included in {}", target.number)}</h3>
                <ul>{ for out.not_included.iter().map(|s| html! { <li>{name(&s.key, &s.title)}</li> }) }</ul>
            }
        </div>
    }
}
