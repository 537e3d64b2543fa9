//! Uncertainty around the high-needs projection: a Monte Carlo fan chart, a sensitivity
//! (tornado) ranking, goal seek, and the published forecasts beside the model's band. Pure Rust,
//! no web dependency, on top of [`crate::model::dsg`].
//!
//! # Conventions
//!
//! **Uncertain inputs** ([`Input`]): EHCP growth for each placement kind, cost inflation, income
//! growth, and *mitigation delivery*. Every other lever (override, write-off, transfer, dates,
//! ramps, horizon) is held at its value. [`Ranges`] gives each input a low and a high value in
//! model units (fractions: 0.08 = 8% a year; delivery 0.5 = 50%). [`Ranges::around`] builds the
//! stated defaults around the current levers: growth ±3 points ([`GROWTH_SPREAD`]), cost
//! inflation ±1.5 points ([`INFLATION_SPREAD`]), income growth ±2 points ([`INCOME_SPREAD`]),
//! delivery 50% to 100% ([`DELIVERY_LOW`]); each range is clipped to its lever's slider range.
//!
//! **Mitigation delivery** is a factor from 0 to 1 on the management actions' *effect*: the new
//! local places opened each year, the points earlier support takes off growth, and the custom
//! saving are each multiplied by it. Not scaled: the cost of earlier support (paid whatever it
//! achieves) and the schools-block transfer (a decision, not a delivery risk). The levers
//! themselves assume full delivery, so delivery's "lever value" is 1.
//!
//! **Distributions.** [`Shape::Triangular`] (the default): each input is drawn from a triangular
//! distribution on its range with the lever's value (clipped into the range) as the mode, so the
//! user's own assumption is the most likely value and the ends are possible but rare.
//! [`Shape::Uniform`]: every value in the range equally likely. Inputs are drawn independently.
//! Every draw takes exactly eight uniforms in a fixed order (the first five kinds' growth,
//! inflation, income, delivery), whether or not a range is degenerate, so the same seed gives
//! the same draws whatever the ranges; five more from a second stream for those kinds' average
//! costs, so adding cost ranges left the first eight unchanged; and four from a third stream for
//! the growth and cost of the two kinds added later (resourced provision, hospital/AP), so
//! adding them changed nothing a seed gave before.
//!
//! **Average costs** ([`Input::Cost`]) range over the data's own range for each kind's cost
//! (`range` on an assumed or derived average cost), as a factor on the data's value
//! ([`Ranges::with_data_costs`]); a kind whose data gives no range stays fixed. The base year
//! still reproduces the starting point: a higher cost leaves less unexplained, so what moves is
//! how fast the deficit grows (placements grow with their counts; the unexplained part does not).
//!
//! **Random numbers.** [`Rng`] is xoshiro256** seeded through SplitMix64, written here: integer
//! arithmetic, then `(x >> 11) × 2⁻⁵³` for a uniform in [0, 1). Sampling uses only `+ − × ÷`
//! and `sqrt`, which IEEE 754 rounds exactly, so the same seed gives bit-identical fans natively
//! and in wasm.
//!
//! **f64 for the fan, Decimal for the headline.** 10,000 draws through the exact `Decimal`
//! projection take about 0.75 s natively in the release profile (so 1.5–2.5 s in wasm), too slow
//! for a slider; through the f64 path they take about 12 ms natively and about 27 ms in wasm
//! (node, the release profile) — see `examples/bench_uncertainty.rs`. So [`simulate`]
//! runs [`FastModel`], the mitigated trajectory of [`crate::model::dsg::project`] re-written in
//! `f64`, line for line; the tests hold it to within 1p per £1m of the Decimal projection, plus
//! the Decimal projection's rounding of each amount to the penny. The
//! fan's figures are therefore `f64` pounds, for charts; every headline figure, the tornado and
//! goal seek stay exact `Decimal` (they call `project`). [`simulate_exact`] runs the same draws
//! through `project`, as a slow reference.
//!
//! **What the fan shows.** For each year (base year first, as in a [`Trajectory`]) the 10th,
//! 25th, 50th, 75th and 90th percentiles of the *mitigated cumulative deficit* at 31 March, the
//! mean, and the probability that the deficit counting against reserves (the cumulative deficit
//! once the override has ended) is more than the general fund and more than total usable
//! reserves — in that year, and in that year or any earlier one ("by" that year). The base year
//! is fixed, so its band has no width.
//!
//! **Percentiles** are nearest-rank ([`percentile`]): the p-th percentile of n sorted values is
//! the value at rank ⌈p·n/100⌉ (1-based; rank 1 for p = 0). It is always one of the draws, never
//! an interpolation.
//!
//! **Goals** ([`Goal`]), on the mitigated trajectory, in exact Decimal:
//! - `InYearBalancedBy(y)`: the in-year position balances (in-year deficit ≤ 0) in `y` and in
//!   every later year projected, to the horizon: balanced by `y` and kept so. A position that
//!   balances once and slips back as demand grows is not balanced (a reviewer was told a saving
//!   "would balance the in-year position by 2034/35" that balanced 2025/26 alone). Years before
//!   `y` may be in deficit. `y` must be a projected year.
//! - `CumulativeBelowGeneralFund` / `CumulativeBelowUsableReserves`: in every projected year
//!   after the override ends, up to the horizon, the cumulative deficit is at most the limit
//!   (the headline "exceeds" year is `None`). If the override covers every projected year there
//!   is nothing to test and goal seek says so ([`SeekResult::Invalid`]).
//!
//! **Goal seek** ([`goal_seek`]) bisects over the lever's own grid (its min, max and step) and
//! relies on the deficit moving one way as the variable moves: more new places (when an
//! independent placement costs more than a local special one), a larger saving or a larger
//! transfer lower the in-year deficit in every year; higher growth raises it. Lower in-year
//! deficits in every year never raise a later cumulative deficit (a write-off takes at most a
//! share of the accrued deficit), so each goal is met on one side of a single threshold. It
//! returns the value nearest the *favourable* end that still meets the goal: the fewest places,
//! the smallest saving or transfer, the highest growth.
//!
//! **Drift** ([`drift`]): the band at a forecast's date. Balances are known at 31 March: the
//! deficit brought forward (exact, no band) at the start of the base year, then each fan year.
//! A date between two of them takes each percentile by straight-line interpolation in days
//! between the two 31 Marches (the deficit is taken to build up evenly through the year); a date
//! outside the modelled period has no band.

use crate::data::dataset::KINDS;
use crate::data::dataset::PlacementKind;
use crate::units::calendar::{Date, Fy};
use crate::model::dsg::{project, Baseline, Carry, LeverId, LeverValue, Levers, Projection, Trajectory};
use crate::units::money::{gbp_m, Money};
use rust_decimal::prelude::*;
use rust_decimal::Decimal;

const ZERO: Decimal = Decimal::ZERO;
const ONE: Decimal = Decimal::ONE;

/// A decimal constant, usable in `const` items.
const fn dec(n: i64, scale: u32) -> Decimal {
    let a = n.unsigned_abs();
    Decimal::from_parts(a as u32, (a >> 32) as u32, 0, n < 0, scale)
}

/// Default half-width of the EHCP growth ranges: 3 percentage points either side of the lever.
pub const GROWTH_SPREAD: Decimal = dec(3, 2);
/// Default half-width of the cost inflation range: 1.5 points.
pub const INFLATION_SPREAD: Decimal = dec(15, 3);
/// Default half-width of the income growth range: 2 points.
pub const INCOME_SPREAD: Decimal = dec(2, 2);
/// Default low end of mitigation delivery: half the planned effect (the high end is all of it).
pub const DELIVERY_LOW: Decimal = dec(5, 1);

/// A Decimal as the nearest f64, through Rust's correctly rounded decimal parser: the same bits
/// on every platform.
fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

// ================================================================= random numbers

