//! Sources: every figure of the loaded dataset with where it comes from (published, derived or
//! an assumption), a search and filters, the papers cited, and loading a dataset from a file.

use crate::data::dataset::Document;
use crate::data::figure::{FigureRecord, Formula, Status};
use crate::data::json::Issue;
use crate::data::{parse_dataset, Loaded};
use crate::model::dsg::Baseline;
use crate::units::money::gbp;
use crate::model::scenario::Scenario;
use crate::ui::components::page_link::{anchor, focus_id, focus_location_hash, PageLink};
use crate::ui::route::Page;
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

// ---------------------------------------------------------------------------------------------
// Rows: pure, tested natively

/// The part of the dataset a figure belongs to, in the order the page lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Budget,
    Savings,
    HighNeeds,
    Capital,
    Other,
}

impl Section {
    pub const ALL: [Section; 5] = [Section::Budget, Section::Savings, Section::HighNeeds, Section::Capital, Section::Other];

    pub fn of(path: &str) -> Section {
        match path.split(['.', '[']).next().unwrap_or("") {
            "budget" => Section::Budget,
            "savings" => Section::Savings,
            "high_needs" => Section::HighNeeds,
            "capital" => Section::Capital,
            _ => Section::Other,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Section::Budget => "budget",
            Section::Savings => "savings",
            Section::HighNeeds => "high-needs",
            Section::Capital => "capital",
            Section::Other => "other",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Budget => "Revenue budget and reserves",
            Section::Savings => "Savings",
            Section::HighNeeds => "High needs (the DSG deficit)",
            Section::Capital => "Capital programme",
            Section::Other => "Other figures",
        }
    }
}

pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::Published => "Published",
        Status::Derived => "Derived",
        Status::Assumption => "Assumption",
    }
}


/// One term of a formula: the sign written before it, and the figure it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub op: &'static str,
    pub path: String,
    pub label: String,
}

/// A formula as words: "= A + B − C" or "= A ÷ B × 100", with the labels of the figures named.
#[derive(Debug, Clone, PartialEq)]
pub struct FormulaWords {
    pub terms: Vec<Term>,
    /// " × 100" for shares.
    pub tail: &'static str,
    /// "allowing up to 1 percentage point for rounding".
    pub tolerance: Option<String>,
}

impl FormulaWords {
    pub fn new(f: &Formula, unit: &str, labels: &HashMap<String, String>) -> FormulaWords {
        let label = |p: &str| labels.get(p).cloned().unwrap_or_else(|| p.to_string());
        let mut terms = vec![];
        let mut tail = "";
        if let (Some(part), Some(whole)) = (&f.part, &f.whole) {
            terms.push(Term { op: "", path: part.clone(), label: label(part) });
            terms.push(Term { op: "÷", path: whole.clone(), label: label(whole) });
            tail = " × 100";
        } else {
            for p in f.add.iter().flatten() {
                terms.push(Term { op: if terms.is_empty() { "" } else { "+" }, path: p.clone(), label: label(p) });
            }
            for p in f.subtract.iter().flatten() {
                terms.push(Term { op: "−", path: p.clone(), label: label(p) });
            }
            if let Some(by) = &f.divide_by {
                // "(A + B) ÷ C": the sum first, then the division.
                if terms.len() > 1 {
                    if let Some(first) = terms.first_mut() {
                        first.op = "(";
                    }
                    terms.push(Term { op: ") ÷", path: by.clone(), label: label(by) });
                } else {
                    terms.push(Term { op: "÷", path: by.clone(), label: label(by) });
                }
            }
        }
        let tolerance = f.tolerance.filter(|t| !t.is_zero()).map(|t| {
            let amount = match unit {
                "gbp" => gbp(t),
                "percent" if t == rust_decimal::Decimal::ONE => "1 percentage point".to_string(),
                "percent" => format!("{} percentage points", t.normalize()),
                _ => t.normalize().to_string(),
            };
            format!("allowing a difference of up to {amount} for rounding")
        });
        FormulaWords { terms, tail, tolerance }
    }

    pub fn text(&self) -> String {
        let mut s = String::from("=");
        for t in &self.terms {
            if !t.op.is_empty() {
                s.push(' ');
                s.push_str(t.op);
            }
            s.push(' ');
            s.push_str(&t.label);
        }
        s.push_str(self.tail);
        if let Some(tol) = &self.tolerance {
            s.push_str(&format!(" ({tol})"));
        }
        s
    }
}

