//! Large Markdown parsed in chunks. pulldown-cmark builds the tree of its whole
//! text before the first event (about 3 bytes of tree per byte), so a 100 MB
//! file cost 300 MB beside itself; parsed a chunk at a time, the tree is that
//! of one chunk. The events are the same, offsets included, but for the range
//! of a list or an item that a chunk's end closes: it takes the blank lines
//! after it (the loader does not read those ranges).
//!
//! Why a cut is safe. A chunk ends with a blank line, and the next line, at
//! column 0, can only begin a paragraph or a heading (a letter, `#`, `**x`).
//! Such a line continues nothing a blank line leaves open but fenced code, an
//! HTML block or a metadata block: it is not indented (no list item, footnote
//! or indented code), a blank line ended any paragraph and block quote, and it
//! starts no list, thematic break or metadata block. So the whole text's parse
//! starts a new top-level block there, as the parse of the rest does. A chunk
//! is kept only if its own parse leaves nothing open: no event reaches into
//! its final blank lines (an unclosed fence or HTML block runs to the end),
//! and no `---`/`+++` line could open a metadata block whose closing line lies
//! past the chunk (pulldown-cmark looks for it to the end of its text). Else
//! the chunk grows. Block structure looks at most one line ahead otherwise,
//! and inlines stay inside their block, but for two things that are
//! document-wide: link reference and footnote definitions. Both need `]:`, so
//! a file holding it is parsed whole; so is one with a lone CR (a line end
//! here, not one to pulldown-cmark's line scans).

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The size of a chunk, and the smallest file parsed in chunks.
pub(crate) const CHUNK_BYTES: usize = 1 << 20;

/// Calls `f` with each event of `source` and its range, as
/// `Parser::new_ext(source, options).into_offset_iter()` yields them, parsing
/// `chunk` bytes or so at a time where that gives the same events. Answers
/// the number of chunks parsed.
pub(crate) fn for_each_event<'a>(
    source: &'a str,
    options: Options,
    chunk: usize,
    mut f: impl FnMut(Event<'a>, Range<usize>),
) -> usize {
    if source.len() <= chunk || !chunkable(source) {
        Parser::new_ext(source, options)
            .into_offset_iter()
            .for_each(|(e, r)| f(e, r));
        return 1;
    }
    let mut chunks = 0;
    let mut start = 0;
    let mut want = chunk.max(1);
    while start < source.len() {
        let end = cut_after(source, start.saturating_add(want)).unwrap_or(source.len());
        let piece = &source[start..end];
        let last = end == source.len();
        if !last && metadata_may_cross(piece) {
            want = want.saturating_mul(2);
            continue;
        }
        let events: Vec<_> = Parser::new_ext(piece, options).into_offset_iter().collect();
        if !last && !ends_closed(piece, &events) {
            want = want.saturating_mul(2);
            continue;
        }
        for (e, r) in events {
            f(e, r.start + start..r.end + start);
        }
        start = end;
        want = chunk.max(1);
        chunks += 1;
    }
    chunks
}

/// No link reference or footnote definition (each needs `]:`), no lone CR.
fn chunkable(source: &str) -> bool {
    let b = source.as_bytes();
    memchr::memmem::find(b, b"]:").is_none()
        && memchr::memchr_iter(b'\r', b).all(|i| b.get(i + 1) == Some(&b'\n'))
}

/// The first place at or after `from` where a chunk may end: the start of a
/// line that [begins a paragraph or a heading](opens_fresh), after a blank
/// line.
fn cut_after(source: &str, from: usize) -> Option<usize> {
    let b = source.as_bytes();
    let from = from.max(1);
    if from >= b.len() {
        return None;
    }
    memchr::memchr_iter(b'\n', &b[from - 1..])
        .map(|i| from + i)
        .find(|&p| {
            opens_fresh(&b[p..]) && {
                let line_end = p - 1;
                let line_start = memchr::memrchr(b'\n', &b[..line_end]).map_or(0, |i| i + 1);
                is_blank(&b[line_start..line_end])
            }
        })
}

/// Whether a line, at column 0 after a blank line, can only begin a paragraph
/// or an ATX heading: a letter (or any non-ASCII character: every marker is
/// ASCII), `#`, digits not followed by `.` or `)` (an ordered list), `**` and
/// a letter or digit (not a list marker, not a thematic break).
fn opens_fresh(line: &[u8]) -> bool {
    match line {
        [c, ..] if c.is_ascii_alphabetic() || *c >= 0x80 || *c == b'#' => true,
        [b'*', b'*', c, ..] => c.is_ascii_alphanumeric(),
        [c, ..] if c.is_ascii_digit() => {
            let after = line.iter().find(|c| !c.is_ascii_digit());
            !matches!(after, Some(b'.' | b')'))
        }
        _ => false,
    }
}

