//! Links to another page that keep the current scenario, so following one never loses the
//! user's settings, and links to glossary terms.

use crate::ui::components::page_link::plain_click;
use crate::ui::route::Page;
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;

/// The `href` of a page (and optionally a fragment) carrying the current scenario: the app's own
/// link query (`AppState::query`, worked out once per change, with any `src`) with its `page`
/// set to `page`. Each link had encoded the scenario again, without `src`: a link opened in a new
/// tab from another council's file showed the shipped figures.
pub fn scenario_href(app: AppState, page: Page, fragment: &str) -> String {
    with_link_rest(app, |rest| href_with(rest, page, fragment))
}

/// `f` of the scenario part of the links' query: the settled one once the browser follows it
/// (so a link does not change on each move of a slider), else the app's query itself.
fn with_link_rest<T>(app: AppState, f: impl FnOnce(&str) -> T) -> T {
    match app.link_rest.get() {
        Some(rest) => f(&rest),
        None => app.query.with(|q| f(&scenario_part(q))),
    }
}

/// A link query without its `page` pair (the app's query has it first, unless on the Overview).
pub fn without_page(query: &str) -> &str {
    if query.starts_with("page=") { query.split_once('&').map(|(_, r)| r).unwrap_or("") } else { query }
}

/// What links to other pages carry of a link query (the app's, `page` first if any): all but
/// its `page` and the page's own view choices (`share::codec::VIEW`, which the app keeps for
/// when the reader comes back).
pub fn scenario_part(query: &str) -> String {
    let rest = without_page(query);
    if !crate::share::codec::VIEW.iter().any(|k| rest.contains(k)) {
        return rest.to_string();
    }
    rest.split('&').filter(|p| !crate::share::codec::VIEW.contains(&p.split_once('=').map_or(*p, |(k, _)| k))).collect::<Vec<_>>().join("&")
}

/// The scenario's query part `rest` for `page`.
fn href_with(rest: &str, page: Page, fragment: &str) -> String {
    let frag = if fragment.is_empty() { String::new() } else { format!("#{fragment}") };
    let sep = if rest.is_empty() { "" } else { "&" };
    format!("?page={}{sep}{rest}{frag}", page.slug())
}

/// The navigation's link to `page`: its plain address until the browser follows the scenario
/// (the pre-render's navigation links the page files), then one that keeps the scenario, so a
/// page opened from it in a new tab has it too, with the page's own view choices the app keeps
/// for it (a review found a new tab from the menu opening Uncertainty's default view, where a
/// click returned to the reader's).
pub fn nav_href(app: AppState, page: Page) -> String {
    let own = kept_view(app, page);
    app.link_rest.with(|r| nav_with(r.as_deref().unwrap_or(""), &own, page))
}

/// The view choices kept for `page` that a link to it writes, as a query part ("" if none).
fn kept_view(app: AppState, page: Page) -> String {
    if crate::ui::pages::view_keys(page).is_empty() {
        return String::new();
    }
    app.view.with(|v| {
        if v.is_empty() {
            return String::new();
        }
        // Untracked: a change that could make a choice one the page no longer offers (a shorter
        // horizon) changes the scenario's part of the link too, which is tracked.
        let Some(b) = app.baseline.get_untracked() else { return String::new() };
        app.scenario.with_untracked(|s| s.as_ref().map(|s| crate::share::codec::to_query(&crate::ui::pages::view_link(page, v, &b, s))).unwrap_or_default())
    })
}

/// The navigation's link to `page` from the scenario's query part `rest` and the page's own view
/// choices `own`.
fn nav_with(rest: &str, own: &str, page: Page) -> String {
    let rest = match (rest, own) {
        ("", own) => own.to_string(),
        (rest, "") => rest.to_string(),
        (rest, own) => format!("{rest}&{own}"),
    };
    match rest.as_str() {
        "" => crate::ui::href_for(page),
        rest if page == Page::Overview => format!("./?{rest}"),
        rest => href_with(rest, page, ""),
    }
}

thread_local! {
    /// The settling still to come, if a change is waiting for its pause.
    static SETTLING: std::cell::RefCell<Option<gloo_timers::callback::Timeout>> = const { std::cell::RefCell::new(None) };
}

/// How long a pause in lever changes is before the links take them.
const PAUSE_MS: u32 = 150;

