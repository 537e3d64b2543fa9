//! Excel workbooks in the page: the download buttons of High needs, Savings and Capital, the
//! input workbooks of Sources, and the one call that turns a chosen .xlsx file into a dataset.
//! The page only asks (`workbook::request::Request`, with the dataset's own text); the workbook
//! worker, a second wasm started on the first request (see `src/bin/workbook_worker.rs`),
//! describes and writes the workbook, so none of the workbook code is part of the first view.

use super::chart::Table;
use super::download::save_blob;
use crate::data::json::Issue;
use crate::data::{parse_dataset, Loaded};
use crate::ui::state::{use_app, AppState};
use crate::workbook::request::Request;
use crate::workbook::results::PageTable;
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Trunk names a worker's files after its binary, without a content hash.
const WORKER_URL: &str = "./workbook_worker_loader.js";
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

struct Client {
    worker: web_sys::Worker,
    ready: bool,
    queue: Vec<(Object, Option<Array>)>,
    pending: HashMap<u32, (Function, Function)>,
    next: u32,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<RefCell<Client>>>> = const { RefCell::new(None) };
}

fn js_err(e: JsValue) -> String {
    e.as_string().or_else(|| Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string())).unwrap_or_else(|| "the browser refused".into())
}

fn send(w: &web_sys::Worker, msg: &Object, transfer: Option<&Array>) {
    let _ = match transfer {
        Some(t) => w.post_message_with_transfer(msg, t),
        None => w.post_message(msg),
    };
}

/// The worker, started on first use. Requests wait until it says it is ready.
fn client() -> Result<Rc<RefCell<Client>>, String> {
    if let Some(c) = CLIENT.with(|c| c.borrow().clone()) {
        return Ok(c);
    }
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(WORKER_URL, &opts).map_err(js_err)?;
    let client = Rc::new(RefCell::new(Client { worker: worker.clone(), ready: false, queue: vec![], pending: HashMap::new(), next: 1 }));
    let cl = client.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let data = ev.data();
        if Reflect::get(&data, &"ready".into()).ok().and_then(|v| v.as_bool()) == Some(true) {
            let (w, queue) = {
                let mut c = cl.borrow_mut();
                c.ready = true;
                (c.worker.clone(), std::mem::take(&mut c.queue))
            };
            for (m, t) in queue {
                send(&w, &m, t.as_ref());
            }
            return;
        }
        let id = Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
        let waiting = cl.borrow_mut().pending.remove(&id);
        if let Some((resolve, _)) = waiting {
            let _ = resolve.call1(&JsValue::NULL, &data);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let cl = client.clone();
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        ev.prevent_default();
        // It could not start (a file missing, the wasm refused): fail what waits; the next
        // request starts a new one.
        let waiting: Vec<_> = cl.borrow_mut().pending.drain().collect();
        for (_, (_, reject)) in waiting {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("the workbook helper could not start"));
        }
        cl.borrow().worker.terminate();
        CLIENT.with(|c| *c.borrow_mut() = None);
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    CLIENT.with(|c| *c.borrow_mut() = Some(client.clone()));
    Ok(client)
}

async fn call(msg: Object, transfer: Option<Array>) -> Result<JsValue, String> {
    let client = client()?;
    let id = {
        let mut c = client.borrow_mut();
        c.next += 1;
        c.next
    };
    let _ = Reflect::set(&msg, &"id".into(), &JsValue::from(id));
    let promise = Promise::new(&mut |resolve, reject| {
        let mut c = client.borrow_mut();
        c.pending.insert(id, (resolve, reject));
        if c.ready {
            send(&c.worker, &msg, transfer.as_ref());
        } else {
            c.queue.push((msg.clone(), transfer.clone()));
        }
    });
    let reply = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(js_err)?;
    if let Some(e) = Reflect::get(&reply, &"error".into()).ok().and_then(|v| v.as_string()) {
        return Err(e);
    }
    Ok(reply)
}

/// Has the worker describe and write a workbook: the .xlsx bytes. `dataset` is the figures'
/// JSON text (every request but the blank workbook's needs it).
pub async fn write_xlsx(request: &Request, dataset: Option<&str>) -> Result<Vec<u8>, String> {
    let msg = Object::new();
    let json = serde_json::to_string(request).map_err(|e| e.to_string())?;
    let _ = Reflect::set(&msg, &"write".into(), &JsValue::from_str(&json));
    if let Some(text) = dataset {
        let _ = Reflect::set(&msg, &"dataset".into(), &JsValue::from_str(text));
    }
    let reply = call(msg, None).await?;
    let bytes = Reflect::get(&reply, &"bytes".into()).map_err(js_err)?;
    Ok(Uint8Array::new(&bytes).to_vec())
}

