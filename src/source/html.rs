//! HTML sources (`.html`, `.htm`) through html5gum, a WHATWG-compliant
//! tokenizer that gives every token its byte span in the file.
//!
//! What a reader reads is kept: block elements are blocks (`h1`–`h6` headings,
//! `li` list items, `blockquote` quotes, `pre` code, the rest paragraphs),
//! inline markup is dropped, and character references are decoded one by one
//! (each a [`Piece::Replaced`] over its `&…;`), so that every character of the
//! text maps back to its byte offset in the file. What a reader skips is
//! dropped: the `head`, scripts, styles, navigation, page header and footer,
//! asides, forms, hidden elements and screen-reader-only links, and, where
//! the page marks its content with `main`, whatever is outside it.

use std::ops::Range;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::extracted_block::ExtractedBlock;
use super::piece::Piece;
use super::{BlockKind, Document, DocumentBuilder, Format};

/// Elements whose whole content is boilerplate.
const SKIPPED: &[&[u8]] = &[
    b"head",
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"nav",
    b"header",
    b"footer",
    b"aside",
    b"form",
    b"svg",
    b"math",
    b"iframe",
    b"object",
    b"canvas",
    b"video",
    b"audio",
    b"button",
    b"select",
    b"textarea",
    b"dialog",
    b"menu",
];

/// Elements that begin and end a block.
const BLOCKS: &[&[u8]] = &[
    b"p",
    b"div",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"li",
    b"ul",
    b"ol",
    b"dl",
    b"dt",
    b"dd",
    b"blockquote",
    b"pre",
    b"section",
    b"article",
    b"main",
    b"body",
    b"html",
    b"table",
    b"thead",
    b"tbody",
    b"tfoot",
    b"tr",
    b"td",
    b"th",
    b"caption",
    b"figure",
    b"figcaption",
    b"address",
    b"hr",
    b"details",
    b"summary",
    b"fieldset",
    b"legend",
    b"center",
];

/// Elements that have no end tag.
const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
    b"source", b"track", b"wbr", b"param",
];

/// Classes that hide an element from sighted readers, or mark boilerplate.
const SKIPPED_CLASSES: &[&str] = &[
    "screen-reader-text",
    "sr-only",
    "visually-hidden",
    "skip-link",
];

/// Roles of landmarks that are not the content.
const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "search",
    "complementary",
];

struct Open {
    name: Vec<u8>,
    skipped: bool,
    /// `main`, or `role="main"`: the content, when the page marks it.
    main: bool,
}

/// Loads an HTML file (decoded) as a document whose `raw` is the file.
pub(crate) fn load(raw: String) -> Document {
    let blocks = extract_html(&raw);
    let mut builder = DocumentBuilder::new(Format::Html, raw);
    for block in &blocks {
        block.build(&mut builder);
    }
    builder.finish()
}

