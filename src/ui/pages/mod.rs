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
