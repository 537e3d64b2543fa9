//! The capital programme: its in-year revision (the bridge from approved to revised), named
//! schemes with year profiles and funding, reprofiling, the revenue cost of borrowing, and
//! delivery to date.
//!
//! Pure and exact: `Decimal` throughout. The only rounding is in the revenue cost of borrowing,
//! which is reported to the penny, half away from zero (see [`revenue_cost`]), and in slippage,
//! whose slipped share of a year's spend is taken to the penny (see [`Programme::slip`]).
//!
//! # Conventions
//!
//! - **Borrowing share by funding.** Grant and capital receipts: 0%. Borrowing: 100%. Mixed and
//!   unknown: a lever each, default 50% — the papers give no split, and halfway between all-grant
//!   and all-borrowing shows the size of the question; move the lever to test either end.
//! - **MRP timing.** Minimum revenue provision on a year's borrowing-funded spend begins the
//!   year *after* the spend (the usual convention: MRP starts in the year after the asset comes into
//!   use or the spend is incurred), over the scheme's asset life (or the default-life lever).
//! - **MRP method.** Straight line (equal instalments, the default) or annuity (instalments that
//!   rise so that MRP plus interest at the chosen rate is level: the annuity payment
//!   P·r / (1 − (1+r)^−n)).
//! - **Interest.** At the chosen rate on the *opening* capital financing requirement of each year
//!   arising from these schemes: borrowing in year y first bears interest in y+1, with MRP. All of
//!   it is treated as external borrowing at that one rate.
//! - **Powers.** (1+r)^n by repeated multiplication in full `Decimal` precision (28 significant
//!   digits). Yearly schedule values are then held to 12 decimal places of a pound (so sums and
//!   balances stay exact) and rounded only at the end, to the penny, half away from zero.

use crate::units::calendar::Fy;
use crate::units::money::{gbp, Money};
use super::revenue::dec;
use crate::data::dataset::{Capital, Funding};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;
use std::fmt;

// ---------------------------------------------------------------------------------------------
// Levers

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MrpMethod {
    StraightLine,
    Annuity,
}

/// How borrowing is financed and what share of each funding type is borrowing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Financing {
    /// Yearly interest rate as a fraction (0.05 = 5%); clamped to 0–0.25.
    pub rate: Money,
    pub method: MrpMethod,
    /// Asset life for schemes without one; clamped to 1–100 years.
    pub default_life: u32,
    pub unknown_borrowing_share: Money,
    pub mixed_borrowing_share: Money,
}

/// The capital levers in model units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapitalLevers {
    /// Share of each year's spend that slips to the next (fraction).
    pub slip: Money,
    pub financing: Financing,
}

/// The interest rate on borrowing (5% a year) where the file gives none
/// (`capital.borrowing_rate`): the app's assumption, which the lever's help explains.
pub const DEFAULT_BORROWING_RATE: Decimal = dec(5, 2);

impl CapitalLevers {
    /// The defaults with the file's own borrowing rate, if it gives one.
    pub fn default_at(rate: Option<Decimal>) -> CapitalLevers {
        let mut c = CapitalLevers::default();
        c.financing.rate = rate.unwrap_or(DEFAULT_BORROWING_RATE);
        c
    }
}

