//! Every user-settable input of the high-needs model, its range and its default, and the
//! national-policy presets.
//!
//! [`Levers`] holds values in model units (rates as fractions, years as [`Fy`]). [`LEVERS`]
//! describes each lever for sliders and links in *display* units ([`Unit`]): percentages as
//! percentages ("10" is 10% a year), money in pounds, years as financial years. [`Levers::get`]
//! and [`Levers::set`] convert between the two, so a link codec can go through the table:
//!
//! ```
//! # use dsg_explorer::model::dsg::*;
//! # fn demo(levers: &mut Levers, base: dsg_explorer::units::calendar::Fy) {
//! for spec in LEVERS {
//!     let value = levers.get(spec.id);
//!     let text = value.text(); // what a link would carry, e.g. "hn.growth.independent=12.5"
//!     let back = spec.parse_text(&text).unwrap();
//!     assert!(spec.check(&back, base).is_ok() || spec.check(&value, base).is_err());
//! }
//! # }
//! ```

use super::baseline::Baseline;
use crate::data::dataset::PlacementKind;
use crate::units::calendar::Fy;
use crate::units::money::Money;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// A decimal constant, usable in `const` tables.
const fn dec(n: i64, scale: u32) -> Decimal {
    let a = n.unsigned_abs();
    Decimal::from_parts(a as u32, (a >> 32) as u32, 0, n < 0, scale)
}

/// The default interest rate on the deficit (4.5% a year): an assumption, not in the papers,
/// between what councils earned on short-term deposits and paid to borrow long-term in 2024/25
/// (both roughly 4% to 5%). The lever's help says so.
pub const DEFAULT_CARRY_RATE: Decimal = dec(45, 3);

/// A schools-block transfer above this share (0.5%) needs the Secretary of State's approval.
pub const TRANSFER_LIMIT_WITHOUT_APPROVAL: Decimal = dec(5, 3);

/// When the statutory override ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverrideEnd {
    /// The last financial year covered: `Ends(Fy(2025))` is "until 31 March 2026". From the
    /// next year the deficit counts against reserves.
    Ends(Fy),
    /// The override never ends within the horizon.
    Never,
}

impl OverrideEnd {
    pub fn in_force(self, year: Fy) -> bool {
        match self {
            OverrideEnd::Ends(last) => year <= last,
            OverrideEnd::Never => true,
        }
    }
    pub fn last_year(self) -> Option<Fy> {
        match self {
            OverrideEnd::Ends(last) => Some(last),
            OverrideEnd::Never => None,
        }
    }
}

/// A national write-off of part of the deficit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOff {
    /// Share of the deficit written off, as a fraction (0.9 = 90%). 0 = no write-off.
    pub share: Decimal,
    /// The write-off covers the cumulative deficit at the end of this year (31 March).
    pub accrued_to: Fy,
    /// The year it is paid: the cumulative deficit falls at the end of this year.
    pub paid_in: Fy,
}

/// Mitigation (a): new local special-school places, each taking one child out of an independent
/// placement. Every year's new places fill over `ramp_years`; the capital cost is incurred in
/// the year they open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewPlaces {
    /// Places opened in each opening year.
    pub per_year: Decimal,
    /// The first year places open.
    pub start: Fy,
    /// How many consecutive years places open (1 = a one-off).
    pub years: u32,
    /// Years for a year's new places to fill (1 = full from the year they open).
    pub ramp_years: u32,
    /// Capital cost of one place (base-year prices, not inflated).
    pub capital_cost_per_place: Money,
}

/// Mitigation (b): earlier support in mainstream, lowering EHCP growth (every placement kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EarlierSupport {
    /// Percentage points off every growth rate at full effect, as a fraction (0.02 = 2 points).
    pub growth_reduction: Decimal,
    pub start: Fy,
    /// Years to full effect.
    pub ramp_years: u32,
    /// Revenue cost per year from the start year, in cash (not inflated, not ramped).
    pub annual_cost: Money,
}

/// Mitigation (c): any other saving, per year at full effect, in cash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CustomSaving {
    pub per_year: Money,
    pub start: Fy,
    pub ramp_years: u32,
}

/// How the base year's unexplained part (the starting point's in-year deficit less what the
/// placement model gives) carries into later years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carry {
    /// Held in real terms: it rises with cost inflation (the default; see `CARRY_CHOICES`).
    Real,
    /// Falls in equal steps to nothing over `Levers::unexplained_years` (in real terms meanwhile).
    Fade,
    /// Grows with the rest: in proportion to the trajectory's placement and other spend.
    Grow,
}

/// Link key of the starting-point lever (a vintage id).
pub const START_KEY: &str = "hn.start";
/// Link key of the unexplained part's carry-forward lever.
pub const CARRY_KEY: &str = "hn.unexplained";

/// (link code, carry, label) for each way the unexplained part can carry forward.
pub const CARRY_CHOICES: [(&str, Carry, &str); 3] = [
    ("real", Carry::Real, "Held in real terms (rises with cost inflation)"),
    ("fade", Carry::Fade, "Fades out over the years set below"),
    ("grow", Carry::Grow, "Grows with the rest of high-needs spend"),
];

