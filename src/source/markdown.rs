//! Markdown through pulldown-cmark with source offsets.
//!
//! What a reader reads goes into `text`: markup (emphasis, links' targets,
//! list markers, fences, front matter, footnote references, image alt text)
//! does not; HTML tags are dropped but the text between them is kept.
//!
//! Blocks: a paragraph, a heading, a code block, an HTML block, a table row (its
//! cells separated by a tab) are one block each. Inside a list item, a block
//! quote or a footnote definition, each paragraph is its own block, of the
//! container's kind (`ListItem`, `Quote`, `Footnote`); a tight list item is
//! one block. `**Bold line**` pseudo-headings stay paragraphs.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Tag, TagEnd};

use super::builder::DocumentBuilder;
use super::markdown_chunks::{for_each_event, CHUNK_BYTES};
use super::{BlockKind, Document, Format};

/// Loads decoded Markdown (a BOM, if any, is kept in `raw` and left out of
/// `text`).
pub(crate) fn load(raw: String) -> Document {
    load_in_chunks(raw, CHUNK_BYTES)
}

/// [`load`], parsing `chunk` bytes or so at a time (tests make them small).
pub(crate) fn load_in_chunks(raw: String, chunk: usize) -> Document {
    let mut b = DocumentBuilder::new(Format::Markdown, raw);
    let raw = b.raw_shared();
    // Front matter is only recognized at the very start: parse after the BOM.
    let base = if raw.starts_with('\u{feff}') { 3 } else { 0 };
    let source = &raw[base..];
    let mut w = Walker {
        b: &mut b,
        raw: &raw,
        containers: Vec::new(),
        skip: 0,
        first_cell: true,
        html: Html::Text,
        tag_from: 0,
    };
    for_each_event(source, options(), chunk, |event, range| {
        w.event(event, range.start + base..range.end + base)
    });
    drop(raw); // the builder's the only handle: its bytes can go
    b.finish()
}

/// What pulldown-cmark reads beyond CommonMark (the chunks' safety argument
/// in `markdown_chunks` is made for these).
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Where the HTML scanner is, across the lines of an HTML block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Html {
    Text,
    Tag,
    Comment,
}

struct Walker<'a> {
    b: &'a mut DocumentBuilder,
    raw: &'a str,
    /// Open list items, block quotes and footnote definitions.
    containers: Vec<BlockKind>,
    /// Depth inside what is not read (front matter, image descriptions).
    skip: usize,
    first_cell: bool,
    html: Html,
    /// Where the HTML tag being scanned starts in `raw`.
    tag_from: usize,
}

