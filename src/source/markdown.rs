//! Markdown through pulldown-cmark with source offsets.
