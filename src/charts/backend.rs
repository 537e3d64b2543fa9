//! plotters' SVG backend with text measured by estimate instead of by the DOM.
//!
//! In wasm, plotters measures every label by adding a styled <span> to the page and reading its
//! size: a forced layout per label (dozens per chart, on every slider move), and an inline style
//! that the page's Content-Security-Policy refuses. Labels here are short and drawn with SVG
//! text anchors, so an estimate is enough, and it makes native and browser output identical.

use plotters::prelude::SVGBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};

pub struct Svg<'a>(pub SVGBackend<'a>);

/// Average glyph width of a sans-serif font, as a share of its size.
const GLYPH_WIDTH: f64 = 0.56;

pub fn estimate(text: &str, size: f64) -> (u32, u32) {
    let w = text.chars().count() as f64 * size * GLYPH_WIDTH;
    (w.ceil().max(0.0) as u32, size.ceil().max(0.0) as u32)
}

type R<E> = Result<(), DrawingErrorKind<E>>;

impl DrawingBackend for Svg<'_> {
    type ErrorType = <SVGBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> R<Self::ErrorType> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> R<Self::ErrorType> {
        self.0.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> R<Self::ErrorType> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> R<Self::ErrorType> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(&mut self, upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool) -> R<Self::ErrorType> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> R<Self::ErrorType> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> R<Self::ErrorType> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> R<Self::ErrorType> {
        self.0.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> R<Self::ErrorType> {
        self.0.draw_text(text, style, pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok(estimate(text, style.size()))
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> R<Self::ErrorType> {
        self.0.blit_bitmap(pos, size, src)
    }
}
