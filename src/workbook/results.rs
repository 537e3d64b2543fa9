//! The results workbooks the High needs, Savings and Capital pages offer: the scenario's figures
//! as numbers with number formats, years as column headings, totals as formulas written with the
//! model's own values beside them (so Excel and LibreOffice recalculate to the same numbers).

use super::provision;
use super::spec::{column_name, Book, Fmt, Sheet};
use crate::data::figure::Status;
use crate::data::Loaded;
use crate::model::dsg::{Baseline, Projection, Trajectory};
use crate::units::money::Money;
use crate::model::levers::{Kind, Value, LEVERS};
use crate::model::scenario::Scenario;
use rust_decimal::Decimal;

/// What every results workbook starts from.
pub struct Context<'a> {
    pub loaded: &'a Loaded,
    pub baseline: &'a Baseline,
    pub scenario: &'a Scenario,
    /// The scenario's share link (absolute).
    pub link: &'a str,
}

/// A page's data table as shown (cells are the page's text: "£6,100,000", "12.5%", "2024/25").
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct PageTable {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn head(s: &mut Sheet, title: &str, cx: &Context) -> u32 {
    let ds = &cx.loaded.dataset;
    s.text(0, 0, title, Fmt::Title);
    s.text(1, 0, format!("{}: figures version {} (as of {})", ds.council, ds.version, ds.as_of.long()), Fmt::Plain);
    s.text(2, 0, "Scenario link", Fmt::Head);
    s.text(2, 1, cx.link, Fmt::Plain);
    4
}

/// The High needs workbook: Summary, Placements, Assumptions, Sources.
pub fn high_needs_book(cx: &Context, p: &Projection) -> Book {
    Book { sheets: vec![summary_sheet(cx, p), placements_sheet(cx, p), assumptions_sheet(cx), sources_sheet(cx)] }
}

/// A page's workbook (Savings, Capital): a sheet per data table, then Assumptions and Sources.
pub fn page_book(cx: &Context, page: &str, tables: &[PageTable]) -> Book {
    let mut sheets = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (i, t) in tables.iter().enumerate() {
        let name = sheet_name(&t.caption, i, &names);
        names.push(name.clone());
        sheets.push(table_sheet(cx, &name, page, t));
    }
    sheets.push(assumptions_sheet(cx));
    sheets.push(sources_sheet(cx));
    Book { sheets }
}

/// An Excel sheet name from a caption: at most 31 characters, none of []:*?/\, unique.
/// A year's "/" becomes "-" ("Savings 2024-25 by status", not "202425"), and a long caption is
/// cut at a word ("Spend on the named schemes", not "… schemes b").
fn sheet_name(caption: &str, i: usize, taken: &[String]) -> String {
    let clean: String = caption.split(" (").next().unwrap_or(caption).replace('/', "-").chars().filter(|c| !"[]:*?/\\".contains(*c)).collect();
    let mut name = String::new();
    for word in clean.split_whitespace() {
        let len = name.chars().count() + usize::from(!name.is_empty()) + word.chars().count();
        if len > 28 {
            break;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(word);
    }
    if name.is_empty() {
        name = clean.trim().chars().take(28).collect::<String>().trim().to_string();
    }
    if name.is_empty() || taken.contains(&name) {
        name = format!("{} {}", name.chars().take(24).collect::<String>().trim(), i + 1);
    }
    name
}

struct Rows<'a> {
    s: &'a mut Sheet,
    r: u32,
}

impl Rows<'_> {
    /// A row of values by year; returns its row number.
    fn values(&mut self, label: &str, vals: impl Iterator<Item = Decimal>, f: Fmt) -> u32 {
        let r = self.r;
        self.s.text(r, 0, label, Fmt::Plain);
        for (j, v) in vals.enumerate() {
            self.s.num(r, j as u16 + 1, v, f);
        }
        self.r += 1;
        r
    }
    /// A row of formulas by year: `formula(column letter)`, with the model's values.
    fn formulas(&mut self, label: &str, formula: impl Fn(&str) -> String, vals: impl Iterator<Item = Decimal>, f: Fmt) -> u32 {
        let r = self.r;
        self.s.text(r, 0, label, Fmt::Head);
        for (j, v) in vals.enumerate() {
            let col = column_name(j as u16 + 1);
            self.s.formula(r, j as u16 + 1, formula(&col), v, f);
        }
        self.r += 1;
        r
    }
    fn texts(&mut self, label: &str, vals: impl Iterator<Item = String>) {
        self.s.text(self.r, 0, label, Fmt::Plain);
        for (j, v) in vals.enumerate() {
            self.s.text(self.r, j as u16 + 1, v, Fmt::Plain);
        }
        self.r += 1;
    }
    fn skip(&mut self) {
        self.r += 1;
    }
}

