//! The shipped Herefordshire dataset reproduces the published arithmetic from its own figures,
//! and every figure in it is traceable: published (document and paragraph), derived (formula)
//! or an assumption (reason). Also: the blank template and the manifest load.
//!
//! Amounts are checked from the data (sums of the file's figures), with the published totals
//! written out only as the value the sum must reach.

mod common;

use dsg_explorer::data::dataset::{Dataset, PlacementKind};
use dsg_explorer::data::figure::{humanise, Status};
use dsg_explorer::data::{parse_dataset, parse_manifest, Loaded};
use rust_decimal::Decimal;
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

const HEREFORDSHIRE: &str = common::testing::Q2_JSON;
const TEMPLATE: &str = common::testing::TEMPLATE_JSON;
const MANIFEST: &str = common::testing::MANIFEST_JSON;

fn load(text: &str) -> Loaded {
    match parse_dataset(text) {
        Ok(l) => l,
        Err(issues) => panic!("dataset did not load:\n{}", issues.iter().map(|i| format!("  {i}")).collect::<Vec<_>>().join("\n")),
    }
}

fn herefordshire() -> Dataset {
    load(HEREFORDSHIRE).dataset
}

/// An exact decimal from a literal: `d("19.5")`.
fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// Pounds from millions as the papers write them: `m("19.5")` is £19,500,000.
fn m(s: &str) -> Decimal {
    d(s) * Decimal::from(1_000_000)
}

#[test]
fn the_shipped_dataset_loads_with_its_identity() {
    let ds = herefordshire();
    assert_eq!(ds.schema_version, 1);
    assert_eq!(ds.id, "herefordshire");
    assert_eq!(ds.version, "2024-25-q2.1");
    assert_eq!(ds.base_year, "2024-25");
    assert_eq!(ds.as_of.to_string(), "2025-03-27");
    // as_of is the date of the latest paper cited.
    let latest = ds.documents.iter().map(|doc| doc.date).max().unwrap();
    assert_eq!(ds.as_of, latest);
}

#[test]
fn the_revenue_budget_is_as_published() {
    let b = herefordshire().budget;
    assert_eq!(b.net_budget.value, m("212.8"));
    assert_eq!(b.directorate_savings.value, m("11.6"));
    assert_eq!(b.council_wide_savings.value, m("7.9"));
    assert_eq!(b.cost_pressures.value, m("11.6"));
    assert_eq!(b.interest_income.as_ref().map(|f| f.value), Some(m("1.2")));
}

#[test]
fn management_action_is_the_overspend_before_less_after() {
    let b = herefordshire().budget;
    assert_eq!(b.forecast_overspend.value, m("10.2"));
    assert_eq!(b.overspend_after_action.value, m("2"));
    assert_eq!(b.management_action.status, Status::Derived);
    assert_eq!(b.forecast_overspend.value - b.overspend_after_action.value, b.management_action.value);
    assert_eq!(b.management_action.value, m("8.2"));
}

#[test]
fn savings_by_status_add_up_to_the_target_exactly() {
    let s = herefordshire().savings;
    let sum = s.delivered.amount.value + s.on_target.amount.value + s.at_risk.amount.value;
    assert_eq!(sum, s.target.value);
    assert_eq!(s.target.value, m("19.5"));
    assert_eq!((s.delivered.amount.value, s.on_target.amount.value, s.at_risk.amount.value), (m("8.9"), m("5.6"), m("5.0")));
}

#[test]
fn directorate_and_council_wide_savings_make_the_target() {
    let ds = herefordshire();
    assert_eq!(ds.budget.directorate_savings.value + ds.budget.council_wide_savings.value, ds.savings.target.value);
    // The one directorate row the minutes give: children and young people, £1.4m delivered in full.
    let cyp = &ds.savings.directorates[0];
    assert_eq!(cyp.target.value, m("1.4"));
    assert_eq!(cyp.delivered.as_ref().map(|f| f.value), Some(cyp.target.value));
    let rows: Decimal = ds.savings.directorates.iter().map(|r| r.target.value).sum();
    assert!(rows <= ds.budget.directorate_savings.value);
}

