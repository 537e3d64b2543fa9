//! The Leptos app: shell, pages and components. It feeds the model and draws its outputs.

pub mod browser;
pub mod components;
pub mod embed;
pub mod fetch;
pub mod file_entries;
pub mod load_file;
pub mod memo;
pub mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod route;
pub mod scroll_memory;
pub mod slices;
pub mod state;
pub mod takeover;
pub mod url;

use leptos::prelude::*;
use route::Page;
use state::{use_app, AppState};
use std::sync::Arc;
use self::url::page_from_url;

pub fn href_for(page: Page) -> String {
    if page == Page::Overview { "./".into() } else { format!("?page={}", page.slug()) }
}

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::new();
    provide_context(app);
    app.page.set(page_from_url());
    url::sync(app);
    components::scenario_link::follow_settled(app);
    // Memos, so a lever change does not rebuild the page (only a page change or first load does).
    let has_scenario = crate::ui::memo::memo(move |_| app.scenario.with(|s| s.is_some()));

    // Keep the document title in step with the page.
    Effect::new(move |_| {
        let p = app.page.get();
        if let Some(doc) = crate::ui::browser::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{} · Budget and DSG deficit explorer", p.title()));
        }
    });

    leptos::task::spawn_local(async move {
        load_initial(app).await;
        takeover::first_view_built().await;
        // The figures failed to load: a pre-rendered page of the default view is still right, so
        // it stays, saying why nothing can be changed (a link's own scenario, set aside, cannot
        // be shown, so the app shows the problems instead).
        if app.data.with_untracked(Option::is_none) {
            let why = format!("{}: {}", app.load_subject.get_untracked(), app.load_issues.with_untracked(|i| summary(i)));
            if takeover::keep_prerendered(&why) {
                return;
            }
        }
        figures_shown();
    });

    if embed::is_embed() {
        return view! {
            <main id="main" class="embed" tabindex="-1">
                <LinkNotices/>
                {move || match has_scenario.get() {
                    false if app.load_issues.with(|i| !i.is_empty()) => view! { <LoadIssues/> }.into_any(),
                    false => view! { <p class="loading" role="status">"Loading the council's figures…"</p> }.into_any(),
                    true => view! { <embed::Embed/> }.into_any(),
                }}
            </main>
        }
        .into_any();
    }
    view! { <Shell/> }.into_any()
}

/// The whole page (navigation, notices, the page and the footer), drawn from the `AppState` in
/// context. The app mounts it in the browser; `bin/prerender` renders it to HTML at build time.
#[component]
pub fn Shell() -> impl IntoView {
    let app = use_app();
    let has_scenario = crate::ui::memo::memo(move |_| app.scenario.with(|s| s.is_some()));
    view! {
        <a class="skip" href="#main">"Skip to content"</a>
        <header class="site">
            <p class="brand">"Budget and DSG deficit explorer"</p>
            <Nav/>
        </header>
        <main id="main" tabindex="-1">
            <components::update_notice::UpdateNotice/>
            <LoadIssues/>
            <LinkNotices/>
            <NewerFigures/>
            {move || match has_scenario.get() {
                // A failed first load still offers a way forward: load a file of your own.
                false if app.load_issues.with(|i| !i.is_empty()) => view! { <h1>"No figures loaded"</h1><pages::sources::OwnData/> }.into_any(),
                false => view! { <p class="loading" role="status">"Loading the council's figures…"</p> }.into_any(),
                true => pages::page_view(app.page.get()),
            }}
        </main>
        // The footer appears with the figures, so it does not jump down the page when they load.
        <Show when=move || has_scenario.get()><Footer/></Show>
    }
}

