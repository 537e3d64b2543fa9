//! A chart as a figure: title, one-sentence summary, HTML key, the SVG, its data table, and
//! buttons to download the chart (SVG, PNG) and its data (CSV, with exact amounts).

use super::download::{file_stem, save_svg_as_png, save_text, standalone_svg};
use crate::charts::{self, Chart, Style};
use crate::share::csv;
use leptos::prelude::*;

/// A data table shown beside a chart (and exported as CSV).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A chart with its data table and the one sentence that says what it shows: what every
/// figure on every page is, and what [`FigureView`] draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub chart: Chart,
    pub table: Table,
    pub summary: String,
}

impl Figure {
    pub fn new(chart: Chart, table: Table, summary: impl Into<String>) -> Figure {
        Figure { chart, table, summary: summary.into() }
    }
}

/// A figure that may not exist yet (no figures loaded): an empty chart with this `id` until it does.
#[component]
pub fn FigureView(
    #[prop(into)] figure: Signal<Option<Figure>>,
    id: &'static str,
    #[prop(optional)] top: bool,
    #[prop(optional)] table_open: bool,
    #[prop(optional, into)] points_key: Option<String>,
) -> impl IntoView {
    let chart = Signal::derive(move || figure.with(|f| f.as_ref().map(|f| f.chart.clone())).unwrap_or_else(|| Chart::new(id, "")));
    let table = Signal::derive(move || figure.with(|f| f.as_ref().map(|f| f.table.clone())).unwrap_or_default());
    let summary = Signal::derive(move || figure.with(|f| f.as_ref().map(|f| f.summary.clone())).unwrap_or_default());
    // Each chart of the app's first view is drawn in a task of its own (`Later`).
    view! {
        <super::later::Later>
            {match points_key.clone() {
                Some(k) => view! { <ChartFigure chart=chart summary=summary table=table top=top table_open=table_open points_key=k/> }.into_any(),
                None => view! { <ChartFigure chart=chart summary=summary table=table top=top table_open=table_open/> }.into_any(),
            }}
        </super::later::Later>
    }
}

fn key_mark(style: Style) -> &'static str {
    match style {
        Style::Line => "solid line",
        Style::Dashed => "dashed line",
        Style::Dotted => "dotted line",
        Style::Level => "dash-dot line",
        Style::Bars | Style::Stacked | Style::Waterfall => "bar",
    }
}

/// The key's entries: each series' name, and for a waterfall the colours of its rises and falls
/// where it has any (its bars are in three colours), unless the chart names those colours
/// itself (an empty series in that colour, as Capital's and Savings' bridges do, in their words).
fn key_entries(c: &Chart) -> Vec<(String, Style, usize)> {
    let mut out = vec![];
    for s in &c.series {
        out.push((s.name.clone(), s.style, s.colour));
        if s.style != Style::Waterfall {
            continue;
        }
        let steps = charts::waterfall_steps(s);
        let last = steps.len().saturating_sub(1);
        for (colour, name) in [(charts::WATERFALL_RISE, "Increase"), (charts::WATERFALL_FALL, "Decrease")] {
            // Steps between the totals, of some height (a step of nothing is drawn as no bar).
            let drawn = steps.iter().enumerate().any(|(i, st)| i > 0 && i < last && st.is_some_and(|(a, b, k)| k == colour && a != b));
            let named = c.series.iter().any(|o| !std::ptr::eq(o, s) && o.colour == colour);
            if drawn && !named {
                out.push((name.into(), Style::Bars, colour));
            }
        }
    }
    out
}

/// The table as CSV: a header row, then the rows, amounts as plain numbers (see `share::csv`).
pub fn table_csv(t: &Table) -> String {
    csv::table(&t.headers, &t.rows)
}

/// A "Download CSV" button for a table; `describedby` names what it downloads.
#[component]
pub fn CsvButton(#[prop(into)] table: Signal<Table>, #[prop(into)] file: String, #[prop(into)] describedby: String, status: RwSignal<String>) -> impl IntoView {
    let on_click = move |_| {
        status.set(String::new());
        let name = format!("{file}.csv");
        let text = table.with_untracked(table_csv);
        status.set(match save_text(&text, "text/csv;charset=utf-8", &name) {
            Ok(()) => super::download::sent(&name),
            Err(e) => format!("Could not download {name}: {e}"),
        });
    };
    view! { <button type="button" class="secondary small" data-download="csv" aria-describedby=describedby on:click=on_click>"Download CSV"</button> }
}

