//! The uncertainty module: fan chart, tornado, goal seek and forecast drift, tested natively on
//! hand-made baselines (whose answers can be worked out on paper) and on the shipped data.

mod common;
use common::{flat, hand, m, placement};
use dsg_explorer::units::calendar::{Date, Fy};
use dsg_explorer::model::dsg::*;
use dsg_explorer::model::uncertainty::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap()
}


/// `hand()` made busier: two placements of one kind (so a kind's lever
/// shifts placements with different own rates), and a calibration gap.
fn busy() -> Baseline {
    Baseline {
        placements: vec![
            placement("mainstream", PlacementKind::Mainstream, "100", "10000", "0.10"),
            placement("special", PlacementKind::LocalSpecial, "50", "20000", "0.05"),
            placement("special-b", PlacementKind::LocalSpecial, "30", "22000", "0.02"),
            placement("independent", PlacementKind::Independent, "20", "60000", "0.08"),
            placement("independent-b", PlacementKind::Independent, "5", "90000", "0.12"),
            placement("post16", PlacementKind::Post16, "10", "15000", "0.03"),
        ],
        income: m("3900000"),
        ..hand()
    }
}

const SHIPPED: &str = common::testing::Q2_JSON;

/// The first release as it projected: from its quarter 2 starting point only (the figures these
/// tests were worked out on; `tests/vintages.rs` covers the later vintage).
fn shipped() -> Baseline {
    let loaded = dsg_explorer::data::parse_dataset(SHIPPED).unwrap_or_else(|e| panic!("shipped data does not load: {e:?}"));
    let b = Baseline::from_dataset(&loaded.dataset);
    let base = b.starts[b.base_start()].clone();
    b.with_starts(vec![base])
}

/// Levers with no growth, inflation or income growth.
fn still(b: &Baseline) -> Levers {
    let mut l = Levers::default_for(b);
    l.growth = KindRates::default();
    l.cost_inflation = Decimal::ZERO;
    l.income_growth = Decimal::ZERO;
    l
}

/// Shipped data with every kind of mitigation in use, so delivery matters.
fn mitigated_levers(b: &Baseline) -> Levers {
    let mut l = Levers::default_for(b);
    PolicyPreset::Override2028.apply(&mut l, b);
    l.places = NewPlaces { per_year: m("20"), start: Fy(2026), years: 3, ramp_years: 2, capital_cost_per_place: b.special_place_capital_cost };
    l.support = EarlierSupport { growth_reduction: m("0.01"), start: Fy(2026), ramp_years: 3, annual_cost: m("250000") };
    l.saving = CustomSaving { per_year: m("500000"), start: Fy(2025), ramp_years: 2 };
    l.transfer = m("0.005");
    l
}

/// 1p per £1m of the larger of the value and £1m.
/// Within a penny per £1m (f64 rounding), allowing `rounding` pounds more: the exact
/// projection reports each amount to the penny (`money::pennies`) where the fast path does not.
fn close_within(fast: f64, exact: Decimal, rounding: f64) -> bool {
    let e = f(exact);
    (fast - e).abs() <= e.abs().max(1e6) * 1e-8 + rounding
}

// ---------------------------------------------------------------- random numbers and percentiles

#[test]
fn the_generators_reproduce_their_reference_outputs() {
    // SplitMix64 from state 0, and xoshiro256** from state [1, 2, 3, 4] (the authors' vectors).
    let mut s = 0u64;
    assert_eq!(splitmix64(&mut s), 0xE220_A839_7B1D_CDAF);
    let mut r = Rng::from_state([1, 2, 3, 4]);
    assert_eq!([r.next_u64(), r.next_u64(), r.next_u64(), r.next_u64()], [11520, 0, 1509978240, 1215971899390074240]);
    // Seeding through SplitMix64 (pinned: a change here changes every shared fan).
    let mut r = Rng::new(42);
    assert_eq!([r.next_u64(), r.next_u64(), r.next_u64()], [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1]);
    // Uniforms are in [0, 1) with mean 1/2.
    let mut r = Rng::new(7);
    let n = 100_000;
    let mut sum = 0.0;
    for _ in 0..n {
        let u = r.next_f64();
        assert!((0.0..1.0).contains(&u));
        sum += u;
    }
    assert!((sum / n as f64 - 0.5).abs() < 0.005, "{}", sum / n as f64);
}

#[test]
fn percentiles_are_nearest_rank() {
    let hundred: Vec<f64> = (1..=100).map(|x| x as f64).collect();
    for (p, want) in [(0, 1.0), (1, 1.0), (10, 10.0), (25, 25.0), (50, 50.0), (75, 75.0), (90, 90.0), (100, 100.0), (150, 100.0)] {
        assert_eq!(percentile(&hundred, p), Some(want), "p{p} of 1..=100");
    }
    // Ten values: rank ⌈p·10/100⌉, so the 25th percentile is the 3rd value, not an interpolation.
    let ten: Vec<f64> = (1..=10).map(|x| x as f64).collect();
    for (p, want) in [(10, 1.0), (25, 3.0), (50, 5.0), (75, 8.0), (90, 9.0), (91, 10.0)] {
        assert_eq!(percentile(&ten, p), Some(want), "p{p} of 1..=10");
    }
    assert_eq!(percentile(&[4.0], 90), Some(4.0));
    assert_eq!(percentile(&[], 50), None);
}

