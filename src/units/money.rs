//! Exact money and the one display rounding rule.
//!
//! All amounts are `Decimal` pounds, rounded half away from zero (as spreadsheets do), never
//! banker's rounding: to the penny where a model reports an amount (`pennies`), so the lines of
//! a table add up to its totals as a ledger's do, and further only for display.

use rust_decimal::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

pub type Money = Decimal;

/// An amount as a ledger holds it: to the penny, half away from zero. The model keeps what
/// compounds (counts, unit costs, growth) exact and rounds each amount it reports, then adds
/// the rounded amounts, so every total shown equals the sum of the lines shown.
pub fn pennies(d: Decimal) -> Decimal {
    round_display(d, 2)
}

/// Round for display: half away from zero (6.5 -> 7), the rule stated in the app.
pub fn round_display(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// £ with thousands separators, to the penny only when there are pence: "£1,234,567" or "£12.50".
pub fn gbp(d: Decimal) -> String {
    let r = round_display(d, 2);
    let neg = r.is_sign_negative() && !r.is_zero();
    let abs = r.abs();
    let whole = abs.trunc();
    let frac = abs - whole;
    let mut s = group_thousands(&whole.to_string());
    if !frac.is_zero() {
        s.push_str(&format!(".{:02}", (frac * Decimal::ONE_HUNDRED).to_u32().unwrap_or(0)));
    }
    format!("{}£{}", if neg { "−" } else { "" }, s)
}

/// Millions to one decimal place, as the papers write them: "£13.7m", and "£2m" or "£160m" for
/// whole millions (no ".0"). The one £m rule on every page.
pub fn gbp_m(d: Decimal) -> String {
    let s = gbp_m_dp(d, 1);
    match s.strip_suffix(".0m") {
        Some(whole) if whole != "−£0" => format!("{whole}m"),
        Some(_) => "£0m".into(),
        None => s,
    }
}

pub fn gbp_m_dp(d: Decimal, dp: u32) -> String {
    let m = round_display(d / Decimal::from(1_000_000), dp);
    let neg = m.is_sign_negative() && !m.is_zero();
    format!("{}£{}m", if neg { "−" } else { "" }, group_number(&fixed(m.abs(), dp)))
}

/// A plain number's whole part with thousands separators, its sign and places kept:
/// "47402.7" → "47,402.7" (a council of billions read "£47402.7m").
pub fn group_number(number: &str) -> String {
    let (sign, rest) = number.strip_prefix('-').map(|r| ("-", r)).unwrap_or(("", number));
    let (whole, frac) = rest.split_once('.').map(|(w, f)| (w, Some(f))).unwrap_or((rest, None));
    let mut out = format!("{sign}{}", group_thousands(whole));
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// `n` in £m at the fewest places (one to three) that give it exactly, if any do.
pub fn exact_millions(n: Decimal) -> Option<String> {
    let m = n / Decimal::from(1_000_000);
    let scale = m.normalize().scale();
    (1..=3).find(|&dp| scale <= dp).map(|dp| gbp_m_at(n, dp))
}

/// A published figure as short as the paper writes it: £m at as many places (up to three) as
/// give it exactly ("£1.35m", which `gbp_short` rounds to "£1.4m", so a sentence of the paper's
/// figures no longer added up); rounded as `gbp_short` only where no short form is exact.
pub fn gbp_published(d: Decimal) -> String {
    match exact_millions(d) {
        Some(s) if round_display(d, 0).abs() >= Decimal::from(1_000_000) => s.replace(".0m", "m"),
        _ => gbp_short(d),
    }
}

/// Money as a short figure: £m from £1m up (the £m rule above), whole pounds below, so small
/// amounts do not show as "£0m" and large ones are not read digit by digit. The one short rule
/// on every page: "£212.8m", "£2m", "£401,198".
pub fn gbp_short(d: Decimal) -> String {
    if round_display(d, 0).abs() >= Decimal::from(1_000_000) {
        gbp_m(d)
    } else {
        gbp(round_display(d, 0))
    }
}

/// The fewest places of £m (one at least) at which every sum a sentence shows adds up as
/// printed: each `(terms, total)` with the terms signed as the sentence adds or takes them away.
/// £4.7m − £1.35m is £3.35m, not "£4.7m − £1.4m = £3.4m". Six places is the pound.
///
/// An amount from £10,000 to £1m is also shown to within 5% of itself: a small council's
/// £150,000 read "£0.2m" and its £50,000 "£0.1m", though the sums added up. (Not smaller ones:
/// a £3,000 line would take a £90m sentence to three places.)
pub fn places(sums: &[(&[Money], Money)]) -> u32 {
    let million = Decimal::from(1_000_000);
    let shown = |x: Money, dp: u32| round_display(x / million, dp);
    let close = |x: Money, dp: u32| x.abs() >= million || x.abs() < Decimal::from(10_000) || !millions_misstate(x, dp);
    (1..=6)
        .find(|&dp| sums.iter().all(|(terms, total)| terms.iter().map(|t| shown(*t, dp)).sum::<Decimal>() == shown(*total, dp) && terms.iter().chain([total]).all(|t| close(*t, dp))))
        .unwrap_or(6)
}

/// Whether £m at `dp` places is more than 5% off `x` (£150,000 as "£0.2m"): where a sentence
/// (`places`) or a single amount (`words::said`) needs more places, or pounds.
pub fn millions_misstate(x: Money, dp: u32) -> bool {
    let million = Decimal::from(1_000_000);
    (round_display(x / million, dp) * million - x).abs() * Decimal::from(20) > x.abs()
}

/// £m to `dp` places with no trailing zeros ("£1.35m", "£4.7m", "£2m"): the £m rule at one place.
pub fn gbp_m_at(x: Money, dp: u32) -> String {
    if dp <= 1 {
        return gbp_m(x);
    }
    let s = gbp_m_dp(x, dp);
    let body = s.trim_end_matches('m').trim_end_matches('0').trim_end_matches('.');
    if body == "−£0" { "£0m".into() } else { format!("{body}m") }
}

/// Whether `d` is a whole number of pence ("100.000" is; "0.001" is not).
pub fn whole_pence(d: Decimal) -> bool {
    d.normalize().scale() <= 2
}

/// The £m rule for a float (the Monte Carlo's figures), through the nearest decimal; "—" for
/// a value that is not a number.
pub fn gbp_m_f64(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    Decimal::from_f64(x).map(gbp_m).unwrap_or_else(|| "—".into())
}

/// A percentage from a ratio (0.1 -> "10%"), to `dp` places.
pub fn pct(ratio: Decimal, dp: u32) -> String {
    // A true minus sign, as the £ figures beside it have ("−2%", not "-2%").
    format!("{}%", group_number(&fixed(round_display(ratio * Decimal::ONE_HUNDRED, dp), dp))).replacen('-', "−", 1)
}

/// A rate as a percentage to as many places as it has (at most four): "4.25%", "5%", "0%".
pub fn pct_exact(ratio: Decimal) -> String {
    let places = (ratio * Decimal::ONE_HUNDRED).normalize().scale().min(4);
    pct(ratio, places)
}

/// Decimal formatted with exactly `dp` places (no exponent).
pub fn fixed(d: Decimal, dp: u32) -> String {
    let mut r = round_display(d, dp);
    r.rescale(dp);
    r.to_string()
}

/// A difference of percentages: "1 percentage point", "0.5 percentage points" (a goal seek
/// said "up to 1 percentage points").
pub fn points(d: Decimal) -> String {
    let d = d.normalize();
    format!("{d} percentage point{}", if d == Decimal::ONE { "" } else { "s" })
}

/// A count with thousands separators: 100001 → "100,001".
pub fn thousands(n: usize) -> String {
    group_thousands(&n.to_string())
}

fn group_thousands(digits: &str) -> String {
    let bytes = digits.as_bytes();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(*b as char);
    }
    out
}

/// A decimal literal written in code (constants, tests). Panics on a malformed literal, which is
/// a programming error, never user input: user input goes through `data::json`.
pub fn lit(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("malformed decimal literal in code")
}

/// For chart axes, which plotters draws in f64: display only, never arithmetic.
pub fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_councils_amounts_get_the_places_they_need() {
        // £250,000 of pressures less £100,000 of offsets gives £150,000: "£0.3m less £0.1m
        // gives £0.2m" added up but misstated all three.
        assert_eq!(places(&[(&[lit("250000"), lit("-100000")], lit("150000"))]), 2);
        assert_eq!(gbp_m_at(lit("150000"), 2), "£0.15m");
        // Millions keep one place where it adds up, as before.
        assert_eq!(places(&[(&[lit("10200000"), lit("-8200000")], lit("2000000"))]), 1);
        assert_eq!(places(&[(&[lit("4700000"), lit("-1350000")], lit("3350000"))]), 2);
        // A few thousand in a sentence of millions does not take it to three places.
        assert_eq!(places(&[(&[lit("160000000"), lit("9100000"), lit("3000"), lit("4400000"), lit("-750000"), lit("-82800000")], lit("89953000"))]), 2);
    }

    #[test]
    fn a_rate_is_given_to_the_places_it_has() {
        assert_eq!(pct_exact(lit("0.045")), "4.5%");
        assert_eq!(pct_exact(lit("0.0425")), "4.25%");
        assert_eq!(pct_exact(lit("0.05")), "5%");
        assert_eq!(pct_exact(Decimal::ZERO), "0%");
    }

    macro_rules! dec {
        ($s:literal) => {
            lit(stringify!($s))
        };
    }

    #[test]
    fn rounds_half_away_from_zero_not_bankers() {
        assert_eq!(round_display(dec!(6.5), 0), dec!(7));
        assert_eq!(round_display(dec!(-6.5), 0), dec!(-7));
        assert_eq!(round_display(dec!(0.125), 2), dec!(0.13));
    }

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn formats_money() {
        assert_eq!(gbp(dec!(13700000)), "£13,700,000");
        assert_eq!(gbp(dec!(1234.5)), "£1,234.50");
        assert_eq!(gbp(dec!(-999)), "−£999");
        assert_eq!(gbp_m(dec!(13650000)), "£13.7m");
        assert_eq!(gbp_m(dec!(212800000)), "£212.8m");
        assert_eq!(gbp_m(dec!(-2000000)), "−£2m");
        assert_eq!(gbp_m(dec!(-20000)), "£0m");
        assert_eq!(gbp_m(dec!(160000000)), "£160m");
        // Billions keep the £m rule, grouped as every other figure.
        assert_eq!(gbp_m(dec!(47402700000)), "£47,402.7m");
        assert_eq!(gbp_m(dec!(-3690000000)), "−£3,690m");
        assert_eq!(gbp_m_dp(dec!(1234567890), 2), "£1,234.57m");
        assert_eq!(group_number("-1234.50"), "-1,234.50");
        assert_eq!(gbp_published(dec!(1350000)), "£1.35m");
        assert_eq!(gbp_published(dec!(2055000)), "£2.055m");
        assert_eq!(gbp_published(dec!(13700000)), "£13.7m");
        assert_eq!(gbp_published(dec!(160000000)), "£160m");
        assert_eq!(gbp_published(dec!(4055453)), "£4.1m", "not exact at three places: rounded");
        assert_eq!(gbp_published(dec!(750000)), "£750,000");
        assert_eq!(gbp_published(dec!(-1350000)), "−£1.35m");
        assert_eq!(pct(dec!(0.287), 0), "29%");
        assert_eq!(pct(dec!(159.92), 0), "15,992%");
        assert_eq!(pct(dec!(-0.021), 0), "−2%");
    }

    #[test]
    fn one_short_rule() {
        assert_eq!(gbp_short(dec!(212800000)), "£212.8m");
        assert_eq!(gbp_short(dec!(2000000)), "£2m");
        assert_eq!(gbp_short(dec!(401198.4)), "£401,198");
        assert_eq!(gbp_short(dec!(999999.5)), "£1m", "rounds to a million before choosing the form");
        assert_eq!(gbp_short(dec!(-1500)), "−£1,500");
        assert_eq!(gbp_m_f64(23_849_999.9), "£23.8m");
        assert_eq!(gbp_m_f64(f64::NAN), "—");
    }

    #[test]
    fn a_subtraction_in_millions_adds_up_as_read() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        let shown = |x: &[&str], dp| x.iter().map(|v| gbp_m_at(d(v), dp)).collect::<Vec<_>>();
        // £4.7m less £3.35m is £1.35m: one place would print £4.7m − £3.4m = £1.4m.
        let dp = places(&[(&[d("3350000"), d("1350000")], d("4700000"))]);
        assert_eq!(shown(&["4700000", "3350000", "1350000"], dp), ["£4.7m", "£3.35m", "£1.35m"]);
        assert_eq!(places(&[(&[d("5600000"), d("13900000")], d("19500000"))]), 1, "one place adds up");
        assert_eq!(shown(&["2000000", "1000000"], 1), ["£2m", "£1m"]);
    }
}
