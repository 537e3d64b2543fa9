//! Every lever of every page, described once: its link key, label, help, kind (a number with
//! its unit, range and step; a year; a choice; a starting point), how it displays, and how its
//! value crosses between display units (what a slider shows and a link writes: "12.5" is 12.5% a
//! year) and model units (0.125). The controls, the link codec, the generated parameter docs,
//! the share bar's summary, goal seek and the tornado all read [`LEVERS`].
//!
//! Adding a lever: one [`LeverDef`] here (its accessors convert units right there), its field
//! (with its default) in the group's struct, and the model's use of that field.

use super::capital::MrpMethod;
use super::dsg::{Baseline, Carry, LeverId, Levers, OverrideEnd};
use super::scenario::Scenario;
use super::uncertainty::Shape;
use crate::data::dataset::PlacementKind;
use crate::data::limits::{COST_INFLATION_PCT, EHCP_GROWTH_PCT, INCOME_GROWTH_PCT};
use crate::units::calendar::Fy;
use crate::units::money::gbp;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Which page's form a lever belongs to (and so the first part of its key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    HighNeeds,
    Revenue,
    Capital,
    Uncertainty,
}

/// What a number means in display units, which are also link units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisplayUnit {
    /// A yearly rate in percent: 10 is 10% a year (the model holds 0.1).
    PercentPerYear,
    /// A share in percent: 0.5 is 0.5% (the model holds 0.005).
    Percent,
    /// Percentage points off a rate: 2 is 2 points (the model holds 0.02).
    PercentagePoints,
    /// Half-width of a range in percentage points (the model holds 0.03 for 3).
    PointsEitherSide,
    /// Pounds a year, in cash.
    PoundsPerYear,
    /// Pounds per place, one-off.
    PoundsPerPlace,
    /// Millions of pounds: 2.5 is £2,500,000 (the model holds pounds).
    PoundsM,
    /// New places in each opening year.
    PlacesPerYear,
    /// A whole number of years.
    Years,
    /// A whole number of random draws.
    Draws,
    /// A whole number with no unit (the random seed).
    Whole,
}

impl DisplayUnit {
    /// The short text a slider shows after its number.
    pub fn suffix(self) -> &'static str {
        match self {
            DisplayUnit::PercentPerYear => "% a year",
            DisplayUnit::Percent => "%",
            DisplayUnit::PercentagePoints => "percentage points",
            DisplayUnit::PointsEitherSide => "percentage points either side",
            DisplayUnit::PoundsPerYear => "£ a year",
            DisplayUnit::PoundsPerPlace => "£ per place",
            DisplayUnit::PoundsM => "£m",
            DisplayUnit::PlacesPerYear => "places a year",
            DisplayUnit::Years => "years",
            DisplayUnit::Draws => "draws",
            DisplayUnit::Whole => "",
        }
    }

    /// Only whole numbers are accepted.
    pub fn is_whole(self) -> bool {
        matches!(self, DisplayUnit::Years | DisplayUnit::Draws | DisplayUnit::Whole)
    }

    /// Whether a reader's value must be whole: the whole units, and places (a link's "60.5" read
    /// "60.5 places a year"). Places are not rounded where levers are clamped: the Monte Carlo
    /// draws a share of them delivered, which may be a fraction.
    pub fn entered_whole(self) -> bool {
        self.is_whole() || self == DisplayUnit::PlacesPerYear
    }

    /// An amount in pounds, held to the penny.
    pub fn in_pounds(self) -> bool {
        matches!(self, DisplayUnit::PoundsPerYear | DisplayUnit::PoundsPerPlace)
    }

    /// A number in words with its unit: "14% a year", "£500,000 a year", "−£2m", "1 year".
    pub fn display(self, d: Decimal) -> String {
        let t = d.normalize().to_string();
        match self {
            DisplayUnit::Whole => t,
            DisplayUnit::Percent => format!("{t}%"),
            DisplayUnit::PercentPerYear => format!("{t}% a year"),
            DisplayUnit::PoundsM => match t.strip_prefix('-') {
                Some(v) => format!("−£{v}m"),
                None => format!("£{t}m"),
            },
            DisplayUnit::PoundsPerYear => format!("{} a year", gbp(d)),
            DisplayUnit::PoundsPerPlace => format!("{} per place", gbp(d)),
            // "1 year", "1 place a year"; "2 years".
            _ => {
                let s = self.suffix();
                if t == "1" {
                    match s.split_once(' ') {
                        Some((first, rest)) => format!("1 {} {rest}", first.trim_end_matches('s')),
                        None => format!("1 {}", s.trim_end_matches('s')),
                    }
                } else {
                    format!("{t} {s}")
                }
            }
        }
    }
}

/// The id of a lever's control on its page (`hn.growth.local_special`:
/// `lever-hn-growth-local_special`); its number box adds `-n`, its help `-help`. prerender.js
/// reads the key back from it (its `changedLevers`; a test here keeps the two in step).
pub fn control_id(key: &str) -> String {
    format!("lever-{}", key.replace('.', "-"))
}

/// The controls a policy preset sets (every lever [`PolicyPreset::SETS`] names that these
/// figures use), with the values it gives them as the controls hold them. For the pre-rendered
/// page, whose script sets those controls when a preset is chosen before the app takes over (the
/// app then takes them as changed).
///
/// [`PolicyPreset::SETS`]: super::dsg::PolicyPreset::SETS
pub fn preset_controls(preset: super::dsg::PolicyPreset, b: &Baseline) -> Vec<(String, String)> {
    preset_values(preset, &super::dsg::PolicyPreset::SETS, b)
}

/// Of those, the ones whose values the levers must have for the preset's policy
/// ([`PolicyPreset::compared`]): the script checks the preset whose controls all agree.
///
/// [`PolicyPreset::compared`]: super::dsg::PolicyPreset::compared
pub fn preset_compared_controls(preset: super::dsg::PolicyPreset, b: &Baseline) -> Vec<(String, String)> {
    preset_values(preset, preset.compared(b), b)
}

fn preset_values(preset: super::dsg::PolicyPreset, ids: &[LeverId], b: &Baseline) -> Vec<(String, String)> {
    let mut s = Scenario::default_for(b);
    preset.apply(&mut s.hn, b);
    ids.iter().map(|&id| by_id(id)).filter(|d| d.applies(b)).map(|d| (control_id(d.key), d.get(&s).text())).collect()
}

/// (link code, label) of one option of a choice.
pub type Choice = (&'static str, &'static str);

/// What kind of value a lever takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A number in display units, within `min..=max`.
    Number { unit: DisplayUnit, min: Decimal, max: Decimal, step: Decimal },
    /// A financial year from `from` to `to` years after the base year. With `end`, the value
    /// names the year ending on its 31 March ("2027-28" = 31 March 2028) and may be "never".
    Year { from: i32, to: i32, end: bool },
    /// One of a fixed list.
    Choice(&'static [Choice]),
    /// One of the dataset's starting points (its vintages), by id.
    Vintage,
}

/// A lever's value in display units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Number(Decimal),
    /// A financial year (for a year-end lever, the year ending on that 31 March).
    Year(Fy),
    /// "never": only for a year-end lever.
    Never,
    /// A choice's code or a starting point's id.
    Code(String),
}

impl Value {
    /// The value as a link writes it: "12.5", "2026-27", "never", "annuity". No `+`, no spaces.
    pub fn text(&self) -> String {
        match self {
            Value::Number(d) => d.normalize().to_string(),
            Value::Year(fy) => fy.key(),
            Value::Never => "never".to_string(),
            Value::Code(c) => c.clone(),
        }
    }
}

/// How a lever reads and writes its field. High-needs levers act on [`Levers`] alone, so the
/// projection can check and clamp them without a whole scenario; the rest act on the scenario.
/// Setters are given only values that passed [`LeverDef::check`], so they convert and store.
#[derive(Clone, Copy)]
pub enum Access {
    HighNeeds(fn(&Levers) -> Value, fn(&mut Levers, &Value)),
    Scenario(fn(&Scenario) -> Value, fn(&mut Scenario, &Value)),
}

/// One lever: everything a form, a link and the docs need to know about it.
#[derive(Clone, Copy)]
pub struct LeverDef {
    /// Short, stable link key, e.g. "hn.growth.independent". Never reuse a retired key.
    pub key: &'static str,
    pub group: Group,
    pub label: &'static str,
    /// Plain English: what it means and why the default is what it is.
    pub help: &'static str,
    pub kind: Kind,
    pub access: Access,
}

impl std::fmt::Debug for LeverDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LeverDef").field("key", &self.key).field("kind", &self.kind).finish()
    }
}

