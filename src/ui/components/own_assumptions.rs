//! The explorer's own assumptions, on Sources: each starting value this app chose (the papers do
//! not give it), the value the pages open with, where to change it and why. They had been only
//! on the lever panels, so nothing a finance officer signs listed them in one place.

use crate::data::dataset::Dataset;
use crate::model::dsg::Baseline;
use crate::model::levers::{control_id, own_assumption, Group, LEVERS};
use crate::model::scenario::Scenario;
use crate::ui::components::scenario_link::ScenarioLink;
use crate::ui::route::Page;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// One row: the lever's label, its starting value as the pages show it, its page and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    /// The value in the scenario in use, where it differs.
    pub now: Option<String>,
    /// Why the setting changes nothing for these figures, where it does not.
    pub unused: Option<&'static str>,
    pub page: Page,
    pub why: &'static str,
}

/// The page a lever group is changed on.
fn page_of(g: Group) -> Page {
    match g {
        Group::HighNeeds => Page::HighNeeds,
        Group::Revenue => Page::Savings,
        Group::Capital => Page::Capital,
        Group::Uncertainty => Page::Uncertainty,
    }
}

/// The explorer's own assumptions for these figures, in the order of the levers' forms, with
/// the value in `now` (the scenario in use) where it differs.
pub fn rows(b: &Baseline, ds: &Dataset, now: &Scenario) -> Vec<Row> {
    let start = Scenario::default_for(b);
    LEVERS
        .iter()
        .filter(|l| l.applies(b) && own_assumption(l.key, ds))
        .map(|l| {
            let (was, is) = (l.get(&start), l.get(now));
            Row { key: l.key, label: l.label, value: l.display(&was, b), now: (is != was).then(|| l.display(&is, b)), unused: crate::model::levers::unused_by(l.key, ds), page: page_of(l.group), why: l.help }
        })
        .collect()
}

