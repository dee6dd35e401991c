//! Pre-segmented input: one segment per line, never re-split.

use crate::document::Segment;

/// Cut a pre-segmented text: every non-blank line is one segment (without its line
/// break and surrounding whitespace); blank lines separate paragraphs.
pub fn presegmented(text: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut paragraph = 0u32;
    let mut blank_run = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        let body = trimmed.trim_end();
        if body.is_empty() {
            blank_run = !segments.is_empty();
            continue;
        }
        if blank_run {
            paragraph += 1;
            blank_run = false;
        }
        let s = start + lead;
        segments.push(Segment {
            start: s,
            end: s + body.len(),
            paragraph,
        });
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_segment_per_line_and_blank_lines_make_paragraphs() {
        let text = "  First. Second.\r\nThird\n\n\nFourth\n";
        let segs = presegmented(text);
        let texts: Vec<_> = segs.iter().map(|s| s.text(text)).collect();
        assert_eq!(texts, ["First. Second.", "Third", "Fourth"]);
        let paras: Vec<_> = segs.iter().map(|s| s.paragraph).collect();
        assert_eq!(paras, [0, 0, 1]);
    }

    #[test]
    fn text_without_final_newline_keeps_its_last_line() {
        let segs = presegmented("a\nb");
        assert_eq!(segs.len(), 2);
        assert_eq!(
            segs[1],
            Segment {
                start: 2,
                end: 3,
                paragraph: 0
            }
        );
    }
}
