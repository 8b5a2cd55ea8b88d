//! placeholder
pub struct QuoteSearch;
