//! The high-needs (DSG) deficit model: pure Rust, exact decimals, no web dependency.
//!
//! Inputs are a [`Baseline`] (the base-year figures of a dataset) and [`Levers`] (everything a
//! user can set, with [`crate::model::levers`] describing each for sliders and links). [`project`] returns a
//! [`Projection`]: two year-by-year trajectories, *unmitigated* and *mitigated*, with headline
//! outputs and warnings.
//!
//! # Conventions
//!
//! **Years.** Row 0 is the base year (the dataset's `base_year`, 2024/25 for Herefordshire) and
//! holds the published position; rows 1..=horizon are projected. A horizon of 10 gives 11 rows,
//! 2024/25 to 2034/35. Flows (spend, income, in-year deficit, write-off) are for the whole
//! financial year, 1 April to 31 March; balances (cumulative deficit, reserves) are at the
//! 31 March that ends it.
//!
//! **Growth starts after the base year.** The base year uses the published counts, the assumed
//! average costs and the assumed income as they are. Year base+t has
//! `count × (1 + growth)^t`, `average cost × (1 + inflation)^t`, `other spend × (1 + inflation)^t`
//! and `income × (1 + income growth)^t` (the schools block grows at its own rate where the data gives one, else with income). Counts are
//! therefore fractional in projections: they are expected values, not children.
//!
//! **The base year is fixed.** Levers act only on projected years: mitigation start years and
//! the write-off payment year are at least base+1, and the schools-block transfer starts in
//! base+1. So the base-year row is the published position under every setting.
//!
//! **Starting points (vintages).** A dataset may give the base year's position more than once:
//! each paper's forecast (or actual) of the cumulative deficit at the end of the base year is a
//! [`StartPoint`], and the levers choose one (`Levers::start`, default the latest by the date the
//! paper was made). The projection's row 0 then reproduces that vintage exactly: its brought
//! forward + its in-year deficit = its year-end deficit.
//!
//! **Calibration in the open.** The modelled base-year in-year deficit is placement spend +
//! other spend − income ([`Baseline::reconciliation`]). What the starting point's published
//! in-year deficit has beyond that is the *unexplained part* ([`Baseline::calibration_gap`]): a
//! line of its own in every row (`YearRow::unexplained`), never hidden in other spend. Row 0
//! carries it exactly; later years carry it as [`Carry`] says: held in real terms (rising with
//! cost inflation; the default), fading to nothing over `unexplained_years` in equal steps of
//! its real value, or growing in proportion to the trajectory's own placement and other spend.
//!
//! **Override.** [`OverrideEnd::Ends`] names the *last financial year covered*:
//! `Ends(Fy(2025))` is "until 31 March 2026". From the next year the cumulative deficit counts
//! against the council's reserves, which are held at their published balances (this model does
//! not forecast other calls on reserves).
//!
//! **Unmitigated and mitigated.** Both use the same growth, inflation, income, override and
//! write-off levers. The mitigated trajectory adds the management actions: new local special
//! places, earlier support, a custom saving, and the schools-block transfer (which DfE's
//! management plan template counts as a management action).
//!
//! **Write-off.** In the year it is paid, the cumulative deficit falls by `share ×` the
//! cumulative deficit at the end of the `accrued_to` year (never below zero, never by more than
//! the deficit); deficit that accrues after that date is untouched.
//!
//! **Exact money.** Every amount is a `Decimal` (28 significant digits, no binary floating
//! point). What compounds (counts, unit costs, growth, the unexplained part) is carried exactly;
//! each amount a row reports is to the penny, as a ledger holds it, and each total is the sum of
//! those amounts, so every table adds up (`money::pennies`; further rounding is for display
//! only). Arithmetic
//! saturates rather than panicking on absurd inputs, and levers are clamped to their ranges, so
//! `project` never panics.

mod baseline;
mod levers;
mod project;

pub use baseline::{last_year_covered, start_points, BasePlacement, Baseline, OverrideEndOrigin, PublishedForecast, Reconciliation, StartPoint, BASE_FIGURES, BASE_START};
pub use levers::{
    ramp_factor, ramped, Carry, CustomSaving, CARRY_CHOICES, CARRY_KEY, DEFAULT_CARRY_RATE, START_KEY, EarlierSupport, KindRates, LeverId, LeverProblem, LeverValue, Levers, NewPlaces, OverrideEnd, NATIONAL_WRITE_OFF,
    PolicyPreset, WriteOff, TRANSFER_LIMIT_WITHOUT_APPROVAL,
};
pub use project::{project, CapitalNeed, Headline, PlacementYear, Projection, Trajectory, Warning, YearRow};

pub use crate::data::dataset::PlacementKind;
