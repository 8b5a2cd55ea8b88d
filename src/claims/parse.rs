//! The nom grammar of claims files.
//!
//! Parsing runs in two stages. The syntax stage reads statements one line at
//! a time (raw blocks may span lines) and stops at the first fault. The
//! semantic stage then assembles the [`ClaimsFile`] and collects every fault
//! it finds: unknown or duplicate keys, duplicate ids, items before any claim,
//! impossible locators, bad `expect` lines.
//!
//! The grammar (also in `docs/claims-format.md`):
//!
//! ```text
//! file         = [ BOM ] { line } ;
//! line         = ws [ statement ws ] [ comment ] ( newline | EOF ) ;
//! statement    = source | claim | quote | cite | expect ;
//!
//! source       = "source" ws ident ws "=" ws string { ws source-opt } ;
//! source-opt   = "lang" ws ident | "title" ws string ;   (* each at most once *)
//! claim        = "claim" ws ident ws ":" ws claim-text ;
//! claim-text   = raw-block
//!              | plain-string       (* only if nothing but a comment follows *)
//!              | rest-of-line ;     (* verbatim, trimmed; "#" is text here *)
//! quote        = "quote" ws string [ ws "@" ws ident [ ws locator ] ] ;
//! cite         = "cite" ws ident [ ws locator ] ;
//! expect       = "expect" ws ident ;                   (* a verdict name *)
//!
//! locator      = "¶" ws range
//!              | ( "paras" | "para" ) ws1 range
//!              | ( "lines" | "line" ) ws1 range
//!              | ( "pp." | "p." ) ws range
//!              | ( "pages" | "page" ) ws1 range
//!              | "§" ws string
//!              | "chars" ws1 number ws ".." ws number ;
//! range        = number [ ws ( "-" | "–" ) ws number ] ;
//! number       = digit { digit } ;
//!
//! string       = raw-block | plain-string ;
//! plain-string = '"' { char - ( '"' | "\" | newline ) | escape } '"' ;
//! escape       = "\" ( '"' | "\" | "n" | "t" | "u{" hex [hex] [hex] [hex] [hex] [hex] "}" ) ;
//! raw-block    = '"""' { char } '"""' ;   (* ends at the first '"""' *)
//! ident        = ident-start { ident-start | "." | "-" } ;
//! ident-start  = "A".."Z" | "a".."z" | "0".."9" | "_" ;
//! comment      = "#" { char - "\n" } ;
//! ws           = { " " | "\t" } ;
//! ws1          = ( " " | "\t" ) ws ;
//! newline      = "\n" | "\r\n" ;
//! ```

use std::borrow::Cow;
use std::collections::HashMap;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till, take_while};
use nom::character::complete::{char, digit1, satisfy, space0, space1};
use nom::combinator::{cut, opt, recognize};
use nom::error::{ErrorKind, ParseError};
use nom::sequence::preceded;
use nom::{Err, IResult, Parser};

use super::{
    Cite, Claim, ClaimsFile, Diagnostic, DiagnosticKind, Expect, Ident, Item, Locator, LocatorKind,
    Quote, SourceDecl, Span, Str,
};
use crate::verdict::Verdict;

const STATEMENT: &str = "one of: source, claim, quote, cite, expect";
const STRING: &str = "a string \"…\"";
const LOCATOR: &str = "a locator: ¶N, line N, p. N, § \"…\", chars N..M";
const SOURCE_KEY: &str = "a source key (letters, digits, `_`, `.`, `-`)";
const CLAIM_ID: &str = "a claim id (letters, digits, `_`, `.`, `-`)";
const VERDICT: &str = "a verdict: supported, miscited, misquoted, contradicted, partial, \
                       unsupported, unverifiable";
const ESCAPES: &str = "one of the escapes \\\" \\\\ \\n \\t \\u{HEX}";
const UNICODE_ESCAPE: &str = "\\u{HEX} with 1 to 6 hex digits naming a Unicode scalar value";
const END: &str = "a comment or the end of the line";

