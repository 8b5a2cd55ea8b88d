//! Stable codes of what a draft run reports: one per verdict (`CC000`
//! supported … `CC006` unverifiable) and the findings about the draft's own
//! markup (`CC100` unused-suppression, `CC101` bad-suppression).
//!
//! Verdict codes are `Verdict::code()`'s; the findings' codes are the
//! draft's own.

use crate::verdict::Verdict;

/// A finding that is no verdict: stable code and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FindingCode {
    pub code: &'static str,
    pub name: &'static str,
}

pub const UNUSED_SUPPRESSION: FindingCode = FindingCode {
    code: "CC100",
    name: "unused-suppression",
};

pub const BAD_SUPPRESSION: FindingCode = FindingCode {
    code: "CC101",
    name: "bad-suppression",
};

/// The stable code of a verdict ([`Verdict::code`]).
pub fn verdict_code(verdict: Verdict) -> &'static str {
    verdict.code()
}

/// A verdict named by its code (`CC002`) or its name (`miscited`).
pub fn verdict_named(name: &str) -> Option<Verdict> {
    Verdict::from_code_or_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_round_trip() {
        for v in Verdict::ALL {
            assert_eq!(verdict_named(verdict_code(v)), Some(v));
            assert_eq!(verdict_named(v.name()), Some(v));
        }
        assert_eq!(verdict_named("CC100"), None);
        assert_eq!(verdict_code(Verdict::Misquoted), "CC001");
    }
}
