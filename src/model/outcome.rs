//! One outcome: everything the pages show about a scenario, evaluated in one place from the
//! dataset, its baseline and the scenario. Pages and components only format it.
//!
//! [`evaluate`] runs every submodel; [`reevaluate`] reuses the parts of an earlier outcome whose
//! inputs did not change (a high-needs slider runs the projection and the runway, not the
//! revenue and capital models), and gives exactly what `evaluate` would.

use super::answers::carrying_by_year;
use super::capital::{compare, revenue_cost, CostDifference, Programme, RefusedMove, RevenueCost, Scope};
use super::dsg::{project, Baseline, Projection};
use super::revenue::{self, runway_with_carrying, RevenueInputs, RevenueOutputs, Runway};
use super::scenario::{Scenario, SchemeMove};
use crate::data::Dataset;
use crate::units::calendar::Fy;
use crate::units::money::Money;
use std::sync::Arc;

/// The named capital schemes before and after the scenario's reprofiling.
#[derive(Debug, Clone, PartialEq)]
pub struct Reprofiled {
    /// The published profiles with the scenario's moves.
    pub moved: Programme,
    /// `moved` with the slippage lever applied: "after" in the charts and the cost.
    pub after: Programme,
    /// Moves (from a link) that could not be applied.
    pub refused: Vec<RefusedMove>,
}

/// The published programme with the scenario's moves, then its slippage.
pub fn reprofile(published: &Programme, cap: &super::capital::CapitalLevers, moves: &[SchemeMove]) -> Reprofiled {
    let (moved, refused) = published.apply_moves(moves.iter().map(|m| (m.scheme.as_str(), m.from, m.to, m.amount)));
    let after = moved.slip_to_end(cap.slip, &Scope::All).unwrap_or_else(|_| moved.clone());
    Reprofiled { moved, after, refused }
}

/// The capital programme of a scenario and what its borrowing costs the revenue budget.
#[derive(Debug, Clone, PartialEq)]
pub struct CapitalOutcome {
    pub published: Programme,
    pub reprofiled: Reprofiled,
    pub cost_before: RevenueCost,
    pub cost_after: RevenueCost,
    pub difference: CostDifference,
}

/// Everything shown about one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The scenario this is the outcome of.
    pub scenario: Scenario,
    /// The high-needs projection, unmitigated and mitigated.
    pub projection: Arc<Projection>,
    /// What carrying the cumulative DSG deficit costs each year.
    pub carrying: Arc<Vec<(Fy, Money)>>,
    /// The revenue model's inputs and outturn, or why the data cannot give them.
    pub revenue: Result<(Arc<RevenueInputs>, Arc<RevenueOutputs>), String>,
    /// The reprofiled capital programme and its borrowing cost, or why the data cannot give it.
    pub capital: Result<Arc<CapitalOutcome>, String>,
    /// Usable reserves year by year after revenue draws, borrowing and carrying costs and the
    /// DSG deficit counting against them (`None` without a revenue outturn).
    pub runway: Option<Arc<Runway>>,
}

impl Outcome {
    /// The DSG deficit counting against reserves in each projected year.
    pub fn dsg_against_reserves(&self) -> Vec<(Fy, Money)> {
        self.projection.mitigated.rows.iter().map(|r| (r.year, r.deficit_on_reserves)).collect()
    }

    /// The last year the high-needs projection covers.
    pub fn projection_last_year(&self) -> Option<Fy> {
        self.projection.mitigated.rows.last().map(|r| r.year)
    }
}

fn revenue_part(ds: &Dataset, s: &Scenario) -> Result<(Arc<RevenueInputs>, Arc<RevenueOutputs>), String> {
    let inputs = RevenueInputs::from_dataset(ds)?;
    let out = revenue::model(&inputs, &s.rev);
    Ok((Arc::new(inputs), Arc::new(out)))
}

/// The capital part, reusing what a previous outcome of the same dataset (and its scenario) has
/// that this scenario's levers leave as it was: a big programme's borrowing cost takes a loan
/// schedule per scheme and year, so a slippage change keeps the published side's.
fn capital_part(ds: &Dataset, s: &Scenario, previous: Option<(&CapitalOutcome, &Scenario)>) -> Result<Arc<CapitalOutcome>, String> {
    let published = match previous {
        Some((c, _)) => c.published.clone(),
        None => Programme::from_dataset(&ds.capital).map_err(|e| e.to_string())?,
    };
    let same_financing = previous.filter(|(_, p)| p.cap.financing == s.cap.financing).map(|(c, _)| c);
    let reprofiled = match previous.filter(|(_, p)| p.cap.slip == s.cap.slip && p.moves == s.moves) {
        Some((c, _)) => c.reprofiled.clone(),
        None => reprofile(&published, &s.cap, &s.moves),
    };
    let cost_before = match same_financing {
        Some(c) => c.cost_before.clone(),
        None => revenue_cost(&published, &s.cap.financing),
    };
    let cost_after = revenue_cost(&reprofiled.after, &s.cap.financing);
    let difference = compare(&cost_before, &cost_after);
    Ok(Arc::new(CapitalOutcome { published, reprofiled, cost_before, cost_after, difference }))
}

