//! HTML pages as `align` and `pretranslate` read them (any charset a page declares), and
//! a translation written back into them (see [`dragoman_fuzz::check_source`]).
#![no_main]

use dragoman_core::source::SourceFormat;
use dragoman_fuzz::check_source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    check_source(SourceFormat::Html, "fuzz.html", data);
});
