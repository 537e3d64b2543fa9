//! Which dataset a link opens: a same-origin file named by `src`, or a shipped dataset named by
//! `data` and `dv`. Never fails as a whole: anything unusable gets a notice and a fallback.

use super::codec::Notice;
use crate::data::Manifest;

/// A same-origin path only: a link may name a dataset file, but never another site.
pub fn same_origin_path(p: &str) -> Result<String, String> {
    let p = p.trim();
    let lower = p.to_ascii_lowercase();
    if p.is_empty() || p.contains("://") || p.starts_with("//") || p.contains('\\') || lower.starts_with("javascript:") || lower.starts_with("data:") || p.contains("..") {
        return Err(format!("\"{p}\" is not a path on this site"));
    }
    if !lower.ends_with(".json") {
        return Err(format!("\"{p}\" is not a .json file"));
    }
    Ok(p.trim_start_matches('/').to_string())
}

/// The file to fetch for a link's `data`, `dv` and `src`, with notices for what could not be
/// honoured. `None` only when the manifest lists nothing.
pub fn choose(manifest: &Manifest, id: Option<&str>, version: Option<&str>, src: Option<&str>) -> (Option<String>, Vec<Notice>) {
    let mut notices = vec![];
    if let Some(src) = src {
        match same_origin_path(src) {
            Ok(p) => return (Some(p), notices),
            Err(e) => notices.push(Notice { param: "src".into(), message: format!("{e}; the shipped figures are used instead") }),
        }
    }
    let mut wanted = id;
    if let Some(i) = id {
        if !manifest.datasets.iter().any(|e| e.id == i) {
            notices.push(Notice { param: "data".into(), message: format!("no dataset \"{i}\" ships with this site, so the default figures are shown; the scenario's numbers may differ") });
            wanted = None;
        }
    }
    let Some(entry) = manifest.find(wanted, version) else { return (None, notices) };
    if let (Some(v), Some(_)) = (version, wanted) {
        if entry.version != v {
            notices.push(Notice {
                param: "dv".into(),
                message: format!(
                    "this link was made with version {v} of the {} figures, which this site no longer ships; it uses version {} instead, so the figures may differ from when the link was made",
                    entry.council, entry.version
                ),
            });
        }
    }
    (Some(format!("data/{}", entry.path)), notices)
}

/// After loading a file named by `src`: does it match the dataset the link was made with?
pub fn check_loaded(id: Option<&str>, version: Option<&str>, loaded_id: &str, loaded_version: &str) -> Option<Notice> {
    match (id, version) {
        (Some(i), _) if i != loaded_id => Some(Notice { param: "data".into(), message: format!("the link was made with dataset \"{i}\" but the file holds \"{loaded_id}\"; the figures may differ") }),
        (_, Some(v)) if v != loaded_version => Some(Notice { param: "dv".into(), message: format!("the link was made with version {v} but the file holds version {loaded_version}; the figures may differ") }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::ManifestEntry;

    fn manifest() -> Manifest {
        let e = |id: &str, v: &str, default: bool| ManifestEntry { id: id.into(), version: v.into(), council: "C".into(), title: "T".into(), path: format!("{id}-{v}.json"), default };
        Manifest { schema_version: 1, datasets: vec![e("h", "1", false), e("h", "2", true), e("w", "1", false)] }
    }

    #[test]
    fn only_same_origin_json_paths() {
        assert_eq!(same_origin_path("data/mine.json").unwrap(), "data/mine.json");
        assert_eq!(same_origin_path("/data/mine.json").unwrap(), "data/mine.json");
        for bad in ["https://evil.example/x.json", "//evil.example/x.json", "data/x.txt", "javascript:alert(1).json", "DATA:x.json", "../x.json", ""] {
            assert!(same_origin_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn picks_the_named_version_or_says_why_not() {
        let m = manifest();
        assert_eq!(choose(&m, None, None, None), (Some("data/h-2.json".into()), vec![]));
        assert_eq!(choose(&m, Some("h"), Some("1"), None), (Some("data/h-1.json".into()), vec![]));
        let (p, n) = choose(&m, Some("h"), Some("9"), None);
        assert_eq!(p.as_deref(), Some("data/h-2.json"));
        assert_eq!(n[0].param, "dv");
        let (p, n) = choose(&m, Some("zzz"), Some("1"), None);
        assert_eq!(p.as_deref(), Some("data/h-2.json"), "unknown id falls back to the default");
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].param, "data");
        let (p, n) = choose(&m, Some("h"), None, Some("https://x.example/a.json"));
        assert_eq!(p.as_deref(), Some("data/h-2.json"));
        assert_eq!(n[0].param, "src");
        assert_eq!(choose(&m, Some("x"), None, Some("data/mine.json")).0.as_deref(), Some("data/mine.json"));
    }

    #[test]
    fn loaded_file_is_checked_against_the_link() {
        assert_eq!(check_loaded(Some("h"), Some("1"), "h", "1"), None);
        assert_eq!(check_loaded(Some("h"), Some("1"), "h", "2").map(|n| n.param), Some("dv".into()));
        assert_eq!(check_loaded(Some("h"), None, "w", "2").map(|n| n.param), Some("data".into()));
        assert_eq!(check_loaded(None, None, "w", "2"), None);
    }
}

/// The newer figures of the same dataset, when a link opened an older version that is still
/// shipped: the manifest's default for that id, if its version differs.
pub fn newer_version<'a>(manifest: &'a Manifest, id: &str, version: &str) -> Option<&'a crate::data::load::ManifestEntry> {
    manifest.find(Some(id), None).filter(|e| e.id == id && e.version != version)
}

/// The link's query with the newest figures: no pinned version (`dv`) and no pinned starting
/// point (`hn.start`), in the current link format, every other lever kept.
pub fn latest_query(pairs: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = vec![("v".to_string(), super::codec::FORMAT_VERSION.to_string())];
    out.extend(pairs.iter().filter(|(k, _)| !matches!(k.as_str(), "v" | "dv" | crate::model::dsg::START_KEY)).cloned());
    out
}
