//! Capital: the programme's in-year revision, its named schemes year by year, reprofiling (the
//! slippage lever and exact moves of a scheme's spend between years) and what borrowing for it
//! costs the revenue budget.
//!
//! Order of changes: the scenario's moves apply first, to the published profiles, each checked
//! by [`Programme::move_spend`] against the profiles as the earlier moves left them; the slippage
//! lever then slips its share of every year's spend into the next. So a move never depends on
//! the slippage setting, and changing that setting never invalidates a move.

use crate::ui::components::scenario_link::{ScenarioLink, Term};
use crate::charts::{Chart, Series, Style};
use crate::data::json::parse_decimal;
use crate::units::calendar::Fy;
use crate::model::capital::{bridge, delivery, CapitalInputs, CapitalLevers, CostDifference, Delivery, Programme, RevenueCost};
use crate::units::money::{gbp, gbp_m, gbp_short, pct, to_f64, Money};
use crate::model::scenario::SchemeMove;
use crate::ui::components::words::said;
use crate::ui::components::capital_bridge::bridge_figure;
use crate::ui::components::chart::{DataTable, Figure, FigureView, Table};
use crate::ui::components::lever::LeverControl;
use crate::ui::components::lever_echo::{LeverEcho, SkipToResults};
use crate::ui::components::share_bar::{PrintSummary, ShareBar};
use crate::ui::route::Page;
use crate::ui::state::use_app;
use crate::ui::components::workbook::PageWorkbook;
use crate::ui::components::later::Later;
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Everything the page draws, from the data and the scenario.
#[derive(Debug, Clone, PartialEq)]
struct CapView {
    base_year: Fy,
    /// The medium-term window's last year (base year + the revenue page's years setting).
    window_end: Fy,
    inputs: CapitalInputs,
    published: Programme,
    r: crate::model::outcome::Reprofiled,
    slip: Decimal,
    cost_before: RevenueCost,
    cost_after: RevenueCost,
    diff: CostDifference,
}

impl CapView {
    /// The years the scheme table and spend chart show: from the base year (or the first spend)
    /// to the last spend in any version, and at least three years.
    fn years(&self) -> Vec<Fy> {
        let spans = [self.published.span(), self.r.moved.span(), self.r.after.span()];
        let lo = spans.iter().flatten().map(|s| s.0).min().map_or(self.base_year, |l| l.min(self.base_year));
        let hi = spans.iter().flatten().map(|s| s.1).max().map_or(self.base_year, |h| h.max(self.base_year)).max(Fy(self.base_year.0 + 2));
        (lo.0..=hi.0).map(Fy).collect()
    }

    fn window(&self, c: &RevenueCost) -> Money {
        c.total_between(self.base_year, self.window_end)
    }

    fn window_label(&self) -> String {
        format!("{} to {}", self.base_year.label(), self.window_end.label())
    }
}

fn category_label(c: &str) -> String {
    if c.len() <= 3 {
        return c.to_uppercase();
    }
    let s = c.replace('_', " ");
    let mut ch = s.chars();
    match ch.next() {
        Some(f) => f.to_uppercase().collect::<String>() + ch.as_str(),
        None => s,
    }
}

fn delivery_table(d: &Delivery) -> Table {
    Table {
        caption: format!("Capital spend and commitments to the {} (£)", d.point),
        headers: vec!["Item".into(), "This year".into(), "Same point last year".into(), "Change".into()],
        rows: vec![
            vec!["Spent".into(), gbp(d.spend), gbp(d.prior_spend), gbp(d.spend - d.prior_spend)],
            vec!["Committed".into(), gbp(d.commitments), gbp(d.prior_commitments), gbp(d.commitments - d.prior_commitments)],
            vec!["Spent or committed".into(), gbp(d.total), gbp(d.prior_total), gbp(d.change)],
        ],
    }
}

/// Delivery to date in a sentence: against last year's, "£0.3m more", "£1m less" or "the same",
/// and a year with nothing at that point said as such (a small council read "against £0m at the
/// same point last year, £0.3m more").
fn delivery_text(d: &Delivery) -> String {
    let m = |x: Money| said(x, gbp_m);
    let against = if d.prior_total.is_zero() {
        "against nothing at the same point last year".to_string()
    } else {
        let change = match d.change.cmp(&Money::ZERO) {
            std::cmp::Ordering::Greater => format!("{} more", m(d.change)),
            std::cmp::Ordering::Less => format!("{} less", m(-d.change)),
            std::cmp::Ordering::Equal => "the same".into(),
        };
        format!("against {} at the same point last year, {change}", m(d.prior_total))
    };
    let total = if d.total.is_zero() { "Nothing".to_string() } else { m(d.total) };
    format!("{total} spent or committed by the {} — {} of the revised {} budget — {against}.", d.point, pct(d.share_of_budget, 0), m(d.budget))
}

/// Up to five categories by size, the rest together, so each has its own colour.
fn category_groups(p: &Programme) -> Vec<(String, Vec<String>)> {
    let mut cats: Vec<(String, Money)> = p.categories().into_iter().map(|c| (c.to_string(), p.schemes.iter().filter(|s| s.category == c).map(|s| s.total).sum())).collect();
    crate::sorting::sort_by(&mut cats, |a, b| b.1.cmp(&a.1));
    if cats.len() <= 5 {
        return cats.into_iter().map(|(c, _)| (category_label(&c), vec![c])).collect();
    }
    let mut out: Vec<(String, Vec<String>)> = cats[..4].iter().map(|(c, _)| (category_label(c), vec![c.clone()])).collect();
    out.push(("Other categories".into(), cats[4..].iter().map(|(c, _)| c.clone()).collect()));
    out
}