async fn load_initial(app: AppState) {
    let pairs = url::query_pairs();
    let first = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    // Notices about the link are gathered as they are found, and kept whatever fails later.
    let mut notices: Vec<crate::share::codec::Notice> = route::page_from_query(&pairs).1.into_iter().collect();
    // The entry showed a file's figures before a reload (or Back or Forward to it once the file
    // was no longer kept): no address can fetch them again.
    // An entry already flagged so (by an earlier reload) says so again: the flag is the entry's.
    let gone = file_entries::take_gone_mark().map(|m| m.name).or_else(file_entries::gone_flag);
    let manifest = match fetch::manifest().await {
        Ok(m) => Arc::new(m),
        Err(issues) => {
            notices.extend(gone.as_deref().map(crate::share::open::file_gone));
            app.notices.set(notices);
            app.load_subject.set("data/manifest.json".into());
            app.load_issues.set(issues);
            return;
        }
    };
    app.manifest.set(Some(manifest.clone()));
    let id = first("data");
    let version = first("dv");
    let src = first("src");
    let src_verdict = src.as_deref().map(check_src);
    let from_src = matches!(src_verdict, Some(Ok(_)));
    let (path, chosen) = crate::share::open::choose(&manifest, id.as_deref(), version.as_deref(), src_verdict);
    match gone.filter(|_| src.is_none()) {
        // Said once, in place of what the address's dataset and version would say.
        Some(file) => {
            notices.extend(chosen.into_iter().filter(|n| n.param != "data" && n.param != "dv"));
            notices.push(crate::share::open::file_gone(&file));
        }
        None => notices.extend(chosen),
    }
    let Some(path) = path else {
        app.notices.set(notices);
        app.load_subject.set("data/manifest.json".into());
        app.load_issues.set(vec![crate::data::json::Issue { path: "datasets".into(), message: "the manifest lists no dataset".into() }]);
        return;
    };
    // The shipped figures' path, if they are what opens: held for Back and Forward to return to.
    let mut shipped_path = (!from_src).then(|| path.clone());
    let mut result = fetch::dataset(&path).await.map(|loaded| (loaded, from_src));
    if let (true, Ok((loaded, _))) = (from_src, &result) {
        notices.extend(crate::share::open::check_loaded(id.as_deref(), version.as_deref(), &loaded.dataset.id, &loaded.dataset.version));
    }
    // The documented fallback: a src that cannot be used is named, and the shipped figures open.
    let src_failed = if from_src { result.as_ref().err().map(|issues| summary(issues)) } else { None };
    // A file that could not be fetched may be there later: the address keeps naming it. One that
    // was read and found wanting would fail the same way again.
    let keep_link = from_src && result.as_ref().err().is_some_and(|issues| fetch::not_reached(issues));
    if let Some(why) = src_failed {
        let again = if keep_link { " Until you change anything, the page's address still names the file, so reloading the page tries it again." } else { "" };
        notices.push(crate::share::codec::Notice { param: "src".into(), message: format!("{} could not be used, so the shipped figures are used instead. Why: {why}.{again}", crate::share::open::shown(src.as_deref().unwrap_or_default())) });
        let (fallback, chosen) = crate::share::open::choose(&manifest, id.as_deref(), version.as_deref(), None);
        notices.extend(chosen);
        if let Some(fallback) = fallback {
            shipped_path = Some(fallback.clone());
            result = fetch::dataset(&fallback).await.map(|loaded| (loaded, false)).map_err(|issues| {
                app.load_subject.set(fallback.clone());
                issues
            });
        }
    }
    // The page is drawn in a task of its own, not in the dataset's last slice.
    gloo_timers::future::TimeoutFuture::new(0).await;
    match result {
        Ok((loaded, used_src)) => {
            let loaded = Arc::new(loaded);
            if let (Some(p), false) = (&shipped_path, used_src) {
                file_entries::hold_shipped(p, &loaded);
            }
            let b = crate::model::dsg::Baseline::from_dataset(&loaded.dataset);
            let decoded = crate::share::codec::decode(&pairs, &b);
            notices.extend(decoded.notices);
            let view = crate::share::codec::view_pairs(&pairs);
            notices.extend(pages::view_notices(&view, &b, &decoded.scenario));
            app.view.set(view);
            app.src.set(if used_src { src } else { None });
            app.data.set(Some(loaded));
            app.scenario.set(Some(decoded.scenario));
            if keep_link {
                url::keep_link(&app);
            } else {
                url::tidy(&app);
            }
            app.notices.set(notices);
        }
        Err(issues) => {
            app.notices.set(notices);
            if app.load_subject.get_untracked().is_empty() {
                app.load_subject.set(path);
            }
            app.load_issues.set(issues);
        }
    }
}

/// Shows the app in place of the pre-rendered page, then tells the page (boot.js) that the first
/// load has finished: shown, or failed with the app showing why (not when a failed load keeps the
/// pre-rendered page). boot.js registers the service worker only then: its precache downloads
/// every file of the build, which on a first visit would otherwise compete with the dataset and
/// the first chart.
fn figures_shown() {
    takeover::reveal(|| {
        if let (Some(w), Ok(ev)) = (crate::ui::browser::window(), web_sys::Event::new("dsg-figures-shown")) {
            let _ = w.dispatch_event(&ev);
        }
    });
}

