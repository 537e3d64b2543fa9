//! The reserves runway of a whole scenario (revenue, high needs and capital together): the
//! Savings page's figure, which the committee pack prints too.

use crate::charts::{Chart, Series, Style};
use crate::model::outcome::Outcome;
use crate::model::revenue::Runway;
use crate::ui::components::chart::{Figure, Table};
use crate::units::calendar::Fy;
use crate::units::money::{gbp, gbp_m, gbp_short, to_f64, Money};

/// The runway's chart, table and summary; `None` when the data gives no revenue outturn.
pub fn runway_figure(o: &Outcome) -> Option<Figure> {
    let rw = o.runway.as_ref()?;
    let (c, t) = runway_chart(rw);
    Some(Figure::new(c, t, runway_summary(rw, o.projection_last_year())))
}

fn runway_chart(rw: &Runway) -> (Chart, Table) {
    let last = rw.years.last();
    let title = match (rw.runs_out, last) {
        (Some(y), _) => format!("On these assumptions usable reserves run out in {}", y.label()),
        (None, Some(l)) => format!("Usable reserves last to {}, with {} left after the DSG deficit", l.fy.end().long(), gbp_m(l.usable)),
        (None, None) => "Usable reserves".into(),
    };
    let mut c = Chart::new("sv-runway", &title);
    c.description = "Bars: usable reserves at each 31 March after the revenue draws, the cost of borrowing and the cost of carrying the DSG deficit. Solid line: what would be left if the DSG deficit counting against reserves had to be met. Dashed line: that DSG deficit.".into();
    c.x_labels = rw.years.iter().map(|y| y.fy.label()).collect();
    c.series.push(Series { name: "Usable reserves after revenue draws and borrowing costs".into(), values: rw.years.iter().map(|y| Some(to_f64(y.closing))).collect(), style: Style::Bars, colour: 0 });
    c.series.push(Series { name: "Left after meeting the DSG deficit".into(), values: rw.years.iter().map(|y| Some(to_f64(y.usable))).collect(), style: Style::Line, colour: 3 });
    c.series.push(Series { name: "DSG deficit counting against reserves".into(), values: rw.years.iter().map(|y| Some(to_f64(y.dsg_against_reserves))).collect(), style: Style::Dashed, colour: 2 });
    c.height = 340;
    let mut t = Table {
        caption: "Usable reserves year by year (£)".into(),
        headers: ["Year", "Opening", "Revenue draw", "Cost of borrowing", "Cost of carrying the DSG deficit", "Closing", "Of which general fund", "DSG deficit against reserves", "Left after DSG deficit"].map(String::from).to_vec(),
        rows: vec![],
    };
    for y in &rw.years {
        t.rows.push(vec![y.fy.label(), gbp(y.opening), gbp(y.revenue_draw), gbp(y.capital_cost), gbp(y.carrying_cost), gbp(y.closing), gbp(y.pools.general_fund), gbp(y.dsg_against_reserves), gbp(y.usable)]);
    }
    (c, t)
}

fn runway_summary(rw: &Runway, dsg_last: Option<Fy>) -> String {
    let (Some(first), Some(last)) = (rw.years.first(), rw.years.last()) else { return String::new() };
    let draws: Money = rw.years.iter().map(|y| y.revenue_draw).sum();
    let borrowing: Money = rw.years.iter().map(|y| y.capital_cost).sum();
    let carrying: Money = rw.years.iter().map(|y| y.carrying_cost).sum();
    // One money form throughout (a small council's read "£0 and £867,629 … is £0m"), and a
    // cost or deficit that is nothing said as nothing.
    let mut s = format!(
        "Usable reserves of {} (the latest the papers report, taken as at the start of {}) are {} by {} after {}, {} and {}; {}, leaving {}.",
        gbp_short(first.opening),
        first.fy.label(),
        gbp_short(last.closing),
        last.fy.end().long(),
        // Underspends add to reserves: not "revenue draws of −£2.5m".
        if draws < Money::ZERO { format!("revenue underspends adding {}", gbp_short(-draws)) } else { format!("revenue draws of {}", gbp_short(draws)) },
        if borrowing.is_zero() { "no borrowing costs".to_string() } else { format!("borrowing costs of {}", gbp_short(borrowing)) },
        if carrying.is_zero() { "nothing for carrying the DSG deficit".to_string() } else { format!("{} for carrying the DSG deficit", gbp_short(carrying)) },
        if last.dsg_against_reserves.is_zero() { "no DSG deficit counts against them then".to_string() } else { format!("the DSG deficit counting against them then is {}", gbp_short(last.dsg_against_reserves)) },
        gbp_short(last.usable)
    );
    if let Some(d) = dsg_last {
        if d < last.fy {
            s.push_str(&format!(" The high-needs projection ends in {}, so later years count no DSG deficit: lengthen \"Years to project\" on the High needs page to cover them.", d.label()));
        }
    }
    s
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dsg::Baseline;
    use crate::model::outcome::evaluate;
    use crate::model::scenario::Scenario;
    use rust_decimal::Decimal;

    #[test]
    fn the_figure_shows_every_year_of_the_outcomes_runway() {
        let loaded = crate::testing::q2();
        let b = Baseline::from_dataset(&loaded.dataset);
        let s = Scenario::default_for(&b);
        let o = evaluate(&loaded.dataset, &b, &s);
        let r = o.runway.as_ref().unwrap();
        let (_, out) = o.revenue.as_ref().unwrap();
        assert_eq!(r.years.len(), 1 + s.rev.years as usize);
        assert_eq!(r.years[0].revenue_draw, out.overspend_after_action);
        assert!(r.years.iter().skip(1).any(|y| y.capital_cost > Decimal::ZERO), "borrowing costs start the year after spend");
        let f = runway_figure(&o).unwrap();
        assert_eq!(f.chart.x_labels.len(), r.years.len());
        assert_eq!(f.table.rows.len(), r.years.len());
        assert_eq!(f.table.rows[0][2], gbp(out.overspend_after_action), "the first year's revenue draw");
        assert!(f.summary.starts_with("Usable reserves of "), "{}", f.summary);
    }
}
