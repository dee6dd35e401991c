//! The aligner as `align` runs it: the input is two or three texts separated by U+001E,
//! each one's language detected and its segments cut by the built-in rules, with the
//! starter diplomatic glossary's term pairs as lexicon. Every segment must land in
//! exactly one bead, in order, with a confidence in [0, 1].
#![no_main]

use std::sync::OnceLock;

use dragoman_core::align::{AlignOptions, align};
use dragoman_core::glossary::file::GlossaryFile;
use dragoman_core::glossary::{Concept, term_pairs};
use dragoman_core::limits::Limits;
use dragoman_core::{Document, LanguageTag};
use dragoman_fuzz::segmenter;
use libfuzzer_sys::fuzz_target;

fn glossary() -> &'static [Concept] {
    static CONCEPTS: OnceLock<Vec<Concept>> = OnceLock::new();
    CONCEPTS.get_or_init(|| {
        GlossaryFile::Tsv
            .read(
                include_bytes!("../../glossary/diplomatic.tsv"),
                None,
                &[],
                &Limits::default(),
            )
            .expect("the starter glossary reads")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let texts: Vec<&str> = input.split('\u{1e}').collect();
    if !(2..=3).contains(&texts.len()) {
        return;
    }
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let lang = LanguageTag::detect(text);
            Document {
                name: format!("doc{i}"),
                segments: segmenter(&lang).split(text),
                lang,
                text: text.to_string(),
            }
        })
        .collect();
    let langs: Vec<LanguageTag> = docs.iter().map(|d| d.lang.clone()).collect();
    let opts = AlignOptions {
        lexicon: term_pairs(glossary(), &langs),
        ..AlignOptions::default()
    };
    let alignment = align(&docs, &opts).expect("two or three documents align");
    let mut next = vec![0; docs.len()];
    for (b, bead) in alignment.beads.iter().enumerate() {
        assert_eq!(bead.sides.len(), docs.len(), "bead {b}");
        assert!(
            bead.sides.iter().any(|r| !r.is_empty()),
            "bead {b} is empty"
        );
        assert!(
            (0.0..=1.0).contains(&bead.confidence),
            "bead {b} has confidence {}",
            bead.confidence
        );
        for (d, range) in bead.sides.iter().enumerate() {
            assert_eq!(
                range.start, next[d],
                "bead {b} skips or repeats segments of doc {d}"
            );
            assert!(range.start <= range.end);
            next[d] = range.end;
        }
    }
    let counts: Vec<usize> = docs.iter().map(|d| d.segments.len()).collect();
    assert_eq!(next, counts, "every segment is in a bead");
});
