//! PDF sources: text per page in reading order, through pdf-extract's glyph
//! stream (see docs/sources.md for the comparison of extractors and the
//! choice).
//!
//! The document's `raw` is the extracted text, not the file: each page's lines
//! in drawing order (running header, body, footer), pages separated by a
//! line holding a form feed, and then, after a last one, the footnotes of every page in page order. So
//! line and column in reports count in that text, and footnotes, which are
//! their own blocks, do not sit between the last line of a page and the first
//! of the next: a quote that runs over a page break stays contiguous.
//!
//! What is matched ([`PdfText::pages`]' blocks) leaves out running headers,
//! footers and page numbers, drops footnote markers (superscript digits glued
//! to a word), joins lines (a line-end hyphen is kept in a compound such as
//! `large-scale`, and dropped where the document spells the word without
//! one elsewhere) and expands ligatures.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::extracted_block::ExtractedBlock;
use super::load::LoadError;
use super::pdf_glyphs::{text_bound, GlyphCollector, PageLines};
use super::pdf_labels::page_labels;
use super::pdf_line::Line;
use super::pdf_open::OpenFault;
use super::pdf_pages::DrawFault;
use super::piece::Piece;
use super::source_file::SourceFile;
use super::{BlockKind, Document, DocumentBuilder, Format};

/// A PDF's text as extracted, ready for the document builder.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfText {
    /// The extracted text; the document's `raw`.
    pub raw: String,
    /// Every page, in order. Blocks of the body only; footnotes in
    /// [`PdfText::notes`].
    pub pages: Vec<PdfPage>,
    /// Footnote blocks, page by page (at the end of `raw`).
    pub notes: Vec<PdfNotes>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PdfPage {
    /// 1-based position in the file.
    pub ordinal: usize,
    /// The label a reader sees: from /PageLabels (`"i"`, `"3"`), else the
    /// number printed in the running header or footer, else the ordinal.
    pub label: String,
    /// The label as a number where it is one (arabic); `None` for front
    /// matter labelled `i`, `ii`… or not labelled.
    pub number: Option<usize>,
    /// The page's range of `raw` (without the `\f`).
    pub raw: Range<usize>,
    pub blocks: Vec<ExtractedBlock>,
    /// Ranges of `raw` that are running headers, footers and page numbers:
    /// never matched.
    pub furniture: Vec<Range<usize>>,
}

/// The footnotes printed at the foot of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfNotes {
    /// Index in [`PdfText::pages`].
    pub page: usize,
    pub raw: Range<usize>,
    pub blocks: Vec<ExtractedBlock>,
}

/// The label of the page that holds the footnotes, after the last page, and
/// of pages without an arabic number (a cover, front matter numbered i,
/// ii…): `Page::label` is a number, and giving them their ordinal would
/// make `p. 2` ambiguous.
pub const UNNUMBERED: usize = 0;

/// Between two pages in the extracted text: a form feed on a line of its
/// own, so that a page's first line is a line.
pub const PAGE_BREAK: &str = "\n\u{c}\n";

/// Loads a PDF file's bytes as a document whose `raw` is the extracted text,
/// built a page at a time (as [`PdfText::build`] builds it). Given the file
/// they were read from, its pages are read from it again as they are
/// drawn, the bytes freed once it is open.
pub(crate) fn load_from(bytes: Vec<u8>, file: Option<&SourceFile>) -> Result<Document, LoadError> {
    let (drawn, labels) = extract_lines(bytes, file)?;
    let (raw, mut laid) = layout(drawn.text, drawn.pages);
    let mut feed = PageFeed::new(raw);
    for p in 0..laid.len() {
        let (page, notes) = laid.page(p, feed.builder.raw(), &labels);
        feed.page(page, notes);
        // Each page's lines are freed as it is built, while the text grows.
        release_freed_memory_after_page(p);
    }
    // So are the words counted (a book's vocabulary), before the folded text.
    drop(laid);
    release_freed_memory();
    Ok(feed.finish())
}

impl PdfText {
    /// The document: a page per page, labelled with its number; the
    /// footnotes on a last page of their own, [`UNNUMBERED`].
    pub fn build(self) -> Document {
        let mut feed = PageFeed::new(self.raw);
        for page in self.pages {
            feed.page(page, None);
        }
        for notes in self.notes {
            feed.footnotes(notes);
        }
        feed.finish()
    }
}

/// Extracts the text of a PDF file's bytes (taken, so that they are freed
/// once parsed).
pub fn extract_pdf(bytes: Vec<u8>) -> Result<PdfText, LoadError> {
    let (drawn, labels) = extract_lines(bytes, None)?;
    Ok(pdf_text(drawn, &labels))
}

/// Every page laid out, with its blocks.
fn pdf_text(drawn: GlyphCollector, labels: &[Option<String>]) -> PdfText {
    let (raw, mut laid) = layout(drawn.text, drawn.pages);
    let (pages, notes) = (0..laid.len())
        .map(|p| laid.page(p, &raw, labels))
        .unzip::<_, _, Vec<_>, Vec<_>>();
    PdfText {
        raw,
        pages,
        notes: notes.into_iter().flatten().collect(),
    }
}

/// Every page's lines and the pages' labels; a PDF without them is an error.
fn extract_lines(
    bytes: Vec<u8>,
    file: Option<&SourceFile>,
) -> Result<(GlyphCollector, Vec<Option<String>>), LoadError> {
    let (drawn, labels) = quietly(|| catch_unwind(AssertUnwindSafe(|| page_lines(bytes, file))))
        .map_err(|panic| {
        LoadError::Unreadable(format!("the PDF is malformed ({})", panic_message(&panic)))
    })??;
    if drawn.pages.iter().all(|p| p.lines.is_empty()) {
        return Err(LoadError::NoTextLayer);
    }
    release_freed_memory();
    Ok((drawn, labels))
}

