//! A scenario: every lever of every page, with one way to read and write each by its link key.
//!
//! The submodels describe their own levers (`dsg::LEVERS`, `revenue::LEVERS`,
//! `capital::LEVERS`); this module puts them behind one interface of text values, which is what
//! both the controls and the URL codec need. One source of truth: controls show `get(key)`.

use crate::units::calendar::Fy;
use super::capital::{self, CapitalLevers};
use super::dsg::{self, Baseline, LeverValue, Levers, Unit};
use crate::units::money::Money;
use super::revenue::{self, LeverUnit, RevenueLevers};
use super::uncertainty::{Input, InputRange, Ranges, Shape, DELIVERY_LOW, GROWTH_SPREAD, INCOME_SPREAD, INFLATION_SPREAD};
use crate::data::dataset::PlacementKind;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// A reprofiling move of a scheme's spend, applied in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeMove {
    pub scheme: String,
    pub from: Fy,
    pub to: Fy,
    pub amount: Money,
}

impl SchemeMove {
    /// "scheme~2024-25~2025-26~100000": `~` is safe in links and never rewritten.
    pub fn text(&self) -> String {
        format!("{}~{}~{}~{}", self.scheme, self.from.key(), self.to.key(), self.amount.normalize())
    }
    pub fn parse(s: &str) -> Result<SchemeMove, String> {
        let parts: Vec<&str> = s.split('~').collect();
        let [scheme, from, to, amount] = parts.as_slice() else {
            return Err(format!("expected scheme~from-year~to-year~amount, got \"{s}\""));
        };
        let from = Fy::parse_key(from).ok_or_else(|| format!("\"{from}\" is not a financial year like 2025-26"))?;
        let to = Fy::parse_key(to).ok_or_else(|| format!("\"{to}\" is not a financial year like 2025-26"))?;
        let amount = crate::data::json::parse_decimal(amount)
            .filter(|a| *a > Decimal::ZERO)
            .ok_or_else(|| format!("\"{amount}\" is not a positive amount in pounds"))?;
        if scheme.is_empty() || scheme.len() > 80 {
            return Err("the scheme id is empty or too long".into());
        }
        Ok(SchemeMove { scheme: scheme.to_string(), from, to, amount })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub hn: Levers,
    pub rev: RevenueLevers,
    pub cap: CapitalLevers,
    pub moves: Vec<SchemeMove>,
    /// The uncertainty page's settings (links `mc.*`).
    pub mc: McLevers,
}

/// How a lever is set in a form.
#[derive(Debug, Clone, PartialEq)]
pub enum Control {
    /// A slider with a number box. Values in display units.
    Number { min: Decimal, max: Decimal, step: Decimal, suffix: &'static str },
    /// A choice of values: (link text, label).
    Choice { options: Vec<(String, String)> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub control: Control,
}

impl Scenario {
    pub fn default_for(b: &Baseline) -> Scenario {
        Scenario { hn: Levers::default_for(b), rev: RevenueLevers::default(), cap: CapitalLevers::default(), moves: vec![], mc: McLevers::default() }
    }

    /// Every lever's link key, in the order of [`Scenario::levers`], without building the
    /// controls: what the link codec needs on every change (the keys do not depend on the data).
    pub fn keys() -> impl Iterator<Item = &'static str> {
        [dsg::START_KEY, dsg::CARRY_KEY]
            .into_iter()
            .chain(dsg::LEVERS.iter().map(|s| s.name))
            .chain(revenue::LEVERS.iter().chain(capital::LEVERS.iter()).map(|s| s.key))
            .chain(MC_LEVERS.iter().map(|s| s.key))
    }

    /// Every lever, in form order, with its control for this dataset.
    pub fn levers(b: &Baseline) -> Vec<Lever> {
        let mut out = Vec::new();
        // The starting point and the unexplained part's carry come first: they set the base.
        let mut starts: Vec<(String, String)> = b.starts.iter().rev().map(|s| (s.id.clone(), start_label(s))).collect();
        if starts.is_empty() {
            starts.push((dsg::BASE_START.into(), "The dataset's base-year figures".into()));
        }
        out.push(Lever {
            key: dsg::START_KEY,
            label: "Start from",
            help: "Which published figure for the base year the projection starts from: each paper's forecast (or actual) of the deficit at the end of the base year. The latest is the default.",
            control: Control::Choice { options: starts },
        });
        out.push(Lever {
            key: dsg::CARRY_KEY,
            label: "The unexplained part of the base year",
            help: "What the placement model does not explain of the starting point's in-year deficit (shown in the reconciliation): held in real terms (the default: an ongoing cost we cannot yet attribute), fading out, or growing with the rest of high-needs spend.",
            control: Control::Choice { options: dsg::CARRY_CHOICES.iter().map(|(code, _, label)| (code.to_string(), label.to_string())).collect() },
        });
        for s in dsg::LEVERS {
            let control = match s.unit {
                Unit::Year | Unit::YearEndOrNever => {
                    let (lo, hi) = s.year_bounds(b.base_year);
                    let mut options: Vec<(String, String)> = (lo.0..=hi.0)
                        .map(|y| {
                            let fy = Fy(y);
                            let label = if s.unit == Unit::YearEndOrNever { fy.end().long() } else { fy.label() };
                            (fy.key(), label)
                        })
                        .collect();
                    if s.unit == Unit::YearEndOrNever {
                        options.push(("never".into(), "Never (no end date)".into()));
                    }
                    Control::Choice { options }
                }
                unit => Control::Number { min: s.min, max: s.max, step: s.step, suffix: unit.suffix() },
            };
            out.push(Lever { key: s.name, label: s.label, help: s.help, control });
        }
        for s in revenue::LEVERS.iter().chain(capital::LEVERS.iter()) {
            let control = match s.unit {
                LeverUnit::Choice(cs) => Control::Choice { options: cs.iter().map(|c| (c.code.to_string(), c.label.to_string())).collect() },
                unit => Control::Number { min: s.min, max: s.max, step: s.step, suffix: rev_suffix(unit) },
            };
            out.push(Lever { key: s.key, label: s.label, help: s.help, control });
        }
        for s in MC_LEVERS {
            let control = match s.field {
                McField::Shape => Control::Choice { options: SHAPES.iter().map(|(code, _, label)| (code.to_string(), label.to_string())).collect() },
                _ => Control::Number { min: s.min, max: s.max, step: s.step, suffix: s.suffix },
            };
            out.push(Lever { key: s.key, label: s.label, help: s.help, control });
        }
        out
    }

    /// The lever's value as links write it, or `None` for an unknown key.
    pub fn get(&self, key: &str) -> Option<String> {
        match key {
            dsg::START_KEY => return Some(self.hn.start.clone()),
            dsg::CARRY_KEY => return Some(self.hn.unexplained.code().to_string()),
            _ => {}
        }
        if let Some(s) = dsg::LeverSpec::by_name(key) {
            return Some(self.hn.get(s.id).text());
        }
        if let Some(v) = self.mc.get(key) {
            return Some(v);
        }
        if let Some(v) = self.rev.get(key) {
            return Some(v.normalize().to_string());
        }
        let spec = capital::LEVERS.iter().find(|s| s.key == key)?;
        let v = self.cap.get(key)?;
        Some(spec.choice_code(v).map(str::to_string).unwrap_or_else(|| v.normalize().to_string()))
    }

    /// Sets a lever from link text. On error the scenario is unchanged and the message names
    /// the lever and what it expected.
    pub fn set(&mut self, key: &str, text: &str, b: &Baseline) -> Result<(), String> {
        match key {
            dsg::START_KEY => {
                return match b.start_by_id(text) {
                    Some(_) => {
                        self.hn.start = text.to_string();
                        Ok(())
                    }
                    None => {
                        let ids: Vec<&str> = b.starts.iter().map(|s| s.id.as_str()).collect();
                        Err(format!("{key}: \"{}\" is not a starting point in this dataset ({})", clip(text), if ids.is_empty() { "only base".into() } else { ids.join(", ") }))
                    }
                };
            }
            dsg::CARRY_KEY => {
                return match dsg::Carry::parse(text) {
                    Some(c) => {
                        self.hn.unexplained = c;
                        Ok(())
                    }
                    None => Err(format!("{key}: \"{}\" is not one of real, fade, grow", clip(text))),
                };
            }
            _ => {}
        }
        if let Some(s) = dsg::LeverSpec::by_name(key) {
            let v: LeverValue = s.parse_text(text).ok_or_else(|| format!("{key}: \"{text}\" is not {}", expected(s.unit)))?;
            s.check(&v, b.base_year)?;
            return self.hn.set(s.id, v);
        }
        if key.starts_with("mc.") {
            return self.mc.set(key, text);
        }
        let spec = revenue::LEVERS.iter().chain(capital::LEVERS.iter()).find(|s| s.key == key).ok_or_else(|| format!("{key}: not a lever this app knows"))?;
        let value = match spec.unit {
            LeverUnit::Choice(cs) => spec.choice_value(text).ok_or_else(|| {
                let codes: Vec<&str> = cs.iter().map(|c| c.code).collect();
                format!("{key}: \"{text}\" is not one of {}", codes.join(", "))
            })?,
            _ => crate::data::json::parse_decimal(text).ok_or_else(|| format!("{key}: \"{text}\" is not a number"))?,
        };
        let result = if key.starts_with("rev.") { self.rev.set(key, value) } else { self.cap.set(key, value) };
        result.map_err(|e| format!("{e}"))
    }
}

/// A value quoted in a message, cut short if long (a link can carry anything).
fn clip(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

/// "Area SEND Inspection report (forecast, March 2025): £17.2m".
pub fn start_label(s: &dsg::StartPoint) -> String {
    format!("{} ({}, {}): {}", s.label, if s.actual { "actual" } else { "forecast" }, s.made.month_year(), crate::units::money::gbp_m(s.year_end))
}

fn expected(unit: Unit) -> &'static str {
    match unit {
        Unit::Year => "a financial year like 2026-27",
        Unit::YearEndOrNever => "a financial year like 2027-28, or never",
        _ => "a number",
    }
}

fn rev_suffix(u: LeverUnit) -> &'static str {
    match u {
        LeverUnit::Percent => "%",
        LeverUnit::PoundsM => "£m",
        LeverUnit::Years => "years",
        LeverUnit::Choice(_) => "",
    }
}

// ---------------------------------------------------------------------------------------------
// Uncertainty levers

/// The Monte Carlo fan's settings (link keys `mc.*`): the seed, the number of draws, the shape
/// of the draws, and how far each uncertain input may stray from its lever. Spreads are
/// half-widths in model units (0.03 = 3 percentage points either side of the lever's value);
/// `delivery_low` is the least of the mitigations' planned effect delivered (0.5 = half), the
/// most being all of it. The defaults are those of [`Ranges::around`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct McLevers {
    pub seed: u32,
    pub draws: u32,
    pub shape: Shape,
    /// Half-width of each placement kind's EHCP growth range, in `PlacementKind::ALL` order.
    pub growth_spread: [Decimal; 5],
    pub inflation_spread: Decimal,
    pub income_spread: Decimal,
    pub delivery_low: Decimal,
}

