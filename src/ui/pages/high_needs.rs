//! High needs: the DSG deficit trajectory, mitigations, the override cliff and reserves.

use crate::charts::{Chart, Series, Style};
use crate::model::dsg::{Baseline, PolicyPreset, Projection};
use crate::units::money::{gbp, gbp_m, pct, to_f64};
use crate::ui::components::chart::{DataTable, Figure, FigureView, Table};
use crate::ui::components::deficit::{deficit_figure, Headlines};
use crate::ui::components::key_questions::KeyQuestions;
use crate::ui::components::later::Later;
use crate::ui::components::lever::{KindLevers, LeverControl};
use crate::ui::components::lever_echo::{LeverEcho, SkipToResults};
use crate::ui::components::share_bar::{PrintSummary, ShareBar};
use crate::ui::components::words::in_year;
use crate::ui::components::scenario_link::{ScenarioLink, Term};
use crate::ui::state::use_app;
use crate::ui::components::workbook::HighNeedsWorkbook;
use leptos::prelude::*;
use std::sync::Arc;

fn spend_figure(p: &Projection, b: &Baseline) -> Figure {
    let tr = &p.mitigated;
    let mut c = Chart::new("hn-spend", "Independent placements drive the growth in high-needs spending");
    c.description = "Stacked bars: mitigated high-needs spending each year by placement type, plus other high-needs spend and the part of the published deficit the placement model does not explain.".into();
    c.x_labels = tr.rows.iter().map(|r| r.year.label()).collect();
    let mut table = Table { caption: "High-needs spending by placement type, mitigated (£)".into(), headers: vec!["Year".into()], rows: vec![] };
    let unexplained = tr.rows.iter().any(|r| !r.unexplained.is_zero());
    // The saving is taken off the total: a column of its own, so the row adds up as printed, and
    // a bar below the axis, so the bars are not the total before it.
    let saving = tr.rows.iter().any(|r| !r.saving.is_zero());
    let spend_of = |i: usize| (0..tr.rows.len()).map(|r| tr.placements(r).get(i).map(|x| to_f64(x.spend))).collect::<Vec<_>>();
    // A colour per series: the lines that fit beside "other spend" (and the unexplained part)
    // in the palette have their own; the smallest others are one "other lines" series. The
    // table below has every line.
    let (own, merged) = own_and_merged(tr, b.placements.len(), crate::charts::palette::COLOURS.len() - 1 - usize::from(unexplained) - usize::from(saving));
    for &i in &own {
        c.series.push(Series { name: b.placements[i].name.clone(), values: spend_of(i), style: Style::Stacked, colour: c.series.len() });
    }
    if !merged.is_empty() {
        let values = (0..tr.rows.len()).map(|r| Some(merged.iter().filter_map(|&i| tr.placements(r).get(i)).map(|x| to_f64(x.spend)).sum())).collect();
        let names: Vec<&str> = merged.iter().map(|&i| b.placements[i].name.as_str()).collect();
        c.series.push(Series { name: format!("Other placement lines ({})", names.join("; ")), values, style: Style::Stacked, colour: c.series.len() });
    }
    for pl in &b.placements {
        table.headers.push(pl.name.clone());
    }
    c.series.push(Series { name: "Other high-needs spend".into(), values: tr.rows.iter().map(|r| Some(to_f64(r.other_spend + r.support_cost))).collect(), style: Style::Stacked, colour: c.series.len() });
    if unexplained {
        c.series.push(Series { name: "Not explained by the placement model".into(), values: tr.rows.iter().map(|r| Some(to_f64(r.unexplained))).collect(), style: Style::Stacked, colour: c.series.len() });
    }
    if saving {
        c.series.push(Series { name: "Saving (taken off, below the axis)".into(), values: tr.rows.iter().map(|r| Some(to_f64(-r.saving))).collect(), style: Style::Stacked, colour: c.series.len() });
        c.description.push_str(" Below the axis: the saving taken off; the total spend is the bars above the axis less the bar below.");
    }
    table.headers.push("Other (incl. support)".into());
    if unexplained {
        table.headers.push("Not explained by the placement model".into());
    }
    if saving {
        table.headers.push("Saving (taken off)".into());
    }
    table.headers.push("Total".into());
    for (r, row) in tr.rows.iter().enumerate() {
        let mut cells = vec![row.year.label()];
        cells.extend(tr.placements(r).iter().map(|x| gbp(x.spend)));
        cells.push(gbp(row.other_spend + row.support_cost));
        if unexplained {
            cells.push(gbp(row.unexplained));
        }
        if saving {
            cells.push(gbp(-row.saving));
        }
        cells.push(gbp(row.total_spend));
        table.rows.push(cells);
    }
    // A title that states the message: which placement grows most in cash terms.
    if let (Some(first), Some(last)) = (tr.rows.first(), tr.rows.last()) {
        let n = tr.rows.len() - 1;
        let growth: Vec<_> = b.placements.iter().enumerate().map(|(i, pl)| (pl.name.clone(), tr.placements(n).get(i).map(|x| x.spend).unwrap_or_default() - tr.placements(0).get(i).map(|x| x.spend).unwrap_or_default())).collect();
        // Worded so one line's name needs no verb to agree with ("Resourced provision add").
        let (from, to) = (gbp_m(first.total_spend), gbp_m(last.total_spend));
        let (joined_by, moves) = match last.total_spend.cmp(&first.total_spend) {
            std::cmp::Ordering::Greater => ("as", format!("grows from {from} to {to} a year")),
            std::cmp::Ordering::Less => ("while", format!("falls from {from} to {to} a year")),
            std::cmp::Ordering::Equal => ("while", format!("stays at {from} a year")),
        };
        c.title = match growth.iter().max_by(|a, b| a.1.cmp(&b.1)) {
            Some((name, rise)) if *rise > rust_decimal::Decimal::ZERO => format!("The largest rise is in {name}, {joined_by} high-needs spending {moves}"),
            _ => format!("High-needs spending {moves}"),
        };
    }
    c.height = 360;
    let first = &tr.rows[0];
    let last = tr.rows.last().unwrap_or(first);
    // Said as it goes: a scenario of falling demand read "rises from £40.3m … to £25.8m".
    let goes = if last.total_spend > first.total_spend { "rises" } else { "falls" };
    let summary = if last.total_spend == first.total_spend {
        format!("Spending stays at {} from {} to {}, against income of {} then.", gbp_m(last.total_spend), first.year.label(), last.year.label(), gbp_m(last.total_income))
    } else {
        format!("Spending {goes} from {} in {} to {} in {}, against income of {} then.", gbp_m(first.total_spend), first.year.label(), gbp_m(last.total_spend), last.year.label(), gbp_m(last.total_income))
    };
    Figure::new(c, table, summary)
}

