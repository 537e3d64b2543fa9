//! Reading an input workbook back into a dataset: the cells become the dataset's JSON, which then
//! goes through the same reading and validation as a JSON file (`data::parse_dataset`). Every
//! problem is reported at its sheet and cell (`Placements!D6: expected an amount, got "12,5"`),
//! including those the dataset validation finds, whose JSON paths are mapped back to cells.

use super::layout::{full_path, Kind, Part, FIGURES, FIGURE_COLUMNS, PARTS, STATUSES, UNITS};
use super::spec::cell_name;
use super::xlsx::{read, Got, Grid};
use crate::data::json::{parse_decimal, Issue};
use crate::data::{parse_dataset, Loaded};
use crate::units::calendar::{Date, Fy};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Whether bytes look like an .xlsx file (a zip archive) rather than JSON text.
pub fn is_xlsx(name: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || name.to_ascii_lowercase().ends_with(".xlsx")
}

/// Reads an input workbook into a checked dataset, or every problem with its sheet and cell.
pub fn read_workbook(bytes: &[u8]) -> Result<Loaded, Vec<Issue>> {
    read_with_json(bytes).map(|x| x.0)
}

/// The dataset's JSON text from a workbook, checked (what the worker hands back to the page,
/// which reads it as it reads any JSON file). It keeps the figures' labels, which the typed
/// dataset does not hold.
pub fn workbook_to_json(bytes: &[u8]) -> Result<String, Vec<Issue>> {
    read_with_json(bytes).map(|x| x.1)
}

fn read_with_json(bytes: &[u8]) -> Result<(Loaded, String), Vec<Issue>> {
    let sheets = read(bytes).map_err(|m| vec![Issue { path: String::new(), message: m }])?;
    if let Some(why) = not_a_dataset(&sheets) {
        return Err(vec![Issue { path: String::new(), message: why }]);
    }
    let mut r = Reader { sheets: sheets.into_iter().collect(), issues: vec![], cells: HashMap::new(), fig_cols: HashMap::new() };
    let json = r.dataset_json();
    if !r.issues.is_empty() {
        return Err(r.issues);
    }
    let text = serde_json::to_string(&json).unwrap_or_default();
    match parse_dataset(&text) {
        Ok(loaded) => Ok((loaded, text)),
        Err(issues) => Err(issues.into_iter().map(|i| r.to_cell(i)).collect()),
    }
}

/// What a workbook that is no dataset workbook at all is, in one line: one of the explorer's own
/// results workbooks loaded as figures had read as 13 lines of "no sheet named". A workbook with
/// either of the two sheets every dataset workbook has is read, and its missing sheets named.
fn not_a_dataset(sheets: &[(String, Grid)]) -> Option<String> {
    let has = |name: &str| sheets.iter().any(|(n, _)| n == name);
    if has(PARTS[0].sheet) || has(FIGURES) {
        return None;
    }
    // Every results workbook's first sheet names its scenario's link in A3.
    let results = sheets.first().is_some_and(|(_, g)| matches!(g.get(&(2, 0)), Some(Got::Text(t)) if t == "Scenario link"));
    if results {
        return Some("this is one of the explorer's results workbooks (a scenario's figures, to read), not a dataset. To load figures, choose a dataset file, or a dataset workbook from “Making a dataset” below, filled in".into());
    }
    let names: Vec<String> = sheets.iter().take(6).map(|(n, _)| format!("“{n}”")).collect();
    let more = if sheets.len() > 6 { format!(" and {} more", sheets.len() - 6) } else { String::new() };
    Some(format!(
        "this workbook is not a dataset: it has neither a “{}” nor a “{FIGURES}” sheet, which every dataset workbook has (its sheets are {}{more}). Start from a dataset workbook under “Making a dataset” below",
        PARTS[0].sheet,
        names.join(", ")
    ))
}

struct Reader {
    sheets: BTreeMap<String, Grid>,
    issues: Vec<Issue>,
    /// JSON path → the cell it was read from, to place the dataset validation's issues.
    cells: HashMap<String, String>,
    /// The Figures sheet's columns by heading.
    fig_cols: HashMap<&'static str, u16>,
}

