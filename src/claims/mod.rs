//! The claims language: its syntax tree, its nom grammar and its diagnostics.
//! The grammar is documented in `docs/claims-format.md` and beside the parser.

pub mod ast;
mod diagnostic;
mod parse;

pub use ast::*;
pub use diagnostic::{line_column, render_error, Diagnostic, DiagnosticKind};
pub use parse::{parse, parse_bytes, parse_locator};
