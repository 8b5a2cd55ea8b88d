//! The characters pdf-extract draws on each page, with their positions,
//! grouped into lines as each page ends: the raw material that
//! [`super::pdf`] lays out as blocks.

use std::ops::Range;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::pdf::PAGE_BREAK;
use super::pdf_line::Line;
use super::pdf_line_grouper::LineGrouper;

/// The text a PDF may hold for a file of `file_len` bytes: its size, 1 MiB
/// at least; and, apart, the room its lines may hold (each [`LINE_COST`]).
/// What is built from a text takes some 2.6 times it (its folded copy, the
/// lines' and blocks' places), so past the file's size a PDF could not be
/// held in three times it; within a bound of its own, repetitive text could
/// inflate 16 times (`super::pdf_inflate`).
pub fn text_bound(file_len: usize) -> usize {
    file_len.max(1 << 20)
}

/// What a line costs held until layout, beside its text. Lines of a
/// character or two (a column of figures, or a file made so) would hold 24
/// times their text: they have a bound of their own, as large as the
/// text's (a line of prose holds less than its text).
pub const LINE_COST: usize = std::mem::size_of::<Line>();

/// Which bound stopped the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Passed {
    Text,
    Lines,
}

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
    /// The page's range of [`GlyphCollector::text`].
    pub raw: Range<usize>,
    /// Their ranges are of [`GlyphCollector::text`].
    pub lines: Vec<Line>,
}

/// An [`OutputDev`] that groups a page's glyphs into lines as they are drawn
/// and lays the lines out when the page ends: no glyph is held once read.
#[derive(Debug, Default)]
pub struct GlyphCollector {
    /// Every page's lines, laid out as the extracted text lays them out
    /// when no line is a footnote: a line a line, pages separated by
    /// [`PAGE_BREAK`]. One string for the file, so that layout has only
    /// footnotes to move and no page's text to copy.
    pub text: String,
    pub pages: Vec<PageLines>,
    /// The lines of the page being drawn.
    grouper: LineGrouper,
    /// The lines' texts of the page being drawn, one after the other.
    scratch: String,
    /// The top of the current page's media box, in PDF units from the bottom.
    top: f64,
    /// Whether a page was begun and not ended.
    drawing: bool,
    /// How long the text may grow ([`text_bound`]); unbounded if `None`.
    limit: Option<usize>,
    /// How much room its lines may hold; the same bound.
    line_limit: Option<usize>,
    /// Set when drawing stopped because the text, or its lines, passed
    /// the limit.
    passed: Option<Passed>,
    /// The room held for the lines of the pages drawn.
    lines_held: usize,
}

impl GlyphCollector {
    /// A collector that stops drawing once the text passes `limit` bytes.
    pub fn with_limit(limit: usize) -> GlyphCollector {
        GlyphCollector {
            limit: Some(limit),
            line_limit: Some(limit),
            ..GlyphCollector::default()
        }
    }

    /// Did drawing stop because the text, or its lines, passed the limit?
    pub fn passed_limit(&self) -> bool {
        self.passed.is_some()
    }

    /// Why a PDF whose drawing stopped at the limit is not read.
    pub fn why_stopped(&self) -> String {
        let (what, limit) = match self.passed {
            Some(Passed::Lines) => ("its lines take", self.line_limit),
            _ => ("its text passes", self.limit),
        };
        format!(
            "{what} {} MiB (the file's size, 1 MiB at least): more than citecheck holds of a \
             PDF, to stay under three times its size",
            limit.unwrap_or(0).div_ceil(1 << 20)
        )
    }

    fn open_page(&mut self, height: f64) {
        if !self.pages.is_empty() {
            self.make_room(PAGE_BREAK.len());
            self.text.push_str(PAGE_BREAK);
        }
        let start = self.text.len();
        self.pages.push(PageLines {
            height,
            raw: start..start,
            lines: Vec::new(),
        });
        self.grouper = LineGrouper::default();
        self.scratch.clear();
        self.drawing = true;
    }

