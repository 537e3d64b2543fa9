//! Scenario <-> URL query codec and saved scenarios.
