//! The questions scrutiny asks about a DSG deficit, answered from the scenario in one panel
//! (model::answers), with a CSV of the answers. Plain words on the Overview, the same figures on
//! High needs.

use crate::model::answers::{answers, Answers, Origin};
use crate::model::dsg::{project, Baseline, Levers};
use crate::model::money::{gbp, gbp_m, pct};
use crate::model::uncertainty::{goal_seek, Goal, SeekResult, SeekVar};
use crate::ui::components::chart::{CsvButton, DataTable, Table};
use crate::ui::state::use_app;
use leptos::prelude::*;
use std::sync::Arc;

fn year_or(y: Option<crate::model::calendar::Fy>, none: &str) -> String {
    y.map(|y| y.label()).unwrap_or_else(|| none.to_string())
}

/// (question, answer) pairs, in the panel's order.
pub fn qa(a: &Answers, b: &Baseline, plain: bool) -> Vec<(String, String)> {
    let horizon = a.horizon.label();
    let latest_end = a.year_ends.iter().find(|y| y.date == b.base_year.end());
    let mut out = vec![];
    if let Some(e) = latest_end {
        let what = match &e.origin {
            Origin::Published { label, made, actual } => format!("{} ({}, {})", if *actual { "actual" } else { "forecast" }, label, made.month_year()),
            Origin::Model => "this scenario".into(),
        };
        out.push((
            if plain { format!("How big is the deficit at {}?", e.date.long()) } else { format!("The deficit at {}", e.date.long()) },
            format!("{}: the latest published figure, {what}. The table below gives every 31 March.", gbp_m(e.amount)),
        ));
    }
    out.push((
        if plain { "How much more than the grant is being spent this year?".into() } else { format!("In-year deficit {} against the high-needs block", b.base_year.label()) },
        match a.in_year_share {
            Some(s) => format!("{}, which is {} of the high-needs block income of {}.", gbp_m(a.in_year), pct(s, 0), gbp_m(a.income)),
            None => format!("{}.", gbp_m(a.in_year)),
        },
    ));
    out.push((
        if plain { "What is it when the override ends?".into() } else { "At the override's end, and after any write-off".into() },
        match (a.at_override_end, a.after_write_off) {
            (Some((y, d)), Some(r)) if r != d => format!("{} at {}; after the write-off, {} lands on reserves.", gbp_m(d), y.end().long(), gbp_m(r)),
            (Some((y, d)), _) => format!("{} at {}, all of it to be met from reserves.", gbp_m(d), y.end().long()),
            (None, _) => "The override does not end within the projection.".into(),
        },
    ));
    out.push((
        if plain { "When does the overspending stop, and when is the deficit paid off?".into() } else { "When the in-year position balances; when the deficit clears".into() },
        format!(
            "The in-year position balances in {}; the deficit clears in {}.",
            year_or(a.balances_in, &format!("no year to {horizon}")),
            year_or(a.clears_in, &format!("no year to {horizon}"))
        ),
    ));
    out.push((
        if plain { "When would it be more than the council's savings?".into() } else { "When it passes the general fund and usable reserves".into() },
        format!(
            "It passes the general fund balance ({}) in {} and total usable reserves ({}) in {}.",
            gbp_m(b.general_fund),
            year_or(a.passes_general_fund, &format!("no year to {horizon}")),
            gbp_m(b.total_usable),
            year_or(a.passes_usable, &format!("no year to {horizon}"))
        ),
    ));
    let first = a.carrying.first().map(|c| (c.year.label(), c.cost));
    out.push((
        if plain { "What does carrying the deficit cost?".into() } else { "The cost of carrying it".into() },
        format!(
            "The deficit is cash spent and not received, so the council earns less interest or borrows more: at {} a year, {} in {}, {} in all to {}. Savings counts it in the reserves runway.",
            pct(a.carry_rate, 1),
            first.as_ref().map(|f| gbp_m(f.1)).unwrap_or_default(),
            first.as_ref().map(|f| f.0.clone()).unwrap_or_default(),
            gbp_m(a.carrying_total),
            horizon
        ),
    ));
    out.push((
        if plain { "How big is what is left, against the budget and the reserves?".into() } else { "The residual against the net budget and usable reserves".into() },
        match (a.after_write_off, a.residual_share_of_net_budget, a.residual_share_of_usable) {
            (Some(r), Some(nb), Some(ur)) => format!("{} is {} of the net revenue budget and {} of usable reserves.", gbp_m(r), pct(nb, 0), pct(ur, 0)),
            (Some(r), _, _) => format!("{}.", gbp_m(r)),
            _ => "Nothing lands on reserves within the projection.".into(),
        },
    ));
    out
}

