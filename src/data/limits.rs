//! The largest dataset the explorer reads, in one place. Every limit is checked before the heavy
//! work it guards (reading the file, converting lists, rendering them), with a message that names
//! the list, its count and the limit. `docs/data-format.md` states them and the JSON Schema
//! carries them as `maxItems`/`maxProperties` (the schema attributes name these constants).
//!
//! Why these numbers: a real council's file is about 70 kB with a few dozen papers and about a
//! hundred figures. The limits are far above that, and low enough that the sliced loader and the
//! paged Sources page keep every main-thread task short (see `bench/results/latest.json`).

use super::json::Issue;
use serde_json::Value;

/// Bytes in a dataset file (5 MB): read in one go by the browser, parsed in slices.
pub const FILE_BYTES: usize = 5_000_000;
/// Papers in `documents`. The Sources page lists them a page at a time.
pub const DOCUMENTS: usize = 100_000;
/// Figures in the whole file: the Sources page lists every one.
pub const FIGURES: usize = 2_000;
/// `capital.schemes`.
pub const SCHEMES: usize = 1_000;
/// Years in one scheme's `profile`.
pub const PROFILE_YEARS: usize = 60;
/// `high_needs.forecasts` (the vintages).
pub const FORECASTS: usize = 200;
/// `high_needs.model.placements` (placement types: each is a lever on High needs).
pub const PLACEMENTS: usize = 50;
/// `high_needs.ehcp_groups`.
pub const EHCP_GROUPS: usize = 100;
/// `high_needs.placement_costs`.
pub const PLACEMENT_COSTS: usize = 500;
/// `savings.directorates`.
pub const DIRECTORATES: usize = 100;
/// `capital.excluded`.
pub const EXCLUDED: usize = 500;
/// Paths in one formula's `add` or `subtract`.
pub const FORMULA_TERMS: usize = 100;

/// The yearly rates the explorer models, in % a year (low, high): the High needs levers' ranges,
/// and what a dataset's own rates are checked against, so a file's default is never one the
/// page must bring into range without a word (a trial's growth of 100,000% a year loaded).
pub const EHCP_GROWTH_PCT: (i64, i64) = (-20, 40);
/// Cost inflation, in % a year.
pub const COST_INFLATION_PCT: (i64, i64) = (-5, 20);
/// High-needs income growth, in % a year.
pub const INCOME_GROWTH_PCT: (i64, i64) = (-10, 20);

/// The lists of a dataset with their limits: (path, noun, limit). Paths are those of the loader's
/// messages.
pub const LISTS: &[(&str, &str, usize)] = &[
    ("documents", "documents", DOCUMENTS),
    ("savings.directorates", "directorates", DIRECTORATES),
    ("high_needs.ehcp_groups", "groups", EHCP_GROUPS),
    ("high_needs.placement_costs", "costs", PLACEMENT_COSTS),
    ("high_needs.forecasts", "forecasts", FORECASTS),
    ("high_needs.model.placements", "placement types", PLACEMENTS),
    ("capital.schemes", "schemes", SCHEMES),
    ("capital.excluded", "items", EXCLUDED),
];

/// "100,001": counts in messages are read by people.
pub use crate::units::money::thousands;

/// The issue for a list over its limit: `documents` "has 100,001 documents; the explorer reads at
/// most 100,000".
pub fn over(path: &str, count: usize, noun: &str, max: usize) -> Issue {
    Issue { path: path.to_string(), message: format!("has {} {noun}; the explorer reads at most {}", thousands(count), thousands(max)) }
}

/// The file's size, checked before it is read.
pub fn check_bytes(bytes: usize) -> Result<(), Issue> {
    if bytes <= FILE_BYTES {
        return Ok(());
    }
    let mb = bytes as f64 / 1e6;
    Err(Issue { path: String::new(), message: format!("the file is {mb:.1} MB; a dataset file is usually under 1 MB, and the explorer reads files of up to 5 MB") })
}

/// Every list limit, checked on the parsed JSON before any list is converted. A list that is not
/// a list (or absent) is left to the loader's own message. `documents`: the count of papers when
/// they were found in the text rather than parsed with the rest.
pub fn check_lists(root: &Value, documents: Option<usize>) -> Vec<Issue> {
    let mut issues = vec![];
    for (path, noun, max) in LISTS {
        let n = match (*path, documents) {
            ("documents", Some(n)) => n,
            _ => pointer(root, path).and_then(Value::as_array).map(Vec::len).unwrap_or(0),
        };
        if n > *max {
            issues.push(over(path, n, noun, *max));
        }
    }
    // Each scheme's profile, when the list of schemes itself is within its limit.
    if let Some(schemes) = pointer(root, "capital.schemes").and_then(Value::as_array).filter(|s| s.len() <= SCHEMES) {
        for (i, s) in schemes.iter().enumerate() {
            let n = s.get("profile").and_then(Value::as_object).map(|m| m.len()).unwrap_or(0);
            if n > PROFILE_YEARS {
                issues.push(over(&format!("capital.schemes[{i}].profile"), n, "years", PROFILE_YEARS));
            }
        }
    }
    issues
}

/// The count of figures read, and each formula's terms: checked after the lists are converted
/// (which the list limits bound) and before the whole-file checks and the page that lists them.
pub fn check_figures(figures: &[super::figure::FigureRecord]) -> Vec<Issue> {
    let mut issues = vec![];
    if figures.len() > FIGURES {
        issues.push(Issue { path: String::new(), message: format!("the file has {} figures; the explorer reads at most {}", thousands(figures.len()), thousands(FIGURES)) });
    }
    for f in figures {
        let Some(formula) = &f.formula else { continue };
        for (key, list) in [("add", &formula.add), ("subtract", &formula.subtract)] {
            let n = list.as_ref().map(Vec::len).unwrap_or(0);
            if n > FORMULA_TERMS {
                issues.push(over(&format!("{}.formula.{key}", f.path), n, "paths", FORMULA_TERMS));
            }
        }
    }
    issues
}

fn pointer<'a>(root: &'a Value, dotted: &str) -> Option<&'a Value> {
    dotted.split('.').try_fold(root, |v, k| v.get(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(100_001), "100,001");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn the_message_names_list_count_and_limit() {
        assert_eq!(over("documents", 100_001, "documents", DOCUMENTS).to_string(), "documents: has 100,001 documents; the explorer reads at most 100,000");
    }

    #[test]
    fn bytes_at_and_over() {
        assert!(check_bytes(FILE_BYTES).is_ok());
        let e = check_bytes(FILE_BYTES + 100_000).unwrap_err();
        assert_eq!(e.message, "the file is 5.1 MB; a dataset file is usually under 1 MB, and the explorer reads files of up to 5 MB");
    }
}