impl PartialEq for LeverDef {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

/// How a lever is shown in a form (year and starting-point options depend on the dataset).
#[derive(Debug, Clone, PartialEq)]
pub enum Control {
    /// A slider with a number box. Values in display units.
    Number { min: Decimal, max: Decimal, step: Decimal, suffix: &'static str },
    /// A choice of values: (link text, label).
    Choice { options: Vec<(String, String)> },
}

/// The lever with this link key.
pub fn by_key(key: &str) -> Option<&'static LeverDef> {
    LEVERS.iter().find(|d| d.key == key)
}

/// The high-needs lever a [`LeverId`] names.
pub fn by_id(id: LeverId) -> &'static LeverDef {
    // Every id has an entry (a unit test checks it); the fallback only keeps this total.
    by_key(id.key()).unwrap_or(&LEVERS[0])
}

/// A value quoted in a message, cut short if long (a link can carry anything).
fn clip(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

/// The link-key prefixes of the levers kept one per placement kind (`hn.growth.<kind>`,
/// `mc.spread.<kind>`): the growth macros below write these keys.
pub const PER_KIND: [&str; 2] = ["hn.growth.", "mc.spread."];

/// An override end year before the years modelled, in words: "By 31 March 2025 (ended before the
/// years modelled)" (the lever's option, and Compare's figure).
pub fn ended_before_words(last: Fy) -> String {
    format!("By {} (ended before the years modelled)", last.end().long())
}

/// A number box emptied, or `name=` in a link: the link's notice reads "hn.growth.mainstream is
/// empty: …"; the box says "Enter a number" (`ui::components::lever`).
pub const EMPTY_NUMBER: &str = "is empty: a number is needed";

/// The longest number a lever reads (a link's or a box's text): more is no setting's value.
const MAX_NUMBER_CHARS: usize = 40;

impl LeverDef {
    /// The placement kind this lever moves, if it is one of a per-kind set.
    pub fn placement_kind(&self) -> Option<PlacementKind> {
        let rest = PER_KIND.iter().find_map(|p| self.key.strip_prefix(p))?;
        PlacementKind::ALL.iter().copied().find(|k| k.as_str() == rest)
    }

    /// Whether the lever can change anything with these figures: a per-kind lever does only
    /// when the data has a placement line of that kind.
    pub fn applies(&self, b: &Baseline) -> bool {
        self.placement_kind().is_none_or(|k| b.has_kind(k))
    }

    /// The value in a scenario.
    pub fn get(&self, s: &Scenario) -> Value {
        match self.access {
            Access::HighNeeds(get, _) => get(&s.hn),
            Access::Scenario(get, _) => get(s),
        }
    }

    /// The dataset's default.
    pub fn default(&self, b: &Baseline) -> Value {
        self.get(&Scenario::default_for(b))
    }

    /// For number levers, (min, max, step) in display units; (0, 0, 1) for others.
    pub fn range(&self) -> (Decimal, Decimal, Decimal) {
        match self.kind {
            Kind::Number { min, max, step, .. } => (min, max, step),
            _ => (Decimal::ZERO, Decimal::ZERO, Decimal::ONE),
        }
    }

    /// For year levers, the first and last year allowed.
    pub fn year_bounds(&self, base: Fy) -> Option<(Fy, Fy)> {
        match self.kind {
            Kind::Year { from, to, .. } => Some((Fy(base.0 + from), Fy(base.0 + to))),
            _ => None,
        }
    }

    /// Revenue and capital links have always been read leniently (spaces around a number, a
    /// leading `+`) and report ranges in their own words; kept so that old links and messages
    /// stay as they were.
    fn lenient(&self) -> bool {
        matches!(self.group, Group::Revenue | Group::Capital)
    }

    /// Reads a value as links write it ([`Value::text`]). Checks the kind of value only; the
    /// range is [`LeverDef::check`]'s job.
    pub fn parse(&self, text: &str) -> Result<Value, String> {
        match self.kind {
            Kind::Number { .. } => {
                let plainly = |t: &str| t.bytes().all(|c| c.is_ascii_digit() || c == b'.' || c == b'-');
                let plain = plainly(text);
                let d = if self.lenient() {
                    crate::data::json::parse_decimal(text)
                } else if text.is_empty() || text.len() > MAX_NUMBER_CHARS || !plain {
                    None
                } else {
                    Decimal::from_str_exact(text).ok()
                };
                // An emptied box (or `name=` in a link) is said as such, not quoted as `""`; a
                // number too long to take is said as that, not as "not a number" (a link of
                // 30,000 nines had read so), and quoted only in part.
                d.map(Value::Number).ok_or_else(|| {
                    // More digits than a decimal holds (28), or than a setting's text may have.
                    let long = plain && text.bytes().filter(u8::is_ascii_digit).count() > 28;
                    // "1e308" is a number, but not as the boxes and links write one (a trial read
                    // "is not a number" for it).
                    let num = |t: &str| !t.is_empty() && plainly(t);
                    let exponent = text.split_once(['e', 'E']).is_some_and(|(m, e)| num(m) && num(e.strip_prefix('+').unwrap_or(e)));
                    let (quoted, cut) = match text.char_indices().nth(MAX_NUMBER_CHARS) {
                        Some((at, _)) => (&text[..at], "…"),
                        None => (text, ""),
                    };
                    if text.trim().is_empty() {
                        EMPTY_NUMBER.to_string()
                    } else if long {
                        format!("\"{quoted}{cut}\" has too many digits")
                    } else if exponent {
                        format!("\"{quoted}{cut}\" is written with a power of ten: give the number in plain digits")
                    } else {
                        format!("\"{quoted}{cut}\" is not a number")
                    }
                })
            }
            Kind::Year { end: true, .. } if text == "never" => Ok(Value::Never),
            Kind::Year { end, .. } => Fy::parse_key(text).map(Value::Year).ok_or_else(|| {
                format!("\"{text}\" is not {}", if end { "a financial year like 2027-28, or never" } else { "a financial year like 2026-27" })
            }),
            Kind::Choice(options) => match options.iter().find(|(c, _)| *c == text) {
                Some((c, _)) => Ok(Value::Code(c.to_string())),
                None => {
                    let codes: Vec<&str> = options.iter().map(|(c, _)| *c).collect();
                    Err(format!("\"{}\" is not one of {}", clip(text), codes.join(", ")))
                }
            },
            Kind::Vintage => Ok(Value::Code(text.to_string())),
        }
    }

    /// Whether `v` is of this lever's kind (a whole number where one is needed), whatever its
    /// range.
    pub fn check_kind(&self, v: &Value) -> Result<(), String> {
        match (self.kind, v) {
            (Kind::Number { unit, .. }, Value::Number(d)) => {
                if unit.entered_whole() && d.fract() != Decimal::ZERO {
                    Err(format!("needs a whole number, got {}", d.normalize()))
                } else if unit.is_whole() && d.to_u32().is_none() {
                    Err(format!("is out of range: {}", d.normalize()))
                } else if unit.in_pounds() && !crate::units::money::whole_pence(*d) {
                    // A link read "£12,345.68" and kept 12345.678: not to the penny.
                    Err(format!("needs pounds and pence (two decimal places at most), got {}", d.normalize()))
                } else {
                    Ok(())
                }
            }
            (Kind::Number { .. }, _) => Err("needs a number".into()),
            (Kind::Year { end: true, .. }, Value::Never | Value::Year(_)) => Ok(()),
            (Kind::Year { end: true, .. }, _) => Err("needs a financial year or \"never\"".into()),
            (Kind::Year { .. }, Value::Year(_)) => Ok(()),
            (Kind::Year { .. }, _) => Err("needs a financial year".into()),
            (Kind::Choice(_) | Kind::Vintage, Value::Code(_)) => Ok(()),
            (Kind::Choice(_) | Kind::Vintage, _) => Err("needs one of its options".into()),
        }
    }

    /// Whether `v` is of the right kind and within range for this dataset. The message says
    /// what it expected, without the lever's name: a link's notice shows its key beside it, a
    /// field its label, a warning the label in front (`LeverProblem::words`).
    pub fn check(&self, v: &Value, b: &Baseline) -> Result<(), String> {
        let base = b.base_year;
        match (self.kind, v) {
            (Kind::Number { min, max, .. }, Value::Number(d)) if self.lenient() => {
                if *d < min || *d > max {
                    Err(format!("must be between {} and {}, not {}", min.normalize(), max.normalize(), d.normalize()))
                } else if self.check_kind(v).is_err() {
                    Err(format!("must be a whole number, not {}", d.normalize()))
                } else {
                    Ok(())
                }
            }
            (Kind::Number { unit, min, max, .. }, Value::Number(d)) => {
                if unit.entered_whole() && d.fract() != Decimal::ZERO {
                    Err(format!("needs a whole number, got {}", d.normalize()))
                } else if *d < min || *d > max {
                    Err(format!("{} is outside {} to {}", d.normalize(), min.normalize(), max.normalize()))
                } else {
                    self.check_kind(v)
                }
            }
            (Kind::Year { end: true, .. }, Value::Never) => Ok(()),
            (Kind::Year { .. }, Value::Year(fy)) => {
                let (lo, hi) = self.year_bounds(base).unwrap_or((*fy, *fy));
                if *fy < lo || *fy > hi {
                    Err(format!("{} is outside {} to {}", fy.label(), lo.label(), hi.label()))
                } else {
                    Ok(())
                }
            }
            (Kind::Year { end: false, .. }, _) => Err(format!("needs a financial year like {}", base.next().key())),
            (Kind::Year { end: true, .. }, _) => Err(format!("needs a financial year like {} or \"never\"", base.next().key())),
            (Kind::Vintage, Value::Code(id)) => match b.start_by_id(id) {
                Some(_) => Ok(()),
                None => {
                    let ids: Vec<&str> = b.starts.iter().map(|s| s.id.as_str()).collect();
                    Err(format!("\"{}\" is not a starting point in this dataset ({})", clip(id), if ids.is_empty() { "only base".into() } else { ids.join(", ") }))
                }
            },
            (Kind::Choice(_), Value::Code(c)) => self.parse(c).map(|_| ()),
            _ => self.check_kind(v),
        }
    }

    /// The nearest valid value: numbers and years clamped to range, whole units rounded; a
    /// value of the wrong kind becomes the minimum. Choices and starting points are left alone.
    pub fn clamp(&self, v: Value, base: Fy) -> Value {
        match (self.kind, v) {
            (Kind::Year { end: true, .. }, Value::Never) => Value::Never,
            (Kind::Year { from, to, .. }, Value::Year(fy)) => Value::Year(fy.max(Fy(base.0 + from)).min(Fy(base.0 + to))),
            (Kind::Year { from, .. }, _) => Value::Year(Fy(base.0 + from)),
            (Kind::Number { unit, min, max, .. }, Value::Number(d)) => {
                let d = if unit.is_whole() { d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero) } else { d };
                Value::Number(d.max(min).min(max))
            }
            (Kind::Number { min, .. }, _) => Value::Number(min),
            (_, v) => v,
        }
    }

    /// The choice this lever is used with, if it is used only with one: (that lever's key, the
    /// choice's link code, why the control is disabled otherwise). The pre-rendered page's
    /// script enables the control when that choice is made before the app takes over.
    pub fn needs(&self) -> Option<(&'static str, &'static str, &'static str)> {
        match self.key {
            "hn.unexplained.years" => Some(("hn.unexplained", "fade", "Used only when the unexplained part fades out (choose that above).")),
            _ => None,
        }
    }

    /// Why this lever changes nothing in `s`, if it does not: its control is then disabled and
    /// says so (the fade-out years slider moved freely while the part was held in real terms).
    pub fn idle(&self, s: &Scenario) -> Option<&'static str> {
        let (key, code, why) = self.needs()?;
        (by_key(key)?.get(s).text() != code).then_some(why)
    }

    /// Sets the value in a scenario if it passes [`LeverDef::check`]; otherwise nothing changes.
    pub fn set(&self, s: &mut Scenario, v: &Value, b: &Baseline) -> Result<(), String> {
        self.check(v, b)?;
        // "base" (every v=1 link's start) names the vintage holding the base-year figures: it is
        // stored as that vintage's id, so its choice shows as chosen and a copied link names it.
        let named;
        let v = match (self.kind, v) {
            (Kind::Vintage, Value::Code(id)) if id == super::dsg::BASE_START && !b.starts.is_empty() => {
                named = Value::Code(b.starts[b.base_start()].id.clone());
                &named
            }
            _ => v,
        };
        match self.access {
            Access::HighNeeds(_, set) => set(&mut s.hn, v),
            Access::Scenario(_, set) => set(s, v),
        }
        Ok(())
    }

    /// Sets a high-needs lever on the levers alone, checking only the kind of value (the
    /// projection clamps ranges). Does nothing for other levers.
    pub fn set_hn(&self, l: &mut Levers, v: &Value) -> Result<(), String> {
        self.check_kind(v)?;
        if let Access::HighNeeds(_, set) = self.access {
            set(l, v);
        }
        Ok(())
    }

    /// A high-needs lever's value on the levers alone (`None` for other levers).
    pub fn get_hn(&self, l: &Levers) -> Option<Value> {
        match self.access {
            Access::HighNeeds(get, _) => Some(get(l)),
            Access::Scenario(..) => None,
        }
    }

    /// How the lever is shown in a form for this dataset.
    pub fn control(&self, b: &Baseline) -> Control {
        match self.kind {
            Kind::Number { unit, min, max, step } => Control::Number { min, max, step, suffix: unit.suffix() },
            Kind::Year { end, .. } => {
                let (lo, hi) = self.year_bounds(b.base_year).unwrap_or((b.base_year, b.base_year));
                let mut options: Vec<(String, String)> = (lo.0..=hi.0).map(|y| (Fy(y).key(), self.display(&Value::Year(Fy(y)), b))).collect();
                if end {
                    options.push(("never".into(), self.display(&Value::Never, b)));
                }
                Control::Choice { options }
            }
            Kind::Choice(options) => Control::Choice { options: options.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect() },
            Kind::Vintage => {
                let mut options: Vec<(String, String)> = b.starts.iter().rev().map(|s| (s.id.clone(), start_label(s))).collect();
                if options.is_empty() {
                    options.push((super::dsg::BASE_START.into(), super::dsg::BASE_FIGURES.into()));
                }
                Control::Choice { options }
            }
        }
    }

    /// A value in words with its unit: "14% a year", "£500,000 a year", "31 March 2028", a
    /// choice's label.
    pub fn display(&self, v: &Value, b: &Baseline) -> String {
        match (self.kind, v) {
            (Kind::Number { unit, .. }, Value::Number(d)) => unit.display(*d),
            (Kind::Year { end: true, .. }, Value::Year(fy)) if *fy < b.base_year => ended_before_words(*fy),
            (Kind::Year { end: true, .. }, Value::Year(fy)) => fy.end().long(),
            (Kind::Year { .. }, Value::Year(fy)) => fy.label(),
            (_, Value::Never) => "Never (no end date)".into(),
            (Kind::Choice(options), Value::Code(c)) => options.iter().find(|(code, _)| code == c).map(|(_, l)| l.to_string()).unwrap_or_else(|| c.clone()),
            (Kind::Vintage, Value::Code(id)) => match b.starts.iter().find(|s| &s.id == id) {
                Some(s) => start_label(s),
                None if id == super::dsg::BASE_START => super::dsg::BASE_FIGURES.into(),
                None => id.clone(),
            },
            (_, v) => v.text(),
        }
    }
}

