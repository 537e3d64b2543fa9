//! Glossary: the words the explorer uses, in plain English. Other pages link to a term with
//! `?page=glossary#<id>`.

use crate::ui::components::page_link::{jump, PageLink};
use crate::ui::route::Page;
use leptos::prelude::*;

/// (id, term, definition), in alphabetical order of the term. The id is the term in lowercase
/// with hyphens, and is the anchor other pages link to.
pub const GLOSSARY: &[(&str, &str, &str)] = &[
    ("assumption", "Assumption",
     "A figure the council's papers do not give, so this explorer has chosen it. Each one says why that value was chosen. You can change most of them to see what difference they make."),
    ("base-year", "Base year",
     "The financial year the figures start from: the year of the latest budget and forecasts in the council's papers. Everything after it is projected. The Sources page says which papers the base year's figures come from."),
    ("borrowing", "Borrowing",
     "Money the council borrows to pay for buildings, roads and other things that last. It pays the money back over many years, with interest. Both come out of the day-to-day budget, so borrowing more now leaves less for services later. See also minimum revenue provision (MRP)."),
    ("brought-forward", "Brought forward",
     "A balance carried from the end of one year to the start of the next. The high-needs deficit brought forward into a year is what was left unpaid at the end of the year before."),
    ("capital-programme", "Capital programme",
     "The council's plan for spending on things that last a long time, such as roads, schools, buildings and computers. It is kept apart from the day-to-day (revenue) budget. It is paid for by grants, by selling land or buildings, and by borrowing."),
    ("contingency-reserve", "Contingency reserve",
     "Money put aside for costs nobody can plan for exactly, such as a sudden rise in the number of people who need care. It is one of the earmarked reserves."),
    ("cumulative-deficit", "Cumulative deficit",
     "All the in-year deficits added up over the years, less anything paid off. If a fund is short by £5m one year and £7m the next, its cumulative deficit is £12m."),
    ("dsg", "Dedicated Schools Grant (DSG)",
     "The money the government gives each council for schools and for children's education. It can only be spent on education. It comes in four parts, called blocks: the schools block, the central school services block, the early years block and the high-needs block."),
    ("derived", "Derived figure",
     "A figure worked out from other figures, for example by adding two published amounts. The Sources page shows the sum for each one, and the explorer checks it every time it loads the figures."),
    ("directorate", "Directorate",
     "One of the large departments of the council, such as the one for children and young people. Each is given its own part of the budget and of the savings to make."),
    ("earmarked-reserves", "Earmarked reserves",
     "Money the council has saved and set aside for a particular purpose, such as a building project or a known risk. It could be used for something else, but then the thing it was saved for would go without."),
    ("ehcp", "Education, Health and Care Plan (EHCP)",
     "A legal document for a child or young person, up to age 25, who needs more help than their school or college can usually give. It says what their needs are and what help they must get. The council must pay for the education part."),
    ("financial-year", "Financial year",
     "The council's year for money. It runs from 1 April to 31 March. \"2024/25\" means 1 April 2024 to 31 March 2025."),
    ("forecast-outturn", "Forecast outturn",
     "What the council expects to have spent by the end of the year, forecast part-way through it. The outturn itself is what was actually spent, known once the year has ended."),
    ("general-fund-balance", "General fund balance",
     "The council's main emergency savings. It is not set aside for anything in particular, so it is the first money available for a shock, such as a large overspend."),
    ("high-needs-block", "High-needs block",
     "The part of the Dedicated Schools Grant that pays for children and young people with special educational needs and disabilities (SEND). It pays for extra help in ordinary schools, places in special schools and colleges, and other support."),
    ("horizon", "Horizon",
     "The last year a projection reaches. You can set how many years after the base year to project. Beyond the horizon the explorer says nothing."),
    ("in-year-deficit", "In-year deficit",
     "How much more was spent than received in one year. For the high-needs block, it is what was spent on special educational needs that year, minus the grant for it."),
    ("independent-special-school", "Independent special school",
     "A special school that the council does not run, often a private or charity school. A place there usually costs several times as much as a place in a local special school. Councils use them when local schools are full or cannot meet a child's needs."),
    ("management-action", "Management action",
     "Steps managers take during the year to stop an overspend from growing, such as delaying spending, not filling empty jobs, or finding extra income."),
    ("mrp", "Minimum revenue provision (MRP)",
     "The amount the council must set aside from its day-to-day budget each year to pay back money it borrowed for capital projects. It is spread over the life of the thing that was bought or built."),
    ("mitigated", "Mitigated",
     "A forecast that includes the council's plans to bring costs down, such as opening more local special-school places. Compare unmitigated."),
    ("net-budget", "Net budget",
     "What the council plans to spend on day-to-day services in a year, after taking off the money services bring in themselves, such as fees and some grants. It is mainly paid for by council tax, business rates and government grants."),
    ("overspend", "Overspend",
     "Spending more during the year than the budget allowed. Whatever overspend is left at the end of the year has to be paid from reserves."),
    ("percentile", "Percentile",
     "A way to describe a spread of results. The 10th percentile is the value that one result in ten falls below. The median, the 50th percentile, has half the results above it and half below."),
    ("pwlb", "Public Works Loan Board (PWLB)",
     "The government's lender to councils. Its interest rates are a guide to what borrowing costs a council. The explorer's interest rate is an assumption near those rates."),
    ("published", "Published figure",
     "A figure taken from one of the council's own papers, such as the minutes of a Cabinet meeting. The Sources page says which paper, where in it, and quotes the words."),
    ("reprofiling", "Reprofiling",
     "Moving spending on a project from one year to a later year, because the work will happen later than planned. The money is not cut: it is spent later. This makes this year's capital budget smaller and later years' bigger."),
    ("reserves-runway", "Reserves runway",
     "How long the council's usable reserves would last if they paid for the overspend, the budget gaps and the cost of borrowing. They would also pay the interest the high-needs deficit costs and, once the statutory override ends, the deficit itself. The year they run out is the end of the runway."),
    ("revenue-budget", "Revenue budget",
     "The budget for day-to-day services, such as care for older people, collecting bins and running libraries. It has to balance every year. Compare the capital programme, which is for things that last."),
    ("savings-at-risk", "Savings at risk",
     "Savings the council planned to make this year that may not happen, or not in full. If they do not happen, the money still gets spent, which adds to any overspend."),
    ("scenario", "Scenario",
     "One set of choices for the assumptions: for example, faster growth in the number of children with an EHCP, and a new special school. The explorer works out the figures for it. A link to the page keeps the scenario, so others see the same figures."),
    ("schools-block-transfer", "Schools block transfer",
     "Moving some money from the schools block of the Dedicated Schools Grant to the high-needs block. A council can move up to 0.5% if the local schools forum agrees. That leaves a little less money for every school."),
    ("sen-support", "SEN Support",
     "Extra help a school gives a pupil with special educational needs, without an Education, Health and Care Plan. The school pays for it from its own budget. Good support early can mean fewer children need a plan later."),
    ("send", "Special educational needs and disabilities (SEND)",
     "A child or young person has special educational needs if they find learning much harder than most people of their age. It also covers a disability that makes it hard for them to use what an ordinary school offers."),
    ("statutory-override", "Statutory override",
     "A rule from the government that lets councils keep the high-needs deficit off their main accounts. While it lasts, the deficit does not have to be paid from the council's reserves. It has an end date, which the government has moved more than once. When it ends, the deficit would count against the council's usable reserves."),
    ("surplus", "Surplus",
     "More received than spent. A surplus on the high-needs block is the opposite of a deficit: money left over, carried into the next year."),
    ("unexplained-part", "Unexplained part",
     "The part of the base year's in-year high-needs deficit that the explorer's count of placements and their costs does not account for. It is kept so that year matches the council's published figure. It can be more than the whole deficit, when the count alone gives a surplus. You can choose how it carries into later years."),
    ("unmitigated", "Unmitigated",
     "A forecast of what would happen if nothing changes: no new plans to bring costs down. Compare mitigated."),
    ("usable-reserves", "Usable reserves",
     "All the money the council has saved that it could, in the end, spend: the general fund balance plus the earmarked reserves. Reserves can only be spent once."),
    ("vintage", "Vintage",
     "The figures as the council published them at one date: a budget report, or a forecast made part-way through a year. A later report gives a newer vintage of the same figures. The explorer starts from the latest vintage, and shows older ones as what they were, with their dates."),
    ("write-off", "Write-off",
     "When a debt is cancelled, so it no longer has to be paid. Here, it means the government paying off part of a council's high-needs deficit, so the council does not have to."),
];

