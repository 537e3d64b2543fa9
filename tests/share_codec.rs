//! The URL codec: round trips, defaults omitted, bad parameters named, never a panic.

mod common;


use dsg_explorer::model::dsg::Baseline;
use dsg_explorer::model::levers::{Control, LEVERS};
use dsg_explorer::model::scenario::{Scenario, SchemeMove};
use dsg_explorer::share::codec::{decode, encode, from_query, to_query, FORMAT_VERSION, LISTED, ONCE};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn baseline() -> Baseline {
    let loaded = common::testing::q2();
    Baseline::from_dataset(&loaded.dataset)
}

#[test]
fn default_scenario_writes_only_version_and_dataset() {
    let b = baseline();
    let q = to_query(&encode(&Scenario::default_for(&b), &b, "herefordshire", "2024-25-q2.1"));
    assert_eq!(q, format!("v={FORMAT_VERSION}&data=herefordshire&dv=2024-25-q2.1"));
}

#[test]
fn changed_levers_are_written_by_name_and_read_back() {
    let b = baseline();
    let mut s = Scenario::default_for(&b);
    s.set("hn.growth.independent", "12.5", &b).unwrap();
    s.set("hn.override", "2027-28", &b).unwrap();
    s.set("cap.mrp", "annuity", &b).unwrap();
    s.set("rev.atrisk", "50", &b).unwrap();
    let q = to_query(&encode(&s, &b, "herefordshire", "x"));
    assert!(q.contains("hn.growth.independent=12.5"), "{q}");
    assert!(q.contains("hn.override=2027-28"), "{q}");
    assert!(q.contains("cap.mrp=annuity"), "{q}");
    assert!(!q.contains('+'));
    let d = decode(&from_query(&q), &b);
    assert_eq!(d.notices, vec![]);
    assert_eq!(d.scenario, s);
}

#[test]
fn bad_parameters_are_named_and_fall_back_alone() {
    let b = baseline();
    let d = decode(&from_query("v=2&hn.transfer=banana&hn.growth.mainstream=11&hn.horizon=99&zzz=1&hn.override=2020-21"), &b);
    let named: Vec<&str> = d.notices.iter().map(|n| n.param.as_str()).collect();
    assert_eq!(named, vec!["hn.transfer", "hn.horizon", "zzz", "hn.override"]);
    let defaults = Scenario::default_for(&b);
    assert_eq!(d.scenario.get("hn.transfer"), defaults.get("hn.transfer"));
    assert_eq!(d.scenario.get("hn.horizon"), defaults.get("hn.horizon"));
    assert_eq!(d.scenario.get("hn.growth.mainstream").as_deref(), Some("11"), "the good parameter is kept");
    assert!(d.notices[0].message.contains("banana"));
    assert!(d.notices[2].message.contains("not a parameter"));
}

#[test]
fn half_a_place_and_a_fraction_of_a_penny_are_named_but_a_precise_rate_is_kept() {
    // A reviewer's link: "60.5 places a year" was shown, and a saving of 12345.678 kept in the
    // link while the page said £12,345.68. A rate between a slider's steps is a council's own
    // figure (4.25%) and stays, shown exactly in the number box.
    let b = baseline();
    let d = decode(&from_query("v=2&hn.places.per_year=60.5&hn.saving.amount=12345.678&hn.support.cost=1000.5&hn.growth.independent=12.25"), &b);
    let named: Vec<(&str, &str)> = d.notices.iter().map(|n| (n.param.as_str(), n.message.as_str())).collect();
    assert_eq!(named.len(), 2, "{named:?}");
    assert_eq!(named[0].0, "hn.places.per_year");
    assert!(named[0].1.contains("whole number") && named[0].1.contains("60.5"), "{named:?}");
    assert_eq!(named[1].0, "hn.saving.amount");
    assert!(named[1].1.contains("pounds and pence") && named[1].1.contains("12345.678"), "{named:?}");
    let defaults = Scenario::default_for(&b);
    assert_eq!(d.scenario.get("hn.places.per_year"), defaults.get("hn.places.per_year"));
    assert_eq!(d.scenario.get("hn.saving.amount"), defaults.get("hn.saving.amount"));
    assert_eq!(d.scenario.get("hn.growth.independent").as_deref(), Some("12.25"));
    assert_eq!(d.scenario.get("hn.support.cost").as_deref(), Some("1000.5"), "50p is to the penny");
}

