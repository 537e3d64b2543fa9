//! The budget and DSG deficit explorer.
//!
//! `model` is the pure financial model (no web dependency, tested natively); `data` loads and
//! validates datasets; `share` turns scenarios into links and back; `charts` draws SVG with
//! plotters; `ui` is the Leptos app that feeds the model and draws its outputs.

pub mod charts;
pub mod data;
pub mod model;
pub mod share;
pub mod ui;
pub mod workbook;
