//! A small CSV writer for the data tables behind the charts (RFC 4180: comma separated, CRLF line
//! ends, fields quoted when they hold a comma, quote or line break, quotes doubled).
//!
//! Amounts are written as plain decimal numbers for spreadsheets: a table cell shown as
//! "£6,100,000" or "−£1,234.50" becomes `6100000` or `-1234.50` (exact, to the penny as shown;
//! no currency sign, no thousands separators, an ASCII minus). Other cells (years, "yes",
//! percentages, rounded "£13.7m" figures) are written as shown. A text cell that a spreadsheet
//! would run as a formula (starting `=`, `+`, `@`, or `-` when it is not a number) is written with
//! a leading apostrophe.
//!
//! Written by hand rather than with the `csv` crate: the writing side is a dozen lines, and the
//! wasm bundle stays smaller.

/// One field, quoted if it must be.
pub fn field(s: &str) -> String {
    let s = defuse(s);
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// One record, ended by CRLF.
pub fn record<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = cells.iter().map(|c| field(c.as_ref())).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

/// A header row then the rows, each cell as given.
pub fn write<S: AsRef<str>>(headers: &[S], rows: &[Vec<String>]) -> String {
    let mut out = record(headers);
    for r in rows {
        out.push_str(&record(r));
    }
    out
}

/// A data table as CSV, with shown amounts written as plain numbers (see the module notes).
pub fn table<S: AsRef<str>>(headers: &[S], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| plain_amount(c).unwrap_or_else(|| c.clone())).collect()).collect();
    write(headers, &rows)
}

/// "£6,100,000" → "6100000"; "−£1,234.50" → "-1234.50"; a difference's "+£14,009,560.13" →
/// "14009560.13". `None` for anything that is not an amount in whole pounds or pounds and pence
/// as `money::gbp` writes it.
pub fn plain_amount(cell: &str) -> Option<String> {
    let t = cell.trim();
    let (neg, rest) = match t.strip_prefix('−').or_else(|| t.strip_prefix('-')) {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let rest = rest.strip_prefix('£')?;
    let (whole, frac) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    // Whole pounds: digits in groups of three separated by commas, or plain digits.
    if whole.is_empty() || whole.starts_with(',') || whole.ends_with(',') || !whole.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return None;
    }
    if whole.contains(',') && !whole.split(',').skip(1).all(|g| g.len() == 3) {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    let mut out = String::new();
    let digits: String = whole.chars().filter(|c| *c != ',').collect();
    let is_zero = digits.chars().all(|c| c == '0') && frac.is_none_or(|f| f.chars().all(|c| c == '0'));
    if neg && !is_zero {
        out.push('-');
    }
    out.push_str(&digits);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

fn is_number(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.') && s.chars().filter(|c| *c == '.').count() <= 1 && !s.starts_with('.') && !s.ends_with('.')
}

/// Text a spreadsheet would read as a formula gets a leading apostrophe.
fn defuse(s: &str) -> String {
    let risky = match s.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => !is_number(s),
        _ => false,
    };
    if risky { format!("'{s}") } else { s.to_string() }
}
