//! Reading JSON into typed values while collecting *every* problem with its path.
//!
//! serde stops at the first error; a finance officer fixing a file wants them all at once, each
//! with a path like `capital.schemes[3].profile[2025-26]`. So datasets are parsed to a
//! `serde_json::Value` first and then read by `FromJson`, which records issues and carries on.

use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// One problem found in a file, at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Collects issues (and, for datasets, every figure met) while reading.
#[derive(Debug, Default)]
pub struct Ctx {
    pub issues: Vec<Issue>,
    pub figures: Vec<super::figure::FigureRecord>,
    /// Repeated keys found past the first `repeated_keys::LISTED` (counted, not listed).
    pub repeats_unlisted: usize,
}

impl Ctx {
    pub fn issue(&mut self, path: &str, message: impl Into<String>) {
        self.issues.push(Issue { path: path.to_string(), message: message.into() });
    }
}

pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A short description of what a JSON value is, for messages: `got "12,5"`, `got a number`.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let shown: String = s.chars().take(40).collect();
            format!("\"{shown}{}\"", if s.chars().count() > 40 { "…" } else { "" })
        }
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

pub trait FromJson: Sized {
    fn from_json(v: &Value, path: &str, cx: &mut Ctx) -> Option<Self>;

    /// Called for an object field; `None` means the key is absent.
    fn from_field(v: Option<&Value>, path: &str, cx: &mut Ctx) -> Option<Self> {
        match v {
            Some(v) => Self::from_json(v, path, cx),
            None => {
                cx.issue(path, "missing field");
                None
            }
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: &Value, path: &str, cx: &mut Ctx) -> Option<Self> {
        if v.is_null() {
            return Some(None);
        }
        T::from_json(v, path, cx).map(Some)
    }
    fn from_field(v: Option<&Value>, path: &str, cx: &mut Ctx) -> Option<Self> {
        match v {
            None => Some(None),
            Some(v) => Self::from_json(v, path, cx),
        }
    }
}

impl FromJson for String {
    fn from_json(v: &Value, path: &str, cx: &mut Ctx) -> Option<Self> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => {
                cx.issue(path, format!("expected text, got {}", describe(other)));
                None
            }
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &Value, path: &str, cx: &mut Ctx) -> Option<Self> {
        match v {
            Value::Bool(b) => Some(*b),
            other => {
                cx.issue(path, format!("expected true or false, got {}", describe(other)));
                None
            }
        }
    }
}

impl FromJson for u32 {
    fn from_json(v: &Value, path: &str, cx: &mut Ctx) -> Option<Self> {
        match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                cx.issue(path, format!("expected a whole number of at least 0, got {}", describe(v)));
                None
            }
        }
    }
}

/// Parses an exact decimal written as a JSON string ("1234.56"). Numbers are refused, because a
/// JSON number passes through binary floating point in most tools that write it.
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let t = s.trim();
    if t.is_empty() || t.contains(['e', 'E', ',', '_', ' ']) {
        return None;
    }
    Decimal::from_str_exact(t).ok()
}

/// An amount as a dataset writes one, the schema's `^-?[0-9]+(\.[0-9]+)?$`: digits, a leading
/// minus and a decimal point with digits after it, and nothing else (a space, a "+" or a comma
/// is refused here, where `parse_decimal`, for what a person types, trims).
pub fn parse_amount(s: &str) -> Result<Decimal, AmountError> {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return Err(AmountError::Form);
    }
    Decimal::from_str_exact(s).map_err(|_| AmountError::Size)
}

/// Why a text is not an amount: not in the form, or in it with more digits than are kept exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    Form,
    Size,
}

/// The message for a value that is not an amount, `what` being "a decimal amount", "a rate" …
pub fn amount_message(what: &str, v: &Value) -> String {
    match v {
        Value::String(s) => match parse_amount(s) {
            Err(AmountError::Size) => format!("expected {what} the explorer can keep exactly (below 79,228,162,514,264,337,593,543,950,336, with at most 28 decimal places), got {}", describe(v)),
            _ => format!("expected {what}, got {}", describe(v)),
        },
        // A number written with an exponent ("1e+308") is not a form the string may take either.
        Value::Number(n) if n.to_string().contains(['e', 'E']) => format!("expected {what} written as a string of digits, got the JSON number {n}: numbers may lose exactness"),
        Value::Number(n) => format!("expected {what} written as a string (\"{n}\"), got a JSON number: numbers may lose exactness"),
        other => format!("expected {what}, got {}", describe(other)),
    }
}

