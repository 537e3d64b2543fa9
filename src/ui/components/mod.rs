pub mod chart;
pub mod lever;
