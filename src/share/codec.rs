//! Scenario <-> URL query. Human-readable keys, only values that differ from the defaults, a
//! format version (`v`) and the dataset id and version (`data`, `dv`). Reading never fails as a
//! whole: each bad parameter gets a notice naming it and falls back to its default alone.

use crate::model::dsg::Baseline;
use crate::model::scenario::{Scenario, SchemeMove};
use crate::share::open::shown;
use crate::units::money::thousands;

/// The link format this build writes. Older links are upgraded by `migrate`.
/// 2: the projection starts from the latest vintage unless `hn.start` says otherwise.
pub const FORMAT_VERSION: u32 = 2;

/// Parameters that are not levers.
pub const RESERVED: &[&str] = &["v", "page", "data", "dv", "src", "cap.move", "cmp", "embed"];

/// A page's own choices of what it shows, which its link keeps but which change no figure of the
/// scenario, so are not levers: Uncertainty's year ranked in "What matters most" and its goal
/// seek's goal, lever and year (read and checked by `ui::pages::uncertainty`). Each may be given
/// once; links to other pages leave them out.
pub const VIEW: &[&str] = &["tornado.year", "seek.goal", "seek.by", "seek.year"];

/// The view choices of a link's pairs (`VIEW`): the first value of each, in `VIEW` order.
pub fn view_pairs(pairs: &[(String, String)]) -> Vec<(String, String)> {
    VIEW.iter().filter_map(|k| pairs.iter().find(|(p, _)| p == k).cloned()).collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub param: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub scenario: Scenario,
    pub notices: Vec<Notice>,
}

/// The query pairs for a scenario: version, dataset, then each lever that differs from its
/// default, in form order; then reprofiling moves in the order they were made.
pub fn encode(s: &Scenario, b: &Baseline, dataset_id: &str, dataset_version: &str) -> Vec<(String, String)> {
    let defaults = Scenario::default_for(b);
    let mut out = vec![("v".to_string(), FORMAT_VERSION.to_string()), ("data".into(), dataset_id.into()), ("dv".into(), dataset_version.into())];
    // One pass over the registry with typed values (this runs on every lever move): text only
    // for what is written.
    for def in crate::model::levers::LEVERS.iter().filter(|d| d.applies(b)) {
        let now = def.get(s);
        if now != def.get(&defaults) {
            out.push((def.key.to_string(), now.text()));
        }
    }
    for m in &s.moves {
        out.push(("cap.move".into(), m.text()));
    }
    out
}

/// Parameters a link may give only once: a second value is named in a notice and ignored
/// (`cap.move` is the one reserved parameter that may repeat).
pub const ONCE: &[&str] = &["v", "page", "data", "dv", "src", "cmp", "embed"];

/// Reads lever parameters into a scenario (starting from the defaults). The values of the
/// non-lever parameters in `RESERVED` are left to the caller (`page` to `ui::route`, `data`,
/// `dv` and `src` to `share::open`), but a repeated one is named here.
pub fn decode(pairs: &[(String, String)], b: &Baseline) -> Decoded {
    let mut notices = vec![];
    let pairs = migrate(pairs, &mut notices);
    let mut scenario = Scenario::default_for(b);
    let known: Vec<&'static str> = Scenario::keys().collect();
    let mut seen = std::collections::HashSet::new();
    // A name given again is one notice however often it repeats (a reviewer's link with 300
    // copies of one lever buried the page under 300 lines): its index and the values ignored.
    let mut repeats: std::collections::HashMap<String, Repeat> = std::collections::HashMap::new();
    // Unknown names and unreadable moves past the first few are counted, not listed.
    let (mut unknown, mut bad_moves) = (0usize, 0usize);
    let mut first_unlisted: Option<String> = None;
    for (k, v) in &pairs {
        if k == "cap.move" {
            match SchemeMove::parse(v) {
                Ok(m) => scenario.moves.push(m),
                Err(e) => {
                    bad_moves += 1;
                    if bad_moves <= LISTED {
                        notices.push(Notice { param: k.clone(), message: format!("{e}; this move was ignored") });
                    }
                }
            }
            continue;
        }
        let once = ONCE.contains(&k.as_str()) || VIEW.contains(&k.as_str());
        if RESERVED.contains(&k.as_str()) || VIEW.contains(&k.as_str()) {
            if once && !seen.insert(k.clone()) {
                repeated(&mut notices, &mut repeats, k, v);
            } else if k == "embed" && v != "1" {
                notices.push(Notice { param: k.clone(), message: format!("only embed=1 is understood, not {}; the full page is shown", shown(v)) });
            }
            continue;
        }
        if k.is_empty() {
            notices.push(Notice { param: k.clone(), message: format!("a value with no parameter name ({}) was ignored", shown(v)) });
            continue;
        }
        if !known.contains(&k.as_str()) {
            if seen.insert(k.clone()) {
                unknown += 1;
                if unknown <= LISTED {
                    notices.push(Notice { param: k.clone(), message: "is not a parameter this app knows, so it was ignored".into() });
                } else if unknown == LISTED + 1 {
                    first_unlisted = Some(k.clone());
                }
            }
            continue;
        }
        if !seen.insert(k.clone()) {
            // Named, as a reserved name's is: a reader who edited one copy of a lever in a long
            // link sees that value left out (a trial's edit did nothing, with no word of why).
            repeated(&mut notices, &mut repeats, k, v);
            continue;
        }
        // Every known name is a lever's (`Scenario::keys`).
        let Some(def) = crate::model::levers::by_key(k) else { continue };
        // A per-kind lever for a kind these figures have no line of would change nothing and
        // has no control to reset it: it is named and left at its default.
        if let Some(kind) = def.placement_kind().filter(|_| !def.applies(b)) {
            notices.push(Notice { param: k.clone(), message: format!("is for {} placements, and these figures have no such line, so it was ignored", kind.words()) });
            continue;
        }
        // The lever's own message names no lever: the notice shows the key beside it.
        if let Err(e) = def.parse(v).and_then(|x| scenario.set_value(def, &x, b)) {
            // The model quotes the value whole; a notice shows it shortened (`shown`).
            let e = e.replace(&format!("\"{v}\""), &shown(v));
            notices.push(Notice { param: k.clone(), message: format!("{e} — the default was used instead") });
        }
    }
    // Named by the first one not listed, so every notice names a parameter of the link.
    if let Some(k) = first_unlisted {
        let more = unknown - LISTED - 1;
        let rest = if more == 0 { String::new() } else { format!(", nor are {} more after it", thousands(more)) };
        notices.push(Notice { param: k, message: format!("is not a parameter this app knows{rest}; all were ignored (the first {LISTED} unknown are listed above)") });
    }
    if bad_moves > LISTED {
        notices.push(Notice { param: "cap.move".into(), message: format!("{} more moves could not be read and were ignored (the first {LISTED} are listed above)", thousands(bad_moves - LISTED)) });
    }
    Decoded { scenario, notices }
}

