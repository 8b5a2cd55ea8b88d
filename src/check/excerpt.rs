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
/// claim's words it holds marked (ranges of `doc.text`, in order).
pub fn evidence_location(
    source: &LoadedSource,
    doc: &Document,
    text: Range<usize>,
    words: &[Range<usize>],
) -> Location {
    build(source, doc, doc.text_to_folded(text), words)
}

/// `words` are ranges of `doc.text`; only those an excerpt line shows are
/// mapped to the file and given columns, so that a passage of a whole large
/// source (millions of words marked) costs what the few shown do.
fn build(
    source: &LoadedSource,
    doc: &Document,
    folded: Range<usize>,
    words: &[Range<usize>],
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
        excerpt: excerpt(doc, start, end, words),
    }
}

fn excerpt(
    doc: &Document,
    start: Position,
    end: Position,
    words: &[Range<usize>],
) -> Vec<ExcerptLine> {
    let (line, end_line) = (start.line, end.line);
    let lines: Vec<usize> = if end_line - line < 2 * HEAD_LINES {
        (line..=end_line).collect()
    } else {
        (line..line + HEAD_LINES)
            .chain(end_line + 1 - HEAD_LINES..=end_line)
            .collect()
    };
    let words = Words::new(doc, words);
    lines
        .into_iter()
        .map(|n| {
            let held = doc.line(n).unwrap_or_default();
            let text = held.trim_end();
            let len = text.chars().count();
            let mark_start = if n == line {
                start.column - 1
            } else {
                leading_space(text)
            };
            let mark_end = if n == end_line { end.column } else { len };
            cut(doc, &words, n, text, mark_start.min(len), mark_end.min(len))
        })
        .collect()
}

/// The words to mark, as ranges of `doc.text`, mapped to the file one by
/// one when asked for.
struct Words<'a> {
    doc: &'a Document,
    text: &'a [Range<usize>],
    /// In file order (they always are): found by binary search.
    sorted: bool,
}

impl<'a> Words<'a> {
    fn new(doc: &'a Document, text: &'a [Range<usize>]) -> Self {
        let sorted = text.windows(2).all(|w| w[0].start <= w[1].start);
        Words { doc, text, sorted }
    }

    fn raw(&self, i: usize) -> Range<usize> {
        self.doc.text_map.to_source(self.text[i].clone())
    }

    /// The words (as raw ranges) starting in `raw[lo..hi)`, in order.
    fn starting_in(&self, lo: usize, hi: usize) -> Vec<Range<usize>> {
        if !self.sorted {
            return (0..self.text.len())
                .map(|i| self.raw(i))
                .filter(|r| (lo..hi).contains(&r.start))
                .collect();
        }
        // The map is monotone: raw starts are in order too.
        let first = partition(self.text.len(), |i| self.raw(i).start < lo);
        (first..self.text.len())
            .map(|i| self.raw(i))
            .take_while(|r| r.start < hi)
            .collect()
    }
}

