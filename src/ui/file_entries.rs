//! Figures loaded from files on this device, and the history entries made on them.
//!
//! An address names figures by dataset id and version, which a file need not make its own (an
//! edited copy of the shipped figures keeps their id and version; two files may share theirs).
//! So each file load gets a token, unique across reloads of the tab, and every history entry
//! written while its figures are in use carries that token in its state: Back and Forward tell
//! a file's entries from the shipped figures' and from another file's by it, not by the address.

use std::cell::{Cell, RefCell};
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

use crate::data::Loaded;

/// How many loaded files are kept for Back and Forward (each may be megabytes).
const KEPT: usize = 3;

/// A file's figures, as a history entry's state names them.
#[derive(Clone, Debug, PartialEq)]
pub struct FileMark {
    pub token: String,
    pub name: String,
}

struct Kept {
    mark: FileMark,
    loaded: Arc<Loaded>,
}

thread_local! {
    /// Files loaded in this visit, latest last.
    static FILES: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
    /// The file whose figures are in use, if they came from one.
    static IN_USE: RefCell<Option<FileMark>> = const { RefCell::new(None) };
    /// Shipped figures loaded in this visit, by path, latest last: Back to them needs no fetch.
    static SHIPPED: RefCell<Vec<(String, Arc<Loaded>)>> = const { RefCell::new(Vec::new()) };
    static COUNT: Cell<u32> = const { Cell::new(0) };
}

/// Keeps figures loaded from a file (`name`) for Back and Forward, and marks them as in use.
pub fn remember(loaded: &Arc<Loaded>, name: &str) {
    let n = COUNT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    // The page's start time tells this document's tokens from an earlier one's in the same tab.
    let start = super::browser::window().and_then(|w| w.performance()).map(|p| p.time_origin()).unwrap_or_default();
    let mark = FileMark { token: format!("{start}-{n}"), name: name.to_string() };
    FILES.with(|f| f.borrow_mut().push(Kept { mark: mark.clone(), loaded: loaded.clone() }));
    set_in_use(Some(mark));
}

/// The figures now in use came from this file, or from none (`None`: shipped, or a link's `src`).
/// The file in use is the last to be let go (a review: Back to the first of three files, then a
/// fourth loaded, let go of the one Back had just returned to).
pub fn set_in_use(mark: Option<FileMark>) {
    if let Some(m) = &mark {
        FILES.with(|f| {
            let mut f = f.borrow_mut();
            let order: Vec<String> = f.iter().map(|k| k.mark.token.clone()).collect();
            let keep = kept_order(&order, &m.token, KEPT);
            f.sort_by_key(|k| keep.iter().position(|t| *t == k.mark.token).unwrap_or(usize::MAX));
            f.truncate(keep.len());
        });
    }
    IN_USE.with(|u| *u.borrow_mut() = mark);
}

/// The tokens kept, least recently used first, once `used` is in use: at most `max`.
fn kept_order(order: &[String], used: &str, max: usize) -> Vec<String> {
    let mut out: Vec<String> = order.iter().filter(|t| *t != used).cloned().collect();
    if order.iter().any(|t| t == used) {
        out.push(used.to_string());
    }
    let over = out.len().saturating_sub(max);
    out.drain(..over);
    out
}

/// Shipped figures fetched from `path`, held for Back and Forward (a few versions at most).
pub fn hold_shipped(path: &str, loaded: &Arc<Loaded>) {
    SHIPPED.with(|s| {
        let mut s = s.borrow_mut();
        s.retain(|(p, _)| p != path);
        s.push((path.to_string(), loaded.clone()));
        let over = s.len().saturating_sub(KEPT);
        s.drain(..over);
    });
}

/// The shipped figures of `path`, if held.
pub fn shipped(path: &str) -> Option<Arc<Loaded>> {
    SHIPPED.with(|s| s.borrow().iter().find(|(p, _)| p == path).map(|(_, l)| l.clone()))
}

