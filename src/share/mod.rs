//! Scenario <-> URL query codec and saved scenarios.

pub mod codec;
