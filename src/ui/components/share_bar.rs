//! Sharing a scenario: the "Copy link" bar at the top of each model page, and the print-only
//! summary (the scenario's assumptions, its link and the sources) that makes a printed page fit
//! for a committee report.

use crate::data::dataset::Dataset;
use crate::model::dsg::Baseline;
use crate::units::money::gbp;
use crate::model::levers::LEVERS;
use crate::model::scenario::Scenario;
use crate::share::codec::{from_query, to_query};
use crate::ui::route::Page;
use crate::ui::state::{use_app, AppState};
use crate::ui::url;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One assumption that differs from the published default.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumption {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    pub default: String,
}

impl Assumption {
    /// "label: value (default d)", as printed and as the Overview lists a link's changes.
    pub fn line(&self) -> String {
        format!("{}: {} (default {})", self.label, self.value, self.default)
    }
}

/// The scenario's levers that differ from the defaults, in form order, in words.
pub fn assumptions(s: &Scenario, b: &Baseline) -> Vec<Assumption> {
    let defaults = Scenario::default_for(b);
    LEVERS
        .iter()
        .filter(|l| l.applies(b))
        .filter_map(|l| {
            let (now, def) = (l.get(s), l.get(&defaults));
            (now != def).then(|| Assumption { key: l.key, label: l.label, value: l.display(&now, b), default: l.display(&def, b) })
        })
        .collect()
}

/// The scenario's capital reprofiling moves in words, with scheme names from the data.
pub fn moves_text(s: &Scenario, ds: &Dataset) -> Vec<String> {
    s.moves
        .iter()
        .map(|m| {
            let name = ds.capital.schemes.iter().find(|x| x.id == m.scheme).map(|x| x.name.clone()).unwrap_or_else(|| m.scheme.clone());
            format!("{} of {name} moved from {} to {}", gbp(m.amount), m.from.label(), m.to.label())
        })
        .collect()
}

/// The changed assumptions as printed lines: each lever that differs from its default ("label:
/// value (default d)"), then each capital reprofiling move. Empty when every one is the default.
/// Shared by the print-only summary and the committee pack.
pub fn assumption_lines(s: &Scenario, b: &Baseline, ds: &Dataset) -> Vec<String> {
    let mut out: Vec<String> = assumptions(s, b).iter().map(Assumption::line).collect();
    out.extend(moves_text(s, ds).into_iter().map(|t| format!("Capital reprofiling: {t}")));
    out
}

/// One line about the dataset: council, title, id, version and the date of its figures.
pub fn dataset_line(ds: &Dataset) -> String {
    format!("{}{} (dataset {} version {}, figures as of {}).", ds.council, crate::ui::title_after_council(&ds.title, &ds.council), ds.id, ds.version, ds.as_of.long())
}

/// The papers the figures cite, one line each: title, date, body and address where given. Only
/// cited papers: a dataset may list up to `limits::DOCUMENTS` papers, and a printed page listing
/// them all would be unusable (and slow to draw).
pub fn source_lines(loaded: &crate::data::Loaded) -> Vec<String> {
    let cited: std::collections::HashSet<&str> = loaded.figures.iter().filter_map(|f| f.source.as_deref()).collect();
    loaded
        .dataset
        .documents
        .iter()
        .filter(|doc| cited.contains(doc.id.as_str()))
        .map(|doc| {
            let mut t = format!("{}, {}", doc.title, doc.when());
            if let Some(b) = &doc.body {
                t.push_str(&format!(", {b}"));
            }
            if let Some(u) = &doc.url {
                t.push_str(&format!(". {u}"));
            }
            t
        })
        .collect()
}

/// A query without its `page` parameter and the page's own view choices: the scenario alone,
/// which opens on the Overview.
pub fn scenario_query(query: &str) -> String {
    crate::ui::components::scenario_link::scenario_part(query.trim_start_matches('?'))
}

