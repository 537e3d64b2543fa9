//! Malformed datasets give clear, path-precise messages, all of them at once, and the loader
//! never panics. Bad files are made by editing the shipped JSON as a `serde_json::Value`, so each
//! test changes one thing and everything else stays valid.

mod common;

use dsg_explorer::data::parse_dataset;
use proptest::prelude::*;
use serde_json::{json, Value};

const HEREFORDSHIRE: &str = common::testing::Q2_JSON;

fn shipped() -> Value {
    serde_json::from_str(HEREFORDSHIRE).unwrap()
}

/// Every issue for `text`, as the app shows them ("path: message").
fn issues_of(text: &str) -> Vec<String> {
    match parse_dataset(text) {
        Ok(_) => panic!("expected the file to be rejected"),
        Err(issues) => issues.iter().map(|i| i.to_string()).collect(),
    }
}

fn issues(v: &Value) -> Vec<String> {
    issues_of(&serde_json::to_string(v).unwrap())
}

/// Replaces the value at a JSON pointer ("/budget/net_budget/value").
fn set(v: &mut Value, pointer: &str, new: Value) {
    *v.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer} in the shipped file")) = new;
}

/// Removes the field at a JSON pointer.
fn remove(v: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let removed = v.pointer_mut(parent).and_then(|p| p.as_object_mut()).and_then(|o| o.remove(key));
    assert!(removed.is_some(), "no {pointer} in the shipped file");
}

fn assert_has(all: &[String], expected: &str) {
    assert!(all.iter().any(|i| i == expected), "expected the issue\n  {expected}\namong\n  {}", all.join("\n  "));
}

fn assert_has_prefix(all: &[String], prefix: &str) -> String {
    all.iter().find(|i| i.starts_with(prefix)).cloned().unwrap_or_else(|| panic!("expected an issue starting\n  {prefix}\namong\n  {}", all.join("\n  ")))
}

#[test]
fn the_shipped_file_is_the_valid_starting_point() {
    assert!(parse_dataset(HEREFORDSHIRE).is_ok());
}

#[test]
fn malformed_json_names_the_line_and_column() {
    let all = issues_of("{\n  \"schema_version\": 1,\n  \"id\": \"x\"\n  \"version\": \"1\"\n}");
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(all[0].starts_with("not valid JSON: "), "{}", all[0]);
    assert!(all[0].contains("(line 4, column 3)"), "{}", all[0]);
    // In words for someone who edited the file by hand, serde's own after them (a trial read
    // "expected ident" as jargon).
    assert_eq!(all[0], "not valid JSON: a comma or a closing } missing between an object's entries (expected `,` or `}`) (line 4, column 3)");
    assert_eq!(issues_of("{\"id\": abc}"), vec!["not valid JSON: no value where one should be: text must be in double quotes, the only bare words are true, false and null, and a list or object must not end with a comma (expected value) (line 1, column 8)".to_string()]);
    assert_eq!(issues_of("{\"id\": nothing}"), vec!["not valid JSON: a word that is not true, false or null: text must be in double quotes (expected ident) (line 1, column 9)".to_string()]);
    assert_eq!(issues_of("{\"id\": [1, 2,]}"), vec!["not valid JSON: a comma just before a closing ] or } (trailing comma) (line 1, column 14)".to_string()]);
    // A truncated file.
    let cut = &HEREFORDSHIRE[..HEREFORDSHIRE.len() / 2];
    let all = issues_of(cut);
    assert_eq!(all.len(), 1);
    assert!(all[0].starts_with("not valid JSON: the file ends before the data does (is it cut short?) (EOF while parsing"), "{}", all[0]);
    // Not an object at all.
    assert_eq!(issues_of("[]"), vec!["expected a dataset (a JSON object, { … }), but the file holds a list".to_string()]);
    assert_eq!(issues_of(" \n"), vec!["the file is empty".to_string()]);
    assert_eq!(issues_of(""), vec!["the file is empty".to_string()]);
}

#[test]
fn an_unknown_schema_version_stops_before_reading_further() {
    let mut v = shipped();
    set(&mut v, "/schema_version", json!(2));
    set(&mut v, "/budget/net_budget/value", json!(1)); // not reported: the file is not read further
    assert_eq!(issues(&v), vec!["schema_version: this file is schema version 2; this app reads version 1".to_string()]);
    remove(&mut v, "/schema_version");
    assert_eq!(issues(&v), vec!["schema_version: missing or not a number (expected 1)".to_string()]);
}

