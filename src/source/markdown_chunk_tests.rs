//! Markdown parsed in chunks gives the document parsed whole: the same events
//! (offsets included, but a list's, an item's or a footnote definition's) and the same [`Document`] (texts, maps, blocks,
//! sections, lines), for the seeds, the fixtures, hand-made hard cases and
//! random documents, with chunks small enough to cut at every chance.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::markdown::{load_in_chunks, options};
use super::markdown_chunks::for_each_event;
use crate::test_rng::Lcg;

/// Cases around what a cut must not split; each has cuts to try.
const HARD: &[&str] = &[
    // Lists with blank lines between items, and a list that ends.
    "Intro\n\n- one\n\n- two\n\n  more two\n\nAfter list\n\n1. a\n\n2. b\n\nEnd\n",
    "1. a\n\n   b\n\nc\n\n* x\n\n  y\nlazy\n\nz\n",
    "-\n\nfoo\n\n- \n\nbar\n\n-\n  baz\n\nqux\n",
    // Fenced code holding blank lines and lines that would be cut points.
    "Text\n\n```\ncode\n\nline after blank\n\nx\n```\n\nAfter\n\n~~~~\nA\n\nB\n~~~~\n\nZ\n",
    "- item\n  ```\n  code\n\nText\n  ```\n\nMore\n```\n\nEnd\n",
    "A\n\nZ\n\n```\nB\n\nC\n\nnever closed\n",
    "> ```\n> a\n\nb\n\n```\n\nc\n",
    // Indented code, tabs.
    "A\n\n    code\n\n    more\n\nB\n\n\tcode\n\nC\n",
    // HTML blocks, types 1 to 7.
    "<div>\n\nInside div para\n\n</div>\n\nText\n\n<pre>\nA\n\nB\n</pre>\n\nC\n",
    "<!-- comment\n\nstill\n-->\n\nD\n\n<script>\nx\n\ny\n</script>\n\nE\n\n<?php\n\nx ?>\n\nF\n",
    "<!DOCTYPE\n\nhtml>\n\nG\n\n<![CDATA[\n\nx]]>\n\nH\n\n<custom-tag>\nx\n\ny\n\n<textarea>\n\nz\n</textarea>\n\nI\n",
    // Footnotes: defined in another chunk, before or after, or nowhere.
    "Text[^1] and [^2].\n\n[^1]: Note one\n\n    continued\n\nAfter\n\n[^2]: Two\n\nEnd [^1]\n",
    "a [^x] b\n\nc [^x]\n\nd [^y] e\n",
    "---\ntitle: t\n---\n\nA [^N] b\n\nC\n\n[^n]: late\n\nD\n",
    "    code [^a]\n\nB [^a]\n\n[^A]: note\n\n[^a]: again\n\nEnd [^a] [^b]\n",
    "a | b\n--|--\n[^x\\|y] | c\n\nD\n\n[^x|y]: in a table\n\nE [^x\n y] [^ x  y ]\n",
    "A [^é] [^Straße]\n\nB\n\n[^É]: e\n[^STRASSE]: s\n\nC\n",
    "> quote [^q]\n\nD\n\n- item [^q]\n\nE\n\n> [^q]: in a quote\n\nF [^q]\n",
    "X [^a]\n\n```\n[^a]: in code\n```\n\nY [^a]\n",
    // Block quotes, nested, lazy.
    "> a\n> > b\n>\n> c\n\nd\n\n> e\n\nf\n\n> quote\nlazy\n\nafter\n",
    // Setext headings, thematic breaks, metadata blocks anywhere.
    "Title\n=====\n\nSub\n---\n\nText\n---\n\nX\n\n---\n\nY\n\n***\n\nZ\n",
    "---\ntitle: x\n\nmore: y\n---\n\nText\n\nB\n",
    "A\n\n---\nkey: v\n\nB\n\n---\n\nC\n\n+++\nk = 1\n\nD\n+++\n\nE\n",
    "A\n\n---\nkey: v\n\nB\n\n...\n\nC\n\n> ---\n> x\n\nD\n\n---\nE\n",
    // Link reference definitions in another chunk, before or after use.
    "See [foo] and [bar][].\n\nMiddle\n\n[foo]: /url\n[bar]: /b 'T'\n\nEnd [Foo]\n",
    "A [x][y] ![img][y] [y]\n\nB\n\n> [Y]: /in-quote\n\nC [Y] [z]\n\n- [z]: /in-item\n\nD [z]\n",
    "A [foo  bar] [FOO\nBAR]\n\nB\n\n[Foo Bar]: /u\n\nC [foo]\n\n[foo]: /1\n\nD\n\n[foo]: /2\n\nE [foo]\n",
    "A `[c]` [c]\n\nB\n\n    [c]: /indented-is-code\n\nC\n\nx[c]: not a definition\n\nD [c]\n",
    // Lists and quotes cut between their items or paragraphs, going on.
    "- a\n\n- b\n  more\n\n- c\n\n  para in c\n\n- d\n\n* e\n\n* f\n\nG\n\n- h\n- i\n\n- j\n",
    "1. a\n\n2. b\n\n10. c\n\n3) d\n\n4) e\n\nF\n\n7. g\n",
    "- a\n\n  - nested\n\n  - nested two\n\n- b\n\n  ```\n  code\n\n- not an item\n  ```\n\n- c\n",
    "- a\n\n- b\n\n- c\n",
    "- only one\n\nText\n\n- tight\n- list\n\n- loose at the end\n",
    "> a\n>\n> b\n> lazy\n>\n>c\n>\n> > deep\n>\n> d\n\n> new quote\n>\n> e\n",
    "> a\n>\n> - item\n>\n> - item two\n>\n> b\n>\n> ```\n> x\n>\n> y\n> ```\n>\n> c\n",
    "> a\n>\n> <div>\n>\n> b\n>\n> [^n] and [l]\n\n[^n]: note\n\n> [l]: /u\n>\n> d\n",
    "- a [^n]\n\n- b\n\n[^n]: in a list\n\n- c [^n]\n\n- d\n",
    // `---` in items: a setext underline (no metadata), and a thematic break
    // where pulldown-cmark looks for a metadata block's end to the file's end.
    "- a\n  ---\n  b\n\n- c\n  ---\n  d\n\n- e\n\nF\n\n---\n",
    "- x\n\n  ---\n  k: v\n\n- y\n\nZ\n\nW\n\n---\n\nV\n",
    // Found by fuzzing: a `+++` opening a setext heading or a table in the
    // chunk, a metadata block in the whole text.
    "a\n\n+++\nkJ\n= \n1\n\nD\n+++\n\nE\n",
    "a\n\n+++\n|-|\n\nD\n+++\n\nE\n",
    // One paragraph, no blank line: cut between its lines where nothing
    // reaches across.
    "A line\nanother *em\nphasis* line\nthen `code\nspan` and [a\nlink](u)\nplain\nwords here\nend",
    "A\nb  \nc\\\nd\ne <b\nf> g\nh ~~s\nt~~ i\nj **k\nl** m\nn_o\np_ q\nr\n",
    "A\nb\nc | d\n-|-\ne\nf\n===\ng\nh\ni j k\nl m n\no p q\nr s t\nu v w\nx y z\nend of it\n",
    "> A quote\n> paragraph *over\n> lines* that\n> goes on\nlazily here\n> and on\n> to the end\n",
    "- item\n  text\nlazy\nmore\n\n> q\nr\n> s\n",
    "Para [ref]\nwith a\nref\n\n[ref]: /u\n\nand [^n]\nnote\nlines\n\n[^n]: note\n",
    "A\n---\nb\nc\n+++\nd\ne\n\n+++\n",
    // Found by fuzzing: a line of form feeds is not blank to a paragraph.
    "- one\n\x0c\x0c\x0c\x0c\nA\n\nB\n\none\n\x0c\nC\n",
    // Found by fuzzing: a setext underline after a lone CR.
    "\n$laz\n\n) y\nl\r-\n\nm\nn o\np q\nr s\n",
    // Lone CRs, among LFs.
    "A\r\rB [r]\n\n- i\r\r  j\n\nC\r\r```\rx\n\ny\r```\n\nD\r\r[r]: /u\n\nE\r",
    "A\r\n\rB\r\r\nC\n\rD\r---\rk: v\n\nE\r\r---\r\rF\r\n\nG\n",
    // Found by fuzzing: a lone CR is no line end in indented code.
    "W\n\n\t``\0AW\n\rD\n\nE\n",
    // Found by fuzzing: metadata lines run from LF to LF, a closing one ends at a CR.
    "---\nv\r---\r\rB\n---\n\nC\n",
    // Links, images, entities, inline HTML, tables, task lists.
    "A [l](u) ![i](s) &amp; <b>x</b>\n\nB ~~s~~ `c`\n\na | b\n--|--\nc | d\n\ne\n\n- [x] done\n\nf\n",
    // A BOM and CRLF line ends.
    "\u{feff}Title\r\n\r\nText\r\n\r\n- a\r\n\r\nb\r\n\r\n```\r\nc\r\n\r\nd\r\n```\r\n\r\ne\r\n",
    "# ATX\n\nx\n\n## Two ##\n\ny\n\n#nope\n\nz\n",
    // Lines that may follow a cut, and look-alikes that may not.
    "**Bold** x\n\n12 apples\n\n12. item\n\n3) item\n\n**\n\n** x\n\n***\n\n“Quoted”\n\né\n",
];

