//! Uncertainty: how sure the high-needs forecast is. A Monte Carlo fan of the mitigated
//! cumulative deficit with the chance it passes the council's reserves, a sensitivity (tornado)
//! ranking, goal seek ("what would it take?"), and the council's published forecasts beside the
//! model's band. The model is `model::uncertainty`; this page feeds it the scenario's high-needs
//! levers and its `mc.*` settings, and draws what comes back.
//!
//! The fan is simulated from a *settled* copy of those inputs: the first run starts at once,
//! later changes wait until the inputs have been still for [`DEBOUNCE_MS`], so dragging a slider
//! never queues up simulations. In the browser a run goes in slices of a few milliseconds with
//! the event loop let in between (a newer run stops an older one), so the page stays responsive
//! however many draws; the status says "Simulating…" meanwhile. The time of the last run (its
//! slices, not the gaps) is shown and kept in `data-ms` for the benchmark.

use crate::charts::{Chart, Marker, Point, Series, Style, YFormat};
use crate::units::calendar::{Date, Fy};
use crate::model::dsg::{Baseline, LeverId, Levers, PlacementKind};
use crate::model::levers::{LeverDef, Value};
use crate::units::money::{fixed, gbp, gbp_m, gbp_m_at, gbp_m_f64, thousands, Money};
use crate::model::scenario::McLevers;
use crate::model::uncertainty::{self as mc, BandPosition, DriftPoint, Fan, Goal, Input, SeekResult, SeekVar, TornadoBar};
use crate::ui::components::later::Later;
use crate::ui::components::lever_echo::{LeverEcho, SkipToResults};
use crate::ui::components::chart::{DataTable, Figure, FigureView, Table};
use crate::ui::components::lever::{KindLevers, LeverControl};
use crate::ui::components::page_link::PageLink;
use crate::ui::components::share_bar::{PrintSummary, ShareBar};
use crate::ui::route::Page;
use crate::ui::state::use_app;
use crate::ui::components::scenario_link::Term;
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::sync::Arc;

/// How long the inputs must be still before the fan is simulated again.
pub const DEBOUNCE_MS: u32 = 150;

// ---------------------------------------------------------------------------------------------
// Formatting

/// A probability as a percentage: "54%", "<1%" (more than none), ">99%" (not every draw).
pub fn chance(p: f64) -> String {
    match p {
        p if p <= 0.0 => "0%".into(),
        p if p < 0.005 => "<1%".into(),
        p if p >= 1.0 => "100%".into(),
        p if p >= 0.995 => ">99%".into(),
        p => format!("{:.0}%", p * 100.0),
    }
}

/// "a 54% chance", "less than a 1% chance", "more than a 99% chance".
fn chance_phrase(p: f64) -> String {
    match chance(p).as_str() {
        "<1%" => "less than a 1% chance".into(),
        ">99%" => "more than a 99% chance".into(),
        c => format!("a {c} chance"),
    }
}

fn ms_text(ms: f64) -> String {
    if ms < 1.0 {
        "under 1 ms".into()
    } else {
        format!("{ms:.0} ms")
    }
}

// ---------------------------------------------------------------------------------------------
// The simulation

/// What the fan is simulated from.
#[derive(Debug, Clone)]
struct SimKey {
    b: Arc<Baseline>,
    hn: Levers,
    mc: McLevers,
}

impl PartialEq for SimKey {
    fn eq(&self, o: &Self) -> bool {
        (Arc::ptr_eq(&self.b, &o.b) || self.b == o.b) && self.hn == o.hn && self.mc == o.mc
    }
}

/// One simulation and what is drawn from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sim {
    pub b: Arc<Baseline>,
    /// The high-needs levers, clamped to their ranges (as the model reads them).
    pub levers: Levers,
    pub fan: Fan,
    pub drift: Vec<DriftPoint>,
    /// Milliseconds `simulate` took (0 where no clock is available).
    pub ms: f64,
    /// The least of the mitigations' planned effect drawn (`McLevers::delivery_low`).
    pub delivery_low: Decimal,
    /// The single line for these levers, projected once for the headline's note and the
    /// chances' summary.
    projection: crate::model::dsg::Projection,
}

/// Runs the fan for these inputs at once; `clock` gives milliseconds. The page runs it in slices
/// ([`run_sliced`]); the pre-render and the tests run it here.
pub fn run_sim(b: &Arc<Baseline>, hn: &Levers, settings: &McLevers, clock: impl Fn() -> f64) -> Sim {
    let (levers, ranges) = sim_inputs(b, hn, settings);
    let t0 = clock();
    let fan = mc::simulate(b, &levers, &ranges, settings.draws, settings.seed as u64);
    Sim::new(b, levers, fan, (clock() - t0).max(0.0), settings.delivery_low)
}

/// The levers as the model reads them, and the ranges drawn from.
fn sim_inputs(b: &Baseline, hn: &Levers, settings: &McLevers) -> (Levers, mc::Ranges) {
    let levers = hn.clamped(b);
    let ranges = settings.ranges(&levers).with_data_costs(b);
    (levers, ranges)
}

impl Sim {
    fn new(b: &Arc<Baseline>, levers: Levers, fan: Fan, ms: f64, delivery_low: Decimal) -> Sim {
        let drift = mc::drift(b, &fan);
        let projection = crate::model::dsg::project(b, &levers);
        Sim { b: b.clone(), levers, fan, drift, ms, delivery_low, projection }
    }
}

/// Longest a slice of a simulation keeps the main thread (ms): a phone four times slower than
/// this machine still stays under the 50 ms a long task starts at.
const SLICE_MS: f64 = 8.0;

/// The same fan as [`run_sim`], run a slice at a time with the event loop let in between, so
/// input, painting and the rest of the page go on while it runs. `None` if `wanted` turns false
/// between slices (a newer run replaced it, or the page closed). `ms` is the time spent
/// simulating, without the gaps.
async fn run_sliced(b: Arc<Baseline>, hn: Levers, settings: McLevers, wanted: impl Fn() -> bool) -> Option<Sim> {
    let (levers, ranges) = sim_inputs(&b, &hn, &settings);
    let mut sim = Some(mc::Simulation::new(&b, &levers, &ranges, settings.draws, settings.seed as u64));
    // A slice runs draws until its time is up; the last one hands over the fan.
    let slice = |out_of_time: &mut dyn FnMut() -> bool| if sim.as_mut()?.run(out_of_time) { sim.take().map(mc::Simulation::finish) } else { None };
    let (fan, spent_ms) = crate::ui::slices::in_slices(SLICE_MS, slice, wanted).await?;
    Some(Sim::new(&b, levers, fan, spent_ms, settings.delivery_low))
}

/// The year the tornado and the goal-seek year default to: the last year the override covers
/// (the deficit at the cliff), or the horizon if the override runs past it or never ends.
pub fn focus_year(b: &Baseline, lv: &Levers) -> Fy {
    let last = lv.horizon_year(b);
    match lv.override_end.last_year() {
        Some(y) if y > b.base_year && y <= last => y,
        _ => last,
    }
}

/// Projected years (after the base year) up to the horizon.
fn projected_years(b: &Baseline, lv: &Levers) -> Vec<Fy> {
    (b.base_year.0 + 1..=lv.horizon_year(b).0).map(Fy).collect()
}

/// The one-sentence answer to "when does the deficit pass the reserves?", in chances.
pub fn headline(sim: &Sim) -> String {
    let fan = &sim.fan;
    let Some(last) = fan.years.last() else { return String::new() };
    let counts = fan.years.iter().any(|y| !sim.levers.override_end.in_force(y.year));
    if !counts {
        return match sim.levers.override_end.last_year() {
            None => "The override never ends in this scenario, so the deficit never counts against the council's reserves.".into(),
            Some(y) => format!("The override runs to {}, past the horizon, so the deficit never counts against the council's reserves in these years.", y.end().long()),
        };
    }
    let first_likely = |p: fn(&mc::FanYear) -> f64| fan.years.iter().position(|y| p(y) >= 0.5);
    let usable = |y: &mc::FanYear| y.p_usable_exceeded_by;
    let general = |y: &mc::FanYear| y.p_general_fund_exceeded_by;
    let sentence = |what: &str, p: fn(&mc::FanYear) -> f64| match first_likely(p) {
        Some(i) => {
            let y = &fan.years[i];
            let before = i.checked_sub(1).map(|j| p(&fan.years[j])).filter(|q| *q > 0.0);
            let mut s = format!("There is {} the deficit exceeds {what} by {}", chance_phrase(p(y)), y.year.label());
            if let Some(q) = before {
                s.push_str(&format!(" ({} by {})", chance(q), fan.years[i - 1].year.label()));
            }
            s.push('.');
            s
        }
        None => format!("There is {} the deficit exceeds {what} by {}.", chance_phrase(p(last)), last.year.label()),
    };
    if usable(last) > 0.0 || general(last) == 0.0 {
        let mut s = sentence("usable reserves", usable);
        if usable(last) == 0.0 {
            s = format!("In every draw the deficit stays within the general fund balance to {}.", last.year.label());
        }
        s
    } else {
        format!("{} It stays within total usable reserves in every draw to {}.", sentence("the general fund balance", general), last.year.label())
    }
}

fn fan_chart(sim: &Sim) -> Chart {
    let fan = &sim.fan;
    let base = sim.b.base_year;
    let n = fan.years.len();
    let title = match fan.years.last() {
        Some(y) => format!(
            "By {}, 8 draws in 10 put the deficit between {} and {} (median {})",
            y.year.end().long(),
            gbp_m_f64(y.band.p10),
            gbp_m_f64(y.band.p90),
            gbp_m_f64(y.band.p50)
        ),
        None => "The range of outcomes".into(),
    };
    let mut c = Chart::new("mc-fan", &title);
    c.description = format!(
        "Fan chart of the mitigated cumulative DSG deficit at each 31 March from {} draws: a light band from the 10th to the 90th percentile, a darker band from the 25th to the 75th, and a solid line for the median; dotted line the general fund balance, dash-dot line total usable reserves; crosses the council's published forecasts.",
        thousands(fan.draws as usize)
    );
    c.x_labels = fan.years.iter().map(|y| y.year.label()).collect();
    let col = |f: fn(&mc::Band) -> f64| fan.years.iter().map(|y| Some(f(&y.band))).collect::<Vec<_>>();
    let series = |name: &str, values: Vec<Option<f64>>, style: Style, colour: usize| Series { name: name.into(), values, style, colour };
    c.bands.push((series("10th percentile", col(|b| b.p10), Style::Line, 0), series("10th to 90th percentile", col(|b| b.p90), Style::Line, 0)));
    c.bands.push((series("25th percentile", col(|b| b.p25), Style::Line, 0), series("25th to 75th percentile", col(|b| b.p75), Style::Line, 0)));
    c.series.push(series("Median (50th percentile)", col(|b| b.p50), Style::Line, 0));
    c.series.push(series("General fund balance", vec![Some(fan.general_fund); n], Style::Dotted, 3));
    c.series.push(series("Total usable reserves", vec![Some(fan.usable_reserves); n], Style::Level, 4));
    if let Some(last) = sim.levers.override_end.last_year() {
        if last >= base && last.0 - base.0 < n as i32 - 1 {
            c.markers.push(Marker { x: (last.0 - base.0) as f64, label: format!("Override ends {}", last.end().long()) });
        }
    }
    for d in &sim.drift {
        let x = x_of(base, d.for_date);
        if x >= -0.5 && x <= n as f64 - 0.5 {
            c.points.push(Point { x, y: charts_f64(d.amount), label: format!("{} forecast", d.made.long()), colour: 2 });
        }
    }
    c.height = 380;
    c
}

/// The x position of a date on a chart whose categories are financial years (balances at
/// 31 March), as on the High needs page.
fn x_of(base: Fy, d: crate::units::calendar::Date) -> f64 {
    let fy = d.fy();
    let months_from_april = ((d.month as i32 + 8) % 12) as f64 + d.day as f64 / 31.0;
    (fy.0 - base.0) as f64 - 1.0 + months_from_april / 12.0
}

fn charts_f64(d: Money) -> f64 {
    crate::units::money::to_f64(d)
}

fn fan_table(fan: &Fan) -> Table {
    let mut t = Table {
        caption: format!("Mitigated cumulative DSG deficit at each 31 March: percentiles of {} draws (£m), and the chance it has passed the reserves", thousands(fan.draws as usize)),
        headers: ["Year", "10th percentile", "25th percentile", "Median", "75th percentile", "90th percentile", "Chance over general fund by then, once counted against reserves", "Chance over usable reserves by then, once counted against reserves"]
            .map(String::from)
            .to_vec(),
        rows: vec![],
    };
    for y in &fan.years {
        let b = &y.band;
        t.rows.push(vec![
            y.year.label(),
            gbp_m_f64(b.p10),
            gbp_m_f64(b.p25),
            gbp_m_f64(b.p50),
            gbp_m_f64(b.p75),
            gbp_m_f64(b.p90),
            chance(y.p_general_fund_exceeded_by),
            chance(y.p_usable_exceeded_by),
        ]);
    }
    t
}