/// Download buttons for a chart: its SVG, a PNG drawn from it, and its table as CSV.
#[component]
fn ChartDownloads(chart: Signal<Chart>, table: Signal<Table>, heading_id: String) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let stem = move || chart.with_untracked(|c| file_stem(&c.id));
    let size = move || chart.with_untracked(|c| (c.width, c.height));
    let on_svg = move |_| {
        status.set(String::new());
        let (w, h) = size();
        let name = format!("{}.svg", stem());
        // Drawn afresh: a chart out of view may not have been redrawn yet (see `drawn_when_seen`).
        let text = standalone_svg(&chart.with_untracked(charts::render), w, h);
        status.set(match save_text(&text, "image/svg+xml;charset=utf-8", &name) {
            Ok(()) => super::download::sent(&name),
            Err(e) => format!("Could not download {name}: {e}"),
        });
    };
    let on_png = move |_| {
        status.set("Drawing the image…".into());
        let (w, h) = size();
        let name = format!("{}.png", stem());
        let text = standalone_svg(&chart.with_untracked(charts::render), w, h);
        let shown = name.clone();
        save_svg_as_png(&text, w, h, 2.0, name, move |r| {
            status.set(match r {
                Ok(()) => super::download::sent(&shown),
                Err(e) => format!("Could not make {shown}: {e}"),
            })
        });
    };
    let file = chart.with_untracked(|c| file_stem(&c.id));
    view! {
        <div class="chart-tools no-print">
            <button type="button" class="secondary small" data-download="svg" aria-describedby=heading_id.clone() on:click=on_svg>"Download SVG"</button>
            <button type="button" class="secondary small" data-download="png" aria-describedby=heading_id.clone() on:click=on_png>"Download PNG"</button>
            <CsvButton table=table file=file describedby=heading_id status=status/>
            <span class="tool-status" role="status">{move || status.get()}</span>
        </div>
    }
}