/// "£17.2m, March 2025 forecast (Area SEND Inspection report)": how much and when first, as a
/// phone's narrow select shows only the start of its choice.
pub fn start_label(s: &super::dsg::StartPoint) -> String {
    format!("{}, {} {} ({})", crate::units::money::gbp_m(s.year_end), s.made.month_year(), if s.actual { "actual" } else { "forecast" }, s.label)
}

// ---------------------------------------------------------------------------------------------
// Unit conversions, display → model and back.

/// A decimal constant, usable in the table.
const fn dec(n: i64, scale: u32) -> Decimal {
    let a = n.unsigned_abs();
    Decimal::from_parts(a as u32, (a >> 32) as u32, 0, n < 0, scale)
}

const MILLION: Decimal = dec(1_000_000, 0);

fn number(v: &Value) -> Decimal {
    match v {
        Value::Number(d) => *d,
        _ => Decimal::ZERO,
    }
}
/// A fraction shown in percent (0.125 → 12.5).
fn pct(d: Decimal) -> Value {
    Value::Number(d.saturating_mul(Decimal::ONE_HUNDRED).normalize())
}
fn from_pct(v: &Value) -> Decimal {
    number(v).checked_div(Decimal::ONE_HUNDRED).unwrap_or(Decimal::ZERO)
}
/// Pounds shown in millions.
fn millions(d: Decimal) -> Value {
    Value::Number(d.checked_div(MILLION).unwrap_or(Decimal::ZERO).normalize())
}
fn from_millions(v: &Value) -> Decimal {
    number(v).saturating_mul(MILLION)
}
fn whole(n: u32) -> Value {
    Value::Number(Decimal::from(n))
}
fn to_u32(v: &Value) -> u32 {
    number(v).to_u32().unwrap_or(0)
}
fn code(c: &str) -> Value {
    Value::Code(c.to_string())
}

/// A high-needs lever's accessors on [`Levers`].
macro_rules! hn {
    ($l:ident, $v:ident => $get:expr, $set:expr) => {
        Access::HighNeeds(|$l: &Levers| $get, |$l: &mut Levers, $v: &Value| $set)
    };
}