// ---------------------------------------------------------------- the fan on a known distribution

/// Flat council, 1m a year in-year deficit, a 1m saving from 2025/26 at full delivery; only
/// delivery is uncertain. The cumulative deficit at the end of 2024+t is then
/// 2m + t × 1m − d × t × 1m: linear (decreasing) in the delivery d.
fn linear_case(shape: Shape) -> (Baseline, Levers, Ranges) {
    let b = flat("1000000", "1000000");
    let mut l = still(&b);
    l.saving = CustomSaving { per_year: m("1000000"), start: Fy(2025), ramp_years: 1 };
    let mut r = Ranges::fixed(&l);
    r.set(Input::MitigationDelivery, InputRange::new(m("0"), m("1")));
    r.shape = shape;
    (b, l, r)
}

#[test]
fn a_uniform_delivery_gives_the_percentiles_of_a_linear_output() {
    let (b, l, r) = linear_case(Shape::Uniform);
    let fan = simulate(&b, &l, &r, 10_000, 1);
    assert_eq!(fan.draws, 10_000);
    assert_eq!(fan.years.len(), 11);
    let y0 = &fan.years[0];
    assert_eq!((y0.band.p10, y0.band.p90), (2e6, 2e6), "the base year is fixed");
    for y in &fan.years[1..] {
        let t = (y.year.0 - 2024) as f64;
        let at = |d: f64| 2e6 + t * 1e6 - d * t * 1e6;
        // The deficit falls as delivery rises: its p-th percentile is delivery's (100 − p)-th.
        // Sampling error of a uniform quantile with 10,000 draws is about 0.003; allow 0.015.
        let tol = 0.015 * t * 1e6;
        for (got, q) in [(y.band.p10, 0.9), (y.band.p25, 0.75), (y.band.p50, 0.5), (y.band.p75, 0.25), (y.band.p90, 0.1)] {
            assert!((got - at(q)).abs() < tol, "{}: {got} against {}", y.year, at(q));
        }
        assert!((y.mean - at(0.5)).abs() < tol);
        let bd = &y.band;
        assert!(bd.p10 <= bd.p25 && bd.p25 <= bd.p50 && bd.p50 <= bd.p75 && bd.p75 <= bd.p90);
    }
}

#[test]
fn a_triangular_delivery_with_its_mode_at_full_delivery_has_the_cdf_x_squared() {
    // Triangular on [0, 1] with mode 1 (the lever value): P(d ≤ x) = x², so delivery's q-th
    // quantile is √q and the deficit's p-th percentile sits at delivery √(1 − p).
    let (b, l, r) = linear_case(Shape::Triangular);
    let fan = simulate(&b, &l, &r, 10_000, 2);
    let y = fan.year(Fy(2034)).unwrap();
    let at = |d: f64| 2e6 + 10e6 - d * 10e6;
    for (got, p) in [(y.band.p10, 0.1), (y.band.p50, 0.5), (y.band.p90, 0.9)] {
        let want = at((1.0_f64 - p).sqrt());
        assert!((got - want).abs() < 0.015 * 10e6, "p{p}: {got} against {want}");
    }
    // Mean of the triangular (0, 1, 1) is 2/3.
    assert!((y.mean - at(2.0 / 3.0)).abs() < 0.01 * 10e6);
}

#[test]
fn with_no_uncertainty_the_fan_collapses_onto_the_exact_projection() {
    let b = shipped();
    let l = mitigated_levers(&b);
    let fan = simulate(&b, &l, &Ranges::fixed(&l), 50, 3);
    let p = project(&b, &l);
    // The exact projection reports each amount to the penny; the fast path does not round.
    let per_year = 0.005 * (b.placements.len() + 7) as f64;
    for (i, (y, r)) in fan.years.iter().zip(&p.mitigated.rows).enumerate() {
        assert_eq!(y.year, r.year);
        let near = |x: f64| close_within(x, r.cumulative_deficit, per_year * (i + 1) as f64);
        assert!(near(y.band.p10) && near(y.band.p90), "{}", y.year);
        let over = |limit: Decimal| if !r.override_in_force && r.cumulative_deficit > limit { 1.0 } else { 0.0 };
        assert_eq!(y.p_over_general_fund, over(b.general_fund), "{}", y.year);
        assert_eq!(y.p_over_usable, over(b.total_usable), "{}", y.year);
    }
    let h = &p.mitigated.headline;
    let first = |pick: fn(&FanYear) -> f64| fan.years.iter().find(|y| pick(y) == 1.0).map(|y| y.year);
    assert_eq!(first(|y| y.p_general_fund_exceeded_by), h.exceeds_general_fund);
    assert_eq!(first(|y| y.p_usable_exceeded_by), h.exceeds_usable_reserves);
}

