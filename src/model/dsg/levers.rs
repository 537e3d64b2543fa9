//! Every user-settable input of the high-needs model in model units, and the national-policy
//! presets. How each lever shows in a form and a link (label, unit, range, conversions) is in
//! [`crate::model::levers`]; [`LeverId`] names the high-needs levers the model itself adjusts
//! (goal seek, the tornado). A link codec goes through the registry:
//!
//! ```
//! # use dsg_explorer::model::dsg::*;
//! # use dsg_explorer::model::levers::LEVERS;
//! # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/herefordshire-2024-25-mar25.json")).unwrap();
//! # let b = Baseline::from_dataset(&dsg_explorer::data::parse_dataset(&text).unwrap().dataset);
//! let levers = Levers::default_for(&b);
//! for def in LEVERS {
//!     // High-needs levers only: the others live elsewhere in the scenario.
//!     let Some(value) = def.get_hn(&levers) else { continue };
//!     let text = value.text(); // what a link would carry, e.g. "hn.growth.independent=12.5"
//!     assert_eq!(def.parse(&text), Ok(value.clone()), "{}", def.key);
//!     assert!(def.check(&value, &b).is_ok(), "{}: the default is in range", def.key);
//! }
//! ```

use crate::data::dataset::KINDS;
use super::baseline::Baseline;
use crate::data::dataset::PlacementKind;
use crate::units::calendar::Fy;
use crate::units::money::Money;
use crate::model::levers;
use rust_decimal::Decimal;

/// A decimal constant, usable in `const` tables.
const fn dec(n: i64, scale: u32) -> Decimal {
    let a = n.unsigned_abs();
    Decimal::from_parts(a as u32, (a >> 32) as u32, 0, n < 0, scale)
}

/// The default interest rate on the deficit (4.5% a year) where the file gives none
/// (`high_needs.model.deficit_interest_rate`): an assumption, not in the papers,
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

/// (link code, carry) for each way the unexplained part can carry forward; the labels are in
/// the lever registry.
pub const CARRY_CHOICES: [(&str, Carry); 3] = [("real", Carry::Real), ("fade", Carry::Fade), ("grow", Carry::Grow)];

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
pub struct KindRates(pub [Decimal; KINDS]);

impl KindRates {
    pub fn get(&self, kind: PlacementKind) -> Decimal {
        self.0[kind.index()]
    }
    pub fn set(&mut self, kind: PlacementKind, rate: Decimal) {
        self.0[kind.index()] = rate;
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
        let override_last = b.default_override_last_year();
        Levers {
            horizon: 10,
            growth,
            cost_inflation: b.cost_inflation,
            income_growth: b.income_growth,
            transfer: Decimal::ZERO,
            override_end: OverrideEnd::Ends(override_last),
            write_off: WriteOff { share: Decimal::ZERO, accrued_to: b.default_write_off_year(), paid_in: b.default_write_off_year().next() },
            places: NewPlaces { per_year: Decimal::ZERO, start: next, years: 1, ramp_years: 1, capital_cost_per_place: b.special_place_capital_cost },
            support: EarlierSupport { growth_reduction: Decimal::ZERO, start: next, ramp_years: 1, annual_cost: Decimal::ZERO },
            saving: CustomSaving { per_year: Decimal::ZERO, start: next, ramp_years: 1 },
            start: b.default_start_id(),
            unexplained: Carry::Real,
            unexplained_years: 5,
            cost_scale: KindRates([Decimal::ONE; KINDS]),
            carry_rate: b.deficit_interest_rate.unwrap_or(DEFAULT_CARRY_RATE),
        }
    }

    /// The lever's value in display units (see [`crate::model::levers`]).
    pub fn get(&self, id: LeverId) -> LeverValue {
        levers::by_id(id).get_hn(self).unwrap_or(LeverValue::Never)
    }

    /// Sets a lever from a display-unit value. Checks only the kind of value (a number, a year,
    /// a whole number where one is needed); ranges are [`levers::LeverDef::check`]'s job.
    pub fn set(&mut self, id: LeverId, value: LeverValue) -> Result<(), String> {
        levers::by_id(id).set_hn(self, &value)
    }

