use super::palette::COLOURS;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How a series is drawn. Lines differ by dash as well as colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Style {
    Line,
    Dashed,
    Dotted,
    /// Bars, grouped side by side with other bar series.
    Bars,
    /// Bars stacked on the previous stacked series.
    Stacked,
    /// Floating bars from the previous value to this one (waterfall steps).
    Waterfall,
    /// A level to compare the series with (reserves, say): a thin dash-dot line without point
    /// markers, run to the frame's edges so it does not read as one more series.
    Level,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// One value per x label; `None` leaves a gap.
    pub values: Vec<Option<f64>>,
    pub style: Style,
    pub colour: usize,
}

/// A labelled point placed at a fractional x position (e.g. a published forecast at a date).
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub label: String,
    pub colour: usize,
}

/// A vertical marker between categories, e.g. the end of the statutory override.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub x: f64,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum YFormat {
    /// Pounds shown as £m.
    Millions,
    Count,
    Percent,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub description: String,
    pub x_labels: Vec<String>,
    pub series: Vec<Series>,
    pub points: Vec<Point>,
    pub markers: Vec<Marker>,
    /// Shaded bands, each the area between a lower and an upper series (e.g. a percentile
    /// range), drawn under the series in the upper series' colour, translucent, with its edges
    /// as thin lines. Gaps (`None` in either) split a band. Not in `ChartFigure`'s key: a page
    /// that uses bands draws its own key.
    pub bands: Vec<(Series, Series)>,
    pub y_format: YFormat,
    pub width: u32,
    pub height: u32,
    /// Bars across the chart, one row per label, the labels down the left (a tornado): every
    /// label is shown, however many, where labels under columns are thinned to fit. Only bar
    /// series are drawn this way.
    pub horizontal: bool,
    /// The x labels name categories (steps of a bridge), not a run of years: a narrow drawing
    /// writes every one, wrapped or turned upright, where it thins years to fit.
    pub categories: bool,
}

impl Chart {
    pub fn new(id: &str, title: &str) -> Chart {
        Chart {
            id: id.into(),
            title: title.into(),
            description: String::new(),
            x_labels: vec![],
            series: vec![],
            points: vec![],
            markers: vec![],
            bands: vec![],
            y_format: YFormat::Millions,
            width: 720,
            height: 340,
            horizontal: false,
            categories: false,
        }
    }
}

/// The places of £m an axis over `lo..hi` needs so that its ticks (about eight) differ: one
/// for most; two or three for a small council's, whose ticks read "£0.1m, £0.1m, £0.1m, £0m".
fn axis_places(lo: f64, hi: f64) -> usize {
    let step = (hi - lo).abs() / 1e6 / 8.0;
    if !(step.is_finite() && step > 0.0) {
        return 1;
    }
    (-step.log10()).ceil().clamp(1.0, 3.0) as usize
}

/// An axis value: £m to at most `dp` places, with no trailing zeros ("£0.15m", "£0.1m", "£2m").
fn fmt_axis(v: f64, f: YFormat, dp: usize) -> String {
    match f {
        YFormat::Millions => {
            let m = v / 1e6;
            let text = format!("{m:.dp$}");
            let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text };
            let text = if text == "-0" { "0".to_string() } else { text };
            let s = crate::units::money::group_number(&text);
            if s.starts_with('-') { format!("−£{}m", s.trim_start_matches('-')) } else { format!("£{s}m") }
        }
        YFormat::Count => format!("{v:.0}"),
        YFormat::Percent => format!("{v:.0}%"),
    }
}

