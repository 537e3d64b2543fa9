//! The projection: year by year, unmitigated and mitigated, with headline outputs.

use crate::data::dataset::KINDS;
use super::baseline::Baseline;
use super::levers::{ramped, Carry, LeverProblem, Levers, OverrideEnd, TRANSFER_LIMIT_WITHOUT_APPROVAL};
use crate::data::dataset::PlacementKind;
use crate::units::calendar::Fy;
use crate::units::money::{gbp_m, pct, pennies, Money};
use rust_decimal::Decimal;

const ZERO: Decimal = Decimal::ZERO;
const ONE: Decimal = Decimal::ONE;

// Saturating arithmetic: absurd data gives absurd numbers, never a panic.
#[inline]
fn mul(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_mul(b)
}
#[inline]
fn add(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_add(b)
}
#[inline]
fn sub(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_sub(b)
}
#[inline]
fn div(a: Decimal, b: Decimal) -> Decimal {
    a.checked_div(b).unwrap_or(ZERO)
}

/// One placement type in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacementYear {
    /// EHCPs (fractional in projections), after any moves to new local places.
    pub count: Decimal,
    pub average_cost: Money,
    pub spend: Money,
}

/// One financial year of a trajectory. Flows are for the year; balances at its 31 March.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRow {
    pub year: Fy,
    /// EHCPs across all placements (fractional in projections).
    pub ehcps: Decimal,
    pub placement_spend: Money,
    /// Non-placement spend (the data's other spend, inflated).
    pub other_spend: Money,
    /// The part of the starting point's in-year deficit the placement model does not explain,
    /// carried forward as the levers say (see the module notes).
    pub unexplained: Money,
    /// Revenue cost of earlier support (mitigated only).
    pub support_cost: Money,
    /// The custom saving (mitigated only), a positive amount taken off spend.
    pub saving: Money,
    /// placement + other + unexplained + support cost − saving.
    pub total_spend: Money,
    /// High-needs block income, before any transfer.
    pub income: Money,
    /// Transfer from the schools block (mitigated only).
    pub transfer: Money,
    pub total_income: Money,
    /// total spend − total income (negative = a surplus).
    pub in_year_deficit: Money,
    /// Write-off paid this year (a positive amount taken off the cumulative deficit).
    pub write_off: Money,
    /// Cumulative deficit at 31 March, after any write-off.
    pub cumulative_deficit: Money,
    pub override_in_force: bool,
    /// The deficit that counts against reserves: the cumulative deficit (if positive) once the
    /// override has ended, else 0.
    pub deficit_on_reserves: Money,
    /// General fund balance (held at the published figure).
    pub general_fund: Money,
    /// Total usable reserves (held at the published figure).
    pub usable_reserves: Money,
    /// New local places filled this year: children moved from independent placements.
    pub new_places_filled: Decimal,
    /// Capital spent on new places this year (not part of revenue spend).
    pub capital_spend: Money,
}

/// The headline outputs of one trajectory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    /// Cumulative deficit at the end of the override's last year; `None` if the override never
    /// ends or ends after the horizon.
    pub deficit_at_override_end: Option<Money>,
    /// What lands on reserves when the override ends: the deficit at the override end less any
    /// write-off paid later for deficit accrued by then. `None` as above.
    pub residual_at_override_end: Option<Money>,
    /// The residual as a share of total usable reserves (a fraction); `None` without a residual
    /// or without positive reserves.
    pub residual_share_of_usable: Option<Decimal>,
    pub deficit_at_horizon: Money,
    /// First year the cumulative deficit, once the override has ended, is more than the general
    /// fund balance; `None` if not within the horizon.
    pub exceeds_general_fund: Option<Fy>,
    /// First year it is more than total usable reserves; `None` if not within the horizon.
    pub exceeds_usable_reserves: Option<Fy>,
    /// First year the in-year position balances (in-year deficit ≤ 0); `None` if not within
    /// the horizon.
    pub balances_in: Option<Fy>,
    /// The first year after `balances_in` with an in-year deficit again, if one has: a balance
    /// that does not hold is not said as one that does.
    pub in_deficit_again_in: Option<Fy>,
    pub peak_deficit: Money,
    pub peak_year: Fy,
    /// Total write-off paid within the horizon.
    pub written_off: Money,
}