// ---------------------------------------------------------------- determinism

#[test]
fn the_same_seed_gives_the_same_fan_and_another_seed_another() {
    let b = shipped();
    let l = mitigated_levers(&b);
    let r = Ranges::around(&l);
    let a = simulate(&b, &l, &r, 2_000, 2024);
    let again = simulate(&b, &l, &r, 2_000, 2024);
    assert_eq!(a, again);
    let bits = |fan: &Fan| -> Vec<u64> { fan.years.iter().flat_map(|y| [y.band.p10, y.band.p50, y.band.p90, y.mean]).map(f64::to_bits).collect() };
    assert_eq!(bits(&a), bits(&again), "bit for bit");
    let other = simulate(&b, &l, &r, 2_000, 2025);
    assert_ne!(bits(&a), bits(&other));
    // Only the projected years differ: the base year is fixed under every draw.
    assert_eq!(a.years[0], other.years[0]);
    assert!(a.years[1..].iter().zip(&other.years[1..]).all(|(x, y)| x.band != y.band));
    // The seed is recorded, and a fan does not depend on how many fans ran before it.
    assert_eq!(a.seed, 2024);
}

#[test]
fn a_fan_run_in_slices_is_the_fan_run_at_once() {
    // The page runs a simulation a slice at a time: a slice ends when its clock says so, looked
    // at after every 128 draws and then after sorting each year's draws but the last. However
    // the slices fall, the fan is the same bit for bit.
    let b = shipped();
    let l = mitigated_levers(&b);
    let r = Ranges::around(&l);
    let whole = simulate(&b, &l, &r, 1_000, 7);
    let years = whole.years.len();
    assert_eq!(years, 11);
    let bits = |fan: &Fan| -> Vec<u64> {
        fan.years.iter().flat_map(|y| [y.band.p10, y.band.p25, y.band.p50, y.band.p75, y.band.p90, y.mean, y.p_over_usable, y.p_usable_exceeded_by]).map(f64::to_bits).collect()
    };
    // 1,000 draws: looks after 128, 256, … 896 draws (7), then after 10 of the 11 sorts.
    let looks_in_all = 7 + (years - 1);
    for every in [1, 2, 3, 7, 100] {
        let mut sim = Simulation::new(&b, &l, &r, 1_000, 7);
        let mut slices = 0;
        let mut looks = 0;
        loop {
            slices += 1;
            let spent = || {
                looks += 1;
                looks % every == 0
            };
            if sim.run(spent) {
                break;
            }
            let (done, all) = sim.progress();
            assert!(done == all || done % 128 == 0, "a slice stops after a multiple of 128 draws, or a sort: {done}");
        }
        assert_eq!(sim.progress(), (1_000, 1_000));
        assert_eq!(slices, looks_in_all / every + 1, "slices when every {every}th look ends one");
        let sliced = sim.finish();
        assert_eq!(bits(&sliced), bits(&whole), "sliced every {every} looks");
        assert_eq!(sliced, whole);
    }
}

// ---------------------------------------------------------------- the f64 path

fn random_levers(b: &Baseline, rng: &mut Rng) -> Levers {
    let mut pick = |lo: f64, hi: f64, dp: u32| -> Decimal {
        let x = lo + rng.next_f64() * (hi - lo);
        Decimal::from_f64_retain(x).unwrap().round_dp(dp)
    };
    let mut l = Levers::default_for(b);
    l.horizon = pick(3.0, 15.99, 0).to_u32().unwrap().min(15);
    for &k in PlacementKind::ALL {
        l.growth.set(k, pick(-0.08, 0.25, 4));
    }
    l.cost_inflation = pick(-0.01, 0.08, 4);
    l.income_growth = pick(-0.03, 0.10, 4);
    l.transfer = pick(0.0, 0.021, 4);
    let year = |x: Decimal| Fy(2024 + x.to_i32().unwrap());
    l.override_end = if pick(0.0, 1.0, 2) < m("0.15") { OverrideEnd::Never } else { OverrideEnd::Ends(year(pick(0.0, 12.0, 0))) };
    let acc = year(pick(0.0, 6.0, 0));
    l.write_off = WriteOff { share: pick(0.0, 1.0, 2), accrued_to: acc, paid_in: Fy(acc.0 + pick(0.0, 3.0, 0).to_i32().unwrap()) };
    l.places = NewPlaces {
        per_year: pick(0.0, 160.0, 1),
        start: year(pick(1.0, 6.0, 0)),
        years: pick(1.0, 5.0, 0).to_u32().unwrap(),
        ramp_years: pick(1.0, 4.0, 0).to_u32().unwrap(),
        capital_cost_per_place: m("75000"),
    };
    l.support = EarlierSupport {
        growth_reduction: pick(0.0, 0.06, 4),
        start: year(pick(1.0, 6.0, 0)),
        ramp_years: pick(1.0, 5.0, 0).to_u32().unwrap(),
        annual_cost: pick(0.0, 2e6, 0),
    };
    l.saving = CustomSaving { per_year: pick(0.0, 5e6, 0), start: year(pick(1.0, 6.0, 0)), ramp_years: pick(1.0, 5.0, 0).to_u32().unwrap() };
    l
}

