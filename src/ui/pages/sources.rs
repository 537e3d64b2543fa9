//! Sources: every figure of the loaded dataset with where it comes from (published, derived or
//! an assumption), a search and filters, the papers cited, and loading a dataset from a file.

use crate::data::dataset::Document;
use crate::data::figure::{FigureRecord, Formula, Status};
use crate::data::Loaded;
use crate::units::money::gbp;
use crate::ui::components::page_link::{anchor, focus_id, jump, plain_click, show_place, PageLink, Place};
use crate::ui::route::Page;
use crate::ui::components::workbook::InputWorkbooks;
use crate::ui::load_file::{cancel, load_file, FileStatus};
use crate::ui::state::use_app;
use crate::model::dsg::PolicyPreset;
use crate::ui::components::later::Later;
use crate::ui::components::scenario_link::Term;
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
                "percent" => crate::ui::components::words::points(t),
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

use crate::units::money::exact_millions;

pub fn rows(loaded: &Loaded) -> Vec<Row> {
    let labels: HashMap<String, String> = loaded.figures.iter().map(|f| (f.path.clone(), f.label.clone())).collect();
    // Only the cited papers are looked up: a dataset may list up to 100,000.
    let sources: std::collections::HashSet<&str> = loaded.figures.iter().filter_map(|f| f.source.as_deref()).collect();
    let docs: HashMap<&str, &Document> = loaded.dataset.documents.iter().filter(|d| sources.contains(d.id.as_str())).map(|d| (d.id.as_str(), d)).collect();
    let mut out: Vec<Row> = loaded
        .figures
        .iter()
        .map(|f| {
            let doc = f.source.as_deref().and_then(|s| docs.get(s)).map(|d| (*d).clone());
            let formula = f.formula.as_ref().map(|x| FormulaWords::new(x, f.unit, &labels));
            // The £m form only where it is exact to three places, as papers write them: "£3.55m"
            // and "£2.055m", where one place gave "£3.6m" beside a paper's £3.55m; £4,055,453
            // has none, its full figure being beside it.
            let short = match (f.unit, f.number) {
                ("gbp", Some(n)) if n.abs() >= rust_decimal::Decimal::from(1_000_000) => exact_millions(n),
                _ => None,
            };
            let mut hay = vec![f.label.clone(), f.path.clone(), f.path.replace(['_', '.'], " "), f.shown.clone(), status_label(f.status).into()];
            hay.extend(short.clone());
            hay.extend(f.number.map(|n| n.normalize().to_string()));
            hay.extend([f.source.clone(), f.reference.clone(), f.quote.clone(), f.reason.clone(), f.note.clone()].into_iter().flatten());
            if let Some(d) = &doc {
                hay.extend([d.title.clone(), d.when()]);
                hay.extend(d.body.clone());
            }
            hay.extend(formula.as_ref().map(|w| w.text()));
            let reading = vintage_reading(&loaded.dataset, &f.path);
            hay.extend(reading.clone());
            Row { section: Section::of(&f.path), anchor: anchor(&f.path), short, doc, formula, reading, haystack: hay.join("\n").to_lowercase(), fig: f.clone() }
        })
        .collect();
    // Group by section, keeping the file's order within each.
    crate::sorting::sort_by_key(&mut out, |r| r.section);
    out
}

/// "Cabinet, 19 December 2024": who met (or published) and when.
fn when_of(d: &Document) -> String {
    match &d.body {
        Some(b) => format!("{b}, {}", d.when()),
        None => d.when(),
    }
}

/// A paper's name in the menu: the body that met and the date ("Cabinet (19 December 2024)");
/// the paper's title when another paper has the same body and date, or when it names no body
/// (an id such as `cyp-scrutiny-2025-03-18` is the file's, not a name).
pub fn paper_choice(d: &Document, docs: &[Document]) -> String {
    let name = d.name(docs);
    // A body's name is dated; a title already says which paper it is.
    if d.body.as_ref() == Some(&name) { format!("{name} ({})", d.when()) } else { name }
}