    /// Groups the page's glyphs into lines, and lays them out on `text`.
    fn close_page(&mut self) {
        if !self.drawing || self.pages.is_empty() {
            return;
        }
        self.drawing = false;
        let lines = std::mem::take(&mut self.grouper).finish(&mut self.scratch);
        let added: usize = lines.iter().map(|l| l.text.len() + 1).sum();
        self.make_room(added);
        let Some(page) = self.pages.last_mut() else {
            return;
        };
        self.lines_held += lines.capacity();
        page.lines = lines;
        for (i, line) in page.lines.iter_mut().enumerate() {
            if i > 0 {
                self.text.push('\n');
            }
            let start = self.text.len();
            self.text.push_str(line.text_in(&self.scratch));
            line.text = start..self.text.len();
        }
        page.raw.end = self.text.len();
        // A page of much text must not leave its size reserved.
        self.scratch = String::new();
    }

    /// The bound the text drawn passes, if any: the laid-out text with the
    /// page's being drawn, or the room held for the lines.
    fn passes(&self) -> Option<Passed> {
        let lines = self.lines_held + self.grouper.lines_held();
        if self
            .limit
            .is_some_and(|limit| self.text.len() + self.scratch.len() > limit)
        {
            Some(Passed::Text)
        } else if self
            .line_limit
            .is_some_and(|limit| lines.saturating_mul(LINE_COST) > limit)
        {
            Some(Passed::Lines)
        } else {
            None
        }
    }

    /// Room on `text` for `added` bytes more. It doubles as a `String` does,
    /// but no further than the limit: text at the limit stops drawing, and
    /// must not then hold twice the room it needs (3,000 pages of text, 2.5
    /// MB: 4 MiB reserved).
    fn make_room(&mut self, added: usize) {
        let (len, room) = (self.text.len(), self.text.capacity());
        if room - len >= added {
            return;
        }
        let need = len.saturating_add(added);
        let mut grown = room.saturating_mul(2).max(need);
        if let Some(limit) = self.limit {
            grown = grown.min(limit.max(need));
        }
        self.text.reserve_exact(grown - len);
    }

    /// A page of `glyphs`, as if drawn.
    #[cfg(test)]
    pub fn page(&mut self, height: f64, glyphs: Vec<Glyph>) {
        self.open_page(height);
        for g in &glyphs {
            self.grouper.push(g, &mut self.scratch);
        }
        self.close_page();
    }
}