fn chance_figure(sim: &Sim) -> Figure {
    let fan = &sim.fan;
    let mut c = Chart::new("mc-chance", &headline(sim));
    c.description = "Bars: for each year, the share of draws in which the deficit counting against reserves has passed the general fund balance, and total usable reserves, in that year or earlier.".into();
    c.x_labels = fan.years.iter().map(|y| y.year.label()).collect();
    c.y_format = YFormat::Percent;
    c.series.push(Series {
        name: "Over the general fund balance, by then".into(),
        values: fan.years.iter().map(|y| Some(y.p_general_fund_exceeded_by * 100.0)).collect(),
        style: Style::Bars,
        colour: 3,
    });
    c.series.push(Series {
        name: "Over total usable reserves, by then".into(),
        values: fan.years.iter().map(|y| Some(y.p_usable_exceeded_by * 100.0)).collect(),
        style: Style::Bars,
        colour: 4,
    });
    c.height = 300;
    let mut t = Table {
        caption: "Chance the deficit counting against reserves is over each balance".into(),
        headers: ["Year", "Override in force", "Over general fund that year", "Over general fund by then", "Over usable reserves that year", "Over usable reserves by then"]
            .map(String::from)
            .to_vec(),
        rows: vec![],
    };
    for y in &fan.years {
        t.rows.push(vec![
            y.year.label(),
            if sim.levers.override_end.in_force(y.year) { "yes".into() } else { "no".into() },
            chance(y.p_over_general_fund),
            chance(y.p_general_fund_exceeded_by),
            chance(y.p_over_usable),
            chance(y.p_usable_exceeded_by),
        ]);
    }
    Figure::new(c, t, chance_summary(sim))
}

fn chance_summary(sim: &Sim) -> String {
    let fan = &sim.fan;
    let Some(last) = fan.years.last() else { return String::new() };
    // Of an override that had ended before the years modelled, "while it is in force" is of
    // none of them (a reviewer's council read it beside "The override had ended …").
    let ended = matches!(sim.levers.override_end, crate::model::dsg::OverrideEnd::Ends(last) if last < sim.b.base_year);
    let mut s = format!(
        "By {}, {} of draws have passed the general fund balance ({}) and {} total usable reserves ({}).{}",
        last.year.label(),
        chance(last.p_general_fund_exceeded_by),
        gbp_m_f64(fan.general_fund),
        chance(last.p_usable_exceeded_by),
        gbp_m_f64(fan.usable_reserves),
        if ended { "" } else { " While the override is in force the deficit does not count against reserves." }
    );
    s.push_str(&reserves_years_compared(sim));
    s
}

/// The year total usable reserves are passed with the assumptions as they are (`central`) and
/// the first year more draws than not have passed them (`likely`); `None` where the override
/// covers every year drawn.
struct Years<'a> {
    projection: &'a crate::model::dsg::Projection,
    central: Option<Fy>,
    likely: Option<Fy>,
}

fn reserves_years(sim: &Sim) -> Option<Years<'_>> {
    if !sim.fan.years.iter().any(|y| !sim.levers.override_end.in_force(y.year)) {
        return None;
    }
    let projection = &sim.projection;
    let central = projection.mitigated.headline.exceeds_usable_reserves;
    let likely = sim.fan.years.iter().find(|y| y.p_usable_exceeded_by >= 0.5).map(|y| y.year);
    Some(Years { projection, central, likely })
}

/// Under the headline, where its year is not the one High needs gives: that year, and which way
/// the draws lean from it (a trial read "62% by 2028/29" here beside "2029/30" there, with the
/// reason two charts down). A cost range with the data's figure at one end is named: every draw
/// of that cost is on one side of it.
pub fn beside_central(sim: &Sim) -> String {
    let Some(Years { projection, central, likely }) = reserves_years(sim) else { return String::new() };
    if likely == central {
        return String::new();
    }
    let horizon = sim.fan.years.last().map(|y| y.year.label()).unwrap_or_default();
    let central_words = match central {
        Some(y) => format!("With your assumptions as they are (the High needs page) the deficit passes total usable reserves in {}", y.label()),
        None => format!("With your assumptions as they are (the High needs page) the deficit stays within total usable reserves to {horizon}"),
    };
    // The side in the earlier of the two years, as the chart's summary tells them apart.
    let year = match (likely, central) {
        (Some(y), c) if c.is_none_or(|c| y < c) => y,
        (_, Some(c)) => c,
        _ => return format!("{central_words}."),
    };
    let (Some(row), Some(drawn)) = (projection.mitigated.rows.iter().find(|r| r.year == year), sim.fan.year(year)) else { return format!("{central_words}.") };
    let higher = drawn.band.p50 > crate::units::money::to_f64(row.cumulative_deficit);
    // A data line's name inside a sentence: "independent and non-maintained special schools",
    // but "SEN units" as it is.
    let inside = |name: &str| {
        let mut c = name.chars();
        match (c.next(), c.next()) {
            (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => first.to_lowercase().chain(name.chars().skip(1)).collect(),
            _ => name.to_string(),
        }
    };
    let mut one_sided: Vec<String> = sim
        .b
        .placements
        .iter()
        .filter_map(|p| {
            let (lo, hi) = p.cost_range?;
            let avg = p.average_cost;
            if higher && lo >= avg && hi > avg {
                Some(format!("the cost of a place in {} is drawn from the data's {} up to {}, never below it", inside(&p.name), gbp(avg), gbp(hi)))
            } else if !higher && hi <= avg && lo < avg {
                Some(format!("the cost of a place in {} is drawn from {} up to the data's {}, never above it", inside(&p.name), gbp(lo), gbp(avg)))
            } else {
                None
            }
        })
        .collect();
    // Mitigations are drawn as delivered in part or in full, never more (a review's saving
    // leaned the draws with no word of why): new places, earlier support and the saving.
    let lv = &sim.levers;
    let delivered = lv.places.per_year > Decimal::ZERO || lv.support.growth_reduction > Decimal::ZERO || lv.saving.per_year > Decimal::ZERO;
    if higher && delivered && sim.delivery_low < Decimal::ONE {
        one_sided.push(format!("the mitigations are drawn as delivered from {} of their planned effect up to all of it, never more", crate::units::money::pct_exact(sim.delivery_low)));
    }
    let because = if one_sided.is_empty() { " (they come from ranges that need not be centred on your assumptions)".to_string() } else { format!(", partly because {}", crate::ui::components::words::listed(&one_sided)) };
    format!("{central_words}: the draws lean {}{because}.", if higher { "higher" } else { "lower" })
}

/// This page's reserves year beside the two the other pages give, so three answers to "when
/// are the reserves gone?" are read as three questions: High needs' year for the central
/// assumptions, this page's chances as they vary, and the runway, which pays more than the
/// DSG deficit.
fn reserves_years_compared(sim: &Sim) -> String {
    let fan = &sim.fan;
    let Some(Years { projection, central, likely }) = reserves_years(sim) else { return String::new() };
    let horizon = fan.years.last().map(|y| y.year.label()).unwrap_or_default();
    let central_words = match central {
        Some(y) => format!("passes total usable reserves in {}", y.label()),
        None => format!("stays within total usable reserves to {horizon}"),
    };
    // Where the two disagree, the middle draw beside the single line in the year that tells them
    // apart (a reader of 62% by 2028/29 beside High needs' 2029/30 could not tell why). No cause
    // is named: the ranges, partial delivery of mitigations, a range cut off at a slider's end and
    // the sum over kinds each move the middle draw, by amounts only another run could measure.
    let apart = |y: Fy, when: &str| {
        let Some(row) = projection.mitigated.rows.iter().find(|r| r.year == y) else { return String::new() };
        let Some(drawn) = fan.year(y) else { return String::new() };
        let line = crate::units::money::to_f64(row.cumulative_deficit);
        let (middle, single) = told_apart(drawn.band.p50, line);
        let side = if drawn.band.p50 > line { "above" } else { "below" };
        format!(": at {}{when} the middle draw is {middle}, {side} the {single} of your assumptions as they are (the draws come from ranges that need not be centred on them)", y.end().long())
    };
    let here = if likely == central {
        "the draws agree".to_string()
    } else {
        let said = match likely {
            Some(y) => format!("it is more likely than not by {}", y.label()),
            None => format!("it is not more likely than not by {horizon}"),
        };
        // Told in the earlier of the two years: the draws' if they pass first, else the line's.
        let told = match (likely, central) {
            (Some(y), c) if c.is_none_or(|c| y < c) => apart(y, ""),
            (_, Some(c)) => apart(c, ", when your assumptions as they are pass them,"),
            _ => String::new(),
        };
        format!("here, with the assumptions varied within their ranges, {said}{told}")
    };
    format!(
        " With your assumptions as they are (the High needs page) the deficit {central_words}; {here}. The reserves runway on Savings and Compare also pays the revenue overspend, the budget gaps and the cost of borrowing, so it can run out sooner."
    )
}

/// Two amounts in £m to as many places as tell them apart (to 3 at most): "£82.8m" beside
/// "£82.8m" said nothing of which was the larger.
fn told_apart(a: f64, b: f64) -> (String, String) {
    let at = |x: f64, dp: u32| match dp {
        1 => gbp_m_f64(x),
        _ => <Decimal as rust_decimal::prelude::FromPrimitive>::from_f64(x).map_or_else(|| gbp_m_f64(x), |d| gbp_m_at(d, dp)),
    };
    (1..=3).map(|dp| (at(a, dp), at(b, dp))).find(|(x, y)| x != y).unwrap_or_else(|| (at(a, 3), at(b, 3)))
}

fn fan_summary(sim: &Sim) -> String {
    let fan = &sim.fan;
    let lv = &sim.levers;
    let at = |y: Fy| fan.year(y);
    let mut s = String::new();
    if let Some(y) = lv.override_end.last_year().and_then(at) {
        s.push_str(&format!(
            "When the override ends on {}, half the draws put the deficit between {} and {} (median {}). ",
            y.year.end().long(),
            gbp_m_f64(y.band.p25),
            gbp_m_f64(y.band.p75),
            gbp_m_f64(y.band.p50)
        ));
    } else if let Some(last) = lv.override_end.last_year().filter(|&l| sim.b.ended_before_modelled(l)) {
        s.push_str(&format!("The override had ended before the years modelled, so in every draw the deficit counts against the council's reserves from the first year, {}. ", last.next().label()));
    }
    if let Some(y) = fan.years.last() {
        s.push_str(&format!("The band widens each year as uncertainty compounds: at {} it is {} wide from the 10th to the 90th percentile.", y.year.end().long(), gbp_m_f64(y.band.p90 - y.band.p10)));
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Tornado

/// A short name for a chart's category axis.
fn short(input: Input) -> &'static str {
    match input {
        Input::Growth(PlacementKind::Mainstream) => "Mainstream",
        Input::Growth(PlacementKind::LocalSpecial) => "Special",
        Input::Growth(PlacementKind::Independent) => "Independent",
        Input::Growth(PlacementKind::Post16) => "Post-16",
        Input::Growth(PlacementKind::Other) => "Other",
        Input::Growth(PlacementKind::Resourced) => "Resourced",
        Input::Growth(PlacementKind::HospitalAp) => "Hospital/AP",
        Input::CostInflation => "Inflation",
        Input::IncomeGrowth => "Income",
        Input::MitigationDelivery => "Delivery",
        Input::Cost(PlacementKind::Mainstream) => "Cost: mainstream",
        Input::Cost(PlacementKind::LocalSpecial) => "Cost: special",
        Input::Cost(PlacementKind::Independent) => "Cost: independent",
        Input::Cost(PlacementKind::Post16) => "Cost: post-16",
        Input::Cost(PlacementKind::Other) => "Cost: other",
        Input::Cost(PlacementKind::Resourced) => "Cost: resourced",
        Input::Cost(PlacementKind::HospitalAp) => "Cost: hospital/AP",
    }
}

/// An input's value in words: "8% a year", "50% delivered".
fn input_value(input: Input, v: Decimal) -> String {
    let p = (v * Decimal::ONE_HUNDRED).normalize();
    match input {
        Input::MitigationDelivery => format!("{}% delivered", fixed(p, 0)),
        Input::Cost(_) => format!("{}% of the data's average cost", fixed(p, 0)),
        _ => format!("{}% a year", p),
    }
}

fn tornado_figure(bars: &[TornadoBar], year: Fy) -> Figure {
    let when = year.end().long();
    let title = match bars.first() {
        Some(top) if !top.swing.is_zero() => format!("{} matters most to the deficit at {}: across its range it moves it by {}", top.input.label(), when, gbp_m(top.swing)),
        _ => format!("No input changes the deficit at {when}"),
    };
    let mut c = Chart::new("mc-tornado", &title);
    c.description = "Bars, largest swing first: how far the deficit moves from its value at your assumptions when one input is at the low end of its range and when it is at the high end, the others held at your assumptions.".into();
    c.x_labels = bars.iter().map(|b| short(b.input).to_string()).collect();
    c.series.push(Series { name: "Input at the low end of its range".into(), values: bars.iter().map(|b| Some(charts_f64(b.at_low - b.base))).collect(), style: Style::Bars, colour: 1 });
    c.series.push(Series { name: "Input at the high end of its range".into(), values: bars.iter().map(|b| Some(charts_f64(b.at_high - b.base))).collect(), style: Style::Bars, colour: 0 });
    // Across, a row per input, so every input is named however many there are.
    c.horizontal = true;
    c.width = 800;
    c.height = 70 + 30 * bars.len().max(1) as u32;
    let mut t = Table {
        caption: format!("Sensitivity of the deficit at {when}, largest swing first (exact)"),
        headers: ["Input", "Low value", "High value", "Deficit at low value", "Deficit at high value", "Swing"].map(String::from).to_vec(),
        rows: vec![],
    };
    for b in bars {
        t.rows.push(vec![b.input.label().to_string(), input_value(b.input, b.low), input_value(b.input, b.high), gbp_m(b.at_low), gbp_m(b.at_high), gbp_m(b.swing)]);
    }
    let summary = match bars.first() {
        Some(b) => format!(
            "At your assumptions the deficit at {when} is {}. Bars below zero lower it, bars above raise it; an input with no bar changes nothing (mitigation delivery, for example, when no mitigation is set).",
            gbp_m(b.base)
        ),
        None => String::new(),
    };
    Figure::new(c, t, summary)
}

// ---------------------------------------------------------------------------------------------
// Goal seek

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GoalKind {
    InYear,
    GeneralFund,
    Usable,
}

// Short enough for a select at 320 px (about 32 characters); the paragraph above the form
// says what the deficit goals count.
const GOALS: [(GoalKind, &str, &str); 3] = [
    (GoalKind::InYear, "in-year", "In-year balance from a chosen year"),
    (GoalKind::GeneralFund, "general-fund", "Deficit within the general fund"),
    (GoalKind::Usable, "usable", "Deficit within usable reserves"),
];

const VARS: [(SeekVar, &str, &str); 4] = [
    (SeekVar::NewPlacesPerYear, "places", "New special-school places a year"),
    (SeekVar::GrowthAllKinds, "growth", "EHCP growth, all placement types"),
    (SeekVar::SavingPerYear, "saving", "Another saving, £ a year"),
    (SeekVar::Transfer, "transfer", "Schools-block transfer, %"),
];

// The page's view choices that its link keeps (`share::codec::VIEW`): the year ranked in "What
// matters most" and the goal seek's goal, lever and year. They change no figure of the
// scenario, so they are not levers; a link that opened the page on 2029/30's ranking must
// reopen it there.

/// Why `value` of the view choice `key` is not one this page offers, where `years` are the
/// years the scenario projects.
fn view_problem(key: &str, value: &str, years: &[Fy]) -> Option<String> {
    let shown = crate::share::open::shown(value);
    match key {
        "tornado.year" | "seek.year" => {
            let (first, last) = (years.first()?, years.last()?);
            match Fy::parse_key(value) {
                None => Some(format!("{shown} is not a financial year: write it as {}", first.key())),
                Some(y) if !years.contains(&y) => Some(format!("{shown} is not a year modelled ({} to {})", first.label(), last.label())),
                Some(_) => None,
            }
        }
        "seek.goal" => (!GOALS.iter().any(|(_, code, _)| *code == value)).then(|| format!("{shown} is not a goal: it is one of {}", codes(GOALS.iter().map(|g| g.1)))),
        "seek.by" => (!VARS.iter().any(|(_, code, _)| *code == value)).then(|| format!("{shown} is not a lever the goal seek moves: it is one of {}", codes(VARS.iter().map(|v| v.1)))),
        _ => None,
    }
}

/// "a, b or c".
fn codes<'a>(all: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = all.collect();
    match all.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => all.join(""),
    }
}

