//! The revenue model: published arithmetic, the quarter-2 forecast reproduced exactly, the
//! waterfall, savings delivery and the reserves runway.

mod common;

use dsg_explorer::units::calendar::Fy;
use dsg_explorer::units::money::{lit, Money};
use dsg_explorer::model::reserves::ReserveBalances;
use dsg_explorer::model::revenue::*;
use proptest::prelude::*;
use dsg_explorer::model::levers::{Group, Value, LEVERS};
use rust_decimal::Decimal;


/// Sets a lever through the lever registry, as a link or a slider does (display units:
/// percent, £m, years), on a scenario of the shipped data.
fn set(lv: &mut RevenueLevers, key: &str, v: Decimal) -> Result<(), String> {
    common::registry_set(lv, key, v, |s| &mut s.rev)
}

/// A lever's value in display units.
fn get(lv: &RevenueLevers, key: &str) -> Option<Decimal> {
    match common::registry_get(lv, key, |s| &mut s.rev)? {
        Value::Number(d) => Some(d.normalize()),
        _ => None,
    }
}

fn m(s: &str) -> Money {
    lit(s) * lit("1000000")
}

/// The Herefordshire 2024/25 quarter-2 figures, typed in by hand from the Cabinet minutes.
fn herefordshire() -> RevenueInputs {
    RevenueInputs {
        base_year: Fy(2024),
        net_budget: m("212.8"),
        savings: SavingsByStatus { delivered: m("8.9"), on_target: m("5.6"), at_risk: m("5.0") },
        cost_pressures: m("11.6"),
        forecast_overspend: m("10.2"),
        management_action: m("8.2"),
        reserves: ReserveBalances { general_fund: m("9.6"), earmarked: m("73.2"), contingency: m("11") },
    }
}

fn shipped() -> dsg_explorer::data::Loaded {
    common::testing::q2()
}

fn assert_waterfall_sums(out: &RevenueOutputs) {
    let w = &out.waterfall;
    assert_eq!(w.first().unwrap().kind, StepKind::Start);
    assert_eq!(w.last().unwrap().kind, StepKind::End);
    let mut level = w[0].amount;
    for s in &w[1..] {
        match s.kind {
            StepKind::Change => level += s.amount,
            StepKind::Subtotal | StepKind::End => assert_eq!(s.amount, level, "{} shows the running total", s.key),
            StepKind::Start => panic!("a second start"),
        }
        assert_eq!(s.level, level, "{}", s.key);
    }
    assert_eq!(level, out.forecast_outturn);
    assert_eq!(out.forecast_outturn - out.net_budget, out.overspend_after_action);
    let before = w.iter().find(|s| s.key == "before_action").unwrap();
    assert_eq!(before.level - out.net_budget, out.overspend_before_action);
}

// ---- the published arithmetic, from the shipped data ---------------------------------------

#[test]
fn shipped_savings_add_up() {
    let ds = shipped().dataset;
    let s = &ds.savings;
    // £8.9m + £5.6m + £5.0m = £19.5m, exactly.
    assert_eq!(s.delivered.amount.value + s.on_target.amount.value + s.at_risk.amount.value, s.target.value);
    assert_eq!(s.target.value, m("19.5"));
    // £11.6m directorate + £7.9m council-wide = £19.5m.
    assert_eq!(ds.budget.directorate_savings.value + ds.budget.council_wide_savings.value, s.target.value);
}

#[test]
fn shipped_savings_shares_agree_with_amounts_within_rounding() {
    // Amounts are published to £0.1m (±£0.05m) and shares to 1% (±0.5 points): the interval of
    // shares the amounts allow must meet the interval the published share allows. (5.6 / 19.5 is
    // 28.7%, published as 28%: they agree only within the rounding of both.)
    let ds = shipped().dataset;
    let s = &ds.savings;
    let half_tenth = m("0.05");
    let t = s.target.value;
    let mut share_sum = Decimal::ZERO;
    for st in [&s.delivered, &s.on_target, &s.at_risk] {
        let a = st.amount.value;
        let lo = (a - half_tenth) / (t + half_tenth) * lit("100");
        let hi = (a + half_tenth) / (t - half_tenth) * lit("100");
        let p = st.share.value;
        assert!(lo <= p + lit("0.5") && p - lit("0.5") <= hi, "{a} of {t} is {lo}%..{hi}%, published {p}%");
        share_sum += p;
    }
    assert_eq!(share_sum, lit("100"));
    assert_eq!((s.delivered.share.value, s.on_target.share.value, s.at_risk.share.value), (lit("46"), lit("28"), lit("26")));
}

