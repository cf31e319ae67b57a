//! The root: reads the address, listens for changes to it, and shows the page it names.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::address::{decode, encode, Route};
use crate::catalogue::shared;

use super::home::Home;
use super::planner::PlannerPage;

pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// A message that belongs to one page and outlives the navigation that leads to it, such as
/// what was left out of a plan file just opened. Shown while that page is.
#[derive(Clone, PartialEq)]
pub struct Notice {
    /// The page it belongs to (see `page_key`).
    pub page: String,
    pub title: String,
    pub lines: Vec<String>,
}

thread_local! {
    static NOTICE: std::cell::RefCell<Option<UseStateHandle<Option<Notice>>>> = const { std::cell::RefCell::new(None) };
    /// The root's setter for the address it renders, so a click re-renders at once instead of
    /// waiting for the browser's `hashchange`, which can come a frame later.
    static SHOW: std::cell::RefCell<Option<UseStateHandle<String>>> = const { std::cell::RefCell::new(None) };
}

/// Shows `notice` on its page (replacing any other), from the next render on.
pub fn announce(notice: Notice) {
    NOTICE.with(|n| {
        if let Some(state) = n.borrow().as_ref() {
            state.set(Some(notice));
        }
    });
}

/// Moves to `route`: a new history entry, so back and forward step through plans.
pub fn navigate(route: &Route) {
    let hash = encode(route);
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&hash);
    }
    SHOW.with(|show| {
        if let Some(state) = show.borrow().as_ref() {
            state.set(hash);
        }
    });
}

#[function_component(App)]
pub fn app() -> Html {
    let hash = use_state_eq(current_hash);
    SHOW.with(|show| *show.borrow_mut() = Some(hash.clone()));
    let notice = use_state(|| None::<Notice>);
    NOTICE.with(|n| *n.borrow_mut() = Some(notice.clone()));
    {
        let hash = hash.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || hash.set(current_hash()));
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
                }
                drop(listener);
            }
        });
    }

    let catalogue = match shared() {
        Ok(c) => c,
        Err(e) => {
            return html! {
                <main id="main" class="page">
                    <h1>{"Pathway Planner could not load its qualification data"}</h1>
                    <p role="alert">{format!("This build's catalogue is damaged: {e}. Please report it; nothing you saved has been changed.")}</p>
                </main>
            }
        }
    };
    let decoded = decode(&hash, catalogue);
    {
        // The address as the app writes it, so a damaged link is not what "continue" offers.
        let last = match &decoded.route {
            Route::Planner { .. } => Some(encode(&decoded.route)),
            _ => None,
        };
        use_effect_with(last, |last| {
            if let Some(address) = last {
                super::storage::remember_last(address);
            }
        });
    }
    let page_key = match &decoded.route {
        Route::Planner { number, .. } => number.clone(),
        Route::NotFound { requested } => format!("missing:{requested}"),
        Route::Home => "home".to_owned(),
    };
    // When the page (not just the plan) changes, focus moves to the new page's main region so
    // keyboard and screen-reader users start at its heading.
    let first = use_mut_ref(|| true);
    let shown = notice.as_ref().filter(|n| n.page == page_key).cloned();
    use_effect_with(page_key, move |key| {
        if notice.as_ref().is_some_and(|n| n.page != *key) {
            notice.set(None);
        }
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
            focus_main();
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    });
    let body = match decoded.route {
        Route::Home => html! { <Home problems={decoded.problems} /> },
        Route::Planner { number, plan } => html! {
            <PlannerPage key={number.clone()} number={number.clone()} plan={plan} problems={decoded.problems} notice={shown} />
        },
        Route::NotFound { requested } => html! {
            <main id="main" class="page" tabindex="-1">
                <h1>{"Qualification not found"}</h1>
                <p role="alert">{format!("The link names a qualification numbered \"{requested}\", which Pathway Planner does not have. Nothing has been changed.")}</p>
                <p><a href="#/">{"See the qualifications Pathway Planner covers"}</a></p>
            </main>
        },
    };
    html! {
        <>
            <a class="skip-link" href="#main" onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); focus_main(); })}>{"Skip to main content"}</a>
            <header class="masthead">
                <div class="masthead-inner">
                    <a class="brand" href="#/">{"Pathway Planner"}</a>
                    <p class="tagline">{"Plan a vocational qualification that meets its rules"}</p>
                </div>
            </header>
            {body}
            <footer class="site-footer">
                <p>{"Pathway Planner runs entirely in your browser: nothing you enter leaves this page. Figures are as printed in the awarding bodies' specifications; where those are wrong or unclear, the page says so."}</p>
            </footer>
        </>
    }
}

pub fn focus_main() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
