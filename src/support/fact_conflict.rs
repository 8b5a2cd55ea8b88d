//! Two facts filling the same slot with different values.

use std::ops::Range;

use super::fact::Fact;

#[derive(Clone, Debug, PartialEq)]
pub struct FactConflict {
    /// The claim's fact (range in the claim).
    pub claim: Fact,
    /// The evidence's fact (range in the evidence passage text).
    pub evidence: Fact,
    /// The evidence passage's range in the caller's coordinates
    /// (`0..evidence.len()` from [`super::compare_facts`]).
    pub evidence_range: Range<usize>,
}
