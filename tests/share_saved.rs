//! Saved scenarios (storage, export, import, merge, rename, delete) and the CSV writer: pure
//! functions over user input, so every bad input is reported and none panics.

mod common;


use dsg_explorer::model::dsg::Baseline;
use dsg_explorer::model::scenario::Scenario;
use dsg_explorer::share::codec::{decode, encode, from_query, to_query};
use dsg_explorer::share::csv;
use dsg_explorer::share::saved::{self, Saved, STORAGE_PREFIX};
use proptest::prelude::*;

fn baseline() -> Baseline {
    let loaded = common::testing::q2();
    Baseline::from_dataset(&loaded.dataset)
}

fn entry(id: &str, name: &str, query: &str, time: &str) -> Saved {
    Saved::new(id, name, query, time).expect("a good entry")
}

// ---------------------------------------------------------------------------------------------
// Saved scenarios

#[test]
fn a_saved_scenario_reopens_exactly_the_same_numbers() {
    let b = baseline();
    let mut s = Scenario::default_for(&b);
    s.set("hn.growth.independent", "14", &b).unwrap();
    s.set("hn.override", "2027-28", &b).unwrap();
    s.set("rev.atrisk", "35", &b).unwrap();
    let q = to_query(&encode(&s, &b, "herefordshire", "2024-25-q2.1"));
    let e = entry("s1", "  Ten   per cent\tgrowth ", &q, "2025-03-05T14:03:22.123Z");
    assert_eq!(e.name, "Ten per cent growth");
    assert_eq!((e.data.as_str(), e.dv.as_str()), ("herefordshire", "2024-25-q2.1"));
    // Through storage and back.
    let stored = saved::read_storage([(e.key(), e.to_json())]);
    assert_eq!(stored.problems, vec![]);
    assert_eq!(stored.entries, vec![e.clone()]);
    let d = decode(&from_query(&stored.entries[0].query), &b);
    assert_eq!(d.notices, vec![]);
    assert_eq!(d.scenario, s);
    // Through an export file and back.
    let file = saved::to_file(&stored.entries, "2025-03-06T09:00:00.000Z");
    let imp = saved::parse_file(&file).unwrap();
    assert_eq!(imp.problems, vec![]);
    assert_eq!(imp.entries.len(), 1);
    assert!(imp.entries[0].same_as(&e));
    assert_eq!(decode(&from_query(&imp.entries[0].query), &b).scenario, s);
}

#[test]
fn the_page_is_never_part_of_a_saved_scenario() {
    let e = entry("s1", "x", "?page=high-needs&v=1&data=herefordshire&dv=1&hn.transfer=0.5", "");
    assert_eq!(e.query, "v=1&data=herefordshire&dv=1&hn.transfer=0.5");
}

#[test]
fn a_corrupt_entry_in_storage_is_reported_and_the_others_kept() {
    let a = entry("a1", "First", "v=1&data=herefordshire&dv=1&hn.transfer=0.5", "2025-01-01T10:00:00.000Z");
    let c = entry("c3", "Third", "v=1&data=herefordshire&dv=1", "2025-01-03T10:00:00.000Z");
    let items = vec![
        (c.key(), c.to_json()),
        (format!("{STORAGE_PREFIX}b2"), "{\"name\":\"Second\",\"query\":\"v=1&da".to_string()), // cut off mid-write
        ("some-other-app.key".to_string(), "not ours".to_string()),
        (a.key(), a.to_json()),
        (format!("{STORAGE_PREFIX}d4"), "{\"name\":\"\",\"query\":\"v=1&data=x\"}".to_string()),
        (format!("{STORAGE_PREFIX}e5"), "[1,2]".to_string()),
        (format!("{STORAGE_PREFIX}f6"), "{\"name\":\"No version\",\"query\":\"data=x\"}".to_string()),
        (format!("{STORAGE_PREFIX}g7"), "{\"name\":7,\"query\":\"v=1&data=x\"}".to_string()),
        (format!("{STORAGE_PREFIX}bad key!"), a.to_json()),
    ];
    let stored = saved::read_storage(items);
    assert_eq!(stored.entries, vec![a, c], "good entries kept, oldest first");
    let places: Vec<&str> = stored.problems.iter().map(|p| p.place.as_str()).collect();
    assert_eq!(
        places,
        vec![
            "dsg-explorer.saved.v1.b2",
            "dsg-explorer.saved.v1.bad key!",
            "dsg-explorer.saved.v1.d4",
            "dsg-explorer.saved.v1.e5",
            "dsg-explorer.saved.v1.f6",
            "dsg-explorer.saved.v1.g7"
        ]
    );
    let reason = |k: &str| stored.problems.iter().find(|p| p.place.ends_with(k)).unwrap().reason.clone();
    assert!(reason(".b2").contains("not valid JSON"), "{}", reason(".b2"));
    assert!(reason(".d4").contains("name is empty"));
    assert!(reason(".e5").contains("a list"));
    assert!(reason(".f6").contains("version"));
    assert!(reason(".g7").contains("\"name\" as a number"));
}