/// One step of SplitMix64: advances `state` and returns the next output.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256** (Blackman and Vigna), seeded by four SplitMix64 outputs. Deterministic on every
/// platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut sm = seed;
        let s = [splitmix64(&mut sm), splitmix64(&mut sm), splitmix64(&mut sm), splitmix64(&mut sm)];
        Rng { s }
    }

    /// A generator with this raw state (for reference test vectors). An all-zero state would
    /// only ever give zeros, so it is replaced by `Rng::new(0)`'s.
    pub fn from_state(s: [u64; 4]) -> Rng {
        if s == [0; 4] {
            Rng::new(0)
        } else {
            Rng { s }
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform number in [0, 1), with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

// ================================================================= inputs and ranges

/// An uncertain input of the high-needs model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Input {
    Growth(PlacementKind),
    CostInflation,
    IncomeGrowth,
    /// The share of the mitigations' planned effect that is delivered (0 to 1).
    MitigationDelivery,
    /// A kind's average cost, as a factor on the data's value (1 = as in the data), within the
    /// range the data gives for it.
    Cost(PlacementKind),
}

impl Input {
    /// Every input, in the order draws take them and ties in the tornado are broken.
    /// The two kinds added later (resourced provision, hospital/AP) come last, so a seed gives
    /// the draws it gave before for the first thirteen.
    pub const ALL: [Input; 17] = [
        Input::Growth(PlacementKind::Mainstream),
        Input::Growth(PlacementKind::LocalSpecial),
        Input::Growth(PlacementKind::Independent),
        Input::Growth(PlacementKind::Post16),
        Input::Growth(PlacementKind::Other),
        Input::CostInflation,
        Input::IncomeGrowth,
        Input::MitigationDelivery,
        Input::Cost(PlacementKind::Mainstream),
        Input::Cost(PlacementKind::LocalSpecial),
        Input::Cost(PlacementKind::Independent),
        Input::Cost(PlacementKind::Post16),
        Input::Cost(PlacementKind::Other),
        Input::Growth(PlacementKind::Resourced),
        Input::Growth(PlacementKind::HospitalAp),
        Input::Cost(PlacementKind::Resourced),
        Input::Cost(PlacementKind::HospitalAp),
    ];

    /// The input's place in [`Input::ALL`].
    pub const fn index(self) -> usize {
        let mut i = 0;
        while i < Input::ALL.len() {
            if Input::ALL[i].same(self) {
                return i;
            }
            i += 1;
        }
        0
    }

    const fn same(self, other: Input) -> bool {
        match (self, other) {
            (Input::Growth(a), Input::Growth(b)) | (Input::Cost(a), Input::Cost(b)) => a as usize == b as usize,
            (Input::CostInflation, Input::CostInflation) | (Input::IncomeGrowth, Input::IncomeGrowth) | (Input::MitigationDelivery, Input::MitigationDelivery) => true,
            _ => false,
        }
    }

    /// The lever this input varies (`None` for delivery, which has no lever: the levers assume
    /// full delivery).
    pub fn lever(self) -> Option<LeverId> {
        match self {
            Input::Growth(k) => Some(LeverId::Growth(k)),
            Input::CostInflation => Some(LeverId::CostInflation),
            Input::IncomeGrowth => Some(LeverId::IncomeGrowth),
            Input::MitigationDelivery | Input::Cost(_) => None,
        }
    }

    /// A short label for charts, e.g. "EHCP growth: independent placements".
    pub fn label(self) -> &'static str {
        match (self, self.lever()) {
            (_, Some(id)) => id.def().label,
            (Input::Cost(PlacementKind::Mainstream), _) => "Average cost: mainstream",
            (Input::Cost(PlacementKind::LocalSpecial), _) => "Average cost: local special schools",
            (Input::Cost(PlacementKind::Independent), _) => "Average cost: independent placements",
            (Input::Cost(PlacementKind::Post16), _) => "Average cost: post-16",
            (Input::Cost(PlacementKind::Other), _) => "Average cost: other placements",
            (Input::Cost(PlacementKind::Resourced), _) => "Average cost: resourced provision and SEN units",
            (Input::Cost(PlacementKind::HospitalAp), _) => "Average cost: hospital schools and alternative provision",
            _ => "Mitigation delivery",
        }
    }

    /// The value at the levers, in model units (delivery: 1).
    pub fn lever_value(self, lv: &Levers) -> Decimal {
        match self {
            Input::Growth(k) => lv.growth.get(k),
            Input::CostInflation => lv.cost_inflation,
            Input::IncomeGrowth => lv.income_growth,
            Input::MitigationDelivery => ONE,
            Input::Cost(k) => lv.cost_scale.get(k),
        }
    }

    /// The widest range the model accepts, in model units: the lever's slider range (percent
    /// divided by 100), or 0 to 1 for delivery.
    pub fn bounds(self) -> (Decimal, Decimal) {
        match (self, self.lever()) {
            (_, Some(id)) => {
                let (min, max, _) = id.def().range();
                (min / Decimal::ONE_HUNDRED, max / Decimal::ONE_HUNDRED)
            }
            (Input::Cost(_), _) => (ZERO, Decimal::TEN),
            _ => (ZERO, ONE),
        }
    }
}


/// A low and a high value, in model units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputRange {
    pub low: Decimal,
    pub high: Decimal,
}

impl InputRange {
    /// The range between two values, in either order.
    pub fn new(a: Decimal, b: Decimal) -> InputRange {
        InputRange { low: a.min(b), high: a.max(b) }
    }
    /// A range of one value: the input is not uncertain.
    pub fn fixed(v: Decimal) -> InputRange {
        InputRange { low: v, high: v }
    }
    pub fn width(&self) -> Decimal {
        self.high.saturating_sub(self.low).max(ZERO)
    }
}

/// How a value is drawn from its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// Every value in the range equally likely.
    Uniform,
    /// Triangular on the range, with the lever's value (clipped into the range) as the mode.
    #[default]
    Triangular,
}

/// A low/high range for each uncertain input, and the shape of the draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranges {
    /// EHCP growth by placement kind, in `PlacementKind::ALL` order.
    pub growth: [InputRange; KINDS],
    pub cost_inflation: InputRange,
    pub income_growth: InputRange,
    /// Mitigation delivery, 0 to 1.
    pub delivery: InputRange,
    /// Average cost by kind as a factor on the data's (fixed at 1 unless the data gives ranges:
    /// see [`Ranges::with_data_costs`]).
    pub cost: [InputRange; KINDS],
    pub shape: Shape,
}

impl Ranges {
    /// The stated defaults around the levers' values (see the module notes), clipped to each
    /// lever's range; triangular draws.
    pub fn around(levers: &Levers) -> Ranges {
        let around = |input: Input, spread: Decimal| {
            let (lo, hi) = input.bounds();
            let v = input.lever_value(levers).max(lo).min(hi);
            InputRange { low: v.saturating_sub(spread).max(lo), high: v.saturating_add(spread).min(hi) }
        };
        let mut growth = [InputRange::fixed(ZERO); KINDS];
        for (i, &k) in PlacementKind::ALL.iter().enumerate() {
            growth[i] = around(Input::Growth(k), GROWTH_SPREAD);
        }
        Ranges {
            growth,
            cost_inflation: around(Input::CostInflation, INFLATION_SPREAD),
            income_growth: around(Input::IncomeGrowth, INCOME_SPREAD),
            delivery: InputRange { low: DELIVERY_LOW, high: ONE },
            cost: cost_at(levers),
            shape: Shape::Triangular,
        }
    }

    /// These ranges with each kind's average cost ranging over the data's own range for it
    /// (`Baseline::cost_scale_range`); kinds without one stay fixed.
    pub fn with_data_costs(mut self, b: &Baseline) -> Ranges {
        for (i, &k) in PlacementKind::ALL.iter().enumerate() {
            if let Some((lo, hi)) = b.cost_scale_range(k) {
                self.cost[i] = InputRange::new(lo, hi);
            }
        }
        self
    }

