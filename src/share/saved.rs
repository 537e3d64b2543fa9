//! Saved scenarios: named link queries kept in the browser's localStorage, exported to and
//! imported from a JSON file. Pure: the UI passes storage contents and file text in, and writes
//! what these functions return. Storage and files are user input, so nothing here panics, and
//! one bad entry never costs the others.
//!
//! # Storage
//!
//! One localStorage key per scenario, `dsg-explorer.saved.v1.<id>`, holding a JSON object
//! (`Saved`). One key each means a corrupt or half-written entry is reported on its own and
//! never takes the others with it. The `v1` is the storage format; the scenario itself is its
//! link query (`codec::to_query(codec::encode(..))`), which carries its own link format version
//! and the dataset id and version, and is upgraded by the codec like any old link.
//!
//! # Export file
//!
//! ```json
//! { "format": "dsg-explorer/saved-scenarios", "version": 1, "exported": "2025-03-05T14:03:00.000Z",
//!   "scenarios": [ { "name": "...", "query": "v=1&data=...", "data": "...", "dv": "...", "saved": "..." } ] }
//! ```
//!
//! A bare JSON list of such entries is read too.

use super::codec::from_query;
use serde::Serialize;
use serde_json::{Map, Value};

/// Every key of a saved scenario starts with this.
pub const STORAGE_PREFIX: &str = "dsg-explorer.saved.v1.";
pub const FILE_FORMAT: &str = "dsg-explorer/saved-scenarios";
pub const FILE_VERSION: u64 = 1;
/// Longest name, in characters.
pub const MAX_NAME: usize = 100;
/// Longest query, in bytes (a link with every lever changed and many moves is well under this).
pub const MAX_QUERY: usize = 16_000;
/// Most entries read from one file.
pub const MAX_IMPORT: usize = 1_000;
/// Largest import file, in bytes.
pub const MAX_FILE_BYTES: usize = 4_000_000;

/// A saved scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Saved {
    /// Stable and unique among the saved scenarios; the end of its storage key.
    pub id: String,
    pub name: String,
    /// The link query (`v=1&data=…&dv=…&hn.transfer=0.5`), without `page`.
    pub query: String,
    /// Dataset id and version the scenario was made with.
    pub data: String,
    pub dv: String,
    /// When it was saved, ISO 8601 (`2025-03-05T14:03:22.123Z`); empty if not known.
    pub saved: String,
    /// The name of the file on the device its figures came from, if they did (its query names
    /// only their dataset and version, which the site's own copy may share).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub file: String,
}

impl Saved {
    /// Makes a new entry from a name and a link query; the dataset is read from the query.
    pub fn new(id: &str, name: &str, query: &str, saved: &str) -> Result<Saved, String> {
        let name = clean_name(name)?;
        let query = check_query(query)?;
        let pairs = from_query(&query);
        let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
        Ok(Saved { id: id.to_string(), name, data: get("data"), dv: get("dv"), query, saved: clean_time(saved), file: String::new() })
    }

    /// The `src` file its link names, if any.
    pub fn src(&self) -> Option<String> {
        from_query(&self.query).into_iter().find(|(k, _)| k == "src").map(|(_, v)| v)
    }

    /// The file on the device its figures came from, if they did.
    pub fn file_name(&self) -> Option<&str> {
        Some(self.file.as_str()).filter(|f| !f.is_empty())
    }

    /// The storage key of this entry.
    pub fn key(&self) -> String {
        format!("{STORAGE_PREFIX}{}", self.id)
    }

    /// The JSON kept in storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Same scenario and name (ids and times aside).
    pub fn same_as(&self, other: &Saved) -> bool {
        self.name == other.name && self.query == other.query && self.data == other.data && self.dv == other.dv
    }
}

/// A problem with one stored entry or one entry of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The storage key, or "entry 3" (counting from 1) in a file.
    pub place: String,
    /// For a file: the entry's index, from 0.
    pub index: Option<usize>,
    pub reason: String,
}

/// A name as it will be kept: trimmed, runs of white space and control characters made single
/// spaces, at most `MAX_NAME` characters.
pub fn clean_name(name: &str) -> Result<String, String> {
    let cleaned = name.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    if cleaned.is_empty() {
        return Err("the name is empty".into());
    }
    let n = cleaned.chars().count();
    if n > MAX_NAME {
        return Err(format!("the name is {n} characters long; the most is {MAX_NAME}"));
    }
    Ok(cleaned)
}

