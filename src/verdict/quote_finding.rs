use super::Verdict;

/// Where the search for one quote ended, before any wording: the rules turn it
/// into a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteFinding {
    /// Verbatim (typography aside) in the cited passage, or anywhere when no
    /// place was cited.
    AtCitedPlace,
    /// Verbatim, but elsewhere in the cited source than the locator says.
    ElsewhereInSource,
    /// Verbatim, but in another source than the one cited.
    InAnotherSource,
    /// Not verbatim anywhere, but close to a passage: a word or two differ.
    NearMatch,
    /// Nowhere in any source that could be read.
    Nowhere,
    /// Not found, and a source where it might stand could not be read.
    SourceUnreadable,
}

impl QuoteFinding {
    pub fn verdict(self) -> Verdict {
        match self {
            QuoteFinding::AtCitedPlace => Verdict::Supported,
            QuoteFinding::ElsewhereInSource | QuoteFinding::InAnotherSource => Verdict::Miscited,
            QuoteFinding::NearMatch => Verdict::Misquoted,
            QuoteFinding::Nowhere => Verdict::Unsupported,
            QuoteFinding::SourceUnreadable => Verdict::Unverifiable,
        }
    }
}
