//! A workbook described as plain data: sheets of typed cells, number formats, formulas with their
//! computed values, column widths and data validation. The pages build this description (cheap,
//! no Excel code); `xlsx::write` turns it into an .xlsx file, in a web worker in the browser, so
//! the Excel crates stay out of the first view's wasm. It travels to the worker as JSON.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Book {
    pub sheets: Vec<Sheet>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Sheet {
    pub name: String,
    pub cells: Vec<Cell>,
    /// (column, width in characters).
    #[serde(default)]
    pub widths: Vec<(u16, f64)>,
    #[serde(default)]
    pub validations: Vec<Validation>,
    /// Rows and columns kept in view when scrolling (headings).
    #[serde(default)]
    pub freeze: Option<(u32, u16)>,
}

/// One cell; rows and columns count from 0 (A1 is (0, 0)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub r: u32,
    pub c: u16,
    pub v: Value,
    #[serde(default)]
    pub f: Fmt,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t")]
pub enum Value {
    Text { s: String },
    Number { n: f64 },
    /// A formula ("=SUM(B2:B5)") with the value the model computed, which is written with it so
    /// a reader that does not recalculate still sees the number.
    Formula { f: String, n: f64 },
}

/// Number formats and styles the workbooks use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Fmt {
    #[default]
    Plain,
    /// Column and row headings.
    Head,
    /// A sheet's title line.
    Title,
    /// Pounds to the penny.
    Gbp,
    /// Pounds, whole (results: the exact value is kept, only the display rounds).
    GbpWhole,
    /// A fraction shown as a percentage: 0.05 → 5.0%.
    Rate,
    /// A number already in percent: 46 → 46%.
    Points,
    /// A whole count with thousands separators.
    Count,
    /// A count that may be fractional (projected EHCPs).
    Count1,
    /// Long text, wrapped.
    Wrap,
}

impl Fmt {
    /// The Excel number format; `None` for text styles.
    pub fn number_format(self) -> Option<&'static str> {
        match self {
            Fmt::Gbp => Some("£#,##0.00;-£#,##0.00"),
            Fmt::GbpWhole => Some("£#,##0;-£#,##0"),
            Fmt::Rate => Some("0.0##%"),
            Fmt::Points => Some("0.0##\"%\""),
            Fmt::Count => Some("#,##0"),
            Fmt::Count1 => Some("#,##0.0"),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Validation {
    pub r1: u32,
    pub c1: u16,
    pub r2: u32,
    pub c2: u16,
    pub rule: Rule,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Rule {
    /// A drop-down of these values.
    List(Vec<String>),
    /// Any decimal number.
    Decimal,
}

/// The nearest binary number to an exact decimal, as Excel stores numbers. Parsing the decimal's
/// text gives the correctly rounded one (a cast through integers might not).
pub fn f64_of(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

/// Whether `d` survives the trip through an Excel number exactly (read back as the shortest text
/// of the binary number): up to 15 significant digits always do.
pub fn exact_in_f64(d: Decimal) -> bool {
    let text = format!("{}", f64_of(d));
    Decimal::from_str_exact(&text).map(|back| back == d).unwrap_or(false)
}

/// "A1"-style name of a cell (0-based row and column).
pub fn cell_name(r: u32, c: u16) -> String {
    format!("{}{}", column_name(c), r + 1)
}

pub fn column_name(c: u16) -> String {
    let mut n = c as u32 + 1;
    let mut s = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        s.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

impl Sheet {
    pub fn new(name: &str) -> Sheet {
        Sheet { name: name.to_string(), ..Sheet::default() }
    }
    pub fn text(&mut self, r: u32, c: u16, s: impl Into<String>, f: Fmt) {
        let s = s.into();
        if !s.is_empty() {
            self.cells.push(Cell { r, c, v: Value::Text { s }, f });
        }
    }
    pub fn num(&mut self, r: u32, c: u16, d: Decimal, f: Fmt) {
        self.cells.push(Cell { r, c, v: Value::Number { n: f64_of(d) }, f });
    }
    pub fn formula(&mut self, r: u32, c: u16, formula: impl Into<String>, value: Decimal, f: Fmt) {
        self.cells.push(Cell { r, c, v: Value::Formula { f: formula.into(), n: f64_of(value) }, f });
    }
    pub fn width(&mut self, c: u16, w: f64) {
        self.widths.push((c, w));
    }
    /// The cell at (r, c), if written (for tests).
    pub fn at(&self, r: u32, c: u16) -> Option<&Value> {
        self.cells.iter().rev().find(|x| x.r == r && x.c == c).map(|x| &x.v)
    }
}

impl Book {
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::money::lit;

    #[test]
    fn column_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(5, 3), "D6");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
    }

    #[test]
    fn decimals_that_survive_excel() {
        assert!(exact_in_f64(lit("17234567.89")));
        assert!(exact_in_f64(lit("0.035")));
        assert!(!exact_in_f64(lit("1234567890.123456789")));
    }
}