/// Parses a claims file's text (without its byte-order mark).
///
/// A leading U+FEFF is skipped all the same; spans count from the start of
/// `text`. Syntax faults stop the parse (one diagnostic); semantic faults are
/// all collected, sorted by position.
pub fn parse(text: &str) -> Result<ClaimsFile, Vec<Diagnostic>> {
    let grammar = Grammar { text };
    let stmts = grammar.file().map_err(|e| vec![grammar.diagnostic(e)])?;
    assemble(text, stmts)
}

/// Decodes and parses a claims file's bytes. Returns the text that spans and
/// diagnostics refer to (BOM stripped; lossy where the bytes are not UTF-8).
///
/// Invalid UTF-8 gives one [`DiagnosticKind::InvalidUtf8`] diagnostic whose
/// span covers the replacement character standing for the first bad byte;
/// its message gives that byte's offset in the file (BOM included).
pub fn parse_bytes(bytes: &[u8]) -> (String, Result<ClaimsFile, Vec<Diagnostic>>) {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let (bom_len, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    match std::str::from_utf8(body) {
        Ok(text) => {
            let result = parse(text);
            (text.to_string(), result)
        }
        Err(e) => {
            let text = String::from_utf8_lossy(body).into_owned();
            // The valid prefix decodes unchanged, so the offsets agree there.
            let at = e.valid_up_to();
            let bad = body[at];
            let diagnostic = Diagnostic {
                kind: DiagnosticKind::InvalidUtf8,
                span: at..at + '\u{FFFD}'.len_utf8(),
                message: format!(
                    "invalid UTF-8: byte 0x{bad:02X} at byte offset {}",
                    at + bom_len
                ),
                expected: "UTF-8 text (save the file as UTF-8)".to_string(),
            };
            (text, Err(vec![diagnostic]))
        }
    }
}

// ---------------------------------------------------------------------------
// Syntax errors

/// A syntax-stage fault. `at` is the input from the fault on; spans are
/// computed from its length.
#[derive(Debug)]
struct PErr<'a> {
    at: &'a str,
    len: usize,
    kind: DiagnosticKind,
    /// Empty: made from the text found at `at` ("unexpected `foo`").
    message: String,
    expected: Cow<'static, str>,
}

impl<'a> PErr<'a> {
    fn syntax(at: &'a str, expected: impl Into<Cow<'static, str>>) -> Self {
        PErr {
            at,
            len: 0,
            kind: DiagnosticKind::Syntax,
            message: String::new(),
            expected: expected.into(),
        }
    }

    fn fault(
        at: &'a str,
        len: usize,
        kind: DiagnosticKind,
        message: String,
        expected: impl Into<Cow<'static, str>>,
    ) -> Self {
        PErr {
            at,
            len,
            kind,
            message,
            expected: expected.into(),
        }
    }
}

impl<'a> ParseError<&'a str> for PErr<'a> {
    fn from_error_kind(input: &'a str, _: ErrorKind) -> Self {
        PErr::syntax(input, "")
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }

    /// Of two failed branches, the one that got further says more.
    fn or(self, other: Self) -> Self {
        if other.at.len() <= self.at.len() {
            other
        } else {
            self
        }
    }
}

type PResult<'a, O> = IResult<&'a str, O, PErr<'a>>;

fn fail<'a, O>(e: PErr<'a>) -> PResult<'a, O> {
    Err(Err::Failure(e))
}

/// Runs `p`; if it fails softly, the fault is "expected `what`" at the start.
/// Hard failures (`cut`, bad escapes, …) already know better and pass through.
fn expecting<'a, O>(
    what: &'static str,
    mut p: impl Parser<&'a str, Output = O, Error = PErr<'a>>,
) -> impl FnMut(&'a str) -> PResult<'a, O> {
    move |i| match p.parse(i) {
        Err(Err::Error(_)) => Err(Err::Error(PErr::syntax(i, what))),
        r => r,
    }
}

/// What stands at `at`, for "unexpected …" messages: (byte length, message).
fn unexpected(at: &str) -> (usize, String) {
    if at.is_empty() {
        return (0, "unexpected end of file".to_string());
    }
    if at.starts_with('\n') || at.starts_with("\r\n") {
        return (0, "unexpected end of line".to_string());
    }
    let word_len = at
        .char_indices()
        .find(|&(_, c)| !is_ident_char(c))
        .map_or(at.len(), |(k, _)| k);
    if word_len > 0 {
        return (
            word_len,
            format!("unexpected `{}`", shorten(&at[..word_len])),
        );
    }
    let c = at.chars().next().unwrap_or(' ');
    (c.len_utf8(), format!("unexpected `{}`", c.escape_debug()))
}

/// At most 40 characters of `s`, for messages.
fn shorten(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(40) {
        Some((k, _)) => Cow::Owned(format!("{}…", &s[..k])),
        None => Cow::Borrowed(s),
    }
}

// ---------------------------------------------------------------------------
// Lexical pieces

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    is_ident_start(c) || c == '.' || c == '-'
}

