//! The dataset format (schema version 1): one JSON file per council and vintage, holding the
//! budget, savings, high-needs and capital figures with their provenance. `docs/data-format.md`
//! documents it; `docs/dataset.schema.json` is generated from these types.

use super::figure::{Count, Day, Figure, Gbp, Percent, Rate};
use super::json::{describe, Ctx, FromJson, MaybeNone};
use crate::json_enum;
use crate::json_struct;
use crate::units::calendar::{Date, Made};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 1;

impl FromJson for Date {
    fn from_json(v: &Value, path: &str, cx: &mut Ctx) -> Option<Self> {
        let d = v.as_str().and_then(Date::parse);
        if d.is_none() {
            cx.issue(path, format!("expected a date like \"2026-03-31\", got {}", describe(v)));
        }
        d
    }
}
impl MaybeNone for Date {}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> String {
        "Date".to_owned()
    }
    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        let schema = serde_json::json!({"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "description": "a date, YYYY-MM-DD"});
        serde_json::from_value(schema).expect("static schema")
    }
}

json_struct! {
    /// A council's figures for one vintage (the papers of one date).
    pub struct Dataset {
        /// Format version of this file; this app reads version 1.
        pub schema_version: u32,
        /// Stable id of the council's data, used in links ("herefordshire").
        pub id: String,
        /// Version of these figures; a link names it so it can reopen the same numbers.
        pub version: String,
        pub council: String,
        pub title: String,
        /// The financial year the figures describe, "2024-25".
        pub base_year: String,
        /// The date of the latest paper the figures come from.
        pub as_of: Date,
        /// The papers that figures cite by `source`.
        #[cfg_attr(feature = "schema", schemars(length(max = "crate::data::limits::DOCUMENTS")))]
        pub documents: Vec<Document>,
        pub budget: Budget,
        pub savings: Savings,
        pub high_needs: HighNeeds,
        pub capital: Capital,
    }
}

json_struct! {
    pub struct Document {
        pub id: String,
        pub title: String,
        /// Meeting or publication date.
        pub date: Date,
        /// "month" for a paper known only to its month (an undated report): `date` is then a
        /// day of that month to file it under, and is shown as the month ("April 2023"). Absent
        /// or "day": `date` is the paper's own.
        pub date_precision: Option<DatePrecision>,
        /// The body that met, e.g. "Cabinet".
        pub body: Option<String>,
        pub url: Option<String>,
        /// Anything a reader needs to know to find or date the paper (e.g. an undated report).
        pub note: Option<String>,
    }
}

json_struct! {
    /// The revenue budget of the base year and its in-year forecast.
    pub struct Budget {
        pub net_budget: Figure<Gbp>,
        pub directorate_savings: Figure<Gbp>,
        pub council_wide_savings: Figure<Gbp>,
        pub cost_pressures: Figure<Gbp>,
        /// Forecast overspend before management action (a positive amount).
        pub forecast_overspend: Figure<Gbp>,
        /// What management action is expected to save.
        pub management_action: Figure<Gbp>,
        pub overspend_after_action: Figure<Gbp>,
        pub interest_income: Option<Figure<Gbp>>,
        /// When the forecast was made, e.g. the quarter-2 report.
        pub forecast_point: String,
        pub reserves: Reserves,
    }
}

impl Budget {
    /// The forecast point's name, up to its ':' ("Quarter 2 2024/25"), as the pages name it;
    /// empty if the dataset gives none.
    pub fn forecast_point_name(&self) -> &str {
        self.forecast_point.split(':').next().unwrap_or("").trim()
    }
}

json_struct! {
    pub struct Reserves {
        /// Date the balances were audited or reported at.
        pub as_at: Date,
        /// Present when the paper does not give the date and `as_at` is our reading: why.
        pub as_at_reason: Option<String>,
        pub general_fund: Figure<Gbp>,
        pub earmarked: Figure<Gbp>,
        /// General fund plus earmarked: what could meet a deficit.
        pub total_usable: Figure<Gbp>,
        pub business_rates_risk: Option<Figure<Gbp>>,
        pub contingency_reserve: Option<Figure<Gbp>>,
        pub business_rates_risk_after: Option<Figure<Gbp>>,
    }
}

json_struct! {
    /// The savings programme and how it is being delivered.
    pub struct Savings {
        pub target: Figure<Gbp>,
        pub delivered: SavingsStatus,
        pub on_target: SavingsStatus,
        pub at_risk: SavingsStatus,
        /// Directorate rows where the papers give them.
        #[cfg_attr(feature = "schema", schemars(length(max = "crate::data::limits::DIRECTORATES")))]
        pub directorates: Vec<DirectorateSavings>,
    }
}