/// Any other lever's accessors on the [`Scenario`].
macro_rules! sc {
    ($s:ident, $v:ident => $get:expr, $set:expr) => {
        Access::Scenario(|$s: &Scenario| $get, |$s: &mut Scenario, $v: &Value| $set)
    };
}

macro_rules! growth {
    ($kind:ident, $key:literal, $label:literal, $help:literal) => {
        LeverDef {
            key: $key,
            group: Group::HighNeeds,
            label: $label,
            help: $help,
            kind: Kind::Number { unit: DisplayUnit::PercentPerYear, min: dec(EHCP_GROWTH_PCT.0, 0), max: dec(EHCP_GROWTH_PCT.1, 0), step: dec(5, 1) },
            access: hn!(l, v => pct(l.growth.get(PlacementKind::$kind)), l.growth.set(PlacementKind::$kind, from_pct(v))),
        }
    };
}


macro_rules! growth_spread {
    ($kind:ident, $key:literal, $label:literal, $what:literal) => {
        LeverDef {
            key: $key,
            group: Group::Uncertainty,
            label: $label,
            help: concat!(
                "How far yearly EHCP growth in ",
                $what,
                " may differ from the growth assumption, in percentage points either side: 3 means from 3 points below to 3 points above. 0 holds it fixed. Default 3: this explorer's judgement, not a published figure; set it from your own evidence of how far growth has moved from year to year."
            ),
            kind: Kind::Number { unit: DisplayUnit::PointsEitherSide, min: dec(0, 0), max: dec(20, 0), step: dec(5, 1) },
            access: sc!(s, v => pct(s.mc.growth_spread[PlacementKind::$kind.index()]), s.mc.growth_spread[PlacementKind::$kind.index()] = from_pct(v)),
        }
    };
}

/// How the base year's unexplained part carries forward: (code, label); the model reads the
/// code with [`Carry::parse`].
const CARRY_CHOICES: &[Choice] = &[
    ("real", "Held in real terms (rises with cost inflation)"),
    ("fade", "Fades out over the years set below"),
    ("grow", "Grows with the rest of high-needs spend"),
];

const MRP_CHOICES: &[Choice] = &[("straight", "Straight line (equal instalments)"), ("annuity", "Annuity (level MRP plus interest)")];

const SHAPES: &[Choice] = &[
    ("triangular", "Triangular: values near your assumption are the most likely"),
    ("uniform", "Uniform: every value in the range is equally likely"),
];

