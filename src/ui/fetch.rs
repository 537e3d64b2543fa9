//! Loading the manifest and datasets from the app's own folder (relative URLs, so the app works
//! from any sub-path).

use crate::data::json::Issue;
use crate::data::{parse_manifest, LoadJob, Loaded, Manifest};

/// `url` as the browser resolves it against this page (`new URL(url, location.href)`), and the
/// page's own origin ("null" when it has none).
pub fn resolve(url: &str) -> (Option<web_sys::Url>, String) {
    let location = crate::ui::browser::window().map(|w| w.location());
    let page = location.as_ref().and_then(|l| l.href().ok()).unwrap_or_default();
    let origin = location.as_ref().and_then(|l| l.origin().ok()).unwrap_or_else(|| "null".into());
    (web_sys::Url::new_with_base(url, &page).ok(), origin)
}

/// Whether `url` resolves to this page's own (real) origin.
fn same_origin(url: &str) -> bool {
    let (resolved, origin) = resolve(url);
    origin != "null" && resolved.is_some_and(|u| u.origin() == origin)
}

async fn get_text(url: &str) -> Result<String, String> {
    // Only this site's own files: checked here by origin, and no redirect is followed, so the
    // request never leaves the origin (the CSP's connect-src is the second line; `src` is
    // checked before it gets here too, by ui::check_src). The manifest and the default dataset
    // are usually already on their way (`early_text`); CORS mode, as those requests are, which
    // to one's own origin is a plain request.
    if !same_origin(url) {
        return Err(format!("could not fetch {url}: it is not on this site"));
    }
    if let Some(text) = early_text(url).await {
        return Ok(text);
    }
    let resp = gloo_net::http::Request::get(url)
        .mode(web_sys::RequestMode::Cors)
        .redirect(web_sys::RequestRedirect::Error)
        .send()
        .await
        .map_err(|e| format!("could not fetch {url}: {e}"))?;
    if !resp.ok() {
        return Err(format!("could not fetch {url}: HTTP {}", resp.status()));
    }
    resp.text().await.map_err(|e| format!("could not read {url}: {e}"))
}

/// The response to the request public/prerender.js made for `url` as the page was read (the
/// manifest, the default dataset), taken once: its body, if it came from this site with a success.
/// Anything else (not asked for, failed, another status) is `None`, and the app asks itself, so
/// an error is reported as the app's own request reports it.
async fn early_text(url: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let window = crate::ui::browser::window()?;
    let asked = js_sys::Reflect::get(window.as_ref(), &"__dsgEarly".into()).ok().filter(|m| m.is_object())?;
    let key = wasm_bindgen::JsValue::from_str(url);
    let promise = js_sys::Reflect::get(&asked, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(asked.unchecked_ref::<js_sys::Object>(), &key);
    let resp: web_sys::Response = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    // A second line behind the script's own `redirect: "error"`: never a body from elsewhere.
    if !resp.ok() || resp.redirected() || !same_origin(&resp.url()) {
        return None;
    }
    let text = wasm_bindgen_futures::JsFuture::from(resp.text().ok()?).await.ok()?;
    text.as_string()
}

/// Whether a load's problems are only that the file could not be fetched or read (a server or
/// network failure, or a file not there yet): the same address may work later, where a file that
/// was read and found wanting would not.
pub fn not_reached(issues: &[Issue]) -> bool {
    matches!(issues, [i] if i.path.is_empty() && (i.message.starts_with("could not fetch ") || i.message.starts_with("could not read ")))
}

fn one(message: String) -> Vec<Issue> {
    vec![Issue { path: String::new(), message }]
}

pub async fn manifest() -> Result<Manifest, Vec<Issue>> {
    let text = get_text("data/manifest.json").await.map_err(one)?;
    parse_manifest(&text)
}

/// A dataset by its path, read in slices as a chosen file is (a `src` may name a big one).
pub async fn dataset(path: &str) -> Result<Loaded, Vec<Issue>> {
    let text = get_text(path).await.map_err(one)?;
    crate::data::limits::check_bytes(text.len()).map_err(|i| vec![i])?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    super::load_file::run_sliced(LoadJob::new(text), |_| {}, || true).await.unwrap_or_else(|| Err(one("the load was stopped".into())))
}

