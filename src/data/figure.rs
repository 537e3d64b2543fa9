//! A figure with its provenance: published (document and paragraph), derived (arithmetic from
//! other figures, checked on load) or an assumption (with the reason for its value).

use super::json::{describe, join, object, Ctx, FromJson, MaybeNone};
use crate::units::calendar::Date;
use rust_decimal::Decimal;
use serde_json::Value;
use std::marker::PhantomData;

crate::json_enum! {
    /// Where a figure comes from.
    pub enum Status {
        /// Stated in a council paper: `source` and `ref` say where.
        Published = "published",
        /// Computed from other figures: `formula` says how, and the loader checks it.
        Derived = "derived",
        /// Not in the papers: chosen by us, and `reason` says why.
        Assumption = "assumption",
    }
}

/// What a figure's `unit` must be for the field it sits in.
pub trait UnitKind {
    const NAME: &'static str;
    /// The loader refuses a value below zero (and the JSON Schema says so).
    const NON_NEGATIVE: bool = false;
    type Value: Clone + std::fmt::Debug + PartialEq + serde::Serialize;
    fn parse(v: &Value) -> Result<Self::Value, String>;
    /// The value as a number, for arithmetic checks; dates have none.
    fn number(v: &Self::Value) -> Option<Decimal>;
    fn render(v: &Self::Value) -> String;
}

fn decimal_value(v: &Value, what: &str) -> Result<Decimal, String> {
    match v {
        Value::String(s) => super::json::parse_amount(s).map_err(|_| super::json::amount_message(what, v)),
        _ => Err(super::json::amount_message(what, v)),
    }
}

macro_rules! decimal_unit {
    ($(#[$a:meta])* $t:ident, $name:literal, $what:literal, $nonneg:literal, $render:expr) => {
        $(#[$a])*
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct $t;
        impl UnitKind for $t {
            const NAME: &'static str = $name;
            const NON_NEGATIVE: bool = $nonneg;
            type Value = Decimal;
            fn parse(v: &Value) -> Result<Decimal, String> {
                let d = decimal_value(v, $what)?;
                if $nonneg && d.is_sign_negative() && !d.is_zero() {
                    return Err(format!("expected {} of at least 0, got {}", $what, d));
                }
                Ok(d)
            }
            fn number(v: &Decimal) -> Option<Decimal> { Some(*v) }
            fn render(v: &Decimal) -> String { ($render)(*v) }
        }
    };
}

decimal_unit!(/// Pounds sterling, exact.
    Gbp, "gbp", "a decimal amount", false, crate::units::money::gbp);
decimal_unit!(/// People or places: whole and never negative.
    Count, "count", "a count", true, |d: Decimal| d.normalize().to_string());
decimal_unit!(/// A percentage as written in the papers ("46" for 46%).
    Percent, "percent", "a percentage", false, |d: Decimal| format!("{}%", d.normalize()));
decimal_unit!(/// A yearly rate as a fraction ("0.05" for 5% a year).
    Rate, "rate", "a rate", false, |d: Decimal| match d.checked_mul(Decimal::ONE_HUNDRED) {
        // An absurd rate from a file must not overflow (and panic) when shown.
        // Exactly, as the lever that takes it shows it ("3.75%", not "3.8%"); past four places,
        // where `pct_exact` stops, as the file writes it.
        Some(p) if p.normalize().scale() <= 4 => crate::units::money::pct_exact(d),
        Some(p) => format!("{}%", p.normalize()).replacen('-', "−", 1),
        None => d.normalize().to_string(),
    });

/// A calendar date, "2026-03-31".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Day;
impl UnitKind for Day {
    const NAME: &'static str = "date";
    type Value = Date;
    fn parse(v: &Value) -> Result<Date, String> {
        v.as_str().and_then(Date::parse).ok_or_else(|| format!("expected a date like \"2026-03-31\", got {}", describe(v)))
    }
    fn number(_: &Date) -> Option<Decimal> {
        None
    }
    fn render(v: &Date) -> String {
        v.long()
    }
}

crate::json_struct! {
    /// How a derived figure is computed, or how a published total reconciles: the figure equals
    /// the sum of `add` minus the sum of `subtract`; or, with `part` and `whole`, equals
    /// part / whole × 100 (a percentage share). Paths name other figures in the same dataset.
    pub struct Formula {
        #[cfg_attr(feature = "schema", schemars(length(max = "crate::data::limits::FORMULA_TERMS")))]
        pub add: Option<Vec<String>>,
        #[cfg_attr(feature = "schema", schemars(length(max = "crate::data::limits::FORMULA_TERMS")))]
        pub subtract: Option<Vec<String>>,
        pub part: Option<String>,
        pub whole: Option<String>,
        /// With `add`/`subtract`: the result is divided by this figure (an average cost from a
        /// spend line and a count).
        pub divide_by: Option<String>,
        /// Allowed difference, for figures that were rounded when published (absent: exact).
        pub tolerance: Option<Decimal>,
    }
}

/// A figure of unit `U` with its provenance.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Figure<U: UnitKind> {
    pub value: U::Value,
    pub unit: &'static str,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formula: Option<Formula>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The paper gives the figure as approximate ("approximately 200"): shown with "≈".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approximate: Option<bool>,
    /// A plausible range for an assumption: the low and high ends, each with why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<Range>,
    #[serde(skip)]
    _unit: PhantomData<U>,
}

impl<U: UnitKind> MaybeNone for Figure<U> {}

impl<U: UnitKind> Figure<U> {
    /// A figure made in code (tests, the blank template).
    pub fn new(value: U::Value, status: Status) -> Self {
        Figure { value, unit: U::NAME, status, source: None, reference: None, quote: None, formula: None, reason: None, note: None, approximate: None, range: None, _unit: PhantomData }
    }

    /// Whether the paper gives the figure as approximate.
    pub fn is_approximate(&self) -> bool {
        self.approximate == Some(true)
    }
}

/// Every figure met while reading a dataset, flattened: the Sources page lists these, and
/// formulas are checked against them.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRecord {
    pub path: String,
    pub label: String,
    pub unit: &'static str,
    pub number: Option<Decimal>,
    pub shown: String,
    pub status: Status,
    pub source: Option<String>,
    pub reference: Option<String>,
    pub quote: Option<String>,
    pub formula: Option<Formula>,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub approximate: bool,
    pub range: Option<Range>,
}

