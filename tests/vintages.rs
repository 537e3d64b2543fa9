//! Vintages as starting points, the calibration in the open, and a later vintage's dataset
//! (issue 14): every test reads the shipped files or the invented later-vintage fixture.

mod common;

use common::m;
use dsg_explorer::data::parse_dataset;
use dsg_explorer::model::backtest::backtest;
use dsg_explorer::units::calendar::{Date, Fy};
use dsg_explorer::model::dsg::*;
use dsg_explorer::model::scenario::Scenario;
use dsg_explorer::share::codec::{decode, encode, from_query, to_query};
use rust_decimal::Decimal;
use dsg_explorer::units::money::pennies;

const LATEST: &str = common::testing::LATEST_JSON;
const FIRST: &str = common::testing::Q2_JSON;
const LATER: &str = common::testing::EXAMPLESHIRE_JSON;

fn load(text: &str) -> dsg_explorer::data::Loaded {
    parse_dataset(text).unwrap_or_else(|e| panic!("dataset does not load: {e:?}"))
}

fn baseline(text: &str) -> Baseline {
    Baseline::from_dataset(&load(text).dataset)
}

fn with_start(b: &Baseline, id: &str) -> Levers {
    let mut lv = Levers::default_for(b);
    lv.start = id.into();
    lv
}

#[test]
fn the_latest_vintage_is_the_default_starting_point() {
    let b = baseline(LATEST);
    let ids: Vec<&str> = b.starts.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["q2-2024-25", "scrutiny-2025-03"], "both base-year vintages, oldest first; the 2023 forecast is for another date");
    let lv = Levers::default_for(&b);
    assert_eq!(lv.start, "scrutiny-2025-03");
    let p = project(&b, &lv);
    let row0 = &p.mitigated.rows[0];
    assert_eq!(row0.cumulative_deficit, m("17200000"), "the March 2025 forecast, £17.2m");
    assert_eq!(row0.in_year_deficit, m("11100000"), "£17.2m less £6.1m brought forward");
    // The choice names each vintage by its figure and date first: a phone's narrow select shows
    // only the start of it.
    let control = dsg_explorer::model::levers::by_key("hn.start").expect("the start lever").control(&b);
    let dsg_explorer::model::levers::Control::Choice { options } = control else { panic!("a choice: {control:?}") };
    let labels: Vec<&str> = options.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(labels, ["£17.2m, March 2025 forecast (Area SEND Inspection report, Scrutiny)", "£13.7m, November 2024 forecast (Quarter 2 budget report, Cabinet)"]);
}

#[test]
fn the_projection_starts_exactly_at_each_vintage_and_reconciles() {
    for text in [LATEST, FIRST, LATER] {
        let b = baseline(text);
        assert!(!b.starts.is_empty());
        for s in &b.starts {
            let p = project(&b, &with_start(&b, &s.id));
            for tr in [&p.unmitigated, &p.mitigated] {
                let r = &tr.rows[0];
                assert_eq!(r.year, b.base_year);
                assert_eq!(r.in_year_deficit, s.in_year, "{}: row 0 in-year", s.id);
                assert_eq!(r.cumulative_deficit, s.year_end, "{}: row 0 year end", s.id);
                assert_eq!(s.brought_forward + s.in_year, s.year_end, "{}: brought forward + in-year = year end", s.id);
                // Placements + other + unexplained − income = the published in-year deficit.
                assert_eq!(r.placement_spend + r.other_spend + r.unexplained - r.total_income, s.in_year);
            }
            let rec = b.started_at(&s.id).reconciliation();
            let placements: Decimal = rec.placements.iter().map(|x| x.2 * x.3).sum();
            assert_eq!(placements, rec.placement_spend, "count × average cost, summed");
            assert_eq!(rec.placement_spend + rec.other_spend - rec.income, rec.modelled);
            assert_eq!(rec.modelled + rec.unexplained, rec.published, "{}: the unexplained part closes the gap", s.id);
            assert_eq!(rec.published, s.in_year);
            assert_eq!(p.mitigated.rows[0].unexplained, rec.unexplained);
        }
    }
}