json_struct! {
    pub struct SavingsStatus {
        pub amount: Figure<Gbp>,
        /// The share as published (rounded), kept as published.
        pub share: Figure<Percent>,
    }
}

json_struct! {
    pub struct DirectorateSavings {
        pub id: String,
        pub name: String,
        pub target: Figure<Gbp>,
        pub delivered: Option<Figure<Gbp>>,
        pub on_target: Option<Figure<Gbp>>,
        pub at_risk: Option<Figure<Gbp>>,
    }
}

json_struct! {
    /// The DSG high-needs block: the published position and the model's base-year inputs.
    pub struct HighNeeds {
        pub deficit_brought_forward: Figure<Gbp>,
        pub in_year_forecast: Figure<Gbp>,
        pub deficit_year_end: Figure<Gbp>,
        /// End of the statutory override as published.
        pub override_end: Figure<Day>,
        /// EHCP counts by placement as published.
        #[cfg_attr(feature = "schema", schemars(length(max = "crate::data::limits::EHCP_GROUPS")))]
        pub ehcp_groups: Vec<EhcpGroup>,
        pub ehcp_share_of_pupils: Option<Figure<Percent>>,
        pub ehcp_share_england: Option<Figure<Percent>>,
        pub sen_support_share: Option<Figure<Percent>>,
        pub independent_placements: Option<Figure<Count>>,
        pub could_be_local: Option<Figure<Count>>,
        /// Placement costs the papers give (out-of-county, post-16, joint placements...).
        #[cfg_attr(feature = "schema", schemars(length(max = "crate::data::limits::PLACEMENT_COSTS")))]
        pub placement_costs: Vec<CostItem>,
        pub capital_grant: Option<Figure<Gbp>>,
        pub capital_grant_committed: Option<Figure<Gbp>>,
        /// Every published forecast of the cumulative deficit, with its date.
        #[cfg_attr(feature = "schema", schemars(length(max = "crate::data::limits::FORECASTS")))]
        pub forecasts: Vec<Forecast>,
        pub model: HighNeedsModel,
    }
}

json_struct! {
    pub struct EhcpGroup {
        pub id: String,
        pub name: String,
        pub count: Figure<Count>,
    }
}

json_struct! {
    pub struct CostItem {
        pub id: String,
        pub name: String,
        /// The year the cost is for, "2023-24".
        pub year: String,
        pub amount: Figure<Gbp>,
        pub count: Option<Figure<Count>>,
    }
}

json_struct! {
    /// A vintage: the cumulative deficit at a 31 March as one paper gave it, actual or forecast,
    /// with the date the paper was made. One whose `for_date` is the end of the base year is a
    /// starting point for the projection (the latest by `made` is the default).
    pub struct Forecast {
        pub id: String,
        /// When the forecast was made (the paper's date).
        pub made: Date,
        /// The date the forecast is for.
        pub for_date: Date,
        /// The cumulative deficit at `for_date`.
        pub amount: Figure<Gbp>,
        /// "up to" where the paper gives a ceiling rather than a point.
        pub qualifier: Option<String>,
        /// "actual" for an audited or outturn balance; absent or "forecast" for a forecast.
        pub kind: Option<VintageKind>,
        /// The in-year deficit of the year ending at `for_date`, where the paper gives it (or a
        /// derived figure); absent: `amount` less the deficit brought forward.
        pub in_year: Option<Figure<Gbp>>,
        /// How the app reads a sentence that could be taken more than one way.
        pub reading: Option<String>,
        /// A short name for the vintage, e.g. "Quarter 2 budget report".
        pub label: Option<String>,
    }
}

json_enum! {
    pub enum DatePrecision {
        Day = "day",
        Month = "month",
    }
}

impl Forecast {
    /// When the forecast was made, as exactly as it is known: to the month where `made` is the
    /// date of the paper its amount cites and that paper is known only to its month.
    pub fn made_at(&self, ds: &Dataset) -> Made {
        let paper = self.amount.source.as_ref().and_then(|id| ds.documents.iter().find(|d| &d.id == id));
        Made { date: self.made, month_only: paper.is_some_and(|d| d.date == self.made && d.month_only()) }
    }


