//! A compact, monotone map between two texts: positions in a derived text
//! (extracted or folded) back to positions in the text it was made from, and
//! the other way. Stored as segments, so memory grows with the number of
//! edits, not with the length of the text.
//!
//! Every derived byte belongs to exactly one segment (segments tile the
//! derived text). Source bytes that no segment covers were dropped (gaps).
//! Both sides are monotone: a later segment never starts before an earlier
//! one ends, in either text. Lookups are binary searches, and every query
//! clamps out-of-range input instead of panicking.

use crate::varint::{get_varint, put_varint};
use std::ops::Range;

/// One stretch of the derived text. A linear segment maps byte for byte; an
/// atomic one maps its whole derived range onto its whole source range (a
/// replaced character, a collapsed run of spaces, an inserted separator).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Segment {
    pub derived: usize,
    pub source: usize,
    pub derived_len: usize,
    pub source_len: usize,
    pub linear: bool,
}

impl Segment {
    fn source_end(&self) -> usize {
        self.source + self.source_len
    }

    /// The source bytes that derived byte `k` (relative) came from.
    fn origin(&self, k: usize) -> Range<usize> {
        if self.linear {
            self.source + k..self.source + k + 1
        } else {
            self.source..self.source_end()
        }
    }

    /// How many of this segment's bytes lie wholly before source offset `a`
    /// (an inserted byte at `p` counts as before when `p <= a`).
    fn count_before(&self, a: usize) -> usize {
        if self.linear {
            a.saturating_sub(self.source).min(self.derived_len)
        } else if (self.source_len == 0 && self.source <= a)
            || (self.source_len > 0 && self.source_end() <= a)
        {
            self.derived_len
        } else {
            0
        }
    }

    /// How many of this segment's bytes have an origin starting before `b`.
    fn count_starting_before(&self, b: usize) -> usize {
        if self.linear {
            b.saturating_sub(self.source).min(self.derived_len)
        } else if self.source < b {
            self.derived_len
        } else {
            0
        }
    }
}

/// Segments per block of the encoded map: a lookup binary-searches the
/// blocks, then decodes at most this many segments.
const BLOCK: usize = 32;

/// Where a block of encoded segments starts: its byte in `bytes`, and the
/// derived and source offsets of its first segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Anchor {
    byte: usize,
    derived: usize,
    source: usize,
}

/// The map, segments stored compactly: all but the last are encoded as
/// variable-length integers (how far the segment's source start is past the
/// end of the previous one, with the linear flag; its derived length; an
/// atomic segment's source length), usually 2 to 4 bytes rather than the 40
/// of a [`Segment`]; every [`BLOCK`]th one starts a block with an anchor of
/// absolute offsets. The last segment stays decoded (`tail`), so that copies
/// merge into it and truncation cuts it.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct OffsetMap {
    bytes: Vec<u8>,
    anchors: Vec<Anchor>,
    /// Segments encoded in `bytes`.
    count: usize,
    /// Derived and source ends of the last encoded segment.
    encoded_end: (usize, usize),
    tail: Option<Segment>,
    derived_len: usize,
    source_len: usize,
}

/// Maps are equal when their segments are (however they were pushed).
impl PartialEq for OffsetMap {
    fn eq(&self, other: &Self) -> bool {
        self.derived_len == other.derived_len
            && self.source_len == other.source_len
            && self.segment_count() == other.segment_count()
            && self.iter_segments().eq(other.iter_segments())
    }
}

impl Eq for OffsetMap {}

/// Decodes the segments of one block, in order.
struct Decoder<'a> {
    bytes: &'a [u8],
    at: usize,
    end: usize,
    derived: usize,
    source: usize,
}

impl Iterator for Decoder<'_> {
    type Item = Segment;
    fn next(&mut self) -> Option<Segment> {
        if self.at >= self.end {
            return None;
        }
        let head = get_varint(self.bytes, &mut self.at);
        let linear = head & 1 == 1;
        let source = self.source + (head >> 1) as usize;
        let derived_len = get_varint(self.bytes, &mut self.at) as usize;
        let source_len = if linear {
            derived_len
        } else {
            get_varint(self.bytes, &mut self.at) as usize
        };
        let s = Segment {
            derived: self.derived,
            source,
            derived_len,
            source_len,
            linear,
        };
        self.derived += derived_len;
        self.source = source + source_len;
        Some(s)
    }
}

