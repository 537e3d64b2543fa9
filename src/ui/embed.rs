//! `?embed=1`: one chart for an `<iframe>` on another site: title, headline, key, table toggle
//! and a link to the full scenario; no navigation and no share bar. The frame tells its host
//! page its height with `postMessage({ type: "dsg-explorer:height", height })` after each
//! change, so the host can size the iframe (docs/url-parameters.md).

use super::route::Page;
use super::state::use_app;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Whether the page was opened as an embed.
pub fn is_embed() -> bool {
    super::url::query_param("embed").as_deref() == Some("1")
}

/// The message the frame posts to its host.
pub const HEIGHT_MESSAGE: &str = "dsg-explorer:height";

fn post_height() {
    let Some(w) = crate::ui::browser::window() else { return };
    let Some(parent) = w.parent().ok().flatten() else { return };
    let Some(h) = w.document().and_then(|d| d.document_element()).map(|e| e.scroll_height()) else { return };
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &HEIGHT_MESSAGE.into());
    let _ = js_sys::Reflect::set(&msg, &"height".into(), &JsValue::from(h));
    // The height alone, to whatever page holds the frame: nothing private is sent.
    let _ = parent.post_message(&msg, "*");
}

/// The full-app link for the embedded scenario: the same query without `embed`.
fn full_link() -> String {
    let app = use_app();
    super::url::link_for(&app)
}

#[component]
pub fn Embed() -> impl IntoView {
    let app = use_app();
    // Post the height once drawn and after every change: a frame later, when laid out, and
    // never before the app is shown (its first view is drawn in pieces, hidden).
    Effect::new(move |_| {
        app.query.track();
        app.data.track();
        crate::ui::takeover::when_shown(post_height);
    });
    if let Some(w) = crate::ui::browser::window() {
        let cb = Closure::<dyn Fn()>::new(post_height);
        let _ = w.add_event_listener_with_callback("resize", cb.as_ref().unchecked_ref());
        cb.forget(); // lives as long as the page
    }
    let link = crate::ui::memo::memo(move |_| {
        app.query.track();
        full_link()
    });
    view! {
        {move || match app.page.get() {
            Page::Overview => view! { <super::pages::overview::DsgEmbed/> }.into_any(),
            Page::HighNeeds => view! { <super::pages::high_needs::DeficitEmbed/> }.into_any(),
            other => view! {
                <p class="notice">{format!("Charts from the {} page cannot be embedded; this is the High needs chart.", other.title())}</p>
                <super::pages::high_needs::DeficitEmbed/>
            }.into_any(),
        }}
        // Whose assumptions these are: an embedded scenario had read word for word as the
        // council's own figures, its numbers apart (a trial, 2026-12-07).
        <p class="embed-assumptions">{move || assumptions_said(app)}</p>
        <p class="embed-link"><a href=move || link.get() target="_blank" rel="noopener">"Open the full scenario"<span class="visually-hidden">" (opens in a new tab)"</span></a></p>
    }
}

/// The embed's one line on its assumptions: the changed ones, as the print summary lists them,
/// or that there are none.
fn assumptions_said(app: crate::ui::state::AppState) -> String {
    let lines = match (app.scenario.get(), app.baseline.get(), app.data.get()) {
        (Some(s), Some(b), Some(d)) => crate::ui::components::share_bar::assumption_lines(&s, &b, &d.dataset),
        _ => return String::new(),
    };
    if lines.is_empty() {
        "The published figures, with every assumption at its published default.".into()
    } else {
        format!("Assumptions changed from the published defaults: {}.", lines.join("; "))
    }
}
