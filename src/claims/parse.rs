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
//!              | rest-of-line ;
//! rest-of-line = { char - newline } ;   (* verbatim, trimmed, not empty; "#" is text *)
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
//! number       = digit { digit } ;                     (* at most usize::MAX *)
//!
//! string       = raw-block | plain-string ;
//! plain-string = '"' { char - ( '"' | "\" | newline ) | escape } '"' ;
//! escape       = "\" ( '"' | "\" | "n" | "t" | "u{" hex [hex] [hex] [hex] [hex] [hex] "}" ) ;
//! raw-block    = '"""' { char } '"""' ;                (* ends at the first '"""' *)
//! ident        = ident-start { ident-start | "." | "-" } ;
//! ident-start  = "A".."Z" | "a".."z" | "0".."9" | "_" ;
//! comment      = "#" { char - "\n" } ;
//! ws           = { " " | "\t" } ;
//! ws1          = ( " " | "\t" ) ws ;
//! newline      = "\n" | "\r\n" ;
//! (* Keywords are read as whole idents: "claimx" is no "claim", so a keyword
//!    is always followed by a character that cannot continue an ident. *)
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

/// Parses a locator on its own (`¶4`, `p. 3`, `line 12`, `§ "Sec. 4"`), as a
/// draft's citations write it after the key. The error is what a reader is
/// told: a syntax fault or why the locator cannot be.
pub fn parse_locator(text: &str) -> Result<LocatorKind, String> {
    let grammar = Grammar { text };
    match grammar.locator(text) {
        Ok((rest, locator)) if rest.trim().is_empty() => match locator_fault(&locator.kind) {
            Some((message, _)) => Err(message),
            None => Ok(locator.kind),
        },
        Ok((rest, _)) => Err(format!("unexpected `{}` after the locator", rest.trim())),
        Err(Err::Error(e) | Err::Failure(e)) => {
            let d = grammar.diagnostic(e);
            Err(format!("{}; expected {}", d.message, d.expected))
        }
        Err(Err::Incomplete(_)) => Err(format!("expected {LOCATOR}")),
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
    (c.len_utf8(), format!("unexpected `{}`", show_char(c)))
}

/// A character for a message: control characters escaped.
/// A character for a message. Invisible ones (a non-breaking space pasted
/// from a word processor, a lone CR) are named by their code point.
fn show_char(c: char) -> String {
    if c.is_control() || (c.is_whitespace() && c != ' ') || c == '\u{FEFF}' {
        format!("U+{:04X}", c as u32)
    } else {
        c.to_string()
    }
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
        Some(c) => {
            let shown = show_char(c);
            let message = if shown.len() > c.len_utf8() {
                format!("a backslash before {shown}")
            } else {
                format!("unknown escape `\\{c}`")
            };
            Err((1 + c.len_utf8(), message, ESCAPES))
        }
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
        let from = self.pos(i) + (line.len() - line.trim_start().len());
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
        } else if i.starts_with(['“', '”', '„', '«', '»']) {
            // Word processors curl quotes; say so rather than "unexpected `“`".
            let len = i.chars().next().map_or(0, char::len_utf8);
            fail(PErr::fault(
                i,
                len,
                DiagnosticKind::Syntax,
                "curly quotation mark where a string should start".to_string(),
                "a string in straight quotes \"…\" (curly quotes may stand inside it)",
            ))
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
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|k| k + 1))
            .collect();
        LineIndex { starts }
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
    let lines = LineIndex::new(text);
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

#[cfg(test)]
mod tests {
    use super::*;
    use DiagnosticKind as K;
    use LocatorKind as L;

    const SPEC_EXAMPLE: &str = r#"# Claims about the APEC speech of 5 August 2025.
source article = "../seeds/000_2b99a302a493dc4a.txt" lang fr
source speech  = "../seeds/2025-08-05-remarks.md"

claim plan-date: The AI Action Plan was launched by President Trump on 23 July 2025.
  quote "lancé par le président Donald Trump le 23 juillet 2025" @ article ¶2

claim diplomacy: Kratsios wants AI to be a tool of bilateral diplomacy.
  quote "Our hope is that AI will be a powerful tool for bilateral diplomacy." @ speech

claim handshake: Kratsios told APEC economies to take the American offer.
  quote "take our offer, handshake and make a deal" @ speech
  expect misquoted

claim three-orders: Trump signed three executive orders to carry out the plan.
  cite article ¶5
"#;

    const ALL_FORMS: &str = include_str!("../../tests/fixtures/grammar/all-forms.claims");

    fn ok(text: &str) -> ClaimsFile {
        match parse(text) {
            Ok(file) => file,
            Err(ds) => panic!("unexpected diagnostics: {ds:#?}"),
        }
    }

    fn errs(text: &str) -> Vec<Diagnostic> {
        match parse(text) {
            Ok(file) => panic!("expected diagnostics, parsed {file:#?}"),
            Err(ds) => ds,
        }
    }

