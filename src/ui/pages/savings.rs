//! Savings: the revenue budget, savings delivery, the forecast overspend and the reserves runway.
//!
//! "If half of the at-risk savings slip, what is the overspend and what does it do to reserves?"
//! The revenue model gives this year's outturn and later years' gaps; the runway adds the DSG
//! deficit that counts against reserves (from the high-needs levers) and the revenue cost of
//! borrowing (from the capital levers and moves), so all three pages share one scenario.

use crate::charts::{Chart, Series, Style};
use crate::units::calendar::Fy;
use crate::units::money::{gbp, gbp_m, pct, to_f64, Money};
use crate::model::revenue::{decompose, RevenueInputs, RevenueLevers, RevenueOutputs, Runway, StepKind};
use crate::ui::components::chart::{Figure, FigureView, Table};
use crate::ui::components::runway::runway_figure;
use crate::ui::components::lever::LeverControl;
use crate::ui::components::lever_echo::LeverEcho;
use crate::ui::components::share_bar::{PrintSummary, ShareBar};
use crate::ui::route::Page;
use crate::ui::components::scenario_link::{ScenarioLink, Term};
use crate::ui::state::use_app;
use crate::ui::components::workbook::PageWorkbook;
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::sync::Arc;

fn waterfall_figure(out: &RevenueOutputs) -> Figure {
    let w = &out.waterfall;
    let amount = |key: &str| w.iter().find(|s| s.key == key).map(|s| s.amount).unwrap_or_default();
    let pressures = amount("pressures") + amount("extra");
    let unmet = amount("undelivered_delivered") + amount("undelivered_on_target") + amount("undelivered_at_risk");
    let offsets = amount("offsets");
    let action = amount("action");
    let before = out.overspend_before_action;
    let after = out.overspend_after_action;

    let title = if before <= Decimal::ZERO {
        format!("On these assumptions the budget is underspent by {}", gbp_m(-after))
    } else if after <= Decimal::ZERO {
        format!("Management action meets the whole forecast overspend of {}", gbp_m(before))
    } else {
        format!("The forecast overspend is {}, and {} after management action", gbp_m(before), gbp_m(after))
    };
    let mut c = Chart::new("sv-waterfall", &title);
    c.description = format!(
        "Waterfall: the change from the approved net budget of {} step by step to the forecast outturn of {}. Bars rising are costs, bars falling are savings and action; the grey bar is the forecast before management action.",
        gbp_m(out.net_budget),
        gbp_m(out.forecast_outturn)
    );
    c.x_labels = ["Budget", "Pressures", "Unmet savings", "Offsets", "Before action", "Action", "Outturn"].map(String::from).to_vec();
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
    let mut s = format!(
        "On the model's reading of the papers (their cost pressures taken to include the at-risk savings, which they do not say), other cost pressures of {} and {} of savings not delivered, less {} of offsets, give a forecast {} of {}",
        gbp_m(out.pressures),
        gbp_m(out.undelivered_total),
        gbp_m(out.offsets),
        if before >= Decimal::ZERO { "overspend" } else { "underspend" },
        gbp_m(before.abs())
    );
    if out.management_action.is_zero() {
        s.push_str(", with no management action applied.");
    } else if after >= Decimal::ZERO {
        s.push_str(&format!("; management action of {} leaves {}.", gbp_m(out.management_action), gbp_m(after)));
    } else {
        s.push_str(&format!("; management action of {} leaves an underspend of {}.", gbp_m(out.management_action), gbp_m(-after)));
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
/// them (whole percent, kept as published: 28% where £5.6m of £19.5m is 28.7%).
fn status_figure(inp: &RevenueInputs, out: &RevenueOutputs, (published, all_published): ([Decimal; 3], bool)) -> Figure {
    let s = &inp.savings;
    let total = s.total();
    let title = format!("On your assumptions {} of the {} savings are not delivered this year, against {} rated at risk at quarter 2", gbp_m(out.undelivered_total), gbp_m(total), gbp_m(s.at_risk));
    let mut c = Chart::new("sv-status", &title);
    c.description = "Stacked bars: the savings by status as published at quarter 2, and on your assumptions, where each saving is either delivered this year or not.".into();
    c.x_labels = vec!["Published (Q2)".into(), "Your assumption".into()];
    c.series.push(Series { name: "Delivered".into(), values: vec![Some(to_f64(s.delivered)), Some(to_f64(out.delivered_total))], style: Style::Stacked, colour: 0 });
    c.series.push(Series { name: "On target or in progress".into(), values: vec![Some(to_f64(s.on_target)), Some(0.0)], style: Style::Stacked, colour: 1 });
    c.series.push(Series { name: "At risk (published) or not delivered (yours)".into(), values: vec![Some(to_f64(s.at_risk)), Some(to_f64(out.undelivered_total))], style: Style::Stacked, colour: 3 });
    c.height = 300;
    let share = |x: Money| if total.is_zero() { String::new() } else { pct(x / total, 0) };
    let as_published = |i: usize| pct(published[i] / Decimal::ONE_HUNDRED, 0);
    let t = Table {
        caption: format!("Savings {} by status (£)", out.base_year.label()),
        headers: ["Status", "Published (Q2)", if all_published { "Share, as published" } else { "Share, as in the figures" }, "Your assumption", "Share"].map(String::from).to_vec(),
        rows: vec![
            vec!["Delivered".into(), gbp(s.delivered), as_published(0), gbp(out.delivered_total), share(out.delivered_total)],
            vec!["On target or in progress".into(), gbp(s.on_target), as_published(1), gbp(Decimal::ZERO), share(Decimal::ZERO)],
            vec!["At risk (published) or not delivered (yours)".into(), gbp(s.at_risk), as_published(2), gbp(out.undelivered_total), share(out.undelivered_total)],
            // What the published shares add up to (rounded, they can make 99% or 101%).
            vec!["Total".into(), gbp(total), pct(published.iter().copied().sum::<Decimal>() / Decimal::ONE_HUNDRED, 0), gbp(out.delivered_total + out.undelivered_total), share(total)],
        ],
    };
    Figure::new(c, t, status_summary(inp, out))
}

fn status_summary(inp: &RevenueInputs, out: &RevenueOutputs) -> String {
    let s = &inp.savings;
    let u = &out.undelivered;
    format!(
        "Of {} of savings, {} had been delivered at quarter 2, {} were on target and {} at risk; you assume {} slip: {} of the at-risk, {} of the on-target and {} of the delivered savings.",
        gbp_m(s.total()),
        gbp_m(s.delivered),
        gbp_m(s.on_target),
        gbp_m(s.at_risk),
        gbp_m(out.undelivered_total),
        gbp_m(u.at_risk),
        gbp_m(u.on_target),
        gbp_m(u.delivered)
    )
}

#[component]
pub fn Savings() -> impl IntoView {
    let app = use_app();
    // The page formats the scenario's one outcome (AppState::outcome); it runs no model itself.
    let revenue = Memo::new(move |_| app.outcome.with(|o| o.as_ref().map(|o| o.revenue.clone())));
    let inputs = Memo::new(move |_| revenue.get().map(|r| r.map(|(i, _)| i)));
    let out = Memo::new(move |_| revenue.get().and_then(|r| r.ok()).map(|(_, o)| o));
    let rev = Memo::new(move |_| app.scenario.with(|s| s.as_ref().map(|s| s.rev)));
    let rw = Memo::new(move |_| app.outcome.with(|o| o.as_ref().and_then(|o| o.runway.clone())));
    let override_last = Memo::new(move |_| app.projection.with(|p| p.as_ref().and_then(|p| p.override_last_year)));
    let runway = Memo::new(move |_| app.outcome.with(|o| o.as_deref().and_then(runway_figure)));

    let wf = Memo::new(move |_| out.get().map(|o| waterfall_figure(&o)));
    let published = Memo::new(move |_| app.data.with(|d| d.as_ref().map(|d| published_shares(&d.dataset))));
    let st = Memo::new(move |_| match (inputs.get(), out.get(), published.get()) {
        (Some(Ok(i)), Some(o), Some(p)) => Some(status_figure(&i, &o, p)),
        _ => None,
    });


    let input_error = move || inputs.get().and_then(|r| r.err());

    view! {
        <h1>"Savings: the revenue budget and savings delivery"</h1>
        <ShareBar/>
        <PageWorkbook page="Savings" tables=Signal::derive(move || [wf, st, runway].iter().map(|f| f.with(|f| f.as_ref().map(|f| f.table.clone()).unwrap_or_default())).collect())/>
        <p class="lede">
            "Councillors ask: if half of the "
            <Term id="savings-at-risk" text="at-risk savings"/>
            " slip, what is the "
            <Term id="overspend" text="overspend"/>
            ", and what does it do to reserves? Set how much of each kind of saving is delivered, and how much "
            <Term id="management-action" text="management action"/>
            " lands, and see this year's forecast and how long the council's "
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
        <div class="layout">
            <form class="levers" aria-labelledby="sv-levers-h" on:submit=|ev| ev.prevent_default()>
                <h2 id="sv-levers-h">"Assumptions"</h2>
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
            <div class="results">
                <section aria-labelledby="sv-year-h">
                    <h2 id="sv-year-h">{move || out.get().map(|o| format!("The forecast for {}", o.base_year.label())).unwrap_or_else(|| "The forecast this year".into())}</h2>
                    <FigureView figure=wf id="sv-waterfall"/>
                    <FigureView figure=st id="sv-status"/>
                    <Published inputs=inputs out=out rev=rev/>
                </section>
                <section aria-labelledby="sv-reserves-h">
                    <h2 id="sv-reserves-h">"Reserves"</h2>
                    <FigureView figure=runway id="sv-runway"/>
                    <RunwayNotes dsg_override=override_last/>
                </section>
            </div>
        </div>
        <PrintSummary/>
    }
}

/// The revenue headlines in one line, for `LeverEcho`.
fn echo_text(o: &RevenueOutputs, rw: Option<&Runway>) -> String {
    let mut parts = vec![format!("{} overspend after action", gbp_m(o.overspend_after_action))];
    if o.draw.amount > Decimal::ZERO {
        parts.push(format!("{} from reserves", gbp_m(o.draw.amount)));
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
/// or a balanced budget (never "an underspend of £0m").
fn draw_headline(draw: Money, from_contingency: Money) -> (String, String) {
    if draw > Decimal::ZERO {
        (gbp_m(draw), format!("{} from the contingency reserve first", gbp_m(from_contingency)))
    } else if draw < Decimal::ZERO {
        (gbp_m(Decimal::ZERO), format!("an underspend of {} adds to the general fund", gbp_m(-draw)))
    } else {
        (gbp_m(Decimal::ZERO), "the budget balances, so nothing is drawn".to_string())
    }
}

#[component]
fn Headlines(out: Memo<Option<Arc<RevenueOutputs>>>, rw: Memo<Option<Arc<Runway>>>) -> impl IntoView {
    view! {
        <ul class="headlines" aria-label="Headline figures">
            {move || out.get().map(|o| {
                let total = o.undelivered_total + o.delivered_total;
                let draw = o.draw.amount;
                let (draw_text, draw_note) = draw_headline(draw, o.draw.from_contingency);
                let (runs_out, runs_note) = match rw.get() {
                    Some(r) => match (r.runs_out, r.years.last()) {
                        (Some(y), _) => (y.label(), "the first year the deficits exceed what is left".to_string()),
                        (None, Some(l)) => (format!("not within {} years", r.years.len()), format!("to {}", l.fy.end().long())),
                        (None, None) => (String::new(), String::new()),
                    },
                    None => (String::new(), String::new()),
                };
                view! {
                    <li data-headline="overspend-before"><span>"Forecast overspend before management action"</span><span class="big">{gbp_m(o.overspend_before_action)}</span></li>
                    <li data-headline="overspend-after"><span>"After management action"</span><span class="big">{gbp_m(o.overspend_after_action)}</span><span>{format!("{} of action applied", gbp_m(o.management_action))}</span></li>
                    <li data-headline="undelivered"><span>"Savings not delivered"</span><span class="big">{gbp_m(o.undelivered_total)}</span><span>{format!("of {} planned", gbp_m(total))}</span></li>
                    <li data-headline="draw"><span>{format!("Drawn from reserves in {}", o.base_year.label())}</span><span class="big">{draw_text}</span><span>{draw_note}</span></li>
                    <li data-headline="runs-out"><span>"When usable reserves run out"</span><span class="big">{runs_out}</span><span>{runs_note}</span></li>
                }
            })}
        </ul>
    }
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
                    let d = decompose(&i);
                    let published_after = i.forecast_overspend - i.management_action;
                    let reproduces = at_defaults() && o.overspend_before_action == i.forecast_overspend && o.overspend_after_action == published_after;
                    view! {
                        <p>
                            "At the default settings — at-risk savings 0% delivered, on-target and delivered savings 100%, no extra pressures, and management action landing in full — the model gives the published forecast overspend of "
                            {gbp_m(i.forecast_overspend)}" and "{gbp_m(published_after)}" after "<Term id="management-action" text="management action"/>"."
                        </p>
                        <ul class="sources">
                            <li><span class="tag published">"published"</span>" "{format!("Cost pressures of {}, savings of {} ({} delivered, {} on target, {} at risk), forecast overspend {}, {} after management action.", gbp_m(i.cost_pressures), gbp_m(i.savings.total()), gbp_m(i.savings.delivered), gbp_m(i.savings.on_target), gbp_m(i.savings.at_risk), gbp_m(i.forecast_overspend), gbp_m(published_after))}</li>
                            <li><span class="tag assumption">"assumption"</span>" "{format!("The {} of pressures already includes the {} of at-risk savings not delivered (the papers do not say), leaving {} of other pressures.", gbp_m(i.cost_pressures), gbp_m(d.undelivered_in_forecast), gbp_m(d.other_pressures))}</li>
                            <li><span class="tag derived">"derived"</span>" "{format!("Offsets of {} = {} of pressures − {} overspend (the children and young people savings delivered in full); management action of {} = {} − {}.", gbp_m(d.offsets), gbp_m(i.cost_pressures), gbp_m(i.forecast_overspend), gbp_m(i.management_action), gbp_m(i.forecast_overspend), gbp_m(published_after))}</li>
                        </ul>
                        <p class="check" data-reproduces=if reproduces { "yes" } else { "no" }>{
                            if reproduces {
                                "These are the default settings: the figures above match the published ones exactly.".to_string()
                            } else {
                                format!("Your settings differ from the defaults: the forecast is {} before and {} after management action.", gbp_m(o.overspend_before_action), gbp_m(o.overspend_after_action))
                            }
                        }</p>
                    }
                    .into_any()
                }
                _ => ().into_any(),
            }}
        </section>
    }
}

