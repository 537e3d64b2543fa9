//! Pages and the address bar. The page is a query parameter (`?page=capital`), not a path, so a
//! shared link opens the right page on any static file server and from any sub-path. Each page's
//! pre-rendered file (`capital.html`, beside `index.html`) opens that page too.

use crate::share::codec::Notice;
use crate::share::open::shown;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Overview,
    HighNeeds,
    Uncertainty,
    Savings,
    Capital,
    Compare,
    Sources,
    Glossary,
    /// The committee pack (`?page=pack`): reached from "Print pack", not from the navigation.
    Pack,
}

impl Page {
    pub const NAV: [Page; 8] = [Page::Overview, Page::HighNeeds, Page::Uncertainty, Page::Savings, Page::Capital, Page::Compare, Page::Sources, Page::Glossary];

    pub fn slug(self) -> &'static str {
        match self {
            Page::Overview => "overview",
            Page::HighNeeds => "high-needs",
            Page::Uncertainty => "uncertainty",
            Page::Savings => "savings",
            Page::Capital => "capital",
            Page::Compare => "compare",
            Page::Sources => "sources",
            Page::Glossary => "glossary",
            Page::Pack => "pack",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Page::Overview => "Overview",
            Page::HighNeeds => "High needs",
            Page::Uncertainty => "Uncertainty",
            Page::Savings => "Savings",
            Page::Capital => "Capital",
            Page::Compare => "Compare",
            Page::Sources => "Sources",
            Page::Glossary => "Glossary",
            Page::Pack => "Committee pack",
        }
    }

    pub fn from_slug(s: &str) -> Option<Page> {
        Page::NAV.into_iter().chain([Page::Pack]).find(|p| p.slug() == s)
    }
}

/// The page a link opens (its first `page`), with a notice when `page` names no page: the
/// Overview is opened instead. A repeated `page` is named by `share::codec::decode`.
pub fn page_from_query(pairs: &[(String, String)]) -> (Page, Option<Notice>) {
    let Some(slug) = pairs.iter().find(|(k, _)| k == "page").map(|(_, v)| v.as_str()) else { return (Page::Overview, None) };
    if let Some(p) = Page::from_slug(slug) {
        return (p, None);
    }
    let near = slug.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    let hint = match Page::from_slug(&near) {
        Some(p) => format!(" (did you mean {}?)", p.slug()),
        None => String::new(),
    };
    let pages: Vec<&str> = Page::NAV.iter().map(|p| p.slug()).collect();
    let what = if slug.is_empty() { "is empty".to_string() } else { format!("{} is not a page of this explorer{hint}", shown(slug)) };
    (Page::Overview, Some(Notice { param: "page".into(), message: format!("{what}; the pages are {}; the Overview is shown instead", pages.join(", ")) }))
}

/// The page whose pre-rendered file this address is (`/budget/capital.html` → Capital), if any.
pub fn page_from_path(pathname: &str) -> Option<Page> {
    let file = pathname.rsplit('/').next()?;
    let page = Page::from_slug(file.strip_suffix(".html")?)?;
    Page::NAV.contains(&page).then_some(page)
}

/// The page of the file open at `pathname`: `named` (the pre-render's `<html data-page>`, right
/// whatever address a host serves the file at: `capital.html` or a "pretty" `/capital`), else the
/// path's own `<slug>.html`. None at the app's folder itself (`…/`, `…/index.html`): that is the
/// Overview's file, and every address the app writes is there, so a page file's name must not
/// outlive the address it was opened at (back to `./?v=2…` is the Overview).
pub fn file_page(pathname: &str, named: Option<&str>) -> Option<Page> {
    if pathname.is_empty() || pathname.ends_with('/') || pathname.ends_with("/index.html") {
        return None;
    }
    named.and_then(Page::from_slug).filter(|p| Page::NAV.contains(p)).or_else(|| page_from_path(pathname))
}

