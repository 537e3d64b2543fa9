//! The base-year inputs of the high-needs model, taken from a dataset or made by hand.

use crate::data::dataset::{Dataset, PlacementKind};
use crate::model::calendar::{Date, Fy};
use crate::model::money::Money;
use rust_decimal::Decimal;

/// One placement type in the base year.
#[derive(Debug, Clone, PartialEq)]
pub struct BasePlacement {
    pub id: String,
    pub name: String,
    pub kind: PlacementKind,
    /// EHCPs in this placement type in the base year (published).
    pub count: Decimal,
    /// Average cost per EHCP per year, base-year prices (£).
    pub average_cost: Money,
    /// Yearly growth in the count, as a fraction (0.1 = 10% a year).
    pub growth: Decimal,
}

impl BasePlacement {
    pub fn spend(&self) -> Money {
        self.count.saturating_mul(self.average_cost)
    }
}

/// A published forecast of the cumulative deficit, for comparison with the model.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedForecast {
    pub id: String,
    /// When the forecast was made (the paper's date).
    pub made: Date,
    /// The date the forecast is for.
    pub for_date: Date,
    pub amount: Money,
    /// "up to" where the paper gives a ceiling.
    pub qualifier: Option<String>,
}

/// The base-year position of the high-needs block and what the model needs around it.
/// All money in pounds; rates as fractions.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    /// The base financial year: row 0 of every projection.
    pub base_year: Fy,
    pub placements: Vec<BasePlacement>,
    /// High-needs block income in the base year.
    pub income: Money,
    /// Default yearly growth of income (and of the schools block).
    pub income_growth: Decimal,
    /// Default yearly inflation of average costs and other spend.
    pub cost_inflation: Decimal,
    /// High-needs spend not driven by placements, base year.
    pub other_spend: Money,
    /// Schools block, base year: the base of a transfer.
    pub schools_block: Money,
    /// Cumulative deficit at the start of the base year (1 April).
    pub deficit_brought_forward: Money,
    /// Published in-year deficit forecast for the base year.
    pub published_in_year: Money,
    /// Published cumulative deficit at the end of the base year.
    pub published_year_end: Money,
    /// End of the statutory override as published (31 March 2026 in the papers).
    pub override_end: Date,
    /// General fund balance (held constant over the projection).
    pub general_fund: Money,
    /// Total usable reserves: general fund plus earmarked (held constant).
    pub total_usable: Money,
    /// Capital cost of one new local special-school place.
    pub special_place_capital_cost: Money,
    /// High Needs Capital Grant allocation (0 if none published).
    pub capital_grant: Money,
    /// Part of the grant already committed to other schemes (0 if none published).
    pub capital_grant_committed: Money,
    /// Children in independent placements who could be educated locally, if published.
    pub could_be_local: Option<Decimal>,
    pub forecasts: Vec<PublishedForecast>,
}

impl Baseline {
    /// The model's inputs from a loaded dataset. A base year the loader would have rejected
    /// falls back to the year of `as_of`.
    pub fn from_dataset(ds: &Dataset) -> Baseline {
        let hn = &ds.high_needs;
        let m = &hn.model;
        Baseline {
            base_year: Fy::parse_key(&ds.base_year).unwrap_or_else(|| ds.as_of.fy()),
            placements: m
                .placements
                .iter()
                .map(|p| BasePlacement {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    kind: p.kind,
                    count: p.count.value,
                    average_cost: p.average_cost.value,
                    growth: p.growth.value,
                })
                .collect(),
            income: m.income.value,
            income_growth: m.income_growth.value,
            cost_inflation: m.cost_inflation.value,
            other_spend: m.other_spend.value,
            schools_block: m.schools_block.value,
            deficit_brought_forward: hn.deficit_brought_forward.value,
            published_in_year: hn.in_year_forecast.value,
            published_year_end: hn.deficit_year_end.value,
            override_end: hn.override_end.value,
            general_fund: ds.budget.reserves.general_fund.value,
            total_usable: ds.budget.reserves.total_usable.value,
            special_place_capital_cost: m.special_place_capital_cost.value,
            capital_grant: hn.capital_grant.as_ref().map(|f| f.value).unwrap_or(Decimal::ZERO),
            capital_grant_committed: hn.capital_grant_committed.as_ref().map(|f| f.value).unwrap_or(Decimal::ZERO),
            could_be_local: hn.could_be_local.as_ref().map(|f| f.value),
            forecasts: hn
                .forecasts
                .iter()
                .map(|f| PublishedForecast { id: f.id.clone(), made: f.made, for_date: f.for_date, amount: f.amount.value, qualifier: f.qualifier.clone() })
                .collect(),
        }
    }

