//! The fixture datasets, each named once: unit tests use this module, and the integration tests
//! include the same file (`tests/common/mod.rs`).
#![allow(dead_code)]

use dsg_explorer::data::{parse_dataset, Loaded};

/// The latest shipped Herefordshire file (the March 2025 vintage): the manifest's default.
pub const LATEST_JSON: &str = include_str!("../public/data/herefordshire-2024-25-mar25.json");
/// The first release (the quarter 2 vintage), kept so links pinned to it reopen their numbers.
pub const Q2_JSON: &str = include_str!("../public/data/herefordshire-2024-25-q2.json");
/// An invented council with a later base year (2025/26) and its own override date.
pub const EXAMPLESHIRE_JSON: &str = include_str!("../tests/fixtures/exampleshire-2025-26.json");
pub const MANIFEST_JSON: &str = include_str!("../public/data/manifest.json");
pub const TEMPLATE_JSON: &str = include_str!("../public/data/template.json");

fn load(name: &str, text: &str) -> Loaded {
    parse_dataset(text).unwrap_or_else(|e| panic!("the fixture {name} loads: {e:?}"))
}

/// The latest shipped file, loaded.
pub fn shipped() -> Loaded {
    load("herefordshire-2024-25-mar25.json", LATEST_JSON)
}

/// The first release, loaded.
pub fn q2() -> Loaded {
    load("herefordshire-2024-25-q2.json", Q2_JSON)
}

/// The first release's dataset and its model baseline, for tests of what pages show.
pub fn q2_parts() -> (dsg_explorer::data::Dataset, dsg_explorer::model::dsg::Baseline) {
    let l = q2();
    let b = dsg_explorer::model::dsg::Baseline::from_dataset(&l.dataset);
    (l.dataset, b)
}

/// The later-vintage fixture, loaded.
pub fn exampleshire() -> Loaded {
    load("exampleshire-2025-26.json", EXAMPLESHIRE_JSON)
}

/// An invented council with a name beyond ASCII, its base year 2025/26, an actual for the year
/// before, several vintages (one of them for 2026/27) and no contingency reserve.
pub const AVILA_JSON: &str = include_str!("../tests/fixtures/avila-2025-26.json");

/// Ávila-on-Sea's file, loaded.
pub fn avila() -> Loaded {
    load("avila-2025-26.json", AVILA_JSON)
}

/// Ávila-on-Sea's file with `change` made to its JSON first (a surplus, an underspend, ...).
pub fn avila_with(change: impl FnOnce(&mut serde_json::Value)) -> Loaded {
    let mut v: serde_json::Value = serde_json::from_str(AVILA_JSON).unwrap();
    change(&mut v);
    load("avila-2025-26.json (changed)", &v.to_string())
}

/// "£1,234.56", "−£7" or "£7.5" as printed in a table, in pence: tables are added up as a
/// reader adds them.
pub fn pence(cell: &str) -> i128 {
    let neg = cell.starts_with('−');
    let digits: String = cell.trim_start_matches('−').trim_start_matches('£').replace(',', "");
    let (pounds, p) = digits.split_once('.').unwrap_or((&digits, "00"));
    let v = pounds.parse::<i128>().unwrap_or_else(|_| panic!("{cell:?}")) * 100 + format!("{p:0<2}").parse::<i128>().unwrap();
    if neg {
        -v
    } else {
        v
    }
}
