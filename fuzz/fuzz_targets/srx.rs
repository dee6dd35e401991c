//! SRX 2.0 rules as `align --srx` and the app's segmentation settings load them: the
//! first byte picks the language, the rest is the SRX document; rules that load cut the
//! bundled sample into segments the segmenter promises.
#![no_main]

use dragoman_core::limits::Limits;
use dragoman_core::segment::Segmenter;
use dragoman_fuzz::{FORUM, check_segments, language, selector_and_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((selector, srx)) = selector_and_text(data) else {
        return;
    };
    let lang = language(selector);
    let Ok(segmenter) = Segmenter::from_srx(srx, &lang, &Limits::default()) else {
        return;
    };
    let (_, text) = FORUM[usize::from(selector) % FORUM.len()];
    check_segments(text, &segmenter.split(text));
    check_segments(srx, &segmenter.split(srx));
});
