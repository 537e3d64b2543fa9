//! Compare: two or three scenarios side by side — the published baseline, the current scenario
//! and saved ones — as overlaid charts (one line style and colour per scenario) and a table of
//! key figures with each scenario's difference from the first.

use crate::charts::{Chart, Series, Style};
use crate::data::dataset::Dataset;
use crate::units::calendar::Fy;
use crate::model::outcome::evaluate;
use crate::model::dsg::Baseline;
use crate::units::money::{gbp, gbp_m, to_f64, Money};
use crate::model::scenario::Scenario;
use crate::share::codec::{decode, from_query};
use crate::ui::components::chart::{CsvButton, DataTable, Figure, FigureView, Table};
use crate::ui::components::saved_scenarios::{saved_store, SavedScenarios};
use crate::ui::components::share_bar::ShareBar;
use crate::ui::state::use_app;
use crate::ui::components::scenario_link::Term;
use crate::ui::components::words::balance;
use leptos::prelude::*;
use crate::ui::components::later::Later;
use rust_decimal::Decimal;
use std::sync::Arc;

/// How each scenario is drawn, in order: a different colour and a different line for each.
pub const STYLES: [(Style, usize, &str); 3] = [(Style::Line, 0, "solid line"), (Style::Dashed, 1, "dashed line"), (Style::Dotted, 2, "dotted line")];

/// The most scenarios compared at once.
pub const MAX_COMPARED: usize = 3;

/// The figures compared for one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub base_year: Fy,
    /// The last year in which the override is in force (`None`: it never ends).
    pub override_last_year: Option<Fy>,
    pub deficit_at_override_end: Option<Money>,
    pub horizon: Fy,
    pub exceeds_general_fund: Option<Fy>,
    pub exceeds_usable: Option<Fy>,
    pub balances_in: Option<Fy>,
    /// Cumulative DSG deficit (mitigated) at each 31 March.
    pub deficit_by_year: Vec<(Fy, Money)>,
    pub usable_reserves: Money,
    /// The revenue overspend after management action in the base year (`None` if the data lacks
    /// what the revenue model needs).
    pub overspend_after_action: Option<Money>,
    /// Usable reserves left at each 31 March after revenue draws, borrowing costs, the cost of
    /// carrying the DSG deficit and the DSG deficit that counts against them.
    pub runway: Vec<(Fy, Money)>,
    pub reserves_run_out: Option<Fy>,
    /// Revenue cost of capital borrowing (MRP and interest), all years, for the programme after
    /// the scenario's moves and slippage (as the Capital and Savings pages reckon it).
    pub capital_cost_total: Option<Money>,
}

/// The compared figures of one scenario, read from the model's one outcome.
pub fn figures(ds: &Dataset, b: &Baseline, s: &Scenario) -> Figures {
    let o = evaluate(ds, b, s);
    let p = &o.projection;
    let h = &p.mitigated.headline;
    let rw = o.runway.as_deref();
    Figures {
        base_year: p.base_year,
        override_last_year: p.override_last_year,
        deficit_at_override_end: h.deficit_at_override_end,
        horizon: p.mitigated.rows.last().map(|r| r.year).unwrap_or(p.base_year),
        exceeds_general_fund: h.exceeds_general_fund,
        exceeds_usable: h.exceeds_usable_reserves,
        balances_in: h.balances_in,
        deficit_by_year: p.mitigated.rows.iter().map(|r| (r.year, r.cumulative_deficit)).collect(),
        usable_reserves: b.total_usable,
        overspend_after_action: o.revenue.as_ref().ok().map(|(_, r)| r.overspend_after_action),
        runway: rw.map(|r| r.years.iter().map(|y| (y.fy, y.usable)).collect()).unwrap_or_default(),
        reserves_run_out: rw.and_then(|r| r.runs_out),
        capital_cost_total: o.capital.as_ref().ok().map(|c| c.cost_after.total),
    }
}

fn at(series: &[(Fy, Money)], y: Fy) -> Option<Money> {
    series.iter().find(|(fy, _)| *fy == y).map(|(_, v)| *v)
}

fn years_of<'a>(series: impl Iterator<Item = &'a [(Fy, Money)]>) -> Vec<Fy> {
    let span = series.flat_map(|s| s.iter().map(|(y, _)| y.0)).fold(None, |span, y| match span {
        None => Some((y, y)),
        Some((lo, hi)) => Some((y.min(lo), y.max(hi))),
    });
    span.map(|(lo, hi)| (lo..=hi).map(Fy).collect()).unwrap_or_default()
}

fn quoted(name: &str) -> String {
    format!("“{name}”")
}

