//! Sentences of a block of prose: the claims of a draft, and the span in
//! which a quotation's citation is looked for. A sentence ends at `.` `!` `?`
//! or `…` followed by a blank, outside quotations and brackets, unless the
//! word before a `.` is an abbreviation or an initial (`U.S.`, `Sec.`, `M.`,
//! `p.`: [`crate::support::is_abbreviation`], the list the support check's
//! splitter uses) or a lowercase word follows; citation marks right after the
//! end (`…win.[^3]`) still belong to it. A number's decimal point (`2.5`) is
//! followed by no blank, so it never ends one.
//!
//! Why not Unicode's sentence bounds (UAX #29), which
//! [`crate::support::sentences`] uses for sources? A draft's prose holds what
//! a source's does not: quotations with sentences of their own inside (“We
//! will win. Really.” and left), which a claim must keep whole, and citation
//! marks glued after the period (`win.[^1] Next`), which UAX #29 cuts after
//! the `[`. Both need the quotation marks this module already knows; the
//! words that do not end sentences are the support splitter's.

use std::ops::Range;

use super::citation::{mark_at, DraftCitation};
use super::quotation::Marks;
use crate::support::{is_abbreviation, Lang};

/// A sentence of a draft (a paragraph's, a list item's or a table cell's;
/// headings and footnote definitions hold none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// As a reader reads it: citation marks left out, blanks made one space.
    pub text: String,
    /// Draft bytes, citation marks included.
    pub span: Range<usize>,
    /// Every citation in it, in order: Pandoc citations and footnotes whose
    /// definition names a source.
    pub citations: Vec<DraftCitation>,
    /// The quotations it holds (indices into the draft's quotations).
    pub quotations: Vec<usize>,
    /// Words of `text` (runs with a letter or digit).
    pub words: usize,
}

/// Byte offsets where the sentences of `text` end, in order; the last is the
/// end of the text.
pub fn ends(text: &str, quotes: &[Marks], lang: Lang) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut depth = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(q) = quotes.iter().find(|q| q.start <= i && i < q.end) {
            // Skip the quotation.
            while chars.peek().is_some_and(|(j, _)| *j < q.end) {
                chars.next();
            }
            // `…diplomacy.”[^2] What…`: a quotation ending its sentence.
            let inner = text[q.inner()].trim_end();
            if inner.ends_with(['.', '!', '?', '…']) {
                let mut end = q.end;
                while let Some((_, len)) = mark_at(&text[end..]) {
                    end += len;
                }
                let after = &text[end..];
                let next = after.trim_start().chars().next();
                if after.starts_with(char::is_whitespace) && next.is_some_and(char::is_uppercase) {
                    ends.push(end);
                    while chars.peek().is_some_and(|(j, _)| *j < end) {
                        chars.next();
                    }
                }
            }
            continue;
        }
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth = depth.saturating_sub(1),
            '.' | '!' | '?' | '…' if depth == 0 => {
                let mut end = i + c.len_utf8();
                while let Some((j, d)) = chars.peek().copied() {
                    if matches!(d, '.' | '!' | '?' | '…' | ')') {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                // Citation marks glued to the end belong to the sentence.
                while let Some((_, len)) = mark_at(&text[end..]) {
                    end += len;
                }
                let after = &text[end..];
                let next_word = after.trim_start().chars().next();
                let at_break = after.is_empty() || after.starts_with(char::is_whitespace);
                let abbreviation = c == '.' && abbreviation_before(&text[..i], lang);
                if at_break && !abbreviation && !next_word.is_some_and(char::is_lowercase) {
                    ends.push(end);
                }
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    if ends.last() != Some(&text.len()) {
        ends.push(text.len());
    }
    ends
}

/// Whether the word right before a period is an abbreviation.
fn abbreviation_before(before: &str, lang: Lang) -> bool {
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '.' | '°'))
        .last()
        .map_or(before.len(), |(i, _)| i);
    is_abbreviation(&before[start..], lang)
}

/// Every sentence of `text`, from the ends [`ends`] gives, trimmed of
/// blanks; empty ones left out.
pub fn all(text: &str, ends: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for &end in ends {
        let Some(s) = text.get(start..end) else {
            continue;
        };
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead + trail < s.len() {
            out.push(start + lead..end - trail);
        }
        start = end;
    }
    out
}