/// `points_key` names the chart's labelled points in the key (default "Published forecasts").
#[component]
pub fn ChartFigure(
    #[prop(into)] chart: Signal<Chart>,
    #[prop(into)] summary: Signal<String>,
    #[prop(into)] table: Signal<Table>,
    #[prop(optional, into)] points_key: Option<String>,
    /// The chart's title is an h2 (a page of its own, as in an embed) rather than an h3.
    #[prop(optional)]
    top: bool,
    /// Shows the data table from the start (the committee pack prints every table).
    #[prop(optional)]
    table_open: bool,
) -> impl IntoView {
    // Two drawings, the chart's own and a narrow one in larger type; the stylesheet shows the
    // one that suits the screen's width, and the app draws only that one (`drawn_when_seen`).
    let wide_ref = NodeRef::<leptos::html::Div>::new();
    let wide = drawn_when_seen(chart, wide_ref, false);
    patched_in(wide, wide_ref);
    let narrow_ref = NodeRef::<leptos::html::Div>::new();
    let narrow = drawn_when_seen(chart, narrow_ref, true);
    patched_in(narrow, narrow_ref);
    let id = chart.with_untracked(|c| c.id.clone());
    let heading_id = format!("{id}-h");
    let labelled_by = heading_id.clone();
    let tools_heading = heading_id.clone();
    let points_key = points_key.unwrap_or_else(|| "Published forecasts".into());
    // The key and the table are rebuilt only when they change or are shown: a slider moves
    // the chart on every input, and redrawing hidden rows made each move slower.
    let key = crate::ui::memo::memo(move |_| {
        chart.with(|c| {
            let bands = c.bands.iter().map(|(_, high)| (high.name.clone(), high.colour)).collect::<Vec<_>>();
            (key_entries(c), c.points.first().map(|p| p.colour), bands)
        })
    });
    // The pre-render writes every table into the page (its reader may have no JavaScript to
    // open one with); the app draws a closed table's rows when it is opened.
    let open = RwSignal::new(table_open || crate::ui::browser::PRERENDER);
    // Printing opens every table (share_bar.rs); render them before the page is laid out.
    crate::ui::browser::on_before_print(move || open.set(true));
    let on_toggle = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            open.set(el.has_attribute("open"));
        }
    };
    view! {
        <figure class="chart" aria-labelledby=labelled_by data-chart=id>
            {if top {
                view! { <h2 id=heading_id>{move || chart.with(|c| c.title.clone())}</h2> }.into_any()
            } else {
                view! { <h3 id=heading_id>{move || chart.with(|c| c.title.clone())}</h3> }.into_any()
            }}
            // Not a live region: a change is announced once, by the page's LeverEcho.
            <p class="summary">{summary}</p>
            <ul class="key" aria-label="Key">
                // A band chart's shaded ranges, widest (lightest) first, as `charts` draws them.
                {move || key.get().2.into_iter().enumerate().map(|(i, (name, colour))| {
                    let (class, words) = if i == 0 { ("mark-band-outer", " (light shading)") } else { ("mark-band-inner", " (darker shading)") };
                    view! { <li><span class=format!("swatch swatch-{} {class}", colour % 6) aria-hidden="true"></span>{name}<span class="visually-hidden">{words}</span></li> }
                }).collect::<Vec<_>>()}
                {move || key.get().0.into_iter().map(|(name, style, colour)| {
                    let class = format!("swatch swatch-{} mark-{}", colour % 6, key_mark(style).replace(' ', "-"));
                    view! { <li><span class=class aria-hidden="true"></span>{name}<span class="visually-hidden">{format!(" ({})", key_mark(style))}</span></li> }
                }).collect::<Vec<_>>()}
                {move || key.get().1.map(|colour| {
                    let class = format!("swatch swatch-{} mark-cross", colour % 6);
                    view! { <li><span class=class aria-hidden="true"></span>{points_key.clone()}<span class="visually-hidden">" (crosses)"</span></li> }
                })}
            </ul>
            <div class="drawings">
                <div class="svg wide" inner_html=wide.get_untracked() node_ref=wide_ref></div>
                <div class="svg narrow" inner_html=narrow.get_untracked() node_ref=narrow_ref></div>
            </div>
            <details class="data" open=table_open on:toggle=on_toggle>
                <summary>"Data table"<span class="visually-hidden">{move || chart.with(|c| format!(": {}", c.title))}</span></summary>
                <Show when=move || open.get()><DataTable table=table/></Show>
            </details>
            <ChartDownloads chart=chart table=table heading_id=tools_heading/>
        </figure>
    }
}

/// A table's figures, scrolling sideways in a box of the page's width. `stack`: on a narrow
/// screen each row is a block, its heading on a line of its own and each figure under its
/// column's name (Compare's tables, whose figures are read across scenarios); the roles keep it
/// a table to assistive technology whatever its display.
#[component]
pub fn DataTable(#[prop(into)] table: Signal<Table>, #[prop(optional)] stack: bool) -> impl IntoView {
    let role = move |r: &'static str| stack.then_some(r);
    // Worked out once a change of the table, for its header and its rows.
    let words = crate::ui::memo::memo(move |_| table.with(text_columns));
    // The cells as shown: whole pounds to the penny in a column of pence (`as_shown`, which the
    // pre-render's tests read the table through too).
    let shown = crate::ui::memo::memo(move |_| table.with(as_shown));
    // `data-words` marks a column of words (an attribute of `None` is not written at all, where
    // `class=None` writes `class=""`).
    let mark = move |i: usize| words.with(|w| w.get(i).copied().unwrap_or(false)).then_some("");
    view! {
        <div class=if stack { "table-wrap stack" } else { "table-wrap" } tabindex="0" role="region" aria-label=move || table.with(|t| t.caption.clone())>
            <table role=role("table")>
                <caption>{move || table.with(|t| t.caption.clone())}</caption>
                <thead role=role("rowgroup")><tr role=role("row")>{move || table.with(|t| {
                    t.headers.iter().enumerate().map(|(i, h)| view! { <th scope="col" role=role("columnheader") data-words=mark(i)>{h.clone()}</th> }).collect::<Vec<_>>()
                })}</tr></thead>
                <tbody role=role("rowgroup")>
                    {move || shown.with(|t| {
                        t.rows.iter().map(|r| view! {
                            <tr role=role("row")>{r.iter().enumerate().map(|(i, c)| if i == 0 {
                                view! { <th scope="row" role=role("rowheader")>{c.clone()}</th> }.into_any()
                            } else {
                                let label = stack.then(|| t.headers.get(i).cloned().unwrap_or_default());
                                view! { <td role=role("cell") data-label=label data-words=mark(i)>{c.clone()}</td> }.into_any()
                            }).collect::<Vec<_>>()}</tr>
                        }).collect::<Vec<_>>()
                    })}
                </tbody>
            </table>
        </div>
    }
}