/// Gives the pages the allocator holds free back to the system. Extraction
/// frees lopdf's objects page by page, and building each page's lines, in
/// small pieces between live ones; glibc keeps those pages resident beside the
/// texts that grow meanwhile. So the pages go back every [`PAGES_PER_TRIM`]
/// pages and after each step (3,000 pages of text: 75 MiB peak without any
/// trim, 44.6 MiB with one after each step, 37-38 MiB with these too).
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the system; it
    // touches no allocation in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Pages drawn, or built, between two [`release_freed_memory`]s. A trim
/// costs about a millisecond (6,000 pages: 188 trims, 0.24 s of 60 s).
const PAGES_PER_TRIM: usize = 64;

/// [`release_freed_memory`] once every [`PAGES_PER_TRIM`] pages: after the
/// page of index `page`, drawn or built.
pub(super) fn release_freed_memory_after_page(page: usize) {
    if page % PAGES_PER_TRIM == PAGES_PER_TRIM - 1 {
        release_freed_memory();
    }
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the panic hook silent on this thread: a panic of
/// pdf-extract's that is caught becomes the source's reason, not a message
/// on stderr. Other threads and other times keep the hook as it was.
pub(super) fn quietly<T>(f: impl FnOnce() -> T) -> T {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let out = f();
    QUIET.with(|q| q.set(was));
    out
}

pub(super) fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "the extractor failed".to_owned()
    }
}

/// The lines of every page, and the pages' labels.
fn page_lines(
    bytes: Vec<u8>,
    file: Option<&SourceFile>,
) -> Result<(GlyphCollector, Vec<Option<String>>), LoadError> {
    let (mut doc, in_file) = super::pdf_open::open(&bytes).map_err(|e| match e {
        OpenFault::Encrypted => LoadError::Encrypted,
        OpenFault::Unreadable(e) => LoadError::Unreadable(format!("not a readable PDF: {e}")),
    })?;
    let size = bytes.len();
    // Pages left in the file are read from it as they are drawn: from the
    // file where there is one (its bytes freed), else from the bytes.
    let reread = if in_file.is_empty() { None } else { file };
    let bytes = if in_file.is_empty() || reread.is_some() {
        // Dropped here: a binding shadowed lives on to the end of the scope.
        drop(bytes);
        Vec::new()
    } else {
        bytes
    };
    if let Some(why) = super::pdf_tree::page_tree_fault(&doc) {
        return Err(LoadError::Unreadable(format!(
            "the PDF is malformed: {why}"
        )));
    }
    if let Some(why) = super::pdf_inflate::inflate_fault(&doc, size, in_file.decoded()) {
        return Err(LoadError::Unreadable(format!("the PDF is not read: {why}")));
    }
    // Labels are a nicety: a tree that makes lopdf panic labels no page.
    let labels = catch_unwind(AssertUnwindSafe(|| page_labels(&doc))).unwrap_or_default();
    let mut out = GlyphCollector::with_limit(text_bound(size));
    let mut pages_in_file = match reread {
        Some(file) => in_file.reader_in_file(file, size),
        None => in_file.reader(&bytes),
    };
    let why = match super::pdf_pages::draw_pages(&mut doc, &mut out, size, &mut pages_in_file) {
        Ok(()) if reread.is_some_and(|f| !f.unchanged()) => {
            return Err(LoadError::Unreadable(
                "the file changed while its pages were read".to_owned(),
            ));
        }
        Ok(()) => return Ok((out, labels)),
        Err(_) if out.passed_limit() => out.why_stopped(),
        Err(DrawFault::TooCostly(why)) => why,
        Err(DrawFault::Extractor(e)) => {
            return Err(LoadError::Unreadable(format!(
                "the PDF's text could not be extracted: {e}"
            )));
        }
    };
    Err(LoadError::Unreadable(format!("the PDF is not read: {why}")))
}

/// Where a line of a page belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Furniture,
    Body,
    Note,
}

fn is_page_number(text: &str) -> bool {
    let t = text.trim();
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t)
        .trim();
    !t.is_empty()
        && t.len() <= 8
        && (t.chars().all(|c| c.is_ascii_digit())
            || t.chars().all(|c| "ivxlcdm".contains(c))
            || t.chars().all(|c| "IVXLCDM".contains(c)))
}

