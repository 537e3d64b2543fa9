//! Checks that need the whole dataset: citations, formulas, reconciliation, unique ids.

use super::dataset::{Dataset, SCHEMA_VERSION};
use super::figure::{FigureRecord, Status};
use super::json::{Ctx, Issue};
use crate::units::calendar::{Date, Fy};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashSet};

/// The highest interest rate a file may set (the rate levers' top, 15%), as a fraction.
const MAX_RATE: Decimal = Decimal::from_parts(15, 0, 0, false, 2);

/// `base_year` as the year it names ("2024-25"), or what is wrong with it. Also asked of a file
/// whose shape is wrong, so its bad base year is listed with the rest (it had been reported only
/// once the rest was put right).
pub fn base_year_key(text: &str) -> Result<Fy, String> {
    match Fy::parse_key(text) {
        Some(base) if base.key() == text => Ok(base),
        _ => Err(format!("expected a financial year like \"2024-25\", got \"{text}\"")),
    }
}

/// The fields of a dataset after `base_year`, in the order they are read.
const AFTER_BASE_YEAR: &[&str] = &["as_of", "documents", "budget", "savings", "high_needs", "capital"];

/// Where an issue goes to keep the list in field order: before the first issue under one of the
/// `later` top-level fields (at the end if none).
pub fn before_fields(issues: &[super::json::Issue], later: &[&str]) -> usize {
    issues.iter().position(|i| later.contains(&i.path.split(['.', '[']).next().unwrap_or(""))).unwrap_or(issues.len())
}

/// Puts what is wrong with `base_year` where reading the file in field order would have: before
/// any issue of a later field (a file's reading issues, if any, are already in `cx`).
pub fn base_year_issue(cx: &mut Ctx, why: String) {
    let at = before_fields(&cx.issues, AFTER_BASE_YEAR);
    cx.issues.insert(at, super::json::Issue { path: "base_year".into(), message: why });
}