/// Every lever, in the order the forms show them. Keys are stable: links depend on them.
pub static LEVERS: &[LeverDef] = &[
    // The starting point and the unexplained part's carry come first: they set the base.
    LeverDef {
        key: "hn.start",
        group: Group::HighNeeds,
        label: "Start from",
        help: "Which published figure for the base year the projection starts from: each paper's forecast (or actual) of the deficit at the end of the base year. The latest is the default.",
        kind: Kind::Vintage,
        access: hn!(l, v => Value::Code(l.start.clone()), if let Value::Code(c) = v { l.start = c.clone() }),
    },
    LeverDef {
        key: "hn.unexplained",
        group: Group::HighNeeds,
        label: "The unexplained part of the base year",
        help: "What the placement model does not explain of the starting point's in-year deficit (shown in the reconciliation): held in real terms (the default: an ongoing cost we cannot yet attribute), fading out, or growing with the rest of high-needs spend.",
        kind: Kind::Choice(CARRY_CHOICES),
        access: hn!(l, v => code(l.unexplained.code()), if let Some(c) = Carry::parse(&v.text()) { l.unexplained = c }),
    },
    LeverDef {
        key: "hn.horizon",
        group: Group::HighNeeds,
        label: "Years to project",
        help: "How many years after the base year to project: 10 runs from the base year to ten years on. Default 10: this explorer's choice, long enough to show the years after the statutory override ends; the further out, the less the figures can be relied on.",
        kind: Kind::Number { unit: DisplayUnit::Years, min: dec(3, 0), max: dec(15, 0), step: dec(1, 0) },
        access: hn!(l, v => whole(l.horizon), l.horizon = to_u32(v)),
    },
    growth!(Mainstream, "hn.growth.mainstream", "EHCP growth: mainstream", "Yearly growth in children with an EHCP supported in mainstream schools, nurseries and colleges, in % a year."),
    growth!(LocalSpecial, "hn.growth.local_special", "EHCP growth: local special schools", "Yearly growth in children with an EHCP in local special schools (maintained or academy), in % a year."),
    growth!(Independent, "hn.growth.independent", "EHCP growth: independent placements", "Yearly growth in children with an EHCP in independent and non-maintained special schools, in % a year."),
    growth!(Post16, "hn.growth.post16", "EHCP growth: post-16", "Yearly growth in young people with an EHCP in post-16 placements, in % a year."),
    growth!(Other, "hn.growth.other", "EHCP growth: other placements", "Yearly growth in other placements (education other than at school, out of area, awaiting a place), in % a year."),
    growth!(Resourced, "hn.growth.resourced", "EHCP growth: resourced provision and SEN units", "Yearly growth in children with an EHCP in resourced provision and SEN units attached to mainstream schools, in % a year."),
    growth!(HospitalAp, "hn.growth.hospital_ap", "EHCP growth: hospital schools and alternative provision", "Yearly growth in children with an EHCP in hospital schools and alternative provision, in % a year."),
    LeverDef {
        key: "hn.inflation",
        group: Group::HighNeeds,
        label: "Cost inflation",
        help: "Yearly rise in the average cost of each placement and in other high-needs spend, in % a year.",
        kind: Kind::Number { unit: DisplayUnit::PercentPerYear, min: dec(COST_INFLATION_PCT.0, 0), max: dec(COST_INFLATION_PCT.1, 0), step: dec(1, 1) },
        access: hn!(l, v => pct(l.cost_inflation), l.cost_inflation = from_pct(v)),
    },
    LeverDef {
        key: "hn.income",
        group: Group::HighNeeds,
        label: "High-needs income growth",
        help: "Yearly growth in the high-needs block grant, in % a year; the schools block (for a transfer) grows at it too, unless the dataset gives the schools block a growth of its own.",
        kind: Kind::Number { unit: DisplayUnit::PercentPerYear, min: dec(INCOME_GROWTH_PCT.0, 0), max: dec(INCOME_GROWTH_PCT.1, 0), step: dec(1, 1) },
        access: hn!(l, v => pct(l.income_growth), l.income_growth = from_pct(v)),
    },
    LeverDef {
        key: "hn.transfer",
        group: Group::HighNeeds,
        label: "Transfer from the schools block",
        help: "Share of the schools block moved to high needs each year from the year after the base year, in %. Up to 0.5% needs the Schools Forum's agreement; more needs the Secretary of State's approval.",
        kind: Kind::Number { unit: DisplayUnit::Percent, min: dec(0, 0), max: dec(2, 0), step: dec(1, 1) },
        access: hn!(l, v => pct(l.transfer), l.transfer = from_pct(v)),
    },
    LeverDef {
        key: "hn.override",
        group: Group::HighNeeds,
        label: "Statutory override ends",
        help: "The last financial year the statutory override keeps the deficit off the council's reserves (it ends on that year's 31 March), or \"never\". The year before the base year means it had ended before the years modelled.",
        // From the year before the base year: an override that had ended before the years
        // modelled (a later vintage's papers may give such a date).
        kind: Kind::Year { from: -1, to: 15, end: true },
        access: hn!(l, v => match l.override_end { OverrideEnd::Ends(fy) => Value::Year(fy), OverrideEnd::Never => Value::Never }, match v { Value::Year(fy) => l.override_end = OverrideEnd::Ends(*fy), Value::Never => l.override_end = OverrideEnd::Never, _ => {} }),
    },
    LeverDef {
        key: "hn.writeoff.share",
        group: Group::HighNeeds,
        label: "Deficit written off nationally",
        help: "Share of the cumulative deficit up to the chosen date that government resolves, in %. Deficit that builds up after that date is not covered.",
        kind: Kind::Number { unit: DisplayUnit::Percent, min: dec(0, 0), max: dec(100, 0), step: dec(1, 0) },
        access: hn!(l, v => pct(l.write_off.share), l.write_off.share = from_pct(v)),
    },
    LeverDef {
        key: "hn.writeoff.to",
        group: Group::HighNeeds,
        label: "Write-off covers the deficit to the end of",
        help: "The financial year whose closing deficit, at its 31 March, the write-off covers.",
        kind: Kind::Year { from: 0, to: 15, end: false },
        access: hn!(l, v => Value::Year(l.write_off.accrued_to), if let Value::Year(fy) = v { l.write_off.accrued_to = *fy }),
    },
    LeverDef {
        key: "hn.writeoff.paid",
        group: Group::HighNeeds,
        label: "Write-off paid in",
        help: "The financial year in which the write-off is paid and the deficit falls.",
        kind: Kind::Year { from: 1, to: 15, end: false },
        access: hn!(l, v => Value::Year(l.write_off.paid_in), if let Value::Year(fy) = v { l.write_off.paid_in = *fy }),
    },
    LeverDef {
        key: "hn.places.per_year",
        group: Group::HighNeeds,
        label: "New local special-school places",
        help: "Places opened in each opening year. Each filled place moves one child from an independent placement to a local special school, saving the difference in average cost.",
        kind: Kind::Number { unit: DisplayUnit::PlacesPerYear, min: dec(0, 0), max: dec(500, 0), step: dec(1, 0) },
        access: hn!(l, v => Value::Number(l.places.per_year), l.places.per_year = number(v)),
    },
    LeverDef {
        key: "hn.places.start",
        group: Group::HighNeeds,
        label: "New places first open in",
        help: "The financial year the first new places open.",
        kind: Kind::Year { from: 1, to: 15, end: false },
        access: hn!(l, v => Value::Year(l.places.start), if let Value::Year(fy) = v { l.places.start = *fy }),
    },
    LeverDef {
        key: "hn.places.years",
        group: Group::HighNeeds,
        label: "Years in which places open",
        help: "How many years in a row new places open (1 = a one-off).",
        kind: Kind::Number { unit: DisplayUnit::Years, min: dec(1, 0), max: dec(15, 0), step: dec(1, 0) },
        access: hn!(l, v => whole(l.places.years), l.places.years = to_u32(v)),
    },
    LeverDef {
        key: "hn.places.ramp",
        group: Group::HighNeeds,
        label: "Years for new places to fill",
        help: "Years for each year's new places to fill; 1 = full from the year they open.",
        kind: Kind::Number { unit: DisplayUnit::Years, min: dec(1, 0), max: dec(5, 0), step: dec(1, 0) },
        access: hn!(l, v => whole(l.places.ramp_years), l.places.ramp_years = to_u32(v)),
    },
    LeverDef {
        key: "hn.places.capital",
        group: Group::HighNeeds,
        label: "Capital cost per new place",
        help: "One-off building cost of a new place, in £ at base-year prices. Reported as capital, net of the High Needs Capital Grant, not as revenue.",
        kind: Kind::Number { unit: DisplayUnit::PoundsPerPlace, min: dec(0, 0), max: dec(1_000_000, 0), step: dec(1_000, 0) },
        access: hn!(l, v => Value::Number(l.places.capital_cost_per_place), l.places.capital_cost_per_place = number(v)),
    },
    LeverDef {
        key: "hn.support.pp",
        group: Group::HighNeeds,
        label: "Earlier support: lower EHCP growth by",
        help: "Percentage points taken off the yearly EHCP growth of every placement type at full effect, by support in mainstream before needs escalate.",
        kind: Kind::Number { unit: DisplayUnit::PercentagePoints, min: dec(0, 0), max: dec(20, 0), step: dec(5, 1) },
        access: hn!(l, v => pct(l.support.growth_reduction), l.support.growth_reduction = from_pct(v)),
    },
    LeverDef {
        key: "hn.support.start",
        group: Group::HighNeeds,
        label: "Earlier support starts in",
        help: "The financial year earlier support starts (and its cost begins).",
        kind: Kind::Year { from: 1, to: 15, end: false },
        access: hn!(l, v => Value::Year(l.support.start), if let Value::Year(fy) = v { l.support.start = *fy }),
    },
    LeverDef {
        key: "hn.support.ramp",
        group: Group::HighNeeds,
        label: "Years for earlier support to take full effect",
        help: "Years until the lower growth reaches its full effect; 1 = full effect from the first year.",
        kind: Kind::Number { unit: DisplayUnit::Years, min: dec(1, 0), max: dec(5, 0), step: dec(1, 0) },
        access: hn!(l, v => whole(l.support.ramp_years), l.support.ramp_years = to_u32(v)),
    },
    LeverDef {
        key: "hn.support.cost",
        group: Group::HighNeeds,
        label: "Cost of earlier support",
        help: "Revenue cost to the high-needs block each year from the start year, in £ a year (cash).",
        kind: Kind::Number { unit: DisplayUnit::PoundsPerYear, min: dec(0, 0), max: dec(20_000_000, 0), step: dec(10_000, 0) },
        access: hn!(l, v => Value::Number(l.support.annual_cost), l.support.annual_cost = number(v)),
    },
    LeverDef {
        key: "hn.saving.amount",
        group: Group::HighNeeds,
        label: "Other saving",
        help: "Any other management action, as a saving in £ a year at full effect (cash).",
        kind: Kind::Number { unit: DisplayUnit::PoundsPerYear, min: dec(0, 0), max: dec(50_000_000, 0), step: dec(10_000, 0) },
        access: hn!(l, v => Value::Number(l.saving.per_year), l.saving.per_year = number(v)),
    },
    LeverDef {
        key: "hn.saving.start",
        group: Group::HighNeeds,
        label: "Other saving starts in",
        help: "The financial year the saving starts.",
        kind: Kind::Year { from: 1, to: 15, end: false },
        access: hn!(l, v => Value::Year(l.saving.start), if let Value::Year(fy) = v { l.saving.start = *fy }),
    },
    LeverDef {
        key: "hn.saving.ramp",
        group: Group::HighNeeds,
        label: "Years for the saving to take full effect",
        help: "Years until the saving reaches its full amount; 1 = full from the first year.",
        kind: Kind::Number { unit: DisplayUnit::Years, min: dec(1, 0), max: dec(5, 0), step: dec(1, 0) },
        access: hn!(l, v => whole(l.saving.ramp_years), l.saving.ramp_years = to_u32(v)),
    },
    LeverDef {
        key: "hn.unexplained.years",
        group: Group::HighNeeds,
        label: "Years for the unexplained part to fade out",
        help: "With \"fades out\": the base year's unexplained part falls in equal steps to nothing over this many years.",
        kind: Kind::Number { unit: DisplayUnit::Years, min: dec(1, 0), max: dec(15, 0), step: dec(1, 0) },
        access: hn!(l, v => whole(l.unexplained_years), l.unexplained_years = to_u32(v)),
    },
    LeverDef {
        key: "hn.carry.rate",
        group: Group::HighNeeds,
        label: "Interest on the deficit",
        help: "What carrying the deficit costs the general fund, in % a year: the deficit is cash spent and not received, so the council earns less interest or borrows more. Where the council's figures give no rate, 4.5% is this app's assumption, set in 2024/25: between what councils then earned on short-term deposits and paid to borrow long-term, both roughly 4% to 5%.",
        kind: Kind::Number { unit: DisplayUnit::PercentPerYear, min: dec(0, 0), max: dec(15, 0), step: dec(1, 1) },
        access: hn!(l, v => pct(l.carry_rate), l.carry_rate = from_pct(v)),
    },
    LeverDef {
        key: "rev.atrisk",
        group: Group::Revenue,
        label: "At-risk savings delivered",
        help: "Share of the savings rated 'at risk' that are delivered this year. On the model's reading of the papers, the published forecast overspend counts none of them as delivered (0%); 50% means half are rescued and half slip.",
        kind: Kind::Number { unit: DisplayUnit::Percent, min: dec(0, 0), max: dec(100, 0), step: dec(5, 0) },
        access: sc!(s, v => pct(s.rev.at_risk_delivered), s.rev.at_risk_delivered = from_pct(v)),
    },
    LeverDef {
        key: "rev.ontarget",
        group: Group::Revenue,
        label: "On-target savings delivered",
        help: "Share of the savings rated 'on target or in progress' that are delivered this year. The published forecast counts all of them (100%).",
        kind: Kind::Number { unit: DisplayUnit::Percent, min: dec(0, 0), max: dec(100, 0), step: dec(5, 0) },
        access: sc!(s, v => pct(s.rev.on_target_delivered), s.rev.on_target_delivered = from_pct(v)),
    },
    LeverDef {
        key: "rev.delivered",
        group: Group::Revenue,
        label: "Delivered savings that hold",
        help: "Share of the savings already rated 'delivered' that stay delivered to the year end. The published forecast counts all of them (100%).",
        kind: Kind::Number { unit: DisplayUnit::Percent, min: dec(0, 0), max: dec(100, 0), step: dec(5, 0) },
        access: sc!(s, v => pct(s.rev.delivered_holds), s.rev.delivered_holds = from_pct(v)),
    },
    LeverDef {
        key: "rev.press",
        group: Group::Revenue,
        label: "Extra cost pressures",
        help: "Cost pressures beyond those in the published in-year forecast, in £m (negative for pressures that ease). Default £0m: the forecast as published.",
        kind: Kind::Number { unit: DisplayUnit::PoundsM, min: dec(-20, 0), max: dec(40, 0), step: dec(1, 1) },
        access: sc!(s, v => millions(s.rev.extra_pressures), s.rev.extra_pressures = from_millions(v)),
    },
    LeverDef {
        key: "rev.action",
        group: Group::Revenue,
        label: "Management action that lands",
        help: "Share of the planned management action (the forecast overspend less the overspend after action) that is achieved. It never takes the forecast below a balanced budget, or below the published position after action where that is an underspend. Default 100%, as published.",
        kind: Kind::Number { unit: DisplayUnit::Percent, min: dec(0, 0), max: dec(100, 0), step: dec(5, 0) },
        access: sc!(s, v => pct(s.rev.management_action_lands), s.rev.management_action_lands = from_pct(v)),
    },
    LeverDef {
        key: "rev.slip",
        group: Group::Revenue,
        label: "Undelivered savings delivered next year",
        help: "Of this year's undelivered savings, the share delivered late, next year. Only matters when some undelivered savings recur (the next setting). Default 0%: an assumption, the papers do not say.",
        kind: Kind::Number { unit: DisplayUnit::Percent, min: dec(0, 0), max: dec(100, 0), step: dec(5, 0) },
        access: sc!(s, v => pct(s.rev.slip_next_year), s.rev.slip_next_year = from_pct(v)),
    },
    LeverDef {
        key: "rev.recur",
        group: Group::Revenue,
        label: "Undelivered savings that recur",
        help: "Of the undelivered savings not delivered late, the share never delivered, leaving a gap every later year. Default 0%: councils must set a balanced budget each year, so next year's budget is taken to have dealt with them; raise it to test that risk.",
        kind: Kind::Number { unit: DisplayUnit::Percent, min: dec(0, 0), max: dec(100, 0), step: dec(5, 0) },
        access: sc!(s, v => pct(s.rev.recurring_undelivered), s.rev.recurring_undelivered = from_pct(v)),
    },
    LeverDef {
        key: "rev.gap",
        group: Group::Revenue,
        label: "Recurring budget gap",
        help: "A gap between spending and income in each later year, in £m a year, met from reserves. Default £0m: the papers give no medium-term gap.",
        kind: Kind::Number { unit: DisplayUnit::PoundsM, min: dec(0, 0), max: dec(50, 0), step: dec(1, 1) },
        access: sc!(s, v => millions(s.rev.recurring_gap), s.rev.recurring_gap = from_millions(v)),
    },
    LeverDef {
        key: "rev.years",
        group: Group::Revenue,
        label: "Medium-term years",
        help: "How many years after the base year the reserves runway looks ahead. Default 5, a usual medium-term financial strategy.",
        kind: Kind::Number { unit: DisplayUnit::Years, min: dec(1, 0), max: dec(10, 0), step: dec(1, 0) },
        access: sc!(s, v => whole(s.rev.years), s.rev.years = to_u32(v)),
    },
    LeverDef {
        key: "cap.slip",
        group: Group::Capital,
        label: "Capital slippage",
        help: "Share of each year's planned capital spend that slips into the next year (spend in the last year shown stays there). Default 0%: the programme as published, after its reprofiling.",
        kind: Kind::Number { unit: DisplayUnit::Percent, min: dec(0, 0), max: dec(100, 0), step: dec(5, 0) },
        access: sc!(s, v => pct(s.cap.slip), s.cap.slip = from_pct(v)),
    },
    LeverDef {
        key: "cap.rate",
        group: Group::Capital,
        label: "Interest rate on borrowing",
        help: "What borrowing to fund capital spend costs, in % a year; the annuity MRP uses it too. Where the council's figures give no rate, 5% is this app's assumption, set in 2024/25 as a round figure near the long-term government (PWLB) lending rates to councils then.",
        kind: Kind::Number { unit: DisplayUnit::PercentPerYear, min: dec(0, 0), max: dec(15, 0), step: dec(1, 1) },
        access: sc!(s, v => pct(s.cap.financing.rate), s.cap.financing.rate = from_pct(v)),
    },
    LeverDef {
        key: "cap.mrp",
        group: Group::Capital,
        label: "MRP method",
        help: "How the minimum revenue provision repays borrowing over the asset's life: equal instalments, or an annuity (smaller at first, larger later). Default straight line: the simplest; the papers do not say which the council uses.",
        kind: Kind::Choice(MRP_CHOICES),
        access: sc!(s, v => code(match s.cap.financing.method { MrpMethod::StraightLine => "straight", MrpMethod::Annuity => "annuity" }), if let Value::Code(c) = v { s.cap.financing.method = if c == "annuity" { MrpMethod::Annuity } else { MrpMethod::StraightLine } }),
    },
    LeverDef {
        key: "cap.life",
        group: Group::Capital,
        label: "Asset life when not given",
        help: "Years over which MRP is charged for schemes whose asset life the data does not give. Default 25 years: an assumption, a middle value for roads, buildings and equipment.",
        kind: Kind::Number { unit: DisplayUnit::Years, min: dec(1, 0), max: dec(60, 0), step: dec(1, 0) },
        access: sc!(s, v => whole(s.cap.financing.default_life), s.cap.financing.default_life = to_u32(v)),
    },
    LeverDef {
        key: "cap.unknown",
        group: Group::Capital,
        label: "Borrowing share, funding not known",
        help: "Share of a scheme's spend funded by borrowing when the papers do not say how it is funded. Default 50%: an assumption halfway between all grant and all borrowing.",
        kind: Kind::Number { unit: DisplayUnit::Percent, min: dec(0, 0), max: dec(100, 0), step: dec(5, 0) },
        access: sc!(s, v => pct(s.cap.financing.unknown_borrowing_share), s.cap.financing.unknown_borrowing_share = from_pct(v)),
    },
    LeverDef {
        key: "cap.mixed",
        group: Group::Capital,
        label: "Borrowing share, mixed funding",
        help: "Share of a scheme's spend funded by borrowing when it is funded partly by borrowing and partly otherwise, without a published split. Default 50%: an assumption.",
        kind: Kind::Number { unit: DisplayUnit::Percent, min: dec(0, 0), max: dec(100, 0), step: dec(5, 0) },
        access: sc!(s, v => pct(s.cap.financing.mixed_borrowing_share), s.cap.financing.mixed_borrowing_share = from_pct(v)),
    },
    LeverDef {
        key: "mc.draws",
        group: Group::Uncertainty,
        label: "Number of draws",
        help: "How many sets of assumptions are drawn at random and projected. More draws give smoother bands and take longer. Default 10,000: with that many, a chance near 50% moves by about one percentage point from one seed to another.",
        kind: Kind::Number { unit: DisplayUnit::Draws, min: dec(1_000, 0), max: dec(50_000, 0), step: dec(1_000, 0) },
        access: sc!(s, v => whole(s.mc.draws), s.mc.draws = to_u32(v)),
    },
    LeverDef {
        key: "mc.seed",
        group: Group::Uncertainty,
        label: "Random seed",
        help: "The starting point of the random draws, a whole number from 0 to 4294967295. The same seed gives the same fan every time; another seed shows how much the bands move by chance alone. Default 20261126: any fixed number would do (this one is a date); a fixed default means a link without a seed gives the same fan on any computer.",
        kind: Kind::Number { unit: DisplayUnit::Whole, min: dec(0, 0), max: dec(4_294_967_295, 0), step: dec(1, 0) },
        access: sc!(s, v => whole(s.mc.seed), s.mc.seed = to_u32(v)),
    },
    LeverDef {
        key: "mc.shape",
        group: Group::Uncertainty,
        label: "How values are drawn from each range",
        help: "Triangular makes values near your assumption the most likely and the ends of the range rare; uniform makes every value in the range equally likely, which gives wider bands. Default triangular: each assumption is the best estimate, so values near it should be the most likely.",
        kind: Kind::Choice(SHAPES),
        access: sc!(s, v => code(match s.mc.shape { Shape::Triangular => "triangular", Shape::Uniform => "uniform" }), s.mc.shape = if v.text() == "uniform" { Shape::Uniform } else { Shape::Triangular }),
    },
    growth_spread!(Mainstream, "mc.spread.mainstream", "Spread of EHCP growth: mainstream", "mainstream schools"),
    growth_spread!(LocalSpecial, "mc.spread.local_special", "Spread of EHCP growth: local special schools", "local special schools"),
    growth_spread!(Independent, "mc.spread.independent", "Spread of EHCP growth: independent placements", "independent and non-maintained special schools"),
    growth_spread!(Post16, "mc.spread.post16", "Spread of EHCP growth: post-16", "post-16 placements"),
    growth_spread!(Other, "mc.spread.other", "Spread of EHCP growth: other placements", "other placements"),
    growth_spread!(Resourced, "mc.spread.resourced", "Spread of EHCP growth: resourced provision", "resourced provision and SEN units"),
    growth_spread!(HospitalAp, "mc.spread.hospital_ap", "Spread of EHCP growth: hospital schools and AP", "hospital schools and alternative provision"),
    LeverDef {
        key: "mc.spread.inflation",
        group: Group::Uncertainty,
        label: "Spread of cost inflation",
        help: "How far yearly cost inflation may differ from its assumption, in percentage points either side. 0 holds it fixed. Default 1.5: this explorer's judgement, not a published figure.",
        kind: Kind::Number { unit: DisplayUnit::PointsEitherSide, min: dec(0, 0), max: dec(10, 0), step: dec(5, 1) },
        access: sc!(s, v => pct(s.mc.inflation_spread), s.mc.inflation_spread = from_pct(v)),
    },
    LeverDef {
        key: "mc.spread.income",
        group: Group::Uncertainty,
        label: "Spread of income growth",
        help: "How far yearly growth in high-needs income may differ from its assumption, in percentage points either side. 0 holds it fixed. Default 2: this explorer's judgement, not a published figure.",
        kind: Kind::Number { unit: DisplayUnit::PointsEitherSide, min: dec(0, 0), max: dec(10, 0), step: dec(5, 1) },
        access: sc!(s, v => pct(s.mc.income_spread), s.mc.income_spread = from_pct(v)),
    },
    LeverDef {
        key: "mc.delivery.low",
        group: Group::Uncertainty,
        label: "Mitigation delivered, at worst",
        help: "The least of the management actions' planned effect that is delivered (new places filled, lower growth from earlier support, other savings); at best all of it is. 100 means the plans are delivered in full. Default 50%: this explorer's judgement, that at worst half of what is planned is delivered.",
        kind: Kind::Number { unit: DisplayUnit::Percent, min: dec(0, 0), max: dec(100, 0), step: dec(5, 0) },
        access: sc!(s, v => pct(s.mc.delivery_low), s.mc.delivery_low = from_pct(v)),
    },
];

