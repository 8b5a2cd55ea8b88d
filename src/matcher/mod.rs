//! Finding quotes in folded text.

pub mod exact;
pub mod quote_pattern;