pub fn count_text(shown: usize, total: usize) -> String {
    let noun = if total == 1 { "figure" } else { "figures" };
    if shown == total {
        format!("Showing all {total} {noun}")
    } else {
        format!("Showing {shown} of {total} {noun}")
    }
}

/// Papers listed per page: a dataset may list up to `limits::DOCUMENTS` of them, and drawing
/// them all at once would freeze the page.
pub const DOCS_PER_PAGE: usize = 50;

/// The pages of a long list: which items a page shows, and which page shows an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub total: usize,
    pub per_page: usize,
}

impl Paging {
    /// How many pages (at least one, so an empty list still has a page to show).
    pub fn pages(self) -> usize {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
    /// The items of page `page` (0-based, clamped to the last page), as a range of indices.
    pub fn range(self, page: usize) -> std::ops::Range<usize> {
        let page = page.min(self.pages() - 1);
        let start = page * self.per_page;
        start.min(self.total)..(start + self.per_page).min(self.total)
    }
    pub fn page_of(self, index: usize) -> usize {
        (index / self.per_page.max(1)).min(self.pages() - 1)
    }
    /// The page a reader typed ("7", " 12 "), 1-based, as a 0-based page within range.
    pub fn parse_page(self, typed: &str) -> Option<usize> {
        let n: usize = typed.trim().parse().ok()?;
        Some(n.clamp(1, self.pages()) - 1)
    }
    /// "Papers 51 to 100 of 100,000 (page 2 of 2,000)".
    pub fn text(self, page: usize) -> String {
        use crate::data::limits::thousands;
        let r = self.range(page);
        format!("Papers {} to {} of {} (page {} of {})", thousands(r.start + 1), thousands(r.end), thousands(self.total), thousands(page.min(self.pages() - 1) + 1), thousands(self.pages()))
    }
}

/// The page of papers shown, and where each paper is: shared by the list and by every citation,
/// so a citation of a paper on another page opens that page.
#[derive(Clone, Copy)]
struct DocPager {
    page: RwSignal<usize>,
    paging: Paging,
    loaded: StoredValue<Arc<Loaded>>,
}

impl DocPager {
    fn new(loaded: &Arc<Loaded>) -> DocPager {
        let total = loaded.dataset.documents.len();
        DocPager { page: RwSignal::new(0), paging: Paging { total, per_page: DOCS_PER_PAGE }, loaded: StoredValue::new(loaded.clone()) }
    }