fn spend_figure(v: &CapView) -> Figure {
    let years = v.years();
    let before = v.published.by_year();
    let after = v.r.after.by_year();
    let at = |m: &BTreeMap<Fy, Money>, y: Fy| m.get(&y).copied().unwrap_or_default();
    // No peak to name when nothing is spent (no named schemes, or none with spend).
    let peak = years.iter().copied().max_by(|a, b| at(&after, *a).cmp(&at(&after, *b))).filter(|y| at(&after, *y) > Decimal::ZERO);
    let changed = v.published != v.r.after;
    let named = if v.published.schemes.len() == 1 { "the named scheme" } else { "the named schemes" };
    let title = match peak {
        Some(y) if changed => format!("After your reprofiling, spend on {named} peaks at {} in {}", gbp_m(at(&after, y)), y.label()),
        Some(y) => format!("Spend on {named} peaks at {} in {}", gbp_m(at(&after, y)), y.label()),
        None if v.published.schemes.is_empty() => "The figures name no capital schemes".into(),
        None => "Spend on the named schemes by year".into(),
    };
    let mut c = Chart::new("cap-spend", &title);
    c.description = "Stacked bars: spend each year on the named schemes after your reprofiling (moves and slippage), by category. Dashed line: the total per year as published.".into();
    c.x_labels = years.iter().map(|y| y.label()).collect();
    let groups = category_groups(&v.r.after);
    let colours = [0, 1, 2, 3, 5];
    let mut t = Table { caption: "Spend on the named schemes by year and category (£)".into(), headers: vec!["Year".into()], rows: vec![] };
    for (i, (label, cats)) in groups.iter().enumerate() {
        let by: Vec<BTreeMap<Fy, Money>> = cats.iter().map(|c| v.r.after.by_year_in(c)).collect();
        let vals: Vec<Money> = years.iter().map(|y| by.iter().map(|m| at(m, *y)).sum()).collect();
        c.series.push(Series { name: label.clone(), values: vals.iter().map(|x| Some(to_f64(*x))).collect(), style: Style::Stacked, colour: colours[i % colours.len()] });
        t.headers.push(format!("{label}, yours"));
    }
    c.series.push(Series { name: "Published total".into(), values: years.iter().map(|y| Some(to_f64(at(&before, *y)))).collect(), style: Style::Dashed, colour: 4 });
    t.headers.extend(["Total, yours".into(), "Total, published".into(), "Change".into()]);
    for y in &years {
        let mut row = vec![y.label()];
        for (_, cats) in &groups {
            row.push(gbp(cats.iter().map(|c| at(&v.r.after.by_year_in(c), *y)).sum()));
        }
        row.extend([gbp(at(&after, *y)), gbp(at(&before, *y)), gbp(at(&after, *y) - at(&before, *y))]);
        t.rows.push(row);
    }
    c.height = 340;
    let moved_total: Money = years.iter().map(|y| (at(&after, *y) - at(&before, *y)).max(Decimal::ZERO)).sum();
    let summary = match v.published.schemes.len() {
        _ if changed => format!("Your moves and slippage shift {} of the named schemes' spend between years; the total stays {}.", gbp_short(moved_total), gbp_m(v.r.after.total())),
        0 => "The figures name no capital schemes, so there is no spend to show.".to_string(),
        1 => format!("The one named scheme totals {}, as published; move spend below or set slippage to see it shift.", gbp_m(v.published.total())),
        n => format!("The {n} named schemes total {}, as published; move spend below or set slippage to see it shift.", gbp_m(v.published.total())),
    };
    Figure::new(c, t, summary)
}

fn cost_figure(v: &CapView) -> Figure {
    let wb = v.window(&v.cost_before);
    let wa = v.window(&v.cost_after);
    let change = wa - wb;
    let title = if v.published.schemes.is_empty() {
        "The figures name no capital schemes, so there is no borrowing for them to cost".to_string()
    } else if v.diff.years.is_empty() {
        "On these settings none of the named schemes is funded by borrowing".to_string()
    } else if change < Decimal::ZERO {
        format!("Your reprofiling cuts the cost of borrowing by {} over {}, by pushing it later", gbp_short(-change), v.window_label())
    } else if change > Decimal::ZERO {
        format!("Your reprofiling adds {} to the cost of borrowing over {}", gbp_short(change), v.window_label())
    } else {
        format!("Borrowing for the named schemes costs the revenue budget {} over {}", gbp_short(wa), v.window_label())
    };
    let mut c = Chart::new("cap-cost", &title);
    c.description = "Lines: the revenue cost of borrowing each year (minimum revenue provision plus interest), for the published profiles (dashed) and after your reprofiling (solid).".into();
    c.x_labels = v.diff.years.iter().map(|y| y.fy.label()).collect();
    c.series.push(Series { name: "Published profiles".into(), values: v.diff.years.iter().map(|y| Some(to_f64(y.before))).collect(), style: Style::Dashed, colour: 4 });
    c.series.push(Series { name: "After your reprofiling".into(), values: v.diff.years.iter().map(|y| Some(to_f64(y.after))).collect(), style: Style::Line, colour: 0 });
    c.height = 320;
    let mut t = Table {
        caption: "Revenue cost of borrowing for the named schemes (£)".into(),
        headers: ["Year", "Borrowing, yours", "MRP, yours", "Interest, yours", "Cost, yours", "Cost, published", "Change"].map(String::from).to_vec(),
        rows: vec![],
    };
    for y in &v.diff.years {
        let a = v.cost_after.years.iter().find(|x| x.fy == y.fy);
        t.rows.push(vec![
            y.fy.label(),
            gbp(a.map(|x| x.borrowing).unwrap_or_default()),
            gbp(a.map(|x| x.mrp).unwrap_or_default()),
            gbp(a.map(|x| x.interest).unwrap_or_default()),
            gbp(y.after),
            gbp(y.before),
            gbp(y.change),
        ]);
    }
    t.rows.push(vec!["Whole life".into(), gbp(v.cost_after.total_borrowing), gbp(v.cost_after.total_mrp), gbp(v.cost_after.total_interest), gbp(v.diff.total_after), gbp(v.diff.total_before), gbp(v.diff.total_change)]);
    let summary = if v.diff.years.is_empty() {
        "Nothing is borrowed, so there is no MRP or interest.".into()
    } else {
        format!(
            "Over {} the cost is {} after your reprofiling against {} for the published profiles; over the assets' whole lives it is {} against {}.",
            v.window_label(),
            gbp_short(wa),
            gbp_short(wb),
            gbp_short(v.diff.total_after),
            gbp_short(v.diff.total_before)
        )
    };
    Figure::new(c, t, summary)
}