#[test]
fn the_unexplained_part_is_visible_for_the_latest_herefordshire_vintage() {
    let b = baseline(LATEST);
    let rec = b.started_at("scrutiny-2025-03").reconciliation();
    // Placements: 709 × 8,700 + 472 × 17,300 + 200 × 30,750 + 210 × 10,000 + 42 × 25,000.
    assert_eq!(rec.placement_spend, m("23633900"));
    assert_eq!(rec.modelled, m("23633900") + m("3500000") - m("29200000"));
    assert_eq!(rec.unexplained, m("11100000") - rec.modelled);
    assert!(rec.unexplained > Decimal::ZERO);
}

#[test]
fn placement_counts_sum_to_the_published_groups_without_double_counting() {
    let ds = load(LATEST).dataset;
    let groups: Decimal = ds.high_needs.ehcp_groups.iter().map(|g| g.count.value).sum();
    let placements: Decimal = ds.high_needs.model.placements.iter().map(|p| p.count.value).sum();
    assert_eq!(groups, m("1633"), "919 + 472 + 242");
    assert_eq!(placements, groups, "post-16 sits within the 919, not on top");
    let indep = ds.high_needs.model.placements.iter().find(|p| p.kind == PlacementKind::Independent).unwrap();
    assert!(indep.count.is_approximate(), "'approximately 200' is marked approximate");
    assert!(ds.high_needs.independent_placements.as_ref().unwrap().is_approximate());
}

#[test]
fn average_costs_derive_from_the_papers_or_carry_a_range() {
    use dsg_explorer::data::figure::Status;
    let ds = load(LATEST).dataset;
    for p in &ds.high_needs.model.placements {
        let c = &p.average_cost;
        match c.status {
            Status::Derived => assert!(c.formula.as_ref().is_some_and(|f| f.divide_by.is_some()), "{}: derived from a spend line ÷ a count", p.id),
            Status::Assumption => assert!(c.range.is_some(), "{}: an assumed cost needs a range", p.id),
            Status::Published => {}
        }
    }
    let indep = ds.high_needs.model.placements.iter().find(|p| p.kind == PlacementKind::Independent).unwrap();
    // (3,550,000 + 2,600,000) ÷ 200, checked by the loader's formula check too.
    assert_eq!(indep.average_cost.value, m("30750"));
    let r = indep.average_cost.range.as_ref().unwrap();
    assert_eq!((r.low, r.high), (m("30750"), m("70000")));
}

#[test]
fn a_derived_average_that_does_not_match_its_formula_is_refused() {
    let text = LATEST.replacen("\"value\": \"30750\"", "\"value\": \"31000\"", 1);
    let issues = parse_dataset(&text).unwrap_err();
    assert!(issues.iter().any(|i| i.path == "high_needs.model.placements[2].average_cost" && i.message.contains("is marked as derived, but its formula gives £30,750")), "{issues:?}");
}

#[test]
fn a_value_outside_its_own_range_is_refused() {
    let text = LATEST.replacen("\"low\": \"6000\"", "\"low\": \"9000\"", 1);
    let issues = parse_dataset(&text).unwrap_err();
    assert!(issues.iter().any(|i| i.path == "high_needs.model.placements[0].average_cost.range" && i.message.contains("outside its range")), "{issues:?}");
}