fn runway_part(projection: &Projection, carrying: &[(Fy, Money)], revenue: &Result<(Arc<RevenueInputs>, Arc<RevenueOutputs>), String>, capital: &Result<Arc<CapitalOutcome>, String>) -> Option<Arc<Runway>> {
    let (_, out) = revenue.as_ref().ok()?;
    let dsg: Vec<(Fy, Money)> = projection.mitigated.rows.iter().map(|r| (r.year, r.deficit_on_reserves)).collect();
    let borrowing = capital.as_ref().map(|c| c.cost_after.by_year()).unwrap_or_default();
    Some(Arc::new(runway_with_carrying(out, &dsg, &borrowing, carrying)))
}

/// Evaluates every submodel for one scenario.
pub fn evaluate(ds: &Dataset, b: &Baseline, s: &Scenario) -> Outcome {
    reevaluate(None, ds, b, s)
}

/// As [`evaluate`], reusing the parts of `previous` (an outcome of the same dataset and
/// baseline) whose levers are unchanged.
pub fn reevaluate(previous: Option<&Outcome>, ds: &Dataset, b: &Baseline, s: &Scenario) -> Outcome {
    let same = |f: &dyn Fn(&Scenario) -> bool| previous.filter(|p| f(&p.scenario));
    let (projection, carrying) = match same(&|p| p.hn == s.hn) {
        Some(p) => (p.projection.clone(), p.carrying.clone()),
        None => {
            let projection = project(b, &s.hn);
            let carrying = carrying_by_year(b, &projection);
            (Arc::new(projection), Arc::new(carrying))
        }
    };
    let revenue = match same(&|p| p.rev == s.rev) {
        Some(p) => p.revenue.clone(),
        None => revenue_part(ds, s),
    };
    let capital = match same(&|p| p.cap == s.cap && p.moves == s.moves) {
        Some(p) => p.capital.clone(),
        None => capital_part(ds, s, previous.and_then(|p| p.capital.as_ref().ok().map(|c| (&**c, &p.scenario)))),
    };
    let runway = runway_part(&projection, &carrying, &revenue, &capital);
    Outcome { scenario: s.clone(), projection, carrying, revenue, capital, runway }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::shipped;

    #[test]
    fn reevaluating_after_any_change_equals_evaluating_afresh() {
        let loaded = shipped();
        let ds = &loaded.dataset;
        let b = Baseline::from_dataset(ds);
        let s0 = Scenario::default_for(&b);
        let first = evaluate(ds, &b, &s0);
        let changes: [(&str, &str); 8] =
            [("hn.transfer", "0.5"), ("rev.atrisk", "50"), ("cap.slip", "20"), ("hn.growth.independent", "12"), ("rev.years", "8"), ("cap.rate", "7"), ("cap.slip", "5"), ("cap.mrp", "annuity")];
        let mut prev = first.clone();
        let mut s = s0.clone();
        for (k, v) in changes {
            s.set(k, v, &b).unwrap();
            let re = reevaluate(Some(&prev), ds, &b, &s);
            let fresh = evaluate(ds, &b, &s);
            assert_eq!(re, fresh, "after {k}={v}");
            assert_ne!(re, prev, "{k}={v} changes the outcome");
            prev = re;
        }
        // A move, then a rate change with the move kept: each the same as afresh.
        let first_scheme = Programme::from_dataset(&ds.capital).unwrap().schemes[0].clone();
        let (&from, _) = first_scheme.profile.iter().find(|(_, v)| **v > Money::ZERO).unwrap();
        s.moves.push(crate::model::scenario::SchemeMove { scheme: first_scheme.id.clone(), from, to: from.next(), amount: Money::new(100_000, 0) });
        for change in [None, Some(("cap.slip", "20")), Some(("cap.rate", "3"))] {
            if let Some((k, v)) = change {
                s.set(k, v, &b).unwrap();
            }
            let re = reevaluate(Some(&prev), ds, &b, &s);
            assert_eq!(re, evaluate(ds, &b, &s), "with a move, after {change:?}");
            assert_ne!(re.capital, prev.capital, "{change:?} changes the programme or its cost");
            prev = re;
        }
        // A high-needs change reuses the revenue and capital parts, not copies of them.
        let mut s2 = s0.clone();
        s2.set("hn.inflation", "4", &b).unwrap();
        let re = reevaluate(Some(&first), ds, &b, &s2);
        assert!(Arc::ptr_eq(&re.capital.as_ref().unwrap(), &first.capital.as_ref().unwrap()));
        assert!(!Arc::ptr_eq(&re.projection, &first.projection));
    }

    #[test]
    fn the_runway_combines_revenue_high_needs_carrying_and_borrowing() {
        let loaded = shipped();
        let ds = &loaded.dataset;
        let b = Baseline::from_dataset(ds);
        let o = evaluate(ds, &b, &Scenario::default_for(&b));
        let rw = o.runway.as_ref().expect("the shipped data gives a runway");
        let cap = o.capital.as_ref().unwrap();
        for y in &rw.years {
            let at = |xs: &[(Fy, Money)]| xs.iter().filter(|(f, _)| *f == y.fy).map(|(_, v)| *v).sum::<Money>();
            assert_eq!(y.capital_cost, at(&cap.cost_after.by_year()), "{}", y.fy);
            assert_eq!(y.carrying_cost, at(&o.carrying), "{}", y.fy);
            assert_eq!(y.dsg_against_reserves, at(&o.dsg_against_reserves()), "{}", y.fy);
        }
    }

    #[test]
    fn a_files_own_interest_rates_are_the_defaults_costed_and_left_out_of_links() {
        use rust_decimal::Decimal;
        let rate = |value: &str| serde_json::json!({ "value": value, "unit": "rate", "status": "assumption", "reason": "our treasury adviser's forecast" });
        let plain = crate::testing::avila();
        let own = crate::testing::avila_with(|v| {
            v.pointer_mut("/high_needs/model").unwrap().as_object_mut().unwrap().insert("deficit_interest_rate".into(), rate("0.031"));
            v.pointer_mut("/capital").unwrap().as_object_mut().unwrap().insert("borrowing_rate".into(), rate("0.0425"));
        });
        let (b0, b1) = (Baseline::from_dataset(&plain.dataset), Baseline::from_dataset(&own.dataset));
        let (s0, s1) = (Scenario::default_for(&b0), Scenario::default_for(&b1));
        // Without them, the app's assumptions; with them, the file's.
        assert_eq!((s0.hn.carry_rate, s0.cap.financing.rate), (crate::model::dsg::DEFAULT_CARRY_RATE, crate::model::capital::DEFAULT_BORROWING_RATE));
        assert_eq!((s1.hn.carry_rate, s1.cap.financing.rate), (Decimal::new(31, 3), Decimal::new(425, 4)));
        assert_eq!(s1.get("hn.carry.rate").as_deref(), Some("3.1"));
        assert_eq!(s1.get("cap.rate").as_deref(), Some("4.25"));
        // The figures follow: less interest on the deficit and on borrowing than at 4.5% and 5%.
        let (o0, o1) = (evaluate(&plain.dataset, &b0, &s0), evaluate(&own.dataset, &b1, &s1));
        let total = |xs: &[(Fy, Money)]| xs.iter().map(|(_, v)| *v).sum::<Money>();
        assert!(total(&o1.carrying) < total(&o0.carrying), "carrying at 3.1% costs less than at 4.5%");
        let cost = |o: &Outcome| total(&o.capital.as_ref().unwrap().cost_after.by_year());
        assert!(cost(&o1) < cost(&o0), "borrowing at 4.25% costs less than at 5%");
        // The default view's link names neither; one set back to the app's 5% names it, and
        // reopens as it was.
        let (id, dv) = (&own.dataset.id, &own.dataset.version);
        let keys = |pairs: &[(String, String)]| pairs.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&crate::share::codec::encode(&s1, &b1, id, dv)), ["v", "data", "dv"]);
        let mut s2 = s1.clone();
        s2.set("cap.rate", "5", &b1).unwrap();
        let pairs = crate::share::codec::encode(&s2, &b1, id, dv);
        assert!(pairs.contains(&("cap.rate".to_string(), "5".to_string())), "{pairs:?}");
        assert_eq!(crate::share::codec::decode(&pairs, &b1).scenario, s2);
    }
}
