//! The capital model: the published bridge, reprofiling that conserves totals, MRP and interest
//! against hand-computed schedules, the revenue cost of borrowing and delivery to date.

mod common;

use dsg_explorer::data::dataset::Funding;
use dsg_explorer::units::calendar::Fy;
use dsg_explorer::model::capital::*;
use dsg_explorer::units::money::{lit, Money};
use dsg_explorer::model::dsg::Baseline;
use dsg_explorer::model::levers::{self, Group, Kind, Value, LEVERS};
use dsg_explorer::model::scenario::Scenario;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;


/// Sets a lever through the lever registry, as a link or a slider does (display units:
/// percent, £m, years), on a scenario of the shipped data.
fn set(lv: &mut CapitalLevers, key: &str, v: Decimal) -> Result<(), String> {
    common::registry_set(lv, key, v, |s| &mut s.cap)
}

/// A lever's value in display units.
fn get(lv: &CapitalLevers, key: &str) -> Option<Decimal> {
    match common::registry_get(lv, key, |s| &mut s.cap)? {
        Value::Number(d) => Some(d.normalize()),
        Value::Code(c) => Some(Decimal::from((c == "annuity") as u8)),
        _ => None,
    }
}

fn m(s: &str) -> Money {
    lit(s) * lit("1000000")
}

fn shipped() -> dsg_explorer::data::Dataset {
    common::testing::q2().dataset
}

/// The published programme figures, typed in from the Cabinet minutes (19 December 2024).
fn herefordshire() -> CapitalInputs {
    CapitalInputs {
        approved: m("160"),
        brought_forward: m("15.3"),
        movements: m("2.8"),
        removed: m("2.6"),
        added_grants: m("3.7"),
        reprofiled: m("82.8"),
        revised: m("96.4"),
        spend_point: "end of October 2024".into(),
        spend_to_date: m("30.9"),
        commitments: m("32.3"),
        spend_and_commitments: m("63.2"),
        prior_spend: m("19.7"),
        prior_commitments: m("21.9"),
        prior_spend_and_commitments: m("41.6"),
    }
}

fn profile(entries: &[(i32, &str)]) -> BTreeMap<Fy, Money> {
    entries.iter().map(|(y, v)| (Fy(*y), lit(v))).collect()
}

fn scheme(id: &str, category: &str, funding: Funding, entries: &[(i32, &str)], life: Option<u32>) -> Scheme {
    let profile = profile(entries);
    Scheme { id: id.into(), name: id.into(), category: category.into(), funding, total: profile.values().copied().sum(), profile, asset_life: life }
}

fn sample() -> Programme {
    Programme {
        schemes: vec![
            scheme("roads", "highways", Funding::Borrowing, &[(2024, "1000000"), (2025, "500000"), (2026, "250000")], Some(20)),
            scheme("flood", "environment", Funding::Grant, &[(2024, "300000"), (2025, "300000")], None),
            scheme("school", "education", Funding::Mixed, &[(2025, "2000000"), (2026, "1000000"), (2027, "500000")], Some(40)),
            scheme("parks", "environment", Funding::Unknown, &[(2024, "75000.50")], None),
        ],
    }
}

fn straight(rate: &str) -> Financing {
    Financing { rate: lit(rate), method: MrpMethod::StraightLine, default_life: 25, unknown_borrowing_share: lit("0.5"), mixed_borrowing_share: lit("0.5") }
}

// ---- the programme as published ------------------------------------------------------------

#[test]
fn bridge_reconciles_exactly() {
    // £160m + £15.3m + £2.8m − £2.6m + £3.7m − £82.8m = £96.4m.
    let b = bridge(&herefordshire());
    assert!(b.reconciles());
    assert_eq!(b.computed, m("96.4"));
    let steps: Vec<(&str, Money, Money)> = b.steps.iter().map(|s| (s.key, s.amount, s.level)).collect();
    assert_eq!(
        steps,
        vec![
            ("approved", m("160"), m("160")),
            ("brought_forward", m("15.3"), m("175.3")),
            ("movements", m("2.8"), m("178.1")),
            ("removed", m("-2.6"), m("175.5")),
            ("added_grants", m("3.7"), m("179.2")),
            ("reprofiled", m("-82.8"), m("96.4")),
        ]
    );
    let mut wrong = herefordshire();
    wrong.revised = m("96.5");
    assert!(!bridge(&wrong).reconciles());
}