/// `ident` as text: also how keywords are read, so `claimx` is one word.
fn word(i: &str) -> PResult<'_, &str> {
    recognize((satisfy(is_ident_start), take_while(is_ident_char))).parse(i)
}

fn comment(i: &str) -> PResult<'_, &str> {
    recognize((char('#'), take_till(|c| c == '\n'))).parse(i)
}

/// A newline, or the end of the file.
fn line_end(i: &str) -> PResult<'_, ()> {
    if i.is_empty() {
        return Ok((i, ()));
    }
    match i.strip_prefix('\n').or_else(|| i.strip_prefix("\r\n")) {
        Some(rest) => Ok((rest, ())),
        None => Err(Err::Error(PErr::syntax(i, END))),
    }
}

/// True if only blanks and maybe a comment remain on this line.
fn at_line_end(i: &str) -> bool {
    let i = i.trim_start_matches([' ', '\t']);
    i.is_empty() || i.starts_with('\n') || i.starts_with("\r\n") || i.starts_with('#')
}

/// Blanks, an optional comment and the line end, after a complete statement.
/// `what` names what else could have followed, for the error.
fn end_of_statement<'a>(what: &'static str) -> impl FnMut(&'a str) -> PResult<'a, ()> {
    move |i| {
        let (i, _) = space0(i)?;
        let (i, _) = opt(comment).parse(i)?;
        match line_end(i) {
            Ok(r) => Ok(r),
            Err(_) => fail(PErr::syntax(i, what)),
        }
    }
}

/// A decimal number; too large for `usize` is a bad locator, not a panic.
fn number(i: &str) -> PResult<'_, usize> {
    let (rest, digits) = digit1(i)?;
    match digits.parse::<usize>() {
        Ok(n) => Ok((rest, n)),
        Err(_) => fail(PErr::fault(
            i,
            digits.len(),
            DiagnosticKind::BadLocator,
            format!("number `{}` is too large", shorten(digits)),
            format!("a number up to {}", usize::MAX),
        )),
    }
}

/// `N` or `N-M` (also with an en dash); a single number is `N-N`.
fn range(i: &str) -> PResult<'_, (usize, usize)> {
    let (i, start) = expecting("a number", number).parse(i)?;
    let (i, end) = opt(preceded(
        (space0, alt((char('-'), char('–'))), space0),
        cut(expecting("a number after the dash", number)),
    ))
    .parse(i)?;
    Ok((i, (start, end.unwrap_or(start))))
}

/// `N..M` after `chars`.
fn char_range(i: &str) -> PResult<'_, (usize, usize)> {
    let (i, start) = expecting("a number", number).parse(i)?;
    let (i, _) = preceded(
        space0,
        expecting("\"..\" between the two numbers", tag("..")),
    )
    .parse(i)?;
    let (i, end) = preceded(space0, expecting("a number", number)).parse(i)?;
    Ok((i, (start, end)))
}

/// Resolves the escape at the start of `s` (which starts with a backslash):
/// the character and the escape's byte length, or (length, message, expected).
fn escape(s: &str) -> Result<(char, usize), (usize, String, &'static str)> {
    match s[1..].chars().next() {
        Some('"') => Ok(('"', 2)),
        Some('\\') => Ok(('\\', 2)),
        Some('n') => Ok(('\n', 2)),
        Some('t') => Ok(('\t', 2)),
        Some('u') => unicode_escape(s),
        Some('\n' | '\r') | None => Err((1, "a backslash ends the line".to_string(), ESCAPES)),
        Some(c) => Err((
            1 + c.len_utf8(),
            format!("unknown escape `\\{}`", c.escape_debug()),
            ESCAPES,
        )),
    }
}