#[test]
fn the_unexplained_part_carries_forward_as_chosen() {
    let b = baseline(LATEST);
    let gap = b.started_at("scrutiny-2025-03").calibration_gap();
    let mut lv = Levers::default_for(&b);
    let infl = Decimal::ONE + lv.cost_inflation;
    let real = project(&b, &lv);
    // Each year's amount is to the penny (`money::pennies`); what compounds is exact.
    assert_eq!(real.mitigated.rows[1].unexplained, pennies(gap * infl), "held in real terms");
    assert_eq!(real.mitigated.rows[2].unexplained, pennies(gap * infl * infl));

    lv.unexplained = Carry::Fade;
    lv.unexplained_years = 4;
    let fade = project(&b, &lv);
    assert_eq!(fade.mitigated.rows[0].unexplained, gap, "the base year is always exact");
    assert_eq!(fade.mitigated.rows[1].unexplained, pennies(gap * infl * m("3") / m("4")));
    assert_eq!(fade.mitigated.rows[4].unexplained, Decimal::ZERO, "gone after four years");
    assert_eq!(fade.mitigated.rows[7].unexplained, Decimal::ZERO);

    lv.unexplained = Carry::Grow;
    let grow = project(&b, &lv);
    let r0 = &grow.mitigated.rows[0];
    let r5 = &grow.mitigated.rows[5];
    // In proportion to the exact placements and other spend; the rows report them to the penny.
    let ratio = (r5.placement_spend + r5.other_spend) / (r0.placement_spend + r0.other_spend);
    assert!((r5.unexplained - gap * ratio).abs() <= m("0.01"), "in proportion to placements and other spend");
    assert!(grow.mitigated.headline.deficit_at_horizon > real.mitigated.headline.deficit_at_horizon, "placements grow faster than inflation");
    assert!(fade.mitigated.headline.deficit_at_horizon < real.mitigated.headline.deficit_at_horizon);
}

#[test]
fn a_link_choosing_a_vintage_reproduces_exactly() {
    let l = load(LATEST);
    let b = Baseline::from_dataset(&l.dataset);
    let mut s = Scenario::default_for(&b);
    s.set("hn.start", "q2-2024-25", &b).unwrap();
    s.set("hn.unexplained", "fade", &b).unwrap();
    s.set("hn.unexplained.years", "3", &b).unwrap();
    let q = to_query(&encode(&s, &b, &l.dataset.id, &l.dataset.version));
    assert!(q.contains("hn.start=q2-2024-25") && q.contains("hn.unexplained=fade"), "{q}");
    let back = decode(&from_query(&q), &b);
    assert!(back.notices.is_empty(), "{:?}", back.notices);
    assert_eq!(back.scenario, s);
    let p = project(&b, &back.scenario.hn);
    assert_eq!(p.mitigated.rows[0].cumulative_deficit, m("13700000"));
    assert_eq!(p, project(&b, &s.hn));
    // An unknown vintage is named and falls back to the default.
    let bad = decode(&from_query("v=2&hn.start=nope"), &b);
    assert_eq!(bad.notices.len(), 1);
    assert_eq!(bad.notices[0].param, "hn.start");
    assert_eq!(bad.scenario.hn.start, "scrutiny-2025-03");
}

#[test]
fn links_made_before_vintages_reopen_their_numbers() {
    // A format-1 link pinned to the first release projected from the quarter 2 figures.
    let l = load(FIRST);
    let b = Baseline::from_dataset(&l.dataset);
    let old = decode(&from_query("v=1&data=herefordshire&dv=2024-25-q2.1&hn.transfer=0.5"), &b);
    assert!(old.notices.is_empty(), "{:?}", old.notices);
    // "base" is read as the vintage that holds the base-year figures: its choice shows as chosen.
    assert_eq!(old.scenario.hn.start, b.starts[b.base_start()].id);
    assert_eq!(old.scenario.hn.start, "q2-2024-25");
    let p = project(&b, &old.scenario.hn);
    assert_eq!(p.mitigated.rows[0].cumulative_deficit, m("13700000"), "£6.1m + £7.6m, as the link showed");
    assert_eq!(p.mitigated.rows[0].unexplained, Decimal::ZERO, "the first release's income was calibrated to Q2");
    // The same numbers as that release computed: calibrated other spend, no unexplained line.
    let mut lv = old.scenario.hn.clone();
    lv.start = "q2-2024-25".into();
    assert_eq!(project(&b, &lv).mitigated.rows, p.mitigated.rows, "base = the Q2 vintage in that file");
    // Re-encoded, it keeps its starting point, by its name.
    let q = to_query(&encode(&old.scenario, &b, "herefordshire", "2024-25-q2.1"));
    assert!(q.contains("hn.start=q2-2024-25") || !q.contains("hn.start"), "{q}");
    assert_eq!(project(&b, &decode(&from_query(&q), &b).scenario.hn).mitigated.rows, p.mitigated.rows);
    // In the latest file too: "base" names the vintage the dataset's own figures are.
    let latest = Baseline::from_dataset(&load(LATEST).dataset);
    let d = decode(&from_query("v=1&data=herefordshire"), &latest);
    assert_eq!(d.scenario.hn.start, latest.starts[latest.base_start()].id);
    assert!(latest.starts.iter().any(|s| s.id == d.scenario.hn.start), "a choice the form offers");
}