/// The view choices a link to this page writes: those that name a choice the page offers for
/// the scenario (a year no longer modelled is shown as the default, so not written), a year as
/// the link writes years (`2030-31`, however it was given), and not the first goal or lever,
/// which are the defaults whatever the scenario. (A year is kept even where it is the default:
/// that default follows the override's end, and the reader chose this year.)
pub fn view_link(view: &[(String, String)], b: &Baseline, s: &crate::model::scenario::Scenario) -> Vec<(String, String)> {
    // (Part of the link, worked out on every change: nothing to do without a choice.)
    if view.is_empty() {
        return vec![];
    }
    let years = projected_years(b, &s.hn.clamped(b));
    let defaults = [("seek.goal", GOALS[0].1), ("seek.by", VARS[0].1)];
    view.iter()
        .filter(|(k, v)| crate::share::codec::VIEW.contains(&k.as_str()) && view_problem(k, v, &years).is_none() && !defaults.contains(&(k.as_str(), v.as_str())))
        .map(|(k, v)| (k.clone(), if k.ends_with(".year") { Fy::parse_key(v).map(|y| y.key()).unwrap_or_else(|| v.clone()) } else { v.clone() }))
        .collect()
}

/// A notice for each view choice of a link that this page does not offer (on whichever page the
/// link opens: the choice is kept for this one); the default is shown.
pub fn view_notices(view: &[(String, String)], b: &Baseline, s: &crate::model::scenario::Scenario) -> Vec<crate::share::codec::Notice> {
    let years = projected_years(b, &s.hn.clamped(b));
    view.iter()
        .filter_map(|(k, v)| view_problem(k, v, &years).map(|why| crate::share::codec::Notice { param: k.clone(), message: format!("{why}; the Uncertainty page shows its default instead") }))
        .collect()
}

/// The view choice `key`, as a memo of the app's (`None` when the link or reader gave none).
fn view_choice(key: &'static str) -> Memo<Option<String>> {
    let app = use_app();
    crate::ui::memo::memo(move |_| app.view.with(|v| v.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())))
}

/// Sets the view choice `key` (in `VIEW` order, so a link writes them in one order).
fn choose_view(key: &'static str, value: String) {
    let app = use_app();
    app.view.update(|v| {
        v.retain(|(k, _)| k != key);
        v.push((key.to_string(), value));
        let order = |k: &str| crate::share::codec::VIEW.iter().position(|x| *x == k);
        v.sort_by_key(|(k, _)| order(k));
    });
}

