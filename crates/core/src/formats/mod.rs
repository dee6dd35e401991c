//! File formats: how alignments and memories are written for other tools and scripts,
//! and how memories made elsewhere are read.

pub mod beads;
pub mod bilingual;
pub mod table;
pub mod tmx;
pub mod tmx_read;
mod tmx_source;
pub mod xliff;
pub mod xliff_read;

/// Whether a `<!DOCTYPE …>` declares entities. Memories and documents are read without
/// expanding them (a few nested declarations expand to gigabytes: "billion laughs"), so
/// a file that declares any is refused rather than read with them left out.
fn declares_entities(doctype: &[u8]) -> bool {
    String::from_utf8_lossy(doctype)
        .to_ascii_uppercase()
        .contains("<!ENTITY")
}
