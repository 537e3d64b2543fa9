//! Finding the papers in a dataset's text without parsing it, so a big file's papers can be
//! parsed one at a time (a slice at a time) instead of in one long parse of the whole text.
//!
//! One linear pass over the bytes (a few milliseconds for 5 MB) finds the root object's
//! `documents` list and the span of each of its elements. It is conservative: anything unusual
//! (an escaped key, `documents` twice or not a list, odd separators, deep nesting) gives `None`,
//! and the caller parses the whole text at once, which gives serde's exact message for a bad
//! file. When it does give spans, the pieces (the text with the list replaced by `[]`, and each
//! element) are valid JSON exactly when the whole text is.

use std::ops::Range;

/// Where the root's `documents` list is (from `[` to `]` inclusive), and each element in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub list: Range<usize>,
    pub items: Vec<Range<usize>>,
}

impl Split {
    /// The text with the list replaced by `[]`: the rest of the file, parsed on its own.
    pub fn rest(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() - self.list.len() + 2);
        out.push_str(&text[..self.list.start]);
        out.push_str("[]");
        out.push_str(&text[self.list.end..]);
        out
    }
}

/// Nesting an element may have: the JSON reader refuses more than 128 levels in the whole file,
/// where an element sits two levels down; deeper elements go to the whole-file parse.
const MAX_ITEM_DEPTH: usize = 120;

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// The index after the string starting at `b[i] == '"'`, and whether it has an escape.
fn string_end(b: &[u8], mut i: usize) -> Option<(usize, bool)> {
    i += 1;
    let mut escaped = false;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                escaped = true;
                i += 2;
            }
            b'"' => return Some((i + 1, escaped)),
            _ => i += 1,
        }
    }
    None
}

/// The index after the value starting at `b[i]`, and its nesting depth.
fn value_end(b: &[u8], i: usize) -> Option<(usize, usize)> {
    match *b.get(i)? {
        b'"' => string_end(b, i).map(|(e, _)| (e, 0)),
        b'{' | b'[' => {
            let (mut depth, mut max, mut j) = (0usize, 0usize, i);
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = string_end(b, j)?.0;
                        continue;
                    }
                    b'{' | b'[' => {
                        depth += 1;
                        max = max.max(depth);
                    }
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((j + 1, max));
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                j += 1;
            }
            (j > i).then_some((j, 0))
        }
    }
}

/// The root's `documents` list and its elements, or `None` (parse the whole text instead).
pub fn split_documents(text: &str) -> Option<Split> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    if *b.get(i)? != b'{' {
        return None;
    }
    i += 1;
    let mut found: Option<Split> = None;
    loop {
        i = skip_ws(b, i);
        match *b.get(i)? {
            b'"' => {}
            _ => return None,
        }
        let (key_end, escaped) = string_end(b, i)?;
        if escaped {
            return None;
        }
        let is_documents = &b[i + 1..key_end - 1] == b"documents";
        i = skip_ws(b, key_end);
        if *b.get(i)? != b':' {
            return None;
        }
        i = skip_ws(b, i + 1);
        if is_documents {
            if found.is_some() || *b.get(i)? != b'[' {
                return None;
            }
            let start = i;
            let mut items = vec![];
            i = skip_ws(b, i + 1);
            if *b.get(i)? == b']' {
                i += 1;
            } else {
                loop {
                    let (end, depth) = value_end(b, i)?;
                    if depth > MAX_ITEM_DEPTH {
                        return None;
                    }
                    items.push(i..end);
                    i = skip_ws(b, end);
                    match *b.get(i)? {
                        b',' => i = skip_ws(b, i + 1),
                        b']' => {
                            i += 1;
                            break;
                        }
                        _ => return None,
                    }
                }
            }
            found = Some(Split { list: start..i, items });
        } else {
            i = value_end(b, i)?.0;
        }
        i = skip_ws(b, i);
        match *b.get(i)? {
            b',' => i += 1,
            // What follows the root object is the rest parse's to judge.
            b'}' => return found,
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn pieces(text: &str) -> Option<(Value, Vec<Value>)> {
        let s = split_documents(text)?;
        let rest: Value = serde_json::from_str(&s.rest(text)).ok()?;
        let items = s.items.iter().map(|r| serde_json::from_str(&text[r.clone()]).unwrap()).collect();
        Some((rest, items))
    }

    #[test]
    fn finds_the_papers_and_the_rest() {
        let text = r#" { "id": "x", "documents" : [ {"id": "a", "t": "b,]}\"["}, {"id": "c"} ] , "n": [1, {"documents": 2}] } "#;
        let (rest, items) = pieces(text).unwrap();
        assert_eq!(rest, serde_json::json!({"id": "x", "documents": [], "n": [1, {"documents": 2}]}));
        assert_eq!(items, vec![serde_json::json!({"id": "a", "t": "b,]}\"["}), serde_json::json!({"id": "c"})]);
        let whole: Value = serde_json::from_str(text).unwrap();
        assert_eq!(whole["documents"], Value::Array(items));
    }

    #[test]
    fn anything_unusual_means_parse_the_whole_text() {
        for text in [
            "",
            "[]",
            "{}",
            r#"{"id": 1}"#,
            r#"{"documents": {}}"#,
            r#"{"documents": [1], "documents": [2]}"#,
            r#"{"docu\u006dents": [1]}"#,
            r#"{"documents": [1 2]}"#,
            r#"{"documents": [1,"#,
            r#"{"documents": ["unterminated]}"#,
        ] {
            assert_eq!(split_documents(text), None, "{text}");
        }
        assert_eq!(split_documents(r#"{"documents": []}"#).map(|s| s.items.len()), Some(0));
        let deep = format!("{{\"documents\": [{}{}]}}", "[".repeat(125), "]".repeat(125));
        assert_eq!(split_documents(&deep), None);
    }
}