/// The range of amount / target × 100 when both were rounded to the nearest £0.1m.
fn share_range(amount: Decimal, target: Decimal) -> (Decimal, Decimal) {
    let half = m("0.05");
    let lo = (amount - half) / (target + half) * Decimal::ONE_HUNDRED;
    let hi = (amount + half) / (target - half) * Decimal::ONE_HUNDRED;
    (lo, hi)
}

#[test]
fn published_shares_agree_with_the_amounts_within_the_rounding_of_both() {
    let s = herefordshire().savings;
    let half_point = d("0.5"); // shares are published to the whole percent
    for (name, st, published) in [("delivered", &s.delivered, "46"), ("on target", &s.on_target, "28"), ("at risk", &s.at_risk, "26")] {
        // Kept as published, not recomputed.
        assert_eq!(st.share.value, d(published), "{name}");
        assert_eq!(st.share.status, Status::Published, "{name}");
        let (lo, hi) = share_range(st.amount.value, s.target.value);
        let share = st.share.value;
        assert!(share >= lo - half_point && share <= hi + half_point, "{name}: {share}% is outside {lo}..{hi} ± 0.5");
        // The file's own check (a part/whole formula) allows at least that rounding.
        let f = st.share.formula.as_ref().expect("a share carries its part/whole check");
        assert_eq!(f.part.as_deref(), Some(format!("savings.{}.amount", name.replace(' ', "_")).as_str()));
        assert_eq!(f.whole.as_deref(), Some("savings.target"));
        let tolerance = f.tolerance.expect("a rounded share needs a tolerance");
        let exact = st.amount.value / s.target.value * Decimal::ONE_HUNDRED;
        assert!((share - exact).abs() <= tolerance, "{name}: tolerance {tolerance} does not cover {share} vs {exact}");
        assert!(tolerance <= d("1"), "{name}: a tolerance above one point would hide real errors");
    }
    // The example DESIGN.md gives: £5.6m is published as 28% though 5.6 / 19.5 = 28.7%.
    let exact = s.on_target.amount.value / s.target.value * Decimal::ONE_HUNDRED;
    assert_eq!(exact.round_dp(1), d("28.7"));
    // And the published shares themselves add to 100.
    assert_eq!(s.delivered.share.value + s.on_target.share.value + s.at_risk.share.value, d("100"));
}

#[test]
fn reserves_reconcile() {
    let r = herefordshire().budget.reserves;
    assert_eq!(r.general_fund.value + r.earmarked.value, r.total_usable.value);
    assert_eq!(r.total_usable.value, m("82.8"));
    let brr = r.business_rates_risk.unwrap().value;
    let contingency = r.contingency_reserve.unwrap().value;
    let after = r.business_rates_risk_after.unwrap().value;
    assert_eq!((brr, contingency), (m("19.7"), m("11")));
    assert_eq!(brr - contingency, after);
    assert_eq!(after, m("8.7"));
}

#[test]
fn the_dsg_deficit_brought_forward_plus_in_year_is_the_year_end() {
    let hn = herefordshire().high_needs;
    assert_eq!(hn.deficit_brought_forward.value, m("6.1"));
    assert_eq!(hn.in_year_forecast.value, m("7.6"));
    assert_eq!(hn.deficit_brought_forward.value + hn.in_year_forecast.value, hn.deficit_year_end.value);
    assert_eq!(hn.deficit_year_end.value, m("13.7"));
    assert_eq!(hn.override_end.value.to_string(), "2026-03-31");
}

