//! A page's headline figures in one line, pinned to the bottom of a narrow screen while its
//! levers are on it: on a phone the charts are below the levers, so this shows what a move did.
//! A screen reader hears the same line once the levers have been still for a moment: the one
//! announcement of a change (the charts' summaries are not live regions: three of them on High
//! needs read out twelve long sentences for five presses of an arrow key).
//! [`SkipToResults`] is the way past the levers to the charts, on a narrow screen.

use leptos::prelude::*;

/// How long the levers must be still before the new headline is announced.
const SETTLE_MS: u64 = 900;

/// Put it last in the levers form (`position: sticky; bottom: 0` keeps it within the form).
#[component]
pub fn LeverEcho(#[prop(into)] label: String, #[prop(into)] text: Signal<String>) -> impl IntoView {
    let said = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let heard = label.clone();
    // Not the first value: the page's opening figures are read with the page.
    Effect::new(move |seen: Option<()>| {
        let now = text.get();
        if seen.is_some() {
            if let Some(h) = pending.get_value() {
                h.clear();
            }
            let line = format!("{heard}{now}");
            pending.set_value(set_timeout_with_handle(move || said.set(line), std::time::Duration::from_millis(SETTLE_MS)).ok());
        }
    });
    view! {
        <p class="lever-echo" aria-hidden="true"><span class="echo-label">{label}</span>{text}</p>
        <p class="visually-hidden echo-said" role="status">{move || said.get()}</p>
    }
}

/// A link past a page's levers to its charts, shown on a narrow screen only, where the levers
/// come first and are many screens long (High needs: about eight at 390px). `id` is the results'.
#[component]
pub fn SkipToResults(id: &'static str) -> impl IntoView {
    view! { <a class="to-results" href=format!("#{id}")>"Skip the assumptions: go to the charts"</a> }
}
