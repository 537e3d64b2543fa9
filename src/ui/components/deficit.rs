//! The cumulative DSG deficit: the High needs page's main figure, its headlines and summary,
//! which the committee pack and the embed show too.

use crate::charts::{Chart, Marker, Point, Series, Style};
use crate::model::dsg::{Baseline, PolicyPreset, Projection};
use crate::ui::components::chart::{Figure, Table};
use crate::units::calendar::Fy;
use crate::units::money::{gbp, gbp_m, pct, to_f64};
use crate::ui::components::words::balance;
use leptos::prelude::*;
use std::sync::Arc;

/// The year the deficit, counted against reserves, passes a sum. An override that never ends
/// never counts it: "not within the horizon" suggested it might, later.
pub fn passes_text(override_last_year: Option<Fy>, y: Option<Fy>) -> String {
    if override_last_year.is_none() { "never: not counted".into() } else { year_text(y) }
}

/// Under a "passes … in" card, where mitigations are set: the year without them, or that it is
/// the same (a trial's councillor could not tell whether 60 new places moved the year reserves
/// are passed without comparing two columns of a table). "" with no mitigation set.
pub fn without_mitigations(p: &Projection, pick: fn(&crate::model::dsg::Headline) -> Option<Fy>) -> String {
    if p.override_last_year.is_none() || p.unmitigated.rows == p.mitigated.rows {
        return String::new();
    }
    match (pick(&p.mitigated.headline), pick(&p.unmitigated.headline)) {
        (with, without) if with == without => "the same without the mitigations".into(),
        (_, without) => format!("without the mitigations: {}", year_text(without)),
    }
}

fn year_text(y: Option<Fy>) -> String {
    y.map(|y| y.label()).unwrap_or_else(|| "not within the horizon".into())
}

/// The x position of a date on a chart whose categories are financial years (balances at 31 March).
fn x_of(base: Fy, d: crate::units::calendar::Date) -> f64 {
    // 31 March of year `fy` is at fy - base; other dates fall between by month.
    let fy = d.fy();
    let months_from_april = ((d.month as i32 + 8) % 12) as f64 + d.day as f64 / 31.0;
    (fy.0 - base.0) as f64 - 1.0 + months_from_april / 12.0
}

/// Where on the chart's x axis a forecast for `date` is drawn, if it is within the years shown.
fn drawn_at(p: &Projection, date: crate::units::calendar::Date) -> Option<f64> {
    let x = x_of(p.base_year, date);
    (x >= -0.5 && x <= p.mitigated.rows.len() as f64 - 0.5).then_some(x)
}

/// The deficit figure: chart, table and the sentence that sums it up.
pub fn deficit_figure(p: &Projection, b: &Baseline) -> Figure {
    Figure::new(deficit_chart(p, b), deficit_table(p, &b.forecasts), summary_sentence(p))
}