#[test]
fn the_later_vintage_fixture_projects_from_its_own_base_year() {
    let l = load(LATER);
    let b = Baseline::from_dataset(&l.dataset);
    assert_eq!(b.base_year, Fy(2025));
    assert_eq!(b.override_end, Date::parse("2028-03-31").unwrap());
    let ids: Vec<&str> = b.starts.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["q2-2025-26", "q3-2025-26"]);
    let lv = Levers::default_for(&b);
    assert_eq!(lv.start, "q3-2025-26");
    assert_eq!(lv.override_end, OverrideEnd::Ends(Fy(2027)), "its own override date, 31 March 2028");
    let p = project(&b, &lv);
    assert_eq!(p.mitigated.rows[0].year, Fy(2025));
    assert_eq!(p.mitigated.rows[0].cumulative_deficit, m("33500000"));
    assert_eq!(p.mitigated.rows[0].in_year_deficit, m("13500000"), "derived: £33.5m less £20m brought forward");
    assert_eq!(p.mitigated.rows.last().unwrap().year, Fy(2035));
    // "As in the papers" is the dataset's date, not the first council's.
    let mut x = lv.clone();
    PolicyPreset::Override2028.apply(&mut x, &b);
    PolicyPreset::AsInPapers.apply(&mut x, &b);
    assert_eq!(x.override_end, OverrideEnd::Ends(Fy(2027)));
    assert!(PolicyPreset::AsInPapers.label_for(&b).contains("31 March 2028"));
    assert_eq!(lv.policy_preset(&b), Some(PolicyPreset::AsInPapers));
}

#[test]
fn the_schools_block_grows_at_its_own_rate_where_the_data_gives_one() {
    let b = baseline(LATEST);
    assert_eq!(b.schools_block_growth, Some(m("0.02")));
    let mut lv = Levers::default_for(&b);
    lv.transfer = m("0.005");
    let p = project(&b, &lv);
    let g = Decimal::ONE + m("0.02");
    assert_eq!(p.mitigated.rows[1].transfer, b.schools_block * g * m("0.005"), "0.5% of that year's schools block");
    assert_eq!(p.mitigated.rows[3].transfer, b.schools_block * g * g * g * m("0.005"));
}

