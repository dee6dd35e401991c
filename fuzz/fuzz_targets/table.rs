//! CSV and TSV tables: parallel sentences as `tm import` reads them, and glossaries as
//! `glossary import` reads them; a glossary read writes back to the same concepts' ids
//! and languages.
#![no_main]

use dragoman_core::formats::table::read_table;
use dragoman_core::glossary::file::{GlossaryFile, languages};
use dragoman_core::glossary::table::TableLayout;
use dragoman_core::limits::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = dragoman_core::text::decode(data) else {
        return;
    };
    for delimiter in ['\t', ','] {
        if let Ok((langs, rows)) = read_table(&text, delimiter, &Limits::default()) {
            assert!(langs.len() >= 2);
            assert!(rows.windows(2).all(|w| w[0].line < w[1].line));
        }
    }
    for format in [GlossaryFile::Csv, GlossaryFile::Tsv] {
        // An empty glossary has no language to head a column with: nothing to write.
        let Ok(concepts) = format.read(data, None, &[], &Limits::default()) else {
            continue;
        };
        if concepts.is_empty() {
            continue;
        }
        let langs = languages(&concepts);
        let written = format
            .write(&concepts, &langs, &TableLayout::default())
            .expect("writing a table to memory cannot fail");
        let again = format
            .read(&written, None, &[], &Limits::default())
            .expect("the table Dragoman writes reads back");
        // A concept's languages as a set: a table orders its terms by its columns, and
        // the columns written follow the whole glossary's languages, not each concept's.
        let ids = |c: &[dragoman_core::glossary::Concept]| {
            c.iter()
                .map(|c| {
                    let mut langs = languages(std::slice::from_ref(c));
                    langs.sort();
                    (c.id.clone(), langs)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&again), ids(&concepts), "{format:?}");
    }
});
