//! The Leptos app: shell, pages and components. It feeds the model and draws its outputs.

use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    view! { <main><h1>"Budget and DSG deficit explorer"</h1></main> }
}