#[test]
fn bridge_reconciles_from_the_shipped_data() {
    let ds = shipped();
    let inputs = CapitalInputs::from_dataset(&ds.capital);
    assert_eq!(inputs, CapitalInputs { spend_point: inputs.spend_point.clone(), ..herefordshire() });
    let b = bridge(&inputs);
    assert!(b.reconciles(), "bridge ends at {} not {}", b.computed, b.published);
    assert_eq!(b.steps.iter().map(|s| s.amount).sum::<Money>(), ds.capital.revised.value);
}

#[test]
fn delivery_to_date() {
    // £30.9m + £32.3m = £63.2m, against £19.7m + £21.9m = £41.6m a year before: +£21.6m.
    let d = delivery(&herefordshire());
    assert!(d.reconciles);
    assert_eq!((d.total, d.prior_total, d.change), (m("63.2"), m("41.6"), m("21.6")));
    assert_eq!(d.share_of_budget, m("63.2") / m("96.4"));
    assert_eq!(d.budget, m("96.4"));
}

#[test]
fn shipped_schemes_reconcile() {
    let ds = shipped();
    let p = Programme::from_dataset(&ds.capital).expect("profile years parse");
    assert!(!p.schemes.is_empty());
    assert!(p.unreconciled().is_empty(), "every scheme's profile sums to its total");
    assert_eq!(p.by_year().values().copied().sum::<Money>(), p.total());
    let d = delivery(&CapitalInputs::from_dataset(&ds.capital));
    assert!(d.reconciles);
    // The default levers cost the programme without error, and MRP repays what was borrowed.
    let cost = revenue_cost(&p, &CapitalLevers::default().financing);
    assert_eq!(cost.total_mrp, cost.total_borrowing.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero));
}

// ---- reprofiling ---------------------------------------------------------------------------

#[test]
fn moving_spend_between_years() {
    let p = sample();
    let q = p.move_spend("roads", Fy(2024), Fy(2026), lit("400000")).unwrap();
    let roads = q.scheme("roads").unwrap();
    assert_eq!(roads.profile, profile(&[(2024, "600000"), (2025, "500000"), (2026, "650000")]));
    assert_eq!(roads.total, lit("1750000"));
    assert_eq!(roads.profile_sum(), roads.total);
    // Into a year the scheme had no spend in.
    let q = p.move_spend("parks", Fy(2024), Fy(2027), lit("0.50")).unwrap();
    assert_eq!(q.scheme("parks").unwrap().profile.get(&Fy(2027)), Some(&lit("0.50")));
    assert_eq!(q.total(), p.total());
}

#[test]
fn moving_more_than_is_there_is_a_clear_error() {
    let p = sample();
    let e = p.move_spend("roads", Fy(2026), Fy(2027), lit("250000.01")).unwrap_err();
    assert_eq!(e, CapitalError::NotEnough { scheme: "roads".into(), year: Fy(2026), available: lit("250000"), requested: lit("250000.01") });
    assert_eq!(e.to_string(), "scheme \"roads\" has £250,000 planned in 2026/27, so £250,000.01 cannot be moved out of it");
    assert!(matches!(p.move_spend("roads", Fy(2030), Fy(2031), lit("1")), Err(CapitalError::NotEnough { .. })));
    assert!(matches!(p.move_spend("nope", Fy(2024), Fy(2025), lit("1")), Err(CapitalError::UnknownScheme(_))));
    assert!(matches!(p.move_spend("roads", Fy(2024), Fy(2025), lit("-1")), Err(CapitalError::NegativeAmount { .. })));
}

#[test]
fn setting_a_profile_directly() {
    let p = sample();
    let new = profile(&[(2025, "1000000"), (2026, "750000")]);
    let q = p.set_profile("roads", new.clone(), TotalRule::Keep).unwrap();
    assert_eq!(q.scheme("roads").unwrap().profile, new);
    let bigger = profile(&[(2025, "1000000"), (2026, "900000")]);
    assert_eq!(
        p.set_profile("roads", bigger.clone(), TotalRule::Keep).unwrap_err(),
        CapitalError::TotalChanged { scheme: "roads".into(), total: lit("1750000"), profile_sum: lit("1900000") }
    );
    let q = p.set_profile("roads", bigger, TotalRule::Change).unwrap();
    assert_eq!(q.scheme("roads").unwrap().total, lit("1900000"));
    assert!(q.unreconciled().is_empty());
    assert!(matches!(p.set_profile("roads", profile(&[(2025, "-1"), (2026, "1750001")]), TotalRule::Keep), Err(CapitalError::NegativeSpend { .. })));
}