/// The reading of a vintage ("high_needs.forecasts[2].amount" or its in-year figure).
fn vintage_reading(ds: &crate::data::Dataset, path: &str) -> Option<String> {
    let rest = path.strip_prefix("high_needs.forecasts[")?;
    let (i, field) = rest.split_once(']')?;
    if field != ".amount" && field != ".in_year" {
        return None;
    }
    ds.high_needs.forecasts.get(i.parse::<usize>().ok()?)?.reading.clone()
}

/// A figure ready to show, with the text the search looks in.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub fig: FigureRecord,
    pub section: Section,
    pub anchor: String,
    /// £m form of large amounts, shown beside the exact value.
    pub short: Option<String>,
    pub doc: Option<Document>,
    pub formula: Option<FormulaWords>,
    /// For a vintage's amount: how the app reads the paper's sentence, if the data says.
    pub reading: Option<String>,
    haystack: String,
}

impl Row {
    /// Whether the row matches every word of the query (case-insensitive), the status and the paper.
    pub fn matches(&self, query: &str, status: Option<Status>, paper: &str) -> bool {
        status.is_none_or(|s| self.fig.status == s)
            && (paper.is_empty() || self.fig.source.as_deref() == Some(paper))
            && query.to_lowercase().split_whitespace().all(|w| self.haystack.contains(w))
    }
}

pub fn rows(loaded: &Loaded) -> Vec<Row> {
    let labels: HashMap<String, String> = loaded.figures.iter().map(|f| (f.path.clone(), f.label.clone())).collect();
    let docs: HashMap<&str, &Document> = loaded.dataset.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut out: Vec<Row> = loaded
        .figures
        .iter()
        .map(|f| {
            let doc = f.source.as_deref().and_then(|s| docs.get(s)).map(|d| (*d).clone());
            let formula = f.formula.as_ref().map(|x| FormulaWords::new(x, f.unit, &labels));
            let short = match (f.unit, f.number) {
                ("gbp", Some(n)) if n.abs() >= rust_decimal::Decimal::from(1_000_000) => Some(crate::units::money::gbp_short(n)),
                _ => None,
            };
            let mut hay = vec![f.label.clone(), f.path.clone(), f.path.replace(['_', '.'], " "), f.shown.clone(), status_label(f.status).into()];
            hay.extend(short.clone());
            hay.extend(f.number.map(|n| n.normalize().to_string()));
            hay.extend([f.source.clone(), f.reference.clone(), f.quote.clone(), f.reason.clone(), f.note.clone()].into_iter().flatten());
            if let Some(d) = &doc {
                hay.extend([d.title.clone(), d.date.long()]);
                hay.extend(d.body.clone());
            }
            hay.extend(formula.as_ref().map(|w| w.text()));
            let reading = vintage_reading(&loaded.dataset, &f.path);
            hay.extend(reading.clone());
            Row { section: Section::of(&f.path), anchor: anchor(&f.path), short, doc, formula, reading, haystack: hay.join("\n").to_lowercase(), fig: f.clone() }
        })
        .collect();
    // Group by section, keeping the file's order within each.
    out.sort_by_key(|r| r.section);
    out
}

/// "Cabinet, 19 December 2024": who met (or published) and when.
fn when_of(d: &Document) -> String {
    match &d.body {
        Some(b) => format!("{b}, {}", d.date.long()),
        None => d.date.long(),
    }
}

pub fn count_text(shown: usize, total: usize) -> String {
    let noun = if total == 1 { "figure" } else { "figures" };
    if shown == total {
        format!("Showing all {total} {noun}")
    } else {
        format!("Showing {shown} of {total} {noun}")
    }
}

// ---------------------------------------------------------------------------------------------
// Loading a file

/// Larger than any real dataset (the shipped one is about 70 kB), small enough to read at once.
const MAX_BYTES: f64 = 5_000_000.0;

/// What the last file load did. Kept outside the page, because a new scenario redraws the page.
#[derive(Debug, Clone, PartialEq, Default)]
enum FileStatus {
    #[default]
    None,
    Reading(String),
    Loaded(String),
    Failed { file: String, count: usize, first: String },
}