/// Which columns hold words rather than figures: one with a cell longer than a short label that
/// has two words or more in it ("£13,700,000: Quarter 2 budget report" is words; "£1,234.56"
/// and "31 March 2025" are not). They are set left and wrap (figures stay right-aligned on one
/// line), so a source or a note reads in a column of its own width, not a line wider than a phone.
pub(crate) fn text_columns(t: &Table) -> Vec<bool> {
    let word = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    let words = |c: &str| c.chars().count() > 16 && c.split_whitespace().filter(|w| word(w)).count() >= 2;
    (0..t.headers.len()).map(|i| i > 0 && t.rows.iter().any(|r| r.get(i).is_some_and(|c| words(c)))).collect()
}

/// Which columns hold an amount in pounds and pence: their whole-pound amounts are shown with
/// ".00", so a column reads to the penny throughout ("£6,422,681" stood between "£5,206,228.38"
/// and "£7,808,807.23").
pub fn pence_columns(t: &Table) -> Vec<bool> {
    let pence = |c: &str| csv::plain_amount(c).is_some_and(|p| p.contains('.'));
    (0..t.headers.len()).map(|i| i > 0 && t.rows.iter().any(|r| r.get(i).is_some_and(|c| pence(c)))).collect()
}

/// An amount in whole pounds, to the penny ("£6,422,681" → "£6,422,681.00"); anything else as
/// it is.
pub fn with_pence(c: &str) -> String {
    match csv::plain_amount(c) {
        Some(p) if !p.contains('.') => format!("{}.00", c.trim_end()),
        _ => c.to_string(),
    }
}

/// The table's cells as `DataTable` shows them (whole pounds to the penny in a column of pence).
pub fn as_shown(t: &Table) -> Table {
    let pence = pence_columns(t);
    let rows = t.rows.iter().map(|r| r.iter().enumerate().map(|(i, c)| if pence.get(i).copied().unwrap_or(false) { with_pence(c) } else { c.clone() }).collect()).collect();
    Table { rows, ..t.clone() }
}

/// Puts each new drawing into `host`: as an edit of the elements already there when most of them
/// keep their shape (`charts::patch`), which spares the browser parsing, styling and laying out
/// the whole SVG again on every slider move, and keeps the drawing's nodes; otherwise as a whole.
fn patched_in(svg: ReadSignal<String>, host: NodeRef<leptos::html::Div>) {
    let shown = StoredValue::new(svg.get_untracked());
    Effect::new(move |_| {
        let new = svg.get();
        if shown.with_value(|old| *old == new) {
            return;
        }
        let Some(host) = host.get_untracked() else { return };
        let plan = shown.with_value(|old| charts::patch::plan(old, &new));
        if !matches!(plan, charts::patch::Plan::Edit(ref steps) if edit(&host, steps).is_some()) {
            host.set_inner_html(&new);
        }
        shown.set_value(new);
    });
}

/// Walks the SVG in `host` through `steps`; `None` if it is not the drawing they were planned
/// from (then it is drawn afresh).
fn edit(host: &web_sys::HtmlDivElement, steps: &[charts::patch::Step]) -> Option<()> {
    use charts::patch::Step;
    let svg = host.first_element_child()?;
    let children = svg.children();
    let old: Vec<web_sys::Element> = (0..children.length()).filter_map(|i| children.item(i)).collect();
    let doc = svg.owner_document()?;
    let mut last: Option<web_sys::Element> = None;
    for step in steps {
        match step {
            Step::Keep { old: i, attrs, text } => {
                let el = old.get(*i)?;
                for (name, value) in attrs {
                    el.set_attribute(name, value).ok()?;
                }
                if let Some(text) = text {
                    el.set_text_content(Some(text));
                }
                last = Some(el.clone());
            }
            Step::Remove { old: i } => old.get(*i)?.remove(),
            Step::Insert(e) => {
                let el = doc.create_element_ns(Some("http://www.w3.org/2000/svg"), e.tag).ok()?;
                for (name, value) in &e.attrs {
                    el.set_attribute(name, value).ok()?;
                }
                if let Some(text) = &e.text {
                    el.set_text_content(Some(text));
                }
                match &last {
                    Some(prev) => prev.after_with_node_1(&el).ok()?,
                    None => svg.prepend_with_node_1(&el).ok()?,
                }
                last = Some(el);
            }
        }
    }
    Some(())
}

