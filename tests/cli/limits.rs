//! Files beyond the limits on what Dragoman reads (issue 19's hostile-input probe): each
//! ends at once in one error line naming the file, the limit and `--max`, never in a
//! truncated result or all the machine's memory; what the old line limit refused by
//! mistake (minified XML and HTML) is read.

use std::io::Write;
use std::path::Path;

use dragoman_tests::{Run, run};

use crate::scratch;

/// A zip archive of `parts`, deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A workbook whose first sheet has `sheet_data`, with `strings` shared.
fn workbook(sheet_data: &str, strings: &str) -> Vec<u8> {
    let book = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Terms" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let relations = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>{sheet_data}</sheetData></worksheet>"#
    );
    let strings = format!(
        r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>"#
    );
    zip_of(&[
        ("xl/workbook.xml", book.as_bytes()),
        ("xl/_rels/workbook.xml.rels", relations.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/sharedStrings.xml", strings.as_bytes()),
    ])
}

/// A DOCX whose one paragraph holds `text`.
fn docx(text: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"#
    );
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The report of `glossary import --json` of `file` into `db`, which succeeds.
fn imported(db: &Path, file: &Path) -> String {
    let out = run(&["glossary", "import", "--db", path(db), path(file), "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    out.stdout
}

/// `out` failed with exit code 2 and one error line that says each of `says`.
fn refused(out: &Run, says: &[&str]) {
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("dragoman:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", out.stderr);
    for said in says {
        assert_eq!(
            errors[0].matches(said).count(),
            1,
            "says {said:?} once: {}",
            errors[0]
        );
    }
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

/// `tm import /dev/zero` read zeros until the memory ran out and aborted. Named as a
/// table or as a TMX file, it ends at its first byte.
#[cfg(unix)]
#[test]
fn importing_dev_zero_ends_at_its_first_byte() {
    let dir = scratch("limits_dev_zero");
    let db = dir.join("m.sqlite");
    let out = run(&["tm", "import", "--db", path(&db), "/dev/zero"]);
    refused(&out, &["/dev/zero", "binary data at byte 0"]);
    let tmx = dir.join("zero.tmx");
    std::os::unix::fs::symlink("/dev/zero", &tmx).unwrap();
    let out = run(&["tm", "import", "--db", path(&db), path(&tmx)]);
    refused(&out, &["zero.tmx", "NUL byte at byte 0"]);
    let out = run(&["glossary", "import", "--db", path(&db), "/dev/zero"]);
    refused(&out, &["/dev/zero"]);
}

/// A file read whole is refused past `file-bytes`, whatever it is.
#[test]
fn a_file_beyond_file_bytes_is_refused_and_the_limit_can_be_raised() {
    let dir = scratch("limits_file_bytes");
    let text = dir.join("talks.txt");
    std::fs::write(&text, "Переговоры прошли в Баку. ".repeat(100)).unwrap();
    let out = run(&[
        "segment",
        "--lang",
        "ru",
        "--max",
        "file-bytes=1K",
        path(&text),
    ]);
    refused(
        &out,
        &["talks.txt", "larger than 1024 bytes", "--max file-bytes=N"],
    );
    let out = run(&[
        "segment",
        "--lang",
        "ru",
        "--max",
        "file-bytes=1M",
        path(&text),
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let out = run(&["segment", "--max", "depth", path(&text)]);
    refused(&out, &["--max", "KEY=VALUE"]);
    let out = run(&["segment", "--max", "height=3", path(&text)]);
    refused(&out, &["--max", "not a limit", "srx-rules"]);
}

/// Finding 4: a 1.6 KB workbook with cells at A1 and XFD1048576 took 24 GB. Its two
/// corners are read, and the concept between them imported.
#[test]
fn a_workbook_with_cells_at_a1_and_xfd1048576_is_imported() {
    let dir = scratch("limits_xlsx_corners");
    let book = dir.join("corners.xlsx");
    let bytes = workbook(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row><row r="1048576"><c r="XFD1048576" t="s"><v>2</v></c></row>"#,
        "<si><t>en</t></si><si><t>ru</t></si><si><t>forum</t></si><si><t>форум</t></si>",
    );
    assert!(bytes.len() < 2048, "{}", bytes.len());
    std::fs::write(&book, bytes).unwrap();
    let report = imported(&dir.join("g.sqlite"), &book);
    assert!(report.contains("\"added\":1"), "{report}");
}

/// Finding 4: zip bombs of shared strings aborted at 3 GB, in `glossary import` and in
/// `align --glossary` alike. The part beyond the unpacked limit is refused before it is
/// unpacked.
#[test]
fn a_workbook_bomb_ends_at_the_unpacked_limit() {
    let dir = scratch("limits_xlsx_bomb");
    let book = dir.join("bomb.xlsx");
    let bytes = workbook(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
        &"<si><t>en</t></si>".repeat(120_000),
    );
    assert!(bytes.len() < 64 << 10, "{}", bytes.len());
    std::fs::write(&book, bytes).unwrap();
    let db = dir.join("g.sqlite");
    let limit = "unpacked-bytes=1M";
    let says = [
        "bomb.xlsx",
        "more than 1048576 bytes",
        "--max unpacked-bytes=N",
    ];
    let out = run(&[
        "glossary",
        "import",
        "--max",
        limit,
        "--db",
        path(&db),
        path(&book),
    ]);
    refused(&out, &says);
    let ru = dragoman_tests::fixtures().join("ntrex/ru.txt");
    let en = dragoman_tests::fixtures().join("ntrex/en.txt");
    let out = run(&[
        "align",
        "--max",
        limit,
        "--glossary",
        path(&book),
        path(&ru),
        path(&en),
    ]);
    refused(&out, &says);
}

/// Finding 3: a DOCX whose `document.xml` was over the limit was cut, segmented and
/// written back as a document no longer well-formed, with exit code 0. `segment` and
/// `pretranslate` now refuse it, and write nothing.
#[test]
fn a_docx_beyond_the_unpacked_limit_is_refused_not_cut() {
    let dir = scratch("limits_docx");
    let source = dir.join("big.docx");
    std::fs::write(&source, docx(&"Переговоры прошли в Баку. ".repeat(400))).unwrap();
    let limit = "unpacked-bytes=4K";
    let says = ["big.docx", "more than 4096 bytes", "--max unpacked-bytes=N"];
    let out = run(&["segment", "--lang", "ru", "--max", limit, path(&source)]);
    refused(&out, &says);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let target = dir.join("big.en.docx");
    let db = dir.join("m.sqlite");
    let out = run(&[
        "pretranslate",
        "--max",
        limit,
        "--db",
        path(&db),
        "--src",
        "ru",
        "--tgt",
        "en",
        path(&source),
        "--out",
        path(&target),
    ]);
    refused(&out, &says);
    assert!(!target.exists());
    let out = run(&["segment", "--lang", "ru", path(&source)]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

/// Finding 9 (part): the 1 MiB line limit refused valid minified TBX, XLIFF and HTML.
/// Markup files are limited by what they hold, not by their line breaks.
#[test]
fn minified_markup_longer_than_a_mebibyte_a_line_is_read() {
    let dir = scratch("limits_minified");
    let html = dir.join("page.html");
    let paragraphs = "<p>Переговоры прошли в Баку.</p>".repeat(40_000);
    std::fs::write(&html, format!("<html><body>{paragraphs}</body></html>")).unwrap();
    assert!(std::fs::metadata(&html).unwrap().len() > 1 << 20);
    let out = run(&["segment", "--lang", "ru", "--format", "jsonl", path(&html)]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 40_000);

    let tbx = dir.join("terms.tbx");
    let entries: String = (0..8_000)
        .map(|i| format!(r#"<conceptEntry id="c{i}"><langSec xml:lang="en"><termSec><term>forum {i}</term></termSec></langSec><langSec xml:lang="ru"><termSec><term>форум {i}</term></termSec></langSec></conceptEntry>"#))
        .collect();
    std::fs::write(
        &tbx,
        format!("<tbx><text><body>{entries}</body></text></tbx>"),
    )
    .unwrap();
    assert!(std::fs::metadata(&tbx).unwrap().len() > 1 << 20);
    let report = imported(&dir.join("g.sqlite"), &tbx);
    assert!(report.contains("\"added\":8000"), "{report}");

    let xliff = dir.join("job.xlf");
    let units: String = (0..20_000)
        .map(|i| format!(r#"<trans-unit id="{i}"><source>Переговоры прошли в Баку {i}.</source></trans-unit>"#))
        .collect();
    std::fs::write(
        &xliff,
        format!(r#"<xliff version="1.2"><file source-language="ru" target-language="en"><body>{units}</body></file></xliff>"#),
    )
    .unwrap();
    assert!(std::fs::metadata(&xliff).unwrap().len() > 1 << 20);
    // Pretranslation reads an existing memory.
    let units = dir.join("units.tsv");
    std::fs::write(&units, "ru\ten\nДа.\tYes.\n").unwrap();
    let made = run(&[
        "tm",
        "--db",
        path(&dir.join("m.sqlite")),
        "import",
        path(&units),
    ]);
    assert_eq!(made.code, Some(0), "{}", made.stderr);
    let out = run(&[
        "pretranslate",
        "--db",
        path(&dir.join("m.sqlite")),
        path(&xliff),
        "--out",
        path(&dir.join("job.txt")),
        "--json",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("\"segments\":20000"), "{}", out.stdout);
}