fn list_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn series_for(names: &[String], values: impl Fn(usize) -> Vec<Option<f64>>) -> Vec<Series> {
    names.iter().enumerate().take(MAX_COMPARED).map(|(i, n)| Series { name: n.clone(), values: values(i), style: STYLES[i].0, colour: STYLES[i].1 }).collect()
}

/// The cumulative DSG deficit (mitigated) per scenario, with total usable reserves marked.
pub fn deficit_figure(names: &[String], figs: &[Figures]) -> Figure {
    let years = years_of(figs.iter().map(|f| f.deficit_by_year.as_slice()));
    let mut c = Chart::new("cmp-deficit", "");
    c.description = "Lines: the cumulative DSG high-needs deficit (mitigated) at each 31 March, one line per scenario. Grey dash-dot line: total usable reserves, the same in every scenario.".into();
    c.x_labels = years.iter().map(|y| y.label()).collect();
    c.series = series_for(names, |i| years.iter().map(|y| at(&figs[i].deficit_by_year, *y).map(to_f64)).collect());
    if let Some(f) = figs.first() {
        c.series.push(Series { name: "Total usable reserves".into(), values: vec![Some(to_f64(f.usable_reserves)); years.len()], style: Style::Level, colour: 4 });
    }
    c.height = 360;
    // The message: where the scenarios end up at the last year they all reach.
    let common = figs.iter().map(|f| f.horizon).min();
    let at_common: Vec<(String, Money)> = match common {
        Some(y) => names.iter().zip(figs).filter_map(|(n, f)| at(&f.deficit_by_year, y).map(|v| (n.clone(), v))).collect(),
        None => vec![],
    };
    c.title = match (common, at_common.as_slice()) {
        // A surplus is named as one, as on High needs (a reviewer's read "against −£600.9m").
        (Some(y), [(n, v)]) if *v < Decimal::ZERO => format!("On {} the balance is {} by {}", quoted(n), balance(*v, gbp_m), y.end().long()),
        (Some(y), [(n, v)]) => format!("On {} the cumulative deficit reaches {} by {}", quoted(n), gbp_m(*v), y.end().long()),
        (Some(y), list) if !list.is_empty() => {
            let max = list.iter().max_by(|a, b| a.1.cmp(&b.1)).cloned().unwrap_or_default();
            let min = list.iter().min_by(|a, b| a.1.cmp(&b.1)).cloned().unwrap_or_default();
            // Named by the larger figure's sign: "the deficit is £40m on A, against a surplus of £5m
            // on B"; "the balance" only where both are surpluses.
            let what = if max.1 < Decimal::ZERO { "balance" } else { "deficit" };
            if max.1 == min.1 {
                format!("The scenarios give the same {what}, {} by {}", balance(max.1, gbp_m), y.end().long())
            } else {
                format!("By {} the {what} is {} on {}, against {} on {}", y.end().long(), balance(max.1, gbp_m), quoted(&max.0), balance(min.1, gbp_m), quoted(&min.0))
            }
        }
        _ => "The cumulative DSG deficit in each scenario".into(),
    };
    // "in 2029/30 on “A” and in no year modelled on “B”" (it read "“B” in none of the years modelled").
    let crossing: Vec<String> = names.iter().zip(figs).map(|(n, f)| format!("in {} on {}", f.exceeds_usable.map(|y| y.label()).unwrap_or_else(|| "no year modelled".into()), quoted(n))).collect();
    let summary = match figs.first() {
        Some(f) if figs.iter().all(|f| f.exceeds_usable.is_none()) => format!("Total usable reserves are {}. In no scenario is the DSG deficit alone, once the override ends, more than them in the years modelled.", gbp_m(f.usable_reserves)),
        Some(f) => format!("Total usable reserves are {}. The DSG deficit alone, once the override ends, is more than them {}.", gbp_m(f.usable_reserves), list_words(&crossing)),
        None => String::new(),
    };
    let mut t = Table { caption: "Cumulative DSG deficit (mitigated) at each 31 March, by scenario (£)".into(), headers: vec!["Year".into()], rows: vec![] };
    t.headers.extend(names.iter().cloned());
    t.headers.push("Total usable reserves".into());
    for y in &years {
        let mut row = vec![y.label()];
        row.extend(figs.iter().map(|f| at(&f.deficit_by_year, *y).map(gbp).unwrap_or_else(|| "not modelled".into())));
        row.push(figs.first().map(|f| gbp(f.usable_reserves)).unwrap_or_default());
        t.rows.push(row);
    }
    Figure::new(c, t, summary)
}

