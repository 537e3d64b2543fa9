//! The build-time pre-render (src/ui/prerender.rs) renders every page from the shipped default
//! dataset with the same components and model the app uses.

mod common;

use common::testing::pence;
use dsg_explorer::model::dsg::Baseline;
use dsg_explorer::model::outcome::reevaluate;
use dsg_explorer::share::codec::decode;
use dsg_explorer::ui::prerender::{document, file_name, read_figures, render, PAGES};
use dsg_explorer::ui::route::Page;
use std::path::Path;

const AVILA_JSON: &str = include_str!("fixtures/avila-2025-26.json");
const LATEST_JSON: &str = include_str!("../public/data/herefordshire-2024-25-mar25.json");

fn site() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public").leak()
}

/// `s` with HTML's escapes of text undone (enough for figures, names and table cells).
fn unescape(s: &str) -> String {
    s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
}

/// The text of every `<td>`/`<th>` cell in `html`, in order, with markup inside removed.
fn cells(html: &str) -> Vec<String> {
    let mut out = vec![];
    let mut rest = html;
    while let Some(i) = rest.find("<t") {
        rest = &rest[i + 2..];
        if !(rest.starts_with("d>") || rest.starts_with("d ") || rest.starts_with("h>") || rest.starts_with("h ")) {
            continue;
        }
        let start = rest.find('>').unwrap() + 1;
        let end = rest.find("</t").unwrap();
        let inner = &rest[start..end];
        let mut text = String::new();
        let mut in_tag = false;
        for c in inner.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        out.push(unescape(&text));
        rest = &rest[end..];
    }
    out
}

#[test]
fn the_stylesheet_shows_the_narrow_drawings_where_the_app_draws_them() {
    // One query for both: were they to differ, a phone would be shown a drawing never made.
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style.css")).unwrap();
    let rule = format!("@media {} {{ .chart .svg.wide {{ display: none; }} .chart .svg.narrow {{ display: block; }} }}", dsg_explorer::charts::NARROW_MEDIA);
    assert!(css.contains(&rule), "style.css lacks: {rule}");
    assert!(css.contains(".chart .svg.narrow { display: none; }"));
}

#[test]
fn every_glossary_term_is_linked_from_a_page_that_uses_it() {
    // The glossary says "other pages link here when they use one of them": ten entries added for
    // a phone review were linked from nowhere.
    let figures = read_figures(site()).expect("the shipped figures load");
    let pages: Vec<String> = PAGES.iter().filter(|p| **p != Page::Glossary).map(|&p| render(&figures, p)).collect();
    let unlinked: Vec<&str> = dsg_explorer::ui::pages::glossary::GLOSSARY
        .iter()
        .map(|(id, _, _)| *id)
        .filter(|id| !pages.iter().any(|h| h.match_indices(&format!("#{id}\"")).any(|(at, _)| h[..at].rsplit("href=\"").next().is_some_and(|href| href.contains("glossary")))))
        .collect();
    assert_eq!(unlinked, Vec::<&str>::new(), "glossary terms no page links to");
}

#[test]
fn every_page_renders_with_its_heading_and_the_shipped_default_figures() {
    let figures = read_figures(site()).expect("the shipped figures load");
    // The manifest's default, as the app's first load picks it.
    let manifest: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(site().join("data/manifest.json")).unwrap()).unwrap();
    let default = manifest["datasets"].as_array().unwrap().iter().find(|d| d["default"] == true).unwrap();
    assert_eq!(figures.path, format!("data/{}", default["path"].as_str().unwrap()));
    for page in PAGES {
        let html = render(&figures, page);
        assert!(html.contains("<h1"), "{page:?}: an h1");
        assert!(html.contains("<main id=\"main\""), "{page:?}: the main region");
        assert!(html.contains(&figures.loaded.dataset.council), "{page:?}: the council's name (in the footer at least)");
        assert!(!html.contains("Loading the council"), "{page:?}: drawn with its figures, not loading");
        let charts = html.matches(" data-chart=\"").count();
        let svgs = html.matches("<svg").count();
        if matches!(page, Page::Sources | Page::Glossary) {
            assert_eq!(charts, 0, "{page:?}");
        } else {
            assert!(charts > 0, "{page:?}: charts");
            // Every chart is drawn into the page twice, wide and narrow (the stylesheet shows
            // the one that suits the column), and every chart's table is written out.
            assert_eq!(html.matches("<div class=\"svg wide\"><svg").count(), charts, "{page:?}: a wide drawing per chart");
            assert_eq!(html.matches("<div class=\"svg narrow\"><svg").count(), charts, "{page:?}: a narrow drawing per chart");
            assert!(svgs >= 2 * charts, "{page:?}: {svgs} SVGs for {charts} charts");
            assert!(html.matches("<table").count() >= charts, "{page:?}: a table per chart");
        }
        // Links between pages go to the pages' files.
        for other in PAGES.into_iter().filter(|&p| p != Page::Overview) {
            assert!(html.contains(&format!("href=\"{}\"", file_name(other))), "{page:?} links {other:?}'s file");
        }
        assert!(!html.contains("href=\"?page="), "{page:?}: no ?page= link left but the pack's") ;
        // No id twice (a chart's two drawings each name their own title and description).
        let mut ids: Vec<&str> = html.split(" id=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
        ids.sort_unstable();
        let repeated: Vec<&&str> = ids.windows(2).filter(|w| w[0] == w[1]).map(|w| &w[0]).collect();
        assert!(repeated.is_empty(), "{page:?}: ids given twice: {repeated:?}");
    }
}

#[test]
fn the_uncertainty_page_says_how_many_draws_but_claims_no_time() {
    // Natively there is no clock: "in under 1 ms" would be a claim about nothing measured.
    let figures = read_figures(site()).expect("the shipped figures load");
    let html = render(&figures, Page::Uncertainty);
    let start = html.find("id=\"mc-status\"").expect("the simulation's status line");
    let status = &html[start..start + html[start..].find("</p>").unwrap()];
    let text = &status[status.find('>').unwrap() + 1..];
    assert!(text.ends_with(" draws") && !text.contains(" ms"), "status says {text:?}");
    assert!(status.contains("data-ms=\"\""), "no time in data-ms either: {status}");
    let draws: String = text.trim_end_matches(" draws").chars().filter(char::is_ascii_digit).collect();
    assert_eq!(draws, dsg_explorer::model::scenario::McLevers::default().draws.to_string());
}

