//! "Complete my pathway": the solver's best completion for a goal, added in one click and
//! undone in one click.

use yew::prelude::*;

use crate::engine::Plan;
use crate::planner::{complete_plan, goal_label, Action};
use crate::solver::Goal;

#[derive(Properties, PartialEq)]
pub struct CompleteProps {
    pub compiled: super::Qual,
    pub plan: Plan,
    pub on_action: Callback<Action>,
    /// Units the last completion added (highlighted in the list), and its message.
    pub last: Option<(Vec<String>, String)>,
    pub on_result: Callback<Option<(Vec<String>, String)>>,
}

#[function_component(CompletePanel)]
pub fn complete_panel(props: &CompleteProps) -> Html {
    let goal = use_state(|| Goal::FewestHours);
    let error = use_state(|| None::<String>);
    let run = {
        let (goal, error) = (goal.clone(), error.clone());
        let compiled = props.compiled;
        let plan = props.plan.clone();
        let on_action = props.on_action.clone();
        let on_result = props.on_result.clone();
        Callback::from(move |_| match complete_plan(&compiled, &plan, *goal) {
            Ok(report) => {
                error.set(None);
                if !report.added.is_empty() {
                    on_action.emit(Action::AddAll(report.added.clone()));
                }
                on_result.emit(Some((report.added, report.message)));
            }
            Err(why) => {
                on_result.emit(None);
                error.set(Some(why));
            }
        })
    };
    let undo = {
        let on_action = props.on_action.clone();
        let on_result = props.on_result.clone();
        let added = props.last.as_ref().map(|(a, _)| a.clone()).unwrap_or_default();
        Callback::from(move |_| {
            on_action.emit(Action::RemoveAll(added.clone()));
            on_result.emit(None);
        })
    };
    html! {
        <section class="complete" aria-labelledby="complete-title">
            <h2 id="complete-title">{"Complete my pathway"}</h2>
            <fieldset class="goal">
                <legend>{"Fill the gaps with the units that add the"}</legend>
                { for Goal::ALL.iter().map(|g| {
                    let id = format!("goal-{}", match g { Goal::FewestHours => "hours", Goal::FewestCredits => "credits", Goal::FewestUnits => "units" });
                    let set = { let goal = goal.clone(); let g = *g; Callback::from(move |_: Event| goal.set(g)) };
                    html! {
                        <div class="radio-item">
                            <input type="radio" name="goal" id={id.clone()} checked={*goal == *g} onchange={set} />
                            <label for={id}>{goal_label(*g).to_ascii_lowercase()}</label>
                        </div>
                    }
                }) }
            </fieldset>
            <p class="hint">{"Chosen and achieved units stay; units marked \u{201c}don't suggest\u{201d} are left out. The answer is exact: no other valid completion adds less."}</p>
            <div class="complete-actions">
                <button type="button" class="button" onclick={run}>{"Complete my pathway"}</button>
                if props.last.as_ref().is_some_and(|(a, _)| !a.is_empty()) {
                    <button type="button" class="button secondary" onclick={undo}>{"Undo completion"}</button>
                }
            </div>
            <div class="complete-result" aria-live="polite">
                if let Some((_, message)) = &props.last { <p>{message}</p> }
                if let Some(why) = &*error { <p class="complete-error"><strong>{"Cannot complete: "}</strong>{why}</p> }
            </div>
        </section>
    }
}
