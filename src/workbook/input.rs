//! The input workbook: a dataset written as sheets a finance officer can fill in (one per part of
//! the dataset, instructions first, drop-downs and number checks where Excel allows), and the
//! blank one made from the shipped template. `read.rs` reads it back; the layout is `layout.rs`.

use super::layout::{full_path, Kind, Part, FIGURES, FIGURE_COLUMNS, INSTRUCTIONS, PARTS, STATUSES, UNITS};
use super::spec::{exact_in_f64, Book, Fmt, Rule, Sheet, Validation};
use crate::data::figure::humanise;
use crate::data::json::parse_decimal;
use crate::data::Loaded;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Rows below the last filled one that still get drop-downs and number checks, for additions.
const SPARE_ROWS: u32 = 200;

/// A leaf of a flattened object: a plain value, or a figure (an object with value, unit, status).
enum Leaf<'a> {
    Plain(&'a Value),
    Figure(&'a Map<String, Value>),
}

pub fn is_figure(v: &Value) -> bool {
    v.as_object().is_some_and(|m| m.contains_key("unit") && m.contains_key("status") && m.contains_key("value"))
}

fn flatten<'a>(obj: &'a Map<String, Value>, prefix: &str, skip: &[&str], out: &mut Vec<(String, Leaf<'a>)>) {
    for (k, v) in obj {
        if prefix.is_empty() && skip.contains(&k.as_str()) {
            continue;
        }
        let key = full_path(prefix, k);
        match v {
            Value::Object(m) if is_figure(v) => out.push((key, Leaf::Figure(m))),
            Value::Object(m) => flatten(m, &key, &[], out),
            other => out.push((key, Leaf::Plain(other))),
        }
    }
}

fn at<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(root);
    }
    path.split('.').try_fold(root, |v, k| v.get(k))
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Writes a figure's value in its unit's format: a number where Excel can hold it exactly,
/// otherwise the exact decimal as text (which the reader also accepts).
fn write_value(sheet: &mut Sheet, r: u32, c: u16, unit: &str, value: &Value) {
    let s = text_of(value);
    let fmt = match unit {
        "gbp" => Fmt::Gbp,
        "count" => Fmt::Count,
        "percent" => Fmt::Points,
        "rate" => Fmt::Rate,
        _ => return sheet.text(r, c, s, Fmt::Plain),
    };
    match parse_decimal(&s) {
        Some(d) if exact_in_f64(d) => sheet.num(r, c, d, fmt),
        _ => sheet.text(r, c, s, Fmt::Plain),
    }
}

fn write_plain(sheet: &mut Sheet, r: u32, c: u16, v: &Value) {
    match v {
        Value::Number(n) => match n.as_u64() {
            Some(u) => sheet.num(r, c, u.into(), Fmt::Plain),
            None => sheet.text(r, c, n.to_string(), Fmt::Plain),
        },
        other => sheet.text(r, c, text_of(other), Fmt::Plain),
    }
}

/// One row of the Figures sheet.
struct FigureRow<'a> {
    sheet: &'static str,
    item: String,
    field: String,
    path: String,
    figure: &'a Map<String, Value>,
}

/// The input workbook of a loaded dataset.
pub fn input_book(loaded: &Loaded) -> Book {
    let root = serde_json::to_value(&loaded.dataset).unwrap_or(Value::Null);
    // Labels are not kept in the typed dataset: the loader's figure records have them.
    let labels: HashMap<&str, &str> = loaded.figures.iter().filter(|f| f.label != humanise(&f.path)).map(|f| (f.path.as_str(), f.label.as_str())).collect();
    let mut book = Book::default();
    book.sheets.push(instructions(&loaded.dataset.council));
    let mut figures: Vec<FigureRow> = Vec::new();
    for part in PARTS {
        let Some(value) = at(&root, part.path) else {
            if part.optional {
                continue;
            }
            book.sheets.push(empty_part(part));
            continue;
        };
        let sheet = match part.kind {
            Kind::Fields => fields_sheet(part, value, &mut figures),
            Kind::Table => table_sheet(part, value, &mut figures),
        };
        book.sheets.push(sheet);
    }
    book.sheets.push(figures_sheet(&figures, &labels));
    book
}

fn empty_part(part: &Part) -> Sheet {
    let mut s = Sheet::new(part.sheet);
    for (c, k) in part.columns.iter().enumerate() {
        s.text(0, c as u16, *k, Fmt::Head);
    }
    s
}