/// What the named schemes are against this year's programme: most papers name schemes planned
/// for later years, so their total is not a part of the year's revised budget.
pub fn named_schemes_text(p: &Programme, base: Fy) -> String {
    let n = p.schemes.len();
    if n == 0 {
        return "The figures name no capital schemes, so there is nothing to show here.".into();
    }
    let this_year: Vec<Money> = p.schemes.iter().filter_map(|s| s.profile.get(&base).copied().filter(|m| !m.is_zero())).collect();
    let amount = gbp_m(this_year.iter().copied().sum());
    let year = base.label();
    let others = if n - this_year.len() == 1 { "the other scheme's spending is in other years" } else { "the others' spending is in other years" };
    let in_base = match (n, this_year.len()) {
        (1, 0) => format!("none of its spending is in {year}"),
        (1, _) => format!("{amount} of its spending is in {year}"),
        (_, 0) => format!("none of their spending is in {year}"),
        (_, k) if k == n => format!("all of them have spending in {year}, {amount} in all"),
        (_, 1) => format!("one of them has {amount} of spending in {year}; {others}"),
        (_, k) => format!("{k} of them have {amount} of spending in {year}; {others}"),
    };
    let schemes = if n == 1 { "one scheme".to_string() } else { format!("{n} schemes") };
    format!(
        "The papers name {schemes} worth {} in all: {in_base}. The rest of the programme is not itemised, so this section covers the named schemes only.",
        gbp_m(p.total())
    )
}

#[component]
pub fn Capital() -> impl IntoView {
    let app = use_app();
    let base_year = crate::ui::memo::memo(move |_| app.data.with(|d| d.as_ref().and_then(|d| Fy::parse_key(&d.dataset.base_year))));
    let inputs = crate::ui::memo::memo(move |_| app.data.with(|d| d.as_ref().map(|d| Arc::new(CapitalInputs::from_dataset(&d.dataset.capital)))));
    // The page formats the scenario's one outcome (AppState::outcome); it runs no model itself.
    let capital = crate::ui::memo::memo(move |_| app.outcome.with(|o| o.as_ref().map(|o| o.capital.clone())));
    let years = crate::ui::memo::memo(move |_| app.scenario.with(|s| s.as_ref().map(|s| (s.cap.slip, s.rev.years))));
    let view_m = crate::ui::memo::memo(move |_| {
        let inputs = inputs.get()?;
        let Ok(c) = capital.get()? else { return None };
        let (slip, years) = years.get()?;
        let base = base_year.get()?;
        Some(Arc::new(CapView { base_year: base, window_end: Fy(base.0 + years as i32), inputs: (*inputs).clone(), published: c.published.clone(), r: c.reprofiled.clone(), slip, cost_before: c.cost_before.clone(), cost_after: c.cost_after.clone(), diff: c.difference.clone() }))
    });
    let load_error = move || capital.get().and_then(|r| r.err());
    // The published programme alone: the move forms depend only on it, so a move never redraws them.
    let published = crate::ui::memo::memo(move |_| capital.get().and_then(|c| c.ok()).map(|c| Arc::new(c.published.clone())));

    let bridge = crate::ui::memo::memo(move |_| inputs.get().map(|i| bridge_figure(&i)));
    let br = crate::ui::memo::memo(move |_| bridge.get().map(|x| x.0));
    let br_ok = move || bridge.with(|x| x.as_ref().map(|x| x.1).unwrap_or(true));

    let dl = crate::ui::memo::memo(move |_| inputs.get().map(|i| delivery(&i)));
    let dl_t = Signal::derive(move || dl.get().map(|d| delivery_table(&d)).unwrap_or_default());

    let sp = crate::ui::memo::memo(move |_| view_m.get().map(|v| spend_figure(&v)));
    let co = crate::ui::memo::memo(move |_| view_m.get().map(|v| cost_figure(&v)));
    let table_of = |f: Memo<Option<Figure>>| move || f.with(|f| f.as_ref().map(|f| f.table.clone()).unwrap_or_default());
    let (br_t, sp_t, co_t) = (table_of(br), table_of(sp), table_of(co));

    view! {
        <h1>"Capital: the programme, reprofiling and the cost of borrowing"</h1>
        <p class="lede">
            // "£0m of this year's programme was reprofiled" for a council that moved nothing.
            {move || inputs.get().map(|i| if i.reprofiled.is_zero() { "None of this year's ".to_string() } else { format!("{} of this year's ", said(i.reprofiled, gbp_m)) }).unwrap_or_default()}
            <Term id="capital-programme" text="capital programme"/>
            " was "
            <Term id="reprofiling" text="reprofiled"/>
            " into future years. See the programme year by year, test what happens if more slips, move a scheme's spend between years, and see what borrowing for it costs the revenue budget through the "
            <Term id="mrp" text="minimum revenue provision"/>
            " and interest."
        </p>
        <Show when=move || load_error().is_some()>
            <section class="notice error" role="alert" aria-labelledby="cap-err-h">
                <h2 id="cap-err-h">"The capital schemes could not be read"</h2>
                <p>{move || load_error().unwrap_or_default()}</p>
            </section>
        </Show>
        <Headlines view_m=view_m/>
        // The tools after the figures, as on High needs.
        <ShareBar/>
        <PageWorkbook page="Capital" tables=Signal::derive(move || vec![br_t(), dl_t.get(), sp_t(), co_t()])/>
        <div class="layout">
            <form class="levers" aria-labelledby="cap-levers-h" on:submit=|ev| ev.prevent_default()>
                <h2 id="cap-levers-h">"Assumptions"</h2>
                <SkipToResults id="cap-results"/>
                <div class="page-actions">
                    <button type="button" class="secondary" id="cap-reset" on:click=move |_| {
                        // The file's own borrowing rate, if it gives one, is the default.
                        let rate = app.baseline.with_untracked(|b| b.as_ref().and_then(|b| b.borrowing_rate));
                        app.scenario.update(|s| if let Some(s) = s { s.cap = CapitalLevers::default_at(rate); });
                    }>"Reset capital assumptions"</button>
                </div>
                <fieldset><legend>"Slippage"</legend>
                    <LeverControl key="cap.slip"/>
                </fieldset>
                <fieldset><legend>"Financing"</legend>
                    <LeverControl key="cap.rate"/>
                    <LeverControl key="cap.mrp"/>
                    <LeverControl key="cap.life"/>
                    <LeverControl key="cap.unknown"/>
                    <LeverControl key="cap.mixed"/>
                </fieldset>
                <LeverEcho label="Borrowing cost: " text=Signal::derive(move || view_m.get().map(|v| echo_text(&v)).unwrap_or_default())/>
            </form>
            <div class="results" id="cap-results" tabindex="-1">
                <section aria-labelledby="cap-year-h">
                    <h2 id="cap-year-h">"The programme this year"</h2>
                    <FigureView figure=br id="cap-bridge"/>
                    <Show when=move || !br_ok()>
                        <p class="notice warn" role="status">"The published steps do not add up to the published revised budget; the chart shows where the steps lead."</p>
                    </Show>
                    <h3 id="cap-delivery-h">"Delivery to date against last year"</h3>
                    <p id="cap-delivery-summary">{move || dl.get().map(|d| delivery_text(&d)).unwrap_or_default()}</p>
                    <DataTable table=dl_t/>
                </section>
                <section aria-labelledby="cap-schemes-h">
                    <h2 id="cap-schemes-h">"The named schemes year by year"</h2>
                    <p>{move || view_m.get().map(|v| named_schemes_text(&v.published, v.base_year)).unwrap_or_default()}</p>
                    // No schemes, no spend or borrowing to draw: the sentence above says so.
                    <Show when=move || published.with(|p| p.as_ref().is_none_or(|p| !p.schemes.is_empty()))>
                        <FigureView figure=sp id="cap-spend"/>
                        <FigureView figure=co id="cap-cost"/>
                    </Show>
                    <Conventions/>
                </section>
                // The scheme table and its move form: drawn in a task of its own in the first view.
                <Later><Schemes view_m=view_m published=published base_year=base_year/></Later>
            </div>
        </div>
        <PrintSummary/>
    }
}

