//! The demo project a first start opens: the bundled forum press release in three
//! languages, and the starter glossaries imported into the user's database.
//!
//! Everything is compiled into the binary, so the app needs no files beside it.

use std::path::Path;

use dragoman_core::glossary::csv;
use dragoman_core::store::{self, StoreError, glossary as stored};
use rusqlite::TransactionBehavior;

/// The demo project's title.
pub const TITLE: &str = "Tenth Russian-Azerbaijani Inter-Regional Forum";

/// The sample texts, in the order the UI shows their columns.
pub const SAMPLE: [(&str, &str); 3] = [
    ("ru", include_str!("../../samples/forum/ru.txt")),
    ("az", include_str!("../../samples/forum/az.txt")),
    ("en", include_str!("../../samples/forum/en.txt")),
];

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

/// Open (creating if needed) the database at `path` and import each starter glossary it
/// does not have yet; returns the names of the glossaries imported now.
///
/// A glossary the user already has is left alone, even if edited or disabled: the demo
/// only fills an empty database, it never overwrites the user's work.
pub fn prepare_database(path: &Path) -> Result<Vec<String>, StoreError> {
    let mut conn = store::open(path)?;
    // Immediate: the check and the import happen under one write lock, so two windows
    // starting at once cannot both import.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let present: Vec<String> = stored::list(&tx)?.into_iter().map(|g| g.name).collect();
    let mut imported = Vec::new();
    for (name, priority, data) in GLOSSARIES {
        if present.iter().any(|p| p == name) {
            continue;
        }
        // The CSVs are part of the build and parsed by this module's tests, so a
        // failure here is a broken build, not bad input.
        let concepts = csv::read(data, b',', None).expect("bundled glossary CSV parses");
        let id = stored::ensure(&tx, name, priority)?;
        stored::import(&tx, id, &concepts, stored::ConceptPolicy::Skip, None)?;
        imported.push(name.to_string());
    }
    tx.commit()?;
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_glossaries_parse_with_terms_in_all_three_languages() {
        for (name, _, data) in GLOSSARIES {
            let concepts = csv::read(data, b',', None).unwrap();
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
    fn a_second_start_imports_nothing_and_keeps_the_glossaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dragoman.sqlite");
        assert_eq!(
            prepare_database(&path).unwrap(),
            ["diplomatic", "countries"]
        );
        assert!(path.exists());
        assert!(prepare_database(&path).unwrap().is_empty());
        let conn = store::open(&path).unwrap();
        let names: Vec<String> = stored::list(&conn)
            .unwrap()
            .into_iter()
            .map(|g| g.name)
            .collect();
        assert_eq!(names, ["diplomatic", "countries"], "by priority");
    }
}
