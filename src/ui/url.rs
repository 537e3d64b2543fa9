//! Keeping the address bar in step with the page and scenario, and reading it back.
//!
//! Changes are written to history after the user pauses (so dragging a slider does not flood
//! the back button); back and forward re-read the address, and every control follows.

use super::route::Page;
use super::state::AppState;
use crate::share::codec::{self, from_query, to_query};
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// The `href` for an address taken from data (a dataset document's `url`), or `None` when it
/// must be shown as text: only `http:` and `https:` addresses become links, whatever the
/// Content-Security-Policy would block. The address is read as a browser reads an `href`
/// (surrounding spaces and control characters trimmed, tabs and newlines removed anywhere), so
/// `"\tjava\nscript:…"` is seen for the `javascript:` it is.
pub fn web_link(address: &str) -> Option<String> {
    let cleaned: String = address.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let lower = cleaned.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"))?;
    (!rest.is_empty() && !rest.starts_with(['/', '\\'])).then_some(cleaned)
}

pub fn query_pairs() -> Vec<(String, String)> {
    crate::ui::browser::window().and_then(|w| w.location().search().ok()).map(|s| from_query(&s)).unwrap_or_default()
}

pub fn query_param(name: &str) -> Option<String> {
    query_pairs().into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn pathname() -> String {
    crate::ui::browser::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default()
}

/// The page of the file open at the current address (`route::file_page`).
fn file_page() -> Option<Page> {
    let named = crate::ui::browser::window().and_then(|w| w.document()).and_then(|d| d.document_element()).and_then(|e| e.get_attribute("data-page"));
    super::route::file_page(&pathname(), named.as_deref())
}

pub fn page_from_url() -> Page {
    super::route::page_for(file_page(), &query_pairs()).0
}

/// The address of the app's folder (`https://…/budget/`): links name `?page=…` from there, whichever
/// page's file is open.
pub fn app_address() -> String {
    let Some(w) = crate::ui::browser::window() else { return String::new() };
    format!("{}{}", w.location().origin().unwrap_or_default(), super::route::folder(&pathname()))
}

/// The query for the current state: page, then the scenario's non-default levers, then the
/// page's own view choices. Computed once per change (`AppState::query`) and shared by the
/// address bar, "Copy link" and print.
pub fn compute_query(
    page: RwSignal<Page>,
    scenario: RwSignal<Option<crate::model::scenario::Scenario>>,
    baseline: Memo<Option<std::sync::Arc<crate::model::dsg::Baseline>>>,
    data: RwSignal<Option<std::sync::Arc<crate::data::Loaded>>>,
    src: RwSignal<Option<String>>,
    view: RwSignal<Vec<(String, String)>>,
) -> String {
    let mut pairs = vec![];
    let page = page.get();
    if page != Page::Overview {
        pairs.push(("page".to_string(), page.slug().to_string()));
    }
    let encoded = scenario.with(|s| {
        let (s, b, d) = (s.as_ref()?, baseline.get()?, data.get()?);
        let mut enc = codec::encode(s, &b, &d.dataset.id, &d.dataset.version);
        enc.extend(view.with(|v| super::pages::view_link(page, v, &b, s)));
        Some(enc)
    });
    if let Some(mut enc) = encoded {
        if let Some(src) = src.get() {
            enc.insert(3, ("src".into(), src));
        }
        pairs.extend(enc);
    }
    to_query(&pairs)
}

pub fn query_for(app: &AppState) -> String {
    app.query.get()
}

/// The full link to the current state, for "Copy link".
pub fn link_for(app: &AppState) -> String {
    let q = app_query_untracked(app);
    format!("{}{}", app_address(), if q.is_empty() { String::new() } else { format!("?{q}") })
}

fn app_query_untracked(app: &AppState) -> String {
    app.query.get_untracked()
}

/// The address's query as the app would write it: a page's own file counts as its `page=`
/// (`capital.html?v=2&…` is the link `?page=capital&v=2&…`, and is not rewritten).
fn current_query() -> String {
    let q = crate::ui::browser::window().and_then(|w| w.location().search().ok()).unwrap_or_default().trim_start_matches('?').to_string();
    match file_page() {
        Some(p) if p != Page::Overview && !from_query(&q).iter().any(|(k, _)| k == "page") => {
            if q.is_empty() { format!("page={}", p.slug()) } else { format!("page={}&{q}", p.slug()) }
        }
        _ => q,
    }
}

/// How an address is written: a new history entry or in place of the current one, and whether
/// its `#fragment` (a place on this page) stays.
#[derive(Clone, Copy)]
enum Write {
    /// The reader changed a lever: a new entry, on the same page.
    Change,
    /// The reader went to another page: a new entry, from its top.
    NewPage,
    /// The state was read from the address (the first load, Back, Forward): tidied up in place.
    Tidy,
}

fn write(q: &str, how: Write) {
    let Some(w) = crate::ui::browser::window() else { return };
    // From the app's folder: `capital.html` becomes `./?page=capital&v=…` (the first write pins
    // the figures' version, right after the first load).
    let hash = match how {
        Write::NewPage => String::new(),
        Write::Change | Write::Tidy => w.location().hash().unwrap_or_default(),
    };
    let url = format!("{}{}{hash}", super::route::folder(&pathname()), if q.is_empty() { String::new() } else { format!("?{q}") });
    if matches!(how, Write::NewPage) {
        super::scroll_memory::before_leaving();
    }
    if let Ok(h) = w.history() {
        // Each entry carries the mark of the file whose figures it shows, if any (`file_entries`).
        let _ = match how {
            Write::Change | Write::NewPage => h.push_state_with_url(&super::file_entries::state(false), "", Some(&url)),
            Write::Tidy => h.replace_state_with_url(&super::file_entries::state(true), "", Some(&url)),
        };
    }
    WRITTEN.with(|w| *w.borrow_mut() = q.to_string());
}

thread_local! {
    static PENDING: RefCell<Option<gloo_timers::callback::Timeout>> = const { RefCell::new(None) };
    /// The address's query as the app last wrote it, or found it (at start, after Back or
    /// Forward): a Back or Forward that leaves it as it is moved between `#fragment`s, or to an
    /// entry of the same address on other figures (told by its file mark, `file_entries`).
    static WRITTEN: RefCell<String> = const { RefCell::new(String::new()) };
    /// The app's query for which the address is kept as the link had it (`keep_link`).
    static KEPT: RefCell<Option<String>> = const { RefCell::new(None) };
    /// That link's own address query: Back to it keeps it again, not tidied (a review found Back
    /// to the first entry writing the shipped figures' address over it).
    static KEPT_LINK: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The address's query for the app's query: an embed keeps its `embed=1` (links made from it,
/// "Open the full scenario", leave it out), so a reload, or Back to it, is still the embed.
fn address_query(q: String, embed: bool) -> String {
    match (embed, q.is_empty()) {
        (false, _) => q,
        (true, true) => "embed=1".into(),
        (true, false) => format!("{q}&embed=1"),
    }
}

/// The address query `q` (its `page` pair first, if any) for `page` instead.
fn on_page(q: &str, page: Page) -> String {
    let rest = crate::ui::components::scenario_link::without_page(q);
    match (page == Page::Overview, rest.is_empty()) {
        (true, _) => rest.to_string(),
        (false, true) => format!("page={}", page.slug()),
        (false, false) => format!("page={}&{rest}", page.slug()),
    }
}

/// The address query of the page `left` with a change still waiting to be written: the new
/// page's query `q` (which has that change) on `left`, with `left`'s own view choices as its
/// last query `last` had them, not the new page's.
fn left_query(q: &str, left: Page, last: &str) -> String {
    let mut pairs: Vec<(String, String)> = from_query(&on_page(q, left)).into_iter().filter(|(k, _)| !codec::VIEW.contains(&k.as_str())).collect();
    let at = pairs.iter().position(|(k, _)| k == "embed").unwrap_or(pairs.len());
    let own = codec::view_pairs(&from_query(last));
    pairs.splice(at..at, own);
    to_query(&pairs)
}

/// After a state read from the address (the first load, Back, Forward): its tidied-up address
/// replaces the entry it was read from, so Back leaves the app and Forward is kept. The write
/// effect then finds the address in step and writes nothing.
pub fn tidy(app: &AppState) {
    let q = address_query(app_query_untracked(app), super::embed::is_embed());
    if app.scenario.with_untracked(|s| s.is_some()) && q != current_query() {
        write(&q, Write::Tidy);
    }
}

/// After figures were loaded from a file: a new entry on them, whether or not the address changed
/// (an edited copy of the shipped figures keeps their address), so Back returns to the figures
/// before. The write effect then finds the address in step and writes nothing.
pub fn figures_loaded(app: &AppState) {
    PENDING.with(|p| p.borrow_mut().take());
    // A link kept as it was (`keep_link`) is left behind: its query must not hold writes back.
    KEPT.with(|k| *k.borrow_mut() = None);
    write(&address_query(app_query_untracked(app), super::embed::is_embed()), Write::Change);
}

/// After a link's `src` could not be loaded (the shipped figures open instead): the address stays
/// as the link had it until the reader changes something, so a reload tries the file again (a
/// trial's file answered 503 once; the address was rewritten to the shipped figures, and a
/// reload showed those with no notice).
pub fn keep_link(app: &AppState) {
    let q = address_query(app_query_untracked(app), super::embed::is_embed());
    KEPT.with(|k| *k.borrow_mut() = Some(q));
    KEPT_LINK.with(|k| *k.borrow_mut() = Some(current_query()));
}

/// Whether the address is kept for the app's query `q` (`keep_link`); a change ends that.
fn kept(q: &str) -> bool {
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        let same = k.as_deref() == Some(q);
        if !same {
            *k = None;
        }
        same
    })
}

/// Installs the two-way link between state and address bar.
pub fn sync(app: AppState) {
    WRITTEN.with(|w| *w.borrow_mut() = current_query());
    // Page changes are written at once; lever changes after a 500 ms pause.
    let last_page = StoredValue::new(app.page.get_untracked());
    // The address query last worked out, on the page then shown.
    let last_query = StoredValue::new(String::new());
    let embed = super::embed::is_embed();
    Effect::new(move |_| {
        let q = address_query(query_for(&app), embed);
        if app.scenario.with(|s| s.is_none()) {
            return;
        }
        let last = last_query.get_value();
        last_query.set_value(q.clone());
        if q == current_query() || kept(&q) {
            return;
        }
        let left = last_page.get_value();
        let page_changed = left != app.page.get_untracked();
        last_page.set_value(app.page.get_untracked());
        if page_changed {
            // A change still waiting for its pause is written first, on the page it was made on,
            // so Back from the new page returns to it (a value typed, then a link clicked at
            // once, had gone back to the page without it).
            if PENDING.with(|p| p.borrow_mut().take()).is_some() {
                let before = left_query(&q, left, &last);
                if before != current_query() {
                    write(&before, Write::Change);
                }
            }
            write(&q, Write::NewPage);
        } else {
            let t = gloo_timers::callback::Timeout::new(500, move || {
                let q = address_query(app_query_untracked(&app), embed);
                if q != current_query() {
                    write(&q, Write::Change);
                }
            });
            PENDING.with(|p| *p.borrow_mut() = Some(t));
        }
    });

    // An entry of history read back: its page, view and levers, on the figures loaded.
    let read_entry = move |now: String| {
        gone_notice(&app);
        let now_read = now.clone();
        WRITTEN.with(|w| *w.borrow_mut() = now);
        PENDING.with(|p| p.borrow_mut().take());
        let page = page_from_url();
        last_page.set_value(page);
        // Back over a lever change stays on the page: not rebuilt (which lost what was open
        // and focused, and took focus to an address's #fragment).
        if app.page.get_untracked() != page {
            app.page.set(page);
            super::scroll_memory::restore();
        } else {
            keep_focus_through_back();
        }
        // The view choices of the page it lands on; another page's address has none of them,
        // and the app keeps them for a return to their page.
        if !super::pages::view_keys(page).is_empty() {
            app.view.set(codec::view_pairs(&query_pairs()));
        }
        if let Some(b) = app.baseline.get_untracked() {
            let decoded = codec::decode(&query_pairs(), &b);
            app.scenario.set(Some(decoded.scenario));
            if KEPT_LINK.with(|k| k.borrow().as_deref() == Some(now_read.as_str())) {
                keep_link(&app);
            } else {
                tidy(&app);
            }
        }
    };

    // Another entry's figures put in place (`file`: the file they came from; `gone`: the file
    // the entry's figures came from, no longer held), then the entry read on them.
    let put_in_place = move |now: String, figures: std::sync::Arc<crate::data::Loaded>, file: Option<super::file_entries::FileMark>, gone: Option<super::file_entries::FileMark>| {
        use super::load_file::FileStatus;
        // The last load's word is of other figures now; a load under way, or one stopped by this
        // move, says so still.
        app.file_status.update(|s| if !s.busy() && !matches!(s, FileStatus::LeftBehind(_)) { *s = FileStatus::None });
        app.load_issues.set(vec![]);
        app.notices.set(vec![]);
        app.src.set(None);
        app.from_file.set(file.as_ref().map(|m| m.name.clone()));
        super::file_entries::set_in_use(file);
        app.data.set(Some(figures));
        WRITTEN.with(|w| w.borrow_mut().clear());
        read_entry(now);
        // The entry of a file no longer held now shows the address's figures.
        super::file_entries::stamp();
        if let Some(g) = gone {
            super::file_entries::flag_gone(&g.name);
            gone_notice(&app);
        }
    };

    // Back and forward: re-read page and levers from the address.
    let on_pop = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        // A `#fragment` followed (a skip link, "Every figure"), or Back over one: the query is
        // the one last written, so there is nothing to read back, and a change still waiting to
        // be written (or the first load's tidying up) goes on as it was. A followed `#link`
        // makes an entry with no state, marked here with the figures in use (an entry with no
        // state reached by Back is taken so too: only one from before the app listened, such as
        // a link followed on the pre-rendered page, is). An entry of the same address on other
        // figures (a file with the shipped figures' id and version) is read below. Any other
        // move stops a file load under way: the entry gone to decides the figures.
        let now = current_query();
        if WRITTEN.with(|w| *w.borrow() == now) {
            if !super::file_entries::entry_written() {
                super::file_entries::stamp();
                return;
            }
            if super::file_entries::entry_in_use() {
                gone_notice(&app);
                return;
            }
        }
        super::load_file::stop_for_history(app);
        // Back or Forward across a change of figures (a file loaded from the device, another
        // version): the entry's own figures are put in place first, then it is read as any
        // other. A trial's Back after loading a file had put its own assumptions on the file's
        // figures. A failed `src` link's entry (the shipped figures in its place) is its own.
        let pairs = query_pairs();
        let first = |k: &str| first_value(&pairs, k);
        let loaded = app.data.with_untracked(|d| d.as_ref().map(|d| (d.dataset.id.clone(), d.dataset.version.clone())));
        let from_file = app.from_file.with_untracked(Option::is_some);
        let loaded = loaded.as_ref().map(|(i, v)| (i.as_str(), v.as_str()));
        let same = app.manifest.with_untracked(|m| {
            let m = m.as_deref();
            // A failed `src` link's own entry, where the shipped figures that stood in for its
            // file are what is loaded (not a file loaded since).
            let kept = KEPT_LINK.with(|k| k.borrow().as_deref() == Some(now.as_str()))
                && !from_file
                && app.src.with_untracked(Option::is_none)
                && same_figures(first("data"), first("dv"), None, loaded, None, m);
            kept || same_figures(first("data"), first("dv"), first("src"), loaded, app.src.get_untracked().as_deref(), m)
        });
        use super::file_entries::Figures;
        let (file, gone) = match super::file_entries::figures_of_entry(same) {
            Figures::InUse | Figures::Named { same: true } => {
                read_entry(now);
                return;
            }
            Figures::File(token) => (super::file_entries::kept(&token), None),
            // The address's figures in its place, with a notice that names the file.
            Figures::FileGone => (None, super::file_entries::entry_mark()),
            Figures::Named { same: false } => (None, None),
        };
        WRITTEN.with(|w| *w.borrow_mut() = now.clone());
        PENDING.with(|p| p.borrow_mut().take());
        // Figures at hand (a file kept, shipped figures already loaded) are put in place at once:
        // no moment in which a click or a lever change lands on the entry with the old ones.
        let at_hand = match file {
            Some((loaded, mark)) => Some((loaded, Some(mark))),
            None => shipped_path(&app, &pairs, gone.is_some()).and_then(|p| super::file_entries::shipped(&p)).map(|l| (l, None)),
        };
        if let Some((figures, file)) = at_hand {
            put_in_place(now, figures, file, gone);
            return;
        }
        // The entry this is for: entries of one address differ by their file mark.
        let mark_then = super::file_entries::entry_mark();
        leptos::task::spawn_local(async move {
            match figures_named(&app, &pairs, gone.is_some()).await {
                Some(figures) => {
                    // Still the entry shown, and nothing changed since (the reader may have
                    // moved on, or changed a lever not yet written, while it was fetched).
                    if current_query() != now || super::file_entries::entry_mark() != mark_then {
                        return;
                    }
                    // A change made meanwhile stays, on the figures it was made on; the address
                    // is made to say so (a change undone within the pause wrote nothing).
                    if PENDING.with(|p| p.borrow().is_some()) {
                        tidy(&app);
                        return;
                    }
                    put_in_place(now, figures, None, gone);
                }
                // Figures it cannot put in place here (a `src`, a dataset not shipped, one that
                // does not load): read as a link, from the start, with that link's notices.
                None => reload(),
            }
        });
    });
    if let Some(w) = crate::ui::browser::window() {
        let _ = w.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    }
    super::file_entries::stamp_first();
    on_pop.forget();
    super::scroll_memory::install();
}