/// Usable reserves left per scenario (the reserves runway).
pub fn reserves_figure(names: &[String], figs: &[Figures]) -> Figure {
    let years = years_of(figs.iter().map(|f| f.runway.as_slice()));
    let mut c = Chart::new("cmp-reserves", "");
    c.description = "Lines: usable reserves left at each 31 March after the revenue overspend and budget gaps, the revenue cost of capital borrowing, and the DSG deficit once it counts against reserves; one line per scenario. Below zero, the deficits exceed the reserves.".into();
    c.x_labels = years.iter().map(|y| y.label()).collect();
    c.series = series_for(names, |i| years.iter().map(|y| at(&figs[i].runway, *y).map(to_f64)).collect());
    c.height = 340;
    let last = years.last().map(|y| y.label()).unwrap_or_default();
    let outs: Vec<String> = names.iter().zip(figs).map(|(n, f)| match f.reserves_run_out {
        Some(y) => format!("in {} on {}", y.label(), quoted(n)),
        None => format!("not by {last} on {}", quoted(n)),
    }).collect();
    c.title = if figs.iter().all(|f| f.reserves_run_out.is_none()) {
        format!("Usable reserves cover the deficits to {last} in every scenario")
    } else {
        format!("Usable reserves run out {}", list_words(&outs))
    };
    let summary = {
        let ends: Vec<String> = names.iter().zip(figs).filter_map(|(n, f)| f.runway.last().map(|(y, v)| format!("{} at 31 March {} on {}", gbp_m(*v), y.0 + 1, quoted(n)))).collect();
        // High needs and the key figures give the year the DSG deficit alone passes the reserves;
        // this runway takes more from them, so its year can come sooner. Say so, not leave a
        // councillor two years for one question.
        let alone: Vec<String> = names.iter().zip(figs).map(|(n, f)| format!("{} on {}", f.exceeds_usable.map(|y| y.label()).unwrap_or_else(|| "none of the years modelled".into()), quoted(n))).collect();
        let why = format!(
            " These reserves also pay the revenue overspend, the budget gaps and the cost of borrowing, as well as the DSG deficit once it counts against them, so they can run out sooner than the year the DSG deficit alone passes them ({}).",
            list_words(&alone)
        );
        if ends.is_empty() { String::new() } else { format!("Usable reserves left: {}.{why}", list_words(&ends)) }
    };
    let mut t = Table { caption: "Usable reserves left at each 31 March, by scenario (£; negative means the deficits exceed the reserves)".into(), headers: vec!["Year".into()], rows: vec![] };
    t.headers.extend(names.iter().cloned());
    for y in &years {
        let mut row = vec![y.label()];
        row.extend(figs.iter().map(|f| at(&f.runway, *y).map(gbp).unwrap_or_else(|| "not modelled".into())));
        t.rows.push(row);
    }
    Figure::new(c, t, summary)
}

fn money_diff(a: Option<Money>, b: Option<Money>) -> String {
    match (a, b) {
        (Some(a), Some(b)) => {
            let d = b - a;
            if d.is_zero() {
                "no difference".into()
            } else if d > Decimal::ZERO {
                format!("+{}", gbp(d))
            } else {
                gbp(d)
            }
        }
        (None, None) => "no difference".into(),
        _ => "not comparable".into(),
    }
}

fn year_diff(a: Option<Fy>, b: Option<Fy>, none: &str) -> String {
    match (a, b) {
        (Some(a), Some(b)) => match b.0 - a.0 {
            0 => "no difference".into(),
            1 => "1 year later".into(),
            -1 => "1 year earlier".into(),
            n if n > 0 => format!("{n} years later"),
            n => format!("{} years earlier", -n),
        },
        (None, None) => "no difference".into(),
        (Some(_), None) => none.to_string(),
        (None, Some(y)) => format!("now in {}", y.label()),
    }
}

/// The difference in the year the deficit passes a sum: an override that never ends in `b` (and
/// does in `a`) never counts it, as its own column says ("never: not counted").
fn passes_diff(a: &Figures, b: &Figures, year: fn(&Figures) -> Option<Fy>) -> String {
    match (a.override_last_year, b.override_last_year) {
        (Some(_), None) => "not counted: the override never ends".into(),
        _ => year_diff(year(a), year(b), "no longer within the horizon"),
    }
}

