//! A content stream's bytes as lopdf's `get_page_content` takes them (its
//! decoded bytes, or its stored bytes where decoding fails), read a piece at
//! a time, so that a page's content is cut without being held decoded.
//!
//! Flate, all that real content streams use, is read exactly as lopdf reads
//! it. LZW, ASCII85 and PNG predictors fail in ways only the whole stream
//! tells (lopdf then takes the stored bytes, or drops the last 16 MiB LZW
//! gave): such a stream is decoded whole by lopdf if that holds no more than
//! a cap, and read a piece at a time past it, a failure ending it.

use std::io::{self, Cursor, Read};

use lopdf::filters::png::{decode_row, FilterType};
use lopdf::{Dictionary, Object, Stream};

use super::pdf_decode::{decoded_len, early_change, is_decoded, stage};

/// `stream`'s bytes as lopdf gives them to a page's content. One decoded
/// otherwise than by Flate alone is decoded whole if its stages' outputs
/// add up to no more than `whole_cap` bytes.
pub fn decoded_reader(stream: &Stream, whole_cap: usize) -> Box<dyn Read + '_> {
    let stored = || Box::new(stream.content.as_slice()) as Box<dyn Read + '_>;
    let Ok(filters) = stream.filters() else {
        return stored();
    };
    if !filters.iter().all(|f| is_decoded(f)) {
        return stored();
    }
    if filters.is_empty() {
        return Box::new(io::empty());
    }
    let params = stream
        .dict
        .get(b"DecodeParms")
        .and_then(Object::as_dict)
        .ok();
    let rows = params.and_then(PngRows::of);
    let flate_only = rows.is_none() && filters.iter().all(|&f| f == b"FlateDecode");
    if !flate_only && decoded_len(stream, whole_cap.saturating_add(1)) <= whole_cap {
        return match stream.decompressed_content() {
            Ok(bytes) => Box::new(Cursor::new(bytes)),
            Err(_) => stored(),
        };
    }
    let early_change = early_change(params);
    let mut reader = stored();
    for filter in filters {
        reader = Box::new(Forgiving(stage(filter, reader, early_change)));
        if let (Some(rows), b"FlateDecode" | b"LZWDecode") = (rows, filter) {
            reader = Box::new(Forgiving(rows.reading(reader)));
        }
    }
    reader
}

/// A stage whose failure ends it: lopdf keeps what a failing Flate stage
/// gave before it.
struct Forgiving<R>(R);

impl<R: Read> Read for Forgiving<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        Ok(self.0.read(out).unwrap_or(0))
    }
}

/// Rows a PNG predictor encoded, as lopdf decodes them.
#[derive(Clone, Copy)]
struct PngRows {
    bytes_per_pixel: usize,
    bytes_per_row: usize,
}

/// Past this a row is taken for a failure (lopdf would try to reserve it).
const MAX_ROW: usize = 1 << 24;

impl PngRows {
    /// The rows `params` describe, if they name a PNG predictor (10 to 15),
    /// read as lopdf reads them.
    fn of(params: &Dictionary) -> Option<PngRows> {
        let int =
            |key: &[u8], default: i64| params.get(key).and_then(Object::as_i64).unwrap_or(default);
        if !(10..=15).contains(&int(b"Predictor", 1)) {
            return None;
        }
        let size = |key: &[u8], least: i64| usize::try_from(int(key, least).max(least)).ok();
        let bytes_per_pixel = size(b"Colors", 1)?.checked_mul(size(b"BitsPerComponent", 8)?)? / 8;
        let bytes_per_row = bytes_per_pixel.checked_mul(size(b"Columns", 1)?)?;
        Some(PngRows {
            bytes_per_pixel,
            bytes_per_row,
        })
    }

    fn reading<'a>(self, input: Box<dyn Read + 'a>) -> Box<dyn Read + 'a> {
        Box::new(PngReader {
            input,
            rows: self,
            previous: Vec::new(),
            row: Vec::new(),
            given: 0,
        })
    }
}

struct PngReader<'a> {
    input: Box<dyn Read + 'a>,
    rows: PngRows,
    previous: Vec<u8>,
    row: Vec<u8>,
    /// How much of `row` has been given out.
    given: usize,
}

impl Read for PngReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.given == self.row.len() && !self.next_row()? {
            return Ok(0);
        }
        let n = out.len().min(self.row.len() - self.given);
        out[..n].copy_from_slice(&self.row[self.given..self.given + n]);
        self.given += n;
        Ok(n)
    }
}

