//! Starting the app over a pre-rendered page (`ui::prerender`) without a flash: the app is mounted
//! into a hidden element of its own, and once its first load has finished (figures shown, or the
//! load's problems) it replaces the pre-rendered page in one frame. It draws the same components
//! with the same figures, so nothing moves (for a returning reader, what only the browser knows,
//! saved scenarios or a newer build, appears then). Without a pre-render it mounts into the body.

use std::cell::Cell;
use wasm_bindgen::JsCast;

thread_local! {
    static HOLDS: Cell<usize> = const { Cell::new(0) };
    static REVEALED: Cell<bool> = const { Cell::new(false) };
    /// What waits for the app to be shown (focusing the address's `#fragment`, say).
    static WHEN_SHOWN: std::cell::RefCell<Vec<Box<dyn FnOnce()>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` after the next repaint once the app is shown: at once if it is, else just after the
/// app replaces the pre-rendered page (an element of the hidden app can be neither focused nor
/// scrolled to).
pub fn when_shown(f: impl FnOnce() + 'static) {
    if REVEALED.get() {
        leptos::prelude::request_animation_frame(f);
    } else {
        WHEN_SHOWN.with(|w| w.borrow_mut().push(Box::new(f)));
    }
}

/// Work the first view needs before the app may replace the pre-rendered page (a Monte Carlo
/// run in slices, say): the reveal waits until every `Hold` is dropped.
pub struct Hold(());

impl Hold {
    /// A hold while the browser is still building the first view; `None` once the app has been
    /// shown, and in the pre-render (it draws everything at once, with nothing to swap).
    pub fn first_view() -> Option<Hold> {
        (!super::browser::PRERENDER && !REVEALED.get()).then(|| {
            HOLDS.set(HOLDS.get() + 1);
            Hold(())
        })
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        HOLDS.set(HOLDS.get().saturating_sub(1));
    }
}

/// Waits for the page the first load drew, and for any work it holds the reveal for. The first
/// wait is a whole task, so the render the load's last signal set started has run (Leptos runs
/// effects in microtasks) and taken its holds.
pub async fn first_view_built() {
    loop {
        gloo_timers::future::TimeoutFuture::new(0).await;
        if HOLDS.get() == 0 {
            return;
        }
    }
}

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
    REVEALED.set(true);
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
        for f in WHEN_SHOWN.with(|w| std::mem::take(&mut *w.borrow_mut())) {
            f();
        }
        then();
    });
}