/// The levers whose starting value is this explorer's own assumption, or its reading of what the
/// papers say (the savings delivered): not a council figure, and not a change left at nothing
/// (no transfer, no new places). Sources lists them with the value
/// the pages open with and why, so a reader can see every choice the first view rests on. A
/// rate the file gives is the council's figure instead (Sources lists it with the others).
pub fn own_assumption(key: &str, ds: &crate::data::dataset::Dataset) -> bool {
    match key {
        "hn.carry.rate" | "cap.rate" => file_figure(key, ds).is_none(),
        "hn.start" | "hn.horizon" | "hn.unexplained" | "rev.atrisk" | "rev.ontarget" | "rev.delivered" | "rev.slip" | "rev.recur" | "rev.gap" | "rev.years" | "cap.mrp" | "cap.life" | "cap.unknown" | "cap.mixed"
        | "mc.draws" | "mc.seed" | "mc.shape" | "mc.spread.inflation" | "mc.spread.income" | "mc.delivery.low" => true,
        _ => key.starts_with(PER_KIND[1]),
    }
}

/// Why a setting changes nothing for these figures (no scheme it applies to, nothing at risk),
/// if it does not: a reader signing the table sees which choices the figures rest on, and a
/// lever says so beside its control.
pub fn unused_by(key: &str, ds: &crate::data::dataset::Dataset) -> Option<&'static str> {
    use crate::data::dataset::Funding;
    let schemes = &ds.capital.schemes;
    let none = |f: &dyn Fn(&crate::data::dataset::Scheme) -> bool| !schemes.iter().any(f);
    let borrows = |s: &crate::data::dataset::Scheme| !matches!(s.funding, Funding::Grant | Funding::Receipts);
    let savings = &ds.savings;
    match key {
        "cap.rate" | "cap.mrp" if none(&borrows) => Some("no named scheme is funded by borrowing"),
        "cap.life" if none(&|s| borrows(s) && s.asset_life.is_none()) => Some("every named scheme that may be funded by borrowing, wholly or in part, gives its asset life"),
        "cap.unknown" if none(&|s| s.funding == Funding::Unknown) => Some("no named scheme's funding is unknown"),
        "cap.mixed" if none(&|s| s.funding == Funding::Mixed) => Some("no named scheme has mixed funding"),
        "rev.atrisk" if savings.at_risk.amount.value.is_zero() => Some("no savings are rated at risk"),
        "rev.ontarget" if savings.on_target.amount.value.is_zero() => Some("no savings are rated on target"),
        "rev.delivered" if savings.delivered.amount.value.is_zero() => Some("no savings are rated delivered"),
        _ => None,
    }
}