/// Where the reprofiled amount comes from: the year's programme as the dataset gives it (not a
/// reporting quarter, which differs between councils' papers).
fn reprofiled_note(base: Fy) -> String {
    format!("from the {} programme", base.label())
}

/// The borrowing-cost headlines in one line, for `LeverEcho`: the change is the headline's
/// "Change from your moves and slippage" (both costs at the same rates), so it is named so, not
/// "your changes" (a changed interest rate showed "£0 from your changes").
fn echo_text(v: &CapView) -> String {
    let wa = v.window(&v.cost_after);
    let change = wa - v.window(&v.cost_before);
    format!("{} over {} · {} from your moves and slippage", gbp_short(wa), v.window_label(), signed_short(change))
}

/// A change as the headlines show it: to the pound, or to the penny where that would read £0
/// (the table has it to the penny: a card said "£0" beside its £0.04); "+" only where it shows
/// as more than nothing.
fn signed_short(change: Decimal) -> String {
    use crate::units::money::round_display;
    let shown = if round_display(change, 0).is_zero() { crate::units::money::gbp(change) } else { gbp_short(change) };
    if round_display(change, 2) > Decimal::ZERO { format!("+{shown}") } else { shown }
}

#[component]
fn Headlines(view_m: Memo<Option<Arc<CapView>>>) -> impl IntoView {
    view! {
        <ul class="headlines" aria-label="Headline figures">
            {move || view_m.get().map(|v| {
                let b = bridge(&v.inputs);
                let wa = v.window(&v.cost_after);
                let change = wa - v.window(&v.cost_before);
                view! {
                    <li data-headline="revised"><span>{format!("Revised programme {}", v.base_year.label())}</span><span class="big">{said(b.computed, gbp_m)}</span><span>{format!("from {} approved", said(v.inputs.approved, gbp_m))}</span></li>
                    <li data-headline="reprofiled"><span>"Reprofiled to future years"</span><span class="big">{said(v.inputs.reprofiled, gbp_m)}</span><span>{reprofiled_note(v.base_year)}</span></li>
                    <li data-headline="cost"><span>{format!("Cost of borrowing for the named schemes, {}", v.window_label())}</span><span class="big">{gbp_short(wa)}</span><span>{format!("{} over the assets' lives", gbp_short(v.cost_after.total))}</span></li>
                    <li data-headline="cost-change"><span>"Change from your moves and slippage"</span><span class="big">{signed_short(change)}</span><span>{format!("over {}; {} over the assets' lives", v.window_label(), signed_short(v.diff.total_change))}</span></li>
                }
            })}
        </ul>
    }
}