/// A row of the Figures sheet.
struct FigRow {
    row: u32,
    cells: HashMap<&'static str, Got>,
}

fn addr(sheet: &str, r: u32, c: u16) -> String {
    let quoted = if sheet.contains(' ') { format!("'{sheet}'") } else { sheet.to_string() };
    format!("{quoted}!{}", cell_name(r, c))
}

fn shown(g: &Got) -> String {
    match g {
        Got::Text(s) => {
            let t: String = s.chars().take(40).collect();
            format!("\"{t}{}\"", if s.chars().count() > 40 { "…" } else { "" })
        }
        Got::Number(n) => format!("the number {n}"),
        Got::Bool(b) => format!("{}", if *b { "TRUE" } else { "FALSE" }),
        Got::Date(_) => "a date".into(),
        Got::Error(e) => format!("the error {e}"),
    }
}

/// The text of a cell as a plain field holds it.
fn as_text(g: &Got) -> String {
    match g {
        Got::Text(s) => s.clone(),
        Got::Number(n) => format!("{n}"),
        Got::Bool(b) => b.to_string(),
        Got::Date(d) => excel_date(*d).unwrap_or_default(),
        Got::Error(e) => e.clone(),
    }
}

/// An Excel date serial (days since 30 December 1899) as "YYYY-MM-DD".
fn excel_date(serial: f64) -> Option<String> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Days since 1970-01-01, then the civil date (Howard Hinnant's algorithm).
    let z = serial.floor() as i64 - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// A decimal from a number cell (its shortest exact text) or from text like "1234.56".
fn as_decimal(g: &Got) -> Option<String> {
    match g {
        Got::Number(n) if n.is_finite() => {
            let t = format!("{n}");
            parse_decimal(&t).map(|d| d.normalize().to_string()).map(|_| t)
        }
        // Written in the dataset's own form ("+100" and ".5" as "100" and "0.5"), which the
        // loader's stricter reading (`parse_amount`) takes as it is.
        Got::Text(s) => parse_decimal(s).map(|d| d.to_string()),
        _ => None,
    }
}

fn what_unit(unit: &str) -> &'static str {
    match unit {
        "gbp" => "an amount",
        "count" => "a count",
        "percent" => "a percentage",
        "rate" => "a rate (0.05 or 5%)",
        _ => "a number",
    }
}

fn set_path(root: &mut Map<String, Value>, path: &str, v: Value) {
    let mut parts = path.split('.').peekable();
    let mut cur = root;
    while let Some(k) = parts.next() {
        if parts.peek().is_none() {
            cur.insert(k.to_string(), v);
            return;
        }
        let next = cur.entry(k.to_string()).or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            *next = Value::Object(Map::new());
        }
        let Value::Object(m) = next else { return };
        cur = m;
    }
}

impl Reader {
    fn issue(&mut self, at: String, message: impl Into<String>) {
        self.issues.push(Issue { path: at, message: message.into() });
    }

    fn dataset_json(&mut self) -> Value {
        let figures = self.figure_rows();
        let mut used: HashSet<(String, String, String)> = HashSet::new();
        let mut root = Map::new();
        for part in PARTS {
            let Some(grid) = self.sheets.get(part.sheet).cloned() else {
                if !part.optional {
                    self.issue(part.sheet.to_string(), format!("the workbook has no sheet named \"{}\" (sheets are found by name)", part.sheet));
                }
                continue;
            };
            match part.kind {
                Kind::Fields => self.fields(part, &grid, &figures, &mut used, &mut root),
                Kind::Table => {
                    let items = self.table(part, &grid, &figures, &mut used);
                    set_path(&mut root, part.path, Value::Array(items));
                }
            }
        }
        for ((sheet, item, field), row) in &figures {
            if !used.contains(&(sheet.clone(), item.clone(), field.clone())) {
                let where_ = if item.is_empty() { format!("field \"{field}\"") } else { format!("item \"{item}\", field \"{field}\"") };
                self.issue(addr(FIGURES, row.row, 0), format!("describes a figure with no value: sheet \"{sheet}\" has no {where_}"));
            }
        }
        Value::Object(root)
    }