/// Key figures side by side, with each scenario's difference from the first.
pub fn key_table(names: &[String], figs: &[Figures]) -> Table {
    let mut t = Table { caption: "Key figures by scenario, with the difference from the first (£ exact)".into(), headers: vec!["Figure".into()], rows: vec![] };
    let Some(first) = figs.first() else { return t };
    for (i, n) in names.iter().enumerate() {
        t.headers.push(n.clone());
        if i > 0 {
            t.headers.push(format!("Difference ({n} − {})", names[0]));
        }
    }
    let year_text = |y: Option<Fy>, none: &str| y.map(|y| y.label()).unwrap_or_else(|| none.to_string());
    let money_text = |m: Option<Money>, none: &str| m.map(gbp).unwrap_or_else(|| none.to_string());
    let mut push = |label: String, cells: Vec<String>, diffs: Vec<String>| {
        let mut row = vec![label];
        for (i, c) in cells.into_iter().enumerate() {
            row.push(c);
            if i > 0 {
                row.push(diffs.get(i).cloned().unwrap_or_default());
            }
        }
        t.rows.push(row);
    };
    let per = |f: &dyn Fn(&Figures) -> String| figs.iter().map(f).collect::<Vec<_>>();
    let diffs = |f: &dyn Fn(&Figures, &Figures) -> String| figs.iter().map(|x| f(first, x)).collect::<Vec<_>>();

    push(
        "Statutory override ends".into(),
        per(&|f| match f.override_last_year {
            Some(y) if y < f.base_year => crate::model::levers::ended_before_words(y),
            Some(y) => y.end().long(),
            None => "never".into(),
        }),
        diffs(&|a, b| year_diff(a.override_last_year, b.override_last_year, "never ends")),
    );
    push(
        "DSG deficit when the override ends".into(),
        per(&|f| if f.override_last_year.is_none() { "override never ends".into() } else { money_text(f.deficit_at_override_end, "after the horizon") }),
        diffs(&|a, b| money_diff(a.deficit_at_override_end, b.deficit_at_override_end)),
    );
    let y = first.horizon;
    push(
        format!("DSG deficit at {}", y.end().long()),
        per(&|f| money_text(at(&f.deficit_by_year, y), "not modelled")),
        diffs(&|a, b| money_diff(at(&a.deficit_by_year, y), at(&b.deficit_by_year, y))),
    );
    push(
        "DSG deficit, counted against reserves once the override ends, is more than the general fund balance in".into(),
        // As High needs says it: an override that never ends never counts the deficit.
        per(&|f| crate::ui::components::deficit::passes_text(f.override_last_year, f.exceeds_general_fund)),
        diffs(&|a, b| passes_diff(a, b, |f| f.exceeds_general_fund)),
    );
    push(
        "DSG deficit, counted against reserves once the override ends, is more than total usable reserves in".into(),
        per(&|f| crate::ui::components::deficit::passes_text(f.override_last_year, f.exceeds_usable)),
        diffs(&|a, b| passes_diff(a, b, |f| f.exceeds_usable)),
    );
    push(
        "In-year high-needs position balances in".into(),
        per(&|f| year_text(f.balances_in, "not within the horizon")),
        diffs(&|a, b| year_diff(a.balances_in, b.balances_in, "no longer within the horizon")),
    );
    push(
        format!("Revenue overspend after management action, {}", first.base_year.label()),
        per(&|f| money_text(f.overspend_after_action, "not available")),
        diffs(&|a, b| money_diff(a.overspend_after_action, b.overspend_after_action)),
    );
    push(
        "Usable reserves run out (after the revenue draws, borrowing costs, carrying the DSG deficit and the deficit itself) in".into(),
        per(&|f| year_text(f.reserves_run_out, "not within the years modelled")),
        diffs(&|a, b| year_diff(a.reserves_run_out, b.reserves_run_out, "no longer within the years modelled")),
    );
    if let Some((ry, _)) = first.runway.last().copied() {
        push(
            format!("Usable reserves left at {}", ry.end().long()),
            per(&|f| money_text(at(&f.runway, ry), "not modelled")),
            diffs(&|a, b| money_diff(at(&a.runway, ry), at(&b.runway, ry))),
        );
    }
    push(
        "Revenue cost of borrowing for the named capital schemes, all years".into(),
        per(&|f| money_text(f.capital_cost_total, "not available")),
        diffs(&|a, b| money_diff(a.capital_cost_total, b.capital_cost_total)),
    );
    t
}

/// The assumptions that differ between the scenarios, in words.
pub fn assumptions_table(names: &[String], scenarios: &[Scenario], b: &Baseline, ds: &Dataset) -> Table {
    let mut t = Table { caption: "Assumptions that differ between the scenarios".into(), headers: vec!["Assumption".into()], rows: vec![] };
    t.headers.extend(names.iter().cloned());
    for l in crate::model::levers::LEVERS.iter().filter(|l| l.applies(b)) {
        let values: Vec<_> = scenarios.iter().map(|s| l.get(s)).collect();
        if values.windows(2).all(|w| w[0] == w[1]) {
            continue;
        }
        let mut row = vec![l.label.to_string()];
        row.extend(values.iter().map(|v| l.display(v, b)));
        t.rows.push(row);
    }
    // In words, with the schemes' names (it had shown the link's "scheme~2025-26~2027-28~2500000.5").
    let moves: Vec<String> = scenarios.iter().map(|s| crate::ui::components::share_bar::moves_text(s, ds).join("; ")).collect();
    if moves.windows(2).any(|w| w[0] != w[1]) {
        let mut row = vec!["Capital reprofiling moves".to_string()];
        row.extend(moves.into_iter().map(|m| if m.is_empty() { "none".into() } else { m }));
        t.rows.push(row);
    }
    t
}