#[test]
fn the_random_seed_is_a_box_not_a_slider() {
    // A keyboard moved the seed by 1 in 4,294,967,295 (a trial): only its box, which the label
    // names and the help describes; the other number levers keep their sliders.
    let figures = read_figures(site()).unwrap();
    let html = render(&figures, Page::Uncertainty);
    assert!(!html.contains("id=\"lever-mc-seed-n\""), "one control for the seed");
    assert!(html.contains("for=\"lever-mc-seed\""), "the label names the box");
    let at = html.find("id=\"lever-mc-seed\"").expect("the seed's box, with the lever's id, so links to it land");
    let tag = &html[html[..at].rfind('<').unwrap()..at + html[at..].find('>').unwrap()];
    assert!(tag.contains("type=\"number\"") && tag.contains("inputmode=\"numeric\""), "{tag}");
    assert!(tag.contains("aria-describedby=\"lever-mc-seed-help lever-mc-seed-err\""), "{tag}");
    // Sources' "Changed on" links to it.
    let sources = render(&figures, Page::Sources);
    assert!(sources.contains("#lever-mc-seed\""), "Sources links the seed's control");
    assert!(html.contains("type=\"range\" id=\"lever-mc-draws\""), "the number of draws keeps its slider");
    // An amount keeps the keypad with a decimal point (a finance officer types pence).
    let hn = render(&figures, Page::HighNeeds);
    let at = hn.find("id=\"lever-hn-saving-amount-n\"").expect("the saving's box");
    let tag = &hn[hn[..at].rfind('<').unwrap()..at + hn[at..].find('>').unwrap()];
    assert!(tag.contains("inputmode=\"decimal\""), "{tag}");
}

#[test]
fn what_a_reader_found_misleading_on_the_pages_says_what_it_is() {
    // Found by reading the pages with JavaScript off (the same text the app shows).
    let figures = read_figures(site()).unwrap();
    let overview = unescape(&render(&figures, Page::Overview));
    // Both published forecasts of the base year's end are listed; the one the scenario starts
    // from says so and carries the cost (4.5% of the mean of £6.1m and £17.2m); the other is
    // not costed, so the column adds up.
    let got = cells(&overview);
    // In the table of 31 Marches: date, deficit, figure, cost.
    let row = |amount: &str| (1..got.len() - 2).find(|&i| got[i] == amount && got[i + 1].to_lowercase().contains("forecast")).map(|i| (got[i + 1].clone(), got[i + 2].clone()));
    // (Shown to the penny: the column holds the projection's pence.)
    let (latest, cost) = row("£17,200,000.00").unwrap();
    assert!(latest.ends_with("; this scenario starts from it") && cost == "£524,250.00", "{latest} | {cost}");
    let (older, cost) = row("£13,700,000.00").unwrap();
    assert!(older.starts_with("Earlier forecast, not this scenario's start: ") && cost.trim().is_empty(), "{older} | {cost}");
    // The override's end is the papers' date, and the answer says so (the government has moved it).
    assert!(overview.contains("(the end date in the council's papers; in June 2025 the government extended it to 31 March 2028), all of it to be met from reserves"));
    // The borrowing costs are the named schemes' (£25.6m of the £96.4m programme), not the programme's.
    assert!(unescape(&render(&figures, Page::Capital)).contains("Cost of borrowing for the named schemes, "));
    let compare = unescape(&render(&figures, Page::Compare));
    assert!(compare.contains("Revenue cost of borrowing for the named capital schemes, all years"));
    // Found by a finance officer's audit against the papers. The £17.2m is already more than the
    // £9.6m general fund balance: "passes it in 2026/27" is about counting it against reserves.
    assert!(overview.contains("Counted against reserves once the override has ended, it is more than the general fund balance (£9.6m) in 2026/27"), "the override-conditional answer");
    assert!(!overview.contains("It passes the general fund balance"));
    assert!(compare.contains("DSG deficit, counted against reserves once the override ends, is more than the general fund balance in"));
    assert!(compare.contains("Usable reserves run out (after the revenue draws, borrowing costs, carrying the DSG deficit and the deficit itself) in"));
    let high_needs = unescape(&render(&figures, Page::HighNeeds));
    assert!(high_needs.contains("Counted against reserves from then, it is more than the general fund balance in"));
    // £11.1m is the app's sum (£17.2m less £6.1m), not a figure the council gave; the £17.2m is a forecast.
    assert!(overview.contains("the council would, on its latest forecast, spend £11.1m more than the grant"));
    assert!(overview.contains(", worked out from the year-end forecast less the £6.1m brought forward), which takes the total to £17.2m by 31 March 2025 (forecast in March 2025: Area SEND Inspection report, Scrutiny)."), "no brackets inside brackets");
    // (The renderer separates adjacent text nodes with "<!>".)
    assert!(overview.replace("<!>", "").contains("is approved. <a href=\"sources.html?v=2&data=herefordshire&dv=2024-25-mar25.1#policy\""), "a space before the link");
    assert!(overview.contains("Schools high-needs deficit, 31 March 2025 (forecast)"));
    // The £29.2m of high-needs income is the model's assumption: the papers give no grant.
    assert!(overview.contains("£11.1m (the year-end figure less the deficit brought forward), which is 38% of the high-needs block income of £29.2m that the model assumes (the papers do not give the grant)"));
    // The savings page does not state the split of the £11.6m of pressures as the papers' own.
    assert!(unescape(&render(&figures, Page::Savings)).contains("On the model's reading of the papers (their cost pressures taken to include the at-risk savings, which they do not say)"));
    // The answers say which of their figures are projections.
    assert!(overview.contains("Answered for this scenario: amounts after 31 March 2025 are the model's projections; Sources marks each figure up to then as published, worked out or assumed."));
    // The named schemes are mostly 2025/26 plans, not a part of the £96.4m 2024/25 programme.
    assert!(unescape(&render(&figures, Page::Capital)).contains("The papers name 10 schemes worth £25.6m in all: one of them has £0.4m of spending in 2024/25; the others' spending is in other years."));
    // National policy since the papers is not in them: the Overview links to where Sources says so.
    assert!(overview.contains("Where this comes from</a>"));
    let sources = unescape(&render(&figures, Page::Sources));
    assert!(sources.contains("<h2 id=\"policy-h\">National policy since the papers</h2>"));
    assert!(sources.contains("Override extended to 31 March 2028</strong> (June 2025): The government extended the statutory override to 31 March 2028."));
}

