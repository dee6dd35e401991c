//! DOCX documents as `align` and `pretranslate` read them, the input taken both as the
//! archive itself and as the `word/document.xml` of an archive around it, and a
//! translation written back into them (see [`dragoman_fuzz::check_source`]).
#![no_main]

use dragoman_core::source::SourceFormat;
use dragoman_fuzz::{check_source, docx};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    check_source(SourceFormat::Docx, "fuzz.docx", data);
    check_source(SourceFormat::Docx, "fuzz.docx", &docx(data));
});
