//! A line of a PDF page: the glyphs drawn on one baseline, superscripts
//! included, as [`super::pdf`] lays them out.

use std::ops::Range;

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
    /// A line read to its end; `superscripts` as [`Line::superscripts`] gives them.
    pub fn new(
        text: Range<usize>,
        superscripts: Vec<Range<usize>>,
        y: f64,
        x0: f64,
        size: f64,
    ) -> Line {
        Line {
            text,
            superscripts: (!superscripts.is_empty()).then(|| Box::new(superscripts)),
            y,
            x0,
            size,
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_held_until_layout_costs_48_bytes() {
        assert!(
            std::mem::size_of::<Line>() <= 48,
            "{}",
            std::mem::size_of::<Line>()
        );
    }
}
