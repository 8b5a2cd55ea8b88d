//! Verdicts: what citecheck concludes about a quote or a claim, and the rules
//! that lead there.

mod code;
mod quote_finding;
mod rules;
mod verdict_kind;

pub use code::Level;
pub use quote_finding::QuoteFinding;
pub use rules::{claim_verdict, passes};
pub use verdict_kind::Verdict;