/// What it would take to balance the in-year position by the horizon, from goal seek.
pub fn what_it_takes(b: &Baseline, lv: &Levers) -> String {
    let horizon = lv.horizon_year(b);
    match goal_seek(b, lv, Goal::InYearBalancedBy(horizon), SeekVar::SavingPerYear) {
        SeekResult::Achieved { value, .. } if value.is_zero() => format!("No further saving is needed to balance the in-year position by {}.", horizon.label()),
        SeekResult::Achieved { value, .. } => format!(
            "A further saving of about {} a year from {} would balance the in-year position by {} (goal seek on the Uncertainty page tries other levers).",
            gbp_m(value),
            lv.saving.start.label(),
            horizon.label()
        ),
        SeekResult::Infeasible { reason, .. } => format!("No saving within the lever's range balances it by {}: {reason}", horizon.label()),
        SeekResult::Invalid { reason } => reason,
    }
}

pub fn year_end_table(a: &Answers) -> Table {
    let mut t = Table { caption: "The deficit at each 31 March, and what carrying it costs (£)".into(), headers: ["31 March", "Deficit", "Figure", "Cost of carrying it in the year to then"].map(String::from).to_vec(), rows: vec![] };
    for y in &a.year_ends {
        let cost = a.carrying.iter().find(|c| c.year.end() == y.date).map(|c| gbp(c.cost)).unwrap_or_default();
        let what = match &y.origin {
            Origin::Published { label, made, actual } => format!("{}: {} ({})", if *actual { "Actual" } else { "Forecast" }, label, made.long()),
            Origin::Model => "This scenario's projection".into(),
        };
        t.rows.push(vec![y.date.long(), gbp(y.amount), what, cost]);
    }
    t
}

#[component]
pub fn KeyQuestions(#[prop(optional)] plain: bool) -> impl IntoView {
    let app = use_app();
    let state = Memo::new(move |_| {
        let b = app.baseline.get()?;
        let lv = app.scenario.with(|s| s.as_ref().map(|s| s.hn.clone()))?;
        let net = app.data.with(|d| d.as_ref().map(|d| d.dataset.budget.net_budget.value))?;
        let p = project(&b, &lv);
        let a = answers(&b, &p, net);
        let sb = b.started_at(&lv.start).into_owned();
        Some(Arc::new((qa(&a, &sb, plain), year_end_table(&a), a.clears_in.is_none())))
    });
    let qa_table = Signal::derive(move || Table {
        caption: "Key questions about the DSG deficit, answered for this scenario".into(),
        headers: vec!["Question".into(), "Answer".into()],
        rows: state.get().map(|s| s.0.iter().map(|(q, a)| vec![q.clone(), a.clone()]).collect()).unwrap_or_default(),
    });
    let years = Signal::derive(move || state.get().map(|s| s.1.clone()).unwrap_or_default());
    let takes = RwSignal::new(None::<String>);
    // A new scenario makes an old answer stale.
    Effect::new(move |_| {
        state.track();
        takes.set(None);
    });
    let status = RwSignal::new(String::new());
    let id = if plain { "ov-questions" } else { "hn-questions" };
    let heading = format!("{id}-h");
    let labelled = heading.clone();
    view! {
        <section class="key-questions" id=id aria-labelledby=labelled>
            <h2 id=heading.clone()>{if plain { "Key questions, answered" } else { "Key questions for scrutiny" }}</h2>
            <dl>
                {move || state.get().map(|s| s.0.iter().map(|(q, a)| view! { <dt>{q.clone()}</dt><dd>{a.clone()}</dd> }).collect::<Vec<_>>())}
            </dl>
            <Show when=move || state.get().is_some_and(|s| s.2)>
                <p>
                    <button type="button" class="secondary" data-what-it-takes="" on:click=move |_| {
                        let b = app.baseline.get_untracked();
                        let lv = app.scenario.with_untracked(|s| s.as_ref().map(|s| s.hn.clone()));
                        if let (Some(b), Some(lv)) = (b, lv) {
                            takes.set(Some(what_it_takes(&b, &lv)));
                        }
                    }>"What would it take to balance it?"</button>
                    " "<span class="takes" role="status">{move || takes.get()}</span>
                </p>
            </Show>
            <DataTable table=years/>
            <p class="source">"Each figure's source: "<a href="?page=sources">"Sources"</a>". " <CsvButton table=qa_table file=id describedby=heading status=status/> " "<span role="status">{move || status.get()}</span></p>
        </section>
    }
}
