//! Datasets: their types, reading with path-precise errors, validation and loading.

pub mod dataset;
pub mod figure;
pub mod json;
pub mod load;
pub mod validate;

pub use dataset::Dataset;
pub use load::{parse_dataset, parse_manifest, Loaded, Manifest};
