//! Savings: the revenue budget, savings delivery, the forecast overspend and the reserves runway.
//!
//! "If half of the at-risk savings slip, what is the overspend and what does it do to reserves?"
//! The revenue model gives this year's outturn and later years' gaps; the runway adds the DSG
//! deficit that counts against reserves (from the high-needs levers) and the revenue cost of
//! borrowing (from the capital levers and moves), so all three pages share one scenario.

use crate::charts::{Chart, Series, Style};
use crate::units::calendar::Fy;
use crate::units::money::{gbp, gbp_m, gbp_m_at, pct, places, to_f64, Money};
use crate::model::revenue::{decompose, RevenueInputs, RevenueLevers, RevenueOutputs, Runway, StepKind};
use crate::ui::components::chart::{Figure, FigureView, Table};
use crate::ui::components::runway::runway_figure;
use crate::ui::components::lever::LeverControl;
use crate::ui::components::lever_echo::{LeverEcho, SkipToResults};
use crate::ui::components::share_bar::{PrintSummary, ShareBar};
use crate::ui::route::Page;
use crate::ui::components::scenario_link::{ScenarioLink, Term};
use crate::ui::state::use_app;
use crate::ui::components::workbook::PageWorkbook;
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::sync::Arc;

/// An over- or underspend in words, never a negative overspend: "an overspend of £2m",
/// "an underspend of £0.9m", "a balanced budget".
fn variance(x: Money, dp: u32) -> String {
    if x.is_zero() {
        "a balanced budget".into()
    } else if x > Decimal::ZERO {
        format!("an overspend of {}", gbp_m_at(x, dp))
    } else {
        format!("an underspend of {}", gbp_m_at(-x, dp))
    }
}

/// The places for the forecast before and after management action, the action and the draw,
/// wherever they are shown: enough that before − action = after adds up, and the same figure
/// reads the same in the headlines, the chart title and the assumptions' summary.
fn forecast_places(o: &RevenueOutputs) -> u32 {
    places(&[(&[o.overspend_before_action, -o.management_action], o.overspend_after_action)])
}

/// When the savings were rated: the dataset's forecast point up to its ':' ("Quarter 2
/// 2024/25"), as the Overview names it; `None` if the dataset gives none.
fn forecast_point(ds: &crate::data::Dataset) -> Option<String> {
    Some(ds.budget.forecast_point_name().to_string()).filter(|p| !p.is_empty())
}

fn waterfall_figure(out: &RevenueOutputs) -> Figure {
    let w = &out.waterfall;
    let amount = |key: &str| w.iter().find(|s| s.key == key).map(|s| s.amount).unwrap_or_default();
    let pressures = amount("pressures") + amount("extra");
    let unmet = amount("undelivered_delivered") + amount("undelivered_on_target") + amount("undelivered_at_risk");
    let offsets = amount("offsets");
    let action = amount("action");
    let before = out.overspend_before_action;
    let after = out.overspend_after_action;

    let m = |x: Money| gbp_m_at(x, forecast_places(out));
    let title = if before <= Decimal::ZERO {
        format!("On these assumptions the budget is underspent by {}", m(-after))
    } else if after <= Decimal::ZERO {
        format!("Management action meets the whole forecast overspend of {}", m(before))
    } else {
        format!("The forecast overspend is {}, and {} after management action", m(before), m(after))
    };
    let mut c = Chart::new("sv-waterfall", &title);
    c.description = format!(
        "Waterfall: the change from the approved net budget of {} step by step to the forecast outturn of {}. Bars rising are costs, bars falling are savings and action; the grey bar is the forecast before management action.",
        gbp_m(out.net_budget),
        gbp_m(out.forecast_outturn)
    );
    // Offsets below zero are overspend the papers' pressures do not account for (the model's
    // step of that name), not offsets: a rising bar named "Offsets" read as a saving.
    let fourth = if out.decomposition.offsets < Decimal::ZERO { "Unexplained" } else { "Offsets" };
    c.x_labels = ["Budget", "Pressures", "Unmet savings", fourth, "Before action", "Action", "Outturn"].map(String::from).to_vec();
    c.categories = true;
    let f = to_f64;
    let l1 = pressures;
    let l2 = l1 + unmet;
    let l3 = l2 + offsets;
    c.series.push(Series { name: "Approved budget and forecast outturn (difference from budget)".into(), values: vec![Some(0.0), Some(f(l1)), Some(f(l2)), Some(f(l3)), None, Some(f(l3 + action)), Some(f(after))], style: Style::Waterfall, colour: 0 });
    c.series.push(Series { name: "Forecast before management action".into(), values: vec![None, None, None, None, Some(f(before)), None, None], style: Style::Stacked, colour: 4 });
    // Empty series that only put the waterfall's step colours in the key.
    c.series.push(Series { name: "Adds to spending".into(), values: vec![], style: Style::Bars, colour: 2 });
    c.series.push(Series { name: "Reduces spending".into(), values: vec![], style: Style::Bars, colour: 1 });
    c.height = 320;

    let mut t = Table {
        caption: format!("From the approved net budget to the forecast outturn, {} (£)", out.base_year.label()),
        headers: ["Step", "Change", "Running total", "Over (+) or under (−) budget"].map(String::from).to_vec(),
        rows: vec![],
    };
    for s in w {
        let change = match s.kind {
            StepKind::Change => gbp(s.amount),
            _ => String::new(),
        };
        t.rows.push(vec![s.label.to_string(), change, gbp(s.level), gbp(s.level - out.net_budget)]);
    }
    Figure::new(c, t, waterfall_summary(out))
}

