//! Finding quotes in folded text: exact (`exact`, `quote_pattern`) and
//! approximate (`approx`, Myers in `myers`, many quotes at once in `filter`).

pub mod approx;
pub mod exact;
pub mod filter;
mod myers;
pub mod quote_pattern;

pub use approx::{alignments, best_alignment, myers_best_alignment, Alignment};
pub use filter::QuoteSearch;