/// Goal seek's answer in words, and the lever values that would apply it.
#[derive(Debug, Clone, PartialEq)]
pub struct SeekView {
    /// "achieved", "infeasible" or "invalid".
    pub outcome: &'static str,
    pub text: String,
    /// The levers to set and their values (display units); empty if there is nothing to apply.
    pub apply: Vec<(&'static LeverDef, Value)>,
    pub apply_label: &'static str,
    /// The levers already have these values.
    pub in_use: bool,
}

fn goal_phrase(b: &Baseline, lv: &Levers, goal: Goal) -> String {
    let h = lv.horizon_year(b).label();
    match goal {
        Goal::InYearBalancedBy(y) if y == lv.horizon_year(b) => format!("balance the in-year position in {h}"),
        Goal::InYearBalancedBy(y) => format!("balance the in-year position by {} and keep it balanced to {h}", y.label()),
        Goal::CumulativeBelowGeneralFund => format!("keep the deficit within the general fund balance ({}) every year from the end of the override to {h}", gbp_m(b.general_fund)),
        Goal::CumulativeBelowUsableReserves => format!("keep the deficit within total usable reserves ({}) every year from the end of the override to {h}", gbp_m(b.total_usable)),
    }
}

/// The levers that would give `var` the value `v` (display units), with their values.
fn apply_pairs(b: &Baseline, lv: &Levers, var: SeekVar, v: Decimal) -> Vec<(&'static LeverDef, Value)> {
    match var.lever() {
        Some(id) => vec![(id.def(), Value::Number(v.normalize()))],
        None => PlacementKind::ALL
            .iter()
            .filter(|&&k| b.has_kind(k))
            .map(|&k| {
                let now = lv.growth.get(k) * Decimal::ONE_HUNDRED;
                (LeverId::Growth(k).def(), Value::Number((now + v).normalize()))
            })
            .collect(),
    }
}

fn in_use(lv: &Levers, pairs: &[(&'static LeverDef, Value)]) -> bool {
    pairs.iter().all(|(def, v)| def.get_hn(lv).is_some_and(|now| now.text() == v.text()))
}

/// The reader's own value of a lever the goal seek moves from nothing upwards (places, a saving, a
/// transfer), in the goal seek's units; `None` for the growth rates.
fn own_value(lv: &Levers, var: SeekVar) -> Option<Decimal> {
    let id = match var {
        SeekVar::Growth(_) | SeekVar::GrowthAllKinds => return None,
        _ => var.lever()?,
    };
    match id.def().get_hn(lv) {
        Some(Value::Number(n)) => Some(n),
        _ => None,
    }
}

/// That value in words, with its verb ("100 new places a year", "are").
fn own_words(lv: &Levers, var: SeekVar, n: Decimal) -> (String, &'static str) {
    match var {
        SeekVar::NewPlacesPerYear if lv.places.years <= 1 => (format!("{} new places", n.normalize()), "are"),
        SeekVar::NewPlacesPerYear => (format!("{} new places a year", n.normalize()), "are"),
        SeekVar::SavingPerYear => (format!("saving of {} a year", gbp_m(n)), "is"),
        _ => (format!("transfer of {}%", n.normalize()), "is"),
    }
}

/// Why a lever cannot balance the years before it starts, if the in-year goal's year is one of
/// them (a trial's saving from 2030/31, asked to balance 2027/28, was "not reachable … going
/// further than that changes nothing", with no word of its start).
fn late_start(lv: &Levers, goal: Goal, var: SeekVar) -> String {
    let Goal::InYearBalancedBy(target) = goal else { return String::new() };
    let (what, none, start) = match var {
        SeekVar::NewPlacesPerYear => ("The new places open", "no number of them", lv.places.start),
        SeekVar::SavingPerYear => ("The saving starts", "no amount of it", lv.saving.start),
        _ => return String::new(),
    };
    if start <= target {
        return String::new();
    }
    format!(" {what} in {}, after {}: {none} changes the years before. An earlier start, on the High needs page, might.", start.label(), target.label())
}

/// The growth rates a growth answer `v` gives (a shift in percentage points for every placement
/// type; one type's own rate for `SeekVar::Growth`), so an answer's size can be judged: a
/// trial's "16 percentage points a year lower" meant numbers falling 8% to 13% a year, unsaid.
/// Earlier support takes its points off every type's growth, so the rates are given after it
/// once it has its full effect (a review's rates left it out).
fn growth_then(b: &Baseline, lv: &Levers, var: SeekVar, v: Decimal) -> String {
    let support = lv.support.growth_reduction;
    let rate = |k: PlacementKind| match var {
        SeekVar::Growth(_) => v / Decimal::ONE_HUNDRED,
        _ => lv.growth.get(k) + v / Decimal::ONE_HUNDRED,
    } - support;
    let moved = |k: PlacementKind| match var {
        SeekVar::Growth(one) => one == k,
        _ => true,
    };
    let rates: Vec<Decimal> = PlacementKind::ALL.iter().filter(|&&k| b.has_kind(k) && moved(k)).map(|&k| rate(k)).collect();
    let (Some(lo), Some(hi)) = (rates.iter().min().copied(), rates.iter().max().copied()) else { return String::new() };
    let range = if lo == hi { crate::units::money::pct_exact(lo) } else { format!("{} to {}", crate::units::money::pct_exact(lo), crate::units::money::pct_exact(hi)) };
    let after = if support > Decimal::ZERO { ", after the earlier support's points once it has its full effect" } else { "" };
    let fall = if hi < Decimal::ZERO && rates.len() == 1 {
        ": the number of EHCPs falling every year"
    } else if hi < Decimal::ZERO {
        ": the number of EHCPs falling every year in every placement type"
    } else if lo < Decimal::ZERO {
        ": the number of EHCPs falling every year in some placement types"
    } else {
        ""
    };
    format!(" That is growth of {range} a year{after}{fall}.")
}

/// Runs goal seek and puts its answer into words.
pub fn seek_view(b: &Baseline, hn: &Levers, goal: Goal, var: SeekVar) -> SeekView {
    let lv = hn.clamped(b);
    let aim = goal_phrase(b, &lv, goal);
    let own = own_value(&lv, var);
    match mc::goal_seek(b, &lv, goal, var) {
        SeekResult::Achieved { value: v, outcome, .. } => {
            let zero = v.is_zero();
            let vt = v.normalize();
            let mut text = match var {
                SeekVar::NewPlacesPerYear if zero => format!("No new places are needed: your assumptions already {aim}."),
                SeekVar::NewPlacesPerYear => {
                    let p = &lv.places;
                    let when = if p.years <= 1 { format!("opening in {}", p.start.label()) } else { format!("a year for {} years from {}", p.years, p.start.label()) };
                    // The lever's other settings are part of the answer (a trial read a phased
                    // saving's answer as a saving in full from its first year).
                    let fill = match (p.ramp_years, p.years) {
                        (0 | 1, _) => String::new(),
                        (r, 0 | 1) => format!(", filling over {r} years,"),
                        (r, _) => format!(", each year's places filling over {r} years,"),
                    };
                    format!("About {vt} new local special-school places {when}{fill} would {aim}.")
                }
                SeekVar::SavingPerYear if zero => format!("No other saving is needed: your assumptions already {aim}."),
                SeekVar::SavingPerYear => {
                    use crate::ui::components::key_questions::{phased_words, saving_in_full, saving_share};
                    let phased = phased_words(&lv);
                    // Set against spending in the year the goal names (a review's answer "by
                    // 2029/30" was set against 2025/26), else in the year it has its full effect.
                    let from = match goal {
                        // Not before the saving starts (no share to give in a year without it).
                        Goal::InYearBalancedBy(y) => y.max(lv.saving.start).min(lv.horizon_year(b)),
                        _ => saving_in_full(b, &lv),
                    };
                    let share = saving_share(b, &lv, v, from, lv.horizon_year(b));
                    format!("A saving of about {} a year ({}) from {}{phased} would {aim}.{share}", gbp_m(v), gbp(v), lv.saving.start.label())
                }
                SeekVar::Transfer if zero => format!("No schools-block transfer is needed: your assumptions already {aim}."),
                SeekVar::Transfer => {
                    let mut s = format!("A transfer of {vt}% of the schools block each year from {} would {aim}.", b.base_year.next().label());
                    if v > Decimal::new(5, 1) {
                        s.push_str(" A transfer above 0.5% needs the Secretary of State's approval.");
                    }
                    s
                }
                SeekVar::GrowthAllKinds | SeekVar::Growth(_) if v > Decimal::ZERO => format!("EHCP growth could be up to {} a year higher for every placement type and still {aim}.{}", crate::ui::components::words::points(vt), growth_then(b, &lv, var, v)),
                SeekVar::GrowthAllKinds | SeekVar::Growth(_) if zero => format!("Your growth assumptions are the highest that still {aim}."),
                SeekVar::GrowthAllKinds | SeekVar::Growth(_) => format!("EHCP growth would have to be {} a year lower for every placement type to {aim}.{}", crate::ui::components::words::points(vt.abs()), growth_then(b, &lv, var, v)),
            };
            // Only where that is the chosen year or later: an earlier balance slips back.
            if let (Goal::InYearBalancedBy(target), Some(y)) = (goal, outcome.balances_in) {
                if y >= target {
                    text.push_str(&format!(" The in-year position first balances in {}.", y.label()));
                }
            }
            let apply = apply_pairs(b, &lv, var, v);
            let in_use = in_use(&lv, &apply);
            // The reader's own value of the lever may already do more than needed: said, so Apply
            // is not taken for more (a trial's £50m saving was offered "about £42.4m" with Apply).
            let apply_label = match own.filter(|n| *n > v) {
                Some(n) => {
                    let (yours, is) = own_words(&lv, var, n);
                    text.push_str(&if zero { format!(" Your own {yours} {is} not needed for that.") } else { format!(" Your own {yours} {is} already enough; this is the least that is.") });
                    "Apply this lower value"
                }
                None => "Apply this",
            };
            SeekView { outcome: "achieved", text, apply, apply_label, in_use }
        }
        // More places than the closest value do as much as it (no children are left in
        // independent placements to move): "Apply the closest value" would have cut a reader's
        // 100 places to 52, and the fan's chances got worse.
        SeekResult::Infeasible { best_value, reason, .. } if var == SeekVar::NewPlacesPerYear && best_value > Decimal::ZERO && lv.places.per_year > best_value => {
            let text = format!("{reason} Your {} new places do as much as new places can here: beyond {}, no children are left in independent placements to move.{}", lv.places.per_year.normalize(), best_value.normalize(), late_start(&lv, goal, var));
            SeekView { outcome: "infeasible", text, apply: vec![], apply_label: "", in_use: false }
        }
        // Likewise a larger saving or transfer of the reader's own, where more does no better:
        // "Apply the closest value" would have cut it without a word (a review's £50m saving).
        SeekResult::Infeasible { best_value, reason, worse: false, .. } if own.is_some_and(|n| n > best_value) => {
            let (yours, is) = own_words(&lv, var, own.unwrap_or_default());
            let help = if best_value.is_zero() { "no help here either" } else { "more than that, and does no better" };
            let text = format!("{reason} Your own {yours} {is} {help}.{}", late_start(&lv, goal, var));
            SeekView { outcome: "infeasible", text, apply: vec![], apply_label: "", in_use: false }
        }
        SeekResult::Infeasible { best_value, reason, .. } => {
            let apply = apply_pairs(b, &lv, var, best_value);
            let in_use = in_use(&lv, &apply);
            SeekView { outcome: "infeasible", text: format!("{reason}{}", late_start(&lv, goal, var)), apply, apply_label: "Apply the closest value", in_use }
        }
        SeekResult::Invalid { reason } => SeekView { outcome: "invalid", text: reason, apply: vec![], apply_label: "", in_use: false },
    }
}

// ---------------------------------------------------------------------------------------------
// Drift

/// The published forecasts beside the band, oldest first (by when made, then for when). A forecast
/// for the model's start (`start`, the base year's end) or before is shown against the figure the
/// model takes as given there (brought forward, or the year-end it starts from), not a band: its
/// "band" has no width and "inside" would only say the model started where it was told to.
fn drift_table(drift: &[DriftPoint], start: Date) -> Table {
    let negative = |d: &DriftPoint| d.amount < Decimal::ZERO || d.band.is_some_and(|b| b.p10 < 0.0);
    let mut t = Table {
        caption: format!(
            "The council's published forecasts of the DSG deficit beside the model's band at the same date{}",
            if drift.iter().any(negative) { " (a surplus is negative)" } else { "" }
        ),
        headers: ["Forecast made", "For", "Published forecast", "Model 10th percentile", "Model median", "Model 90th percentile", "Where the forecast falls"].map(String::from).to_vec(),
        rows: vec![],
    };
    let mut order: Vec<&DriftPoint> = drift.iter().collect();
    order.sort_by_key(|d| (d.made, d.for_date));
    for d in order {
        let dp = drift_places(d);
        let amount = match &d.qualifier {
            Some(q) => format!("{q} {}", gbp_m_at(d.amount, dp)),
            None => gbp_m_at(d.amount, dp),
        };
        let band = |f: fn(&mc::Band) -> f64| d.band.and_then(|b| <Decimal as rust_decimal::prelude::FromPrimitive>::from_f64(f(&b))).map(|x| gbp_m_at(x, dp)).unwrap_or_else(|| "—".into());
        let given = d.for_date <= start;
        // What a forecast for the start or before is set against: no band, but a given figure
        // (between the balance brought forward and the year-end, read between the two).
        let given_figure = given.then_some(if d.interpolated { "the model's figure, read between the two it takes as given" } else { "the figure the model takes as given" });
        let mut position = match (d.position, given_figure) {
            (None, _) => "outside the modelled years".to_string(),
            (Some(BandPosition::Inside), None) if d.under_ceiling() => "the band is under this ceiling".to_string(),
            (Some(BandPosition::Inside), None) => "inside the band".to_string(),
            (Some(BandPosition::Above), None) => "above the band".to_string(),
            (Some(BandPosition::Below), None) => "below the band".to_string(),
            (Some(BandPosition::Inside), Some(figure)) => figure.to_string(),
            (Some(BandPosition::Above), Some(figure)) => format!("above {figure}"),
            (Some(BandPosition::Below), Some(figure)) => format!("below {figure}"),
        };
        if d.interpolated && !given {
            position.push_str(" (band read between two 31 Marches)");
        }
        t.rows.push(vec![d.made.long(), d.for_date.long(), amount, band(|b| b.p10), band(|b| b.p50), band(|b| b.p90), position]);
    }
    t
}

/// The places of £m (one to six, the pound) at which a forecast and its band, as printed, agree with
/// where the forecast falls: Ávila's £29.6m read "below the band" beside a 10th percentile
/// printed as £29.6m (£29.62m).
fn drift_places(d: &DriftPoint) -> u32 {
    let Some(b) = d.band else { return 1 };
    let m = |x: Decimal, dp: u32| crate::units::money::round_display(x / Decimal::from(1_000_000), dp);
    let f = |x: f64| <Decimal as rust_decimal::prelude::FromPrimitive>::from_f64(x).unwrap_or_default();
    let (lo, hi) = (f(b.p10), f(b.p90));
    (1..=6)
        .find(|&dp| {
            let (a, lo, hi) = (m(d.amount, dp), m(lo, dp), m(hi, dp));
            match d.position {
                Some(BandPosition::Below) => a < lo,
                Some(BandPosition::Above) => a > hi,
                _ => true,
            }
        })
        .unwrap_or(6)
}

fn drift_summary(drift: &[DriftPoint], base_year: Fy) -> String {
    if drift.is_empty() {
        return "The data has no published forecasts to compare.".into();
    }
    let start = base_year.end();
    let banded = |p: BandPosition| drift.iter().filter(|d| d.for_date > start && d.position == Some(p)).count();
    let (inside, above, below) = (banded(BandPosition::Inside), banded(BandPosition::Above), banded(BandPosition::Below));
    let given = drift.iter().filter(|d| d.for_date <= start && d.position.is_some()).count();
    let outside = drift.iter().filter(|d| d.position.is_none()).count();
    let mut s = if inside + above + below > 0 {
        format!("Against the model's 10th to 90th percentile band at each forecast's date: {inside} inside, {above} above, {below} below; the further ahead a forecast looks, the wider the band.")
    } else if drift.iter().any(|d| d.for_date > start) {
        // Later forecasts, but all beyond the years modelled (a short horizon).
        format!("None of the published forecasts for a date after {} falls within the years modelled, where the model has a band.", start.long())
    } else {
        format!("None of the published forecasts is for a date after {}, where the model's band begins.", start.long())
    };
    if given > 0 {
        s.push_str(&format!(
            " {} for {} or before, where the model has no band: it takes the published figures there as given (the balance brought forward and the year-end it starts from), and {} against them.",
            if given == 1 { "One forecast is".to_string() } else { format!("{given} forecasts are") },
            start.long(),
            if given == 1 { "it is shown" } else { "they are shown" }
        ));
    }
    if outside > 0 {
        s.push_str(&if outside == 1 { " One is for a date outside the modelled years.".to_string() } else { format!(" {outside} are for dates outside the modelled years.") });
    }
    s
}

// ---------------------------------------------------------------------------------------------
// The page

thread_local! {
    static SIM_TIMER: RefCell<Option<gloo_timers::callback::Timeout>> = const { RefCell::new(None) };
    /// The newest simulation run: an older one still in its slices stops at its next yield.
    static SIM_RUN: crate::ui::slices::Newest = const { crate::ui::slices::Newest::new() };
}

#[component]
pub fn Uncertainty() -> impl IntoView {
    let app = use_app();
    let key = crate::ui::memo::memo(move |_| {
        let b = app.baseline.get()?;
        app.scenario.with(|s| s.as_ref().map(|s| SimKey { b: b.clone(), hn: s.hn.clone(), mc: s.mc.clone() }))
    });
    // The inputs the fan was last simulated from: set at once the first time, then after the
    // inputs have been still for DEBOUNCE_MS.
    let settled = RwSignal::new(key.get_untracked());
    let pending = RwSignal::new(false);
    Effect::new(move |_| {
        let k = key.get();
        if settled.with_untracked(|s| *s == k) {
            SIM_TIMER.with(|t| t.borrow_mut().take());
            pending.set(false);
            return;
        }
        if settled.with_untracked(|s| s.is_none()) {
            settled.set(k);
            return;
        }
        pending.set(true);
        let t = gloo_timers::callback::Timeout::new(DEBOUNCE_MS, move || {
            if let Some(k) = key.try_get_untracked() {
                let _ = settled.try_set(k);
            }
            let _ = pending.try_set(false);
        });
        SIM_TIMER.with(|c| *c.borrow_mut() = Some(t));
    });
    on_cleanup(|| SIM_TIMER.with(|t| drop(t.borrow_mut().take())));

    // The simulation of the settled inputs: run at once in the pre-render (it has no event
    // loop), in slices in the browser. The last fan stays drawn while the next one runs.
    let sim = RwSignal::new(None::<Arc<Sim>>);
    let running = RwSignal::new(false);
    if crate::ui::browser::PRERENDER {
        sim.set(settled.with_untracked(|k| k.as_ref().map(|k| Arc::new(run_sim(&k.b, &k.hn, &k.mc, crate::ui::browser::clock_ms)))));
    } else {
        Effect::new(move |_| {
            let Some(k) = settled.get() else { return };
            let current = crate::ui::slices::start(&SIM_RUN);
            running.set(true);
            // The app replaces the pre-rendered page only once this first fan is drawn.
            let hold = crate::ui::takeover::Hold::first_view();
            leptos::task::spawn_local(async move {
                let _hold = hold;
                if let Some(done) = run_sliced(k.b, k.hn, k.mc, current).await {
                    let _ = sim.try_set(Some(Arc::new(done)));
                    let _ = running.try_set(false);
                }
            });
        });
        // Leaving the page stops a run part-way.
        on_cleanup(|| crate::ui::slices::stop(&SIM_RUN));
    }
    let model = crate::ui::memo::memo(move |_| settled.with(|k| k.as_ref().map(|k| (k.b.clone(), k.hn.clone()))));

    let has_sim = crate::ui::memo::memo(move |_| sim.with(|s| s.is_some()));
    let fan = crate::ui::memo::memo(move |_| sim.with(|s| s.as_ref().map(|s| Figure::new(fan_chart(s), fan_table(&s.fan), fan_summary(s)))));
    let chance = crate::ui::memo::memo(move |_| sim.with(|s| s.as_ref().map(|s| chance_figure(s))));
    let head = crate::ui::memo::memo(move |_| sim.with(|s| s.as_ref().map(|s| headline(s)).unwrap_or_default()));
    let beside = crate::ui::memo::memo(move |_| sim.with(|s| s.as_ref().map(|s| beside_central(s)).unwrap_or_default()));
    let drift_t = crate::ui::memo::memo(move |_| sim.with(|s| s.as_ref().map(|s| drift_table(&s.drift, s.b.base_year.end())).unwrap_or_default()));
    let drift_s = crate::ui::memo::memo(move |_| sim.with(|s| s.as_ref().map(|s| drift_summary(&s.drift, s.b.base_year)).unwrap_or_default()));

    let busy = move || pending.get() || running.get();
    // "pending": waiting for the inputs to settle; "running": simulating, a slice at a time.
    let status_state = move || if pending.get() { "pending" } else if running.get() { "running" } else { "ready" };
    let status_text = move || {
        if busy() {
            return "Simulating…".to_string();
        }
        // The pre-render's time is the build machine's, not the reader's (and it has no clock):
        // the page built from it says how many draws, not how fast.
        sim.with(|s| {
            s.as_ref()
                .map(|s| if crate::ui::browser::PRERENDER { format!("{} draws", thousands(s.fan.draws as usize)) } else { format!("{} draws in {}", thousands(s.fan.draws as usize), ms_text(s.ms)) })
                .unwrap_or_else(|| "Simulating…".into())
        })
    };
    // Likewise no time in the pre-render's `data-ms` (it read "0.0": a measurement of nothing).
    let status_ms = move || sim.with(|s| s.as_ref().filter(|_| !crate::ui::browser::PRERENDER).map(|s| format!("{:.1}", s.ms)).unwrap_or_default());
    let status_draws = move || sim.with(|s| s.as_ref().map(|s| s.fan.draws.to_string()).unwrap_or_default());

    view! {
        <h1>"Uncertainty: how sure is the deficit forecast?"</h1>
        <p class="lede">"A single line hides how much the high-needs forecast could move. This page draws thousands of possible futures, each input varied within its range, ranks the inputs that matter most, and works out what it would take to reach a goal. The central assumptions are those on the "<PageLink page=Page::HighNeeds>"High needs page"</PageLink>"."</p>
        <p class="mc-headline" data-headline="">{head}</p>
        <Show when=move || beside.with(|t| !t.is_empty())><p class="mc-beside">{beside}</p></Show>
        <p class="sim-status" id="mc-status" data-state=status_state data-ms=status_ms data-draws=status_draws>{status_text}</p>
        // The tools after the figures, as on High needs. Each part not needed at once is drawn
        // in a task of its own in the app's first view (`Later`).
        <Later><ShareBar/></Later>
        <div class="layout">
            <form class="levers" aria-labelledby="mc-levers-h" on:submit=|ev| ev.prevent_default()>
                <h2 id="mc-levers-h">"How uncertain?"</h2>
                <SkipToResults id="mc-results"/>
                <div class="page-actions">
                    <button type="button" class="secondary" on:click=move |_| {
                        app.scenario.update(|s| if let Some(s) = s { s.mc = McLevers::default(); });
                    }>"Reset uncertainty settings"</button>
                </div>
                <Later><CostRanges/></Later>
                <fieldset><legend>"Range of EHCP growth"</legend>
                    <KindLevers prefix="mc.spread."/>
                </fieldset>
                <fieldset><legend>"Range of costs and income"</legend>
                    <LeverControl key="mc.spread.inflation"/>
                    <LeverControl key="mc.spread.income"/>
                </fieldset>
                <fieldset><legend>"Delivery of mitigations"</legend>
                    <LeverControl key="mc.delivery.low"/>
                </fieldset>
                <fieldset><legend>"Simulation"</legend>
                    <LeverControl key="mc.shape"/>
                    <LeverControl key="mc.draws"/>
                    <LeverControl key="mc.seed"/>
                    <button type="button" class="secondary" data-new-seed="" on:click=move |_| {
                        let seed = (js_sys::Math::random() * 4_294_967_296.0).floor().clamp(0.0, u32::MAX as f64) as u32;
                        if let Some(b) = app.baseline.get_untracked() {
                            app.scenario.update(|s| if let Some(s) = s { let _ = s.set("mc.seed", &seed.to_string(), &b); });
                        }
                    }>"Try another seed"</button>
                </fieldset>
                <LeverEcho label="" text=Signal::derive(move || if busy() { "Simulating…".to_string() } else { head.get() })/>
            </form>
            <div class="results" id="mc-results" tabindex="-1">
                <section aria-labelledby="mc-range-h">
                    <h2 id="mc-range-h">"The range of outcomes"</h2>
                    // Drawn once the first fan is in: a chart drawn empty and filled while out
                    // of view would wait to be scrolled to (see `ChartFigure`).
                    <Show when=move || has_sim.get()>
                        <FigureView figure=fan id="mc-fan"/>
                        <FigureView figure=chance id="mc-chance"/>
                    </Show>
                </section>
                // Each runs the exact model many times: drawn in tasks of their own (`Later`).
                <Later><Tornado model=model settled=settled/></Later>
                <Later><GoalSeek model=model/></Later>
                <section aria-labelledby="mc-drift-h" class="drift">
                    <h2 id="mc-drift-h">"The published forecasts against the band"</h2>
                    <p>{drift_s}</p>
                    // No published forecast, no table (its headers stood over no rows).
                    <Show when=move || drift_t.with(|t| !t.rows.is_empty())><DataTable table=drift_t/></Show>
                </section>
                <Later><Backtest/></Later>
                <Later><Explainer/></Later>
            </div>
        </div>
        <Later><PrintSummary/></Later>
    }
}

#[component]
fn Tornado(model: Memo<Option<(Arc<Baseline>, Levers)>>, settled: RwSignal<Option<SimKey>>) -> impl IntoView {
    // The chosen year; `None` (or a year no longer projected) means the default.
    let chosen_text = view_choice("tornado.year");
    let chosen = crate::ui::memo::memo(move |_| chosen_text.with(|t| t.as_deref().and_then(Fy::parse_key)));
    let years = crate::ui::memo::memo(move |_| model.with(|m| m.as_ref().map(|(b, lv)| projected_years(b, &lv.clamped(b))).unwrap_or_default()));
    let year = crate::ui::memo::memo(move |_| {
        let ys = years.get();
        match chosen.get() {
            Some(y) if ys.contains(&y) => Some(y),
            _ => model.with(|m| m.as_ref().map(|(b, lv)| focus_year(b, &lv.clamped(b)))),
        }
    });
    let bars = crate::ui::memo::memo(move |_| {
        let y = year.get()?;
        settled.with(|k| {
            k.as_ref().map(|k| {
                let lv = k.hn.clamped(&k.b);
                (y, mc::tornado(&k.b, &lv, &k.mc.ranges(&lv).with_data_costs(&k.b), y))
            })
        })
    });
    let fig = crate::ui::memo::memo(move |_| bars.with(|x| x.as_ref().map(|(y, bars)| tornado_figure(bars, *y))));
    view! {
        // `data-stale-on`, pre-render only: prerender.js dims the ranking while the year chosen
        // before the app takes over is not the one it was worked out for.
        <section aria-labelledby="mc-tornado-part" data-stale-on=crate::ui::browser::PRERENDER.then_some("mc-tornado-year")>
            <h2 id="mc-tornado-part">"What matters most"</h2>
            <p>"Each input in turn is set to the low and then the high end of its range, with every other input at your assumption. The longer the bars, the more the forecast depends on getting that input right. These figures are exact."</p>
            <div class="mc-field">
                <label for="mc-tornado-year">"Deficit at the end of"</label>
                <select id="mc-tornado-year" prop:value=move || year.get().map(|y| y.key()).unwrap_or_default()
                    on:change=move |ev| choose_view("tornado.year", event_target_value(&ev))>
                    {move || years.get().into_iter().map(|y| {
                        view! { <option value=y.key() selected=move || year.get() == Some(y)>{format!("{} (31 March {})", y.label(), y.0 + 1)}</option> }
                    }).collect::<Vec<_>>()}
                </select>
            </div>
            {stale_note("Your choice of year will be worked out as soon as the explorer is ready. Until then, this ranking is for the year it first showed.")}
            <FigureView figure=fig id="mc-tornado"/>
        </section>
    }
}

#[component]
fn GoalSeek(model: Memo<Option<(Arc<Baseline>, Levers)>>) -> impl IntoView {
    let app = use_app();
    let (goal_text, var_text, year_text) = (view_choice("seek.goal"), view_choice("seek.by"), view_choice("seek.year"));
    let goal_kind = crate::ui::memo::memo(move |_| goal_text.with(|t| GOALS.iter().find(|(_, code, _)| Some(*code) == t.as_deref()).map_or(GoalKind::InYear, |g| g.0)));
    let var = crate::ui::memo::memo(move |_| var_text.with(|t| VARS.iter().find(|(_, code, _)| Some(*code) == t.as_deref()).map_or(SeekVar::NewPlacesPerYear, |v| v.0)));
    let chosen_year = crate::ui::memo::memo(move |_| year_text.with(|t| t.as_deref().and_then(Fy::parse_key)));
    let status = RwSignal::new(String::new());
    let years = crate::ui::memo::memo(move |_| model.with(|m| m.as_ref().map(|(b, lv)| projected_years(b, &lv.clamped(b))).unwrap_or_default()));
    let year = crate::ui::memo::memo(move |_| {
        let ys = years.get();
        match chosen_year.get() {
            Some(y) if ys.contains(&y) => Some(y),
            // Five years on from the base year, or the horizon if sooner.
            _ => model.with(|m| m.as_ref().map(|(b, lv)| Fy((b.base_year.0 + 5).min(lv.clamped(b).horizon_year(b).0)))),
        }
    });
    let answer = crate::ui::memo::memo(move |_| {
        let goal = match goal_kind.get() {
            GoalKind::InYear => Goal::InYearBalancedBy(year.get()?),
            GoalKind::GeneralFund => Goal::CumulativeBelowGeneralFund,
            GoalKind::Usable => Goal::CumulativeBelowUsableReserves,
        };
        let v = var.get();
        model.with(|m| m.as_ref().map(|(b, hn)| seek_view(b, hn, goal, v)))
    });
    let apply = move |_| {
        let Some(a) = answer.get_untracked() else { return };
        let Some(b) = app.baseline.get_untracked() else { return };
        let next = app.scenario.with_untracked(|s| {
            s.as_ref().map(|s| {
                let mut next = s.clone();
                for (def, v) in &a.apply {
                    // A lever's message names no lever: the label goes in front.
                    next.set_value(def, v, &b).map_err(|e| format!("{}: {e}", def.label))?;
                }
                Ok::<_, String>(next)
            })
        });
        match next {
            Some(Ok(next)) => {
                app.scenario.set(Some(next));
                // In words, as the levers are labelled ("EHCP growth: mainstream: 7.5% a year").
                let set: Vec<String> = a.apply.iter().map(|(def, v)| format!("{}: {}", def.label, def.display(v, &b))).collect();
                status.set(format!("Applied: {}. The High needs page and the charts here now use it.", set.join(", ")));
                // Focus to what was applied, once the change has been drawn: the button is
                // replaced by "Your scenario already uses this value", and a keyboard user was
                // left at the top of the page. (Looked up then: the section may be redrawn.)
                leptos::prelude::request_animation_frame(|| {
                    let p = crate::ui::browser::window().and_then(|w| w.document()).and_then(|d| d.query_selector(".seek .apply-status").ok().flatten());
                    if let Some(p) = p.and_then(|p| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(p).ok()) {
                        let _ = p.focus();
                    }
                });
            }
            Some(Err(e)) => status.set(format!("Could not apply it: {e}")),
            None => {}
        }
    };
    let clear = move || status.set(String::new());
    view! {
        <section aria-labelledby="mc-seek-h" class="seek">
            <h2 id="mc-seek-h">"What would it take?"</h2>
            <p>"Choose a goal and one lever to move; the explorer finds the value of that lever, with everything else as you set it, that just meets the goal. It uses the exact model and your central assumptions, not the fan. The deficit goals keep the DSG deficit, once the override has ended and it counts against reserves, within the general fund balance or within total usable reserves to the last year modelled. The in-year goal balances spending and income in the year chosen and in every year after it to the last year modelled: balanced once and back in deficit the next year does not count."</p>
            <form class="seek-form" aria-labelledby="mc-seek-h" on:submit=|ev| ev.prevent_default()>
                <div class="mc-field">
                    <label for="mc-seek-goal">"Goal"</label>
                    <select id="mc-seek-goal" prop:value=move || GOALS.iter().find(|g| g.0 == goal_kind.get()).map(|g| g.1).unwrap_or_default() on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if GOALS.iter().any(|(_, code, _)| *code == v) { choose_view("seek.goal", v); clear(); }
                    }>
                        {GOALS.iter().map(|&(g, code, label)| view! { <option value=code selected=move || goal_kind.get() == g>{label}</option> }).collect::<Vec<_>>()}
                    </select>
                </div>
                // The pre-render's own copy of `hidden`, for prerender.js to follow a goal chosen
                // before the app takes over (a trial chose a deficit goal and still saw the year).
                <div class="mc-field" hidden=move || goal_kind.get() != GoalKind::InYear data-shown-when=crate::ui::browser::PRERENDER.then_some("mc-seek-goal=in-year")>
                    <label for="mc-seek-year">"Balanced by"</label>
                    <select id="mc-seek-year" prop:value=move || year.get().map(|y| y.key()).unwrap_or_default()
                        on:change=move |ev| { choose_view("seek.year", event_target_value(&ev)); clear(); }>
                        {move || years.get().into_iter().map(|y| {
                            view! { <option value=y.key() selected=move || year.get() == Some(y)>{y.label()}</option> }
                        }).collect::<Vec<_>>()}
                    </select>
                </div>
                <div class="mc-field">
                    <label for="mc-seek-var">"By changing"</label>
                    <select id="mc-seek-var" prop:value=move || VARS.iter().find(|v| v.0 == var.get()).map(|v| v.1).unwrap_or_default() on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if VARS.iter().any(|(_, code, _)| *code == v) { choose_view("seek.by", v); clear(); }
                    }>
                        {VARS.iter().map(|&(x, code, label)| view! { <option value=code selected=move || var.get() == x>{label}</option> }).collect::<Vec<_>>()}
                    </select>
                </div>
            </form>
            <div class="seek-answer" aria-live="polite" data-outcome=move || answer.with(|a| a.as_ref().map(|a| a.outcome).unwrap_or(""))
                data-stale-on=crate::ui::browser::PRERENDER.then_some("mc-seek-goal mc-seek-var mc-seek-year")>
                {stale_note("Your choices will be worked out as soon as the explorer is ready. Until then, the answer below is for the first goal and lever, and cannot be applied.")}
                <p class="answer">{move || answer.with(|a| a.as_ref().map(|a| a.text.clone()).unwrap_or_default())}</p>
                {move || answer.get().filter(|a| !a.apply.is_empty()).map(|a| if a.in_use {
                    view! { <p class="help">"Your scenario already uses this value."</p> }.into_any()
                } else {
                    view! { <button type="button" data-apply="" on:click=apply>{a.apply_label}</button> }.into_any()
                })}
                <p class="apply-status" role="status" tabindex="-1">{move || status.get()}</p>
            </div>
        </section>
    }
}

/// On the pre-rendered page only: what a result says while a choice made before the app takes
/// over is not the one it was worked out for (a trial changed the goal seek's goal and lever, saw
/// the first goal's answer under them, and pressed Apply on it). prerender.js shows it, with its
/// text: in an attribute until then, so the page's own text is the app's.
fn stale_note(text: &'static str) -> Option<impl IntoView> {
    crate::ui::browser::PRERENDER.then(|| view! { <p class="stale-note" data-stale-note=text hidden></p> })
}

#[component]
fn Explainer() -> impl IntoView {
    view! {
        <section aria-labelledby="mc-explain-h" class="explainer">
            <h2 id="mc-explain-h">"What the bands mean"</h2>
            <p>"Nobody knows exactly how fast EHCP numbers, costs and income will grow, or how much of a plan will be delivered. The fan runs the high-needs projection thousands of times. Each time it draws, from the ranges you set, a growth rate for each type of placement, cost inflation, income growth and the share of the planned mitigation that is delivered, and projects the deficit."</p>
            <ul>
                <li>"The darker band holds the middle half of the results (25th to 75th "<Term id="percentile" text="percentile"/>"); the lighter band the middle 80% (10th to 90th). One draw in ten lies above the lighter band and one in ten below it. The line is the median: half the draws are above it."</li>
                <li>"The chances are the share of draws in which the deficit counting against reserves has passed the balance in that year or earlier."</li>
                <li>"Decisions are not drawn: the override, any write-off, the schools-block transfer and the timing of the mitigations stay as set on the High needs page. Inputs are drawn independently, so futures where everything goes wrong at once are rarer in the fan than they may be in life."</li>
                <li>"The draws come from a random seed: the same link gives the same fan on any computer. Another seed shows how much of the band's edge is chance alone."</li>
            </ul>
            <p>"To run thousands of projections in a fraction of a second, the fan uses floating-point arithmetic, accurate to about a penny in a million pounds, and shows figures rounded to £0.1m. Every headline figure elsewhere in the explorer, the sensitivity ranking and the goal seek on this page use exact decimal money."</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dsg::PolicyPreset;

    #[test]
    fn a_forecast_outside_the_band_is_printed_apart_from_its_edge() {
        let point = |amount: i64, p10: f64, p90: f64, position| DriftPoint {
            id: "f".into(),
            made: crate::units::calendar::Made::day(crate::units::calendar::Date::new(2026, 1, 21).unwrap()),
            for_date: crate::units::calendar::Date::new(2027, 3, 31).unwrap(),
            amount: Decimal::from(amount),
            qualifier: None,
            band: Some(mc::Band { p10, p25: p10, p50: (p10 + p90) / 2.0, p75: p90, p90 }),
            interpolated: false,
            position: Some(position),
        };
        let row = |d: DriftPoint| drift_table(&[d], crate::units::calendar::Date::new(2026, 3, 31).unwrap()).rows.remove(0);
        // Ávila's £29.6m below a 10th percentile of £29.62m: one place printed both as £29.6m.
        let r = row(point(29_600_000, 29_620_000.0, 41_000_000.0, BandPosition::Below));
        assert_eq!((r[2].as_str(), r[3].as_str(), r[6].as_str()), ("£29.6m", "£29.62m", "below the band"));
        let r = row(point(41_004_000, 29_620_000.0, 41_003_000.0, BandPosition::Above));
        assert_eq!((r[2].as_str(), r[5].as_str()), ("£41.004m", "£41.003m"));
        // Inside, or clearly apart: one place, as everywhere else.
        let r = row(point(35_000_000, 29_620_000.0, 41_000_000.0, BandPosition::Inside));
        assert_eq!((r[2].as_str(), r[3].as_str()), ("£35m", "£29.6m"));
    }

    #[test]
    fn published_forecasts_are_in_date_order_and_the_start_is_not_a_band() {
        use crate::units::calendar::Made;
        let date = |s: &str| Date::parse(s).unwrap();
        let point = |made: &str, for_date: &str, amount: i64, p10: f64, p90: f64, position| DriftPoint {
            id: made.into(),
            made: Made::day(date(made)),
            for_date: date(for_date),
            amount: Decimal::from(amount),
            qualifier: None,
            band: Some(mc::Band { p10, p25: p10, p50: (p10 + p90) / 2.0, p75: p90, p90 }),
            interpolated: false,
            position: Some(position),
        };
        // A reviewer's small council: the model starts from a surplus of £1.8m forecast for 31
        // March 2026, brought forward from a surplus of £1.5m, the two listed newest first.
        let start = date("2026-03-31");
        let drift = vec![
            point("2025-07-20", "2026-03-31", -1_800_000, -1_800_000.0, -1_800_000.0, BandPosition::Inside),
            point("2025-06-30", "2025-03-31", -1_500_000, -1_500_000.0, -1_500_000.0, BandPosition::Inside),
            point("2025-09-01", "2027-03-31", 2_000_000, 500_000.0, 1_000_000.0, BandPosition::Above),
        ];
        let t = drift_table(&drift, start);
        let made: Vec<&str> = t.rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(made, ["30 June 2025", "20 July 2025", "1 September 2025"]);
        let falls: Vec<&str> = t.rows.iter().map(|r| r[6].as_str()).collect();
        assert_eq!(falls, ["the figure the model takes as given", "the figure the model takes as given", "above the band"]);
        assert!(t.caption.ends_with(" (a surplus is negative)"), "{}", t.caption);
        let s = drift_summary(&drift, Fy(2025));
        assert!(s.starts_with("Against the model's 10th to 90th percentile band at each forecast's date: 0 inside, 1 above, 0 below;"), "{s}");
        assert!(s.ends_with(" 2 forecasts are for 31 March 2026 or before, where the model has no band: it takes the published figures there as given (the balance brought forward and the year-end it starts from), and they are shown against them."), "{s}");
        // Only forecasts of the start: no band counts to give.
        let s = drift_summary(&drift[..1], Fy(2025));
        assert!(s.starts_with("None of the published forecasts is for a date after 31 March 2026, where the model's band begins. One forecast is for"), "{s}");
        // A ceiling above the band agrees with it (a trial's "up to £300m" read "above the band").
        let mut ceiling = point("2025-04-30", "2028-03-31", 300_000_000, 248_400_000.0, 255_700_000.0, BandPosition::Inside);
        ceiling.qualifier = Some("up to".into());
        assert_eq!(drift_table(&[ceiling], start).rows[0][6], "the band is under this ceiling");
        // A forecast beyond the years modelled (a short horizon) has no band, and is said to.
        let mut beyond = point("2025-09-01", "2040-03-31", 2_000_000, 0.0, 0.0, BandPosition::Inside);
        (beyond.band, beyond.position) = (None, None);
        let s = drift_summary(&[drift[0].clone(), beyond.clone()], Fy(2025));
        assert!(s.starts_with("None of the published forecasts for a date after 31 March 2026 falls within the years modelled") && s.ends_with(" One is for a date outside the modelled years."), "{s}");
        assert_eq!(drift_table(&[beyond], start).rows[0][6], "outside the modelled years");
        // Partway through the base year, between two figures the model takes as given.
        let mut mid = point("2025-09-01", "2025-09-30", -1_650_000, -1_650_000.0, -1_650_000.0, BandPosition::Inside);
        mid.interpolated = true;
        assert_eq!(drift_table(&[mid], start).rows[0][6], "the model's figure, read between the two it takes as given");
        // No negative figure, no note about one.
        assert!(!drift_table(&drift[2..], start).caption.contains("negative"));
        let below = point("2024-11-28", "2025-03-31", 13_700_000, 17_200_000.0, 17_200_000.0, BandPosition::Below);
        assert_eq!(drift_table(&[below], date("2025-03-31")).rows[0][6], "below the figure the model takes as given");
    }

    #[test]
    fn a_link_keeps_the_view_choices_the_page_offers_for_the_scenario() {
        let b = baseline();
        let mut s = crate::model::scenario::Scenario::default_for(&b);
        let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
        let last = projected_years(&b, &s.hn.clamped(&b)).last().copied().unwrap();
        let view = vec![pair("tornado.year", &last.key()), pair("seek.goal", "usable"), pair("seek.by", "growth")];
        assert_eq!(view_link(&view, &b, &s), view);
        // The first goal and lever are the defaults, so not written; a year is written as links write years.
        let plain = vec![pair("tornado.year", &last.label()), pair("seek.goal", "in-year"), pair("seek.by", "places")];
        assert_eq!(view_link(&plain, &b, &s), vec![pair("tornado.year", &last.key())], "{:?}", last.label());
        assert!(view_notices(&view, &b, &s).is_empty());
        // Fewer years projected: the last one is no longer offered, so neither shown nor written.
        s.set("hn.horizon", "3", &b).unwrap();
        assert_eq!(view_link(&view, &b, &s), view[1..].to_vec());
        let bad = vec![pair("tornado.year", "2030"), pair("seek.by", "places;drop"), pair("seek.year", &b.base_year.key())];
        let said: Vec<(String, String)> = view_notices(&bad, &b, &s).into_iter().map(|n| (n.param, n.message)).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(said[0].1.starts_with("\"2030\" is not a financial year: write it as"), "{said:?}");
        assert!(said[1].1.ends_with("is one of places, growth, saving or transfer; the Uncertainty page shows its default instead"), "{said:?}");
        assert!(said[2].1.contains("is not a year modelled"), "the base year is not projected: {said:?}");
        assert!(view_link(&bad, &b, &s).is_empty());
    }

    /// The first release as it projected: from its quarter 2 starting point only (the figures
    /// these tests were worked out on).
    fn baseline() -> Arc<Baseline> {
        let loaded = crate::testing::q2();
        let b = Baseline::from_dataset(&loaded.dataset);
        let base = b.starts[b.base_start()].clone();
        Arc::new(b.with_starts(vec![base]))
    }

    fn sim(hn: &Levers, settings: &McLevers) -> Sim {
        run_sim(&baseline(), hn, settings, || 0.0)
    }

    #[test]
    fn formats() {
        assert_eq!(gbp_m_f64(23_849_139.75), "£23.8m");
        assert_eq!(gbp_m_f64(-1_250_000.0), "−£1.3m", "half away from zero, the stated rule");
        assert_eq!(gbp_m_f64(-10.0), "£0m");
        assert_eq!(chance(0.0), "0%");
        assert_eq!(chance(0.001), "<1%");
        assert_eq!(chance(0.535), "54%");
        assert_eq!(chance(0.999), ">99%");
        assert_eq!(chance(1.0), "100%");
    }

    #[test]
    fn a_headline_year_unlike_high_needs_says_why() {
        // The latest vintage's draws pass usable reserves more often than not a year before the
        // single projection does (a trial's "62% by 2028/29" beside High needs' 2029/30): the
        // note under the headline gives that year and the one-sided cost range behind it.
        let b = Arc::new(Baseline::from_dataset(&crate::testing::shipped().dataset));
        let hn = Levers::default_for(&b);
        let s = run_sim(&b, &hn, &McLevers::default(), || 0.0);
        let central = crate::model::dsg::project(&b, &hn).mitigated.headline.exceeds_usable_reserves.expect("passed within the horizon");
        let likely = s.fan.years.iter().find(|y| y.p_usable_exceeded_by >= 0.5).map(|y| y.year).expect("likely within the horizon");
        assert!(likely < central, "{likely:?} {central:?}");
        assert!(headline(&s).contains(&format!("by {}", likely.label())), "{}", headline(&s));
        let note = beside_central(&s);
        let independent = b.placements.iter().find(|p| p.kind == PlacementKind::Independent).unwrap();
        let (lo, hi) = independent.cost_range.unwrap();
        assert_eq!(lo, independent.average_cost, "the data's figure is the range's low end");
        assert_eq!(
            note,
            format!(
                "With your assumptions as they are (the High needs page) the deficit passes total usable reserves in {}: the draws lean higher, partly because the cost of a place in {} is drawn from the data's {} up to {}, never below it.",
                central.label(),
                "independent and non-maintained special schools",
                gbp(lo),
                gbp(hi)
            )
        );
        // Where the two agree, nothing is added (the earlier vintage's default agrees).
        let q2 = baseline();
        let agree = sim(&Levers::default_for(&q2), &McLevers::default());
        assert_eq!(beside_central(&agree), "");
        // Without the cost ranges the draws agree with the single projection here: the range
        // named is what moves them.
        let mut even = (*b).clone();
        for p in even.placements.iter_mut() {
            p.cost_range = None;
        }
        let even = Arc::new(even);
        let s = run_sim(&even, &Levers::default_for(&even), &McLevers::default(), || 0.0);
        let note = beside_central(&s);
        assert_eq!(note, "");
        // A saving drawn as delivered in part: named where it leans the draws (a review's
        // £20m saving leaned them with no cause given).
        let mut saving = Levers::default_for(&even);
        saving.saving.per_year = Decimal::from(20_000_000);
        let s = run_sim(&even, &saving, &McLevers::default(), || 0.0);
        let note = beside_central(&s);
        assert!(note.ends_with(": the draws lean higher, partly because the mitigations are drawn as delivered from 50% of their planned effect up to all of it, never more."), "{note}");
        let full = McLevers { delivery_low: Decimal::ONE, ..McLevers::default() };
        assert!(!beside_central(&run_sim(&even, &saving, &full, || 0.0)).contains("mitigations"));
    }

    #[test]
    fn headline_names_the_year_reserves_are_likely_passed() {
        let b = baseline();
        let hn = Levers::default_for(&b);
        let s = sim(&hn, &McLevers::default());
        let h = headline(&s);
        assert!(h.starts_with("There is a ") && h.contains("chance the deficit exceeds usable reserves by 2029/30"), "{h}");
        let mut never = hn.clone();
        never.override_end = crate::model::dsg::OverrideEnd::Never;
        assert!(headline(&sim(&never, &McLevers::default())).contains("never counts against"));
    }

    #[test]
    fn the_chance_summary_sets_its_year_beside_high_needs_and_the_runway() {
        let b = baseline();
        let hn = Levers::default_for(&b);
        let s = sim(&hn, &McLevers::default());
        let central = crate::model::dsg::project(&b, &hn).mitigated.headline.exceeds_usable_reserves.expect("the central projection passes the reserves");
        let likely = s.fan.years.iter().find(|y| y.p_usable_exceeded_by >= 0.5).map(|y| y.year).expect("likely within the horizon");
        let text = chance_summary(&s);
        assert!(text.contains(&format!("With your assumptions as they are (the High needs page) the deficit passes total usable reserves in {}", central.label())), "{text}");
        if likely == central {
            assert!(text.contains("; the draws agree."), "{text}");
        } else {
            assert!(text.contains(&format!("it is more likely than not by {}", likely.label())), "{text}");
        }
        assert!(text.ends_with("so it can run out sooner."), "{text}");
        // An override that never ends: the deficit never counts, and nothing is compared.
        let mut never = hn.clone();
        never.override_end = crate::model::dsg::OverrideEnd::Never;
        assert!(!chance_summary(&sim(&never, &McLevers::default())).contains("High needs page"));
    }

    #[test]
    fn where_the_draws_and_the_single_line_disagree_the_middle_draw_is_set_beside_the_line() {
        // The shipped file: High needs says 2029/30, this page "more likely than not" a year
        // sooner, and a reader could not tell why.
        let loaded = crate::testing::shipped();
        let b = Arc::new(Baseline::from_dataset(&loaded.dataset));
        let s = run_sim(&b, &Levers::default_for(&b), &McLevers::default(), || 0.0);
        let p = crate::model::dsg::project(&b, &s.levers);
        let central = p.mitigated.headline.exceeds_usable_reserves.expect("the single line passes the reserves");
        let likely = s.fan.years.iter().find(|y| y.p_usable_exceeded_by >= 0.5).map(|y| y.year).expect("likely within the horizon");
        assert!(likely < central, "the draws pass sooner ({} against {})", likely.label(), central.label());
        let line = crate::units::money::to_f64(p.mitigated.rows.iter().find(|r| r.year == likely).unwrap().cumulative_deficit);
        let middle = s.fan.year(likely).unwrap().band.p50;
        assert!(middle > line);
        let text = reserves_years_compared(&s);
        assert!(text.contains(&format!("it is more likely than not by {}: at {} the middle draw is {}, above the {} of your assumptions as they are (the draws come from ranges that need not be centred on them).", likely.label(), likely.end().long(), gbp_m_f64(middle), gbp_m_f64(line))), "{text}");
        // No cause is named: none is measured.
        assert!(!text.contains("because") && !text.contains("average cost"), "{text}");
        // The other way round (draws that lean below the line, as growth at the top of its
        // slider makes them): the same run with fewer draws past the reserves to High needs'
        // year, and its middle draw below the line there, is told in that year.
        let mut later = s.clone();
        for y in later.fan.years.iter_mut().filter(|y| y.year <= central) {
            y.p_usable_exceeded_by = y.p_usable_exceeded_by.min(0.4);
        }
        let line = crate::units::money::to_f64(p.mitigated.rows.iter().find(|r| r.year == central).unwrap().cumulative_deficit);
        later.fan.years.iter_mut().find(|y| y.year == central).unwrap().band.p50 = line - 1_234_567.0;
        let text = reserves_years_compared(&later);
        let (m, l) = told_apart(line - 1_234_567.0, line);
        assert!(text.contains(&format!("it is more likely than not by {}: at {}, when your assumptions as they are pass them, the middle draw is {m}, below the {l} of your assumptions as they are", central.next().label(), central.end().long())), "{text}");
    }

    #[test]
    fn amounts_side_by_side_are_given_to_as_many_places_as_tell_them_apart() {
        assert_eq!(told_apart(84_400_000.0, 80_900_000.0), ("£84.4m".to_string(), "£80.9m".to_string()));
        assert_eq!(told_apart(82_830_000.0, 82_790_000.0), ("£82.83m".to_string(), "£82.79m".to_string()));
        assert_eq!(told_apart(82_800_400.0, 82_800_100.0), ("£82.8m".to_string(), "£82.8m".to_string()));
    }

    #[test]
    fn fan_chart_and_table_are_ordered_and_carry_the_forecasts() {
        let b = baseline();
        let mut hn = Levers::default_for(&b);
        PolicyPreset::Override2028.apply(&mut hn, &b);
        let s = sim(&hn, &McLevers::default());
        let c = fan_chart(&s);
        assert_eq!(c.bands.len(), 2);
        // The reserves are drawn as on High needs and Compare: the general fund dotted, total
        // usable reserves a dash-dot level.
        let style = |name: &str| c.series.iter().find(|s| s.name == name).map(|s| s.style);
        assert_eq!((style("General fund balance"), style("Total usable reserves")), (Some(Style::Dotted), Some(Style::Level)));
        assert_eq!(c.points.len(), 3, "the three published forecasts");
        assert!(c.markers[0].label.contains("31 March 2028"));
        let t = fan_table(&s.fan);
        assert_eq!(t.rows.len(), 11);
        for r in &t.rows {
            let v: Vec<f64> = r[1..6].iter().map(|x| x.trim_start_matches('£').trim_end_matches('m').parse().unwrap()).collect();
            assert!(v.windows(2).all(|w| w[0] <= w[1]), "{r:?}");
        }
        let d = drift_table(&s.drift, s.b.base_year.end());
        let published: Vec<&str> = d.rows.iter().map(|r| r[2].as_str()).collect();
        assert_eq!(published, vec!["up to £10m", "£13.7m", "£17.2m"]);
        // No marker for an override that had ended before the years modelled; the summary says so.
        hn.override_end = crate::model::dsg::OverrideEnd::Ends(Fy(b.base_year.0 - 1));
        let s = sim(&hn, &McLevers::default());
        assert!(fan_chart(&s).markers.is_empty());
        let summary = fan_summary(&s);
        assert!(summary.starts_with(&format!("The override had ended before the years modelled, so in every draw the deficit counts against the council's reserves from the first year, {}.", b.base_year.label())), "{summary}");
        // Nor "while the override is in force" beside the chances: it is in force in none of
        // the years (it is, in the default scenario's).
        assert!(!chance_summary(&s).contains("While the override is in force"), "{}", chance_summary(&s));
        assert!(chance_summary(&sim(&Levers::default_for(&b), &McLevers::default())).contains("While the override is in force"));
    }

    #[test]
    fn goal_seek_answers_in_words() {
        let b = baseline();
        let hn = Levers::default_for(&b);
        // With no growth in demand, places can balance 2029/30 and keep it so (with the default
        // growth no number of places can: the independent placements they replace run out).
        let mut still = hn.clone();
        for k in PlacementKind::ALL {
            still.growth.set(*k, Decimal::ZERO);
        }
        assert_eq!(seek_view(&b, &hn, Goal::InYearBalancedBy(Fy(2029)), SeekVar::NewPlacesPerYear).outcome, "infeasible");
        // Places opening for ten years run out of children to move well below the lever's top:
        // more than the closest value are never offered fewer (a trial's 100 were cut to 52).
        let mut ten = hn.clone();
        ten.places.years = 10;
        let closest = seek_view(&b, &ten, Goal::InYearBalancedBy(Fy(2029)), SeekVar::NewPlacesPerYear);
        assert_eq!(closest.outcome, "infeasible");
        let Value::Number(best) = closest.apply[0].1 else { panic!("places are a number") };
        assert!(best < Decimal::from(400), "{best}");
        let mut more = ten.clone();
        more.places.per_year = best + Decimal::from(40);
        let m = seek_view(&b, &more, Goal::InYearBalancedBy(Fy(2029)), SeekVar::NewPlacesPerYear);
        assert!(m.apply.is_empty() && m.text.contains(&format!(" new places do as much as new places can here: beyond {}, no children are left", best.normalize())), "{}", m.text);
        let hn = still;
        let a = seek_view(&b, &hn, Goal::InYearBalancedBy(Fy(2029)), SeekVar::NewPlacesPerYear);
        assert_eq!(a.outcome, "achieved", "{}", a.text);
        assert!(a.text.starts_with("About ") && a.text.contains("new local special-school places"), "{}", a.text);
        assert_eq!(a.apply.len(), 1);
        assert_eq!(a.apply[0].0.key, "hn.places.per_year");
        assert!(!a.in_use);
        // Applying it makes it the value in use.
        let mut applied = hn.clone();
        let Value::Number(places) = a.apply[0].1 else { panic!("places are a number") };
        applied.places.per_year = places;
        assert!(seek_view(&b, &applied, Goal::InYearBalancedBy(Fy(2029)), SeekVar::NewPlacesPerYear).in_use);
        assert_eq!(a.apply_label, "Apply this");
        // More places than needed: said, and Apply offers the lower value as that (a trial's
        // larger saving was offered a smaller one, not told it already met the goal).
        let mut plenty = hn.clone();
        plenty.places.per_year = places + Decimal::from(25);
        let p = seek_view(&b, &plenty, Goal::InYearBalancedBy(Fy(2029)), SeekVar::NewPlacesPerYear);
        assert_eq!(p.outcome, "achieved", "{}", p.text);
        assert!(p.text.ends_with(&format!(" Your own {} new places are already enough; this is the least that is.", (places + Decimal::from(25)).normalize())), "{}", p.text);
        assert_eq!(p.apply_label, "Apply this lower value");
        let mut saving = hn.clone();
        saving.saving.per_year = Decimal::from(50_000_000);
        let s = seek_view(&b, &saving, Goal::InYearBalancedBy(Fy(2029)), SeekVar::SavingPerYear);
        assert!(s.text.ends_with(" Your own saving of £50m a year is already enough; this is the least that is."), "{}", s.text);
        // The answer names how the lever's amount is reached: a saving phased in, places filling.
        assert!(!s.text.contains("phased in"), "{}", s.text);
        let mut phased = hn.clone();
        phased.saving.ramp_years = 3;
        let ph = seek_view(&b, &phased, Goal::InYearBalancedBy(Fy(2029)), SeekVar::SavingPerYear);
        assert_eq!(ph.outcome, "achieved", "{}", ph.text);
        assert!(ph.text.contains(&format!(" from {}, phased in over 3 years, would balance", phased.saving.start.label())), "{}", ph.text);
        assert!(!a.text.contains("filling over"), "{}", a.text);
        let mut filling = hn.clone();
        filling.places.ramp_years = 2;
        let f = seek_view(&b, &filling, Goal::InYearBalancedBy(Fy(2029)), SeekVar::NewPlacesPerYear);
        assert!(f.outcome == "achieved" && f.text.contains(" opening in ") && f.text.contains(", filling over 2 years, would"), "{}", f.text);
        filling.places.years = 4;
        let f4 = seek_view(&b, &filling, Goal::InYearBalancedBy(Fy(2029)), SeekVar::NewPlacesPerYear);
        assert!(f4.outcome == "achieved" && f4.text.contains(" a year for 4 years from ") && f4.text.contains(", each year's places filling over 2 years, would"), "{}", f4.text);
        // A saving that starts after the year to balance cannot reach it, and the answer says why.
        let mut late = hn.clone();
        late.saving.start = Fy(2030);
        let l = seek_view(&b, &late, Goal::InYearBalancedBy(Fy(2027)), SeekVar::SavingPerYear);
        assert_eq!(l.outcome, "infeasible", "{}", l.text);
        assert!(l.text.ends_with(" The saving starts in 2030/31, after 2027/28: no amount of it changes the years before. An earlier start, on the High needs page, might."), "{}", l.text);
        assert!(!seek_view(&b, &hn, Goal::InYearBalancedBy(Fy(2029)), SeekVar::SavingPerYear).text.contains("no amount of it"));
        assert!(l.apply_label == "Apply the closest value" && !l.apply.is_empty());
        // A larger saving of the reader's own, where more does no better: not cut by "Apply the
        // closest value" without a word.
        late.saving.per_year = Decimal::from(50_000_000);
        let big = seek_view(&b, &late, Goal::InYearBalancedBy(Fy(2027)), SeekVar::SavingPerYear);
        assert_eq!(big.outcome, "infeasible", "{}", big.text);
        assert!(big.apply.is_empty(), "{}", big.text);
        assert!(big.text.contains(" Your own saving of £50m a year is no help here either. The saving starts in 2030/31"), "{}", big.text);
        // A transfer of at most 2% of the schools block cannot balance the first projected year.
        let t = seek_view(&b, &hn, Goal::InYearBalancedBy(Fy(2025)), SeekVar::Transfer);
        assert_eq!(t.outcome, "infeasible", "{}", t.text);
        assert!(t.text.contains("Not reachable"), "{}", t.text);
        let g = seek_view(&b, &hn, Goal::InYearBalancedBy(Fy(2029)), SeekVar::GrowthAllKinds);
        assert_eq!(g.outcome, "achieved");
        assert!(g.text.contains("lower for every placement type"), "{}", g.text);
        assert!(g.apply.iter().all(|(k, _)| k.key.starts_with("hn.growth.")));
        // The rates that answer gives are said, from the values Apply would set (a trial's "16
        // percentage points lower" meant numbers falling 8% to 13% a year, unsaid).
        let d = Levers::default_for(&b);
        let g = seek_view(&b, &d, Goal::InYearBalancedBy(Fy(2029)), SeekVar::GrowthAllKinds);
        let set: Vec<Decimal> = g.apply.iter().map(|(_, v)| match v { Value::Number(n) => *n, _ => panic!("growth is a number") }).collect();
        let (lo, hi) = (set.iter().min().unwrap().normalize(), set.iter().max().unwrap().normalize());
        assert!(hi < Decimal::ZERO, "{}", g.text);
        let minus = |x: Decimal| x.to_string().replace('-', "−");
        assert!(g.text.contains(&format!(" That is growth of {}% to {}% a year: the number of EHCPs falling every year in every placement type.", minus(lo), minus(hi))), "{}", g.text);
        // With earlier support, its points come off those rates (a review's answer left them on).
        let mut support = d.clone();
        support.support.growth_reduction = Decimal::new(5, 2);
        let g = seek_view(&b, &support, Goal::InYearBalancedBy(Fy(2029)), SeekVar::GrowthAllKinds);
        let set: Vec<Decimal> = g.apply.iter().map(|(_, v)| match v { Value::Number(n) => *n, _ => panic!("growth is a number") }).collect();
        let (lo, hi) = ((*set.iter().min().unwrap() - Decimal::from(5)).normalize(), (*set.iter().max().unwrap() - Decimal::from(5)).normalize());
        assert!(g.text.contains(&format!(" That is growth of {}% to {}% a year, after the earlier support's points once it has its full effect", minus(lo), minus(hi))), "{}", g.text);
        // A saving's answer is set against the spending it comes off, in the goal's year and the
        // last year projected.
        let s = seek_view(&b, &hn, Goal::InYearBalancedBy(Fy(2029)), SeekVar::SavingPerYear);
        let (first, last) = (Fy(2029).label(), hn.horizon_year(&b).label());
        assert_ne!(Fy(2029), hn.saving.start, "a goal's year other than the saving's first");
        assert!(s.text.contains(&format!("m of high-needs spending projected for {first} without it, and ")) && s.text.contains(&format!("m projected for {last}.")), "{}", s.text);
    }

    #[test]
    fn tornado_is_ranked_by_swing() {
        let b = baseline();
        let lv = Levers::default_for(&b).clamped(&b);
        let y = focus_year(&b, &lv);
        assert_eq!(y, Fy(2025), "the last year the published override covers");
        let bars = mc::tornado(&b, &lv, &McLevers::default().ranges(&lv), Fy(2030));
        let Figure { chart: c, table: t, .. } = tornado_figure(&bars, Fy(2030));
        assert_eq!(c.x_labels.len(), t.rows.len());
        assert!(bars.windows(2).all(|w| w[0].swing >= w[1].swing));
        assert!(c.title.contains("31 March 2031"), "{}", c.title);
        // Every input is named on the chart, in the table's order from the top, and has its bars.
        let svg = crate::charts::render(&c);
        std::fs::write(std::env::temp_dir().join("tornado.svg"), &svg).ok();
        let texts: Vec<&str> = svg.split("<text").skip(1).filter_map(|t| t.split_once('>').map(|(_, rest)| rest.split('<').next().unwrap_or("").trim())).collect();
        // The axis writes them from the bottom row up.
        let named: Vec<&str> = texts.iter().rev().copied().filter(|t| c.x_labels.iter().any(|l| l == t)).collect();
        assert_eq!(named, c.x_labels.iter().map(String::as_str).collect::<Vec<_>>(), "{texts:?}");
        let with_swing = bars.iter().filter(|b| !b.at_low.is_zero() || !b.at_high.is_zero()).count();
        assert!(svg.matches("<rect").count() >= with_swing, "a bar for each input that moves the deficit");
    }
}

/// The back-test table: each earlier vintage's default projection beside each later figure.
pub fn backtest_table(b: &Baseline) -> (Table, String) {
    let rows = crate::model::backtest::backtest(b);
    let mut t = Table {
        caption: "Back-test: what the model on default settings, started from each vintage, gave for each later published figure (£); for the base year's end it gives the vintage's own figure".into(),
        headers: ["Started from", "Later figure (made)", "For", "Published", "Model's figure", "Published less the model's"].map(String::from).to_vec(),
        rows: vec![],
    };
    for r in &rows {
        t.rows.push(vec![
            format!("{} ({})", r.from_label, r.from_made.long()),
            r.figure_made.long(),
            r.for_date.long(),
            format!("{}{}", if r.qualifier.as_deref() == Some("up to") { "up to " } else { "" }, gbp(r.published)),
            match (r.predicted, r.modelled) {
                (Some(p), true) => gbp(p),
                (Some(p), false) => format!("{} (its starting figure: not modelled)", gbp(p)),
                (None, _) => "outside the projection".into(),
            },
            r.miss().map(gbp).unwrap_or_default(),
        ]);
    }
    let starts: Vec<&str> = b.starts.iter().map(|s| s.label.as_str()).collect();
    let not_starts: Vec<String> = b
        .forecasts
        .iter()
        .filter(|f| !b.starts.iter().any(|s| s.id == f.id))
        .map(|f| {
            let why = if f.for_date != b.base_year.end() { format!("for {}", f.for_date.long()) } else { "a ceiling, not a figure".into() };
            format!("{} (made {}, {why})", f.label, f.made.long())
        })
        .collect();
    let revision = rows.iter().filter(|r| !r.modelled).filter_map(|r| r.miss().map(|m| (r, m))).max_by_key(|(_, m)| m.abs());
    let mut text = match rows.iter().filter(|r| r.modelled).filter_map(|r| r.miss().map(|m| (r, m))).max_by_key(|(_, m)| m.abs()) {
        Some((r, m)) => format!(
            "Started from {} ({}), the model on default settings gave {} for {}; the figure published {} was {}, a difference of {}.",
            r.from_label,
            r.from_made.month_year(),
            gbp_m(r.predicted.unwrap_or_default()),
            r.for_date.long(),
            r.figure_made.on_or_in(),
            gbp_m(r.published),
            gbp_m(m)
        ),
        None if b.starts.len() < 2 => "The dataset has one starting point for its base year, so there is no earlier vintage to test.".into(),
        None => match revision {
            // The model starts from a vintage's figure for the base year's end, so a later figure
            // for that date tests the council's forecasts, not the model.
            Some((r, m)) => format!(
                "No figure published after a starting point falls on a 31 March after {} within the projection, so the model's projections cannot be tested yet. The council's own forecasts of {} moved from {} ({}, {}) to {} (published {}), by {}: a revision the model starts from, not one it made.",
                b.base_year.end().long(),
                r.for_date.long(),
                gbp_m(r.predicted.unwrap_or_default()),
                r.from_label,
                r.from_made.month_year(),
                gbp_m(r.published),
                r.figure_made.on_or_in(),
                gbp_m(m)
            ),
            None => "No later figure falls on a 31 March within the projection from an earlier vintage.".into(),
        },
    };
    text.push_str(&format!(" Starting points: {}.", starts.join("; ")));
    if !not_starts.is_empty() {
        text.push_str(&format!(" Not starting points (a vintage starts the projection only with a figure for {}): {}.", b.base_year.end().long(), not_starts.join("; ")));
    }
    (t, text)
}

#[component]
fn Backtest() -> impl IntoView {
    let app = use_app();
    let bt = crate::ui::memo::memo(move |_| app.baseline.get().map(|b| backtest_table(&b)));
    let table = Signal::derive(move || bt.get().map(|x| x.0).unwrap_or_default());
    view! {
        <section aria-labelledby="mc-backtest-h" id="mc-backtest">
            <h2 id="mc-backtest-h">"Back-test: how good have such projections been?"</h2>
            <p>"A "<Term id="vintage" text="vintage"/>" of the figures is what the papers of one date gave. The model is run from each earlier vintage that gives it a starting point, and set beside what was published later."</p>
            <p>{move || bt.get().map(|x| x.1).unwrap_or_default()}</p>
            <Show when=move || table.with(|t| !t.rows.is_empty())><DataTable table=table/></Show>
        </section>
    }
}

/// "Independent placements £30,750 to £70,000": each placement's cost range from the data.
pub fn cost_ranges_text(b: &Baseline) -> Vec<String> {
    b.placements.iter().filter_map(|p| p.cost_range.map(|(lo, hi)| format!("{}: {} to {} (the data's {})", p.name, gbp(lo), gbp(hi), gbp(p.average_cost)))).collect()
}

/// The data's cost ranges, which the draws use (they are not levers: the dataset states them).
#[component]
fn CostRanges() -> impl IntoView {
    let app = use_app();
    let items = crate::ui::memo::memo(move |_| app.baseline.get().map(|b| cost_ranges_text(&b)).unwrap_or_default());
    view! {
        <Show when=move || !items.get().is_empty()>
            <section class="cost-ranges" aria-labelledby="mc-costs-h">
                <h3 id="mc-costs-h">"Range of average costs, from the data"</h3>
                <p class="help">"Each draw takes an average cost from the range the dataset gives (most likely its own value). The base year still matches the published deficit: what moves is how fast spending grows."</p>
                <ul>{move || items.get().into_iter().map(|t| view! { <li>{t}</li> }).collect::<Vec<_>>()}</ul>
            </section>
        </Show>
    }
}