#[test]
fn the_high_needs_table_is_the_models_projection_of_the_default_scenario() {
    let figures = read_figures(site()).unwrap();
    let ds = &figures.loaded.dataset;
    let b = Baseline::from_dataset(ds);
    let scenario = decode(&[], &b).scenario;
    assert_eq!(figures.scenario, scenario, "the pre-render's default scenario is a link's with no levers");
    let outcome = reevaluate(None, ds, &b, &scenario);
    let expected = dsg_explorer::ui::components::deficit::deficit_figure(&outcome.projection, &b);
    let html = render(&figures, Page::HighNeeds);
    // Trimmed: an empty cell is written with a space in it.
    let got: Vec<String> = cells(&html).iter().map(|c| c.trim().to_string()).collect();
    let want: Vec<String> = dsg_explorer::ui::components::chart::as_shown(&expected.table).rows.iter().flatten().map(|c| c.trim().to_string()).collect();
    assert!(want.len() > 10);
    // The table's cells appear in the page in order, as one run.
    let found = got.windows(want.len()).any(|w| w == want.as_slice());
    assert!(found, "the deficit table's {} cells are in the page", want.len());
    // And a different scenario would give different cells (so the test can tell).
    let mut other = scenario.clone();
    other.hn.transfer = rust_decimal::Decimal::new(5, 1);
    let changed = dsg_explorer::ui::components::deficit::deficit_figure(&reevaluate(None, ds, &b, &other).projection, &b);
    assert_ne!(changed.table.rows, expected.table.rows);
}

/// A page's tables by caption: each a list of rows of trimmed cell texts.
fn tables(html: &str) -> Vec<(String, Vec<Vec<String>>)> {
    html.split("<table").skip(1).map(|t| {
        let t = &t[..t.find("</table>").unwrap_or(t.len())];
        let caption = t.split("<caption").nth(1).map(|c| words(&format!("<caption{}", &c[..c.find("</caption>").unwrap_or(c.len())]))).unwrap_or_default();
        let rows = t.split("<tr").skip(1).map(|r| cells(&format!("<tr{r}")).iter().map(|c| c.trim().to_string()).collect()).collect();
        (caption, rows)
    }).collect()
}

#[test]
fn the_high_needs_tables_add_up_to_the_penny_as_shown() {
    // A finance officer's audit added the lines of the spending table and got a total a penny
    // off the one shown, in six years of ten: every table on the page must add up as printed.
    let figures = read_figures(site()).unwrap();
    let html = render(&figures, Page::HighNeeds);
    let all = tables(&html);
    let find = |start: &str| all.iter().find(|(c, _)| c.starts_with(start)).unwrap_or_else(|| panic!("no table {start}: {:?}", all.iter().map(|t| &t.0).collect::<Vec<_>>())).1.clone();
    let spending = find("High-needs spending by placement type");
    assert!(spending.len() > 5 && spending[0].last().map(String::as_str) == Some("Total"), "{:?}", spending[0]);
    for r in &spending[1..] {
        let v: Vec<i128> = r[1..].iter().map(|c| pence(c)).collect();
        assert_eq!(v[..v.len() - 1].iter().sum::<i128>(), v[v.len() - 1], "{r:?}");
    }
    let in_year = find("In-year DSG high-needs position");
    assert_eq!(in_year[0][1..4], ["Spending", "Income incl. transfer", "In-year, mitigated"]);
    for r in &in_year[1..] {
        assert_eq!(pence(&r[1]) - pence(&r[2]), pence(&r[3]), "{r:?}");
    }
    let cumulative = find("Cumulative DSG deficit and reserves");
    assert_eq!([cumulative[0][2].as_str(), &cumulative[0][3], &cumulative[0][5]], ["In-year deficit, mitigated", "Write-off", "Cumulative, mitigated"]);
    for w in cumulative[1..].windows(2) {
        assert_eq!(pence(&w[0][5]) + pence(&w[1][2]) - pence(&w[1][3]), pence(&w[1][5]), "{:?}", w[1]);
    }
}

#[test]
fn the_document_names_its_page_and_puts_the_shell_in_place_of_the_start_up_message() {
    let template = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("index.html")).unwrap();
    let shell = "<a class=\"skip\" href=\"#main\">Skip</a><header class=\"site\">nav</header><main id=\"main\"><h1>Capital</h1></main>";
    let doc = document(&template, Page::Capital, "v=2&data=x&dv=1", shell).unwrap();
    assert!(doc.contains("<html lang=\"en-GB\" data-page=\"capital\" data-link=\"v=2&amp;data=x&amp;dv=1\" data-view-keys=\"tornado.year seek.goal seek.by seek.year\" data-own-view=\"\">"), "{doc}");
    assert!(doc.contains("<title>Capital · Budget and DSG deficit explorer</title>"));
    assert!(!doc.contains("Loading the explorer"));
    let pre = doc.find("<div id=\"prerendered\">").unwrap();
    let pending = doc.find("id=\"scenario-pending\"").unwrap();
    let main = doc.find("<main").unwrap();
    assert!(pre < pending && pending < main, "the loading line sits under the header, in the pre-render");
    // And the bar that says a change waits for the app, empty (and so not shown) until then.
    let bar = doc.find("<p id=\"before-app\" role=\"status\"></p>").unwrap();
    assert!(pre < bar && bar < main);
    // So does the note for a reader without JavaScript, once, after the menu.
    let note = doc.find("<noscript>").unwrap();
    assert!(doc.find("</header>").unwrap() < note && note < main, "the no-script note is under the header");
    assert_eq!(doc.matches("<noscript>").count(), 1);
    assert_eq!(doc.matches("<title>").count(), 1);
    // A template without the start-up message is refused rather than pre-rendered wrongly.
    assert!(document("<html><title>x</title><body></body></html>", Page::Capital, "", shell).is_err());
    // Nor one without the <html> tag the page is named on (prerender.js would have nothing to read).
    assert!(document(&template.replace("<html lang=\"en-GB\">", "<html>"), Page::Capital, "", shell).is_err());
    // No pre-render (the shipped figures did not load): the page's file keeps the start-up
    // message, named, so its address still opens its page in the app.
    let plain = document(&template, Page::Capital, "", "").unwrap();
    assert!(plain.contains("data-page=\"capital\""));
    assert!(plain.contains("Loading the explorer"));
    assert!(!plain.contains("prerendered"));
}

#[test]
fn the_default_link_names_the_format_the_dataset_and_its_version_and_nothing_else() {
    let figures = read_figures(site()).unwrap();
    let ds = &figures.loaded.dataset;
    let link = dsg_explorer::ui::prerender::default_link(&figures);
    let pairs = dsg_explorer::share::codec::from_query(&link);
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["v", "data", "dv"]);
    assert_eq!(pairs[1].1, ds.id);
    assert_eq!(pairs[2].1, ds.version);
}

