//! citecheck: checks claims and quotations against their sources.
//!
//! The way the data goes: a claims file is parsed ([`claims`]), its sources
//! are loaded into documents ([`source`]) whose text is folded for matching
//! ([`fold`]), every quote is located ([`matcher`]), each claim gets a verdict
//! ([`verdict`]), and the result is rendered by one reporter per format
//! ([`report`]). The core does no I/O beyond loading a source it is asked to.

pub mod check;
pub mod claims;
pub mod config;
pub mod draft;
pub mod fold;
pub mod matcher;
pub mod offset_map;
pub mod offsets;
pub mod report;
pub mod shared_text;
pub mod source;
pub mod support;
mod varint;
pub mod verdict;

#[cfg(test)]
mod test_rng;
