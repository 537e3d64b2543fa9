//! App-wide state, provided as context. Signals only; everything shown is derived from these.

use super::route::Page;
use crate::data::json::Issue;
use crate::data::{Loaded, Manifest};
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
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            data: RwSignal::new(None),
            manifest: RwSignal::new(None),
            load_issues: RwSignal::new(vec![]),
            load_subject: RwSignal::new(String::new()),
            page: RwSignal::new(Page::Overview),
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
