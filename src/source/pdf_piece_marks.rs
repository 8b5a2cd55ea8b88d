//! Where a page's text operations can be cut into pieces that pdf-extract
//! draws one after the other, each parsed alone: lopdf holds a page's parsed
//! operations whole, some 40 times their bytes, which made the cover of a
//! 509 KB PDF (50 KB of `q`, `cm` and `Q` around its art) the most it held,
//! 1.8 MB of 2.2.
//!
//! A piece starts with a prelude that puts back the state pdf-extract keeps
//! between operations, by replaying the operations that set it, byte for
//! byte, so that every glyph lands where it did: the saved states (`q`), the
//! CTM (every `cm`, in order) and the text state (the last `Tc`, `Tw`, `Tz`,
//! `TL` or `TD`, `Ts` and `Tf` of each level). A cut is made where the text
//! matrices are the identity (outside a text object), before `BT` or `Tm`,
//! which set them afresh, or before a move to the next line (`Td`, `TD`,
//! `T*`), which sets the text matrix from the line matrix: that is put back
//! by replaying, after a `BT`, the `Tm` and every move since the text object
//! began, with the leading in force then and each `TL` since (a matrix
//! written out would not come back exactly: lopdf reads numbers as `f32`).
//! Cuts are made only where every saved state holds the identity text
//! matrix (pdf-extract's `Q` restores it). Nothing else it keeps between
//! operations reaches the glyphs: paths, colours and marked content are left
//! out before it parses, and `gs` sets only a soft mask.

use std::ops::Range;

/// The operators whose last use in a level sets a part of the text state:
/// `TD` sets the leading as `TL` does (the move it replays is undone by the
/// `ET` a prelude ends with).
const TEXT_STATE: [&[u8]; 6] = [b"Tc", b"Tw", b"Tz", b"TL", b"Ts", b"Tf"];

/// What a piece is cut to cost lopdf, at least, in a small file.
const PIECE_FLOOR: usize = 256 << 10;
/// A prelude longer than this is not written: the piece goes on.
const PRELUDE_MAX: usize = 4 << 10;
/// A text-state operation longer than this is not replayed (nor cut after).
const OPERATION_MAX: usize = 256;
/// Saved states past this depth are counted, not replayed.
const DEPTH_MAX: usize = 32;
/// Moves since a text object began longer than this are not replayed: no
/// cut is made inside it until the next `BT` or `Tm`.
const MOVES_MAX: usize = 1536;

/// The state set in one level of the graphics-state stack.
#[derive(Debug, Default, Clone)]
struct Level {
    /// Every `cm` of the level, each on a line.
    cms: Vec<u8>,
    /// The last operation setting each part of [`TEXT_STATE`].
    text_state: [Option<Vec<u8>>; 6],
    /// The text matrix saved with the level below (by the `q` that began
    /// this one) is the identity.
    saved_identity: bool,
    /// Something set in the level is too long to replay.
    too_long: bool,
}

/// The cuts of a page's text operations, marked as they are kept.
#[derive(Debug)]
pub struct PieceMarks {
    levels: Vec<Level>,
    /// `q`s past [`DEPTH_MAX`] not yet closed.
    deeper: usize,
    /// The text matrix is the identity (at the start, after `BT` and `ET`).
    tm_identity: bool,
    /// The text line matrix is.
    tlm_identity: bool,
    /// What puts the line matrix back, if it can be: the operation setting
    /// the leading in force when it was last set afresh (by `BT`, `ET` or
    /// `Tm`), and that `Tm` and every move and `TL` since. `None` past
    /// [`MOVES_MAX`], or once a state is saved or restored (`Q` restores
    /// the leading).
    moves: Option<(Vec<u8>, Vec<u8>)>,
    /// Where each piece after the first begins in the operations kept, how
    /// many operations come before it, and its prelude.
    cuts: Vec<(usize, usize, Vec<u8>)>,
    /// The operations kept.
    operations: usize,
    /// No piece begins past here: an operation lopdf may read otherwise.
    stopped: bool,
    /// What the operations kept cost when the last piece began.
    cost_at_cut: usize,
    piece_cost: usize,
}

impl PieceMarks {
    /// Marks cutting the pieces of a page of a file of `file_len` bytes: each
    /// costs lopdf about the file's size to parse ([`PIECE_FLOOR`] at least),
    /// so that a dense page in a small file is parsed in pieces, and the
    /// fonts of a page of a large one (made again for each piece) are made
    /// once.
    pub fn for_file_of(file_len: usize) -> Self {
        PieceMarks::with_piece_cost(file_len.max(PIECE_FLOOR))
    }