    fn figure_rows(&mut self) -> BTreeMap<(String, String, String), FigRow> {
        let mut out = BTreeMap::new();
        let Some(grid) = self.sheets.get(FIGURES).cloned() else {
            self.issue(FIGURES.to_string(), format!("the workbook has no sheet named \"{FIGURES}\" (it says where each figure comes from)"));
            return out;
        };
        let mut cols: HashMap<&'static str, u16> = HashMap::new();
        for (&(r, c), g) in grid.range((0, 0)..(1, 0)) {
            debug_assert_eq!(r, 0);
            if let Some(name) = FIGURE_COLUMNS.iter().find(|n| **n == as_text(g).trim()) {
                cols.insert(*name, c);
            }
        }
        for name in ["sheet", "item", "field", "unit", "status"] {
            if !cols.contains_key(name) {
                self.issue(format!("{FIGURES}!1:1"), format!("no column headed \"{name}\""));
            }
        }
        if !self.issues.is_empty() {
            return out;
        }
        let last = grid.keys().map(|k| k.0).max().unwrap_or(0);
        for r in 1..=last {
            let mut cells = HashMap::new();
            for (name, &c) in &cols {
                if let Some(g) = grid.get(&(r, c)) {
                    cells.insert(*name, g.clone());
                }
            }
            if cells.is_empty() {
                continue;
            }
            let get = |k: &str| cells.get(k).map(as_text).unwrap_or_default();
            let key = (get("sheet"), get("item"), get("field"));
            if key.0.is_empty() || key.2.is_empty() {
                self.issue(addr(FIGURES, r, cols["sheet"]), "a figure's row needs its sheet and field (and, for a table, the item's id)");
                continue;
            }
            if out.contains_key(&key) {
                self.issue(addr(FIGURES, r, cols["field"]), format!("a second row for {} {} {}", key.0, key.1, key.2));
                continue;
            }
            out.insert(key, FigRow { row: r, cells });
        }
        self.fig_cols = cols;
        out
    }

    fn fig_col(&self, name: &str) -> u16 {
        self.fig_cols.get(name).copied().unwrap_or(0)
    }

