//! App-wide state, provided as context. Signals only; everything shown is derived from these.

use super::route::Page;
use crate::data::json::Issue;
use crate::data::{Loaded, Manifest};
use crate::model::dsg::{Baseline, Projection};
use crate::model::outcome::{reevaluate, Outcome};
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
    /// The file on this device the figures in use came from (its name), if they did: a link
    /// cannot carry it. Set with the figures, so a later failed or cancelled load leaves it.
    pub from_file: RwSignal<Option<String>>,
    /// Where a chosen file's load is (reading, converting, loaded, refused, cancelled), shown by
    /// Sources; kept here so it survives a change of page while the load goes on.
    pub file_status: RwSignal<crate::ui::load_file::FileStatus>,
    /// A page's own choices of what it shows that its link keeps (`share::codec::VIEW`, as
    /// link pairs), kept across page changes; read from the address, set by the page's controls.
    pub view: RwSignal<Vec<(String, String)>>,
    /// The scenarios ticked on Compare, kept across page changes.
    pub compare_picked: RwSignal<Vec<String>>,
    /// The model's base-year inputs, derived from the data.
    pub baseline: Memo<Option<Arc<Baseline>>>,
    /// National policy since the dataset's papers, derived once per dataset for every page that
    /// tells it (Overview, High needs' card, presets and explainer, Sources).
    pub news: Memo<Option<Arc<crate::ui::components::policy_news::PolicyNews>>>,
    /// The link query of the current page and scenario, derived once per change.
    pub query: Memo<String>,
    /// The scenario part of `query` (no `page`) that links to other pages carry, as the browser
    /// last settled it (`scenario_link::follow_settled`): after a pause in lever changes, and at
    /// once for new figures or before a press of a key or pointer. `None` until then (the
    /// pre-render), when links read `query` itself. Rewriting every link on each slider move was
    /// a share of the move's work.
    pub link_rest: RwSignal<Option<String>>,
    /// Everything the pages show about the current scenario (the model's one outcome),
    /// evaluated once per change and shared by every page (lazy: run only when read). Pages and
    /// components only format it.
    pub outcome: Memo<Option<Arc<Outcome>>>,
    /// The outcome's high-needs projection, for the many places that show only it.
    pub projection: Memo<Option<Arc<Projection>>>,
}

impl AppState {
    pub fn new() -> Self {
        let data: RwSignal<Option<Arc<Loaded>>> = RwSignal::new(None);
        let page = RwSignal::new(Page::Overview);
        let scenario = RwSignal::new(None);
        let src = RwSignal::new(None);
        let view = RwSignal::new(vec![]);
        let baseline = crate::ui::memo::memo(move |_| data.with(|d| d.as_ref().map(|d| Arc::new(Baseline::from_dataset(&d.dataset)))));
        // The baseline the last outcome was evaluated on: its parts are reused only on the same one.
        let evaluated_on: StoredValue<Option<Arc<Baseline>>> = StoredValue::new(None);
        let outcome = crate::ui::memo::memo(move |prev: Option<&Option<Arc<Outcome>>>| {
            let b = baseline.get()?;
            let same_base = evaluated_on.with_value(|e| e.as_ref().is_some_and(|e| Arc::ptr_eq(e, &b)));
            let prev = prev.and_then(|p| p.as_deref()).filter(|_| same_base);
            let out = data.with(|d| scenario.with(|s| Some(Arc::new(reevaluate(prev, &d.as_ref()?.dataset, &b, s.as_ref()?)))));
            evaluated_on.set_value(Some(b));
            out
        });
        AppState {
            data,
            manifest: RwSignal::new(None),
            load_issues: RwSignal::new(vec![]),
            load_subject: RwSignal::new(String::new()),
            page,
            scenario,
            notices: RwSignal::new(vec![]),
            src,
            from_file: RwSignal::new(None),
            file_status: RwSignal::new(Default::default()),
            view,
            compare_picked: RwSignal::new(vec!["baseline".into(), "current".into()]),
            baseline,
            news: crate::ui::memo::memo(move |_| data.with(|d| baseline.with(|b| Some(Arc::new(crate::ui::components::policy_news::policy_news(&d.as_ref()?.dataset, b.as_ref()?)))))),
            query: crate::ui::memo::memo(move |_| super::url::compute_query(page, scenario, baseline, data, src, view)),
            link_rest: RwSignal::new(None),
            outcome,
            projection: crate::ui::memo::memo(move |_| outcome.with(|o| o.as_ref().map(|o| o.projection.clone()))),
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