crate::json_struct! {
    /// A plausible range for an assumed value, in the figure's own unit.
    pub struct Range {
        pub low: Decimal,
        pub high: Decimal,
        /// Where the ends come from.
        pub reason: String,
    }
}

const FIGURE_FIELDS: &[&str] = &["value", "unit", "status", "source", "ref", "quote", "formula", "reason", "note", "label", "approximate", "range"];

impl<U: UnitKind> FromJson for Figure<U> {
    fn from_json(v: &Value, path: &str, cx: &mut Ctx) -> Option<Self> {
        let map = object(v, path, FIGURE_FIELDS, cx)?;
        let value = match map.get("value") {
            None => {
                cx.issue(&join(path, "value"), "missing field");
                None
            }
            Some(raw) => match U::parse(raw) {
                Ok(x) => Some(x),
                Err(e) => {
                    cx.issue(&join(path, "value"), e);
                    None
                }
            },
        };
        let unit_ok = match map.get("unit") {
            Some(Value::String(u)) if u == U::NAME => true,
            Some(other) => {
                cx.issue(&join(path, "unit"), format!("expected \"{}\" here, got {}", U::NAME, describe(other)));
                false
            }
            None => {
                cx.issue(&join(path, "unit"), format!("missing field (expected \"{}\")", U::NAME));
                false
            }
        };
        let status = Status::from_field(map.get("status"), &join(path, "status"), cx);
        let s = |cx: &mut Ctx, k: &str| Option::<String>::from_field(map.get(k), &join(path, k), cx).flatten();
        let source = s(cx, "source");
        let reference = s(cx, "ref");
        let quote = s(cx, "quote");
        let reason = s(cx, "reason");
        let note = s(cx, "note");
        let label = s(cx, "label");
        let formula = Option::<Formula>::from_field(map.get("formula"), &join(path, "formula"), cx).flatten();
        let approximate = Option::<bool>::from_field(map.get("approximate"), &join(path, "approximate"), cx).flatten();
        let range = Option::<Range>::from_field(map.get("range"), &join(path, "range"), cx).flatten();
        if let (Some(r), Some(n)) = (&range, value.as_ref().and_then(U::number)) {
            if r.low > r.high {
                cx.issue(&join(path, "range"), format!("low ({}) is above high ({})", r.low.normalize(), r.high.normalize()));
            } else if n < r.low || n > r.high {
                cx.issue(&join(path, "range"), format!("the value {} is outside its range {} to {}", n.normalize(), r.low.normalize(), r.high.normalize()));
            }
        }
        let status = status?;
        match status {
            Status::Published if source.is_none() || reference.is_none() => {
                cx.issue(path, "a published figure needs \"source\" (a document id) and \"ref\" (paragraph or minute)")
            }
            Status::Derived if formula.is_none() => cx.issue(path, "a derived figure needs a \"formula\" saying how it is computed"),
            Status::Assumption if reason.is_none() => cx.issue(path, "an assumption needs a \"reason\" for its value"),
            _ => {}
        }
        let value = value?;
        if !unit_ok {
            return None;
        }
        cx.figures.push(FigureRecord {
            path: path.to_string(),
            label: label.unwrap_or_else(|| humanise(path)),
            unit: U::NAME,
            number: U::number(&value),
            shown: U::render(&value),
            status,
            source: source.clone(),
            reference: reference.clone(),
            quote: quote.clone(),
            formula: formula.clone(),
            reason: reason.clone(),
            note: note.clone(),
            approximate: approximate == Some(true),
            range: range.clone(),
        });
        Some(Figure { value, unit: U::NAME, status, source, reference, quote, formula, reason, note, approximate, range, _unit: PhantomData })
    }
}