    /// A figure's object from its value cell and its Figures row.
    fn figure(&mut self, path: &str, value: Option<&Got>, value_at: String, row: &FigRow) -> Option<Value> {
        let get = |k: &str| row.cells.get(k).map(as_text).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let at = |me: &Self, k: &str| addr(FIGURES, row.row, me.fig_col(k));
        for k in ["unit", "status", "source", "ref", "quote", "reason", "note", "approximate", "range_low", "range_high", "range_reason", "formula", "label"] {
            self.cells.insert(format!("{path}.{}", if k.starts_with("range") { "range" } else { k }), at(self, k));
        }
        self.cells.insert(path.to_string(), value_at.clone());
        self.cells.insert(format!("{path}.value"), value_at.clone());
        let mut m = Map::new();
        let unit = get("unit");
        let unit_ok = match unit.as_deref() {
            None => {
                self.issue(at(self, "unit"), format!("empty, but a figure needs its unit (one of {})", UNITS.join(", ")));
                false
            }
            Some(u) if !UNITS.contains(&u) => {
                self.issue(at(self, "unit"), format!("expected one of {}, got \"{u}\"", UNITS.join(", ")));
                false
            }
            Some(_) => true,
        };
        match get("status") {
            None => self.issue(at(self, "status"), format!("empty, but a figure needs its status (one of {})", STATUSES.join(", "))),
            Some(s) if !STATUSES.contains(&s.as_str()) => self.issue(at(self, "status"), format!("expected one of {}, got \"{s}\"", STATUSES.join(", "))),
            Some(s) => {
                m.insert("status".into(), Value::String(s));
            }
        }
        let unit = unit.unwrap_or_default();
        match value {
            None => self.issue(value_at, format!("empty, but this figure needs a value ({})", if unit == "date" { "a date like 2026-03-31" } else { what_unit(&unit) })),
            Some(g) if unit == "date" => match g {
                Got::Date(d) => {
                    m.insert("value".into(), Value::String(excel_date(*d).unwrap_or_default()));
                }
                Got::Text(s) if Date::parse(s.trim()).is_some() => {
                    m.insert("value".into(), Value::String(s.trim().to_string()));
                }
                other => self.issue(value_at, format!("expected a date like 2026-03-31, got {}", shown(other))),
            },
            Some(g) if unit_ok => match as_decimal(g) {
                Some(d) => {
                    m.insert("value".into(), Value::String(d));
                }
                None => self.issue(value_at, format!("expected {}, got {}", what_unit(&unit), shown(g))),
            },
            Some(_) => {}
        }
        m.insert("unit".into(), Value::String(unit.clone()));
        for k in ["source", "ref", "quote", "reason", "note", "label"] {
            if let Some(v) = row.cells.get(k).map(as_text).filter(|s| !s.trim().is_empty()) {
                m.insert(k.into(), Value::String(v));
            }
        }
        match get("approximate").map(|s| s.to_ascii_lowercase()).as_deref() {
            None => {}
            Some("yes" | "true") => {
                m.insert("approximate".into(), Value::Bool(true));
            }
            Some("no" | "false") => {
                m.insert("approximate".into(), Value::Bool(false));
            }
            Some(other) => self.issue(at(self, "approximate"), format!("expected yes or no, got \"{other}\"")),
        }
        let low = row.cells.get("range_low");
        let high = row.cells.get("range_high");
        let why = get("range_reason");
        if low.is_some() || high.is_some() || why.is_some() {
            let mut range = Map::new();
            for (k, g) in [("low", low), ("high", high)] {
                match g.map(|g| (as_decimal(g), g)) {
                    Some((Some(d), _)) => {
                        range.insert(k.into(), Value::String(d));
                    }
                    Some((None, g)) => self.issue(at(self, &format!("range_{k}")), format!("expected a number, got {}", shown(g))),
                    None => self.issue(at(self, &format!("range_{k}")), "empty, but a range needs its low and high ends"),
                }
            }
            if let Some(w) = why {
                range.insert("reason".into(), Value::String(w));
            }
            m.insert("range".into(), Value::Object(range));
        }
        if let Some(f) = get("formula") {
            match serde_json::from_str::<Value>(&f) {
                Ok(v @ Value::Object(_)) => {
                    m.insert("formula".into(), v);
                }
                _ => self.issue(at(self, "formula"), format!("expected a formula written as on the JSON format, like {{\"add\":[\"a.b\",\"c.d\"]}}, got \"{}\"", f.chars().take(40).collect::<String>())),
            }
        }
        Some(Value::Object(m))
    }

    /// A plain (non-figure) field's JSON value.
    fn plain(&mut self, key: &str, g: &Got) -> Value {
        let leaf = key.rsplit('.').next().unwrap_or(key);
        if super::layout::is_integer_field(leaf) {
            if let Got::Number(n) = g {
                if n.fract() == 0.0 && *n >= 0.0 && *n < 4e9 {
                    return Value::from(*n as u64);
                }
            }
        }
        Value::String(as_text(g))
    }