fn trajectory_rows(rows: &mut Rows, name: &str, t: &Trajectory) {
    let x = |f: fn(&crate::model::dsg::YearRow) -> Money| t.rows.iter().map(f).collect::<Vec<_>>().into_iter();
    rows.s.text(rows.r, 0, name, Fmt::Title);
    rows.skip();
    let a = rows.values("Placement spend", x(|r| r.placement_spend), Fmt::GbpWhole);
    rows.values("Other high-needs spend", x(|r| r.other_spend), Fmt::GbpWhole);
    rows.values("Not explained by the placement model", x(|r| r.unexplained), Fmt::GbpWhole);
    rows.values("Cost of earlier support", x(|r| r.support_cost), Fmt::GbpWhole);
    let b = rows.values("Saving (taken off spend)", x(|r| -r.saving), Fmt::GbpWhole);
    let spend = rows.formulas("Total spending", |c| format!("=SUM({c}{}:{c}{})", a + 1, b + 1), x(|r| r.total_spend), Fmt::GbpWhole);
    let i = rows.values("High-needs block income", x(|r| r.income), Fmt::GbpWhole);
    let j = rows.values("Transfer from the schools block", x(|r| r.transfer), Fmt::GbpWhole);
    let income = rows.formulas("Total income", |c| format!("=SUM({c}{}:{c}{})", i + 1, j + 1), x(|r| r.total_income), Fmt::GbpWhole);
    rows.formulas("In-year deficit (surplus negative)", |c| format!("={c}{}-{c}{}", spend + 1, income + 1), x(|r| r.in_year_deficit), Fmt::GbpWhole);
    rows.values("Write-off", x(|r| r.write_off), Fmt::GbpWhole);
    rows.values("Cumulative deficit at 31 March", x(|r| r.cumulative_deficit), Fmt::GbpWhole);
    rows.texts("Statutory override in force", t.rows.iter().map(|r| if r.override_in_force { "yes".to_string() } else { "no".to_string() }));
    rows.values("Deficit counting against reserves", x(|r| r.deficit_on_reserves), Fmt::GbpWhole);
    rows.values("General fund balance", x(|r| r.general_fund), Fmt::GbpWhole);
    rows.values("Total usable reserves", x(|r| r.usable_reserves), Fmt::GbpWhole);
    rows.values("EHCPs (expected)", t.rows.iter().map(|r| r.ehcps), Fmt::Count1);
    rows.skip();
}