fn y_range(c: &Chart) -> (f64, f64) {
    let mut lo: f64 = 0.0;
    let mut hi: f64 = 0.0;
    let n = c.x_labels.len();
    let mut stack_pos = vec![0.0; n];
    let mut stack_neg = vec![0.0; n];
    for s in &c.series {
        for (i, v) in s.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let v = if s.style == Style::Stacked && i < n {
                if *v >= 0.0 { stack_pos[i] += v; stack_pos[i] } else { stack_neg[i] += v; stack_neg[i] }
            } else {
                *v
            };
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    for (low, high) in &c.bands {
        for v in low.values.iter().chain(&high.values).flatten() {
            lo = lo.min(*v);
            hi = hi.max(*v);
        }
    }
    for p in &c.points {
        lo = lo.min(p.y);
        hi = hi.max(p.y);
    }
    // Chances run to 100%: a council whose chances were all near nil read "0% 0% 0% 1% 1% 1%".
    if c.y_format == YFormat::Percent {
        hi = hi.max(100.0);
    }
    // Nothing to show (every value nil): an axis of one unit of its own format, so its ticks
    // read £0m to £1m, not "£0m" six times over pennies.
    if (hi - lo).abs() < 1e-9 {
        hi = lo + if c.y_format == YFormat::Millions { 1e6 } else { 1.0 };
    }
    let pad = (hi - lo) * 0.08;
    (if lo < 0.0 { lo - pad } else { lo }, hi + pad)
}

fn rgb(i: usize) -> RGBColor {
    let (r, g, b) = COLOURS[i % COLOURS.len()];
    RGBColor(r, g, b)
}

/// Draws the chart at its own size. Never panics: a drawing error gives an empty SVG with the
/// title, so the page still has the summary and table.
pub fn render(c: &Chart) -> String {
    render_in(c, &Frame::wide(c))
}

/// Draws the chart for a narrow column (a phone): [`NARROW_WIDTH`] units wide in larger type,
/// so its text is about as big as the page's small print where the chart's own drawing, scaled
/// down to a 320px screen, wrote 4px letters. Its ids differ from [`render`]'s, so a page may hold
/// both (the page shows the one that suits the column's width).
pub fn render_narrow(c: &Chart) -> String {
    render_in(c, &Frame::narrow(c))
}

/// The narrow drawing's width in SVG units.
pub const NARROW_WIDTH: u32 = 340;

/// The screens the narrow drawing is for: the page's stylesheet shows it, and the app draws it,
/// where this media query matches (one column, a chart's box under 520px).
pub const NARROW_MEDIA: &str = "(max-width: 36rem)";

/// The size a chart is drawn at, and how its labels are written.
struct Frame {
    width: u32,
    height: u32,
    font: u32,
    /// Narrow: x labels thinned by their measured width, categories wrapped or upright.
    narrow: bool,
    /// Categories that do not fit across their slot, even a word to a line: written upright.
    upright: bool,
    /// Categories that fit, each in the lines it is written in (worked out once, with the
    /// height they take); empty otherwise (a year is one line).
    wrapped: Vec<Vec<String>>,
    /// The x label area's height.
    x_area: u32,
}

const NARROW_FONT: u32 = 17;
/// What a row of bars across takes in the narrow drawing: its label's line, then the bars.
const NARROW_ROW: u32 = 46;

impl Frame {
    fn wide(c: &Chart) -> Frame {
        Frame { width: c.width, height: c.height, font: 14, narrow: false, upright: false, wrapped: vec![], x_area: 34 }
    }

    fn narrow(c: &Chart) -> Frame {
        let font = NARROW_FONT;
        let base = Frame { width: NARROW_WIDTH, height: c.height * 9 / 10, font, narrow: true, upright: false, wrapped: vec![], x_area: 34 + 4 };
        if c.horizontal {
            return Frame { height: 16 + 40 + NARROW_ROW * c.x_labels.len().max(1) as u32, ..base };
        }
        if !c.categories {
            return base;
        }
        match wrapped(c, &base) {
            Some(lines) => {
                let most = lines.iter().map(Vec::len).max().unwrap_or(1) as u32;
                let x_area = 12 + most * line_height(font);
                Frame { x_area, height: base.height.saturating_sub(base.x_area) + x_area, wrapped: lines, ..base }
            }
            None => {
                let longest = c.x_labels.iter().map(|l| super::backend::estimate(l, text_size(font)).0).max().unwrap_or(0);
                let x_area = 18 + longest;
                Frame { upright: true, x_area, height: base.height.saturating_sub(base.x_area) + x_area, ..base }
            }
        }
    }

    fn y_area(&self) -> u32 {
        if self.narrow { 72 } else { 64 }
    }

    /// The plotting area's width (the margins and y label area taken off).
    fn plot_width(&self) -> u32 {
        self.width.saturating_sub(16 + 8 + self.y_area())
    }
}

/// The size plotters writes text at, for a font of `size` (its SVG backend divides by 1.24).
fn text_size(size: u32) -> f64 {
    size as f64 / 1.24
}

fn line_height(font: u32) -> u32 {
    (text_size(font) * 1.3).ceil() as u32
}

/// Each category's label in lines that fit its slot, or `None` if a word alone does not fit.
fn wrapped(c: &Chart, f: &Frame) -> Option<Vec<Vec<String>>> {
    let slot = f.plot_width() as f64 / c.x_labels.len().max(1) as f64 - 4.0;
    let size = text_size(f.font);
    let fits = |s: &str| (super::backend::estimate(s, size).0 as f64) <= slot;
    c.x_labels.iter().map(|label| label.split_whitespace().all(fits).then(|| wrap(label, slot, size))).collect()
}

/// `text` in lines of at most `width` units at `size`, broken between words (a word longer than
/// that has a line of its own).
fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let fits = |s: &str| (super::backend::estimate(s, size).0 as f64) <= width;
    let mut lines: Vec<String> = vec![];
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if fits(&format!("{line} {word}")) => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn render_in(c: &Chart, f: &Frame) -> String {
    let mut body = String::new();
    let ok = draw(c, f, &mut body).is_ok();
    if !ok {
        body.clear();
    }
    finish(c, f, body)
}

fn draw(c: &Chart, f: &Frame, buf: &mut String) -> Result<(), Box<dyn std::error::Error>> {
    if c.horizontal {
        return draw_across(c, f, buf);
    }
    let n = c.x_labels.len().max(1);
    let (lo, hi) = y_range(c);
    let root = super::backend::Svg(SVGBackend::with_string(buf, (f.width, f.height))).into_drawing_area();
    root.fill(&WHITE)?;
    let font = ("sans-serif", f.font).into_font();
    let mut chart = ChartBuilder::on(&root)
        .margin_top(16)
        .margin_right(16)
        .margin_left(8)
        .x_label_area_size(f.x_area)
        .y_label_area_size(f.y_area())
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), lo..hi)?;
    // A narrow drawing writes its own x labels (below): plotters' positions need not fall on
    // the years kept, and categories are each written, wrapped or upright.
    let labels = if f.narrow { vec![] } else { c.x_labels.clone() };
    let every = if f.narrow {
        // As many labels as fit across, each with a gap of two letters.
        let widest = c.x_labels.iter().map(|l| super::backend::estimate(l, text_size(f.font)).0).max().unwrap_or(1) as f64;
        let fit = (f.plot_width() as f64 / (widest + 2.0 * text_size(f.font))).floor().max(1.0);
        (n as f64 / fit).ceil().max(1.0) as usize
    } else {
        (n as f64 / 8.0).ceil().max(1.0) as usize
    };
    let yf = c.y_format;
    let dp = axis_places(lo, hi);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(0xDD, 0xDD, 0xDD))
        .x_labels(if f.narrow { n } else { n.min(16) })
        .x_label_formatter(&move |x| {
            let i = x.round();
            if (x - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            let i = i as usize;
            if i % every == 0 { labels.get(i).cloned().unwrap_or_default() } else { String::new() }
        })
        // Up to 8: with 6, plotters' steps (1, 2, 5) left a range of £80m to -£40m with labels
        // at £0m and £50m alone, nothing for the part below zero.
        .y_labels(8)
        .y_label_formatter(&move |y| fmt_axis(*y, yf, dp))
        .label_style(font.clone().color(&RGBColor(0x33, 0x33, 0x33)))
        .axis_style(RGBColor(0x66, 0x66, 0x66))
        .draw()?;
    if f.narrow {
        let ink = RGBColor(0x33, 0x33, 0x33);
        // Upright categories are a line of text apart: where slots are narrower than that (some
        // twenty categories), every second (or third) is written, as years are.
        let slot = f.plot_width() as f64 / n as f64;
        let upright_every = if f.upright { (line_height(f.font) as f64 / slot).ceil().max(1.0) as usize } else { 1 };
        let keep = |i: usize| i.is_multiple_of(if c.categories { upright_every } else { every });
        for (i, label) in c.x_labels.iter().enumerate().filter(|(i, _)| keep(*i)) {
            let (x, y) = chart.backend_coord(&(i as f64, lo));
            if f.upright {
                // Turned to read upwards, ending just below the axis.
                let style = font.clone().transform(FontTransform::Rotate270).color(&ink).pos(Pos::new(HPos::Right, VPos::Center));
                root.draw(&Text::new(label.clone(), (x, y + 10), style))?;
                continue;
            }
            let style = font.clone().color(&ink).pos(Pos::new(HPos::Center, VPos::Top));
            let lines = f.wrapped.get(i).map(Vec::as_slice).unwrap_or(std::slice::from_ref(label));
            for (k, line) in lines.iter().enumerate() {
                root.draw(&Text::new(line.clone(), (x, y + 8 + (k as u32 * line_height(f.font)) as i32), style.clone()))?;
            }
        }
    }

    // Zero line when the range crosses zero.
    if lo < 0.0 {
        chart.draw_series(LineSeries::new([(-0.5, 0.0), (n as f64 - 0.5, 0.0)], RGBColor(0x66, 0x66, 0x66).stroke_width(1)))?;
    }

    for (low, high) in &c.bands {
        let colour = rgb(high.colour);
        for run in band_runs(low, high) {
            let mut outline: Vec<(f64, f64)> = run.iter().map(|&(x, _, h)| (x, h)).collect();
            outline.extend(run.iter().rev().map(|&(x, l, _)| (x, l)));
            chart.draw_series(std::iter::once(Polygon::new(outline, colour.mix(BAND_OPACITY).filled())))?;
            for edge in [run.iter().map(|&(x, l, _)| (x, l)).collect::<Vec<_>>(), run.iter().map(|&(x, _, h)| (x, h)).collect()] {
                chart.draw_series(LineSeries::new(edge, colour.stroke_width(1)))?;
            }
        }
    }

    let bar_series: Vec<&Series> = c.series.iter().filter(|s| s.style == Style::Bars).collect();
    let groups = bar_series.len().max(1) as f64;
    let mut stack_pos = vec![0.0; n];
    let mut stack_neg = vec![0.0; n];
    for s in &c.series {
        let colour = rgb(s.colour);
        match s.style {
            Style::Line | Style::Dashed | Style::Dotted => {
                let pts: Vec<(f64, f64)> = s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i as f64, v))).collect();
                let width = if s.style == Style::Line { 3 } else { 2 };
                match s.style {
                    Style::Line => {
                        chart.draw_series(LineSeries::new(pts.clone(), colour.stroke_width(width)))?;
                        chart.draw_series(pts.iter().map(|p| Circle::new(*p, 3, colour.filled())))?;
                    }
                    _ => {
                        let tag = if s.style == Style::Dashed { DASHED } else { DOTTED };
                        chart.draw_series(LineSeries::new(pts.clone(), colour.mix(tag.0).stroke_width(width)))?;
                        chart.draw_series(pts.iter().map(|p| TriangleMarker::new(*p, 4, colour.filled())))?;
                    }
                }
            }
            Style::Bars => {
                let k = bar_series.iter().position(|b| std::ptr::eq(*b, s)).unwrap_or(0) as f64;
                let w = 0.7 / groups;
                chart.draw_series(s.values.iter().enumerate().filter_map(|(i, v)| {
                    let v = (*v)?;
                    let x0 = i as f64 - 0.35 + k * w;
                    Some(Rectangle::new([(x0, 0.0), (x0 + w * 0.92, v)], colour.filled()))
                }))?;
            }
            Style::Stacked => {
                let mut rects = vec![];
                for (i, v) in s.values.iter().enumerate() {
                    let Some(v) = *v else { continue };
                    if i >= n {
                        break;
                    }
                    let base = if v >= 0.0 { &mut stack_pos[i] } else { &mut stack_neg[i] };
                    rects.push(Rectangle::new([(i as f64 - 0.35, *base), (i as f64 + 0.35, *base + v)], colour.filled()));
                    *base += v;
                }
                chart.draw_series(rects)?;
            }
            Style::Level => {
                let mut pts: Vec<(f64, f64)> = s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i as f64, v))).collect();
                if let (Some(&(_, first)), Some(&(_, last))) = (pts.first(), pts.last()) {
                    pts.insert(0, (-0.5, first));
                    pts.push((n as f64 - 0.5, last));
                }
                chart.draw_series(LineSeries::new(pts, colour.mix(DASH_DOT.0).stroke_width(2)))?;
            }
            Style::Waterfall => {
                let rects = waterfall_steps(s).into_iter().enumerate().filter_map(|(i, step)| {
                    let (a, b, col) = step?;
                    Some(Rectangle::new([(i as f64 - 0.35, a), (i as f64 + 0.35, b)], rgb(col).filled()))
                });
                chart.draw_series(rects)?;
            }
        }
    }

    let (left, right) = (chart.backend_coord(&(-0.5, hi)).0, chart.backend_coord(&(n as f64 - 0.5, hi)).0);
    for m in &c.markers {
        let grey = RGBColor(0x50, 0x50, 0x50);
        chart.draw_series(LineSeries::new([(m.x, lo), (m.x, hi)], grey.mix(MARKER_DASH.0).stroke_width(2)))?;
        if !f.narrow {
            let style = ("sans-serif", 13).into_font().color(&grey).pos(Pos::new(HPos::Left, VPos::Top));
            chart.draw_series(std::iter::once(Text::new(m.label.clone(), (m.x + 0.05, hi - (hi - lo) * 0.02), style)))?;
            continue;
        }
        // Narrow: on the side of the line with more room, in as many lines as that takes.
        let (at, top) = chart.backend_coord(&(m.x, hi));
        let (room_right, room_left) = (right - at - 6, at - left - 6);
        let (h, dx, room) = if room_right >= room_left { (HPos::Left, 4, room_right) } else { (HPos::Right, -4, room_left) };
        let style = ("sans-serif", f.font).into_font().color(&grey).pos(Pos::new(h, VPos::Top));
        for (k, line) in wrap(&m.label, room.max(1) as f64, text_size(f.font)).into_iter().enumerate() {
            root.draw(&Text::new(line, (at + dx, top + 4 + (k as u32 * line_height(f.font)) as i32), style.clone()))?;
        }
    }
    // Two published forecasts for the same year a few £m apart drew one blot: markers that would
    // touch are set side by side, about their year.
    let at: Vec<(i32, i32)> = c.points.iter().map(|p| chart.backend_coord(&(p.x, p.y))).collect();
    for (p, dx) in c.points.iter().zip(side_by_side(&at, 2 * POINT_RADIUS + 2, (left, right))) {
        let colour = rgb(p.colour);
        chart.draw_series(std::iter::once(EmptyElement::at((p.x, p.y)) + Cross::new((dx, 0), 6, colour.stroke_width(3)) + Circle::new((dx, 0), POINT_RADIUS, colour.stroke_width(2))))?;
    }
    root.present()?;
    Ok(())
}