/// Which placement lines get a series of their own when `slots` series are free: all of them if
/// they fit, else the `slots - 1` largest in the last year (in the data's order) and the rest
/// merged.
fn own_and_merged(tr: &crate::model::dsg::Trajectory, n: usize, slots: usize) -> (Vec<usize>, Vec<usize>) {
    if n <= slots {
        return ((0..n).collect(), vec![]);
    }
    let last = tr.rows.len().saturating_sub(1);
    let spend = |i: usize| tr.placements(last).get(i).map(|x| x.spend).unwrap_or_default();
    let mut by_size: Vec<usize> = (0..n).collect();
    crate::sorting::sort_by(&mut by_size, |&a, &b| spend(b).cmp(&spend(a)).then(a.cmp(&b)));
    let keep = slots.saturating_sub(1);
    let mut own = by_size[..keep].to_vec();
    crate::sorting::sort_by(&mut own, |a, b| a.cmp(b));
    let mut merged = by_size[keep..].to_vec();
    crate::sorting::sort_by(&mut merged, |a, b| a.cmp(b));
    (own, merged)
}

fn in_year_figure(p: &Projection) -> Figure {
    let mut c = Chart::new("hn-inyear", "");
    let h = &p.mitigated.headline;
    c.title = match (h.balances_in, h.in_deficit_again_in) {
        (Some(y), Some(again)) => format!("The mitigated in-year position balances in {}{}", y.label(), crate::ui::components::words::deficit_returns(y, p.mitigated.rows.first().map_or(y, |r| r.year), again)),
        (Some(y), None) => format!("The mitigated in-year position balances in {}", y.label()),
        (None, _) => "The in-year position does not balance within the horizon".into(),
    };
    c.description = "Bars: the in-year deficit (spending minus income) each year, unmitigated and mitigated; below zero is a surplus.".into();
    c.x_labels = p.mitigated.rows.iter().map(|r| r.year.label()).collect();
    c.series.push(Series { name: "Unmitigated".into(), values: p.unmitigated.rows.iter().map(|r| Some(to_f64(r.in_year_deficit))).collect(), style: Style::Bars, colour: 0 });
    c.series.push(Series { name: "Mitigated".into(), values: p.mitigated.rows.iter().map(|r| Some(to_f64(r.in_year_deficit))).collect(), style: Style::Bars, colour: 1 });
    let mut t = Table { caption: "In-year DSG high-needs position (£; positive is a deficit)".into(), headers: ["Year", "Spending", "Income incl. transfer", "In-year, mitigated", "In-year, unmitigated"].map(String::from).to_vec(), rows: vec![] };
    for (u, m) in p.unmitigated.rows.iter().zip(&p.mitigated.rows) {
        t.rows.push(vec![m.year.label(), gbp(m.total_spend), gbp(m.total_income), gbp(m.in_year_deficit), gbp(u.in_year_deficit)]);
    }
    c.height = 300;
    let r = p.mitigated.rows.get(1).unwrap_or(&p.mitigated.rows[0]);
    let unmitigated = p.unmitigated.rows.get(1).map(|x| x.in_year_deficit).unwrap_or_default();
    // One figure where the mitigations change nothing that year (it read "… £12.8m (unmitigated,
    // a deficit of £12.8m)").
    let summary = if unmitigated == r.in_year_deficit {
        format!("In {} the in-year position is {}, with or without the mitigations.", r.year.label(), in_year(r.in_year_deficit, gbp_m))
    } else {
        format!("In {} the mitigated in-year position is {} (unmitigated, {}).", r.year.label(), in_year(r.in_year_deficit, gbp_m), in_year(unmitigated, gbp_m))
    };
    Figure::new(c, t, summary)
}

