//! What decoding a stream costs, counted without holding it: lopdf decodes
//! a stream's filters in turn (Flate, LZW and ASCII85; it stops at any
//! other), each stage's output held whole, so a chain of two Flate stages
//! is a bomb of a million to one that counting the first stage misses (a
//! 2 KB PDF took 2 GB). Here each stage reads the one before as it goes.

use std::cell::Cell;
use std::io::{self, Read};

use flate2::read::ZlibDecoder;
use lopdf::{Object, Stream};
use weezl::{decode::Decoder, BitOrder, LzwStatus};

/// The bytes lopdf's decoding of `stream` allocates: the outputs of its
/// stages added up, counted no further than `cap`. A stream none of whose
/// stages lopdf decodes counts at its stored size.
pub fn decoded_len(stream: &Stream, cap: usize) -> usize {
    let Ok(filters) = stream.filters() else {
        return stream.content.len();
    };
    let params = stream.dict.get(b"DecodeParms").and_then(Object::as_dict);
    let early_change = early_change(params.ok());
    let counted = Cell::new(0usize);
    let mut reader: Box<dyn Read + '_> = Box::new(stream.content.as_slice());
    let mut stages = 0;
    for filter in filters.into_iter().take_while(|f| is_decoded(f)) {
        reader = Box::new(Counted {
            inner: stage(filter, reader, early_change),
            counted: &counted,
        });
        stages += 1;
    }
    if stages == 0 {
        return stream.content.len();
    }
    let mut buf = [0u8; 1 << 14];
    while counted.get() <= cap {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
    counted.get().min(cap)
}

/// Does lopdf decode `filter`? (It fails on a stream with any other.)
pub fn is_decoded(filter: &[u8]) -> bool {
    matches!(filter, b"FlateDecode" | b"LZWDecode" | b"ASCII85Decode")
}

/// `input` read through the decoder of `filter`, one [`is_decoded`] names
/// (any other leaves it as it is). LZW's `early_change` is lopdf's default
/// unless /DecodeParms says otherwise. A stage may fail part way: an error.
pub fn stage<'a>(
    filter: &[u8],
    input: Box<dyn Read + 'a>,
    early_change: bool,
) -> Box<dyn Read + 'a> {
    match filter {
        b"FlateDecode" => Box::new(ZlibDecoder::new(input)),
        b"LZWDecode" => Box::new(LzwReader::new(input, early_change)),
        b"ASCII85Decode" => Box::new(Ascii85Reader::new(input)),
        _ => input,
    }
}

/// lopdf's reading of /EarlyChange in `params` (an LZW stream's
/// /DecodeParms): the code width grows one code early unless it is 0.
pub fn early_change(params: Option<&lopdf::Dictionary>) -> bool {
    params
        .and_then(|p| p.get(b"EarlyChange").ok())
        .and_then(|v| v.as_i64().ok())
        .is_none_or(|v| v != 0)
}

/// A stage whose output is counted; an error ends it, as lopdf keeps what
/// a failing Flate or LZW stage gave before and decodes on.
struct Counted<'a, R> {
    inner: R,
    counted: &'a Cell<usize>,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out).unwrap_or(0);
        self.counted.set(self.counted.get().saturating_add(n));
        Ok(n)
    }
}

/// An input buffer over a reader, for the decoders below.
struct Input<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    at_end: bool,
}

impl<R: Read> Input<R> {
    fn new(inner: R) -> Self {
        Input {
            inner,
            buf: vec![0; 1 << 13],
            start: 0,
            end: 0,
            at_end: false,
        }
    }

    /// The bytes not yet consumed, read on when there are none.
    fn bytes(&mut self) -> io::Result<&[u8]> {
        if self.start == self.end && !self.at_end {
            self.start = 0;
            self.end = self.inner.read(&mut self.buf)?;
            self.at_end = self.end == 0;
        }
        Ok(&self.buf[self.start..self.end])
    }

    fn consume(&mut self, n: usize) {
        self.start += n;
    }
}

/// LZW decoded as lopdf decodes it (weezl, most significant bit first).
struct LzwReader<R> {
    input: Input<R>,
    decoder: Decoder,
    finished: bool,
}

impl<R: Read> LzwReader<R> {
    fn new(inner: R, early_change: bool) -> Self {
        let decoder = if early_change {
            Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
        } else {
            Decoder::new(BitOrder::Msb, 8)
        };
        LzwReader {
            input: Input::new(inner),
            decoder,
            finished: false,
        }
    }
}

