//! The base-year inputs of the high-needs model, taken from a dataset or made by hand.

use crate::data::dataset::{Dataset, PlacementKind};
use crate::units::calendar::{Date, Fy, Made};
use crate::units::money::Money;
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
    /// A plausible range for the average cost (low, high), where the data gives one.
    pub cost_range: Option<(Money, Money)>,
}

impl BasePlacement {
    pub fn spend(&self) -> Money {
        self.count.saturating_mul(self.average_cost)
    }
}

/// Where a scenario's override end comes from ([`Baseline::override_end_origin`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverrideEndOrigin {
    /// The council's papers' date (which may be before the years modelled).
    Papers { ended_before: bool },
    /// The papers' date is before the year before the base year, so the default counts from the
    /// first year modelled (its end is the 31 March before it): the override had ended.
    EndedBeforeModelled,
    /// The government's end date (the national preset), where it is later than the papers'.
    National,
    /// Another date, chosen in the scenario.
    Chosen { ended_before: bool },
}

/// A published forecast of the cumulative deficit, for comparison with the model.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedForecast {
    pub id: String,
    /// Its name for readers (`data::dataset::Forecast::name`).
    pub label: String,
    /// When the forecast was made (the paper's date, as exactly as it is known).
    pub made: Made,
    /// The date the forecast is for.
    pub for_date: Date,
    pub amount: Money,
    /// "up to" where the paper gives a ceiling.
    pub qualifier: Option<String>,
    /// An outturn rather than a forecast.
    pub actual: bool,
}

/// A starting point for the projection: the base year's position as one vintage gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct StartPoint {
    /// The vintage's id (a forecast id), or "base" for the dataset's own base-year figures when
    /// no vintage repeats them.
    pub id: String,
    /// A short name, e.g. "Quarter 2 budget report".
    pub label: String,
    /// When the paper was made.
    pub made: Made,
    /// An actual (outturn or audited) balance rather than a forecast.
    pub actual: bool,
    /// Cumulative deficit at the start of the base year.
    pub brought_forward: Money,
    /// The base year's in-year deficit.
    pub in_year: Money,
    /// The cumulative deficit at the end of the base year.
    pub year_end: Money,
    /// Whether a paper gives `in_year` (the data marks it published or assumed), rather than it
    /// being worked out as year end less brought forward, here or in the data.
    pub in_year_published: bool,
    /// How the app reads an ambiguous sentence, if the data says.
    pub reading: Option<String>,
    /// It holds the dataset's own base-year figures (`in_year_forecast`, `deficit_year_end`).
    pub holds_base: bool,
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
    /// Yearly growth of the schools block; `None`: it grows with high-needs income.
    pub schools_block_growth: Option<Decimal>,
    /// The file's interest rate on the deficit's cash, if it gives one (the lever's default).
    pub deficit_interest_rate: Option<Decimal>,
    /// The file's interest rate on capital borrowing, if it gives one (the lever's default).
    pub borrowing_rate: Option<Decimal>,
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
    /// The date of the paper the override end cites, if any.
    pub override_published: Option<Date>,
    /// When the deficit brought forward was given: as a vintage citing the same paper is dated
    /// (the meeting's date, where the paper is its minutes), else the date of the paper it
    /// cites, if any.
    pub brought_forward_published: Option<Made>,
    /// Its name likewise: the vintage's, else the paper's short name ("Cabinet"), if any.
    pub brought_forward_paper: Option<String>,
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
    /// Every starting point the data gives for the base year, oldest first (see
    /// [`Baseline::started`]). Never empty for a baseline made by `from_dataset`.
    pub starts: Vec<StartPoint>,
    /// The starting point the fields above hold (an index into `starts`).
    pub start: usize,
}

