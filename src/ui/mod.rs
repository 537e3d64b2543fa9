//! The Leptos app: shell, pages and components. It feeds the model and draws its outputs.

pub mod components;
pub mod fetch;
pub mod pages;
pub mod route;
pub mod state;

use leptos::prelude::*;
use route::Page;
use state::{use_app, AppState};
use std::sync::Arc;

fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Reads the page from the address bar.
fn page_from_url() -> Page {
    query_param("page").and_then(|s| Page::from_slug(&s)).unwrap_or(Page::Overview)
}

/// Puts the page into the address bar, keeping every other parameter.
fn push_page(page: Page) {
    let Some(w) = web_sys::window() else { return };
    let Ok(search) = w.location().search() else { return };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else { return };
    if page == Page::Overview {
        params.delete("page");
    } else {
        params.set("page", page.slug());
    }
    let q = String::from(params.to_string());
    let url = if q.is_empty() { w.location().pathname().unwrap_or_default() } else { format!("?{q}") };
    if let Ok(h) = w.history() {
        let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

pub fn href_for(page: Page) -> String {
    if page == Page::Overview { "./".into() } else { format!("?page={}", page.slug()) }
}

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::new();
    provide_context(app);
    app.page.set(page_from_url());

    // Back and forward buttons move between pages.
    let on_pop = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || app.page.set(page_from_url()));
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    }
    on_pop.forget();

    // Keep the document title in step with the page.
    Effect::new(move |_| {
        let p = app.page.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{} · Budget and DSG deficit explorer", p.title()));
        }
    });

    leptos::task::spawn_local(load_initial(app));

    view! {
        <a class="skip" href="#main">"Skip to content"</a>
        <header class="site">
            <p class="brand">"Budget and DSG deficit explorer"</p>
            <Nav/>
        </header>
        <main id="main" tabindex="-1">
            <LoadIssues/>
            {move || match app.data.get() {
                None => view! { <p class="loading" role="status">"Loading the council's figures…"</p> }.into_any(),
                Some(_) => pages::page_view(app.page.get()),
            }}
        </main>
        <Footer/>
    }
}

async fn load_initial(app: AppState) {
    let manifest = match fetch::manifest().await {
        Ok(m) => Arc::new(m),
        Err(issues) => {
            app.load_subject.set("data/manifest.json".into());
            app.load_issues.set(issues);
            return;
        }
    };
    app.manifest.set(Some(manifest.clone()));
    let id = query_param("data");
    let version = query_param("dv");
    let Some(entry) = manifest.find(id.as_deref(), version.as_deref()) else {
        app.load_subject.set("data/manifest.json".into());
        app.load_issues.set(vec![crate::data::json::Issue { path: "data".into(), message: "no dataset of that id is shipped".into() }]);
        return;
    };
    let path = format!("data/{}", entry.path);
    match fetch::dataset(&path).await {
        Ok(loaded) => app.data.set(Some(Arc::new(loaded))),
        Err(issues) => {
            app.load_subject.set(path);
            app.load_issues.set(issues);
        }
    }
}

use wasm_bindgen::JsCast;

#[component]
fn Nav() -> impl IntoView {
    let app = use_app();
    view! {
        <nav aria-label="Pages">
            <ul>
                {Page::NAV.into_iter().map(|p| {
                    let current = move || (app.page.get() == p).then_some("page");
                    view! {
                        <li><a href=href_for(p) aria-current=current on:click=move |ev: web_sys::MouseEvent| {
                            if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 { return; }
                            ev.prevent_default();
                            if app.page.get_untracked() != p {
                                push_page(p);
                                app.page.set(p);
                            }
                            if let Some(m) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main")) {
                                if let Ok(m) = m.dyn_into::<web_sys::HtmlElement>() { let _ = m.focus(); }
                            }
                        }>{p.title()}</a></li>
                    }
                }).collect::<Vec<_>>()}
            </ul>
        </nav>
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
                    {move || app.load_issues.get().into_iter().map(|i| view! { <li><code>{i.path.clone()}</code>" "{i.message.clone()}</li> }).collect::<Vec<_>>()}
                </ul>
                <button type="button" on:click=move |_| app.load_issues.set(vec![])>"Dismiss"</button>
            </section>
        </Show>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let app = use_app();
    view! {
        <footer class="site">
            {move || app.data.get().map(|d| {
                let ds = &d.dataset;
                view! {
                    <p>{format!("Figures: {} — {} (dataset {} version {}, figures as of {}).", ds.council, ds.title, ds.id, ds.version, ds.as_of.long())}</p>
                }
            })}
            <p>"Money is exact to the penny; amounts are rounded for display half away from zero. No tracking, no cookies: everything runs in your browser."</p>
        </footer>
    }
}