fn waterfall_summary(out: &RevenueOutputs) -> String {
    let before = out.overspend_before_action;
    let after = out.overspend_after_action;
    let action = out.management_action;
    let dp = places(&[(&[out.pressures, out.undelivered_total, -out.offsets], before), (&[before, -action], after)]);
    let m = |x: Money| gbp_m_at(x, dp);
    // Another council's figures need not fit the reading: pressures smaller than the at-risk
    // savings leave other pressures below zero, and an overspend above the pressures leaves
    // offsets below zero (a trial's "less −£7.2m of offsets"). Each is said as what it is.
    // Judged by the papers' own figures, not the scenario's (extra pressures below zero are the
    // reader's setting, not the papers').
    let pressures = if out.decomposition.other_pressures >= Decimal::ZERO { format!("other cost pressures of {}", m(out.pressures)) } else { format!("other cost pressures of {} (the papers' pressures are less than the savings they rate at risk)", m(out.pressures)) };
    let undelivered = m(out.undelivered_total);
    let parts = if out.offsets >= Decimal::ZERO {
        format!("{pressures} and {undelivered} of savings not delivered, less {} of offsets,", m(out.offsets))
    } else {
        format!("{pressures}, {undelivered} of savings not delivered and {} of overspend the papers' pressures do not account for", m(-out.offsets))
    };
    let mut s = format!(
        "On the model's reading of the papers (their cost pressures taken to include the at-risk savings, which they do not say), {parts} give a forecast {} of {}",
        if before >= Decimal::ZERO { "overspend" } else { "underspend" },
        m(before.abs())
    );
    // No action can be the lever at 0% or the floor (revenue::model): the page says only that.
    if action.is_zero() {
        s.push_str(", with no management action applied.");
    } else if after >= Decimal::ZERO {
        s.push_str(&format!("; management action of {} leaves {}.", m(action), m(after)));
    } else {
        s.push_str(&format!("; management action of {} leaves an underspend of {}.", m(action), m(-after)));
    }
    s
}

/// The shares as the dataset gives them, and whether all three are published (not assumed).
fn published_shares(ds: &crate::data::Dataset) -> ([Decimal; 3], bool) {
    let s = &ds.savings;
    let all = [&s.delivered.share, &s.on_target.share, &s.at_risk.share];
    (all.map(|f| f.value), all.iter().all(|f| f.status == crate::data::figure::Status::Published))
}

/// `published`: the shares of the savings delivered, on target and at risk as the paper gives
/// them (whole percent, kept as published: 28% where £5.6m of £19.5m is 28.7%). `point`: when
/// they were rated ([`forecast_point`]).
fn status_figure(inp: &RevenueInputs, out: &RevenueOutputs, (published, all_published): ([Decimal; 3], bool), point: Option<&str>) -> Figure {
    let s = &inp.savings;
    let total = s.total();
    let (rated, column) = match point {
        Some(p) => (format!("in the report for {p}"), format!("Published ({p})")),
        None => ("in the papers".to_string(), "Published".to_string()),
    };
    let title = format!("On your assumptions {} of the {} savings are not delivered this year, against {} rated at risk {rated}", gbp_m(out.undelivered_total), gbp_m(total), gbp_m(s.at_risk));
    let mut c = Chart::new("sv-status", &title);
    c.description = format!("Stacked bars: the savings by status as published {rated}, and on your assumptions, where each saving is either delivered this year or not.");
    c.x_labels = vec![column.clone(), "Your assumption".into()];
    c.categories = true;
    c.series.push(Series { name: "Delivered".into(), values: vec![Some(to_f64(s.delivered)), Some(to_f64(out.delivered_total))], style: Style::Stacked, colour: 0 });
    c.series.push(Series { name: "On target or in progress".into(), values: vec![Some(to_f64(s.on_target)), Some(0.0)], style: Style::Stacked, colour: 1 });
    c.series.push(Series { name: "At risk (published) or not delivered (yours)".into(), values: vec![Some(to_f64(s.at_risk)), Some(to_f64(out.undelivered_total))], style: Style::Stacked, colour: 3 });
    c.height = 300;
    let share = |x: Money| if total.is_zero() { String::new() } else { pct(x / total, 0) };
    let as_published = |i: usize| pct(published[i] / Decimal::ONE_HUNDRED, 0);
    let t = Table {
        caption: format!("Savings {} by status (£)", out.base_year.label()),
        headers: vec!["Status".into(), column, (if all_published { "Share, as published" } else { "Share, as in the figures" }).into(), "Your assumption".into(), "Share".into()],
        rows: vec![
            vec!["Delivered".into(), gbp(s.delivered), as_published(0), gbp(out.delivered_total), share(out.delivered_total)],
            vec!["On target or in progress".into(), gbp(s.on_target), as_published(1), gbp(Decimal::ZERO), share(Decimal::ZERO)],
            vec!["At risk (published) or not delivered (yours)".into(), gbp(s.at_risk), as_published(2), gbp(out.undelivered_total), share(out.undelivered_total)],
            // What the published shares add up to (rounded, they can make 99% or 101%).
            vec!["Total".into(), gbp(total), pct(published.iter().copied().sum::<Decimal>() / Decimal::ONE_HUNDRED, 0), gbp(out.delivered_total + out.undelivered_total), share(total)],
        ],
    };
    Figure::new(c, t, status_summary(inp, out, point))
}

fn status_summary(inp: &RevenueInputs, out: &RevenueOutputs, point: Option<&str>) -> String {
    let s = &inp.savings;
    let u = &out.undelivered;
    let dp = places(&[(&[s.delivered, s.on_target, s.at_risk], s.total()), (&[u.at_risk, u.on_target, u.delivered], out.undelivered_total)]);
    let m = |x: Money| gbp_m_at(x, dp);
    // A status with nothing in it is "none", not "£0m" (a small council's first report).
    let n = |x: Money| if x.is_zero() { "none".to_string() } else { m(x) };
    let by = point.map(|p| format!(" by {p}")).unwrap_or_default();
    let slip = if out.undelivered_total.is_zero() {
        "you assume none slips".to_string()
    } else {
        format!("you assume {} slip: {} of the at-risk, {} of the on-target and {} of the delivered savings", m(out.undelivered_total), n(u.at_risk), n(u.on_target), n(u.delivered))
    };
    format!("Of {} of savings, {} had been delivered{by}, {} were on target and {} at risk; {slip}.", m(s.total()), n(s.delivered), n(s.on_target), n(s.at_risk))
}