/// A line's text with digits blurred, to recognise a running header whose
/// page number changes.
fn shape(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

const MARGIN: f64 = 0.1;

fn in_margin(line: &Line, page: &PageLines) -> bool {
    line.y < page.height * MARGIN || line.y > page.height * (1.0 - MARGIN)
}

/// Lays out pages of lines as text: the raw text, and the pages to make
/// blocks of. `text` is the pages' lines as drawn ([`GlyphCollector::text`]);
/// it becomes the raw text once footnotes are moved to its end.
fn layout(text: String, mut pages: Vec<PageLines>) -> (String, Laid) {
    // Running headers and footers: lines in the top or bottom margin that are
    // a page number, or that come back (digits aside) on several pages.
    let mut shapes: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        let on_page: HashSet<String> = page
            .lines
            .iter()
            .filter(|l| in_margin(l, page))
            .map(|l| shape(l.text_in(&text)))
            .collect();
        for s in on_page {
            *shapes.entry(s).or_default() += 1;
        }
    }
    let repeated = |s: &str| pages.len() >= 3 && shapes.get(s).copied().unwrap_or(0) >= 3;

    // The body size: the size most of the text is set in.
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    for l in pages.iter().flat_map(|p| &p.lines) {
        *sizes.entry((l.size * 4.0).round() as i64).or_default() += l.text.len();
    }
    let body = sizes
        .iter()
        .max_by_key(|(size, n)| (**n, **size))
        .map(|(size, _)| *size as f64 / 4.0)
        .unwrap_or(10.0);

    let roles: Vec<Vec<Role>> = pages
        .iter()
        .map(|page| {
            let mut in_notes = false;
            page.lines
                .iter()
                .map(|l| {
                    let t = l.text_in(&text);
                    if in_margin(l, page) && (is_page_number(t) || repeated(&shape(t))) {
                        return Role::Furniture;
                    }
                    let small = l.size < body * 0.9;
                    if small && l.starts_with_marker(&text) && l.y > page.height * 0.4 {
                        in_notes = true;
                    }
                    if in_notes && small {
                        Role::Note
                    } else {
                        in_notes = false;
                        Role::Body
                    }
                })
                .collect()
        })
        .collect();

    // Heading levels: the distinct sizes of headings that recur on two pages
    // or more, largest first (a cover's one-off display sizes rank with the
    // largest).
    let mut pages_of: HashMap<i64, HashSet<usize>> = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        for l in page.lines.iter().filter(|l| l.size > body * 1.2) {
            pages_of.entry(heading_key(l)).or_default().insert(p);
        }
    }
    let mut heading_sizes: Vec<i64> = pages_of
        .iter()
        .filter(|(_, pages)| pages.len() >= 2)
        .map(|(size, _)| *size)
        .collect();
    heading_sizes.sort_unstable_by(|a, b| b.cmp(a));
    let sizes = Sizes {
        body,
        heading_sizes,
    };

    // The raw text: pages of lines, then the notes.
    let mut page_ranges: Vec<Range<usize>> = pages.iter().map(|p| p.raw.clone()).collect();
    let mut note_ranges = vec![None; pages.len()];
    let raw = if roles.iter().flatten().any(|r| *r == Role::Note) {
        notes_last(text, &mut pages, &roles, &mut page_ranges, &mut note_ranges)
    } else {
        text
    };
    // Every line's range is of `raw` from here on.

    let words = word_counts(&raw);
    let laid = Laid {
        pages,
        roles,
        page_ranges,
        note_ranges,
        words,
        sizes,
    };
    (raw, laid)
}

/// The lines of a page that are footnotes (`notes`), or those that are not.
fn lines_of<'a>(
    lines: &'a mut [Line],
    roles: &'a [Role],
    notes: bool,
) -> impl Iterator<Item = &'a mut Line> {
    lines
        .iter_mut()
        .zip(roles)
        .filter(move |(_, r)| (**r == Role::Note) == notes)
        .map(|(l, _)| l)
}