impl Carry {
    pub fn code(self) -> &'static str {
        CARRY_CHOICES.iter().find(|c| c.1 == self).map(|c| c.0).unwrap_or("real")
    }
    pub fn parse(s: &str) -> Option<Carry> {
        CARRY_CHOICES.iter().find(|c| c.0 == s).map(|c| c.1)
    }
}

/// A yearly rate per placement kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KindRates(pub [Decimal; 5]);

impl KindRates {
    pub fn get(&self, kind: PlacementKind) -> Decimal {
        self.0[kind_index(kind)]
    }
    pub fn set(&mut self, kind: PlacementKind, rate: Decimal) {
        self.0[kind_index(kind)] = rate;
    }
}

fn kind_index(kind: PlacementKind) -> usize {
    match kind {
        PlacementKind::Mainstream => 0,
        PlacementKind::LocalSpecial => 1,
        PlacementKind::Independent => 2,
        PlacementKind::Post16 => 3,
        PlacementKind::Other => 4,
    }
}

/// Everything a user can set, in model units. `Levers::default_for` is the published position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Levers {
    /// Years projected after the base year (3–15; default 10).
    pub horizon: u32,
    /// EHCP growth a year by placement kind, as fractions. A kind's lever shifts every
    /// placement of that kind by its change from the default (with one placement per kind, as in
    /// the shipped data, it simply is that placement's rate).
    pub growth: KindRates,
    /// Yearly inflation of average costs and other spend.
    pub cost_inflation: Decimal,
    /// Yearly growth of high-needs income and of the schools block.
    pub income_growth: Decimal,
    /// Schools-block transfer to high needs, as a fraction of the schools block (0.005 = 0.5%).
    pub transfer: Decimal,
    pub override_end: OverrideEnd,
    pub write_off: WriteOff,
    pub places: NewPlaces,
    pub support: EarlierSupport,
    pub saving: CustomSaving,
    /// The starting point: the id of one of `Baseline::starts` (link `hn.start`), or "base" for
    /// the dataset's own base-year figures. Default: the latest vintage.
    pub start: String,
    /// How the unexplained part of the base year carries forward (link `hn.unexplained`).
    pub unexplained: Carry,
    /// Years for the unexplained part to fade out, with `Carry::Fade`.
    pub unexplained_years: u32,
    /// Interest a year on the cumulative deficit: what carrying it costs the general fund (cash
    /// spent and not received: interest forgone or paid), as a fraction (0.045 = 4.5%).
    pub carry_rate: Decimal,
    /// Each kind's average cost as a factor on the data's (1 = as in the data). Not a slider or
    /// a link parameter: the uncertainty page draws it from the data's cost ranges.
    pub cost_scale: KindRates,
}

impl Levers {
    /// The published position: the data's growth, inflation and income growth, the published
    /// override end, no transfer, no write-off, no mitigation.
    pub fn default_for(b: &Baseline) -> Levers {
        let next = b.base_year.next();
        let mut growth = KindRates::default();
        for &k in PlacementKind::ALL {
            growth.set(k, b.kind_growth(k).unwrap_or(Decimal::ZERO));
        }
        let override_last = b.published_override_last_year().max(b.base_year);
        Levers {
            horizon: 10,
            growth,
            cost_inflation: b.cost_inflation,
            income_growth: b.income_growth,
            transfer: Decimal::ZERO,
            override_end: OverrideEnd::Ends(override_last),
            write_off: WriteOff { share: Decimal::ZERO, accrued_to: override_last, paid_in: override_last.next() },
            places: NewPlaces { per_year: Decimal::ZERO, start: next, years: 1, ramp_years: 1, capital_cost_per_place: b.special_place_capital_cost },
            support: EarlierSupport { growth_reduction: Decimal::ZERO, start: next, ramp_years: 1, annual_cost: Decimal::ZERO },
            saving: CustomSaving { per_year: Decimal::ZERO, start: next, ramp_years: 1 },
            start: b.default_start_id(),
            unexplained: Carry::Real,
            unexplained_years: 5,
            cost_scale: KindRates([Decimal::ONE; 5]),
            carry_rate: DEFAULT_CARRY_RATE,
        }
    }

    /// The lever's value in display units (see [`Unit`]).
    pub fn get(&self, id: LeverId) -> LeverValue {
        use LeverValue::{Number, Year};
        let pct = |d: Decimal| Number(d.saturating_mul(Decimal::ONE_HUNDRED).normalize());
        let int = |n: u32| Number(Decimal::from(n));
        match id {
            LeverId::Horizon => int(self.horizon),
            LeverId::Growth(k) => pct(self.growth.get(k)),
            LeverId::CostInflation => pct(self.cost_inflation),
            LeverId::IncomeGrowth => pct(self.income_growth),
            LeverId::Transfer => pct(self.transfer),
            LeverId::OverrideEnd => match self.override_end {
                OverrideEnd::Ends(fy) => Year(fy),
                OverrideEnd::Never => LeverValue::Never,
            },
            LeverId::WriteOffShare => pct(self.write_off.share),
            LeverId::WriteOffAccruedTo => Year(self.write_off.accrued_to),
            LeverId::WriteOffPaidIn => Year(self.write_off.paid_in),
            LeverId::PlacesPerYear => Number(self.places.per_year),
            LeverId::PlacesStart => Year(self.places.start),
            LeverId::PlacesYears => int(self.places.years),
            LeverId::PlacesRamp => int(self.places.ramp_years),
            LeverId::PlaceCapitalCost => Number(self.places.capital_cost_per_place),
            LeverId::SupportReduction => pct(self.support.growth_reduction),
            LeverId::SupportStart => Year(self.support.start),
            LeverId::SupportRamp => int(self.support.ramp_years),
            LeverId::SupportCost => Number(self.support.annual_cost),
            LeverId::SavingPerYear => Number(self.saving.per_year),
            LeverId::SavingStart => Year(self.saving.start),
            LeverId::SavingRamp => int(self.saving.ramp_years),
            LeverId::UnexplainedYears => int(self.unexplained_years),
            LeverId::CarryRate => pct(self.carry_rate),
        }
    }