/// The notice of a file no longer held, on the entries whose figures stand in for its (flagged,
/// `file_entries::flag_gone`) and on no other (a trial saw it stay on the entries Back went to
/// next).
fn gone_notice(app: &AppState) {
    use crate::share::open::{file_gone, FILE_GONE};
    let want = super::file_entries::gone_flag().map(|name| file_gone(&name));
    let shown = app.notices.with_untracked(|n| n.iter().find(|n| n.param == FILE_GONE).cloned());
    if want != shown {
        app.notices.update(|n| {
            n.retain(|n| n.param != FILE_GONE);
            n.extend(want);
        });
    }
}

/// A parameter's first value, as the app reads a link (later copies are ignored).
fn first_value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Reads the current entry from the start, as a link (its figures cannot be put in place here).
fn reload() {
    if let Some(w) = crate::ui::browser::window() {
        let _ = w.location().reload();
    }
}

/// The shipped figures an entry of history names (a file's entry is told by its mark, not here).
/// `None` where there are none (a `src`, an unknown dataset, one that fails to load): the
/// caller reloads. With `fallback` (a file's entry whose file is gone, which says so in a
/// notice of its own), the figures a link to that address would open in their place.
async fn figures_named(app: &AppState, pairs: &[(String, String)], fallback: bool) -> Option<std::sync::Arc<crate::data::Loaded>> {
    let path = shipped_path(app, pairs, fallback)?;
    let loaded = std::sync::Arc::new(super::fetch::dataset(&path).await.ok()?);
    super::file_entries::hold_shipped(&path, &loaded);
    Some(loaded)
}