/// All checks after reading; adds issues to `cx`.
pub fn check(ds: &Dataset, cx: &mut Ctx) {
    // The base year the profiles are checked against: only one that agrees with the file's
    // own dates (a base year of 2099-00 would put every profile year out of range).
    let before = cx.issues.len();
    let base = match base_year_key(&ds.base_year) {
        Ok(base) => {
            base_year_agrees(ds, base, cx);
            Some(base).filter(|_| cx.issues.len() == before)
        }
        Err(why) => {
            base_year_issue(cx, why);
            None
        }
    };
    unique_ids(ds.documents.iter().map(|d| d.id.as_str()), "documents", cx);
    papers_by_as_of(ds, cx);
    unique_ids(ds.high_needs.model.placements.iter().map(|p| p.id.as_str()), "high_needs.model.placements", cx);
    unique_ids(ds.capital.schemes.iter().map(|s| s.id.as_str()), "capital.schemes", cx);
    unique_ids(ds.high_needs.forecasts.iter().map(|s| s.id.as_str()), "high_needs.forecasts", cx);
    if ds.high_needs.model.placements.is_empty() {
        cx.issue("high_needs.model.placements", "needs at least one placement type");
    }
    modelled_rates(ds, cx);

    let docs: HashSet<&str> = ds.documents.iter().map(|d| d.id.as_str()).collect();
    let figures = std::mem::take(&mut cx.figures);
    // No papers at all: one line, not one per figure that cites one (a file gave 71).
    let citing: Vec<&FigureRecord> = figures.iter().filter(|f| f.source.is_some()).collect();
    if let Some(first) = citing.first().filter(|_| docs.is_empty()) {
        let cites = format!("{} cites \"{}\"", first.path, first.source.as_deref().unwrap_or_default());
        let who = match citing.len() {
            1 => cites,
            n => format!("{} figures cite one, the first {cites}", crate::units::money::thousands(n)),
        };
        cx.issue("documents", format!("lists no papers, but {who}: list each paper here, with the id its figures cite"));
    }
    for f in &figures {
        if let Some(src) = &f.source {
            if !docs.is_empty() && !docs.contains(src.as_str()) {
                cx.issue(&format!("{}.source", f.path), format!("\"{src}\" is not the id of any paper listed in documents"));
            }
        }
        if f.unit == "count" {
            if let Some(n) = f.number {
                if n.fract() != Decimal::ZERO {
                    cx.issue(&format!("{}.value", f.path), format!("expected a whole count, got {n}"));
                }
            }
        }
    }
    check_formulas(&figures, cx);
    cx.figures = figures;

    // The override ends with a financial year (the law's dates are all a 31 March); the model
    // counts it by whole years, so another day was moved to the 31 March before it without a
    // word while the pages still gave the paper's date.
    let end = ds.high_needs.override_end.value;
    if (end.month, end.day) != (3, 31) {
        cx.issue("high_needs.override_end.value", format!("expected a 31 March (the override ends with a financial year), got {}", end.long()));
    }
    // A placement cost's year is a financial year, written as the format's keys are.
    for (i, c) in ds.high_needs.placement_costs.iter().enumerate() {
        if Fy::parse_key(&c.year).is_none_or(|fy| fy.key() != c.year) {
            cx.issue(&format!("high_needs.placement_costs[{i}].year"), format!("expected a financial year like \"2025-26\", got \"{}\"", c.year));
        }
    }
    // A file's own rates set the levers' defaults: within the levers' range, as a link's are.
    let rates = [("high_needs.model.deficit_interest_rate", &ds.high_needs.model.deficit_interest_rate), ("capital.borrowing_rate", &ds.capital.borrowing_rate)];
    for (path, rate) in rates {
        if let Some(r) = rate.as_ref().map(|f| f.value).filter(|r| *r < Decimal::ZERO || *r > MAX_RATE) {
            // A percentage written as one ("5" for 5%) is the likely slip: say how it is written.
            let hint = if r >= Decimal::ONE && r <= Decimal::from(15) { format!(" (a rate is a fraction: {}% is written {})", r.normalize(), (r / Decimal::from(100)).normalize()) } else { String::new() };
            cx.issue(&format!("{path}.value"), format!("expected a yearly rate from 0 to {MAX_RATE} (15%), got {r}{hint}"));
        }
    }

    for (i, s) in ds.capital.schemes.iter().enumerate() {
        let path = format!("capital.schemes[{i}]");
        // The model takes a life of 1 to 100 years (the cap.life lever's range): 0 was costed
        // as one year without a word, 100,000 as 100.
        if let Some(life) = s.asset_life.filter(|l| !(1..=100).contains(l)) {
            cx.issue(&format!("{path}.asset_life"), format!("expected a life of 1 to 100 years, got {life}"));
        }
        // Checked arithmetic: absurd amounts in a file must give an issue, never a panic.
        let mut sum = Some(Decimal::ZERO);
        for (year, amount) in &s.profile {
            match Fy::parse_key(year) {
                // Written as the format's keys are ("2025-26"): "2025/26" beside "2025-26" was
                // read as the same year, and one of the two amounts was lost without a word. (A
                // key given twice as written is refused as a repeated key when the file is read.)
                Some(fy) if fy.key() == *year => {
                    // A year typed wrong (1900-01, 2099-00) would stretch every capital table.
                    if let Some(b) = base.filter(|b| fy.0 < b.0 - PROFILE_BEFORE || fy.0 > b.0 + PROFILE_AFTER) {
                        cx.issue(&format!("{path}.profile[{year}]"), format!("{} is more than {PROFILE_BEFORE} years before or {PROFILE_AFTER} years after the base year {}", fy.label(), b.label()));
                    }
                }
                _ => cx.issue(&format!("{path}.profile[{year}]"), "expected a financial year like \"2025-26\" as the key"),
            }
            // Spend planned in a year is never below zero (the model refuses to make it so).
            if *amount < Decimal::ZERO {
                cx.issue(&format!("{path}.profile[{year}]"), format!("spend in a year cannot be negative, got {}", crate::units::money::gbp(*amount)));
            }
            sum = sum.and_then(|t| t.checked_add(*amount));
        }
        match sum {
            _ if s.profile.is_empty() => {}
            None => cx.issue(&format!("{path}.profile"), "the years sum to more than can be represented"),
            Some(sum) if sum != s.total.value => {
                cx.issue(&format!("{path}.profile"), format!("the years sum to {} but total is {}", crate::units::money::gbp(sum), crate::units::money::gbp(s.total.value)))
            }
            Some(_) => {}
        }
    }
}