impl<R: Read> Read for LzwReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while !self.finished && !out.is_empty() {
            let bytes = self.input.bytes()?;
            let r = self.decoder.decode_bytes(bytes, out);
            self.input.consume(r.consumed_in);
            let stuck = r.consumed_in == 0 && r.consumed_out == 0;
            if stuck || !matches!(r.status, Ok(LzwStatus::Ok | LzwStatus::NoProgress)) {
                self.finished = true;
            }
            if r.consumed_out > 0 {
                return Ok(r.consumed_out);
            }
        }
        Ok(0)
    }
}

/// ASCII85 decoded as lopdf decodes it: whitespace skipped, `z` four zero
/// bytes, a partial group padded at the end; any other byte (`~` of the
/// end marker among them) ends the data, an error ends it with nothing more.
struct Ascii85Reader<R> {
    input: Input<R>,
    group: u32,
    count: usize,
    pending: [u8; 4],
    pending_range: std::ops::Range<usize>,
    finished: bool,
}

impl<R: Read> Ascii85Reader<R> {
    fn new(inner: R) -> Self {
        Ascii85Reader {
            input: Input::new(inner),
            group: 0,
            count: 0,
            pending: [0; 4],
            pending_range: 0..0,
            finished: false,
        }
    }

    /// Adds a digit to the group; an overflow is an error.
    fn push(&mut self, digit: u8) -> Option<()> {
        self.group = self.group.checked_mul(85)?.checked_add(u32::from(digit))?;
        self.count += 1;
        Some(())
    }

    /// The last, partial group padded and given out.
    fn finish(&mut self) {
        self.finished = true;
        let count = self.count;
        if count == 0 {
            return;
        }
        for _ in count..5 {
            if self.push(84).is_none() {
                return;
            }
        }
        self.pending = self.group.to_be_bytes();
        self.pending_range = 0..count - 1;
    }
}