/// One trajectory: a row per year (base year first) and per-placement detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trajectory {
    pub rows: Vec<YearRow>,
    /// Row-major: `placement_rows[i * n + p]` is placement `p` in row `i` (`n` = number of
    /// placements in the baseline). Use [`Trajectory::placements`].
    pub placement_rows: Vec<PlacementYear>,
    pub n_placements: usize,
    pub headline: Headline,
}

impl Trajectory {
    /// The placements in row `i`, in the baseline's order.
    pub fn placements(&self, i: usize) -> &[PlacementYear] {
        let n = self.n_placements;
        self.placement_rows.get(i * n..(i + 1) * n).unwrap_or(&[])
    }
    pub fn row(&self, year: Fy) -> Option<&YearRow> {
        let first = self.rows.first()?.year;
        let i = usize::try_from(year.0 - first.0).ok()?;
        self.rows.get(i)
    }
}

/// Capital for new local special places (never part of the revenue deficit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapitalNeed {
    /// Places opened within the horizon.
    pub places: Decimal,
    pub cost_per_place: Money,
    pub cost: Money,
    /// High Needs Capital Grant not yet committed.
    pub grant_available: Money,
    pub grant_used: Money,
    /// Capital not met by the grant (to be met by borrowing or other capital resources).
    pub shortfall: Money,
}

/// Something the user should know about a projection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A lever was out of range or in conflict; the projection used the nearest valid value,
    /// `used`, in words (as the lever's control shows it), where it can be said.
    LeverAdjusted { problem: LeverProblem, used: Option<String> },
    /// A transfer above 0.5% of the schools block needs the Secretary of State's approval.
    TransferNeedsApproval { share: Decimal },
    /// Brought forward + in-year is not the published year-end deficit (published figures are
    /// rounded); the model uses brought forward + in-year.
    YearEndDiffers { published: Money, modelled: Money },
    /// New places have no effect: the data has no placement of these kinds (one warning for
    /// both, where a trial read the same sentence twice).
    PlacesWithoutKind { kinds: Vec<PlacementKind> },
    /// From this year there are more new places than children in independent placements; the
    /// extra places are assumed empty.
    PlacesExceedIndependent { year: Fy },
    /// More new places than the papers say could be educated locally.
    PlacesExceedCouldBeLocal { places: Decimal, could_be_local: Decimal },
    /// The capital for new places is more than the uncommitted High Needs Capital Grant.
    CapitalShortfall { shortfall: Money },
    /// The write-off is paid after the last projected year, so no year shows it.
    WriteOffAfterHorizon { paid_in: Fy },
}