impl Default for CapitalLevers {
    /// No slippage; 5% interest, straight-line MRP over 25 years; half of unknown and mixed
    /// funding borrowed (each an assumption the lever's help explains).
    fn default() -> Self {
        CapitalLevers {
            slip: Decimal::ZERO,
            financing: Financing {
                rate: DEFAULT_BORROWING_RATE,
                method: MrpMethod::StraightLine,
                default_life: 25,
                unknown_borrowing_share: dec(5, 1),
                mixed_borrowing_share: dec(5, 1),
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The programme as published: the bridge and delivery to date

/// The published programme-level figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapitalInputs {
    pub approved: Money,
    pub brought_forward: Money,
    pub movements: Money,
    /// Removed schemes, as a positive amount.
    pub removed: Money,
    pub added_grants: Money,
    /// Reprofiled to future years, as a positive amount.
    pub reprofiled: Money,
    /// The published revised budget.
    pub revised: Money,
    pub spend_point: String,
    pub spend_to_date: Money,
    pub commitments: Money,
    pub spend_and_commitments: Money,
    pub prior_spend: Money,
    pub prior_commitments: Money,
    pub prior_spend_and_commitments: Money,
}

impl CapitalInputs {
    pub fn from_dataset(c: &Capital) -> CapitalInputs {
        CapitalInputs {
            approved: c.approved.value,
            brought_forward: c.brought_forward.value,
            movements: c.movements.value,
            removed: c.removed.value,
            added_grants: c.added_grants.value,
            reprofiled: c.reprofiled.value,
            revised: c.revised.value,
            spend_point: c.spend_point.clone(),
            spend_to_date: c.spend_to_date.value,
            commitments: c.commitments.value,
            spend_and_commitments: c.spend_and_commitments.value,
            prior_spend: c.prior_spend.value,
            prior_commitments: c.prior_commitments.value,
            prior_spend_and_commitments: c.prior_spend_and_commitments.value,
        }
    }
}

impl CapitalInputs {
    /// Whether the budget had no change of any kind in the year (not changes that net to
    /// nothing, which leave the same total "after the year's changes").
    pub fn unchanged_in_year(&self) -> bool {
        [self.brought_forward, self.movements, self.removed, self.added_grants, self.reprofiled].iter().all(|x| x.is_zero())
    }
}

/// One bar of the bridge. `amount` is signed (removals and reprofiling are negative); `level` is
/// the running total after it. The first step's amount is the approved budget itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BridgeStep {
    /// "approved", "brought_forward", "movements", "removed", "added_grants", "reprofiled".
    pub key: &'static str,
    pub label: &'static str,
    pub amount: Money,
    pub level: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bridge {
    pub steps: Vec<BridgeStep>,
    /// The end of the bridge as computed from its steps.
    pub computed: Money,
    /// The revised budget as published.
    pub published: Money,
}

impl Bridge {
    /// Whether the steps arrive exactly at the published revised budget.
    pub fn reconciles(&self) -> bool {
        self.computed == self.published
    }
}

/// Approved + brought forward + movements − removed + added grants − reprofiled = revised.
pub fn bridge(c: &CapitalInputs) -> Bridge {
    let parts: [(&'static str, &'static str, Money); 6] = [
        ("approved", "Approved capital budget", c.approved),
        ("brought_forward", "Unspent budgets brought forward from last year", c.brought_forward),
        ("movements", "Approved movements", c.movements),
        ("removed", "Schemes removed", -c.removed),
        ("added_grants", "Additional grants", c.added_grants),
        ("reprofiled", "Reprofiled to future years", -c.reprofiled),
    ];
    let mut level = Decimal::ZERO;
    let steps = parts
        .iter()
        .map(|&(key, label, amount)| {
            level += amount;
            BridgeStep { key, label, amount, level }
        })
        .collect();
    Bridge { steps, computed: level, published: c.revised }
}

/// Spend and commitments to date against the budget and the same point last year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub point: String,
    pub spend: Money,
    pub commitments: Money,
    /// spend + commitments (computed).
    pub total: Money,
    /// The revised budget it is measured against.
    pub budget: Money,
    /// total / budget (a fraction; zero if the budget is zero).
    pub share_of_budget: Decimal,
    pub prior_spend: Money,
    pub prior_commitments: Money,
    pub prior_total: Money,
    /// total − prior_total.
    pub change: Money,
    /// Whether the computed totals equal the published ones.
    pub reconciles: bool,
}

pub fn delivery(c: &CapitalInputs) -> Delivery {
    let total = c.spend_to_date + c.commitments;
    let prior_total = c.prior_spend + c.prior_commitments;
    Delivery {
        point: c.spend_point.clone(),
        spend: c.spend_to_date,
        commitments: c.commitments,
        total,
        budget: c.revised,
        share_of_budget: if c.revised.is_zero() { Decimal::ZERO } else { total / c.revised },
        prior_spend: c.prior_spend,
        prior_commitments: c.prior_commitments,
        prior_total,
        change: total - prior_total,
        reconciles: total == c.spend_and_commitments && prior_total == c.prior_spend_and_commitments,
    }
}

// ---------------------------------------------------------------------------------------------
// Schemes and reprofiling

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    pub id: String,
    pub name: String,
    pub category: String,
    pub funding: Funding,
    pub total: Money,
    /// Spend by financial year; sums to `total`.
    pub profile: BTreeMap<Fy, Money>,
    pub asset_life: Option<u32>,
}

impl Scheme {
    pub fn profile_sum(&self) -> Money {
        self.profile.values().copied().sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Programme {
    pub schemes: Vec<Scheme>,
}

/// Which schemes a slippage rate applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Category(String),
    Scheme(String),
}

impl Scope {
    fn includes(&self, s: &Scheme) -> bool {
        match self {
            Scope::All => true,
            Scope::Category(c) => &s.category == c,
            Scope::Scheme(id) => &s.id == id,
        }
    }
}

/// Whether setting a profile directly may change the scheme's total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotalRule {
    /// The new profile must sum to the existing total.
    Keep,
    /// The total becomes the sum of the new profile.
    Change,
}

/// How many years after the programme's last one spend may be moved to.
pub const LATER_YEARS: i32 = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CapitalError {
    UnknownScheme(String),
    BadYear { scheme: String, key: String },
    NegativeAmount { amount: Money },
    NegativeSpend { scheme: String, year: Fy, amount: Money },
    NotEnough { scheme: String, year: Fy, available: Money, requested: Money },
    /// Spend moved to a year the programme does not cover.
    YearOutside { year: Fy, first: Fy, last: Fy },
    TotalChanged { scheme: String, total: Money, profile_sum: Money },
    RateOutOfRange { rate: Money },
}

impl fmt::Display for CapitalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CapitalError::UnknownScheme(id) => write!(f, "there is no scheme \"{id}\" in the programme"),
            CapitalError::BadYear { scheme, key } => write!(f, "scheme \"{scheme}\": \"{key}\" is not a financial year like \"2025-26\""),
            CapitalError::NegativeAmount { amount } => write!(f, "the amount to move must be positive, not {}", gbp(*amount)),
            CapitalError::NegativeSpend { scheme, year, amount } => write!(f, "scheme \"{scheme}\": spend in {year} cannot be negative ({})", gbp(*amount)),
            CapitalError::NotEnough { scheme, year, available, requested } => write!(
                f,
                "scheme \"{scheme}\" has {} planned in {year}, so {} cannot be moved out of it",
                gbp(*available),
                gbp(*requested)
            ),
            CapitalError::TotalChanged { scheme, total, profile_sum } => write!(
                f,
                "scheme \"{scheme}\": the new profile adds up to {} but the scheme total is {}; keep the total or choose to change it",
                gbp(*profile_sum),
                gbp(*total)
            ),
            CapitalError::RateOutOfRange { rate } => write!(f, "a slippage rate must be between 0% and 100%, not {rate}"),
            CapitalError::YearOutside { year, first, last } => write!(f, "spend can be moved only to a year from {first} to {last} (the programme's years and {LATER_YEARS} after them), not {year}"),
        }
    }
}