/// The first `i` in `0..n` where `before(i)` is false (`before` monotone).
fn partition(n: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

fn leading_space(text: &str) -> usize {
    text.chars().take_while(|c| c.is_whitespace()).count()
}

/// The byte offset of character `n` of `text` (its length past the end).
fn char_offset(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// Excerpt line `line` of the file, whose text (trimmed at the end) is
/// `text`: cut to [`WIDTH`] characters around its mark when longer, with the
/// words it shows marked. A word is marked when it starts and ends on the
/// line and, on a cut line, lies in the part shown.
fn cut(
    doc: &Document,
    words: &Words,
    line: usize,
    text: &str,
    mark_start: usize,
    mark_end: usize,
) -> ExcerptLine {
    let len = text.chars().count();
    let line_bytes = doc.line_range(line).unwrap_or(0..0);
    // Where `text` starts in the file (after a BOM on line 1).
    let content = doc.line_content_range(line).map_or(0, |r| r.start);
    let (from, to) = if len <= WIDTH {
        (0, len)
    } else {
        let from = mark_start.saturating_sub(20).min(len.saturating_sub(WIDTH));
        (from, (from + WIDTH).min(len))
    };
    let (from_byte, to_byte) = (char_offset(text, from), char_offset(text, to));
    // Columns count characters from `content`; a cut line counts on from
    // its first shown character.
    let anchor = content + from_byte;
    let column = |at: usize| {
        let mut at = at.min(doc.raw.len());
        while !doc.raw.is_char_boundary(at) {
            at -= 1;
        }
        from + doc
            .raw
            .chunks(anchor.min(at)..at)
            .map(|c| c.chars().count())
            .sum::<usize>()
    };
    let (lo, hi) = if len <= WIDTH {
        (line_bytes.start, line_bytes.end)
    } else {
        let lo = if from == 0 { line_bytes.start } else { anchor };
        (lo, content + to_byte)
    };
    let marked: Vec<[usize; 2]> = words
        .starting_in(lo, hi)
        .into_iter()
        .filter_map(|w| {
            let last = w.end.saturating_sub(1).max(w.start);
            (last < hi).then(|| [column(w.start), column(last) + 1])
        })
        .collect();
    if len <= WIDTH {
        return ExcerptLine {
            line,
            text: text.to_string(),
            mark_start,
            mark_end,
            words: marked,
        };
    }
    let mut shown = text[from_byte..to_byte].to_string();
    let mut offset = 0;
    if from > 0 {
        shown.insert(0, '…');
        offset = 1;
    }
    if to < len {
        shown.push('…');
    }
    let clamp = |c: usize| c.clamp(from, to) - from + offset;
    ExcerptLine {
        line,
        text: shown,
        mark_start: clamp(mark_start),
        mark_end: clamp(mark_end),
        words: marked
            .into_iter()
            .map(|[s, e]| [clamp(s), clamp(e)])
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{load_bytes, Format};

    fn doc(s: &str) -> Document {
        load_bytes(s.as_bytes(), Format::Text).unwrap()
    }

    fn line(doc: &Document, words: &[Range<usize>], n: usize, mark: [usize; 2]) -> ExcerptLine {
        let held = doc.line(n).unwrap();
        let text = held.trim_end();
        cut(doc, &Words::new(doc, words), n, text, mark[0], mark[1])
    }

    #[test]
    fn short_lines_are_kept_whole() {
        let d = doc("one\ntwo\na quote here\n");
        let l = line(&d, &[], 3, [2, 7]);
        assert_eq!(
            (l.text.as_str(), l.mark_start, l.mark_end),
            ("a quote here", 2, 7)
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_mark() {
        let text = format!("{}QUOTE{}", "x".repeat(300), "y".repeat(300));
        let d = doc(&text);
        for words in [vec![300..302, 5..9], vec![5..9, 300..302]] {
            let l = line(&d, &words, 1, [300, 305]);
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

    /// The excerpt as it was computed before words were only mapped when
    /// shown: every word's position, then the filter.
    fn reference(
        doc: &Document,
        words: &[Range<usize>],
        n: usize,
        mark: [usize; 2],
    ) -> ExcerptLine {
        let held = doc.line(n).unwrap();
        let text = held.trim_end();
        let positions: Vec<(Position, Position)> = words
            .iter()
            .map(|w| doc.text_map.to_source(w.clone()))
            .map(|w| {
                (
                    doc.position(w.start),
                    doc.position(w.end.saturating_sub(1).max(w.start)),
                )
            })
            .collect();
        let on_line: Vec<[usize; 2]> = positions
            .iter()
            .filter(|(s, e)| s.line == n && e.line == n)
            .map(|(s, e)| [s.column - 1, e.column])
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let (mark_start, mark_end) = (mark[0], mark[1]);
        if chars.len() <= WIDTH {
            return ExcerptLine {
                line: n,
                text: text.to_string(),
                mark_start,
                mark_end,
                words: on_line,
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
            line: n,
            text: shown,
            mark_start: clamp(mark_start),
            mark_end: clamp(mark_end),
            words: on_line
                .into_iter()
                .filter(|[s, e]| *s >= from && *e <= to)
                .map(|[s, e]| [clamp(s), clamp(e)])
                .collect(),
        }
    }

    #[test]
    fn marked_words_are_those_of_the_full_computation() {
        let long = "mot é ".repeat(60);
        let src = format!("\u{feff}début {long}fin\r\n\nshort line\n  {long}\nlast {long}");
        let d = doc(&src);
        // Every word of the text (by spaces), as ranges of `doc.text`.
        let mut words = Vec::new();
        let mut at = 0;
        for w in d.text.split(|c: char| c.is_whitespace()) {
            if !w.is_empty() {
                words.push(at..at + w.len());
            }
            at += w.len() + 1;
        }
        for n in 1..=d.line_count() {
            let len = d.line(n).unwrap().trim_end().chars().count();
            for mark in [[0, len], [3, 9], [len / 2, len], [len, len]] {
                let mark = [mark[0].min(len), mark[1].min(len)];
                assert_eq!(
                    line(&d, &words, n, mark),
                    reference(&d, &words, n, mark),
                    "line {n}, mark {mark:?}"
                );
            }
        }
    }
}
