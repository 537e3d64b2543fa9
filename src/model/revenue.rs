//! Revenue budget and savings delivery: "if half of the at-risk savings slip, what is the
//! overspend, and what does it do to reserves?"
//!
//! Pure and exact: inputs and levers in, outputs out, `Decimal` throughout, no rounding.
//!
//! # What is published, what is derived, what is assumed (2024/25, quarter 2)
//!
//! Published (Cabinet, 19 December 2024, minutes of the November meeting):
//! - net budget £212.8m, including £11.6m directorate and £7.9m council-wide savings (£19.5m);
//! - savings delivered £8.9m (46%), on target or in progress £5.6m (28%), at risk £5.0m (26%);
//! - "cost pressures of £11.6m ... offset by the delivery in full of £1.4m of the 2024/25 savings
//!   targets in the children young people budget";
//! - forecast overspend £10.2m, "with management action this will reduce to £2m";
//! - usable reserves £82.8m = general fund £9.6m + earmarked £73.2m; a proposed £11m contingency
//!   reserve made from the business rates risk reserve (£19.7m → £8.7m).
//!
//! Derived: management action £8.2m = £10.2m − £2.0m; the offset £1.4m = £11.6m − £10.2m (the
//! published overspend is exactly the published pressures less the published offset).
//!
//! Assumed (the papers do not say it; this is the usual quarter-2 convention): the forecast
//! counts savings rated *delivered* and *on target* as delivered and savings *at risk* as not
//! delivered, and the £11.6m of pressures already contains that £5.0m shortfall. So the
//! decomposition is
//!
//! ```text
//!   other pressures   £6.6m  (= £11.6m − £5.0m, derived under the assumption)
//! + at-risk savings not delivered  £5.0m
//! − offset (children and young people savings delivered in full)  £1.4m
//! = forecast overspend  £10.2m          − management action £8.2m  = £2.0m
//! ```
//!
//! which reproduces both published figures exactly at the default levers (delivered 100%, on
//! target 100%, at risk 0%, extra pressures £0, management action lands 100%). The alternative
//! reading, that the £10.2m assumes every saving is delivered, would make £11.6m − £1.4m the whole
//! overspend with no room for the £5.0m; it is not used. Under our reading, "half the at-risk
//! savings slip" is the at-risk lever at 50%, and the published forecast is the case where all of
//! them slip.
//!
//! Management action never takes the forecast below a balanced position (it is a response to an
//! overspend, not a saving in its own right), or, where the papers' own action ends in an
//! underspend, below that published position: so the defaults reproduce the papers either way.
//!
//! # Medium term
//!
//! Each later year (default 5) has a gap = the recurring gap lever + undelivered savings that
//! recur: of the base year's undelivered savings, the share `slip_next_year` is delivered next
//! year (late); of the rest, the share `recurring_undelivered` is never delivered and recurs every
//! year; the remainder is replaced by other savings. Both default to 0%, and the recurring gap to
//! £0, because a council must set a balanced budget each year and the papers give no gap: raise
//! them to test the risk. Gaps, like the base-year overspend, are drawn from reserves in the order
//! of [`super::reserves::draw`] (the contingency reserve first).

use crate::units::calendar::Fy;
use crate::units::money::Money;
use super::reserves::{draw, Draw, Pools, ReserveBalances};
use crate::data::Dataset;
use rust_decimal::Decimal;

// ---------------------------------------------------------------------------------------------
// Levers (their labels, units and ranges are in `model::levers`)

/// A `Decimal` constant: `dec(25, 1)` is 2.5.
pub(crate) const fn dec(num: i64, scale: u32) -> Decimal {
    let abs = num.unsigned_abs();
    Decimal::from_parts(abs as u32, (abs >> 32) as u32, 0, num < 0, scale)
}

/// The revenue levers in model units (shares as fractions 0–1, money in pounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevenueLevers {
    pub at_risk_delivered: Money,
    pub on_target_delivered: Money,
    pub delivered_holds: Money,
    pub extra_pressures: Money,
    pub management_action_lands: Money,
    pub slip_next_year: Money,
    pub recurring_undelivered: Money,
    pub recurring_gap: Money,
    pub years: u32,
}