#[component]
pub fn HighNeeds() -> impl IntoView {
    let app = use_app();
    let projection = app.projection;
    let base = move || app.baseline.get();
    let deficit = crate::ui::memo::memo(move |_| match (projection.get(), base()) { (Some(p), Some(b)) => Some(deficit_figure(&p, &b)), _ => None });
    let spend = crate::ui::memo::memo(move |_| match (projection.get(), base()) { (Some(p), Some(b)) => Some(spend_figure(&p, &b)), _ => None });
    let in_year = crate::ui::memo::memo(move |_| projection.get().map(|p| in_year_figure(&p)));

    view! {
        <h1>"High needs: the DSG deficit"</h1>
        <p class="lede">"The high-needs block of the Dedicated Schools Grant pays for children with special educational needs. When it spends more than it receives, the deficit adds up. Change the assumptions and see when the deficit would exceed the council's reserves once the statutory override ends. "<Term id="dsg" text="What these terms mean"/></p>
        // Each part in a task of its own in the app's first view (`Later`), as the charts and levers are.
        <Later><Headlines projection=projection/></Later>
        <Later><StartingPoint/></Later>
        <Later><Warnings projection=projection/></Later>
        // The tools after the figures: on a phone they filled the first screen (a review, 2026-12-06).
        <Later><ShareBar/></Later>
        <Later><HighNeedsWorkbook/></Later>
        <div class="layout">
            <form class="levers" aria-labelledby="hn-levers-h" on:submit=|ev| ev.prevent_default()>
                <h2 id="hn-levers-h">"Assumptions"</h2>
                <SkipToResults id="hn-results"/>
                <div class="page-actions">
                    <button type="button" class="secondary" on:click=move |_| {
                        if let Some(b) = app.baseline.get_untracked() {
                            app.scenario.update(|s| if let Some(s) = s { s.hn = crate::model::dsg::Levers::default_for(&b); });
                        }
                    }>"Reset high-needs assumptions"</button>
                </div>
                <fieldset><legend>"Starting point"</legend>
                    <LeverControl key="hn.start"/>
                    <LeverControl key="hn.unexplained"/>
                    <LeverControl key="hn.unexplained.years"/>
                </fieldset>
                <Later><Presets/></Later>
                <fieldset><legend>"Growth in EHCPs"</legend>
                    <KindLevers prefix="hn.growth."/>
                </fieldset>
                <fieldset><legend>"Costs and income"</legend>
                    <LeverControl key="hn.inflation"/>
                    <LeverControl key="hn.income"/>
                    <LeverControl key="hn.transfer"/>
                    <LeverControl key="hn.carry.rate"/>
                    <LeverControl key="hn.horizon"/>
                </fieldset>
                <fieldset><legend>"Override and write-off"</legend>
                    <LeverControl key="hn.override"/>
                    <LeverControl key="hn.writeoff.share"/>
                    <LeverControl key="hn.writeoff.to"/>
                    <LeverControl key="hn.writeoff.paid"/>
                </fieldset>
                <fieldset><legend>"Mitigation: new local special-school places"</legend>
                    <LeverControl key="hn.places.per_year"/>
                    <LeverControl key="hn.places.start"/>
                    <LeverControl key="hn.places.years"/>
                    <LeverControl key="hn.places.ramp"/>
                    <LeverControl key="hn.places.capital"/>
                </fieldset>
                <fieldset><legend>"Mitigation: earlier support in mainstream"</legend>
                    <LeverControl key="hn.support.pp"/>
                    <LeverControl key="hn.support.start"/>
                    <LeverControl key="hn.support.ramp"/>
                    <LeverControl key="hn.support.cost"/>
                </fieldset>
                <fieldset><legend>"Mitigation: other savings"</legend>
                    <LeverControl key="hn.saving.amount"/>
                    <LeverControl key="hn.saving.start"/>
                    <LeverControl key="hn.saving.ramp"/>
                </fieldset>
                <LeverEcho label="Deficit: " text=Signal::derive(move || projection.get().map(|p| echo_text(&p)).unwrap_or_default())/>
            </form>
            <div class="results" id="hn-results" tabindex="-1">
                <FigureView figure=deficit id="hn-deficit"/>
                <FigureView figure=in_year id="hn-inyear"/>
                <FigureView figure=spend id="hn-spend"/>
                <Later><Reconciliation/></Later>
                <Later><KeyQuestions/></Later>
                <Later><Explainer/></Later>
            </div>
        </div>
        <Later><PrintSummary/></Later>
    }
}

/// The deficit headlines in one line, for `LeverEcho`.
fn echo_text(p: &Projection) -> String {
    let h = &p.mitigated.headline;
    let horizon = p.mitigated.rows.last().map(|r| r.year.label()).unwrap_or_default();
    let mut parts = vec![format!("{} by {horizon}", gbp_m(h.deficit_at_horizon))];
    if let Some(d) = h.deficit_at_override_end {
        parts.insert(0, format!("{} at override end", gbp_m(d)));
    }
    parts.push(match h.exceeds_usable_reserves {
        Some(y) => format!("passes usable reserves in {}", y.label()),
        None => "within usable reserves".into(),
    });
    parts.join(" · ")
}

#[component]
fn Warnings(projection: Memo<Option<Arc<Projection>>>) -> impl IntoView {
    let messages = crate::ui::memo::memo(move |_| projection.get().map(|p| p.warnings.iter().map(|w| w.message()).collect::<Vec<_>>()).unwrap_or_default());
    view! {
        <Show when=move || !messages.get().is_empty()>
            <section class="notice warn" aria-labelledby="hn-warn-h">
                <h2 id="hn-warn-h">"Check these assumptions"</h2>
                <ul class="warnings">{move || messages.get().into_iter().map(|m| view! { <li>{m}</li> }).collect::<Vec<_>>()}</ul>
            </section>
        </Show>
    }
}

