//! Starting the app over a pre-rendered page (`ui::prerender`) without a flash: the app is mounted
//! into a hidden element of its own, and once its first load has finished (figures shown, or the
//! load's problems) it replaces the pre-rendered page in one frame. It draws the same components
//! with the same figures, so nothing moves (for a returning reader, what only the browser knows,
//! saved scenarios or a newer build, appears then). Without a pre-render it mounts into the body.

use super::browser::elements;
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static HOLDS: Cell<usize> = const { Cell::new(0) };
    static REVEALED: Cell<bool> = const { Cell::new(false) };
    /// The app has replaced the pre-rendered page (or there was none to replace).
    static SHOWN: Cell<bool> = const { Cell::new(false) };
    /// What waits for the app to be shown (focusing the address's `#fragment`, say).
    static WHEN_SHOWN: std::cell::RefCell<Vec<Box<dyn FnOnce()>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` after the next repaint once the app is shown: at once if it is, else just after the
/// app replaces the pre-rendered page (an element of the hidden app can be neither focused nor
/// scrolled to).
pub fn when_shown(f: impl FnOnce() + 'static) {
    if SHOWN.get() {
        leptos::prelude::request_animation_frame(f);
    } else {
        WHEN_SHOWN.with(|w| w.borrow_mut().push(Box::new(f)));
    }
}

/// Work the first view needs before the app may replace the pre-rendered page (a Monte Carlo
/// run in slices, say): the reveal waits until every `Hold` is dropped.
pub struct Hold(());

impl Hold {
    /// A hold while the browser is still building the first view; `None` once the app has been
    /// shown, and in the pre-render (it draws everything at once, with nothing to swap).
    pub fn first_view() -> Option<Hold> {
        (!super::browser::PRERENDER && !REVEALED.get()).then(|| {
            HOLDS.set(HOLDS.get() + 1);
            Hold(())
        })
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        HOLDS.set(HOLDS.get().saturating_sub(1));
    }
}

/// Waits for the page the first load drew, and for any work it holds the reveal for. The first
/// wait is a whole task, so the render the load's last signal set started has run (Leptos runs
/// effects in microtasks) and taken its holds.
pub async fn first_view_built() {
    loop {
        gloo_timers::future::TimeoutFuture::new(0).await;
        if HOLDS.get() == 0 {
            return;
        }
    }
}

/// Mounts the app: over the pre-rendered page if there is one.
pub fn mount() {
    let doc = super::browser::window().and_then(|w| w.document());
    let host = doc.as_ref().filter(|d| d.get_element_by_id("prerendered").is_some()).and_then(|d| {
        let host = d.create_element("div").ok()?;
        host.set_id("app");
        host.set_attribute("hidden", "").ok()?;
        d.body()?.append_child(&host).ok()?;
        host.dyn_into::<web_sys::HtmlElement>().ok()
    });
    match host {
        Some(host) => leptos::mount::mount_to(host, super::App).forget(),
        None => leptos::mount::mount_to_body(super::App),
    }
}

/// When the first load failed: keeps the pre-rendered page if it shows the default view (no link
/// of its own waits behind "Loading your scenario…"), with a note at its top saying why nothing
/// can be changed. Returns whether it did; if not, the app is to be shown with the problems.
pub fn keep_prerendered(why: &str) -> bool {
    let Some(doc) = super::browser::window().and_then(|w| w.document()) else { return false };
    let pending = doc.document_element().is_some_and(|r| r.class_list().contains("scenario-pending"));
    let Some(main) = doc.get_element_by_id("prerendered").and_then(|p| p.query_selector("main").ok().flatten()) else { return false };
    if pending {
        return false;
    }
    // Its controls could change nothing: they go back to the page's own values (a reader may have
    // moved one while the app loaded; prerender.js) and are disabled, so none seems to work and
    // does not. The levers' panel scrolls on a short screen: with nothing in it to focus, it
    // takes focus itself, so a keyboard can still scroll it.
    // A reader who was using the page is told why in prerender.js's bar, where they are; the
    // note below is at the page's top.
    let why = format!("The explorer could not load its figures ({why}), so the assumptions cannot be changed. This page shows the published figures with the default assumptions, as they were when it was built. Reloading the page may help.");
    if let Some(window) = super::browser::window() {
        let restore = prop(&window, "__prerenderedCannotChange");
        if let Some(f) = restore.dyn_ref::<js_sys::Function>() {
            let _ = f.call2(&window, &JsValue::from_str(&why), &JsValue::TRUE);
        }
    }
    // Also here (prerender.js has just done it): a page without prerender.js's function.
    for el in elements(&main, "input, select, textarea, button") {
        let _ = el.set_attribute("disabled", "");
    }
    for form in elements(&main, "form.levers") {
        let _ = form.set_attribute("tabindex", "0");
    }
    let note = || -> Option<()> {
        let section = doc.create_element("section").ok()?;
        section.set_class_name("notice error");
        section.set_attribute("role", "alert").ok()?;
        section.set_id("figures-failed");
        let p = doc.create_element("p").ok()?;
        // Text, never markup: the reason can quote a file's contents.
        p.set_text_content(Some(&why));
        section.append_child(&p).ok()?;
        // The way forward the app offers: a dataset file of one's own.
        let button = doc.create_element("button").ok()?;
        button.set_attribute("type", "button").ok()?;
        button.set_text_content(Some("Use a dataset file of your own instead"));
        let open_app = wasm_bindgen::closure::Closure::once_into_js(move || {
            reveal(|| {
                super::components::page_link::focus_id("main");
            })
        });
        button.add_event_listener_with_callback("click", open_app.unchecked_ref()).ok()?;
        section.append_child(&button).ok()?;
        main.prepend_with_node_1(&section).ok()
    };
    note().is_some()
}

/// Shows the app in place of the pre-rendered page, after the app's next repaint (its figures
/// are drawn by then). Called once the first load has finished.
pub fn reveal(then: impl FnOnce() + 'static) {
    REVEALED.set(true);
    after_first_paint(first_paint_deadline(), move || swap(then));
}

/// The longest the swap waits for the browser to show the pre-rendered page once, from the app
/// being ready: a browser that never reports it (a hidden tab runs no frames anyway) is not kept
/// from the app for longer. boot.js's earlier deadline, where it set one, comes first.
const FIRST_PAINT_WAIT_MS: f64 = 1500.0;

/// Until when to wait for the first paint: boot.js's deadline (`__firstPaintBy`), set when it
/// held back the wasm's download for the same paint, so the two waits together last 1.5 s at
/// most; else 1.5 s from now (a tab opened in the background, or a page started otherwise).
fn first_paint_deadline() -> f64 {
    let now = super::browser::clock_ms();
    let set = super::browser::window().and_then(|w| js_sys::Reflect::get(&w, &"__firstPaintBy".into()).ok()).and_then(|v| v.as_f64());
    set.filter(|t| t.is_finite()).map_or(now + FIRST_PAINT_WAIT_MS, |t| t.min(now + FIRST_PAINT_WAIT_MS))
}

/// Runs `f` in a frame after the browser has shown the page at least once (its first contentful
/// paint is on record), polling a frame at a time; at once where paint timing is not supported.
/// On a loaded two-core machine, headless Chrome once drew the pre-rendered page but showed no
/// frame for a second, until the swap's: the app's copy of the page was then the first and
/// largest paint, and the page's LCP (and Lighthouse's estimate of it, through the wasm) moved
/// to the takeover.
fn after_first_paint(deadline: f64, f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        if painted() || super::browser::clock_ms() > deadline {
            f()
        } else {
            after_first_paint(deadline, f)
        }
    });
}

/// Whether the browser has presented a contentful frame of this page, or cannot say.
fn painted() -> bool {
    let Some(window) = super::browser::window() else { return true };
    let supported = js_sys::Reflect::get(&window, &"PerformanceObserver".into())
        .and_then(|po| js_sys::Reflect::get(&po, &"supportedEntryTypes".into()))
        .ok()
        .and_then(|types| types.dyn_into::<js_sys::Array>().ok())
        .is_some_and(|types| types.includes(&"paint".into(), 0));
    !supported || window.performance().is_none_or(|p| p.get_entries_by_name("first-contentful-paint").length() > 0)
}

/// Replaces the pre-rendered page with the app, then runs what waited for that, then `then`.
fn swap(then: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        SHOWN.set(true);
        if let Some(doc) = super::browser::window().and_then(|w| w.document()) {
            let pre = doc.get_element_by_id("prerendered");
            let app = doc.get_element_by_id("app");
            // What the reader did on the pre-rendered page carries over: the controls they
            // changed, and keyboard focus (the same components draw the same elements).
            let changed = pre.as_ref().map(changed_controls).unwrap_or_default();
            let focused = pre.as_ref().and_then(|pre| doc.active_element().filter(|e| pre.contains(Some(e))).map(|e| Spot::of(&e, pre)));
            let pressed = pre.as_ref().and_then(pressed_before_app);
            if let Some(pre) = &pre {
                pre.remove();
            }
            if let Some(app) = &app {
                let _ = app.remove_attribute("hidden");
                for (control, change) in &changed {
                    if let Some(el) = control.find(&doc, app) {
                        change.apply(&el);
                    }
                }
                if let Some(el) = focused.and_then(|f| f.find(&doc, app)).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.focus();
                }
                // After the changes' effects have run (Leptos runs them in microtasks): pressed in
                // the same task, Reset put the scenario back before they ran, so no value had
                // changed for them and the controls kept showing the changed values.
                if let Some(el) = pressed.and_then(|p| p.find(&doc, app)).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    gloo_timers::callback::Timeout::new(0, move || el.click()).forget();
                }
            }
            if let Some(root) = doc.document_element() {
                // (before-app-bar: prerender.js's bar went with the pre-rendered page.)
                let _ = root.class_list().remove_2("scenario-pending", "before-app-bar");
            }
        }
        for f in WHEN_SHOWN.with(|w| std::mem::take(&mut *w.borrow_mut())) {
            f();
        }
        then();
    });
}

/// Which control of the page a change was made to: by its id, or a radio button (which have
/// none) by its group's name and its value.
enum Control {
    Id(String),
    Radio { name: String, value: String },
}

impl Control {
    fn find(&self, doc: &web_sys::Document, app: &web_sys::Element) -> Option<web_sys::Element> {
        match self {
            Control::Id(id) => doc.get_element_by_id(id).filter(|e| app.contains(Some(e))),
            Control::Radio { name, value } => elements(app, "input[type=radio]")
                .into_iter()
                .find(|e| e.get_attribute("name").as_deref() == Some(name) && prop(e, "value").as_string().as_deref() == Some(value)),
        }
    }
}

/// A change the reader made to a control of the pre-rendered page before the app took over.
enum Change {
    Value(String),
    /// A checkbox ticked or cleared, or a radio button chosen (never "unchosen": choosing
    /// another in its group does that).
    Checked(bool),
}

impl Change {
    /// Makes the same change to the app's control, as the reader would: its `input` and
    /// `change` events run the app's own handlers (a refused value is refused as it would be).
    fn apply(&self, el: &web_sys::Element) {
        let _ = match self {
            Change::Value(v) => js_sys::Reflect::set(el, &"value".into(), &JsValue::from_str(v)),
            Change::Checked(c) => js_sys::Reflect::set(el, &"checked".into(), &JsValue::from_bool(*c)),
        };
        for name in ["input", "change"] {
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let Ok(ev) = web_sys::Event::new_with_event_init_dict(name, &init) {
                let _ = el.dispatch_event(&ev);
            }
        }
    }
}

fn prop(el: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(el, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The pre-rendered page's controls whose value differs from the one it was built with. Of a
/// slider and its number box (`…-n`) both changed, only the box: it holds the latest of the two
/// (prerender.js copies a slider's moves to it, but not a number the slider cannot show), and the
/// app's own checks then decide what a typed value does (a refused one is refused, as in the app,
/// where the slider had been set to a value of its own making).
fn changed_controls(pre: &web_sys::Element) -> Vec<(Control, Change)> {
    let changed = changed_values(pre);
    // (A box emptied after its slider moved says nothing: the slider's value goes, as the app
    // would have kept it.)
    let boxed: Vec<String> = changed
        .iter()
        .filter_map(|(c, v)| match (c, v) {
            (Control::Id(b), Change::Value(t)) if !t.is_empty() => b.strip_suffix("-n").map(str::to_string),
            _ => None,
        })
        .collect();
    changed.into_iter().filter(|(c, _)| !matches!(c, Control::Id(id) if boxed.contains(id))).collect()
}

fn changed_values(pre: &web_sys::Element) -> Vec<(Control, Change)> {
    elements(pre, "input, select, textarea")
        .into_iter()
        .filter_map(|el| {
            let kind = prop(&el, "type").as_string().unwrap_or_default();
            let checked = || Some((prop(&el, "checked").as_bool()?, prop(&el, "defaultChecked").as_bool()?));
            if kind == "radio" {
                let (name, (now, was)) = (el.get_attribute("name")?, checked()?);
                let value = prop(&el, "value").as_string()?;
                return (now && !was).then_some((Control::Radio { name, value }, Change::Checked(true)));
            }
            if el.id().is_empty() {
                return None;
            }
            let change = match el.tag_name().as_str() {
                "INPUT" if kind == "file" => None,
                "INPUT" if kind == "checkbox" => {
                    let (now, was) = checked()?;
                    (now != was).then_some(Change::Checked(now))
                }
                "SELECT" => {
                    let options = prop(&el, "options");
                    let n = prop(&options, "length").as_f64().unwrap_or(0.0) as u32;
                    let option = |i: u32| js_sys::Reflect::get_u32(&options, i).ok();
                    let was = (0..n).filter_map(option).find(|o| prop(o, "defaultSelected").as_bool() == Some(true)).or_else(|| option(0)).and_then(|o| prop(&o, "value").as_string());
                    let now = prop(&el, "value").as_string()?;
                    (Some(&now) != was.as_ref()).then_some(Change::Value(now))
                }
                _ => {
                    let (now, was) = (prop(&el, "value").as_string()?, prop(&el, "defaultValue").as_string()?);
                    // A slider moves a value between its steps to the nearest step (a council's
                    // 4.25% on a 0.1 slider reads back 4.3) though nobody touched it: that was
                    // carried to the app as a change, and the link rewritten to 4.3.
                    let was = if kind == "range" { snapped(&el, &was).unwrap_or(was) } else { was };
                    (now != was).then_some(Change::Value(now))
                }
            }?;
            Some((Control::Id(el.id()), change))
        })
        .collect()
}

/// What a slider like `el` (same min, max and step) shows for the value `value`: the browser's
/// own rounding to a step, from a detached copy.
fn snapped(el: &web_sys::Element, value: &str) -> Option<String> {
    let doc = el.owner_document()?;
    let copy = doc.create_element("input").ok()?;
    copy.set_attribute("type", "range").ok()?;
    for name in ["min", "max", "step"] {
        if let Some(v) = el.get_attribute(name) {
            copy.set_attribute(name, &v).ok()?;
        }
    }
    js_sys::Reflect::set(&copy, &"value".into(), &JsValue::from_str(value)).ok()?;
    prop(&copy, "value").as_string()
}

/// How long a press on the pre-rendered page is kept for the app: the time a browser lets a
/// press's permission last (to copy to the clipboard, say). A reader whose press did nothing for
/// longer has moved on, and would be surprised by it.
const PRESS_KEPT_MS: f64 = 5000.0;

/// The button the reader last pressed on the pre-rendered page (`prerender.js` keeps it), if
/// recently enough, and how many buttons alike the page had: the app's is pressed only if it
/// has as many, so a press never lands on another button of the same name.
struct Pressed {
    spot: Spot,
    alike: usize,
}

fn pressed_before_app(pre: &web_sys::Element) -> Option<Pressed> {
    let window = super::browser::window()?;
    let kept = prop(&window, "__pressedBeforeApp");
    let _ = js_sys::Reflect::delete_property(&window, &"__pressedBeforeApp".into());
    let at = prop(&kept, "at").as_f64()?;
    let button = prop(&kept, "button").dyn_into::<web_sys::Element>().ok().filter(|b| pre.contains(Some(b)))?;
    if super::browser::clock_ms() - at > PRESS_KEPT_MS || button.has_attribute("disabled") {
        return None;
    }
    let spot = Spot::of(&button, pre);
    let alike = spot.alike_in(pre);
    Some(Pressed { spot, alike })
}

impl Pressed {
    fn find(self, doc: &web_sys::Document, app: &web_sys::Element) -> Option<web_sys::Element> {
        (self.spot.alike_in(app) == self.alike).then(|| self.spot.find(doc, app)).flatten().filter(|b| !b.has_attribute("disabled"))
    }
}

/// Where keyboard focus was on the pre-rendered page: an element's id, or, for one without (a
/// link in the menu, say), its tag and text, and which of the elements alike it was. (Not its
/// `href`: the pre-rendered menu links the pages' files, the app's their `?page=` links.)
enum Spot {
    Id(String),
    Like { tag: String, text: String, nth: usize },
}

impl Spot {
    fn of(el: &web_sys::Element, within: &web_sys::Element) -> Spot {
        if !el.id().is_empty() {
            return Spot::Id(el.id());
        }
        let (tag, text) = (el.tag_name(), el.text_content().unwrap_or_default());
        let nth = Self::alike(within, &tag, &text).iter().position(|e| e == el).unwrap_or(0);
        Spot::Like { tag, text, nth }
    }

    fn alike(within: &web_sys::Element, tag: &str, text: &str) -> Vec<web_sys::Element> {
        elements(within, tag).into_iter().filter(|e| e.text_content().unwrap_or_default() == text).collect()
    }

    /// How many elements within `within` it could be: one for an id.
    fn alike_in(&self, within: &web_sys::Element) -> usize {
        match self {
            Spot::Id(_) => 1,
            Spot::Like { tag, text, .. } => Self::alike(within, tag, text).len(),
        }
    }

    fn find(self, doc: &web_sys::Document, app: &web_sys::Element) -> Option<web_sys::Element> {
        match self {
            Spot::Id(id) => doc.get_element_by_id(&id),
            Spot::Like { tag, text, nth } => Self::alike(app, &tag, &text).into_iter().nth(nth),
        }
    }
}
