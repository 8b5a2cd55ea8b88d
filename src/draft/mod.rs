//! Drafts: a Markdown article read for its quotations and the citations that
//! follow them, checked as a claims file would be. Each quotation becomes a
//! claim (its sentence) with one quote (its words) cited where the draft
//! cites it; [`check_draft`] runs the same check as `citecheck check` and
//! gives a [`FileReport`](crate::report::FileReport) whose positions are the
//! draft's.
//!
//! Structure comes from pulldown-cmark ([`prose`]), so code spans and blocks,
//! link targets and HTML are never read as quotations.

pub mod citation;
pub mod codes;
mod draft_check;
pub mod footnotes;
pub mod front_matter;
pub mod prose;
pub mod quotation;
pub mod sentence;
pub mod suppression;

use std::ops::Range;

pub use citation::DraftCitation;
pub use draft_check::{check_draft, DraftSettings};
pub use quotation::Quotation;
pub use suppression::{BadSuppression, Suppression};

use citation::{mark_at, parse_reference, Mark};
use footnotes::Footnotes;

/// What a draft holds for citecheck.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// Every quotation, short ones included, in draft order.
    pub quotations: Vec<Quotation>,
    pub suppressions: Vec<Suppression>,
    pub bad_suppressions: Vec<BadSuppression>,
    /// The front matter between its `---` lines.
    pub front_matter: Option<Range<usize>>,
}

