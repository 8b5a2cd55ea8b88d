//! Sentences of a block of prose, for the claim a quotation stands in and for
//! the citation that follows it. A sentence ends at `.` `!` `?` or `…`
//! followed by a blank, outside quotations and brackets, unless the word
//! before a `.` is an abbreviation or a single capital (`U.S.`, `Sec.`,
//! `M.`) or a lowercase word follows; citation marks right after the end
//! (`…win.[^3]`) still belong to it.

use std::ops::Range;

use super::citation::mark_at;
use super::quotation::Marks;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sec", "secs", "no", "nos", "p", "pp", "vol", "art", "fig",
    "al", "etc", "e.g", "i.e", "vs", "cf", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "gen",
    "gov", "sen", "rep", "mme", "mlle", "cf",
];

/// Byte offsets where the sentences of `text` end, in order; the last is the
/// end of the text.
pub fn ends(text: &str, quotes: &[Marks]) -> Vec<usize> {
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
                let abbreviation = c == '.' && is_abbreviation(&text[..i]);
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

fn is_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let single_capital = {
        let mut cs = word.rsplit('.').next().unwrap_or("").chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
    };
    single_capital || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
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
        let ends = ends(text, &quotes);
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
}
