//! The questions scrutiny asks about a DSG deficit, answered from the scenario in one panel
//! (model::answers), with a CSV of the answers. Plain words on the Overview, the same figures on
//! High needs.

use crate::model::answers::{answers, Answers, Origin};
use crate::model::dsg::{Baseline, Levers};
use crate::units::calendar::{Date, Fy};
use crate::units::money::{gbp, gbp_m, pct};
use rust_decimal::Decimal;
use crate::model::uncertainty::{goal_seek, Goal, SeekResult, SeekVar};
use crate::data::Dataset;
use crate::ui::components::chart::{CsvButton, DataTable, Table};
use crate::ui::components::page_link::anchor;
use crate::ui::components::scenario_link::ScenarioLink;
use crate::ui::route::Page;
use crate::ui::state::use_app;
use leptos::prelude::*;
use std::sync::Arc;

/// How long input must pause before the answers are worked out again.
const SETTLE_MS: u32 = 250;

/// A figure an answer rests on: its label and its path in the dataset (a Sources anchor).
pub type Cite = (String, String);

/// The figures each answer rests on, in the panel's order (see `qa`).
fn cites(b: &Baseline, ds: &Dataset, marks: Marks<'_>, a: &Answers) -> [Vec<Cite>; 7] {
    let hn = &ds.high_needs;
    let f = |label: &str, path: &str| (label.to_string(), path.to_string());
    let vintage = b.start_point().and_then(|sp| hn.forecasts.iter().position(|x| x.id == sp.id).map(|i| (i, hn.forecasts[i].in_year.is_some(), sp.holds_base)));
    let (end, in_year) = match vintage {
        Some((i, given, holds_base)) => (
            f("the published year-end figure", &format!("high_needs.forecasts[{i}].amount")),
            match (given, holds_base) {
                (true, _) => f("its in-year figure", &format!("high_needs.forecasts[{i}].in_year")),
                // The vintage gives no in-year figure of its own but holds the base figures:
                // the dataset's in-year figure is its (the Q2 report's £7.6m).
                (false, true) => f("the in-year figure", "high_needs.in_year_forecast"),
                (false, false) => f("the deficit brought forward", "high_needs.deficit_brought_forward"),
            },
        ),
        None => (f("the year-end figure", "high_needs.deficit_year_end"), f("the in-year figure", "high_needs.in_year_forecast")),
    };
    [
        vec![end.clone(), f("the deficit brought forward", "high_needs.deficit_brought_forward")],
        vec![in_year, f(if marks.income_assumed { "high-needs income (an assumption)" } else { "high-needs income" }, "high_needs.model.income")],
        // An override that had ended before the years modelled left the deficit brought forward.
        match a.at_override_end {
            Some((y, _)) if b.ended_before_modelled(y) => vec![f("the override's end", "high_needs.override_end"), f("the deficit brought forward", "high_needs.deficit_brought_forward")],
            _ => vec![f("the override's end", "high_needs.override_end"), end],
        },
        vec![],
        vec![f("the general fund balance", "budget.reserves.general_fund"), f("usable reserves", "budget.reserves.total_usable")],
        vec![],
        vec![f("the net budget", "budget.net_budget"), f("usable reserves", "budget.reserves.total_usable")],
    ]
}

/// (question, answer, the figures it rests on), in the panel's order.
pub fn qa(a: &Answers, b: &Baseline, ds: &Dataset, plain: bool) -> Vec<(String, String, Vec<Cite>)> {
    use crate::data::figure::Status;
    let in_year_derived = match b.start_point() {
        Some(s) => !s.in_year_published,
        None => ds.high_needs.in_year_forecast.status == Status::Derived,
    };
    let news = crate::ui::components::policy_news::policy_news(ds, b);
    let extended = news.override_news().map(|((to, when), since)| (to.as_str(), *when, since));
    let marks = Marks { income_assumed: ds.high_needs.model.income.status == Status::Assumption, in_year_derived, extended };
    let out = qa_text(a, b, plain, marks);
    let mut cites = cites(b, ds, marks, a).into_iter();
    out.into_iter().map(|(q, ans)| (q, ans, cites.next().unwrap_or_default())).collect()
}

/// Whose date the override's end is: the papers', the government's or this scenario's own. The government has
/// moved the end since some papers were written, and a bare date read as settled.
fn whose_end(last: Fy, b: &Baseline, marks: Marks<'_>) -> String {
    use crate::model::dsg::OverrideEndOrigin as O;
    match b.override_end_origin(last) {
        O::Papers { ended_before: true } => " (the end date in the council's papers, before the years modelled)".into(),
        // With the later end the government announced, as the headline's note says it: a trial
        // read the Overview's story of the June 2025 extension beside "all of it to be met from
        // reserves" on the papers' date, with nothing to join the two.
        O::Papers { ended_before: false } => match marks.extended {
            Some((to, when, since)) => format!(" (the end date in the council's papers; in {when}{} the government extended it to {to})", if since { "" } else { ", before these papers," }),
            None => " (the end date in the council's papers)".into(),
        },
        O::EndedBeforeModelled => format!(" (the override had ended before the years modelled: the papers give {})", b.override_end.long()),
        O::National => format!(" (the end date the government announced in {})", crate::model::dsg::PolicyPreset::Override2028.date()),
        O::Chosen { ended_before: true } => " (this scenario assumes the override had ended before the years modelled)".into(),
        O::Chosen { ended_before: false } => " (the end date this scenario assumes)".into(),
    }
}

/// The council's own latest forecast for the end of `year`, if it has published one since the
/// figures the projection starts from: said beside the projection, never replaced by it.
fn councils_own(a: &Answers, year: Fy, b: &Baseline) -> String {
    let date = year.end();
    let own = a.year_ends.iter().filter(|e| e.date == date && date > b.base_year.end()).find_map(|e| match &e.origin {
        Origin::Published { label, made, actual } => Some((e.amount, label, made, actual)),
        Origin::Model => None,
    });
    match own {
        Some((amount, label, made, actual)) => format!(
            " The council's own {} for that date is {} ({}, {}); this projection starts from its figures for {}.",
            if *actual { "figure" } else { "forecast" },
            gbp_m(amount),
            label,
            made.month_year(),
            b.base_year.end().long()
        ),
        None => String::new(),
    }
}