/// A published forecast's ring, in pixels.
const POINT_RADIUS: i32 = 7;

/// Horizontal offsets, in pixels, that set apart markers drawn at `at` (pixel positions) which
/// would otherwise be nearer than `gap`: each run of such markers at one x is spread evenly
/// either side of it, in order of height, and the run kept clear of the frame's edges `within`
/// (a narrow chart's first year is nearer its axis than half a run; a lone marker that the edge
/// would cut moves too). Markers with room are not moved.
pub(crate) fn side_by_side(at: &[(i32, i32)], gap: i32, within: (i32, i32)) -> Vec<i32> {
    let mut order: Vec<usize> = (0..at.len()).collect();
    crate::sorting::sort_by_key(&mut order, |&i| (at[i].0, at[i].1));
    let mut dx = vec![0; at.len()];
    let mut k = 0;
    while k < order.len() {
        // A run: same x, each within `gap` of the one before.
        let mut end = k + 1;
        while end < order.len() && at[order[end]].0 == at[order[k]].0 && at[order[end]].1 - at[order[end - 1]].1 < gap {
            end += 1;
        }
        let n = (end - k) as i32;
        let x = at[order[k]].0;
        let half = (n - 1) * gap / 2;
        // Whole markers inside the frame where it is wide enough for the run; else about the year.
        let (first, last) = (within.0 + gap / 2 + 1, within.1 - gap / 2 - 1);
        let shift = if last - first < 2 * half { 0 } else { (first - (x - half)).max(0) + (last - (x + half)).min(0) };
        for (j, &i) in order[k..end].iter().enumerate() {
            dx[i] = (2 * j as i32 - (n - 1)) * gap / 2 + shift;
        }
        k = end;
    }
    dx
}