/// How long input must pause before a chart out of view is brought up to date.
const CATCH_UP_MS: u32 = 300;

/// Whether the stylesheet shows the narrow drawings now (`charts::NARROW_MEDIA`); false where
/// the browser cannot say (the wide drawing is the default).
fn narrow_now() -> bool {
    thread_local! {
        static QUERY: Option<web_sys::MediaQueryList> =
            crate::ui::browser::window().and_then(|w| w.match_media(charts::NARROW_MEDIA).ok().flatten());
    }
    QUERY.with(|q| q.as_ref().is_some_and(|q| q.matches()))
}

/// The chart's wide or narrow drawing, drawn only where the stylesheet shows it: at once while
/// its host is in (or near) view, and otherwise once changes pause or when it scrolls into view.
/// A slider redrew every chart on the page on each step; drawing the ones nobody could see was
/// most of the cost of a step. The drawing the stylesheet hides at this width is not made (or
/// brought up to date) until the window is resized to show it, except the wide one before
/// printing, which shows it. The pre-render, which cannot know the width, makes both.
fn drawn_when_seen(chart: Signal<Chart>, host: NodeRef<leptos::html::Div>, narrow: bool) -> ReadSignal<String> {
    let draw: fn(&Chart) -> String = if narrow { charts::render_narrow } else { charts::render };
    let shown = move || crate::ui::browser::PRERENDER || narrow_now() == narrow;
    let eager = shown();
    let (drawn, set_drawn) = signal(if eager { chart.with_untracked(draw) } else { String::new() });
    let in_view = RwSignal::new(eager);
    let stale = RwSignal::new(!eager);
    let catch_up = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let redraw = move || {
        catch_up.set_value(None);
        stale.set(false);
        set_drawn.set(chart.with_untracked(draw));
    };
    Effect::new(move |first: Option<()>| {
        chart.track();
        if first.is_none() {
            return;
        }
        if in_view.get_untracked() {
            redraw();
        } else {
            stale.set(true);
            if shown() {
                // Replacing the timer drops (cancels) the one before: one redraw after a drag ends.
                catch_up.set_value(Some(gloo_timers::callback::Timeout::new(CATCH_UP_MS, redraw)));
            }
        }
    });
    Effect::new(move |_| {
        if in_view.get() && stale.get_untracked() {
            redraw();
        }
    });
    crate::ui::browser::on_before_print(move || {
        if !narrow && stale.get_untracked() {
            redraw();
        }
    });
    observe_view(host, in_view, eager);
    drawn
}