impl OffsetMap {
    /// An empty map, to be filled in order with [`push_linear`](Self::push_linear)
    /// and [`push_atomic`](Self::push_atomic).
    pub fn new() -> Self {
        Self::default()
    }

    /// The identity map over a text of `len` bytes.
    pub fn identity(len: usize) -> Self {
        let mut map = Self::new();
        map.push_linear(0, len);
        map.finish(len);
        map
    }

    /// Where the next segment may start in the source (segments are monotone).
    fn source_cursor(&self) -> usize {
        self.tail.map_or(self.encoded_end.1, |t| t.source_end())
    }

    /// The decoded segments of block `b`.
    fn block(&self, b: usize) -> Decoder<'_> {
        let a = self.anchors[b];
        let end = self.anchors.get(b + 1).map_or(self.bytes.len(), |n| n.byte);
        Decoder {
            bytes: &self.bytes,
            at: a.byte,
            end,
            derived: a.derived,
            source: a.source,
        }
    }

    /// Every segment, in order, decoded one at a time.
    pub fn iter_segments(&self) -> impl Iterator<Item = Segment> + '_ {
        (0..self.anchors.len())
            .flat_map(|b| self.block(b))
            .chain(self.tail)
    }

    /// Appends `s` to the encoded segments.
    fn encode(&mut self, s: Segment) {
        if self.count % BLOCK == 0 {
            self.anchors.push(Anchor {
                byte: self.bytes.len(),
                derived: s.derived,
                source: s.source,
            });
            // The anchor holds the start: the skip is counted from it.
            self.encoded_end.1 = s.source;
        }
        let skip = (s.source - self.encoded_end.1) as u64;
        put_varint(&mut self.bytes, skip << 1 | u64::from(s.linear));
        put_varint(&mut self.bytes, s.derived_len as u64);
        if !s.linear {
            put_varint(&mut self.bytes, s.source_len as u64);
        }
        self.count += 1;
        self.encoded_end = (s.derived + s.derived_len, s.source_end());
    }

    /// Makes `s` the last segment, encoding the one it follows.
    fn push_segment(&mut self, s: Segment) {
        if let Some(t) = self.tail.replace(s) {
            self.encode(t);
        }
    }

    /// Takes the last segment off the map (decoding it if need be).
    fn pop_segment(&mut self) -> Option<Segment> {
        if let Some(t) = self.tail.take() {
            return Some(t);
        }
        let b = self.anchors.len().checked_sub(1)?;
        let mut starts = Vec::with_capacity(BLOCK);
        let mut decoder = self.block(b);
        let mut segments = Vec::with_capacity(BLOCK);
        loop {
            starts.push(decoder.at);
            match decoder.next() {
                Some(s) => segments.push(s),
                None => break,
            }
        }
        let last = segments.pop()?;
        self.bytes.truncate(starts[segments.len()]);
        self.count -= 1;
        if segments.is_empty() {
            self.anchors.pop();
        }
        self.encoded_end = match segments.last() {
            Some(p) => (p.derived + p.derived_len, p.source_end()),
            None => self
                .anchors
                .len()
                .checked_sub(1)
                .and_then(|b| self.block(b).last())
                .map_or((0, 0), |p| (p.derived + p.derived_len, p.source_end())),
        };
        Some(last)
    }

    /// The last segment for which `pred` holds, `pred` being true on a prefix
    /// of the segments and false after it.
    fn last_where(&self, pred: impl Fn(&Segment) -> bool) -> Option<Segment> {
        if let Some(t) = self.tail.filter(|t| pred(t)) {
            return Some(t);
        }
        // The blocks whose first segment holds: a prefix of them.
        let (mut lo, mut hi) = (0, self.anchors.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.block(mid).next().is_some_and(|s| pred(&s)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let b = lo.checked_sub(1)?;
        self.block(b).take_while(|s| pred(s)).last()
    }

    /// Derived bytes `len` copy source bytes starting at `source` (merged with
    /// the previous segment when both continue it).
    pub fn push_linear(&mut self, source: usize, len: usize) {
        if len == 0 {
            return;
        }
        // A caller going backwards is a bug; clamp rather than corrupt the map.
        debug_assert!(
            source >= self.source_cursor(),
            "offset map must be monotone"
        );
        let source = source.max(self.source_cursor());
        self.derived_len += len;
        self.source_len = self.source_len.max(source + len);
        if let Some(last) = self.tail.as_mut() {
            if last.linear && last.source_end() == source {
                last.derived_len += len;
                last.source_len += len;
                return;
            }
        }
        self.push_segment(Segment {
            derived: self.derived_len - len,
            source,
            derived_len: len,
            source_len: len,
            linear: true,
        });
    }

    /// `derived_len` derived bytes stand for the source range as a whole.
    /// With `derived_len == 0` the source range is simply dropped (a gap).
    pub fn push_atomic(&mut self, source: Range<usize>, derived_len: usize) {
        debug_assert!(
            source.start >= self.source_cursor(),
            "offset map must be monotone"
        );
        let start = source.start.max(self.source_cursor());
        let end = source.end.max(start);
        self.source_len = self.source_len.max(end);
        if derived_len == 0 {
            return;
        }
        if derived_len == 1 && end - start == 1 {
            // One byte for one byte (a line break folded to a space) maps
            // exactly as a copy does: merged with its neighbours, so that a
            // map grows with the edits that change lengths, not with lines.
            self.push_linear(start, 1);
            return;
        }
        self.push_segment(Segment {
            derived: self.derived_len,
            source: start,
            derived_len,
            source_len: end - start,
            linear: false,
        });
        self.derived_len += derived_len;
    }

    /// Records the source length, so that source offsets up to it are valid
    /// input for [`to_derived`](Self::to_derived).
    pub fn finish(&mut self, source_len: usize) {
        self.source_len = self.source_len.max(source_len);
        self.bytes.shrink_to_fit();
        self.anchors.shrink_to_fit();
    }

    /// Cuts the derived text back to `derived_len` bytes (used to take back a
    /// block that turned out empty, or trailing whitespace). Linear segments
    /// are split; an atomic one straddling the cut is kept whole. Returns the
    /// new derived length (`derived_len`, or more if an atomic segment stayed).
    pub fn truncate(&mut self, derived_len: usize) -> usize {
        if derived_len >= self.derived_len {
            return self.derived_len;
        }
        while let Some(mut last) = self.pop_segment() {
            if last.derived >= derived_len {
                continue;
            }
            if last.linear && last.derived + last.derived_len > derived_len {
                let keep = derived_len - last.derived;
                last.derived_len = keep;
                last.source_len = keep;
            }
            self.tail = Some(last);
            break;
        }
        self.derived_len = self
            .tail
            .map_or(self.encoded_end.0, |s| s.derived + s.derived_len);
        self.derived_len
    }

    /// The segment holding derived byte `d` (`d < derived_len`).
    fn segment_at(&self, d: usize) -> Segment {
        self.last_where(|s| s.derived <= d)
            .expect("segments tile the derived text")
    }

    /// The source bytes that derived byte `d` came from.
    fn origin(&self, d: usize) -> Range<usize> {
        let s = self.segment_at(d);
        s.origin(d - s.derived)
    }

    /// A derived range to the smallest source range that produced it: from the
    /// start of its first byte's origin to the end of its last byte's origin.
    /// An empty range maps to a point: the start of the origin of the byte at
    /// that position (the end of the last origin at the very end).
    pub fn to_source(&self, derived: Range<usize>) -> Range<usize> {
        let start = derived.start.min(self.derived_len);
        let end = derived.end.clamp(start, self.derived_len);
        if start == end {
            let p = if start < self.derived_len {
                self.origin(start).start
            } else {
                self.source_cursor()
            };
            return p..p;
        }
        self.origin(start).start..self.origin(end - 1).end
    }

    /// A source range to the derived range made from it: every derived byte
    /// whose origin overlaps it (an inserted byte counts when its point lies
    /// strictly inside). Where nothing overlaps (the range was dropped, or is
    /// empty) the result is the point where the range sits in the derived text:
    /// starts snap forward past dropped bytes.
    pub fn to_derived(&self, source: Range<usize>) -> Range<usize> {
        let limit = self.source_len.max(self.source_cursor());
        let a = source.start.min(limit);
        let b = source.end.clamp(a, limit);
        let lo = self.before(a);
        if a == b {
            return lo..lo;
        }
        let hi = self.starting_before(b).max(lo);
        lo..hi
    }

    /// The number of derived bytes whose origin lies wholly before `a`.
    fn before(&self, a: usize) -> usize {
        self.last_where(|s| s.count_before(a) > 0)
            .map_or(0, |s| s.derived + s.count_before(a))
    }

    /// The number of derived bytes whose origin starts before `b`.
    fn starting_before(&self, b: usize) -> usize {
        self.last_where(|s| s.source < b)
            .map_or(0, |s| s.derived + s.count_starting_before(b))
    }

    /// The segments, decoded (for tests and diagnostics).
    pub fn segments(&self) -> Vec<Segment> {
        self.iter_segments().collect()
    }

    /// How many segments the map has.
    pub fn segment_count(&self) -> usize {
        self.count + usize::from(self.tail.is_some())
    }

    /// Bytes the map holds on the heap (for measurements).
    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity() + self.anchors.capacity() * std::mem::size_of::<Anchor>()
    }

    pub fn derived_len(&self) -> usize {
        self.derived_len
    }

    pub fn source_len(&self) -> usize {
        self.source_len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_rng::Lcg;

    /// A random edit script over a source of `len` bytes: the map it builds
    /// and, for every derived byte, the origin it must report.
    fn random_map(rng: &mut Lcg, len: usize) -> (OffsetMap, Vec<Range<usize>>) {
        let mut map = OffsetMap::new();
        let mut origins = Vec::new();
        let mut pos = 0;
        while pos < len {
            let n = 1 + rng.below(5.min(len - pos));
            match rng.below(4) {
                0 => {
                    map.push_linear(pos, n);
                    origins.extend((pos..pos + n).map(|p| p..p + 1));
                    pos += n;
                }
                1 => {
                    let d = rng.below(4);
                    map.push_atomic(pos..pos + n, d);
                    origins.extend(std::iter::repeat_n(pos..pos + n, d));
                    pos += n;
                }
                2 => {
                    let d = 1 + rng.below(3);
                    map.push_atomic(pos..pos, d);
                    origins.extend(std::iter::repeat_n(pos..pos, d));
                }
                _ => pos += n, // dropped
            }
        }
        map.finish(len);
        (map, origins)
    }

    fn brute_to_derived(origins: &[Range<usize>], a: usize, b: usize) -> Range<usize> {
        let before = |o: &Range<usize>| {
            if o.is_empty() {
                o.start <= a
            } else {
                o.end <= a
            }
        };
        let lo = origins.iter().filter(|o| before(o)).count();
        if a == b {
            return lo..lo;
        }
        let hi = origins.iter().filter(|o| o.start < b).count();
        lo..hi.max(lo)
    }

    #[test]
    fn identity_round_trips() {
        let m = OffsetMap::identity(10);
        assert_eq!(m.segments().len(), 1);
        assert_eq!(m.to_source(2..5), 2..5);
        assert_eq!(m.to_derived(2..5), 2..5);
        assert_eq!(m.to_source(7..7), 7..7);
        assert_eq!(m.to_source(10..10), 10..10);
    }

    #[test]
    fn linear_segments_merge() {
        let mut m = OffsetMap::new();
        m.push_linear(0, 3);
        m.push_linear(3, 4);
        assert_eq!(m.segments().len(), 1);
        m.push_linear(9, 1); // after a gap: a new segment
        assert_eq!(m.segments().len(), 2);
        m.push_atomic(10..13, 1);
        m.push_linear(13, 2);
        assert_eq!(m.segments().len(), 4);
        assert_eq!(m.derived_len(), 11);
        // One byte for one byte is a copy, whatever the byte.
        m.push_atomic(15..16, 1);
        m.push_linear(16, 1);
        assert_eq!(m.segments().len(), 4);
        assert_eq!(m.to_source(11..13), 15..17);
    }

    #[test]
    fn atomic_and_gaps() {
        // source "ab  XYc", derived "ab c": two spaces collapse, XY dropped.
        let mut m = OffsetMap::new();
        m.push_linear(0, 2);
        m.push_atomic(2..4, 1);
        m.push_atomic(4..6, 0);
        m.push_linear(6, 1);
        m.finish(7);
        assert_eq!(m.to_source(2..3), 2..4);
        assert_eq!(m.to_source(1..4), 1..7);
        assert_eq!(m.to_derived(4..6), 3..3, "a dropped range is a point");
        assert_eq!(m.to_derived(3..7), 2..4);
        assert_eq!(m.to_derived(5..7), 3..4);
    }

    #[test]
    fn inserted_separator_is_a_point() {
        let mut m = OffsetMap::new();
        m.push_linear(0, 3); // "abc"
        m.push_atomic(3..3, 2); // "\n\n"
        m.push_linear(5, 3); // "def" after two dropped bytes
        m.finish(8);
        assert_eq!(m.to_source(3..5), 3..3);
        assert_eq!(m.to_source(2..6), 2..6);
        assert_eq!(
            m.to_derived(0..3),
            0..3,
            "separator at the end is not included"
        );
        assert_eq!(m.to_derived(5..8), 5..8);
        assert_eq!(m.to_derived(0..8), 0..8);
    }

    #[test]
    #[allow(clippy::reversed_empty_ranges)] // backwards input is the point
    fn out_of_range_is_clamped() {
        let mut m = OffsetMap::new();
        m.push_linear(0, 4);
        m.finish(6);
        assert_eq!(m.to_source(2..100), 2..4);
        assert_eq!(m.to_source(100..200), 4..4);
        assert_eq!(m.to_source(3..1), 3..3);
        assert_eq!(m.to_derived(50..60), 4..4);
        assert_eq!(m.to_derived(5..2), 4..4);
        let empty = OffsetMap::new();
        assert_eq!(empty.to_source(0..5), 0..0);
        assert_eq!(empty.to_derived(0..5), 0..0);
    }

    #[test]
    fn truncate_splits_linear_and_keeps_atomic() {
        let mut m = OffsetMap::new();
        m.push_linear(0, 5);
        m.push_atomic(5..5, 2);
        m.push_linear(8, 4);
        m.truncate(9);
        assert_eq!(m.derived_len(), 9);
        assert_eq!(m.truncate(6), 7, "inside an atomic segment: kept whole");
        assert_eq!(m.truncate(5), 5);
        m.truncate(3);
        assert_eq!(m.derived_len(), 3);
        assert_eq!(m.to_source(0..3), 0..3);
        m.push_linear(3, 1);
        assert_eq!(m.segments().len(), 1, "merges again after truncation");
    }

    /// Many blocks, edits far apart (lengths that take several varint bytes)
    /// and truncations across blocks: lookups agree with the per-byte
    /// origins, and the map equals one pushed without the parts taken back.
    #[test]
    fn long_random_maps_with_truncation_agree_with_brute_force() {
        let mut rng = Lcg(0xb10c);
        let mut many_blocks = 0;
        for round in 0..40 {
            let mut map = OffsetMap::new();
            let mut origins: Vec<Range<usize>> = Vec::new();
            let mut pos = 0;
            let scale = if round % 4 == 0 { 300 } else { 6 };
            for _ in 0..(1000 + rng.below(1000)) {
                let n = 1 + rng.below(scale);
                match rng.below(6) {
                    0 | 1 => {
                        map.push_linear(pos, n);
                        origins.extend((pos..pos + n).map(|p| p..p + 1));
                        pos += n;
                    }
                    2 => {
                        let d = rng.below(4);
                        map.push_atomic(pos..pos + n, d);
                        origins.extend(std::iter::repeat_n(pos..pos + n, d));
                        pos += n;
                    }
                    3 => {
                        let d = 1 + rng.below(3);
                        map.push_atomic(pos..pos, d);
                        origins.extend(std::iter::repeat_n(pos..pos, d));
                    }
                    4 => pos += n,
                    _ if rng.below(3) > 0 => {}
                    _ => {
                        let cut = origins.len().saturating_sub(rng.below(4 * scale));
                        let kept = map.truncate(cut);
                        assert!(kept >= cut && kept <= origins.len());
                        origins.truncate(kept);
                        // The source goes on after what the map still holds.
                        pos = pos.max(map.source_cursor());
                    }
                }
                assert_eq!(map.derived_len(), origins.len());
            }
            map.finish(pos);
            let n = origins.len();
            if map.segment_count() > 3 * BLOCK {
                many_blocks += 1;
            }
            // The segments, pushed again one by one, make an equal map.
            let mut again = OffsetMap::new();
            for s in map.segments() {
                if s.linear {
                    again.push_linear(s.source, s.derived_len);
                } else {
                    again.push_atomic(s.source..s.source_end(), s.derived_len);
                }
            }
            again.finish(pos);
            assert_eq!(again, map);
            for _ in 0..400 {
                let s = rng.below(n + 1);
                let e = s + rng.below(n + 1 - s);
                let got = map.to_source(s..e);
                if s < e {
                    assert_eq!(got, origins[s].start..origins[e - 1].end);
                }
                let a = rng.below(pos + 1);
                let b = a + rng.below(pos + 1 - a);
                assert_eq!(
                    map.to_derived(a..b),
                    brute_to_derived(&origins, a, b),
                    "{a}..{b}"
                );
            }
            for (d, origin) in origins.iter().enumerate() {
                assert_eq!(map.origin(d), *origin);
            }
        }
        assert!(many_blocks >= 20, "{many_blocks} maps of several blocks");
    }

    #[test]
    fn varints_round_trip() {
        for v in [0, 1, 127, 128, 300, 1 << 32, u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            let mut at = 0;
            assert_eq!(get_varint(&out, &mut at), v);
            assert_eq!(at, out.len());
        }
    }

    #[test]
    fn a_large_map_is_small() {
        // A folded prose text: a curly quote (3 bytes to 1) every 50 bytes.
        let mut m = OffsetMap::new();
        let mut pos = 0;
        for _ in 0..10_000 {
            m.push_linear(pos, 50);
            m.push_atomic(pos + 50..pos + 53, 1);
            pos += 53;
        }
        m.finish(pos);
        assert_eq!(m.segment_count(), 20_000);
        assert!(m.heap_bytes() < 20_000 * 4, "{} bytes", m.heap_bytes());
        assert_eq!(
            m.to_source(51 * 9_999 + 50..51 * 9_999 + 51),
            53 * 9_999 + 50..53 * 10_000
        );
    }

    #[test]
    fn random_maps_agree_with_brute_force() {
        let mut rng = Lcg(0x5eed);
        for _ in 0..300 {
            let len = rng.below(40);
            let (map, origins) = random_map(&mut rng, len);
            assert_eq!(map.derived_len(), origins.len());
            let n = origins.len();
            // to_source against the per-byte origins, for every range.
            for s in 0..=n {
                for e in s..=n {
                    let got = map.to_source(s..e);
                    if s < e {
                        assert_eq!(got, origins[s].start..origins[e - 1].end);
                    } else {
                        assert!(got.is_empty());
                    }
                    // Round trip: the derived range is inside the image of its source.
                    if s < e {
                        let back = map.to_derived(got.clone());
                        let nonempty = origins[s..e].iter().any(|o| !o.is_empty());
                        if nonempty {
                            assert!(
                                back.start <= s && e <= back.end
                                    || origins[s].is_empty()
                                    || origins[e - 1].is_empty(),
                                "{s}..{e} -> {got:?} -> {back:?}"
                            );
                        }
                    }
                }
            }
            // to_derived against brute force, for every source range.
            for a in 0..=len {
                for b in a..=len {
                    assert_eq!(
                        map.to_derived(a..b),
                        brute_to_derived(&origins, a, b),
                        "{a}..{b}"
                    );
                }
            }
            // Monotone: points map in order both ways.
            let mut last = 0;
            for d in 0..=n {
                let p = map.to_source(d..d).start;
                assert!(p >= last);
                last = p;
            }
            let mut last = 0;
            for a in 0..=len {
                let p = map.to_derived(a..a).start;
                assert!(p >= last);
                last = p;
            }
        }
    }
}