#[test]
fn missing_fields_are_each_named_by_path() {
    let mut v = shipped();
    remove(&mut v, "/budget/net_budget");
    remove(&mut v, "/high_needs/model/income");
    remove(&mut v, "/capital/spend_point");
    remove(&mut v, "/documents/0/title");
    remove(&mut v, "/savings/delivered/share/unit");
    let all = issues(&v);
    assert_has(&all, "budget.net_budget: missing field");
    assert_has(&all, "high_needs.model.income: missing field");
    assert_has(&all, "capital.spend_point: missing field");
    assert_has(&all, "documents[0].title: missing field");
    assert_has(&all, "savings.delivered.share.unit: missing field (expected \"percent\")");
}

#[test]
fn a_wrong_unit_names_the_unit_expected() {
    let mut v = shipped();
    set(&mut v, "/budget/net_budget/unit", json!("count"));
    set(&mut v, "/high_needs/override_end/unit", json!("gbp"));
    set(&mut v, "/high_needs/model/income_growth/unit", json!("percent"));
    let all = issues(&v);
    assert_has(&all, "budget.net_budget.unit: expected \"gbp\" here, got \"count\"");
    assert_has(&all, "high_needs.override_end.unit: expected \"date\" here, got \"gbp\"");
    assert_has(&all, "high_needs.model.income_growth.unit: expected \"rate\" here, got \"percent\"");
}

#[test]
fn negative_capital_spend_is_refused_with_its_year() {
    // A scheme whose total and profile are both negative adds up, but is no planned spend.
    let mut v = shipped();
    set(&mut v, "/capital/schemes/0/total/value", json!("-368000"));
    set(&mut v, "/capital/schemes/0/profile/2024-25", json!("-368000"));
    assert_eq!(issues(&v), vec!["capital.schemes[0].profile[2024-25]: spend in a year cannot be negative, got −£368,000".to_string()]);
}

#[test]
fn negative_and_fractional_counts_are_refused() {
    let mut v = shipped();
    set(&mut v, "/high_needs/ehcp_groups/0/count/value", json!("-5"));
    assert_eq!(issues(&v), vec!["high_needs.ehcp_groups[0].count.value: expected a count of at least 0, got -5".to_string()]);
    let mut v = shipped();
    set(&mut v, "/high_needs/could_be_local/value", json!("120.5"));
    assert_eq!(issues(&v), vec!["high_needs.could_be_local.value: expected a whole count, got 120.5".to_string()]);
}

#[test]
fn a_json_number_where_a_decimal_string_belongs_is_refused() {
    let mut v = shipped();
    set(&mut v, "/budget/net_budget/value", json!(212800000));
    set(&mut v, "/savings/delivered/share/formula/tolerance", json!(1));
    let all = issues(&v);
    assert_has(
        &all,
        "budget.net_budget.value: expected a decimal amount written as a string (\"212800000\"), got a JSON number: numbers may lose exactness",
    );
    assert_has(
        &all,
        "savings.delivered.share.formula.tolerance: expected a decimal amount written as a string (\"1\"), got a JSON number: numbers may lose exactness",
    );
    // Other non-decimals.
    let mut v = shipped();
    set(&mut v, "/budget/cost_pressures/value", json!("11.6m"));
    set(&mut v, "/budget/forecast_overspend/value", json!("1e7"));
    set(&mut v, "/budget/overspend_after_action/value", json!(null));
    let all = issues(&v);
    assert_has(&all, "budget.cost_pressures.value: expected a decimal amount, got \"11.6m\"");
    assert_has(&all, "budget.forecast_overspend.value: expected a decimal amount, got \"1e7\"");
    assert_has(&all, "budget.overspend_after_action.value: expected a decimal amount, got null");
}

