//! Finding quotes in folded text.

pub mod approx;
pub mod exact;
pub mod filter;
mod myers;
mod pieces;

pub use approx::{alignments, best_alignment, myers_best_alignment, Alignment};
pub use filter::QuoteSearch;