type Events = Vec<(Event<'static>, Option<Range<usize>>)>;

/// An event as the walker reads it: the range of a list, an item, a
/// footnote definition, a block quote or a paragraph is left out
/// (the walker does not read it; closed by the end of a chunk, one takes the
/// blank lines after it, not in the whole text), and so are a link's or an
/// image's target and kind (one defined in another chunk has none).
fn read(e: Event<'_>, r: Range<usize>) -> (Event<'static>, Option<Range<usize>>) {
    let list = matches!(
        e,
        Event::Start(
            Tag::List(_)
                | Tag::Item
                | Tag::FootnoteDefinition(_)
                | Tag::BlockQuote(_)
                | Tag::Paragraph
        ) | Event::End(
            TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::FootnoteDefinition
                | TagEnd::BlockQuote(_)
                | TagEnd::Paragraph
        )
    );
    let e = match e {
        Event::Start(Tag::Link { .. }) => Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: "".into(),
            title: "".into(),
            id: "".into(),
        }),
        Event::Start(Tag::Image { .. }) => Event::Start(Tag::Image {
            link_type: LinkType::Inline,
            dest_url: "".into(),
            title: "".into(),
            id: "".into(),
        }),
        e => e.into_static(),
    };
    (e, (!list).then_some(r))
}