#[component]
fn RunwayNotes(#[prop(into)] dsg_override: Signal<Option<Fy>>) -> impl IntoView {
    view! {
        <div class="explainer">
            <p>"What the runway counts, year by year:"</p>
            <ul>
                <li>"This year's over- or underspend after management action, then each later year's gap (the \"Later years\" settings). Draws come from the "<Term id="contingency-reserve" text="contingency reserve"/>" first, then other earmarked reserves, then the "<Term id="general-fund-balance" text="general fund balance"/>"."</li>
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
        let (text, note) = draw_headline(m(3), m(1));
        assert_eq!((text.as_str(), note.as_str()), ("£3m", "£1m from the contingency reserve first"));
        let (text, note) = draw_headline(-m(2), Decimal::ZERO);
        assert_eq!((text.as_str(), note.as_str()), ("£0m", "an underspend of £2m adds to the general fund"));
        let (_, note) = draw_headline(Decimal::ZERO, Decimal::ZERO);
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
        let Figure { chart: c, table: t, .. } = status_figure(&inp, &o, published_shares(&ds));
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
        let t = status_figure(&inp, &o, published_shares(&other)).table;
        assert_eq!((t.rows[1][2].as_str(), t.rows[3][2].as_str(), t.headers[2].as_str()), ("29%", "101%", "Share, as in the figures"));
    }

}
