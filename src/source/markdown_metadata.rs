//! Metadata blocks, the one construct pulldown-cmark looks for past a
//! chunk: a `---` or `+++` line at a block's start opens one if a closing
//! line stands anywhere after it, to the end of its text.

use std::ops::Range;

use super::markdown_seam::is_blank;

/// The lines of `piece` that could open a metadata block (a line ending in
/// `---` or `+++`, the next one neither blank nor a closing line) with no
/// closing line after them in the piece. pulldown-cmark looks for these
/// lines from LF to LF (a lone CR does not end one).
pub(crate) fn metadata_openers(piece: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut at = 0;
    for line in piece.as_bytes().split(|&c| c == b'\n') {
        lines.push((at, line));
        at += line.len() + 1;
    }
    let mut openers = Vec::new();
    for c in [b'-', b'+'] {
        // A closing line closes what opened before it, and may open anew.
        let last_closer = lines
            .iter()
            .rposition(|(_, line)| closes(line, c))
            .unwrap_or(0);
        for (i, &(at, line)) in lines.iter().enumerate().skip(last_closer) {
            // The line after the piece's last is unknown (a cut inside a
            // paragraph leaves no blank line at the end).
            let unknown = i + 2 == lines.len() && piece.ends_with('\n');
            let next = lines.get(i + 1).map_or(&b""[..], |(_, l)| l);
            if opens(line, c) && (unknown || (!is_blank(next) && !closes(next, c))) {
                openers.push(at..at + line.len());
            }
        }
    }
    openers
}

/// Whether a line of `piece` [could open](metadata_openers) a metadata block
/// with no closing line after it in the piece.
#[cfg(test)]
fn metadata_may_cross(piece: &str) -> bool {
    !metadata_openers(piece).is_empty()
}

/// A line ending in three `c` (then whitespace): where pulldown-cmark may
/// look for a metadata block (after any container markers), or more.
fn opens(line: &[u8], c: u8) -> bool {
    line.trim_ascii_end().ends_with(&[c; 3])
}

/// A closing line of a metadata block opened by `c`, as pulldown-cmark reads
/// one: exactly three `c` (or three dots after `---`), spaces, the line end
/// (or a CR, whatever follows it).
fn closes(line: &[u8], c: u8) -> bool {
    let run = |d: u8| line.iter().take_while(|&&x| x == d).count();
    if run(c) != 3 && (c != b'-' || run(b'.') != 3) {
        return false;
    }
    let rest = &line[3..];
    let rest = &rest[rest.iter().take_while(|&&x| x == b' ').count()..];
    rest.first().is_none_or(|&c| c == b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // pulldown-cmark reads metadata lines from LF to LF, and a closing
        // line ends at a CR (found by fuzzing).
        assert!(metadata_may_cross("---\nv\r---\r\r"));
        assert!(!metadata_may_cross("---\nv\n---\rx\n\n"));
    }
}