/// The shipped dataset's path an entry of history names, if it names one (as `figures_named`).
fn shipped_path(app: &AppState, pairs: &[(String, String)], fallback: bool) -> Option<String> {
    let first = |k: &str| first_value(pairs, k);
    if first("src").is_some() {
        return None;
    }
    let manifest = app.manifest.get_untracked()?;
    let (path, notices) = crate::share::open::choose(&manifest, first("data"), first("dv"), None);
    if !notices.is_empty() && !fallback {
        return None;
    }
    path
}

/// Whether an address's `data`, `dv` and `src` name the figures loaded (`loaded`: their id and
/// version; `src`: the file a link named, if any). Without a manifest nothing is compared.
fn same_figures(data: Option<&str>, dv: Option<&str>, src: Option<&str>, loaded: Option<(&str, &str)>, loaded_src: Option<&str>, manifest: Option<&crate::data::Manifest>) -> bool {
    let (Some((id, version)), Some(manifest)) = (loaded, manifest) else { return true };
    if src != loaded_src {
        return false;
    }
    if src.is_some() || (data == Some(id) && dv == Some(version)) {
        return true;
    }
    manifest.find(data, dv).is_some_and(|e| e.id == id && e.version == version)
}

/// Back or Forward within a page: Chrome moves focus (and scroll) to the address's `#fragment`
/// just after `popstate` where the entry names one, which took it from the control the reader
/// was using. Put back in the next frame: the element focused before, and the scroll position.
fn keep_focus_through_back() {
    let Some(w) = crate::ui::browser::window() else { return };
    if w.location().hash().unwrap_or_default().is_empty() {
        return;
    }
    let Some(doc) = w.document() else { return };
    let before = doc.active_element();
    let (x, y) = (w.scroll_x().unwrap_or_default(), w.scroll_y().unwrap_or_default());
    leptos::prelude::request_animation_frame(move || {
        let now = doc.active_element();
        if now == before {
            return;
        }
        match before.filter(|e| e.is_connected() && e.tag_name() != "BODY").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(el) => {
                let _ = el.focus();
            }
            None => {
                if let Some(el) = now.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.blur();
                }
            }
        }
        w.scroll_to_with_x_and_y(x, y);
    });
}