/// `?page=<page>&<scenario>#fragment`: a link to a page that keeps the current scenario.
pub fn page_href(app: &AppState, page: Page, fragment: &str) -> String {
    let mut pairs: Vec<(String, String)> = from_query(&scenario_query(&url::query_for(app)));
    if page != Page::Overview {
        pairs.insert(0, ("page".into(), page.slug().into()));
    }
    let q = to_query(&pairs);
    let frag = if fragment.is_empty() { String::new() } else { format!("#{fragment}") };
    if q.is_empty() { format!("./{frag}") } else { format!("?{q}{frag}") }
}

/// Changes page in place (keeping the scenario) and then moves focus to `id` on the new page.
/// `named`: whether the address names `id` as a place, as a followed `#link` would (the saved
/// scenarios); a page's heading or main region is its top, not a place (the pack's address is
/// printed in its footer).
pub fn go_to(app: AppState, page: Page, id: &'static str, named: bool) {
    super::page_link::follow(app, page, named.then(|| id.to_string()), id);
}

/// The page the committee pack was opened from (the Overview if it was opened by its link), for
/// its "Back" link.
pub fn pack_return_page() -> Page {
    PACK_FROM.with(|p| p.get()).unwrap_or(Page::Overview)
}

thread_local! {
    static PACK_FROM: std::cell::Cell<Option<Page>> = const { std::cell::Cell::new(None) };
    static PRINT_HOOKS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Opens every closed data table while printing (a closed `<details>` prints only its summary),
/// and closes them again afterwards. Installed once, whether printing starts from the Print
/// button or the browser's menu.
fn install_print_hooks() {
    if PRINT_HOOKS.with(|c| c.replace(true)) {
        return;
    }
    let Some(w) = crate::ui::browser::window() else { return };
    let each = |selector: &'static str, f: fn(&web_sys::Element)| {
        let Some(root) = crate::ui::browser::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
        crate::ui::browser::elements(&root, selector).iter().for_each(f);
    };
    let before = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        each("details.data:not([open])", |el| {
            let _ = el.set_attribute("open", "");
            let _ = el.set_attribute("data-print-opened", "");
        })
    });
    let after = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        each("details[data-print-opened]", |el| {
            let _ = el.remove_attribute("open");
            let _ = el.remove_attribute("data-print-opened");
        })
    });
    let _ = w.add_event_listener_with_callback("beforeprint", before.as_ref().unchecked_ref());
    let _ = w.add_event_listener_with_callback("afterprint", after.as_ref().unchecked_ref());
    before.forget();
    after.forget();
}

/// "Print pack": opens the committee pack of the current scenario (`?page=pack`, kept in history
/// so Back returns) and, once it is drawn, the browser's print dialogue.
fn open_pack(app: AppState) {
    let from = app.page.get_untracked();
    PACK_FROM.with(|p| p.set(Some(from).filter(|p| *p != Page::Pack)));
    go_to(app, Page::Pack, "pack-h", false);
    // Two frames: the pack is mounted in the first, laid out by the second.
    request_animation_frame(move || {
        request_animation_frame(move || {
            if let Some(w) = crate::ui::browser::window() {
                let _ = w.print();
            }
        })
    });
}

fn clipboard() -> Option<web_sys::Clipboard> {
    let nav = crate::ui::browser::window()?.navigator();
    let c = js_sys::Reflect::get(&nav, &"clipboard".into()).ok()?;
    if c.is_undefined() || c.is_null() {
        return None;
    }
    let f = js_sys::Reflect::get(&c, &"writeText".into()).ok()?;
    f.is_function().then(|| c.unchecked_into())
}

/// Writes `text` to the clipboard: false where the browser will not (no clipboard, or refused).
async fn to_clipboard(text: &str) -> bool {
    match clipboard() {
        Some(c) => wasm_bindgen_futures::JsFuture::from(c.write_text(text)).await.is_ok(),
        None => false,
    }
}

