//! Making a new project from two or three texts: segmenting each by its language's
//! rules, aligning, saving, with progress between the steps and a way to stop.

use std::ops::ControlFlow;

use crate::store::Connection;

use super::EditorError;
use super::grid::EditableAlignment;
use super::project::AlignmentProject;
use crate::Timestamp;
use crate::align::{AlignOptions, align};
use crate::document::Document;
use crate::lang::LanguageTag;
use crate::limits::Limits;
use crate::segment::Segmenter;

/// One version of the text for a new alignment.
#[derive(Debug, Clone)]
pub struct NewText {
    /// Where it came from (a file name, or a name for pasted text).
    pub name: String,
    /// Its language.
    pub lang: LanguageTag,
    /// The text.
    pub text: String,
    /// SRX 2.0 rules to segment it by instead of the built-in ones.
    pub srx: Option<String>,
}

impl NewText {
    fn segment(self, limits: &Limits) -> Result<Document, EditorError> {
        let segmenter = match &self.srx {
            None => Segmenter::builtin(&self.lang),
            Some(srx) => Segmenter::from_srx(srx, &self.lang, limits).map_err(|source| {
                EditorError::Rules {
                    document: self.name.clone(),
                    source,
                }
            })?,
        };
        let segments = segmenter.split(&self.text);
        Ok(Document {
            name: self.name,
            lang: self.lang,
            text: self.text,
            segments,
        })
    }
}

impl AlignmentProject {
    /// Segment `texts`, align them and store the result as a new project called `name`;
    /// SRX rules are read within `limits`.
    ///
    /// `progress` hears `(done, total)` after each step: one per text segmented, the
    /// alignment, the save. When it breaks, the work stops before anything is saved and
    /// [`EditorError::Cancelled`] is returned.
    pub fn align_new(
        conn: &mut Connection,
        name: &str,
        texts: Vec<NewText>,
        now: Timestamp,
        limits: &Limits,
        progress: &mut dyn FnMut(usize, usize) -> ControlFlow<()>,
    ) -> Result<Self, EditorError> {
        let total = texts.len() + 2;
        let mut step = |done: usize| match progress(done, total) {
            ControlFlow::Continue(()) => Ok(()),
            ControlFlow::Break(()) => Err(EditorError::Cancelled),
        };
        step(0)?;
        let mut docs = Vec::with_capacity(texts.len());
        for text in texts {
            docs.push(text.segment(limits)?);
            step(docs.len())?;
        }
        let alignment = align(&docs, &AlignOptions::default())?;
        step(docs.len() + 1)?;
        let editable = EditableAlignment::from_alignment(&docs, &alignment)?;
        let project = Self::create(conn, name, editable, now)?;
        // The project is saved: the last report cannot cancel it any more.
        let _ = progress(total, total);
        Ok(project)
    }
}