    /// Placement spend in the base year: Σ count × average cost.
    pub fn placement_spend(&self) -> Money {
        self.placements.iter().fold(Decimal::ZERO, |s, p| s.saturating_add(p.spend()))
    }

    /// The base-year in-year deficit the inputs give: placement spend + other spend − income.
    pub fn modelled_in_year(&self) -> Money {
        self.placement_spend().saturating_add(self.other_spend).saturating_sub(self.income)
    }

    /// Published in-year deficit minus the modelled one: what the model adds to other spend so
    /// that the base year reproduces the published figure. Zero for calibrated data.
    pub fn calibration_gap(&self) -> Money {
        self.published_in_year.saturating_sub(self.modelled_in_year())
    }

    /// The deficit at the end of the base year as the model has it: brought forward plus the
    /// published in-year deficit.
    pub fn year_end_deficit(&self) -> Money {
        self.deficit_brought_forward.saturating_add(self.published_in_year)
    }

    /// The last financial year the published override covers (2025/26 for 31 March 2026).
    pub fn published_override_last_year(&self) -> Fy {
        last_year_covered(self.override_end)
    }

    /// Grant not yet committed: what is left for new places.
    pub fn uncommitted_grant(&self) -> Money {
        self.capital_grant.saturating_sub(self.capital_grant_committed).max(Decimal::ZERO)
    }

    /// The growth rate of a placement kind: the count-weighted mean of that kind's placements
    /// (their own rate when there is one, as in the shipped data). `None` if the data has no
    /// placement of that kind.
    pub fn kind_growth(&self, kind: PlacementKind) -> Option<Decimal> {
        let mut n = 0usize;
        let mut sum = Decimal::ZERO;
        let mut weight = Decimal::ZERO;
        let mut weighted = Decimal::ZERO;
        for p in self.placements.iter().filter(|p| p.kind == kind) {
            n += 1;
            sum = sum.saturating_add(p.growth);
            weight = weight.saturating_add(p.count);
            weighted = weighted.saturating_add(p.count.saturating_mul(p.growth));
        }
        match n {
            0 => None,
            1 => Some(sum),
            _ if weight > Decimal::ZERO => weighted.checked_div(weight),
            _ => sum.checked_div(Decimal::from(n as u64)),
        }
    }

    pub fn has_kind(&self, kind: PlacementKind) -> bool {
        self.placements.iter().any(|p| p.kind == kind)
    }
}

/// The last financial year a period ending on `d` covers in full: 31 March 2026 → 2025/26; any
/// other date → the year before the one it falls in.
pub fn last_year_covered(d: Date) -> Fy {
    let fy = d.fy();
    if d == fy.end() {
        fy
    } else {
        Fy(fy.0 - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_dates_map_to_the_last_year_covered() {
        assert_eq!(last_year_covered(Date::parse("2026-03-31").unwrap()), Fy(2025));
        assert_eq!(last_year_covered(Date::parse("2028-03-31").unwrap()), Fy(2027));
        assert_eq!(last_year_covered(Date::parse("2026-09-30").unwrap()), Fy(2025));
        assert_eq!(last_year_covered(Date::parse("2026-04-01").unwrap()), Fy(2025));
    }
}