#[test]
fn forecasts_are_kept_as_vintages() {
    let ds = herefordshire();
    let f = &ds.high_needs.forecasts;
    let by = |id: &str| f.iter().find(|x| x.id == id).unwrap_or_else(|| panic!("forecast {id}"));
    let up_to = by("send-strategy-2023");
    assert_eq!((up_to.amount.value, up_to.for_date.to_string(), up_to.qualifier.as_deref()), (m("10"), "2026-03-31".into(), Some("up to")));
    assert_eq!(up_to.made.year, 2023);
    let q2 = by("q2-2024-25");
    assert_eq!((q2.amount.value, q2.made.to_string(), q2.for_date.to_string()), (m("13.7"), "2024-11-28".into(), "2025-03-31".into()));
    // The Q2 forecast is the year-end position the dataset reconciles.
    assert_eq!(q2.amount.value, ds.high_needs.deficit_year_end.value);
    let later = by("scrutiny-2025-03");
    assert_eq!((later.amount.value, later.made.to_string(), later.for_date.to_string()), (m("17.2"), "2025-03-18".into(), "2025-03-31".into()));
    // Two forecasts for the same date disagree, and the later one is higher: both are kept.
    assert_eq!(q2.for_date, later.for_date);
    assert!(later.made > q2.made && later.amount.value > q2.amount.value);
    // Every forecast's `made` is not after its document's date.
    for fc in f {
        let doc = ds.documents.iter().find(|doc| Some(&doc.id) == fc.amount.source.as_ref()).unwrap();
        assert!(fc.made <= doc.date, "{}: made {} after its paper {}", fc.id, fc.made, doc.date);
    }
}

#[test]
fn ehcp_counts_and_other_high_needs_figures_are_as_published() {
    let hn = herefordshire().high_needs;
    let counts: Vec<Decimal> = hn.ehcp_groups.iter().map(|g| g.count.value).collect();
    assert_eq!(counts, vec![d("919"), d("472"), d("242")]);
    assert_eq!(hn.ehcp_share_of_pupils.unwrap().value, d("4.6"));
    assert_eq!(hn.ehcp_share_england.unwrap().value, d("4.8"));
    assert_eq!(hn.sen_support_share.unwrap().value, d("16"));
    let independent = hn.independent_placements.unwrap().value;
    let local = hn.could_be_local.unwrap().value;
    assert_eq!((independent, local), (d("200"), d("120")));
    assert!(local <= independent);
    assert_eq!(hn.capital_grant.unwrap().value, d("4055453"));
    assert_eq!(hn.capital_grant_committed.unwrap().value, d("79000"));
    let cost = |id: &str| hn.placement_costs.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("cost {id}"));
    assert_eq!(cost("out-of-county-pre16-2023-24").amount.value, m("3.55"));
    assert_eq!(cost("out-of-county-pre16-2022-23").amount.value, m("2.92"));
    assert_eq!(cost("post16-2023-24").amount.value, m("2.1"));
    let ooa = cost("out-of-area-ehcp-2022-23");
    assert_eq!((ooa.amount.value, ooa.count.as_ref().map(|c| c.value)), (d("917000"), Some(d("21"))));
    assert_eq!(cost("joint-placements-2023-24").amount.value, m("2.6"));
}

#[test]
fn the_model_has_one_placement_of_each_kind_and_other_is_242_less_200() {
    let ds = herefordshire();
    let p = &ds.high_needs.model.placements;
    let ids: Vec<(&str, PlacementKind)> = p.iter().map(|x| (x.id.as_str(), x.kind)).collect();
    assert_eq!(
        ids,
        vec![
            ("mainstream", PlacementKind::Mainstream),
            ("local_special", PlacementKind::LocalSpecial),
            ("independent", PlacementKind::Independent),
            ("post16", PlacementKind::Post16),
            ("other", PlacementKind::Other),
        ]
    );
    let hn = &ds.high_needs;
    assert_eq!(p[0].count.value, hn.ehcp_groups[0].count.value);
    assert_eq!(p[1].count.value, hn.ehcp_groups[1].count.value);
    assert_eq!(p[2].count.value, hn.independent_placements.as_ref().unwrap().value);
    assert_eq!(p[4].count.status, Status::Derived);
    assert_eq!(p[4].count.value, hn.ehcp_groups[2].count.value - hn.independent_placements.as_ref().unwrap().value);
    assert_eq!(p[4].count.value, d("42"));
    // Post-16: count × average cost is the published post-16 budget.
    let post16 = hn.placement_costs.iter().find(|c| c.id == "post16-2023-24").unwrap();
    assert_eq!(p[3].count.value * p[3].average_cost.value, post16.amount.value);
    // Average costs, growth and inflation are assumptions, each with a reason.
    for pl in p {
        for (status, reason) in [(pl.average_cost.status, &pl.average_cost.reason), (pl.growth.status, &pl.growth.reason)] {
            assert_eq!(status, Status::Assumption, "{}", pl.id);
            assert!(reason.as_deref().is_some_and(|r| r.len() > 40), "{}: a reason that explains", pl.id);
        }
        assert!(pl.growth.value >= Decimal::ZERO && pl.growth.value <= d("0.2"), "{}", pl.id);
    }
}

