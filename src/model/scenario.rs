//! A scenario: every lever of every page, with one way to read and write each by its link key.
//!
//! The submodels describe their own levers (`dsg::LEVERS`, `revenue::LEVERS`,
//! `capital::LEVERS`); this module puts them behind one interface of text values, which is what
//! both the controls and the URL codec need. One source of truth: controls show `get(key)`.

use super::calendar::Fy;
use super::capital::{self, CapitalLevers};
use super::dsg::{self, Baseline, LeverValue, Levers, Unit};
use super::money::Money;
use super::revenue::{self, LeverUnit, RevenueLevers};
use rust_decimal::Decimal;

/// A reprofiling move of a scheme's spend, applied in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeMove {
    pub scheme: String,
    pub from: Fy,
    pub to: Fy,
    pub amount: Money,
}

impl SchemeMove {
    /// "scheme~2024-25~2025-26~100000": `~` is safe in links and never rewritten.
    pub fn text(&self) -> String {
        format!("{}~{}~{}~{}", self.scheme, self.from.key(), self.to.key(), self.amount.normalize())
    }
    pub fn parse(s: &str) -> Result<SchemeMove, String> {
        let parts: Vec<&str> = s.split('~').collect();
        let [scheme, from, to, amount] = parts.as_slice() else {
            return Err(format!("expected scheme~from-year~to-year~amount, got \"{s}\""));
        };
        let from = Fy::parse_key(from).ok_or_else(|| format!("\"{from}\" is not a financial year like 2025-26"))?;
        let to = Fy::parse_key(to).ok_or_else(|| format!("\"{to}\" is not a financial year like 2025-26"))?;
        let amount = crate::data::json::parse_decimal(amount)
            .filter(|a| *a > Decimal::ZERO)
            .ok_or_else(|| format!("\"{amount}\" is not a positive amount in pounds"))?;
        if scheme.is_empty() || scheme.len() > 80 {
            return Err("the scheme id is empty or too long".into());
        }
        Ok(SchemeMove { scheme: scheme.to_string(), from, to, amount })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub hn: Levers,
    pub rev: RevenueLevers,
    pub cap: CapitalLevers,
    pub moves: Vec<SchemeMove>,
}

/// How a lever is set in a form.
#[derive(Debug, Clone, PartialEq)]
pub enum Control {
    /// A slider with a number box. Values in display units.
    Number { min: Decimal, max: Decimal, step: Decimal, suffix: &'static str },
    /// A choice of values: (link text, label).
    Choice { options: Vec<(String, String)> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub control: Control,
}

impl Scenario {
    pub fn default_for(b: &Baseline) -> Scenario {
        Scenario { hn: Levers::default_for(b), rev: RevenueLevers::default(), cap: CapitalLevers::default(), moves: vec![] }
    }

    /// Every lever, in form order, with its control for this dataset.
    pub fn levers(b: &Baseline) -> Vec<Lever> {
        let mut out = Vec::new();
        for s in dsg::LEVERS {
            let control = match s.unit {
                Unit::Year | Unit::YearEndOrNever => {
                    let (lo, hi) = s.year_bounds(b.base_year);
                    let mut options: Vec<(String, String)> = (lo.0..=hi.0)
                        .map(|y| {
                            let fy = Fy(y);
                            let label = if s.unit == Unit::YearEndOrNever { fy.end().long() } else { fy.label() };
                            (fy.key(), label)
                        })
                        .collect();
                    if s.unit == Unit::YearEndOrNever {
                        options.push(("never".into(), "Never (no end date)".into()));
                    }
                    Control::Choice { options }
                }
                unit => Control::Number { min: s.min, max: s.max, step: s.step, suffix: unit.suffix() },
            };
            out.push(Lever { key: s.name, label: s.label, help: s.help, control });
        }
        for s in revenue::LEVERS.iter().chain(capital::LEVERS.iter()) {
            let control = match s.unit {
                LeverUnit::Choice(cs) => Control::Choice { options: cs.iter().map(|c| (c.code.to_string(), c.label.to_string())).collect() },
                unit => Control::Number { min: s.min, max: s.max, step: s.step, suffix: rev_suffix(unit) },
            };
            out.push(Lever { key: s.key, label: s.label, help: s.help, control });
        }
        out
    }

    /// The lever's value as links write it, or `None` for an unknown key.
    pub fn get(&self, key: &str) -> Option<String> {
        if let Some(s) = dsg::LeverSpec::by_name(key) {
            return Some(self.hn.get(s.id).text());
        }
        if let Some(v) = self.rev.get(key) {
            return Some(v.normalize().to_string());
        }
        let spec = capital::LEVERS.iter().find(|s| s.key == key)?;
        let v = self.cap.get(key)?;
        Some(spec.choice_code(v).map(str::to_string).unwrap_or_else(|| v.normalize().to_string()))
    }

    /// Sets a lever from link text. On error the scenario is unchanged and the message names
    /// the lever and what it expected.
    pub fn set(&mut self, key: &str, text: &str, b: &Baseline) -> Result<(), String> {
        if let Some(s) = dsg::LeverSpec::by_name(key) {
            let v: LeverValue = s.parse_text(text).ok_or_else(|| format!("{key}: \"{text}\" is not {}", expected(s.unit)))?;
            s.check(&v, b.base_year)?;
            return self.hn.set(s.id, v);
        }
        let spec = revenue::LEVERS.iter().chain(capital::LEVERS.iter()).find(|s| s.key == key).ok_or_else(|| format!("{key}: not a lever this app knows"))?;
        let value = match spec.unit {
            LeverUnit::Choice(cs) => spec.choice_value(text).ok_or_else(|| {
                let codes: Vec<&str> = cs.iter().map(|c| c.code).collect();
                format!("{key}: \"{text}\" is not one of {}", codes.join(", "))
            })?,
            _ => crate::data::json::parse_decimal(text).ok_or_else(|| format!("{key}: \"{text}\" is not a number"))?,
        };
        let result = if key.starts_with("rev.") { self.rev.set(key, value) } else { self.cap.set(key, value) };
        result.map_err(|e| format!("{e}"))
    }
}

fn expected(unit: Unit) -> &'static str {
    match unit {
        Unit::Year => "a financial year like 2026-27",
        Unit::YearEndOrNever => "a financial year like 2027-28, or never",
        _ => "a number",
    }
}

fn rev_suffix(u: LeverUnit) -> &'static str {
    match u {
        LeverUnit::Percent => "%",
        LeverUnit::PoundsM => "£m",
        LeverUnit::Years => "years",
        LeverUnit::Choice(_) => "",
    }
}