impl Default for RevenueLevers {
    /// The published forecast: at-risk savings none, the rest all; no extra pressure or gap;
    /// five medium-term years.
    fn default() -> Self {
        RevenueLevers {
            at_risk_delivered: Decimal::ZERO,
            on_target_delivered: Decimal::ONE,
            delivered_holds: Decimal::ONE,
            extra_pressures: Decimal::ZERO,
            management_action_lands: Decimal::ONE,
            slip_next_year: Decimal::ZERO,
            recurring_undelivered: Decimal::ZERO,
            recurring_gap: Decimal::ZERO,
            years: 5,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs

/// Savings by delivery status (amounts in pounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SavingsByStatus {
    pub delivered: Money,
    pub on_target: Money,
    pub at_risk: Money,
}

impl SavingsByStatus {
    pub fn total(&self) -> Money {
        self.delivered + self.on_target + self.at_risk
    }
}

/// The published base-year figures the model starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevenueInputs {
    pub base_year: Fy,
    pub net_budget: Money,
    pub savings: SavingsByStatus,
    /// Published cost pressures (taken to include the at-risk savings shortfall: module docs).
    pub cost_pressures: Money,
    /// Published forecast overspend before management action (positive = overspend).
    pub forecast_overspend: Money,
    /// What management action is expected to save (published overspend less after action).
    pub management_action: Money,
    pub reserves: ReserveBalances,
}

impl RevenueInputs {
    /// The inputs from a loaded dataset. Fails only if `base_year` is not a year key.
    pub fn from_dataset(ds: &Dataset) -> Result<RevenueInputs, String> {
        let base_year = Fy::parse_key(&ds.base_year).ok_or_else(|| format!("base_year: not a financial year like \"2024-25\": {:?}", ds.base_year))?;
        let b = &ds.budget;
        let r = &b.reserves;
        Ok(RevenueInputs {
            base_year,
            net_budget: b.net_budget.value,
            savings: SavingsByStatus {
                delivered: ds.savings.delivered.amount.value,
                on_target: ds.savings.on_target.amount.value,
                at_risk: ds.savings.at_risk.amount.value,
            },
            cost_pressures: b.cost_pressures.value,
            forecast_overspend: b.forecast_overspend.value,
            management_action: b.management_action.value,
            reserves: ReserveBalances {
                general_fund: r.general_fund.value,
                earmarked: r.earmarked.value,
                contingency: r.contingency_reserve.as_ref().map(|f| f.value).unwrap_or(Decimal::ZERO),
            },
        })
    }
}

/// How the published overspend decomposes (see the module docs for what is assumed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decomposition {
    /// Savings the published forecast counts as not delivered: the at-risk savings (assumed).
    pub undelivered_in_forecast: Money,
    /// Pressures other than undelivered savings: cost pressures − undelivered_in_forecast.
    pub other_pressures: Money,
    /// Offsets: cost pressures − forecast overspend (£1.4m, matching the published offset).
    pub offsets: Money,
}

pub fn decompose(inp: &RevenueInputs) -> Decomposition {
    let undelivered_in_forecast = inp.savings.at_risk;
    Decomposition {
        undelivered_in_forecast,
        other_pressures: inp.cost_pressures - undelivered_in_forecast,
        offsets: inp.cost_pressures - inp.forecast_overspend,
    }
}

// ---------------------------------------------------------------------------------------------
// Outputs

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// The starting level (approved net budget).
    Start,
    /// A change: `amount` is added to the running total.
    Change,
    /// A level shown part-way (forecast before management action); adds nothing.
    Subtotal,
    /// The final level (forecast outturn).
    End,
}

/// One bar of the waterfall. For `Change`, `amount` is the change; for the others it is the level.
/// `level` is always the running total after this step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaterfallStep {
    /// Stable id for charts and tests: "budget", "pressures", "extra", "undelivered_delivered",
    /// "undelivered_on_target", "undelivered_at_risk", "offsets", "before_action", "action",
    /// "outturn".
    pub key: &'static str,
    pub label: &'static str,
    pub kind: StepKind,
    pub amount: Money,
    pub level: Money,
}