#[test]
fn slippage_by_hand() {
    // roads 2024: 1,000,000  2025: 500,000  2026: 250,000 at 20%, horizon 2026/27:
    // 2024: 800,000; 2025: 500,000 − 100,000 + 200,000 = 600,000; 2026: 250,000 + 100,000 = 350,000
    // (the final horizon year keeps its own spend).
    let p = sample();
    let q = p.slip(lit("0.2"), &Scope::Scheme("roads".into()), Fy(2026)).unwrap();
    assert_eq!(q.scheme("roads").unwrap().profile, profile(&[(2024, "800000"), (2025, "600000"), (2026, "350000")]));
    assert_eq!(q.scheme("school").unwrap(), p.scheme("school").unwrap(), "other schemes untouched");

    // By category: both environment schemes, nothing else; horizon the programme's last year.
    let q = p.slip_to_end(lit("0.5"), &Scope::Category("environment".into())).unwrap();
    assert_eq!(q.scheme("flood").unwrap().profile, profile(&[(2024, "150000"), (2025, "300000"), (2026, "150000")]));
    assert_eq!(q.scheme("parks").unwrap().profile, profile(&[(2024, "37500.25"), (2025, "37500.25")]));
    assert_eq!(q.scheme("roads").unwrap(), p.scheme("roads").unwrap());
    assert_eq!(q.total(), p.total());
    assert_eq!(q.by_year_in("environment").values().copied().sum::<Money>(), lit("675000.50"));

    assert!(matches!(p.slip(lit("1.01"), &Scope::All, Fy(2030)), Err(CapitalError::RateOutOfRange { .. })));

    // What slips is taken to the penny, half away from zero: 15% of £1,251,138.68 is
    // £187,670.802, so £187,670.80 slips and £1,063,467.88 stays (a trial's year had a fraction
    // of a penny, shown rounded, and the years added up to a penny more than the total shown).
    let one = p.set_profile("roads", profile(&[(2025, "1251138.68"), (2026, "498861.32")]), TotalRule::Keep).unwrap();
    let q = one.slip(lit("0.15"), &Scope::Scheme("roads".into()), Fy(2026)).unwrap();
    assert_eq!(q.scheme("roads").unwrap().profile, profile(&[(2025, "1063467.88"), (2026, "686532.12")]));
    // Half a penny goes up (away from zero, not to even): 25% of £0.10 is £0.025, so £0.03 slips.
    let one = p.set_profile("roads", profile(&[(2025, "1749999.90"), (2026, "0.10")]), TotalRule::Keep).unwrap();
    let q = one.slip(lit("0.25"), &Scope::Scheme("roads".into()), Fy(2027)).unwrap();
    assert_eq!(q.scheme("roads").unwrap().profile, profile(&[(2025, "1312499.92"), (2026, "437500.05"), (2027, "0.03")]));
    // A year in fractions of a penny slips no more than it holds, even at 100%.
    let one = p.set_profile("roads", profile(&[(2025, "1749999.995"), (2026, "0.005")]), TotalRule::Keep).unwrap();
    let q = one.slip(lit("1"), &Scope::Scheme("roads".into()), Fy(2027)).unwrap();
    assert!(q.scheme("roads").unwrap().profile.values().all(|v| *v >= Decimal::ZERO), "{:?}", q.scheme("roads").unwrap().profile);
    assert_eq!(q.total(), one.total());
}

// ---- MRP and interest, by hand -------------------------------------------------------------

