//! A block as a loader extracts it, before the document builder folds it.

use super::piece::Piece;
use super::BlockKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedBlock {
    pub kind: BlockKind,
    /// In order; their raw ranges increase.
    pub pieces: Vec<Piece>,
}

impl ExtractedBlock {
    /// The block's text (what the builder will put in `Document::text`).
    pub fn text(&self, raw: &str) -> String {
        self.pieces.iter().map(|p| p.text(raw)).collect()
    }
}
