//! docs/url-parameters.md cannot drift from the code: the lever table is generated here from
//! the lever registry (`model::levers::LEVERS`) and the defaults, and the committed file must contain it exactly.
//!
//! After changing a lever, regenerate the file with
//! `UPDATE_DOCS=1 cargo test --test url_docs` and commit it.

mod common;


use dsg_explorer::units::calendar::Fy;
use dsg_explorer::model::capital::Programme;
use dsg_explorer::model::dsg::Baseline;
use dsg_explorer::model::levers::{Control, LeverDef, LEVERS};
use dsg_explorer::model::scenario::{Scenario, SchemeMove};
use dsg_explorer::share::codec::{decode, from_query, RESERVED, VIEW};
use rust_decimal::Decimal;

const DOC: &str = "docs/url-parameters.md";
const BEGIN: &str = "<!-- BEGIN GENERATED: levers (tests/url_docs.rs) -->";
const END: &str = "<!-- END GENERATED: levers -->";

/// The example move in the docs: it must apply to the shipped data.
const EXAMPLE_MOVE: &str = "it-wan-telephony~2024-25~2025-26~100000";

fn data() -> (dsg_explorer::data::dataset::Dataset, Baseline) {
    let loaded = common::testing::q2();
    let b = Baseline::from_dataset(&loaded.dataset);
    (loaded.dataset, b)
}

/// `page=…&` for the page that shows a lever, or nothing when no page is known for its prefix.
fn page_of(key: &str) -> &'static str {
    match key.split('.').next() {
        Some("hn") => "page=high-needs&",
        Some("rev") => "page=savings&",
        Some("cap") => "page=capital&",
        Some("mc") => "page=uncertainty&",
        _ => "",
    }
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A value in range that differs from the default, as links write it.
fn example(l: &LeverDef, default: &str, b: &Baseline) -> String {
    let candidates: Vec<String> = match &l.control(b) {
        Control::Choice { options } => options.iter().map(|(v, _)| v.clone()).collect(),
        Control::Number { min, max, step, .. } => {
            let d: Decimal = default.parse().unwrap_or(*min);
            [d + *step * Decimal::from(2), d + *step, d - *step, *max, *min].iter().map(|x| x.normalize().to_string()).collect()
        }
    };
    candidates
        .into_iter()
        .find(|c| {
            let mut s = Scenario::default_for(b);
            c != default && s.set(l.key, c, b).is_ok() && s.get(l.key).as_deref() == Some(c.as_str())
        })
        .unwrap_or_else(|| panic!("no example value for {}", l.key))
}

fn range(c: &Control) -> String {
    match c {
        Control::Number { min, max, step, .. } => format!("{} to {}, in steps of {}", min.normalize(), max.normalize(), step.normalize()),
        Control::Choice { options } => {
            let years: Vec<&str> = options.iter().map(|(v, _)| v.as_str()).filter(|v| Fy::parse_key(v).is_some()).collect();
            let others: Vec<&(String, String)> = options.iter().filter(|(v, _)| Fy::parse_key(v).is_none()).collect();
            let mut parts = vec![];
            if let (Some(first), Some(last)) = (years.first(), years.last()) {
                parts.push(format!("a financial year, `{first}` to `{last}`"));
            }
            for (v, label) in others {
                parts.push(format!("`{v}` ({})", md(label)));
            }
            parts.join("; or ")
        }
    }
}

fn unit(c: &Control) -> String {
    match c {
        Control::Number { suffix, .. } => md(suffix),
        Control::Choice { options } if options.iter().any(|(v, _)| Fy::parse_key(v).is_some()) => "financial year".into(),
        Control::Choice { .. } => "choice".into(),
    }
}

/// The generated lever table.
fn lever_table() -> String {
    let (_, b) = data();
    let defaults = Scenario::default_for(&b);
    let mut out = String::new();
    out.push_str(BEGIN);
    out.push('\n');
    out.push_str(&format!(
        "\nFor the shipped Herefordshire figures (base year {}). Year ranges move with a dataset's base year.\n\n",
        b.base_year.label()
    ));
    out.push_str("| Parameter | Setting | Unit | Range | Default | Example | What it means |\n|---|---|---|---|---|---|---|\n");
    for l in LEVERS {
        let default = defaults.get(l.key).expect("every lever has a default");
        let ex = example(l, &default, &b);
        let control = l.control(&b);
        out.push_str(&format!(
            "| `{key}` | {label} | {unit} | {range} | `{default}` ({default_words}) | `?{page}{key}={ex}` | {help} |\n",
            key = l.key,
            label = md(l.label),
            unit = unit(&control),
            range = range(&control),
            default_words = md(&l.display(&l.get(&defaults), &b)),
            page = page_of(l.key),
            help = match l.placement_kind() {
                Some(k) if !l.applies(&b) => format!("{} Only for figures with a `{}` placement line (Herefordshire's have none: a link that sets it gets a notice and the default).", md(l.help), k.as_str()),
                _ => md(l.help),
            },
        ));
    }
    out.push('\n');
    out.push_str(END);
    out
}

#[test]
fn the_url_parameter_docs_match_the_code() {
    let generated = lever_table();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    if std::env::var("UPDATE_DOCS").is_ok() {
        let (Some(a), Some(z)) = (text.find(BEGIN), text.find(END)) else { panic!("{DOC} has no generated-section markers") };
        let updated = format!("{}{}{}", &text[..a], generated, &text[z + END.len()..]);
        std::fs::write(&path, updated).expect("write docs");
        return;
    }
    assert!(text.contains(&generated), "{DOC} is out of date: run `UPDATE_DOCS=1 cargo test --test url_docs` and commit it.\n\nExpected section:\n{generated}");
}

#[test]
fn every_example_in_the_docs_opens_without_a_notice() {
    let (ds, b) = data();
    let defaults = Scenario::default_for(&b);
    for l in LEVERS {
        let ex = example(l, &defaults.get(l.key).unwrap(), &b);
        let d = decode(&from_query(&format!("?v=1&{}={ex}", l.key)), &b);
        if !l.applies(&b) {
            // As its row says: these figures have no line of its kind, so a notice and the default.
            assert_eq!(d.notices.iter().map(|n| n.param.as_str()).collect::<Vec<_>>(), [l.key]);
            assert_eq!(d.scenario, decode(&from_query("?v=1"), &b).scenario, "{}", l.key);
            continue;
        }
        assert_eq!(d.notices, vec![], "{}", l.key);
        assert_ne!(d.scenario, defaults, "{} example changes the scenario", l.key);
    }
    // The move example applies to the shipped programme.
    let d = decode(&from_query(&format!("?cap.move={EXAMPLE_MOVE}")), &b);
    assert_eq!(d.notices, vec![]);
    let m: &SchemeMove = &d.scenario.moves[0];
    let p = Programme::from_dataset(&ds.capital).unwrap();
    assert!(p.move_spend(&m.scheme, m.from, m.to, m.amount).is_ok());
}

#[test]
fn every_reserved_parameter_is_documented() {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC)).unwrap_or_default();
    for p in RESERVED.iter().chain(VIEW) {
        assert!(text.contains(&format!("| `{p}` |")), "{DOC} does not document `{p}`");
    }
    assert!(text.contains(EXAMPLE_MOVE));
    for page in ["overview", "high-needs", "savings", "capital", "compare", "sources", "glossary"] {
        assert!(text.contains(&format!("`{page}`")), "page {page} not listed");
    }
}
