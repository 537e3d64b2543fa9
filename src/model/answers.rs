//! Straight answers to the questions scrutiny asks about a DSG deficit, from one projection:
//! the deficit at each 31 March (published or modelled), this year's in-year deficit against the
//! grant, the deficit when the override ends and after any write-off, when the in-year position
//! balances and the deficit clears, when it passes the reserves, what carrying it costs, and the
//! residual against the net budget and usable reserves. Pure, exact decimals.

use crate::units::calendar::{Date, Fy, Made};
use super::dsg::{Baseline, Projection, Trajectory};
use crate::units::money::Money;
use rust_decimal::Decimal;

/// Where a year-end figure comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A paper's figure: the vintage's label, when it was made, and whether it is an actual.
    Published { label: String, made: Made, actual: bool },
    /// This scenario's projection.
    Model,
}

impl Origin {
    /// A published forecast's (or outturn's) own name, date and kind.
    fn of(f: &super::dsg::PublishedForecast) -> Origin {
        Origin::Published { label: f.label.clone(), made: f.made, actual: f.actual }
    }
}

/// The deficit at one 31 March.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearEnd {
    pub date: Date,
    pub amount: Money,
    pub origin: Origin,
    /// The cost of carrying this figure in the year to this date, from the deficit brought
    /// forward (the base year's starting figure) or the year before (a projected one). `None`
    /// for the brought-forward balance, whose year is not modelled, and for any figure the
    /// projection does not run through (another vintage of the base year's end, a council's
    /// later forecast), so the column adds up to `Answers::carrying_total`.
    pub carrying: Option<Money>,
    /// The base year's end this scenario starts from, where the base year has several vintages.
    pub starts_here: bool,
}

/// The cost of carrying the deficit in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CarryYear {
    pub year: Fy,
    /// rate × the average of the opening and closing cumulative deficit (each at least zero).
    pub cost: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    /// Each 31 March: the brought-forward balance and every published vintage of the base year's
    /// end (latest first), then the scenario's projection for each later year, after any
    /// forecast the council has published for that date since (`later_forecasts`).
    pub year_ends: Vec<YearEnd>,
    /// The base year's in-year deficit, its high-needs income, and the share.
    pub in_year: Money,
    pub income: Money,
    pub in_year_share: Option<Decimal>,
    pub at_override_end: Option<(Fy, Money)>,
    /// What lands on reserves after any write-off for deficit accrued by the override's end.
    pub after_write_off: Option<Money>,
    pub balances_in: Option<Fy>,
    /// The first year after `balances_in` in in-year deficit again, if any.
    pub in_deficit_again_in: Option<Fy>,
    /// The first year the cumulative deficit is at or below zero, the base year's end included
    /// (a council in surplus has none to clear); `None` within the projection.
    pub clears_in: Option<Fy>,
    /// The first year after `clears_in` that ends in deficit again, if one does.
    pub back_in_deficit_in: Option<Fy>,
    /// The scenario's deficit at the base year's end (its starting vintage's).
    pub base_year_end: Money,
    pub passes_general_fund: Option<Fy>,
    pub passes_usable: Option<Fy>,
    pub carry_rate: Decimal,
    pub carrying: Vec<CarryYear>,
    pub carrying_total: Money,
    pub residual_share_of_net_budget: Option<Decimal>,
    pub residual_share_of_usable: Option<Decimal>,
    /// The last projected year.
    pub horizon: Fy,
    /// The cumulative deficit at the end of `horizon` (negative: a surplus).
    pub at_horizon: Money,
}

/// The yearly cost of carrying a trajectory's deficit: `rate` × the mean of the opening and
/// closing cumulative deficit (a deficit builds up through the year; a surplus earns nothing
/// here). The base year opens at the deficit brought forward.
pub fn carrying_cost(t: &Trajectory, brought_forward: Money, rate: Decimal) -> Vec<CarryYear> {
    let mut open = brought_forward;
    t.rows
        .iter()
        .map(|r| {
            let close = r.cumulative_deficit;
            let cost = carry(open, close, rate);
            open = close;
            CarryYear { year: r.year, cost }
        })
        .collect()
}

/// `rate` × the mean of an opening and closing deficit, each at least zero.
fn carry(open: Money, close: Money, rate: Decimal) -> Money {
    let avg = open.max(Decimal::ZERO).saturating_add(close.max(Decimal::ZERO)).checked_div(Decimal::TWO).unwrap_or_default();
    crate::units::money::pennies(avg.saturating_mul(rate))
}