// ---------------------------------------------------------------------------------------------
// The page

/// A scenario that can be compared.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    key: String,
    label: String,
    help: String,
    /// `None` when it cannot be compared with these figures (the reason is in `help`).
    scenario: Option<Scenario>,
}


/// Why a saved scenario cannot be compared with the figures in use, if it cannot: it was saved
/// with another dataset, or with another file's figures (a link's `src`), which would give other
/// numbers under the same dataset name.
fn other_figures(e: &crate::share::saved::Saved, id: &str, src: Option<&str>, file: Option<&str>) -> Option<String> {
    let (saved_src, saved_file) = (e.src(), e.file_name());
    if saved_file != file {
        return Some(match saved_file {
            Some(f) => format!("Saved with the figures from the file {} on this device: load it on the Sources page to see it with them.", crate::share::open::shown(f)),
            None => "Saved with the site's own figures, not the file now in use: they could differ under the same name.".into(),
        });
    }
    match (saved_src.as_deref(), src) {
        (Some(s), now) if Some(s) != now => Some(format!("Saved with the figures from the file {}: open it to see it with them.", crate::share::open::shown(s))),
        (None, Some(now)) => Some(format!("Saved with this site's own figures, not those from {} now in use: open it to see it with them.", crate::share::open::shown(now))),
        _ if e.data != id => Some(format!("Saved with other figures (“{}”): open it to see it with them.", e.data)),
        _ => None,
    }
}

