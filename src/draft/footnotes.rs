//! Footnote definitions as citations: `[^n]: Executive Order 14320, @eo, ¶4.`
//! names the source (`@key`) and the place (a locator after the key).

use std::collections::HashMap;

use super::citation::{parse_reference, LocatorRead};
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
}