    /// Every input fixed at its lever value: no uncertainty (the fan collapses onto the
    /// projection).
    pub fn fixed(levers: &Levers) -> Ranges {
        let mut r = Ranges::around(levers);
        for input in Input::ALL {
            r.set(input, InputRange::fixed(input.lever_value(levers)));
        }
        r
    }

    pub fn get(&self, input: Input) -> InputRange {
        match input {
            Input::Growth(k) => self.growth[k.index()],
            Input::CostInflation => self.cost_inflation,
            Input::IncomeGrowth => self.income_growth,
            Input::MitigationDelivery => self.delivery,
            Input::Cost(k) => self.cost[k.index()],
        }
    }

    pub fn set(&mut self, input: Input, range: InputRange) {
        let r = InputRange::new(range.low, range.high);
        match input {
            Input::Growth(k) => self.growth[k.index()] = r,
            Input::CostInflation => self.cost_inflation = r,
            Input::IncomeGrowth => self.income_growth = r,
            Input::MitigationDelivery => self.delivery = r,
            Input::Cost(k) => self.cost[k.index()] = r,
        }
    }
}

/// One set of drawn inputs, in model units, as `f64`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Draw {
    /// EHCP growth by kind, in `PlacementKind::ALL` order.
    pub growth: [f64; KINDS],
    pub cost_inflation: f64,
    pub income_growth: f64,
    /// Share of the mitigations' effect delivered, 0 to 1.
    pub delivery: f64,
    /// Average cost by kind as a factor on the data's, in `PlacementKind::ALL` order.
    pub cost_scale: [f64; KINDS],
}

impl Draw {
    /// The inputs at the levers' values, with full delivery.
    pub fn at_levers(lv: &Levers) -> Draw {
        let mut growth = [0.0; KINDS];
        for (i, &k) in PlacementKind::ALL.iter().enumerate() {
            growth[i] = to_f64(lv.growth.get(k));
        }
        Draw { growth, cost_inflation: to_f64(lv.cost_inflation), income_growth: to_f64(lv.income_growth), delivery: 1.0, cost_scale: lv.cost_scale.0.map(to_f64) }
    }

    /// The levers this draw stands for (for the exact Decimal projection): the drawn rates, and
    /// the mitigations scaled by delivery.
    pub fn levers(&self, base: &Levers) -> Levers {
        let d = |x: f64| Decimal::from_f64_retain(x).unwrap_or(ZERO);
        let growth = self.growth.map(d);
        let mut l = with_inputs(base, &growth, d(self.cost_inflation), d(self.income_growth), d(self.delivery));
        l.cost_scale = crate::model::dsg::KindRates(self.cost_scale.map(d));
        l
    }
}

/// `base` with the uncertain inputs set: growth by kind, inflation, income growth, and the
/// mitigations' effect scaled by `delivery`.
fn with_inputs(base: &Levers, growth: &[Decimal; KINDS], inflation: Decimal, income: Decimal, delivery: Decimal) -> Levers {
    let mut l = base.clone();
    for (i, &k) in PlacementKind::ALL.iter().enumerate() {
        l.growth.set(k, growth[i]);
    }
    l.cost_inflation = inflation;
    l.income_growth = income;
    apply_delivery(&mut l, delivery);
    l
}

fn apply_delivery(l: &mut Levers, delivery: Decimal) {
    if delivery != ONE {
        l.places.per_year = l.places.per_year.saturating_mul(delivery);
        l.support.growth_reduction = l.support.growth_reduction.saturating_mul(delivery);
        l.saving.per_year = l.saving.per_year.saturating_mul(delivery);
    }
}

/// `base` with one input set to `value` (model units), the others at the levers.
pub fn levers_with(base: &Levers, input: Input, value: Decimal) -> Levers {
    let mut l = base.clone();
    match input {
        Input::Growth(k) => l.growth.set(k, value),
        Input::CostInflation => l.cost_inflation = value,
        Input::IncomeGrowth => l.income_growth = value,
        Input::MitigationDelivery => apply_delivery(&mut l, value),
        Input::Cost(k) => l.cost_scale.set(k, value),
    }
    l
}

/// Each kind's cost factor fixed at its lever value (1 unless set).
fn cost_at(levers: &Levers) -> [InputRange; KINDS] {
    let mut out = [InputRange::fixed(ONE); KINDS];
    for (i, &k) in PlacementKind::ALL.iter().enumerate() {
        out[i] = InputRange::fixed(levers.cost_scale.get(k));
    }
    out
}

/// The seed of the second stream, for cost draws: a fixed odd constant mixed into the seed, so
/// the first stream (eight uniforms a draw, as before cost ranges existed) is unchanged.
const COST_STREAM: u64 = 0x9E37_79B9_7F4A_7C15;
/// The stream for the two kinds added later (`PlacementKind::Resourced`, `HospitalAp`).
const LATER_KINDS_STREAM: u64 = 0xD1B5_4A32_D192_ED03;
/// Kinds whose draws come from the first two streams, as before the later kinds were added.
const FIRST_KINDS: usize = 5;

/// Draws inputs from ranges: low, mode and high per input, in f64, clipped to the inputs' bounds.
struct Sampler {
    shape: Shape,
    /// (low, mode, high) per input, in `Input::ALL` order.
    tri: [(f64, f64, f64); Input::ALL.len()],
    /// Where each kind's growth and average cost are in `tri`, in `PlacementKind::ALL` order.
    growth_at: [usize; KINDS],
    cost_at: [usize; KINDS],
}

impl Sampler {
    fn new(ranges: &Ranges, lv: &Levers) -> Sampler {
        let mut tri = [(0.0, 0.0, 0.0); Input::ALL.len()];
        for (i, input) in Input::ALL.iter().enumerate() {
            let (blo, bhi) = input.bounds();
            let r = ranges.get(*input);
            let lo = r.low.max(blo).min(bhi);
            let hi = r.high.max(lo).min(bhi);
            let mode = input.lever_value(lv).max(lo).min(hi);
            tri[i] = (to_f64(lo), to_f64(mode), to_f64(hi));
        }
        let growth_at = std::array::from_fn(|k| Input::Growth(PlacementKind::ALL[k]).index());
        let cost_at = std::array::from_fn(|k| Input::Cost(PlacementKind::ALL[k]).index());
        Sampler { shape: ranges.shape, tri, growth_at, cost_at }
    }

    fn one(&self, i: usize, u: f64) -> f64 {
        let (a, c, b) = self.tri[i];
        if b <= a {
            return a;
        }
        let v = match self.shape {
            Shape::Uniform => a + u * (b - a),
            Shape::Triangular => {
                let w = b - a;
                if u * w < c - a {
                    a + (u * w * (c - a)).sqrt()
                } else {
                    b - ((1.0 - u) * w * (b - c)).sqrt()
                }
            }
        };
        v.max(a).min(b)
    }

    /// One draw, always the same uniforms whatever the ranges: eight from `rng` (growth of the
    /// first five kinds, inflation, income, delivery), five from `costs` (their average costs),
    /// and four from `later` (growth and cost of the two kinds added later). Each stream is its
    /// own, so adding kinds did not change what a seed gives for the first five.
    fn draw(&self, rng: &mut Rng, costs: &mut Rng, later: &mut Rng) -> Draw {
        let mut u = [0.0; 8];
        for x in u.iter_mut() {
            *x = rng.next_f64();
        }
        let first = |k: usize| k < FIRST_KINDS;
        let mut growth = [0.0; KINDS];
        for (k, g) in growth.iter_mut().enumerate() {
            *g = self.one(self.growth_at[k], if first(k) { u[k] } else { later.next_f64() });
        }
        let mut cost_scale = [1.0; KINDS];
        for (k, c) in cost_scale.iter_mut().enumerate() {
            *c = self.one(self.cost_at[k], if first(k) { costs.next_f64() } else { later.next_f64() });
        }
        // Inflation, income and delivery are 5, 6 and 7 in `Input::ALL` and in `u` (worked out
        // once, at compile time: this runs for every draw).
        const INFLATION: usize = Input::CostInflation.index();
        const INCOME: usize = Input::IncomeGrowth.index();
        const DELIVERY: usize = Input::MitigationDelivery.index();
        Draw { growth, cost_inflation: self.one(INFLATION, u[INFLATION]), income_growth: self.one(INCOME, u[INCOME]), delivery: self.one(DELIVERY, u[DELIVERY]), cost_scale }
    }
}

