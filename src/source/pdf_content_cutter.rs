//! A page's or form's content cut to its text operations as it is decoded,
//! a piece at a time, so that it is never held whole: decoded, a page's
//! content may be sixteen times its file (the bound on streams), most of it
//! vector art that is left out.

use super::pdf_content::text_operations_in;
use super::pdf_parse_cost::ParseCost;
use super::pdf_piece_marks::PieceMarks;

/// The text operations of the content fed so far, and the bytes of an
/// operation that may go on in what is fed next.
pub struct ContentCutter<'a> {
    left_out: &'a dyn Fn(&[u8]) -> bool,
    limit: usize,
    kept: Vec<u8>,
    cost: ParseCost,
    /// Fed but not yet read: an operation, or a comment, not yet ended.
    unread: Vec<u8>,
    /// Read again once `unread` holds this many bytes, so that a long
    /// operation is read again only as often as its length doubles.
    read_at: usize,
    /// Every byte fed.
    fed: usize,
    /// The content is no tokens: it is given to lopdf as it is.
    no_tokens: bool,
    /// Where what is kept can be cut into pieces drawn one at a time.
    marks: PieceMarks,
}

impl<'a> ContentCutter<'a> {
    /// A cutter leaving out the XObjects `left_out` names, for content that
    /// may cost `limit` bytes to parse, marking where it can be cut into
    /// pieces as `marks` do.
    pub fn new(left_out: &'a dyn Fn(&[u8]) -> bool, limit: usize, marks: PieceMarks) -> Self {
        ContentCutter {
            left_out,
            limit,
            kept: Vec::new(),
            cost: ParseCost::default(),
            unread: Vec::new(),
            read_at: 0,
            fed: 0,
            no_tokens: false,
            marks,
        }
    }

    /// Reads on into `bytes`, the content's next piece. Once what is kept
    /// and what is held unread would cost more than the limit: that cost.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), usize> {
        self.fed = self.fed.saturating_add(bytes.len());
        if self.no_tokens {
            return self.within_limit();
        }
        self.unread.extend_from_slice(bytes);
        if self.unread.len() >= self.read_at {
            match text_operations_in(
                &self.unread,
                false,
                self.left_out,
                &mut self.kept,
                &mut self.cost,
                Some(&mut self.marks),
            ) {
                Some(read) => {
                    self.unread.drain(..read);
                    self.read_at = self.unread.len().saturating_mul(2);
                }
                None => self.give_up(),
            }
        }
        self.within_limit()
    }

    /// The text operations of all that was fed (`None`: it is no tokens, and
    /// is to be used as it is), or what parsing it would cost if that is
    /// more than the limit.
    #[cfg(any(test, fuzzing))]
    pub fn finish(self) -> Result<Option<Vec<u8>>, usize> {
        Ok(self.finish_in_pieces()?.map(|(kept, _)| kept))
    }

    /// [`Self::finish`], with where what is kept can be cut into pieces.
    pub fn finish_in_pieces(mut self) -> Result<Option<(Vec<u8>, PieceMarks)>, usize> {
        if !self.no_tokens {
            let read = text_operations_in(
                &self.unread,
                true,
                self.left_out,
                &mut self.kept,
                &mut self.cost,
                Some(&mut self.marks),
            );
            if read.is_none() {
                self.give_up();
            }
            self.unread = Vec::new();
        }
        self.within_limit()?;
        Ok((!self.no_tokens).then_some((self.kept, self.marks)))
    }

    fn give_up(&mut self) {
        self.no_tokens = true;
        self.kept = Vec::new();
        self.unread = Vec::new();
        self.marks = PieceMarks::whole();
    }

    /// What parsing would cost, counted so far, if it is more than the
    /// limit: the operations kept and the bytes held unread, or, for content
    /// that is no tokens, every byte fed, unread by lopdf.
    fn within_limit(&self) -> Result<(), usize> {
        let mut cost = self.cost;
        if self.no_tokens {
            cost.unread(self.fed);
        } else {
            cost.kept(self.unread.len());
        }
        if cost.bytes() > self.limit {
            return Err(cost.bytes());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::pdf_content::text_operations;
    use super::*;

    fn is_image(name: &[u8]) -> bool {
        name.starts_with(b"Im")
    }

    /// `content` fed to a cutter in pieces of `size` bytes.
    fn cut_in_pieces(content: &[u8], size: usize, limit: usize) -> Result<Option<Vec<u8>>, usize> {
        let mut cutter = ContentCutter::new(&is_image, limit, PieceMarks::whole());
        for piece in content.chunks(size) {
            cutter.feed(piece)?;
        }
        cutter.finish()
    }

    #[test]
    fn a_content_fed_in_pieces_is_cut_as_it_is_whole() {
        let page = "q 0 0 1 rg 10 10 m 20 20 l S Q BT /F1 9 Tf (a long (nested) string) Tj \
                    [(x) -5 (y)] TJ ET % a comment ) \r /Im1 Do /Fm1 Do BI /W 1 ID \x00 EI BT (z) ' ET";
        let whole = text_operations(page.as_bytes(), &is_image, &mut ParseCost::default());
        assert!(whole.is_some());
        for size in 1..page.len() {
            assert_eq!(
                cut_in_pieces(page.as_bytes(), size, usize::MAX),
                Ok(whole.clone()),
                "{size}"
            );
        }
        let broken = "BT (x) Tj ET ) BT (y) Tj ET";
        assert_eq!(cut_in_pieces(broken.as_bytes(), 4, usize::MAX), Ok(None));
    }

    #[test]
    fn what_is_held_unread_counts_toward_the_limit() {
        // One string that never ends: nothing is kept, all of it is held.
        let mut cutter = ContentCutter::new(&is_image, 10_000, PieceMarks::whole());
        let piece = [b'('; 1000];
        let fed_before_refusal = (0..100).take_while(|_| cutter.feed(&piece).is_ok()).count();
        assert_eq!(
            fed_before_refusal, 10,
            "refused at the eleventh thousand bytes"
        );
    }

    #[test]
    fn art_left_out_costs_nothing_however_long() {
        let art = "0 0 m 1 1 l 2 2 l S 0.5 g ".repeat(40_000);
        let content = format!("BT (title) Tj ET {art} BT (end) Tj ET");
        let kept = cut_in_pieces(content.as_bytes(), 1 << 16, 10_000)
            .unwrap()
            .unwrap();
        assert_eq!(kept, b"BT\n(title) Tj\nET\nBT\n(end) Tj\nET\n");
    }

    #[test]
    fn content_that_is_no_tokens_costs_every_byte_fed() {
        let content = format!(") {}", "x ".repeat(1000));
        let mut expected = ParseCost::default();
        expected.unread(content.len());
        let small = expected.bytes() - 1;
        assert_eq!(
            cut_in_pieces(content.as_bytes(), 100, small),
            Err(expected.bytes())
        );
        assert_eq!(cut_in_pieces(content.as_bytes(), 100, small + 1), Ok(None));
    }
}
