//! Citations in a draft, as Pandoc writes them: `[@key]`, `[@key, ¶4]`,
//! `[@key, p. 3]`, `[@key, line 12]`, `[@key, § "Sec. 4"]`, and a footnote
//! whose definition holds `@key` and a locator. Locators follow the claims
//! grammar (`citecheck::claims::parse_locator`).

use std::ops::Range;

use crate::claims::{parse_locator, LocatorKind};

/// Where a quotation is said to stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftCitation {
    pub key: String,
    pub locator: Option<LocatorKind>,
    /// A locator that was written but could not be read, and why: the whole
    /// source is searched instead.
    pub locator_error: Option<(String, String)>,
    /// Draft bytes of the citation (`[@…]` or the footnote reference).
    pub span: Range<usize>,
    /// The footnote it came through, if any.
    pub footnote: Option<String>,
}

/// A citation mark at the start of `text`: `[@…]` or `[^label]`, and its
/// length in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// `[@key, locator]`: the bracket's content.
    Pandoc(String),
    Footnote(String),
}

/// Reads a citation mark at the start of `text`, if there is one.
pub fn mark_at(text: &str) -> Option<(Mark, usize)> {
    let rest = text.strip_prefix('[')?;
    let close = rest.find([']', '\n'])?;
    if rest[close..].starts_with('\n') {
        return None;
    }
    let inner = &rest[..close];
    let len = close + 2;
    if let Some(label) = inner.strip_prefix('^') {
        return (!label.is_empty()).then(|| (Mark::Footnote(label.to_string()), len));
    }
    // `[@key…]`, also `[see @key, p. 3]`.
    let at = inner.find('@')?;
    let before = &inner[..at];
    (before.is_empty() || before.ends_with(char::is_whitespace))
        .then(|| (Mark::Pandoc(inner.to_string()), len))
}

/// Byte ranges of the Pandoc citations (`[@…]`) of `text`: a section title
/// in a locator (`[@eo, § "Sec. 4"]`) stands in quotation marks but is no
/// quotation.
pub fn pandoc_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find('[').map(|i| from + i) {
        match mark_at(&text[i..]) {
            Some((Mark::Pandoc(_), len)) => {
                spans.push(i..i + len);
                from = i + len;
            }
            _ => from = i + 1,
        }
    }
    spans
}

/// A locator as read: the locator, or what was written and why it cannot
/// be read.
pub type LocatorRead = Result<LocatorKind, (String, String)>;

/// Reads the first `@key` of `text` and the locator after it (up to `;`, `]`
/// or the end; a final `.` dropped). None when no key stands in it.
pub fn parse_reference(text: &str) -> Option<(String, Option<LocatorRead>)> {
    let mut search = 0;
    let (key, after) = loop {
        let at = search + text[search..].find('@')?;
        let before = text[..at].chars().next_back();
        let key_len = text[at + 1..]
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')))
            .map_or(text.len() - at - 1, |(i, _)| i);
        let key = text[at + 1..at + 1 + key_len].trim_end_matches(['.', ':', '-']);
        if !key.is_empty() && before.is_none_or(|c| !c.is_alphanumeric()) {
            break (key.to_string(), at + 1 + key.len());
        }
        search = at + 1;
    };
    let rest = text[after..].trim_start();
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    let end = rest.find([';', ']']).unwrap_or(rest.len());
    let written = rest[..end].trim();
    let written = written.strip_suffix('.').unwrap_or(written).trim_end();
    if written.is_empty() {
        return Some((key, None));
    }
    let locator = parse_locator(&straighten(written)).map_err(|e| (written.to_string(), e));
    Some((key, Some(locator)))
}

