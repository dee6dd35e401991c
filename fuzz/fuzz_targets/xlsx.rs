//! XLSX glossaries as `glossary import` reads them; a workbook read writes back to a
//! workbook with the same concepts' ids and languages.
#![no_main]

use dragoman_core::glossary::Concept;
use dragoman_core::glossary::file::{GlossaryFile, GlossaryFileError, languages};
use dragoman_core::glossary::table::TableLayout;
use dragoman_core::limits::Limits;
use libfuzzer_sys::fuzz_target;

fn ids(concepts: &[Concept]) -> Vec<(String, Vec<dragoman_core::LanguageTag>)> {
    concepts
        .iter()
        .map(|c| (c.id.clone(), languages(std::slice::from_ref(c))))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(concepts) = GlossaryFile::Xlsx.read(data, None, &[], &Limits::default()) else {
        return;
    };
    let written =
        match GlossaryFile::Xlsx.write(&concepts, &languages(&concepts), &TableLayout::default()) {
            Ok(bytes) => bytes,
            // A cell longer than Excel's 32,767 characters cannot be written.
            Err(GlossaryFileError::Xlsx(_)) => return,
            Err(e) => panic!("{e}"),
        };
    let again = GlossaryFile::Xlsx
        .read(&written, None, &[], &Limits::default())
        .expect("the workbook Dragoman writes reads back");
    assert_eq!(ids(&again), ids(&concepts));
});
