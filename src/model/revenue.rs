//! revenue