#[test]
fn back_test_sets_each_earlier_vintage_beside_later_figures() {
    let b = baseline(LATEST);
    let rows = backtest(&b);
    let q2: Vec<_> = rows.iter().filter(|r| r.from_id == "q2-2024-25").collect();
    assert_eq!(q2.len(), 1, "{rows:?}");
    assert_eq!(q2[0].figure_id, "scrutiny-2025-03");
    assert_eq!(q2[0].predicted, Some(m("13700000")));
    assert_eq!(q2[0].miss(), Some(m("3500000")), "£17.2m published against £13.7m");
    assert!(rows.iter().all(|r| r.from_id != "scrutiny-2025-03"), "nothing is published after the latest");
    // £13.7m is the Q2 vintage's own figure, which the model starts from: the £3.5m is a revision
    // between the council's forecasts, and the page says so rather than calling it the model's miss.
    assert!(!q2[0].modelled);
    let (t, text) = dsg_explorer::ui::pages::uncertainty::backtest_table(&b);
    assert!(text.starts_with("No figure published after a starting point falls on a 31 March after 31 March 2025 within the projection, so the model's projections cannot be tested yet."), "{text}");
    assert!(text.contains("moved from £13.7m (Quarter 2 budget report, Cabinet, November 2024) to £17.2m (published on 18 March 2025), by £3.5m"), "{text}");
    assert!(!text.contains("the model on default settings gave"), "{text}");
    assert_eq!(t.rows[0][4], "£13,700,000 (its starting figure: not modelled)");

    let later = baseline(LATER);
    let rows = backtest(&later);
    let from_q2: Vec<_> = rows.iter().filter(|r| r.from_id == "q2-2025-26").collect();
    assert_eq!(from_q2.len(), 2, "the quarter 3 figures for 2026 and 2027");
    assert_eq!(from_q2[0].predicted, Some(m("31000000")));
    let p = project(&later, &with_start(&later, "q2-2025-26"));
    assert_eq!(from_q2[1].predicted, Some(p.mitigated.rows[1].cumulative_deficit), "the model's 31 March 2027");
    assert_eq!((from_q2[0].modelled, from_q2[1].modelled), (false, true), "the base year's end is the start's; 2027 is the model's");
    // With a figure after the base year, the note reports the model's own difference.
    let (_, text) = dsg_explorer::ui::pages::uncertainty::backtest_table(&later);
    assert!(text.contains("the model on default settings gave"), "{text}");
}

#[test]
fn the_ltp_revenue_line_is_not_a_capital_scheme() {
    let ds = load(LATEST).dataset;
    assert!(ds.capital.schemes.iter().all(|s| s.id != "ltp-capital-maintenance"));
    let ex = ds.capital.excluded.as_ref().unwrap();
    assert_eq!(ex[0].id, "ltp-capital-maintenance");
    assert_eq!(ex[0].amount.value, m("22900000"));
    assert!(ex[0].why.contains("revenue"));
}

#[test]
fn the_reserves_date_is_marked_as_ours() {
    let ds = load(LATEST).dataset;
    assert!(ds.budget.reserves.as_at_reason.as_ref().is_some_and(|r| r.contains("May 2024")));
}

#[test]
fn the_manifest_keeps_the_first_release_and_defaults_to_the_latest() {
    let man = dsg_explorer::data::parse_manifest(common::testing::MANIFEST_JSON).unwrap();
    let latest = man.find(Some("herefordshire"), None).unwrap();
    assert_eq!(latest.version, load(LATEST).dataset.version);
    let first = man.find(Some("herefordshire"), Some("2024-25-q2.1")).unwrap();
    assert_eq!(first.path, "herefordshire-2024-25-q2.json");
    assert_eq!(load(FIRST).dataset.version, "2024-25-q2.1");
}

#[test]
fn a_link_to_the_first_release_is_offered_the_latest_figures() {
    use dsg_explorer::share::open::{latest_query, newer_version};
    let man = dsg_explorer::data::parse_manifest(common::testing::MANIFEST_JSON).unwrap();
    let newer = newer_version(&man, "herefordshire", "2024-25-q2.1").expect("a newer version is shipped");
    assert_eq!(newer.version, load(LATEST).dataset.version);
    assert!(newer_version(&man, "herefordshire", &newer.version).is_none(), "the latest is not offered itself");
    let q = latest_query(&from_query("v=2&page=high-needs&data=herefordshire&dv=2024-25-q2.1&hn.start=base&hn.transfer=0.5"));
    assert_eq!(to_query(&q), "v=2&page=high-needs&data=herefordshire&hn.transfer=0.5");
}