/// Bars across: the value on the horizontal axis, a row per label from the top, each label
/// written at its row: to its left, or in a narrow drawing on a line of its own above its bars.
fn draw_across(c: &Chart, f: &Frame, buf: &mut String) -> Result<(), Box<dyn std::error::Error>> {
    let n = c.x_labels.len().max(1);
    let (lo, hi) = y_range(c);
    let root = super::backend::Svg(SVGBackend::with_string(buf, (f.width, f.height))).into_drawing_area();
    root.fill(&WHITE)?;
    let font = ("sans-serif", f.font).into_font();
    let ink = RGBColor(0x33, 0x33, 0x33);
    // Row i is drawn at y = n - 1 - i, so the first label is at the top.
    let row = move |i: usize| (n - 1 - i) as f64;
    let label_width = c.x_labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as u32 * 8 + 12;
    let mut chart = ChartBuilder::on(&root)
        .margin_top(16)
        .margin_right(24)
        .margin_left(if f.narrow { 16 } else { 8 })
        .x_label_area_size(f.x_area)
        .y_label_area_size(if f.narrow { 0 } else { label_width.min(f.width / 3).max(40) })
        .build_cartesian_2d(lo..hi, -0.5f64..(n as f64 - 0.5))?;
    let labels = if f.narrow { vec![] } else { c.x_labels.clone() };
    let yf = c.y_format;
    let dp = axis_places(lo, hi);
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(0xDD, 0xDD, 0xDD))
        .x_labels(if f.narrow { 4 } else { 6 })
        .x_label_formatter(&move |x| fmt_axis(*x, yf, dp))
        // Twice as many ticks as rows, so every whole-number row gets one; half-rows say nothing.
        .y_labels(if f.narrow { 0 } else { 2 * n + 1 })
        .y_label_formatter(&move |y| {
            let r = y.round();
            if (y - r).abs() > 1e-6 || r < 0.0 || r as usize >= n {
                return String::new();
            }
            labels.get(n - 1 - r as usize).cloned().unwrap_or_default()
        })
        .label_style(font.clone().color(&ink))
        .axis_style(RGBColor(0x66, 0x66, 0x66))
        .draw()?;
    if lo < 0.0 {
        chart.draw_series(LineSeries::new([(0.0, -0.5), (0.0, n as f64 - 0.5)], RGBColor(0x66, 0x66, 0x66).stroke_width(1)))?;
    }
    // A narrow row: its label in the top part, its bars below.
    let (band, top) = if f.narrow { (0.5, 0.05) } else { (0.7, 0.35) };
    if f.narrow {
        let style = font.clone().color(&ink).pos(Pos::new(HPos::Left, VPos::Top));
        for (i, label) in c.x_labels.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(lo, row(i) + 0.5));
            root.draw(&Text::new(label.clone(), (x, y + 4), style.clone()))?;
        }
    }
    let bars: Vec<&Series> = c.series.iter().filter(|s| s.style == Style::Bars).collect();
    let w = band / bars.len().max(1) as f64;
    for (k, s) in bars.iter().enumerate() {
        let colour = rgb(s.colour);
        chart.draw_series(s.values.iter().enumerate().take(n).filter_map(|(i, v)| {
            let v = (*v)?;
            let y0 = row(i) + top - (k + 1) as f64 * w;
            Some(Rectangle::new([(0.0, y0), (v, y0 + w * 0.92)], colour.filled()))
        }))?;
    }
    root.present()?;
    Ok(())
}

