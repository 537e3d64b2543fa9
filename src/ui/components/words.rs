//! Amounts in the words of what they are: a balance that may be a surplus, a figure beside an
//! earlier forecast of it. Shared by the pages and components that say them, so a surplus is
//! never "−£3m" of deficit on one page and "a surplus of £3m" on another.

use crate::units::calendar::Fy;
use crate::units::money::Money;
use rust_decimal::Decimal;

/// A balance that may be a surplus: "£3m", or "a surplus of £3m" for a negative one, in the
/// `money` form given (`gbp_m`, or `gbp_published` for a paper's figure).
pub fn balance(d: Money, money: fn(Decimal) -> String) -> String {
    if d < Decimal::ZERO { format!("a surplus of {}", said(-d, money)) } else { said(d, money) }
}

/// `money(d)`, or whole pounds for an amount under £1m that £m at one place misstates by more
/// than 5%: a £20,000 deficit read "a deficit of £0m", and £50,000 "£0.1m". (The same test as
/// `money::places` makes of a sentence's amounts.) Nothing is "£0", as `gbp_short` gives it beside
/// (a small council's capital cards read "£0m" reprofiled beside "£0" of cost).
pub fn said(d: Decimal, money: fn(Decimal) -> String) -> String {
    use crate::units::money::{gbp_short, millions_misstate};
    if d.is_zero() || (d.abs() < Decimal::from(1_000_000) && millions_misstate(d, 1)) { gbp_short(d) } else { money(d) }
}

/// `said` in £m: a function to pass where one is asked for (`beside_earlier`).
pub fn said_m(d: Decimal) -> String {
    said(d, crate::units::money::gbp_m)
}

/// ", but is in deficit again from 2031/32": what follows the year an in-year position
/// balances (`balances`) when it does not hold, "again" only after an in-year deficit (a
/// projection starting in `first` already balanced has none).
pub fn deficit_returns(balances: Fy, first: Fy, again: Fy) -> String {
    format!(", but is in deficit {}from {}", if balances > first { "again " } else { "" }, again.label())
}

/// Items as a sentence lists them: "a", "a and b", "a, b and c" (nothing for none).
pub fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A count and its noun: "1 paper", "2 papers", "1,200 papers" (a sentence had "1 papers").
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", crate::data::limits::thousands(n), if n == 1 { one } else { many })
}

pub use crate::units::money::points;

/// An in-year position: "a deficit of £7.6m", "a surplus of £0.1m" or "nil (balanced)", never
/// a deficit with a minus sign.
pub fn in_year(d: Decimal, money: fn(Decimal) -> String) -> String {
    match d.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Less => format!("a surplus of {}", said(-d, money)),
        std::cmp::Ordering::Equal => "nil (balanced)".into(),
        std::cmp::Ordering::Greater => format!("a deficit of {}", said(d, money)),
    }
}

/// The year-end figure set beside an earlier forecast of it, in the words of what each is: "up
/// from the £13.7m forecast", "up from the surplus of £4m forecast" (the surplus grew), "against
/// a surplus of £1m forecast" (a deficit now). It read "down from the a surplus of £4m".
pub fn beside_earlier(now: Decimal, before: Decimal, money: fn(Decimal) -> String) -> String {
    match (now < Decimal::ZERO, before < Decimal::ZERO) {
        (false, false) => format!("{} the {} forecast", up_or_down(now, before), money(before)),
        (true, true) => format!("{} the surplus of {} forecast", up_or_down(-now, -before), money(-before)),
        (true, false) => format!("against a deficit of {} forecast", money(before)),
        (false, true) => format!("against a surplus of {} forecast", money(-before)),
    }
}

fn up_or_down(now: Decimal, before: Decimal) -> &'static str {
    match now.cmp(&before) {
        std::cmp::Ordering::Less => "down from",
        std::cmp::Ordering::Equal => "the same as",
        std::cmp::Ordering::Greater => "up from",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::money::{gbp_m, lit};

    #[test]
    fn a_count_and_points_take_their_number() {
        assert_eq!(counted(1, "paper", "papers"), "1 paper");
        assert_eq!(counted(0, "paper", "papers"), "0 papers");
        assert_eq!(counted(1200, "paper", "papers"), "1,200 papers");
        assert_eq!(points(lit("1.00")), "1 percentage point");
        assert_eq!(points(lit("0.5")), "0.5 percentage points");
        assert_eq!(points(lit("2")), "2 percentage points");
    }

    #[test]
    fn a_surplus_is_said_as_one() {
        assert_eq!(balance(lit("3000000"), gbp_m), "£3m");
        assert_eq!(balance(lit("-3000000"), gbp_m), "a surplus of £3m");
        assert_eq!(beside_earlier(lit("17200000"), lit("13700000"), gbp_m), "up from the £13.7m forecast");
        assert_eq!(beside_earlier(lit("-4200000"), lit("-4000000"), gbp_m), "up from the surplus of £4m forecast");
        assert_eq!(beside_earlier(lit("1000000"), lit("-1000000"), gbp_m), "against a surplus of £1m forecast");
        assert_eq!(beside_earlier(lit("-1000000"), lit("2000000"), gbp_m), "against a deficit of £2m forecast");
        assert_eq!(in_year(lit("7600000"), gbp_m), "a deficit of £7.6m");
        assert_eq!(in_year(lit("-100000"), gbp_m), "a surplus of £0.1m");
        assert_eq!(in_year(Decimal::ZERO, gbp_m), "nil (balanced)");
        assert_eq!(listed(&["a".into(), "b".into(), "c".into()]), "a, b and c");
        assert_eq!(listed(&["a".into()]), "a");
        assert_eq!(listed(&[]), "");
        // Too small for £m at one place: said in pounds, not "£0m".
        assert_eq!(in_year(lit("20000"), gbp_m), "a deficit of £20,000");
        assert_eq!(in_year(lit("-49999.6"), gbp_m), "a surplus of £50,000");
        assert_eq!(balance(lit("-20000"), gbp_m), "a surplus of £20,000");
        assert_eq!(balance(lit("50000"), gbp_m), "£50,000", "£0.1m would double it");
        assert_eq!(balance(lit("600000"), gbp_m), "£0.6m");
        assert_eq!(in_year(lit("867629"), gbp_m), "a deficit of £0.9m", "within 5%");
        assert_eq!(in_year(lit("-150000"), gbp_m), "a surplus of £150,000");
        // Nothing in the form gbp_short gives it, whatever the form asked for.
        assert_eq!(said(Decimal::ZERO, gbp_m), "£0");
        assert_eq!(balance(Decimal::ZERO, gbp_m), "£0");
    }
}