/// What the answers say of their own base-year figures, from the dataset's marks.
#[derive(Clone, Copy, Default)]
struct Marks<'a> {
    /// The high-needs income is the dataset's assumption, not a published grant.
    income_assumed: bool,
    /// The in-year deficit is worked out (year end less brought forward), not the papers'.
    in_year_derived: bool,
    /// The override's later end the government announced, when, and whether after the papers
    /// (`PolicyNews::override_news`), if the papers do not give it.
    extended: Option<(&'a str, &'static str, bool)>,
}

fn qa_text(a: &Answers, b: &Baseline, plain: bool, marks: Marks<'_>) -> Vec<(String, String)> {
    let horizon = a.horizon.label();
    let latest_end = a.year_ends.iter().find(|y| y.date == b.base_year.end());
    let mut out = vec![];
    if let Some(e) = latest_end {
        let what = match &e.origin {
            Origin::Published { label, made, actual } => format!("{} ({}, {})", if *actual { "actual" } else { "forecast" }, label, made.month_year()),
            Origin::Model => "this scenario".into(),
        };
        // A scenario started from an earlier forecast says so here: a reader saw £17.2m in this
        // answer and £13.7m in the projection just below it.
        let start = b.start_point().filter(|sp| sp.year_end != e.amount).map(|sp| {
            format!(
                " This scenario starts from {} instead ({} {}, {}).",
                crate::ui::components::words::balance(sp.year_end, gbp_m),
                if sp.actual { "actual, reported in" } else { "the forecast of" },
                sp.made.month_year(),
                sp.label
            )
        });
        out.push((
            if plain { format!("How big is the deficit at {}?", e.date.long()) } else { format!("The deficit at {}", e.date.long()) },
            format!(
                "{}: the latest published figure, {what}.{} The table below gives every 31 March.",
                if e.amount < rust_decimal::Decimal::ZERO { format!("No deficit but {}", crate::ui::components::words::balance(e.amount, gbp_m)) } else { gbp_m(e.amount) },
                start.unwrap_or_default()
            ),
        ));
    }
    out.push((
        if plain { "How much more than the grant is being spent this year?".into() } else { format!("In-year deficit {} against the high-needs block", b.base_year.label()) },
        {
            let in_year = if marks.in_year_derived { format!("{} (the year-end figure less the deficit brought forward)", gbp_m(a.in_year)) } else { gbp_m(a.in_year) };
            match a.in_year_share {
                // Spending under the grant: a surplus in the year, said as one.
                Some(s) if a.in_year < rust_decimal::Decimal::ZERO => format!(
                    "None: {} less than the high-needs block income of {}{}, {} of it (an in-year surplus).",
                    gbp_m(-a.in_year),
                    gbp_m(a.income),
                    if marks.income_assumed { " that the model assumes" } else { "" },
                    pct(-s, 0)
                ),
                Some(s) if marks.income_assumed => format!("{in_year}, which is {} of the high-needs block income of {} that the model assumes (the papers do not give the grant).", pct(s, 0), gbp_m(a.income)),
                Some(s) => format!("{in_year}, which is {} of the high-needs block income of {}.", pct(s, 0), gbp_m(a.income)),
                None => format!("{in_year}."),
            }
        },
    ));
    out.push((
        if plain { "What is it when the override ends?".into() } else { "At the override's end, and after any write-off".into() },
        match (a.at_override_end, a.after_write_off) {
            (Some((y, d)), Some(r)) if r != d => format!("{} at {}{}; after the write-off, {} lands on reserves.{}", gbp_m(d), y.end().long(), whose_end(y, b, marks), gbp_m(r), councils_own(a, y, b)),
            // A surplus, or nothing, is not "met from reserves".
            (Some((y, d)), _) if d <= rust_decimal::Decimal::ZERO => format!(
                "{} at {}{}: nothing lands on reserves.",
                if d.is_zero() { "No deficit".to_string() } else { format!("A surplus of {}", gbp_m(-d)) },
                y.end().long(),
                whose_end(y, b, marks)
            ),
            (Some((y, d)), _) => format!("{} at {}{}, all of it to be met from reserves.{}", gbp_m(d), y.end().long(), whose_end(y, b, marks), councils_own(a, y, b)),
            (None, _) => "The override does not end within the projection.".into(),
        },
    ));
    out.push((
        if plain { "When does the overspending stop, and when is the deficit paid off?".into() } else { "When the in-year position balances; when the deficit clears".into() },
        {
            let zero = rust_decimal::Decimal::ZERO;
            let base_end = a.base_year_end;
            // In surplus from the start: there was no deficit to clear, and one later is new.
            // (A balance of nil is no deficit either: a reviewer's file of zeros read "the deficit
            // clears in 2025/26 ... in deficit again", of a deficit there never was.)
            let never_in_deficit = a.clears_in == Some(b.base_year) && base_end <= zero && b.deficit_brought_forward <= zero;
            let mut s = if a.clears_in == Some(b.base_year) && base_end < zero {
                format!("There is no deficit at {}: a surplus of {}.", b.base_year.end().long(), gbp_m(-base_end))
            } else if never_in_deficit {
                format!("There is no deficit at {}.", b.base_year.end().long())
            } else {
                // Said as a reader would: "does not balance by the end of 2034/35", not
                // "balances in no year to 2034/35".
                let balances = match (a.balances_in, a.in_deficit_again_in) {
                    // "Again" only after an in-year deficit: not of a base year already balanced.
                    (Some(y), Some(again)) => format!("The in-year position balances in {}{}", y.label(), crate::ui::components::words::deficit_returns(y, b.base_year, again)),
                    (Some(y), None) => format!("The in-year position balances in {}", y.label()),
                    (None, _) => format!("The in-year position does not balance by the end of {horizon}"),
                };
                let clears = match (a.clears_in, a.balances_in) {
                    (Some(y), _) => format!("the deficit clears in {}", y.label()),
                    (None, None) => "nor does the deficit clear".to_string(),
                    (None, Some(_)) => format!("the deficit does not clear by the end of {horizon}"),
                };
                format!("{balances}; {clears}.")
            };
            if let Some(y) = a.back_in_deficit_in {
                s.push_str(&format!(" On this scenario it is in deficit{} by the end of {}.", if never_in_deficit { "" } else { " again" }, y.label()));
            }
            s
        },
    ));
    out.push((
        if plain { "When would it be more than the council's reserves?".into() } else { "When, counted against reserves, it passes the general fund and usable reserves".into() },
        // The deficit counts against reserves only once the override has ended: before then it
        // may already be larger than a balance (it is in the papers) without drawing on it.
        match a.at_override_end {
            None => "The override does not end within the projection, so the deficit is not counted against reserves.".into(),
            Some(_) => {
                let passes = |y: Option<crate::units::calendar::Fy>, what: &str, amount: rust_decimal::Decimal| match y {
                    // The balance as its paper gives it ("£12.25m", not "£12.3m" beside it).
                    Some(y) => format!("more than {what} ({}) in {}", crate::units::money::gbp_published(amount), y.label()),
                    None => format!("within {what} ({}) to the end of {horizon}", crate::units::money::gbp_published(amount)),
                };
                // A reader saw 2029/30 here and 2028/29 on Savings: that runway pays more.
                format!(
                    "Counted against reserves once the override has ended, it is {} and {}. This counts the deficit alone: the reserves runway on the Savings page also pays the overspend, the budget gaps and the cost of borrowing, so it can run out sooner.",
                    passes(a.passes_general_fund, "the general fund balance", b.general_fund),
                    passes(a.passes_usable, "total usable reserves", b.total_usable)
                )
            }
        },
    ));
    let first = a.carrying.first().map(|c| (c.year.label(), c.cost));
    out.push((
        if plain { "What does carrying the deficit cost?".into() } else { "The cost of carrying it".into() },
        if a.carrying_total.is_zero() {
            // Nothing to carry in any year: said so, not "£0m in 2025/26, £0m in all".
            format!("At {} a year, carrying it costs nothing to {}: there is no deficit to carry.", crate::units::money::pct_exact(a.carry_rate), horizon)
        } else {
            format!(
                "The deficit is cash spent and not received, so the council earns less interest or borrows more: at {} a year, {} in {}, {} in all to {}. The Savings page counts it in the reserves runway.",
                // As the lever gives it: "4.25%", not "4.3%"; "0%", not "0.0%".
                crate::units::money::pct_exact(a.carry_rate),
                // A small deficit's cost in pounds, not "£0m in 2025/26"; none, "nothing".
                first.as_ref().map(|f| if f.1.is_zero() { "nothing".into() } else { crate::ui::components::words::said(f.1, gbp_m) }).unwrap_or_default(),
                first.as_ref().map(|f| f.0.clone()).unwrap_or_default(),
                crate::ui::components::words::said(a.carrying_total, gbp_m),
                horizon
            )
        },
    ));
    out.push((
        if plain { "How big is what is left, against the budget and the reserves?".into() } else { "The residual against the net budget and usable reserves".into() },
        match (a.after_write_off, a.residual_share_of_net_budget, a.residual_share_of_usable) {
            (Some(r), _, _) if r <= rust_decimal::Decimal::ZERO => {
                let balance = if r.is_zero() { "nil".to_string() } else { crate::ui::components::words::balance(r, gbp_m) };
                // Only the balance when the override ends: a deficit that builds up after it
                // counts against reserves too (the answer above says when it passes them), so
                // "nothing is left" is not the whole answer.
                let ended = a.at_override_end.is_some_and(|(y, _)| y < b.base_year);
                // A deficit at the override's end that a later write-off clears leaves nothing
                // once the write-off is counted, not a balance of nil then.
                let written_off = a.at_override_end.is_some_and(|(_, d)| d > rust_decimal::Decimal::ZERO);
                let first = match (ended, written_off) {
                    (_, true) => format!("Nothing is left to land on reserves once the write-off is counted: it leaves {balance}."),
                    (false, false) => format!("Nothing is left to land on reserves when the override ends: the balance then is {balance}."),
                    (true, false) => format!("Nothing was left to land on reserves when the override ended: the balance was {balance}."),
                };
                if a.at_horizon > rust_decimal::Decimal::ZERO {
                    let by = format!("{} by {}", crate::ui::components::words::said(a.at_horizon, gbp_m), a.horizon.end().long());
                    format!("{first} After that the balance turns to a deficit, which counts against reserves as it grows: {by}.")
                } else if ended || written_off {
                    first
                } else {
                    format!("Nothing is left to land on reserves: the balance is {balance}.")
                }
            }
            (Some(r), Some(nb), Some(ur)) => format!("{} is {} of the net revenue budget and {} of usable reserves.", gbp_m(r), pct(nb, 0), pct(ur, 0)),
            (Some(r), _, _) => format!("{}.", gbp_m(r)),
            _ => "Nothing lands on reserves within the projection.".into(),
        },
    ));
    out
}

