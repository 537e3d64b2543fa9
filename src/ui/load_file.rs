//! Loading a dataset from a file the reader chooses, without freezing the page: the file is read
//! by the browser, then `data::LoadJob` converts and checks it in slices of about 12 ms with a
//! yield to the event loop between them, so the progress bar paints and Cancel answers. Only a
//! dataset that passes every check replaces the figures and scenario; a failure, a Cancel or
//! another file chosen meanwhile leaves both exactly as they were.

use crate::data::json::Issue;
use crate::data::{limits, LoadJob, Loaded, Progress, Step};
use crate::model::dsg::Baseline;
use crate::model::scenario::Scenario;
use crate::ui::state::AppState;
use leptos::prelude::*;
use super::slices;
use std::sync::Arc;

/// Work per slice, in milliseconds: with the yield's few milliseconds, each task stays well
/// under the 50 ms a browser counts as a long task and input is answered within a frame or two.
const SLICE_MS: f64 = 12.0;

/// What the last file load did. Kept outside the page, because a new scenario redraws the page.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum FileStatus {
    #[default]
    None,
    /// The browser is reading the file's bytes.
    Reading(String),
    /// The file is being converted and checked.
    Working { file: String, progress: Progress },
    Loaded(String),
    Failed { file: String, count: usize, first: String },
    Cancelled(String),
    /// Stopped by Back or Forward, which chose other figures.
    LeftBehind(String),
}

impl FileStatus {
    pub fn busy(&self) -> bool {
        matches!(self, FileStatus::Reading(_) | FileStatus::Working { .. })
    }
}

thread_local! {
    /// The newest load: a new load and Cancel make an older one stop at its next slice, changing
    /// nothing.
    static LOADS: slices::Newest = const { slices::Newest::new() };
}

/// Stops the load under way, if any; the figures and scenario in use stay as they are.
pub fn cancel(app: AppState) {
    stop(app, FileStatus::Cancelled);
}

/// Back or Forward while a file loads (other than between places on one page): the entry gone
/// to decides the figures, so the load stops (finishing, it would have replaced them and cut
/// off the Forward entries).
pub fn stop_for_history(app: AppState) {
    stop(app, FileStatus::LeftBehind);
}

/// Stops the load under way and, if one was, says so with `said` of its file's name.
fn stop(app: AppState, said: fn(String) -> FileStatus) {
    slices::stop(&LOADS);
    let status = app.file_status;
    let name = match status.get_untracked() {
        FileStatus::Reading(f) | FileStatus::Working { file: f, .. } => f,
        _ => return,
    };
    status.set(said(name));
}

fn one(message: String) -> Vec<Issue> {
    vec![Issue { path: String::new(), message }]
}

/// The one place where a chosen file's bytes become a dataset job. (A reader for other file
/// kinds, such as spreadsheets, goes here, chosen by the file's name.)
pub fn job_for_file(_name: &str, bytes: Vec<u8>) -> Result<LoadJob, Vec<Issue>> {
    limits::check_bytes(bytes.len()).map_err(|i| vec![i])?;
    let mut text = String::from_utf8(bytes).map_err(|_| one("the file is not text in UTF-8, so not a JSON dataset (an image, a PDF or an older Excel file?): choose a JSON file or an .xlsx workbook".into()))?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(LoadJob::new(text))
}

/// Runs a job in slices (`ui::slices`). `None` when `wanted` says the result is no longer wanted
/// (checked after every yield); the job is then dropped unfinished.
pub async fn run_sliced(mut job: LoadJob, on_progress: impl Fn(Progress), wanted: impl Fn() -> bool) -> Option<Result<Loaded, Vec<Issue>>> {
    let step = |out_of_time: &mut dyn FnMut() -> bool| match job.step(out_of_time) {
        Step::Done(result) => Some(result),
        Step::Working(p) => {
            on_progress(p);
            None
        }
    };
    slices::in_slices(SLICE_MS, step, wanted).await.map(|(result, _)| result)
}

/// Reads a dataset file. Only a dataset that passes every check replaces the figures in use (and
/// resets the scenario to its defaults); otherwise the issues go to the page's error banner and
/// nothing else changes.
pub async fn load_file(app: AppState, file: web_sys::File) {
    let current = slices::start(&LOADS);
    let status = app.file_status;
    let name = file.name();
    status.set(FileStatus::Reading(name.clone()));
    // A workbook is converted (and checked) by the workbook worker, off this thread; any other
    // file becomes a sliced job here.
    let job = async {
        limits::check_bytes(file.size() as usize).map_err(|i| vec![i])?;
        let bytes = gloo_file::futures::read_as_bytes(&gloo_file::File::from(file)).await.map_err(|e| one(format!("the file could not be read: {e}")))?;
        if crate::workbook::is_xlsx(&name, &bytes) {
            return Ok(Err(bytes));
        }
        job_for_file(&name, bytes).map(Ok)
    }
    .await;
    if !current() {
        return;
    }
    let result = match job {
        Ok(Err(workbook)) => crate::ui::components::workbook::xlsx_to_dataset(workbook).await,
        Ok(Ok(job)) => {
            let progress_status = status.clone();
            let file = name.clone();
            let on_progress = move |p: Progress| {
                if current() {
                    progress_status.set(FileStatus::Working { file: file.clone(), progress: p });
                }
            };
            match run_sliced(job, on_progress, current).await {
                // Yield once more, so the last slice and the redraw with the new figures are two
                // tasks rather than one long one.
                Some(r) => {
                    gloo_timers::future::TimeoutFuture::new(0).await;
                    r
                }
                None => return,
            }
        }
        Err(issues) => Err(issues),
    };
    if !current() {
        return;
    }
    match result {
        Ok(loaded) => {
            let ds = &loaded.dataset;
            // New figures start from their own defaults: a reader who had changed assumptions is
            // told (loading a workbook of the same figures had dropped a lever without a word).
            // Judged by the address, which names every assumption changed from its default.
            let had_changed = crate::ui::url::query_pairs().iter().any(|(k, _)| k == "cap.move" || crate::model::levers::by_key(k).is_some());
            let message = format!(
                "Loaded {}, “{}”: {} and {}, from {}.{}",
                ds.council,
                ds.title,
                crate::ui::components::words::counted(loaded.figures.len(), "figure", "figures"),
                crate::ui::components::words::counted(ds.documents.len(), "paper", "papers"),
                name,
                if had_changed { " The assumptions you had changed are back at their defaults for these figures." } else { "" }
            );
            let scenario = Scenario::default_for(&Baseline::from_dataset(ds));
            app.load_issues.set(vec![]);
            // Notices about the link that opened the app no longer apply to these figures.
            app.notices.set(vec![]);
            // A link's `src` named the figures before these: links made from here must not.
            app.src.set(None);
            app.from_file.set(Some(name.clone()));
            let loaded = Arc::new(loaded);
            super::file_entries::remember(&loaded, &name);
            app.data.set(Some(loaded));
            app.scenario.set(Some(scenario));
            crate::ui::url::figures_loaded(&app);
            status.set(FileStatus::Loaded(message));
        }
        Err(issues) => {
            let first = issues.first().map(|i| i.to_string()).unwrap_or_default();
            status.set(FileStatus::Failed { file: name.clone(), count: issues.len(), first });
            app.load_subject.set(name);
            app.load_issues.set(issues);
        }
    }
}
