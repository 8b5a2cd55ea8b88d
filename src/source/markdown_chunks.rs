//! Large Markdown parsed in chunks. pulldown-cmark builds the tree of its whole
//! text before the first event (1.5 to 3 bytes of tree per byte), so a 100 MB
//! file cost that much beside itself; parsed a chunk (1 MiB or so) at a time,
//! the tree is one chunk's. The events are those of the whole text, offsets
//! included, but for the ranges of containers and paragraphs that go on
//! across chunks, and links' targets (the loader reads neither).
//!
//! Where a chunk may end ([`Seam`]): before a paragraph or a heading after a
//! blank line; before a list item or a quote's line that goes on with a
//! paragraph (a bridge line written after the chunk and before the next lets
//! each parse see the container go on, and the events of its end and
//! restart are dropped); failing those, between two lines of a paragraph
//! where nothing reaches across ([`markdown_line_cut`](super::markdown_line_cut)).
//! Such a line continues nothing that a blank line (or the chunk's own
//! parse) leaves open but fenced code, HTML blocks and metadata blocks, so a
//! chunk is kept only if its parse leaves nothing open at its end, and no
//! `---`/`+++` line in it begins a block (pulldown-cmark looks for a metadata
//! block's closing line to the end of its text); else the chunk grows.
//!
//! Inlines stay inside their block, but for two things that are
//! document-wide: link reference and footnote definitions. A file holding
//! `]:` is read twice: once for the chunks and the labels they define
//! ([`Definitions`]), then each chunk is parsed knowing them all.
//!
//! Cuts follow an LF: pulldown-cmark reads a lone CR as a line end in a
//! paragraph but not in indented code or a metadata block. One place the
//! chunks may still differ: pulldown-cmark stops expanding references once
//! their targets add up to the length of its text (a guard against output
//! that grows as the square of the input); a chunk's own targets count
//! against the chunk's length, and targets from other chunks not at all.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::markdown_definitions::Definitions;
use super::markdown_framed::Framed;
use super::markdown_line_cut::{
    events_per_side, goes_into, join, line_cut_after, paragraph_goes_on, Underlines,
};
use super::markdown_metadata::metadata_openers;
use super::markdown_seam::{cut_after, line_start, terminator_start, Seam};

/// The size of a chunk, and the smallest file parsed in chunks.
pub(crate) const CHUNK_BYTES: usize = 1 << 20;

/// A chunk: its range, how it meets the next, and whether a list or a quote
/// goes on into the next (a paragraph goes on by its seam alone).
#[derive(Clone, Debug)]
struct Chunk {
    range: Range<usize>,
    seam: Seam,
    goes_on: bool,
}