    /// Sets a lever from a display-unit value. Checks only the kind of value (a number, a year,
    /// a whole number where one is needed); ranges are [`LeverSpec::check`]'s job.
    pub fn set(&mut self, id: LeverId, value: LeverValue) -> Result<(), String> {
        let spec = LeverSpec::by_id(id);
        let number = || match value {
            LeverValue::Number(d) => Ok(d),
            _ => Err(format!("{} needs a number", spec.name)),
        };
        let pct = || number().map(|d| d.checked_div(Decimal::ONE_HUNDRED).unwrap_or(Decimal::ZERO));
        let int = || {
            let d = number()?;
            if d.fract() != Decimal::ZERO {
                return Err(format!("{} needs a whole number, got {}", spec.name, d.normalize()));
            }
            d.to_u32().ok_or_else(|| format!("{} is out of range: {}", spec.name, d.normalize()))
        };
        let year = || match value {
            LeverValue::Year(fy) => Ok(fy),
            _ => Err(format!("{} needs a financial year", spec.name)),
        };
        match id {
            LeverId::Horizon => self.horizon = int()?,
            LeverId::Growth(k) => self.growth.set(k, pct()?),
            LeverId::CostInflation => self.cost_inflation = pct()?,
            LeverId::IncomeGrowth => self.income_growth = pct()?,
            LeverId::Transfer => self.transfer = pct()?,
            LeverId::OverrideEnd => {
                self.override_end = match value {
                    LeverValue::Year(fy) => OverrideEnd::Ends(fy),
                    LeverValue::Never => OverrideEnd::Never,
                    LeverValue::Number(_) => return Err(format!("{} needs a financial year or \"never\"", spec.name)),
                }
            }
            LeverId::WriteOffShare => self.write_off.share = pct()?,
            LeverId::WriteOffAccruedTo => self.write_off.accrued_to = year()?,
            LeverId::WriteOffPaidIn => self.write_off.paid_in = year()?,
            LeverId::PlacesPerYear => self.places.per_year = number()?,
            LeverId::PlacesStart => self.places.start = year()?,
            LeverId::PlacesYears => self.places.years = int()?,
            LeverId::PlacesRamp => self.places.ramp_years = int()?,
            LeverId::PlaceCapitalCost => self.places.capital_cost_per_place = number()?,
            LeverId::SupportReduction => self.support.growth_reduction = pct()?,
            LeverId::SupportStart => self.support.start = year()?,
            LeverId::SupportRamp => self.support.ramp_years = int()?,
            LeverId::SupportCost => self.support.annual_cost = number()?,
            LeverId::SavingPerYear => self.saving.per_year = number()?,
            LeverId::SavingStart => self.saving.start = year()?,
            LeverId::SavingRamp => self.saving.ramp_years = int()?,
            LeverId::UnexplainedYears => self.unexplained_years = int()?,
            LeverId::CarryRate => self.carry_rate = pct()?,
        }
        Ok(())
    }

    /// Every lever outside its range, and settings that contradict each other. Empty when the
    /// levers are all usable as they are. (A transfer above 0.5% is allowed: the projection
    /// flags it as needing approval.)
    pub fn validate(&self, b: &Baseline) -> Vec<LeverProblem> {
        let mut out = Vec::new();
        for spec in LEVERS {
            if let Err(message) = spec.check(&self.get(spec.id), b.base_year) {
                out.push(LeverProblem { lever: spec.name, message });
            }
        }
        if b.start_by_id(&self.start).is_none() {
            out.push(LeverProblem { lever: START_KEY, message: format!("there is no starting point \"{}\" in this dataset", self.start) });
        }
        if self.write_off.paid_in < self.write_off.accrued_to {
            out.push(LeverProblem {
                lever: LeverSpec::by_id(LeverId::WriteOffPaidIn).name,
                message: format!(
                    "the write-off is paid in {} but covers the deficit to {}: it cannot be paid before that date",
                    self.write_off.paid_in,
                    self.write_off.accrued_to.end().long()
                ),
            });
        }
        out
    }

    /// The levers with every value brought into range (and a write-off paid no earlier than the
    /// date it covers). The projection runs on these.
    pub fn clamped(&self, b: &Baseline) -> Levers {
        let mut out = self.clone();
        for spec in LEVERS {
            let v = out.get(spec.id);
            let c = spec.clamp(v, b.base_year);
            if c != v {
                // Clamped values are of the right kind and in range, so this cannot fail.
                let _ = out.set(spec.id, c);
            }
        }
        if out.write_off.paid_in < out.write_off.accrued_to {
            out.write_off.paid_in = out.write_off.accrued_to.max(b.base_year.next());
        }
        if b.start_by_id(&out.start).is_none() {
            out.start = b.default_start_id();
        }
        for x in out.cost_scale.0.iter_mut() {
            *x = (*x).max(Decimal::ZERO);
        }
        out
    }