/// The colours a waterfall's rises and falls are drawn in (the totals are in the series' own).
pub const WATERFALL_RISE: usize = 2;
pub const WATERFALL_FALL: usize = 1;

/// A waterfall's bars: for each value, (from, to, colour). Values are the running totals after
/// each step; a step's bar floats from the previous total. The first and last are totals, from
/// zero. The chart's key names the colours from the same steps.
pub fn waterfall_steps(s: &Series) -> Vec<Option<(f64, f64, usize)>> {
    let mut prev_total = 0.0;
    s.values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let v = (*v)?;
            let is_total = i == 0 || i + 1 == s.values.len();
            let step = if is_total {
                (0.0, v, s.colour)
            } else {
                (prev_total, v, if v >= prev_total { WATERFALL_RISE } else { WATERFALL_FALL })
            };
            prev_total = v;
            Some(step)
        })
        .collect()
}

/// Fill opacity of a band; overlapping bands (a 25–75 inside a 10–90) come out darker.
const BAND_OPACITY: f64 = 0.22;

/// The stretches of x where both edges of a band have values: (x, low, high) per point.
fn band_runs(low: &Series, high: &Series) -> Vec<Vec<(f64, f64, f64)>> {
    let mut runs = vec![];
    let mut run = vec![];
    for (i, pair) in low.values.iter().zip(&high.values).enumerate() {
        match pair {
            (Some(l), Some(h)) => run.push((i as f64, l.min(*h), l.max(*h))),
            _ if !run.is_empty() => runs.push(std::mem::take(&mut run)),
            _ => {}
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Makes the SVG scale to its container and gives it an accessible name and description.
/// Dashed lines are drawn as one polyline with `stroke-dasharray`, not as one polyline per dash
/// (plotters' DashedLineSeries), which made charts ten times larger and slow to repaint. plotters
/// has no dash attribute, so the line is tagged by an opacity no other element uses and the tag
/// is rewritten into a dash pattern when the SVG is finished.
const DASHED: (f64, &str) = (0.997, "10 6");
const DOTTED: (f64, &str) = (0.998, "2 5");
const MARKER_DASH: (f64, &str) = (0.996, "6 4");
const DASH_DOT: (f64, &str) = (0.995, "12 4 2 4");

fn dashes(svg: String) -> String {
    let mut svg = svg;
    for (alpha, pattern) in [DASHED, DOTTED, MARKER_DASH, DASH_DOT] {
        let tag = format!(r#"opacity="{alpha}""#);
        if svg.contains(&tag) {
            svg = svg.replace(&tag, &format!(r#"opacity="1" stroke-dasharray="{pattern}""#));
        }
    }
    svg
}

fn finish(c: &Chart, f: &Frame, body: String) -> String {
    let body = dashes(body);
    // The narrow drawing's ids differ, so both drawings can be on one page.
    let id = format!("{}{}", escape(&c.id), if f.narrow { "-n" } else { "" });
    let head = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{t}</title><desc id="{id}-d">{d}</desc>"#,
        w = f.width,
        h = f.height,
        t = escape(&c.title),
        d = escape(&c.description),
    );
    // Drop plotters' own <svg ...> opening tag and keep its contents.
    let inner = match (body.find("<svg"), body.rfind("</svg>")) {
        (Some(start), Some(end)) => match body[start..].find('>') {
            Some(gt) if start + gt + 1 <= end => body[start + gt + 1..end].to_string(),
            _ => String::new(),
        },
        _ => String::new(),
    };
    format!("{head}{inner}</svg>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_that_falls_below_zero_has_a_scale_below_zero() {
        // Compare's reserves left: from £80m to -£40m had labels at £0m and £50m only.
        let mut c = Chart::new("t", "T");
        c.x_labels = (0..6).map(|i| format!("{}/{}", 2024 + i, 25 + i)).collect();
        c.series.push(Series { name: "Left".into(), values: [80e6, 79e6, 31e6, 10e6, -15e6, -40e6].into_iter().map(Some).collect(), style: Style::Line, colour: 0 });
        for svg in [render(&c), render_narrow(&c)] {
            let labels: Vec<&str> = svg.split("</text>").filter_map(|t| t.rsplit('>').next()).map(str::trim).filter(|t| t.contains('£')).collect();
            assert!(labels.iter().any(|t| t.starts_with('-') || t.starts_with('−')), "{labels:?}");
            assert!(labels.len() >= 4, "{labels:?}");
        }
    }

    #[test]
    fn a_chart_of_chances_runs_to_100_percent() {
        let mut c = Chart::new("t", "T");
        c.x_labels = vec!["2025/26".into(), "2026/27".into()];
        c.y_format = YFormat::Percent;
        c.series.push(Series { name: "Chance".into(), values: vec![Some(0.2), Some(1.4)], style: Style::Bars, colour: 0 });
        let (lo, hi) = y_range(&c);
        assert!(lo <= 0.0 && hi >= 100.0, "{lo}..{hi}");
        let svg = render(&c);
        let ticks: Vec<&str> = svg.split("<text").skip(1).filter_map(|t| t.split('>').nth(1)).filter_map(|t| t.split('<').next()).map(str::trim).filter(|t| t.ends_with('%')).collect();
        let distinct: std::collections::BTreeSet<&&str> = ticks.iter().collect();
        assert!(ticks.len() >= 3 && distinct.len() == ticks.len() && ticks.contains(&"100%"), "{ticks:?}");
    }

    #[test]
    fn markers_that_would_touch_are_set_side_by_side() {
        // Two forecasts for one year 5px apart, a third far above, one in another year.
        let at = [(100, 300), (100, 305), (100, 40), (160, 302)];
        let wide = (0, 1000);
        assert_eq!(side_by_side(&at, 16, wide), vec![-8, 8, 0, 0]);
        // Three in a run (each near the one before) spread about the year, in order of height.
        assert_eq!(side_by_side(&[(50, 10), (50, 30), (50, 20)], 16, wide), vec![-16, 16, 0]);
        assert_eq!(side_by_side(&[], 16, wide), Vec::<i32>::new());
        // Near the frame's left edge (a narrow chart's first year), the run moves right until its
        // leftmost ring is whole and a pixel clear of the axis (49 = 40 + 8 + 1); near the right
        // edge, left; in a frame too narrow for the run, it stays about its year.
        assert_eq!(side_by_side(&[(50, 10), (50, 30), (50, 20)], 16, (40, 300)), vec![-16 + 15, 16 + 15, 15]);
        assert_eq!(side_by_side(&[(290, 10), (290, 20)], 16, (40, 300)), vec![-8 - 7, 8 - 7]);
        assert_eq!(side_by_side(&[(50, 10), (50, 30), (50, 20)], 16, (40, 60)), vec![-16, 16, 0]);
        // Drawn: the two near forecasts' rings are 16px apart, not one on the other.
        let mut c = Chart::new("t", "T");
        c.x_labels = vec!["2024/25".into(), "2025/26".into()];
        c.series.push(Series { name: "Deficit".into(), values: vec![Some(17.2e6), Some(270e6)], style: Style::Line, colour: 0 });
        c.points.push(Point { x: 0.0, y: 13.7e6, label: "November 2024 forecast".into(), colour: 2 });
        c.points.push(Point { x: 0.0, y: 17.2e6, label: "March 2025 forecast".into(), colour: 2 });
        let svg = render(&c);
        let rings: Vec<f64> = svg.split("<circle").skip(1).filter(|e| e.contains("r=\"7\"")).map(|e| {
            let cx = e.split("cx=\"").nth(1).unwrap();
            cx[..cx.find('"').unwrap()].parse().unwrap()
        }).collect();
        assert_eq!(rings.len(), 2, "{svg}");
        assert_eq!((rings[1] - rings[0]).abs(), 16.0, "{rings:?}");
    }

    #[test]
    fn bars_across_name_every_row_where_columns_thin_their_labels() {
        let labels: Vec<String> = (0..20).map(|i| format!("Input {i}")).collect();
        let mut c = Chart::new("t", "T");
        c.x_labels = labels.clone();
        c.series.push(Series { name: "low".into(), values: (0..20).map(|i| Some(-1e6 * i as f64)).collect(), style: Style::Bars, colour: 1 });
        c.series.push(Series { name: "high".into(), values: (0..20).map(|i| Some(2e6 * i as f64)).collect(), style: Style::Bars, colour: 0 });
        let shown = |c: &Chart| {
            let svg = render(c);
            labels.iter().filter(|l| svg.contains(&format!(">{l}<")) || svg.contains(&format!(">\n{l}\n<"))).count()
        };
        assert!(shown(&c) < 20, "columns thin 20 labels to fit");
        c.horizontal = true;
        c.height = 70 + 30 * 20;
        assert_eq!(shown(&c), 20);
        // The background, and a bar for each row of each series (of no width where it is zero).
        assert_eq!(render(&c).matches("<rect").count(), 1 + 20 * 2);
    }

    fn sample() -> Chart {
        let mut c = Chart::new("t", "Deficit & reserves");
        c.description = "A test <chart>".into();
        c.x_labels = vec!["2024/25".into(), "2025/26".into(), "2026/27".into()];
        c.series.push(Series { name: "deficit".into(), values: vec![Some(13.7e6), Some(20e6), None], style: Style::Line, colour: 0 });
        c.series.push(Series { name: "in-year".into(), values: vec![Some(7.6e6), Some(-1e6), Some(3e6)], style: Style::Bars, colour: 1 });
        c.markers.push(Marker { x: 1.0, label: "Override ends".into() });
        c.points.push(Point { x: 0.0, y: 17.2e6, label: "£17.2m".into(), colour: 2 });
        c
    }

    #[test]
    fn svg_has_accessible_name_and_scales() {
        let svg = render(&sample());
        assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
        assert!(svg.contains(r#"<title id="t-t">Deficit &amp; reserves</title>"#));
        assert!(svg.contains("A test &lt;chart&gt;"));
        assert!(svg.contains(r#"viewBox="0 0 720 340""#));
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("2025/26"), "x labels drawn");
        assert!(svg.contains("£20m"), "y axis in £m");
        assert!(svg.contains("Override ends"));
    }

    #[test]
    fn a_level_is_one_dash_dot_line_across_the_frame_without_point_markers() {
        let mut c = Chart::new("lvl", "Level");
        c.x_labels = vec!["2024/25".into(), "2025/26".into(), "2026/27".into()];
        c.series.push(Series { name: "reserves".into(), values: vec![Some(82.8e6); 3], style: Style::Level, colour: 4 });
        let svg = render(&c);
        assert_eq!(svg.matches(r#"stroke-dasharray="12 4 2 4""#).count(), 1, "{svg}");
        assert_eq!(svg.matches("<circle").count() + svg.matches("<polygon").count(), 0, "no markers");
        // It runs from the frame's left edge to its right: five points, the first and last at
        // the half-category margins either side of the first and last year.
        let line = svg.split("<polyline").find(|p| p.contains("12 4 2 4")).unwrap();
        let pts: Vec<(i32, i32)> = line.split("points=\"").nth(1).unwrap().split('"').next().unwrap().split(' ').filter(|p| !p.is_empty()).map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        }).collect();
        assert_eq!(pts.len(), 5, "{pts:?}");
        assert!(pts.iter().all(|p| p.1 == pts[0].1), "level: {pts:?}");
        let step = pts[2].0 - pts[1].0;
        assert!((pts[1].0 - pts[0].0 - step / 2).abs() <= 1 && (pts[4].0 - pts[3].0 - step / 2).abs() <= 1, "{pts:?}");
    }

    #[test]
    fn dashed_lines_are_single_polylines_with_a_dash_pattern() {
        let mut c = sample();
        c.series.push(Series { name: "reserves".into(), values: vec![Some(9.6e6); 3], style: Style::Dotted, colour: 3 });
        c.series.push(Series { name: "plan".into(), values: vec![Some(1e6), Some(2e6), Some(3e6)], style: Style::Dashed, colour: 1 });
        let svg = render(&c);
        assert_eq!(svg.matches(r#"stroke-dasharray="2 5""#).count(), 1, "one dotted polyline");
        assert_eq!(svg.matches(r#"stroke-dasharray="10 6""#).count(), 1, "one dashed polyline");
        assert_eq!(svg.matches(r#"stroke-dasharray="6 4""#).count(), 1, "one marker line");
        assert!(!svg.contains("0.99"), "no tag opacity left behind");
        assert!(svg.matches("<polyline").count() < 20, "{} polylines", svg.matches("<polyline").count());
    }

    #[test]
    fn empty_chart_does_not_panic() {
        let c = Chart::new("e", "Empty");
        let svg = render(&c);
        assert!(svg.contains("<title"));
    }

    #[test]
    fn bands_are_shaded_between_their_edges_and_widen_the_axis() {
        let mut c = Chart::new("b", "Fan");
        c.x_labels = vec!["2024/25".into(), "2025/26".into(), "2026/27".into(), "2027/28".into()];
        let s = |values: Vec<Option<f64>>| Series { name: "edge".into(), values, style: Style::Line, colour: 0 };
        c.series.push(s(vec![Some(10e6), Some(20e6), Some(30e6), Some(40e6)]));
        c.bands.push((s(vec![Some(10e6), Some(15e6), None, Some(30e6)]), s(vec![Some(10e6), Some(25e6), None, Some(90e6)])));
        let svg = render(&c);
        // A gap splits the band: two shaded polygons, translucent, in the upper series' colour.
        assert_eq!(svg.matches("<polygon").count(), 2, "{svg}");
        assert!(svg.contains(r#"opacity="0.22""#));
        assert!(svg.contains("#12436D"));
        assert!(svg.contains("£90m") || svg.contains("£80m"), "the axis reaches the band's top");
        assert_eq!(band_runs(&c.bands[0].0, &c.bands[0].1), vec![vec![(0.0, 10e6, 10e6), (1.0, 15e6, 25e6)], vec![(3.0, 30e6, 90e6)]]);
        assert!(y_range(&c).1 > 90e6);
    }

    /// The labels a drawing writes: each `<text>`'s content.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text").skip(1).filter_map(|t| Some(t[t.find('>')? + 1..t.find("</text>")?].trim().to_string())).collect()
    }

    fn years(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{}/{:02}", 2024 + i, (25 + i) % 100)).collect()
    }

    #[test]
    fn the_narrow_drawing_is_its_own_size_in_larger_type_with_ids_of_its_own() {
        let (wide, narrow) = (render(&sample()), render_narrow(&sample()));
        assert!(narrow.contains(&format!(r#"viewBox="0 0 {NARROW_WIDTH} 306""#)), "{}", &narrow[..200]);
        assert!(narrow.contains(r#"<title id="t-n-t">Deficit &amp; reserves</title>"#));
        assert!(narrow.contains(r#"aria-labelledby="t-n-t t-n-d""#));
        // Both can be in one page: no id of one is an id of the other.
        let ids = |svg: &str| svg.split(" id=\"").skip(1).map(|s| s[..s.find('"').unwrap()].to_string()).collect::<Vec<_>>();
        assert!(ids(&narrow).iter().all(|i| !ids(&wide).contains(i)), "{:?} {:?}", ids(&wide), ids(&narrow));
        // Larger letters on a drawing half as wide: in a phone's column they come out 2.4 times
        // the wide drawing's.
        let size = |svg: &str| svg.split("font-size=\"").nth(1).map(|s| s[..s.find('"').unwrap()].parse::<f64>().unwrap()).unwrap();
        assert!(size(&narrow) / NARROW_WIDTH as f64 > 2.3 * size(&wide) / 720.0, "{} {}", size(&narrow), size(&wide));
        assert!(narrow.contains("Override ends") && narrow.contains("£20m"));
    }

    #[test]
    fn a_narrow_drawing_thins_its_years_to_what_fits_and_keeps_the_first() {
        for n in [3, 6, 10, 20, 40] {
            let mut c = Chart::new("y", "Years");
            c.x_labels = years(n);
            c.series.push(Series { name: "s".into(), values: (0..n).map(|i| Some(i as f64 * 1e6)).collect(), style: Style::Line, colour: 0 });
            let shown: Vec<String> = texts(&render_narrow(&c)).into_iter().filter(|t| c.x_labels.contains(t)).collect();
            assert_eq!(shown.first(), Some(&c.x_labels[0]), "{n} years");
            // Each label is about 7 letters of 12.9 units, with two letters' gap, in 264 units.
            assert!(shown.len() <= 3 && shown.len() >= n.min(2), "{n} years: {shown:?}");
            let wide: Vec<String> = texts(&render(&c)).into_iter().filter(|t| c.x_labels.contains(t)).collect();
            assert!(wide.len() >= shown.len(), "{n} years: the wide drawing shows at least as many");
        }
    }

    #[test]
    fn a_narrow_drawing_writes_every_category_wrapped_or_upright() {
        let mut c = Chart::new("c", "Steps");
        c.categories = true;
        c.x_labels = vec!["Forecast overspend".into(), "Management action".into(), "Left after action".into()];
        c.series.push(Series { name: "s".into(), values: vec![Some(4e6), Some(-3e6), Some(1e6)], style: Style::Bars, colour: 0 });
        let svg = render_narrow(&c);
        let written = texts(&svg);
        // Three labels a slot too long for one line: each word, on lines of their own.
        for word in ["Forecast", "overspend", "Management", "action", "Left after"] {
            assert!(written.iter().any(|t| t == word), "{word}: {written:?}");
        }
        assert!(!svg.contains("rotate("), "three wrap");
        // Seven steps: a word alone does not fit its slot, so every label is written upright.
        c.x_labels = ["Budget", "Pressures", "Unmet savings", "Offsets", "Before action", "Action", "Outturn"].map(String::from).to_vec();
        c.series[0].values = vec![Some(1e6); 7];
        let svg = render_narrow(&c);
        let written = texts(&svg);
        assert!(c.x_labels.iter().all(|l| written.contains(l)), "{written:?}");
        assert_eq!(svg.matches("rotate(270").count(), 7);
        // The label area grows to the longest ("Unmet savings"), so the drawing is taller.
        assert!(Frame::narrow(&c).height > Frame::narrow(&Chart { categories: false, ..c.clone() }).height);
        // Not categories: the same seven labels are thinned like years.
        c.categories = false;
        assert!(texts(&render_narrow(&c)).iter().filter(|t| c.x_labels.contains(t)).count() < 7);
    }

    #[test]
    fn a_narrow_tornado_writes_each_name_on_a_line_above_its_bars() {
        let mut c = Chart::new("t", "T");
        c.horizontal = true;
        c.x_labels = (0..17).map(|i| format!("Cost: independent {i}")).collect();
        c.series.push(Series { name: "low".into(), values: (0..17).map(|i| Some(-1e5 * i as f64)).collect(), style: Style::Bars, colour: 1 });
        c.series.push(Series { name: "high".into(), values: (0..17).map(|i| Some(2e5 * i as f64)).collect(), style: Style::Bars, colour: 0 });
        let svg = render_narrow(&c);
        let written = texts(&svg);
        assert!(c.x_labels.iter().all(|l| written.contains(l)), "{written:?}");
        assert!(svg.contains(&format!(r#"viewBox="0 0 {NARROW_WIDTH} {}""#, 16 + 40 + NARROW_ROW * 17)));
        // Each name starts at the plot's left edge, above its row: its y is above its bars'.
        let y_of = |label: &str| {
            let at = svg.find(&format!("{label}\n")).or_else(|| svg.find(&format!(">{label}<"))).unwrap();
            let tag = &svg[svg[..at].rfind("<text").unwrap()..at];
            tag.split(" y=\"").nth(1).map(|s| s[..s.find('"').unwrap()].parse::<f64>().unwrap()).unwrap()
        };
        let rects: Vec<f64> = svg.split("<rect").skip(2).map(|r| r.split(" y=\"").nth(1).map(|s| s[..s.find('"').unwrap()].parse::<f64>().unwrap()).unwrap()).collect();
        let first_bar = rects.iter().cloned().fold(f64::INFINITY, f64::min);
        assert!(y_of(&c.x_labels[0]) < first_bar, "the first name is above the first bars");
        assert!(y_of(&c.x_labels[1]) > first_bar, "and the second below them");
    }

    #[test]
    fn a_marker_near_the_right_edge_writes_its_label_to_its_left_in_a_narrow_drawing() {
        let mut c = sample();
        c.markers[0].x = 2.0;
        let narrow = render_narrow(&c);
        let tag = |svg: &str| svg[svg[..svg.find("Override ends").unwrap()].rfind("<text").unwrap()..].to_string();
        assert!(tag(&narrow).contains(r#"text-anchor="end""#), "{}", tag(&narrow));
        c.markers[0].x = 0.0;
        assert!(tag(&render_narrow(&c)).contains(r#"text-anchor="start""#));
        // Ten years, the override's end in the fourth: too long for either side on one line, so
        // it is written in lines, every one inside the drawing (it ran off the left edge).
        let mut c = Chart::new("m", "M");
        c.x_labels = years(10);
        c.series.push(Series { name: "s".into(), values: (0..10).map(|i| Some(i as f64 * 1e6)).collect(), style: Style::Line, colour: 0 });
        c.markers.push(Marker { x: 3.0, label: "Override ends 31 March 2028".into() });
        let svg = render_narrow(&c);
        let lines: Vec<(f64, String, String)> = svg
            .split("<text")
            .skip(1)
            .filter_map(|t| {
                let body = t[t.find('>')? + 1..t.find("</text>")?].trim().to_string();
                let attr = |a: &str| t.split(&format!(" {a}=\"")).nth(1).map(|v| v[..v.find('"').unwrap()].to_string());
                Some((attr("x")?.parse().ok()?, attr("text-anchor").unwrap_or_default(), body))
            })
            .filter(|(_, _, b)| ["Override", "ends", "31", "March", "2028"].iter().any(|w| b.contains(w)) && !c.x_labels.contains(b))
            .collect();
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.iter().map(|l| l.2.clone()).collect::<Vec<_>>().join(" "), "Override ends 31 March 2028");
        for (x, anchor, body) in &lines {
            let w = crate::charts::backend::estimate(body, text_size(NARROW_FONT)).0 as f64;
            let (from, to) = if anchor == "end" { (x - w, *x) } else { (*x, x + w) };
            assert!(from >= 0.0 && to <= NARROW_WIDTH as f64, "{body:?} spans {from}..{to}");
        }
    }

    #[test]
    fn formats_axis() {
        assert_eq!(fmt_axis(13_700_000.0, YFormat::Millions, 1), "£13.7m");
        // A small council's axis: ticks a twentieth of a million apart each read differently.
        let dp = axis_places(-200_000.0, 150_000.0);
        assert_eq!(dp, 2);
        let ticks: Vec<String> = [150_000.0, 100_000.0, 50_000.0, 0.0, -50_000.0, -100_000.0, -150_000.0, -200_000.0].iter().map(|v| fmt_axis(*v, YFormat::Millions, dp)).collect();
        assert_eq!(ticks, ["£0.15m", "£0.1m", "£0.05m", "£0m", "−£0.05m", "−£0.1m", "−£0.15m", "−£0.2m"]);
        assert_eq!(axis_places(0.0, 300_000_000.0), 1, "a county's axis keeps one place");
        assert_eq!(axis_places(0.0, 0.0), 1);
        assert_eq!(fmt_axis(20_000_000.0, YFormat::Millions, 1), "£20m");
        assert_eq!(fmt_axis(-5_000_000.0, YFormat::Millions, 1), "−£5m");
        assert_eq!(fmt_axis(10_000_000_000.0, YFormat::Millions, 1), "£10,000m", "a council of billions");
        // A chart of nothing but zeros (a council with no schemes): ticks that differ.
        let mut c = Chart::new("z", "Z");
        c.x_labels = vec!["a".into(), "b".into()];
        c.series.push(Series { name: "s".into(), values: vec![Some(0.0), Some(0.0)], style: Style::Stacked, colour: 0 });
        assert_eq!(y_range(&c), (0.0, 1e6 * 1.08));
        let svg = render(&c);
        assert!(svg.contains("£1m") && svg.matches(">£0m<").count() <= 1, "{svg}");
        assert_eq!(fmt_axis(-47_402_700_000.0, YFormat::Millions, 1), "−£47,402.7m");
    }
}
