//! The residents' landing page: the position in plain English, every number from the loaded
//! dataset, each part with one simple chart, where its numbers come from, and a link to explore.

use crate::charts::{Chart, Series, Style};
use crate::data::dataset::Dataset;
use crate::data::figure::{Figure, Gbp, Status};
use crate::data::Loaded;
use crate::units::calendar::{Date, Fy};
use crate::model::capital::{bridge, CapitalInputs};
use crate::model::dsg::Baseline;
use crate::units::money::{gbp, gbp_published, to_f64};
use crate::ui::components::chart::{ChartFigure, Figure as Fig, Table};
use crate::ui::components::key_questions::KeyQuestions;
use crate::ui::components::page_link::PageLink;
use crate::ui::components::share_bar::ShareBar;
use crate::ui::route::Page;
use crate::ui::state::use_app;
use crate::ui::components::later::Later;
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::sync::Arc;

// ---------------------------------------------------------------------------------------------
// Words and numbers: pure, tested natively

/// A published figure as the paper writes it ("£1.35m"), so the page's sums add up as read.
fn m(f: &Figure<Gbp>) -> String {
    gbp_published(f.value)
}

/// A deficit balance in words: a negative one is a surplus.
fn balance(d: Decimal) -> String {
    crate::ui::components::words::balance(d, gbp_published)
}

/// An amount more than something, or (negative) less: "£0.4m more", "£0.4m less".
fn more_or_less(d: Decimal) -> String {
    if d < Decimal::ZERO { format!("{} less", gbp_published(-d)) } else { format!("{} more", gbp_published(d)) }
}

/// "overspend of £X", or for a negative amount "underspend of £X".
fn spend_of(d: Decimal) -> String {
    if d < Decimal::ZERO { format!("underspend of {}", gbp_published(-d)) } else { format!("overspend of {}", gbp_published(d)) }
}

/// "up from", "down from" or "the same as" an earlier figure.
fn share(f: &Figure<crate::data::figure::Percent>) -> String {
    format!("{}%", f.value.normalize())
}

fn year_label(ds: &Dataset) -> String {
    Fy::parse_key(&ds.base_year).map(|y| y.label()).unwrap_or_else(|| ds.base_year.clone())
}

fn base_year(ds: &Dataset) -> Option<Fy> {
    Fy::parse_key(&ds.base_year)
}

/// "Cabinet, 19 December 2024" for a document id.
fn doc_short(ds: &Dataset, id: &str) -> Option<String> {
    let d = ds.documents.iter().find(|d| d.id == id)?;
    Some(format!("{}, {}", d.body.clone().unwrap_or_else(|| d.title.clone()), d.when()))
}