/// The pages of a site whose default dataset is `text`, rendered, with HTML's escapes undone.
fn render_site(text: &str, pages: &[Page]) -> Vec<String> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    let site = std::env::temp_dir().join(format!("prerender-site-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
    std::fs::create_dir_all(site.join("data")).unwrap();
    std::fs::write(site.join("data/council.json"), text).unwrap();
    let manifest = serde_json::json!({"schema_version": 1, "datasets": [{"id": v["id"], "version": v["version"], "council": v["council"], "title": v["title"], "path": "council.json", "default": true}]});
    std::fs::write(site.join("data/manifest.json"), manifest.to_string()).unwrap();
    let figures = read_figures(&site).expect("the fixture loads as a site's default");
    let out = pages.iter().map(|&p| unescape(&render(&figures, p))).collect();
    std::fs::remove_dir_all(&site).ok();
    out
}

/// Text with its markup taken out and its white space made single spaces.
fn words(html: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                tag = true;
                out.push(' ');
            }
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ").replace(" ,", ",").replace(" .", ".")
}

/// Ávila-on-Sea's fixture with `change` made to its JSON.
fn avila_with(change: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(AVILA_JSON).unwrap();
    change(&mut v);
    v.to_string()
}

#[test]
fn what_stays_uncertain_names_only_what_the_page_introduced() {
    // Another council's High needs read "whether the plan is approved, when the money arrives"
    // with no plan introduced, and "the published forecasts on the chart" with none to show.
    let shipped = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/herefordshire-2024-25-mar25.json")).unwrap();
    let [hn] = render_site(&shipped, &[Page::HighNeeds]).try_into().unwrap();
    let t = words(&hn);
    assert!(t.contains("What stays uncertain: whether the plan is approved, when the money arrives, whether the override is extended and how fast needs and costs grow. The published forecasts on the chart show how much the council's own forecasts have moved."), "{t}");
    let none = avila_with(|v| {
        v["high_needs"]["forecasts"] = serde_json::json!([]);
    });
    let [hn] = render_site(&none, &[Page::HighNeeds]).try_into().unwrap();
    let t = words(&hn);
    assert!(t.contains("What stays uncertain: "), "{t}");
    assert!(!t.contains("published forecasts on the chart show"), "{t}");
    // A year later, the conditional write-off is not offered, so no plan was introduced.
    let later = avila_with(|v| {
        v["high_needs"]["deficit_brought_forward"]["value"] = "18450000".into();
        v["high_needs"]["deficit_year_end"]["value"] = "29600000".into();
        v["high_needs"]["in_year_forecast"]["value"] = "11150000".into();
        v["capital"]["spend_point"] = "end of September 2026".into();
        v["base_year"] = "2026-27".into();
    });
    let [hn] = render_site(&later, &[Page::HighNeeds]).try_into().unwrap();
    let t = words(&hn);
    assert!(t.contains("What stays uncertain: whether the override is extended and how fast needs and costs grow."), "{t}");
}

#[test]
fn nothing_delivered_and_nothing_spent_last_year_are_said_as_such() {
    // A reviewer's small council read "£0 (0%) had been saved", "£0 of the £400,000 of savings
    // had been made", "£0m had been delivered" and "against £0m at the same point last year".
    let text = avila_with(|v| {
        let s = &mut v["savings"];
        s["delivered"]["amount"]["value"] = "0".into();
        s["delivered"]["share"]["value"] = "0".into();
        s["on_target"]["amount"]["value"] = "7000000".into();
        s["on_target"]["share"]["value"] = "84".into();
        let c = &mut v["capital"];
        for k in ["prior_spend", "prior_commitments", "prior_spend_and_commitments"] {
            c[k]["value"] = "0".into();
            c[k].as_object_mut().unwrap().remove("quote");
        }
    });
    let [overview, savings, capital] = render_site(&text, &[Page::Overview, Page::Savings, Page::Capital]).try_into().unwrap();
    let t = words(&overview);
    assert!(t.contains("none of it had been saved yet. £7m (84%) was on track."), "{t}");
    assert!(t.contains("None of the £8.3m of savings had been made, and £1.3m was at risk"), "{t}");
    assert!(!t.contains("£0 (0%) had been saved") && !t.contains("Another £7m"), "{t}");
    let t = words(&savings);
    assert!(t.contains("Of £8.3m of savings, none had been delivered by "), "{t}");
    assert!(!t.contains("£0m had been delivered"), "{t}");
    let t = words(&capital);
    assert!(t.contains("£30.6m spent or committed by the end of September 2025") && t.contains("against nothing at the same point last year."), "{t}");
    assert!(!t.contains("against £0m"), "{t}");
    // Nothing delivered or on track: all of it at risk, not "the other".
    let all_at_risk = avila_with(|v| {
        let s = &mut v["savings"];
        for (k, amount, share) in [("delivered", "0", "0"), ("on_target", "0", "0"), ("at_risk", "8300000", "100")] {
            s[k]["amount"]["value"] = amount.into();
            s[k]["share"]["value"] = share.into();
        }
    });
    let [overview] = render_site(&all_at_risk, &[Page::Overview]).try_into().unwrap();
    let t = words(&overview);
    assert!(t.contains("none of it had been saved yet. All £8.3m (100%) was at risk"), "{t}");
    // The fixture as it is: last year's figure and how much more.
    let [capital] = render_site(AVILA_JSON, &[Page::Capital]).try_into().unwrap();
    let t = words(&capital);
    assert!(t.contains("against £26.7m at the same point last year, £3.9m more."), "{t}");
}

