//! Hand-made baselines shared by the model tests: small councils whose answers can be worked
//! out on paper.
#![allow(dead_code)]

/// The fixture datasets, named once (the same file the unit tests use).
#[path = "../../src/testing.rs"]
pub mod testing;

use dsg_explorer::units::calendar::{Date, Fy};
use dsg_explorer::model::dsg::*;
use dsg_explorer::units::money::lit;
use rust_decimal::Decimal;

pub fn m(s: &str) -> Decimal {
    lit(s)
}

pub fn placement(id: &str, kind: PlacementKind, count: &str, cost: &str, growth: &str) -> BasePlacement {
    BasePlacement { id: id.into(), name: id.into(), kind, count: m(count), average_cost: m(cost), growth: m(growth), cost_range: None }
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
        schools_block_growth: None,
        deficit_interest_rate: None,
        borrowing_rate: None,
        override_published: None,
        brought_forward_published: None,
        brought_forward_paper: None,
        starts: vec![],
        start: 0,
    }
}

/// A small council. Spend: 1,000,000 + 1,000,000 + 1,200,000 + 150,000 placements + 650,000
/// other = 4,000,000; income 3,000,000; so the in-year deficit is 1,000,000, as published.
pub fn hand() -> Baseline {
    Baseline {
        base_year: Fy(2024),
        placements: vec![
            placement("mainstream", PlacementKind::Mainstream, "100", "10000", "0.10"),
            placement("special", PlacementKind::LocalSpecial, "50", "20000", "0.05"),
            placement("independent", PlacementKind::Independent, "20", "60000", "0.08"),
            placement("post16", PlacementKind::Post16, "10", "15000", "0.03"),
        ],
        income: m("3000000"),
        income_growth: m("0.03"),
        cost_inflation: m("0.02"),
        other_spend: m("650000"),
        schools_block: m("100000000"),
        deficit_brought_forward: m("500000"),
        published_in_year: m("1000000"),
        published_year_end: m("1500000"),
        override_end: Date::parse("2026-03-31").unwrap(),
        general_fund: m("5000000"),
        total_usable: m("20000000"),
        special_place_capital_cost: m("100000"),
        capital_grant: m("1000000"),
        capital_grant_committed: m("200000"),
        could_be_local: Some(m("15")),
        forecasts: vec![],
        schools_block_growth: None,
        deficit_interest_rate: None,
        borrowing_rate: None,
        override_published: None,
        brought_forward_published: None,
        brought_forward_paper: None,
        starts: vec![],
        start: 0,
    }
}

/// A starting point for hand-made baselines.
pub fn start(id: &str, made: &str, bf: &str, in_year: &str) -> StartPoint {
    StartPoint {
        id: id.into(),
        label: id.into(),
        made: dsg_explorer::units::calendar::Made::day(Date::parse(made).unwrap()),
        actual: false,
        brought_forward: m(bf),
        in_year: m(in_year),
        year_end: m(bf) + m(in_year),
        in_year_published: true,
        reading: None,
        holds_base: false,
    }
}

/// The data's levers with no growth, inflation or income growth: flat, hand-checkable years.
pub fn still(b: &Baseline) -> Levers {
    let mut l = Levers::default_for(b);
    l.growth = KindRates::default();
    l.cost_inflation = Decimal::ZERO;
    l.income_growth = Decimal::ZERO;
    l
}

/// The shipped quarter-2 file's baseline, built once per test binary.
pub fn q2_baseline() -> &'static Baseline {
    static B: std::sync::OnceLock<Baseline> = std::sync::OnceLock::new();
    B.get_or_init(|| Baseline::from_dataset(&testing::q2().dataset))
}

/// Sets one group's lever through the lever registry, as a link or a slider does (display
/// units: percent, £m, years), on a default scenario of the shipped data holding `lv` in the
/// group that `group` names.
pub fn registry_set<T: Copy>(lv: &mut T, key: &str, v: Decimal, group: fn(&mut dsg_explorer::model::scenario::Scenario) -> &mut T) -> Result<(), String> {
    let b = q2_baseline();
    let def = dsg_explorer::model::levers::by_key(key).ok_or_else(|| format!("{key}: not a lever this app knows"))?;
    let mut s = dsg_explorer::model::scenario::Scenario::default_for(b);
    *group(&mut s) = *lv;
    s.set_value(def, &dsg_explorer::model::levers::Value::Number(v), b)?;
    *lv = *group(&mut s);
    Ok(())
}

/// A group's lever value through the registry, in display units (`None` for an unknown key).
pub fn registry_get<T: Copy>(lv: &T, key: &str, group: fn(&mut dsg_explorer::model::scenario::Scenario) -> &mut T) -> Option<dsg_explorer::model::levers::Value> {
    let mut s = dsg_explorer::model::scenario::Scenario::default_for(q2_baseline());
    *group(&mut s) = *lv;
    Some(dsg_explorer::model::levers::by_key(key)?.get(&s))
}
