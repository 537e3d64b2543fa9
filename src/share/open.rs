//! Which dataset a link opens: a same-origin file named by `src`, or a shipped dataset named by
//! `data` and `dv`. Never fails as a whole: anything unusable gets a notice and a fallback.
//!
//! `src` is judged by what the browser makes of it, never by its text: the UI resolves it
//! against the page's address (`new URL(src, location.href)`) and [`check_src`] decides from the
//! resolved scheme and origin. Text patterns miss the spellings a URL parser accepts
//! (`https:evil.example/x.json`, a tab inside `https://`, `blob:`), so there are none here.

use super::codec::Notice;
use crate::data::Manifest;

/// What the browser made of a link's `src`, resolved against the page's address: the parts of
/// `new URL(src, location.href)` that decide whether it may be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The scheme with its colon, as `URL.protocol` gives it: `"https:"`.
    pub protocol: String,
    /// `URL.origin`: `"https://example.gov.uk"`, or `"null"` for opaque origins (`data:`, `blob:x`).
    pub origin: String,
    /// `URL.pathname`, percent-encoded as the browser left it.
    pub pathname: String,
    /// `URL.href`: the address that is fetched when `src` is accepted.
    pub href: String,
}

/// Whether a link's `src` may be fetched, from how it resolved (`None` when it is not a URL at
/// all) and the page's own origin (`location.origin`). Only a `.json` file on the page's own
/// origin, over `http:` or `https:`, is accepted: `Ok` holds the address to fetch, `Err` says
/// why not, in words that follow the parameter's name in a notice.
pub fn check_src(src: &str, resolved: Option<&Resolved>, page_origin: &str) -> Result<String, String> {
    let shown = shown(src);
    let Some(r) = resolved else {
        return Err(format!("{shown} is not an address the explorer can read"));
    };
    if r.protocol != "http:" && r.protocol != "https:" {
        return Err(format!("{shown} is a \"{}\" address; only files on this site can be loaded", r.protocol.trim_end_matches(':')));
    }
    if !(page_origin.starts_with("http://") || page_origin.starts_with("https://")) {
        return Err(format!("{shown} cannot be loaded because this page is not served from a web site (its origin is \"{page_origin}\")"));
    }
    if r.origin != page_origin {
        return Err(format!("{shown} is on another site ({}); the explorer only loads files from this site ({page_origin})", r.origin));
    }
    if !r.pathname.to_ascii_lowercase().ends_with(".json") {
        return Err(format!("{shown} is not a .json file"));
    }
    Ok(r.href.clone())
}

/// A value quoted for a notice: control characters made visible, and long values shortened, so
/// a hostile link cannot hide what it holds or flood the page.
pub fn shown(v: &str) -> String {
    const MAX: usize = 120;
    let mut out = String::from("\"");
    let cut = v.chars().nth(MAX).is_some();
    out.push_str(&visible(&v.chars().take(MAX).collect::<String>()));
    if cut {
        out.push('…');
    }
    out.push('"');
    out
}

