//! Segmenting and aligning texts.

use dragoman_core::align::{AlignOptions, align};
use dragoman_core::editor::NewText;
use dragoman_core::segment::Segmenter;
use dragoman_core::{Bead, Document, LanguageTag, source};
use serde::{Deserialize, Serialize};
use tauri::State;

use super::upload::{UploadId, Uploads};
use crate::error::{AppError, off_the_ui_thread};
use crate::workspace::Workspace;

/// One language version of a text.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct LanguageText {
    /// Its language tag (`ru`, `az`, `en`, …).
    pub lang: String,
    /// The text as written.
    pub text: String,
}

impl LanguageText {
    /// A text in `lang`.
    pub fn new(lang: &str, text: &str) -> Self {
        Self {
            lang: lang.to_string(),
            text: text.to_string(),
        }
    }

    /// The text as a document cut by the built-in rules of its language.
    pub(crate) fn segment(self) -> Result<Document, AppError> {
        let lang = LanguageTag::parse(&self.lang)?;
        let segments = Segmenter::builtin(&lang).split(&self.text);
        Ok(Document {
            name: self.lang,
            lang,
            text: self.text,
            segments,
        })
    }
}

/// A document read for a new alignment: its plain text and the language it seems to be in.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct DocumentText {
    /// The text, a blank line between paragraphs.
    pub text: String,
    /// `ru`, `az` or `en`, or none when the text is none of them or too short to tell.
    pub lang: Option<String>,
}

/// Read a dropped or picked file `name` (TXT, DOCX or HTML, by its name's extension),
/// sent as `upload`, as plain text and identify its language.
#[tauri::command]
#[specta::specta]
pub async fn read_document(
    workspace: State<'_, Workspace>,
    uploads: State<'_, Uploads>,
    upload: UploadId,
    name: String,
) -> Result<DocumentText, AppError> {
    let bytes = uploads.take(upload)?;
    let limits = workspace.limits();
    off_the_ui_thread(move || {
        let text = source::read(&name, &bytes, &limits)?;
        let lang = LanguageTag::identify(&text).map(|l| l.to_string());
        Ok(DocumentText { text, lang })
    })
    .await
}

/// One version of the text for a new alignment project.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct TextToAlign {
    /// The file it came from, or a name for pasted text.
    pub name: String,
    /// Its language tag.
    pub lang: String,
    /// The text.
    pub text: String,
    /// An imported SRX 2.0 file's content, to segment by instead of the built-in rules.
    pub srx: Option<String>,
}

impl TryFrom<TextToAlign> for NewText {
    type Error = AppError;
    fn try_from(t: TextToAlign) -> Result<Self, AppError> {
        Ok(Self {
            lang: LanguageTag::parse(&t.lang)?,
            name: t.name,
            text: t.text,
            srx: t.srx,
        })
    }
}

/// One segment as the UI shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct SegmentText {
    /// Byte offset of its first byte in the text.
    pub start: u32,
    /// Byte offset one past its last byte.
    pub end: u32,
    /// The segment's text.
    pub text: String,
}

/// A bead as the UI shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct AlignedBead {
    /// For each text, in the order given, its segments in this bead (none when the text
    /// has nothing here).
    pub sides: Vec<Vec<SegmentText>>,
    /// How sure the aligner is of this bead, in `[0, 1]`.
    pub confidence: f32,
}

impl AlignedBead {
    fn new(bead: &Bead, docs: &[Document]) -> Self {
        let sides = bead.sides.iter().zip(docs).map(|(range, doc)| {
            let segment = |s: &dragoman_core::Segment| SegmentText {
                start: s.start as u32,
                end: s.end as u32,
                text: s.text(&doc.text).to_string(),
            };
            doc.segments[range.clone()].iter().map(segment).collect()
        });
        Self {
            sides: sides.collect(),
            confidence: bead.confidence,
        }
    }
}

/// Segment two or three texts by the built-in rules of their languages and align them.
#[tauri::command]
#[specta::specta]
pub async fn align_texts(texts: Vec<LanguageText>) -> Result<Vec<AlignedBead>, AppError> {
    off_the_ui_thread(move || {
        let docs: Vec<Document> = texts
            .into_iter()
            .map(LanguageText::segment)
            .collect::<Result<_, _>>()?;
        let alignment = align(&docs, &AlignOptions::default())?;
        Ok(alignment
            .beads
            .iter()
            .map(|b| AlignedBead::new(b, &docs))
            .collect())
    })
    .await
}
