//! Loading the manifest and datasets from the app's own folder (relative URLs, so the app works
//! from any sub-path).

use crate::data::json::Issue;
use crate::data::{parse_dataset, parse_manifest, Loaded, Manifest};

async fn get_text(url: &str) -> Result<String, String> {
    let resp = gloo_net::http::Request::get(url).send().await.map_err(|e| format!("could not fetch {url}: {e}"))?;
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

/// A same-origin path only: a link may name a dataset file, but never another site.
pub fn same_origin_path(p: &str) -> Result<String, String> {
    let p = p.trim();
    if p.is_empty() || p.contains("://") || p.starts_with("//") || p.contains('\\') || p.starts_with("javascript:") || p.starts_with("data:") {
        return Err(format!("\"{p}\" is not a path on this site"));
    }
    if !p.ends_with(".json") {
        return Err(format!("\"{p}\" is not a .json file"));
    }
    Ok(p.trim_start_matches('/').to_string())
}

pub async fn dataset(path: &str) -> Result<Loaded, Vec<Issue>> {
    let text = get_text(path).await.map_err(one)?;
    parse_dataset(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn only_same_origin_json_paths() {
        assert_eq!(same_origin_path("data/mine.json").unwrap(), "data/mine.json");
        assert!(same_origin_path("https://evil.example/x.json").is_err());
        assert!(same_origin_path("//evil.example/x.json").is_err());
        assert!(same_origin_path("data/x.txt").is_err());
        assert!(same_origin_path("javascript:alert(1).json").is_err());
    }
}
