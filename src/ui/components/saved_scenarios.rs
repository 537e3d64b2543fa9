//! Saved scenarios in this browser: save the current scenario under a name, then open, rename,
//! delete, export all to a JSON file and import from one. The pure parts are in
//! `share::saved`; this module reads and writes localStorage and draws the controls.
//!
//! The list is held in signals outside any page, so it survives page changes; it is read from
//! storage once, when first needed, and after every change is written back key by key.

use super::download::save_text;
use super::words::counted;
use crate::share::codec::{self, from_query, Notice};
use crate::share::saved::{self, Problem, Saved, STORAGE_PREFIX};
use crate::ui::state::{use_app, AppState};
use crate::ui::url;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The saved scenarios and what went wrong reading them.
#[derive(Clone)]
pub struct SavedStore {
    pub entries: ArcRwSignal<Vec<Saved>>,
    /// Stored entries that could not be read (left in storage until removed).
    pub problems: ArcRwSignal<Vec<Problem>>,
    /// Why storage cannot be used, if it cannot.
    pub unavailable: ArcRwSignal<Option<String>>,
}

thread_local! {
    static STORE: SavedStore = {
        let s = SavedStore { entries: ArcRwSignal::new(vec![]), problems: ArcRwSignal::new(vec![]), unavailable: ArcRwSignal::new(None) };
        s.reload();
        s
    };
}

/// The one store of saved scenarios.
pub fn saved_store() -> SavedStore {
    STORE.with(|s| s.clone())
}

fn storage() -> Result<web_sys::Storage, String> {
    let w = crate::ui::browser::window().ok_or("no window")?;
    match w.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("this browser has no local storage".into()),
        Err(_) => Err("this browser does not allow this page to use local storage (it may be turned off, or in a private window)".into()),
    }
}

fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
}

fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

impl SavedStore {
    /// Reads every saved scenario from storage.
    pub fn reload(&self) {
        // The pre-render shows the store as a first visit finds it: empty.
        if crate::ui::browser::PRERENDER {
            return;
        }
        let st = match storage() {
            Ok(s) => s,
            Err(e) => {
                self.unavailable.set(Some(e));
                return;
            }
        };
        self.unavailable.set(None);
        let n = st.length().unwrap_or(0);
        let mut items = vec![];
        for i in 0..n {
            let Ok(Some(key)) = st.key(i) else { continue };
            if !key.starts_with(STORAGE_PREFIX) {
                continue;
            }
            if let Ok(Some(v)) = st.get_item(&key) {
                items.push((key, v));
            }
        }
        let read = saved::read_storage(items);
        self.entries.set(read.entries);
        self.problems.set(read.problems);
    }

    fn write(&self, s: &Saved) -> Result<(), String> {
        storage()?.set_item(&s.key(), &s.to_json()).map_err(|_| "the browser refused to store it: its storage may be full or turned off".to_string())
    }

    fn remove_key(&self, key: &str) -> Result<(), String> {
        storage()?.remove_item(key).map_err(|_| "the browser refused to change its storage".to_string())
    }

    /// Saves the current scenario under `name`.
    pub fn save_current(&self, app: &AppState, name: &str) -> Result<Saved, String> {
        let list = self.entries.get_untracked();
        let name = saved::check_new_name(name, &list, None)?;
        let query = untrack(|| url::query_for(app));
        let mut entry = Saved::new(&saved::new_id(now_ms(), &list), &name, &query, &now_iso())?;
        entry.file = app.from_file.get_untracked().unwrap_or_default();
        self.write(&entry)?;
        self.entries.update(|l| l.push(entry.clone()));
        Ok(entry)
    }

    pub fn rename(&self, id: &str, name: &str) -> Result<Saved, String> {
        let mut list = self.entries.get_untracked();
        let changed = saved::rename(&mut list, id, name)?;
        self.write(&changed)?;
        self.entries.set(list);
        Ok(changed)
    }