// ================================================================= the f64 projection

struct FastPlacement {
    kind: usize,
    count0: f64,
    cost0: f64,
    /// The placement's own growth minus its kind's default: added to the kind's drawn rate.
    offset: f64,
    independent: bool,
    special: bool,
    special_share: f64,
}

/// The mitigated trajectory of [`project`] in `f64`, for the fan only. Built once from a baseline
/// and (clamped) levers; [`FastModel::run`] then projects one [`Draw`].
pub struct FastModel {
    base_year: i32,
    years: usize,
    placements: Vec<FastPlacement>,
    other0: f64,
    /// The base year's unexplained part, and how it carries forward (as in `project`).
    gap0: f64,
    /// The starting point's in-year deficit: a draw with other average costs moves the
    /// unexplained part so the base year still reproduces it.
    published_in_year: f64,
    carry: Carry,
    fade_years: u32,
    income0: f64,
    schools0: f64,
    /// The schools block's own growth, if the data gives one (else it grows with income).
    schools_growth: Option<f64>,
    brought_forward: f64,
    transfer: f64,
    wo_share: f64,
    wo_accrued_to: i32,
    wo_paid_in: i32,
    has_both_kinds: bool,
    places_per_year: f64,
    places_start: i32,
    places_years: u32,
    places_ramp: u32,
    support_reduction: f64,
    support_start: i32,
    support_ramp: u32,
    support_cost: f64,
    saving: f64,
    saving_start: i32,
    saving_ramp: u32,
}

/// One run of the f64 model, a value per year (base year first).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FastRun {
    pub cumulative: Vec<f64>,
    pub in_year: Vec<f64>,
    counts: Vec<f64>,
    costs: Vec<f64>,
}

fn ramped_f(amount: f64, start: i32, ramp: u32, year: i32) -> f64 {
    if year < start {
        return 0.0;
    }
    let done = (year - start) as i64 + 1;
    if ramp <= 1 || done >= ramp as i64 {
        amount
    } else {
        amount * done as f64 / ramp as f64
    }
}

impl FastModel {
    /// `levers` are clamped here, as `project` clamps them.
    pub fn new(b: &Baseline, levers: &Levers) -> FastModel {
        let lv = levers.clamped(b);
        let b = &*b.started_at(&lv.start);
        let mut kind_default = [0.0; KINDS];
        for (i, &k) in PlacementKind::ALL.iter().enumerate() {
            kind_default[i] = to_f64(b.kind_growth(k).unwrap_or(ZERO));
        }
        let is_special = |k| k == PlacementKind::LocalSpecial;
        let special_total: f64 = b.placements.iter().filter(|p| is_special(p.kind)).map(|p| to_f64(p.count).max(0.0)).sum();
        let special_n = b.placements.iter().filter(|p| is_special(p.kind)).count();
        let placements = b
            .placements
            .iter()
            .map(|p| {
                let kind = p.kind.index();
                let special = is_special(p.kind);
                FastPlacement {
                    kind,
                    count0: to_f64(p.count).max(0.0),
                    cost0: to_f64(p.average_cost),
                    offset: to_f64(p.growth) - kind_default[kind],
                    independent: p.kind == PlacementKind::Independent,
                    special,
                    special_share: match () {
                        _ if !special => 0.0,
                        _ if special_total > 0.0 => to_f64(p.count).max(0.0) / special_total,
                        _ => 1.0 / special_n as f64,
                    },
                }
            })
            .collect();
        FastModel {
            base_year: b.base_year.0,
            years: lv.horizon as usize + 1,
            placements,
            other0: to_f64(b.other_spend),
            gap0: to_f64(b.calibration_gap()),
            published_in_year: to_f64(b.published_in_year),
            carry: lv.unexplained,
            fade_years: lv.unexplained_years.max(1),
            income0: to_f64(b.income),
            schools0: to_f64(b.schools_block),
            schools_growth: b.schools_block_growth.map(to_f64),
            brought_forward: to_f64(b.deficit_brought_forward),
            transfer: to_f64(lv.transfer),
            wo_share: to_f64(lv.write_off.share),
            wo_accrued_to: lv.write_off.accrued_to.0,
            wo_paid_in: lv.write_off.paid_in.0,
            has_both_kinds: b.has_kind(PlacementKind::Independent) && b.has_kind(PlacementKind::LocalSpecial),
            places_per_year: to_f64(lv.places.per_year),
            places_start: lv.places.start.0,
            places_years: lv.places.years,
            places_ramp: lv.places.ramp_years,
            support_reduction: to_f64(lv.support.growth_reduction),
            support_start: lv.support.start.0,
            support_ramp: lv.support.ramp_years,
            support_cost: to_f64(lv.support.annual_cost),
            saving: to_f64(lv.saving.per_year),
            saving_start: lv.saving.start.0,
            saving_ramp: lv.saving.ramp_years,
        }
    }

    /// Rows per run: horizon + 1.
    pub fn years(&self) -> usize {
        self.years
    }

    /// Projects one draw into `out` (its buffers are reused between runs).
    pub fn run(&self, d: &Draw, out: &mut FastRun) {
        let n = self.placements.len();
        let years = self.years;
        out.cumulative.clear();
        out.in_year.clear();
        out.counts.clear();
        out.costs.clear();
        out.counts.extend(self.placements.iter().map(|p| p.count0));
        out.costs.extend(self.placements.iter().map(|p| p.cost0 * d.cost_scale[p.kind].max(0.0)));

        let rates: [f64; KINDS] = d.growth;
        let inflation = (1.0 + d.cost_inflation).max(0.0);
        let income_growth = (1.0 + d.income_growth).max(0.0);
        let places = self.places_per_year * d.delivery;
        let reduction_full = self.support_reduction * d.delivery;
        let saving_full = self.saving * d.delivery;
        let places_on = places > 0.0 && self.has_both_kinds;
        let support_on = reduction_full > 0.0;

        let schools_growth = self.schools_growth.map(|g| (1.0 + g).max(0.0)).unwrap_or(income_growth);
        // With the data's costs the gap is the stored one (exactly as `project` has it); with
        // drawn costs it is worked out again from them.
        let gap0 = if d.cost_scale.iter().all(|&c| c == 1.0) {
            self.gap0
        } else {
            let spend: f64 = self.placements.iter().zip(&out.costs).map(|(p, c)| p.count0 * c).sum();
            self.published_in_year - (spend + self.other0 - self.income0)
        };
        let mut other = self.other0;
        let mut real_gap = gap0;
        let mut modelled0 = 0.0;
        let mut income = self.income0;
        let mut schools = self.schools0;
        let mut cum = self.brought_forward;
        let mut accrued: Option<f64> = None;

        for i in 0..years {
            let year = self.base_year + i as i32;
            if i > 0 {
                let reduction = if support_on { ramped_f(reduction_full, self.support_start, self.support_ramp, year) } else { 0.0 };
                for (p, fp) in self.placements.iter().enumerate() {
                    let rate = fp.offset + rates[fp.kind];
                    let factor = (1.0 + rate - reduction).max(0.0);
                    out.counts[p] *= factor;
                    out.costs[p] *= inflation;
                }
                other *= inflation;
                real_gap *= inflation;
                income *= income_growth;
                schools *= schools_growth;
            }

            let mut filled = 0.0;
            if places_on && year >= self.places_start {
                for k in 0..self.places_years as i32 {
                    let cohort = self.places_start + k;
                    if cohort > year {
                        break;
                    }
                    filled += ramped_f(places, cohort, self.places_ramp, year);
                }
            }
            let mut independent = 0.0;
            for p in 0..n {
                if self.placements[p].independent {
                    independent += out.counts[p];
                }
            }
            let moved = if filled > independent { independent } else { filled };
            let kept = if moved > 0.0 { (1.0 - moved / independent).max(0.0) } else { 1.0 };

            let mut placement_spend = 0.0;
            for (p, fp) in self.placements.iter().enumerate() {
                let count = if moved > 0.0 && fp.independent {
                    out.counts[p] * kept
                } else if moved > 0.0 && fp.special {
                    out.counts[p] + moved * fp.special_share
                } else {
                    out.counts[p]
                };
                placement_spend += count * out.costs[p];
            }

            if i == 0 {
                modelled0 = placement_spend + other;
            }
            let unexplained = match self.carry {
                _ if i == 0 || gap0 == 0.0 => gap0,
                Carry::Real => real_gap,
                Carry::Fade => real_gap * (self.fade_years as f64 - i as f64).max(0.0) / self.fade_years as f64,
                Carry::Grow if modelled0 != 0.0 => gap0 * (placement_spend + other) / modelled0,
                Carry::Grow => 0.0,
            };

            let support_cost = if i > 0 && year >= self.support_start { self.support_cost } else { 0.0 };
            let saving = if i > 0 { ramped_f(saving_full, self.saving_start, self.saving_ramp, year) } else { 0.0 };
            let transfer = if i > 0 { schools * self.transfer } else { 0.0 };
            let total_spend = placement_spend + other + unexplained + support_cost - saving;
            let in_year = total_spend - (income + transfer);

            let before = cum + in_year;
            if year == self.wo_accrued_to {
                accrued = Some(before);
            }
            let write_off = match accrued {
                Some(a) if i > 0 && year == self.wo_paid_in && self.wo_share > 0.0 => (self.wo_share * a.max(0.0)).min(before.max(0.0)).max(0.0),
                _ => 0.0,
            };
            cum = before - write_off;
            out.in_year.push(in_year);
            out.cumulative.push(cum);
        }
    }
}