#[component]
pub fn Compare() -> impl IntoView {
    let app = use_app();
    let store = saved_store();
    let picked = app.compare_picked;
    let saved_entries = store.entries.clone();

    let candidates = crate::ui::memo::memo(move |_| {
        let (Some(b), Some(d), Some(current)) = (app.baseline.get(), app.data.get(), app.scenario.get()) else { return vec![] };
        let baseline = Scenario::default_for(&b);
        let mut out = vec![
            Candidate { key: "baseline".into(), label: "Published baseline".into(), help: "The published figures with every assumption at its default.".into(), scenario: Some(baseline.clone()) },
            Candidate {
                key: "current".into(),
                label: "Current scenario".into(),
                help: if current == baseline { "The assumptions set on the other pages (now the same as the published baseline).".into() } else { "The assumptions set on the other pages, as in the address bar.".into() },
                scenario: Some(current),
            },
        ];
        let (src, file) = (app.src.get(), app.from_file.get());
        for e in saved_entries.get() {
            let (scenario, help) = if let Some(why) = other_figures(&e, &d.dataset.id, src.as_deref(), file.as_deref()) {
                (None, why)
            } else {
                let dec = decode(&from_query(&e.query), &b);
                let mut help = format!("Saved {}.", crate::share::saved::display_time(&e.saved));
                if e.dv != d.dataset.version {
                    help.push_str(&format!(" Saved with version {} of the figures; compared using version {}.", e.dv, d.dataset.version));
                }
                if !dec.notices.is_empty() {
                    help.push_str(&format!(" {} of its settings could not be used and are at their defaults.", dec.notices.len()));
                }
                (Some(dec.scenario), help)
            };
            out.push(Candidate { key: format!("saved:{}", e.id), label: e.name.clone(), help, scenario });
        }
        out
    });

    let picked2 = picked.clone();
    // The ticked scenarios that exist and can be compared, in list order, at most three.
    let chosen = crate::ui::memo::memo(move |_| {
        let keys = picked2.get();
        candidates.get().into_iter().filter(|c| c.scenario.is_some() && keys.contains(&c.key)).take(MAX_COMPARED).collect::<Vec<_>>()
    });
    let results = crate::ui::memo::memo(move |_| {
        let (Some(b), Some(d)) = (app.baseline.get(), app.data.get()) else { return None };
        let list = chosen.get();
        let names: Vec<String> = list.iter().map(|c| c.label.clone()).collect();
        let scenarios: Vec<Scenario> = list.iter().filter_map(|c| c.scenario.clone()).collect();
        let figs: Vec<Figures> = scenarios.iter().map(|s| figures(&d.dataset, &b, s)).collect();
        Some(Arc::new((names, scenarios, figs)))
    });

    let deficit = crate::ui::memo::memo(move |_| results.get().map(|r| deficit_figure(&r.0, &r.2)));
    let reserves = crate::ui::memo::memo(move |_| results.get().map(|r| reserves_figure(&r.0, &r.2)));
    let key = Signal::derive(move || results.get().map(|r| key_table(&r.0, &r.2)).unwrap_or_default());
    let diff = Signal::derive(move || match (results.get(), app.baseline.get(), app.data.get()) {
        (Some(r), Some(b), Some(d)) => assumptions_table(&r.0, &r.1, &b, &d.dataset),
        _ => Table::default(),
    });
    let count = crate::ui::memo::memo(move |_| chosen.with(|c| c.len()));
    // The default view ticks the baseline and the current scenario, which are the same until a
    // lever is moved: said, rather than a page of "no difference".
    let same = crate::ui::memo::memo(move |_| results.with(|r| r.as_ref().is_some_and(|r| r.1.len() >= 2 && r.1.windows(2).all(|w| w[0] == w[1]))));
    let key_status = RwSignal::new(String::new());
    let diff_status = RwSignal::new(String::new());

    view! {
        <h1>"Compare scenarios"</h1>
        // In tasks of their own in the app's first view (`Later`), as the charts are.
        <Later><ShareBar/></Later>
        <p class="lede">"Put two or three "<Term id="scenario" text="scenarios"/>" side by side: the published baseline, the scenario you have set on the other pages, and scenarios you have saved. The others are measured against the first one listed."</p>
        <fieldset class="compare-pick needs-js">
            <legend>"Scenarios to compare (up to three)"</legend>
            <p class="help">"The first one you tick is the one the others are measured against."</p>
            <ul class="pick-list">
                {move || {
                    let picked = picked.clone();
                    candidates.get().into_iter().map(|c| {
                        let id = format!("cmp-{}", c.key.replace(':', "-"));
                        let help_id = format!("{id}-help");
                        let k = c.key.clone();
                        let k2 = c.key.clone();
                        let p1 = picked.clone();
                        let p2 = picked.clone();
                        let usable = c.scenario.is_some();
                        let checked = move || p1.with(|p| p.contains(&k));
                        let full = move || count.get() >= MAX_COMPARED;
                        let checked2 = checked.clone();
                        let checked_at_first = checked();
                        view! {
                            <li>
                                <input type="checkbox" id=id.clone() data-key=c.key.clone() aria-describedby=help_id.clone()
                                    checked=checked_at_first prop:checked=checked
                                    disabled=move || !usable || (full() && !checked2())
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        p2.update(|p| {
                                            p.retain(|x| x != &k2);
                                            if on { p.push(k2.clone()); }
                                        });
                                    }/>
                                <label for=id>{c.label.clone()}</label>
                                <span class="help" id=help_id>{c.help.clone()}</span>
                            </li>
                        }
                    }).collect::<Vec<_>>()
                }}
            </ul>
            <p class="help">{move || if count.get() >= MAX_COMPARED { "Three scenarios are ticked, the most compared at once: untick one to choose another." } else { "" }}</p>
        </fieldset>
        <Show when=move || same.get()>
            <p class="notice" id="compare-same">"The scenarios ticked are the same, so the tables below show no differences. Change an assumption on the High needs, Savings or Capital page, or save scenarios with “Save or compare scenarios” above, then compare them here."</p>
        </Show>
        <p class="compare-status" role="status">{move || match count.get() {
            0 => "Tick at least two scenarios to compare them.".to_string(),
            1 => "Only one scenario is ticked: tick another to compare.".to_string(),
            n => format!("Comparing {n} scenarios: {}.", chosen.get().iter().enumerate().map(|(i, c)| format!("{} ({})", c.label, STYLES[i].2)).collect::<Vec<_>>().join(", ")),
        }}</p>
        <Show when=move || { count.get() > 0 }>
            <section aria-labelledby="cmp-key-h" class="key-figures">
                <h2 id="cmp-key-h">"Key figures"</h2>
                <DataTable table=key stack=true/>
                <div class="chart-tools no-print">
                    <CsvButton table=key file="cmp-key-figures" describedby="cmp-key-h" status=key_status/>
                    <span class="tool-status" role="status">{move || key_status.get()}</span>
                </div>
            </section>
            <FigureView figure=deficit id="cmp-deficit"/>
            <FigureView figure=reserves id="cmp-reserves"/>
            <section aria-labelledby="cmp-diff-h" class="assumption-diff">
                <h2 id="cmp-diff-h">"What differs between them"</h2>
                {move || if diff.with(|t| t.rows.is_empty()) {
                    view! { <p>"These scenarios have the same assumptions."</p> }.into_any()
                } else {
                    view! {
                        <DataTable table=diff stack=true/>
                        <div class="chart-tools no-print">
                            <CsvButton table=diff file="cmp-assumptions" describedby="cmp-diff-h" status=diff_status/>
                            <span class="tool-status" role="status">{move || diff_status.get()}</span>
                        </div>
                    }.into_any()
                }}
            </section>
        </Show>
        <Later><SavedScenarios/></Later>
    }
}

#[cfg(test)]
mod tests {
    use super::*;