/// Reads a draft's text (after any byte-order mark). Never fails: what is not
/// understood is not a quotation.
pub fn extract(text: &str) -> Draft {
    let prose = prose::read(text);
    let notes = Footnotes::collect(&prose.blocks);
    let mut quotations = Vec::new();
    // Footnote definitions are prose too: their quotations are checked, at
    // their place in the definition.
    for block in &prose.blocks {
        let marks = not_in_citations(&block.text, quotation::find(&block.text));
        let ends = sentence::ends(&block.text, &marks);
        for m in &marks {
            let text = quotation::words_of(&block.text, m);
            let sentence = sentence::around(&block.text, &ends, m);
            let after = m.end..sentence.end.max(m.end);
            let citation = citation_after(block, after.clone(), &notes)
                .or_else(|| footnotes::bare_citation(block, after));
            quotations.push(Quotation {
                words: quotation::word_count(&text),
                text,
                open: m.open,
                span: block.span(m.start..m.end),
                sentence: block.text[sentence.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                sentence_span: block.span(sentence),
                citation,
            });
        }
    }
    let mut suppressions = Vec::new();
    let mut bad_suppressions = Vec::new();
    for comment in &prose.comments {
        match suppression::parse(comment) {
            Some(Ok(s)) => suppressions.push(s),
            Some(Err(b)) => bad_suppressions.push(b),
            None => {}
        }
    }
    Draft {
        quotations,
        suppressions,
        bad_suppressions,
        front_matter: prose.front_matter,
    }
}

/// The quotations that do not open inside a `[@…]` citation: the quoted
/// section title of `[@eo, § "Sec. 2"]` is a locator.
fn not_in_citations(text: &str, marks: Vec<quotation::Marks>) -> Vec<quotation::Marks> {
    let spans = citation::pandoc_spans(text);
    marks
        .into_iter()
        .filter(|m| !spans.iter().any(|s| s.contains(&m.start)))
        .collect()
}

/// The first citation in `within` (prose offsets of `block`): a Pandoc
/// citation or a footnote that cites a source.
fn citation_after(
    block: &prose::ProseBlock,
    within: Range<usize>,
    notes: &Footnotes,
) -> Option<DraftCitation> {
    let text = block.text.get(within.clone())?;
    for (i, _) in text.match_indices('[') {
        let Some((mark, len)) = mark_at(&text[i..]) else {
            continue;
        };
        let span = block.span(within.start + i..within.start + i + len);
        let (key, locator, footnote) = match mark {
            Mark::Pandoc(inner) => match parse_reference(&inner) {
                Some((key, locator)) => (key, locator, None),
                None => continue,
            },
            Mark::Footnote(label) => match notes.get(&label) {
                Some(n) => (n.key.clone(), n.locator.clone(), Some(label)),
                None => continue,
            },
        };
        let (locator, locator_error) = match locator {
            None => (None, None),
            Some(Ok(l)) => (Some(l), None),
            Some(Err(e)) => (None, Some(e)),
        };
        return Some(DraftCitation {
            key,
            locator,
            locator_error,
            span,
            footnote,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::LocatorKind as L;

    fn one(md: &str) -> Quotation {
        let d = extract(md);
        assert_eq!(d.quotations.len(), 1, "{:?}", d.quotations);
        d.quotations.into_iter().next().unwrap()
    }

    #[test]
    fn a_pandoc_citation_in_the_sentence() {
        let md = "Intro.\n\nThe order seeks “full-stack American AI technology packages” [@eo, ¶4]. Then.\n";
        let q = one(md);
        assert_eq!(q.text, "full-stack American AI technology packages");
        assert_eq!(
            &md[q.span.clone()],
            "“full-stack American AI technology packages”"
        );
        assert_eq!(
            q.sentence,
            "The order seeks “full-stack American AI technology packages” [@eo, ¶4]."
        );
        let c = q.citation.unwrap();
        assert_eq!(c.key, "eo");
        assert_eq!(c.locator, Some(L::Paragraphs { start: 4, end: 4 }));
        assert_eq!(&md[c.span], "[@eo, ¶4]");
        assert_eq!(q.words, 5);
    }

    #[test]
    fn a_footnote_citation_after_the_period() {
        let md = "He said “our hope is that AI will be a powerful tool”.[^2]\n\n[^2]: Remarks, @speech, line 44.\n";
        let q = one(md);
        let c = q.citation.unwrap();
        assert_eq!(
            (c.key.as_str(), c.footnote.as_deref()),
            ("speech", Some("2"))
        );
        assert_eq!(c.locator, Some(L::Lines { start: 44, end: 44 }));
        assert_eq!(&md[c.span], "[^2]");
    }

    #[test]
    fn a_citation_in_the_next_sentence_is_not_this_ones() {
        let md = "He said “we will win the race”. Later “they lost the race badly” [@x].";
        let d = extract(md);
        assert_eq!(d.quotations.len(), 2);
        assert!(d.quotations[0].citation.is_none());
        assert_eq!(d.quotations[1].citation.as_ref().unwrap().key, "x");
    }

    #[test]
    fn code_and_link_targets_hold_no_quotations() {
        let md = "Run `grep \"a b c d\"` and see [the order](https://x.gov/?q=\"abc\" \"a title with four words\").\n\n```\n“not a quote at all here”\n```\n\n    “indented code is code too”\n";
        assert!(extract(md).quotations.is_empty());
    }

    #[test]
    fn link_text_is_prose() {
        let md = "He called it [“a decisive course for the nation”](https://wh.gov) [@plan].";
        let q = one(md);
        assert_eq!(q.text, "a decisive course for the nation");
        assert_eq!(q.citation.unwrap().key, "plan");
    }

    #[test]
    fn french_draft_with_footnote() {
        let md = "M. Kratsios a promis que «\u{202f}l’IA américaine est officiellement ouverte au commerce\u{202f}»[^1].\n\n[^1]: @article, ¶9.\n";
        let q = one(md);
        assert_eq!(
            q.text,
            "l’IA américaine est officiellement ouverte au commerce"
        );
        assert_eq!(q.open, '«');
        let c = q.citation.unwrap();
        assert_eq!(c.key, "article");
        assert_eq!(c.locator, Some(L::Paragraphs { start: 9, end: 9 }));
    }

    #[test]
    fn quotations_across_lines_keep_draft_positions() {
        let md = "Para.\n\nHe said “we will\nwin the *race* today” [@s, lines 3-4].\n";
        let q = one(md);
        assert_eq!(q.text, "we will win the race today");
        assert_eq!(&md[q.span.clone()], "“we will\nwin the *race* today”");
        assert_eq!(
            q.citation.unwrap().locator,
            Some(L::Lines { start: 3, end: 4 })
        );
    }

    #[test]
    fn a_locator_that_cannot_be_read_is_kept_with_why() {
        let q = one("He said “we will win the race” [@s, chapter 4].");
        let c = q.citation.unwrap();
        assert_eq!(c.locator, None);
        assert_eq!(c.locator_error.unwrap().0, "chapter 4");
    }

    #[test]
    fn suppressions_are_collected() {
        let md = "<!-- citecheck-disable-next-line CC002 -->\nHe said “a b c d” [@x].\n\n<!-- citecheck-nonsense -->\n";
        let d = extract(md);
        assert_eq!(d.suppressions.len(), 1);
        assert_eq!(d.bad_suppressions.len(), 1);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for md in [
            "",
            "“",
            "[^",
            "[@",
            "“a”[^",
            "\u{feff}",
            "«\u{a0}»",
            "“é”[@é, ¶]",
            "---\n---\n“a b c d” [@",
            "[^1]: @\n",
            "> “quote in a block quote” [@x]\n",
            "| “a” | [@x] |\n|---|---|\n",
        ] {
            let _ = extract(md);
        }
    }

    #[test]
    fn random_drafts_never_panic_and_spans_slice_the_draft() {
        // Pieces that exercise every path: marks, citations, footnotes,
        // code, links, comments, front matter, multi-byte text and breaks.
        const PIECES: &[&str] = &[
            "“",
            "”",
            "«",
            "»",
            "„",
            "‘",
            "’",
            "\"",
            "\u{a0}",
            "\u{202f}",
            " ",
            "\n",
            "\n\n",
            "\r\n",
            "word",
            "é",
            "l’IA",
            ".",
            "!",
            "?",
            "…",
            ",",
            "[@eo, ¶4]",
            "[@eo",
            "[^1]",
            "[^1]: @eo, line 3.",
            "`code “x”`",
            "```\n“a”\n```\n",
            "[t](u \"v\")",
            "*em*",
            "<!-- citecheck-disable -->",
            "<!-- citecheck-enable -->",
            "---\n",
            "\\\"",
            "&amp;",
            "U.S.",
            "> ",
            "- ",
            "| a |",
        ];
        let mut rng = crate::test_rng::Lcg(7);
        for _ in 0..2000 {
            let n = rng.below(24);
            let md: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            let d = extract(&md);
            for q in &d.quotations {
                assert!(md.get(q.span.clone()).is_some(), "{md:?} {q:?}");
                if q.open != '"' {
                    assert!(md[q.span.start..].starts_with(q.open), "{md:?} {q:?}");
                }
                assert!(md.get(q.sentence_span.clone()).is_some(), "{md:?} {q:?}");
                if let Some(c) = &q.citation {
                    assert!(md.get(c.span.clone()).is_some(), "{md:?} {c:?}");
                }
            }
            for s in &d.suppressions {
                assert!(md.get(s.span.clone()).is_some(), "{md:?}");
            }
        }
    }
}
