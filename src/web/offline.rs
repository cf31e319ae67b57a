//! Working offline: registers the service worker the release build writes (`sw.js`, see
//! `www/sw.js`), says in the page when the site works without a connection, and offers a new
//! version when one has been installed beside the open one. The page reloads only when the user
//! asks, so an open page never runs files of two versions.
//!
//! Development builds and browser tests have no worker to register (`cfg(debug_assertions)`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};
use yew::prelude::*;

use crate::words;

/// Where the service worker stands, as the page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offline {
    /// No worker: a development build, a browser without service workers, or a page not served
    /// over HTTPS or from this computer.
    Unavailable,
    /// The site's files are being saved in the browser.
    Preparing,
    /// Every file is saved: the site opens with the network off.
    Ready,
    /// A newer version is saved and waits for the user to reload.
    UpdateReady,
}

/// What the page keeps of the worker: its registration, once made, and the listeners that
/// follow it (dropped, so removed, when the component goes).
#[derive(Default)]
struct Watch {
    registration: Option<ServiceWorkerRegistration>,
    listeners: Vec<EventListener>,
}

type Shared = Rc<RefCell<Watch>>;

/// The worker's state, and what reloads the page into a waiting new version.
#[hook]
pub fn use_offline() -> (Offline, Callback<MouseEvent>) {
    let state = use_state_eq(|| Offline::Unavailable);
    let watch = use_mut_ref(Watch::default);
    // Set when the user chose to reload: the next change of worker reloads the page.
    let reloading = use_memo((), |_| Cell::new(false));
    {
        let (state, watch, reloading) = (state.clone(), watch.clone(), reloading.clone());
        use_effect_with((), move |_| {
            if !cfg!(debug_assertions) {
                start(&watch, state, reloading);
            }
            move || std::mem::take(&mut *watch.borrow_mut()).listeners.clear()
        });
    }
    let reload = use_callback((), move |_: MouseEvent, _| {
        reloading.set(true);
        let waiting = watch.borrow().registration.as_ref().and_then(|r| r.waiting());
        match waiting {
            // It takes over, and "controllerchange" reloads the page.
            Some(worker) => {
                let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
            }
            None => reload_page(),
        }
    });
    (*state, reload)
}

#[derive(Properties, PartialEq)]
pub struct OfflineProps {
    pub state: Offline,
}

/// The footer's line: a live region, so the moment the site is saved is announced.
#[function_component(OfflineLine)]
pub fn offline_line(props: &OfflineProps) -> Html {
    let line = match props.state {
        Offline::Unavailable => "",
        Offline::Preparing => words::OFFLINE_PREPARING,
        Offline::Ready | Offline::UpdateReady => words::OFFLINE_READY,
    };
    html! { <p class="offline-line" role="status" data-offline={props.state.name()}>{line}</p> }
}

#[derive(Properties, PartialEq)]
pub struct UpdateProps {
    pub reload: Callback<MouseEvent>,
}

/// Shown under the masthead when a newer version is saved and waiting.
#[function_component(UpdateOffer)]
pub fn update_offer(props: &UpdateProps) -> Html {
    html! {
        <div class="update-offer" role="status">
            <p>{words::UPDATE_READY}</p>
            <button type="button" class="button" onclick={props.reload.clone()}>{"Reload to update"}</button>
        </div>
    }
}

impl Offline {
    /// For `data-offline`, which the end-to-end tests wait on.
    fn name(self) -> &'static str {
        match self {
            Offline::Unavailable => "unavailable",
            Offline::Preparing => "preparing",
            Offline::Ready => "ready",
            Offline::UpdateReady => "update-ready",
        }
    }
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.serviceWorker` is missing outside secure contexts; web-sys would assume it.
    let present = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    present.then(|| navigator.service_worker())
}

fn has_controller() -> bool {
    container().and_then(|c| c.controller()).is_some()
}

/// Registers the worker and follows it.
fn start(watch: &Shared, state: UseStateHandle<Offline>, reloading: Rc<Cell<bool>>) {
    let Some(sw) = container() else {
        return;
    };
    state.set(if sw.controller().is_some() {
        Offline::Ready
    } else {
        Offline::Preparing
    });
    {
        let state = state.clone();
        let listener = EventListener::new(&sw, "controllerchange", move |_| {
            if reloading.get() {
                reload_page();
            } else if has_controller() && *state == Offline::Preparing {
                state.set(Offline::Ready);
            }
        });
        watch.borrow_mut().listeners.push(listener);
    }
    let registering = sw.register("./sw.js");
    let watch = watch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let registered = wasm_bindgen_futures::JsFuture::from(registering).await;
        // A browser that blocks workers (as an automated one may) can answer with no registration.
        match registered.map(JsCast::dyn_into::<ServiceWorkerRegistration>) {
            Ok(Ok(registration)) => follow(&watch, registration, state),
            Ok(Err(_)) => state.set(Offline::Unavailable),
            Err(e) => {
                web_sys::console::warn_2(&JsValue::from_str("Pathway Planner could not work offline:"), &e);
                state.set(Offline::Unavailable);
            }
        }
    });
}

/// Offers an update when a new worker has finished installing while an older one runs the page.
fn follow(watch: &Shared, registration: ServiceWorkerRegistration, state: UseStateHandle<Offline>) {
    if registration.waiting().is_some() && has_controller() {
        state.set(Offline::UpdateReady);
    }
    let found = {
        let (weak, reg) = (Rc::downgrade(watch), registration.clone());
        EventListener::new(&registration, "updatefound", move |_| {
            let (Some(installing), Some(watch)) = (reg.installing(), weak.upgrade()) else {
                return;
            };
            let (state, worker) = (state.clone(), installing.clone());
            let installed = EventListener::new(&installing, "statechange", move |_| {
                if worker.state() == ServiceWorkerState::Installed && has_controller() {
                    state.set(Offline::UpdateReady);
                }
            });
            watch.borrow_mut().listeners.push(installed);
        })
    };
    let mut w = watch.borrow_mut();
    w.listeners.push(found);
    w.registration = Some(registration);
}

fn reload_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