#[test]
fn income_is_calibrated_to_the_published_in_year_deficit_to_the_pound() {
    let hn = herefordshire().high_needs;
    let model = &hn.model;
    let placement_spend: Decimal = model.placements.iter().map(|p| p.count.value * p.average_cost.value).sum();
    assert_eq!(placement_spend, d("33310900"));
    let modelled = placement_spend + model.other_spend.value - model.income.value;
    assert_eq!(modelled, hn.in_year_forecast.value, "placements + other − income must be the published in-year deficit");
    assert_eq!(model.income.value, d("29210900"));
    assert_eq!(model.income.status, Status::Assumption);
    assert!(model.income.reason.as_deref().unwrap().contains("alibrated"));
    for status in [model.income.status, model.other_spend.status, model.schools_block.status, model.special_place_capital_cost.status, model.income_growth.status, model.cost_inflation.status] {
        assert_eq!(status, Status::Assumption);
    }
}

#[test]
fn the_capital_bridge_reconciles_to_the_revised_budget() {
    let c = herefordshire().capital;
    let bridge = c.approved.value + c.brought_forward.value + c.movements.value - c.removed.value + c.added_grants.value - c.reprofiled.value;
    assert_eq!(bridge, c.revised.value);
    assert_eq!(c.revised.value, m("96.4"));
    assert_eq!(
        [c.approved.value, c.brought_forward.value, c.movements.value, c.removed.value, c.added_grants.value, c.reprofiled.value],
        [m("160"), m("15.3"), m("2.8"), m("2.6"), m("3.7"), m("82.8")]
    );
}

#[test]
fn capital_spend_and_commitments_reconcile_in_both_years() {
    let c = herefordshire().capital;
    assert_eq!(c.spend_point, "end of October 2024");
    assert_eq!(c.spend_to_date.value + c.commitments.value, c.spend_and_commitments.value);
    assert_eq!(c.spend_and_commitments.value, m("63.2"));
    assert_eq!(c.prior_spend.value + c.prior_commitments.value, c.prior_spend_and_commitments.value);
    assert_eq!(c.prior_spend_and_commitments.value, m("41.6"));
    // "this was an increase of £21.6m"
    assert_eq!(c.spend_and_commitments.value - c.prior_spend_and_commitments.value, m("21.6"));
}