#[component]
pub fn OwnAssumptions() -> impl IntoView {
    let app = use_app();
    let rows = crate::ui::memo::memo(move |_| app.data.with(|d| app.baseline.with(|b| app.scenario.with(|s| match (d, b, s) {
        (Some(d), Some(b), Some(s)) => rows(b, &d.dataset, s),
        _ => vec![],
    }))));
    view! {
        <section id="own-assumptions" aria-labelledby="own-assumptions-h">
            <h2 id="own-assumptions-h">"The explorer's own assumptions"</h2>
            <p>"The council's papers do not give these as figures: the explorer chose each, or read it from what the papers say, for the reason given. A page opened without a scenario of its own starts from these values; each can be changed on the page named, and a link carries the change. The figures above marked "<span class="tag assumption">"Assumption"</span>" are the dataset's own."</p>
            <div class="table-wrap stack" tabindex="0" role="region" aria-labelledby="own-assumptions-caption">
                <table class="own-assumptions" role="table">
                    <caption id="own-assumptions-caption">"Starting values the explorer chose or read from the papers, with where to change them and why"</caption>
                    // The roles keep it a table to assistive technology when it is stacked on a phone.
                    <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">"Assumption"</th><th scope="col" role="columnheader">"Starting value"</th><th scope="col" role="columnheader">"Changed on"</th><th scope="col" role="columnheader">"Why"</th></tr></thead>
                    <tbody role="rowgroup">
                        {move || rows.get().into_iter().map(|r| view! {
                            <tr data-key=r.key role="row">
                                <th scope="row" role="rowheader">{r.label}</th>
                                <td role="cell" data-label="Starting value">{r.value}{r.now.map(|n| view! { <br/><span class="now">{format!("In this scenario: {n}")}</span> })}{r.unused.map(|u| view! { <br/><span class="now">{format!("Not used by these figures: {u}")}</span> })}</td>
                                <td role="cell" data-label="Changed on"><ScenarioLink page=r.page fragment=control_id(r.key)>{r.page.title()}</ScenarioLink></td>
                                <td role="cell" data-label="Why" data-words="">{r.why}</td>
                            </tr>
                        }).collect::<Vec<_>>()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_explorers_own_choices_are_listed_and_a_rate_the_file_gives_is_not() {
        let loaded = crate::testing::q2();
        let b = Baseline::from_dataset(&loaded.dataset);
        let got = rows(&b, &loaded.dataset, &Scenario::default_for(&b));
        assert!(got.iter().all(|r| r.now.is_none()), "the starting scenario differs from nothing");
        // Herefordshire's named schemes: which settings they use, worked out from the schemes.
        let used = |key: &str| got.iter().find(|r| r.key == key).map(|r| r.unused);
        let schemes = &loaded.dataset.capital.schemes;
        use crate::data::dataset::Funding;
        assert_eq!(used("cap.mixed").flatten().is_some(), !schemes.iter().any(|s| s.funding == Funding::Mixed));
        assert_eq!(used("cap.unknown").flatten().is_some(), !schemes.iter().any(|s| s.funding == Funding::Unknown));
        assert_eq!(used("rev.atrisk"), Some(None), "the shipped figures have savings at risk");
        assert_eq!(used("hn.carry.rate"), Some(None));
        // A council with nothing at risk and only grant-funded schemes.
        let mut v: serde_json::Value = serde_json::from_str(crate::testing::Q2_JSON).expect("the shipped file");
        for s in v["capital"]["schemes"].as_array_mut().expect("schemes") {
            s["funding"] = "grant".into();
        }
        let granted = crate::data::parse_dataset(&v.to_string()).expect("grant-funded schemes").dataset;
        let gb = Baseline::from_dataset(&granted);
        let g = rows(&gb, &granted, &Scenario::default_for(&gb));
        for key in ["cap.rate", "cap.mrp", "cap.life", "cap.unknown", "cap.mixed"] {
            assert!(g.iter().find(|r| r.key == key).and_then(|r| r.unused).is_some(), "{key}");
        }
        let value = |key: &str| got.iter().find(|r| r.key == key).map(|r| r.value.clone());
        // The trial's four: the carrying and borrowing rates (the file gives neither), the asset
        // life and the borrowing shares.
        assert_eq!(value("hn.carry.rate").as_deref(), Some("4.5% a year"));
        assert_eq!(value("cap.rate").as_deref(), Some("5% a year"));
        assert_eq!(value("cap.life").as_deref(), Some("25 years"));
        assert_eq!(value("cap.unknown").as_deref(), Some("50%"));
        assert_eq!(value("cap.mixed").as_deref(), Some("50%"));
        assert_eq!(got.iter().find(|r| r.key == "cap.life").map(|r| r.page), Some(Page::Capital));
        // Not the council's figures, and not changes left at nothing.
        for key in ["hn.growth.independent", "hn.inflation", "hn.override", "hn.transfer", "hn.places.per_year", "rev.press"] {
            assert_eq!(value(key), None, "{key}");
        }
        // A spread for each placement type the data has, and none for one it does not.
        let mut absent = 0;
        for &k in crate::data::dataset::PlacementKind::ALL {
            let key = format!("mc.spread.{}", k.as_str());
            assert_eq!(value(&key).is_some(), b.has_kind(k), "{key}");
            absent += usize::from(!b.has_kind(k));
        }
        assert!(absent > 0, "the shipped figures lack a placement type, so the test sees one left out");
        // The papers' savings readings, all three.
        for key in ["rev.atrisk", "rev.ontarget", "rev.delivered"] {
            assert!(value(key).is_some(), "{key}");
        }
        // A file that gives its rates: they are its figures, not the explorer's choice.
        let mut v: serde_json::Value = serde_json::from_str(crate::testing::Q2_JSON).expect("the shipped file");
        let rate = |x: &str| serde_json::json!({"value": x, "unit": "rate", "status": "assumption", "reason": "the council's treasury rate"});
        v["high_needs"]["model"]["deficit_interest_rate"] = rate("0.04");
        v["capital"]["borrowing_rate"] = rate("0.06");
        let ds = crate::data::parse_dataset(&v.to_string()).expect("a file with its own rates").dataset;
        let b = Baseline::from_dataset(&ds);
        let mut changed = Scenario::default_for(&b);
        changed.set("cap.life", "30", &b).expect("a life of 30 years");
        let listed = rows(&b, &ds, &changed);
        let life = listed.iter().find(|r| r.key == "cap.life").expect("the asset life");
        assert_eq!((life.value.as_str(), life.now.as_deref()), ("25 years", Some("30 years")));
        assert_eq!(control_id("hn.growth.local_special"), "lever-hn-growth-local_special");
        let keys: Vec<&str> = listed.iter().map(|r| r.key).collect();
        assert!(!keys.contains(&"hn.carry.rate") && !keys.contains(&"cap.rate"), "{keys:?}");
        assert!(keys.contains(&"cap.life"), "{keys:?}");
    }
}