/// The blocks of an HTML document, with pieces pointing into `raw` (the
/// file itself: for HTML, the document's `raw` is the file as stored).
pub fn extract_html(raw: &str) -> Vec<ExtractedBlock> {
    // Where a page marks its content (`<main>`, `role="main"`), what is
    // outside it is boilerplate.
    let has_main = tokens(raw).any(|t| matches!(&t, Token::StartTag(tag) if is_main(tag)));
    let mut stack: Vec<Open> = Vec::new();
    let mut blocks: Vec<ExtractedBlock> = Vec::new();
    let mut current: Option<ExtractedBlock> = None;

    for token in tokens(raw) {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                let is_block = BLOCKS.contains(&name.as_slice());
                if is_block {
                    flush(&mut current, &mut blocks, raw);
                    // A block closes an open paragraph; a list item or term
                    // closes the one before it.
                    let closes: &[&[u8]] = match name.as_slice() {
                        b"li" => &[b"li"],
                        b"dt" | b"dd" => &[b"dt", b"dd"],
                        b"tr" => &[b"tr", b"td", b"th"],
                        b"td" | b"th" => &[b"td", b"th"],
                        _ => &[],
                    };
                    while let Some(top) = stack.last() {
                        if top.name == b"p" || closes.contains(&top.name.as_slice()) {
                            stack.pop();
                        } else {
                            break;
                        }
                    }
                }
                if name == b"br" && !skipping(&stack) {
                    if let Some(block) = current.as_mut() {
                        let span = tag.span.start..tag.span.end;
                        block.pieces.push(Piece::Replaced("\n".into(), span));
                    }
                }
                if VOID.contains(&name.as_slice()) || tag.self_closing {
                    continue;
                }
                let attr = |key: &[u8]| {
                    tag.attributes
                        .get(key)
                        .map(|v| String::from_utf8_lossy(v).to_ascii_lowercase())
                };
                let hidden = tag.attributes.contains_key(&b"hidden"[..])
                    || attr(b"aria-hidden").as_deref() == Some("true")
                    || attr(b"role").is_some_and(|r| SKIPPED_ROLES.contains(&r.trim()))
                    || attr(b"class").is_some_and(|c| {
                        c.split_whitespace().any(|c| SKIPPED_CLASSES.contains(&c))
                    });
                let skipped = hidden || SKIPPED.contains(&name.as_slice());
                if skipped && !skipping(&stack) {
                    flush(&mut current, &mut blocks, raw);
                }
                let main = is_main(&tag);
                stack.push(Open {
                    name,
                    skipped,
                    main,
                });
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if BLOCKS.contains(&name.as_slice()) {
                    flush(&mut current, &mut blocks, raw);
                }
                if let Some(at) = stack.iter().rposition(|o| o.name == name) {
                    stack.truncate(at);
                }
            }
            Token::String(text) => {
                if skipping(&stack) || (has_main && !stack.iter().any(|o| o.main)) {
                    continue;
                }
                let mut span = text.span.start..text.span.end;
                if span.start == 0 && raw.starts_with('\u{feff}') {
                    // A byte-order mark is no text.
                    span.start = '\u{feff}'.len_utf8().min(span.end);
                }
                let value = if span.start == text.span.start {
                    &text.value[..]
                } else {
                    text.value
                        .strip_prefix("\u{feff}".as_bytes())
                        .unwrap_or(&text.value)
                };
                let pieces = decode(raw, span.clone(), value);
                let block = match current.as_mut() {
                    Some(block) => block,
                    None => {
                        if pieces.iter().all(|p| p.text(raw).trim().is_empty()) {
                            continue;
                        }
                        current.insert(ExtractedBlock {
                            kind: kind_of(&stack),
                            pieces: Vec::new(),
                        })
                    }
                };
                block.pieces.extend(pieces);
            }
            _ => {}
        }
    }
    flush(&mut current, &mut blocks, raw);
    blocks
}

/// The tokens of a page, with their spans; scripts and styles as raw text.
fn tokens(raw: &str) -> impl Iterator<Item = Token<usize>> + '_ {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(raw, emitter).flatten()
}

fn is_main(tag: &html5gum::StartTag<usize>) -> bool {
    tag.name.eq_ignore_ascii_case(b"main")
        || tag
            .attributes
            .get(&b"role"[..])
            .is_some_and(|r| r.eq_ignore_ascii_case(b"main"))
}

fn skipping(stack: &[Open]) -> bool {
    stack.iter().any(|o| o.skipped)
}

/// The kind of a block begun inside `stack`: that of its innermost block
/// element.
fn kind_of(stack: &[Open]) -> BlockKind {
    for open in stack.iter().rev() {
        match open.name.as_slice() {
            [b'h', n @ b'1'..=b'6'] => return BlockKind::Heading(n - b'0'),
            b"li" | b"dt" | b"dd" => return BlockKind::ListItem,
            b"blockquote" => return BlockKind::Quote,
            b"pre" => return BlockKind::Code,
            name if BLOCKS.contains(&name) => return BlockKind::Paragraph,
            _ => {}
        }
    }
    BlockKind::Paragraph
}

/// Ends the current block, without its leading and trailing white space.
fn flush(current: &mut Option<ExtractedBlock>, blocks: &mut Vec<ExtractedBlock>, raw: &str) {
    let Some(mut block) = current.take() else {
        return;
    };
    trim(&mut block, raw);
    if !block.pieces.is_empty() {
        blocks.push(block);
    }
}

fn is_space(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace())
}