#[test]
fn shipped_reserves_add_up() {
    let ds = shipped().dataset;
    let r = &ds.budget.reserves;
    // £9.6m + £73.2m = £82.8m.
    assert_eq!(r.general_fund.value + r.earmarked.value, r.total_usable.value);
    assert_eq!(r.total_usable.value, m("82.8"));
    // £19.7m − £11m = £8.7m.
    let brr = r.business_rates_risk.as_ref().expect("business rates risk reserve").value;
    let cont = r.contingency_reserve.as_ref().expect("contingency reserve").value;
    let after = r.business_rates_risk_after.as_ref().expect("business rates risk reserve after").value;
    assert_eq!((brr, cont, after), (m("19.7"), m("11"), m("8.7")));
    assert_eq!(brr - cont, after);
}

#[test]
fn shipped_forecast_reproduced_exactly() {
    let ds = shipped().dataset;
    let inp = RevenueInputs::from_dataset(&ds).unwrap();
    assert_eq!(inp, herefordshire());
    let out = model(&inp, &RevenueLevers::default());
    assert_eq!(out.overspend_before_action, ds.budget.forecast_overspend.value);
    assert_eq!(out.overspend_after_action, ds.budget.overspend_after_action.value);
    assert_eq!(out.management_action, ds.budget.management_action.value);
    assert_eq!(ds.budget.forecast_overspend.value - ds.budget.overspend_after_action.value, ds.budget.management_action.value);
    assert_waterfall_sums(&out);
}

// ---- the model at the published assumptions ------------------------------------------------

#[test]
fn published_assumptions_give_10_2m_and_2_0m() {
    let out = model(&herefordshire(), &RevenueLevers::default());
    assert_eq!(out.overspend_before_action, m("10.2"));
    assert_eq!(out.management_action, m("8.2"));
    assert_eq!(out.overspend_after_action, m("2.0"));
    assert_eq!(out.forecast_outturn, m("214.8"));
    assert_eq!(out.undelivered, SavingsByStatus { delivered: m("0"), on_target: m("0"), at_risk: m("5.0") });
    assert_eq!(out.delivered_total, m("14.5"));
}

#[test]
fn decomposition_is_as_documented() {
    let d = decompose(&herefordshire());
    // £11.6m pressures = £6.6m other + £5.0m at-risk savings; offset £11.6m − £10.2m = £1.4m.
    assert_eq!(d, Decomposition { undelivered_in_forecast: m("5.0"), other_pressures: m("6.6"), offsets: m("1.4") });
    assert_eq!(d.other_pressures + d.undelivered_in_forecast - d.offsets, m("10.2"));
}

#[test]
fn waterfall_at_published_assumptions() {
    let out = model(&herefordshire(), &RevenueLevers::default());
    assert_waterfall_sums(&out);
    let got: Vec<(&str, Money)> = out.waterfall.iter().map(|s| (s.key, s.amount)).collect();
    assert_eq!(
        got,
        vec![
            ("budget", m("212.8")),
            ("pressures", m("6.6")),
            ("extra", m("0")),
            ("undelivered_delivered", m("0")),
            ("undelivered_on_target", m("0")),
            ("undelivered_at_risk", m("5.0")),
            ("offsets", m("-1.4")),
            ("before_action", m("223.0")),
            ("action", m("-8.2")),
            ("outturn", m("214.8")),
        ]
    );
}