/// How far from the base year a scheme's profile may run: its past spend, and the years ahead.
pub const PROFILE_BEFORE: i32 = 10;
pub const PROFILE_AFTER: i32 = 30;

/// The file's own yearly rates within what the explorer models (`limits`): the High needs page
/// would otherwise bring one into range, and the Overview use it, with no word to the reader.
fn modelled_rates(ds: &Dataset, cx: &mut Ctx) {
    use super::limits::{COST_INFLATION_PCT, EHCP_GROWTH_PCT, INCOME_GROWTH_PCT};
    let m = &ds.high_needs.model;
    let mut check = |path: String, what: &str, rate: Decimal, (low, high): (i64, i64)| {
        // An absurd amount would overflow in percent: it is out of range either way.
        let pct = rate.checked_mul(Decimal::ONE_HUNDRED);
        if pct.is_none_or(|p| p < Decimal::from(low) || p > Decimal::from(high)) {
            let sign = |n: i64| if n < 0 { format!("−{}", -n) } else { n.to_string() };
            // Unrounded: 40.0001% rounded would read as inside the range it is refused by.
            let given = pct.map(|p| format!("{}%", p.normalize().to_string().replace('-', "−"))).unwrap_or_else(|| format!("{} (as a fraction)", rate.normalize()));
            cx.issue(&format!("{path}.value"), format!("{what} of {given} a year is outside the {}% to {}% a year the explorer models", sign(low), sign(high)));
        }
    };
    for (i, p) in m.placements.iter().enumerate() {
        check(format!("high_needs.model.placements[{i}].growth"), "a growth", p.growth.value, EHCP_GROWTH_PCT);
    }
    check("high_needs.model.cost_inflation".into(), "cost inflation", m.cost_inflation.value, COST_INFLATION_PCT);
    check("high_needs.model.income_growth".into(), "income growth", m.income_growth.value, INCOME_GROWTH_PCT);
    // The schools block grows at the income's rate unless the file gives its own: held to the same.
    if let Some(g) = &m.schools_block_growth {
        check("high_needs.model.schools_block_growth".into(), "schools block growth", g.value, INCOME_GROWTH_PCT);
    }
}

/// A difference between two percentages.
fn unit_points(d: Decimal) -> String {
    let d = crate::units::money::round_display(d, 2).normalize();
    format!("{d} percentage point{}", if d.abs() == Decimal::ONE { "" } else { "s" })
}