    /// What a reader is shown for this vintage (callers add when it was made): its label;
    /// without one, the body of the paper its amount cites ("Cabinet"), or the paper's title
    /// if it names no body or another unlabelled vintage made the same day has the same body;
    /// "Forecast citing no paper" when neither is given, numbered where another such vintage was
    /// made the same day. Never the id: `q2-2024-25` is the file's.
    pub fn name(&self, ds: &Dataset) -> String {
        // An empty label is none (a trial's "" read "June 2024 forecast ()").
        let label = |f: &Forecast| f.label.as_deref().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string);
        if let Some(l) = label(self) {
            return l;
        }
        let paper = |f: &Forecast| f.amount.source.as_ref().and_then(|id| ds.documents.iter().find(|d| &d.id == id));
        let Some(d) = paper(self) else {
            // Says what a reader needs to weigh it (a trial's "Unnamed vintage" said nothing).
            let alike: Vec<&Forecast> = ds.high_needs.forecasts.iter().filter(|o| label(o).is_none() && o.made == self.made && paper(o).is_none()).collect();
            return match alike.iter().position(|o| o.id == self.id) {
                Some(i) if alike.len() > 1 => format!("Forecast citing no paper, {} of {}", i + 1, alike.len()),
                _ => "Forecast citing no paper".into(),
            };
        };
        let twin = ds.high_needs.forecasts.iter().any(|o| o.id != self.id && label(o).is_none() && o.made == self.made && paper(o).is_some_and(|p| p.body == d.body));
        d.body_or_title(twin)
    }
}

impl Document {
    pub(crate) fn month_only(&self) -> bool {
        self.date_precision == Some(DatePrecision::Month)
    }

    /// The paper's date as exactly as it is known: "18 March 2025", or "April 2023".
    pub fn when(&self) -> String {
        self.made().long()
    }

    pub fn made(&self) -> Made {
        Made { date: self.date, month_only: self.month_only() }
    }

    /// A short name for the paper, without its date: the body that met ("Cabinet"); the title
    /// when it names no body, or when another of `docs` has the same body and may be of the same
    /// day (two papers of one meeting would otherwise share a name; a paper known only to its
    /// month may be of any day in it, and "(March 2025)" beside "(18 March 2025)" told two
    /// papers of one committee apart by a day a reader cannot see).
    pub fn name(&self, docs: &[Document]) -> String {
        let same_day = |o: &Document| {
            if self.month_only() || o.month_only() {
                (o.date.year, o.date.month) == (self.date.year, self.date.month)
            } else {
                o.date == self.date
            }
        };
        self.body_or_title(docs.iter().filter(|o| o.body == self.body && same_day(o)).count() > 1)
    }

    /// The body, or the title when it names none or `twin` says the body would be ambiguous.
    fn body_or_title(&self, twin: bool) -> String {
        match &self.body {
            Some(body) if !twin => body.clone(),
            _ => self.title.clone(),
        }
    }
}

json_enum! {
    pub enum VintageKind {
        Actual = "actual",
        Forecast = "forecast",
    }
}

json_struct! {
    /// Base-year inputs for the high-needs model. Most are assumptions: the papers give counts
    /// and totals, not unit costs or income.
    pub struct HighNeedsModel {
        #[cfg_attr(feature = "schema", schemars(length(max = "crate::data::limits::PLACEMENTS")))]
        pub placements: Vec<Placement>,
        /// High-needs block income in the base year.
        pub income: Figure<Gbp>,
        pub income_growth: Figure<Rate>,
        pub cost_inflation: Figure<Rate>,
        /// High-needs spend not driven by placements (central services, outreach), base year.
        pub other_spend: Figure<Gbp>,
        /// Schools block, for transfers of up to 0.5%.
        pub schools_block: Figure<Gbp>,
        /// Yearly growth of the schools block; absent: it grows with high-needs income.
        pub schools_block_growth: Option<Figure<Rate>>,
        /// Capital cost of one new local special-school place.
        pub special_place_capital_cost: Figure<Gbp>,
        /// Yearly interest the deficit's cash costs the general fund (lost on deposits or paid
        /// on borrowing), 0 to 0.15; absent: 4.5%, the app's assumption.
        pub deficit_interest_rate: Option<Figure<Rate>>,
    }
}

json_enum! {
    /// What kind of provision a placement is, so mitigations know what to move: the seven
    /// provision types of the DfE DSG deficit management plan (mainstream schools and academies;
    /// resourced provision and SEN units; maintained special schools and special academies;
    /// independent and non-maintained special schools; hospital schools and alternative
    /// provision; post-16 and further education; other, including direct payments).
    pub enum PlacementKind {
        Mainstream = "mainstream",
        LocalSpecial = "local_special",
        Independent = "independent",
        Post16 = "post16",
        Other = "other",
        // Added last, so the first five keep their places in arrays kept per kind.
        Resourced = "resourced",
        HospitalAp = "hospital_ap",
    }
}

