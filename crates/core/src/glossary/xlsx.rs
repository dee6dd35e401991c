//! Glossaries as Excel workbooks (XLSX), in the [table layout](super::table): the first
//! worksheet, its first non-empty row the header. Writing with rust_xlsxwriter.
//!
//! Reading is done here, with quick-xml, on the parts a glossary needs (the workbook,
//! its relationships, the shared strings and the first worksheet), each read from the
//! archive within the [`Limits`]. Only the cells the sheet holds are visited, never the
//! range it declares: calamine, which this replaced, allocated that range (a 1.6 KB file
//! with cells at A1 and XFD1048576 took 24 GB) and reserved as many shared strings as
//! the file claimed. Empty cells between two that are present count towards
//! [`Limit::TableCells`], since a row is padded to them.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::Concept;
use super::table::{self, TableError};
use crate::lang::LanguageTag;
use crate::limits::{Exceeded, Limit, Limits, XmlFault, XmlLimits};
use crate::package::{Package, PackageError};

const WORKBOOK: &str = "xl/workbook.xml";
const WORKBOOK_RELATIONS: &str = "xl/_rels/workbook.xml.rels";
const SHARED_STRINGS: &str = "xl/sharedStrings.xml";

/// The columns a worksheet has (A to XFD) and its rows.
const COLUMNS: usize = 16_384;
const ROWS: u64 = 1_048_576;

/// Read a glossary from the first worksheet of an XLSX workbook, within `limits`.
pub fn read(
    bytes: &[u8],
    id_column: Option<&str>,
    limits: &Limits,
) -> Result<Vec<Concept>, TableError> {
    read_counting(bytes, id_column, limits).map(|(concepts, _)| concepts)
}

/// [`read`], with the work done: events and attributes of every part, cells padded.
fn read_counting(
    bytes: &[u8],
    id_column: Option<&str>,
    limits: &Limits,
) -> Result<(Vec<Concept>, u64), TableError> {
    let mut package = Package::open(bytes, limits).map_err(|e| package_fault(e, ""))?;
    let mut work = 0;
    let sheet = first_sheet(&mut package, limits, &mut work)?;
    let strings = if package.has(SHARED_STRINGS) {
        let xml = part_text(&mut package, SHARED_STRINGS)?;
        shared_strings(&xml, limits, &mut work)?
    } else {
        Vec::new()
    };
    let xml = part_text(&mut package, &sheet)?;
    let mut rows = Rows::new(&sheet, &xml, &strings, limits);
    let header = loop {
        match rows.next() {
            None => return Err(TableError::NoHeader),
            Some(row) => {
                let (_, mut cells) = row?;
                let Some(last) = cells.iter().rposition(|c| !c.trim().is_empty()) else {
                    continue;
                };
                cells.truncate(last + 1);
                break cells;
            }
        }
    };
    // Cells beyond the header have no column to go in.
    rows.width = header.len();
    let concepts = table::concepts(&header, &mut rows, id_column)?;
    Ok((concepts, work + rows.work()))
}

fn package_fault(e: PackageError, part: &str) -> TableError {
    match e {
        PackageError::NotZip(message) => malformed(format!("not an XLSX workbook: {message}")),
        PackageError::Missing(name) if part.is_empty() => {
            malformed(format!("not an XLSX workbook: no {name}"))
        }
        PackageError::Missing(name) => malformed(format!("{part}: no {name} in the workbook")),
        PackageError::Exceeded(exceeded) => TableError::Limit(exceeded),
    }
}

fn malformed(message: String) -> TableError {
    TableError::Malformed { line: 0, message }
}

/// The text of part `name`.
fn part_text(package: &mut Package, name: &str) -> Result<String, TableError> {
    let bytes = package.read(name).map_err(|e| package_fault(e, ""))?;
    String::from_utf8(bytes).map_err(|e| malformed(format!("{name}: {e}")))
}

/// The XML of one part being read, each event checked against the element limits.
struct Part<'x> {
    name: &'x str,
    xml: Reader<&'x [u8]>,
    checks: XmlLimits,
}