/// A link's `src` judged by where the browser resolves it: `new URL(src, location.href)`, then
/// `share::open::check_src` on its scheme and origin against the page's.
fn check_src(src: &str) -> Result<String, String> {
    let (resolved, page_origin) = fetch::resolve(src);
    let resolved = resolved.map(|u| crate::share::open::Resolved { protocol: u.protocol(), origin: u.origin(), pathname: u.pathname(), href: u.href() });
    crate::share::open::check_src(src, resolved.as_ref(), &page_origin)
}

/// A failed load's problems in one line, for a notice: the first few, and how many more.
fn summary(issues: &[crate::data::json::Issue]) -> String {
    // Paths and messages quote the file's own keys and values: what cannot be seen is escaped.
    let mut parts: Vec<String> = issues.iter().take(3).map(|i| crate::share::open::visible(&if i.path.is_empty() { i.message.clone() } else { format!("{}: {}", i.path, i.message) })).collect();
    if issues.len() > 3 {
        let more = issues.len() - 3;
        parts.push(format!("and {} more problem{}", crate::units::money::thousands(more), if more == 1 { "" } else { "s" }));
    }
    parts.join("; ")
}

use wasm_bindgen::JsCast;

#[component]
fn Nav() -> impl IntoView {
    let app = use_app();
    let list = NodeRef::<leptos::html::Ul>::new();
    // On a phone the list scrolls sideways: keep the current page in view after a change of page,
    // and at the takeover (a hidden list cannot be scrolled), as prerender.js does for the
    // pre-render.
    Effect::new(move |_| {
        if let Some(at) = Page::NAV.iter().position(|p| *p == app.page.get()) {
            takeover::when_shown(move || {
                if let Some(ul) = list.get_untracked() {
                    bring_into_view(&ul, at);
                }
            });
        }
    });
    view! {
        <nav aria-label="Pages">
            <ul node_ref=list>
                {Page::NAV.into_iter().map(|p| {
                    let current = move || (app.page.get() == p).then_some("page");
                    view! {
                        <li><a href=move || components::scenario_link::nav_href(app, p) aria-current=current on:click=move |ev: web_sys::MouseEvent| {
                            if !crate::ui::components::page_link::plain_click(&ev) { return; }
                            ev.prevent_default();
                            if app.page.get_untracked() != p {
                                app.page.set(p);
                            }
                            components::page_link::focus_id("main");
                        }>{p.title()}</a></li>
                    }
                }).collect::<Vec<_>>()}
            </ul>
        </nav>
    }
}

/// Scrolls a sideways-scrolling list so its `at`th item is in the middle (the same sum as
/// prerender.js's). Nothing happens where the list fits, as it does on a wide screen.
fn bring_into_view(ul: &web_sys::HtmlElement, at: usize) {
    let Some(item) = ul.children().item(at as u32).and_then(|li| li.first_element_child()) else { return };
    let Ok(a) = item.dyn_into::<web_sys::HtmlElement>() else { return };
    if ul.scroll_width() > ul.client_width() {
        ul.set_scroll_left(a.offset_left() + a.offset_width() / 2 - ul.client_width() / 2); // floors, as in prerender.js
    }
}

#[component]
fn LoadIssues() -> impl IntoView {
    let app = use_app();
    view! {
        <Show when=move || app.load_issues.with(|i| !i.is_empty())>
            <section class="notice error" role="alert" aria-labelledby="load-issues-h">
                <h2 id="load-issues-h">{move || format!("Could not load {}", app.load_subject.get())}</h2>
                <p>{move || if app.data.with(|d| d.is_some()) {
                    "Nothing has changed: the figures and scenario you had are still in use."
                } else {
                    "The explorer has no figures to show until a dataset loads."
                }}</p>
                <ul class="issues">
                    // A problem with the file as a whole (it could not be fetched) has no path:
                    // no empty code box before it.
                    {move || app.load_issues.get().into_iter().map(|i| {
                        let path = (!i.path.is_empty()).then(|| view! { <code>{i.path.clone()}</code>" " });
                        view! { <li>{path}{i.message.clone()}</li> }
                    }).collect::<Vec<_>>()}
                </ul>
                <button type="button" on:click=move |_| dismissed(app.load_issues)>"Dismiss"</button>
            </section>
        </Show>
    }
}

/// Empties a box of notices, which takes its Dismiss button away: focus goes to the page's
/// main region, where the box was, not to the document (a keyboard reader lost their place).
/// Focused without scrolling it into view as a link's target is: the box was at its top, and
/// in an embed that scrolling could move the host page.
fn dismissed<T: Send + Sync + 'static>(list: RwSignal<Vec<T>>) {
    list.set(vec![]);
    if let Some(main) = browser::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main")) {
        components::page_link::focus(main);
    }
}

