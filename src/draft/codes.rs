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
    /// One line: what it means.
    pub summary: &'static str,
    /// What to do about it, with an example.
    pub explanation: &'static str,
}

pub const UNUSED_SUPPRESSION: FindingCode = FindingCode {
    code: "CC100",
    name: "unused-suppression",
    summary: "A suppression comment in a draft silences no finding.",
    explanation: "A `citecheck-disable-next-line` comment whose next line holds no\n\
quotation with a finding (of the codes it names, if it names any), or a\n\
`citecheck-disable` range that covers none, is reported so that suppressions\n\
do not outlive the mistakes they excused. Remove the comment, or name the\n\
right code.\n\n\
\x20   <!-- citecheck-disable-next-line CC002 -->\n\
\x20   He said “Our hope is that AI will be a powerful tool” [@speech, lines 44-45].\n\n\
The quotation stands where cited (CC000): the comment silences nothing.\n",
};

pub const BAD_SUPPRESSION: FindingCode = FindingCode {
    code: "CC101",
    name: "bad-suppression",
    summary: "A `citecheck-` comment in a draft is no directive, or names no code.",
    explanation: "The directives are citecheck-disable-next-line, citecheck-disable\n\
and citecheck-enable; the codes, CC000-CC006 or the verdict names.\n\n\
\x20   <!-- citecheck-disable-line CC002 -->   (no such directive)\n\
\x20   <!-- citecheck-disable CC999 -->       (no such code)\n",
};

/// The findings of drafts that are no verdict.
pub const FINDINGS: [FindingCode; 2] = [UNUSED_SUPPRESSION, BAD_SUPPRESSION];

/// A draft finding named by its code or name.
pub fn finding_named(name: &str) -> Option<FindingCode> {
    let name = name.trim();
    FINDINGS
        .into_iter()
        .find(|f| f.code.eq_ignore_ascii_case(name) || f.name.eq_ignore_ascii_case(name))
}

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
        assert_eq!(finding_named("cc100"), Some(UNUSED_SUPPRESSION));
        assert_eq!(finding_named("bad-suppression"), Some(BAD_SUPPRESSION));
        assert_eq!(finding_named("CC002"), None);
    }
}