/// The kept figures of a file's token, if still kept.
pub fn kept(token: &str) -> Option<(Arc<Loaded>, FileMark)> {
    FILES.with(|f| f.borrow().iter().find(|k| k.mark.token == token).map(|k| (k.loaded.clone(), k.mark.clone())))
}

/// What Back or Forward does about the figures of the entry it lands on.
#[derive(Debug, PartialEq)]
pub enum Figures {
    /// The entry's figures are in use: read its levers on them.
    InUse,
    /// A file's figures, kept from this visit: put them in place first.
    File(String),
    /// A file's figures that are no longer kept (another load pushed them out, or the page was
    /// reloaded): the figures its address names in their place, with a notice naming the file.
    FileGone,
    /// Figures the address names (shipped, or a link's `src`), not a file's; `same` is whether
    /// the address names the figures in use, judged by id, version and `src`.
    Named { same: bool },
}

/// Decides from the entry's mark (`entry`), the file in use (`in_use`) and whether the address
/// names the figures in use when neither is a file's.
pub fn figures_for(entry: Option<&str>, in_use: Option<&str>, is_kept: impl Fn(&str) -> bool, same_named: bool) -> Figures {
    match (entry, in_use) {
        (Some(e), Some(u)) if e == u => Figures::InUse,
        (Some(e), _) if is_kept(e) => Figures::File(e.to_string()),
        (Some(_), _) => Figures::FileGone,
        (None, Some(_)) => Figures::Named { same: false },
        (None, None) => Figures::Named { same: same_named },
    }
}

/// What Back or Forward to the current entry does (see `figures_for`).
pub fn figures_of_entry(same_named: bool) -> Figures {
    let entry = entry_mark().map(|m| m.token);
    figures_for(entry.as_deref(), in_use_token().as_deref(), |t| kept(t).is_some(), same_named)
}

fn in_use_token() -> Option<String> {
    IN_USE.with(|u| u.borrow().as_ref().map(|m| m.token.clone()))
}

/// The file mark in the current history entry's state, if any.
pub fn entry_mark() -> Option<FileMark> {
    let state = super::browser::window()?.history().ok()?.state().ok()?;
    let get = |k: &str| js_sys::Reflect::get(&state, &k.into()).ok().and_then(|v| v.as_string());
    Some(FileMark { token: get("file")?, name: get("fileName").unwrap_or_default() })
}

/// The state for an entry written now: the current entry's other keys (`keep`: its scroll
/// place, for an entry replaced; for a new one, only its `fileGone` flag while no file is in
/// use), with the mark of the file in use, or without any.
pub fn state(keep: bool) -> JsValue {
    let state = js_sys::Object::new();
    let mark = IN_USE.with(|u| u.borrow().clone());
    if keep {
        if let Some(old) = entry_state().filter(|s| s.is_object()) {
            js_sys::Object::assign(&state, old.unchecked_ref());
        }
    } else if let (None, Some(name)) = (&mark, gone_flag()) {
        // A new entry on figures standing in for a file no longer held says so too (a trial: the
        // notice stayed on a page changed to, and was gone on Back to it).
        let _ = js_sys::Reflect::set(&state, &"fileGone".into(), &JsValue::from(name));
    }
    if mark.is_some() {
        let _ = js_sys::Reflect::delete_property(&state, &"fileGone".into());
    }
    for (k, v) in [("file", mark.as_ref().map(|m| &m.token)), ("fileName", mark.as_ref().map(|m| &m.name))] {
        let _ = match v {
            Some(v) => js_sys::Reflect::set(&state, &k.into(), &JsValue::from(v.as_str())),
            None => js_sys::Reflect::delete_property(&state, &k.into()),
        };
    }
    state.into()
}

fn entry_state() -> Option<JsValue> {
    super::browser::window()?.history().ok()?.state().ok()
}

/// Whether the app wrote the current entry (every entry it writes or reads has a state object;
/// one the browser made for a followed `#link` has none).
pub fn entry_written() -> bool {
    entry_state().is_some_and(|s| s.is_object())
}