impl Warning {
    /// The warning in plain English.
    pub fn message(&self) -> String {
        match self {
            // Naming the value used: a trial read "uses the nearest allowed value" beside a
            // write-off date the model could not use, and could not tell which it used.
            Warning::LeverAdjusted { problem, used: Some(used) } => format!("{} (the projection uses {used}, the nearest allowed value)", problem.words()),
            Warning::LeverAdjusted { problem, used: None } => format!("{} (the projection uses the nearest allowed value)", problem.words()),
            Warning::TransferNeedsApproval { share } => format!(
                "A transfer of {} of the schools block is more than 0.5%: it needs the Secretary of State's approval, not only the Schools Forum's.",
                pct(*share, 2)
            ),
            Warning::YearEndDiffers { published, modelled } => format!(
                "The deficit brought forward plus the in-year deficit is {}, but the published year-end deficit is {} (published figures are rounded); the model uses {}.",
                gbp_m(*modelled),
                gbp_m(*published),
                gbp_m(*modelled)
            ),
            Warning::PlacesWithoutKind { kinds } => format!(
                "New local places have no effect: the data has no {} placement.",
                kinds
                    .iter()
                    .map(|k| match k {
                        PlacementKind::Independent => "independent",
                        PlacementKind::LocalSpecial => "local special school",
                        other => other.as_str(),
                    })
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            Warning::PlacesExceedIndependent { year } => format!(
                "From {} there are more new places than children in independent placements; the extra places are assumed to stay empty.",
                year.label()
            ),
            Warning::PlacesExceedCouldBeLocal { places, could_be_local } => format!(
                "{} new places is more than the {} children the papers say could be educated locally.",
                places.normalize(),
                could_be_local.normalize()
            ),
            Warning::CapitalShortfall { shortfall } => format!(
                "The new places need {} of capital beyond the uncommitted High Needs Capital Grant.",
                gbp_m(*shortfall)
            ),
            Warning::WriteOffAfterHorizon { paid_in } => format!(
                "The write-off is paid in {}, after the last projected year, so the projection does not show it.",
                paid_in.label()
            ),
        }
    }
}

/// Everything one run of the model gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Projection {
    pub base_year: Fy,
    /// No management actions (and no schools-block transfer).
    pub unmitigated: Trajectory,
    /// With the management actions the levers set.
    pub mitigated: Trajectory,
    /// The last year the override covers (`None` = never ends).
    pub override_last_year: Option<Fy>,
    /// The transfer is above 0.5% of the schools block.
    pub transfer_needs_approval: bool,
    pub capital: CapitalNeed,
    /// See [`Baseline::calibration_gap`].
    pub calibration_gap: Money,
    pub warnings: Vec<Warning>,
    /// The levers the projection used: the input, clamped into range.
    pub levers: Levers,
}