/// `s` with what a reader cannot see written as escapes: control characters, and the invisible
/// formatting ones (direction overrides and isolates, zero-width and line separators), which
/// could turn the notice's own words around ("…used daetsni").
pub fn visible(s: &str) -> String {
    let formatting = |c: char| matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
    let mut out = String::with_capacity(s.len());
    // Named in words a reader knows, not a programming language's escapes ("\u{0}").
    for c in s.chars() {
        match c {
            '\t' => out.push_str("[tab]"),
            '\n' => out.push_str("[new line]"),
            '\r' => out.push_str("[return]"),
            c if c.is_control() || formatting(c) => out.push_str(&format!("[U+{:04X}]", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The parameter a notice of a file no longer held is shown under (not a parameter of the link:
/// the reader's own file, named by the history entry).
pub const FILE_GONE: &str = "file";

/// The notice for an entry whose figures came from a file (`name`) that the page no longer
/// holds: why, what is shown instead, and how to see the file's figures again.
pub fn file_gone(name: &str) -> Notice {
    let name = if name.is_empty() { "a file".to_string() } else { format!("a file, {}", shown(name)) };
    Notice {
        param: FILE_GONE.into(),
        message: format!("this page's figures were loaded from {name}, on this device. Files are not kept when the page is reloaded or reopened, and only the last three loaded are kept, so this site's own figures are shown instead, with the assumptions the address names. To see the file's figures, load it again on the Sources page (its assumptions then start from their defaults)."),
    }
}

/// The file to fetch for a link's `data`, `dv` and `src`, with notices for what could not be
/// honoured. `src` comes already judged by [`check_src`]. `None` only when the manifest lists
/// nothing.
pub fn choose(manifest: &Manifest, id: Option<&str>, version: Option<&str>, src: Option<Result<String, String>>) -> (Option<String>, Vec<Notice>) {
    let mut notices = vec![];
    if let Some(verdict) = src {
        match verdict {
            Ok(href) => return (Some(href), notices),
            Err(e) => notices.push(Notice { param: "src".into(), message: format!("{e}, so the shipped figures are used instead") }),
        }
    }
    if let (Some(v), None) = (version, id) {
        notices.push(Notice { param: "dv".into(), message: format!("{} names a version of a dataset, but the link has no data parameter saying which dataset, so it was ignored", shown(v)) });
    }
    let mut wanted = id;
    if let Some(i) = id {
        if !manifest.datasets.iter().any(|e| e.id == i) {
            notices.push(Notice { param: "data".into(), message: format!("no dataset {} ships with this site, so this site's default figures are shown instead: not the figures the link was made with (it may be another council's, or figures loaded from a file, on this device or another: load that file again on the Sources page)", shown(i)) });
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
        (Some(i), _) if i != loaded_id => Some(Notice { param: "data".into(), message: format!("the link was made with dataset {} but the file holds {}; the figures may differ", shown(i), shown(loaded_id)) }),
        (_, Some(v)) if v != loaded_version => Some(Notice { param: "dv".into(), message: format!("the link was made with version {} but the file holds version {}; the figures may differ", shown(v), shown(loaded_version)) }),
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

    const PAGE: &str = "http://127.0.0.1:8000/budget/?page=sources";
    const ORIGIN: &str = "http://127.0.0.1:8000";

    /// What a browser's `new URL(src, page)` gives, by the `url` crate (the WHATWG URL
    /// Standard, as browsers implement it).
    fn resolve(src: &str, page: &str) -> Option<Resolved> {
        let u = url::Url::parse(page).unwrap().join(src).ok()?;
        Some(Resolved { protocol: format!("{}:", u.scheme()), origin: u.origin().ascii_serialization(), pathname: u.path().into(), href: u.to_string() })
    }

    fn check(src: &str) -> Result<String, String> {
        check_src(src, resolve(src, PAGE).as_ref(), ORIGIN)
    }

    /// `src` as the app reads it from a link's query text (so `%09` is a tab).
    fn from_link(q: &str) -> String {
        crate::share::codec::from_query(q).into_iter().find(|(k, _)| k == "src").unwrap().1
    }

    #[test]
    fn other_origins_and_odd_schemes_are_refused() {
        let refused = [
            // Each of these passed the old text-pattern check.
            ("https:evil.example/x.json", "another site (https://evil.example)"),
            ("https:\t//evil.example/x.json", "another site (https://evil.example)"),
            ("https:\n//evil.example/x.json", "another site (https://evil.example)"),
            ("ftp:evil.example/x.json", "\"ftp\" address"),
            ("blob:x.json", "\"blob\" address"),
            ("blob:http://127.0.0.1:8000/1b9d6bcd.json", "\"blob\" address"),
            ("javascript:alert(1)//.json", "\"javascript\" address"),
            ("JavaScript:alert(1)//x.json", "\"javascript\" address"),
            ("data:application/json,{}//x.json", "\"data\" address"),
            ("file:///etc/x.json", "\"file\" address"),
            // And the ones it already refused.
            ("https://evil.example/x.json", "another site (https://evil.example)"),
            ("//evil.example/x.json", "another site (http://evil.example)"),
            ("\\\\evil.example\\x.json", "another site (http://evil.example)"),
            ("/\\evil.example/x.json", "another site (http://evil.example)"),
            (" HTTPS://EVIL.EXAMPLE/x.json", "another site (https://evil.example)"),
            ("http://127.0.0.1:8000@evil.example/x.json", "another site (http://evil.example)"),
            ("http://127.0.0.1:8001/budget/x.json", "another site (http://127.0.0.1:8001)"),
            ("https://127.0.0.1:8000/budget/x.json", "another site (https://127.0.0.1:8000)"),
            ("data/x.txt", "not a .json file"),
            ("data/x.json/", "not a .json file"),
            ("", "not a .json file"),
            ("http://[::1/x.json", "not an address"),
        ];
        for (src, why) in refused {
            let e = check(src).expect_err(src);
            assert!(e.contains(why), "{src:?}: {e}");
        }
    }

    #[test]
    fn refused_sources_from_real_links() {
        for q in ["src=https:evil.example/x.json", "src=https:%09//evil.example/x.json", "src=ftp:evil.example/x.json", "src=blob:x.json", "src=javascript:alert(1)", "src=data:,x.json", "src=https%3A%2F%2Fevil.example%2Fx.json"] {
            let src = from_link(q);
            assert!(check(&src).is_err(), "{q} was accepted");
        }
    }

    #[test]
    fn same_origin_json_files_are_fetched_by_their_resolved_address() {
        assert_eq!(check("data/mine.json").unwrap(), "http://127.0.0.1:8000/budget/data/mine.json");
        assert_eq!(check("./data/mine.json").unwrap(), "http://127.0.0.1:8000/budget/data/mine.json");
        assert_eq!(check("/budget/data/mine.json").unwrap(), "http://127.0.0.1:8000/budget/data/mine.json");
        assert_eq!(check("http://127.0.0.1:8000/budget/data/mine.json").unwrap(), "http://127.0.0.1:8000/budget/data/mine.json");
        assert_eq!(check("data/MINE.JSON").unwrap(), "http://127.0.0.1:8000/budget/data/MINE.JSON");
        assert_eq!(check("data/mine.json?x=1").unwrap(), "http://127.0.0.1:8000/budget/data/mine.json?x=1");
        // Another folder of the same site is the same origin.
        assert_eq!(check("../x.json").unwrap(), "http://127.0.0.1:8000/x.json");
        // On an https page, "https:" with no slashes is a relative path on the same site.
        let page = "https://example.gov.uk/budget/";
        let src = "https:mine.json";
        assert_eq!(check_src(src, resolve(src, page).as_ref(), "https://example.gov.uk").unwrap(), "https://example.gov.uk/budget/mine.json");
    }

    #[test]
    fn the_decision_needs_the_page_scheme_not_just_the_origin() {
        // A blob: URL made by this page has the page's origin; it is still refused.
        let blob = Resolved { protocol: "blob:".into(), origin: ORIGIN.into(), pathname: "http://127.0.0.1:8000/x.json".into(), href: "blob:http://127.0.0.1:8000/x.json".into() };
        assert!(check_src("blob:http://127.0.0.1:8000/x.json", Some(&blob), ORIGIN).is_err());
        // A page opened from a file has an opaque origin: nothing is fetched by `src`.
        let file = Resolved { protocol: "file:".into(), origin: "null".into(), pathname: "/x.json".into(), href: "file:///x.json".into() };
        assert!(check_src("x.json", Some(&file), "null").is_err());
        let http = Resolved { protocol: "http:".into(), origin: "null".into(), pathname: "/x.json".into(), href: "http://x/x.json".into() };
        assert!(check_src("x.json", Some(&http), "null").unwrap_err().contains("not served from a web site"));
        assert!(check_src("x", None, ORIGIN).is_err());
    }

    #[test]
    fn notices_quote_values_visibly_and_briefly() {
        assert_eq!(shown("a\tb"), "\"a[tab]b\"");
        assert_eq!(shown(&"x".repeat(500)).chars().count(), 123);
        // A direction override would turn the notice's own words around; it is shown as an escape.
        assert_eq!(shown("\u{202E}desu tluafed"), "\"[U+202E]desu tluafed\"");
        assert_eq!(visible("a\u{2066}b\u{200B}c\u{0}d\ne"), "a[U+2066]b[U+200B]c[U+0000]d[new line]e");
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
        let (p, n) = choose(&m, Some("h"), None, Some(check("https://x.example/a.json")));
        assert_eq!(p.as_deref(), Some("data/h-2.json"), "a refused src falls back to the shipped figures");
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].param, "src");
        assert!(n[0].message.ends_with("so the shipped figures are used instead"), "{}", n[0].message);
        assert_eq!(choose(&m, Some("x"), None, Some(check("data/mine.json"))).0.as_deref(), Some("http://127.0.0.1:8000/budget/data/mine.json"));
        // A version with no dataset to be a version of is named, and the default used.
        let (p, n) = choose(&m, None, Some("1"), None);
        assert_eq!(p.as_deref(), Some("data/h-2.json"));
        assert_eq!(n.iter().map(|n| n.param.as_str()).collect::<Vec<_>>(), vec!["dv"]);
        assert!(n[0].message.contains("no data parameter"), "{}", n[0].message);
        // ...but beside a file named by src it is checked against the file (check_loaded).
        assert_eq!(choose(&m, None, Some("1"), Some(check("data/mine.json"))).1, vec![]);
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