/// A saving of `v` a year set against what high-needs spending would be without it in `from`
/// (its first year in full, or the last year projected) and `to` (the last year it is asked to
/// hold), so an answer's size can be judged: a trial's "about £42.4m a year" was 98% of the
/// first year's spending, and nothing said so. A flat saving is sized for the hardest year, so
/// both years are named. Each year's share is of the part phased in by then.
pub fn saving_share(b: &Baseline, lv: &Levers, v: Decimal, from: Fy, to: Fy) -> String {
    if v <= Decimal::ZERO {
        return String::new();
    }
    let mut with = lv.clone();
    with.saving.per_year = v;
    let p = crate::model::dsg::project(b, &with);
    // Spend without the saving is the row's spend with its saving back; the saving is the part
    // of `v` in effect that year (a review's phasing ran past the last year projected).
    let year = |y: Fy| p.mitigated.rows.iter().find(|r| r.year == y).map(|r| (r.saving, r.total_spend + r.saving)).filter(|(s, w)| *w > Decimal::ZERO && *s > Decimal::ZERO);
    let share = |(s, w): (Decimal, Decimal)| if s > w { "more than all".to_string() } else { pct(s / w, 0) };
    // "(£16.9m of it by then)" where only part is phased in.
    let part = |s: Decimal| if s < v { format!(", where {} of it is phased in by then", gbp_m(s)) } else { String::new() };
    match (year(from), year(to).filter(|_| to > from)) {
        (Some(f), Some(t)) => format!(
            " That is {} of the {} of high-needs spending projected for {} without it{}, and {} of the {} projected for {}{}.",
            share(f),
            gbp_m(f.1),
            from.label(),
            part(f.0),
            share(t),
            gbp_m(t.1),
            to.label(),
            part(t.0)
        ),
        (Some(f), None) => format!(" That is {} of the {} of high-needs spending projected for {} without it{}.", share(f), gbp_m(f.1), from.label(), part(f.0)),
        _ => String::new(),
    }
}

