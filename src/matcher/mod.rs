//! Finding quotes in folded text.

pub mod exact;
