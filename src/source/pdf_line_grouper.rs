//! A page's glyphs grouped into lines as they are drawn: one pass in drawing
//! order that holds only the line being read, so that no page's glyphs are
//! held (some 100 bytes a character: a page of 13 MB of text took 1.3 GB).

use std::ops::Range;

use super::pdf_glyphs::Glyph;
use super::pdf_line::Line;

/// The lines of one page so far, and the line being read.
#[derive(Debug, Default)]
pub struct LineGrouper {
    lines: Vec<Line>,
    cur: Option<OpenLine>,
}

impl LineGrouper {
    /// Reads the next glyph drawn: it goes on the line being read, or ends it
    /// and begins the next. Lines' texts are pushed on `text`, one after the
    /// other, and their ranges are of it.
    pub fn push(&mut self, g: &Glyph, text: &mut String) {
        let blank = g.text.trim().is_empty();
        let Some(line) = self.cur.as_mut() else {
            if !blank {
                self.cur = Some(OpenLine::starting_with(g, text));
            }
            return;
        };
        let so_far = &text[line.text.clone()];
        let dy = g.y - line.y;
        let raised = g.size < 0.8 * line.size && dy < 0.0 && -dy < 0.6 * line.size;
        let all_small = !line.superscripts.is_empty()
            && line.superscripts.iter().map(|r| r.len()).sum::<usize>() == so_far.len();
        // A line that began with a superscript (a footnote's number) and goes
        // on at its body size a little lower.
        let lowered = line.size < 0.8 * g.size
            && dy > 0.0
            && dy < 0.6 * g.size
            && (all_small || so_far.chars().all(|c| c.is_ascii_digit()));
        let same = raised
            || lowered
            || (dy.abs() <= 0.35 * line.size.max(g.size) && g.x > line.last_end - 2.0 * g.size);
        if !same {
            if !blank {
                let done = std::mem::take(line);
                keep(done, text, &mut self.lines);
                self.cur = Some(OpenLine::starting_with(g, text));
            }
            return;
        }
        if lowered {
            line.superscripts.clear();
            line.superscripts.push(0..so_far.len());
            line.y = g.y;
            line.size = g.size;
        }
        let gap = g.x - line.last_end;
        if gap > 0.15 * g.size && !blank && !text.ends_with(char::is_whitespace) {
            text.push(' ');
        }
        let start = text.len() - line.text.start;
        text.push_str(&g.text);
        line.text.end = text.len();
        let end = text.len() - line.text.start;
        if raised {
            match line.superscripts.last_mut() {
                Some(last) if last.end == start => last.end = end,
                _ => line.superscripts.push(start..end),
            }
        } else if !blank && g.size > line.size {
            line.size = g.size;
        }
        line.last_end = g.x + g.width;
    }

    /// The room held for the page's lines so far.
    pub fn lines_held(&self) -> usize {
        self.lines.capacity()
    }

    /// The page's lines, in drawing order, blank ones left out.
    pub fn finish(mut self, text: &mut String) -> Vec<Line> {
        if let Some(line) = self.cur.take() {
            keep(line, text, &mut self.lines);
        }
        // Held until the whole file is read: no spare capacity.
        self.lines.shrink_to_fit();
        self.lines
    }
}

/// The lines of a page's glyphs, as [`LineGrouper`] reads them.
#[cfg(test)]
pub fn group_lines(glyphs: &[Glyph], text: &mut String) -> Vec<Line> {
    let mut grouper = LineGrouper::default();
    for g in glyphs {
        grouper.push(g, text);
    }
    grouper.finish(text)
}

/// The line being read, with where its last glyph ends.
#[derive(Debug, Default)]
struct OpenLine {
    text: Range<usize>,
    superscripts: Vec<Range<usize>>,
    y: f64,
    x0: f64,
    size: f64,
    last_end: f64,
}

impl OpenLine {
    /// A line whose first glyph is `g`, its text pushed on `text`.
    fn starting_with(g: &Glyph, text: &mut String) -> OpenLine {
        let start = text.len();
        text.push_str(&g.text);
        OpenLine {
            text: start..text.len(),
            y: g.y,
            x0: g.x,
            size: g.size,
            last_end: g.x + g.width,
            ..OpenLine::default()
        }
    }
}

/// Keeps a line read to its end, or takes a blank one's text back.
fn keep(line: OpenLine, text: &mut String, lines: &mut Vec<Line>) {
    if text[line.text.clone()].trim().is_empty() {
        text.truncate(line.text.start);
    } else {
        lines.push(Line::new(
            line.text,
            line.superscripts,
            line.y,
            line.x0,
            line.size,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f64, y: f64, size: f64) -> Glyph {
        Glyph {
            text: text.to_owned(),
            x,
            y,
            width: 0.5 * size * text.len() as f64,
            size,
        }
    }

    #[test]
    fn superscripts_are_kept_with_their_line_and_only_there() {
        let glyphs = [
            glyph("Exports", 72.0, 100.0, 12.0),
            glyph("1", 114.0, 96.0, 7.0),
            glyph("rose.", 72.0, 120.0, 12.0),
        ];
        let mut text = String::new();
        let lines = group_lines(&glyphs, &mut text);
        assert_eq!(text, "Exports1rose.");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].superscripts().len(), 1);
        assert_eq!(lines[0].superscripts()[0], 7..8);
        assert!(lines[1].superscripts().is_empty());
        assert_eq!(
            (lines[1].y, lines[1].x0, lines[1].size),
            (120.0, 72.0, 12.0)
        );
    }
}