#[test]
fn scheme_profiles_sum_to_their_totals_and_say_what_is_assumed() {
    let ds = herefordshire();
    let schemes = &ds.capital.schemes;
    assert!(schemes.len() >= 8);
    let mut categories = BTreeSet::new();
    for s in schemes {
        let sum: Decimal = s.profile.values().sum();
        assert_eq!(sum, s.total.value, "{}", s.id);
        assert!(s.total.value > Decimal::ZERO, "{}", s.id);
        assert_eq!(s.total.status, Status::Published, "{}: the total is from a paper", s.id);
        // The note says where the phasing, funding and asset life come from.
        assert!(s.total.note.as_deref().is_some_and(|n| n.len() > 40), "{}: the total needs a note", s.id);
        assert!(matches!(s.funding_status, Status::Published | Status::Assumption), "{}", s.id);
        categories.insert(s.category.as_str());
    }
    for c in ["highways", "flood_risk", "play_areas", "road_safety", "public_realm", "economic_development", "ict"] {
        assert!(categories.contains(c), "a scheme of category {c}");
    }
    let by = |id: &str| schemes.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("scheme {id}"));
    assert_eq!(by("it-wan-telephony").total.value, d("368000"));
    assert_eq!(by("ukspf-capital-2025-26").total.value, d("401198"));
    assert_eq!(by("road-safety-schemes").total.value, m("3"));
    let flood = by("flood-risk-mitigation");
    assert_eq!((flood.total.value, flood.profile["2025-26"]), (m("2.055"), m("1")));
    let play = by("play-area-investment");
    assert_eq!((play.total.value, play.profile["2025-26"]), (m("1"), d("500000")));
}

#[test]
fn every_figure_is_traceable() {
    let loaded = load(HEREFORDSHIRE);
    let docs: HashSet<&str> = loaded.dataset.documents.iter().map(|doc| doc.id.as_str()).collect();
    assert!(loaded.figures.len() >= 80, "{} figures", loaded.figures.len());
    let mut cited = HashSet::new();
    for f in &loaded.figures {
        // A label of our own, not the one made from the path.
        assert_ne!(f.label, humanise(&f.path), "{}: give it a label", f.path);
        match f.status {
            Status::Published => {
                let src = f.source.as_deref().unwrap_or_else(|| panic!("{}: no source", f.path));
                assert!(docs.contains(src), "{}: cites {src}, not a document", f.path);
                cited.insert(src);
                let r = f.reference.as_deref().unwrap_or("");
                assert!(r.contains("para") || r.contains("Minute") || r.contains("Plan"), "{}: ref {r:?} names no paragraph or minute", f.path);
                assert!(f.quote.as_deref().is_some_and(|q| !q.is_empty()), "{}: quote the words", f.path);
                assert!(f.reason.is_none(), "{}: a published figure has no reason", f.path);
            }
            Status::Derived => {
                assert!(f.formula.is_some(), "{}: derived without a formula", f.path);
                assert!(f.source.is_none(), "{}", f.path);
            }
            Status::Assumption => {
                assert!(f.reason.as_deref().is_some_and(|r| r.len() > 20), "{}: an assumption needs a reason", f.path);
                assert!(f.source.is_none(), "{}", f.path);
            }
        }
    }
    // Every document is cited by some figure.
    for doc in &loaded.dataset.documents {
        assert!(cited.contains(doc.id.as_str()), "document {} is never cited", doc.id);
        assert!(!doc.title.is_empty() && doc.body.is_some(), "{}", doc.id);
    }
    // The published figures are the majority; the model's inputs are where assumptions live.
    let published = loaded.figures.iter().filter(|f| f.status == Status::Published).count();
    let assumed: Vec<&str> = loaded.figures.iter().filter(|f| f.status == Status::Assumption).map(|f| f.path.as_str()).collect();
    assert!(published > assumed.len());
    assert!(assumed.iter().all(|p| p.starts_with("high_needs.model.")), "assumptions outside the model: {assumed:?}");
}

#[test]
fn written_back_out_the_dataset_reads_the_same() {
    let ds = herefordshire();
    let text = serde_json::to_string_pretty(&ds).unwrap();
    let again = load(&text).dataset;
    assert_eq!(again, ds);
}