fn assert_fast_matches(b: &Baseline, l: &Levers, what: &str) {
    let exact = project(b, l).mitigated;
    let fast = fast_projection(b, l);
    assert_eq!(fast.cumulative.len(), exact.rows.len(), "{what}");
    // Half a penny for each amount a year's row rounds (its placements, other spend, the
    // unexplained part, support, saving, income, transfer, write-off), summed over the years
    // for the cumulative deficit.
    let per_year = 0.005 * (b.placements.len() + 7) as f64;
    for (i, r) in exact.rows.iter().enumerate() {
        assert!(close_within(fast.cumulative[i], r.cumulative_deficit, per_year * (i + 1) as f64), "{what}, {}: cumulative {} against {}", r.year, fast.cumulative[i], r.cumulative_deficit);
        assert!(close_within(fast.in_year[i], r.in_year_deficit, per_year), "{what}, {}: in-year {} against {}", r.year, fast.in_year[i], r.in_year_deficit);
    }
}

#[test]
fn the_f64_path_matches_the_decimal_projection_to_a_penny_per_million() {
    for (name, b) in [("shipped", shipped()), ("busy", busy()), ("flat", flat("1000000", "1000000"))] {
        assert_fast_matches(&b, &Levers::default_for(&b), &format!("{name}, default levers"));
        assert_fast_matches(&b, &mitigated_levers(&b), &format!("{name}, every mitigation"));
        let mut rng = Rng::new(99);
        for i in 0..60 {
            let l = random_levers(&b, &mut rng);
            assert_fast_matches(&b, &l, &format!("{name}, random levers {i}: {l:?}"));
        }
    }
    // Out-of-range levers are clamped the same way on both paths.
    let b = busy();
    let mut l = mitigated_levers(&b);
    l.growth.set(PlacementKind::Independent, m("0.9"));
    l.places.per_year = m("5000");
    l.horizon = 40;
    assert_fast_matches(&b, &l, "clamped");
    // More new places than children in independent placements: the extra places stay empty.
    let mut l = still(&b);
    l.places = NewPlaces { per_year: m("40"), start: Fy(2025), years: 2, ramp_years: 1, capital_cost_per_place: m("1") };
    assert_fast_matches(&b, &l, "capped places");
}

#[test]
fn the_fan_through_f64_matches_the_same_draws_through_decimal() {
    let b = shipped();
    let l = mitigated_levers(&b);
    let r = Ranges::around(&l);
    let fast = simulate(&b, &l, &r, 300, 11);
    let exact = simulate_exact(&b, &l, &r, 300, 11);
    let per_year = 0.005 * (b.placements.len() + 7) as f64;
    for (i, (x, y)) in fast.years.iter().zip(&exact.years).enumerate() {
        for (a, e) in [(x.band.p10, y.band.p10), (x.band.p50, y.band.p50), (x.band.p90, y.band.p90), (x.mean, y.mean)] {
            // Within a penny per £1m, and the exact path's rounding to the penny (see `close_within`).
            assert!((a - e).abs() <= e.abs().max(1e6) * 1e-8 + per_year * (i + 1) as f64, "{}: {a} against {e}", x.year);
        }
        assert_eq!(x.p_over_general_fund, y.p_over_general_fund);
        assert_eq!(x.p_usable_exceeded_by, y.p_usable_exceeded_by);
    }
}

// ---------------------------------------------------------------- probabilities

#[test]
fn probabilities_are_ordered_and_monotone_where_they_must_be() {
    let b = shipped();
    assert!(b.general_fund <= b.total_usable);
    for l in [Levers::default_for(&b), mitigated_levers(&b)] {
        let mut r = Ranges::around(&l);
        for shape in [Shape::Triangular, Shape::Uniform] {
            r.shape = shape;
            let fan = simulate(&b, &l, &r, 5_000, 5);
            let mut prev = (0.0, 0.0);
            for y in &fan.years {
                for p in [y.p_over_general_fund, y.p_over_usable, y.p_general_fund_exceeded_by, y.p_usable_exceeded_by] {
                    assert!((0.0..=1.0).contains(&p));
                }
                assert!(y.p_over_general_fund >= y.p_over_usable, "{}: over the general fund is implied by over usable reserves", y.year);
                assert!(y.p_general_fund_exceeded_by >= y.p_usable_exceeded_by, "{}", y.year);
                assert!(y.p_general_fund_exceeded_by >= y.p_over_general_fund && y.p_usable_exceeded_by >= y.p_over_usable, "{}", y.year);
                assert!(y.p_general_fund_exceeded_by >= prev.0 && y.p_usable_exceeded_by >= prev.1, "{}: 'by' probabilities never fall", y.year);
                prev = (y.p_general_fund_exceeded_by, y.p_usable_exceeded_by);
                if l.override_end.in_force(y.year) {
                    assert_eq!((y.p_over_general_fund, y.p_over_usable), (0.0, 0.0), "{}: the override still covers it", y.year);
                }
                let bd = &y.band;
                assert!(bd.p10 <= bd.p25 && bd.p25 <= bd.p50 && bd.p50 <= bd.p75 && bd.p75 <= bd.p90);
            }
            // On the shipped data the deficit is far over the general fund by the horizon.
            assert!(fan.years.last().unwrap().p_general_fund_exceeded_by > 0.5);
        }
    }
}

