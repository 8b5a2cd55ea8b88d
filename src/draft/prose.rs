//! The prose of a Markdown draft: what a reader reads, block by block, with a
//! map from every byte back to the draft. Code (spans and blocks), link
//! targets, image descriptions, HTML and front matter are not prose; a
//! footnote reference stays as `[^label]` so that citations read the same
//! whether pulldown-cmark resolved it or not.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One block of prose: a paragraph, a heading, a table cell, a tight list
/// item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProseBlock {
    pub text: String,
    /// The label of the footnote definition the block stands in, if any.
    pub footnote: Option<String>,
    /// A heading: a title, not a sentence of the article.
    pub heading: bool,
    segments: Vec<Segment>,
}

/// A run of prose and the draft bytes it comes from. When the prose equals
/// the draft bytes (`linear`), offsets map one to one; otherwise (escapes,
/// entities, placeholders) every offset maps to the start of the range.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    prose: usize,
    draft: Range<usize>,
    linear: bool,
}

/// An HTML comment of the draft (`<!-- … -->`), its text without the marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlComment {
    pub text: String,
    /// Of the whole comment, marks included.
    pub span: Range<usize>,
}

/// A draft read for its prose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    pub blocks: Vec<ProseBlock>,
    pub comments: Vec<HtmlComment>,
    /// The YAML front matter between its `---` lines, if the draft has one.
    pub front_matter: Option<Range<usize>>,
}

impl ProseBlock {
    fn push(&mut self, text: &str, draft: Range<usize>, linear: bool) {
        if text.is_empty() {
            return;
        }
        self.segments.push(Segment {
            prose: self.text.len(),
            draft,
            linear,
        });
        self.text.push_str(text);
    }

    /// The draft offset of a prose offset (the end of the block maps to the
    /// end of its last run).
    pub fn to_draft(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|s| s.prose <= offset);
        let Some(seg) = i.checked_sub(1).and_then(|i| self.segments.get(i)) else {
            return self.segments.first().map_or(0, |s| s.draft.start);
        };
        let within = offset - seg.prose;
        if seg.linear {
            (seg.draft.start + within).min(seg.draft.end)
        } else if within == 0 {
            seg.draft.start
        } else {
            seg.draft.end
        }
    }

    /// The draft range of a prose range.
    pub fn span(&self, prose: Range<usize>) -> Range<usize> {
        let start = self.to_draft(prose.start);
        let end = if prose.end > prose.start {
            // The end of the last byte's run, so an escape at the end is kept.
            self.to_draft(prose.end)
        } else {
            start
        };
        start..end.max(start)
    }
}

/// Reads the prose of a draft (its text after any byte-order mark).
pub fn read(text: &str) -> Prose {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut w = Walker {
        text,
        prose: Prose::default(),
        block: ProseBlock::default(),
        footnote: None,
        skip: 0,
        html: None,
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        w.event(event, range);
    }
    w.flush();
    w.prose
}

struct Walker<'a> {
    text: &'a str,
    prose: Prose,
    block: ProseBlock,
    footnote: Option<String>,
    /// Depth inside what is not prose (code blocks, images, front matter).
    skip: usize,
    /// An HTML block being gathered: its text and start.
    html: Option<(String, usize)>,
}