#[component]
pub fn Savings() -> impl IntoView {
    let app = use_app();
    // The page formats the scenario's one outcome (AppState::outcome); it runs no model itself.
    let revenue = crate::ui::memo::memo(move |_| app.outcome.with(|o| o.as_ref().map(|o| o.revenue.clone())));
    let inputs = crate::ui::memo::memo(move |_| revenue.get().map(|r| r.map(|(i, _)| i)));
    let out = crate::ui::memo::memo(move |_| revenue.get().and_then(|r| r.ok()).map(|(_, o)| o));
    let rev = crate::ui::memo::memo(move |_| app.scenario.with(|s| s.as_ref().map(|s| s.rev)));
    let rw = crate::ui::memo::memo(move |_| app.outcome.with(|o| o.as_ref().and_then(|o| o.runway.clone())));
    let override_last = crate::ui::memo::memo(move |_| app.projection.with(|p| p.as_ref().and_then(|p| p.override_last_year)));
    let runway = crate::ui::memo::memo(move |_| app.outcome.with(|o| o.as_deref().and_then(runway_figure)));

    let wf = crate::ui::memo::memo(move |_| out.get().map(|o| waterfall_figure(&o)));
    let published = crate::ui::memo::memo(move |_| app.data.with(|d| d.as_ref().map(|d| (published_shares(&d.dataset), forecast_point(&d.dataset)))));
    let st = crate::ui::memo::memo(move |_| match (inputs.get(), out.get(), published.get()) {
        (Some(Ok(i)), Some(o), Some((p, point))) => Some(status_figure(&i, &o, p, point.as_deref())),
        _ => None,
    });


    let input_error = move || inputs.get().and_then(|r| r.err());

    view! {
        <h1>"Savings: the revenue budget and savings delivery"</h1>
        <p class="lede">
            "Councillors ask: if half of the "
            <Term id="savings-at-risk" text="at-risk savings"/>
            " slip, what is the "
            <Term id="overspend" text="overspend"/>
            ", and what does it do to reserves? Set how much of each kind of saving is delivered, and how much "
            <Term id="management-action" text="management action"/>
            " lands, and see this year's "
            <Term id="forecast-outturn" text="forecast outturn"/>
            " and how long the council's "
            <Term id="usable-reserves" text="usable reserves"/>
            " last."
        </p>
        <Show when=move || input_error().is_some()>
            <section class="notice error" role="alert" aria-labelledby="sv-err-h">
                <h2 id="sv-err-h">"The revenue figures could not be read"</h2>
                <p>{move || input_error().unwrap_or_default()}</p>
            </section>
        </Show>
        <Headlines out=out rw=rw/>
        // The tools after the figures, as on High needs.
        <ShareBar/>
        <PageWorkbook page="Savings" tables=Signal::derive(move || [wf, st, runway].iter().map(|f| f.with(|f| f.as_ref().map(|f| f.table.clone()).unwrap_or_default())).collect())/>
        <div class="layout">
            <form class="levers" aria-labelledby="sv-levers-h" on:submit=|ev| ev.prevent_default()>
                <h2 id="sv-levers-h">"Assumptions"</h2>
                <SkipToResults id="sv-results"/>
                <div class="page-actions">
                    <button type="button" class="secondary" id="sv-reset" on:click=move |_| {
                        app.scenario.update(|s| if let Some(s) = s { s.rev = RevenueLevers::default(); });
                    }>"Reset savings assumptions"</button>
                </div>
                <fieldset><legend>"Savings delivered this year"</legend>
                    <LeverControl key="rev.atrisk"/>
                    <LeverControl key="rev.ontarget"/>
                    <LeverControl key="rev.delivered"/>
                </fieldset>
                <fieldset><legend>"Pressures and management action"</legend>
                    <LeverControl key="rev.press"/>
                    <LeverControl key="rev.action"/>
                </fieldset>
                <fieldset><legend>"Later years"</legend>
                    <LeverControl key="rev.slip"/>
                    <LeverControl key="rev.recur"/>
                    <LeverControl key="rev.gap"/>
                    <LeverControl key="rev.years"/>
                </fieldset>
                <LeverEcho label="Budget: " text=Signal::derive(move || out.get().map(|o| echo_text(&o, rw.get().as_deref())).unwrap_or_default())/>
            </form>
            <div class="results" id="sv-results" tabindex="-1">
                <section aria-labelledby="sv-year-h">
                    <h2 id="sv-year-h">{move || out.get().map(|o| format!("The forecast for {}", o.base_year.label())).unwrap_or_else(|| "The forecast this year".into())}</h2>
                    <FigureView figure=wf id="sv-waterfall"/>
                    <FigureView figure=st id="sv-status"/>
                    <Published inputs=inputs out=out rev=rev/>
                </section>
                <section aria-labelledby="sv-reserves-h">
                    <h2 id="sv-reserves-h">"Reserves"</h2>
                    <FigureView figure=runway id="sv-runway"/>
                    <RunwayNotes dsg_override=override_last has_contingency=Signal::derive(move || out.with(|o| o.as_ref().is_some_and(|o| o.reserves.contingency > Decimal::ZERO)))/>
                </section>
            </div>
        </div>
        <PrintSummary/>
    }
}