    fn fields(&mut self, part: &Part, grid: &Grid, figures: &BTreeMap<(String, String, String), FigRow>, used: &mut HashSet<(String, String, String)>, root: &mut Map<String, Value>) {
        let last = grid.keys().map(|k| k.0).max().unwrap_or(0);
        for r in 1..=last {
            let Some(field) = grid.get(&(r, 0)).map(as_text).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) else { continue };
            let path = full_path(part.path, &field);
            let value = grid.get(&(r, 1));
            let at = addr(part.sheet, r, 1);
            let key = (part.sheet.to_string(), String::new(), field.clone());
            if let Some(row) = figures.get(&key) {
                used.insert(key);
                if let Some(fig) = self.figure(&path, value, at, row) {
                    set_path(root, &path, fig);
                }
            } else {
                self.cells.insert(path.clone(), at);
                if let Some(g) = value {
                    let v = self.plain(&field, g);
                    set_path(root, &path, v);
                }
            }
        }
        self.cells.entry(part.path.to_string()).or_insert_with(|| format!("{}!A1", part.sheet));
    }

    fn table(&mut self, part: &Part, grid: &Grid, figures: &BTreeMap<(String, String, String), FigRow>, used: &mut HashSet<(String, String, String)>) -> Vec<Value> {
        // Headings: field names, and in a table with years, financial years.
        let mut heads: Vec<(u16, String)> = Vec::new();
        for (&(_, c), g) in grid.range((0, 0)..(1, 0)) {
            let h = as_text(g).trim().to_string();
            let looks_like_year = h.starts_with(|ch: char| ch.is_ascii_digit()) || matches!(g, Got::Number(_) | Got::Date(_));
            match part.years {
                Some(map) if looks_like_year => match Fy::parse_key(&h) {
                    // "2024/25" is read too, and kept as the data files write it.
                    Some(fy) => heads.push((c, format!("{map}.{}", fy.key()))),
                    None => self.issue(addr(part.sheet, 0, c), format!("expected a financial year like 2025-26 as the heading, got {}", shown(g))),
                },
                _ => heads.push((c, h)),
            }
        }
        self.cells.insert(part.path.to_string(), format!("{}!A1", part.sheet));
        let id_col = heads.iter().find(|(_, h)| h == "id").map(|(c, _)| *c);
        let last = grid.keys().map(|k| k.0).max().unwrap_or(0);
        let mut items = Vec::new();
        for r in 1..=last {
            if !heads.iter().any(|(c, _)| grid.contains_key(&(r, *c))) {
                continue;
            }
            let i = items.len();
            let base = format!("{}[{i}]", part.path);
            self.cells.insert(base.clone(), addr(part.sheet, r, 0));
            let id = id_col.and_then(|c| grid.get(&(r, c))).map(as_text).unwrap_or_default();
            let mut item = Map::new();
            for (c, key) in &heads {
                let g = grid.get(&(r, *c));
                let at = addr(part.sheet, r, *c);
                let fkey = (part.sheet.to_string(), id.clone(), key.clone());
                if let Some(row) = figures.get(&fkey) {
                    used.insert(fkey);
                    let path = format!("{base}.{key}");
                    if let Some(fig) = self.figure(&path, g, at, row) {
                        set_path(&mut item, key, fig);
                    }
                } else if let Some(year) = part.years.and_then(|m| key.strip_prefix(m)).and_then(|y| y.strip_prefix('.')) {
                    self.cells.insert(format!("{base}.{}[{year}]", part.years.unwrap_or_default()), at.clone());
                    match g.map(|g| (as_decimal(g), g)) {
                        None => {}
                        Some((Some(d), _)) => set_path(&mut item, key, Value::String(d)),
                        Some((None, g)) => self.issue(at, format!("expected an amount, got {}", shown(g))),
                    }
                } else {
                    self.cells.insert(format!("{base}.{key}"), at);
                    if let Some(g) = g {
                        let v = self.plain(key, g);
                        set_path(&mut item, key, v);
                    }
                }
            }
            items.push(Value::Object(item));
        }
        items
    }

    /// Places an issue from the dataset validation at the cell its path was read from.
    fn to_cell(&self, i: Issue) -> Issue {
        let mut p = i.path.as_str();
        let message = if i.message == "missing field" { "empty, but required".to_string() } else { i.message.clone() };
        loop {
            if let Some(cell) = self.cells.get(p) {
                let what = if i.path.is_empty() { String::new() } else { format!(" ({})", i.path) };
                return Issue { path: cell.clone(), message: format!("{message}{what}") };
            }
            match p.rfind(['.', '[']) {
                Some(k) => p = &p[..k],
                None => return Issue { path: i.path, message },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_dates() {
        assert_eq!(excel_date(46112.0).as_deref(), Some("2026-03-31"));
        assert_eq!(excel_date(1.0).as_deref(), Some("1899-12-31"));
        assert_eq!(excel_date(0.0), None);
    }

    #[test]
    fn decimals_from_cells() {
        assert_eq!(as_decimal(&Got::Number(17234567.89)).as_deref(), Some("17234567.89"));
        assert_eq!(as_decimal(&Got::Number(0.035)).as_deref(), Some("0.035"));
        assert_eq!(as_decimal(&Got::Text(" 12.5 ".into())).as_deref(), Some("12.5"));
        assert_eq!(as_decimal(&Got::Text("12,5".into())), None);
        assert_eq!(as_decimal(&Got::Text("£12".into())), None);
    }
}
