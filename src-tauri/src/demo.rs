//! The demo project a first start opens: the bundled forum press release in three
//! languages aligned into an alignment project, a few approved units in the memory, and
//! the starter glossaries imported into the user's database.
//!
//! Everything is compiled into the binary, so the app needs no files beside it.

use std::path::Path;

use dragoman_core::Timestamp;
use dragoman_core::align::{AlignOptions, align};
use dragoman_core::editor::{AlignmentProject, EditableAlignment};
use dragoman_core::glossary::csv;
use dragoman_core::limits::Limits;
use dragoman_core::segment::Segmenter;
use dragoman_core::store::units::Writer;
use dragoman_core::store::{self, glossary as stored};
use dragoman_core::tm::exchange::{self, DuplicatePolicy};
use dragoman_core::{Document, LanguageTag};

use crate::error::AppError;

/// The demo project's title.
pub const TITLE: &str = "Tenth Russian-Azerbaijani Inter-Regional Forum";

/// The sample texts, in the order the UI shows their columns.
pub const SAMPLE: [(&str, &str); 3] = [
    ("ru", include_str!("../../samples/forum/ru.txt")),
    ("az", include_str!("../../samples/forum/az.txt")),
    ("en", include_str!("../../samples/forum/en.txt")),
];

/// A few approved units, so the memory has something to match on the first start.
const MEMORY: &str = include_str!("../../samples/forum/memory.tsv");

/// The origin the demo's units carry in the memory.
const MEMORY_ORIGIN: &str = "demo";

/// The starter glossaries: (name, priority, CSV). Diplomatic terms outrank country
/// names when both match the same words.
const GLOSSARIES: [(&str, i64, &str); 2] = [
    (
        "diplomatic",
        10,
        include_str!("../../glossary/diplomatic.csv"),
    ),
    ("countries", 0, include_str!("../../glossary/countries.csv")),
];

/// What a first start put in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The demo alignment project (the existing one on later starts).
    pub project: u32,
    /// Glossaries imported now (none on later starts).
    pub glossaries: Vec<String>,
    /// Whether the demo units were added to the memory now.
    pub memory: bool,
}

/// Open (creating if needed) the database at `path` and give it what it lacks of the
/// demo: the starter glossaries, the demo units, the aligned sample as a project.
///
/// Whatever the user already has is left alone, even if edited, disabled or approved:
/// the demo only fills an empty database, it never overwrites the user's work.
pub fn prepare_database(path: &Path) -> Result<Prepared, AppError> {
    let mut conn = store::open(path)?;
    // Immediate: the checks and the imports happen under one write lock, so two windows
    // starting at once cannot both import.
    let mut writer = Writer::begin(&mut conn)?;
    let tx = writer.transaction();
    let present: Vec<String> = stored::list(tx)?.into_iter().map(|g| g.name).collect();
    let mut glossaries = Vec::new();
    for (name, priority, data) in GLOSSARIES {
        if present.iter().any(|p| p == name) {
            continue;
        }
        // The CSVs are part of the build and parsed by this module's tests, so a
        // failure here is a broken build, not bad input.
        let concepts =
            csv::read(data, b',', None, &Limits::default()).expect("bundled glossary CSV parses");
        let id = stored::ensure(tx, name, priority)?;
        stored::import(tx, id, &concepts, stored::ConceptPolicy::Skip, None)?;
        glossaries.push(name.to_string());
    }
    // A database without glossaries is a first start: the only time the demo units go
    // in, so units the user deleted do not come back.
    let memory = present.is_empty();
    if memory {
        exchange::import_table(
            &mut writer,
            MEMORY,
            '\t',
            MEMORY_ORIGIN,
            Timestamp::now(),
            DuplicatePolicy::Skip,
            &Limits::default(),
        )
        .expect("bundled memory TSV imports");
    }
    writer.commit()?;
    let project = match AlignmentProject::list(&conn)?
        .into_iter()
        .find(|p| p.name == TITLE)
    {
        Some(info) => info.id.0 as u32,
        None => {
            AlignmentProject::create(&mut conn, TITLE, aligned_sample()?, Timestamp::now())?
                .id
                .0 as u32
        }
    };
    Ok(Prepared {
        project,
        glossaries,
        memory,
    })
}

/// The sample cut by the built-in rules and aligned, ready to edit.
fn aligned_sample() -> Result<EditableAlignment, AppError> {
    let docs: Vec<Document> = SAMPLE
        .iter()
        .map(|(lang, text)| {
            let lang = LanguageTag::parse(lang)?;
            let segments = Segmenter::builtin(&lang).split(text);
            Ok(Document {
                name: format!("forum.{}.txt", lang.as_str()),
                lang,
                text: text.to_string(),
                segments,
            })
        })
        .collect::<Result<_, AppError>>()?;
    let alignment = align(&docs, &AlignOptions::default())?;
    Ok(EditableAlignment::from_alignment(&docs, &alignment)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_glossaries_parse_with_terms_in_all_three_languages() {
        for (name, _, data) in GLOSSARIES {
            let concepts = csv::read(data, b',', None, &Limits::default()).unwrap();
            assert!(
                concepts.len() > 10,
                "{name} has {} concepts",
                concepts.len()
            );
            for lang in ["ru", "az", "en"] {
                assert!(
                    concepts
                        .iter()
                        .any(|c| c.terms.iter().any(|t| t.lang.as_str() == lang)),
                    "{name} has no {lang} terms"
                );
            }
        }
    }

    #[test]
    fn a_second_start_imports_nothing_and_resumes_the_same_project() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dragoman.sqlite");
        let first = prepare_database(&path).unwrap();
        assert_eq!(first.glossaries, ["diplomatic", "countries"]);
        assert!(first.memory);
        assert!(path.exists());
        let second = prepare_database(&path).unwrap();
        assert!(second.glossaries.is_empty() && !second.memory);
        assert_eq!(second.project, first.project, "the demo project is resumed");
        let conn = store::open(&path).unwrap();
        let names: Vec<String> = stored::list(&conn)
            .unwrap()
            .into_iter()
            .map(|g| g.name)
            .collect();
        assert_eq!(names, ["diplomatic", "countries"], "by priority");
        assert_eq!(AlignmentProject::list(&conn).unwrap().len(), 1);
        let origins = store::units::stats(&conn).unwrap().origins;
        assert_eq!(
            origins,
            [(MEMORY_ORIGIN.to_string(), 5)],
            "the demo memory, once"
        );
    }

    #[test]
    fn the_demo_project_holds_every_sample_segment_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dragoman.sqlite");
        let prepared = prepare_database(&path).unwrap();
        let conn = store::open(&path).unwrap();
        let project = AlignmentProject::open(
            &conn,
            dragoman_core::editor::ProjectId(prepared.project.into()),
        )
        .unwrap();
        for (column, (lang, text)) in SAMPLE.iter().enumerate() {
            let segments: Vec<&str> = project
                .alignment
                .beads()
                .iter()
                .flat_map(|b| b.segments[column].iter().map(String::as_str))
                .collect();
            let expected = Segmenter::builtin(&LanguageTag::parse(lang).unwrap()).split(text);
            assert_eq!(segments.len(), expected.len(), "{lang}");
            assert!(segments.iter().all(|s| text.contains(s)), "{lang}");
        }
    }
}
