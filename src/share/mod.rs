//! Scenario <-> URL query codec, saved scenarios and CSV export.

pub mod codec;
pub mod open;
pub mod csv;
pub mod saved;
