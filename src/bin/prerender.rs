//! Build step (scripts/externalise_loader.py runs it after Trunk has built the site): writes
//! every page's default view into the built site, `index.html` and one `<page>.html` per page,
//! from the same components the app mounts (`ui::prerender`).
//!
//! `prerender <site>`. If the shipped figures cannot be read, it warns and writes every page's file
//! without a pre-render (the start-up message; the app then shows the problem itself), so the
//! pages' addresses still open.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use dsg_explorer::ui::prerender::{default_link, document, file_name, read_figures, render, PAGES};
    let site = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "dist".into()));
    let template = match std::fs::read_to_string(site.join("index.html")) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("prerender: {}: {e}", site.join("index.html").display());
            std::process::exit(1);
        }
    };
    let figures = match read_figures(&site) {
        Ok(f) => Some(f),
        Err(e) => {
            eprintln!("prerender: WARNING: not pre-rendering, the shipped figures do not load (the app will show why): {e}");
            None
        }
    };
    let link = figures.as_ref().map(default_link).unwrap_or_default();
    for page in PAGES {
        let shell = figures.as_ref().map(|f| render(f, page)).unwrap_or_default();
        let html = match document(&template, page, &link, &shell) {
            Ok(h) => h,
            Err(e) => {
                eprintln!("prerender: {e}");
                std::process::exit(1);
            }
        };
        let path = site.join(file_name(page));
        if let Err(e) = std::fs::write(&path, &html) {
            eprintln!("prerender: {}: {e}", path.display());
            std::process::exit(1);
        }
        println!("prerender: {} ({} bytes){}", path.display(), html.len(), figures.as_ref().map(|f| format!(" from {}", f.path)).unwrap_or_else(|| ", not pre-rendered".into()));
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
