//! Files made in the browser and handed to the user as downloads: a `Blob`, an object URL and a
//! temporary `<a download>`. Nothing is sent anywhere. A PNG is drawn from the chart's SVG on a
//! canvas (all same-origin: the SVG comes from a blob URL, so the canvas is never tainted).

use wasm_bindgen::{JsCast, JsValue};

fn js_err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "the browser refused".into())
}

/// What a download button says once the file is made: the browser has it and saves it as it saves
/// downloads ("Downloading …" had stayed as if still under way).
pub fn sent(name: &str) -> String {
    format!("Sent {name} to your downloads.")
}

/// A Blob holding this text.
pub fn text_blob(text: &str, mime: &str) -> Result<web_sys::Blob, String> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(js_err)
}

/// Offers a Blob as a download named `filename`.
pub fn save_blob(blob: &web_sys::Blob, filename: &str) -> Result<(), String> {
    let doc = crate::ui::browser::window().and_then(|w| w.document()).ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(js_err)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(js_err)?.dyn_into().map_err(|_| "no link element".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    a.set_class_name("visually-hidden");
    let body = doc.body().ok_or("no body")?;
    let _ = body.append_child(&a);
    a.click();
    a.remove();
    // Give the browser time to start the download before the URL is released.
    gloo_timers::callback::Timeout::new(30_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Offers text as a download.
pub fn save_text(text: &str, mime: &str, filename: &str) -> Result<(), String> {
    save_blob(&text_blob(text, mime)?, filename)
}

/// Draws an SVG (with explicit width and height) onto a canvas at `scale` and offers it as a PNG.
/// `done` is called once, with the outcome.
pub fn save_svg_as_png(svg: &str, width: u32, height: u32, scale: f64, filename: String, done: impl FnOnce(Result<(), String>) + 'static) {
    let start = || -> Result<(web_sys::HtmlImageElement, String), String> {
        let blob = text_blob(svg, "image/svg+xml;charset=utf-8")?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_err)?;
        let img = web_sys::HtmlImageElement::new().map_err(js_err)?;
        Ok((img, url))
    };
    let (img, url) = match start() {
        Ok(x) => x,
        Err(e) => return done(Err(e)),
    };
    // Only one of load and error fires; share `done` between them.
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(Box::new(done) as Box<dyn FnOnce(Result<(), String>)>)));
    let finish = {
        let done = done.clone();
        move |r: Result<(), String>| {
            if let Some(f) = done.borrow_mut().take() {
                f(r)
            }
        }
    };
    let finish2 = finish.clone();
    let img2 = img.clone();
    let url2 = url.clone();
    let on_load = wasm_bindgen::closure::Closure::once_into_js(move || {
        let draw = || -> Result<web_sys::HtmlCanvasElement, String> {
            let doc = crate::ui::browser::window().and_then(|w| w.document()).ok_or("no document")?;
            let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas").map_err(js_err)?.dyn_into().map_err(|_| "no canvas".to_string())?;
            let (w, h) = ((width as f64 * scale).round(), (height as f64 * scale).round());
            canvas.set_width(w as u32);
            canvas.set_height(h as u32);
            let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").map_err(js_err)?.ok_or("no 2d canvas")?.dyn_into().map_err(|_| "no 2d canvas".to_string())?;
            ctx.set_fill_style_str("#ffffff");
            ctx.fill_rect(0.0, 0.0, w, h);
            ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, w, h).map_err(js_err)?;
            Ok(canvas)
        };
        let _ = web_sys::Url::revoke_object_url(&url2);
        let canvas = match draw() {
            Ok(c) => c,
            Err(e) => return finish2(Err(e)),
        };
        let finish3 = finish2.clone();
        let on_blob = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| match blob.dyn_into::<web_sys::Blob>() {
            Ok(b) => finish3(save_blob(&b, &filename)),
            Err(_) => finish3(Err("the browser could not make the image".into())),
        });
        if let Err(e) = canvas.to_blob_with_type(on_blob.unchecked_ref(), "image/png") {
            finish2(Err(js_err(e)));
        }
    });
    let url3 = url.clone();
    let on_error = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url3);
        finish(Err("the browser could not read the chart as an image".into()));
    });
    img.set_onload(Some(on_load.unchecked_ref()));
    img.set_onerror(Some(on_error.unchecked_ref()));
    img.set_src(&url);
}

/// A file name from an id: lower case letters, digits and hyphens.
pub fn file_stem(id: &str) -> String {
    let s: String = id.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let s = s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    if s.is_empty() { "chart".into() } else { s }
}

/// The SVG as a file: explicit pixel size instead of "100%" (which a standalone file or an
/// image element cannot resolve), and the XML namespace it already has.
pub fn standalone_svg(svg: &str, width: u32, height: u32) -> String {
    svg.replacen(r#"width="100%""#, &format!(r#"width="{width}" height="{height}""#), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_from_ids() {
        assert_eq!(file_stem("hn-deficit"), "hn-deficit");
        assert_eq!(file_stem("Cmp Deficit/2"), "cmp-deficit-2");
        assert_eq!(file_stem("../"), "chart");
    }

    #[test]
    fn standalone_svg_has_a_size() {
        let c = crate::charts::Chart::new("t", "T");
        let s = standalone_svg(&crate::charts::render(&c), 720, 340);
        assert!(s.starts_with("<svg"));
        assert!(s.contains(r#"width="720" height="340""#), "{s}");
        assert!(!s.contains("100%"));
    }
}
