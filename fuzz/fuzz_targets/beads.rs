//! Beads as `tm import` reads the JSON Lines `align --format jsonl` writes, into an
//! in-memory store: the first byte picks two or three of the bundled sample's files
//! (and the confidence threshold), the rest is the JSON Lines. Every bead line is
//! accounted for, stored or rejected.
#![no_main]

use dragoman_core::limits::Limits;
use dragoman_core::tm::beads::AlignedDocument;
use dragoman_core::tm::exchange::{DuplicatePolicy, ExchangeError};
use dragoman_core::tm::{ImportOptions, Memory};
use dragoman_core::{LanguageTag, Timestamp, store};
use dragoman_fuzz::{FORUM, selector_and_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((selector, jsonl)) = selector_and_text(data) else {
        return;
    };
    let docs: Vec<AlignedDocument> = FORUM[..2 + usize::from(selector & 1)]
        .iter()
        .map(|(lang, text)| AlignedDocument {
            lang: LanguageTag::parse(lang).unwrap(),
            name: format!("{lang}.txt"),
            text: text.to_string(),
        })
        .collect();
    let min_score = f32::from(selector >> 1) / 127.0;
    let mut memory = Memory::from(store::open_in_memory().expect("an in-memory store opens"));
    let options = ImportOptions {
        policy: DuplicatePolicy::Skip,
        at: Timestamp(0),
        alone: false,
        limits: Limits::default(),
    };
    let report = match memory.import_beads(jsonl, &docs, min_score, &options) {
        Ok(report) => report,
        Err(ExchangeError::MalformedBeads { .. }) => return,
        Err(e) => panic!("{e}"),
    };
    let lines = jsonl.lines().filter(|l| !l.trim().is_empty()).count() as u64;
    let accounted = report.added
        + report.skipped
        + report.merged
        + report.overwritten
        + report.rejected.len() as u64;
    assert_eq!(accounted, lines, "{report:?}");
});
