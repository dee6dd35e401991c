//! The glossaries as both shells use them: one call per thing a translator does.
//!
//! The Glossary view's commands and `dragoman glossary …` are each "arguments in, one
//! [`Glossaries`] call, error out": every save is validated the same way (no empty or
//! repeated term), a file is read by the same formats and imported with the same
//! report, and term suggestions leave out the same rejected and known terms.

use std::ops::ControlFlow;
use std::path::Path;

use thiserror::Error;

use super::Concept;
use super::file::{self, GlossaryFile, GlossaryFileError};
use super::memory_terms::{self, MemoryTerm, SuggestionQuery};
use super::table::TableLayout;
use crate::lang::LanguageTag;
use crate::limits::Limits;
use crate::store::concepts::{
    self, ConceptEntry, ConceptError, ConceptPage, ConceptQuery, ConceptRow, ImportError,
    ImportReport,
};
use crate::store::glossary::{self as stored, ConceptPolicy, GlossaryId, GlossaryInfo};
use crate::store::{self, Connection, StoreError};

/// Why a glossary operation failed; a failed operation changes nothing.
#[derive(Debug, Error)]
pub enum GlossariesError {
    /// A concept or glossary edit was refused (see [`ConceptError`]).
    #[error(transparent)]
    Concept(#[from] ConceptError),
    /// The file `name` cannot be read or written as a glossary.
    #[error("{name}: {source}")]
    File {
        /// The file.
        name: String,
        /// What is wrong with it.
        source: GlossaryFileError,
    },
    /// The file's name says no glossary format.
    #[error("{0}: unknown glossary format (use .csv, .tsv, .xlsx, .tbx, or .txt/.utf8 for OmegaT)")]
    UnknownFormat(String),
    /// No glossary has this name.
    #[error("no glossary named {0:?}")]
    NoSuchName(String),
    /// The user cancelled an import.
    #[error("cancelled")]
    Cancelled,
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<ImportError> for GlossariesError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Cancelled => Self::Cancelled,
            ImportError::Store(e) => Self::Store(e),
        }
    }
}

/// The glossary an import or a quick add goes into.
#[derive(Debug, Clone)]
pub enum GlossaryTarget {
    /// An existing glossary.
    Id(GlossaryId),
    /// The glossary of this name, made with `priority` when there is none.
    Named {
        /// Its name.
        name: String,
        /// Its priority if it is made.
        priority: i64,
    },
    /// The glossary made for the terms a translator accepts or adds at once: the one
    /// made before (the database remembers it, whatever its name), else the glossary
    /// named `name`, made when there is none. The caller names it in the interface
    /// language; a glossary of the user's that only shares an old name is not it.
    Accepted {
        /// Its name if it is made now.
        name: String,
    },
}

/// The setting that remembers the glossary of accepted terms, by row.
const ACCEPTED_GLOSSARY: &str = "glossary.accepted";

/// The priority of the glossary of accepted terms: above the starter glossaries, since
/// the translator chose its terms.
const ACCEPTED_PRIORITY: i64 = 20;

/// What [`Glossaries::add_terms`] stored.
#[derive(Debug, Clone)]
pub struct AddedTerms {
    /// The glossary's name.
    pub glossary: String,
    /// The concept's id.
    pub id: String,
    /// Whether a concept was added or merged.
    pub report: stored::ConceptImport,
}

/// A glossary file read for import.
#[derive(Debug, Clone, Copy)]
pub struct GlossarySource<'a> {
    /// The file's name (its extension tells the format unless `format` is given).
    pub name: &'a str,
    /// Its content.
    pub bytes: &'a [u8],
    /// The format, when the caller knows it better than the name.
    pub format: Option<GlossaryFile>,
    /// The column a table's concept ids are in (default `id`).
    pub id_column: Option<&'a str>,
    /// The source and target language of a headerless OmegaT glossary; given for a
    /// `.txt` or `.tsv` file, they say it is one.
    pub langs: &'a [LanguageTag],
    /// What the file may hold.
    pub limits: &'a Limits,
}

/// The user's glossaries, open.
pub struct Glossaries {
    conn: Connection,
}

impl From<Connection> for Glossaries {
    fn from(conn: Connection) -> Self {
        Self { conn }
    }
}

