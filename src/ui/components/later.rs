//! Drawing the first view in pieces. The app builds its first page hidden, behind the
//! pre-rendered one (`ui::takeover`); built in one go, that is one long task (hundreds of
//! milliseconds on a slow phone) in which the page cannot answer a tap. Inside [`Later`], a part
//! (a chart, a section that runs the model) is drawn in a task of its own, and the app replaces
//! the pre-rendered page only when every part is drawn, so what is shown is the same.

use crate::ui::takeover::Hold;
use leptos::prelude::*;

/// Draws `children` in a task of its own while the app's first view is being built; at once
/// after that (a page opened later is drawn in one go, as it is shown straight away), and in the
/// pre-render.
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let Some(hold) = Hold::first_view() else { return children().into_any() };
    let shown = RwSignal::new(false);
    // The hold is let go when the part is drawn (the signal's effect runs in this timer's task).
    gloo_timers::callback::Timeout::new(0, move || {
        let _ = shown.try_set(true);
        drop(hold);
    })
    .forget();
    (move || shown.get().then(|| children())).into_any()
}
