//! The editable alignment: beads holding segment texts, one column per document.

use serde::{Deserialize, Serialize};

use super::EditorError;
use crate::document::{Alignment, Document};
use crate::lang::LanguageTag;
pub use crate::store::alignments::EditBead;

impl EditBead {
    /// A bead with no segments in any of `columns` columns.
    pub fn empty(columns: usize) -> Self {
        Self {
            segments: vec![Vec::new(); columns],
            confidence: 0.0,
            confirmed: false,
            approved: false,
        }
    }

    /// Whether no column has a segment here.
    pub fn is_empty(&self) -> bool {
        self.segments.iter().all(Vec::is_empty)
    }
}

/// Where a segment is: its bead, its column (document) and its place in that bead's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentRef {
    /// Index of the bead.
    pub bead: usize,
    /// Index of the column (document).
    pub column: usize,
    /// Index of the segment within the bead's column.
    pub segment: usize,
}

/// Two or three documents' segments grouped into beads, as the translator edits them.
///
/// The editor owns the segment texts rather than byte spans into the documents, since
/// the translator may rewrite, split and join them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditableAlignment {
    pub(super) languages: Vec<LanguageTag>,
    pub(super) documents: Vec<String>,
    pub(super) beads: Vec<EditBead>,
}

impl EditableAlignment {
    /// The editor's view of what the aligner made of `docs`.
    pub fn from_alignment(docs: &[Document], alignment: &Alignment) -> Result<Self, EditorError> {
        if !(2..=3).contains(&docs.len()) {
            return Err(EditorError::DocumentCount(docs.len()));
        }
        let mut beads = Vec::with_capacity(alignment.beads.len());
        for (b, bead) in alignment.beads.iter().enumerate() {
            let fits = bead.sides.len() == docs.len()
                && bead
                    .sides
                    .iter()
                    .zip(docs)
                    .all(|(r, d)| r.end <= d.segments.len());
            if !fits {
                return Err(EditorError::AlignmentMismatch { bead: b });
            }
            beads.push(EditBead {
                segments: bead
                    .sides
                    .iter()
                    .zip(docs)
                    .map(|(r, d)| r.clone().map(|i| d.segment_text(i).to_string()).collect())
                    .collect(),
                confidence: bead.confidence,
                confirmed: false,
                approved: false,
            });
        }
        Ok(Self {
            languages: docs.iter().map(|d| d.lang.clone()).collect(),
            documents: docs.iter().map(|d| d.name.clone()).collect(),
            beads,
        })
    }

    /// An alignment of beads already built (read back from the store).
    pub fn from_beads(
        languages: Vec<LanguageTag>,
        documents: Vec<String>,
        beads: Vec<EditBead>,
    ) -> Result<Self, EditorError> {
        if !(2..=3).contains(&languages.len()) || documents.len() != languages.len() {
            return Err(EditorError::DocumentCount(languages.len()));
        }
        if let Some(b) = beads
            .iter()
            .position(|b| b.segments.len() != languages.len())
        {
            return Err(EditorError::AlignmentMismatch { bead: b });
        }
        Ok(Self {
            languages,
            documents,
            beads,
        })
    }

    /// The language of each column.
    pub fn languages(&self) -> &[LanguageTag] {
        &self.languages
    }

    /// The document name of each column.
    pub fn documents(&self) -> &[String] {
        &self.documents
    }

    /// The beads in order.
    pub fn beads(&self) -> &[EditBead] {
        &self.beads
    }

    /// How many columns (documents) the alignment has.
    pub fn columns(&self) -> usize {
        self.languages.len()
    }

    /// The text of bead `bead` in `column`: its segments joined as the language joins
    /// sentences.
    pub fn side_text(&self, bead: usize, column: usize) -> String {
        join_all(&self.languages[column], &self.beads[bead].segments[column])
    }

    /// The segment `at` points to, or why there is none.
    pub fn segment(&self, at: SegmentRef) -> Result<&str, EditorError> {
        let bead = self
            .beads
            .get(at.bead)
            .ok_or(EditorError::NoSuchBead { bead: at.bead })?;
        let column = bead
            .segments
            .get(at.column)
            .ok_or(EditorError::NoSuchColumn { column: at.column })?;
        column
            .get(at.segment)
            .map(String::as_str)
            .ok_or(EditorError::NoSuchSegment { at })
    }

    /// The beads as a plain-text table, one line per bead: flags, confidence, then each
    /// column's segments separated by ` | `; for tests and the command line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for bead in &self.beads {
            let flags = format!(
                "{}{}",
                if bead.confirmed { 'C' } else { '.' },
                if bead.approved { 'A' } else { '.' }
            );
            let cells: Vec<String> = bead.segments.iter().map(|s| s.join(" | ")).collect();
            out.push_str(&format!(
                "{flags} {:.2} {}\n",
                bead.confidence,
                cells.join(" ‖ ")
            ));
        }
        out
    }
}

/// Join two sentences of `lang` into one: with a space, except in scripts written
/// without spaces between words.
pub fn join_segments(lang: &LanguageTag, first: &str, second: &str) -> String {
    let (first, second) = (first.trim_end(), second.trim_start());
    if matches!(lang.primary(), "zh" | "ja" | "th" | "lo" | "km" | "my") {
        format!("{first}{second}")
    } else {
        format!("{first} {second}")
    }
}

fn join_all(lang: &LanguageTag, segments: &[String]) -> String {
    let mut segments = segments.iter();
    let first = segments.next().cloned().unwrap_or_default();
    segments.fold(first, |text, s| join_segments(lang, &text, s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{AlignOptions, align};
    use crate::segment;

    fn doc(lang: &str, text: &str) -> Document {
        Document {
            name: format!("{lang}.txt"),
            lang: LanguageTag::parse(lang).unwrap(),
            text: text.into(),
            segments: segment::presegmented(text),
        }
    }

    #[test]
    fn takes_the_aligners_beads_with_their_texts() {
        let docs = [
            doc("ru", "Форум открылся.\nОн продлится два дня.\n"),
            doc("en", "The forum opened.\nIt lasts two days.\n"),
        ];
        let alignment = align(&docs, &AlignOptions::default()).unwrap();
        let grid = EditableAlignment::from_alignment(&docs, &alignment).unwrap();
        assert_eq!(grid.documents(), ["ru.txt", "en.txt"]);
        assert_eq!(grid.beads().len(), 2);
        assert_eq!(grid.beads()[1].segments[0], ["Он продлится два дня."]);
        assert_eq!(grid.beads()[1].segments[1], ["It lasts two days."]);
        assert!(matches!(
            EditableAlignment::from_alignment(&docs[..1], &alignment),
            Err(EditorError::DocumentCount(1))
        ));
    }

    #[test]
    fn joins_sentences_with_a_space_except_in_scripts_without_spaces() {
        let en = LanguageTag::parse("en").unwrap();
        let ja = LanguageTag::parse("ja").unwrap();
        assert_eq!(join_segments(&en, "One. ", " Two."), "One. Two.");
        assert_eq!(join_segments(&ja, "一。", "二。"), "一。二。");
    }
}