    /// The policy preset these levers match, if any.
    pub fn policy_preset(&self, b: &Baseline) -> Option<PolicyPreset> {
        PolicyPreset::ALL.iter().copied().find(|p| p.matches(self, b))
    }

    /// The last projected year.
    pub fn horizon_year(&self, b: &Baseline) -> Fy {
        Fy(b.base_year.0 + self.horizon as i32)
    }
}

/// How far a mitigation has ramped up in `year`: 0 before `start`, then 1/ramp, 2/ramp, …, up to
/// 1. A ramp of 0 or 1 years means full effect from the start year.
pub fn ramp_factor(start: Fy, ramp_years: u32, year: Fy) -> Decimal {
    if year < start {
        return Decimal::ZERO;
    }
    let done = (year.0 - start.0) as i64 + 1;
    if ramp_years <= 1 || done >= ramp_years as i64 {
        Decimal::ONE
    } else {
        Decimal::from(done).checked_div(Decimal::from(ramp_years)).unwrap_or(Decimal::ONE)
    }
}

/// `amount` scaled by [`ramp_factor`], multiplying before dividing so that whole shares stay
/// exact (300,000 over a 3-year ramp is 100,000, 200,000, 300,000).
pub fn ramped(amount: Decimal, start: Fy, ramp_years: u32, year: Fy) -> Decimal {
    if year < start {
        return Decimal::ZERO;
    }
    let done = (year.0 - start.0) as i64 + 1;
    if ramp_years <= 1 || done >= ramp_years as i64 {
        amount
    } else {
        amount.saturating_mul(Decimal::from(done)).checked_div(Decimal::from(ramp_years)).unwrap_or(amount)
    }
}

/// A lever outside its range, or in conflict with another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeverProblem {
    /// The lever's link name, e.g. "hn.transfer".
    pub lever: &'static str,
    pub message: String,
}

/// Names every lever.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LeverId {
    Horizon,
    Growth(PlacementKind),
    CostInflation,
    IncomeGrowth,
    Transfer,
    OverrideEnd,
    WriteOffShare,
    WriteOffAccruedTo,
    WriteOffPaidIn,
    PlacesPerYear,
    PlacesStart,
    PlacesYears,
    PlacesRamp,
    PlaceCapitalCost,
    SupportReduction,
    SupportStart,
    SupportRamp,
    SupportCost,
    SavingPerYear,
    SavingStart,
    SavingRamp,
    UnexplainedYears,
    CarryRate,
}

/// A lever's value in display units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeverValue {
    Number(Decimal),
    /// A financial year (for a year-end lever, the year ending on that 31 March).
    Year(Fy),
    /// "never": only for the override end.
    Never,
}

impl LeverValue {
    /// The value as a link writes it: "12.5", "2026-27", "never". No `+`, no spaces.
    pub fn text(&self) -> String {
        match self {
            LeverValue::Number(d) => d.normalize().to_string(),
            LeverValue::Year(fy) => fy.key(),
            LeverValue::Never => "never".to_string(),
        }
    }
}

/// What a lever's number means, in display units (and so in links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A whole number of years (the horizon, a ramp, years of opening).
    Years,
    /// A yearly rate in percent: 10 means 10% a year (the model holds 0.1).
    PercentPerYear,
    /// A share in percent: 0.5 means 0.5% (the model holds 0.005).
    Percent,
    /// Percentage points off a rate: 2 means 2 points (the model holds 0.02).
    PercentagePoints,
    /// Pounds a year, in cash.
    PoundsPerYear,
    /// Pounds per place, one-off (capital).
    PoundsPerPlace,
    /// New places in each opening year.
    PlacesPerYear,
    /// A financial year, written "2026-27". `min`/`max` are offsets from the base year.
    Year,
    /// A financial year-end, written "2027-28" (= 31 March 2028), or "never". `min`/`max` are
    /// offsets from the base year.
    YearEndOrNever,
}

impl Unit {
    /// The short unit text a slider shows after its number.
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Years => "years",
            Unit::PercentPerYear => "% a year",
            Unit::Percent => "%",
            Unit::PercentagePoints => "percentage points",
            Unit::PoundsPerYear => "£ a year",
            Unit::PoundsPerPlace => "£ per place",
            Unit::PlacesPerYear => "places a year",
            Unit::Year | Unit::YearEndOrNever => "",
        }
    }
    pub fn is_year(self) -> bool {
        matches!(self, Unit::Year | Unit::YearEndOrNever)
    }
    pub fn is_whole(self) -> bool {
        matches!(self, Unit::Years)
    }
}

/// One lever as sliders and links see it. Numbers are in display units; for year units `min`
/// and `max` are offsets from the base year (see [`LeverSpec::year_bounds`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeverSpec {
    pub id: LeverId,
    /// Short, stable, human-readable link key, e.g. "hn.growth.independent".
    pub name: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    pub min: Decimal,
    pub max: Decimal,
    pub step: Decimal,
    pub help: &'static str,
}