/// A chosen .xlsx file's bytes as a checked dataset, or every problem at its sheet and cell:
/// the one call the Sources page's file loading makes for a workbook.
pub async fn xlsx_to_dataset(bytes: Vec<u8>) -> Result<Loaded, Vec<Issue>> {
    let one = |m: String| vec![Issue { path: String::new(), message: m }];
    let msg = Object::new();
    let arr = Uint8Array::from(&bytes[..]);
    let _ = Reflect::set(&msg, &"read".into(), &arr);
    let reply = call(msg, Some(Array::of1(&arr.buffer()))).await.map_err(one)?;
    if let Some(json) = Reflect::get(&reply, &"json".into()).ok().and_then(|v| v.as_string()) {
        return parse_dataset(&json);
    }
    let issues: Array = Reflect::get(&reply, &"issues".into()).ok().and_then(|v| v.dyn_into().ok()).ok_or_else(|| one("the workbook helper gave no answer".into()))?;
    Err(issues
        .iter()
        .map(|pair| {
            let pair: Array = pair.unchecked_into();
            Issue { path: pair.get(0).as_string().unwrap_or_default(), message: pair.get(1).as_string().unwrap_or_default() }
        })
        .collect())
}

fn save_xlsx(bytes: &[u8], name: &str) -> Result<(), String> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(XLSX_MIME);
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(js_err)?;
    save_blob(&blob, name)
}

/// What a button asks the worker for: the request, the figures' text and the file's name.
type Ask = (Request, Option<Arc<str>>, String);

/// A button that writes a workbook and offers it as a download. `make` says which (and names
/// the file) from the page's current state. The time it took is kept on the status line's
/// `data-ms` for the benchmark.
#[component]
pub fn WorkbookButton(#[prop(into)] label: String, #[prop(into)] id: String, make: Callback<(), Option<Ask>>) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let ms = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some((request, dataset, name)) = make.run(()) else {
            status.set("The figures are still loading.".into());
            return;
        };
        busy.set(true);
        ms.set(String::new());
        status.set(format!("Writing {name}…"));
        let start = crate::ui::browser::clock_ms();
        leptos::task::spawn_local(async move {
            let result = write_xlsx(&request, dataset.as_deref()).await.and_then(|bytes| {
                let took = crate::ui::browser::clock_ms() - start;
                save_xlsx(&bytes, &name).map(|_| took)
            });
            busy.set(false);
            match result {
                Ok(took) => {
                    ms.set(format!("{took:.0}"));
                    status.set(super::download::sent(&name));
                }
                Err(e) => status.set(format!("Could not write {name}: {e}")),
            }
        });
    };
    let status_id = format!("{id}-status");
    view! {
        <div class="workbook-tools no-print">
            <button type="button" class="secondary" id=id data-download="xlsx" aria-describedby=status_id.clone() aria-busy=move || busy.get().to_string() on:click=on_click>{label}</button>
            <span id=status_id class="file-status" role="status" data-ms=move || ms.get()>{move || status.get()}</span>
        </div>
    }
}

/// The figures' text and the scenario as its link (query and whole link), or `None` while loading.
fn scenario_now(app: AppState) -> Option<(Arc<str>, String, String)> {
    let source = app.data.with_untracked(|d| d.as_ref().map(|d| d.source.clone()))?;
    app.scenario.with_untracked(|s| s.is_some()).then_some(())?;
    Some((source, app.query.get_untracked(), crate::ui::url::link_for(&app)))
}

fn file_name(app: AppState, page: &str) -> String {
    let id = app.data.with_untracked(|d| d.as_ref().map(|d| format!("{}-{}", d.dataset.id, d.dataset.version)).unwrap_or_default());
    format!("{}-{page}{}.xlsx", super::download::file_stem(&id), scenario_tag(&app.query.get_untracked()))
}