#[test]
fn annuity_payment_million_over_25_years_at_5_percent() {
    // P·r / (1 − (1+r)^−n) with P = 1,000,000, r = 0.05, n = 25:
    // (1.05)^25 = 3.38635494089938481670833366668...
    // payment = 1,000,000 × 0.05 × 3.386354940899 / 2.386354940899 = 70,952.4572992296...
    let a = annuity_payment(lit("1000000"), lit("0.05"), 25);
    assert!((a - lit("70952.4572992296267680712972")).abs() < lit("0.000000001"), "{a}");
    assert!((pow(lit("1.05"), 25) - lit("3.3863549408993848167083336667")).abs() < lit("0.0000000000000000000001"));
}

#[test]
fn annuity_schedule_million_over_25_years_at_5_percent() {
    // Year 1: interest 1,000,000 × 5% = 50,000.00; MRP = 70,952.457 − 50,000 = 20,952.46.
    // Year 2: balance 979,047.542700...; interest 48,952.377 -> 48,952.38; MRP 22,000.080 -> 22,000.08.
    // Year 3: interest 47,852.373 -> 47,852.37; MRP 23,100.084 (cumulatively 66,052.62) -> 23,100.08.
    // Year 25: MRP 67,573.769 -> 67,573.77 (the balance left); interest 3,378.688 -> 3,378.69.
    let s = loan_schedule(lit("1000000"), lit("0.05"), 25, MrpMethod::Annuity);
    assert_eq!(s.len(), 25);
    let row = |k: usize| (s[k - 1].mrp, s[k - 1].interest);
    assert_eq!(row(1), (lit("20952.46"), lit("50000.00")));
    assert_eq!(row(2), (lit("22000.08"), lit("48952.38")));
    assert_eq!(row(3), (lit("23100.08"), lit("47852.37")));
    assert_eq!(row(24), (lit("64355.97"), lit("6596.49")));
    assert_eq!(row(25), (lit("67573.77"), lit("3378.69")));
    // MRP repays the principal exactly; the payment is level to within a penny every year.
    assert_eq!(s.iter().map(|y| y.mrp).sum::<Money>(), lit("1000000"));
    assert_eq!(s[24].closing, Decimal::ZERO);
    for y in &s {
        assert!((y.mrp + y.interest - lit("70952.46")).abs() <= lit("0.01"), "year {}: {}", y.year, y.mrp + y.interest);
    }
    // Total interest: 25 × 70,952.457 − 1,000,000 = 773,811.43 (the rounded years add to the same).
    assert_eq!(s.iter().map(|y| y.interest).sum::<Money>(), lit("773811.43"));
}

#[test]
fn annuity_schedule_small_case() {
    // 10,000 over 3 years at 10%: (1.1)^3 = 1.331; payment = 10,000 × 0.1 × 1.331 / 0.331 = 4,021.148...
    // Year 1: interest 1,000.00, MRP 3,021.148 -> 3,021.15
    // Year 2: balance 6,978.852; interest 697.885 -> 697.89; MRP 3,323.263 -> 3,323.26
    // Year 3: balance 3,655.589; interest 365.559 -> 365.56; MRP 3,655.589 -> 3,655.59
    let s = loan_schedule(lit("10000"), lit("0.1"), 3, MrpMethod::Annuity);
    let rows: Vec<(Money, Money)> = s.iter().map(|y| (y.mrp, y.interest)).collect();
    assert_eq!(rows, vec![(lit("3021.15"), lit("1000.00")), (lit("3323.26"), lit("697.89")), (lit("3655.59"), lit("365.56"))]);
    assert_eq!(s.iter().map(|y| y.mrp).sum::<Money>(), lit("10000"));
}

#[test]
fn straight_line_by_hand() {
    // 1,000,000 over 3 years: 333,333.33 / 333,333.34 / 333,333.33 (rounded cumulatively so the
    // years add to the principal exactly); interest at 5% on the opening balance:
    // 50,000.00, 33,333.33, 16,666.67.
    let s = loan_schedule(lit("1000000"), lit("0.05"), 3, MrpMethod::StraightLine);
    let rows: Vec<(Money, Money)> = s.iter().map(|y| (y.mrp, y.interest)).collect();
    assert_eq!(rows, vec![(lit("333333.33"), lit("50000.00")), (lit("333333.34"), lit("33333.33")), (lit("333333.33"), lit("16666.67"))]);
    // At 0% both methods are straight line with no interest.
    let z = loan_schedule(lit("900"), lit("0"), 4, MrpMethod::Annuity);
    assert_eq!(z.iter().map(|y| y.mrp).collect::<Vec<_>>(), vec![lit("225"), lit("225"), lit("225"), lit("225")]);
    assert!(z.iter().all(|y| y.interest.is_zero()));
}