impl LeverSpec {
    pub fn by_name(name: &str) -> Option<&'static LeverSpec> {
        LEVERS.iter().find(|s| s.name == name)
    }

    pub fn by_id(id: LeverId) -> &'static LeverSpec {
        // Every id has a row (a unit test checks it); the fallback only keeps this total.
        LEVERS.iter().find(|s| s.id == id).unwrap_or(&LEVERS[0])
    }

    /// For year levers, the first and last year allowed.
    pub fn year_bounds(&self, base: Fy) -> (Fy, Fy) {
        let off = |d: Decimal| d.to_i32().unwrap_or(0);
        (Fy(base.0 + off(self.min)), Fy(base.0 + off(self.max)))
    }

    /// The default value for a dataset.
    pub fn default_value(&self, b: &Baseline) -> LeverValue {
        Levers::default_for(b).get(self.id)
    }

    /// Reads a value as links write it ([`LeverValue::text`]); `None` if it is not of this
    /// lever's kind. Does not check the range.
    pub fn parse_text(&self, s: &str) -> Option<LeverValue> {
        match self.unit {
            Unit::YearEndOrNever if s == "never" => Some(LeverValue::Never),
            Unit::Year | Unit::YearEndOrNever => Fy::parse_key(s).map(LeverValue::Year),
            _ => {
                if s.is_empty() || s.len() > 40 || !s.bytes().all(|c| c.is_ascii_digit() || c == b'.' || c == b'-') {
                    return None;
                }
                Decimal::from_str_exact(s).ok().map(LeverValue::Number)
            }
        }
    }

    /// Whether `v` is of the right kind and within range.
    pub fn check(&self, v: &LeverValue, base: Fy) -> Result<(), String> {
        match (self.unit, v) {
            (Unit::YearEndOrNever, LeverValue::Never) => Ok(()),
            (Unit::Year | Unit::YearEndOrNever, LeverValue::Year(fy)) => {
                let (lo, hi) = self.year_bounds(base);
                if *fy < lo || *fy > hi {
                    Err(format!("{}: {} is outside {} to {}", self.name, fy.label(), lo.label(), hi.label()))
                } else {
                    Ok(())
                }
            }
            (Unit::Year, _) => Err(format!("{} needs a financial year like {}", self.name, base.next().key())),
            (Unit::YearEndOrNever, _) => Err(format!("{} needs a financial year like {} or \"never\"", self.name, base.next().key())),
            (unit, LeverValue::Number(d)) => {
                if unit.is_whole() && d.fract() != Decimal::ZERO {
                    Err(format!("{} needs a whole number, got {}", self.name, d.normalize()))
                } else if *d < self.min || *d > self.max {
                    Err(format!("{}: {} is outside {} to {}", self.name, d.normalize(), self.min.normalize(), self.max.normalize()))
                } else {
                    Ok(())
                }
            }
            (_, _) => Err(format!("{} needs a number", self.name)),
        }
    }

    /// The nearest valid value: numbers and years clamped to range, whole units rounded; a
    /// value of the wrong kind becomes the minimum.
    pub fn clamp(&self, v: LeverValue, base: Fy) -> LeverValue {
        match (self.unit, v) {
            (Unit::YearEndOrNever, LeverValue::Never) => LeverValue::Never,
            (Unit::Year | Unit::YearEndOrNever, LeverValue::Year(fy)) => {
                let (lo, hi) = self.year_bounds(base);
                LeverValue::Year(fy.max(lo).min(hi))
            }
            (Unit::Year | Unit::YearEndOrNever, _) => LeverValue::Year(self.year_bounds(base).0),
            (unit, LeverValue::Number(d)) => {
                let d = if unit.is_whole() { d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero) } else { d };
                LeverValue::Number(d.max(self.min).min(self.max))
            }
            (_, _) => LeverValue::Number(self.min),
        }
    }
}

macro_rules! growth_lever {
    ($kind:ident, $name:literal, $label:literal, $help:literal) => {
        LeverSpec {
            id: LeverId::Growth(PlacementKind::$kind),
            name: $name,
            label: $label,
            unit: Unit::PercentPerYear,
            min: dec(-20, 0),
            max: dec(40, 0),
            step: dec(5, 1),
            help: $help,
        }
    };
}