impl std::error::Error for CapitalError {}

impl Programme {
    /// The schemes from a dataset. Fails on a profile key that is not a year.
    pub fn from_dataset(c: &Capital) -> Result<Programme, CapitalError> {
        let schemes = c
            .schemes
            .iter()
            .map(|s| {
                // Inserted one by one: collecting into a BTreeMap sorts, which compiles a sort.
                let mut profile = BTreeMap::new();
                for (k, v) in &s.profile {
                    let fy = Fy::parse_key(k).ok_or_else(|| CapitalError::BadYear { scheme: s.id.clone(), key: k.clone() })?;
                    profile.insert(fy, *v);
                }
                Ok(Scheme {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    category: s.category.clone(),
                    funding: s.funding,
                    total: s.total.value,
                    profile,
                    asset_life: s.asset_life,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Programme { schemes })
    }

    pub fn scheme(&self, id: &str) -> Option<&Scheme> {
        self.schemes.iter().find(|s| s.id == id)
    }

    fn index(&self, id: &str) -> Result<usize, CapitalError> {
        self.schemes.iter().position(|s| s.id == id).ok_or_else(|| CapitalError::UnknownScheme(id.to_string()))
    }

    /// Sum of scheme totals.
    pub fn total(&self) -> Money {
        self.schemes.iter().map(|s| s.total).sum()
    }

    /// Spend per year across all schemes.
    pub fn by_year(&self) -> BTreeMap<Fy, Money> {
        let mut m = BTreeMap::new();
        for s in &self.schemes {
            for (fy, v) in &s.profile {
                *m.entry(*fy).or_insert(Decimal::ZERO) += *v;
            }
        }
        m
    }

    /// Spend per year in one category.
    pub fn by_year_in(&self, category: &str) -> BTreeMap<Fy, Money> {
        Programme { schemes: self.schemes.iter().filter(|s| s.category == category).cloned().collect() }.by_year()
    }

    /// The categories, in first-seen order.
    pub fn categories(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for s in &self.schemes {
            if !out.contains(&s.category.as_str()) {
                out.push(&s.category);
            }
        }
        out
    }

    /// The years spend may be moved to: the programme's, and a few after it (work put back
    /// beyond its last year). `None` for a programme with no spend profiled.
    pub fn move_years(&self) -> Option<(Fy, Fy)> {
        self.span().map(|(first, last)| (first, Fy(last.0 + LATER_YEARS)))
    }

    /// The first and last year with a profile entry, if any.
    pub fn span(&self) -> Option<(Fy, Fy)> {
        let years = self.schemes.iter().flat_map(|s| s.profile.keys().copied());
        let (mut lo, mut hi) = (None::<Fy>, None::<Fy>);
        for y in years {
            lo = Some(lo.map_or(y, |l| l.min(y)));
            hi = Some(hi.map_or(y, |h| h.max(y)));
        }
        lo.zip(hi)
    }

    /// Schemes whose profile does not sum to their total (empty when everything reconciles).
    pub fn unreconciled(&self) -> Vec<&Scheme> {
        self.schemes.iter().filter(|s| s.profile_sum() != s.total).collect()
    }

    /// Move exactly `amount` of a scheme's spend from one year to another. The scheme's total is
    /// unchanged. Moving more than is planned in `from` is an error, as is a negative amount.
    pub fn move_spend(&self, scheme: &str, from: Fy, to: Fy, amount: Money) -> Result<Programme, CapitalError> {
        self.move_within(scheme, from, to, amount, self.move_years())
    }

    /// [`Programme::move_spend`], to a year within `years` (the published programme's
    /// [`Programme::move_years`]: a chain of moves cannot walk spend further out one step at a time).
    fn move_within(&self, scheme: &str, from: Fy, to: Fy, amount: Money, years: Option<(Fy, Fy)>) -> Result<Programme, CapitalError> {
        if amount < Decimal::ZERO {
            return Err(CapitalError::NegativeAmount { amount });
        }
        let i = self.index(scheme)?;
        let available = self.schemes[i].profile.get(&from).copied().unwrap_or(Decimal::ZERO);
        if amount > available {
            return Err(CapitalError::NotEnough { scheme: scheme.to_string(), year: from, available, requested: amount });
        }
        // The years the move form offers: a link cannot charge spend to 1900/01.
        if let Some((first, last)) = years.filter(|(first, last)| to < *first || to > *last) {
            return Err(CapitalError::YearOutside { year: to, first, last });
        }
        let mut out = self.clone();
        if from != to && !amount.is_zero() {
            let p = &mut out.schemes[i].profile;
            *p.entry(from).or_insert(Decimal::ZERO) -= amount;
            *p.entry(to).or_insert(Decimal::ZERO) += amount;
        }
        Ok(out)
    }

    /// Replace a scheme's profile. With [`TotalRule::Keep`] it must sum to the scheme total; with
    /// [`TotalRule::Change`] the total becomes its sum. Negative spend in any year is an error.
    pub fn set_profile(&self, scheme: &str, profile: BTreeMap<Fy, Money>, rule: TotalRule) -> Result<Programme, CapitalError> {
        let i = self.index(scheme)?;
        if let Some((year, amount)) = profile.iter().find(|(_, v)| v.is_sign_negative() && !v.is_zero()) {
            return Err(CapitalError::NegativeSpend { scheme: scheme.to_string(), year: *year, amount: *amount });
        }
        let sum: Money = profile.values().copied().sum();
        let mut out = self.clone();
        let s = &mut out.schemes[i];
        match rule {
            TotalRule::Keep if sum != s.total => return Err(CapitalError::TotalChanged { scheme: scheme.to_string(), total: s.total, profile_sum: sum }),
            TotalRule::Keep => {}
            TotalRule::Change => s.total = sum,
        }
        s.profile = profile;
        Ok(out)
    }

    /// Slip a share `rate` (0–1) of each year's spend into the next year, for the schemes in
    /// `scope`. Applied once to the profile as it stands (slipped spend does not slip again).
    /// Spend in `horizon_end` or later stays where it is (the final year carries it). Every
    /// scheme's total, and so the programme total, is unchanged exactly, and each year's spend
    /// stays in whole pence (what slips is rounded to the penny).
    pub fn slip(&self, rate: Money, scope: &Scope, horizon_end: Fy) -> Result<Programme, CapitalError> {
        if rate < Decimal::ZERO || rate > Decimal::ONE {
            return Err(CapitalError::RateOutOfRange { rate });
        }
        let mut out = self.clone();
        if rate.is_zero() {
            return Ok(out);
        }
        for s in out.schemes.iter_mut().filter(|s| scope.includes(s)) {
            let mut next = BTreeMap::new();
            for (&fy, &v) in &s.profile {
                if fy >= horizon_end {
                    *next.entry(fy).or_insert(Decimal::ZERO) += v;
                    continue;
                }
                // To the penny (half away from zero): 15% of £21,251,138.68 is a fraction of a
                // penny, and a year's figures shown to the penny then did not add up to the total
                // shown (a trial's finance officer found £25,609,198.01 against £25,609,198).
                // (Never more than the year holds: a year given in fractions of a penny, which a
                // file may, does not go below zero at 100%.)
                let slipped = (v * rate).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero).min(v);
                *next.entry(fy).or_insert(Decimal::ZERO) += v - slipped;
                *next.entry(fy.next()).or_insert(Decimal::ZERO) += slipped;
            }
            s.profile = next;
        }
        Ok(out)
    }

    /// [`Programme::slip`] to the programme's own last year.
    pub fn slip_to_end(&self, rate: Money, scope: &Scope) -> Result<Programme, CapitalError> {
        match self.span() {
            Some((_, last)) => self.slip(rate, scope, last),
            None => Ok(self.clone()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Revenue cost of borrowing

/// Share of a scheme's spend funded by borrowing.
pub fn borrowing_share(funding: Funding, fin: &Financing) -> Money {
    let clamp = |x: Money| x.max(Decimal::ZERO).min(Decimal::ONE);
    match funding {
        Funding::Grant | Funding::Receipts => Decimal::ZERO,
        Funding::Borrowing => Decimal::ONE,
        Funding::Mixed => clamp(fin.mixed_borrowing_share),
        Funding::Unknown => clamp(fin.unknown_borrowing_share),
    }
}

/// Borrowing-funded spend per year.
pub fn borrowing_by_year(p: &Programme, fin: &Financing) -> BTreeMap<Fy, Money> {
    let mut m = BTreeMap::new();
    for s in &p.schemes {
        let share = borrowing_share(s.funding, fin);
        for (fy, v) in &s.profile {
            *m.entry(*fy).or_insert(Decimal::ZERO) += *v * share;
        }
    }
    m
}

/// `base^n` by repeated multiplication, in full `Decimal` precision.
pub fn pow(base: Decimal, n: u32) -> Decimal {
    let mut acc = Decimal::ONE;
    for _ in 0..n {
        acc *= base;
    }
    acc
}

/// The level yearly payment that repays `principal` over `years` at `rate`, unrounded:
/// P·r / (1 − (1+r)^−n), computed as P·r·d / (d − 1) with d = (1+r)^n; P/n when r = 0.
pub fn annuity_payment(principal: Money, rate: Decimal, years: u32) -> Money {
    let years = years.max(1);
    if rate.is_zero() {
        return principal / Decimal::from(years);
    }
    let d = pow(Decimal::ONE + rate, years);
    principal * rate / (d - Decimal::ONE) * d
}

fn penny(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// One year of a single loan's schedule: year 1 is the year after the spend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoanYear {
    pub year: u32,
    pub opening: Money,
    pub mrp: Money,
    pub interest: Money,
    pub closing: Money,
}

/// Working precision for schedules: 10⁻¹² pounds. Holding every yearly value to a fixed 12 places
/// keeps balances and sums exact in `Decimal` (its 28 digits are never exceeded below £10¹⁶),
/// so MRP adds up exactly to the principal; the error is far below a penny.
fn work(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(12, RoundingStrategy::MidpointAwayFromZero)
}

/// The (unrounded, to working precision) MRP and interest for each year of one loan. The last
/// year's MRP is the balance left, so MRP sums to the principal exactly.
fn schedule_exact(principal: Money, rate: Decimal, years: u32, method: MrpMethod, payment: Option<Money>) -> Vec<(Money, Money)> {
    let mut out = Vec::with_capacity(years.max(1) as usize);
    each_year_exact(principal, rate, years, method, payment, |_, mrp, interest| out.push((mrp, interest)));
    out
}

/// As [`schedule_exact`], year by year (`k` from 0) into `f`, with nothing allocated: a big
/// programme has a loan for every scheme and year.
fn each_year_exact(principal: Money, rate: Decimal, years: u32, method: MrpMethod, payment: Option<Money>, mut f: impl FnMut(usize, Money, Money)) {
    let years = years.max(1);
    let payment = payment.unwrap_or_else(|| annuity_payment(principal, rate, years));
    let straight = work(principal / Decimal::from(years));
    let mut bal = principal;
    for k in 1..=years {
        let interest = work(bal * rate);
        let mrp = if k == years {
            bal
        } else {
            match method {
                MrpMethod::StraightLine => straight,
                MrpMethod::Annuity => work(payment) - interest,
            }
        };
        bal -= mrp;
        f(k as usize - 1, mrp, interest);
    }
}

/// MRP rounded to the penny *cumulatively* (each year = rounded running total − rounded running
/// total before it), so each year is within a penny of the exact value and the years sum exactly
/// to the rounded whole. Interest is rounded to the penny year by year.
fn round_series(exact: &[(Money, Money)]) -> Vec<(Money, Money)> {
    let mut cum = Decimal::ZERO;
    let mut cum_rounded = Decimal::ZERO;
    exact
        .iter()
        .map(|&(mrp, interest)| {
            cum += mrp;
            let r = penny(cum);
            let m = r - cum_rounded;
            cum_rounded = r;
            (m, penny(interest))
        })
        .collect()
}

/// The schedule of one loan of `principal` over `years` at `rate`: MRP and interest to the
/// penny (half away from zero), MRP summing exactly to the principal (in pence).
pub fn loan_schedule(principal: Money, rate: Decimal, years: u32, method: MrpMethod) -> Vec<LoanYear> {
    let rate = clamp_rate(rate);
    let exact = schedule_exact(principal, rate, years.clamp(1, 100), method, None);
    let mut opening = principal;
    round_series(&exact)
        .into_iter()
        .enumerate()
        .map(|(i, (mrp, interest))| {
            let y = LoanYear { year: i as u32 + 1, opening, mrp, interest, closing: opening - mrp };
            opening -= mrp;
            y
        })
        .collect()
}

fn clamp_rate(r: Decimal) -> Decimal {
    r.max(Decimal::ZERO).min(dec(25, 2))
}

/// One year of the programme's revenue cost of borrowing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CostYear {
    pub fy: Fy,
    /// Borrowing-funded spend in the year (unrounded).
    pub borrowing: Money,
    /// Capital financing requirement from these schemes at the start of the year.
    pub cfr_opening: Money,
    pub mrp: Money,
    pub interest: Money,
    /// mrp + interest.
    pub total: Money,
    /// cfr_opening + borrowing − mrp.
    pub cfr_closing: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RevenueCost {
    /// Every year from the first spend to the last MRP, in order.
    pub years: Vec<CostYear>,
    pub total_borrowing: Money,
    pub total_mrp: Money,
    pub total_interest: Money,
    pub total: Money,
}

impl RevenueCost {
    /// (year, mrp + interest): the series a reserves runway takes.
    pub fn by_year(&self) -> Vec<(Fy, Money)> {
        self.years.iter().map(|y| (y.fy, y.total)).collect()
    }

    /// Total cost over the years `from..=to`.
    pub fn total_between(&self, from: Fy, to: Fy) -> Money {
        self.years.iter().filter(|y| y.fy >= from && y.fy <= to).map(|y| y.total).sum()
    }
}

/// The revenue cost of the programme's borrowing, per year and in total.
///
/// Each scheme's borrowing-funded spend in each year is a separate loan: MRP over the scheme's
/// asset life (or the default), and interest on its outstanding balance, both starting the year
/// after the spend. Exact sums across loans are rounded once per year: MRP cumulatively (so it
/// sums exactly to what was borrowed, in pence), interest year by year; half away from zero.
pub fn revenue_cost(p: &Programme, fin: &Financing) -> RevenueCost {
    let rate = clamp_rate(fin.rate);
    let default_life = fin.default_life.clamp(1, 100);
    // Annuity payment per pound for each life, computed once.
    let mut per_pound: BTreeMap<u32, Decimal> = BTreeMap::new();
    let life_of = |s: &Scheme| s.asset_life.unwrap_or(default_life).clamp(1, 100);
    // The years any loan touches: from the first borrowing to the last year of MRP. The sums
    // go in one row per year from the first (borrowing, mrp, interest), not a map entry per
    // loan and year.
    let span = p.schemes.iter().flat_map(|s| {
        let share = borrowing_share(s.funding, fin);
        s.profile.iter().filter(move |(_, v)| !(**v * share).is_zero()).map(move |(fy, _)| (*fy, Fy(fy.0 + life_of(s) as i32)))
    });
    let Some((first, last)) = span.reduce(|(a, b), (c, d)| (a.min(c), b.max(d))) else {
        return RevenueCost::default();
    };
    let mut exact = vec![(Money::ZERO, Money::ZERO, Money::ZERO); (last.0 - first.0 + 1) as usize];
    for s in &p.schemes {
        let share = borrowing_share(s.funding, fin);
        if share.is_zero() {
            continue;
        }
        let life = life_of(s);
        let unit = *per_pound.entry(life).or_insert_with(|| annuity_payment(Decimal::ONE, rate, life));
        for (&fy, &spend) in &s.profile {
            let b = spend * share;
            if b.is_zero() {
                continue;
            }
            let at = (fy.0 - first.0) as usize;
            exact[at].0 += b;
            each_year_exact(b, rate, life, fin.method, Some(b * unit), |k, mrp, interest| {
                let e = &mut exact[at + 1 + k];
                e.1 += mrp;
                e.2 += interest;
            });
        }
    }
    cost_of_series(exact.into_iter().enumerate().map(|(i, e)| (Fy(first.0 + i as i32), e)).collect())
}

/// The cost from each year's exact (borrowing, mrp, interest) sums, every year in order:
/// rounded, with the capital financing requirement carried from year to year.
fn cost_of_series(series: Vec<(Fy, (Money, Money, Money))>) -> RevenueCost {
    let rounded = round_series(&series.iter().map(|(_, (_, m, i))| (*m, *i)).collect::<Vec<_>>());
    let mut cfr = Decimal::ZERO;
    let mut out = RevenueCost::default();
    for ((fy, (borrowing, _, _)), (mrp, interest)) in series.into_iter().zip(rounded) {
        let opening = cfr;
        cfr = opening + borrowing - mrp;
        out.total_borrowing += borrowing;
        out.total_mrp += mrp;
        out.total_interest += interest;
        out.years.push(CostYear { fy, borrowing, cfr_opening: opening, mrp, interest, total: mrp + interest, cfr_closing: cfr });
    }
    out.total = out.total_mrp + out.total_interest;
    out
}

/// One year's cost before and after a change (e.g. reprofiling).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CostChange {
    pub fy: Fy,
    pub before: Money,
    pub after: Money,
    /// after − before.
    pub change: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostDifference {
    pub years: Vec<CostChange>,
    pub total_before: Money,
    pub total_after: Money,
    pub total_change: Money,
}

/// Compare two revenue costs year by year (years in either; missing years count as zero).
pub fn compare(before: &RevenueCost, after: &RevenueCost) -> CostDifference {
    let mut m: BTreeMap<Fy, (Money, Money)> = BTreeMap::new();
    for y in &before.years {
        m.entry(y.fy).or_default().0 += y.total;
    }
    for y in &after.years {
        m.entry(y.fy).or_default().1 += y.total;
    }
    let years: Vec<CostChange> = m.into_iter().map(|(fy, (b, a))| CostChange { fy, before: b, after: a, change: a - b }).collect();
    CostDifference { years, total_before: before.total, total_after: after.total, total_change: after.total - before.total }
}

/// The difference a reprofiling makes to the revenue cost of borrowing.
pub fn reprofiling_effect(before: &Programme, after: &Programme, fin: &Financing) -> CostDifference {
    compare(&revenue_cost(before, fin), &revenue_cost(after, fin))
}

// ---------------------------------------------------------------------------------------------
// A list of moves

/// A move that [`Programme::apply_moves`] could not make, with its place in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedMove {
    pub index: usize,
    pub error: CapitalError,
}

impl Programme {
    /// Applies moves `(scheme, from, to, amount)` in order, each to the programme as the earlier
    /// ones left it (so the UI can check a new move against exactly what it shows). A move that
    /// [`Programme::move_spend`] refuses is skipped and reported with its index; the rest still
    /// apply. Every scheme's total is unchanged.
    pub fn apply_moves<'a, I>(&self, moves: I) -> (Programme, Vec<RefusedMove>)
    where
        I: IntoIterator<Item = (&'a str, Fy, Fy, Money)>,
    {
        let mut p = self.clone();
        let mut refused = vec![];
        let years = self.move_years();
        for (index, (scheme, from, to, amount)) in moves.into_iter().enumerate() {
            match p.move_within(scheme, from, to, amount, years) {
                Ok(next) => p = next,
                Err(error) => refused.push(RefusedMove { index, error }),
            }
        }
        (p, refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset::Funding;
    use crate::units::money::lit;

    fn programme() -> Programme {
        let profile: BTreeMap<Fy, Money> = [(Fy(2025), lit("1000")), (Fy(2026), lit("500"))].into_iter().collect();
        Programme {
            schemes: vec![Scheme { id: "a".into(), name: "A".into(), category: "x".into(), funding: Funding::Borrowing, total: lit("1500"), profile, asset_life: Some(10) }],
        }
    }

    /// The cost as it was worked out before the sums went into one row per year: a map entry
    /// per loan and year, each loan's schedule collected first.
    fn cost_by_map(p: &Programme, fin: &Financing) -> RevenueCost {
        let rate = clamp_rate(fin.rate);
        let mut exact: BTreeMap<Fy, (Money, Money, Money)> = BTreeMap::new();
        for s in &p.schemes {
            let share = borrowing_share(s.funding, fin);
            let life = s.asset_life.unwrap_or(fin.default_life.clamp(1, 100)).clamp(1, 100);
            let unit = annuity_payment(Decimal::ONE, rate, life);
            for (&fy, &spend) in &s.profile {
                let b = spend * share;
                if b.is_zero() {
                    continue;
                }
                exact.entry(fy).or_default().0 += b;
                for (k, (mrp, interest)) in schedule_exact(b, rate, life, fin.method, Some(b * unit)).into_iter().enumerate() {
                    let e = exact.entry(Fy(fy.0 + 1 + k as i32)).or_default();
                    e.1 += mrp;
                    e.2 += interest;
                }
            }
        }
        let (Some(first), Some(last)) = (exact.keys().next().copied(), exact.keys().next_back().copied()) else { return RevenueCost::default() };
        cost_of_series((first.0..=last.0).map(|y| (Fy(y), exact.get(&Fy(y)).copied().unwrap_or_default())).collect())
    }

    #[test]
    fn the_cost_summed_a_row_per_year_equals_the_cost_summed_by_loan() {
        // A fixed pseudo-random walk over programmes: funding, lives, gaps, pence, rates, methods.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let fundings = [Funding::Grant, Funding::Borrowing, Funding::Receipts, Funding::Mixed, Funding::Unknown];
        for case in 0..400 {
            let schemes = (0..next(6))
                .map(|i| Scheme {
                    id: format!("s{i}"),
                    name: String::new(),
                    category: String::new(),
                    funding: fundings[next(5) as usize],
                    total: Money::ZERO,
                    profile: (0..next(8)).map(|_| (Fy(2020 + next(15) as i32), Decimal::new(next(100_000_000) as i64, 2) * Decimal::from(next(3)))).collect(),
                    asset_life: [None, Some(1), Some(next(60) as u32 + 1), Some(0), Some(150)][next(5) as usize],
                })
                .collect();
            let p = Programme { schemes };
            let fin = Financing {
                rate: Decimal::new(next(900) as i64, 4),
                method: if next(2) == 0 { MrpMethod::StraightLine } else { MrpMethod::Annuity },
                default_life: next(80) as u32,
                unknown_borrowing_share: Decimal::new(next(101) as i64, 2),
                mixed_borrowing_share: Decimal::new(next(101) as i64, 2),
            };
            assert_eq!(revenue_cost(&p, &fin), cost_by_map(&p, &fin), "case {case}: {p:?} {fin:?}");
        }
    }

    #[test]
    fn apply_moves_in_order_skipping_refused_ones() {
        let p = programme();
        let moves = [
            ("a", Fy(2025), Fy(2026), lit("400")),
            ("a", Fy(2025), Fy(2027), lit("700")), // only 600 left in 2025: refused
            ("b", Fy(2025), Fy(2026), lit("1")),   // no such scheme: refused
            ("a", Fy(2026), Fy(2027), lit("900")), // 900 there after the first move
        ];
        let (after, refused) = p.apply_moves(moves);
        let s = after.scheme("a").unwrap();
        assert_eq!(s.profile.get(&Fy(2025)), Some(&lit("600")));
        assert_eq!(s.profile.get(&Fy(2026)), Some(&lit("0")));
        assert_eq!(s.profile.get(&Fy(2027)), Some(&lit("900")));
        assert_eq!(s.profile_sum(), s.total);
        assert_eq!(refused.iter().map(|r| r.index).collect::<Vec<_>>(), vec![1, 2]);
        assert!(matches!(refused[0].error, CapitalError::NotEnough { .. }));
        assert!(matches!(refused[1].error, CapitalError::UnknownScheme(_)));
    }

    #[test]
    fn spend_moves_only_to_the_years_the_form_offers() {
        // The programme's years are 2025/26 and 2026/27; spend may go up to four years later.
        let p = programme();
        assert_eq!(p.move_years(), Some((Fy(2025), Fy(2030))));
        assert!(p.move_spend("a", Fy(2025), Fy(2030), lit("1")).is_ok());
        for to in [Fy(1900), Fy(2024), Fy(2031), Fy(2099)] {
            let e = p.move_spend("a", Fy(2025), to, lit("1")).unwrap_err();
            assert_eq!(e, CapitalError::YearOutside { year: to, first: Fy(2025), last: Fy(2030) });
        }
        // Moves one after another cannot walk spend further out than the published years allow.
        let (after, refused) = p.apply_moves([("a", Fy(2025), Fy(2030), lit("1")), ("a", Fy(2030), Fy(2034), lit("1"))]);
        assert_eq!(after.scheme("a").unwrap().profile.get(&Fy(2030)), Some(&lit("1")));
        assert_eq!(refused.iter().map(|r| (r.index, r.error.clone())).collect::<Vec<_>>(), vec![(1, CapitalError::YearOutside { year: Fy(2034), first: Fy(2025), last: Fy(2030) })]);
        assert_eq!(
            CapitalError::YearOutside { year: Fy(1900), first: Fy(2025), last: Fy(2030) }.to_string(),
            "spend can be moved only to a year from 2025/26 to 2030/31 (the programme's years and 4 after them), not 1900/01"
        );
    }

    #[test]
    fn no_moves_is_the_same_programme() {
        let p = programme();
        let (after, refused) = p.apply_moves(std::iter::empty());
        assert_eq!(after, p);
        assert!(refused.is_empty());
    }
}
