//! Documents, segments and beads: the shapes every other area works on.

use std::ops::Range;

use crate::lang::LanguageTag;

/// One sentence-like piece of a document, as a byte span into the document's text.
///
/// The span excludes the whitespace between segments; `paragraph` counts the blank-line
/// separated paragraphs from zero, so the aligner can use paragraph ends as soft anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Segment {
    /// Byte offset of the first byte of the segment.
    pub start: usize,
    /// Byte offset one past the last byte of the segment.
    pub end: usize,
    /// Index of the paragraph the segment belongs to.
    pub paragraph: u32,
}

impl Segment {
    /// The segment's text within the text it was cut from.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// One language version of a text, cut into segments.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where the text came from (a file path or a name the user gave), for messages.
    pub name: String,
    /// The language the text is written in.
    pub lang: LanguageTag,
    /// The text exactly as the translator wrote it.
    pub text: String,
    /// The segments in document order; they never overlap.
    pub segments: Vec<Segment>,
}

impl Document {
    /// The text of segment `i`.
    pub fn segment_text(&self, i: usize) -> &str {
        self.segments[i].text(&self.text)
    }

    /// The byte span covering segments `range` (first start to last end), or `None` when
    /// the range is empty.
    pub fn span_of(&self, range: &Range<usize>) -> Option<Range<usize>> {
        if range.is_empty() {
            return None;
        }
        Some(self.segments[range.start].start..self.segments[range.end - 1].end)
    }
}

/// A group of segments, one run per document, that translate each other.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    /// For each document (in the order the alignment was given them), the indices of its
    /// segments in this bead; an empty range means the document has nothing here.
    pub sides: Vec<Range<usize>>,
    /// How sure the aligner is of this bead, in `[0, 1]`.
    pub confidence: f32,
}

/// The beads of an alignment, in document order, covering every segment exactly once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    /// Beads in document order.
    pub beads: Vec<Bead>,
}

impl Alignment {
    /// The shape of each bead, such as `1-1` or `2-0-1`, for tables and tests.
    pub fn shapes(&self) -> Vec<String> {
        self.beads
            .iter()
            .map(|b| {
                b.sides
                    .iter()
                    .map(|r| r.len().to_string())
                    .collect::<Vec<_>>()
                    .join("-")
            })
            .collect()
    }
}