/// Has the links follow the app's query (`AppState::link_rest`): at once for the first figures
/// and for new ones, after a pause for lever changes, and always before a key or pointer press
/// takes effect, so a link followed, opened in a new tab or copied is the current one.
pub fn follow_settled(app: AppState) {
    // The figures the links were last settled for: a weak hold keeps their allocation, so new
    // figures can never have its address.
    let figures: StoredValue<Option<std::sync::Weak<crate::data::Loaded>>> = StoredValue::new(None);
    Effect::new(move |_| {
        let rest = app.query.with(|q| scenario_part(q));
        // New figures (a load, or a src) are settled at once.
        let now = app.data.with_untracked(|d| d.as_ref().map(std::sync::Arc::downgrade));
        let new_figures = figures.with_value(|f| match (f, &now) {
            (Some(a), Some(b)) => !a.ptr_eq(b),
            (None, None) => false,
            _ => true,
        });
        figures.set_value(now);
        if app.link_rest.with_untracked(|r| r.as_deref() == Some(rest.as_str())) {
            SETTLING.with(|s| s.borrow_mut().take());
        } else if new_figures || app.link_rest.with_untracked(|r| r.is_none()) {
            settle(app);
        } else {
            let t = gloo_timers::callback::Timeout::new(PAUSE_MS, move || settle(app));
            SETTLING.with(|s| *s.borrow_mut() = Some(t));
        }
    });
    let Some(w) = crate::ui::browser::window() else { return };
    let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if SETTLING.with(|s| s.borrow().is_some()) {
            settle(app);
        }
    });
    // A press, and each way a link is then used: a number box's value is committed when it
    // loses focus, which the press on the link causes (after `pointerdown`), so the link is
    // settled again as it is clicked, opened with a middle click, given a menu (whose "Copy
    // link address" reads it then) or dragged.
    for ev in ["pointerdown", "keydown", "click", "auxclick", "contextmenu", "dragstart"] {
        // Capture: before any handler of the page's own, and the effects it sets off run before
        // the event's default action (following or copying the link).
        let _ = w.add_event_listener_with_callback_and_bool(ev, wasm_bindgen::JsCast::unchecked_ref(cb.as_ref()), true);
    }
    cb.forget(); // lives as long as the page
}

fn settle(app: AppState) {
    SETTLING.with(|s| s.borrow_mut().take());
    let rest = app.query.with_untracked(|q| scenario_part(q));
    if app.link_rest.with_untracked(|r| r.as_deref() != Some(rest.as_str())) {
        app.link_rest.set(Some(rest));
    }
}

/// A link to another page that keeps the scenario: a plain click changes page in place and then
/// focuses `fragment` (or the main region); a modified click opens the `href`, which carries the
/// scenario in its query.
#[component]
pub fn ScenarioLink(page: Page, #[prop(optional, into)] fragment: String, children: Children) -> impl IntoView {
    let app = use_app();
    let fragment = StoredValue::new(fragment);
    let on_click = move |ev: web_sys::MouseEvent| {
        if !plain_click(&ev) {
            return;
        }
        ev.prevent_default();
        // Read before the page changes: that disposes this link, and its stored fragment with it
        // (read in the next frame, it panicked).
        let target = fragment.get_value();
        super::page_link::follow(app, page, (!target.is_empty()).then_some(target), "main");
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
        assert_eq!(href_with(without_page(q), Page::Glossary, "base-year"), "?page=glossary&v=2&data=smallton&dv=1&src=data%2Fsmallton.json&hn.growth.mainstream=9#base-year");
        // The Overview's query has no page; nor, before the data, any scenario.
        assert_eq!(without_page("v=2&data=x"), "v=2&data=x");
        assert_eq!(href_with(without_page("v=2&data=x"), Page::Sources, ""), "?page=sources&v=2&data=x");
        assert_eq!(href_with(without_page("page=capital"), Page::Overview, ""), "?page=overview");
        assert_eq!(href_with(without_page(""), Page::Glossary, "dsg"), "?page=glossary#dsg");
        // Uncertainty's own view choices stay with it.
        assert_eq!(scenario_part("page=uncertainty&v=2&mc.seed=7&tornado.year=2029-30&seek.goal=usable"), "v=2&mc.seed=7");
        assert_eq!(scenario_part("v=2&data=x"), "v=2&data=x");
    }

    #[test]
    fn the_menu_link_to_a_page_carries_its_kept_view() {
        assert_eq!(nav_with("v=2&data=x", "tornado.year=2029-30", Page::Uncertainty), "?page=uncertainty&v=2&data=x&tornado.year=2029-30");
        assert_eq!(nav_with("v=2&data=x", "", Page::Uncertainty), "?page=uncertainty&v=2&data=x");
        // Before the scenario is followed, the plain address (the page's file in the pre-render).
        assert_eq!(nav_with("", "", Page::Sources), "?page=sources");
        assert_eq!(nav_with("", "", Page::Overview), "./");
        assert_eq!(nav_with("v=2", "", Page::Overview), "./?v=2");
        assert_eq!(nav_with("", "seek.goal=usable", Page::Uncertainty), "?page=uncertainty&seek.goal=usable");
    }
}