/// A query as it will be kept (without a leading `?`), if it is a scenario link's query.
pub fn check_query(query: &str) -> Result<String, String> {
    let q = query.trim().trim_start_matches('?');
    if q.len() > MAX_QUERY {
        return Err(format!("the scenario is {} characters long; the most is {MAX_QUERY}", q.len()));
    }
    if q.chars().any(|c| c.is_whitespace() || c.is_control() || c == '#') {
        return Err("the scenario query has spaces or characters a link cannot hold".into());
    }
    let pairs = from_query(q);
    match pairs.iter().find(|(k, _)| k == "v") {
        Some((_, v)) if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()) && v.len() <= 6 => {}
        _ => return Err("the scenario query has no link format version (v=1)".into()),
    }
    if !pairs.iter().any(|(k, v)| k == "data" && !v.is_empty()) {
        return Err("the scenario query does not name its dataset (data=…)".into());
    }
    // Never keep the page: opening a saved scenario does not move the reader.
    let kept: Vec<&str> = q.split('&').filter(|p| !p.is_empty() && !p.starts_with("page=") && *p != "page").collect();
    Ok(kept.join("&"))
}

fn clean_time(t: &str) -> String {
    let t = t.trim();
    if t.len() <= 40 && t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '.' | '+')) { t.to_string() } else { String::new() }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 40 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Reads one entry from JSON. `id` is used when given (storage: the key decides), else the
/// entry's own `id` if it has a usable one, else empty (to be assigned).
pub fn from_value(v: &Value, id: Option<&str>) -> Result<Saved, String> {
    let Value::Object(o) = v else { return Err(format!("is {}, not an object with a name and a query", kind(v))) };
    let name = text(o, "name")?.ok_or("has no \"name\"")?;
    let query = text(o, "query")?.ok_or("has no \"query\" (the scenario's link query)")?;
    let saved = text(o, "saved")?.unwrap_or_default();
    let name = clean_name(&name)?;
    let query = check_query(&query)?;
    let pairs = from_query(&query);
    let in_query = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    let data = match text(o, "data")? {
        Some(d) if Some(&d) != in_query("data").as_ref() => return Err(format!("says dataset \"{d}\" but its query says \"{}\"", in_query("data").unwrap_or_default())),
        _ => in_query("data").unwrap_or_default(),
    };
    let dv = text(o, "dv")?.filter(|d| !d.is_empty()).or_else(|| in_query("dv")).unwrap_or_default();
    if data.len() > 100 || dv.len() > 100 {
        return Err("the dataset id or version is too long".into());
    }
    let id = match id {
        Some(id) => id.to_string(),
        None => text(o, "id").ok().flatten().filter(|i| valid_id(i)).unwrap_or_default(),
    };
    let file = text(o, "file")?.map(|f| clean_name(&f).unwrap_or_default()).unwrap_or_default();
    Ok(Saved { id, name, query, data, dv, saved: clean_time(&saved), file })
}

fn text(o: &Map<String, Value>, field: &str) -> Result<Option<String>, String> {
    match o.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!("has \"{field}\" as {}, not text", kind(other))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// What was found in storage.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stored {
    /// Good entries, oldest first.
    pub entries: Vec<Saved>,
    /// Entries that could not be read; left in storage untouched until the user removes them.
    pub problems: Vec<Problem>,
}

/// Reads every storage item whose key has the saved-scenario prefix (others are ignored).
pub fn read_storage<I, K, V>(items: I) -> Stored
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut out = Stored::default();
    for (key, value) in items {
        let key = key.as_ref();
        let Some(id) = key.strip_prefix(STORAGE_PREFIX) else { continue };
        let problem = |reason: String| Problem { place: key.to_string(), index: None, reason };
        if !valid_id(id) {
            out.problems.push(problem("the key is not one this app writes".into()));
            continue;
        }
        match serde_json::from_str::<Value>(value.as_ref()) {
            Err(e) => out.problems.push(problem(format!("is not valid JSON ({e})"))),
            Ok(v) => match from_value(&v, Some(id)) {
                Ok(s) => out.entries.push(s),
                Err(e) => out.problems.push(problem(e)),
            },
        }
    }
    sort(&mut out.entries);
    crate::sorting::sort_by(&mut out.problems, |a, b| a.place.cmp(&b.place));
    out
}

