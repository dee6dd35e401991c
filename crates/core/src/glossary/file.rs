//! Glossary files by format: the one place that picks the reader or writer for TBX, CSV,
//! TSV or XLSX, for the command line and the app alike.

use thiserror::Error;

use super::table::TableError;
use super::tbx::TbxError;
use super::{Concept, csv, tbx, xlsx};
use crate::lang::LanguageTag;
use crate::limits::Limits;
use crate::text::TextError;

/// A glossary file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlossaryFile {
    /// TermBase eXchange, TBX-Basic v3.
    Tbx,
    /// Comma-separated table, one concept a row.
    Csv,
    /// Tab-separated table, one concept a row.
    Tsv,
    /// Excel workbook, one concept a row.
    Xlsx,
}

/// Why a glossary file cannot be read or written.
#[derive(Debug, Error)]
pub enum GlossaryFileError {
    /// The bytes are not text in an encoding we read.
    #[error(transparent)]
    Text(#[from] TextError),
    /// The TBX is malformed.
    #[error(transparent)]
    Tbx(#[from] TbxError),
    /// The table (CSV, TSV or workbook) is malformed.
    #[error(transparent)]
    Table(#[from] TableError),
    /// The workbook cannot be written.
    #[error("cannot write the workbook: {0}")]
    Xlsx(String),
    /// The file cannot be written.
    #[error(transparent)]
    Write(#[from] std::io::Error),
}

impl GlossaryFile {
    /// The format a file extension names (`csv`, `tsv`/`txt`/`tab`, `xlsx`, `tbx`/`xml`),
    /// in any case.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "csv" => Some(Self::Csv),
            "tsv" | "txt" | "tab" => Some(Self::Tsv),
            "xlsx" => Some(Self::Xlsx),
            "tbx" | "xml" => Some(Self::Tbx),
            _ => None,
        }
    }

    /// The extension files of this format are written with.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Tbx => "tbx",
            Self::Csv => "csv",
            Self::Tsv => "tsv",
            Self::Xlsx => "xlsx",
        }
    }

    /// Read the concepts of a file in this format within `limits`; a table takes the
    /// concept id from `id_column` (default `id`).
    pub fn read(
        self,
        bytes: &[u8],
        id_column: Option<&str>,
        limits: &Limits,
    ) -> Result<Vec<Concept>, GlossaryFileError> {
        let text = || crate::text::decode(bytes);
        // A table is read line by line; a TBX file limits the text it takes out.
        let lines = || -> Result<String, TextError> {
            let text = text()?;
            crate::text::check_lines(&text, limits)?;
            Ok(text)
        };
        Ok(match self {
            Self::Tbx => tbx::read(&text()?, limits)?,
            Self::Csv => csv::read(&lines()?, b',', id_column, limits)?,
            Self::Tsv => csv::read(&lines()?, b'\t', id_column, limits)?,
            Self::Xlsx => xlsx::read(bytes, id_column, limits)?,
        })
    }

    /// Write `concepts` in this format; a table has a column per language of `langs`.
    pub fn write(
        self,
        concepts: &[Concept],
        langs: &[LanguageTag],
    ) -> Result<Vec<u8>, GlossaryFileError> {
        let mut bytes = Vec::new();
        match self {
            Self::Tbx => tbx::write(&mut bytes, concepts)?,
            Self::Csv => csv::write(&mut bytes, b',', concepts, langs)?,
            Self::Tsv => csv::write(&mut bytes, b'\t', concepts, langs)?,
            Self::Xlsx => {
                bytes = xlsx::write(concepts, langs)
                    .map_err(|e| GlossaryFileError::Xlsx(e.to_string()))?;
            }
        }
        Ok(bytes)
    }
}

/// The languages `concepts` have terms in, in the order first met: a table's columns.
pub fn languages(concepts: &[Concept]) -> Vec<LanguageTag> {
    let mut seen: Vec<LanguageTag> = Vec::new();
    for t in concepts.iter().flat_map(|c| &c.terms) {
        if !seen.contains(&t.lang) {
            seen.push(t.lang.clone());
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Term;

    fn concept(id: &str, ru: &str, en: &str) -> Concept {
        let lang = |t: &str| LanguageTag::parse(t).unwrap();
        Concept {
            id: id.into(),
            terms: vec![Term::new(lang("ru"), ru), Term::new(lang("en"), en)],
            ..Concept::default()
        }
    }

    #[test]
    fn every_format_reads_back_what_it_writes() {
        let concepts = vec![
            concept("c1", "межрегиональный форум", "inter-regional forum"),
            concept("c2", "переговоры", "talks"),
        ];
        let langs = languages(&concepts);
        assert_eq!(
            langs.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
            ["ru", "en"]
        );
        for format in [
            GlossaryFile::Tbx,
            GlossaryFile::Csv,
            GlossaryFile::Tsv,
            GlossaryFile::Xlsx,
        ] {
            let bytes = format.write(&concepts, &langs).unwrap();
            let read = format.read(&bytes, None, &Limits::default()).unwrap();
            let terms = |cs: &[Concept]| {
                cs.iter()
                    .map(|c| {
                        (
                            c.id.clone(),
                            c.terms.iter().map(|t| t.text.clone()).collect::<Vec<_>>(),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(terms(&read), terms(&concepts), "{format:?}");
            assert_eq!(
                GlossaryFile::from_extension(format.extension()),
                Some(format)
            );
        }
        assert_eq!(GlossaryFile::from_extension("TAB"), Some(GlossaryFile::Tsv));
        assert_eq!(GlossaryFile::from_extension("docx"), None);
    }

    #[test]
    fn a_malformed_file_says_what_is_wrong() {
        let limits = Limits::default();
        let bad = GlossaryFile::Tbx.read(b"<tbx><text><body><conceptEntry>", None, &limits);
        assert!(matches!(bad, Err(GlossaryFileError::Tbx(_))), "{bad:?}");
        let bad = GlossaryFile::Csv.read(b"id,ru,en\nc1,x\n", None, &limits);
        assert!(matches!(bad, Err(GlossaryFileError::Table(_))), "{bad:?}");
    }
}
