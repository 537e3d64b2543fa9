//! Keys given twice in one JSON object.
//!
//! A JSON reader keeps one of two values under the same key, and readers differ over which:
//! serde_json keeps the last, others the first. A dataset with `"amount"` twice would show a
//! figure the finance officer may never have meant, so each repeat is reported with its path.
//! The reading into `serde_json::Value` has already dropped the repeats, so this is a pass over
//! the text, run only on text that parsed (so it can trust the JSON's shape).

use super::json::{Ctx, Issue};
use std::borrow::Cow;

/// Repeats listed in all; past this many, `Ctx::repeats_unlisted` counts them. A hostile file
/// can repeat a key a hundred thousand times, each at a long path.
pub const LISTED: usize = 100;

/// Reports every key given more than once in an object of `text` (valid JSON), each at its
/// path under `prefix` (`""` for a whole file, `documents[4]` for one paper): the first
/// [`LISTED`] in `cx` (across calls), the rest counted.
pub fn check(text: &str, prefix: &str, cx: &mut Ctx) {
    let mut path = prefix.to_string();
    let room = LISTED.saturating_sub(cx.issues.len());
    let mut scan = Scan { b: text.as_bytes(), text, found: vec![], room, unlisted: 0 };
    let start = scan.ws(0);
    if start < scan.b.len() {
        scan.value(start, &mut path);
    }
    cx.issues.extend(scan.found);
    cx.repeats_unlisted += scan.unlisted;
}

struct Scan<'a> {
    b: &'a [u8],
    text: &'a str,
    found: Vec<Issue>,
    room: usize,
    unlisted: usize,
}

/// Maps in a dataset (keyed by year): their keys are written `[2025-26]`, as the typed reading
/// writes them; every other object's keys are fields, `.name`.
const MAPS: &[&str] = &["profile"];

/// A key is cut to this many characters in a path, so a path stays short however long its keys.
const KEY_SHOWN: usize = 40;

fn push_key(path: &mut String, key: &str) {
    let map = MAPS.contains(&path.rsplit('.').next().unwrap_or(""));
    if map {
        path.push('[');
    } else if !path.is_empty() {
        path.push('.');
    }
    match key.char_indices().nth(KEY_SHOWN) {
        Some((cut, _)) => {
            path.push_str(&key[..cut]);
            path.push('…');
        }
        None => path.push_str(key),
    }
    if map {
        path.push(']');
    }
}