#[test]
fn default_ranges_are_as_stated_and_clipped_to_the_levers() {
    let b = shipped();
    let mut l = Levers::default_for(&b);
    l.growth.set(PlacementKind::Independent, m("0.39"));
    let r = Ranges::around(&l);
    assert_eq!(r.get(Input::Growth(PlacementKind::Mainstream)), InputRange { low: m("0.05"), high: m("0.11") });
    assert_eq!(r.get(Input::Growth(PlacementKind::Independent)), InputRange { low: m("0.36"), high: m("0.40") }, "clipped at the lever's 40%");
    assert_eq!(r.cost_inflation, InputRange { low: m("0.015"), high: m("0.045") });
    assert_eq!(r.income_growth, InputRange { low: m("0.02"), high: m("0.06") });
    assert_eq!(r.delivery, InputRange { low: m("0.5"), high: m("1") });
    assert_eq!(r.shape, Shape::Triangular);
    // Delivery scales the mitigations' effect and nothing else.
    let ml = mitigated_levers(&b);
    let half = levers_with(&ml, Input::MitigationDelivery, m("0.5"));
    assert_eq!((half.places.per_year, half.support.growth_reduction, half.saving.per_year), (m("10"), m("0.005"), m("250000")));
    assert_eq!((half.support.annual_cost, half.transfer), (ml.support.annual_cost, ml.transfer));
}

// ---------------------------------------------------------------- tornado

#[test]
fn the_tornado_ranks_the_widest_input_first_and_gets_a_hand_computed_swing() {
    let b = flat("1000000", "1000000");
    let l = still(&b);
    let mut r = Ranges::fixed(&l);
    let narrow = |x: &str| InputRange::new(m(&format!("-{x}")), m(x));
    r.set(Input::Growth(PlacementKind::Independent), narrow("0.10"));
    r.set(Input::Growth(PlacementKind::Mainstream), narrow("0.005"));
    r.set(Input::Growth(PlacementKind::LocalSpecial), narrow("0.005"));
    r.set(Input::IncomeGrowth, narrow("0.01"));
    let bars = tornado(&b, &l, &r, Fy(2025));
    // Three kinds in the data (no post-16 or other bars), inflation, income, delivery.
    assert_eq!(bars.len(), 6, "{bars:?}");
    assert_eq!(bars[0].input, Input::Growth(PlacementKind::Independent));
    assert!(bars.windows(2).all(|w| w[0].swing >= w[1].swing));
    assert!(!bars.iter().any(|x| matches!(x.input, Input::Growth(PlacementKind::Post16 | PlacementKind::Other))));
    for x in &bars {
        assert_eq!(x.base, m("3000000"), "2m at 31 March 2025, plus 1m in 2025/26");
    }
    // Independent spend 1.2m: growth −10% to +10% moves 2025/26 spend by 240,000.
    assert_eq!((bars[0].at_low, bars[0].at_high, bars[0].swing), (m("2880000"), m("3120000"), m("240000")));
    // Income 3m: growth −1% to +1% moves 2025/26 income by 60,000 (more income, less deficit).
    let inc = bars.iter().find(|x| x.input == Input::IncomeGrowth).unwrap();
    assert_eq!((inc.at_low, inc.at_high, inc.swing), (m("3030000"), m("2970000"), m("60000")));
    // Inputs with no range have no swing and keep Input::ALL order at the bottom.
    let tail: Vec<Input> = bars.iter().filter(|x| x.swing.is_zero()).map(|x| x.input).collect();
    assert_eq!(tail, vec![Input::CostInflation, Input::MitigationDelivery]);
    assert!(tornado(&b, &l, &r, Fy(2040)).is_empty(), "not a projected year");
}

#[test]
fn the_tornado_on_the_shipped_data_uses_exact_projections() {
    let b = shipped();
    let l = mitigated_levers(&b);
    let r = Ranges::around(&l);
    let year = Fy(2030);
    let bars = tornado(&b, &l, &r, year);
    assert_eq!(bars.len(), 8);
    let base = project(&b, &l).mitigated.row(year).unwrap().cumulative_deficit;
    for x in &bars {
        assert_eq!(x.base, base);
        let at = |v| project(&b, &levers_with(&l, x.input, v)).mitigated.row(year).unwrap().cumulative_deficit;
        assert_eq!((x.at_low, x.at_high), (at(x.low), at(x.high)), "{:?}", x.input);
        assert!(x.swing > Decimal::ZERO, "{:?}", x.input);
    }
    assert!(bars.windows(2).all(|w| w[0].swing >= w[1].swing));
}

