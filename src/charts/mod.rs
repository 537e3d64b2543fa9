//! Charts drawn with plotters into SVG strings: data in, SVG out.
