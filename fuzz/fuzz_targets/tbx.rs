//! TBX v2 (`martif`) and v3 (`tbx`) as `glossary import` reads them, and the round trip
//! through Dragoman's own TBX-Basic writer, both versions: the same concepts come back,
//! their terms gathered by language (a `langSec` each, in the order the languages first
//! appear), under the XML ids the writer gives them.
#![no_main]

use dragoman_core::glossary::Concept;
use dragoman_core::glossary::file::GlossaryFile;
use dragoman_core::glossary::tbx;
use dragoman_core::limits::Limits;
use libfuzzer_sys::fuzz_target;

/// `concepts` with each one's terms in the order TBX writes them, by language, and the
/// id it writes.
fn as_written(concepts: &[Concept]) -> Vec<Concept> {
    concepts
        .iter()
        .zip(tbx::xml_ids(concepts))
        .map(|(c, id)| {
            let mut c = c.clone();
            c.id = id;
            let first = |lang| c.terms.iter().position(|t| &t.lang == lang);
            let order: Vec<Option<usize>> = c.terms.iter().map(|t| first(&t.lang)).collect();
            let mut indexed: Vec<_> = order.into_iter().zip(c.terms.drain(..)).collect();
            indexed.sort_by_key(|(first, _)| *first);
            c.terms = indexed.into_iter().map(|(_, t)| t).collect();
            c
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(concepts) = GlossaryFile::Tbx.read(data, None, &[], &Limits::default()) else {
        return;
    };
    for version in [tbx::TbxVersion::V3, tbx::TbxVersion::V2] {
        let mut out = Vec::new();
        if let Err(e) = tbx::write(&mut out, &concepts, version) {
            assert_eq!(e.kind(), std::io::ErrorKind::InvalidData, "{e}");
            return;
        }
        let text = std::str::from_utf8(&out).expect("the TBX writer writes UTF-8");
        let again =
            tbx::read(text, &Limits::default()).expect("the TBX Dragoman writes reads back");
        assert_eq!(again, as_written(&concepts), "{version:?}");
    }
});
