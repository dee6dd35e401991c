//! Glossary files by format: the one place that picks the reader or writer for TBX (v3
//! or v2), CSV, TSV, XLSX or OmegaT's glossary, for the command line and the app alike.

use thiserror::Error;

use super::table::{TableError, TableLayout};
use super::tbx::TbxError;
use super::{Concept, csv, omegat, tbx, xlsx};
use crate::lang::LanguageTag;
use crate::limits::Limits;
use crate::text::TextError;

/// A glossary file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlossaryFile {
    /// TermBase eXchange, TBX-Basic v3 (read: either version).
    Tbx,
    /// TermBase eXchange, TBX-Basic v2 (`martif`), for OmegaT and translate-toolkit.
    Tbx2,
    /// OmegaT's glossary: no header, source and target term and a comment, tab-separated.
    OmegaT,
    /// Comma-separated table, one concept a row.
    Csv,
    /// Tab-separated table, one concept a row.
    Tsv,
    /// Excel workbook, one concept a row.
    Xlsx,
}

/// A glossary file as read for import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryRead {
    /// Its concepts.
    pub concepts: Vec<Concept>,
    /// The lines of table rows shorter than the header, read with the missing cells
    /// empty.
    pub short_rows: Vec<u64>,
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
    /// An OmegaT glossary names no languages: the translator must, source then target.
    #[error(
        "an OmegaT glossary has no header: name its source and target languages (--langs ru,en)"
    )]
    OmegaTLanguages,
}