#[test]
fn a_surplus_an_underspend_and_an_override_already_ended_read_as_what_they_are() {
    // A DSG surplus: the balance and the year's gap are said as a surplus, not as minus deficits.
    let surplus = avila_with(|v| {
        let hn = &mut v["high_needs"];
        hn["deficit_brought_forward"]["value"] = "-1200000".into();
        hn["in_year_forecast"]["value"] = "-400000".into();
        hn["deficit_year_end"]["value"] = "-1600000".into();
        hn["forecasts"] = serde_json::json!([]);
    });
    let [overview] = render_site(&surplus, &[Page::Overview]).try_into().unwrap();
    let t = words(&overview);
    assert!(t.contains("there was no gap: the balance brought forward was a surplus of £1.2m, a negative cumulative deficit. In 2025/26 the council expects to spend £400,000 less than the grant"), "{t}");
    assert!(t.contains("which takes the total to a surplus of £1.6m by 31 March 2026"), "{t}");
    assert!(!t.contains("This part now costs more than the grant"), "{t}");
    assert!(t.contains("The balance brought forward was a surplus of £1.2m; this year's underspend of £400,000 takes it to a surplus of £1.6m"), "{t}");
    assert!(t.contains("None: £0.4m less than the high-needs block income"), "{t}");
    assert!(t.contains("There is no deficit at 31 March 2026: a surplus of £1.6m. On this scenario it is in deficit by the end of 2027/28."), "{t}");
    assert!(t.contains("Schools high-needs surplus, 31 March 2026 (forecast) £1.6m"), "{t}");
    assert!(t.contains("On this part of the grant the council has a surplus of £1.6m, not a deficit"), "{t}");
    assert!(t.contains("The DSG balance goes from a surplus of £1.2m to a surplus of £1.6m in 2025/26"), "{t}");
    // A surplus throughout, with later forecasts of larger surpluses (a reviewer's file): no
    // "−£3m" of deficit, no "the a surplus", nothing "met from reserves".
    let all_surplus = avila_with(|v| {
        let hn = &mut v["high_needs"];
        hn["model"]["income"]["value"] = "30000000".into();
        for (path, value) in [("deficit_year_end", "-4000000"), ("in_year_forecast", "-1000000"), ("deficit_brought_forward", "-3000000")] {
            hn[path]["value"] = value.into();
            hn[path].as_object_mut().unwrap().remove("quote");
        }
        for (i, value, in_year) in [(0, "-3000000", None), (1, "-3500000", Some("-500000")), (2, "-4000000", Some("-1000000")), (3, "-4200000", None), (4, "-4500000", None)] {
            let f = &mut hn["forecasts"][i];
            f["amount"]["value"] = value.into();
            f["amount"].as_object_mut().unwrap().remove("quote");
            if let Some(iy) = in_year {
                f["in_year"]["value"] = iy.into();
                f["in_year"].as_object_mut().unwrap().remove("quote");
            }
        }
    });
    let [overview, hn] = render_site(&all_surplus, &[Page::Overview, Page::HighNeeds]).try_into().unwrap();
    let (t, h) = (words(&overview), words(&hn));
    assert!(t.contains("£4.2m up from the surplus of £4m forecast in November 2025"), "{t}");
    assert!(t.contains("worked out from the year-end forecast and the surplus of £3m brought forward"), "{t}");
    assert!(t.contains("put the balance at a surplus of £4.5m by 31 March 2027"), "{t}");
    // Less than the grant in the year is a surplus, not "the in-year deficit".
    assert!(t.contains(" less than the grant (an in-year surplus, a negative in-year deficit, "), "{t}");
    assert!(t.contains("How big is the deficit at 31 March 2026? No deficit but a surplus of £4.2m: the latest published figure"), "{t}");
    for text in [&t, &h] {
        // (Tables and axes keep signed amounts: a column of balances can go either way.)
        assert!(!text.contains("the a surplus") && !text.contains("met from reserves") && !text.contains("% of usable reserves") && !text.contains("deficit is −"), "{text}");
    }
    assert!(h.contains("there is no deficit but a surplus of £") || h.contains("before the years projected; the balance brought forward at "), "{h}");
    assert!(h.contains("nothing lands on reserves") && h.contains("nothing left to land on reserves"), "{h}");
    // Nothing at all (a reviewer's file of zeros): no deficit to clear, none to be "again" in.
    let nil = avila_with(|v| {
        let hn = &mut v["high_needs"];
        hn["model"]["income"]["value"] = "29225000".into();
        for path in ["deficit_year_end", "in_year_forecast", "deficit_brought_forward"] {
            hn[path]["value"] = "0".into();
            hn[path].as_object_mut().unwrap().remove("quote");
        }
        hn["forecasts"] = serde_json::json!([]);
    });
    let [overview, hn] = render_site(&nil, &[Page::Overview, Page::HighNeeds]).try_into().unwrap();
    assert!(words(&overview).contains("The deficit brought forward was £0; this year neither adds to it nor takes from it, so it is £0 by 31 March 2026"), "{}", words(&overview));
    let h = words(&hn);
    assert!(h.contains("There is no deficit at 31 March 2026."), "{h}");
    assert!(!h.contains("the deficit clears in") && !h.contains("in deficit again"), "{h}");
    // A balance that does not hold is not said as one that does (a reviewer's file read "balances
    // in 2027/28" beside in-year deficits from 2031/32).
    assert!(h.contains("The mitigated in-year position balances in 2025/26, but is in deficit from 2026/27"), "{h}");
    // An underspend, made larger by management action.
    let under = avila_with(|v| {
        let b = &mut v["budget"];
        b["forecast_overspend"]["value"] = "-900000".into();
        b["overspend_after_action"]["value"] = "-1500000".into();
        b["management_action"]["value"] = "600000".into();
    });
    let [overview] = render_site(&under, &[Page::Overview]).try_into().unwrap();
    let t = words(&overview);
    assert!(t.contains("the council expected to spend £900,000 less than its budget by the end of the year. This is called an underspend"), "{t}");
    assert!(t.contains("Managers planned £600,000 of management action, leaving an underspend of £1.5m."), "{t}");
    assert!(t.contains("Forecast underspend after action £1.5m"), "{t}");
    assert!(t.contains("A forecast underspend of £900,000, with £600,000 of management action, leaves an underspend of £1.5m."), "{t}");
    assert!(t.contains("The forecast underspend") && t.contains("Explore the underspend and the reserves") && !t.contains("The forecast overspend"), "{t}");
    let [savings] = render_site(&under, &[Page::Savings]).try_into().unwrap();
    assert!(words(&savings).contains("after revenue underspends adding £") && !words(&savings).contains("revenue draws of −"), "{}", words(&savings));
    // Papers whose override ended before the year they cover say so in the past tense.
    let ended = avila_with(|v| v["high_needs"]["override_end"]["value"] = "2025-03-31".into());
    let [overview, hn] = render_site(&ended, &[Page::Overview, Page::HighNeeds]).try_into().unwrap();
    let t = words(&overview);
    assert!(t.contains("The council's papers say the rule ended on 31 March 2025, so they count the deficit against the council's usable reserves"), "{t}");
    // High needs counts the deficit against reserves from the first year, not from the second:
    // the override is not in force in 2025/26, and the deficit it left is the one brought forward.
    let t = words(&hn);
    assert!(t.contains("Year In-year deficit, unmitigated In-year deficit, mitigated Write-off Cumulative, unmitigated Cumulative, mitigated Override in force General fund Usable reserves Published forecasts (crosses) 2025/26 £10,050,000.00 £10,050,000.00 £0 £18,450,000.00 £18,450,000.00 no "), "{t}");
    assert!(t.contains("The override had ended before the years projected; the deficit brought forward at 31 March 2025 was £8.4m. Counted against reserves from then, it is more than the general fund balance in 2025/26"), "{t}");
    assert!(t.contains("Deficit at 31 March 2025, the override having ended £8.4m"), "{t}");
    assert!(t.contains("The council's papers say it ended on 31 March 2025; in June 2025 the government extended it to 31 March 2028."), "{t}");
    assert!(t.contains("£8.4m at 31 March 2025 (the end date in the council's papers, before the years modelled), all of it to be met from reserves. Based on: the override's end, the deficit brought forward."), "{t}");
    assert!(t.contains("The council's papers: the statutory override ended on 31 March 2025."), "{t}");
    assert!(t.contains("By 31 March 2025 (ended before the years modelled) 31 March 2026"), "{t}");
    // Other approved changes that take money off are said to.
    let off = avila_with(|v| v["capital"]["movements"]["value"] = "-1200000".into());
    let [overview] = render_site(&off, &[Page::Overview]).try_into().unwrap();
    let t = words(&overview);
    assert!(t.contains("but took £1.2m off in other approved changes, and removed projects worth £750,000."), "{t}");
    assert!(t.contains("Approved £58.6m, plus £9.1m brought forward and £4.4m of new grants, less £1.2m of other changes, £750,000 removed and £12.3m moved to later years, gives £57.85m."), "{t}");
}

