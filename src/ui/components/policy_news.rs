//! National policy since a dataset's papers, from the model's presets: the override's later end
//! date and the conditional write-off, where they differ from what the data says. The Overview
//! tells it and Sources lists where it comes from.

use crate::data::Dataset;
use crate::model::dsg::{Baseline, Levers, PolicyPreset};
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
    // The national date itself, not the lever it sets: for a base year after it, the lever is
    // moved to "ended before the years modelled", which is not what the government announced.
    let override_end = match PolicyPreset::Override2028.national_override_last_year() {
        Some(y) if y.end() > published => Some((y.end().long(), PolicyPreset::Override2028.date())),
        _ => None,
    };
    let mut wo = Levers::default_for(&b);
    PolicyPreset::Override2028WriteOff90.apply(&mut wo, &b);
    let write_off = (!wo.write_off.share.is_zero()).then(|| (pct(wo.write_off.share, 0), wo.write_off.accrued_to.end().long(), PolicyPreset::Override2028WriteOff90.date()));
    PolicyNews { override_end, write_off }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_is_news_with_its_own_date_whatever_the_base_year() {
        let mut ds = crate::testing::shipped().dataset;
        ds.high_needs.override_end.value = crate::units::calendar::Fy(2025).end();
        assert_eq!(policy_news(&ds).override_end, Some(("31 March 2028".to_string(), "June 2025")));
        // A base year after 2028: the lever becomes "ended before the years modelled", but the
        // news is still the government's date.
        ds.base_year = "2029-30".into();
        assert_eq!(policy_news(&ds).override_end, Some(("31 March 2028".to_string(), "June 2025")));
        // Papers that already give 2028 or later: nothing new.
        ds.high_needs.override_end.value = crate::units::calendar::Fy(2027).end();
        assert_eq!(policy_news(&ds).override_end, None);
    }
}
