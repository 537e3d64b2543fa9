//! A chart as a figure: title, one-sentence summary, HTML key, the SVG, and its data table.

use crate::charts::{self, Chart, Style};
use leptos::prelude::*;

/// A data table shown beside a chart (and exported as CSV).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn key_mark(style: Style) -> &'static str {
    match style {
        Style::Line => "solid line",
        Style::Dashed => "dashed line",
        Style::Dotted => "dotted line",
        Style::Bars | Style::Stacked | Style::Waterfall => "bar",
    }
}

#[component]
pub fn ChartFigure(#[prop(into)] chart: Signal<Chart>, #[prop(into)] summary: Signal<String>, #[prop(into)] table: Signal<Table>) -> impl IntoView {
    let svg = Memo::new(move |_| chart.with(charts::render));
    let id = chart.with_untracked(|c| c.id.clone());
    let heading_id = format!("{id}-h");
    let labelled_by = heading_id.clone();
    view! {
        <figure class="chart" aria-labelledby=labelled_by data-chart=id>
            <h3 id=heading_id>{move || chart.with(|c| c.title.clone())}</h3>
            <p class="summary" aria-live="polite">{summary}</p>
            <ul class="key" aria-label="Key">
                {move || chart.with(|c| {
                    let mut items: Vec<_> = c.series.iter().map(|s| {
                        let class = format!("swatch swatch-{} mark-{}", s.colour % 6, key_mark(s.style).replace(' ', "-"));
                        view! { <li><span class=class aria-hidden="true"></span>{s.name.clone()}<span class="visually-hidden">{format!(" ({})", key_mark(s.style))}</span></li> }.into_any()
                    }).collect();
                    if !c.points.is_empty() {
                        items.push(view! { <li><span class="swatch swatch-2 mark-cross" aria-hidden="true"></span>"Published forecasts"<span class="visually-hidden">" (crosses)"</span></li> }.into_any());
                    }
                    items
                })}
            </ul>
            <div class="svg" inner_html=move || svg.get()></div>
            <details class="data">
                <summary>"Data table"</summary>
                <DataTable table=table/>
            </details>
        </figure>
    }
}

#[component]
pub fn DataTable(#[prop(into)] table: Signal<Table>) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || table.with(|t| t.caption.clone())>
            <table>
                <caption>{move || table.with(|t| t.caption.clone())}</caption>
                <thead><tr>{move || table.with(|t| t.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect::<Vec<_>>())}</tr></thead>
                <tbody>
                    {move || table.with(|t| t.rows.iter().map(|r| view! {
                        <tr>{r.iter().enumerate().map(|(i, c)| if i == 0 {
                            view! { <th scope="row">{c.clone()}</th> }.into_any()
                        } else {
                            view! { <td>{c.clone()}</td> }.into_any()
                        }).collect::<Vec<_>>()}</tr>
                    }).collect::<Vec<_>>())}
                </tbody>
            </table>
        </div>
    }
}