/// The definition of a term by id, for pages that show one inline.
pub fn definition(id: &str) -> Option<&'static str> {
    GLOSSARY.iter().find(|(i, _, _)| *i == id).map(|(_, _, d)| *d)
}

#[component]
pub fn Glossary() -> impl IntoView {
    view! {
        <h1>"Glossary"</h1>
        <p class="lede">"The words used in this explorer, in plain English. Other pages link here when they use one of them."</p>
        <nav class="glossary-index" aria-label="Terms in the glossary">
            <ul>
                {GLOSSARY.iter().map(|(id, term, _)| view! { <li><a href=format!("#{id}") on:click=jump(id)>{*term}</a></li> }).collect::<Vec<_>>()}
            </ul>
        </nav>
        <dl class="glossary">
            {GLOSSARY.iter().map(|(id, term, def)| view! {
                <div class="term">
                    <dt id=*id tabindex="-1">{*term}</dt>
                    <dd>{*def}</dd>
                </div>
            }).collect::<Vec<_>>()}
        </dl>
        <p>"Where a figure comes from is on the "<PageLink page=Page::Sources>"Sources"</PageLink>" page."</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_lowercase_hyphenated() {
        let mut seen = HashSet::new();
        for (id, term, def) in GLOSSARY {
            assert!(seen.insert(*id), "duplicate id {id}");
            assert!(!id.is_empty() && !id.starts_with('-') && !id.ends_with('-') && !id.contains("--"), "{id}");
            assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{id} is not lowercase-hyphenated");
            assert!(!term.is_empty() && def.len() > 40, "{id} needs a term and a definition");
        }
    }

    #[test]
    fn has_the_terms_the_pages_use() {
        for id in [
            "dsg", "high-needs-block", "ehcp", "statutory-override", "usable-reserves", "earmarked-reserves", "general-fund-balance", "reprofiling", "mrp",
            "management-action", "savings-at-risk", "capital-programme", "revenue-budget", "in-year-deficit", "cumulative-deficit", "write-off",
            "schools-block-transfer", "independent-special-school", "sen-support", "mitigated", "unmitigated", "borrowing", "contingency-reserve",
            // Words the pages use that a resident on a phone asked about (2026-12-06 review).
            "base-year", "brought-forward", "forecast-outturn", "horizon", "percentile", "pwlb", "reserves-runway", "scenario", "surplus", "unexplained-part",
        ] {
            assert!(definition(id).is_some(), "no glossary entry for {id}");
        }
    }

    #[test]
    fn terms_are_in_alphabetical_order() {
        let terms: Vec<String> = GLOSSARY.iter().map(|(_, t, _)| t.to_lowercase()).collect();
        let mut sorted = terms.clone();
        sorted.sort();
        assert_eq!(terms, sorted);
    }

    #[test]
    fn sentences_are_short() {
        // A rough reading-age check: no sentence of more than 30 words.
        for (id, _, def) in GLOSSARY {
            for s in def.split(['.', ':']) {
                assert!(s.split_whitespace().count() <= 30, "{id}: long sentence \"{s}\"");
            }
        }
    }
}
