//! A line of a PDF page: the glyphs drawn on one baseline, superscripts
//! included, as [`super::pdf`] lays them out.

use std::ops::Range;

use super::pdf_glyphs::Glyph;

/// One line of a page: glyphs on one baseline (superscripts included). Its
/// text is a range of the page's text (one string for all its lines, not one
/// a line), and of the extracted text once laid out.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub text: Range<usize>,
    /// Byte ranges of the line's text drawn as superscripts (from its start).
    pub superscripts: Vec<Range<usize>>,
    pub y: f64,
    pub x0: f64,
    /// The size of the line's body glyphs.
    pub size: f64,
    pub last_end: f64,
}

impl Line {
    /// A line whose first glyph is `g`, its text pushed on `text`.
    fn starting_with(g: &Glyph, text: &mut String) -> Line {
        let start = text.len();
        text.push_str(&g.text);
        Line {
            text: start..text.len(),
            y: g.y,
            x0: g.x,
            size: g.size,
            last_end: g.x + g.width,
            ..Line::default()
        }
    }

    /// The line's text, in the string its range is of.
    pub fn text_in<'a>(&self, text: &'a str) -> &'a str {
        &text[self.text.clone()]
    }

    /// Does the line begin with a superscript number (a footnote's own)?
    pub fn starts_with_marker(&self, text: &str) -> bool {
        let text = self.text_in(text);
        let lead = text.len() - text.trim_start().len();
        self.superscripts.first().is_some_and(|s| {
            s.start <= lead && text[s.clone()].trim().chars().all(|c| c.is_ascii_digit())
        })
    }
}

/// The lines of a page's glyphs, in drawing order, blank ones left out, and
/// the text their ranges are of.
pub fn group_lines(glyphs: &[Glyph]) -> (String, Vec<Line>) {
    let mut text = String::new();
    let mut lines = Vec::new();
    // The line being read: the end of `text` from its start.
    let mut cur: Option<Line> = None;
    for g in glyphs {
        let blank = g.text.trim().is_empty();
        let Some(line) = cur.as_mut() else {
            if !blank {
                cur = Some(Line::starting_with(g, &mut text));
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
                finish(done, &mut text, &mut lines);
                cur = Some(Line::starting_with(g, &mut text));
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
        finish(line, &mut text, &mut lines);
    }
    // Held until the whole file is read: no spare capacity.
    text.shrink_to_fit();
    lines.shrink_to_fit();
    (text, lines)
}

/// Keeps a line read to its end, or takes a blank one's text back.
fn finish(line: Line, text: &mut String, lines: &mut Vec<Line>) {
    if line.text_in(text).trim().is_empty() {
        text.truncate(line.text.start);
    } else {
        lines.push(line);
    }
}
