//! A page's headline figures in one line, pinned to the bottom of a narrow screen while its
//! levers are on it: on a phone the charts are below the levers, so this shows what a move did.
//! Hidden from screen readers, which hear the chart summaries change (they are live regions).
//! [`SkipToResults`] is the way past the levers to the charts, on a narrow screen.

use leptos::prelude::*;

/// Put it last in the levers form (`position: sticky; bottom: 0` keeps it within the form).
#[component]
pub fn LeverEcho(#[prop(into)] label: String, #[prop(into)] text: Signal<String>) -> impl IntoView {
    view! { <p class="lever-echo" aria-hidden="true"><span class="echo-label">{label}</span>{text}</p> }
}

/// A link past a page's levers to its charts, shown on a narrow screen only, where the levers
/// come first and are many screens long (High needs: about eight at 390px). `id` is the results'.
#[component]
pub fn SkipToResults(id: &'static str) -> impl IntoView {
    view! { <a class="to-results" href=format!("#{id}")>"Skip the assumptions: go to the charts"</a> }
}
