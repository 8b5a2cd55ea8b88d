//! A chunk as it is parsed: with what is written before and after it (a
//! bridge line, footnote definitions), and its events taken back out.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::markdown_seam::{is_blank, is_quote_blank, line_start, terminator_start};

/// A chunk with what is written before and after it, as it is parsed.
pub(crate) struct Framed<'s> {
    pub(crate) text: Cow<'s, str>,
    /// Where the chunk lies in `text`.
    pub(crate) at: usize,
    end: usize,
    /// Where it starts in the source.
    start: usize,
}

impl<'s> Framed<'s> {
    pub(crate) fn new(source: &'s str, range: Range<usize>, before: &str, after: &str) -> Self {
        let piece = &source[range.clone()];
        let text = if before.is_empty() && after.is_empty() {
            Cow::Borrowed(piece)
        } else {
            Cow::Owned([before, piece, after].concat())
        };
        let end = if after.is_empty() {
            usize::MAX
        } else {
            before.len() + piece.len()
        };
        Framed {
            text,
            at: before.len(),
            end,
            start: range.start,
        }
    }

    /// The chunk's events, with their ranges in the source: not those of what
    /// is written around it, nor the start of a list or a quote that goes on
    /// from the chunk before, nor the end of one that goes on into the next.
    pub(crate) fn events<'e>(
        &self,
        events: impl Iterator<Item = (Event<'e>, Range<usize>)>,
    ) -> impl Iterator<Item = (Event<'e>, Range<usize>)> {
        let (at, end, start) = (self.at, self.end, self.start);
        // For each open element, whether it started in the chunk.
        let mut open = Vec::new();
        events
            .filter(move |(e, r)| {
                let inside = r.start >= at && r.start < end;
                match e {
                    Event::Start(_) => {
                        open.push(inside);
                        inside
                    }
                    Event::End(tag) => {
                        let started_inside = open.pop().unwrap_or(false);
                        let top = open.is_empty();
                        let goes_on = top
                            && matches!(tag, TagEnd::List(_) | TagEnd::BlockQuote(_))
                            && r.end > end;
                        !goes_on && (started_inside || (r.start < at && r.end > at))
                    }
                    _ => inside,
                }
            })
            // One going on from before starts, here, where the chunk does.
            .map(move |(e, r)| (e, r.start.max(at) - at + start..r.end.min(end) - at + start))
    }

    /// Whether the parse leaves nothing open at the chunk's end: every event
    /// of the chunk ends before its final blank (or `>`) lines, but for lists,
    /// items, footnote definitions and quotes, which the next line, not
    /// indented, closes or continues as the whole text's does.
    pub(crate) fn ends_closed(&self, events: &[(Event<'_>, Range<usize>)]) -> bool {
        let b = &self.text.as_bytes()[..self.end.min(self.text.len())];
        let mut blank = b.len();
        while blank > self.at && b[blank - 1] == b'\n' {
            let end = terminator_start(b, blank);
            let start = line_start(b, end);
            if !is_blank(&b[start..end]) && !is_quote_blank(&b[start..end]) {
                break;
            }
            blank = start;
        }
        events.iter().all(|(e, r)| {
            r.start < self.at
                || r.start >= b.len()
                || r.end <= blank
                || matches!(
                    e,
                    Event::Start(
                        Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_) | Tag::BlockQuote(_)
                    ) | Event::End(
                        TagEnd::List(_)
                            | TagEnd::Item
                            | TagEnd::FootnoteDefinition
                            | TagEnd::BlockQuote(_)
                    )
                )
        })
    }

    /// Whether one of the `openers` (lines of the chunk) begins a block, where
    /// pulldown-cmark would look for a metadata block's closing line past the
    /// chunk: a thematic break or any block (a paragraph, a setext heading,
    /// a table, found by fuzzing) starts on it.
    pub(crate) fn opens_metadata(
        &self,
        events: &[(Event<'_>, Range<usize>)],
        openers: &[Range<usize>],
    ) -> bool {
        !openers.is_empty()
            && events.iter().any(|(e, r)| {
                matches!(e, Event::Rule | Event::Start(_))
                    && openers
                        .iter()
                        .any(|line| (line.start + self.at..=line.end + self.at).contains(&r.start))
            })
    }

    /// Whether a list or a quote of the chunk goes on into what is written
    /// after it (and so, in the whole text, into the next chunk).
    pub(crate) fn goes_on(&self, events: &[(Event<'_>, Range<usize>)]) -> bool {
        events.iter().any(|(e, r)| {
            matches!(e, Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)))
                && r.start < self.end
                && r.end > self.end
        })
    }
}