/// "Copy link", a way to the saved scenarios, and "Print". The copied link is also shown in a
/// read-only box (`#share-link`), selected when the clipboard cannot be used.
#[component]
pub fn ShareBar() -> impl IntoView {
    let app = use_app();
    install_print_hooks();
    let status = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let link = crate::ui::memo::memo(move |_| {
        app.query.track();
        url::link_for(&app)
    });
    let input = NodeRef::<leptos::html::Input>::new();
    let select_link = move || {
        if let Some(i) = input.get_untracked() {
            let _ = i.focus();
            i.select();
        }
    };
    let copy = move |_| {
        status.set(String::new());
        shown.set(true);
        let text = link.get_untracked();
        leptos::task::spawn_local(async move {
            if to_clipboard(&text).await {
                status.set("Link copied".into());
            } else {
                select_link();
                status.set("Could not copy automatically. The link is selected below: press Ctrl+C (or ⌘C on a Mac) to copy it.".into());
            }
        });
    };
    let saved_href = move || super::scenario_link::scenario_href(app, Page::Compare, "saved-scenarios");
    view! {
        <div class="share-bar no-print needs-js" role="group" aria-label="Share this scenario">
            <div class="share-actions">
                <button type="button" id="copy-link" data-link=move || link.get() on:click=copy>"Copy link"</button>
                <a class="button secondary" id="go-saved" href=saved_href on:click=move |ev: web_sys::MouseEvent| {
                    if !crate::ui::components::page_link::plain_click(&ev) { return; }
                    ev.prevent_default();
                    go_to(app, Page::Compare, "saved-scenarios", true);
                }>"Save or compare"<span class="wide-only">"\u{a0}scenarios"</span></a>
                <button type="button" class="secondary" id="print-page" on:click=move |_| {
                    if let Some(w) = crate::ui::browser::window() { let _ = w.print(); }
                }>"Print"</button>
                <button type="button" class="secondary" id="print-pack" aria-describedby="print-pack-what" on:click=move |_| open_pack(app)>"Print pack"</button>
                <span id="print-pack-what" class="visually-hidden">"Opens a committee pack of this scenario (headline, key answers, charts with tables, assumptions, sources, link and QR code) and prints it"</span>
            </div>
            <p class="share-status" role="status">{move || status.get()}</p>
            {move || link_caveat(&app).map(|t| view! { <p class="notice warn" id="link-caveat">{t}</p> })}
            <div class="share-link" hidden=move || !shown.get()>
                <label for="share-link">"Link to this scenario"</label>
                // Filled only while shown: a hidden box's value, set on every move of a slider,
                // was work for nothing.
                <input id="share-link" type="text" readonly node_ref=input prop:value=move || if shown.get() { link.get() } else { String::new() } on:focus=move |_| select_link()/>
            </div>
            <EmbedSnippet link=link/>
        </div>
    }
}

/// The code to embed this scenario's main chart on another site, and a button that copies it
/// (selecting text in a box is fiddly on a phone).
#[component]
fn EmbedSnippet(link: Memo<String>) -> impl IntoView {
    let code = NodeRef::<leptos::html::Textarea>::new();
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        status.set(String::new());
        let text = embed_snippet(&link.get_untracked());
        leptos::task::spawn_local(async move {
            if to_clipboard(&text).await {
                status.set("Code copied".into());
            } else {
                if let Some(t) = code.get_untracked() {
                    let _ = t.focus();
                    t.select();
                }
                status.set("Could not copy automatically. The code is selected: press Ctrl+C (or ⌘C on a Mac) to copy it.".into());
            }
        });
    };
    // The code is written into the box only while it is open: a slider's every move had set a
    // closed box's text, and the browser rebuilt the box's lines each time.
    let open = RwSignal::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            open.set(el.has_attribute("open"));
        }
    };
    view! {
        <details class="embed-snippet" on:toggle=on_toggle>
            <summary>"Embed this chart on another site"</summary>
            <label for="embed-code">"Paste this into the page (it shows this scenario's main chart, its table and a link back here):"</label>
            <textarea id="embed-code" readonly rows="6" node_ref=code prop:value=move || if open.get() { embed_snippet(&link.get()) } else { String::new() }></textarea>
            <p class="chart-tools"><button type="button" class="secondary" id="copy-embed" on:click=copy>"Copy the code"</button> <span role="status">{move || status.get()}</span></p>
            <p class="help">"The frame tells the page its height after each change, and the script sizes it to fit. Where a site takes no scripts, paste the first line alone: the frame is then 620 pixels tall and scrolls."</p>
        </details>
    }
}