impl GlossaryFile {
    /// The format a file extension names (`csv`, `tsv`/`txt`, `utf8`/`tab` for OmegaT,
    /// `xlsx`, `tbx`/`xml`), in any case.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "csv" => Some(Self::Csv),
            "tsv" | "txt" => Some(Self::Tsv),
            "utf8" | "tab" => Some(Self::OmegaT),
            "xlsx" => Some(Self::Xlsx),
            "tbx" | "xml" => Some(Self::Tbx),
            _ => None,
        }
    }

    /// The extension files of this format are written with.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Tbx | Self::Tbx2 => "tbx",
            Self::OmegaT => "utf8",
            Self::Csv => "csv",
            Self::Tsv => "tsv",
            Self::Xlsx => "xlsx",
        }
    }

    /// Read the concepts of a file in this format within `limits`; a table takes the
    /// concept id from `id_column` (default `id`), an OmegaT glossary its languages from
    /// `langs` (source, target).
    pub fn read(
        self,
        bytes: &[u8],
        id_column: Option<&str>,
        langs: &[LanguageTag],
        limits: &Limits,
    ) -> Result<Vec<Concept>, GlossaryFileError> {
        Ok(self
            .read_reporting(bytes, id_column, langs, limits)?
            .concepts)
    }

    /// [`read`](Self::read), with what an import reports besides the concepts.
    pub fn read_reporting(
        self,
        bytes: &[u8],
        id_column: Option<&str>,
        langs: &[LanguageTag],
        limits: &Limits,
    ) -> Result<GlossaryRead, GlossaryFileError> {
        let text = || crate::text::decode(bytes);
        // A table is read line by line; a TBX file limits the text it takes out.
        let lines = || -> Result<String, TextError> {
            let text = text()?;
            crate::text::check_lines(&text, limits)?;
            Ok(text)
        };
        let table = |delimiter| -> Result<GlossaryRead, GlossaryFileError> {
            let (concepts, short_rows) =
                csv::read_reporting(&lines()?, delimiter, id_column, limits)?;
            Ok(GlossaryRead {
                concepts,
                short_rows,
            })
        };
        let concepts = match self {
            Self::Csv => return table(b','),
            Self::Tsv => return table(b'\t'),
            Self::Tbx | Self::Tbx2 => tbx::read(&text()?, limits)?,
            Self::OmegaT => {
                let [source, target] = langs else {
                    return Err(GlossaryFileError::OmegaTLanguages);
                };
                omegat::read(&lines()?, source, target, limits)?
            }
            Self::Xlsx => xlsx::read(bytes, id_column, limits)?,
        };
        Ok(GlossaryRead {
            concepts,
            short_rows: Vec::new(),
        })
    }

    /// Write `concepts` in this format; a table has a column per language of `langs`
    /// (or the columns of `layout`), an OmegaT glossary goes from the first to the second.
    pub fn write(
        self,
        concepts: &[Concept],
        langs: &[LanguageTag],
        layout: &TableLayout,
    ) -> Result<Vec<u8>, GlossaryFileError> {
        let mut bytes = Vec::new();
        match self {
            Self::Tbx => tbx::write(&mut bytes, concepts, tbx::TbxVersion::V3)?,
            Self::Tbx2 => tbx::write(&mut bytes, concepts, tbx::TbxVersion::V2)?,
            Self::OmegaT => {
                let [source, target, ..] = langs else {
                    return Err(GlossaryFileError::OmegaTLanguages);
                };
                omegat::write(&mut bytes, concepts, source, target)?;
            }
            Self::Csv => csv::write(&mut bytes, b',', concepts, langs, layout)?,
            Self::Tsv => csv::write(&mut bytes, b'\t', concepts, langs, layout)?,
            Self::Xlsx => {
                bytes = xlsx::write(concepts, langs, layout)
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
            GlossaryFile::Tbx2,
            GlossaryFile::Csv,
            GlossaryFile::Tsv,
            GlossaryFile::Xlsx,
        ] {
            let bytes = format
                .write(&concepts, &langs, &TableLayout::default())
                .unwrap();
            let read = format
                .read(&bytes, None, &langs, &Limits::default())
                .unwrap();
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
            let by_name = GlossaryFile::from_extension(format.extension());
            let reader = if format == GlossaryFile::Tbx2 {
                GlossaryFile::Tbx
            } else {
                format
            };
            assert_eq!(
                by_name,
                Some(reader),
                "{format:?}: one reader for both TBX versions"
            );
        }
        // An OmegaT glossary has no ids: its lines name the concepts.
        let bytes = GlossaryFile::OmegaT
            .write(&concepts, &langs, &TableLayout::default())
            .unwrap();
        let read = GlossaryFile::OmegaT
            .read(&bytes, None, &langs, &Limits::default())
            .unwrap();
        let ids: Vec<&str> = read.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["line-1", "line-2"]);
        assert_eq!(read[1].terms, concepts[1].terms);
        assert!(matches!(
            GlossaryFile::OmegaT.read(&bytes, None, &[], &Limits::default()),
            Err(GlossaryFileError::OmegaTLanguages)
        ));
        for ext in ["TAB", "utf8"] {
            assert_eq!(
                GlossaryFile::from_extension(ext),
                Some(GlossaryFile::OmegaT)
            );
        }
        assert_eq!(GlossaryFile::from_extension("txt"), Some(GlossaryFile::Tsv));
        assert_eq!(GlossaryFile::from_extension("docx"), None);
    }

    #[test]
    fn a_malformed_file_says_what_is_wrong() {
        let limits = Limits::default();
        let bad = GlossaryFile::Tbx.read(b"<tbx><text><body><conceptEntry>", None, &[], &limits);
        assert!(matches!(bad, Err(GlossaryFileError::Tbx(_))), "{bad:?}");
        let bad = GlossaryFile::Csv.read(b"id,ru,en\nc1,\"x\n", None, &[], &limits);
        assert!(matches!(bad, Err(GlossaryFileError::Table(_))), "{bad:?}");
    }

    /// How the concepts of `export` differ from those of `source`, one line per concept
    /// that differs, named by its id: missing or extra, other fields, or other terms in
    /// a language (text, order, status, notes).
    fn concept_differences(source: &[Concept], export: &[Concept]) -> Vec<String> {
        let exported: std::collections::BTreeMap<&str, &Concept> =
            export.iter().map(|c| (c.id.as_str(), c)).collect();
        let mut differences = Vec::new();
        for concept in source {
            let Some(&other) = exported.get(concept.id.as_str()) else {
                differences.push(format!("{}: missing", concept.id));
                continue;
            };
            if concept.fields != other.fields {
                differences.push(format!(
                    "{}: fields {:?}, exported as {:?}",
                    concept.id, concept.fields, other.fields
                ));
            }
            let both = [concept.clone(), other.clone()];
            for lang in languages(&both) {
                let ours: Vec<_> = concept.terms_in(&lang).collect();
                let theirs: Vec<_> = other.terms_in(&lang).collect();
                if ours == theirs {
                    continue;
                }
                let texts =
                    |terms: &[&Term]| terms.iter().map(|t| t.text.clone()).collect::<Vec<_>>();
                differences.push(if texts(&ours) == texts(&theirs) {
                    format!(
                        "{} {lang}: terms {ours:?}, exported as {theirs:?}",
                        concept.id
                    )
                } else {
                    format!(
                        "{} {lang}: terms {:?}, exported as {:?}",
                        concept.id,
                        texts(&ours),
                        texts(&theirs)
                    )
                });
            }
        }
        let ids: std::collections::BTreeSet<&str> = source.iter().map(|c| c.id.as_str()).collect();
        for concept in export.iter().filter(|c| !ids.contains(c.id.as_str())) {
            differences.push(format!("{}: not in the source", concept.id));
        }
        differences
    }

    #[test]
    fn concept_differences_name_the_concept_and_what_differs() {
        let source = vec![
            concept("c1", "межрегиональный форум", "inter-regional forum"),
            concept("c2", "переговоры", "talks"),
            concept("c3", "посол", "ambassador"),
        ];
        assert!(concept_differences(&source, &source).is_empty());
        let mut export = source.clone();
        export[0].terms.swap(0, 1);
        assert!(
            concept_differences(&source, &export).is_empty(),
            "the order of languages is the format's; the order within one is not"
        );
        export[0].terms[1].text = "межрегиональный форум; саммит".into();
        export[1]
            .fields
            .insert("subject".into(), "diplomacy".into());
        export[2].id = "c4".into();
        assert_eq!(
            concept_differences(&source, &export),
            [
                "c1 ru: terms [\"межрегиональный форум\"], exported as [\"межрегиональный форум; саммит\"]",
                "c2: fields {}, exported as {\"subject\": \"diplomacy\"}",
                "c3: missing",
                "c4: not in the source",
            ]
        );
        let mut export = source.clone();
        export[1].terms[0].status = crate::glossary::TermStatus::Deprecated;
        let differences = concept_differences(&source, &export);
        assert_eq!(differences.len(), 1, "{differences:?}");
        assert!(
            differences[0].starts_with("c2 ru: terms [Term {"),
            "same texts, another status: the whole terms are shown: {differences:?}"
        );
    }

    /// Each starter glossary ships as the `.csv` the team edits and the `.tsv` and `.tbx`
    /// generated from it. An edit to the `.csv` without regenerating would ship exports
    /// that say something else, so every concept must read back the same from all three.
    #[test]
    fn each_starter_glossary_holds_the_same_concepts_in_its_three_files() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../glossary");
        let read = |name: &str, ext: &str| {
            let path = root.join(format!("{name}.{ext}"));
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            GlossaryFile::from_extension(ext)
                .unwrap()
                .read(&bytes, None, &[], &Limits::default())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        };
        let mut names: Vec<String> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["countries", "diplomatic"], "the starter glossaries");
        for name in &names {
            let source = read(name, "csv");
            assert!(source.len() > 200, "{name}.csv: {} concepts", source.len());
            for ext in ["tsv", "tbx"] {
                let differences = concept_differences(&source, &read(name, ext));
                assert!(
                    differences.is_empty(),
                    "glossary/{name}.{ext} does not hold the concepts of glossary/{name}.csv \
                     (regenerate it as glossary/README.md says):\n{}",
                    differences.join("\n")
                );
            }
        }
    }
}
