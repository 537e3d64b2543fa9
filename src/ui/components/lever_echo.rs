//! A page's headline figures in one line, pinned to the bottom of a narrow screen while its
//! levers are on it: on a phone the charts are below the levers, so this shows what a move did.
//! Hidden from screen readers, which hear the chart summaries change (they are live regions).

use leptos::prelude::*;

/// Put it last in the levers form (`position: sticky; bottom: 0` keeps it within the form).
#[component]
pub fn LeverEcho(#[prop(into)] label: String, #[prop(into)] text: Signal<String>) -> impl IntoView {
    view! { <p class="lever-echo" aria-hidden="true"><span class="echo-label">{label}</span>{text}</p> }
}