/// One later year's budget gap (drawn from reserves).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GapYear {
    pub fy: Fy,
    pub recurring_gap: Money,
    pub undelivered_savings: Money,
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevenueOutputs {
    pub base_year: Fy,
    pub net_budget: Money,
    pub decomposition: Decomposition,
    /// Savings not delivered this year, by their quarter-2 rating.
    pub undelivered: SavingsByStatus,
    pub undelivered_total: Money,
    pub delivered_total: Money,
    /// Pressures other than undelivered savings, including the extra-pressures lever.
    pub pressures: Money,
    pub offsets: Money,
    /// Forecast overspend before management action (£10.2m at the defaults).
    pub overspend_before_action: Money,
    /// Management action applied (£8.2m at the defaults).
    pub management_action: Money,
    /// The forecast outturn variance after management action (£2.0m at the defaults); negative
    /// is an underspend.
    pub overspend_after_action: Money,
    /// Net budget + variance after action.
    pub forecast_outturn: Money,
    pub waterfall: Vec<WaterfallStep>,
    pub reserves: ReserveBalances,
    /// The base year's draw on reserves (the variance after action; contingency first).
    pub draw: Draw,
    /// The later years' gaps.
    pub medium_term: Vec<GapYear>,
}

impl RevenueOutputs {
    /// What the revenue budget draws from reserves each year: the base year's variance, then
    /// each later year's gap.
    pub fn draws_by_year(&self) -> Vec<(Fy, Money)> {
        std::iter::once((self.base_year, self.overspend_after_action)).chain(self.medium_term.iter().map(|g| (g.fy, g.total))).collect()
    }
}

fn share(x: Money) -> Money {
    x.max(Decimal::ZERO).min(Decimal::ONE)
}

/// Run the revenue model. Shares outside 0–1 are clamped.
pub fn model(inp: &RevenueInputs, lv: &RevenueLevers) -> RevenueOutputs {
    let dec = decompose(inp);
    let s = &inp.savings;
    let undelivered = SavingsByStatus {
        delivered: s.delivered - s.delivered * share(lv.delivered_holds),
        on_target: s.on_target - s.on_target * share(lv.on_target_delivered),
        at_risk: s.at_risk - s.at_risk * share(lv.at_risk_delivered),
    };
    let undelivered_total = undelivered.total();
    let pressures = dec.other_pressures + lv.extra_pressures;
    let before = pressures + undelivered_total - dec.offsets;
    let planned_action = inp.management_action.max(Decimal::ZERO) * share(lv.management_action_lands);
    let floor = (inp.forecast_overspend - inp.management_action).min(Decimal::ZERO);
    let action = planned_action.min((before - floor).max(Decimal::ZERO));
    let after = before - action;

    let mut waterfall = Vec::with_capacity(10);
    let mut level = inp.net_budget;
    waterfall.push(WaterfallStep { key: "budget", label: "Approved net budget", kind: StepKind::Start, amount: level, level });
    let mut change = |key, label, amount: Money| {
        level += amount;
        waterfall.push(WaterfallStep { key, label, kind: StepKind::Change, amount, level });
    };
    // Figures that do not fit the module's reading are named as what they are (another council's
    // overspend above its pressures is not an offset below zero).
    change(
        "pressures",
        if dec.other_pressures < Decimal::ZERO { "Cost pressures other than savings not delivered (below zero: the papers' pressures are less than the savings they rate at risk)" } else { "Cost pressures (other than savings not delivered)" },
        dec.other_pressures,
    );
    change("extra", "Extra cost pressures (your setting)", lv.extra_pressures);
    change("undelivered_delivered", "Savings rated delivered that do not hold", undelivered.delivered);
    change("undelivered_on_target", "On-target savings not delivered", undelivered.on_target);
    change("undelivered_at_risk", "At-risk savings not delivered", undelivered.at_risk);
    change("offsets", if dec.offsets < Decimal::ZERO { "Overspend the papers' pressures do not account for" } else { "Offsetting savings and underspends" }, -dec.offsets);
    waterfall.push(WaterfallStep { key: "before_action", label: "Forecast before management action", kind: StepKind::Subtotal, amount: level, level });
    let mut change = |key, label, amount: Money| {
        level += amount;
        waterfall.push(WaterfallStep { key, label, kind: StepKind::Change, amount, level });
    };
    change("action", "Management action", -action);
    waterfall.push(WaterfallStep { key: "outturn", label: "Forecast outturn", kind: StepKind::End, amount: level, level });

    let recurring_savings = undelivered_total * (Decimal::ONE - share(lv.slip_next_year)) * share(lv.recurring_undelivered);
    let medium_term = (1..=lv.years as i32)
        .map(|i| GapYear {
            fy: Fy(inp.base_year.0 + i),
            recurring_gap: lv.recurring_gap,
            undelivered_savings: recurring_savings,
            total: lv.recurring_gap + recurring_savings,
        })
        .collect();

    RevenueOutputs {
        base_year: inp.base_year,
        net_budget: inp.net_budget,
        decomposition: dec,
        undelivered,
        undelivered_total,
        delivered_total: s.total() - undelivered_total,
        pressures,
        offsets: dec.offsets,
        overspend_before_action: before,
        management_action: action,
        overspend_after_action: after,
        forecast_outturn: inp.net_budget + after,
        waterfall,
        reserves: inp.reserves,
        draw: draw(&inp.reserves.pools(), after),
        medium_term,
    }
}