// ---- the programme's revenue cost ----------------------------------------------------------

#[test]
fn revenue_cost_starts_the_year_after_spend() {
    // £1m borrowed in 2025/26, 25-year life, straight line at 5%:
    // 2025/26: nothing; 2026/27: MRP 40,000 + interest 50,000; 2027/28: 40,000 + 48,000; ...
    let p = Programme { schemes: vec![scheme("depot", "property", Funding::Borrowing, &[(2025, "1000000")], Some(25))] };
    let c = revenue_cost(&p, &straight("0.05"));
    assert_eq!(c.years.first().unwrap().fy, Fy(2025));
    assert_eq!(c.years.last().unwrap().fy, Fy(2050));
    let y = |fy: i32| c.years.iter().find(|y| y.fy == Fy(fy)).copied().unwrap();
    assert_eq!((y(2025).mrp, y(2025).interest, y(2025).cfr_closing), (lit("0"), lit("0"), lit("1000000")));
    assert_eq!((y(2026).mrp, y(2026).interest, y(2026).total), (lit("40000"), lit("50000"), lit("90000")));
    assert_eq!((y(2027).mrp, y(2027).interest, y(2027).cfr_opening), (lit("40000"), lit("48000"), lit("960000")));
    assert_eq!(c.total_mrp, lit("1000000"));
    // Interest: 5% × (1,000,000 + 960,000 + ... + 40,000) = 5% × 40,000 × (25 × 26 / 2) = 650,000.
    assert_eq!(c.total_interest, lit("650000"));
    assert_eq!(c.total, lit("1650000"));
    assert_eq!(c.years.last().unwrap().cfr_closing, Decimal::ZERO);
}

#[test]
fn funding_decides_what_is_borrowed() {
    let fin = straight("0.05");
    assert_eq!(borrowing_share(Funding::Grant, &fin), Decimal::ZERO);
    assert_eq!(borrowing_share(Funding::Receipts, &fin), Decimal::ZERO);
    assert_eq!(borrowing_share(Funding::Borrowing, &fin), Decimal::ONE);
    assert_eq!(borrowing_share(Funding::Mixed, &fin), lit("0.5"));
    assert_eq!(borrowing_share(Funding::Unknown, &fin), lit("0.5"));
    let b = borrowing_by_year(&sample(), &fin);
    // 2024: roads 1,000,000 + parks half of 75,000.50; 2025: roads 500,000 + school half of 2,000,000.
    assert_eq!(b.get(&Fy(2024)), Some(&lit("1037500.25")));
    assert_eq!(b.get(&Fy(2025)), Some(&lit("1500000")));
    let grant_only = Programme { schemes: vec![sample().schemes[1].clone()] };
    assert_eq!(revenue_cost(&grant_only, &fin), RevenueCost::default());
}

#[test]
fn reprofiling_moves_revenue_cost() {
    // Moving the £1m from 2025/26 to 2026/27 moves every year's cost one year later: over
    // 2026/27..2028/29 the cost falls from 90,000 + 88,000 + 86,000 = 264,000 to
    // 0 + 90,000 + 88,000 = 178,000 (−86,000). Straight-line totals over the whole life are equal.
    let p = Programme { schemes: vec![scheme("depot", "property", Funding::Borrowing, &[(2025, "1000000")], Some(25))] };
    let q = p.move_spend("depot", Fy(2025), Fy(2026), lit("1000000")).unwrap();
    let fin = straight("0.05");
    let (before, after) = (revenue_cost(&p, &fin), revenue_cost(&q, &fin));
    assert_eq!(before.total_between(Fy(2026), Fy(2028)), lit("264000"));
    assert_eq!(after.total_between(Fy(2026), Fy(2028)), lit("178000"));
    let d = reprofiling_effect(&p, &q, &fin);
    assert_eq!(d.total_change, Decimal::ZERO);
    let change = |fy: i32| d.years.iter().find(|c| c.fy == Fy(fy)).unwrap().change;
    assert_eq!(change(2026), lit("-90000"));
    assert_eq!(change(2027), lit("2000"));
    assert_eq!(change(2051), lit("42000"));
    assert_eq!(d.years.iter().map(|c| c.change).sum::<Money>(), d.total_change);
}

