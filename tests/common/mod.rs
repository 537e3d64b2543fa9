//! Hand-made baselines shared by the model tests: small councils whose answers can be worked
//! out on paper.
#![allow(dead_code)]

use dsg_explorer::model::calendar::{Date, Fy};
use dsg_explorer::model::dsg::*;
use dsg_explorer::model::money::lit;
use rust_decimal::Decimal;

pub fn m(s: &str) -> Decimal {
    lit(s)
}

pub fn placement(id: &str, kind: PlacementKind, count: &str, cost: &str, growth: &str) -> BasePlacement {
    BasePlacement { id: id.into(), name: id.into(), kind, count: m(count), average_cost: m(cost), growth: m(growth) }
}

/// No growth anywhere: spend 4,000,000 a year (mainstream 1,000,000, special 1,000,000,
/// independent 1,200,000, other 800,000); income set so the in-year deficit is `in_year`.
pub fn flat(brought_forward: &str, in_year: &str) -> Baseline {
    let in_year = m(in_year);
    let bf = m(brought_forward);
    Baseline {
        base_year: Fy(2024),
        placements: vec![
            placement("mainstream", PlacementKind::Mainstream, "100", "10000", "0"),
            placement("special", PlacementKind::LocalSpecial, "50", "20000", "0"),
            placement("independent", PlacementKind::Independent, "20", "60000", "0"),
        ],
        income: m("4000000") - in_year,
        income_growth: Decimal::ZERO,
        cost_inflation: Decimal::ZERO,
        other_spend: m("800000"),
        schools_block: m("100000000"),
        deficit_brought_forward: bf,
        published_in_year: in_year,
        published_year_end: bf + in_year,
        override_end: Date::parse("2026-03-31").unwrap(),
        general_fund: m("4500000"),
        total_usable: m("7500000"),
        special_place_capital_cost: m("100000"),
        capital_grant: m("1000000"),
        capital_grant_committed: m("200000"),
        could_be_local: None,
        forecasts: vec![],
    }
}