    /// Marks that never cut: the content is drawn whole (a form).
    pub fn whole() -> Self {
        PieceMarks::with_piece_cost(usize::MAX)
    }

    /// Marks cutting pieces that cost `piece_cost`, or a little more.
    pub fn with_piece_cost(piece_cost: usize) -> Self {
        PieceMarks {
            levels: vec![Level {
                saved_identity: true,
                ..Level::default()
            }],
            deeper: 0,
            tm_identity: true,
            tlm_identity: true,
            moves: Some((b"0 TL".to_vec(), Vec::new())),
            cuts: Vec::new(),
            operations: 0,
            stopped: false,
            cost_at_cut: 0,
            piece_cost,
        }
    }

    /// Notes an operation kept, `operation` (operands and operator `op`),
    /// about to be written at `at` in the operations kept, which cost `cost`
    /// before it; cuts there if a piece is due and can begin with it.
    pub fn kept(&mut self, op: &[u8], operation: &[u8], at: usize, cost: usize) {
        let afresh = matches!(op, b"BT" | b"Tm") || (self.tm_identity && self.tlm_identity);
        let moved = matches!(op, b"Td" | b"TD" | b"T*") && self.moves.is_some();
        let due = cost.saturating_sub(self.cost_at_cut) >= self.piece_cost;
        if (afresh || moved) && due && !self.stopped {
            let line = self.moves.as_ref().filter(|_| !afresh);
            if let Some(prelude) = self.prelude(line) {
                self.cuts.push((at, self.operations, prelude));
                self.cost_at_cut = cost;
            }
        }
        self.operations += 1;
        self.note_moves(op, operation);
        match op {
            b"BT" | b"ET" => (self.tm_identity, self.tlm_identity) = (true, true),
            b"Tm" | b"Td" | b"TD" | b"T*" => (self.tm_identity, self.tlm_identity) = (false, false),
            b"Tj" | b"TJ" => self.tm_identity = false,
            b"q" if self.levels.len() == DEPTH_MAX => self.deeper += 1,
            b"q" => self.levels.push(Level {
                saved_identity: self.tm_identity,
                ..Level::default()
            }),
            // What that `q` saved is not known.
            b"Q" if self.deeper > 0 => (self.deeper, self.tm_identity) = (self.deeper - 1, false),
            b"Q" if self.levels.len() > 1 => {
                if let Some(level) = self.levels.pop() {
                    self.tm_identity = level.saved_identity;
                }
            }
            _ => {}
        }
        let Some(level) = self.levels.last_mut().filter(|_| self.deeper == 0) else {
            return;
        };
        let op = if op == b"TD" { b"TL" } else { op };
        if op == b"cm" {
            level.cms.extend_from_slice(operation);
            level.cms.push(b'\n');
            level.too_long |= level.cms.len() > PRELUDE_MAX;
        } else if let Some(i) = TEXT_STATE.iter().position(|&t| t == op) {
            level.too_long |= operation.len() > OPERATION_MAX;
            if !level.too_long {
                level.text_state[i] = Some(operation.to_vec());
            }
        }
        if level.too_long {
            level.cms = Vec::new();
            level.text_state = Default::default();
        }
    }

    /// Makes the rest of the page one piece: the operation about to be kept
    /// may be read by lopdf as other operations than those noted here, and
    /// the state noted from here on would not be the state drawn.
    pub fn no_more_cuts(&mut self) {
        self.stopped = true;
    }

    /// Notes what `op` (the whole `operation`) does to [`Self::moves`].
    fn note_moves(&mut self, op: &[u8], operation: &[u8]) {
        match op {
            b"BT" | b"ET" | b"Tm" => {
                let mut moves = Vec::new();
                if op == b"Tm" {
                    moves.extend_from_slice(operation);
                    moves.push(b'\n');
                }
                self.moves = Some((self.leading().to_vec(), moves));
            }
            b"Td" | b"TD" | b"T*" | b"TL" => {
                if let Some((_, moves)) = &mut self.moves {
                    moves.extend_from_slice(operation);
                    moves.push(b'\n');
                }
            }
            b"q" | b"Q" => self.moves = None,
            _ => {}
        }
        if let Some((leading, moves)) = &self.moves {
            if leading.len() + moves.len() > MOVES_MAX {
                self.moves = None;
            }
        }
    }

    /// The operation that set the leading in force (`0 TL` if none did).
    fn leading(&self) -> &[u8] {
        let tl = TEXT_STATE.iter().position(|&t| t == b"TL").unwrap_or(3);
        self.levels
            .iter()
            .rev()
            .find_map(|level| level.text_state[tl].as_deref())
            .unwrap_or(b"0 TL")
    }

