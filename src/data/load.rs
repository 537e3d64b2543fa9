//! Parsing a dataset or the manifest from text, with every problem reported.

use super::dataset::Dataset;
use super::figure::FigureRecord;
use super::json::{Ctx, FromJson, Issue};
use crate::json_struct;

/// A dataset that passed every check, with the flat list of its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub dataset: Dataset,
    pub figures: Vec<FigureRecord>,
    /// The JSON text it was read from, exactly: what the workbook worker reads again to write
    /// a workbook of these figures (it is the text the parser already held, not a copy).
    pub source: std::sync::Arc<str>,
}

/// Reads and validates a dataset. On failure, returns every issue found (never panics). The
/// page runs the same reading as a sliced `LoadJob`; this runs it to the end in one call.
pub fn parse_dataset(text: &str) -> Result<Loaded, Vec<Issue>> {
    super::job::LoadJob::new(text.to_string()).run()
}

json_struct! {
    /// `data/manifest.json`: the datasets this build ships.
    pub struct Manifest {
        pub schema_version: u32,
        pub datasets: Vec<ManifestEntry>,
    }
}

json_struct! {
    pub struct ManifestEntry {
        pub id: String,
        pub version: String,
        pub council: String,
        pub title: String,
        /// Path relative to `data/`.
        pub path: String,
        /// The dataset opened when a link names none.
        pub default: bool,
    }
}

impl Manifest {
    /// The entry a link asks for: exact version if shipped, else the default of that id.
    pub fn find(&self, id: Option<&str>, version: Option<&str>) -> Option<&ManifestEntry> {
        let default = self.datasets.iter().find(|e| e.default).or(self.datasets.first());
        let Some(id) = id else { return default };
        let same_id = || self.datasets.iter().filter(move |e| e.id == id);
        version
            .and_then(|v| same_id().find(|e| e.version == v))
            .or_else(|| same_id().find(|e| e.default))
            .or_else(|| same_id().last())
    }
}

pub fn parse_manifest(text: &str) -> Result<Manifest, Vec<Issue>> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| vec![Issue { path: String::new(), message: format!("manifest is not valid JSON: {e}") }])?;
    let mut cx = Ctx::default();
    let m = Manifest::from_json(&value, "", &mut cx);
    match m {
        Some(m) if cx.issues.is_empty() => {
            if m.datasets.is_empty() {
                return Err(vec![Issue { path: "datasets".into(), message: "lists no datasets".into() }]);
            }
            Ok(m)
        }
        _ => Err(cx.issues),
    }
}
