//! capital
