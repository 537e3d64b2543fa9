//! Reading a dataset as a resumable job, so a big file does not freeze the page.
//!
//! A file of 100,000 papers takes far longer to convert and check than a browser may block its
//! main thread for. `LoadJob::step` does work until the caller's clock says the slice is spent
//! and returns; the page calls it again after yielding to the event loop (so input, painting and
//! a Cancel button keep working), and drops the job to cancel. `parse_dataset` runs the same job
//! to completion in one call, so native tests exercise exactly the code path the page runs.
//!
//! Why slices on the main thread rather than a web worker: the worker would need a second wasm
//! bundle (Trunk builds one), a script the CSP allows, and the result copied back across threads
//! (a `Loaded` is not transferable), while the part that cannot be sliced (the JSON text parse)
//! stays short at the 5 MB limit. A worker would also not be testable natively.
//!
//! The issues, their paths and their order are those of reading the whole file at once: the
//! papers are converted first, a slice at a time, and their issues are put back where reading the
//! `Dataset` in field order would have put them.

use super::dataset::{Dataset, Document};
use super::json::{Ctx, FromJson, Issue};
use super::load::Loaded;
use super::{limits, validate};
use serde_json::Value;
use std::sync::Arc;

/// How far a job has got, for a progress bar: `done` of `total` units, in the stage `what`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub what: &'static str,
    pub done: usize,
    pub total: usize,
}

/// What a step returns: more to do (and how far it got), or the result.
#[derive(Debug)]
pub enum Step {
    Working(Progress),
    Done(Result<Loaded, Vec<Issue>>),
}

/// Papers converted between two looks at the clock: small enough that a slice overruns its
/// budget by well under a millisecond.
const CLOCK_EVERY: usize = 64;

/// The fields of `Dataset` read after `documents`: issues under these come after the papers'.
const AFTER_DOCUMENTS: &[&str] = &["budget", "savings", "high_needs", "capital"];

pub struct LoadJob {
    stage: Stage,
}

enum Stage {
    Parse(Arc<str>),
    Documents(Box<Documents>),
    Finish(Box<Documents>),
    Done,
}

/// Where the papers come from: values of a file parsed whole, or spans of the text of a big
/// file, each parsed when its turn comes.
enum Items {
    Values(std::vec::IntoIter<Value>),
    Spans { text: Arc<str>, spans: std::vec::IntoIter<std::ops::Range<usize>> },
}

/// The papers being converted one by one, and the rest of the file waiting for them.
struct Documents {
    /// The parsed file; its `documents` list has been taken out (when it was a list).
    root: Value,
    taken: bool,
    items: Items,
    index: usize,
    total: usize,
    out: Vec<Document>,
    ok: bool,
    cx: Ctx,
    /// Keys given twice, found in the text (the parsed values keep only one of each).
    repeats: Ctx,
    source: Arc<str>,
}

fn one(path: &str, message: String) -> Vec<Issue> {
    vec![Issue { path: path.to_string(), message }]
}

/// serde's message without its " at line L column C", in plain words where it has jargon ("expected
/// ident"), then " (line L, column C)" after it.
fn json_error(e: &serde_json::Error) -> Issue {
    let at = format!(" at line {} column {}", e.line(), e.column());
    let what = plain_json_error(&e.to_string().replace(&at, ""));
    Issue { path: String::new(), message: format!("not valid JSON: {what} (line {}, column {})", e.line(), e.column()) }
}

/// What a JSON syntax error means to someone who edited the file by hand; serde's own words kept
/// after it where they say which character was expected.
fn plain_json_error(serde: &str) -> String {
    let plain = match serde {
        "recursion limit exceeded" => return "lists and objects are nested more than 128 levels deep, more than the explorer reads".into(),
        "expected ident" => "a word that is not true, false or null: text must be in double quotes",
        "expected value" => "no value where one should be: text must be in double quotes, the only bare words are true, false and null, and a list or object must not end with a comma",
        "trailing comma" => "a comma just before a closing ] or }",
        "trailing characters" => "more text after the end of the data",
        "key must be a string" => "a key that is not in double quotes",
        "expected `:`" => "a key not followed by a colon",
        "expected `,` or `}`" => "a comma or a closing } missing between an object's entries",
        "expected `,` or `]`" => "a comma or a closing ] missing between a list's items",
        "invalid escape" => "a backslash in text that is not a valid escape (write \\\\ for one backslash)",
        s if s.starts_with("EOF while parsing") => "the file ends before the data does (is it cut short?)",
        s if s.starts_with("control character") => "a line break or other control character inside text in double quotes",
        s if s.starts_with("number out of range") => return s.into(),
        other => return other.into(),
    };
    format!("{plain} ({serde})")
}