#[component]
fn LinkNotices() -> impl IntoView {
    let app = use_app();
    view! {
        <Show when=move || app.notices.with(|n| !n.is_empty())>
            <section class="notice warn" role="alert" aria-labelledby="link-notices-h">
                // A file no longer held is not the link's doing: said as what it is.
                <h2 id="link-notices-h">{move || if app.notices.with(|n| n.iter().all(|n| n.param == crate::share::open::FILE_GONE)) { "Your file's figures are not shown" } else { "Some of this link could not be used" }}</h2>
                <ul class="issues">
                    {move || app.notices.get().into_iter().map(|n| view! { <li><code>{crate::share::open::visible(&n.param)}</code>" "{n.message.clone()}</li> }).collect::<Vec<_>>()}
                </ul>
                <button type="button" class="secondary" on:click=move |_| dismissed(app.notices)>"Dismiss"</button>
            </section>
        </Show>
    }
}

/// A link pinned to an older, still shipped version of the figures reopens exactly them, and
/// offers the newer figures with one click.
#[component]
fn NewerFigures() -> impl IntoView {
    let app = use_app();
    let newer = crate::ui::memo::memo(move |_| {
        // Not for a file of the reader's own (the app's, not the address's: a link whose file
        // could not be fetched keeps naming it, and opens the shipped figures).
        if app.src.with(Option::is_some) {
            return None;
        }
        let m = app.manifest.get()?;
        let d = app.data.get()?;
        crate::share::open::newer_version(&m, &d.dataset.id, &d.dataset.version).map(|e| (d.dataset.version.clone(), e.version.clone(), e.title.clone()))
    });
    view! {
        {move || newer.get().map(|(old, new, title)| view! {
            <section class="notice" id="newer-figures" aria-labelledby="newer-figures-h">
                <h2 id="newer-figures-h">"Newer figures are available"</h2>
                <p>{format!("This link opens version {old} of the figures, exactly as it was made. Version {new} ({title}) has corrected and later figures.")}
                    // The button drops the link's starting point (share::open::latest_query): said,
                    // so a projection that moves is not a surprise (a trial's did, with no word).
                    {move || app.query.with(|q| crate::share::codec::from_query(q).iter().any(|(k, _)| k == crate::model::dsg::START_KEY)).then_some(" Opened with them, the projection starts from their latest forecast, not the starting point this link names; your other assumptions are kept.")}</p>
                <button type="button" on:click=move |_| {
                    let q = crate::share::codec::to_query(&crate::share::open::latest_query(&url::query_pairs()));
                    if let Some(w) = crate::ui::browser::window() {
                        let _ = w.location().set_search(&q);
                    }
                }>"Open with the latest figures"</button>
            </section>
        })}
    }
}

/// The dataset's title as it follows the council's name: without the name again where the
/// title starts with it ("Herefordshire Council: 2024/25 …" reads ": 2024/25 …").
pub(crate) fn title_after_council(title: &str, council: &str) -> String {
    match title.strip_prefix(council) {
        Some(rest) if !council.is_empty() && rest.starts_with([':', ',', ' ']) => rest.to_string(),
        _ => format!(" — {title}"),
    }
}

#[cfg(test)]
#[test]
fn the_footer_names_the_council_once() {
    assert_eq!(title_after_council("Herefordshire Council: 2024/25 outturn", "Herefordshire Council"), ": 2024/25 outturn");
    assert_eq!(title_after_council("Budget monitoring, quarter 2", "Ávila-on-Sea"), " — Budget monitoring, quarter 2");
    // A council whose name only begins another word is not cut out of it.
    assert_eq!(title_after_council("Herefordshireshire plan", "Herefordshire"), " — Herefordshireshire plan");
    assert_eq!(title_after_council("Title", ""), " — Title");
}

#[component]
fn Footer() -> impl IntoView {
    let app = use_app();
    view! {
        <footer class="site">
            {move || app.data.get().map(|d| {
                let ds = &d.dataset;
                view! {
                    // The council is named on its own so boot.js can say whose figures a pre-rendered page shows.
                    <p>"Figures: "<span class="council">{ds.council.clone()}</span>{format!("{} (dataset {} version {}, figures as of {}).", title_after_council(&ds.title, &ds.council), ds.id, ds.version, ds.as_of.long())}</p>
                }
            })}
            <p>"Money is exact to the penny; amounts are rounded for display half away from zero. No tracking, no cookies: nothing you do here leaves your browser."</p>
            <p class="needs-js"><components::page_link::PageLink page=Page::Sources fragment="own-data">"Use your own figures"</components::page_link::PageLink>": load a dataset file for another council, or your own draft."</p>
        </footer>
    }
}