#[test]
fn importing_a_file_with_one_corrupt_entry_reports_it_by_index_and_keeps_the_others() {
    let file = r#"{
      "format": "dsg-explorer/saved-scenarios", "version": 1, "exported": "2025-03-06T09:00:00.000Z",
      "scenarios": [
        { "name": "Fast growth", "query": "v=1&data=herefordshire&dv=2024-25-q2.1&hn.growth.independent=14", "saved": "2025-03-01T09:00:00.000Z" },
        { "name": "Broken", "query": 42 },
        "not an entry",
        { "name": "Override to 2028", "query": "v=1&data=herefordshire&dv=2024-25-q2.1&hn.override=2027-28" },
        { "name": "Wrong data", "data": "elsewhere", "query": "v=1&data=herefordshire" }
      ]
    }"#;
    let imp = saved::parse_file(file).unwrap();
    assert_eq!(imp.entries.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), vec!["Fast growth", "Override to 2028"]);
    assert_eq!(imp.problems.iter().map(|p| (p.index, p.place.as_str())).collect::<Vec<_>>(), vec![(Some(1), "entry 2"), (Some(2), "entry 3"), (Some(4), "entry 5")]);
    assert!(imp.problems[0].reason.contains("\"query\" as a number"), "{}", imp.problems[0].reason);
    assert!(imp.problems[1].reason.contains("text"), "{}", imp.problems[1].reason);
    assert!(imp.problems[2].reason.contains("elsewhere"), "{}", imp.problems[2].reason);
    assert_eq!(imp.entries[0].dv, "2024-25-q2.1", "dataset version read from the query");
}

#[test]
fn files_that_are_not_saved_scenarios_fail_as_a_whole_with_a_reason() {
    for (text, says) in [
        ("", "not valid JSON"),
        ("{\"format\":\"something-else\",\"scenarios\":[]}", "something-else"),
        ("{\"hello\":1}", "not a saved-scenarios file"),
        ("{\"format\":\"dsg-explorer/saved-scenarios\",\"scenarios\":{}}", "not a list"),
        ("12", "a number"),
    ] {
        let e = saved::parse_file(text).unwrap_err();
        assert!(e.contains(says), "{text}: {e}");
    }
    // A bare list is read; a newer format version is read with a note.
    assert_eq!(saved::parse_file("[{\"name\":\"a\",\"query\":\"v=1&data=x\"}]").unwrap().entries.len(), 1);
    let newer = saved::parse_file("{\"format\":\"dsg-explorer/saved-scenarios\",\"version\":9,\"scenarios\":[]}").unwrap();
    assert_eq!(newer.notes.len(), 1);
    // A byte-order mark from an editor does not matter.
    assert!(saved::parse_file("\u{feff}[]").is_ok());
}

