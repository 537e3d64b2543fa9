//! The committee pack (`?page=pack`): the current scenario as one print-ready A4 document for
//! committee papers. The High needs headline, the key answers, the main chart of High needs,
//! Savings and Capital with their summaries and tables, the assumptions that differ from the
//! defaults, the sources, the date and dataset, and the scenario's link as text and as a QR code.
//! Every part comes from the same functions as the pages that show it; nothing is computed twice
//! in a different way. "Print pack" in the share bar opens it and prints it with the browser's
//! own print; it is not in the navigation.

use crate::model::answers::answers;
use crate::units::calendar::Date;
use crate::model::dsg::{project, Baseline};
use crate::model::scenario::Scenario;
use crate::ui::components::chart::{DataTable, FigureView, Table};
use crate::ui::components::key_questions::{qa, year_end_table};
use crate::ui::components::share_bar::{assumption_lines, dataset_line, go_to, page_href, pack_return_page, scenario_query, source_lines};
use crate::ui::components::capital_bridge::bridge_figure;
use crate::ui::components::deficit::{deficit_figure, Headlines};
use crate::ui::components::runway::runway_figure;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The QR code of `link` as inline SVG: one unit per module inside the standard quiet zone of
/// four modules, black on white, with an accessible name. No XML declaration (it sits inside
/// HTML) and no `style` attribute (the CSP allows no inline style).
pub fn qr_svg(link: &str) -> Result<String, String> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::new(link.as_bytes()).map_err(|e| format!("the link is too long for a QR code ({e})"))?;
    let out = code.render::<svg::Color>().quiet_zone(true).module_dimensions(1, 1).dark_color(svg::Color("#000")).light_color(svg::Color("#fff")).build();
    let start = out.find("<svg").ok_or("the QR code has no <svg> element")?;
    Ok(out[start..].replacen("<svg ", r#"<svg role="img" aria-label="QR code of the link to this scenario" "#, 1))
}

/// The key answers (for scrutiny, with figures) of a scenario and their table of the deficit at
/// each 31 March, as the High needs page gives them.
pub fn key_answers(b: &Baseline, ds: &crate::data::Dataset, s: &Scenario) -> (Vec<(String, String)>, Table) {
    let p = project(b, &s.hn);
    let a = answers(b, &p, ds.budget.net_budget.value);
    let rows = qa(&a, &b.started_at(&s.hn.start), ds, false).into_iter().map(|(q, a, _)| (q, a)).collect();
    (rows, year_end_table(&a))
}

/// Today's date from the browser's clock.
fn today() -> Option<Date> {
    let d = js_sys::Date::new_0();
    Date::new(d.get_full_year() as i32, d.get_month() as u8 + 1, d.get_date() as u8)
}

/// The link to the scenario itself (opening on the Overview), not to the pack.
fn scenario_link(query: &str) -> String {
    let q = scenario_query(query);
    format!("{}{}", crate::ui::url::app_address(), if q.is_empty() { String::new() } else { format!("?{q}") })
}


#[component]
pub fn Pack() -> impl IntoView {
    let app = use_app();
    let made = today().map(|d| d.long()).unwrap_or_default();
    let made_again = made.clone();
    let projection = app.projection;
    let qa_list = crate::ui::memo::memo(move |_| {
        let b = app.baseline.get()?;
        let s = app.scenario.get()?;
        app.data.with(|d| d.as_ref().map(|d| key_answers(&b, &d.dataset, &s)))
    });
    let deficit = crate::ui::memo::memo(move |_| {
        let p = projection.get()?;
        let b = app.baseline.get()?;
        Some(deficit_figure(&p, &b))
    });
    let runway = crate::ui::memo::memo(move |_| app.outcome.with(|o| o.as_deref().and_then(runway_figure)));
    let bridge = crate::ui::memo::memo(move |_| {
        let d = app.data.get()?;
        Some(bridge_figure(&crate::model::capital::CapitalInputs::from_dataset(&d.dataset.capital)).0)
    });
    let changed = crate::ui::memo::memo(move |_| match (app.scenario.get(), app.baseline.get(), app.data.get()) {
        (Some(s), Some(b), Some(d)) => assumption_lines(&s, &b, &d.dataset),
        _ => vec![],
    });
    let link = crate::ui::memo::memo(move |_| scenario_link(&app.query.get()));
    let qr = crate::ui::memo::memo(move |_| qr_svg(&link.get()));
    let back_page = pack_return_page();
    let back_href = move || page_href(&app, back_page, "");

    view! {
        <article class="pack" aria-labelledby="pack-h">
            <div class="pack-tools no-print" role="group" aria-label="Committee pack">
                <button type="button" id="pack-print" on:click=move |_| {
                    if let Some(w) = crate::ui::browser::window() { let _ = w.print(); }
                }>"Print"</button>
                <a class="button secondary" id="pack-back" href=back_href on:click=move |ev: web_sys::MouseEvent| {
                    if !crate::ui::components::page_link::plain_click(&ev) { return; }
                    ev.prevent_default();
                    go_to(app, back_page, "main", false);
                }>{format!("Back to {}", back_page.title())}</a>
                <p class="help">"A4, one section to a page where it fits. Choose “Save as PDF” in the print dialogue for a file."</p>
            </div>
            <h1 id="pack-h">{move || app.data.get().map(|d| format!("{}: the DSG deficit and budget position — committee pack", d.dataset.council)).unwrap_or_default()}</h1>
            <p class="pack-meta" id="pack-made">{move || app.data.get().map(|d| format!("Made on {made} from {}", dataset_line(&d.dataset))).unwrap_or_default()}</p>

            <section class="pack-section" id="pack-headline" aria-labelledby="pack-headline-h">
                <h2 id="pack-headline-h">"Headline: the high-needs deficit"</h2>
                <Headlines projection=projection/>
            </section>

            <section class="pack-section" id="pack-answers" aria-labelledby="pack-answers-h">
                <h2 id="pack-answers-h">"Key questions, answered for this scenario"</h2>
                <dl class="pack-qa">
                    {move || qa_list.get().map(|x| x.0).unwrap_or_default().into_iter().map(|(q, a)| view! { <dt>{q}</dt><dd>{a}</dd> }).collect::<Vec<_>>()}
                </dl>
                <DataTable table=Signal::derive(move || qa_list.get().map(|x| x.1).unwrap_or_default())/>
            </section>

            <section class="pack-section pack-charts" id="pack-charts" aria-labelledby="pack-charts-h">
                <h2 id="pack-charts-h">"The main charts"</h2>
                <FigureView figure=deficit id="hn-deficit" table_open=true/>
                <FigureView figure=runway id="sv-runway" table_open=true/>
                <FigureView figure=bridge id="cap-bridge" table_open=true/>
            </section>

            <section class="pack-section" id="pack-assumptions" aria-labelledby="pack-assumptions-h">
                <h2 id="pack-assumptions-h">"Assumptions that differ from the published defaults"</h2>
                {move || {
                    let l = changed.get();
                    if l.is_empty() {
                        view! { <p>"Every assumption is the published default."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="assumptions">{l.into_iter().map(|t| view! { <li>{t}</li> }).collect::<Vec<_>>()}</ul>
                            <p>"Every other assumption is the published default."</p>
                        }.into_any()
                    }
                }}
            </section>

            <section class="pack-section" id="pack-sources" aria-labelledby="pack-sources-h">
                <h2 id="pack-sources-h">"Sources"</h2>
                {move || app.data.get().map(|d| view! {
                    <p>{format!("{} Money is exact; amounts are rounded for display half away from zero.", dataset_line(&d.dataset))}</p>
                    <ul class="sources">{source_lines(&d).into_iter().map(|t| view! { <li>{t}</li> }).collect::<Vec<_>>()}</ul>
                })}
            </section>

            <section class="pack-section" id="pack-link" aria-labelledby="pack-link-h">
                <h2 id="pack-link-h">"This scenario online"</h2>
                <p id="pack-dataset">{move || app.data.get().map(|d| format!("Pack made on {made_again}. Dataset {} version {}, figures as of {}.", d.dataset.id, d.dataset.version, d.dataset.as_of.long())).unwrap_or_default()}</p>
                <p>"Open these exact numbers in the explorer: "<a class="pack-link-text" href=move || link.get()>{move || link.get()}</a></p>
                {move || crate::ui::components::share_bar::link_caveat(&app).map(|t| view! { <p class="notice warn" id="pack-link-caveat">{t}</p> })}
                {move || match qr.get() {
                    Ok(svg) => view! { <div class="pack-qr" inner_html=svg></div> }.into_any(),
                    Err(e) => view! { <p class="pack-qr-missing">{format!("No QR code: {e}.")}</p> }.into_any(),
                }}
            </section>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modules of an SVG from `qr_svg`, read back from its path (`M{x} {y}h{w}v{h}H{x}V{y}`).
    fn modules(svg: &str) -> (usize, Vec<Vec<bool>>) {
        let vb = svg.split("viewBox=\"0 0 ").nth(1).unwrap();
        let n: usize = vb.split(' ').next().unwrap().parse().unwrap();
        let mut grid = vec![vec![false; n]; n];
        let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        for rect in d.split('M').filter(|r| !r.is_empty()) {
            let nums: Vec<usize> = rect.split(|c: char| c.is_ascii_alphabetic() || c == ' ').filter(|x| !x.is_empty()).map(|x| x.parse().unwrap()).collect();
            let (x, y, w, h) = (nums[0], nums[1], nums[2], nums[3]);
            for row in grid.iter_mut().skip(y).take(h) {
                for cell in row.iter_mut().skip(x).take(w) {
                    *cell = true;
                }
            }
        }
        (n, grid)
    }

    /// Decodes the SVG's QR code with an independent reader (rqrr), drawn at 4 pixels a module.
    fn decode(svg: &str) -> String {
        let (n, grid) = modules(svg);
        let px = 4;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(n * px, n * px, |x, y| if grid[y / px][x / px] { 0 } else { 255 });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code");
        grids[0].decode().expect("the QR code decodes").1
    }

    #[test]
    fn qr_svg_is_inline_svg_that_reads_back_as_the_link() {
        let link = "http://127.0.0.1:8080/budget/?v=1&data=herefordshire&dv=2025-06&hn.growth.independent=14&rev.atrisk=50&cap.move=hereford-bypass~2024-25~2025-26~100000";
        let svg = qr_svg(link).unwrap();
        assert!(svg.starts_with("<svg "), "{}", &svg[..40]);
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("style"), "no style attribute (CSP)");
        assert!(!svg.contains("<?xml"), "no XML declaration inside HTML");
        assert!(svg.contains(r#"role="img""#) && svg.contains("aria-label="));
        // Version v has 17 + 4v modules a side, plus four of quiet zone each side. This link is
        // 150 bytes: byte mode at level M needs version 8 (107 to 152 bytes); the crate's own
        // choice of segments and version can take one more, never fewer.
        assert_eq!(link.len(), 150);
        let (n, _) = modules(&svg);
        let side = n - 8;
        assert_eq!((side - 17) % 4, 0, "a QR side is 17 + 4v modules: {side}");
        let v = (side - 17) / 4;
        assert!((8..=9).contains(&v), "version {v}");
        assert_eq!(decode(&svg), link);
    }

    #[test]
    fn a_short_link_is_a_small_code_and_still_reads_back() {
        let svg = qr_svg("https://x.test/").unwrap();
        let (n, _) = modules(&svg);
        assert_eq!(n, 21 + 4 + 8, "15 bytes need version 2 (25 modules) at level M");
        assert_eq!(decode(&svg), "https://x.test/");
    }

    #[test]
    fn too_long_a_link_says_so() {
        let e = qr_svg(&"x".repeat(5000)).unwrap_err();
        assert!(e.contains("too long"), "{e}");
    }

    #[test]
    fn key_answers_are_the_panels_answers() {
        let l = crate::testing::q2();
        let b = Baseline::from_dataset(&l.dataset);
        let s = Scenario::default_for(&b);
        let net = l.dataset.budget.net_budget.value;
        let (got, years) = key_answers(&b, &l.dataset, &s);
        let p = project(&b, &s.hn);
        let a = answers(&b, &p, net);
        let panel: Vec<(String, String)> = qa(&a, &b.started_at(&s.hn.start), &l.dataset, false).into_iter().map(|(q, a, _)| (q, a)).collect();
        assert_eq!(got, panel);
        assert_eq!(years, year_end_table(&a));
        assert!(got.len() >= 6);
        assert_eq!(years.rows.len(), a.year_ends.len());
        let mut t = s.clone();
        t.set("hn.growth.independent", "20", &b).unwrap();
        assert_ne!(key_answers(&b, &l.dataset, &t).0, got, "the answers follow the levers");
    }
}