impl Baseline {
    /// The model's inputs from a loaded dataset. A base year the loader would have rejected
    /// falls back to the year of `as_of`.
    pub fn from_dataset(ds: &Dataset) -> Baseline {
        let hn = &ds.high_needs;
        let m = &hn.model;
        // A vintage whose amount cites the paper the balance brought forward cites: the balance
        // is named and dated as that vintage is, so one paper has one name in a table (a trial
        // read £6.1m "Cabinet (19 December 2024)" beside £13.7m "Quarter 2 budget report,
        // Cabinet (28 November 2024)": one minute of one meeting, published with the next
        // meeting's agenda).
        let bf_vintage = hn.forecasts.iter().filter(|f| hn.deficit_brought_forward.source.is_some() && f.amount.source == hn.deficit_brought_forward.source).max_by_key(|f| f.made);
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
                    cost_range: p.average_cost.range.as_ref().map(|r| (r.low, r.high)),
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
            override_published: cited(ds, &hn.override_end.source).map(|d| d.date),
            brought_forward_published: bf_vintage.map(|f| f.made_at(ds)).or_else(|| cited(ds, &hn.deficit_brought_forward.source).map(|d| d.made())),
            brought_forward_paper: bf_vintage.map(|f| f.name(ds)).or_else(|| cited(ds, &hn.deficit_brought_forward.source).map(|d| d.name(&ds.documents))),
            general_fund: ds.budget.reserves.general_fund.value,
            total_usable: ds.budget.reserves.total_usable.value,
            special_place_capital_cost: m.special_place_capital_cost.value,
            capital_grant: hn.capital_grant.as_ref().map(|f| f.value).unwrap_or(Decimal::ZERO),
            capital_grant_committed: hn.capital_grant_committed.as_ref().map(|f| f.value).unwrap_or(Decimal::ZERO),
            could_be_local: hn.could_be_local.as_ref().map(|f| f.value),
            forecasts: hn
                .forecasts
                .iter()
                .map(|f| PublishedForecast { id: f.id.clone(), label: f.name(ds), made: f.made_at(ds), for_date: f.for_date, amount: f.amount.value, qualifier: f.qualifier.clone(), actual: f.kind == Some(crate::data::dataset::VintageKind::Actual) })
                .collect(),
            schools_block_growth: m.schools_block_growth.as_ref().map(|f| f.value),
            deficit_interest_rate: m.deficit_interest_rate.as_ref().map(|f| f.value),
            borrowing_rate: ds.capital.borrowing_rate.as_ref().map(|f| f.value),
            starts: vec![],
            start: 0,
        }
        .with_starts(start_points(ds))
    }

    /// Sets the starting points and moves to the default one (the latest).
    pub fn with_starts(mut self, starts: Vec<StartPoint>) -> Baseline {
        self.starts = starts;
        let i = self.default_start();
        self.started(i).into_owned()
    }

    /// The default starting point: the latest vintage by the date it was made (an actual beats
    /// a forecast made the same day; otherwise the later in the data).
    pub fn default_start(&self) -> usize {
        let mut best: Option<usize> = None;
        for (i, s) in self.starts.iter().enumerate() {
            match best {
                Some(b) if (self.starts[b].made, self.starts[b].actual) > (s.made, s.actual) => {}
                _ => best = Some(i),
            }
        }
        best.unwrap_or(0)
    }

    /// The id of the default starting point ("base" for a baseline without vintages).
    pub fn default_start_id(&self) -> String {
        self.starts.get(self.default_start()).map(|s| s.id.clone()).unwrap_or_else(|| BASE_START.into())
    }

    /// The starting point that holds the dataset's own base-year figures (`in_year_forecast`
    /// and `deficit_year_end`): what links made before vintages existed projected from.
    pub fn base_start(&self) -> usize {
        self.starts.iter().position(|s| s.holds_base).unwrap_or(0)
    }

    /// The index of a starting point by its id; "base" always names the one holding the
    /// dataset's own base-year figures (index 0 for a baseline without vintages).
    pub fn start_by_id(&self, id: &str) -> Option<usize> {
        if id == BASE_START {
            return Some(self.base_start());
        }
        self.starts.iter().position(|s| s.id == id)
    }

    /// This baseline from the starting point with id `id` (unchanged for an unknown id).
    pub fn started_at(&self, id: &str) -> std::borrow::Cow<'_, Baseline> {
        match self.start_by_id(id) {
            Some(i) => self.started(i),
            None => std::borrow::Cow::Borrowed(self),
        }
    }

    /// This baseline projected from starting point `i` (the same one if `i` is current or out of
    /// range): the brought-forward, in-year and year-end figures are that vintage's.
    pub fn started(&self, i: usize) -> std::borrow::Cow<'_, Baseline> {
        match self.starts.get(i) {
            Some(s) if i != self.start => {
                let mut b = self.clone();
                b.start = i;
                b.deficit_brought_forward = s.brought_forward;
                b.published_in_year = s.in_year;
                b.published_year_end = s.year_end;
                std::borrow::Cow::Owned(b)
            }
            _ => std::borrow::Cow::Borrowed(self),
        }
    }

    /// The starting point in use.
    pub fn start_point(&self) -> Option<&StartPoint> {
        self.starts.get(self.start)
    }

    /// How the base year reconciles: placements (count × average cost) + other spend − income
    /// = the modelled in-year deficit; the published in-year deficit of the starting point less
    /// that is the part the placement model does not explain.
    pub fn reconciliation(&self) -> Reconciliation {
        Reconciliation {
            placements: self.placements.iter().map(|p| (p.id.clone(), p.name.clone(), p.count, p.average_cost, p.spend())).collect(),
            placement_spend: self.placement_spend(),
            other_spend: self.other_spend,
            income: self.income,
            modelled: self.modelled_in_year(),
            published: self.published_in_year,
            unexplained: self.calibration_gap(),
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

    /// The override's last year as the defaults take it: the papers', or the year before the
    /// base year if the papers' end is earlier still (it had ended before the years modelled, so
    /// the deficit counts against reserves from the first of them).
    pub fn default_override_last_year(&self) -> Fy {
        self.published_override_last_year().max(self.base_year.prev())
    }

    /// Whose date an override ending after `last` is: the key answers and the headline card say
    /// it beside the date, each in its own words.
    pub fn override_end_origin(&self, last: Fy) -> OverrideEndOrigin {
        let papers = self.published_override_last_year();
        // The government's date only where it is later than the papers' (a later paper may give
        // a later date still); tested before the default, which it may equal (a base year after
        // the papers' date counts from the year before it, which may be the national end).
        let national = super::PolicyPreset::Override2028.national_override_last_year().filter(|n| *n > papers);
        if last == papers {
            OverrideEndOrigin::Papers { ended_before: self.ended_before_modelled(last) }
        } else if Some(last) == national {
            OverrideEndOrigin::National
        } else if last == self.default_override_last_year() {
            OverrideEndOrigin::EndedBeforeModelled
        } else {
            OverrideEndOrigin::Chosen { ended_before: self.ended_before_modelled(last) }
        }
    }

    /// Whether an override whose last year is `last` had ended before the years modelled.
    pub fn ended_before_modelled(&self, last: Fy) -> bool {
        last < self.base_year
    }

    /// The papers' override end in the present or past tense: "ends", or "ended" when it had
    /// ended before the years modelled.
    pub fn papers_override_verb(&self) -> &'static str {
        if self.ended_before_modelled(self.published_override_last_year()) {
            "ended"
        } else {
            "ends"
        }
    }

    /// The year a default write-off covers the deficit to: the override's last year, or the base
    /// year if the override had ended before it (a write-off covers a year modelled).
    pub fn default_write_off_year(&self) -> Fy {
        self.default_override_last_year().max(self.base_year)
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

    /// The range of a kind's average cost as a factor on the data's value (1 = as in the data):
    /// the widest over that kind's placements that give a range. `None` if none gives one.
    pub fn cost_scale_range(&self, kind: PlacementKind) -> Option<(Decimal, Decimal)> {
        let mut out: Option<(Decimal, Decimal)> = None;
        for p in self.placements.iter().filter(|p| p.kind == kind && p.average_cost > Decimal::ZERO) {
            let Some((lo, hi)) = p.cost_range else { continue };
            let (Some(l), Some(h)) = (lo.checked_div(p.average_cost), hi.checked_div(p.average_cost)) else { continue };
            out = Some(match out {
                Some((a, b)) => (a.min(l), b.max(h)),
                None => (l, h),
            });
        }
        out
    }

    /// This baseline with each kind's average costs multiplied by `scale` (the unexplained part
    /// then moves so the base year still reproduces the published figure).
    pub fn with_cost_scale(&self, scale: &super::levers::KindRates) -> std::borrow::Cow<'_, Baseline> {
        if PlacementKind::ALL.iter().all(|&k| scale.get(k) == Decimal::ONE) {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut b = self.clone();
        for p in &mut b.placements {
            p.average_cost = p.average_cost.saturating_mul(scale.get(p.kind).max(Decimal::ZERO));
        }
        std::borrow::Cow::Owned(b)
    }

    pub fn has_kind(&self, kind: PlacementKind) -> bool {
        self.placements.iter().any(|p| p.kind == kind)
    }
}

/// The id of the starting point made from a dataset's own base-year figures when no vintage
/// repeats them; in links, `hn.start=base` always names the starting point that holds them.
pub const BASE_START: &str = "base";

/// What the dataset's own base-year figures are called where they cite no paper to name them by.
pub const BASE_FIGURES: &str = "The dataset's base-year figures";

/// The paper a figure's `source` names, if the dataset lists it.
fn cited<'a>(ds: &'a Dataset, source: &Option<String>) -> Option<&'a crate::data::dataset::Document> {
    source.as_ref().and_then(|id| ds.documents.iter().find(|d| &d.id == id))
}

