/// Line starts of a text, for 1-based line and column (in characters) of a
/// byte offset.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|s| *s <= offset);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_from_one_in_characters() {
        let idx = LineIndex::new("ab\n«é» x\n");
        assert_eq!(idx.line_column(0), (1, 1));
        assert_eq!(idx.line_column(3), (2, 1));
        assert_eq!(idx.line_column(3 + "«é» ".len()), (2, 5));
        assert_eq!(idx.line_column(999), (3, 1));
    }
}
