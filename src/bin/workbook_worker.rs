//! The workbook worker: the second wasm, loaded by the page only on the first workbook request,
//! so the Excel crates (rust_xlsxwriter, calamine) never weigh on the first view. Trunk builds it
//! (`<link data-trunk rel="rust" data-type="worker" data-bin="workbook_worker" ...>` in
//! index.html). Messages in: `{id, write: <workbook::request::Request as JSON>, dataset?: <the
//! dataset's JSON text>}` → `{id, bytes: Uint8Array}`;
//! `{id, read: Uint8Array}` → `{id, json: <dataset JSON>}` or `{id, issues: [[cell, message]...]}`.
//! Any failure comes back as `{id, error}`; it first says `{ready: true}`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use dsg_explorer::workbook::{read::workbook_to_json, request::{describe, Request}, xlsx};
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    fn set(o: &Object, k: &str, v: &JsValue) {
        let _ = Reflect::set(o, &JsValue::from_str(k), v);
    }

    fn handle(data: &JsValue) -> (Object, Option<Array>) {
        let reply = Object::new();
        set(&reply, "id", &Reflect::get(data, &"id".into()).unwrap_or(JsValue::NULL));
        if let Some(json) = Reflect::get(data, &"write".into()).ok().and_then(|v| v.as_string()) {
            let dataset = Reflect::get(data, &"dataset".into()).ok().and_then(|v| v.as_string());
            let written = serde_json::from_str::<Request>(&json)
                .map_err(|e| format!("the workbook request is not valid: {e}"))
                .and_then(|r| describe(&r, dataset.as_deref()))
                .and_then(|b| xlsx::write(&b));
            match written {
                Ok(bytes) => {
                    let arr = Uint8Array::from(&bytes[..]);
                    set(&reply, "bytes", &arr);
                    return (reply, Some(Array::of1(&arr.buffer())));
                }
                Err(e) => set(&reply, "error", &JsValue::from_str(&e)),
            }
        } else if let Ok(v) = Reflect::get(data, &"read".into()) {
            let bytes = Uint8Array::new(&v).to_vec();
            match workbook_to_json(&bytes) {
                Ok(json) => set(&reply, "json", &JsValue::from_str(&json)),
                Err(issues) => {
                    let list = Array::new();
                    for i in issues {
                        list.push(&Array::of2(&JsValue::from_str(&i.path), &JsValue::from_str(&i.message)));
                    }
                    set(&reply, "issues", &list);
                }
            }
        } else {
            set(&reply, "error", &JsValue::from_str("unknown request"));
        }
        (reply, None)
    }

    pub fn start() {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let post = scope.clone();
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let (reply, transfer) = handle(&ev.data());
            let _ = match transfer {
                Some(t) => post.post_message_with_transfer(&reply, &t),
                None => post.post_message(&reply),
            };
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let ready = Object::new();
        set(&ready, "ready", &JsValue::TRUE);
        let _ = scope.post_message(&ready);
    }
}
