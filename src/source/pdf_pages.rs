//! A PDF's pages drawn one at a time, each dropped once drawn.
//!
//! pdf-extract draws a whole document from a shared borrow, so every page's
//! dictionary and content would be held until the last page is drawn, beside
//! the lines of all the pages drawn (for a PDF of text, more than its text).
//! Instead the catalog is pointed at a page tree of one page, the page it
//! holds is changed between pages, and a page's content (cut to its text
//! just before) and the page itself are dropped once it is drawn.

use std::collections::{HashMap, HashSet};

use lopdf::{dictionary, Document, Object, ObjectId};
use pdf_extract::{OutputDev, OutputError};

use super::pdf::release_freed_memory_after_page;
use super::pdf_deferred_pages::PageReader;
use super::pdf_parse_cost;
use super::pdf_piece_marks::PieceMarks;
use super::pdf_piece_of_page::PieceOfPage;
use super::pdf_text_streams::TextStreams;
use super::pdf_tree::{page_ids, parent_of, MAX_DEPTH};

/// Why a PDF's pages were not all drawn.
#[derive(Debug)]
pub enum DrawFault {
    /// pdf-extract's error, or the output's.
    Extractor(OutputError),
    /// A page or form whose content would cost more to parse than a file of
    /// this size may ([`pdf_parse_cost::bound`]): why.
    TooCostly(String),
}

impl From<OutputError> for DrawFault {
    fn from(e: OutputError) -> Self {
        DrawFault::Extractor(e)
    }
}

/// Draws every page of `doc` (read from a file of `file_len` bytes) on `out`,
/// in order, as `pdf_extract::output_doc` does, leaving `doc` without its
/// pages. A page left in the file is read from it just before it is drawn.
pub fn draw_pages(
    doc: &mut Document,
    out: &mut dyn OutputDev,
    file_len: usize,
    pages_in_file: &mut PageReader,
) -> Result<(), DrawFault> {
    let pages = page_ids(doc);
    let mut streams = TextStreams::new(doc, &pages, file_len).map_err(DrawFault::TooCostly)?;
    if pages.is_empty() {
        return Ok(());
    }
    let mut left: HashMap<ObjectId, usize> = HashMap::new();
    for &page in &pages {
        *left.entry(page).or_default() += 1;
    }
    let parents = parents(doc, &pages);
    drop_what_drawing_needs_not(doc, &pages, &parents, pages_in_file);
    let tree = doc.add_object(dictionary! { "Type" => "Pages", "Kids" => vec![], "Count" => 1 });
    doc.catalog_mut()
        .map_err(|e| DrawFault::Extractor(e.into()))?
        .set("Pages", tree);
    for (i, page) in pages.into_iter().enumerate() {
        // What the pages drawn held goes back as the text grows.
        release_freed_memory_after_page(i);
        streams
            .read_page(doc, page, pages_in_file)
            .map_err(DrawFault::TooCostly)?;
        let kept = streams.cut_page(doc, page).map_err(|cost| {
            DrawFault::TooCostly(pdf_parse_cost::past_the_bound(
                &format!("page {}", i + 1),
                cost,
                streams.limit(),
            ))
        })?;
        if let Ok(Object::Dictionary(one)) = doc.get_object_mut(tree) {
            one.set("Kids", vec![page.into()]);
        }
        match &kept {
            Some((kept, marks)) => draw_in_pieces(doc, out, *kept, marks)?,
            None => pdf_extract::output_doc_page(doc, out, 1)?,
        }
        let n = left.entry(page).or_default();
        *n -= 1;
        if *n > 0 {
            continue;
        }
        if let Some((kept, _)) = kept {
            doc.objects.remove(&kept);
        }
        // A malformed page may be another's /Parent, whose attributes it
        // inherits.
        if !parents.contains(&page) {
            doc.objects.remove(&page);
        }
    }
    Ok(())
}

