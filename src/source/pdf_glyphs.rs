//! The characters pdf-extract draws on each page, with their positions,
//! grouped into lines as each page ends: the raw material that
//! [`super::pdf`] lays out as blocks.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::pdf_line::{group_lines, Line};

/// One drawn character (or the few characters of one glyph, e.g. a ligature).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub text: String,
    /// Left edge, in points from the left of the page.
    pub x: f64,
    /// Baseline, in points from the top of the page.
    pub y: f64,
    /// Advance width, in points.
    pub width: f64,
    /// Font size as drawn, in points.
    pub size: f64,
}

/// The lines of one page, in the order the content stream draws them.
#[derive(Debug, Clone, Default)]
pub struct PageLines {
    pub height: f64,
    /// The text of every line, which their ranges are of.
    pub text: String,
    pub lines: Vec<Line>,
}

/// An [`OutputDev`] that records a page's glyphs and groups them into lines
/// when the page ends: only one page's glyphs (some 100 bytes a character)
/// are held at a time.
#[derive(Debug, Default)]
pub struct GlyphCollector {
    pub pages: Vec<PageLines>,
    /// The glyphs of the page being drawn.
    glyphs: Vec<Glyph>,
    /// The top of the current page's media box, in PDF units from the bottom.
    top: f64,
}

impl OutputDev for GlyphCollector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        let height = media_box.ury - media_box.lly;
        self.top = media_box.ury;
        self.pages.push(PageLines {
            height,
            ..PageLines::default()
        });
        self.glyphs.clear();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if let Some(page) = self.pages.last_mut() {
            (page.text, page.lines) = group_lines(&self.glyphs);
        }
        self.glyphs = Vec::new();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        if self.pages.is_empty() {
            return Ok(());
        }
        // The size of a font_size square once transformed (as pdf-extract's
        // own text output computes it), and the origin flipped to the top.
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        self.glyphs.push(Glyph {
            text: char.to_owned(),
            x: trm.m31,
            y: self.top - trm.m32,
            width: width * size,
            size,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