/// The base year's reconciliation (see [`Baseline::reconciliation`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciliation {
    /// (id, name, count, average cost, spend) per placement type.
    pub placements: Vec<(String, String, Decimal, Money, Money)>,
    pub placement_spend: Money,
    pub other_spend: Money,
    pub income: Money,
    /// placement spend + other spend − income.
    pub modelled: Money,
    /// The starting point's in-year deficit.
    pub published: Money,
    /// published − modelled: what the placement model does not explain.
    pub unexplained: Money,
}

/// The starting points a dataset gives: each vintage (forecast or actual) of the cumulative
/// deficit at the end of the base year, oldest first; and the dataset's own base figures when
/// no vintage repeats them (so a dataset without vintages has exactly one).
pub fn start_points(ds: &Dataset) -> Vec<StartPoint> {
    use crate::data::dataset::VintageKind;
    use crate::data::figure::Status;
    let hn = &ds.high_needs;
    let base_year = Fy::parse_key(&ds.base_year).unwrap_or_else(|| ds.as_of.fy());
    let bf = hn.deficit_brought_forward.value;
    let mut out: Vec<StartPoint> = hn
        .forecasts
        .iter()
        .filter(|f| f.for_date == base_year.end() && f.qualifier.is_none())
        .map(|f| {
            let given = f.in_year.as_ref().map(|x| x.value);
            let published = f.in_year.as_ref().is_some_and(|x| x.status != Status::Derived);
            StartPoint {
                id: f.id.clone(),
                label: f.name(ds),
                made: f.made_at(ds),
                actual: f.kind == Some(VintageKind::Actual),
                brought_forward: bf,
                in_year: given.unwrap_or_else(|| f.amount.value.saturating_sub(bf)),
                year_end: f.amount.value,
                in_year_published: published,
                reading: f.reading.clone(),
                holds_base: false,
            }
        })
        .collect();
    let base_in_year = hn.in_year_forecast.value;
    let base_end = hn.deficit_year_end.value;
    if let Some(s) = out.iter_mut().find(|s| s.in_year == base_in_year && s.year_end == base_end) {
        s.holds_base = true;
        // A vintage without its own in-year figure takes the base figure's mark: the same
        // amount, which a paper may give (the Q2 report's £7.6m).
        if hn.forecasts.iter().any(|f| f.id == s.id && f.in_year.is_none()) {
            s.in_year_published = hn.in_year_forecast.status != Status::Derived;
        }
    } else {
        // The dataset's own figures, dated by the paper the in-year figure cites. Named by it
        // only where they are the one starting point: beside a vintage of the same paper it
        // would read as a twin of that vintage ("£13.7m, November 2024 forecast (Cabinet)").
        let paper = cited(ds, &hn.in_year_forecast.source).or_else(|| cited(ds, &hn.deficit_year_end.source));
        let alone = out.is_empty();
        out.push(StartPoint {
            id: BASE_START.into(),
            label: paper.filter(|_| alone).map(|d| d.name(&ds.documents)).unwrap_or_else(|| BASE_FIGURES.into()),
            made: paper.map(|d| d.made()).unwrap_or(Made::day(ds.as_of)),
            actual: false,
            brought_forward: bf,
            in_year: base_in_year,
            year_end: base_end,
            in_year_published: hn.in_year_forecast.status != Status::Derived,
            reading: None,
            holds_base: true,
        });
    }
    crate::sorting::sort_by_key(&mut out, |s| s.made);
    out
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
