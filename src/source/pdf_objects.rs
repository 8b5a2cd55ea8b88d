//! [`ObjectReader`]: a PDF's objects read one at a time, as they are asked for.
//!
//! lopdf parses every object of a file before anything can be read, and its
//! parser counts the line breaks from the start of the file up to each object
//! it reads (nom_locate's line numbers): the Action Plan forty times over,
//! 22 MB, took 11 s to parse and 60 MB to hold. Here each object is parsed by
//! lopdf from a slice of the file that starts at it, so that reading an object
//! costs its own size, and only what is asked for is held. The slice ends
//! where the next object the table names begins (the end of the file for
//! the last): what is read of a file left on disk is an object at a time,
//! and a file read from its bytes is read the same way. An object that does
//! not parse so (a broken table placed the next inside it) is read again to
//! the end of the file, within a bound.

use std::collections::{HashMap, HashSet};

use lopdf::xref::{Xref, XrefEntry};
use lopdf::{Document, Object, ObjectId, Reader, Stream};

use super::pdf_decode::decoded_len;
use super::pdf_decryption::Decryption;
use super::pdf_file_bytes::PdfFileBytes;
use super::pdf_inflate::inflate_within;
use super::pdf_packed_objects::PackedObjects;

/// Reads objects by id from a file's bytes and its cross-reference table.
pub struct ObjectReader<'a> {
    bytes: PdfFileBytes<'a>,
    xref: &'a Xref,
    /// Where the objects the table names begin, in order: an object is read
    /// up to the next.
    starts: Vec<usize>,
    /// The objects of each object stream read, held packed.
    containers: HashMap<u32, PackedObjects>,
    /// What object streams may still inflate to, all together.
    budget: usize,
    /// Whether an object stream was left packed for the budget.
    over_budget: bool,
    /// Set when objects may be asked for again ([`ObjectReader::rereading`]).
    reread: Option<Reread>,
    /// How each object of an encrypted file is decrypted as it is read.
    decryption: Option<&'a Decryption>,
    /// The bytes objects that do not parse up to the next may still be
    /// read to the end of the file with: twice the file (a file of broken
    /// objects would otherwise read itself once for each).
    rereads_left: usize,
}

/// What a reader that may be asked for an object again keeps: the object
/// stream last unpacked, and which were charged to the budget.
#[derive(Default)]
struct Reread {
    last: Option<(u32, PackedObjects)>,
    charged: HashSet<u32>,
}

impl<'a> ObjectReader<'a> {
    /// `budget`: the bytes object streams may inflate to, all together; past
    /// it their objects are not read (a bomb hidden where no page content is).
    pub fn new(bytes: impl Into<PdfFileBytes<'a>>, xref: &'a Xref, budget: usize) -> Self {
        let mut starts: Vec<usize> = xref
            .entries
            .values()
            .filter_map(|e| match *e {
                XrefEntry::Normal { offset, .. } => Some(offset as usize),
                _ => None,
            })
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let bytes: PdfFileBytes = bytes.into();
        ObjectReader {
            rereads_left: bytes.len().saturating_mul(2),
            bytes,
            xref,
            starts,
            containers: HashMap::new(),
            budget,
            over_budget: false,
            reread: None,
            decryption: None,
        }
    }

    /// A reader that may be asked for an object more than once (a page read
    /// again when it is drawn): it holds no object stream but the last it
    /// unpacked, unpacking one again when asked (charged to the budget once).
    pub fn rereading(bytes: impl Into<PdfFileBytes<'a>>, xref: &'a Xref, budget: usize) -> Self {
        ObjectReader {
            reread: Some(Reread::default()),
            ..ObjectReader::new(bytes, xref, budget)
        }
    }

    /// The reader, decrypting each object it reads with `decryption`.
    pub fn decrypting(self, decryption: Option<&'a Decryption>) -> Self {
        ObjectReader { decryption, ..self }
    }

    /// Whether an object stream was left unread for inflating past the
    /// budget: the file is a bomb, whatever else could be read of it.
    pub fn over_budget(&self) -> bool {
        self.over_budget
    }