fn whole(source: &str) -> Events {
    Parser::new_ext(source, options())
        .into_offset_iter()
        .map(|(e, r)| read(e, r))
        .collect()
}

/// The events in chunks of about `chunk` bytes, and how many chunks.
fn chunked(source: &str, chunk: usize) -> (Events, usize) {
    let mut out = Vec::new();
    let n = for_each_event(source, options(), chunk, |e, r| out.push(read(e, r)));
    (out, n)
}

/// The document as JSON: every field, maps included.
fn doc_json(source: &str, chunk: usize) -> String {
    serde_json::to_string(&load_in_chunks(source.to_string(), chunk)).unwrap()
}

fn assert_same(source: &str, name: &str) -> usize {
    let mut most = 1;
    for chunk in [1, 2, 5, 16, 64] {
        let (events, n) = chunked(source, chunk);
        assert_eq!(events, whole(source), "{name}: events, chunk {chunk}");
        assert_eq!(
            doc_json(source, chunk),
            doc_json(source, usize::MAX),
            "{name}: document, chunk {chunk}"
        );
        most = most.max(n);
    }
    most
}

#[test]
fn hard_cases_load_the_same_in_chunks() {
    for (i, case) in HARD.iter().enumerate() {
        let chunks = assert_same(case, &format!("case {i}"));
        assert!(chunks > 1, "case {i} was not cut");
    }
}

