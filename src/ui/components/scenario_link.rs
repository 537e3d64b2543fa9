//! Links to another page that keep the current scenario, so following one never loses the
//! user's settings, and links to glossary terms.

use crate::share::codec;
use crate::ui::components::page_link::focus_id;
use crate::ui::route::Page;
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;

/// The `href` of a page (and optionally a fragment) carrying the current scenario.
pub fn scenario_href(app: AppState, page: Page, fragment: &str) -> String {
    let mut pairs = vec![("page".to_string(), page.slug().to_string())];
    if let (Some(s), Some(b), Some(d)) = (app.scenario.get(), app.baseline.get(), app.data.get()) {
        pairs.extend(codec::encode(&s, &b, &d.dataset.id, &d.dataset.version));
    }
    let frag = if fragment.is_empty() { String::new() } else { format!("#{fragment}") };
    format!("?{}{frag}", codec::to_query(&pairs))
}

/// A link to another page that keeps the scenario: a plain click changes page in place and then
/// focuses `fragment` (or the main region); a modified click opens the `href`, which carries the
/// scenario in its query.
#[component]
pub fn ScenarioLink(page: Page, #[prop(optional)] fragment: &'static str, children: Children) -> impl IntoView {
    let app = use_app();
    let on_click = move |ev: web_sys::MouseEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        app.page.set(page);
        request_animation_frame(move || {
            if fragment.is_empty() || !focus_id(fragment) {
                focus_id("main");
            }
        });
    };
    view! { <a href=move || scenario_href(app, page, fragment) on:click=on_click>{children()}</a> }
}

/// A link to a glossary term (`id` is the glossary's lowercase-hyphenated id).
#[component]
pub fn Term(id: &'static str, text: &'static str) -> impl IntoView {
    view! { <ScenarioLink page=Page::Glossary fragment=id>{text}</ScenarioLink> }
}
