//! What the page asks the workbook worker for, and how the worker turns that into a workbook.
//!
//! The page sends only what it already holds as text: the request (which workbook, the
//! scenario's link query, the page's tables) and the dataset's own JSON text. The worker reads
//! the dataset and the scenario again and describes the workbook itself, so none of the code
//! that describes workbooks (`results`, `input`, `layout`, `provision`) is in the page's wasm.
//! The scenario travels as its link query, the same text a shared link carries, which reopens
//! the scenario exactly (`share::codec`).

use super::results::{high_needs_book, page_book, Context, PageTable};
use super::spec::Book;
use crate::data::{parse_dataset, Loaded};
use crate::model::dsg::{project, Baseline};
use crate::share::codec::{decode, from_query};
use serde::{Deserialize, Serialize};

/// The blank input workbook is built from the dataset template (the file Sources also offers).
const TEMPLATE: &str = include_str!("../../public/data/template.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Request {
    /// High needs: Summary, Placements, Assumptions, Sources.
    HighNeeds { query: String, link: String },
    /// Savings or Capital: the page's tables as shown, then Assumptions and Sources.
    Page { title: String, tables: Vec<PageTable>, query: String, link: String },
    /// The dataset in use as an input workbook.
    Input,
    /// The blank input workbook, from the template.
    Blank,
}

fn read(dataset: Option<&str>) -> Result<Loaded, String> {
    let text = dataset.ok_or("no figures were sent with the request")?;
    parse_dataset(text).map_err(|issues| {
        let first = issues.first().map(|i| if i.path.is_empty() { i.message.clone() } else { format!("{}: {}", i.path, i.message) }).unwrap_or_default();
        format!("the figures could not be read again ({first})")
    })
}

/// The workbook a request describes. `dataset` is the JSON text of the figures in use (not
/// needed for `Blank`).
pub fn describe(request: &Request, dataset: Option<&str>) -> Result<Book, String> {
    match request {
        Request::Blank => Ok(super::input::input_book(&parse_dataset(TEMPLATE).map_err(|_| "the template could not be read".to_string())?)),
        Request::Input => Ok(super::input::input_book(&read(dataset)?)),
        Request::HighNeeds { query, link } | Request::Page { query, link, .. } => {
            let loaded = read(dataset)?;
            let baseline = Baseline::from_dataset(&loaded.dataset);
            let scenario = decode(&from_query(query), &baseline).scenario;
            let cx = Context { loaded: &loaded, baseline: &baseline, scenario: &scenario, link };
            Ok(match request {
                Request::Page { title, tables, .. } => page_book(&cx, title, tables),
                _ => high_needs_book(&cx, &project(&baseline, &scenario.hn)),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::Scenario;
    use crate::share::codec::{encode, to_query};

    /// A scenario away from the defaults in every group the workbooks show.
    fn changed(b: &Baseline) -> Scenario {
        let mut s = Scenario::default_for(b);
        for (k, v) in [("hn.inflation", "4.35"), ("hn.transfer", "0.75"), ("hn.override", "2026-27"), ("hn.places.start", "2027-28"), ("rev.atrisk", "37.5"), ("cap.slip", "12"), ("hn.growth.independent", "12"), ("mc.spread.mainstream", "4"), ("mc.draws", "1000")] {
            s.set(k, v, b).unwrap_or_else(|e| panic!("{k}={v}: {e}"));
        }
        s
    }

    #[test]
    fn the_worker_writes_the_page_s_high_needs_workbook_from_the_link_alone() {
        let loaded = crate::testing::shipped();
        let b = Baseline::from_dataset(&loaded.dataset);
        let s = changed(&b);
        let query = to_query(&encode(&s, &b, &loaded.dataset.id, &loaded.dataset.version));
        let link = format!("https://example.org/budget/?{query}");
        // What the page described itself before: the scenario in hand, its own projection.
        let cx = Context { loaded: &loaded, baseline: &b, scenario: &s, link: &link };
        let expected = high_needs_book(&cx, &project(&b, &s.hn));
        let got = describe(&Request::HighNeeds { query: query.clone(), link: link.clone() }, Some(&loaded.source)).unwrap();
        assert_eq!(got, expected);
        // And the scenario mattered: the defaults give another book.
        let defaults = describe(&Request::HighNeeds { query: String::new(), link }, Some(&loaded.source)).unwrap();
        assert_ne!(defaults.sheets[0], expected.sheets[0]);
    }

    #[test]
    fn page_workbooks_keep_the_page_s_tables_and_the_scenario_s_assumptions() {
        let loaded = crate::testing::q2();
        let b = Baseline::from_dataset(&loaded.dataset);
        let s = changed(&b);
        let query = to_query(&encode(&s, &b, &loaded.dataset.id, &loaded.dataset.version));
        let tables = vec![PageTable { caption: "Savings by status (£)".into(), headers: vec!["Status".into(), "Amount".into()], rows: vec![vec!["At risk".into(), "£5,000,000".into()]] }];
        let cx = Context { loaded: &loaded, baseline: &b, scenario: &s, link: "L" };
        let expected = page_book(&cx, "Savings", &tables);
        let request = Request::Page { title: "Savings".into(), tables, query, link: "L".into() };
        // The request crosses to the worker as JSON.
        let request: Request = serde_json::from_str(&serde_json::to_string(&request).unwrap()).unwrap();
        assert_eq!(describe(&request, Some(&loaded.source)).unwrap(), expected);
    }

    #[test]
    fn input_and_blank_workbooks_and_a_request_without_figures() {
        let loaded = crate::testing::exampleshire();
        assert_eq!(describe(&Request::Input, Some(&loaded.source)).unwrap(), super::super::input::input_book(&loaded));
        let blank = describe(&Request::Blank, None).unwrap();
        assert_eq!(blank, super::super::input::input_book(&parse_dataset(TEMPLATE).unwrap()));
        assert!(describe(&Request::Input, None).unwrap_err().contains("no figures"));
        let bad = describe(&Request::Input, Some("{\"format_version\": 1}")).unwrap_err();
        assert!(bad.starts_with("the figures could not be read again ("), "{bad}");
    }
}
