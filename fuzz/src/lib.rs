//! What the fuzz targets share: the properties every segmentation must have, the
//! languages and sample texts inputs are read in, and DOCX packaging.
//!
//! Each target in `fuzz_targets/` feeds libFuzzer's bytes to the core API the command
//! line and the app use for one format, and asserts what must hold beyond "no panic".

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Mutex, OnceLock};

use dragoman_core::LanguageTag;
use dragoman_core::document::Segment;
use dragoman_core::limits::Limits;
use dragoman_core::segment::Segmenter;
use dragoman_core::source::{self, Replacement, SourceError, SourceFormat};

/// The languages the built-in rules treat apart (Russian, Azerbaijani in both scripts,
/// English) and one that gets only the common rules.
const LANGUAGES: [&str; 5] = ["ru", "az", "az-Cyrl", "en", "fr"];

/// An input made of a selector byte and UTF-8 text, if it is one.
pub fn selector_and_text(data: &[u8]) -> Option<(u8, &str)> {
    let (&selector, rest) = data.split_first()?;
    Some((selector, std::str::from_utf8(rest).ok()?))
}

/// The language an input's selector byte picks.
pub fn language(selector: u8) -> LanguageTag {
    let tag = LANGUAGES[usize::from(selector) % LANGUAGES.len()];
    LanguageTag::parse(tag).expect("the fuzz languages are valid tags")
}

/// The built-in segmenter of `lang`, compiled once per language: compiling the rules
/// takes far longer than splitting a fuzz input.
pub fn segmenter(lang: &LanguageTag) -> &'static Segmenter {
    static COMPILED: OnceLock<Mutex<HashMap<LanguageTag, &'static Segmenter>>> = OnceLock::new();
    let mut compiled = COMPILED.get_or_init(Default::default).lock().unwrap();
    compiled
        .entry(lang.clone())
        .or_insert_with(|| Box::leak(Box::new(Segmenter::builtin(lang))))
}

/// The bundled trilingual sample (ru, az, en), for targets that need documents
/// around the fuzzed input.
pub const FORUM: [(&str, &str); 3] = [
    ("ru", include_str!("../../samples/forum/ru.txt")),
    ("az", include_str!("../../samples/forum/az.txt")),
    ("en", include_str!("../../samples/forum/en.txt")),
];

/// Assert what the segmenter promises of `segments` cut from `text`: in order, not
/// overlapping, on character boundaries, non-empty and trimmed, paragraphs counted up
/// from zero without gaps, and nothing but whitespace left between them.
pub fn check_segments(text: &str, segments: &[Segment]) {
    let mut at = 0;
    let mut paragraph = 0;
    for (i, s) in segments.iter().enumerate() {
        assert!(
            at <= s.start && s.start < s.end && s.end <= text.len(),
            "segment {i} {s:?} after byte {at} in a text of {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "segment {i} {s:?} splits a character"
        );
        let between = &text[at..s.start];
        assert!(
            between.trim().is_empty(),
            "text {between:?} before segment {i} is in no segment"
        );
        let body = s.text(text);
        assert_eq!(body, body.trim(), "segment {i} is not trimmed");
        let next = if i == 0 { 0 } else { paragraph + 1 };
        assert!(
            (i > 0 && s.paragraph == paragraph) || s.paragraph == next,
            "segment {i} is in paragraph {} after paragraph {paragraph}",
            s.paragraph
        );
        paragraph = s.paragraph;
        at = s.end;
    }
    assert!(
        text[at..].trim().is_empty(),
        "the text's end {:?} is in no segment",
        &text[at..]
    );
}

/// A DOCX archive whose `word/document.xml` is `document`, stored uncompressed so the
/// fuzzer's bytes are the part's bytes.
pub fn docx(document: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("[Content_Types].xml", stored)
        .and_then(|()| Ok(zip.write_all(b"<Types/>")?))
        .and_then(|()| zip.start_file("word/document.xml", stored))
        .and_then(|()| Ok(zip.write_all(document)?))
        .expect("writing to memory cannot fail");
    zip.finish()
        .expect("writing to memory cannot fail")
        .into_inner()
}

/// Whether `markers` occur in `text` one after another, in order.
pub fn in_order(text: &str, markers: &[String]) -> bool {
    let mut rest = text;
    markers.iter().all(|m| match rest.find(m.as_str()) {
        Some(at) => {
            rest = &rest[at + m.len()..];
            true
        }
        None => false,
    })
}

/// Read `bytes` as a source document of `format` the way `align` and `pretranslate` do,
/// segment it with the built-in rules, and write a translation back: with every segment
/// replaced by itself the document reads back to the same words, and with every segment
/// replaced by a marker the markers read back in order. (A DOCX whose other parts are
/// damaged may be refused on writing, with an error.)
pub fn check_source(format: SourceFormat, name: &str, bytes: &[u8]) {
    let Ok(text) = source::read_as(format, name, bytes, &Limits::default()) else {
        return;
    };
    let lang = LanguageTag::detect(&text);
    let segments = segmenter(&lang).split(&text);
    check_segments(&text, &segments);
    let translate = |texts: &dyn Fn(usize, &str) -> String| -> Option<String> {
        let replacements: Vec<Replacement> = segments
            .iter()
            .enumerate()
            .map(|(i, s)| Replacement {
                span: s.start..s.end,
                text: texts(i, s.text(&text)),
            })
            .collect();
        let written = match source::write_translated(
            format,
            name,
            bytes,
            lang.as_str(),
            &replacements,
            &Limits::default(),
        ) {
            Ok(written) => written,
            // The archive's other parts are copied as they are: one that is damaged
            // cannot be, though the text read well. Refused, which is what it should be.
            Err(SourceError::NotDocx { .. }) => return None,
            Err(e) => panic!("a document read and segmented writes back: {e}"),
        };
        let read = source::read_as(format, name, &written, &Limits::default())
            .unwrap_or_else(|e| panic!("a document Dragoman wrote reads back: {e}"));
        Some(read)
    };
    let Some(same) = translate(&|_, same| same.to_string()) else {
        return;
    };
    // Up to white space: a segment across a line break (`<br>`, `w:br`) is written whole
    // into its first text run, where the break's newline is layout.
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(words(&same), words(&text));
    let markers: Vec<String> = (0..segments.len()).map(|i| format!("[[{i}]]")).collect();
    let translated = translate(&|i, _| markers[i].clone()).expect("it wrote once");
    assert!(
        in_order(&translated, &markers),
        "the translation {translated:?} lost segments"
    );
}
