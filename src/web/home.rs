//! The list of qualifications, grouped by awarding body, each one click from its planner.

use yew::prelude::*;

use crate::address::{decode, encode, Route};
use crate::catalogue::{shared, Qualification};
use crate::engine::{qualification_summary, Plan};

use super::plan_file::OpenPlanFile;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub problems: Vec<String>,
}

#[function_component(Home)]
pub fn home(props: &HomeProps) -> Html {
    let Ok(cat) = shared() else { return html! {} };
    let mut bodies: Vec<&str> = cat.qualifications.iter().map(|q| q.awarding_body.as_str()).collect();
    bodies.dedup();
    html! {
        <main id="main" class="page" tabindex="-1">
            <h1>{"Choose a qualification"}</h1>
            <p class="lede">{"Pick units, record what a learner has already achieved, and see at once whether the plan meets the qualification's rules of combination and what is still missing."}</p>
            { problems(&props.problems) }
            { continue_last() }
            <section class="open-section" aria-labelledby="open-title">
                <h2 id="open-title">{"Have a plan already?"}</h2>
                <OpenPlanFile />
            </section>
            { for bodies.iter().map(|body| html! {
                <section class="body-section" aria-labelledby={format!("body-{}", slug(body))}>
                    <h2 id={format!("body-{}", slug(body))}>{*body}</h2>
                    <ul class="qual-list">
                        { for cat.qualifications.iter().filter(|q| q.awarding_body == *body).map(card) }
                    </ul>
                </section>
            }) }
        </main>
    }
}

pub fn problems(list: &[String]) -> Html {
    if list.is_empty() {
        return html! {};
    }
    html! {
        <div class="notice notice-warning" role="alert">
            <h2 class="notice-title">{"Some of the link could not be used"}</h2>
            <ul>{ for list.iter().map(|p| html! { <li>{p}</li> }) }</ul>
        </div>
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
    let hours = match (q.tqt, q.glh) {
        (Some(t), Some(g)) => format!("TQT {t} hours, GLH {g}"),
        (Some(t), None) => format!("TQT {t} hours; GLH not printed"),
        (None, Some(g)) => format!("GLH {g}; TQT not printed"),
        (None, None) => "TQT and GLH not printed".to_owned(),
    };
    html! {
        <li class="qual-card">
            <h3><a href={href}>{&q.title}</a></h3>
            <dl class="facts">
                <div><dt>{"Number"}</dt><dd>{&q.number}</dd></div>
                <div><dt>{"Level"}</dt><dd>{q.level}</dd></div>
                <div><dt>{"Credits"}</dt><dd>{q.total_credits}</dd></div>
                <div><dt>{"Hours"}</dt><dd>{hours}</dd></div>
            </dl>
            <p class="rules-line">{qualification_summary(q)}</p>
        </li>
    }
}

/// A link back to the plan last open in this browser, with its verdict, when it had units in it.
fn continue_last() -> Html {
    let Some(address) = super::storage::last() else {
        return html! {};
    };
    let Ok(cat) = shared() else { return html! {} };
    let Route::Planner { number, plan } = decode(&address, cat).route else {
        return html! {};
    };
    let Some(q) = cat.qualification(&number) else {
        return html! {};
    };
    if plan.chosen.is_empty() && plan.achieved.is_empty() {
        return html! {};
    }
    html! {
        <p class="continue">
            <a href={address.clone()}>{format!("Continue your last plan: {} ({})", q.title, q.number)}</a>
            {format!(" \u{2014} {}", super::travel::verdict_of(&address))}
        </p>
    }
}
