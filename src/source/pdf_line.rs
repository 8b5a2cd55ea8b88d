//! A line of a PDF page: the glyphs drawn on one baseline, superscripts
//! included, as [`super::pdf`] lays them out.

use std::ops::Range;

use super::pdf_glyphs::Glyph;

/// One line of a page: glyphs on one baseline (superscripts included). Its
/// text is a range of the page's text (one string for all its lines, not one
/// a line), and of the extracted text once laid out. Every line of the file
/// is held until layout ends: 48 bytes, its rare superscripts boxed.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub text: Range<usize>,
    /// Byte ranges of the line's text drawn as superscripts (from its start).
    /// A thin box: 8 bytes on every line, most of which have none.
    #[allow(clippy::box_collection)]
    superscripts: Option<Box<Vec<Range<usize>>>>,
    pub y: f64,
    pub x0: f64,
    /// The size of the line's body glyphs.
    pub size: f64,
}

impl Line {
    /// The line's text, in the string its range is of.
    pub fn text_in<'a>(&self, text: &'a str) -> &'a str {
        &text[self.text.clone()]
    }

    /// Byte ranges of the line's text drawn as superscripts (from its start).
    pub fn superscripts(&self) -> &[Range<usize>] {
        self.superscripts.as_deref().map_or(&[], Vec::as_slice)
    }

    /// Does the line begin with a superscript number (a footnote's own)?
    pub fn starts_with_marker(&self, text: &str) -> bool {
        let text = self.text_in(text);
        let lead = text.len() - text.trim_start().len();
        self.superscripts().first().is_some_and(|s| {
            s.start <= lead && text[s.clone()].trim().chars().all(|c| c.is_ascii_digit())
        })
    }
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

    fn closed(self) -> Line {
        Line {
            text: self.text,
            superscripts: (!self.superscripts.is_empty()).then(|| Box::new(self.superscripts)),
            y: self.y,
            x0: self.x0,
            size: self.size,
        }
    }
}

/// The lines of a page's glyphs, in drawing order, blank ones left out; their
/// texts are pushed on `text`, one after the other, and their ranges are of it.
pub fn group_lines(glyphs: &[Glyph], text: &mut String) -> Vec<Line> {
    let mut lines = Vec::new();
    // The line being read: the end of `text` from its start.
    let mut cur: Option<OpenLine> = None;
    for g in glyphs {
        let blank = g.text.trim().is_empty();
        let Some(line) = cur.as_mut() else {
            if !blank {
                cur = Some(OpenLine::starting_with(g, text));
            }
            continue;
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
                finish(done, text, &mut lines);
                cur = Some(OpenLine::starting_with(g, text));
            }
            continue;
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
    if let Some(line) = cur {
        finish(line, text, &mut lines);
    }
    // Held until the whole file is read: no spare capacity.
    lines.shrink_to_fit();
    lines
}

/// Keeps a line read to its end, or takes a blank one's text back.
fn finish(line: OpenLine, text: &mut String, lines: &mut Vec<Line>) {
    if text[line.text.clone()].trim().is_empty() {
        text.truncate(line.text.start);
    } else {
        lines.push(line.closed());
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
    fn a_line_held_until_layout_costs_48_bytes() {
        assert!(
            std::mem::size_of::<Line>() <= 48,
            "{}",
            std::mem::size_of::<Line>()
        );
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
