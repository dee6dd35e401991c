//! Tests of the whole aligner on small documents.

use super::*;
use crate::lang::LanguageTag;
use crate::segment::presegmented;

fn doc(lang: &str, text: &str) -> Document {
    Document {
        name: lang.into(),
        lang: LanguageTag::parse(lang).unwrap(),
        text: text.into(),
        segments: presegmented(text),
    }
}

#[test]
fn an_empty_document_gives_one_sided_beads() {
    let ru = doc("ru", "");
    let en = doc("en", "One.\nTwo.\n");
    let alignment = align(&[ru, en], &AlignOptions::default()).unwrap();
    assert_eq!(alignment.shapes(), ["0-1", "0-1"]);
}
