//! The live summary: verdict in words and icon, totals, each group's minimum and cap as
//! progress, and every rule with the engine's sentence and the reading used.

use yew::prelude::*;

use crate::engine::{Finding, RuleResult, Verdict};

use crate::words::{
    credits, credits_by_level, group_progress, lower_first, plan_hours, start_headline, units, verdict_headline,
};

use super::erratum::ErrataNotes;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub compiled: crate::web::Qual,
    pub verdict: Verdict,
    /// Whether any unit is chosen or achieved yet: an empty plan is a start, not a failure.
    pub started: bool,
}

#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let expanded = use_state(|| false);
    let v = &props.verdict;
    let c = &props.compiled;
    let t = &v.totals;
    let met = v.met();
    let unmet = v.unmet().count();
    let start = !props.started && !met;
    let headline = if start {
        start_headline(unmet)
    } else {
        verdict_headline(unmet)
    };
    let first_step = start
        .then(|| v.unmet().find(|r| !matches!(r.finding, Finding::Mandatory { .. })))
        .flatten();
    let toggle = {
        let e = expanded.clone();
        Callback::from(move |_| e.set(!*e))
    };
    let (printed, derived): (Vec<&RuleResult>, Vec<&RuleResult>) = v.rules.iter().partition(|r| {
        !matches!(
            r.finding,
            Finding::Barred { .. } | Finding::Registration { .. } | Finding::Mandatory { .. }
        )
    });
    html! {
        <aside class={classes!("summary", expanded.then_some("expanded"))} aria-labelledby="summary-title">
            <h2 id="summary-title" class="summary-title">{"Plan summary"}</h2>
            <div class="verdict" role="status" data-verdict={if met { "met" } else { "unmet" }} data-stage={start.then_some("start")}>
                <span class="verdict-icon" aria-hidden="true">{if met { "✓" } else if start { "→" } else { "✗" }}</span>
                <span class="verdict-text"><strong>{headline}</strong>
                    <span class="verdict-credits">{format!(" — {} of {} credits", t.credits, c.total_credits)}</span>
                    if let Some(r) = first_step { <span class="verdict-next">{format!("First: {}", lower_first(&r.sentence()))}</span> }
                </span>
            </div>
            <button type="button" id="summary-toggle" class="button secondary summary-toggle" aria-expanded={expanded.to_string()} aria-controls="summary-details" onclick={toggle}>
                {if *expanded { "Hide details" } else { "Show details" }}
            </button>
            <div class="summary-details" id="summary-details">
                <dl class="totals">
                    <div><dt>{"Credits"}</dt><dd>{format!("{} of {}", t.credits, c.total_credits)}</dd></div>
                    <div><dt>{"Already achieved"}</dt><dd>{format!("{} ({})", credits(t.credits_achieved), units(t.units_achieved))}</dd></div>
                    <div><dt>{"Still to do"}</dt><dd>{format!("{} ({})", credits(t.credits_to_do), units(t.units - t.units_achieved))}</dd></div>
                    <div><dt>{"Guided learning hours"}</dt><dd>{plan_hours(t.glh, t.glh_to_do, &t.glh_missing, t.units)}</dd></div>
                    <div><dt>{"Credits by level"}</dt><dd>{credits_by_level(&t.credits_by_level)}</dd></div>
                </dl>
                <h3>{"Groups"}</h3>
                <ul class="group-progress">
                    { for c.groups.iter().map(|g| {
                        let have = t.credits_by_group.iter().find(|(id, _)| *id == g.id).map(|(_, n)| *n).unwrap_or(0);
                        let min = printed.iter().find_map(|r| match &r.finding { Finding::GroupCreditsMin { groups, min, .. } if groups.len() == 1 && groups[0] == g.id => Some(*min), _ => None });
                        let max = printed.iter().find_map(|r| match &r.finding { Finding::GroupCreditsMax { groups, max, .. } if groups.len() == 1 && groups[0] == g.id => Some(*max), _ => None });
                        let target = if g.mandatory { None } else { min.or(max) };
                        let label = group_progress(&g.id, g.mandatory, have, min, max);
                        html! {
                            <li>
                                <span id={format!("prog-{}", g.id)}>{label}</span>
                                if let Some(target) = target {
                                    <progress aria-labelledby={format!("prog-{}", g.id)} max={target.to_string()} value={have.min(target).to_string()}></progress>
                                }
                            </li>
                        }
                    }) }
                </ul>
                <h3>{"Rules"}</h3>
                <ul class="rules">
                    { for printed.iter().chain(derived.iter()).map(|r| rule_item(r)) }
                </ul>
            </div>
        </aside>
    }
}

fn rule_item(r: &RuleResult) -> Html {
    let met = r.finding.met();
    let reading = r.alternative.as_ref().map(|alt| {
        let other = if alt.met() == met {
            "The other reading gives the same result for this plan.".to_owned()
        } else if alt.met() {
            "Under the other reading this plan would meet this rule.".to_owned()
        } else {
            "Under the other reading this plan would not meet this rule.".to_owned()
        };
        html! { <p class="reading">{format!("This rule is ambiguous in the document. Other reading: {} {other}", alt.sentence())}</p> }
    });
    html! {
        <li class={classes!("rule", if met { "rule-met" } else { "rule-unmet" })} data-rule={r.id.clone()} data-met={met.to_string()}>
            <span class="rule-icon" aria-hidden="true">{if met { "✓" } else { "✗" }}</span>
            <div>
                <span class="visually-hidden">{if met { "Met: " } else { "Not met: " }}</span>
                <span class="rule-text">{r.sentence()}</span>
                {reading.unwrap_or_default()}
                <ErrataNotes ids={r.errata.clone()} label="Reading used" />
            </div>
        </li>
    }
}
