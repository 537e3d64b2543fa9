//! The financial model: plain Rust, exact decimal money, no web dependency.
//! Each submodel takes inputs and returns outputs, with no hidden state.

pub mod answers;
pub mod backtest;
pub mod capital;
pub mod dsg;
pub mod levers;
pub mod reserves;
pub mod outcome;
pub mod revenue;
pub mod scenario;
pub mod uncertainty;
