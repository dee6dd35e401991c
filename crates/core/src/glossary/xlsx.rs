//! Glossaries as Excel workbooks (XLSX), in the [table layout](super::table): the first
//! worksheet, its first non-empty row the header. Reading with calamine, writing with
//! rust_xlsxwriter.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::Concept;
use super::table::{self, TableError};
use crate::lang::LanguageTag;

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        // Ids typed as numbers come back as floats: 12.0 is the id "12".
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// Read a glossary from the first worksheet of an XLSX workbook.
pub fn read(bytes: &[u8], id_column: Option<&str>) -> Result<Vec<Concept>, TableError> {
    let malformed = |message: String| TableError::Malformed { line: 0, message };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| malformed(format!("not an XLSX workbook: {e}")))?;
    let sheet = book
        .worksheet_range_at(0)
        .ok_or_else(|| malformed("the workbook has no worksheet".into()))?
        .map_err(|e| malformed(e.to_string()))?;
    // Rows count from the sheet's first used row; report them as the sheet numbers them.
    let first_row = u64::from(sheet.start().map_or(0, |(row, _)| row)) + 1;
    let mut rows = sheet
        .rows()
        .enumerate()
        .map(|(k, cells)| (first_row + k as u64, cells));
    let Some((_, header)) = rows.next() else {
        return Err(TableError::NoHeader);
    };
    let header: Vec<String> = header.iter().map(cell_text).collect();
    let body = rows.map(|(line, cells)| Ok((line, cells.iter().map(cell_text).collect())));
    table::concepts(&header, body, id_column)
}

/// Write `concepts` as an XLSX workbook with a column per language of `langs`.
pub fn write(concepts: &[Concept], langs: &[LanguageTag]) -> Result<Vec<u8>, XlsxError> {
    let (header, rows) = table::rows(concepts, langs);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Glossary")?;
    let bold = Format::new().set_bold();
    for (c, name) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, name, &bold)?;
        sheet.set_column_width(c as u16, if c == 0 { 12 } else { 32 })?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, value)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::csv;

    #[test]
    fn writes_and_reads_back_the_starter_glossary() {
        let concepts = csv::read(
            include_str!("../../../../glossary/diplomatic.csv"),
            b',',
            None,
        )
        .unwrap();
        let langs: Vec<LanguageTag> = ["en", "ru", "az"]
            .iter()
            .map(|t| LanguageTag::parse(t).unwrap())
            .collect();
        let bytes = write(&concepts, &langs).unwrap();
        assert_eq!(&bytes[..2], b"PK", "an XLSX file is a zip archive");
        assert_eq!(read(&bytes, None).unwrap(), concepts);
    }

    #[test]
    fn refuses_what_is_not_a_workbook() {
        let err = read(b"id,en\n1,forum\n", None).unwrap_err();
        assert!(
            matches!(&err, TableError::Malformed { message, .. } if message.starts_with("not an XLSX workbook")),
            "{err}"
        );
    }

    #[test]
    fn numeric_ids_read_as_written() {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "id").unwrap();
        sheet.write_string(0, 1, "en").unwrap();
        sheet.write_number(1, 0, 12.0).unwrap();
        sheet.write_string(1, 1, "treaty").unwrap();
        let concepts = read(&book.save_to_buffer().unwrap(), None).unwrap();
        assert_eq!(concepts[0].id, "12");
    }
}
