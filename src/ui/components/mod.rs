pub mod chart;
pub mod lever;
pub mod page_link;
