//! An output that writes out the calls pdf-extract makes on it, for
//! comparing two drawings of a page call for call (the tests and the
//! `pdf_pieces` fuzz target).

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// The calls but `end_line`, written out (positions exactly, as `{:?}`
/// writes an f64).
#[derive(Default)]
pub struct Recorder {
    pub calls: Vec<String>,
}

impl OutputDev for Recorder {
    fn begin_page(
        &mut self,
        page: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        let (w, h) = (media_box.urx, media_box.ury);
        self.calls.push(format!("begin {page} {w:?} {h:?}"));
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.calls.push("end".into());
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let m = [trm.m11, trm.m12, trm.m21, trm.m22, trm.m31, trm.m32];
        self.calls
            .push(format!("{char:?} {m:?} {width:?} {spacing:?} {size:?}"));
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    /// Not written: a piece's prelude replaying `TD` ends a line, and the
    /// lines citecheck draws come from the glyphs' positions alone.
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