    /// The only diagnostic: kind, line, column.
    fn one(text: &str) -> (DiagnosticKind, usize, usize, Diagnostic) {
        let ds = errs(text);
        assert_eq!(ds.len(), 1, "{ds:#?}");
        let d = ds.into_iter().next().unwrap();
        let (line, col) = d.line_column(text);
        (d.kind, line, col, d)
    }

    /// The locator of the first cite of the only claim of `claim c: t\n  cite s LOC`.
    fn locator(loc: &str) -> Locator {
        let text = format!("source s = \"p\"\nclaim c: t\n  cite s {loc}\n");
        let file = ok(&text);
        let cite = file.claims[0].cites().next().unwrap().clone();
        let l = cite.locator.expect("a locator");
        assert_eq!(&text[l.span.clone()], loc.trim_end(), "locator span");
        l
    }

    fn quote_value(string: &str) -> String {
        let text = format!("claim c: t\nquote {string}\n");
        ok(&text).claims[0]
            .quotes()
            .next()
            .unwrap()
            .text
            .value
            .clone()
    }

    #[test]
    fn the_spec_example_parses() {
        let file = ok(SPEC_EXAMPLE);
        let keys: Vec<_> = file.sources.iter().map(|s| s.key.name.as_str()).collect();
        assert_eq!(keys, ["article", "speech"]);
        assert_eq!(file.sources[0].lang.as_ref().unwrap().name, "fr");
        assert_eq!(file.sources[1].path.value, "../seeds/2025-08-05-remarks.md");
        let ids: Vec<_> = file.claims.iter().map(|c| c.id.name.as_str()).collect();
        assert_eq!(ids, ["plan-date", "diplomacy", "handshake", "three-orders"]);
        let q = file.claims[0].quotes().next().unwrap();
        assert_eq!(
            q.text.value,
            "lancé par le président Donald Trump le 23 juillet 2025"
        );
        assert_eq!(q.source.as_ref().unwrap().name, "article");
        assert_eq!(
            q.locator.as_ref().unwrap().kind,
            L::Paragraphs { start: 2, end: 2 }
        );
        assert!(file.claims[1].quotes().next().unwrap().locator.is_none());
        assert_eq!(file.claims[2].expect().unwrap().verdict, Verdict::Misquoted);
        let cite = file.claims[3].cites().next().unwrap();
        assert_eq!(cite.source.name, "article");
        assert_eq!(
            cite.locator.as_ref().unwrap().kind,
            L::Paragraphs { start: 5, end: 5 }
        );
    }

    #[test]
    fn the_docs_example_parses() {
        let docs = include_str!("../../docs/claims-format.md");
        let example = docs.split("```text\n").nth(1).unwrap();
        let example = &example[..example.find("```").unwrap()];
        let file = ok(example);
        assert_eq!(file.claims.len(), 2);
        assert_eq!(
            file.claims[1].text.value,
            "The AI Action Plan was launched by\nPresident Trump on 23 July 2025."
        );
    }

    #[test]
    fn spans_slice_back_to_their_text() {
        let t = SPEC_EXAMPLE;
        let file = ok(t);
        let s = &file.sources[0];
        assert_eq!(&t[s.key.span.clone()], "article");
        assert_eq!(
            &t[s.path.span.clone()],
            "\"../seeds/000_2b99a302a493dc4a.txt\""
        );
        assert_eq!(&t[s.lang.as_ref().unwrap().span.clone()], "fr");
        assert_eq!(
            &t[s.span.clone()],
            "source article = \"../seeds/000_2b99a302a493dc4a.txt\" lang fr"
        );
        let c = &file.claims[0];
        assert_eq!(&t[c.id.span.clone()], "plan-date");
        assert_eq!(
            &t[c.text.span.clone()],
            "The AI Action Plan was launched by President Trump on 23 July 2025."
        );
        assert_eq!(
            &t[c.span.clone()],
            "claim plan-date: The AI Action Plan was launched by President Trump on 23 July \
             2025.\n  quote \"lancé par le président Donald Trump le 23 juillet 2025\" @ article ¶2"
        );
        assert_eq!(
            &t[c.header_span()],
            "claim plan-date: The AI Action Plan was launched by President Trump on 23 July 2025."
        );
        let q = c.quotes().next().unwrap();
        assert_eq!(&t[q.locator.as_ref().unwrap().span.clone()], "¶2");
        assert_eq!(&t[q.source.as_ref().unwrap().span.clone()], "article");
        let e = file.claims[2].expect().unwrap();
        assert_eq!(&t[e.span.clone()], "expect misquoted");
        let cite = file.claims[3].cites().next().unwrap();
        assert_eq!(&t[cite.span.clone()], "cite article ¶5");
    }