#[test]
fn half_of_at_risk_savings_slipping() {
    // The published forecast already has all £5.0m at risk slipping. If half are delivered
    // instead: £10.2m − £2.5m = £7.7m before action; £8.2m of action is more than needed and is
    // applied only up to balance, so £0 after.
    let mut lv = RevenueLevers::default();
    set(&mut lv, "rev.atrisk", lit("50")).unwrap();
    let out = model(&herefordshire(), &lv);
    assert_eq!(out.undelivered.at_risk, m("2.5"));
    assert_eq!(out.overspend_before_action, m("7.7"));
    assert_eq!(out.management_action, m("7.7"));
    assert_eq!(out.overspend_after_action, m("0"));
    assert_waterfall_sums(&out);

    // And half of the on-target savings slipping on top: +£2.8m.
    set(&mut lv, "rev.ontarget", lit("50")).unwrap();
    set(&mut lv, "rev.action", lit("50")).unwrap();
    let out = model(&herefordshire(), &lv);
    assert_eq!(out.overspend_before_action, m("10.5"));
    assert_eq!(out.management_action, m("4.1"));
    assert_eq!(out.overspend_after_action, m("6.4"));
    assert_waterfall_sums(&out);
}

#[test]
fn extra_pressures_and_management_action() {
    let mut lv = RevenueLevers::default();
    set(&mut lv, "rev.press", lit("3.5")).unwrap();
    set(&mut lv, "rev.action", lit("25")).unwrap();
    let out = model(&herefordshire(), &lv);
    assert_eq!(out.overspend_before_action, m("13.7"));
    assert_eq!(out.management_action, m("2.05"));
    assert_eq!(out.overspend_after_action, m("11.65"));
    assert_waterfall_sums(&out);
}

#[test]
fn base_year_draw_comes_from_the_contingency_reserve_first() {
    let out = model(&herefordshire(), &RevenueLevers::default());
    assert_eq!(out.draw.from_contingency, m("2.0"));
    assert_eq!(out.draw.from_other_earmarked, m("0"));
    assert_eq!(out.draw.from_general_fund, m("0"));
    assert_eq!(out.draw.after.contingency, m("9.0"));
    assert_eq!(out.draw.after.total(), m("80.8"));

    let mut lv = RevenueLevers::default();
    set(&mut lv, "rev.press", lit("20")).unwrap();
    set(&mut lv, "rev.action", lit("0")).unwrap();
    let out = model(&herefordshire(), &lv);
    // £30.2m: £11m contingency, then £19.2m other earmarked, general fund untouched.
    assert_eq!(out.overspend_after_action, m("30.2"));
    assert_eq!((out.draw.from_contingency, out.draw.from_other_earmarked, out.draw.from_general_fund), (m("11"), m("19.2"), m("0")));
}

#[test]
fn medium_term_gaps() {
    let mut lv = RevenueLevers::default();
    assert!(model(&herefordshire(), &lv).medium_term.iter().all(|g| g.total.is_zero()));
    assert_eq!(model(&herefordshire(), &lv).medium_term.len(), 5);
    set(&mut lv, "rev.slip", lit("40")).unwrap();
    set(&mut lv, "rev.recur", lit("50")).unwrap();
    set(&mut lv, "rev.gap", lit("3")).unwrap();
    set(&mut lv, "rev.years", lit("3")).unwrap();
    let out = model(&herefordshire(), &lv);
    // £5.0m undelivered × (1 − 40%) × 50% = £1.5m a year, plus the £3m gap.
    let years: Vec<(Fy, Money, Money)> = out.medium_term.iter().map(|g| (g.fy, g.undelivered_savings, g.total)).collect();
    assert_eq!(years, vec![(Fy(2025), m("1.5"), m("4.5")), (Fy(2026), m("1.5"), m("4.5")), (Fy(2027), m("1.5"), m("4.5"))]);
    assert_eq!(out.draws_by_year(), vec![(Fy(2024), m("2.0")), (Fy(2025), m("4.5")), (Fy(2026), m("4.5")), (Fy(2027), m("4.5"))]);
}

// ---- the reserves runway, by hand ----------------------------------------------------------

fn with_gap(gap: &str) -> RevenueOutputs {
    let mut lv = RevenueLevers::default();
    set(&mut lv, "rev.gap", lit(gap)).unwrap();
    model(&herefordshire(), &lv)
}

