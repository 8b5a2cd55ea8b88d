//! Drafts: a Markdown article read for its quotations, its sentences and
//! the citations in them, checked as a claims file would be. Each quotation
//! becomes a claim (its sentence) with one quote (its words) cited where the
//! draft cites it; each cited sentence without a quotation becomes a claim
//! with a `cite` of what it cites, checked for support like a claims file's
//! paraphrase ([`ClaimsMode`] says which sentences). [`check_draft`] runs the
//! same check as `citecheck check` and gives a
//! [`FileReport`](crate::report::FileReport) whose positions are the draft's.
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
pub use draft_check::{check_draft, ClaimsMode, DraftSettings};
pub use quotation::Quotation;
pub use sentence::Sentence;
pub use suppression::{BadSuppression, Suppression};

use citation::{mark_at, parse_reference, Mark};
use footnotes::Footnotes;

use crate::support::Lang;

/// What a draft holds for citecheck.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// Every quotation, short ones included, in draft order.
    pub quotations: Vec<Quotation>,
    /// Every sentence of the prose but headings and footnote definitions,
    /// in draft order.
    pub sentences: Vec<Sentence>,
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
    let mut sentences = Vec::new();
    // Footnote definitions are prose too: their quotations are checked, at
    // their place in the definition; their sentences are no claims of their own.
    for block in &prose.blocks {
        // `[@eo, § "Sec. 3"]` holds a title, not a quotation.
        let marks = quotation::find(&without_citations(&block.text));
        let ends = sentence::ends(&block.text, &marks, Lang::guess(&block.text));
        let first = quotations.len();
        for m in &marks {
            let text = quotation::words_of(&block.text, m);
            let sentence = sentence::around(&block.text, &ends, m);
            let after = m.end..sentence.end.max(m.end);
            let citation = citations_in(block, after.clone(), &notes)
                .into_iter()
                .next()
                .or_else(|| footnotes::bare_citation(block, after));
            quotations.push(Quotation {
                words: quotation::word_count(&text),
                text,
                open: m.open,
                span: block.span(m.start..m.end),
                sentence: reader_text(&block.text[sentence.clone()]),
                sentence_span: block.span(sentence),
                citation,
            });
        }
        if block.heading || block.footnote.is_some() {
            continue;
        }
        for range in sentence::all(&block.text, &ends) {
            let text = reader_text(&block.text[range.clone()]);
            let held = marks
                .iter()
                .enumerate()
                .filter(|(_, m)| range.start <= m.start && m.start < range.end)
                .map(|(i, _)| first + i)
                .collect();
            sentences.push(Sentence {
                words: quotation::word_count(&text),
                text,
                span: block.span(range.clone()),
                citations: citations_in(block, range, &notes),
                quotations: held,
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
        sentences,
        suppressions,
        bad_suppressions,
        front_matter: prose.front_matter,
    }
}

/// The citations in `within` (prose offsets of `block`), in order: Pandoc
/// citations and footnotes that cite a source.
fn citations_in(
    block: &prose::ProseBlock,
    within: Range<usize>,
    notes: &Footnotes,
) -> Vec<DraftCitation> {
    let mut out = Vec::new();
    let Some(text) = block.text.get(within.clone()) else {
        return out;
    };
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
        out.push(DraftCitation {
            key,
            locator,
            locator_error,
            span,
            footnote,
        });
    }
    out
}

/// `text` with its citation marks blanked, byte for byte, so that offsets
/// carry over.
fn without_citations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        match mark_at(&rest[i..]) {
            Some((_, len)) => {
                out.extend(std::iter::repeat_n(' ', len));
                rest = &rest[i + len..];
            }
            None => {
                out.push('[');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A sentence as a reader reads it, and as it is checked: citation marks
/// (`[@eo, ¶4]`, `[^1]`) and the blanks before them left out, since a
/// locator's numbers are no facts of the sentence; blanks made one space.
fn reader_text(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut rest = sentence;
    while let Some(i) = rest.find('[') {
        match mark_at(&rest[i..]) {
            Some((_, len)) => {
                out.push_str(rest[..i].trim_end());
                rest = &rest[i + len..];
            }
            None => {
                out.push_str(&rest[..=i]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    let joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // A code span reads as a blank: "under `url`, was" is "under, was".
    joined.replace(" ,", ",").replace(" .", ".")
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
        // Citation marks are no words of the sentence.
        assert_eq!(
            q.sentence,
            "The order seeks “full-stack American AI technology packages”."
        );
        let c = q.citation.unwrap();
        assert_eq!(c.key, "eo");
        assert_eq!(c.locator, Some(L::Paragraphs { start: 4, end: 4 }));
        assert_eq!(&md[c.span], "[@eo, ¶4]");
        assert_eq!(q.words, 5);
    }

    #[test]
    fn every_sentence_with_its_citations_and_quotations() {
        let md = "# The order [@eo]\n\nThe order gives the Secretary of Commerce 90 days to set up the program [@eo, § \"Sec. 3\"]. It calls AI “a foundational technology” [@eo, ¶2]. No citation here.\n\n- Proposals are due within 90 days.[^n]\n\n[^n]: The order, @eo, ¶16.\n";
        let d = extract(md);
        let texts: Vec<&str> = d.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "The order gives the Secretary of Commerce 90 days to set up the program.",
                "It calls AI “a foundational technology”.",
                "No citation here.",
                "Proposals are due within 90 days."
            ]
        );
        let first = &d.sentences[0];
        assert_eq!(
            &md[first.span.clone()],
            "The order gives the Secretary of Commerce 90 days to set up the program [@eo, § \"Sec. 3\"]."
        );
        assert_eq!(first.citations.len(), 1);
        assert_eq!(
            first.citations[0].locator,
            Some(L::Section("Sec. 3".into()))
        );
        assert!(first.quotations.is_empty());
        assert_eq!(d.sentences[1].quotations, vec![0]);
        assert!(d.sentences[2].citations.is_empty());
        let note = &d.sentences[3].citations[0];
        assert_eq!(
            (note.key.as_str(), note.footnote.as_deref()),
            ("eo", Some("n"))
        );
        assert_eq!(note.locator, Some(L::Paragraphs { start: 16, end: 16 }));
    }

    #[test]
    fn a_section_title_in_a_citation_is_no_quotation() {
        let md = "Commerce must consider proposals on a rolling basis [@eo, § \"Sec. 3\"]. Also [@eo, § “Sec. 4”].";
        let d = extract(md);
        assert!(d.quotations.is_empty(), "{:?}", d.quotations);
        assert_eq!(d.sentences.len(), 2);
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
            for s in &d.sentences {
                assert!(md.get(s.span.clone()).is_some(), "{md:?} {s:?}");
                assert!(s.quotations.iter().all(|i| *i < d.quotations.len()));
            }
        }
    }
}
