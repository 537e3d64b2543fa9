//! The bottom layer: exact money with its one display rounding rule, and financial years and
//! dates. `data` and `model` both use it; it uses nothing of ours.

pub mod calendar;
pub mod money;
