use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    html! {
        <>
            <header class="masthead">
                <p class="brand">{"Pathway Planner"}</p>
            </header>
            <main id="main" tabindex="-1">
                <h1>{"Plan a vocational qualification that meets its rules"}</h1>
                <p>{"Choose optional units and see, as you go, whether the plan meets the qualification's rules of combination."}</p>
            </main>
        </>
    }
}