    /// Every lever outside its range, and settings that contradict each other. Empty when the
    /// levers are all usable as they are. (A transfer above 0.5% is allowed: the projection
    /// flags it as needing approval.)
    pub fn validate(&self, b: &Baseline) -> Vec<LeverProblem> {
        let mut out = Vec::new();
        for def in hn_levers() {
            // The starting point gets its own message below.
            if def.key == START_KEY {
                continue;
            }
            if let Some(Err(message)) = def.get_hn(self).map(|v| def.check(&v, b)) {
                out.push(LeverProblem { lever: def.key, message });
            }
        }
        if b.start_by_id(&self.start).is_none() {
            out.push(LeverProblem { lever: START_KEY, message: format!("there is no starting point \"{}\" in this dataset", self.start) });
        }
        if self.write_off.paid_in < self.write_off.accrued_to {
            out.push(LeverProblem {
                lever: LeverId::WriteOffPaidIn.key(),
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
        // Numbers and years only: the starting point is fixed below, and a carry is always valid.
        for def in hn_levers().filter(|d| matches!(d.kind, levers::Kind::Number { .. } | levers::Kind::Year { .. })) {
            let Some(v) = def.get_hn(&out) else { continue };
            let c = def.clamp(v.clone(), b.base_year);
            if c != v {
                // Clamped values are of the right kind and in range, so this cannot fail.
                let _ = def.set_hn(&mut out, &c);
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
    /// What is wrong, without the lever's name.
    pub message: String,
}

impl LeverProblem {
    /// The problem as a reader sees it, the lever named by its label: "Write-off covers the
    /// deficit to the end of: 2025/26 is outside 2026/27 to 2041/42".
    pub fn words(&self) -> String {
        let name = levers::by_key(self.lever).map(|d| d.label).unwrap_or(self.lever);
        format!("{name}: {}", self.message)
    }
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

/// A lever's value in display units (the registry's [`levers::Value`]).
pub type LeverValue = levers::Value;

/// The high-needs levers of the registry, in form order.
fn hn_levers() -> impl Iterator<Item = &'static levers::LeverDef> {
    levers::LEVERS.iter().filter(|d| d.group == levers::Group::HighNeeds)
}

impl LeverId {
    /// The lever's link key: its entry in [`levers::LEVERS`].
    pub fn key(self) -> &'static str {
        match self {
            LeverId::Horizon => "hn.horizon",
            LeverId::Growth(PlacementKind::Mainstream) => "hn.growth.mainstream",
            LeverId::Growth(PlacementKind::LocalSpecial) => "hn.growth.local_special",
            LeverId::Growth(PlacementKind::Independent) => "hn.growth.independent",
            LeverId::Growth(PlacementKind::Post16) => "hn.growth.post16",
            LeverId::Growth(PlacementKind::Other) => "hn.growth.other",
            LeverId::Growth(PlacementKind::Resourced) => "hn.growth.resourced",
            LeverId::Growth(PlacementKind::HospitalAp) => "hn.growth.hospital_ap",
            LeverId::CostInflation => "hn.inflation",
            LeverId::IncomeGrowth => "hn.income",
            LeverId::Transfer => "hn.transfer",
            LeverId::OverrideEnd => "hn.override",
            LeverId::WriteOffShare => "hn.writeoff.share",
            LeverId::WriteOffAccruedTo => "hn.writeoff.to",
            LeverId::WriteOffPaidIn => "hn.writeoff.paid",
            LeverId::PlacesPerYear => "hn.places.per_year",
            LeverId::PlacesStart => "hn.places.start",
            LeverId::PlacesYears => "hn.places.years",
            LeverId::PlacesRamp => "hn.places.ramp",
            LeverId::PlaceCapitalCost => "hn.places.capital",
            LeverId::SupportReduction => "hn.support.pp",
            LeverId::SupportStart => "hn.support.start",
            LeverId::SupportRamp => "hn.support.ramp",
            LeverId::SupportCost => "hn.support.cost",
            LeverId::SavingPerYear => "hn.saving.amount",
            LeverId::SavingStart => "hn.saving.start",
            LeverId::SavingRamp => "hn.saving.ramp",
            LeverId::UnexplainedYears => "hn.unexplained.years",
            LeverId::CarryRate => "hn.carry.rate",
        }
    }

    /// The lever's entry in the registry: its label, unit, range and help.
    pub fn def(self) -> &'static levers::LeverDef {
        levers::by_id(self)
    }
}

/// The national write-off's dates: deficit accrued to the end of 2025/26, paid in 2026/27.
pub const NATIONAL_WRITE_OFF: (Fy, Fy) = (Fy(2025), Fy(2026));

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
            PolicyPreset::AsInPapers => format!("The council's papers: the statutory override {} on {}. No write-off.", b.papers_override_verb(), b.override_end.long()),
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
            PolicyPreset::Override2028 => "The government extended the statutory override to 31 March 2028. No write-off.",
            PolicyPreset::Override2028WriteOff90 => {
                "The 2026 local government finance settlement: government will resolve 90% of DSG high-needs deficits accrued to the end of 2025-26 for councils whose local SEND reform plan DfE approves. It does not say when: this app models it as paid in 2026/27. The override runs to 31 March 2028. Conditional: it applies only if the plan is approved."
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

    /// The last day the position can have been announced (the end of its month, or of its year
    /// where the source gives no month): papers dated after it knew of it, so it is not news to
    /// them. `None` for the papers' own.
    pub fn announced_by(self) -> Option<crate::units::calendar::Date> {
        match self {
            PolicyPreset::AsInPapers => None,
            PolicyPreset::Override2028 => crate::units::calendar::Date::new(2025, 6, 30),
            // The source gives only the settlement's year: papers of late 2026 may well have
            // known of it, but cannot be shown to have, so it is told to them as news.
            PolicyPreset::Override2028WriteOff90 => crate::units::calendar::Date::new(2026, 12, 31),
        }
    }

    pub fn date(self) -> &'static str {
        match self {
            PolicyPreset::AsInPapers => "the dataset's papers",
            PolicyPreset::Override2028 => "June 2025",
            // The settlement's year, as the source gives it (no month).
            PolicyPreset::Override2028WriteOff90 => "2026",
        }
    }

    /// Whether the levers can give the preset as announced for this baseline. The write-off
    /// covers deficit accrued to the end of 2025/26 and is paid in 2026/27: a dataset whose
    /// base year is 2026/27 or later starts from a published position that already includes
    /// both years, and the levers' range (the base year on) cannot reach them.
    pub fn applies_to(self, b: &Baseline) -> bool {
        match self {
            PolicyPreset::Override2028WriteOff90 => NATIONAL_WRITE_OFF.0 >= b.base_year,
            _ => true,
        }
    }

    /// Whether the preset depends on a condition the council must meet.
    pub fn conditional(self) -> bool {
        matches!(self, PolicyPreset::Override2028WriteOff90)
    }

    /// The last year a national position's override covers (2027/28: until 31 March 2028);
    /// `None` for the papers' own.
    pub fn national_override_last_year(self) -> Option<Fy> {
        match self {
            PolicyPreset::AsInPapers => None,
            PolicyPreset::Override2028 | PolicyPreset::Override2028WriteOff90 => Some(Fy(2027)),
        }
    }

    /// Sets the override and write-off levers; leaves every other lever alone. "As in the
    /// papers" takes the dataset's own override end; the national positions are national dates
    /// (the 2028 extension, and the write-off of deficits accrued to the end of 2025/26).
    pub fn apply(self, levers: &mut Levers, b: &Baseline) {
        let papers = b.default_override_last_year();
        let last = self.national_override_last_year().unwrap_or(papers);
        let share = if matches!(self, PolicyPreset::Override2028WriteOff90) { dec(9, 1) } else { Decimal::ZERO };
        // A national date already past for a later base year: the override had ended by then.
        levers.override_end = OverrideEnd::Ends(last.max(b.base_year.prev()));
        // No write-off keeps the dataset's default years, which are in range for any base year.
        levers.write_off = match self {
            PolicyPreset::Override2028WriteOff90 => WriteOff { share, accrued_to: NATIONAL_WRITE_OFF.0, paid_in: NATIONAL_WRITE_OFF.1 },
            _ => WriteOff { share, accrued_to: b.default_write_off_year(), paid_in: b.default_write_off_year().next() },
        };
    }

    /// The levers [`PolicyPreset::apply`] sets, and no other.
    pub const SETS: [LeverId; 4] = [LeverId::OverrideEnd, LeverId::WriteOffShare, LeverId::WriteOffAccruedTo, LeverId::WriteOffPaidIn];

    /// The levers that must have this preset's values for the levers to give its policy: not
    /// the dates of a zero write-off, which then change nothing.
    pub fn compared(self, b: &Baseline) -> &'static [LeverId] {
        let mut want = Levers::default_for(b);
        self.apply(&mut want, b);
        Self::compared_in(&want)
    }

    /// [`PolicyPreset::compared`] for levers a preset has been applied to (its share decides).
    fn compared_in(want: &Levers) -> &'static [LeverId] {
        if want.write_off.share.is_zero() { &Self::SETS[..2] } else { &Self::SETS }
    }

    /// Whether the levers give this preset's policy. (Run for each preset on every change of
    /// the High needs page: the levers are applied to once.)
    pub fn matches(self, lv: &Levers, b: &Baseline) -> bool {
        let mut want = lv.clone();
        self.apply(&mut want, b);
        Self::compared_in(&want).iter().all(|&id| levers::by_id(id).get_hn(lv) == levers::by_id(id).get_hn(&want))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn a_preset_sets_only_the_levers_it_lists() {
        let b = Baseline::from_dataset(&crate::testing::shipped().dataset);
        let mut lv = Levers::default_for(&b);
        // Away from every default, so a lever the preset wrote would show.
        for (key, v) in [("hn.override", "2030-31"), ("hn.writeoff.share", "40"), ("hn.writeoff.to", "2026-27"), ("hn.writeoff.paid", "2028-29"), ("hn.growth.mainstream", "3"), ("hn.horizon", "7"), ("hn.transfer", "0.5")] {
            let def = levers::by_key(key).unwrap();
            def.set_hn(&mut lv, &def.parse(v).unwrap()).unwrap();
        }
        for &p in PolicyPreset::ALL {
            let mut after = lv.clone();
            p.apply(&mut after, &b);
            assert!(p.matches(&after, &b), "{p:?}");
            for id in PolicyPreset::SETS {
                let def = levers::by_id(id);
                def.set_hn(&mut after, &def.get_hn(&lv).unwrap()).unwrap();
            }
            assert_eq!(after, lv, "{p:?} wrote a lever it does not list");
        }
    }

    #[test]
    fn every_lever_id_has_one_registry_entry() {
        let ids = [
            LeverId::Horizon, LeverId::CostInflation, LeverId::IncomeGrowth, LeverId::Transfer, LeverId::OverrideEnd, LeverId::WriteOffShare,
            LeverId::WriteOffAccruedTo, LeverId::WriteOffPaidIn, LeverId::PlacesPerYear, LeverId::PlacesStart, LeverId::PlacesYears,
            LeverId::PlacesRamp, LeverId::PlaceCapitalCost, LeverId::SupportReduction, LeverId::SupportStart, LeverId::SupportRamp,
            LeverId::SupportCost, LeverId::SavingPerYear, LeverId::SavingStart, LeverId::SavingRamp, LeverId::UnexplainedYears, LeverId::CarryRate,
        ];
        let mut all: Vec<LeverId> = ids.to_vec();
        all.extend(PlacementKind::ALL.iter().map(|&k| LeverId::Growth(k)));
        let keys: HashSet<_> = all.iter().map(|id| id.key()).collect();
        assert_eq!(keys.len(), all.len());
        for &k in PlacementKind::ALL {
            assert_eq!(LeverId::Growth(k).key(), format!("hn.growth.{}", k.as_str()));
        }
        for id in all {
            let def = levers::by_key(id.key()).unwrap_or_else(|| panic!("{} has no registry entry", id.key()));
            assert_eq!(def.key, id.key());
            assert_eq!(def.group, levers::Group::HighNeeds);
        }
        // Every high-needs entry but the starting point and the carry has an id.
        assert_eq!(hn_levers().count(), keys.len() + 2);
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
        for s in hn_levers() {
            let v = match s.kind {
                levers::Kind::Year { end: false, .. } => LeverValue::Year(Fy(2027)),
                levers::Kind::Year { end: true, .. } => LeverValue::Never,
                levers::Kind::Number { max, .. } => LeverValue::Number(max),
                _ => continue,
            };
            assert_eq!(s.parse(&v.text()), Ok(v), "{}", s.key);
        }
        let t = levers::by_key("hn.transfer").unwrap();
        assert_eq!(t.parse("0.5"), Ok(LeverValue::Number(dec(5, 1))));
        assert!(t.parse("1e3").is_err());
        assert!(t.parse("+1").is_err());
        assert!(t.parse("").is_err());
        let o = levers::by_key("hn.override").unwrap();
        assert_eq!(o.parse("2027-28"), Ok(LeverValue::Year(Fy(2027))));
        assert!(o.parse("2027").is_err());
    }
}