/// Oldest first; entries without a time after those with one; then by id.
pub fn sort(list: &mut [Saved]) {
    crate::sorting::sort_by(list, |a, b| (a.saved.is_empty(), &a.saved, &a.id).cmp(&(b.saved.is_empty(), &b.saved, &b.id)));
}

/// A new id from the time in milliseconds, unique among `existing`.
pub fn new_id(now_ms: u64, existing: &[Saved]) -> String {
    let base = format!("s{now_ms:x}");
    if !existing.iter().any(|s| s.id == base) {
        return base;
    }
    (2u32..).map(|n| format!("{base}-{n}")).find(|id| !existing.iter().any(|s| &s.id == id)).unwrap_or(base)
}

/// A name not yet used: `name`, or `name (2)`, `name (3)`, ….
pub fn unique_name(name: &str, existing: &[Saved]) -> String {
    let taken = |n: &str| existing.iter().any(|s| s.name.eq_ignore_ascii_case(n));
    if !taken(name) {
        return name.to_string();
    }
    (2u32..)
        .map(|n| {
            let suffix = format!(" ({n})");
            let keep = MAX_NAME.saturating_sub(suffix.chars().count());
            format!("{}{suffix}", name.chars().take(keep).collect::<String>())
        })
        .find(|n| !taken(n))
        .unwrap_or_else(|| name.to_string())
}

/// Checks a name for a new or renamed entry: clean, and not the name of another entry.
pub fn check_new_name(name: &str, list: &[Saved], except_id: Option<&str>) -> Result<String, String> {
    let name = clean_name(name)?;
    if list.iter().any(|s| Some(s.id.as_str()) != except_id && s.name.eq_ignore_ascii_case(&name)) {
        return Err(format!("a saved scenario is already called \"{name}\"; choose another name"));
    }
    Ok(name)
}

/// Renames an entry in the list; returns the changed entry (to write back).
pub fn rename(list: &mut [Saved], id: &str, name: &str) -> Result<Saved, String> {
    let name = check_new_name(name, list, Some(id))?;
    let entry = list.iter_mut().find(|s| s.id == id).ok_or("that saved scenario no longer exists")?;
    entry.name = name;
    Ok(entry.clone())
}

/// Removes an entry from the list; returns it (to remove its key).
pub fn delete(list: &mut Vec<Saved>, id: &str) -> Option<Saved> {
    let i = list.iter().position(|s| s.id == id)?;
    Some(list.remove(i))
}

/// The export file for these entries.
pub fn to_file(list: &[Saved], exported: &str) -> String {
    #[derive(Serialize)]
    struct Entry<'a> {
        name: &'a str,
        query: &'a str,
        data: &'a str,
        dv: &'a str,
        saved: &'a str,
    }
    #[derive(Serialize)]
    struct File<'a> {
        format: &'a str,
        version: u64,
        exported: &'a str,
        scenarios: Vec<Entry<'a>>,
    }
    let file = File {
        format: FILE_FORMAT,
        version: FILE_VERSION,
        exported,
        scenarios: list.iter().map(|s| Entry { name: &s.name, query: &s.query, data: &s.data, dv: &s.dv, saved: &s.saved }).collect(),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// What a file held.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Import {
    /// Good entries, in file order, ids not yet assigned.
    pub entries: Vec<Saved>,
    /// Entries that could not be read, by index.
    pub problems: Vec<Problem>,
    /// Remarks about the file as a whole (e.g. made by a newer version).
    pub notes: Vec<String>,
}