#[test]
fn an_amount_is_digits_only_as_the_schema_says() {
    // A trial loaded " 100" and "+100" as £100, where data-format.md and the schema refuse both.
    for bad in [" 100", "100 ", "+100", "100.", ".5", "1 000", "--1", "-"] {
        let mut v = shipped();
        set(&mut v, "/budget/net_budget/value", json!(bad));
        set(&mut v, "/capital/schemes/0/profile/2024-25", json!(bad));
        let all = issues(&v);
        assert_has(&all, &format!("budget.net_budget.value: expected a decimal amount, got \"{bad}\""));
        assert!(all.iter().any(|i| i.starts_with("capital.schemes[0].profile[2024-25]: expected a decimal amount, got ")), "{bad}: {all:?}");
    }
    // Exact decimals hold up to 2⁹⁶ − 1 (29 digits) and 28 decimal places.
    for good in ["100", "-100", "0.5", "0100.50", "79228162514264337593543950335", "0.0000000000000000000000000001"] {
        let mut v = shipped();
        set(&mut v, "/capital/schemes/0/profile/2024-25", json!(good));
        assert!(!issues(&v).iter().any(|i| i.contains("expected a decimal amount")), "{good}");
    }
    // More digits than are kept exactly, and a number with an exponent: said so, where the
    // message was the plain form's, or advised writing the exponent in a string.
    let mut v = shipped();
    set(&mut v, "/budget/net_budget/value", json!("9".repeat(40)));
    set(&mut v, "/savings/delivered/share/formula/tolerance", json!(1e308));
    let all = issues(&v);
    assert_has(&all, &format!("budget.net_budget.value: expected a decimal amount the explorer can keep exactly (below 79,228,162,514,264,337,593,543,950,336, with at most 28 decimal places), got \"{}\"", "9".repeat(40)));
    assert!(all.iter().any(|i| i.starts_with("savings.delivered.share.formula.tolerance: expected a decimal amount written as a string of digits, got the JSON number 1e")), "{all:?}");
}

#[test]
fn rates_outside_what_the_explorer_models_are_refused() {
    // A trial's growth of 1000 (100,000% a year) loaded; High needs then used 40% with a notice
    // and the Overview used it with none.
    let mut v = shipped();
    set(&mut v, "/high_needs/model/placements/2/growth/value", json!("1000"));
    set(&mut v, "/high_needs/model/cost_inflation/value", json!("-0.06"));
    set(&mut v, "/high_needs/model/income_growth/value", json!("0.205"));
    let all = issues(&v);
    assert_has(&all, "high_needs.model.placements[2].growth.value: a growth of 100000% a year is outside the −20% to 40% a year the explorer models");
    assert_has(&all, "high_needs.model.cost_inflation.value: cost inflation of −6% a year is outside the −5% to 20% a year the explorer models");
    assert_has(&all, "high_needs.model.income_growth.value: income growth of 20.5% a year is outside the −10% to 20% a year the explorer models");
    assert_eq!(all.len(), 3, "{all:?}");
    // Shown unrounded, so a value just past an end does not read as the end itself.
    let mut v = shipped();
    set(&mut v, "/high_needs/model/placements/0/growth/value", json!("0.400001"));
    assert_eq!(issues(&v), vec!["high_needs.model.placements[0].growth.value: a growth of 40.0001% a year is outside the −20% to 40% a year the explorer models".to_string()]);
    // The ends of the ranges load.
    let mut v = shipped();
    set(&mut v, "/high_needs/model/placements/0/growth/value", json!("0.40"));
    set(&mut v, "/high_needs/model/placements/1/growth/value", json!("-0.2"));
    assert!(parse_dataset(&serde_json::to_string(&v).unwrap()).is_ok());
}