impl LoadJob {
    /// A job over the text of a dataset file (a leading byte-order mark is the caller's to strip).
    pub fn new(text: String) -> LoadJob {
        LoadJob { stage: Stage::Parse(text.into()) }
    }

    /// Runs the job to its end in one call (native callers, tests, small shipped files).
    pub fn run(mut self) -> Result<Loaded, Vec<Issue>> {
        loop {
            if let Step::Done(r) = self.step(&mut || false) {
                return r;
            }
        }
    }

    /// Works until `out_of_time()` says the slice is spent (asked between units of work), or the
    /// job ends. After `Done` the job is spent: a further step reports that as an issue.
    pub fn step(&mut self, out_of_time: &mut dyn FnMut() -> bool) -> Step {
        loop {
            let stage = std::mem::replace(&mut self.stage, Stage::Done);
            match stage {
                Stage::Parse(text) => match parse(text) {
                    Ok(docs) => self.stage = Stage::Documents(docs),
                    Err(issues) => return Step::Done(Err(issues)),
                },
                Stage::Documents(mut d) => {
                    let mut n = 0;
                    loop {
                        let item = match &mut d.items {
                            Items::Values(values) => values.next(),
                            Items::Spans { text, spans } => match spans.next().map(|r| (serde_json::from_str::<Value>(&text[r.clone()]), r)) {
                                None => None,
                                Some((Ok(v), r)) => {
                                    super::repeated_keys::check(&text[r], &format!("documents[{}]", d.index), &mut d.repeats);
                                    Some(v)
                                }
                                // A bad paper: the whole text is parsed for serde's own message.
                                Some((Err(_), _)) => {
                                    let Items::Spans { text, .. } = std::mem::replace(&mut d.items, Items::Values(vec![].into_iter())) else { unreachable!() };
                                    match whole(text) {
                                        Ok(docs) => {
                                            self.stage = Stage::Documents(docs);
                                            break;
                                        }
                                        Err(issues) => return Step::Done(Err(issues)),
                                    }
                                }
                            },
                        };
                        let Some(item) = item else {
                            let progress = Progress { what: "Checking the figures", done: d.total, total: d.total };
                            self.stage = Stage::Finish(d);
                            if out_of_time() {
                                return Step::Working(progress);
                            }
                            break;
                        };
                        let path = format!("documents[{}]", d.index);
                        match Document::from_json(&item, &path, &mut d.cx) {
                            Some(doc) => d.out.push(doc),
                            None => d.ok = false,
                        }
                        d.index += 1;
                        n += 1;
                        if n % CLOCK_EVERY == 0 && out_of_time() {
                            let progress = Progress { what: "Reading the papers", done: d.index, total: d.total };
                            self.stage = Stage::Documents(d);
                            return Step::Working(progress);
                        }
                    }
                    if let Stage::Documents(_) = self.stage {
                        // Restarted from the whole text: its progress is reported from the start.
                        if out_of_time() {
                            return Step::Working(Progress { what: "Reading the papers", done: 0, total: 1 });
                        }
                    }
                }
                Stage::Finish(d) => return Step::Done(finish(*d)),
                Stage::Done => return Step::Done(Err(one("", "this load has already finished".into()))),
            }
        }
    }
}

/// Files smaller than this are parsed whole: splitting them would gain nothing.
const SPLIT_FROM_BYTES: usize = 256 * 1024;

