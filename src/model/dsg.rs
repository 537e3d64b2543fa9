//! dsg