    pub fn delete(&self, id: &str) -> Result<Saved, String> {
        let mut list = self.entries.get_untracked();
        let gone = saved::delete(&mut list, id).ok_or("that saved scenario no longer exists")?;
        self.remove_key(&gone.key())?;
        self.entries.set(list);
        Ok(gone)
    }

    /// Puts a deleted entry back (same id, name and time).
    pub fn restore(&self, entry: Saved) -> Result<(), String> {
        self.write(&entry)?;
        self.entries.update(|l| {
            if !l.iter().any(|e| e.id == entry.id) {
                l.push(entry);
                saved::sort(l);
            }
        });
        Ok(())
    }

    /// Removes a stored entry that could not be read.
    pub fn remove_problem(&self, key: &str) -> Result<(), String> {
        self.remove_key(key)?;
        self.problems.update(|p| p.retain(|x| x.place != key));
        Ok(())
    }

    /// Adds the entries of an import file; returns what was done, in words.
    pub fn import(&self, text: &str) -> ImportReport {
        let imp = match saved::parse_file(text) {
            Ok(i) => i,
            Err(e) => return ImportReport { summary: format!("Nothing was imported: {e}."), problems: vec![], ok: false },
        };
        let mut ms = now_ms();
        let merged = saved::merge(&self.entries.get_untracked(), imp.entries, |all| {
            ms += 1;
            saved::new_id(ms, all)
        });
        let mut problems: Vec<String> = imp.problems.iter().map(|p| format!("{}: {}", capitalise(&p.place), p.reason)).collect();
        let mut added = 0;
        for e in merged.added {
            match self.write(&e) {
                Ok(()) => {
                    added += 1;
                    self.entries.update(|l| l.push(e));
                }
                Err(err) => problems.push(format!("“{}” could not be saved: {err}", e.name)),
            }
        }
        self.entries.update(|l| saved::sort(l));
        let mut summary = match added {
            0 => "No new scenarios were imported.".to_string(),
            1 => "Imported 1 scenario.".to_string(),
            n => format!("Imported {}.", counted(n, "scenario", "scenarios")),
        };
        if !merged.duplicates.is_empty() {
            summary.push_str(&format!(" {} already saved, so skipped.", counted(merged.duplicates.len(), "was", "were")));
        }
        for (from, to) in &merged.renamed {
            summary.push_str(&format!(" “{from}” was saved as “{to}” because that name was taken."));
        }
        for n in &imp.notes {
            summary.push_str(&format!(" Note: {n}."));
        }
        if !problems.is_empty() {
            summary.push_str(&format!(" {} could not be read:", counted(imp.problems.len().max(problems.len()), "entry", "entries")));
        }
        ImportReport { summary, ok: problems.is_empty(), problems }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportReport {
    pub summary: String,
    pub problems: Vec<String>,
    pub ok: bool,
}

/// Makes a saved scenario the current one. A scenario for other shipped figures reloads the
/// app with its link; one for figures this site does not ship is refused with the reason.
pub fn open_saved(app: AppState, entry: &Saved) -> Result<String, String> {
    let (Some(d), Some(b)) = (app.data.get_untracked(), app.baseline.get_untracked()) else { return Err("the figures have not loaded yet".into()) };
    let ds = &d.dataset;
    // Figures of the same name can differ: a file on this device, or a link's `src` file.
    let saved_file = entry.file_name();
    if let Some(f) = saved_file.filter(|f| app.from_file.get_untracked().as_deref() != Some(*f)) {
        return Err(format!("“{}” was made with the figures from the file {} on this device. Load that file on the Sources page, then open it again.", entry.name, crate::share::open::shown(f)));
    }
    let saved_src = entry.src();
    let other_figures = saved_src != app.src.get_untracked() || (saved_file.is_none() && app.from_file.get_untracked().is_some());
    if entry.data != ds.id || other_figures {
        let shipped = app.manifest.get_untracked().map(|m| m.find(Some(entry.data.as_str()), None).is_some()).unwrap_or(false);
        if !shipped && saved_src.is_none() {
            return Err(format!("“{}” was made with figures (“{}”) that this site does not ship. Load that dataset file on the Sources page, then open it again.", entry.name, entry.data));
        }
        let page = app.page.get_untracked();
        let w = crate::ui::browser::window().ok_or("no window")?;
        let _ = w.location().assign(&format!("?page={}&{}", page.slug(), entry.query));
        return Ok(format!("Opening “{}” with its own figures…", entry.name));
    }
    let decoded = codec::decode(&from_query(&entry.query), &b);
    let mut notices = decoded.notices;
    if !entry.dv.is_empty() && entry.dv != ds.version {
        notices.insert(
            0,
            Notice { param: "dv".into(), message: format!("“{}” was saved with version {} of these figures; this site now has version {}, so its numbers may differ from when it was saved", entry.name, entry.dv, ds.version) },
        );
    }
    app.scenario.set(Some(decoded.scenario));
    app.notices.set(notices);
    Ok(format!("Opened “{}”: it is now the current scenario on every page, and the address bar holds its link.", entry.name))
}

/// The saved-scenarios panel: save the current scenario, the list with open, rename and delete,
/// and export and import.
#[component]
pub fn SavedScenarios() -> impl IntoView {
    let app = use_app();
    let store = saved_store();
    let entries = store.entries.clone();
    let status = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<Saved>);
    let report = RwSignal::new(None::<ImportReport>);
    let name_input = NodeRef::<leptos::html::Input>::new();

    let announce = move |text: String| {
        status.set(String::new());
        request_animation_frame(move || status.set(text));
    };

    let save = {
        let store = store.clone();
        move |ev: web_sys::SubmitEvent| {
            ev.prevent_default();
            let Some(input) = name_input.get_untracked() else { return };
            match store.save_current(&app, &input.value()) {
                Ok(e) => {
                    input.set_value("");
                    error.set(None);
                    undo.set(None);
                    announce(format!("Saved “{}”.", e.name));
                }
                Err(e) => {
                    error.set(Some(format!("Could not save: {e}.")));
                    let _ = input.focus();
                }
            }
        }
    };

    let export = {
        let store = store.clone();
        move |_| {
            let list = store.entries.get_untracked();
            if list.is_empty() {
                announce("There are no saved scenarios to export.".into());
                return;
            }
            let when = now_iso();
            let name = format!("saved-scenarios-{}.json", when.get(0..10).unwrap_or("export"));
            match save_text(&saved::to_file(&list, &when), "application/json", &name) {
                Ok(()) => announce(format!("Sent {name}, with {}, to your downloads.", counted(list.len(), "scenario", "scenarios"))),
                Err(e) => announce(format!("Could not export: {e}.")),
            }
        }
    };

    let import = {
        let store = store.clone();
        move |ev: web_sys::Event| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            report.set(None);
            if file.size() > saved::MAX_FILE_BYTES as f64 {
                report.set(Some(ImportReport { summary: format!("Nothing was imported: {} is {:.1} MB; a saved-scenarios file of up to 4 MB is read.", file.name(), file.size() / 1e6), problems: vec![], ok: false }));
                return;
            }
            let store = store.clone();
            leptos::task::spawn_local(async move {
                let r = match gloo_file::futures::read_as_bytes(&gloo_file::File::from(file)).await {
                    Err(e) => ImportReport { summary: format!("Nothing was imported: the file could not be read ({e})."), problems: vec![], ok: false },
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Err(_) => ImportReport { summary: "Nothing was imported: the file is not text (UTF-8 JSON).".into(), problems: vec![], ok: false },
                        Ok(text) => store.import(&text),
                    },
                };
                report.set(Some(r));
            });
        }
    };

    let problems = store.problems.clone();
    let problems2 = store.problems.clone();
    let unavailable = store.unavailable.clone();
    let unavailable2 = store.unavailable.clone();
    let store_for_list = store.clone();
    let store_for_undo = store.clone();
    let store_for_problems = store.clone();
    let entries2 = entries.clone();

    view! {
        <section class="saved needs-js" id="saved-scenarios" aria-labelledby="saved-h">
            <h2 id="saved-h">"Saved scenarios"</h2>
            <p>"Scenarios are saved in this browser only: nothing is sent anywhere. Export them to a file to keep a copy or to use them on another computer."</p>
            {move || unavailable.get().map(|e| view! { <p class="notice warn">{format!("Saving is not available: {e}.")}</p> })}
            <form class="save-form" on:submit=save>
                <label for="save-name">"Name for the current scenario"</label>
                <span class="help" id="save-name-help">{format!("Up to {} characters, for example “Override to 2028, 60 places”.", saved::MAX_NAME)}</span>
                <div class="row">
                    <input type="text" id="save-name" node_ref=name_input maxlength=saved::MAX_NAME.to_string() autocomplete="off"
                        aria-describedby="save-name-help save-name-err" aria-invalid=move || error.with(|e| e.is_some()).then_some("true")/>
                    <button type="submit" id="save-current">"Save current scenario"</button>
                </div>
                <p class="field-error" id="save-name-err">{move || error.get()}</p>
            </form>
            <p class="saved-status" role="status">
                {move || status.get()}
                {move || undo.get().map(|e| {
                    let store = store_for_undo.clone();
                    view! { " "<button type="button" class="secondary small" on:click=move |_| {
                        match store.restore(e.clone()) {
                            Ok(()) => { undo.set(None); announce(format!("Restored “{}”.", e.name)); }
                            Err(err) => announce(format!("Could not restore: {err}.")),
                        }
                    }>"Undo delete"</button> }
                })}
            </p>
            <Show when=move || problems.with(|p| !p.is_empty())>
                <div class="notice warn saved-problems" role="alert">
                    <p>"Some saved scenarios in this browser could not be read. The others are unaffected."</p>
                    <ul class="issues">
                        {
                            let store = store_for_problems.clone();
                            let problems2 = problems2.clone();
                            move || problems2.get().into_iter().map(|p| {
                                let store = store.clone();
                                let key = p.place.clone();
                                view! { <li><code>{p.place.clone()}</code>" "{p.reason.clone()}" "
                                    <button type="button" class="secondary small" on:click=move |_| {
                                        if let Err(e) = store.remove_problem(&key) { announce(format!("Could not remove it: {e}.")); }
                                    }>"Remove"<span class="visually-hidden">{format!(" {}", p.place)}</span></button></li> }
                            }).collect::<Vec<_>>()
                        }
                    </ul>
                </div>
            </Show>
            {move || entries.with(|l| l.is_empty()).then(|| view! { <p class="saved-empty">"No saved scenarios yet."</p> })}
            <ul class="saved-list" aria-label="Saved scenarios">
                <For each=move || entries2.get() key=|e| (e.id.clone(), e.name.clone()) let:e>
                    <SavedItem entry=e store=store_for_list.clone() announce=Callback::new(announce) undo=undo/>
                </For>
            </ul>
            <div class="saved-file">
                <button type="button" class="secondary" id="export-saved" on:click=export disabled=move || unavailable2.with(|u| u.is_some())>"Export all to a file"</button>
                <div class="import">
                    <label for="import-saved">"Import scenarios from a file"</label>
                    <input type="file" id="import-saved" accept=".json,application/json" on:change=import/>
                </div>
            </div>
            <div class="import-report" role="status">
                {move || report.get().map(|r| view! {
                    <p class:error-text=!r.ok>{r.summary.clone()}</p>
                    {(!r.problems.is_empty()).then(|| view! {
                        <ul class="issues import-problems">{r.problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect::<Vec<_>>()}</ul>
                    })}
                })}
            </div>
        </section>
    }
}

