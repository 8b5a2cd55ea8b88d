//! Finding quotes in folded text.
//!
//! - [`exact`]: verbatim search at word boundaries; [`quote_pattern`]: a
//!   quote cut at its elisions and insertions, found fragment by fragment.
//! - [`best_alignment`]: the closest span of one quote (edit distance,
//!   infix mode, edlib's tie-breaking), e.g. in its cited passage;
//!   [`alignments`]: every non-overlapping local best, for ambiguity.
//! - [`QuoteSearch`]: many quotes against one large text in one pass,
//!   same answers as [`best_alignment`] per quote.
//!
//! All work on bytes already folded by the caller; spans are byte offsets
//! into the text given.

pub mod approx;
pub mod budget;
pub mod exact;
pub mod filter;
mod myers;
mod pieces;
pub mod quote_pattern;

pub use approx::{alignments, best_alignment, myers_best_alignment, Alignment};
pub use filter::QuoteSearch;
