//! A found quote as a reader sees it: line, column, paragraph, page, and the
//! source lines with the quote marked.

use std::ops::Range;

use crate::report::{ExcerptLine, Location};
use crate::source::pdf::UNNUMBERED;
use crate::source::{Document, Position};

use super::LoadedSource;

/// The widest excerpt line shown, in characters; longer lines are cut around
/// the mark.
const WIDTH: usize = 100;
/// Lines of a long match shown before and after the cut.
const HEAD_LINES: usize = 3;

/// The location of a match made of `fragments` (folded ranges, in order).
pub fn location(source: &LoadedSource, doc: &Document, fragments: &[Range<usize>]) -> Location {
    let folded = fragments[0].start..fragments[fragments.len() - 1].end;
    build(source, doc, folded, &[])
}

/// The location of an evidence passage (a range of `doc.text`) with the
/// claim's words it holds marked (ranges of `doc.text`).
pub fn evidence_location(
    source: &LoadedSource,
    doc: &Document,
    text: Range<usize>,
    words: &[Range<usize>],
) -> Location {
    let raw_words: Vec<Range<usize>> = words
        .iter()
        .map(|w| doc.text_map.to_source(w.clone()))
        .collect();
    build(source, doc, doc.text_to_folded(text), &raw_words)
}

fn build(
    source: &LoadedSource,
    doc: &Document,
    folded: Range<usize>,
    raw_words: &[Range<usize>],
) -> Location {
    let raw = doc.folded_to_raw(folded.clone());
    let text = doc.folded_to_text(folded);
    let start = doc.position(raw.start);
    let end = doc.position(raw.end.saturating_sub(1).max(raw.start));
    // Unnumbered pages (a cover, front matter) are not cited by number.
    let printed = |at: usize| {
        doc.page_at(at)
            .map(|p| p.label)
            .filter(|l| *l != UNNUMBERED)
    };
    let page = printed(text.start);
    let end_page = printed(text.end.saturating_sub(1).max(text.start));
    let words: Vec<(Position, Position)> = raw_words
        .iter()
        .map(|w| {
            (
                doc.position(w.start),
                doc.position(w.end.saturating_sub(1).max(w.start)),
            )
        })
        .collect();
    Location {
        source: source.key.clone(),
        path: source.path.clone(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        paragraph: doc.block_at(text.start).map(|b| b.paragraph),
        page,
        end_page: end_page.filter(|e| Some(*e) != page),
        byte_start: raw.start,
        byte_end: raw.end,
        excerpt: excerpt(doc, start, end, &words),
    }
}

fn excerpt(
    doc: &Document,
    start: Position,
    end: Position,
    words: &[(Position, Position)],
) -> Vec<ExcerptLine> {
    let (line, end_line) = (start.line, end.line);
    let lines: Vec<usize> = if end_line - line < 2 * HEAD_LINES {
        (line..=end_line).collect()
    } else {
        (line..line + HEAD_LINES)
            .chain(end_line + 1 - HEAD_LINES..=end_line)
            .collect()
    };
    lines
        .into_iter()
        .map(|n| {
            let text = doc.line(n).unwrap_or_default().trim_end();
            let len = text.chars().count();
            let mark_start = if n == line {
                start.column - 1
            } else {
                leading_space(text)
            };
            let mark_end = if n == end_line { end.column } else { len };
            let on_line: Vec<[usize; 2]> = words
                .iter()
                .filter(|(s, e)| s.line == n && e.line == n)
                .map(|(s, e)| [s.column - 1, e.column])
                .collect();
            cut(n, text, mark_start.min(len), mark_end.min(len), on_line)
        })
        .collect()
}

fn leading_space(text: &str) -> usize {
    text.chars().take_while(|c| c.is_whitespace()).count()
}

/// Cuts a long line to [`WIDTH`] characters around its mark.
fn cut(
    line: usize,
    text: &str,
    mark_start: usize,
    mark_end: usize,
    words: Vec<[usize; 2]>,
) -> ExcerptLine {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= WIDTH {
        return ExcerptLine {
            line,
            text: text.to_string(),
            mark_start,
            mark_end,
            words,
        };
    }
    let from = mark_start
        .saturating_sub(20)
        .min(chars.len().saturating_sub(WIDTH));
    let to = (from + WIDTH).min(chars.len());
    let mut shown: String = chars[from..to].iter().collect();
    let mut offset = 0;
    if from > 0 {
        shown.insert(0, '…');
        offset = 1;
    }
    if to < chars.len() {
        shown.push('…');
    }
    let clamp = |c: usize| c.clamp(from, to) - from + offset;
    ExcerptLine {
        line,
        text: shown,
        mark_start: clamp(mark_start),
        mark_end: clamp(mark_end),
        words: words
            .into_iter()
            .filter(|[s, e]| *s >= from && *e <= to)
            .map(|[s, e]| [clamp(s), clamp(e)])
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_kept_whole() {
        let l = cut(3, "a quote here", 2, 7, vec![]);
        assert_eq!(
            (l.text.as_str(), l.mark_start, l.mark_end),
            ("a quote here", 2, 7)
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_mark() {
        let text = format!("{}QUOTE{}", "x".repeat(300), "y".repeat(300));
        let l = cut(1, &text, 300, 305, vec![[300, 302], [5, 9]]);
        assert_eq!(
            l.words,
            vec![[l.mark_start, l.mark_start + 2]],
            "words outside the window are dropped"
        );
        assert!(l.text.starts_with('…') && l.text.ends_with('…'));
        assert_eq!(l.text.chars().count(), WIDTH + 2);
        let marked: String = l
            .text
            .chars()
            .skip(l.mark_start)
            .take(l.mark_end - l.mark_start)
            .collect();
        assert_eq!(marked, "QUOTE");
    }
}