/// The first year a saving has its full effect (a ramp phases it in), or the last year
/// projected if that is sooner.
pub fn saving_in_full(b: &Baseline, lv: &Levers) -> Fy {
    Fy(lv.saving.start.0 + lv.saving.ramp_years.max(1) as i32 - 1).min(lv.horizon_year(b))
}

/// ", phased in over 3 years," for a saving phased in, else "".
pub fn phased_words(lv: &Levers) -> String {
    match lv.saving.ramp_years {
        0 | 1 => String::new(),
        r => format!(", phased in over {r} years,"),
    }
}

/// What it would take to balance the in-year position in every year from the first year a
/// saving can start to the horizon, from goal seek: balanced and kept so, not balanced once.
pub fn what_it_takes(b: &Baseline, lv: &Levers) -> String {
    let horizon = lv.horizon_year(b);
    if lv.saving.start > horizon {
        return format!("The saving is set to start in {}, after the last year projected ({}): move its start, or the horizon, to see what it would take.", lv.saving.start.label(), horizon.label());
    }
    // From the first year the saving has its full effect, never past the last year projected.
    let from = saving_in_full(b, lv);
    let years = if from == horizon { format!("in {}", horizon.label()) } else { format!("in every year from {} to {}", from.label(), horizon.label()) };
    // Named as it is set: a phased saving reaches its amount only in its last year of phasing.
    let phased = phased_words(lv);
    match goal_seek(b, lv, Goal::InYearBalancedBy(from), SeekVar::SavingPerYear) {
        SeekResult::Achieved { value, .. } if value <= lv.saving.per_year => format!("No further saving is needed: the in-year position balances {years}."),
        // The lever holds the whole saving: one already set is part of the answer, not beside it.
        SeekResult::Achieved { value, .. } if !lv.saving.per_year.is_zero() => format!(
            "A saving of about {} a year in all, from {}{} in place of the {} set, would balance the in-year position {years} (goal seek on the Uncertainty page tries other levers).{}",
            gbp_m(value),
            lv.saving.start.label(),
            if phased.is_empty() { "," } else { &phased },
            gbp_m(lv.saving.per_year),
            saving_share(b, lv, value, from, horizon)
        ),
        SeekResult::Achieved { value, .. } => format!(
            "A further saving of about {} a year from {}{phased} would balance the in-year position {years} (goal seek on the Uncertainty page tries other levers).{}",
            gbp_m(value),
            lv.saving.start.label(),
            saving_share(b, lv, value, from, horizon)
        ),
        SeekResult::Infeasible { reason, .. } => format!("No saving balances it {years}. {reason}"),
        SeekResult::Invalid { reason } => reason,
    }
}

fn kind(actual: bool) -> &'static str {
    if actual {
        "Actual"
    } else {
        "Forecast"
    }
}

pub fn year_end_table(a: &Answers) -> Table {
    let mut t = Table { caption: "The deficit at each 31 March, and what carrying it costs (£)".into(), headers: ["31 March", "Deficit", "Figure", "Cost of carrying it in the year to then"].map(String::from).to_vec(), rows: vec![] };
    // Several vintages of one 31 March are each listed as what they were; the row the
    // scenario starts from says so, and only it carries a cost, so the column adds up.
    let start = a.year_ends.iter().find(|y| y.starts_here).map(|y| (y.date, &y.origin));
    let vintages = |d: Date| a.year_ends.iter().filter(|y| y.date == d && !matches!(y.origin, Origin::Model)).count();
    for y in &a.year_ends {
        let cost = y.carrying.map(gbp).unwrap_or_default();
        let what = match (&y.origin, start) {
            (Origin::Published { label, made, actual }, _) if y.starts_here && vintages(y.date) > 1 => {
                format!("{}: {} ({}); this scenario starts from it", kind(*actual), label, made.long())
            }
            (Origin::Published { label, made, actual }, Some((d, Origin::Published { made: from, .. }))) if d == y.date && vintages(y.date) > 1 => format!(
                "{} {}, not this scenario's start: {} ({})",
                match made.cmp(from) {
                    std::cmp::Ordering::Less => "Earlier",
                    std::cmp::Ordering::Greater => "Later",
                    std::cmp::Ordering::Equal => "Another",
                },
                kind(*actual).to_lowercase(),
                label,
                made.long()
            ),
            (Origin::Published { label, made, actual }, _) => format!("{}: {} ({})", kind(*actual), label, made.long()),
            (Origin::Model, _) => "This scenario's projection".into(),
        };
        t.rows.push(vec![y.date.long(), gbp(y.amount), what, cost]);
    }
    t
}

