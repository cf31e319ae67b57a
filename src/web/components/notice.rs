//! Messages at the top of a page: what a link could not use, and the notice carried to a page
//! (a plan file just opened, with anything left out of it).

use yew::prelude::*;

use crate::web::context::Notice;

#[derive(Properties, PartialEq)]
pub struct LinkProblemsProps {
    pub problems: Vec<String>,
}

/// What could not be used from the address that opened the page.
#[function_component(LinkProblems)]
pub fn link_problems(props: &LinkProblemsProps) -> Html {
    if props.problems.is_empty() {
        return html! {};
    }
    html! {
        <div class="notice notice-warning" role="alert">
            <h2 class="notice-title">{"Some of the link could not be used"}</h2>
            <ul>{ for props.problems.iter().map(|p| html! { <li>{p}</li> }) }</ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub notice: Notice,
}

/// A notice carried to a page: what was opened, and anything left out of it.
#[function_component(NoticeView)]
pub fn notice_view(props: &NoticeProps) -> Html {
    let n = &props.notice;
    if n.status {
        return html! {
            <div class="notice notice-ok" role="status">
                <h2 class="notice-title">{&n.title}</h2>
                <ul>{ for n.lines.iter().map(|l| html! { <li>{l}</li> }) }</ul>
            </div>
        };
    }
    let warn = !n.lines.is_empty();
    html! {
        <div class={if warn { "notice" } else { "notice notice-ok" }} role={if warn { "alert" } else { "status" }}>
            <h2 class="notice-title">{&n.title}</h2>
            if warn {
                <ul>{ for n.lines.iter().map(|l| html! { <li>{l}</li> }) }</ul>
            } else {
                <p>{"Every unit in it was found. The totals and verdict are worked out afresh from this app's data."}</p>
            }
        </div>
    }
}