#[test]
fn merging_never_replaces_skips_identical_entries_and_renames_clashes() {
    let a = entry("a", "Fast growth", "v=1&data=h&dv=1&hn.transfer=0.5", "2025-01-01T00:00:00.000Z");
    let existing = vec![a.clone()];
    let incoming = vec![
        entry("", "Fast growth", "v=1&data=h&dv=1&hn.transfer=0.5", "2025-02-01T00:00:00.000Z"), // same: skipped
        entry("", "fast growth", "v=1&data=h&dv=1&hn.transfer=0.3", ""),                           // name taken: renamed
        entry("", "New", "v=1&data=h&dv=1", ""),
        entry("", "New", "v=1&data=h&dv=1", ""), // repeated within the file: skipped
    ];
    let mut n = 0;
    let m = saved::merge(&existing, incoming, |all| {
        n += 1;
        saved::new_id(1000 + n, all)
    });
    assert_eq!(m.duplicates, vec!["Fast growth".to_string(), "New".to_string()]);
    assert_eq!(m.renamed, vec![("fast growth".to_string(), "fast growth (2)".to_string())]);
    assert_eq!(m.added.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), vec!["fast growth (2)", "New"]);
    let ids: Vec<&str> = m.added.iter().map(|e| e.id.as_str()).collect();
    assert!(ids.iter().all(|i| !i.is_empty() && *i != "a"));
    assert_ne!(ids[0], ids[1]);
}

#[test]
fn rename_and_delete_on_a_list() {
    let mut list = vec![entry("a", "One", "v=1&data=h", ""), entry("b", "Two", "v=1&data=h", "")];
    assert!(saved::rename(&mut list, "a", "two").unwrap_err().contains("already called"));
    assert!(saved::rename(&mut list, "a", "   ").unwrap_err().contains("empty"));
    assert!(saved::rename(&mut list, "a", &"x".repeat(101)).unwrap_err().contains("101 characters"));
    assert!(saved::rename(&mut list, "zz", "Three").is_err());
    let changed = saved::rename(&mut list, "a", " One, revised ").unwrap();
    assert_eq!(changed.name, "One, revised");
    assert_eq!(list[0].name, "One, revised");
    assert_eq!(saved::rename(&mut list, "a", "ONE, REVISED").unwrap().name, "ONE, REVISED", "an entry may keep its own name in new case");
    assert_eq!(saved::delete(&mut list, "b").map(|e| e.id), Some("b".to_string()));
    assert_eq!(saved::delete(&mut list, "b"), None);
    assert_eq!(list.len(), 1);
}

#[test]
fn ids_and_names_are_unique() {
    let list = vec![entry("s3e8", "A", "v=1&data=h", ""), entry("s3e8-2", "A (2)", "v=1&data=h", "")];
    assert_eq!(saved::new_id(1000, &list), "s3e8-3");
    assert_eq!(saved::new_id(1001, &list), "s3e9");
    assert_eq!(saved::unique_name("a", &list), "a (3)");
    assert_eq!(saved::unique_name("B", &list), "B");
    let long = "x".repeat(100);
    assert_eq!(saved::unique_name(&long, &[entry("l", &long, "v=1&data=h", "")]).chars().count(), 100);
}

#[test]
fn times_are_shown_in_words() {
    assert_eq!(saved::display_time("2025-03-05T14:03:22.123Z"), "5 March 2025, 14:03 UTC");
    assert_eq!(saved::display_time("junk"), "junk");
    assert_eq!(saved::display_time("2025-13-05T14:03"), "2025-13-05T14:03");
    assert_eq!(saved::display_time(""), "");
}

