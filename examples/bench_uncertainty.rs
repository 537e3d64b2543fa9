//! Native timing of the Monte Carlo fan: `simulate` with 10,000 draws over a 10-year horizon on
//! the shipped Herefordshire data, with every mitigation in use and the default ranges.
//!
//!     cargo run --release --example bench_uncertainty [-- RUNS] [--exact] [--summary]
//!
//! Prints one JSON line: `median_ms` is the median of RUNS (default 21) timings of `simulate`.
//! With `--exact` it also times the same 10,000 draws through the exact Decimal projection
//! (`simulate_exact`, once): the reason the fan has an f64 path. With `--summary` it first prints
//! a readable account of the fan, the tornado, goal seek and drift on the shipped data.

use dsg_explorer::units::calendar::Fy;
use dsg_explorer::model::dsg::*;
use dsg_explorer::units::money::{gbp_m, lit};
use dsg_explorer::model::uncertainty::*;
use std::hint::black_box;
use std::time::Instant;

const DATA: &str = include_str!("../public/data/herefordshire-2024-25-mar25.json");
const DRAWS: u32 = 10_000;
const SEED: u64 = 20_240_331;

fn levers(b: &Baseline) -> Levers {
    let mut l = Levers::default_for(b);
    l.horizon = 10;
    PolicyPreset::Override2028.apply(&mut l, b);
    l.transfer = lit("0.005");
    l.places = NewPlaces { per_year: lit("20"), start: Fy(2026), years: 3, ramp_years: 2, capital_cost_per_place: b.special_place_capital_cost };
    l.support = EarlierSupport { growth_reduction: lit("0.01"), start: Fy(2026), ramp_years: 3, annual_cost: lit("250000") };
    l.saving = CustomSaving { per_year: lit("500000"), start: Fy(2025), ramp_years: 2 };
    l
}

fn m(x: f64) -> String {
    format!("£{:.1}m", x / 1e6)
}

fn summary(b: &Baseline, l: &Levers, r: &Ranges) {
    let fan = simulate(b, l, r, DRAWS, SEED);
    println!("fan ({} draws, {:?}): mitigated cumulative deficit at 31 March", fan.draws, fan.shape);
    for y in &fan.years {
        println!(
            "  {}  p10 {}  p25 {}  p50 {}  p75 {}  p90 {}   P(>general fund) {:.2} (by then {:.2})  P(>usable) {:.2} (by then {:.2})",
            y.year.label(),
            m(y.band.p10),
            m(y.band.p25),
            m(y.band.p50),
            m(y.band.p75),
            m(y.band.p90),
            y.p_over_general_fund,
            y.p_general_fund_exceeded_by,
            y.p_over_usable,
            y.p_usable_exceeded_by
        );
    }
    println!("tornado, deficit at 31 March 2031:");
    for x in tornado(b, l, r, Fy(2030)) {
        println!("  {:<45} {} .. {}  swing {}", x.input.label(), gbp_m(x.at_low), gbp_m(x.at_high), gbp_m(x.swing));
    }
    println!("goal seek:");
    for goal in [Goal::InYearBalancedBy(Fy(2028)), Goal::CumulativeBelowGeneralFund, Goal::CumulativeBelowUsableReserves] {
        for var in [SeekVar::NewPlacesPerYear, SeekVar::GrowthAllKinds, SeekVar::Growth(PlacementKind::Independent), SeekVar::SavingPerYear, SeekVar::Transfer] {
            let text = match goal_seek(b, l, goal, var) {
                SeekResult::Achieved { value, outcome, .. } => format!("{} (margin {})", value.normalize(), gbp_m(outcome.margin)),
                SeekResult::Infeasible { best_value, reason, .. } => format!("infeasible, best {}: {reason}", best_value.normalize()),
                SeekResult::Invalid { reason } => format!("invalid: {reason}"),
            };
            println!("  {goal:?} by {var:?}: {text}");
        }
    }
    println!("drift:");
    for d in drift(b, &fan) {
        println!(
            "  {} ({}) {}{} for {}: band {} .. {}  {:?}",
            d.id,
            d.made.long(),
            d.qualifier.as_deref().map(|q| format!("{q} ")).unwrap_or_default(),
            gbp_m(d.amount),
            d.for_date,
            d.band.map(|x| m(x.p10)).unwrap_or("-".into()),
            d.band.map(|x| m(x.p90)).unwrap_or("-".into()),
            d.position
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(21).max(1);
    let loaded = dsg_explorer::data::parse_dataset(DATA).expect("shipped data loads");
    let b = Baseline::from_dataset(&loaded.dataset);
    let l = levers(&b);
    let r = Ranges::around(&l);

    if args.iter().any(|a| a == "--summary") {
        summary(&b, &l, &r);
    }

    black_box(simulate(&b, &l, &r, DRAWS, SEED));
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs {
        let t = Instant::now();
        black_box(simulate(black_box(&b), black_box(&l), black_box(&r), DRAWS, SEED + i as u64));
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];

    let exact = if args.iter().any(|a| a == "--exact") {
        let t = Instant::now();
        black_box(simulate_exact(&b, &l, &r, DRAWS, SEED));
        format!(",\"exact_decimal_ms\":{:.1}", t.elapsed().as_secs_f64() * 1e3)
    } else {
        String::new()
    };
    println!(
        "{{\"bench\":\"uncertainty_simulate\",\"draws\":{DRAWS},\"years\":{},\"placements\":{},\"runs\":{runs},\"median_ms\":{median:.2},\"min_ms\":{:.2},\"max_ms\":{:.2}{exact}}}",
        l.horizon,
        b.placements.len(),
        times[0],
        times[times.len() - 1]
    );
}