impl PngReader<'_> {
    /// Decodes the next row; false at the end. A row cut short or of an
    /// unknown filter is an error, as lopdf has it.
    fn next_row(&mut self) -> io::Result<bool> {
        let failure = |why| io::Error::new(io::ErrorKind::InvalidData, why);
        let mut filter = [0u8];
        if self.input.read(&mut filter)? == 0 {
            return Ok(false);
        }
        let filter = FilterType::try_from(filter[0]).map_err(|()| failure("PNG filter"))?;
        let len = self.rows.bytes_per_row;
        if len > MAX_ROW {
            return Err(failure("PNG row"));
        }
        if self.row.len() != len {
            // The row above the first is zeros.
            self.row = vec![0; len];
        }
        std::mem::swap(&mut self.previous, &mut self.row);
        self.row.resize(len, 0);
        self.input.read_exact(&mut self.row)?;
        decode_row(
            filter,
            self.rows.bytes_per_pixel,
            &self.previous,
            &mut self.row,
        );
        self.given = 0;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::super::pdf_test_file::{ascii85, flate, lzw};
    use super::*;
    use lopdf::dictionary;

    /// What lopdf's `get_page_content` takes of `stream`.
    fn lopdf_reads(stream: &Stream) -> Vec<u8> {
        stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone())
    }

    fn read_all(stream: &Stream, whole_cap: usize) -> Vec<u8> {
        let mut out = Vec::new();
        decoded_reader(stream, whole_cap)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn with(filter: Object, params: Option<Dictionary>, content: Vec<u8>) -> Stream {
        let mut dict = dictionary! { "Filter" => filter };
        if let Some(params) = params {
            dict.set("DecodeParms", params);
        }
        Stream::new(dict, content)
    }

    fn name(n: &str) -> Object {
        Object::Name(n.as_bytes().to_vec())
    }

    /// `data` as rows of `columns` bytes, each encoded with PNG filter
    /// `Up` (2) or `Sub` (1) in turn.
    fn png(data: &[u8], columns: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut previous = vec![0u8; columns];
        for (i, row) in data.chunks(columns).enumerate() {
            let filter = 2 - (i % 2) as u8;
            out.push(filter);
            for (j, &b) in row.iter().enumerate() {
                let base = if filter == 1 {
                    if j == 0 {
                        0
                    } else {
                        row[j - 1]
                    }
                } else {
                    previous[j]
                };
                out.push(b.wrapping_sub(base));
            }
            previous = row.to_vec();
        }
        out
    }

    #[test]
    fn every_stream_reads_as_lopdf_reads_it_whole_or_in_pieces() {
        let text: Vec<u8> = b"BT /F1 9 Tf (a line) Tj ET 0 0 m 5 5 l S "
            .repeat(300)
            .into_iter()
            .take(12_000)
            .collect();
        let mut cut = flate(&text);
        cut.truncate(cut.len() / 2);
        let predicted = dictionary! { "Predictor" => 12, "Columns" => 40 };
        let cases = [
            Stream::new(dictionary! {}, text.clone()),
            with(name("FlateDecode"), None, flate(&text)),
            with(
                Object::Array(vec![name("FlateDecode"); 2]),
                None,
                flate(&flate(&text)),
            ),
            with(name("FlateDecode"), None, cut),
            with(
                name("FlateDecode"),
                Some(predicted.clone()),
                flate(&png(&text, 40)),
            ),
            with(name("LZWDecode"), None, lzw(&text, true)),
            with(name("ASCII85Decode"), None, ascii85(&text)),
            with(Object::Array(vec![]), None, text.clone()),
            with(name("DCTDecode"), None, text.clone()),
            with(Object::Integer(3), None, text.clone()),
        ];
        for stream in &cases {
            let lopdf = lopdf_reads(stream);
            assert_eq!(read_all(stream, usize::MAX), lopdf, "{:?}", stream.dict);
            assert_eq!(read_all(stream, 0), lopdf, "in pieces: {:?}", stream.dict);
        }
    }

    #[test]
    fn a_stream_failing_part_way_is_read_as_lopdf_within_the_cap_and_up_to_the_failure_past_it() {
        // 25 rows and part of one: lopdf fails on the last, and takes the
        // stored bytes.
        let text = b"BT (a row of forty bytes, give or take) Tj ET ".repeat(30);
        let params = dictionary! { "Predictor" => 12, "Columns" => 40 };
        let stream = with(
            name("FlateDecode"),
            Some(params),
            flate(&png(&text[..1010], 40)),
        );
        assert_eq!(read_all(&stream, usize::MAX), stream.content);
        assert_eq!(read_all(&stream, 0), &text[..1000]);
    }
}