/// Runs the model from the starting point the levers name. Never panics: out-of-range levers
/// are clamped (and reported as warnings).
pub fn project(b: &Baseline, levers: &Levers) -> Projection {
    let problems = levers.validate(b);
    let lv = levers.clamped(b);
    let started = b.started_at(&lv.start);
    let b = &*started.with_cost_scale(&lv.cost_scale);
    let gap = b.calibration_gap();

    // Each placement's growth: its own rate, shifted by its kind's lever's change from default.
    let mut kind_default = [ZERO; KINDS];
    for (i, &k) in PlacementKind::ALL.iter().enumerate() {
        kind_default[i] = b.kind_growth(k).unwrap_or(ZERO);
    }
    let rates: Vec<Decimal> = b
        .placements
        .iter()
        .map(|p| {
            let i = PlacementKind::ALL.iter().position(|&k| k == p.kind).unwrap_or(0);
            add(p.growth, sub(lv.growth.get(p.kind), kind_default[i]))
        })
        .collect();
    // Moved children join local special placements in their base-year shares (fixed, so the
    // cost of a moved child does not depend on growth).
    let special_total = b.placements.iter().filter(|p| p.kind == PlacementKind::LocalSpecial).fold(ZERO, |s, p| add(s, p.count.max(ZERO)));
    let special_n = b.placements.iter().filter(|p| p.kind == PlacementKind::LocalSpecial).count();
    let special_share: Vec<Decimal> = b
        .placements
        .iter()
        .map(|p| match p.kind {
            PlacementKind::LocalSpecial if special_total > ZERO => div(p.count.max(ZERO), special_total),
            PlacementKind::LocalSpecial => div(ONE, Decimal::from(special_n as u64)),
            _ => ZERO,
        })
        .collect();

    let cx = Run { b, lv: &lv, rates: &rates, special_share: &special_share, gap };
    let mut capped: Option<Fy> = None;
    let unmitigated = cx.trajectory(false, &mut capped);
    let mitigated = cx.trajectory(true, &mut capped);

    let places: Decimal = mitigated.rows.iter().fold(ZERO, |s, r| if r.capital_spend.is_zero() { s } else { add(s, opened_in(&lv, r.year)) });
    let cost = mitigated.rows.iter().fold(ZERO, |s, r| add(s, r.capital_spend));
    let grant_available = b.uncommitted_grant();
    let grant_used = cost.min(grant_available).max(ZERO);
    let capital = CapitalNeed { places, cost_per_place: lv.places.capital_cost_per_place, cost, grant_available, grant_used, shortfall: sub(cost, grant_used).max(ZERO) };

    // Only a value the clamp changed: one it leaves as it was is not "the nearest allowed".
    let used = |p: &LeverProblem| {
        let def = crate::model::levers::by_key(p.lever)?;
        let now = def.get_hn(&lv)?;
        (def.get_hn(levers).as_ref() != Some(&now)).then(|| def.display(&now, b))
    };
    let mut warnings: Vec<Warning> = problems.into_iter().map(|problem| Warning::LeverAdjusted { used: used(&problem), problem }).collect();
    let transfer_needs_approval = lv.transfer > TRANSFER_LIMIT_WITHOUT_APPROVAL;
    if transfer_needs_approval {
        warnings.push(Warning::TransferNeedsApproval { share: lv.transfer });
    }

    if b.year_end_deficit() != b.published_year_end {
        warnings.push(Warning::YearEndDiffers { published: b.published_year_end, modelled: b.year_end_deficit() });
    }
    if lv.places.per_year > ZERO {
        let kinds: Vec<PlacementKind> = [PlacementKind::Independent, PlacementKind::LocalSpecial].into_iter().filter(|k| !b.has_kind(*k)).collect();
        if !kinds.is_empty() {
            warnings.push(Warning::PlacesWithoutKind { kinds });
        }
        if let Some(year) = capped {
            warnings.push(Warning::PlacesExceedIndependent { year });
        }
        if let Some(could) = b.could_be_local {
            if places > could {
                warnings.push(Warning::PlacesExceedCouldBeLocal { places, could_be_local: could });
            }
        }
    }
    if capital.shortfall > ZERO {
        warnings.push(Warning::CapitalShortfall { shortfall: capital.shortfall });
    }
    if lv.write_off.share > ZERO && lv.write_off.paid_in > lv.horizon_year(b) {
        warnings.push(Warning::WriteOffAfterHorizon { paid_in: lv.write_off.paid_in });
    }

    Projection {
        base_year: b.base_year,
        unmitigated,
        mitigated,
        override_last_year: lv.override_end.last_year(),
        transfer_needs_approval,
        capital,
        calibration_gap: gap,
        warnings,
        levers: lv,
    }
}

/// Places opening in `year` (before any ramp).
fn opened_in(lv: &Levers, year: Fy) -> Decimal {
    let p = &lv.places;
    let end = p.start.0 + p.years as i32; // exclusive
    if year >= p.start && year.0 < end {
        p.per_year
    } else {
        ZERO
    }
}

struct Run<'a> {
    b: &'a Baseline,
    lv: &'a Levers,
    rates: &'a [Decimal],
    special_share: &'a [Decimal],
    /// The base year's unexplained part: published in-year less modelled.
    gap: Money,
}

