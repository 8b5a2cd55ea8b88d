//! Where a chunk of Markdown may end: [`Seam`], how it meets the next, and
//! the search for the next place one may.

/// How a chunk meets the next: its first line, after a blank line (or, in a
/// block quote, a `>` line), begins a paragraph or a heading at the top level,
/// in an item of a list, or in a block quote (the list or the quote may go
/// on from the chunk before); or it goes on with a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Seam {
    Block,
    /// An item with this marker: `-`, `*`, `+`, or an ordered one's `.`, `)`.
    Item(u8),
    Quote,
    /// Inside a paragraph, at the top level or in a quote, where no blank
    /// line offers a cut ([`markdown_line_cut`](super::markdown_line_cut)).
    Line,
    QuoteLine,
}

impl Seam {
    /// Written after a chunk: a line in the place of the next chunk's first,
    /// so that the chunk's parse sees a list or a quote go on (or not) as
    /// the whole text's does, and reads a list as loose, as a blank line
    /// before an item makes it.
    pub(crate) fn after(self) -> &'static str {
        match self {
            Seam::Block | Seam::Line | Seam::QuoteLine => "",
            Seam::Item(b'-') => "- x\n\n",
            Seam::Item(b'*') => "* x\n\n",
            Seam::Item(b'+') => "+ x\n\n",
            Seam::Item(b'.') => "1. x\n\n",
            Seam::Item(_) => "1) x\n\n",
            Seam::Quote => "> x\n\n",
        }
    }

    /// Whether a paragraph goes on across it.
    pub(crate) fn in_paragraph(self) -> bool {
        matches!(self, Seam::Line | Seam::QuoteLine)
    }

    /// Written before a chunk whose list or quote goes on from the chunk
    /// before: its first item (loose, as the list is) or line.
    pub(crate) fn before(self) -> &'static str {
        match self {
            Seam::Quote => "> x\n>\n",
            seam => seam.after(),
        }
    }
}

/// The first place at or after `from` where a chunk may end, and how the
/// next meets it: the start of a line that [begins a block](seam), after a
/// blank line (or a `>` line, for a quote's).
pub(crate) fn cut_after(source: &str, from: usize) -> Option<(usize, Seam)> {
    let b = source.as_bytes();
    let from = from.max(1);
    if from >= b.len() {
        return None;
    }
    memchr::memchr_iter(b'\n', &b[from - 1..])
        .map(|i| from + i)
        .find_map(|p| {
            let end = terminator_start(b, p);
            let before = &b[line_start(b, end)..end];
            Some(p).zip(seam(&b[p..], is_blank(before), is_quote_blank(before)))
        })
}

/// How a line at column 0 begins a chunk, if it can: after a blank line, as
/// a paragraph or a heading ([`opens_fresh`]) or a list item whose text does;
/// after a blank or a `>` line, as a quote's line whose text does.
fn seam(line: &[u8], after_blank: bool, after_quote_blank: bool) -> Option<Seam> {
    if after_blank && opens_fresh(line) {
        return Some(Seam::Block);
    }
    if after_blank {
        let digits = line.iter().take_while(|c| c.is_ascii_digit()).count();
        let item = match line {
            [c @ (b'-' | b'*' | b'+'), b' ', rest @ ..] => Some((*c, rest)),
            _ => match &line[digits..] {
                [c @ (b'.' | b')'), b' ', rest @ ..] if (1..=9).contains(&digits) => {
                    Some((*c, rest))
                }
                _ => None,
            },
        };
        if let Some((c, _)) = item.filter(|(_, rest)| opens_fresh(rest)) {
            return Some(Seam::Item(c));
        }
    }
    match line {
        [b'>', rest @ ..] if after_blank || after_quote_blank => {
            opens_fresh(rest.strip_prefix(b" ").unwrap_or(rest)).then_some(Seam::Quote)
        }
        _ => None,
    }
}

/// A line of a block quote with nothing in it: `>` and white space.
pub(crate) fn is_quote_blank(line: &[u8]) -> bool {
    line.first() == Some(&b'>') && is_blank(&line[1..])
}

/// Where the line end just before `p` (a line's start) begins: at its CR if
/// it is a CRLF.
pub(crate) fn terminator_start(b: &[u8], p: usize) -> usize {
    if p >= 2 && &b[p - 2..p] == b"\r\n" {
        p - 2
    } else {
        p - 1
    }
}

/// Where the line whose end begins at `end` starts.
pub(crate) fn line_start(b: &[u8], end: usize) -> usize {
    memchr::memrchr(b'\n', &b[..end]).map_or(0, |i| i + 1)
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

/// A line (without its end) of spaces and tabs: blank to pulldown-cmark
/// (a form feed is not, to a paragraph: found by fuzzing).
pub(crate) fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|&c| matches!(c, b' ' | b'\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_before_a_paragraph_an_item_or_a_quote_line() {
        let s = "a\n\n- b\n\nc\n \nd";
        assert_eq!(cut_after(s, 0), Some((3, Seam::Item(b'-'))));
        assert_eq!(cut_after(s, 4), Some((8, Seam::Block)));
        assert_eq!(cut_after(s, 9), Some((12, Seam::Block)));
        assert_eq!(cut_after(s, 13), None);
        assert_eq!(cut_after("\nx", 0), Some((1, Seam::Block)));
        let s = "a\n\n12) b\n\n> c\n>\n>d\n>\n> - e\n\n-\tf\n\n- ```\n\n+ g";
        assert_eq!(cut_after(s, 0), Some((3, Seam::Item(b')'))));
        assert_eq!(cut_after(s, 4), Some((10, Seam::Quote)));
        assert_eq!(
            cut_after(s, 11),
            Some((16, Seam::Quote)),
            "after a `>` line"
        );
        assert_eq!(
            cut_after(s, 17),
            Some((40, Seam::Item(b'+'))),
            "not a list, a tab, a fence"
        );
    }

    #[test]
    fn cuts_only_after_an_lf() {
        // pulldown-cmark reads a lone CR as a line end in a paragraph, not
        // in indented code (found by fuzzing): no cut after one.
        assert_eq!(cut_after("a\r\rb\r\n\r\nc", 0), Some((8, Seam::Block)));
        assert_eq!(cut_after("a\n\rb\n\nc", 0), Some((6, Seam::Block)));
        assert_eq!(cut_after("a\r\n\r\nb", 0), Some((5, Seam::Block)));
    }
}
