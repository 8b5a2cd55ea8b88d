//! An output that a piece of a page is drawn on
//! ([`super::pdf_piece_marks`]): pdf-extract begins and ends a page for each
//! piece, and the output beneath sees one page.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, Transform};

/// Passes everything to `out` but the page's beginning, unless this is its
/// first piece, and its end, unless this is its last.
pub struct PieceOfPage<'a> {
    out: &'a mut dyn OutputDev,
    first: bool,
    last: bool,
}

impl<'a> PieceOfPage<'a> {
    pub fn new(out: &'a mut dyn OutputDev, first: bool, last: bool) -> Self {
        PieceOfPage { out, first, last }
    }
}

impl OutputDev for PieceOfPage<'_> {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        if self.first {
            self.out.begin_page(page_num, media_box, art_box)?;
        }
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if self.last {
            self.out.end_page()?;
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.out
            .output_character(trm, width, spacing, font_size, char)
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.out.begin_word()
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.out.end_word()
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.out.end_line()
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        colorspace: &ColorSpace,
        color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.out.stroke(ctm, colorspace, color, path)
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        colorspace: &ColorSpace,
        color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.out.fill(ctm, colorspace, color, path)
    }
}