#[test]
fn a_comma_decimal_in_a_scheme_profile_is_named_exactly() {
    let mut v = shipped();
    assert!(v.pointer("/capital/schemes/3/profile/2025-26").is_some());
    set(&mut v, "/capital/schemes/3/profile/2025-26", json!("12,5"));
    assert_eq!(issues(&v), vec![r#"capital.schemes[3].profile[2025-26]: expected a decimal amount, got "12,5""#.to_string()]);
}

#[test]
fn bad_profile_years_and_sums_are_reported() {
    let mut v = shipped();
    let profile = v.pointer_mut("/capital/schemes/6/profile").unwrap().as_object_mut().unwrap();
    let amount = profile.remove("2026-27").unwrap();
    profile.insert("2026-28".into(), amount);
    set(&mut v, "/capital/schemes/1/total/value", json!("10000001"));
    let all = issues(&v);
    assert_has(&all, "capital.schemes[6].profile[2026-28]: expected a financial year like \"2025-26\" as the key");
    assert_has(&all, "capital.schemes[1].profile: the years sum to £10,000,000 but total is £10,000,001");
}

#[test]
fn a_year_written_another_way_given_twice_or_far_off_is_refused() {
    // A reviewer's file gave "2025/26" beside "2025-26": it loaded, one amount was lost, and
    // Capital said the scheme did not reconcile.
    let mut v = shipped();
    let profile = v.pointer_mut("/capital/schemes/0/profile").unwrap().as_object_mut().unwrap();
    let (year, amount) = profile.iter().next().map(|(k, a)| (k.clone(), a.clone())).unwrap();
    profile.insert(year.replace('-', "/"), amount);
    profile.insert("1900-01".into(), json!("0"));
    profile.insert("2099-00".into(), json!("0"));
    set(&mut v, "/capital/schemes/2/asset_life", json!(0));
    set(&mut v, "/capital/schemes/3/asset_life", json!(100000));
    let all = issues(&v);
    let slash = year.replace('-', "/");
    assert_has(&all, &format!("capital.schemes[0].profile[{slash}]: expected a financial year like \"2025-26\" as the key"));
    assert_has(&all, "capital.schemes[0].profile[1900-01]: 1900/01 is more than 10 years before or 30 years after the base year 2024/25");
    assert_has(&all, "capital.schemes[0].profile[2099-00]: 2099/00 is more than 10 years before or 30 years after the base year 2024/25");
    assert_has(&all, "capital.schemes[2].asset_life: expected a life of 1 to 100 years, got 0");
    assert_has(&all, "capital.schemes[3].asset_life: expected a life of 1 to 100 years, got 100000");
    let mut v = shipped();
    set(&mut v, "/base_year", json!("2024/25"));
    assert_eq!(issues(&v), vec!["base_year: expected a financial year like \"2024-25\", got \"2024/25\""]);
    // The limits themselves pass: a life of 1 and of 100, years 10 before and 30 after.
    let mut v = shipped();
    let profile = v.pointer_mut("/capital/schemes/0/profile").unwrap().as_object_mut().unwrap();
    profile.insert("2014-15".into(), json!("0"));
    profile.insert("2054-55".into(), json!("0"));
    set(&mut v, "/capital/schemes/2/asset_life", json!(1));
    set(&mut v, "/capital/schemes/3/asset_life", json!(100));
    assert!(parse_dataset(&serde_json::to_string(&v).unwrap()).is_ok());
}

#[test]
fn totals_that_fail_to_reconcile_say_by_how_much() {
    let mut v = shipped();
    set(&mut v, "/capital/revised/value", json!("96500000"));
    set(&mut v, "/budget/management_action/value", json!("8300000"));
    set(&mut v, "/savings/at_risk/amount/value", json!("4900000"));
    set(&mut v, "/savings/on_target/share/value", json!("30"));
    let all = issues(&v);
    let revised = assert_has_prefix(&all, "capital.revised: ");
    assert!(revised.contains("should reconcile to £96,400,000, a difference of £100,000 (allowed £0)"), "{revised}");
    let action = assert_has_prefix(&all, "budget.management_action: ");
    assert!(action.contains("is marked as derived, but its formula gives £8,200,000, a difference of £100,000 (allowed £0)"), "{action}");
    // £8.9m + £5.6m + £4.9m = £19.4m, not the £19.5m target.
    let target = assert_has_prefix(&all, "savings.target: ");
    assert!(target.contains("should reconcile to £19,400,000, a difference of £100,000 (allowed £0)"), "{target}");
    // A share two points out is beyond the one-point rounding allowance.
    let share = assert_has_prefix(&all, "savings.on_target.share: ");
    assert!(share.contains("should reconcile to 28.72%, a difference of 1.28 percentage points (allowed 1 percentage point)"), "{share}");
}

#[test]
fn a_source_that_is_not_a_document_is_named() {
    let mut v = shipped();
    set(&mut v, "/budget/net_budget/source", json!("cabinet-1999-01-01"));
    assert_eq!(issues(&v), vec!["budget.net_budget.source: \"cabinet-1999-01-01\" is not the id of any paper listed in documents".to_string()]);
}

#[test]
fn provenance_rules_are_enforced() {
    let mut v = shipped();
    remove(&mut v, "/budget/net_budget/ref");
    remove(&mut v, "/budget/management_action/formula");
    remove(&mut v, "/high_needs/model/income/reason");
    set(&mut v, "/budget/cost_pressures/status", json!("estimated"));
    let all = issues(&v);
    assert_has(&all, "budget.net_budget: a published figure needs \"source\" (a document id) and \"ref\" (paragraph or minute)");
    assert_has(&all, "budget.management_action: a derived figure needs a \"formula\" saying how it is computed");
    assert_has(&all, "high_needs.model.income: an assumption needs a \"reason\" for its value");
    assert_has(&all, "budget.cost_pressures.status: expected one of \"published\", \"derived\", \"assumption\", got \"estimated\"");
}

#[test]
fn formulas_that_name_missing_figures_are_reported() {
    let mut v = shipped();
    set(&mut v, "/capital/revised/formula/add/0", json!("capital.aproved"));
    set(&mut v, "/savings/delivered/share/formula/whole", json!("capital.spend_point"));
    let all = issues(&v);
    assert_has(&all, "capital.revised.formula: refers to capital.aproved, which is not a figure in this file");
    assert_has(&all, "savings.delivered.share.formula: refers to capital.spend_point, which is not a figure in this file");
}

#[test]
fn typos_bad_enums_and_duplicate_ids_are_reported() {
    let mut v = shipped();
    let net = v.pointer("/budget/net_budget").unwrap().clone();
    v.pointer_mut("/budget").unwrap().as_object_mut().unwrap().insert("net_budgett".into(), net);
    set(&mut v, "/high_needs/model/placements/1/kind", json!("special"));
    set(&mut v, "/capital/schemes/2/funding", json!("loan"));
    let first = v.pointer("/capital/schemes/0/id").unwrap().clone();
    set(&mut v, "/capital/schemes/1/id", first);
    set(&mut v, "/base_year", json!("2024-26"));
    set(&mut v, "/as_of", json!("2025-02-30"));
    let all = issues(&v);
    let typo = assert_has_prefix(&all, "budget.net_budgett: unknown field (expected one of: ");
    assert!(typo.contains("net_budget, "), "{typo}");
    assert_has(&all, "high_needs.model.placements[1].kind: expected one of \"mainstream\", \"local_special\", \"independent\", \"post16\", \"other\", \"resourced\", \"hospital_ap\", got \"special\"");
    assert_has(&all, "capital.schemes[2].funding: expected one of \"grant\", \"borrowing\", \"capital_receipts\", \"mixed\", \"unknown\", got \"loan\"");
    assert_has(&all, "as_of: expected a date like \"2026-03-31\", got \"2025-02-30\"");
    // The base year is listed with the reading errors, in field order (a trial's file showed it
    // only once the rest was put right).
    let year = all.iter().position(|i| i == "base_year: expected a financial year like \"2024-25\", got \"2024-26\"");
    let as_of = all.iter().position(|i| i.starts_with("as_of: "));
    assert!(year.is_some() && year < as_of, "{all:?}");
    assert_eq!(all.iter().filter(|i| i.starts_with("base_year: ")).count(), 1, "{all:?}");
    // Also where the file reads but its figures' provenance does not: the base year still comes
    // first.
    let mut v = shipped();
    remove(&mut v, "/budget/net_budget/ref");
    set(&mut v, "/base_year", json!("2024-26"));
    let all = issues(&v);
    assert!(all.len() >= 2 && all[0] == "base_year: expected a financial year like \"2024-25\", got \"2024-26\"", "{all:?}");
    assert!(all.iter().any(|i| i.starts_with("budget.net_budget")), "{all:?}");
    // Duplicate ids are checked once the file has been read, so fix the reading errors first to
    // see them.
    let mut v = shipped();
    let first = v.pointer("/capital/schemes/0/id").unwrap().clone();
    set(&mut v, "/capital/schemes/1/id", first);
    set(&mut v, "/base_year", json!("2024-26"));
    let all = issues(&v);
    assert_has(&all, "capital.schemes[1].id: id \"it-wan-telephony\" is used twice");
    assert_has(&all, "base_year: expected a financial year like \"2024-25\", got \"2024-26\"");
}

#[test]
fn a_file_with_no_papers_gets_one_line_not_one_per_figure() {
    let mut v = shipped();
    set(&mut v, "/documents", json!([]));
    let all = issues(&v);
    let cited: Vec<&String> = all.iter().filter(|i| i.contains("paper listed in documents")).collect();
    assert!(cited.is_empty(), "{cited:?}");
    let line = assert_has_prefix(&all, "documents: lists no papers, but ");
    assert!(line.contains(" figures cite one, the first ") && line.ends_with(": list each paper here, with the id its figures cite"), "{line}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut v = shipped();
    set(&mut v, "/capital/schemes/3/profile/2025-26", json!("12,5"));
    set(&mut v, "/budget/net_budget/value", json!(212800000));
    set(&mut v, "/budget/cost_pressures/unit", json!("count"));
    set(&mut v, "/high_needs/ehcp_groups/1/count/value", json!("-1"));
    remove(&mut v, "/high_needs/model/other_spend");
    set(&mut v, "/documents/2/date", json!("18 March 2025"));
    let all = issues(&v);
    assert_has(&all, r#"capital.schemes[3].profile[2025-26]: expected a decimal amount, got "12,5""#);
    assert_has_prefix(&all, "budget.net_budget.value: expected a decimal amount written as a string");
    assert_has(&all, "budget.cost_pressures.unit: expected \"gbp\" here, got \"count\"");
    assert_has(&all, "high_needs.ehcp_groups[1].count.value: expected a count of at least 0, got -1");
    assert_has(&all, "high_needs.model.other_spend: missing field");
    assert_has(&all, "documents[2].date: expected a date like \"2026-03-31\", got \"18 March 2025\"");
    assert_eq!(all.len(), 6, "one issue per problem:\n  {}", all.join("\n  "));
}

#[test]
fn absurd_amounts_give_issues_not_panics() {
    let max = "79228162514264337593543950335";
    // Sums and shares that overflow exact decimals.
    let mut v = shipped();
    set(&mut v, "/savings/delivered/amount/value", json!(max));
    set(&mut v, "/savings/on_target/amount/value", json!(max));
    set(&mut v, "/capital/schemes/7/profile/2025-26", json!(max));
    set(&mut v, "/capital/schemes/7/profile/2026-27", json!(max));
    set(&mut v, "/savings/target/value", json!("0.0000000000000000000000001"));
    let all = issues(&v);
    assert_has(&all, "savings.target.formula: the sum is too large to compute");
    assert_has(&all, "capital.schemes[7].profile: the years sum to more than can be represented");
    assert_has_prefix(&all, "savings.delivered.share.formula: savings.delivered.amount / savings.target × 100 is too large to compute");
    // A rate too large to show as a percentage: refused as out of range, in the file's own form.
    let mut v = shipped();
    set(&mut v, "/high_needs/model/cost_inflation/value", json!(max));
    assert_eq!(issues(&v), vec![format!("high_needs.model.cost_inflation.value: cost inflation of {max} (as a fraction) a year is outside the −5% to 20% a year the explorer models")]);
    // Differences that overflow.
    let mut v = shipped();
    set(&mut v, "/capital/spend_to_date/value", json!(format!("-{max}")));
    set(&mut v, "/capital/commitments/value", json!("0"));
    set(&mut v, "/capital/spend_and_commitments/value", json!(max));
    let all = issues(&v);
    assert_has_prefix(&all, "capital.spend_and_commitments: ");
}

// ---- properties ----

/// JSON pointers to every leaf (non-container value) of `v`.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                leaves(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                leaves(x, format!("{at}/{i}"), out);
            }
        }
        _ => out.push(at),
    }
}

