//! Verdicts: what citecheck concludes about a quote or a claim.

mod verdict_kind;

pub use verdict_kind::Verdict;
