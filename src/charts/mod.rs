//! Charts drawn with plotters into SVG strings: data in, SVG out. No web dependency, so charts
//! are tested natively. Each SVG gets a <title> and <desc> (plotters writes neither), and
//! scales to its container. The key and the data table are HTML, drawn by the UI.

pub mod palette;
pub mod patch;
mod backend;
mod svg;

pub use svg::{render, render_narrow, waterfall_steps, Chart, NARROW_MEDIA, NARROW_WIDTH, WATERFALL_FALL, WATERFALL_RISE, Marker, Point, Series, Style, YFormat};