impl FromJson for Decimal {
    fn from_json(v: &Value, path: &str, cx: &mut Ctx) -> Option<Self> {
        // Parsed once: every amount of a dataset passes here.
        let amount = match v {
            Value::String(s) => parse_amount(s).ok(),
            _ => None,
        };
        if amount.is_none() {
            cx.issue(path, amount_message("a decimal amount", v));
        }
        amount
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Value, path: &str, cx: &mut Ctx) -> Option<Self> {
        let Value::Array(items) = v else {
            cx.issue(path, format!("expected a list, got {}", describe(v)));
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match T::from_json(item, &format!("{path}[{i}]"), cx) {
                Some(x) => out.push(x),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(v: &Value, path: &str, cx: &mut Ctx) -> Option<Self> {
        let Value::Object(map) = v else {
            cx.issue(path, format!("expected an object, got {}", describe(v)));
            return None;
        };
        let mut out = BTreeMap::new();
        let mut ok = true;
        for (k, item) in map {
            match T::from_json(item, &format!("{path}[{k}]"), cx) {
                Some(x) => {
                    out.insert(k.clone(), x);
                }
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

/// Reads the object at `path`, reporting keys that the type does not know (likely typos).
pub fn object<'a>(v: &'a Value, path: &str, known: &[&str], cx: &mut Ctx) -> Option<&'a serde_json::Map<String, Value>> {
    let Value::Object(map) = v else {
        cx.issue(path, format!("expected an object, got {}", describe(v)));
        return None;
    };
    for k in map.keys() {
        if !known.contains(&k.as_str()) {
            cx.issue(&join(path, k), format!("unknown field (expected one of: {})", known.join(", ")));
        }
    }
    Some(map)
}

/// Declares a struct read from JSON by `FromJson`, field by field, collecting every issue.
/// Serialize is derived so a dataset can be written back out (the template, exports).
#[macro_export]
macro_rules! json_struct {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $( $(#[$fattr:meta])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
        pub struct $name {
            $( $(#[$fattr])* #[serde(skip_serializing_if = "crate::data::json::skip_none")] pub $field: $ty, )*
        }

        impl $crate::data::json::FromJson for $name {
            fn from_json(v: &serde_json::Value, path: &str, cx: &mut $crate::data::json::Ctx) -> Option<Self> {
                let map = $crate::data::json::object(v, path, &[$(stringify!($field)),*], cx)?;
                $( let $field = <$ty as $crate::data::json::FromJson>::from_field(
                        map.get(stringify!($field)), &$crate::data::json::join(path, stringify!($field)), cx); )*
                Some($name { $( $field: $field?, )* })
            }
        }
        impl $crate::data::json::MaybeNone for $name {}
    };
}

/// Declares a string enum read from JSON, with the accepted spellings listed in messages.
#[macro_export]
macro_rules! json_enum {
    (
        $(#[$attr:meta])*
        pub enum $name:ident { $( $(#[$vattr:meta])* $variant:ident = $text:literal ),* $(,)? }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum $name { $( $(#[$vattr])* #[serde(rename = $text)] #[cfg_attr(feature = "schema", schemars(rename = $text))] $variant ),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// The value's place in `ALL` (declaration order): an index for arrays kept per value.
            pub const fn index(self) -> usize { self as usize }
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $text),* } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($text => Some($name::$variant),)* _ => None } }
        }

        impl $crate::data::json::FromJson for $name {
            fn from_json(v: &serde_json::Value, path: &str, cx: &mut $crate::data::json::Ctx) -> Option<Self> {
                let parsed = v.as_str().and_then($name::parse);
                if parsed.is_none() {
                    let expected: Vec<String> = $name::ALL.iter().map(|x| format!("\"{}\"", x.as_str())).collect();
                    cx.issue(path, format!("expected one of {}, got {}", expected.join(", "), $crate::data::json::describe(v)));
                }
                parsed
            }
        }
        impl $crate::data::json::MaybeNone for $name {}
    };
}

/// Serialization helper for the macro: omit `None` fields, keep everything else.
pub fn skip_none<T: MaybeNone>(v: &T) -> bool {
    v.is_none_value()
}

pub trait MaybeNone {
    fn is_none_value(&self) -> bool {
        false
    }
}
impl<T> MaybeNone for Option<T> {
    fn is_none_value(&self) -> bool {
        self.is_none()
    }
}
macro_rules! never_none { ($($t:ty),*) => { $(impl MaybeNone for $t {})* } }
never_none!(String, bool, u32, Decimal);
impl<T> MaybeNone for Vec<T> {}
impl<K, V> MaybeNone for BTreeMap<K, V> {}