/// The answers for the mitigated trajectory of `p` (run on `b` with `p.levers`).
pub fn answers(b: &Baseline, p: &Projection, net_budget: Money) -> Answers {
    let b = b.started_at(&p.levers.start);
    let t = &p.mitigated;
    let h = &t.headline;
    let opening = b.base_year.prev().end();
    // The balance brought forward as the paper that gives it for that date names it (an
    // outturn, say); failing one, as the earliest vintage of the base year carries it.
    let given = b.forecasts.iter().filter(|f| f.for_date == opening && f.amount == b.deficit_brought_forward && f.qualifier.is_none()).max_by_key(|f| (f.made, f.actual));
    let mut year_ends = vec![YearEnd {
        date: opening,
        amount: b.deficit_brought_forward,
        origin: match given {
            Some(f) => Origin::of(f),
            // Named and dated by the paper the figure cites; failing one, dated by the earliest
            // vintage.
            None => Origin::Published {
                label: b.brought_forward_paper.clone().unwrap_or_else(|| "Brought forward".into()),
                made: b.brought_forward_published.or_else(|| b.starts.iter().map(|s| s.made).min()).unwrap_or(Made::day(b.base_year.end())),
                actual: true,
            },
        },
        carrying: None,
        starts_here: false,
    }];
    let rate = p.levers.carry_rate;
    let carrying = carrying_cost(t, b.deficit_brought_forward, rate);
    // The starting row's cost is the projection's base year's (its year end is brought forward
    // plus in-year, which a rounded published figure can differ from), so the column adds up.
    let base_cost = carrying.first().map(|c| c.cost);
    let base_year_end = |amount: Money, origin: Origin, starts_here: bool| YearEnd { date: b.base_year.end(), amount, origin, carrying: base_cost.filter(|_| starts_here), starts_here };
    let mut vintages: Vec<_> = b.starts.iter().enumerate().collect();
    crate::sorting::sort_by_key(&mut vintages, |(_, s)| std::cmp::Reverse(s.made));
    for (i, s) in vintages {
        year_ends.push(base_year_end(s.year_end, Origin::Published { label: s.label.clone(), made: s.made, actual: s.actual }, i == b.start));
    }
    if b.starts.is_empty() {
        year_ends.push(base_year_end(b.published_year_end, Origin::Published { label: crate::model::dsg::BASE_FIGURES.into(), made: Made::day(b.base_year.end()), actual: false }, true));
    }
    let later = later_forecasts(&b);
    for (r, c) in t.rows.iter().zip(&carrying).skip(1) {
        // The council's own forecasts for this date, made since the newest starting figure,
        // stand before the projection's: what the papers say first, the model beside it.
        for f in later.iter().filter(|f| f.for_date == r.year.end()) {
            year_ends.push(YearEnd { date: f.for_date, amount: f.amount, origin: Origin::of(f), carrying: None, starts_here: false });
        }
        year_ends.push(YearEnd { date: r.year.end(), amount: r.cumulative_deficit, origin: Origin::Model, carrying: Some(c.cost), starts_here: false });
    }
    let row0 = &t.rows[0];
    let in_year_share = row0.in_year_deficit.checked_div(row0.income).filter(|_| !row0.income.is_zero());
    let carrying_total = carrying.iter().fold(Decimal::ZERO, |s, c| s.saturating_add(c.cost));
    let residual = h.residual_at_override_end;
    let clears_in = t.rows.iter().find(|r| r.cumulative_deficit <= Decimal::ZERO).map(|r| r.year);
    Answers {
        year_ends,
        in_year: row0.in_year_deficit,
        income: row0.income,
        in_year_share,
        at_override_end: p.override_last_year.zip(h.deficit_at_override_end),
        after_write_off: residual,
        balances_in: h.balances_in,
        in_deficit_again_in: h.in_deficit_again_in,
        clears_in,
        base_year_end: t.rows[0].cumulative_deficit,
        back_in_deficit_in: clears_in.and_then(|c| t.rows.iter().find(|r| r.year > c && r.cumulative_deficit > Decimal::ZERO)).map(|r| r.year),
        passes_general_fund: h.exceeds_general_fund,
        passes_usable: h.exceeds_usable_reserves,
        carry_rate: rate,
        carrying,
        carrying_total,
        residual_share_of_net_budget: residual.filter(|_| net_budget > Decimal::ZERO).and_then(|r| r.checked_div(net_budget)),
        residual_share_of_usable: h.residual_share_of_usable,
        horizon: t.rows.last().map(|r| r.year).unwrap_or(b.base_year),
        at_horizon: h.deficit_at_horizon,
    }
}

/// The published forecasts for a 31 March after the base year's, made no earlier than the newest
/// figure for the base year's end, latest first. Older ones (a strategy's forecast made before
/// the base year, say) were overtaken by the figures the projection starts from, and are shown
/// as what they were by the back-test instead.
fn later_forecasts(b: &Baseline) -> Vec<&super::dsg::PublishedForecast> {
    let newest = b.starts.iter().map(|s| s.made).max();
    let mut later: Vec<_> = b
        .forecasts
        .iter()
        .filter(|f| f.for_date > b.base_year.end() && f.qualifier.is_none() && newest.is_none_or(|n| f.made >= n))
        .collect();
    crate::sorting::sort_by_key(&mut later, |f| std::cmp::Reverse((f.made, f.actual)));
    later
}

/// The yearly cost of carrying the mitigated deficit of `p` (run on `b`), as the reserves runway
/// takes it: what Savings and Compare both charge to reserves.
pub fn carrying_by_year(b: &Baseline, p: &Projection) -> Vec<(Fy, Money)> {
    carrying_cost(&p.mitigated, b.started_at(&p.levers.start).deficit_brought_forward, p.levers.carry_rate).into_iter().map(|c| (c.year, c.cost)).collect()
}