/// The mitigated trajectory at the levers' own values through the f64 path: what the fan uses,
/// for checking against [`project`].
pub fn fast_projection(b: &Baseline, levers: &Levers) -> FastRun {
    let lv = levers.clamped(b);
    let model = FastModel::new(b, &lv);
    let mut out = FastRun::default();
    model.run(&Draw::at_levers(&lv), &mut out);
    out
}

// ================================================================= the fan

/// The nearest-rank percentile of sorted values: the value at rank ⌈p·n/100⌉ (1-based, at least
/// 1). `percent` above 100 is read as 100. `None` for no values.
pub fn percentile(sorted: &[f64], percent: u32) -> Option<f64> {
    let n = sorted.len() as u64;
    if n == 0 {
        return None;
    }
    let p = percent.min(100) as u64;
    let rank = (p * n).div_ceil(100).max(1);
    sorted.get(rank as usize - 1).copied()
}

/// The 10th to 90th percentiles of one year's cumulative deficit (£, f64).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub p10: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p90: f64,
}

impl Band {
    fn point(v: f64) -> Band {
        Band { p10: v, p25: v, p50: v, p75: v, p90: v }
    }
    fn lerp(a: &Band, b: &Band, t: f64) -> Band {
        let l = |x: f64, y: f64| x + (y - x) * t;
        Band { p10: l(a.p10, b.p10), p25: l(a.p25, b.p25), p50: l(a.p50, b.p50), p75: l(a.p75, b.p75), p90: l(a.p90, b.p90) }
    }
}

/// One year of the fan.
#[derive(Debug, Clone, PartialEq)]
pub struct FanYear {
    pub year: Fy,
    /// Percentiles of the mitigated cumulative deficit at 31 March.
    pub band: Band,
    pub mean: f64,
    /// Probability that this year the deficit counting against reserves is more than the general
    /// fund balance.
    pub p_over_general_fund: f64,
    /// … more than total usable reserves.
    pub p_over_usable: f64,
    /// Probability that it has been more than the general fund in this year or an earlier one
    /// (non-decreasing over the years).
    pub p_general_fund_exceeded_by: f64,
    /// … more than total usable reserves in this year or an earlier one.
    pub p_usable_exceeded_by: f64,
}

/// The Monte Carlo fan: one [`FanYear`] per projected row (base year first).
#[derive(Debug, Clone, PartialEq)]
pub struct Fan {
    pub draws: u32,
    pub seed: u64,
    pub shape: Shape,
    pub years: Vec<FanYear>,
    pub general_fund: f64,
    pub usable_reserves: f64,
    /// The deficit brought forward into the base year at the starting point the fan ran from.
    pub brought_forward: Option<f64>,
}

impl Fan {
    pub fn year(&self, fy: Fy) -> Option<&FanYear> {
        self.years.iter().find(|y| y.year == fy)
    }
}

/// Runs `draws` draws and gathers the fan. `run` writes the cumulative deficit per year.
fn gather(b: &Baseline, lv: &Levers, ranges: &Ranges, draws: u32, seed: u64, mut run: impl FnMut(&Draw, &mut Vec<f64>)) -> Fan {
    let mut g = Gathering::new(b, lv, ranges, draws, seed);
    g.add(|| false, &mut run);
    g.finish()
}

/// The state of a fan part-way through its draws: [`gather`] in pieces, so the page can run a
/// simulation a slice at a time between frames. The draws are taken in the same order whatever
/// the slices, so the fan is the same bit for bit.
struct Gathering {
    n: usize,
    done: usize,
    /// Years whose column of draws has been sorted (after the last draw).
    sorted: usize,
    seed: u64,
    shape: Shape,
    sampler: Sampler,
    rngs: [Rng; 3],
    base_year: Fy,
    gf: f64,
    usable: f64,
    in_force: Vec<bool>,
    brought_forward: f64,
    values: Vec<f64>,
    sums: Vec<f64>,
    over: Vec<[u32; 4]>,
    cum: Vec<f64>,
}

impl Gathering {
    fn new(b: &Baseline, lv: &Levers, ranges: &Ranges, draws: u32, seed: u64) -> Gathering {
        let n = draws.max(1) as usize;
        let years = lv.horizon as usize + 1;
        Gathering {
            n,
            done: 0,
            sorted: 0,
            seed,
            shape: ranges.shape,
            sampler: Sampler::new(ranges, lv),
            rngs: [Rng::new(seed), Rng::new(seed ^ COST_STREAM), Rng::new(seed ^ LATER_KINDS_STREAM)],
            base_year: b.base_year,
            gf: to_f64(b.general_fund),
            usable: to_f64(b.total_usable),
            in_force: (0..years).map(|i| lv.override_end.in_force(Fy(b.base_year.0 + i as i32))).collect(),
            brought_forward: to_f64(b.started_at(&lv.start).deficit_brought_forward),
            values: vec![0.0; years * n],
            sums: vec![0.0; years],
            over: vec![[0u32; 4]; years],
            cum: Vec::with_capacity(years),
        }
    }