fn fields_sheet<'a>(part: &Part, value: &'a Value, figures: &mut Vec<FigureRow<'a>>) -> Sheet {
    let mut s = Sheet::new(part.sheet);
    for (c, h) in ["field", "value", "what it is"].iter().enumerate() {
        s.text(0, c as u16, *h, Fmt::Head);
    }
    s.width(0, 34.0);
    s.width(1, 22.0);
    s.width(2, 60.0);
    s.freeze = Some((1, 1));
    let mut leaves = Vec::new();
    if let Some(obj) = value.as_object() {
        flatten(obj, "", part.skip, &mut leaves);
    }
    for (i, (key, leaf)) in leaves.into_iter().enumerate() {
        let r = i as u32 + 1;
        s.text(r, 0, key.clone(), Fmt::Plain);
        let path = full_path(part.path, &key);
        match leaf {
            Leaf::Plain(v) => write_plain(&mut s, r, 1, v),
            Leaf::Figure(m) => {
                let unit = m.get("unit").map(text_of).unwrap_or_default();
                write_value(&mut s, r, 1, &unit, m.get("value").unwrap_or(&Value::Null));
                s.text(r, 2, format!("{} ({})", humanise(&path), unit_words(&unit)), Fmt::Plain);
                figures.push(FigureRow { sheet: part.sheet, item: String::new(), field: key, path, figure: m });
            }
        }
    }
    s
}

fn unit_words(unit: &str) -> &'static str {
    match unit {
        "gbp" => "£",
        "count" => "a count",
        "percent" => "per cent: 46 is 46%",
        "rate" => "a rate: 0.05 is 5%",
        "date" => "a date, YYYY-MM-DD",
        _ => "text",
    }
}

fn table_sheet<'a>(part: &Part, value: &'a Value, figures: &mut Vec<FigureRow<'a>>) -> Sheet {
    let mut s = Sheet::new(part.sheet);
    let items: Vec<&Map<String, Value>> = value.as_array().map(|a| a.iter().filter_map(|x| x.as_object()).collect()).unwrap_or_default();
    let flat: Vec<Vec<(String, Leaf)>> = items
        .iter()
        .map(|m| {
            let mut out = Vec::new();
            flatten(m, "", &[], &mut out);
            out
        })
        .collect();
    // Columns: the part's own, then any other field a file has, then the years (in order).
    let mut columns: Vec<String> = part.columns.iter().map(|c| c.to_string()).collect();
    let mut years: Vec<String> = Vec::new();
    for row in &flat {
        for (k, _) in row {
            match part.years.and_then(|y| k.strip_prefix(y)).and_then(|rest| rest.strip_prefix('.')) {
                Some(year) if !years.iter().any(|y| y == year) => years.push(year.to_string()),
                Some(_) => {}
                None if !columns.contains(k) => columns.push(k.clone()),
                None => {}
            }
        }
    }
    years.sort();
    let n_fixed = columns.len();
    let year_key = |y: &str| format!("{}.{y}", part.years.unwrap_or_default());
    columns.extend(years.iter().map(|y| year_key(y)));
    for (c, k) in columns.iter().enumerate() {
        let heading = if c >= n_fixed { years[c - n_fixed].clone() } else { k.clone() };
        s.text(0, c as u16, heading, Fmt::Head);
        s.width(c as u16, if matches!(k.as_str(), "name" | "title" | "note" | "why" | "reading") { 40.0 } else { 16.0 });
    }
    s.freeze = Some((1, 2.min(columns.len() as u16)));
    let last = items.len() as u32 + SPARE_ROWS;
    let mut numeric_cols: Vec<u16> = Vec::new();
    for (i, row) in flat.into_iter().enumerate() {
        let r = i as u32 + 1;
        let id = items[i].get("id").map(text_of).unwrap_or_default();
        for (k, leaf) in row {
            let Some(c) = columns.iter().position(|x| *x == k) else { continue };
            let c = c as u16;
            match leaf {
                Leaf::Plain(v) if c as usize >= n_fixed => {
                    // A year's amount: a decimal written as text in the JSON.
                    write_value(&mut s, r, c, "gbp", v);
                    if !numeric_cols.contains(&c) {
                        numeric_cols.push(c);
                    }
                }
                Leaf::Plain(v) => write_plain(&mut s, r, c, v),
                Leaf::Figure(m) => {
                    let unit = m.get("unit").map(text_of).unwrap_or_default();
                    write_value(&mut s, r, c, &unit, m.get("value").unwrap_or(&Value::Null));
                    if unit != "date" && !numeric_cols.contains(&c) {
                        numeric_cols.push(c);
                    }
                    figures.push(FigureRow { sheet: part.sheet, item: id.clone(), field: k, path: format!("{}[{i}].", part.path), figure: m });
                }
            }
        }
    }
    for c in numeric_cols {
        s.validations.push(Validation { r1: 1, c1: c, r2: last, c2: c, rule: Rule::Decimal });
    }
    for (c, k) in columns.iter().enumerate() {
        if let Some(choices) = super::layout::table_choices(part, k) {
            s.validations.push(Validation { r1: 1, c1: c as u16, r2: last, c2: c as u16, rule: Rule::List(choices.iter().map(|x| x.to_string()).collect()) });
        }
    }
    s
}

