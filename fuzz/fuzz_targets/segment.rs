//! The built-in segmenter and the one-segment-per-line cutting on any text: the first
//! byte picks the language, the rest is the text.
#![no_main]

use dragoman_core::segment::presegmented;
use dragoman_fuzz::{check_segments, language, segmenter, selector_and_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((selector, text)) = selector_and_text(data) else {
        return;
    };
    check_segments(text, &segmenter(&language(selector)).split(text));
    check_segments(text, &presegmented(text));
});
