//! Starting the app over a pre-rendered page (`ui::prerender`) without a flash: the app is mounted
//! into a hidden element of its own, and once its first load has finished (figures shown, or the
//! load's problems) it replaces the pre-rendered page in one frame. It draws the same components
//! with the same figures, so nothing moves (for a returning reader, what only the browser knows,
//! saved scenarios or a newer build, appears then). Without a pre-render it mounts into the body.

use wasm_bindgen::JsCast;

/// Mounts the app: over the pre-rendered page if there is one.
pub fn mount() {
    let doc = super::browser::window().and_then(|w| w.document());
    let host = doc.as_ref().filter(|d| d.get_element_by_id("prerendered").is_some()).and_then(|d| {
        let host = d.create_element("div").ok()?;
        host.set_id("app");
        host.set_attribute("hidden", "").ok()?;
        d.body()?.append_child(&host).ok()?;
        host.dyn_into::<web_sys::HtmlElement>().ok()
    });
    match host {
        Some(host) => leptos::mount::mount_to(host, super::App).forget(),
        None => leptos::mount::mount_to_body(super::App),
    }
}

/// Shows the app in place of the pre-rendered page, after the app's next repaint (its figures
/// are drawn by then). Called once the first load has finished.
pub fn reveal(then: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        if let Some(doc) = super::browser::window().and_then(|w| w.document()) {
            // Keyboard focus on the pre-rendered page moves to the same element in the app (the
            // same components give it the same id); without an id it falls back to the page.
            let focused = doc.active_element().filter(|e| e.closest("#prerendered").ok().flatten().is_some()).map(|e| e.id()).filter(|id| !id.is_empty());
            if let Some(pre) = doc.get_element_by_id("prerendered") {
                pre.remove();
            }
            if let Some(app) = doc.get_element_by_id("app") {
                let _ = app.remove_attribute("hidden");
            }
            if let Some(el) = focused.and_then(|id| doc.get_element_by_id(&id)).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
            if let Some(root) = doc.document_element() {
                let _ = root.class_list().remove_1("scenario-pending");
            }
        }
        then();
    });
}