impl Glossaries {
    /// Open the glossaries of the database at `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Ok(Self::from(store::open(path)?))
    }

    /// The database, for the areas that share it.
    pub fn into_connection(self) -> Connection {
        self.conn
    }

    /// Every glossary, highest priority first.
    pub fn list(&self) -> Result<Vec<GlossaryInfo>, StoreError> {
        stored::list(&self.conn)
    }

    /// A new, empty glossary; its name must be new.
    pub fn create(&mut self, name: &str, priority: i64) -> Result<GlossaryId, GlossariesError> {
        self.write(|tx| Ok(concepts::create_glossary(tx, name, priority)?))
    }

    /// Set glossary `id`'s priority and whether recognition uses it.
    pub fn configure(
        &mut self,
        id: GlossaryId,
        priority: i64,
        enabled: bool,
    ) -> Result<(), GlossariesError> {
        self.write(|tx| Ok(concepts::configure_glossary(tx, id, priority, enabled)?))
    }

    /// Let recognition use the glossary `name`, or not.
    pub fn set_enabled(&mut self, name: &str, enabled: bool) -> Result<(), GlossariesError> {
        self.write(|tx| {
            if stored::set_enabled(tx, name, enabled)? {
                Ok(())
            } else {
                Err(GlossariesError::NoSuchName(name.to_string()))
            }
        })
    }

    /// The concepts of the glossaries `names` (every enabled one when empty), highest
    /// priority first, for recognition and QA.
    pub fn load(&self, names: &[String]) -> Result<Vec<stored::StoredConcept>, StoreError> {
        stored::load(&self.conn, names)
    }

    /// A page of the concepts `query` selects.
    pub fn search(&self, query: &ConceptQuery) -> Result<ConceptPage, StoreError> {
        concepts::search(&self.conn, query)
    }

    /// The concept in row `row`.
    pub fn concept(&self, row: ConceptRow) -> Result<ConceptEntry, GlossariesError> {
        concepts::concept(&self.conn, row)?.ok_or(ConceptError::NoSuchConcept(row).into())
    }

    /// Store `concept` in glossary `glossary`: a new concept when `row` is `None`, else
    /// replacing the terms and fields of the one in `row`. Returns it as stored.
    pub fn save(
        &mut self,
        glossary: GlossaryId,
        row: Option<ConceptRow>,
        concept: &Concept,
        author: Option<&str>,
    ) -> Result<ConceptEntry, GlossariesError> {
        let row = self.write(|tx| {
            Ok(match row {
                None => concepts::add_concept(tx, glossary, concept, author)?,
                Some(row) => {
                    concepts::save_concept(tx, row, concept, author)?;
                    row
                }
            })
        })?;
        self.concept(row)
    }

    /// Add `concept`'s terms to `into`: merged into the concept with the same id when
    /// the glossary has one; without an id, into the concept holding its first term, or
    /// a new concept with a made id ([`concepts::new_id`]). What a quick add and
    /// `dragoman glossary add` do.
    pub fn add_terms(
        &mut self,
        into: &GlossaryTarget,
        concept: &Concept,
        author: Option<&str>,
    ) -> Result<AddedTerms, GlossariesError> {
        let mut concept = concepts::checked(concept)?;
        self.write(|tx| {
            let glossary = target(tx, into)?;
            if concept.id.is_empty() {
                concept.id = match concepts::id_holding(tx, glossary, &concept.terms[0])? {
                    Some(id) => id,
                    None => concepts::new_id(tx, glossary)?,
                };
            }
            let report = stored::import(
                tx,
                glossary,
                std::slice::from_ref(&concept),
                ConceptPolicy::Merge,
                author,
            )?;
            let name = stored::name(tx, glossary)?;
            Ok(AddedTerms {
                glossary: name,
                id: concept.id.clone(),
                report,
            })
        })
    }

    /// Delete the concept in row `row`.
    pub fn delete_concept(&mut self, row: ConceptRow) -> Result<(), GlossariesError> {
        self.write(|tx| Ok(concepts::delete_concept(tx, row)?))
    }

    /// Import the glossary file `source` into `into` by `policy`, in one transaction:
    /// concepts without a usable term are left out and reported. `progress` hears the
    /// concepts done and in all; when it breaks, nothing is kept. A glossary named in
    /// `into` is made only when the file gives it a concept: an import that stores
    /// nothing leaves no empty glossary behind.
    pub fn import(
        &mut self,
        source: GlossarySource,
        into: &GlossaryTarget,
        policy: ConceptPolicy,
        author: Option<&str>,
        progress: impl FnMut(usize, usize) -> ControlFlow<()>,
    ) -> Result<ImportReport, GlossariesError> {
        let format = match source.format {
            Some(format) => format,
            None => format_of(source.name)?,
        };
        let format = match format {
            GlossaryFile::Tsv if !source.langs.is_empty() => GlossaryFile::OmegaT,
            other => other,
        };
        let read = format
            .read_reporting(source.bytes, source.id_column, source.langs, source.limits)
            .map_err(|e| GlossariesError::File {
                name: source.name.to_string(),
                source: e,
            })?;
        let tx = store::begin(&mut self.conn)?;
        let glossary = target(&tx, into)?;
        let mut report =
            concepts::import_reporting(&tx, glossary, &read.concepts, policy, author, progress)?;
        report.short_rows = read.short_rows;
        if report.added + report.merged + report.skipped > 0 {
            store::commit(tx)?;
        }
        Ok(report)
    }

    /// The concepts of the glossaries `names` (every enabled one when empty) as a file
    /// of `format`, with a column (a language set) per language of `langs`, or of every
    /// language they have terms in, in tag order; a table laid out by `layout`. Returns
    /// the bytes and the number of concepts.
    pub fn export(
        &self,
        names: &[String],
        format: GlossaryFile,
        langs: Option<&[LanguageTag]>,
        layout: &TableLayout,
    ) -> Result<(Vec<u8>, usize), GlossariesError> {
        let loaded: Vec<Concept> = stored::load(&self.conn, names)?
            .into_iter()
            .map(|s| s.concept)
            .collect();
        // Columns in tag order, so exports of the same glossary compare line by line.
        let langs = match langs {
            Some(langs) => langs.to_vec(),
            None => {
                let mut found = file::languages(&loaded);
                found.sort();
                found
            }
        };
        let bytes = format
            .write(&loaded, &langs, layout)
            .map_err(|e| GlossariesError::File {
                name: format!("the {} file", format.extension()),
                source: e,
            })?;
        Ok((bytes, loaded.len()))
    }

    /// Term candidates from the memory (see [`memory_terms::memory_suggestions`]).
    pub fn suggestions(&self, query: &SuggestionQuery) -> Result<Vec<MemoryTerm>, StoreError> {
        memory_terms::memory_suggestions(&self.conn, query)
    }

    /// Never suggest the terms `terms` again.
    pub fn reject(&mut self, terms: &[(LanguageTag, String)]) -> Result<(), GlossariesError> {
        self.write(|tx| Ok(memory_terms::reject(tx, terms)?))
    }

    fn write<T>(
        &mut self,
        change: impl FnOnce(&store::Transaction) -> Result<T, GlossariesError>,
    ) -> Result<T, GlossariesError> {
        let tx = store::begin(&mut self.conn)?;
        let done = change(&tx)?;
        store::commit(tx)?;
        Ok(done)
    }
}

