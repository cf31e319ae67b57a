//! The root: reads the address, follows changes to it, shares navigation and notices with the
//! pages through context, and shows the page the address names.

use std::rc::Rc;

use yew::prelude::*;

use crate::address::{decode, encode, Decoded, Route};
use crate::catalogue::shared;

use super::browser::{app_drawn, current_hash, focus_main, push_hash, scroll_to_top};
use super::context::{page_key, CheckedCohort, CohortMemory, Nav, Notice, Notices};
use super::offline::{use_offline, Offline, OfflineLine, UpdateOffer};
use super::pages::{CohortPage, ComparePage, Home, NotFound, PlannerPage, UnitsPage};
use super::storage;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The address the page was opened at: the browser's, or the home page's when pre-rendering.
    pub address: String,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let hash = use_state_eq(|| props.address.clone());
    // Runs once the first page is in the document (effects follow drawing).
    use_effect_with((), |_| app_drawn());
    let notice = use_state(|| None::<Notice>);
    // Writing the address costs about a millisecond on a full page, so a plan's address is
    // written just after the click that changed it has been rendered (see `record`).
    let pending = use_mut_ref(|| None::<Pending>);
    {
        // Back, Forward, a typed address or a link inside the app. While a plan's address is
        // still to be written, the page is ahead of the address: a change reported now is one of
        // its own older writes (the browser runs clicks before timers), and following it would
        // undo the newer click; the pending write brings the address up to date.
        let (hash, pending) = (hash.clone(), pending.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "hashchange", move |_| {
                    if pending.borrow().as_ref().is_some_and(|p| !p.written.get()) {
                        return;
                    }
                    hash.set(current_hash())
                })
            });
            move || drop(listener)
        });
    }
    let decoded: Rc<Option<Decoded>> = use_memo((*hash).clone(), |h| shared().ok().map(|c| decode(h, c)));
    let route = Rc::new((*decoded).as_ref().map_or(Route::Home, |d| d.route.clone()));
    let go = {
        let (hash, pending) = (hash.clone(), pending.clone());
        use_callback((), move |route: Route, _| {
            flush(&pending, true);
            let next = encode(&route);
            push_hash(&next);
            // Shown at once rather than when `hashchange` arrives, which can be a frame later.
            hash.set(next);
        })
    };
    // A newer plan writes any older one still waiting first, so every plan keeps its history entry.
    let record = use_callback((), move |route: Route, _| {
        flush(&pending, true);
        let (hash, written) = (encode(&route), Rc::new(std::cell::Cell::new(false)));
        let timeout = {
            let (hash, written) = (hash.clone(), written.clone());
            gloo_timers::callback::Timeout::new(0, move || {
                written.set(true);
                push_hash(&hash);
            })
        };
        *pending.borrow_mut() = Some(Pending { timeout, hash, written });
    });
    let announce = {
        let notice = notice.clone();
        use_callback((), move |n: Notice, _| notice.set(Some(n)))
    };
    let (offline, reload) = use_offline();
    let cohort = use_state(|| None::<Rc<CheckedCohort>>);
    let cohort = CohortMemory {
        current: (*cohort).clone(),
        set: {
            let cohort = cohort.clone();
            use_callback((), move |c: Option<Rc<CheckedCohort>>, _| cohort.set(c))
        },
    };
    let key = page_key(&route);
    {
        // The address as the app writes it, so a damaged link is not what "continue" offers.
        let last = matches!(*route, Route::Planner { .. }).then(|| encode(&route));
        use_effect_with(last, |last| {
            if let Some(address) = last {
                storage::remember_last(address);
            }
        });
    }
    {
        // A new page (not just a changed plan) starts at its heading, with only its own notice.
        let notice = notice.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(key.clone(), move |key| {
            if notice.as_ref().is_some_and(|n| n.page != *key) {
                notice.set(None);
            }
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                focus_main();
                scroll_to_top();
            }
        });
    }
    let nav = Nav {
        route: route.clone(),
        go,
        record,
    };
    let notices = Notices {
        current: notice.as_ref().filter(|n| n.page == key).cloned(),
        announce,
    };

    let body = match (*decoded).as_ref() {
        None => catalogue_broken(),
        Some(d) => match &d.route {
            Route::Home => html! { <Home problems={d.problems.clone()} /> },
            Route::Planner { number, plan } => html! {
                <PlannerPage key={number.clone()} number={number.clone()} plan={plan.clone()} problems={d.problems.clone()} />
            },
            Route::NotFound { requested } => html! { <NotFound requested={requested.clone()} /> },
            Route::Compare { numbers } => {
                html! { <ComparePage numbers={numbers.clone()} problems={d.problems.clone()} /> }
            }
            Route::Units { query } => html! { <UnitsPage query={query.clone()} problems={d.problems.clone()} /> },
            Route::Cohort => html! { <CohortPage /> },
        },
    };
    html! {
        <ContextProvider<Nav> context={nav}>
            <ContextProvider<Notices> context={notices}>
            <ContextProvider<CohortMemory> context={cohort}>
                <a class="skip-link" href="#main" onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); focus_main(); })}>{"Skip to main content"}</a>
                <header class="masthead">
                    <div class="masthead-inner">
                        <a class="brand" href="#/">{"Pathway Planner"}</a>
                        <p class="tagline">{"Plan a vocational qualification that meets its rules"}</p>
                        <nav class="site-nav" aria-label="Pathway Planner">
                            <ul>
                                <li><a href="#/" aria-current={(*route == Route::Home).then_some("page")}>{"Qualifications"}</a></li>
                                <li><a href={encode(&Route::Compare { numbers: Vec::new() })} aria-current={matches!(*route, Route::Compare { .. }).then_some("page")}>{"Compare"}</a></li>
                                <li><a href={encode(&Route::Units { query: String::new() })} aria-current={matches!(*route, Route::Units { .. }).then_some("page")}>{"Find a unit"}</a></li>
                                <li><a href={encode(&Route::Cohort)} aria-current={(*route == Route::Cohort).then_some("page")}>{"Check a cohort"}</a></li>
                            </ul>
                        </nav>
                    </div>
                </header>
                if offline == Offline::UpdateReady {
                    <UpdateOffer reload={reload} />
                }
                {body}
                <footer class="site-footer">
                    <p>{"Pathway Planner runs entirely in your browser: nothing you enter leaves this page. Figures are as printed in the awarding bodies' specifications; where those are wrong or unclear, the page says so."}</p>
                    <OfflineLine state={offline} />
                </footer>
            </ContextProvider<CohortMemory>>
            </ContextProvider<Notices>>
        </ContextProvider<Nav>>
    }
}

/// An address waiting to be written, and whether it has been.
struct Pending {
    timeout: gloo_timers::callback::Timeout,
    hash: String,
    written: Rc<std::cell::Cell<bool>>,
}

/// Ends the wait of an address not yet written: writes it first when `write`, else forgets it.
fn flush(pending: &std::cell::RefCell<Option<Pending>>, write: bool) {
    if let Some(older) = pending.borrow_mut().take() {
        if !older.written.get() {
            drop(older.timeout);
            if write {
                push_hash(&older.hash);
            }
        }
    }
}

fn catalogue_broken() -> Html {
    let why = shared().err().map(|e| e.to_string()).unwrap_or_default();
    html! {
        <main id="main" class="page" tabindex="-1">
            <h1>{"Pathway Planner could not load its qualification data"}</h1>
            <p role="alert">{format!("This build's catalogue is damaged: {why}. Please report it; nothing you saved has been changed.")}</p>
        </main>
    }
}
