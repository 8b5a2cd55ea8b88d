//! A block as a loader extracts it, before the document builder folds it.

use super::piece::Piece;
use super::{BlockKind, DocumentBuilder};

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

    /// Hands the block to a builder whose raw text the pieces point into.
    pub fn build(&self, builder: &mut DocumentBuilder) {
        builder.start_block(self.kind);
        for piece in &self.pieces {
            match piece {
                Piece::Verbatim(range) => builder.push_verbatim(range.clone()),
                Piece::Replaced(text, range) => builder.push_replaced(text, range.clone()),
            }
        }
        builder.end_block();
    }
}
