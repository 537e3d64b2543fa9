//! The build-time pre-render (native builds only): every page's default view (the shipped
//! default dataset, the default scenario) rendered to HTML by the same components the app mounts,
//! so a page is readable, printable and correct before the wasm arrives, or without JavaScript.
//! `bin/prerender` writes the pages into the built site; the app then takes over (`ui::takeover`).

use super::route::Page;
use super::state::AppState;
use crate::data::{parse_dataset, parse_manifest};
use leptos::prelude::*;
use std::sync::Arc;

/// The pages written as files: the navigation's pages. The committee pack is made for a scenario
/// on request ("Print pack", with today's date and the scenario's link), so it is not one of them.
pub const PAGES: [Page; 8] = Page::NAV;

/// The file a page is pre-rendered into, beside `index.html` (so the page's relative addresses,
/// the data's and the service worker's, are the same in every file).
pub fn file_name(page: Page) -> String {
    if page == Page::Overview { "index.html".into() } else { format!("{}.html", page.slug()) }
}

/// Effects only touch the page (focus, the title, observers): the pre-render never runs them.
struct NoEffects;
impl any_spawner::CustomExecutor for NoEffects {
    fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
    fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// The shipped figures, as the app's first load chooses them: the manifest's default dataset.
pub struct Figures {
    pub manifest: Arc<crate::data::Manifest>,
    pub loaded: Arc<crate::data::Loaded>,
    /// Its path, relative to the site (`data/….json`).
    pub path: String,
    /// The default scenario on these figures, as a link with no levers opens it.
    pub scenario: crate::model::scenario::Scenario,
    baseline: crate::model::dsg::Baseline,
}

/// Reads the manifest and its default dataset from a built site (or `public/`), with every
/// problem named.
pub fn read_figures(site: &std::path::Path) -> Result<Figures, String> {
    let read = |rel: &str| std::fs::read_to_string(site.join(rel)).map_err(|e| format!("{rel}: {e}"));
    let issues = |rel: &str, issues: Vec<crate::data::json::Issue>| {
        format!("{rel}: {}", issues.iter().map(|i| format!("{} {}", i.path, i.message)).collect::<Vec<_>>().join("; "))
    };
    let manifest = parse_manifest(&read("data/manifest.json")?).map_err(|i| issues("data/manifest.json", i))?;
    let (path, _) = crate::share::open::choose(&manifest, None, None, None);
    let path = path.ok_or("data/manifest.json lists no dataset")?;
    let text = read(&path)?;
    let loaded = parse_dataset(text.strip_prefix('\u{feff}').unwrap_or(&text)).map_err(|i| issues(&path, i))?;
    let baseline = crate::model::dsg::Baseline::from_dataset(&loaded.dataset);
    let scenario = crate::share::codec::decode(&[], &baseline).scenario;
    Ok(Figures { manifest: Arc::new(manifest), loaded: Arc::new(loaded), path, scenario, baseline })
}

/// The whole shell of `page` (navigation, the page, the footer) as HTML, in its default view.
pub fn render(figures: &Figures, page: Page) -> String {
    let _ = any_spawner::Executor::init_custom_executor(NoEffects);
    let owner = Owner::new();
    let html = owner.with(|| {
        let app = AppState::new();
        provide_context(app);
        app.manifest.set(Some(figures.manifest.clone()));
        app.data.set(Some(figures.loaded.clone()));
        app.scenario.set(Some(figures.scenario.clone()));
        app.page.set(page);
        // Read once, as a page would be drawn: no tracking, so no warnings about it.
        untrack(|| view! { <super::Shell/> }.to_html())
    });
    drop(owner);
    static_links(&empty_texts(&until_js(&html)))
}

/// Each input and select of the pre-rendered page comes disabled, marked `data-until-js`, and
/// prerender.js enables it as the page is read: without JavaScript a slider moved, and no figure
/// changed (a trial, 2026-12-07); with it, a reader can still change a control before the app
/// takes over (takeover.rs carries the change over). A control the page disables itself (a
/// setting not in use) has no mark, so stays disabled. Buttons and the search and file boxes are
/// not shown at all without scripting (style.css).
fn until_js(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 50);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let name_end = rest[1..].bytes().position(|b| !b.is_ascii_alphanumeric()).map_or(rest.len(), |e| e + 1);
        if !matches!(&rest[1..name_end], "input" | "select") {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        // The tag's end, and its attribute names: outside the (double-quoted) values.
        let (mut quoted, mut end, mut outside) = (false, rest.len(), String::new());
        for (k, b) in rest.bytes().enumerate() {
            match b {
                b'"' => quoted = !quoted,
                b'>' if !quoted => {
                    end = k;
                    break;
                }
                _ if !quoted => outside.push(b as char),
                _ => {}
            }
        }
        let disabled = outside.split(|c: char| c.is_ascii_whitespace() || c == '/').any(|a| a == "disabled" || a.starts_with("disabled="));
        // Added last (before a closing `/`), so the tag reads as before up to there.
        let tag = &rest[..end];
        let body = tag.strip_suffix('/').unwrap_or(tag);
        out.push_str(body);
        if !disabled {
            out.push_str(" disabled data-until-js");
        }
        out.push_str(&tag[body.len()..]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// An empty text is rendered as one space (so a browser would make a text node of it), which
/// keeps an empty status line from matching `:empty` in the stylesheet, and so from collapsing
/// as it does in the app: the page would move by that line at the swap; an empty table cell
/// would show its column's name over nothing in a stacked table. Written empty instead.
fn empty_texts(html: &str) -> String {
    html.replace("> </p>", "></p>").replace("> </span>", "></span>").replace("> </td>", "></td>")
}

/// Links between pages point at the pages' files, which work without JavaScript on any static
/// host (`?page=savings` would open `index.html`: the Overview). The app's own links, once it has
/// taken over, are the `?page=` links that shared links have always used.
fn static_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    const AT: &str = "href=\"?page=";
    while let Some(i) = rest.find(AT) {
        out.push_str(&rest[..i]);
        rest = &rest[i + AT.len()..];
        let end = rest.find(['"', '#', '&']).unwrap_or(rest.len());
        match Page::from_slug(&rest[..end]) {
            Some(p) if PAGES.contains(&p) => {
                out.push_str(&format!("href=\"{}", file_name(p)));
                rest = &rest[end..];
                // The rest of the query (`&amp;v=2…` in HTML) follows the file as its query.
                for amp in ["&amp;", "&"] {
                    if let Some(more) = rest.strip_prefix(amp) {
                        out.push('?');
                        rest = more;
                        break;
                    }
                }
            }
            _ => out.push_str(AT),
        }
    }
    out.push_str(rest);
    out
}

/// The link parameters of the pre-rendered view, other than the page: the link format, the
/// dataset and its version (`v=2&data=…&dv=…`), which "Copy link" writes for the default view.
/// A link that carries only these (and the page) opens exactly what is pre-rendered.
pub fn default_link(figures: &Figures) -> String {
    let ds = &figures.loaded.dataset;
    crate::share::codec::to_query(&crate::share::codec::encode(&figures.scenario, &figures.baseline, &ds.id, &ds.version))
}

/// `template` (the built `index.html`) with `page` pre-rendered into it: the page's title, its
/// name and the link parameters of its view on `<html data-page data-link>` (read by
/// `prerender.js` and the app), and the shell in `<div id="prerendered">` in place of the
/// start-up message. An empty `shell` keeps the start-up message (no pre-render).
pub fn document(template: &str, page: Page, link: &str, shell: &str) -> Result<String, String> {
    const BOOT: &str = r#"<div id="boot" class="fallback" role="status">Loading the explorer…</div>"#;
    if !template.contains(BOOT) {
        return Err("index.html has no start-up message to replace".into());
    }
    let title = format!("<title>{} · Budget and DSG deficit explorer</title>", page.title());
    let Some(t0) = template.find("<title>") else { return Err("index.html has no <title>".into()) };
    let Some(t1) = template[t0..].find("</title>").map(|e| t0 + e + "</title>".len()) else { return Err("index.html has an unclosed <title>".into()) };
    let html = format!("{}{title}{}", &template[..t0], &template[t1..]);
    const HTML: &str = "<html lang=\"en-GB\">";
    if !html.contains(HTML) {
        // Without data-page, prerender.js could not set a link's default figures aside.
        return Err("index.html has no <html lang=\"en-GB\"> to name the page on".into());
    }
    let attr = link.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    // The pages' own view choices (share::codec::VIEW), and those of this page: prerender.js
    // leaves them out of the links it carries, and sets the default view aside only for its own.
    let view = format!(" data-view-keys=\"{}\" data-own-view=\"{}\"", crate::share::codec::VIEW.join(" "), super::pages::view_keys(page).join(" "));
    let html = html.replacen(HTML, &format!("<html lang=\"en-GB\" data-page=\"{}\" data-link=\"{attr}\"{view}>", page.slug()), 1);
    if shell.is_empty() {
        // No pre-render (the shipped figures did not load): the page's file with the start-up
        // message, so its address still opens its page in the app.
        return Ok(html);
    }
    // Shown instead of the page while a link's own scenario loads (prerender.js, style.css).
    let pending = r#"<p id="scenario-pending" class="loading" role="status">Loading your scenario…</p>"#;
    // Where prerender.js says that a change made before the app takes over waits for it, and
    // boot.js that the app could not start (empty, and not shown, until then).
    let pending = format!(r#"{pending}<p id="before-app" role="status"></p>"#);
    // The note for a reader without JavaScript goes under the header too: before the page it
    // filled the first screen of a phone, above the skip link and the menu.
    let (html, noscript) = match (html.find("<noscript>"), html.find("</noscript>")) {
        (Some(a), Some(b)) if a < b => {
            let b = b + "</noscript>".len();
            (format!("{}{}", &html[..a], &html[b..]), html[a..b].to_string())
        }
        _ => (html, String::new()),
    };
    let Some(h) = shell.find("</header>").map(|i| i + "</header>".len()) else { return Err("the shell has no </header>".into()) };
    let shell = format!("{}{noscript}{pending}{}", &shell[..h], &shell[h..]);
    Ok(html.replacen(BOOT, &format!("<div id=\"prerendered\">{shell}</div>"), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_point_at_the_page_files() {
        assert_eq!(static_links(r#"<a href="?page=glossary#dsg">x</a><a href="?page=savings">y</a><a href="./">z</a>"#), r#"<a href="glossary.html#dsg">x</a><a href="savings.html">y</a><a href="./">z</a>"#);
        // Not a pre-rendered page, or not a page at all: left as it is.
        assert_eq!(static_links(r#"<a href="?page=pack">p</a><a href="?page=nope">n</a>"#), r#"<a href="?page=pack">p</a><a href="?page=nope">n</a>"#);
        // A link with more of a query keeps it, as the file's own query.
        assert_eq!(static_links(r#"<a href="?page=compare&amp;v=2&amp;dv=1#saved">s</a>"#), r#"<a href="compare.html?v=2&amp;dv=1#saved">s</a>"#);
    }

    #[test]
    fn inputs_and_selects_wait_for_javascript_unless_the_page_disables_them() {
        assert_eq!(
            until_js(r#"<p>a &lt;input b</p><input type="range" value="3"/><select id="s"><option value="x>y">x</option></select><input disabled="" id="idle"><input id="q" data-x="a disabled b">"#),
            r#"<p>a &lt;input b</p><input type="range" value="3" disabled data-until-js/><select id="s" disabled data-until-js><option value="x>y">x</option></select><input disabled="" id="idle"><input id="q" data-x="a disabled b" disabled data-until-js>"#
        );
        assert_eq!(until_js("<button>b</button><inputs><i>x</i>"), "<button>b</button><inputs><i>x</i>");
    }

    #[test]
    fn an_empty_text_is_written_empty() {
        assert_eq!(empty_texts(r#"<p role="status" class="share-status"> </p><span class="tool-status"> </span><p>a b</p>"#), r#"<p role="status" class="share-status"></p><span class="tool-status"></span><p>a b</p>"#);
        assert_eq!(empty_texts(r#"<td data-label="Count"> </td><td>£1</td>"#), r#"<td data-label="Count"></td><td>£1</td>"#);
    }
}
