//! A link naming a qualification the app does not have.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NotFoundProps {
    pub requested: String,
}

#[function_component(NotFound)]
pub fn not_found(props: &NotFoundProps) -> Html {
    html! {
        <main id="main" class="page" tabindex="-1">
            <h1>{"Qualification not found"}</h1>
            <p role="alert">{format!("The link names a qualification numbered \"{}\", which Pathway Planner does not have. Nothing has been changed.", props.requested)}</p>
            <p><a href="#/">{"See the qualifications Pathway Planner covers"}</a></p>
        </main>
    }
}