impl Walker<'_> {
    fn container(&self) -> BlockKind {
        self.containers
            .last()
            .copied()
            .unwrap_or(BlockKind::Paragraph)
    }

    /// After a block inside a container, text may follow in the container
    /// itself (a tight item after its nested list).
    fn reopen(&mut self) {
        self.b.end_block();
        if let Some(&kind) = self.containers.last() {
            self.b.start_block(kind);
        }
    }

    fn event(&mut self, event: Event<'_>, r: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            _ if self.skip > 0 => {}
            Event::Text(text) => self.text(&text, r, false),
            Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.text(&text, r, true)
            }
            Event::Html(_) => self.html(r),
            Event::InlineHtml(_) => {
                // A whole tag or comment: no state to carry in or out.
                self.html = Html::Text;
                self.html(r);
                self.html = Html::Text;
            }
            Event::SoftBreak | Event::HardBreak => self.b.push_replaced("\n", r),
            Event::FootnoteReference(_) | Event::Rule | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::MetadataBlock(_) | Tag::Image { .. } => self.skip += 1,
            Tag::Paragraph => self.b.start_block(self.container()),
            Tag::Heading { level, .. } => self.b.start_block(BlockKind::Heading(level as u8)),
            Tag::CodeBlock(_) => self.b.start_block(BlockKind::Code),
            Tag::HtmlBlock => {
                self.html = Html::Text;
                self.b.start_block(self.container());
            }
            Tag::TableHead | Tag::TableRow => {
                self.first_cell = true;
                self.b.start_block(BlockKind::Paragraph);
            }
            Tag::TableCell => {
                if !self.first_cell {
                    let at = self.b.raw_cursor();
                    self.b.push_replaced("\t", at..at);
                }
                self.first_cell = false;
            }
            Tag::Item => {
                self.containers.push(BlockKind::ListItem);
                self.b.start_block(BlockKind::ListItem);
            }
            Tag::BlockQuote(_) => {
                self.containers.push(BlockKind::Quote);
                self.b.start_block(BlockKind::Quote);
            }
            Tag::FootnoteDefinition(_) => {
                self.containers.push(BlockKind::Footnote);
                self.b.start_block(BlockKind::Footnote);
            }
            Tag::List(_) | Tag::Table(_) => self.b.end_block(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::MetadataBlock(_) | TagEnd::Image => self.skip = self.skip.saturating_sub(1),
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::List(_)
            | TagEnd::Table => self.reopen(),
            TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.b.end_block();
                self.containers.pop();
                self.reopen();
            }
            _ => {}
        }
    }

    /// Text as pulldown-cmark reads it: verbatim where it is the raw slice (or,
    /// for `delimited` code, part of it inside the backticks), else standing
    /// for the slice as a whole (an entity).
    fn text(&mut self, text: &str, r: Range<usize>, delimited: bool) {
        let Some(slice) = self.raw.get(r.clone()) else {
            return;
        };
        if slice == text {
            self.b.push_verbatim(r);
        } else if let Some(at) = slice.find(text).filter(|_| delimited && !text.is_empty()) {
            self.b.push_replaced("", r.start..r.start + at);
            self.b
                .push_verbatim(r.start + at..r.start + at + text.len());
            self.b.push_replaced("", r.start + at + text.len()..r.end);
        } else {
            self.b.push_replaced(text, r);
        }
    }

    /// HTML: tags and comments dropped, the text between them kept (entities
    /// decoded). The scanner's state carries over the lines of an HTML block.
    fn html(&mut self, r: Range<usize>) {
        let Some(slice) = self.raw.get(r.clone()) else {
            return;
        };
        let mut at = 0;
        while at < slice.len() {
            let rest = &slice[at..];
            match self.html {
                Html::Comment => match rest.find("-->") {
                    Some(i) => {
                        at += i + 3;
                        self.html = Html::Text;
                    }
                    None => at = slice.len(),
                },
                Html::Tag => match rest.find('>') {
                    Some(i) => {
                        let end = r.start + at + i + 1;
                        let tag = self.raw.get(self.tag_from.min(end)..end).unwrap_or("");
                        // A line-breaking tag inside text reads as a line break.
                        if is_line_break_tag(tag) && self.b.block_has_text() {
                            self.b.push_replaced("\n", self.tag_from.min(end)..end);
                        }
                        at += i + 1;
                        self.html = Html::Text;
                    }
                    None => at = slice.len(),
                },
                Html::Text => {
                    let next = tag_start(rest).unwrap_or(rest.len());
                    self.html_text(r.start + at..r.start + at + next);
                    at += next;
                    if slice[at..].starts_with("<!--") {
                        self.html = Html::Comment;
                        at += 4;
                    } else if at < slice.len() {
                        self.html = Html::Tag;
                        self.tag_from = r.start + at;
                        at += 1;
                    }
                }
            }
        }
    }

    /// Text between tags, with character references decoded. Whitespace
    /// before a block's first text is left out.
    fn html_text(&mut self, r: Range<usize>) {
        let slice = &self.raw[r.clone()];
        if !self.b.block_has_text() && slice.trim().is_empty() {
            return;
        }
        let mut done = 0;
        let mut search = 0;
        while let Some(i) = slice[search..].find('&') {
            let amp = search + i;
            search = amp + 1;
            let Some(len) = slice[amp..].find(';').filter(|&l| l <= 10) else {
                continue;
            };
            let Some(c) = decode_entity(&slice[amp + 1..amp + len]) else {
                continue;
            };
            self.b.push_verbatim(r.start + done..r.start + amp);
            let mut buf = [0; 4];
            self.b.push_replaced(
                c.encode_utf8(&mut buf),
                r.start + amp..r.start + amp + len + 1,
            );
            done = amp + len + 1;
            search = done;
        }
        self.b.push_verbatim(r.start + done..r.end);
    }
}