    /// The object `id`, or `None` where the file has none readable.
    pub fn get(&mut self, id: ObjectId) -> Option<Object> {
        match *self.xref.get(id.0)? {
            XrefEntry::Normal { offset, generation } if generation == id.1 => {
                self.parse_at(id, offset as usize, true)
            }
            XrefEntry::Compressed { container, .. } if id.1 == 0 && self.reread.is_some() => {
                self.reread_from(container, id)
            }
            XrefEntry::Compressed { container, .. } if id.1 == 0 => {
                if !self.containers.contains_key(&container) {
                    // Noted before unpacking: a container whose length is
                    // in itself (or in one that is in it) is read once, empty.
                    self.containers.insert(container, PackedObjects::default());
                    let objects = self.unpack(container).unwrap_or_default();
                    self.containers.insert(container, objects);
                }
                self.containers.get(&container)?.get(id.0)
            }
            _ => None,
        }
    }

    /// The object `id` of the object stream `container`, unpacked again
    /// unless it was the last unpacked.
    fn reread_from(&mut self, container: u32, id: ObjectId) -> Option<Object> {
        let reread = self.reread.as_mut()?;
        if reread
            .last
            .as_ref()
            .is_none_or(|(last, _)| *last != container)
        {
            // Noted before unpacking, as `get` notes it: a container whose
            // length is in itself is read once, empty.
            reread.last = Some((container, PackedObjects::default()));
            let charged = !reread.charged.insert(container);
            let objects = if charged {
                let mut free = usize::MAX;
                self.unpack_charging(container, &mut free)
            } else {
                self.unpack(container)
            };
            let reread = self.reread.as_mut()?;
            reread.last = Some((container, objects.unwrap_or_default()));
        }
        let (_, objects) = self.reread.as_ref()?.last.as_ref()?;
        objects.get(id.0)
    }

    /// Parses the object at `offset`; a stream whose /Length is a reference
    /// gets its bytes here (lopdf's own reader looks the length up in a table
    /// this slice does not have), unless it is itself a length's object.
    fn parse_at(&mut self, id: ObjectId, offset: usize, lengths: bool) -> Option<Object> {
        let mut object = self.parse_object_at(id, offset)?;
        if let Object::Stream(stream) = &mut object {
            if let (Some(start), Ok(&Object::Reference(length)), true) = (
                stream.start_position,
                stream.dict.get(b"Length"),
                stream.content.is_empty() && lengths,
            ) {
                // The content may run past the next object a broken table
                // names: it is read as far as the length says.
                let from = offset.checked_add(start)?;
                if let Some(content) = self
                    .length(length)
                    .and_then(|n| self.bytes.get(from..from.checked_add(n)?))
                {
                    stream.set_content(content.into_owned());
                }
            }
        }
        // An object packed in an object stream is not: the stream is.
        match self.decryption {
            Some(decryption) if !decryption.decrypt(id, &mut object) => None,
            _ => Some(object),
        }
    }

    /// The object `id` parsed from `offset` to where the next object
    /// begins, if that holds an `endobj`; else, or if it does not parse, to
    /// the end of the file while the bytes read so allow
    /// ([`ObjectReader::rereads_left`]): a table that places an object inside
    /// the one before cuts that one short, and lopdf reads a stream cut
    /// before its `endstream` as the dictionary before it.
    fn parse_object_at(&mut self, id: ObjectId, offset: usize) -> Option<Object> {
        let len = self.bytes.len();
        let next = self.starts.partition_point(|&s| s <= offset);
        let end = self.starts.get(next).copied().unwrap_or(len).min(len);
        let window = self.bytes.get(offset..end)?;
        let whole = end == len || memchr::memmem::rfind(&window, b"endobj").is_some();
        if whole {
            if let Some(object) = parse_object(&window, id) {
                return Some(object);
            }
        }
        let rest = len - offset;
        if end == len || rest > self.rereads_left {
            return if whole {
                None
            } else {
                parse_object(&window, id)
            };
        }
        drop(window);
        self.rereads_left -= rest;
        parse_object(&self.bytes.get(offset..len)?, id)
    }

    /// The length held by the object `id`, which is no stream.
    fn length(&mut self, id: ObjectId) -> Option<usize> {
        let object = match *self.xref.get(id.0)? {
            XrefEntry::Normal { offset, generation } if generation == id.1 => {
                self.parse_at(id, offset as usize, false)
            }
            _ => self.get(id),
        };
        usize::try_from(object?.as_i64().ok()?).ok()
    }

    /// The objects of the object stream `container`, within the budget.
    fn unpack(&mut self, container: u32) -> Option<PackedObjects> {
        let mut budget = self.budget;
        let objects = self.unpack_charging(container, &mut budget);
        self.budget = budget;
        objects
    }

