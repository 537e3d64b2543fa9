//! Build step (scripts/externalise_loader.py runs it after Trunk has built the site): writes
//! every page's default view into the built site, `index.html` and one `<page>.html` per page,
//! from the same components the app mounts (`ui::prerender`).
//!
//! `prerender <site>`. If the shipped figures cannot be read, it says why and leaves the site as
//! it was (the app then shows the problem itself, as it always has).

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
        Ok(f) => f,
        Err(e) => {
            eprintln!("prerender: not pre-rendering, the shipped figures do not load: {e}");
            return;
        }
    };
    let link = default_link(&figures);
    for page in PAGES {
        let html = match document(&template, page, &link, &render(&figures, page)) {
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
        println!("prerender: {} ({} bytes) from {}", path.display(), html.len(), figures.path);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