#[test]
fn the_fan_draws_average_costs_from_the_datas_ranges() {
    use dsg_explorer::model::uncertainty::{fast_projection, simulate, tornado, Input, Ranges};
    let b = baseline(LATEST);
    let lv = Levers::default_for(&b);
    let plain = Ranges::around(&lv);
    let with = plain.clone().with_data_costs(&b);
    let indep = with.get(Input::Cost(PlacementKind::Independent));
    assert_eq!(indep.low, Decimal::ONE, "£30,750 is the low end");
    assert_eq!(indep.high, m("70000") / m("30750"));
    assert!(with.get(Input::Cost(PlacementKind::Post16)).width().is_zero(), "post-16 is derived with no range: fixed");
    // The first release gives no ranges: its costs stay fixed and its fans are as before.
    let first = baseline(FIRST);
    assert_eq!(Ranges::around(&Levers::default_for(&first)).with_data_costs(&first), Ranges::around(&Levers::default_for(&first)));

    let a = simulate(&b, &lv, &plain, 2_000, 7);
    let c = simulate(&b, &lv, &with, 2_000, 7);
    assert_eq!(c.years[0].band.p10, c.years[0].band.p90, "the base year is the published position in every draw");
    assert!((c.years[0].band.p50 - 17_200_000.0).abs() < 0.01);
    let (wa, wc) = (a.years[10].band.p90 - a.years[10].band.p10, c.years[10].band.p90 - c.years[10].band.p10);
    assert!(wc > wa, "cost ranges widen the band at the horizon: {wc} vs {wa}");

    // The f64 path agrees with the exact projection when costs are scaled.
    let mut scaled = lv.clone();
    scaled.cost_scale.set(PlacementKind::Independent, m("2"));
    let fast = fast_projection(&b, &scaled);
    let exact = project(&b, &scaled);
    for (f, e) in fast.cumulative.iter().zip(&exact.mitigated.rows) {
        let e = dsg_explorer::units::money::to_f64(e.cumulative_deficit);
        assert!((f - e).abs() <= e.abs() * 1e-8 + 0.01, "{f} vs {e}");
    }
    assert_eq!(exact.mitigated.rows[0].cumulative_deficit, m("17200000"), "a dearer placement leaves less unexplained, not a different base year");
    assert!(exact.mitigated.headline.deficit_at_horizon > project(&b, &lv).mitigated.headline.deficit_at_horizon, "dearer independent places grow the deficit faster");

    let bars = tornado(&b, &lv, &with, Fy(2030));
    assert!(bars.iter().any(|x| x.input == Input::Cost(PlacementKind::Independent) && !x.swing.is_zero()));
    assert!(bars.iter().all(|x| x.input != Input::Cost(PlacementKind::Post16)), "no bar for a cost without a range");
}