    /// The operations that put back the state as it is, if it can be put
    /// back and is short enough. They end with `ET`, which sets the text
    /// matrices to the identity, as a `TD` replayed leaves them otherwise.
    /// Given the `line` matrix's leading and moves, the leading comes
    /// before that `ET`, and `BT` and the moves after it.
    fn prelude(&self, line: Option<&(Vec<u8>, Vec<u8>)>) -> Option<Vec<u8>> {
        if self.deeper > 0 {
            return None;
        }
        let mut prelude = Vec::new();
        for (i, level) in self.levels.iter().enumerate() {
            if level.too_long || !level.saved_identity {
                return None;
            }
            if i > 0 {
                prelude.extend_from_slice(b"q\n");
            }
            prelude.extend_from_slice(&level.cms);
            for set in level.text_state.iter().flatten() {
                prelude.extend_from_slice(set);
                prelude.push(b'\n');
            }
        }
        if let Some((leading, moves)) = line {
            prelude.extend_from_slice(leading);
            prelude.extend_from_slice(b"\nET\nBT\n");
            prelude.extend_from_slice(moves);
        } else if !prelude.is_empty() {
            prelude.extend_from_slice(b"ET\n");
        }
        (prelude.len() <= PRELUDE_MAX).then_some(prelude)
    }

    /// The pieces of the operations kept, as they were marked: each
    /// piece's prelude, its range of them, and how many operations that is.
    pub fn pieces(&self, len: usize) -> impl Iterator<Item = (&[u8], Range<usize>, usize)> {
        let starts = std::iter::once((0, 0, &[][..])).chain(
            self.cuts
                .iter()
                .map(|(at, before, prelude)| (*at, *before, &prelude[..])),
        );
        let ends = self
            .cuts
            .iter()
            .map(|&(at, before, _)| (at, before))
            .chain(std::iter::once((len, self.operations)));
        starts
            .zip(ends)
            .map(|((start, first, prelude), (end, next))| (prelude, start..end, next - first))
    }

