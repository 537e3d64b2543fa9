//! The layers, enforced: the pure layers use no web crate and nothing of the app shell; `data`
//! uses only `units`; `units` uses nothing of ours; no page imports another page.
//! See docs/architecture.md.

use std::fs;
use std::path::{Path, PathBuf};

const WEB_CRATES: [&str; 7] = ["leptos", "web_sys", "gloo", "wasm_bindgen", "js_sys", "gloo_net", "gloo_storage"];
const PURE: [&str; 5] = ["units", "data", "model", "share", "charts"];

/// What a layer may not name, besides web crates: `crate::X` paths of our own modules.
fn forbidden_ours(layer: &str) -> &'static [&'static str] {
    match layer {
        "units" => &["data", "model", "share", "charts", "ui", "testing"],
        "data" => &["model", "share", "charts", "ui"],
        "model" | "share" | "charts" => &["ui"],
        _ => &[],
    }
}

/// Source text without comments, so a doc comment that mentions a crate is not a use of it.
fn code_only(text: &str) -> String {
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

fn names_path(code: &str, root: &str) -> bool {
    // `leptos::…`, `use leptos;`, `::leptos::…`, `extern crate leptos`
    code.match_indices(root).any(|(i, _)| {
        let before = code[..i].chars().next_back();
        let after = &code[i + root.len()..];
        let starts = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        starts && (after.starts_with("::") || after.starts_with(';') || after.starts_with(" as "))
    })
}

/// Every layering violation among `files` (path relative to `src/`, text).
fn violations(files: &[(String, String)]) -> Vec<String> {
    let pages: Vec<String> = files
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("ui/pages/").and_then(|f| f.strip_suffix(".rs")).filter(|f| *f != "mod").map(str::to_string))
        .collect();
    let mut out = Vec::new();
    for (path, text) in files {
        let code = code_only(text);
        let layer = path.split('/').next().unwrap_or("").trim_end_matches(".rs");
        if PURE.contains(&layer) {
            for web in WEB_CRATES {
                if names_path(&code, web) {
                    out.push(format!("{path}: {layer} uses the web crate {web}"));
                }
            }
            for ours in forbidden_ours(layer) {
                if names_path(&code, &format!("crate::{ours}")) || names_path(&code, &format!("dsg_explorer::{ours}")) {
                    out.push(format!("{path}: {layer} uses crate::{ours}"));
                }
            }
        }
        if let Some(page) = path.strip_prefix("ui/pages/").and_then(|f| f.strip_suffix(".rs")).filter(|f| *f != "mod") {
            for other in pages.iter().filter(|o| o.as_str() != page) {
                if [format!("pages::{other}"), format!("super::{other}")].iter().any(|p| names_path(&code, p)) {
                    out.push(format!("{path}: the page {page} imports the page {other}"));
                }
            }
        }
    }
    out
}

fn rust_files(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir).expect("src is readable").map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, root, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.push((rel, fs::read_to_string(&p).unwrap()));
        }
    }
}

#[test]
fn the_source_tree_keeps_its_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &root, &mut files);
    assert!(files.iter().any(|(p, _)| p == "units/money.rs") && files.iter().any(|(p, _)| p == "ui/pages/overview.rs"), "the walk finds the tree");
    let v = violations(&files);
    assert!(v.is_empty(), "layering violations:\n{}", v.join("\n"));
}

#[test]
fn the_checker_finds_each_kind_of_violation() {
    let f = |p: &str, t: &str| (p.to_string(), t.to_string());
    let files = vec![
        f("units/money.rs", "use crate::model::dsg::Baseline;"),
        f("data/validate.rs", "use crate::model::dsg::Baseline;\nuse crate::units::money::gbp;"),
        f("data/load.rs", "fn f() { let w = web_sys::window(); }"),
        f("model/dsg/project.rs", "use leptos::prelude::*;"),
        f("model/outcome.rs", "use crate::ui::state::AppState;"),
        f("share/codec.rs", "use gloo_storage::LocalStorage;"),
        f("charts/svg.rs", "extern crate wasm_bindgen;\nuse wasm_bindgen;"),
        f("ui/pages/capital.rs", "use super::overview::Overview;"),
        f("ui/pages/pack.rs", "use crate::ui::pages::savings::runway;"),
        f("ui/pages/overview.rs", ""),
        f("ui/pages/savings.rs", ""),
        // Allowed: pages use components and the model; the shell lists pages; comments are not code.
        f("ui/pages/high_needs.rs", "use crate::ui::components::deficit::Headlines;\nuse crate::model::outcome::Outcome;\n// see super::overview for the tile"),
        f("ui/pages/mod.rs", "pub mod overview;\nview! { <overview::Overview/> }"),
        f("model/revenue.rs", "use crate::data::Dataset;\nuse crate::units::calendar::Fy;\n/// leptos:: is never used here"),
    ];
    let v = violations(&files);
    let expected = [
        "units/money.rs: units uses crate::model",
        "data/validate.rs: data uses crate::model",
        "data/load.rs: data uses the web crate web_sys",
        "model/dsg/project.rs: model uses the web crate leptos",
        "model/outcome.rs: model uses crate::ui",
        "share/codec.rs: share uses the web crate gloo_storage",
        "charts/svg.rs: charts uses the web crate wasm_bindgen",
        "ui/pages/capital.rs: the page capital imports the page overview",
        "ui/pages/pack.rs: the page pack imports the page savings",
    ];
    assert_eq!(v, expected, "\n{}", v.join("\n"));
}