#[test]
fn levers_are_sound() {
    let capital: Vec<_> = LEVERS.iter().filter(|l| l.group == Group::Capital).collect();
    let mut keys: Vec<&str> = capital.iter().map(|l| l.key).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), capital.len());
    assert_eq!(capital.len(), 6);
    let lv = CapitalLevers::default();
    for l in &capital {
        assert!(l.key.starts_with("cap."));
        if let Kind::Number { min, max, .. } = l.kind {
            let default = get(&lv, l.key).unwrap();
            assert!(min <= default && default <= max, "{}", l.key);
        }
    }
    assert_eq!(lv.financing, Financing { rate: lit("0.05"), method: MrpMethod::StraightLine, default_life: 25, unknown_borrowing_share: lit("0.5"), mixed_borrowing_share: lit("0.5") });
    let mrp = levers::by_key("cap.mrp").unwrap();
    assert!(matches!(mrp.kind, Kind::Choice(_)));
    assert_eq!(mrp.parse("annuity"), Ok(Value::Code("annuity".into())));
    assert!(mrp.parse("1").is_err());
    assert_eq!(mrp.parse("straight"), Ok(Value::Code("straight".into())));
    let mut s = Scenario::default_for(&Baseline::from_dataset(&common::testing::q2().dataset));
    s.cap = lv;
    let b = Baseline::from_dataset(&common::testing::q2().dataset);
    s.set_value(mrp, &Value::Code("annuity".into()), &b).unwrap();
    assert_eq!(s.cap.financing.method, MrpMethod::Annuity);
    let mut lv = s.cap;
    set(&mut lv, "cap.rate", lit("4.2")).unwrap();
    assert_eq!(lv.financing.rate, lit("0.042"));
    assert!(set(&mut lv, "cap.rate", lit("15.1")).is_err());
}

// ---- laws ----------------------------------------------------------------------------------

fn pennies(max: i64) -> impl Strategy<Value = Money> {
    (0..=max).prop_map(|p| Decimal::new(p, 2))
}

fn programme() -> impl Strategy<Value = Programme> {
    let funding = prop_oneof![Just(Funding::Grant), Just(Funding::Borrowing), Just(Funding::Receipts), Just(Funding::Mixed), Just(Funding::Unknown)];
    let one = (funding, proptest::collection::btree_map(2024i32..2032, pennies(500_000_000), 0..6), 0usize..3, proptest::option::of(1u32..60));
    proptest::collection::vec(one, 1..6).prop_map(|v| Programme {
        schemes: v
            .into_iter()
            .enumerate()
            .map(|(i, (funding, prof, cat, life))| {
                let profile: BTreeMap<Fy, Money> = prof.into_iter().map(|(y, v)| (Fy(y), v)).collect();
                Scheme {
                    id: format!("s{i}"),
                    name: format!("Scheme {i}"),
                    category: ["a", "b", "c"][cat].into(),
                    funding,
                    total: profile.values().copied().sum(),
                    profile,
                    asset_life: life,
                }
            })
            .collect(),
    })
}

