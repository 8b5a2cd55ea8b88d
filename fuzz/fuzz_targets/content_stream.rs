//! Content streams written from a fuzzer's bytes, for the `pdf_content`
//! and `pdf_pieces` targets: operations of operands and an operator, with
//! comments and one more line of the target's between them.

/// What a target's streams are written from.
pub struct Alphabet {
    pub operators: &'static [&'static str],
    /// A line written between operations.
    pub line: &'static [u8],
    /// The names an operand may be.
    pub names: [&'static [u8]; 2],
}

/// A content stream written from `bytes` in `alphabet`.
pub fn stream(bytes: &[u8], alphabet: &Alphabet) -> Vec<u8> {
    let mut out = Vec::new();
    let mut it = bytes.iter().copied();
    while let Some(b) = it.next() {
        match b % 16 {
            0 => out.extend_from_slice(b"% a comment ) ( BT Tj\n"),
            1 => out.extend_from_slice(alphabet.line),
            _ => {
                for _ in 0..(b / 16) % 4 {
                    operand(&mut out, it.next().unwrap_or(0), &mut it, 0, alphabet);
                    out.push(b' ');
                }
                let ops = alphabet.operators;
                let op = ops[it.next().unwrap_or(0) as usize % ops.len()];
                out.extend_from_slice(op.as_bytes());
                out.push(if b & 1 == 0 { b'\n' } else { b' ' });
            }
        }
    }
    out
}

fn operand(
    out: &mut Vec<u8>,
    b: u8,
    it: &mut impl Iterator<Item = u8>,
    depth: u8,
    alphabet: &Alphabet,
) {
    match b % 8 {
        0 => out.extend_from_slice(format!("{}", b as i32 - 128).as_bytes()),
        1 => out.extend_from_slice(format!("{:.2}", b as f32 / 7.0).as_bytes()),
        2 => out.extend_from_slice(alphabet.names[usize::from(b & 8 != 0)]),
        3 => {
            // A string with balanced and escaped parentheses and a backslash.
            let pieces: [&[u8]; 6] = [b"a", b"(m)", b"\\)", b"\\\\", b"re l", b"\\("];
            out.push(b'(');
            for _ in 0..b / 32 + 1 {
                out.extend_from_slice(pieces[it.next().unwrap_or(0) as usize % pieces.len()]);
            }
            out.push(b')');
        }
        4 => out.extend_from_slice(b"<4142>"),
        5 if depth < 3 => {
            out.push(b'[');
            for _ in 0..b / 64 {
                operand(out, it.next().unwrap_or(0), it, depth + 1, alphabet);
                out.push(b' ');
            }
            out.push(b']');
        }
        6 if depth < 3 => {
            out.extend_from_slice(b"<</K ");
            operand(out, it.next().unwrap_or(0), it, depth + 1, alphabet);
            out.extend_from_slice(b">>");
        }
        _ => out.extend_from_slice(b"true"),
    }
}