#[component]
fn Presets() -> impl IntoView {
    let app = use_app();
    let Some(b) = app.baseline.get_untracked() else { return ().into_any() };
    // The papers' position, and the national ones announced since them: one the papers already
    // give would be the same choice twice, offered as news.
    let news: Vec<PolicyPreset> = app.news.with_untracked(|n| n.as_ref().map(|n| n.presets())).unwrap_or_default();
    // A position the levers cannot give for this base year is said, not offered: choosing it
    // would set years the link could not carry.
    let (offered, left_out): (Vec<PolicyPreset>, Vec<PolicyPreset>) = std::iter::once(PolicyPreset::AsInPapers).chain(news).partition(|p| p.applies_to(&b));
    let not_offered = left_out.contains(&PolicyPreset::Override2028WriteOff90).then(|| {
        let (to, paid) = crate::model::dsg::NATIONAL_WRITE_OFF;
        format!(
            "The conditional write-off of deficit built up to {} is not offered. The 2026 local government finance settlement gives no date for paying it; this app takes it as paid in {}, and this dataset starts from the published position for {}, which already includes that year. The write-off levers below can test a write-off from {} on.",
            to.end().long(),
            paid.label(),
            b.base_year.label(),
            b.base_year.label()
        )
    });
    let b2 = b.clone();
    let current = crate::ui::memo::memo(move |_| app.scenario.with(|s| s.as_ref().and_then(|s| s.hn.policy_preset(&b2))));
    view! {
        <fieldset>
            <legend>"National policy"</legend>
            <div class="presets" role="radiogroup" aria-label="National policy presets">
                {offered.into_iter().map(|p| {
                    let b3 = b.clone();
                    // The controls it sets, and those that must agree for it to be the one
                    // chosen, for the pre-rendered page's script (prerender.js) only: the app's
                    // wasm leaves them out.
                    let pre = crate::ui::browser::PRERENDER;
                    let sets = pre.then(|| crate::share::codec::to_query(&crate::model::levers::preset_controls(p, &b)));
                    let compared = pre.then(|| crate::share::codec::to_query(&crate::model::levers::preset_compared_controls(p, &b)));
                    view! {
                    <label>
                        <input type="radio" name="hn-preset" value=p.key() data-sets=sets data-matches=compared checked=current.get_untracked() == Some(p) prop:checked=move || current.get() == Some(p)
                            on:change=move |_| app.scenario.update(|s| if let Some(s) = s { p.apply(&mut s.hn, &b3); })/>
                        <span>{p.label_for(&b)}<span class="src">{format!("{} — {}", p.date_for(&b), p.source_for(&b))}</span></span>
                    </label>
                }}).collect::<Vec<_>>()}
            </div>
            <p class="help" id="hn-preset-custom" hidden=move || current.get().is_some()>"Custom: the override and write-off levers below differ from every preset."</p>
            {not_offered.map(|t| view! { <p class="help" id="hn-preset-not-offered">{t}</p> })}
        </fieldset>
    }
    .into_any()
}

#[component]
fn Explainer() -> impl IntoView {
    let app = use_app();
    // What the government announced after the dataset's papers (`policy_news`); what they
    // already give is theirs, not news.
    let news = app.news;
    let papers = move || {
        let (end, tense) = app.baseline.with(|b| b.as_ref().map(|b| (b.override_end.long(), b.papers_override_verb())).unwrap_or_default());
        match news.with(|n| n.as_ref().and_then(|n| n.override_end.clone())) {
            Some((to, when)) => format!("The council's papers say it {tense} on {end}; in {when} the government extended it to {to}."),
            None => format!("The council's papers say it {tense} on {end}."),
        }
    };
    // Only where the levers can model it (for a later base year its years are already past).
    let applies = move || app.baseline.with(|b| b.as_ref().is_some_and(|b| PolicyPreset::Override2028WriteOff90.applies_to(b)));
    let write_off = move || match news.with(|n| n.as_ref().and_then(|n| n.write_off.clone())).filter(|_| applies()) {
        Some((share, to, when)) => format!("In {when} the government said it would pay off {share} of the high-needs deficit built up to {to} — but only for councils whose local SEND reform plan the Department for Education approves. The write-off levers let you test that: a share, the date up to which the deficit counts, and the year it is paid. Deficit that builds up after that date is not written off."),
        None => "The write-off levers test a write-off of part of the deficit: a share, the date up to which the deficit counts, and the year it is paid. Deficit that builds up after that date is not written off.".into(),
    };
    // The plan and its money only where the paragraph before introduced them; the published
    // forecasts only where there are some to have moved (another council's page had said both).
    let uncertain = move || {
        let plan = news.with(|n| n.as_ref().is_some_and(|n| n.write_off.is_some())) && applies();
        let forecasts = app.baseline.with(|b| b.as_ref().map(|b| b.forecasts.len()).unwrap_or(0));
        let mut items: Vec<String> = vec![];
        if plan {
            items.extend(["whether the plan is approved".into(), "when the money arrives".into()]);
        }
        items.extend(["whether the override is extended".into(), "how fast needs and costs grow".into()]);
        format!(
            "What stays uncertain: {}.{}",
            crate::ui::components::words::listed(&items),
            if forecasts >= 2 { " The published forecasts on the chart show how much the council's own forecasts have moved." } else { "" }
        )
    };
    view! {
        <section aria-labelledby="hn-explain-h">
            <h2 id="hn-explain-h">"The override and the write-off, in plain English"</h2>
            <p>"The "<Term id="statutory-override" text="statutory override"/>" is a rule that lets councils keep the schools high-needs deficit off their main accounts. While it lasts, the deficit does not have to be paid from the council's "<Term id="usable-reserves" text="usable reserves"/>". "{papers}</p>
            <p>{write_off}</p>
            <p>{uncertain}</p>
            // Each word the page uses that the glossary explains (a resident asked what several meant).
            <p class="words">
                "Words used on this page, explained in the glossary: "
                <Term id="base-year" text="base year"/>", "
                <Term id="financial-year" text="financial year"/>", "
                <Term id="horizon" text="horizon"/>", "
                <Term id="independent-special-school" text="independent special school"/>", "
                <Term id="mitigated" text="mitigated"/>", "
                <Term id="unmitigated" text="unmitigated"/>", "
                <Term id="schools-block-transfer" text="schools block transfer"/>", "
                <Term id="sen-support" text="SEN Support"/>", "
                <Term id="surplus" text="surplus"/>", "
                <Term id="unexplained-part" text="unexplained part"/>" and "
                <Term id="write-off" text="write-off"/>"."
            </p>
        </section>
    }
}