fn figures_sheet(rows: &[FigureRow], labels: &HashMap<&str, &str>) -> Sheet {
    let mut s = Sheet::new(FIGURES);
    for (c, h) in FIGURE_COLUMNS.iter().enumerate() {
        s.text(0, c as u16, *h, Fmt::Head);
        s.width(c as u16, if matches!(*h, "quote" | "reason" | "note" | "range_reason" | "label") { 40.0 } else { 14.0 });
    }
    s.freeze = Some((1, 3));
    let col = |name: &str| FIGURE_COLUMNS.iter().position(|c| *c == name).unwrap_or(0) as u16;
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let m = row.figure;
        // A table figure's path is the item's path plus the field.
        let path = if row.path.ends_with('.') { format!("{}{}", row.path, row.field) } else { row.path.clone() };
        s.text(r, col("sheet"), row.sheet, Fmt::Plain);
        s.text(r, col("item"), row.item.clone(), Fmt::Plain);
        s.text(r, col("field"), row.field.clone(), Fmt::Plain);
        for k in ["unit", "status", "source", "ref", "quote", "reason", "note"] {
            s.text(r, col(k), m.get(k).map(text_of).unwrap_or_default(), if matches!(k, "quote" | "reason" | "note") { Fmt::Wrap } else { Fmt::Plain });
        }
        if let Some(Value::Bool(b)) = m.get("approximate") {
            s.text(r, col("approximate"), if *b { "yes" } else { "no" }, Fmt::Plain);
        }
        if let Some(range) = m.get("range").and_then(|x| x.as_object()) {
            let unit = m.get("unit").map(text_of).unwrap_or_default();
            write_value(&mut s, r, col("range_low"), &unit, range.get("low").unwrap_or(&Value::Null));
            write_value(&mut s, r, col("range_high"), &unit, range.get("high").unwrap_or(&Value::Null));
            s.text(r, col("range_reason"), range.get("reason").map(text_of).unwrap_or_default(), Fmt::Wrap);
        }
        if let Some(f) = m.get("formula") {
            s.text(r, col("formula"), f.to_string(), Fmt::Plain);
        }
        if let Some(l) = labels.get(path.as_str()) {
            s.text(r, col("label"), *l, Fmt::Plain);
        }
    }
    let last = rows.len() as u32 + SPARE_ROWS;
    let list = |v: &[&str]| Rule::List(v.iter().map(|x| x.to_string()).collect());
    s.validations.push(Validation { r1: 1, c1: col("unit"), r2: last, c2: col("unit"), rule: list(UNITS) });
    s.validations.push(Validation { r1: 1, c1: col("status"), r2: last, c2: col("status"), rule: list(STATUSES) });
    s.validations.push(Validation { r1: 1, c1: col("approximate"), r2: last, c2: col("approximate"), rule: list(&["yes", "no"]) });
    s.validations.push(Validation { r1: 1, c1: col("range_low"), r2: last, c2: col("range_high"), rule: Rule::Decimal });
    s
}

fn instructions(council: &str) -> Sheet {
    let mut s = Sheet::new(INSTRUCTIONS);
    s.width(0, 110.0);
    let mut lines: Vec<String> = vec![
        format!("Dataset workbook: {council}"),
        "This workbook holds one council's figures for the budget and DSG deficit explorer. Fill it in, then load it on the explorer's Sources page (Use your own figures): it is read in your browser and sent nowhere.".into(),
        "Every figure is checked when you load the file. A problem is reported with its sheet and cell (for example Placements!D6: expected an amount, got \"12,5\"), and the figures already in use are kept.".into(),
        String::new(),
        "How the sheets work".into(),
        "Sheets with the columns field / value list one part of the dataset, a row each: change the value in column B. Column A names the field; leave it as it is.".into(),
        "Other sheets are tables: a row per item (a paper, a placement type, a scheme...), a column per field. Add a row to add an item; every item needs a unique id.".into(),
        "Amounts are plain numbers in pounds (no £ sign, no thousands separators, a full stop for decimals). Rates are fractions shown as percentages (type 0.05 or 5%). Percentages (unit percent) are written as published: 46 means 46%. Dates are text like 2026-03-31.".into(),
        "In Schemes, each column headed by a financial year (2025-26) is that year's spending; the years must add up to the scheme's total. Add a year by adding a column with its heading.".into(),
        "The Figures sheet says where each figure comes from, a row per figure, found by sheet, item (the id of the table row; empty on field sheets) and field. status is published (needs source, a document id from Documents, and ref, the paragraph), derived (needs a formula) or assumption (needs a reason). A new figure needs a row here too.".into(),
        "formula is written as on the JSON format, for example {\"add\":[\"budget.reserves.general_fund\",\"budget.reserves.earmarked\"]}. The full format is described in docs/data-format.md.".into(),
        String::new(),
        "The sheets".into(),
    ];
    for p in PARTS {
        lines.push(format!("{}: {}", p.sheet, p.about));
    }
    lines.push(format!("{FIGURES}: where each figure comes from (see above)."));
    for (i, l) in lines.into_iter().enumerate() {
        let f = if i == 0 { Fmt::Title } else if l == "How the sheets work" || l == "The sheets" { Fmt::Head } else { Fmt::Wrap };
        s.text(i as u32, 0, l, f);
    }
    s
}
