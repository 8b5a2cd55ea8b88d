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
            let text = LineText::new(doc, n);
            let len = text.len();
            let mark_start = if n == line {
                start.column - 1
            } else {
                text.chars().take_while(|c| c.is_whitespace()).count()
            };
            let mark_end = if n == end_line { end.column } else { len };
            cut(
                doc,
                &words,
                n,
                &text,
                mark_start.min(len),
                mark_end.min(len),
            )
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

/// A line of the file without its end and the white space before it, read
/// through the file's pieces, not copied: a line may be the whole file (a
/// file of lone CRs), and an excerpt shows 100 characters of it.
struct LineText<'a> {
    doc: &'a Document,
    /// Its bytes in the file.
    bytes: Range<usize>,
}

impl<'a> LineText<'a> {
    fn new(doc: &'a Document, line: usize) -> Self {
        let Some(bytes) = doc.line_content_range(line) else {
            return LineText { doc, bytes: 0..0 };
        };
        let mut end = bytes.end;
        while end > bytes.start {
            let mut from = end.saturating_sub(4).max(bytes.start);
            while !doc.raw.is_char_boundary(from) {
                from += 1;
            }
            match doc.raw.slice(from..end).chars().next_back() {
                Some(c) if c.is_whitespace() => end -= c.len_utf8(),
                _ => break,
            }
        }
        LineText {
            doc,
            bytes: bytes.start..end,
        }
    }

    fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.doc.raw.chunks(self.bytes.clone()).flat_map(str::chars)
    }

    /// Its length in characters.
    fn len(&self) -> usize {
        self.doc
            .raw
            .chunks(self.bytes.clone())
            .map(|c| c.chars().count())
            .sum()
    }

    /// The byte offset (from its start) of character `n` (its length past
    /// the end).
    fn char_offset(&self, n: usize) -> usize {
        let mut at = 0;
        let mut left = n;
        for chunk in self.doc.raw.chunks(self.bytes.clone()) {
            match chunk.char_indices().nth(left) {
                Some((i, _)) => return at + i,
                None => {
                    left -= chunk.chars().count();
                    at += chunk.len();
                }
            }
        }
        at
    }

    /// Its bytes `range` (offsets from its start).
    fn slice(&self, range: Range<usize>) -> String {
        let start = self.bytes.start;
        self.doc
            .raw
            .slice(start + range.start..start + range.end)
            .into_owned()
    }
}

/// Excerpt line `line` of the file, whose text (trimmed at the end) is
/// `text`: cut to [`WIDTH`] characters around its mark when longer, with the
/// words it shows marked. A word is marked when it starts and ends on the
/// line and, on a cut line, lies in the part shown.
fn cut(
    doc: &Document,
    words: &Words,
    line: usize,
    text: &LineText,
    mark_start: usize,
    mark_end: usize,
) -> ExcerptLine {
    let len = text.len();
    let line_bytes = doc.line_range(line).unwrap_or(0..0);
    // Where `text` starts in the file (after a BOM on line 1).
    let content = doc.line_content_range(line).map_or(0, |r| r.start);
    let (from, to) = if len <= WIDTH {
        (0, len)
    } else {
        let from = mark_start.saturating_sub(20).min(len.saturating_sub(WIDTH));
        (from, (from + WIDTH).min(len))
    };
    let (from_byte, to_byte) = (text.char_offset(from), text.char_offset(to));
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
            text: text.slice(0..text.bytes.len()),
            mark_start,
            mark_end,
            words: marked,
        };
    }
    let mut shown = text.slice(from_byte..to_byte);
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
        let text = LineText::new(doc, n);
        cut(doc, &Words::new(doc, words), n, &text, mark[0], mark[1])
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

    #[test]
    fn a_line_made_of_many_pieces_is_read_without_a_copy_and_cut_the_same() {
        // Markdown keeps its file as pieces of the text: a long line with
        // markup and non-ASCII text spans many, and lone CRs make the whole
        // file one line.
        let body: String = (0..40).map(|i| format!("*é{i}* «w» \r")).collect();
        let text = format!("{body}QUOTE here \u{a0} \n");
        let d = load_bytes(text.as_bytes(), Format::Markdown).unwrap();
        let held = d.line(1).unwrap();
        let whole = held.trim_end();
        let t = LineText::new(&d, 1);
        assert_eq!(t.slice(0..t.bytes.len()), whole, "trailing space trimmed");
        assert_eq!(t.len(), whole.chars().count());
        for n in [0, 1, 7, 150, whole.chars().count()] {
            let want = whole.char_indices().nth(n).map_or(whole.len(), |(i, _)| i);
            assert_eq!(t.char_offset(n), want, "char {n}");
        }
        let at = whole.chars().position(|c| c == 'Q').unwrap();
        let l = line(&d, &[], 1, [at, at + 5]);
        let marked: String = l.text.chars().skip(l.mark_start).take(5).collect();
        assert_eq!(marked, "QUOTE");
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