/// `\u{HEX}`: `s` starts with `\u`.
fn unicode_escape(s: &str) -> Result<(char, usize), (usize, String, &'static str)> {
    let bytes = s.as_bytes();
    if bytes.get(2) != Some(&b'{') {
        return Err((2, "`\\u` without `{`".to_string(), UNICODE_ESCAPE));
    }
    // At most 7 digits are looked at: enough to tell "too many".
    let digits = bytes[3..]
        .iter()
        .take(7)
        .take_while(|b| b.is_ascii_hexdigit())
        .count();
    let close = 3 + digits;
    if digits == 0 || digits > 6 || bytes.get(close) != Some(&b'}') {
        let len = if bytes.get(close) == Some(&b'}') {
            close + 1
        } else {
            close
        };
        return Err((len, "malformed `\\u{…}` escape".to_string(), UNICODE_ESCAPE));
    }
    let hex = &s[3..close];
    match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
        Some(c) => Ok((c, close + 1)),
        None => Err((
            close + 1,
            format!("`\\u{{{hex}}}` is not a Unicode scalar value"),
            UNICODE_ESCAPE,
        )),
    }
}

// ---------------------------------------------------------------------------
// Statements

/// One statement as read, before the semantic stage files it.
#[derive(Debug)]
enum Stmt {
    Source(SourceDecl),
    /// A claim line; its items are filed in later.
    Claim(Claim),
    Item(Item),
    /// `expect NAME` where NAME is no verdict.
    UnknownVerdict {
        name: Ident,
        span: Span,
    },
}

/// The syntax stage. Positions are offsets into `text`, computed from the
/// length of the remaining input.
struct Grammar<'a> {
    text: &'a str,
}

impl<'a> Grammar<'a> {
    fn pos(&self, i: &str) -> usize {
        self.text.len() - i.len()
    }

    fn span(&self, from: &str, to: &str) -> Span {
        self.pos(from)..self.pos(to)
    }

    fn diagnostic(&self, e: PErr<'_>) -> Diagnostic {
        let start = self.pos(e.at);
        let (len, message) = if e.message.is_empty() {
            unexpected(e.at)
        } else {
            (e.len, e.message)
        };
        Diagnostic {
            kind: e.kind,
            span: start..start + len,
            message,
            expected: e.expected.into_owned(),
        }
    }