fn deficit_chart(p: &Projection, b: &Baseline) -> Chart {
    let rows_u = &p.unmitigated.rows;
    let rows_m = &p.mitigated.rows;
    let h = &p.mitigated.headline;
    let title = match (h.exceeds_general_fund, p.override_last_year) {
        (Some(y), Some(last)) if b.ended_before_modelled(last) => {
            format!("On these assumptions the override had ended before the years projected, so the deficit counts against reserves, and is more than the general fund balance in {}", y.label())
        }
        (Some(y), _) => format!("On these assumptions the deficit counts against reserves once the override ends, and is more than the general fund balance in {}", y.label()),
        (None, None) => "On these assumptions the override never ends, so the deficit stays off the council's reserves".into(),
        (None, Some(_)) => "On these assumptions the deficit stays within the general fund balance".into(),
    };
    let mut c = Chart::new("hn-deficit", &title);
    c.description = "Lines: the cumulative DSG deficit at each 31 March, unmitigated and mitigated, beside the general fund balance and total usable reserves. Crosses: the council's published forecasts.".into();
    c.x_labels = rows_m.iter().map(|r| r.year.label()).collect();
    let mitigations_on = rows_u != rows_m;
    c.series.push(Series { name: "Cumulative deficit, unmitigated".into(), values: rows_u.iter().map(|r| Some(to_f64(r.cumulative_deficit))).collect(), style: if mitigations_on { Style::Dashed } else { Style::Line }, colour: 0 });
    if mitigations_on {
        c.series.push(Series { name: "Cumulative deficit, mitigated".into(), values: rows_m.iter().map(|r| Some(to_f64(r.cumulative_deficit))).collect(), style: Style::Line, colour: 1 });
    }
    c.series.push(Series { name: "General fund balance".into(), values: rows_m.iter().map(|r| Some(to_f64(r.general_fund))).collect(), style: Style::Dotted, colour: 3 });
    c.series.push(Series { name: "Total usable reserves".into(), values: rows_m.iter().map(|r| Some(to_f64(r.usable_reserves))).collect(), style: Style::Level, colour: 4 });
    if let Some(last) = p.override_last_year {
        if last >= p.base_year && last.0 - p.base_year.0 < rows_m.len() as i32 - 1 {
            c.markers.push(Marker { x: (last.0 - p.base_year.0) as f64, label: format!("Override ends {}", last.end().long()) });
        }
    }
    let w = &p.levers.write_off;
    if !w.share.is_zero() && w.paid_in.0 - p.base_year.0 < rows_m.len() as i32 {
        c.markers.push(Marker { x: (w.paid_in.0 - p.base_year.0) as f64 - 0.5, label: format!("Write-off paid {}", w.paid_in.label()) });
    }
    for f in &b.forecasts {
        if let Some(x) = drawn_at(p, f.for_date) {
            c.points.push(Point { x, y: to_f64(f.amount), label: format!("{} forecast", f.made.long()), colour: 2 });
        }
    }
    c.height = 380;
    c
}