// ---------------------------------------------------------------- goal seek

fn achieved(r: &SeekResult) -> Decimal {
    match r {
        SeekResult::Achieved { value, outcome, .. } => {
            assert!(outcome.met && outcome.margin <= Decimal::ZERO);
            *value
        }
        other => panic!("expected an answer, got {other:?}"),
    }
}

#[test]
fn goal_seek_finds_hand_computed_answers() {
    // In-year deficit 400,000. Each place moves a child from a 60,000 independent placement to a
    // 20,000 special one, saving 40,000: 10 places balance 2025/26, 9 do not.
    let b = flat("1000000", "400000");
    let mut l = still(&b);
    l.places = NewPlaces { per_year: Decimal::ZERO, start: Fy(2025), years: 1, ramp_years: 1, capital_cost_per_place: m("1") };
    let r = goal_seek(&b, &l, Goal::InYearBalancedBy(Fy(2025)), SeekVar::NewPlacesPerYear);
    assert_eq!(achieved(&r), m("10"));
    if let SeekResult::Achieved { levers, outcome, .. } = &r {
        assert_eq!(levers.places.per_year, m("10"));
        assert_eq!(outcome.balances_in, Some(Fy(2025)));
        assert_eq!(outcome.margin, Decimal::ZERO);
        assert_eq!(project(&b, levers).mitigated.rows[1].in_year_deficit, Decimal::ZERO);
    }
    // In-year deficit 100,000 on 3.2m of placements: growth everywhere must fall by 3.125 points
    // in 2025/26; on the 0.5-point grid the highest that works is −3.5 (−3.0 leaves 4,000).
    let b = flat("1000000", "100000");
    let l = still(&b);
    assert_eq!(achieved(&goal_seek(&b, &l, Goal::InYearBalancedBy(Fy(2025)), SeekVar::GrowthAllKinds)), m("-3.5"));
    // Independent spend 1.2m: its growth must be at most −8.33% a year; the grid gives −8.5.
    assert_eq!(achieved(&goal_seek(&b, &l, Goal::InYearBalancedBy(Fy(2025)), SeekVar::Growth(PlacementKind::Independent))), m("-8.5"));
    // Transfer: 1% of a 100m schools block is the 1m in-year deficit.
    let b = flat("1000000", "1000000");
    let l = still(&b);
    assert_eq!(achieved(&goal_seek(&b, &l, Goal::InYearBalancedBy(Fy(2026)), SeekVar::Transfer)), m("1.0"));
    // Saving S from 2025/26: the deficit is 2m + t(1m − S) at the end of 2024+t and counts from
    // 2026/27; the highest is at 2034/35 (t = 10), so 2m + 10(1m − S) ≤ 4.5m needs S ≥ 750,000.
    assert_eq!(achieved(&goal_seek(&b, &l, Goal::CumulativeBelowGeneralFund, SeekVar::SavingPerYear)), m("750000"));
    // Against usable reserves (7.5m): 2m + 10(1m − S) ≤ 7.5m needs S ≥ 450,000.
    assert_eq!(achieved(&goal_seek(&b, &l, Goal::CumulativeBelowUsableReserves, SeekVar::SavingPerYear)), m("450000"));
    // Already met with no action: the base year balances.
    let b = flat("1000000", "0");
    assert_eq!(achieved(&goal_seek(&b, &still(&b), Goal::InYearBalancedBy(Fy(2024)), SeekVar::NewPlacesPerYear)), Decimal::ZERO);
}