/// Keeps `in_view` true while the element is within 200px of the viewport (and shown: a hidden
/// element is never in view). Without IntersectionObserver, `shown`: the drawing shown stays
/// drawn at once.
fn observe_view(el: NodeRef<leptos::html::Div>, in_view: RwSignal<bool>, shown: bool) {
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
    let observer = StoredValue::new_local(None::<(IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>)>);
    Effect::new(move |_| {
        let Some(el) = el.get() else { return };
        if observer.with_value(Option::is_some) {
            return;
        }
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // The last entry is the newest state of the one element observed.
            if let Some(entry) = entries.iter().last().and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok()) {
                in_view.set(entry.is_intersecting());
            }
        });
        let init = IntersectionObserverInit::new();
        init.set_root_margin("200px 0px");
        match IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init) {
            Ok(o) => {
                o.observe(&el);
                observer.set_value(Some((o, callback)));
            }
            Err(_) => in_view.set(shown),
        }
    });
    on_cleanup(move || {
        if let Some((o, _)) = observer.try_update_value(Option::take).flatten() {
            o.disconnect();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::Series;

    #[test]
    fn columns_of_words_are_told_from_columns_of_figures() {
        let t = Table {
            caption: "c".into(),
            headers: ["31 March", "Deficit", "Source", "Status"].map(String::from).to_vec(),
            rows: vec![
                ["31 March 2025", "£17,200,000", "Forecast: Area SEND Inspection report", "forecast"].map(String::from).to_vec(),
                ["31 March 2026", "−£1,234.56", "", "Not yet published"].map(String::from).to_vec(),
            ],
        };
        // A cell that starts with a sum is words too, where words follow it.
        let sums_first = Table { rows: vec![["2024/25", "£12,794,594.96", "£13,700,000: Quarter 2 budget report, 28 November 2024", "no"].map(String::from).to_vec()], ..t.clone() };
        assert_eq!(text_columns(&sums_first), [false, false, true, false]);
        // The row heading is a heading (set apart already); a short word or a sum is not text.
        assert_eq!(text_columns(&t), [false, false, true, true]);
        assert_eq!(text_columns(&Table { rows: vec![], ..t }), [false; 4]);
    }

    #[test]
    fn a_column_with_pence_shows_every_amount_to_the_penny() {
        let t = Table {
            caption: "c".into(),
            headers: ["31 March", "Deficit", "Cost", "Note"].map(String::from).to_vec(),
            rows: vec![
                ["31 March 2030", "£30,000,000", "£5,206,228.38", "£1"].map(String::from).to_vec(),
                ["31 March 2031", "£31,000,000", "£6,422,681", "£13.7m"].map(String::from).to_vec(),
                ["31 March 2032", "−£2,000,000", "", "about £2"].map(String::from).to_vec(),
            ],
        };
        // Only the cost column has pence; the row heading is never a figure.
        assert_eq!(pence_columns(&t), [false, false, true, false]);
        assert_eq!(with_pence("£6,422,681"), "£6,422,681.00");
        assert_eq!(with_pence("−£2,000,000"), "−£2,000,000.00");
        assert_eq!(with_pence("£5,206,228.38"), "£5,206,228.38");
        // Not amounts in pounds: left as they are.
        for c in ["", "£13.7m", "about £2", "2024/25"] {
            assert_eq!(with_pence(c), c);
        }
    }

    #[test]
    fn a_waterfalls_key_names_the_colours_of_its_rises_and_falls_where_it_has_them() {
        let fall = |values: Vec<Option<f64>>| Series { name: "Deficit".into(), values, style: Style::Waterfall, colour: 0 };
        let chart = |series: Vec<Series>| Chart { series, ..Chart::new("w", "W") };
        let names = |c: &Chart| key_entries(c).into_iter().map(|(n, _, c)| format!("{n} {c}")).collect::<Vec<_>>();
        // Brought forward, in-year, year end: one rise.
        assert_eq!(names(&chart(vec![fall(vec![Some(6.0), Some(17.0), Some(17.0)])])), ["Deficit 0", "Increase 2"]);
        // A rise and a fall between the totals, and a gap.
        assert_eq!(names(&chart(vec![fall(vec![Some(0.0), Some(5.0), None, Some(3.0), Some(3.0)])])), ["Deficit 0", "Increase 2", "Decrease 1"]);
        // Only totals, or a step of nothing (no management action): nothing more to name.
        assert_eq!(names(&chart(vec![fall(vec![Some(4.0), Some(2.0)])])), ["Deficit 0"]);
        assert_eq!(names(&chart(vec![fall(vec![Some(4.0), Some(4.0), Some(4.0)])])), ["Deficit 0"]);
        // Other series are named as they are.
        assert_eq!(names(&chart(vec![Series { style: Style::Bars, ..fall(vec![Some(1.0), Some(-1.0), Some(2.0)]) }])), ["Deficit 0"]);
        // A chart that names a colour in its own words keeps its words, once.
        let own = Series { name: "Adds to the programme".into(), values: vec![], style: Style::Bars, colour: 2 };
        assert_eq!(names(&chart(vec![fall(vec![Some(0.0), Some(5.0), Some(3.0), Some(3.0)]), own])), ["Deficit 0", "Decrease 1", "Adds to the programme 2"]);
    }

}