    #[test]
    fn source_options_in_either_order_once_each() {
        let t = "source a = \"a.md\"\n\
                 source b = \"b.md\" lang en-US\n\
                 source c = \"c.md\" title \"C\"\n\
                 source d = \"d.md\" lang fr title \"D\"\n\
                 source e = \"e.md\" title \"E\" lang de   # comment\n\
                 source f=\"f.md\"\ttitle\"F\"\n";
        let file = ok(t);
        let got: Vec<_> = file
            .sources
            .iter()
            .map(|s| {
                (
                    s.key.name.as_str(),
                    s.path.value.as_str(),
                    s.lang.as_ref().map(|l| l.name.as_str()),
                    s.title.as_ref().map(|t| t.value.as_str()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("a", "a.md", None, None),
                ("b", "b.md", Some("en-US"), None),
                ("c", "c.md", None, Some("C")),
                ("d", "d.md", Some("fr"), Some("D")),
                ("e", "e.md", Some("de"), Some("E")),
                ("f", "f.md", None, Some("F")),
            ]
        );
        assert_eq!(
            &t[file.sources[4].span.clone()],
            "source e = \"e.md\" title \"E\" lang de"
        );

        let (k, line, col, d) = one("source a = \"a\" lang fr lang en\n");
        assert_eq!((k, line, col), (K::Syntax, 1, 24));
        assert_eq!(d.message, "`lang` given twice");
        let (k, line, col, _) = one("source a = \"a\" title \"x\" lang fr title \"y\"\n");
        assert_eq!((k, line, col), (K::Syntax, 1, 34));
    }

    #[test]
    fn source_syntax_errors_say_what_was_expected() {
        let (k, line, col, d) = one("source eo \"x.md\"\n");
        assert_eq!((k, line, col), (K::Syntax, 1, 11));
        assert_eq!(d.expected, "\"=\" after the source key");
        assert_eq!(d.message, "unexpected `\"`");
        let (_, _, col, d) = one("source eo = x.md\n");
        assert_eq!(col, 13);
        assert_eq!(d.expected, "a string \"…\"");
        let (_, _, col, d) = one("source = \"x\"\n");
        assert_eq!(col, 8);
        assert!(d.expected.starts_with("a source key"), "{d:?}");
        let (_, _, col, d) = one("source eo = \"x\" language fr\n");
        assert_eq!(col, 17);
        assert_eq!(d.message, "unexpected `language`");
        assert_eq!(
            d.expected,
            "`lang CODE`, `title \"…\"`, a comment or the end of the line"
        );
    }

    #[test]
    fn claim_text_forms() {
        let t = "claim a: Sec. 3 #1 says so.   \n\
                 claim b : \"A string\"   # a comment\n\
                 claim c: \"We will win,\" Trump said.\n\
                 claim d: \"\"\"\nRaw\ntext\n\"\"\"\n\
                 claim e.1_x-y:\tTabs\taround\t\n\
                 claim f: # not a comment\n\
                 claim g: \"bad \\q escape\" is text here\n";
        let file = ok(t);
        let texts: Vec<_> = file.claims.iter().map(|c| c.text.value.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Sec. 3 #1 says so.",
                "A string",
                "\"We will win,\" Trump said.",
                "Raw\ntext",
                "Tabs\taround",
                "# not a comment",
                "\"bad \\q escape\" is text here",
            ]
        );
        assert_eq!(file.claims[4].id.name, "e.1_x-y");
        assert_eq!(&t[file.claims[0].text.span.clone()], "Sec. 3 #1 says so.");
        assert_eq!(&t[file.claims[1].text.span.clone()], "\"A string\"");
        assert_eq!(
            &t[file.claims[3].text.span.clone()],
            "\"\"\"\nRaw\ntext\n\"\"\""
        );

        let (k, line, col, d) = one("claim a:   \n");
        assert_eq!((k, line, col), (K::Syntax, 1, 12));
        assert_eq!(d.message, "missing claim text");
        let (_, _, col, d) = one("claim a text\n");
        assert_eq!(col, 9);
        assert_eq!(d.expected, "\":\" after the claim id");
        let (_, _, col, d) = one("claim : text\n");
        assert_eq!(col, 7);
        assert!(d.expected.starts_with("a claim id"));
        // A string claim text is checked like any string when it is alone.
        let (k, _, col, _) = one("claim a: \"\"\"\nnever closed\n");
        assert_eq!((k, col), (K::Syntax, 10));
    }

    #[test]
    fn quote_cite_and_expect_forms() {
        let t = "source s = \"p\"\nclaim c: t\n\
                 quote \"bare\"\n\
                 quote\"tight\"@s\n\
                 quote \"at\" @ s\n\
                 quote \"located\" @ s ¶3 # why\n\
                 quote \"\"\"\nlong\nquote\n\"\"\" @ s line 2\n\
                 cite s\n\
                 cite s p. 9\n";
        let file = ok(t);
        let quotes: Vec<_> = file.claims[0]
            .quotes()
            .map(|q| {
                (
                    q.text.value.as_str(),
                    q.source.as_ref().map(|s| s.name.as_str()),
                    q.locator.as_ref().map(|l| l.kind.clone()),
                )
            })
            .collect();
        assert_eq!(
            quotes,
            [
                ("bare", None, None),
                ("tight", Some("s"), None),
                ("at", Some("s"), None),
                (
                    "located",
                    Some("s"),
                    Some(L::Paragraphs { start: 3, end: 3 })
                ),
                (
                    "long\nquote",
                    Some("s"),
                    Some(L::Lines { start: 2, end: 2 })
                ),
            ]
        );
        let cites: Vec<_> = file.claims[0]
            .cites()
            .map(|c| {
                (
                    c.source.name.as_str(),
                    c.locator.as_ref().map(|l| l.kind.clone()),
                )
            })
            .collect();
        assert_eq!(
            cites,
            [("s", None), ("s", Some(L::Pages { start: 9, end: 9 }))]
        );
        let q5 = file.claims[0].quotes().nth(4).unwrap();
        assert_eq!(
            &t[q5.span.clone()],
            "quote \"\"\"\nlong\nquote\n\"\"\" @ s line 2"
        );
        assert_eq!(file.claims[0].span.end, t.len() - 1);

        for v in Verdict::ALL {
            let file = ok(&format!("claim c: t\n  expect {v}\n"));
            assert_eq!(file.claims[0].expect().unwrap().verdict, v);
        }
    }

    #[test]
    fn item_syntax_errors_point_at_the_fault() {
        let pre = "source s = \"p\"\nclaim c: t\n";
        let case = |line: &str| {
            let t = format!("{pre}{line}\n");
            let (k, l, col, d) = one(&t);
            assert_eq!(l, 3, "{d:?}");
            (k, col, d)
        };
        let (k, col, d) = case("  quote s ¶2");
        assert_eq!((k, col), (K::Syntax, 9));
        assert_eq!(d.expected, STRING);
        let (_, col, d) = case("  quote \"x\" s");
        assert_eq!(col, 13);
        assert_eq!(d.expected, "`@ KEY`, a comment or the end of the line");
        let (_, col, d) = case("  quote \"x\" @");
        assert_eq!(col, 14);
        assert_eq!(d.message, "unexpected end of line");
        assert_eq!(d.expected, "a source key after `@`");
        let (_, col, d) = case("  quote \"x\" @ s para");
        assert_eq!(col, 17);
        assert_eq!(d.expected, LOCATOR);
        assert_eq!(
            d.expected,
            "a locator: ¶N, line N, p. N, § \"…\", chars N..M"
        );
        let (_, col, d) = case("  cite s ¶2 and more");
        assert_eq!(col, 13);
        assert_eq!(d.expected, END);
        let (_, col, d) = case("  cite s ¶x");
        assert_eq!(col, 11);
        assert_eq!(d.expected, "a number");
        let (_, col, d) = case("  cite s lines 2-");
        assert_eq!(col, 18);
        assert_eq!(d.expected, "a number after the dash");
        let (_, col, d) = case("  cite s chars 2-3");
        assert_eq!(col, 17);
        assert_eq!(d.expected, "\"..\" between the two numbers");
        let (_, col, d) = case("  cite s § Intro");
        assert_eq!(col, 12);
        assert_eq!(d.expected, STRING);
        let (_, col, d) = case("  cite s paragraph 2");
        assert_eq!(col, 10);
        assert_eq!(d.message, "unexpected `paragraph`");
        let (_, col, d) = case("  expect");
        assert_eq!(col, 9);
        assert_eq!(d.expected, VERDICT);
        let (_, col, d) = case("  expect supported twice");
        assert_eq!(col, 20);
        assert_eq!(d.expected, END);
    }

    #[test]
    fn unknown_statements_are_syntax_errors() {
        let (k, line, col, d) = one("source s = \"p\"\n\n  claims c: t\n");
        assert_eq!((k, line, col), (K::Syntax, 3, 3));
        assert_eq!(d.message, "unknown statement `claims`");
        assert_eq!(d.expected, "one of: source, claim, quote, cite, expect");
        assert_eq!(d.span.len(), "claims".len());
        let (_, line, col, d) = one("claim c: t\n  \"quote\"\n");
        assert_eq!((line, col), (2, 3));
        assert_eq!(d.message, "unexpected `\"`");
        assert_eq!(d.expected, STATEMENT);
        let (_, _, col, d) = one("Quote \"x\"\n");
        assert_eq!(col, 1);
        assert_eq!(d.message, "unknown statement `Quote`");
    }

    #[test]
    fn invisible_and_curly_characters_are_named() {
        let (k, line, col, d) = one("claim c: t\n  cite\u{A0}s\n");
        assert_eq!((k, line, col), (K::Syntax, 2, 7));
        assert_eq!(d.message, "unexpected `U+00A0`");
        let (_, _, col, d) = one("claim c: t\n  cite s\r¶2\n");
        assert_eq!(col, 9);
        assert_eq!(d.message, "unexpected `U+000D`");
        let (k, line, col, d) = one("claim c: t\n  quote “words” @ s\n");
        assert_eq!((k, line, col), (K::Syntax, 2, 9));
        assert_eq!(
            d.message,
            "curly quotation mark where a string should start"
        );
        assert!(d.expected.starts_with("a string in straight quotes"));
        let (k, _, _, d) = one("claim c: t\n  quote \"a\\\u{A0}b\"\n");
        assert_eq!(k, K::BadEscape);
        assert_eq!(d.message, "a backslash before U+00A0");
        // Curly quotes inside a string are text.
        assert_eq!(quote_value("\"“words”\""), "“words”");
    }

    #[test]
    fn every_locator_form() {
        let cases: &[(&str, LocatorKind)] = &[
            ("¶3", L::Paragraphs { start: 3, end: 3 }),
            ("¶ 3", L::Paragraphs { start: 3, end: 3 }),
            ("¶3-5", L::Paragraphs { start: 3, end: 5 }),
            ("¶3–5", L::Paragraphs { start: 3, end: 5 }),
            ("¶3 - 5", L::Paragraphs { start: 3, end: 5 }),
            ("para 3", L::Paragraphs { start: 3, end: 3 }),
            ("para 3-4", L::Paragraphs { start: 3, end: 4 }),
            ("paras 3-4", L::Paragraphs { start: 3, end: 4 }),
            ("paras 3–4", L::Paragraphs { start: 3, end: 4 }),
            ("line 7", L::Lines { start: 7, end: 7 }),
            ("lines 7-9", L::Lines { start: 7, end: 9 }),
            ("line 7-9", L::Lines { start: 7, end: 9 }),
            ("p. 4", L::Pages { start: 4, end: 4 }),
            ("p.4", L::Pages { start: 4, end: 4 }),
            ("page 4", L::Pages { start: 4, end: 4 }),
            ("pp. 4-6", L::Pages { start: 4, end: 6 }),
            ("pages 4-6", L::Pages { start: 4, end: 6 }),
            ("pages 4–6", L::Pages { start: 4, end: 6 }),
            ("§ \"Sec. 3\"", L::Section("Sec. 3".to_string())),
            ("§\"Purpose\"", L::Section("Purpose".to_string())),
            ("chars 0..10", L::Chars { start: 0, end: 10 }),
            ("chars 5 .. 5", L::Chars { start: 5, end: 5 }),
            ("¶007", L::Paragraphs { start: 7, end: 7 }),
        ];
        for (text, kind) in cases {
            assert_eq!(&locator(text).kind, kind, "{text}");
        }
        // The canonical spelling reads back the same.
        for (_, kind) in cases {
            assert_eq!(&locator(&kind.to_string()).kind, kind);
        }
    }

    #[test]
    fn impossible_locators_are_bad_locators() {
        let cases = [
            ("¶0", "paragraphs count from 1, not 0"),
            ("lines 0-2", "lines count from 1, not 0"),
            ("page 0", "pages count from 1, not 0"),
            ("¶5-3", "range 5-3 ends before it starts"),
            ("pp. 9–2", "range 9-2 ends before it starts"),
            ("chars 9..2", "range 9..2 ends before it starts"),
            ("§ \"  \"", "empty section title"),
        ];
        for (loc, message) in cases {
            let t = format!("source s = \"p\"\nclaim c: t\n  cite s {loc}\n");
            let (k, line, col, d) = one(&t);
            assert_eq!((k, line, col), (K::BadLocator, 3, 10), "{loc}");
            assert_eq!(d.message, message);
            assert_eq!(&t[d.span.clone()], loc);
        }
        // chars are 0-based: 0..0 is an empty range, not a fault.
        assert_eq!(locator("chars 0..0").kind, L::Chars { start: 0, end: 0 });
        // Too large for usize: a bad locator at the digits, not a panic.
        let big = "99999999999999999999999";
        let t = format!("source s = \"p\"\nclaim c: t\n  cite s lines 2-{big}\n");
        let (k, line, col, d) = one(&t);
        assert_eq!((k, line, col), (K::BadLocator, 3, 18));
        assert_eq!(&t[d.span.clone()], big);
    }

    #[test]
    fn escapes_resolve() {
        assert_eq!(quote_value(r#""a\"b""#), "a\"b");
        assert_eq!(quote_value(r#""back\\slash""#), "back\\slash");
        assert_eq!(quote_value(r#""one\ntwo\tthree""#), "one\ntwo\tthree");
        assert_eq!(
            quote_value(r#""caf\u{e9} \u{1F600} \u{000041}""#),
            "café 😀 A"
        );
        assert_eq!(
            quote_value(r#""« guillemets », ’ and # no comment""#),
            "« guillemets », ’ and # no comment"
        );
        assert_eq!(quote_value(r#""""#), "");
    }

    #[test]
    fn bad_escapes_point_at_the_backslash() {
        let cases = [
            (r#""\q""#, "unknown escape `\\q`", r"\q"),
            (r#""x\é""#, "unknown escape `\\é`", r"\é"),
            (
                r#""\u{110000}""#,
                "`\\u{110000}` is not a Unicode scalar value",
                r"\u{110000}",
            ),
            (
                r#""\u{D800}""#,
                "`\\u{D800}` is not a Unicode scalar value",
                r"\u{D800}",
            ),
            (r#""\u{}""#, "malformed `\\u{…}` escape", r"\u{}"),
            (
                r#""\u{1234567}""#,
                "malformed `\\u{…}` escape",
                r"\u{1234567}",
            ),
            (r#""\u{12""#, "malformed `\\u{…}` escape", r"\u{12"),
            (r#""\u0041""#, "`\\u` without `{`", r"\u"),
            ("\"ends \\\nhere\"", "a backslash ends the line", "\\"),
        ];
        for (string, message, shown) in cases {
            let t = format!("claim c: t\n  quote {string} @ s\n");
            let (k, line, col, d) = one(&t);
            let backslash = string.find('\\').unwrap();
            let col_expected = 9 + string[..backslash].chars().count();
            assert_eq!((k, line, col), (K::BadEscape, 2, col_expected), "{string}");
            assert_eq!(d.message, message);
            assert_eq!(&t[d.span.clone()], shown);
        }
        let t = "claim c: t\n  quote \"at the end \\";
        let (k, line, col, d) = one(t);
        assert_eq!((k, line, col), (K::BadEscape, 2, 21));
        assert_eq!(d.message, "a backslash ends the line");
    }

    #[test]
    fn plain_strings_end_on_their_line() {
        for t in [
            "claim c: t\n  quote \"no end\n",
            "claim c: t\r\n  quote \"no end\r\nmore\"\r\n",
            "claim c: t\n  quote \"no end",
        ] {
            let (k, line, col, d) = one(t);
            assert_eq!((k, line, col), (K::Syntax, 2, 9), "{t:?}");
            assert_eq!(d.message, "unterminated string");
            assert_eq!(&t[d.span.clone()], "\"");
        }
    }

    #[test]
    fn raw_blocks() {
        let cases = [
            ("\"\"\"\nLine one\nLine two\n\"\"\"", "Line one\nLine two"),
            (
                "\"\"\"\r\nLine one\r\nLine two\r\n\"\"\"",
                "Line one\nLine two",
            ),
            ("\"\"\"inline\"\"\"", "inline"),
            (
                "\"\"\"\n\nkept blank lines\n\n\"\"\"",
                "\nkept blank lines\n",
            ),
            (
                "\"\"\"no \\n escapes, \"quotes\" ok\"\"\"",
                "no \\n escapes, \"quotes\" ok",
            ),
            ("\"\"\"\"\"\"", ""),
            ("\"\"\"\n\"\"\"", ""),
        ];
        for (raw, value) in cases {
            assert_eq!(quote_value(raw), value, "{raw:?}");
            let t = format!("claim c: t\n  quote {raw} @ s ¶1\nsource s = \"p\"\n");
            let file = ok(&t);
            let q = file.claims[0].quotes().next().unwrap();
            assert_eq!(&t[q.text.span.clone()], raw);
        }
        let (k, line, col, d) = one("claim c: t\n  quote \"\"\"\nnever\nclosed\n");
        assert_eq!((k, line, col), (K::Syntax, 2, 9));
        assert_eq!(d.message, "unterminated raw block");
        // Garbage after the closing delimiter is on the closing line.
        let (_, line, col, _) = one("claim c: t\n  quote \"\"\"\nx\n\"\"\" ¶2\n");
        assert_eq!((line, col), (4, 5));
    }

    #[test]
    fn comments_blank_lines_and_indentation() {
        let t = "# heading comment\n\n   \t\n  # indented comment\nsource s = \"p#not\" # c\n\
                 \t claim c: t\n\n      cite s # trailing\n# last line without newline";
        let file = ok(t);
        assert_eq!(file.sources[0].path.value, "p#not");
        assert_eq!(file.claims[0].cites().count(), 1);
        assert_eq!(ok("").claims.len(), 0);
        assert_eq!(ok("\n\n# only comments\n").sources.len(), 0);
        assert_eq!(ok("claim c: t").claims[0].text.value, "t");
    }

    #[test]
    fn crlf_files_parse_like_lf_files() {
        let crlf = SPEC_EXAMPLE.replace('\n', "\r\n");
        let a = ok(SPEC_EXAMPLE);
        let b = ok(&crlf);
        assert_eq!(a.claims.len(), b.claims.len());
        for (x, y) in a.claims.iter().zip(&b.claims) {
            assert_eq!(x.text.value, y.text.value);
            assert_eq!(x.items.len(), y.items.len());
            assert_eq!(&crlf[y.text.span.clone()], x.text.value);
        }
        let t = "claim c: t\r\n  cite nope ¶2\r\n";
        let (k, line, col, _) = one(t);
        assert_eq!((k, line, col), (K::UnknownSourceKey, 2, 8));
    }

    #[test]
    fn bom_is_skipped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(SPEC_EXAMPLE.as_bytes());
        let (text, result) = parse_bytes(&bytes);
        assert_eq!(text, SPEC_EXAMPLE);
        let file = result.unwrap();
        assert_eq!(&text[file.sources[0].key.span.clone()], "article");
        // `parse` skips it too; spans then count it.
        let with_bom = format!("\u{FEFF}{SPEC_EXAMPLE}");
        let file = ok(&with_bom);
        assert_eq!(&with_bom[file.sources[0].key.span.clone()], "article");
        // Only a leading one.
        let (k, _, _, _) = one("claim c: t\n\u{FEFF}cite s\n");
        assert_eq!(k, K::Syntax);
    }

    #[test]
    fn invalid_utf8_is_reported_at_the_first_bad_byte() {
        let bytes = b"claim c: caf\xE9 au lait\n";
        let (text, result) = parse_bytes(bytes);
        assert_eq!(text, "claim c: caf\u{FFFD} au lait\n");
        let ds = result.unwrap_err();
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].kind, K::InvalidUtf8);
        assert_eq!(ds[0].span, 12..15);
        assert_eq!(&text[ds[0].span.clone()], "\u{FFFD}");
        assert_eq!(ds[0].line_column(&text), (1, 13));
        assert_eq!(ds[0].message, "invalid UTF-8: byte 0xE9 at byte offset 12");
        // The message counts the BOM (a file offset); the span does not.
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(bytes);
        let (_, result) = parse_bytes(&with_bom);
        let ds = result.unwrap_err();
        assert_eq!(ds[0].span, 12..15);
        assert!(ds[0].message.ends_with("byte offset 15"));
    }

    #[test]
    fn semantic_errors_are_all_collected_in_order() {
        let t = "\
quote \"early\" @ s
claim a: one
  cite s ¶1
  cite nope ¶0
  expect supported
  expect partial
claim a: again
  expect maybe
source s = \"p\"
source s = \"q\"
";
        let ds = errs(t);
        let got: Vec<_> = ds
            .iter()
            .map(|d| {
                let (line, col) = d.line_column(t);
                (d.kind, line, col)
            })
            .collect();
        assert_eq!(
            got,
            [
                (K::ItemBeforeClaim, 1, 1),
                (K::UnknownSourceKey, 4, 8),
                (K::BadLocator, 4, 13),
                (K::BadExpect, 6, 3),
                (K::DuplicateClaimId, 7, 7),
                (K::BadExpect, 8, 10),
                (K::DuplicateSourceKey, 10, 8),
            ]
        );
        assert_eq!(ds[0].message, "`quote` before any claim");
        assert_eq!(ds[1].message, "unknown source key `nope`");
        assert_eq!(ds[1].expected, "one of the declared source keys: s");
        assert_eq!(ds[3].message, "second `expect` in one claim");
        assert_eq!(ds[4].message, "duplicate claim id `a`");
        assert_eq!(
            ds[4].expected,
            "an id not used before (`a` is the claim on line 2)"
        );
        assert_eq!(ds[5].message, "unknown verdict `maybe`");
        assert_eq!(ds[6].message, "duplicate source key `s`");
        assert_eq!(
            ds[6].expected,
            "a key not declared before (`s` is declared on line 9)"
        );
    }

    #[test]
    fn sources_may_be_declared_after_their_use() {
        let file = ok("claim c: t\n  cite late ¶1\nsource late = \"p\"\n");
        assert_eq!(file.sources[0].key.name, "late");
    }

    #[test]
    fn verdict_list_in_messages_is_complete() {
        for v in Verdict::ALL {
            assert!(VERDICT.contains(v.name()), "{v}");
        }
    }

    #[test]
    fn all_forms_fixture_uses_every_form() {
        let file = ok(ALL_FORMS);
        assert_eq!(file.sources.len(), 6);
        assert_eq!(file.sources[4].lang.as_ref().unwrap().name, "en-US");
        assert_eq!(
            file.sources[3].title.as_ref().unwrap().value,
            "L\u{2019}IA, outil de diplomatie"
        );
        let locators: Vec<&LocatorKind> = file
            .claims
            .iter()
            .flat_map(|c| &c.items)
            .filter_map(|i| match i {
                Item::Quote(q) => q.locator.as_ref(),
                Item::Cite(c) => c.locator.as_ref(),
                Item::Expect(_) => None,
            })
            .map(|l| &l.kind)
            .collect();
        for want in ["Paragraphs", "Lines", "Pages", "Section", "Chars"] {
            assert!(
                locators.iter().any(|k| format!("{k:?}").starts_with(want)),
                "{want}"
            );
        }
        let mut verdicts: Vec<_> = file
            .claims
            .iter()
            .filter_map(|c| c.expect().map(|e| e.verdict))
            .collect();
        verdicts.sort();
        assert_eq!(verdicts, Verdict::ALL);
        let escapes = file.claims.iter().find(|c| c.id.name == "escapes").unwrap();
        assert_eq!(
            escapes.text.value,
            "Tab\there, newline\nthere, backslash \\, quote \", e\u{301} and 🇺🇸"
        );
        let acclaim = file.claims.iter().find(|c| c.id.name == "acclaim").unwrap();
        assert_eq!(
            acclaim.text.value,
            "\"Leaders,\" the release says, \"praised the plan.\""
        );
        assert_eq!(file.claims.last().unwrap().id.name, "42");
    }

    #[test]
    fn error_fixtures_give_their_kind() {
        let fixtures: [(&str, &[u8]); 9] = [
            (
                "syntax",
                include_bytes!("../../tests/fixtures/errors/syntax.claims"),
            ),
            (
                "invalid-utf8",
                include_bytes!("../../tests/fixtures/errors/invalid-utf8.claims"),
            ),
            (
                "unknown-source-key",
                include_bytes!("../../tests/fixtures/errors/unknown-source-key.claims"),
            ),
            (
                "duplicate-claim-id",
                include_bytes!("../../tests/fixtures/errors/duplicate-claim-id.claims"),
            ),
            (
                "duplicate-source-key",
                include_bytes!("../../tests/fixtures/errors/duplicate-source-key.claims"),
            ),
            (
                "item-before-claim",
                include_bytes!("../../tests/fixtures/errors/item-before-claim.claims"),
            ),
            (
                "bad-locator",
                include_bytes!("../../tests/fixtures/errors/bad-locator.claims"),
            ),
            (
                "bad-escape",
                include_bytes!("../../tests/fixtures/errors/bad-escape.claims"),
            ),
            (
                "bad-expect",
                include_bytes!("../../tests/fixtures/errors/bad-expect.claims"),
            ),
        ];
        for (name, bytes) in fixtures {
            let (text, result) = parse_bytes(bytes);
            let ds = result.expect_err(name);
            assert_eq!(ds.len(), 1, "{name}: {ds:#?}");
            assert_eq!(ds[0].kind.name(), name);
            let rendered = ds[0].render(&format!("{name}.claims"), &text, false);
            assert!(
                rendered.contains(&format!("error[{}]", ds[0].kind.code())),
                "{rendered}"
            );
        }
    }

    use crate::test_rng::Lcg;

    /// Parses and renders; checks that spans are in bounds and on boundaries.
    fn survives(bytes: &[u8]) {
        let (text, result) = parse_bytes(bytes);
        match result {
            Ok(file) => {
                for c in &file.claims {
                    assert!(text.get(c.span.clone()).is_some());
                    assert!(text.get(c.text.span.clone()).is_some());
                }
            }
            Err(ds) => {
                assert!(!ds.is_empty());
                for d in ds {
                    assert!(text.get(d.span.clone()).is_some(), "{d:?} in {text:?}");
                    let out = d.render("f.claims", &text, false);
                    assert!(out.contains("f.claims:"), "{out}");
                }
            }
        }
    }

    #[test]
    fn no_panic_on_truncations_of_a_valid_file() {
        let bytes = ALL_FORMS.as_bytes();
        for end in 0..=bytes.len() {
            survives(&bytes[..end]);
        }
        let crlf = ALL_FORMS.replace('\n', "\r\n");
        for end in (0..=crlf.len()).step_by(7) {
            survives(&crlf.as_bytes()[..end]);
        }
    }

    #[test]
    fn no_panic_on_garbage() {
        const PIECES: &[&str] = &[
            "source",
            "claim",
            "quote",
            "cite",
            "expect",
            " ",
            "\t",
            "\n",
            "\r\n",
            "\r",
            "\"",
            "\"\"\"",
            "\\",
            "\\u{",
            "}",
            "#",
            "=",
            ":",
            "@",
            "¶",
            "§",
            "–",
            "-",
            "..",
            "p.",
            "pp.",
            "para",
            "lines",
            "chars",
            "0",
            "1",
            "9",
            "99999999999999999999999",
            "x",
            "key",
            "é",
            "\u{FEFF}",
            "supported",
            "lang",
            "title",
        ];
        let mut rng = Lcg(0x5eed);
        for _ in 0..3000 {
            let len = rng.below(40);
            let mut bytes = Vec::new();
            for _ in 0..len {
                if rng.below(8) == 0 {
                    bytes.push(rng.next() as u8);
                } else {
                    bytes.extend_from_slice(PIECES[rng.below(PIECES.len())].as_bytes());
                }
            }
            survives(&bytes);
        }
        // And mutations of a valid file: one byte replaced or removed.
        let base = ALL_FORMS.as_bytes();
        for _ in 0..1500 {
            let mut bytes = base.to_vec();
            let at = rng.below(bytes.len());
            if rng.below(2) == 0 {
                bytes[at] = rng.next() as u8;
            } else {
                bytes.remove(at);
            }
            survives(&bytes);
        }
    }

    #[test]
    fn large_inputs_parse_whole() {
        let mut big = String::from("source s = \"p\"\n");
        for n in 0..10_000 {
            big.push_str(&format!(
                "claim c{n}: Claim number {n} # with a hash\n  quote \"some \\\"quoted\\\" words {n}\" @ s ¶{n}-{}\n  cite s lines 1-2\n  expect supported\n",
                n + 1
            ));
        }
        let file = ok(&big.replace("¶0-", "¶1-"));
        assert_eq!(file.claims.len(), 10_000);

        let long_line = format!("claim c: {}\n", "word ".repeat(200_000));
        let long_string = format!("claim c: t\n  quote \"{}\"\n", "wörd ".repeat(200_000));
        let long_raw = format!(
            "claim c: t\n  quote \"\"\"\n{}\n\"\"\"\n",
            "line\n".repeat(200_000)
        );
        assert_eq!(ok(&long_line).claims[0].text.value.len(), 999_999);
        assert_eq!(ok(&long_string).claims[0].items.len(), 1);
        assert_eq!(ok(&long_raw).claims[0].items.len(), 1);
    }
}
