//! Usable reserves and the order they are drawn in.
//!
//! Usable reserves are the general fund balance plus earmarked reserves. The proposed contingency
//! reserve (£11m in the 2024/25 Q2 report) is made *within* the earmarked reserves, by transfer
//! from the business rates risk reserve, so it is part of the earmarked total, not an addition.
//!
//! **Draw order** (our rule, stated in the app): a draw is met first from the contingency reserve
//! (it was set up for exactly this: "to mitigate against in-year and future year pressures"), then
//! from the other earmarked reserves, and last from the general fund balance, which is the
//! council's working balance of last resort. When all three are used up, the general fund balance
//! goes below zero, so totals always reconcile. A negative draw (an underspend) is added to the
//! general fund balance.

use crate::units::money::Money;
use rust_decimal::Decimal;

/// Published balances: what the model starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReserveBalances {
    pub general_fund: Money,
    /// All earmarked reserves, including the contingency reserve.
    pub earmarked: Money,
    /// The part of `earmarked` set aside as a contingency reserve (zero if none).
    pub contingency: Money,
}

impl ReserveBalances {
    /// General fund plus earmarked.
    pub fn total_usable(&self) -> Money {
        self.general_fund + self.earmarked
    }

    pub fn pools(&self) -> Pools {
        Pools { contingency: self.contingency, other_earmarked: self.earmarked - self.contingency, general_fund: self.general_fund }
    }
}

/// The three pools a draw comes from, in draw order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pools {
    pub contingency: Money,
    pub other_earmarked: Money,
    pub general_fund: Money,
}

impl Pools {
    pub fn total(&self) -> Money {
        self.contingency + self.other_earmarked + self.general_fund
    }
}

/// Where a draw came from, and what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Draw {
    pub amount: Money,
    pub from_contingency: Money,
    pub from_other_earmarked: Money,
    /// Negative when an underspend is added to the general fund.
    pub from_general_fund: Money,
    pub after: Pools,
}

/// Draw `amount` from `pools`: contingency first, then other earmarked, then the general fund
/// (which absorbs whatever is left, going below zero if it must). Exact: the three parts sum to
/// `amount` and `after.total() == pools.total() - amount`.
pub fn draw(pools: &Pools, amount: Money) -> Draw {
    if amount <= Decimal::ZERO {
        let after = Pools { general_fund: pools.general_fund - amount, ..*pools };
        return Draw { amount, from_contingency: Decimal::ZERO, from_other_earmarked: Decimal::ZERO, from_general_fund: amount, after };
    }
    let take = |want: Money, have: Money| want.min(have.max(Decimal::ZERO));
    let c = take(amount, pools.contingency);
    let e = take(amount - c, pools.other_earmarked);
    let g = amount - c - e;
    let after = Pools { contingency: pools.contingency - c, other_earmarked: pools.other_earmarked - e, general_fund: pools.general_fund - g };
    Draw { amount, from_contingency: c, from_other_earmarked: e, from_general_fund: g, after }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::money::lit;

    fn pools() -> Pools {
        ReserveBalances { general_fund: lit("9.6"), earmarked: lit("73.2"), contingency: lit("11") }.pools()
    }

    #[test]
    fn contingency_first_then_earmarked_then_general_fund() {
        let d = draw(&pools(), lit("2"));
        assert_eq!((d.from_contingency, d.from_other_earmarked, d.from_general_fund), (lit("2"), lit("0"), lit("0")));
        let d = draw(&pools(), lit("80"));
        assert_eq!((d.from_contingency, d.from_other_earmarked, d.from_general_fund), (lit("11"), lit("62.2"), lit("6.8")));
        let d = draw(&pools(), lit("90"));
        assert_eq!(d.after.general_fund, lit("-7.2"));
        assert_eq!(d.after.total(), pools().total() - lit("90"));
    }

    #[test]
    fn underspend_adds_to_general_fund() {
        let d = draw(&pools(), lit("-1.5"));
        assert_eq!(d.after.general_fund, lit("11.1"));
        assert_eq!(d.after.contingency, lit("11"));
    }
}
