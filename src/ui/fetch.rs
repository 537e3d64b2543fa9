//! Loading the manifest and datasets from the app's own folder (relative URLs, so the app works
//! from any sub-path).

use crate::data::json::Issue;
use crate::data::{parse_manifest, LoadJob, Loaded, Manifest};

async fn get_text(url: &str) -> Result<String, String> {
    // Same-origin mode: the browser refuses another origin, even by a redirect, before the CSP
    // is asked. `src` is checked before it gets here (ui::check_src); this is the second line.
    let resp = gloo_net::http::Request::get(url).mode(web_sys::RequestMode::SameOrigin).send().await.map_err(|e| format!("could not fetch {url}: {e}"))?;
    if !resp.ok() {
        return Err(format!("could not fetch {url}: HTTP {}", resp.status()));
    }
    resp.text().await.map_err(|e| format!("could not read {url}: {e}"))
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

