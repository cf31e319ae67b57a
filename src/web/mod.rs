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

/// Mounts the app into `#app` (or the body) with the panic reporter installed.
pub fn start() {
    panic::install();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(el) => {
            yew::Renderer::<app::App>::with_root(el).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