#[test]
fn runway_hand_computed() {
    // £82.8m; 2024/25 draws £2.0m; then £10m a year for five years.
    // Closing:      80.8   70.8   60.8   50.8   40.8   30.8
    // DSG stock:     0      0     30     49.5   62     70
    // Usable:       80.8   70.8   30.8    1.3  −21.2  −39.2   -> runs out in 2028/29
    let out = with_gap("10");
    let dsg = [(Fy(2026), m("30")), (Fy(2027), m("49.5")), (Fy(2028), m("62")), (Fy(2029), m("70"))];
    let r = runway(&out, &dsg, &[]);
    let usable: Vec<Money> = r.years.iter().map(|y| y.usable).collect();
    assert_eq!(usable, vec![m("80.8"), m("70.8"), m("30.8"), m("1.3"), m("-21.2"), m("-39.2")]);
    assert_eq!(r.runs_out, Some(Fy(2028)));
    assert_eq!(r.years[0].opening, m("82.8"));
    assert_eq!(r.years[0].pools.contingency, m("9.0"));
    // 2025/26: £10m more from contingency (£9m left) then £1m from other earmarked.
    assert_eq!((r.years[1].pools.contingency, r.years[1].pools.other_earmarked, r.years[1].pools.general_fund), (m("0"), m("61.2"), m("9.6")));

    // £1m a year of capital financing from 2026/27 brings it a year earlier:
    // closing 80.8, 70.8, 59.8, 48.8 -> 2027/28 usable 48.8 − 49.5 = −0.7.
    let capital = [(Fy(2026), m("1")), (Fy(2027), m("1")), (Fy(2028), m("1")), (Fy(2029), m("1"))];
    let r = runway(&out, &dsg, &capital);
    assert_eq!(r.years[3].closing, m("48.8"));
    assert_eq!(r.years[3].usable, m("-0.7"));
    assert_eq!(r.runs_out, Some(Fy(2027)));
}

#[test]
fn runway_never_runs_out_and_exactly_zero_is_not_out() {
    let out = with_gap("0");
    assert_eq!(runway(&out, &[], &[]).runs_out, None);
    // Closing stays 80.8 after 2024/25; a DSG stock of exactly £80.8m leaves £0, not below.
    let r = runway(&out, &[(Fy(2027), m("80.8"))], &[]);
    assert_eq!(r.years[3].usable, m("0"));
    assert_eq!(r.runs_out, None);
    let r = runway(&out, &[(Fy(2027), m("80.80000001"))], &[]);
    assert_eq!(r.runs_out, Some(Fy(2027)));
    // Entries outside the runway's years are ignored; years covered are 2024/25..2029/30.
    let r = runway(&out, &[(Fy(2035), m("1000"))], &[(Fy(2020), m("1000"))]);
    assert_eq!(r.runs_out, None);
    assert_eq!(r.years.iter().map(|y| y.fy).collect::<Vec<_>>(), (2024..=2029).map(Fy).collect::<Vec<_>>());
}

#[test]
fn runway_when_the_revenue_draw_alone_exhausts_reserves() {
    // £30m a year: 80.8, 50.8, 20.8, −9.2 -> runs out in 2027/28 with no DSG deficit at all;
    // the general fund goes below zero and the pools still add up.
    let out = with_gap("30");
    let r = runway(&out, &[], &[]);
    assert_eq!(r.runs_out, Some(Fy(2027)));
    assert_eq!(r.years[3].closing, m("-9.2"));
    assert_eq!(r.years[3].pools.total(), m("-9.2"));
    assert_eq!(r.years[3].pools.general_fund, m("-9.2"));
}

// ---- levers --------------------------------------------------------------------------------

#[test]
fn lever_table_is_sound() {
    let revenue: Vec<_> = LEVERS.iter().filter(|l| l.group == Group::Revenue).collect();
    let mut keys: Vec<&str> = revenue.iter().map(|l| l.key).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), revenue.len(), "keys are unique");
    assert_eq!(revenue.len(), 9);
    let lv = RevenueLevers::default();
    for l in revenue {
        assert!(l.key.starts_with("rev."), "{}", l.key);
        let (min, max, step) = l.range();
        let default = get(&lv, l.key).unwrap();
        assert!(min <= default && default <= max, "{}", l.key);
        assert!(step > Decimal::ZERO, "{}", l.key);
        assert!(!l.label.is_empty() && !l.help.is_empty(), "{}", l.key);
        let mut other = lv;
        set(&mut other, l.key, max).unwrap();
        assert_eq!(get(&other, l.key), Some(max.normalize()), "{}", l.key);
    }
}

