//! Plain text: paragraphs are blocks separated by blank lines; form feeds
//! separate pages.
