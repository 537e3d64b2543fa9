//! The dataset limits (`data::limits`): a file at each limit loads, one over is refused with a
//! message naming the list, the count and the limit, before the list is converted. Files are
//! made at test time from the shipped one.

mod common;

use dsg_explorer::data::{limits, parse_dataset};
use serde_json::{json, Value};

const HEREFORDSHIRE: &str = common::testing::Q2_JSON;

fn shipped() -> Value {
    serde_json::from_str(HEREFORDSHIRE).unwrap()
}

fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

fn issues(v: &Value) -> Vec<String> {
    match parse_dataset(&text(v)) {
        Ok(_) => panic!("expected the file to be refused"),
        Err(i) => i.iter().map(|i| i.to_string()).collect(),
    }
}

/// `n` papers: the shipped ones, then uncited ones with ids of their own.
fn with_documents(n: usize) -> Value {
    let mut v = shipped();
    let docs = v["documents"].as_array_mut().unwrap();
    let template = json!({"id": "", "title": "P", "date": "2024-01-31"});
    let mut i = 0;
    while docs.len() < n {
        let mut d = template.clone();
        d["id"] = json!(format!("e{i}"));
        docs.push(d);
        i += 1;
    }
    v
}

/// Makes the list at `pointer` `n` long by copying its first element, giving each copy a fresh id.
fn grow(v: &mut Value, pointer: &str, n: usize) {
    let list = v.pointer_mut(pointer).and_then(Value::as_array_mut).unwrap_or_else(|| panic!("no list at {pointer}"));
    // Papers: short ones, so 100,000 of them fit in the 5 MB a file may have.
    let first = if pointer == "/documents" { json!({"id": "", "title": "P", "date": "2024-01-31"}) } else { list[0].clone() };
    let mut i = 0;
    while list.len() < n {
        let mut x = first.clone();
        if x.get("id").is_some() {
            x["id"] = json!(format!("c{i}"));
        }
        list.push(x);
        i += 1;
    }
}

#[test]
fn documents_at_the_limit_load_and_one_more_is_refused() {
    let at = with_documents(limits::DOCUMENTS);
    let loaded = parse_dataset(&text(&at)).expect("100,000 papers load");
    assert_eq!(loaded.dataset.documents.len(), limits::DOCUMENTS);
    assert_eq!(loaded.dataset.documents[limits::DOCUMENTS - 1].id, format!("e{}", limits::DOCUMENTS - 6));

    let over = with_documents(limits::DOCUMENTS + 1);
    assert_eq!(issues(&over), vec!["documents: has 100,001 documents; the explorer reads at most 100,000"]);
}

#[test]
fn every_list_over_its_limit_is_named_with_count_and_limit() {
    for (path, noun, max) in limits::LISTS {
        let pointer = format!("/{}", path.replace('.', "/"));
        let mut v = shipped();
        if v.pointer(&pointer).and_then(Value::as_array).is_none_or(|l| l.is_empty()) {
            // An optional or empty list in the shipped file: give it one element of its kind.
            let sample = match *path {
                "capital.excluded" => json!({"id": "x", "name": "x", "amount": {"value": "0", "unit": "gbp", "status": "assumption", "reason": "r"}, "why": "w"}),
                other => panic!("the shipped file has no {other} to copy"),
            };
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            v.pointer_mut(parent).unwrap()[key] = json!([sample]);
        }
        grow(&mut v, &pointer, max + 1);
        let all = issues(&v);
        let expected = format!("{path}: has {} {noun}; the explorer reads at most {}", limits::thousands(max + 1), limits::thousands(*max));
        assert_eq!(all, vec![expected], "{path}");
    }
}

#[test]
fn schemes_and_placement_types_at_their_limits_are_not_refused_for_length() {
    for (pointer, max) in [("/capital/schemes", limits::SCHEMES), ("/high_needs/model/placements", limits::PLACEMENTS), ("/high_needs/forecasts", limits::FORECASTS)] {
        let mut v = shipped();
        grow(&mut v, pointer, max);
        // Copies may break other checks (a profile, a vintage's date), never the length one.
        if let Err(found) = parse_dataset(&text(&v)) {
            assert!(!found.iter().any(|i| i.message.contains("the explorer reads at most")), "{pointer}: {found:?}");
        }
    }
}