#[test]
fn the_template_parses_and_is_all_placeholders() {
    let loaded = load(TEMPLATE);
    assert_eq!(loaded.dataset.schema_version, 1);
    assert!(!loaded.figures.is_empty());
    // The two interest rates hold the app's own defaults, not "0": a rate of 0 would set
    // interest to nothing, so a template left as it is models what a file without them does.
    let rates = [("high_needs.model.deficit_interest_rate", dsg_explorer::model::dsg::DEFAULT_CARRY_RATE), ("capital.borrowing_rate", dsg_explorer::model::capital::DEFAULT_BORROWING_RATE)];
    for f in &loaded.figures {
        assert_eq!(f.status, Status::Assumption, "{}", f.path);
        match rates.iter().find(|(p, _)| *p == f.path) {
            Some((_, rate)) => {
                assert_eq!(f.number, Some(*rate), "{}", f.path);
                // The reason names the app's own rate, so it goes stale with it.
                let own = format!("to use the app's own {}", dsg_explorer::units::money::pct_exact(*rate));
                assert!(f.reason.as_deref().is_some_and(|r| r.starts_with("replace with your council's rate, or delete") && r.ends_with(&own)), "{}: {:?}", f.path, f.reason);
            }
            None => {
                assert_eq!(f.reason.as_deref(), Some("replace with your figure"), "{}", f.path);
                if f.unit != "date" {
                    assert_eq!(f.number, Some(Decimal::ZERO), "{}", f.path);
                }
            }
        }
    }
    for (path, _) in rates {
        assert!(loaded.figures.iter().any(|f| f.path == path), "the template offers {path}");
    }
    // The same shape as the shipped data: every figure path of the template's first list items
    // is also a path in Herefordshire's file (lists indexed from 0).
    let shipped: HashSet<String> = load(HEREFORDSHIRE).figures.into_iter().map(|f| f.path).collect();
    for f in &loaded.figures {
        // The template has a placement line per kind (seven); Herefordshire's papers give five.
        let extra_kind_line = f.path.starts_with("high_needs.model.placements[5].") || f.path.starts_with("high_needs.model.placements[6].");
        let rate = rates.iter().any(|(p, _)| *p == f.path);
        assert!(shipped.contains(&f.path) || extra_kind_line || rate || f.path.starts_with("savings.directorates[0].") || f.path.starts_with("high_needs.placement_costs[0]."), "{} is not in the shipped data", f.path);
    }
    // Every placement kind is there to fill in.
    let kinds: Vec<PlacementKind> = loaded.dataset.high_needs.model.placements.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, PlacementKind::ALL.to_vec());
}

#[test]
fn the_manifest_lists_files_that_exist_and_load() {
    let manifest = parse_manifest(MANIFEST).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(manifest.schema_version, 1);
    assert_eq!(manifest.datasets.iter().filter(|e| e.default).count(), 1, "exactly one default");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
    for entry in &manifest.datasets {
        let path = dir.join(&entry.path);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let ds = load(&text).dataset;
        assert_eq!((ds.id.as_str(), ds.version.as_str(), ds.council.as_str(), ds.title.as_str()), (entry.id.as_str(), entry.version.as_str(), entry.council.as_str(), entry.title.as_str()));
    }
    let default = manifest.find(None, None).unwrap();
    assert_eq!((default.id.as_str(), default.version.as_str()), ("herefordshire", "2024-25-mar25.1"), "the latest vintage opens first");
    assert!(manifest.datasets.iter().any(|e| e.version == "2024-25-q2.1"), "the first release stays shipped for links pinned to it");
    // The template is not a dataset to show.
    assert!(manifest.datasets.iter().all(|e| e.path != "template.json"));
}

#[cfg(feature = "schema")]
#[test]
fn the_committed_json_schema_is_the_generated_one() {
    let generated = serde_json::to_string_pretty(&schemars::schema_for!(Dataset)).unwrap() + "\n";
    let committed = include_str!("../docs/dataset.schema.json");
    assert!(
        committed == generated,
        "docs/dataset.schema.json is stale: regenerate it with `cargo run --example schema --features schema > docs/dataset.schema.json`"
    );
    // And the schema describes the shipped file's top-level fields.
    let schema: serde_json::Value = serde_json::from_str(committed).unwrap();
    let shipped: serde_json::Value = serde_json::from_str(HEREFORDSHIRE).unwrap();
    let props = schema["properties"].as_object().unwrap();
    for key in shipped.as_object().unwrap().keys() {
        assert!(props.contains_key(key), "schema lacks {key}");
    }
}