impl<'x> Part<'x> {
    fn new(name: &'x str, xml: &'x str, limits: &Limits) -> Self {
        Self {
            name,
            xml: Reader::from_str(xml),
            checks: XmlLimits::new(limits),
        }
    }

    fn next(&mut self) -> Result<Event<'x>, TableError> {
        let event = self.xml.read_event().map_err(|e| self.malformed(&e))?;
        self.checks.check(&event).map_err(|fault| match fault {
            XmlFault::Exceeded(exceeded) => TableError::Limit(exceeded),
            XmlFault::Malformed(message) => self.malformed(&message),
        })?;
        Ok(event)
    }

    /// The value of the attribute of `e` whose local name is `name`.
    fn attribute(&self, e: &BytesStart, name: &[u8]) -> Result<Option<String>, TableError> {
        for attribute in self.checks.attributes(e) {
            let attribute = attribute.map_err(|e| self.malformed(&e))?;
            if attribute.key.local_name().as_ref() == name {
                let value = attribute.unescape_value().map_err(|e| self.malformed(&e))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    /// The unescaped text of a text event.
    fn text(&self, event: &Event) -> Result<String, TableError> {
        Ok(match event {
            Event::Text(t) => t.unescape().map_err(|e| self.malformed(&e))?.into_owned(),
            Event::CData(c) => String::from_utf8_lossy(c).into_owned(),
            _ => String::new(),
        })
    }

    fn malformed(&self, e: &dyn std::fmt::Display) -> TableError {
        malformed(format!(
            "{}, byte {}: {e}",
            self.name,
            self.xml.buffer_position()
        ))
    }

    fn ended(&self) -> TableError {
        malformed(format!("{}: the part ends too soon", self.name))
    }

    fn work(&self) -> u64 {
        self.checks.work()
    }
}

/// The path of the workbook's first worksheet: the first `sheet` of the workbook, found
/// by its relationship.
fn first_sheet(
    package: &mut Package,
    limits: &Limits,
    work: &mut u64,
) -> Result<String, TableError> {
    let xml = part_text(package, WORKBOOK)?;
    let mut part = Part::new(WORKBOOK, &xml, limits);
    let id = loop {
        match part.next()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"sheet" => {
                break part.attribute(&e, b"id")?;
            }
            Event::Eof => return Err(malformed("the workbook has no worksheet".into())),
            _ => {}
        }
    };
    *work += part.work();
    let id = id.ok_or_else(|| malformed(format!("{WORKBOOK}: a <sheet> without r:id")))?;
    let xml = part_text(package, WORKBOOK_RELATIONS)?;
    let mut part = Part::new(WORKBOOK_RELATIONS, &xml, limits);
    loop {
        match part.next()? {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == b"Relationship"
                    && part.attribute(&e, b"Id")?.as_deref() == Some(id.as_str()) =>
            {
                let target = part.attribute(&e, b"Target")?.unwrap_or_default();
                *work += part.work();
                // Targets are relative to the workbook's folder, or absolute in the package.
                return Ok(match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("xl/{target}"),
                });
            }
            Event::Eof => {
                return Err(malformed(format!(
                    "{WORKBOOK_RELATIONS}: no relationship {id:?} for the first worksheet"
                )));
            }
            _ => {}
        }
    }
}

