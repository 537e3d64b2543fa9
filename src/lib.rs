//! The budget and DSG deficit explorer.
//!
//! `units` is the bottom layer (exact money and its one display rule, financial years and
//! dates) that both `data` and `model` use.
//! `model` is the pure financial model (no web dependency, tested natively); `data` loads and
//! validates datasets; `share` turns scenarios into links and back; `charts` draws SVG with
//! plotters; `ui` is the Leptos app that feeds the model and draws its outputs.

// tachys's `ssr` rendering (native builds: the pre-render) nests deeper types than the default allows.
#![recursion_limit = "256"]

// The fixture module (src/testing.rs) names the crate the same way in unit and integration tests.
extern crate self as dsg_explorer;

pub mod charts;
pub mod data;
pub mod model;
pub mod share;
pub mod sorting;
pub mod ui;
pub mod units;
pub mod workbook;

#[cfg(test)]
pub mod testing;