fn trim(block: &mut ExtractedBlock, raw: &str) {
    // Leading.
    while let Some(first) = block.pieces.first_mut() {
        match first {
            Piece::Verbatim(r) => {
                let text = &raw[r.clone()];
                r.start += text.len() - text.trim_start().len();
                if r.start >= r.end {
                    block.pieces.remove(0);
                } else {
                    break;
                }
            }
            Piece::Replaced(text, _) if is_space(text) => {
                block.pieces.remove(0);
            }
            Piece::Replaced(..) => break,
        }
    }
    // Trailing.
    while let Some(last) = block.pieces.last_mut() {
        match last {
            Piece::Verbatim(r) => {
                r.end = r.start + raw[r.clone()].trim_end().len();
                if r.start >= r.end {
                    block.pieces.pop();
                } else {
                    break;
                }
            }
            Piece::Replaced(text, _) if is_space(text) => {
                block.pieces.pop();
            }
            Piece::Replaced(..) => break,
        }
    }
}

/// The pieces of a text token at `span` of `raw`: verbatim runs, and each
/// character reference replaced by what it stands for. `value` is the
/// tokenizer's own decoding, the check: where the pieces would not spell it
/// (a construct this reading does not follow), the token is one piece.
fn decode(raw: &str, span: Range<usize>, value: &[u8]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let text = &raw[span.clone()];
    let mut at = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find('&') {
        let amp = search + found;
        let name_len = text[amp + 1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(text.len() - amp - 1);
        let mut end = amp + 1 + name_len;
        if text[end..].starts_with(';') {
            end += 1;
        }
        search = end.max(amp + 1);
        if name_len == 0 {
            continue;
        }
        let reference = &text[amp..end];
        let decoded = decode_reference(reference);
        if decoded == reference {
            continue;
        }
        if amp > at {
            pieces.push(Piece::Verbatim(span.start + at..span.start + amp));
        }
        pieces.push(Piece::Replaced(
            decoded.into(),
            span.start + amp..span.start + end,
        ));
        at = end;
    }
    if text.len() > at {
        pieces.push(Piece::Verbatim(span.start + at..span.end));
    }
    let spelled: String = pieces.iter().map(|p| p.text(raw)).collect();
    let expected = String::from_utf8_lossy(value);
    if spelled.replace('\r', "") != expected.replace('\r', "") {
        return vec![Piece::Replaced(expected.into_owned().into(), span)];
    }
    pieces
}

/// A character reference (`&rsquo;`, `&#8217;`, `&#x2019;`) decoded as the
/// HTML tokenizer decodes it in text.
fn decode_reference(reference: &str) -> String {
    let mut out = Vec::new();
    for token in Tokenizer::new(reference).flatten() {
        if let Token::String(s) = token {
            out.extend_from_slice(&s.value);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(raw: &str) -> Vec<(BlockKind, String)> {
        extract_html(raw)
            .iter()
            .map(|b| (b.kind, b.text(raw)))
            .collect()
    }

    const EO: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/2025-07-23-promoting-the-export-of-the-american-ai-technology-stack.html"
    ));

    #[test]
    fn boilerplate_is_dropped() {
        let blocks = texts(EO);
        let all: String = blocks
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!blocks
            .iter()
            .any(|(_, t)| t == "News" || t == "Administration"));
        for boilerplate in [
            "dataLayer",
            "not text",
            "wp-block-whitehouse-topper {",
            "Skip to content",
            "Presidential Actions\nNews",
            "Search",
            "Privacy Policy",
            "1600 Pennsylvania",
            "Related",
            "The White House</",
        ] {
            assert!(!all.contains(boilerplate), "{boilerplate} in the text");
        }
        assert_eq!(
            blocks[1],
            (
                BlockKind::Heading(1),
                "Promoting The Export of the American AI Technology Stack".to_owned()
            )
        );
        assert!(blocks.last().unwrap().1.contains("July 23, 2025."));
    }

    #[test]
    fn entities_are_decoded_and_map_to_their_bytes() {
        let blocks = extract_html(EO);
        let purpose = blocks
            .iter()
            .find(|b| b.text(EO).contains("Purpose"))
            .expect("Sec. 1");
        let text = purpose.text(EO);
        assert!(!text.contains("Purpose</span>"));
        assert!(text.contains(".\u{a0} Artificial\nintelligence (AI) is a foundational technology"));
        let nbsp = purpose
            .pieces
            .iter()
            .find(|p| matches!(p, Piece::Replaced(t, _) if t == "\u{a0}"))
            .expect("an &nbsp;");
        assert_eq!(&EO[nbsp.raw().clone()], "&nbsp;");
        let apostrophe = blocks
            .iter()
            .flat_map(|b| &b.pieces)
            .find(|p| matches!(p, Piece::Replaced(t, _) if t == "\u{2019}"))
            .expect("an &rsquo;");
        assert_eq!(&EO[apostrophe.raw().clone()], "&rsquo;");
    }

    #[test]
    fn every_verbatim_character_is_the_files() {
        for block in extract_html(EO) {
            let mut last = 0;
            for piece in &block.pieces {
                assert!(piece.raw().start >= last, "pieces in file order");
                last = piece.raw().end;
                if let Piece::Verbatim(r) = piece {
                    assert!(
                        !EO[r.clone()].contains(['<', '>', '&']),
                        "{:?}",
                        &EO[r.clone()]
                    );
                }
            }
        }
    }

    #[test]
    fn a_document_maps_matched_text_to_the_file() {
        let doc = super::load(EO.to_owned());
        assert_eq!(doc.format, Format::Html);
        let quote = crate::fold::fold("Sec. 2. Policy. It is the policy of the United States");
        let at = doc
            .folded
            .text
            .find(quote.text.as_str())
            .expect("the quote");
        let raw = doc.folded_to_raw(at..at + quote.text.len());
        assert!(
            EO[raw.clone()].starts_with("Sec</span>."),
            "{}",
            &EO[raw.clone()]
        );
        assert!(EO[raw].ends_with("policy of the United States"));
        let title = &doc.sections[0];
        assert_eq!(
            title.title,
            "Promoting The Export of the American AI Technology Stack"
        );
        let bom = format!("\u{feff}{}", "<p>x</p>");
        assert_eq!(super::load(bom).text, "x");
    }

    #[test]
    fn blocks_and_kinds() {
        let raw = "<body><h2>Title &amp; more</h2><p>One<br>two</p><ul><li>a<li>b</ul>\
                   <blockquote>q</blockquote><pre>x  y</pre><div>bare <em>inline</em> text</div></body>";
        assert_eq!(
            texts(raw),
            [
                (BlockKind::Heading(2), "Title & more".to_owned()),
                (BlockKind::Paragraph, "One\ntwo".to_owned()),
                (BlockKind::ListItem, "a".to_owned()),
                (BlockKind::ListItem, "b".to_owned()),
                (BlockKind::Quote, "q".to_owned()),
                (BlockKind::Code, "x  y".to_owned()),
                (BlockKind::Paragraph, "bare inline text".to_owned()),
            ]
        );
    }

    #[test]
    fn references_numeric_and_unterminated() {
        let raw = "<p>a&#8217;b &#x2014; AT&T &copy 2025 &bogus;</p>";
        assert_eq!(
            texts(raw)[0].1,
            "a\u{2019}b \u{2014} AT&T \u{a9} 2025 &bogus;"
        );
    }

    #[test]
    fn outside_main_is_boilerplate() {
        let raw = "<body><div class=cookie>We use cookies</div><main><p>kept</p></main><div>promo</div></body>";
        assert_eq!(texts(raw), [(BlockKind::Paragraph, "kept".to_owned())]);
        let raw = "<body><div>intro</div><div role=main><p>kept</p></div></body>";
        assert_eq!(texts(raw), [(BlockKind::Paragraph, "kept".to_owned())]);
        // No main: everything not dropped otherwise is content.
        assert_eq!(texts("<div>a</div><div>b</div>").len(), 2);
    }

    #[test]
    fn hidden_and_landmarks_are_dropped() {
        let raw = "<div role=navigation>menu</div><p hidden>h</p><p aria-hidden=true>a</p>\
                   <span class='sr-only'>sr</span><p>kept</p>";
        assert_eq!(texts(raw), [(BlockKind::Paragraph, "kept".to_owned())]);
    }
}
