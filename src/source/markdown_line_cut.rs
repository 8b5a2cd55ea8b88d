//! Cuts inside a paragraph, for a file with no blank line to cut at (one
//! paragraph of 100 MB, at the top level or in a block quote). A paragraph's
//! inlines are parsed as a whole, so a cut between two of its lines is kept
//! only where nothing can reach across it:
//!
//! - the line after the cut begins with a letter (at the top level, or after
//!   `>` in a quote): it continues the paragraph in the whole text, and
//!   begins one in the next chunk; the line after it is no table's
//!   delimiter row;
//! - no line of the paragraph ahead, up to a blank line, could be a setext
//!   underline (that would make the whole paragraph a heading), nor holds a
//!   lone CR (a line end, to pulldown-cmark, in a paragraph);
//! - the line before it ends in neither white space nor `\` (a hard break),
//!   and holds no lone CR (a line end, to pulldown-cmark, in a paragraph);
//! - the chunk's parse ends with that paragraph (in a top-level quote, for a
//!   quote's line), and no delimiter in it was left unmatched (no text holds
//!   `` ` ``, `*`, `_`, `~`, `[` or `<`): only an unmatched opener could pair
//!   with a closer in the next chunk.
//!
//! The chunks' events are then joined: the paragraph's end (and the quote's)
//! dropped, the soft break the whole text has put in its place, and the
//! next chunk's quote and paragraph starts dropped.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::markdown_seam::{is_blank, is_quote_blank, line_start, terminator_start, Seam};

/// What the search for underlines ahead has found: none before
/// `clear_until`, one at `blocked_until` (no cut before it), so that each
/// stretch is read once.
#[derive(Debug, Default)]
pub(crate) struct Underlines {
    clear_until: usize,
    blocked_until: usize,
}

/// The first line start at or after `from` where a paragraph may be cut
/// (before the next blank line), and whether it is a quote's.
pub(crate) fn line_cut_after(
    source: &str,
    from: usize,
    underlines: &mut Underlines,
) -> Option<(usize, Seam)> {
    let b = source.as_bytes();
    let from = from.max(1);
    if from >= b.len() {
        return None;
    }
    for i in memchr::memchr_iter(b'\n', &b[from - 1..]) {
        let p = from + i;
        let end = terminator_start(b, p);
        let before = &b[line_start(b, end)..end];
        let line = &b[p..];
        // A lone CR ends a line in a paragraph: the line before may not be
        // one.
        if is_blank(before) || before.contains(&b'\r') {
            continue;
        }
        let seam = match (before, line) {
            (_, [b'>', rest @ ..]) if before[0] == b'>' && !is_blank(&before[1..]) => {
                starts_with_letter(rest.strip_prefix(b" ").unwrap_or(rest))
                    .then_some(Seam::QuoteLine)
            }
            _ if before[0] != b'>' => starts_with_letter(line).then_some(Seam::Line),
            _ => None,
        };
        let Some(seam) = seam else { continue };
        if p <= underlines.blocked_until
            || matches!(before.last(), Some(b' ' | b'\t' | b'\\' | 0x0b | 0x0c))
            || next_line(b, p).is_some_and(delimiter_row)
            || this_line(b, p).contains(&b'\r')
        {
            continue;
        }
        if p >= underlines.clear_until {
            match underline_ahead(b, p) {
                Ok(end) => underlines.clear_until = end,
                Err(at) => {
                    underlines.blocked_until = at;
                    continue;
                }
            }
        }
        return Some((p, seam));
    }
    None
}

/// Ok(the start of the next blank line, or the end) if no line from `p` up
/// to it could be a setext underline; else Err(where one is).
fn underline_ahead(b: &[u8], p: usize) -> Result<usize, usize> {
    let mut at = p;
    while at < b.len() {
        let line = this_line(b, at);
        // A lone CR ends a line in a paragraph: what follows it could be an
        // underline (found by fuzzing).
        if line.contains(&b'\r') {
            return Err(at);
        }
        let inner = {
            let t = line.trim_ascii_start();
            let t = t.strip_prefix(b">").unwrap_or(t);
            t.trim_ascii()
        };
        if is_blank(line) || is_quote_blank(line) {
            return Ok(at);
        }
        if !inner.is_empty()
            && (inner.iter().all(|&c| c == b'=') || inner.iter().all(|&c| c == b'-'))
        {
            return Err(at);
        }
        at = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |i| at + i + 1);
    }
    Ok(b.len())
}

