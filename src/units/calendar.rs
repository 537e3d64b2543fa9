//! Dates and financial years (1 April to 31 March), without a date library.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let d = Date { year, month, day };
        (month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month) && (1900..=2200).contains(&year)).then_some(d)
    }

    /// "2026-03-31".
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y = s[0..4].parse().ok()?;
        let m = s[5..7].parse().ok()?;
        let d = s[8..10].parse().ok()?;
        Date::new(y, m, d)
    }

    /// "31 March 2026".
    pub fn long(&self) -> String {
        format!("{} {} {}", self.day, MONTHS[(self.month - 1) as usize], self.year)
    }

    /// "November 2024".
    pub fn month_year(&self) -> String {
        format!("{} {}", MONTHS[(self.month - 1) as usize], self.year)
    }

    /// Each month and year a text names ("end of October 2024" is October 2024), as the first of
    /// that month.
    pub fn months_named(text: &str) -> Vec<Date> {
        let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
        words
            .windows(2)
            .filter_map(|w| {
                let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(w[0]))? as u8 + 1;
                let year = w[1].parse::<i32>().ok().filter(|_| w[1].len() == 4)?;
                Date::new(year, month, 1)
            })
            .collect()
    }

    /// The financial year this date falls in.
    pub fn fy(&self) -> Fy {
        Fy(if self.month >= 4 { self.year } else { self.year - 1 })
    }
}

/// When a paper was made, as exactly as it is known: most papers are dated to the day; an
/// undated one may be known only to its month, and is then shown as "April 2023", never as a
/// day it does not give. Ordered by its date (the day a month-only date is filed under), and
/// on the same day a date to the day before one to the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Made {
    pub date: Date,
    pub month_only: bool,
}

impl Made {
    pub fn day(date: Date) -> Made {
        Made { date, month_only: false }
    }

    /// "28 November 2024", or "April 2023" for a date known only to its month.
    pub fn long(&self) -> String {
        if self.month_only { self.date.month_year() } else { self.date.long() }
    }

    /// "November 2024".
    pub fn month_year(&self) -> String {
        self.date.month_year()
    }

    /// "on 28 November 2024", or "in April 2023", to follow "published" or "made".
    pub fn on_or_in(&self) -> String {
        format!("{} {}", if self.month_only { "in" } else { "on" }, self.long())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}
impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(s: String) -> Result<Date, String> {
        Date::parse(&s).ok_or_else(|| format!("not a date: {s}"))
    }
}

const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A financial year, named by the calendar year it starts in: `Fy(2024)` is 2024/25.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fy(pub i32);

impl Fy {
    /// "2024/25", as the papers write it.
    pub fn label(self) -> String {
        format!("{}/{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }
    /// "2024-25", as data files and links write it (no slash to escape).
    pub fn key(self) -> String {
        format!("{}-{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }
    pub fn parse_key(s: &str) -> Option<Fy> {
        let (a, b) = s.split_once(['-', '/'])?;
        let y: i32 = a.parse().ok()?;
        let next: i32 = b.parse().ok()?;
        (a.len() == 4 && b.len() == 2 && next == (y + 1).rem_euclid(100) && (1900..=2200).contains(&y)).then_some(Fy(y))
    }
    /// 31 March at the end of the year.
    pub fn end(self) -> Date {
        Date { year: self.0 + 1, month: 3, day: 31 }
    }
    pub fn next(self) -> Fy {
        Fy(self.0 + 1)
    }
    pub fn prev(self) -> Fy {
        Fy(self.0 - 1)
    }
}

impl fmt::Display for Fy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_dates() {
        assert_eq!(Date::parse("2026-03-31"), Some(Date { year: 2026, month: 3, day: 31 }));
        assert_eq!(Date::parse("2026-02-30"), None);
        assert_eq!(Date::parse("2024-02-29").map(|d| d.long()), Some("29 February 2024".into()));
        assert_eq!(Date::parse("31/03/2026"), None);
    }

    #[test]
    fn financial_years() {
        assert_eq!(Date::parse("2026-03-31").unwrap().fy(), Fy(2025));
        assert_eq!(Date::parse("2026-04-01").unwrap().fy(), Fy(2026));
        assert_eq!(Fy(2024).label(), "2024/25");
        assert_eq!(Fy(2099).key(), "2099-00");
        assert_eq!(Fy::parse_key("2025-26"), Some(Fy(2025)));
        assert_eq!(Fy::parse_key("2025-27"), None);
        assert_eq!(Fy(2025).end().to_string(), "2026-03-31");
    }
}