/// Curly quotation marks around a section title read as straight ones, since
/// editors curl them: `§ “Sec. 4”` is `§ "Sec. 4"`.
fn straighten(locator: &str) -> String {
    let straight: String = locator
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' | '«' | '»' => '"',
            c => c,
        })
        .collect();
    // `§ « Sec. 4 »`: the blanks of French spacing are not the title's.
    match straight.strip_prefix('§').map(str::trim) {
        Some(title) if title.len() >= 2 && title.starts_with('"') && title.ends_with('"') => {
            format!("§ \"{}\"", title[1..title.len() - 1].trim())
        }
        _ => straight,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LocatorKind as L;

    fn reference(text: &str) -> (String, Option<LocatorKind>) {
        let (key, loc) = parse_reference(text).expect("a key");
        (key, loc.map(|l| l.expect("a locator")))
    }

    #[test]
    fn marks() {
        assert_eq!(
            mark_at("[@eo, ¶4] more"),
            Some((Mark::Pandoc("@eo, ¶4".into()), "[@eo, ¶4]".len()))
        );
        assert_eq!(mark_at("[^12]."), Some((Mark::Footnote("12".into()), 5)));
        assert_eq!(
            mark_at("[see @eo, p. 3]"),
            Some((Mark::Pandoc("see @eo, p. 3".into()), 15))
        );
        assert_eq!(mark_at("[a@b.org]"), None);
        assert_eq!(mark_at("[@eo\n, ¶4]"), None);
        assert_eq!(mark_at("[^]"), None);
        assert_eq!(mark_at("[@eo"), None);
    }

    #[test]
    fn pandoc_citation_spans() {
        let text = "a “b” [@eo, § \"Sec. 4\"] [^1] [x] [see @s, p. 3].";
        let spans: Vec<&str> = pandoc_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(spans, ["[@eo, § \"Sec. 4\"]", "[see @s, p. 3]"]);
        assert!(pandoc_spans("[@eo").is_empty());
    }

    #[test]
    fn every_locator_form() {
        assert_eq!(reference("@eo"), ("eo".into(), None));
        assert_eq!(
            reference("@eo, ¶4"),
            ("eo".into(), Some(L::Paragraphs { start: 4, end: 4 }))
        );
        assert_eq!(
            reference("@plan, p. 3"),
            ("plan".into(), Some(L::Pages { start: 3, end: 3 }))
        );
        assert_eq!(
            reference("@speech, line 12"),
            ("speech".into(), Some(L::Lines { start: 12, end: 12 }))
        );
        assert_eq!(
            reference("@speech, lines 12-14"),
            ("speech".into(), Some(L::Lines { start: 12, end: 14 }))
        );
        assert_eq!(
            reference("@eo, § \"Sec. 4\""),
            ("eo".into(), Some(L::Section("Sec. 4".into())))
        );
        assert_eq!(
            reference("@eo, § “Sec. 4”"),
            ("eo".into(), Some(L::Section("Sec. 4".into())))
        );
    }

    #[test]
    fn footnote_definitions_name_key_and_locator_in_prose() {
        assert_eq!(
            reference("Executive Order 14320, @eo, ¶4."),
            ("eo".into(), Some(L::Paragraphs { start: 4, end: 4 }))
        );
        assert_eq!(
            reference("Remarks at APEC, @speech, lines 55-56; see also @eo."),
            ("speech".into(), Some(L::Lines { start: 55, end: 56 }))
        );
        assert_eq!(reference("See @article."), ("article".into(), None));
        // An address is no key.
        assert_eq!(reference("press@wh.gov, then @eo"), ("eo".into(), None));
        assert!(parse_reference("no key here").is_none());
    }

    #[test]
    fn unreadable_locators_say_why() {
        let (key, loc) = parse_reference("@eo, chapter 3").unwrap();
        assert_eq!(key, "eo");
        let (written, why) = loc.unwrap().unwrap_err();
        assert_eq!(written, "chapter 3");
        assert!(!why.is_empty());
        let (_, loc) = parse_reference("@eo, ¶0").unwrap();
        assert!(loc.unwrap().unwrap_err().1.contains("count from 1"));
    }
}