/// Draws the one page of `doc`, whose content is the stream `kept`, a
/// piece at a time as `marks` cut it, so that lopdf never holds the whole
/// page parsed; `kept` holds the whole content again once drawn.
///
/// lopdf parses a content up to the first operation it cannot parse and
/// drops the rest, without an error; parsed alone, the pieces after it
/// would be drawn. So each piece is parsed first, and one where lopdf reads
/// fewer operations than were kept is drawn with the rest of the page, as
/// the whole would be.
fn draw_in_pieces(
    doc: &mut Document,
    out: &mut dyn OutputDev,
    kept: ObjectId,
    marks: &PieceMarks,
) -> Result<(), DrawFault> {
    let ops = match doc.get_object_mut(kept) {
        Ok(Object::Stream(stream)) if marks.count() > 1 => std::mem::take(&mut stream.content),
        _ => return Ok(pdf_extract::output_doc_page(doc, out, 1)?),
    };
    let mut drawn = Ok(());
    for (i, (prelude, range, operations)) in marks.pieces(ops.len()).enumerate() {
        // The last piece needs no check: nothing follows it.
        let read_whole = || {
            lopdf::content::Content::decode(&ops[range.clone()])
                .is_ok_and(|parsed| parsed.operations.len() == operations)
        };
        let range = if range.end == ops.len() || read_whole() {
            range
        } else {
            range.start..ops.len()
        };
        let last = range.end == ops.len();
        if let Ok(Object::Stream(stream)) = doc.get_object_mut(kept) {
            stream.set_plain_content([prelude, &ops[range]].concat());
        }
        let mut piece = PieceOfPage::new(out, i == 0, last);
        drawn = pdf_extract::output_doc_page(doc, &mut piece, 1);
        if drawn.is_err() || last {
            break;
        }
    }
    if let Ok(Object::Stream(stream)) = doc.get_object_mut(kept) {
        stream.set_plain_content(ops);
    }
    Ok(drawn?)
}

/// Drops, once the pages are listed, what drawing them does not read: the
/// trees' /Kids (the catalog is pointed at a tree of its own), and the
/// stubs of pages left in the file but those others inherit from (each is
/// read again before it is drawn). 3,000 pages held 1.1 MB of them.
fn drop_what_drawing_needs_not(
    doc: &mut Document,
    pages: &[ObjectId],
    parents: &HashSet<ObjectId>,
    pages_in_file: &PageReader,
) {
    for &page in pages {
        if pages_in_file.left_in_file(page) && !parents.contains(&page) {
            doc.objects.remove(&page);
        }
    }
    for node in parents {
        if let Ok(Object::Dictionary(node)) = doc.get_object_mut(*node) {
            node.remove(b"Kids");
        }
    }
}

/// Every object up the `/Parent` chains of `pages`.
fn parents(doc: &Document, pages: &[ObjectId]) -> HashSet<ObjectId> {
    let mut all = HashSet::new();
    for &page in pages {
        let mut at = page;
        // The page tree has been checked (no loop, no deeper than this).
        for _ in 0..=MAX_DEPTH {
            let Some(parent) = parent_of(doc, at) else {
                break;
            };
            if !all.insert(parent) {
                break;
            }
            at = parent;
        }
    }
    all
}