fn summary_sheet(cx: &Context, p: &Projection) -> Sheet {
    let mut s = Sheet::new("Summary");
    let top = head(&mut s, "High needs: the DSG deficit by year, unmitigated and mitigated (£)", cx);
    let years: Vec<String> = p.mitigated.rows.iter().map(|r| r.year.label()).collect();
        s.text(top, 0, "£, financial year", Fmt::Head);
    for (j, y) in years.iter().enumerate() {
        s.text(top, j as u16 + 1, y.clone(), Fmt::Head);
        s.width(j as u16 + 1, 14.0);
    }
    s.width(0, 42.0);
    s.freeze = Some((top + 1, 1));
    let mut rows = Rows { s: &mut s, r: top + 1 };
    trajectory_rows(&mut rows, "Unmitigated", &p.unmitigated);
    trajectory_rows(&mut rows, "Mitigated (with the management actions)", &p.mitigated);
    let mut r = rows.r;
    s.text(r, 0, "Headlines", Fmt::Title);
    r += 1;
    let year = |y: Option<crate::units::calendar::Fy>| y.map(|y| y.label()).unwrap_or_else(|| "not within the horizon".into());
    // As the page says it: an override that never ends never counts the deficit against reserves.
    let passes = |y: Option<crate::units::calendar::Fy>| crate::ui::components::deficit::passes_text(p.override_last_year, y);
    let override_text = match p.override_last_year {
        Some(y) if y < p.base_year => format!("By {} (it had ended before the years modelled)", y.end().long()),
        Some(y) => format!("{} (the last year covered is {})", y.end().long(), y.label()),
        None => "never, in this scenario".into(),
    };
    let mut line = |label: &str, value: String| {
        s.text(r, 0, label, Fmt::Plain);
        s.text(r, 1, value, Fmt::Plain);
        r += 1;
    };
    line("Statutory override ends", override_text);
    for (name, t) in [("unmitigated", &p.unmitigated), ("mitigated", &p.mitigated)] {
        let h = &t.headline;
        line(&format!("Deficit, counted against reserves once the override ends, more than the general fund balance ({name})"), passes(h.exceeds_general_fund));
        line(&format!("Deficit, counted against reserves once the override ends, more than total usable reserves ({name})"), passes(h.exceeds_usable_reserves));
        line(&format!("In-year position balances ({name})"), year(h.balances_in));
    }
    let mut money = |label: &str, v: Option<Money>| {
        s.text(r, 0, label, Fmt::Plain);
        match v {
            Some(v) => s.num(r, 1, v, Fmt::GbpWhole),
            None => s.text(r, 1, if p.override_last_year.is_none() { "never ends" } else { "not within the horizon" }, Fmt::Plain),
        }
        r += 1;
    };
    money("Deficit when the override ends (unmitigated)", p.unmitigated.headline.deficit_at_override_end);
    money("Deficit when the override ends (mitigated)", p.mitigated.headline.deficit_at_override_end);
    money("Written off within the horizon (mitigated)", Some(p.mitigated.headline.written_off));
    money("Peak deficit (mitigated)", Some(p.mitigated.headline.peak_deficit));
    s
}

fn placements_sheet(cx: &Context, p: &Projection) -> Sheet {
    let mut s = Sheet::new("Placements");
    let top = head(&mut s, "High needs: caseload, average cost and spend by provision type (mitigated)", cx);
    let t = &p.mitigated;
    let b = cx.baseline;
    s.text(top, 0, "Placement line", Fmt::Head);
    s.text(top, 1, "DfE provision type", Fmt::Head);
    s.text(top, 2, "Measure", Fmt::Head);
    for (j, row) in t.rows.iter().enumerate() {
        s.text(top, j as u16 + 3, row.year.label(), Fmt::Head);
        s.width(j as u16 + 3, 14.0);
    }
    s.width(0, 40.0);
    s.width(1, 34.0);
    s.width(2, 22.0);
    s.freeze = Some((top + 1, 3));
    let mut r = top + 1;
    let mut spend_rows: Vec<(usize, u32)> = Vec::new();
    let kinds: Vec<_> = cx.loaded.dataset.high_needs.model.placements.iter().map(|pl| pl.kind).collect();
    for (i, pl) in b.placements.iter().enumerate() {
        let cat = kinds.get(i).map(|k| provision::CATEGORIES[provision::category_of(*k)]).unwrap_or("");
        for (measure, f) in [("Caseload (EHCPs)", Fmt::Count1), ("Average cost (£)", Fmt::GbpWhole), ("Spend (£)", Fmt::GbpWhole)] {
            s.text(r, 0, pl.name.clone(), Fmt::Plain);
            s.text(r, 1, cat, Fmt::Plain);
            s.text(r, 2, measure, Fmt::Plain);
            for row in 0..t.rows.len() {
                let Some(x) = t.placements(row).get(i) else { continue };
                let v = match measure.as_bytes()[0] {
                    b'C' => x.count,
                    b'A' => x.average_cost,
                    _ => x.spend,
                };
                s.num(r, row as u16 + 3, v, f);
            }
            if f == Fmt::GbpWhole && measure.starts_with("Spend") {
                spend_rows.push((i, r));
            }
            r += 1;
        }
    }
    let sum_of = |rows: &[u32], col: &str| -> String {
        if rows.is_empty() {
            "=0".into()
        } else {
            format!("={}", rows.iter().map(|r| format!("{col}{}", r + 1)).collect::<Vec<_>>().join("+"))
        }
    };
    s.text(r, 0, "Total placement spend", Fmt::Head);
    s.text(r, 2, "Spend (£)", Fmt::Plain);
    let all: Vec<u32> = spend_rows.iter().map(|x| x.1).collect();
    for (j, row) in t.rows.iter().enumerate() {
        let col = column_name(j as u16 + 3);
        s.formula(r, j as u16 + 3, sum_of(&all, &col), row.placement_spend, Fmt::GbpWhole);
    }
    r += 2;
    s.text(r, 0, "By DfE management-plan provision type", Fmt::Title);
    r += 1;
    s.text(r, 0, "Provision type", Fmt::Head);
    s.text(r, 1, "Status", Fmt::Head);
    s.text(r, 2, "Spend (£)", Fmt::Head);
    r += 1;
    for (name, status, words) in provision::mapping(&cx.loaded.dataset.high_needs.model.placements) {
        s.text(r, 0, name, Fmt::Plain);
        s.text(r, 1, format!("{}: {words}", status.word()), Fmt::Plain);
        let lines: Vec<usize> = match &status {
            provision::Status::Given(v) => v.clone(),
            _ => vec![],
        };
        let rows: Vec<u32> = spend_rows.iter().filter(|(i, _)| lines.contains(i)).map(|x| x.1).collect();
        for (j, _) in t.rows.iter().enumerate() {
            let col = column_name(j as u16 + 3);
            let v: Money = lines.iter().filter_map(|&i| t.placements(j).get(i)).map(|x| x.spend).sum();
            s.formula(r, j as u16 + 3, sum_of(&rows, &col), v, Fmt::GbpWhole);
        }
        r += 1;
    }
    s
}