#[test]
fn lever_errors_say_what_was_expected() {
    let mut lv = RevenueLevers::default();
    let e = set(&mut lv, "rev.atrisk", lit("101")).unwrap_err();
    // The lever's own message, without its name (a field's label or a link's key goes beside it).
    assert_eq!(e, "must be between 0 and 100, not 101");
    assert_eq!(set(&mut lv, "rev.nope", lit("1")).unwrap_err(), "rev.nope: not a lever this app knows");
    assert_eq!(set(&mut lv, "rev.years", lit("2.5")).unwrap_err(), "must be a whole number, not 2.5");
    assert_eq!(lv, RevenueLevers::default(), "a failed set changes nothing");
    set(&mut lv, "rev.years", lit("7.0")).unwrap();
    assert_eq!(lv.years, 7);
}

// ---- laws ----------------------------------------------------------------------------------

fn pct() -> impl Strategy<Value = Decimal> {
    (0u32..=100).prop_map(Decimal::from)
}

fn pounds_m() -> impl Strategy<Value = Decimal> {
    (-200i64..=400).prop_map(|t| Decimal::new(t, 1))
}

fn levers() -> impl Strategy<Value = RevenueLevers> {
    (pct(), pct(), pct(), pounds_m(), pct(), pct(), pct(), (0i64..=500).prop_map(|t| Decimal::new(t, 1)), 1u32..=10).prop_map(
        |(ar, ot, del, press, act, slip, rec, gap, years)| {
            let mut l = RevenueLevers::default();
            set(&mut l, "rev.atrisk", ar).unwrap();
            set(&mut l, "rev.ontarget", ot).unwrap();
            set(&mut l, "rev.delivered", del).unwrap();
            set(&mut l, "rev.press", press).unwrap();
            set(&mut l, "rev.action", act).unwrap();
            set(&mut l, "rev.slip", slip).unwrap();
            set(&mut l, "rev.recur", rec).unwrap();
            set(&mut l, "rev.gap", gap).unwrap();
            set(&mut l, "rev.years", Decimal::from(years)).unwrap();
            l
        },
    )
}

proptest! {
    #[test]
    fn delivering_more_savings_never_raises_the_overspend(base in levers(), which in 0usize..3, a in pct(), b in pct()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let key = ["rev.atrisk", "rev.ontarget", "rev.delivered"][which];
        let mut less = base;
        set(&mut less, key, lo).unwrap();
        let mut more = base;
        set(&mut more, key, hi).unwrap();
        let inp = herefordshire();
        let (o_less, o_more) = (model(&inp, &less), model(&inp, &more));
        prop_assert!(o_more.overspend_before_action <= o_less.overspend_before_action);
        prop_assert!(o_more.overspend_after_action <= o_less.overspend_after_action);
        prop_assert!(o_more.undelivered_total <= o_less.undelivered_total);
    }

    #[test]
    fn waterfall_always_sums_to_the_outturn(lv in levers()) {
        let out = model(&herefordshire(), &lv);
        assert_waterfall_sums(&out);
        prop_assert_eq!(out.undelivered_total + out.delivered_total, m("19.5"));
        prop_assert_eq!(out.draw.after.total(), m("82.8") - out.overspend_after_action);
        prop_assert!(out.management_action >= Decimal::ZERO);
    }

    #[test]
    fn runway_balances_reconcile(lv in levers(), dsg in proptest::collection::vec((2024i32..=2034, 0i64..=2000), 0..6)) {
        let out = model(&herefordshire(), &lv);
        let dsg: Vec<(Fy, Money)> = dsg.into_iter().map(|(y, v)| (Fy(y), Decimal::new(v, 1) * lit("1000000"))).collect();
        let r = runway(&out, &dsg, &[]);
        let mut expected = m("82.8");
        for (y, (fy, d)) in r.years.iter().zip(out.draws_by_year()) {
            prop_assert_eq!(y.fy, fy);
            expected -= d;
            prop_assert_eq!(y.closing, expected);
            prop_assert_eq!(y.pools.total(), expected);
        }
        let first = r.years.iter().find(|y| y.usable < Decimal::ZERO).map(|y| y.fy);
        prop_assert_eq!(r.runs_out, first);
    }
}