#[test]
fn newer_format_is_read_with_a_notice() {
    let b = baseline();
    let d = decode(&from_query("v=7&hn.growth.mainstream=11"), &b);
    assert_eq!(d.notices.len(), 1);
    assert_eq!(d.notices[0].param, "v");
    // Shown after the name, as every notice is: "v is format 7: …".
    assert_eq!(d.notices[0].message, format!("is format 7: this link was made by a newer version of the explorer than this one (format {FORMAT_VERSION}), so parameters this version does not know are ignored"));
    assert_eq!(d.scenario.get("hn.growth.mainstream").as_deref(), Some("11"));
    assert_eq!(decode(&from_query("v="), &b).notices[0].message, format!("is empty; the rest is read as format {FORMAT_VERSION}"));
    let odd = decode(&from_query("v=abc"), &b);
    assert_eq!(odd.notices[0].message, format!("is \"abc\", not a link format this explorer knows; the rest is read as format {FORMAT_VERSION}"));
}

#[test]
fn scheme_moves_round_trip_and_bad_ones_are_reported() {
    let b = baseline();
    let mut s = Scenario::default_for(&b);
    s.moves.push(SchemeMove::parse("roads~2024-25~2025-26~125000.50").unwrap());
    let q = to_query(&encode(&s, &b, "h", "1"));
    assert!(q.contains("cap.move=roads~2024-25~2025-26~125000.5"), "{q}");
    assert_eq!(decode(&from_query(&q), &b).scenario, s);
    let d = decode(&from_query("cap.move=roads~2024~2025-26~1"), &b);
    assert_eq!(d.notices[0].param, "cap.move");
    assert!(d.scenario.moves.is_empty());
}