fn assumptions_sheet(cx: &Context) -> Sheet {
    let mut s = Sheet::new("Assumptions");
    let top = head(&mut s, "Every assumption (lever) of this scenario", cx);
    for (c, h) in ["Lever", "Link key", "Value", "Unit", "Default", "Changed"].iter().enumerate() {
        s.text(top, c as u16, *h, Fmt::Head);
    }
    s.width(0, 50.0);
    s.width(1, 24.0);
    s.width(2, 14.0);
    s.width(3, 18.0);
    s.width(4, 14.0);
    s.freeze = Some((top + 1, 1));
    let default = Scenario::default_for(cx.baseline);
    let mut r = top + 1;
    // Every lever from the one registry, with typed values: numbers as numbers, the rest in words.
    // A per-kind lever for a kind the data has no line of changes nothing, and is left out.
    for lever in LEVERS.iter().filter(|l| l.applies(cx.baseline)) {
        let value = lever.get(cx.scenario);
        let def = lever.get(&default);
        s.text(r, 0, lever.label, Fmt::Plain);
        s.text(r, 1, lever.key, Fmt::Plain);
        let cell = |s: &mut Sheet, c: u16, v: &Value| match v {
            Value::Number(d) => s.num(r, c, *d, Fmt::Plain),
            other => s.text(r, c, lever.display(other, cx.baseline), Fmt::Plain),
        };
        cell(&mut s, 2, &value);
        cell(&mut s, 4, &def);
        let unit = match lever.kind {
            Kind::Number { unit, .. } => unit.suffix().to_string(),
            Kind::Year { .. } => "financial year".into(),
            _ => "choice".into(),
        };
        s.text(r, 3, unit, Fmt::Plain);
        s.text(r, 5, if value != def { "yes" } else { "no" }, Fmt::Plain);
        r += 1;
    }
    s
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Published => "published",
        Status::Derived => "derived",
        Status::Assumption => "assumption",
    }
}

