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
            Verdict::Supported => "The quotation, or the claim, is borne out where it is cited.",
            Verdict::Misquoted => {
                "The source says something close to the quotation, but not its words."
            }
            Verdict::Miscited => "The quotation stands in a source, but not where it is cited.",
            Verdict::Unsupported => "The quotation, or the claim, is found in no source.",
            Verdict::Contradicted => {
                "A fact of the claim (a number, a date) differs from the source."
            }
            Verdict::Partial => "Only part of the claim is borne out by the passage it cites.",
            Verdict::Unverifiable => {
                "The claim cannot be checked: a source could not be read, or nothing was cited."
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
                 Find the words' real source, or stop presenting them as a quotation. For a \
                 claim checked on its own words, nothing in the cited passage bears it out."
            }
            Verdict::Contradicted => {
                "A checkable fact of the claim's own words — a number, a date, a duration, an \
                 amount — differs from what the cited passage (or, for a claim that cites \
                 none, the best passage found) says. The report shows both values and where \
                 the source states its own. Correct the claim."
            }
            Verdict::Partial => {
                "The claim's own words were compared with the passage it cites: part of them \
                 is borne out, part is not. The report gives the support score, the best \
                 evidence passages and the words found nowhere in them. Cut the claim to \
                 what the source says, or cite the rest."
            }
            Verdict::Unverifiable => {
                "Nothing could be compared: the cited source could not be read (missing, not \
                 UTF-8, a format not yet supported), or the claim has neither a quotation nor \
                 a citation to check. The report gives the reason. Never a pass: fix the \
                 source path, or quote or cite the source."
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
                "claim open: Kratsios said American AI is closed for business.\n  \
                 quote \"AI is closed for business\" @ speech\n\n\
                 misquoted: not verbatim: the closest passage differs from it: 1 word changed\n  \
                 -> \"open\" became \"closed\""
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
                "claim sixty-actions: The Plan identifies more than 60 federal policy actions.\n  \
                 cite release ¶2\n\n\
                 contradicted: the cited passage says \"90\" where the claim says \"60\""
            }
            Verdict::Partial => {
                "claim report: Within 90 days the Secretary of Commerce shall establish the \
                 American AI Exports Program and report on it to Congress.\n  \
                 cite order ¶4\n\n\
                 partial: the cited passage supports part of the claim (score 0.504); nothing \
                 in it for \"report\", \"Congress\""
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