/// The base year against the file's own dates. A reviewer's file with `base_year` one year
/// late loaded without a word and compared forecasts for different dates; one of 2099-00
/// answered for 31 March 2100.
fn base_year_agrees(ds: &Dataset, base: Fy, cx: &mut Ctx) {
    let as_of = ds.as_of.fy();
    if base.0 > as_of.0 + 1 {
        cx.issue("base_year", format!("{} begins after the year following as_of ({}, in {}); the base year is the year the figures are for", base.key(), ds.as_of.long(), as_of.key()));
        return;
    }
    // The opening and closing deficits the file gives, each against the forecasts: one that is
    // a forecast's figure for another date, where none gives it for the base year's own date,
    // says the base year is not the year those figures are for.
    let hn = &ds.high_needs;
    for (field, amount, date, opens) in [
        ("high_needs.deficit_brought_forward", hn.deficit_brought_forward.value, base.prev().end(), true),
        ("high_needs.deficit_year_end", hn.deficit_year_end.value, base.end(), false),
    ] {
        let points = || hn.forecasts.iter().enumerate().filter(|(_, f)| f.qualifier.is_none() && f.amount.value == amount);
        // A zero (a template's placeholder, or no deficit) says nothing about a date.
        if amount.is_zero() || points().any(|(_, f)| f.for_date == date) {
            continue;
        }
        // Only a date one year off, the slip this catches: a deficit that stays level can
        // repeat a figure at other dates of a file with no forecast for the base year.
        let Some((i, f)) = points().find(|(_, f)| f.for_date == Fy(date.fy().0 - 1).end() || f.for_date == Fy(date.fy().0 + 1).end()) else { continue };
        let y = f.for_date.fy();
        let guess = if y.end() != f.for_date {
            String::new()
        } else if opens {
            format!(" (is it {}?)", y.next().key())
        } else {
            format!(" (is it {}?)", y.key())
        };
        cx.issue(
            "base_year",
            format!(
                "{} {} on {}, but {field} ({}) is the figure high_needs.forecasts[{i}] gives for {}{guess}",
                base.key(),
                if opens { "opens" } else { "ends" },
                if opens { Date::new(base.0, 4, 1).map(|d| d.long()).unwrap_or_default() } else { base.end().long() },
                crate::units::money::gbp(amount),
                f.for_date.long()
            ),
        );
        return;
    }
    // Spend to date is measured within the year the figures are for, and reported by `as_of`: a
    // later vintage that kept an earlier "end of June 2025" read so on its Capital page (a
    // trial's 2027-28 file). A text naming a month in that span passes ("June 2025 outturn
    // report, year to 31 March 2025"); one naming no month is not read.
    let months = Date::months_named(&ds.capital.spend_point);
    let start = Fy(base.0 - 1).end();
    let by = ds.as_of.max(base.end());
    if !months.is_empty() && !months.iter().any(|m| *m > start && *m <= by) {
        cx.issue(
            "capital.spend_point",
            format!(
                "\"{}\" names {}, outside the base year {} (spend to date is measured within the year the figures are for)",
                ds.capital.spend_point,
                months[0].month_year(),
                base.key()
            ),
        );
    }
}

/// `as_of` is the date of the latest paper cited: a paper dated after it is a slip in one of the
/// two dates, and the file would call its figures older than one of its own papers. A paper
/// known only to its month is after `as_of` only in a later month.
fn papers_by_as_of(ds: &Dataset, cx: &mut Ctx) {
    let month = |d: &Date| (d.year, d.month);
    for (i, d) in ds.documents.iter().enumerate() {
        let later = if d.month_only() { month(&d.date) > month(&ds.as_of) } else { d.date > ds.as_of };
        if later {
            cx.issue(
                &format!("documents[{i}].date"),
                format!("{} is after as_of ({}), which is the date of the latest paper cited: is one of the two dates wrong?", d.when(), ds.as_of.long()),
            );
        }
    }
}

/// The schema version is checked first: a file of another version is not read further.
pub fn check_version(v: &serde_json::Value) -> Result<(), Issue> {
    // Not a dataset at all: said as such, not as a missing version.
    if !v.is_object() {
        let got = match v {
            serde_json::Value::Array(_) => "a list",
            serde_json::Value::String(_) => "a piece of text",
            serde_json::Value::Number(_) => "a number",
            serde_json::Value::Bool(_) => "true or false",
            _ => "null",
        };
        return Err(Issue { path: String::new(), message: format!("expected a dataset (a JSON object, {{ … }}), but the file holds {got}") });
    }
    match v.get("schema_version").and_then(|x| x.as_u64()) {
        Some(n) if n == SCHEMA_VERSION as u64 => Ok(()),
        Some(n) => Err(Issue { path: "schema_version".into(), message: format!("this file is schema version {n}; this app reads version {SCHEMA_VERSION}") }),
        None => Err(Issue { path: "schema_version".into(), message: format!("missing or not a number (expected {SCHEMA_VERSION})") }),
    }
}

fn unique_ids<'a>(ids: impl Iterator<Item = &'a str>, path: &str, cx: &mut Ctx) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            cx.issue(&format!("{path}[{i}].id"), format!("id \"{id}\" is used twice"));
        }
    }
}