/// Every lever, in the order a form shows them. Names are stable: links depend on them.
pub const LEVERS: &[LeverSpec] = &[
    LeverSpec {
        id: LeverId::Horizon,
        name: "hn.horizon",
        label: "Years to project",
        unit: Unit::Years,
        min: dec(3, 0),
        max: dec(15, 0),
        step: dec(1, 0),
        help: "How many years after the base year to project: 10 runs from the base year to ten years on.",
    },
    growth_lever!(Mainstream, "hn.growth.mainstream", "EHCP growth: mainstream", "Yearly growth in children with an EHCP supported in mainstream schools, nurseries and colleges, in % a year."),
    growth_lever!(LocalSpecial, "hn.growth.local_special", "EHCP growth: local special schools", "Yearly growth in children with an EHCP in local special schools (maintained or academy), in % a year."),
    growth_lever!(Independent, "hn.growth.independent", "EHCP growth: independent placements", "Yearly growth in children with an EHCP in independent and non-maintained special schools, in % a year."),
    growth_lever!(Post16, "hn.growth.post16", "EHCP growth: post-16", "Yearly growth in young people with an EHCP in post-16 placements, in % a year."),
    growth_lever!(Other, "hn.growth.other", "EHCP growth: other placements", "Yearly growth in other placements (education other than at school, out of area, awaiting a place), in % a year."),
    LeverSpec {
        id: LeverId::CostInflation,
        name: "hn.inflation",
        label: "Cost inflation",
        unit: Unit::PercentPerYear,
        min: dec(-5, 0),
        max: dec(20, 0),
        step: dec(1, 1),
        help: "Yearly rise in the average cost of each placement and in other high-needs spend, in % a year.",
    },
    LeverSpec {
        id: LeverId::IncomeGrowth,
        name: "hn.income",
        label: "High-needs income growth",
        unit: Unit::PercentPerYear,
        min: dec(-10, 0),
        max: dec(20, 0),
        step: dec(1, 1),
        help: "Yearly growth in the high-needs block grant (and in the schools block), in % a year.",
    },
    LeverSpec {
        id: LeverId::Transfer,
        name: "hn.transfer",
        label: "Transfer from the schools block",
        unit: Unit::Percent,
        min: dec(0, 0),
        max: dec(2, 0),
        step: dec(1, 1),
        help: "Share of the schools block moved to high needs each year from the year after the base year, in %. Up to 0.5% needs the Schools Forum's agreement; more needs the Secretary of State's approval.",
    },
    LeverSpec {
        id: LeverId::OverrideEnd,
        name: "hn.override",
        label: "Statutory override ends",
        unit: Unit::YearEndOrNever,
        min: dec(0, 0),
        max: dec(15, 0),
        step: dec(1, 0),
        help: "The last financial year the statutory override keeps the deficit off the council's reserves (2025-26 = until 31 March 2026), or \"never\".",
    },
    LeverSpec {
        id: LeverId::WriteOffShare,
        name: "hn.writeoff.share",
        label: "Deficit written off nationally",
        unit: Unit::Percent,
        min: dec(0, 0),
        max: dec(100, 0),
        step: dec(1, 0),
        help: "Share of the cumulative deficit up to the chosen date that government resolves, in %. Deficit that builds up after that date is not covered.",
    },
    LeverSpec {
        id: LeverId::WriteOffAccruedTo,
        name: "hn.writeoff.to",
        label: "Write-off covers the deficit to the end of",
        unit: Unit::Year,
        min: dec(0, 0),
        max: dec(15, 0),
        step: dec(1, 0),
        help: "The financial year whose 31 March closing deficit the write-off covers (2025-26 = the deficit at 31 March 2026).",
    },
    LeverSpec {
        id: LeverId::WriteOffPaidIn,
        name: "hn.writeoff.paid",
        label: "Write-off paid in",
        unit: Unit::Year,
        min: dec(1, 0),
        max: dec(15, 0),
        step: dec(1, 0),
        help: "The financial year in which the write-off is paid and the deficit falls.",
    },
    LeverSpec {
        id: LeverId::PlacesPerYear,
        name: "hn.places.per_year",
        label: "New local special-school places",
        unit: Unit::PlacesPerYear,
        min: dec(0, 0),
        max: dec(500, 0),
        step: dec(1, 0),
        help: "Places opened in each opening year. Each filled place moves one child from an independent placement to a local special school, saving the difference in average cost.",
    },
    LeverSpec {
        id: LeverId::PlacesStart,
        name: "hn.places.start",
        label: "New places first open in",
        unit: Unit::Year,
        min: dec(1, 0),
        max: dec(15, 0),
        step: dec(1, 0),
        help: "The financial year the first new places open.",
    },
    LeverSpec {
        id: LeverId::PlacesYears,
        name: "hn.places.years",
        label: "Years in which places open",
        unit: Unit::Years,
        min: dec(1, 0),
        max: dec(15, 0),
        step: dec(1, 0),
        help: "How many years in a row new places open (1 = a one-off).",
    },
    LeverSpec {
        id: LeverId::PlacesRamp,
        name: "hn.places.ramp",
        label: "Years for new places to fill",
        unit: Unit::Years,
        min: dec(1, 0),
        max: dec(5, 0),
        step: dec(1, 0),
        help: "Years for each year's new places to fill; 1 = full from the year they open.",
    },
    LeverSpec {
        id: LeverId::PlaceCapitalCost,
        name: "hn.places.capital",
        label: "Capital cost per new place",
        unit: Unit::PoundsPerPlace,
        min: dec(0, 0),
        max: dec(1_000_000, 0),
        step: dec(1_000, 0),
        help: "One-off building cost of a new place, in £ at base-year prices. Reported as capital, net of the High Needs Capital Grant, not as revenue.",
    },
    LeverSpec {
        id: LeverId::SupportReduction,
        name: "hn.support.pp",
        label: "Earlier support: lower EHCP growth by",
        unit: Unit::PercentagePoints,
        min: dec(0, 0),
        max: dec(20, 0),
        step: dec(5, 1),
        help: "Percentage points taken off the yearly EHCP growth of every placement type at full effect, by support in mainstream before needs escalate.",
    },
    LeverSpec {
        id: LeverId::SupportStart,
        name: "hn.support.start",
        label: "Earlier support starts in",
        unit: Unit::Year,
        min: dec(1, 0),
        max: dec(15, 0),
        step: dec(1, 0),
        help: "The financial year earlier support starts (and its cost begins).",
    },
    LeverSpec {
        id: LeverId::SupportRamp,
        name: "hn.support.ramp",
        label: "Years for earlier support to take full effect",
        unit: Unit::Years,
        min: dec(1, 0),
        max: dec(5, 0),
        step: dec(1, 0),
        help: "Years until the lower growth reaches its full effect; 1 = full effect from the first year.",
    },
    LeverSpec {
        id: LeverId::SupportCost,
        name: "hn.support.cost",
        label: "Cost of earlier support",
        unit: Unit::PoundsPerYear,
        min: dec(0, 0),
        max: dec(20_000_000, 0),
        step: dec(10_000, 0),
        help: "Revenue cost to the high-needs block each year from the start year, in £ a year (cash).",
    },
    LeverSpec {
        id: LeverId::SavingPerYear,
        name: "hn.saving.amount",
        label: "Other saving",
        unit: Unit::PoundsPerYear,
        min: dec(0, 0),
        max: dec(50_000_000, 0),
        step: dec(10_000, 0),
        help: "Any other management action, as a saving in £ a year at full effect (cash).",
    },
    LeverSpec {
        id: LeverId::SavingStart,
        name: "hn.saving.start",
        label: "Other saving starts in",
        unit: Unit::Year,
        min: dec(1, 0),
        max: dec(15, 0),
        step: dec(1, 0),
        help: "The financial year the saving starts.",
    },
    LeverSpec {
        id: LeverId::SavingRamp,
        name: "hn.saving.ramp",
        label: "Years for the saving to take full effect",
        unit: Unit::Years,
        min: dec(1, 0),
        max: dec(5, 0),
        step: dec(1, 0),
        help: "Years until the saving reaches its full amount; 1 = full from the first year.",
    },
    LeverSpec {
        id: LeverId::UnexplainedYears,
        name: "hn.unexplained.years",
        label: "Years for the unexplained part to fade out",
        unit: Unit::Years,
        min: dec(1, 0),
        max: dec(15, 0),
        step: dec(1, 0),
        help: "With \"fades out\": the base year's unexplained part falls in equal steps to nothing over this many years.",
    },
    LeverSpec {
        id: LeverId::CarryRate,
        name: "hn.carry.rate",
        label: "Interest on the deficit",
        unit: Unit::PercentPerYear,
        min: dec(0, 0),
        max: dec(15, 0),
        step: dec(1, 1),
        help: "What carrying the deficit costs the general fund, in % a year: the deficit is cash spent and not received, so the council earns less interest or borrows more. 4.5% is our assumption (not in the papers): between what councils earned on short-term deposits and paid to borrow long-term in 2024/25, both roughly 4% to 5%.",
    },
];