impl PlacementKind {
    /// The kind in a reader's words, as the growth levers name it ("resourced provision and
    /// SEN units"), where `as_str` is the file's id ("resourced").
    pub fn words(self) -> &'static str {
        match self {
            PlacementKind::Mainstream => "mainstream",
            PlacementKind::LocalSpecial => "local special school",
            PlacementKind::Independent => "independent",
            PlacementKind::Post16 => "post-16",
            PlacementKind::Other => "other",
            PlacementKind::Resourced => "resourced provision and SEN unit",
            PlacementKind::HospitalAp => "hospital school and alternative provision",
        }
    }
}

/// How many placement kinds there are: the length of every array kept per kind.
pub const KINDS: usize = PlacementKind::ALL.len();

json_struct! {
    pub struct Placement {
        pub id: String,
        pub name: String,
        pub kind: PlacementKind,
        pub count: Figure<Count>,
        pub average_cost: Figure<Gbp>,
        pub growth: Figure<Rate>,
    }
}

json_enum! {
    pub enum Funding {
        Grant = "grant",
        Borrowing = "borrowing",
        Receipts = "capital_receipts",
        Mixed = "mixed",
        Unknown = "unknown",
    }
}

json_struct! {
    /// The capital programme and its in-year revision.
    pub struct Capital {
        pub approved: Figure<Gbp>,
        pub brought_forward: Figure<Gbp>,
        pub movements: Figure<Gbp>,
        pub removed: Figure<Gbp>,
        pub added_grants: Figure<Gbp>,
        pub reprofiled: Figure<Gbp>,
        pub revised: Figure<Gbp>,
        /// When spend to date was measured, e.g. "end of October 2024".
        pub spend_point: String,
        pub spend_to_date: Figure<Gbp>,
        pub commitments: Figure<Gbp>,
        pub spend_and_commitments: Figure<Gbp>,
        pub prior_spend: Figure<Gbp>,
        pub prior_commitments: Figure<Gbp>,
        pub prior_spend_and_commitments: Figure<Gbp>,
        /// Yearly interest on the borrowing that funds the programme (and annuity MRP's rate),
        /// 0 to 0.15; absent: 5%, the app's assumption.
        pub borrowing_rate: Option<Figure<Rate>>,
        #[cfg_attr(feature = "schema", schemars(length(max = "crate::data::limits::SCHEMES")))]
        pub schemes: Vec<Scheme>,
        /// Amounts in the papers that look like capital but are not modelled as schemes, each
        /// with the reason (e.g. a line the paper calls revenue spend).
        #[cfg_attr(feature = "schema", schemars(length(max = "crate::data::limits::EXCLUDED")))]
        pub excluded: Option<Vec<Excluded>>,
    }
}

json_struct! {
    pub struct Excluded {
        pub id: String,
        pub name: String,
        pub amount: Figure<Gbp>,
        /// Why it is not in the programme.
        pub why: String,
    }
}

json_struct! {
    pub struct Scheme {
        pub id: String,
        pub name: String,
        pub category: String,
        pub funding: Funding,
        /// Whether `funding` is published or our assumption.
        pub funding_status: super::figure::Status,
        pub total: Figure<Gbp>,
        /// Spend by financial year ("2025-26": "1250000"); must sum to `total`.
        #[cfg_attr(feature = "schema", schemars(schema_with = "profile_schema"))]
        pub profile: BTreeMap<String, Decimal>,
        /// Asset life in years, for minimum revenue provision on borrowing.
        pub asset_life: Option<u32>,
    }
}

/// A scheme's profile: a map of years to amounts, at most `limits::PROFILE_YEARS` of them.
#[cfg(feature = "schema")]
fn profile_schema(gen: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
    let mut schema = gen.subschema_for::<BTreeMap<String, Decimal>>().into_object();
    schema.object().max_properties = Some(crate::data::limits::PROFILE_YEARS as u32);
    schemars::schema::Schema::Object(schema)
}

#[cfg(test)]
mod index_tests {
    use super::PlacementKind;

    #[test]
    fn a_kinds_index_is_its_place_in_all() {
        for (i, k) in PlacementKind::ALL.iter().enumerate() {
            assert_eq!(k.index(), i, "{k:?}");
        }
    }
}