/// Moves the footnotes' lines of `text` (laid out as drawn) after the last
/// page, a page of notes per page that has some, in place: the body's lines
/// move up over the notes' (a text of 11 MiB is not held twice). Each line's
/// range, and each page's, follow their text.
fn notes_last(
    text: String,
    pages: &mut [PageLines],
    roles: &[Vec<Role>],
    page_ranges: &mut [Range<usize>],
    note_ranges: &mut [Option<Range<usize>>],
) -> String {
    // The notes first, out of the way: their ranges are of `notes` until the
    // body's length is known.
    let mut notes = String::new();
    for (p, (page, roles)) in pages.iter_mut().zip(roles).enumerate() {
        if !roles.contains(&Role::Note) {
            continue;
        }
        notes.push_str(PAGE_BREAK);
        let start = notes.len();
        for l in lines_of(&mut page.lines, roles, true) {
            if notes.len() > start {
                notes.push('\n');
            }
            let from = notes.len();
            notes.push_str(l.text_in(&text));
            l.text = from..notes.len();
        }
        note_ranges[p] = Some(start..notes.len());
    }
    // The body: every byte moves to where it is or before (the text laid
    // out without the notes is a subsequence of the text with them).
    let mut bytes = text.into_bytes();
    let mut w = 0;
    for (p, (page, roles)) in pages.iter_mut().zip(roles).enumerate() {
        if p > 0 {
            bytes[w..w + PAGE_BREAK.len()].copy_from_slice(PAGE_BREAK.as_bytes());
            w += PAGE_BREAK.len();
        }
        let start = w;
        for l in lines_of(&mut page.lines, roles, false) {
            if w > start {
                bytes[w] = b'\n';
                w += 1;
            }
            let len = l.text.len();
            bytes.copy_within(l.text.clone(), w);
            l.text = w..w + len;
            w += len;
        }
        page_ranges[p] = start..w;
    }
    bytes.truncate(w);
    for (page, roles) in pages.iter_mut().zip(roles) {
        for l in lines_of(&mut page.lines, roles, true) {
            l.text = l.text.start + w..l.text.end + w;
        }
    }
    for range in note_ranges.iter_mut().flatten() {
        *range = range.start + w..range.end + w;
    }
    bytes.extend_from_slice(notes.as_bytes());
    // Whole lines and separators moved: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The sizes text is set in: the body's, and the headings' (largest first).
struct Sizes {
    body: f64,
    heading_sizes: Vec<i64>,
}

fn heading_key(l: &Line) -> i64 {
    (l.size * 2.0).round() as i64
}

impl Sizes {
    fn is_heading(&self, l: &Line) -> bool {
        l.size > self.body * 1.2
    }

    fn level(&self, l: &Line) -> u8 {
        let k = heading_key(l);
        let rank = self
            .heading_sizes
            .iter()
            .rposition(|s| *s >= k)
            .unwrap_or(0);
        rank.min(5) as u8 + 1
    }
}

/// Pages laid out in `raw`, their blocks still to be made: one page at a
/// time, so that a page's lines are freed once its blocks are made and no
/// page's blocks wait for the last page's.
struct Laid {
    pages: Vec<PageLines>,
    roles: Vec<Vec<Role>>,
    page_ranges: Vec<Range<usize>>,
    note_ranges: Vec<Option<Range<usize>>>,
    words: HashMap<String, usize>,
    sizes: Sizes,
}

impl Laid {
    fn len(&self) -> usize {
        self.pages.len()
    }

    /// Page `p` (its lines freed) and its footnotes, if it has any.
    fn page(
        &mut self,
        p: usize,
        raw: &str,
        labels: &[Option<String>],
    ) -> (PdfPage, Option<PdfNotes>) {
        let lines = std::mem::take(&mut self.pages[p].lines);
        let roles = std::mem::take(&mut self.roles[p]);
        let furniture: Vec<Range<usize>> = (0..lines.len())
            .filter(|i| roles[*i] == Role::Furniture)
            .map(|i| lines[i].text.clone())
            .collect();
        let printed = (0..lines.len())
            .filter(|i| roles[*i] == Role::Furniture)
            .find_map(|i| lines[i].text_in(raw).trim().parse::<usize>().ok());
        let (label, number) = match labels.get(p).cloned().flatten() {
            Some(label) => {
                let number = label.parse().ok();
                (label, number)
            }
            None => match printed {
                Some(n) => (n.to_string(), Some(n)),
                None => ((p + 1).to_string(), Some(p + 1)),
            },
        };
        let page = PdfPage {
            ordinal: p + 1,
            label,
            number,
            raw: self.page_ranges[p].clone(),
            blocks: blocks(&lines, &roles, Role::Body, raw, &self.words, &self.sizes),
            furniture,
        };
        let notes = self.note_ranges[p].clone().map(|range| PdfNotes {
            page: p,
            raw: range,
            blocks: blocks(&lines, &roles, Role::Note, raw, &self.words, &self.sizes),
        });
        (page, notes)
    }
}

/// A document built a page at a time: each page's blocks as it comes, the
/// footnotes on a last page of their own, [`UNNUMBERED`].
struct PageFeed {
    builder: DocumentBuilder,
    notes: Vec<ExtractedBlock>,
    has_notes: bool,
}

impl PageFeed {
    fn new(raw: String) -> Self {
        PageFeed {
            builder: DocumentBuilder::new(Format::Pdf, raw),
            notes: Vec::new(),
            has_notes: false,
        }
    }

    /// Builds `page` now, keeps `notes` for the end. Each block's pieces
    /// are freed once built (all of them held 1.5 times the text).
    fn page(&mut self, page: PdfPage, notes: Option<PdfNotes>) {
        self.builder.start_page(page.number.unwrap_or(UNNUMBERED));
        for block in page.blocks {
            block.build(&mut self.builder);
        }
        if let Some(notes) = notes {
            self.footnotes(notes);
        }
    }

    /// Keeps a page's footnotes for the last page.
    fn footnotes(&mut self, notes: PdfNotes) {
        self.has_notes = true;
        self.notes.extend(notes.blocks);
    }

    fn finish(mut self) -> Document {
        if self.has_notes {
            self.builder.start_page(UNNUMBERED);
            for block in std::mem::take(&mut self.notes) {
                block.build(&mut self.builder);
            }
        }
        self.builder.finish()
    }
}

/// How often each word (lowercased, letters and hyphens) occurs in the text.
fn word_counts(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for w in text.split(|c: char| !(c.is_alphabetic() || c == '-')) {
        let w = w.trim_matches('-');
        if !w.is_empty() {
            *counts.entry(w.to_lowercase()).or_default() += 1;
        }
    }
    counts
}

fn is_bullet(text: &str) -> Option<usize> {
    let t = text.trim_start();
    let c = t.chars().next()?;
    if matches!(c, '•' | '●' | '◦' | '▪' | '■' | '–' | '\u{f0b7}' | '·') {
        let lead = text.len() - t.len() + c.len_utf8();
        let rest = &text[lead..];
        Some(lead + rest.len() - rest.trim_start().len())
    } else {
        None
    }
}

fn blocks(
    lines: &[Line],
    roles: &[Role],
    role: Role,
    raw: &str,
    words: &HashMap<String, usize>,
    sizes: &Sizes,
) -> Vec<ExtractedBlock> {
    let mut out: Vec<ExtractedBlock> = Vec::new();
    let mut prev: Option<usize> = None;
    let mut text_x = 0.0;
    for (i, l) in lines.iter().enumerate() {
        if roles[i] != role {
            continue;
        }
        let kind = if role == Role::Note {
            BlockKind::Footnote
        } else if sizes.is_heading(l) {
            BlockKind::Heading(sizes.level(l))
        } else if is_bullet(l.text_in(raw)).is_some() {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        };
        let continues = prev.is_some_and(|j| {
            let p = &lines[j];
            let gap = l.y - p.y;
            let same_kind = match (out.last().map(|b| b.kind), kind) {
                (Some(BlockKind::ListItem), BlockKind::Paragraph) => l.x0 > text_x + 2.0,
                (Some(BlockKind::ListItem), BlockKind::ListItem) => false,
                (Some(a), b) => a == b,
                (None, _) => false,
            };
            let starts_note = role == Role::Note && l.starts_with_marker(raw);
            same_kind
                && !starts_note
                && gap > 0.0
                && gap < 1.45 * p.size.max(l.size)
                && (l.size - p.size).abs() < 0.1 * p.size
        });
        let span = l.text.clone();
        let mut start = span.start;
        if continues {
            let j = prev.unwrap_or(i);
            let block = out.last_mut().expect("a block to continue");
            join_lines(block, &lines[j].text, &span, raw, words, &mut start);
        } else {
            let block = ExtractedBlock {
                kind,
                pieces: Vec::new(),
            };
            if kind == BlockKind::ListItem {
                let lead = is_bullet(l.text_in(raw)).unwrap_or(0);
                start += lead;
                // Lines of the item are indented past the bullet.
                text_x = l.x0;
            }
            let lead = raw[start..span.end].len() - raw[start..span.end].trim_start().len();
            start += lead;
            out.push(block);
        }
        let block = out.last_mut().expect("a block");
        push_line(
            block,
            l,
            span.start,
            start..span.end,
            raw,
            role == Role::Body,
        );
        prev = Some(i);
    }
    out.retain(|b| !b.text(raw).trim().is_empty());
    // Text set large but running on (an epigraph) is no heading.
    for b in &mut out {
        if matches!(b.kind, BlockKind::Heading(_)) && b.text(raw).len() > 200 {
            b.kind = BlockKind::Paragraph;
        }
    }
    out
}

/// Joins the line before (ending at `before.end`) and the line at `line` in
/// one block: the line break becomes a space, or nothing after a hyphen.
fn join_lines(
    block: &mut ExtractedBlock,
    before: &Range<usize>,
    line: &Range<usize>,
    raw: &str,
    words: &HashMap<String, usize>,
    start: &mut usize,
) {
    // Trailing spaces of the previous line.
    let prev_text = raw[before.clone()].trim_end();
    let end = before.start + prev_text.len();
    // What the last piece pushed ends at `before.end`: cut it back to `end`.
    trim_pieces(block, end);
    let next = &raw[line.clone()];
    let next_trim = next.trim_start();
    let lead = next.len() - next_trim.len();
    *start = line.start + lead;
    let before_hyphen = prev_text
        .strip_suffix('-')
        .and_then(|t| t.chars().next_back());
    let after = next_trim.chars().next();
    let hyphen = before_hyphen.is_some_and(char::is_alphanumeric)
        && after.is_some_and(char::is_alphanumeric);
    if hyphen {
        // Keep the hyphen (a compound, `large-scale`, `AI-Generated`, `M-25-21`)
        // unless the document spells the word whole elsewhere and not with
        // a hyphen: then it was broken at the line end.
        let head: String = prev_text[..prev_text.len() - 1]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let tail: String = next_trim
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let broken = !head.is_empty()
            && after.is_some_and(char::is_lowercase)
            && words
                .get(&format!("{head}{tail}").to_lowercase())
                .copied()
                .unwrap_or(0)
                > words
                    .get(&format!("{head}-{tail}").to_lowercase())
                    .copied()
                    .unwrap_or(0);
        if broken {
            trim_pieces(block, end - 1);
            block
                .pieces
                .push(Piece::Replaced("".into(), end - 1..*start));
        } else {
            block.pieces.push(Piece::Replaced("".into(), end..*start));
        }
    } else {
        block.pieces.push(Piece::Replaced(" ".into(), end..*start));
    }
}

/// Cuts the block's pieces back so that they end at raw offset `end`.
fn trim_pieces(block: &mut ExtractedBlock, end: usize) {
    while let Some(last) = block.pieces.last_mut() {
        match last {
            Piece::Verbatim(r) if r.start >= end => {
                block.pieces.pop();
            }
            Piece::Verbatim(r) => {
                r.end = r.end.min(end);
                return;
            }
            Piece::Replaced(_, r) if r.start >= end => {
                block.pieces.pop();
            }
            Piece::Replaced(_, _) => return,
        }
    }
}

/// Pushes the part `range` of a line (at raw offset `line_start`): verbatim,
/// less footnote markers in the body, with ligatures expanded.
fn push_line(
    block: &mut ExtractedBlock,
    line: &Line,
    line_start: usize,
    range: Range<usize>,
    raw: &str,
    drop_markers: bool,
) {
    let mut cuts: Vec<Range<usize>> = Vec::new();
    if drop_markers {
        for s in line.superscripts() {
            let marker = &raw[line_start + s.start..line_start + s.end];
            if !marker.trim().is_empty()
                && marker
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c.is_whitespace())
            {
                cuts.push(line_start + s.start..line_start + s.end);
            }
        }
    }
    let mut at = range.start;
    let end = range.end;
    for cut in &cuts {
        if cut.end <= at || cut.start >= end {
            continue;
        }
        push_text(block, at..cut.start.max(at), raw);
        block.pieces.push(Piece::Replaced(
            "".into(),
            cut.start.max(at)..cut.end.min(end),
        ));
        at = cut.end.min(end);
    }
    push_text(block, at..end, raw);
}