/// A string cell's text with OOXML's escapes decoded: `_xHHHH_` stands for the character
/// HHHH (Excel and rust_xlsxwriter write a carriage return as `_x000D_`, and a literal
/// `_x` as `_x005F_x`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let escape = rest[at..]
            .get(2..7)
            .filter(|e| e.ends_with('_') && e[..4].bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|e| char::from_u32(u32::from_str_radix(&e[..4], 16).ok()?));
        match escape {
            Some(c) => {
                out.push(c);
                rest = &rest[at + 7..];
            }
            None => {
                out.push_str("_x");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The shared strings: each `si`'s text, its runs joined, phonetic guides (`rPh`) left
/// out.
fn shared_strings(xml: &str, limits: &Limits, work: &mut u64) -> Result<Vec<String>, TableError> {
    let mut part = Part::new(SHARED_STRINGS, xml, limits);
    let mut strings = Vec::new();
    let mut current: Option<String> = None;
    let (mut in_text, mut phonetic) = (false, 0usize);
    loop {
        let event = part.next()?;
        match &event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"si" => current = Some(String::new()),
                b"t" => in_text = true,
                b"rPh" => phonetic += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"si" => strings.extend(current.take().map(|s| unescape(&s))),
                b"t" => in_text = false,
                b"rPh" => phonetic = phonetic.saturating_sub(1),
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"si" => strings.push(String::new()),
            Event::Text(_) | Event::CData(_) if in_text && phonetic == 0 => {
                if let Some(s) = &mut current {
                    s.push_str(&part.text(&event)?);
                    limits.check_text(s)?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    *work += part.work();
    Ok(strings)
}

/// The rows of a worksheet in order, each with its 1-based number and its cells from
/// column A, empty where the sheet has none, up to its last cell (or the header's last
/// column, once `width` is set).
struct Rows<'x, 's> {
    part: Part<'x>,
    strings: &'s [String],
    width: usize,
    /// Cells visited and padded so far, and how many the limit allows.
    cells: u64,
    max_cells: u64,
    limits: Limits,
    last_row: u64,
    done: bool,
}

impl<'x, 's> Rows<'x, 's> {
    fn new(name: &'x str, xml: &'x str, strings: &'s [String], limits: &Limits) -> Self {
        Self {
            part: Part::new(name, xml, limits),
            strings,
            width: COLUMNS,
            cells: 0,
            max_cells: limits.get(Limit::TableCells),
            limits: *limits,
            last_row: 0,
            done: false,
        }
    }

    fn work(&self) -> u64 {
        self.part.work() + self.cells
    }

    /// Count `n` more cells against the limit.
    fn count(&mut self, n: usize) -> Result<(), TableError> {
        self.cells += n as u64;
        if self.cells > self.max_cells {
            return Err(TableError::Limit(Exceeded {
                limit: Limit::TableCells,
                max: self.max_cells,
            }));
        }
        Ok(())
    }

    /// The next row, `None` after `</sheetData>`.
    fn row(&mut self) -> Result<Option<(u64, Vec<String>)>, TableError> {
        let mut row: Option<(u64, Vec<String>)> = None;
        let mut column = 0usize;
        loop {
            match self.part.next()? {
                Event::Start(e) if e.local_name().as_ref() == b"row" => {
                    row = Some((self.row_number(&e)?, Vec::new()));
                    column = 0;
                }
                Event::Empty(e) if e.local_name().as_ref() == b"row" => {
                    self.row_number(&e)?;
                }
                Event::Start(e) if e.local_name().as_ref() == b"c" => {
                    column = self.column(&e, column)?;
                    let kind = self.part.attribute(&e, b"t")?;
                    let value = self.cell(kind.as_deref())?;
                    self.count(1)?;
                    if let Some((_, cells)) = &mut row
                        && column < self.width
                    {
                        let padding = column.saturating_sub(cells.len());
                        self.count(padding)?;
                        cells.resize(column, String::new());
                        cells.push(value);
                    }
                    column += 1;
                }
                // An empty cell with only a style: it holds nothing, but takes its column.
                Event::Empty(e) if e.local_name().as_ref() == b"c" => {
                    column = self.column(&e, column)? + 1;
                    self.count(1)?;
                }
                Event::End(e) if e.local_name().as_ref() == b"row" => return Ok(row),
                Event::End(e) if e.local_name().as_ref() == b"sheetData" => return Ok(None),
                Event::Eof => return Err(self.part.ended()),
                _ => {}
            }
        }
    }

    /// The column of the cell `e` starts: its `r`, else `next`.
    fn column(&self, e: &BytesStart, next: usize) -> Result<usize, TableError> {
        match self.part.attribute(e, b"r")? {
            Some(at) => {
                column_of(&at).ok_or_else(|| self.part.malformed(&format!("cell reference {at:?}")))
            }
            None => Ok(next),
        }
    }

    /// The number of the row `e` starts: its `r`, else the one after the last.
    fn row_number(&mut self, e: &BytesStart) -> Result<u64, TableError> {
        let number = match self.part.attribute(e, b"r")? {
            Some(r) => r
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=ROWS).contains(n))
                .ok_or_else(|| self.part.malformed(&format!("row number {r:?}")))?,
            None => self.last_row + 1,
        };
        self.last_row = number;
        Ok(number)
    }

    /// The text of the cell just opened, of type `kind`, up to `</c>`.
    fn cell(&mut self, kind: Option<&str>) -> Result<String, TableError> {
        let (mut value, mut inline) = (String::new(), String::new());
        // Where the text being read goes: `v`, an inline string's `t`, or nowhere.
        let (mut in_value, mut in_inline, mut phonetic) = (false, false, 0usize);
        loop {
            let event = self.part.next()?;
            match &event {
                Event::Start(e) => match e.local_name().as_ref() {
                    b"v" => in_value = true,
                    b"t" => in_inline = true,
                    b"rPh" => phonetic += 1,
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"c" => break,
                    b"v" => in_value = false,
                    b"t" => in_inline = false,
                    b"rPh" => phonetic = phonetic.saturating_sub(1),
                    _ => {}
                },
                Event::Text(_) | Event::CData(_) if in_value => {
                    value.push_str(&self.part.text(&event)?);
                }
                Event::Text(_) | Event::CData(_) if in_inline && phonetic == 0 => {
                    inline.push_str(&self.part.text(&event)?);
                }
                Event::Eof => return Err(self.part.ended()),
                _ => {}
            }
            self.limits.check_text(&value)?;
            self.limits.check_text(&inline)?;
        }
        Ok(match kind {
            Some("s") => {
                let index = value.trim().parse::<usize>().ok();
                index
                    .and_then(|i| self.strings.get(i))
                    .cloned()
                    .ok_or_else(|| self.part.malformed(&format!("no shared string {value:?}")))?
            }
            Some("inlineStr") => unescape(&inline),
            Some("b") => match value.trim() {
                "1" => "TRUE".into(),
                _ => "FALSE".into(),
            },
            // Ids typed as numbers are stored as floats: 12.0 is the id "12".
            None | Some("n") => match value.trim().parse::<f64>() {
                Ok(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
                Ok(f) => f.to_string(),
                Err(_) => value,
            },
            // Formula strings, errors and ISO dates are text as written.
            _ => value,
        })
    }
}

impl Iterator for Rows<'_, '_> {
    type Item = Result<(u64, Vec<String>), TableError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let row = self.row().transpose();
        if !matches!(row, Some(Ok(_))) {
            self.done = true;
        }
        row
    }
}

/// The 0-based column of a cell reference such as `B7` or `XFD1048576`.
fn column_of(reference: &str) -> Option<usize> {
    let letters = reference.bytes().take_while(u8::is_ascii_alphabetic);
    let mut column = 0usize;
    let mut any = false;
    for letter in letters {
        column = column * 26 + usize::from(letter.to_ascii_uppercase() - b'A') + 1;
        any = true;
        if column > COLUMNS {
            return None;
        }
    }
    any.then(|| column - 1)
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
    fn string_escapes_are_decoded_and_a_literal_escape_kept() {
        assert_eq!(unescape("a_x000D_b"), "a\rb");
        assert_eq!(unescape("_x005F_x0041_"), "_x0041_");
        assert_eq!(unescape("_x00e9_t_x"), "ét_x");
        assert_eq!(
            unescape("_xD800_ _x12_"),
            "_xD800_ _x12_",
            "no char, no escape"
        );
    }
    use crate::package::tests::{declaring, zip_of};

    fn read(bytes: &[u8], id_column: Option<&str>) -> Result<Vec<Concept>, TableError> {
        super::read(bytes, id_column, &Limits::default())
    }

    /// Every row of the first worksheet, as [`Rows`] gives them before a header is
    /// chosen.
    fn sheet_rows(bytes: &[u8]) -> Vec<(u64, Vec<String>)> {
        let limits = Limits::default();
        let mut package = Package::open(bytes, &limits).unwrap();
        let sheet = first_sheet(&mut package, &limits, &mut 0).unwrap();
        let xml = part_text(&mut package, SHARED_STRINGS).unwrap();
        let strings = shared_strings(&xml, &limits, &mut 0).unwrap();
        let xml = part_text(&mut package, &sheet).unwrap();
        Rows::new(&sheet, &xml, &strings, &limits)
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// A workbook with `sheet_data` as its first worksheet's `sheetData` and `strings`
    /// as its shared strings, the parts as Excel names them.
    fn workbook(sheet_data: &str, strings: &str) -> Vec<u8> {
        let workbook = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Glossary" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
        let relations = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
        let sheet = format!(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>{sheet_data}</sheetData></worksheet>"#
        );
        let strings = format!(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1000000000000">{strings}</sst>"#
        );
        zip_of(&[
            (WORKBOOK, workbook.as_bytes()),
            (WORKBOOK_RELATIONS, relations.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
            (SHARED_STRINGS, strings.as_bytes()),
        ])
    }

    #[test]
    fn writes_and_reads_back_the_starter_glossary() {
        let concepts = csv::read(
            include_str!("../../../../glossary/diplomatic.csv"),
            b',',
            None,
            &Limits::default(),
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
        let err = read(&zip_of(&[("word/document.xml", b"<w:document/>")]), None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 0: not an XLSX workbook: no xl/workbook.xml"
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

    /// The reader against calamine, an independent one: the same cells, in the same
    /// places, for strings (shared, with markup to escape, in any script), numbers,
    /// booleans and gaps of empty cells.
    #[test]
    fn reads_the_cells_calamine_reads() {
        use calamine::Reader as _;
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for r in 0..40u32 {
            for c in 0..9u16 {
                let k = r * 9 + u32::from(c);
                match k % 7 {
                    0 => {}
                    1 => {
                        sheet
                            .write_number(r + 2, c + 1, f64::from(k) * 1.5)
                            .unwrap();
                    }
                    2 => {
                        sheet.write_number(r + 2, c + 1, f64::from(k)).unwrap();
                    }
                    3 => {
                        sheet.write_boolean(r + 2, c + 1, k % 2 == 0).unwrap();
                    }
                    4 => {
                        sheet
                            .write_string(r + 2, c + 1, format!("Bakı & <Баку> {k}"))
                            .unwrap();
                    }
                    _ => {
                        sheet.write_string(r + 2, c + 1, "repeated").unwrap();
                    }
                };
            }
        }
        let bytes = book.save_to_buffer().unwrap();
        let mut calamine = calamine::Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let range = calamine.worksheet_range_at(0).unwrap().unwrap();
        let (top, left) = range.start().unwrap();
        let text = |cell: &calamine::Data| match cell {
            calamine::Data::Bool(b) => b.to_string().to_uppercase(),
            calamine::Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
            other => other.to_string(),
        };
        let expected: Vec<(u64, Vec<String>)> = range
            .rows()
            .enumerate()
            .map(|(k, cells)| {
                let mut row = vec![String::new(); left as usize];
                row.extend(cells.iter().map(text));
                let end = row.iter().rposition(|c| !c.is_empty()).map_or(0, |e| e + 1);
                row.truncate(end);
                (u64::from(top) + k as u64 + 1, row)
            })
            .filter(|(_, row)| !row.is_empty())
            .collect();
        let read: Vec<(u64, Vec<String>)> = sheet_rows(&bytes)
            .into_iter()
            .filter(|(_, row)| !row.is_empty())
            .collect();
        assert_eq!(read, expected);
    }

    /// Issue 19, finding 4: a 1.6 KB workbook with cells at A1 and XFD1048576 made
    /// calamine allocate the whole range (24 GB). Only the two cells are visited.
    #[test]
    fn cells_far_apart_are_visited_not_the_range_between() {
        let bytes = workbook(
            r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>ru</t></is></c></row><row r="3"><c r="A3"><v>1</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" s="2"/></row><row r="1048576"><c r="XFD1048576" t="s"><v>1</v></c></row>"#,
            "<si><t>en</t></si><si><r><t>fo</t></r><r><t>rum</t></r><rPh><t>x</t></rPh></si>",
        );
        assert!(bytes.len() < 2048);
        let (concepts, work) = read_counting(&bytes, None, &Limits::default()).unwrap();
        assert_eq!(concepts.len(), 1);
        assert_eq!(concepts[0].terms[0].text, "1");
        assert_eq!(concepts[0].terms[1].text, "forum");
        assert!(work < 200, "{work}");
    }

    /// Rows padded to cells far to the right count as the cells they hold: a sheet
    /// of such rows ends at the cell limit, not at the memory's end.
    #[test]
    fn padded_rows_end_at_the_cell_limit() {
        let wide: String = (1..=100)
            .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="XFD{r}" t="s"><v>0</v></c></row>"#))
            .collect();
        let bytes = workbook(&wide, "<si><t>en</t></si>");
        let limits = Limits::default().with(Limit::TableCells, 100_000);
        let e = super::read(&bytes, None, &limits).unwrap_err();
        assert_eq!(
            e,
            TableError::Limit(Exceeded {
                limit: Limit::TableCells,
                max: 100_000
            })
        );
        assert!(super::read(&bytes, None, &Limits::default()).is_ok());
    }

    /// Issue 19, finding 4: zip bombs of a few megabytes (shared strings of gigabytes)
    /// aborted at 3 GB. A part beyond the unpacked limit is refused; one that hides its
    /// size is refused as a damaged archive.
    #[test]
    fn a_bomb_of_shared_strings_is_refused_at_the_unpacked_limit() {
        let strings = "<si><t>a</t></si>".repeat(200_000);
        let honest = workbook(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, &strings);
        assert!(honest.len() < 64 << 10, "{}", honest.len());
        let limits = Limits::default().with(Limit::UnpackedBytes, 1 << 20);
        let e = super::read(&honest, None, &limits).unwrap_err();
        assert_eq!(
            e,
            TableError::Limit(Exceeded {
                limit: Limit::UnpackedBytes,
                max: 1 << 20
            })
        );
        assert!(e.to_string().contains("--max unpacked-bytes=N"), "{e}");
        let e = super::read(&declaring(honest, 1000), None, &limits).unwrap_err();
        assert!(
            matches!(&e, TableError::Malformed { message, .. } if message.contains("declared")),
            "{e}"
        );
    }

    /// Reading grows linearly with the rows: four times the rows, at most five times
    /// the work.
    #[test]
    fn reading_grows_linearly_with_the_rows() {
        let work = |n: usize| {
            let rows: String = (2..n + 2)
                .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>1</v></c><c r="C{r}" t="inlineStr"><is><t>форум {r}</t></is></c></row>"#))
                .collect();
            let bytes = workbook(
                &format!(
                    r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>ru</t></is></c></row>{rows}"#
                ),
                "<si><t>en</t></si><si><t>forum</t></si>",
            );
            let (concepts, work) = read_counting(&bytes, None, &Limits::default()).unwrap();
            assert_eq!(concepts.len(), n);
            work
        };
        let (small, large) = (work(1_000), work(4_000));
        assert!(large <= 5 * small, "{small} → {large}");
    }

    #[test]
    fn columns_are_named_by_letters() {
        assert_eq!(column_of("A1"), Some(0));
        assert_eq!(column_of("z9"), Some(25));
        assert_eq!(column_of("AA10"), Some(26));
        assert_eq!(column_of("XFD1048576"), Some(COLUMNS - 1));
        assert_eq!(column_of("XFE1"), None);
        assert_eq!(column_of("ZZZZZZZZZZZZZZZZ1"), None);
        assert_eq!(column_of("17"), None);
    }
}
