//! A scenario: every lever of every page, with one way to read and write each by its link key.
//!
//! The levers are described in [`crate::model::levers`]; this module holds their values and
//! puts the registry behind the text interface links need (`get`, `set`, `keys`). Controls set
//! typed values with [`Scenario::set_value`].

use crate::data::dataset::KINDS;
use crate::units::calendar::Fy;
use super::capital::CapitalLevers;
use super::dsg::{Baseline, Levers};
use super::levers::{self, LeverDef, Value};
use crate::units::money::Money;
use super::revenue::RevenueLevers;
use super::uncertainty::{Input, InputRange, Ranges, Shape, DELIVERY_LOW, GROWTH_SPREAD, INCOME_SPREAD, INFLATION_SPREAD};
use crate::data::dataset::PlacementKind;
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
            .filter(|a| *a > Decimal::ZERO && crate::units::money::whole_pence(*a))
            .ok_or_else(|| format!("\"{amount}\" is not a positive amount in pounds and pence"))?;
        if from == to {
            // As the Capital page's form says: a move within one year changes nothing.
            return Err(format!("moves spend from {} to the same year", from.label()));
        }
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

impl Scenario {
    pub fn default_for(b: &Baseline) -> Scenario {
        Scenario { hn: Levers::default_for(b), rev: RevenueLevers::default(), cap: CapitalLevers::default_at(b.borrowing_rate), moves: vec![], mc: McLevers::default() }
    }

    /// Every lever's link key, in form order (the registry's order).
    pub fn keys() -> impl Iterator<Item = &'static str> {
        levers::LEVERS.iter().map(|d| d.key)
    }

    /// The lever's value as links write it, or `None` for an unknown key.
    pub fn get(&self, key: &str) -> Option<String> {
        levers::by_key(key).map(|d| d.get(self).text())
    }

    /// Sets a lever from link text. On error the scenario is unchanged and the message names
    /// the lever by its key ("hn.horizon: …"), as text read from a link or a file is.
    pub fn set(&mut self, key: &str, text: &str, b: &Baseline) -> Result<(), String> {
        let def = levers::by_key(key).ok_or_else(|| format!("{key}: not a lever this app knows"))?;
        let value = def.parse(text).map_err(|e| format!("{key}: {e}"))?;
        self.set_value(def, &value, b).map_err(|e| format!("{key}: {e}"))
    }

    /// Sets a lever from a typed value in display units, if it is in range; otherwise nothing
    /// changes and the message says what was expected, without the lever's name (a field shows
    /// it in its label).
    pub fn set_value(&mut self, def: &LeverDef, value: &Value, b: &Baseline) -> Result<(), String> {
        def.set(self, value, b)
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
    pub growth_spread: [Decimal; KINDS],
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
            growth_spread: [GROWTH_SPREAD; KINDS],
            inflation_spread: INFLATION_SPREAD,
            income_spread: INCOME_SPREAD,
            delivery_low: DELIVERY_LOW,
        }
    }
}

impl McLevers {
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
        let mut growth = [InputRange::fixed(Decimal::ZERO); KINDS];
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
    fn keys_are_the_registrys_keys_in_order() {
        assert_eq!(Scenario::keys().collect::<Vec<_>>(), levers::LEVERS.iter().map(|l| l.key).collect::<Vec<_>>());
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
        let mut s = Scenario::default_for(&b);
        s.set("mc.spread.mainstream", "5", &b).unwrap();
        s.set("mc.spread.independent", "3", &b).unwrap();
        s.set("mc.spread.post16", "2.5", &b).unwrap();
        s.set("mc.spread.other", "0", &b).unwrap();
        s.set("mc.spread.income", "10", &b).unwrap();
        s.set("mc.delivery.low", "80", &b).unwrap();
        s.set("mc.shape", "uniform", &b).unwrap();
        let r = s.mc.ranges(&l);
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
        let keys: Vec<&str> = Scenario::keys().filter(|k| k.starts_with("mc.")).collect();
        assert_eq!(keys.len(), 13);
        let unique: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len());
        // The hn levers are untouched by mc ones.
        assert_eq!(s.hn.get(LeverId::Horizon), LeverValue::Number(Decimal::from(10)));
    }

    #[test]
    fn a_move_is_an_amount_in_pounds_and_pence() {
        assert_eq!(SchemeMove::parse("roads~2024-25~2025-26~125000.50").unwrap().amount, Decimal::new(12500050, 2));
        assert_eq!(SchemeMove::parse("roads~2024-25~2025-26~100.000").unwrap().amount, Decimal::from(100), "trailing zeros are pence");
        for bad in ["0.001", "0", "-5", "1e3", "12,5"] {
            let e = SchemeMove::parse(&format!("roads~2024-25~2025-26~{bad}")).unwrap_err();
            assert_eq!(e, format!("\"{bad}\" is not a positive amount in pounds and pence"));
        }
    }
}