#[component]
pub fn KeyQuestions(#[prop(optional)] plain: bool) -> impl IntoView {
    let app = use_app();
    // The answers follow the projection once input pauses (SETTLE_MS), not on every step of a
    // slider: a drag repaints the chart in view without re-answering seven questions each step.
    let settled = RwSignal::new(app.projection.get_untracked());
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    Effect::new(move |_| {
        let p = app.projection.get();
        if settled.with_untracked(|s| s.is_none()) {
            settled.set(p);
            return;
        }
        // Replacing the timer drops (cancels) the one before.
        timer.set_value(Some(gloo_timers::callback::Timeout::new(SETTLE_MS, move || settled.set(p))));
    });
    let state = crate::ui::memo::memo(move |_| {
        let b = app.baseline.get()?;
        let p = settled.get()?;
        let net = app.data.with(|d| d.as_ref().map(|d| d.dataset.budget.net_budget.value))?;
        let a = answers(&b, &p, net);
        let sb = b.started_at(&p.levers.start).into_owned();
        let ds = app.data.with(|d| d.as_ref().map(|d| d.dataset.clone()))?;
        Some(Arc::new((qa(&a, &sb, &ds, plain), year_end_table(&a), a.clears_in.is_none())))
    });
    let qa_table = Signal::derive(move || Table {
        caption: "Key questions about the DSG deficit, answered for this scenario".into(),
        headers: vec!["Question".into(), "Answer".into(), "Based on".into()],
        rows: state.get().map(|s| s.0.iter().map(|(q, a, c)| vec![q.clone(), a.clone(), c.iter().map(|x| format!("{} ({})", x.0, x.1)).collect::<Vec<_>>().join("; ")]).collect()).unwrap_or_default(),
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
            <p class="help">{move || app.baseline.get().map(|b| format!(
                "Answered for this scenario: amounts after {} are the model's projections; Sources marks each figure up to then as published, worked out or assumed.",
                b.base_year.end().long()
            ))}</p>
            {plain.then(|| view! { <ChangedScenario id=format!("{id}-changes")/> })}
            <dl>
                {move || state.get().map(|s| s.0.iter().map(|(q, a, c)| {
                    let based = (!c.is_empty()).then(|| view! {
                        <span class="based-on">" Based on: "{c.iter().enumerate().map(|(i, (label, path))| {
                            let (label, fragment) = (label.to_string(), anchor(path));
                            view! { {(i > 0).then_some(", ")}<ScenarioLink page=Page::Sources fragment=fragment>{label}</ScenarioLink> }
                        }).collect::<Vec<_>>()}"."</span>
                    });
                    view! { <dt>{q.clone()}</dt><dd>{a.clone()}{based}</dd> }
                }).collect::<Vec<_>>())}
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
            <p class="source">"Each figure's source: "<ScenarioLink page=Page::Sources>"Sources"</ScenarioLink>". " <CsvButton table=qa_table file=id describedby=heading status=status/> " "<span role="status">{move || status.get()}</span></p>
        </section>
    }
}

/// On the Overview, where no assumption is on show, a link's changed high-needs assumptions are
/// named above the answers that use them: a reader should not take a scenario's £214.9m for the
/// council's own forecast. Nothing is shown for the defaults.
#[component]
fn ChangedScenario(id: String) -> impl IntoView {
    let app = use_app();
    let changed = crate::ui::memo::memo(move |_| match (app.scenario.get(), app.baseline.get()) {
        (Some(s), Some(b)) => crate::ui::components::share_bar::assumptions(&s, &b).into_iter().filter(|a| a.key.starts_with("hn.")).map(|a| a.line()).collect(),
        _ => Vec::<String>::new(),
    });
    let heading = format!("{id}-h");
    view! {
        <Show when=move || changed.with(|c| !c.is_empty())>
            <div class="notice warn" id=id.clone() role="group" aria-labelledby=heading.clone()>
                <h3 id=heading.clone()>"These answers are for a changed scenario"</h3>
                <p>{move || changed.with(|c| match c.len() {
                    1 => "One of the high-needs assumptions is not the default:".to_string(),
                    n => format!("{n} of the high-needs assumptions are not the defaults:"),
                })}</p>
                <ul>{move || changed.get().into_iter().map(|t| view! { <li>{t}</li> }).collect::<Vec<_>>()}</ul>
                <button type="button" class="secondary" on:click=move |_| {
                    if let Some(b) = app.baseline.get_untracked() {
                        app.scenario.update(|s| if let Some(s) = s { s.hn = Levers::default_for(&b); });
                    }
                }>"Answer for the default assumptions"</button>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dsg::project;
    use crate::units::calendar::Fy;
    use rust_decimal::Decimal;

    /// The saving in the answer, in pounds, read back from its words ("about £29.6m a year").
    fn saving_in(text: &str) -> Decimal {
        let m = text.split("about £").nth(1).and_then(|r| r.split("m a year").next()).unwrap_or_else(|| panic!("{text}"));
        m.parse::<Decimal>().unwrap() * Decimal::from(1_000_000)
    }

    #[test]
    fn what_it_takes_balances_every_year_to_the_horizon_not_one() {
        // The reviewer's case: "about £12.8m a year from 2025/26 would balance the in-year
        // position by 2034/35" balanced 2025/26 alone; the deficit rose again to £29.6m.
        let b = Baseline::from_dataset(&crate::testing::shipped().dataset);
        let lv = Levers::default_for(&b);
        let text = what_it_takes(&b, &lv);
        let (from, to) = (lv.saving.start, lv.horizon_year(&b));
        assert!(text.starts_with("A further saving of about £") && text.contains(&format!("would balance the in-year position in every year from {} to {}", from.label(), to.label())), "{text}");
        // The answer, to the £0.1m it is given in, rounded up, balances every one of those years;
        // £0.1m a year less leaves one of them in deficit.
        let with = |saving: Decimal| {
            let mut l = lv.clone();
            l.saving.per_year = saving;
            project(&b, &l).mitigated.rows.iter().filter(|r| r.year >= from).map(|r| r.in_year_deficit).max().unwrap()
        };
        let said = saving_in(&text);
        // Its size beside the spending it comes off: a trial found £42.4m was 98% of 2025/26's
        // £43.2m (its in-year deficit, £12.8m, and its income, £30.4m).
        let last = project(&b, &lv).mitigated.rows.iter().find(|r| r.year == to).map(|r| r.total_spend).unwrap();
        assert!(text.ends_with(&format!(" That is 98% of the £43.2m of high-needs spending projected for {} without it, and {} of the {} projected for {}.", from.label(), pct(said / last, 0), gbp_m(last), to.label())), "{text}");
        assert!(with(said + Decimal::from(50_000)) <= Decimal::ZERO, "{text}");
        assert!(with(said - Decimal::from(100_000)) > Decimal::ZERO, "{text}");
        // Balancing the first year alone costs much less (its deficit): the answer is not that.
        let first = project(&b, &lv).mitigated.rows.iter().find(|r| r.year == from).unwrap().in_year_deficit;
        assert!(said > first + Decimal::from(1_000_000), "{text}: the first year's deficit is {first}");
        // A saving already set is part of the answer, and one large enough needs nothing more.
        let mut set = lv.clone();
        set.saving.per_year = Decimal::from(5_000_000);
        let t = what_it_takes(&b, &set);
        assert!(t.starts_with("A saving of about £") && t.contains(&format!(" a year in all, from {}, in place of the £5m set", lv.saving.start.label())), "{t}");
        assert_eq!(saving_in(&t), said, "the same answer");
        // A saving phased in over five years is asked to balance from its fifth year, when it
        // has its full effect (the first year has a fifth of it); one starting after the last
        // year projected is said to.
        let mut ramped = lv.clone();
        ramped.saving.ramp_years = 5;
        let t = what_it_takes(&b, &ramped);
        assert!(t.contains(&format!("in every year from {} to {}", Fy(from.0 + 4).label(), to.label())) && t.contains("about £"), "{t}");
        assert!(t.contains(&format!(" a year from {}, phased in over 5 years, would balance", ramped.saving.start.label())), "{t}");
        assert!(!what_it_takes(&b, &lv).contains("phased"));
        // Phasing that runs past the last year projected: the share is of the part in effect
        // then (a review read the whole £28.2m set against 2027/28, when three fifths applied).
        let mut short = ramped.clone();
        short.horizon = 3;
        let t = what_it_takes(&b, &short);
        let m = |s: &str| s.trim_start_matches('£').trim_end_matches('m').parse::<f64>().unwrap();
        let after = |key: &str| t[t.find(key).unwrap_or_else(|| panic!("{key} in {t}")) + key.len()..].split([' ', ',']).next().unwrap().to_string();
        let (share, of, part) = (after(" That is ").trim_end_matches('%').parse::<f64>().unwrap(), m(&after("% of the ")), m(&after(", where ")));
        assert!(t.ends_with(&format!(" projected for {} without it, where £{part}m of it is phased in by then.", short.horizon_year(&b).label())), "{t}");
        assert!(part < m(&after("saving of about ")) && (share - 100.0 * part / of).abs() <= 1.0, "{t}");
        let mut late = lv.clone();
        late.horizon = 3;
        late.saving.start = Fy(b.base_year.0 + 10);
        assert!(what_it_takes(&b, &late).starts_with(&format!("The saving is set to start in {}, after the last year projected", late.saving.start.label())));
        set.saving.per_year = said + Decimal::from(100_000);
        assert_eq!(what_it_takes(&b, &set), format!("No further saving is needed: the in-year position balances in every year from {} to {}.", from.label(), to.label()));
    }

    #[test]
    fn every_answer_cites_figures_that_exist() {
        for text in [crate::testing::LATEST_JSON, crate::testing::Q2_JSON] {
            let l = crate::data::parse_dataset(text).unwrap();
            let b = Baseline::from_dataset(&l.dataset);
            for s in &b.starts {
                let mut lv = Levers::default_for(&b);
                lv.start = s.id.clone();
                let p = project(&b, &lv);
                let a = answers(&b, &p, l.dataset.budget.net_budget.value);
                let sb = b.started_at(&s.id).into_owned();
                let rows = qa(&a, &sb, &l.dataset, false);
                assert_eq!(rows.len(), 7);
                for (q, ans, cites) in &rows {
                    assert!(!ans.is_empty(), "{q}");
                    for (_, path) in cites {
                        assert!(l.figures.iter().any(|f| &f.path == path), "{q}: {path} is not a figure");
                    }
                }
                // The first answer cites the starting vintage's own figure.
                let end = &rows[0].2[0].1;
                let cited = l.figures.iter().find(|f| &f.path == end).unwrap();
                assert_eq!(cited.number, Some(s.year_end), "{}", s.id);
            }
        }
    }

    fn override_answer(lv: &Levers, b: &Baseline, net: crate::units::money::Money) -> String {
        let a = answers(b, &project(b, lv), net);
        qa_text(&a, &b.started_at(&lv.start), true, Marks { income_assumed: true, in_year_derived: true, ..Marks::default() }).into_iter().find(|(q, _)| q == "What is it when the override ends?").unwrap().1
    }

    #[test]
    fn a_surplus_when_the_override_ends_is_not_the_whole_answer_if_a_deficit_builds_up_later() {
        // A reviewer's council: a surplus when its override ended, then a deficit passing its
        // reserves; the answer had said only "Nothing is left to land on reserves".
        let mut ds = crate::testing::shipped().dataset;
        ds.high_needs.forecasts.clear();
        let hn = &mut ds.high_needs;
        hn.deficit_brought_forward.value = Decimal::from(-80_000_000);
        hn.deficit_year_end.value = hn.deficit_brought_forward.value + hn.in_year_forecast.value;
        let b = Baseline::from_dataset(&ds);
        let net = ds.budget.net_budget.value;
        let left = |lv: &Levers| {
            let a = answers(&b, &project(&b, lv), net);
            let text = qa_text(&a, &b.started_at(&lv.start), true, Marks { income_assumed: true, in_year_derived: true, ..Marks::default() }).into_iter().find(|(q, _)| q == "How big is what is left, against the budget and the reserves?").unwrap().1;
            (a, text)
        };
        let mut lv = Levers::default_for(&b);
        lv.override_end = crate::model::dsg::OverrideEnd::Ends(Fy(b.base_year.0 - 1));
        let (a, text) = left(&lv);
        assert!(a.after_write_off.unwrap() < Decimal::ZERO && a.at_horizon > Decimal::ZERO && a.passes_general_fund.is_some(), "{:?} {} {:?}", a.after_write_off, a.at_horizon, a.passes_general_fund);
        assert_eq!(text, format!("Nothing was left to land on reserves when the override ended: the balance was a surplus of £80m. After that the balance turns to a deficit, which counts against reserves as it grows: {} by {}.", gbp_m(a.at_horizon), a.horizon.end().long()));
        // Nothing to carry in the first year: "nothing", not "£0m".
        let carry = qa_text(&a, &b.started_at(&lv.start), true, Marks { income_assumed: true, in_year_derived: true, ..Marks::default() }).into_iter().find(|(q, _)| q == "What does carrying the deficit cost?").unwrap().1;
        assert!(a.carrying[0].cost.is_zero() && carry.contains(&format!(" a year, nothing in {},", b.base_year.label())), "{carry}");
        // An override ending in the years modelled, with the balance still a surplus then.
        lv.override_end = crate::model::dsg::OverrideEnd::Ends(b.base_year);
        let (a, text) = left(&lv);
        assert!(a.after_write_off.unwrap() < Decimal::ZERO, "{:?} {:?}", a.after_write_off, a.at_override_end);
        assert!(text.starts_with("Nothing is left to land on reserves when the override ends: the balance then is a surplus of £") && text.contains(&format!("turns to a deficit, which counts against reserves as it grows: {} by {}.", gbp_m(a.at_horizon), a.horizon.end().long())), "{text}");
        // With no deficit by the horizon (the shortest the lever allows), the balance is the
        // whole answer.
        lv.horizon = 3;
        let (a, text) = left(&lv);
        assert!(a.at_horizon < Decimal::ZERO, "{}", a.at_horizon);
        assert!(a.horizon == Fy(b.base_year.0 + 3), "{:?}", a.horizon);
        assert!(text.starts_with("Nothing is left to land on reserves: the balance is a surplus of £") && !text.contains("turns to a deficit"), "{text}");
        let carry = qa_text(&a, &b.started_at(&lv.start), true, Marks { income_assumed: true, in_year_derived: true, ..Marks::default() }).into_iter().find(|(q, _)| q == "What does carrying the deficit cost?").unwrap().1;
        assert_eq!(carry, format!("At {} a year, carrying it costs nothing to {}: there is no deficit to carry.", crate::units::money::pct_exact(a.carry_rate), a.horizon.label()));
        // Never ending, and never in deficit: the balance alone.
        lv.override_end = crate::model::dsg::OverrideEnd::Never;
        let (_, text) = left(&lv);
        assert_eq!(text, "Nothing lands on reserves within the projection.");
    }

    #[test]
    fn the_first_answer_names_an_earlier_start_beside_the_latest_figure() {
        let l = crate::testing::shipped();
        let b = Baseline::from_dataset(&l.dataset);
        let net = l.dataset.budget.net_budget.value;
        let first = |lv: &Levers| {
            let a = answers(&b, &project(&b, lv), net);
            qa_text(&a, &b.started_at(&lv.start), true, Marks { income_assumed: true, in_year_derived: true, ..Marks::default() }).remove(0).1
        };
        let mut lv = Levers::default_for(&b);
        assert!(!first(&lv).contains("This scenario starts from"), "{}", first(&lv));
        lv.start = "q2-2024-25".into();
        let a = first(&lv);
        assert!(a.starts_with("£17.2m: the latest published figure") && a.contains("This scenario starts from £13.7m instead (the forecast of November 2024, "), "{a}");
    }

    #[test]
    fn the_override_answer_says_whose_end_date_it_is() {
        let l = crate::data::parse_dataset(crate::testing::LATEST_JSON).unwrap();
        let b = Baseline::from_dataset(&l.dataset);
        let net = l.dataset.budget.net_budget.value;
        let mut lv = Levers::default_for(&b);
        let papers = override_answer(&lv, &b, net);
        assert!(papers.contains(&format!("at {} (the end date in the council's papers)", b.override_end.long())), "{papers}");
        // As the page asks it, with the dataset: the government's later end is said beside the
        // papers' one (the Overview told the extension's story above an answer that did not).
        let a = answers(&b, &crate::model::dsg::project(&b, &lv), net);
        let told = qa(&a, &b, &l.dataset, true).into_iter().find(|(q, ..)| q == "What is it when the override ends?").unwrap().1;
        assert!(told.contains(&format!("at {} (the end date in the council's papers; in June 2025 the government extended it to 31 March 2028), all of it to be met from reserves.", b.override_end.long())), "{told}");
        lv.override_end = crate::model::dsg::OverrideEnd::Ends(Fy(b.base_year.0 + 4));
        let moved = override_answer(&lv, &b, net);
        assert!(moved.contains(&format!("at {} (the end date this scenario assumes)", Fy(b.base_year.0 + 4).end().long())), "{moved}");
        // The government's extension to 31 March 2028, on papers that give 31 March 2026.
        let (_, q2) = crate::testing::q2_parts();
        let mut national = Levers::default_for(&q2);
        crate::model::dsg::PolicyPreset::Override2028.apply(&mut national, &q2);
        let a = override_answer(&national, &q2, net);
        assert!(a.contains("at 31 March 2028 (the end date the government announced in June 2025)"), "{a}");
        // Papers whose override ended before the years modelled: the deficit it left is the one
        // brought forward, at the 31 March before the first year.
        let mut old = b.clone();
        old.override_end = Fy(b.base_year.0 - 2).end();
        let first = override_answer(&Levers::default_for(&old), &old, net);
        let expected = format!(
            "{} at {} (the override had ended before the years modelled: the papers give {}), all of it to be met from reserves.",
            crate::units::money::gbp_m(old.deficit_brought_forward),
            Fy(b.base_year.0 - 1).end().long(),
            old.override_end.long()
        );
        assert!(first.starts_with(&expected), "{first}\nexpected {expected}");
    }

    #[test]
    fn a_year_that_never_comes_is_said_as_not_by_the_end_of_the_projection() {
        let l = crate::data::parse_dataset(crate::testing::LATEST_JSON).unwrap();
        let b = Baseline::from_dataset(&l.dataset);
        let lv = Levers::default_for(&b);
        let mut a = answers(&b, &project(&b, &lv), l.dataset.budget.net_budget.value);
        let end = a.horizon.label();
        let say = |a: &Answers, q: &str| qa_text(a, &b, true, Marks { income_assumed: true, in_year_derived: true, ..Marks::default() }).into_iter().find(|(x, _)| x == q).unwrap().1;
        let stop = "When does the overspending stop, and when is the deficit paid off?";
        let reserves = "When would it be more than the council's reserves?";
        a.back_in_deficit_in = None;
        (a.balances_in, a.clears_in) = (None, None);
        assert_eq!(say(&a, stop), format!("The in-year position does not balance by the end of {end}; nor does the deficit clear."));
        let (y1, y2) = (Fy(b.base_year.0 + 2), Fy(b.base_year.0 + 4));
        a.balances_in = Some(y1);
        assert_eq!(say(&a, stop), format!("The in-year position balances in {}; the deficit does not clear by the end of {end}.", y1.label()));
        // A balance that does not hold is not said as one that does.
        a.in_deficit_again_in = Some(y2);
        assert_eq!(say(&a, stop), format!("The in-year position balances in {}, but is in deficit again from {}; the deficit does not clear by the end of {end}.", y1.label(), y2.label()));
        a.in_deficit_again_in = None;
        a.clears_in = Some(y2);
        assert_eq!(say(&a, stop), format!("The in-year position balances in {}; the deficit clears in {}.", y1.label(), y2.label()));
        assert!(a.at_override_end.is_some(), "the papers' override ends within the projection");
        (a.passes_general_fund, a.passes_usable) = (Some(y1), None);
        let m = crate::units::money::gbp_m;
        assert_eq!(
            say(&a, reserves),
            format!("Counted against reserves once the override has ended, it is more than the general fund balance ({}) in {} and within total usable reserves ({}) to the end of {end}. This counts the deficit alone: the reserves runway on the Savings page also pays the overspend, the budget gaps and the cost of borrowing, so it can run out sooner.", m(b.general_fund), y1.label(), m(b.total_usable))
        );
    }

    #[test]
    fn the_base_years_vintages_say_which_one_the_scenario_starts_from_and_only_it_is_costed() {
        let l = crate::data::parse_dataset(crate::testing::LATEST_JSON).unwrap();
        let b = Baseline::from_dataset(&l.dataset);
        let rows = |start: Option<&str>| {
            let mut lv = Levers::default_for(&b);
            if let Some(id) = start {
                lv.start = id.into();
            }
            let a = answers(&b, &project(&b, &lv), l.dataset.budget.net_budget.value);
            let t = year_end_table(&a);
            t.rows.iter().filter(|r| r[0] == b.base_year.end().long()).map(|r| (r[1].clone(), r[2].clone(), r[3].clone())).collect::<Vec<_>>()
        };
        let latest = rows(None);
        assert_eq!(latest.len(), 2, "{latest:?}");
        assert_eq!((latest[0].0.as_str(), latest[0].2.as_str()), ("£17,200,000", "£524,250"));
        assert!(latest[0].1.starts_with("Forecast: ") && latest[0].1.ends_with("(18 March 2025); this scenario starts from it"), "{}", latest[0].1);
        assert_eq!((latest[1].0.as_str(), latest[1].2.as_str()), ("£13,700,000", ""));
        assert!(latest[1].1.starts_with("Earlier forecast, not this scenario's start: ") && latest[1].1.ends_with("(28 November 2024)"), "{}", latest[1].1);
        // Started from the older forecast, the roles swap and the cost is that figure's.
        let older = b.starts.iter().find(|s| s.year_end == rust_decimal::Decimal::from(13_700_000)).unwrap();
        let q2 = rows(Some(&older.id));
        assert_eq!((q2[0].0.as_str(), q2[0].2.as_str()), ("£17,200,000", ""));
        assert!(q2[0].1.starts_with("Later forecast, not this scenario's start: "), "{}", q2[0].1);
        assert_eq!((q2[1].0.as_str(), q2[1].2.as_str()), ("£13,700,000", "£445,500"));
        assert!(q2[1].1.ends_with("; this scenario starts from it"), "{}", q2[1].1);
    }

    #[test]
    fn the_override_answer_gives_the_councils_own_forecast_for_that_date_beside_the_projection() {
        // Ávila-on-Sea forecasts £29.6m for 31 March 2027; its override ends a year later.
        let l = crate::testing::avila();
        let b = Baseline::from_dataset(&l.dataset);
        let net = l.dataset.budget.net_budget.value;
        let mut lv = Levers::default_for(&b);
        let papers = override_answer(&lv, &b, net);
        assert!(!papers.contains("own forecast"), "no forecast of its own for 31 March 2028: {papers}");
        lv.override_end = crate::model::dsg::OverrideEnd::Ends(Fy(2026));
        let a = override_answer(&lv, &b, net);
        assert!(a.starts_with(&format!("{} at 31 March 2027 (the end date this scenario assumes)", gbp_m(project(&b, &lv).mitigated.rows[1].cumulative_deficit))), "{a}");
        assert!(a.contains("The council's own forecast for that date is £29.6m (Management plan forecast for 2026/27, January 2026); this projection starts from its figures for 31 March 2026."), "{a}");
        // The income the file gives as published is cited as such.
        let rows = qa(&answers(&b, &project(&b, &lv), net), &b, &l.dataset, true);
        assert_eq!(rows[1].2[1].0, "high-needs income");
        let shipped = crate::testing::shipped();
        let sb = Baseline::from_dataset(&shipped.dataset);
        let rows = qa(&answers(&sb, &project(&sb, &Levers::default_for(&sb)), net), &sb, &shipped.dataset, true);
        assert_eq!(rows[1].2[1].0, "high-needs income (an assumption)");
    }
}