    /// Runs the draws left and sorts each year's draws, stopping early (after a multiple of
    /// [`CLOCK_EVERY`] draws, or a column) once `spent` says so. True when all is done.
    fn add(&mut self, mut spent: impl FnMut() -> bool, mut run: impl FnMut(&Draw, &mut Vec<f64>)) -> bool {
        let (n, years) = (self.n, self.in_force.len());
        let [rng, cost_rng, later_rng] = &mut self.rngs;
        while self.done < n {
            let k = self.done;
            let d = self.sampler.draw(rng, cost_rng, later_rng);
            self.cum.clear();
            run(&d, &mut self.cum);
            let (mut ever_gf, mut ever_us) = (false, false);
            for i in 0..years {
                let c = self.cum.get(i).copied().unwrap_or(f64::NAN);
                self.values[i * n + k] = c;
                self.sums[i] += c;
                let counts = !self.in_force[i];
                let (og, ou) = (counts && c > self.gf, counts && c > self.usable);
                ever_gf |= og;
                ever_us |= ou;
                let o = &mut self.over[i];
                o[0] += og as u32;
                o[1] += ou as u32;
                o[2] += ever_gf as u32;
                o[3] += ever_us as u32;
            }
            self.done += 1;
            if self.done.is_multiple_of(CLOCK_EVERY) && spent() {
                return false;
            }
        }
        // Then each year's column in order, a column at a time (50,000 draws take a few ms each).
        while self.sorted < years {
            let i = self.sorted;
            self.values[i * n..(i + 1) * n].sort_unstable_by(|a, b| a.total_cmp(b));
            self.sorted += 1;
            if self.sorted < years && spent() {
                return false;
            }
        }
        true
    }

    /// The fan. Only once `add` has returned true: every draw run and every column sorted.
    fn finish(self) -> Fan {
        debug_assert!(self.done == self.n && self.sorted == self.in_force.len());
        let (n, years) = (self.n, self.in_force.len());
        let nf = n as f64;
        let mut out = Vec::with_capacity(years);
        for i in 0..years {
            let col = &self.values[i * n..(i + 1) * n];
            let q = |p| percentile(col, p).unwrap_or(f64::NAN);
            let o = self.over[i];
            out.push(FanYear {
                year: Fy(self.base_year.0 + i as i32),
                band: Band { p10: q(10), p25: q(25), p50: q(50), p75: q(75), p90: q(90) },
                mean: self.sums[i] / nf,
                p_over_general_fund: o[0] as f64 / nf,
                p_over_usable: o[1] as f64 / nf,
                p_general_fund_exceeded_by: o[2] as f64 / nf,
                p_usable_exceeded_by: o[3] as f64 / nf,
            });
        }
        Fan { draws: n as u32, seed: self.seed, shape: self.shape, years: out, general_fund: self.gf, usable_reserves: self.usable, brought_forward: Some(self.brought_forward) }
    }
}

/// Draws run between two looks at a slice's clock.
const CLOCK_EVERY: usize = 128;

/// The Monte Carlo fan of the mitigated cumulative deficit, through the f64 path ([`FastModel`]).
/// `draws` below 1 is read as 1. The same inputs and seed give the same fan on every platform.
pub fn simulate(b: &Baseline, levers: &Levers, ranges: &Ranges, draws: u32, seed: u64) -> Fan {
    let mut sim = Simulation::new(b, levers, ranges, draws, seed);
    sim.run(|| false);
    sim.finish()
}

/// [`simulate`] a slice at a time: `run` until it returns true, then `finish`. The page runs a
/// slice per task so a 100,000-draw fan never holds up input or painting.
pub struct Simulation {
    model: FastModel,
    scratch: FastRun,
    gathering: Gathering,
}

impl Simulation {
    pub fn new(b: &Baseline, levers: &Levers, ranges: &Ranges, draws: u32, seed: u64) -> Simulation {
        let lv = levers.clamped(b);
        Simulation { model: FastModel::new(b, &lv), scratch: FastRun::default(), gathering: Gathering::new(b, &lv, ranges, draws, seed) }
    }

    /// Runs draws (then sorts them) until all is done (true) or `spent` says the slice is over.
    pub fn run(&mut self, spent: impl FnMut() -> bool) -> bool {
        let Simulation { model, scratch, gathering } = self;
        gathering.add(spent, |d, cum| {
            model.run(d, scratch);
            cum.extend_from_slice(&scratch.cumulative);
        })
    }

    /// Draws run so far, and how many there are in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.gathering.done, self.gathering.n)
    }

    /// The fan. Call once `run` has returned true.
    pub fn finish(self) -> Fan {
        self.gathering.finish()
    }
}

/// The same fan as [`simulate`] (same draws), each draw run through the exact Decimal
/// [`project`]. A slow reference for tests and the benchmark, not for the browser.
pub fn simulate_exact(b: &Baseline, levers: &Levers, ranges: &Ranges, draws: u32, seed: u64) -> Fan {
    let lv = levers.clamped(b);
    gather(b, &lv, ranges, draws, seed, |d, cum| {
        let p = project(b, &d.levers(&lv));
        cum.extend(p.mitigated.rows.iter().map(|r| to_f64(r.cumulative_deficit)));
    })
}

// ================================================================= tornado

/// One bar of the tornado: the deficit in the chosen year with one input at its low and at its
/// high value, the others at the levers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TornadoBar {
    pub input: Input,
    /// The input's low and high values (model units), clipped to its bounds.
    pub low: Decimal,
    pub high: Decimal,
    /// Mitigated cumulative deficit at 31 March of the year, at the levers.
    pub base: Money,
    pub at_low: Money,
    pub at_high: Money,
    /// |at_high − at_low|.
    pub swing: Money,
}

fn cum_at(p: &Projection, year: Fy) -> Option<Money> {
    p.mitigated.row(year).map(|r| r.cumulative_deficit)
}

/// Sensitivity of the mitigated cumulative deficit at the end of `year`, in exact Decimal: one
/// bar per input (growth only for placement kinds the data has), ranked by swing, largest first
/// (ties keep `Input::ALL` order). Empty if `year` is not a projected year.
pub fn tornado(b: &Baseline, levers: &Levers, ranges: &Ranges, year: Fy) -> Vec<TornadoBar> {
    let lv = levers.clamped(b);
    let base = match cum_at(&project(b, &lv), year) {
        Some(v) => v,
        None => return Vec::new(),
    };
    let mut bars = Vec::new();
    for input in Input::ALL {
        match input {
            Input::Growth(k) if !b.has_kind(k) => continue,
            // A cost with no range in the data is not uncertain here: no bar.
            Input::Cost(k) if !b.has_kind(k) || ranges.get(input).width().is_zero() => continue,
            _ => {}
        }
        let (blo, bhi) = input.bounds();
        let r = ranges.get(input);
        let low = r.low.max(blo).min(bhi);
        let high = r.high.max(low).min(bhi);
        let at = |v: Decimal| cum_at(&project(b, &levers_with(&lv, input, v)), year).unwrap_or(base);
        let (at_low, at_high) = (at(low), at(high));
        bars.push(TornadoBar { input, low, high, base, at_low, at_high, swing: at_high.saturating_sub(at_low).abs() });
    }
    crate::sorting::sort_by_key(&mut bars, |b| std::cmp::Reverse(b.swing)); // stable: ties keep Input::ALL order
    bars
}

// ================================================================= goal seek

/// What goal seek aims for (see the module notes for the exact definitions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// The in-year position balances in this year and every later one projected.
    InYearBalancedBy(Fy),
    /// After the override ends, the cumulative deficit never exceeds the general fund within the
    /// horizon.
    CumulativeBelowGeneralFund,
    /// … never exceeds total usable reserves within the horizon.
    CumulativeBelowUsableReserves,
}

/// The lever goal seek moves. Values are in the lever's display units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeekVar {
    /// New local special places per opening year (0 to 500, whole places); fewest wins.
    NewPlacesPerYear,
    /// One kind's EHCP growth, % a year (−20 to 40, step 0.5); highest wins.
    Growth(PlacementKind),
    /// Percentage points added to every placement kind's growth (step 0.5, as far as every kind
    /// stays within −20% to 40%); highest wins. A negative answer is the cut needed.
    GrowthAllKinds,
    /// The custom saving, £ a year (0 to 50m, step £10,000); smallest wins.
    SavingPerYear,
    /// Schools-block transfer, % of the schools block (0 to 2, step 0.1); smallest wins.
    Transfer,
}

