//! An alignment as TSV (its JSON Lines are the CLI's output contract, written there).
//!
//! TSV: one column per document, the bead's segments joined by a space, tabs and line
//! breaks inside a segment replaced by spaces so the table stays rectangular. The table writers also serve the alignment editor's export, which
//! adds XLSX (one row per bead, one column per language).

use crate::document::{Alignment, Document};

/// The text of a bead side for one-line formats: segments joined by a space, inner
/// whitespace runs (tabs, line breaks) collapsed to one space.
pub fn side_text(doc: &Document, range: &std::ops::Range<usize>) -> String {
    range
        .clone()
        .map(|i| {
            doc.segment_text(i)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Write the alignment as TSV: a header of language tags, then one row per bead.
pub fn write_tsv(
    out: &mut impl std::io::Write,
    docs: &[Document],
    alignment: &Alignment,
) -> std::io::Result<()> {
    let header: Vec<&str> = docs.iter().map(|d| d.lang.as_str()).collect();
    let rows = alignment.beads.iter().map(|bead| {
        bead.sides
            .iter()
            .zip(docs)
            .map(|(r, d)| side_text(d, r))
            .collect()
    });
    write_tsv_rows(out, &header, rows)
}

/// Write a table as TSV: the header, then each row, whitespace runs in a cell (tabs and
/// line breaks included) collapsed to one space so the table stays rectangular.
pub fn write_tsv_rows(
    out: &mut impl std::io::Write,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    writeln!(out, "{}", header.join("\t"))?;
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| cell.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        writeln!(out, "{}", cells.join("\t"))?;
    }
    Ok(())
}

/// A table as an XLSX workbook: one worksheet named `sheet`, the header in bold and
/// frozen, then each row, cells as written.
pub fn xlsx_rows(
    sheet: &str,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let worksheet = book.add_worksheet().set_name(sheet)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, name) in header.iter().enumerate() {
        worksheet.write_string_with_format(0, c as u16, *name, &bold)?;
        worksheet.set_column_width(c as u16, 48)?;
    }
    for (r, row) in rows.into_iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            worksheet.write_string(r as u32 + 1, c as u16, value)?;
        }
    }
    worksheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}
