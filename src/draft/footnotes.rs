//! Footnote definitions as citations: `[^n]: Executive Order 14320, @eo, ¶4.`
//! names the source (`@key`) and the place (a locator after the key).
//!
//! A footnote definition is prose too, and its quotations are checked like
//! any other (`[^1]: As the order says, “…” [@eo, § "Sec. 2"].`). Besides the
//! `[@…]` citations of the body, a quotation in a footnote takes a bare
//! `@key, LOCATOR` that follows it in its sentence, as footnotes write them:
//! `[^2]: The order calls it “…”, @eo, ¶4.` ([`bare_citation`]).

use std::collections::HashMap;
use std::ops::Range;

use super::citation::{parse_reference, DraftCitation, LocatorRead};
use super::prose::ProseBlock;

/// What a footnote cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteCitation {
    pub key: String,
    pub locator: Option<LocatorRead>,
}

/// The footnotes of a draft that cite a source, by label. A footnote with
/// several paragraphs is read up to its first `@key`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Footnotes {
    by_label: HashMap<String, FootnoteCitation>,
}

impl Footnotes {
    pub fn collect<'a>(blocks: impl IntoIterator<Item = &'a ProseBlock>) -> Self {
        let mut by_label = HashMap::new();
        for block in blocks {
            let Some(label) = &block.footnote else {
                continue;
            };
            if by_label.contains_key(label) {
                continue;
            }
            if let Some((key, locator)) = parse_reference(&block.text) {
                by_label.insert(label.clone(), FootnoteCitation { key, locator });
            }
        }
        Footnotes { by_label }
    }

    pub fn get(&self, label: &str) -> Option<&FootnoteCitation> {
        self.by_label.get(label)
    }
}

/// The citation of a quotation in a footnote definition when no `[@…]` or
/// `[^…]` follows it in its sentence: the first bare `@key` in `within`
/// (prose offsets of `block`, from the end of the quotation to the end of
/// its sentence) and the locator after it. None outside footnotes: a bare
/// `@key` in the body is left alone.
pub fn bare_citation(block: &ProseBlock, within: Range<usize>) -> Option<DraftCitation> {
    block.footnote.as_ref()?;
    let text = block.text.get(within.clone())?;
    let (key, locator) = parse_reference(text)?;
    let at = text
        .match_indices('@')
        .map(|(i, _)| i)
        .find(|i| text[i + 1..].starts_with(key.as_str()))
        .unwrap_or(0);
    let end = text.trim_end().trim_end_matches('.').len().max(at);
    let (locator, locator_error) = match locator {
        None => (None, None),
        Some(Ok(l)) => (Some(l), None),
        Some(Err(e)) => (None, Some(e)),
    };
    Some(DraftCitation {
        key,
        locator,
        locator_error,
        span: block.span(within.start + at..within.start + end),
        footnote: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::LocatorKind;
    use crate::draft::prose;

    #[test]
    fn definitions_give_key_and_locator() {
        let md = "Text.[^a] More.[^b] And.[^c]\n\n[^a]: Executive Order 14320, @eo, ¶4.\n\n[^b]: The order itself.\n\n    Second paragraph: @eo, § \"Sec. 3\".\n\n[^c]: No citation here.\n";
        let notes = Footnotes::collect(&prose::read(md).blocks);
        let a = notes.get("a").unwrap();
        assert_eq!(a.key, "eo");
        assert_eq!(
            a.locator,
            Some(Ok(LocatorKind::Paragraphs { start: 4, end: 4 }))
        );
        let b = notes.get("b").unwrap();
        assert_eq!(b.locator, Some(Ok(LocatorKind::Section("Sec. 3".into()))));
        assert!(notes.get("c").is_none());
        assert!(notes.get("zz").is_none());
    }

    #[test]
    fn a_bare_key_after_a_quotation_in_a_footnote_cites_it() {
        let md = "Text.[^a]\n\n[^a]: The order calls it “a sweeping program”, @eo, ¶4.\n\nBody “words here” @eo, ¶4.\n";
        let blocks = prose::read(md).blocks;
        let note = &blocks[1];
        let from = note.text.find('”').unwrap() + '”'.len_utf8();
        let c = bare_citation(note, from..note.text.len()).unwrap();
        assert_eq!(c.key, "eo");
        assert_eq!(
            c.locator,
            Some(LocatorKind::Paragraphs { start: 4, end: 4 })
        );
        assert_eq!(&md[c.span], "@eo, ¶4");
        let body = &blocks[2];
        assert!(bare_citation(body, 0..body.text.len()).is_none());
        assert!(bare_citation(note, 0..0).is_none());
    }

    #[test]
    fn quotations_in_footnote_definitions_are_extracted_at_their_place() {
        let md = "Body text.[^1]\n\n[^1]: As the order says, \"the Secretary of Commerce shall establish\" [@eo, § \"Sec. 2\"].\n";
        let d = crate::draft::extract(md);
        assert_eq!(d.quotations.len(), 1, "{:?}", d.quotations);
        let q = &d.quotations[0];
        assert_eq!(q.text, "the Secretary of Commerce shall establish");
        assert!(md[q.span.clone()].starts_with("\"the Secretary"));
        assert!(q.span.start > md.find("[^1]:").unwrap());
        let c = q.citation.as_ref().unwrap();
        assert_eq!(c.key, "eo");
        assert_eq!(c.locator, Some(LocatorKind::Section("Sec. 2".into())));
        assert_eq!(&md[c.span.clone()], "[@eo, § \"Sec. 2\"]");
    }
}