impl Walker<'_> {
    fn flush(&mut self) {
        if let Some((html, start)) = self.html.take() {
            comments_in(&html, start, &mut self.prose.comments);
        }
        let block = std::mem::take(&mut self.block);
        if !block.text.trim().is_empty() {
            self.prose.blocks.push(ProseBlock {
                footnote: self.footnote.clone(),
                ..block
            });
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if !matches!(event, Event::Html(_)) && self.html.is_some() {
            self.flush();
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            _ if self.skip > 0 => {}
            Event::Text(t) => {
                let linear = self.text.get(range.clone()) == Some(&*t);
                self.block.push(&t, range, linear);
            }
            // Code is no prose, but it keeps words apart.
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                self.block.push(" ", range, false)
            }
            Event::SoftBreak | Event::HardBreak => self.block.push("\n", range, false),
            Event::FootnoteReference(label) => {
                self.block.push(&format!("[^{label}]"), range, false)
            }
            Event::Html(h) => match &mut self.html {
                Some((text, _)) => text.push_str(&h),
                None => self.html = Some((h.to_string(), range.start)),
            },
            Event::InlineHtml(h) => comments_in(&h, range.start, &mut self.prose.comments),
            Event::Rule | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::CodeBlock(_) | Tag::Image { .. } => self.skip += 1,
            Tag::MetadataBlock(_) => {
                self.skip += 1;
                self.prose.front_matter = Some(inner_front_matter(self.text, range));
            }
            Tag::FootnoteDefinition(label) => {
                self.flush();
                self.footnote = Some(label.to_string());
            }
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } => {}
            Tag::Superscript | Tag::Subscript => {}
            Tag::Heading { .. } => {
                self.flush();
                self.block.heading = true;
            }
            _ => self.flush(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_) => {
                self.skip = self.skip.saturating_sub(1)
            }
            TagEnd::FootnoteDefinition => {
                self.flush();
                self.footnote = None;
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {}
            TagEnd::Superscript | TagEnd::Subscript => {}
            _ => self.flush(),
        }
    }
}

/// The lines between the front matter's fences.
fn inner_front_matter(text: &str, range: Range<usize>) -> Range<usize> {
    let block = text.get(range.clone()).unwrap_or("");
    let start = block.find('\n').map_or(range.end, |i| range.start + i + 1);
    let end = block
        .trim_end_matches(['\n', '\r'])
        .rfind('\n')
        .map_or(range.end, |i| range.start + i + 1);
    start..end.max(start)
}

/// Every `<!-- … -->` in an HTML run starting at `at`.
fn comments_in(html: &str, at: usize, out: &mut Vec<HtmlComment>) {
    let mut from = 0;
    while let Some(open) = html[from..].find("<!--").map(|i| from + i) {
        let body = open + 4;
        let Some(close) = html[body..].find("-->").map(|i| body + i) else {
            break;
        };
        out.push(HtmlComment {
            text: html[body..close].trim().to_string(),
            span: at + open..at + close + 3,
        });
        from = close + 3;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(md: &str) -> Vec<String> {
        read(md).blocks.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn code_link_targets_and_images_are_not_prose() {
        let md = "A `\"code\"` span, a [link](http://x.org/\"q\") and ![alt \"x\"](i.png).\n\n```\n\"block\"\n```\n";
        assert_eq!(texts(md), vec!["A   span, a link and ."]);
    }

    #[test]
    fn headings_are_marked() {
        let prose = read("# The order\n\nText.\n\nSetext\n---\n");
        let kinds: Vec<(&str, bool)> = prose
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.heading))
            .collect();
        assert_eq!(
            kinds,
            vec![("The order", true), ("Text.", false), ("Setext", true)]
        );
    }

    #[test]
    fn offsets_map_back_to_the_draft() {
        let md = "Intro.\n\nHe said *“we will*\nwin”.";
        let prose = read(md);
        let block = &prose.blocks[1];
        assert_eq!(block.text, "He said “we will\nwin”.");
        let open = block.text.find('“').unwrap();
        assert_eq!(&md[block.to_draft(open)..][..3], "“");
        let close = block.text.find('”').unwrap();
        assert_eq!(&md[block.to_draft(close)..][..3], "”");
    }

    #[test]
    fn footnotes_front_matter_and_comments() {
        let md = "---\nsources:\n  eo: a.md\n---\n\nText.[^1]\n\n<!-- citecheck-disable -->\n\n[^1]: @eo, ¶4.\n";
        let prose = read(md);
        assert_eq!(
            &md[prose.front_matter.clone().unwrap()],
            "sources:\n  eo: a.md\n"
        );
        assert_eq!(prose.blocks[0].text, "Text.[^1]");
        assert_eq!(prose.blocks[1].text, "@eo, ¶4.");
        assert_eq!(prose.blocks[1].footnote.as_deref(), Some("1"));
        assert!(!prose.blocks[0].heading);
        assert_eq!(prose.comments.len(), 1);
        assert_eq!(prose.comments[0].text, "citecheck-disable");
        assert_eq!(
            &md[prose.comments[0].span.clone()],
            "<!-- citecheck-disable -->"
        );
    }
}