/// A short tag for the scenario of a link's `query`: "" for the default assumptions, else "-"
/// and six hex digits from all its levers and moves, those of other pages too (not its page,
/// view or dataset, which the name gives or which change no figure). It names the scenario, as
/// the link in the workbook does: a trial's three downloads of three scenarios were told apart
/// only by "(1)" and "(2)"; the same scenario gets the same name.
pub fn scenario_tag(query: &str) -> String {
    use crate::share::codec::{from_query, ONCE, VIEW};
    let levers: Vec<String> = from_query(query).into_iter().filter(|(k, _)| !ONCE.contains(&k.as_str()) && !VIEW.contains(&k.as_str())).map(|(k, v)| format!("{k}={v}")).collect();
    if levers.is_empty() {
        return String::new();
    }
    // FNV-1a, 32 bits: stable across builds and machines, unlike the standard library's hasher.
    let h = levers.join("&").bytes().fold(0x811c_9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x0100_0193));
    format!("-{:06x}", h >> 8)
}

/// High needs: Summary, Placements, Assumptions, Sources.
#[component]
pub fn HighNeedsWorkbook() -> impl IntoView {
    let app = use_app();
    let make = Callback::new(move |()| {
        let (source, query, link) = scenario_now(app)?;
        Some((Request::HighNeeds { query, link }, Some(source), file_name(app, "high-needs")))
    });
    view! { <WorkbookButton label="Download the results as a workbook (.xlsx)" id="hn-workbook" make=make/> }
}

/// Savings or Capital: the page's data tables, then Assumptions and Sources.
#[component]
pub fn PageWorkbook(#[prop(into)] page: String, #[prop(into)] tables: Signal<Vec<Table>>) -> impl IntoView {
    let app = use_app();
    let slug = super::download::file_stem(&page);
    let id = format!("{slug}-workbook");
    let title = page.clone();
    let make = Callback::new(move |()| {
        let tables: Vec<PageTable> = tables.get_untracked().into_iter().filter(|t| !t.rows.is_empty()).map(|t| PageTable { caption: t.caption, headers: t.headers, rows: t.rows }).collect();
        let (source, query, link) = scenario_now(app)?;
        Some((Request::Page { title: title.clone(), tables, query, link }, Some(source), file_name(app, &slug)))
    });
    view! { <WorkbookButton label="Download the results as a workbook (.xlsx)" id=id make=make/> }
}

/// Sources: the dataset in use as an input workbook, and the blank one (from the template).
#[component]
pub fn InputWorkbooks() -> impl IntoView {
    let app = use_app();
    let filled = Callback::new(move |()| {
        let loaded = app.data.get_untracked()?;
        Some((Request::Input, Some(loaded.source.clone()), format!("{}.xlsx", super::download::file_stem(&format!("{}-{}", loaded.dataset.id, loaded.dataset.version)))))
    });
    let blank = Callback::new(move |()| Some((Request::Blank, None, "dataset-template.xlsx".to_string())));
    // With no figures loaded (the shipped ones failed), there are none to write.
    view! {
        {move || app.data.with(|d| d.is_some()).then(|| view! { <WorkbookButton label="Download these figures as a workbook (.xlsx)" id="data-workbook" make=filled/> })}
        <WorkbookButton label="Download a blank workbook (.xlsx)" id="blank-workbook" make=blank/>
    }
}

#[cfg(test)]
mod tests {
    use super::scenario_tag;

    #[test]
    fn a_workbook_name_tells_scenarios_apart() {
        // The default assumptions, on any page or view and with the dataset named: no tag.
        assert_eq!(scenario_tag(""), "");
        assert_eq!(scenario_tag("page=high-needs&v=2&data=herefordshire&dv=2024-25-mar25.1&seek.by=saving"), "");
        let a = scenario_tag("v=2&hn.places.per_year=60&hn.places.start=2027-28");
        assert!(a.len() == 7 && a.starts_with('-') && a[1..].chars().all(|c| c.is_ascii_hexdigit()), "{a}");
        // The same scenario from another page or view: the same name.
        assert_eq!(scenario_tag("page=savings&v=2&hn.places.per_year=60&hn.places.start=2027-28&tornado.year=2030"), a);
        // Another scenario: another name, a capital move included.
        assert_ne!(scenario_tag("v=2&hn.places.per_year=61&hn.places.start=2027-28"), a);
        let moved = scenario_tag("v=2&cap.move=roads~2024-25~2025-26~100");
        assert!(!moved.is_empty() && moved != scenario_tag("v=2&cap.move=roads~2024-25~2025-26~101"));
    }
}