#[test]
fn vintages_are_named_for_readers_never_by_their_ids() {
    // The latest file labels its vintages; the first release does not, so each is named by the
    // paper its figure cites, as a reader would look it up, not by the file's ids.
    let latest = baseline(LATEST);
    let names: Vec<&str> = latest.starts.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(names, ["Quarter 2 budget report, Cabinet", "Area SEND Inspection report, Scrutiny"]);
    let first = baseline(FIRST);
    let names: Vec<&str> = first.starts.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(names, ["Cabinet", "Children and Young People Scrutiny Committee"]);
    // Two unlabelled vintages made the same day from papers of the same body go by the papers' titles.
    let mut twins = load(FIRST).dataset;
    let made = twins.high_needs.forecasts[2].made;
    twins.high_needs.forecasts[1].made = made;
    twins.high_needs.forecasts[1].amount.source = Some("cyp-scrutiny-2025-03-18-send".into());
    let titles: Vec<String> = twins.high_needs.forecasts[1..].iter().map(|f| f.name(&twins)).collect();
    let title = |id: &str| twins.documents.iter().find(|d| d.id == id).unwrap().title.clone();
    assert_eq!(titles, [title("cyp-scrutiny-2025-03-18-send"), title("cyp-scrutiny-2025-03-18")]);
    // With neither a label nor a paper it says so, numbered where another such was made that day.
    for f in &mut twins.high_needs.forecasts[1..] {
        f.amount.source = None;
    }
    let names: Vec<String> = twins.high_needs.forecasts[1..].iter().map(|f| f.name(&twins)).collect();
    assert_eq!(names, ["Forecast citing no paper, 1 of 2", "Forecast citing no paper, 2 of 2"]);
    // An empty label is none.
    twins.high_needs.forecasts[1].label = Some("  ".into());
    assert_eq!(twins.high_needs.forecasts[1].name(&twins), "Forecast citing no paper, 1 of 2");
    twins.high_needs.forecasts[1].made = twins.high_needs.forecasts[0].made;
    assert_eq!(twins.high_needs.forecasts[2].name(&twins), "Forecast citing no paper");
    // The back-test's note lists the vintage that is not a starting point by its name.
    for b in [&latest, &first] {
        let (_, text) = dsg_explorer::ui::pages::uncertainty::backtest_table(b);
        assert!(!text.contains("send-strategy-2023") && !text.contains("q2-2024-25"), "{text}");
        let not_start = b.forecasts.iter().find(|f| f.id == "send-strategy-2023").unwrap();
        assert!(text.contains(&format!("Not starting points (a vintage starts the projection only with a figure for 31 March 2025): {} (made April 2023, for 31 March 2026).", not_start.label)), "{text}");
    }
    assert_eq!(latest.forecasts.iter().find(|f| f.id == "send-strategy-2023").unwrap().label, "SEND Strategy report (2023)");
}

#[test]
fn no_text_a_reader_sees_in_the_shipped_files_names_a_paper_by_its_id_or_a_project_file() {
    // Notes, reasons and quotes are shown on Sources; ids and the project's own files mean
    // nothing to a reader there.
    fn strings<'a>(v: &'a serde_json::Value, key: &str, out: &mut Vec<(String, &'a str)>) {
        match v {
            serde_json::Value::Object(m) => m.iter().filter(|(k, _)| !matches!(k.as_str(), "id" | "source" | "start" | "scheme" | "url")).for_each(|(k, v)| strings(v, k, out)),
            serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, key, out)),
            serde_json::Value::String(s) => out.push((key.to_string(), s)),
            _ => {}
        }
    }
    for text in [LATEST, FIRST] {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let ds = load(text).dataset;
        let mut all = vec![];
        strings(&v, "", &mut all);
        for (key, s) in all {
            assert!(!s.contains("DESIGN.md"), "{key}: {s}");
            for d in &ds.documents {
                assert!(!s.contains(&format!("({})", d.id)), "{key} names the paper {} by its id: {s}", d.id);
            }
        }
    }
}

#[test]
fn a_vintages_in_year_figure_is_marked_published_only_where_a_paper_gives_it() {
    // The auditor's reading: the Q2 report publishes £7.6m in the year ("the current in-year
    // forecast shows an overspend of £7.6m"); the March 2025 paper gives only the £17.2m balance,
    // so its £11.1m is worked out. The reconciliation and the vintage table say which.
    for text in [LATEST, FIRST] {
        let l = load(text);
        let b = Baseline::from_dataset(&l.dataset);
        for s in &b.starts {
            let expected = match s.id.as_str() {
                "q2-2024-25" => true,
                "scrutiny-2025-03" => false,
                other => panic!("unexpected starting point {other}"),
            };
            assert_eq!(s.in_year_published, expected, "{}", s.id);
            let (t, v) = dsg_explorer::ui::pages::high_needs::reconciliation_tables(&b, &l.dataset, &s.id);
            let line = &t.rows[t.rows.len() - 2][0];
            assert_eq!(line.starts_with("Published in-year deficit: "), expected, "{line}");
            assert_eq!(line.starts_with("In-year deficit worked out from "), !expected, "{line}");
            let row = v.rows.iter().find(|r| r[0].starts_with(&s.label)).unwrap();
            assert_eq!(row[0].ends_with("(in-year worked out: year end less brought forward)"), !expected, "{row:?}");
        }
    }
}

