//! The sliced loader (`data::LoadJob`): stepped a little at a time it gives exactly what reading
//! the whole file at once gives (the same dataset, or the same issues in the same order), and it
//! never panics, whatever the file and wherever the slices end.

mod common;

use dsg_explorer::data::dataset::Dataset;
use dsg_explorer::data::json::{Ctx, FromJson, Issue};
use dsg_explorer::data::{parse_dataset, validate, LoadJob, Loaded, Step};
use proptest::prelude::*;
use serde_json::{json, Value};

const HEREFORDSHIRE: &str = common::testing::Q2_JSON;

fn shipped() -> Value {
    serde_json::from_str(HEREFORDSHIRE).unwrap()
}

/// Reading as the loader did before it was sliced: the whole value, then the whole-file checks.
/// The sliced job must agree with it on every file within the limits.
fn reference(text: &str) -> Result<Loaded, Vec<Issue>> {
    let value: Value = serde_json::from_str(text).map_err(|_| vec![])?;
    validate::check_version(&value).map_err(|i| vec![i])?;
    let mut cx = Ctx::default();
    let dataset = Dataset::from_json(&value, "", &mut cx);
    if let Some(ds) = &dataset {
        validate::check(ds, &mut cx);
    }
    match dataset {
        Some(dataset) if cx.issues.is_empty() => Ok(Loaded { dataset, figures: cx.figures, source: text.into() }),
        _ => Err(cx.issues),
    }
}

/// Runs a job with a clock that runs out after every `every` looks (at least one unit of work is
/// done per step), and counts the steps.
fn sliced(text: &str, every: usize) -> (Result<Loaded, Vec<Issue>>, usize) {
    let mut job = LoadJob::new(text.to_string());
    let mut steps = 0;
    loop {
        steps += 1;
        let mut looks = 0;
        let step = job.step(&mut || {
            looks += 1;
            looks >= every
        });
        match step {
            Step::Done(r) => return (r, steps),
            Step::Working(p) => {
                assert!(p.done <= p.total, "progress {p:?}");
                assert!(steps < 1_000_000, "the job does not finish");
            }
        }
    }
}

/// The shipped file with `n` more papers, some of them broken by `broken` (index, field, value).
fn with_documents(n: usize, broken: &[(usize, &str, Value)]) -> String {
    let mut v = shipped();
    let docs = v["documents"].as_array_mut().unwrap();
    for i in 0..n {
        docs.push(json!({"id": format!("extra-{i}"), "title": format!("Paper {i}"), "date": "2024-01-31", "body": "Cabinet"}));
    }
    let len = docs.len();
    for (i, field, value) in broken {
        docs[i % len][*field] = value.clone();
    }
    serde_json::to_string(&v).unwrap()
}

#[test]
fn the_sliced_job_loads_what_the_one_shot_parse_loads() {
    let text = with_documents(5_000, &[]);
    let whole = parse_dataset(&text).expect("loads");
    let (sliced_result, steps) = sliced(&text, 1);
    assert!(steps > 50, "5,000 papers take many slices, took {steps}");
    assert_eq!(sliced_result.expect("loads sliced"), whole);
    assert_eq!(reference(&text).expect("loads"), whole);
    assert_eq!(whole.dataset.documents.len(), 5_005);
}

#[test]
fn broken_papers_give_the_same_issues_in_the_same_order() {
    let text = with_documents(
        3_000,
        &[(7, "date", json!("31/01/2024")), (2_500, "title", json!(5)), (2_900, "id", json!("extra-1")), (3, "colour", json!("red"))],
    );
    // Also a problem before `documents` (in field order) and after it, to place the papers' issues.
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["base_year"] = json!(2024);
    v["budget"]["net_budget"]["value"] = json!("12,5");
    v["zzz"] = json!(1);
    let text = serde_json::to_string(&v).unwrap();
    let expected = reference(&text).unwrap_err();
    assert!(expected.len() >= 5, "{expected:?}");
    for every in [1, 2, 7, usize::MAX] {
        assert_eq!(sliced(&text, every).0.unwrap_err(), expected, "slices every {every}");
    }
    assert_eq!(parse_dataset(&text).unwrap_err(), expected);
}