    /// The objects of the object stream `container`, charged to `budget`.
    fn unpack_charging(&mut self, container: u32, budget: &mut usize) -> Option<PackedObjects> {
        // An object stream is never in an object stream.
        let XrefEntry::Normal {
            offset,
            generation: 0,
        } = *self.xref.get(container)?
        else {
            return None;
        };
        let Object::Stream(stream) = self.parse_at((container, 0), offset as usize, true)? else {
            return None;
        };
        let objects = unpack_within(stream, budget);
        self.over_budget |= objects.is_none();
        objects
    }
}

/// The objects the object stream `stream` packs (none if it is malformed),
/// if it decodes within `budget`, which is charged what it decodes to;
/// `None` past it. Flate alone is inflated once, as far as the budget goes;
/// other filters are counted first, then decoded by lopdf.
fn unpack_within(mut stream: Stream, budget: &mut usize) -> Option<PackedObjects> {
    let flate_alone = matches!(stream.dict.get(b"Filter"), Ok(Object::Name(n)) if n == b"FlateDecode")
        && stream.dict.get(b"DecodeParms").is_err();
    if flate_alone {
        stream.set_plain_content(inflate_within(&stream.content, *budget)?);
    } else if decoded_len(&stream, budget.saturating_add(1)) <= *budget {
        let _ = stream.decompress();
    } else {
        return None;
    }
    *budget = budget.checked_sub(stream.content.len())?;
    Some(PackedObjects::new(stream))
}

/// The object `id` at the start of `buffer`, parsed by lopdf; a stream
/// whose /Length is a reference is left empty, its start noted.
pub fn parse_object(buffer: &[u8], id: ObjectId) -> Option<Object> {
    let mut document = Document::new();
    document.reference_table.insert(
        id.0,
        XrefEntry::Normal {
            offset: 0,
            generation: id.1,
        },
    );
    let reader = Reader { buffer, document };
    reader.get_object(id, &mut HashSet::new()).ok()
}

#[cfg(test)]
mod tests {
    use super::super::pdf_test_file::{action_plan, pdf};
    use super::*;

    #[test]
    fn objects_read_one_at_a_time_equal_lopdfs_whole_read() {
        let bytes = action_plan();
        let whole = Document::load_mem(&bytes).unwrap();
        let mut reader = ObjectReader::new(&bytes, &whole.reference_table, usize::MAX);
        assert!(whole.objects.len() > 1000);
        for (id, object) in &whole.objects {
            // lopdf keeps an object stream as it inflated it to read it.
            if object.as_stream().is_ok_and(|s| s.dict.has_type(b"ObjStm")) {
                continue;
            }
            assert_eq!(reader.get(*id).as_ref(), Some(object), "{id:?}");
        }
        assert_eq!(reader.get((1_000_000, 0)), None);
    }

    /// `xref` with object `id` said to begin at `offset`.
    fn said_to_begin_at(xref: &mut Xref, id: u32, offset: u32) {
        let generation = 0;
        xref.insert(id, XrefEntry::Normal { offset, generation });
    }

    #[test]
    fn an_object_another_is_placed_inside_is_read_to_the_end_within_a_bound() {
        let bytes = pdf(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R >>",
        ]);
        let whole = Document::load_mem(&bytes).unwrap();
        let mut xref = whole.reference_table.clone();
        let Some(&XrefEntry::Normal { offset, .. }) = xref.get(2) else {
            panic!("object 2 is in the table");
        };
        // Object 3 said to begin in the middle of 2's /Kids.
        let inside = offset
            + bytes[offset as usize..]
                .iter()
                .position(|&b| b == b'[')
                .unwrap() as u32;
        said_to_begin_at(&mut xref, 3, inside);
        let mut reader = ObjectReader::new(&bytes, &xref, usize::MAX);
        assert_eq!(reader.get((2, 0)).as_ref(), whole.objects.get(&(2, 0)));
        assert_eq!(reader.get((3, 0)), None);
        assert!(reader.get((1, 0)).is_some());
        // Once the bound is spent, it is not read again.
        let mut reader = ObjectReader::new(&bytes, &xref, usize::MAX);
        reader.rereads_left = bytes.len() / 2;
        assert_eq!(reader.get((2, 0)), None);

