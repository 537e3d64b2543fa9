//! "A new version of the explorer is available": an open page learns that a newer build has been
//! deployed and offers to reload. The post-build hook (scripts/externalise_loader.py) writes the
//! build's id into the page (`<meta name="dsg-explorer-build">`) and into `version.json`; the page
//! fetches `version.json` past every cache when it is looked at again (focus, the tab becoming
//! visible), when the device comes back online, and every 30 minutes, and compares.
//!
//! Reloading keeps the address, and the address holds the whole scenario (levers, dataset and its
//! version), so the reloaded page shows the same scenario on the new build; a link pinned to a
//! dataset version (`dv=`) reopens the same figures because builds keep shipping old versions.
//! The service worker goes to the network first, so the reload gets the new page and bundle.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How often an open page checks, besides focus, visibility and coming online.
const CHECK_EVERY_MS: u32 = 30 * 60 * 1000;

/// The build id in a `version.json` body (`{"build": "…"}`); None for anything else, so a host's
/// error page or a truncated file never announces an update.
pub fn parse_build(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Version {
        build: String,
    }
    let v: Version = serde_json::from_str(text).ok()?;
    let id = v.build.trim();
    (!id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')).then(|| id.to_string())
}

/// Whether `deployed` is a different build from the one this page runs (`own`).
pub fn is_newer(own: &str, deployed: Option<&str>) -> bool {
    deployed.is_some_and(|d| d != own)
}

/// The build this page was loaded from; None (no checks) for a page built without the hook.
fn own_build() -> Option<String> {
    let doc = crate::ui::browser::window()?.document()?;
    let meta = doc.query_selector("meta[name=\"dsg-explorer-build\"]").ok()??;
    meta.get_attribute("content").filter(|c| !c.is_empty())
}

/// The build deployed now; None when it cannot be learnt (offline, a host without version.json).
async fn deployed_build() -> Option<String> {
    let resp = gloo_net::http::Request::get("version.json")
        .mode(web_sys::RequestMode::SameOrigin)
        // Past the HTTP cache: the answer must be the server's, now.
        .cache(web_sys::RequestCache::NoStore)
        .send()
        .await
        .ok()?;
    if !resp.ok() {
        return None;
    }
    parse_build(&resp.text().await.ok()?)
}

fn listen(target: &web_sys::EventTarget, event: &str, f: impl Fn() + 'static) {
    let cb = Closure::<dyn Fn()>::new(f);
    let _ = target.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
    cb.forget(); // the app shell lives as long as the page
}

#[component]
pub fn UpdateNotice() -> impl IntoView {
    let newer = RwSignal::new(false);
    if let (Some(own), Some(w)) = (own_build(), crate::ui::browser::window()) {
        let checking = StoredValue::new(false);
        let check = move || {
            // One request at a time: focus and visibility often arrive together.
            if checking.get_value() {
                return;
            }
            checking.set_value(true);
            let own = own.clone();
            leptos::task::spawn_local(async move {
                // Unknown (offline, an error) changes nothing: the notice stays as it was.
                if let Some(deployed) = deployed_build().await {
                    newer.set(is_newer(&own, Some(&deployed)));
                }
                checking.set_value(false);
            });
        };
        let doc = w.document();
        listen(&w, "focus", check.clone());
        listen(&w, "online", check.clone());
        if let Some(d) = doc {
            let (c, seen) = (check.clone(), d.clone());
            listen(&seen, "visibilitychange", move || {
                if !d.hidden() {
                    c()
                }
            });
        }
        gloo_timers::callback::Interval::new(CHECK_EVERY_MS, check).forget();
    }
    let reload = |_| {
        if let Some(w) = crate::ui::browser::window() {
            // The same address: the scenario is in it.
            let _ = w.location().reload();
        }
    };
    // The region is always there, so a screen reader announces what appears in it.
    view! {
        <div id="update-notice" role="status" class=move || if newer.get() { "notice update" } else { "update" }>
            <Show when=move || newer.get()>
                <p>"A new version of the explorer is available. Reloading keeps your scenario: it is in the address."</p>
                <button type="button" on:click=reload>"Reload"</button>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_build_id_and_nothing_else() {
        assert_eq!(parse_build("{\"build\": \"0a1b2c3d4e5f\"}\n").as_deref(), Some("0a1b2c3d4e5f"));
        assert_eq!(parse_build("{\"build\":\"abc\",\"extra\":1}").as_deref(), Some("abc"));
        // A host's HTML error page, an empty or odd file: no update is announced.
        assert_eq!(parse_build("<!doctype html><title>404</title>"), None);
        assert_eq!(parse_build(""), None);
        assert_eq!(parse_build("{\"build\": \"\"}"), None);
        assert_eq!(parse_build("{\"build\": 12}"), None);
        assert_eq!(parse_build("{\"build\": \"<script>\"}"), None);
    }

    #[test]
    fn only_a_different_build_is_newer() {
        assert!(is_newer("aaa", Some("bbb")));
        assert!(!is_newer("aaa", Some("aaa")));
        assert!(!is_newer("aaa", None));
    }
}
