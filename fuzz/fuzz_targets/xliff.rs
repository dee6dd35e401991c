//! XLIFF 1.2 and 2.x as `pretranslate` reads another tool's file, and the segments read
//! written back as XLIFF 2.1 and 1.2 (as `pretranslate` writes them) read to the same
//! sources and targets.
#![no_main]

use dragoman_core::LanguageTag;
use dragoman_core::formats::xliff::{self, BilingualDocument, BilingualSegment, XliffVersion};
use dragoman_core::formats::xliff_read;
use dragoman_core::limits::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = xliff_read::read(data, &Limits::default()) else {
        return;
    };
    let doc = BilingualDocument {
        original: "fuzz.xlf".into(),
        src: file.src.clone(),
        tgt: file
            .tgt
            .clone()
            .unwrap_or_else(|| LanguageTag::parse("en").unwrap()),
        segments: file
            .segments
            .iter()
            .map(|s| BilingualSegment {
                source: s.source.clone(),
                target: s.target.clone(),
                leverage: None,
            })
            .collect(),
    };
    for version in [XliffVersion::V2_1, XliffVersion::V1_2] {
        let mut out = Vec::new();
        if let Err(e) = xliff::write(&mut out, &doc, version) {
            assert_eq!(e.kind(), std::io::ErrorKind::InvalidData, "{e}");
            return;
        }
        let again = xliff_read::read(&out, &Limits::default())
            .expect("the XLIFF Dragoman writes reads back");
        assert_eq!(again.src, doc.src, "{version:?}");
        assert_eq!(again.tgt.as_ref(), Some(&doc.tgt), "{version:?}");
        let read: Vec<_> = again
            .segments
            .iter()
            .map(|s| (&s.source, &s.target))
            .collect();
        let written: Vec<_> = file
            .segments
            .iter()
            .map(|s| (&s.source, &s.target))
            .collect();
        assert_eq!(read, written, "{version:?}");
    }
});
