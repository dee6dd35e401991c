//! Exporting an edited alignment through the shared writers in [`crate::formats`]:
//! TMX 1.4b (beads with text in two or more columns, as units), TSV and XLSX (every bead
//! a row, a column per language, as the editor shows them).

use std::io::Write;

use serde::{Deserialize, Serialize};

use super::EditorError;
use super::grid::EditableAlignment;
use crate::Timestamp;
use crate::formats::beads::{write_tsv_rows, xlsx_rows};
use crate::formats::tmx::{TmxHeader, TmxUnit, TmxWriter};
use crate::formats::tmx_read::props;

/// The file formats an alignment exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// TMX 1.4b, the first text's language as `srclang`.
    Tmx,
    /// Tab-separated values with a header of language tags.
    Tsv,
    /// An Excel workbook with a header of language tags.
    Xlsx,
}

/// Write `alignment` to `out` as `format`; returns how many beads were written.
pub fn export(
    alignment: &EditableAlignment,
    format: ExportFormat,
    out: &mut impl Write,
) -> Result<usize, EditorError> {
    let header: Vec<&str> = alignment.languages().iter().map(|l| l.as_str()).collect();
    let rows = || {
        (0..alignment.beads().len()).map(|b| {
            (0..alignment.columns())
                .map(|c| alignment.side_text(b, c))
                .collect::<Vec<_>>()
        })
    };
    match format {
        ExportFormat::Tsv => {
            write_tsv_rows(out, &header, rows())?;
            Ok(alignment.beads().len())
        }
        ExportFormat::Xlsx => {
            let bytes = xlsx_rows("Alignment", &header, rows())
                .map_err(|e| EditorError::Workbook(e.to_string()))?;
            out.write_all(&bytes)?;
            Ok(alignment.beads().len())
        }
        ExportFormat::Tmx => {
            let tmx_header = TmxHeader {
                srclang: alignment.languages().first().cloned(),
                creationdate: Some(Timestamp::now().to_tmx()),
                ..TmxHeader::default()
            };
            let mut writer = TmxWriter::start(&mut *out, &tmx_header)?;
            let document = alignment.documents().join(" | ");
            let mut count = 0;
            for row in rows() {
                let variants: Vec<_> = alignment
                    .languages()
                    .iter()
                    .cloned()
                    .zip(row)
                    .filter(|(_, text)| !text.is_empty())
                    .collect();
                if variants.len() < 2 {
                    continue;
                }
                writer.unit(&TmxUnit {
                    variants,
                    props: vec![(props::DOCUMENT.to_string(), document.clone())],
                    notes: Vec::new(),
                })?;
                count += 1;
            }
            writer.finish()?.flush()?;
            Ok(count)
        }
    }
}