impl Run<'_> {
    fn trajectory(&self, mitigated: bool, capped: &mut Option<Fy>) -> Trajectory {
        let (b, lv) = (self.b, self.lv);
        let n = b.placements.len();
        let years = lv.horizon as usize + 1;
        let mut rows = Vec::with_capacity(years);
        let mut detail = Vec::with_capacity(years * n);

        let mut counts: Vec<Decimal> = b.placements.iter().map(|p| p.count.max(ZERO)).collect();
        let mut costs: Vec<Decimal> = b.placements.iter().map(|p| p.average_cost).collect();
        let inflation = add(ONE, lv.cost_inflation).max(ZERO);
        let income_growth = add(ONE, lv.income_growth).max(ZERO);
        let schools_growth = b.schools_block_growth.map(|g| add(ONE, g).max(ZERO)).unwrap_or(income_growth);
        let mut other = b.other_spend;
        let mut real_gap = self.gap;
        let mut modelled0 = ZERO;
        let mut income = b.income;
        let mut schools = b.schools_block;
        let mut cum = pennies(b.deficit_brought_forward);
        let mut accrued: Option<Money> = None;

        let places_on = mitigated && lv.places.per_year > ZERO && b.has_kind(PlacementKind::Independent) && b.has_kind(PlacementKind::LocalSpecial);
        let support_on = mitigated && lv.support.growth_reduction > ZERO;

        for i in 0..years {
            let year = Fy(b.base_year.0 + i as i32);
            if i > 0 {
                let reduction = if support_on { ramped(lv.support.growth_reduction, lv.support.start, lv.support.ramp_years, year) } else { ZERO };
                for p in 0..n {
                    let factor = sub(add(ONE, self.rates[p]), reduction).max(ZERO);
                    counts[p] = mul(counts[p], factor);
                    costs[p] = mul(costs[p], inflation);
                }
                other = mul(other, inflation);
                real_gap = mul(real_gap, inflation);
                income = mul(income, income_growth);
                schools = mul(schools, schools_growth);
            }

            // New local places: each opening year's places fill over the ramp.
            let (mut filled, mut capital) = (ZERO, ZERO);
            if places_on && year >= lv.places.start {
                for k in 0..lv.places.years as i32 {
                    let cohort = Fy(lv.places.start.0 + k);
                    if cohort > year {
                        break;
                    }
                    filled = add(filled, ramped(lv.places.per_year, cohort, lv.places.ramp_years, year));
                }
                capital = mul(opened_in(lv, year), lv.places.capital_cost_per_place);
            }
            let independent = b.placements.iter().zip(&counts).filter(|(p, _)| p.kind == PlacementKind::Independent).fold(ZERO, |s, (_, c)| add(s, *c));
            let moved = if filled > independent {
                if capped.is_none() {
                    *capped = Some(year);
                }
                independent
            } else {
                filled
            };
            let kept = if moved > ZERO { sub(ONE, div(moved, independent)).max(ZERO) } else { ONE };

            let (mut placement_spend, mut ehcps) = (ZERO, ZERO);
            for (p, bp) in b.placements.iter().enumerate() {
                let count = match bp.kind {
                    PlacementKind::Independent if moved > ZERO => mul(counts[p], kept),
                    PlacementKind::LocalSpecial if moved > ZERO => add(counts[p], mul(moved, self.special_share[p])),
                    _ => counts[p],
                };
                let spend = pennies(mul(count, costs[p]));
                placement_spend = add(placement_spend, spend);
                ehcps = add(ehcps, count);
                detail.push(PlacementYear { count, average_cost: costs[p], spend });
            }

            // The unexplained part: exactly the gap in the base year, then as the levers say.
            if i == 0 {
                modelled0 = add(placement_spend, other);
            }
            // Each amount reported is to the penny and the totals add the rounded amounts
            // (`money::pennies`); what compounds (`other`, `income`, the gap) stays exact.
            let other_spend = pennies(other);
            let income_now = pennies(income);
            let unexplained = pennies(match lv.unexplained {
                // The base year's is the balancing figure of the rounded lines, so the year is
                // the published position to the penny however the lines round.
                _ if i == 0 => sub(pennies(b.published_in_year), sub(add(placement_spend, other_spend), income_now)),
                _ if self.gap.is_zero() => self.gap,
                Carry::Real => real_gap,
                Carry::Fade => {
                    let n = Decimal::from(lv.unexplained_years.max(1));
                    let left = sub(n, Decimal::from(i as u64)).max(ZERO);
                    div(mul(real_gap, left), n)
                }
                Carry::Grow => div(mul(self.gap, add(placement_spend, other)), modelled0),
            });

            let support_cost = if mitigated && i > 0 && year >= lv.support.start { pennies(lv.support.annual_cost) } else { ZERO };
            let saving = if mitigated && i > 0 { pennies(ramped(lv.saving.per_year, lv.saving.start, lv.saving.ramp_years, year)) } else { ZERO };
            let transfer = if mitigated && i > 0 { pennies(mul(schools, lv.transfer)) } else { ZERO };
            let total_spend = sub(add(add(add(placement_spend, other_spend), unexplained), support_cost), saving);
            let total_income = add(income_now, transfer);
            let in_year = sub(total_spend, total_income);

            let before = add(cum, in_year);
            if year == lv.write_off.accrued_to {
                accrued = Some(before);
            }
            let write_off = match accrued {
                Some(a) if i > 0 && year == lv.write_off.paid_in && lv.write_off.share > ZERO => pennies(mul(lv.write_off.share, a.max(ZERO))).min(before.max(ZERO)).max(ZERO),
                _ => ZERO,
            };
            cum = sub(before, write_off);
            let in_force = lv.override_end.in_force(year);

            rows.push(YearRow {
                year,
                ehcps,
                placement_spend,
                other_spend,
                unexplained,
                support_cost,
                saving,
                total_spend,
                income: income_now,
                transfer,
                total_income,
                in_year_deficit: in_year,
                write_off,
                cumulative_deficit: cum,
                override_in_force: in_force,
                deficit_on_reserves: if in_force { ZERO } else { cum.max(ZERO) },
                general_fund: b.general_fund,
                usable_reserves: b.total_usable,
                new_places_filled: moved,
                capital_spend: capital,
            });
        }
        let headline = headline(b, lv, &rows);
        Trajectory { rows, placement_rows: detail, n_placements: n, headline }
    }
}