impl OutputDev for GlyphCollector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury;
        self.open_page(media_box.ury - media_box.lly);
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.close_page();
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
        if !self.drawing {
            return Ok(());
        }
        // The size of a font_size square once transformed (as pdf-extract's
        // own text output computes it), and the origin flipped to the top.
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        let glyph = Glyph {
            text: char.to_owned(),
            x: trm.m31,
            y: self.top - trm.m32,
            width: width * size,
            size,
        };
        self.grouper.push(&glyph, &mut self.scratch);
        self.passed = self.passes();
        if self.passed.is_some() {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn media_box() -> MediaBox {
        MediaBox {
            llx: 0.0,
            lly: 0.0,
            urx: 612.0,
            ury: 792.0,
        }
    }

    fn draw(out: &mut GlyphCollector, text: &str, y: f64) {
        let mut x = 72.0;
        for c in text.chars() {
            let trm = Transform::create_translation(x, 792.0 - y);
            out.output_character(&trm, 0.5, 0.0, 10.0, &c.to_string())
                .unwrap();
            x += 5.0;
        }
    }

    #[test]
    fn drawing_stops_once_the_text_passes_the_limit() {
        // "one" and the page break are 6 bytes laid out; the page being
        // drawn counts too: "two" is 9, "two !" 11, "two !!" 12. (Lines
        // apart.)
        let mut out = GlyphCollector {
            line_limit: None,
            ..GlyphCollector::with_limit(11)
        };
        out.begin_page(1, &media_box(), None).unwrap();
        draw(&mut out, "one", 100.0);
        out.end_page().unwrap();
        out.begin_page(2, &media_box(), None).unwrap();
        draw(&mut out, "two", 100.0);
        assert!(!out.passed_limit(), "{:?}", out.text);
        let trm = Transform::create_translation(90.0, 692.0);
        assert!(out.output_character(&trm, 0.5, 0.0, 10.0, "!").is_ok());
        assert!(out.output_character(&trm, 0.5, 0.0, 10.0, "!").is_err());
        assert!(out.passed_limit());
        // Without a limit, nothing stops it.
        let mut out = GlyphCollector::default();
        out.begin_page(1, &media_box(), None).unwrap();
        draw(&mut out, &"x".repeat(10_000), 100.0);
        assert!(!out.passed_limit());
    }

    #[test]
    fn lines_have_a_bound_of_their_own() {
        // 100 lines of a character: 199 bytes of text, and room for 128
        // lines while the page is drawn (100 once it ends).
        let mut out = GlyphCollector::with_limit(128 * LINE_COST);
        out.begin_page(1, &media_box(), None).unwrap();
        for i in 0..100 {
            draw(&mut out, "x", 100.0 + 12.0 * i as f64);
        }
        out.end_page().unwrap();
        assert!(!out.passed_limit());
        assert_eq!(out.pages[0].lines.len(), 100);
        let mut out = GlyphCollector::with_limit(64 * LINE_COST);
        out.begin_page(1, &media_box(), None).unwrap();
        let drawn = (0..100).try_for_each(|i| {
            let trm = Transform::create_translation(72.0, 692.0 - 12.0 * i as f64);
            out.output_character(&trm, 0.5, 0.0, 10.0, "x")
        });
        assert!(drawn.is_err() && out.passed_limit());
        assert!(
            out.why_stopped().starts_with("its lines take 1 MiB"),
            "{}",
            out.why_stopped()
        );
        assert!(out.text.len() + out.scratch.len() < 200);
    }

    /// `pages` pages of a line of `len` characters, on `out`.
    fn draw_pages(out: &mut GlyphCollector, pages: u32, len: usize) {
        for page in 1..=pages {
            out.begin_page(page, &media_box(), None).unwrap();
            draw(out, &"x".repeat(len), 100.0);
            out.end_page().unwrap();
        }
    }

    #[test]
    fn the_text_reserves_no_more_room_than_its_limit() {
        // 20 pages of 400 bytes and 19 breaks of 3: 8,057 bytes, in room a
        // String doubling from one page would have made 6,416, then 12,832.
        let limit = 8_100;
        let mut out = GlyphCollector::with_limit(limit);
        draw_pages(&mut out, 20, 400);
        assert!(!out.passed_limit());
        assert_eq!(out.text.len(), 8_057);
        assert!(out.text.capacity() <= limit, "{}", out.text.capacity());
        // Without a limit it doubles, as a String does.
        let mut out = GlyphCollector::default();
        draw_pages(&mut out, 20, 400);
        assert!(out.text.capacity() > limit && out.text.capacity() < 2 * 8_057);
    }

    #[test]
    fn pages_are_laid_out_on_one_text_a_line_a_line() {
        let mut out = GlyphCollector::default();
        draw(&mut out, "before any page", 100.0);
        out.begin_page(1, &media_box(), None).unwrap();
        draw(&mut out, "one", 100.0);
        draw(&mut out, "two", 120.0);
        out.end_page().unwrap();
        draw(&mut out, "between pages", 100.0);
        out.end_page().unwrap();
        out.begin_page(2, &media_box(), None).unwrap();
        out.end_page().unwrap();
        out.begin_page(3, &media_box(), None).unwrap();
        draw(&mut out, "three", 100.0);
        out.end_page().unwrap();

        assert_eq!(out.text, "one\ntwo\n\u{c}\n\n\u{c}\nthree");
        let pages: Vec<&str> = out.pages.iter().map(|p| &out.text[p.raw.clone()]).collect();
        assert_eq!(pages, ["one\ntwo", "", "three"]);
        let lines: Vec<&str> = out.pages[0]
            .lines
            .iter()
            .map(|l| l.text_in(&out.text))
            .collect();
        assert_eq!(lines, ["one", "two"], "a page ended twice keeps its lines");
    }
}