/// The format the file `name` is in, by its extension.
pub fn format_of(name: &str) -> Result<GlossaryFile, GlossariesError> {
    Path::new(name)
        .extension()
        .and_then(|e| GlossaryFile::from_extension(&e.to_string_lossy()))
        .ok_or_else(|| GlossariesError::UnknownFormat(name.to_string()))
}

fn target(tx: &store::Transaction, into: &GlossaryTarget) -> Result<GlossaryId, GlossariesError> {
    Ok(match into {
        GlossaryTarget::Id(id) => *id,
        GlossaryTarget::Named { name, priority } => stored::ensure(tx, name, *priority)?,
        GlossaryTarget::Accepted { name } => {
            let remembered = match store::settings::get(tx, ACCEPTED_GLOSSARY)?
                .and_then(|row| row.parse::<GlossaryId>().ok())
            {
                Some(row) => stored::name_of(tx, row)?.map(|_| row),
                None => None,
            };
            match remembered {
                Some(row) => row,
                None => {
                    let row = stored::ensure(tx, name, ACCEPTED_PRIORITY)?;
                    store::settings::put(tx, ACCEPTED_GLOSSARY, &row.to_string())?;
                    row
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Term, concept_id};

    fn lang(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
    }

    fn glossaries() -> Glossaries {
        Glossaries::from(store::open_in_memory().unwrap())
    }

    fn continue_always(_: usize, _: usize) -> ControlFlow<()> {
        ControlFlow::Continue(())
    }

    #[test]
    fn names_are_unique_and_unknown_names_are_named() {
        let mut g = glossaries();
        g.create("Diplomatic", 1).unwrap();
        assert!(matches!(
            g.create(" Diplomatic ", 2),
            Err(GlossariesError::Concept(ConceptError::GlossaryExists(name))) if name == "Diplomatic"
        ));
        assert!(matches!(
            g.set_enabled("Nowhere", false),
            Err(GlossariesError::NoSuchName(name)) if name == "Nowhere"
        ));
        g.set_enabled("Diplomatic", false).unwrap();
        assert!(!g.list().unwrap()[0].enabled);
    }

    #[test]
    fn quick_adds_merge_into_the_concept_of_their_first_term_and_refuse_empty_ones() {
        let mut g = glossaries();
        let accepted = GlossaryTarget::Named {
            name: "accepted".into(),
            priority: 0,
        };
        let forum = |terms: &[(&str, &str)]| Concept {
            terms: terms.iter().map(|(l, t)| Term::new(lang(l), *t)).collect(),
            ..Concept::default()
        };
        g.add_terms(&accepted, &forum(&[("ru", "форум"), ("en", "forum")]), None)
            .unwrap();
        g.add_terms(&accepted, &forum(&[("ru", "форум"), ("az", "forum")]), None)
            .unwrap();
        let stored = g.load(&["accepted".to_string()]).unwrap();
        assert_eq!(
            stored.len(),
            1,
            "one concept: the second add found its first term"
        );
        let id = stored[0].concept.id.clone();
        assert!(concept_id::is_xml_id(&id) && id.starts_with("c-"), "{id}");
        assert_eq!(stored[0].concept.terms.len(), 3);
        // Another first term is another concept, with an id of its own.
        let other = g
            .add_terms(
                &accepted,
                &forum(&[("ru", "Генеральн"), ("en", "General Assembl")]),
                None,
            )
            .unwrap()
            .id;
        assert!(concept_id::is_xml_id(&other) && other != id, "{other}");
        // Correcting the terms keeps the id.
        let found = g
            .search(&ConceptQuery {
                text: "Генеральн".into(),
                limit: 5,
                ..ConceptQuery::default()
            })
            .unwrap()
            .concepts
            .remove(0);
        let mut corrected = found.concept;
        corrected.terms =
            forum(&[("ru", "Генеральная Ассамблея"), ("en", "General Assembly")]).terms;
        let saved = g
            .save(found.glossary, Some(found.row), &corrected, None)
            .unwrap();
        assert_eq!(saved.concept.id, other);
        assert!(matches!(
            g.add_terms(&accepted, &forum(&[]), None),
            Err(GlossariesError::Concept(ConceptError::NoTerms))
        ));
    }

    #[test]
    fn accepted_terms_go_to_the_glossary_made_for_them_in_the_interface_language() {
        let mut g = glossaries();
        // A user's own glossary called "accepted" is not the one made for accepted terms.
        g.create("accepted", 0).unwrap();
        let concept = |text: &str| Concept {
            terms: vec![Term::new(lang("ru"), text), Term::new(lang("en"), "x")],
            ..Concept::default()
        };
        let accepted = |name: &str| GlossaryTarget::Accepted { name: name.into() };
        let first = g
            .add_terms(&accepted("Принятые термины"), &concept("форум"), None)
            .unwrap();
        assert_eq!(first.glossary, "Принятые термины");
        // Switching the interface to English later keeps using that glossary.
        let second = g
            .add_terms(&accepted("Accepted terms"), &concept("саммит"), None)
            .unwrap();
        assert_eq!(second.glossary, "Принятые термины");
        let names: Vec<(String, i64)> = g
            .list()
            .unwrap()
            .into_iter()
            .map(|i| (i.name, i.concepts))
            .collect();
        assert!(names.contains(&("accepted".to_string(), 0)), "{names:?}");
        assert!(
            names.contains(&("Принятые термины".to_string(), 2)),
            "{names:?}"
        );
    }

    #[test]
    fn an_import_reports_what_it_left_out_and_an_export_reads_back() {
        let mut g = glossaries();
        let id = g.create("mine", 0).unwrap();
        let csv = "id,ru,en\ntalks,переговоры,talks\ntwice,саммит;саммит,summit\n";
        let source = GlossarySource {
            name: "mine.csv",
            bytes: csv.as_bytes(),
            format: None,
            id_column: None,
            langs: &[],
            limits: &Limits::default(),
        };
        let report = g
            .import(
                source,
                &GlossaryTarget::Id(id),
                ConceptPolicy::Merge,
                None,
                continue_always,
            )
            .unwrap();
        assert_eq!(report.added, 1);
        assert_eq!(report.rejected.len(), 1, "{report:?}");
        let (bytes, count) = g
            .export(
                &["mine".into()],
                GlossaryFile::Csv,
                None,
                &TableLayout::default(),
            )
            .unwrap();
        assert_eq!(count, 1);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("id,en,ru"), "columns in tag order: {text}");
        let nothing = GlossarySource {
            name: "bad.csv",
            bytes: "id,ru,en\ntwice,саммит;саммит,summit\n".as_bytes(),
            ..source
        };
        let fresh = GlossaryTarget::Named {
            name: "fresh".into(),
            priority: 0,
        };
        let report = g
            .import(nothing, &fresh, ConceptPolicy::Merge, None, continue_always)
            .unwrap();
        assert_eq!((report.added, report.rejected.len()), (0, 1));
        let names: Vec<String> = g.list().unwrap().into_iter().map(|i| i.name).collect();
        assert_eq!(
            names,
            ["mine"],
            "an import that stores nothing makes no glossary"
        );
        let unknown = GlossarySource {
            name: "mine.doc",
            ..source
        };
        assert!(matches!(
            g.import(unknown, &GlossaryTarget::Id(id), ConceptPolicy::Merge, None, continue_always),
            Err(GlossariesError::UnknownFormat(name)) if name == "mine.doc"
        ));
    }
}