/// JSON pointers to every object or list member, for removals.
fn members(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                members(x, p, out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                members(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn any_leaf_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        prop::sample::select(vec![
            "", "0", "-0", "-1", "12,5", "1e5", "0.1", "2.5", "-79228162514264337593543950335", "79228162514264337593543950335",
            "0.0000000000000000000000000001", "2026-03-31", "2026-02-30", "2024-25", "2024-26", "gbp", "count", "percent", "rate", "date",
            "published", "derived", "assumption", "mainstream", "grant", "cabinet-2024-12-19", "capital.approved", "savings.target", "£1m", " 5 ",
        ])
        .prop_map(|s| Value::String(s.to_string())),
        ".{0,20}".prop_map(Value::String),
        Just(json!([])),
        Just(json!({})),
        Just(json!({"add": ["capital.approved"]})),
        Just(json!(["capital.approved", "capital.revised"])),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_text(text in ".{0,400}") {
        let _ = parse_dataset(&text);
    }

    #[test]
    fn never_panics_on_arbitrary_json_shaped_text(text in r#"[\[\]{}",:0-9a-z_. -]{0,300}"#) {
        let _ = parse_dataset(&text);
        let _ = parse_dataset(&format!("{{\"schema_version\": 1, {text}"));
    }

    #[test]
    fn never_panics_on_a_mutated_shipped_file(picks in prop::collection::vec((any::<prop::sample::Index>(), any_leaf_value()), 1..4)) {
        let mut v = shipped();
        let mut all = Vec::new();
        leaves(&v, String::new(), &mut all);
        for (index, new) in picks {
            let pointer = index.get(&all).clone();
            if let Some(slot) = v.pointer_mut(&pointer) {
                *slot = new;
            }
        }
        let text = serde_json::to_string(&v).unwrap();
        match parse_dataset(&text) {
            Ok(_) => {}
            Err(found) => {
                prop_assert!(!found.is_empty());
                for i in &found {
                    prop_assert!(!i.message.is_empty(), "an issue with no message at {}", i.path);
                }
            }
        }
    }

    #[test]
    fn never_panics_when_a_member_is_removed(index in any::<prop::sample::Index>()) {
        let mut v = shipped();
        let mut all = Vec::new();
        members(&v, String::new(), &mut all);
        let pointer = index.get(&all).clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let key = key.replace("~1", "/").replace("~0", "~");
        match v.pointer_mut(parent) {
            Some(Value::Object(o)) => { o.remove(&key); }
            Some(Value::Array(a)) => { let i: usize = key.parse().unwrap(); a.remove(i); }
            _ => {}
        }
        let _ = parse_dataset(&serde_json::to_string(&v).unwrap());
    }
}

#[test]
fn a_base_year_that_disagrees_with_the_files_own_dates_is_named() {
    // A reviewer set Ávila's base year a year late: it loaded, and the page compared a 2027
    // closing figure with the 1 April 2025 balance. One of 2099-00 answered for 31 March 2100.
    let avila = || -> Value { serde_json::from_str(common::testing::AVILA_JSON).unwrap() };
    let mut late = avila();
    set(&mut late, "/base_year", json!("2026-27"));
    assert_eq!(
        issues(&late),
        vec!["base_year: 2026-27 opens on 1 April 2026, but high_needs.deficit_brought_forward (£8,400,000) is the figure high_needs.forecasts[0] gives for 31 March 2025 (is it 2025-26?)"]
    );
    let mut early = avila();
    set(&mut early, "/base_year", json!("2024-25"));
    let got = issues(&early);
    assert!(got.iter().any(|i| i.starts_with("base_year: 2024-25 opens on 1 April 2024, but high_needs.deficit_brought_forward (£8,400,000) is the figure high_needs.forecasts[0] gives for 31 March 2025 (is it 2025-26?)")), "{got:?}");
    let mut far = avila();
    set(&mut far, "/base_year", json!("2099-00"));
    assert_eq!(issues(&far), vec!["base_year: 2099-00 begins after the year following as_of (21 January 2026, in 2025-26); the base year is the year the figures are for"]);
    // A level deficit repeated two years on is no sign of a slip.
    let mut level = avila();
    set(&mut level, "/high_needs/forecasts/4/amount/value", json!("18450000"));
    set(&mut level, "/high_needs/forecasts/4/for_date", json!("2028-03-31"));
    set(&mut level, "/high_needs/forecasts/3/for_date", json!("2027-03-31"));
    assert!(parse_dataset(&serde_json::to_string(&level).unwrap()).is_ok(), "{:?}", parse_dataset(&serde_json::to_string(&level).unwrap()).err());
    // The shipped files and the template (whose zeros are placeholders) load as they are.
    for text in [common::testing::LATEST_JSON, common::testing::Q2_JSON, common::testing::AVILA_JSON, common::testing::EXAMPLESHIRE_JSON] {
        assert!(parse_dataset(text).is_ok());
    }
}

#[test]
fn a_files_own_interest_rates_must_be_within_the_rate_levers_range() {
    let rate = |value: &str| json!({ "value": value, "unit": "rate", "status": "assumption", "reason": "our treasury adviser's forecast" });
    let mut v = shipped();
    v.pointer_mut("/high_needs/model").unwrap().as_object_mut().unwrap().insert("deficit_interest_rate".into(), rate("0.16"));
    v.pointer_mut("/capital").unwrap().as_object_mut().unwrap().insert("borrowing_rate".into(), rate("-0.01"));
    let all = issues(&v);
    assert_has(&all, "high_needs.model.deficit_interest_rate.value: expected a yearly rate from 0 to 0.15 (15%), got 0.16");
    assert_has(&all, "capital.borrowing_rate.value: expected a yearly rate from 0 to 0.15 (15%), got -0.01");
    // A percentage written as one is told how a rate is written.
    let mut v = shipped();
    v.pointer_mut("/capital").unwrap().as_object_mut().unwrap().insert("borrowing_rate".into(), rate("5"));
    assert_has(&issues(&v), "capital.borrowing_rate.value: expected a yearly rate from 0 to 0.15 (15%), got 5 (a rate is a fraction: 5% is written 0.05)");
    // A count where a rate belongs is the unit check's, as for any figure.
    let mut v = shipped();
    v.pointer_mut("/capital").unwrap().as_object_mut().unwrap().insert("borrowing_rate".into(), json!({ "value": "5", "unit": "count", "status": "assumption", "reason": "x" }));
    assert!(issues(&v).iter().any(|i| i.starts_with("capital.borrowing_rate")), "{:?}", issues(&v));
    // The ends themselves pass.
    let mut v = shipped();
    v.pointer_mut("/high_needs/model").unwrap().as_object_mut().unwrap().insert("deficit_interest_rate".into(), rate("0"));
    v.pointer_mut("/capital").unwrap().as_object_mut().unwrap().insert("borrowing_rate".into(), rate("0.15"));
    assert!(parse_dataset(&serde_json::to_string(&v).unwrap()).is_ok());
}

#[test]
fn an_override_end_other_than_a_31_march_and_a_cost_year_not_written_as_one_are_refused() {
    // A reviewer's 30 September 2027 was counted from 31 March 2027, six months early, while
    // the pages said "the end date in the council's papers".
    let mut v = shipped();
    set(&mut v, "/high_needs/override_end/value", json!("2027-09-30"));
    set(&mut v, "/high_needs/placement_costs/0/year", json!("2025/26"));
    set(&mut v, "/high_needs/placement_costs/1/year", json!("last year"));
    set(&mut v, "/high_needs/placement_costs/2/year", json!("2025-27"));
    let all = issues(&v);
    assert_has(&all, "high_needs.override_end.value: expected a 31 March (the override ends with a financial year), got 30 September 2027");
    assert_has(&all, "high_needs.placement_costs[0].year: expected a financial year like \"2025-26\", got \"2025/26\"");
    assert_has(&all, "high_needs.placement_costs[1].year: expected a financial year like \"2025-26\", got \"last year\"");
    assert_has(&all, "high_needs.placement_costs[2].year: expected a financial year like \"2025-26\", got \"2025-27\"");
    let mut v = shipped();
    set(&mut v, "/high_needs/override_end/value", json!("2030-03-31"));
    assert!(parse_dataset(&serde_json::to_string(&v).unwrap()).is_ok(), "any 31 March is one");
}

#[test]
fn spend_to_date_is_measured_within_the_base_year() {
    // A trial's 2027/28 file kept "end of June 2025", and its Capital page said so.
    let mut v = shipped();
    set(&mut v, "/capital/spend_point", json!("end of June 2023"));
    assert_has(&issues(&v), "capital.spend_point: \"end of June 2023\" names June 2023, outside the base year 2024-25 (spend to date is measured within the year the figures are for)");
    set(&mut v, "/capital/spend_point", json!("end of June 2026"));
    assert_has(&issues(&v), "capital.spend_point: \"end of June 2026\" names June 2026, outside the base year 2024-25 (spend to date is measured within the year the figures are for)");
    // March 2025 is still 2024/25; an outturn reported by as_of (March 2025) passes, as does one
    // naming the year's end beside a later report; text naming no month is not read.
    for ok in ["end of March 2025", "end of april 2024", "quarter 3", "the end of the year", "Q3 2024/25", "June 2026 outturn report (year to 31 March 2025)"] {
        set(&mut v, "/capital/spend_point", json!(ok));
        assert!(parse_dataset(&serde_json::to_string(&v).unwrap()).is_ok(), "{ok}");
    }
}

#[test]
fn a_paper_dated_after_as_of_is_refused() {
    // as_of is the date of the latest paper cited: a reviewer's file with a paper dated a year
    // after it loaded without a word.
    let mut v = shipped();
    set(&mut v, "/documents/4/date", json!("2026-03-27"));
    assert_has(&issues(&v), "documents[4].date: 27 March 2026 is after as_of (27 March 2025), which is the date of the latest paper cited: is one of the two dates wrong?");
    // The day after is after; the same day is not.
    set(&mut v, "/documents/4/date", json!("2025-03-28"));
    assert_has(&issues(&v), "documents[4].date: 28 March 2025 is after as_of (27 March 2025), which is the date of the latest paper cited: is one of the two dates wrong?");
    set(&mut v, "/documents/4/date", json!("2025-03-27"));
    assert!(parse_dataset(&serde_json::to_string(&v).unwrap()).is_ok());
    // A paper known only to its month is after as_of only in a later month: it is filed under a
    // day of that month, which may fall after as_of's day.
    set(&mut v, "/documents/0/date", json!("2025-03-31"));
    assert!(parse_dataset(&serde_json::to_string(&v).unwrap()).is_ok(), "March 2025 is as_of's month");
    set(&mut v, "/documents/0/date", json!("2025-04-01"));
    assert_has(&issues(&v), "documents[0].date: April 2025 is after as_of (27 March 2025), which is the date of the latest paper cited: is one of the two dates wrong?");
}