#[test]
fn goal_seek_reports_when_the_range_cannot_reach_the_goal() {
    // A 1m in-year deficit, but only 20 children in independent placements: 20 places save at
    // most 800,000 a year, and more places stay empty.
    let b = flat("1000000", "1000000");
    let mut l = still(&b);
    l.places = NewPlaces { per_year: Decimal::ZERO, start: Fy(2025), years: 1, ramp_years: 1, capital_cost_per_place: m("1") };
    match goal_seek(&b, &l, Goal::InYearBalancedBy(Fy(2030)), SeekVar::NewPlacesPerYear) {
        SeekResult::Infeasible { best_value, best_outcome, reason, worse } => {
            assert!(!worse, "more places help, up to 20");
            assert_eq!(best_value, m("20"), "the fewest places that do as well as any: {reason}");
            assert!(!best_outcome.met);
            assert_eq!(best_outcome.margin, m("200000"));
            // Places that open in one year only are not "a year".
            assert!(reason.contains("even with 20 new places,") && reason.contains("2030/31"), "{reason}");
            // 20 is where more places stop helping, not the lever's end, and is said so.
            assert!(reason.contains("going further than that changes nothing") && !reason.contains("the most the lever allows"), "{reason}");
        }
        other => panic!("expected infeasible, got {other:?}"),
    }
    let mut over_years = l.clone();
    over_years.places.years = 3;
    match goal_seek(&b, &over_years, Goal::InYearBalancedBy(Fy(2030)), SeekVar::NewPlacesPerYear) {
        SeekResult::Infeasible { reason, .. } => assert!(reason.contains(" new places a year,"), "{reason}"),
        other => panic!("expected infeasible, got {other:?}"),
    }
    // Every growth rate cut as far as it goes: said as a cut, not "moved by -23 points".
    match goal_seek(&b, &l, Goal::InYearBalancedBy(Fy(2025)), SeekVar::GrowthAllKinds) {
        SeekResult::Infeasible { reason, .. } => {
            assert!(reason.contains("even with every growth rate ") && reason.contains(" percentage points a year lower, the most the lever allows,") && !reason.contains("by -"), "{reason}");
            assert!(!reason.contains("changes nothing"), "{reason}");
        }
        other => panic!("expected infeasible, got {other:?}"),
    }
    // A saving that starts after the years modelled changes nothing: not "even with a saving of
    // £0m a year" (a review found that), nor the lever's end.
    let mut late = still(&b);
    late.horizon = 3;
    late.saving = CustomSaving { per_year: Decimal::ZERO, start: Fy(2032), ramp_years: 1 };
    match goal_seek(&b, &late, Goal::InYearBalancedBy(Fy(2026)), SeekVar::SavingPerYear) {
        SeekResult::Infeasible { best_value, reason, .. } => {
            assert_eq!(best_value, Decimal::ZERO, "{reason}");
            assert!(reason.starts_with("Not reachable with this lever: moving it changes nothing here, and the in-year position is still in deficit in 2026/27"), "{reason}");
            assert!(!reason.contains("even with"), "{reason}");
        }
        other => panic!("expected infeasible, got {other:?}"),
    }
    // New places cost more than the independent ones they replace (a council's own figures may
    // say so): more of them only adds to the deficit, and the answer says so.
    let mut dear = flat("1000000", "1000000");
    dear.placements[2] = placement("independent", PlacementKind::Independent, "20", "10000", "0");
    match goal_seek(&dear, &l, Goal::InYearBalancedBy(Fy(2030)), SeekVar::NewPlacesPerYear) {
        SeekResult::Infeasible { best_value, reason, worse, .. } => {
            assert_eq!(best_value, Decimal::ZERO, "{reason}");
            assert!(reason.starts_with("Not reachable with this lever: moving it from 0 new places only makes this worse, and even with 0 new places, the in-year"), "{reason}");
            assert!(worse);
        }
        other => panic!("expected infeasible, got {other:?}"),
    }
    // Nothing can be asked of an override that outlasts the horizon, a year outside the
    // projection, or a placement kind the data does not have.
    let mut never = still(&b);
    never.override_end = OverrideEnd::Never;
    assert!(matches!(goal_seek(&b, &never, Goal::CumulativeBelowGeneralFund, SeekVar::SavingPerYear), SeekResult::Invalid { .. }));
    assert!(matches!(goal_seek(&b, &l, Goal::InYearBalancedBy(Fy(2040)), SeekVar::SavingPerYear), SeekResult::Invalid { .. }));
    assert!(matches!(goal_seek(&b, &l, Goal::InYearBalancedBy(Fy(2020)), SeekVar::SavingPerYear), SeekResult::Invalid { .. }));
    assert!(matches!(goal_seek(&b, &l, Goal::InYearBalancedBy(Fy(2026)), SeekVar::Growth(PlacementKind::Post16)), SeekResult::Invalid { .. }));
    // The same 1m deficit is met by a saving of exactly 1m a year.
    assert_eq!(achieved(&goal_seek(&b, &l, Goal::InYearBalancedBy(Fy(2025)), SeekVar::SavingPerYear)), m("1000000"));
}

#[test]
fn bisection_agrees_with_a_full_scan_on_the_shipped_data() {
    let b = shipped();
    let mut l = Levers::default_for(&b);
    l.places.start = Fy(2025);
    l.places.years = 5;
    for goal in [Goal::InYearBalancedBy(Fy(2029)), Goal::InYearBalancedBy(Fy(2034)), Goal::CumulativeBelowUsableReserves] {
        let (_, max, _) = LeverId::PlacesPerYear.def().range();
        let n = max.to_u32().unwrap();
        let first = (0..=n).step_by(1).find(|&v| {
            let mut x = l.clone();
            x.places.per_year = Decimal::from(v);
            let t = project(&b, &x).mitigated;
            match goal {
                Goal::InYearBalancedBy(y) => t.rows.iter().all(|r| r.year < y || r.in_year_deficit <= Decimal::ZERO),
                Goal::CumulativeBelowUsableReserves => t.headline.exceeds_usable_reserves.is_none(),
                Goal::CumulativeBelowGeneralFund => t.headline.exceeds_general_fund.is_none(),
            }
        });
        match (goal_seek(&b, &l, goal, SeekVar::NewPlacesPerYear), first) {
            (SeekResult::Achieved { value, .. }, Some(v)) => assert_eq!(value, Decimal::from(v), "{goal:?}"),
            (SeekResult::Infeasible { .. }, None) => {}
            (got, want) => panic!("{goal:?}: bisection gave {got:?}, the scan {want:?}"),
        }
    }
}