impl<'a> Scan<'a> {
    fn ws(&self, mut i: usize) -> usize {
        while i < self.b.len() && matches!(self.b[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        i
    }

    /// The index after the string starting at `b[i] == '"'`, and whether it has an escape.
    fn string_end(&self, mut i: usize) -> (usize, bool) {
        i += 1;
        let mut escaped = false;
        while i < self.b.len() {
            match self.b[i] {
                b'\\' => {
                    escaped = true;
                    i += 2;
                }
                b'"' => return (i + 1, escaped),
                _ => i += 1,
            }
        }
        (self.b.len(), escaped)
    }

    /// The index after the value at `i`. Nesting is at most 128 deep: the text has parsed.
    fn value(&mut self, i: usize, path: &mut String) -> usize {
        match self.b.get(i) {
            Some(b'{') => self.object(i, path),
            Some(b'[') => self.array(i, path),
            Some(b'"') => self.string_end(i).0,
            Some(_) => {
                let mut j = i;
                while j < self.b.len() && !matches!(self.b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    j += 1;
                }
                j
            }
            None => i,
        }
    }

    fn array(&mut self, i: usize, path: &mut String) -> usize {
        let mut i = self.ws(i + 1);
        if self.b.get(i) == Some(&b']') {
            return i + 1;
        }
        let mut n = 0usize;
        loop {
            let len = path.len();
            {
                use std::fmt::Write;
                let _ = write!(path, "[{n}]");
            }
            i = self.value(i, path);
            path.truncate(len);
            n += 1;
            i = self.ws(i);
            match self.b.get(i) {
                Some(b',') => i = self.ws(i + 1),
                _ => return i + 1,
            }
        }
    }

    fn object(&mut self, i: usize, path: &mut String) -> usize {
        // The keys, sorted when the object ends so repeats sit together: a hostile object of many
        // keys costs n log n, not n². (The app's one sort, not a map of its own: see `sorting`.)
        let mut keys: Vec<Cow<'a, str>> = vec![];
        let mut i = self.ws(i + 1);
        let mut end = i;
        if self.b.get(i) != Some(&b'}') {
            loop {
                let (key_end, escaped) = self.string_end(i);
                let raw = &self.text[i + 1..key_end - 1];
                let key: Cow<'a, str> = if escaped { Cow::Owned(unescape(raw)) } else { Cow::Borrowed(raw) };
                i = self.ws(key_end);
                i = self.ws(i + 1); // past ':'
                let len = path.len();
                push_key(path, &key);
                i = self.value(i, path);
                path.truncate(len);
                keys.push(key);
                i = self.ws(i);
                match self.b.get(i) {
                    Some(b',') => i = self.ws(i + 1),
                    _ => {
                        end = i;
                        break;
                    }
                }
            }
        }
        crate::sorting::sort_by(&mut keys, |a, b| a.cmp(b));
        let mut at = 0;
        while at < keys.len() {
            let n = keys[at..].iter().take_while(|k| **k == keys[at]).count();
            if n > 1 && self.found.len() >= self.room {
                self.unlisted += 1;
            } else if n > 1 {
                let len = path.len();
                push_key(path, &keys[at]);
                self.found.push(Issue {
                    path: path.clone(),
                    message: format!("this key is given {n} times in the same object; give it once (programs differ over which one counts)"),
                });
                path.truncate(len);
            }
            at += n;
        }
        end + 1
    }
}

/// A key's text as read: the JSON escapes of a string that has parsed, so each is well formed
/// (a lone surrogate, which the reader refuses, would give U+FFFD here).
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    let hex = |chars: &mut std::str::Chars| -> u32 { (0..4).filter_map(|_| chars.next().and_then(|c| c.to_digit(16))).fold(0, |n, d| n * 16 + d) };
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hi = hex(&mut chars);
                let code = if (0xD800..0xDC00).contains(&hi) && chars.as_str().starts_with("\\u") {
                    chars.nth(1);
                    let lo = hex(&mut chars);
                    0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
                } else {
                    hi
                };
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            Some(other) => out.push(other), // \" \\ \/
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeats(text: &str, prefix: &str) -> Vec<String> {
        serde_json::from_str::<serde_json::Value>(text).expect("test text is valid JSON");
        let mut cx = Ctx::default();
        check(text, prefix, &mut cx);
        cx.issues.iter().map(|i| i.to_string()).collect()
    }

    #[test]
    fn a_repeated_key_is_reported_at_its_path() {
        let text = r#"{"capital": {"schemes": [{"id": "a"}, {"id": "b", "profile": {"2025-26": "1", "2026-27": "2", "2025-26": "3"}}]}}"#;
        assert_eq!(
            repeats(text, ""),
            ["capital.schemes[1].profile[2025-26]: this key is given 2 times in the same object; give it once (programs differ over which one counts)"]
        );
    }

    #[test]
    fn each_repeated_key_once_with_its_count_and_the_prefix() {
        let text = r#" { "amount" : 1 , "b": [ {"x": 1, "x": {"y": 1, "y": 2}} ], "amount": 2, "amount": "3" } "#;
        let got = repeats(text, "documents[4]");
        assert_eq!(got.len(), 3, "{got:?}");
        // A field's key is written `.Name` whatever its characters, as an unknown field's is.
        assert!(repeats(r#"{"a": {"Amount": 1, "Amount": 2}}"#, "")[0].starts_with("a.Amount: "));
        assert!(got[0].starts_with("documents[4].b[0].x.y: this key is given 2 times"), "{got:?}");
        assert!(got[1].starts_with("documents[4].b[0].x: this key is given 2 times"), "{got:?}");
        assert!(got[2].starts_with("documents[4].amount: this key is given 3 times"), "{got:?}");
    }

    #[test]
    fn keys_are_compared_as_read_not_as_written() {
        // "\u0069d" is "id": the reader sees the same key twice.
        assert_eq!(repeats(r#"{"id": "a", "\u0069d": "b"}"#, "").len(), 1);
        // Strings that look like keys, and the same key in sibling objects, are not repeats.
        assert!(repeats(r#"{"a": "\"a\": 1, \"a\": 2", "l": [{"a": 1}, {"a": 2}], "m": {"a": {"a": 1}}}"#, "").is_empty());
        assert!(repeats("[]", "").is_empty());
        assert!(repeats("{}", "").is_empty());
        assert!(repeats(" 12 ", "").is_empty());
    }

    #[test]
    fn escapes_are_read_as_the_json_reader_reads_them() {
        for raw in [r#"a\"b"#, r#"\\\/\b\f\n\r\t"#, r#"\u00e9t\u00C9"#, r#"\ud83d\ude00 x"#, r#"plain"#, r#"\u0041\u00"#] {
            let quoted = format!("\"{raw}\"");
            match serde_json::from_str::<String>(&quoted) {
                Ok(read) => assert_eq!(unescape(raw), read, "{raw}"),
                Err(_) => assert!(raw.ends_with("\\u00"), "only the cut-off escape is not JSON: {raw}"),
            }
        }
    }

    #[test]
    fn a_hostile_file_gets_a_hundred_short_paths_and_a_count() {
        // A long key holding an object of 1,000 repeated keys: each path would hold the long key.
        let long = "k".repeat(100_000);
        let inner: Vec<String> = (0..1_000).map(|i| format!("\"r{i}\": 0, \"r{i}\": 1")).collect();
        let text = format!("{{\"{long}\": {{{}}}}}", inner.join(", "));
        let mut cx = Ctx::default();
        check(&text, "", &mut cx);
        assert_eq!((cx.issues.len(), cx.repeats_unlisted), (LISTED, 900));
        assert!(cx.issues.iter().all(|i| i.path.chars().count() < 60), "{}", cx.issues[0].path);
        assert_eq!(cx.issues[0].path, format!("{}….r0", "k".repeat(40)));
        // The room is shared with what the context already holds, as for a big file's papers.
        check(&text, "documents[1]", &mut cx);
        assert_eq!((cx.issues.len(), cx.repeats_unlisted), (LISTED, 1_900));
    }

    #[test]
    fn many_keys_cost_little() {
        let mut text = String::from("{");
        for i in 0..100_000 {
            text.push_str(&format!("\"k{i}\": {i},"));
        }
        text.push_str("\"k7\": 0}");
        assert_eq!(repeats(&text, "").len(), 1);
    }
}