/// The default seed: any fixed number would do; this one is a date.
pub const DEFAULT_SEED: u32 = 20_261_126;
pub const DEFAULT_DRAWS: u32 = 10_000;

impl Default for McLevers {
    fn default() -> Self {
        McLevers {
            seed: DEFAULT_SEED,
            draws: DEFAULT_DRAWS,
            shape: Shape::Triangular,
            growth_spread: [GROWTH_SPREAD; 5],
            inflation_spread: INFLATION_SPREAD,
            income_spread: INCOME_SPREAD,
            delivery_low: DELIVERY_LOW,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum McField {
    Seed,
    Draws,
    Shape,
    GrowthSpread(PlacementKind),
    InflationSpread,
    IncomeSpread,
    DeliveryLow,
}

struct McSpec {
    key: &'static str,
    field: McField,
    label: &'static str,
    help: &'static str,
    /// Display units: whole numbers for the seed and draws, percentage points for spreads,
    /// percent for delivery.
    min: Decimal,
    max: Decimal,
    step: Decimal,
    suffix: &'static str,
}

const fn dec(n: i64, scale: u32) -> Decimal {
    let a = n.unsigned_abs();
    Decimal::from_parts(a as u32, (a >> 32) as u32, 0, n < 0, scale)
}

const HUNDRED: Decimal = dec(100, 0);
const SPREAD_SUFFIX: &str = "percentage points either side";

/// (link code, shape, label).
const SHAPES: [(&str, Shape, &str); 2] = [
    ("triangular", Shape::Triangular, "Triangular: values near your assumption are the most likely"),
    ("uniform", Shape::Uniform, "Uniform: every value in the range is equally likely"),
];

macro_rules! growth_spread {
    ($kind:ident, $key:literal, $label:literal, $what:literal) => {
        McSpec {
            key: $key,
            field: McField::GrowthSpread(PlacementKind::$kind),
            label: $label,
            help: concat!(
                "How far yearly EHCP growth in ",
                $what,
                " may differ from the growth assumption, in percentage points either side: 3 means from 3 points below to 3 points above. 0 holds it fixed."
            ),
            min: dec(0, 0),
            max: dec(20, 0),
            step: dec(5, 1),
            suffix: SPREAD_SUFFIX,
        }
    };
}

/// The uncertainty levers, in form order. Keys are stable: links depend on them.
const MC_LEVERS: &[McSpec] = &[
    McSpec {
        key: "mc.draws",
        field: McField::Draws,
        label: "Number of draws",
        help: "How many sets of assumptions are drawn at random and projected. More draws give smoother bands and take longer.",
        min: dec(1_000, 0),
        max: dec(50_000, 0),
        step: dec(1_000, 0),
        suffix: "draws",
    },
    McSpec {
        key: "mc.seed",
        field: McField::Seed,
        label: "Random seed",
        help: "The starting point of the random draws, a whole number from 0 to 4294967295. The same seed gives the same fan every time; another seed shows how much the bands move by chance alone.",
        min: dec(0, 0),
        max: dec(4_294_967_295, 0),
        step: dec(1, 0),
        suffix: "",
    },
    McSpec {
        key: "mc.shape",
        field: McField::Shape,
        label: "How values are drawn from each range",
        help: "Triangular makes values near your assumption the most likely and the ends of the range rare; uniform makes every value in the range equally likely, which gives wider bands.",
        min: dec(0, 0),
        max: dec(0, 0),
        step: dec(1, 0),
        suffix: "",
    },
    growth_spread!(Mainstream, "mc.spread.mainstream", "Spread of EHCP growth: mainstream", "mainstream schools"),
    growth_spread!(LocalSpecial, "mc.spread.local_special", "Spread of EHCP growth: local special schools", "local special schools"),
    growth_spread!(Independent, "mc.spread.independent", "Spread of EHCP growth: independent placements", "independent and non-maintained special schools"),
    growth_spread!(Post16, "mc.spread.post16", "Spread of EHCP growth: post-16", "post-16 placements"),
    growth_spread!(Other, "mc.spread.other", "Spread of EHCP growth: other placements", "other placements"),
    McSpec {
        key: "mc.spread.inflation",
        field: McField::InflationSpread,
        label: "Spread of cost inflation",
        help: "How far yearly cost inflation may differ from its assumption, in percentage points either side. 0 holds it fixed.",
        min: dec(0, 0),
        max: dec(10, 0),
        step: dec(5, 1),
        suffix: SPREAD_SUFFIX,
    },
    McSpec {
        key: "mc.spread.income",
        field: McField::IncomeSpread,
        label: "Spread of income growth",
        help: "How far yearly growth in high-needs income may differ from its assumption, in percentage points either side. 0 holds it fixed.",
        min: dec(0, 0),
        max: dec(10, 0),
        step: dec(5, 1),
        suffix: SPREAD_SUFFIX,
    },
    McSpec {
        key: "mc.delivery.low",
        field: McField::DeliveryLow,
        label: "Mitigation delivered, at worst",
        help: "The least of the management actions' planned effect that is delivered (new places filled, lower growth from earlier support, other savings); at best all of it is. 100 means the plans are delivered in full.",
        min: dec(0, 0),
        max: dec(100, 0),
        step: dec(5, 0),
        suffix: "%",
    },
];

fn kind_ix(kind: PlacementKind) -> usize {
    PlacementKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

impl McLevers {
    /// The lever's value as links write it, or `None` for a key that is not an `mc.*` lever.
    pub fn get(&self, key: &str) -> Option<String> {
        let spec = MC_LEVERS.iter().find(|s| s.key == key)?;
        let pct = |d: Decimal| (d * HUNDRED).normalize().to_string();
        Some(match spec.field {
            McField::Seed => self.seed.to_string(),
            McField::Draws => self.draws.to_string(),
            McField::Shape => SHAPES.iter().find(|(_, s, _)| *s == self.shape).map(|(c, _, _)| c.to_string()).unwrap_or_default(),
            McField::GrowthSpread(k) => pct(self.growth_spread[kind_ix(k)]),
            McField::InflationSpread => pct(self.inflation_spread),
            McField::IncomeSpread => pct(self.income_spread),
            McField::DeliveryLow => pct(self.delivery_low),
        })
    }

    /// Sets a lever from link text. On error nothing changes and the message names the lever.
    pub fn set(&mut self, key: &str, text: &str) -> Result<(), String> {
        let spec = MC_LEVERS.iter().find(|s| s.key == key).ok_or_else(|| format!("{key}: not a lever this app knows"))?;
        if spec.field == McField::Shape {
            let (_, shape, _) = SHAPES.iter().find(|(c, _, _)| *c == text).ok_or_else(|| {
                let codes: Vec<&str> = SHAPES.iter().map(|(c, _, _)| *c).collect();
                format!("{key}: \"{text}\" is not one of {}", codes.join(", "))
            })?;
            self.shape = *shape;
            return Ok(());
        }
        let ok_chars = !text.is_empty() && text.len() <= 40 && text.bytes().all(|c| c.is_ascii_digit() || c == b'.' || c == b'-');
        let d = ok_chars.then(|| Decimal::from_str_exact(text).ok()).flatten().ok_or_else(|| format!("{key}: \"{text}\" is not a number"))?;
        let whole = matches!(spec.field, McField::Seed | McField::Draws);
        if whole && d.fract() != Decimal::ZERO {
            return Err(format!("{key} needs a whole number, got {}", d.normalize()));
        }
        if d < spec.min || d > spec.max {
            return Err(format!("{key}: {} is outside {} to {}", d.normalize(), spec.min.normalize(), spec.max.normalize()));
        }
        let whole_value = || d.to_u32().ok_or_else(|| format!("{key}: {} is too large", d.normalize()));
        match spec.field {
            McField::Seed => self.seed = whole_value()?,
            McField::Draws => self.draws = whole_value()?,
            McField::Shape => {}
            McField::GrowthSpread(k) => self.growth_spread[kind_ix(k)] = d / HUNDRED,
            McField::InflationSpread => self.inflation_spread = d / HUNDRED,
            McField::IncomeSpread => self.income_spread = d / HUNDRED,
            McField::DeliveryLow => self.delivery_low = d / HUNDRED,
        }
        Ok(())
    }

    /// Each input's range around the levers' values, as [`Ranges::around`] builds it but with
    /// these spreads: value ± spread, clipped to the input's bounds (the lever's own range);
    /// delivery from `delivery_low` to all of it.
    pub fn ranges(&self, levers: &Levers) -> Ranges {
        let around = |input: Input, spread: Decimal| {
            let (lo, hi) = input.bounds();
            let v = input.lever_value(levers).max(lo).min(hi);
            let spread = spread.max(Decimal::ZERO);
            InputRange { low: v.saturating_sub(spread).max(lo), high: v.saturating_add(spread).min(hi) }
        };
        let mut growth = [InputRange::fixed(Decimal::ZERO); 5];
        for (i, &k) in PlacementKind::ALL.iter().enumerate() {
            growth[i] = around(Input::Growth(k), self.growth_spread[i]);
        }
        let (dlo, dhi) = Input::MitigationDelivery.bounds();
        Ranges {
            growth,
            cost_inflation: around(Input::CostInflation, self.inflation_spread),
            income_growth: around(Input::IncomeGrowth, self.income_spread),
            delivery: InputRange { low: self.delivery_low.max(dlo).min(dhi), high: dhi },
            cost: Ranges::around(levers).cost,
            shape: self.shape,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dsg::{Baseline, LeverId, LeverValue};

    fn baseline() -> Baseline {
        let loaded = crate::testing::q2();
        Baseline::from_dataset(&loaded.dataset)
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn keys_are_the_levers_keys_in_order() {
        let b = baseline();
        assert_eq!(Scenario::keys().collect::<Vec<_>>(), Scenario::levers(&b).iter().map(|l| l.key).collect::<Vec<_>>());
    }

    #[test]
    fn default_ranges_are_the_models_stated_defaults() {
        let b = baseline();
        let mut l = Levers::default_for(&b);
        assert_eq!(McLevers::default().ranges(&l), Ranges::around(&l));
        l.cost_inflation = d("0.07");
        l.growth.set(PlacementKind::Independent, d("0.39"));
        l.places.per_year = d("40");
        assert_eq!(McLevers::default().ranges(&l), Ranges::around(&l));
    }

    #[test]
    fn ranges_use_the_spreads_and_clip_to_each_inputs_bounds() {
        let b = baseline();
        let mut l = Levers::default_for(&b);
        l.growth.set(PlacementKind::Mainstream, d("0.10"));
        l.growth.set(PlacementKind::Independent, d("0.39"));
        l.growth.set(PlacementKind::Post16, d("-0.19"));
        l.income_growth = d("0.03");
        let mut mc = McLevers::default();
        mc.set("mc.spread.mainstream", "5").unwrap();
        mc.set("mc.spread.independent", "3").unwrap();
        mc.set("mc.spread.post16", "2.5").unwrap();
        mc.set("mc.spread.other", "0").unwrap();
        mc.set("mc.spread.income", "10").unwrap();
        mc.set("mc.delivery.low", "80").unwrap();
        mc.set("mc.shape", "uniform").unwrap();
        let r = mc.ranges(&l);
        assert_eq!(r.get(Input::Growth(PlacementKind::Mainstream)), InputRange { low: d("0.05"), high: d("0.15") });
        // 39% + 3 points is clipped to the lever's 40% maximum; −19% − 2.5 to its −20% minimum.
        assert_eq!(r.get(Input::Growth(PlacementKind::Independent)), InputRange { low: d("0.36"), high: d("0.40") });
        assert_eq!(r.get(Input::Growth(PlacementKind::Post16)), InputRange { low: d("-0.20"), high: d("-0.165") });
        let other = l.growth.get(PlacementKind::Other);
        assert_eq!(r.get(Input::Growth(PlacementKind::Other)), InputRange::fixed(other), "a spread of 0 holds the input fixed");
        let (ilo, ihi) = Input::IncomeGrowth.bounds();
        assert_eq!(r.income_growth, InputRange { low: (d("0.03") - d("0.10")).max(ilo), high: (d("0.03") + d("0.10")).min(ihi) });
        assert_eq!(r.cost_inflation, Ranges::around(&l).cost_inflation, "untouched spreads keep their defaults");
        assert_eq!(r.delivery, InputRange { low: d("0.8"), high: Decimal::ONE });
        assert_eq!(r.shape, Shape::Uniform);
        for input in Input::ALL {
            let (lo, hi) = input.bounds();
            let x = r.get(input);
            assert!(lo <= x.low && x.low <= x.high && x.high <= hi, "{input:?}");
        }
    }

    #[test]
    fn a_lever_outside_its_bounds_is_clipped_before_the_spread() {
        let b = baseline();
        let mut l = Levers::default_for(&b);
        l.growth.set(PlacementKind::Mainstream, d("0.55"));
        let r = McLevers::default().ranges(&l);
        assert_eq!(r.get(Input::Growth(PlacementKind::Mainstream)), InputRange { low: d("0.37"), high: d("0.40") });
    }

    #[test]
    fn mc_levers_read_and_write_link_text() {
        let b = baseline();
        let mut s = Scenario::default_for(&b);
        assert_eq!(s.get("mc.seed").as_deref(), Some("20261126"));
        assert_eq!(s.get("mc.draws").as_deref(), Some("10000"));
        assert_eq!(s.get("mc.shape").as_deref(), Some("triangular"));
        assert_eq!(s.get("mc.spread.mainstream").as_deref(), Some("3"));
        assert_eq!(s.get("mc.spread.inflation").as_deref(), Some("1.5"));
        assert_eq!(s.get("mc.spread.income").as_deref(), Some("2"));
        assert_eq!(s.get("mc.delivery.low").as_deref(), Some("50"));
        s.set("mc.seed", "4294967295", &b).unwrap();
        assert_eq!(s.mc.seed, u32::MAX);
        s.set("mc.seed", "0", &b).unwrap();
        assert_eq!(s.get("mc.seed").as_deref(), Some("0"));
        s.set("mc.spread.inflation", "0.5", &b).unwrap();
        assert_eq!(s.mc.inflation_spread, d("0.005"));
        let before = s.clone();
        for (k, v) in [("mc.seed", "4294967296"), ("mc.seed", "1.5"), ("mc.seed", "-1"), ("mc.draws", "999"), ("mc.draws", "50001"), ("mc.shape", "normal"), ("mc.spread.income", "x"), ("mc.delivery.low", "101"), ("mc.nope", "1")] {
            let e = s.set(k, v, &b).unwrap_err();
            assert!(e.starts_with(k), "{e}");
        }
        assert_eq!(s, before, "refused values change nothing");
        // Every mc lever is listed with a control, and the list's keys are unique.
        let keys: Vec<&str> = Scenario::levers(&b).iter().map(|l| l.key).filter(|k| k.starts_with("mc.")).collect();
        assert_eq!(keys.len(), 11);
        let unique: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len());
        // The hn levers are untouched by mc ones.
        assert_eq!(s.hn.get(LeverId::Horizon), LeverValue::Number(Decimal::from(10)));
    }
}