/// The starting point in words: the latest figure first, and what it was before.
pub fn start_sentence(b: &Baseline, chosen: &str) -> String {
    let sb = b.started_at(chosen);
    let Some(sp) = sb.start_point() else {
        return format!("The projection starts from {} at {}.", crate::ui::components::words::in_year(sb.published_year_end, gbp_m).replace("nil (balanced)", "a balance of nil"), sb.base_year.end().long());
    };
    let earlier = b.starts.iter().filter(|s| s.made < sp.made && s.year_end != sp.year_end).max_by_key(|s| s.made);
    let later = b.starts.iter().filter(|s| s.made > sp.made).max_by_key(|s| s.made);
    // A surplus is named as one, at the year end and in the year (a reviewer's council read
    // "starts from the deficit at 31 March 2026: −£1.8m (…, −£0.3m in the year)").
    use crate::ui::components::words::{balance, said_m as said};
    let date = sb.base_year.end().long();
    let mut out = format!(
        "The projection starts from {} ({} {}, {}).",
        match sp.year_end.cmp(&rust_decimal::Decimal::ZERO) {
            std::cmp::Ordering::Less => format!("a surplus at {date}: {}", said(-sp.year_end)),
            std::cmp::Ordering::Equal => format!("a balance of nil at {date}"),
            std::cmp::Ordering::Greater => format!("the deficit at {date}: {}", said(sp.year_end)),
        },
        if sp.actual { "actual, reported in" } else { "forecast in" },
        sp.made.month_year(),
        match sp.in_year.cmp(&rust_decimal::Decimal::ZERO) {
            std::cmp::Ordering::Less => format!("an in-year surplus of {}", said(-sp.in_year)),
            std::cmp::Ordering::Equal => "balanced in the year".into(),
            std::cmp::Ordering::Greater => format!("{} in the year", said(sp.in_year)),
        }
    );
    if let Some(e) = earlier {
        out.push_str(&format!(" That is {} in {} ({}).", crate::ui::components::words::beside_earlier(sp.year_end, e.year_end, said), e.made.month_year(), e.label));
    }
    if let Some(l) = later {
        out.push_str(&format!(" A later figure, {} in {}, is the default; this scenario starts from the earlier one.", balance(l.year_end, gbp_m), l.made.month_year()));
    }
    out
}

/// The chosen starting point's id, changing only when it changes (not on every lever move).
fn start_memo() -> Memo<Option<String>> {
    let app = use_app();
    crate::ui::memo::memo(move |_| app.scenario.with(|s| s.as_ref().map(|s| s.hn.start.clone())))
}

#[component]
fn StartingPoint() -> impl IntoView {
    let app = use_app();
    let start = start_memo();
    let text = crate::ui::memo::memo(move |_| {
        let b = app.baseline.get()?;
        Some(start_sentence(&b, &start.get()?))
    });
    view! { <p class="start-point" id="hn-start">{move || text.get()}</p> }
}

/// The base year's reconciliation table for the chosen starting point, and one row per vintage.
pub fn reconciliation_tables(b: &Baseline, ds: &crate::data::Dataset, chosen: &str) -> (Table, Table) {
    use crate::data::figure::Status;
    let sb = b.started_at(chosen);
    let r = sb.reconciliation();
    let status = |s: Status| match s {
        Status::Published => "published",
        Status::Derived => "derived",
        Status::Assumption => "assumption",
    };
    let mut t = Table {
        caption: match r.published.cmp(&rust_decimal::Decimal::ZERO) {
            std::cmp::Ordering::Less => format!("How much of the {} in-year surplus of {} the placement model explains (£; a surplus is negative)", sb.base_year.label(), crate::ui::components::words::said(-r.published, gbp_m)),
            std::cmp::Ordering::Equal => format!("What the placement model gives of the {} in-year position, published as nil (£)", sb.base_year.label()),
            std::cmp::Ordering::Greater => format!("How much of the {} in-year deficit of {} the placement model explains (£)", sb.base_year.label(), crate::ui::components::words::said(r.published, gbp_m)),
        },
        headers: ["Line", "Count", "Average cost", "Amount"].map(String::from).to_vec(),
        rows: vec![],
    };
    for (i, (_, name, count, cost, spend)) in r.placements.iter().enumerate() {
        let p = ds.high_needs.model.placements.get(i);
        let approx = p.map(|p| p.count.is_approximate()).unwrap_or(false);
        let cs = p.map(|p| status(p.count.status)).unwrap_or("");
        let ks = p.map(|p| status(p.average_cost.status)).unwrap_or("");
        t.rows.push(vec![name.clone(), format!("{}{} ({cs})", if approx { "≈" } else { "" }, count.normalize()), format!("{} ({ks})", gbp(*cost)), gbp(*spend)]);
    }
    let m = &ds.high_needs.model;
    t.rows.push(vec!["Placements: count × average cost".into(), String::new(), String::new(), gbp(r.placement_spend)]);
    t.rows.push(vec![format!("Other high-needs spend ({})", status(m.other_spend.status)), String::new(), String::new(), gbp(r.other_spend)]);
    t.rows.push(vec![format!("Less high-needs income ({})", status(m.income.status)), String::new(), String::new(), gbp(-r.income)]);
    // A published surplus (negative) makes these sums an in-year position, as the caption says.
    let what = if r.published < rust_decimal::Decimal::ZERO { "position" } else { "deficit" };
    t.rows.push(vec![format!("Modelled in-year {what}"), String::new(), String::new(), gbp(r.modelled)]);
    let label = sb.start_point().map(|s| format!("{} ({})", s.label, s.made.month_year())).unwrap_or_else(|| "the dataset".into());
    // A paper's in-year figure, or one worked out from its year-end figure: said as which.
    let worked_out = sb.start_point().is_some_and(|s| !s.in_year_published);
    let line = if worked_out { format!("In-year {what} worked out from {label}: year end less brought forward") } else { format!("Published in-year {what}: {label}") };
    t.rows.push(vec![line, String::new(), String::new(), gbp(r.published)]);
    t.rows.push(vec!["Not explained by the placement model".into(), String::new(), String::new(), gbp(r.unexplained)]);

    let all: Vec<_> = b.starts.iter().map(|s| (s, b.started_at(&s.id).reconciliation())).collect();
    let what = if all.iter().any(|(_, rr)| rr.published < rust_decimal::Decimal::ZERO) { "position" } else { "deficit" };
    let mut v = Table {
        caption: format!("The {} in-year {what} by vintage: what the placement model explains (£{})", b.base_year.label(), if what == "position" { "; a surplus is negative" } else { "" }),
        headers: vec!["Vintage".to_string(), "Made".into(), format!("In-year {what}"), "Modelled".into(), "Not explained".into()],
        rows: vec![],
    };
    for (s, rr) in all {
        v.rows.push(vec![format!("{}{}", s.label, if s.in_year_published { "" } else { " (in-year worked out: year end less brought forward)" }), s.made.long(), gbp(rr.published), gbp(rr.modelled), gbp(rr.unexplained)]);
    }
    (t, v)
}