/// What a link cannot carry: figures loaded from a file on this device. The link names their
/// dataset and version, and opens this site's copy of that version if it has one, whose figures
/// need not be the file's. `None` while the figures are the site's own (or a link's `src`).
pub fn link_caveat(app: &AppState) -> Option<String> {
    app.from_file.get()?;
    let (id, version) = app.data.with(|d| d.as_ref().map(|d| (d.dataset.id.clone(), d.dataset.version.clone())))?;
    let listed = app.manifest.with(|m| m.as_ref().is_some_and(|m| m.datasets.iter().any(|e| e.id == id && e.version == version)));
    Some(file_caveat(&id, &version, listed))
}

fn file_caveat(id: &str, version: &str, listed: bool) -> String {
    let opens = if listed {
        "it opens this site's own copy of that version, whose figures may not be your file's"
    } else {
        "this site has no copy of it, so the link opens with a notice and the site's own figures"
    };
    format!("These figures come from a file on this device. A link names their dataset (“{id}”, version {version}) but cannot carry the file: {opens}. To share them, share the file too.")
}

/// The `<iframe>` for a scenario link: the same link with `embed=1`.
pub fn iframe_snippet(link: &str) -> String {
    let sep = if link.contains('?') { '&' } else { '?' };
    let src = format!("{link}{sep}embed=1").replace('&', "&amp;").replace('"', "&quot;");
    format!("<iframe src=\"{src}\" title=\"DSG high-needs deficit explorer\" width=\"100%\" height=\"620\" loading=\"lazy\" style=\"border:0\"></iframe>")
}

/// What the share bar offers to paste: the `<iframe>`, then a script that sizes it to the height
/// the embed posts (`{type: "dsg-explorer:height", height}`), taking it only from this site's
/// origin and for the frame that sent it, so a page with several embeds sizes each. No script
/// where the link's origin is not plain (it is the page's own, so that is never expected).
pub fn embed_snippet(link: &str) -> String {
    let frame = iframe_snippet(link);
    match origin_of(link) {
        Some(origin) => format!(
            "{frame}\n<script>addEventListener('message', function (e) {{\n  if (e.origin !== '{origin}' || !e.data || e.data.type !== 'dsg-explorer:height') return;\n  document.querySelectorAll('iframe').forEach(function (f) {{ if (f.contentWindow === e.source) f.style.height = e.data.height + 'px'; }});\n}});</script>"
        ),
        None => frame,
    }
}

/// "https://x.gov.uk:8443" from a link, if its scheme and host are plain enough to sit in a
/// script's quoted string.
fn origin_of(link: &str) -> Option<&str> {
    let rest = link.find("://").map(|i| i + 3)?;
    let end = link[rest..].find(['/', '?', '#']).map_or(link.len(), |i| rest + i);
    let origin = &link[..end];
    let plain = end > rest && origin.bytes().all(|b| b.is_ascii_alphanumeric() || b".:/-[]".contains(&b));
    plain.then_some(origin)
}