impl SeekVar {
    /// The one lever moved, in the same units; `None` for growth of every placement type, which
    /// moves one lever per type.
    pub fn lever(self) -> Option<LeverId> {
        match self {
            SeekVar::NewPlacesPerYear => Some(LeverId::PlacesPerYear),
            SeekVar::Growth(k) => Some(LeverId::Growth(k)),
            SeekVar::SavingPerYear => Some(LeverId::SavingPerYear),
            SeekVar::Transfer => Some(LeverId::Transfer),
            SeekVar::GrowthAllKinds => None,
        }
    }
}

/// How a projection stands against a goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalOutcome {
    pub met: bool,
    /// The goal's measure; it is met when this is ≤ 0. `InYearBalancedBy`: the highest in-year
    /// deficit in the target year and the years after it. The cumulative goals: the largest excess of the
    /// cumulative deficit over the limit in the years after the override ends.
    pub margin: Money,
    /// First year the in-year position balances, if within the horizon.
    pub balances_in: Option<Fy>,
    /// First year the deficit counting against reserves is over the goal's limit (for
    /// `InYearBalancedBy`, over the general fund), if within the horizon.
    pub exceeds_in: Option<Fy>,
}

/// Goal seek's answer. Values are in the variable's display units (places, % a year,
/// percentage points, £ a year, %).
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // one value per goal seek; boxing would buy nothing
pub enum SeekResult {
    /// The value nearest the favourable end of the range that meets the goal, to the lever's
    /// step, and the levers with it applied.
    Achieved { value: Decimal, outcome: GoalOutcome, levers: Levers },
    /// No value in range meets the goal. `best_value` comes closest: of the values whose margin
    /// is as small as at the better end of the range, the one nearest the favourable end (so
    /// places beyond the children there are to move are not counted).
    /// `worse`: moving the lever from its favourable end only makes the outcome worse (so a
    /// reader's value beyond `best_value` would do better at it).
    Infeasible { best_value: Decimal, best_outcome: GoalOutcome, reason: String, worse: bool },
    /// The question cannot be asked of these inputs (a year outside the projection, an override
    /// that covers every projected year, a variable with no effect on the data).
    Invalid { reason: String },
}

fn outcome(t: &Trajectory, goal: Goal, b: &Baseline) -> Option<GoalOutcome> {
    let h = &t.headline;
    match goal {
        Goal::InYearBalancedBy(y) => {
            let margin = t.rows.iter().filter(|r| r.year >= y).map(|r| r.in_year_deficit).max()?;
            Some(GoalOutcome { met: margin <= ZERO, margin, balances_in: h.balances_in, exceeds_in: h.exceeds_general_fund })
        }
        Goal::CumulativeBelowGeneralFund | Goal::CumulativeBelowUsableReserves => {
            let (limit, exceeds) =
                if goal == Goal::CumulativeBelowGeneralFund { (b.general_fund, h.exceeds_general_fund) } else { (b.total_usable, h.exceeds_usable_reserves) };
            let margin = t.rows.iter().filter(|r| !r.override_in_force).map(|r| r.cumulative_deficit.saturating_sub(limit)).max()?;
            Some(GoalOutcome { met: margin <= ZERO, margin, balances_in: h.balances_in, exceeds_in: exceeds })
        }
    }
}

/// The grid a variable moves on: value(i) = min + i × step, i in 0..=n, in display units.
struct Grid {
    min: Decimal,
    step: Decimal,
    n: u64,
    /// The favourable end is the high one (growth) rather than the low one.
    prefer_high: bool,
}

impl Grid {
    fn value(&self, i: u64) -> Decimal {
        self.min.saturating_add(self.step.saturating_mul(Decimal::from(i)))
    }
}

fn grid(b: &Baseline, lv: &Levers, var: SeekVar) -> Result<Grid, String> {
    let of_lever = |id: LeverId, prefer_high: bool| {
        let (min, max, step) = id.def().range();
        let n = ((max - min) / step).floor().to_u64().unwrap_or(0);
        Grid { min, step, n, prefer_high }
    };
    match var {
        SeekVar::NewPlacesPerYear => {
            if !(b.has_kind(PlacementKind::Independent) && b.has_kind(PlacementKind::LocalSpecial)) {
                return Err("New places need both independent and local special placements in the data; without them they change nothing.".into());
            }
            Ok(of_lever(LeverId::PlacesPerYear, false))
        }
        SeekVar::Growth(k) => {
            if !b.has_kind(k) {
                return Err(format!("The data has no {} placement, so its growth changes nothing.", k.as_str()));
            }
            Ok(of_lever(LeverId::Growth(k), true))
        }
        SeekVar::GrowthAllKinds => {
            let (min, max, step) = LeverId::Growth(PlacementKind::Mainstream).def().range();
            let present: Vec<Decimal> = PlacementKind::ALL.iter().filter(|&&k| b.has_kind(k)).map(|&k| lv.growth.get(k) * Decimal::ONE_HUNDRED).collect();
            let (lo, hi) = match (present.iter().min(), present.iter().max()) {
                (Some(lo), Some(hi)) => (*lo, *hi),
                _ => return Err("The data has no placements.".into()),
            };
            // Shifts k × step with every present kind inside the lever's range.
            let k_min = ((min - lo) / step).ceil();
            let k_max = ((max - hi) / step).floor();
            if k_max < k_min {
                return Err("The growth rates are too far apart to move together within the lever's range.".into());
            }
            let n = (k_max - k_min).to_u64().unwrap_or(0);
            Ok(Grid { min: k_min * step, step, n, prefer_high: true })
        }
        SeekVar::SavingPerYear => Ok(of_lever(LeverId::SavingPerYear, false)),
        SeekVar::Transfer => Ok(of_lever(LeverId::Transfer, false)),
    }
}

fn apply_var(b: &Baseline, lv: &Levers, var: SeekVar, value: Decimal) -> Levers {
    let mut l = lv.clone();
    let Some(id) = var.lever() else {
        let shift = value / Decimal::ONE_HUNDRED;
        for &k in PlacementKind::ALL.iter().filter(|&&k| b.has_kind(k)) {
            l.growth.set(k, lv.growth.get(k).saturating_add(shift));
        }
        return l;
    };
    // Grid values are numbers of the lever's kind: `set` cannot fail.
    let _ = l.set(id, LeverValue::Number(value));
    l
}

fn describe_goal(goal: Goal) -> String {
    match goal {
        Goal::InYearBalancedBy(y) => format!("the in-year position is still in deficit in {} or a later year", y.label()),
        Goal::CumulativeBelowGeneralFund => "the deficit goes over the general fund after the override ends".into(),
        Goal::CumulativeBelowUsableReserves => "the deficit goes over total usable reserves after the override ends".into(),
    }
}

/// The lever's value in words; `opening_years`: how many years the new places open in (places
/// opening in one year only are not "a year").
fn describe_value(var: SeekVar, v: Decimal, opening_years: u32) -> String {
    let v = v.normalize();
    match var {
        SeekVar::NewPlacesPerYear if opening_years == 1 => format!("{v} new places"),
        SeekVar::NewPlacesPerYear => format!("{v} new places a year"),
        SeekVar::Growth(k) => format!("{v}% a year growth in {} placements", k.as_str()),
        // A cut or a rise in words, as the answer that is reached says it ("-23 points" read
        // as a sum, not a sentence).
        SeekVar::GrowthAllKinds => match v.cmp(&Decimal::ZERO) {
            std::cmp::Ordering::Less => format!("every growth rate {} a year lower", crate::units::money::points(-v)),
            std::cmp::Ordering::Equal => "every growth rate as it is".into(),
            std::cmp::Ordering::Greater => format!("every growth rate {} a year higher", crate::units::money::points(v)),
        },
        SeekVar::SavingPerYear => format!("a saving of {} a year", gbp_m(v)),
        SeekVar::Transfer => format!("a transfer of {v}% of the schools block"),
    }
}