/// A line (without its `\n`) of spaces and tabs, and a CR at the end.
fn is_blank(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    line.iter().all(|&c| c == b' ' || c == b'\t')
}

/// Whether every event of the piece ends before its final blank lines, but
/// for lists and items: they take the blank lines after them, and the line
/// after a cut, not indented, closes them.
fn ends_closed(piece: &str, events: &[(Event<'_>, Range<usize>)]) -> bool {
    let mut blank = piece.len();
    while blank > 0 {
        let line_start =
            memchr::memrchr(b'\n', &piece.as_bytes()[..blank - 1]).map_or(0, |i| i + 1);
        if !is_blank(&piece.as_bytes()[line_start..blank - 1]) {
            break;
        }
        blank = line_start;
    }
    events.iter().all(|(e, r)| {
        r.end <= blank
            || matches!(
                e,
                Event::Start(Tag::List(_) | Tag::Item) | Event::End(TagEnd::List(_) | TagEnd::Item)
            )
    })
}

/// Whether a line of `piece` could open a metadata block (a line ending in
/// `---` or `+++`, the next one neither blank nor a closing line) with no
/// closing line after it in the piece.
fn metadata_may_cross(piece: &str) -> bool {
    let lines: Vec<&[u8]> = piece.as_bytes().split(|&c| c == b'\n').collect();
    [b'-', b'+'].iter().any(|&c| {
        let mut open = false;
        for (i, line) in lines.iter().enumerate() {
            if closes(line, c) {
                open = false;
            }
            if opens(line, c) {
                let next = lines.get(i + 1).copied().unwrap_or_default();
                if !is_blank(next) && !closes(next, c) {
                    open = true;
                }
            }
        }
        open
    })
}

/// A line ending in three `c` (then whitespace): where pulldown-cmark may
/// look for a metadata block (after any container markers), or more.
fn opens(line: &[u8], c: u8) -> bool {
    line.trim_ascii_end().ends_with(&[c; 3])
}

/// A closing line of a metadata block opened by `c`, as pulldown-cmark reads
/// one: exactly three `c` (or three dots after `---`), spaces, the line end.
fn closes(line: &[u8], c: u8) -> bool {
    let run = |d: u8| line.iter().take_while(|&&x| x == d).count();
    if run(c) != 3 && (c != b'-' || run(b'.') != 3) {
        return false;
    }
    let rest = &line[3..];
    let rest = &rest[rest.iter().take_while(|&&x| x == b' ').count()..];
    rest.is_empty() || rest == b"\r"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(source: &str, chunk: usize) -> Vec<(Event<'_>, Range<usize>)> {
        let mut out = Vec::new();
        for_each_event(source, super::super::markdown::options(), chunk, |e, r| {
            out.push((e, r))
        });
        out
    }

    #[test]
    fn cuts_after_a_blank_line_before_a_letter() {
        let s = "a\n\n- b\n\nc\n \nd";
        assert_eq!(cut_after(s, 0), Some(8));
        assert_eq!(cut_after(s, 9), Some(12));
        assert_eq!(cut_after(s, 13), None);
        assert_eq!(cut_after("\nx", 0), Some(1));
    }

    #[test]
    fn metadata_openers_need_their_closing_line_in_the_piece() {
        assert!(metadata_may_cross("x\n\n---\na: b\n\n"));
        assert!(!metadata_may_cross("---\na: b\n---\n\n"));
        assert!(!metadata_may_cross("---\na: b\n...\n\n"));
        assert!(!metadata_may_cross("text\n---\n\n"), "blank first line");
        assert!(metadata_may_cross("> +++\n> a\n\n"));
        assert!(!metadata_may_cross("+++\na\n+++  \n\n"));
        assert!(
            metadata_may_cross("+++\na\n+++\t\n\n"),
            "a tab does not close"
        );
    }

    #[test]
    fn a_fence_open_at_a_cut_keeps_the_chunk_growing() {
        let s = "```\ncode\n\nstill code\n\nmore\n```\n\nafter\n";
        assert_eq!(events(s, 1), events(s, usize::MAX));
    }

    #[test]
    fn documents_with_definitions_are_parsed_whole() {
        assert!(!chunkable("[a]\n\nb\n\n[a]: /u\n"));
        assert!(!chunkable("a\rb"));
        assert!(chunkable("a\r\nb [x] [^y]\n"));
    }
}
