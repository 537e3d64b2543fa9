//! The capital programme's in-year bridge, from the approved budget to the revised one: the
//! Capital page's first figure, which the committee pack prints too.

use crate::charts::{Chart, Series, Style};
use crate::model::capital::{bridge, CapitalInputs};
use crate::ui::components::chart::{Figure, Table};
use crate::units::money::{gbp, gbp_m, gbp_m_at, places, to_f64};

/// The bridge as a figure, and whether the published steps reconcile.
pub fn bridge_figure(inp: &CapitalInputs) -> (Figure, bool) {
    let b = bridge(inp);
    let title = if inp.unchanged_in_year() {
        format!("The {} capital programme was not changed in the year", gbp_m(inp.approved))
    } else if inp.reprofiled.is_zero() && b.computed == inp.approved {
        format!("The {} capital programme is the same total after the year's changes, with nothing reprofiled to later years", gbp_m(inp.approved))
    } else if inp.reprofiled.is_zero() {
        // "£0m was reprofiled …, taking the £1.2m programme to £1.2m" said nothing.
        format!("The {} capital programme was revised to {}, with nothing reprofiled to later years", gbp_m(inp.approved), gbp_m(b.computed))
    } else {
        format!("{} was reprofiled to later years, taking the {} programme to {}", crate::ui::components::words::said(inp.reprofiled, gbp_m), gbp_m(inp.approved), gbp_m(b.computed))
    };
    let mut c = Chart::new("cap-bridge", &title);
    c.description = format!("Waterfall: from the approved capital budget of {} through the in-year changes to the revised budget of {}.", gbp_m(inp.approved), gbp_m(inp.revised));
    c.x_labels = ["Approved", "Brought fwd", "Movements", "Removed", "Grants", "Reprofiled", "Revised"].map(String::from).to_vec();
    c.categories = true;
    let mut values: Vec<Option<f64>> = b.steps.iter().map(|s| Some(to_f64(s.level))).collect();
    values.push(Some(to_f64(b.computed)));
    c.series.push(Series { name: "Approved and revised budget".into(), values, style: Style::Waterfall, colour: 0 });
    c.series.push(Series { name: "Adds to the programme".into(), values: vec![], style: Style::Bars, colour: 2 });
    c.series.push(Series { name: "Takes from the programme".into(), values: vec![], style: Style::Bars, colour: 1 });
    c.height = 320;
    let mut t = Table { caption: "Capital programme this year: from approved to revised (£)".into(), headers: ["Step", "Change", "Running total"].map(String::from).to_vec(), rows: vec![] };
    for (i, s) in b.steps.iter().enumerate() {
        t.rows.push(vec![s.label.to_string(), if i == 0 { String::new() } else { gbp(s.amount) }, gbp(s.level)]);
    }
    t.rows.push(vec!["Revised capital budget (published)".into(), String::new(), gbp(b.published)]);
    // As many places as make the sentence add up as read (£750,000 removed read "£0.8m", and the
    // printed steps summed to £57.8m against a printed £57.9m).
    let dp = places(&[(&[inp.approved, inp.brought_forward, inp.movements, inp.added_grants, -inp.removed, -inp.reprofiled], b.computed)]);
    let f = |x| gbp_m_at(x, dp);
    // Only the steps that change something: "plus £0m brought forward, £0m of movements …"
    // read as a form, not a sentence.
    let list = |items: Vec<String>| crate::ui::components::words::listed(&items);
    // Movements either way: added with the others, or taken off ("plus … −£10m of movements"
    // read badly).
    let zero = rust_decimal::Decimal::ZERO;
    let plus = list([(inp.brought_forward, "brought forward"), (inp.movements.max(zero), "of movements"), (inp.added_grants, "of grants")].into_iter().filter(|(x, _)| !x.is_zero()).map(|(x, what)| format!("{} {what}", f(x))).collect());
    let less = list([(-inp.movements.min(zero), "of movements"), (inp.removed, "removed"), (inp.reprofiled, "reprofiled into future years")].into_iter().filter(|(x, _)| !x.is_zero()).map(|(x, what)| format!("{} {what}", f(x))).collect());
    let summary = match (plus.is_empty(), less.is_empty()) {
        (true, true) => format!("The approved {} is unchanged: the revised budget is {}.", f(inp.approved), f(b.computed)),
        (false, true) => format!("The approved {} plus {plus} gives the revised {}.", f(inp.approved), f(b.computed)),
        (true, false) => format!("The approved {} less {less} gives the revised {}.", f(inp.approved), f(b.computed)),
        (false, false) => format!("The approved {} plus {plus}, less {less}, gives the revised {}.", f(inp.approved), f(b.computed)),
    };
    (Figure::new(c, t, summary), b.reconciles())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> crate::data::Dataset {
        crate::testing::q2().dataset
    }

    #[test]
    fn bridge_from_160m_to_96_4m() {
        let (Figure { chart: c, table: t, summary: s }, ok) = bridge_figure(&CapitalInputs::from_dataset(&shipped().capital));
        assert!(ok);
        assert_eq!(c.x_labels.len(), 7);
        assert_eq!(c.series[0].values.first(), Some(&Some(160_000_000.0)));
        assert_eq!(c.series[0].values.last(), Some(&Some(96_400_000.0)));
        assert!(c.title.contains("£160m") && c.title.contains("£96.4m") && c.title.contains("£82.8m"));
        assert!(s.contains("£96.4m"));
        assert_eq!(t.rows.last().unwrap()[2], "£96,400,000");
    }

    #[test]
    fn the_sentence_adds_up_as_printed() {
        // Ávila's £750,000 removed: at one place the steps read £57.8m and the total £57.9m.
        let l = crate::testing::avila();
        let (Figure { summary: s, .. }, _) = bridge_figure(&CapitalInputs::from_dataset(&l.dataset.capital));
        // The amounts as read: what follows "less" is taken off, the rest added, to the total.
        let amounts = |text: &str| -> Vec<rust_decimal::Decimal> { text.split('£').skip(1).map(|a| a.split('m').next().unwrap().parse().unwrap()).collect() };
        let (added, rest) = s.split_once(", less ").unwrap_or_else(|| panic!("{s}"));
        let (less, total) = rest.split_once(", gives the revised ").unwrap_or_else(|| panic!("{s}"));
        let sum = |xs: Vec<rust_decimal::Decimal>| xs.into_iter().fold(rust_decimal::Decimal::ZERO, |a, b| a + b);
        assert_eq!(sum(amounts(added)) - sum(amounts(less)), sum(amounts(total)), "{s}");
        assert_eq!(amounts(added).len() + amounts(less).len(), 6, "every step is said: {s}");
        // Ávila's movements are a reduction: said with what is taken off, not as "plus −£1.2m".
        assert!(less.starts_with("£1.2m of movements") && !s.contains('−'), "{s}");
    }
}
