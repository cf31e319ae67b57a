//! The list of qualifications, grouped by awarding body, each one click from its planner.

use yew::prelude::*;

use crate::address::{decode, encode, Route};
use crate::catalogue::{shared, Qualification};
use crate::engine::{qualification_summary, Plan};
use crate::planner::verdict_line;
use crate::words::{printed_hours, TERMS};

use crate::web::components::choose::ChooseQualifications;
use crate::web::components::notice::LinkProblems;
use crate::web::components::plan_file::OpenPlanFile;
use crate::web::components::saved_plans::SavedPlansPanel;
use crate::web::components::unit_search::UnitSearchForm;

use crate::web::storage;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub problems: Vec<String>,
}

#[function_component(Home)]
pub fn home(props: &HomeProps) -> Html {
    // Read after the first render, which must equal the pre-rendered page the app hydrates.
    let last = use_state(|| None::<String>);
    {
        let last = last.clone();
        use_effect_with((), move |_| {
            let read = gloo_timers::callback::Timeout::new(0, move || last.set(storage::last()));
            move || drop(read)
        });
    }
    let Ok(cat) = shared() else { return html! {} };
    let mut bodies: Vec<&str> = cat.qualifications.iter().map(|q| q.awarding_body.as_str()).collect();
    bodies.dedup();
    html! {
        <main id="main" class="page" tabindex="-1">
            <h1>{"Choose a qualification"}</h1>
            <p class="lede">{"Pick units, record what a learner has already achieved, and see at once whether the plan meets the qualification's rules of combination and what is still missing."}</p>
            <p class="home-tools">{"To put qualifications side by side or find a unit in any of them, use "}<a href={encode(&Route::Compare { numbers: Vec::new() })}>{"Compare"}</a>{" and "}<a href={encode(&Route::Units { query: String::new() })}>{"Find a unit"}</a>{", or the forms below the list. To check every learner's plan at once from a spreadsheet, use "}<a href={encode(&Route::Cohort)}>{"Check a cohort"}</a>{"."}</p>
            <p class="hint terms">{TERMS}</p>
            <LinkProblems problems={props.problems.clone()} />
            { for bodies.iter().map(|body| html! {
                <section class="body-section" aria-labelledby={format!("body-{}", slug(body))}>
                    <h2 id={format!("body-{}", slug(body))}>{*body}</h2>
                    <ul class="qual-list">
                        { for cat.qualifications.iter().filter(|q| q.awarding_body == *body).map(card) }
                    </ul>
                </section>
            }) }
            <div class="across-home">
                <section class="compare-section" aria-labelledby="compare-title">
                    <h2 id="compare-title">{"Compare qualifications"}</h2>
                    <p class="hint">{"Credits, hours, assessment, entry, ages, apprenticeships, the shortest routes and the units they share, side by side."}</p>
                    <ChooseQualifications id="home-choose" />
                </section>
                <section class="find-section" aria-labelledby="find-title">
                    <h2 id="find-title">{"Find a unit"}</h2>
                    <search>
                        <UnitSearchForm id="home-unit-query" label="Words, a unit number or a reference number, in every qualification"
                            hint="Titles, summaries and learning outcomes are searched; for example: handling complaints" />
                    </search>
                </section>
            </div>
            <section class="open-section" aria-labelledby="open-title">
                <h2 id="open-title">{"Have a plan already?"}</h2>
                // Down here, not above the list: it appears only once storage has been read, and
                // there it moves nothing a reader is looking at.
                { continue_last(last.as_deref()) }
                <SavedPlansPanel />
                <OpenPlanFile />
            </section>
        </main>
    }
}

fn slug(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn card(q: &Qualification) -> Html {
    let href = encode(&Route::Planner {
        number: q.number.clone(),
        plan: Plan::default(),
    });
    html! {
        <li class="qual-card">
            <h3><a href={href}>{&q.title}</a></h3>
            <dl class="facts">
                <div><dt>{"Number"}</dt><dd>{&q.number}</dd></div>
                <div><dt>{"Level"}</dt><dd>{q.level}</dd></div>
                <div><dt>{"Credits"}</dt><dd>{q.total_credits}</dd></div>
                <div><dt>{"Hours"}</dt><dd>{printed_hours(q.tqt, q.glh)}</dd></div>
            </dl>
            <p class="rules-line">{qualification_summary(q)}</p>
        </li>
    }
}

/// A link back to the plan last open in this browser, with its verdict, when it had units in it.
/// The link is the plan re-encoded, never the stored text itself.
fn continue_last(stored: Option<&str>) -> Html {
    let Some(cat) = shared().ok() else { return html! {} };
    let Some(Route::Planner { number, plan }) = stored.map(|s| decode(s, cat).route) else {
        return html! {};
    };
    let Some(q) = cat.qualification(&number) else {
        return html! {};
    };
    if plan.chosen.is_empty() && plan.achieved.is_empty() {
        return html! {};
    }
    let address = encode(&Route::Planner { number, plan });
    html! {
        <p class="continue">
            <a href={address.clone()}>{format!("Continue your last plan: {} ({})", q.title, q.number)}</a>
            {format!(" \u{2014} {}", verdict_line(cat, &address))}
        </p>
    }
}