    /// Shows the page of paper `id` (if it is one); the caller focuses `doc-<id>` after the redraw.
    /// A search on each use (a millisecond or two at the limit) rather than an index built for
    /// every paper when the page is drawn.
    fn open(&self, id: &str) {
        if let Some(i) = self.loaded.with_value(|l| l.dataset.documents.iter().position(|d| d.id == id)) {
            let p = self.paging.page_of(i);
            if self.page.get_untracked() != p {
                self.page.set(p);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The page

#[component]
pub fn Sources() -> impl IntoView {
    let app = use_app();
    // A `#doc-…` address names a paper that may be on another page of the list: open that page
    // before the list is drawn, so the focus below finds it.
    let target = location_target();
    let filters = Filters { query: RwSignal::new(String::new()), status: RwSignal::new(None), paper: RwSignal::new(String::new()) };
    // Worked out once for the menu and the section (it had been worked out for each).
    let lists = crate::ui::memo::memo(move |_| policy_lists(app));
    view! {
        <h1>"Sources: where every figure comes from"</h1>
        <p class="lede">"Every figure the explorer uses is one of three kinds, and each is marked:"</p>
        <ul class="kinds">
            <li><span class="tag published">"Published"</span>" taken from one of the council's papers: the paper, the paragraph, and the words it says."</li>
            <li><span class="tag derived">"Derived"</span>" worked out from other figures: the sum is shown, and the explorer checks it every time it loads the figures."</li>
            <li><span class="tag assumption">"Assumption"</span>" not in the papers, so chosen for this explorer: the reason is given. You can change most assumptions on the other pages."</li>
        </ul>
        <p>"The glossary says more of each: "<Term id="published" text="published"/>", "<Term id="derived" text="derived"/>" and "<Term id="assumption" text="assumption"/>"."</p>
        <nav class="on-this-page" aria-label="On this page">
            <ul>
                <li><a href="#figures" on:click=jump("figures")>"Every figure"</a></li>
                <li><a href="#own-assumptions" on:click=jump("own-assumptions")>"The explorer's own assumptions"</a></li>
                <li><a href="#documents" on:click=jump("documents")>"The papers"</a></li>
                {move || lists.with(policy_heading).map(|h| view! {
                    <li><a href="#policy" on:click=jump("policy")>{h}</a></li>
                })}
                <li class="needs-js"><a href="#own-data" on:click=jump("own-data")>"Use your own figures"</a></li>
            </ul>
        </nav>
        {move || app.data.get().map(|d| {
            let pager = DocPager::new(&d);
            if let Some(id) = target.as_deref().and_then(|t| t.strip_prefix("doc-")) {
                pager.open(id);
            }
            let lists = lists.get();
            // The latest paper's own date, which decides what is news to the papers.
            let latest = crate::ui::components::policy_news::latest_paper_when(&d.dataset);
            let policy = policy_heading(&lists).map(|heading| {
                let (items, earlier) = lists;
                view! { <NationalPolicy heading items earlier latest/> }
            });
            // The parts after the first in tasks of their own in the app's first view (`Later`).
            view! { <Figures loaded=d.clone() filters=filters pager=pager/><Later><crate::ui::components::own_assumptions::OwnAssumptions/></Later><Later><Documents loaded=d.clone() filters=filters pager=pager/></Later>{policy} }
        })}
        <Later><OwnData/></Later>
    }
}

/// The element the address's `#fragment` names (or the one the app was opened with).
fn location_target() -> Option<String> {
    crate::ui::components::page_link::remember_initial_hash();
    let hash = crate::ui::browser::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let hash = hash.trim_start_matches('#');
    if hash.is_empty() {
        crate::ui::components::page_link::initial_hash()
    } else {
        Some(hash.to_string())
    }
}


#[component]
fn Figures(loaded: Arc<Loaded>, filters: Filters, pager: DocPager) -> impl IntoView {
    let rows = Arc::new(rows(&loaded));
    let total = rows.len();
    let Filters { query, status, paper } = filters;
    let visible = {
        let rows = rows.clone();
        crate::ui::memo::memo(move |_| {
            let (q, s, p) = (query.get(), status.get(), paper.get());
            rows.iter().map(|r| r.matches(&q, s, &p)).collect::<Vec<bool>>()
        })
    };
    let shown = crate::ui::memo::memo(move |_| visible.with(|v| v.iter().filter(|x| **x).count()));
    let status_counts: Vec<(Option<Status>, usize)> =
        std::iter::once((None, total)).chain(Status::ALL.iter().map(|s| (Some(*s), rows.iter().filter(|r| r.fig.status == *s).count()))).collect();
    // Only the papers some figure cites: a dataset may list many more, and the menu filters figures.
    let cited: std::collections::HashSet<&str> = loaded.figures.iter().filter_map(|f| f.source.as_deref()).collect();
    let docs: Vec<Document> = loaded.dataset.documents.iter().filter(|d| cited.contains(d.id.as_str())).cloned().collect();

    let sections = Section::ALL
        .into_iter()
        .filter(|s| rows.iter().any(|r| r.section == *s))
        .map(|section| {
            let idx: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| r.section == section).map(|(i, _)| i).collect();
            let idx2 = idx.clone();
            let any_visible = move || visible.with(|v| idx2.iter().any(|i| v[*i]));
            let heading = format!("sec-{}-h", section.key());
            let labelled_by = heading.clone();
            let rows = rows.clone();
            // Each section's rows are drawn in a task of their own in the app's first view.
            view! {
                <section class="fig-section" data-section=section.key() aria-labelledby=labelled_by hidden=move || !any_visible()>
                    <h3 id=heading>{section.title()}</h3>
                    <Later><ul class="figure-list">{idx.iter().map(|&i| view! { <FigureRow row=rows[i].clone() index=i visible=visible filters=filters pager=pager/> }).collect::<Vec<_>>()}</ul></Later>
                </section>
            }
        })
        .collect::<Vec<_>>();

    view! {
        <section id="figures" aria-labelledby="figures-h">
            <h2 id="figures-h">"Every figure"</h2>
            <form class="filters needs-js" role="search" aria-label="Find figures" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="sources-search">"Search the figures"</label>
                    <span class="help" id="sources-search-help">{format!("By name, amount (for example {}), paper or words in the quote", search_example(&loaded.dataset))}</span>
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
                                <input type="radio" name="sources-status" id=id.clone() value=value checked=status.get_untracked() == s prop:checked=move || status.get() == s on:change=move |_| status.set(s)/>
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
                            view! { <option value=id selected=move || paper.get() == id2>{paper_choice(d, &docs)}</option> }
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
fn FigureRow(row: Row, index: usize, visible: Memo<Vec<bool>>, filters: Filters, pager: DocPager) -> impl IntoView {
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
        let doc_id = d.id.clone();
        let when = when_of(d);
        view! {
            <dt>"Source"</dt>
            <dd class="cite">
                <a href=format!("#{doc_anchor}") on:click=move |ev: web_sys::MouseEvent| {
                    if !plain_click(&ev) { return; }
                    ev.prevent_default();
                    // The paper may be on another page of the list: open it, then go to the paper.
                    pager.open(&doc_id);
                    let target = doc_anchor2.clone();
                    request_animation_frame(move || { show_place(&target, Place::OnThisPage); });
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
                    if !plain_click(&ev) { return; }
                    ev.prevent_default();
                    // The figure may be filtered out: show everything, then go to it.
                    filters.clear();
                    let t = target2.clone();
                    request_animation_frame(move || { show_place(&t, Place::OnThisPage); });
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
fn Documents(loaded: Arc<Loaded>, filters: Filters, pager: DocPager) -> impl IntoView {
    let cited: Arc<HashMap<String, usize>> = Arc::new(loaded.figures.iter().filter_map(|f| f.source.clone()).fold(HashMap::new(), |mut m, s| {
        *m.entry(s).or_default() += 1;
        m
    }));
    let paging = pager.paging;
    let page = pager.page;
    let total = loaded.dataset.documents.len();
    // Only the papers of the page shown are drawn.
    let items = {
        let loaded = loaded.clone();
        move || {
            let range = paging.range(page.get());
            loaded.dataset.documents[range].iter().map(|d| doc_item(d, cited.get(&d.id).copied().unwrap_or(0), filters)).collect::<Vec<_>>()
        }
    };
    let paged = paging.pages() > 1;
    view! {
        <section id="documents" aria-labelledby="documents-h">
            <h2 id="documents-h">"The papers"</h2>
            <p>{format!("The figures come from {}, listed here with the date of the meeting or publication.", crate::ui::components::words::counted(total, "paper", "papers"))}</p>
            {paged.then(|| view! { <Pager pager=pager place="top"/> })}
            <ul class="documents">{items}</ul>
            {paged.then(|| view! { <Pager pager=pager place="bottom"/> })}
        </section>
    }
}

/// How the dataset's placement lines map onto the DfE management plan's provision types.
#[component]
fn ProvisionTypes() -> impl IntoView {
    let app = use_app();
    let rows = move || {
        app.data.with(|d| {
            d.as_ref()
                .map(|d| crate::workbook::provision::mapping(&d.dataset.high_needs.model.placements))
                .unwrap_or_default()
                .into_iter()
                .map(|(name, status, words)| view! { <tr><th scope="row">{name}</th><td>{status.word()}</td><td>{words}</td></tr> })
                .collect_view()
        })
    };
    view! {
        <h3 id="provision-types-h">"Placement lines and the DfE provision types"</h3>
        <p>"The DfE's DSG deficit management plan reports high-needs spend by provision type. The workbooks report the dataset's placement lines under these types: given (the dataset has a line), merged (no line of its own; any such places would be in another type's line) or empty."</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Placement lines and the DfE provision types">
            <table id="provision-types" aria-labelledby="provision-types-h">
                <thead><tr><th scope="col">"Provision type"</th><th scope="col">"Status"</th><th scope="col">"What it holds"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Previous, Next and a page-number box for the list of papers. The range shown is announced.
#[component]
fn Pager(pager: DocPager, place: &'static str) -> impl IntoView {
    let DocPager { page, paging, .. } = pager;
    let last = paging.pages() - 1;
    let input_id = format!("docs-page-{place}");
    let go = move |p: usize| {
        if page.get_untracked() != p {
            page.set(p);
        }
    };
    let label = if place == "top" { "Pages of papers" } else { "Pages of papers (end of list)" };
    let max = (last + 1).to_string();
    // aria-disabled rather than disabled, so a keyboard user's focus is not lost at either end.
    view! {
        <nav class="pager needs-js" aria-label=label>
            <button type="button" class="secondary" aria-disabled=move || (page.get() == 0).to_string()
                on:click=move |_| { let p = page.get_untracked(); if p > 0 { go(p - 1); } }>"Previous"<span class="visually-hidden">" page of papers"</span></button>
            <label for=input_id.clone()>"Page"</label>
            <input type="number" id=input_id inputmode="numeric" min="1" max=max prop:value=move || (page.get() + 1).to_string()
                on:change=move |ev| { if let Some(p) = paging.parse_page(&event_target_value(&ev)) { go(p); } }/>
            <span>{format!("of {}", crate::data::limits::thousands(last + 1))}</span>
            <button type="button" class="secondary" aria-disabled=move || (page.get() == last).to_string()
                on:click=move |_| { let p = page.get_untracked(); if p < last { go(p + 1); } }>"Next"<span class="visually-hidden">" page of papers"</span></button>
            {(place == "top").then(|| view! { <p id="docs-range" class="count" aria-live="polite" aria-atomic="true">{move || paging.text(page.get())}</p> })}
        </nav>
    }
}

/// One paper in the list: title, when, note, where it is published, and the figures citing it.
fn doc_item(d: &Document, n: usize, filters: Filters) -> impl IntoView {
    let id = d.id.clone();
    let title_id = format!("doc-{}-t", d.id);
    let labelled_by = title_id.clone();
    // The title, not the body and date: two papers of one meeting share those.
    let when_hidden = d.title.clone();
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
                {format!("{} this paper. ", crate::ui::components::words::counted(n, "figure cites", "figures cite"))}
                {(n > 0).then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| {
                        filters.clear();
                        filters.paper.set(id.clone());
                        request_animation_frame(|| { focus_id("figures-h"); });
                    }>{if n == 1 { "Show it" } else { "Show them" }}<span class="visually-hidden">{format!(" (the figures from {when_hidden})")}</span></button>
                })}
            </p>
        </li>
    }
}

#[component]
pub fn OwnData() -> impl IntoView {
    let app = use_app();
    let status = app.file_status;
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
    // A memo, so the live region is not rewritten (and re-announced) by every slice's progress.
    let message = crate::ui::memo::memo({
        let status = status.clone();
        move |_| match status.get() {
            FileStatus::None => String::new(),
            FileStatus::Reading(name) | FileStatus::Working { file: name, .. } => format!("Reading {name}…"),
            FileStatus::Loaded(m) => m,
            FileStatus::Cancelled(name) => format!("Stopped loading {name}. Nothing has changed: the figures and scenario you had are still in use."),
            FileStatus::LeftBehind(name) => format!("Stopped loading {name} when you went back or forward: its figures are not in use. Choose it again to load it."),
            // Once the banner is dismissed, say nothing more.
            FileStatus::Failed { file, count, first } => {
                if app.load_issues.with(|i| i.is_empty()) {
                    String::new()
                } else {
                    if count == 1 {
                        format!("Could not load {file}: {first}. The problem is also listed at the top of the page. Nothing has changed: the figures you had are still in use.")
                    } else {
                        format!("Could not load {file}: {count} problems found, listed at the top of the page. The first: {first}. Nothing has changed: the figures you had are still in use.")
                    }
                }
            }
        }
    });
    let busy = {
        let status = status.clone();
        crate::ui::memo::memo(move |_| status.with(|s| s.busy()))
    };
    let progress = {
        let status = status.clone();
        crate::ui::memo::memo(move |_| match status.get() {
            FileStatus::Working { progress, .. } => Some(progress),
            _ => None,
        })
    };
    let progress_text = move || match progress.get() {
        Some(p) if p.total > 0 => format!("{}: {} of {}", p.what, crate::data::limits::thousands(p.done), crate::data::limits::thousands(p.total)),
        Some(p) => p.what.to_string(),
        None => "Reading the file".to_string(),
    };
    let on_cancel = move |_: web_sys::MouseEvent| {
        cancel(app);
        // The button goes with the load: give the focus back to the file control.
        focus_id("data-file");
    };
    let failed = move || matches!(status.get(), FileStatus::Failed { .. }) && app.load_issues.with(|i| !i.is_empty());
    view! {
        <section id="own-data" class="needs-js" aria-labelledby="own-data-h">
            <h2 id="own-data-h">"Use your own figures"</h2>
            <p>"You can explore another council's figures, or your own draft figures, by loading a dataset file. The file is read here in your browser and is not sent anywhere."</p>
            <p>"The explorer checks every figure. If something is wrong, it lists each problem with the place in the file where it is, and keeps the figures you had. If the file passes, its figures replace the ones in use and every assumption goes back to its default."</p>
            <div id="data-drop" class="dropzone" class:dragging=move || dragging.get()
                on:dragenter=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <label for="data-file">"Choose a dataset file (JSON or Excel workbook)"</label>
                <input type="file" id="data-file" accept=".json,application/json,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="data-file-help" on:change=on_change/>
                <p id="data-file-help" class="help">"Or drag the file into this box and drop it."</p>
            </div>
            <div class="load-progress" hidden=move || !busy.get()>
                <label for="data-progress" id="data-progress-l">{progress_text}</label>
                <progress id="data-progress" max=move || progress.get().map(|p| p.total.max(1).to_string())
                    value=move || progress.get().map(|p| p.done.to_string())></progress>
                <button type="button" id="data-cancel" class="secondary" on:click=on_cancel>"Cancel"<span class="visually-hidden">" loading the file"</span></button>
            </div>
            <p id="data-file-status" class="file-status" class:failed=failed role="status">{move || message.get()}</p>
            // The list is at the top of the page, far above on a phone: a way there.
            {move || failed().then(|| view! { <p><a href="#load-issues-h" on:click=jump("load-issues-h")>"Go to the list of problems"</a></p> })}
            <h3>"Making a dataset"</h3>
            <p>"A dataset is one JSON file. The format is described in "<code>"docs/data-format.md"</code>", which comes with the explorer's source code. Start from the blank template: every figure in it is set to zero, and it loads as it is, so you can fill it in a little at a time and check it here as you go."</p>
            <p>"Or fill in a workbook: one sheet per part of the dataset, instructions on the first sheet, and drop-downs for units and statuses. Load it here as it is; a problem is reported with its sheet and cell."</p>
            <div class="downloads"><InputWorkbooks/></div>
            <ProvisionTypes/>
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

/// An amount to search for, from these figures: the latest published DSG deficit forecast (the
/// Overview's headline) in £m as the pages print it ("17.2"), which the search finds.
fn search_example(ds: &crate::data::Dataset) -> String {
    let h = &ds.high_needs;
    // In the exact £m form a figure's row holds (18.45, not 18.5, which finds nothing), and not
    // nil: failing a latest forecast, the net budget.
    let latest = h.forecasts.iter().max_by_key(|f| f.made).map(|f| f.amount.value).unwrap_or(h.deficit_year_end.value);
    let n = if latest.is_zero() { ds.budget.net_budget.value } else { latest };
    exact_millions(n).map(|m| m.replace(['£', 'm', '−'], "")).unwrap_or_else(|| n.abs().normalize().to_string())
}

/// The national positions High needs offers beside the papers': those announced since the
/// papers, and those announced before them that the papers do not take.
fn policy_lists(app: crate::ui::state::AppState) -> (Vec<PolicyPreset>, Vec<PolicyPreset>) {
    app.news
        .with(|n| app.baseline.with(|b| n.as_ref().zip(b.as_ref()).map(|(n, b)| (n.presets_since_papers(), n.offered_not_news(b)))))
        .unwrap_or_default()
}

/// The policy section's heading, if it has anything to list: "since the papers" only where all
/// of it came after them.
fn policy_heading((since, earlier): &(Vec<PolicyPreset>, Vec<PolicyPreset>)) -> Option<&'static str> {
    match (since.is_empty(), earlier.is_empty()) {
        (false, true) => Some("National policy since the papers"),
        (true, true) => None,
        _ => Some("National policy the papers do not take"),
    }
}

/// Government announcements the High needs presets model: national (England), not the
/// council's, so they live with the presets, not in a dataset. Only what differs from the
/// papers is listed (a later vintage may already give 2028); what was announced before the
/// papers is listed apart, or this list and the page's presets disagree.
#[component]
fn NationalPolicy(heading: &'static str, items: Vec<PolicyPreset>, earlier: Vec<PolicyPreset>, latest: String) -> impl IntoView {
    let list = |ps: Vec<PolicyPreset>| {
        view! {
            <ul class="sources">
                {ps.into_iter().map(|p| view! {
                    <li><strong>{p.label()}</strong>{format!(" ({}): {}", p.date(), p.source())}</li>
                }).collect::<Vec<_>>()}
            </ul>
        }
    };
    let also = if items.is_empty() { "" } else { " also" };
    let since = (!items.is_empty()).then(|| view! {
        <p>"Government has announced the following since the council's papers. None of it is in the papers, so no figure above comes from it: the High needs page offers each as a preset beside the papers' own position, and the Overview mentions them. Each is given here as announced, with its date."</p>
        {list(items)}
    });
    let before = (!earlier.is_empty()).then(|| view! {
        <p>{format!(
            "The High needs page{also} offers {}, announced before these papers (the latest of them is dated {latest}) but not taken by them. No figure above comes from {}: {} a preset beside the papers' own position.",
            if earlier.len() == 1 { "the following position" } else { "the following positions" },
            if earlier.len() == 1 { "it" } else { "them" },
            if earlier.len() == 1 { "it is" } else { "each is" },
        )}</p>
        {list(earlier)}
    });
    view! {
        <section id="policy" aria-labelledby="policy-h">
            <h2 id="policy-h">{heading}</h2>
            {since}
            {before}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_example_is_these_figures_own_and_finds_a_figure() {
        let odd = crate::testing::avila_with(|v| v["high_needs"]["forecasts"][4]["amount"]["value"] = "18450000".into());
        for l in [crate::testing::shipped(), crate::testing::exampleshire(), odd] {
            let ex = search_example(&l.dataset);
            assert!(rows(&l).iter().any(|r| r.haystack.contains(&ex)), "{ex} finds nothing in {}", l.dataset.id);
        }
        assert_eq!(search_example(&crate::testing::shipped().dataset), "17.2");
    }

    #[test]
    fn a_figures_short_form_is_exact_or_absent() {
        // The auditor: "£3,550,000 (£3.6m)" beside a paper that says £3.55m.
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        assert_eq!(exact_millions(d("3550000")).as_deref(), Some("£3.55m"));
        assert_eq!(exact_millions(d("2055000")).as_deref(), Some("£2.055m"));
        assert_eq!(exact_millions(d("212800000")).as_deref(), Some("£212.8m"));
        assert_eq!(exact_millions(d("19000000")).as_deref(), Some("£19m"));
        assert_eq!(exact_millions(d("4055453")), None);
        let l = crate::testing::shipped();
        let all = rows(&l);
        let row = |path: &str| all.iter().find(|r| r.fig.path == path).unwrap_or_else(|| panic!("{path}"));
        assert!(all.iter().filter_map(|r| r.short.as_ref().map(|s| (s, r.fig.number.unwrap()))).all(|(s, n)| {
            let m: rust_decimal::Decimal = s.trim_start_matches('£').trim_end_matches('m').parse().unwrap();
            m * rust_decimal::Decimal::from(1_000_000) == n.abs()
        }));
        assert_eq!(row("budget.net_budget").short.as_deref(), Some("£212.8m"));
    }

    #[test]
    fn two_papers_of_one_meeting_are_told_apart_in_the_menu() {
        let ds = crate::testing::shipped().dataset;
        let names: Vec<String> = ds.documents.iter().map(|d| paper_choice(d, &ds.documents)).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        assert!(names.contains(&"Cabinet (27 March 2025)".to_string()), "{names:?}");
        // The scrutiny committee's two papers of 18 March 2025 go by their titles.
        let twins: Vec<&crate::data::dataset::Document> = ds.documents.iter().filter(|d| d.date.long() == "18 March 2025").collect();
        assert_eq!(twins.len(), 2);
        for d in twins {
            assert_eq!(paper_choice(d, &ds.documents), d.title);
        }
        // One of them known only to its month: still told apart by their titles, not by a day.
        let mut ds = ds;
        let i = ds.documents.iter().position(|d| d.date.long() == "18 March 2025").unwrap();
        ds.documents[i].date = crate::units::calendar::Date::new(2025, 3, 31).unwrap();
        ds.documents[i].date_precision = Some(crate::data::dataset::DatePrecision::Month);
        let committee: Vec<&crate::data::dataset::Document> = ds.documents.iter().filter(|d| d.date.month == 3 && d.date.year == 2025 && d.body == ds.documents[i].body).collect();
        assert_eq!(committee.len(), 2);
        for d in committee {
            assert_eq!(paper_choice(d, &ds.documents), d.title);
        }
    }

    use crate::testing::q2 as shipped;

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
    fn papers_are_paged() {
        let p = Paging { total: 100_000, per_page: DOCS_PER_PAGE };
        assert_eq!(p.pages(), 2_000);
        assert_eq!(p.range(0), 0..50);
        assert_eq!(p.range(1_999), 99_950..100_000);
        assert_eq!(p.range(5_000), 99_950..100_000, "past the end: the last page");
        assert_eq!(p.page_of(0), 0);
        assert_eq!(p.page_of(50), 1);
        assert_eq!(p.page_of(99_999), 1_999);
        assert_eq!(p.parse_page(" 1234 "), Some(1_233));
        assert_eq!(p.parse_page("0"), Some(0));
        assert_eq!(p.parse_page("999999"), Some(1_999));
        assert_eq!(p.parse_page("two"), None);
        assert_eq!(p.text(1_233), "Papers 61,651 to 61,700 of 100,000 (page 1,234 of 2,000)");
        let small = Paging { total: 5, per_page: DOCS_PER_PAGE };
        assert_eq!((small.pages(), small.range(0)), (1, 0..5));
        let empty = Paging { total: 0, per_page: DOCS_PER_PAGE };
        assert_eq!((empty.pages(), empty.range(0)), (1, 0..0));
        // Every paper is on exactly one page.
        let odd = Paging { total: 101, per_page: DOCS_PER_PAGE };
        let all: Vec<usize> = (0..odd.pages()).flat_map(|i| odd.range(i)).collect();
        assert_eq!(all, (0..101).collect::<Vec<_>>());
        assert!((0..101).all(|i| odd.range(odd.page_of(i)).contains(&i)));
    }

    #[test]
    fn counts() {
        assert_eq!(count_text(12, 91), "Showing 12 of 91 figures");
        assert_eq!(count_text(91, 91), "Showing all 91 figures");
    }
}