#[test]
fn seeds_and_fixtures_load_the_same_in_chunks() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["seeds", "tests/fixtures/sources", "tests/fixtures/formats"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                paths.push(path);
            }
        }
    }
    assert!(paths.len() >= 10);
    let mut all = String::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        if path.starts_with(root.join("seeds")) {
            all.push_str(&text);
        }
        let chunks = assert_same(&text, &path.display().to_string());
        assert!(chunks > 1, "{} was not cut", path.display());
    }
    // The seeds concatenated, as the 100 MB workload is: front matter mid-file.
    assert!(assert_same(&all, "all") > 10);
}

/// Lines that open, continue or close what a cut must not split.
const LINES: &[&str] = &[
    "",
    "",
    "",
    "",
    "Text",
    "More text",
    "word *em* and `code`",
    "- item",
    "* item",
    "+ item",
    "1. item",
    "2) item",
    "  indented",
    "   three",
    "    code",
    "\tcode",
    "> quote",
    ">",
    "> > deep",
    "> - in quote",
    "```",
    "~~~",
    "  ```",
    "```rust",
    "<div>",
    "</div>",
    "<pre>",
    "</pre>",
    "<!-- c",
    "-->",
    "<script>",
    "</script>",
    "<custom-tag>",
    "<?x",
    "?>",
    "---",
    "+++",
    "...",
    "***",
    "===",
    "# Head",
    "## Head ##",
    "a | b",
    "--|--",
    "Setext",
    "[^1] ref",
    "[link](u)",
    "- ```",
    "- > q",
    "  - nested",
    "&amp; x",
    "<b>bold</b>",
    "\u{a0}nbsp",
    "-",
    "1.",
    "  ",
    "\t",
    "x\r",
    "A",
    "z",
    "<pre>x</pre>",
    "<!-- x -->",
    "  > q",
    "  1. x",
    "| a |",
    "|---|",
    "````",
    "- [ ] task",
    "> ```",
    "<table>",
    "</table>",
    "***x**",
    "----",
    "+++ ",
    "... ",
    "---  ",
    "[1]: /u",
    "[Text]: /t 'T'",
    "[^1]: note",
    "[^1]: note [Text] [^2]",
    "[^2]: two",
    "  [^x]: indented",
    "> [q]: /q",
    "- [^1]: in an item",
    "see [1] and [text][] [Q] [^X]",
    "[text]",
    "[^x] [^2]",
    "a\rb",
    "\r",
    "x\r\r",
    "- a\r- b",
    "```\rcode",
];

#[test]
fn random_documents_parse_to_the_same_events() {
    let mut rng = Lcg(7);
    let mut cut = 0;
    for round in 0..3000 {
        let n = 4 + rng.below(40);
        let lines: Vec<&str> = (0..n)
            .map(|_| match rng.below(3) {
                0 => [
                    "", "Text", "# H", "**B** x", "12 x", "é", "x [^1]", "[Text]",
                ][rng.below(8)],
                _ => LINES[rng.below(LINES.len())],
            })
            .collect();
        let mut doc = lines.join("\n");
        if rng.below(2) == 0 {
            doc.push('\n');
        }
        for chunk in [1, 7] {
            let (events, chunks) = chunked(&doc, chunk);
            assert_eq!(events, whole(&doc), "round {round}, chunk {chunk}: {doc:?}");
            cut += usize::from(chunks > 1);
        }
        if round % 10 == 0 {
            assert_eq!(doc_json(&doc, 1), doc_json(&doc, usize::MAX), "{doc:?}");
        }
    }
    assert!(cut > 1000, "documents were cut: {cut}");
}
