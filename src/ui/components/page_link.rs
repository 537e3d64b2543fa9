//! Links between pages that stay inside the app: a plain click changes the page without
//! reloading (so figures loaded from a file stay in use), then moves focus to the target; a
//! modified click (new tab, new window) follows the ordinary `href`.

use crate::ui::href_for;
use crate::ui::route::Page;
use crate::ui::state::use_app;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The `href` of a page, with an optional `#fragment`.
pub fn page_href(page: Page, fragment: Option<&str>) -> String {
    let base = href_for(page);
    match fragment {
        Some(f) => format!("{base}#{f}"),
        None => base,
    }
}

/// Scrolls to the element with this id and moves keyboard focus to it (making it focusable from
/// script only, if it is not already). Returns whether the element exists.
pub fn focus_id(id: &str) -> bool {
    let Some(el) = crate::ui::browser::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else { return false };
    // A lever's control is shown with its label and help above it (a link to the control had
    // left its name scrolled off the top); focus then moves without scrolling further.
    let shown = el.closest("div.lever").ok().flatten().unwrap_or_else(|| el.clone());
    shown.scroll_into_view();
    focus(el);
    // A page opened in place starts at the top, as a page loaded does: focusing the main region
    // had scrolled the site's title and menu out of view.
    if id == "main" {
        if let Some(w) = crate::ui::browser::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
    true
}

/// Moves keyboard focus to `el`, making it focusable from script only if it is not already;
/// scrolls only as far as focusing does (where it is out of view).
pub fn focus(el: web_sys::Element) {
    if !el.has_attribute("tabindex") && !matches!(el.tag_name().as_str(), "A" | "BUTTON" | "INPUT" | "SELECT" | "TEXTAREA" | "SUMMARY") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

/// Whether a click on a link is a plain one, for the app to follow in place: one with a modifier
/// (a new tab or window, Alt's download) or another button is left to the browser.
pub fn plain_click(ev: &web_sys::MouseEvent) -> bool {
    !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key()) && ev.button() == 0
}

/// How a place reached in the app is named in the address, as a followed `#link` would name it:
/// a copied or reloaded address then comes back to it.
#[derive(Clone, Copy, PartialEq)]
pub enum Place {
    /// A link within the page: a new history entry, so Back returns to where the reader was.
    OnThisPage,
    /// The place on a page just opened: that page's entry (written as the page changed) names it.
    OnNewPage,
}

/// Brings `id` into view and focus, as `focus_id` does, and names it in the address. The entry
/// is written before the page scrolls: the browser keeps the scroll position of the entry left
/// as it is when the new one is pushed, and Back returns to it.
pub fn show_place(id: &str, how: Place) -> bool {
    let Some(w) = crate::ui::browser::window() else { return false };
    if w.document().and_then(|d| d.get_element_by_id(id)).is_none() {
        return false;
    }
    let loc = w.location();
    let url = format!("{}{}#{id}", loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default());
    if loc.hash().unwrap_or_default() != format!("#{id}") {
        if let Ok(h) = w.history() {
            let _ = match how {
                Place::OnThisPage => h.push_state_with_url(&crate::ui::file_entries::state(false), "", Some(&url)),
                Place::OnNewPage => h.replace_state_with_url(&crate::ui::file_entries::state(true), "", Some(&url)),
            };
        }
    }
    focus_id(id)
}

/// An in-page link handler that focuses its target and names it in the address, as a followed
/// `#link` would (with `pushState`, which fires no `popstate`, so the scenario is not re-read).
pub fn jump(id: &'static str) -> impl Fn(web_sys::MouseEvent) + Clone + 'static {
    move |ev: web_sys::MouseEvent| {
        if !plain_click(&ev) {
            return;
        }
        ev.prevent_default();
        show_place(id, Place::OnThisPage);
    }
}

/// How a link to `page` names its place: on the page the reader is on, or on one it opens.
pub fn place_for(app: crate::ui::state::AppState, page: Page) -> Place {
    if app.page.get_untracked() == page { Place::OnThisPage } else { Place::OnNewPage }
}

/// Follows a link in place, as every link between the app's pages does: changes page if `page`
/// is another (the page shown is not drawn again), then, once it is drawn, shows `place` on it
/// and names it in the address (`show_place`); with no place, or none found, focuses `otherwise`.
pub fn follow(app: crate::ui::state::AppState, page: Page, place: Option<String>, otherwise: &'static str) {
    let how = place_for(app, page);
    if how == Place::OnNewPage {
        app.page.set(page);
    }
    request_animation_frame(move || {
        if !place.is_some_and(|id| show_place(&id, how)) {
            focus_id(otherwise);
        }
    });
}

thread_local! {
    /// The `#fragment` the app was opened with, recorded before the first load, and used once
    /// (a page change drops the address's fragment, so it cannot be read back from there).
    static INITIAL_HASH: std::cell::RefCell<Option<Option<String>>> = const { std::cell::RefCell::new(None) };
}

fn current_hash() -> String {
    let hash = crate::ui::browser::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    hash.trim_start_matches('#').to_string()
}

/// Records the fragment the app was opened with (first call only). Links call it when they are
/// drawn; the footer's link is drawn with the shell, before any figures load.
pub fn remember_initial_hash() {
    INITIAL_HASH.with(|h| {
        let mut h = h.borrow_mut();
        if h.is_none() {
            let id = current_hash();
            *h = Some((!id.is_empty()).then_some(id));
        }
    });
}

/// The fragment the app was opened with, if it has not been used yet (read, not used up).
pub fn initial_hash() -> Option<String> {
    INITIAL_HASH.with(|h| h.borrow().clone().flatten())
}

/// Brings the element named by the address's `#fragment` (or else the one the app was opened
/// with, once) into view after the next repaint. The browser does this itself only for elements
/// present when the document loads, and pages are drawn after the figures arrive. Only for the
/// address's own page: a page drawn by a click is drawn while the address still names the page
/// left (its `#id` is not for this one).
pub fn focus_location_hash(page: Page) {
    remember_initial_hash();
    let initial = INITIAL_HASH.with(|h| h.borrow_mut().as_mut().and_then(|x| x.take()));
    let id = Some(current_hash()).filter(|x| !x.is_empty() && crate::ui::url::page_from_url() == page).or(initial);
    if let Some(id) = id {
        crate::ui::takeover::when_shown(move || {
            // Not over the reader's own focus (a control used on the pre-rendered page, which
            // the takeover carries over).
            let focused = crate::ui::browser::window().and_then(|w| w.document()).and_then(|d| d.active_element());
            if focused.is_none_or(|e| e.tag_name() == "BODY") {
                focus_id(&id);
            }
        });
    }
}

/// A link to `page` (and `fragment` on it) that changes page in place.
#[component]
pub fn PageLink(page: Page, #[prop(optional)] fragment: Option<&'static str>, #[prop(optional, into)] class: Option<String>, children: Children) -> impl IntoView {
    let app = use_app();
    remember_initial_hash();
    let on_click = move |ev: web_sys::MouseEvent| {
        if !plain_click(&ev) {
            return;
        }
        ev.prevent_default();
        // As the page navigation does: the main region (the top of the page) if no place.
        follow(app, page, fragment.map(String::from), "main");
    };
    // The href carries the scenario and any `src`, as a ScenarioLink's: a new tab opened from it
    // showed the default figures (or, from another council's file, the shipped ones).
    view! { <a href=move || crate::ui::components::scenario_link::scenario_href(app, page, fragment.unwrap_or("")) class=class on:click=on_click>{children()}</a> }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn hrefs() {
        assert_eq!(page_href(Page::Glossary, Some("dsg")), "?page=glossary#dsg");
        assert_eq!(page_href(Page::Sources, None), "?page=sources");
        assert_eq!(page_href(Page::Overview, None), "./");
    }
}

/// An anchor id for a figure: "high_needs.forecasts[2].amount" -> "fig-high-needs-forecasts-2-amount".
pub fn anchor(path: &str) -> String {
    let mut out = String::from("fig");
    let mut dash = true;
    for c in path.chars() {
        if c.is_ascii_alphanumeric() {
            if dash {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else {
            dash = true;
        }
    }
    out
}