    /// How many pieces the operations kept are cut into.
    pub fn count(&self) -> usize {
        self.cuts.len() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::super::pdf_content::text_operations_in;
    use super::super::pdf_parse_cost::ParseCost;
    use super::*;

    /// `content`'s text operations, and its pieces, each a prelude and the
    /// operations it holds, cut wherever they can be (at every operation
    /// that may begin one, as each costs more than a byte).
    fn pieces(content: &str) -> Vec<(String, String)> {
        let mut marks = PieceMarks::with_piece_cost(1);
        let mut ops = Vec::new();
        let mut cost = ParseCost::default();
        let left_out = |_: &[u8]| false;
        text_operations_in(
            content.as_bytes(),
            true,
            &left_out,
            &mut ops,
            &mut cost,
            Some(&mut marks),
        );
        let text = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
        marks
            .pieces(ops.len())
            .map(|(prelude, range, _)| (text(prelude), text(&ops[range])))
            .collect()
    }

    /// The first operation of each piece.
    fn firsts(content: &str) -> Vec<String> {
        pieces(content)
            .into_iter()
            .map(|(_, body)| body.lines().next().unwrap_or("").to_owned())
            .collect()
    }

    /// The prelude of `content`'s piece that begins with `first`.
    fn prelude_before(content: &str, first: &str) -> Option<String> {
        pieces(content)
            .into_iter()
            .find(|(_, body)| body.starts_with(first))
            .map(|(prelude, _)| prelude)
    }

    #[test]
    fn a_piece_begins_by_putting_back_the_state_its_page_had_there() {
        let page = "2 0 0 2 5 5 cm /F1 9 Tf 0.5 Tc q 1 0 0 1 0 10 cm 0 -12 TD /F2 7 Tf \
                    BT (a) Tj ET q 3 Tz BT (b) Tj ET Q Q BT (c) Tj ET";
        let all = pieces(page);
        let joined: String = all.iter().map(|(_, body)| body.as_str()).collect();
        assert!(
            joined.split_whitespace().eq(page.split_whitespace()),
            "nothing lost"
        );
        let prelude_of = |first: &str| prelude_before(page, first);
        assert_eq!(
            prelude_of("(b) Tj").as_deref(),
            Some("2 0 0 2 5 5 cm\n0.5 Tc\n/F1 9 Tf\nq\n1 0 0 1 0 10 cm\n0 -12 TD\n/F2 7 Tf\nq\n3 Tz\nET\n"),
            "every level, each cm in order, the last of each text state; ET to undo TD's move"
        );
        assert_eq!(
            prelude_of("(c) Tj").as_deref(),
            Some("2 0 0 2 5 5 cm\n0.5 Tc\n/F1 9 Tf\nET\n"),
            "the levels closed are gone"
        );
        assert_eq!(all[0].0, "", "the first piece begins with the page");
    }

    #[test]
    fn inside_a_text_object_a_piece_begins_where_the_text_matrix_is_set_afresh_or_moved() {
        let page = "BT /F1 9 Tf 1 0 0 1 0 0 Tm (a) Tj 0 -12 Td (b) Tj T* [(c) 5 (d)] TJ \
                    1 0 0 1 0 50 Tm (e) Tj ET";
        assert_eq!(
            firsts(page),
            [
                "BT",
                "/F1 9 Tf",
                "1 0 0 1 0 0 Tm",
                "0 -12 Td",
                "T*",
                "1 0 0 1 0 50 Tm"
            ]
        );
    }

    #[test]
    fn a_cut_at_a_move_replays_the_line_matrix_from_where_it_was_set() {
        let page = "5 TL BT 1 0 0 1 9 9 Tm (a) Tj 0 -12 Td 7 TL (b) Tj T* (c) Tj ET";
        let prelude_of = |first: &str| prelude_before(page, first);
        assert_eq!(
            prelude_of("T*").as_deref(),
            Some("7 TL\n5 TL\nET\nBT\n1 0 0 1 9 9 Tm\n0 -12 Td\n7 TL\n"),
            "the leading as it was at the Tm (before the ET: a TD would move), \
             then the Tm and what followed"
        );
        assert_eq!(
            prelude_of("0 -12 Td").as_deref(),
            Some("5 TL\n5 TL\nET\nBT\n1 0 0 1 9 9 Tm\n")
        );
        // With none set, the leading is put back to 0.
        assert_eq!(
            prelude_before("BT (a) Tj 3 TL T* (b) Tj ET", "T*").as_deref(),
            Some("3 TL\n0 TL\nET\nBT\n3 TL\n")
        );
    }

    #[test]
    fn no_cut_is_made_at_a_move_after_a_saved_state_or_past_the_moves_replayed() {
        let page = "BT 1 0 0 1 9 9 Tm (a) Tj q 5 TL Q T* (b) Tj ET";
        assert_eq!(firsts(page), ["BT", "1 0 0 1 9 9 Tm"]);
        let moves = "0 -1.5 Td (x) Tj ".repeat(MOVES_MAX / 8);
        let firsts = firsts(&format!("BT {moves}ET"));
        assert!(firsts.len() < MOVES_MAX / 8, "{}", firsts.len());
        assert!(firsts.len() > 20, "{}", firsts.len());
    }

    #[test]
    fn a_text_matrix_saved_by_q_that_is_not_the_identity_stops_cuts_until_restored() {
        // pdf-extract's Q puts back the text matrix that q saved.
        let page = "BT 1 0 0 1 5 5 Tm (a) Tj q ET BT (b) Tj ET Q (c) Tj ET BT (d) Tj ET";
        assert_eq!(firsts(page), ["BT", "1 0 0 1 5 5 Tm", "BT", "(d) Tj"]);
        assert!(pieces(page)[1].1.contains("BT\n(b) Tj\nET\nQ\n(c) Tj"));
    }

    #[test]
    fn no_piece_begins_in_states_saved_past_the_depth_replayed() {
        let deep = "q ".repeat(DEPTH_MAX + 3);
        let closed = "Q ".repeat(DEPTH_MAX + 3);
        let page = format!("{deep}BT (a) Tj ET {closed}BT (b) Tj ET");
        let firsts = firsts(&page);
        assert!(firsts.len() > DEPTH_MAX - 1, "{firsts:?}");
        let deepest = pieces(&page)
            .into_iter()
            .find(|(_, body)| body.contains("(a) Tj"))
            .unwrap();
        assert!(deepest.1.starts_with(&"q\n".repeat(4)), "{deepest:?}");
        assert!(deepest.1.contains(&"Q\n".repeat(4)), "{deepest:?}");
    }

    #[test]
    fn a_state_too_long_to_replay_is_not_cut_after() {
        let cms = "1 0 0 1 0.123456789 0.123456789 cm ".repeat(200);
        let last = pieces(&format!("{cms}BT (a) Tj ET BT (b) Tj ET"))
            .pop()
            .unwrap();
        assert!(last.0.len() <= PRELUDE_MAX, "{}", last.0.len());
        assert!(last.1.contains("(a) Tj\nET\nBT\n(b) Tj"), "{}", last.1);
        let long_font = format!("/F{} 9 Tf ", "x".repeat(OPERATION_MAX));
        assert_eq!(
            firsts(&format!("{long_font}BT (a) Tj ET BT (b) Tj ET")),
            [long_font.trim()]
        );
    }
}