thread_local! {
    static FILE_STATUS: ArcRwSignal<FileStatus> = ArcRwSignal::new(FileStatus::None);
}

fn file_status() -> ArcRwSignal<FileStatus> {
    FILE_STATUS.with(|s| s.clone())
}

/// Reads a dataset file. Only a dataset that passes every check replaces the figures in use (and
/// resets the scenario to its defaults); otherwise the issues go to the page's error banner and
/// nothing else changes.
async fn load_file(app: AppState, file: web_sys::File) {
    let status = file_status();
    let name = file.name();
    status.set(FileStatus::Reading(name.clone()));
    let result: Result<Loaded, Vec<Issue>> = async {
        let one = |m: String| vec![Issue { path: String::new(), message: m }];
        if file.size() > MAX_BYTES {
            return Err(one(format!("the file is {:.1} MB; a dataset file is usually under 1 MB, and the explorer reads files of up to 5 MB", file.size() / 1e6)));
        }
        let bytes = gloo_file::futures::read_as_bytes(&gloo_file::File::from(file)).await.map_err(|e| one(format!("the file could not be read: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|_| one("the file is not text in UTF-8: is it a spreadsheet rather than a JSON file?".into()))?;
        parse_dataset(text.strip_prefix('\u{feff}').unwrap_or(&text))
    }
    .await;
    match result {
        Ok(loaded) => {
            let ds = &loaded.dataset;
            let message = format!("Loaded {}, “{}”: {} figures, from {}.", ds.council, ds.title, loaded.figures.len(), name);
            let scenario = Scenario::default_for(&Baseline::from_dataset(ds));
            app.load_issues.set(vec![]);
            // Notices about the link that opened the app no longer apply to these figures.
            app.notices.set(vec![]);
            app.data.set(Some(Arc::new(loaded)));
            app.scenario.set(Some(scenario));
            status.set(FileStatus::Loaded(message));
        }
        Err(issues) => {
            let first = issues.first().map(|i| i.to_string()).unwrap_or_default();
            status.set(FileStatus::Failed { file: name.clone(), count: issues.len(), first });
            app.load_subject.set(name);
            app.load_issues.set(issues);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The page

#[component]
pub fn Sources() -> impl IntoView {
    let app = use_app();
    focus_location_hash();
    let filters = Filters { query: RwSignal::new(String::new()), status: RwSignal::new(None), paper: RwSignal::new(String::new()) };
    view! {
        <h1>"Sources: where every figure comes from"</h1>
        <p class="lede">"Every figure the explorer uses is one of three kinds, and each is marked:"</p>
        <ul class="kinds">
            <li><span class="tag published">"Published"</span>" taken from one of the council's papers: the paper, the paragraph, and the words it says."</li>
            <li><span class="tag derived">"Derived"</span>" worked out from other figures: the sum is shown, and the explorer checks it every time it loads the figures."</li>
            <li><span class="tag assumption">"Assumption"</span>" not in the papers, so chosen for this explorer: the reason is given. You can change most assumptions on the other pages."</li>
        </ul>
        <nav class="on-this-page" aria-label="On this page">
            <ul>
                <li><a href="#figures" on:click=jump("figures")>"Every figure"</a></li>
                <li><a href="#documents" on:click=jump("documents")>"The papers"</a></li>
                <li><a href="#own-data" on:click=jump("own-data")>"Use your own figures"</a></li>
            </ul>
        </nav>
        {move || app.data.get().map(|d| view! { <Figures loaded=d.clone() filters=filters/><Documents loaded=d filters=filters/> })}
        <OwnData/>
    }
}

/// An in-page link handler that focuses its target without touching the address (which would
/// count as a navigation and re-read the scenario from it).
fn jump(id: &'static str) -> impl Fn(web_sys::MouseEvent) + Clone + 'static {
    move |ev: web_sys::MouseEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        focus_id(id);
    }
}

#[component]
fn Figures(loaded: Arc<Loaded>, filters: Filters) -> impl IntoView {
    let rows = Arc::new(rows(&loaded));
    let total = rows.len();
    let Filters { query, status, paper } = filters;
    let visible = {
        let rows = rows.clone();
        Memo::new(move |_| {
            let (q, s, p) = (query.get(), status.get(), paper.get());
            rows.iter().map(|r| r.matches(&q, s, &p)).collect::<Vec<bool>>()
        })
    };
    let shown = Memo::new(move |_| visible.with(|v| v.iter().filter(|x| **x).count()));
    let status_counts: Vec<(Option<Status>, usize)> =
        std::iter::once((None, total)).chain(Status::ALL.iter().map(|s| (Some(*s), rows.iter().filter(|r| r.fig.status == *s).count()))).collect();
    let docs = loaded.dataset.documents.clone();

    let sections = Section::ALL
        .into_iter()
        .filter(|s| rows.iter().any(|r| r.section == *s))
        .map(|section| {
            let idx: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| r.section == section).map(|(i, _)| i).collect();
            let idx2 = idx.clone();
            let any_visible = move || visible.with(|v| idx2.iter().any(|i| v[*i]));
            let heading = format!("sec-{}-h", section.key());
            let labelled_by = heading.clone();
            let items = idx.into_iter().map(|i| view! { <FigureRow row=rows[i].clone() index=i visible=visible filters=filters/> }).collect::<Vec<_>>();
            view! {
                <section class="fig-section" data-section=section.key() aria-labelledby=labelled_by hidden=move || !any_visible()>
                    <h3 id=heading>{section.title()}</h3>
                    <ul class="figure-list">{items}</ul>
                </section>
            }
        })
        .collect::<Vec<_>>();

    view! {
        <section id="figures" aria-labelledby="figures-h">
            <h2 id="figures-h">"Every figure"</h2>
            <form class="filters" role="search" aria-label="Find figures" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="sources-search">"Search the figures"</label>
                    <span class="help" id="sources-search-help">"By name, amount (for example 17.2), paper or words in the quote"</span>
                    <input type="search" id="sources-search" autocomplete="off" spellcheck="false" aria-describedby="sources-search-help"
                        prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                </div>
                <fieldset class="status-filter">
                    <legend>"Show"</legend>
                    {status_counts.into_iter().map(|(s, n)| {
                        let value = s.map(|s| s.as_str()).unwrap_or("all");
                        let id = format!("sources-status-{value}");
                        let text = match s { Some(s) => format!("{} ({n})", status_label(s)), None => format!("All ({n})") };
                        view! {
                            <span class="choice">
                                <input type="radio" name="sources-status" id=id.clone() value=value prop:checked=move || status.get() == s on:change=move |_| status.set(s)/>
                                <label for=id>{text}</label>
                            </span>
                        }
                    }).collect::<Vec<_>>()}
                </fieldset>
                <div class="field">
                    <label for="sources-paper">"Paper"</label>
                    <select id="sources-paper" prop:value=move || paper.get() on:change=move |ev| paper.set(event_target_value(&ev))>
                        <option value="" selected=move || paper.get().is_empty()>"All papers"</option>
                        {docs.iter().map(|d| {
                            let id = d.id.clone();
                            let id2 = id.clone();
                            view! { <option value=id selected=move || paper.get() == id2>{format!("{} ({})", d.body.clone().unwrap_or_else(|| d.id.clone()), d.date.long())}</option> }
                        }).collect::<Vec<_>>()}
                    </select>
                </div>
                <button type="button" class="secondary" on:click=move |_| { query.set(String::new()); status.set(None); paper.set(String::new()); }
                    disabled=move || query.with(|q| q.is_empty()) && status.get().is_none() && paper.with(|p| p.is_empty())>"Clear"</button>
            </form>
            <p id="sources-count" class="count" aria-live="polite" aria-atomic="true">{move || count_text(shown.get(), total)}</p>
            <p class="empty" hidden=move || shown.get() != 0>"No figure matches. Try fewer or shorter words, or choose All."</p>
            {sections}
        </section>
    }
}

#[derive(Clone, Copy)]
struct Filters {
    query: RwSignal<String>,
    status: RwSignal<Option<Status>>,
    paper: RwSignal<String>,
}

impl Filters {
    fn clear(&self) {
        self.query.set(String::new());
        self.status.set(None);
        self.paper.set(String::new());
    }
}

#[component]
fn FigureRow(row: Row, index: usize, visible: Memo<Vec<bool>>, filters: Filters) -> impl IntoView {
    let f = &row.fig;
    let status = f.status.as_str();




    let approx = if f.approximate { "≈" } else { "" };
    let value = match &row.short {
        Some(s) => format!("{approx}{} ({approx}{s})", f.shown),
        None => format!("{approx}{}", f.shown),
    };
    let label_id = format!("{}-l", row.anchor);
    let citation = row.doc.as_ref().map(|d| {
        let doc_anchor = format!("doc-{}", d.id);
        let doc_anchor2 = doc_anchor.clone();
        let when = when_of(d);
        view! {
            <dt>"Source"</dt>
            <dd class="cite">
                <a href=format!("#{doc_anchor}") on:click=move |ev: web_sys::MouseEvent| {
                    if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 { return; }
                    ev.prevent_default();
                    focus_id(&doc_anchor2);
                }>{d.title.clone()}</a>
                {format!(" ({when})")}
                {f.reference.clone().map(|r| format!(", {r}"))}
                "."
            </dd>
        }
    });
    let quote = f.quote.clone().map(|q| view! { <dt>"It says"</dt><dd class="quote"><q>{q}</q></dd> });
    let formula = row.formula.clone().map(|w| {
        let head = if f.status == Status::Derived { "Worked out as" } else { "Checks with" };
        let terms = w.terms.iter().map(|t| {
            let target = anchor(&t.path);
            let target2 = target.clone();
            view! {
                {(!t.op.is_empty()).then(|| format!(" {} ", t.op))}
                <a href=format!("#{target}") on:click=move |ev: web_sys::MouseEvent| {
                    if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 { return; }
                    ev.prevent_default();
                    // The figure may be filtered out: show everything, then go to it.
                    filters.clear();
                    let t = target2.clone();
                    request_animation_frame(move || { focus_id(&t); });
                }>{t.label.clone()}</a>
            }
        }).collect::<Vec<_>>();
        view! {
            <dt>{head}</dt>
            <dd class="formula">"= "{terms}{w.tail}{w.tolerance.clone().map(|t| format!(" ({t})"))}</dd>
        }
    });
    let reason = f.reason.clone().map(|r| view! { <dt>"Why this value"</dt><dd>{r}</dd> });
    let range = f.range.clone().map(|r| {
        let show = |d: rust_decimal::Decimal| if f.unit == "gbp" { gbp(d) } else { d.normalize().to_string() };
        view! { <dt>"Plausible range"</dt><dd class="range">{format!("{} to {}. {}", show(r.low), show(r.high), r.reason)}</dd> }
    });
    let reading = row.reading.clone().map(|r| view! { <dt>"How we read it"</dt><dd class="reading">{r}</dd> });
    let note = f.note.clone().map(|n| view! { <dt>"Note"</dt><dd>{n}</dd> });
    view! {
        <li class="figure-row" id=row.anchor.clone() data-path=f.path.clone() data-status=status
            hidden=move || !visible.with(|v| v[index])>
            <h4 class="fig-head">
                <span class="fig-label" id=label_id>{f.label.clone()}</span>
                " "<span class="fig-value">{value}</span>
                " "<span class=format!("tag {status}")>{status_label(f.status)}</span>
            </h4>
            <dl class="fig-meta">
                {citation}
                {quote}
                {formula}
                {reason}
                {range}
                {reading}
                {note}
                <dt>"In the file"</dt><dd><code>{f.path.clone()}</code></dd>
            </dl>
        </li>
    }
}

#[component]
fn Documents(loaded: Arc<Loaded>, filters: Filters) -> impl IntoView {
    let cited: HashMap<String, usize> = loaded.figures.iter().filter_map(|f| f.source.clone()).fold(HashMap::new(), |mut m, s| {
        *m.entry(s).or_default() += 1;
        m
    });
    let items = loaded
        .dataset
        .documents
        .iter()
        .map(|d| {
            let n = cited.get(&d.id).copied().unwrap_or(0);
            let id = d.id.clone();
            let title_id = format!("doc-{}-t", d.id);
            let labelled_by = title_id.clone();
            let when_hidden = when_of(d);
            let when = when_of(d);
            view! {
                <li id=format!("doc-{}", d.id) data-doc=d.id.clone() aria-labelledby=labelled_by>
                    <h3 id=title_id>{d.title.clone()}</h3>
                    <p class="meta">{when}</p>
                    {d.note.clone().map(|n| view! { <p class="note">{n}</p> })}
                    {d.url.clone().map(|u| match crate::ui::url::web_link(&u) {
                        Some(href) => view! { <p><a href=href rel="noopener noreferrer">"Where the council publishes this paper"</a><span class="visually-hidden">" (the council's website)"</span></p> }.into_any(),
                        // Not a web address: shown as text, never as a link, whatever it holds.
                        None => view! { <p class="unlinked-url">"Where the council publishes this paper (not a web address, so not a link): "<code>{u}</code></p> }.into_any(),
                    })}
                    <p>
                        {format!("{n} {} cite this paper. ", if n == 1 { "figure" } else { "figures" })}
                        {(n > 0).then(|| view! {
                            <button type="button" class="secondary" on:click=move |_| {
                                filters.clear();
                                filters.paper.set(id.clone());
                                request_animation_frame(|| { focus_id("figures-h"); });
                            }>"Show them"<span class="visually-hidden">{format!(" (the figures from {when_hidden})")}</span></button>
                        })}
                    </p>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section id="documents" aria-labelledby="documents-h">
            <h2 id="documents-h">"The papers"</h2>
            <p>{format!("The figures come from {} papers, listed here with the date of the meeting or publication.", loaded.dataset.documents.len())}</p>
            <ul class="documents">{items}</ul>
        </section>
    }
}

#[component]
pub fn OwnData() -> impl IntoView {
    let app = use_app();
    let status = file_status();
    let dragging = RwSignal::new(false);
    let start = move |file: web_sys::File| leptos::task::spawn_local(load_file(app, file));
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let file = input.files().and_then(|f| f.get(0));
        // Clear the control so choosing the same file again (after fixing it) loads it again.
        input.set_value("");
        if let Some(file) = file {
            start(file);
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            start(file);
        }
    };
    let example = move || {
        app.manifest.get().and_then(|m| m.find(None, None).map(|e| (format!("data/{}", e.path), e.path.clone(), e.council.clone())))
    };
    let message = {
        let status = status.clone();
        move || match status.get() {
            FileStatus::None => String::new(),
            FileStatus::Reading(name) => format!("Reading {name}…"),
            FileStatus::Loaded(m) => m,
            // Once the banner is dismissed, say nothing more.
            FileStatus::Failed { file, count, first } => {
                if app.load_issues.with(|i| i.is_empty()) {
                    String::new()
                } else {
                    format!(
                        "Could not load {file}: {count} {} found, listed at the top of the page. The first: {first}. Nothing has changed: the figures you had are still in use.",
                        if count == 1 { "problem" } else { "problems" }
                    )
                }
            }
        }
    };
    let failed = move || matches!(status.get(), FileStatus::Failed { .. }) && app.load_issues.with(|i| !i.is_empty());
    view! {
        <section id="own-data" aria-labelledby="own-data-h">
            <h2 id="own-data-h">"Use your own figures"</h2>
            <p>"You can explore another council's figures, or your own draft figures, by loading a dataset file. The file is read here in your browser and is not sent anywhere."</p>
            <p>"The explorer checks every figure. If something is wrong, it lists each problem with the place in the file where it is, and keeps the figures you had. If the file passes, its figures replace the ones in use and every assumption goes back to its default."</p>
            <div id="data-drop" class="dropzone" class:dragging=move || dragging.get()
                on:dragenter=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <label for="data-file">"Choose a dataset file (JSON)"</label>
                <input type="file" id="data-file" accept=".json,application/json" aria-describedby="data-file-help" on:change=on_change/>
                <p id="data-file-help" class="help">"Or drag the file into this box and drop it."</p>
            </div>
            <p id="data-file-status" class="file-status" class:failed=failed role="status">{message}</p>
            <h3>"Making a dataset"</h3>
            <p>"A dataset is one JSON file. The format is described in "<code>"docs/data-format.md"</code>", which comes with the explorer's source code. Start from the blank template: every figure in it is set to zero, and it loads as it is, so you can fill it in a little at a time and check it here as you go."</p>
            <ul class="downloads">
                <li><a href="data/template.json" download="template.json">"Download the blank template"</a><span class="visually-hidden">" (JSON file)"</span></li>
                {move || example().map(|(href, file, council)| view! {
                    <li><a href=href download=file>{format!("Download the {council} figures as a worked example")}</a><span class="visually-hidden">" (JSON file)"</span></li>
                })}
            </ul>
            <h3>"Opening a dataset with a link"</h3>
            <p>"A site that hosts the explorer can open another dataset file from its own folder with a link that ends "<code>"?src=data/other.json"</code>". The path must be on the same site and end in "<code>".json"</code>"; links to other sites are refused, and the shipped figures are used instead. A file you load from your computer stays in this browser tab: a link you copy names its figures but cannot carry the file."</p>
            <p>"Words used on this page are explained in the "<PageLink page=Page::Glossary fragment="published">"glossary"</PageLink>"."</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Loaded {
        crate::testing::q2()
    }

    #[test]
    fn sections_and_anchors() {
        assert_eq!(Section::of("high_needs.forecasts[2].amount"), Section::HighNeeds);
        assert_eq!(Section::of("budget.reserves.general_fund"), Section::Budget);
        assert_eq!(Section::of("capital.schemes[0].total"), Section::Capital);
        assert_eq!(anchor("high_needs.forecasts[2].amount"), "fig-high-needs-forecasts-2-amount");
    }

    #[test]
    fn every_figure_is_listed_once_grouped_by_section() {
        let l = shipped();
        let r = rows(&l);
        assert_eq!(r.len(), l.figures.len());
        assert!(r.windows(2).all(|w| w[0].section <= w[1].section));
        let mut anchors: Vec<&str> = r.iter().map(|x| x.anchor.as_str()).collect();
        anchors.sort();
        anchors.dedup();
        assert_eq!(anchors.len(), r.len(), "anchors are unique");
        assert!(r.iter().filter(|x| x.fig.status == Status::Published).all(|x| x.doc.is_some()), "every published figure has its paper");
    }

    #[test]
    fn formulas_in_words() {
        let r = rows(&shipped());
        let end = r.iter().find(|x| x.fig.path == "high_needs.deficit_year_end").unwrap();
        assert_eq!(
            end.formula.as_ref().unwrap().text(),
            "= Cumulative DSG deficit brought forward at 1 April 2024 + Forecast in-year DSG deficit 2024/25 (Q2)"
        );
        let action = r.iter().find(|x| x.fig.path == "budget.management_action").unwrap();
        assert_eq!(
            action.formula.as_ref().unwrap().text(),
            "= Forecast overspend at quarter 2, before management action − Forecast overspend after management action"
        );
        let share = r.iter().find(|x| x.fig.path == "savings.delivered.share").unwrap();
        assert_eq!(
            share.formula.as_ref().unwrap().text(),
            "= Savings delivered by quarter 2 ÷ Savings target 2024/25 × 100 (allowing a difference of up to 1 percentage point for rounding)"
        );
    }

    #[test]
    fn search_finds_by_amount_words_status_and_paper() {
        let r = rows(&shipped());
        let hits = |q: &str| r.iter().filter(|x| x.matches(q, None, "")).map(|x| x.fig.path.as_str()).collect::<Vec<_>>();
        assert!(hits("17.2").contains(&"high_needs.forecasts[2].amount"));
        assert!(hits("override").contains(&"high_needs.override_end"));
        assert!(hits("OVERRIDE 2026").contains(&"high_needs.override_end"), "all words, any case");
        assert!(hits("212800000").contains(&"budget.net_budget"));
        assert!(hits("£212.8m").contains(&"budget.net_budget"));
        assert!(hits("no such words anywhere").is_empty());
        assert_eq!(hits("").len(), r.len());
        let assumptions = r.iter().filter(|x| x.matches("", Some(Status::Assumption), "")).count();
        assert!(assumptions > 0 && assumptions < r.len());
        let send = r.iter().filter(|x| x.matches("", None, "cyp-scrutiny-2025-03-18-send")).count();
        let agenda = r.iter().filter(|x| x.matches("", None, "cyp-scrutiny-2025-03-18")).count();
        assert!(send > 0 && agenda > 0 && send + agenda < r.len(), "a paper's filter is exact, not a prefix");
    }

    #[test]
    fn counts() {
        assert_eq!(count_text(12, 91), "Showing 12 of 91 figures");
        assert_eq!(count_text(91, 91), "Showing all 91 figures");
    }
}
