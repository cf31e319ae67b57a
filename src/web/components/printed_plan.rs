//! The individual learning plan as printed: on paper a planner page is this and nothing else.
//! Names and date first, then the units as a plain table with room for target dates, the
//! verdict and rules, room for a review date and signatures, and the errata in full.

use yew::prelude::*;

use crate::across::carry::carried_lines;
use crate::catalogue::shared;
use crate::date::Date;
use crate::engine::{Plan, Verdict};
use crate::travel::print::{plan_errata, plan_rows};
use crate::web::Qual;
use crate::words::verdict_headline;

/// The names and date typed for the printed plan (kept on the page only).
#[derive(Clone, Default, PartialEq)]
pub struct PrintNames {
    pub learner: String,
    pub adviser: String,
    /// `YYYY-MM-DD`, as the date field gives it.
    pub date: String,
}

#[derive(Properties, PartialEq)]
pub struct PrintedPlanProps {
    pub compiled: Qual,
    pub plan: Plan,
    pub verdict: Verdict,
    pub names: PrintNames,
}

#[function_component(PrintedPlan)]
pub fn printed_plan(props: &PrintedPlanProps) -> Html {
    let Ok(cat) = shared() else { return html! {} };
    let Some(q) = cat.qualification(&props.compiled.number) else {
        return html! {};
    };
    let c = &props.compiled;
    let v = &props.verdict;
    let rows = plan_rows(c, q, &props.plan);
    let errata = plan_errata(cat, c, q, &props.plan);
    // Written out, never in the browser's own date format.
    let date = Date::parse_iso(&props.names.date)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let blank = |s: &str| {
        if s.trim().is_empty() {
            "\u{a0}".to_owned()
        } else {
            s.trim().to_owned()
        }
    };
    html! {
        <section class="printed-plan" aria-labelledby="ilp-title">
            <h2 id="ilp-title" class="ilp-title">{"Individual learning plan"}</h2>
            <dl class="ilp-facts">
                <div><dt>{"Learner"}</dt><dd>{blank(&props.names.learner)}</dd></div>
                <div><dt>{"Adviser"}</dt><dd>{blank(&props.names.adviser)}</dd></div>
                <div><dt>{"Date"}</dt><dd>{blank(&date)}</dd></div>
                <div><dt>{"Qualification"}</dt><dd>{format!("{} ({}), {}", q.title, q.number, q.awarding_body)}</dd></div>
                if let Some(d) = props.plan.registered {
                    <div><dt>{"Registered"}</dt><dd>{d.to_string()}</dd></div>
                }
            </dl>
            <table class="ilp-units">
                <caption>{format!("Units in this plan: {} of {} credits", v.totals.credits, c.total_credits)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{"Unit"}</th><th scope="col">{"Reference"}</th><th scope="col">{"Title"}</th>
                        <th scope="col">{"Group"}</th><th scope="col">{"Level"}</th><th scope="col">{"Credits"}</th>
                        <th scope="col">{"GLH"}</th><th scope="col">{"Status"}</th><th scope="col">{"Target date"}</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr>
                            <td>{&r.number}</td><td>{&r.reference}</td><th scope="row">{&r.title}</th>
                            <td>{&r.group}</td><td>{r.level}</td><td>{r.credits}</td>
                            <td>{&r.glh}</td><td>{&r.status}</td><td class="ilp-write"></td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if let Some(carried) = &props.plan.carried {
                <div class="ilp-carried">
                    { for carried_lines(cat, q, carried).into_iter().map(|l| html! { <p>{l}</p> }) }
                </div>
            }
            <h3>{"Verdict"}</h3>
            <p class="ilp-verdict">{format!("{} \u{2014} {} of {} credits.", verdict_headline(v.unmet().count()), v.totals.credits, c.total_credits)}</p>
            <h3>{"Rules of combination"}</h3>
            <ul class="ilp-rules">
                { for v.rules.iter().map(|r| html! {
                    <li>{ if r.finding.met() { "Met: " } else { "Not met: " } }{r.sentence()}</li>
                }) }
            </ul>
            <h3>{"Review and signatures"}</h3>
            <dl class="ilp-sign">
                <div><dt>{"Review date"}</dt><dd class="ilp-write"></dd></div>
                <div><dt>{"Learner's signature"}</dt><dd class="ilp-write"></dd></div>
                <div><dt>{"Adviser's signature"}</dt><dd class="ilp-write"></dd></div>
            </dl>
            if !errata.is_empty() {
                <h3>{"Errors and ambiguities in the source documents that affect this plan"}</h3>
                <dl class="ilp-errata">
                    { for errata.iter().map(|e| html! {
                        <>
                            <dt>{format!("Erratum {}", e.id)}</dt>
                            <dd>
                                <p>{format!("As printed: \u{201c}{}\u{201d}", e.quote)}</p>
                                <p>{&e.problem}</p>
                                <p>{"What this app does: "}{&e.treatment}</p>
                            </dd>
                        </>
                    }) }
                </dl>
            }
        </section>
    }
}