        // Found by diffing the fuzz corpus: a stream cut inside its
        // `endstream` parsed, as the dictionary before it.
        let bytes = pdf(&["<< /Length 12 >>\nstream\nBT (x) Tj ET\nendstream", "7"]);
        let mut xref = Document::load_mem(&bytes).unwrap().reference_table;
        let inside = memchr::memmem::find(&bytes, b"ndstream").unwrap() as u32;
        said_to_begin_at(&mut xref, 2, inside);
        let mut reader = ObjectReader::new(&bytes, &xref, usize::MAX);
        let read = reader.get((1, 0)).unwrap();
        assert_eq!(read.as_stream().unwrap().content, b"BT (x) Tj ET");
    }

    #[test]
    fn a_length_given_by_reference_is_followed() {
        let bytes = pdf(&[
            "<< /Length 2 0 R >>\nstream\nBT (x) Tj ET\nendstream",
            "12",
            "<< /Length 3 0 R >>\nstream\nBT (y) Tj ET\nendstream",
        ]);
        let whole = Document::load_mem(&bytes).unwrap();
        let mut reader = ObjectReader::new(&bytes, &whole.reference_table, usize::MAX);
        let read = reader.get((1, 0)).unwrap();
        assert_eq!(read.as_stream().unwrap().content, b"BT (x) Tj ET");
        // A length that is a stream is no length: the stream stays empty.
        let read = reader.get((3, 0)).unwrap();
        assert!(read.as_stream().unwrap().content.is_empty());
    }

    #[test]
    fn object_streams_inflate_within_the_budget() {
        let bytes = action_plan();
        let whole = Document::load_mem(&bytes).unwrap();
        let packed = whole
            .reference_table
            .entries
            .iter()
            .find_map(|(id, e)| matches!(e, XrefEntry::Compressed { .. }).then_some((*id, 0)))
            .expect("the Action Plan packs objects in object streams");
        let mut reader = ObjectReader::new(&bytes, &whole.reference_table, 100);
        assert_eq!(reader.get(packed), None);
        assert!(reader.over_budget());
        let mut reader = ObjectReader::new(&bytes, &whole.reference_table, 1 << 20);
        assert_eq!(reader.get(packed).as_ref(), whole.objects.get(&packed));
        assert!(!reader.over_budget());
    }

    #[test]
    fn a_rereading_reader_gives_an_object_again_and_charges_its_stream_once() {
        let bytes = action_plan();
        let whole = Document::load_mem(&bytes).unwrap();
        let packed: Vec<ObjectId> = whole
            .reference_table
            .entries
            .iter()
            .filter_map(|(id, e)| matches!(e, XrefEntry::Compressed { .. }).then_some((*id, 0)))
            .collect();
        // Held packed, an object is parsed again each time it is asked for.
        let first = packed[0];
        let mut reader = ObjectReader::new(&bytes, &whole.reference_table, usize::MAX);
        for _ in 0..2 {
            assert_eq!(reader.get(first).as_ref(), whole.objects.get(&first));
        }
        // Enough budget for every object stream once, not twice.
        let mut once = ObjectReader::new(&bytes, &whole.reference_table, usize::MAX);
        packed.iter().for_each(|&id| drop(once.get(id)));
        let spent = usize::MAX - once.budget;
        let mut reader = ObjectReader::rereading(&bytes, &whole.reference_table, spent);
        for _ in 0..2 {
            for &id in &packed {
                assert_eq!(reader.get(id).as_ref(), whole.objects.get(&id), "{id:?}");
            }
        }
        assert!(!reader.over_budget());
    }

    #[test]
    fn an_object_stream_in_itself_is_not_read() {
        // Found by fuzzing: a container said to be in itself recursed until
        // the stack overflowed.
        let mut xref = Xref::new(4, lopdf::xref::XrefType::CrossReferenceStream);
        xref.insert(
            2,
            XrefEntry::Compressed {
                container: 2,
                index: 0,
            },
        );
        let mut reader = ObjectReader::new(b"%PDF-1.5\n", &xref, usize::MAX);
        assert_eq!(reader.get((2, 0)), None);

        // A container whose length is an object inside it.
        let bytes = pdf(&[
            "<< /Type /Catalog >>",
            "<< /Type /ObjStm /N 1 /First 4 /Length 3 0 R >>\nstream\n3 0 12\nendstream",
        ]);
        let whole = Document::load_mem(&bytes).unwrap();
        let mut xref = whole.reference_table;
        xref.insert(
            3,
            XrefEntry::Compressed {
                container: 2,
                index: 0,
            },
        );
        let mut reader = ObjectReader::new(&bytes, &xref, usize::MAX);
        assert_eq!(reader.get((3, 0)), None);
        assert!(reader.get((1, 0)).is_some());
    }
}
