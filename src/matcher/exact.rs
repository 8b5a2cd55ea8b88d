//! Exact search of a folded quote in folded text, at word boundaries.
