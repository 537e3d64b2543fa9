//! The browser window, or `None` where there is none: natively (the build-time pre-render,
//! `bin/prerender`) every web-sys call panics, so components reach the window only through here.

#[cfg(target_arch = "wasm32")]
pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn window() -> Option<web_sys::Window> {
    None
}

/// The page's clock in milliseconds (`performance.now()`; 0 where there is none).
pub fn clock_ms() -> f64 {
    window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// The elements within `within` that `selector` matches, in document order.
pub fn elements(within: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    use wasm_bindgen::JsCast;
    let Ok(list) = within.query_selector_all(selector) else { return vec![] };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok()).collect()
}

/// Whether this is the build-time pre-render (a native build) rather than the app in a browser.
pub const PRERENDER: bool = cfg!(not(target_arch = "wasm32"));

/// Runs `f` before the page is printed, for as long as the calling component lives.
pub fn on_before_print(f: impl Fn() + 'static) {
    #[cfg(target_arch = "wasm32")]
    {
        use leptos::prelude::on_cleanup;
        let handle = leptos::prelude::window_event_listener(leptos::ev::beforeprint, move |_| f());
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = f;
}