/// The JSON text, the schema version and the list limits: nothing heavy runs on a file that
/// fails these. A big file's papers are found in the text and parsed one by one later, so no
/// single parse of the whole text blocks the page.
fn parse(text: Arc<str>) -> Result<Box<Documents>, Vec<Issue>> {
    limits::check_bytes(text.len()).map_err(|i| vec![i])?;
    if text.trim().is_empty() {
        return Err(one("", "the file is empty".into()));
    }
    let split = if text.len() >= SPLIT_FROM_BYTES { super::split::split_documents(&text) } else { None };
    let Some(split) = split else { return whole(text) };
    let rest = split.rest(&text);
    let Ok(root) = serde_json::from_str::<Value>(&rest) else { return whole(text) };
    validate::check_version(&root).map_err(|i| vec![i])?;
    let over = limits::check_lists(&root, Some(split.items.len()));
    if !over.is_empty() {
        return Err(over);
    }
    let mut repeats = Ctx::default();
    super::repeated_keys::check(&rest, "", &mut repeats);
    let total = split.items.len();
    let items = Items::Spans { text: text.clone(), spans: split.items.into_iter() };
    Ok(Box::new(Documents { root, taken: true, items, index: 0, total, out: Vec::with_capacity(total), ok: true, cx: Ctx::default(), repeats, source: text }))
}

/// The whole text parsed at once: small files, and any file the splitter is unsure of.
fn whole(text: Arc<str>) -> Result<Box<Documents>, Vec<Issue>> {
    let mut root: Value = serde_json::from_str(&text).map_err(|e| vec![json_error(&e)])?;
    validate::check_version(&root).map_err(|i| vec![i])?;
    let mut repeats = Ctx::default();
    super::repeated_keys::check(&text, "", &mut repeats);
    let over = limits::check_lists(&root, None);
    if !over.is_empty() {
        return Err(over);
    }
    // Take the papers out only when they are a list: anything else is the reader's to report.
    let list = match root.get_mut("documents") {
        Some(Value::Array(items)) => Some(std::mem::take(items)),
        _ => None,
    };
    let taken = list.is_some();
    let items = list.unwrap_or_default();
    let total = items.len();
    Ok(Box::new(Documents { root, taken, items: Items::Values(items.into_iter()), index: 0, total, out: Vec::with_capacity(total), ok: true, cx: Ctx::default(), repeats, source: text }))
}

/// The rest of the file, read as a whole with the papers put back, then the whole-file checks.
fn finish(d: Documents) -> Result<Loaded, Vec<Issue>> {
    let Documents { root, taken, out, ok, cx: doc_cx, repeats, source, .. } = d;
    let mut cx = Ctx::default();
    let dataset = Dataset::from_json(&root, "", &mut cx);
    // A file that fails here is not checked further: its base year, if it is text but not a
    // year, is listed now, in field order, with the rest.
    if dataset.is_none() || (taken && !ok) {
        if let Some(Err(why)) = root.get("base_year").and_then(Value::as_str).map(validate::base_year_key) {
            validate::base_year_issue(&mut cx, why);
        }
    }
    drop(root);
    // The papers' issues go where reading `documents` in field order would have put them.
    let at = validate::before_fields(&cx.issues, AFTER_DOCUMENTS);
    cx.issues.splice(at..at, doc_cx.issues);
    // Repeated keys first: a figure read from one of them may be the cause of a later issue.
    // The papers' come after the rest, in the same order whether the file was split or not.
    let (in_papers, rest): (Vec<Issue>, Vec<Issue>) = repeats.issues.into_iter().partition(|i| i.path.starts_with("documents["));
    let unlisted = (repeats.repeats_unlisted > 0).then(|| Issue {
        path: String::new(),
        message: format!("{} more keys are each given more than once (the first {} are listed above)", repeats.repeats_unlisted, super::repeated_keys::LISTED),
    });
    cx.issues.splice(0..0, rest.into_iter().chain(in_papers).chain(unlisted));
    let dataset = match dataset {
        Some(mut ds) if taken && ok => {
            ds.documents = out;
            Some(ds)
        }
        Some(ds) if !taken => Some(ds),
        _ => None,
    };
    if dataset.is_some() && cx.issues.is_empty() {
        let over = limits::check_figures(&cx.figures);
        if !over.is_empty() {
            return Err(over);
        }
    }
    if let Some(ds) = &dataset {
        validate::check(ds, &mut cx);
    }
    match dataset {
        Some(dataset) if cx.issues.is_empty() => Ok(Loaded { dataset, figures: cx.figures, source }),
        _ => {
            if cx.issues.is_empty() {
                cx.issue("", "the file could not be read");
            }
            Err(cx.issues)
        }
    }
}
