//! Memos made through one function per value type: `Memo::new` is generic over its closure, so
//! each of the app's memos compiled its own copy of Leptos's memo machinery (88 copies, 97 kB of
//! the wasm); through a boxed closure there is one copy per type of value.

use leptos::prelude::*;

/// `Memo::new(f)`, with `f` boxed.
pub fn memo<T: PartialEq + Send + Sync + 'static>(f: impl Fn(Option<&T>) -> T + Send + Sync + 'static) -> Memo<T> {
    boxed(Box::new(f))
}

#[inline(never)]
fn boxed<T: PartialEq + Send + Sync + 'static>(f: Box<dyn Fn(Option<&T>) -> T + Send + Sync>) -> Memo<T> {
    Memo::new(move |prev| f(prev))
}