fn sources_sheet(cx: &Context) -> Sheet {
    let mut s = Sheet::new("Sources");
    let top = head(&mut s, "Every figure of the dataset, with where it comes from", cx);
    for (c, h) in ["Figure", "Path", "Value", "Unit", "Status", "Paper", "Reference", "Quote, reason or formula", "Note"].iter().enumerate() {
        s.text(top, c as u16, *h, Fmt::Head);
    }
    for (c, w) in [(0, 46.0), (1, 30.0), (2, 16.0), (5, 40.0), (6, 20.0), (7, 60.0), (8, 40.0)] {
        s.width(c, w);
    }
    s.freeze = Some((top + 1, 1));
    let docs = &cx.loaded.dataset.documents;
    let mut r = top + 1;
    for f in &cx.loaded.figures {
        s.text(r, 0, f.label.clone(), Fmt::Plain);
        s.text(r, 1, f.path.clone(), Fmt::Plain);
        let fmt = match f.unit {
            "gbp" => Fmt::Gbp,
            "count" => Fmt::Count,
            "percent" => Fmt::Points,
            "rate" => Fmt::Rate,
            _ => Fmt::Plain,
        };
        match f.number {
            Some(n) => s.num(r, 2, n, fmt),
            None => s.text(r, 2, f.shown.clone(), Fmt::Plain),
        }
        s.text(r, 3, f.unit, Fmt::Plain);
        s.text(r, 4, status_word(f.status), Fmt::Plain);
        if let Some(src) = &f.source {
            let title = docs.iter().find(|d| &d.id == src).map(|d| format!("{} ({})", d.title, d.when())).unwrap_or_else(|| src.clone());
            s.text(r, 5, title, Fmt::Plain);
        }
        s.text(r, 6, f.reference.clone().unwrap_or_default(), Fmt::Plain);
        let why = f.quote.clone().or_else(|| f.reason.clone()).or_else(|| f.formula.as_ref().map(|x| serde_json::to_string(x).unwrap_or_default())).unwrap_or_default();
        s.text(r, 7, why, Fmt::Plain);
        s.text(r, 8, f.note.clone().unwrap_or_default(), Fmt::Plain);
        r += 1;
    }
    r += 1;
    s.text(r, 0, "Placement lines and the DfE management plan's provision types", Fmt::Title);
    r += 1;
    for (c, h) in ["Provision type", "Status", "What it holds"].iter().enumerate() {
        s.text(r, c as u16, *h, Fmt::Head);
    }
    r += 1;
    for (name, status, words) in provision::mapping(&cx.loaded.dataset.high_needs.model.placements) {
        s.text(r, 0, name, Fmt::Plain);
        s.text(r, 1, status.word(), Fmt::Plain);
        s.text(r, 2, words, Fmt::Plain);
        r += 1;
    }
    s
}

// ---------------------------------------------------------------------------------------------
// A page's data table as a sheet

#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Num(Decimal, Fmt),
    Text(String),
}

/// A shown cell as a number where it is one: "£6,100,000" → 6100000 (£), "12.5%" → 0.125 (%),
/// "709" → 709; anything else (years, "yes", rounded "£13.7m") stays text as shown.
fn parse_cell(s: &str) -> Cell {
    if let Some(d) = crate::share::csv::plain_amount(s).and_then(|t| crate::data::json::parse_decimal(&t)) {
        return Cell::Num(d, Fmt::GbpWhole);
    }
    if let Some(p) = s.trim().strip_suffix('%').and_then(|t| crate::data::json::parse_decimal(&t.replace('−', "-"))) {
        return Cell::Num(p / Decimal::ONE_HUNDRED, Fmt::Rate);
    }
    match crate::data::json::parse_decimal(&s.replace('−', "-")) {
        Some(d) => Cell::Num(d, Fmt::Plain),
        None => Cell::Text(s.to_string()),
    }
}

fn is_total(label: &str) -> bool {
    label.trim().eq_ignore_ascii_case("total") || label.starts_with("Total ")
}

