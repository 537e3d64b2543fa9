//! Native timing of one full high-needs projection (both trajectories, every lever in use, the
//! longest horizon): the work the app does on every slider move.
//!
//!     cargo run --release --example bench_model [-- RUNS] [--summary]
//!
//! Prints the median time per projection in microseconds (`median_us=…` on the last line), and
//! with `--summary` the headline figures of the default and the benchmarked scenario.

use dsg_explorer::units::calendar::Fy;
use dsg_explorer::model::dsg::*;
use dsg_explorer::units::money::{gbp_m, lit, pct};
use std::hint::black_box;
use std::time::Instant;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/herefordshire-2024-25-mar25.json");

fn baseline() -> (Baseline, &'static str) {
    if let Ok(text) = std::fs::read_to_string(DATA) {
        if let Ok(loaded) = dsg_explorer::data::parse_dataset(&text) {
            return (Baseline::from_dataset(&loaded.dataset), "shipped Herefordshire data");
        }
    }
    // The same shape, made by hand, if the data file is missing or does not load.
    let p = |id: &str, kind, count: &str, cost: &str, growth: &str| BasePlacement {
        id: id.into(),
        name: id.into(),
        kind,
        count: lit(count),
        average_cost: lit(cost),
        growth: lit(growth),
        cost_range: None,
    };
    let b = Baseline {
        base_year: Fy(2024),
        placements: vec![
            p("mainstream", PlacementKind::Mainstream, "919", "8700", "0.08"),
            p("local_special", PlacementKind::LocalSpecial, "472", "17300", "0.03"),
            p("independent", PlacementKind::Independent, "200", "70000", "0.10"),
            p("post16", PlacementKind::Post16, "210", "10000", "0.08"),
            p("other", PlacementKind::Other, "42", "25000", "0.08"),
        ],
        income: lit("29210900"),
        income_growth: lit("0.04"),
        cost_inflation: lit("0.03"),
        other_spend: lit("3500000"),
        schools_block: lit("130000000"),
        deficit_brought_forward: lit("6100000"),
        published_in_year: lit("7600000"),
        published_year_end: lit("13700000"),
        override_end: dsg_explorer::units::calendar::Date::parse("2026-03-31").unwrap(),
        general_fund: lit("9600000"),
        total_usable: lit("82800000"),
        special_place_capital_cost: lit("75000"),
        capital_grant: lit("4055453"),
        capital_grant_committed: lit("79000"),
        could_be_local: Some(lit("120")),
        forecasts: vec![],
        schools_block_growth: None,
        deficit_interest_rate: None,
        borrowing_rate: None,
        override_published: None,
        brought_forward_published: None,
        brought_forward_paper: None,
        starts: vec![],
        start: 0,
    };
    (b, "built-in copy of the Herefordshire inputs")
}

fn busy_levers(b: &Baseline) -> Levers {
    let mut l = Levers::default_for(b);
    l.horizon = 15;
    l.transfer = lit("0.005");
    PolicyPreset::Override2028WriteOff90.apply(&mut l, b);
    l.places = NewPlaces { per_year: lit("20"), start: Fy(2026), years: 3, ramp_years: 2, capital_cost_per_place: b.special_place_capital_cost };
    l.support = EarlierSupport { growth_reduction: lit("0.01"), start: Fy(2026), ramp_years: 3, annual_cost: lit("250000") };
    l.saving = CustomSaving { per_year: lit("500000"), start: Fy(2025), ramp_years: 2 };
    l
}

fn summary(name: &str, p: &Projection) {
    println!("{name}:");
    for (label, t) in [("  unmitigated", &p.unmitigated), ("  mitigated  ", &p.mitigated)] {
        let h = &t.headline;
        let y = |f: Option<Fy>| f.map(|f| f.label()).unwrap_or_else(|| "not within the horizon".into());
        println!(
            "{label} at override end {}  residual {} ({} of usable)  at {} {}  over general fund {}  over usable {}  balances {}",
            h.deficit_at_override_end.map(gbp_m).unwrap_or("-".into()),
            h.residual_at_override_end.map(gbp_m).unwrap_or("-".into()),
            h.residual_share_of_usable.map(|s| pct(s, 1)).unwrap_or("-".into()),
            t.rows.last().map(|r| r.year.label()).unwrap_or_default(),
            gbp_m(h.deficit_at_horizon),
            y(h.exceeds_general_fund),
            y(h.exceeds_usable_reserves),
            y(h.balances_in),
        );
    }
    for w in &p.warnings {
        println!("  warning: {}", w.message());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(5000).max(1);
    let (b, source) = baseline();
    let levers = busy_levers(&b);

    if args.iter().any(|a| a == "--summary") {
        summary("default (as in the papers)", &project(&b, &Levers::default_for(&b)));
        let mut l = Levers::default_for(&b);
        PolicyPreset::Override2028.apply(&mut l, &b);
        summary("override to 2028", &project(&b, &l));
        summary("benchmarked scenario (all levers in use, 15 years)", &project(&b, &levers));
    }

    for _ in 0..200 {
        black_box(project(black_box(&b), black_box(&levers)));
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        black_box(project(black_box(&b), black_box(&levers)));
        times.push(t.elapsed().as_nanos() as f64 / 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];
    let p90 = times[(times.len() * 9 / 10).min(times.len() - 1)];
    println!(
        "bench_model: {runs} projections of {} placements × {} years × 2 trajectories ({source}); median {median:.1} µs, p90 {p90:.1} µs, min {:.1} µs",
        b.placements.len(),
        levers.horizon + 1,
        times[0]
    );
    println!("median_us={median:.1}");
}
