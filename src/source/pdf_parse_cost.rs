//! What lopdf takes to parse a content stream, counted before it parses it.
//!
//! pdf-extract has lopdf parse a page's whole content into operations before
//! it draws a glyph, and a form's each time it is drawn: measured, some 570
//! bytes an operation and 120 an operand (a 1.6 KB PDF whose page is a
//! million bytes of `T*` took 197 MB). A page or form whose cost passes
//! [`bound`] is not parsed: the PDF is refused, so that a stranger's PDF
//! cannot take more than its size again while a page is drawn.

/// Bytes lopdf holds for an operation (its operator and operand list).
const PER_OPERATION: usize = 570;
/// Bytes lopdf holds for an operand, an array's items included.
const PER_OPERAND: usize = 120;
/// Content that cannot be read as tokens is given to lopdf as it is: counted
/// as if every three bytes were an operation (`T*` and a line break).
const PER_UNREAD_BYTE: usize = PER_OPERATION / 3;
/// So that no page of a real PDF is refused: a dense page set a glyph at a
/// time (twenty thousand glyphs, each moved to and shown) costs about 30 MB.
const FLOOR: usize = 32 << 20;

/// What parsing a stream will cost, counted as its tokens are read.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ParseCost {
    bytes: usize,
}

impl ParseCost {
    pub fn operation(&mut self) {
        self.bytes = self.bytes.saturating_add(PER_OPERATION);
    }

    pub fn operands(&mut self, n: usize) {
        self.bytes = self.bytes.saturating_add(n.saturating_mul(PER_OPERAND));
    }

    /// `len` bytes kept: lopdf holds a string's bytes (a `Tj` of a
    /// megabyte is one operand).
    pub fn kept(&mut self, len: usize) {
        self.bytes = self.bytes.saturating_add(len);
    }

    /// `len` bytes given to lopdf unread.
    pub fn unread(&mut self, len: usize) {
        self.bytes = self
            .bytes
            .saturating_add(len.saturating_mul(PER_UNREAD_BYTE));
    }

    pub fn bytes(self) -> usize {
        self.bytes
    }
}

/// What one page's or form's content may cost to parse, for a file of
/// `file_len` bytes: its size, [`FLOOR`] at least.
pub fn bound(file_len: usize) -> usize {
    file_len.max(FLOOR)
}

/// Why a PDF with a stream of this `cost` is not read.
pub fn past_the_bound(what: &str, cost: usize, limit: usize) -> String {
    format!(
        "{what} would take at least {} MiB to parse, past {} MiB (the file's size, 32 MiB at \
         least): more than citecheck reads of one page",
        cost.div_ceil(1 << 20),
        limit.div_ceil(1 << 20)
    )
}
