//! Datasets: their types, reading with path-precise errors, validation and loading.

pub mod dataset;
pub mod figure;
pub mod job;
pub mod json;
pub mod limits;
pub mod load;
pub mod repeated_keys;
pub mod split;
pub mod validate;

pub use dataset::Dataset;
pub use job::{LoadJob, Progress, Step};
pub use load::{parse_dataset, parse_manifest, Loaded, Manifest};