impl<R: Read> Read for Ascii85Reader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            if !self.pending_range.is_empty() {
                let n = self.pending_range.len().min(out.len());
                let from = self.pending_range.start;
                out[..n].copy_from_slice(&self.pending[from..from + n]);
                self.pending_range.start += n;
                return Ok(n);
            }
            if self.finished {
                return Ok(0);
            }
            let Some(&ch) = self.input.bytes()?.first() else {
                self.finish();
                continue;
            };
            self.input.consume(1);
            match ch {
                b'z' if self.count == 0 => {
                    self.pending = [0; 4];
                    self.pending_range = 0..4;
                }
                b'z' => self.finished = true,
                c if c.is_ascii_whitespace() => {}
                b'!'..=b'u' => {
                    if self.push(ch - b'!').is_none() {
                        self.finished = true;
                    } else if self.count == 5 {
                        self.pending = self.group.to_be_bytes();
                        self.pending_range = 0..4;
                        (self.group, self.count) = (0, 0);
                    }
                }
                _ => self.finish(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pdf_test_file::{ascii85, flate, lzw};
    use super::*;
    use lopdf::{dictionary, Dictionary};
    use std::io::Write;

    fn stream(filters: &[&str], content: Vec<u8>, params: Option<Dictionary>) -> Stream {
        let names = filters.iter().map(|f| Object::Name(f.as_bytes().to_vec()));
        let mut dict = dictionary! { "Filter" => Object::Array(names.collect()) };
        if let Some(params) = params {
            dict.set("DecodeParms", params);
        }
        Stream::new(dict, content)
    }

    /// What lopdf's decoding of `stream` gives, stage by stage.
    fn lopdf_stages(stream: &Stream) -> Vec<usize> {
        let filters = stream.filters().unwrap();
        (1..=filters.len())
            .map(|n| {
                let mut s = stream.clone();
                let first: Vec<Object> = filters[..n]
                    .iter()
                    .map(|f| Object::Name(f.to_vec()))
                    .collect();
                s.dict.set("Filter", Object::Array(first));
                s.decompressed_content().unwrap().len()
            })
            .collect()
    }

    fn text(n: usize) -> Vec<u8> {
        let words = b"the export program of the full stack ";
        (0..n)
            .map(|i| words[(i * 7 + i / 13) % words.len()])
            .collect()
    }

    #[test]
    fn each_filter_counts_what_lopdf_decodes() {
        let data = text(100_000);
        let cases = [
            stream(&["FlateDecode"], flate(&data), None),
            stream(&["LZWDecode"], lzw(&data, true), None),
            stream(
                &["LZWDecode"],
                lzw(&data, false),
                Some(dictionary! { "EarlyChange" => 0 }),
            ),
            stream(&["ASCII85Decode"], ascii85(&data), None),
            stream(
                &["ASCII85Decode", "FlateDecode"],
                ascii85(&flate(&data)),
                None,
            ),
            stream(&["FlateDecode", "FlateDecode"], flate(&flate(&data)), None),
            stream(
                &["FlateDecode", "LZWDecode"],
                flate(&lzw(&data, true)),
                None,
            ),
        ];
        for s in cases {
            let stages = lopdf_stages(&s);
            assert_eq!(stages.last(), Some(&data.len()), "{:?}", s.dict);
            let sum: usize = stages.iter().sum();
            assert_eq!(decoded_len(&s, usize::MAX), sum, "{:?}", s.dict);
            // Counted no further than the cap.
            assert_eq!(decoded_len(&s, 1000), 1000);
        }
        let zeros = stream(&["ASCII85Decode"], ascii85(&[0, 0, 0, 0, 1, 2, 3]), None);
        assert_eq!(ascii85(&[0, 0, 0, 0, 1, 2, 3])[0], b'z');
        assert_eq!(decoded_len(&zeros, usize::MAX), 7);
    }

    #[test]
    fn a_chain_of_two_flate_stages_counts_the_second() {
        // 200 MB of spaces in a few hundred bytes: counting the first stage
        // alone saw some 200 KB.
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        for _ in 0..200 {
            z.write_all(&[b' '; 1 << 20]).unwrap();
        }
        let once = z.finish().unwrap();
        let twice = flate(&once);
        assert!(twice.len() < 2_000, "{} bytes", twice.len());
        let s = stream(&["FlateDecode", "FlateDecode"], twice, None);
        assert_eq!(decoded_len(&s, 1 << 24), 1 << 24);
        assert!(decoded_len(&s, usize::MAX) > 200 << 20);
    }

    #[test]
    fn a_stage_lopdf_does_not_decode_ends_the_count() {
        let data = text(10_000);
        let s = stream(&["ASCII85Decode", "DCTDecode"], ascii85(&data), None);
        assert_eq!(decoded_len(&s, usize::MAX), data.len());
        let s = stream(&["RunLengthDecode"], data.clone(), None);
        assert_eq!(decoded_len(&s, usize::MAX), data.len());
        let s = Stream::new(dictionary! { "Filter" => 3 }, data.clone());
        assert_eq!(decoded_len(&s, usize::MAX), data.len());
    }

    #[test]
    fn broken_streams_count_what_lopdf_keeps_of_them() {
        let data = text(50_000);
        let mut cut = flate(&data);
        cut.truncate(cut.len() / 2);
        let mut lzw_cut = lzw(&data, true);
        lzw_cut.truncate(lzw_cut.len() / 2);
        for s in [
            stream(&["FlateDecode"], cut, None),
            stream(&["LZWDecode"], lzw_cut, None),
            stream(&["ASCII85Decode"], b"87cURD]i,\"Ebo80~>".to_vec(), None),
            stream(&["ASCII85Decode"], b"87cUR v~> more".to_vec(), None),
            stream(&["ASCII85Decode"], b"87cU".to_vec(), None),
        ] {
            let lopdf = s.decompressed_content().unwrap().len();
            assert_eq!(decoded_len(&s, usize::MAX), lopdf, "{:?}", s.content);
        }
        // lopdf fails on these; what was decoded before counts.
        let z_inside = stream(&["ASCII85Decode"], b"87cUR87z".to_vec(), None);
        assert!(z_inside.decompressed_content().is_err());
        assert_eq!(decoded_len(&z_inside, usize::MAX), 4);
        let overflow = stream(&["ASCII85Decode"], b"uuuuu".to_vec(), None);
        assert!(overflow.decompressed_content().is_err());
        assert_eq!(decoded_len(&overflow, usize::MAX), 0);
    }

    #[test]
    fn arbitrary_bytes_count_as_lopdf_decodes_them() {
        let mut rng = crate::test_rng::Lcg(7);
        for _ in 0..300 {
            let len = rng.below(400);
            let bytes: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
            let a85: Vec<u8> = bytes.iter().map(|b| b'!' + b % 90).collect();
            for s in [
                stream(&["FlateDecode"], bytes.clone(), None),
                stream(&["ASCII85Decode"], a85, None),
            ] {
                if let Ok(out) = s.decompressed_content() {
                    assert_eq!(decoded_len(&s, usize::MAX), out.len(), "{:?}", s.dict);
                }
            }
            // weezl drops the last chunk it decoded before an invalid code,
            // which was held all the same: never less is counted.
            let s = stream(&["LZWDecode"], bytes.clone(), None);
            let out = s.decompressed_content().unwrap();
            assert!(decoded_len(&s, usize::MAX) >= out.len(), "{bytes:?}");
        }
    }
}
