use super::Verdict;

/// A claim takes the worst verdict of its parts; a claim with none is
/// unverifiable, never a pass.
pub fn claim_verdict(parts: impl IntoIterator<Item = Verdict>) -> Verdict {
    parts.into_iter().max().unwrap_or(Verdict::Unverifiable)
}

/// A claim passes when its verdict is the one it expects, or, with no
/// expectation, when it is supported.
pub fn passes(verdict: Verdict, expected: Option<Verdict>) -> bool {
    verdict == expected.unwrap_or(Verdict::Supported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_part_decides() {
        use Verdict::*;
        assert_eq!(claim_verdict([Supported, Miscited, Supported]), Miscited);
        assert_eq!(claim_verdict([Unsupported, Miscited]), Unsupported);
        assert_eq!(claim_verdict([]), Unverifiable);
    }

    #[test]
    fn expectations_decide_what_passes() {
        use Verdict::*;
        assert!(passes(Supported, None));
        assert!(!passes(Miscited, None));
        assert!(passes(Miscited, Some(Miscited)));
        assert!(!passes(Supported, Some(Miscited)));
        assert!(!passes(Unverifiable, None));
    }
}
