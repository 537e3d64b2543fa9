//! One module per page.

pub mod compare;
pub mod high_needs;
pub mod overview;
pub mod savings;
pub mod capital;
pub mod sources;
pub mod glossary;
pub mod pack;
pub mod uncertainty;

use super::route::Page;
use leptos::prelude::*;

/// The view choices (`share::codec::VIEW`) a link to `page` keeps: those of that page that name
/// a choice it offers for this scenario.
pub fn view_link(page: Page, view: &[(String, String)], b: &crate::model::dsg::Baseline, s: &crate::model::scenario::Scenario) -> Vec<(String, String)> {
    match page {
        Page::Uncertainty => uncertainty::view_link(view, b, s),
        _ => vec![],
    }
}

/// The view choices (`share::codec::VIEW`) that `page` shows.
pub fn view_keys(page: Page) -> &'static [&'static str] {
    match page {
        Page::Uncertainty => crate::share::codec::VIEW,
        _ => &[],
    }
}

/// A notice for each view choice of a link that names none its page offers.
pub fn view_notices(view: &[(String, String)], b: &crate::model::dsg::Baseline, s: &crate::model::scenario::Scenario) -> Vec<crate::share::codec::Notice> {
    uncertainty::view_notices(view, b, s)
}

pub fn page_view(page: Page) -> AnyView {
    let view = match page {
        Page::Overview => view! { <overview::Overview/> }.into_any(),
        Page::HighNeeds => view! { <high_needs::HighNeeds/> }.into_any(),
        Page::Uncertainty => view! { <uncertainty::Uncertainty/> }.into_any(),
        Page::Savings => view! { <savings::Savings/> }.into_any(),
        Page::Capital => view! { <capital::Capital/> }.into_any(),
        Page::Compare => view! { <compare::Compare/> }.into_any(),
        Page::Sources => view! { <sources::Sources/> }.into_any(),
        Page::Glossary => view! { <glossary::Glossary/> }.into_any(),
        Page::Pack => view! { <pack::Pack/> }.into_any(),
    };
    // Pages are drawn after the figures load, too late for the browser's own jump to an
    // address's `#id` (`?page=compare#saved-scenarios` opened at the top). After the page is
    // built, so Sources has read a `#doc-…` first, to open the page of its list that has it.
    crate::ui::components::page_link::focus_location_hash(page);
    view
}