/// The dataset's own figure for a lever whose default it sets (`None` where the file gives
/// none and the app's assumption stands): its help says so, with the file's reason or source.
pub fn file_figure<'a>(key: &str, ds: &'a crate::data::dataset::Dataset) -> Option<&'a crate::data::figure::Figure<crate::data::figure::Rate>> {
    match key {
        "hn.carry.rate" => ds.high_needs.model.deficit_interest_rate.as_ref(),
        "cap.rate" => ds.capital.borrowing_rate.as_ref(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn no_lever_s_help_gives_one_council_s_year_as_its_example() {
        // A trial's council with other years read "(2025-26 = until 31 March 2026)" under its
        // own override: help is the same for every dataset, so it names no financial year key.
        let fy_key = |t: &str| t.as_bytes().windows(7).any(|w| w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-' && w[5..].iter().all(u8::is_ascii_digit));
        let with: Vec<_> = LEVERS.iter().filter(|d| fy_key(d.help)).map(|d| d.key).collect();
        assert!(with.is_empty(), "{with:?}");
        assert!(fy_key("(2025-26 = until 31 March 2026)"));
    }
    use super::*;
    use std::collections::HashSet;

    fn baseline() -> Baseline {
        Baseline::from_dataset(&crate::testing::q2().dataset)
    }

    #[test]
    fn only_the_fade_out_years_can_be_idle_and_only_without_a_fade() {
        let b = baseline();
        let mut s = Scenario::default_for(&b);
        let years = by_key("hn.unexplained.years").unwrap();
        assert!(years.idle(&s).is_some(), "held in real terms by default");
        s.set("hn.unexplained", "fade", &b).unwrap();
        assert_eq!(years.idle(&s), None);
        s.set("hn.unexplained", "grow", &b).unwrap();
        assert!(years.idle(&s).is_some());
        assert!(LEVERS.iter().filter(|l| l.key != "hn.unexplained.years").all(|l| l.idle(&s).is_none()));
    }

    #[test]
    fn a_preset_sets_its_controls_to_what_it_gives_the_scenario() {
        use super::super::dsg::PolicyPreset;
        let b = Baseline::from_dataset(&crate::testing::shipped().dataset);
        // From a scenario away from the defaults, as a reader may have set it before choosing.
        let mut start = Scenario::default_for(&b);
        for (key, v) in [("hn.override", "2030-31"), ("hn.writeoff.share", "40"), ("hn.writeoff.to", "2026-27"), ("hn.writeoff.paid", "2028-29"), ("hn.growth.mainstream", "3")] {
            start.set(key, v, &b).unwrap();
        }
        for &p in PolicyPreset::ALL {
            // Setting those controls, as prerender.js does, and reading the scenario from them
            // (as the app does at the takeover) is what choosing the preset in the app gives.
            let mut from_controls = start.clone();
            for (id, value) in preset_controls(p, &b) {
                let def = LEVERS.iter().find(|d| control_id(d.key) == id).unwrap_or_else(|| panic!("{id} is no lever's control"));
                from_controls.set(def.key, &value, &b).unwrap_or_else(|e| panic!("{id}={value}: {e}"));
            }
            let mut want = start.clone();
            p.apply(&mut want.hn, &b);
            assert_eq!(from_controls, want, "{p:?}");
            assert_eq!(from_controls.hn.policy_preset(&b), Some(p));
            // The compared controls are some of those, with the same values.
            let compared = preset_compared_controls(p, &b);
            assert!(compared.iter().all(|c| preset_controls(p, &b).contains(c)), "{p:?}");
        }
        let ids = |p| preset_controls(p, &b).into_iter().map(|(id, _)| id).collect::<Vec<_>>();
        assert_eq!(ids(PolicyPreset::AsInPapers), ["lever-hn-override", "lever-hn-writeoff-share", "lever-hn-writeoff-to", "lever-hn-writeoff-paid"]);
        // A zero write-off's dates are not compared: they change nothing.
        let compared = |p| preset_compared_controls(p, &b).into_iter().map(|(id, _)| id).collect::<Vec<_>>();
        assert_eq!(compared(PolicyPreset::Override2028), ["lever-hn-override", "lever-hn-writeoff-share"]);
        assert_eq!(compared(PolicyPreset::Override2028WriteOff90).len(), 4);
        assert!(preset_controls(PolicyPreset::Override2028WriteOff90, &b).contains(&("lever-hn-writeoff-share".to_string(), "90".to_string())));
    }

    /// The keys links carried before the registry, in form order: every old link must still
    /// find its lever.
    const KEYS: &[&str] = &[
        "hn.start", "hn.unexplained", "hn.horizon", "hn.growth.mainstream", "hn.growth.local_special", "hn.growth.independent", "hn.growth.post16",
        "hn.growth.other", "hn.growth.resourced", "hn.growth.hospital_ap", "hn.inflation", "hn.income", "hn.transfer", "hn.override", "hn.writeoff.share", "hn.writeoff.to", "hn.writeoff.paid",
        "hn.places.per_year", "hn.places.start", "hn.places.years", "hn.places.ramp", "hn.places.capital", "hn.support.pp", "hn.support.start",
        "hn.support.ramp", "hn.support.cost", "hn.saving.amount", "hn.saving.start", "hn.saving.ramp", "hn.unexplained.years", "hn.carry.rate",
        "rev.atrisk", "rev.ontarget", "rev.delivered", "rev.press", "rev.action", "rev.slip", "rev.recur", "rev.gap", "rev.years", "cap.slip",
        "cap.rate", "cap.mrp", "cap.life", "cap.unknown", "cap.mixed", "mc.draws", "mc.seed", "mc.shape", "mc.spread.mainstream",
        "mc.spread.local_special", "mc.spread.independent", "mc.spread.post16", "mc.spread.other", "mc.spread.resourced", "mc.spread.hospital_ap", "mc.spread.inflation", "mc.spread.income",
        "mc.delivery.low",
    ];

    #[test]
    fn the_registry_has_exactly_the_link_keys_in_form_order() {
        assert_eq!(LEVERS.iter().map(|d| d.key).collect::<Vec<_>>(), KEYS);
        let unique: HashSet<_> = LEVERS.iter().map(|d| d.key).collect();
        assert_eq!(unique.len(), LEVERS.len(), "keys are unique");
        for d in LEVERS {
            let prefix = match d.group {
                Group::HighNeeds => "hn.",
                Group::Revenue => "rev.",
                Group::Capital => "cap.",
                Group::Uncertainty => "mc.",
            };
            assert!(d.key.starts_with(prefix), "{}", d.key);
            assert!(!d.key.contains('+') && !d.key.contains(' '), "{}", d.key);
            assert!(!d.label.is_empty() && d.help.len() > 20, "{}", d.key);
            if let Kind::Number { min, max, step, .. } = d.kind {
                assert!(min <= max && step > Decimal::ZERO, "{}", d.key);
            }
        }
    }

    #[test]
    fn every_default_passes_its_own_check() {
        let b = baseline();
        for d in LEVERS {
            let v = d.default(&b);
            assert_eq!(d.check(&v, &b), Ok(()), "{}", d.key);
            assert_eq!(d.clamp(v.clone(), b.base_year), v, "{}: a valid default is its own clamp", d.key);
        }
    }

    /// A valid value for each lever that differs from its default.
    fn changed(b: &Baseline) -> Scenario {
        let mut s = Scenario::default_for(b);
        for d in LEVERS {
            let now = d.get(&s).text();
            let options: Vec<String> = match d.control(b) {
                Control::Number { min, max, .. } => vec![max.normalize().to_string(), min.normalize().to_string()],
                Control::Choice { options } => options.into_iter().map(|(c, _)| c).collect(),
            };
            // The vintage may have only one option; every other lever has two or more.
            if let Some(other) = options.into_iter().find(|o| *o != now && d.parse(o).is_ok_and(|v| d.check(&v, b).is_ok())) {
                s.set(d.key, &other, b).unwrap();
                assert_eq!(d.get(&s).text(), other, "{}", d.key);
            }
        }
        s
    }

    #[test]
    fn link_text_round_trips_for_every_lever() {
        let b = baseline();
        let changed = changed(&b);
        assert_ne!(changed, Scenario::default_for(&b));
        for s in [Scenario::default_for(&b), changed] {
            for d in LEVERS {
                let v = d.get(&s);
                let back = d.parse(&v.text()).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(back, v, "{}", d.key);
                let mut t = s.clone();
                t.set_value(d, &back, &b).unwrap();
                assert_eq!(t, s, "{}: setting its own value changes nothing", d.key);
            }
        }
    }

    #[test]
    fn out_of_range_values_are_refused_naming_the_lever_and_change_nothing() {
        let b = baseline();
        let before = Scenario::default_for(&b);
        for d in LEVERS {
            let bad = match d.kind {
                Kind::Number { max, step, .. } => Value::Number(max + step),
                Kind::Year { to, .. } => Value::Year(Fy(b.base_year.0 + to + 1)),
                Kind::Choice(_) | Kind::Vintage => Value::Code("no-such-option".into()),
            };
            let mut s = before.clone();
            // A field's message is under its label; a link's names the key.
            let e = s.set_value(d, &bad, &b).unwrap_err();
            assert!(!e.contains(d.key), "{}: {e}", d.key);
            assert_eq!(s, before, "{}", d.key);
            let e = s.set(d.key, &bad.text(), &b).unwrap_err();
            assert!(e.starts_with(&format!("{}: ", d.key)), "{}: {e}", d.key);
            assert_eq!(s, before, "{}", d.key);
        }
    }

    #[test]
    fn values_display_in_words_with_their_units() {
        let b = baseline();
        let show = |k: &str, t: &str| {
            let d = by_key(k).unwrap();
            d.display(&d.parse(t).unwrap(), &b)
        };
        assert_eq!(show("hn.growth.independent", "14"), "14% a year");
        assert_eq!(show("hn.transfer", "0.5"), "0.5%");
        assert_eq!(show("hn.override", "never"), "Never (no end date)");
        assert_eq!(show("hn.override", "2027-28"), "31 March 2028");
        assert_eq!(show("hn.saving.amount", "250000"), "£250,000 a year");
        assert_eq!(show("rev.gap", "3"), "£3m");
        assert_eq!(show("mc.spread.income", "2"), "2 percentage points either side");
        assert_eq!(show("mc.draws", "1000"), "1000 draws");
        assert_eq!(show("cap.mrp", "annuity"), "Annuity (level MRP plus interest)");
    }

    /// A lever's controls are `lever-{key with - for .}` (ui::components::lever), its number box
    /// that plus `-n`; prerender.js reads a key back from an id (to carry a change made before
    /// the app takes over to another page), which needs keys with no `-` and no last part `n`.
    #[test]
    fn every_key_can_be_read_back_from_its_controls_id() {
        // As prerender.js reads it: after "lever-", each "-" a ".".
        let key_of_control = |id: &str| id.strip_prefix("lever-").map(|k| k.replace('-', "."));
        for d in LEVERS {
            let id = control_id(d.key);
            assert_eq!(key_of_control(&id).as_deref(), Some(d.key));
            // A box (`-n`) is told from a control by its last part, and links write keys as they are.
            assert!(!id.ends_with("-n") && d.key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_'), "{}", d.key);
        }
    }

    #[test]
    fn help_names_no_reporting_point_of_one_council() {
        // Any council's file drives the levers: when its figures were reported comes from the
        // dataset (budget.forecast_point), never from the help.
        for d in LEVERS {
            let h = d.help.to_lowercase();
            assert!(!h.contains("quarter") && !h.contains("q2"), "{}: {}", d.key, d.help);
        }
        // How far management action goes: the help says so.
        assert!(by_key("rev.action").unwrap().help.contains("never takes the forecast below a balanced budget, or below the published position after action"));
    }

    #[test]
    fn a_number_too_long_to_take_is_said_as_that_and_quoted_in_part() {
        for key in ["hn.transfer", "cap.rate"] {
            let lever = by_key(key).unwrap();
            let nines = "9".repeat(30_000);
            let e = lever.parse(&nines).unwrap_err();
            assert!(e.ends_with("…\" has too many digits") && e.chars().count() < 80, "{key}: {e}");
            let junk = "x".repeat(500);
            let e = lever.parse(&junk).unwrap_err();
            assert!(e.ends_with("…\" is not a number") && e.chars().count() < 80, "{key}: {e}");
            assert_eq!(lever.parse("abc").unwrap_err(), "\"abc\" is not a number");
            // Under the length a setting's text may have, but more digits than a decimal holds.
            assert_eq!(lever.parse(&"9".repeat(35)).unwrap_err(), format!("\"{}\" has too many digits", "9".repeat(35)));
            assert_eq!(lever.parse("1.2.3").unwrap_err(), "\"1.2.3\" is not a number");
            assert_eq!(lever.parse("1e308").unwrap_err(), "\"1e308\" is written with a power of ten: give the number in plain digits");
            assert_eq!(lever.parse("2.5E+3").unwrap_err(), "\"2.5E+3\" is written with a power of ten: give the number in plain digits");
            assert_eq!(lever.parse("e5").unwrap_err(), "\"e5\" is not a number");
            assert_eq!(lever.parse("").unwrap_err(), EMPTY_NUMBER);
        }
    }
}