#[cfg(test)]
mod tests {
    use super::{on_page, same_figures, web_link};
    use crate::ui::route::Page;

    #[test]
    fn a_change_waiting_when_the_page_changed_is_written_with_the_left_page_s_view() {
        use super::left_query;
        // Uncertainty's year chosen, then High needs at once: its view goes back with it.
        let last = "page=uncertainty&v=2&mc.seed=7&tornado.year=2029-30";
        assert_eq!(left_query("page=high-needs&v=2&mc.seed=7", Page::Uncertainty, last), "page=uncertainty&v=2&mc.seed=7&tornado.year=2029-30");
        // A lever changed in the same moment is kept (the new page's query has it), and an
        // embed's own parameter stays last.
        assert_eq!(left_query("page=high-needs&v=2&mc.seed=8&embed=1", Page::Uncertainty, &format!("{last}&embed=1")), "page=uncertainty&v=2&mc.seed=8&tornado.year=2029-30&embed=1");
        // The other way, the new page's view is not written on the page left.
        assert_eq!(left_query("page=uncertainty&v=2&seek.goal=usable", Page::HighNeeds, "page=high-needs&v=2"), "page=high-needs&v=2");
    }

    #[test]
    fn back_across_a_change_of_figures_is_told_apart() {
        // A manifest of its own: a council's deployment may ship one version only.
        let entry = |v: &str, default: bool| format!(r#"{{"id": "shire", "version": "{v}", "council": "Shire", "title": "Shire {v}", "path": "shire-{v}.json", "default": {default}}}"#);
        let m = crate::data::parse_manifest(&format!(r#"{{"schema_version": 1, "datasets": [{}, {}]}}"#, entry("2", true), entry("1", false))).unwrap();
        let default = m.find(None, None).unwrap();
        let (id, v) = (default.id.as_str(), default.version.as_str());
        let older = m.datasets.iter().find(|e| e.id == id && e.version != v).unwrap();
        let here = Some((id, v));
        // The same figures, named in full, by id alone, or not at all.
        assert!(same_figures(Some(id), Some(v), None, here, None, Some(&m)));
        assert!(same_figures(Some(id), None, None, here, None, Some(&m)));
        assert!(same_figures(None, None, None, here, None, Some(&m)));
        // Another vintage, a file loaded from the device (its id in no manifest), a src.
        assert!(!same_figures(Some(id), Some(&older.version), None, here, None, Some(&m)));
        assert!(!same_figures(Some(id), Some(v), None, Some(("northshire", "1")), None, Some(&m)));
        assert!(same_figures(Some("northshire"), Some("1"), None, Some(("northshire", "1")), None, Some(&m)));
        assert!(!same_figures(Some("northshire"), Some("1"), None, here, None, Some(&m)));
        assert!(!same_figures(Some(id), Some(v), Some("data/mine.json"), here, None, Some(&m)));
        assert!(!same_figures(Some(id), Some(v), None, here, Some("data/mine.json"), Some(&m)));
        assert!(same_figures(Some(id), Some(v), Some("data/mine.json"), here, Some("data/mine.json"), Some(&m)));
        // Nothing loaded yet, or no manifest: nothing to compare.
        assert!(same_figures(Some("x"), None, None, None, None, Some(&m)));
        assert!(same_figures(Some("x"), None, None, here, None, None));
    }

    #[test]
    fn a_query_is_moved_to_another_page() {
        assert_eq!(on_page("page=savings&v=2&hn.growth.post16=17", Page::HighNeeds), "page=high-needs&v=2&hn.growth.post16=17");
        assert_eq!(on_page("page=savings&v=2", Page::Overview), "v=2");
        assert_eq!(on_page("v=2&embed=1", Page::Capital), "page=capital&v=2&embed=1");
        assert_eq!(on_page("page=glossary", Page::Sources), "page=sources");
    }

    #[test]
    fn only_http_and_https_addresses_become_links() {
        for ok in ["https://www.herefordshire.gov.uk/council/papers", "http://example.gov.uk/a.pdf", "HTTPS://EXAMPLE.GOV.UK/", " https://example.gov.uk/x \n"] {
            let href = web_link(ok).unwrap_or_else(|| panic!("{ok:?} refused"));
            // What a browser makes of the href: still http(s), with a host.
            let u = url::Url::parse(&href).unwrap();
            assert!(matches!(u.scheme(), "http" | "https"), "{ok:?}");
            assert!(u.host_str().is_some_and(|h| !h.is_empty()), "{ok:?}");
        }
        assert_eq!(web_link(" https://example.gov.uk/x \n").as_deref(), Some("https://example.gov.uk/x"));
        for text in [
            "javascript:alert(1)",
            "JavaScript:alert(document.domain)",
            " javascript:alert(1)",
            "\tjava\nscript:alert(1)",
            "\u{0}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "blob:https://example.gov.uk/1",
            "file:///etc/passwd",
            "ftp://example.gov.uk/x",
            "mailto:a@example.gov.uk",
            "//evil.example/x",
            "/papers/x.pdf",
            "papers/x.pdf",
            "https:evil.example",
            "https:///evil.example",
            "http:\\\\evil.example",
            "https://",
            "",
        ] {
            assert_eq!(web_link(text), None, "{text:?} became a link");
        }
        // The browser would have run these as javascript: (so trimming and removal must happen first).
        for sneaky in ["\tjava\nscript:alert(1)", " javascript:alert(1)"] {
            assert_eq!(url::Url::parse(sneaky).unwrap().scheme(), "javascript");
        }
    }
}