/// The revenue headlines in one line, for `LeverEcho`.
fn echo_text(o: &RevenueOutputs, rw: Option<&Runway>) -> String {
    let after = o.overspend_after_action;
    let m = |x: Money| gbp_m_at(x, forecast_places(o));
    let mut parts = vec![if after < Decimal::ZERO { format!("{} underspend after action", m(-after)) } else { format!("{} overspend after action", m(after)) }];
    if o.draw.amount > Decimal::ZERO {
        parts.push(format!("{} from reserves", m(o.draw.amount)));
    }
    if let Some(r) = rw {
        parts.push(match r.runs_out {
            Some(y) => format!("reserves run out {}", y.label()),
            None => "reserves last the period".into(),
        });
    }
    parts.join(" · ")
}

/// The reserves-draw headline and its note: a draw, an underspend that adds to the general fund,
/// or a balanced budget (never "an underspend of £0m"). A dataset may have no contingency
/// reserve, and then the note does not name one.
/// `dp`: the places of £m ([`forecast_places`]).
fn draw_headline(draw: Money, from_contingency: Money, has_contingency: bool, dp: u32) -> (String, String) {
    let m = |x: Money| gbp_m_at(x, dp);
    if draw > Decimal::ZERO && has_contingency {
        (m(draw), format!("{} from the contingency reserve first", m(from_contingency)))
    } else if draw > Decimal::ZERO {
        (m(draw), "from earmarked reserves first, then the general fund balance".to_string())
    } else if draw < Decimal::ZERO {
        (gbp_m(Decimal::ZERO), format!("an underspend of {} adds to the general fund", m(-draw)))
    } else {
        (gbp_m(Decimal::ZERO), "the budget balances, so nothing is drawn".to_string())
    }
}

/// The two forecast headlines, (label, figure, note) each: an underspend is named so, never a
/// negative overspend, to the places at which before − action = after adds up.
fn forecast_headlines(o: &RevenueOutputs) -> [(String, String, String); 2] {
    let (before, action, after) = (o.overspend_before_action, o.management_action, o.overspend_after_action);
    let m = |x: Money| gbp_m_at(x, forecast_places(o));
    let first = if before < Decimal::ZERO {
        ("Forecast underspend before management action".to_string(), m(-before))
    } else {
        ("Forecast overspend before management action".to_string(), m(before))
    };
    let second = if after < Decimal::ZERO { ("Underspend after management action".to_string(), m(-after)) } else { ("After management action".to_string(), m(after)) };
    let note = if action.is_zero() { "no action applied".to_string() } else { format!("{} of action applied", m(action)) };
    [(first.0, first.1, String::new()), (second.0, second.1, note)]
}

#[component]
fn Headlines(out: Memo<Option<Arc<RevenueOutputs>>>, rw: Memo<Option<Arc<Runway>>>) -> impl IntoView {
    view! {
        <ul class="headlines" aria-label="Headline figures">
            {move || out.get().map(|o| {
                let total = o.undelivered_total + o.delivered_total;
                let draw = o.draw.amount;
                let (draw_text, draw_note) = draw_headline(draw, o.draw.from_contingency, o.reserves.contingency > Decimal::ZERO, forecast_places(&o));
                let (runs_out, runs_note) = match rw.get() {
                    Some(r) => match (r.runs_out, r.years.last()) {
                        (Some(y), _) => (y.label(), "the first year the deficits exceed what is left".to_string()),
                        // The years modelled include the base year: "not within 6 years" beside 5
                        // medium-term years read as a miscount.
                        (None, Some(l)) => (format!("not by {}", l.fy.end().long()), format!("the years modelled run from {} to {}", r.years.first().map(|f| f.fy.label()).unwrap_or_default(), l.fy.label())),
                        (None, None) => (String::new(), String::new()),
                    },
                    None => (String::new(), String::new()),
                };
                let [(before_label, before, _), (after_label, after, action_note)] = forecast_headlines(&o);
                view! {
                    <li data-headline="overspend-before"><span>{before_label}</span><span class="big">{before}</span></li>
                    <li data-headline="overspend-after"><span>{after_label}</span><span class="big">{after}</span><span>{action_note}</span></li>
                    <li data-headline="undelivered"><span>"Savings not delivered"</span><span class="big">{gbp_m(o.undelivered_total)}</span><span>{format!("of {} planned", gbp_m(total))}</span></li>
                    <li data-headline="draw"><span>{format!("Drawn from reserves in {}", o.base_year.label())}</span><span class="big">{draw_text}</span><span>{draw_note}</span></li>
                    <li data-headline="runs-out"><span>"When usable reserves run out"</span><span class="big">{runs_out}</span><span>{runs_note}</span></li>
                }
            })}
        </ul>
    }
}

/// What the "Which settings reproduce the published forecast" section says. The intro is
/// `lead`, the glossary link "management action", then `tail`.
#[derive(Debug, Clone, PartialEq)]
struct PublishedText {
    lead: String,
    tail: String,
    published: String,
    assumption: String,
    derived: String,
    check: String,
    reproduces: bool,
}

