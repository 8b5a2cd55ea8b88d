//! Rules: every kind of finding, each with a stable code — one per verdict
//! (`CC000` … `CC006`) and the findings about a draft's own markup (`CC100`
//! unused-suppression, `CC101` bad-suppression). SARIF lists them as its
//! driver's rules, in [`Rule::ALL`] order, so a rule's index never depends on
//! what a run found.

use crate::draft::codes::{FindingCode, BAD_SUPPRESSION, UNUSED_SUPPRESSION};
use crate::verdict::{Level, Verdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A quotation or claim with this verdict.
    Verdict(Verdict),
    /// A finding about a draft that is no verdict.
    Draft(FindingCode),
}

impl Rule {
    /// Every rule: the verdicts in [`Verdict::ALL`] order, then the draft
    /// findings by code. Append only: SARIF `ruleIndex` is a position here.
    pub const ALL: [Rule; 9] = [
        Rule::Verdict(Verdict::ALL[0]),
        Rule::Verdict(Verdict::ALL[1]),
        Rule::Verdict(Verdict::ALL[2]),
        Rule::Verdict(Verdict::ALL[3]),
        Rule::Verdict(Verdict::ALL[4]),
        Rule::Verdict(Verdict::ALL[5]),
        Rule::Verdict(Verdict::ALL[6]),
        Rule::Draft(UNUSED_SUPPRESSION),
        Rule::Draft(BAD_SUPPRESSION),
    ];

    /// The rule of a code (`CC002`, `CC100`), any case.
    pub fn named(code: &str) -> Option<Rule> {
        Rule::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Its position in [`Rule::ALL`].
    pub fn index(self) -> usize {
        Rule::ALL
            .iter()
            .position(|r| r.code() == self.code())
            .unwrap_or(0)
    }

    pub fn code(self) -> &'static str {
        match self {
            Rule::Verdict(v) => v.code(),
            Rule::Draft(f) => f.code,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Rule::Verdict(v) => v.name(),
            Rule::Draft(f) => f.name,
        }
    }

    /// How loud its findings are. Draft findings fail the run: errors.
    pub fn level(self) -> Level {
        match self {
            Rule::Verdict(v) => v.level(),
            Rule::Draft(_) => Level::Error,
        }
    }

    /// One line.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::Verdict(v) => v.summary(),
            Rule::Draft(f) => f.summary,
        }
    }

    /// A paragraph: what it means and what to do.
    pub fn description(self) -> String {
        match self {
            Rule::Verdict(v) => v.description().to_string(),
            // The explanation's first paragraph, its line breaks as blanks.
            Rule::Draft(f) => f
                .explanation
                .split("\n\n")
                .next()
                .unwrap_or(f.summary)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// The description with an example, as `citecheck explain` gives it.
    pub fn help(self) -> String {
        match self {
            Rule::Verdict(v) => format!("{}\n\nExample:\n\n{}", v.description(), v.example()),
            Rule::Draft(f) => f.explanation.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_indices_are_positions() {
        for (i, r) in Rule::ALL.into_iter().enumerate() {
            assert_eq!(r.index(), i);
            assert_eq!(Rule::named(r.code()), Some(r));
            assert!(!r.description().is_empty() && !r.help().is_empty());
        }
        assert_eq!(
            Rule::named("cc100").map(Rule::name),
            Some("unused-suppression")
        );
        assert_eq!(Rule::named("CC101").map(Rule::level), Some(Level::Error));
        assert_eq!(Rule::named("CC999"), None);
        assert_eq!(Rule::ALL[..7], Verdict::ALL.map(Rule::Verdict));
    }
}
