//! Back-test: from each starting point (vintage) of the base year, what the model on its default
//! settings would have predicted for each figure published later, beside what was published.
//! Pure Rust, exact decimals.

use crate::units::calendar::{Date, Made};
use super::dsg::{project, Baseline, Levers};
use crate::units::money::Money;

/// One earlier vintage's prediction of one later published figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BacktestRow {
    /// The starting point the model ran from.
    pub from_id: String,
    pub from_label: String,
    pub from_made: Made,
    /// The later published figure.
    pub figure_id: String,
    pub figure_made: Made,
    pub for_date: Date,
    pub published: Money,
    /// "up to" where the paper gave a ceiling.
    pub qualifier: Option<String>,
    /// The model's cumulative deficit at `for_date`, on default settings from `from_id`; `None`
    /// if that date is not a 31 March within the projection.
    pub predicted: Option<Money>,
    /// Whether `predicted` is the model's own: false for the base year's end, where the model's
    /// figure is the starting vintage's, so a difference there is a revision between the
    /// council's forecasts, not a test of the model.
    pub modelled: bool,
}

impl BacktestRow {
    /// published − predicted: how far the later figure moved from the prediction.
    pub fn miss(&self) -> Option<Money> {
        self.predicted.map(|p| self.published.saturating_sub(p))
    }
}

/// For each starting point, each forecast published after it was made (other than itself),
/// oldest starting point first, then by the figure's date made.
pub fn backtest(b: &Baseline) -> Vec<BacktestRow> {
    let mut out = vec![];
    for s in &b.starts {
        let mut lv = Levers::default_for(b);
        lv.start = s.id.clone();
        let p = project(b, &lv);
        let mut later: Vec<_> = b.forecasts.iter().filter(|f| f.made > s.made && f.id != s.id).collect();
        crate::sorting::sort_by_key(&mut later, |f| (f.made, f.for_date));
        for f in later {
            let predicted = p.mitigated.rows.iter().find(|r| r.year.end() == f.for_date).map(|r| r.cumulative_deficit);
            out.push(BacktestRow {
                from_id: s.id.clone(),
                from_label: s.label.clone(),
                from_made: s.made,
                figure_id: f.id.clone(),
                figure_made: f.made,
                for_date: f.for_date,
                published: f.amount,
                qualifier: f.qualifier.clone(),
                predicted,
                modelled: f.for_date > b.base_year.end(),
            });
        }
    }
    out
}
