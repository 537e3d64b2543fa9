//! National policy since a dataset's papers, from the model's presets: the override's later end
//! date and the conditional write-off, where they differ from what the data says. The Overview
//! tells it and Sources lists where it comes from.

use crate::data::Dataset;
use crate::model::dsg::{Baseline, Levers, PolicyPreset};
use crate::units::money::pct;

/// The override's new end date and when it was announced.
pub type OverrideNews = (String, &'static str);
/// The write-off's share, the date its deficit is counted to, and when it was announced.
pub type WriteOffNews = (String, String, &'static str);

/// National policy since the papers, from the model's presets: the override's later end date
/// and the conditional write-off, if they differ from what the data says.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyNews {
    pub override_end: Option<OverrideNews>,
    pub write_off: Option<WriteOffNews>,
    /// Which of them were announced after the papers were made: a later file's papers
    /// already knew, so the Overview and Sources do not tell them as news "since the papers".
    pub override_since_papers: bool,
    pub write_off_since_papers: bool,
}

impl PolicyNews {
    /// The override's new end date and the write-off, each only if announced after the papers.
    pub fn since_papers(&self) -> (Option<&OverrideNews>, Option<&WriteOffNews>) {
        (self.override_end.as_ref().filter(|_| self.override_since_papers), self.write_off.as_ref().filter(|_| self.write_off_since_papers))
    }

    /// The presets that model what was announced after the papers (Sources lists them).
    pub fn presets_since_papers(&self) -> Vec<PolicyPreset> {
        let (o, w) = self.since_papers();
        self.presets().into_iter().filter(|p| if *p == PolicyPreset::Override2028 { o.is_some() } else { w.is_some() }).collect()
    }

    /// The override's later end date, if the papers do not give it, and whether it was announced
    /// after them: papers dated after it that still give an earlier end are told it too, as what
    /// came before them (High needs offers it either way).
    pub fn override_news(&self) -> Option<(&OverrideNews, bool)> {
        self.override_end.as_ref().map(|o| (o, self.override_since_papers))
    }

    /// The presets High needs offers that are not news to the papers: announced before them, yet
    /// a position they do not take (papers of late 2025 that still end the override in 2027).
    /// Sources lists them apart, so its list and the page's presets agree.
    pub fn offered_not_news(&self, b: &Baseline) -> Vec<PolicyPreset> {
        let since = self.presets_since_papers();
        self.presets().into_iter().filter(|p| p.applies_to(b) && !since.contains(p)).collect()
    }

    /// The presets that model what is news, in the order they were announced.
    pub fn presets(&self) -> Vec<PolicyPreset> {
        [(self.override_end.is_some(), PolicyPreset::Override2028), (self.write_off.is_some(), PolicyPreset::Override2028WriteOff90)]
            .into_iter()
            .filter_map(|(new, p)| new.then_some(p))
            .collect()
    }
}

fn latest_document(ds: &Dataset) -> Option<&crate::data::dataset::Document> {
    ds.documents.iter().max_by_key(|d| d.date)
}

/// The date of the dataset's latest paper (as_of where it lists none).
pub fn latest_paper(ds: &Dataset) -> crate::units::calendar::Date {
    latest_document(ds).map_or(ds.as_of, |d| d.date)
}

/// The latest paper's date as exactly as it is known ("21 January 2026", "April 2023").
pub fn latest_paper_when(ds: &Dataset) -> String {
    latest_document(ds).map_or_else(|| ds.as_of.long(), |d| d.when())
}

/// `b` is the dataset's baseline (the app's `AppState::baseline`), built once by the caller.
pub fn policy_news(ds: &Dataset, b: &Baseline) -> PolicyNews {
    let published = ds.high_needs.override_end.value;
    // News only to papers made before it: a later file's papers already knew (and say what
    // they say about it). By the latest paper's own date, which Sources shows beside it (as_of
    // should be that date, but nothing makes it so).
    let papers = latest_paper(ds);
    let news = |p: PolicyPreset| p.announced_by().is_some_and(|d| papers <= d);
    // The national date itself, not the lever it sets: for a base year after it, the lever is
    // moved to "ended before the years modelled", which is not what the government announced.
    let override_end = match PolicyPreset::Override2028.national_override_last_year() {
        Some(y) if y.end() > published => Some((y.end().long(), PolicyPreset::Override2028.date())),
        _ => None,
    };
    let mut wo = Levers::default_for(b);
    PolicyPreset::Override2028WriteOff90.apply(&mut wo, b);
    let write_off = (!wo.write_off.share.is_zero()).then(|| (pct(wo.write_off.share, 0), wo.write_off.accrued_to.end().long(), PolicyPreset::Override2028WriteOff90.date()));
    // The write-off is told only where the levers can model it (High needs offers it only then).
    let override_since_papers = override_end.is_some() && news(PolicyPreset::Override2028);
    let write_off_since_papers = write_off.is_some() && news(PolicyPreset::Override2028WriteOff90) && PolicyPreset::Override2028WriteOff90.applies_to(b);
    PolicyNews { override_end, write_off, override_since_papers, write_off_since_papers }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy_news(ds: &Dataset) -> PolicyNews {
        super::policy_news(ds, &Baseline::from_dataset(ds))
    }

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

    #[test]
    fn what_the_papers_could_have_known_is_not_news() {
        // A file whose papers are dated after an announcement: the override's extension (June
        // 2025) is not "since the papers", even with the papers' own date still 2026.
        let since = |ds: &Dataset| {
            let n = policy_news(ds);
            (n.override_since_papers, n.write_off_since_papers)
        };
        let mut ds = crate::testing::shipped().dataset;
        assert_eq!(since(&ds), (true, true), "both are news to March 2025's papers");
        // The papers' own dates decide: an as_of after them (set by hand, say) does not.
        ds.as_of = crate::units::calendar::Date::new(2025, 7, 15).unwrap();
        assert_eq!(since(&ds), (true, true), "the papers are of March 2025");
        let dated = |ds: &mut Dataset, y: i32, m: u8, d: u8| {
            ds.as_of = crate::units::calendar::Date::new(y, m, d).unwrap();
            for p in &mut ds.documents {
                p.date = ds.as_of;
            }
        };
        dated(&mut ds, 2025, 5, 31);
        assert_eq!(since(&ds), (true, true), "May 2025 papers had not heard");
        dated(&mut ds, 2025, 7, 15);
        assert_eq!(since(&ds), (false, true));
        // The write-off is dated only by its year: papers of January 2026 may not have known.
        dated(&mut ds, 2026, 1, 21);
        assert_eq!(since(&ds), (false, true));
        dated(&mut ds, 2027, 1, 5);
        assert_eq!(since(&ds), (false, false));
        // Still positions the presets offer: they differ from the papers.
        assert_eq!(policy_news(&ds).presets().len(), 2);
        // A base year the write-off's years are before: not told, as High needs cannot model it.
        let mut later = crate::testing::shipped().dataset;
        later.base_year = "2026-27".into();
        assert_eq!(since(&later), (true, false));
    }
}