/// The sentence holding `quote`, trimmed of blanks.
pub fn around(text: &str, ends: &[usize], quote: &Marks) -> Range<usize> {
    let start = ends
        .iter()
        .rev()
        .find(|e| **e <= quote.start)
        .copied()
        .unwrap_or(0);
    let end = ends
        .iter()
        .find(|e| **e >= quote.end)
        .copied()
        .unwrap_or(text.len());
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    start + lead..(end - trail).max(start + lead)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::quotation::find;

    fn sentence_of(text: &str, n: usize) -> &str {
        let quotes = find(text);
        let ends = ends(text, &quotes, Lang::guess(text));
        &text[around(text, &ends, &quotes[n])]
    }

    #[test]
    fn the_sentence_around_a_quotation() {
        let text = "First one. Then he said “we will win. Really.” and left [@x]. After.";
        assert_eq!(
            sentence_of(text, 0),
            "Then he said “we will win. Really.” and left [@x]."
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "The U.S. Department said “we act” under Sec. 3 of the order. Next.";
        assert_eq!(
            sentence_of(text, 0),
            "The U.S. Department said “we act” under Sec. 3 of the order."
        );
        let text = "M. Kratsios a dit « nous gagnerons ». Fin.";
        assert_eq!(
            sentence_of(text, 0),
            "M. Kratsios a dit « nous gagnerons »."
        );
    }

    #[test]
    fn a_quotation_may_end_its_sentence() {
        let text = "He said: “We will win.”[^1] Then he left “for good and all”.";
        assert_eq!(sentence_of(text, 0), "He said: “We will win.”[^1]");
        assert_eq!(sentence_of(text, 1), "Then he left “for good and all”.");
        let text = "“We will win,” he said.";
        assert_eq!(sentence_of(text, 0), "“We will win,” he said.");
    }

    #[test]
    fn footnote_marks_after_the_period_belong_to_the_sentence() {
        let text = "He said “we will win”.[^1] Next one.";
        assert_eq!(sentence_of(text, 0), "He said “we will win”.[^1]");
    }

    fn split(text: &str) -> Vec<&str> {
        let ends = ends(text, &find(text), Lang::guess(text));
        all(text, &ends).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn english_sentences_from_the_drafts_and_seeds() {
        assert_eq!(
            split("The order gives the Secretary of Commerce 90 days to set up the program [@eo, § \"Sec. 3\"]. Proposals are due 90 days after the call [@eo, ¶16]."),
            vec![
                "The order gives the Secretary of Commerce 90 days to set up the program [@eo, § \"Sec. 3\"].",
                "Proposals are due 90 days after the call [@eo, ¶16]."
            ]
        );
        assert_eq!(
            split("The U.S. Department of Commerce leads under Sec. 3 of the order, see p. 3. Dr. Smith agreed."),
            vec![
                "The U.S. Department of Commerce leads under Sec. 3 of the order, see p. 3.",
                "Dr. Smith agreed."
            ]
        );
        // Decimals, and a citation glued after the period.
        assert_eq!(
            split("Exports grew 2.5 times in 2024.[^1] The plan lists over 90 actions."),
            vec![
                "Exports grew 2.5 times in 2024.[^1]",
                "The plan lists over 90 actions."
            ]
        );
        // A quotation that ends its sentence, inside or outside the marks.
        assert_eq!(
            split("He said: “Our hope is that AI will be a powerful tool for bilateral diplomacy.”[^apec] What he called “AI diplomacy” rests on a comparison. He added \"we will win\". Then he left."),
            vec![
                "He said: “Our hope is that AI will be a powerful tool for bilateral diplomacy.”[^apec]",
                "What he called “AI diplomacy” rests on a comparison.",
                "He added \"we will win\".",
                "Then he left."
            ]
        );
        // "me." ends an English sentence.
        assert_eq!(split("Ask me. Then go."), vec!["Ask me.", "Then go."]);
    }

    #[test]
    fn french_sentences_with_guillemets_and_french_spacing() {
        let text = "M. Kratsios a défendu le Plan d’action, «\u{202f}lancé par le président Donald Trump le 23 juillet 2025\u{202f}» [@article, ¶2]. «\u{a0}Notre souhait est clair.\u{a0}» Mme Dupont l’a lu. Le plan prévoit 1,5 milliard de dollars\u{a0}! Et de conclure\u{a0}: «\u{a0}Nous gagnerons\u{a0}».";
        assert_eq!(
            split(text),
            vec![
                "M. Kratsios a défendu le Plan d’action, «\u{202f}lancé par le président Donald Trump le 23 juillet 2025\u{202f}» [@article, ¶2].",
                "«\u{a0}Notre souhait est clair.\u{a0}»",
                "Mme Dupont l’a lu.",
                "Le plan prévoit 1,5 milliard de dollars\u{a0}!",
                "Et de conclure\u{a0}: «\u{a0}Nous gagnerons\u{a0}»."
            ]
        );
        // A quotation with sentences of its own stays whole.
        assert_eq!(
            split("Il a dit : « C’est fini. Vraiment. » puis il est parti."),
            vec!["Il a dit : « C’est fini. Vraiment. » puis il est parti."]
        );
    }
}
