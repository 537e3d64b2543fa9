//! What changed between two drawings of a chart, element by element, so the page can change just
//! those elements instead of parsing and building the whole SVG again (on the High needs page, the
//! in-view chart's redraw was about a third of a slider move's time, and half of the first moves').
//!
//! It reads only what `render` writes: an `<svg …>` tag, then a flat list of elements (plotters
//! draws no groups), each either self-closed or holding text. Anything else, another `<svg>` tag,
//! or mostly other elements, asks for the whole SVG afresh.

use std::borrow::Cow;

/// One element as written: its tag, its attributes (name, decoded value) and its text, read in
/// place from the drawing (a value is copied only to decode an entity in it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element<'a> {
    pub tag: &'a str,
    pub attrs: Vec<(&'a str, Cow<'a, str>)>,
    pub text: Option<Cow<'a, str>>,
}

/// One step of the walk from the old drawing's elements to the new one's, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<'a> {
    /// The old drawing's `old`-th element stays, with these attributes set (same names as
    /// before; only the values differ) and, when it differs, this text.
    Keep { old: usize, attrs: Vec<(&'a str, Cow<'a, str>)>, text: Option<Cow<'a, str>> },
    /// The old drawing's `old`-th element goes.
    Remove { old: usize },
    /// A new element goes in after the last element kept or put in (first, if none).
    Insert(Element<'a>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan<'a> {
    /// Draw the whole SVG afresh.
    Replace,
    /// Walk the old drawing's elements to the new ones.
    Edit(Vec<Step<'a>>),
}

/// How to go from the SVG `old` (already in the page) to `new`: the elements of the same shape
/// (tag, attribute names, text or not) are paired in order, as many as can be (a longest common
/// subsequence: a slider step that adds a label to an axis adds its text, tick and grid line, and
/// leaves the rest paired), and changed in place; the others are removed or put in.
pub fn plan<'a>(old: &str, new: &'a str) -> Plan<'a> {
    let (Some((old_head, a)), Some((new_head, b))) = (parse(old), parse(new)) else { return Plan::Replace };
    if old_head != new_head {
        return Plan::Replace;
    }
    // Each shape as a small number (a drawing has a dozen shapes), so pairing compares numbers.
    let mut shapes = vec![];
    let sa: Vec<usize> = a.iter().map(|e| shape_id(&mut shapes, e)).collect();
    let sb: Vec<usize> = b.iter().map(|e| shape_id(&mut shapes, e)).collect();
    let (n, m) = (a.len(), b.len());
    // The runs of the same shapes at the start and at the end pair as they stand (a step that
    // keeps every shape is all one run): only what lies between needs the table.
    let head = sa.iter().zip(&sb).take_while(|(x, y)| x == y).count();
    let tail = sa[head..].iter().rev().zip(sb[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (rn, rm) = (n - head - tail, m - head - tail);
    // A middle too large to pair quickly (a chart of hundreds of years): drawn afresh.
    if rn.saturating_mul(rm) > MAX_TABLE {
        return Plan::Replace;
    }
    // lcs[i * (rm + 1) + j]: the most pairs among the middle's a[i..] and b[j..].
    let (sa, sb) = (&sa[head..head + rn], &sb[head..head + rm]);
    let w = rm + 1;
    let mut lcs = vec![0u32; (rn + 1) * w];
    for i in (0..rn).rev() {
        for j in (0..rm).rev() {
            lcs[i * w + j] = if sa[i] == sb[j] { lcs[(i + 1) * w + j + 1] + 1 } else { lcs[(i + 1) * w + j].max(lcs[i * w + j + 1]) };
        }
    }
    // Mostly new elements: as quick to draw afresh, and simpler for the browser.
    if (head + tail + lcs[0] as usize) * 2 < n.max(m) {
        return Plan::Replace;
    }
    let keep = |i: usize, j: usize| {
        let attrs = a[i].attrs.iter().zip(&b[j].attrs).filter(|(x, y)| x.1 != y.1).map(|(_, y)| y.clone()).collect();
        let text = (a[i].text != b[j].text).then(|| b[j].text.clone().unwrap_or_default());
        Step::Keep { old: i, attrs, text }
    };
    let mut steps: Vec<Step> = (0..head).map(|k| keep(k, k)).collect();
    let (mut i, mut j) = (0, 0);
    while i < rn || j < rm {
        if i < rn && j < rm && sa[i] == sb[j] && lcs[i * w + j] == lcs[(i + 1) * w + j + 1] + 1 {
            steps.push(keep(head + i, head + j));
            (i, j) = (i + 1, j + 1);
        } else if i < rn && (j == rm || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
            steps.push(Step::Remove { old: head + i });
            i += 1;
        } else {
            steps.push(Step::Insert(b[head + j].clone()));
            j += 1;
        }
    }
    steps.extend((0..tail).map(|k| keep(head + rn + k, head + rm + k)));
    Plan::Edit(steps)
}

/// The most cells the pairing table may have (a few hundred elements changed on each side).
const MAX_TABLE: usize = 250_000;

/// The elements `render` writes; a tag the HTML parser would not keep inside an `<svg>` is not
/// one of them, so another tag is not read.
const TAGS: [&str; 9] = ["rect", "line", "polyline", "polygon", "circle", "path", "text", "title", "desc"];

/// A number for `e`'s shape (tag, attribute names, text or not), the same for the same shape.
fn shape_id<'a>(shapes: &mut Vec<(&'a str, Vec<&'a str>, bool)>, e: &Element<'a>) -> usize {
    let s = (e.tag, e.attrs.iter().map(|(n, _)| *n).collect::<Vec<_>>(), e.text.is_some());
    shapes.iter().position(|x| *x == s).unwrap_or_else(|| {
        shapes.push(s);
        shapes.len() - 1
    })
}

/// The elements `plan`'s steps leave, from `old`'s: what the page shows after an edit (the
/// tests' account of `ui::components::chart`'s edit of the DOM).
#[cfg(test)]
pub fn apply<'a>(old: &[Element<'a>], steps: &[Step<'a>]) -> Vec<Element<'a>> {
    let mut out = vec![];
    for step in steps {
        match step {
            Step::Keep { old: i, attrs, text } => {
                let mut e = old[*i].clone();
                for (name, value) in attrs {
                    if let Some(a) = e.attrs.iter_mut().find(|(n, _)| n == name) {
                        a.1 = value.clone();
                    }
                }
                if let Some(t) = text {
                    e.text = Some(t.clone());
                }
                out.push(e);
            }
            Step::Remove { .. } => {}
            Step::Insert(e) => out.push(e.clone()),
        }
    }
    out
}

/// The `<svg …>` tag and the elements inside it, or `None` if it is not what `render` writes.
pub fn parse(svg: &str) -> Option<(&str, Vec<Element<'_>>)> {
    let head_end = svg.strip_prefix("<svg")?.find('>')? + "<svg".len() + 1;
    let head = &svg[..head_end];
    let mut rest = svg[head_end..].strip_suffix("</svg>")?;
    let mut out = vec![];
    loop {
        rest = rest.trim_start_matches(['\n', ' ']);
        if rest.is_empty() {
            return Some((head, out));
        }
        let (element, after) = element(rest)?;
        out.push(element);
        rest = after;
    }
}

/// One element at the start of `s`, and what follows it.
fn element(s: &str) -> Option<(Element<'_>, &str)> {
    let s = s.strip_prefix('<')?;
    let name_end = s.bytes().position(|b| !b.is_ascii_alphanumeric())?;
    let tag = &s[..name_end];
    if !TAGS.contains(&tag) {
        return None;
    }
    let mut rest = &s[name_end..];
    let mut attrs = Vec::with_capacity(8);
    loop {
        rest = rest.trim_start_matches(' ');
        if let Some(after) = rest.strip_prefix("/>") {
            return Some((Element { tag, attrs, text: None }, after));
        }
        if let Some(after) = rest.strip_prefix('>') {
            // The text runs to the next tag, which must close this one.
            let end = after.find('<')?;
            let close = after[end..].strip_prefix("</")?.strip_prefix(tag)?.strip_prefix('>')?;
            return Some((Element { tag, attrs, text: Some(decode(&after[..end])?) }, close));
        }
        // A byte search, not `find("=\"")`: that sets up a substring search for each attribute,
        // a good part of a slider move's parse. An `=` without its quote fails as before.
        let eq = rest.bytes().position(|b| b == b'=')?;
        if rest.as_bytes().get(eq + 1) != Some(&b'"') {
            return None;
        }
        let name = &rest[..eq];
        // No `:`: a namespaced attribute (`xlink:href`) is not set by a plain name.
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return None;
        }
        let value_start = eq + 2;
        let value_end = rest[value_start..].find('"')? + value_start;
        attrs.push((name, decode(&rest[value_start..value_end])?));
        rest = &rest[value_end + 1..];
    }
}

/// Text or an attribute value as the browser reads it: the entities the chart's writers use
/// (`svg::escape` and plotters') decoded; any other `&` is not ours, so `None`.
fn decode(s: &str) -> Option<Cow<'_, str>> {
    // The HTML parser changes these (`\r` to `\n`, NUL to U+FFFD): not ours either.
    // One pass over the bytes (these are ASCII, so no character of the text can hide them).
    let mut amp = false;
    for &b in s.as_bytes() {
        match b {
            b'\r' | b'\0' => return None,
            b'&' => amp = true,
            _ => {}
        }
    }
    if !amp {
        return Some(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let (ch, len) = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&apos;", '\''), ("&#39;", '\'')]
            .iter()
            .find(|(e, _)| after.starts_with(e))
            .map(|(e, c)| (*c, e.len()))?;
        out.push(ch);
        rest = &after[len..];
    }
    out.push_str(rest);
    Some(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited<'a>(old: &str, new: &'a str) -> Option<Vec<Step<'a>>> {
        match plan(old, new) {
            Plan::Edit(steps) => {
                assert_eq!(apply(&parse(old).unwrap().1, &steps), parse(new).unwrap().1, "{old} -> {new}");
                Some(steps)
            }
            Plan::Replace => None,
        }
    }

    #[test]
    fn reads_the_elements_and_decodes_entities() {
        let svg = "<svg a=\"1\"><title id=\"t\">Deficit &amp; &quot;reserves&quot;</title>\n<line x1=\"1\" y1=\"2\"/>\n<text x=\"3\">\n&lt;£1m&apos;\n</text>\n</svg>";
        let (head, els) = parse(svg).unwrap();
        assert_eq!(head, "<svg a=\"1\">");
        assert_eq!(els.len(), 3);
        assert_eq!(els[0].text.as_deref(), Some("Deficit & \"reserves\""));
        assert_eq!(els[1].attrs, vec![("x1", Cow::from("1")), ("y1", Cow::from("2"))]);
        assert_eq!(els[2].text.as_deref(), Some("\n<£1m'\n"));
    }

    #[test]
    fn what_it_cannot_read_is_drawn_afresh() {
        let ok = "<svg><line x=\"1\"/></svg>";
        for bad in ["<g><line x=\"1\"/></g>", "<svg><g><line/></g></svg>", "<svg><br x=\"1\"/></svg>", "<svg><line xlink:href=\"1\"/></svg>", "<svg><text>a\rb</text></svg>", "<svg><line x=\"&nbsp;\"/></svg>", "<svg><line x=1/></svg>", "<svg><line x y=\"1\"/></svg>", "<svg><line x=\"a\0b\"/></svg>", "<svg><line x=\"1\" y=/></svg>", "<svg><text>a<tspan/></text></svg>", "<svg><line x=\"1\"/>"] {
            assert_eq!(plan(ok, bad), Plan::Replace, "{bad}");
            assert_eq!(plan(bad, ok), Plan::Replace, "{bad}");
        }
        // Another <svg> tag (its size, its labels) or mostly other elements.
        assert_eq!(plan(ok, "<svg viewBox=\"0\"><line x=\"1\"/></svg>"), Plan::Replace);
        assert_eq!(plan(ok, "<svg><rect x=\"1\"/><rect x=\"2\"/></svg>"), Plan::Replace);
    }

    #[test]
    fn only_what_differs_is_changed() {
        let old = "<svg><line x=\"1\" y=\"2\"/><text y=\"2\">a</text><circle r=\"3\"/></svg>";
        let new = "<svg><line x=\"1\" y=\"5\"/><text y=\"2\">b &amp; c</text><circle r=\"3\"/></svg>";
        assert_eq!(
            edited(old, new).unwrap(),
            vec![
                Step::Keep { old: 0, attrs: vec![("y", "5".into())], text: None },
                Step::Keep { old: 1, attrs: vec![], text: Some("b & c".into()) },
                Step::Keep { old: 2, attrs: vec![], text: None },
            ]
        );
        assert!(edited(new, new).unwrap().iter().all(|s| matches!(s, Step::Keep { attrs, text: None, .. } if attrs.is_empty())));
    }

    #[test]
    fn elements_of_another_shape_are_removed_or_put_in() {
        let old = "<svg><rect w=\"1\"/><line y=\"1\"/><line y=\"2\"/><text y=\"1\">£0m</text><text y=\"2\">£5m</text><polyline p=\"1\"/></svg>";
        // An axis label more: its grid line and text are put in, the rest is kept.
        let more = "<svg><rect w=\"1\"/><line y=\"1\"/><line y=\"2\"/><line y=\"3\"/><text y=\"1\">£0m</text><text y=\"2\">£5m</text><text y=\"3\">£10m</text><polyline p=\"2\"/></svg>";
        let steps = edited(old, more).unwrap();
        assert_eq!(steps.iter().filter(|s| matches!(s, Step::Insert(_))).count(), 2);
        assert_eq!(steps.iter().filter(|s| matches!(s, Step::Remove { .. })).count(), 0);
        // And back: they are removed.
        let steps = edited(more, old).unwrap();
        assert_eq!(steps.iter().filter(|s| matches!(s, Step::Remove { .. })).count(), 2);
        // A tag or an attribute name of its own is another shape.
        edited(old, "<svg><rect w=\"1\"/><line y=\"1\" dash=\"2\"/><line y=\"2\"/><text y=\"1\">£0m</text><text y=\"2\">£5m</text><polyline p=\"1\"/></svg>").unwrap();
    }

    #[test]
    fn a_long_drawing_pairs_its_unchanged_runs_without_a_table_and_a_huge_change_is_drawn_afresh() {
        let lines = |n: usize, y: &str| (0..n).map(|i| format!("<line x=\"{i}\" y=\"{y}\"/>")).collect::<String>();
        // 5,000 elements, every one with a new value: one run, paired as it stands.
        let (old, new) = (format!("<svg>{}</svg>", lines(5000, "1")), format!("<svg>{}</svg>", lines(5000, "2")));
        assert_eq!(edited(&old, &new).unwrap().len(), 5000);
        // 1,000 lines become 1,000 circles between a common start and end: too many to pair.
        let mid = |tag: &str| (0..1000).map(|i| format!("<{tag} r=\"{i}\"/>")).collect::<String>();
        let old = format!("<svg>{}{}{}</svg>", lines(600, "1"), mid("rect"), lines(600, "1"));
        let new = format!("<svg>{}{}{}</svg>", lines(600, "1"), mid("circle"), lines(600, "1"));
        assert_eq!(plan(&old, &new), Plan::Replace);
    }

    /// Charts drawn again at other scales (a slider's steps, small and large): every edit leaves
    /// exactly the new drawing, and a small step changes few elements and keeps the rest.
    #[test]
    fn a_chart_drawn_again_is_edited_into_the_new_drawing() {
        use crate::charts::{render, Chart, Marker, Point, Series, Style};
        let chart = |k: f64, title: &str| {
            let mut c = Chart::new("hn", title);
            c.description = "Lines & crosses".into();
            c.x_labels = (0..6).map(|i| format!("{}/{}", 2024 + i, 25 + i)).collect();
            c.series.push(Series { name: "deficit".into(), values: (0..6).map(|i| Some(13.7e6 * (1.0 + 0.3 * i as f64 * k))).collect(), style: Style::Line, colour: 0 });
            c.series.push(Series { name: "mitigated".into(), values: (0..6).map(|i| Some(12e6 * (1.0 + 0.2 * i as f64 * k))).collect(), style: Style::Dashed, colour: 1 });
            c.series.push(Series { name: "in-year".into(), values: (0..6).map(|i| Some(4e6 - 1e6 * i as f64 * k)).collect(), style: Style::Bars, colour: 2 });
            c.markers.push(Marker { x: 2.0, label: "Override ends".into() });
            c.points.push(Point { x: 1.0, y: 17.2e6, label: "£17.2m".into(), colour: 3 });
            c
        };
        let old = render(&chart(1.0, "Passes reserves in 2026/27"));
        let total = parse(&old).unwrap().1.len();
        let step = render(&chart(1.01, "Passes reserves in 2027/28"));
        let small = edited(&old, &step).expect("a small step is an edit");
        let changed = small.iter().filter(|s| !matches!(s, Step::Keep { attrs, text: None, .. } if attrs.is_empty())).count();
        assert!(changed > 0 && changed < total / 2, "{changed} of {total} elements change");
        let mut edits = 0;
        for k in (1..=60).map(|i| i as f64 * 0.05) {
            edits += edited(&old, &render(&chart(k, "x"))).is_some() as usize;
        }
        assert!(edits > 30, "most steps are edits ({edits} of 60)");
    }
}