    use crate::testing::q2_parts as data;

    #[test]
    fn a_surplus_in_the_deficit_chart_s_title_is_named_as_one() {
        let (ds, b) = data();
        let base = Scenario::default_for(&b);
        let mut falling = base.clone();
        for kind in ["mainstream", "local_special", "independent", "post16", "other"] {
            falling.set(&format!("hn.growth.{kind}"), "-20", &b).unwrap();
        }
        falling.set("hn.income", "20", &b).unwrap();
        let names = vec!["Published".to_string(), "Falling".to_string()];
        let figs = vec![figures(&ds, &b, &base), figures(&ds, &b, &falling)];
        assert!(figs[1].deficit_by_year.last().unwrap().1 < Decimal::ZERO, "a surplus by the end");
        let title = deficit_figure(&names, &figs).chart.title;
        assert!(title.contains(" the deficit is £") && title.contains(" on “Published”, against a surplus of £") && !title.contains('−'), "{title}");
        let Figure { chart, summary, .. } = deficit_figure(&names[1..], &figs[1..]);
        assert!(chart.title.starts_with("On “Falling” the balance is a surplus of £"), "{}", chart.title);
        // No scenario whose deficit passes the reserves: said once, not per scenario.
        assert!(summary.ends_with("In no scenario is the DSG deficit alone, once the override ends, more than them in the years modelled."), "{summary}");
    }

    #[test]
    fn compares_the_baseline_with_a_changed_scenario() {
        let (ds, b) = data();
        let base = Scenario::default_for(&b);
        let mut faster = base.clone();
        faster.set("hn.growth.independent", "20", &b).unwrap();
        faster.set("rev.atrisk", "50", &b).unwrap();
        let names = vec!["Published baseline".to_string(), "Faster growth".to_string()];
        let figs = vec![figures(&ds, &b, &base), figures(&ds, &b, &faster)];
        assert!(figs[1].deficit_by_year.last().unwrap().1 > figs[0].deficit_by_year.last().unwrap().1);
        assert!(figs[1].overspend_after_action.unwrap() <= figs[0].overspend_after_action.unwrap());

        let t = key_table(&names, &figs);
        assert_eq!(t.headers, vec!["Figure", "Published baseline", "Faster growth", "Difference (Faster growth − Published baseline)"]);
        assert!(t.rows.iter().all(|r| r.len() == 4));
        let row = |start: &str| t.rows.iter().find(|r| r[0].starts_with(start)).unwrap().clone();
        let horizon = row("DSG deficit at ");
        assert!(horizon[3].starts_with('+'), "{horizon:?}");
        assert_eq!(row("Statutory override ends")[3], "no difference");
        assert_eq!(row("Revenue cost of borrowing for the named capital schemes")[3], "no difference");
        // Every amount is exact to the penny as money::gbp writes it.
        assert!(horizon[1].starts_with('£') && horizon[2].starts_with('£'));

        let Figure { chart: c, table: dt, summary } = deficit_figure(&names, &figs);
        assert_eq!(c.series.len(), 3);
        assert_eq!((c.series[0].style, c.series[1].style), (Style::Line, Style::Dashed));
        assert_ne!(c.series[0].colour, c.series[1].colour);
        // The reserves are a level drawn across the chart, not a row of markers.
        assert!(c.points.is_empty());
        assert_eq!((c.series[2].name.as_str(), c.series[2].style), ("Total usable reserves", Style::Level));
        assert!(c.series[2].values.iter().all(|v| *v == Some(to_f64(figs[0].usable_reserves))));
        assert_eq!(c.series[2].values.len(), c.x_labels.len());
        assert!(c.title.contains("Faster growth"), "{}", c.title);
        assert!(summary.contains("Total usable reserves"));
        assert_eq!(dt.headers.len(), 4);
        let Figure { chart: rc, table: rt, summary: rs } = reserves_figure(&names, &figs);
        assert_eq!(rc.series.len(), 2);
        // The runway's years beside the deficit-alone years the key figures give, and why they differ.
        let alone = figs[0].exceeds_usable.expect("the published baseline's deficit passes the reserves").label();
        assert!(rs.contains("as well as the DSG deficit") && rs.contains(&format!("({alone} on “Published baseline”")), "{rs}");
        assert_eq!(rt.rows.len(), rc.x_labels.len());

        // An override that had ended before the years modelled is said to have, beside one that ends.
        let mut ended = base.clone();
        ended.set("hn.override", &Fy(b.base_year.0 - 1).key(), &b).unwrap();
        let t = key_table(&names, &[figures(&ds, &b, &base), figures(&ds, &b, &ended)]);
        let o = t.rows.iter().find(|r| r[0] == "Statutory override ends").unwrap();
        assert_eq!(o[2], format!("By {} (ended before the years modelled)", Fy(b.base_year.0 - 1).end().long()), "{o:?}");
        assert_eq!(o[1], b.override_end.long());
        // An override that never ends never counts the deficit against reserves, as High needs says.
        let mut never = base.clone();
        never.set("hn.override", "never", &b).unwrap();
        let t = key_table(&names, &[figures(&ds, &b, &base), figures(&ds, &b, &never)]);
        let r = t.rows.iter().find(|r| r[0].ends_with("is more than total usable reserves in")).unwrap();
        assert_eq!(r[2], "never: not counted", "{r:?}");
        assert_eq!(r[3], "not counted: the override never ends", "{r:?}");

        let a = assumptions_table(&names, &[base.clone(), faster.clone()], &b, &ds);
        assert_eq!(a.rows.len(), 2, "{:?}", a.rows);
        assert!(assumptions_table(&names, &[base.clone(), base.clone()], &b, &ds).rows.is_empty());
        // A reprofiling move in words, with the scheme's name.
        let scheme = &ds.capital.schemes[0];
        let year = Fy::parse_key(scheme.profile.keys().next().unwrap()).unwrap();
        let mut moved = base.clone();
        moved.moves.push(crate::model::scenario::SchemeMove { scheme: scheme.id.clone(), from: year, to: year.next(), amount: Decimal::new(250_000_050, 2) });
        let a = assumptions_table(&names, &[base.clone(), moved], &b, &ds);
        let row = a.rows.iter().find(|r| r[0] == "Capital reprofiling moves").unwrap();
        assert_eq!(row[1], "none");
        assert_eq!(row[2], format!("£2,500,000.50 of {} moved from {} to {}", scheme.name, year.label(), year.next().label()));
    }

