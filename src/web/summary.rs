//! The live summary: verdict in words and icon, totals, each group's minimum and cap as
//! progress, and every rule with the engine's sentence and the reading used.

use yew::prelude::*;

use crate::engine::{Finding, RuleResult, Verdict};

use super::erratum::ErrataNotes;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub compiled: super::Qual,
    pub verdict: Verdict,
}

#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let expanded = use_state(|| false);
    let v = &props.verdict;
    let c = &props.compiled;
    let t = &v.totals;
    let met = v.met();
    let unmet = v.unmet().count();
    let headline = if met {
        "This plan meets the rules".to_owned()
    } else if unmet == 1 {
        "Not yet: 1 rule is not met".to_owned()
    } else {
        format!("Not yet: {unmet} rules are not met")
    };
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
            <div class="verdict" role="status" data-verdict={if met { "met" } else { "unmet" }}>
                <span class="verdict-icon" aria-hidden="true">{if met { "✓" } else { "✗" }}</span>
                <span class="verdict-text"><strong>{headline}</strong>
                    <span class="verdict-credits">{format!(" — {} of {} credits", t.credits, c.total_credits)}</span>
                </span>
            </div>
            <button type="button" class="button secondary summary-toggle" aria-expanded={expanded.to_string()} aria-controls="summary-details" onclick={toggle}>
                {if *expanded { "Hide details" } else { "Show details" }}
            </button>
            <div class="summary-details" id="summary-details">
                <dl class="totals">
                    <div><dt>{"Credits"}</dt><dd>{format!("{} of {}", t.credits, c.total_credits)}</dd></div>
                    <div><dt>{"Already achieved"}</dt><dd>{format!("{} credits ({})", t.credits_achieved, units(t.units_achieved))}</dd></div>
                    <div><dt>{"Still to do"}</dt><dd>{format!("{} credits ({})", t.credits_to_do, units(t.units - t.units_achieved))}</dd></div>
                    <div><dt>{"Guided learning hours"}</dt><dd>{glh_text(t.glh, t.glh_to_do, &t.glh_missing)}</dd></div>
                    <div><dt>{"Credits by level"}</dt><dd>{
                        if t.credits_by_level.is_empty() { "none".to_owned() } else {
                            t.credits_by_level.iter().map(|(l, n)| format!("level {l}: {n}")).collect::<Vec<_>>().join(", ")
                        }
                    }</dd></div>
                </dl>
                <h3>{"Groups"}</h3>
                <ul class="group-progress">
                    { for c.groups.iter().map(|g| {
                        let have = t.credits_by_group.iter().find(|(id, _)| *id == g.id).map(|(_, n)| *n).unwrap_or(0);
                        let min = printed.iter().find_map(|r| match &r.finding { Finding::GroupCreditsMin { groups, min, .. } if groups.len() == 1 && groups[0] == g.id => Some(*min), _ => None });
                        let max = printed.iter().find_map(|r| match &r.finding { Finding::GroupCreditsMax { groups, max, .. } if groups.len() == 1 && groups[0] == g.id => Some(*max), _ => None });
                        let target = if g.mandatory { None } else { min.or(max) };
                        let label = match (g.mandatory, min, max) {
                            (true, _, _) => format!("Group {}: {have} credits (mandatory)", g.id),
                            (_, Some(m), Some(x)) => format!("Group {}: {have} credits (at least {m}, at most {x})", g.id),
                            (_, Some(m), None) => format!("Group {}: {have} of at least {m} credits", g.id),
                            (_, None, Some(x)) => format!("Group {}: {have} credits (at most {x})", g.id),
                            _ => format!("Group {}: {have} credits", g.id),
                        };
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

fn units(n: u32) -> String {
    if n == 1 {
        "1 unit".to_owned()
    } else {
        format!("{n} units")
    }
}

fn glh_text(glh: u32, to_do: u32, missing: &[String]) -> String {
    let mut s = format!("{glh} in all, {to_do} still to do");
    match missing.len() {
        0 => {}
        1 => s.push_str(&format!("; not printed for unit {}, so not counted", missing[0])),
        2..=3 => s.push_str(&format!(
            "; not printed for units {}, so not counted",
            missing.join(", ")
        )),
        n => s.push_str(&format!("; not printed for {n} of the units, so not counted")),
    }
    s
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