/// The reconciliation in words: what the model gives, what was published, the difference as
/// what it is, and how it carries into later years (`carry` over `years`, the levers').
pub fn reconciliation_text(r: &crate::model::dsg::Reconciliation, carry: crate::model::dsg::Carry, years: u32, counts: Option<String>) -> String {
    // "119% of it" puzzled a reader: a part larger than the whole is said as what it means.
    let share = match r.unexplained.checked_div(r.published) {
        // A share of a surplus reads as nonsense ("−£0.1m (20% of it)").
        _ if r.published <= rust_decimal::Decimal::ZERO => String::new(),
        Some(s) if s > rust_decimal::Decimal::ONE && r.modelled < rust_decimal::Decimal::ZERO => " (more than all of it, as the model alone gives a surplus)".to_string(),
        Some(s) if s > rust_decimal::Decimal::ONE => " (more than all of it)".to_string(),
        Some(s) if s >= rust_decimal::Decimal::ZERO => format!(" ({} of it)", pct(s, 0)),
        _ => String::new(),
    };
    let how = match carry {
        crate::model::dsg::Carry::Real => "is held in real terms, rising with cost inflation each year".to_string(),
        crate::model::dsg::Carry::Fade => format!("fades out in equal steps over {years} year{}", if years == 1 { "" } else { "s" }),
        crate::model::dsg::Carry::Grow => "grows with the rest of high-needs spend".to_string(),
    };
    // The difference in the words of what it is: spend above the model's, or below it.
    let difference = if r.unexplained < rust_decimal::Decimal::ZERO {
        format!("The difference, {} less than the model gives, is spend the model's counts and average costs overstate (or income it understates)", crate::ui::components::words::said(-r.unexplained, gbp_m))
    } else {
        format!("The difference, {}{share}, is spend (or missing income) the model's counts, average costs and income do not explain", crate::ui::components::words::said(r.unexplained, gbp_m))
    };
    format!(
        "The placement model gives {}; the published in-year position is {}. {difference}. In later years it {how}: change that under “Starting point”.{}",
        in_year(r.modelled, gbp_m),
        in_year(r.published, gbp_m),
        counts.map(|c| format!(" {c}")).unwrap_or_default()
    )
}

/// The placement lines' EHCPs against the published EHCP groups' total, where the file gives
/// groups: a line left out (or counted twice) shows here, not only as an unexplained amount.
pub fn counts_against_groups(ds: &crate::data::Dataset) -> Option<String> {
    let hn = &ds.high_needs;
    if hn.ehcp_groups.is_empty() {
        return None;
    }
    let lines = hn.model.placements.iter().map(|p| p.count.value).sum::<rust_decimal::Decimal>().normalize();
    let groups = hn.ehcp_groups.iter().map(|g| g.count.value).sum::<rust_decimal::Decimal>().normalize();
    let n = |d: rust_decimal::Decimal| crate::units::money::group_number(&d.to_string());
    Some(match lines.cmp(&groups) {
        std::cmp::Ordering::Equal => format!("The placement lines count {} EHCPs, as many as the published EHCP groups.", n(lines)),
        std::cmp::Ordering::Less => format!("The placement lines count {} EHCPs, {} fewer than the published EHCP groups ({}): those are not costed.", n(lines), n(groups - lines), n(groups)),
        std::cmp::Ordering::Greater => format!("The placement lines count {} EHCPs, {} more than the published EHCP groups ({}).", n(lines), n(lines - groups), n(groups)),
    })
}

#[component]
fn Reconciliation() -> impl IntoView {
    let app = use_app();
    let start = start_memo();
    // Only these two levers change the reconciliation: a slider elsewhere leaves it alone.
    let carry = crate::ui::memo::memo(move |_| app.scenario.with(|s| s.as_ref().map(|s| (s.hn.unexplained, s.hn.unexplained_years))));
    let tables = crate::ui::memo::memo(move |_| {
        let b = app.baseline.get()?;
        let d = app.data.get()?;
        let start = start.get()?;
        let carry = carry.get()?;
        let (t, v) = reconciliation_tables(&b, &d.dataset, &start);
        let sb = b.started_at(&start);
        let r = sb.reconciliation();
        let text = reconciliation_text(&r, carry.0, carry.1, counts_against_groups(&d.dataset));
        Some((t, v, text))
    });
    view! {
        <section id="hn-reconcile" aria-labelledby="hn-reconcile-h">
            <h2 id="hn-reconcile-h">"How the base year reconciles"</h2>
            {move || tables.get().map(|(t, v, text)| view! {
                <p>{text}</p>
                // Stacked on a phone: at 320 px the amounts started off-screen and the row
                // names wrapped to six or seven lines (a trial).
                <DataTable table=Signal::stored(t) stack=true/>
                <DataTable table=Signal::stored(v) stack=true/>
                <p class="source"><ScenarioLink page=crate::ui::route::Page::Sources>"Every count, cost and its status"</ScenarioLink></p>
            })}
        </section>
    }
}

