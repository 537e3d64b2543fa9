pub mod chart;
pub mod lever;
pub mod lever_echo;
pub mod page_link;
pub mod download;
pub mod key_questions;
pub mod saved_scenarios;
pub mod share_bar;