/// The section's text for inputs `i`, the scenario's outputs `o`, and whether its revenue
/// settings are the defaults. Where the defaults do not reproduce the published figures (papers
/// whose figure after action is above the one before it: the model applies no negative action,
/// `revenue::model`), the text says so rather than claiming the published figures, or that the
/// defaults are not the defaults.
fn published_text(i: &RevenueInputs, o: &RevenueOutputs, at_defaults: bool) -> PublishedText {
    const LEAD: &str = "At the default settings — at-risk savings 0% delivered, on-target and delivered savings 100%, no extra pressures, and management action landing in full — the model gives ";
    let d = decompose(i);
    let (f, a, sv) = (i.forecast_overspend, i.management_action, &i.savings);
    let published_after = f - a;
    let dflt = crate::model::revenue::model(i, &RevenueLevers::default());
    let defaults_reproduce = dflt.overspend_before_action == f && dflt.overspend_after_action == published_after;
    let reproduces = at_defaults && o.overspend_before_action == f && o.overspend_after_action == published_after;

    // Each sum's figures are shown unsigned (an underspend is named, never "− −£0.9m"), and
    // display rounding is symmetric, so the signed sums below are the ones the reader checks.
    let dp = places(&[
        (&[sv.delivered, sv.on_target, sv.at_risk], sv.total()),
        (&[i.cost_pressures, -d.undelivered_in_forecast], d.other_pressures),
        (&[i.cost_pressures, -f], d.offsets),
        (&[f, -published_after], a),
    ]);
    let m = |x: Money| gbp_m_at(x, dp);
    let offsets_sum = if f >= Decimal::ZERO { format!("{} of pressures − {} overspend", m(i.cost_pressures), m(f)) } else { format!("{} of pressures + {} underspend", m(i.cost_pressures), m(-f)) };
    let action_sum = match (f >= Decimal::ZERO, published_after >= Decimal::ZERO) {
        (true, false) => format!("{} overspend + {} underspend after it", m(f), m(-published_after)),
        (false, false) => format!("{} underspend after it − {} before it", m(-published_after), m(-f)),
        _ => format!("{} − {}", m(f), m(published_after)),
    };

    let (lead, tail) = if defaults_reproduce && f >= Decimal::ZERO && published_after >= Decimal::ZERO {
        (format!("{LEAD}the published forecast overspend of {} and {} after ", m(f), m(published_after)), ".".to_string())
    } else if defaults_reproduce {
        (format!("{LEAD}the published forecast: {} before ", variance(f, dp)), format!(" and {} after it.", variance(published_after, dp)))
    } else {
        let applied = if dflt.management_action.is_zero() { format!("none of the published {}", m(a)) } else { format!("{} of the published {}", m(dflt.management_action), m(a)) };
        (
            format!("{LEAD}the published forecast: {} before ", variance(f, dp)),
            format!(
                ". The papers give {} after it, which the model cannot reproduce from their figures: it applies {applied} and gives {}.",
                variance(published_after, dp),
                variance(dflt.overspend_after_action, dp)
            ),
        )
    };
    let forecast = if f >= Decimal::ZERO && published_after >= Decimal::ZERO {
        format!("forecast overspend {}, {} after management action", m(f), m(published_after))
    } else {
        format!("{} forecast before management action and {} after it", variance(f, dp), variance(published_after, dp))
    };
    let published = format!("Cost pressures of {}, savings of {} ({} delivered, {} on target, {} at risk), {forecast}.", m(i.cost_pressures), m(sv.total()), m(sv.delivered), m(sv.on_target), m(sv.at_risk));
    let assumption = if d.other_pressures >= Decimal::ZERO {
        format!(
            "The {} of pressures already includes the {} of at-risk savings not delivered (the papers do not say), leaving {} of other pressures.",
            m(i.cost_pressures),
            m(d.undelivered_in_forecast),
            m(d.other_pressures)
        )
    } else {
        // The reading does not fit: said so, and what the model does with it.
        format!(
            "The model reads the {} of pressures as including the {} of at-risk savings not delivered (the papers do not say). These papers' pressures are less than that, so the reading does not fit them: it leaves other pressures of {}, which the model uses as they are.",
            m(i.cost_pressures),
            m(d.undelivered_in_forecast),
            m(d.other_pressures)
        )
    };
    // Offsets below zero are overspend beyond the pressures, not offsets.
    let derived = if d.offsets >= Decimal::ZERO {
        format!("Offsets of {} = {offsets_sum}; management action of {} = {action_sum}.", m(d.offsets), m(a))
    } else {
        format!("Overspend the pressures do not account for, {} = {} overspend − {} of pressures; management action of {} = {action_sum}.", m(-d.offsets), m(f), m(i.cost_pressures), m(a))
    };
    // The scenario's forecast, to the places its headlines use.
    let odp = forecast_places(o);
    let check = if reproduces {
        "These are the default settings: the figures above match the published ones exactly.".to_string()
    } else if at_defaults {
        format!("These are the default settings, but the model cannot reproduce the published figure after management action (see above): it gives {} after it.", variance(o.overspend_after_action, odp))
    } else if o.overspend_before_action >= Decimal::ZERO && o.overspend_after_action >= Decimal::ZERO {
        format!("Your settings differ from the defaults: the forecast is {} before and {} after management action.", gbp_m_at(o.overspend_before_action, odp), gbp_m_at(o.overspend_after_action, odp))
    } else {
        format!("Your settings differ from the defaults: the forecast is {} before management action and {} after it.", variance(o.overspend_before_action, odp), variance(o.overspend_after_action, odp))
    };
    PublishedText { lead, tail, published, assumption, derived, check, reproduces }
}

/// Which settings reproduce the published forecast, and how it decomposes.
#[component]
fn Published(inputs: Memo<Option<Result<Arc<RevenueInputs>, String>>>, out: Memo<Option<Arc<RevenueOutputs>>>, rev: Memo<Option<RevenueLevers>>) -> impl IntoView {
    let at_defaults = move || rev.get() == Some(RevenueLevers::default());
    view! {
        <section class="explainer" aria-labelledby="sv-pub-h">
            <h3 id="sv-pub-h">"Which settings reproduce the published forecast"</h3>
            {move || match (inputs.get(), out.get()) {
                (Some(Ok(i)), Some(o)) => {
                    let t = published_text(&i, &o, at_defaults());
                    view! {
                        <p>{t.lead}<Term id="management-action" text="management action"/>{t.tail}</p>
                        <ul class="sources">
                            <li><span class="tag published">"published"</span>" "{t.published}</li>
                            <li><span class="tag assumption">"assumption"</span>" "{t.assumption}</li>
                            <li><span class="tag derived">"derived"</span>" "{t.derived}</li>
                        </ul>
                        <p class="check" data-reproduces=if t.reproduces { "yes" } else { "no" }>{t.check}</p>
                    }
                    .into_any()
                }
                _ => ().into_any(),
            }}
        </section>
    }
}