/// Where the next tag or comment starts in HTML text: a `<` followed by a
/// letter, `/`, `!` or `?` (a lone `<` is text).
fn tag_start(s: &str) -> Option<usize> {
    s.match_indices('<').map(|(i, _)| i).find(|&i| {
        s[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
    })
}

fn is_line_break_tag(tag: &str) -> bool {
    let name = tag.trim_start_matches('<').trim_start_matches('/');
    let name: String = name
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(name.as_str(), "br" | "p" | "div" | "li" | "tr")
}

/// A few named references and every numeric one; the rest stay as written.
fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KRATSIOS: &str = include_str!(
        "../../seeds/2025-08-05-remarks-by-director-kratsios-at-the-apec-digital-and-ai-ministerial-meeting.md"
    );
    const PERMITTING: &str = include_str!(
        "../../seeds/2025-07-23-accelerating-federal-permitting-of-data-center-infrastructure.md"
    );
    const EXPORT: &str = include_str!(
        "../../seeds/2025-07-23-promoting-the-export-of-the-american-ai-technology-stack.md"
    );

    fn md(s: &str) -> Document {
        load(s.to_string())
    }

    fn blocks(doc: &Document) -> Vec<(BlockKind, &str)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, &doc.text[b.text.clone()]))
            .collect()
    }

    #[test]
    fn kratsios_quote_maps_to_the_wrapped_sentence() {
        let doc = md(KRATSIOS);
        let needle = "our hope is that ai will be a powerful tool for bilateral diplomacy.";
        let at = doc
            .folded
            .text
            .find(needle)
            .expect("folded text has the sentence");
        let raw = doc.folded_to_raw(at..at + needle.len());
        assert_eq!(
            &*doc.raw.slice(raw.clone()),
            "Our hope is that AI will be a powerful tool\nfor bilateral diplomacy."
        );
        let start = doc.position(raw.start);
        assert_eq!((start.line, start.column), (44, 30));
        let end = doc.position(raw.end);
        assert_eq!((end.line, end.column), (45, 25));
        let block = doc.block_at(doc.folded_to_text(at..at + 1).start).unwrap();
        assert!(doc.text[block.text.clone()].starts_with("That is why I am here today."));
        assert_eq!(
            block.paragraph, 11,
            "counted by hand: 11th paragraph after the front matter"
        );
        assert_eq!(doc.raw_to_folded(raw), at..at + needle.len());
    }

    #[test]
    fn front_matter_is_not_text() {
        let doc = md(KRATSIOS);
        assert!(!doc.text.contains("source_url"));
        assert!(!doc.text.contains("modified_time"));
        let (kind, first) = blocks(&doc)[0];
        assert_eq!(kind, BlockKind::Paragraph, "a bold line is a paragraph");
        assert_eq!(
            first,
            "Remarks by Director Kratsios at the APEC Digital and AI Ministerial\nMeeting"
        );
    }

    #[test]
    fn html_tags_go_their_text_stays() {
        let doc = md(EXPORT);
        assert!(!doc.text.contains("<span"));
        assert!(!doc.text.contains("text-decoration"));
        let sec = doc
            .folded
            .text
            .find("sec. 2. policy. it is the policy")
            .expect("section heading text kept");
        let raw = doc.folded_to_raw(sec..sec + 3);
        assert_eq!(&*doc.raw.slice(raw), "Sec");
        let doc = md(PERMITTING);
        assert!(doc
            .folded
            .text
            .contains("section 1. policy and purpose. my administration"));
    }

    #[test]
    fn escapes_and_entities() {
        let doc =
            md("\\(a\\)  Text &amp; more caf&eacute; `x&y` *em* [link](http://example.com)\n");
        assert_eq!(doc.text, "(a)  Text & more café x&y em link");
        let amp = doc.text.find('&').unwrap();
        assert_eq!(
            &*doc.raw.slice(doc.text_map.to_source(amp..amp + 1)),
            "&amp;"
        );
        let a = doc.text.find('a').unwrap();
        assert_eq!(doc.text_map.to_source(a..a + 1), 2..3);
        let code = doc.text.find("x&y").unwrap();
        assert_eq!(
            &*doc.raw.slice(doc.text_map.to_source(code..code + 3)),
            "x&y"
        );
    }

    #[test]
    fn a_section_title_shares_the_text_bytes() {
        // A heading may be as long as the file: its title is not a copy.
        let doc = md("Intro\n\n#  A heading  \n\nBody\n");
        assert_eq!(doc.sections[0].title, "A heading");
        assert!(doc.sections[0].title.shares_bytes_with(&doc.text));
    }

    #[test]
    fn block_structure() {
        let src = "# Title\n\nIntro *text*\nwrapped.\n\n- one\n- two\n  lines\n\n1. loose\n\n   second para\n\n> quoted\n> on\n\n## Sub\n\n| a | b |\n|---|---|\n| c | d |\n\n```\ncode\n```\n\nnote[^1]\n\n[^1]: The note.\n\n# Next\n\n<div>\nblock <b>html</b> &amp; more\n</div>\n";
        let doc = md(src);
        use BlockKind::*;
        assert_eq!(
            blocks(&doc),
            vec![
                (Heading(1), "Title"),
                (Paragraph, "Intro text\nwrapped."),
                (ListItem, "one"),
                (ListItem, "two\nlines"),
                (ListItem, "loose"),
                (ListItem, "second para"),
                (Quote, "quoted\non"),
                (Heading(2), "Sub"),
                (Paragraph, "a\tb"),
                (Paragraph, "c\td"),
                (Code, "code"),
                (Paragraph, "note"),
                (Footnote, "The note."),
                (Heading(1), "Next"),
                (Paragraph, "block html & more"),
            ]
        );
        for (i, b) in doc.blocks.iter().enumerate() {
            assert_eq!(b.paragraph, i + 1);
        }
        let titles: Vec<_> = doc
            .sections
            .iter()
            .map(|s| (s.title.as_str(), s.level))
            .collect();
        assert_eq!(titles, [("Title", 1), ("Sub", 2), ("Next", 1)]);
        let title = &doc.text[doc.sections[0].text.clone()];
        assert!(title.starts_with("Title") && title.ends_with("The note."));
        let sub = &doc.text[doc.sections[1].text.clone()];
        assert!(sub.starts_with("Sub") && sub.ends_with("The note."));
        assert_eq!(
            &doc.text[doc.sections[2].text.clone()],
            "Next\n\nblock html & more"
        );
    }

    #[test]
    fn every_seed_maps_each_block_back_to_raw() {
        for raw in [KRATSIOS, PERMITTING, EXPORT] {
            let doc = md(raw);
            assert!(doc.blocks.len() > 10);
            for b in &doc.blocks {
                let r = doc.text_map.to_source(b.text.clone());
                assert!(doc.raw.is_char_boundary(r.start) && doc.raw.is_char_boundary(r.end));
                assert_eq!(
                    doc.raw_to_text(r),
                    b.text,
                    "block {} round trips",
                    b.paragraph
                );
            }
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for raw in [
            "",
            "\u{feff}",
            "\u{feff}---\na: b\n---\n\nText",
            "---\n",
            "<",
            "<!-- x",
            "<b",
            "&#xffffffff;",
            "*",
            "[^x]:",
            "| a |\n|-|\n",
            "é<br>é",
            "- \n-",
            "> ",
            "```",
            "\\",
        ] {
            let doc = md(raw);
            assert_eq!(doc.raw, raw);
            assert_eq!(doc.text_map.derived_len(), doc.text.len());
        }
        let doc = md("\u{feff}---\na: b\n---\n\nText");
        assert_eq!(doc.text, "Text");
    }
}