fn table_sheet(cx: &Context, name: &str, page: &str, t: &PageTable) -> Sheet {
    let mut s = Sheet::new(name);
    let top = head(&mut s, &format!("{page}: {}", t.caption), cx);
    // Years as column headings: a table whose first column is the year is turned on its side.
    let by_year = t.headers.first().is_some_and(|h| h == "Year");
    let (heads, rows): (Vec<String>, Vec<Vec<String>>) = if by_year {
        let heads = std::iter::once(String::new()).chain(t.rows.iter().map(|r| r.first().cloned().unwrap_or_default())).collect();
        let rows = (1..t.headers.len()).map(|c| std::iter::once(t.headers[c].clone()).chain(t.rows.iter().map(|r| r.get(c).cloned().unwrap_or_default())).collect()).collect();
        (heads, rows)
    } else {
        (t.headers.clone(), t.rows.clone())
    };
    for (c, h) in heads.iter().enumerate() {
        s.text(top, c as u16, h.clone(), Fmt::Head);
        s.width(c as u16, if c == 0 { 40.0 } else { 16.0 });
    }
    s.freeze = Some((top + 1, 1));
    let cells: Vec<Vec<Cell>> = rows.iter().map(|r| r.iter().map(|c| parse_cell(c)).collect()).collect();
    let first = top + 1;
    for (i, row) in cells.iter().enumerate() {
        let r = first + i as u32;
        for (c, cell) in row.iter().enumerate() {
            let label = rows[i].first().map(String::as_str).unwrap_or("");
            // A total row whose value is exactly the sum of the rows above: a SUM formula.
            let total_of: Option<Vec<u32>> = if c > 0 && is_total(label) {
                let parts: Vec<(u32, Decimal)> = cells[..i]
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| !is_total(rows[*k].first().map(String::as_str).unwrap_or("")))
                    .filter_map(|(k, rr)| match rr.get(c) {
                        Some(Cell::Num(d, _)) => Some((first + k as u32, *d)),
                        _ => None,
                    })
                    .collect();
                match cell {
                    Cell::Num(v, _) if parts.len() >= 2 && parts.iter().map(|p| p.1).sum::<Decimal>() == *v => Some(parts.iter().map(|p| p.0).collect()),
                    _ => None,
                }
            } else {
                None
            };
            match (cell, total_of) {
                (Cell::Num(v, f), Some(parts)) => {
                    let col = column_name(c as u16);
                    let f_text = format!("=SUM({})", parts.iter().map(|r| format!("{col}{}", r + 1)).collect::<Vec<_>>().join(","));
                    s.formula(r, c as u16, f_text, *v, *f);
                }
                (Cell::Num(v, f), None) => s.num(r, c as u16, *v, *f),
                (Cell::Text(x), _) => s.text(r, c as u16, x.clone(), Fmt::Plain),
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_cells_become_numbers() {
        assert_eq!(parse_cell("£6,100,000"), Cell::Num(Decimal::from(6_100_000), Fmt::GbpWhole));
        assert_eq!(parse_cell("12.5%"), Cell::Num(crate::units::money::lit("0.125"), Fmt::Rate));
        assert_eq!(parse_cell("2024/25"), Cell::Text("2024/25".into()));
        assert_eq!(parse_cell("£13.7m"), Cell::Text("£13.7m".into()));
    }

    #[test]
    fn an_override_that_never_ends_is_said_so_in_the_summary_sheet() {
        let loaded = crate::testing::shipped();
        let baseline = Baseline::from_dataset(&loaded.dataset);
        let mut scenario = Scenario::default_for(&baseline);
        scenario.set("hn.override", "never", &baseline).unwrap();
        let cx = Context { loaded: &loaded, baseline: &baseline, scenario: &scenario, link: "x" };
        let p = crate::model::dsg::project(&baseline, &scenario.hn);
        let text = serde_json::to_string(&summary_sheet(&cx, &p)).unwrap();
        // As the page says it (it read "not within the horizon", as if it might pass them later).
        assert_eq!(text.matches("\"never: not counted\"").count(), 4, "the two rows, unmitigated and mitigated");
        assert_eq!(text.matches("\"never ends\"").count(), 2, "the deficit when it ends, unmitigated and mitigated");
    }

    #[test]
    fn sheet_names_fit_excel() {
        let n = sheet_name("Spend on the named schemes by year and category (£)", 0, &[]);
        assert!(n.len() <= 31 && !n.contains('('), "{n}");
        let again = sheet_name("Spend on the named schemes by year and category (£)", 1, std::slice::from_ref(&n));
        assert_ne!(n, again);
        // Cut at a word, and a year keeps its shape (a trial's workbook had "Spend on the named
        // schemes b" and "Savings 202425 by status").
        assert_eq!(n, "Spend on the named schemes");
        assert_eq!(sheet_name("Savings 2024/25 by status (£)", 0, &[]), "Savings 2024-25 by status");
        assert_eq!(sheet_name("Revenue cost of borrowing for the named schemes (£)", 0, &[]), "Revenue cost of borrowing");
        assert_eq!(sheet_name("Abcdefghijklmnopqrstuvwxyz0123456789", 0, &[]), "Abcdefghijklmnopqrstuvwxyz01");
    }
}