/// National-policy positions a councillor will ask about. Each sets only the override and
/// write-off levers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicyPreset {
    /// The override ends on 31 March 2026; no write-off.
    AsInPapers,
    /// The override ends on 31 March 2028; no write-off.
    Override2028,
    /// The override ends on 31 March 2028 and 90% of the deficit at 31 March 2026 is resolved,
    /// paid in 2026/27, conditional on an approved local SEND reform plan.
    Override2028WriteOff90,
}

impl PolicyPreset {
    pub const ALL: &'static [PolicyPreset] = &[PolicyPreset::AsInPapers, PolicyPreset::Override2028, PolicyPreset::Override2028WriteOff90];

    /// Stable link key.
    pub fn key(self) -> &'static str {
        match self {
            PolicyPreset::AsInPapers => "papers",
            PolicyPreset::Override2028 => "override-2028",
            PolicyPreset::Override2028WriteOff90 => "override-2028-writeoff-90",
        }
    }

    pub fn parse(s: &str) -> Option<PolicyPreset> {
        PolicyPreset::ALL.iter().copied().find(|p| p.key() == s)
    }

    /// The label, with the loaded dataset's own override date for "as in the papers".
    pub fn label_for(self, b: &Baseline) -> String {
        match self {
            PolicyPreset::AsInPapers => format!("As in the papers: override to {}", b.override_end.long()),
            other => other.label().to_string(),
        }
    }

    /// Where the position comes from, with the dataset's own date for "as in the papers".
    pub fn source_for(self, b: &Baseline) -> String {
        match self {
            PolicyPreset::AsInPapers => format!("The council's papers: the statutory override ends on {}. No write-off.", b.override_end.long()),
            other => other.source().to_string(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PolicyPreset::AsInPapers => "As in the papers",
            PolicyPreset::Override2028 => "Override extended to 31 March 2028",
            PolicyPreset::Override2028WriteOff90 => "Override to 2028, and 90% of the deficit to 31 March 2026 resolved",
        }
    }

    /// Where the position comes from, in plain words.
    pub fn source(self) -> &'static str {
        match self {
            PolicyPreset::AsInPapers => "The council's papers: the override end date the dataset gives. No write-off.",
            PolicyPreset::Override2028 => "Government extended the statutory override in June 2025 to 31 March 2028. No write-off.",
            PolicyPreset::Override2028WriteOff90 => {
                "The 2026-27 local government finance settlement (final settlement, February 2026): government will resolve 90% of DSG high-needs deficits accrued to the end of 2025-26, by a grant expected in autumn 2026 (modelled as paid in 2026/27), for councils whose local SEND reform plan DfE approves. The override runs to 31 March 2028. Conditional: it applies only if the plan is approved."
            }
        }
    }

    /// When the position was announced.
    /// When the position was announced: for "as in the papers", the month of the paper the
    /// dataset's override date cites.
    pub fn date_for(self, b: &Baseline) -> String {
        match (self, b.override_published) {
            (PolicyPreset::AsInPapers, Some(d)) => d.month_year(),
            (PolicyPreset::AsInPapers, None) => "the dataset's papers".into(),
            (other, _) => other.date().to_string(),
        }
    }

    pub fn date(self) -> &'static str {
        match self {
            PolicyPreset::AsInPapers => "the dataset's papers",
            PolicyPreset::Override2028 => "June 2025",
            PolicyPreset::Override2028WriteOff90 => "February 2026",
        }
    }

    /// Whether the preset depends on a condition the council must meet.
    pub fn conditional(self) -> bool {
        matches!(self, PolicyPreset::Override2028WriteOff90)
    }

    /// Sets the override and write-off levers; leaves every other lever alone. "As in the
    /// papers" takes the dataset's own override end; the national positions are national dates
    /// (the 2028 extension, and the write-off of deficits accrued to the end of 2025/26).
    pub fn apply(self, levers: &mut Levers, b: &Baseline) {
        let papers = b.published_override_last_year().max(b.base_year);
        let (last, share) = match self {
            PolicyPreset::AsInPapers => (papers, Decimal::ZERO),
            PolicyPreset::Override2028 => (Fy(2027), Decimal::ZERO),
            PolicyPreset::Override2028WriteOff90 => (Fy(2027), dec(9, 1)),
        };
        levers.override_end = OverrideEnd::Ends(last);
        levers.write_off = match self {
            PolicyPreset::AsInPapers => WriteOff { share, accrued_to: papers, paid_in: papers.next() },
            _ => WriteOff { share, accrued_to: Fy(2025), paid_in: Fy(2026) },
        };
    }

    /// Whether the levers give this preset's policy (a zero write-off matches whatever its
    /// dates, since they then change nothing).
    pub fn matches(self, levers: &Levers, b: &Baseline) -> bool {
        let mut want = levers.clone();
        self.apply(&mut want, b);
        let w = &levers.write_off;
        levers.override_end == want.override_end
            && w.share == want.write_off.share
            && (w.share.is_zero() || (w.accrued_to == want.write_off.accrued_to && w.paid_in == want.write_off.paid_in))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_lever_has_one_row_with_a_unique_link_name() {
        let names: HashSet<_> = LEVERS.iter().map(|s| s.name).collect();
        assert_eq!(names.len(), LEVERS.len());
        let ids: HashSet<_> = LEVERS.iter().map(|s| s.id).collect();
        assert_eq!(ids.len(), LEVERS.len());
        for &k in PlacementKind::ALL {
            assert!(ids.contains(&LeverId::Growth(k)));
            assert_eq!(LeverSpec::by_id(LeverId::Growth(k)).name, format!("hn.growth.{}", k.as_str()));
        }
        for s in LEVERS {
            assert_eq!(LeverSpec::by_id(s.id).name, s.name);
            assert!(s.min <= s.max && s.step > Decimal::ZERO, "{}", s.name);
            assert!(!s.name.contains('+') && !s.name.contains(' '), "{}", s.name);
            assert!(s.help.len() > 20, "{}", s.name);
        }
    }

    #[test]
    fn ramps() {
        let f = |y| ramp_factor(Fy(2026), 3, Fy(y));
        assert_eq!(f(2025), Decimal::ZERO);
        assert_eq!(f(2026), Decimal::ONE / Decimal::from(3));
        assert_eq!(f(2027), Decimal::TWO / Decimal::from(3));
        assert_eq!(f(2028), Decimal::ONE);
        assert_eq!(f(2040), Decimal::ONE);
        assert_eq!(ramp_factor(Fy(2026), 0, Fy(2026)), Decimal::ONE);
        assert_eq!(ramp_factor(Fy(2026), 1, Fy(2026)), Decimal::ONE);
    }

    #[test]
    fn text_round_trips_through_the_table() {
        for s in LEVERS {
            let v = match s.unit {
                Unit::Year => LeverValue::Year(Fy(2027)),
                Unit::YearEndOrNever => LeverValue::Never,
                _ => LeverValue::Number(s.max),
            };
            assert_eq!(s.parse_text(&v.text()), Some(v), "{}", s.name);
        }
        let t = LeverSpec::by_name("hn.transfer").unwrap();
        assert_eq!(t.parse_text("0.5"), Some(LeverValue::Number(dec(5, 1))));
        assert_eq!(t.parse_text("1e3"), None);
        assert_eq!(t.parse_text("+1"), None);
        assert_eq!(t.parse_text(""), None);
        let o = LeverSpec::by_name("hn.override").unwrap();
        assert_eq!(o.parse_text("2027-28"), Some(LeverValue::Year(Fy(2027))));
        assert_eq!(o.parse_text("2027"), None);
    }
}