proptest! {
    #[test]
    fn moving_spend_never_changes_a_scheme_total(p in programme(), moves in proptest::collection::vec((0usize..6, 2024i32..2033, 2024i32..2033, pennies(600_000_000)), 1..10)) {
        let totals: Vec<Money> = p.schemes.iter().map(|s| s.total).collect();
        let mut cur = p.clone();
        for (i, from, to, amount) in moves {
            let id = format!("s{}", i % cur.schemes.len());
            match cur.move_spend(&id, Fy(from), Fy(to), amount) {
                Ok(next) => cur = next,
                Err(CapitalError::NotEnough { available, requested, .. }) => prop_assert!(requested > available),
                // Only to a year outside the programme's years and the few after them.
                Err(CapitalError::YearOutside { year, first, last }) => prop_assert!(year < first || year > last),
                Err(e) => prop_assert!(false, "unexpected error {e}"),
            }
            for (s, t) in cur.schemes.iter().zip(&totals) {
                prop_assert_eq!(s.total, *t);
                prop_assert_eq!(s.profile_sum(), *t);
                prop_assert!(s.profile.values().all(|v| *v >= Decimal::ZERO));
            }
        }
        prop_assert_eq!(cur.by_year().values().copied().sum::<Money>(), p.total());
    }

    #[test]
    fn slippage_conserves_the_programme_total(p in programme(), rate in 0u32..=100, cat in 0usize..4, horizon in 2024i32..2034) {
        let scope = match cat { 3 => Scope::All, c => Scope::Category(["a", "b", "c"][c].into()) };
        let rate = Decimal::new(rate as i64, 2);
        let q = p.slip(rate, &scope, Fy(horizon)).unwrap();
        prop_assert_eq!(q.total(), p.total());
        prop_assert_eq!(q.by_year().values().copied().sum::<Money>(), p.total());
        for (a, b) in p.schemes.iter().zip(&q.schemes) {
            prop_assert_eq!(b.profile_sum(), a.total);
            prop_assert!(b.profile.values().all(|v| *v >= Decimal::ZERO), "{:?}", b.profile);
            // Whole pence in, whole pence out: a year shown to the penny adds up as shown.
            if a.profile.values().all(|v| v.round_dp(2) == *v) {
                prop_assert!(b.profile.values().all(|v| v.round_dp(2) == *v), "{:?}", b.profile);
            }
            // Nothing moves beyond the horizon that was not already there.
            let beyond = |s: &Scheme| s.profile.iter().filter(|(y, _)| **y > Fy(horizon)).map(|(_, v)| *v).sum::<Money>();
            prop_assert_eq!(beyond(a), beyond(b));
        }
        let q2 = p.slip_to_end(rate, &scope).unwrap();
        prop_assert_eq!(q2.total(), p.total());
    }

    #[test]
    fn straight_line_mrp_sums_to_the_principal_exactly(principal in pennies(100_000_000_000), years in 1u32..=60, rate in 0u32..=1000) {
        let s = loan_schedule(principal, Decimal::new(rate as i64, 4), years, MrpMethod::StraightLine);
        prop_assert_eq!(s.len() as u32, years);
        prop_assert_eq!(s.iter().map(|y| y.mrp).sum::<Money>(), principal);
        let exact = principal / Decimal::from(years);
        for y in &s {
            prop_assert!((y.mrp - exact).abs() < lit("0.01"));
        }
    }

    #[test]
    fn annuity_mrp_sums_to_the_principal_and_payment_is_level(principal in pennies(10_000_000_000), years in 1u32..=60, rate in 1u32..=1500) {
        let r = Decimal::new(rate as i64, 4);
        let s = loan_schedule(principal, r, years, MrpMethod::Annuity);
        prop_assert_eq!(s.iter().map(|y| y.mrp).sum::<Money>(), principal);
        // Against the textbook schedule in full precision: interest = balance × r, MRP = payment −
        // interest (the last year repays what is left). MRP is rounded cumulatively, so each year
        // is within a penny; interest is rounded year by year, so within half a penny.
        let a = annuity_payment(principal, r, years);
        let mut bal = principal;
        for y in &s {
            let interest = bal * r;
            let mrp = if y.year == years { bal } else { a - interest };
            prop_assert!((y.mrp - mrp).abs() < lit("0.01"), "year {}: MRP {} vs {}", y.year, y.mrp, mrp);
            prop_assert!((y.interest - interest).abs() <= lit("0.005"), "year {}: interest {} vs {}", y.year, y.interest, interest);
            bal -= mrp;
        }
    }

    #[test]
    fn programme_mrp_repays_all_borrowing(p in programme(), annuity in any::<bool>(), rate in 0u32..=100) {
        let fin = Financing { rate: Decimal::new(rate as i64, 3), method: if annuity { MrpMethod::Annuity } else { MrpMethod::StraightLine }, default_life: 25, unknown_borrowing_share: lit("0.5"), mixed_borrowing_share: lit("0.3") };
        let c = revenue_cost(&p, &fin);
        let borrowed: Money = borrowing_by_year(&p, &fin).values().copied().sum();
        prop_assert_eq!(c.total_borrowing, borrowed);
        prop_assert_eq!(c.total_mrp, borrowed.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero));
        prop_assert_eq!(c.total, c.years.iter().map(|y| y.total).sum::<Money>());
    }
}
