//! A line of a PDF page: the glyphs drawn on one baseline, superscripts
//! included, as [`super::pdf`] lays them out.

use std::ops::Range;

use super::pdf_glyphs::Glyph;

/// One line of a page: glyphs on one baseline (superscripts included).
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub text: String,
    /// Byte ranges of `text` drawn as superscripts.
    pub superscripts: Vec<Range<usize>>,
    pub y: f64,
    pub x0: f64,
    /// The size of the line's body glyphs.
    pub size: f64,
    pub last_end: f64,
}

impl Line {
    /// A line whose first glyph is `g`.
    fn starting_with(g: &Glyph) -> Line {
        Line {
            text: g.text.clone(),
            y: g.y,
            x0: g.x,
            size: g.size,
            last_end: g.x + g.width,
            ..Line::default()
        }
    }
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Does the line begin with a superscript number (a footnote's own)?
    pub fn starts_with_marker(&self) -> bool {
        let lead = self.text.len() - self.text.trim_start().len();
        self.superscripts.first().is_some_and(|s| {
            s.start <= lead
                && self.text[s.clone()]
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_digit())
        })
    }
}

/// The lines of a page's glyphs, in drawing order; blank ones left out.
pub fn group_lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut cur: Option<Line> = None;
    for g in glyphs {
        let blank = g.text.trim().is_empty();
        let Some(line) = cur.as_mut() else {
            if !blank {
                cur = Some(Line::starting_with(g));
            }
            continue;
        };
        let dy = g.y - line.y;
        let raised = g.size < 0.8 * line.size && dy < 0.0 && -dy < 0.6 * line.size;
        let all_small = !line.superscripts.is_empty()
            && line.superscripts.iter().map(|r| r.len()).sum::<usize>() == line.text.len();
        // A line that began with a superscript (a footnote's number) and goes
        // on at its body size a little lower.
        let lowered = line.size < 0.8 * g.size
            && dy > 0.0
            && dy < 0.6 * g.size
            && (all_small || line.text.chars().all(|c| c.is_ascii_digit()));
        let same = raised
            || lowered
            || (dy.abs() <= 0.35 * line.size.max(g.size) && g.x > line.last_end - 2.0 * g.size);
        if !same {
            if !blank {
                lines.push(std::mem::take(line));
                cur = Some(Line::starting_with(g));
            }
            continue;
        }
        if lowered {
            line.superscripts.clear();
            line.superscripts.push(0..line.text.len());
            line.y = g.y;
            line.size = g.size;
        }
        let gap = g.x - line.last_end;
        if gap > 0.15 * g.size && !blank && !line.text.ends_with(char::is_whitespace) {
            line.text.push(' ');
        }
        let start = line.text.len();
        line.text.push_str(&g.text);
        if raised {
            match line.superscripts.last_mut() {
                Some(last) if last.end == start => last.end = line.text.len(),
                _ => line.superscripts.push(start..line.text.len()),
            }
        } else if !blank && g.size > line.size {
            line.size = g.size;
        }
        line.last_end = g.x + g.width;
    }
    if let Some(line) = cur {
        lines.push(line);
    }
    lines.retain(|l| !l.is_blank());
    lines
}
