//! The results workbooks: the High needs Summary holds the model's projection, year by year, its
//! totals are formulas that recalculate to the written values, and the file reads back numeric.

use dsg_explorer::data::{parse_dataset, Loaded};
use dsg_explorer::model::dsg::{project, Baseline, Projection};
use dsg_explorer::model::scenario::Scenario;
use dsg_explorer::workbook::results::{high_needs_book, page_book, Context, PageTable};
use dsg_explorer::workbook::spec::{column_name, f64_of, Book, Sheet, Value};
use dsg_explorer::workbook::xlsx::{self, Got};

fn setup() -> (Loaded, Baseline, Scenario) {
    let loaded = parse_dataset(&std::fs::read_to_string("public/data/herefordshire-2024-25-mar25.json").unwrap()).unwrap();
    let b = Baseline::from_dataset(&loaded.dataset);
    let mut s = Scenario::default_for(&b);
    // A changed lever, so the mitigated trajectory and the Assumptions sheet differ from defaults.
    s.set("hn.transfer", "0.5", &b).expect("a transfer of 0.5%");
    (loaded, b, s)
}

fn number(s: &Sheet, r: u32, c: u16) -> f64 {
    match s.at(r, c) {
        Some(Value::Number { n }) | Some(Value::Formula { n, .. }) => *n,
        other => panic!("{}{}: {other:?}", column_name(c), r + 1),
    }
}

fn row_of(s: &Sheet, label: &str, nth: usize) -> u32 {
    let rows: Vec<u32> = s.cells.iter().filter(|c| c.c == 0 && matches!(&c.v, Value::Text { s } if s == label)).map(|c| c.r).collect();
    *rows.get(nth).unwrap_or_else(|| panic!("no row {label} #{nth}"))
}

/// Evaluates the formulas this writer uses ("=SUM(B6:B10)", "=SUM(B6,B9)", "=B6+B9", "=B11-B14")
/// from the sheet's other cells: an independent check that each recalculates to its value.
fn eval(s: &Sheet, f: &str) -> f64 {
    let cell = |name: &str| -> f64 {
        let col: String = name.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        let row: u32 = name[col.len()..].parse().expect("row");
        let c = (0..200u16).find(|c| column_name(*c) == col).expect("column");
        number(s, row - 1, c)
    };
    let body = f.strip_prefix('=').expect("a formula");
    if let Some(args) = body.strip_prefix("SUM(").and_then(|x| x.strip_suffix(')')) {
        return args
            .split(',')
            .map(|a| match a.split_once(':') {
                Some((x, y)) => {
                    let col: String = x.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
                    let (r1, r2): (u32, u32) = (x[col.len()..].parse().unwrap(), y[col.len()..].parse().unwrap());
                    (r1..=r2).map(|r| cell(&format!("{col}{r}"))).sum::<f64>()
                }
                None => cell(a),
            })
            .sum();
    }
    if body == "0" {
        return 0.0;
    }
    if let Some((a, b)) = body.split_once('-') {
        return cell(a) - cell(b);
    }
    body.split('+').map(cell).sum()
}

fn check_formulas(book: &Book) -> usize {
    let mut n = 0;
    for s in &book.sheets {
        for c in &s.cells {
            if let Value::Formula { f, n: v } = &c.v {
                let got = eval(s, f);
                assert!((got - v).abs() < 0.005, "{}!{}{}: {f} gives {got}, written {v}", s.name, column_name(c.c), c.r + 1);
                n += 1;
            }
        }
    }
    n
}