#[test]
fn a_forecast_for_a_later_31_march_is_in_the_table_and_the_policy_text_is_only_what_is_news() {
    // Ávila-on-Sea's papers (November 2025 to January 2026) give the override to 2028 already,
    // and forecast £29.6m for 31 March 2027.
    let [hn, overview] = render_site(AVILA_JSON, &[Page::HighNeeds, Page::Overview]).try_into().unwrap();
    // £4.7m less £3.35m of action leaves £1.35m: at one place it would read £3.4m and £1.4m.
    assert!(words(&overview).contains("Managers planned to cut it by £3.35m through management action, leaving an overspend of £1.35m."));
    let t = words(&hn);
    assert!(t.contains("31 March 2027 £29,600,000.00 Forecast: Management plan forecast for 2026/27 (21 January 2026)"), "{t}");
    assert!(t.contains("The council's papers say it ends on 31 March 2028."), "{t}");
    assert!(!t.contains("in June 2025 the government extended it"), "{t}");
    assert!(!hn.contains("value=\"override-2028\""), "the 2028 extension is no choice of its own: the papers give it");
    assert!(hn.contains("value=\"override-2028-writeoff-90\""), "the write-off came after its papers");
    assert!(t.contains("In 2026 the government said it would pay off 90% of the high-needs deficit built up to 31 March 2026"), "{t}");
    // Herefordshire's papers give 2026: the extension is news, and offered.
    let [hn] = render_site(LATEST_JSON, &[Page::HighNeeds]).try_into().unwrap();
    assert!(words(&hn).contains("The council's papers say it ends on 31 March 2026; in June 2025 the government extended it to 31 March 2028."));
    assert!(hn.contains("value=\"override-2028\""));
}

#[test]
fn a_later_vintage_that_already_gives_2028_lists_only_what_is_new_since_its_papers() {
    // Exampleshire's papers (November 2025) give the override to 31 March 2028 already.
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exampleshire-2025-26.json")).unwrap();
    let [sources, overview] = render_site(&text, &[Page::Sources, Page::Overview]).try_into().unwrap();
    assert!(!sources.contains("Override extended to 31 March 2028</strong>"), "the 2028 end is in its papers");
    assert!(!overview.contains("it moved the end date to"));
    // What is still news to it (the write-off) is listed, and the Overview says it.
    let wo = overview.contains("it said it would pay off");
    assert!(wo, "the conditional write-off came after its papers");
    assert!(sources.contains("<h2 id=\"policy-h\">") && sources.contains("Override to 2028, and 90% of the deficit to 31 March 2026 resolved</strong> (2026)"));
}

#[test]
fn the_write_off_preset_is_offered_only_where_its_years_are_in_the_projection() {
    let radio = r#"value="override-2028-writeoff-90""#;
    let page = |base: &str| {
        // A year later, Ávila's figures open on its January 2026 forecast for 31 March 2026 and
        // close on the one for 31 March 2027 (the loader checks the base year against them).
        let text = avila_with(|v| {
            if base == "2026-27" {
                v["high_needs"]["deficit_brought_forward"]["value"] = "18450000".into();
                v["high_needs"]["deficit_year_end"]["value"] = "29600000".into();
                v["high_needs"]["in_year_forecast"]["value"] = "11150000".into();
                v["capital"]["spend_point"] = "end of September 2026".into();
            }
            v["base_year"] = base.into();
        });
        render_site(&text, &[Page::HighNeeds]).remove(0)
    };
    let now = page("2025-26");
    assert!(now.contains(radio) && !now.contains("hn-preset-not-offered"));
    let later = page("2026-27");
    assert!(!later.contains(radio), "a 2026/27 base year cannot take a write-off paid in 2026/27");
    assert!(words(&later).contains("The conditional write-off of deficit built up to 31 March 2026 is not offered. The 2026 local government finance settlement gives no date for paying it; this app takes it as paid in 2026/27, and this dataset starts from the published position for 2026/27"), "{}", words(&later));
}

#[test]
fn a_paper_known_only_to_its_month_is_never_shown_with_a_day() {
    // The 2023 SEND strategy report is undated: the file orders it by 30 April 2023 and says so in
    // the paper's note, but no page may give that day as its date.
    let note = "filed under 30 April 2023 for ordering";
    let days = |text: &str| -> usize { render_site(text, &PAGES).iter().map(|h| words(h).replace(note, "").matches("30 April 2023").count()).sum() };
    assert_eq!(days(LATEST_JSON), 0);
    // Without the field the same file shows the day: the places above are real.
    let mut v: serde_json::Value = serde_json::from_str(LATEST_JSON).unwrap();
    let paper = v["documents"].as_array_mut().unwrap().iter_mut().find(|d| d["id"] == "send-strategy-2023").unwrap();
    assert_eq!(paper.as_object_mut().unwrap().remove("date_precision"), Some(serde_json::json!("month")));
    assert!(days(&v.to_string()) >= 4, "{}", days(&v.to_string()));
    // Its month is shown: the forecast it made, beside the deficit chart, and the paper in Sources.
    let [hn, sources] = <[String; 2]>::try_from(render_site(LATEST_JSON, &[Page::HighNeeds, Page::Sources])).unwrap();
    assert!(words(&hn).contains("up to £10,000,000: SEND Strategy report (2023), April 2023"), "{}", words(&hn));
    assert!(words(&sources).contains("DSG deficit forecast) (Cabinet member, children and families, April 2023), para 37"), "{}", words(&sources));
}

