//! The few browser calls the components make, each in one place: the address, focus, downloads,
//! the clipboard and printing.

use wasm_bindgen::JsCast;

/// A named point in start-up in the browser's performance timeline (for the figures in the README
/// and the end-to-end tests).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Says on `#app` that the app has drawn its first page (see `web::STAGE`), and marks the moment.
pub fn app_drawn() {
    mark("pathway-planner:drawn");
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    {
        let _ = el.set_attribute(super::STAGE, "started");
    }
}

/// The text of the element `selector` picks in the top of a planner as the release build drew it
/// into `index.html` (`<template data-planner="…">`, see `web::prerender_planner_heads`), for the
/// planner at `address` (`#/…`); `None` on a page without it (a development build, a test).
#[cfg(target_arch = "wasm32")]
pub fn prerendered_text(address: &str, selector: &str) -> Option<String> {
    let id = address.strip_prefix("#/")?;
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let template: web_sys::HtmlTemplateElement = web_sys::window()?
        .document()?
        .query_selector(&format!("template[data-planner=\"{id}\"]"))
        .ok()??
        .dyn_into()
        .ok()?;
    template.content().query_selector(selector).ok()??.text_content()
}

pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Puts `hash` in the address bar as a new history entry; a no-op when it is already there, so
/// writing the address a page shows never adds an entry of its own.
pub fn push_hash(hash: &str) {
    if current_hash() == hash {
        return;
    }
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

/// The page's full address, for the share link.
pub fn full_link() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The address of the app with this hash, whatever folder it is served from.
pub fn link_to(hash: &str) -> String {
    let here = full_link();
    let base = here.split('#').next().unwrap_or_default();
    format!("{base}{hash}")
}

pub fn focus_by_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Moves focus to the page's main region, so keyboard and screen-reader users start at its
/// heading, and scrolls to the top.
pub fn focus_main() {
    focus_by_id("main");
}

pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Today's date as `YYYY-MM-DD`, and now as an ISO timestamp, by the browser's clock (UTC).
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

pub fn today_iso() -> String {
    now_iso().get(..10).unwrap_or_default().to_owned()
}

/// The file just chosen in a file input, if one was. The input is cleared, so that choosing the
/// same file again (after correcting it, say) reads it again.
pub fn take_chosen_file(e: &web_sys::Event) -> Option<gloo_file::File> {
    let input: web_sys::HtmlInputElement = e.target()?.dyn_into().ok()?;
    let file = input.files().and_then(|list| list.get(0))?;
    input.set_value("");
    Some(gloo_file::File::from(file))
}

/// Offers `text` as a file download, made in the page (no request leaves it).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let blob = gloo_file::Blob::new_with_options(text, Some(mime));
    let url = gloo_file::ObjectUrl::from(blob);
    let a: web_sys::HtmlAnchorElement = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .ok_or_else(|| "The browser would not make the file.".to_owned())?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // `url` is revoked when dropped here; the download has already taken the file.
    Ok(())
}

/// Copies `text` to the clipboard; `Err` when the browser has no clipboard or refuses.
pub async fn copy_text(text: &str) -> Result<(), ()> {
    let clipboard = web_sys::window().map(|w| w.navigator().clipboard()).ok_or(())?;
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ())
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