/// The deficit chart alone, for `?embed=1`: its message title, headline, key and table.
#[component]
pub fn DeficitEmbed() -> impl IntoView {
    let app = use_app();
    let projection = app.projection;
    let deficit = crate::ui::memo::memo(move |_| match (projection.get(), app.baseline.get()) { (Some(p), Some(b)) => Some(deficit_figure(&p, &b)), _ => None });
    let council = move || app.data.with(|d| d.as_ref().map(|d| d.dataset.council.clone()).unwrap_or_default());
    view! {
        <h1 class="embed-title">{move || format!("{}: the DSG high-needs deficit", council())}</h1>
        <FigureView figure=deficit id="hn-deficit" top=true/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dsg::{project, Levers};

    #[test]
    fn the_starting_point_and_reconciliation_name_a_surplus_as_one() {
        let shipped = crate::testing::shipped();
        let b = Baseline::from_dataset(&shipped.dataset);
        let chosen = Levers::default_for(&b).start;
        let s = start_sentence(&b, &chosen);
        assert!(s.starts_with("The projection starts from the deficit at 31 March 2025: £17.2m (forecast in March 2025, £11.1m in the year)."), "{s}");
        // A reviewer's small council: a surplus at the year end, and an in-year one.
        let mut ds = shipped.dataset.clone();
        ds.high_needs.forecasts.clear();
        ds.high_needs.deficit_brought_forward.value = rust_decimal::Decimal::from(-1_500_000);
        ds.high_needs.in_year_forecast.value = rust_decimal::Decimal::from(-300_000);
        ds.high_needs.deficit_year_end.value = rust_decimal::Decimal::from(-1_800_000);
        let b = Baseline::from_dataset(&ds);
        let chosen = Levers::default_for(&b).start;
        let s = start_sentence(&b, &chosen);
        assert!(s.starts_with("The projection starts from a surplus at 31 March 2025: £1.8m (forecast in ") && s.ends_with(", an in-year surplus of £0.3m)."), "{s}");
        assert!(!s.contains('−'), "{s}");
        let (t, _) = reconciliation_tables(&b, &ds, &chosen);
        assert_eq!(t.caption, "How much of the 2024/25 in-year surplus of £0.3m the placement model explains (£; a surplus is negative)");
        assert!(t.rows.iter().any(|r| r[0] == "Modelled in-year position") && !t.rows.iter().any(|r| r[0].contains("in-year deficit")), "{:?}", t.rows);
    }

    #[test]
    fn spending_that_falls_is_said_to_fall() {
        let shipped = crate::testing::shipped();
        let b = Baseline::from_dataset(&shipped.dataset);
        let lv = Levers::default_for(&b);
        assert!(spend_figure(&project(&b, &lv), &b).summary.starts_with("Spending rises from "));
        // A reviewer's link: every growth rate at -20% a year read "rises from £40.3m … to £25.8m".
        let mut falling = crate::model::scenario::Scenario::default_for(&b);
        for kind in ["mainstream", "local_special", "independent", "post16", "other"] {
            falling.set(&format!("hn.growth.{kind}"), "-20", &b).unwrap();
        }
        let s = spend_figure(&project(&b, &falling.hn), &b).summary;
        assert!(s.starts_with("Spending falls from "), "{s}");
    }

    #[test]
    fn the_in_year_figure_says_one_position_once() {
        let shipped = crate::testing::shipped();
        let b = Baseline::from_dataset(&shipped.dataset);
        let p = project(&b, &Levers::default_for(&b));
        // Mitigations that change nothing that year: one figure (it read "… £12.8m (unmitigated,
        // a deficit of £12.8m)").
        let mut same = p.clone();
        same.mitigated = same.unmitigated.clone();
        let year = same.mitigated.rows[1].year.label();
        let s = in_year_figure(&same).summary;
        assert!(s.starts_with(&format!("In {year} the in-year position is a deficit of £")) && s.ends_with(", with or without the mitigations."), "{s}");
        // Ones that do: both.
        let mut apart = same.clone();
        apart.mitigated.rows[1].in_year_deficit -= rust_decimal::Decimal::from(1_000_000);
        let s = in_year_figure(&apart).summary;
        assert!(s.starts_with(&format!("In {year} the mitigated in-year position is a deficit of £")) && s.contains(" (unmitigated, a deficit of £"), "{s}");
    }

    #[test]
    fn the_reconciliation_says_the_difference_as_what_it_is() {
        use crate::model::dsg::{Carry, Reconciliation};
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        let r = |modelled: &str, published: &str| Reconciliation { placements: vec![], placement_spend: d("0"), other_spend: d("0"), income: d("0"), modelled: d(modelled), published: d(published), unexplained: d(published) - d(modelled) };
        // More spend than the model explains: a share of the published deficit.
        let t = reconciliation_text(&r("7000000", "11100000"), Carry::Real, 5, None);
        assert!(t.starts_with("The placement model gives a deficit of £7m; the published in-year position is a deficit of £11.1m. The difference, £4.1m (37% of it), is spend (or missing income)"), "{t}");
        assert!(t.contains("is held in real terms"), "{t}");
        // Less: said as the model overstating, with no share and no minus sign.
        let t = reconciliation_text(&r("-400000", "-500000"), Carry::Fade, 5, Some("Counts.".into()));
        assert!(t.contains("a surplus of £0.4m; the published in-year position is a surplus of £0.5m. The difference, £0.1m less than the model gives, is spend the model's counts and average costs overstate (or income it understates). In later years it fades out in equal steps over 5 years"), "{t}");
        assert!(t.ends_with(" Counts.") && !t.contains('−') && !t.contains("of it)"), "{t}");
        assert!(reconciliation_text(&r("-400000", "-500000"), Carry::Fade, 1, None).contains(" fades out in equal steps over 1 year: "));
    }

    /// Every series of the spending chart has a colour of its own, and the stacks still add up
    /// to the year's total spend, with or without a saving (drawn below the axis).
    #[test]
    fn the_spending_chart_never_repeats_a_colour_and_adds_up() {
        for (loaded, with_saving) in [crate::testing::shipped(), crate::testing::q2(), crate::testing::exampleshire()].into_iter().flat_map(|l| [(l.clone(), false), (l, true)]) {
            let b = Baseline::from_dataset(&loaded.dataset);
            let mut lv = Levers::default_for(&b);
            if with_saving {
                lv.saving.per_year = rust_decimal::Decimal::new(5_000_000, 0);
            }
            let p = project(&b, &lv);
            let f = spend_figure(&p, &b);
            let below = f.chart.series.iter().filter(|s| s.values.iter().any(|v| v.is_some_and(|v| v < 0.0))).map(|s| s.name.as_str()).collect::<Vec<_>>();
            assert_eq!(below, if with_saving { vec!["Saving (taken off, below the axis)"] } else { vec![] });
            let colours: std::collections::HashSet<usize> = f.chart.series.iter().map(|s| s.colour).collect();
            assert_eq!(colours.len(), f.chart.series.len(), "{}: {:?}", loaded.dataset.id, f.chart.series.iter().map(|s| (&s.name, s.colour)).collect::<Vec<_>>());
            assert!(f.chart.series.iter().all(|s| s.colour < crate::charts::palette::COLOURS.len()));
            for (r, row) in p.mitigated.rows.iter().enumerate() {
                let stacked: f64 = f.chart.series.iter().map(|s| s.values[r].unwrap_or(0.0)).sum();
                assert!((stacked - to_f64(row.total_spend)).abs() < 1.0, "{} {}: {stacked} vs {}", loaded.dataset.id, row.year.label(), row.total_spend);
            }
            assert_eq!(f.table.headers.len(), 1 + b.placements.len() + 1 + usize::from(p.mitigated.rows.iter().any(|r| !r.unexplained.is_zero())) + usize::from(with_saving) + 1, "the table keeps every line");
        }
    }

    /// With a saving set, the table shows it taken off, and each row adds up to its total as
    /// printed (the reviewer's case: the total was net of a saving no column showed).
    #[test]
    fn the_spending_table_adds_up_as_printed_with_a_saving() {
        let loaded = crate::testing::shipped();
        let b = Baseline::from_dataset(&loaded.dataset);
        let mut lv = Levers::default_for(&b);
        lv.saving.per_year = rust_decimal::Decimal::new(123_456_789, 2);
        let p = project(&b, &lv);
        let t = spend_figure(&p, &b).table;
        assert_eq!(t.headers[t.headers.len() - 2], "Saving (taken off)");
        use crate::testing::pence;
        let mut saw_saving = false;
        for r in &t.rows {
            let v: Vec<i128> = r[1..].iter().map(|c| pence(c)).collect();
            saw_saving |= v[v.len() - 2] < 0;
            assert_eq!(v[..v.len() - 1].iter().sum::<i128>(), v[v.len() - 1], "{r:?}");
        }
        assert!(saw_saving);
    }

    #[test]
    fn the_placement_lines_are_counted_against_the_published_ehcp_groups() {
        let ds = crate::testing::shipped().dataset;
        assert_eq!(super::counts_against_groups(&ds).as_deref(), Some("The placement lines count 1,633 EHCPs, as many as the published EHCP groups."));
        let fewer = crate::testing::avila_with(|v| {
            let c = &mut v["high_needs"]["model"]["placements"][0]["count"]["value"];
            let less = c.as_str().unwrap().parse::<i64>().unwrap() - 19;
            *c = serde_json::json!(less.to_string());
            // Now the file's own choice, not the paper's count.
            v["high_needs"]["model"]["placements"][0]["count"]["status"] = serde_json::json!("assumption");
            v["high_needs"]["model"]["placements"][0]["count"]["reason"] = serde_json::json!("a line left out");
        });
        let total = |ds: &crate::data::Dataset| ds.high_needs.ehcp_groups.iter().map(|g| g.count.value).sum::<rust_decimal::Decimal>();
        let said = super::counts_against_groups(&fewer.dataset).unwrap();
        assert_eq!(said, format!("The placement lines count {} EHCPs, 19 fewer than the published EHCP groups ({}): those are not costed.", crate::units::money::group_number(&(total(&fewer.dataset) - rust_decimal::Decimal::from(19)).to_string()), crate::units::money::group_number(&total(&fewer.dataset).to_string())));
        let more = crate::testing::avila_with(|v| {
            let c = &mut v["high_needs"]["ehcp_groups"][0]["count"]["value"];
            let less = c.as_str().unwrap().parse::<i64>().unwrap() - 1000;
            *c = serde_json::json!(less.to_string());
        });
        let groups = total(&more.dataset);
        assert_eq!(super::counts_against_groups(&more.dataset).unwrap(), format!("The placement lines count {} EHCPs, 1,000 more than the published EHCP groups ({}).", crate::units::money::group_number(&(groups + rust_decimal::Decimal::from(1000)).to_string()), crate::units::money::group_number(&groups.to_string())));
        let none = crate::testing::avila_with(|v| v["high_needs"]["ehcp_groups"] = serde_json::json!([]));
        assert_eq!(super::counts_against_groups(&none.dataset), None, "a file without groups gets no sentence");
    }
}