/// The table of the deficit chart: each year's figures and, where the papers give any, the
/// published forecasts the chart marks with crosses in that year.
fn deficit_table(p: &Projection, forecasts: &[crate::model::dsg::PublishedForecast]) -> Table {
    let mut t = Table {
        caption: "Cumulative DSG deficit and reserves at each 31 March (£)".into(),
        headers: ["Year", "In-year deficit, unmitigated", "In-year deficit, mitigated", "Write-off", "Cumulative, unmitigated", "Cumulative, mitigated", "Override in force", "General fund", "Usable reserves"].map(String::from).to_vec(),
        rows: vec![],
    };
    let published = |year: Fy| {
        forecasts
            .iter()
            .filter(|f| f.for_date.fy() == year && drawn_at(p, f.for_date).is_some())
            .map(|f| {
                let ceiling = f.qualifier.as_ref().map(|q| format!("{q} ")).unwrap_or_default();
                let when = if f.for_date == year.end() { String::new() } else { format!(" for {}", f.for_date.long()) };
                format!("{ceiling}{}{when}: {}, {}", gbp(f.amount), f.label, f.made.long())
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    // Worked out once a row (this table is redrawn on every slider move).
    let cells: Vec<String> = p.mitigated.rows.iter().map(|r| published(r.year)).collect();
    let marked = cells.iter().any(|c| !c.is_empty());
    if marked {
        t.headers.push("Published forecasts (crosses)".into());
    }
    for ((u, m), cell) in p.unmitigated.rows.iter().zip(&p.mitigated.rows).zip(cells) {
        let mut row = vec![
            m.year.label(),
            gbp(u.in_year_deficit),
            gbp(m.in_year_deficit),
            gbp(m.write_off),
            gbp(u.cumulative_deficit),
            gbp(m.cumulative_deficit),
            if m.override_in_force { "yes".into() } else { "no".into() },
            gbp(m.general_fund),
            gbp(m.usable_reserves),
        ];
        if marked {
            row.push(cell);
        }
        t.rows.push(row);
    }
    t
}

pub fn summary_sentence(p: &Projection) -> String {
    let h = &p.mitigated.headline;
    let horizon = p.mitigated.rows.last().map(|r| r.year).unwrap_or(p.base_year);
    let mut s = match (p.override_last_year, h.deficit_at_override_end) {
        (Some(last), Some(d)) if last < p.base_year => {
            // The date is the brought-forward balance's: said as such, as the papers' own end date
            // may be earlier (a reviewer's council read three dates and could not tell why).
            format!("The override had ended before the years projected; the {} brought forward at {} was {}. ", if d < rust_decimal::Decimal::ZERO { "balance" } else { "deficit" }, last.end().long(), balance(d, gbp_m))
        }
        (Some(last), Some(d)) if d < rust_decimal::Decimal::ZERO => format!("When the override ends on {}, there is no deficit but {}. ", last.end().long(), balance(d, gbp_m)),
        (Some(last), Some(d)) => format!("When the override ends on {}, the deficit is {}. ", last.end().long(), gbp_m(d)),
        (Some(last), None) => format!("The override ends on {}, after the last year projected ({}), so within the projection the deficit does not count against reserves. ", last.end().long(), horizon.label()),
        (None, _) => "The override never ends in this scenario, so the deficit never counts against reserves. ".into(),
    };
    match (h.exceeds_general_fund, h.exceeds_usable_reserves) {
        (Some(g), Some(u)) => s.push_str(&format!("Counted against reserves from then, it is more than the general fund balance in {} and more than total usable reserves in {}.", g.label(), u.label())),
        (Some(g), None) => s.push_str(&format!("Counted against reserves from then, it is more than the general fund balance in {}, but within total usable reserves to {}.", g.label(), horizon.label())),
        // The override never ends, or ends after the last year projected: nothing is counted yet.
        _ if h.deficit_at_override_end.is_none() => {}
        _ => s.push_str(&format!("Counted against reserves from then, it stays within the general fund balance to {}.", horizon.label())),
    }
    s.trim_end().to_string()
}

/// Whose date the scenario's override end is, said under its headline: a resident saw "31 March
/// 2026" and could not tell it was the council's papers' date, since extended by the government.
/// `extended`: the government's later end and when it was announced, if the papers do not give
/// it, and whether that was after them (`PolicyNews::override_news`).
pub fn override_whose(last: Option<Fy>, b: &Baseline, extended: Option<(&crate::ui::components::policy_news::OverrideNews, bool)>) -> String {
    use crate::model::dsg::OverrideEndOrigin as O;
    let papers = b.override_end.long();
    // The extension since the papers, if any. Where the override had ended on the papers' date,
    // a later national date is another scenario, not this card's: the presets model it.
    // Announced before papers that still give an earlier end: said as such (a trial's late-2025
    // file read as if its papers' end were still the rule). The choices are pointed to only
    // where they change something (for a base year after 2028/29 the extension is past).
    let modelled = !PolicyPreset::Override2028.matches(&crate::model::dsg::Levers::default_for(b), b);
    let since = |ended: bool| {
        extended
            .map(|((to, when), since)| {
                let before = if since { "" } else { ", before these papers," };
                let model = if (ended || !since) && modelled { ": the “National policy” choices model that" } else { "" };
                format!(" In {when}{before} the government extended it to {to}{model}.")
            })
            .unwrap_or_default()
    };
    match last.map(|y| b.override_end_origin(y)) {
        Some(O::Papers { ended_before: false }) => format!("The date in the council's papers.{}", since(false)),
        Some(O::Papers { ended_before: true } | O::EndedBeforeModelled) => format!("The council's papers say it ended on {papers}.{}", since(true)),
        Some(O::National) => format!("The date the government announced in {}; the council's papers give {papers}.", PolicyPreset::Override2028.date()),
        Some(O::Chosen { .. }) | None => format!("Chosen in this scenario; the council's papers give {papers}."),
    }
}

#[component]
pub fn Headlines(projection: Memo<Option<Arc<Projection>>>) -> impl IntoView {
    let app = crate::ui::state::use_app();
    // Whose date the override's end is changes with its year, not on every move of a slider.
    let last = crate::ui::memo::memo(move |_| projection.with(|p| p.as_ref().map(|p| p.override_last_year)));
    let whose = crate::ui::memo::memo(move |_| {
        let last = last.get()?;
        app.baseline.with(|b| app.news.with(|n| Some(override_whose(last, b.as_ref()?, n.as_ref().and_then(|n| n.override_news())))))
    });
    view! {
        <ul class="headlines" aria-label="Headline figures">
            {move || projection.get().map(|p| {
                let h = p.mitigated.headline.clone();
                let horizon = p.mitigated.rows.last().map(|r| r.year.end().long()).unwrap_or_default();
                // A surplus is named as one (the card and the sentence under it agree).
                let what = |d: rust_decimal::Decimal| if d < rust_decimal::Decimal::ZERO { "Balance" } else { "Deficit" };
                let at_override = match (p.override_last_year, h.deficit_at_override_end) {
                    (Some(y), Some(d)) if y < p.base_year => (format!("{} at {}, the override having ended", what(d), y.end().long()), balance(d, gbp_m)),
                    (Some(y), Some(d)) => (format!("{} when the override ends ({})", what(d), y.end().long()), balance(d, gbp_m)),
                    (Some(y), None) => (format!("Deficit when the override ends ({})", y.end().long()), "after the horizon".into()),
                    (None, _) => ("Deficit when the override ends".into(), "never ends".into()),
                };
                let residual = match (h.residual_at_override_end, h.residual_share_of_usable) {
                    (Some(r), _) if r <= rust_decimal::Decimal::ZERO => "nothing left to land on reserves".into(),
                    // Nothing written off after the override's end (none at all, or one paid before,
                    // already in the figure above): what is left is that figure, not said twice.
                    (Some(r), Some(share)) if Some(r) == h.deficit_at_override_end => format!("all of it lands on reserves: {} of usable reserves", pct(share, 0)),
                    (Some(r), Some(share)) => format!("{} left after the write-off: {} of usable reserves", gbp_m(r), pct(share, 0)),
                    _ => String::new(),
                };
                let passes = |y: Option<Fy>| passes_text(p.override_last_year, y);
                let without = |pick: fn(&crate::model::dsg::Headline) -> Option<Fy>| without_mitigations(&p, pick);
                view! {
                    <li><span>{at_override.0}</span><span class="big">{at_override.1}</span><span>{residual}</span><span class="whose">{whose.get()}</span></li>
                    <li><span>{format!("{} at {horizon}", what(h.deficit_at_horizon))}</span><span class="big">{balance(h.deficit_at_horizon, gbp_m)}</span></li>
                    <li><span>"Counted against reserves, passes the general fund balance in"</span><span class="big">{passes(h.exceeds_general_fund)}</span><span>{without(|h| h.exceeds_general_fund)}</span></li>
                    <li><span>"Counted against reserves, passes total usable reserves in"</span><span class="big">{passes(h.exceeds_usable_reserves)}</span><span>{without(|h| h.exceeds_usable_reserves)}</span></li>
                }
            })}
        </ul>
    }
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dsg::{project, Levers, OverrideEnd};
    use crate::units::calendar::Fy;

    #[test]
    fn a_passes_card_says_what_the_mitigations_change() {
        let b = crate::model::dsg::Baseline::from_dataset(&crate::testing::shipped().dataset);
        let lv = Levers::default_for(&b);
        let usable = |h: &crate::model::dsg::Headline| h.exceeds_usable_reserves;
        // No mitigation set: nothing under the card.
        assert_eq!(without_mitigations(&project(&b, &lv), usable), "");
        // The trial's 60 places from 2027/28: the year is the same, and said so.
        let mut places = lv.clone();
        places.places.per_year = rust_decimal::Decimal::from(60);
        places.places.start = Fy(2027);
        let p = project(&b, &places);
        assert_ne!(p.mitigated.rows, p.unmitigated.rows);
        assert_eq!(p.mitigated.headline.exceeds_usable_reserves, p.unmitigated.headline.exceeds_usable_reserves);
        assert_eq!(without_mitigations(&p, usable), "the same without the mitigations");
        // A saving large enough to move it: the year without them.
        let mut saving = lv.clone();
        saving.saving.per_year = rust_decimal::Decimal::from(20_000_000);
        let p = project(&b, &saving);
        let before = p.unmitigated.headline.exceeds_usable_reserves;
        assert_ne!(p.mitigated.headline.exceeds_usable_reserves, before);
        assert_eq!(without_mitigations(&p, usable), format!("without the mitigations: {}", year_text(before)));
        // An override that never ends counts nothing either way.
        let mut never = saving.clone();
        never.override_end = OverrideEnd::Never;
        assert_eq!(without_mitigations(&project(&b, &never), usable), "");
    }

    #[test]
    fn an_override_that_never_ends_never_counts_the_deficit() {
        assert_eq!(passes_text(None, None), "never: not counted");
        assert_eq!(passes_text(Some(Fy(2027)), None), "not within the horizon");
        assert_eq!(passes_text(Some(Fy(2027)), Some(Fy(2029))), "2029/30");
    }

    #[test]
    fn the_override_headline_says_whose_date_it_is() {
        let (ds, b) = crate::testing::q2_parts();
        let news = crate::ui::components::policy_news::policy_news(&ds, &b);
        let ext = news.override_news();
        let lv = Levers::default_for(&b);
        // The papers' 31 March 2026, and the government's extension since.
        assert_eq!(override_whose(lv.override_end.last_year(), &b, ext), "The date in the council's papers. In June 2025 the government extended it to 31 March 2028.");
        assert_eq!(override_whose(lv.override_end.last_year(), &b, None), "The date in the council's papers.");
        assert_eq!(override_whose(Some(Fy(2027)), &b, ext), format!("The date the government announced in June 2025; the council's papers give {}.", b.override_end.long()));
        assert_eq!(override_whose(Some(Fy(2030)), &b, ext), format!("Chosen in this scenario; the council's papers give {}.", b.override_end.long()));
        assert_eq!(override_whose(None, &b, ext), format!("Chosen in this scenario; the council's papers give {}.", b.override_end.long()));
        // Papers whose end is before the base year: the default counts from the first year modelled.
        let mut later = ds.clone();
        later.base_year = "2027-28".into();
        let lb = Baseline::from_dataset(&later);
        assert_eq!(override_whose(Levers::default_for(&lb).override_end.last_year(), &lb, None), format!("The council's papers say it ended on {}.", lb.override_end.long()));
        // The same with the extension since: the card counts from the papers' date, so the
        // extension is another choice, not this card's date.
        assert_eq!(
            override_whose(Levers::default_for(&lb).override_end.last_year(), &lb, ext),
            format!("The council's papers say it ended on {}. In June 2025 the government extended it to 31 March 2028: the “National policy” choices model that.", lb.override_end.long())
        );
        // A base year after 2028/29: the default (the 31 March before the first year) is the
        // government's date, later than the papers', and said as the government's.
        later.base_year = "2028-29".into();
        let lb = Baseline::from_dataset(&later);
        let default = Levers::default_for(&lb).override_end.last_year();
        assert_eq!(default, Some(Fy(2027)));
        assert_eq!(lb.override_end_origin(Fy(2027)), crate::model::dsg::OverrideEndOrigin::National);
        // Later still, the extension is past before the first year modelled: told, but no choice
        // is pointed to, as choosing it would change nothing.
        later.base_year = "2030-31".into();
        let lb = Baseline::from_dataset(&later);
        let said = override_whose(Levers::default_for(&lb).override_end.last_year(), &lb, ext);
        assert_eq!(said, format!("The council's papers say it ended on {}. In June 2025 the government extended it to 31 March 2028.", lb.override_end.long()));
        // Papers that give 31 March 2028 themselves: the date is theirs, not the government's.
        let ex = crate::testing::exampleshire();
        let eb = Baseline::from_dataset(&ex.dataset);
        assert_eq!(eb.published_override_last_year(), Fy(2027));
        assert_eq!(override_whose(Levers::default_for(&eb).override_end.last_year(), &eb, None), "The date in the council's papers.");
        // A later paper's later date: a hand-set 2027/28 is chosen, not the government's.
        let mut late = eb.clone();
        late.override_end = Fy(2029).end();
        assert_eq!(late.override_end_origin(Fy(2027)), crate::model::dsg::OverrideEndOrigin::Chosen { ended_before: false });
    }

    #[test]
    fn the_summary_says_what_counts_against_reserves_and_when() {
        let (_, b) = crate::testing::q2_parts();
        let lv = Levers::default_for(&b);
        let s = summary_sentence(&project(&b, &lv));
        assert!(s.starts_with(&format!("When the override ends on {}, the deficit is £", b.override_end.long())), "{s}");
        assert!(s.contains("Counted against reserves from then, it is more than the general fund balance in"), "{s}");
        // An override that ends after the last year projected: nothing is counted within it.
        let mut late = lv.clone();
        late.horizon = 3;
        late.override_end = OverrideEnd::Ends(Fy(b.base_year.0 + 9));
        let s = summary_sentence(&project(&b, &late));
        assert_eq!(s, format!("The override ends on {}, after the last year projected ({}), so within the projection the deficit does not count against reserves.", Fy(b.base_year.0 + 9).end().long(), Fy(b.base_year.0 + 3).label()));
        let mut never = lv;
        never.override_end = OverrideEnd::Never;
        assert_eq!(summary_sentence(&project(&b, &never)), "The override never ends in this scenario, so the deficit never counts against reserves.");
    }

    #[test]
    fn the_reserves_are_drawn_as_on_every_other_chart() {
        // Usable reserves a dash-dot level, as on Compare and Uncertainty; the general fund dotted.
        let (_, b) = crate::testing::q2_parts();
        let c = deficit_chart(&project(&b, &Levers::default_for(&b)), &b);
        let style = |name: &str| c.series.iter().find(|s| s.name == name).map(|s| s.style);
        assert_eq!((style("General fund balance"), style("Total usable reserves")), (Some(Style::Dotted), Some(Style::Level)));
    }

    #[test]
    fn the_table_lists_each_published_forecast_the_chart_marks_in_its_years_row() {
        let l = crate::data::parse_dataset(crate::testing::LATEST_JSON).unwrap();
        let b = Baseline::from_dataset(&l.dataset);
        let f = deficit_figure(&project(&b, &Levers::default_for(&b)), &b);
        let col = f.table.headers.iter().position(|h| h == "Published forecasts (crosses)").expect("a column of forecasts");
        // Every cross on the chart within the years shown is in the table, in its year's row.
        let shown: Vec<_> = b.forecasts.iter().filter(|fc| f.table.rows.iter().any(|r| r[0] == fc.for_date.fy().label())).collect();
        assert_eq!(shown.len(), f.chart.points.len(), "{:?}", f.chart.points);
        assert!(!shown.is_empty());
        for fc in shown {
            let row = f.table.rows.iter().find(|r| r[0] == fc.for_date.fy().label()).unwrap();
            assert!(row[col].contains(&format!("{}: {}, {}", crate::units::money::gbp(fc.amount), fc.label, fc.made.long())), "{:?}: {}", fc.label, row[col]);
        }
        // A forecast for a date before the chart's first year (30 June of the base year) is
        // neither drawn nor listed: the column is the crosses.
        let mut early = b.clone();
        early.forecasts.truncate(1);
        early.forecasts[0].for_date = crate::units::calendar::Date { year: b.base_year.end().year - 1, month: 6, day: 30 };
        assert_eq!(early.forecasts[0].for_date.fy(), b.base_year);
        let f_early = deficit_figure(&project(&early, &Levers::default_for(&early)), &early);
        assert!(f_early.chart.points.is_empty());
        assert!(!f_early.table.headers.iter().any(|h| h.starts_with("Published")));
        // Set as words (left, wrapped), also where no forecast is a ceiling ("up to £10m"):
        // each cell starts with a sum.
        let mut plain = b.clone();
        plain.forecasts.iter_mut().for_each(|f| f.qualifier = None);
        let f = deficit_figure(&project(&plain, &Levers::default_for(&plain)), &plain);
        assert!(crate::ui::components::chart::text_columns(&f.table)[col]);
        // With no forecasts there is no such column.
        let mut none = b.clone();
        none.forecasts.clear();
        let f = deficit_figure(&project(&none, &Levers::default_for(&none)), &none);
        assert!(!f.table.headers.iter().any(|h| h.starts_with("Published")));
        assert!(f.table.rows.iter().all(|r| r.len() == f.table.headers.len()));
    }
}