    /// All statements, or the first syntax fault.
    fn file(&self) -> Result<Vec<Stmt>, PErr<'a>> {
        let mut i = self.text.strip_prefix('\u{FEFF}').unwrap_or(self.text);
        let mut stmts = Vec::new();
        loop {
            let i0 = i.trim_start_matches([' ', '\t']);
            if i0.is_empty() {
                return Ok(stmts);
            }
            // A blank or comment line.
            if let Ok((rest, _)) = (opt(comment), line_end).parse(i0) {
                i = rest;
                continue;
            }
            match self.statement(i0) {
                Ok((rest, stmt)) => {
                    stmts.push(stmt);
                    i = rest;
                }
                Err(Err::Error(e) | Err::Failure(e)) => return Err(e),
                Err(Err::Incomplete(_)) => return Err(PErr::syntax(i0, STATEMENT)),
            }
        }
    }

    /// One statement with its line end.
    fn statement(&self, i: &'a str) -> PResult<'a, Stmt> {
        let (rest, keyword) = expecting(STATEMENT, word).parse(i)?;
        match keyword {
            "source" => self.source(i, rest),
            "claim" => self.claim(i, rest),
            "quote" => self.quote(i, rest),
            "cite" => self.cite(i, rest),
            "expect" => self.expect(i, rest),
            _ => fail(PErr::fault(
                i,
                keyword.len(),
                DiagnosticKind::Syntax,
                format!("unknown statement `{}`", shorten(keyword)),
                STATEMENT,
            )),
        }
    }

    fn ident(&self, i: &'a str) -> PResult<'a, Ident> {
        let (rest, name) = word(i)?;
        let ident = Ident {
            name: name.to_string(),
            span: self.span(i, rest),
        };
        Ok((rest, ident))
    }

    /// `source KEY = "PATH" [lang CODE] [title "TEXT"]`, options in any order.
    fn source(&self, start: &'a str, i: &'a str) -> PResult<'a, Stmt> {
        let (i, key) = preceded(space0, expecting(SOURCE_KEY, |i| self.ident(i))).parse(i)?;
        let (i, _) =
            preceded(space0, expecting("\"=\" after the source key", char('='))).parse(i)?;
        let (mut i, path) = preceded(space0, expecting(STRING, |i| self.string(i))).parse(i)?;
        let (mut lang, mut title) = (None, None);
        loop {
            let (j, _) = space0(i)?;
            let Ok((k, option)) = word(j) else { break };
            let given_twice = match option {
                "lang" => lang.is_some(),
                "title" => title.is_some(),
                _ => break,
            };
            if given_twice {
                return fail(PErr::fault(
                    j,
                    option.len(),
                    DiagnosticKind::Syntax,
                    format!("`{option}` given twice"),
                    "at most one `lang` and one `title` per source",
                ));
            }
            if option == "lang" {
                let (k, code) = preceded(
                    space0,
                    expecting("a language tag such as `fr` or `en-US`", |i| self.ident(i)),
                )
                .parse(k)?;
                lang = Some(code);
                i = k;
            } else {
                let (k, text) = preceded(space0, expecting(STRING, |i| self.string(i))).parse(k)?;
                title = Some(text);
                i = k;
            }
        }
        let span = self.span(start, i);
        let (i, _) =
            end_of_statement("`lang CODE`, `title \"…\"`, a comment or the end of the line")(i)?;
        let decl = SourceDecl {
            key,
            path,
            lang,
            title,
            span,
        };
        Ok((i, Stmt::Source(decl)))
    }

    /// `claim ID: TEXT`
    fn claim(&self, start: &'a str, i: &'a str) -> PResult<'a, Stmt> {
        let (i, id) = preceded(space0, expecting(CLAIM_ID, |i| self.ident(i))).parse(i)?;
        let (i, _) = preceded(space0, expecting("\":\" after the claim id", char(':'))).parse(i)?;
        let (i, _) = space0(i)?;
        let (i, text) = self.claim_text(i)?;
        let span = self.pos(start)..text.span.end;
        let (i, _) = end_of_statement(END)(i)?;
        let claim = Claim {
            id,
            text,
            items: Vec::new(),
            span,
        };
        Ok((i, Stmt::Claim(claim)))
    }

    /// A raw block; a plain string alone on its line; else the rest of the
    /// line, verbatim and trimmed (`"We will," he said.` and `Sec. 3 #1` are
    /// texts as written).
    fn claim_text(&self, i: &'a str) -> PResult<'a, Str> {
        if i.starts_with("\"\"\"") {
            return self.raw_block(i);
        }
        if i.starts_with('"') {
            if let Ok((rest, text)) = self.plain_string(i) {
                if at_line_end(rest) {
                    return Ok((rest, text));
                }
            }
        }
        let (rest, line) = take_till(|c| c == '\n').parse(i)?;
        let text = line.trim();
        if text.is_empty() {
            return fail(PErr::fault(
                i,
                0,
                DiagnosticKind::Syntax,
                "missing claim text".to_string(),
                "the claim's text after `:`",
            ));
        }
        let from = self.pos(line) + (line.len() - line.trim_start().len());
        let text = Str {
            value: text.to_string(),
            span: from..from + text.len(),
        };
        Ok((rest, text))
    }

    /// `quote "TEXT" [@ KEY [LOCATOR]]`
    fn quote(&self, start: &'a str, i: &'a str) -> PResult<'a, Stmt> {
        let (i, text) = preceded(space0, expecting(STRING, |i| self.string(i))).parse(i)?;
        let (j, _) = space0(i)?;
        let (i, source, locator) = match j.strip_prefix('@') {
            Some(k) => {
                let (k, key) = preceded(
                    space0,
                    expecting("a source key after `@`", |i| self.ident(i)),
                )
                .parse(k)?;
                let (k, locator) = self.optional_locator(k)?;
                (k, Some(key), locator)
            }
            None => (i, None, None),
        };
        let span = self.span(start, i);
        let what = if source.is_none() {
            "`@ KEY`, a comment or the end of the line"
        } else {
            END
        };
        let (i, _) = end_of_statement(what)(i)?;
        let quote = Quote {
            text,
            source,
            locator,
            span,
        };
        Ok((i, Stmt::Item(Item::Quote(quote))))
    }

    /// `cite KEY [LOCATOR]`
    fn cite(&self, start: &'a str, i: &'a str) -> PResult<'a, Stmt> {
        let (i, source) = preceded(space0, expecting(SOURCE_KEY, |i| self.ident(i))).parse(i)?;
        let (i, locator) = self.optional_locator(i)?;
        let span = self.span(start, i);
        let (i, _) = end_of_statement(END)(i)?;
        let cite = Cite {
            source,
            locator,
            span,
        };
        Ok((i, Stmt::Item(Item::Cite(cite))))
    }

    /// `expect VERDICT`; an unknown name is a semantic fault, reported later.
    fn expect(&self, start: &'a str, i: &'a str) -> PResult<'a, Stmt> {
        let (i, name) = preceded(space0, expecting(VERDICT, |i| self.ident(i))).parse(i)?;
        let span = self.span(start, i);
        let (i, _) = end_of_statement(END)(i)?;
        let stmt = match name.name.parse::<Verdict>() {
            Ok(verdict) => Stmt::Item(Item::Expect(Expect { verdict, span })),
            Err(()) => Stmt::UnknownVerdict { name, span },
        };
        Ok((i, stmt))
    }

    /// A locator if anything but a comment follows on the line.
    fn optional_locator(&self, i: &'a str) -> PResult<'a, Option<Locator>> {
        if at_line_end(i) {
            return Ok((i, None));
        }
        let (j, _) = space0(i)?;
        let (k, locator) = expecting(LOCATOR, |i| self.locator(i)).parse(j)?;
        Ok((k, Some(locator)))
    }

    fn locator(&self, i: &'a str) -> PResult<'a, Locator> {
        use LocatorKind::*;
        let (rest, kind) = alt((
            preceded(char('¶'), cut(preceded(space0, range)))
                .map(|(start, end)| Paragraphs { start, end }),
            preceded((alt((tag("paras"), tag("para"))), space1), cut(range))
                .map(|(start, end)| Paragraphs { start, end }),
            preceded((alt((tag("lines"), tag("line"))), space1), cut(range))
                .map(|(start, end)| Lines { start, end }),
            preceded(alt((tag("pp."), tag("p."))), cut(preceded(space0, range)))
                .map(|(start, end)| Pages { start, end }),
            preceded((alt((tag("pages"), tag("page"))), space1), cut(range))
                .map(|(start, end)| Pages { start, end }),
            preceded(
                char('§'),
                cut(preceded(space0, expecting(STRING, |i| self.string(i)))),
            )
            .map(|s| Section(s.value)),
            preceded((tag("chars"), space1), cut(char_range))
                .map(|(start, end)| Chars { start, end }),
        ))
        .parse(i)?;
        let locator = Locator {
            kind,
            span: self.span(i, rest),
        };
        Ok((rest, locator))
    }

    fn string(&self, i: &'a str) -> PResult<'a, Str> {
        if i.starts_with("\"\"\"") {
            self.raw_block(i)
        } else if i.starts_with('"') {
            self.plain_string(i)
        } else {
            Err(Err::Error(PErr::syntax(i, STRING)))
        }
    }

    /// `"…"` with escapes, on one line. Copies runs between special bytes.
    fn plain_string(&self, i: &'a str) -> PResult<'a, Str> {
        let bytes = i.as_bytes();
        let unterminated = || {
            fail(PErr::fault(
                i,
                1,
                DiagnosticKind::Syntax,
                "unterminated string".to_string(),
                "a closing `\"` before the end of the line",
            ))
        };
        let mut value = String::new();
        let mut p = 1;
        loop {
            // Positions found are ASCII bytes, hence char boundaries.
            let Some(off) = memchr::memchr3(b'"', b'\\', b'\n', &bytes[p..]) else {
                return unterminated();
            };
            value.push_str(&i[p..p + off]);
            p += off;
            match bytes[p] {
                b'"' => {
                    let end = p + 1;
                    let text = Str {
                        value,
                        span: self.pos(i)..self.pos(i) + end,
                    };
                    return Ok((&i[end..], text));
                }
                b'\\' => match escape(&i[p..]) {
                    Ok((c, len)) => {
                        value.push(c);
                        p += len;
                    }
                    Err((len, message, expected)) => {
                        return fail(PErr::fault(
                            &i[p..],
                            len,
                            DiagnosticKind::BadEscape,
                            message,
                            expected,
                        ));
                    }
                },
                _ => return unterminated(),
            }
        }
    }

    /// `"""…"""`: no escapes; one newline after the opening and one before
    /// the closing delimiter are dropped; CRLF inside reads as LF.
    fn raw_block(&self, i: &'a str) -> PResult<'a, Str> {
        let body = &i[3..];
        let Some(close) = body.find("\"\"\"") else {
            return fail(PErr::fault(
                i,
                3,
                DiagnosticKind::Syntax,
                "unterminated raw block".to_string(),
                "a closing `\"\"\"`",
            ));
        };
        let mut content = &body[..close];
        content = content
            .strip_prefix("\r\n")
            .or_else(|| content.strip_prefix('\n'))
            .unwrap_or(content);
        content = content
            .strip_suffix("\r\n")
            .or_else(|| content.strip_suffix('\n'))
            .unwrap_or(content);
        let rest = &body[close + 3..];
        let text = Str {
            value: content.replace("\r\n", "\n"),
            span: self.span(i, rest),
        };
        Ok((rest, text))
    }
}

// ---------------------------------------------------------------------------
// Semantic stage

/// Line numbers of offsets, for messages that refer to another line.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|k| k + 1))
            .collect();
        Lines { starts }
    }

    /// 1-based.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

fn semantic(kind: DiagnosticKind, span: Span, message: String, expected: String) -> Diagnostic {
    Diagnostic {
        kind,
        span,
        message,
        expected,
    }
}

/// Files items under their claims and collects every semantic fault.
fn assemble(text: &str, stmts: Vec<Stmt>) -> Result<ClaimsFile, Vec<Diagnostic>> {
    let lines = Lines::new(text);
    let mut errors = Vec::new();

    // Sources first: they may be declared below the items that name them.
    let mut declared: HashMap<&str, &Span> = HashMap::new();
    for stmt in &stmts {
        if let Stmt::Source(decl) = stmt {
            if let Some(first) = declared.get(decl.key.name.as_str()) {
                errors.push(semantic(
                    DiagnosticKind::DuplicateSourceKey,
                    decl.key.span.clone(),
                    format!("duplicate source key `{}`", decl.key.name),
                    format!(
                        "a key not declared before (`{}` is declared on line {})",
                        decl.key.name,
                        lines.line_of(first.start)
                    ),
                ));
            } else {
                declared.insert(&decl.key.name, &decl.key.span);
            }
        }
    }
    let mut known: Vec<&str> = declared.keys().copied().collect();
    known.sort_unstable();
    let known_keys = describe_keys(&known);

    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut has_expect = false;
    // Index into `stmts` of the current claim.
    let mut current: Option<usize> = None;
    for (n, stmt) in stmts.iter().enumerate() {
        let (keyword, span) = match stmt {
            Stmt::Source(_) => continue,
            Stmt::Claim(claim) => {
                if let Some(&first) = ids.get(claim.id.name.as_str()) {
                    errors.push(semantic(
                        DiagnosticKind::DuplicateClaimId,
                        claim.id.span.clone(),
                        format!("duplicate claim id `{}`", claim.id.name),
                        format!(
                            "an id not used before (`{}` is the claim on line {})",
                            claim.id.name,
                            lines.line_of(first)
                        ),
                    ));
                } else {
                    ids.insert(&claim.id.name, claim.id.span.start);
                }
                current = Some(n);
                has_expect = false;
                continue;
            }
            Stmt::Item(item) => {
                check_item(item, &declared, &known_keys, &mut errors);
                match item {
                    Item::Quote(q) => ("quote", &q.span),
                    Item::Cite(c) => ("cite", &c.span),
                    Item::Expect(e) => ("expect", &e.span),
                }
            }
            Stmt::UnknownVerdict { name, span } => {
                errors.push(semantic(
                    DiagnosticKind::BadExpect,
                    name.span.clone(),
                    format!("unknown verdict `{}`", shorten(&name.name)),
                    VERDICT.to_string(),
                ));
                ("expect", span)
            }
        };
        if current.is_none() {
            errors.push(semantic(
                DiagnosticKind::ItemBeforeClaim,
                span.clone(),
                format!("`{keyword}` before any claim"),
                "a `claim ID: TEXT` line above this item".to_string(),
            ));
        } else if keyword == "expect" {
            if has_expect {
                errors.push(semantic(
                    DiagnosticKind::BadExpect,
                    span.clone(),
                    "second `expect` in one claim".to_string(),
                    "at most one `expect` per claim".to_string(),
                ));
            }
            has_expect = true;
        }
    }

    if !errors.is_empty() {
        // Stable: faults at one place keep the order they were found in.
        errors.sort_by_key(|d| d.span.start);
        return Err(errors);
    }

    let mut file = ClaimsFile {
        sources: Vec::new(),
        claims: Vec::new(),
    };
    for stmt in stmts {
        match stmt {
            Stmt::Source(decl) => file.sources.push(decl),
            Stmt::Claim(claim) => file.claims.push(claim),
            Stmt::Item(item) => {
                // No fault: every item has a claim above it.
                if let Some(claim) = file.claims.last_mut() {
                    claim.span.end = item_span(&item).end;
                    claim.items.push(item);
                }
            }
            Stmt::UnknownVerdict { .. } => {}
        }
    }
    Ok(file)
}

fn item_span(item: &Item) -> &Span {
    match item {
        Item::Quote(q) => &q.span,
        Item::Cite(c) => &c.span,
        Item::Expect(e) => &e.span,
    }
}

/// "one of the declared keys: a, b" (at most 8 named).
fn describe_keys(known: &[&str]) -> String {
    match known.len() {
        0 => "a key declared by a `source` line (this file declares none)".to_string(),
        n if n <= 8 => format!("one of the declared source keys: {}", known.join(", ")),
        n => format!(
            "one of the declared source keys: {}, … ({n} in all)",
            known[..8].join(", ")
        ),
    }
}

fn check_item(
    item: &Item,
    declared: &HashMap<&str, &Span>,
    known_keys: &str,
    errors: &mut Vec<Diagnostic>,
) {
    let (key, locator) = match item {
        Item::Quote(q) => (q.source.as_ref(), q.locator.as_ref()),
        Item::Cite(c) => (Some(&c.source), c.locator.as_ref()),
        Item::Expect(_) => return,
    };
    if let Some(key) = key {
        if !declared.contains_key(key.name.as_str()) {
            errors.push(semantic(
                DiagnosticKind::UnknownSourceKey,
                key.span.clone(),
                format!("unknown source key `{}`", shorten(&key.name)),
                known_keys.to_string(),
            ));
        }
    }
    if let Some(locator) = locator {
        if let Some((message, expected)) = locator_fault(&locator.kind) {
            errors.push(semantic(
                DiagnosticKind::BadLocator,
                locator.span.clone(),
                message,
                expected.to_string(),
            ));
        }
    }
}

/// Why a locator cannot be, if it cannot.
fn locator_fault(kind: &LocatorKind) -> Option<(String, &'static str)> {
    use LocatorKind::*;
    match *kind {
        Paragraphs { start, end } | Lines { start, end } | Pages { start, end } => {
            let what = match kind {
                Paragraphs { .. } => "paragraphs",
                Lines { .. } => "lines",
                _ => "pages",
            };
            if start == 0 {
                Some((format!("{what} count from 1, not 0"), "a number from 1 up"))
            } else if end < start {
                Some((
                    format!("range {start}-{end} ends before it starts"),
                    "a range N-M with M not below N",
                ))
            } else {
                None
            }
        }
        Chars { start, end } if end < start => Some((
            format!("range {start}..{end} ends before it starts"),
            "chars N..M with M not below N",
        )),
        Section(ref title) if title.trim().is_empty() => Some((
            "empty section title".to_string(),
            "the first words of a heading",
        )),
        _ => None,
    }
}