/// The order the runway draws from reserves, as text and glossary links (`Some(id)`), naming a
/// contingency reserve only if the dataset has one.
fn draw_order(has_contingency: bool) -> Vec<(Option<&'static str>, &'static str)> {
    if has_contingency {
        vec![(None, "Draws come from the "), (Some("contingency-reserve"), "contingency reserve"), (None, " first, then other earmarked reserves, then the "), (Some("general-fund-balance"), "general fund balance"), (None, ".")]
    } else {
        vec![(None, "Draws come from "), (Some("earmarked-reserves"), "earmarked reserves"), (None, " first, then the "), (Some("general-fund-balance"), "general fund balance"), (None, ".")]
    }
}

#[component]
fn RunwayNotes(#[prop(into)] dsg_override: Signal<Option<Fy>>, #[prop(into)] has_contingency: Signal<bool>) -> impl IntoView {
    let order = move || {
        draw_order(has_contingency.get())
            .into_iter()
            .map(|(term, text)| match term {
                Some(id) => view! { <Term id=id text=text/> }.into_any(),
                None => text.into_any(),
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="explainer">
            <p>"What the "<Term id="reserves-runway" text="reserves runway"/>" counts, year by year:"</p>
            <ul>
                <li>"This year's over- or underspend after management action, then each later year's gap (the \"Later years\" settings). "{order}</li>
                <li>
                    "The DSG deficit that counts against reserves once the "<Term id="statutory-override" text="statutory override"/>" ends ("
                    {move || dsg_override.get().map(|y| format!("after {}", y.end().long())).unwrap_or_else(|| "never, on the current settings".into())}
                    "), from the settings on the "<ScenarioLink page=Page::HighNeeds>"High needs page"</ScenarioLink>". It is a stock, compared with what is left each year, not drawn twice."
                </li>
                <li>
                    "The revenue cost of borrowing (MRP and interest) for the named capital schemes, from the settings and moves on the "<ScenarioLink page=Page::Capital>"Capital page"</ScenarioLink>
                    ". It is counted as met from reserves, which is an upper bound: the papers do not say how much of it is already in the budget."
                </li>
                <li>
                    "The cost of carrying the DSG deficit (the interest the council forgoes or pays on it), at the rate set on the "<ScenarioLink page=Page::HighNeeds>"High needs page"</ScenarioLink>"."
                </li>
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::revenue;
    use crate::model::dsg::Baseline;
    use crate::model::scenario::Scenario;

    fn shipped() -> crate::data::Dataset {
        crate::testing::q2().dataset
    }

    #[test]
    fn the_draw_headline_names_a_draw_an_underspend_or_a_balance() {
        let m = |x: i64| Decimal::from(x) * Decimal::from(1_000_000);
        let (text, note) = draw_headline(m(3), m(1), true, 1);
        assert_eq!((text.as_str(), note.as_str()), ("£3m", "£1m from the contingency reserve first"));
        let (text, note) = draw_headline(-m(2), Decimal::ZERO, true, 1);
        assert_eq!((text.as_str(), note.as_str()), ("£0m", "an underspend of £2m adds to the general fund"));
        let (_, note) = draw_headline(Decimal::ZERO, Decimal::ZERO, true, 1);
        assert!(!note.contains("underspend"), "{note}");
        assert!(note.contains("balances"), "{note}");
    }

    #[test]
    fn defaults_give_the_published_figures_and_half_at_risk_changes_them() {
        let ds = shipped();
        let inp = RevenueInputs::from_dataset(&ds).unwrap();
        let b = Baseline::from_dataset(&ds);
        let mut s = Scenario::default_for(&b);
        let o = revenue::model(&inp, &s.rev);
        assert_eq!(gbp_m(o.overspend_before_action), "£10.2m");
        assert_eq!(gbp_m(o.overspend_after_action), "£2m");
        let Figure { chart: c, table: t, .. } = waterfall_figure(&o);
        assert_eq!(c.x_labels.len(), 7, "at most eight categories, so every label is drawn");
        assert_eq!(c.series[0].values.last(), Some(&Some(2_000_000.0)));
        assert_eq!(c.series[1].values[4], Some(10_200_000.0));
        assert_eq!(t.rows.last().unwrap()[2], "£214,800,000");
        s.set("rev.atrisk", "50", &b).unwrap();
        let o = revenue::model(&inp, &s.rev);
        assert_eq!(gbp_m(o.overspend_before_action), "£7.7m");
        assert!(waterfall_summary(&o).contains("£7.7m"));
    }

    #[test]
    fn savings_by_status_adds_up() {
        let ds = shipped();
        let inp = RevenueInputs::from_dataset(&ds).unwrap();
        let o = revenue::model(&inp, &RevenueLevers::default());
        let Figure { chart: c, table: t, .. } = status_figure(&inp, &o, published_shares(&ds), forecast_point(&ds).as_deref());
        let sum = |i: usize| c.series.iter().map(|s| s.values[i].unwrap_or(0.0)).sum::<f64>();
        assert!((sum(0) - sum(1)).abs() < 1e-6, "both bars show the whole £19.5m");
        assert_eq!(t.rows[3][1], "£19,500,000");
        assert_eq!(t.rows[2][3], "£5,000,000");
        // The paper's shares, not amount ÷ total: £5.6m of £19.5m is 28.7%, published as 28%.
        let shares: Vec<&str> = t.rows.iter().map(|r| r[2].as_str()).collect();
        assert_eq!(shares, ["46%", "28%", "26%", "100%"]);
        assert_eq!(t.headers[2], "Share, as published");
        // Shares that add up to 101% are shown so, and shares a dataset assumes are not called published.
        let mut other = ds.clone();
        other.savings.on_target.share.value = Decimal::from(29);
        other.savings.on_target.share.status = crate::data::figure::Status::Assumption;
        let t = status_figure(&inp, &o, published_shares(&other), None).table;
        assert_eq!((t.rows[1][2].as_str(), t.rows[3][2].as_str(), t.headers[2].as_str()), ("29%", "101%", "Share, as in the figures"));
    }


    /// Ávila-on-Sea's file with an underspend: −£0.9m forecast, −£1.5m after £0.6m of action.
    fn underspend(v: &mut serde_json::Value) {
        v["budget"]["forecast_overspend"]["value"] = "-900000".into();
        v["budget"]["overspend_after_action"]["value"] = "-1500000".into();
        v["budget"]["management_action"]["value"] = "600000".into();
    }

    /// The page's inputs and its outputs at the default settings.
    fn at_defaults(ds: &crate::data::Dataset) -> (RevenueInputs, RevenueOutputs) {
        let i = RevenueInputs::from_dataset(ds).unwrap();
        let o = revenue::model(&i, &RevenueLevers::default());
        (i, o)
    }

    #[test]
    fn the_derived_sums_give_no_council_s_explanation_and_name_an_underspend() {
        let (i, o) = at_defaults(&shipped());
        assert_eq!(published_text(&i, &o, true).derived, "Offsets of £1.4m = £11.6m of pressures − £10.2m overspend; management action of £8.2m = £10.2m − £2m.");
        let (i, o) = at_defaults(&crate::testing::avila().dataset);
        let t = published_text(&i, &o, true);
        assert!(t.derived.starts_with("Offsets of £0.7m = £5.4m of pressures − £4.7m overspend;"), "{}", t.derived);
        assert!(!t.derived.contains("children"), "{}", t.derived);
        let (i, o) = at_defaults(&crate::testing::avila_with(underspend).dataset);
        let t = published_text(&i, &o, true);
        assert_eq!(t.derived, "Offsets of £6.3m = £5.4m of pressures + £0.9m underspend; management action of £0.6m = £1.5m underspend after it − £0.9m before it.");
        assert!(!t.published.contains('−'), "{}", t.published);
    }

    #[test]
    fn figures_that_do_not_fit_the_reading_are_said_as_what_they_are() {
        // A trial's council: pressures £15m, at risk £4.5m, overspend £22.2m.
        let odd = |v: &mut serde_json::Value| {
            v["budget"]["cost_pressures"]["value"] = "15000000".into();
            v["budget"]["forecast_overspend"]["value"] = "22200000".into();
            v["budget"]["overspend_after_action"]["value"] = "18850000".into(); // less its £3.35m of action
        };
        let l = crate::testing::avila_with(odd);
        let (i, o) = at_defaults(&l.dataset);
        let extra = i.forecast_overspend - i.cost_pressures;
        assert!(extra > Decimal::ZERO);
        let t = published_text(&i, &o, true);
        assert!(t.derived.starts_with(&format!("Overspend the pressures do not account for, {} = £22.2m overspend − £15m of pressures;", gbp_m_at(extra, 1))), "{}", t.derived);
        let w = waterfall_summary(&o);
        assert!(w.contains(&format!(" of savings not delivered and {} of overspend the papers' pressures do not account for give a forecast overspend of £22.2m", gbp_m_at(extra, 1))), "{w}");
        assert!(!w.contains("−") && !t.derived.contains("−£"), "{w} / {}", t.derived);
        let step = o.waterfall.iter().find(|s| s.key == "offsets").unwrap();
        assert_eq!((step.label, step.amount), ("Overspend the papers' pressures do not account for", extra));
        // The chart's bar too (a review found it still "Offsets").
        let chart = waterfall_figure(&o).chart;
        assert_eq!(chart.x_labels[3], "Unexplained");
        assert_eq!(waterfall_figure(&at_defaults(&crate::testing::shipped().dataset).1).chart.x_labels[3], "Offsets");
        // Pressures of nothing, with savings at risk: the reading does not fit, and says so.
        let none = |v: &mut serde_json::Value| {
            v["budget"]["cost_pressures"]["value"] = "0".into();
        };
        let l = crate::testing::avila_with(none);
        let (i, o) = at_defaults(&l.dataset);
        assert!(i.savings.at_risk > Decimal::ZERO);
        let t = published_text(&i, &o, true);
        assert!(t.assumption.contains("so the reading does not fit them: it leaves other pressures of −"), "{}", t.assumption);
        assert!(!t.assumption.contains("already includes"), "{}", t.assumption);
        assert!(waterfall_summary(&o).contains("(the papers' pressures are less than the savings they rate at risk)"), "{}", waterfall_summary(&o));
        // The waterfall's steps say the same: no "offsets" of overspend, no bare pressures below zero.
        let labels: Vec<_> = o.waterfall.iter().map(|s| s.label).collect();
        assert!(labels.contains(&"Cost pressures other than savings not delivered (below zero: the papers' pressures are less than the savings they rate at risk)"), "{labels:?}");
        // Extra pressures below zero are the reader's own setting: no word about the papers.
        let (i, _) = at_defaults(&crate::testing::shipped().dataset);
        let o = revenue::model(&i, &RevenueLevers { extra_pressures: Decimal::from(-10_000_000), ..RevenueLevers::default() });
        assert!(o.pressures < Decimal::ZERO);
        assert!(!waterfall_summary(&o).contains("the papers' pressures are less"), "{}", waterfall_summary(&o));
    }

    #[test]
    fn the_savings_are_rated_at_the_dataset_s_point() {
        let ds = crate::testing::avila_with(|v| v["budget"]["forecast_point"] = "Quarter 3 2025/26: spend to 31 December 2025, forecasts to 31 March 2026".into()).dataset;
        let (i, o) = at_defaults(&ds);
        let f = status_figure(&i, &o, published_shares(&ds), forecast_point(&ds).as_deref());
        assert!(f.chart.title.ends_with("rated at risk in the report for Quarter 3 2025/26"), "{}", f.chart.title);
        assert!(f.chart.description.contains("as published in the report for Quarter 3 2025/26"), "{}", f.chart.description);
        assert_eq!((f.chart.x_labels[0].as_str(), f.table.headers[1].as_str()), ("Published (Quarter 3 2025/26)", "Published (Quarter 3 2025/26)"));
        assert!(f.summary.contains("had been delivered by Quarter 3 2025/26"), "{}", f.summary);
        for text in [&f.chart.title, &f.chart.description, &f.summary] {
            assert!(!text.contains("quarter 2") && !text.contains("Q2"), "{text}");
        }
        // A dataset that gives no point is not given one.
        let f = status_figure(&i, &o, published_shares(&ds), None);
        assert_eq!(f.table.headers[1], "Published");
    }

    #[test]
    fn with_no_contingency_reserve_none_is_named() {
        let (_, o) = at_defaults(&crate::testing::avila().dataset);
        let has = o.reserves.contingency > Decimal::ZERO;
        assert!(!has, "the Ávila fixture has no contingency reserve");
        let (text, note) = draw_headline(o.draw.amount, o.draw.from_contingency, has, forecast_places(&o));
        assert_eq!((text.as_str(), note.as_str()), ("£1.35m", "from earmarked reserves first, then the general fund balance"));
        let order = |has| draw_order(has).into_iter().map(|(_, t)| t).collect::<String>();
        assert_eq!(order(false), "Draws come from earmarked reserves first, then the general fund balance.");
        assert_eq!(order(true), "Draws come from the contingency reserve first, then other earmarked reserves, then the general fund balance.");
        let (_, o) = at_defaults(&shipped());
        assert!(o.reserves.contingency > Decimal::ZERO, "Herefordshire's runway still names its contingency reserve");
    }

    #[test]
    fn an_underspend_at_the_defaults_is_an_underspend_and_the_defaults_are_the_defaults() {
        let (i, o) = at_defaults(&crate::testing::avila_with(underspend).dataset);
        let t = published_text(&i, &o, true);
        let intro = format!("{}management action{}", t.lead, t.tail);
        // The defaults reproduce the papers: the action makes the underspend larger, as
        // published (the model once stopped it at a balanced budget and gave £0.9m after it).
        assert!(t.reproduces);
        assert_eq!(t.check, "These are the default settings: the figures above match the published ones exactly.");
        assert!(intro.contains("the published forecast: an underspend of £0.9m before management action and an underspend of £1.5m after it."), "{intro}");
        for text in [&intro, &t.published, &t.check] {
            assert!(!text.contains('−') && !text.contains("overspend of"), "{text}");
        }
        let [before, after] = forecast_headlines(&o);
        assert_eq!((before.0.as_str(), before.1.as_str()), ("Forecast underspend before management action", "£0.9m"));
        assert_eq!((after.0.as_str(), after.1.as_str(), after.2.as_str()), ("Underspend after management action", "£1.5m", "£0.6m of action applied"));
        assert_eq!(echo_text(&o, None), "£1.5m underspend after action");
        // Other settings are named as such, in words; the action still lands in full.
        let mut lv = RevenueLevers::default();
        lv.extra_pressures = Decimal::from(100_000);
        let t = published_text(&i, &revenue::model(&i, &lv), false);
        assert_eq!(t.check, "Your settings differ from the defaults: the forecast is an underspend of £0.8m before management action and an underspend of £1.4m after it.");
        // Action never takes it below the published position: with £1m less of pressures the
        // forecast is already below it, and none applies.
        let mut lv = RevenueLevers::default();
        lv.extra_pressures = -Decimal::from(1_000_000);
        let o = revenue::model(&i, &lv);
        assert_eq!((o.overspend_before_action, o.management_action), (-Decimal::from(1_900_000), Decimal::ZERO));
        // Herefordshire's defaults still reproduce its published figures.
        let (i, o) = at_defaults(&shipped());
        let t = published_text(&i, &o, true);
        assert!(t.reproduces);
        assert!(t.lead.ends_with("the model gives the published forecast overspend of £10.2m and £2m after "), "{}", t.lead);
    }

    #[test]
    fn sums_shown_add_up_as_printed() {
        assert_eq!(places(&[(&[Decimal::from(4_700_000), -Decimal::from(1_350_000)], Decimal::from(3_350_000))]), 2);
        assert_eq!(places(&[(&[Decimal::from(10_200_000), -Decimal::from(2_000_000)], Decimal::from(8_200_000))]), 1);
        assert_eq!(gbp_m_at(Decimal::from(4_700_000), 2), "£4.7m");
        assert_eq!(gbp_m_at(Decimal::from(2_000_000), 2), "£2m");
        assert_eq!(gbp_m_at(-Decimal::from(1_350_000), 2), "−£1.35m");
        // Ávila-on-Sea: £4.7m less £3.35m of action is £1.35m, not "£3.4m ... £1.4m".
        let (i, o) = at_defaults(&crate::testing::avila().dataset);
        let [_, after] = forecast_headlines(&o);
        assert_eq!((after.1.as_str(), after.2.as_str()), ("£1.35m", "£3.35m of action applied"));
        assert!(waterfall_summary(&o).ends_with("give a forecast overspend of £4.7m; management action of £3.35m leaves £1.35m."), "{}", waterfall_summary(&o));
        let t = published_text(&i, &o, true);
        assert!(t.derived.ends_with("management action of £3.35m = £4.7m − £1.35m."), "{}", t.derived);
        assert!(t.lead.ends_with("overspend of £4.7m and £1.35m after "), "{}", t.lead);
        assert_eq!(waterfall_figure(&o).chart.title, "The forecast overspend is £4.7m, and £1.35m after management action");
        // Herefordshire's add up at one place, as before.
        let (_, o) = at_defaults(&shipped());
        assert_eq!(forecast_headlines(&o)[1].2, "£8.2m of action applied");
    }
}
