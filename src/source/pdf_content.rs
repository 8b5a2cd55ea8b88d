//! A content stream cut down to the operations that can place text.
//!
//! pdf-extract parses a page's whole content into operations before it draws
//! a glyph, some 600 bytes an operation: the Action Plan's cover, 240 KB of
//! vector art, became 8 MB. Paths, clips, colours, line styles, marked
//! content and images never move or choose text, so they are left out before
//! it parses; what is kept is copied byte for byte, so the text drawn is the
//! same. Inline images go too: lopdf cannot parse most of them and gave up on
//! the whole page.
//!
//! A stream may be read a piece at a time ([`text_operations_in`]): what is
//! read of it is the same however it is cut, so that a page is never held
//! decoded whole ([`super::pdf_content_cutter`]).

/// Operators that draw or style paths and images, set colours or mark
/// content: nothing pdf-extract gives citecheck depends on them.
/// (Path construction and painting, clipping, shading; line style and
/// rendering intent; colour; marked content.)
const DROPPED: &[&[u8]] = &[
    b"m", b"l", b"c", b"v", b"y", b"h", b"re", b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b",
    b"b*", b"n", b"W", b"W*", b"sh", b"w", b"J", b"j", b"M", b"d", b"ri", b"i", b"CS", b"cs",
    b"SC", b"SCN", b"sc", b"scn", b"G", b"g", b"RG", b"rg", b"K", b"k", b"BMC", b"BDC", b"EMC",
    b"MP", b"DP",
];

use super::pdf_parse_cost::ParseCost;
use super::pdf_piece_marks::PieceMarks;

/// Is `op` one of the operators left out?
pub fn is_dropped(op: &[u8]) -> bool {
    DROPPED.contains(&op)
}

/// The operations of `content` that can place text, each on a line of its
/// own, in their order; an XObject drawn with `Do` that `left_out` names (an
/// image, or nothing a form could be read from) and inline images are left
/// out. `None` when the stream cannot be read as
/// tokens (an unterminated string, a stray `)`): it is then used as it is.
/// What the operations kept will cost lopdf to parse is added to `cost`.
#[cfg(any(test, fuzzing))]
pub fn text_operations(
    content: &[u8],
    left_out: &dyn Fn(&[u8]) -> bool,
    cost: &mut ParseCost,
) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    text_operations_in(content, true, left_out, &mut out, cost, None)?;
    Some(out)
}

/// [`text_operations`] of `bytes`, added to `out`, where `bytes` may be only
/// the start of the stream (`last` false): an operation, or a comment, that
/// may go on past them is left unread. How many bytes were read (all, when
/// `last`); `None` when they are no tokens, whatever may follow. Each
/// operation kept is shown to `marks`, if given, before it is added.
pub fn text_operations_in(
    bytes: &[u8],
    last: bool,
    left_out: &dyn Fn(&[u8]) -> bool,
    out: &mut Vec<u8>,
    cost: &mut ParseCost,
    mut marks: Option<&mut PieceMarks>,
) -> Option<usize> {
    let mut lexer = Lexer {
        bytes,
        at: 0,
        token: 0,
        last,
        broken: false,
        open_comment: false,
        unlike_lopdf: false,
    };
    // Where the operation being read begins: its first token.
    let mut start: Option<usize> = None;
    // Where the last operation read ends.
    let mut done = 0;
    // Nesting of arrays and dictionaries: a keyword inside is an operand.
    let mut depth = 0usize;
    // The operation's first operand, when it is a name (what `Do` draws).
    let mut operands = 0usize;
    // Every operand of the operation, an array's items included.
    let mut items = 0usize;
    let mut first_name: Option<&[u8]> = None;
    loop {
        let token = match lexer.next() {
            Some(Some(token)) => token,
            Some(None) if start.is_none() && !lexer.open_comment => return Some(bytes.len()),
            Some(None) => break,
            None => {
                lexer.ran_out()?;
                break;
            }
        };
        let first = *start.get_or_insert(lexer.token);
        if depth == 0 && !matches!(token, Token::Keyword(_) | Token::Close) {
            if operands == 0 {
                if let Token::Name(name) = token {
                    first_name = Some(name);
                }
            }
            operands += 1;
        }
        let item = match token {
            Token::Close => false,
            Token::Keyword(_) => depth > 0,
            _ => true,
        };
        items += usize::from(item);
        match token {
            Token::Open => depth += 1,
            Token::Close => depth = depth.checked_sub(1)?,
            Token::Name(_) | Token::Operand => {}
            Token::Keyword(_) if depth > 0 => {}
            Token::Keyword(op) => {
                let keep = match op {
                    b"BI" => {
                        if lexer.skip_inline_image().is_none() {
                            lexer.ran_out()?;
                            break;
                        }
                        false
                    }
                    b"Do" => !first_name.is_some_and(left_out),
                    _ => !is_dropped(op),
                };
                if keep {
                    let operation = &bytes[first..lexer.at];
                    if let Some(marks) = marks.as_deref_mut() {
                        if lexer.unlike_lopdf || !op.iter().all(|&b| is_lopdf_operator(b)) {
                            marks.no_more_cuts();
                        }
                        marks.kept(op, operation, out.len(), cost.bytes());
                    }
                    out.extend_from_slice(operation);
                    out.push(b'\n');
                    cost.operation();
                    cost.operands(items);
                    cost.kept(lexer.at - first + 1);
                }
                start = None;
                lexer.unlike_lopdf = false;
                done = lexer.at;
                operands = 0;
                items = 0;
                first_name = None;
            }
        }
    }
    // At the end of the stream an operation without its operator is dropped.
    Some(if last { bytes.len() } else { done })
}

