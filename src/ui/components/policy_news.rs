//! National policy since a dataset's papers, from the model's presets: the override's later end
//! date and the conditional write-off, where they differ from what the data says. The Overview
//! tells it and Sources lists where it comes from.

use crate::data::Dataset;
use crate::model::dsg::{Baseline, Levers, OverrideEnd, PolicyPreset};
use crate::units::money::pct;

/// National policy since the papers, from the model's presets: the override's later end date
/// and the conditional write-off, if they differ from what the data says.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyNews {
    pub override_end: Option<(String, &'static str)>,
    pub write_off: Option<(String, String, &'static str)>,
}

impl PolicyNews {
    /// The presets that model what is news, in the order they were announced.
    pub fn presets(&self) -> Vec<PolicyPreset> {
        [(self.override_end.is_some(), PolicyPreset::Override2028), (self.write_off.is_some(), PolicyPreset::Override2028WriteOff90)]
            .into_iter()
            .filter_map(|(new, p)| new.then_some(p))
            .collect()
    }
}

pub fn policy_news(ds: &Dataset) -> PolicyNews {
    let b = Baseline::from_dataset(ds);
    let published = ds.high_needs.override_end.value;
    let mut extended = Levers::default_for(&b);
    PolicyPreset::Override2028.apply(&mut extended, &b);
    let override_end = match extended.override_end {
        OverrideEnd::Ends(y) if y.end() > published => Some((y.end().long(), PolicyPreset::Override2028.date())),
        _ => None,
    };
    let mut wo = Levers::default_for(&b);
    PolicyPreset::Override2028WriteOff90.apply(&mut wo, &b);
    let write_off = (!wo.write_off.share.is_zero()).then(|| (pct(wo.write_off.share, 0), wo.write_off.accrued_to.end().long(), PolicyPreset::Override2028WriteOff90.date()));
    PolicyNews { override_end, write_off }
}