/// Finds the value of `variable` nearest its favourable end that meets `target`, all other levers
/// as given, by bisection on the lever's grid (exact Decimal projections; about log₂ of the grid
/// size of them). See the module notes for the goals and the monotonicity relied on.
pub fn goal_seek(b: &Baseline, levers: &Levers, target: Goal, variable: SeekVar) -> SeekResult {
    let lv = levers.clamped(b);
    if let Goal::InYearBalancedBy(y) = target {
        let last = lv.horizon_year(b);
        if y < b.base_year || y > last {
            return SeekResult::Invalid {
                reason: format!("{} is outside the projection ({} to {}); change the target or the horizon.", y.label(), b.base_year.label(), last.label()),
            };
        }
    }
    let g = match grid(b, &lv, variable) {
        Ok(g) => g,
        Err(reason) => return SeekResult::Invalid { reason },
    };
    let eval = |i: u64| {
        let l = apply_var(b, &lv, variable, g.value(i));
        let p = project(b, &l);
        (outcome(&p.mitigated, target, b), p.levers)
    };
    let (good_end, bad_end) = if g.prefer_high { (g.n, 0) } else { (0, g.n) };

    let (o_good, l_good) = eval(good_end);
    let o_good = match o_good {
        Some(o) => o,
        None => {
            return SeekResult::Invalid {
                reason: "The override covers every projected year, so the deficit never counts against reserves within the horizon: there is nothing to seek.".into(),
            }
        }
    };
    if o_good.met {
        return SeekResult::Achieved { value: g.value(good_end), outcome: o_good, levers: l_good };
    }
    let (o_bad, l_bad) = eval(bad_end);
    let o_bad = o_bad.unwrap_or_else(|| o_good.clone());
    if !o_bad.met {
        let worse = o_bad.margin > o_good.margin;
        let (mut best_i, mut best_outcome) = if o_bad.margin < o_good.margin { (bad_end, o_bad) } else { (good_end, o_good) };
        // The value nearest the favourable end that does as well as the best end (e.g. the
        // places beyond the children in independent placements change nothing).
        if best_i == bad_end {
            let (mut worse, mut as_good) = (good_end, bad_end);
            while worse.abs_diff(as_good) > 1 {
                let mid = (worse + as_good) / 2;
                match eval(mid).0 {
                    Some(o) if o.margin <= best_outcome.margin => {
                        as_good = mid;
                        best_outcome = o;
                    }
                    _ => worse = mid,
                }
            }
            best_i = as_good;
        }
        let best_value = g.value(best_i);
        let (value, goal, miss) = (describe_value(variable, best_value, lv.places.years), describe_goal(target), gbp_m(best_outcome.margin));
        // Said apart: the lever's end, where more of it stops helping (a trial read "even with
        // 267 new places" as the lever's limit; it was the children left to place), or a lever
        // that does not help at all (a review found "even with a saving of £0m a year").
        let reason = if best_i == bad_end {
            format!("Not reachable within the lever's range: even with {value}, the most the lever allows, {goal} (it misses by {miss}).")
        } else if best_i != good_end {
            format!("Not reachable with this lever: even with {value}, {goal} (it misses by {miss}); going further than that changes nothing.")
        } else if worse {
            format!("Not reachable with this lever: moving it from {value} only makes this worse, and even with {value}, {goal} (it misses by {miss}).")
        } else {
            format!("Not reachable with this lever: moving it changes nothing here, and {goal} (it misses by {miss}).")
        };
        return SeekResult::Infeasible { best_value, best_outcome, reason, worse: best_i == good_end && worse };
    }
    // Met at `bad_end`, not at `good_end`: bisect for the boundary nearest `good_end`.
    let (mut fail, mut pass, mut best) = (good_end, bad_end, (o_bad, l_bad));
    while fail.abs_diff(pass) > 1 {
        let mid = (fail + pass) / 2;
        let (o, l) = eval(mid);
        match o {
            Some(o) if o.met => {
                pass = mid;
                best = (o, l);
            }
            _ => fail = mid,
        }
    }
    SeekResult::Achieved { value: g.value(pass), outcome: best.0, levers: best.1 }
}

// ================================================================= forecast drift

/// Where a published forecast falls against the model's band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandPosition {
    Below,
    Inside,
    Above,
}

/// One published forecast beside the model's band at its date.
#[derive(Debug, Clone, PartialEq)]
pub struct DriftPoint {
    pub id: String,
    pub made: crate::units::calendar::Made,
    pub for_date: Date,
    pub amount: Money,
    /// "up to" where the paper gives a ceiling.
    pub qualifier: Option<String>,
    /// The band at `for_date`; `None` when the date is outside the modelled period.
    pub band: Option<Band>,
    /// Whether the band was interpolated between two 31 Marches.
    pub interpolated: bool,
    /// Against the 10–90 band, to within 1p per £1m (f64 rounding); `None` without a band.
    pub position: Option<BandPosition>,
}

impl DriftPoint {
    pub fn inside(&self) -> bool {
        self.position == Some(BandPosition::Inside)
    }

    /// A ceiling ("up to £300m") with the whole band under it: it agrees with the band.
    pub fn under_ceiling(&self) -> bool {
        self.qualifier.as_deref() == Some("up to") && self.band.is_some_and(|b| to_f64(self.amount) > b.p90)
    }
}

/// Days since 1970-01-01 (proleptic Gregorian).
fn day_number(d: Date) -> i64 {
    let (y, m, day) = (d.year as i64, d.month as i64, d.day as i64);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The band at a date, with whether it was interpolated (see the module notes).
pub fn band_at(b: &Baseline, fan: &Fan, date: Date) -> Option<(Band, bool)> {
    let first = fan.years.first()?.year;
    // Knots: the start of the first fan year (the brought-forward deficit), then each 31 March.
    let mut prev_date = Fy(first.0 - 1).end();
    let mut prev = Band::point(fan.brought_forward.unwrap_or_else(|| to_f64(b.deficit_brought_forward)));
    if date == prev_date {
        return Some((prev, false));
    }
    if date < prev_date {
        return None;
    }
    for y in &fan.years {
        let end = y.year.end();
        if date == end {
            return Some((y.band, false));
        }
        if date < end {
            let t = (day_number(date) - day_number(prev_date)) as f64 / (day_number(end) - day_number(prev_date)) as f64;
            return Some((Band::lerp(&prev, &y.band, t), true));
        }
        prev_date = end;
        prev = y.band;
    }
    None
}

/// Each published forecast beside the model's 10–90 band at its date.
pub fn drift(b: &Baseline, fan: &Fan) -> Vec<DriftPoint> {
    b.forecasts
        .iter()
        .map(|f| {
            let at = band_at(b, fan, f.for_date);
            let amount = to_f64(f.amount);
            let tol = (amount.abs() * 1e-8).max(0.01);
            // A ceiling ("up to £300m") agrees with a band under it: only a band above it differs.
            let ceiling = f.qualifier.as_deref() == Some("up to");
            let position = at.map(|(band, _)| {
                if amount < band.p10 - tol {
                    BandPosition::Below
                } else if amount > band.p90 + tol && !ceiling {
                    BandPosition::Above
                } else {
                    BandPosition::Inside
                }
            });
            DriftPoint {
                id: f.id.clone(),
                made: f.made,
                for_date: f.for_date,
                amount: f.amount,
                qualifier: f.qualifier.clone(),
                band: at.map(|(band, _)| band),
                interpolated: at.map(|(_, i)| i).unwrap_or(false),
                position,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number(Date::parse("1970-01-01").unwrap()), 0);
        assert_eq!(day_number(Date::parse("2000-03-01").unwrap()), 11_017);
        let a = day_number(Date::parse("2025-03-31").unwrap());
        assert_eq!(day_number(Date::parse("2026-03-31").unwrap()) - a, 365);
        assert_eq!(day_number(Date::parse("2024-03-31").unwrap()), a - 365, "2024 is a leap year, but 29 Feb 2024 is before 31 March 2024");
        assert_eq!(day_number(Date::parse("2028-03-31").unwrap()) - day_number(Date::parse("2027-03-31").unwrap()), 366);
    }
}
