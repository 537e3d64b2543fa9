//! The only place that knows the .xlsx format: a [`Book`] description to file bytes
//! (`rust_xlsxwriter`), and file bytes to a grid of cells per sheet (`calamine`). In the browser
//! this runs in the workbook worker (`src/bin/workbook_worker.rs`), never in the first view.

use super::spec::{Book, Fmt, Rule, Value};
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, Formula, Workbook};
use std::collections::BTreeMap;

fn format_of(f: Fmt) -> Format {
    let base = Format::new();
    match f {
        Fmt::Plain => base,
        Fmt::Head => base.set_bold().set_text_wrap(),
        Fmt::Title => base.set_bold().set_font_size(14),
        Fmt::Wrap => base.set_text_wrap(),
        other => base.set_num_format(other.number_format().unwrap_or("General")),
    }
}

/// Writes the book as .xlsx bytes.
pub fn write(book: &Book) -> Result<Vec<u8>, String> {
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut wb = Workbook::new();
    for sheet in &book.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name).map_err(e)?;
        for &(c, w) in &sheet.widths {
            ws.set_column_width(c, w).map_err(e)?;
        }
        for cell in &sheet.cells {
            let fmt = format_of(cell.f);
            match &cell.v {
                Value::Text { s } => ws.write_string_with_format(cell.r, cell.c, s, &fmt).map(|_| ()),
                Value::Number { n } => ws.write_number_with_format(cell.r, cell.c, *n, &fmt).map(|_| ()),
                Value::Formula { f, n } => ws.write_formula_with_format(cell.r, cell.c, Formula::new(f).set_result(format!("{n}")), &fmt).map(|_| ()),
            }
            .map_err(e)?;
        }
        for v in &sheet.validations {
            let dv = match &v.rule {
                Rule::List(items) => DataValidation::new().allow_list_strings(items.as_slice()).map_err(e)?,
                Rule::Decimal => DataValidation::new()
                    .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
                    .set_error_message("Type a number, without a £ sign or commas (for example 1234567.89).")
                    .map_err(e)?,
            };
            ws.add_data_validation(v.r1, v.c1, v.r2, v.c2, &dv).map_err(e)?;
        }
        if let Some((r, c)) = sheet.freeze {
            ws.set_freeze_panes(r, c).map_err(e)?;
        }
    }
    wb.save_to_buffer().map_err(e)
}

/// A cell as read from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Got {
    Text(String),
    Number(f64),
    Bool(bool),
    /// An Excel date: days since 30 December 1899.
    Date(f64),
    /// An error value such as #DIV/0!.
    Error(String),
}

/// One sheet's cells by (row, column), 0-based, empty cells left out.
pub type Grid = BTreeMap<(u32, u16), Got>;

/// Reads every sheet of an .xlsx file, in the workbook's order.
pub fn read(bytes: &[u8]) -> Result<Vec<(String, Grid)>, String> {
    use calamine::{Data, Reader};
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|e| format!("the file is not an Excel workbook (.xlsx) that can be read: {e}"))?;
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).map_err(|e| format!("{name}: the sheet could not be read: {e}"))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut grid = Grid::new();
        for (r, c, v) in range.used_cells() {
            let got = match v {
                Data::Empty => continue,
                Data::String(s) if s.trim().is_empty() => continue,
                Data::String(s) => Got::Text(s.clone()),
                Data::Int(i) => Got::Number(*i as f64),
                Data::Float(f) => Got::Number(*f),
                Data::Bool(b) => Got::Bool(*b),
                Data::DateTime(d) => Got::Date(d.as_f64()),
                Data::DateTimeIso(s) | Data::DurationIso(s) => Got::Text(s.clone()),
                Data::Error(e) => Got::Error(e.to_string()),
            };
            let Ok(col) = u16::try_from(c0 as usize + c) else { continue };
            grid.insert((r0 + r as u32, col), got);
        }
        out.push((name, grid));
    }
    Ok(out)
}
