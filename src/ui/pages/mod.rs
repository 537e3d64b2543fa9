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
    match page {
        Page::Overview => view! { <overview::Overview/> }.into_any(),
        Page::HighNeeds => view! { <high_needs::HighNeeds/> }.into_any(),
        Page::Uncertainty => view! { <uncertainty::Uncertainty/> }.into_any(),
        Page::Savings => view! { <savings::Savings/> }.into_any(),
        Page::Capital => view! { <capital::Capital/> }.into_any(),
        Page::Compare => view! { <compare::Compare/> }.into_any(),
        Page::Sources => view! { <sources::Sources/> }.into_any(),
        Page::Glossary => view! { <glossary::Glossary/> }.into_any(),
        Page::Pack => view! { <pack::Pack/> }.into_any(),
    }
}