/// Pushes raw text verbatim, but for ligatures (U+FB00–FB06), spelled out.
fn push_text(block: &mut ExtractedBlock, range: Range<usize>, raw: &str) {
    let mut at = range.start;
    for (i, c) in raw[range.clone()].char_indices() {
        let spelled = match c {
            'ﬀ' => "ff",
            'ﬁ' => "fi",
            'ﬂ' => "fl",
            'ﬃ' => "ffi",
            'ﬄ' => "ffl",
            'ﬅ' | 'ﬆ' => "st",
            _ => continue,
        };
        let i = range.start + i;
        if i > at {
            block.pieces.push(Piece::Verbatim(at..i));
        }
        block
            .pieces
            .push(Piece::Replaced(spelled.into(), i..i + c.len_utf8()));
        at = i + c.len_utf8();
    }
    if range.end > at {
        block.pieces.push(Piece::Verbatim(at..range.end));
    }
}

#[cfg(test)]
mod tests {
    use super::super::pdf_test_file::{action_plan, encrypted, one_page_document};
    use super::super::source_file::{append, written};
    use super::*;
    use std::sync::OnceLock;

    fn plan() -> &'static PdfText {
        static PLAN: OnceLock<PdfText> = OnceLock::new();
        PLAN.get_or_init(|| extract_pdf(action_plan()).expect("extracts"))
    }

    #[test]
    fn a_document_built_page_by_page_is_the_one_built_from_all_pages() {
        // The Action Plan has footnotes, headings, lists and furniture.
        let streamed = load_from(action_plan(), None).unwrap();
        let whole = plan().clone().build();
        assert_eq!(
            serde_json::to_string(&streamed).unwrap(),
            serde_json::to_string(&whole).unwrap()
        );
        assert!(whole.pages.iter().any(|p| p.label == UNNUMBERED));
    }

    #[test]
    fn pages_read_again_from_the_file_are_those_read_from_its_bytes() {
        // Bytes before the header too: offsets count from it.
        let mut bytes = b"HTTP/1.1 200 OK\r\n\r\n".to_vec();
        bytes.extend(action_plan());
        let (_tmp, read, file) = written(&bytes);
        let from_file = load_from(read, Some(&file)).unwrap();
        let from_bytes = load_from(bytes, None).unwrap();
        assert_eq!(
            serde_json::to_string(&from_file).unwrap(),
            serde_json::to_string(&from_bytes).unwrap()
        );
        assert!(from_file.pages.len() > 20);
    }

    #[test]
    fn a_file_changed_while_its_pages_are_read_is_not_read() {
        let (tmp, read, file) = written(&action_plan());
        append(tmp.path(), b"%% appended");
        let why = load_from(read, Some(&file)).unwrap_err().to_string();
        assert!(
            why.contains("the file changed while its pages were read"),
            "{why}"
        );
    }

    /// The page (by label) whose body blocks hold `needle`.
    fn page_of<'a>(t: &'a PdfText, needle: &str) -> Option<&'a PdfPage> {
        t.pages
            .iter()
            .find(|p| p.blocks.iter().any(|b| b.text(&t.raw).contains(needle)))
    }

    /// The matched text of the body, blocks joined by a space and spaces
    /// collapsed, as folding will see it.
    fn body_text(t: &PdfText) -> String {
        let joined: Vec<String> = t
            .pages
            .iter()
            .flat_map(|p| &p.blocks)
            .map(|b| b.text(&t.raw))
            .collect();
        joined
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn pages_are_labelled_as_printed() {
        let t = plan();
        assert_eq!(t.pages.len(), 28);
        let labels: Vec<&str> = t.pages.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(&labels[..5], ["a", "i", "ii", "1", "2"]);
        assert_eq!(labels[27], "25");
        assert_eq!(t.pages[5].number, Some(3));
        assert_eq!(t.pages[1].number, None);
        // The /PageLabels agree with the number printed in the footer.
        for p in &t.pages[3..] {
            let printed: Vec<&str> = p
                .furniture
                .iter()
                .map(|f| t.raw[f.clone()].trim())
                .collect();
            assert!(
                printed.contains(&p.label.as_str()),
                "page {}: {printed:?}",
                p.ordinal
            );
        }
    }

    #[test]
    fn a_heading_is_on_its_printed_page() {
        let t = plan();
        let page = t
            .pages
            .iter()
            .find(|p| {
                p.blocks.iter().any(|b| {
                    matches!(b.kind, BlockKind::Heading(_))
                        && b.text(&t.raw).trim() == "Remove Red Tape and Onerous Regulation"
                })
            })
            .expect("the heading");
        assert_eq!(page.label, "3");
        assert_eq!(page.ordinal, 6);
        let known = "AI is far too important to smother in bureaucracy at this early stage";
        assert_eq!(page_of(t, known).map(|p| p.label.as_str()), Some("3"));
    }

    #[test]
    fn raw_is_the_pages_joined_by_form_feeds() {
        let t = plan();
        for p in &t.pages {
            assert!(p.raw.start == 0 || t.raw[..p.raw.start].ends_with(PAGE_BREAK));
            for b in &p.blocks {
                for piece in &b.pieces {
                    assert!(piece.raw().start >= p.raw.start && piece.raw().end <= p.raw.end);
                }
            }
        }
        let p3 = &t.pages[5];
        assert!(t.raw[p3.raw.clone()].contains("regulatory regime.3 AI is far too important"));
    }

    #[test]
    fn footnote_markers_do_not_break_a_quote() {
        let text = body_text(plan());
        assert!(text.contains("foreshadowed an onerous regulatory regime. AI is far too important"));
        // Two markers, "7, 8", after a closing quotation mark.
        assert!(text.contains("Skilled Trade Jobs of the Future.\u{201d} To continue delivering"));
        // "45th": a superscript that is no footnote marker stays.
        assert!(text.contains("45th and 47th President"));
    }

    #[test]
    fn footnotes_are_their_own_blocks() {
        let t = plan();
        let notes = t
            .notes
            .iter()
            .find(|n| t.pages[n.page].label == "3")
            .expect("notes on p. 3");
        let texts: Vec<String> = notes.blocks.iter().map(|b| b.text(&t.raw)).collect();
        assert_eq!(texts.len(), 3);
        assert!(notes.blocks.iter().all(|b| b.kind == BlockKind::Footnote));
        assert!(texts[0].starts_with("3  Executive Order 14110 of October 30, 2023"));
        assert!(
            texts[0].contains("Federal Register 88 (210) 75191"),
            "{}",
            texts[0]
        );
        assert!(!body_text(t).contains("Federal Register 88 (210) 75191"));
    }

    #[test]
    fn running_headers_and_page_numbers_are_not_matched() {
        let t = plan();
        for p in &t.pages[1..] {
            assert!(p
                .furniture
                .iter()
                .any(|f| t.raw[f.clone()].trim() == "AMERICA\u{2019}S AI ACTION PLAN"));
            for b in &p.blocks {
                let text = b.text(&t.raw);
                assert!(!text.contains("AMERICA\u{2019}S AI ACTION PLAN"), "{text}");
                for f in &p.furniture {
                    for piece in &b.pieces {
                        assert!(piece.raw().end <= f.start || piece.raw().start >= f.end);
                    }
                }
            }
        }
    }

    #[test]
    fn a_quote_runs_over_a_page_break() {
        let t = plan();
        // p. 3 ends "review all FTC final orders, consent decrees," and p. 4
        // goes on "and injunctions", with footnotes 3-5 and the header between.
        let quote =
            "review all FTC final orders, consent decrees, and injunctions, and, where appropriate";
        assert!(body_text(t).contains(quote));
        assert_eq!(
            page_of(t, "consent decrees,").map(|p| p.label.as_str()),
            Some("3")
        );
        assert_eq!(
            page_of(t, "and injunctions, and").map(|p| p.label.as_str()),
            Some("4")
        );
    }

    #[test]
    fn lines_are_joined_and_hyphens_kept_in_compounds() {
        let text = body_text(plan());
        // "large-" ends a line, "scale compute" begins the next.
        assert!(text.contains("a company seeking to use large-scale compute"));
        assert!(text.contains(
            "leading open models founded on American values. Open-source and open-weight"
        ));
        let t = plan();
        let notes: String = t
            .notes
            .iter()
            .flat_map(|n| &n.blocks)
            .map(|b| b.text(&t.raw))
            .collect();
        assert!(notes.contains("Against AI-Generated Deepfakes"));
    }

    #[test]
    fn headings_lists_and_paragraphs() {
        let t = plan();
        let p3 = &t.pages[5];
        let kinds: Vec<BlockKind> = p3.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds[0], BlockKind::Heading(1));
        assert_eq!(kinds[2], BlockKind::Heading(2));
        assert_eq!(
            kinds.iter().filter(|k| **k == BlockKind::ListItem).count(),
            5
        );
        let first_item = p3
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::ListItem)
            .unwrap();
        assert!(first_item
            .text(&t.raw)
            .starts_with("Led by the Office of Science and Technology Policy"));
    }

    fn plan_document() -> &'static Document {
        static DOC: OnceLock<Document> = OnceLock::new();
        DOC.get_or_init(|| plan().clone().build())
    }

    #[test]
    fn a_page_number_printed_nowhere_names_no_page() {
        use crate::claims::LocatorKind;
        let doc = plan_document();
        let page =
            |n| super::super::locator::resolve(doc, &LocatorKind::Pages { start: n, end: n });
        assert!(page(25).is_ok());
        // The file has 28 pages, printed a, i, ii, then 1–25: its 27th is
        // printed 24, and `p. 27` must not quietly cite it.
        let e = page(27).unwrap_err().0;
        assert_eq!(
            e,
            "p. 27: no such page (the source's pages are numbered 1–25; \
             the file's page 27 is printed 24)"
        );
        let e = page(40).unwrap_err().0;
        assert_eq!(
            e,
            "p. 40: no such page (the source's pages are numbered 1–25)"
        );
    }

    #[test]
    fn the_document_cites_printed_pages() {
        let doc = plan_document();
        assert_eq!(doc.format, Format::Pdf);
        assert_eq!(doc.raw, plan().raw);
        let labels: Vec<usize> = doc.pages.iter().map(|p| p.label).collect();
        assert_eq!(labels.len(), 29, "28 pages and the footnotes");
        assert_eq!(&labels[..6], [0, 0, 0, 1, 2, 3]);
        assert_eq!(labels[27..], [25, UNNUMBERED]);
        let find = |quote: &str| {
            let q = crate::fold::fold(quote).text;
            let at = doc
                .folded
                .text
                .find(q.as_str())
                .unwrap_or_else(|| panic!("{quote}"));
            let text = doc.folded_to_text(at..at + q.len());
            (text.clone(), doc.folded_to_raw(at..at + q.len()))
        };
        // A quote over the break from p. 3 to p. 4, footnotes and running
        // header between them in the extracted text.
        let (text, raw) = find(
            "review all FTC final orders, consent decrees, and injunctions, and, where appropriate",
        );
        assert_eq!(doc.page_at(text.start).map(|p| p.label), Some(3));
        assert_eq!(doc.page_at(text.end - 1).map(|p| p.label), Some(4));
        assert!(doc.raw.slice(raw.clone()).contains('\u{c}'));
        // Line and column count in the extracted text.
        let pos = doc.position(raw.start);
        assert_eq!(doc.line(pos.line).as_deref().map(str::trim_end), Some("unduly burden AI innovation. Furthermore, review all FTC final orders, consent decrees,"));
        // A footnote marker inside a quote, and a footnote on the notes page.
        let (text, _) = find("an onerous regulatory regime. AI is far too important");
        assert_eq!(doc.page_at(text.start).map(|p| p.label), Some(3));
        let (text, _) = find("under the Communications Act of 1934. Review all");
        assert_eq!(doc.page_at(text.start).map(|p| p.label), Some(3));
        let (text, _) = find("Clean Water Act of 1972, 33 U.S.C. § 1344");
        assert_eq!(
            doc.block_at(text.start).map(|b| b.kind),
            Some(BlockKind::Footnote)
        );
        assert_eq!(doc.page_at(text.start).map(|p| p.label), Some(UNNUMBERED));
        let section = doc
            .sections
            .iter()
            .find(|s| s.title.starts_with("Remove Red Tape"))
            .expect("a section per heading");
        assert!(doc.text[section.text.clone()].contains("Communications Act of 1934"));
        assert!(!doc.text[section.text.clone()].contains("Ensure that Frontier AI Protects"));
    }

    #[test]
    fn a_ligature_is_spelled_out() {
        let raw = "e\u{fb03}cient";
        let mut b = ExtractedBlock {
            kind: BlockKind::Paragraph,
            pieces: Vec::new(),
        };
        push_text(&mut b, 0..raw.len(), raw);
        assert_eq!(b.text(raw), "efficient");
    }

    #[test]
    fn not_a_pdf_is_unreadable_not_a_panic() {
        assert!(matches!(
            extract_pdf(b"hello".to_vec()),
            Err(LoadError::Unreadable(_))
        ));
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds/Americas-AI-Action-Plan.pdf"
        ))
        .unwrap();
        assert!(extract_pdf(bytes[..bytes.len() / 2].to_vec()).is_err());
    }

    #[test]
    fn a_pdf_without_text_has_no_text_layer() {
        assert_eq!(extract_pdf(blank_pdf()), Err(LoadError::NoTextLayer));
    }

    /// The glyphs of a page of lines `(text, y, size)` set from the left
    /// margin.
    fn glyphs(lines: &[(&str, f64, f64)]) -> Vec<super::super::pdf_glyphs::Glyph> {
        let mut glyphs = Vec::new();
        for (text, y, size) in lines {
            let mut x = 72.0;
            for c in text.chars() {
                let width = size * 0.5;
                glyphs.push(super::super::pdf_glyphs::Glyph {
                    text: c.to_string(),
                    x,
                    y: *y,
                    width,
                    size: *size,
                });
                x += width;
            }
        }
        glyphs
    }

    /// A footnote set small at the foot of a page, its number raised.
    fn footnote(number: &str, text: &str) -> Vec<super::super::pdf_glyphs::Glyph> {
        let mut marker = glyphs(&[(number, 698.0, 5.0)]);
        let mut rest = glyphs(&[(text, 700.0, 8.0)]);
        for g in &mut rest {
            g.x += 5.0;
        }
        marker.append(&mut rest);
        marker
    }

    #[test]
    fn footnotes_move_after_the_last_page_and_every_range_follows() {
        let mut drawn = GlyphCollector::default();
        let mut one = glyphs(&[("Body one.", 300.0, 11.0), ("Still one.", 320.0, 11.0)]);
        one.extend(footnote("1", "First note."));
        one.extend(glyphs(&[("After the note.", 740.0, 11.0)]));
        drawn.page(792.0, one);
        drawn.page(792.0, footnote("2", "A page of notes only."));
        drawn.page(792.0, glyphs(&[("Body three.", 300.0, 11.0)]));
        let mut four = glyphs(&[("Body four.", 300.0, 11.0)]);
        four.extend(footnote("3", "Last note."));
        drawn.page(792.0, four);
        let t = pdf_text(drawn, &[]);

        let parts: Vec<&str> = t.raw.split(PAGE_BREAK).collect();
        assert_eq!(
            parts,
            [
                "Body one.\nStill one.\nAfter the note.",
                "",
                "Body three.",
                "Body four.",
                "1 First note.",
                "2 A page of notes only.",
                "3 Last note.",
            ]
        );
        let bodies: Vec<&str> = t.pages.iter().map(|p| &t.raw[p.raw.clone()]).collect();
        assert_eq!(bodies, parts[..4]);
        let notes: Vec<(usize, &str)> = t
            .notes
            .iter()
            .map(|n| (n.page, &t.raw[n.raw.clone()]))
            .collect();
        assert_eq!(
            notes,
            [(0, parts[4]), (1, parts[5]), (3, parts[6])],
            "each page's notes, in page order"
        );
        let blocks: Vec<String> = t.pages[0].blocks.iter().map(|b| b.text(&t.raw)).collect();
        assert_eq!(blocks, ["Body one.", "Still one.", "After the note."]);
        assert_eq!(t.notes[2].blocks[0].text(&t.raw), "3 Last note.");
    }

    #[test]
    fn without_page_labels_the_printed_number_is_the_label() {
        let mut drawn = GlyphCollector::default();
        for i in 0..4 {
            let number = (i + 11).to_string();
            let mut lines = vec![
                ("Annual Report", 40.0, 9.0),
                ("Some body text here.", 300.0, 11.0),
            ];
            if i > 0 {
                lines.push((number.as_str(), 760.0, 9.0));
            }
            drawn.page(792.0, glyphs(&lines));
        }
        let t = pdf_text(drawn, &[]);
        let labels: Vec<&str> = t.pages.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(
            labels,
            ["1", "12", "13", "14"],
            "the first page has no number: its ordinal"
        );
        for p in &t.pages {
            assert_eq!(p.blocks.len(), 1, "header and number are furniture");
            assert_eq!(p.blocks[0].text(&t.raw), "Some body text here.");
        }
    }

    #[test]
    fn an_encrypted_pdf_says_so() {
        let doc = lopdf::Document::load_mem(&blank_pdf()).unwrap();
        let bytes = encrypted(doc, "secret");
        assert_eq!(extract_pdf(bytes), Err(LoadError::Encrypted));
    }

    #[test]
    fn an_encrypted_pdf_that_opens_without_a_password_is_read() {
        // Read whole: lopdf decrypts its objects and object streams together.
        let doc = one_page_document(b"BT /F1 12 Tf 72 700 Td (Locked but open.) Tj ET");
        let bytes = encrypted(doc, "");
        let text = extract_pdf(bytes).unwrap();
        assert_eq!(text.pages[0].blocks[0].text(&text.raw), "Locked but open.");
    }

    /// A one-page PDF that draws a rectangle and no text.
    fn blank_pdf() -> Vec<u8> {
        one_page_pdf(b"0 0 m 100 100 l S")
    }

    /// A one-page PDF of `content`, with Helvetica as /F1.
    fn one_page_pdf(content: &[u8]) -> Vec<u8> {
        let mut doc = one_page_document(content);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }
}