/// The line starting at `p`, without its end (but a CRLF's CR).
fn this_line(b: &[u8], p: usize) -> &[u8] {
    let end = memchr::memchr(b'\n', &b[p..]).map_or(b.len(), |i| p + i);
    let line = &b[p..end];
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The line after the one starting at `p`, as [`this_line`].
fn next_line(b: &[u8], p: usize) -> Option<&[u8]> {
    let start = p + memchr::memchr(b'\n', &b[p..])? + 1;
    Some(this_line(b, start))
}

/// A line that could be a table's delimiter row (in a quote or not).
fn delimiter_row(line: &[u8]) -> bool {
    line.contains(&b'-')
        && line
            .iter()
            .all(|c| matches!(c, b'|' | b'-' | b':' | b' ' | b'\t' | b'>' | b'\r'))
}

fn starts_with_letter(line: &[u8]) -> bool {
    line.first()
        .is_some_and(|&c| c.is_ascii_alphabetic() || c >= 0x80)
}

/// Whether a chunk cut at a paragraph's line ends with that paragraph (at
/// the top level, or the last of a top-level quote for a quote's line), its
/// text reaching the chunk's last line (which starts at `last_line`), no
/// delimiter of it left unmatched. `events` are the chunk's, in order.
pub(crate) fn paragraph_goes_on(
    events: &[(Event<'_>, Range<usize>)],
    seam: Seam,
    last_line: usize,
) -> bool {
    let ends: &[fn(&Event<'_>) -> bool] = match seam {
        Seam::Line => &[|e| matches!(e, Event::End(TagEnd::Paragraph))],
        _ => &[
            |e| matches!(e, Event::End(TagEnd::Paragraph)),
            |e| matches!(e, Event::End(TagEnd::BlockQuote(_))),
        ],
    };
    let Some(tail) = events.len().checked_sub(ends.len()) else {
        return false;
    };
    if !ends.iter().zip(&events[tail..]).all(|(is, (e, _))| is(e)) {
        return false;
    }
    // The paragraph's start, and the depth it stands at.
    let mut depth = 0usize;
    let mut paragraph = None;
    for (i, (e, _)) in events[..tail].iter().enumerate() {
        match e {
            Event::Start(tag) => {
                if matches!(tag, Tag::Paragraph) {
                    paragraph = Some((i, depth));
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let want = ends.len() - 1;
    let Some((start, _)) = paragraph.filter(|&(_, at)| at == want && depth == at + 1) else {
        return false;
    };
    if events[start + 1..tail]
        .last()
        .is_none_or(|(_, r)| r.end <= last_line)
    {
        return false;
    }
    events[start..tail].iter().all(|(e, _)| match e {
        Event::Text(t) => !t.contains(['`', '*', '_', '~', '[', '<']),
        _ => true,
    })
}

/// A chunk's events joined to its neighbours' where a paragraph goes on
/// across the cut: not the paragraph's start (and its quote's) when it goes
/// on `from` the chunk before; its end (and its quote's) replaced by the
/// soft break the whole text has when it goes on `into` the next, whose
/// line ends at `line_end`.
pub(crate) fn join<'e>(
    events: impl Iterator<Item = (Event<'e>, Range<usize>)>,
    from: Option<Seam>,
    into: Option<(Seam, Range<usize>)>,
) -> Vec<(Event<'e>, Range<usize>)> {
    let mut events: Vec<_> = events.skip(from.map_or(0, events_per_side)).collect();
    if let Some((seam, line_end)) = into {
        events.truncate(events.len().saturating_sub(events_per_side(seam)));
        events.push((Event::SoftBreak, line_end));
    }
    events
}

/// What [`join`] needs of a chunk ending at `end` with `seam`: whether its
/// paragraph goes on into the next, and where the line end between them lies.
pub(crate) fn goes_into(seam: Seam, b: &[u8], end: usize) -> Option<(Seam, Range<usize>)> {
    seam.in_paragraph()
        .then(|| (seam, terminator_start(b, end)..end))
}

/// How many events a paragraph going on across a cut has in each chunk that
/// the whole text has once: its start or end, and its quote's.
pub(crate) fn events_per_side(seam: Seam) -> usize {
    if seam == Seam::Line {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_is_cut_before_a_line_that_begins_with_a_letter() {
        let mut u = Underlines::default();
        let s = "a b\n*c*\nd e\n> q\n> r\n>\n> s\n\nt";
        assert_eq!(line_cut_after(s, 0, &mut u), Some((8, Seam::Line)));
        assert_eq!(line_cut_after(s, 9, &mut u), Some((16, Seam::QuoteLine)));
        assert_eq!(
            line_cut_after(s, 17, &mut u),
            None,
            "not after `>`, nor a blank"
        );
        let mut u = Underlines::default();
        let cr = "x\r\r\ny\nz";
        assert_eq!(
            line_cut_after(cr, 0, &mut u),
            Some((6, Seam::Line)),
            "a lone CR"
        );
    }

    #[test]
    fn no_cut_where_the_paragraph_could_turn_heading_table_or_break() {
        let mut u = Underlines::default();
        assert_eq!(
            line_cut_after("a\nb\nc\n===\n\nd\ne", 0, &mut u),
            Some((13, Seam::Line))
        );
        let mut u = Underlines::default();
        assert_eq!(
            line_cut_after("a\nb | c\n-|-\nd", 0, &mut u),
            Some((12, Seam::Line))
        );
        let mut u = Underlines::default();
        assert_eq!(
            line_cut_after("a  \nb\\\nc\nd", 0, &mut u),
            Some((9, Seam::Line))
        );
    }

    fn events(s: &str) -> Vec<(Event<'_>, Range<usize>)> {
        pulldown_cmark::Parser::new_ext(s, super::super::markdown::options())
            .into_offset_iter()
            .collect()
    }

    #[test]
    fn a_chunk_must_end_with_the_paragraph_its_delimiters_matched() {
        let goes_on = |s: &str, seam| {
            let last = s[..s.len() - 1].rfind('\n').map_or(0, |i| i + 1);
            paragraph_goes_on(&events(s), seam, last)
        };
        assert!(goes_on("x\n\na *b* `c`\nd\n", Seam::Line));
        assert!(!goes_on("a *b\nd\n", Seam::Line));
        assert!(!goes_on("- a\n  b\n", Seam::Line));
        assert!(goes_on("> a\n> b\n", Seam::QuoteLine));
        assert!(!goes_on("> > a\n> > b\n", Seam::QuoteLine));
        assert!(!goes_on("```\na\n", Seam::Line));
        assert!(!goes_on("a\n\n[d]: /u\n", Seam::Line), "another paragraph");
    }
}