/// Derived figures must equal their formula; published figures with a formula must reconcile.
fn check_formulas(figures: &[FigureRecord], cx: &mut Ctx) {
    // Inserted one by one: collecting into a BTreeMap sorts, which compiles a sort.
    let mut by_path: BTreeMap<&str, &FigureRecord> = BTreeMap::new();
    for f in figures {
        by_path.insert(f.path.as_str(), f);
    }
    for f in figures {
        let Some(formula) = &f.formula else { continue };
        let fpath = format!("{}.formula", f.path);
        let lookup = |p: &str, cx: &mut Ctx| -> Option<Decimal> {
            match by_path.get(p) {
                Some(r) if r.number.is_some() => r.number,
                Some(_) => {
                    cx.issue(&fpath, format!("refers to {p}, which is not a number"));
                    None
                }
                None => {
                    cx.issue(&fpath, format!("refers to {p}, which is not a figure in this file"));
                    None
                }
            }
        };
        let Some(value) = f.number else { continue };
        let tolerance = formula.tolerance.unwrap_or(Decimal::ZERO);
        let expected = if let (Some(part), Some(whole)) = (&formula.part, &formula.whole) {
            let (Some(p), Some(w)) = (lookup(part, cx), lookup(whole, cx)) else { continue };
            if w.is_zero() {
                cx.issue(&fpath, format!("{whole} is zero, so a share of it is undefined"));
                continue;
            }
            match p.checked_div(w).and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED)) {
                Some(x) => x,
                None => {
                    cx.issue(&fpath, format!("{part} / {whole} × 100 is too large to compute"));
                    continue;
                }
            }
        } else if formula.add.is_some() || formula.subtract.is_some() {
            let mut total = Some(Decimal::ZERO);
            let mut ok = true;
            for p in formula.add.iter().flatten() {
                match lookup(p, cx) {
                    Some(x) => total = total.and_then(|t| t.checked_add(x)),
                    None => ok = false,
                }
            }
            for p in formula.subtract.iter().flatten() {
                match lookup(p, cx) {
                    Some(x) => total = total.and_then(|t| t.checked_sub(x)),
                    None => ok = false,
                }
            }
            if !ok {
                continue;
            }
            let total = match (&formula.divide_by, total) {
                (Some(by), Some(t)) => {
                    let Some(d) = lookup(by, cx) else { continue };
                    if d.is_zero() {
                        cx.issue(&fpath, format!("divides by {by}, which is zero"));
                        continue;
                    }
                    t.checked_div(d)
                }
                (_, t) => t,
            };
            match total {
                Some(t) => t,
                None => {
                    cx.issue(&fpath, "the sum is too large to compute");
                    continue;
                }
            }
        } else {
            cx.issue(&fpath, "needs \"add\"/\"subtract\" paths, or \"part\" and \"whole\"");
            continue;
        };
        // "is derived as £X" read as if the figure were £X (a trial): it is said the other way.
        let what = if f.status == Status::Derived { "is marked as derived, but its formula gives" } else { "should reconcile to" };
        // Every amount in the figure's own unit, as `shown` is ("£54,050,000 should reconcile
        // to £36,800,000", not "to 36800000").
        let unit = |d: Decimal| match f.unit {
            // A difference a penny's rounding would hide is shown whole ("£0.004").
            "gbp" if !crate::units::money::whole_pence(d) => format!("{}£{}", if d < Decimal::ZERO { "−" } else { "" }, d.abs().normalize()),
            "gbp" => crate::units::money::gbp(d),
            "percent" => format!("{}%", crate::units::money::round_display(d, 2).normalize()),
            _ => d.normalize().to_string(),
        };
        match value.checked_sub(expected) {
            Some(diff) if diff.abs() <= tolerance => {}
            Some(diff) => {
                // A share's difference is in percentage points.
                let points = |d: Decimal| if f.unit == "percent" { unit_points(d) } else { unit(d) };
                cx.issue(&f.path, format!("{} {what} {}, a difference of {} (allowed {})", f.shown, unit(expected), points(diff), points(tolerance)))
            }
            None => cx.issue(&f.path, format!("{} {what} {}", f.shown, unit(expected))),
        }
    }
}