// ---------------------------------------------------------------------------------------------
// Reserves runway

/// One year of the runway. Flows (`revenue_draw`, `capital_cost`) are drawn from the pools in
/// order; the DSG deficit is a stock compared against what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunwayYear {
    pub fy: Fy,
    /// Usable reserves (all pools) at the start of the year, before any DSG deficit.
    pub opening: Money,
    pub revenue_draw: Money,
    pub capital_cost: Money,
    /// The cost of carrying the DSG deficit this year.
    pub carrying_cost: Money,
    /// Usable reserves at the end of the year after this year's flows, before the DSG deficit.
    pub closing: Money,
    pub pools: Pools,
    /// The cumulative DSG deficit that counts against reserves at the end of the year.
    pub dsg_against_reserves: Money,
    /// `closing − dsg_against_reserves`: what would be left if that deficit had to be met.
    pub usable: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Runway {
    pub years: Vec<RunwayYear>,
    /// The first year whose `usable` is below zero (the deficits exceed the reserves), if any.
    pub runs_out: Option<Fy>,
}

/// Usable reserves year by year over the base year and the medium term.
///
/// - Starts from the published balances (general fund + earmarked), taken as at the start of the
///   base year (the audited 31 March 2024 balances for 2024/25).
/// - Each year, the revenue draw ([`RevenueOutputs::draws_by_year`]) and `capital_revenue_cost_by_year`
///   (revenue cost of borrowing to be met from reserves: a flow, per year) are drawn from the pools
///   (contingency reserve first, then other earmarked, then general fund).
/// - `dsg_deficit_counting_against_reserves_by_year` is a *stock*: the cumulative DSG deficit at
///   the end of each year that counts against reserves (zero while the statutory override keeps it
///   off them). It is subtracted from that year's closing balance, not drawn cumulatively.
/// - Years missing from a series count as zero; entries outside the runway's years are ignored;
///   two entries for one year are added together.
/// - Reserves "run out" in the first year where `usable < 0`.
pub fn runway(out: &RevenueOutputs, dsg_deficit_counting_against_reserves_by_year: &[(Fy, Money)], capital_revenue_cost_by_year: &[(Fy, Money)]) -> Runway {
    runway_with_carrying(out, dsg_deficit_counting_against_reserves_by_year, capital_revenue_cost_by_year, &[])
}

/// [`runway`] with the yearly cost of carrying the DSG deficit (interest forgone or paid on cash
/// spent and not received) drawn from reserves as well, like the capital cost.
pub fn runway_with_carrying(out: &RevenueOutputs, dsg_deficit_counting_against_reserves_by_year: &[(Fy, Money)], capital_revenue_cost_by_year: &[(Fy, Money)], carrying_cost_by_year: &[(Fy, Money)]) -> Runway {
    let at = |series: &[(Fy, Money)], fy: Fy| series.iter().filter(|(y, _)| *y == fy).map(|(_, v)| *v).sum::<Money>();
    let mut pools = out.reserves.pools();
    let mut years = Vec::with_capacity(out.medium_term.len() + 1);
    let mut runs_out = None;
    for (fy, revenue_draw) in out.draws_by_year() {
        let opening = pools.total();
        let capital_cost = at(capital_revenue_cost_by_year, fy);
        let carrying_cost = at(carrying_cost_by_year, fy);
        pools = draw(&pools, revenue_draw + capital_cost + carrying_cost).after;
        let closing = pools.total();
        let dsg = at(dsg_deficit_counting_against_reserves_by_year, fy);
        let usable = closing - dsg;
        if usable < Decimal::ZERO && runs_out.is_none() {
            runs_out = Some(fy);
        }
        years.push(RunwayYear { fy, opening, revenue_draw, capital_cost, carrying_cost, closing, pools, dsg_against_reserves: dsg, usable });
    }
    Runway { years, runs_out }
}
