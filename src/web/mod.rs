//! The browser side: Yew components over the plain-Rust domain. Kept thin: state changes are
//! pure functions in `planner`, `address` and `travel`; here we render them and wire events.
//! `app` is the root; `pages` are what an address shows; `components` are their parts; `context`
//! carries navigation and notices; `browser` and `storage` are the only places that call the
//! browser's APIs directly.

mod app;
mod browser;
mod components;
mod context;
mod offline;
mod pages;
mod panic;
mod storage;

pub use panic::show as show_crash;

/// Panics, for the end-to-end test that a real panic reaches the crash banner through the hook
/// Yew keeps (`window.wasmBindings.crash_for_test()`). Nothing in the page calls it.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn crash_for_test() {
    panic!("a test asked for a crash");
}

/// A compiled qualification that lives as long as the page, compared by identity so passing it
/// to a component costs neither a clone nor a deep comparison.
#[derive(Clone, Copy)]
pub struct Qual(pub &'static crate::engine::Compiled);

impl PartialEq for Qual {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl std::ops::Deref for Qual {
    type Target = crate::engine::Compiled;
    fn deref(&self) -> &Self::Target {
        self.0
    }
}

/// Whether `address` shows the home page exactly as pre-rendered: no problems to report with it.
#[cfg(target_arch = "wasm32")]
fn is_plain_home(address: &str) -> bool {
    matches!(address, "" | "#" | "#/")
}

/// The marker `scripts/post-build.mjs` puts on `#app` when it holds the pre-rendered home page.
pub const PRERENDERED: &str = "data-prerendered";

/// Where start-up stands, on `#app`: `starting` once the wasm runs (the loading shell,
/// `www/loading-shell.js`, then leaves the page alone), `started` once the page is drawn.
pub const STAGE: &str = "data-app";

/// Mounts the app into `#app` (or the body) with the panic reporter installed.
///
/// The release build's `#app` already holds the home page (see [`prerender_home`]): opened at
/// the home page, the app takes that markup over (hydration) instead of drawing it again; at any
/// other address it replaces it (or the loading shell shown there). Start-up is cut into tasks,
/// with the browser free to paint and answer input between them: the catalogue is decoded in one,
/// the page drawn in the next, so neither blocks the page for long on a slow phone.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    panic::install();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    if let Some(el) = &root {
        let _ = el.set_attribute(STAGE, "starting");
    }
    wasm_bindgen_futures::spawn_local(async move {
        browser::mark("pathway-planner:wasm-started");
        yield_to_browser().await;
        let _ = crate::catalogue::shared();
        browser::mark("pathway-planner:catalogue-decoded");
        yield_to_browser().await;
        // Read now, not before the yields: the address may have changed meanwhile.
        let address = browser::current_hash();
        let props = app::AppProps {
            address: address.clone(),
        };
        match root {
            Some(el) => {
                let pristine =
                    el.has_attribute(PRERENDERED) && el.query_selector(".loading-shell").ok().flatten().is_none();
                let _ = el.remove_attribute(PRERENDERED);
                if pristine && is_plain_home(&address) {
                    yew::Renderer::<app::App>::with_root_and_props(el, props).hydrate();
                } else {
                    el.set_inner_html("");
                    yew::Renderer::<app::App>::with_root_and_props(el, props).render();
                }
            }
            None => {
                yew::Renderer::<app::App>::with_props(props).render();
            }
        }
        // Yew draws in a microtask of this task; the app's first effect says when it has
        // (`browser::app_drawn`).
    });
}

/// Lets the browser paint and handle input before the next piece of start-up.
#[cfg(target_arch = "wasm32")]
async fn yield_to_browser() {
    yew::platform::time::sleep(std::time::Duration::ZERO).await;
}

/// The home page as the app first draws it, as HTML Yew can hydrate: the release build writes it
/// into `index.html`, so the page is readable before (and without) the wasm.
#[cfg(not(target_arch = "wasm32"))]
pub fn prerender_home() -> String {
    let renderer = yew::ServerRenderer::<app::App>::with_props(|| app::AppProps {
        address: crate::address::encode(&crate::address::Route::Home),
    });
    futures_executor::block_on(renderer.render())
}

/// The top of every qualification's planner ([`pages::PlannerHead`]) as plain HTML, each with the
/// address it belongs to (`#/<number>`): the release build puts them in `index.html` as
/// templates, which the loading shell shows at a planner address until the app starts.
#[cfg(not(target_arch = "wasm32"))]
pub fn prerender_planner_heads() -> Vec<(String, String)> {
    let Ok(cat) = crate::catalogue::shared() else {
        return Vec::new();
    };
    cat.qualifications
        .iter()
        .filter_map(|q| {
            let compiled = Qual(crate::planner::compiled(&q.number)?);
            let address = crate::address::encode(&crate::address::Route::Planner {
                number: q.number.clone(),
                plan: crate::engine::Plan::default(),
            });
            let renderer = yew::ServerRenderer::<pages::PlannerHead>::with_props(move || pages::HeadProps { compiled })
                .hydratable(false);
            Some((address, futures_executor::block_on(renderer.render())))
        })
        .collect()
}