#[test]
fn every_policy_preset_offered_for_a_base_year_gives_a_link_that_reopens_it() {
    // A reviewer loaded a council's file for 2026/27: the write-off preset set years before the
    // base year, the page clamped them, and the copied link fell back to the defaults. A preset
    // is offered only where its levers are in range, so its link reopens exactly what was shown.
    for (base, write_off_offered) in [("2024-25", true), ("2025-26", true), ("2026-27", false), ("2030-31", false)] {
        let mut l = common::testing::avila();
        l.dataset.base_year = base.into();
        let b = Baseline::from_dataset(&l.dataset);
        assert_eq!(PolicyPreset::Override2028WriteOff90.applies_to(&b), write_off_offered, "{base}");
        for p in PolicyPreset::ALL.iter().filter(|p| p.applies_to(&b)) {
            let mut s = Scenario::default_for(&b);
            p.apply(&mut s.hn, &b);
            assert!(s.hn.validate(&b).is_empty(), "{base} {p:?}: {:?}", s.hn.validate(&b));
            let back = decode(&from_query(&to_query(&encode(&s, &b, &l.dataset.id, &l.dataset.version))), &b);
            assert!(back.notices.is_empty(), "{base} {p:?}: {:?}", back.notices);
            assert_eq!(back.scenario, s, "{base} {p:?}");
            // (Ávila's papers already give 2028, so two presets can be the same levers.)
            assert!(back.scenario.hn.policy_preset(&b).is_some_and(|q| p.matches(&back.scenario.hn, &b) && q.matches(&s.hn, &b)), "{base} {p:?}");
        }
    }
}

#[test]
fn a_dataset_without_vintages_names_its_starting_point_by_its_paper() {
    // A council's first file may list no forecasts: its one starting point and the brought-forward
    // row are named by the papers their figures cite, not "The dataset's base-year figures".
    let mut ds = load(LATEST).dataset;
    ds.high_needs.forecasts.clear();
    let paper = |source: &Option<String>| ds.documents.iter().find(|d| Some(&d.id) == source.as_ref()).unwrap().clone();
    let in_year = paper(&ds.high_needs.in_year_forecast.source);
    let brought = paper(&ds.high_needs.deficit_brought_forward.source);
    let b = Baseline::from_dataset(&ds);
    assert_eq!(b.starts.len(), 1);
    assert_eq!((b.starts[0].label.clone(), b.starts[0].made), (in_year.name(&ds.documents), in_year.made()));
    assert_ne!(b.starts[0].label, BASE_FIGURES);
    let a = dsg_explorer::model::answers::answers(&b, &project(&b, &Levers::default_for(&b)), ds.budget.net_budget.value);
    match &a.year_ends[0].origin {
        dsg_explorer::model::answers::Origin::Published { label, made, .. } => assert_eq!((label.clone(), *made), (brought.name(&ds.documents), brought.made())),
        other => panic!("{other:?}"),
    }
    // Beside vintages that do not repeat them, the base figures keep the plain description: named
    // by their paper, they could read as a twin of that paper's vintage.
    let mut beside = load(LATEST).dataset;
    beside.high_needs.in_year_forecast.value += Decimal::ONE;
    let b = Baseline::from_dataset(&beside);
    let base = b.starts.iter().find(|s| s.id == BASE_START).expect("the base figures as a start of their own");
    assert_eq!(base.label, BASE_FIGURES);
    assert!(b.starts.len() > 1);
    // Figures that cite no paper fall back to the plain description.
    ds.high_needs.in_year_forecast.source = None;
    ds.high_needs.deficit_year_end.source = None;
    let b = Baseline::from_dataset(&ds);
    assert_eq!((b.starts[0].label.as_str(), b.starts[0].made), (BASE_FIGURES, dsg_explorer::units::calendar::Made::day(ds.as_of)));
}
