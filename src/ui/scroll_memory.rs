//! Where each history entry was scrolled to, so Back to another page of the app returns to the
//! reader's place. The browser's own restoration runs at `popstate`, before the app has drawn
//! the page gone back to, and so found a page too short for the place and stopped at the top
//! (a trial: High needs left 3,000 px down, Back from Capital, and High needs opened at the top).

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static PENDING: RefCell<Option<gloo_timers::callback::Timeout>> = const { RefCell::new(None) };
    /// The position at the last scroll event (or at `install`, for a page the browser had
    /// already scrolled, as on a reload): what the entry is left at.
    static LAST_Y: RefCell<f64> = const { RefCell::new(0.0) };
    /// When the reader last scrolled, typed or pressed (the page's clock): a restore stops
    /// following the page's growth once they have.
    static INPUT_AT: RefCell<f64> = const { RefCell::new(0.0) };
}

/// How long after Back a restore keeps the place while the page goes on growing (Uncertainty
/// draws its charts after a simulation run in slices, above much of the page).
const SETTLE_MS: f64 = 2000.0;

/// After scrolling settles (150 ms), the position is kept in the current history entry's state.
/// A page change takes the page to its top before its entry is pushed, but the scroll event
/// comes after the push: the top is kept in the new entry, and the entry left keeps its place
/// (written at the push by `before_leaving`).
pub fn install() {
    let Some(w) = super::browser::window() else { return };
    LAST_Y.with(|l| *l.borrow_mut() = w.scroll_y().unwrap_or_default());
    let on_input = Closure::<dyn Fn()>::new(|| INPUT_AT.with(|t| *t.borrow_mut() = super::browser::clock_ms()));
    for kind in ["wheel", "touchstart", "keydown", "pointerdown"] {
        let _ = w.add_event_listener_with_callback_and_bool(kind, on_input.as_ref().unchecked_ref(), true);
    }
    on_input.forget();
    let on_scroll = Closure::<dyn Fn()>::new(|| {
        let y = super::browser::window().and_then(|w| w.scroll_y().ok()).unwrap_or_default();
        LAST_Y.with(|l| *l.borrow_mut() = y);
        let t = gloo_timers::callback::Timeout::new(150, || keep(None));
        // Replacing the timer drops (cancels) the one before.
        PENDING.with(|p| *p.borrow_mut() = Some(t));
    });
    // (A scroll event cannot be cancelled, so the listener cannot hold scrolling up.)
    let _ = w.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
    on_scroll.forget(); // lives as long as the page
}

/// Keeps `y`, or where the page is now, in the current entry.
fn keep(y: Option<f64>) {
    let Some(w) = super::browser::window() else { return };
    let Ok(h) = w.history() else { return };
    // With the entry's other keys as they are (its file mark: an entry whose figures are still
    // being put in place is not marked with the ones they replace).
    let state = js_sys::Object::new();
    if let Some(old) = h.state().ok().filter(|s| s.is_object()) {
        js_sys::Object::assign(&state, old.unchecked_ref());
    }
    let _ = js_sys::Reflect::set(&state, &"scrollY".into(), &JsValue::from(y.unwrap_or_else(|| w.scroll_y().unwrap_or_default())));
    let _ = h.replace_state(&state, "");
}

/// Just before another page's entry is pushed: the entry left keeps the place of the last
/// scroll, even where the reader went on within the 150 ms the settling waits (the page has
/// already been taken to the top for the new page by then; its scroll event comes later).
pub fn before_leaving() {
    PENDING.with(|p| p.borrow_mut().take());
    keep(Some(LAST_Y.with(|l| *l.borrow())));
}

/// After Back or Forward to another page: once the app has drawn it (the next frame), scrolls to
/// where its entry was left, if it kept a place; and again each time the page's height changes
/// in the next two seconds (parts drawn later, above the place), until the reader scrolls,
/// types or presses.
pub fn restore() {
    let Some(w) = super::browser::window() else { return };
    let y = w.history().ok().and_then(|h| h.state().ok()).and_then(|s| js_sys::Reflect::get(&s, &"scrollY".into()).ok()).and_then(|v| v.as_f64());
    let Some(y) = y.filter(|y| y.is_finite() && *y > 0.0) else { return };
    follow(y, super::browser::clock_ms(), -1);
}

fn follow(y: f64, since: f64, last_height: i32) {
    leptos::prelude::request_animation_frame(move || {
        let Some(w) = super::browser::window() else { return };
        let now = super::browser::clock_ms();
        if INPUT_AT.with(|t| *t.borrow()) > since || now - since > SETTLE_MS {
            return;
        }
        let height = w.document().and_then(|d| d.document_element()).map(|e| e.scroll_height()).unwrap_or(0);
        if height != last_height {
            w.scroll_to_with_x_and_y(0.0, y);
        }
        follow(y, since, height);
    });
}