/// Shown only when printing: the scenario's assumptions (the levers that differ from the
/// published defaults), its link, the dataset and the source documents.
#[component]
pub fn PrintSummary() -> impl IntoView {
    let app = use_app();
    let list = crate::ui::memo::memo(move |_| match (app.scenario.get(), app.baseline.get(), app.data.get()) {
        (Some(s), Some(b), Some(d)) => assumption_lines(&s, &b, &d.dataset),
        _ => vec![],
    });
    let link = crate::ui::memo::memo(move |_| {
        app.query.track();
        url::link_for(&app)
    });
    view! {
        <section class="print-only print-summary" aria-labelledby="print-summary-h">
            <h2 id="print-summary-h">"About these figures"</h2>
            <h3>"Assumptions in this scenario"</h3>
            {move || {
                let l = list.get();
                if l.is_empty() {
                    view! { <p>"Every assumption is the published default."</p> }.into_any()
                } else {
                    // The list, then what it leaves out, as the pack has them (a trial read
                    // "Every other assumption…" before the assumptions it meant).
                    view! {
                        <ul class="assumptions">
                            {l.into_iter().map(|t| view! { <li>{t}</li> }).collect::<Vec<_>>()}
                        </ul>
                        <p>"Every other assumption is the published default."</p>
                    }.into_any()
                }
            }}
            <p>"Link to this scenario: "<span class="print-link">{move || link.get()}</span></p>
            <h3>"Sources"</h3>
            {move || app.data.get().map(|d| {
                let ds = &d.dataset;
                view! {
                    <p>{format!("{} Money is exact; amounts are rounded for display half away from zero.", dataset_line(ds))}</p>
                    <ul class="sources">
                        {source_lines(&d).into_iter().map(|t| view! { <li>{t}</li> }).collect::<Vec<_>>()}
                    </ul>
                }
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;


    use crate::testing::q2_parts as baseline;

    #[test]
    fn assumptions_list_only_changed_levers_in_words() {
        let (_, b) = baseline();
        let mut s = Scenario::default_for(&b);
        assert!(assumptions(&s, &b).is_empty());
        s.set("hn.growth.independent", "14", &b).unwrap();
        s.set("hn.override", "never", &b).unwrap();
        s.set("cap.mrp", "annuity", &b).unwrap();
        s.set("hn.saving.amount", "250000", &b).unwrap();
        let a = assumptions(&s, &b);
        let keys: Vec<&str> = a.iter().map(|x| x.key).collect();
        assert_eq!(keys, vec!["hn.growth.independent", "hn.override", "hn.saving.amount", "cap.mrp"]);
        assert_eq!(a[0].value, "14% a year");
        assert_eq!(a[1].value, "Never (no end date)");
        assert_eq!(a[2].value, "£250,000 a year");
        assert!(a[3].value.starts_with("Annuity"));
        let value_text = |k: &str, text: &str| {
            let l = crate::model::levers::by_key(k).unwrap();
            l.display(&l.parse(text).unwrap(), &b)
        };
        assert_eq!(value_text("hn.places.years", "1"), "1 year");
        assert_eq!(value_text("hn.places.years", "3"), "3 years");
        assert_eq!(value_text("hn.places.per_year", "1"), "1 place a year");
        assert_eq!(value_text("hn.places.capital", "75000"), "£75,000 per place");
        assert_eq!(value_text("rev.press", "-2.5"), "−£2.5m");
    }

    #[test]
    fn assumption_lines_give_changed_levers_then_moves_in_words() {
        let (ds, b) = baseline();
        let mut s = Scenario::default_for(&b);
        assert!(assumption_lines(&s, &b, &ds).is_empty());
        s.set("hn.growth.independent", "14", &b).unwrap();
        s.set("rev.atrisk", "50", &b).unwrap();
        let lines = assumption_lines(&s, &b, &ds);
        assert_eq!(lines.len(), 2, "{lines:?}");
        let a = assumptions(&s, &b);
        assert_eq!(lines[0], format!("{}: 14% a year (default {})", a[0].label, a[0].default));
        assert!(lines[1].contains(": 50%"), "{}", lines[1]);
        let scheme = ds.capital.schemes[0].clone();
        let from = s.moves.len();
        assert_eq!(from, 0);
        s.moves.push(crate::model::scenario::SchemeMove {
            scheme: scheme.id.clone(),
            from: crate::units::calendar::Fy(2024),
            to: crate::units::calendar::Fy(2025),
            amount: rust_decimal::Decimal::from(100_000),
        });
        let lines = assumption_lines(&s, &b, &ds);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].starts_with("Capital reprofiling: £100,000 of "), "{}", lines[2]);
        assert!(lines[2].contains(&scheme.name), "{}", lines[2]);
    }

    #[test]
    fn sources_list_every_cited_document_with_its_date() {
        let (ds, _) = baseline();
        let mut loaded = crate::testing::q2();
        let lines = source_lines(&loaded);
        // Every paper of the shipped file is cited.
        assert_eq!(lines.len(), ds.documents.len());
        for (l, d) in lines.iter().zip(&ds.documents) {
            assert!(l.starts_with(&format!("{}, {}", d.title, d.when())), "{l}");
        }
        // A paper no figure cites is left out (a dataset may list 100,000 of them).
        let mut extra = ds.documents[0].clone();
        extra.id = "uncited".into();
        extra.title = "A paper nobody cites".into();
        loaded.dataset.documents.push(extra);
        let lines = source_lines(&loaded);
        assert_eq!(lines.len(), ds.documents.len());
        assert!(!lines.iter().any(|l| l.contains("nobody cites")));
        let line = dataset_line(&ds);
        assert!(line.contains(&ds.id) && line.contains(&format!("version {}", ds.version)), "{line}");
        // The council is named once, where the title starts with its name.
        assert!(ds.title.starts_with(&ds.council));
        assert_eq!(line.matches(ds.council.as_str()).count(), 1, "{line}");
    }

    #[test]
    fn scenario_query_drops_only_the_page() {
        assert_eq!(scenario_query("page=pack&v=1&data=herefordshire&hn.growth.independent=14"), "v=1&data=herefordshire&hn.growth.independent=14");
        assert_eq!(scenario_query("?page=pack"), "");
        assert_eq!(scenario_query("v=1&cap.move=a~2024-25~2025-26~100"), "v=1&cap.move=a~2024-25~2025-26~100");
    }
}

#[cfg(test)]
mod embed_tests {
    use super::{embed_snippet, iframe_snippet};

    #[test]
    fn the_embed_snippet_sizes_its_frame_from_this_origin_only() {
        let s = embed_snippet("https://x.gov.uk:8443/budget/?page=high-needs&hn.transfer=0.5");
        assert!(s.starts_with(&iframe_snippet("https://x.gov.uk:8443/budget/?page=high-needs&hn.transfer=0.5")), "{s}");
        assert!(s.contains("e.origin !== 'https://x.gov.uk:8443'"), "{s}");
        assert!(s.contains("f.contentWindow === e.source"), "{s}");
        assert!(s.trim_end().ends_with("</script>"), "{s}");
        // An origin that could break out of the quoted string gets no script at all.
        for odd in ["https://x'y.gov.uk/", "https://x.gov.uk\\'/", "budget/?page=high-needs", "https://"] {
            assert_eq!(embed_snippet(odd), iframe_snippet(odd), "{odd}");
        }
    }

    #[test]
    fn the_iframe_snippet_carries_the_link_with_embed_escaped() {
        let s = iframe_snippet("https://x.gov.uk/budget/?page=high-needs&v=2&hn.transfer=0.5");
        assert!(s.starts_with("<iframe src=\"https://x.gov.uk/budget/?page=high-needs&amp;v=2&amp;hn.transfer=0.5&amp;embed=1\""), "{s}");
        assert!(iframe_snippet("https://x.gov.uk/budget/").contains("budget/?embed=1\""));
        assert!(!iframe_snippet("https://x/?a=\"><script>").contains("\"><script>"), "quotes in a link cannot break out of the attribute");
    }
}