enum Token<'a> {
    /// `[` or `<<`.
    Open,
    /// `]` or `>>`.
    Close,
    /// A name, without its `/`.
    Name(&'a [u8]),
    /// A number, string, `true`, `false`, `null`, `{` or `}`.
    Operand,
    /// An operator (or a keyword inside an array or dictionary).
    Keyword(&'a [u8]),
}

struct Lexer<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Where the last token read begins.
    token: usize,
    /// Do the bytes end the stream? If not, a token that reaches their end
    /// may go on past it, and is not read.
    last: bool,
    /// Set where the bytes are no tokens whatever follows them.
    broken: bool,
    /// Did the bytes end inside a comment?
    open_comment: bool,
    /// Set where the operation being read has tokens lopdf splits otherwise
    /// (see [`is_lopdf_operator`]).
    unlike_lopdf: bool,
}

/// Can `b` be in an operator as lopdf reads one? It reads `d0` as the
/// operator `d` and an operand of the next operation, `1e5` as the operand
/// `1` and the operator `e`: operations it reads otherwise than here.
fn is_lopdf_operator(b: u8) -> bool {
    b.is_ascii_alphabetic() || matches!(b, b'*' | b'\'' | b'"')
}

fn is_white(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

impl<'a> Lexer<'a> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    fn regular_run(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.peek(0).is_some_and(is_regular) {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    /// Where the bytes are no tokens, whether only for want of what follows
    /// them (`Some`: read on) or whatever follows (`None`).
    fn ran_out(&self) -> Option<()> {
        (!self.last && !self.broken).then_some(())
    }

    /// A regular run that reaches the end of bytes that are not the last may
    /// go on past them: it is not read (`None`).
    fn whole_run(&mut self) -> Option<&'a [u8]> {
        let run = self.regular_run();
        (self.last || self.at < self.bytes.len()).then_some(run)
    }

    /// The next token; `Some(None)` at the end, `None` where the bytes are no
    /// tokens (see [`Lexer::ran_out`]).
    fn next(&mut self) -> Option<Option<Token<'a>>> {
        loop {
            match self.peek(0) {
                None => return Some(None),
                Some(b) if is_white(b) => {
                    // lopdf's white space between operands is only these.
                    self.unlike_lopdf |= !matches!(b, b' ' | b'\t' | b'\r' | b'\n');
                    self.at += 1;
                }
                Some(b'%') => {
                    while self.peek(0).is_some_and(|b| b != b'\n' && b != b'\r') {
                        self.at += 1;
                    }
                    self.open_comment = self.peek(0).is_none();
                }
                Some(_) => break,
            }
        }
        self.token = self.at;
        let b = self.peek(0)?;
        self.at += 1;
        let token = match b {
            b'(' => {
                self.skip_string()?;
                Token::Operand
            }
            b'<' if self.peek(0) == Some(b'<') => {
                self.at += 1;
                Token::Open
            }
            b'<' => {
                let end = self.bytes[self.at..].iter().position(|&b| b == b'>')?;
                self.at += end + 1;
                Token::Operand
            }
            b'>' if self.peek(0) == Some(b'>') => {
                self.at += 1;
                Token::Close
            }
            b'[' => Token::Open,
            b']' => Token::Close,
            b'{' | b'}' => Token::Operand,
            b'/' => Token::Name(self.whole_run()?),
            b')' | b'>' => {
                // A `>` that ends the bytes may be the first of `>>`.
                self.broken = b == b')' || self.at < self.bytes.len();
                return None;
            }
            _ => {
                self.at -= 1;
                let word = self.whole_run()?;
                match word {
                    b"true" | b"false" | b"null" => Token::Operand,
                    _ if matches!(word[0], b'0'..=b'9' | b'+' | b'-' | b'.') => {
                        self.unlike_lopdf |= word.iter().any(|&b| is_lopdf_operator(b));
                        Token::Operand
                    }
                    _ => Token::Keyword(word),
                }
            }
        };
        Some(Some(token))
    }

    /// Past a literal string's closing `)` (its opening one read).
    fn skip_string(&mut self) -> Option<()> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.peek(0)? {
                b'\\' => self.at += 1,
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
            self.at += 1;
        }
        Some(())
    }

    /// Past an inline image's `EI` (its `BI` read): the dictionary up to
    /// `ID`, then data up to `EI` between white space (the data has no
    /// length to trust: its filters decide it).
    fn skip_inline_image(&mut self) -> Option<()> {
        loop {
            if let Token::Keyword(b"ID") = self.next()?? {
                break;
            }
        }
        // The one white-space byte after `ID` (there may be none).
        self.at = (self.at + 1).min(self.bytes.len());
        let data = &self.bytes[self.at..];
        let end = (0..data.len()).find(|&i| {
            data[i..].starts_with(b"EI")
                && (i == 0 || is_white(data[i - 1]))
                && data.get(i + 2).is_none_or(|&b| !is_regular(b))
        })?;
        // `EI` at the end of bytes not the last may be the start of a word.
        if !self.last && end + 2 == data.len() {
            return None;
        }
        self.at += end + 2;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(content: impl AsRef<[u8]>) -> Option<String> {
        let is_image = |name: &[u8]| name.starts_with(b"Im");
        text_operations(content.as_ref(), &is_image, &mut ParseCost::default())
            .map(|b| String::from_utf8(b).unwrap())
    }

    #[test]
    fn paths_colours_and_marks_go_text_stays() {
        let content = "q 0.2 0.4 0.6 rg 10 20 m 30 40 l 1 2 3 4 5 6 c h f Q\n\
                       /P <</MCID 3>> BDC BT /F1 11 Tf 72 700 Td [(Hel) -20 (lo)] TJ ET EMC\n\
                       0 0 10 10 re W n";
        assert_eq!(
            kept(content).unwrap(),
            "q\nQ\nBT\n/F1 11 Tf\n72 700 Td\n[(Hel) -20 (lo)] TJ\nET\n"
        );
    }

    #[test]
    fn strings_keep_their_parentheses_brackets_and_keywords() {
        let content = r"BT (a \) ( nested (m) l ) [x] re) Tj <414243> Tj (\\) ' ET";
        assert_eq!(
            kept(content).unwrap(),
            "BT\n(a \\) ( nested (m) l ) [x] re) Tj\n<414243> Tj\n(\\\\) '\nET\n"
        );
    }

    #[test]
    fn comments_go_even_when_they_hold_operators() {
        let content = "% BT (x) Tj ET\nBT (y) Tj ET %) stray\n";
        assert_eq!(kept(content).unwrap(), "BT\n(y) Tj\nET\n");
    }

    #[test]
    fn images_go_forms_stay() {
        let content = "q 50 0 0 50 0 0 cm /Im1 Do Q /Fm1 Do";
        assert_eq!(kept(content).unwrap(), "q\n50 0 0 50 0 0 cm\nQ\n/Fm1 Do\n");
        // What `Do` draws is its first operand (found by fuzzing: a name in
        // an array after it was taken for it).
        assert_eq!(kept("true [/Im1] Do").unwrap(), "true [/Im1] Do\n");
    }

    #[test]
    fn an_inline_image_goes_whatever_its_data_holds() {
        let content = b"BT (a) Tj ET BI /W 2 /H 2 /F /Fl ID \x00)(EI]>>\xffEIx EI\nBT (b) Tj ET";
        assert_eq!(kept(content).unwrap(), "BT\n(a) Tj\nET\nBT\n(b) Tj\nET\n");
    }

    #[test]
    fn a_keyword_inside_an_array_or_dictionary_is_an_operand() {
        let content = "/Span <</ActualText (x) /Alt [/m true]>> BDC BT [(a) 5 (b)] TJ ET";
        assert_eq!(kept(content).unwrap(), "BT\n[(a) 5 (b)] TJ\nET\n");
    }

    #[test]
    fn what_is_no_tokens_is_left_as_it_is() {
        for bad in [
            "BT (open Tj ET",
            "BT a) Tj",
            "]",
            "<4142",
            "BI /W 1 ID xx",
            "BI /W 1 ID",
            "x >",
        ] {
            assert_eq!(kept(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn what_is_kept_is_costed_by_its_operations_and_every_operand() {
        let mut cost = ParseCost::default();
        let content = "q 1 0 0 1 0 0 cm BT [(a) 5 (b)] TJ ET 0 0 m 5 5 l S /Im1 Do";
        let kept = text_operations(content.as_bytes(), &|n| n == b"Im1", &mut cost).unwrap();
        // q, cm and its 6 operands, BT, TJ and its array of 3, ET, and the
        // bytes kept; the path and the image are left out and cost nothing.
        let mut expected = ParseCost::default();
        for _ in 0..5 {
            expected.operation();
        }
        expected.operands(6 + 1 + 3);
        expected.kept(kept.len());
        assert_eq!(cost, expected);
    }

    #[test]
    fn kept_operations_read_as_they_did() {
        let content = b"BT /F1 9 Tf 1 0 0 1 72 700 Tm (One) Tj T* [(Tw)30(o)] TJ 2 Tc (x) \" ET";
        let kept = text_operations(content, &|_| false, &mut ParseCost::default()).unwrap();
        let ops = |c: &[u8]| lopdf::content::Content::decode(c).unwrap().operations;
        assert_eq!(format!("{:?}", ops(content)), format!("{:?}", ops(&kept)));
    }

    /// `content` read in pieces ending at `cuts`, as a page's decoded
    /// streams are: each time, what was left unread with the next piece.
    fn in_pieces(content: &[u8], cuts: &[usize]) -> (Option<Vec<u8>>, ParseCost) {
        let is_image = |name: &[u8]| name.starts_with(b"Im");
        let (mut out, mut cost, mut unread) = (Vec::new(), ParseCost::default(), 0);
        for &cut in cuts {
            let bytes = &content[unread..cut];
            match text_operations_in(bytes, false, &is_image, &mut out, &mut cost, None) {
                Some(read) => unread += read,
                None => return (None, cost),
            }
        }
        let rest = &content[unread..];
        let whole = text_operations_in(rest, true, &is_image, &mut out, &mut cost, None);
        (whole.map(|_| out), cost)
    }

    #[test]
    fn a_stream_read_in_pieces_reads_as_it_does_whole() {
        // Every token and its ends: strings with escapes and parentheses,
        // `<`, `>`, `<<`, `>>`, comments ended by \r or \n, inline images.
        const PARTS: &[&str] = &[
            "BT", "ET", " ", "\n", "\r", "Tj", "TJ", "T*", "Do", "/Im1", "/F1", "12", "-3.5",
            "(a)", "(b\\)c)", "(d(e)f)", "(\\\\)", "(", ")", "[", "]", "<<", ">>", "<41>", "<",
            ">", "%c\n", "%c\r", "%", "BI", "ID", " \x00 ", "EI", "EIx", "m", "re", "true",
        ];
        let mut rng = crate::test_rng::Lcg(11);
        for case in 0..3000 {
            let n = rng.below(40);
            let content: Vec<u8> = (0..n)
                .flat_map(|_| {
                    let part = PARTS[rng.below(PARTS.len())].as_bytes();
                    let space = if rng.below(3) == 0 { &b""[..] } else { b" " };
                    [part, space].concat()
                })
                .collect();
            let mut whole_cost = ParseCost::default();
            let is_image = |name: &[u8]| name.starts_with(b"Im");
            let whole = text_operations(&content, &is_image, &mut whole_cost);
            let mut cuts: Vec<usize> = (0..rng.below(6))
                .map(|_| rng.below(content.len() + 1))
                .collect();
            cuts.sort_unstable();
            let (pieces, cost) = in_pieces(&content, &cuts);
            let shown = String::from_utf8_lossy(&content);
            assert_eq!(pieces, whole, "case {case}: {shown:?} cut at {cuts:?}");
            if whole.is_some() {
                assert_eq!(cost, whole_cost, "case {case}: {shown:?} cut at {cuts:?}");
            }
        }
        // One byte at a time.
        let content = b"BT (x\\)) Tj %c\r[<41> 2] TJ BI /W 1 ID \x00EIx EI ET";
        let cuts: Vec<usize> = (0..content.len()).collect();
        assert_eq!(
            in_pieces(content, &cuts).0,
            text_operations(content, &|_| false, &mut ParseCost::default())
        );
    }
}
