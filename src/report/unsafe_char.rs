//! Characters a report never prints as they are: controls (an escape
//! sequence could rewrite the terminal, a line break could start a CI
//! workflow command) and bidirectional overrides (they reorder what a
//! reviewer reads). Text from claims files and sources may hold them.

/// True for a character to show escaped (`\u{1b}`) or replaced.
pub(crate) fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}
