//! Stable codes for verdicts: `CC001 misquoted`. Machine formats (SARIF rule
//! ids, GitHub titles, concise lines) and `citecheck explain` use them. A code
//! never changes meaning and is never reused; docs/report-formats.md lists
//! them.

use super::Verdict;

/// How loud a verdict is in formats that grade findings (SARIF `level`,
/// GitHub workflow commands).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Note,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

impl Verdict {
    /// The stable code: `CC000` … `CC006`.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Supported => "CC000",
            Verdict::Misquoted => "CC001",
            Verdict::Miscited => "CC002",
            Verdict::Unsupported => "CC003",
            Verdict::Contradicted => "CC004",
            Verdict::Partial => "CC005",
            Verdict::Unverifiable => "CC006",
        }
    }

    /// The verdict named by a code (`CC001`, any case) or by its name
    /// (`misquoted`).
    pub fn from_code_or_name(s: &str) -> Option<Verdict> {
        let s = s.trim();
        Verdict::ALL
            .into_iter()
            .find(|v| v.code().eq_ignore_ascii_case(s) || v.name().eq_ignore_ascii_case(s))
    }

    /// One line: what the verdict means.
    pub fn summary(self) -> &'static str {
        match self {
            Verdict::Supported => "The quotation stands in the source, where it is cited.",
            Verdict::Misquoted => "The source says something close to the quotation, but not its words.",
            Verdict::Miscited => "The quotation stands in a source, but not where it is cited.",
            Verdict::Unsupported => "The quotation stands in no source of the claims file.",
            Verdict::Contradicted => "The source says the opposite of the claim.",
            Verdict::Partial => "Only part of the quotation, or of the claim, is found in the source.",
            Verdict::Unverifiable => {
                "The claim cannot be checked: a source could not be read, or there is nothing to match."
            }
        }
    }

    /// A paragraph: what citecheck did to reach the verdict, and what to do.
    pub fn description(self) -> &'static str {
        match self {
            Verdict::Supported => {
                "citecheck found the quotation verbatim (typography aside: quotation marks, \
                 apostrophes, spaces, case, hyphenation, line wrapping) at the place the \
                 citation names, or anywhere in the cited source when no place is named. \
                 Nothing to do."
            }
            Verdict::Misquoted => {
                "The closest passage of the cited source differs from the quotation in words: \
                 a word changed, added or dropped, or accents that differ. The report shows the \
                 passage and the difference word by word. Quote the source exactly, or mark \
                 the change with […] for a cut and [brackets] for an insertion."
            }
            Verdict::Miscited => {
                "The quotation is verbatim in the sources, but elsewhere than the citation \
                 says: another paragraph, line, page or section of the cited source, or another \
                 source of the claims file. The report names where it stands. Fix the citation."
            }
            Verdict::Unsupported => {
                "The quotation was searched at the cited place, then in the whole cited \
                 source, then in every other source of the claims file, and found nowhere. \
                 Find the words' real source, or stop presenting them as a quotation."
            }
            Verdict::Contradicted => {
                "The cited passage states the opposite of what the claim says (a negation, a \
                 different number or date). Correct the claim."
            }
            Verdict::Partial => {
                "Part of the quotation, or of the claim's paraphrase, is borne out by the \
                 source, and part is not. The report says which part. Cut the quotation to \
                 what the source says, or cite the rest."
            }
            Verdict::Unverifiable => {
                "Nothing could be compared: the cited source could not be read (missing, not \
                 UTF-8, a format not yet supported), or the claim has no quotation to check. \
                 The report gives the reason. Never a pass: fix the source path, or add a \
                 quotation."
            }
        }
    }

    /// A claims-file example that reaches the verdict, with what citecheck says.
    pub fn example(self) -> &'static str {
        match self {
            Verdict::Supported => {
                "claim diplomacy: Kratsios wants AI to be a tool of bilateral diplomacy.\n  \
                 quote \"Our hope is that AI will be a powerful tool for bilateral diplomacy.\" @ speech\n\n\
                 supported: found where cited"
            }
            Verdict::Misquoted => {
                "claim open: Kratsios said American AI is open for trade.\n  \
                 quote \"American AI is open for trade\" @ speech\n\n\
                 misquoted: the source says \"open for business\", not \"open for trade\""
            }
            Verdict::Miscited => {
                "claim open: Kratsios said American AI is open for business.\n  \
                 quote \"American AI is open for business\" @ speech lines 10-12\n\n\
                 miscited: found at line 120, not at lines 10-12 as cited"
            }
            Verdict::Unsupported => {
                "claim lift: Kratsios promised to lift export controls.\n  \
                 quote \"we will lift every export control\" @ speech\n\n\
                 unsupported: not found in `speech`"
            }
            Verdict::Contradicted => {
                "claim date: The plan was launched on 24 July 2025.\n  \
                 cite release ¶1\n\n\
                 contradicted: the release gives 23 July 2025"
            }
            Verdict::Partial => {
                "claim pillars: The plan has three pillars and 120 actions.\n  \
                 quote \"identifies over 90 Federal policy actions across three pillars and 120 actions\" @ release\n\n\
                 partial: \"identifies over 90 Federal policy actions across three pillars\" is found; the rest is not"
            }
            Verdict::Unverifiable => {
                "source gone = \"nowhere.md\"\n\
                 claim c: A claim.\n  \
                 quote \"anything at all\" @ gone\n\n\
                 unverifiable: source `gone` (nowhere.md) could not be read: the file does not exist"
            }
        }
    }

    /// How loud a finding with this verdict is: wrong words are errors, a
    /// wrong place or a partial or unreadable check a warning.
    pub fn level(self) -> Level {
        match self {
            Verdict::Supported => Level::Note,
            Verdict::Miscited | Verdict::Partial | Verdict::Unverifiable => Level::Warning,
            Verdict::Misquoted | Verdict::Unsupported | Verdict::Contradicted => Level::Error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_unique_and_round_trip() {
        let codes: Vec<&str> = Verdict::ALL.iter().map(|v| v.code()).collect();
        assert_eq!(
            codes,
            ["CC000", "CC002", "CC005", "CC001", "CC003", "CC004", "CC006"]
        );
        for v in Verdict::ALL {
            assert_eq!(Verdict::from_code_or_name(v.code()), Some(v));
            assert_eq!(Verdict::from_code_or_name(v.name()), Some(v));
            assert_eq!(
                Verdict::from_code_or_name(&v.code().to_lowercase()),
                Some(v)
            );
        }
        assert_eq!(Verdict::from_code_or_name("CC999"), None);
    }
}