#[component]
fn Conventions() -> impl IntoView {
    let app = use_app();
    // Whether the council's figures set the borrowing rate (its lever's default).
    let rate_from_file = move || app.baseline.with(|b| b.as_ref().is_some_and(|b| b.borrowing_rate.is_some()));
    view! {
        <div class="explainer">
            <p>"How the cost of borrowing is worked out:"</p>
            <ul>
                <li>"Grant- and receipt-funded spend is not borrowed; borrowing-funded spend is borrowed in full; for mixed or unknown funding the two borrowing-share settings decide."</li>
                <li><Term id="mrp" text="Minimum revenue provision"/>" (MRP) on a year's borrowing starts the year after the spend and runs over the scheme's asset life (or the \"asset life when not given\" setting), in equal instalments or as an annuity (the MRP method setting)."</li>
                <li>"Interest is charged at the chosen rate on the capital financing requirement (the "<Term id="borrowing" text="borrowing"/>" not yet repaid by MRP) at the start of each year, so it too starts the year after the spend; all of it is treated as external borrowing at that one rate. "{move || if rate_from_file() {
                    "The default rate is the council's own figure (the rate's help gives its source).".into_any()
                } else {
                    view! { "The default rate is near what the government's lender to councils, the "<Term id="pwlb" text="PWLB"/>", charged when it was set." }.into_any()
                }}</li>
                <li>"Amounts are exact, then rounded to the penny half away from zero; yearly MRP adds up exactly to what was borrowed."</li>
            </ul>
        </div>
    }
}

fn describe(m: &SchemeMove, p: &Programme) -> String {
    let name = p.scheme(&m.scheme).map(|s| s.name.clone()).unwrap_or_else(|| m.scheme.clone());
    format!("{} of {} from {} to {}", gbp(m.amount), name, m.from.label(), m.to.label())
}

/// The editable table: each scheme's profile by year, a form per scheme to move an exact amount
/// between years, and the list of moves with Undo.
#[component]
fn Schemes(view_m: Memo<Option<Arc<CapView>>>, published: Memo<Option<Arc<Programme>>>, base_year: Memo<Option<Fy>>) -> impl IntoView {
    let app = use_app();
    let status = RwSignal::new(String::new());
    let moves = crate::ui::memo::memo(move |_| app.scenario.with(|s| s.as_ref().map(|s| s.moves.clone()).unwrap_or_default()));

    // The rows show the programme with the moves, in the years shown: a slippage or rate change
    // leaves them as they were, so it must not redraw them (1,000 schemes of 60 years are 60,000
    // cells). Only the slipped totals row follows every change.
    let rows_m = crate::ui::memo::memo(move |_| view_m.with(|v| v.as_ref().map(|v| Arc::new((v.years(), v.r.moved.clone())))));
    let slipped_row = move || {
        view_m.with(|v| {
            let v = v.as_ref()?;
            let slip = v.slip;
            (!slip.is_zero()).then(|| {
                let after_by_year = v.r.after.by_year();
                // The rows' own years (rows_m works them out once a change).
                let years = rows_m.with(|r| r.as_ref().map(|r| r.0.clone()).unwrap_or_default());
                view! {
                    <tr id="year-totals-slipped">
                        <th scope="row">{format!("After {} slippage", pct(slip, 0))}</th>
                        {years.iter().map(|y| view! { <td data-year=y.key()>{gbp(after_by_year.get(y).copied().unwrap_or_default())}</td> }).collect::<Vec<_>>()}
                        <td data-col="total">{gbp(after_by_year.values().copied().sum::<Money>())}</td>
                    </tr>
                }
            })
        })
    };
    let table = move || {
        rows_m.get().map(|rows| {
            let (years, moved) = &*rows;
            let moved_by_year = moved.by_year();
            let year_sum: Money = moved_by_year.values().copied().sum();
            let scheme_sum: Money = moved.schemes.iter().map(|s| s.total).sum();
            let reconciles = year_sum == scheme_sum && moved.unreconciled().is_empty();
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="scheme-table-caption">
                    <table id="scheme-table">
                        <caption id="scheme-table-caption">"Named schemes: spend by year with your moves (£)"</caption>
                        <thead><tr>
                            <th scope="col">"Scheme"</th>
                            {years.iter().map(|y| view! { <th scope="col">{y.label()}</th> }).collect::<Vec<_>>()}
                            <th scope="col">"Total"</th>
                        </tr></thead>
                        <tbody>
                            {moved.schemes.iter().map(|s| {
                                view! {
                                    <tr data-scheme=s.id.clone()>
                                        <th scope="row">{s.name.clone()}</th>
                                        {years.iter().map(|y| view! { <td data-year=y.key()>{gbp(s.profile.get(y).copied().unwrap_or_default())}</td> }).collect::<Vec<_>>()}
                                        <td data-col="total">{gbp(s.profile_sum())}</td>
                                    </tr>
                                }
                            }).collect::<Vec<_>>()}
                        </tbody>
                        <tfoot>
                            <tr id="year-totals">
                                <th scope="row">"All named schemes"</th>
                                {years.iter().map(|y| view! { <td data-year=y.key()>{gbp(moved_by_year.get(y).copied().unwrap_or_default())}</td> }).collect::<Vec<_>>()}
                                <td data-col="total">{gbp(year_sum)}</td>
                            </tr>
                            {slipped_row}
                        </tfoot>
                    </table>
                </div>
                <p class="check" id="scheme-check" data-reconciles=if reconciles { "yes" } else { "no" }>{
                    if reconciles {
                        format!("Each scheme's years add up to its total, and the years add up to {}, the sum of the scheme totals.", gbp(scheme_sum))
                    } else {
                        format!("These figures do not reconcile: the years add up to {} but the scheme totals to {}.", gbp(year_sum), gbp(scheme_sum))
                    }
                }</p>
            }
        })
    };

    let refused = move || view_m.get().map(|v| v.r.refused.clone()).unwrap_or_default();

    // The forms depend only on the published programme, so a move never redraws them (focus and
    // what was typed stay put).
    let forms = move || {
        let p = published.get()?;
        let base = base_year.get()?;
        // The years the model accepts a move to (`Programme::move_years`).
        let (lo, hi) = p.move_years().unwrap_or((base, Fy(base.0 + crate::model::capital::LATER_YEARS)));
        let years: Vec<Fy> = (lo.0..=hi.0).map(Fy).collect();
        let choices: Vec<(String, String, Fy)> = p
            .schemes
            .iter()
            .map(|s| (s.id.clone(), s.name.clone(), s.profile.iter().find(|(_, v)| **v > Decimal::ZERO).map(|(y, _)| *y).unwrap_or(base)))
            .collect();
        // A form per scheme reads best; past MOVE_FORMS_MAX schemes their year menus (two a
        // scheme, every year each) took a browser half a minute to lay out, so one form with a
        // scheme menu serves them all.
        Some(if choices.len() > MOVE_FORMS_MAX {
            vec![view! { <MoveForm choices=choices years=years view_m=view_m status=status/> }]
        } else {
            choices.into_iter().map(|c| view! { <MoveForm choices=vec![c] years=years.clone() view_m=view_m status=status/> }).collect::<Vec<_>>()
        })
    };

    view! {
        <section aria-labelledby="cap-moves-h">
            <h2 id="cap-moves-h">"Move spend between years"</h2>
            <p class="needs-js">"Move an exact amount of a scheme's planned spend from one year to another; the scheme's total never changes. Your moves apply to the published profiles, and the slippage setting then applies on top. They are saved in the page's link."</p>
            {table}
            <Show when=move || !refused().is_empty()>
                <div class="notice warn" role="status">
                    <p>"Some moves in the link could not be made and are ignored:"</p>
                    <ul>{move || {
                        let ms = moves.get();
                        refused().into_iter().map(|r| view! { <li>{format!("move {}: {}", r.index + 1, r.error)}{ms.get(r.index).map(|m| format!(" ({})", m.text()))}</li> }).collect::<Vec<_>>()
                    }}</ul>
                </div>
            </Show>
            <h3 id="moves-made-h" tabindex="-1">"Moves you have made"</h3>
            <p class="move-status" id="moves-status" role="status">{move || status.get()}</p>
            <Show when=move || !moves.get().is_empty() fallback=|| view! { <p id="moves-none">"None yet: the profiles are as published."</p> }>
                <ol class="moves" id="moves-list">
                    {move || {
                        let v = view_m.get();
                        let p = v.as_ref().map(|v| v.published.clone()).unwrap_or_default();
                        let refused: Vec<usize> = v.as_ref().map(|v| v.r.refused.iter().map(|r| r.index).collect()).unwrap_or_default();
                        moves.get().into_iter().enumerate().map(|(i, m)| {
                            let text = describe(&m, &p);
                            let applied = !refused.contains(&i);
                            let label = format!("Undo: move {text}");
                            let done = text.clone();
                            view! {
                                <li data-move=i.to_string() data-applied=if applied { "yes" } else { "no" }>
                                    <span>{if applied { format!("Moved {text}") } else { format!("Not made (see above): {text}") }}</span>" "
                                    <button type="button" class="secondary" aria-label=label on:click=move |_| {
                                        app.scenario.update(|s| if let Some(s) = s { if i < s.moves.len() { s.moves.remove(i); } });
                                        status.set(format!("Undone: the move of {done}."));
                                        crate::ui::components::page_link::focus_id("moves-made-h");
                                    }>"Undo"</button>
                                </li>
                            }
                        }).collect::<Vec<_>>()
                    }}
                </ol>
                <button type="button" class="secondary" id="moves-undo-all" on:click=move |_| {
                    app.scenario.update(|s| if let Some(s) = s { s.moves.clear(); });
                    status.set("All moves undone: the profiles are as published.".into());
                    crate::ui::components::page_link::focus_id("moves-made-h");
                }>"Undo all moves"</button>
            </Show>
            <h3 id="move-forms-h" class="needs-js">"Move a scheme's spend"</h3>
            // A programme of no named schemes has nothing to move: said, not an empty list.
            <Show when=move || published.with(|p| p.as_ref().is_none_or(|p| !p.schemes.is_empty())) fallback=|| view! { <p id="moves-no-schemes">"These figures name no capital schemes, so there is no spend to move."</p> }>
                <ul class="move-forms needs-js">{forms}</ul>
            </Show>
            <p>"Want to see the effect on reserves? The "<ScenarioLink page=Page::Savings>"Savings page"</ScenarioLink>" counts this cost of borrowing in its reserves runway."</p>
        </section>
    }
}