#[test]
fn bad_json_in_one_paper_of_a_big_file_gives_the_whole_file_message() {
    // Big enough that the papers are split from the text and parsed one by one.
    let text = with_documents(5_000, &[]).replace("\"title\":\"Paper 4000\"", "\"title\":Paper 4000\"");
    assert!(text.len() > 300_000);
    let e = serde_json::from_str::<Value>(&text).unwrap_err();
    let all = parse_dataset(&text).unwrap_err();
    assert_eq!(all.len(), 1);
    assert!(all[0].message.starts_with("not valid JSON: no value where one should be: text must be in double quotes"), "{}", all[0].message);
    assert!(all[0].message.ends_with(&format!("(line {}, column {})", e.line(), e.column())), "{}", all[0].message);
    // Over the limit in a big file: refused before any paper is parsed.
    let mut v = shipped();
    let docs = v["documents"].as_array_mut().unwrap();
    for i in 0..100_001 {
        docs.push(json!({"id": format!("e{i}"), "title": "P", "date": "2024-01-31"}));
    }
    let over = serde_json::to_string(&v).unwrap();
    assert!(over.len() < 5_000_000);
    assert_eq!(parse_dataset(&over).unwrap_err()[0].to_string(), "documents: has 100,006 documents; the explorer reads at most 100,000");
}

#[test]
fn a_spent_job_says_so_and_does_not_panic() {
    let mut job = LoadJob::new(HEREFORDSHIRE.to_string());
    assert!(matches!(job.step(&mut || false), Step::Done(Ok(_))));
    match job.step(&mut || false) {
        Step::Done(Err(issues)) => assert_eq!(issues[0].message, "this load has already finished"),
        other => panic!("{other:?}"),
    }
}

fn broken_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!(5)),
        Just(json!("")),
        Just(json!("2024-02-30")),
        Just(json!([])),
        Just(json!({})),
        Just(json!("<script>alert(1)</script>")),
        Just(json!("extra-0")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random broken papers, sliced at random: the issues of reading the whole file at once.
    #[test]
    fn sliced_equals_whole_for_random_broken_papers(
        n in 0usize..400,
        broken in prop::collection::vec((0usize..500, prop::sample::select(vec!["id", "title", "date", "body", "url", "note", "other"]), broken_value()), 0..6),
        every in 1usize..5,
    ) {
        let broken: Vec<(usize, &str, Value)> = broken.into_iter().collect();
        let text = with_documents(n, &broken);
        let expected = reference(&text);
        let (got, _) = sliced(&text, every);
        prop_assert_eq!(got, expected);
    }

    /// Truncated and corrupted files never panic, sliced or not, and every issue has a message.
    #[test]
    fn never_panics_on_cut_or_corrupted_text(cut in 0usize..100_000, flips in prop::collection::vec((0usize..100_000, any::<u8>()), 0..8), every in 1usize..4) {
        let mut bytes = with_documents(300, &[]).into_bytes();
        for (at, b) in flips {
            let at = at % bytes.len();
            bytes[at] = b;
        }
        bytes.truncate(cut % (bytes.len() + 1));
        let text = String::from_utf8_lossy(&bytes).into_owned();
        for r in [parse_dataset(&text), sliced(&text, every).0] {
            if let Err(issues) = r {
                prop_assert!(!issues.is_empty());
                prop_assert!(issues.iter().all(|i| !i.message.is_empty()));
            }
        }
    }
}

#[test]
fn a_key_given_twice_is_refused_at_its_path_in_a_small_file_and_a_big_one() {
    let twice = "this key is given 2 times in the same object; give it once (programs differ over which one counts)";
    for extra in [4, 5_000] {
        // The first scheme's profile gives 2024-25 twice, and the fourth added paper its id.
        let text = with_documents(extra, &[]).replacen("\"profile\":{", "\"profile\":{\"2024-25\":\"1\",", 1).replacen(
            "\"id\":\"extra-3\"",
            "\"id\":\"extra-3\",\"id\":\"extra-3b\"",
            1,
        );
        assert_eq!(text.len() > 300_000, extra == 5_000, "the big file is split, the small one is not");
        let all = parse_dataset(&text).unwrap_err();
        let shown: Vec<String> = all.iter().map(|i| i.to_string()).collect();
        assert_eq!(shown[..2], [format!("capital.schemes[0].profile[2024-25]: {twice}"), format!("documents[8].id: {twice}")], "{extra} papers");
        for every in [1, 3] {
            assert_eq!(sliced(&text, every).0.unwrap_err(), all, "{extra} papers, slices every {every}");
        }
        // Without the repeats the same file loads.
        assert!(parse_dataset(&with_documents(extra, &[])).is_ok());
    }
}

#[test]
fn past_a_hundred_repeated_keys_the_rest_are_counted() {
    // 150 papers, each giving its title twice.
    let text = with_documents(150, &[]).replace("\"title\":\"Paper ", "\"title\":\"x\",\"title\":\"Paper ");
    let all = parse_dataset(&text).unwrap_err();
    assert!(all.len() > 100, "{all:?}");
    let listed: Vec<String> = all[..100].iter().map(|i| i.to_string()).collect();
    let expected: Vec<String> = (5..105).map(|d| format!("documents[{d}].title: this key is given 2 times in the same object; give it once (programs differ over which one counts)")).collect();
    assert_eq!(listed, expected);
    assert_eq!(all[100].to_string(), "50 more keys are each given more than once (the first 100 are listed above)");
}