#[test]
fn a_programme_of_no_named_schemes_says_so_and_draws_a_readable_axis() {
    // A reviewer's file with no schemes: a "Move a scheme's spend" heading over nothing, and an
    // axis of "£0m" six times.
    let none = avila_with(|v| v["capital"]["schemes"] = serde_json::json!([]));
    let [capital] = render_site(&none, &[Page::Capital]).try_into().unwrap();
    assert!(words(&capital).contains("These figures name no capital schemes, so there is no spend to move."), "{}", words(&capital));
    assert!(!capital.contains("class=\"move-forms"), "no empty list of forms");
    assert!(capital.matches(">£0m<").count() <= 4, "an axis per drawing, with £0m once each");
}

#[test]
fn with_no_published_forecasts_uncertainty_prints_no_empty_tables() {
    let none = avila_with(|v| {
        let hn = &mut v["high_needs"];
        hn["forecasts"] = serde_json::json!([]);
    });
    let [unc] = render_site(&none, &[Page::Uncertainty]).try_into().unwrap();
    let section = |id: &str| {
        let at = unc.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no {id}"));
        unc[at..at + unc[at..].find("</section>").unwrap()].to_string()
    };
    let drift = section("mc-drift-h");
    assert!(words(&drift).contains("The data has no published forecasts to compare."), "{drift}");
    assert!(!drift.contains("<table"), "{drift}");
    let back = section("mc-backtest-h");
    assert!(!back.contains("<table"), "{back}");
    // With forecasts, both tables are there.
    let [unc] = render_site(AVILA_JSON, &[Page::Uncertainty]).try_into().unwrap();
    let after = |id: &str| unc[unc.find(&format!("id=\"{id}\"")).unwrap()..].split("</section>").next().unwrap().to_string();
    assert!(after("mc-drift-h").contains("<table") && after("mc-backtest-h").contains("<table"));
}

#[test]
fn the_fade_out_years_are_disabled_unless_the_part_fades_out() {
    let figures = read_figures(site()).unwrap();
    let hn = render(&figures, Page::HighNeeds);
    let tag = |id: &str| {
        let at = hn.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no {id}"));
        let start = hn[..at].rfind('<').unwrap();
        hn[start..at + hn[at..].find('>').unwrap()].to_string()
    };
    // Held in real terms by default: the years slider and box change nothing, and say so.
    // (Every control is written disabled until prerender.js runs, marked `data-until-js`; these
    // two are disabled by the page itself, so stay so with JavaScript on.)
    for id in ["lever-hn-unexplained-years", "lever-hn-unexplained-years-n"] {
        assert!(tag(id).contains("disabled") && !tag(id).contains("data-until-js"), "{}", tag(id));
    }
    assert!(words(&hn).contains("Used only when the unexplained part fades out"));
    assert!(tag("lever-hn-growth-mainstream").contains("disabled data-until-js"));
}

#[test]
fn compare_says_when_the_scenarios_ticked_are_the_same() {
    // Its default view ticks the baseline and the current scenario, the same until a lever moves.
    let figures = read_figures(site()).unwrap();
    let compare = words(&render(&figures, Page::Compare));
    assert!(compare.contains("The scenarios ticked are the same, so the tables below show no differences."), "{compare}");
}

#[test]
fn published_balances_in_sentences_keep_the_papers_places() {
    // A reviewer: the key answers said "general fund balance (£12.3m)" beside a text of £12.25m.
    let [overview, hn] = render_site(AVILA_JSON, &[Page::Overview, Page::HighNeeds]).try_into().unwrap();
    let (o, h) = (words(&overview), words(&hn));
    assert!(o.contains("general fund balance of £12.25m") && o.contains("the general fund balance (£12.25m)") && !o.contains("(£12.3m)"), "{o}");
    assert!(h.contains("the general fund balance (£12.25m)") && !h.contains("(£12.3m)"), "{h}");
}

#[test]
fn a_council_with_nothing_at_risk_nothing_moved_and_an_empty_reserve_reads_without_zeros() {
    // A reviewer's small council read "Another £0 (0%) was on track", "£0 of work was moved to
    // later years", "plus £0m brought forward, £0m of movements …" and "a contingency reserve of £0".
    let text = avila_with(|v| {
        let s = &mut v["savings"];
        s["delivered"]["amount"]["value"] = "8300000".into();
        s["delivered"]["share"]["value"] = "100".into();
        for k in ["on_target", "at_risk"] {
            s[k]["amount"]["value"] = "0".into();
            s[k]["share"]["value"] = "0".into();
        }
        let c = &mut v["capital"];
        for k in ["brought_forward", "movements", "removed", "added_grants", "reprofiled"] {
            c[k]["value"] = "0".into();
        }
        c["revised"]["value"] = "58600000".into();
        v["budget"]["reserves"]["contingency_reserve"] = serde_json::json!({ "value": "0", "unit": "gbp", "status": "assumption", "reason": "none held" });
    });
    let [overview, capital] = render_site(&text, &[Page::Overview, Page::Capital]).try_into().unwrap();
    let t = words(&overview);
    assert!(t.contains("£8.3m (100%) had been saved. None was at risk."), "{t}");
    assert!(!t.contains("Another £0") && !t.contains("The other £0") && t.contains("£8.3m of the £8.3m of savings had been made, and none was at risk"), "{t}");
    assert!(t.contains("Approved £58.6m, with no changes in the year: £58.6m.") && !t.contains("£0 brought forward"), "{t}");
    assert!(t.contains("The £58.6m capital budget was not changed in the year") && !t.contains("revised to £58.6m"), "{t}");
    assert!(t.contains("the council approved £58.6m, and did not change it during the year.") && !t.contains("changed this to £58.6m"), "{t}");
    assert!(t.contains("No work was moved to later years.") && !t.contains("of work was moved") && !t.contains("The council also"), "{t}");
    assert!(!t.contains("contingency reserve of"), "{t}");
    assert!(t.contains("Contingency reserve £0"), "the table still gives the file's figure, not as a new reserve: {t}");
    let t = words(&capital);
    assert!(t.contains("The £58.6m capital programme was not changed in the year") && !t.contains("revised to £58.6m"), "{t}");
    assert!(t.contains("The approved £58.6m is unchanged: the revised budget is £58.6m."), "{t}");
    assert!(t.contains("None of this year's capital programme was reprofiled into future years.") && !t.contains("£0m of this year"), "{t}");
    // A contingency reserve the file holds, with no transfer shown, is one the council has.
    let held = avila_with(|v| v["budget"]["reserves"]["contingency_reserve"] = serde_json::json!({ "value": "2000000", "unit": "gbp", "status": "assumption", "reason": "held" }));
    let [overview] = render_site(&held, &[Page::Overview]).try_into().unwrap();
    let t = words(&overview);
    assert!(t.contains("Its earmarked reserves include a contingency reserve of £2m for costs it cannot plan for.") && !t.contains("agreed to set up"), "{t}");
}