/// Reads an export file. Fails as a whole only when it is not such a file at all; otherwise
/// each entry is read on its own and bad ones are reported by their place in the list.
pub fn parse_file(text: &str) -> Result<Import, String> {
    if text.len() > MAX_FILE_BYTES {
        return Err(format!("the file is {} bytes; the most this reads is {MAX_FILE_BYTES}", text.len()));
    }
    let text = text.trim_start_matches('\u{feff}');
    let v: Value = serde_json::from_str(text).map_err(|e| format!("the file is not valid JSON ({e})"))?;
    let mut out = Import::default();
    let list = match &v {
        Value::Array(a) => a,
        Value::Object(o) => {
            match o.get("format") {
                Some(Value::String(f)) if f == FILE_FORMAT => {}
                Some(Value::String(f)) => return Err(format!("the file is a \"{f}\" file, not saved scenarios ({FILE_FORMAT})")),
                Some(_) => return Err("the file's \"format\" is not text".into()),
                None if o.contains_key("scenarios") => {}
                None => return Err("the file is not a saved-scenarios file: it has no \"format\" or \"scenarios\"".into()),
            }
            if let Some(ver) = o.get("version") {
                match ver.as_u64() {
                    Some(n) if n <= FILE_VERSION => {}
                    Some(n) => out.notes.push(format!("the file was written by a newer version of the explorer (format version {n}); what this version understands was read")),
                    None => out.notes.push("the file's format version is not a whole number; it was read as version 1".into()),
                }
            }
            match o.get("scenarios") {
                Some(Value::Array(a)) => a,
                Some(other) => return Err(format!("the file's \"scenarios\" is {}, not a list", kind(other))),
                None => return Err("the file has no \"scenarios\" list".into()),
            }
        }
        other => return Err(format!("the file holds {}, not saved scenarios", kind(other))),
    };
    for (i, item) in list.iter().enumerate() {
        if i >= MAX_IMPORT {
            out.problems.push(Problem { place: format!("entries {} to {}", crate::data::limits::thousands(i + 1), crate::data::limits::thousands(list.len())), index: Some(i), reason: format!("only the first {} entries of a file are read", crate::data::limits::thousands(MAX_IMPORT)) });
            break;
        }
        match from_value(item, None) {
            Ok(s) => out.entries.push(s),
            Err(reason) => out.problems.push(Problem { place: format!("entry {}", i + 1), index: Some(i), reason }),
        }
    }
    Ok(out)
}

/// The result of adding imported entries to the saved ones.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Merged {
    /// Entries to add (with new ids; names made unique), in file order.
    pub added: Vec<Saved>,
    /// Names of entries skipped because the same scenario with the same name is already saved.
    pub duplicates: Vec<String>,
    /// (name in the file, name given) for entries renamed because the name was taken by a
    /// different scenario.
    pub renamed: Vec<(String, String)>,
}

/// Merges `incoming` into `existing`: never replaces or removes an existing entry. An identical
/// entry (same name, query and dataset) is skipped; a different scenario with a taken name is
/// added as "name (2)". Every added entry gets a fresh id from `new_id`, which is given the
/// entries so far.
pub fn merge(existing: &[Saved], incoming: Vec<Saved>, mut new_id: impl FnMut(&[Saved]) -> String) -> Merged {
    let mut all: Vec<Saved> = existing.to_vec();
    let mut out = Merged::default();
    for mut s in incoming {
        if all.iter().any(|e| e.same_as(&s)) {
            out.duplicates.push(s.name);
            continue;
        }
        let name = unique_name(&s.name, &all);
        if name != s.name {
            out.renamed.push((s.name.clone(), name.clone()));
            s.name = name;
        }
        s.id = new_id(&all);
        all.push(s.clone());
        out.added.push(s);
    }
    out
}

/// "2025-03-05T14:03:22.123Z" → "5 March 2025, 14:03 UTC"; anything else as it is.
pub fn display_time(iso: &str) -> String {
    const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let parse = || -> Option<String> {
        let (date, time) = iso.split_once('T')?;
        let mut d = date.split('-');
        let (y, m, day) = (d.next()?, d.next()?.parse::<usize>().ok()?, d.next()?.parse::<u32>().ok()?);
        let month = MONTHS.get(m.checked_sub(1)?)?;
        let hm = time.get(0..5)?;
        if !(y.len() == 4 && y.chars().all(|c| c.is_ascii_digit())) || hm.as_bytes().get(2) != Some(&b':') {
            return None;
        }
        let zone = if time.ends_with('Z') { " UTC" } else { "" };
        Some(format!("{day} {month} {y}, {hm}{zone}"))
    };
    parse().unwrap_or_else(|| iso.to_string())
}