#[component]
fn SavedItem(entry: Saved, store: SavedStore, announce: Callback<String>, undo: RwSignal<Option<Saved>>) -> impl IntoView {
    let app = use_app();
    let renaming = RwSignal::new(false);
    let rename_error = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let id = entry.id.clone();
    let dom_id = format!("saved-{}", entry.id);
    let name_id = format!("{dom_id}-name");
    let rename_id = format!("{dom_id}-rename");
    let err_id = format!("{dom_id}-rename-err");
    let name = entry.name.clone();
    let meta = {
        let mut m = String::new();
        if !entry.saved.is_empty() {
            m.push_str(&format!("Saved {}. ", saved::display_time(&entry.saved)));
        }
        m.push_str(&format!("Figures: {} version {}.", entry.data, if entry.dv.is_empty() { "not recorded" } else { &entry.dv }));
        m
    };
    let e_open = entry.clone();
    let open = move |_| match open_saved(app, &e_open) {
        Ok(m) => announce.run(m),
        Err(e) => announce.run(format!("Could not open it: {e}")),
    };
    let start_rename = move |_| {
        rename_error.set(None);
        renaming.set(true);
        request_animation_frame(move || {
            if let Some(i) = input.get_untracked() {
                let _ = i.focus();
                i.select();
            }
        });
    };
    let store2 = store.clone();
    let id2 = id.clone();
    let do_rename = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(i) = input.get_untracked() else { return };
        match store2.rename(&id2, &i.value()) {
            Ok(e) => {
                renaming.set(false);
                announce.run(format!("Renamed to “{}”.", e.name));
            }
            Err(e) => {
                rename_error.set(Some(format!("Could not rename: {e}.")));
                let _ = i.focus();
            }
        }
    };
    let id3 = id.clone();
    let delete = move |_| match store.delete(&id3) {
        Ok(gone) => {
            announce.run(format!("Deleted “{}”.", gone.name));
            undo.set(Some(gone));
        }
        Err(e) => announce.run(format!("Could not delete it: {e}.")),
    };
    let link_href = format!("?{}", entry.query);
    let hidden_name = format!(" “{name}”");
    let (h1, h2, h3, h4) = (hidden_name.clone(), hidden_name.clone(), hidden_name.clone(), hidden_name);
    view! {
        <li class="saved-item" data-saved-id=id.clone() id=dom_id>
            <p class="saved-name" id=name_id>{name.clone()}</p>
            <p class="saved-meta">{meta}" "<a href=link_href>"Link"<span class="visually-hidden">{h4}</span></a></p>
            <Show when=move || renaming.get() fallback={
                let (h1, h2, h3) = (h1.clone(), h2.clone(), h3.clone());
                let open = open.clone();
                let delete = delete.clone();
                move || {
                    let (h1, h2, h3) = (h1.clone(), h2.clone(), h3.clone());
                    view! {
                        <div class="saved-actions">
                            <button type="button" class="small" data-action="open" on:click=open.clone()>"Open"<span class="visually-hidden">{h1}</span></button>
                            <button type="button" class="secondary small" data-action="rename" on:click=start_rename>"Rename"<span class="visually-hidden">{h2}</span></button>
                            <button type="button" class="secondary small" data-action="delete" on:click=delete.clone()>"Delete"<span class="visually-hidden">{h3}</span></button>
                        </div>
                    }
                }
            }>
                <form class="rename-form" on:submit=do_rename.clone()>
                    <label for=rename_id.clone()>{format!("New name for “{}”", name)}</label>
                    <div class="row">
                        <input type="text" id=rename_id.clone() node_ref=input prop:value=name.clone() maxlength=saved::MAX_NAME.to_string() autocomplete="off"
                            aria-describedby=err_id.clone() aria-invalid=move || rename_error.with(|e| e.is_some()).then_some("true")/>
                        <button type="submit" class="small">"Save name"</button>
                        <button type="button" class="secondary small" on:click=move |_| renaming.set(false)>"Cancel"</button>
                    </div>
                    <p class="field-error" id=err_id.clone()>{move || rename_error.get()}</p>
                </form>
            </Show>
        </li>
    }
}