proptest! {
    #[test]
    fn storage_and_files_never_panic(key in ".{0,40}", value in ".{0,200}") {
        let _ = saved::read_storage([(format!("{STORAGE_PREFIX}{key}"), value.clone())]);
        let _ = saved::parse_file(&value);
        let _ = saved::parse_file(&format!("{{\"scenarios\":[{value}]}}"));
        let _ = saved::display_time(&value);
    }

    #[test]
    fn a_good_entry_survives_storage(name in "[a-zA-Z0-9 ,.'()£-]{1,60}", transfer in 0u32..=5) {
        let q = format!("v=1&data=herefordshire&dv=1&hn.transfer=0.{transfer}");
        if let Ok(e) = Saved::new("s1", &name, &q, "2025-01-01T00:00:00.000Z") {
            let st = saved::read_storage([(e.key(), e.to_json())]);
            prop_assert_eq!(st.entries, vec![e]);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// CSV

#[test]
fn csv_quotes_what_it_must_and_ends_lines_with_crlf() {
    let out = csv::write(&["Year", "Note"], &[vec!["2024/25".into(), "plain".into()], vec!["a,b".into(), "say \"hi\"\nbye".into()]]);
    assert_eq!(out, "Year,Note\r\n2024/25,plain\r\n\"a,b\",\"say \"\"hi\"\"\nbye\"\r\n");
}

#[test]
fn csv_writes_shown_amounts_as_exact_plain_numbers() {
    let headers = ["Year", "Deficit", "Share", "Rounded"];
    let rows = vec![
        vec!["2024/25".to_string(), "£6,100,000".into(), "28%".into(), "£13.7m".into()],
        vec!["2025/26".to_string(), "−£1,234.50".into(), "yes".into(), "£0".into()],
        vec!["2026/27".to_string(), "£999".into(), "".into(), "£1,2345".into()],
        // Compare's differences carry their sign: a plain number, not text a spreadsheet is told
        // not to read as a formula ("'+£14,009,560.13").
        vec!["Difference".to_string(), "+£14,009,560.13".into(), "+14%".into(), "+£".into()],
    ];
    let out = csv::table(&headers, &rows);
    assert_eq!(out, "Year,Deficit,Share,Rounded\r\n2024/25,6100000,28%,£13.7m\r\n2025/26,-1234.50,yes,0\r\n2026/27,999,,\"£1,2345\"\r\nDifference,14009560.13,'+14%,'+£\r\n");
}

#[test]
fn csv_amounts_match_the_money_formatter_exactly() {
    use dsg_explorer::units::money::{gbp, lit};
    for s in ["0", "1", "999.99", "1000", "6100000", "-7600000", "123456789.05", "-0.5", "13700000.004"] {
        let d = lit(s);
        let shown = gbp(d);
        let plain = csv::plain_amount(&shown).unwrap_or_else(|| panic!("{shown}"));
        let back = lit(&plain);
        assert_eq!(back, dsg_explorer::units::money::round_display(d, 2), "{s} -> {shown} -> {plain}");
    }
}

#[test]
fn csv_never_lets_a_cell_run_as_a_formula() {
    assert_eq!(csv::field("=SUM(A1)"), "'=SUM(A1)");
    assert_eq!(csv::field("+1"), "'+1");
    assert_eq!(csv::field("@x"), "'@x");
    assert_eq!(csv::field("-cmd"), "'-cmd");
    assert_eq!(csv::field("-1234.5"), "-1234.5");
    assert_eq!(csv::field("=a,b"), "\"'=a,b\"");
}

proptest! {
    #[test]
    fn csv_fields_round_trip_through_a_simple_reader(cells in proptest::collection::vec("[a-z0-9 ,\"\n]{0,12}", 1..6)) {
        let line = csv::record(&cells);
        prop_assert_eq!(read_record(&line), cells);
    }
}

/// A minimal RFC 4180 reader for one record, for the round trip above.
fn read_record(s: &str) -> Vec<String> {
    let s = s.strip_suffix("\r\n").unwrap_or(s);
    let mut out = vec![];
    let mut cur = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (false, '"') if at_start => quoted = true,
            (true, '"') if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (false, ',') => {
                out.push(std::mem::take(&mut cur));
                at_start = true;
                continue;
            }
            (_, c) => cur.push(c),
        }
        at_start = false;
    }
    out.push(cur);
    out
}

#[test]
fn a_file_longer_than_the_import_limit_says_which_entries_were_left_in_counts_with_separators() {
    let one = r#"{ "name": "n", "query": "v=2&data=herefordshire" }"#;
    let file = format!("[{}]", vec![one; 1_200].join(","));
    let imp = saved::parse_file(&file).unwrap();
    assert_eq!(imp.entries.len(), 1_000);
    let last = imp.problems.last().unwrap();
    assert_eq!((last.place.as_str(), last.reason.as_str()), ("entries 1,001 to 1,200", "only the first 1,000 entries of a file are read"));
}
