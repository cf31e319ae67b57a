//! "Complete my pathway": the solver's best completion for a goal, added in one click and
//! undone in one click. The completion lives in the planner's state with the plan it made.

use yew::prelude::*;

use crate::engine::Plan;
use crate::planner::{complete_plan, goal_label, goals, CompletionReport, PlannerEvent};
use crate::solver::Goal;
use crate::web::Qual;

#[derive(Properties, PartialEq)]
pub struct CompleteProps {
    pub compiled: Qual,
    pub plan: Plan,
    /// The last completion, while it still describes the plan.
    pub completion: Option<CompletionReport>,
    pub on_event: Callback<PlannerEvent>,
}

#[function_component(CompletePanel)]
pub fn complete_panel(props: &CompleteProps) -> Html {
    let offered = goals(&props.compiled);
    let goal = use_state(|| offered[0]);
    // Why the last try found nothing; it describes the plan it was tried on only.
    let error = use_state(|| None::<String>);
    {
        let error = error.clone();
        use_effect_with(props.plan.clone(), move |_| error.set(None));
    }
    let run = {
        let (goal, error) = (goal.clone(), error.clone());
        let (compiled, plan, on_event) = (props.compiled, props.plan.clone(), props.on_event.clone());
        Callback::from(move |_| match complete_plan(&compiled, &plan, *goal) {
            Ok(report) => on_event.emit(PlannerEvent::Completed(report)),
            Err(why) => error.set(Some(why)),
        })
    };
    let undo = props.on_event.reform(|_: MouseEvent| PlannerEvent::UndoCompletion);
    html! {
        <section class="complete" aria-labelledby="complete-title">
            <h2 id="complete-title">{"Complete my pathway"}</h2>
            <fieldset class="goal">
                <legend>{"Fill the gaps with the units that add the"}</legend>
                { for offered.iter().map(|g| {
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
                if props.completion.as_ref().is_some_and(|r| !r.added.is_empty()) {
                    <button type="button" class="button secondary" onclick={undo}>{"Undo completion"}</button>
                }
            </div>
            <div class="complete-result" aria-live="polite">
                if let Some(report) = &props.completion { <p>{&report.message}</p> }
                if let Some(why) = &*error { <p class="complete-error"><strong>{"Cannot complete: "}</strong>{why}</p> }
            </div>
        </section>
    }
}