/// The most schemes that get a move form each (see `forms` in `Schemes`).
const MOVE_FORMS_MAX: usize = 40;

/// A form to move spend: of its one scheme, or, given several, of the scheme chosen in its menu.
#[component]
fn MoveForm(choices: Vec<(String, String, Fy)>, years: Vec<Fy>, view_m: Memo<Option<Arc<CapView>>>, status: RwSignal<String>) -> impl IntoView {
    let app = use_app();
    let many = choices.len() > 1;
    let Some((scheme0, name0, first)) = choices.first().cloned() else { return ().into_any() };
    let chosen = RwSignal::new(scheme0.clone());
    let from = RwSignal::new(first.key());
    let to = RwSignal::new(first.next().key());
    let amount = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // What the last move from this form did, beside it: the page's status is far above on a
    // phone, and the amount left in the box made a second Enter move it again.
    let done = RwSignal::new(None::<String>);
    let (scheme, name) = if many { ("any".to_string(), "Any named scheme".to_string()) } else { (scheme0, name0) };
    let base = format!("move-{scheme}");
    let (from_id, to_id, amount_id, err_id, heading_id, scheme_id) = (format!("{base}-from"), format!("{base}-to"), format!("{base}-amount"), format!("{base}-err"), format!("{base}-h"), format!("{base}-scheme"));
    let names: Vec<(String, String)> = choices.iter().map(|(id, n, _)| (id.clone(), n.clone())).collect();
    let name_of = move |id: &str| names.iter().find(|(i, _)| i == id).map(|(_, n)| n.clone()).unwrap_or_default();
    let button_text = if many { " spend of the chosen scheme".to_string() } else { format!(" spend of {name}") };
    let firsts: Vec<(String, Fy)> = choices.iter().map(|(id, _, f)| (id.clone(), *f)).collect();
    // Choosing a scheme starts its years where its spend does, as each scheme's own form does.
    let choose = move |id: String| {
        if let Some((_, f)) = firsts.iter().find(|(i, _)| *i == id) {
            from.set(f.key());
            to.set(f.next().key());
        }
        chosen.set(id);
    };
    let scheme_menu = many.then(|| {
        let options = choices.iter().map(|(id, n, _)| view! { <option value=id.clone()>{n.clone()}</option> }).collect::<Vec<_>>();
        view! {
            <div class="field move-scheme">
                <label for=scheme_id.clone()>"Scheme"</label>
                <select id=scheme_id name="scheme" prop:value=move || chosen.get() on:change=move |ev| choose(event_target_value(&ev))>{options}</select>
            </div>
        }
    });
    // The note goes once the moves change otherwise (an undo), so it never names a move undone.
    let made = crate::ui::memo::memo(move |_| app.scenario.with(|s| s.as_ref().map(|s| s.moves.len())));
    Effect::new(move |before: Option<Option<usize>>| {
        let now = made.get();
        if before.is_some_and(|b| b.is_some_and(|b| now.is_some_and(|n| n < b))) {
            done.set(None);
        }
        now
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let sid = chosen.get_untracked();
        let sname = name_of(&sid);
        let (Some(f), Some(t)) = (Fy::parse_key(&from.get_untracked()), Fy::parse_key(&to.get_untracked())) else {
            error.set(Some("Choose a year to move from and a year to move to.".into()));
            return;
        };
        if f == t {
            error.set(Some("Choose two different years.".into()));
            return;
        }
        let text = amount.get_untracked();
        let cleaned: String = text.trim().trim_start_matches('£').chars().filter(|c| *c != ',').collect();
        let Some(a) = parse_decimal(&cleaned).filter(|a| *a > Decimal::ZERO) else {
            error.set(Some(format!("Enter an amount in pounds greater than zero, like 100000 (not \"{}\").", text.trim())));
            return;
        };
        if !crate::units::money::whole_pence(a) {
            error.set(Some("Enter the amount to the penny at most (two decimal places).".into()));
            return;
        }
        let Some(v) = view_m.get_untracked() else { return };
        match v.r.moved.move_spend(&sid, f, t, a) {
            Ok(_) => {
                let m = SchemeMove { scheme: sid.clone(), from: f, to: t, amount: a };
                let said = format!("Moved {}.", describe(&m, &v.published));
                status.set(said.clone());
                app.scenario.update(|s| if let Some(s) = s { s.moves.push(m); });
                error.set(None);
                done.set(Some(said));
                amount.set(String::new());
            }
            Err(e) => error.set(Some(format!("Not moved: {}.", e.to_string().replace(&format!("scheme \"{sid}\""), &sname)))),
        }
    };
    let opts = move |sel: RwSignal<String>| {
        years
            .iter()
            .map(|y| {
                let k = y.key();
                let k2 = k.clone();
                view! { <option value=k selected=move || sel.get() == k2>{y.label()}</option> }
            })
            .collect::<Vec<_>>()
    };
    let from_opts = opts(from);
    let to_opts = opts(to);
    view! {
        <li class="move-item">
            <h4 id=heading_id.clone()>{name}</h4>
            <form class="move-form" data-scheme=scheme aria-labelledby=heading_id on:submit=submit novalidate>
                {scheme_menu}
                <div class="field">
                    <label for=from_id.clone()>"From"</label>
                    <select id=from_id name="from" prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev))>{from_opts}</select>
                </div>
                <div class="field">
                    <label for=to_id.clone()>"To"</label>
                    <select id=to_id name="to" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))>{to_opts}</select>
                </div>
                <div class="field">
                    <label for=amount_id.clone()>"Amount (£)"</label>
                    <input type="text" id=amount_id name="amount" inputmode="decimal" autocomplete="off" prop:value=move || amount.get()
                        aria-invalid=move || error.with(|e| e.is_some()).then_some("true") aria-describedby=err_id.clone()
                        on:input=move |ev| { amount.set(event_target_value(&ev)); done.set(None); }/>
                </div>
                <button type="submit">"Move"<span class="visually-hidden">{button_text}</span></button>
                <p class="field-error" id=err_id role="status">{move || error.get()}</p>
                // Not a live region: the page's status (#moves-status) announces the move once.
                <p class="move-done" hidden=move || done.with(|d| d.is_none())>{move || done.get()}" "<a href="#moves-made-h">"Undo it under “Moves you have made”"</a></p>
            </form>
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_change_has_a_plus_only_where_it_shows_as_more_than_nothing() {
        use super::signed_short;
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // Pence are not hidden as £0: the table beside the card has them.
        assert_eq!(signed_short(d("0.04")), "+£0.04");
        assert_eq!(signed_short(d("-0.4")), "−£0.40");
        assert_eq!(signed_short(d("0.004")), "£0", "less than a penny shows as nothing, with no sign");
        assert_eq!(signed_short(Decimal::ZERO), "£0");
        assert_eq!(signed_short(d("0.5")), "+£1");
        assert_eq!(signed_short(d("0.6")), "+£1");
        assert_eq!(signed_short(d("-104469.2")), "−£104,469");
        assert_eq!(signed_short(d("2500000")), "+£2.5m");
    }

    use super::*;
    use crate::model::capital::{compare, revenue_cost, CapitalLevers};
    use crate::units::money::lit;

    fn shipped() -> crate::data::Dataset {
        crate::testing::q2().dataset
    }

    #[test]
    fn the_named_schemes_are_placed_against_the_year_whatever_their_number() {
        let p = Programme::from_dataset(&crate::testing::shipped().dataset.capital).unwrap();
        let base = Fy(2024);
        assert_eq!(named_schemes_text(&p, base), "The papers name 10 schemes worth £25.6m in all: one of them has £0.4m of spending in 2024/25; the others' spending is in other years. The rest of the programme is not itemised, so this section covers the named schemes only.");
        let only = |ids: &[&str]| Programme { schemes: p.schemes.iter().filter(|s| ids.contains(&s.id.as_str())).cloned().collect(), ..p.clone() };
        assert!(named_schemes_text(&only(&["it-wan-telephony"]), base).starts_with("The papers name one scheme worth £0.4m in all: £0.4m of its spending is in 2024/25."));
        assert!(named_schemes_text(&only(&["surface-dressing"]), base).starts_with("The papers name one scheme worth £2.5m in all: none of its spending is in 2024/25."));
        assert!(named_schemes_text(&only(&["surface-dressing", "road-safety-schemes"]), base).contains("none of their spending is in 2024/25"));
        assert!(named_schemes_text(&only(&["surface-dressing", "road-safety-schemes"]), Fy(2025)).contains("all of them have spending in 2025/26, £5.5m in all"));
        assert_eq!(named_schemes_text(&only(&[]), base), "The figures name no capital schemes, so there is nothing to show here.");
    }

    fn view_for(moves: Vec<SchemeMove>, slip: &str) -> CapView {
        view_of(&shipped(), moves, slip)
    }

    fn view_of(ds: &crate::data::Dataset, moves: Vec<SchemeMove>, slip: &str) -> CapView {
        let base = Fy::parse_key(&ds.base_year).unwrap();
        let published = Programme::from_dataset(&ds.capital).unwrap();
        let mut cap = CapitalLevers::default();
        cap.slip = lit(slip) / rust_decimal::Decimal::ONE_HUNDRED;
        let r = crate::model::outcome::reprofile(&published, &cap, &moves);
        let cost_before = revenue_cost(&published, &cap.financing);
        let cost_after = revenue_cost(&r.after, &cap.financing);
        let diff = compare(&cost_before, &cost_after);
        CapView { base_year: base, window_end: Fy(base.0 + 5), inputs: CapitalInputs::from_dataset(&ds.capital), published, r, slip: cap.slip, cost_before, cost_after, diff }
    }

    #[test]
    fn a_move_keeps_totals_and_a_bad_one_is_refused() {
        let m = SchemeMove { scheme: "resurfacing-herefordshire-highways".into(), from: Fy(2025), to: Fy(2026), amount: lit("100000") };
        let bad = SchemeMove { scheme: "resurfacing-herefordshire-highways".into(), from: Fy(2025), to: Fy(2026), amount: lit("20000000") };
        let v = view_for(vec![m, bad], "0");
        assert_eq!(v.r.refused.iter().map(|r| r.index).collect::<Vec<_>>(), vec![1]);
        let s = v.r.moved.scheme("resurfacing-herefordshire-highways").unwrap();
        assert_eq!(s.profile.get(&Fy(2026)), Some(&lit("100000")));
        assert_eq!(s.profile_sum(), s.total);
        assert_eq!(v.r.moved.total(), v.published.total());
        let Figure { chart: c, table: t, .. } = spend_figure(&v);
        assert_eq!(c.x_labels.len(), t.rows.len());
        assert!(c.series.iter().filter(|s| s.style == Style::Stacked).count() <= 5);
        // Moving spend later pushes its cost later: lower in the medium term.
        let cc = cost_figure(&v).chart;
        assert!(cc.title.contains("cuts"), "{}", cc.title);
    }

    #[test]
    fn slippage_applies_on_top_of_moves_and_conserves_the_total() {
        let v = view_for(vec![], "20");
        assert_eq!(v.r.after.total(), v.published.total());
        assert_ne!(v.r.after.by_year(), v.published.by_year());
        assert!(v.years().len() >= 3);
    }

    #[test]
    fn category_labels() {
        assert_eq!(category_label("ict"), "ICT");
        assert_eq!(category_label("road_safety"), "Road safety");
    }

    #[test]
    fn one_scheme_is_one_and_none_are_none() {
        // Ávila-on-Sea's file with only its leisure centre roof named.
        let only_roof = |v: &mut serde_json::Value| {
            let roof = v["capital"]["schemes"].as_array().unwrap().iter().find(|s| s["id"] == "leisure-roof").cloned().unwrap();
            v["capital"]["schemes"] = serde_json::json!([roof]);
        };
        let one = view_of(&crate::testing::avila_with(only_roof).dataset, vec![], "0");
        assert_eq!(one.published.schemes.len(), 1);
        let f = spend_figure(&one);
        assert!(f.summary.starts_with("The one named scheme totals £0.9m, as published;"), "{}", f.summary);
        assert_eq!(f.chart.title, "Spend on the named scheme peaks at £0.9m in 2025/26");

        let none = view_of(&crate::testing::avila_with(|v| v["capital"]["schemes"] = serde_json::json!([])).dataset, vec![], "0");
        let f = spend_figure(&none);
        assert_eq!(f.chart.title, "The figures name no capital schemes");
        assert_eq!(f.summary, "The figures name no capital schemes, so there is no spend to show.");
        assert!(!cost_figure(&none).chart.title.contains("none of the named schemes"));

        // Two schemes, one with spend this year: "the other scheme's", not "the others'".
        let p = Programme::from_dataset(&crate::testing::shipped().dataset.capital).unwrap();
        let two = Programme { schemes: p.schemes.iter().filter(|s| ["it-wan-telephony", "surface-dressing"].contains(&s.id.as_str())).cloned().collect(), ..p.clone() };
        assert!(named_schemes_text(&two, Fy(2024)).contains("one of them has £0.4m of spending in 2024/25; the other scheme's spending is in other years."));
    }

    #[test]
    fn the_reprofiled_tile_names_the_dataset_s_year_not_a_quarter() {
        let v = view_of(&crate::testing::avila().dataset, vec![], "0");
        assert_eq!(reprofiled_note(v.base_year), "from the 2025/26 programme");
        assert_eq!(reprofiled_note(view_for(vec![], "0").base_year), "from the 2024/25 programme");
    }
}
