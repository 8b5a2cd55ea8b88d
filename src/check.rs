//! The check itself: from a parsed claims file and its loaded sources to a report.