/// Calls `f` with each event of `source` and its range, as
/// `Parser::new_ext(source, options).into_offset_iter()` yields them, parsing
/// `chunk` bytes or so at a time where that gives the same events. Answers
/// the number of chunks parsed.
pub(crate) fn for_each_event(
    source: &str,
    options: Options,
    chunk: usize,
    mut f: impl FnMut(Event<'_>, Range<usize>),
) -> usize {
    if source.len() <= chunk {
        Parser::new_ext(source, options)
            .into_offset_iter()
            .for_each(|(e, r)| f(e, r));
        return 1;
    }
    if memchr::memmem::find(source.as_bytes(), b"]:").is_none() {
        return for_each_chunk(source, options, chunk, None, |_, events| {
            events.for_each(|(e, r)| f(e, r))
        });
    }
    let mut defs = Definitions::default();
    let mut chunks = Vec::new();
    for_each_chunk(source, options, chunk, Some(&mut defs), |c, events| {
        events.for_each(drop);
        chunks.push(c.clone());
    });
    defs.seal();
    let mut goes_on_from = "";
    let mut paragraph_from = None;
    for c in &chunks {
        let last = c.range.end == source.len();
        let lines = if c.range.start == 0 && last {
            String::new()
        } else {
            defs.footnote_lines(&source[c.range.clone()])
        };
        // Footnote definitions after the chunk (after a blank line, if it
        // ends inside a paragraph), or before the last (which may end inside
        // anything); the first, which may begin with anything, is never last
        // here.
        let (before, after) = if last {
            (lines + goes_on_from, String::new())
        } else {
            let blank = if c.seam.in_paragraph() && !lines.is_empty() {
                "\n"
            } else {
                ""
            };
            (
                goes_on_from.to_string(),
                [c.seam.after(), blank, &lines].concat(),
            )
        };
        let callback = |link| defs.resolve(&link);
        let framed = Framed::new(source, c.range.clone(), &before, &after);
        let parse = Parser::new_with_broken_link_callback(&framed.text, options, Some(callback));
        let events = framed.events(parse.into_offset_iter());
        if last {
            let skip = paragraph_from.map_or(0, events_per_side);
            events.skip(skip).for_each(|(e, r)| f(e, r));
        } else {
            let into = goes_into(c.seam, source.as_bytes(), c.range.end);
            join(events, paragraph_from, into)
                .into_iter()
                .for_each(|(e, r)| f(e, r));
        }
        goes_on_from = if c.goes_on { c.seam.before() } else { "" };
        paragraph_from = c.seam.in_paragraph().then_some(c.seam);
    }
    chunks.len()
}

/// Cuts `source` into chunks whose own parse leaves nothing open, and calls
/// `f` with each one and its events (ranges in `source`), noting the labels
/// they define in `defs`. Answers the number of chunks. The events of the
/// last come as they are parsed, the others' once the chunk is known closed
/// and its parser (the tree: the most of the memory) is gone.
fn for_each_chunk(
    source: &str,
    options: Options,
    chunk: usize,
    mut defs: Option<&mut Definitions>,
    mut f: impl FnMut(&Chunk, &mut dyn Iterator<Item = (Event<'_>, Range<usize>)>),
) -> usize {
    let mut chunks = 0;
    let mut start = 0;
    let mut want = chunk.max(1);
    let mut before = "";
    let mut paragraph_from = None;
    let mut underlines = Underlines::default();
    while start < source.len() {
        let from = start.saturating_add(want);
        let block = cut_after(source, from);
        // A paragraph is cut only where no block boundary is near.
        let cut = match block {
            Some((p, _)) if p - start <= want.saturating_mul(2) => block,
            _ => line_cut_after(source, from, &mut underlines)
                .filter(|&(p, _)| block.is_none_or(|(q, _)| p < q))
                .or(block),
        };
        let (end, seam) = cut.unwrap_or((source.len(), Seam::Block));
        let b = source.as_bytes();
        let last_line = line_start(b, terminator_start(b, end.max(1)));
        let last = end == source.len();
        let openers = if last {
            Vec::new()
        } else {
            metadata_openers(&source[start..end])
        };
        let after = if last { "" } else { seam.after() };
        let framed = Framed::new(source, start..end, before, after);
        let mut parse = Parser::new_ext(&framed.text, options).into_offset_iter();
        let events = if last {
            None
        } else {
            let events: Vec<_> = parse.by_ref().collect();
            if !framed.ends_closed(&events)
                || framed.opens_metadata(&events, &openers)
                || (seam.in_paragraph()
                    && !paragraph_goes_on(&events, seam, framed.at + last_line - start))
            {
                want = want.saturating_mul(2);
                continue;
            }
            Some(events)
        };
        if let Some(defs) = defs.as_deref_mut() {
            defs.add_links(parse.reference_definitions());
        }
        let mut note = |event| note_footnote(defs.as_deref_mut(), event);
        let c = Chunk {
            range: start..end,
            seam,
            goes_on: events.as_deref().is_some_and(|e| framed.goes_on(e)),
        };
        match events {
            None => {
                let skip = paragraph_from.map_or(0, events_per_side);
                f(&c, &mut framed.events(parse.map(&mut note)).skip(skip))
            }
            Some(events) => {
                drop(parse);
                let into = goes_into(seam, source.as_bytes(), end);
                let events = framed.events(events.into_iter().map(&mut note));
                f(&c, &mut join(events, paragraph_from, into).into_iter());
            }
        }
        paragraph_from = seam.in_paragraph().then_some(seam);
        before = if c.goes_on { seam.before() } else { "" };
        start = end;
        want = chunk.max(1);
        chunks += 1;
    }
    chunks
}

/// Passes an event on, noting the label of a footnote definition.
fn note_footnote<'e>(
    defs: Option<&mut Definitions>,
    event: (Event<'e>, Range<usize>),
) -> (Event<'e>, Range<usize>) {
    if let (Some(defs), Event::Start(Tag::FootnoteDefinition(label))) = (defs, &event.0) {
        defs.add_footnote(label);
    }
    event
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(source: &str, chunk: usize) -> Vec<(Event<'static>, Range<usize>)> {
        let mut out = Vec::new();
        for_each_event(source, super::super::markdown::options(), chunk, |e, r| {
            out.push((e.into_static(), r))
        });
        out
    }

    #[test]
    fn a_fence_open_at_a_cut_keeps_the_chunk_growing() {
        let s = "```\ncode\n\nstill code\n\nmore\n```\n\nafter\n";
        assert_eq!(events(s, 1), events(s, usize::MAX));
    }
}
