//! [`PackedObjects`]: the objects of an object stream, parsed one at a time,
//! as they are asked for.
//!
//! lopdf's `ObjectStream::new` parses every object of the stream at once,
//! and a parsed object holds some 50 times its text (an array item is an
//! `Object` of 120 bytes, its vector grown by doubling): a 140 KB
//! specification held 1 MB of fonts' `/Widths` while its catalog was read,
//! most of it never asked for. Here the stream is held decoded, and an object
//! is parsed, by lopdf, from its own bytes when it is asked for.

use lopdf::{dictionary, Object, ObjectId, ObjectStream, Stream};

/// An object stream's decoded bytes and where each object begins in them.
#[derive(Debug, Default)]
pub struct PackedObjects {
    content: Vec<u8>,
    /// Each object's number and where it begins in `content`, by number;
    /// of a number listed twice, the last (as lopdf keeps it).
    at: Vec<(u32, usize)>,
    /// Where the objects begin, in order, without repeats: an object is
    /// read up to the next.
    starts: Vec<usize>,
}

impl PackedObjects {
    /// The objects `stream` (decoded) packs, as lopdf's `ObjectStream::new`
    /// reads its index: none if `/First` is not a number within it, or the
    /// index is not UTF-8; a pair with a part that is no `u32`, or that
    /// begins past the end, is skipped.
    pub fn new(mut stream: Stream) -> Self {
        let _ = stream.decompress();
        let first = stream
            .dict
            .get(b"First")
            .and_then(Object::as_i64)
            .ok()
            .and_then(|n| usize::try_from(n).ok());
        let index = first
            .and_then(|first| stream.content.get(..first))
            .and_then(|index| std::str::from_utf8(index).ok());
        let (Some(first), Some(index)) = (first, index) else {
            return PackedObjects::default();
        };
        let numbers: Vec<Option<u32>> = index
            .split_whitespace()
            .map(|n| n.parse::<u32>().ok())
            .collect();
        let len = stream.content.len();
        let mut at: Vec<(u32, usize)> = numbers
            .chunks_exact(2)
            .filter_map(|pair| {
                let offset = first.checked_add(usize::try_from(pair[1]?).ok()?)?;
                (offset < len).then_some((pair[0]?, offset))
            })
            .collect();
        let mut starts: Vec<usize> = at.iter().map(|&(_, offset)| offset).collect();
        starts.sort_unstable();
        starts.dedup();
        // Stable: of equal numbers, the last listed stays last, and is kept.
        at.sort_by_key(|&(id, _)| id);
        at.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                *earlier = *later;
            }
            same
        });
        at.shrink_to_fit();
        stream.content.shrink_to_fit();
        PackedObjects {
            content: stream.content,
            at,
            starts,
        }
    }

    /// The object numbered `id`, parsed by lopdf from where it begins up to
    /// where the next object begins (the end of the stream for the last).
    pub fn get(&self, id: u32) -> Option<Object> {
        let i = self.at.binary_search_by_key(&id, |&(n, _)| n).ok()?;
        let start = self.at[i].1;
        let next = self.starts.partition_point(|&s| s <= start);
        let end = self.starts.get(next).copied().unwrap_or(self.content.len());
        let index = format!("{id} 0 ");
        let mut one = Stream::new(
            dictionary! { "N" => 1, "First" => index.len() as i64 },
            [index.as_bytes(), &self.content[start..end]].concat(),
        );
        let object: ObjectId = (id, 0);
        ObjectStream::new(&mut one).ok()?.objects.remove(&object)
    }

    /// How many objects it packs.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.at.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packed_in(first: i64, content: &str) -> PackedObjects {
        PackedObjects::new(Stream::new(
            dictionary! { "Type" => "ObjStm", "N" => 3, "First" => first },
            content.as_bytes().to_vec(),
        ))
    }

    /// What lopdf's `ObjectStream::new` reads of the same stream.
    fn lopdf_reads(first: i64, content: &str) -> Vec<(ObjectId, Object)> {
        let mut stream = Stream::new(
            dictionary! { "Type" => "ObjStm", "N" => 3, "First" => first },
            content.as_bytes().to_vec(),
        );
        ObjectStream::new(&mut stream)
            .map(|s| s.objects.into_iter().collect())
            .unwrap_or_default()
    }

    fn all(packed: &PackedObjects, ids: &[u32]) -> Vec<(ObjectId, Object)> {
        ids.iter()
            .filter_map(|&id| Some(((id, 0), packed.get(id)?)))
            .collect()
    }

    #[test]
    fn each_object_is_read_as_lopdf_reads_the_stream_whole() {
        let objects = [
            "<< /Type /Font /W [1 2 3] >>",
            "[(a) 4 0 R /N 2.5]",
            "<< /K 8 0 R >>",
        ];
        let mut index = String::new();
        let mut offset = 0;
        for (id, object) in (7..).zip(objects) {
            index.push_str(&format!("{id} {offset} "));
            offset += object.len();
        }
        let content = format!("{index}{}", objects.concat());
        let first = index.len() as i64;
        let packed = packed_in(first, &content);
        let whole = lopdf_reads(first, &content);
        assert_eq!(whole.len(), 3);
        assert_eq!(all(&packed, &[7, 8, 9]), whole);
        assert_eq!(packed.get(7), packed.get(7), "read again, the same");
        assert_eq!(packed.get(10), None);
    }

    #[test]
    fn a_number_listed_twice_is_the_last_listed_as_with_lopdf() {
        let content = "5 0 5 4 6 8 (a) (b) (c)";
        let packed = packed_in(12, content);
        assert_eq!(packed.len(), 2);
        assert_eq!(all(&packed, &[5, 6]), lopdf_reads(12, content));
        assert_eq!(packed.get(5), Some(Object::string_literal("b")));
    }

    #[test]
    fn index_entries_lopdf_skips_are_skipped() {
        // A pair past the end, a pair with no number, an odd number out.
        let content = "1 0 2 999 x 3 4 6 5 (one) 2";
        let packed = packed_in(20, content);
        assert_eq!(all(&packed, &[1, 2, 3, 4, 5]), lopdf_reads(20, content));
        assert_eq!(packed.len(), 2);
        for first in [-1, 1000] {
            assert_eq!(packed_in(first, content).len(), 0);
        }
        let not_utf8 = PackedObjects::new(Stream::new(
            dictionary! { "First" => 4 },
            b"1 \xff (a)".to_vec(),
        ));
        assert_eq!(not_utf8.len(), 0);
    }

    #[test]
    fn an_object_ends_where_the_next_begins() {
        // lopdf, reading the stream whole, would read `12` as the start
        // of `12 0 R`; the index says 13 begins at the `0`.
        let content = "12 0 13 3 12 0 R";
        let packed = packed_in(10, content);
        assert_eq!(packed.get(12), Some(Object::Integer(12)));
        assert_eq!(packed.get(13), Some(Object::Integer(0)));
    }
}