/// Whether the current entry shows the figures in use: the same file's, or no file's.
pub fn entry_in_use() -> bool {
    entry_mark().map(|m| m.token) == in_use_token()
}

/// At start: the first entry is marked as the app's, with no file (one already marked, by an
/// earlier document of this tab, is left for `take_gone_mark`).
pub fn stamp_first() {
    if !entry_written() {
        stamp();
    }
}

/// Marks the current entry with the figures in use, where the browser wrote it (a followed
/// `#link` makes an entry with no state).
pub fn stamp() {
    if entry_written() && entry_in_use() {
        return;
    }
    if let Some(h) = super::browser::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state(&state(true), "");
    }
}

/// At start: the file the current entry's figures came from in an earlier document of this tab
/// (a reload, or Back into the app from another site), which nothing can read again. The mark is
/// taken off the entry, which from now on shows the figures its address names, flagged so that
/// it says why.
pub fn take_gone_mark() -> Option<FileMark> {
    let mark = entry_mark()?;
    flag_gone(&mark.name);
    Some(mark)
}

/// Marks the current entry as one whose file is gone (`name`), with the figures in use: its
/// notice is shown on it and on the entries made from it on the same figures (`state`), and on
/// no other (`gone_flag`).
pub fn flag_gone(name: &str) {
    let Some(h) = super::browser::window().and_then(|w| w.history().ok()) else { return };
    let s = state(true);
    let _ = js_sys::Reflect::set(&s, &"fileGone".into(), &JsValue::from(name));
    let _ = h.replace_state(&s, "");
}

/// The name of the file the current entry's figures came from, where it is gone (`flag_gone`).
pub fn gone_flag() -> Option<String> {
    js_sys::Reflect::get(&entry_state()?, &"fileGone".into()).ok()?.as_string()
}

#[cfg(test)]
mod tests {
    use super::{figures_for, kept_order, Figures};

    #[test]
    fn the_file_in_use_is_the_last_let_go() {
        let v = |s: &[&str]| s.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        // A fourth file pushes out the least recently used.
        assert_eq!(kept_order(&v(&["1", "2", "3", "4"]), "4", 3), v(&["2", "3", "4"]));
        // Back to the first of three, then a fourth: the first is kept, the second let go.
        let after_back = kept_order(&v(&["1", "2", "3"]), "1", 3);
        assert_eq!(after_back, v(&["2", "3", "1"]));
        let mut with_fourth = after_back.clone();
        with_fourth.push("4".into());
        assert_eq!(kept_order(&with_fourth, "4", 3), v(&["3", "1", "4"]));
        // A token not held changes nothing but the limit.
        assert_eq!(kept_order(&v(&["1", "2"]), "9", 3), v(&["1", "2"]));
    }

    #[test]
    fn an_entry_s_figures_are_told_by_its_mark_not_its_address() {
        let kept = |t: &str| t == "a" || t == "b";
        // The file in use, whatever the address says (an edited copy of the shipped figures
        // shares their id and version).
        assert_eq!(figures_for(Some("a"), Some("a"), kept, false), Figures::InUse);
        // Another file kept from this visit, though the address be the same.
        assert_eq!(figures_for(Some("b"), Some("a"), kept, true), Figures::File("b".into()));
        assert_eq!(figures_for(Some("b"), None, kept, true), Figures::File("b".into()));
        // A file no longer kept.
        assert_eq!(figures_for(Some("c"), Some("a"), kept, true), Figures::FileGone);
        assert_eq!(figures_for(Some("c"), None, kept, true), Figures::FileGone);
        // An entry of no file while a file is in use: the address's figures, not the file's,
        // even where the address names the same id and version.
        assert_eq!(figures_for(None, Some("a"), kept, true), Figures::Named { same: false });
        // Neither a file's: by the address.
        assert_eq!(figures_for(None, None, kept, true), Figures::Named { same: true });
        assert_eq!(figures_for(None, None, kept, false), Figures::Named { same: false });
    }
}