/// "Source: Cabinet, 19 December 2024." for the papers the given figures cite, in order.
pub fn cite<'a>(ds: &Dataset, sources: impl IntoIterator<Item = Option<&'a str>>) -> String {
    let mut seen: Vec<&str> = vec![];
    for s in sources.into_iter().flatten() {
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    let names: Vec<String> = seen.iter().filter_map(|id| doc_short(ds, id)).collect();
    match names.len() {
        0 => String::new(),
        1 => format!("Source: {}.", names[0]),
        _ => format!("Sources: {}.", names.join("; ")),
    }
}

/// Where one figure comes from, for a table's Source column.
fn source_cell<U: crate::data::figure::UnitKind>(ds: &Dataset, f: &Figure<U>) -> String {
    match (f.status, f.source.as_deref()) {
        (Status::Derived, _) => "Worked out from the other figures".into(),
        (Status::Assumption, _) => "An assumption (see Sources)".into(),
        (_, Some(id)) => {
            let doc = doc_short(ds, id).unwrap_or_else(|| id.to_string());
            match &f.reference {
                Some(r) => format!("{doc}: {r}"),
                None => doc,
            }
        }
        _ => String::new(),
    }
}

fn money_table(caption: &str, ds: &Dataset, rows: &[(&str, &Figure<Gbp>)]) -> Table {
    Table {
        caption: caption.into(),
        headers: vec!["Item".into(), "Amount".into(), "Source".into()],
        rows: rows.iter().map(|(label, f)| vec![label.to_string(), gbp(f.value), source_cell(ds, f)]).collect(),
    }
}

/// The reserves' date, marked when the paper does not give it and the date is the file's reading.
fn as_at_text(r: &crate::data::dataset::Reserves) -> String {
    match &r.as_at_reason {
        Some(_) => format!("{} (assumed: the paper gives no date)", r.as_at.long()),
        None => r.as_at.long(),
    }
}

/// "brought forward at 1 April 2024" and "31 March 2025" for the base year.
fn year_start_end(ds: &Dataset) -> (String, String) {
    match base_year(ds) {
        Some(y) => (Date { year: y.0, month: 4, day: 1 }.long(), y.end().long()),
        None => ("the start of the year".into(), "the end of the year".into()),
    }
}

/// The base year's DSG position as the latest vintage gives it, with that vintage's figures
/// (for their sources) and the earlier vintage it replaced.
pub struct DsgPosition {
    pub brought_forward: Figure<Gbp>,
    pub in_year: Figure<Gbp>,
    pub year_end: Figure<Gbp>,
    /// "forecast in March 2025: Area SEND Inspection report, Scrutiny" (shown in brackets, so
    /// none of its own).
    pub made: String,
    /// The earlier vintage's year-end figure and when it was made, if it differed.
    pub earlier: Option<(Decimal, String)>,
    /// Whether the year-end figure is an actual (reported) rather than a forecast.
    pub actual: bool,
}

pub fn dsg_position(ds: &Dataset) -> DsgPosition {
    let h = &ds.high_needs;
    let b = Baseline::from_dataset(ds);
    let sp = b.start_point().cloned();
    let vintage = sp.as_ref().and_then(|sp| h.forecasts.iter().find(|f| f.id == sp.id));
    let (in_year, year_end) = match (vintage, &sp) {
        (Some(f), Some(sp)) => (
            f.in_year.clone().unwrap_or_else(|| {
                let mut x = Figure::new(sp.in_year, Status::Derived);
                x.note = Some("The year-end figure less the deficit brought forward.".into());
                x
            }),
            f.amount.clone(),
        ),
        _ => (h.in_year_forecast.clone(), h.deficit_year_end.clone()),
    };
    let made = sp.as_ref().map(|sp| format!("{} in {}: {}", if sp.actual { "actual, reported" } else { "forecast" }, sp.made.month_year(), sp.label)).unwrap_or_default();
    let earlier = sp.as_ref().and_then(|sp| b.starts.iter().filter(|s| s.made < sp.made && s.year_end != sp.year_end).max_by_key(|s| s.made)).map(|e| (e.year_end, e.made.month_year()));
    let actual = sp.as_ref().is_some_and(|sp| sp.actual);
    DsgPosition { brought_forward: h.deficit_brought_forward.clone(), in_year, year_end, made, earlier, actual }
}

/// The DSG position chart: brought forward, in-year, year end (the latest vintage).
pub fn dsg_figure(ds: &Dataset) -> Fig {
    let pos = dsg_position(ds);
    let (bf, iy, end) = (pos.brought_forward.value, pos.in_year.value, pos.year_end.value);
    let year = year_label(ds);
    let (_, end_date) = year_start_end(ds);
    let title = if bf > Decimal::ZERO && end >= bf * Decimal::TWO {
        format!("The DSG deficit more than doubles in {year}")
    } else if bf > Decimal::ZERO && end * Decimal::TEN >= bf * Decimal::from(18) {
        format!("The DSG deficit nearly doubles in {year}")
    } else if bf < Decimal::ZERO || end < Decimal::ZERO {
        format!("The DSG balance goes from {} to {} in {year}", balance(bf), balance(end))
    } else {
        format!("The DSG deficit goes from {} to {} in {year}", gbp_published(bf), gbp_published(end))
    };
    let mut c = Chart::new("dsg-position", &title);
    c.description = format!(
        "Bars: the cumulative DSG deficit brought forward at the start of {year}, the in-year overspend forecast for {year}, and the deficit forecast at {end_date}."
    );
    c.x_labels = vec!["Brought forward".into(), format!("In-year {year}"), end_date.clone()];
    c.categories = true;
    c.series.push(Series { name: "Cumulative deficit".into(), values: vec![Some(to_f64(bf)), Some(to_f64(bf + iy)), Some(to_f64(end))], style: Style::Waterfall, colour: 0 });
    c.height = 300;
    let earlier = pos.earlier.as_ref().map(|(v, when)| format!(" That is {} in {when}.", crate::ui::components::words::beside_earlier(end, *v, gbp_published))).unwrap_or_default();
    let year_did = if iy.is_zero() {
        "this year neither adds to it nor takes from it, so it is".to_string()
    } else {
        format!("this year's {} of {} takes it to", if iy < Decimal::ZERO { "underspend" } else { "overspend" }, gbp_published(iy.abs()))
    };
    let summary = format!("The {} brought forward was {}; {year_did} {} by {end_date} ({}).{earlier}", if bf < Decimal::ZERO { "balance" } else { "deficit" }, balance(bf), balance(end), pos.made);
    let (start, _) = year_start_end(ds);
    let t = money_table(
        &format!("DSG high-needs deficit, {year} (£)"),
        ds,
        &[
            // A surplus is named as one: "In-year overspend −£300,000" read as a contradiction.
            (&if bf < Decimal::ZERO { format!("Balance brought forward, {start} (a surplus, shown negative)") } else { format!("Deficit brought forward, {start}") }, &pos.brought_forward),
            (&if iy < Decimal::ZERO { format!("In-year underspend {year} (shown negative)") } else { format!("In-year overspend {year}") }, &pos.in_year),
            (&if end < Decimal::ZERO { format!("Cumulative balance, {end_date} (a surplus, shown negative)") } else { format!("Cumulative deficit, {end_date}") }, &pos.year_end),
        ],
    );
    Fig::new(c, t, summary)
}

fn bars(id: &str, title: &str, description: &str, labels: &[&str], values: &[Decimal], name: &str) -> Chart {
    let mut c = Chart::new(id, title);
    c.description = description.into();
    c.x_labels = labels.iter().map(|s| s.to_string()).collect();
    c.categories = true;
    c.series.push(Series { name: name.into(), values: values.iter().map(|v| Some(to_f64(*v))).collect(), style: Style::Bars, colour: 0 });
    c.height = 280;
    c
}

pub fn budget_figure(ds: &Dataset) -> Fig {
    let b = &ds.budget;
    let dsg_end = dsg_position(ds).year_end;
    let year = year_label(ds);
    // A DSG surplus is named as one, in the bar's label, the table and the summary.
    let surplus = dsg_end.value < Decimal::ZERO;
    let items: [(&str, &str, &Figure<Gbp>); 5] = [
        ("Net budget", "Net revenue budget (day-to-day services)", &b.net_budget),
        ("Capital", "Capital budget for the year (revised)", &ds.capital.revised),
        ("Reserves", "Usable reserves", &b.reserves.total_usable),
        ("Savings", "Savings planned", &ds.savings.target),
        if surplus { ("DSG surplus", "DSG high-needs surplus (latest forecast at year end, shown negative)", &dsg_end) } else { ("DSG deficit", "DSG high-needs deficit (latest forecast at year end)", &dsg_end) },
    ];
    let c = bars(
        "ov-budget",
        &format!("The {} day-to-day budget beside the other sums on this page", m(&b.net_budget)),
        &format!("Bars: the net revenue budget for {year}, the revised capital budget, usable reserves, the savings planned, and the DSG high-needs deficit forecast at the year end."),
        &items.map(|i| i.0),
        &items.map(|i| i.2.value),
        "Amount",
    );
    let summary = format!(
        "Net budget {}; capital budget for the year {}; usable reserves {}; savings planned {}; {}.",
        m(&b.net_budget),
        m(&ds.capital.revised),
        m(&b.reserves.total_usable),
        m(&ds.savings.target),
        if surplus { format!("DSG surplus {}", gbp_published(-dsg_end.value)) } else { format!("DSG deficit {}", m(&dsg_end)) }
    );
    let rows: Vec<(&str, &Figure<Gbp>)> = items.iter().map(|i| (i.1, i.2)).collect();
    Fig::new(c, money_table(&format!("The main sums, {year} (£)"), ds, &rows), summary)
}

pub fn savings_figure(ds: &Dataset) -> Fig {
    let s = &ds.savings;
    let year = year_label(ds);
    let c = bars(
        "ov-savings",
        &format!(
            "{} of the {} of savings had been made, and {} at risk",
            if s.delivered.amount.value.is_zero() { "None".to_string() } else { m(&s.delivered.amount) },
            m(&s.target),
            if s.at_risk.amount.value.is_zero() { "none was".to_string() } else { format!("{} was", m(&s.at_risk.amount)) }
        ),
        &format!("Bars: the savings planned for {year} by how they were going: delivered, on target or in progress, and at risk."),
        &["Delivered", "On target", "At risk"],
        &[s.delivered.amount.value, s.on_target.amount.value, s.at_risk.amount.value],
        "Savings",
    );
    let summary = format!(
        "Delivered {} ({}), on target {} ({}), at risk {} ({}), of {} planned.",
        m(&s.delivered.amount),
        share(&s.delivered.share),
        m(&s.on_target.amount),
        share(&s.on_target.share),
        m(&s.at_risk.amount),
        share(&s.at_risk.share),
        m(&s.target)
    );
    let t = money_table(
        &format!("Savings {year} by how they are going (£)"),
        ds,
        &[("Delivered", &s.delivered.amount), ("On target or in progress", &s.on_target.amount), ("At risk", &s.at_risk.amount), ("Total planned", &s.target)],
    );
    Fig::new(c, t, summary)
}

pub fn overspend_figure(ds: &Dataset) -> Fig {
    let b = &ds.budget;
    let (before, left) = (b.forecast_overspend.value, b.overspend_after_action.value);
    let title = if before < Decimal::ZERO || left < Decimal::ZERO {
        format!("Management action is expected to take a forecast {} to an {}", spend_of(before), spend_of(left))
    } else {
        format!("Management action is expected to cut the {} overspend to {}", m(&b.forecast_overspend), m(&b.overspend_after_action))
    };
    let mut c = Chart::new("ov-overspend", &title);
    c.description = "Bars: the forecast overspend before management action, the amount management action is expected to save, and the overspend left after it.".into();
    c.x_labels = vec!["Forecast overspend".into(), "Management action".into(), "Left after action".into()];
    c.categories = true;
    let after = to_f64(b.overspend_after_action.value);
    c.series.push(Series { name: "Overspend".into(), values: vec![Some(to_f64(b.forecast_overspend.value)), Some(after), Some(after)], style: Style::Waterfall, colour: 0 });
    c.height = 280;
    let summary = format!(
        "A forecast {}, {} {} of management action, leaves {}.",
        spend_of(before),
        // Action adds to an underspend: it is not taken from it.
        if before < Decimal::ZERO { "with" } else { "less" },
        m(&b.management_action),
        if left < Decimal::ZERO { format!("an {}", spend_of(left)) } else { m(&b.overspend_after_action) }
    );
    let t = money_table(
        "Forecast overspend and management action (£)",
        ds,
        &[("Forecast overspend before management action", &b.forecast_overspend), ("Management action", &b.management_action), ("Overspend after management action", &b.overspend_after_action)],
    );
    Fig::new(c, t, summary)
}

pub fn reserves_figure(ds: &Dataset) -> Fig {
    let r = &ds.budget.reserves;
    let title = if r.earmarked.value > r.general_fund.value {
        format!("Most of the {} of usable reserves is earmarked for particular purposes", m(&r.total_usable))
    } else {
        format!("The council has {} of usable reserves", m(&r.total_usable))
    };
    let c = bars(
        "ov-reserves",
        &title,
        &format!("Bars: the general fund balance, earmarked reserves and total usable reserves at {}.", as_at_text(r)),
        &["General fund", "Earmarked", "Total usable"],
        &[r.general_fund.value, r.earmarked.value, r.total_usable.value],
        "Reserves",
    );
    let summary = format!("General fund balance {} plus earmarked reserves {} makes {} of usable reserves.", m(&r.general_fund), m(&r.earmarked), m(&r.total_usable));
    let mut rows: Vec<(&str, &Figure<Gbp>)> = vec![("General fund balance", &r.general_fund), ("Earmarked reserves", &r.earmarked), ("Total usable reserves", &r.total_usable)];
    if let Some(cr) = &r.contingency_reserve {
        // "New" only where the file shows it was made (money moved into it from the business
        // rates risk reserve), as Herefordshire's papers do; another council's is simply held.
        rows.push((if contingency_set_up(r) { "New contingency reserve" } else { "Contingency reserve" }, cr));
    }
    Fig::new(c, money_table(&format!("Usable reserves at {} (£)", as_at_text(r)), ds, &rows), summary)
}

/// The year's other capital changes, each only if it changed something: " The council also
/// brought forward £9.1m of unspent budget from last year, added £4.4m of new grants but took
/// £1.2m off in other approved changes, and removed projects worth £750,000." A small council
/// with none read "brought forward £0 …, added £0 of new grants and £0 of other approved changes".
fn other_capital_changes(c: &crate::data::dataset::Capital, m: impl Fn(&Figure<Gbp>) -> String) -> String {
    let mut parts = vec![];
    if !c.brought_forward.value.is_zero() {
        parts.push(format!("brought forward {} of unspent budget from last year", m(&c.brought_forward)));
    }
    if !c.added_grants.value.is_zero() {
        parts.push(format!("added {} of new grants", m(&c.added_grants)));
    }
    let mut s = parts.join(", ");
    let sep = |s: &str, word: &str| if s.is_empty() { String::new() } else { format!(" {word} ") };
    if c.movements.value < Decimal::ZERO {
        s = format!("{s}{}took {} off in other approved changes", sep(&s, "but"), gbp_published(-c.movements.value));
    } else if c.movements.value > Decimal::ZERO {
        s = format!("{s}{}made {} of other approved changes", sep(&s, "and"), m(&c.movements));
    }
    if !c.removed.value.is_zero() {
        s = format!("{s}{}removed projects worth {}", if s.is_empty() { "" } else { ", and " }, m(&c.removed));
    }
    if s.is_empty() { String::new() } else { format!(" The council also {s}.") }
}

/// Whether the file shows the contingency reserve being set up: money moved into it out of the
/// business rates risk reserve (before and after amounts given).
fn contingency_set_up(r: &crate::data::dataset::Reserves) -> bool {
    r.contingency_reserve.is_some() && r.business_rates_risk.is_some() && r.business_rates_risk_after.is_some()
}

/// Whether reprofiling is the largest change between the approved and revised capital budgets.
fn reprofiling_is_largest(ds: &Dataset) -> bool {
    let c = &ds.capital;
    let others = [c.brought_forward.value, c.movements.value, c.removed.value, c.added_grants.value];
    others.iter().all(|o| c.reprofiled.value.abs() > o.abs())
}

pub fn capital_figure(ds: &Dataset) -> Fig {
    let c = &ds.capital;
    let inputs = CapitalInputs::from_dataset(c);
    let br = bridge(&inputs);
    let mut title = if inputs.unchanged_in_year() {
        format!("The {} capital budget was not changed in the year", m(&c.approved))
    } else if c.approved.value == c.revised.value {
        format!("The {} capital budget is the same after the year's changes", m(&c.approved))
    } else {
        format!("The {} capital budget was revised to {}", m(&c.approved), m(&c.revised))
    };
    if reprofiling_is_largest(ds) && c.approved.value != c.revised.value {
        title.push_str(&format!(", mostly by moving {} to later years", m(&c.reprofiled)));
    }
    let mut ch = Chart::new("ov-capital", &title);
    ch.description = "Bars: the approved capital budget, each change to it (up for additions, down for removals and spending moved to later years), and the revised budget.".into();
    let short = |key: &str| match key {
        "approved" => "Approved",
        "brought_forward" => "From last year",
        "movements" => "Other changes",
        "removed" => "Removed",
        "added_grants" => "New grants",
        "reprofiled" => "To later years",
        _ => "Change",
    };
    ch.x_labels = br.steps.iter().map(|s| short(s.key).to_string()).chain(std::iter::once("Revised".to_string())).collect();
    ch.categories = true;
    ch.series.push(Series {
        name: "Capital budget".into(),
        values: br.steps.iter().map(|s| Some(to_f64(s.level))).chain(std::iter::once(Some(to_f64(c.revised.value)))).collect(),
        style: Style::Waterfall,
        colour: 0,
    });
    ch.height = 300;
    // Only the changes that change something ("plus £0 brought forward, £0 of other changes …"
    // read as a form); other changes that take money off are among what is taken off.
    let listed = |items: Vec<Option<String>>| crate::ui::components::words::listed(&items.into_iter().flatten().collect::<Vec<_>>());
    let some = |f: &Figure<Gbp>, what: &str| (!f.value.is_zero()).then(|| format!("{} {what}", m(f)));
    let plus = listed(vec![
        some(&c.brought_forward, "brought forward"),
        (c.movements.value > Decimal::ZERO).then(|| format!("{} of other changes", m(&c.movements))),
        some(&c.added_grants, "of new grants"),
    ]);
    let less = listed(vec![
        (c.movements.value < Decimal::ZERO).then(|| format!("{} of other changes", gbp_published(-c.movements.value))),
        some(&c.removed, "removed"),
        some(&c.reprofiled, "moved to later years"),
    ]);
    let summary = match (plus.is_empty(), less.is_empty()) {
        (true, true) => format!("Approved {}, with no changes in the year: {}.", m(&c.approved), m(&c.revised)),
        (false, true) => format!("Approved {}, plus {plus}, gives {}.", m(&c.approved), m(&c.revised)),
        (true, false) => format!("Approved {}, less {less}, gives {}.", m(&c.approved), m(&c.revised)),
        (false, false) => format!("Approved {}, plus {plus}, less {less}, gives {}.", m(&c.approved), m(&c.revised)),
    };
    let t = Table {
        caption: format!("From the approved to the revised capital budget, {} (£)", year_label(ds)),
        headers: vec!["Step".into(), "Change".into(), "Budget after it".into(), "Source".into()],
        rows: br
            .steps
            .iter()
            .zip([&c.approved, &c.brought_forward, &c.movements, &c.removed, &c.added_grants, &c.reprofiled])
            .map(|(s, f)| vec![s.label.to_string(), gbp(s.amount), gbp(s.level), source_cell(ds, f)])
            .chain(std::iter::once(vec!["Revised capital budget".into(), String::new(), gbp(c.revised.value), source_cell(ds, &c.revised)]))
            .collect(),
    };
    Fig::new(ch, t, summary)
}

// ---------------------------------------------------------------------------------------------
// The page

fn term(id: &'static str, text: &'static str) -> impl IntoView {
    view! { <PageLink page=Page::Glossary fragment=id>{text}</PageLink> }
}

#[component]
pub fn Overview() -> impl IntoView {
    let app = use_app();
    move || app.data.get().map(|d| view! { <OverviewBody loaded=d/> })
}

#[component]
fn Part(id: &'static str, #[prop(into)] title: String, parts: Fig, source: String, page: Page, #[prop(into)] explore: String, intro: AnyView) -> impl IntoView {
    let Fig { chart, table, summary } = parts;
    // Not `{id}-h`: that is the heading id of the chart inside (same id), which made the chart
    // take this section's title as its name.
    let heading = format!("{id}-part");
    let labelled_by = heading.clone();
    view! {
        <section class="ov-part" id=id aria-labelledby=labelled_by>
            <h2 id=heading>{title}</h2>
            {intro}
            // Drawn in a task of its own in the app's first view.
            <Later><ChartFigure chart=Signal::stored(chart.clone()) summary=Signal::stored(summary.clone()) table=Signal::stored(table.clone())/></Later>
            <p class="source">{source}" "<PageLink page=Page::Sources>"Every figure and its source"</PageLink></p>
            <p class="explore"><PageLink page=page>{explore}</PageLink></p>
        </section>
    }
}

#[component]
fn OverviewBody(loaded: Arc<Loaded>) -> impl IntoView {
    let ds = &loaded.dataset;
    let year = year_label(ds);
    let (start, end_date) = year_start_end(ds);
    let b = &ds.budget;
    let r = &b.reserves;
    let s = &ds.savings;
    let h = &ds.high_needs;
    let c = &ds.capital;
    let point = b.forecast_point_name().to_string();
    let news = use_app().news.get_untracked().unwrap_or_else(|| Arc::new(crate::ui::components::policy_news::policy_news(ds, &Baseline::from_dataset(ds))));

    let pos = dsg_position(ds);
    // The latest published forecast, if it differs from the year-end figure above.
    let latest = h.forecasts.iter().max_by_key(|f| f.made).filter(|f| f.amount.value != pos.year_end.value).map(|f| {
        format!(
            "The latest forecast, made {}, put the {} by {}.",
            match f.made_at(ds) {
                d if d.month_only => format!("in {}", d.long()),
                d => format!("on {}", d.long()),
            },
            match (f.amount.value < Decimal::ZERO, f.qualifier.as_deref() == Some("up to")) {
                (true, _) => format!("balance at a surplus of {}", gbp_published(-f.amount.value)),
                (false, true) => format!("deficit at up to {}", m(&f.amount)),
                (false, false) => format!("deficit at {}", m(&f.amount)),
            },
            f.for_date.long()
        )
    });
    let latest_source = h.forecasts.iter().max_by_key(|f| f.made).filter(|f| f.amount.value != pos.year_end.value).and_then(|f| f.amount.source.clone());
    let gf_compare = if pos.year_end.value < Decimal::ZERO {
        format!("On this part of the grant the council has a surplus of {}, not a deficit; its general fund balance, its main emergency savings, is {}.", gbp_published(-pos.year_end.value), m(&r.general_fund))
    } else if pos.year_end.value > r.general_fund.value {
        format!("The deficit of {} is already more than the council's general fund balance of {}, its main emergency savings.", m(&pos.year_end), m(&r.general_fund))
    } else {
        format!("The deficit of {} compares with the council's general fund balance, its main emergency savings, of {}.", m(&pos.year_end), m(&r.general_fund))
    };
    let earlier_text = pos.earlier.as_ref().map(|(v, when)| format!(" An earlier forecast, in {when}, had put it at {}.", balance(*v)));
    // An in-year figure the papers do not give is the app's own sum, and is said to be.
    let derived = pos.in_year.status == Status::Derived;
    let spends_phrase = match (pos.actual, derived) {
        (true, _) => "spent",
        (false, true) => "would, on its latest forecast, spend",
        (false, false) => "expects to spend",
    };
    let worked_out = if derived {
        let bf = &pos.brought_forward;
        let brought = if bf.value < Decimal::ZERO { format!("and the surplus of {} brought forward", gbp_published(-bf.value)) } else { format!("less the {} brought forward", m(bf)) };
        format!(", worked out from the year-end {} {brought}", if pos.actual { "figure" } else { "forecast" })
    } else {
        String::new()
    };
    let surplus = pos.year_end.value < Decimal::ZERO;
    let tile_label = format!("Schools high-needs {}, {end_date}{}", if surplus { "surplus" } else { "deficit" }, if pos.actual { "" } else { " (forecast)" });
    let tile_note = pos.earlier.as_ref().map(|(v, when)| format!("{} in {when}", crate::ui::components::words::beside_earlier(pos.year_end.value, *v, gbp_published))).unwrap_or_else(|| pos.made.clone());
    let dsg_source = cite(
        ds,
        [
            h.deficit_brought_forward.source.as_deref(),
            pos.in_year.source.as_deref(),
            pos.year_end.source.as_deref(),
            h.override_end.source.as_deref(),
            r.general_fund.source.as_deref(),
            latest_source.as_deref(),
        ],
    );
    let budget_source = cite(ds, [b.net_budget.source.as_deref(), c.revised.source.as_deref(), r.total_usable.source.as_deref(), s.target.source.as_deref(), h.deficit_year_end.source.as_deref()]);
    let savings_source = cite(ds, [s.target.source.as_deref(), b.directorate_savings.source.as_deref(), s.delivered.amount.source.as_deref(), s.on_target.amount.source.as_deref(), s.at_risk.amount.source.as_deref()]);
    let overspend_source = cite(ds, [b.forecast_overspend.source.as_deref(), b.cost_pressures.source.as_deref(), b.overspend_after_action.source.as_deref()]);
    // An underspend is named as one, in the heading and the link to Savings too: as the text
    // under it does, by the forecast before management action.
    let underspend = b.forecast_overspend.value < Decimal::ZERO;
    let reserves_source = cite(ds, [r.general_fund.source.as_deref(), r.earmarked.source.as_deref(), r.total_usable.source.as_deref(), r.contingency_reserve.as_ref().and_then(|f| f.source.as_deref())]);
    let capital_source = cite(ds, [c.approved.source.as_deref(), c.revised.source.as_deref(), c.reprofiled.source.as_deref(), c.spend_to_date.source.as_deref()]);

    // Said only of a reserve that holds something: "a contingency reserve of £0" read oddly.
    let contingency = r.contingency_reserve.as_ref().filter(|cr| !cr.value.is_zero()).map(|cr| match (&r.business_rates_risk, &r.business_rates_risk_after) {
        (Some(before), Some(after)) => {
            let moved = format!(", by moving money out of another reserve kept for business rates risks (which went from {} to {})", m(before), m(after));
            view! { <p>"The council also agreed to set up a "{term("contingency-reserve", "contingency reserve")}{format!(" of {} for costs it cannot plan for{moved}.", m(cr))}</p> }.into_any()
        }
        _ => view! { <p>"Its earmarked reserves include a "{term("contingency-reserve", "contingency reserve")}{format!(" of {} for costs it cannot plan for.", m(cr))}</p> }.into_any(),
    });
    let policy = {
        let (oe, wo) = news.since_papers();
        let mut t = String::new();
        // Announced before papers that still give an earlier end (a trial's late-2025 file read
        // as if that end were still the rule); first, as it came first.
        if let Some(((date, when), false)) = news.override_news() {
            t.push_str(&format!("In {when}, before these papers, the government moved the end date to {date}; the papers still give {}. ", h.override_end.value.long()));
        }
        if oe.is_some() || wo.is_some() {
            t.push_str("Since the papers, the government has changed the rules. ");
        }
        if let Some((date, when)) = oe {
            t.push_str(&format!("In {when} it moved the end date to {date}. "));
        }
        if let Some((share, to, when)) = wo {
            t.push_str(&format!(
                "In {when} it said it would pay off {share} of the high-needs deficit built up to {to}, but only for councils whose plan to reform support for SEND is approved. "
            ));
        }
        (!t.is_empty()).then(|| view! { <p>{t.trim_end().to_string()}" "<PageLink page=Page::Sources fragment="policy">"Where this comes from"</PageLink>"."</p> })
    };
    let capital_changes = if reprofiling_is_largest(ds) {
        format!(
            "The biggest change was {} of work moved to later years. This is called ",
            m(&c.reprofiled)
        )
    } else {
        format!("{} of work was moved to later years. This is called ", m(&c.reprofiled))
    };

    // Papers whose override ended before the year they cover, or before the figures' date, say
    // so in the past tense.
    let ended = h.override_end.value <= Fy(base_year(ds).unwrap_or(ds.as_of.fy()).0 - 1).end() || h.override_end.value < ds.as_of;
    let override_text = if ended {
        format!(" let councils keep this deficit apart from the rest of their money. The council's papers say the rule ended on {}, so they count the deficit against the council's ", h.override_end.value.long())
    } else {
        format!(" lets councils keep this deficit apart from the rest of their money for now. The council's papers say the rule lasts until {}. When it ends, the deficit would have to be paid from the council's ", h.override_end.value.long())
    };
    let ov_dsg_intro = view! {
        <p>"Every year the government gives the council a grant for education, called the "{term("dsg", "Dedicated Schools Grant")}" (DSG). One part of it, the "{term("high-needs-block", "high-needs block")}", pays for children and young people with "{term("send", "special educational needs and disabilities")}" (SEND). Many of them have an "{term("ehcp", "Education, Health and Care Plan")}" (EHCP)."</p>
        <p>
            {format!("{}The gap adds up from year to year. ", if pos.in_year.value > Decimal::ZERO { "This part now costs more than the grant. " } else { "" })}
            // A surplus is not "the total gap ... was a surplus of £3m" (an auditor's file).
            {if pos.brought_forward.value < Decimal::ZERO {
                view! { {format!("On {start} there was no gap: the balance ")}{term("brought-forward", "brought forward")}{format!(" was a surplus of {}, a negative ", gbp_published(-pos.brought_forward.value))}{term("cumulative-deficit", "cumulative deficit")}"." }.into_any()
            } else {
                view! { {format!("On {start} the total gap ")}{term("brought-forward", "brought forward")}", the "{term("cumulative-deficit", "cumulative deficit")}{format!(", was {}.", balance(pos.brought_forward.value))} }.into_any()
            }}
            // Less than the grant is a surplus, not "the in-year deficit" (a small council's page).
            {format!(" In {year} the council {} {} than the grant ({}", spends_phrase, more_or_less(pos.in_year.value), if pos.in_year.value < Decimal::ZERO { "an in-year surplus, a negative " } else { "the " })}
            {term("in-year-deficit", "in-year deficit")}
            {format!("{worked_out}), which takes the total to {} by {end_date} ({}).", balance(pos.year_end.value), pos.made)}
            {earlier_text}
            {latest.map(|l| format!(" {l}"))}
        </p>
        <p>
            "A rule called the "{term("statutory-override", "statutory override")}
            {override_text}
            {term("usable-reserves", "usable reserves")}
            {format!(". That is why the date matters. {gf_compare}")}
        </p>
        {policy}
    }
    .into_any();
    let ov_budget_intro = view! {
        <p>
            {format!("In {year} the council's ")}{term("net-budget", "net budget")}
            {format!(" is {}. This is what it plans to spend on day-to-day services in the year, after taking off the money services bring in themselves, such as fees. It is paid for mainly by council tax, business rates and government grants. It is also called the ", m(&b.net_budget))}
            {term("revenue-budget", "revenue budget")}"."
        </p>
        <p>"Spending on things that last, like roads and buildings, is kept apart in the "{term("capital-programme", "capital programme")}". The chart puts the day-to-day budget beside the other sums on this page."</p>
    }
    .into_any();
    let ov_savings_intro = view! {
        <p>
            {format!("To balance the budget, the council planned to save {} in {year}: {} in its ", m(&s.target), m(&b.directorate_savings))}
            {term("directorate", "departments")}
            {format!(" and {} across the whole council.", m(&b.council_wide_savings))}
        </p>
        <p>
            {if s.delivered.amount.value.is_zero() {
                // "£0 (0%) had been saved" said nothing either.
                format!("In the council's report for {point}, none of it had been saved yet.{}",
                    if s.on_target.amount.value.is_zero() { String::new() } else { format!(" {} ({}) was on track.", m(&s.on_target.amount), share(&s.on_target.share)) })
            } else {
                format!("In the council's report for {point}, {} ({}) had been saved.{}",
                    m(&s.delivered.amount), share(&s.delivered.share),
                    if s.on_target.amount.value.is_zero() { String::new() } else { format!(" Another {} ({}) was on track.", m(&s.on_target.amount), share(&s.on_target.share)) })
            }}
            {if s.at_risk.amount.value.is_zero() {
                // "The other £0 (0%) was at risk" said nothing.
                view! { " None was "{term("savings-at-risk", "at risk")}"." }.into_any()
            } else {
                // "The other" only after something delivered or on track.
                let other = if s.delivered.amount.value.is_zero() && s.on_target.amount.value.is_zero() { "All" } else { "The other" };
                view! { {format!(" {other} {} ({}) was ", m(&s.at_risk.amount), share(&s.at_risk.share))}{term("savings-at-risk", "at risk")}": it might not be saved this year, which would add to any overspend." }.into_any()
            }}
        </p>
    }
    .into_any();
    let under = b.forecast_overspend.value < Decimal::ZERO;
    let after_under = b.overspend_after_action.value < Decimal::ZERO;
    // The forecast less the action is what is left: shown so that it adds up as read.
    let [_, action_shown, after_shown] = if under || after_under {
        [String::new(), m(&b.management_action), gbp_published(b.overspend_after_action.value.abs())]
    } else {
        let (before, action, after) = (b.forecast_overspend.value, b.management_action.value, b.overspend_after_action.value);
        let dp = crate::units::money::places(&[(&[action, after], before)]);
        [before, action, after].map(|x| crate::units::money::gbp_m_at(x, dp))
    };
    let ov_overspend_intro = view! {
        <p>
            {format!("In the same report, the council expected to spend {} than its budget by the end of the year. This is called an ", more_or_less(b.forecast_overspend.value))}
            {if under { "underspend".into_any() } else { term("overspend", "overspend").into_any() }}
            {if under {
                format!(", after {} of extra costs in services where more people need help.", m(&b.cost_pressures))
            } else {
                format!(". The main reason was {} of extra costs in services where more people need help.", m(&b.cost_pressures))
            }}
        </p>
        <p>
            {if under { format!("Managers planned {action_shown} of ") } else { format!("Managers planned to cut it by {action_shown} through ") }}
            {term("management-action", "management action")}
            {format!(", leaving {} of {}. {}", if after_under { "an underspend" } else { "an overspend" }, after_shown, if after_under { "An underspend at the end of the year adds to reserves." } else { "Whatever is left at the end of the year is paid from reserves." })}
        </p>
    }
    .into_any();
    let ov_reserves_intro = view! {
        <p>
            {format!("Reserves are money the council has saved. At {} it had {} of ", as_at_text(r), m(&r.total_usable))}
            {term("usable-reserves", "usable reserves")}
            {format!(": {} in its ", m(&r.general_fund))}
            {term("general-fund-balance", "general fund balance")}
            {format!(", its main emergency savings, and {} in ", m(&r.earmarked))}
            {term("earmarked-reserves", "earmarked reserves")}
            ", set aside for particular plans and risks."
        </p>
        {contingency}
        <p>"Reserves can only be spent once. Money used to cover an overspend, or the schools deficit, cannot be used again."</p>
    }
    .into_any();
    let ov_capital_intro = view! {
        <p>
            "The "{term("capital-programme", "capital programme")}
            {if CapitalInputs::from_dataset(c).unchanged_in_year() {
                format!(" pays for things that last, such as roads, schools and buildings. For {year} the council approved {}, and did not change it during the year.", m(&c.approved))
            } else if c.approved.value == c.revised.value {
                format!(" pays for things that last, such as roads, schools and buildings. For {year} the council approved {}; after the year's changes it is still {}.", m(&c.approved), m(&c.revised))
            } else {
                format!(" pays for things that last, such as roads, schools and buildings. For {year} the council approved {}. During the year it changed this to {}.", m(&c.approved), m(&c.revised))
            }}
        </p>
        <p>
            {if c.reprofiled.value.is_zero() {
                "No work was moved to later years.".into_any()
            } else {
                view! { {capital_changes}{term("reprofiling", "reprofiling")}": the work should still happen, just later." }.into_any()
            }}
            {other_capital_changes(c, m)}
            {format!(" By the {}, it had spent {} and agreed to spend {} more.", c.spend_point, m(&c.spend_to_date), m(&c.commitments))}
        </p>
        <p>
            "When the council pays for a project by "{term("borrowing", "borrowing")}
            ", it pays interest, and each year it sets aside money to pay the loan back (the "{term("mrp", "minimum revenue provision")}
            "). Both come out of the day-to-day budget, so moving capital spending from year to year also moves these costs."
        </p>
    }
    .into_any();

    view! {
        <h1>"Where the budget stands"</h1>
        <p class="lede">
            {format!("How the money stands at {} in {year}, in plain words. The numbers come from the council's own papers, the latest dated {}. Each part below says which papers, and the ", ds.council, crate::ui::components::policy_news::latest_paper_when(ds))}
            <PageLink page=Page::Sources>"Sources"</PageLink>" page shows every figure. Links on words take you to the "
            <PageLink page=Page::Glossary>"glossary"</PageLink>", which explains them."
        </p>
        <ul class="headlines" aria-label="At a glance">
            <li><span>{format!("Net budget {year}")}</span><span class="big">{m(&b.net_budget)}</span></li>
            <li><span>"Savings planned"</span><span class="big">{m(&s.target)}</span></li>
            <li><span>{if b.overspend_after_action.value < Decimal::ZERO { "Forecast underspend after action" } else { "Forecast overspend after action" }}</span><span class="big">{gbp_published(b.overspend_after_action.value.abs())}</span></li>
            <li><span>"Usable reserves"</span><span class="big">{m(&r.total_usable)}</span></li>
            <li id="ov-dsg-tile"><span>{tile_label}</span><span class="big">{gbp_published(pos.year_end.value.abs())}</span><span>{tile_note}</span></li>
            <li><span>"Capital budget for the year"</span><span class="big">{m(&c.revised)}</span></li>
        </ul>

        <Part id="ov-dsg" title="The schools high-needs deficit" parts=dsg_figure(ds) source=dsg_source page=Page::HighNeeds
            explore="Explore the deficit: see when it could pass the council's reserves, and change the assumptions" intro=ov_dsg_intro/>
        // In a task of its own in the app's first view, as the charts are.
        <Later><KeyQuestions plain=true/></Later>

        <Part id="ov-budget" title="How big the budget is" parts=budget_figure(ds) source=budget_source page=Page::Savings
            explore="Explore the budget, the savings and the reserves" intro=ov_budget_intro/>

        <Part id="ov-savings" title="The savings the council planned" parts=savings_figure(ds) source=savings_source page=Page::Savings
            explore="Explore the savings: what if more of them are not made?" intro=ov_savings_intro/>

        <Part id="ov-overspend" title=if underspend { "The forecast underspend" } else { "The forecast overspend" } parts=overspend_figure(ds) source=overspend_source page=Page::Savings
            explore=if underspend { "Explore the underspend and the reserves" } else { "Explore the overspend and what it takes from reserves" } intro=ov_overspend_intro/>

        <Part id="ov-reserves" title="The council's reserves" parts=reserves_figure(ds) source=reserves_source page=Page::Savings
            explore="Explore how long the reserves could last" intro=ov_reserves_intro/>

        <Part id="ov-capital" title="Spending on things that last" parts=capital_figure(ds) source=capital_source page=Page::Capital
            explore="Explore the capital programme: what moving spending to later years does to the budget" intro=ov_capital_intro/>

        // At the end, not the top: on a phone the plain words come first.
        <section class="pass-on needs-js" aria-labelledby="ov-share-h">
            <h2 id="ov-share-h">"Pass this page on"</h2>
            <Later><ShareBar/></Later>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::q2 as shipped;

    #[test]
    fn citations_name_the_papers_once() {
        let l = shipped();
        let ds = &l.dataset;
        let b = &ds.budget;
        assert_eq!(cite(ds, [b.net_budget.source.as_deref(), b.forecast_overspend.source.as_deref(), None]), "Source: Cabinet, 19 December 2024.");
        let two = cite(ds, [b.net_budget.source.as_deref(), Some("cyp-scrutiny-2025-03-18")]);
        assert!(two.starts_with("Sources: Cabinet, 19 December 2024; Children and Young People Scrutiny Committee, 18 March 2025"), "{two}");
    }

    #[test]
    fn charts_carry_the_published_figures() {
        let l = shipped();
        let ds = &l.dataset;
        let Fig { chart: c, summary: s, table: t } = dsg_figure(ds);
        assert_eq!(c.id, "dsg-position");
        // The latest vintage leads, and the earlier forecast is named.
        assert_eq!(c.title, "The DSG deficit more than doubles in 2024/25");
        assert!(s.contains("£6.1m") && s.contains("£11.1m") && s.contains("£17.2m") && s.contains("up from the £13.7m forecast in November 2024"), "{s}");
        assert_eq!(t.rows[0][1], "£6,100,000");
        assert_eq!(t.rows[1][1], "£11,100,000");
        assert_eq!(t.rows[1][2], "Worked out from the other figures");
        assert_eq!(t.rows[2][1], "£17,200,000");
        let c = budget_figure(ds).chart;
        assert_eq!(c.title, "The £212.8m day-to-day budget beside the other sums on this page");
        let Fig { chart: c, summary: s, .. } = savings_figure(ds);
        assert_eq!(c.title, "£8.9m of the £19.5m of savings had been made, and £5m was at risk");
        assert!(s.contains("(46%)"));
        let Fig { chart: c, summary: s, .. } = overspend_figure(ds);
        assert_eq!(c.title, "Management action is expected to cut the £10.2m overspend to £2m");
        assert!(s.contains("£8.2m"));
        let Fig { chart: c, table: t, .. } = reserves_figure(ds);
        assert_eq!(c.title, "Most of the £82.8m of usable reserves is earmarked for particular purposes");
        assert_eq!(t.rows.len(), 4, "with the contingency reserve");
        assert_eq!(t.rows[3][0], "New contingency reserve", "Herefordshire's papers show it set up out of the business rates risk reserve");
        // Another council's, with no transfer shown, is one it holds.
        let other = crate::testing::avila_with(|v| v["budget"]["reserves"]["contingency_reserve"] = serde_json::json!({ "value": "2000000", "unit": "gbp", "status": "assumption", "reason": "x" }));
        let Fig { table: t, .. } = reserves_figure(&other.dataset);
        assert_eq!(t.rows[3][0], "Contingency reserve");
        let Fig { chart: c, table: t, .. } = capital_figure(ds);
        assert_eq!(c.title, "The £160m capital budget was revised to £96.4m, mostly by moving £82.8m to later years");
        assert_eq!(c.x_labels.len(), 7);
        assert_eq!(t.rows.last().unwrap()[2], "£96,400,000");
        // Changes that come to nothing: the same total, not "revised to" it.
        let same = crate::testing::avila_with(|v| {
            v["capital"]["reprofiled"]["value"] = "11550000".into();
            v["capital"]["revised"]["value"] = "58600000".into();
        });
        assert_eq!(capital_figure(&same.dataset).chart.title, "The £58.6m capital budget is the same after the year's changes");
        for Fig { chart: c, .. } in [dsg_figure(ds), budget_figure(ds), savings_figure(ds), overspend_figure(ds), reserves_figure(ds), capital_figure(ds)] {
            assert!(crate::charts::render(&c).contains("<rect"), "{} draws bars", c.id);
        }
    }

    #[test]
    fn policy_since_the_papers() {
        let l = shipped();
        let n = crate::ui::components::policy_news::policy_news(&l.dataset, &Baseline::from_dataset(&l.dataset));
        assert_eq!(n.override_end, Some(("31 March 2028".to_string(), "June 2025")));
        let (share, to, _) = n.write_off.unwrap();
        assert_eq!((share.as_str(), to.as_str()), ("90%", "31 March 2026"));
    }
}

/// The DSG position chart alone, for `?embed=1` on the Overview.
#[component]
pub fn DsgEmbed() -> impl IntoView {
    let app = use_app();
    move || {
        app.data.get().map(|d| {
            let Fig { chart, table, summary } = dsg_figure(&d.dataset);
            view! {
                <h1 class="embed-title">{format!("{}: the DSG high-needs deficit", d.dataset.council)}</h1>
                <ChartFigure chart=Signal::stored(chart) summary=Signal::stored(summary) table=Signal::stored(table) top=true/>
            }
        })
    }
}