/// How many unknown names, or unreadable moves, a link's notices list one by one.
pub const LISTED: usize = 10;

/// Notes one more copy of `k` after its first: the first copy adds a notice, later ones update
/// it. `ignored` is the value left out.
fn repeated(notices: &mut Vec<Notice>, repeats: &mut std::collections::HashMap<String, Repeat>, k: &str, ignored: &str) {
    let r = repeats.entry(k.to_string()).or_insert_with(|| {
        notices.push(Notice { param: k.to_string(), message: String::new() });
        Repeat { notice: notices.len() - 1, times: 1, first_ignored: shown(ignored) }
    });
    r.times += 1;
    // "Read", not "used": a first value that is refused leaves the default (its own notice says
    // so), and the later ones are still left out.
    notices[r.notice].message = match r.times {
        2 => format!("appears more than once; only the first value is read, and {} was ignored", r.first_ignored),
        3 => format!("appears more than once (3 times); only the first value is read, and {} and 1 other were ignored", r.first_ignored),
        n => format!("appears more than once ({} times); only the first value is read, and {} and {} others were ignored", thousands(n), r.first_ignored, thousands(n - 2)),
    };
}

/// A name given more than once: its notice, how often it was given, the first value ignored.
struct Repeat {
    notice: usize,
    times: usize,
    first_ignored: String,
}

/// Upgrades links of older formats, one small step per version. A link from a newer build is
/// read as far as possible, with a notice.
///
/// 1 → 2: format 1 projected from the dataset's own base-year figures; format 2 starts from the
/// latest vintage. A format-1 link without `hn.start` gets `hn.start=base`, so it reopens
/// exactly the numbers it was made with.
pub fn migrate(pairs: &[(String, String)], notices: &mut Vec<Notice>) -> Vec<(String, String)> {
    let version = pairs.iter().find(|(k, _)| k == "v").map(|(_, v)| v.as_str());
    match version.map(|v| v.parse::<u32>()) {
        None => {}
        Some(Ok(v)) if (1..=FORMAT_VERSION).contains(&v) => {}
        Some(Ok(v)) if v > FORMAT_VERSION => notices.push(Notice {
            param: "v".into(),
            // Read after the name, as every notice is ("v is format 7, …").
            message: format!("is format {v}: this link was made by a newer version of the explorer than this one (format {FORMAT_VERSION}), so parameters this version does not know are ignored"),
        }),
        Some(_) if version.is_some_and(str::is_empty) => notices.push(Notice { param: "v".into(), message: format!("is empty; the rest is read as format {FORMAT_VERSION}") }),
        Some(_) => notices.push(Notice { param: "v".into(), message: format!("is {}, not a link format this explorer knows; the rest is read as format {FORMAT_VERSION}", shown(version.unwrap_or_default())) }),
    }
    let mut out = pairs.to_vec();
    if version.and_then(|v| v.parse::<u32>().ok()) == Some(1) {
        out = v1_to_v2(out);
    }
    out
}

/// Format 1 → 2: pin the starting point to the dataset's base-year figures.
fn v1_to_v2(mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    if !pairs.iter().any(|(k, _)| k == crate::model::dsg::START_KEY) {
        pairs.push((crate::model::dsg::START_KEY.into(), crate::model::dsg::BASE_START.into()));
    }
    pairs
}

/// `a=1&b=x`, percent-encoding only what must be; never `+` for spaces.
pub fn to_query(pairs: &[(String, String)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", escape(k), escape(v))).collect::<Vec<_>>().join("&")
}

fn escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Parses a query string (with or without `?`). `+` is read as a plus sign: we never write it
/// for a space, and social sites that rewrite spaces would otherwise corrupt values.
pub fn from_query(q: &str) -> Vec<(String, String)> {
    q.trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (unescape(k), unescape(v))
        })
        .collect()
}

fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(hi), Some(lo)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
