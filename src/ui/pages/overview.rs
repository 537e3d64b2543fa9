//! The residents' landing page: the position in plain English.

use crate::charts::{Chart, Series, Style};
use crate::model::money::{gbp_m, to_f64};
use crate::ui::components::chart::{ChartFigure, Table};
use crate::ui::state::use_app;
use leptos::prelude::*;

#[component]
pub fn Overview() -> impl IntoView {
    let app = use_app();
    let hn = Memo::new(move |_| app.data.with(|d| d.as_ref().map(|d| d.dataset.high_needs.clone())));
    let chart = Signal::derive(move || {
        let mut c = Chart::new("dsg-position", "The DSG deficit nearly doubles in 2024/25");
        c.description = "Bars: the cumulative DSG deficit brought forward at 1 April 2024, the in-year overspend forecast for 2024/25, and the deficit forecast at 31 March 2025.".into();
        c.x_labels = vec!["Brought forward".into(), "In-year 2024/25".into(), "31 March 2025".into()];
        if let Some(h) = hn.get() {
            c.series.push(Series {
                name: "Cumulative deficit".into(),
                values: vec![Some(to_f64(h.deficit_brought_forward.value)), Some(to_f64(h.deficit_brought_forward.value + h.in_year_forecast.value)), Some(to_f64(h.deficit_year_end.value))],
                style: Style::Waterfall,
                colour: 0,
            });
        }
        c.height = 300;
        c
    });
    let summary = Signal::derive(move || match hn.get() {
        Some(h) => format!(
            "The deficit brought forward was {}; this year's forecast overspend of {} takes it to {} by 31 March 2025.",
            gbp_m(h.deficit_brought_forward.value),
            gbp_m(h.in_year_forecast.value),
            gbp_m(h.deficit_year_end.value)
        ),
        None => String::new(),
    });
    let table = Signal::derive(move || {
        let mut t = Table { caption: "DSG high-needs deficit, 2024/25 (£)".into(), headers: vec!["Item".into(), "Amount".into(), "Source".into()], rows: vec![] };
        if let Some(h) = hn.get() {
            for (label, f) in [("Deficit brought forward, 1 April 2024", &h.deficit_brought_forward), ("In-year forecast overspend 2024/25", &h.in_year_forecast), ("Cumulative deficit, 31 March 2025", &h.deficit_year_end)] {
                t.rows.push(vec![label.into(), crate::model::money::gbp(f.value), format!("{} {}", f.source.clone().unwrap_or_default(), f.reference.clone().unwrap_or_default())]);
            }
        }
        t
    });
    view! {
        <h1>"Where the budget stands"</h1>
        <section aria-labelledby="dsg-h">
            <h2 id="dsg-h">"The schools high-needs deficit"</h2>
            <ChartFigure chart=chart summary=summary table=table/>
        </section>
    }
}
