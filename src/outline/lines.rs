//! Splitting text into lines with char offsets.

use super::heading::is_blank;

/// One line of the text, in char offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// Line number, from 0.
    pub index: usize,
    /// First char of the line.
    pub start: usize,
    /// First non-blank char (== `content_end` for blank lines).
    pub content_start: usize,
    /// One past the last non-blank char.
    pub content_end: usize,
}

impl Line {
    /// True when the line holds only blanks.
    pub fn is_blank(&self) -> bool {
        self.content_start >= self.content_end
    }
}

/// Split at `\n`, `\r\n`, `\r` and U+2028/2029.
pub fn split_lines(chars: &[char]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i <= chars.len() {
        let at_end = i == chars.len();
        let c = chars.get(i).copied().unwrap_or('\n');
        if at_end || matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            let mut content_start = start;
            while content_start < i && is_blank(chars[content_start]) {
                content_start += 1;
            }
            let mut content_end = i;
            while content_end > content_start && is_blank(chars[content_end - 1]) {
                content_end -= 1;
            }
            lines.push(Line { index: lines.len(), start, content_start, content_end });
            if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_offsets() {
        let chars: Vec<char> = "　　一、总体\r\n\n  甲".chars().collect();
        let lines = split_lines(&chars);
        assert_eq!(lines.len(), 3);
        assert_eq!((lines[0].content_start, lines[0].content_end), (2, 6));
        assert!(lines[1].is_blank());
        assert_eq!((lines[2].start, lines[2].content_start), (9, 11));
    }
}