// ---------------------------------------------------------------- drift

#[test]
fn published_forecasts_sit_beside_the_band() {
    let b = shipped();
    let l = Levers::default_for(&b);
    let fan = simulate(&b, &l, &Ranges::around(&l), 4_000, 8);
    let d = drift(&b, &fan);
    assert_eq!(d.len(), b.forecasts.len());
    let by = |id: &str| d.iter().find(|x| x.id == id).unwrap_or_else(|| panic!("{id}"));
    // Q2 2024/25: £13.7m at 31 March 2025, the model's fixed base year: inside a band of no width.
    let q2 = by("q2-2024-25");
    assert_eq!(q2.position, Some(BandPosition::Inside));
    assert!(!q2.interpolated);
    assert_eq!(q2.band.unwrap().p10, 13.7e6);
    // March 2025's later £17.2m for the same date is above it: the forecast drifted.
    assert_eq!(by("scrutiny-2025-03").position, Some(BandPosition::Above));
    // The 2023 ceiling of £10m for March 2026 is below the model's band for 31 March 2026.
    let s = by("send-strategy-2023");
    assert_eq!(s.qualifier.as_deref(), Some("up to"));
    assert_eq!(s.band.unwrap(), fan.year(Fy(2025)).unwrap().band);
    assert_eq!(s.position, Some(BandPosition::Below));
    assert!(!s.inside());
    // A ceiling above the whole band agrees with it: "up to" a figure the band stays under.
    let mut high = b.clone();
    let f = high.forecasts.iter_mut().find(|f| f.id == "send-strategy-2023").unwrap();
    f.amount = m("1000000000");
    let fan = simulate(&high, &l, &Ranges::around(&l), 400, 8);
    let s = drift(&high, &fan).into_iter().find(|x| x.id == "send-strategy-2023").unwrap();
    assert_eq!(s.position, Some(BandPosition::Inside));
    // Without "up to", the same figure is above it.
    high.forecasts.iter_mut().find(|f| f.id == "send-strategy-2023").unwrap().qualifier = None;
    assert_eq!(drift(&high, &fan).into_iter().find(|x| x.id == "send-strategy-2023").unwrap().position, Some(BandPosition::Above));
}

#[test]
fn a_band_between_two_year_ends_is_interpolated_by_days() {
    let mut b = flat("1000000", "1000000");
    let forecast = |id: &str, date: &str| PublishedForecast {
        id: id.into(),
        label: id.into(),
        made: dsg_explorer::units::calendar::Made::day(Date::parse("2024-06-30").unwrap()),
        for_date: Date::parse(date).unwrap(),
        amount: m("2700000"),
        qualifier: None,
        actual: false,
    };
    b.forecasts = vec![
        forecast("mid-2025", "2025-09-30"),
        forecast("start", "2024-03-31"),
        forecast("mid-base", "2024-09-30"),
        forecast("too-early", "2023-03-31"),
        forecast("too-late", "2035-04-01"),
        forecast("leap", "2027-09-30"),
    ];
    let l = still(&b);
    let fan = simulate(&b, &l, &Ranges::fixed(&l), 10, 1);
    let d = drift(&b, &fan);
    // 2m at 31 March 2025, 3m at 31 March 2026; 30 September 2025 is 183 of 365 days on.
    let mid = d[0].band.unwrap();
    assert!(d[0].interpolated);
    assert!((mid.p50 - (2e6 + 1e6 * 183.0 / 365.0)).abs() < 1e-6, "{}", mid.p50);
    assert_eq!(d[0].position, Some(BandPosition::Above), "2.7m against 2.50m");
    // The start of the base year is the brought-forward deficit.
    assert_eq!(d[1].band.unwrap().p90, 1e6);
    assert!(!d[1].interpolated);
    // Half-way through the base year (183 of 365 days from 1m to 2m).
    assert!((d[2].band.unwrap().p10 - (1e6 + 1e6 * 183.0 / 365.0)).abs() < 1e-6);
    assert_eq!(d[2].position, Some(BandPosition::Above));
    // Outside the modelled period: no band.
    assert_eq!((d[3].band, d[3].position), (None, None));
    assert_eq!((d[4].band, d[4].position), (None, None));
    // 31 March 2027 to 31 March 2028 has 366 days (29 February 2028); 30 September 2027 is 183
    // of them on, exactly half-way from 4m (31 March 2027) to 5m (31 March 2028).
    assert_eq!(d[5].band.unwrap().p50, 4.5e6);
}
