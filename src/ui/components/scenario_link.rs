//! Links to another page that keep the current scenario, so following one never loses the
//! user's settings, and links to glossary terms.

use crate::ui::components::page_link::focus_id;
use crate::ui::route::Page;
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;

/// The `href` of a page (and optionally a fragment) carrying the current scenario: the app's own
/// link query (`AppState::query`, worked out once per change, with any `src`) with its `page`
/// set to `page`. Each link had encoded the scenario again, without `src`: a link opened in a new
/// tab from another council's file showed the shipped figures.
pub fn scenario_href(app: AppState, page: Page, fragment: &str) -> String {
    app.query.with(|q| href_with(q, page, fragment))
}

/// `query` (the app's, whose first pair is `page` unless it is the Overview) for `page`.
fn href_with(query: &str, page: Page, fragment: &str) -> String {
    let rest = if query.starts_with("page=") { query.split_once('&').map(|(_, r)| r).unwrap_or("") } else { query };
    let frag = if fragment.is_empty() { String::new() } else { format!("#{fragment}") };
    let sep = if rest.is_empty() { "" } else { "&" };
    format!("?page={}{sep}{rest}{frag}", page.slug())
}

/// A link to another page that keeps the scenario: a plain click changes page in place and then
/// focuses `fragment` (or the main region); a modified click opens the `href`, which carries the
/// scenario in its query.
#[component]
pub fn ScenarioLink(page: Page, #[prop(optional, into)] fragment: String, children: Children) -> impl IntoView {
    let app = use_app();
    let fragment = StoredValue::new(fragment);
    let on_click = move |ev: web_sys::MouseEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        // Read before the page changes: that disposes this link, and its stored fragment with it
        // (read in the next frame, it panicked).
        let target = fragment.get_value();
        app.page.set(page);
        request_animation_frame(move || {
            if target.is_empty() || !focus_id(&target) {
                focus_id("main");
            }
        });
    };
    view! { <a href=move || fragment.with_value(|f| scenario_href(app, page, f)) on:click=on_click>{children()}</a> }
}

/// A link to a glossary term (`id` is the glossary's lowercase-hyphenated id).
#[component]
pub fn Term(id: &'static str, text: &'static str) -> impl IntoView {
    view! { <ScenarioLink page=Page::Glossary fragment=id>{text}</ScenarioLink> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_keeps_the_query_but_its_page() {
        let q = "page=high-needs&v=2&data=smallton&dv=1&src=data%2Fsmallton.json&hn.growth.mainstream=9";
        assert_eq!(href_with(q, Page::Glossary, "base-year"), "?page=glossary&v=2&data=smallton&dv=1&src=data%2Fsmallton.json&hn.growth.mainstream=9#base-year");
        // The Overview's query has no page; nor, before the data, any scenario.
        assert_eq!(href_with("v=2&data=x", Page::Sources, ""), "?page=sources&v=2&data=x");
        assert_eq!(href_with("page=capital", Page::Overview, ""), "?page=overview");
        assert_eq!(href_with("", Page::Glossary, "dsg"), "?page=glossary#dsg");
    }
}
