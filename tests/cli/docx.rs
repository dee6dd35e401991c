use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use dragoman_tests::{fixtures, run};

use crate::scratch;

/// A memory of the sentences the DOCX files below hold, imported from TMX.
fn memory(dir: &Path) -> String {
    let tmx = dir.join("memory.tmx");
    let units = [
        ("Межрегиональный форум", "Inter-regional forum"),
        (
            "Стороны подписали 15 соглашений на сумму более 3 млрд долл. США.",
            "The parties signed 15 agreements worth more than $3 billion.",
        ),
        ("Источник: АЗЕРТАДЖ.", "Source: AZERTAC."),
        (
            "Форум COP29 открылся в Баку.",
            "The COP29 forum opened in Baku.",
        ),
        ("Пресс-релиз", "Press release"),
    ];
    let tus: String = units
        .iter()
        .map(|(ru, en)| {
            format!(
                r#"<tu><tuv xml:lang="ru"><seg>{ru}</seg></tuv><tuv xml:lang="en"><seg>{en}</seg></tuv></tu>"#
            )
        })
        .collect();
    std::fs::write(
        &tmx,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="ru" datatype="plaintext"/><body>{tus}</body></tmx>"#
        ),
    )
    .unwrap();
    let db = dir.join("dragoman.sqlite").display().to_string();
    let out = run(&["tm", "--db", &db, "import", tmx.to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    db
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A Word document made by hand, with every part Word and LibreOffice need: a sentence
/// with a bold word and a footnote reference inside it, the footnote, and a header.
fn handmade_docx(path: &Path) {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body><w:p><w:r><w:t xml:space="preserve">Форум </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>COP29</w:t></w:r><w:r><w:t xml:space="preserve"> открылся</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> в Баку.</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rId3"/></w:sectPr></w:body></w:document>"#
    );
    let footnotes = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Источник: АЗЕРТАДЖ.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let header = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {W}><w:p><w:r><w:t>Пресс-релиз</w:t></w:r></w:p></w:hdr>"#
    );
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let document_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, content) in [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("word/_rels/document.xml.rels", document_rels),
        ("word/document.xml", &document),
        ("word/footnotes.xml", &footnotes),
        ("word/header1.xml", &header),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// `files` converted to HTML by LibreOffice (one run for all: each start costs seconds),
/// in a profile of its own under `dir` so tests running side by side do not share one;
/// each HTML's text with white space collapsed.
fn libreoffice_html(dir: &Path, files: &[PathBuf]) -> Vec<String> {
    let profile = dir.join("libreoffice-profile");
    let html = dir.join("html");
    let converted = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "html", "--outdir"])
        .arg(&html)
        .args(files)
        .output();
    let converted = match converted {
        Ok(out) => out,
        Err(e) => panic!(
            "soffice (LibreOffice) cannot be run ({e}): install it with scripts/deps.sh \
             (Debian's libreoffice-writer-nogui)"
        ),
    };
    let stderr = String::from_utf8_lossy(&converted.stderr);
    assert!(converted.status.success(), "soffice failed: {stderr}");
    files
        .iter()
        .map(|f| {
            let name = f.with_extension("html");
            let page = html.join(name.file_name().unwrap());
            let text = std::fs::read_to_string(&page).unwrap_or_else(|e| {
                panic!("LibreOffice wrote no {}: {e}; {stderr}", page.display())
            });
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// Issue 15's DOCX round trip: a bold word inside a sentence and a footnote come back
/// translated, in a document LibreOffice opens with both in place; one document saved by
/// LibreOffice itself, one made by hand the way Word writes one.
#[test]
fn a_translated_docx_keeps_its_bold_word_and_footnote_in_libreoffice() {
    let dir = scratch("docx_libreoffice");
    let db = memory(&dir);
    let saved_by_libreoffice = fixtures().join("docx/libreoffice-forum.docx");
    let handmade = dir.join("handmade.docx");
    handmade_docx(&handmade);
    let mut outputs = Vec::new();
    for (source, out) in [
        (&saved_by_libreoffice, "forum.en.docx"),
        (&handmade, "handmade.en.docx"),
    ] {
        let out_path = dir.join(out);
        let done = run(&[
            "pretranslate",
            source.to_str().unwrap(),
            "--src",
            "ru",
            "--tgt",
            "en",
            "--db",
            &db,
            "--out",
            out_path.to_str().unwrap(),
        ]);
        assert_eq!(done.code, Some(0), "{}", done.stderr);
        outputs.push(out_path);
    }
    let pages = libreoffice_html(&dir, &outputs);
    let footnote = |page: &str, text: &str| {
        page.split_once(r#"<div id="sdfootnote1">"#)
            .and_then(|(_, rest)| rest.split_once("</div>"))
            .is_some_and(|(note, _)| note.contains(text))
    };

    let forum = &pages[0];
    assert!(
        forum.contains(r#"The parties signed <b>15</b> agreements worth more than $3 billion.<a class="sdfootnoteanc""#),
        "the bold number and the footnote's reference: {forum}"
    );
    assert!(footnote(forum, "Source: AZERTAC."), "{forum}");
    assert!(forum.contains("Inter-regional forum"), "{forum}");
    assert!(!forum.contains("соглашений"), "{forum}");

    let handmade = &pages[1];
    assert!(
        handmade.contains(r#"The <b>COP29</b> forum opened in Baku.<sup><a class="sdfootnoteanc""#),
        "{handmade}"
    );
    let header = handmade
        .split_once(r#"<div title="header">"#)
        .and_then(|(_, rest)| rest.split_once("</div>"))
        .map(|(header, _)| header);
    assert!(
        header.is_some_and(|h| h.contains("Press release")),
        "the header is translated: {handmade}"
    );
    assert!(footnote(handmade, "Source: AZERTAC."), "{handmade}");
    assert!(!handmade.contains("Источник"), "{handmade}");
}

/// A DOCX pre-translated into XLIFF for another tool: its formatting codes are XLIFF
/// inline elements (never the private characters Dragoman keeps them as), in both
/// versions, valid against the official schemas.
#[test]
fn a_docx_converted_to_xliff_carries_its_codes_as_inline_elements() {
    let dir = scratch("docx_xliff");
    let db = memory(&dir);
    let handmade = dir.join("handmade.docx");
    handmade_docx(&handmade);
    for (version, open, close) in [("1.2", "<bx ", "<ex "), ("2.1", "<sc ", "<ec ")] {
        let out = dir.join(format!("handmade-{version}.xlf"));
        let args = ["--src", "ru", "--tgt", "en", "--xliff", version];
        crate::xliff::pretranslate(&handmade, &out, &db, &args);
        let xml = std::fs::read_to_string(&out).unwrap();
        assert!(
            !xml.chars().any(dragoman_core::inline::is_mark),
            "no private marker in {xml}"
        );
        assert!(
            xml.contains(open) && xml.contains(close),
            "{version}: {xml}"
        );
        assert_eq!(
            crate::xliff::schema_errors(&out),
            Vec::<String>::new(),
            "{version}"
        );
    }
}