#[test]
fn sources_lists_every_national_position_high_needs_offers() {
    // A trial's file: papers of late 2025 that still end the override in March 2027. High needs
    // offered two national presets; Sources, listing only what came after the papers, one.
    let text = avila_with(|v| {
        v["high_needs"]["override_end"]["value"] = "2027-03-31".into();
        v["high_needs"]["override_end"]["quote"] = "the statutory override runs to 31 March 2027".into();
    });
    let [hn, sources, overview] = render_site(&text, &[Page::HighNeeds, Page::Sources, Page::Overview]).try_into().unwrap();
    assert!(hn.contains("value=\"override-2028\"") && hn.contains("value=\"override-2028-writeoff-90\""), "both differ from the papers");
    // The pages that say whose date the override's end is tell the extension too, as what came
    // before the papers (the trial's Overview read as if 31 March 2027 were still the rule).
    let h = words(&hn);
    assert!(h.contains("The date in the council's papers. In June 2025, before these papers, the government extended it to 31 March 2028: the “National policy” choices model that."), "{h}");
    let o = words(&overview);
    assert!(o.contains("In June 2025, before these papers, the government moved the end date to 31 March 2028; the papers still give 31 March 2027. Since the papers, the government has changed the rules. In 2026 it said it would pay off 90%"), "{o}");
    let t = words(&sources);
    // Not all of it came since the papers: the heading does not say so.
    assert!(sources.contains("<h2 id=\"policy-h\">National policy the papers do not take</h2>"), "{t}");
    assert!(t.contains("Override to 2028, and 90% of the deficit to 31 March 2026 resolved (2026):"), "{t}");
    assert!(
        t.contains("The High needs page also offers the following position, announced before these papers (the latest of them is dated 21 January 2026) but not taken by them. No figure above comes from it: it is a preset beside the papers' own position. Override extended to 31 March 2028 (June 2025): The government extended the statutory override to 31 March 2028."),
        "{t}"
    );
    // Where the papers take the extension, it is not listed at all.
    let [sources] = render_site(AVILA_JSON, &[Page::Sources]).try_into().unwrap();
    assert!(!sources.contains("also offers") && !sources.contains("Override extended to 31 March 2028</strong>"));
    // Only positions announced before the papers: a heading that does not say "since".
    let later = avila_with(|v| {
        v["high_needs"]["override_end"]["value"] = "2027-03-31".into();
        v["as_of"] = "2027-01-05".into();
        for d in v["documents"].as_array_mut().unwrap() {
            d["date"] = "2027-01-05".into();
        }
    });
    let [sources] = render_site(&later, &[Page::Sources]).try_into().unwrap();
    let t = words(&sources);
    assert!(sources.contains("<h2 id=\"policy-h\">National policy the papers do not take</h2>"), "{t}");
    assert!(
        t.contains("The High needs page offers the following positions, announced before these papers (the latest of them is dated 5 January 2027) but not taken by them. No figure above comes from them: each is a preset beside the papers' own position. Override extended to 31 March 2028 (June 2025)"),
        "{t}"
    );
    assert!(sources.contains("<a href=\"#policy\"") && sources.contains(">National policy the papers do not take</a>"));
}

#[test]
fn a_rate_from_the_file_reads_the_same_on_sources_as_on_its_lever() {
    // A trial's 0.0375 read "3.8%" in Sources' list of figures and "3.75%" on the Capital page.
    let text = avila_with(|v| {
        v["capital"]["borrowing_rate"] = serde_json::json!({ "value": "0.0375", "unit": "rate", "status": "assumption", "reason": "the treasury team's planning rate" });
    });
    let [sources, capital] = render_site(&text, &[Page::Sources, Page::Capital]).try_into().unwrap();
    let (s, c) = (words(&sources), words(&capital));
    assert!(s.contains("3.75%") && !s.contains("3.8%"), "{s}");
    assert!(c.contains("3.75%"), "{c}");
}

#[test]
fn a_capital_setting_no_scheme_uses_says_so_beside_its_control() {
    // A trial moved "Borrowing share, mixed funding" and "Asset life when not given" from end to
    // end and nothing changed: the shipped schemes are grant or of unknown funding, each that may
    // borrow with its asset life. The help now says so; a setting the schemes use says nothing.
    let shipped = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/herefordshire-2024-25-mar25.json")).unwrap();
    let help = |html: &str, key: &str| {
        let id = format!("id=\"lever-{}-help\"", key.replace('.', "-"));
        let at = html.find(&id).unwrap_or_else(|| panic!("no help for {key}"));
        words(&html[at..at + html[at..].find("</span>").unwrap()])
    };
    let [capital] = render_site(&shipped, &[Page::Capital]).try_into().unwrap();
    assert!(help(&capital, "cap.mixed").ends_with("Not used by these figures: no named scheme has mixed funding."), "{}", help(&capital, "cap.mixed"));
    assert!(help(&capital, "cap.life").contains("Not used by these figures: every named scheme that may be funded by borrowing"));
    for key in ["cap.unknown", "cap.rate", "cap.slip"] {
        assert!(!help(&capital, key).contains("Not used"), "{key}: {}", help(&capital, key));
    }
    // The bar under the levers names its change as the headline does: moves and slippage alone
    // (a changed interest rate had read "£0 from your changes"; a trial's slippage with no moves
    // read "Change from your reprofiling").
    assert!(words(&capital).contains("£0 from your moves and slippage") && !words(&capital).contains("from your changes"));
    assert!(words(&capital).contains("Change from your moves and slippage"));
    // One scheme of mixed funding with no asset life given: both settings are used, and say nothing.
    let mut v: serde_json::Value = serde_json::from_str(&shipped).unwrap();
    let s = v["capital"]["schemes"].as_array_mut().unwrap().iter_mut().find(|s| s["funding"] == "unknown").unwrap();
    s["funding"] = "mixed".into();
    s.as_object_mut().unwrap().remove("asset_life");
    let [capital] = render_site(&v.to_string(), &[Page::Capital]).try_into().unwrap();
    for key in ["cap.mixed", "cap.life"] {
        assert!(!help(&capital, key).contains("Not used"), "{key}: {}", help(&capital, key));
    }
}