/// The page an address opens: its `page` parameter if it has one (with a notice when that names
/// no page), else the page of its file, else the Overview.
pub fn page_for(file: Option<Page>, pairs: &[(String, String)]) -> (Page, Option<Notice>) {
    if pairs.iter().any(|(k, _)| k == "page") {
        return page_from_query(pairs);
    }
    (file.unwrap_or(Page::Overview), None)
}

/// The folder of an address's path (`/budget/capital.html` → `/budget/`): where the app's
/// `index.html` is, so the address bar and links name `?page=` links from there.
pub fn folder(pathname: &str) -> &str {
    match pathname.rfind('/') {
        Some(i) => &pathname[..=i],
        None => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::codec::from_query;

    #[test]
    fn every_page_opens_from_its_slug_without_a_notice() {
        for p in Page::NAV {
            assert_eq!(page_from_query(&from_query(&format!("page={}", p.slug()))), (p, None));
        }
        assert_eq!(page_from_query(&from_query("v=1&hn.horizon=12")), (Page::Overview, None));
    }

    #[test]
    fn a_page_file_opens_its_page_and_a_page_parameter_wins() {
        let page_for = |path: &str, pairs: &[(String, String)]| page_for(file_page(path, None), pairs);
        for p in Page::NAV {
            assert_eq!(page_for(&format!("/budget/{}.html", p.slug()), &[]), (p, None));
        }
        assert_eq!(page_for("/budget/", &[]), (Page::Overview, None));
        assert_eq!(page_for("/budget/index.html", &[]), (Page::Overview, None));
        assert_eq!(page_for("/pack.html", &[]), (Page::Overview, None), "the pack has no file");
        assert_eq!(page_for("/budget/capital.html/", &[]), (Page::Overview, None));
        assert_eq!(page_for("/budget/capital.html", &from_query("page=savings")), (Page::Savings, None));
        assert_eq!(page_for("/budget/capital.html", &from_query("page=nope")).0, Page::Overview);
        assert!(page_for("/budget/capital.html", &from_query("page=nope")).1.is_some());
        // The page's name on the file, wherever it is served; never at the app's folder.
        assert_eq!(file_page("/budget/capital", Some("capital")), Some(Page::Capital));
        assert_eq!(file_page("/budget/capital.html", Some("capital")), Some(Page::Capital));
        assert_eq!(file_page("/budget/", Some("capital")), None, "an address the app wrote, after opening capital.html");
        assert_eq!(file_page("/budget/index.html", Some("capital")), None);
        assert_eq!(file_page("/budget/x", Some("pack")), None, "the pack has no file");
        assert_eq!(folder("/budget/capital.html"), "/budget/");
        assert_eq!(folder("/budget/"), "/budget/");
        assert_eq!(folder("/"), "/");
        assert_eq!(folder(""), "/");
    }

    #[test]
    fn an_unknown_page_is_named_and_opens_the_overview() {
        for q in ["page=admin", "page=high_needs", "page=", "page=../x", "page=Sources", "page=%3Cscript%3E", "page=capital%00"] {
            let (p, n) = page_from_query(&from_query(q));
            assert_eq!(p, Page::Overview, "{q}");
            let n = n.unwrap_or_else(|| panic!("{q}: no notice"));
            assert_eq!(n.param, "page");
            assert!(n.message.ends_with("the Overview is shown instead"), "{q}: {}", n.message);
        }
        let (_, n) = page_from_query(&from_query("page=high_needs"));
        assert!(n.unwrap().message.starts_with("\"high_needs\" is not a page of this explorer (did you mean high-needs?)"));
        let (_, n) = page_from_query(&from_query("page="));
        assert!(n.unwrap().message.starts_with("is empty"));
        // The first page given is the one used; the second is named by the codec.
        assert_eq!(page_from_query(&from_query("page=capital&page=admin")), (Page::Capital, None));
    }
}
