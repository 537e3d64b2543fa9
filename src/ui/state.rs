//! App-wide state, provided as context. Signals only; everything shown is derived from these.

use super::route::Page;
use crate::data::json::Issue;
use crate::data::{Loaded, Manifest};
use crate::model::dsg::{project, Baseline, Projection};
use crate::model::scenario::Scenario;
use crate::share::codec::Notice;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct AppState {
    /// The dataset in use. Replaced only by a load that passed every check.
    pub data: RwSignal<Option<Arc<Loaded>>>,
    pub manifest: RwSignal<Option<Arc<Manifest>>>,
    /// Problems from the last load that failed (the previous data stays in use).
    pub load_issues: RwSignal<Vec<Issue>>,
    /// What the failed load was (a file name or path), for the message.
    pub load_subject: RwSignal<String>,
    pub page: RwSignal<Page>,
    /// Every lever; the single source of truth that controls, charts and the link derive from.
    pub scenario: RwSignal<Option<Scenario>>,
    /// Notices about the link that opened the app (bad or unknown parameters, old data).
    pub notices: RwSignal<Vec<Notice>>,
    /// The link's `src` when the figures in use came from it (a refused or failed one is not
    /// kept), so links made from here name it again.
    pub src: RwSignal<Option<String>>,
    /// The model's base-year inputs, derived from the data.
    pub baseline: Memo<Option<Arc<Baseline>>>,
    /// The link query of the current page and scenario, derived once per change.
    pub query: Memo<String>,
    /// The high-needs projection of the current scenario, run once per change and shared by
    /// every page and component that shows it (lazy: run only when something reads it).
    pub projection: Memo<Option<Arc<Projection>>>,
}

impl AppState {
    pub fn new() -> Self {
        let data: RwSignal<Option<Arc<Loaded>>> = RwSignal::new(None);
        let page = RwSignal::new(Page::Overview);
        let scenario = RwSignal::new(None);
        let src = RwSignal::new(None);
        let baseline = Memo::new(move |_| data.with(|d| d.as_ref().map(|d| Arc::new(Baseline::from_dataset(&d.dataset)))));
        AppState {
            data,
            manifest: RwSignal::new(None),
            load_issues: RwSignal::new(vec![]),
            load_subject: RwSignal::new(String::new()),
            page,
            scenario,
            notices: RwSignal::new(vec![]),
            src,
            baseline,
            query: Memo::new(move |_| super::url::compute_query(page, scenario, baseline, data, src)),
            projection: Memo::new(move |_| {
                let b = baseline.get()?;
                scenario.with(|s: &Option<Scenario>| s.as_ref().map(|s| Arc::new(project(&b, &s.hn))))
            }),
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_app() -> AppState {
    use_context::<AppState>().expect("AppState is provided by App")
}