/// "high_needs.deficit_brought_forward" -> "High needs: deficit brought forward".
pub fn humanise(path: &str) -> String {
    let mut parts = path.split('.');
    let first = parts.next().unwrap_or("").replace('_', " ");
    let rest: Vec<String> = parts.map(|p| p.replace('_', " ")).collect();
    let mut first_cap = String::new();
    let mut chars = first.chars();
    if let Some(c) = chars.next() {
        first_cap.extend(c.to_uppercase());
        first_cap.push_str(chars.as_str());
    }
    if rest.is_empty() {
        first_cap
    } else {
        format!("{first_cap}: {}", rest.join(", "))
    }
}

#[cfg(feature = "schema")]
impl<U: UnitKind> schemars::JsonSchema for Figure<U> {
    fn schema_name() -> String {
        format!("Figure_{}", U::NAME)
    }
    fn json_schema(gen: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        let value_schema = if U::NAME == "date" {
            serde_json::json!({"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "description": "a date, YYYY-MM-DD"})
        } else if U::NAME == "count" {
            // The loader refuses a negative count here and a fractional one in data::validate.
            serde_json::json!({"type": "string", "pattern": "^\\d+(\\.0+)?$", "description": "a whole number of at least 0 written as a string"})
        } else if U::NON_NEGATIVE {
            serde_json::json!({"type": "string", "pattern": "^\\d+(\\.\\d+)?$", "description": "an exact decimal of at least 0 written as a string"})
        } else {
            serde_json::json!({"type": "string", "pattern": "^-?\\d+(\\.\\d+)?$", "description": "an exact decimal written as a string"})
        };
        let formula = gen.subschema_for::<Formula>();
        let status = gen.subschema_for::<Status>();
        let schema = serde_json::json!({
            "type": "object",
            "description": format!("A figure in unit \"{}\" with its provenance", U::NAME),
            "required": ["value", "unit", "status"],
            "additionalProperties": false,
            "properties": {
                "value": value_schema,
                "unit": {"const": U::NAME},
                "status": status,
                "source": {"type": "string", "description": "id of a document in `documents` (published figures)"},
                "ref": {"type": "string", "description": "paragraph, minute or table in that document"},
                "quote": {"type": "string", "description": "the words the figure is taken from"},
                "formula": formula,
                "reason": {"type": "string", "description": "why an assumption has this value"},
                "note": {"type": "string"},
                "label": {"type": "string", "description": "a plain-English name for the Sources page"},
                "approximate": {"type": "boolean", "description": "true where the paper says \"approximately\": shown with ≈"},
                "range": gen.subschema_for::<Range>()
            }
        });
        serde_json::from_value(schema).expect("static schema")
    }
}

#[cfg(test)]
mod rate_tests {
    use super::*;

    #[test]
    fn a_rate_reads_exactly_as_the_file_gives_it() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Rate::render(&d("0.0375")), "3.75%");
        assert_eq!(Rate::render(&d("0.05")), "5%");
        assert_eq!(Rate::render(&d("0.1234567")), "12.34567%", "not rounded past four places");
        assert_eq!(Rate::render(&d("-0.01")), "−1%");
    }
}