    #[test]
    fn differences_in_words() {
        assert_eq!(year_diff(Some(Fy(2026)), Some(Fy(2028)), "x"), "2 years later");
        assert_eq!(year_diff(Some(Fy(2026)), Some(Fy(2025)), "x"), "1 year earlier");
        assert_eq!(year_diff(Some(Fy(2026)), None, "never"), "never");
        assert_eq!(year_diff(None, Some(Fy(2026)), "x"), "now in 2026/27");
        assert_eq!(money_diff(Some(Decimal::from(5)), Some(Decimal::from(7))), "+£2");
        assert_eq!(money_diff(Some(Decimal::from(7)), Some(Decimal::from(5))), "−£2");
        assert_eq!(money_diff(Some(Decimal::from(7)), None), "not comparable");
    }

    #[test]
    fn three_scenarios_have_three_styles() {
        let (ds, b) = data();
        let s = Scenario::default_for(&b);
        let names: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let figs = vec![figures(&ds, &b, &s); 3];
        let c = deficit_figure(&names, &figs).chart;
        assert_eq!(c.series.iter().map(|s| s.style).collect::<Vec<_>>(), vec![Style::Line, Style::Dashed, Style::Dotted, Style::Level]);
        assert!(c.title.contains("same deficit"), "{}", c.title);
    }

    #[test]
    fn a_scenario_saved_with_another_file_s_figures_is_not_compared_with_these() {
        use crate::share::saved::Saved;
        let with = |q: &str| Saved::new("a", "A", q, "").unwrap();
        let shipped = with("v=2&data=herefordshire&dv=2024-25-mar25.1&hn.inflation=7");
        let from_file = with("v=2&data=herefordshire&dv=2024-25-mar25.1&src=..%2Fds%2Fmodified.json&hn.inflation=7");
        assert_eq!(other_figures(&shipped, "herefordshire", None, None), None);
        assert_eq!(other_figures(&from_file, "herefordshire", Some("../ds/modified.json"), None), None, "the same file's figures");
        let why = other_figures(&from_file, "herefordshire", None, None).unwrap();
        assert!(why.starts_with("Saved with the figures from the file \"../ds/modified.json\""), "{why}");
        let why = other_figures(&shipped, "herefordshire", Some("data/other.json"), None).unwrap();
        assert!(why.starts_with("Saved with this site's own figures"), "{why}");
        assert!(other_figures(&shipped, "exampleshire", None, None).unwrap().starts_with("Saved with other figures"));
        // A file loaded on this device: its dataset name may be the site's own.
        let mut on_device = shipped.clone();
        on_device.file = "mine.json".into();
        assert_eq!(other_figures(&on_device, "herefordshire", None, Some("mine.json")), None);
        assert!(other_figures(&on_device, "herefordshire", None, None).unwrap().starts_with("Saved with the figures from the file \"mine.json\" on this device"));
        assert!(other_figures(&shipped, "herefordshire", None, Some("mine.json")).unwrap().starts_with("Saved with the site's own figures, not the file now in use"));
    }
}
