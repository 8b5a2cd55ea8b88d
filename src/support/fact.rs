//! A fact (number, date, amount…) read from a text.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FactKind {
    Number,
    Date,
    Duration,
    Percent,
    Money,
    Ordinal,
    Quantity,
}

/// One fact with its normalised value and the slot it fills.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub kind: FactKind,
    /// Normalised: "90 days", "2025-07-23" (or "2025-07", "2025", "--07-23"
    /// when parts are missing), "1500000000 USD", "15%", "3", "1st", "5 GW".
    pub value: String,
    /// What the value counts or measures, deciding which facts are
    /// comparable: the unit ("days", "USD", "%", "GW"), "date", or the stems of
    /// the noun counted ("execut order" for "three executive orders").
    pub slot: String,
    /// A negation cue ("not", "never", "no", "ne … pas", "jamais", "aucun")
    /// precedes the fact in its clause.
    pub negated: bool,
    /// Byte range of the fact in the text it was read from.
    pub range: Range<usize>,
    /// Content-word stems around the fact (its neighbourhood): two facts are
    /// only compared when their neighbourhoods share words.
    pub context: Vec<String>,
}