#[test]
fn a_profile_of_sixty_years_loads_and_sixty_one_is_refused() {
    let profile = |n: usize| -> Value {
        let mut m = serde_json::Map::new();
        for y in 0..n {
            let start = 2000 + y;
            m.insert(format!("{start}-{:02}", (start + 1) % 100), json!("0"));
        }
        Value::Object(m)
    };
    let mut v = shipped();
    v["capital"]["schemes"][0]["profile"] = profile(limits::PROFILE_YEARS);
    v["capital"]["schemes"][0]["total"]["value"] = json!("0");
    let at = parse_dataset(&text(&v));
    if let Err(found) = &at {
        assert!(!found.iter().any(|i| i.message.contains("the explorer reads at most")), "{found:?}");
    }
    v["capital"]["schemes"][0]["profile"] = profile(limits::PROFILE_YEARS + 1);
    assert_eq!(issues(&v), vec!["capital.schemes[0].profile: has 61 years; the explorer reads at most 60"]);
}

#[test]
fn too_many_figures_in_all_is_refused() {
    let mut v = shipped();
    // Schemes carry one figure each, placement costs one or two: together over 2,000.
    grow(&mut v, "/capital/schemes", limits::SCHEMES);
    grow(&mut v, "/high_needs/placement_costs", limits::PLACEMENT_COSTS);
    grow(&mut v, "/high_needs/forecasts", limits::FORECASTS);
    let excluded = json!({"id": "x", "name": "x", "amount": {"value": "0", "unit": "gbp", "status": "assumption", "reason": "r"}, "why": "w"});
    v["capital"]["excluded"] = json!([excluded]);
    grow(&mut v, "/capital/excluded", limits::EXCLUDED);
    let all = issues(&v);
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(all[0].starts_with("the file has ") && all[0].ends_with(" figures; the explorer reads at most 2,000"), "{}", all[0]);
}

#[test]
fn a_formula_of_too_many_terms_is_refused() {
    let mut v = shipped();
    let f = v.pointer_mut("/budget/management_action/formula").expect("a formula in the shipped file");
    let mut add = vec![json!("budget.forecast_overspend")];
    add.extend((0..limits::FORMULA_TERMS).map(|_| json!("budget.net_budget")));
    f["add"] = Value::Array(add);
    let all = issues(&v);
    assert_eq!(all, vec!["budget.management_action.formula.add: has 101 paths; the explorer reads at most 100"]);
}

#[test]
fn a_file_over_five_megabytes_is_refused_before_it_is_parsed() {
    // Valid JSON padded with spaces: only the size is wrong.
    let mut t = HEREFORDSHIRE.to_string();
    t.push_str(&" ".repeat(limits::FILE_BYTES + 1 - t.len()));
    let all = parse_dataset(&t).unwrap_err();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].to_string(), "the file is 5.0 MB; a dataset file is usually under 1 MB, and the explorer reads files of up to 5 MB");
    t.pop();
    assert!(parse_dataset(&t).is_ok(), "exactly 5,000,000 bytes load");
}

#[test]
fn deep_nesting_is_a_readable_error() {
    let t = format!("{{\"schema_version\": 1, \"id\": {}{}}}", "[".repeat(200), "]".repeat(200));
    let all = parse_dataset(&t).unwrap_err();
    assert_eq!(all.len(), 1);
    assert!(all[0].message.starts_with("not valid JSON: lists and objects are nested more than 128 levels deep"), "{}", all[0]);
}

#[test]
fn huge_numbers_are_a_readable_error() {
    let all = parse_dataset(&HEREFORDSHIRE.replacen("\"schema_version\": 1", "\"schema_version\": 1e400", 1)).unwrap_err();
    assert_eq!(all.len(), 1);
    assert!(all[0].message.starts_with("not valid JSON: number out of range"), "{}", all[0]);
}