#[test]
fn summary_holds_the_projection_year_by_year() {
    let (loaded, b, s) = setup();
    let p: Projection = project(&b, &s.hn);
    let cx = Context { loaded: &loaded, baseline: &b, scenario: &s, link: "https://example.org/budget/?page=high-needs&hn.transfer=0.5" };
    let book = high_needs_book(&cx, &p);
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Summary", "Placements", "Assumptions", "Sources"]);
    let sum = book.sheet("Summary").unwrap();
    for (nth, t) in [(0, &p.unmitigated), (1, &p.mitigated)] {
        for (j, row) in t.rows.iter().enumerate() {
            let c = j as u16 + 1;
            assert_eq!(number(sum, row_of(sum, "Cumulative deficit at 31 March", nth), c), f64_of(row.cumulative_deficit));
            assert_eq!(number(sum, row_of(sum, "In-year deficit (surplus negative)", nth), c), f64_of(row.in_year_deficit));
            assert_eq!(number(sum, row_of(sum, "Total spending", nth), c), f64_of(row.total_spend));
            assert_eq!(number(sum, row_of(sum, "Transfer from the schools block", nth), c), f64_of(row.transfer));
            assert_eq!(number(sum, row_of(sum, "Write-off", nth), c), f64_of(row.write_off));
            assert_eq!(number(sum, row_of(sum, "Total usable reserves", nth), c), f64_of(row.usable_reserves));
        }
    }
    assert!(p.mitigated.rows.iter().any(|r| !r.transfer.is_zero()), "the transfer lever acts");
    // Years are the column headings.
    let heads: Vec<String> = p.mitigated.rows.iter().map(|r| r.year.label()).collect();
    let top = sum.cells.iter().find(|c| matches!(&c.v, Value::Text { s } if s == &heads[0])).unwrap().r;
    assert_eq!(sum.at(top, 1), Some(&Value::Text { s: heads[0].clone() }));
    assert!(matches!(sum.at(row_of(sum, "Total spending", 0), 1), Some(Value::Formula { .. })), "totals are formulas");
    assert!(sum.cells.iter().any(|c| matches!(&c.v, Value::Text { s } if s.contains("hn.transfer=0.5"))), "the share link");
    assert!(check_formulas(&book) > 40);
    // The changed lever shows as changed.
    let a = book.sheet("Assumptions").unwrap();
    let r = a.cells.iter().find(|c| matches!(&c.v, Value::Text { s } if s == "hn.transfer")).unwrap().r;
    assert_eq!(a.at(r, 5), Some(&Value::Text { s: "yes".into() }));
    assert_eq!(number(a, r, 2), 0.5);
}

#[test]
fn the_file_reads_back_numeric_with_formulas_cached() {
    let (loaded, b, s) = setup();
    let p = project(&b, &s.hn);
    let cx = Context { loaded: &loaded, baseline: &b, scenario: &s, link: "x" };
    let book = high_needs_book(&cx, &p);
    let bytes = xlsx::write(&book).expect("writes");
    let sheets = xlsx::read(&bytes).expect("reads");
    let (_, grid) = sheets.iter().find(|(n, _)| n == "Summary").unwrap();
    let sum = book.sheet("Summary").unwrap();
    let r = row_of(sum, "Total spending", 1);
    for (j, row) in p.mitigated.rows.iter().enumerate() {
        assert_eq!(grid.get(&(r, j as u16 + 1)), Some(&Got::Number(f64_of(row.total_spend))));
    }
}

#[test]
fn a_page_table_becomes_a_sheet_with_years_across_and_a_total_formula() {
    let (loaded, b, s) = setup();
    let cx = Context { loaded: &loaded, baseline: &b, scenario: &s, link: "x" };
    let t = PageTable {
        caption: "Spend by year (£)".into(),
        headers: vec!["Year".into(), "Schools".into(), "Roads".into(), "Total".into()],
        rows: vec![vec!["2024/25".into(), "£1,000".into(), "£2,500.50".into(), "£3,500.50".into()], vec!["2025/26".into(), "£0".into(), "£10".into(), "£10".into()]],
    };
    let book = page_book(&cx, "Capital", &[t]);
    let sh = &book.sheets[0];
    let total = row_of(sh, "Total", 0);
    assert!(matches!(sh.at(total, 1), Some(Value::Formula { f, n }) if f.starts_with("=SUM(") && *n == 3500.5), "{:?}", sh.at(total, 1));
    assert_eq!(number(sh, row_of(sh, "Roads", 0), 2), 10.0);
    assert!(check_formulas(&book) == 2);
    assert_eq!(book.sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Spend by year", "Assumptions", "Sources"]);
}

#[test]
fn a_results_workbook_loaded_as_figures_is_named_in_one_line() {
    let (loaded, b, s) = setup();
    let p = project(&b, &s.hn);
    let cx = Context { loaded: &loaded, baseline: &b, scenario: &s, link: "https://example.gov.uk/budget/?v=2" };
    let bytes = xlsx::write(&high_needs_book(&cx, &p)).expect("writes");
    let issues = dsg_explorer::workbook::read::read_workbook(&bytes).err().expect("not a dataset");
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(issues[0].message.starts_with("this is one of the explorer's results workbooks"), "{}", issues[0].message);
    // Any other workbook with neither of a dataset workbook's two sheets: one line naming its sheets.
    let mut other = Book::default();
    other.sheets.push(Sheet::new("Sheet1"));
    let issues = dsg_explorer::workbook::read::read_workbook(&xlsx::write(&other).expect("writes")).err().expect("not a dataset");
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(issues[0].message.contains("neither a “Dataset” nor a “Figures” sheet") && issues[0].message.contains("(its sheets are “Sheet1”)"), "{}", issues[0].message);
}

