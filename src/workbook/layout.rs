//! The input workbook's layout: which part of the dataset goes on which sheet, shared by the
//! writer (`input.rs`) and the reader (`read.rs`) so the two cannot drift apart.
//!
//! Two kinds of sheet. A *fields* sheet lists one object's fields, a row each: column A the field
//! (a dotted path inside the object, e.g. `reserves.general_fund`), column B the value, column C
//! what it is. A *table* sheet lists a list of objects, a row each, with a heading per field; in
//! Schemes, headings that are financial years ("2025-26") are the spending profile. A figure's
//! value sits where its field is; its provenance (unit, status, source, reference, reason...)
//! is a row of the *Figures* sheet, found by sheet, item id and field.

pub const INSTRUCTIONS: &str = "Instructions";
pub const FIGURES: &str = "Figures";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Fields,
    Table,
}

#[derive(Debug, Clone, Copy)]
pub struct Part {
    pub sheet: &'static str,
    /// Where the part sits in the dataset ("" is the top level).
    pub path: &'static str,
    pub kind: Kind,
    /// Fields of a fields sheet that have sheets of their own.
    pub skip: &'static [&'static str],
    /// A table's columns, in order (more may follow: fields a file has beyond these).
    pub columns: &'static [&'static str],
    /// The list may be absent from a dataset (then so may the sheet).
    pub optional: bool,
    /// Headings that are financial years fill this map field (Schemes: "profile").
    pub years: Option<&'static str>,
    pub about: &'static str,
}

const fn fields(sheet: &'static str, path: &'static str, skip: &'static [&'static str], about: &'static str) -> Part {
    Part { sheet, path, kind: Kind::Fields, skip, columns: &[], optional: false, years: None, about }
}
const fn table(sheet: &'static str, path: &'static str, columns: &'static [&'static str], about: &'static str) -> Part {
    Part { sheet, path, kind: Kind::Table, skip: &[], columns, optional: false, years: None, about }
}

pub const PARTS: &[Part] = &[
    fields("Dataset", "", &["documents", "budget", "savings", "high_needs", "capital"], "Which council, which figures: the id and version that links name, the base year (\"2024-25\") and the date of the latest paper."),
    table("Documents", "documents", &["id", "title", "date", "body", "url", "note"], "The papers figures cite: a row each. A published figure's Source (on Figures) is an id from here."),
    fields("Budget", "budget", &[], "The revenue budget of the base year, its in-year forecast and the reserves."),
    fields("Savings", "savings", &["directorates"], "The savings programme: target and how much is delivered, on target and at risk."),
    table("Directorates", "savings.directorates", &["id", "name", "target", "delivered", "on_target", "at_risk"], "Savings by directorate, where the papers give them."),
    fields("High needs", "high_needs", &["ehcp_groups", "placement_costs", "forecasts", "model"], "The DSG high-needs block as published: the deficit, the override's end, shares and grants."),
    table("EHCP groups", "high_needs.ehcp_groups", &["id", "name", "count"], "EHCP counts by placement as published."),
    table("Placement costs", "high_needs.placement_costs", &["id", "name", "year", "amount", "count"], "Placement costs the papers give."),
    table("Forecasts", "high_needs.forecasts", &["id", "made", "for_date", "amount", "qualifier", "kind", "in_year", "reading", "label"], "Every published forecast (or actual) of the cumulative deficit, with the date it was made."),
    fields("Model", "high_needs.model", &["placements"], "The high-needs model's base-year inputs: income, growth, inflation, other spend, the schools block."),
    table("Placements", "high_needs.model.placements", &["id", "name", "kind", "count", "average_cost", "growth"], "The placement types the model projects: caseload (count), average yearly cost and yearly growth."),
    fields("Capital", "capital", &["schemes", "excluded"], "The capital programme and its in-year revision."),
    Part {
        years: Some("profile"),
        ..table("Schemes", "capital.schemes", &["id", "name", "category", "funding", "funding_status", "total", "asset_life"], "Capital schemes: a row each, spending by financial year in the year columns (they must add up to the total).")
    },
    Part { optional: true, ..table("Excluded", "capital.excluded", &["id", "name", "amount", "why"], "Amounts that look like capital but are not modelled as schemes, each with why.") },
];

/// The Figures sheet's columns.
pub const FIGURE_COLUMNS: &[&str] = &["sheet", "item", "field", "unit", "status", "source", "ref", "quote", "reason", "note", "approximate", "range_low", "range_high", "range_reason", "formula", "label"];

pub const UNITS: &[&str] = &["gbp", "count", "percent", "rate", "date"];
pub const STATUSES: &[&str] = &["published", "derived", "assumption"];

/// Fields whose JSON is a whole number rather than text.
pub fn is_integer_field(key: &str) -> bool {
    matches!(key, "schema_version" | "asset_life")
}

/// Drop-down choices for a column of plain text, from the dataset's enums.
pub fn table_choices(part: &Part, key: &str) -> Option<Vec<&'static str>> {
    use crate::data::dataset::{Funding, PlacementKind, VintageKind};
    use crate::data::figure::Status;
    match (part.sheet, key) {
        ("Placements", "kind") => Some(PlacementKind::ALL.iter().map(|x| x.as_str()).collect()),
        ("Forecasts", "kind") => Some(VintageKind::ALL.iter().map(|x| x.as_str()).collect()),
        (_, "funding") => Some(Funding::ALL.iter().map(|x| x.as_str()).collect()),
        (_, "funding_status") => Some(Status::ALL.iter().map(|x| x.as_str()).collect()),
        _ => None,
    }
}

pub fn part_by_sheet(sheet: &str) -> Option<&'static Part> {
    PARTS.iter().find(|p| p.sheet == sheet)
}

/// The JSON path of a field of a part: `high_needs.model` + `income` → `high_needs.model.income`.
pub fn full_path(base: &str, rel: &str) -> String {
    if base.is_empty() {
        rel.to_string()
    } else if rel.is_empty() {
        base.to_string()
    } else {
        format!("{base}.{rel}")
    }
}
