//! A panic must never leave a blank or frozen page: the hook writes a visible alert into the
//! document (outside Yew, which may be what broke) and logs the message to the console.

use wasm_bindgen::JsCast;

/// Installed through Yew, which would otherwise put its own hook in place when the app starts.
#[cfg(target_arch = "wasm32")]
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Pathway Planner crashed: {message}").into());
        show(&message);
    }));
}

/// Puts the crash message at the top of the page and focuses it.
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let Ok(el) = document.create_element("div") else { return };
    el.set_id("crash");
    el.set_attribute("role", "alert").ok();
    el.set_class_name("crash");
    let text = format!(
        "Sorry, Pathway Planner hit an internal error and stopped. Your saved plans are safe; reload the page to carry on. Details: {message}"
    );
    el.set_text_content(Some(&text));
    if let Some(first) = body.first_child() {
        body.insert_before(&el, Some(&first)).ok();
    } else {
        body.append_child(&el).ok();
    }
    if let Ok(html) = el.dyn_into::<web_sys::HtmlElement>() {
        html.set_tab_index(-1);
        html.focus().ok();
    }
}