/// What pdf-extract draws of a one-page document of `content` (Helvetica
/// as /F1), its text operations drawn in pieces of `piece_cost` (`Err`:
/// it panicked, with its message), and how many pieces; for the tests and
/// the `pdf_pieces` fuzz target. Panics if the page's stream does not hold
/// the whole content again once drawn without a panic (after one, the
/// document is dropped).
#[cfg(any(test, fuzzing))]
pub fn drawn_in_pieces(content: &[u8], piece_cost: usize) -> (Result<Vec<String>, String>, usize) {
    use super::pdf_content::text_operations_in;
    use super::pdf_parse_cost::ParseCost;
    use super::pdf_recorder::Recorder;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let mut marks = PieceMarks::with_piece_cost(piece_cost);
    let mut ops = Vec::new();
    let (mut cost, left_out) = (ParseCost::default(), |_: &[u8]| false);
    if text_operations_in(
        content,
        true,
        &left_out,
        &mut ops,
        &mut cost,
        Some(&mut marks),
    )
    .is_none()
    {
        return (Ok(Vec::new()), 0);
    }
    let mut doc = super::pdf_test_file::one_page_document(&ops);
    let page = page_ids(&doc)[0];
    let kept = doc.get_page_contents(page)[0];
    let mut out = Recorder::default();
    let drawn = super::pdf::quietly(|| {
        catch_unwind(AssertUnwindSafe(|| {
            draw_in_pieces(&mut doc, &mut out, kept, &marks)
        }))
    });
    if drawn.is_ok() {
        let whole = doc.get_object(kept).and_then(Object::as_stream);
        assert!(
            whole.is_ok_and(|s| s.content == ops),
            "the stream holds the whole content again"
        );
    }
    let drawn = match drawn {
        Ok(Ok(())) => Ok(out.calls),
        Ok(Err(e)) => Err(format!("{e:?}")),
        Err(panic) => Err(super::pdf::panic_message(&panic)),
    };
    (drawn, marks.count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::pdf_deferred_pages::DeferredPages;
    use crate::source::pdf_glyphs::GlyphCollector;
    use lopdf::Stream;

    /// A document whose page tree lists `kids` (indexes into `pages`, each
    /// a page drawing its text), and the pages' and contents' ids. A page's
    /// `/Parent` is the tree, or the page `parent_of[i]` names.
    fn document(
        pages: &[&str],
        kids: &[usize],
        parent_of: &[Option<usize>],
    ) -> (Document, Vec<ObjectId>, Vec<ObjectId>) {
        let mut doc = Document::with_version("1.5");
        let tree = doc.new_object_id();
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let contents: Vec<ObjectId> = pages
            .iter()
            .map(|text| {
                let ops = format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET");
                doc.add_object(Stream::new(dictionary! {}, ops.into_bytes()))
            })
            .collect();
        let ids: Vec<ObjectId> = (0..pages.len()).map(|_| doc.new_object_id()).collect();
        for (i, &id) in ids.iter().enumerate() {
            let mut page = dictionary! { "Type" => "Page", "Contents" => contents[i] };
            match parent_of.get(i).copied().flatten() {
                Some(p) => page.set("Parent", ids[p]),
                None => {
                    page.set("Parent", tree);
                    page.set("MediaBox", vec![0.into(), 0.into(), 612.into(), 792.into()]);
                    page.set(
                        "Resources",
                        dictionary! { "Font" => dictionary! { "F1" => font } },
                    );
                }
            }
            doc.objects.insert(id, Object::Dictionary(page));
        }
        let kids: Vec<Object> = kids.iter().map(|&k| ids[k].into()).collect();
        let count = kids.len() as i64;
        doc.objects.insert(
            tree,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree });
        doc.trailer.set("Root", catalog);
        (doc, ids, contents)
    }

    fn drawn(doc: &mut Document) -> Vec<String> {
        let mut out = GlyphCollector::default();
        let none = DeferredPages::none();
        draw_pages(doc, &mut out, usize::MAX, &mut none.reader(&[])).unwrap();
        out.pages
            .iter()
            .map(|p| out.text[p.raw.clone()].to_owned())
            .collect()
    }

    #[test]
    fn pages_are_drawn_in_order_and_dropped_once_drawn() {
        let (mut doc, pages, contents) = document(&["one", "two", "three"], &[0, 1, 2], &[]);
        assert_eq!(drawn(&mut doc), ["one", "two", "three"]);
        for id in pages.iter().chain(&contents) {
            assert!(doc.get_object(*id).is_err(), "{id:?} is still held");
        }
    }

    #[test]
    fn the_trees_kids_are_dropped_before_the_pages_are_drawn() {
        let (mut doc, _, _) = document(&["one", "two"], &[0, 1], &[]);
        let tree = doc
            .catalog()
            .unwrap()
            .get(b"Pages")
            .unwrap()
            .as_reference()
            .unwrap();
        assert_eq!(drawn(&mut doc), ["one", "two"]);
        let tree = doc.get_dictionary(tree).unwrap();
        assert!(tree.get(b"Kids").is_err(), "{tree:?}");
    }

    #[test]
    fn a_page_listed_twice_is_drawn_twice() {
        let (mut doc, pages, _) = document(&["again", "once"], &[0, 1, 0], &[]);
        assert_eq!(drawn(&mut doc), ["again", "once", "again"]);
        assert!(doc.get_object(pages[0]).is_err(), "dropped after its last");
    }

    #[test]
    fn a_page_another_inherits_from_is_kept_for_it() {
        // The second page's /Parent is the first, whose media box and
        // fonts it inherits (without them pdf-extract panics).
        let (mut doc, pages, _) = document(&["first", "second"], &[0, 1], &[None, Some(0)]);
        assert_eq!(drawn(&mut doc), ["first", "second"]);
        assert!(doc.get_object(pages[0]).is_ok());
    }

    #[test]
    fn a_page_whose_contents_name_a_page_is_drawn_empty() {
        // Found by fuzzing: /Contents an array holding the page itself. The
        // page was dropped as a content stream no page used any more, and
        // then not found to be drawn.
        let (mut doc, pages, _) = document(&["lost"], &[0], &[]);
        let array = doc.add_object(vec![Object::Reference(pages[0])]);
        if let Ok(Object::Dictionary(page)) = doc.get_object_mut(pages[0]) {
            page.set("Contents", array);
        }
        assert_eq!(drawn(&mut doc), [""]);
    }

    /// What drawing `content`'s text operations cut into pieces of
    /// `piece_cost` records, and how many pieces it was drawn in.
    fn recorded_in_pieces(content: &str, piece_cost: usize) -> (Vec<String>, usize) {
        let (drawn, pieces) = drawn_in_pieces(content.as_bytes(), piece_cost);
        (drawn.unwrap(), pieces)
    }

    #[test]
    fn a_page_drawn_in_pieces_draws_every_glyph_where_it_drew_it_whole() {
        // The CTM, saved states, every text-state parameter, the leading
        // TD sets, and a q inside a text object whose Q puts back a text
        // matrix moved by Tj (pdf-extract's Q does).
        let page = "2 0 0 2 5 5 cm /F1 9 Tf 0.5 Tc 1 Tw 90 Tz 2 Ts \
                    q 1 0 0 1 0 10 cm 0 -12 TD BT (a b) Tj T* (c) Tj ET \
                    q 1.5 0 0 1.5 0 0 cm BT /F1 11 Tf 1 0 0 1 50 300 Tm [(d) -250 (e)] TJ \
                    0 -14 Td (f) Tj q ET BT (g) Tj ET Q (h) Tj ET Q Q \
                    BT 14 TL 1 0 0 1 72 200 Tm (i) Tj T* (j) Tj ET BT (k) Tj ET";
        let (whole, one) = recorded_in_pieces(page, usize::MAX);
        assert_eq!(one, 1);
        let (pieces, many) = recorded_in_pieces(page, 1);
        assert!(many > 20, "{many}");
        assert_eq!(whole.len(), 14, "{whole:?}");
        assert_eq!(pieces, whole);
    }

    #[test]
    fn a_text_object_moved_line_by_line_is_cut_at_its_moves_and_drawn_as_whole() {
        // As pdfTeX writes a page: one text object, each line moved to by a
        // Td from the last (fractions f32 cannot hold: replayed, not summed),
        // the leading set before it and changed part way by TL and TD (a
        // replayed T* needs the leading of its time), a Tm inside, and a q
        // inside, whose Q puts back the leading (no cut until the next Tm).
        let page =
            "0.3 Tc 5 TL BT /F1 9.9626 Tf 91.925 759.927 Td (a b) Tj T* (o) Tj -0.1 -11.955 Td \
                    [(c) -333 (d)] TJ 13.549 TL T* (e) Tj 0 -13.549 Td (f) Tj T* (g) Tj \
                    2.5 -7.3 TD (h) Tj T* (i) Tj q 20 TL T* (j) Tj Q T* (k) Tj \
                    1 0 0 1 72.1 300.7 Tm (l) Tj T* (m) Tj 0 -1.1 Td (n) Tj ET";
        let (whole, one) = recorded_in_pieces(page, usize::MAX);
        assert_eq!(one, 1);
        // A page's begin and end, and 16 glyphs (a space among them).
        assert_eq!(whole.len(), 18, "{whole:?}");
        let (pieces, many) = recorded_in_pieces(page, 1);
        assert!(many > 12, "cut at the moves: {many}");
        assert_eq!(pieces, whole);
    }

    #[test]
    fn pieces_past_an_operation_lopdf_cannot_parse_are_not_drawn() {
        // lopdf stops at the array holding a keyword, without an error.
        let page = "BT /F1 9 Tf 1 0 0 1 72 700 Tm (a) Tj ET BT [(b) x] TJ ET \
                    BT 1 0 0 1 72 600 Tm (c) Tj ET BT (d) Tj ET";
        let (whole, _) = recorded_in_pieces(page, usize::MAX);
        assert_eq!(whole.len(), 3, "{whole:?}");
        let (pieces, many) = recorded_in_pieces(page, 1);
        assert!(many > 5, "{many}");
        assert_eq!(pieces, whole);
    }

    #[test]
    fn no_piece_begins_past_an_operation_lopdf_reads_as_others() {
        // lopdf reads `d0` as `d` and gives the `0` to the `Tc` after it:
        // the spacing drawn is 0, not the 0.5 a prelude would replay.
        for odd in ["1 2 d0", "1 2 1e0 Ts"] {
            let page = format!(
                "BT /F1 9 Tf 1 0 0 1 72 700 Tm (a) Tj ET {odd} 0.5 Tc \
                 BT 1 0 0 1 72 600 Tm (c c) Tj ET BT (d d) Tj ET"
            );
            let (whole, _) = recorded_in_pieces(&page, usize::MAX);
            let (pieces, many) = recorded_in_pieces(&page, 1);
            assert_eq!(many, 3, "none past {odd}");
            assert_eq!(pieces, whole, "{odd}");
        }
    }

    #[test]
    fn the_action_plan_drawn_in_pieces_draws_what_it_drew_whole() {
        let bytes = crate::source::pdf_test_file::action_plan();
        let recorded = |file_len: usize| {
            let mut doc = Document::load_mem(&bytes).unwrap();
            let mut out = crate::source::pdf_recorder::Recorder::default();
            let none = DeferredPages::none();
            draw_pages(&mut doc, &mut out, file_len, &mut none.reader(&[])).unwrap();
            out.calls
        };
        // A file's size sets its pieces' cost: 256 KiB at least.
        let mut doc = Document::load_mem(&bytes).unwrap();
        let pages = page_ids(&doc);
        let mut streams = TextStreams::new(&mut doc, &pages, 0).unwrap();
        let pieces: usize = pages
            .iter()
            .map(|&page| match streams.cut_page(&mut doc, page).unwrap() {
                Some((_, marks)) => marks.count(),
                None => 1,
            })
            .sum();
        assert!(pieces > pages.len() + 20, "{pieces} pieces");
        let whole = recorded(usize::MAX);
        assert!(whole.len() > 50_000, "{}", whole.len());
        assert!(recorded(0) == whole, "the glyphs drawn differ");
    }

    #[test]
    fn a_document_without_pages_draws_nothing() {
        let (mut doc, _, _) = document(&["unlisted"], &[], &[]);
        assert!(drawn(&mut doc).is_empty());
    }
}