fn headline(b: &Baseline, lv: &Levers, rows: &[YearRow]) -> Headline {
    let at = |fy: Fy| rows.iter().find(|r| r.year == fy);
    let (deficit_at_override_end, residual) = match lv.override_end {
        OverrideEnd::Ends(last) => match at(last).map(|r| r.cumulative_deficit).or((last < b.base_year).then_some(b.deficit_brought_forward)) {
            // Ended before the years modelled: the deficit it left is the one brought forward.
            Some(d) => {
                // A write-off paid after the override ends, for deficit accrued by then, still
                // takes that deficit off what reserves must meet. An override that had ended
                // before the years modelled left the deficit brought forward, which a write-off
                // to the end of the first year (the earliest it can cover) includes.
                let later = if lv.write_off.accrued_to <= last.max(b.base_year) {
                    rows.iter().filter(|x| x.year > last).fold(ZERO, |s, x| add(s, x.write_off))
                } else {
                    ZERO
                };
                (Some(d), Some(sub(d, later.min(d.max(ZERO)))))
            }
            None => (None, None),
        },
        OverrideEnd::Never => (None, None),
    };
    let share = match residual {
        Some(r) if b.total_usable > ZERO => r.checked_div(b.total_usable),
        _ => None,
    };
    let exceeds = |limit: Money| rows.iter().find(|r| !r.override_in_force && r.cumulative_deficit > limit).map(|r| r.year);
    let (mut peak, mut peak_year) = (ZERO, b.base_year);
    let mut written_off = ZERO;
    for (i, r) in rows.iter().enumerate() {
        if i == 0 || r.cumulative_deficit > peak {
            peak = r.cumulative_deficit;
            peak_year = r.year;
        }
        written_off = add(written_off, r.write_off);
    }
    let balances_in = rows.iter().find(|r| r.in_year_deficit <= ZERO).map(|r| r.year);
    Headline {
        deficit_at_override_end,
        residual_at_override_end: residual,
        residual_share_of_usable: share,
        deficit_at_horizon: rows.last().map(|r| r.cumulative_deficit).unwrap_or(ZERO),
        exceeds_general_fund: exceeds(b.general_fund),
        exceeds_usable_reserves: exceeds(b.total_usable),
        balances_in,
        in_deficit_again_in: balances_in.and_then(|y| rows.iter().find(|r| r.year > y && r.in_year_deficit > ZERO)).map(|r| r.year),
        peak_deficit: peak,
        peak_year,
        written_off,
    }
}