fn lever_value(control: &Control, pick: u64) -> String {
    match control {
        Control::Number { min, max, step, .. } => {
            let steps = ((*max - *min) / *step).trunc();
            let n = Decimal::from(pick) % (steps + Decimal::ONE);
            (*min + n * *step).normalize().to_string()
        }
        Control::Choice { options } => options[(pick as usize) % options.len()].0.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any scenario of in-range values survives encode -> query text -> decode unchanged.
    #[test]
    fn codec_round_trips_random_scenarios(picks in proptest::collection::vec((any::<bool>(), any::<u64>()), 60)) {
        let b = baseline();
        let mut s = Scenario::default_for(&b);
        // Levers for a placement kind these figures lack are not carried (tests/placement_kinds.rs).
        for (lever, (on, pick)) in LEVERS.iter().filter(|l| l.applies(&b)).zip(picks) {
            if on {
                let v = lever_value(&lever.control(&b), pick);
                s.set(lever.key, &v, &b).unwrap();
            }
        }
        let q = to_query(&encode(&s, &b, "herefordshire", "2024-25-q2.1"));
        let d = decode(&from_query(&q), &b);
        prop_assert_eq!(d.notices, vec![]);
        prop_assert_eq!(d.scenario, s);
    }

    /// Arbitrary query text never panics, and every notice names a parameter of the link (by
    /// the name the link gives it; only a value with no name at all has an empty one).
    #[test]
    fn decoding_arbitrary_queries_never_panics(q in ".{0,200}") {
        let b = baseline();
        let pairs = from_query(&q);
        let d = decode(&pairs, &b);
        for n in d.notices {
            prop_assert!(pairs.iter().any(|(k, _)| *k == n.param), "notice for {:?}, not a parameter of {:?}", n.param, q);
            prop_assert!(!n.param.is_empty() || n.message.contains("no parameter name"), "{:?}", n);
        }
    }

    /// A link with reserved parameters among the levers: each repeat of a parameter that may be
    /// given once is named, once per extra value; nothing else about the reserved ones is a
    /// notice of the codec's (their values are read by `route` and `open`); the levers still
    /// round-trip.
    #[test]
    fn reserved_parameters_are_passed_over_and_repeats_named(
        picks in proptest::collection::vec((any::<bool>(), any::<u64>()), 60),
        reserved in proptest::collection::vec((0usize..ONCE.len(), "[a-z0-9./:%-]{0,12}"), 0..8),
        at in proptest::collection::vec(any::<prop::sample::Index>(), 8),
    ) {
        let b = baseline();
        let mut s = Scenario::default_for(&b);
        for (lever, (on, pick)) in LEVERS.iter().filter(|l| l.applies(&b)).zip(picks) {
            if on {
                s.set(lever.key, &lever_value(&lever.control(&b), pick), &b).unwrap();
            }
        }
        let mut pairs: Vec<(String, String)> = encode(&s, &b, "herefordshire", "2024-25-q2.1").into_iter().filter(|(k, _)| k != "v" && k != "data" && k != "dv").collect();
        for ((i, value), place) in reserved.iter().zip(at) {
            let n = place.index(pairs.len() + 1);
            pairs.insert(n, (ONCE[*i].to_string(), value.clone()));
        }
        let q = to_query(&pairs);
        let d = decode(&from_query(&q), &b);
        for name in ONCE {
            let given = pairs.iter().filter(|(k, _)| k == name).count();
            // One notice for a name however often it repeats, saying how often.
            let named: Vec<_> = d.notices.iter().filter(|n| n.param == *name && n.message.contains("more than once")).collect();
            prop_assert_eq!(named.len(), usize::from(given > 1), "{} in {}", name, q);
            if given > 2 {
                let others = if given == 3 { "and 1 other were ignored".to_string() } else { format!("and {} others were ignored", given - 2) };
                prop_assert!(named[0].message.contains(&format!("({given} times)")) && named[0].message.contains(&others), "{:?}", named[0]);
            }
        }
        // `v` is the one reserved value the codec reads itself (migrate): any other notice is a repeat.
        // So is `embed`, whose only value is 1.
        let v_ok = pairs.iter().find(|(k, _)| k == "v").is_none_or(|(_, v)| v == "1");
        let embed_ok = pairs.iter().find(|(k, _)| k == "embed").is_none_or(|(_, v)| v == "1");
        for n in &d.notices {
            prop_assert!(n.message.contains("more than once") || (n.param == "v" && !v_ok) || (n.param == "embed" && !embed_ok), "unexpected {:?} for {}", n, q);
        }
        // A format-1 link (the first `v` is 1) without `hn.start` is migrated to start from the
        // dataset's base-year figures (the vintage holding them, by its id); any other link keeps
        // the encoded starting point.
        let mut want = s.clone();
        if pairs.iter().find(|(k, _)| k == "v").is_some_and(|(_, v)| v == "1") && !pairs.iter().any(|(k, _)| k == "hn.start") {
            want.hn.start = b.starts[b.base_start()].id.clone();
        }
        prop_assert_eq!(d.scenario, want);
    }
}

#[test]
fn repeated_reserved_parameters_are_named() {
    let b = baseline();
    let d = decode(&from_query("page=capital&page=admin&data=h&data=w&dv=1&dv=2&src=a.json&src=b.json&v=1&v=2&cap.move=x&cmp=1&cmp=2"), &b);
    let named: Vec<&str> = d.notices.iter().map(|n| n.param.as_str()).collect();
    assert_eq!(named, vec!["page", "data", "dv", "src", "v", "cap.move", "cmp"]);
    assert!(d.notices[0].message.contains("\"admin\" was ignored"), "{}", d.notices[0].message);
    assert_eq!(d.notices[5].param, "cap.move", "cap.move may repeat: its notice is about the bad move, not a repeat");
    assert!(!d.notices[5].message.contains("more than once"));
}

#[test]
fn a_value_with_no_name_is_reported() {
    let b = baseline();
    let d = decode(&from_query("=12&hn.horizon=12"), &b);
    assert_eq!(d.notices.len(), 1);
    assert!(d.notices[0].message.contains("no parameter name (\"12\")"), "{}", d.notices[0].message);
    assert_eq!(d.scenario.get("hn.horizon").as_deref(), Some("12"));
}

#[test]
fn an_out_of_range_notice_names_the_parameter_once() {
    let b = baseline();
    for q in ["cap.life=1000", "rev.atrisk=1000", "hn.horizon=99", "mc.draws=1", "cap.life=NaN", "hn.growth.mainstream=abc"] {
        let d = decode(&from_query(q), &b);
        assert_eq!(d.notices.len(), 1, "{q}");
        let key = q.split('=').next().unwrap();
        assert_eq!(d.notices[0].param, key);
        assert!(!d.notices[0].message.contains(key), "{q}: the message repeats the name: {}", d.notices[0].message);
        assert!(d.notices[0].message.ends_with("the default was used instead"), "{}", d.notices[0].message);
    }
}

#[test]
fn a_huge_value_is_named_with_a_short_quote() {
    let b = baseline();
    let huge = "9".repeat(100_000);
    for key in ["hn.horizon", "rev.atrisk", "mc.draws", "hn.override", "cap.mrp"] {
        let d = decode(&from_query(&format!("{key}=x{huge}")), &b);
        assert_eq!(d.notices.len(), 1, "{key}");
        assert!(d.notices[0].message.chars().count() < 400, "{key}: a notice of {} characters", d.notices[0].message.chars().count());
        assert!(d.notices[0].message.contains("\"x999"), "{key}: {}", &d.notices[0].message[..200.min(d.notices[0].message.len())]);
    }
}

#[test]
fn embed_is_reserved_and_only_one_is_understood() {
    let b = baseline();
    assert!(decode(&from_query("v=2&embed=1&hn.transfer=0.5"), &b).notices.is_empty());
    let d = decode(&from_query("v=2&embed=yes"), &b);
    assert_eq!(d.notices.iter().map(|n| n.param.as_str()).collect::<Vec<_>>(), ["embed"]);
    let d = decode(&from_query("v=2&embed=1&embed=1"), &b);
    assert_eq!(d.notices.len(), 1, "a repeat is named");
}

#[test]
fn a_link_of_many_repeats_or_unknown_names_gives_a_short_list() {
    // A reviewer's link with 300 copies of one lever gave a notice of 301 lines, 7,302 px tall.
    let b = baseline();
    let mut q = "hn.inflation=3".to_string();
    for _ in 0..1199 {
        q.push_str("&hn.inflation=4");
    }
    for i in 0..1500 {
        q.push_str(&format!("&u{i}=1"));
    }
    for _ in 0..1040 {
        q.push_str("&cap.move=nonsense");
    }
    let d = decode(&from_query(&q), &b);
    let repeats: Vec<_> = d.notices.iter().filter(|n| n.param == "hn.inflation").collect();
    assert_eq!(repeats.len(), 1);
    assert_eq!(repeats[0].message, "appears more than once (1,200 times); only the first value is read, and \"4\" and 1,198 others were ignored");
    let two = decode(&from_query("hn.inflation=3&hn.inflation=5"), &b);
    assert_eq!(two.notices.len(), 1);
    assert_eq!(two.notices[0].message, "appears more than once; only the first value is read, and \"5\" was ignored");
    let three = decode(&from_query("v=2&v=3&v=4"), &b);
    assert_eq!(three.notices[0].message, "appears more than once (3 times); only the first value is read, and \"3\" and 1 other were ignored");
    // A refused first value leaves the default, and the later one is not taken in its place: the
    // two notices agree (a review read "the first value was used" beside "the default was used").
    let refused = decode(&from_query("hn.inflation=abc&hn.inflation=5"), &b);
    assert_eq!(refused.scenario.hn.cost_inflation, Scenario::default_for(&b).hn.cost_inflation);
    assert!(refused.notices.iter().any(|n| n.message.ends_with("the default was used instead")));
    assert!(refused.notices.iter().any(|n| n.message == "appears more than once; only the first value is read, and \"5\" was ignored"));
    assert_eq!(d.scenario.hn.cost_inflation, rust_decimal::Decimal::new(3, 2), "the first value");
    let unknown = d.notices.iter().filter(|n| n.message.contains("not a parameter this app knows")).count();
    assert_eq!(unknown, LISTED + 1, "ten listed and one line for the rest");
    let rest = d.notices.iter().find(|n| n.param == format!("u{LISTED}")).expect("the first one not listed names the rest");
    assert_eq!(rest.message, format!("is not a parameter this app knows, nor are {} more after it; all were ignored (the first {LISTED} unknown are listed above)", "1,489"), "counts are grouped as the page's figures are");
    let moves: Vec<_> = d.notices.iter().filter(|n| n.param == "cap.move").collect();
    assert_eq!(moves.len(), LISTED + 1, "ten listed and one line for the rest");
    assert!(moves[LISTED].message.starts_with("1,030 more moves could not be read"), "{}", moves[LISTED].message);
    assert!(d.notices.len() <= 2 * LISTED + 3, "{}", d.notices.len());
}

#[test]
fn a_move_within_one_year_is_refused_as_the_form_refuses_it() {
    let b = baseline();
    let d = decode(&from_query("cap.move=it-wan-telephony~2024-25~2024-25~100"), &b);
    assert!(d.scenario.moves.is_empty());
    assert_eq!(d.notices.len(), 1);
    assert_eq!(d.notices[0].message, "moves spend from 2024/25 to the same year; this move was ignored");
}
